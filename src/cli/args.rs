//! Argument groups shared by several commands, and how they are resolved against a timeline:
//! the input file (`[FILE]`, `--max-size`), `--color`, and the filters, which are the app's
//! filters (`query::Filter`) spelled as options. The same filter options serve the app (no
//! command), `list`, `export`, `present` and `quiz`, resolved by `query::spec`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::output::Failure;
use super::{ColorChoice, load_timeline, parse_size};
use crate::export::Selection;
use crate::model::Timeline;
use crate::model::load::{self, bundled_name_groups};
use crate::query::spec::FilterSpec;
use crate::query::{Dictionary, Filter, Index, View};
use crate::state_file;

/// A timeline to read: a file, or the bundled chronology.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// A timeline file: kz-timeline JSON, TimelineJS (JSON or sheet CSV), ACLED CSV, or any JSON/CSV of dated
    /// records (- reads standard input) [default: the bundled chronology]
    pub file: Option<PathBuf>,
    /// Refuse files larger than this many bytes (suffixes K, M, G allowed)
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub max_size: u64,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// How to read files in other formats (README "Opening other files").
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Other formats")]
pub struct ImportArgs {
    /// The file's format, when the guess from its content is wrong
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::model::import::Format>,
    /// Where a field is in a JSON or CSV of records: --field date=When --field title=Headline (fields: date, end,
    /// year, month, day, title, summary, region, place, category, lat, lon, url, source, id)
    #[arg(long, value_name = "FIELD=NAME", value_parser = parse_field)]
    pub field: Vec<(String, String)>,
    /// The UTC offset of times the file gives without one (+06:00); without it such times are left out
    #[arg(long, value_name = "OFFSET", value_parser = parse_offset)]
    pub utc_offset: Option<String>,
}

impl ImportArgs {
    pub fn options(&self) -> crate::model::import::Options {
        crate::model::import::Options {
            format: self.input_format,
            fields: self.field.clone(),
            utc_offset: self.utc_offset.clone(),
        }
    }
}

fn parse_field(s: &str) -> Result<(String, String), String> {
    let (f, n) = s.split_once('=').ok_or_else(|| format!("\"{s}\": write FIELD=NAME, for example date=When"))?;
    let f = f.trim().to_ascii_lowercase();
    if !crate::model::import::field_names().contains(&f.as_str()) {
        return Err(format!(
            "unknown field \"{f}\"; the fields are {}",
            crate::model::import::field_names().join(", ")
        ));
    }
    Ok((f, n.trim().to_string()))
}

fn parse_offset(s: &str) -> Result<String, String> {
    crate::model::import::parse_offset(s)
}

/// A loaded timeline and how it is named in messages.
#[derive(Debug)]
pub struct Loaded {
    pub timeline: Timeline,
    /// "(bundled) timeline.json" or the file name as given.
    pub label: String,
}

impl InputArgs {
    pub fn load(&self) -> Result<Loaded, Failure> {
        let (timeline, _) =
            load_timeline(self.file.as_ref(), self.max_size, &self.import).map_err(|e| Failure::load(&e))?;
        Ok(Loaded { timeline, label: self.label() })
    }

    /// How the input is named in messages.
    pub fn label(&self) -> String {
        self.file.as_deref().map_or_else(|| load::BUNDLED_LABEL.to_string(), load::label)
    }
}

/// `--color` for text output.
#[derive(Debug, Clone, Args)]
pub struct ColorArgs {
    /// When to colour text output: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl ColorArgs {
    /// How text output is painted: in colour when `--color` and the terminal say so.
    pub fn paint(&self) -> crate::export::text::Paint {
        crate::export::text::Paint(super::output::use_color(self.color))
    }
}

/// The app's filters. Values of one option are alternatives; different options must all hold.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Events in this region: any name `kz-timeline regions` prints, e.g. "mangystau", "Алматы" (repeat for several)
    #[arg(long, value_name = "REGION")]
    pub region: Vec<String>,
    /// Events with this topic: category id or name, e.g. "protest" (repeat for several)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Vec<String>,
    /// Events involving this person or organisation, in any spelling (repeat for several)
    #[arg(long, value_name = "ACTOR")]
    pub actor: Vec<String>,
    /// Events on or after this date: 2022-01-05, "5 jan 2022", "jan 5"; a month or year from its first day
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events on or before this date; a month or year to its last day ("--from feb --to feb" is all of February)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Events matching this search, as in the app (any spelling, script or case; every word must occur)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only events with a disputed claim
    #[arg(long)]
    pub disputed: bool,
    /// Only the events you marked in the app (m)
    #[arg(long)]
    pub marked: bool,
}

/// The marks saved for the timeline in `file` (the bundled one when `None`), one flag per
/// event; an error when there are none, since `--marked` would then select nothing.
pub fn saved_marks(t: &Timeline, file: Option<&Path>) -> Result<Vec<bool>, Failure> {
    let none = || {
        Failure::Input("--marked: no events are marked for this timeline yet (press m in the app to mark some)".into())
    };
    let path = state_file::state_dir().map(|d| d.join(state_file::file_name(file))).ok_or_else(none)?;
    let saved = match state_file::read(&path) {
        state_file::Found::Saved(s) => s,
        state_file::Found::Missing => return Err(none()),
        state_file::Found::Newer { version } => {
            return Err(Failure::Input(format!(
                "--marked: the saved marks in {} were written by a newer kz-timeline (state version {version})",
                load::label(&path)
            )));
        }
        state_file::Found::Unreadable { reason } | state_file::Found::Inaccessible(_, reason) => {
            return Err(Failure::Input(format!(
                "--marked: cannot read the saved marks in {}: {reason}",
                load::label(&path)
            )));
        }
    };
    let mut flags = vec![false; t.events.len()];
    for id in &saved.marks {
        if let Some(ix) = t.event_by_id(id) {
            flags[ix] = true;
        }
    }
    if flags.iter().any(|&m| m) { Ok(flags) } else { Err(none()) }
}

impl FilterArgs {
    /// The options as plain strings.
    pub fn spec(&self) -> FilterSpec {
        FilterSpec {
            regions: self.region.clone(),
            categories: self.category.clone(),
            actors: self.actor.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            search: self.search.clone(),
            disputed: self.disputed,
            marked: self.marked,
        }
    }

    /// The filter these options describe, checked against `t` (unknown regions, topics and
    /// actors, and unreadable dates, are input errors).
    pub fn resolve(&self, t: &Timeline, dictionary: &Dictionary) -> Result<Filter, Failure> {
        self.spec().resolve(t, dictionary).map_err(|e| Failure::Input(e.0))
    }

    /// The events of `t` (read from `file`, for `--marked`) these options select, with the
    /// filters described.
    pub fn select<'a>(&self, t: &'a Timeline, file: Option<&Path>) -> Result<Selection<'a>, Failure> {
        let dictionary = Dictionary::for_timeline(t, &bundled_name_groups());
        let filter = self.resolve(t, &dictionary)?;
        if filter.is_empty() {
            return Ok(Selection::all(t));
        }
        let marks = if filter.marked { saved_marks(t, file)? } else { Vec::new() };
        // The search index is only needed (and only built) for a search.
        let mut index = None;
        let view = View::build(t, || &*index.insert(Index::build(t, dictionary)), &filter, &marks);
        Ok(Selection::filtered(t, view, &filter))
    }
}
