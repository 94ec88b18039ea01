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

/// One boundary character: where it stands and its length (at most four
/// bytes), in one word: a text has many, and the lists are searched.
#[derive(Debug, Clone, Copy)]
struct Mark(u64);

impl Mark {
    fn new(at: usize, len: usize) -> Self {
        Mark(((at as u64) << 3) | (len as u64 & 7))
    }

    fn at(self) -> usize {
        (self.0 >> 3) as usize
    }

    fn span(self) -> Range<usize> {
        self.at()..self.at() + (self.0 & 7) as usize
    }
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
    /// The text's length: where a search of the lists starts is guessed
    /// from a place's share of it.
    len: usize,
}

impl Boundary {
    /// The index of this kind's list in [`Clauses`].
    fn slot(self) -> usize {
        (self as u8).trailing_zeros() as usize
    }
}

impl Clauses {
    pub fn new(text: &str, pack: &CompiledPack) -> Self {
        let mut all = Clauses::for_packs(text, &[pack]);
        all.pop().unwrap_or_else(|| Clauses {
            sentence_ends: Vec::new(),
            marks: Default::default(),
            part_markers: Vec::new(),
            len: text.len(),
        })
    }

    /// The clauses of `text` for each of `packs`, in one pass over the text.
    pub fn for_packs(text: &str, packs: &[&CompiledPack]) -> Vec<Self> {
        let kinds: Vec<Kinds> = packs.iter().map(|pack| Kinds::new(pack)).collect();
        let mut out: Vec<Clauses> = packs
            .iter()
            .map(|pack| Clauses {
                sentence_ends: Vec::new(),
                // Room for a clause boundary every 16 bytes (Chinese prose has
                // one every eight characters or so): a list that grows is
                // copied, and its pages touched twice.
                marks: [Vec::with_capacity(text.len() / 16), Vec::new(), Vec::new(), Vec::new()],
                part_markers: part_markers(text, &pack.spec.linking.part_markers),
                len: text.len(),
            })
            .collect();
        let bytes = text.as_bytes();
        // The bytes a boundary of any pack (or a line break) can start with,
        // in one table.
        let mut may_start = [0u8; 256];
        for (b, may) in (0..=u8::MAX).zip(may_start.iter_mut()) {
            *may = u8::from(b == b'\n' || kinds.iter().any(|k| k.may_start[usize::from(b)]));
        }
        let mut i = 0;
        loop {
            // Skip, without decoding, bytes that cannot start a boundary:
            // most of the text, sixteen bytes at a time (no branch per byte).
            // Continuation bytes never start a character.
            while let Some(chunk) = bytes.get(i..i + 16) {
                if chunk.iter().fold(0u8, |any, &b| any | may_start[usize::from(b)]) != 0 {
                    break;
                }
                i += 16;
            }
            let Some(skip) = bytes[i..].iter().position(|&b| may_start[usize::from(b)] != 0) else { break };
            i += skip;
            let Some(c) = text[i..].chars().next() else { break };
            let after = i + c.len_utf8();
            let blank_line = c == '\n' && text[after..].trim_start_matches([' ', '\t', '\r']).starts_with('\n');
            for (clauses, kinds) in out.iter_mut().zip(&kinds) {
                let kind = kinds.of(c);
                for slot in 0..4 {
                    if kind & (1 << slot) != 0 {
                        clauses.marks[slot].push(Mark::new(i, c.len_utf8()));
                    }
                }
                let end = kind & Boundary::SentenceEnd as u8 != 0
                    && (c != '.' || text[after..].chars().next().is_none_or(char::is_whitespace));
                if end || blank_line {
                    clauses.sentence_ends.push(after);
                }
            }
            i = after;
        }
        out
    }

    /// The sentence around `start..end`, leading white space trimmed, reaching
    /// at most `SENTENCE_REACH` bytes either side.
    pub fn sentence_around(&self, text: &str, start: usize, end: usize) -> Range<usize> {
        let lo = floor_boundary(text, start.saturating_sub(SENTENCE_REACH));
        let hi = ceil_boundary(text, (end + SENTENCE_REACH).min(text.len()));
        let ends = &self.sentence_ends;
        let before = partition_from(ends, self.guess(ends.len(), start), |&e| e <= start);
        let s = if before == 0 { 0 } else { ends[before - 1] }.max(lo);
        let after = partition_from(ends, before, |&e| e < end + 1);
        let e = self.sentence_ends.get(after).copied().unwrap_or(text.len()).min(hi);
        let s = s + (text[s..start].len() - text[s..start].trim_start().len());
        s..e
    }

