//! Linking: every figure gets a measure key, and figures that relate (a part
//! and its total, a rate and its counts, a change and its counts) are found.
//!
//! Principles (DESIGN.md, "Linking, worked through the seed"): a key never
//! depends on values; a dependent label (`抓获犯罪嫌疑人`) takes its head into
//! its key; a specific label links on its own; only an exact key links.

use std::ops::Range;

use crate::extract::label::normalise_han;
use crate::extract::Figure;
use crate::lexicon::pack::{CompiledPack, FrameScope, LabelOrder, Packs, ParagraphStyle};

/// A figure of the release, placed in its document and source, with its key.
#[derive(Debug, Clone)]
pub struct Mention {
    pub doc: usize,
    pub source: usize,
    pub figure: Figure,
    /// The measure key: `label|unit`, or `head/label|unit` for a dependent.
    pub key: String,
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

/// Keys for the figures of one document, in order.
pub fn keys(text: &str, figures: &[Figure], packs: &Packs, layout: &Layout) -> Vec<(String, bool)> {
    let mut out = Vec::with_capacity(figures.len());
    let frames: Vec<Frames> = packs.packs.iter().map(|p| Frames::new(text, p)).collect();
    for (i, figure) in figures.iter().enumerate() {
        let pack = &packs.packs[figure.pack];
        let unit = figure.unit.as_deref().unwrap_or("");
        let paragraph = layout.paragraph(figure.span.start, pack.spec.labels.paragraphs);
        let frame = frames[figure.pack].of(figure.span.start, paragraph.start);
        // A figure right after another (`6个方面18条措施`) is counted under it.
        let adjacent = i.checked_sub(1).filter(|&p| {
            let between = &text[figures[p].span.end.min(figure.span.start)..figure.span.start];
            figures[p].sentence == figure.sentence
                && between.chars().count() <= ADJACENT_CHARS
                && !between.contains(|c| pack.lexicon.boundaries.contains(c))
        });
        if let Some(p) = adjacent {
            let (previous_key, previous_linkable): &(String, bool) = &out[p];
            let head = previous_key.rsplit_once('|').map_or(previous_key.as_str(), |(h, _)| h);
            let key = format!("{head}/{}|{unit}", figure.label);
            let linkable = *previous_linkable && !figure.label.is_empty();
            out.push((key, linkable));
            continue;
        }
        if !is_dependent(&figure.label, pack) {
            out.push((format!("{frame}{}|{unit}", figure.label), true));
            continue;
        }
        let head = figures[..i]
            .iter()
            .rev()
            .take_while(|f| f.sentence == figure.sentence)
            .find(|f| !is_dependent(&f.label, &packs.packs[f.pack]))
            .map(|f| f.label.clone())
            .or_else(|| pack.spec.linking.topic_heads.then(|| sentence_topic(text, i, figures, pack)).flatten())
            .or_else(|| {
                pack.spec.linking.topic_heads.then(|| paragraph_topic(text, figure, &paragraph, pack)).flatten()
            });
        match head {
            Some(head) => out.push((format!("{frame}{head}/{}|{unit}", figure.label), true)),
            None => out.push((format!("{frame}?/{}|{unit}", figure.label), false)),
        }
    }
    out
}

/// The frames of one pack in a whole text, found once: the headings that name
/// a frame (`2024年工作回顾`) and where paragraph frame words (`预期目标`) stand.
struct Frames {
    /// Per heading-scope frame: (heading start, the frame it names), in order.
    headings: Vec<Vec<(usize, String)>>,
    /// Per paragraph-scope frame: its id and where its words start, in order.
    words: Vec<(String, Vec<usize>)>,
}

impl Frames {
    fn new(text: &str, pack: &CompiledPack) -> Self {
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
    /// `paragraph_start`, as a key prefix (`[2024年 target] `), or empty: what
    /// the nearest heading naming a frame names, and the frame words of the
    /// paragraph before the figure. A key never depends on values, only words.
    fn of(&self, pos: usize, paragraph_start: usize) -> String {
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
        if parts.is_empty() {
            String::new()
        } else {
            format!("[{}] ", parts.join(" "))
        }
    }
}

/// The words of the sentence before its first figure, up to the last clause
/// boundary: `开展夏夜治安巡查宣防集中统一行动，共出动警力1.5万人次` → the action.
fn sentence_topic(text: &str, i: usize, figures: &[Figure], pack: &CompiledPack) -> Option<String> {
    let figure = &figures[i];
    let first = figures[..=i].iter().rev().take_while(|f| f.sentence == figure.sentence).last()?;
    let before = &text[figure.sentence.start..first.span.start];
    let cut = before.char_indices().rev().find(|&(_, c)| pack.lexicon.boundaries.contains(c))?.0;
    topic(&before[..cut], pack)
}

/// The first sentence of the paragraph, when it holds no figure of its own:
/// `一是开展集中清查。…期间，共出动警力3800余人次`.
fn paragraph_topic(text: &str, figure: &Figure, paragraph: &Range<usize>, pack: &CompiledPack) -> Option<String> {
    let head = &text[paragraph.start..figure.sentence.start.max(paragraph.start)];
    let first_end = head.char_indices().find(|&(_, c)| pack.lexicon.sentence_ends.contains(c))?.0;
    let first = &head[..first_end];
    if first.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    topic(first, pack)
}

fn topic(words: &str, pack: &CompiledPack) -> Option<String> {
    let topic = match pack.spec.labels.order {
        LabelOrder::Before => normalise_han(words, pack),
        LabelOrder::After => words
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty() && !pack.spec.labels.stopwords.contains(w))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let count = topic.chars().count();
    let topic: String = topic.chars().skip(count.saturating_sub(pack.spec.labels.max_chars)).collect();
    (!topic.is_empty()).then_some(topic)
}

/// Where the lines and the blank-line paragraphs of a text start: built once
/// per document, so finding a figure's paragraph is a binary search, even in
/// a file of one enormous line.
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

