//! Linking: every figure gets a measure key, and figures that relate (a part
//! and its total, a rate and its counts, a change and its counts) are found.
//!
//! Principles (DESIGN.md, "Linking, worked through the seed"): a key never
//! depends on values; a dependent label (`抓获犯罪嫌疑人`) takes its head into
//! its key; a specific label links on its own; only an exact key links.

use std::ops::Range;

use crate::extract::label::normalise_han;
use crate::extract::{Boundary, Clauses, Figure};
use crate::lexicon::pack::{CompiledPack, FrameScope, Packs, ParagraphStyle};
use crate::span::Layout;

use super::key::{Head, MeasureKey};

/// A figure of the release, placed in its document and source, with its key.
#[derive(Debug, Clone)]
pub struct Mention {
    pub doc: usize,
    pub source: usize,
    pub figure: Figure,
    /// The measure key: its label and unit, with its head for a dependent.
    pub key: MeasureKey,
    /// The key of the figure's own description; differs from `key` when the
    /// figure was linked to a compatible description (a probable link).
    pub exact: MeasureKey,
    pub confidence: crate::graph::measure::Confidence,
    /// False for a dependent whose head could not be found: it links to nothing.
    pub linkable: bool,
    /// The paragraph the figure stands in.
    pub paragraph: Range<usize>,
}

/// A figure at most this many characters after the previous one is counted
/// under it (`6个方面18条措施`).
const ADJACENT_CHARS: usize = 2;

/// True when the label only means something under a head.
pub fn is_dependent(label: &str, pack: &CompiledPack) -> bool {
    let linking = &pack.spec.linking;
    let thin_object = linking.min_object_words.is_some_and(|min| {
        let object = crate::extract::label::object_of(label, pack);
        object.split(' ').filter(|w| !w.is_empty()).count() < min
    });
    thin_object
        || linking.dependents.iter().any(|d| d == label)
        || pack.dependent_patterns.iter().any(|re| re.is_match(label))
}

/// Keys for the figures of one document, in order, each with whether it links.
pub fn keys(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    layout: &Layout,
    clauses: &[Option<Clauses>],
) -> Vec<(MeasureKey, bool)> {
    let mut out = Vec::with_capacity(figures.len());
    let frames: Vec<Frames> = packs.packs.iter().map(|p| Frames::new(text, p)).collect();
    for (i, figure) in figures.iter().enumerate() {
        let pack = &packs.packs[figure.pack];
        let model = clauses.get(figure.pack).and_then(Option::as_ref);
        let unit = figure.unit.as_deref().unwrap_or("");
        let paragraph = paragraph(layout, figure.span.start, pack.spec.labels.paragraphs);
        let frame = frames[figure.pack].of(figure.span.start, paragraph.start);
        // A figure right after another (`6个方面18条措施`) is counted under it.
        let adjacent = i.checked_sub(1).filter(|&p| {
            let between = figures[p].span.end.min(figure.span.start)..figure.span.start;
            figures[p].sentence == figure.sentence
                && text[between.clone()].chars().count() <= ADJACENT_CHARS
                && model.is_some_and(|m| m.first(Boundary::Clause, between).is_none())
        });
        if let Some(p) = adjacent {
            let (previous_key, previous_linkable): &(MeasureKey, bool) = &out[p];
            let key = previous_key.under(&figure.label, unit);
            let linkable = *previous_linkable && !figure.label.is_empty();
            out.push((key, linkable));
            continue;
        }
        if !is_dependent(&figure.label, pack) {
            out.push((MeasureKey::new(frame, None, &figure.label, unit), true));
            continue;
        }
        let head = figures[..i]
            .iter()
            .rev()
            .take_while(|f| f.sentence == figure.sentence)
            .find(|f| !is_dependent(&f.label, &packs.packs[f.pack]))
            .map(|f| f.label.clone())
            .or_else(|| pack.spec.linking.topic_heads.then(|| sentence_topic(text, i, figures, pack, model?)).flatten())
            .or_else(|| {
                pack.spec.linking.topic_heads.then(|| paragraph_topic(text, figure, &paragraph, pack, model?)).flatten()
            });
        let linkable = head.is_some();
        let head = head.map_or(Head::Unanchored, Head::Label);
        out.push((MeasureKey::new(frame, Some(head), &figure.label, unit), linkable));
    }
    out
}

