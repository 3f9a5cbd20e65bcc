//! serde's messages in words a reader of the error knows: "expected a string, found the number
//! 2022" rather than "invalid type: integer `2022`, expected a string", and no Rust type names
//! ("struct EventEntry"). Also keeps JSON paths short enough for one line.

/// Reword a serde_json data error ("invalid type: …, expected …" and friends). Messages it does
/// not know are returned unchanged.
pub fn humanize(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!("expected {}, found {}", expected_words(expected), found_words(found));
        }
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return format!("the required field \"{field}\" is missing");
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((n, expected)) = rest.split_once(", expected ")
    {
        return format!("expected {}, found {n} items", expected_words(expected));
    }
    message.to_string()
}

/// What serde says it expected, without Rust type names.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e == "a map" || e == "map" {
        "an object ({ ... })".into()
    } else if e == "a sequence" || e.starts_with("a sequence") || e.starts_with("tuple") {
        "a list ([ ... ])".into()
    } else if e.starts_with("enum ") {
        "one of the allowed values".into()
    } else if let Some(kind) = ["u8", "u16", "u32", "u64", "usize"].iter().find(|k| e == **k) {
        let max: u64 = match *kind {
            "u8" => u8::MAX.into(),
            "u16" => u16::MAX.into(),
            "u32" => u32::MAX.into(),
            _ => u64::MAX,
        };
        format!("a whole number from 0 to {max}")
    } else if ["i8", "i16", "i32", "i64", "isize"].contains(&e) {
        "a whole number".into()
    } else if e == "f32" || e == "f64" {
        "a number".into()
    } else {
        e.to_string()
    }
}

/// What serde says it found: `integer `2022`` → `the number 2022`.
fn found_words(found: &str) -> String {
    let f = found.trim();
    let quoted = |prefix: &str| f.strip_prefix(prefix).map(|r| r.trim_matches('`').to_string());
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        format!("the number {n}")
    } else if let Some(b) = quoted("boolean ") {
        b
    } else if let Some(s) = f.strip_prefix("string ") {
        format!("the text {}", crate::text::clip_middle(s, 40))
    } else if f == "map" {
        "an object".into()
    } else if f == "sequence" {
        "a list".into()
    } else if f == "null" || f == "unit value" {
        "null".into()
    } else {
        f.to_string()
    }
}

/// A JSON path for an error line: at most 80 characters, its start and end kept
/// (`extra.x[0][0]…[0][0]`), so a deeply nested document still gets a one-line message.
pub fn short_path(path: &str) -> String {
    crate::text::clip_middle(path, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_say_what_was_expected_and_found() {
        assert_eq!(
            humanize("invalid type: integer `2022`, expected a string"),
            "expected a string, found the number 2022"
        );
        assert_eq!(humanize("invalid type: null, expected a string"), "expected a string, found null");
        assert_eq!(
            humanize("invalid type: integer `1`, expected struct EventEntry"),
            "expected an object ({ ... }), found the number 1"
        );
        assert_eq!(humanize("invalid type: map, expected a sequence"), "expected a list ([ ... ]), found an object");
        assert_eq!(
            humanize("invalid type: string \"x\", expected u32"),
            "expected a whole number from 0 to 4294967295, found the text \"x\""
        );
        assert_eq!(
            humanize("invalid value: integer `-1`, expected u8"),
            "expected a whole number from 0 to 255, found the number -1"
        );
        assert_eq!(humanize("invalid type: boolean `true`, expected a string"), "expected a string, found true");
        assert_eq!(humanize("missing field `title`"), "the required field \"title\" is missing");
        assert_eq!(humanize("something else entirely"), "something else entirely");
    }

    #[test]
    fn long_paths_and_texts_are_cut_in_the_middle() {
        let deep = format!("extra.x{}", "[0]".repeat(200));
        let short = short_path(&deep);
        assert_eq!(short.chars().count(), 80);
        assert!(short.starts_with("extra.x[0]") && short.ends_with("[0][0]") && short.contains('…'));
        assert_eq!(short_path("events[3].start.date"), "events[3].start.date");
    }
}
