//! `kz-timeline completions SHELL` and `kz-timeline man`: generated from the argument
//! definitions, so they always match them.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cli::output::{self, Failure, Outcome};

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
    kz-timeline completions bash > ~/.local/share/bash-completion/completions/kz-timeline\n  \
    kz-timeline completions zsh > ~/.zfunc/_kz-timeline\n  \
    kz-timeline completions fish > ~/.config/fish/completions/kz-timeline.fish")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run_completions(args: CompletionsArgs) -> Outcome {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    // clap_complete panics on write errors, so it writes to memory; the pipe is handled below.
    clap_complete::generate(args.shell, &mut cmd, "kz-timeline", &mut buf);
    output::stdout(&buf)
}

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
    kz-timeline man | man -l -\n  \
    kz-timeline man list > kz-timeline-list.1")]
pub struct ManArgs {
    /// A command's own page (kz-timeline-COMMAND(1)) instead of the main page
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn run_man(args: ManArgs) -> Outcome {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let sub = cmd.find_subcommand(name).ok_or_else(|| {
                let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).filter(|&n| n != "help").collect();
                Failure::Input(format!("no command \"{name}\"; commands: {}", known.join(", ")))
            })?;
            // clap names are `&'static str` (without its "string" feature); this runs once per process.
            let full: &'static str = Box::leak(format!("kz-timeline-{}", sub.get_name()).into_boxed_str());
            sub.clone().name(full).bin_name(full).version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Failure::Runtime(format!("cannot render the manual: {e}")))?;
    output::stdout(&buf)
}
