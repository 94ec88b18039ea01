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
//! `乡村旅游点接待游客` and `A级旅游景区接待游客`) links to neither. Keys never
//! depend on values.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::extract::label::normalise_han;
use crate::extract::Figure;
use crate::graph::link::{self, Frames, Layout};
use crate::rule::measure_words::MeasureWords;
use crate::rule::pack::{CompiledPack, LabelOrder, Packs};

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Description {
    /// The frame from headings and paragraph words (`[2024年 target] `), as a key prefix.
    pub frame: String,
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
    pub legacy: Option<String>,
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(key) = &self.legacy {
            return f.write_str(key);
        }
        f.write_str(&self.frame)?;
        if let Some(period) = &self.period {
            write!(f, "{period}·")?;
        }
        if self.previous {
            f.write_str("上期·")?;
        }
        match &self.head {
            Some(head) => write!(f, "{head}/")?,
            None if !self.anchored => f.write_str("?/")?,
            None => {}
        }
        write!(f, "{}|{}", self.core, self.unit)
    }
}

impl Description {
    /// Compatible descriptions may state one measure: the same frame, period,
    /// kind, base and unit; heads one inside the other; cores equal or one
    /// ending with the other.
    fn compatible(&self, other: &Description) -> bool {
        if self.legacy.is_some() || other.legacy.is_some() || !self.anchored || !other.anchored {
            return false;
        }
        self.frame == other.frame
            && self.kind == other.kind
            && self.previous == other.previous
            && self.unit == other.unit
            // A month left unsaid is not a month: `9月份…186亿元` and the year to
            // date `1586亿元` stand side by side in monthly releases.
            && self.period == other.period
            && match (&self.head, &other.head) {
                (None, None) => true,
                (Some(a), Some(b)) => a.contains(b.as_str()) || b.contains(a.as_str()),
                _ => false,
            }
            && if self.kind == Kind::Level { ends_alike(&self.core, &other.core) } else { self.core == other.core }
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
fn ends_alike(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.chars().count() >= MIN_SHARED_CHARS && long.ends_with(short))
}

/// The shortest core that may link to a longer one it ends.
const MIN_SHARED_CHARS: usize = 2;

/// The descriptions of one document's figures, in order.
pub fn describe(text: &str, figures: &[Figure], packs: &Packs, layout: &Layout) -> Vec<Description> {
    let legacy = link::keys(text, figures, packs, layout);
    let frames: Vec<Frames> = packs.packs.iter().map(|p| Frames::new(text, p)).collect();
    let mut out: Vec<Description> = Vec::with_capacity(figures.len());
    // Per sentence: the enumerations (`A和B分别…X和Y`) found in it, by figure.
    let mut items: HashMap<usize, String> = HashMap::new();
    let mut first_in_sentence = 0;
    for (i, figure) in figures.iter().enumerate() {
        let pack = &packs.packs[figure.pack];
        if i == 0 || figures[i - 1].sentence != figure.sentence {
            first_in_sentence = i;
            enumerations(text, figures, i, pack, &mut items);
        }
        let paragraph = layout.paragraph(figure.span.start, pack.spec.labels.paragraphs);
        let frame = frames[figure.pack].of(figure.span.start, paragraph.start);
        let unit = figure.unit.clone().unwrap_or_default();
        if pack.spec.labels.order == LabelOrder::After {
            let (key, anchored) = legacy[i].clone();
            out.push(Description {
                frame,
                period: None,
                previous: false,
                kind: Kind::Level,
                head: None,
                core: String::new(),
                unit,
                anchored,
                legacy: Some(key),
            });
            continue;
        }
        let reader = HanReader { text, figures, pack, words: &pack.measure_words };
        let earlier = first_in_sentence..i;
        let mut description = reader.describe(i, earlier, &out, items.get(&i).map(String::as_str), paragraph.start);
        description.frame = frame;
        description.unit = unit;
        out.push(description);
    }
    out
}

/// Reads the description of a figure in a Chinese clause.
struct HanReader<'a> {
    text: &'a str,
    figures: &'a [Figure],
    pack: &'a CompiledPack,
    words: &'a MeasureWords,
}