    /// The paragraph around `pos`: its line for packs whose paragraphs are
    /// lines (Chinese releases), else the run of lines between blank lines
    /// (English prose wraps its paragraphs).
    pub fn paragraph(&self, pos: usize, style: ParagraphStyle) -> Range<usize> {
        let starts = match style {
            ParagraphStyle::Line => &self.line_starts,
            ParagraphStyle::BlankLine => &self.block_starts,
        };
        let i = starts.partition_point(|&s| s <= pos);
        let start = starts[i.saturating_sub(1)];
        let end = starts.get(i).map_or(self.len, |&next| next.saturating_sub(1).max(start));
        start..end
    }
}

/// The total of a part, as an index into `doc`: among the figures with the
/// same unit before the marker in the paragraph, the one whose label shares
/// most with the part's (`侦破养老诈骗案件` under `侦破刑事案件`), else the nearest.
/// Percents, changes (`比去年增加4000亿元`) and averages (`每千人6.5批`) are
/// neither parts nor totals; English counts carry no unit, their noun is it.
pub(super) fn part_total(
    text: &str,
    mention: &Mention,
    doc: &[Mention],
    offset: usize,
    pack: &CompiledPack,
) -> Option<usize> {
    let marker = part_marker(text, mention, pack)?;
    let spaced = pack.spec.labels.order == LabelOrder::After;
    let linking = &pack.spec.linking;
    let counts = |m: &Mention| {
        let average =
            linking.per_words.iter().any(|w| text[m.figure.sentence.start..m.figure.span.start].contains(w.as_str()));
        !is_percent_unit(m)
            && (m.figure.unit.is_some() || spaced)
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
        // Chinese labels are reliable enough to rule out a dependent total.
        .filter(|(_, m)| spaced || !is_dependent(&m.figure.label, pack))
        .take(PART_CANDIDATES)
        .enumerate();
    let affinity = |m: &Mention| if spaced { 0 } else { shared_bigrams(&m.figure.label, &mention.figure.label) };
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
fn part_marker(text: &str, mention: &Mention, pack: &CompiledPack) -> Option<usize> {
    let linking = &pack.spec.linking;
    let start = mention.figure.span.start;
    let scope_start = text[mention.paragraph.start..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| linking.part_scope_ends.contains(c))
        .map_or(mention.paragraph.start, |(i, c)| mention.paragraph.start + i + c.len_utf8());
    let scope = &text[scope_start..start];
    let (at, word) = linking.part_markers.iter().filter_map(|m| scope.rfind(m.as_str()).map(|i| (i, m))).max()?;
    let opens_sentence = scope[..at].trim().is_empty();
    let after = &scope[at + word.len()..];
    if !opens_sentence
        && after.contains(|c| pack.lexicon.sentence_ends.contains(c) || linking.part_clause_ends.contains(c))
    {
        return None;
    }
    Some(scope_start + at)
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
    let ends = |w: &String| match pack.spec.labels.order {
        LabelOrder::Before => label.ends_with(w.as_str()),
        LabelOrder::After => label.split(' ').any(|x| x == w),
    };
    if changes.decrease.iter().any(ends) {
        Some(true)
    } else if changes.increase.iter().any(ends) {
        Some(false)
    } else {
        None
    }
}
