//! CSV files as rows of named cells, with the row and column of every cell for messages. Header
//! names are normalised (case, spaces, underscores, hyphens and camelCase all become
//! `snake_case`: "End Year", "end_year" and "endYear" are one name); an empty header is
//! `untitled<N>` as TimelineJS names it. The separator is a comma, or a semicolon or tab when
//! the header row has those and no comma (spreadsheets in many locales save with `;`).

use super::Origin;

/// Longest cell kept whole; longer ones are cut (with a warning), so one runaway cell cannot
/// fill the memory or the screen.
pub const MAX_CELL: usize = 64 * 1024;

/// A CSV file read into rows.
#[derive(Debug)]
pub struct Table {
    /// Normalised header names, in column order.
    pub headers: Vec<String>,
    /// The headers as written, for messages (shared with every cell's [`Origin`]).
    pub written: Vec<std::sync::Arc<str>>,
    pub rows: Vec<Row>,
    /// Cells cut at [`MAX_CELL`], rows with a different number of cells ...: where, and what.
    pub warnings: Vec<(Origin, String)>,
}

#[derive(Debug)]
pub struct Row {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// The column named `name` (normalised), if there is one.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The first of `names` that is a column.
    pub fn any_column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// The origin of cell `col` of `row` (or the whole row when `col` is `None`).
    pub fn at(&self, row: &Row, col: Option<usize>) -> Origin {
        match col {
            Some(c) => Origin::Csv { row: row.number, column: c + 1, header: self.written[c].clone() },
            None => Origin::Csv { row: row.number, column: 0, header: "".into() },
        }
    }

    /// The header row, as an origin.
    pub fn header_origin(&self) -> Origin {
        Origin::Csv { row: 1, column: 0, header: "".into() }
    }

    /// The whole file, as an origin.
    pub fn file_origin(&self) -> Origin {
        Origin::Csv { row: 0, column: 0, header: "".into() }
    }

    /// The trimmed cell `col` of `row`; empty when the column or the cell is missing.
    pub fn cell<'r>(&self, row: &'r Row, col: Option<usize>) -> &'r str {
        col.and_then(|c| row.cells.get(c)).map_or("", |s| s.trim())
    }

    /// The columns as written, for "the columns are: ..." in messages.
    pub fn listed(&self) -> String {
        let names: Vec<String> =
            self.written.iter().map(|h| format!("\"{}\"", crate::model::sanitize::line(h))).collect();
        crate::text::clip(&names.join(", "), 300)
    }
}

/// `End Year` → `end_year`, `endYear` → `end_year`, ` Media  Credit ` → `media_credit`.
pub fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in header.trim().chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// The normalised header names of `text` (for detection).
pub fn header_names(text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new().delimiter(separator(text)).flexible(true).from_reader(text.as_bytes());
    r.headers().map(|h| h.iter().map(normalise).collect()).unwrap_or_default()
}

/// Read `text` as CSV with a header row. A CSV syntax error is the one problem that stops it.
pub fn read(text: &str) -> Result<Table, (Origin, String)> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = r.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_error(&e)),
        None => {
            return Err((Origin::Csv { row: 1, column: 0, header: "".into() }, "the file has no header row".into()));
        }
    };
    let written: Vec<std::sync::Arc<str>> = header
        .iter()
        .enumerate()
        .map(|(i, h)| if h.trim().is_empty() { format!("untitled{i}").into() } else { h.trim().into() })
        .collect();
    let headers: Vec<String> = written.iter().map(|h| normalise(h)).collect();
    let mut table = Table { headers, written, rows: Vec::new(), warnings: Vec::new() };
    for (i, rec) in records.enumerate() {
        let rec = rec.map_err(|e| csv_error(&e))?;
        let number = i + 2;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rec.len() > table.headers.len() && rec.iter().skip(table.headers.len()).any(|c| !c.trim().is_empty()) {
            table.warnings.push((
                Origin::Csv { row: number, column: table.headers.len() + 1, header: "".into() },
                format!(
                    "the row has {} cells but the header has {} columns; the extra cells are ignored",
                    rec.len(),
                    table.headers.len()
                ),
            ));
        }
        let mut cells = Vec::with_capacity(rec.len());
        for (c, cell) in rec.iter().enumerate() {
            if cell.len() > MAX_CELL {
                let mut end = MAX_CELL;
                while !cell.is_char_boundary(end) {
                    end -= 1;
                }
                table.warnings.push((
                    Origin::Csv {
                        row: number,
                        column: c + 1,
                        header: table.written.get(c).cloned().unwrap_or_else(|| "".into()),
                    },
                    format!("the cell is {} bytes long; only the first {} KiB are kept", cell.len(), MAX_CELL / 1024),
                ));
                cells.push(format!("{}…", &cell[..end]));
            } else {
                cells.push(cell.to_string());
            }
        }
        table.rows.push(Row { number, cells });
    }
    Ok(table)
}

fn csv_error(e: &csv::Error) -> (Origin, String) {
    let row = e.position().map_or(0, |p| p.record() as usize + 1);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("not valid UTF-8 in field {}", err.field() + 1),
        _ => crate::model::sanitize::line(&e.to_string()),
    };
    (Origin::Csv { row, column: 0, header: "".into() }, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_normalised() {
        assert_eq!(normalise("End Year"), "end_year");
        assert_eq!(normalise("endYear"), "end_year");
        assert_eq!(normalise(" Media  Credit "), "media_credit");
        assert_eq!(normalise("event_id_cnty"), "event_id_cnty");
        assert_eq!(normalise("Display-Date"), "display_date");
        assert_eq!(normalise("ALT TEXT"), "alt_text");
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let t = read("Year,Headline\r\n2022,\"two\r\nlines\"\r\n,\r\n2023,x\r\n").unwrap();
        assert_eq!(t.headers, ["year", "headline"]);
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4], "the blank row 3 is skipped");
        assert_eq!(t.rows[0].cells[1], "two\r\nlines");
    }

    #[test]
    fn semicolons_and_empty_headers() {
        let t = read("a;;c\n1;2;3\n").unwrap();
        assert_eq!(t.written.iter().map(|h| &**h).collect::<Vec<_>>(), ["a", "untitled1", "c"]);
        assert_eq!(t.rows[0].cells, ["1", "2", "3"]);
    }
}
