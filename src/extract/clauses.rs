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

/// One boundary character: where it stands, its length and its kinds.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: u8,
    kinds: u8,
}

/// The sentences and clauses of one text for one pack.
#[derive(Debug, Clone)]
pub struct Clauses {
    /// Byte offsets just past each sentence end, ascending: a `.` ends a
    /// sentence only before white space, and a blank line always ends one.
    sentence_ends: Vec<usize>,
    /// Every boundary character, in text order.
    marks: Vec<Mark>,
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
        let mut marks = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Skip, without decoding, bytes that cannot start a boundary: most
            // of the text. Continuation bytes never start a character.
            let b = bytes[i];
            if b != b'\n' && !sets.iter().any(|(set, _)| set.may_start_with(b)) {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            let after = i + c.len_utf8();
            let kinds = sets.iter().filter(|(set, _)| set.contains(c)).fold(0u8, |k, (_, kind)| k | *kind as u8);
            if kinds != 0 {
                marks.push(Mark { at: i, len: c.len_utf8() as u8, kinds });
            }
            let next = text[after..].chars().next();
            let is_end = (ends.contains(c) && (c != '.' || next.is_none_or(char::is_whitespace)))
                || (c == '\n' && text[after..].trim_start_matches([' ', '\t', '\r']).starts_with('\n'));
            if is_end {
                sentence_ends.push(after);
            }
            i = after;
        }
        Clauses { sentence_ends, marks }
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
        let end = self.marks.partition_point(|m| m.at < range.end);
        self.marks[..end]
            .iter()
            .rev()
            .take_while(|m| m.at >= range.start)
            .find(|m| m.kinds & kind as u8 != 0)
            .map(|m| m.at..m.at + usize::from(m.len))
    }

    /// The first boundary of `kind` in `range`: its start and end.
    pub fn first(&self, kind: Boundary, range: Range<usize>) -> Option<Range<usize>> {
        let start = self.marks.partition_point(|m| m.at < range.start);
        self.marks[start..]
            .iter()
            .take_while(|m| m.at < range.end)
            .find(|m| m.kinds & kind as u8 != 0)
            .map(|m| m.at..m.at + usize::from(m.len))
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
}
