//! Tables: where a number stands in a table, and what its row and column say.
//!
//! A figure in a table cell is written bare (`| 城市商业银行 | 386.52 |`, or
//! `Total passengers   2,418,736`): its unit and scale are in its column's
//! header (`贷款余额（亿元）`, `Percent change`), in its row's first cell
//! (`Cargo (metric tonnes)`) or in the table's caption (`Table 1. Monthly
//! sales (billions of dollars)`), and what it counts is its row's first cell
//! and its column's header together.
//!
//! Two shapes are read, both from the prose view of a document: Markdown
//! tables (their pipes are tabs there, see [`crate::load::Document::prose`])
//! and fixed-width text tables (cells set apart by runs of two or more
//! spaces, numbers aligned in columns). A header row's numbers (years, `Fall
//! 2024`) and a row's own key (a row number in its first cell) are not
//! figures. Everything here is layout; which words are units is the packs'
//! business ([`crate::extract::figure`]).
//!
//! Speed: one pass over the lines; a cell is found by binary search.

use std::ops::Range;

/// What a cell is to the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A column header: names a column, holds no figure.
    Header,
    /// A row's first cell when it is a number (a row number): holds no figure.
    Key,
    /// A row's first cell naming the row (`大型银行`, `Total passengers`).
    Stub,
    /// A cell of data.
    Data,
}

/// One cell of a table, with what its row and column say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCell {
    /// Byte span of the cell's text, white space trimmed.
    pub span: Range<usize>,
    pub kind: CellKind,
    /// The row's line, without its line end: a row reads as one sentence.
    pub row: Range<usize>,
    /// The column's header cell, if the table has one over this cell.
    pub header: Option<Range<usize>>,
    /// The row's first cell, when it names the row.
    pub stub: Option<Range<usize>>,
    /// The caption line just above the table, if any.
    pub caption: Option<Range<usize>>,
    /// The line just above the table, whatever its length: a paragraph may
    /// end by naming what the table shows (`各类案件收结情况见下表。`).
    pub above: Option<Range<usize>>,
    /// The header over the row's first cell: what the rows are
    /// (`机构类型`, `Region`).
    pub corner: Option<Range<usize>>,
}

/// The tables of a text: every cell, in text order.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    cells: Vec<TableCell>,
    /// The row lines of every table, in order.
    rows: Vec<Range<usize>>,
}

/// A cell as split from its line: its byte span and its display columns.
#[derive(Debug, Clone)]
struct RawCell {
    span: Range<usize>,
    columns: Range<usize>,
}

/// A line split into cells.
#[derive(Debug, Clone)]
struct Line {
    range: Range<usize>,
    cells: Vec<RawCell>,
    /// Cells set apart by tabs (a Markdown table's pipes): matched by index.
    tabbed: bool,
}

/// The longest caption line read, in bytes.
const CAPTION_BYTES: usize = 300;

impl Tables {
    /// Finds the tables of `text` (a document's prose view).
    pub fn new(text: &str) -> Self {
        let mut tables = Tables::default();
        let mut block: Vec<Line> = Vec::new();
        // Where the line before the current block ends, for its caption.
        let mut before_block = 0;
        let mut pos = 0;
        for raw in text.split_inclusive('\n') {
            let range = pos..pos + raw.trim_end_matches(['\n', '\r']).len();
            pos += raw.len();
            // A line without a tab or two spaces in a row is one cell at most:
            // most lines of prose, passed without reading them character by character.
            let line = if may_split(&text[range.clone()]) {
                split(text, range.clone())
            } else {
                Line { range: range.clone(), cells: Vec::new(), tabbed: false }
            };
            let blank = text[range.clone()].trim().is_empty();
            // A Markdown table's delimiter row is blank in the prose view.
            let delimiter = blank && block.len() == 1 && block[0].tabbed && text[range.clone()].contains('\t');
            if delimiter {
                continue;
            }
            if line.cells.len() >= 2 {
                if block.is_empty() {
                    before_block = range.start;
                }
                block.push(line);
                continue;
            }
            tables.close(text, &mut block, before_block);
        }
        tables.close(text, &mut block, before_block);
        tables
    }

