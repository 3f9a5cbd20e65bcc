//! The one keymap table. Key handling, the footer hints and the `?` help overlay are all read from
//! [`KEYMAP`], so they cannot drift apart.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{Action, Focus, Overlay, State};
use crate::query::facets::Facet;

/// Where the keyboard is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    List,
    Detail,
    Picker,
    Help,
    Prompt,
    Jump,
    Present,
    Figures,
    Map,
    Quiz,
    /// The related-events popup.
    Related,
    /// The glossary overlay.
    Glossary,
    /// The terminal is below the minimum size: only quitting (and redraw/suspend) works, so no
    /// key acts on a screen nobody can see.
    TooSmall,
}

impl Ctx {
    /// Every context, for tests and tables.
    pub const ALL: [Ctx; 13] = [
        Ctx::List,
        Ctx::Detail,
        Ctx::Picker,
        Ctx::Help,
        Ctx::Prompt,
        Ctx::Jump,
        Ctx::Present,
        Ctx::Figures,
        Ctx::Map,
        Ctx::Quiz,
        Ctx::Related,
        Ctx::Glossary,
        Ctx::TooSmall,
    ];

    pub fn of(state: &State) -> Ctx {
        if state.metrics.too_small {
            return Ctx::TooSmall;
        }
        match (&state.overlay, &state.prompt, state.focus) {
            (Some(Overlay::Help { .. }), _, _) => Ctx::Help,
            (None, _, _) if state.quiz.is_some() => Ctx::Quiz,
            (None, _, _) if state.present.is_some() => Ctx::Present,
            (Some(Overlay::Picker(_)), _, _) => Ctx::Picker,
            (Some(Overlay::Jump(_)), _, _) => Ctx::Jump,
            (Some(Overlay::Figures(_)), _, _) => Ctx::Figures,
            (Some(Overlay::Related(_)), _, _) => Ctx::Related,
            (Some(Overlay::Glossary(_)), _, _) => Ctx::Glossary,
            (None, Some(_), _) => Ctx::Prompt,
            (None, None, Focus::List) => Ctx::List,
            (None, None, Focus::Detail) => Ctx::Detail,
            (None, None, Focus::Map) => Ctx::Map,
        }
    }
}

/// A key with modifiers. For character keys, Shift is implied by the character itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: true }
}

/// Stands for any printable character (text input).
const TEXT: Key = key(KeyCode::Null);

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        if self.code == KeyCode::Null {
            return matches!(ev.code, KeyCode::Char(_))
                && !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            // Some terminals report Ctrl-letters as upper case; compare them in lower case.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::BackTab => KeyCode::Tab,
            c => c,
        };
        self.code == code && self.ctrl == ctrl && !ev.modifiers.contains(KeyModifiers::ALT)
    }

    /// How the key is written in the footer and help: "↑", "PgDn", "Ctrl-d", "Space".
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Null => "letters".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl-{base}") } else { base }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies; empty means everywhere.
    pub ctx: &'static [Ctx],
    pub keys: &'static [Key],
    pub action: Action,
    /// Description for the help overlay.
    pub help: &'static str,
    /// Footer label; bindings sharing a label are shown together ("↑↓ move").
    pub footer: Option<&'static str>,
}

const MAIN: &[Ctx] = &[Ctx::List, Ctx::Detail, Ctx::Map];
const LIST: &[Ctx] = &[Ctx::List];
const DETAIL: &[Ctx] = &[Ctx::Detail];
const PICKER: &[Ctx] = &[Ctx::Picker];
const RELATED: &[Ctx] = &[Ctx::Related];
const GLOSSARY: &[Ctx] = &[Ctx::Glossary];
const HELP: &[Ctx] = &[Ctx::Help];
const PROMPT: &[Ctx] = &[Ctx::Prompt];
const JUMP: &[Ctx] = &[Ctx::Jump];
const PRESENT: &[Ctx] = &[Ctx::Present];
const FIGURES: &[Ctx] = &[Ctx::Figures];
const MAP: &[Ctx] = &[Ctx::Map];
const QUIZ: &[Ctx] = &[Ctx::Quiz];
const TOO_SMALL: &[Ctx] = &[Ctx::TooSmall];
/// Where `?` opens the help.
const MAIN_AND_PRESENT: &[Ctx] = &[Ctx::List, Ctx::Detail, Ctx::Map, Ctx::Present];
/// Full-screen or focused views that `q` closes (back to the list), as it closes the help: only
/// the list itself quits with `q`, so a student never lands at the shell by accident.
const CLOSED_BY_Q: &[Ctx] = &[Ctx::Detail, Ctx::Map];
const ALL: &[Ctx] = &[];

