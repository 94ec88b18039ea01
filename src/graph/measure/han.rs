//! Descriptions read from Chinese clauses: the measure before the number,
//! a classifier and its counted noun after it.

use std::collections::HashMap;

use super::{Description, Kind};
use crate::extract::label::normalise_han;
use crate::extract::Figure;
use crate::graph::link;
use crate::lexicon::measure_words::MeasureWords;
use crate::lexicon::pack::CompiledPack;

/// A figure at most this many characters after the previous one is counted under it.
const ADJACENT_CHARS: usize = 2;

/// The longest counted noun of a count that qualifies the next figure's noun.
const QUALIFYING_NOUN_CHARS: usize = 8;

/// A core shorter than this is counted under a head.
const MIN_CORE_CHARS: usize = 2;

/// The core of every share: what it is a share of is its head.
const SHARE: &str = "占比";

/// Reads the description of a figure in a Chinese clause.
pub(super) struct HanReader<'a> {
    pub(super) text: &'a str,
    pub(super) figures: &'a [Figure],
    pub(super) pack: &'a CompiledPack,
    pub(super) words: &'a MeasureWords,
    /// Labels already normalised, shared by the readers of one document.
    pub(super) norms: &'a Norms,
}

/// Labels already normalised in one document, by pack (its address while the
/// packs are borrowed) and raw label: a sentence of figures names its measure
/// in the same words again and again, and [`HanReader::norm`] depends on
/// nothing else.
pub(super) type Norms = std::cell::RefCell<HashMap<usize, HashMap<String, String>>>;

