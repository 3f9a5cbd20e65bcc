//! The commands: each file defines its arguments (a clap `Args` struct, with examples in its
//! `after_help`) and a `run(args) -> Outcome` that writes through [`super::output`].
//!
//! To add a command (say `quiz`): write `quiz.rs` with `QuizArgs` and `run`, add a variant to
//! [`Command`] (its doc comment is the one-line help) and an arm to [`run`]. Shared options are in
//! [`super::args`]: `InputArgs` (`[FILE]`, `--max-size`), `FilterArgs` (the app's filters),
//! `ColorArgs` (`--color`). Return `Failure::Input` for bad input (exit 2) and write standard
//! output only with `output::stdout`, which handles closed pipes.

pub mod check;
pub mod classroom;
pub mod convert;
pub mod dicts;
pub mod export;
pub mod generate;
pub mod list;
#[cfg(feature = "serve")]
pub mod serve;
pub mod show;

use clap::Subcommand;

use super::output::Outcome;
use super::start;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the events, filtered as in the app, as text, JSON, CSV or Markdown
    List(list::ListArgs),
    /// Print one event with its sources and claims
    Show(show::ShowArgs),
    /// Check a timeline file and list every problem in it
    Check(check::CheckArgs),
    /// Write a classroom handout (Markdown or a printable HTML page), or the timeline as TimelineJS JSON
    Export(export::ExportArgs),
    /// Convert a TimelineJS, ACLED, JSON or CSV file to the kz-timeline format
    Convert(convert::ConvertArgs),
    /// Print the region dictionary with the number of events in each region
    Regions(dicts::RegionsArgs),
    /// Print the name dictionary (people, organisations) with the events mentioning each
    Names(dicts::NamesArgs),
    /// Present the events one per full screen, for projecting in class
    Present(classroom::PresentArgs),
    /// A multiple-choice quiz generated from the timeline
    Quiz(classroom::QuizArgs),
    /// Serve the explorer over SSH to a whole class; the teacher can lead and students follow
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(generate::CompletionsArgs),
    /// Print the manual page (roff, for man)
    Man(generate::ManArgs),
}

/// What a command line asks for: the terminal app (explorer, presentation, quiz) or a command
/// that prints and exits.
pub enum Run {
    App(Box<start::Start>),
    Print(Outcome),
}

/// Run a printing command, or say which terminal app to start.
pub fn run(command: Command) -> Run {
    let out = match command {
        Command::List(a) => list::run(a),
        Command::Show(a) => show::run(a),
        Command::Check(a) => check::run(a),
        Command::Export(a) => export::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Regions(a) => dicts::run_regions(a),
        Command::Names(a) => dicts::run_names(a),
        Command::Completions(a) => generate::run_completions(a),
        Command::Man(a) => generate::run_man(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a),
        Command::Present(a) => return Run::App(Box::new(start::Start::present(a))),
        Command::Quiz(a) => return Run::App(Box::new(start::Start::quiz(a))),
    };
    Run::Print(out)
}
