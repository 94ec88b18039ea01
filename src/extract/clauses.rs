//! The sentence and clause model of a text, for one pack: where its
//! sentences end, and where the characters stand that end a clause, a
//! sentence or a part's scope. Found in one pass when the pack reads its
//! first figure of the text, then asked by binary search: the labels
//! (`label.rs`) and the linking (`graph::link`) never scan the text back
//! for a boundary again.

use std::ops::Range;

use crate::lexicon::pack::CompiledPack;
use crate::lexicon::words::CharSet;

/// How far (in bytes) a sentence is looked for either side of a figure; keeps
/// extraction linear on text without punctuation.
const SENTENCE_REACH: usize = 600;

/// A kind of boundary character; one character may be of several kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// One of the pack's `labels.boundaries`: a label never crosses it.
    Clause = 1,
    /// One of the pack's `labels.sentence_ends`, as written.
    SentenceEnd = 2,
    /// One of `linking.part_scope_ends`: a part marker's scope ends there.
    PartScope = 4,
    /// One of `linking.part_clause_ends`: the scope of a marker inside a
    /// sentence ends there.
    PartClause = 8,
}

/// One boundary character: where it stands and its length.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: u8,
}

/// The sentences and clauses of one text for one pack.
#[derive(Debug, Clone)]
pub struct Clauses {
    /// Byte offsets just past each sentence end, ascending: a `.` ends a
    /// sentence only before white space, and a blank line always ends one.
    sentence_ends: Vec<usize>,
    /// The boundary characters of each kind (indexed by [`Boundary::slot`]),
    /// in text order: the nearest of a kind is a binary search, however many
    /// boundaries of other kinds stand between (a sentence of 20,000 commas).
    marks: [Vec<Mark>; 4],
    /// Where the pack's part markers (`其中`, `of which`) stand, overlapping
    /// ones included: (start, length, index in `linking.part_markers`), by
    /// start and then by word.
    part_markers: Vec<(usize, usize, usize)>,
}

impl Boundary {
    /// The index of this kind's list in [`Clauses`].
    fn slot(self) -> usize {
        (self as u8).trailing_zeros() as usize
    }
}

impl Clauses {
    pub fn new(text: &str, pack: &CompiledPack) -> Self {
        let sets: [(&CharSet, Boundary); 4] = [
            (&pack.lexicon.boundaries, Boundary::Clause),
            (&pack.lexicon.sentence_ends, Boundary::SentenceEnd),
            (&pack.lexicon.part_scope_ends, Boundary::PartScope),
            (&pack.lexicon.part_clause_ends, Boundary::PartClause),
        ];
        let ends = &pack.lexicon.sentence_ends;
        let mut sentence_ends = Vec::new();
        let mut marks: [Vec<Mark>; 4] = Default::default();
        let bytes = text.as_bytes();
        // The bytes a boundary (or a line break) can start with, in one table.
        let mut may_start = [false; 256];
        for (b, may) in (0..=u8::MAX).zip(may_start.iter_mut()) {
            *may = b == b'\n' || sets.iter().any(|(set, _)| set.may_start_with(b));
        }
        let mut i = 0;
        // Skip, without decoding, bytes that cannot start a boundary: most of
        // the text. Continuation bytes never start a character.
        while let Some(skip) = bytes[i..].iter().position(|&b| may_start[usize::from(b)]) {
            i += skip;
            let Some(c) = text[i..].chars().next() else { break };
            let after = i + c.len_utf8();
            for (set, kind) in &sets {
                if set.contains(c) {
                    marks[kind.slot()].push(Mark { at: i, len: c.len_utf8() as u8 });
                }
            }
            let next = text[after..].chars().next();
            let is_end = (ends.contains(c) && (c != '.' || next.is_none_or(char::is_whitespace)))
                || (c == '\n' && text[after..].trim_start_matches([' ', '\t', '\r']).starts_with('\n'));
            if is_end {
                sentence_ends.push(after);
            }
            i = after;
        }
        Clauses { sentence_ends, marks, part_markers: part_markers(text, &pack.spec.linking.part_markers) }
    }

    /// The sentence around `start..end`, leading white space trimmed, reaching
    /// at most `SENTENCE_REACH` bytes either side.
    pub fn sentence_around(&self, text: &str, start: usize, end: usize) -> Range<usize> {
        let lo = floor_boundary(text, start.saturating_sub(SENTENCE_REACH));
        let hi = ceil_boundary(text, (end + SENTENCE_REACH).min(text.len()));
        let before = self.sentence_ends.partition_point(|&e| e <= start);
        let s = if before == 0 { 0 } else { self.sentence_ends[before - 1] }.max(lo);
        let after = self.sentence_ends.partition_point(|&e| e < end + 1);
        let e = self.sentence_ends.get(after).copied().unwrap_or(text.len()).min(hi);
        let s = s + (text[s..start].len() - text[s..start].trim_start().len());
        s..e
    }

