//! `kz-timeline convert IN -o OUT.json`: read a file in any format kz-timeline opens and write
//! it in our own (checked like any load, so `check OUT.json` is OK; converting the output again
//! gives the same bytes). Written atomically.

use std::path::PathBuf;

use clap::Args;

use crate::atomic_file::atomic_write;
use crate::cli::args::InputArgs;
use crate::cli::exit_status_help;
use crate::cli::output::{self, Failure, Outcome};
use crate::export::{self, Selection};
use crate::model::load;

#[derive(Debug, Clone, Args)]
#[command(after_help = concat!(
    "Reads TimelineJS (JSON or sheet CSV), TimelineJS2, ACLED CSV, any JSON or CSV of dated records, or our \
     own format, and writes the kz-timeline JSON format (docs/FORMAT.md).\n\n",
    "Examples:\n",
    "  kz-timeline convert timeline.csv -o timeline.json\n",
    "  kz-timeline convert acled.csv -o acled.json && kz-timeline check acled.json\n",
    "  kz-timeline convert records.json --field date=When -o - | less\n\n",
    exit_status_help!()
))]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Where to write the kz-timeline file ("-" for standard output)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

pub fn run(args: ConvertArgs) -> Outcome {
    if args.input.file.is_none() {
        return Err(Failure::Input("name the file to convert: kz-timeline convert FILE -o OUT.json".into()));
    }
    if let (Some(input), false) = (&args.input.file, args.output.as_os_str() == "-")
        && let (Ok(a), Ok(b)) = (std::fs::canonicalize(input), std::fs::canonicalize(&args.output))
        && a == b
    {
        return Err(Failure::Input(format!(
            "{} is the file being converted; choose another output file",
            load::label(&args.output)
        )));
    }
    let loaded = args.input.load()?;
    let sel = Selection::all(&loaded.timeline);
    let doc = export::json::list(&sel);
    if args.output.as_os_str() == "-" {
        return output::stdout(doc.as_bytes());
    }
    atomic_write(&args.output, doc.as_bytes())
        .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", load::label(&args.output))))?;
    output::eprint(&format!("Wrote {} ({})\n", load::label(&args.output), sel.count_text()));
    Ok(())
}
