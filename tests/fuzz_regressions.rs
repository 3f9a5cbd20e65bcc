//! Inputs the fuzzer (`fuzz/`, see README "Fuzzing") once broke the app with, kept so they stay
//! fixed. Each goes through the loader like a file given on the command line: it must load or be
//! refused with a clean message, never panic; when it loads, it must draw cleanly.

mod screen_check;

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use kz_timeline::app::{Action, Options, State, update};
use kz_timeline::model::import::Format;
use kz_timeline::model::load::{LoadOptions, Report, timeline_and_warnings_from_bytes};
use kz_timeline::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("fixture directory").map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Load like `kz-timeline FILE` (with `--input-format F` when the file is named `*.as-F.*`, as
/// the per-format fuzz targets read it): Ok, or the message main would print.
fn load(bytes: &[u8], name: &str) -> Result<kz_timeline::model::Timeline, String> {
    let mut opts = LoadOptions::default();
    if let Some((_, rest)) = name.split_once(".as-") {
        let format = rest.split('.').next().unwrap_or_default();
        opts.import.format = Some(Format::from_str(format, false).unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    timeline_and_warnings_from_bytes(bytes, "fuzz", &opts).map(|(t, _)| t).map_err(|e| Report(&e, 20).to_string())
}

fn draw_and_check(timeline: kz_timeline::model::Timeline) -> Vec<String> {
    let mut state = State::new(timeline, "fuzz", Options::default());
    let theme = Theme::dark();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut problems = Vec::new();
    for action in [None, Some(Action::Last), Some(Action::FocusDetail)] {
        if let Some(a) = action {
            update(&mut state, a);
        }
        let mut m = None;
        term.draw(|f| m = Some(ui::render(&state, &theme, f))).unwrap();
        update(&mut state, Action::Measured(m.unwrap()));
        problems.extend(screen_check::violations(term.backend().buffer()));
    }
    problems
}

#[test]
fn every_fuzz_regression_loads_or_fails_cleanly() {
    let files = regressions();
    assert!(!files.is_empty(), "no regression inputs found");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        match load(&bytes, &name) {
            Ok(t) => {
                let problems = draw_and_check(t);
                assert!(problems.is_empty(), "{name}: {problems:?}");
            }
            Err(msg) => {
                // Printed to a terminal by main: only line breaks may be controls.
                let bad = msg.chars().find(|&c| c != '\n' && screen_check::is_forbidden(c));
                assert_eq!(bad, None, "{name}: the error message holds a control character: {msg:?}");
                let hidden = screen_check::hidden_in(&msg);
                assert_eq!(hidden, None, "{name}: the error message holds an invisible character: {msg:?}");
            }
        }
    }
}