impl HanReader<'_> {
    fn describe(
        &self,
        i: usize,
        earlier: std::ops::Range<usize>,
        done: &[Description],
        item: Option<&str>,
        paragraph_start: usize,
    ) -> Description {
        let figure = &self.figures[i];
        let sentence_start = figure.sentence.start.min(figure.span.start);
        let segment_start = earlier.clone().last().map_or(sentence_start, |p| self.figures[p].span.end);
        let segment = &self.text[segment_start.min(figure.span.start)..figure.span.start];
        let clause = self.clause(segment);
        let period = self.period(&self.text[sentence_start..figure.span.start]);
        let mut d = Description {
            frame: String::new(),
            period,
            previous: false,
            kind: Kind::Level,
            head: None,
            core: String::new(),
            unit: String::new(),
            anchored: true,
            legacy: None,
        };
        let is_percent = matches!(figure.unit.as_deref(), Some("%" | "个百分点"));
        // The nearest earlier figure of the sentence that states a level now.
        let level_before = |accept_percent: bool| {
            earlier.clone().rev().find(|&p| {
                let e = &done[p];
                e.kind == Kind::Level
                    && !e.previous
                    && e.anchored
                    && (accept_percent || self.figures[p].unit.as_deref() != Some("%"))
            })
        };
        let head_of = |p: usize| {
            let e: &Description = &done[p];
            match &e.head {
                Some(h) => format!("{h}/{}", e.core),
                None => e.core.clone(),
            }
        };

        // The base of a comparison: `较去年同期的43.81亿元`, `由75.2%`.
        if let Some(m) = self.words.previous.as_ref().and_then(|re| re.find(clause)) {
            d.previous = true;
            let own = self.norm(&clause[..m.start()]);
            if own.is_empty() {
                match level_before(is_percent) {
                    Some(p) => {
                        d.core = done[p].core.clone();
                        d.head = done[p].head.clone();
                    }
                    None => d.anchored = false,
                }
            } else {
                d.core = own;
            }
            return d;
        }
        // The level reached after its base: `由75.2%提高到78.4%`.
        if self.words.level_after.as_ref().is_some_and(|re| re.is_match(clause)) {
            if let Some(p) = earlier.clone().rev().find(|&p| done[p].previous) {
                d.core = done[p].core.clone();
                d.head = done[p].head.clone();
                return d;
            }
        }
        // A share: `占全市接待游客总量的23.3%`, `占比47.2%`.
        if figure.unit.as_deref() == Some("%") {
            if let Some(m) = self.words.share.as_ref().and_then(|re| re.find(clause)) {
                d.kind = Kind::Share;
                d.core = "占比".to_string();
                let own = item.map(|w| self.norm(w)).unwrap_or_else(|| self.norm(&clause[..m.start()]));
                d.head = if own.is_empty() {
                    level_before(false).map(head_of).or_else(|| self.topic(i, earlier.start, paragraph_start))
                } else {
                    Some(own)
                };
                d.anchored = d.head.is_some();
                return d;
            }
        }
        // A change: `同比增长8.6%`, `较去年同期增加48.5万人次`, `下降3.2个百分点`.
        if let Some((direction, at)) = self.direction(clause) {
            d.kind = Kind::Change;
            let before = &clause[..at];
            let averaged = self.pack.spec.linking.changes.averaged.iter().any(|w| before.contains(w.as_str()));
            let base = self
                .words
                .base_in(before)
                .or_else(|| {
                    let sentence = &self.text[sentence_start..segment_start.max(sentence_start)];
                    self.words.base_in(sentence)
                })
                .unwrap_or(&self.words.spec.default_base);
            let base = if averaged { "年均" } else { base };
            d.core = format!("{base}{direction}");
            let own = match item {
                Some(w) => self.norm(w),
                None => self.norm(&self.strip_bases(before)),
            };
            d.head = if own.is_empty() {
                let accept_percent = figure.unit.as_deref() == Some("个百分点");
                let counts = !is_percent;
                let found = earlier.clone().rev().find(|&p| {
                    let e = &done[p];
                    e.kind == Kind::Level
                        && !e.previous
                        && e.anchored
                        && (accept_percent || self.figures[p].unit.as_deref() != Some("%"))
                        && (!counts || self.figures[p].unit == figure.unit)
                });
                found.map(head_of).or_else(|| self.topic(i, earlier.start, paragraph_start))
            } else {
                Some(own)
            };
            d.anchored = d.head.is_some();
            return d;
        }

        // A level: what it counts, with an enumeration's item in front.
        let mut core = self.norm(&figure.label);
        if let Some(item) = item {
            let shared = self.enumerated_core(i, earlier.start);
            core = format!("{}{}", self.norm(item), shared);
        }
        d.core = core;
        let short_rate = self.pack.spec.linking.rate_suffixes.iter().any(|s| d.core.ends_with(s.as_str()))
            && d.core.chars().count() <= self.words.spec.short_rate_chars;
        let dependent = short_rate || (item.is_none() && link::is_dependent(&figure.label, self.pack));
        if dependent {
            // The head is the nearest figure before that is not itself a dependent.
            d.head = earlier
                .clone()
                .rev()
                .find(|&p| {
                    let e = &done[p];
                    e.kind == Kind::Level
                        && !e.previous
                        && e.anchored
                        && e.head.is_none()
                        && self.figures[p].unit.as_deref() != Some("%")
                })
                .map(|p| done[p].core.clone())
                .or_else(|| self.topic(i, earlier.start, paragraph_start));
            d.anchored = d.head.is_some();
        }
        d
    }

    /// The words of a segment after its last clause boundary (a `、` joins
    /// list items and does not end a clause).
    fn clause<'t>(&self, segment: &'t str) -> &'t str {
        let boundaries = &self.pack.lexicon.boundaries;
        let cut = segment
            .char_indices()
            .rev()
            .find(|&(_, c)| c != '、' && boundaries.contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        segment[cut..].trim_start_matches(['、', ' '])
    }

    /// The last data period written in `words`, unless a span of time
    /// (`1—9月`) or a point in time (`截至6月底`) follows it; a day (`8月7日`)
    /// is a date, not a period.
    fn period(&self, words: &str) -> Option<String> {
        let re = self.words.periods.as_ref()?;
        let spec = &self.words.spec;
        let single = re
            .find_iter(words)
            .filter(|m| {
                let before = words[..m.start()].chars().next_back();
                let after = words[m.end()..].chars().next();
                !before.is_some_and(|c| spec.period_not_after.contains(c))
                    && !after.is_some_and(|c| spec.period_not_before.contains(c))
            })
            .last()?;
        let span_end = self.words.spans.as_ref().and_then(|s| s.find_iter(words).last()).map_or(0, |m| m.end());
        (span_end < single.end()).then(|| single.as_str().replace('份', ""))
    }

    /// The direction of a change stated at the end of a clause, canonical, and
    /// where its word starts.
    fn direction(&self, clause: &str) -> Option<(&'static str, usize)> {
        let changes = &self.pack.spec.linking.changes;
        let clause = clause.trim_end_matches(['了', ' ']);
        let find = |words: &[String]| {
            words.iter().filter(|w| clause.ends_with(w.as_str())).map(|w| clause.len() - w.len()).min()
        };
        if let Some(at) = find(&changes.decrease) {
            Some(("下降", at))
        } else {
            find(&changes.increase).map(|at| ("增长", at))
        }
    }

    fn strip_bases(&self, words: &str) -> String {
        let mut out = words.to_string();
        for base in &self.words.spec.bases {
            for w in &base.words {
                out = out.replace(w.as_str(), "");
            }
        }
        out
    }

    /// The words between an enumeration word and the first figure it spreads
    /// over (`分别接待游客` → `接待游客`), normalised.
    fn enumerated_core(&self, i: usize, first: usize) -> String {
        let figure = &self.figures[i];
        let run_start = (first..=i)
            .find(|&p| {
                let before = &self.text
                    [self.figures[p].sentence.start.min(self.figures[p].span.start)..self.figures[p].span.start];
                self.words.spec.enumeration.iter().any(|w| before.contains(w.as_str()))
            })
            .unwrap_or(i);
        let lead = &self.text
            [figure.sentence.start.min(self.figures[run_start].span.start)..self.figures[run_start].span.start];
        let after = self
            .words
            .spec
            .enumeration
            .iter()
            .filter_map(|w| lead.rfind(w.as_str()).map(|at| at + w.len()))
            .max()
            .unwrap_or(lead.len());
        self.norm(&lead[after..])
    }

    /// The topic a dependent without a head figure belongs to: the clause
    /// before the one that holds the sentence's first figure
    /// (`开展夏夜治安巡查宣防集中统一行动，共出动警力1.5万人次` → the action), else
    /// the paragraph's first sentence when it holds no figure (`一是开展集中清查。`).
    fn topic(&self, i: usize, first: usize, paragraph_start: usize) -> Option<String> {
        let figure = &self.figures[i];
        let start = figure.sentence.start.min(self.figures[first].span.start);
        let before = &self.text[start..self.figures[first].span.start];
        let boundaries = &self.pack.lexicon.boundaries;
        if let Some((cut, _)) = before.char_indices().rev().find(|&(_, c)| c != '、' && boundaries.contains(c)) {
            let topic = self.norm(self.clause(&before[..cut]));
            if !topic.is_empty() {
                return Some(topic);
            }
        }
        let head = &self.text[paragraph_start.min(start)..start];
        let ends = &self.pack.lexicon.sentence_ends;
        let first_end = head.char_indices().find(|&(_, c)| ends.contains(c))?.0;
        let sentence = &head[..first_end];
        if sentence.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let topic = self.norm(sentence);
        (!topic.is_empty()).then_some(topic)
    }

    /// A label normalised to what it counts: the pack's fillers and synonyms,
    /// then periods, the subject before an adverb, light verbs, trailing
    /// words and particles dropped.
    fn norm(&self, raw: &str) -> String {
        let spec = &self.words.spec;
        let mut s = normalise_han(raw, self.pack);
        for re in [&self.words.periods, &self.words.spans].into_iter().flatten() {
            s = re.replace_all(&s, "").into_owned();
        }
        let trailing = |s: &mut String| {
            while let Some(w) = spec.trailing.iter().find(|w| s.ends_with(w.as_str()) && s.len() > w.len() + 3) {
                s.truncate(s.len() - w.len());
            }
        };
        trailing(&mut s);
        // `A级旅游景区共接待游客` = `A级旅游景区接待游客`: an adverb says nothing of
        // what is counted (the acting body before it is the pack's subject).
        let mut masked = s.clone();
        for word in &spec.not_adverbs {
            masked = masked.replace(word.as_str(), &"\u{0}".repeat(word.len()));
        }
        let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
        for adverb in &spec.adverbs {
            for (at, _) in masked.match_indices(adverb.as_str()) {
                if !cut.iter().any(|r| r.start < at + adverb.len() && at < r.end) {
                    cut.push(at..at + adverb.len());
                }
            }
        }
        cut.sort_by_key(|r| std::cmp::Reverse(r.start));
        for r in cut {
            if s.len() - r.len() >= 6 {
                s.replace_range(r, "");
            }
        }
        for particle in &spec.particles {
            s = s.replace(particle.as_str(), "");
        }
        loop {
            let before = s.len();
            if let Some(w) = spec.light_verbs.iter().find(|w| s.starts_with(w.as_str()) && s.len() > w.len() + 3) {
                s = s[w.len()..].to_string();
            }
            if let Some(w) = spec.trailing.iter().find(|w| s.ends_with(w.as_str()) && s.len() > w.len() + 3) {
                s.truncate(s.len() - w.len());
            }
            if s.len() == before {
                break;
            }
        }
        s
    }
}

