//! Linking: every figure gets a measure key, and figures that relate (a part
//! and its total, a rate and its counts, a change and its counts) are found.
//!
//! Principles (DESIGN.md, "Linking, worked through the seed"): a key never
//! depends on values; a dependent label (`抓获犯罪嫌疑人`) takes its head into
//! its key; a specific label links on its own; only an exact key links.

use std::ops::Range;

use crate::extract::label::normalise_han;
use crate::extract::{Boundary, Clauses, Figure};
use crate::lexicon::pack::{CompiledPack, FrameScope, Packs, ParagraphStyle, RateStem};
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

/// How one figure relates to others, found from the words around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// `part` is one of the parts (`其中…`) of `total`.
    PartOf { part: usize, total: usize },
    /// `rate` (`化解率97.6%`) is `numerator / denominator`.
    RateOf { rate: usize, numerator: usize, denominator: usize },
    /// `percent` is the change `delta` relative to the value before `current`.
    ChangeOf { percent: usize, current: usize, delta: usize, decrease: bool },
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
    /// Per paragraph-scope frame: its id and where its words start, in order.
    words: Vec<(String, Vec<usize>)>,
}

impl Frames {
    pub(crate) fn new(text: &str, pack: &CompiledPack) -> Self {
        let headings: Vec<std::ops::Range<usize>> =
            pack.heading.as_ref().map_or_else(Vec::new, |re| re.find_iter(text).map(|m| m.range()).collect());
        let mut named = Vec::new();
        let mut words = Vec::new();
        for (spec, re) in &pack.frames {
            match spec.scope {
                FrameScope::Heading => named.push(
                    headings
                        .iter()
                        .filter_map(|h| {
                            let found: Vec<String> = re
                                .find_iter(&text[h.clone()])
                                .map(|m| m.as_str().split_whitespace().collect::<String>())
                                .collect();
                            (!found.is_empty()).then(|| (h.start, found.join(" ")))
                        })
                        .collect(),
                ),
                FrameScope::Paragraph => words.push((spec.id.clone(), re.find_iter(text).map(|m| m.start()).collect())),
            }
        }
        Frames { headings: named, words }
    }

    /// The frame of a figure at `pos` in a paragraph starting at
    /// `paragraph_start` (`2024年`, `target`), or none: what
    /// the nearest heading naming a frame names, and the frame words of the
    /// paragraph before the figure. A key never depends on values, only words.
    pub(crate) fn of(&self, pos: usize, paragraph_start: usize) -> Vec<String> {
        let mut parts: Vec<&str> = Vec::new();
        for list in &self.headings {
            let i = list.partition_point(|(start, _)| *start <= pos);
            if let Some((_, frame)) = i.checked_sub(1).map(|i| &list[i]) {
                parts.push(frame);
            }
        }
        for (id, starts) in &self.words {
            let i = starts.partition_point(|&s| s < paragraph_start);
            if starts.get(i).is_some_and(|&s| s < pos) {
                parts.push(id);
            }
        }
        parts.into_iter().map(str::to_string).collect()
    }
}

/// The words of the sentence before its first figure, up to the last clause
/// boundary: `开展夏夜治安巡查宣防集中统一行动，共出动警力1.5万人次` → the action.
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