    /// The cell holding byte offset `at`, if it is in a table.
    pub fn cell_at(&self, at: usize) -> Option<&TableCell> {
        let i = self.cells.partition_point(|c| c.span.end <= at);
        self.cells.get(i).filter(|c| c.span.start <= at)
    }

    /// Whether byte offset `at` stands on a table row's line.
    pub fn in_row(&self, at: usize) -> bool {
        let i = self.rows.partition_point(|r| r.end < at);
        self.rows.get(i).is_some_and(|r| r.start <= at)
    }

    /// Reads a block of lines of cells as a table, if it is one.
    fn close(&mut self, text: &str, block: &mut Vec<Line>, before: usize) {
        let lines = std::mem::take(block);
        if lines.is_empty() {
            return;
        }
        let tabbed = lines.iter().all(|l| l.tabbed);
        // The first line is the header when it holds no figure-like cell
        // (years only, as in `Fall 2024`, `2024年`); a Markdown table always has one.
        let has_header = tabbed
            || !lines[0].cells.iter().skip(1).any(|c| numeric(&text[c.span.clone()]) && !year(&text[c.span.clone()]));
        let (header, rows) = if has_header { (Some(&lines[0]), &lines[1..]) } else { (None, &lines[..]) };
        if rows.is_empty() || (!tabbed && !aligned(text, rows)) {
            return;
        }
        let above = line_above(text, before);
        let caption = above.clone().filter(|r| simple(&text[r.clone()]));
        if let Some(header) = header {
            self.rows.push(header.range.clone());
            for cell in &header.cells {
                self.push(TableCell {
                    span: cell.span.clone(),
                    kind: CellKind::Header,
                    row: header.range.clone(),
                    header: None,
                    stub: None,
                    caption: caption.clone(),
                    above: above.clone(),
                    corner: None,
                });
            }
        }
        for row in rows {
            self.rows.push(row.range.clone());
            // The stub is the first cell that names the row; numbers before
            // it (`| 1 | 受理投诉 | …`) are row keys. A row of numbers only
            // has its first cell as key (`2023   412   436`).
            let named = row.cells.iter().position(|c| !c.span.is_empty() && !numeric(&text[c.span.clone()]));
            let stub_at = named.unwrap_or(0);
            let stub = named.map(|i| row.cells[i].span.clone());
            let corner = header.and_then(|h| column_header(h, row, stub_at, tabbed)).filter(|r| !r.is_empty());
            for (j, cell) in row.cells.iter().enumerate() {
                let kind = match j {
                    _ if j < stub_at => CellKind::Key,
                    _ if j == stub_at && named.is_none() => CellKind::Key,
                    _ if j == stub_at => CellKind::Stub,
                    _ => CellKind::Data,
                };
                let over = header.and_then(|h| column_header(h, row, j, tabbed)).filter(|r| !r.is_empty());
                self.push(TableCell {
                    span: cell.span.clone(),
                    kind,
                    row: row.range.clone(),
                    header: over,
                    stub: stub.clone(),
                    caption: caption.clone(),
                    above: above.clone(),
                    corner: corner.clone(),
                });
            }
        }
    }

    fn push(&mut self, cell: TableCell) {
        if !cell.span.is_empty() {
            self.cells.push(cell);
        }
    }
}

/// Whether `split` can find two cells in `line`: a tab, or two spaces in a
/// row (an ideographic space counts as two) between words, not only at
/// either end (a paragraph indented with `　　`, a Markdown line break).
fn may_split(line: &str) -> bool {
    if line.contains('\t') {
        return true;
    }
    let inner = line.trim_matches([' ', '\u{3000}']);
    inner.contains("  ") || inner.contains('\u{3000}')
}

