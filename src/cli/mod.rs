//! Command-line arguments and start-up.
//!
//! Without a command, `kz-timeline [OPTIONS] [FILE]` opens the terminal app ([`start`]): load
//! the timeline, report errors before the terminal is touched, then hand over to the loop. With a
//! command (`list`, `show`, `check`, `export`, `regions`, `names`, `completions`, `man`) it
//! writes to standard output and exits; see [`commands`]. `present` and `quiz` start the app in
//! presentation or quiz mode. Options given before a command's name
//! belong to the app, so `kz-timeline --mouse list` opens a file named `list`; commands take their
//! options after their name.

pub mod args;
pub mod commands;
pub mod output;
mod start;
pub use start::FIRST_VISIT;
mod usage;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, ValueEnum};

use crate::model::Timeline;
use crate::model::load::{self, LoadOptions};
use crate::ui::Theme;

pub use commands::Command;
pub use start::LOAD_SCREEN_FROM;

/// Exit code for bad input: unreadable or invalid files, unknown names in arguments, bad dates.
pub const EXIT_INPUT: u8 = 2;
/// Exit code when the terminal fails or output cannot be written.
pub const EXIT_RUNTIME: u8 = 1;

/// The exit status paragraph shared by every `--help`.
macro_rules! exit_status_help {
    () => {
        "Exit status: 0 success; 1 the terminal failed or output could not be written; 2 unusable \
         input (a file that cannot be read or is not a valid timeline, an unknown region, category, \
         actor or event id, a bad date or argument)."
    };
}
pub(crate) use exit_status_help;

const AFTER_HELP: &str = concat!(
    "Keys: ↑/↓ or j/k move, Enter reads an event, r filters by region, ? shows every key, q quits.\n\n",
    "Commands take their options after their name (kz-timeline list --region almaty); ",
    "`kz-timeline help COMMAND` describes one. To open a file named like a command, write ./list.\n\n",
    exit_status_help!()
);

/// The app's colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeChoice {
    /// For dark terminal backgrounds
    #[default]
    Dark,
    /// For light terminal backgrounds
    Light,
    /// Explicit colours on black, every pair at least 4.5:1 contrast (for projectors)
    HighContrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour unless NO_COLOR is set (commands: only on a terminal)
    Auto,
    /// Always colour, even with NO_COLOR or into a pipe
    Always,
    /// Never colour: bold, underline and reverse video only
    Never,
}

/// Explore a timeline in the terminal. With no FILE, opens the bundled chronology of the
/// January 2022 unrest in Kazakhstan ("Qandy Qantar"). The commands print the same data for
/// scripts and handouts.
#[derive(Debug, Parser)]
#[command(
    name = "kz-timeline",
    version,
    about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_value_name = "COMMAND",
    subcommand_help_heading = "Commands"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub app: AppArgs,
}

/// Options of the terminal app (no command).
#[derive(Debug, Clone, Args)]
pub struct AppArgs {
    /// A timeline file in the kz-timeline JSON format (see docs/FORMAT.md); - reads standard input
    pub file: Option<PathBuf>,
    /// Start on the event with this id
    #[arg(long, value_name = "EVENT-ID")]
    pub at: Option<String>,
    /// Reload the file whenever it is saved, keeping the selection, filters and marks (a save
    /// that does not load is shown in a banner over the last good version)
    #[arg(long)]
    pub watch: bool,
    /// Use the mouse: the wheel scrolls, a click selects
    #[arg(long)]
    pub mouse: bool,
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed)
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_size: u64,
    #[command(flatten)]
    pub import: args::ImportArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
    // Start filtered, as `list` would select (the filter bar shows it).
    #[command(flatten)]
    pub filter: args::FilterArgs,
}

/// How the terminal app looks: shared by the app, `present` and `quiz`.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Display")]
pub struct DisplayArgs {
    /// When to use colour
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Colour theme: dark, light, or high-contrast for projectors
    #[arg(long, value_enum, value_name = "THEME", default_value_t = ThemeChoice::Dark)]
    pub theme: ThemeChoice,
    /// Screen-reader mode: plain lines of words (date, place and title), no borders, block letters or charts; the
    /// terminal cursor follows the selection; the keys are the same
    #[arg(long)]
    pub plain: bool,
}

