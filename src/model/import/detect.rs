//! Which format a file is in, from its content (never from its name alone: a `.json` may be
//! ours, TimelineJS's or a plain array of records). `--input-format` overrides the guess.

/// The formats kz-timeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Our own format (docs/FORMAT.md).
    #[value(name = "kz-timeline")]
    Native,
    /// TimelineJS3 JSON: `{"events": [...], "title": ..., "eras": [...]}`.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// TimelineJS's Google-Sheet template, saved as CSV (Year, Month, Day, ..., Headline, Text ...).
    #[value(name = "timelinejs-sheet")]
    TimelineJsSheet,
    /// TimelineJS2 JSON: `{"timeline": {"headline": ..., "date": [...]}}`.
    #[value(name = "timelinejs2")]
    TimelineJs2,
    /// ACLED's CSV export (event_id_cnty, event_date, ..., fatalities).
    #[value(name = "acled")]
    Acled,
    /// Any JSON array of objects (or an object holding one), fields found by name.
    #[value(name = "json")]
    GenericJson,
    /// Any CSV with a header row, columns found by name.
    #[value(name = "csv")]
    GenericCsv,
}

impl Format {
    /// How the format is named in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "kz-timeline",
            Format::TimelineJs => "TimelineJS",
            Format::TimelineJsSheet => "TimelineJS spreadsheet",
            Format::TimelineJs2 => "TimelineJS2",
            Format::Acled => "ACLED",
            Format::GenericJson => "JSON",
            Format::GenericCsv => "CSV",
        }
    }

    pub fn is_csv(self) -> bool {
        matches!(self, Format::TimelineJsSheet | Format::Acled | Format::GenericCsv)
    }
}

/// The format of `text`, from its content. JSON that is ours, or that is not clearly another
/// format, goes to the native loader, which explains precisely what is wrong with it.
pub fn detect(text: &str, file: &str) -> Format {
    let start = text.trim_start();
    match start.chars().next() {
        Some('{') => detect_object(text),
        Some('[') => match serde_json::from_str::<serde_json::Value>(text) {
            // An array of our own events (a file missing its top level) gets the native error.
            Ok(serde_json::Value::Array(a)) if !a.first().and_then(|v| v.as_object()).is_some_and(looks_native) => {
                Format::GenericJson
            }
            _ => Format::Native,
        },
        // Not JSON at all: a file named .json gets the JSON errors.
        _ if file.to_ascii_lowercase().ends_with(".json") => Format::Native,
        Some(_) if looks_like_csv(start) => detect_csv(start),
        _ => Format::Native,
    }
}

/// An event in our format: a `start` object, or sources.
fn looks_native(e: &serde_json::Map<String, serde_json::Value>) -> bool {
    e.get("start").is_some_and(serde_json::Value::is_object) || e.contains_key("sources")
}

fn detect_object(text: &str) -> Format {
    use serde_json::Value;
    // Only the top-level keys and the first event are needed; a parse of the whole value is
    // what the loader would do anyway, and files that are not ours are rarely huge.
    let Ok(Value::Object(top)) = serde_json::from_str::<Value>(text) else { return Format::Native };
    if top.contains_key("format") || top.contains_key("version") {
        return Format::Native;
    }
    if let Some(Value::Object(tl)) = top.get("timeline")
        && (tl.contains_key("date") || tl.contains_key("headline"))
    {
        return Format::TimelineJs2;
    }
    if let Some(Value::Array(events)) = top.get("events") {
        let tl3_keys = ["start_date", "text", "media", "unique_id", "group", "display_date", "background"];
        let native_keys = ["start", "summary", "sources"];
        let first = events.iter().find_map(Value::as_object);
        let tl3 = top.contains_key("eras")
            || top.contains_key("scale")
            || first.is_some_and(|e| tl3_keys.iter().any(|k| e.contains_key(*k)));
        let native = first.is_some_and(|e| looks_native(e) || native_keys.iter().any(|k| e.contains_key(*k)));
        return if tl3 && !native {
            Format::TimelineJs
        } else if native || first.is_none() {
            Format::Native
        } else {
            Format::GenericJson
        };
    }
    // An object holding one array of objects: records.
    let arrays = top.values().filter(|v| v.as_array().is_some_and(|a| a.iter().any(Value::is_object))).count();
    if arrays == 1 { Format::GenericJson } else { Format::Native }
}

/// A first line with a separator and no JSON punctuation at its start.
fn looks_like_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    first.contains(',') || first.contains(';') || first.contains('\t')
}

fn detect_csv(text: &str) -> Format {
    let headers = super::csvrows::header_names(text);
    let has = |h: &str| headers.iter().any(|x| x == h);
    if has("event_date") && (has("event_id_cnty") || (has("event_type") && has("admin1"))) {
        Format::Acled
    } else if has("year") && has("headline") {
        Format::TimelineJsSheet
    } else {
        Format::GenericCsv
    }
}