/// The frames of one pack in a whole text, found once: the headings that name
/// a frame (`2024年工作回顾`) and where paragraph frame words (`预期目标`) stand.
pub(crate) struct Frames {
    /// Per heading-scope frame: (heading start, the frame it names), in order.
    headings: Vec<Vec<(usize, String)>>,
    /// Per heading-scope frame: sentences that open with it (`2025年，全市将…`),
    /// in order. Such a sentence names the frame
    /// of the rest of its sentence in place of the heading's (start, end, frame).
    openers: Vec<Vec<(usize, usize, String)>>,
    /// Per paragraph-scope frame: its id and where its words start, in order.
    words: Vec<(String, Vec<(usize, usize)>)>,
}

impl Frames {
    pub(crate) fn new(text: &str, pack: &CompiledPack) -> Self {
        let headings: Vec<std::ops::Range<usize>> =
            pack.heading.as_ref().map_or_else(Vec::new, |re| re.find_iter(text).map(|m| m.range()).collect());
        let mut named = Vec::new();
        let mut openers = Vec::new();
        let mut words = Vec::new();
        for (spec, re, not_before) in &pack.frames {
            let found = |text: &str, h: std::ops::Range<usize>| -> Vec<std::ops::Range<usize>> {
                re.find_iter(&text[h.clone()])
                    .filter(|m| !not_before.as_ref().is_some_and(|n| n.is_match(&text[h.start + m.end()..h.end])))
                    .map(|m| h.start + m.start()..h.start + m.end())
                    .collect()
            };
            match spec.scope {
                FrameScope::Heading => openers.push(
                    found(text, 0..text.len())
                        .into_iter()
                        .filter(|m| {
                            let before = text[..m.start].chars().next_back();
                            let after = text[m.end..].chars().next();
                            before.is_none_or(|c| pack.lexicon.sentence_ends.contains(c) || OPENS.contains(&c))
                                && after.is_some_and(|c| CLAUSE_ENDS.contains(&c))
                        })
                        .map(|m| {
                            let end = text[m.end..]
                                .char_indices()
                                .find(|&(_, c)| pack.lexicon.sentence_ends.contains(c))
                                .map_or(text.len(), |(k, _)| m.end + k);
                            (m.start, end, text[m].split_whitespace().collect::<String>())
                        })
                        .collect(),
                ),
                FrameScope::Paragraph => {}
            }
            match spec.scope {
                FrameScope::Heading => named.push(
                    headings
                        .iter()
                        .filter_map(|h| {
                            let found: Vec<String> = found(text, h.clone())
                                .into_iter()
                                .map(|m| text[m].split_whitespace().collect::<String>())
                                .collect();
                            (!found.is_empty()).then(|| (h.start, found.join(" ")))
                        })
                        .collect(),
                ),
                FrameScope::Paragraph => {
                    // A word reaches to the end of its paragraph, or to the first
                    // of the frame's `until` characters after it.
                    let reach = |m: std::ops::Range<usize>| {
                        let until = spec.until.as_deref().unwrap_or("");
                        // A full stop inside a word or number (`4.5 percent`,
                        // `p.m.`) ends nothing: only one before white space.
                        let rest = &text[m.end..];
                        let mut end = rest
                            .char_indices()
                            .find(|&(k, c)| {
                                until.contains(c)
                                    && (c != '.' || rest[k + 1..].chars().next().is_none_or(char::is_whitespace))
                            })
                            .map_or(text.len(), |(k, _)| m.end + k);
                        if let Some(word) =
                            spec.until_words.iter().filter_map(|w| text[m.end..end].find(w.as_str())).min()
                        {
                            end = m.end + word;
                        }
                        (m.start, end)
                    };
                    words.push((spec.id.clone(), found(text, 0..text.len()).into_iter().map(reach).collect()))
                }
            }
        }
        Frames { headings: named, openers, words }
    }