/// Splits a line into cells: at tabs, else at runs of two or more spaces (an
/// ideographic space counts as two).
fn split(text: &str, range: Range<usize>) -> Line {
    let line = &text[range.clone()];
    let mut cells = Vec::new();
    if line.contains('\t') {
        let pieces: Vec<(usize, &str)> = line
            .split('\t')
            .scan(0, |at, piece| {
                let start = *at;
                *at += piece.len() + 1;
                Some((start, piece))
            })
            .collect();
        let last = pieces.len() - 1;
        for (i, (at, piece)) in pieces.iter().enumerate() {
            let trimmed = piece.trim_start();
            let start = range.start + at + (piece.len() - trimmed.len());
            let end = start + trimmed.trim_end().len();
            // The outer pipes of `| a | b |` leave an empty piece at either end.
            if (i == 0 || i == last) && start == end {
                continue;
            }
            cells.push(RawCell { span: start..end, columns: 0..0 });
        }
        return Line { range, cells, tabbed: true };
    }
    let mut column = 0;
    let mut start: Option<(usize, usize)> = None;
    let mut spaces = 0;
    let mut last_end = (0, 0);
    for (i, c) in line.char_indices() {
        let width = display_width(c);
        if c == ' ' || c == '\u{3000}' {
            spaces += if c == ' ' { 1 } else { 2 };
            if spaces >= 2 {
                if let Some((s, col)) = start.take() {
                    cells.push(RawCell { span: range.start + s..range.start + last_end.0, columns: col..last_end.1 });
                }
            }
        } else {
            spaces = 0;
            if start.is_none() {
                start = Some((i, column));
            }
            last_end = (i + c.len_utf8(), column + width);
        }
        column += width;
    }
    if let Some((s, col)) = start {
        cells.push(RawCell { span: range.start + s..range.start + last_end.0, columns: col..last_end.1 });
    }
    Line { range, cells, tabbed: false }
}

/// Columns a character takes in fixed-width text: two for wide East Asian
/// characters, one otherwise.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Fixed-width rows are a table when at least two of them end in a number
/// and those numbers line up (right- or left-aligned).
fn aligned(text: &str, rows: &[Line]) -> bool {
    let ends: Vec<&RawCell> =
        rows.iter().filter_map(|r| r.cells.last()).filter(|c| numeric(&text[c.span.clone()])).collect();
    ends.len() >= 2
        && ends.len() * 2 > rows.len()
        && (ends.iter().all(|c| c.columns.end == ends[0].columns.end)
            || ends.iter().all(|c| c.columns.start == ends[0].columns.start))
}

/// The header cell over cell `j` of `row`.
fn column_header(header: &Line, row: &Line, j: usize, tabbed: bool) -> Option<Range<usize>> {
    if tabbed || header.cells.len() == row.cells.len() {
        return header.cells.get(j).map(|c| c.span.clone());
    }
    let cell = &row.cells[j];
    let overlap =
        |h: &RawCell| h.columns.end.min(cell.columns.end).saturating_sub(h.columns.start.max(cell.columns.start));
    if let Some(h) = header.cells.iter().filter(|h| overlap(h) > 0).max_by_key(|h| overlap(h)) {
        return Some(h.span.clone());
    }
    // No header over the row's first cell: the others line up from the right.
    let skip = row.cells.len().checked_sub(header.cells.len())?;
    j.checked_sub(skip).and_then(|k| header.cells.get(k)).map(|c| c.span.clone())
}

/// The nearest line above a table whose first line starts at `start`,
/// past at most one blank line.
fn line_above(text: &str, start: usize) -> Option<Range<usize>> {
    let mut end = start;
    for _ in 0..2 {
        // The line before `end`: `end` is the start of a line.
        let line_end = text[..end].strip_suffix('\n')?.trim_end_matches('\r').len();
        let line_start = text[..line_end].rfind('\n').map_or(0, |i| i + 1);
        end = line_start;
        if !text[line_start..line_end].trim().is_empty() {
            return Some(line_start..line_end);
        }
    }
    None
}

/// True when a line above a table reads as its caption: one short line,
/// not a row of cells.
fn simple(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.len() <= CAPTION_BYTES && !trimmed.contains('\t') && !trimmed.contains("  ")
}

