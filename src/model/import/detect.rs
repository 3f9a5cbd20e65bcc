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
        Some('{') => match serde_json::from_str::<Top>(text) {
            Ok(top) => detect_object(&top),
            Err(_) => Format::Native,
        },
        Some('[') => match serde_json::from_str::<Shape>(text) {
            // An array of our own events (a file missing its top level) gets the native error.
            Ok(Shape::Array { first: Some(keys) }) if !looks_native(&keys) => Format::GenericJson,
            _ => Format::Native,
        },
        // Not JSON at all: a file named .json gets the JSON errors.
        _ if file.to_ascii_lowercase().ends_with(".json") => Format::Native,
        Some(_) if looks_like_csv(start) => detect_csv(start),
        _ => Format::Native,
    }
}

/// An event in our format: a `start` object, or sources.
fn looks_native(keys: &[(String, bool)]) -> bool {
    keys.iter().any(|(k, object)| (k == "start" && *object) || k == "sources")
}

fn has(keys: &[(String, bool)], name: &str) -> bool {
    keys.iter().any(|(k, _)| k == name)
}

fn detect_object(top: &Top) -> Format {
    let get = |k: &str| top.0.iter().find(|(key, _)| key == k).map(|(_, s)| s);
    if get("format").is_some() || get("version").is_some() {
        return Format::Native;
    }
    if let Some(Shape::Object(keys)) = get("timeline")
        && (has(keys, "date") || has(keys, "headline"))
    {
        return Format::TimelineJs2;
    }
    if let Some(Shape::Array { first }) = get("events") {
        let tl3_keys = ["start_date", "text", "media", "unique_id", "group", "display_date", "background"];
        let first = first.as_deref();
        let tl3 = get("eras").is_some()
            || get("scale").is_some()
            || first.is_some_and(|keys| tl3_keys.iter().any(|k| has(keys, k)));
        let native = first.is_some_and(|keys| looks_native(keys) || has(keys, "summary"));
        return if tl3 && !native {
            Format::TimelineJs
        } else if native || first.is_none() {
            Format::Native
        } else {
            Format::GenericJson
        };
    }
    // An object holding one array of objects: records.
    let arrays = top.0.iter().filter(|(_, s)| matches!(s, Shape::Array { first: Some(_) })).count();
    if arrays == 1 { Format::GenericJson } else { Format::Native }
}

/// The top level of a JSON object as detection needs it: each key and the shape of its value,
/// read in one pass without building the document (a file of ours may be a gigabyte).
struct Top(Vec<(String, Shape)>);

/// The shape of a value: an object's keys (with whether each value is an object; the values
/// themselves skipped), an array's first element when it is an object (the others skipped), or
/// anything else.
enum Shape {
    Object(Vec<(String, bool)>),
    Array { first: Option<Vec<(String, bool)>> },
    Other,
}

impl<'de> serde::Deserialize<'de> for Top {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Top, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Top, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    out.push((k, m.next_value::<Shape>()?));
                }
                Ok(Top(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
        use serde::de::IgnoredAny;
        /// Skips a value, saying whether it was an object.
        struct IsObject(bool);
        impl<'de> serde::Deserialize<'de> for IsObject {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<IsObject, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = IsObject;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("any JSON value")
                    }
                    fn visit_bool<E>(self, _: bool) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_i64<E>(self, _: i64) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_u64<E>(self, _: u64) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_f64<E>(self, _: f64) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_str<E>(self, _: &str) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_unit<E>(self) -> Result<IsObject, E> {
                        Ok(IsObject(false))
                    }
                    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<IsObject, A::Error> {
                        while s.next_element::<IgnoredAny>()?.is_some() {}
                        Ok(IsObject(false))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<IsObject, A::Error> {
                        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                        Ok(IsObject(true))
                    }
                }
                d.deserialize_any(V)
            }
        }
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Shape, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    let IsObject(object) = m.next_value()?;
                    keys.push((k, object));
                }
                Ok(Shape::Object(keys))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Shape, A::Error> {
                let first = match s.next_element::<Shape>()? {
                    Some(Shape::Object(keys)) => Some(keys),
                    _ => None,
                };
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shape::Array { first })
            }
        }
        d.deserialize_any(V)
    }
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
