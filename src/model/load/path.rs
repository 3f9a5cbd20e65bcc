//! Where a value sits in a JSON document, as a list of steps (a key of an object or an index of
//! an array). Paths are built and passed around in this form and only written out for a reader;
//! nothing ever reads a path back from its text, so no key, however odd, can confuse it.
//!
//! Written out, a key that is a plain identifier follows a dot (`events[3].start.date`); any
//! other key is quoted in brackets as a JSON string (`["x[1]]"]`, `extra["a b"]`), cut to a
//! readable length and sanitised, because keys come from the file and the text goes to a terminal.

use std::fmt;

use crate::model::sanitize;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path from the document's top (the empty path is the document itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Seg>);

/// Longest key shown whole in a written path (longer ones are cut, with "…").
const MAX_KEY: usize = 40;

impl Path {
    /// The document itself.
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// This path, then the member `key`.
    pub fn key(mut self, key: impl Into<String>) -> Path {
        self.0.push(Seg::Key(key.into()));
        self
    }

    /// This path, then the element `i`.
    pub fn at(mut self, i: usize) -> Path {
        self.0.push(Seg::Index(i));
        self
    }

    /// This path, then every step of `rest`.
    pub fn join(mut self, rest: Path) -> Path {
        self.0.extend(rest.0);
        self
    }

    pub fn push(&mut self, seg: Seg) {
        self.0.push(seg);
    }

    pub fn segs(&self) -> &[Seg] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The index of the event this path is inside (`events[i]…`), if it is inside one.
    pub fn event(&self) -> Option<usize> {
        match self.0.as_slice() {
            [Seg::Key(k), Seg::Index(i), ..] if k == "events" => Some(*i),
            _ => None,
        }
    }

    /// The path serde_path_to_error recorded, step by step. Its "?" (a key it had not finished
    /// reading) ends the path there: the path then names the object being read.
    pub fn from_serde(p: &serde_path_to_error::Path) -> Path {
        use serde_path_to_error::Segment;
        let mut out = Path::root();
        for seg in p.iter() {
            match seg {
                Segment::Seq { index } => out.push(Seg::Index(*index)),
                Segment::Map { key } => out.push(Seg::Key(key.clone())),
                Segment::Enum { variant } => out.push(Seg::Key(variant.clone())),
                Segment::Unknown => break,
            }
        }
        out
    }
}

/// A key that can be written after a dot: an ASCII letter or `_`, then letters, digits or `_`.
fn is_plain(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A key as a JSON string (quotes, backslashes and control characters escaped), cut to
/// [`MAX_KEY`] characters and sanitised (JSON leaves DEL, C1 controls, bidi and invisible
/// characters as they are).
fn quoted(key: &str) -> String {
    let short = crate::text::clip(key, MAX_KEY);
    let json = serde_json::to_string(&short).unwrap_or_else(|_| "\"?\"".into());
    sanitize::line(&json)
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if is_plain(k) => {
                    if n > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(&crate::text::clip(k, MAX_KEY))?;
                }
                Seg::Key(k) => write!(f, "[{}]", quoted(k))?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_follow_dots_and_indices_are_bracketed() {
        let p = Path::root().key("events").at(12).key("start").key("utc_offset");
        assert_eq!(p.to_string(), "events[12].start.utc_offset");
        assert_eq!(p.event(), Some(12));
        assert_eq!(Path::root().to_string(), "");
        assert_eq!(Path::root().key("title").event(), None);
    }

    #[test]
    fn other_keys_are_quoted_escaped_and_sanitised() {
        assert_eq!(Path::root().key("x[1]]").to_string(), r#"["x[1]]"]"#);
        assert_eq!(Path::root().key("extra").key("a b").at(0).to_string(), r#"extra["a b"][0]"#);
        assert_eq!(Path::root().key("$schema").to_string(), r#"["$schema"]"#);
        assert_eq!(Path::root().key("").to_string(), r#"[""]"#);
        assert_eq!(Path::root().key("q\"\\.").to_string(), r#"["q\"\\."]"#);
        assert_eq!(Path::root().key("1st").to_string(), r#"["1st"]"#);
        // Control characters are escaped by JSON; what JSON leaves alone is sanitised.
        let odd = Path::root().key("events").at(0).key("x\u{1b}]0;t\u{7}\u{7f}\u{202e}").to_string();
        assert!(!odd.contains(|c: char| c.is_control() || c == '\u{202e}'), "{odd:?}");
        assert!(odd.starts_with(r#"events[0]["x\u001b]0;t\u0007"#), "{odd:?}");
        // A long key is cut, plain or not.
        for key in ["k".repeat(500), "k ".repeat(500)] {
            let long = Path::root().key("events").at(1).key(key).to_string();
            assert!(long.chars().count() < 60 && long.contains('…'), "{long}");
        }
    }

    #[test]
    fn keys_are_never_read_back_from_text() {
        // The same text written two ways stays two different paths.
        let a = Path::root().key("a.b");
        let b = Path::root().key("a").key("b");
        assert_ne!(a, b);
        assert_eq!((a.to_string(), b.to_string()), (r#"["a.b"]"#.to_string(), "a.b".to_string()));
    }
}