impl HanReader<'_> {
    pub(super) fn describe(
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
        // A table cell has no clause: its row's and column's words say it all.
        let clause = if figure.cell { figure.label.as_str() } else { self.untimed(self.clause(segment)) };
        let period = self.period(&self.text[sentence_start..figure.span.start]);
        let mut d = Description { period, ..Description::blank(figure.cell) };
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

        // A table cell in a column of last period's values or of changes.
        if figure.cell {
            let tables = &self.pack.spec.tables;
            let ending = |words: &[String]| {
                words.iter().filter(|w| clause.ends_with(w.as_str())).map(|w| clause.len() - w.len()).min()
            };
            if let Some(at) = ending(&tables.previous_headers) {
                d.previous = true;
                d.core = self.count_noun(self.norm(&clause[..at]), figure.unit.as_deref());
                return d;
            }
            if let Some(at) = ending(&tables.change_headers) {
                d.kind = Kind::Change;
                d.core = format!("{}增长", self.words.spec.default_base);
                let row = self.count_noun(self.norm(&clause[..at]), None);
                // A row named by no word of its own (`合计`) changes its first level.
                let row = match self.row_levels(i, done).next() {
                    Some(p) if row.is_empty() => head_of(p),
                    _ => row,
                };
                d.anchored = !row.is_empty();
                d.head = (!row.is_empty()).then_some(row);
                return d;
            }
        }
        // The base of a comparison: `较去年同期的43.81亿元`, `由75.2%`.
        // `占比` is one word: its `比` opens no base.
        let share_word = |m: &regex::Match<'_>| {
            m.as_str().chars().count() == 1
                && self.words.share.as_ref().is_some_and(|re| re.is_match(&clause[..m.end()]))
        };
        if let Some(m) = self.words.previous.as_ref().and_then(|re| re.find(clause)).filter(|m| !share_word(m)) {
            d.previous = true;
            let mut own_words = &clause[..m.start()];
            // `护理型床位占比由上年的…`: the base of a share.
            if let Some(at) = self.share_start(own_words) {
                d.kind = Kind::Share;
                d.core = SHARE.to_string();
                let head = self.norm(&own_words[..at]);
                d.head = (!head.is_empty()).then_some(head).or_else(|| level_before(false).map(head_of));
                d.anchored = d.head.is_some();
                return d;
            }
            own_words = own_words.trim();
            let own = self.norm(own_words);
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
        // A base that names its measure again: `最高日供水量达到86.4万立方米，
        // 较去年最高供水量79.2万立方米增加…` (water supply), `贷款余额2486亿元，比上年末
        // 贷款余额2100亿元增加…` (lending). The name must end in the level's
        // last two characters, so `比上年增加12起` is no base.
        if let Some(p) = self.named_base(clause).and_then(|name| {
            let name = self.norm(name);
            let tail = |s: &str| s.chars().rev().take(MIN_CORE_CHARS).collect::<String>();
            level_before(is_percent).filter(|&p| !done[p].core.is_empty() && tail(&done[p].core) == tail(&name))
        }) {
            d.previous = true;
            d.core = done[p].core.clone();
            d.head = done[p].head.clone();
            return d;
        }
        // The level reached after its base: `由75.2%提高到78.4%`.
        if self.words.level_after.as_ref().is_some_and(|re| re.is_match(clause)) {
            if let Some(p) = earlier.clone().rev().find(|&p| done[p].previous) {
                d.core = done[p].core.clone();
                d.head = done[p].head.clone();
                d.kind = done[p].kind;
                d.anchored = done[p].anchored;
                return d;
            }
        }
        // A share: `占全市接待游客总量的23.3%`, `占比47.2%`.
        if figure.unit.as_deref() == Some("%") {
            if let Some(m) = self.words.share.as_ref().and_then(|re| re.find(clause)) {
                d.kind = Kind::Share;
                d.core = SHARE.to_string();
                let own = self
                    .count_noun(item.map(|w| self.norm(w)).unwrap_or_else(|| self.norm(&clause[..m.start()])), None);
                d.head = if own.is_empty() {
                    // What the clause before states: a level (`出口机电产品1647.8亿元，
                    // 占…`) or the change of one (`高新技术产品出口增长14.6%，占比…`).
                    earlier
                        .clone()
                        .rev()
                        .find_map(|p| {
                            let e = &done[p];
                            let percent = self.figures[p].unit.as_deref() == Some("%");
                            match e.kind {
                                Kind::Level if !e.previous && e.anchored && !percent => Some(head_of(p)),
                                Kind::Change if e.anchored => e.head.clone(),
                                _ => None,
                            }
                        })
                        .or_else(|| self.topic(i, earlier.start, paragraph_start))
                } else {
                    Some(own)
                };
                d.anchored = d.head.is_some();
                return d;
            }
        }
        // A change: `同比增长8.6%`, `较去年同期增加48.5万人次`, `下降3.2个百分点`; a
        // later item of `A、B分别增长x和y` changes as the first does.
        let clause = match item {
            Some(_) if self.direction(clause).is_none() => self.enumerated_words(i, earlier.start),
            _ => clause,
        };
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
                .or_else(|| self.words.base_of_verb(&clause[at..]))
                .unwrap_or(&self.words.spec.default_base);
            // A base named by a time (`比前五年`, `较2002年`) is a base of its own.
            // One the bases list knows (`比上年` is 同比) keeps its id.
            let known = |n: &&str| self.words.spec.bases.iter().any(|b| b.words.iter().any(|w| w == n));
            let named = self
                .words
                .base_pattern
                .as_ref()
                .and_then(|re| re.find(before))
                .map(|m| m.as_str())
                .filter(|n| !known(n));
            let base = if averaged { "年均" } else { named.unwrap_or(base) };
            d.core = format!("{base}{direction}");
            let own = match item {
                Some(w) => self.norm(w),
                None => self.count_noun(self.norm(&self.strip_bases(before)), None),
            };
            // `市场主体净增目标为1万户，实际净增1.2万户` (market regulation): a
            // result with no object of its own changes what the plan before
            // names, without the plan's verb.
            let own = match self.result_of_plan(&own, i, paragraph_start, done) {
                Some(measure) => {
                    let verb = clause[at..].trim_end_matches(['了', ' ']);
                    let object = measure.split_once(verb).map_or(measure.clone(), |(a, b)| format!("{a}{b}"));
                    if object.chars().count() >= MIN_CORE_CHARS {
                        self.norm(&object)
                    } else {
                        own
                    }
                }
                None => own,
            };
            // A table's change column named by a noun of count alone (`起数同比
            // 下降`, traffic; `户数增长`, lending) changes its row's count in that
            // unit.
            let own = match self.row_count(i, &own, done) {
                Some(p) => head_of(p),
                None => own,
            };
            d.head = if own.is_empty() {
                let accept_percent = figure.unit.as_deref() == Some("个百分点");
                let counts = !is_percent;
                // The level it changes, or the head of the count change just
                // before it (`火灾起数减少182起，下降12.1%`).
                // Clauses set apart by `；` share their sentence's subject: a
                // change that opens one (`；比年初增加168.2亿元`, lending;
                // `；较上季度减少42件`, courts) changes the level of the clauses
                // before it, back to the sentence's start.
                let joined = self.joined_clauses(earlier.start);
                let found = joined.chain(earlier.clone()).rev().find_map(|p| {
                    let e = &done[p];
                    let unit = self.figures[p].unit.as_deref();
                    let level = e.kind == Kind::Level
                        && !e.previous
                        && e.anchored
                        && (accept_percent || unit != Some("%"))
                        && (!counts || self.figures[p].unit == figure.unit);
                    let delta = !counts && e.kind == Kind::Change && !matches!(unit, Some("%" | "个百分点"));
                    if level {
                        Some(head_of(p))
                    } else if delta {
                        e.head.clone()
                    } else {
                        None
                    }
                });
                // A table row named by no word of its own (`合计`) changes
                // its first level: the whole's (`| 合计 | 2046 | -1.2 |`).
                found
                    .or_else(|| self.row_levels(i, done).next().map(head_of))
                    .or_else(|| self.topic(i, earlier.start, paragraph_start))
            } else {
                Some(own)
            };
            d.anchored = d.head.is_some();
            return d;
        }

        // A level: what it counts, with an enumeration's item in front; a
        // level reached with no base written (`增加到2007年的13786元`) counts what
        // stands before its verb.
        let reached = self.words.level_after.as_ref().and_then(|re| re.find(clause)).filter(|_| !figure.cell);
        let mut core = match reached {
            Some(m) => self.norm(&clause[..m.start()]),
            None if item.is_none() && !figure.cell => self.norm(&self.counted_words(clause, &figure.label)),
            None => self.norm(&figure.label),
        };
        if item.is_none() && !figure.cell {
            if let Some(result) = self.planned_result(&core, i, paragraph_start, done) {
                core = result;
            }
        }
        if let Some(item) = item {
            let shared = self.enumerated_core(i, earlier.start);
            core = format!("{}{}", self.norm(item), shared);
        }
        d.core = self.count_noun(core, figure.unit.as_deref());
        // A clause that names only what differs from the clause before keeps
        // that clause's subject: `公积金总收入86.15亿元，总支出71.42亿元`
        // (housing funds), `货物进口额120.5亿元，出口额200.3亿元` (trade).
        // A list (`重点区县9个、重点街道22个`) names each item whole.
        if let Some(p) = earlier.clone().last().filter(|_| item.is_none() && !figure.cell) {
            let e = &done[p];
            let between = &self.text[self.figures[p].span.end.min(figure.span.start)..figure.span.start];
            let clause_break = between.chars().any(|c| self.pack.spec.linking.part_clause_ends.contains(c));
            let level = plain_level(e) && clause_break;
            if let Some(core) =
                parallel_subject(&e.core, &d.core).filter(|_| level && self.figures[p].unit == figure.unit)
            {
                d.core = core;
            }
        }
        if let Some(core) = self.graded_kind(&d.core, &self.text[sentence_start..figure.span.start]) {
            d.core = core;
        }
        // `4个项目的财政补助资金3.85亿元`: a count that qualifies the noun phrase
        // bearing the next figure says which things the next figure is of; it
        // is no measure the release states again.
        if self.qualifies_next(i) {
            d.anchored = false;
            return d;
        }
        // A total after its parts counts what the parts share: `职工养老保险参保
        // 186.42万人，城乡居民养老保险参保251.84万人，合计438.26万人` (pensions),
        // `城区查处案件86起、农村查处案件132起，共计218起` (enforcement).
        if d.core.is_empty() && item.is_none() {
            if let Some(core) = self.shared_by_parts(figure, clause, earlier.clone(), done) {
                d.core = core;
                return d;
            }
        }
        let short_rate = self.pack.spec.linking.rate_suffixes.iter().any(|s| d.core.ends_with(s.as_str()))
            && d.core.chars().count() <= self.words.spec.short_rate_chars;
        // A figure right after another (`6个方面18条措施`) is counted under it.
        if let Some(p) = earlier.clone().last().filter(|_| item.is_none()).filter(|&p| {
            let between = &self.text[self.figures[p].span.end.min(figure.span.start)..figure.span.start];
            between.chars().count() <= ADJACENT_CHARS
                && !between.chars().any(|c| self.pack.lexicon.boundaries.contains(c))
                && done[p].anchored
        }) {
            d.head = Some(head_of(p));
            return d;
        }
        // One character (`市`, `个`) says nothing alone: it needs a head.
        let bare = d.core.chars().count() < MIN_CORE_CHARS;
        // A verb with its object left unsaid counts the object an earlier
        // figure of the paragraph gives that verb: `筹集任务为1.8万套。…已筹集
        // 1.86万套` (housing), `营造林任务25万亩，目前已完成26.3万亩` (forestry).
        let verb_alone = !short_rate
            && !bare
            && item.is_none()
            && (self.pack.dependent_patterns.iter().any(|re| re.is_match(&figure.label))
                || self.words.spec.light_verbs.contains(&d.core));
        if verb_alone {
            if let Some(core) = self.elided_object(i, &d.core, paragraph_start, done) {
                d.core = core;
                return d;
            }
        }
        let dependent = short_rate || bare || (item.is_none() && link::is_dependent(&figure.label, self.pack));
        if dependent {
            // The head is the nearest figure before that is not itself a dependent.
            let head = earlier.clone().rev().find(|&p| {
                let e = &done[p];
                e.kind == Kind::Level
                    && !e.previous
                    && e.anchored
                    && e.head.is_none()
                    && self.figures[p].unit.as_deref() != Some("%")
            });
            // A figure with no words of its own counts what its head counts, in
            // its own unit (`出让工业用地146宗、928.6公顷`), or what the clause
            // before names (`住宅火灾起数最多，为198起`).
            if d.core.is_empty() {
                match head {
                    Some(p) if self.figures[p].unit != figure.unit => {
                        d.core = done[p].core.clone();
                        return d;
                    }
                    None => {
                        if let Some(topic) = self.topic(i, earlier.start, paragraph_start) {
                            d.core = self.count_noun(topic, figure.unit.as_deref());
                            return d;
                        }
                    }
                    _ => {}
                }
            }
            d.head = head.map(|p| done[p].core.clone()).or_else(|| self.topic(i, earlier.start, paragraph_start));
            d.anchored = d.head.is_some();
        }
        d
    }

    /// A short rate under the count it is of, as one noun phrase: the
    /// count's object before the rate (`发现安全隐患` and `整改率` read
    /// `安全隐患整改率`, safety; `受理投诉` and `办结率` read `投诉办结率`,
    /// consumer protection).
    pub(super) fn flat_rate(&self, d: &Description) -> Option<String> {
        let head = d.head.as_deref()?;
        let rate = self.pack.spec.linking.rate_suffixes.iter().any(|s| d.core.ends_with(s.as_str()))
            && d.core.chars().count() <= self.words.spec.short_rate_chars;
        (d.kind == Kind::Level && rate && !head.contains('/'))
            .then(|| format!("{}{}", crate::extract::label::object_of(head, self.pack), d.core))
    }

    /// The figures before `first` in the clauses that `；` joins to its own:
    /// back to the last full stop (or line end), at most `ELIDED_LOOKBACK`.
    fn joined_clauses(&self, first: usize) -> std::ops::Range<usize> {
        let ends = &self.pack.lexicon.sentence_ends;
        let full_stop = |c: char| ends.contains(c) && !SEMICOLONS.contains(&c);
        // Each gap between two neighbouring figures is read once.
        let mut start = first;
        while start > 0 && first - start < ELIDED_LOOKBACK {
            let (p, next) = (&self.figures[start - 1], &self.figures[start]);
            if p.cell || next.cell || self.text[p.span.end.min(next.span.start)..next.span.start].contains(full_stop) {
                break;
            }
            start -= 1;
        }
        start..first
    }

    /// The label without what its clause says beside the measure: an
    /// adverbial before the main verb (`依托在线平台审结案件` counts 审结案件,
    /// courts; `巡查中发现违法用地` counts 发现违法用地, land enforcement), and a
    /// verb that counts nothing before the figure whose noun follows it
    /// (`紧盯1.2万家重点企业` counts 重点企业, work safety).
    fn counted_words(&self, clause: &str, label: &str) -> String {
        let mut label = label.to_string();
        if let Some(dropped) = self.adverbial(clause) {
            let plain = normalise_han(dropped, self.pack);
            for words in [dropped, plain.as_str()] {
                if let Some(at) = label.find(words).filter(|_| words.chars().count() >= MIN_CORE_CHARS) {
                    label.replace_range(at..at + words.len(), "");
                    break;
                }
            }
        }
        let verbs = &self.words.spec.uncounting_verbs;
        if let Some(verb) = verbs.iter().filter(|v| clause.ends_with(v.as_str())).max_by_key(|v| v.len()) {
            if let Some(at) = label.rfind(verb.as_str()) {
                let noun = &label[at + verb.len()..];
                if noun.chars().count() >= MIN_CORE_CHARS {
                    label = noun.to_string();
                }
            }
        }
        label
    }

    /// The adverbial a clause opens with (past its subject and fillers), as
    /// written: a coverb and its object up to the main verb (`结合专项检查`
    /// before `查处案件`), or a locative phrase and adverbs of manner before
    /// it (`排查中同步` before `整改隐患`). The main verb is the last of the
    /// pack's verbs in the clause; with none there is no adverbial.
    fn adverbial<'c>(&self, clause: &'c str) -> Option<&'c str> {
        let spec = &self.words.spec;
        let lexicon = &self.pack.lexicon;
        let coverb_at =
            |rest: &str| spec.coverbs.iter().filter(|c| rest.starts_with(c.as_str())).map(String::len).max();
        let mut s = self.pack.subject.as_ref().and_then(|re| re.find(clause)).map_or(0, |m| m.end());
        loop {
            let rest = &clause[s..];
            if coverb_at(rest).is_some() {
                break;
            }
            match lexicon.leading_fillers.longest_prefix(rest).map(|(_, len)| len).filter(|&len| len > 0) {
                Some(len) => s += len,
                None => match spec.adverbs.iter().find(|a| rest.starts_with(a.as_str())) {
                    Some(a) => s += a.len(),
                    None => break,
                },
            }
        }
        // A coverb right after the subject, or after a kind of body that acts
        // (`全市法院依托…`, `各医院借助…`).
        let rest = &clause[s..];
        let coverb = coverb_at(rest).map(|len| (s, s + len)).or_else(|| {
            spec.bodies.iter().find_map(|b| {
                let at = rest.find(b.as_str())? + b.len();
                coverb_at(&rest[at..]).map(|len| (s + at, s + at + len))
            })
        });
        let from = coverb.map_or(s, |(_, end)| end);
        let verb = from + self.last_verb(&clause[from..])?;
        if verb == from {
            return None;
        }
        if let Some((start, _)) = coverb {
            return Some(&clause[start..verb]);
        }
        let mut words = &clause[s..verb];
        while let Some(a) = spec.manner_adverbs.iter().find(|a| words.ends_with(a.as_str())) {
            words = &words[..words.len() - a.len()];
        }
        if words.is_empty() {
            return Some(&clause[s..verb]);
        }
        let place = spec.adverbial_locatives.iter().filter(|l| words.ends_with(l.as_str())).max_by_key(|l| l.len())?;
        (words[..words.len() - place.len()].chars().count() >= MIN_CORE_CHARS).then(|| &clause[s..verb])
    }

    /// Where the last of the pack's verbs (or light verbs of two characters
    /// or more) starts in `words`, read left to right, longest first.
    fn last_verb(&self, words: &str) -> Option<usize> {
        let spec = &self.words.spec;
        let light = |rest: &str| {
            spec.light_verbs
                .iter()
                .filter(|v| v.chars().count() >= MIN_CORE_CHARS && rest.starts_with(v.as_str()))
                .map(String::len)
                .max()
        };
        let mut last = None;
        let mut at = 0;
        while at < words.len() {
            let rest = &words[at..];
            // A whole noun holding a verb (`检查站`, `处理厂`) is read past.
            if let Some((false, len)) =
                self.pack.lexicon.noun_stops.longest_prefix(rest).map(|(&stop, len)| (stop, len))
            {
                at += len.max(1);
                continue;
            }
            let len = self.pack.lexicon.verbs.longest_prefix(rest).map(|(_, len)| len).filter(|&l| l > 0);
            match len.or_else(|| light(rest)) {
                Some(len) => {
                    last = Some(at);
                    at += len;
                }
                None => at += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        last
    }

    /// What the plan stated just before names, without its plan noun, when
    /// `own` is a result marker alone (`实际`): `投资` of `计划投资50亿元`
    /// (investment), `流感疫苗接种` of `年初确定的流感疫苗接种目标为8万人`
    /// (health). A clause ending in `的` qualifies the plan, not what it counts.
    fn result_of_plan(&self, own: &str, i: usize, paragraph_start: usize, done: &[Description]) -> Option<String> {
        if !self.words.spec.result_markers.iter().any(|m| m == own) {
            return None;
        }
        self.plan_before(i, paragraph_start, done)
    }

    /// The measure of the nearest plan before figure `i` in its paragraph, in
    /// its unit (see [`HanReader::result_of_plan`]).
    fn plan_before(&self, i: usize, paragraph_start: usize, done: &[Description]) -> Option<String> {
        let nouns = &self.words.spec.plan_nouns;
        let openers = &self.pack.spec.linking.relations.plans;
        self.paragraph_levels(i, paragraph_start, done).find_map(|p| {
            let label = self.figures[p].label.as_str();
            let words = self.norm(label.rsplit_once('的').map_or(label, |(_, r)| r));
            let measure = nouns
                .iter()
                .find_map(|w| words.strip_suffix(w.as_str()))
                .or_else(|| openers.iter().find_map(|w| words.strip_prefix(w.as_str())))?;
            (measure.chars().count() >= MIN_CORE_CHARS).then(|| measure.to_string())
        })
    }

    /// A level opening with a result marker (`实际接种`) counts what the plan
    /// before names: its verb alone takes the plan's object (`计划接种流感疫苗
    /// 8万剂次，实际接种8.3万剂次`, health), another verb alone the plan's whole
    /// measure, as does the marker alone (`计划投资50亿元，实际完成52.3亿元`,
    /// investment); one with an object of its own keeps its words (`实际使用外资`).
    fn planned_result(&self, core: &str, i: usize, paragraph_start: usize, done: &[Description]) -> Option<String> {
        let spec = &self.words.spec;
        let rest = spec.result_markers.iter().find_map(|m| core.strip_prefix(m.as_str()))?;
        let measure = self.plan_before(i, paragraph_start, done)?;
        let words = match measure.split_once(rest) {
            // A marker alone (`实际完成` reads `实际`: 完成 adds nothing).
            _ if rest.is_empty() => measure.clone(),
            Some((a, b)) => format!("{rest}{a}{b}"),
            None if rest.chars().count() <= MIN_CORE_CHARS => format!("{rest}{measure}"),
            None => return None,
        };
        Some(self.norm(&words))
    }

    /// The earlier cell of a table row that counts in the unit `own` names
    /// as a noun of count (`起数` names `起`), when `own` is that noun alone.
    fn row_count(&self, i: usize, own: &str, done: &[Description]) -> Option<usize> {
        let unit = self.words.spec.count_suffixes.iter().find_map(|s| own.strip_suffix(s.as_str()))?;
        self.row_levels(i, done).filter(|&p| self.figures[p].unit.as_deref() == Some(unit)).last()
    }

    /// The levels stated now in the earlier cells of figure `i`'s table row,
    /// from the row's first: none when `i` is no cell.
    fn row_levels<'d>(&'d self, i: usize, done: &'d [Description]) -> impl Iterator<Item = usize> + 'd {
        // Each gap between neighbouring cells is read once, and a row is
        // read back at most `MAX_ROW_CELLS`.
        let mut row = i;
        while row > 0 && i - row < MAX_ROW_CELLS {
            let (p, next) = (&self.figures[row - 1], &self.figures[row]);
            if !(p.cell && next.cell) || self.text[p.span.end.min(next.span.start)..next.span.start].contains('\n') {
                break;
            }
            row -= 1;
        }
        (row..i).filter(move |&p| {
            let e = &done[p];
            e.kind == Kind::Level && !e.previous && e.anchored
        })
    }

    /// The plain levels before figure `i` in its paragraph, in its unit,
    /// nearest first, at most `ELIDED_LOOKBACK` figures back: where a plan
    /// or an elided object is looked for.
    fn paragraph_levels<'d>(
        &'d self,
        i: usize,
        paragraph_start: usize,
        done: &'d [Description],
    ) -> impl Iterator<Item = usize> + 'd {
        let unit = &self.figures[i].unit;
        (0..i)
            .rev()
            .take_while(move |&p| self.figures[p].span.start >= paragraph_start)
            .take(ELIDED_LOOKBACK)
            .filter(move |&p| plain_level(&done[p]) && self.figures[p].unit == *unit)
    }

    /// The verb and its object, when an earlier level of the paragraph in the
    /// same unit names `verb` with an object (`保障性租赁住房筹集任务` gives
    /// `筹集` its object `保障性租赁住房`); a plan noun after it (`任务`, `目标`)
    /// says the earlier figure is the plan, not what is counted.
    fn elided_object(&self, i: usize, verb: &str, paragraph_start: usize, done: &[Description]) -> Option<String> {
        let plans = &self.words.spec.plan_nouns;
        self.paragraph_levels(i, paragraph_start, done).find_map(|p| {
            let core = done[p].core.as_str();
            let core = plans.iter().find_map(|w| core.strip_suffix(w.as_str())).unwrap_or(core);
            // A light verb's object is the whole plan (`营造林任务`, then `已完成`).
            let object = match core.split_once(verb) {
                Some((before, after)) => format!("{before}{after}"),
                None if self.words.spec.light_verbs.iter().any(|v| v == verb) => core.to_string(),
                None => return None,
            };
            (object.chars().count() >= MIN_CORE_CHARS).then(|| self.norm(&format!("{verb}{object}")))
        })
    }

    /// A core naming an event by its grade alone (`发生一般事故`), with the
    /// kind an earlier grade of the sentence names for that event (`未发生
    /// 较大以上生产安全事故`) written in: `发生生产安全一般事故`, as a sentence
    /// naming the kind itself writes it.
    fn graded_kind(&self, core: &str, before: &str) -> Option<String> {
        let re = self.words.graded.as_ref()?;
        let own = re.captures(core).filter(|c| c.name("kind").is_some_and(|k| k.is_empty()))?;
        let (grade, event) = (own.name("grade")?, own.name("event")?.as_str());
        let kind = re
            .captures_iter(before)
            .filter(|c| c.name("event").is_some_and(|e| e.as_str() == event))
            .filter_map(|c| c.name("kind").map(|k| k.as_str()))
            .filter(|k| k.chars().count() >= MIN_CORE_CHARS && !core.contains(k))
            .last()?;
        Some(format!("{}{kind}{}", &core[..grade.start()], &core[grade.start()..]))
    }

    /// The core the parts before a total share (`医保参保` of `职工医保参保` and
    /// `居民医保参保`), when the figure's words are a sum word alone and two
    /// levels or more in its unit stand before it in the sentence.
    fn shared_by_parts(
        &self,
        figure: &Figure,
        words: &str,
        earlier: std::ops::Range<usize>,
        done: &[Description],
    ) -> Option<String> {
        let sums = &self.pack.spec.linking.relations.sum_words;
        if !sums.iter().any(|w| words.trim() == w.as_str()) {
            return None;
        }
        let parts: Vec<&str> = earlier
            .filter(|&p| plain_level(&done[p]) && self.figures[p].unit == figure.unit)
            .map(|p| done[p].core.as_str())
            .collect();
        let (first, rest) = parts.split_first()?;
        if rest.is_empty() {
            return None;
        }
        // The longest ending every part has.
        let shared = rest.iter().fold(*first, |common, core| {
            common.char_indices().map(|(at, _)| &common[at..]).find(|end| core.ends_with(end)).unwrap_or("")
        });
        // Parts that share a whole core are one measure restated, not parts.
        let whole = parts.iter().any(|p| p.len() == shared.len());
        (shared.chars().count() >= MIN_CORE_CHARS && !whole).then(|| shared.to_string())
    }

    /// True when the figure's counted noun is followed by `的` and a noun
    /// phrase that bears the next figure of its clause: `5个项目的专项债券资金
    /// 12.36亿元闲置` (audit), `3家企业的欠税1200万元` (tax).
    fn qualifies_next(&self, i: usize) -> bool {
        let figure = &self.figures[i];
        let Some(next) = self.figures.get(i + 1).filter(|n| n.sentence == figure.sentence) else {
            return false;
        };
        let Some(between) = self.text.get(figure.span.end..next.span.start) else { return false };
        let Some((noun, phrase)) = between.split_once('的') else { return false };
        let words = |s: &str| {
            !s.is_empty() && s.chars().all(|c| c.is_alphabetic() && !self.pack.lexicon.boundaries.contains(c))
        };
        words(noun) && words(phrase) && noun.chars().count() <= QUALIFYING_NOUN_CHARS
    }

    /// A noun naming the count of a classifier says no more than the
    /// classifier: `事故起数` counts 事故 in 起 (road safety), `参保人数` counts
    /// 参保 in 人 (insurance), `企业户数` (market regulation); so does a noun of
    /// the counted persons (`参保人员`, `从业人员`). With `unit`, only that
    /// classifier; without, any whole-count classifier of the pack.
    fn count_noun(&self, core: String, unit: Option<&str>) -> String {
        let whole = &self.pack.spec.linking.whole_units;
        let found = self.words.spec.count_suffixes.iter().find_map(|suffix| {
            let rest = core.strip_suffix(suffix.as_str())?;
            whole
                .iter()
                .filter(|c| unit.is_none_or(|u| u == c.as_str()))
                .find(|c| rest.ends_with(c.as_str()) && rest.chars().count() >= c.chars().count() + MIN_CORE_CHARS)
                .map(|c| rest.len() - c.len())
        });
        match found {
            Some(end) => core[..end].to_string(),
            None => core,
        }
    }

    /// A clause without the times that end it: `由2002年` → `由`, `增加到2007年的`
    /// → `增加到` (the year of a value says when, not what it counts).
    fn untimed<'t>(&self, clause: &'t str) -> &'t str {
        let mut rest = clause;
        loop {
            let before = rest.len();
            for particle in &self.words.spec.particles {
                rest = rest.strip_suffix(particle.as_str()).unwrap_or(rest);
            }
            for re in [&self.words.dates, &self.words.spans].into_iter().flatten() {
                if let Some(m) = re.find_iter(rest).last().filter(|m| m.end() == rest.len() && m.start() > 0) {
                    rest = &rest[..m.start()];
                }
            }
            if rest.len() == before {
                return rest;
            }
        }
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
                let event = spec
                    .period_events
                    .iter()
                    .any(|w| words[m.end()..].strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with('的')));
                !before.is_some_and(|c| spec.period_not_after.contains(c))
                    && !after.is_some_and(|c| spec.period_not_before.contains(c))
                    && !event
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
        // A change named by a noun: `增速为15.2%`, `降幅12.1%`.
        let spec = &self.words.spec;
        let noun = |words: &[String]| {
            let bare = spec.copulas.iter().find_map(|c| clause.strip_suffix(c.as_str())).unwrap_or(clause);
            words.iter().filter(|w| bare.ends_with(w.as_str())).map(|w| bare.len() - w.len()).min()
        };
        if let Some(at) = find(&changes.decrease).or_else(|| noun(&spec.decrease_nouns)) {
            Some(("下降", at))
        } else {
            find(&changes.increase).or_else(|| noun(&spec.increase_nouns)).map(|at| ("增长", at))
        }
    }

    /// The scope a sentence opens with: its first clause, when the figure
    /// stands in a later one (`在城区，查处案件86起` → `城区`).
    pub(super) fn sentence_scope(&self, i: usize) -> String {
        let Some((_, words, cut)) = self.first_clause(i) else {
            return String::new();
        };
        let mut scope = self.norm(&words[..cut]);
        for marker in &self.words.spec.scope_markers {
            if let Some(rest) = scope.strip_prefix(marker.as_str()).filter(|r| !r.is_empty()) {
                scope = rest.to_string();
            }
        }
        scope
    }

    /// The words of figure `i`'s sentence before it, where they start, and
    /// where its first clause ends (a `、` joins list items and ends none);
    /// `None` when the figure stands in the first clause.
    fn first_clause(&self, i: usize) -> Option<(usize, &str, usize)> {
        let figure = &self.figures[i];
        let start = figure.sentence.start.min(figure.span.start);
        let words = &self.text[start..figure.span.start];
        let boundaries = &self.pack.lexicon.boundaries;
        let (cut, _) = words.char_indices().find(|&(_, c)| c != '、' && boundaries.contains(c))?;
        Some((start, words, cut))
    }

    /// The body a sentence opens with as its subject, when the figure stands
    /// in a later clause that names none: `大型银行发挥作用，贷款余额1028亿元` →
    /// `大型银行` (lending), `三级医院推进日间手术，完成手术1.2万台` → `三级医院`
    /// (health). The subject is a kind of body (`bodies`), not the reporting
    /// body (the pack's subject) nor all bodies (`各银行`, `全市企业`), followed
    /// by its verb; its scope ends at the first `；`.
    pub(super) fn subject_scope(&self, i: usize, first: usize) -> Option<String> {
        let spec = &self.words.spec;
        if spec.bodies.is_empty() || self.figures[i].cell {
            return None;
        }
        let (start, words, cut) = self.first_clause(i)?;
        if self.figures[first].span.start < start + cut || words[cut..].contains(['；', ';']) {
            return None;
        }
        let clause = words[..cut].trim();
        let (at, body) = spec.bodies.iter().filter_map(|b| clause.find(b.as_str()).map(|at| (at, b))).min()?;
        let subject = &clause[..at + body.len()];
        let verb = &clause[at + body.len()..];
        let reporting =
            self.pack.subject.as_ref().is_some_and(|re| re.find(subject).is_some_and(|m| m.end() == subject.len()));
        if verb.chars().count() < MIN_CORE_CHARS || reporting {
            return None;
        }
        self.body_scope(subject)
    }

    /// `words` naming one kind of body (`大型银行`, `民营医院`), normalised, or
    /// none when they name all bodies (`各类银行`) or no body.
    pub(super) fn body_scope(&self, words: &str) -> Option<String> {
        let spec = &self.words.spec;
        let words = words.trim();
        let aggregate = spec.all_bodies.iter().any(|w| words.starts_with(w.as_str()));
        let body = spec.bodies.iter().any(|b| words.ends_with(b.as_str()) && words.len() > b.len());
        (body && !aggregate).then(|| self.norm(words)).filter(|s| !s.is_empty())
    }

    /// The name a base gives its measure after the comparison words
    /// (`较去年最高负荷` → `最高负荷`), when the clause opens with them.
    fn named_base<'c>(&self, clause: &'c str) -> Option<&'c str> {
        let m = self.words.named_previous.as_ref()?.find(clause)?;
        let name = &clause[m.end()..];
        (m.start() == 0 && name.chars().count() >= MIN_CORE_CHARS).then_some(name)
    }

    /// Where a share's words (`占…比重`, `占比`) start in `words`, if they hold one.
    fn share_start(&self, words: &str) -> Option<usize> {
        let re = self.words.share.as_ref()?;
        let at = words.find('占')?;
        re.is_match(&words[at..]).then_some(at)
    }

    fn strip_bases(&self, words: &str) -> String {
        let mut out = match &self.words.base_pattern {
            Some(re) => re.replace_all(words, "").into_owned(),
            None => words.to_string(),
        };
        for averaged in &self.pack.spec.linking.changes.averaged {
            out = out.replace(averaged.as_str(), "");
        }
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
        self.norm(self.enumerated_words(i, first))
    }

    /// The words between an enumeration word and the first figure it spreads
    /// over, as written.
    fn enumerated_words(&self, i: usize, first: usize) -> &str {
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
        &lead[after..]
    }

    /// The topic a dependent without a head figure belongs to: the clause
    /// before the one that holds the sentence's first figure
    /// (`开展汛前河道清障专项行动，共出动人员2.4万人次` → the action), else
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
        let pack = std::ptr::from_ref(self.pack) as usize;
        if let Some(done) = self.norms.borrow().get(&pack).and_then(|m| m.get(raw)) {
            return done.clone();
        }
        let s = self.norm_afresh(raw);
        self.norms.borrow_mut().entry(pack).or_default().insert(raw.to_string(), s.clone());
        s
    }

    /// [`HanReader::norm`], worked out.
    fn norm_afresh(&self, raw: &str) -> String {
        let spec = &self.words.spec;
        let mut s = normalise_han(raw, self.pack);
        for re in [&self.words.dates, &self.words.periods, &self.words.spans].into_iter().flatten() {
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
            let light = !spec.not_light_verbs.iter().any(|w| s.starts_with(w.as_str()));
            if let Some(w) =
                spec.light_verbs.iter().filter(|_| light).find(|w| s.starts_with(w.as_str()) && s.len() > w.len() + 3)
            {
                s = s[w.len()..].to_string();
            }
            if let Some(w) = spec.trailing.iter().find(|w| s.ends_with(w.as_str()) && s.len() > w.len() + 3) {
                s.truncate(s.len() - w.len());
            }
            if s.len() == before {
                break;
            }
        }
        if let Some(c) = self.words.verb_volume.as_ref().and_then(|re| re.captures(&s)) {
            if let (Some(object), Some(verb)) = (c.name("object"), c.name("verb")) {
                s = format!("{}{}", verb.as_str(), object.as_str());
            }
        }
        // An amount noun after an activity names the activity's amount:
        // `进出口总值`, `进出口规模` and `进出口` are one measure (customs), as
        // `零售总额` and `零售额` are (retail).
        if let Some(amount) = spec.amount_nouns.iter().filter(|w| s.ends_with(w.as_str())).max_by_key(|w| w.len()) {
            let rest = &s[..s.len() - amount.len()];
            if spec.activities.iter().any(|a| rest.ends_with(a.as_str())) {
                s.truncate(rest.len());
            }
        }
        s
    }
}

