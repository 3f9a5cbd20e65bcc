//! Colours and text attributes.
//!
//! - `dark` (the default) and `light` use the terminal's own palette, tuned for dark and light
//!   backgrounds.
//! - `high-contrast` sets every colour explicitly (24-bit), on a black background, and every
//!   foreground/background pair it uses passes WCAG AA (contrast ratio at least 4.5:1); a test
//!   computes the ratios. Meant for projectors.
//! - `mono` (NO_COLOR, `--color never`) uses only bold, underline and reverse video, so the
//!   selection and focus stay visible without colour.
//!
//! Any theme can be drawn plain (`--plain`, [`Theme::plain`]): the same colours, no borders or
//! drawn glyphs, one line of words per item, for screen readers (see `ui::plain`).
//!
//! Every text style of every theme passes WCAG AA (4.5:1) against its background. For `dark` and
//! `light`, which use the terminal's palette, the test reads the palette as xterm's defaults on
//! a black (dark) or white (light) background; so secondary text is never palette colour 8 (grey,
//! 4.0:1 or worse on many palettes and projectors), and borders, which are not text, are the only
//! grey left.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    HighContrast,
    Mono,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    /// Painted under everything (explicit colours only in high-contrast).
    pub base: Style,
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
    /// Glossary terms in the detail pane (`d` explains them).
    pub term: Style,
    /// The mark of marked events.
    pub mark: Style,
    /// Text typed into a prompt.
    pub input: Style,
    /// The big date of a slide.
    pub big: Style,
    /// Bars of the day-density strip and charts.
    pub chart: Style,
    /// The selected period's bar in the density strip: a colour of its own, drawn as the bar's
    /// foreground (a full block shows only its foreground, so a background would hide it).
    pub chart_marked: Style,
    badges: Vec<Style>,
    /// Screen-reader mode (`--plain`): the views draw words in lines, without borders, block
    /// letters, braille, sparklines or the map outline (see `ui::plain`).
    pub plain: bool,
}

const BOLD: Modifier = Modifier::BOLD;

fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

impl Theme {
    /// For dark terminal backgrounds (the default).
    pub fn dark() -> Theme {
        let badges =
            [Color::LightRed, Color::LightGreen, Color::LightMagenta, Color::LightCyan, Color::Yellow, Color::White]
                .into_iter()
                .map(|c| Style::new().fg(c).add_modifier(BOLD))
                .collect();
        Theme {
            name: ThemeName::Dark,
            base: Style::new(),
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
            day_count: Style::new().fg(Color::Gray),
            time: Style::new(),
            selected: Style::new().bg(Color::Cyan).fg(Color::Black).add_modifier(BOLD),
            title: Style::new().add_modifier(BOLD),
            label: Style::new().fg(Color::Cyan).add_modifier(BOLD),
            dim: Style::new().fg(Color::Gray),
            link: Style::new().fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            status_disputed: Style::new().fg(Color::LightRed).add_modifier(BOLD),
            status_other: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            popup: Style::new(),
            checked: Style::new().fg(Color::LightGreen).add_modifier(BOLD),
            highlight: Style::new().bg(Color::Yellow).fg(Color::Black),
            term: Style::new().add_modifier(Modifier::UNDERLINED),
            mark: Style::new().fg(Color::LightMagenta).add_modifier(BOLD),
            input: Style::new().add_modifier(BOLD),
            big: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            chart: Style::new().fg(Color::Cyan),
            chart_marked: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            badges,
            plain: false,
        }
    }

    /// For light terminal backgrounds: no yellow or cyan text.
    pub fn light() -> Theme {
        // Green, magenta, cyan and yellow are all below 4.5:1 on white in xterm's palette.
        let badges = [Color::Red, Color::Blue, Color::Black]
            .into_iter()
            .map(|c| Style::new().fg(c).add_modifier(BOLD))
            .collect();
        Theme {
            name: ThemeName::Light,
            header_filter: Style::new().bg(Color::Blue).fg(Color::White).add_modifier(BOLD | Modifier::UNDERLINED),
            // Not red: a message is not an error.
            message: Style::new().fg(Color::Blue).add_modifier(BOLD),
            border: Style::new().fg(Color::Gray),
            border_focused: Style::new().fg(Color::Blue).add_modifier(BOLD),
            day: Style::new().fg(Color::Blue).add_modifier(BOLD),
            day_count: Style::new().fg(Color::Black),
            time: Style::new().fg(Color::Black),
            selected: Style::new().bg(Color::Blue).fg(Color::White).add_modifier(BOLD),
            label: Style::new().fg(Color::Blue).add_modifier(BOLD),
            dim: Style::new().fg(Color::Black),
            link: Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            status_disputed: Style::new().fg(Color::Red).add_modifier(BOLD),
            status_other: Style::new().fg(Color::Blue).add_modifier(BOLD | Modifier::UNDERLINED),
            checked: Style::new().fg(Color::Blue).add_modifier(BOLD),
            highlight: Style::new().bg(Color::Yellow).fg(Color::Black),
            term: Style::new().add_modifier(Modifier::UNDERLINED),
            mark: Style::new().fg(Color::Red).add_modifier(BOLD),
            big: Style::new().fg(Color::Blue).add_modifier(BOLD),
            chart: Style::new().fg(Color::Blue),
            chart_marked: Style::new().fg(Color::Red).add_modifier(BOLD),
            title: Style::new().fg(Color::Black).add_modifier(BOLD),
            input: Style::new().fg(Color::Black).add_modifier(BOLD),
            pane_title: Style::new().fg(Color::Black).add_modifier(BOLD),
            badges,
            ..Theme::dark()
        }
    }

