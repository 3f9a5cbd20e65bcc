//! How commands end: what they write to standard output, their errors and exit codes, and
//! whether text output is coloured.
//!
//! Rust ignores SIGPIPE, so a write to a closed pipe (`kz-timeline list | head -1`) returns
//! `BrokenPipe` instead of killing the process; every write here maps that to
//! [`Failure::ClosedPipe`], which ends the program quietly with status 0. Nothing uses `print!`,
//! which would panic instead.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use super::{ColorChoice, EXIT_INPUT, EXIT_RUNTIME};
use crate::model::load::LoadError;
use crate::model::sanitize;

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// Unusable input (a file, an argument): the message is printed after "error: ", exit 2.
    Input(String),
    /// Something failed at run time (writing the output): printed after "error: ", exit 1.
    Runtime(String),
    /// The reader of standard output went away: nothing to say, exit 0.
    ClosedPipe,
    /// The command has printed its own messages; exit with this status.
    Exit(u8),
}

impl Failure {
    /// A load error, with at most 20 problems listed (`check` lists them all).
    pub fn load(e: &LoadError) -> Failure {
        Failure::Input(e.report(20))
    }
}

/// What a command returns.
pub type Outcome = Result<(), Failure>;

/// Write to standard error, ignoring failures (there is nowhere left to report them).
pub fn eprint(msg: &str) {
    let _ = io::stderr().lock().write_all(msg.as_bytes());
}

/// Write `bytes` to standard output and flush.
pub fn stdout(bytes: &[u8]) -> Outcome {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush()).map_err(write_failure)
}

/// A failed write to standard output.
pub fn write_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::ClosedPipe
    } else {
        Failure::Runtime(format!("cannot write to standard output: {e}"))
    }
}

/// Report the outcome and turn it into the exit status.
pub fn finish(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(()) | Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Input(msg)) => {
            eprint(&format!("error: {}\n", sanitize::text(&msg)));
            ExitCode::from(EXIT_INPUT)
        }
        Err(Failure::Runtime(msg)) => {
            eprint(&format!("error: {}\n", sanitize::text(&msg)));
            ExitCode::from(EXIT_RUNTIME)
        }
        Err(Failure::Exit(code)) => ExitCode::from(code),
    }
}

/// Whether text output should be coloured: `always`, or `auto` when standard output is a
/// terminal, NO_COLOR is unset or empty and TERM is not "dumb".
pub fn use_color(choice: ColorChoice) -> bool {
    let env_allows = || {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
    };
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && env_allows(),
    }
}
