//! Colours and text attributes. The monochrome theme (NO_COLOR, `--color never`) uses only
//! attributes, so the selection and focus stay visible without colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub header: Style,
    pub header_title: Style,
    pub header_filter: Style,
    pub footer: Style,
    pub footer_key: Style,
    pub message: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub day: Style,
    pub day_count: Style,
    pub time: Style,
    pub selected: Style,
    pub title: Style,
    pub label: Style,
    pub dim: Style,
    pub link: Style,
    pub status_disputed: Style,
    pub status_other: Style,
    pub popup: Style,
    pub checked: Style,
    /// Search matches.
    pub highlight: Style,
    /// The mark of marked events.
    pub mark: Style,
    /// Text typed into a prompt.
    pub input: Style,
    badges: Vec<Style>,
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    /// Colours that read well on dark and light terminals and on projectors.
    pub fn color() -> Theme {
        let badges = [Color::Red, Color::Green, Color::Blue, Color::Magenta, Color::Cyan, Color::LightRed, Color::LightGreen, Color::LightBlue, Color::LightMagenta]
            .into_iter()
            .map(|c| Style::new().fg(c).add_modifier(BOLD))
            .collect();
        Theme {
            header: Style::new().bg(Color::Blue).fg(Color::White),
            header_title: Style::new().bg(Color::Blue).fg(Color::White).add_modifier(BOLD),
            header_filter: Style::new().bg(Color::Blue).fg(Color::Yellow).add_modifier(BOLD),
            footer: Style::new(),
            footer_key: Style::new().bg(Color::Blue).fg(Color::White).add_modifier(BOLD),
            message: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(BOLD),
            pane_title: Style::new().add_modifier(BOLD),
            day: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            day_count: Style::new().fg(Color::DarkGray),
            time: Style::new(),
            selected: Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(BOLD),
            title: Style::new().add_modifier(BOLD),
            label: Style::new().fg(Color::Cyan).add_modifier(BOLD),
            dim: Style::new().fg(Color::DarkGray),
            link: Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            status_disputed: Style::new().fg(Color::Red).add_modifier(BOLD),
            status_other: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            popup: Style::new(),
            checked: Style::new().fg(Color::Green).add_modifier(BOLD),
            highlight: Style::new().bg(Color::Yellow).fg(Color::Black),
            mark: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            input: Style::new().add_modifier(BOLD),
            badges,
        }
    }

    /// Attributes only: bold, underline, reverse.
    pub fn mono() -> Theme {
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            header: rev,
            header_title: rev.add_modifier(BOLD),
            header_filter: rev.add_modifier(BOLD),
            footer: Style::new(),
            footer_key: rev.add_modifier(BOLD),
            message: Style::new().add_modifier(BOLD),
            border: Style::new(),
            border_focused: Style::new().add_modifier(BOLD),
            pane_title: Style::new().add_modifier(BOLD),
            day: Style::new().add_modifier(BOLD | Modifier::UNDERLINED),
            day_count: Style::new(),
            time: Style::new(),
            selected: rev.add_modifier(BOLD),
            title: Style::new().add_modifier(BOLD),
            label: Style::new().add_modifier(BOLD),
            dim: Style::new(),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            status_disputed: Style::new().add_modifier(BOLD),
            status_other: Style::new().add_modifier(BOLD),
            popup: Style::new(),
            checked: Style::new().add_modifier(BOLD),
            highlight: Style::new().add_modifier(BOLD | Modifier::UNDERLINED),
            mark: Style::new().add_modifier(BOLD),
            input: Style::new().add_modifier(BOLD),
            badges: vec![Style::new()],
        }
    }

    /// The badge style of a region (stable per region index).
    pub fn badge(&self, region: u16) -> Style {
        self.badges[region as usize % self.badges.len()]
    }
}
