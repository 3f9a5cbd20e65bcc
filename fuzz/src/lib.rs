//! What the fuzz targets check, in one place: bytes go through the same path as a file opened by
//! the app, and whatever comes out (a timeline on screen or an error message on stderr) must be
//! inert in a terminal.

use kz_timeline::app::{Action, Options, State, update};
pub use kz_timeline::model::import::Format;
use kz_timeline::model::load::{LoadOptions, Report, timeline_and_warnings_from_bytes};
use kz_timeline::query::facets::Facet;
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// The invariants are shared with the integration tests, so the fuzzer and `cargo test` agree.
#[path = "../../tests/screen_check/mod.rs"]
pub mod screen_check;

/// Problems printed on a load failure (as `main` does).
const REPORT_LINES: usize = 20;

/// Load `bytes` like `kz-timeline FILE` does (the format detected from the content); draw the
/// result at 80x24 or check the error message.
pub fn load_and_render(bytes: &[u8]) {
    load_and_render_at(bytes, None, &[(80, 24)]);
}

/// Like [`load_and_render`], read as `format` (`--input-format`), for the per-format targets.
pub fn load_and_render_as(bytes: &[u8], format: Format) {
    load_and_render_at(bytes, Some(format), &[(80, 24)]);
}

/// Like [`load_and_render`], read as `format` when given, drawing at each of `sizes` (columns,
/// rows).
pub fn load_and_render_at(bytes: &[u8], format: Option<Format>, sizes: &[(u16, u16)]) {
    let mut opts = LoadOptions::default();
    opts.import.format = format;
    match timeline_and_warnings_from_bytes(bytes, "fuzz", &opts) {
        Ok((timeline, _)) => {
            // One state for every size, like a terminal being resized (building one is not free).
            let mut state = State::new(timeline, "fuzz", Options::default());
            for &(w, h) in sizes {
                render_everywhere(&mut state, w, h);
            }
        }
        Err(e) => check_error_message(&Report(&e, REPORT_LINES).to_string()),
    }
}

/// An error message goes to stderr, usually a terminal: only line breaks may be controls, and
/// invisible characters only where they belong (as on screen).
fn check_error_message(msg: &str) {
    if let Some(c) = msg.chars().find(|&c| c != '\n' && screen_check::is_forbidden(c)) {
        panic!("error message contains U+{:04X}: {msg:?}", c as u32);
    }
    if let Some(c) = screen_check::hidden_in(msg) {
        panic!("error message contains the invisible U+{:04X}: {msg:?}", c as u32);
    }
}

/// What to do before each frame: together the frames show every text field of the last event
/// (in the detail pane) and every region, topic and actor name (in the filter popups).
const STEPS: &[&[Action]] = &[
    // Back to the list, whatever the previous size left open.
    &[Action::Back, Action::Back, Action::First],
    &[Action::Last, Action::FocusDetail],
    &[Action::Back, Action::Pick(Facet::Region)],
    &[Action::Back, Action::Pick(Facet::Category)],
    &[Action::Back, Action::Pick(Facet::Actor)],
    &[Action::Back, Action::Jump],
];

/// Draw each step at `w`×`h` and check every frame. (Below 90 columns and 28 rows the detail
/// pane replaces the list when focused.)
fn render_everywhere(state: &mut State, w: u16, h: u16) {
    let theme = Theme::dark();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    for &step in STEPS {
        for &a in step {
            update(state, a);
        }
        let mut metrics = None;
        term.draw(|f| metrics = Some(ui::render(state, &theme, f))).expect("draw");
        update(state, Action::Measured(metrics.expect("rendered")));
        let problems = screen_check::violations(term.backend().buffer());
        assert!(problems.is_empty(), "after {step:?} at {w}x{h}: {problems:?}");
    }
}