    /// The last boundary of `kind` in `range`: its start and end.
    pub fn last(&self, kind: Boundary, range: Range<usize>) -> Option<Range<usize>> {
        let marks = &self.marks[kind.slot()];
        let end = marks.partition_point(|m| m.at < range.end);
        end.checked_sub(1).map(|i| marks[i]).filter(|m| m.at >= range.start).map(|m| m.at..m.at + usize::from(m.len))
    }

    /// The first boundary of `kind` in `range`: its start and end.
    pub fn first(&self, kind: Boundary, range: Range<usize>) -> Option<Range<usize>> {
        let marks = &self.marks[kind.slot()];
        let start = marks.partition_point(|m| m.at < range.start);
        marks.get(start).filter(|m| m.at < range.end).map(|m| m.at..m.at + usize::from(m.len))
    }

    /// The last part marker written inside `range` (ending by its end): its
    /// start and its index in the pack's `linking.part_markers`. Of two at
    /// one place, the greater word.
    pub fn last_part_marker(&self, range: Range<usize>) -> Option<(usize, usize)> {
        let end = self.part_markers.partition_point(|&(at, _, _)| at < range.end);
        self.part_markers[..end]
            .iter()
            .rev()
            .take_while(|&&(at, _, _)| at >= range.start)
            .find(|&&(at, len, _)| at + len <= range.end)
            .map(|&(at, _, index)| (at, index))
    }

    /// Where the clause that ends at `pos` starts, not before `from`: just
    /// past the last clause boundary of `from..pos`, else `from`.
    pub fn clause_start(&self, from: usize, pos: usize) -> usize {
        self.last(Boundary::Clause, from..pos).map_or(from, |b| b.end)
    }

    /// Where the clause that starts at `pos` ends, not after `to`: at the
    /// first clause boundary of `pos..to`, else `to`.
    pub fn clause_end(&self, pos: usize, to: usize) -> usize {
        self.first(Boundary::Clause, pos..to).map_or(to, |b| b.start)
    }
}

/// Every place a marker word starts in `text`, overlapping ones included,
/// sorted by place and then by word; an empty word marks nothing.
fn part_markers(text: &str, words: &[String]) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let Some(first) = word.chars().next() else { continue };
        // memchr's search runs many bytes at a time; the text is long.
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        let mut from = 0;
        while let Some(i) = finder.find(&text.as_bytes()[from..]) {
            found.push((from + i, word.len(), index));
            from += i + first.len_utf8();
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| words[a.2].cmp(&words[b.2])));
    found
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Packs;

    #[test]
    fn clauses_and_sentences_are_found_once_and_asked() {
        let packs = Packs::builtin().unwrap();
        let zh = &packs.packs[0];
        let text = "开展集中清查，共出动警力3800余人次。其中民警1200人；辅警2600人";
        let clauses = Clauses::new(text, zh);
        let pos = text.find("3800").unwrap();
        assert_eq!(&text[clauses.clause_start(0, pos)..pos], "共出动警力");
        let sentence = clauses.sentence_around(text, pos, pos + 4);
        assert_eq!(&text[sentence.clone()], "开展集中清查，共出动警力3800余人次。");
        let after = text.find("民警").unwrap();
        assert_eq!(&text[after..clauses.clause_end(after, text.len())], "民警1200人");
        let stop = clauses.first(Boundary::SentenceEnd, 0..text.len()).unwrap();
        assert_eq!(&text[stop], "。");
        assert!(clauses.last(Boundary::PartScope, 0..after).is_some());
        assert!(clauses.last(Boundary::PartClause, 0..after).is_some(), "，");
        assert_eq!(clauses.last(Boundary::Clause, 0..3), None);
    }

    #[test]
    fn the_last_part_marker_is_the_last_one_that_fits_its_range() {
        let packs = Packs::builtin().unwrap();
        let zh = &packs.packs[0];
        let text = "共3起，其中城区2起，其中农村1起";
        let clauses = Clauses::new(text, zh);
        let first = text.find("其中").unwrap();
        let second = text.rfind("其中").unwrap();
        assert_eq!(clauses.last_part_marker(0..text.len()), Some((second, 0)));
        assert_eq!(clauses.last_part_marker(0..second + 3), Some((first, 0)), "a marker cut by the range's end");
        assert_eq!(clauses.last_part_marker(first + 1..second), None);
    }
}
