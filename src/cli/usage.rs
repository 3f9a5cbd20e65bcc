//! Command-line mistakes, explained. clap's messages are kept where they are clear and replaced
//! where they mislead: for an unknown option clap suggests whatever option is least unlike it
//! (`--bogus` → "a similar argument exists: '--mouse'", with a usage line built around `--mouse`)
//! and offers "to pass '--notes' as a value, use '-- --notes'", which is never what a user of
//! this program means. Instead: an option of another command says which command has it, a typo
//! of a real option gets that option, anything else is an unknown option with the plain usage.
//! Options that take a value accept negative numbers, so `--autoplay -5` is a value out of range
//! rather than an unknown option `-5`, and number ranges are said in words.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory};

use super::Cli;

/// The program's parser: [`Cli`], with negative numbers taken as values by every option that
/// takes one.
pub fn command() -> Command {
    negative_values(Cli::command())
}

fn negative_values(cmd: Command) -> Command {
    let cmd = cmd.mut_args(|a| {
        if !a.is_positional() && a.get_action().takes_values() { a.allow_negative_numbers(true) } else { a }
    });
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    subs.iter().fold(cmd, |cmd, name| cmd.mut_subcommand(name, negative_values))
}

/// Our message for `err` (from parsing `argv` with [`command`]), or `None` when clap's own says
/// it well. The text starts with "error: " and ends with the usage and where to find help.
pub fn explain(err: &clap::Error, argv: &[OsString]) -> Option<String> {
    let mut cmd = command();
    cmd.build();
    let sub = argv
        .get(1)
        .and_then(|a| a.to_str())
        .and_then(|a| cmd.get_subcommands().find(|s| s.get_name() == a || s.get_all_aliases().any(|x| x == a)))
        .map(|s| s.get_name().to_string());
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let message = match err.kind() {
        ErrorKind::UnknownArgument => unknown_option(&cmd, sub.as_deref(), &string(ContextKind::InvalidArg)?),
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(err)?.to_string();
            bad_number(&string(ContextKind::InvalidArg)?, &string(ContextKind::InvalidValue)?, &source)?
        }
        _ => return None,
    };
    let here = match &sub {
        Some(name) => cmd.find_subcommand_mut(name).expect("found above"),
        None => &mut cmd,
    };
    let usage = here.render_usage().to_string();
    let help = match &sub {
        Some(name) => format!("kz-timeline {name} --help"),
        None => "kz-timeline --help".into(),
    };
    Some(format!("error: {message}\n\n{}\n\nFor more information, try '{help}'.\n", usage.trim_end()))
}

/// The long options of `cmd` (without `--`).
fn longs(cmd: &Command) -> Vec<&str> {
    cmd.get_arguments().filter_map(|a| a.get_long()).chain(["help", "version"]).collect()
}

fn unknown_option(cmd: &Command, sub: Option<&str>, arg: &str) -> String {
    let here = match sub {
        Some(name) => cmd.get_subcommands().find(|s| s.get_name() == name).unwrap_or(cmd),
        None => cmd,
    };
    let shown = crate::model::sanitize::line(arg);
    let Some(long) = arg.strip_prefix("--").map(|l| l.split('=').next().unwrap_or(l)) else {
        return format!("unknown option '{shown}'");
    };
    // Another command's option, given to this one (or to the app, before a command's name).
    // (name, how to write it), the app first.
    let mut owners: Vec<(String, String)> = Vec::new();
    if sub.is_some() && longs(cmd).contains(&long) {
        owners.push(("the app".into(), format!("kz-timeline --{long} … [FILE]")));
    }
    for s in cmd.get_subcommands().filter(|s| Some(s.get_name()) != sub) {
        if s.get_arguments().any(|a| a.get_long() == Some(long)) {
            owners.push((format!("`{}`", s.get_name()), format!("kz-timeline {} --{long} …", s.get_name())));
        }
    }
    let what = match sub {
        Some(name) => format!("`kz-timeline {name}`"),
        None => "the app (kz-timeline without a command)".into(),
    };
    if let Some((_, example)) = owners.first() {
        let names: Vec<&str> = owners.iter().map(|(n, _)| n.as_str()).collect();
        let list = match names.len() {
            1 => names[0].to_string(),
            n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        };
        return format!("{what} has no option '--{long}'; it is an option of {list} ({example})");
    }
    // A typo: only a close match is suggested (an edit or two, less than a third of the name).
    let close = longs(here)
        .into_iter()
        .map(|l| (strsim::damerau_levenshtein(l, long), l))
        .filter(|&(d, l)| d <= 2 && d * 3 < l.len().max(long.len()))
        .min();
    match close {
        Some((_, l)) => format!("unknown option '--{long}'; did you mean '--{l}'?"),
        None => format!("unknown option '{shown}'"),
    }
}