/// Finds the enumerations of the sentence that starts at figure `first`:
/// `主城区和各县分别接待游客389.7万人次和222.68万人次`, `事故起数、死亡人数分别下降16.8%、15.7%`.
/// Each figure of the run gets its item, when items and figures are as many.
fn enumerations(text: &str, figures: &[Figure], first: usize, pack: &CompiledPack, items: &mut HashMap<usize, String>) {
    let words = &pack.measure_words.spec;
    if words.enumeration.is_empty() {
        return;
    }
    let sentence = figures[first].sentence.clone();
    let end = figures[first..].iter().take_while(|f| f.sentence == sentence).count() + first;
    let mut i = first;
    while i < end {
        let segment_start =
            if i == first { sentence.start.min(figures[i].span.start) } else { figures[i - 1].span.end };
        let segment = &text[segment_start..figures[i].span.start];
        let Some((at, word)) =
            words.enumeration.iter().filter_map(|w| segment.rfind(w.as_str()).map(|at| (at, w))).max_by_key(|x| x.0)
        else {
            i += 1;
            continue;
        };
        // The run: figures joined only by joiners.
        let mut run = vec![i];
        while let Some(&last) = run.last() {
            let next = last + 1;
            if next >= end {
                break;
            }
            let between = text[figures[last].span.end..figures[next].span.start].trim();
            let joined = between.is_empty()
                || words.joiners.iter().any(|j| between == j.as_str())
                || (between.chars().count() == 1 && between.chars().all(|c| "，,".contains(c)));
            if !joined {
                break;
            }
            run.push(next);
        }
        // The items: the words before the enumeration word, back to a boundary.
        let head = &segment[..at];
        let boundaries = &pack.lexicon.boundaries;
        let cut = head
            .char_indices()
            .rev()
            .find(|&(_, c)| c != '、' && boundaries.contains(c))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let list = &head[cut..];
        let mut parts: Vec<&str> = vec![list];
        for joiner in &words.joiners {
            parts = parts.iter().flat_map(|p| p.split(joiner.as_str())).collect();
        }
        let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
        if parts.len() == run.len() && run.len() >= 2 {
            for (&f, part) in run.iter().zip(parts) {
                items.insert(f, part.to_string());
            }
        }
        let _ = word;
        i = run.last().map_or(i, |&l| l) + 1;
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
}

/// The measure key of each figure of a release, from their descriptions:
/// equal descriptions share a key; sets of pairwise compatible descriptions
/// stated in different paragraphs share the key of the most specific one.
/// `paragraphs[i]` identifies the paragraph figure `i` stands in.
pub fn cluster(descriptions: &[Description], paragraphs: &[(usize, usize)]) -> Vec<(String, Confidence)> {
    // Exact groups, in order of first mention.
    let mut group_of: Vec<usize> = Vec::with_capacity(descriptions.len());
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new(); // (representative, mentions)
    let mut index: HashMap<&Description, usize> = HashMap::new();
    for (i, d) in descriptions.iter().enumerate() {
        let g = *index.entry(d).or_insert_with(|| {
            groups.push((i, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
        group_of.push(g);
    }
    // Blocks of groups that may be compatible: same frame, kind, unit, base
    // flag, and the last two characters of the core.
    let mut blocks: BTreeMap<(String, Kind, bool, String, String), Vec<usize>> = BTreeMap::new();
    for (g, (rep, _)) in groups.iter().enumerate() {
        let d = &descriptions[*rep];
        if d.legacy.is_some() || !d.anchored {
            continue;
        }
        let tail: String = {
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
                let ok = descriptions[groups[members[a]].0].compatible(&descriptions[groups[members[b]].0]);
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
    descriptions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let g = group_of[i];
            let target = merged_into[g];
            let confidence = if target == g { Confidence::Certain } else { Confidence::Probable };
            let key = if target == g { d.to_string() } else { descriptions[groups[target].0].to_string() };
            (key, confidence)
        })
        .collect()
}

/// Blocks larger than this are not searched for compatible pairs: the
/// search is quadratic in a block.
const MAX_BLOCK: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_figures;

    fn keys(text: &str) -> Vec<(String, String)> {
        let packs = Packs::builtin().unwrap();
        let figures = extract_figures(text, &packs);
        let layout = Layout::new(text);
        let descriptions = describe(text, &figures, &packs, &layout);
        let paragraphs: Vec<(usize, usize)> = figures
            .iter()
            .map(|f| (0, layout.paragraph(f.span.start, packs.packs[f.pack].spec.labels.paragraphs).start))
            .collect();
        let keys = cluster(&descriptions, &paragraphs);
        figures.iter().zip(keys).map(|(f, (k, _))| (text[f.span.clone()].to_string(), k)).collect()
    }

    fn key<'a>(keys: &'a [(String, String)], text: &str, nth: usize) -> &'a str {
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
        let k = keys("平均开房率由去年同期的75.2%提高到78.4%。\n平均开房率为78.4%。");
        assert_eq!(key(&k, "78.4%", 0), key(&k, "78.4%", 1));
        assert_ne!(key(&k, "75.2%", 0), key(&k, "78.4%", 0));
    }

    #[test]
    fn enumerated_items_are_apart_and_their_changes_too() {
        // Tourism and road safety.
        let k = keys("主城区和各县分别接待游客389.7万人次和222.68万人次。");
        assert_ne!(key(&k, "389.7万人次", 0), key(&k, "222.68万人次", 0));
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
        let k = keys("全市乡村旅游点接待游客142.6万人次。\n全市A级旅游景区接待游客236.5万人次。\n接待游客612万人次。");
        let short = key(&k, "612万人次", 0);
        assert_ne!(short, key(&k, "142.6万人次", 0));
        assert_ne!(short, key(&k, "236.5万人次", 0));
        let k = keys("邮政行业寄递业务量累计完成15.2亿件。\n寄递业务量15.2亿件。");
        assert_eq!(key(&k, "15.2亿件", 0), key(&k, "15.2亿件", 1));
    }
}