/// Parse a `--max-size` value: bytes, or a number with K, M or G.
pub fn parse_size(s: &str) -> Result<u64, String> {
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

/// Pick the app's theme from `--theme`, `--color` and NO_COLOR (https://no-color.org: set and
/// not empty). No colour wins over any theme.
pub fn theme_for(choice: ColorChoice, theme: ThemeChoice, no_color_env: Option<&std::ffi::OsStr>) -> Theme {
    let no_color = no_color_env.is_some_and(|v| !v.is_empty());
    let colored = || match theme {
        ThemeChoice::Dark => Theme::dark(),
        ThemeChoice::Light => Theme::light(),
        ThemeChoice::HighContrast => Theme::high_contrast(),
    };
    match choice {
        ColorChoice::Always => {
            ratatui::crossterm::style::force_color_output(true);
            colored()
        }
        ColorChoice::Never => Theme::mono(),
        ColorChoice::Auto if no_color => Theme::mono(),
        ColorChoice::Auto => colored(),
    }
}

/// Said on standard error (when it is a terminal) if a pipe or standard input has sent nothing
/// for a second, so that a mistyped command does not leave the user at a silent screen.
fn waiting_notice(path: &std::path::Path) {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return;
    }
    let message = if !load::is_stdin(path) {
        format!("waiting for data on the pipe {} (nothing has arrived yet); Ctrl-C cancels", load::label(path))
    } else if std::io::stdin().is_terminal() {
        "reading the timeline from standard input, which is this terminal: paste it and press Ctrl-D, or press \
         Ctrl-C to cancel"
            .to_string()
    } else {
        "waiting for data on standard input (nothing has arrived yet); Ctrl-C cancels".to_string()
    };
    eprintln!("kz-timeline: {message}");
}

/// How files named on the command line are read: up to `max_size` bytes, saying when a pipe
/// keeps the load waiting.
pub fn load_options(max_size: u64, import: &args::ImportArgs) -> LoadOptions {
    LoadOptions { max_size, on_wait: Some(waiting_notice), import: import.options() }
}

/// Load the file named on the command line (`-`: standard input), or the bundled timeline; also
/// returns how the timeline is named in messages ("bundled" or the file's name).
pub fn load_timeline(
    file: Option<&PathBuf>,
    max_size: u64,
    import: &args::ImportArgs,
) -> Result<(Timeline, String), load::LoadError> {
    match file {
        Some(path) => {
            let t = load::timeline_from_path(path, &load_options(max_size, import))?;
            Ok((t, load::label(path)))
        }
        None => Ok((load::bundled_timeline()?, "bundled".to_string())),
    }
}

/// The entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match usage::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        None => start::run(start::Start::explore(cli.app)),
        Some(command) => match commands::run(command) {
            commands::Run::App(app) => start::run(*app),
            commands::Run::Print(out) => output::finish(out),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
        let dark = ThemeChoice::Dark;
        assert_eq!(theme_for(ColorChoice::Auto, dark, Some("1".as_ref())), Theme::mono());
        assert_eq!(theme_for(ColorChoice::Auto, dark, Some("".as_ref())), Theme::dark());
        assert_eq!(theme_for(ColorChoice::Auto, dark, None), Theme::dark());
        assert_eq!(theme_for(ColorChoice::Never, dark, None), Theme::mono());
        assert_eq!(theme_for(ColorChoice::Auto, ThemeChoice::HighContrast, None), Theme::high_contrast());
        assert_eq!(theme_for(ColorChoice::Auto, ThemeChoice::HighContrast, Some("1".as_ref())), Theme::mono());
        assert_eq!(theme_for(ColorChoice::Auto, ThemeChoice::Light, None), Theme::light());
    }

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("kz-timeline").chain(args.iter().copied()))
    }

    #[test]
    fn app_options_and_commands_do_not_mix() {
        let cli = parse(&["--region", "almaty", "--mouse", "my.json"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.app.file, Some(PathBuf::from("my.json")));
        // A file named like a command opens as ./list; after an app option it is a file too.
        assert_eq!(parse(&["./list"]).unwrap().app.file, Some(PathBuf::from("./list")));
        assert_eq!(parse(&["--mouse", "list"]).unwrap().app.file, Some(PathBuf::from("list")));
        assert!(matches!(parse(&["list"]).unwrap().command, Some(Command::List(_))));
        let cli = parse(&["list", "--region", "hills", "--max-size", "1M", "--color", "always", "x.json"]).unwrap();
        let Some(Command::List(l)) = cli.command else { panic!("not list") };
        assert_eq!(l.input.file, Some(PathBuf::from("x.json")));
        assert_eq!(l.input.max_size, 1 << 20);
        assert_eq!(l.color.color, ColorChoice::Always);
        let Some(Command::Show(s)) = parse(&["show", "an-id", "f.json"]).unwrap().command else { panic!("not show") };
        assert_eq!((s.id.as_str(), s.input.file), ("an-id", Some(PathBuf::from("f.json"))));
    }
}