    /// Explicit colours on black, every pair at least 4.5:1 (WCAG AA).
    pub fn high_contrast() -> Theme {
        let (black, white, yellow, cyan, grey) =
            (rgb(0x000000), rgb(0xFFFFFF), rgb(0xFFE000), rgb(0x40E0FF), rgb(0xC8C8C8));
        let on = |fg: Color, bg: Color| Style::new().fg(fg).bg(bg);
        let badges = [0xFF8080, 0x80FF80, 0x80C0FF, 0xFF80FF, 0x40E0FF, 0xFFE000]
            .into_iter()
            .map(|c| on(rgb(c), black).add_modifier(BOLD))
            .collect();
        Theme {
            name: ThemeName::HighContrast,
            base: on(white, black),
            header: on(black, white),
            header_title: on(black, white).add_modifier(BOLD),
            header_filter: on(black, white).add_modifier(BOLD | Modifier::UNDERLINED),
            footer: on(white, black),
            footer_key: on(black, yellow).add_modifier(BOLD),
            message: on(yellow, black).add_modifier(BOLD),
            border: on(grey, black),
            border_focused: on(yellow, black).add_modifier(BOLD),
            pane_title: on(white, black).add_modifier(BOLD),
            day: on(yellow, black).add_modifier(BOLD),
            day_count: on(grey, black),
            time: on(white, black),
            selected: on(black, yellow).add_modifier(BOLD),
            title: on(white, black).add_modifier(BOLD),
            label: on(cyan, black).add_modifier(BOLD),
            dim: on(grey, black),
            link: on(cyan, black).add_modifier(Modifier::UNDERLINED),
            status_disputed: on(rgb(0xFF8080), black).add_modifier(BOLD),
            status_other: on(yellow, black).add_modifier(BOLD),
            popup: on(white, black),
            checked: on(rgb(0x80FF80), black).add_modifier(BOLD),
            highlight: on(black, cyan),
            term: Style::new().add_modifier(Modifier::UNDERLINED),
            mark: on(rgb(0xFF80FF), black).add_modifier(BOLD),
            input: on(white, black).add_modifier(BOLD),
            big: on(yellow, black).add_modifier(BOLD),
            chart: on(cyan, black),
            chart_marked: on(yellow, black).add_modifier(BOLD),
            badges,
            plain: false,
        }
    }

    /// Attributes only: bold, underline, reverse.
    pub fn mono() -> Theme {
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            name: ThemeName::Mono,
            base: Style::new(),
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
            term: Style::new().add_modifier(Modifier::UNDERLINED),
            mark: Style::new().add_modifier(BOLD),
            input: Style::new().add_modifier(BOLD),
            big: Style::new().add_modifier(BOLD),
            chart: Style::new(),
            chart_marked: Style::new().add_modifier(BOLD),
            badges: vec![Style::new()],
            plain: false,
        }
    }

    /// This theme, drawn plain (`--plain`): for screen readers.
    pub fn plain(self) -> Theme {
        Theme { plain: true, ..self }
    }

    /// The badge style of a region (stable per region index).
    pub fn badge(&self, region: u16) -> Style {
        self.badges[region as usize % self.badges.len()]
    }

    /// Every style this theme uses, named, with the base style applied under it.
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        let mut v = vec![
            ("base", self.base),
            ("header", self.header),
            ("header_title", self.header_title),
            ("header_filter", self.header_filter),
            ("footer", self.footer),
            ("footer_key", self.footer_key),
            ("message", self.message),
            ("border", self.border),
            ("border_focused", self.border_focused),
            ("pane_title", self.pane_title),
            ("day", self.day),
            ("day_count", self.day_count),
            ("time", self.time),
            ("selected", self.selected),
            ("title", self.title),
            ("label", self.label),
            ("dim", self.dim),
            ("link", self.link),
            ("status_disputed", self.status_disputed),
            ("status_other", self.status_other),
            ("popup", self.popup),
            ("checked", self.checked),
            ("highlight", self.highlight),
            ("mark", self.mark),
            ("input", self.input),
            ("big", self.big),
            ("chart", self.chart),
            ("chart_marked", self.chart_marked),
            // Search matches inside the selection bar.
            ("selected+highlight", self.selected.patch(self.highlight)),
        ];
        v.extend(self.badges.iter().map(|b| ("badge", *b)));
        v.into_iter().map(|(n, s)| (n, self.base.patch(s))).collect()
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: Color) -> Option<f64> {
    let Color::Rgb(r, g, b) = c else { return None };
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    Some(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b))
}