/// Finds the enumerations of the sentence that starts at figure `first`:
/// `东区和西区分别接待读者46.3万人次和31.75万人次`, `事故起数、死亡人数分别下降16.8%、15.7%`.
/// Each figure of the run gets its item, when items and figures are as many.
pub(super) fn enumerations(
    text: &str,
    figures: &[Figure],
    first: usize,
    pack: &CompiledPack,
    items: &mut HashMap<usize, String>,
) {
    let words = &pack.measure_words.spec;
    if words.enumeration.is_empty() {
        return;
    }
    let sentence = figures[first].sentence.clone();
    let end = figures[first..].iter().take_while(|f| f.sentence == sentence).count() + first;
    // The items of the sentence's last list, without the noun they shared:
    // a later list of as many figures that names only its noun is of them
    // (`一般贸易和加工贸易进口分别为…，出口分别为…`, trade; `市级和县级预算收入
    // 分别为…，支出分别为…`, public finance).
    let mut named: Option<Vec<String>> = None;
    let mut i = first;
    while i < end {
        let segment_start =
            if i == first { sentence.start.min(figures[i].span.start) } else { figures[i - 1].span.end };
        let segment = &text[segment_start..figures[i].span.start];
        let Some(at) = words.enumeration.iter().filter_map(|w| segment.rfind(w.as_str())).max() else {
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
        // Split by every joiner, else by the first alone (`、`), whose items may
        // hold a `和` of their own (`文化办公用品和书报杂志类、体育娱乐用品类`).
        let split = |joiners: &[String]| {
            let mut parts: Vec<&str> = vec![list];
            for joiner in joiners {
                parts = parts.iter().flat_map(|p| p.split(joiner.as_str())).collect();
            }
            parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<&str>>()
        };
        let strongest = words.joiners.iter().find(|j| list.contains(j.as_str())).cloned();
        let joined = strongest.is_some();
        let parts = Some(split(&words.joiners))
            .filter(|p| p.len() == run.len())
            .or_else(|| strongest.map(|j| split(std::slice::from_ref(&j))).filter(|p| p.len() == run.len()));
        if let Some(parts) = parts.filter(|_| run.len() >= 2) {
            let (spread, shared) = distributed(&parts);
            named = Some(spread.iter().map(|p| p.strip_suffix(shared.as_str()).unwrap_or(p).to_string()).collect());
            for (&f, part) in run.iter().zip(spread) {
                items.insert(f, part);
            }
        } else if let Some(levels) = changed_levels(text, figures, first, &run, &segment[at..], pack) {
            for (&f, level) in run.iter().zip(levels) {
                items.insert(f, figures[level].label.clone());
            }
        } else if let Some(heads) = named.as_ref().filter(|h| h.len() == run.len() && run.len() >= 2) {
            let noun = list.trim();
            if !noun.is_empty() && !joined {
                for (&f, head) in run.iter().zip(heads) {
                    items.insert(f, format!("{head}{noun}"));
                }
            }
        }
        i = run.last().map_or(i, |&l| l) + 1;
    }
}

/// The levels a run of changes after `分别` spreads over when no list of
/// words stands before it: the counts stated just before, one per change, in
/// order. `发生火灾事故426起，死亡9人，受伤37人，同比分别下降12.6%、18.2%和5.1%`
/// (fire safety), `受理案件8.6万件、审结8.1万件，同比分别增长5.2%、6.8%` (courts).
fn changed_levels(
    text: &str,
    figures: &[Figure],
    first: usize,
    run: &[usize],
    after: &str,
    pack: &CompiledPack,
) -> Option<Vec<usize>> {
    let changes = &pack.spec.linking.changes;
    let change_words = || changes.increase.iter().chain(&changes.decrease);
    let is_change = |f: &Figure| matches!(f.unit.as_deref(), Some("%" | "个百分点"));
    let names_change = change_words().any(|w| after.trim_end_matches(['了', ' ']).ends_with(w.as_str()));
    if run.len() < 2 || !names_change || !run.iter().all(|&f| is_change(&figures[f])) {
        return None;
    }
    let levels: Vec<usize> =
        (first..run[0]).filter(|&p| !is_change(&figures[p]) && !figures[p].label.is_empty()).collect();
    let levels = levels.get(levels.len().checked_sub(run.len())?..)?.to_vec();
    // Only counts that state no change of their own before the run's words.
    let start = figures[run[0]].span.start;
    let before_run = &text[figures[levels[0]].span.end.min(start)..start];
    let own_words = before_run.strip_suffix(after).unwrap_or(before_run);
    (!change_words().any(|w| own_words.contains(w.as_str()))).then_some(levels)
}

/// True for a level of its own: not last period's, anchored, under no head.
fn plain_level(e: &Description) -> bool {
    e.kind == Kind::Level && !e.previous && e.anchored && e.head.is_none()
}

/// How many figures back a verb alone looks for the plan that names its
/// object: a reader carries an object over a few sentences, not a page.
const ELIDED_LOOKBACK: usize = 16;

/// The most cells of a table row read back from a cell.
const MAX_ROW_CELLS: usize = 64;

/// The marks that join clauses of one sentence (`；`), as full stops do not.
const SEMICOLONS: [char; 2] = ['；', ';'];

/// The longest word read as parallel to the end of the clause before: a
/// longer one is a noun phrase of its own (`重点街道` after `重点区县`).
const PARALLEL_WORD_CHARS: usize = 3;

/// `own` with the subject of the clause before, when `own` stands parallel
/// to the end of `before`: as long, another word, sharing a character in
/// place (`总收入`, `总支出`; `进口额`, `出口额`), after two characters or more.
fn parallel_subject(before: &str, own: &str) -> Option<String> {
    let (b, o): (Vec<char>, Vec<char>) = (before.chars().collect(), own.chars().collect());
    if o.len() < MIN_CORE_CHARS || o.len() > PARALLEL_WORD_CHARS || b.len() < o.len() + MIN_CORE_CHARS {
        return None;
    }
    let (subject, tail) = b.split_at(b.len() - o.len());
    let shared = tail.iter().zip(&o).filter(|(x, y)| x == y).count();
    (shared >= 1 && shared < o.len()).then(|| subject.iter().chain(&o).collect())
}

/// The items of a list with the noun the last one carries for all:
/// `国有企业、民营企业和外商投资企业进出口` → each item's `进出口` (customs),
/// `家用电器类、通讯器材类零售额` → each item's `零售额` (retail). The shared noun
/// follows the longest ending the other items share inside the last item;
/// it is returned too (empty when the last item carries none).
fn distributed(parts: &[&str]) -> (Vec<String>, String) {
    let Some((last, others)) = parts.split_last() else { return (Vec::new(), String::new()) };
    let plain = || (parts.iter().map(|p| p.to_string()).collect(), String::new());
    let Some(first) = others.first() else { return plain() };
    // The ending all other items share, longest first.
    let chars: Vec<(usize, char)> = first.char_indices().collect();
    for &(at, _) in &chars {
        let ending = &first[at..];
        if !others.iter().all(|o| o.ends_with(ending)) {
            continue;
        }
        if let Some(pos) = last.rfind(ending) {
            let tail = &last[pos + ending.len()..];
            if tail.is_empty() {
                return plain();
            }
            let mut out: Vec<String> = others.iter().map(|o| format!("{o}{tail}")).collect();
            out.push(last.to_string());
            return (out, tail.to_string());
        }
    }
    plain()
}
