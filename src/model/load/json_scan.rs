//! A structural scanner for JSON text: where a string or a value ends, the members of an object
//! and the elements of an array, found by following strings, nesting and commas (values are not
//! decoded). The fast loader cuts batches of events with it; the ordinary loader splits a file
//! into its members and events with it, to check each event on its own and to find where
//! problems are. It never panics: on text that is not JSON it gives up (`None`, or fewer items).

/// JSON whitespace.
pub fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first index at or after `i` that is not whitespace (`b.len()` at the end).
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

/// End of the string starting at `b[i] == '"'` (the index after its closing quote), or `None`
/// when the buffer ends first.
pub fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        let k = memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        i += k;
        if b[i] == b'\\' {
            i += 2;
            if i > b.len() {
                return None;
            }
        } else {
            return Some(i + 1);
        }
    }
}

/// End of the JSON value starting at `b[i]` (not whitespace), or `Err(true)` when the buffer
/// ends first.
pub fn value_end(b: &[u8], i: usize) -> Result<usize, bool> {
    match b.get(i) {
        None => Err(true),
        Some(b'"') => string_end(b, i).ok_or(true),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j).ok_or(true)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            Err(true)
        }
        Some(_) => {
            // A number or literal: up to the next delimiter.
            let end = b[i..].iter().position(|&c| matches!(c, b',' | b'}' | b']' | b':') || is_ws(c));
            end.map(|e| i + e).ok_or(true)
        }
    }
}

/// One member of an object: its key (decoded) and where its value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    /// Byte offset of the key's opening quote.
    pub key_start: usize,
    /// Byte range of the value.
    pub value: std::ops::Range<usize>,
}

/// The members of the object starting at `b[i] == '{'`, in the order written (duplicates
/// included). Stops at the first thing that is not a well-formed member.
pub fn members(b: &[u8], i: usize) -> Vec<Member> {
    let mut out = Vec::new();
    if b.get(i) != Some(&b'{') {
        return out;
    }
    let mut j = i + 1;
    loop {
        j = skip_ws(b, j);
        match b.get(j) {
            Some(b',') => {
                j += 1;
                continue;
            }
            Some(b'"') => {}
            _ => return out,
        }
        let key_start = j;
        let Some(key_end) = string_end(b, j) else { return out };
        let Ok(key) = serde_json::from_slice::<String>(&b[key_start..key_end]) else { return out };
        j = skip_ws(b, key_end);
        if b.get(j) != Some(&b':') {
            return out;
        }
        j = skip_ws(b, j + 1);
        let Ok(end) = value_end(b, j) else { return out };
        out.push(Member { key, key_start, value: j..end });
        j = end;
    }
}

/// Byte ranges of the elements of the array starting at `b[i] == '['`. Stops at the first thing
/// that is not a well-formed element.
pub fn elements(b: &[u8], i: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if b.get(i) != Some(&b'[') {
        return out;
    }
    let mut j = i + 1;
    loop {
        j = skip_ws(b, j);
        match b.get(j) {
            Some(b',') => j += 1,
            Some(b']') | None => return out,
            Some(_) => {
                let Ok(end) = value_end(b, j) else { return out };
                out.push(j..end);
                j = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_and_elements() {
        let doc = r#" {"a": 1, "b\"]": [1, {"x": "]}"}, "s"], "a": null}"#;
        let b = doc.as_bytes();
        let m = members(b, skip_ws(b, 0));
        let keys: Vec<&str> = m.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "b\"]", "a"]);
        assert_eq!(&doc[m[0].value.clone()], "1");
        assert_eq!(&doc[m[2].value.clone()], "null");
        let els: Vec<&str> = elements(b, m[1].value.start).into_iter().map(|r| &doc[r]).collect();
        assert_eq!(els, ["1", r#"{"x": "]}"}"#, r#""s""#]);
    }

    #[test]
    fn gives_up_quietly_on_broken_text() {
        for doc in ["{", "{\"a", "{\"a\" 1}", "{\"a\": [1, ", "[1, {", "{\"\\", "\"\\"] {
            let b = doc.as_bytes();
            let _ = members(b, 0);
            let _ = elements(b, 0);
            let _ = value_end(b, 0);
        }
        assert_eq!(members(b"{\"a\": 1, oops}", 0).len(), 1);
        assert_eq!(elements(b"[1, 2", 0).len(), 1);
    }
}
