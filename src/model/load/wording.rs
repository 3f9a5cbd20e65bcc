//! serde's messages in words a reader of the error knows: "expected a string, found the number
//! 2022" rather than "invalid type: integer `2022`, expected a string", and no Rust type names
//! ("struct EventEntry").

/// serde_json's message for `err` in a reader's words, without its " at line L column C".
/// `at_char` is the character where a syntax error was found; `top` says whether the error is
/// about the document itself (its path is empty).
pub fn serde_message(err: &serde_json::Error, at_char: Option<char>, top: bool) -> String {
    let full = err.to_string();
    let mut message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    if let Some(i) = message.find(", expected one of") {
        message.truncate(i);
    }
    if message.starts_with("unknown field") {
        message.push_str(" (put your own data under \"extra\")");
    } else if err.is_eof() {
        message = format!("the file ends too early ({message}); is it truncated?");
    } else if message.starts_with("trailing characters") {
        message = "unexpected text after the end of the JSON document".into();
    } else if message.starts_with("trailing comma") {
        message = "trailing comma: JSON does not allow a comma before ] or }".into();
    } else if message.starts_with("expected value") && at_char == Some('/') {
        message = "comments are not allowed in JSON".into();
    } else if let Some(c) = at_char.filter(|c| c.is_control() && !c.is_whitespace()) {
        message = format!("the control character U+{:04X} is not allowed here", c as u32);
    } else if message.starts_with("expected value") {
        message = "expected a JSON value here (is this a JSON file?)".into();
    } else if let Some(rest) = message.strip_prefix("duplicate field `") {
        message = format!("the key \"{}\" appears twice", rest.trim_end_matches('`'));
    } else if message.starts_with("recursion limit exceeded") {
        message = "the document is nested too deeply".into();
    } else if message.starts_with("invalid type: map") && top {
        message = "expected a timeline object ({\"format\": \"kz-timeline\", ...})".into();
    } else if top && message.starts_with("invalid type") {
        message = format!(
            "the document must be a JSON object, not {}",
            message.trim_start_matches("invalid type: ").split(',').next().unwrap_or("this")
        );
    } else {
        message = humanize(&message);
    }
    crate::text::clip_middle(&crate::model::sanitize::line(&message), 200)
}

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
}
