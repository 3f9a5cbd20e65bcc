//! Finds where a JSON path (`events[12].start.date`) sits in the source text, so that problems
//! found after parsing can be reported with a line and column. Runs only when there are problems.

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Split "events[12].start.date" into segments. Keys are plain identifiers in our paths.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            segs.push(Seg::Key(key.to_string()));
        }
        while let Some(end) = rest.find(']') {
            if let Ok(n) = rest[1..end].parse() {
                segs.push(Seg::Index(n));
            }
            rest = &rest[end + 1..];
        }
    }
    segs
}

/// Byte offset of the value at `path`, or of the deepest existing ancestor when the path goes
/// further than the document (e.g. a missing field points at its object).
pub fn locate(text: &str, path: &str) -> usize {
    let segs = parse_path(path);
    let mut s = Scanner { b: text.as_bytes(), i: 0 };
    s.ws();
    let mut found = s.i;
    for seg in &segs {
        match s.descend(seg) {
            Some(pos) => found = pos,
            None => break,
        }
    }
    found
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// At a value: move into the child named by `seg`, returning the child's start offset.
    fn descend(&mut self, seg: &Seg) -> Option<usize> {
        self.ws();
        match (self.peek()?, seg) {
            (b'{', Seg::Key(want)) => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.peek()? {
                        b'}' => return None,
                        b',' => {
                            self.i += 1;
                            continue;
                        }
                        b'"' => {}
                        _ => return None,
                    }
                    let key_start = self.i;
                    self.skip_string()?;
                    let key: String = serde_json::from_slice(&self.b[key_start..self.i]).ok()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    self.ws();
                    if key == *want {
                        return Some(self.i);
                    }
                    self.skip_value()?;
                }
            }
            (b'[', Seg::Index(want)) => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    match self.peek()? {
                        b']' => return None,
                        b',' => {
                            self.i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if n == *want {
                        return Some(self.i);
                    }
                    self.skip_value()?;
                    n += 1;
                }
            }
            _ => None,
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.i += 1; // opening quote
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => return Some(()),
                _ => {}
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                // Skip a container iteratively, counting nesting outside strings.
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
                None
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "title": "T",
  "events": [
    {"id": "a", "start": {"date": "2022-01-02"}},
    {"id": "b\"[", "start": {"date": "2022-02-30"}, "related": ["x", "y"]}
  ]
}"#;

    fn at(path: &str) -> (usize, usize) {
        line_col(DOC, locate(DOC, path))
    }

    #[test]
    fn parses_paths() {
        assert_eq!(
            parse_path("events[12].start.date"),
            vec![Seg::Key("events".into()), Seg::Index(12), Seg::Key("start".into()), Seg::Key("date".into())]
        );
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at("title"), (2, 12));
        assert_eq!(at("events[1].start.date"), (5, 38));
        assert_eq!(at("events[1].related[1]"), (5, 70));
    }

    #[test]
    fn missing_parts_point_at_the_nearest_ancestor() {
        assert_eq!(at("events[1].sources"), (5, 5));
        assert_eq!(at("events[9]"), (3, 13));
        assert_eq!(at(""), (1, 1));
    }

    #[test]
    fn columns_count_characters() {
        let doc = "{\"t\": \"ЖЖ\", \"x\": 1}";
        assert_eq!(line_col(doc, locate(doc, "x")), (1, 18));
    }
}