    /// The last boundary of `kind` in `range`: its start and end.
    pub fn last(&self, kind: Boundary, range: Range<usize>) -> Option<Range<usize>> {
        let marks = &self.marks[kind.slot()];
        let end = partition_from(marks, self.guess(marks.len(), range.end), |m| m.at() < range.end);
        end.checked_sub(1).map(|i| marks[i]).filter(|m| m.at() >= range.start).map(Mark::span)
    }

    /// The first boundary of `kind` in `range`: its start and end.
    pub fn first(&self, kind: Boundary, range: Range<usize>) -> Option<Range<usize>> {
        let marks = &self.marks[kind.slot()];
        let start = partition_from(marks, self.guess(marks.len(), range.start), |m| m.at() < range.start);
        marks.get(start).filter(|m| m.at() < range.end).map(|m| m.span())
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

    /// Where in a list of `n` places, spread over the text, the place `at`
    /// is likely to be found.
    fn guess(&self, n: usize, at: usize) -> usize {
        guess(n, at, self.len)
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

/// Where in a list of `n` places, spread over a text of `len` bytes, the
/// place `at` is likely to be found.
pub(crate) fn guess(n: usize, at: usize, len: usize) -> usize {
    let share = (n as u128 * at as u128) / (len.max(1) as u128);
    usize::try_from(share).unwrap_or(n).min(n)
}

/// The partition point of `list` (the first entry `pred` fails on, `pred`
/// holding for a prefix), as `partition_point` finds it, but searched
/// outward from `guess`: the entries read lie near each other, where a
/// bisection of a long list misses the cache at each step.
pub(crate) fn partition_from<T>(list: &[T], guess: usize, pred: impl Fn(&T) -> bool) -> usize {
    let n = list.len();
    let guess = guess.min(n);
    let mut step = 1usize;
    if guess < n && pred(&list[guess]) {
        // `pred` holds before `lo`.
        let mut lo = guess + 1;
        loop {
            let hi = lo.saturating_add(step);
            if hi >= n {
                return lo + list[lo..].partition_point(&pred);
            }
            if !pred(&list[hi]) {
                return lo + list[lo..hi].partition_point(&pred);
            }
            lo = hi + 1;
            step = step.saturating_mul(2);
        }
    }
    // `pred` fails from `hi` on.
    let mut hi = guess;
    loop {
        if hi < step {
            return list[..hi].partition_point(&pred);
        }
        let lo = hi - step;
        if pred(&list[lo]) {
            return lo + 1 + list[lo + 1..hi].partition_point(&pred);
        }
        hi = lo;
        step = step.saturating_mul(2);
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

/// The kinds of boundary each character is for one pack, as bits of
/// [`Boundary`]: one look-up per character instead of one per kind.
struct Kinds {
    ascii: [u8; 128],
    /// Other characters, sorted.
    other: Vec<(char, u8)>,
    /// The first bytes of every member's UTF-8 encoding.
    may_start: [bool; 256],
}

impl Kinds {
    fn new(pack: &CompiledPack) -> Self {
        let lexicon = &pack.lexicon;
        let sets: [(&CharSet, Boundary); 4] = [
            (&lexicon.boundaries, Boundary::Clause),
            (&lexicon.sentence_ends, Boundary::SentenceEnd),
            (&lexicon.part_scope_ends, Boundary::PartScope),
            (&lexicon.part_clause_ends, Boundary::PartClause),
        ];
        let mut kinds = Kinds { ascii: [0; 128], other: Vec::new(), may_start: [false; 256] };
        for (set, kind) in sets {
            for c in set.members() {
                let mut buf = [0u8; 4];
                kinds.may_start[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
                if c.is_ascii() {
                    kinds.ascii[c as usize] |= kind as u8;
                } else {
                    match kinds.other.binary_search_by_key(&c, |&(k, _)| k) {
                        Ok(at) => kinds.other[at].1 |= kind as u8,
                        Err(at) => kinds.other.insert(at, (c, kind as u8)),
                    }
                }
            }
        }
        kinds
    }

    fn of(&self, c: char) -> u8 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.binary_search_by_key(&c, |&(k, _)| k).map_or(0, |at| self.other[at].1)
        }
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

    #[test]
    fn a_search_from_a_guess_finds_what_bisection_finds() {
        for n in 0..40usize {
            let list: Vec<usize> = (0..n).map(|i| i * 3 + i % 2).collect();
            for x in 0..n * 3 + 4 {
                let want = list.partition_point(|&v| v < x);
                for guess in [0, n / 3, n / 2, n, n + 5, x / 3] {
                    assert_eq!(partition_from(&list, guess, |&v| v < x), want, "n {n} x {x} guess {guess}");
                }
            }
        }
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
