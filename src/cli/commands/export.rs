//! `kz-timeline export`: a classroom handout of the (filtered) chronology, as Markdown or as one
//! printable, self-contained HTML page, written atomically to a file or to standard output.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::atomic_file::atomic_write;
use crate::cli::args::{FilterArgs, InputArgs};
use crate::cli::exit_status_help;
use crate::cli::output::{self, Failure, Outcome};
use crate::export::{self, Handout};
use crate::model::load;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown with footnotes
    #[value(alias = "md")]
    Markdown,
    /// One self-contained HTML page that prints well
    #[value(alias = "htm")]
    Html,
    /// TimelineJS3 JSON, to put the timeline on the web with TimelineJS (claims and sources in the slide text)
    #[value(name = "timelinejs")]
    TimelineJs,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "The handout has the timeline's title and description, the date it was generated (or the date of \
     SOURCE_DATE_EPOCH, if set), the events by day with their text and claims, and every source as a \
     numbered note. With --short it is one page: each event's date, title and one line, and the sources. \
     The file is replaced atomically: readers see the old or the new version, never half.\n\n",
    "Examples:\n",
    "  kz-timeline export -o handout.html\n",
    "  kz-timeline export --short --from 2022-01-02 --to 2022-01-07 -o first-week.html\n",
    "  kz-timeline export --region mangystau --to 2022-01-05 -o zhanaozen.md\n",
    "  kz-timeline export --format html -o - | lpr\n\n",
    exit_status_help!()
))]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Where to write the handout ("-" for standard output)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Handout format [default: from OUT's extension: .md, .markdown, .html, .htm]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,
    /// Include the teacher notes
    #[arg(long, conflicts_with = "short")]
    pub notes: bool,
    /// A one-page handout: each event's date, title and one line, and the sources
    #[arg(long)]
    pub short: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

fn is_stdout(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// The format asked for, or the one OUT's extension names.
fn format_for(args: &ExportArgs) -> Result<ExportFormat, Failure> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let ext = args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown") => Ok(ExportFormat::Markdown),
        Some("html" | "htm") => Ok(ExportFormat::Html),
        _ if is_stdout(&args.output) => Err(Failure::Input(
            "writing to standard output: say which format with --format markdown, --format html or --format timelinejs"
                .into(),
        )),
        _ => Err(Failure::Input(format!(
            "cannot tell the format from \"{}\"; name it .md or .html, or add --format markdown, --format html or --format timelinejs",
            load::label(&args.output)
        ))),
    }
}

/// Refuse to write the handout over the timeline it is made from.
fn check_not_input(args: &ExportArgs) -> Result<(), Failure> {
    let (Some(input), false) = (&args.input.file, is_stdout(&args.output)) else { return Ok(()) };
    match (std::fs::canonicalize(input), std::fs::canonicalize(&args.output)) {
        (Ok(a), Ok(b)) if a == b => Err(Failure::Input(format!(
            "{} is the timeline being exported; choose another output file",
            load::label(&args.output)
        ))),
        _ => Ok(()),
    }
}

pub fn run(args: ExportArgs) -> Outcome {
    let format = format_for(&args)?;
    check_not_input(&args)?;
    let loaded = args.input.load()?;
    let sel = args.filters.select(&loaded.timeline, args.input.file.as_deref())?;
    let opts = Handout { generated: export::generated_date(), notes: args.notes };
    let doc = match (format, args.short) {
        (ExportFormat::Markdown, false) => export::markdown::handout(&sel, &opts),
        (ExportFormat::Html, false) => export::html::handout(&sel, &opts),
        (ExportFormat::Markdown, true) => export::short::markdown(&sel, &opts),
        (ExportFormat::Html, true) => export::short::html(&sel, &opts),
        (ExportFormat::TimelineJs, _) => export::timelinejs::document(&sel),
    };
    if is_stdout(&args.output) {
        return output::stdout(doc.as_bytes());
    }
    atomic_write(&args.output, doc.as_bytes())
        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", load::label(&args.output))))?;
    output::eprint(&format!("Wrote {} ({})\n", load::label(&args.output), sel.count_text()));
    Ok(())
}
