//! What each figure measures, as a typed description, and which figures of a
//! release state one measure (DESIGN.md, "Linking").
//!
//! A description is read from the clause around the figure: the data period
//! the sentence states (`前三季度`), whether the figure is the base of a
//! comparison (`较去年同期的43.81亿元`), what kind of figure it is (a level, a
//! change against a base, a share, a rate of what stands before it), the head
//! it depends on, and the core of what it counts with the subject, adverbs,
//! light verbs and particles dropped (`全市文旅系统共出动执法人员` → `出动执法人员`).
//!
//! Figures whose descriptions are equal state one measure: a certain link.
//! Descriptions that are compatible (one core or head ends with the other,
//! all else equal) link too, as a probable link,
//! when every description of the set is compatible with every other: a
//! shorter label that fits two different longer ones (`接待游客` in
//! `乡村旅游点接待游客` and `A级旅游景区接待游客`) links to neither, unless
//! its values agree with one of them only and say enough to tell (`612万余人`
//! beside `612.47万人`). Equal descriptions link whatever their values: a
//! certain link, and so an error when the values differ, never depends on
//! them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use crate::extract::table::Tables;
use crate::extract::Clauses;
use crate::extract::Figure;
use crate::graph::key::{Head, MeasureKey};
use crate::graph::link::{self, Frames};
use crate::interval::Interval;
use crate::lexicon::pack::{LabelOrder, Packs};
use crate::span::Layout;

mod han;
mod spaced;

use han::{enumerations, HanReader, Norms};
use spaced::SpacedReader;

/// What a figure is, beyond what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A quantity: `接待游客612.38万人次`.
    Level,
    /// A change against a base: `同比增长8.6%`, `较去年同期增加48.5万人次`.
    Change,
    /// A share of a whole: `占全市接待游客总量的23.3%`.
    Share,
}

/// The typed description of what one figure states.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Description {
    /// The frame from headings and paragraph words (`2024年`, `target`).
    pub frame: Vec<String>,
    /// The data period its sentence states before it (`前三季度`), if any.
    pub period: Option<String>,
    /// True for the base of a comparison: last year's value.
    pub previous: bool,
    pub kind: Kind,
    /// The measure it depends on (a change's, a share's, a dependent count's).
    pub head: Option<String>,
    /// What it counts, normalised.
    pub core: String,
    pub unit: String,
    /// False for a dependent whose head could not be found: it links to nothing.
    pub anchored: bool,
    /// A key computed the older way, for packs this model does not read yet.
    pub legacy: Option<MeasureKey>,
    /// True for a table cell: a table names each of its rows and columns,
    /// so two cells are one measure only when their descriptions are equal.
    pub cell: bool,
    /// A rate under the count it is of, read as one noun phrase: `整改率`
    /// under `发现安全隐患` is `安全隐患整改率`, which a rate stated with no
    /// count beside it may name (`电梯安全隐患整改率97.8%`).
    pub flat: Option<String>,
}

impl Description {
    /// The measure key this description is displayed and linked by: the
    /// period and a comparison's base join the frame (`[2024年 9月 上期]`).
    pub fn key(&self) -> MeasureKey {
        if let Some(key) = &self.legacy {
            return key.clone();
        }
        let mut frame = self.frame.clone();
        frame.extend(self.period.clone());
        if self.previous {
            frame.push(PREVIOUS.to_string());
        }
        let head = match &self.head {
            Some(h) => Some(Head::Label(h.clone())),
            None if !self.anchored => Some(Head::Unanchored),
            None => None,
        };
        MeasureKey::new(frame, head, &self.core, &self.unit)
    }
}

/// The frame word of the base of a comparison (last period's value).
pub(crate) const PREVIOUS: &str = "上期";

impl Description {
    /// A level of nothing yet, anchored: what a reader starts from.
    pub(crate) fn blank(cell: bool) -> Description {
        Description {
            frame: Vec::new(),
            period: None,
            previous: false,
            kind: Kind::Level,
            head: None,
            core: String::new(),
            unit: String::new(),
            anchored: true,
            legacy: None,
            cell,
            flat: None,
        }
    }
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.key().fmt(f)
    }
}

impl Description {
    /// Compatible descriptions may state one measure: the same frame, period,
    /// kind, base and unit; heads one inside the other; cores equal or one
    /// ending with the other.
    fn compatible(&self, other: &Description, coordinated: &[String]) -> bool {
        self.fits(other, coordinated, false)
    }

    /// `compatible`, and with `loosely` a level's core may also hold the
    /// other's words with modifiers between them (`modified`): evidence
    /// enough only with agreeing values beside it.
    fn fits(&self, other: &Description, coordinated: &[String], loosely: bool) -> bool {
        if self.legacy.is_some() || other.legacy.is_some() || !self.anchored || !other.anchored {
            return false;
        }
        if self.cell && other.cell {
            return false;
        }
        self.frame == other.frame
            && self.kind == other.kind
            && self.previous == other.previous
            && self.unit == other.unit
            // A month left unsaid is not a month: `9月份…186亿元` and the year to
            // date `1586亿元` stand side by side in monthly releases.
            && (self.period == other.period || spaced_periods_fit(self, other))
            && match (&self.head, &other.head) {
                (None, None) => true,
                (Some(a), Some(b)) => {
                    ends_alike(a, b, coordinated) || inside_named(a, b) || inside_named(b, a)
                }
                (Some(_), None) => self.flat_fits(other, coordinated),
                (None, Some(_)) => other.flat_fits(self, coordinated),
            }
            && if self.kind == Kind::Level {
                ends_alike(&self.core, &other.core, coordinated)
                    || (loosely && modified(&self.core, &other.core, coordinated))
                    || self.joined(other, coordinated)
                    || other.joined(self, coordinated)
            } else {
                // A change with its base written (`up 0.8 percent from February`)
                // fits one whose base is left unsaid (`up 0.8 percent`).
                self.core == other.core || first_word_of(&self.core, &other.core)
            }
    }

    /// True when this description, which has a head, reads as one noun
    /// phrase that fits `other`'s core, which has none: a rate under its
    /// count (`flat`), or a body's level that the other names with the body
    /// in its core (`joined`).
    fn flat_fits(&self, other: &Description, coordinated: &[String]) -> bool {
        self.flat.as_ref().is_some_and(|f| ends_alike(f, &other.core, coordinated)) || self.joined(other, coordinated)
    }

    /// True when this level, under a body (`大型银行`, `贷款余额`), is what
    /// `other` names with the body in its core (`大型银行贷款余额`).
    fn joined(&self, other: &Description, coordinated: &[String]) -> bool {
        let Some(head) = self.head.as_deref().filter(|h| self.kind == Kind::Level && !h.is_ascii()) else {
            return false;
        };
        other.head.is_none()
            && other.core.strip_prefix(head).is_some_and(|rest| ends_alike(&self.core, rest, coordinated))
    }

    /// How much the description says: the one a merged set is named by.
    fn specificity(&self) -> (usize, usize, usize) {
        (
            usize::from(self.period.is_some()),
            self.head.as_ref().map_or(0, |h| h.chars().count()),
            self.core.chars().count(),
        )
    }
}

/// True when one label ends with the other, which has at least two characters
/// (Chinese and English noun phrases put their head noun last).
/// A shorter label that starts inside a coordinated word of the longer
/// (`中型水库` in `大中型水库`) does not end it.
fn ends_alike(a: &str, b: &str, coordinated: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let cut = long.len().saturating_sub(short.len());
    let split = |w: &String| {
        let first = w.chars().next().map_or(0, char::len_utf8);
        long.is_char_boundary(cut)
            && long[..cut].ends_with(&w[..first])
            && long[cut..].starts_with(&w[first..])
            && w.len() > first
    };
    if coordinated.iter().any(split) {
        return false;
    }
    // In spaced scripts the shorter must end on a word boundary of the longer:
    // `employment rate` is not the end of `unemployment rate`.
    let on_word = || {
        let cut = long[..long.len() - short.len()].chars().next_back();
        !(short.starts_with(|c: char| c.is_ascii_alphabetic()) && cut.is_some_and(|c| c.is_ascii_alphanumeric()))
    };
    // A spaced noun of one word is said of many measures (`enrollment` of
    // a table's total row, beside `graduate enrollment`): it ends none.
    let spaced_word = short.is_ascii() && !short.contains(' ');
    short == long
        || (short.chars().count() >= MIN_SHARED_CHARS && long.ends_with(short) && on_word() && !spaced_word)
        || (!a.is_ascii() && reordered(a, b))
}

/// True when the longer core is the shorter with modifiers written inside
/// it: the same first and last word, the shorter's words in order
/// (`举办赛事活动` in `举办体育赛事活动`, sport; `发生一般事故` in
/// `发生特种设备一般事故`, safety; `new cases` in `new confirmed cases`).
/// A part and its whole read this way too (`抓获在逃人员`, `抓获命案在逃人员`),
/// so it is evidence only beside agreeing values.
fn modified(a: &str, b: &str, coordinated: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Spaced words, or Chinese characters, as slices of the label.
    fn words(s: &str) -> Vec<&str> {
        if s.is_ascii() {
            s.split(' ').filter(|w| !w.is_empty()).collect()
        } else {
            s.char_indices().map(|(i, c)| &s[i..i + c.len_utf8()]).collect()
        }
    }
    let (short_words, long_words) = (words(short), words(long));
    if short_words.len() < MIN_SHARED_CHARS || short_words.len() >= long_words.len() {
        return false;
    }
    if short_words.first() != long_words.first() || short_words.last() != long_words.last() {
        return false;
    }
    // The shorter's words in order in the longer, and its last word's tail
    // ending the longer the way `ends_alike` reads it.
    let mut rest = long_words.iter();
    let in_order = short_words.iter().all(|w| rest.any(|l| l == w));
    let tail_chars = if short.is_ascii() { 1 } else { MIN_SHARED_CHARS };
    let tail: Vec<&&str> = short_words.iter().rev().take(tail_chars).collect();
    let long_tail: Vec<&&str> = long_words.iter().rev().take(tail_chars).collect();
    in_order
        && tail == long_tail
        && !coordinated.iter().any(|w| long.contains(w.as_str()) && !short.contains(w.as_str()))
}