const fn b(
    ctx: &'static [Ctx],
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding { ctx, keys, action, help, footer }
}

/// Every key binding, in the order the help overlay lists them.
pub const KEYMAP: &[Binding] = &[
    // Event list
    b(LIST, &[key(KeyCode::Up), ch('k')], Action::Up, "previous event", Some("move")),
    b(LIST, &[key(KeyCode::Down), ch('j')], Action::Down, "next event", Some("move")),
    b(LIST, &[key(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up", None),
    b(LIST, &[key(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down", None),
    b(LIST, &[key(KeyCode::Home), ch('g')], Action::First, "first event", None),
    b(LIST, &[key(KeyCode::End), ch('G')], Action::Last, "last event", None),
    b(LIST, &[key(KeyCode::Enter)], Action::FocusDetail, "read the selected event", Some("read")),
    b(LIST, &[key(KeyCode::Tab)], Action::ToggleFocus, "move to the detail pane", None),
    // Detail pane
    b(DETAIL, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    b(DETAIL, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", Some("scroll")),
    b(DETAIL, &[key(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up", None),
    b(DETAIL, &[key(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down", None),
    b(DETAIL, &[key(KeyCode::Home), ch('g')], Action::First, "top", None),
    b(DETAIL, &[key(KeyCode::End), ch('G')], Action::Last, "bottom", None),
    b(DETAIL, &[key(KeyCode::Left), ch('h')], Action::PrevEvent, "previous event", Some("event")),
    b(DETAIL, &[key(KeyCode::Right), ch('l')], Action::NextEvent, "next event", Some("event")),
    b(
        DETAIL,
        &[key(KeyCode::Enter)],
        Action::OpenRelated,
        "open a related event (listed under Related)",
        Some("related"),
    ),
    b(DETAIL, &[key(KeyCode::Esc), key(KeyCode::Tab)], Action::Back, "back to the list", Some("back")),
    // Map pane
    b(MAP, &[key(KeyCode::Up), ch('k')], Action::Up, "region to the north", Some("move")),
    b(MAP, &[key(KeyCode::Down), ch('j')], Action::Down, "region to the south", Some("move")),
    b(MAP, &[key(KeyCode::Left), ch('h')], Action::PrevEvent, "region to the west", Some("move")),
    b(MAP, &[key(KeyCode::Right), ch('l')], Action::NextEvent, "region to the east", Some("move")),
    b(MAP, &[ch(' '), key(KeyCode::Enter)], Action::Toggle, "add or remove the region in the filter", Some("filter")),
    b(MAP, &[key(KeyCode::Esc), key(KeyCode::Tab)], Action::Back, "back to the list", Some("back")),
    // Both
    b(MAIN, &[key(KeyCode::Backspace)], Action::HistoryBack, "back to the event a followed link came from", None),
    b(MAIN, &[ch('{')], Action::PrevDay, "previous day with events", None),
    b(MAIN, &[ch('}')], Action::NextDay, "next day with events", None),
    b(MAIN, &[ch('t')], Action::GoToDate, "go to a date (2022-01-05, 5 Jan, jan 5)", None),
    b(MAIN, &[ch('/')], Action::Search, "search (any spelling or script)", Some("search")),
    b(MAIN, &[ch('n')], Action::NextMatch, "next search match", None),
    b(MAIN, &[ch('N')], Action::PrevMatch, "previous search match", None),
    b(MAIN, &[ch(':'), ctrl('p')], Action::Jump, "jump to an event by title", Some("jump")),
    b(MAIN, &[ch('r')], Action::Pick(Facet::Region), "filter by region", Some("regions")),
    b(MAIN, &[ch('T')], Action::Pick(Facet::Category), "filter by topic", None),
    b(MAIN, &[ch('A')], Action::Pick(Facet::Actor), "filter by actor", None),
    b(MAIN, &[ch('D')], Action::DateRange, "filter by dates (4 jan..10 jan)", None),
    b(MAIN, &[ch('!')], Action::ToggleDisputed, "only events with disputed claims (toggle)", None),
    b(MAIN, &[ch('m')], Action::ToggleMark, "mark or unmark the event", None),
    b(MAIN, &[ch('\'')], Action::NextMark, "next marked event", None),
    b(MAIN, &[ch('"')], Action::PrevMark, "previous marked event", None),
    b(MAIN, &[ch('*')], Action::ToggleMarkedOnly, "only marked events (toggle)", None),
    b(MAIN, &[ch('c')], Action::ClearFilters, "clear all filters and the search", None),
    b(MAIN, &[ch('y')], Action::Copy, "copy the event's id and citation", None),
    b(MAIN, &[ch('p')], Action::Present, "present: one event per slide, for projecting", None),
    b(MAIN, &[ch('Q')], Action::Quiz, "quiz on the events shown (Esc comes back here)", None),
    b(MAIN, &[ch('e')], Action::Export, "write the events shown to an HTML handout (in the current folder)", None),
    b(MAIN, &[ch('E')], Action::ExportMarked, "write every marked event to an HTML handout", None),
    b(MAIN, &[ch('d')], Action::Glossary, "glossary: the terms underlined in the text, defined", None),
    b(MAIN, &[ch('F')], Action::Figures, "figures over time: who said what, when", None),
    b(MAIN, &[ch('M')], Action::ToggleMap, "show or hide the map", Some("map")),
    b(MAIN, &[ch('o')], Action::ToggleNotes, "show or hide teacher notes in the detail pane", None),
    b(MAIN, &[ch('w')], Action::ToggleWideList, "wide list: hide or show the detail pane", None),
    b(MAIN, &[ch('f')], Action::ToggleReading, "reading mode: the event alone, full screen (f again: back)", None),
    // Presentation
    b(
        PRESENT,
        &[key(KeyCode::Right), ch(' '), ch('l'), key(KeyCode::PageDown)],
        Action::NextEvent,
        "next slide",
        Some("next"),
    ),
    b(
        PRESENT,
        &[key(KeyCode::Left), ch('h'), key(KeyCode::PageUp)],
        Action::PrevEvent,
        "previous slide",
        Some("previous"),
    ),
    b(PRESENT, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll a long slide down", None),
    b(PRESENT, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll a long slide up", None),
    b(PRESENT, &[key(KeyCode::Home), ch('g')], Action::First, "first slide", None),
    b(PRESENT, &[key(KeyCode::End), ch('G')], Action::Last, "last slide", None),
    b(PRESENT, &[key(KeyCode::Enter)], Action::Apply, "go to the slide number typed (or next)", None),
    b(PRESENT, &[key(KeyCode::Backspace)], Action::DeleteBack, "delete a typed digit", None),
    b(PRESENT, &[ch('a')], Action::ToggleAutoplay, "auto-advance: start, pause, resume", Some("autoplay")),
    b(PRESENT, &[ch('+'), ch('=')], Action::AutoplayLonger, "auto-advance: more seconds per slide", None),
    b(PRESENT, &[ch('-')], Action::AutoplayShorter, "auto-advance: fewer seconds per slide", None),
    b(PRESENT, &[ch('b'), ch('.')], Action::ToggleBlank, "blank the screen (b again: show it)", Some("blank")),
    b(PRESENT, &[ch('m')], Action::ToggleMark, "mark or unmark this slide's event", None),
    b(PRESENT, &[ch('o')], Action::ToggleNotes, "show or hide the teacher notes", None),
    b(PRESENT, &[ch('P')], Action::TogglePresenter, "presenter view: slide, next slide, notes, clock", None),
    b(PRESENT, &[key(KeyCode::Esc)], Action::Back, "back to the explorer, on this event", Some("explorer")),
    b(PRESENT, &[ch('q')], Action::Back, "back to the explorer (q never leaves a presentation)", Some("explorer")),
    b(MAIN_AND_PRESENT, &[ch('?')], Action::Help, "show this help", Some("help")),
    b(
        MAIN_AND_PRESENT,
        &[ch('L')],
        Action::Class,
        "class over SSH: lead (teacher); follow or explore alone (student)",
        None,
    ),
    b(LIST, &[ch('q')], Action::Quit, "quit", Some("quit")),
    b(CLOSED_BY_Q, &[ch('q')], Action::Back, "close this view (back to the list)", Some("back")),
    // Last, so that the keys above win over "any character".
    b(PRESENT, &[TEXT], Action::Insert(' '), "type a slide number", None),
    // Quiz
    b(QUIZ, &[ch('1'), ch('a')], Action::Answer(0), "answer 1", Some("answer")),
    b(QUIZ, &[ch('2'), ch('b')], Action::Answer(1), "answer 2", Some("answer")),
    b(QUIZ, &[ch('3'), ch('c')], Action::Answer(2), "answer 3", Some("answer")),
    b(QUIZ, &[ch('4'), ch('d')], Action::Answer(3), "answer 4", Some("answer")),
    b(
        QUIZ,
        &[key(KeyCode::Enter), ch(' '), key(KeyCode::Right), ch('n')],
        Action::NextEvent,
        "next question (after answering)",
        Some("next"),
    ),
    b(QUIZ, &[ch('r')], Action::QuizReview, "at the end: review the wrong answers", Some("review")),
    b(QUIZ, &[ch('t')], Action::QuizRetry, "at the end: try the wrong ones again", Some("try again")),
    b(QUIZ, &[key(KeyCode::Esc)], Action::Back, "leave the quiz", Some("close")),
    b(QUIZ, &[ch('q')], Action::Back, "leave the quiz", Some("close")),
    // Figures
    b(FIGURES, &[key(KeyCode::Up), ch('k')], Action::Up, "previous claim", Some("move")),
    b(FIGURES, &[key(KeyCode::Down), ch('j')], Action::Down, "next claim", Some("move")),
    b(FIGURES, &[key(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up", None),
    b(FIGURES, &[key(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down", None),
    b(FIGURES, &[key(KeyCode::Left), ch('h')], Action::PrevEvent, "previous figure", Some("figure")),
    b(FIGURES, &[key(KeyCode::Right), ch('l'), key(KeyCode::Tab)], Action::NextEvent, "next figure", Some("figure")),
    b(FIGURES, &[key(KeyCode::Enter)], Action::Apply, "read the event of this claim", Some("read")),
    b(FIGURES, &[key(KeyCode::Esc), ch('q'), ch('F')], Action::Back, "close", Some("close")),
    // Filter popups
    b(PICKER, &[key(KeyCode::Up)], Action::Up, "previous value", Some("move")),
    b(PICKER, &[key(KeyCode::Down)], Action::Down, "next value", Some("move")),
    b(PICKER, &[key(KeyCode::PageUp)], Action::PageUp, "page up", None),
    b(PICKER, &[key(KeyCode::PageDown)], Action::PageDown, "page down", None),
    b(PICKER, &[key(KeyCode::Home)], Action::First, "first value", None),
    b(PICKER, &[key(KeyCode::End)], Action::Last, "last value", None),
    b(PICKER, &[ch(' ')], Action::Toggle, "tick or untick", Some("tick")),
    b(PICKER, &[key(KeyCode::Enter)], Action::Apply, "show only the ticked values", Some("apply")),
    b(PICKER, &[ctrl('x'), key(KeyCode::Delete)], Action::ClearFilters, "clear this filter", Some("clear")),
    b(PICKER, &[key(KeyCode::Backspace)], Action::DeleteBack, "delete a typed letter", None),
    b(PICKER, &[ctrl('u'), ctrl('w')], Action::ClearInput, "clear what was typed", None),
    b(PICKER, &[key(KeyCode::Esc)], Action::Back, "clear what was typed, else close without changes", Some("cancel")),
    b(PICKER, &[TEXT], Action::Insert(' '), "type to narrow the list (any spelling or script)", None),
    // Related events popup
    b(RELATED, &[key(KeyCode::Up), ch('k')], Action::Up, "previous event", Some("move")),
    b(RELATED, &[key(KeyCode::Down), ch('j')], Action::Down, "next event", Some("move")),
    b(RELATED, &[key(KeyCode::Home), ch('g')], Action::First, "first", None),
    b(RELATED, &[key(KeyCode::End), ch('G')], Action::Last, "last", None),
    b(RELATED, &[ch('1')], Action::Answer(0), "open the first one", None),
    b(RELATED, &[ch('2')], Action::Answer(1), "open the second one", None),
    b(RELATED, &[ch('3')], Action::Answer(2), "open the third one", None),
    b(RELATED, &[key(KeyCode::Enter)], Action::Apply, "open the event", Some("open")),
    b(RELATED, &[key(KeyCode::Esc), ch('q')], Action::Back, "close", Some("close")),
    // Glossary
    b(GLOSSARY, &[key(KeyCode::Up)], Action::Up, "scroll up", Some("scroll")),
    b(GLOSSARY, &[key(KeyCode::Down)], Action::Down, "scroll down", Some("scroll")),
    b(GLOSSARY, &[key(KeyCode::PageUp)], Action::PageUp, "page up", None),
    b(GLOSSARY, &[key(KeyCode::PageDown)], Action::PageDown, "page down", None),
    b(GLOSSARY, &[key(KeyCode::Backspace)], Action::DeleteBack, "delete a typed letter", None),
    b(GLOSSARY, &[ctrl('u'), ctrl('w')], Action::ClearInput, "clear what was typed", None),
    b(GLOSSARY, &[key(KeyCode::Esc)], Action::Back, "clear what was typed, else close", Some("close")),
    b(GLOSSARY, &[TEXT], Action::Insert(' '), "type to find a term (any spelling or script)", None),
    // Prompts (search, dates)
    b(
        PROMPT,
        &[key(KeyCode::Enter)],
        Action::Apply,
        "search: find (n and N move between matches); dates: go",
        Some("find"),
    ),
    b(
        PROMPT,
        &[key(KeyCode::Tab)],
        Action::SearchAsFilter,
        "search: show only the matching events",
        Some("only these"),
    ),
    b(PROMPT, &[key(KeyCode::Esc)], Action::Back, "cancel", Some("cancel")),
    b(PROMPT, &[key(KeyCode::Backspace)], Action::DeleteBack, "delete a character", None),
    b(PROMPT, &[ctrl('w')], Action::DeleteWord, "delete a word", None),
    b(PROMPT, &[ctrl('u')], Action::ClearInput, "clear the line", None),
    b(PROMPT, &[TEXT], Action::Insert(' '), "type", None),
    // Jump
    b(JUMP, &[key(KeyCode::Up), ctrl('k')], Action::Up, "previous result", Some("move")),
    b(JUMP, &[key(KeyCode::Down), ctrl('j')], Action::Down, "next result", Some("move")),
    b(JUMP, &[key(KeyCode::PageUp)], Action::PageUp, "page up", None),
    b(JUMP, &[key(KeyCode::PageDown)], Action::PageDown, "page down", None),
    b(JUMP, &[key(KeyCode::Enter)], Action::Apply, "go to the event", Some("go")),
    b(JUMP, &[key(KeyCode::Esc)], Action::Back, "cancel", Some("cancel")),
    b(JUMP, &[key(KeyCode::Backspace)], Action::DeleteBack, "delete a character", None),
    b(JUMP, &[ctrl('u'), ctrl('w')], Action::ClearInput, "clear the line", None),
    b(JUMP, &[TEXT], Action::Insert(' '), "type part of a title", None),
    // Help
    b(HELP, &[key(KeyCode::Up), ch('k')], Action::Up, "scroll up", Some("scroll")),
    b(HELP, &[key(KeyCode::Down), ch('j')], Action::Down, "scroll down", Some("scroll")),
    b(HELP, &[key(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up", None),
    b(HELP, &[key(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down", None),
    b(HELP, &[key(KeyCode::Esc), ch('?'), ch('q')], Action::Back, "close the help", Some("close")),
    // Too small to draw
    b(
        TOO_SMALL,
        &[ch('q'), key(KeyCode::Esc)],
        Action::Quit,
        "quit (the terminal is too small to show anything)",
        Some("quit"),
    ),
    // Everywhere
    b(ALL, &[ctrl('c')], Action::Quit, "quit at once", None),
    b(ALL, &[ctrl('l')], Action::Redraw, "redraw the screen", None),
    b(ALL, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)", None),
];

fn applies(b: &Binding, ctx: Ctx) -> bool {
    b.ctx.is_empty() || b.ctx.contains(&ctx)
}

/// The action a key press means in `ctx`, if any.
pub fn action_for_key(ctx: Ctx, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let found = KEYMAP.iter().find(|b| applies(b, ctx) && b.keys.iter().any(|k| k.matches(ev)));
    let Some(b) = found else {
        // A Russian or Kazakh layout: the same key in the US layout (see `layouts`).
        let KeyCode::Char(c) = ev.code else { return None };
        let us = layouts::us_key(c)?;
        return action_for_key(ctx, &KeyEvent { code: KeyCode::Char(us), ..*ev });
    };
    Some(match (b.action, ev.code) {
        (Action::Insert(_), KeyCode::Char(c)) => Action::Insert(c),
        (a, _) => a,
    })
}

/// The action a mouse event means (only with `--mouse`). Movement and drags are ignored.
pub fn action_for_mouse(ev: &MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::ScrollUp => Some(Action::Scroll { up: true, column, row }),
        MouseEventKind::ScrollDown => Some(Action::Scroll { up: false, column, row }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

/// Bindings that apply in `ctx`, in table order.
pub fn bindings(ctx: Ctx) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| applies(b, ctx))
}

/// One footer hint: the keys as written ("↑↓", "Esc/q"), the label and the action it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: &'static str,
    pub action: Action,
}

impl Hint {
    /// Help and the way out (quit, back, close): the footer always keeps room for these.
    pub fn essential(&self) -> bool {
        matches!(self.action, Action::Help | Action::Quit | Action::Back)
    }
}

/// Footer hints for `ctx`: ("↑↓", "move"), ("Enter", "read"), ...
pub fn footer_hints(ctx: Ctx) -> Vec<Hint> {
    let mut out: Vec<(Vec<String>, &'static str, Action)> = Vec::new();
    for b in bindings(ctx).filter(|b| !b.ctx.is_empty()) {
        let Some(label) = b.footer else { continue };
        let first = b.keys[0].label();
        match out.iter_mut().find(|(_, l, _)| *l == label) {
            Some((keys, _, _)) => keys.push(first),
            None => out.push((vec![first], label, b.action)),
        }
    }
    out.into_iter()
        .map(|(keys, label, action)| {
            let keys = if keys.len() > 2 && keys.iter().all(|k| k.len() == 1 && k.as_bytes()[0].is_ascii_digit()) {
                // "1-4", not "1234".
                format!("{}-{}", keys[0], keys[keys.len() - 1])
            } else {
                let sep = if keys.iter().all(|k| k.chars().count() == 1) { "" } else { "/" };
                keys.join(sep)
            };
            Hint { keys, label, action }
        })
        .collect()
}

/// The help's heading for bindings that apply in `ctx`.
pub fn section_title(ctx: &[Ctx]) -> &'static str {
    match ctx {
        [] => "Anywhere",
        [Ctx::List] => "Event list",
        [Ctx::Detail] => "Detail pane",
        [Ctx::List, Ctx::Detail, Ctx::Map] => "Event list, detail pane and map",
        [Ctx::Map] => "Map pane",
        [Ctx::Picker] => "Filter popups (regions, topics, actors)",
        [Ctx::Prompt] => "Search and date prompts",
        [Ctx::Jump] => "Jump to an event",
        [Ctx::Present] => "Presentation",
        [Ctx::Figures] => "Figures over time",
        [Ctx::Quiz] => "Quiz",
        [Ctx::Related] => "Related events (Enter in the detail pane)",
        [Ctx::Glossary] => "Glossary (d)",
        [Ctx::List, Ctx::Detail, Ctx::Map, Ctx::Present] => "Everywhere but popups",
        [Ctx::Detail, Ctx::Map] => "Detail pane and map",
        [Ctx::TooSmall] => "When the terminal is too small",
        [Ctx::Help] => "This help",
        _ => "Other",
    }
}

/// The help overlay's sections, in table order: (title, [(keys, description)]).
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
    for b in KEYMAP {
        let title = section_title(b.ctx);
        let entry = (b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" "), b.help);
        match out.iter_mut().find(|(t, _)| *t == title) {
            Some((_, v)) => v.push(entry),
            None => out.push((title, vec![entry])),
        }
    }
    out
}

/// The keymap as Markdown tables, one per section, for the README (a test keeps it in sync).
pub fn markdown() -> String {
    let mut out = String::new();
    for (title, entries) in help_sections() {
        out.push_str(&format!("**{title}**\n\n| keys | what |\n|---|---|\n"));
        for (keys, help) in entries {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
            out.push_str(&format!("| {} | {help} |\n", keys.join(" ")));
        }
        out.push('\n');
    }
    out
}

mod layouts;

#[cfg(test)]
mod tests;