/// A cell that is a number (`1,262`, `-2.9%`, `$6.82`, `1829起`, `(12)`).
fn numeric(cell: &str) -> bool {
    let body = cell.trim_start_matches(['-', '+', '−', '－', '(', '（', '$', '€', '£', '¥', '￥']);
    body.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A cell that is a year (`2024`, `2024年`, `2024年度`).
fn year(cell: &str) -> bool {
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    let rest = &cell[digits.len()..];
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")) && matches!(rest, "" | "年" | "年度")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, CellKind, Option<String>, Option<String>)> {
        let tables = Tables::new(text);
        let at = |r: &Option<Range<usize>>| r.as_ref().map(|r| text[r.clone()].to_string());
        tables.cells.iter().map(|c| (text[c.span.clone()].to_string(), c.kind, at(&c.header), at(&c.stub))).collect()
    }

    #[test]
    fn a_markdown_table_reads_by_column_index() {
        // The prose view of `| 区域 | 用水量（万立方米） |` and its rows.
        let text =
            "说明\n\t 区域 \t 用水量（万立方米） \t\n\t       \t        \t\n\t 东城区 \t 812.6 \t\n\t 合计 \t \t\n";
        let cells = kinds(text);
        assert_eq!(cells[0], ("区域".into(), CellKind::Header, None, None));
        let data = cells.iter().find(|c| c.0 == "812.6").unwrap();
        assert_eq!(data.1, CellKind::Data);
        assert_eq!(data.2.as_deref(), Some("用水量（万立方米）"));
        assert_eq!(data.3.as_deref(), Some("东城区"));
        // An empty cell keeps the columns after it in place.
        assert!(cells.iter().any(|c| c.0 == "合计" && c.1 == CellKind::Stub));
    }

    #[test]
    fn a_fixed_width_table_reads_by_alignment() {
        let row = |a: &str, b: &str, c: &str| format!("{a:<22}{b:>10}{c:>12}\n");
        let text = format!(
            "Table 2. Hours worked (thousands)\n\n{}{}{}\n",
            row("", "Q1 2024", "Q4 2023"),
            row("Manufacturing", "1,204.5", "1,198.2"),
            row("  Durable goods", "702.1", "699.0")
        );
        let tables = Tables::new(&text);
        let cell = tables.cell_at(text.find("699.0").unwrap()).unwrap();
        assert_eq!(cell.kind, CellKind::Data);
        assert_eq!(&text[cell.header.clone().unwrap()], "Q4 2023");
        assert_eq!(&text[cell.stub.clone().unwrap()], "Durable goods");
        assert_eq!(&text[cell.caption.clone().unwrap()], "Table 2. Hours worked (thousands)");
        assert!(tables.in_row(text.find("Manufacturing").unwrap()));
        assert!(!tables.in_row(text.find("Hours").unwrap()));
    }

    #[test]
    fn row_numbers_and_header_years_are_not_data() {
        let text = "No.   Plant      2023     2024\n1     Ashford    412      436\n2     Brook      97       105\n";
        let tables = Tables::new(text);
        let kind = |s: &str| tables.cell_at(text.find(s).unwrap()).unwrap().kind;
        assert_eq!(kind("2023"), CellKind::Header);
        assert_eq!(kind("1     Ash"), CellKind::Key);
        assert_eq!(kind("436"), CellKind::Data);
    }

    #[test]
    fn prose_with_double_spaces_is_no_table() {
        let text = "Sales rose 4 percent.  Prices fell 2 percent.\nThe index gained 12 points.  It closed at 4,210.\n";
        assert!(Tables::new(text).cells.is_empty());
        let ragged = "全市共查处案件2180起。  罚没款960.4万元\n其中城区86起。 农村132起\n";
        assert!(Tables::new(ragged).cells.is_empty());
    }

    /// A line `may_split` passes by is one `split` finds at most one cell in;
    /// the lines it lets through include every table row.
    #[test]
    fn lines_passed_by_hold_one_cell_at_most() {
        let pieces = ["城区", "12", " ", "\u{3000}", "\t", "a", "3.5%", "，"];
        let mut lines = vec![String::new()];
        for _ in 0..4 {
            lines = lines.iter().flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}"))).collect();
        }
        for line in &lines {
            let cells = split(line, 0..line.len()).cells.len();
            assert!(may_split(line) || cells <= 1, "{line:?} splits into {cells}");
        }
        assert!(may_split("城区\u{3000}12") && may_split("a  12") && may_split("a\t12"));
        assert!(!may_split("全市共查处案件2180起。 罚没款960.4万元"));
        // An indented paragraph, a Markdown line break: spaces at an end only.
        assert!(!may_split("\u{3000}\u{3000}全市共查处案件2180起。") && !may_split("Sales rose 4 percent.  "));
    }
}