/// English periods are often left unsaid where the release's month is
/// meant (`the rate was 4.2%` beside a table's `Jul-Sep 2024` column), or
/// said without the year (`in July` and `July 2024`): a spaced description
/// with no period, or with the month alone, fits one that says more. Two
/// periods said in full must be equal, and a set links only when every pair
/// fits (`in July` fits `July 2024` and `July 2023`, which do not fit).
fn spaced_periods_fit(a: &Description, b: &Description) -> bool {
    if !a.core.is_ascii() || !b.core.is_ascii() {
        return false;
    }
    match (&a.period, &b.period) {
        (None, _) | (_, None) => true,
        (Some(x), Some(y)) => {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            long.starts_with(short.as_str()) && long[short.len()..].starts_with(' ')
        }
    }
}

/// True when `part` stands inside `whole` on word boundaries in spaced
/// scripts (`employment rate` is not inside `unemployment rate`); in Chinese
/// anywhere.
fn inside(whole: &str, part: &str) -> bool {
    if !part.is_ascii() {
        return whole.contains(part);
    }
    whole.match_indices(part).any(|(at, _)| {
        let before = whole[..at].chars().next_back();
        let after = whole[at + part.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// `inside`, where a spaced part names more than one word: `light rail`
/// in `light rail boarding` (transit), not `boarding`, said of each line's
/// boardings and of their total alike (as `ends_alike` reads one word).
fn inside_named(whole: &str, part: &str) -> bool {
    inside(whole, part) && !(part.is_ascii() && !part.contains(' ') && whole != part)
}

/// True when one spaced core is the other's first word (`up` and `up month`).
fn first_word_of(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.is_ascii() && long.split(' ').next() == Some(short)
}

/// True when two labels hold the same characters in another order, as a
/// verb and its object do: `出口机电产品` / `机电产品出口` (customs),
/// `审结案件` / `案件审结` (courts).
fn reordered(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.chars().count() < MIN_REORDERED_CHARS {
        return false;
    }
    let sorted = |s: &str| {
        let mut c: Vec<char> = s.chars().collect();
        c.sort_unstable();
        c
    };
    sorted(a) == sorted(b)
}

/// The shortest labels whose reordering is read as one measure.
const MIN_REORDERED_CHARS: usize = 4;

/// The shortest core that may link to a longer one it ends.
const MIN_SHARED_CHARS: usize = 2;

/// The descriptions of one document's figures, in order.
pub fn describe(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    layout: &Layout,
    clauses: &[Option<Clauses>],
) -> Vec<Description> {
    // The older keys serve only the packs this model does not read yet: a
    // spaced pack without the word classes of its clauses.
    let unread = |f: &Figure| {
        let pack = &packs.packs[f.pack];
        pack.spec.labels.order == LabelOrder::After && pack.measure_words.spec.words.is_none()
    };
    let legacy =
        if figures.iter().any(unread) { link::keys(text, figures, packs, layout, clauses) } else { Vec::new() };
    // The tables of the text, for the English reader's cells.
    let tables = if figures.iter().any(|f| f.cell) { Tables::new(text) } else { Tables::default() };
    let frames: Vec<Frames> = packs.packs.iter().map(|p| Frames::new(text, p)).collect();
    let mut out: Vec<Description> = Vec::with_capacity(figures.len());
    // Per sentence: the enumerations (`A和B分别…X和Y`) found in it, by figure.
    let mut items: HashMap<usize, String> = HashMap::new();
    let mut first_in_sentence = 0;
    let norms = Norms::default();
    for (i, figure) in figures.iter().enumerate() {
        let pack = &packs.packs[figure.pack];
        if i == 0 || figures[i - 1].sentence != figure.sentence {
            first_in_sentence = i;
            enumerations(text, figures, i, pack, &mut items);
        }
        let paragraph = link::paragraph(layout, figure.span.start, pack.spec.labels.paragraphs);
        let frame = frames[figure.pack].of(figure.span.start, paragraph.start);
        let unit = figure.unit.clone().unwrap_or_default();
        let earlier = first_in_sentence..i;
        if let (LabelOrder::After, Some(classes)) = (pack.spec.labels.order, &pack.measure_words.spec.words) {
            let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables: &tables };
            let mut description = reader.describe(i, earlier, &out);
            description.frame = frame;
            description.unit = unit;
            out.push(description);
            continue;
        }
        if pack.spec.labels.order == LabelOrder::After {
            let (key, anchored) = legacy[i].clone();
            out.push(Description { frame, unit, anchored, legacy: Some(key), ..Description::blank(figure.cell) });
            continue;
        }
        let reader = HanReader { text, figures, pack, words: &pack.measure_words, norms: &norms };
        let mut description = reader.describe(i, earlier, &out, items.get(&i).map(String::as_str), paragraph.start);
        // A kind of body's measure is counted under it, so that it never
        // probably links to the measure of all bodies.
        // A table row named by a kind of body (`| 民营医院 | 86.2 |`) is that
        // body's measure, as the sentence `民营医院门诊量86.2万人次` states it.
        let row_body = || {
            let stub = tables.cell_at(figure.span.start)?.stub.clone()?;
            reader.body_scope(&text[stub])
        };
        let scope = if figure.cell { row_body() } else { reader.subject_scope(i, first_in_sentence) };
        if let Some(subject) = scope {
            if description.kind == Kind::Level && description.head.is_none() {
                if let Some(rest) = description.core.strip_prefix(subject.as_str()).filter(|r| !r.is_empty()) {
                    description.core = rest.to_string();
                }
            }
            match &mut description.head {
                None if description.kind == Kind::Level => description.head = Some(subject),
                Some(head) if !head.starts_with(&subject) => *head = format!("{subject}{head}"),
                _ => {}
            }
        }
        description.flat = reader.flat_rate(&description);
        description.frame = frame;
        description.unit = unit;
        out.push(description);
    }
    scope_parallels(text, figures, packs, layout, &norms, &mut out);
    spaced::settle(text, figures, packs, &tables, layout, &mut out);
    out
}

/// Parallel scopes: one paragraph that states equal descriptions in
/// different sentences (`在城区，查处案件86起；在农村，查处案件132起`, `一般公共预算…
/// 结转下年7.37亿元；政府性基金预算…结转下年14.36亿元`) states one measure per scope,
/// each named by its sentence's first clause. They are parts, not repeats.
fn scope_parallels(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    layout: &Layout,
    norms: &Norms,
    out: &mut [Description],
) {
    let mut seen: HashMap<(usize, MeasureKey), Vec<usize>> = HashMap::new();
    for (i, (figure, d)) in figures.iter().zip(out.iter()).enumerate() {
        let pack = &packs.packs[figure.pack];
        if d.legacy.is_some() || !d.anchored || pack.spec.labels.order == LabelOrder::After {
            continue;
        }
        let paragraph = link::paragraph(layout, figure.span.start, pack.spec.labels.paragraphs);
        seen.entry((paragraph.start, d.key())).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = seen.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    for group in groups {
        let sentences: Vec<_> = group.iter().map(|&i| figures[i].sentence.clone()).collect();
        if sentences.windows(2).any(|w| w[0] == w[1]) {
            continue;
        }
        // Each figure's scope; none empty and no two alike, or the group
        // stays as it is (known at the first that fails).
        let mut scopes: Vec<String> = Vec::with_capacity(group.len());
        let mut distinct: HashSet<String> = HashSet::with_capacity(group.len());
        for &i in &group {
            let pack = &packs.packs[figures[i].pack];
            let scope = HanReader { text, figures, pack, words: &pack.measure_words, norms }.sentence_scope(i);
            if scope.is_empty() || !distinct.insert(scope.clone()) {
                break;
            }
            scopes.push(scope);
        }
        if scopes.len() != group.len() {
            continue;
        }
        for (&i, scope) in group.iter().zip(scopes) {
            scoped(&mut out[i], &scope);
        }
    }
}

/// A description narrowed to a scope (`在城区`, a sentence's subject): a level
/// counts the scope's, a change or share has the scope's in its head. A
/// description that already holds the scope (its head figure's) stays.
fn scoped(d: &mut Description, scope: &str) {
    match (d.kind, &mut d.head) {
        (Kind::Level, None) if !d.core.starts_with(scope) => d.core = format!("{scope}{}", d.core),
        (_, Some(head)) if !head.starts_with(scope) => *head = format!("{scope}{head}"),
        _ => {}
    }
}

/// How a figure is linked into its measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    #[default]
    /// Its description is the measure's.
    Certain,
    /// Its description is compatible with the measure's.
    Probable,
    /// Its description fits the measure's and fits others too, or fits only
    /// loosely, and its values agree with the measure's alone: linked by its
    /// values, so a changed value unlinks it rather than conflicting.
    Agreeing,
}

/// The measure key of each figure of a release, from their descriptions:
/// equal descriptions share a key; sets of pairwise compatible descriptions
/// stated in different paragraphs share the key of the most specific one.
/// `paragraphs[i]` identifies the paragraph figure `i` stands in.
pub fn cluster(
    descriptions: &[Description],
    paragraphs: &[(usize, usize)],
    values: &[Stated],
    coordinated: &[String],
) -> Vec<(MeasureKey, Confidence)> {
    // Exact groups, in order of first mention.
    let mut group_of: Vec<usize> = Vec::with_capacity(descriptions.len());
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new(); // (representative, mentions)

    // A table cell and an English sentence with one description state one
    // measure as certainly as two sentences do (the English reader names a
    // cell by its row and column as a sentence names its noun phrase).
    let mut index: HashMap<Description, usize> = HashMap::new();
    for (i, d) in descriptions.iter().enumerate() {
        let spaced = d.legacy.is_none() && d.core.is_ascii() && !d.core.is_empty();
        let g = *index.entry(Description { cell: d.cell && !spaced, ..d.clone() }).or_insert_with(|| {
            groups.push((i, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
        group_of.push(g);
    }
    // Blocks of groups that may be compatible: same frame, kind, unit, base
    // flag, and the last two characters of the core.
    let mut blocks: BTreeMap<BlockKey, Vec<usize>> = BTreeMap::new();
    for (g, (rep, _)) in groups.iter().enumerate() {
        let d = &descriptions[*rep];
        if d.legacy.is_some() || !d.anchored {
            continue;
        }
        let tail: String = if d.core.is_ascii() {
            // Spaced cores: a level's last word, a change's first (`up`).
            let words = d.core.split(' ');
            if d.kind == Kind::Change { words.clone().next() } else { words.clone().next_back() }
                .unwrap_or_default()
                .to_string()
        } else {
            let chars: Vec<char> = d.core.chars().collect();
            chars[chars.len().saturating_sub(MIN_SHARED_CHARS)..].iter().collect()
        };
        blocks.entry((d.frame.clone(), d.kind, d.previous, d.unit.clone(), tail)).or_default().push(g);
    }
    let mut merged_into: Vec<usize> = (0..groups.len()).collect();
    let paragraphs_of = |g: usize| -> Vec<(usize, usize)> {
        let mut p: Vec<(usize, usize)> = groups[g].1.iter().map(|&m| paragraphs[m]).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    for members in blocks.values() {
        if members.len() < 2 || members.len() > MAX_BLOCK {
            continue;
        }
        // Components of the compatibility graph; a component merges only
        // when it is a clique (every pair compatible) whose groups are
        // stated in different paragraphs.
        let n = members.len();
        let mut adjacent = vec![vec![false; n]; n];
        for a in 0..n {
            for b in a + 1..n {
                let ok =
                    descriptions[groups[members[a]].0].compatible(&descriptions[groups[members[b]].0], coordinated);
                adjacent[a][b] = ok;
                adjacent[b][a] = ok;
            }
        }
        let mut seen = vec![false; n];
        for start in 0..n {
            if seen[start] {
                continue;
            }
            let mut component = vec![start];
            seen[start] = true;
            let mut k = 0;
            while k < component.len() {
                let a = component[k];
                for b in 0..n {
                    if adjacent[a][b] && !seen[b] {
                        seen[b] = true;
                        component.push(b);
                    }
                }
                k += 1;
            }
            if component.len() < 2 {
                continue;
            }
            let clique = component.iter().all(|&a| component.iter().all(|&b| a == b || adjacent[a][b]));
            let apart = component.iter().enumerate().all(|(x, &a)| {
                let pa = paragraphs_of(members[a]);
                component[x + 1..].iter().all(|&b| paragraphs_of(members[b]).iter().all(|p| !pa.contains(p)))
            });
            if !clique || !apart {
                continue;
            }
            let best = component
                .iter()
                .map(|&c| members[c])
                .max_by(|&x, &y| {
                    let (dx, dy) = (&descriptions[groups[x].0], &descriptions[groups[y].0]);
                    dx.specificity()
                        .cmp(&dy.specificity())
                        .then(groups[x].1.len().cmp(&groups[y].1.len()))
                        .then(y.cmp(&x))
                })
                .unwrap_or(members[component[0]]);
            for &c in &component {
                merged_into[members[c]] = best;
            }
        }
    }
    // A group that no clique took, whose description fits several others
    // that do not fit each other (`参保` beside `职工医保参保`, `居民医保参保`
    // and `基本医疗保险参保`), or fits one only loosely (`举办赛事活动`,
    // `举办体育赛事活动`), links to the one set whose values it agrees with,
    // when one of them is telling (three significant digits or more): a
    // reader takes `612万余人` as the `612.47万人` restated. This link is
    // probable and never a finding's reason: its values agree.
    // Per set (indexed by the group it is named by): the values all its
    // mentions share, and whether any is telling.
    let mut in_set: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (g, (_, mentions)) in groups.iter().enumerate() {
        in_set[merged_into[g]].extend(mentions);
    }
    let mut common: Vec<Option<Interval>> =
        in_set.iter().map(|set| Interval::common(set.iter().map(|&m| &values[m].interval))).collect();
    let mut telling: Vec<bool> = in_set.iter().map(|set| set.iter().any(|&m| values[m].telling)).collect();
    let mut by_value = vec![false; groups.len()];
    // Both passes below read a block the same way, against the sets as
    // merged so far: whether a group is alone (merged into none, none merged
    // into it), the sets it fits loosely, and whether a set is stated in
    // other paragraphs than `own`.
    let alone = |a: usize, members: &[usize], merged: &[usize]| {
        merged[a] == a && members.iter().all(|&g| g == a || merged[g] != a)
    };
    let fitted = |a: usize, members: &[usize], merged: &[usize]| {
        let mut targets: Vec<usize> = members
            .iter()
            .filter(|&&b| b != a)
            .filter(|&&b| descriptions[groups[a].0].fits(&descriptions[groups[b].0], coordinated, true))
            .map(|&b| merged[b])
            .collect();
        targets.sort_unstable();
        targets.dedup();
        targets
    };
    let apart = |own: &[(usize, usize)], t: usize, members: &[usize], merged: &[usize]| {
        members.iter().filter(|&&g| merged[g] == t).all(|&g| paragraphs_of(g).iter().all(|p| !own.contains(p)))
    };
    for members in blocks.values() {
        if members.len() < 2 || members.len() > MAX_BLOCK {
            continue;
        }
        for &a in members {
            let Some(own) = common[a].filter(|_| alone(a, members, &merged_into)) else { continue };
            let pa = paragraphs_of(a);
            let targets: Vec<usize> = fitted(a, members, &merged_into)
                .into_iter()
                .filter(|&t| {
                    (telling[a] || telling[t])
                        && common[t].as_ref().is_some_and(|c| c.intersects(&own))
                        && apart(&pa, t, members, &merged_into)
                })
                .collect();
            if let [t] = targets[..] {
                merged_into[a] = t;
                by_value[a] = true;
                common[t] = Interval::common([common[t].as_ref(), Some(&own)].into_iter().flatten());
                telling[t] |= telling[a];
                common[a] = None;
            }
        }
    }
    // A group still alone that fits several sets and agrees with none is
    // read as the one set whose value it mistypes, if one only: `参保人员已达621万余人` beside `合计612.47万人` and the parts
    // 268.35万, 344.12万 (insurance), `已筹集1.68万套` beside `1.86万套`
    // (housing). The link is probable, and the slip makes it an error.
    for members in blocks.values() {
        if members.len() < 2 || members.len() > MAX_BLOCK {
            continue;
        }
        for &a in members {
            if !alone(a, members, &merged_into) || by_value[a] {
                continue;
            }
            let pa = paragraphs_of(a);
            let own = &groups[a].1;
            let targets = fitted(a, members, &merged_into);
            // An alone group's own mentions are its set: `common[a]` is theirs.
            let agrees =
                targets.iter().any(|&t| common[a].zip(common[t].as_ref()).is_some_and(|(o, c)| c.intersects(&o)));
            // Only a label that fits several sets: one it fits alone, even
            // loosely, is `similar-mismatch`'s to judge.
            if agrees || targets.len() < 2 {
                continue;
            }
            let slipped: Vec<usize> = targets
                .into_iter()
                .filter(|&t| {
                    in_set[t].iter().any(|&m| own.iter().any(|&o| values[o].slips(&values[m])))
                        && (own.iter().any(|&o| values[o].telling) || in_set[t].iter().any(|&m| values[m].telling))
                        && apart(&pa, t, members, &merged_into)
                })
                .collect();
            if let [t] = slipped[..] {
                merged_into[a] = t;
            }
        }
    }
    descriptions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let g = group_of[i];
            let target = merged_into[g];
            let confidence = match (target == g, by_value[g]) {
                (true, _) => Confidence::Certain,
                (false, false) => Confidence::Probable,
                (false, true) => Confidence::Agreeing,
            };
            let key = if target == g { d.key() } else { descriptions[groups[target].0].key() };
            (key, confidence)
        })
        .collect()
}

/// What the clustering knows of a figure's value: its interval, and whether
/// it is telling enough to say two figures are one (three significant digits
/// or more: `612.47万`, `3186`; not `2起` or `近6万`).
#[derive(Debug, Clone)]
pub struct Stated {
    pub interval: Interval,
    pub telling: bool,
    /// The value as written, and whether it is rounded (`612万余`).
    pub value: rust_decimal::Decimal,
    pub rounded: bool,
}

impl Stated {
    pub fn of(figure: &Figure) -> Stated {
        let significant = crate::slip::significant_digits(figure.value).len();
        Stated {
            interval: figure.interval,
            telling: significant >= TELLING_DIGITS,
            value: figure.value,
            rounded: figure.qualifier.is_some(),
        }
    }

    /// True when one of the two values is the other mistyped (`crate::slip`).
    fn slips(&self, other: &Stated) -> bool {
        crate::slip::values_slip(self.value, self.rounded, other.value, other.rounded)
    }
}

/// The fewest significant digits of a telling value.
const TELLING_DIGITS: usize = 3;

/// What groups must share to be compared: frame, kind, base flag, unit and
/// the last characters of the core.
type BlockKey = (Vec<String>, Kind, bool, String, String);

/// Blocks larger than this are not searched for compatible pairs: the
/// search is quadratic in a block.
const MAX_BLOCK: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, Extracted};

    /// Each figure as written with its measure key, after clustering.
    pub(super) fn keys(text: &str) -> Vec<(String, String)> {
        keys_of("release.txt", text)
    }

    /// The figures and keys of a document named `name` (`.md` reads tables).
    pub(super) fn keys_of(name: &str, text: &str) -> Vec<(String, String)> {
        linked_of(name, text).into_iter().map(|(t, k, _)| (t, k)).collect()
    }

    /// The figures of a document with their keys and how certainly each is linked.
    pub(super) fn linked_of(name: &str, text: &str) -> Vec<(String, String, Confidence)> {
        let packs = Packs::builtin().unwrap();
        let prose = crate::load::Document::with_format(name, text).prose().into_owned();
        let Extracted { figures, clauses } = extract(&prose, &packs);
        // Read as the pipeline reads it: the prose view (a Markdown table's
        // pipes as tabs), offsets unchanged.
        let layout = Layout::new(&prose);
        let descriptions = describe(&prose, &figures, &packs, &layout, &clauses);
        let paragraphs: Vec<(usize, usize)> = figures
            .iter()
            .map(|f| (0, link::paragraph(&layout, f.span.start, packs.packs[f.pack].spec.labels.paragraphs).start))
            .collect();
        let coordinated: Vec<String> =
            packs.packs.iter().flat_map(|p| p.measure_words.spec.coordinated.clone()).collect();
        let values: Vec<Stated> = figures.iter().map(Stated::of).collect();
        let keys = cluster(&descriptions, &paragraphs, &values, &coordinated);
        figures.iter().zip(keys).map(|(f, (k, c))| (text[f.span.clone()].to_string(), k.to_string(), c)).collect()
    }

    pub(super) fn key<'a>(keys: &'a [(String, String)], text: &str, nth: usize) -> &'a str {
        keys.iter()
            .filter(|(t, _)| t == text)
            .nth(nth)
            .map(|(_, k)| k.as_str())
            .unwrap_or_else(|| panic!("{text}: {keys:?}"))
    }

    #[test]
    fn a_subject_before_an_adverb_is_not_part_of_the_measure() {
        // Fire service and tax office: the body that acts is not what is counted.
        let k = keys("全市消防救援机构共检查社会单位1.2万家次。\n检查社会单位1.2万家次。\n税务稽查部门累计检查纳税人386户。\n检查纳税人386户。");
        assert_eq!(key(&k, "1.2万家次", 0), key(&k, "1.2万家次", 1));
        assert_eq!(key(&k, "386户", 0), key(&k, "386户", 1));
    }

    #[test]
    fn a_change_takes_the_level_it_changes_as_its_head() {
        // Tourism and customs: `同比增长` and `较去年同期增加…，增长` are one change.
        let k = keys("全市接待游客500万人次，同比增长8%。\n全市接待游客500万人次，较去年同期增加37万人次，增长8%。");
        assert_eq!(key(&k, "8%", 0), key(&k, "8%", 1));
        let k = keys("进口总值120亿元，同比增长5.1%；出口总值98亿元，同比增长3.3%。");
        assert_ne!(key(&k, "5.1%", 0), key(&k, "3.3%", 0));
    }

    #[test]
    fn the_base_of_a_comparison_is_last_periods_value() {
        let k = keys("实现旅游收入48亿元，较去年同期的43亿元增长11.6%。\n实现旅游收入48亿元。");
        assert_eq!(key(&k, "48亿元", 0), key(&k, "48亿元", 1));
        assert_ne!(key(&k, "48亿元", 0), key(&k, "43亿元", 0));
        let k = keys("全市公交准点率由去年同期的88.6%提高到91.2%。\n全市公交准点率为91.2%。");
        assert_eq!(key(&k, "91.2%", 0), key(&k, "91.2%", 1));
        assert_ne!(key(&k, "88.6%", 0), key(&k, "91.2%", 0));
    }

    #[test]
    fn enumerated_items_are_apart_and_their_changes_too() {
        // Libraries and road safety.
        let k = keys("东区和西区分别接待读者46.3万人次和31.75万人次。");
        assert_ne!(key(&k, "46.3万人次", 0), key(&k, "31.75万人次", 0));
        let k = keys("全年事故起数、死亡人数分别下降16.8%、15.7%。\n事故起数下降16.8%。");
        assert_eq!(key(&k, "16.8%", 0), key(&k, "16.8%", 1));
        assert_ne!(key(&k, "16.8%", 0), key(&k, "15.7%", 0));
    }

    #[test]
    fn periods_keep_a_month_apart_from_the_quarters() {
        // Customs and retail: a month and the year to date are two measures.
        let k = keys("前三季度，出口2915.4亿元。9月份，出口352.6亿元。");
        assert_ne!(key(&k, "2915.4亿元", 0), key(&k, "352.6亿元", 0));
    }

    #[test]
    fn a_shorter_label_links_only_when_it_fits_one_longer_label() {
        let k = keys("全市公共图书馆接待读者84.3万人次。\n全市社区书屋接待读者52.9万人次。\n接待读者310万人次。");
        let short = key(&k, "310万人次", 0);
        assert_ne!(short, key(&k, "84.3万人次", 0));
        assert_ne!(short, key(&k, "52.9万人次", 0));
        let k = keys("邮政行业寄递业务量累计完成15.2亿件。\n寄递业务量15.2亿件。");
        assert_eq!(key(&k, "15.2亿件", 0), key(&k, "15.2亿件", 1));
    }

    #[test]
    fn an_ambiguous_shorter_label_links_to_the_one_whose_values_agree() {
        // Child welfare and insurance: the shorter label fits three
        // longer ones; the telling value names which one is restated.
        let k = keys(
            "全市城乡留守儿童2.96万人，其中城市留守儿童0.71万人、农村留守儿童2.25万人。\n全市近3万名留守儿童全部纳入关爱帮扶。",
        );
        assert_eq!(key(&k, "2.96万人", 0), key(&k, "近3万名", 0));
        let k = keys("全市基本医疗保险参保612.47万人。\n职工医保参保268.35万人。\n居民医保参保344.12万人。\n目前参保人员已达612万余人。");
        assert_eq!(key(&k, "612.47万人", 0), key(&k, "612万余人", 0));
        // Values that agree with none, or only a round figure beside them,
        // leave it apart.
        let k = keys("全市基本医疗保险参保612.47万人。\n职工医保参保268.35万人。\n居民医保参保344.12万人。\n目前参保人员已达700万余人。");
        assert_ne!(key(&k, "612.47万人", 0), key(&k, "700万余人", 0));
        let k = keys(
            "全市城乡留守儿童3万人，其中城市留守儿童1万人、农村留守儿童2万人。\n全市近3万名留守儿童全部纳入关爱帮扶。",
        );
        assert_ne!(key(&k, "3万人", 0), key(&k, "近3万名", 0));
    }

    #[test]
    fn an_object_with_modifiers_inside_links_only_beside_agreeing_values() {
        // Sport and special equipment: modifiers written inside the object.
        let k = keys("全市共举办体育赛事活动1260场。\n今年我市举办赛事活动1260场。");
        assert_eq!(key(&k, "1260场", 0), key(&k, "1260场", 1));
        let k = keys("全年发生特种设备一般事故132起。\n今年全市发生一般事故132起。");
        assert_eq!(key(&k, "132起", 0), key(&k, "132起", 1));
        // A part and its whole read the same way: apart when values differ.
        let k = keys("全年抓获命案在逃人员126人。\n全年抓获在逃人员1862人。");
        assert_ne!(key(&k, "126人", 0), key(&k, "1862人", 0));
    }

    #[test]
    fn changes_after_fenbie_spread_over_the_counts_before_them() {
        // Fire safety and courts: no list of words, the counts name the items.
        let k = keys("全市发生火灾事故426起，死亡9人，受伤37人，同比分别下降12.6%、18.2%和5.1%。\n死亡人数下降18.2%。");
        assert!(key(&k, "12.6%", 0).contains("发生火灾事故"), "{k:?}");
        assert_eq!(key(&k, "18.2%", 0), key(&k, "18.2%", 1));
        assert!(key(&k, "5.1%", 0).contains("受伤"), "{k:?}");
        let k = keys("全市法院受理案件8.6万件、审结8.1万件，同比分别增长5.2%、6.8%。");
        assert_ne!(key(&k, "5.2%", 0), key(&k, "6.8%", 0));
        assert!(key(&k, "6.8%", 0).contains("审结"), "{k:?}");
    }

    #[test]
    fn a_chain_of_verbs_counts_the_object_before_it() {
        // Fire safety and market regulation: `督促整改` and `查处办结` are verbs
        // only, and count what the figure before them counts.
        // Values that differ: the link is the descriptions', not the values'.
        let k = keys("全市发现火灾隐患4.12万处，督促整改3.97万处。\n督促整改火灾隐患3.79万处。");
        assert_eq!(key(&k, "3.97万处", 0), key(&k, "3.79万处", 0));
        let k = keys("受理投诉举报1.2万件，查处办结1.1万件。\n查处办结投诉举报1.3万件。");
        assert_eq!(key(&k, "1.1万件", 0), key(&k, "1.3万件", 0));
    }

    #[test]
    fn a_base_that_names_its_measure_again_is_the_base() {
        // Water supply and lending: the base restates the measure's name.
        let k = keys(
            "全市最高日供水量达到86.4万立方米，较去年最高供水量79.2万立方米增加7.2万立方米，增长9.1%。\n最高日供水量86.4万立方米，同比增长9.1%。",
        );
        assert_eq!(key(&k, "9.1%", 0), key(&k, "9.1%", 1));
        assert_ne!(key(&k, "79.2万立方米", 0), key(&k, "86.4万立方米", 0));
        let k = keys("各项贷款余额2486亿元，比上年末贷款余额2100亿元增加386亿元。\n各项贷款余额2486亿元。");
        assert_eq!(key(&k, "2486亿元", 0), key(&k, "2486亿元", 1));
        assert_ne!(key(&k, "2100亿元", 0), key(&k, "2486亿元", 0));
        // A change verb after the comparison words names no base.
        let k = keys("全市发生火灾120起，比上年增加12起。\n火灾起数比上年增加12起。");
        assert_eq!(key(&k, "12起", 0), key(&k, "12起", 1));
    }

    #[test]
    fn a_verb_of_departure_from_the_normal_compares_with_the_normal() {
        // Weather and water: 偏多/偏少 with no base written are against the normal.
        let k = keys(
            "入汛以来全市降水量1286毫米，较常年同期偏多23.8%。\n入汛以来全市降水量偏多23.8%。\n全年来水量偏少31.2%。",
        );
        assert_eq!(key(&k, "23.8%", 0), key(&k, "23.8%", 1));
        assert!(key(&k, "31.2%", 0).contains("较常年"), "{k:?}");
    }

    #[test]
    fn a_spending_verb_with_its_purpose_before_it_names_a_measure() {
        // Environment and education: 环保投入, 财政投入 are measures; a bare 安排 is not.
        let k = keys("全社会环保投入58.3亿元，增长6.9%。\n全年全社会环保投入58.3亿元。");
        assert_eq!(key(&k, "58.3亿元", 0), key(&k, "58.3亿元", 1));
        let k = keys("今年中央财政将安排2762亿元。\n今年中央财政将安排2762亿元。");
        assert!(key(&k, "2762亿元", 0).contains('?'), "{k:?}");
    }

    #[test]
    fn a_noun_of_count_says_no_more_than_its_classifier() {
        // Fire service and insurance: `火灾起数` counts 火灾 in 起, `参保人数` 参保 in 人.
        let k = keys("全市共接报火灾1286起。\n火灾起数为1286起。");
        assert_eq!(key(&k, "1286起", 0), key(&k, "1286起", 1));
        let k = keys("全市职工参保268万人。\n职工参保人数268万人。");
        assert_eq!(key(&k, "268万人", 0), key(&k, "268万人", 1));
    }

    #[test]
    fn table_columns_name_the_period_the_base_and_the_change() {
        // An earnings table and a trade table: 本报告期 is the level, 上年同期 its
        // base, 增减变动幅度 the change.
        let k = keys_of(
            "release.md",
            "| 项目 | 增减变动幅度（%） | 本报告期（万元） | 上年同期（万元） |\n|---|---:|---:|---:|\n\
             | 营业收入 | 13.0 | 5320 | 4710 |\n\n公司实现营业收入5320万元，同比增长13.0%。",
        );
        assert_eq!(key(&k, "5320", 0), key(&k, "5320万元", 0));
        assert_eq!(key(&k, "13.0", 0), key(&k, "13.0%", 0));
        assert_ne!(key(&k, "4710", 0), key(&k, "5320", 0));
    }

    #[test]
    fn two_cells_of_a_table_are_one_measure_only_when_equal() {
        // Earnings and budgets: rows that differ by a qualifier are two measures.
        let k = keys_of(
            "release.md",
            "| 项目 | 上年同期（亿元） |\n|---|---:|\n| 净利润 | 6.3 |\n| 扣除非经常性损益后的净利润 | 5.9 |\n",
        );
        assert_ne!(key(&k, "6.3", 0), key(&k, "5.9", 0));
        let k =
            keys_of("release.md", "| 科目 | 本年（亿元） |\n|---|---:|\n| 支出 | 12.1 |\n| 一般公共预算支出 | 9.4 |\n");
        assert_ne!(key(&k, "12.1", 0), key(&k, "9.4", 0));
    }

    #[test]
    fn a_dateline_is_not_the_year_the_figures_cover() {
        let k = keys("# 2024年经营情况\n\n2025年3月2日\n\n公司实现营业收入86.5亿元。\n");
        assert!(key(&k, "86.5亿元", 0).starts_with("[2024年]"), "{k:?}");
    }

    #[test]
    fn a_sentence_opening_with_another_year_is_in_that_year() {
        // Employment and sewage treatment: next year's plan beside this year's result.
        let k = keys("## 2024年工作情况\n全市城镇新增就业3.2万人。2025年，全市城镇新增就业3.5万人以上。");
        assert_ne!(key(&k, "3.2万人", 0), key(&k, "3.5万人以上", 0));
        let k = keys("## 2024年工作情况\n全市污水处理率97.3%。2025年，污水处理率保持在95%以上。目前污水处理率97.3%。");
        assert_ne!(key(&k, "97.3%", 0), key(&k, "95%以上", 0));
        assert_eq!(key(&k, "97.3%", 0), key(&k, "97.3%", 1));
    }

    #[test]
    fn a_verb_and_its_object_in_either_order_are_one_measure() {
        // Customs and courts.
        let k = keys("全市出口机电产品160亿元，占出口总值的56.5%。\n机电产品出口占出口总值的比重为56.5%。");
        assert_eq!(key(&k, "56.5%", 0), key(&k, "56.5%", 1));
    }

    #[test]
    fn a_figure_with_no_words_counts_what_the_figure_before_counts() {
        // Land supply and civil affairs: a second unit of one count.
        let k = keys("全市出让工业用地146宗、928.6公顷。\n出让工业用地928.6公顷。");
        assert_eq!(key(&k, "928.6公顷", 0), key(&k, "928.6公顷", 1));
        let k = keys("全市共有城乡特困家庭1.24万户、2.18万人。\n城乡特困家庭2.18万人。");
        assert_eq!(key(&k, "2.18万人", 0), key(&k, "2.18万人", 1));
    }

    #[test]
    fn a_share_after_a_change_is_a_share_of_what_changed() {
        // Customs and retail.
        let k = keys("高新技术产品出口增长14.6%，占比38.2%。\n高新技术产品出口占全市出口总值的38.2%。");
        assert_eq!(key(&k, "38.2%", 0), key(&k, "38.2%", 1));
        let k = keys("网上零售额增长12.4%，占比26.3%。\n网上零售额占社会消费品零售总额的26.3%。");
        assert_eq!(key(&k, "26.3%", 0), key(&k, "26.3%", 1));
    }

    #[test]
    fn a_reporting_body_and_a_day_are_not_what_is_counted() {
        // Earnings and water supply.
        let k = keys("公司实现营业总收入23.81亿元。\n营业总收入23.81亿元。");
        assert_eq!(key(&k, "23.81亿元", 0), key(&k, "23.81亿元", 1));
        let k = keys("7月21日最高日供水量达到86.4万立方米。\n全市最高日供水量86.4万立方米。");
        assert_eq!(key(&k, "86.4万立方米", 0), key(&k, "86.4万立方米", 1));
    }

    #[test]
    fn a_list_shares_the_noun_its_last_item_carries() {
        // Lending and retail.
        let k = keys("国有银行、股份制银行和城市商业银行贷款分别为3120.6亿元、1486.3亿元和724.8亿元。\n股份制银行贷款1486.3亿元。");
        assert_eq!(key(&k, "1486.3亿元", 0), key(&k, "1486.3亿元", 1));
        assert_ne!(key(&k, "724.8亿元", 0), key(&k, "1486.3亿元", 0));
        let k = keys(
            "文化办公用品和书报杂志类、体育娱乐用品类零售额分别增长9.8%和17.3%。\n体育娱乐用品类零售额增长17.3%。",
        );
        assert_eq!(key(&k, "17.3%", 0), key(&k, "17.3%", 1));
        assert_ne!(key(&k, "9.8%", 0), key(&k, "17.3%", 0));
    }

    #[test]
    fn values_reached_in_other_years_are_not_one_measure() {
        // Household income and education spending.
        let k = keys("居民人均可支配收入由2019年52310元增加到2024年68420元。\n教育经费从2019年的86.2亿元增加到2024年的121.5亿元。");
        assert_ne!(key(&k, "68420元", 0), key(&k, "121.5亿元", 0));
        assert_ne!(key(&k, "52310元", 0), key(&k, "68420元", 0));
    }

    #[test]
    fn a_target_reaches_to_the_end_of_its_sentence() {
        // Weather and employment: a result after the sentence of a forecast,
        // a list of targets run on with `；`.
        let k = keys("预计下旬全市气温略高于常年同期。今年全市平均降雪日数已达14.6天。\n全市平均降雪日数14.6天。");
        assert_eq!(key(&k, "14.6天", 0), key(&k, "14.6天", 1));
        let k = keys("今年的预期目标是：城镇新增就业3万人以上；城镇调查失业率5.5%左右。");
        assert!(key(&k, "5.5%左右", 0).contains("target"), "{k:?}");
    }

    #[test]
    fn a_counted_noun_reads_past_whole_nouns_that_hold_a_stop() {
        // Welfare and education: `对象` holds the stop `对`, `在校` the stop `在`.
        let k = keys("全市城乡低保对象5.92万人。\n将对近6万名城乡低保对象开展走访。");
        assert_eq!(key(&k, "5.92万人", 0), key(&k, "近6万名", 0));
        let k = keys("全市有1.2万名在校学生参加体检。\n参加体检的在校学生1.2万名。");
        assert!(key(&k, "1.2万名", 0).contains("在校学生"), "{k:?}");
    }

    #[test]
    fn a_verb_of_having_and_a_place_after_the_figure_count_nothing() {
        // Welfare and health: `共有` only says the counted things exist.
        let k = keys("全市共有城乡救助对象1.24万户。\n全市城乡救助对象1.24万户。");
        assert_eq!(key(&k, "1.24万户", 0), key(&k, "1.24万户", 1));
        let k = keys("全市现有执业医师1.8万人。\n执业医师1.8万人。\n有效发明专利2.1万件。");
        assert_eq!(key(&k, "1.8万人", 0), key(&k, "1.8万人", 1));
        assert!(key(&k, "2.1万件", 0).contains("有效发明专利"), "{k:?}");
        // Earnings and insurance: `…亿元中，` places the parts that follow.
        let k = keys("公司营业总收入23.81亿元中，海外业务收入6.2亿元。\n营业总收入23.81亿元。");
        assert_eq!(key(&k, "23.81亿元", 0), key(&k, "23.81亿元", 1));
        let k = keys("农村特困供养标准由每人每月820元提高到870元。");
        assert!(!key(&k, "820元", 0).contains("提高"), "{k:?}");
    }

    #[test]
    fn the_accounting_names_of_profit_are_one_measure_and_two() {
        // A manufacturer's and a bank's results: long and short names of one profit.
        let k = keys("实现归属于上市公司股东的净利润3.46亿元。\n归母净利润3.46亿元。\n归属于上市公司股东的扣除非经常性损益的净利润3.02亿元。");
        assert_eq!(key(&k, "3.46亿元", 0), key(&k, "3.46亿元", 1));
        assert_ne!(key(&k, "3.46亿元", 0), key(&k, "3.02亿元", 0));
        let k = keys("归属于母公司股东的净利润312亿元。\n归母净利润312亿元。");
        assert_eq!(key(&k, "312亿元", 0), key(&k, "312亿元", 1));
    }

    #[test]
    fn a_coordinated_word_does_not_end_in_its_second_half() {
        // Water and education: 大中型 is big and medium, 中小学 primary and secondary.
        let k = keys("全市调度28座大中型水库。\n全市有中型水库25座。");
        assert_ne!(key(&k, "28座", 0), key(&k, "25座", 0));
        let k = keys("全市中小学生12.6万人。\n全市小学生7.1万人。");
        assert_ne!(key(&k, "12.6万人", 0), key(&k, "7.1万人", 0));
        let k = keys("全市城乡低保对象5.92万人。\n低保对象近6万人。");
        assert_eq!(key(&k, "5.92万人", 0), key(&k, "近6万人", 0));
    }

    #[test]
    fn a_kind_of_body_opening_a_sentence_scopes_its_later_clauses() {
        // Lending and health: the subject of the first clause is what the
        // measure of the next one is counted for.
        let k = keys(
            "全市贷款余额2486亿元。\n大型银行发挥带头作用，贷款余额1028亿元。\n各银行机构加大投放，贷款余额2486亿元。",
        );
        assert_ne!(key(&k, "2486亿元", 0), key(&k, "1028亿元", 0));
        assert!(key(&k, "1028亿元", 0).contains("大型银行"), "{k:?}");
        assert_eq!(key(&k, "2486亿元", 0), key(&k, "2486亿元", 1));
        let k = keys("三级医院推进日间手术，完成手术1.2万台；二级医院完成手术0.8万台。\n全市完成手术2万台。");
        assert!(key(&k, "1.2万台", 0).contains("三级医院"), "{k:?}");
        // The reporting body is no kind: `公司` states the company's own figures.
        let k = keys("公司持续加大研发投入，研发费用5.2亿元。\n研发费用5.2亿元。");
        assert_eq!(key(&k, "5.2亿元", 0), key(&k, "5.2亿元", 1));
    }

    #[test]
    fn a_base_stated_as_a_clause_of_its_own_is_last_periods_value() {
        // Sunshine and tourism: `常年同期为…` is the base of the change after it.
        let k = keys("全年日照时数2136小时，常年同期为1948小时，偏多9.7%。\n日照时数2136小时，较常年同期偏多9.7%。");
        assert_eq!(key(&k, "9.7%", 0), key(&k, "9.7%", 1));
        assert_ne!(key(&k, "1948小时", 0), key(&k, "2136小时", 0));
        let k = keys("全市接待游客500万人次，去年同期为460万人次，增长8.7%。\n接待游客500万人次，同比增长8.7%。");
        assert_eq!(key(&k, "8.7%", 0), key(&k, "8.7%", 1));
    }

    #[test]
    fn a_noun_of_the_counted_persons_says_no_more_than_its_classifier() {
        // Insurance and industry statistics.
        let k = keys("全市养老保险参保人数438.26万人。\n我市参保人员已达438万余人。");
        assert_eq!(key(&k, "438.26万人", 0), key(&k, "438万余人", 0));
        let k = keys("规模以上工业企业从业人员32.6万人。\n规模以上工业企业从业人数32.6万人。");
        assert_eq!(key(&k, "32.6万人", 0), key(&k, "32.6万人", 1));
    }

    #[test]
    fn a_season_of_work_and_a_conjunction_count_nothing() {
        // Weather and power supply: `入汛以来`, `入夏以来` say when; `但` joins.
        let k = keys("预计偏多。但入汛以来降雨量682.4毫米。");
        assert!(
            key(&k, "682.4毫米", 0).ends_with("] 降雨量|毫米") || key(&k, "682.4毫米", 0) == "降雨量|毫米",
            "{k:?}"
        );
        let k = keys("入夏以来最高用电负荷1286.5万千瓦。");
        assert!(!key(&k, "1286.5万千瓦", 0).contains("入夏"), "{k:?}");
    }

    #[test]
    fn a_bureau_reports_and_a_qualifying_count_states_no_measure() {
        // Audit and statistics: the bureau is the reporting body.
        let k = keys("市审计局共完成审计项目86个。\n以上是本年度86个审计项目发现的问题。");
        assert_eq!(key(&k, "86个", 0), key(&k, "86个", 1));
        let k = keys("市统计局共调查住户1200户。\n调查住户1200户。");
        assert_eq!(key(&k, "1200户", 0), key(&k, "1200户", 1));
        // Audit and tax: `5个项目的…资金` says whose money, not a count restated.
        let k = keys("完成审计项目86个。\n4个项目的财政补助资金3.85亿元未拨付。\n3家企业的欠税1200万元已追缴。");
        assert!(key(&k, "4个", 0).starts_with('?'), "{k:?}");
        assert!(key(&k, "3家", 0).starts_with('?'), "{k:?}");
        assert!(!key(&k, "3.85亿元", 0).starts_with('?'), "{k:?}");
    }

    #[test]
    fn a_counted_noun_ends_before_an_aside_a_quantity_a_locative_or_its_predicate() {
        // Ports and banking: an open bracket starts an aside on the noun;
        // a closed one inside it stays (`审计（调查）项目`, audit).
        let k = keys(
            "全市12个大中型港口（大型港口3个、中型港口9个）运行平稳。\n目前，全市12个大中型港口吞吐量达到2.3亿吨。",
        );
        assert_eq!(key(&k, "12个", 0), key(&k, "12个", 1));
        assert!(key(&k, "12个", 0).ends_with("大中型港口|个"), "{k:?}");
        let k = keys("全省3200家规上工业企业营业收入增长8.5%。\n完成86个审计（调查）项目。");
        assert!(key(&k, "3200家", 0).ends_with("规上工业企业|家"), "{k:?}");
        assert!(key(&k, "86个", 0).ends_with("审计项目|个"), "{k:?}");
        // Audit and insurance: a locative places what follows; a school stays whole.
        let k = keys("交办的37件信访事项中已有29件办结。\n新建3所高中，投入使用。");
        assert!(key(&k, "37件", 0).ends_with("信访事项|件"), "{k:?}");
        assert!(key(&k, "3所", 0).ends_with("高中|所"), "{k:?}");
        // River cleaning and transport: an adverb opens the noun's predicate, but
        // right after the classifier a relative clause on the noun.
        let k = keys("全市1200余名河道保洁员常年巡河保洁。\n清理28台长期异地行驶大客车。");
        assert!(key(&k, "1200余名", 0).ends_with("河道保洁员|人"), "{k:?}");
        assert!(key(&k, "28台", 0).contains("大客车"), "{k:?}");
    }

    #[test]
    fn a_total_after_its_parts_counts_what_they_share() {
        // Insurance and enforcement.
        let k = keys(
            "全市职工养老保险参保186.42万人，城乡居民养老保险参保251.84万人，合计438.26万人。\n全市基本养老保险参保人数438.26万人。",
        );
        assert_eq!(key(&k, "438.26万人", 0), key(&k, "438.26万人", 1));
        let k = keys("城区查处案件86起，农村查处案件132起，共计218起。\n全市查处案件218起。");
        assert_eq!(key(&k, "218起", 0), key(&k, "218起", 1));
        // Parts with nothing in common leave a total to its head.
        let k = keys("受理投诉86件，办结咨询132件，合计218件。\n办结咨询218件。");
        assert_ne!(key(&k, "218件", 0), key(&k, "218件", 1));
    }

    #[test]
    fn a_month_that_dates_an_event_is_not_the_period_of_the_figures() {
        // Sport and market regulation.
        let k = keys("3月举办的城市马拉松共有12.6万人报名。\n城市马拉松共有12.6万人报名。");
        assert!(!key(&k, "12.6万人", 0).contains("3月"), "{k:?}");
        let k = keys("5月启动的专项行动查处案件1280起。\n3月份的用电量12亿千瓦时。");
        assert!(!key(&k, "1280起", 0).contains("5月"), "{k:?}");
        assert!(key(&k, "12亿千瓦时", 0).contains("3月"), "{k:?}");
    }

    #[test]
    fn a_result_said_after_a_target_is_no_target() {
        // Science and investment.
        let k = keys("年初确定的专精特新企业新增目标为60家，实际新增67家。");
        assert!(key(&k, "60家", 0).contains("target"), "{k:?}");
        assert!(!key(&k, "67家", 0).contains("target"), "{k:?}");
        let k = keys("计划投资目标为50亿元，实际完成投资52.3亿元。");
        assert!(!key(&k, "52.3亿元", 0).contains("target"), "{k:?}");
    }

    #[test]
    fn an_ambiguous_label_whose_value_mistypes_one_set_links_to_it() {
        // Pensions: `参保` fits the total and both parts; 483万余 agrees with
        // none and is 438.26万 with two digits swapped.
        let text =
            "职工养老保险参保186.42万人，城乡居民养老保险参保251.84万人，合计438.26万人。\n全市参保人员已达483万余人。";
        let linked = linked_of("release.txt", text);
        let of = |t: &str| linked.iter().find(|(x, _, _)| x == t).unwrap();
        assert_eq!(of("483万余人").1, of("438.26万人").1, "{linked:?}");
        // Whichever joins the other, the link is not certain.
        assert!(of("483万余人").2 != Confidence::Certain || of("438.26万人").2 != Confidence::Certain);
        // A value far from every set links to none.
        let k = keys(
            "职工养老保险参保186.42万人，城乡居民养老保险参保251.84万人，合计438.26万人。\n全市参保人员已达720万余人。",
        );
        assert_ne!(key(&k, "720万余人", 0), key(&k, "438.26万人", 0), "{k:?}");
    }

    #[test]
    fn this_year_says_the_year_to_date_not_what_is_counted() {
        // Housing funds and audit.
        let k = keys("今年上半年住房公积金支出超过48亿元。");
        assert!(!key(&k, "超过48亿元", 0).contains("今年"), "{k:?}");
        let k = keys("本年度移送问题线索23件。");
        assert!(!key(&k, "23件", 0).contains("本年度"), "{k:?}");
    }

    #[test]
    fn a_coverb_opens_the_phrase_of_the_measure() {
        // Forestry and housing: 依托, 结合 say on what the work rests, not what is counted.
        let k = keys("全市森林覆盖率达到58.36%。\n依托森林覆盖率超过58%的优势，发展林下经济。");
        assert_eq!(key(&k, "58.36%", 0), key(&k, "超过58%", 0), "{k:?}");
        let k = keys("全年完成营造林28.6万亩。\n今年结合营造林28万余亩，推行林长制。");
        assert_eq!(key(&k, "28.6万亩", 0), key(&k, "28万余亩", 0), "{k:?}");
        // Water supply and credit: 把 brings the object before its verb, and an
        // adverb of how soon opens the predicate.
        let k = keys("我们把2600余条停水通知第一时间发送到户。\n把860余家企业纳入名单。");
        assert_eq!(key(&k, "2600余条", 0), "停水通知|条", "{k:?}");
        assert!(!key(&k, "860余家", 0).starts_with('把'), "{k:?}");
        // Housing and agriculture: 惠及 says whom a count reaches.
        let k = keys("改造城中村48个，涉及居民2.07万户。\n惠及居民2万余户。");
        assert!(key(&k, "2万余户", 0).ends_with("居民|户") && !key(&k, "2万余户", 0).contains("惠及"), "{k:?}");
    }

    #[test]
    fn a_coverb_and_its_object_up_to_the_main_verb_are_an_adverbial() {
        // Courts and tax: the platform says how, not what is counted.
        let k = keys("全市法院依托在线诉讼平台审结案件3.2万件。\n全年审结案件3.2万件。");
        assert_eq!(key(&k, "3.2万件", 0), key(&k, "3.2万件", 1), "{k:?}");
        let k = keys("通过电子税务局办理退税业务2.1万件。\n全年办理退税业务2.1万件。");
        assert_eq!(key(&k, "2.1万件", 0), key(&k, "2.1万件", 1), "{k:?}");
        // Market regulation: the object may hold a verb of its own; the main
        // verb is the last one.
        let k = keys("结合专项检查查处价格违法案件52起。");
        assert_eq!(key(&k, "52起", 0), "查处价格违法案件|起", "{k:?}");
        // Health: a locative phrase and an adverb of manner before the verb.
        let k = keys("义诊活动中同步完成老年人健康体检3200人次。\n全年完成老年人健康体检3200人次。");
        assert_eq!(key(&k, "3200人次", 0), key(&k, "3200人次", 1), "{k:?}");
        // A word ending in the locative is no locative phrase.
        let k = keys("其中新增充电桩120个。");
        assert_eq!(key(&k, "120个", 0), "新增充电桩|个", "{k:?}");
        // A whole noun holding a verb is no main verb (border control).
        let k = keys("结合口岸改造新增边境检查站3个。");
        assert_eq!(key(&k, "3个", 0), "新增边境检查站|个", "{k:?}");
    }

    #[test]
    fn a_quantity_after_a_verb_that_counts_nothing_counts_its_noun() {
        // Work safety and education: 紧盯, 服务 count nothing themselves.
        let k = keys("全市纳入监管的重点企业1.2万家。\n下一步，我们将紧盯1.2万家重点企业。");
        assert_eq!(key(&k, "1.2万家", 0), key(&k, "1.2万家", 1), "{k:?}");
        let k = keys("下一步，我们将紧盯1.2万家重点企业。");
        assert_eq!(key(&k, "1.2万家", 0), "重点企业|家", "{k:?}");
        let k = keys("全市高考报名考生2.6万名。\n各考点服务2.6万名考生。");
        assert_eq!(key(&k, "2.6万名", 0), key(&k, "2.6万名", 1), "{k:?}");
        // A verb that counts keeps its count apart.
        let k = keys("检查1.2万家重点企业。");
        assert_eq!(key(&k, "1.2万家", 0), "检查重点企业|家", "{k:?}");
    }

    #[test]
    fn a_result_after_its_plan_counts_what_the_plan_names() {
        // Health: the result names only the plan's verb.
        let k = keys("年初确定的流感疫苗接种目标为8万人，实际接种8.3万人。\n全年接种流感疫苗8.3万人。");
        assert_eq!(key(&k, "8.3万人", 0), key(&k, "8.3万人", 1), "{k:?}");
        assert!(!key(&k, "8.3万人", 0).contains("target"), "{k:?}");
        // Market regulation: a change stated as the result of a plan.
        let k = keys("全市实有市场主体86万户，净增1.2万户。\n年初确定的市场主体净增目标为1万户，实际净增1.2万户。");
        assert_eq!(key(&k, "1.2万户", 0), key(&k, "1.2万户", 1), "{k:?}");
        // With no plan before, or an object of its own, the marker stays
        // with what it counts (investment).
        let k = keys("实际使用外资12.6亿美元。");
        assert!(key(&k, "12.6亿美元", 0).contains("实际使用外资"), "{k:?}");
        let k = keys("计划引进外资10亿美元，实际使用外资12.6亿美元。");
        assert!(key(&k, "12.6亿美元", 0).contains("实际使用外资"), "{k:?}");
        // A marker alone, its light verb dropped, counts the plan's measure.
        let k = keys("今年计划完成交通建设投资50亿元，实际完成52.3亿元。\n全年交通建设投资52.3亿元。");
        assert_eq!(key(&k, "52.3亿元", 0), key(&k, "52.3亿元", 1), "{k:?}");
    }

    #[test]
    fn an_amount_noun_after_an_activity_names_the_activitys_amount() {
        // Customs, commerce and power: 总值, 规模, 总额 and 总量 restate the activity.
        let k = keys("全市货物进出口总额3200.5亿元。\n全市进出口规模超过3200亿元。");
        assert_eq!(key(&k, "3200.5亿元", 0), key(&k, "超过3200亿元", 0), "{k:?}");
        let k = keys("全市社会消费品零售规模860.2亿元。\n社会消费品零售总额860.2亿元。");
        assert_eq!(key(&k, "860.2亿元", 0), key(&k, "860.2亿元", 1), "{k:?}");
        let k = keys("全市用电总量96.4亿千瓦时。\n全社会用电量96.4亿千瓦时。");
        assert_eq!(key(&k, "96.4亿千瓦时", 0), key(&k, "96.4亿千瓦时", 1), "{k:?}");
        // After no activity the amount noun is the measure's own; a share's
        // base keeps its reading.
        let k = keys("利润总额12.6亿元。");
        assert_eq!(key(&k, "12.6亿元", 0), "利润总额|元", "{k:?}");
        let k = keys("出口210亿元，其中机电产品出口120亿元，占出口总值的57.1%。");
        assert_eq!(key(&k, "57.1%", 0), "机电产品出口/占比|%", "{k:?}");
    }

    #[test]
    fn a_month_before_yilai_starts_a_span_and_is_no_period() {
        // Market regulation and weather: `3月以来` is since March, to date.
        let k = keys("今年3月以来，全市查处价格违法案件126起。\n全市查处价格违法案件126起。");
        assert_eq!(key(&k, "126起", 0), key(&k, "126起", 1), "{k:?}");
        let k = keys("6月份以来，全市发布暴雨预警信号38次。");
        assert!(!key(&k, "38次", 0).contains("6月"), "{k:?}");
        // A month alone is still the month counted.
        let k = keys("6月份，全市发布暴雨预警信号38次。");
        assert!(key(&k, "38次", 0).contains("6月"), "{k:?}");
    }

    #[test]
    fn a_record_event_is_one_measure_however_it_is_worded() {
        // Tourism and energy: 创历史新高 and 刷新历史纪录 count the same events.
        let k = keys("国庆假期景区单日客流5次创历史新高。\n假期客流持续攀升，先后5次刷新历史纪录。");
        assert_eq!(key(&k, "5次", 0), key(&k, "5次", 1), "{k:?}");
        let k = keys("今年迎峰度冬期间，电网最高负荷3次创历史新高。\n电网负荷快速攀升，3次刷新历史记录。");
        assert_eq!(key(&k, "3次", 0), key(&k, "3次", 1), "{k:?}");
    }

    #[test]
    fn a_verb_alone_counts_the_object_an_earlier_plan_gives_it() {
        // Housing and forestry: the plan names verb and object; the result only the verb.
        let k = keys(
            "全市筹集公共租赁住房2.36万套。\n省里下达的公共租赁住房筹集任务为2.3万套。截至目前，全市已筹集2.36万套。",
        );
        assert_eq!(key(&k, "2.36万套", 0), key(&k, "2.36万套", 1), "{k:?}");
        let k = keys("全市完成营造林26.3万亩。\n省里下达的营造林任务为25万亩，目前已完成26.3万亩。");
        assert_eq!(key(&k, "26.3万亩", 0), key(&k, "26.3万亩", 1), "{k:?}");
        // A plan in another unit gives no object.
        let k = keys("全市筹集公共租赁住房2.36万套。\n筹集资金任务为12亿元。截至目前，全市已筹集2.63万套。");
        assert_ne!(key(&k, "2.36万套", 0), key(&k, "2.63万套", 0), "{k:?}");
    }

    #[test]
    fn a_rate_under_its_count_is_the_rate_named_with_the_counts_object() {
        // Gas safety and consumer protection.
        let k =
            keys("全市燃气安全隐患整改率98.4%。\n检查燃气用户2.6万户，发现安全隐患1850处，已整改1821处，整改率98.4%。");
        assert_eq!(key(&k, "98.4%", 0), key(&k, "98.4%", 1), "{k:?}");
        let k = keys("消费投诉办结率96.5%。\n全年受理消费投诉8200件，办结7913件，办结率96.5%。");
        assert_eq!(key(&k, "96.5%", 0), key(&k, "96.5%", 1), "{k:?}");
        // Another object's rate stays apart.
        let k = keys("全市火灾隐患整改率99.1%。\n发现安全隐患1850处，已整改1821处，整改率98.4%。");
        assert_ne!(key(&k, "99.1%", 0), key(&k, "98.4%", 0), "{k:?}");
    }

    #[test]
    fn a_clause_naming_only_what_differs_keeps_the_subject_before() {
        // Housing funds and trade.
        let k = keys("上半年全市住房公积金总收入86.15亿元，总支出71.42亿元。\n住房公积金总支出71.42亿元。");
        assert_eq!(key(&k, "71.42亿元", 0), key(&k, "71.42亿元", 1), "{k:?}");
        let k = keys("全市货物进口额120.5亿元，出口额200.3亿元。");
        assert_eq!(key(&k, "200.3亿元", 0), "货物出口|元", "{k:?}");
        // Another measure altogether, or one in another unit, keeps its own words.
        let k = keys("破获刑事案件1829起，抓获犯罪嫌疑人2160名。\n查处案件86起，罚没款52.6万元。");
        assert!(key(&k, "2160名", 0).ends_with("抓获犯罪嫌疑人|人"), "{k:?}");
        assert_eq!(key(&k, "52.6万元", 0), "罚没款|元", "{k:?}");
    }

    #[test]
    fn a_change_column_named_by_a_noun_of_count_changes_the_rows_count() {
        // Fires and lending: the total row's change names only `起数`/`户数`.
        let k = keys_of("release.md", "全市共发生火灾426起，同比下降12.6%。\n\n| 场所类型 | 火灾起数（起） | 起数同比下降（%） |\n|---|---:|---:|\n| 住宅 | 198 | 10.4 |\n| 合计 | 426 | 12.6 |\n");
        assert_eq!(key(&k, "12.6%", 0), key(&k, "12.6", 0), "{k:?}");
        let k = keys_of("release.md", "全市小微企业贷款31.62万户，同比增长12.4%。\n\n| 机构 | 小微企业贷款（户） | 户数增长（%） |\n|---|---:|---:|\n| 大型银行 | 98600 | 9.1 |\n| 合计 | 316200 | 12.4 |\n");
        assert_eq!(key(&k, "12.4%", 0), key(&k, "12.4", 0), "{k:?}");
    }

    #[test]
    fn a_total_rows_change_changes_the_rows_level() {
        // Lending and water use: `合计` names no row, so its change columns
        // change the row's level, as the prose's changes of the total do.
        let k = keys_of(
            "release.md",
            "全省绿色贷款余额1520.4亿元，同比增长21.3%；比年初增加168.2亿元。\n\n\
             | 机构 | 余额（亿元） | 同比增速（%） | 比年初增加（亿元） |\n|---|---:|---:|---:|\n\
             | 大型银行 | 640.2 | 24.0 | 70.1 |\n| 合计 | 1520.4 | 21.3 | 168.2 |\n",
        );
        assert_eq!(key(&k, "21.3%", 0), key(&k, "21.3", 0), "{k:?}");
        assert_eq!(key(&k, "168.2亿元", 0), key(&k, "168.2", 0), "{k:?}");
        let k = keys_of(
            "release.md",
            "全市用水总量2046万立方米，同比下降1.2%。\n\n| 区域 | 用水量（万立方米） | 同比增长（%） |\n|---|---:|---:|\n\
             | 东城区 | 812.6 | 3.4 |\n| 合计 | 2046 | -1.2 |\n",
        );
        assert!(!key(&k, "-1.2", 0).contains('?'), "{k:?}");
    }

    #[test]
    fn a_row_named_by_a_kind_of_body_is_that_bodys_measure() {
        // Lending and hospitals: the row's body is the measure's scope, as
        // the sentence that names the body states it; the total row is all
        // bodies' and links to neither.
        let table = "\n\n| 机构类型 | 绿色贷款余额（亿元） |\n|---|---:|\n| 大型银行 | 640.2 |\n\
                     | 城市商业银行 | 312.5 |\n| 合计 | 1520.4 |\n";
        let k = keys_of(
            "release.md",
            &format!("全省绿色贷款余额1520.4亿元。大型银行发挥主力作用，绿色贷款余额640.2亿元；城市商业银行贷款余额312.5亿元。{table}"),
        );
        assert_eq!(key(&k, "640.2", 0), key(&k, "640.2亿元", 0), "{k:?}");
        assert_eq!(key(&k, "312.5", 0), key(&k, "312.5亿元", 0), "{k:?}");
        assert_ne!(key(&k, "640.2", 0), key(&k, "1520.4", 0), "{k:?}");
        let k = keys_of(
            "release.md",
            "上半年，民营医院门诊量86.2万人次。\n\n| 医院类型 | 门诊量（万人次） |\n|---|---:|\n| 公立医院 | 412.6 |\n| 民营医院 | 86.2 |\n",
        );
        assert_eq!(key(&k, "86.2", 0), key(&k, "86.2万人次", 0), "{k:?}");
    }

    #[test]
    fn clauses_joined_by_a_semicolon_share_their_subject() {
        // Lending and courts: a change opening a `；` clause changes the level
        // of the clause before it.
        let k = keys("全省绿色贷款余额1520.4亿元，同比增长21.3%；比年初增加168.2亿元。");
        assert_eq!(key(&k, "168.2亿元", 0), "绿色贷款余额/比年初增长|元", "{k:?}");
        let k = keys("全市法院受理行政案件3120件；较上季度减少42件。另受理执行案件860件。");
        assert!(key(&k, "42件", 0).contains("受理行政案件/"), "{k:?}");
    }

    #[test]
    fn what_an_operation_yields_is_counted_under_the_operation() {
        // Customs and tax: the suspects arrested and the tax recovered belong
        // to the cases named before them in their sentence.
        let k = keys("侦办走私案件12起，抓获犯罪嫌疑人30名。\n侦办毒品案件8起，抓获犯罪嫌疑人15名。\n侦办走私案件12起，抓获犯罪嫌疑人30名。");
        assert_ne!(key(&k, "30名", 0), key(&k, "15名", 0), "{k:?}");
        assert_eq!(key(&k, "30名", 0), key(&k, "30名", 1), "{k:?}");
        let k = keys("查处偷逃税案件120起，追缴税款3.2亿元。\n查处骗取出口退税案件9起，追缴税款0.8亿元。");
        assert_ne!(key(&k, "3.2亿元", 0), key(&k, "0.8亿元", 0), "{k:?}");
        // An object that names its kind stands alone (policing, fire safety).
        let k = keys("破获刑事案件1829起，抓获在逃人员375人。\n检查社会单位1.2万家，整改火灾隐患3100处。");
        assert!(!key(&k, "375人", 0).contains('/'), "{k:?}");
        assert!(!key(&k, "3100处", 0).contains('/'), "{k:?}");
    }

    #[test]
    fn a_grade_alone_names_the_kind_an_earlier_grade_of_its_sentence_names() {
        // Work safety and environment: `一般事故` after `较大以上生产安全事故`.
        let k = keys("全年未发生较大以上生产安全事故，发生一般事故12起。\n全年发生生产安全一般事故12起。");
        assert_eq!(key(&k, "12起", 0), key(&k, "12起", 1), "{k:?}");
        let k = keys("上半年未发生重大突发环境事件，发生一般事件3起。\n上半年发生突发环境一般事件3起。");
        assert_eq!(key(&k, "3起", 0), key(&k, "3起", 1), "{k:?}");
        // A kind written in the figure's own words stays as written.
        let k = keys("未发生较大以上生产安全事故，发生一般道路交通事故5起。");
        assert!(
            key(&k, "5起", 0).contains("道路交通一般事故") || key(&k, "5起", 0).contains("一般道路交通事故"),
            "{k:?}"
        );
        assert!(!key(&k, "5起", 0).contains("生产安全"), "{k:?}");
    }

    #[test]
    fn a_volume_named_by_its_verb_counts_what_the_verb_does() {
        // Tourism and hotlines: `游客年接待量` is `接待游客`, `工单受理量` is `受理工单`.
        let k = keys("今年全市接待游客2860万人次。\n全市游客年接待量达2860万人次。");
        assert_eq!(key(&k, "2860万人次", 0), key(&k, "2860万人次", 1), "{k:?}");
        let k = keys("市民热线受理工单58.6万件。\n市民热线工单受理量58.6万件。");
        assert_eq!(key(&k, "58.6万件", 0), key(&k, "58.6万件", 1), "{k:?}");
    }

    #[test]
    fn a_verb_of_checking_after_jing_says_how_not_what() {
        // Urban management and market regulation.
        // What is left links to the measure named with its campaign.
        let k = keys("经核实认定违法建筑46处。\n拆违专项行动认定违法建筑46处。");
        assert_eq!(key(&k, "46处", 0), key(&k, "46处", 1), "{k:?}");
        let k = keys("经调查认定价格违法案件38起。\n春节市场检查认定价格违法案件38起。");
        assert_eq!(key(&k, "38起", 0), key(&k, "38起", 1), "{k:?}");
    }

    #[test]
    fn a_later_list_naming_only_its_noun_is_of_the_items_before() {
        // Trade and public finance: the second `分别` clause names only its noun.
        let k =
            keys("一般贸易和加工贸易进口分别为320亿元和110亿元，出口分别为410亿元和150亿元。\n加工贸易出口150亿元。");
        assert_eq!(key(&k, "150亿元", 0), key(&k, "150亿元", 1), "{k:?}");
        assert_ne!(key(&k, "410亿元", 0), key(&k, "150亿元", 0), "{k:?}");
        let k =
            keys("市级和县级一般公共预算收入分别为86亿元和142亿元，支出分别为120亿元和260亿元。\n县级支出260亿元。");
        assert_eq!(key(&k, "260亿元", 0), key(&k, "260亿元", 1), "{k:?}");
    }
}