/// A number out of range or not a number, in words: "--autoplay takes a whole number from 1 to
/// 3600, not -5". `None` for other value errors (clap's message is then clear).
fn bad_number(arg: &str, value: &str, source: &str) -> Option<String> {
    let option = arg.split(' ').next().unwrap_or(arg);
    let value = crate::model::sanitize::line(value);
    let range = source.rsplit_once(" is not in ").map(|(_, r)| r);
    let what = match range.and_then(|r| r.split_once("..=")) {
        Some((lo, hi)) => format!("a whole number from {lo} to {hi}"),
        None if source.starts_with("invalid digit") || source.starts_with("cannot parse integer") => {
            "a whole number".into()
        }
        None if source.starts_with("number too large") => "a smaller number".into(),
        None => return None,
    };
    Some(format!("{option} takes {what}, not '{value}'"))
}

/// Parse the command line, or print what is wrong and give the exit status.
pub fn parse(argv: Vec<OsString>) -> Result<Cli, std::process::ExitCode> {
    use clap::FromArgMatches;
    let parsed = command().try_get_matches_from(&argv).and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|err| match explain(&err, &argv) {
        Some(message) => {
            eprint!("{message}");
            std::process::ExitCode::from(super::EXIT_INPUT)
        }
        None => {
            let _ = err.print();
            std::process::ExitCode::from(err.exit_code().clamp(0, 255) as u8)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(args: &str) -> String {
        let argv: Vec<OsString> = std::iter::once("kz-timeline").chain(args.split(' ')).map(OsString::from).collect();
        let err = command().try_get_matches_from(&argv).expect_err(args);
        explain(&err, &argv).unwrap_or_else(|| format!("clap: {err}"))
    }

    #[test]
    fn the_parser_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn an_unknown_option_gets_no_far_fetched_suggestion_and_the_plain_usage() {
        let m = message("--bogus");
        assert!(m.starts_with("error: unknown option '--bogus'\n\nUsage: kz-timeline [OPTIONS] [FILE]\n"), "{m}");
        assert!(!m.contains("mouse") && !m.contains("tip:") && !m.contains("'-- "), "{m}");
        assert!(m.ends_with("For more information, try 'kz-timeline --help'.\n"), "{m}");
        let m = message("list --bogus");
        assert!(m.starts_with("error: unknown option '--bogus'\n\nUsage: kz-timeline list [OPTIONS] [FILE]"), "{m}");
        assert!(message("-x").starts_with("error: unknown option '-x'\n"));
        assert!(message("-5").starts_with("error: unknown option '-5'\n"));
    }

    #[test]
    fn a_typo_of_a_real_option_gets_it() {
        assert!(message("--regoin x").starts_with("error: unknown option '--regoin'; did you mean '--region'?\n"));
        assert!(message("list --seach x").starts_with("error: unknown option '--seach'; did you mean '--search'?\n"));
    }

    #[test]
    fn an_option_of_another_command_names_that_command() {
        let m = message("--notes");
        assert!(
            m.starts_with(
                "error: the app (kz-timeline without a command) has no option '--notes'; it is an option of "
            ),
            "{m}"
        );
        assert!(m.contains("`present`") && m.contains(" --notes …)\n"), "{m}");
        assert!(!m.contains("tip:"), "{m}");
        let m = message("list --mouse");
        assert!(
            m.starts_with(
                "error: `kz-timeline list` has no option '--mouse'; it is an option of the app (kz-timeline --mouse … [FILE])\n"
            ),
            "{m}"
        );
    }

    #[test]
    fn negative_and_bad_numbers_are_values_out_of_range() {
        let m = message("present --autoplay -5");
        assert!(
            m.starts_with(
                "error: --autoplay takes a whole number from 1 to 3600, not '-5'\n\nUsage: kz-timeline present"
            ),
            "{m}"
        );
        assert!(
            message("present --autoplay=-5")
                .starts_with("error: --autoplay takes a whole number from 1 to 3600, not '-5'\n")
        );
        assert!(message("present --autoplay soon").starts_with("error: --autoplay takes a whole number, not 'soon'\n"));
        assert!(
            message("quiz --count -3").starts_with("error: --count takes a whole number from 1 to 200, not '-3'\n")
        );
    }

    #[test]
    fn clear_clap_messages_are_kept() {
        assert!(message("show").starts_with("clap: error: the following required arguments were not provided"));
        assert!(message("list --format yaml").starts_with("clap: error: invalid value 'yaml' for '--format <FORMAT>'"));
    }
}