/// WCAG contrast ratio of two sRGB colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast(rgb(0xFFFFFF), rgb(0x000000)).unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast(rgb(0x777777), rgb(0xFFFFFF)).unwrap() - 4.48).abs() < 0.01);
        assert_eq!(contrast(Color::Yellow, rgb(0)), None, "palette colours have no fixed value");
    }

    #[test]
    fn high_contrast_passes_wcag_aa_for_every_pair() {
        let t = Theme::high_contrast();
        let mut failures = Vec::new();
        for (name, s) in t.styles() {
            let (fg, bg) = (s.fg.expect("explicit foreground"), s.bg.expect("explicit background"));
            let ratio = contrast(fg, bg).unwrap_or_else(|| panic!("{name}: not an RGB colour"));
            if ratio < 4.5 {
                failures.push(format!("{name}: {ratio:.2}:1"));
            }
            assert!(!s.add_modifier.contains(Modifier::REVERSED), "{name}: reverse video hides the real pair");
        }
        assert!(failures.is_empty(), "below 4.5:1: {failures:?}");
    }

    /// xterm's default palette, the reference for themes that use the terminal's own colours.
    fn xterm(c: Color) -> Option<Color> {
        let hex = match c {
            Color::Black => 0x000000,
            Color::Red => 0xCD0000,
            Color::Green => 0x00CD00,
            Color::Yellow => 0xCDCD00,
            Color::Blue => 0x0000EE,
            Color::Magenta => 0xCD00CD,
            Color::Cyan => 0x00CDCD,
            Color::Gray => 0xE5E5E5,
            Color::DarkGray => 0x7F7F7F,
            Color::LightRed => 0xFF0000,
            Color::LightGreen => 0x00FF00,
            Color::LightYellow => 0xFFFF00,
            Color::LightBlue => 0x5C5CFF,
            Color::LightMagenta => 0xFF00FF,
            Color::LightCyan => 0x00FFFF,
            Color::White => 0xFFFFFF,
            Color::Rgb(..) => return Some(c),
            _ => return None,
        };
        Some(rgb(hex))
    }

    /// Styles whose foreground/background pair is below 4.5:1, reading palette colours as
    /// xterm's and unset colours as the terminal's defaults `(fg, bg)`.
    fn below_aa(t: &Theme, default: (u32, u32)) -> Vec<String> {
        let mut failures = Vec::new();
        for (name, s) in t.styles() {
            if name == "border" {
                // Lines, not text.
                continue;
            }
            let fg = s.fg.map_or(Some(rgb(default.0)), xterm).unwrap_or_else(|| panic!("{name}: colour"));
            let bg = s.bg.map_or(Some(rgb(default.1)), xterm).unwrap_or_else(|| panic!("{name}: colour"));
            let (fg, bg) = if s.add_modifier.contains(Modifier::REVERSED) { (bg, fg) } else { (fg, bg) };
            let ratio = contrast(fg, bg).unwrap();
            if ratio < 4.5 {
                failures.push(format!("{name}: {ratio:.2}:1"));
            }
        }
        failures
    }

    #[test]
    fn every_theme_passes_wcag_aa_for_its_text() {
        assert_eq!(below_aa(&Theme::dark(), (0xE5E5E5, 0x000000)), Vec::<String>::new(), "dark");
        assert_eq!(below_aa(&Theme::light(), (0x000000, 0xFFFFFF)), Vec::<String>::new(), "light");
        assert_eq!(below_aa(&Theme::high_contrast(), (0xFFFFFF, 0x000000)), Vec::<String>::new(), "high contrast");
    }

    #[test]
    fn secondary_text_is_never_palette_grey() {
        for t in [Theme::dark(), Theme::light()] {
            for (name, s) in t.styles() {
                if name != "border" {
                    assert_ne!(s.fg, Some(Color::DarkGray), "{:?} {name}", t.name);
                }
            }
        }
    }

    #[test]
    fn the_marked_bar_differs_from_the_other_bars_in_every_theme() {
        for t in [Theme::dark(), Theme::light(), Theme::high_contrast()] {
            assert!(t.chart_marked.fg.is_some() && t.chart_marked.fg != t.chart.fg, "{:?}", t.name);
            // A full block shows only its foreground: the background must not carry the mark.
            assert_eq!(t.chart_marked.bg, t.base.bg, "{:?}", t.name);
        }
    }

    #[test]
    fn mono_uses_no_colour_and_marks_the_selection_by_attribute() {
        let t = Theme::mono();
        for (name, s) in t.styles() {
            assert_eq!((s.fg, s.bg), (None, None), "{name}");
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
