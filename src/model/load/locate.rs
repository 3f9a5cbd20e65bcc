//! Finds where the values that problems are about sit in the source text, so that problems found
//! after parsing are reported with a line and column. Runs only when there are problems, and
//! costs one pass over the file however many there are: the top-level members and the elements
//! of top-level arrays (the events) are found once, each path is followed from its event, and
//! lines and columns are counted in one forward pass over the sorted offsets.

use std::collections::HashMap;
use std::ops::Range;

use super::json_scan::{self, Member};
use super::path::{Path, Seg};

/// Finds values by their path in one document.
pub struct Locator<'a> {
    b: &'a [u8],
    /// Offset of the document's first byte that is not whitespace.
    root: usize,
    members: Vec<Member>,
    /// Element ranges of the top-level arrays looked into so far, by member position.
    arrays: HashMap<usize, Vec<Range<usize>>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let b = text.as_bytes();
        let root = json_scan::skip_ws(b, 0);
        Locator { b, root, members: json_scan::members(b, root), arrays: HashMap::new() }
    }

    /// Byte offset of the value at `path`, or of the deepest existing ancestor when the path goes
    /// further than the document (a missing field points at its object).
    pub fn offset(&mut self, path: &Path) -> usize {
        let segs = path.segs();
        let Some(Seg::Key(first)) = segs.first() else {
            return self.root;
        };
        // The first member of that name: a duplicate is reported at its object anyway.
        let Some(m) = self.members.iter().position(|m| m.key == *first) else {
            return self.root;
        };
        let (mut found, mut rest) = (self.members[m].value.start, &segs[1..]);
        if let Some(Seg::Index(i)) = rest.first() {
            let b = self.b;
            let start = found;
            let elements = self.arrays.entry(m).or_insert_with(|| json_scan::elements(b, start));
            match elements.get(*i) {
                Some(r) => (found, rest) = (r.start, &rest[1..]),
                None => return found,
            }
        }
        let mut s = Scanner { b: self.b, i: found };
        for seg in rest {
            match s.descend(seg) {
                Some(pos) => found = pos,
                None => break,
            }
        }
        found
    }
}

/// 1-based line and column (in characters) of each byte offset, in the order given: one pass
/// over the text up to the last offset, however many offsets there are.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut out = vec![(1, 1); offsets.len()];
    // Up to `pos` the newlines are counted; `line_start` is the current line's first byte;
    // `col` is the column at `col_pos` (a position on the current line).
    let (mut pos, mut line, mut line_start, mut col_pos, mut col) = (0, 1, 0, 0, 1);
    for k in order {
        let off = offsets[k].min(b.len());
        for nl in memchr::memchr_iter(b'\n', &b[pos..off]) {
            line += 1;
            line_start = pos + nl + 1;
        }
        pos = off;
        if col_pos < line_start {
            (col_pos, col) = (line_start, 1);
        }
        // Characters, not bytes: count the bytes that start a UTF-8 sequence.
        col += b[col_pos..off].iter().filter(|&&c| c & 0xC0 != 0x80).count();
        col_pos = off;
        out[k] = (line, col);
    }
    out
}

/// 1-based line and column (in characters) of one byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    line_cols(text, &[offset])[0]
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    /// At a value: move into the child named by `seg`, returning the child's start offset.
    fn descend(&mut self, seg: &Seg) -> Option<usize> {
        self.i = json_scan::skip_ws(self.b, self.i);
        match (self.b.get(self.i)?, seg) {
            (b'{', Seg::Key(want)) => {
                let m = json_scan::members(self.b, self.i).into_iter().find(|m| m.key == *want)?;
                self.i = m.value.start;
                Some(m.value.start)
            }
            (b'[', Seg::Index(want)) => {
                let r = json_scan::elements(self.b, self.i).into_iter().nth(*want)?;
                self.i = r.start;
                Some(r.start)
            }
            _ => None,
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
  ],
  "x[1]]": 1
}"#;

    fn path(steps: &[&str]) -> Path {
        steps.iter().fold(Path::root(), |p, s| match s.parse() {
            Ok(i) => p.at(i),
            Err(_) => p.key(*s),
        })
    }

    fn at(steps: &[&str]) -> (usize, usize) {
        line_col(DOC, Locator::new(DOC).offset(&path(steps)))
    }

    #[test]
    fn finds_nested_values() {
        assert_eq!(at(&["title"]), (2, 12));
        assert_eq!(at(&["events", "1", "start", "date"]), (5, 38));
        assert_eq!(at(&["events", "1", "related", "1"]), (5, 70));
        // Keys holding brackets, dots or quotes are keys like any other.
        assert_eq!(at(&["x[1]]"]), (7, 12));
    }

    #[test]
    fn missing_parts_point_at_the_nearest_ancestor() {
        assert_eq!(at(&["events", "1", "sources"]), (5, 5));
        assert_eq!(at(&["events", "9"]), (3, 13));
        assert_eq!(at(&["nope", "0"]), (1, 1));
        assert_eq!(at(&[]), (1, 1));
    }

    #[test]
    fn columns_count_characters() {
        let doc = "{\"t\": \"ЖЖ\", \"x\": 1}";
        assert_eq!(line_col(doc, Locator::new(doc).offset(&Path::root().key("x"))), (1, 18));
    }

    #[test]
    fn many_offsets_in_one_pass_in_any_order() {
        let text = "ab\nЖd\n\nxyz";
        let offsets = [text.len(), 0, 5, 3, 1, 7, 6];
        let one_by_one: Vec<_> = offsets
            .iter()
            .map(|&o| {
                let before = &text[..o];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
                (line, col)
            })
            .collect();
        assert_eq!(line_cols(text, &offsets), one_by_one);
        assert_eq!(line_cols(text, &offsets)[0], (4, 4));
    }
}