    /// The frame of a figure at `pos` in a paragraph starting at
    /// `paragraph_start` (`2024年`, `target`), or none: what
    /// the nearest heading naming a frame names, and the frame words of the
    /// paragraph before the figure. A key never depends on values, only words.
    pub(crate) fn of(&self, pos: usize, paragraph_start: usize) -> Vec<String> {
        let mut parts: Vec<&str> = Vec::new();
        for (list, openers) in self.headings.iter().zip(&self.openers) {
            let o = openers.partition_point(|(start, _, _)| *start < pos);
            let opener = o
                .checked_sub(1)
                .map(|o| &openers[o])
                .filter(|(start, end, _)| *start >= paragraph_start && pos < *end)
                .map(|(_, _, frame)| frame);
            let i = list.partition_point(|(start, _)| *start <= pos);
            // An opening year replaces the heading's; with no heading it names
            // no frame, so an undated lead and a dated speaker still link.
            if let Some(frame) = i.checked_sub(1).map(|i| opener.unwrap_or(&list[i].1)) {
                parts.push(frame);
            }
        }
        for (id, reaches) in &self.words {
            // Reaches end in order: the last word before the figure reaches furthest.
            let i = reaches.partition_point(|&(s, _)| s < pos);
            let last = i.checked_sub(1).map(|i| reaches[i]);
            if last.is_some_and(|(s, end)| s >= paragraph_start && pos < end) {
                parts.push(id);
            }
        }
        parts.into_iter().map(str::to_string).collect()
    }
}

/// What may stand before a frame that opens a sentence: a speaker's colon.
const OPENS: &[char] = &['：', ':'];
/// What follows a frame that opens a sentence: `2025年，`.
const CLAUSE_ENDS: &[char] = &['，', ','];

/// The words of the sentence before its first figure, up to the last clause
/// boundary: `开展汛前河道清障专项行动，共出动人员2.4万人次` → the action.
fn sentence_topic(text: &str, i: usize, figures: &[Figure], pack: &CompiledPack, clauses: &Clauses) -> Option<String> {
    let figure = &figures[i];
    let first = figures[..=i].iter().rev().take_while(|f| f.sentence == figure.sentence).last()?;
    let cut = clauses.last(Boundary::Clause, figure.sentence.start..first.span.start)?.start;
    topic(&text[figure.sentence.start..cut], pack)
}

/// The first sentence of the paragraph, when it holds no figure of its own:
/// `一是开展集中清查。…期间，共出动警力3800余人次`.
fn paragraph_topic(
    text: &str,
    figure: &Figure,
    paragraph: &Range<usize>,
    pack: &CompiledPack,
    clauses: &Clauses,
) -> Option<String> {
    let head_end = figure.sentence.start.max(paragraph.start);
    let first_end = clauses.first(Boundary::SentenceEnd, paragraph.start..head_end)?.start;
    let first = &text[paragraph.start..first_end];
    if first.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    topic(first, pack)
}

fn topic(words: &str, pack: &CompiledPack) -> Option<String> {
    let topic = if pack.spec.labels.spaced_words {
        words
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty() && !pack.spec.labels.stopwords.contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        normalise_han(words, pack)
    };
    let count = topic.chars().count();
    let topic: String = topic.chars().skip(count.saturating_sub(pack.spec.labels.max_chars)).collect();
    (!topic.is_empty()).then_some(topic)
}

/// The paragraph around `pos`: its line for packs whose paragraphs are
/// lines (Chinese releases), else the run of lines between blank lines
/// (English prose wraps its paragraphs).
pub fn paragraph(layout: &Layout, pos: usize, style: ParagraphStyle) -> Range<usize> {
    match style {
        ParagraphStyle::Line => layout.line(pos),
        ParagraphStyle::BlankLine => layout.block(pos),
    }
}

