//! Positions in documents: byte spans inside, line and column at the edges,
//! and the layout of a text (where its lines and blank-line blocks start).

use std::ops::Range;

/// 1-based line and column (in Unicode scalar values) of byte offset `pos` in `text`.
///
/// `pos` is clamped to the text and moved back to a character boundary.
pub fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Converts many byte offsets of one text to line and column, in one pass over the text.
#[derive(Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters and UTF-16 units before every [`COUNT_STRIDE`]-th byte,
    /// counted on first need: a column far into a long line is then a short
    /// count, not a walk from the line's start (a file of one enormous line).
    counts: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between two stored counts of a [`LineIndex`]; a column closer than
/// twice this to its line's start is counted directly.
const COUNT_STRIDE: usize = 64;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts, counts: std::sync::OnceLock::new() }
    }

    /// 1-based line and column (in Unicode scalar values) of byte offset `pos`.
    pub fn line_column(&self, text: &str, pos: usize) -> (usize, usize) {
        let pos = pos.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= pos);
        let start = self.line_starts[line - 1];
        let column = if text.is_char_boundary(pos) { self.count(text, start, pos, Unit::Char) + 1 } else { 1 };
        (line, column)
    }

    /// 1-based line and column in UTF-16 code units of byte offset `pos`:
    /// what SARIF (`utf16CodeUnits`) and the Language Server Protocol count.
    /// `pos` is clamped to the text and moved back to a character boundary.
    pub fn utf16_line_column(&self, text: &str, pos: usize) -> (usize, usize) {
        let mut pos = pos.min(text.len());
        while !text.is_char_boundary(pos) {
            pos -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= pos);
        let start = self.line_starts[line - 1];
        (line, self.count(text, start, pos, Unit::Utf16) + 1)
    }

    /// Characters or UTF-16 units in `text[start..end]` (both on character boundaries).
    fn count(&self, text: &str, start: usize, end: usize, unit: Unit) -> usize {
        let bytes = text.as_bytes();
        if end - start < 2 * COUNT_STRIDE {
            return unit.count(&bytes[start..end]);
        }
        let counts = self.counts.get_or_init(|| {
            let mut counts = vec![(0, 0)];
            let mut total = (0, 0);
            for chunk in bytes.chunks(COUNT_STRIDE) {
                total = (total.0 + Unit::Char.count(chunk), total.1 + Unit::Utf16.count(chunk));
                counts.push(total);
            }
            counts
        });
        let before = |pos: usize| {
            let stop = pos / COUNT_STRIDE;
            let stored = if unit == Unit::Char { counts[stop].0 } else { counts[stop].1 };
            stored + unit.count(&bytes[stop * COUNT_STRIDE..pos])
        };
        before(end) - before(start)
    }
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Char,
    Utf16,
}

impl Unit {
    /// The characters or UTF-16 units that start in `bytes`: every byte but a
    /// continuation byte starts a character, and one of four bytes (lead byte
    /// `0xF0` and above) needs two UTF-16 units.
    fn count(self, bytes: &[u8]) -> usize {
        let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        match self {
            Unit::Char => chars,
            Unit::Utf16 => chars + bytes.iter().filter(|&&b| b >= 0xF0).count(),
        }
    }
}

/// Where the lines and the blank-line paragraphs of a text start: built once
/// per document, so finding a figure's line or block is a binary search, even
/// in a file of one enormous line.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Byte offsets where lines start (0 first).
    line_starts: Vec<usize>,
    /// Byte offsets where blank-line paragraphs start (0 first).
    block_starts: Vec<usize>,
    len: usize,
}

impl Layout {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut block_starts = vec![0];
        let mut blank_run = false;
        for (i, _) in text.match_indices('\n') {
            let start = i + 1;
            let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
            let blank = text[start..line_end].trim().is_empty();
            if !blank && blank_run {
                block_starts.push(start);
            }
            blank_run = blank;
            line_starts.push(start);
        }
        Layout { line_starts, block_starts, len: text.len() }
    }

    /// The line around `pos`, without its line break.
    pub fn line(&self, pos: usize) -> Range<usize> {
        self.around(&self.line_starts, pos)
    }

    /// The block around `pos`: the run of lines between blank lines.
    pub fn block(&self, pos: usize) -> Range<usize> {
        self.around(&self.block_starts, pos)
    }

    fn around(&self, starts: &[usize], pos: usize) -> Range<usize> {
        let i = starts.partition_point(|&s| s <= pos);
        let start = starts[i.saturating_sub(1)];
        let end = starts.get(i).map_or(self.len, |&next| next.saturating_sub(1).max(start));
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chinese_characters_not_bytes() {
        let text = "第一行\n化解7300余起";
        let pos = text.find("7300").unwrap();
        assert_eq!(line_column(text, pos), (2, 3));
        assert_eq!(LineIndex::new(text).line_column(text, pos), (2, 3));
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let text = "第一行\n𠀀化解1829起";
        let index = LineIndex::new(text);
        assert_eq!(index.utf16_line_column(text, text.find("1829").unwrap()), (2, 5));
        assert_eq!(index.utf16_line_column(text, text.find("𠀀").unwrap() + 1), (2, 1), "inside a character");
        assert_eq!(index.utf16_line_column(text, 999), (2, 10), "𠀀 2 + 化解 2 + 1829 4 + 起 1 units");
    }

    #[test]
    fn columns_far_into_one_long_line_match_a_direct_count() {
        let text = "𠀀化解1829起，".repeat(3000) + "\n末行";
        let index = LineIndex::new(&text);
        for pos in (0..text.len()).step_by(997).filter(|&p| text.is_char_boundary(p)) {
            let chars = text[..pos].chars().count();
            let units = text[..pos].encode_utf16().count();
            assert_eq!(index.line_column(&text, pos), (1, chars + 1));
            assert_eq!(index.utf16_line_column(&text, pos), (1, units + 1));
        }
        let last = text.len() - "行".len();
        assert_eq!(index.line_column(&text, last), (2, 2));
        assert_eq!(index.line_column(&text, text.rfind('𠀀').unwrap() + 1), (1, 1), "inside a character");
    }

    #[test]
    fn layout_finds_the_line_and_the_block_around_a_position() {
        let text = "a\nb\n\nc\nd";
        let layout = Layout::new(text);
        assert_eq!(&text[layout.line(2)], "b");
        assert_eq!(&text[layout.block(0)], "a\nb\n");
        assert_eq!(&text[layout.block(text.len() - 1)], "c\nd");
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        assert_eq!(line_column("ab", 99), (1, 3));
        assert_eq!(LineIndex::new("ab").line_column("ab", 99), (1, 3));
    }
}