/// Relations among the mentions of one document (indexes into `mentions`,
/// which hold that document's mentions from `first` on, in text order).
pub fn relations(
    text: &str,
    mentions: &[Mention],
    range: Range<usize>,
    packs: &Packs,
    clauses: &[Option<Clauses>],
) -> Vec<Relation> {
    let mut out = Vec::new();
    let doc = &mentions[range.clone()];
    for (offset, mention) in doc.iter().enumerate() {
        let i = range.start + offset;
        let figure = &mention.figure;
        let pack = &packs.packs[figure.pack];
        let linking = &pack.spec.linking;
        let same_paragraph = |m: &&Mention| m.paragraph == mention.paragraph;
        // Mentions are in text order: a paragraph's are contiguous, so the walk
        // back stops at its start (linear, not quadratic, in a long document).
        let earlier = || doc[..offset].iter().enumerate().rev().take_while(|(_, m)| same_paragraph(m));

        // A part: the figure stands in the scope of a part marker (`其中`,
        // `including`); its total stands before the marker.
        let model = clauses.get(figure.pack).and_then(Option::as_ref);
        if let Some(total) = model.and_then(|model| part_total(text, mention, doc, offset, pack, model)) {
            out.push(Relation::PartOf { part: i, total: range.start + total });
        }

        let is_percent = figure.unit.as_deref() == Some("%");
        // A rate: `化解率` with the count of `化解…` and the count before it.
        if is_percent {
            if let Some(stem) = linking.rate_suffixes.iter().find_map(|s| figure.label.strip_suffix(s.as_str())) {
                let stem = stem.trim();
                if !stem.is_empty() {
                    let numerator =
                        earlier().find(|(_, m)| !is_percent_unit(m) && stem_matches(&m.figure.label, stem, pack));
                    if let Some((n, num)) = numerator {
                        let denominator = doc[..n]
                            .iter()
                            .enumerate()
                            .rev()
                            .take_while(|(_, m)| same_paragraph(m))
                            .find(|(_, m)| m.figure.unit == num.figure.unit && m.figure.label != num.figure.label);
                        if let Some((d, _)) = denominator {
                            out.push(Relation::RateOf {
                                rate: i,
                                numerator: range.start + n,
                                denominator: range.start + d,
                            });
                        }
                    }
                }
            }
        }

        // A change: `233起，同比减少99起，下降29.8%`; not an average rate (`年均增长`).
        let averaged = linking.changes.averaged.iter().any(|w| figure.label.contains(w.as_str()));
        if is_percent && !averaged {
            if let Some(decrease) = direction(&figure.label, pack) {
                let in_sentence = |m: &&Mention| m.figure.sentence == figure.sentence;
                let delta = doc[..offset]
                    .iter()
                    .enumerate()
                    .rev()
                    .take_while(|(_, m)| in_sentence(m))
                    .find(|(_, m)| !is_percent_unit(m));
                if let Some((d, delta_mention)) = delta {
                    if direction(&delta_mention.figure.label, pack) == Some(decrease) {
                        let current =
                            doc[..d].iter().enumerate().rev().take_while(|(_, m)| in_sentence(m)).find(|(_, m)| {
                                m.figure.unit == delta_mention.figure.unit && !is_dependent(&m.figure.label, pack)
                            });
                        if let Some((c, _)) = current {
                            out.push(Relation::ChangeOf {
                                percent: i,
                                current: range.start + c,
                                delta: range.start + d,
                                decrease,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// The total of a part, as an index into `doc`: among the figures with the
/// same unit before the marker in the paragraph, the one whose label shares
/// most with the part's (`侦破养老诈骗案件` under `侦破刑事案件`), else the nearest.
/// Percents, changes (`比去年增加4000亿元`) and averages (`每千人6.5批`) are
/// neither parts nor totals; English counts carry no unit, their noun is it.
fn part_total(
    text: &str,
    mention: &Mention,
    doc: &[Mention],
    offset: usize,
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
    let candidates = doc[..offset]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| m.paragraph == mention.paragraph)
        .filter(|(_, m)| m.figure.span.end <= marker)
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
    candidates.max_by_key(|(rank, (_, m))| (affinity(m), std::cmp::Reverse(*rank))).map(|(_, (t, _))| t)
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
    let scope = &text[scope_start..start];
    let (at, word) = linking.part_markers.iter().filter_map(|m| scope.rfind(m.as_str()).map(|i| (i, m))).max()?;
    let opens_sentence = scope[..at].trim().is_empty();
    let after = scope_start + at + word.len()..start;
    let closed = clauses.first(Boundary::SentenceEnd, after.clone()).is_some()
        || clauses.first(Boundary::PartClause, after).is_some();
    if !opens_sentence && closed {
        return None;
    }
    Some(scope_start + at)
}

/// True when a count's label names what a rate's stem names: `化解矛盾纠纷`
/// for `化解率`; in English, a word sharing the stem's first letters
/// (`resolved disputes` for `resolution rate`).
fn stem_matches(label: &str, stem: &str, pack: &CompiledPack) -> bool {
    match pack.spec.linking.rate_stem {
        RateStem::Contained => label.contains(stem),
        RateStem::WordPrefix => {
            let Some(word) = stem.split(' ').next_back() else { return false };
            let prefix: String = word.chars().take(STEM_CHARS).collect();
            prefix.chars().count() == STEM_CHARS && label.split(' ').any(|w| w.starts_with(&prefix))
        }
    }
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

/// Letters an English word and a rate's stem must share (`resol…`).
const STEM_CHARS: usize = 5;

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
