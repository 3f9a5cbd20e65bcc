//! Command-line arguments and start-up: load the timeline, report errors before the terminal is
//! touched, then hand over to the terminal loop.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::app::{Options, State};
use crate::model::Timeline;
use crate::model::load::{self, LoadOptions, Report};
use crate::model::sanitize;
use crate::query::Filter;
use crate::state_file;
use crate::tui;
use crate::ui::Theme;

/// Exit code for bad input: unreadable or invalid files, unknown names in arguments.
pub const EXIT_INPUT: u8 = 2;
/// Exit code when the terminal fails.
pub const EXIT_RUNTIME: u8 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour unless NO_COLOR is set
    Auto,
    /// Always colour, even with NO_COLOR
    Always,
    /// Never colour: bold, underline and reverse video only
    Never,
}

/// Explore a timeline in the terminal. With no FILE, opens the bundled chronology of the
/// January 2022 unrest in Kazakhstan ("Qandy Qantar").
#[derive(Debug, Parser)]
#[command(name = "kz-timeline", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// A timeline file in the kz-timeline JSON format (see docs/FORMAT.md)
    pub file: Option<PathBuf>,
    /// Start filtered to a region: id, name or alias, e.g. "mangystau" (repeat for several)
    #[arg(long, value_name = "REGION")]
    pub region: Vec<String>,
    /// Start on the event with this id
    #[arg(long, value_name = "EVENT-ID")]
    pub at: Option<String>,
    /// Use the mouse: the wheel scrolls, a click selects
    #[arg(long)]
    pub mouse: bool,
    /// When to use colour
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed)
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_size: u64,
}

const AFTER_HELP: &str = "Keys: ↑/↓ or j/k move, Enter reads an event, r filters by region, ? shows every key, q quits.\n\
Exit status: 0 on success, 1 if the terminal failed, 2 for unusable input (file or arguments).";

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("\"{s}\" is not a size; use bytes or a number with K, M or G (e.g. 500M)"))
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("error: {}", sanitize::text(msg));
    ExitCode::from(EXIT_INPUT)
}

/// Resolve `--region` values against the timeline's dictionary.
pub fn region_filter(t: &Timeline, names: &[String]) -> Result<Filter, String> {
    let mut f = Filter::default();
    for n in names {
        match t.find_region(n) {
            Some(r) => {
                f.regions.insert(Some(r));
            }
            None => {
                let known: Vec<&str> = t.regions.iter().map(|r| r.id.as_str()).collect();
                return Err(format!(
                    "unknown region \"{}\"; known regions: {}",
                    sanitize::line(n),
                    known.join(", ")
                ));
            }
        }
    }
    Ok(f)
}

/// Pick the theme from `--color` and NO_COLOR (https://no-color.org: set and not empty).
pub fn theme_for(choice: ColorChoice, no_color_env: Option<&std::ffi::OsStr>) -> Theme {
    let no_color = no_color_env.is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => {
            ratatui::crossterm::style::force_color_output(true);
            Theme::color()
        }
        ColorChoice::Never => Theme::mono(),
        ColorChoice::Auto if no_color => Theme::mono(),
        ColorChoice::Auto => Theme::color(),
    }
}

/// Load the file named on the command line, or the bundled timeline.
pub fn load_timeline(file: Option<&PathBuf>, max_size: u64) -> Result<(Timeline, String), load::LoadError> {
    match file {
        Some(path) => {
            let t = load::timeline_from_path(path, &LoadOptions { max_size })?;
            Ok((t, load::label(path)))
        }
        None => Ok((load::bundled_timeline()?, "bundled".to_string())),
    }
}

/// Restore marks (and, unless the command line says where to start, the last position) from
/// the state file. Problems become a message; they are never fatal.
fn restore_saved(state: &mut State, path: &std::path::Path, resume: bool) {
    match state_file::load(path) {
        Ok(None) => {}
        Ok(Some(saved)) => {
            state.marks.set_ids(&state.timeline, &saved.marks);
            if resume
                && let Some(ix) = saved.last.as_deref().and_then(|id| state.timeline.event_by_id(id))
                && ix != 0
                && state.select_ix(ix)
            {
                state.message = Some("Back where you left off (g goes to the first event).".into());
            }
        }
        Err(reason) => {
            state.message = Some(format!(
                "Saved marks in {} could not be read ({}); starting afresh, the file will be replaced.",
                load::label(path),
                sanitize::line(&reason)
            ));
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let (timeline, label) = match load_timeline(cli.file.as_ref(), cli.max_size) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", Report(&e, 20));
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let filter = match region_filter(&timeline, &cli.region) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let mut state = State::new(timeline, label.clone(), Options { mouse: cli.mouse });
    let state_path = state_file::state_dir().map(|d| d.join(state_file::file_name(cli.file.as_deref())));
    if let Some(p) = &state_path {
        restore_saved(&mut state, p, cli.at.is_none() && cli.region.is_empty());
    }
    if !filter.is_empty() {
        state.set_filter(filter);
    }
    if let Some(id) = &cli.at
        && !state.select_id(id)
    {
        return fail(&format!("no event has the id \"{id}\""));
    }
    if !std::io::stdout().is_terminal() {
        return fail("standard output is not a terminal; kz-timeline needs one to draw its screen");
    }
    let theme = theme_for(cli.color, std::env::var_os("NO_COLOR").as_deref());

    let mut save_error: Option<String> = None;
    let mut save = |s: &State| {
        let Some(p) = &state_path else { return };
        let saved = state_file::Saved::new(&label, s.marks.ids(&s.timeline), s.selected_event().map(|e| e.id.clone()));
        if let Err(e) = state_file::save(p, &saved) {
            save_error = Some(format!("could not save marks to {}: {e}", load::label(p)));
        }
    };

    tui::install_panic_hook();
    let guard = match tui::enter(cli.mouse) {
        Ok(g) => g,
        Err(e) => {
            tui::restore();
            eprintln!("error: cannot set up the terminal: {e}");
            return ExitCode::from(EXIT_RUNTIME);
        }
    };
    let result = tui::run(state, &theme, &mut save);
    drop(guard);
    let code = match result {
        Ok((exit, state)) => {
            save(&state);
            match exit {
                tui::Exit::Quit => ExitCode::SUCCESS,
                tui::Exit::Signal(sig) => ExitCode::from((128 + sig) as u8),
            }
        }
        Err(e) => {
            eprintln!("error: terminal failure: {e}");
            ExitCode::from(EXIT_RUNTIME)
        }
    };
    if let Some(e) = save_error {
        eprintln!("warning: {}", sanitize::line(&e));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("500m"), Ok(500 << 20));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn no_color_selects_the_monochrome_theme() {
        assert_eq!(theme_for(ColorChoice::Auto, Some("1".as_ref())), Theme::mono());
        assert_eq!(theme_for(ColorChoice::Auto, Some("".as_ref())), Theme::color());
        assert_eq!(theme_for(ColorChoice::Auto, None), Theme::color());
        assert_eq!(theme_for(ColorChoice::Never, None), Theme::mono());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