/// The total of a part, as an index into `doc`: among the figures with the
/// same unit before the marker in the paragraph, the one whose label shares
/// most with the part's (`侦破养老诈骗案件` under `侦破刑事案件`), else the nearest.
/// Percents, changes (`比去年增加4000亿元`) and averages (`每千人6.5批`) are
/// neither parts nor totals; English counts carry no unit, their noun is it.
/// `paragraph` indexes the mentions of `doc` just before this one that stand
/// in its paragraph (found once per document by the caller).
pub(super) fn part_total(
    text: &str,
    mention: &Mention,
    doc: &[Mention],
    paragraph: Range<usize>,
    pack: &CompiledPack,
    clauses: &Clauses,
) -> Option<usize> {
    let marker = part_marker(text, mention, pack, clauses)?;
    let linking = &pack.spec.linking;
    let counts = |m: &Mention| {
        let average =
            linking.per_words.iter().any(|w| text[m.figure.sentence.start..m.figure.span.start].contains(w.as_str()));
        !is_percent_unit(m)
            && (m.figure.unit.is_some() || pack.spec.labels.bare_counts)
            && direction(&m.figure.label, pack).is_none()
            && !average
    };
    if !counts(mention) {
        return None;
    }
    // Figures stand in text order: those before the marker are a prefix.
    let before_marker = paragraph.start + doc[paragraph].partition_point(|m| m.figure.span.end <= marker);
    let candidates = doc[..before_marker]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| m.paragraph == mention.paragraph)
        .filter(|(_, m)| m.figure.unit == mention.figure.unit && counts(m))
        .filter(|(_, m)| linking.dependent_totals || !is_dependent(&m.figure.label, pack))
        .take(PART_CANDIDATES)
        .enumerate();
    let affinity = |m: &Mention| {
        if linking.totals_by_shared_characters {
            shared_bigrams(&m.figure.label, &mention.figure.label)
        } else {
            0
        }
    };
    // A total in the part's own sentence comes first (`众创空间68家，其中国家级
    // 备案19家` after `孵化器12家；`): a sentence before is another list.
    let same_sentence = |m: &Mention| m.figure.sentence == mention.figure.sentence;
    candidates
        .max_by_key(|(rank, (_, m))| (same_sentence(m), affinity(m), std::cmp::Reverse(*rank)))
        .map(|(_, (t, _))| t)
}

/// Where the part marker (`其中`) whose scope holds the figure stands. A
/// marker that opens a sentence (`。其中酒驾醉驾1200余件…；工程运输车违法3600余件`)
/// reaches to the next full stop; one inside a sentence (`1.97万公里，其中高速铁路
/// 8951公里；新增公路60.9万公里`) only to the next semicolon.
fn part_marker(text: &str, mention: &Mention, pack: &CompiledPack, clauses: &Clauses) -> Option<usize> {
    let linking = &pack.spec.linking;
    let start = mention.figure.span.start;
    let paragraph = mention.paragraph.start;
    let scope_start = clauses.last(Boundary::PartScope, paragraph..start).map_or(paragraph, |b| b.end);
    // Found in the clause model's index, not by a scan back through the scope,
    // which in a long sentence without a scope end is the whole paragraph.
    let (at, index) = clauses.last_part_marker(scope_start..start)?;
    let word = &linking.part_markers[index];
    let opens_sentence = text[scope_start..at].trim().is_empty();
    let after = at + word.len()..start;
    let closed = clauses.first(Boundary::SentenceEnd, after.clone()).is_some()
        || clauses.first(Boundary::PartClause, after).is_some();
    if !opens_sentence && closed {
        return None;
    }
    Some(at)
}

/// How many same-unit figures before a part marker may be its total.
const PART_CANDIDATES: usize = 6;

/// The number of character pairs two labels share.
fn shared_bigrams(a: &str, b: &str) -> usize {
    let pairs = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let (a, b) = (pairs(a), pairs(b));
    a.iter().filter(|p| b.binary_search(p).is_ok()).count()
}

fn is_percent_unit(m: &Mention) -> bool {
    m.figure.unit.as_deref() == Some("%")
}

/// The direction a change label states: `Some(true)` for a decrease.
pub fn direction(label: &str, pack: &CompiledPack) -> Option<bool> {
    let changes = &pack.spec.linking.changes;
    let ends = |w: &String| {
        if pack.spec.labels.spaced_words {
            label.split(' ').any(|x| x == w)
        } else {
            label.ends_with(w.as_str())
        }
    };
    if changes.decrease.iter().any(ends) {
        Some(true)
    } else if changes.increase.iter().any(ends) {
        Some(false)
    } else {
        None
    }
}
