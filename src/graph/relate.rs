//! Relations: the arithmetic a release states between its figures.
//!
//! Each figure's role in its sentence is read from the words just before it
//! in its clause (`较去年同期的` makes a base, `增加` a change, `提高到` the value
//! reached, `占…的` a share), then the roles of one sentence are grouped:
//!
//! - a change: a base, the value now, the change and its percent, any three of
//!   which fix the fourth (`较去年同期的1826.4亿元增加97.3亿元，增长5.3%`;
//!   `rose by $2.4 billion, or 1.5 percent, to $162.7 billion`); percentage
//!   points are the difference of two rates (`由88.6%提高到91.2%，提高2.6个百分点`);
//!   lists aligned by `分别` pair their members in order;
//! - a rate by its own stem: `合格率` relates to the count that names `合格` (or
//!   `不合格`, its complement) and that count's whole, never to the nearest figure;
//! - a share or a ratio to a named or written whole (`占出口总值的56.5%`,
//!   `为年度任务3.2万人的106.3%`, `22.5 percent of maintenance costs of $14.6 million`);
//! - a sum: the members of `分别为` under their total, a partition under its
//!   heading (`从区域看`), the members of a parenthesis, figures before `合计`.
//!
//! When no figure fits a role, no relation is made: a missing relation costs a
//! missed error, a wrong one costs a false alarm on a clean text.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::{Clauses, Figure};
use crate::interval::Interval;
use crate::lexicon::pack::{CompiledPack, LabelOrder, Packs};

use super::link::Mention;
use super::measure::PREVIOUS;
use super::MeasureKey;

/// How one figure relates to others, found from the words around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// `part` is one of the parts (`其中…`) of `total`.
    PartOf { part: usize, total: usize },
    /// `rate` (`化解率97.6%`) is `numerator / denominator`, or `1 −` that
    /// when the numerator counts the complement (`不合格`).
    RateOf { rate: usize, numerator: usize, denominator: usize, complement: bool, certain: bool },
    /// A change between two values.
    ChangeOf(Change),
    /// `parts` add up to `total` exactly (a partition, `分别为`, `合计`).
    SumOf { total: usize, parts: Vec<usize>, certain: bool },
}

/// A change: any three of base, current, delta and percent are stated. In
/// percentage points (`delta` in points, base and current in percent) the
/// delta is the difference of the two rates and there is no percent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub base: Option<usize>,
    pub current: Option<usize>,
    pub delta: Option<usize>,
    pub percent: Option<usize>,
    pub decrease: bool,
    /// True when `delta` is in percentage points.
    pub points: bool,
    pub certain: bool,
}

impl Change {
    /// The figure a finding on this change points at first.
    pub fn primary(&self) -> usize {
        self.percent.or(self.delta).or(self.current).or(self.base).unwrap_or_default()
    }
}

/// The role the words before a figure give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    /// The value compared with (`较去年同期的X`, `from X`).
    Base,
    /// The value reached (`提高到X`, `to X`).
    To {
        decrease: Option<bool>,
    },
    /// A change in the figure's own unit (`增加X`, `rose by X`).
    Delta {
        decrease: bool,
    },
    /// A percent change (`增长X%`).
    Percent {
        decrease: bool,
    },
    /// A change in percentage points.
    Points {
        decrease: Option<bool>,
    },
}

/// One figure of a document, with what the relation finder reads around it.
struct Fig<'a> {
    /// Index into the release's mentions.
    index: usize,
    figure: &'a Figure,
    /// The words before the figure in its clause, after the previous figure.
    lead: &'a str,
    /// The clause up to the figure.
    clause: &'a str,
    role: Role,
    /// Its label as a whole is named: without its subject and adverbs
    /// (`全市共接待游客` → `接待游客`).
    name: String,
    /// The measure it states.
    key: &'a MeasureKey,
    /// Where the line holding it starts.
    line: usize,
}

/// Relations among the mentions of one document (`range` indexes `mentions`).
pub fn relations(
    text: &str,
    mentions: &[Mention],
    range: Range<usize>,
    packs: &Packs,
    clauses: &[Option<Clauses>],
) -> Vec<Relation> {
    let doc = &mentions[range.clone()];
    let mut figs: Vec<Fig<'_>> = Vec::with_capacity(doc.len());
    // Line starts found in one pass over the text: a line of thousands of
    // figures is not searched back once per figure.
    let (mut line, mut scanned) = (0, 0);
    for (offset, mention) in doc.iter().enumerate() {
        let figure = &mention.figure;
        let pos = figure.span.start;
        if pos >= scanned {
            if let Some(i) = text[scanned..pos].rfind('\n') {
                line = scanned + i + 1;
            }
            scanned = pos;
        } else {
            line = line_start(text, pos);
        }
        let pack = &packs.packs[figure.pack];
        let previous_end = offset
            .checked_sub(1)
            .map(|p| &doc[p].figure)
            .filter(|p| p.sentence == figure.sentence && p.span.end <= figure.span.start)
            .map_or(figure.sentence.start, |p| p.span.end);
        let clause_start = clause_start(text, figure.sentence.start.min(figure.span.start), figure.span.start, pack);
        let lead = text[previous_end.max(clause_start)..figure.span.start].trim();
        let clause = &text[clause_start..figure.span.start];
        let label = figure.label.trim();
        let name = if spaced(pack) { label.to_string() } else { crate::extract::label::normalise_han(label, pack) };
        figs.push(Fig {
            index: range.start + offset,
            figure,
            lead,
            clause,
            role: Role::Plain,
            name,
            key: &mention.key,
            line,
        });
    }
    for k in 0..figs.len() {
        let previous = k.checked_sub(1).filter(|&p| figs[p].figure.sentence == figs[k].figure.sentence);
        let previous_role = previous.map(|p| figs[p].role);
        let role = role_of(&figs[k], previous_role, &packs.packs[figs[k].figure.pack]);
        figs[k].role = role;
    }

    let names = list_names(&figs, packs);
    let mut out = Vec::new();
    // Parts (`其中`), found first: a rate's whole may be its numerator's total.
    let mut paragraph_start = 0;
    for (offset, mention) in doc.iter().enumerate() {
        if offset.checked_sub(1).is_none_or(|p| doc[p].paragraph != mention.paragraph) {
            paragraph_start = offset;
        }
        let pack = &packs.packs[mention.figure.pack];
        let model = clauses.get(mention.figure.pack).and_then(Option::as_ref);
        let paragraph = paragraph_start..offset;
        if let Some(total) = model.and_then(|model| super::link::part_total(text, mention, doc, paragraph, pack, model))
        {
            out.push(Relation::PartOf { part: range.start + offset, total: range.start + total });
        }
    }
    sibling_parts(&figs, text, packs, &mut out);
    sub_scopes(&figs, doc, text, packs, &mut out);
    let headings = headings(&figs, text, packs);
    let mut parts: Vec<(usize, usize)> = out
        .iter()
        .filter_map(|r| match r {
            Relation::PartOf { part, total } => Some((*part - range.start, *total - range.start)),
            _ => None,
        })
        .collect();
    let heading_used = heading_parts(&figs, doc, &headings, packs, &mut parts, &mut out);

    let mut start = 0;
    while start < figs.len() {
        let sentence = figs[start].figure.sentence.clone();
        let end = start + figs[start..].iter().take_while(|f| f.figure.sentence == sentence).count();
        changes(&figs, start..end, text, packs, &mut out);
        start = end;
    }
    for k in 0..figs.len() {
        let pack = &packs.packs[figs[k].figure.pack];
        if let Some(rate) = rate(&figs, k, &parts, &names, text, pack) {
            out.extend(opposite_rate(&figs, k, &rate, text, pack));
            out.push(rate);
        } else if let Some(rate) = defined_rate(&figs, k, pack) {
            out.push(rate);
        } else if let Some(ratio) = per_ratio(&figs, k, text, pack) {
            out.push(ratio);
        } else {
            out.extend(share(&figs, k, &parts, &names, text, pack));
        }
    }
    sums(&figs, &names, &headings, &heading_used, text, packs, &mut out);
    remainders(&figs, &parts, text, packs, &mut out);
    balances(&figs, text, packs, &mut out);
    per_heads(&figs, packs, &mut out);
    partitions(&figs, &parts, packs, &mut out);
    rest_parts(&figs, &parts, &names, packs, &mut out);
    table_sums(&figs, text, packs, &mut out);
    table_changes(&figs, text, packs, &mut out);
    table_steps(&figs, packs, &mut out);
    sibling_totals(&figs, text, packs, &mut out);
    out
}

/// Table changes: a row's cell under a change column (`增减变动幅度（%）`,
/// `Change`) is the percent change from the row's base cell (a column the
/// reader dates before the others, `Sept. 2023`, or headed by a base period,
/// `上年同期`) to its current
/// one. The row must hold one of each, in one unit, and the change one
/// percent; its sign is the direction (`-2.8`). A percent change of two
/// percents is left alone: it may be in points or relative.
fn table_changes(figs: &[Fig<'_>], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    if !figs.iter().any(|f| f.figure.cell) {
        return;
    }
    let tables = crate::extract::table::Tables::new(text);
    let mut rows: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (k, f) in figs.iter().enumerate() {
        if let Some(cell) = f.figure.cell.then(|| tables.cell_at(f.figure.span.start)).flatten() {
            rows.entry(cell.row.start).or_default().push(k);
        }
    }
    for members in rows.values() {
        let pack = &packs.packs[figs[members[0]].figure.pack];
        let words = &pack.spec.linking.relations.change_columns;
        let header = |k: usize| {
            let cell = tables.cell_at(figs[k].figure.span.start)?;
            Some(text[cell.header.clone()?].to_lowercase())
        };
        let changes: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| is_percent(figs[k].figure))
            .filter(|&k| header(k).is_some_and(|h| words.iter().any(|w| h.contains(&w.to_lowercase()))))
            .collect();
        let [percent] = changes[..] else { continue };
        let levels: Vec<usize> =
            members.iter().copied().filter(|&k| k != percent && !is_points(figs[k].figure)).collect();
        // The base: dated before by the reader (`Sept. 2023` beside `Sept.
        // 2024`), or under a header naming a base period (`上年招生`).
        let periods = &pack.spec.linking.relations.base_periods;
        let changes = &pack.spec.linking.changes;
        let lower = |w: &String| w.to_lowercase();
        // A column of changes in its unit (`比年初增加（亿元）`) is no level.
        let change_word =
            |h: &str| words.iter().chain(&changes.increase).chain(&changes.decrease).map(lower).any(|w| h.contains(&w));
        let period_of = |h: &str| periods.iter().map(lower).find(|p| h.contains(p));
        let levels: Vec<usize> = levels.into_iter().filter(|&k| header(k).is_some_and(|h| !change_word(&h))).collect();
        let dated = |k: usize| figs[k].key.frame.iter().any(|w| w == PREVIOUS);
        let prior = |k: &&usize| dated(**k) || header(**k).and_then(|h| period_of(&h)).is_some();
        let (bases, currents): (Vec<usize>, Vec<usize>) = levels.iter().partition(prior);
        let ([base], [current]) = (&bases[..], &currents[..]) else { continue };
        let (b, c) = (figs[*base].figure, figs[*current].figure);
        if !same_unit(b, c) || is_percent(b) {
            continue;
        }
        // Certain when the reader dates the base, or the change column names
        // its period (`比上年增减` over `上年招生`); a base of another period
        // (`上月` beside `同比增长`) may be no base of this change: a warning.
        let named = header(percent).and_then(|h| period_of(&h));
        let certain = dated(*base) || (named.is_some() && named == header(*base).and_then(|h| period_of(&h)));
        out.push(Relation::ChangeOf(Change {
            base: Some(figs[*base].index),
            current: Some(figs[*current].index),
            delta: None,
            percent: Some(figs[percent].index),
            decrease: false,
            points: false,
            certain,
        }));
    }
}

/// A change stated in prose against a table of its measure's levels by
/// period: `The jobless rate dropped 0.3 percentage points over the quarter
/// to 4.2%` beside a row `Jobless rate  4.2  4.5` under `Jul-Sep 2024
/// Apr-Jun 2024` (labour surveys); `exports were 5.1 percent higher than a
/// year earlier` beside columns `Mar. 2025` and `Mar. 2024` (trade, retail).
/// The change's measure names the row (its key's head is the cells' label),
/// its base id the step back (`quarter`: three months, from `base_steps`); the
/// sentence must state the level now as the table does (same measure, same
/// period), so the row's current cell is the change's own level. The base is
/// the one earlier cell dated that step before it: certain.
fn table_steps(figs: &[Fig<'_>], packs: &Packs, out: &mut Vec<Relation>) {
    if !figs.iter().any(|f| f.figure.cell) {
        return;
    }
    for (k, f) in figs.iter().enumerate() {
        let pack = &packs.packs[f.figure.pack];
        let steps = &pack.spec.linking.relations.base_steps;
        let Some(clause_words) = pack.spec.measures.words.as_ref() else { continue };
        if steps.is_empty() || f.figure.cell {
            continue;
        }
        let (points, written) = match f.role {
            Role::Points { decrease } => (true, decrease),
            Role::Percent { decrease } => (false, Some(decrease)),
            _ => continue,
        };
        let [super::key::Head::Label(measure)] = &f.key.heads[..] else { continue };
        let said: Vec<&str> = f.key.label.split_whitespace().collect();
        let Some(step) = said.last().and_then(|w| steps.iter().find(|s| s.base == *w)) else { continue };
        let has = |list: &[String]| said.iter().any(|w| list.iter().any(|l| l == w));
        let decrease = match written {
            Some(d) => d,
            None if has(&clause_words.decrease) => true,
            None if has(&clause_words.increase) => false,
            None => continue,
        };
        let months = &clause_words.months;
        // The row of the measure: cells labelled with it, in one unit.
        let row: Vec<usize> = (0..figs.len())
            .filter(|&j| {
                let g = &figs[j];
                g.figure.cell && !g.key.is_dependent() && g.key.label == *measure && (is_percent(g.figure) == points)
            })
            .collect();
        let prior = |j: usize| figs[j].key.frame.iter().any(|w| w == PREVIOUS);
        let currents: Vec<usize> = row.iter().copied().filter(|&j| !prior(j)).collect();
        let [current] = currents[..] else { continue };
        let Some(now) = month_of(&figs[current].key.frame, months) else { continue };
        let bases: Vec<usize> = row
            .iter()
            .copied()
            .filter(|&j| prior(j) && month_of(&figs[j].key.frame, months) == Some(now - i64::from(step.months)))
            .collect();
        let [base] = bases[..] else { continue };
        if !same_unit(figs[base].figure, figs[current].figure) {
            continue;
        }
        // The level now, stated in the change's sentence as the table states it.
        let level = (0..figs.len()).find(|&j| {
            let g = &figs[j];
            !g.figure.cell && g.figure.sentence == f.figure.sentence && j != k && *g.key == *figs[current].key
        });
        let Some(level) = level else { continue };
        out.push(Relation::ChangeOf(Change {
            base: Some(figs[base].index),
            current: Some(figs[level].index),
            delta: points.then_some(f.index),
            percent: (!points).then_some(f.index),
            decrease,
            points,
            certain: true,
        }));
    }
}

/// The last month of a frame's period, counted from year 0 (`jul-sep 2024`
/// ends in September 2024), when the frame names a month and a year.
fn month_of(frame: &[String], months: &[String]) -> Option<i64> {
    let words: Vec<String> = frame.iter().filter(|w| *w != PREVIOUS).map(|w| w.to_lowercase()).collect();
    let said: Vec<&str> =
        words.iter().flat_map(|w| w.split(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    let year: i64 = said.iter().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?.parse().ok()?;
    let month = said
        .iter()
        .rev()
        .find_map(|w| months.iter().position(|m| w.chars().count() >= 3 && m.starts_with(w.trim_end_matches('.'))))?;
    Some(year * 12 + month as i64)
}

/// The parts of a `其中` listed on after a comma (`其中主城区198个，县（市）
/// 128个`; `of which 2,241 are graduate students, 865 undergraduates`): the
/// figure right after a part, one clause on in its sentence, with a plain
/// lead (no base, change or share word) and the part's unit, is another
/// part of the same total.
fn sibling_parts(figs: &[Fig<'_>], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    let mut added = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for r in out.iter() {
        let Relation::PartOf { part, total } = *r else { continue };
        let Some(p) = figs.iter().position(|f| f.index == part) else { continue };
        let mut p = p;
        if last.is_some_and(|(lp, lt)| lt == total && lp >= p) {
            continue;
        }
        // The marker opens the part's clause (`，其中主城区198个`), not a list
        // member's (`2300多人、其中引进顶尖人才41人，新增…`): then the clause
        // after the comma is a part list's next member.
        let markers = &packs.packs[figs[p].figure.pack].spec.linking.part_markers;
        if !markers.iter().any(|m| figs[p].lead.starts_with(m.as_str())) {
            continue;
        }
        let whole = figs.iter().find(|f| f.index == total).and_then(|f| f.figure.interval.hi());
        while let Some(f) = figs.get(p + 1) {
            let pack = &packs.packs[f.figure.pack];
            let gap = between(text, figs[p].figure.span.end, f.figure.span.start);
            let marks = gap.chars().filter(|&c| pack.lexicon.part_clause_ends.contains(c)).count();
            let plain = f.role == Role::Plain && figs[p].role == Role::Plain;
            if f.figure.sentence != figs[p].figure.sentence
                || marks != 1
                || gap.chars().any(|c| pack.lexicon.sentence_ends.contains(c))
                || !plain
                || !same_unit(f.figure, figs[p].figure)
                || is_percent(f.figure)
                || f.lead.is_empty()
                // A member larger than the total alone is no part of it.
                || f.figure.interval.lo().zip(whole).is_none_or(|(lo, hi)| lo > hi)
                || out.iter().chain(&added).any(|r| matches!(r, Relation::PartOf { part, .. } if *part == f.index))
            {
                break;
            }
            added.push(Relation::PartOf { part: f.index, total });
            p += 1;
        }
        last = Some((p, total));
    }
    out.extend(added);
}

/// Table sums: a column's total row (`| 合计 | 386.52 |`, `Total  9,184,000`)
/// states the sum of the column's other rows, when every other row is a
/// part: none is a sub-row (`其中`, `of which`, or set in further than the
/// others), the column counts (no percent, no average), and its cells share
/// one unit.
fn table_sums(figs: &[Fig<'_>], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    if !figs.iter().any(|f| f.figure.cell) {
        return;
    }
    let tables = crate::extract::table::Tables::new(text);
    let mut columns: std::collections::BTreeMap<(usize, usize), Vec<usize>> = std::collections::BTreeMap::new();
    for (k, f) in figs.iter().enumerate() {
        if !f.figure.cell || is_percent(f.figure) || is_points(f.figure) {
            continue;
        }
        let Some(header) = tables.cell_at(f.figure.span.start).and_then(|c| c.header.clone()) else { continue };
        columns.entry((header.start, header.end)).or_default().push(k);
    }
    for (&(header_start, header_end), members) in &columns {
        let pack = &packs.packs[figs[members[0]].figure.pack];
        let linking = &pack.spec.linking;
        let header = text[header_start..header_end].to_lowercase();
        if linking.per_words.iter().any(|w| header.contains(&w.to_lowercase())) {
            continue;
        }
        // Each member's row name and how far in it is set.
        let rows: Vec<Option<(String, usize)>> = members
            .iter()
            .map(|&k| {
                let cell = tables.cell_at(figs[k].figure.span.start)?;
                let stub = cell.stub.clone()?;
                let name = crate::extract::label::without_asides(&text[stub.clone()]).trim().to_lowercase();
                Some((name, text[cell.row.start..stub.start].chars().count()))
            })
            .collect();
        let Some(rows) = rows.into_iter().collect::<Option<Vec<_>>>() else { continue };
        let is_total = |name: &str| {
            let words = &linking.relations.sum_words;
            // `合计`, `Total all sites`; a scope before the word names the
            // same row (`全市合计`, `System total`).
            words.iter().any(|w| {
                let w = w.to_lowercase();
                name == w
                    || name.starts_with(&format!("{w} "))
                    || (spaced(pack) && name.ends_with(&format!(" {w}")))
                    || (!spaced(pack) && name.ends_with(&w) && name.chars().count() <= w.chars().count() + 2)
            })
        };
        let totals: Vec<usize> = (0..members.len()).filter(|&r| is_total(&rows[r].0)).collect();
        if totals.is_empty() {
            // Rows set in or marked as parts (`其中：`) are parts of a row,
            // not kinds beside it.
            let indent = rows.iter().map(|r| r.1).min().unwrap_or(0);
            let markers = &linking.part_markers;
            if !rows.iter().any(|r| r.1 > indent || markers.iter().any(|m| r.0.starts_with(&m.to_lowercase()))) {
                whole_above(figs, text, &tables, members, pack, out);
            }
            continue;
        }
        let [total] = totals[..] else { continue };
        let parts: Vec<usize> = (0..members.len()).filter(|&r| r != total).collect();
        let indent = parts.iter().map(|&r| rows[r].1).min().unwrap_or(0);
        let sub_row = parts.iter().any(|&r| {
            rows[r].1 > indent || linking.part_markers.iter().any(|m| rows[r].0.starts_with(&m.to_lowercase()))
        });
        let unit = figs[members[total]].figure;
        if parts.len() < 2 || sub_row || parts.iter().any(|&r| !same_unit(figs[members[r]].figure, unit)) {
            continue;
        }
        out.push(Relation::SumOf {
            total: figs[members[total]].index,
            parts: parts.iter().map(|&r| figs[members[r]].index).collect(),
            certain: true,
        });
    }
}

/// A column with no total row under a sentence that points at it and states
/// the whole it divides (`全年受理案件3120件。各类案件受理情况见下表。` over
/// `| 案件类型 | 受理案件（件） |`, courts; `上半年全省完成造林42.6万亩，分地区
/// 完成情况如下表。` over `| 地区名称 | 完成造林（万亩） |`, forestry): each row
/// is a part of that whole, named by the column's words at the end of its label.
fn whole_above(
    figs: &[Fig<'_>],
    text: &str,
    tables: &crate::extract::table::Tables,
    members: &[usize],
    pack: &CompiledPack,
    out: &mut Vec<Relation>,
) {
    let first = figs[members[0]].figure;
    let Some(cell) = tables.cell_at(first.span.start) else { return };
    let (Some(above), Some(header)) = (cell.above.clone(), cell.header.clone()) else { return };
    let line = &text[above.clone()];
    if members.len() < 2 || !pack.spec.tables.topic_lead_ins.iter().any(|w| line.contains(w.as_str())) {
        return;
    }
    let column = crate::extract::label::without_asides(&text[header]);
    let column = crate::extract::label::normalise_han(column.trim(), pack);
    if column.chars().count() < 2 || members.iter().any(|&m| !same_unit(figs[m].figure, first)) {
        return;
    }
    let from = figs.partition_point(|f| f.figure.span.start < above.start);
    let wholes: Vec<usize> = (from..figs.len())
        .take_while(|&j| figs[j].figure.span.end <= above.end)
        .filter(|&j| {
            let f = &figs[j];
            !f.figure.cell && f.role == Role::Plain && same_unit(f.figure, first) && f.name.ends_with(&column)
        })
        .collect();
    let [whole] = wholes[..] else { return };
    for &m in members {
        out.push(Relation::PartOf { part: figs[m].index, total: figs[whole].index });
    }
}

/// Where the clause holding `pos` starts: after the last clause mark (a
/// boundary that is neither a list joiner nor a bracket) since `floor`.
fn clause_start(text: &str, floor: usize, pos: usize, pack: &CompiledPack) -> usize {
    let bytes = text.as_bytes();
    // A comma between digits groups thousands (`41,250`); it ends no clause.
    let grouping =
        |i: usize| i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    text[floor..pos]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_clause_mark(c, pack) && !(c == ',' && grouping(floor + i)))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

fn is_clause_mark(c: char, pack: &CompiledPack) -> bool {
    pack.lexicon.boundaries.contains(c)
        && !matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】' | '《' | '》' | '"')
        && !pack.spec.linking.relations.list_joiners.iter().any(|j| j.chars().eq(std::iter::once(c)))
}

fn spaced(pack: &CompiledPack) -> bool {
    pack.spec.labels.order == LabelOrder::After
}

fn is_percent(f: &Figure) -> bool {
    f.unit.as_deref() == Some("%")
}

fn is_points(f: &Figure) -> bool {
    matches!(f.unit.as_deref(), Some("个百分点" | "percentage points"))
}

/// The last word of `lead` (English) or `lead` itself (Chinese), for suffix tests.
fn ends_with_word(lead: &str, word: &str, pack: &CompiledPack) -> bool {
    if spaced(pack) {
        let lead = lead.to_lowercase();
        let words: Vec<&str> =
            lead.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
        let n = word.split(' ').count();
        words.len() >= n && words[words.len() - n..].join(" ") == word
    } else {
        lead.ends_with(word)
    }
}

/// The direction a change word at the end of `lead` states (`增加`, `rose by`).
fn lead_direction(lead: &str, pack: &CompiledPack) -> Option<bool> {
    let changes = &pack.spec.linking.changes;
    let words = &pack.spec.linking.relations;
    let mut lead = lead.trim_end();
    let trimmed_len = lead.len();
    // Particles between a change word and its figure: `增加了`, `rose by`, `a drop of`.
    while let Some(p) = words.change_particles.iter().find(|p| ends_with_word(lead, p, pack)) {
        // ASCII lowercasing keeps byte offsets; a cut that does not shorten
        // the lead ends the loop.
        let cut = if spaced(pack) { lead.to_ascii_lowercase().rfind(p.as_str()) } else { lead.rfind(p.as_str()) };
        let Some(cut) = cut.filter(|&c| c < lead.len()) else { break };
        lead = lead[..cut].trim_end();
    }
    let ends = |w: &String| ends_with_word(lead, w, pack);
    if changes.decrease.iter().any(ends) {
        return Some(true);
    }
    if changes.increase.iter().any(ends) {
        return Some(false);
    }
    // `to raise the deposit rate by 0.5 percentage point`: the verb stands
    // before its object, the particle right before the figure.
    if spaced(pack) && lead.len() < trimmed_len {
        return any_direction(lead, pack);
    }
    // `较常年同期多蓄1.26亿立方米`: a comparison, then a comparative and its verb.
    if !spaced(pack) && words.base_openers.iter().any(|o| lead.contains(o.as_str())) {
        let tail: String = lead.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
        let c = &words.comparatives;
        let single = |w: &&String| w.chars().count() == 1 && tail.contains(w.as_str());
        if c.decrease.iter().any(|w| single(&w)) {
            return Some(true);
        }
        if c.increase.iter().any(|w| single(&w)) {
            return Some(false);
        }
    }
    None
}

/// Whether any change word stands in `lead`, and which way.
fn any_direction(lead: &str, pack: &CompiledPack) -> Option<bool> {
    let changes = &pack.spec.linking.changes;
    let has = |w: &String| {
        if spaced(pack) {
            lead.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|x| x == w)
        } else {
            lead.contains(w.as_str())
        }
    };
    if changes.decrease.iter().any(has) {
        Some(true)
    } else if changes.increase.iter().any(has) {
        Some(false)
    } else {
        None
    }
}

fn role_of(fig: &Fig<'_>, previous: Option<Role>, pack: &CompiledPack) -> Role {
    let words = &pack.spec.linking.relations;
    // `make up 71.0 percent of the portfolio`: a share, though `up` ends it.
    if words.share_verbs.iter().any(|v| ends_with_word(fig.lead, v, pack)) {
        return Role::Plain;
    }
    let lead = fig.lead;
    let f = fig.figure;
    // An average rate of change (`年均增长6.2%`, `average annual growth of`)
    // is no change between two stated values; `average price … rose by` is.
    let changes = &pack.spec.linking.changes;
    let lower = lead.to_lowercase();
    // Whether `w`, `sep` and `d` stand in a row in `hay`: tried at each place
    // `w` starts (overlapping ones too), without writing each pair out for
    // every figure.
    let in_a_row = |hay: &str, w: &str, sep: &str, d: &str| {
        let mut from = 0;
        while let Some(i) = hay.get(from..).and_then(|rest| rest.find(w)).map(|i| from + i) {
            if hay[i + w.len()..].strip_prefix(sep).is_some_and(|rest| rest.starts_with(d)) {
                return true;
            }
            from = i + hay[i..].chars().next().map_or(1, char::len_utf8);
        }
        false
    };
    let averaged = changes.averaged.iter().any(|w| {
        changes.increase.iter().chain(&changes.decrease).any(|d| {
            if spaced(pack) {
                in_a_row(&lower, w, " ", d)
            } else {
                in_a_row(lead, w, "", d)
            }
        })
    });
    if averaged {
        return Role::Plain;
    }
    let direction = lead_direction(lead, pack).or_else(|| {
        // `较常年同期的9次多5次`: a bare comparative right after a base.
        (previous == Some(Role::Base)).then_some(()).and_then(|()| {
            let c = &words.comparatives;
            if c.decrease.iter().any(|w| lead == w) {
                Some(true)
            } else if c.increase.iter().any(|w| lead == w) {
                Some(false)
            } else {
                None
            }
        })
    });
    if is_points(f) {
        return Role::Points { decrease: direction };
    }
    // `超过警戒水位（28.00米）0.47米`: right after a base in brackets, the
    // difference in its unit, in the direction of the base's comparative.
    if direction.is_none() && previous == Some(Role::Base) && matches!(lead, "）" | ")") && !is_percent(f) {
        if let Some(decrease) = base_comparative(fig.clause, pack) {
            return Role::Delta { decrease };
        }
    }
    if let Some(decrease) = direction {
        return if is_percent(f) { Role::Percent { decrease } } else { Role::Delta { decrease } };
    }
    // `rose by $5.6 billion, or 0.8 percent`: the percent of the change before.
    if is_percent(f) && spaced(pack) && matches!(lead.to_lowercase().as_str(), "or" | "(" | ", or") {
        if let Some(Role::Delta { decrease }) = previous {
            return Role::Percent { decrease };
        }
    }
    if let Some(to) = words.to_words.iter().find(|w| ends_with_word(lead, w, pack)) {
        let before_to = any_direction(lead, pack);
        // After a change, `，达到612万人次` is the value it reached; `，优良天数达到
        // 290天` names a measure of its own (air quality, then days).
        let own_words = lead.trim().chars().count().saturating_sub(to.chars().count());
        let after_base = own_words <= MAX_TO_VERB_CHARS
            && matches!(previous, Some(Role::Base | Role::Delta { .. } | Role::Percent { .. } | Role::Points { .. }));
        if before_to.is_some() || after_base {
            return Role::To { decrease: before_to };
        }
    }
    if is_base(lead, pack) {
        return Role::Base;
    }
    Role::Plain
}

/// The most characters before a to-word (`达到`, `已达到`) that name no measure.
const MAX_TO_VERB_CHARS: usize = 2;

/// True when `lead` makes the figure after it a base of comparison.
fn is_base(lead: &str, pack: &CompiledPack) -> bool {
    let words = &pack.spec.linking.relations;
    if spaced(pack) {
        return words.base_openers.iter().any(|w| ends_with_word(lead, w, pack));
    }
    let blocked = words.base_copulas.iter().chain(&words.to_words).chain(&words.ratio_copulas).any(|w| {
        let lead = lead.trim_end_matches(['（', '(']);
        lead.contains(w.as_str())
    }) || any_direction(lead, pack).is_some();
    // `较去年最高供水量79.2万立方米`, `今年改造数量比去年的287个`.
    let opened = words.base_openers.iter().any(|w| {
        lead.starts_with(w.as_str())
            || lead
                .find(w.as_str())
                .is_some_and(|i| words.ratio_closers.iter().any(|c| lead[i..].ends_with(c.as_str())))
    });
    if opened && !blocked {
        return true;
    }
    // `超过警戒水位（36.20米）`: a comparative, then the base in brackets.
    if lead.ends_with(['（', '(']) && base_comparative(lead, pack).is_some() && !blocked {
        return true;
    }
    // `常年同期为552.1毫米`: a period of comparison, then a copula.
    words.base_periods.iter().any(|p| lead.contains(p.as_str()))
        && words.base_copulas.iter().any(|c| lead.ends_with(c.as_str()))
        && any_direction(lead, pack).is_none()
}

fn same_unit(a: &Figure, b: &Figure) -> bool {
    a.unit == b.unit
}

/// A change being assembled from the roles of one sentence.
#[derive(Default)]
struct Group {
    base: Option<usize>,
    to: Option<usize>,
    delta: Option<usize>,
    percent: Option<usize>,
    points: Option<usize>,
    decrease: Option<bool>,
    first: Option<usize>,
}

fn changes(figs: &[Fig<'_>], sentence: Range<usize>, text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    let listed = lists(figs, sentence.clone(), packs, out);
    let mut group = Group::default();
    for k in sentence.clone() {
        if listed.contains(&k) {
            close(figs, &mut group, sentence.start, text, packs, out);
            continue;
        }
        let role = figs[k].role;
        let slot = match role {
            Role::Plain => {
                close(figs, &mut group, sentence.start, text, packs, out);
                continue;
            }
            Role::Base => &mut group.base,
            Role::To { .. } => &mut group.to,
            Role::Delta { .. } => &mut group.delta,
            Role::Percent { .. } => &mut group.percent,
            Role::Points { .. } => &mut group.points,
        };
        if slot.is_some() {
            close(figs, &mut group, sentence.start, text, packs, out);
        }
        let slot = match role {
            Role::Base => &mut group.base,
            Role::To { .. } => &mut group.to,
            Role::Delta { .. } => &mut group.delta,
            Role::Percent { .. } => &mut group.percent,
            Role::Points { .. } => &mut group.points,
            Role::Plain => continue,
        };
        *slot = Some(k);
        group.first.get_or_insert(k);
        let stated = match role {
            Role::To { decrease } | Role::Points { decrease } => decrease,
            Role::Delta { decrease } | Role::Percent { decrease } => Some(decrease),
            _ => None,
        };
        if group.decrease.is_none() {
            group.decrease = stated;
        }
    }
    close(figs, &mut group, sentence.start, text, packs, out);
}

/// Emits the change a group states, when three of its quantities are there.
fn close(
    figs: &[Fig<'_>],
    group: &mut Group,
    sentence_start: usize,
    text: &str,
    packs: &Packs,
    out: &mut Vec<Relation>,
) {
    let g = std::mem::take(group);
    let Some(first) = g.first else { return };
    // `高于全部工业增速（6.8%）3.4个百分点`: the base's own comparative.
    let decrease =
        g.decrease.or_else(|| g.base.and_then(|b| base_comparative(figs[b].lead, &packs.packs[figs[b].figure.pack])));
    let Some(decrease) = decrease else { return };
    let index = |k: Option<usize>| k.map(|k| figs[k].index);
    if let Some(points) = g.points {
        // The points' own direction, else their base's comparative (`高于`).
        let points_decrease = match figs[points].role {
            Role::Points { decrease: Some(d) } => d,
            _ => g
                .base
                .and_then(|b| base_comparative(figs[b].lead, &packs.packs[figs[b].figure.pack]))
                .unwrap_or(decrease),
        };
        let base = g.base.filter(|&b| is_percent(figs[b].figure));
        let current = g.to.filter(|&t| is_percent(figs[t].figure)).or_else(|| {
            (sentence_start..base.unwrap_or(first)).rev().find(|&k| {
                is_percent(figs[k].figure)
                    && matches!(figs[k].role, Role::Plain | Role::Percent { .. } | Role::To { .. })
            })
        });
        if let (Some(base), Some(current)) = (base, current) {
            out.push(Relation::ChangeOf(Change {
                base: index(Some(base)),
                current: index(Some(current)),
                delta: index(Some(points)),
                percent: None,
                decrease: points_decrease,
                points: true,
                certain: true,
            }));
        }
        // `增加58.6亿元，同比增长10.2%，高于全部工业增速（6.8%）3.4个百分点`: the
        // change before the points is a change of its own.
        if g.delta.is_none() || g.percent.is_none() {
            return;
        }
    }
    // A base in percent belongs to the points, not to a change in counts.
    let g = Group {
        base: g.base.filter(|&b| !is_percent(figs[b].figure)),
        to: g.to.filter(|&t| !is_percent(figs[t].figure)),
        ..g
    };
    let Some(unit_of) = g.delta.or(g.base).or(g.to) else { return };
    let unit = figs[unit_of].figure;
    if is_percent(unit) {
        return;
    }
    let fits = |k: &usize| same_unit(figs[*k].figure, unit);
    let base = g.base.filter(fits);
    let delta = g.delta.filter(fits);
    let to = g.to.filter(fits);
    if g.base.is_some() != base.is_some() || g.delta.is_some() != delta.is_some() || g.to.is_some() != to.is_some() {
        return;
    }
    let current = to
        .or_else(|| {
            (sentence_start..first).rev().find(|&k| figs[k].role == Role::Plain && same_unit(figs[k].figure, unit))
        })
        .or_else(|| across_clauses(figs, sentence_start, first, g.base, delta, g.percent, decrease, text));
    let percent = g.percent;
    let stated = [base, current, delta, percent].iter().filter(|x| x.is_some()).count();
    if stated < 3 {
        return;
    }
    out.push(Relation::ChangeOf(Change {
        base: index(base),
        current: index(current),
        delta: index(delta),
        percent: index(percent),
        decrease,
        points: false,
        certain: true,
    }));
}

/// The value now of a change stated after a clause mark that ends a sentence
/// segment (`全市共接报火灾1286起，…；与去年同期相比，火灾起数减少182起，下降12.4%`;
/// `新增贷款386亿元；同比多增…`): the nearest count of the change's unit before it
/// in the full sentence whose label shares a word with the change's, and only
/// when the change and its percent fit it, or would if one of the three read
/// as a slip of its digits. A change that fits no count of its sentence
/// relates to none.
#[allow(clippy::too_many_arguments)]
fn across_clauses(
    figs: &[Fig<'_>],
    sentence_start: usize,
    first: usize,
    base: Option<usize>,
    delta: Option<usize>,
    percent: Option<usize>,
    decrease: bool,
    text: &str,
) -> Option<usize> {
    let (None, Some(delta), Some(percent)) = (base, delta, percent) else { return None };
    let f = &figs[delta];
    let current = (0..sentence_start)
        .rev()
        .take(SHARE_LOOKBACK)
        .take_while(|&j| one_sentence(text, figs[j].figure.span.end, figs[first].figure.span.start))
        .find(|&j| {
            let g = &figs[j];
            g.role == Role::Plain
                && same_unit(g.figure, f.figure)
                && g.figure.qualifier.is_none()
                && (shares_bigram(&g.name, f.lead) || shares_bigram(&g.name, &f.name))
        })?;
    let interval = |k: usize| &figs[k].figure.interval;
    let computed = Interval::change_percent(interval(current), interval(delta), decrease);
    if computed.is_some_and(|computed| computed.intersects(interval(percent))) {
        return Some(current);
    }
    let hundred = Decimal::ONE_HUNDRED;
    let (c, d, p) = (interval(current), interval(delta), interval(percent));
    // Each of the three as the other two need it, from the ends of their
    // intervals (all positive: each need grows or shrinks with each input).
    let rest = |p: Decimal| if decrease { hundred.checked_sub(p) } else { hundred.checked_add(p) };
    let need_delta = |c: Decimal, p: Decimal| c.checked_mul(p)?.checked_div(rest(p)?);
    let need_current = |d: Decimal, p: Decimal| d.checked_mul(rest(p)?)?.checked_div(p);
    let range = |a: Option<Decimal>, b: Option<Decimal>| Some((a?.min(b?), a?.max(b?)));
    let needs = [
        (f.figure.value, range(need_delta(c.lo()?, p.lo()?), need_delta(c.hi()?, p.hi()?))),
        (figs[current].figure.value, range(need_current(d.lo()?, p.hi()?), need_current(d.hi()?, p.lo()?))),
        (figs[percent].figure.value, computed.and_then(|x| Some((x.lo()?, x.hi()?)))),
    ];
    needs
        .into_iter()
        .any(|(written, need)| need.is_some_and(|(lo, hi)| slips_within(written, lo, hi)))
        .then_some(current)
}

/// The most readings of a needed range [`slips_within`] tries.
const SLIP_READINGS: u32 = 50;

/// True when some value in `lo..=hi`, read at the written figure's last
/// place, is the written figure with one slip of its digits.
fn slips_within(written: Decimal, lo: Decimal, hi: Decimal) -> bool {
    let digits = written.abs().normalize();
    let place = if digits.scale() > 0 {
        Decimal::new(1, digits.scale())
    } else {
        let mut place = Decimal::ONE;
        while let Some(next) = place.checked_mul(Decimal::TEN).filter(|&p| !digits.is_zero() && (digits % p).is_zero())
        {
            place = next;
        }
        place
    };
    let (Some(from), Some(to)) = (lo.checked_div(place), hi.checked_div(place)) else { return false };
    let (from, to) = (from.ceil(), to.floor());
    // A need too wide to read is no evidence of a slip.
    if to - from > Decimal::from(SLIP_READINGS) {
        return false;
    }
    let mut read = from;
    while read <= to {
        if read.checked_mul(place).is_some_and(|value| crate::slip::slip(written, value)) {
            return true;
        }
        read += Decimal::ONE;
    }
    false
}

/// A comparative in a base's words (`高于X`): the direction of the comparison.
/// Only comparatives of two or more characters are looked for inside words.
fn base_comparative(lead: &str, pack: &CompiledPack) -> Option<bool> {
    let c = &pack.spec.linking.relations.comparatives;
    let has = |w: &String| w.chars().count() >= 2 && lead.contains(w.as_str());
    if c.decrease.iter().any(has) {
        Some(true)
    } else if c.increase.iter().any(has) {
        Some(false)
    } else {
        None
    }
}

/// Lists aligned by `分别` (`同比分别下降12.6%、18.2%和5.1%，分别减少61起、2人和2人`):
/// each member pairs with the figure at its place among the counts before.
/// Returns the figures that belong to such lists.
fn lists(figs: &[Fig<'_>], sentence: Range<usize>, packs: &Packs, out: &mut Vec<Relation>) -> Vec<usize> {
    let mut listed = Vec::new();
    let mut percents: Vec<usize> = Vec::new();
    let mut deltas: Vec<usize> = Vec::new();
    let mut first_list = None;
    let mut decrease = None;
    let mut k = sentence.start;
    while k < sentence.end {
        let pack = &packs.packs[figs[k].figure.pack];
        let words = &pack.spec.linking.relations;
        let respectively = words.respectively.iter().any(|w| figs[k].lead.contains(w.as_str()));
        let (Role::Percent { decrease: d } | Role::Delta { decrease: d }) = figs[k].role else {
            k += 1;
            continue;
        };
        if !respectively {
            k += 1;
            continue;
        }
        let mut members = vec![k];
        let mut j = k + 1;
        while j < sentence.end
            && is_joiner(figs[j].lead, pack)
            && is_percent(figs[j].figure) == is_percent(figs[k].figure)
        {
            members.push(j);
            j += 1;
        }
        if members.len() >= 2 {
            first_list.get_or_insert(k);
            decrease.get_or_insert(d);
            if is_percent(figs[k].figure) {
                percents = members.clone();
            } else {
                deltas = members.clone();
            }
            listed.extend(members);
        }
        k = j;
    }
    let (Some(first), Some(decrease)) = (first_list, decrease) else { return listed };
    let n = percents.len().max(deltas.len());
    let plains: Vec<usize> =
        (sentence.start..first).filter(|&k| figs[k].role == Role::Plain && !is_percent(figs[k].figure)).collect();
    if plains.len() < n || (!percents.is_empty() && percents.len() != n) || (!deltas.is_empty() && deltas.len() != n) {
        return listed;
    }
    let currents = &plains[plains.len() - n..];
    for (i, &current) in currents.iter().enumerate() {
        let delta = deltas.get(i).copied();
        if delta.is_some_and(|d| !same_unit(figs[d].figure, figs[current].figure)) {
            continue;
        }
        let percent = percents.get(i).copied();
        if delta.is_none() || percent.is_none() {
            continue;
        }
        out.push(Relation::ChangeOf(Change {
            base: None,
            current: Some(figs[current].index),
            delta: delta.map(|d| figs[d].index),
            percent: percent.map(|p| figs[p].index),
            decrease,
            points: false,
            certain: true,
        }));
    }
    listed
}

/// The members of a list after `分别` (`分别为860人、1240人和410人`), from
/// its first member: the figures joined to it by list joiners, in its unit.
fn list_members(figs: &[Fig<'_>], first: usize, pack: &CompiledPack) -> Vec<usize> {
    let sentence = &figs[first].figure.sentence;
    let mut members = vec![first];
    let mut j = first + 1;
    // A member may carry its own name after the joiner: `分别为个体工商户5200户
    // 和企业3400户`, when the first member has one too.
    let named = !spaced(pack)
        && !pack
            .spec
            .linking
            .relations
            .respectively
            .iter()
            .any(|w| figs[first].lead.ends_with(w.as_str()) || figs[first].lead.ends_with(&format!("{w}为")));
    while j < figs.len()
        && figs[j].figure.sentence == *sentence
        && (is_joiner(figs[j].lead, pack)
            || (named && opens_with_joiner(figs[j].lead, pack) && figs[j].role == Role::Plain))
        && same_unit(figs[j].figure, figs[first].figure)
    {
        members.push(j);
        j += 1;
    }
    members
}

/// The names a `分别` list gives its members: `男子、女子和混合组分别为860人、
/// 1240人和410人` names 860人 `男子`. Only where names and members are as many.
fn list_names(figs: &[Fig<'_>], packs: &Packs) -> Vec<Option<String>> {
    let mut names = vec![None; figs.len()];
    for k in 0..figs.len() {
        let pack = &packs.packs[figs[k].figure.pack];
        let words = &pack.spec.linking.relations;
        let Some(at) = words.respectively.iter().filter_map(|w| figs[k].lead.find(w.as_str())).min() else { continue };
        if spaced(pack) {
            continue;
        }
        let members = list_members(figs, k, pack);
        let listed = &figs[k].lead[..at];
        let parts: Vec<&str> = listed
            .split(|c: char| words.list_joiners.iter().any(|j| j.chars().eq(std::iter::once(c))))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if members.len() >= 2 && parts.len() == members.len() {
            for (m, name) in members.iter().zip(parts) {
                names[*m] = Some(name.to_string());
            }
        }
    }
    names
}

/// True when `lead` opens with a list joiner (`和企业`).
fn opens_with_joiner(lead: &str, pack: &CompiledPack) -> bool {
    pack.spec.linking.relations.list_joiners.iter().any(|j| lead.starts_with(j.as_str()))
}

fn is_joiner(lead: &str, pack: &CompiledPack) -> bool {
    let joiners = &pack.spec.linking.relations.list_joiners;
    if spaced(pack) {
        // `A, B and C`, `A, B, and C`.
        let bare = lead.trim_matches(|c: char| c == ',' || c.is_whitespace());
        return (bare.is_empty() && lead.contains(',')) || joiners.iter().any(|j| bare.eq_ignore_ascii_case(j));
    }
    let lead = lead.trim();
    !lead.is_empty() && joiners.iter().any(|j| lead == j)
}

/// The character pairs of a text, sorted and deduplicated.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn shares_bigram(a: &str, b: &str) -> bool {
    let (a, b) = (bigrams(a), bigrams(b));
    a.iter().any(|p| b.binary_search(p).is_ok())
}

/// The total a part belongs to (`其中`), as an index into `figs`.
fn total_of(parts: &[(usize, usize)], k: usize) -> Option<usize> {
    parts.iter().find(|(p, _)| *p == k).map(|(_, t)| *t)
}

/// True when the figure counts what `stem` names, and whether it counts the
/// complement (`不合格` for `合格`). English matches word prefixes in order.
fn names_stem(fig: &Fig<'_>, stem: &str, text: &str, pack: &CompiledPack) -> Option<bool> {
    let words = &pack.spec.linking.relations;
    if spaced(pack) {
        let after_end = fig.figure.sentence.end.min(text.len()).max(fig.figure.span.end);
        let after = &text[fig.figure.span.end..after_end];
        let after = after.split(|c: char| c.is_ascii_digit() || is_clause_mark(c, pack)).next().unwrap_or("");
        // The noun phrase after a number ends at a conjunction, an article or
        // a verb (`41,250 applications and admitted 29,370`, `24 years the
        // unemployment rate`): what follows belongs to the next figure.
        let lower = after.to_lowercase();
        let cut = words.phrase_ends.iter().filter_map(|j| lower.find(&format!(" {j} "))).min().unwrap_or(after.len());
        let after = &after[..cut];
        // The figure's own words: the lead after its last phrase end (`and
        // admitted 29,370`), then the noun phrase after it.
        let lead = format!("{} ", fig.lead.to_ascii_lowercase());
        let own = words
            .phrase_ends
            .iter()
            .filter_map(|w| {
                lead.rfind(&format!("{w} ")).filter(|&i| i == 0 || lead.as_bytes()[i - 1] == b' ').map(|i| i + w.len())
            })
            .max()
            .map_or(lead.as_str(), |i| &lead[i..]);
        let around = format!("{own} {after}").to_lowercase().replace('-', " ");
        let said: Vec<&str> = around.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let stem: Vec<String> = stem.to_lowercase().replace('-', " ").split_whitespace().map(str::to_string).collect();
        if stem.is_empty() {
            return None;
        }
        let matches = |w: &str, s: &str| {
            let prefix: String = s.chars().take(5).collect();
            if s.chars().count() < 5 {
                w == s
            } else {
                w.starts_with(&prefix)
            }
        };
        let found = said.windows(stem.len()).position(|win| win.iter().zip(&stem).all(|(w, s)| matches(w, s)))?;
        let complement = found > 0 && words.complement_prefixes.iter().any(|p| said[found - 1] == p);
        return Some(complement);
    }
    let at = fig.clause.rfind(stem)?;
    let before = &fig.clause[..at];
    Some(words.complement_prefixes.iter().any(|p| before.ends_with(p.as_str())))
}

/// A rate by its own stem: `已办结44起，办结率95.7%`.
fn rate(
    figs: &[Fig<'_>],
    k: usize,
    parts: &[(usize, usize)],
    names: &[Option<String>],
    text: &str,
    pack: &CompiledPack,
) -> Option<Relation> {
    let fig = &figs[k];
    if !is_percent(fig.figure) {
        return None;
    }
    let linking = &pack.spec.linking;
    let label = fig.figure.label.trim();
    let stem = linking
        .rate_suffixes
        .iter()
        .chain(&linking.relations.share_suffixes)
        .find_map(|s| label.strip_suffix(s.as_str()))?
        .trim();
    let sentence = &fig.figure.sentence;
    let eligible = |j: usize| {
        let f = &figs[j];
        !is_percent(f.figure) && !is_points(f.figure) && matches!(f.role, Role::Plain | Role::To { .. })
    };
    // The stem, longest first: `一次检验合格` then `检验合格` … down to two characters.
    let stems: Vec<&str> = if spaced(pack) {
        let words: Vec<&str> = stem.split_whitespace().collect();
        (0..words.len())
            .map(|i| {
                let start = stem.find(words[i]).unwrap_or(0);
                &stem[start..]
            })
            .collect()
    } else {
        stem.char_indices().map(|(i, _)| &stem[i..]).filter(|s| s.chars().count() >= 2).collect()
    };
    let in_sentence: Vec<usize> = (0..k).rev().take_while(|&j| figs[j].figure.sentence == *sentence).collect();
    let found = stems.iter().find_map(|s| {
        in_sentence.iter().find_map(|&j| {
            if !eligible(j) {
                return None;
            }
            names_stem(&figs[j], s, text, pack).map(|c| (j, c, *s))
        })
    });
    // `抽查班车800班次，延误24班次，准时率97.0%`: a count of the opposite outcome.
    let found = found.or_else(|| {
        linking.relations.opposites.iter().find_map(|[outcome, opposite]| {
            if !stem.ends_with(outcome.as_str()) {
                return None;
            }
            in_sentence.iter().find_map(|&j| {
                let c = names_stem(&figs[j], opposite, text, pack).filter(|_| eligible(j))?;
                Some((j, !c, opposite.as_str()))
            })
        })
    });
    // `Of 4,312 scheduled sailings, 3,980 departed on time`: among a whole, the
    // first count after it, unless the stem names a count of its own.
    let among = among(figs, k, text, pack);
    let found = found.filter(|&(n, _, _)| among.is_none_or(|(_, d)| d != n));
    // `Of those calls, 6,420 led to an ambulance dispatch, a dispatch rate
    // of 18.7 percent`: among the count of those, stated before the sentence.
    if found.is_none() && among.is_none() && spaced(pack) {
        if let Some((n, d)) = among_those(figs, k, text, pack) {
            return Some(rate_relation(figs, k, n, d, false, true));
        }
    }
    if found.is_none() && among.is_none() && !spaced(pack) {
        if let Some((n, d)) = abbreviated(figs, stem, &in_sentence, &eligible, text, pack) {
            return Some(rate_relation(figs, k, n, d, false, true));
        }
    }
    let Some((numerator, complement, used)) = found else {
        // `全市874个城市社区中，已建成…的有862个，覆盖率98.6%`: among a whole.
        let (n, d) = among?;
        return Some(rate_relation(figs, k, n, d, false, true));
    };
    let n = figs[numerator].figure;
    // The whole: the numerator's total, else the count before it in its
    // sentence that is not itself a count of the stem, else (probable) a
    // count before in the paragraph that the numerator's sentence names.
    if let Some(total) = total_of(parts, numerator) {
        if same_unit(figs[total].figure, n) {
            return Some(rate_relation(figs, k, numerator, total, complement, true));
        }
    }
    let whole =
        |j: usize| eligible(j) && same_unit(figs[j].figure, n) && names_stem(&figs[j], used, text, pack).is_none();
    let before: Vec<usize> = (0..numerator).rev().take_while(|&j| figs[j].figure.sentence == *sentence).collect();
    if let Some(&d) = before.iter().find(|&&j| whole(j)) {
        let d = match total_of(parts, d) {
            Some(t) if same_unit(figs[t].figure, n) => t,
            _ => d,
        };
        return Some(rate_relation(figs, k, numerator, d, complement, true));
    }
    // `涉农贷款余额1240.6亿元…。…不良贷款余额18.4亿元，不良率1.48%`: the
    // whole is named by the numerator's label without the stem, in its paragraph.
    let mut negated = linking.relations.complement_prefixes.iter().map(|p| format!("{p}{used}"));
    let written = if complement { negated.rfind(|w| n.label.contains(w.as_str())) } else { None };
    let rest = if spaced(pack) { String::new() } else { n.label.replacen(written.as_deref().unwrap_or(used), "", 1) };
    let rest = crate::extract::label::normalise_han(rest.trim(), pack);
    if rest.chars().count() >= 2 && rest != figs[numerator].name {
        let named = (0..numerator)
            .rev()
            .take(SHARE_LOOKBACK)
            .take_while(|&j| !between(text, figs[j].figure.span.end, n.span.start).contains('\n'))
            .find(|&j| {
                whole(j)
                    && total_of(parts, j).is_none()
                    && (figs[j].name == rest || figs[j].figure.label.trim() == rest)
            });
        if let Some(d) = named {
            return Some(rate_relation(figs, k, numerator, d, complement, true));
        }
    }
    let sentence_text = between(text, sentence.start, n.span.start);
    let earlier = (0..numerator).rev().skip(before.len()).take(RATE_LOOKBACK);
    for j in earlier {
        if figs[j].figure.sentence.end + LINE_GAP < sentence.start
            || between(text, figs[j].figure.span.end, sentence.start).contains('\n')
        {
            break;
        }
        if !whole(j) || total_of(parts, j).is_some() {
            continue;
        }
        let d = figs[j].figure;
        let fits = matches!((d.interval.hi(), n.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
        let name = names[j].as_deref().unwrap_or(&d.label);
        // `计划新建口袋公园48个…。目前已开工44个，开工率91.7%`: a plan's count
        // is the whole of the progress made on it.
        let planned = !spaced(pack) && linking.relations.plans.iter().any(|p| d.label.trim().starts_with(p.as_str()));
        if fits && planned {
            return Some(rate_relation(figs, k, numerator, j, complement, true));
        }
        if fits && shares_bigram(name, sentence_text) {
            // `全程、半程…分别为12000人、…。全程马拉松完赛11624人`: the numerator's
            // label opens with the whole's very name.
            let restated = name.trim().chars().count() >= 2 && n.label.trim().starts_with(name.trim());
            return Some(rate_relation(figs, k, numerator, j, complement, restated));
        }
    }
    None
}

/// A rate whose counts are both written (`Of 9,789 departures, 7,694 left on
/// time and 2,095 were delayed, an on-time rate of 78.6 percent`;
/// `抽检1200批次，合格1182批次，不合格18批次，合格率98.5%`): the count of the
/// opposite outcome, or of the stem's negation, in the rate's sentence gives
/// the rate too, as one less its share of the same whole.
fn opposite_rate(figs: &[Fig<'_>], k: usize, found: &Relation, text: &str, pack: &CompiledPack) -> Option<Relation> {
    let Relation::RateOf { numerator, denominator, complement: found_complement, certain, .. } = *found else {
        return None;
    };
    let linking = &pack.spec.linking;
    let label = figs[k].figure.label.trim();
    let stem = linking.rate_suffixes.iter().find_map(|s| label.strip_suffix(s.as_str()))?.trim();
    let sentence = &figs[k].figure.sentence;
    let position = |index: usize| figs.iter().position(|f| f.index == index);
    let (n, d) = (position(numerator)?, position(denominator)?);
    let unit = figs[n].figure;
    (0..k).rev().take_while(|&j| figs[j].figure.sentence == *sentence).filter(|&j| j != n && j != d).find_map(|j| {
        let f = &figs[j];
        if is_percent(f.figure) || !matches!(f.role, Role::Plain) || !same_unit(f.figure, unit) {
            return None;
        }
        let opposite = linking.relations.opposites.iter().any(|[outcome, opposite]| {
            if spaced(pack) {
                // `2,095 were delayed`: the words after the count, to its clause's end.
                let stem = stem.to_lowercase().replace('-', " ");
                let end = figs.get(j + 1).map_or(sentence.end, |g| g.figure.span.start).max(f.figure.span.end);
                let after = between(text, f.figure.span.end, end);
                let after = after.split(|c| is_clause_mark(c, pack)).next().unwrap_or("").to_lowercase();
                let said: Vec<&str> = after.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                let opposite: Vec<&str> = opposite.split_whitespace().collect();
                stem.contains(outcome.as_str()) && said.windows(opposite.len()).any(|w| w == opposite.as_slice())
            } else {
                stem.ends_with(outcome.as_str()) && names_stem(f, opposite, text, pack) == Some(false)
            }
        });
        let negated = !spaced(pack) && names_stem(f, stem, text, pack) == Some(true);
        // The count of the stem itself when the rate was found by its
        // complement (`合格1960批次，不合格40批次，合格率98.0%`).
        let own = !spaced(pack) && names_stem(f, stem, text, pack) == Some(false);
        let fits = if found_complement { own } else { opposite || negated };
        fits.then(|| Relation::RateOf {
            rate: figs[k].index,
            numerator: f.index,
            denominator: figs[d].index,
            complement: !found_complement,
            certain,
        })
    })
}

/// A rate whose stem names no count in full (counts before the rate in its
/// sentence, nearest first):
/// - a stem that abbreviates a verb and its object (`发现线路缺陷820处，已消除797处，
///   消缺率97.2%`; `受理投诉案件540件，已办结506件，结案率…` is found in full): its
///   first character opens the numerator's verb, its last stands in the
///   whole's label before it;
/// - a stem that names the whole, then what became of it (`新增授信150亿元，已发放
///   贷款126亿元，授信转化率84.0%`; `下达预算资金12亿元，已支付10.8亿元，预算执行率
///   90.0%`): the count its first word names is the whole, and the one count of
///   the unit after it, before the rate, the numerator.
fn abbreviated(
    figs: &[Fig<'_>],
    stem: &str,
    in_sentence: &[usize],
    eligible: &dyn Fn(usize) -> bool,
    text: &str,
    pack: &CompiledPack,
) -> Option<(usize, usize)> {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() == 2 {
        let (first, last) = (chars[0], chars[1]);
        let n = in_sentence
            .iter()
            .copied()
            .find(|&j| eligible(j) && figs[j].lead.contains(first) && !figs[j].lead.contains(last))?;
        let d = in_sentence.iter().copied().filter(|&j| j < n).find(|&j| {
            let said = format!("{}{}", figs[j].lead, figs[j].figure.label);
            eligible(j) && same_unit(figs[j].figure, figs[n].figure) && said.contains(last) && !said.contains(first)
        });
        return d.map(|d| (n, d));
    }
    // The whole's name, then a verb of two characters (`授信` + `转化`).
    if chars.len() >= 4 {
        let split = chars.len() - 2;
        let prefix: String = chars[..split].iter().collect();
        let &d =
            in_sentence.iter().find(|&&j| eligible(j) && names_stem(&figs[j], &prefix, text, pack) == Some(false))?;
        let after: Vec<usize> = in_sentence
            .iter()
            .copied()
            .filter(|&j| j > d && eligible(j) && same_unit(figs[j].figure, figs[d].figure))
            .collect();
        let holds = |n: usize| matches!((figs[d].figure.interval.hi(), figs[n].figure.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
        if let [n] = after[..] {
            return holds(n).then_some((n, d));
        }
    }
    None
}

/// How many figures before a rate's sentence may be its whole.
const RATE_LOOKBACK: usize = 8;
/// Slack between sentences of one paragraph.
const LINE_GAP: usize = 4;

fn rate_relation(
    figs: &[Fig<'_>],
    rate: usize,
    numerator: usize,
    denominator: usize,
    complement: bool,
    certain: bool,
) -> Relation {
    Relation::RateOf {
        rate: figs[rate].index,
        numerator: figs[numerator].index,
        denominator: figs[denominator].index,
        complement,
        certain,
    }
}

/// A share or ratio: `占出口总值的56.5%`, `为年度任务3.2万人的106.3%`,
/// `22.5 percent of maintenance costs of $14.6 million`; a list of shares
/// after `分别` (`分别占全部货运量的24.6%、70.1%和5.3%`) pairs with the list
/// of counts before it.
fn share(
    figs: &[Fig<'_>],
    k: usize,
    parts: &[(usize, usize)],
    names: &[Option<String>],
    text: &str,
    pack: &CompiledPack,
) -> Vec<Relation> {
    let fig = &figs[k];
    let ratio = is_percent(fig.figure) || fig.figure.unit.as_deref() == Some("倍");
    if !ratio || fig.role != Role::Plain {
        return Vec::new();
    }
    let words = &pack.spec.linking.relations;
    let sentence = &fig.figure.sentence;
    let same_sentence = |j: &usize| figs[*j].figure.sentence == *sentence;
    let counts = |f: &Fig<'_>| !is_percent(f.figure) && matches!(f.role, Role::Plain | Role::To { .. });
    let numerator_before = |limit: usize, unit_of: &Figure| {
        (0..limit).rev().take_while(same_sentence).find(|&j| counts(&figs[j]) && same_unit(figs[j].figure, unit_of))
    };
    // A whole written in the share's words: `为年度任务3.2万人的106.3%`.
    if !spaced(pack) && words.ratio_closers.iter().any(|c| fig.lead.trim_start_matches(['）', ')']) == c) {
        let Some(d) = k.checked_sub(1).filter(same_sentence) else { return Vec::new() };
        let opened = words.ratio_copulas.iter().chain(&words.share_markers).any(|c| figs[d].lead.contains(c.as_str()));
        if opened && !is_percent(figs[d].figure) {
            // `全年新增就业人数为年度任务3.2万人的106.3%`: the subject before the
            // copula names the numerator, else the count before in the sentence.
            let subject = words
                .ratio_copulas
                .iter()
                .filter_map(|c| figs[d].lead.find(c.as_str()))
                .min()
                .map_or("", |at| &figs[d].lead[..at]);
            let n = subject_count(figs, d, subject, figs[d].figure, parts, names, text, pack)
                .or_else(|| numerator_before(d, figs[d].figure));
            if let Some(n) = n {
                return vec![rate_relation(figs, k, n, d, false, true)];
            }
        }
        return Vec::new();
    }
    // A whole named in the ratio's words: `已筹集2.36万套，完成年度任务的102.6%`.
    if !spaced(pack) {
        let lead = fig.lead.trim_start_matches(['）', ')']);
        let closed = words.ratio_closers.iter().find(|c| lead.ends_with(c.as_str()));
        let copula = words.ratio_copulas.iter().filter_map(|c| lead.find(c.as_str()).map(|i| (i, c))).min();
        if let (Some(closer), Some((at, copula))) = (closed, copula) {
            let named = &lead[at + copula.len()..lead.len() - closer.len()];
            let core = whole_core(named, pack);
            let subject = &lead[..at];
            if core.chars().count() >= 2 && !named.chars().any(|c| c.is_ascii_digit()) {
                let n = (0..k).rev().take_while(same_sentence).find(|&j| counts(&figs[j]));
                let n = n.and_then(|last| {
                    subject_count(figs, k, subject, figs[last].figure, parts, names, text, pack).or(Some(last))
                });
                if let Some(n) = n {
                    if let Some((d, alone)) = named_whole(figs, n, &[n], &core, parts, names, text, pack) {
                        let near = figs[d].figure.sentence.start + PARAGRAPH_SPAN >= sentence.start;
                        return vec![rate_relation(figs, k, n, d, false, alone || near)];
                    }
                }
            }
            return Vec::new();
        }
    }
    // English: `P percent of … $58.2 million`.
    if spaced(pack) {
        let d = k + 1;
        if d < figs.len() && same_sentence(&d) {
            let between = figs[d].lead.to_lowercase();
            let first = between.split_whitespace().next().unwrap_or("");
            let of = words.share_of.iter().any(|w| w == first) && between.split_whitespace().count() <= SHARE_WORDS;
            if of && figs[d].role == Role::Plain && !is_percent(figs[d].figure) {
                if let Some(n) = numerator_before(k, figs[d].figure) {
                    return vec![rate_relation(figs, k, n, d, false, true)];
                }
            }
            // `64.0 percent of residents: 3,200 of the 5,000
            // residents`: with no count before it, the two counts after
            // it, one `of` the other.
            let whole = d + 1;
            let none_before = (0..k).rev().take_while(same_sentence).all(|j| !counts(&figs[j]));
            if none_before && whole < figs.len() && same_sentence(&whole) && counts(&figs[d]) && counts(&figs[whole]) {
                let joined = figs[whole].lead.to_lowercase();
                let first = joined.split_whitespace().next().unwrap_or("");
                let of = words.share_of.iter().any(|w| w == first) && joined.split_whitespace().count() <= 2;
                if of && figs[d].role == Role::Plain && same_unit(figs[d].figure, figs[whole].figure) {
                    return vec![rate_relation(figs, k, d, whole, false, true)];
                }
            }
        }
        // `make up 71.0 percent of the portfolio`, `flew 928,795 of the month's
        // passengers, a share of 38.4 percent`: a whole named by its noun.
        let Some(n) = (0..k).rev().take_while(same_sentence).find(|&j| counts(&figs[j])) else { return Vec::new() };
        let noun = of_noun(text, fig.figure.span.end, k + 1, figs, pack)
            .or_else(|| of_noun(text, figs[n].figure.span.end, n + 1, figs, pack));
        if let Some(noun) = noun {
            if let Some((d, certain)) = whole_by_noun(figs, n, &noun, text, pack) {
                return vec![rate_relation(figs, k, n, d, false, certain)];
            }
        }
        return Vec::new();
    }
    // `占X的Y%`: the whole is named X.
    let Some(marker) = words.share_markers.iter().filter_map(|m| fig.lead.rfind(m.as_str()).map(|i| (i, m))).max()
    else {
        return Vec::new();
    };
    let named = &fig.lead[marker.0 + marker.1.len()..];
    let named = named.split(|c| words.ratio_closers.iter().any(|r| r.starts_with(c))).next().unwrap_or("");
    let core = whole_core(named, pack);
    // The numerators: the count the share's clause follows, or, for a list
    // of shares after `分别`, the list of counts before it, member by member.
    let respectively = words.respectively.iter().any(|w| fig.lead.contains(w.as_str()));
    let shares = if respectively { list_members(figs, k, pack) } else { vec![k] };
    let Some(last) = (0..k).rev().take_while(same_sentence).find(|&j| counts(&figs[j])) else { return Vec::new() };
    let numerators: Vec<usize> = if respectively {
        let mut run = vec![last];
        let mut j = last;
        while j > 0
            && is_joiner(figs[j].lead, pack)
            && same_sentence(&(j - 1))
            && same_unit(figs[j - 1].figure, figs[last].figure)
        {
            j -= 1;
            run.push(j);
        }
        run.reverse();
        if run.len() != shares.len() {
            return Vec::new();
        }
        run
    } else {
        vec![last]
    };
    let n = numerators[0];
    let whole = if core.is_empty() {
        // `其中新能源汽车4.6万辆，占38.2%`: the numerator's total.
        if !named.trim().is_empty() {
            return Vec::new();
        }
        match total_of(parts, n) {
            Some(t) => (t, true),
            None => match among(figs, k, text, pack) {
                Some((among_n, d)) if among_n == n => (d, true),
                _ => return Vec::new(),
            },
        }
    } else {
        // A whole named by its short form (`外贸总值` for `进出口总值`).
        let whole = named_whole(figs, n, &numerators, &core, parts, names, text, pack).or_else(|| {
            words.short_forms.iter().find_map(|pair| match &pair[..] {
                [short, long] if core.contains(short.as_str()) => {
                    named_whole(figs, n, &numerators, &core.replace(short.as_str(), long), parts, names, text, pack)
                }
                _ => None,
            })
        });
        match whole {
            // Certain when near, or when the whole is named by its very label
            // and no other figure bears it (`占全市接待游客总量的23.3%` with the
            // one `接待游客` of the release, `占火灾总数的39.8%` with the one `火灾`).
            // The whole of which the numerator is a part is certain too
            // (`从起火场所看，住宅火灾512起，占火灾总数的39.8%` under `接报火灾1286起`).
            Some((d, exact_and_alone)) => {
                let exact_and_alone = exact_and_alone || total_of(parts, n) == Some(d);
                // Near when the whole's measure is stated close before the share,
                // though the whole taken is an earlier statement of it.
                let near = (0..k).any(|j| {
                    figs[j].key == figs[d].key && figs[j].figure.sentence.start + PARAGRAPH_SPAN >= sentence.start
                });
                (d, exact_and_alone || near)
            }
            None => return Vec::new(),
        }
    };
    let (d, certain) = whole;
    let mut out = Vec::new();
    for (&share, &n) in shares.iter().zip(&numerators) {
        let (num, den) = (figs[n].figure, figs[d].figure);
        let fits = matches!((den.interval.hi(), num.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
        // A numerator named as a part of the whole (`出口机电产品` of `出口总值`,
        // `住宅火灾` of `火灾总数`) cannot exceed it: when it does, a figure is wrong,
        // not the reading.
        if !fits && !linking_allows_over(&figs[share], pack) && !names_part_of(&figs[n], &core) {
            return Vec::new();
        }
        out.push(rate_relation(figs, share, n, d, false, certain));
    }
    out
}

/// The most words of a noun on either side of a ratio's `per` word.
const PER_WORDS: usize = 3;

/// A ratio of two counts named by their nouns: `0.6 vacancies for every
/// unemployed person` (labour), `2.4 nurses per doctor` (health): a count of
/// the release whose clause names the first noun over one whose clause names
/// the second (each by its longest word). Several counts may name a noun
/// (this period's and the last's): the pair whose quotient comes nearest the
/// ratio is taken, so a finding means no reading of the release fits it.
fn per_ratio(figs: &[Fig<'_>], k: usize, text: &str, pack: &CompiledPack) -> Option<Relation> {
    let words = &pack.spec.linking.relations;
    let fig = &figs[k];
    if words.per_words.is_empty() || fig.role != Role::Plain || fig.figure.unit.is_some() || fig.figure.cell {
        return None;
    }
    let sentence = &fig.figure.sentence;
    let end = figs.get(k + 1).filter(|g| g.figure.sentence == *sentence).map_or(sentence.end, |g| g.figure.span.start);
    let after = between(text, fig.figure.span.end, end.max(fig.figure.span.end));
    let after = after.split(|c: char| is_clause_mark(c, pack)).next().unwrap_or("").to_lowercase();
    if after.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let said: Vec<&str> = after.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let (at, len) = words
        .per_words
        .iter()
        .filter_map(|p| {
            let p: Vec<&str> = p.split(' ').collect();
            said.windows(p.len()).position(|w| w == p.as_slice()).map(|i| (i, p.len()))
        })
        .min()?;
    let skip = |w: &&&str| !words.phrase_ends.iter().any(|p| p == **w) && **w != "one";
    let first: Vec<&str> = said[..at].iter().filter(skip).copied().collect();
    let second: Vec<&str> = said[at + len..].iter().filter(skip).copied().collect();
    if !(1..=PER_WORDS).contains(&first.len()) || !(1..=PER_WORDS).contains(&second.len()) {
        return None;
    }
    let longest = |ws: &[&str]| ws.iter().copied().max_by_key(|w| w.chars().count()).unwrap_or("").to_string();
    let (top, bottom) = (longest(&first), longest(&second));
    // A count over a span of time is a pace, not a ratio of two counts:
    // `500,000 jobs per month` (payrolls), `40 inspections a week` (safety).
    let timed = |noun: &str| {
        let nouns = &pack.spec.labels.not_counted_nouns;
        nouns.iter().any(|t| t == noun || t.strip_suffix('s') == Some(noun) || same_noun(t, noun))
    };
    if timed(&top) || timed(&bottom) {
        return None;
    }
    let names = |j: usize, noun: &str| {
        let g = &figs[j];
        let next = figs.get(j + 1).map_or(g.figure.sentence.end, |h| h.figure.span.start.min(g.figure.sentence.end));
        let tail = between(text, g.figure.span.end, next.max(g.figure.span.end));
        let tail = tail.split(|c: char| is_clause_mark(c, pack)).next().unwrap_or("");
        let said = format!("{} {}", g.clause, tail.split_whitespace().take(PER_WORDS).collect::<Vec<_>>().join(" "));
        said.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| same_noun(w, noun))
    };
    let count = |j: usize| {
        j != k && figs[j].figure.unit.is_none() && matches!(figs[j].role, Role::Plain | Role::To { .. } | Role::Base)
    };
    let tops: Vec<usize> = (0..figs.len()).filter(|&j| count(j) && names(j, &top)).collect();
    let bottoms: Vec<usize> = (0..figs.len()).filter(|&j| count(j) && names(j, &bottom)).collect();
    let stated = fig.figure.interval.scaled(Decimal::ONE_HUNDRED);
    let gap = |n: usize, d: usize| -> Option<Decimal> {
        let computed = Interval::percent_of(&figs[n].figure.interval, &figs[d].figure.interval)?;
        if computed.intersects(&stated) {
            return Some(Decimal::ZERO);
        }
        let (c_lo, c_hi, s_lo, s_hi) = (computed.lo()?, computed.hi()?, stated.lo()?, stated.hi()?);
        Some(if c_hi < s_lo { s_lo - c_hi } else { c_lo - s_hi })
    };
    let (_, n, d) = tops
        .iter()
        .flat_map(|&n| bottoms.iter().filter(move |&&d| d != n).map(move |&d| (n, d)))
        .filter_map(|(n, d)| gap(n, d).map(|g| (g, n, d)))
        .min()?;
    Some(rate_relation(figs, k, n, d, false, true))
}

/// A sentence opening with `Of those NOUN,`: the first count after it among
/// the nearest count before the sentence, in its paragraph, whose measure's
/// last word is the noun.
fn among_those(figs: &[Fig<'_>], k: usize, text: &str, pack: &CompiledPack) -> Option<(usize, usize)> {
    let words = &pack.spec.linking.relations;
    let sentence = &figs[k].figure.sentence;
    let n = (0..k).rev().take_while(|&j| figs[j].figure.sentence == *sentence).last()?;
    let head = between(text, sentence.start, figs[n].figure.span.start).to_lowercase();
    let said: Vec<&str> = head.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let [of, those, noun] = said[..] else { return None };
    if !words.among_openers.iter().any(|w| w == of) || !words.anaphors.iter().any(|w| w == those) {
        return None;
    }
    let f = &figs[n];
    if is_percent(f.figure) || f.role != Role::Plain {
        return None;
    }
    let last_word =
        |s: &str| s.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("").to_lowercase();
    let d = (0..n)
        .rev()
        .take(RATE_LOOKBACK)
        .take_while(|&j| !between(text, figs[j].figure.span.end, f.figure.span.start).contains("\n\n"))
        .find(|&j| {
            let g = &figs[j];
            !is_percent(g.figure)
                && matches!(g.role, Role::Plain | Role::To { .. })
                && same_unit(g.figure, f.figure)
                && same_noun(&last_word(&g.key.label), noun)
        })?;
    let holds = matches!((figs[d].figure.interval.hi(), f.figure.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
    holds.then_some((n, d))
}

/// A rate defined by two named counts of its sentence (`operating income reached
/// $18.3 million, an operating margin of 6.4 percent` after `operating revenue
/// was $286 million`).
fn defined_rate(figs: &[Fig<'_>], k: usize, pack: &CompiledPack) -> Option<Relation> {
    let f = &figs[k];
    if !is_percent(f.figure) || f.role != Role::Plain {
        return None;
    }
    let split = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let ends = &pack.spec.linking.relations.phrase_ends;
    // A count's own words: the noun phrase right before it and its copula
    // (`and operating income was`), else its label.
    let said = |j: usize| {
        let mut words = split(figs[j].lead);
        while words.last().is_some_and(|w| ends.contains(w)) {
            words.pop();
        }
        let own: Vec<String> = words.iter().rev().take(OWN_WORDS).cloned().collect();
        if own.is_empty() || j == k {
            split(&format!("{} {}", figs[j].figure.label, figs[j].key.label))
        } else {
            own
        }
    };
    let has = |j: usize, list: &[String]| {
        let words = said(j);
        list.iter().any(|w| words.iter().any(|x| x == &w.to_lowercase()))
    };
    let sentence = &f.figure.sentence;
    for defined in &pack.spec.linking.relations.defined_rates {
        if !has(k, &defined.rate) {
            continue;
        }
        let counts = || {
            (0..k).rev().take_while(|&j| figs[j].figure.sentence == *sentence).filter(|&j| {
                let g = &figs[j];
                !is_percent(g.figure) && matches!(g.role, Role::Plain | Role::To { .. })
            })
        };
        let n = counts().find(|&j| has(j, &defined.of) && !has(j, &defined.per))?;
        let d = counts().find(|&j| has(j, &defined.per) && !has(j, &defined.of))?;
        if !same_unit(figs[n].figure, figs[d].figure) {
            return None;
        }
        return Some(rate_relation(figs, k, n, d, false, true));
    }
    None
}

/// The most words before an English count that name it.
const OWN_WORDS: usize = 4;

/// The head noun of `of the NOUN` right after `at` in its clause, before the
/// figure `next`: `of the portfolio` → `portfolio`, `of the month's passengers`
/// → `passengers`; for `of the system total`, `total` (a sum word).
fn of_noun(text: &str, at: usize, next: usize, figs: &[Fig<'_>], pack: &CompiledPack) -> Option<String> {
    let words = &pack.spec.linking.relations;
    let sentence_end = figs.get(next.saturating_sub(1)).map_or(text.len(), |f| f.figure.sentence.end);
    let end = figs.get(next).map_or(text.len(), |f| f.figure.span.start).min(sentence_end).max(at);
    let after = between(text, at, end);
    let after = after.split(|c: char| is_clause_mark(c, pack) && c != '\'').next().unwrap_or("").to_lowercase();
    let said: Vec<&str> = after.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let (first, rest) = said.split_first()?;
    if !words.share_of.iter().any(|w| w == first) || rest.is_empty() || rest.len() > SHARE_WORDS {
        return None;
    }
    rest.iter().rev().find(|w| !w.ends_with("'s") && !words.phrase_ends.iter().any(|p| p == *w)).map(|w| w.to_string())
}

/// True when two English words name one thing: equal, or sharing their first
/// five letters (`passengers`, `passenger`; `admissions`, `admission`).
fn same_noun(a: &str, b: &str) -> bool {
    let prefix = |s: &str| s.chars().take(5).collect::<String>();
    a == b || (a.chars().count() >= 5 && b.chars().count() >= 5 && prefix(a) == prefix(b))
}

/// The whole an English share names by its noun, before the numerator `n`:
/// a count (stated or reached) whose measure's last word is the noun, or,
/// for `the total`, the numerator's own noun. Best: the measure is the noun
/// itself; certain when every such count that can hold the numerator states
/// one measure.
fn whole_by_noun(figs: &[Fig<'_>], n: usize, noun: &str, text: &str, pack: &CompiledPack) -> Option<(usize, bool)> {
    let words = &pack.spec.linking.relations;
    let last_word =
        |s: &str| s.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("").to_string();
    // `12,460 sailings, 41.2 percent of the network total`: the numerator's noun.
    let noun = if words.sum_words.iter().any(|w| w == noun) {
        let after = text.get(figs[n].figure.span.end..).unwrap_or("");
        after.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("").to_lowercase()
    } else {
        noun.to_string()
    };
    if noun.is_empty() {
        return None;
    }
    let unit = figs[n].figure;
    let holds =
        |c: usize| matches!((figs[c].figure.interval.hi(), unit.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for j in (0..n).rev().take(SHARE_LOOKBACK) {
        let f = &figs[j];
        if is_percent(f.figure) || !matches!(f.role, Role::Plain | Role::To { .. }) || !same_unit(f.figure, unit) {
            continue;
        }
        // Last period's value (`when 1,846,310 visitors entered the park`)
        // is no whole of this period's count.
        let prior = |g: &Fig<'_>| g.key.frame.iter().any(|w| w == PREVIOUS);
        if f.key == figs[n].key || prior(f) != prior(&figs[n]) {
            continue;
        }
        let label = f.key.label.to_lowercase();
        let words = f.figure.label.to_lowercase();
        let quality = if same_noun(&label, &noun) {
            2
        } else if same_noun(&last_word(&label), &noun) || words.split_whitespace().any(|w| same_noun(w, &noun)) {
            1
        } else {
            0
        };
        if quality > 0 && holds(j) {
            found.push((quality, j));
        }
    }
    let best = found.iter().map(|&(q, _)| q).max()?;
    let of_best: Vec<usize> = found.iter().filter(|&&(q, _)| q == best).map(|&(_, j)| j).collect();
    let nearest = of_best[0];
    let certain = of_best.iter().all(|&j| figs[j].key == figs[nearest].key);
    Some((nearest, certain))
}

/// What a whole's name counts: the name without the words that say nothing
/// of it (`全市接待游客总量` → `接待游客`, `年度任务` → `任务`).
fn whole_core(named: &str, pack: &CompiledPack) -> String {
    let mut core = named.to_string();
    for w in &pack.spec.linking.relations.whole_words {
        core = core.replace(w.as_str(), "");
    }
    core.trim().to_string()
}

/// The count a ratio's subject names (`全年营造林面积为…` names `完成营造林28.6万亩`):
/// the nearest count of the unit before `before` in its paragraph, neither a
/// part nor a list member, whose measure's words the subject holds.
#[allow(clippy::too_many_arguments)]
fn subject_count(
    figs: &[Fig<'_>],
    before: usize,
    subject: &str,
    unit: &Figure,
    parts: &[(usize, usize)],
    names: &[Option<String>],
    text: &str,
    pack: &CompiledPack,
) -> Option<usize> {
    let subject = whole_core(subject, pack);
    if subject.chars().count() < 2 {
        return None;
    }
    let start = figs[before].figure.span.start;
    (0..before)
        .rev()
        .take(SHARE_LOOKBACK)
        .take_while(|&j| !between(text, figs[j].figure.span.end, start).contains('\n'))
        .find(|&j| {
            let f = &figs[j];
            let said = [f.name.as_str(), f.key.label.as_str(), f.figure.label.as_str()];
            // The subject holds the label (`营造林`) or a run of three of its
            // characters (`完成营造林` in `营造林面积`).
            let names_it = |w: &str| (w.chars().count() >= 2 && subject.contains(w)) || common_run(w, &subject) >= 3;
            !is_percent(f.figure)
                && matches!(f.role, Role::Plain | Role::To { .. })
                && same_unit(f.figure, unit)
                && total_of(parts, j).is_none()
                && names[j].is_none()
                && said.iter().any(|w| names_it(w))
        })
}

/// True when `label` is `core` and then its verb (`邮政行业业务收入累计完成` for
/// `邮政行业业务收入`): what follows the name ends with a copula.
fn stated_with(label: &str, core: &str, copulas: &[String]) -> bool {
    label.strip_prefix(core).is_some_and(|rest| !rest.is_empty() && copulas.iter().any(|c| rest.ends_with(c.as_str())))
}

/// The length in characters of the longest run two texts share.
fn common_run(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (i, y) in b.iter().enumerate() {
            let above = row[i + 1];
            row[i + 1] = if x == y { diagonal + 1 } else { 0 };
            best = best.max(row[i + 1]);
            diagonal = above;
        }
    }
    best
}

/// The figure named `core` before the numerator `n`: a count of its unit that
/// is not a part, a list member or a table cell, whose label is the name
/// (best), ends with it, or holds it; with whether its label is the very
/// name and no candidate of another measure's is.
#[allow(clippy::too_many_arguments)]
fn named_whole(
    figs: &[Fig<'_>],
    n: usize,
    numerators: &[usize],
    core: &str,
    parts: &[(usize, usize)],
    names: &[Option<String>],
    text: &str,
    pack: &CompiledPack,
) -> Option<(usize, bool)> {
    let copulas = &pack.spec.linking.relations.ratio_copulas;
    let unit = figs[n].figure;
    let mut best: Option<(usize, usize)> = None;
    let mut found: Vec<(usize, usize)> = Vec::new();
    // The measures of the figures named by the very name: one measure stated
    // twice (`2486.73亿元` and `近2500亿元`) is still one whole.
    let mut exact: Vec<&MeasureKey> = Vec::new();
    for j in (0..n).rev().take(SHARE_LOOKBACK) {
        let f = &figs[j];
        if is_percent(f.figure) || f.role != Role::Plain || !same_unit(f.figure, unit) || numerators.contains(&j) {
            continue;
        }
        // Nor is the numerator's own measure restated (its table cell).
        if in_table_row(text, f) || f.key == figs[n].key {
            continue;
        }
        let label = f.figure.label.trim();
        // A part or a list member is a sub-scope: it is the whole only when
        // its label is the very name (`其中，出口2915.4亿元` for `出口总值`).
        let sub_scope = total_of(parts, j).is_some() || names[j].is_some();
        if sub_scope && label != core {
            continue;
        }
        // A figure whose measure narrows the name to a scope (`大型银行` before
        // `普惠型小微企业贷款余额`) only ends with it.
        let scoped = f.key.is_dependent() || (f.key.label.len() > core.len() && f.key.label.ends_with(core));
        // The label read like the name: without its whole words (`营业总收入`).
        let label_core = whole_core(label, pack);
        let quality = if (label == core || f.name == core || label_core == core) && !scoped {
            EXACT
        } else if label.chars().count() >= 2
            && (label.ends_with(core)
                || core.ends_with(label)
                || stated_with(label, core, copulas)
                || (core.chars().count() >= 2 && label_core.ends_with(core)))
        {
            2
        } else if label.chars().count() >= 2
            && (label.contains(core) || core.contains(label) || holds_spread(label, core))
        {
            1
        } else {
            0
        };
        if quality == EXACT && !exact.contains(&f.key) {
            exact.push(f.key);
        }
        // Wholes are stated before their parts: the earliest of the best.
        if quality > 0 && best.is_none_or(|(q, _)| quality >= q) {
            best = Some((quality, j));
        }
        if quality > 0 {
            found.push((quality, j));
        }
    }
    // The numerator's own total (`从起火场所看，住宅火灾512起` under `接报火灾1286起`),
    // when the name fits it, is the whole, though the lead restated it.
    if let Some(t) = total_of(parts, n) {
        if found.iter().any(|&(q, j)| j == t && q >= 2) {
            return Some((t, true));
        }
    }
    let (q, j) = best?;
    if q == EXACT {
        return Some((j, exact.len() == 1));
    }
    // A name the whole's label ends with (`占事故总数的` for `道路交通事故1862起`): the
    // whole is certain when every such figure that can hold the numerator
    // states one measure.
    let holds =
        |c: usize| matches!((figs[c].figure.interval.hi(), unit.interval.lo()), (Some(hi), Some(lo)) if hi >= lo);
    let fitting: Vec<usize> = found.iter().filter(|&&(cq, c)| cq == q && holds(c)).map(|&(_, c)| c).collect();
    // A whole holds its part and the parts beside it: the greatest that fits
    // (a table's total row, not one of the rows that can hold the part).
    let j = fitting.iter().copied().max_by_key(|&c| (figs[c].figure.interval.hi(), std::cmp::Reverse(c))).unwrap_or(j);
    let alone = q >= 2 && !fitting.is_empty() && fitting.iter().all(|&c| figs[c].key == figs[j].key);
    Some((j, alone))
}

/// The quality of a whole whose label is the very name.
const EXACT: usize = 3;

/// True when a figure stands on a Markdown table row (`| 合计 | … |`).
fn in_table_row(text: &str, f: &Fig<'_>) -> bool {
    text[f.line..f.figure.span.start].trim_start().starts_with('|')
}

/// True when a count's name holds the core of a whole's name (`出口机电产品`
/// holds `出口`): the count is one part of that whole.
fn names_part_of(fig: &Fig<'_>, core: &str) -> bool {
    core.chars().count() >= 2 && fig.name != core && fig.name.contains(core)
}

/// True when `label` holds `core` with words inserted inside it: its first
/// and last two characters in order (`最高用电负荷` for `最高负荷`, `社会消费品
/// 零售总额` for `社会零售总额`). A name shortened in a share's words.
fn holds_spread(label: &str, core: &str) -> bool {
    let chars: Vec<char> = core.chars().collect();
    if chars.len() < 4 {
        return false;
    }
    let head: String = chars[..2].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    label.find(&head).is_some_and(|at| label[at + head.len()..].contains(&tail))
}

fn linking_allows_over(fig: &Fig<'_>, pack: &CompiledPack) -> bool {
    pack.spec.linking.not_shares.iter().any(|w| fig.figure.label.contains(w.as_str()))
}

/// How many figures back a named whole is looked for.
const SHARE_LOOKBACK: usize = 80;
/// Within this many bytes before the share's sentence, a named whole is certain.
const PARAGRAPH_SPAN: usize = 400;
/// The most words between an English share and the whole it is `of`.
const SHARE_WORDS: usize = 5;

/// Sums: `T，分别为a、b和c`; `按X分，A和B分别为a和b` under the total before;
/// `T（a、b）`; `a，b，合计T`.
fn sums(
    figs: &[Fig<'_>],
    names: &[Option<String>],
    headings: &[Option<usize>],
    heading_used: &[usize],
    text: &str,
    packs: &Packs,
    out: &mut Vec<Relation>,
) {
    // The members of lists already read: a list is not the total of the next.
    let mut used: Vec<usize> = heading_used.to_vec();
    let mut k = 0;
    while k < figs.len() {
        let pack = &packs.packs[figs[k].figure.pack];
        let words = &pack.spec.linking.relations;
        let sentence = figs[k].figure.sentence.clone();
        let same_sentence = |j: usize| figs[j].figure.sentence == sentence;
        let members = |from: usize| list_members(figs, from, pack);
        let f = &figs[k];
        let plain_count = |j: usize| !is_percent(figs[j].figure) && figs[j].role == Role::Plain;
        // `分别为a、b和c`.
        let respectively = words.respectively.iter().any(|w| f.lead.contains(w.as_str()));
        if respectively && plain_count(k) && !spaced(pack) {
            let parts = members(k);
            if parts.len() >= 2 {
                let opens_clause = words.respectively.iter().any(|w| f.lead.starts_with(w.as_str()));
                let previous = k.checked_sub(1).filter(|&p| same_sentence(p));
                // `4.82万户，分别为…`: the total closes the clause before.
                let direct = previous.filter(|&p| {
                    opens_clause
                        && plain_count(p)
                        && same_unit(figs[p].figure, f.figure)
                        && between(text, figs[p].figure.span.end, f.figure.span.start)
                            .trim_start()
                            .starts_with(|c: char| is_clause_mark(c, pack))
                });
                // A list whose names hold the rest (`A、B和其他业务分别为…`) is the
                // whole partition of the nearest count of its unit before it in
                // its sentence (`营业总收入86.47亿元中，`).
                let rest = names[k].is_some()
                    && parts.iter().any(|&p| {
                        names[p].as_deref().is_some_and(|n| words.rest_words.iter().any(|w| n.contains(w.as_str())))
                    });
                let direct = direct.or_else(|| {
                    rest.then(|| {
                        (0..k)
                            .rev()
                            .take(SHARE_LOOKBACK)
                            .take_while(|&j| one_sentence(text, figs[j].figure.span.end, f.figure.span.start))
                            .find(|&j| plain_count(j) && same_unit(figs[j].figure, f.figure) && !used.contains(&j))
                    })
                    .flatten()
                });
                // A named list right after a count of its unit, across rates only
                // (`完成新增就业3.4万人，城镇、农村…分别为…`; `报名选手2510人，录取率
                // 48.6%，男子、女子和混合组分别为…`): the names partition that count.
                let direct = direct.or_else(|| {
                    names[k].as_ref()?;
                    // Only names, then `分别为`: `对欧盟、美国分别进出口…` names scopes
                    // beside the count before, not its parts.
                    let lead = f.lead.trim_end();
                    let bare = words.respectively.iter().any(|w| {
                        lead.ends_with(w.as_str())
                            || words.base_copulas.iter().any(|c| lead.ends_with(&format!("{w}{c}")))
                    });
                    if !bare {
                        return None;
                    }
                    let p = (0..k).rev().take_while(|&j| same_sentence(j)).find(|&j| !is_percent(figs[j].figure))?;
                    let next = figs[p + 1].figure.span.start;
                    (plain_count(p)
                        && same_unit(figs[p].figure, f.figure)
                        && !used.contains(&p)
                        && between(text, figs[p].figure.span.end, next)
                            .trim_start()
                            .starts_with(|c: char| is_clause_mark(c, pack)))
                    .then_some(p)
                });
                let total = direct.map(|t| (t, true)).or_else(|| {
                    // A partition under a heading (`从区域看，`) or `其中`: the
                    // nearest count of the unit before the sentence's list.
                    let head = between(text, sentence.start, f.figure.span.start);
                    let partition = headings[k].is_some()
                        || pack.spec.linking.part_markers.iter().any(|m| head.contains(m.as_str()));
                    if parts.iter().any(|&p| averaged(&figs[p], pack)) {
                        return None;
                    }
                    if !partition {
                        return None;
                    }
                    (0..k)
                        .rev()
                        .take(SHARE_LOOKBACK)
                        .take_while(|&j| !between(text, figs[j].figure.span.end, f.figure.span.start).contains('\n'))
                        .find(|&j| plain_count(j) && same_unit(figs[j].figure, f.figure) && !used.contains(&j))
                        .map(|t| (t, true))
                });
                // A list of what a total word names (`国内和海外业务收入分别为…`
                // after `营业总收入23.81亿元`; `城镇和乡村人口分别为…` after `总人口`):
                // the one count of its unit before it in the paragraph labelled
                // `总` and the list's noun. Probable: a list may leave some out.
                let total = total.or_else(|| {
                    let lead = f.lead.trim();
                    let cut = words.respectively.iter().filter_map(|w| lead.find(w.as_str())).min()?;
                    let stem = &lead[..cut];
                    let prefixes = &words.total_prefixes;
                    if parts.iter().any(|&p| averaged(&figs[p], pack))
                        || prefixes.iter().any(|t| stem.contains(t.as_str()))
                    {
                        return None;
                    }
                    let named = |j: usize| {
                        let label = figs[j].figure.label.trim();
                        prefixes.iter().any(|t| {
                            label.rfind(t.as_str()).is_some_and(|i| {
                                let noun = &label[i + t.len()..];
                                noun.chars().count() >= 2 && stem.ends_with(noun)
                            })
                        })
                    };
                    let found: Vec<usize> = (0..k)
                        .rev()
                        .take(SHARE_LOOKBACK)
                        .take_while(|&j| !between(text, figs[j].figure.span.end, f.figure.span.start).contains('\n'))
                        .filter(|&j| plain_count(j) && same_unit(figs[j].figure, f.figure) && !used.contains(&j))
                        .filter(|&j| !averaged(&figs[j], pack) && named(j))
                        .collect();
                    match found[..] {
                        [t] => Some((t, false)),
                        _ => None,
                    }
                });
                // Sub-scopes of an average (`平均到场时间…；分区域看，城区和郊县分别为…`)
                // do not add up to it.
                let total = total.filter(|&(t, _)| !averaged(&figs[t], pack));
                used.extend(parts.iter().copied());
                if let Some((total, certain)) = total {
                    out.push(Relation::SumOf {
                        total: figs[total].index,
                        parts: parts.iter().map(|&p| figs[p].index).collect(),
                        certain,
                    });
                }
                k += parts.len();
                continue;
            }
        }
        // `12个大中型港口（大型港口3个、中型港口9个）`.
        if plain_count(k) && k + 2 < figs.len() + 1 && !spaced(pack) {
            // The parenthesis follows the figure's noun: `28座大中型水库（`.
            let after = &text[f.figure.span.end..];
            let open = after
                .char_indices()
                .take(PAREN_NOUN_CHARS)
                .take_while(|&(_, c)| !is_clause_mark(c, pack) && !c.is_ascii_digit())
                .find(|&(_, c)| matches!(c, '（' | '('))
                .map(|(i, _)| i);
            if let Some(open) = open {
                let after = &after[open..];
                let close = after.find(['）', ')']).map(|c| f.figure.span.end + open + c);
                if let Some(close) = close {
                    let inside: Vec<usize> =
                        ((k + 1)..figs.len()).take_while(|&j| figs[j].figure.span.end <= close).collect();
                    let all_fit = inside.len() >= 2
                        && inside.iter().all(|&j| plain_count(j) && same_unit(figs[j].figure, f.figure))
                        && inside.iter().skip(1).all(|&j| {
                            is_joiner(
                                figs[j]
                                    .lead
                                    .trim_start_matches(|c: char| !c.is_alphanumeric() && !"、和及与".contains(c)),
                                pack,
                            ) || figs[j].lead.starts_with('、')
                        });
                    if all_fit {
                        out.push(Relation::SumOf {
                            total: f.index,
                            parts: inside.iter().map(|&j| figs[j].index).collect(),
                            certain: true,
                        });
                    }
                }
            }
        }
        // `…，合计612.47万人`: the counts of the unit before it in its sentence.
        // The sum word opens the total's words (`合计新增托位980个`); in English
        // it stands right before it (`a total of 8,835,100`). Only in prose:
        // a table's rows are summed by nobody here.
        let mut lead = f.lead.trim_end();
        while let Some(p) = words.change_particles.iter().find(|p| ends_with_word(lead, p, pack)) {
            let cut = if spaced(pack) { lead.to_ascii_lowercase().rfind(p.as_str()) } else { lead.rfind(p.as_str()) };
            let Some(cut) = cut.filter(|&c| c < lead.len()) else { break };
            lead = lead[..cut].trim_end();
        }
        let totals = words.sum_words.iter().any(|w| {
            if spaced(pack) {
                ends_with_word(lead, w, pack)
            } else {
                lead.contains(w.as_str())
            }
        });
        if totals && plain_count(k) {
            let parts: Vec<usize> = (0..k)
                .rev()
                .take_while(|&j| same_sentence(j) && same_unit(figs[j].figure, f.figure) && plain_count(j))
                .collect();
            let tabular = parts.last().is_some_and(|&first| {
                between(text, figs[first].figure.sentence.start.max(figs[first].line), f.figure.span.end)
                    .lines()
                    .any(|line| line.trim_start().starts_with('|') || line.trim().contains(TABLE_GAP))
            });
            if parts.len() >= 2 && !tabular {
                let mut parts = parts;
                parts.reverse();
                out.push(Relation::SumOf {
                    total: f.index,
                    parts: parts.iter().map(|&p| figs[p].index).collect(),
                    certain: true,
                });
            }
        }
        k += 1;
    }
}

/// The partition heading each figure stands under: where the heading clause
/// (`从区域看，`, `按消费类型分，`) starts, when one opens its sentence or a
/// segment after a semicolon before the figure. A heading reaches to the end
/// of its sentence or to the next heading. One pass over each sentence's
/// text, so the cost is linear in its length.
fn headings(figs: &[Fig<'_>], text: &str, packs: &Packs) -> Vec<Option<usize>> {
    let mut out = vec![None; figs.len()];
    let mut current: Option<usize> = None;
    // Where the scan stands, and whether the text just before it opens a segment.
    let mut pos = 0;
    let mut opens = true;
    for k in 0..figs.len() {
        let f = figs[k].figure;
        let pack = &packs.packs[f.pack];
        let new_sentence = k == 0 || figs[k - 1].figure.sentence != f.sentence;
        if new_sentence {
            // A heading reaches over semicolons (`按消费类型分，商品零售…；餐饮收入…`),
            // not past a full stop or a line.
            let previous_end = k.checked_sub(1).map_or(0, |p| figs[p].figure.span.end);
            let stop = between(text, previous_end, f.sentence.start)
                .chars()
                .any(|c| c != '；' && c != ';' && (is_clause_mark(c, pack) && SEGMENT_MARKS.contains(&c) || c == '\n'));
            if k == 0 || stop || f.sentence.start < previous_end {
                current = None;
            }
            pos = f.sentence.start;
            opens = true;
        }
        if f.span.start < pos {
            out[k] = current;
            continue;
        }
        let gap = &text[pos..f.span.start];
        // The complete clauses of the gap: each piece that a clause mark ends.
        let mut clause_start = pos;
        for (i, c) in gap.char_indices() {
            if !is_clause_mark(c, pack) || (c == ',' && thousands_comma(text, pos + i)) {
                continue;
            }
            let clause = text[clause_start..pos + i].trim();
            if opens && is_partition_heading(clause, pack) {
                current = Some(clause_start);
            }
            opens = SEGMENT_MARKS.contains(&c);
            clause_start = pos + i + c.len_utf8();
        }
        // The figure's own clause opens no segment for the next.
        if clause_start < f.span.start && !text[clause_start..f.span.start].trim().is_empty() {
            opens = false;
        }
        pos = f.span.end.max(pos);
        out[k] = current;
    }
    out
}

/// True when no full stop or line break stands between `a` and `b`: one
/// sentence, though semicolons may cut it into clauses of their own.
fn one_sentence(text: &str, a: usize, b: usize) -> bool {
    !between(text, a, b).contains(['。', '！', '？', '!', '?', '\n'])
}

/// A rest (`已销号186件，销号率93.0%，剩余14件`): a count after a rest word is
/// the first count of its unit in its sentence less the others before it, so
/// the others and the rest add up to the first. Sub-parts (`其中`) are no parts.
fn remainders(figs: &[Fig<'_>], parts: &[(usize, usize)], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    for k in 0..figs.len() {
        let f = &figs[k];
        let pack = &packs.packs[f.figure.pack];
        let words = &pack.spec.linking.relations;
        let lead = f.lead.trim();
        if f.role != Role::Plain
            || is_percent(f.figure)
            || is_points(f.figure)
            || f.figure.unit.is_none()
            || !words.rest_words.iter().any(|w| ends_with_word(lead, w, pack))
        {
            continue;
        }
        let before: Vec<usize> = (0..k)
            .rev()
            .take(SHARE_LOOKBACK)
            .take_while(|&j| one_sentence(text, figs[j].figure.span.end, f.figure.span.start))
            .filter(|&j| {
                let g = &figs[j];
                g.role == Role::Plain && same_unit(g.figure, f.figure) && total_of(parts, j).is_none()
            })
            .collect();
        let Some((&total, others)) = before.split_last() else {
            if let Some(rest) = rest_of_rate(figs, k, text, out) {
                out.push(rest);
            }
            continue;
        };
        if others.is_empty() || averaged(&figs[total], pack) {
            continue;
        }
        let mut members: Vec<usize> = others.iter().rev().map(|&j| figs[j].index).collect();
        members.push(f.index);
        out.push(Relation::SumOf { total: figs[total].index, parts: members, certain: true });
    }
}

/// A rest with no whole in its sentence, followed by the name of the whole of
/// a rate stated before it (`全县640个自然村中，已有602个通上…，通达率94.1%` …
/// `加快推进剩余38个自然村…`; `排查隐患企业320家，已整改296家，整改率92.5%` …
/// `督促剩余24家企业…`): the rate's count and the rest add up to its whole.
/// Only a certain rate of counts in the rest's unit, and only one such whole.
fn rest_of_rate(figs: &[Fig<'_>], k: usize, text: &str, out: &[Relation]) -> Option<Relation> {
    let f = &figs[k];
    let after = text.get(f.figure.span.end..)?;
    let base = figs.first()?.index;
    let mut found: Option<(usize, usize)> = None;
    for relation in out {
        let Relation::RateOf { numerator, denominator, complement: false, certain: true, .. } = *relation else {
            continue;
        };
        let (Some(n), Some(d)) = (numerator.checked_sub(base), denominator.checked_sub(base)) else { continue };
        if n >= k || d >= k || !same_unit(figs[n].figure, f.figure) || !same_unit(figs[d].figure, f.figure) {
            continue;
        }
        let label = figs[d].figure.label.trim();
        let named = [figs[d].name.as_str(), label].iter().any(|w| w.chars().count() >= 2 && after.starts_with(w));
        if !named {
            continue;
        }
        if found.is_some_and(|pair| pair != (n, d)) {
            return None;
        }
        found = Some((n, d));
    }
    let (n, d) = found?;
    Some(Relation::SumOf { total: figs[d].index, parts: vec![figs[n].index, f.index], certain: true })
}

/// How far before a sentence a total its parts add up to is looked for.
const SIBLING_SPAN: usize = 800;
/// The fewest significant digits a figure must have for a slip in it to
/// relate parts to a total no words tie them to.
const SIBLING_DIGITS: usize = 3;

/// Parts with no words that make them parts, read by their sum: the counts of
/// one unit stated side by side in a sentence (`国有银行、股份制银行和城市商业银行
/// 贷款分别为…`; `Domestic traffic rose … to 1,862,415 passengers, while
/// international traffic grew … to 556,321 passengers`) add up to the total a
/// reader finds before them, when their sum is that total, or would be if one
/// figure read as a slip of its digits. The first count of a sentence may be
/// the total of the rest when a part marker or an anaphora opens them
/// (`3,106 students …, of whom 2,241 … and 865 …`). A total before the
/// sentence must share a word of its label with every part that has a label:
/// `快递业务量` is no total of `揽收快件` and `投递快件`.
/// Sums that miss every total by more than a slip relate nothing, so only a
/// figure mistyped raises a finding, never a sum a release does not state.
fn sibling_totals(figs: &[Fig<'_>], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    let countable = |f: &Fig<'_>| {
        matches!(f.role, Role::Plain | Role::To { .. })
            && !is_percent(f.figure)
            && !is_points(f.figure)
            && !f.figure.cell
            && !in_table_row(text, f)
    };
    let mut start = 0;
    while start < figs.len() {
        let sentence = figs[start].figure.sentence.clone();
        let end = start + figs[start..].iter().take_while(|f| f.figure.sentence == sentence).count();
        let mut units: Vec<&Option<String>> = Vec::new();
        for f in &figs[start..end] {
            if countable(f) && !units.contains(&&f.figure.unit) {
                units.push(&f.figure.unit);
            }
        }
        for unit in units {
            let members: Vec<usize> =
                (start..end).filter(|&k| countable(&figs[k]) && figs[k].figure.unit == *unit).collect();
            if members.len() < 2 {
                continue;
            }
            // The first count of the sentence as the total of the rest, when a
            // part marker or an anaphora (`of whom`) opens the rest.
            let pack = &packs.packs[figs[members[0]].figure.pack];
            let opens_parts = || {
                let gap =
                    between(text, figs[members[0]].figure.span.end, figs[members[1]].figure.span.start).to_lowercase();
                let spec = &pack.spec;
                spec.linking.part_markers.iter().chain(&spec.labels.anaphora).any(|m| gap.contains(&m.to_lowercase()))
            };
            if members.len() >= 3 && opens_parts() && sibling_sum(figs, members[0], &members[1..], out) {
                continue;
            }
            let floor = figs[start].figure.span.start.saturating_sub(SIBLING_SPAN);
            let earlier: Vec<usize> = (0..start)
                .rev()
                .take_while(|&j| figs[j].figure.span.start >= floor)
                .filter(|&j| {
                    countable(&figs[j])
                        && figs[j].figure.unit == *unit
                        && members.iter().all(|&m| {
                            let theirs = sibling_labels(figs, m, pack);
                            theirs.is_empty()
                                || sibling_labels(figs, j, pack)
                                    .iter()
                                    .any(|a| theirs.iter().any(|b| related_labels(a, b)))
                        })
                })
                .collect();
            for exact in [true, false] {
                if earlier.iter().any(|&t| sum_fits(figs, t, &members, exact) && sibling_sum(figs, t, &members, out)) {
                    break;
                }
            }
        }
        start = end;
    }
}

/// What a figure's labels name, for [`sibling_totals`]: its key's label and
/// its label as written, and for a member of a `分别` list the words before
/// `分别` (`小麦、玉米和大豆播种面积`), which name what each member counts.
fn sibling_labels<'a>(figs: &'a [Fig<'_>], k: usize, pack: &CompiledPack) -> Vec<&'a str> {
    let f = &figs[k];
    let respectively = &pack.spec.linking.relations.respectively;
    let list = (0..=k)
        .rev()
        .take_while(|&j| figs[j].figure.sentence == f.figure.sentence)
        .find_map(|j| respectively.iter().find_map(|w| figs[j].lead.find(w.as_str()).map(|at| &figs[j].lead[..at])))
        .filter(|_| !spaced(pack));
    [f.key.label.as_str(), f.figure.label.trim()].into_iter().chain(list).filter(|l| !l.is_empty()).collect()
}

/// Records `parts` as adding up to `total` when they do, or would with one
/// figure read as a slip, unless a relation already says so.
fn sibling_sum(figs: &[Fig<'_>], total: usize, parts: &[usize], out: &mut Vec<Relation>) -> bool {
    if !sum_fits(figs, total, parts, true) && !sum_fits(figs, total, parts, false) {
        return false;
    }
    let total_index = figs[total].index;
    let part_indices: Vec<usize> = parts.iter().map(|&p| figs[p].index).collect();
    let known = out.iter().any(|r| match r {
        Relation::SumOf { parts: known, .. } => part_indices.iter().any(|p| known.contains(p)),
        Relation::PartOf { part, total } => *total == total_index && part_indices.contains(part),
        _ => false,
    });
    if !known {
        out.push(Relation::SumOf { total: total_index, parts: part_indices, certain: false });
    }
    true
}

/// Whether `parts` add up to `total` (`exact`), or would if one of them, or
/// the total, read as a slip of its digits: the figures are then all as written,
/// with no qualifier, and the slipped one has three significant digits or more.
fn sum_fits(figs: &[Fig<'_>], total: usize, parts: &[usize], exact: bool) -> bool {
    let interval = |k: usize| &figs[k].figure.interval;
    if exact {
        return Interval::sum(parts.iter().map(|&p| interval(p))).is_some_and(|sum| sum.intersects(interval(total)));
    }
    let point = |k: usize| Some(figs[k].figure.value).filter(|_| figs[k].figure.qualifier.is_none());
    let Some(whole) = point(total) else { return false };
    let Some(values) = parts.iter().map(|&p| point(p)).collect::<Option<Vec<Decimal>>>() else { return false };
    let Some(sum) = values.iter().try_fold(Decimal::ZERO, |a, &v| a.checked_add(v)) else { return false };
    let long = |v: Decimal| crate::slip::significant_digits(v).len() >= SIBLING_DIGITS;
    let slips =
        |written: Decimal, needed: Decimal| long(written) && crate::slip::values_slip(written, false, needed, false);
    if slips(whole, sum) {
        return true;
    }
    values.iter().any(|&v| {
        sum.checked_sub(v).and_then(|others| whole.checked_sub(others)).is_some_and(|needed| slips(v, needed))
    })
}

/// True when two labels share a word (spaced text) or a pair of characters.
fn related_labels(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3).map(str::to_lowercase).collect::<Vec<_>>()
    };
    if a.is_ascii() || b.is_ascii() {
        let b = words(b);
        return words(a).iter().any(|w| b.contains(w));
    }
    shares_bigram(a, b)
}

/// Balances (`总收入186.32亿元…；总支出162.85亿元…；当期结余23.47亿元`): the count
/// a balance word labels is the nearest count before it in its sentence
/// labelled as the flow in, less the nearest labelled as the flow out; that
/// is, the flow out and the balance add up to the flow in.
fn balances(figs: &[Fig<'_>], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    for k in 0..figs.len() {
        let f = &figs[k];
        let pack = &packs.packs[f.figure.pack];
        if f.role != Role::Plain || is_percent(f.figure) || is_points(f.figure) || f.figure.unit.is_none() {
            continue;
        }
        let label = f.figure.label.as_str();
        let has = |label: &str, words: &[String]| words.iter().any(|w| label.contains(w.as_str()));
        for balance in &pack.spec.linking.relations.balances {
            if !has(label, &balance.leaves) {
                continue;
            }
            let earlier = || {
                (0..k)
                    .rev()
                    .take(SHARE_LOOKBACK)
                    .take_while(|&j| one_sentence(text, figs[j].figure.span.end, f.figure.span.start))
                    .filter(|&j| {
                        let g = &figs[j];
                        g.role == Role::Plain
                            && same_unit(g.figure, f.figure)
                            && !has(&g.figure.label, &balance.leaves)
                            && !averaged(g, pack)
                    })
            };
            let named = |j: usize, words: &[String], other: &[String]| {
                has(&figs[j].figure.label, words) && !has(&figs[j].figure.label, other)
            };
            let from = earlier().find(|&j| named(j, &balance.from, &balance.less));
            let less = earlier().find(|&j| named(j, &balance.less, &balance.from));
            if let (Some(from), Some(less)) = (from, less) {
                out.push(Relation::SumOf {
                    total: figs[from].index,
                    parts: vec![figs[less].index, f.index],
                    certain: true,
                });
                break;
            }
        }
    }
}

/// Per-head figures (`公共绿地面积3600万平方米，按常住人口800万人计算，人均公共绿地
/// 面积4.5平方米`; `地区生产总值…，常住人口…，人均地区生产总值…`): a figure labelled with a
/// per-head word is the count its label names without that word, divided by
/// the persons counted in its sentence. All three stand in one sentence.
fn per_heads(figs: &[Fig<'_>], packs: &Packs, out: &mut Vec<Relation>) {
    for k in 0..figs.len() {
        let f = &figs[k];
        let pack = &packs.packs[f.figure.pack];
        let words = &pack.spec.linking.relations;
        if f.role != Role::Plain || is_percent(f.figure) || f.figure.unit.is_none() {
            continue;
        }
        let label = f.figure.label.trim();
        let Some(named) = words.per_head.iter().find_map(|w| label.strip_prefix(w.as_str())) else { continue };
        let named = named.trim();
        if named.chars().count() < 2 {
            continue;
        }
        let before = || {
            (0..k)
                .rev()
                .take_while(|&j| figs[j].figure.sentence == f.figure.sentence)
                .filter(|&j| figs[j].role == Role::Plain && !is_percent(figs[j].figure))
        };
        let total = before().find(|&j| {
            let g = &figs[j];
            same_unit(g.figure, f.figure) && (g.name == named || g.figure.label.trim() == named)
        });
        let persons = before().find(|&j| {
            let unit = figs[j].figure.unit.as_deref().unwrap_or("");
            words.head_units.iter().any(|u| u == unit)
        });
        if let (Some(total), Some(persons)) = (total, persons) {
            out.push(Relation::RateOf {
                rate: f.index,
                numerator: figs[total].index,
                denominator: figs[persons].index,
                complement: false,
                certain: true,
            });
        }
    }
}

/// Partitions the reader knows (`partitions`: 城市 and 农村, full-time and
/// part-time): counts of one unit in one sentence whose labels differ only by
/// the members of a partition, all of them, add up to their whole: the total
/// of their `其中`, else the nearest count before them whose label is what
/// their labels share (`城乡留守儿童2.96万人，其中城市留守儿童0.71万人、农村留守儿童
/// 2.25万人`; `Port freight reached 15,355 tonnes. International freight made up
/// 9,240 tonnes and domestic freight 6,115 tonnes`).
fn partitions(figs: &[Fig<'_>], parts: &[(usize, usize)], packs: &Packs, out: &mut Vec<Relation>) {
    let mut k = 0;
    while k < figs.len() {
        let sentence = figs[k].figure.sentence.clone();
        let end = k + figs[k..].iter().take_while(|f| f.figure.sentence == sentence).count();
        let pack = &packs.packs[figs[k].figure.pack];
        let words = &pack.spec.linking.relations;
        let range = k..end;
        k = end;
        for partition in &words.partitions {
            // English labels are read word by word; the measure's words hold
            // what a bare label leaves out (`to 556,321 passengers`).
            let label = |j: usize| {
                if spaced(pack) {
                    format!("{} {}", figs[j].figure.label.trim(), figs[j].key.label).to_lowercase()
                } else {
                    figs[j].figure.label.trim().to_lowercase()
                }
            };
            let holds = |l: &str, m: &str| {
                if spaced(pack) {
                    l.split(|c: char| !c.is_alphanumeric() && c != '-').any(|w| w == m)
                } else {
                    l.contains(m)
                }
            };
            // Each member's count: the one count of the sentence whose label holds it.
            let mut members: Vec<(usize, String)> = Vec::new();
            for m in partition {
                let m = m.to_lowercase();
                let of: Vec<usize> = range
                    .clone()
                    .filter(|&j| {
                        let f = &figs[j];
                        f.role != Role::Base
                            && !matches!(f.role, Role::Delta { .. } | Role::Percent { .. } | Role::Points { .. })
                            && !is_percent(f.figure)
                            && holds(&label(j), &m)
                            && partition.iter().filter(|o| holds(&label(j), &o.to_lowercase())).count() == 1
                    })
                    .collect();
                let [j] = of[..] else { break };
                if averaged(&figs[j], pack) {
                    break;
                }
                // What the member qualifies: the rest of the label, in English
                // the noun after it (`full-time students numbered` → `students`).
                let rest = if spaced(pack) {
                    // The word after the member where it is written before the
                    // count (`and domestic cargo for 8,411`).
                    let clause = figs[j].clause.to_lowercase();
                    let words: Vec<&str> =
                        clause.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
                    words
                        .iter()
                        .rposition(|w| *w == m)
                        .and_then(|i| words.get(i + 1))
                        .map_or(String::new(), |w| w.to_string())
                } else {
                    label(j).replacen(&m, "", 1).trim().to_string()
                };
                members.push((j, rest));
            }
            if members.len() != partition.len() {
                continue;
            }
            let rest = &members[0].1;
            let unit = figs[members[0].0].figure;
            if rest.chars().count() < 2 || members.iter().any(|(j, r)| r != rest || !same_unit(figs[*j].figure, unit)) {
                continue;
            }
            let first = members.iter().map(|(j, _)| *j).min().unwrap_or_default();
            let total = total_of(parts, first).filter(|&t| {
                members.iter().all(|(j, _)| total_of(parts, *j) == Some(t)) && holds_phrase(&label(t), rest, pack)
            });
            // What the members count: in English the last word of their
            // measures (`domestic traffic passenger` → `passenger`).
            let last_word = |j: usize| {
                let key = figs[j].key.label.to_lowercase();
                key.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("").to_string()
            };
            let counted = last_word(members[0].0);
            let counted = (spaced(pack) && members.iter().all(|(j, _)| last_word(*j) == counted)).then_some(counted);
            let total = total.or_else(|| {
                (0..first).rev().take(SHARE_LOOKBACK).find(|&j| {
                    let g = &figs[j];
                    // A stated level, this period's.
                    let level = matches!(g.role, Role::Plain | Role::To { .. });
                    // A whole holds each of its parts.
                    let holds_parts = members.iter().all(|(p, _)| {
                        matches!((g.figure.interval.hi(), figs[*p].figure.interval.lo()), (Some(hi), Some(lo)) if hi >= lo)
                    });
                    level
                        && holds_parts
                        && !is_percent(g.figure)
                        && !g.key.frame.iter().any(|w| w == PREVIOUS)
                        && same_unit(g.figure, unit)
                        && total_of(parts, j).is_none()
                        && !averaged(g, pack)
                        && (holds_phrase(&label(j), rest, pack)
                            || counted.as_deref().is_some_and(|c| c.chars().count() >= 3 && last_word(j) == c))
                        && !partition.iter().any(|m| holds(&label(j), &m.to_lowercase()))
                })
            });
            let Some(total) = total else { continue };
            let mut listed: Vec<usize> = members.iter().map(|(j, _)| figs[*j].index).collect();
            listed.sort_unstable();
            out.push(Relation::SumOf { total: figs[total].index, parts: listed, certain: true });
        }
    }
}

/// A `其中` list that names the rest (`受理投诉520件，其中商品类310件、服务类180件、
/// 其他30件`; `新增市场主体1.2万户，其中企业4800户、个体工商户6900户、其他300户`) is the
/// whole partition of its total: its parts add up to it.
fn rest_parts(
    figs: &[Fig<'_>],
    parts: &[(usize, usize)],
    names: &[Option<String>],
    packs: &Packs,
    out: &mut Vec<Relation>,
) {
    let mut totals: Vec<usize> = parts.iter().map(|&(_, t)| t).collect();
    totals.sort_unstable();
    totals.dedup();
    for t in totals {
        let pack = &packs.packs[figs[t].figure.pack];
        let words = &pack.spec.linking.relations;
        let of: Vec<usize> = parts.iter().filter(|&&(_, total)| total == t).map(|&(p, _)| p).collect();
        let one_list = of.iter().all(|&p| {
            figs[p].figure.sentence == figs[of[0]].figure.sentence
                && same_unit(figs[p].figure, figs[t].figure)
                && names[p].is_none()
                && figs[p].role == Role::Plain
        });
        let rest = of.iter().any(|&p| {
            let label = figs[p].figure.label.trim();
            words.rest_words.iter().any(|w| label.starts_with(w.as_str()))
        });
        if of.len() >= 2 && one_list && rest && !spaced(pack) {
            let mut listed: Vec<usize> = of.iter().map(|&p| figs[p].index).collect();
            listed.sort_unstable();
            out.push(Relation::SumOf { total: figs[t].index, parts: listed, certain: true });
        }
    }
}

/// True when `label` holds `phrase`: as words in English, as text in Chinese.
fn holds_phrase(label: &str, phrase: &str, pack: &CompiledPack) -> bool {
    if spaced(pack) {
        let words: Vec<&str> =
            label.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
        let phrase: Vec<&str> = phrase.split_whitespace().collect();
        !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase.as_slice())
    } else {
        label.contains(phrase)
    }
}

/// Marks after which a new segment of a sentence starts (a heading may open it).
const SEGMENT_MARKS: [char; 4] = ['；', ';', '。', '：'];

/// True when the comma at `i` groups thousands (`41,250`).
fn thousands_comma(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// True when `clause` is a partition heading (`从区域看`, `按设备种类分`).
fn is_partition_heading(clause: &str, pack: &CompiledPack) -> bool {
    let words = &pack.spec.linking.relations;
    !spaced(pack)
        && clause.chars().count() <= PARTITION_CHARS
        && clause.chars().count() > 2
        && !clause.chars().any(|c| c.is_ascii_digit())
        && words.partition_openers.iter().any(|o| clause.starts_with(o.as_str()))
        && words.partition_closers.iter().any(|c| clause.ends_with(c.as_str()))
}

/// True when the figure's words say it is an average or a per-head figure
/// (`平均降水量`, `人均`): sub-scopes of an average do not add up to it.
fn averaged(fig: &Fig<'_>, pack: &CompiledPack) -> bool {
    let per = &pack.spec.linking.per_words;
    per.iter().any(|w| fig.figure.label.contains(w.as_str()) || fig.clause.contains(w.as_str()))
}

/// Parts under a partition heading written one by one, without `分别`
/// (`从建设方式看，新建1180套，改建960套，收购存量房220套`): the counts of
/// one unit under the heading add up to the nearest count of that unit
/// before it in the paragraph (`已筹集2360套`); a single one
/// (`从起火场所看，住宅火灾512起`) is a part of it when the two labels share
/// a word. Sub-parts (`其中`), changes, rates and averages are no parts; a
/// heading over a `分别` list is left to [`sums`]. Returns the figures used
/// as parts, which no later list may take as its total.
fn heading_parts(
    figs: &[Fig<'_>],
    doc: &[Mention],
    headings: &[Option<usize>],
    packs: &Packs,
    parts: &mut Vec<(usize, usize)>,
    out: &mut Vec<Relation>,
) -> Vec<usize> {
    let mut used: Vec<usize> = Vec::new();
    // The members of `分别` lists: parts of their own partition, no totals.
    let mut listed: Vec<usize> = Vec::new();
    for k in 0..figs.len() {
        let pack = &packs.packs[figs[k].figure.pack];
        if !listed.contains(&k)
            && pack.spec.linking.relations.respectively.iter().any(|w| figs[k].lead.contains(w.as_str()))
        {
            listed.extend(list_members(figs, k, pack));
        }
    }
    let mut k = 0;
    while k < figs.len() {
        let Some(heading) = headings[k] else {
            k += 1;
            continue;
        };
        let end = k + headings[k..].iter().take_while(|h| **h == Some(heading)).count();
        let group = k..end;
        k = end;
        let pack = &packs.packs[figs[group.start].figure.pack];
        let words = &pack.spec.linking.relations;
        if group.clone().any(|j| words.respectively.iter().any(|w| figs[j].lead.contains(w.as_str()))) {
            continue;
        }
        let part = |j: usize| {
            let f = &figs[j];
            f.role == Role::Plain
                && !is_percent(f.figure)
                && !is_points(f.figure)
                && f.figure.unit.is_some()
                && total_of(parts, j).is_none()
                && !averaged(f, pack)
        };
        let members: Vec<usize> = group.clone().filter(|&j| part(j)).collect();
        let mut units: Vec<&Option<String>> = members.iter().map(|&j| &figs[j].figure.unit).collect();
        units.dedup();
        units.sort();
        units.dedup();
        for unit in units {
            let of_unit: Vec<usize> = members.iter().copied().filter(|&j| figs[j].figure.unit == *unit).collect();
            let first = of_unit[0];
            let total = (0..group.start)
                .rev()
                .take_while(|&j| doc[j].paragraph == doc[first].paragraph)
                .filter(|&j| figs[j].figure.span.end <= heading)
                .find(|&j| {
                    let f = &figs[j];
                    f.role == Role::Plain
                        && f.figure.unit == *unit
                        && !is_percent(f.figure)
                        && !used.contains(&j)
                        && !listed.contains(&j)
                        && headings[j].is_none()
                        && total_of(parts, j).is_none()
                });
            let Some(total) = total else { continue };
            // A heading that changes the period (`从单月看`) breaks down no total
            // of another period.
            let frame = |j: usize| &doc[j].key.frame;
            if averaged(&figs[total], pack) || of_unit.iter().any(|&j| frame(j) != frame(total)) {
                continue;
            }
            if of_unit.len() >= 2 {
                out.push(Relation::SumOf {
                    total: figs[total].index,
                    parts: of_unit.iter().map(|&j| figs[j].index).collect(),
                    certain: true,
                });
            } else if shares_bigram(&figs[first].name, &figs[total].name) {
                out.push(Relation::PartOf { part: figs[first].index, total: figs[total].index });
            } else {
                continue;
            }
            parts.extend(of_unit.iter().map(|&j| (j, total)));
            used.extend(of_unit);
        }
    }
    used
}

/// The most characters between a figure and a parenthesis of its parts.
const PAREN_NOUN_CHARS: usize = 12;

/// The longest partition heading (`按经营单位所在地分`).
const PARTITION_CHARS: usize = 12;

/// One thing a relation says must hold: the figure judged, the values its
/// other figures give it, and the formula that gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub judged: usize,
    pub computed: Interval,
    pub formula: String,
}

impl Change {
    /// What the change's figures say of each other, given each figure's
    /// interval: the difference of base and current against the change, the
    /// change or the two values against the percent. Percents are compared
    /// in percent; percentage points as a difference of two percents.
    pub fn expectations(&self, interval: impl Fn(usize) -> Interval) -> Vec<Expectation> {
        let mut out = Vec::new();
        let d = self.decrease;
        let (sign, word) = if d { ("−", "fall") } else { ("+", "rise") };
        if let (Some(base), Some(current), Some(delta)) = (self.base, self.current, self.delta) {
            let (b, c) = (interval(base), interval(current));
            let computed = if d { b.minus(&c) } else { c.minus(&b) };
            if let Some(computed) = computed {
                let formula =
                    if d { format!("base − now = {b} − {c}") } else { format!("now − base = {c} − {b}") };
                out.push(Expectation { judged: delta, computed, formula: format!("{formula} (a {word})") });
            }
        }
        if self.points {
            return out;
        }
        let Some(percent) = self.percent else { return out };
        let computed = match (self.base, self.current, self.delta) {
            (Some(base), _, Some(delta)) => Interval::percent_of(&interval(delta), &interval(base))
                .map(|p| (p, format!("Δ / base = {} / {}", interval(delta), interval(base)))),
            (Some(base), Some(current), None) => Interval::percent_of(&interval(current), &interval(base))
                .and_then(|r| if d { r.complement() } else { r.minus(&Interval::exact(Decimal::ONE_HUNDRED)) })
                .map(|p| {
                    (
                        p,
                        format!(
                            "(now − base) / base = ({} − {}) / {}",
                            interval(current),
                            interval(base),
                            interval(base)
                        ),
                    )
                }),
            (None, Some(current), Some(delta)) => Interval::change_percent(&interval(current), &interval(delta), d)
                .map(|p| {
                    let (c, dl) = (interval(current), interval(delta));
                    let op = if d { "+" } else { "−" };
                    (p, format!("Δ / (now {op} Δ) = {dl} / ({c} {op} {dl})"))
                }),
            _ => None,
        };
        if let Some((computed, formula)) = computed {
            out.push(Expectation { judged: percent, computed, formula: format!("{formula} ({sign})") });
        }
        out
    }
}

/// The percent a rate's counts give: `100 × n / d`, or `100 − that` for a
/// complement count.
pub fn rate_expected(numerator: &Interval, denominator: &Interval, complement: bool) -> Option<Interval> {
    let share = Interval::percent_of(numerator, denominator)?;
    if complement {
        share.complement()
    } else {
        Some(share)
    }
}

/// The text from `a` to `b`, empty when they are out of order: figures read
/// by two packs have sentences of their own, which may overlap.
fn between(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

/// Parallel sub-scopes (`在城区，查处案件86起；在农村，查处案件132起`): a figure
/// in a sentence that opens with a scope (`在X，`) is a part of the figure
/// before it in its paragraph, outside any scope, with its label and unit
/// (`全年共查处案件2180起`). The parts need not add up to the total.
fn sub_scopes(figs: &[Fig<'_>], doc: &[Mention], text: &str, packs: &Packs, out: &mut Vec<Relation>) {
    let scoped: Vec<bool> = figs
        .iter()
        .map(|f| {
            let pack = &packs.packs[f.figure.pack];
            let head = between(text, f.figure.sentence.start, f.figure.span.start).trim_start();
            let Some((first, _)) = head.split_once(|c| is_clause_mark(c, pack)) else { return false };
            let openers = &pack.spec.linking.relations.scope_openers;
            first.chars().count() <= SCOPE_CHARS
                && openers.iter().any(|o| first.starts_with(o.as_str()) && first.len() > o.len())
                && !first.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    for k in 0..figs.len() {
        if !scoped[k] || figs[k].role != Role::Plain || is_percent(figs[k].figure) {
            continue;
        }
        let label = figs[k].figure.label.trim();
        if label.is_empty() {
            continue;
        }
        let total = (0..k).rev().take_while(|&j| doc[j].paragraph == doc[k].paragraph).find(|&j| {
            !scoped[j]
                && figs[j].role == Role::Plain
                && same_unit(figs[j].figure, figs[k].figure)
                && figs[j].figure.label.trim() == label
        });
        if let Some(total) = total {
            out.push(Relation::PartOf { part: figs[k].index, total: figs[total].index });
        }
    }
}

/// The longest scope that opens a sentence (`在城区`, `在各县（市）`).
const SCOPE_CHARS: usize = 10;

/// A whole that a sentence opens with, and the first count after it, for a
/// rate or share at `k` in the same sentence: `全市42个观测站中，有7个站…，占16.7%`,
/// `Of 4,312 scheduled sailings, 3,980 departed on time …, a rate of 92.3 percent`.
fn among(figs: &[Fig<'_>], k: usize, text: &str, pack: &CompiledPack) -> Option<(usize, usize)> {
    let words = &pack.spec.linking.relations;
    let sentence = &figs[k].figure.sentence;
    let counts = |j: usize| {
        let f = &figs[j];
        !is_percent(f.figure) && !is_points(f.figure) && f.role == Role::Plain
    };
    let first = (0..k).rev().take_while(|&j| figs[j].figure.sentence == *sentence).last()?;
    let d = first;
    if !counts(d) {
        return None;
    }
    let clause_end = text[figs[d].figure.span.end..sentence.end.max(figs[d].figure.span.end)]
        .char_indices()
        .find(|&(_, c)| is_clause_mark(c, pack))
        .map(|(i, _)| figs[d].figure.span.end + i)?;
    let rest = text[figs[d].figure.span.end..clause_end].trim_end();
    let opens = figs[d].clause.trim_start().to_ascii_lowercase();
    let among = words.among_closers.iter().any(|c| rest.ends_with(c.as_str()))
        || words.among_openers.iter().any(|o| opens.split_whitespace().next() == Some(o.as_str()));
    if !among {
        return None;
    }
    let n = ((d + 1)..k).find(|&j| figs[j].figure.span.start > clause_end && counts(j))?;
    same_unit(figs[n].figure, figs[d].figure).then_some((n, d))
}

/// Where the line holding `pos` starts.
fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// Spaces that separate the columns of a fixed-width table.
const TABLE_GAP: &str = "   ";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Packs};

    /// The relations of one document, each as the texts of its figures.
    fn relations_of(text: &str) -> Vec<String> {
        relations_in("t.txt", text)
    }

    /// The relations of a document named `name` (`.md` reads its tables).
    fn relations_in(name: &str, text: &str) -> Vec<String> {
        let packs = Packs::builtin().unwrap();
        let release = crate::graph::Release::analyse(vec![Document::with_format(name, text)], &packs);
        let show = |m: usize| release.text_of(&release.mentions[m]).to_string();
        release
            .relations
            .iter()
            .filter_map(|r| match r {
                Relation::SumOf { total, parts, .. } => Some(format!(
                    "sum {} = {}",
                    show(*total),
                    parts.iter().map(|&p| show(p)).collect::<Vec<_>>().join(" + ")
                )),
                Relation::PartOf { part, total } => Some(format!("part {} of {}", show(*part), show(*total))),
                Relation::RateOf { rate, numerator, denominator, complement, certain } => Some(format!(
                    "rate {} = {}{} / {}{}",
                    show(*rate),
                    if *complement { "1 - " } else { "" },
                    show(*numerator),
                    show(*denominator),
                    if *certain { "" } else { " (probable)" }
                )),
                Relation::ChangeOf(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_shares_whole_holds_its_part_and_is_not_the_part_restated() {
        // Fires and hospitals: a table's rows and the prose that restates one
        // of them are parts; the whole the share names is the total row.
        let text = "全市发生火灾426起，死亡12人，同比分别下降5.1%和7.7%。\n\n各类场所火灾情况见下表。\n\n\
                    | 场所类型 | 死亡人数（人） | 火灾（起） |\n|---|---:|---:|\n| 住宅 | 7 | 198 |\n\
                    | 商场 | 2 | 128 |\n| 厂房 | 3 | 100 |\n| 合计 | 12 | 426 |\n\n\
                    从场所看，住宅火灾死亡人数最多，为7人，占死亡总人数的58.3%。\n";
        let found = relations_in("fires.md", text);
        assert!(found.iter().any(|r| r.starts_with("rate 58.3% = 7人 / 12")), "{found:?}");
        // A row that could hold the part is not the whole either.
        let text = "各类医院门诊情况见下表。\n\n| 医院类型 | 门诊量（万人次） |\n|---|---:|\n| 公立医院 | 41.2 |\n\
                    | 民营医院 | 8.6 |\n| 基层医疗机构 | 50.2 |\n| 合计 | 100.0 |\n\n\
                    公立医院门诊量41.2万人次，占门诊总量的41.2%。\n";
        let found = relations_in("clinics.md", text);
        assert!(found.iter().any(|r| r.starts_with("rate 41.2% = 41.2万人次 / 100.0")), "{found:?}");
    }

    #[test]
    fn parts_under_a_heading_without_respectively_add_up_to_the_count_before() {
        // Housing and transport: parts written one by one under `从X看`.
        let housing =
            relations_of("全市已开工建设安置房2.4万套。从建设方式看，新建9800套，改建8600套，收购存量房5600套。");
        assert!(housing.contains(&"sum 2.4万套 = 9800套 + 8600套 + 5600套".to_string()), "{housing:?}");
        // Over a semicolon, each part with its own change.
        let transit = relations_of(
            "全市公交客运量3.6亿人次，同比增长4.1%。按线路类型分，常规公交2.5亿人次，增长2.2%；快速公交1.1亿人次，增长8.8%。",
        );
        assert!(transit.contains(&"sum 3.6亿人次 = 2.5亿人次 + 1.1亿人次".to_string()), "{transit:?}");
    }

    #[test]
    fn a_single_part_under_a_heading_is_a_part_of_a_total_sharing_its_words() {
        let fires = relations_of("全市共接报火灾860起，死亡2人。从起火原因看，电气火灾318起，占37.0%。");
        assert!(fires.contains(&"part 318起 of 860起".to_string()), "{fires:?}");
        assert!(fires.contains(&"rate 37.0% = 318起 / 860起".to_string()), "{fires:?}");
        // A heading that changes the period breaks down no total of another.
        let trade = relations_of("前三季度，全市跨境电商出口126.4亿元。从单月看，9月份全市出口98.2亿元。");
        assert!(!trade.iter().any(|r| r.contains("98.2亿元")), "{trade:?}");
    }

    #[test]
    fn averages_under_a_heading_are_no_parts() {
        let rain =
            relations_of("全市平均降水量640.2毫米。从区域看，东部平均降水量712.5毫米，西部平均降水量560.1毫米。");
        assert!(!rain.iter().any(|r| r.starts_with("sum") || r.starts_with("part")), "{rain:?}");
        let response = relations_of("消防救援人员平均到场时间12.4分钟；分区域看，城区和郊县分别为9.6分钟和15.8分钟。");
        assert!(!response.iter().any(|r| r.starts_with("sum")), "{response:?}");
    }

    #[test]
    fn a_rest_is_the_first_count_less_the_others() {
        // Complaints and construction: `剩余`, `其余` after the parts done.
        let complaints = relations_of("今年受理投诉案件540件，已办结506件，办结率93.7%，剩余34件正在办理。");
        assert!(complaints.contains(&"sum 540件 = 506件 + 34件".to_string()), "{complaints:?}");
        let works = relations_of("全市计划实施改造项目64个，已完工52个，其余12个年底前完工。");
        assert!(works.contains(&"sum 64个 = 52个 + 12个".to_string()), "{works:?}");
        // A rest with no whole in its sentence relates to nothing.
        let alone = relations_of("今年已完工52个。加快推进剩余12个项目建设。");
        assert!(!alone.iter().any(|r| r.starts_with("sum")), "{alone:?}");
    }

    #[test]
    fn a_list_naming_the_rest_is_the_whole_partition() {
        let revenue =
            relations_of("公司营业收入52.4亿元中，设备销售、技术服务和其他业务分别为31.2亿元、17.5亿元和3.7亿元。");
        assert!(revenue.contains(&"sum 52.4亿元 = 31.2亿元 + 17.5亿元 + 3.7亿元".to_string()), "{revenue:?}");
        // Without the rest, a list after an unrelated count is no partition of it.
        let trade = relations_of("对东盟进出口803.5亿元，对欧盟、美国分别进出口742.1亿元和611.9亿元。");
        assert!(!trade.iter().any(|r| r.starts_with("sum")), "{trade:?}");
    }

    #[test]
    fn a_balance_is_the_flow_in_less_the_flow_out() {
        // A pension fund and a budget.
        let fund = relations_of("全年养老保险基金收入312.5亿元，增长6.2%；基金支出288.1亿元；当期结余24.4亿元。");
        assert!(fund.contains(&"sum 312.5亿元 = 288.1亿元 + 24.4亿元".to_string()), "{fund:?}");
        let trade = relations_of("全年出口1260.4亿元，进口830.2亿元，贸易顺差430.2亿元。");
        assert!(trade.contains(&"sum 1260.4亿元 = 830.2亿元 + 430.2亿元".to_string()), "{trade:?}");
        // A balance in another sentence than its flows is not theirs.
        let apart = relations_of("全年基金收入312.5亿元，基金支出288.1亿元。累计结余560.3亿元。");
        assert!(!apart.iter().any(|r| r.contains("560.3")), "{apart:?}");
    }

    #[test]
    fn rates_find_their_counts_by_opposites_shares_and_the_stemless_label() {
        // Opposite outcomes: deliveries and trains.
        let post = relations_of("抽测邮件800件，延误24件，投递准时率97.0%。");
        assert!(post.contains(&"rate 97.0% = 1 - 24件 / 800件".to_string()), "{post:?}");
        let trains = relations_of("全年开行旅客列车5200列，其中延误156列，列车正常率97.0%。");
        assert!(trains.iter().any(|r| r.starts_with("rate 97.0% = 1 - 156列")), "{trains:?}");
        // `占比` names a share of the count its stem names.
        let cars = relations_of("全市汽车保有量240万辆，其中新能源汽车36万辆，新能源汽车占比15.0%。");
        assert!(cars.contains(&"rate 15.0% = 36万辆 / 240万辆".to_string()), "{cars:?}");
        // The whole named by the numerator's label without the stem, sentences before.
        let loans =
            relations_of("全市小微企业贷款余额1200亿元，比年初增加80亿元。小微企业不良贷款余额18亿元，不良率1.5%。");
        assert!(loans.contains(&"rate 1.5% = 18亿元 / 1200亿元".to_string()), "{loans:?}");
        let care = relations_of("全市养老床位4.2万张，增加3000张。护理型养老床位2.4万张，护理型率57.1%。");
        assert!(care.contains(&"rate 57.1% = 2.4万张 / 4.2万张".to_string()), "{care:?}");
    }

    #[test]
    fn a_far_whole_named_by_one_measure_stated_twice_is_certain() {
        let filler = "各部门加强协同配合，强化服务保障，优化管理措施，持续提升群众满意度。".repeat(6);
        let library = relations_of(&format!(
            "全年接待读者86万人次。{filler}\n\n馆长说，全年接待读者86万人次。\n\n{filler}少儿阅览室服务小读者21.5万人次，占接待读者总量的25.0%。"
        ));
        assert!(
            library.iter().any(|r| r.starts_with("rate 25.0% = 21.5万人次 / 86万人次") && !r.ends_with("(probable)")),
            "{library:?}"
        );
    }

    #[test]
    fn a_heading_after_a_semicolon_opens_a_partition() {
        let tourism =
            relations_of("全市接待游客420万人次，增长6.0%；从客源看，省外游客和省内游客分别为150万人次和270万人次。");
        assert!(tourism.contains(&"sum 420万人次 = 150万人次 + 270万人次".to_string()), "{tourism:?}");
    }

    #[test]
    fn abbreviated_stems_and_stems_naming_the_whole_find_their_counts() {
        // A verb and its object abbreviated: urban management and power grids.
        let demolition = relations_of("全市共发现违法建设120处，已拆除114处，拆违率95.0%。");
        assert!(demolition.contains(&"rate 95.0% = 114处 / 120处".to_string()), "{demolition:?}");
        let defects = relations_of("供电公司发现设备缺陷400处，已消除380处，消缺率95.0%。");
        assert!(defects.contains(&"rate 95.0% = 380处 / 400处".to_string()), "{defects:?}");
        // The whole's name, then what became of it: credit and budgets.
        let credit = relations_of("全市新增授信500亿元，已发放贷款400亿元，授信转化率80.0%。");
        assert!(credit.contains(&"rate 80.0% = 400亿元 / 500亿元".to_string()), "{credit:?}");
        let budget = relations_of("全年下达预算资金12亿元，已支付10.8亿元，预算执行率90.0%。");
        assert!(budget.contains(&"rate 90.0% = 10.8亿元 / 12亿元".to_string()), "{budget:?}");
        // A scope before the measure is no whole: 32 outages are not the notices' base.
        let warnings =
            relations_of("全年计划停水过程达到32次，我们把2600余条停水通知推送给用户，停水通知送达率96.2%。");
        assert!(!warnings.iter().any(|r| r.starts_with("rate")), "{warnings:?}");
    }

    #[test]
    fn ratios_to_a_named_target_and_plans_are_rates_of_their_counts() {
        let trees = relations_of("今年省里下达我市的植树任务为50万株。全市已植树56万株，完成年度任务的112.0%。");
        assert!(trees.contains(&"rate 112.0% = 56万株 / 50万株".to_string()), "{trees:?}");
        // The ratio's subject names the count it divides, not the list before it.
        let forest = relations_of(
            "全市完成造林12万亩，人工造林、封山育林分别为7万亩、5万亩；全年造林面积为年度任务10万亩的120.0%。",
        );
        assert!(forest.contains(&"rate 120.0% = 12万亩 / 10万亩".to_string()), "{forest:?}");
        let parks = relations_of("全市计划新建口袋公园40个。目前已开工36个，开工率90.0%。");
        assert!(parks.contains(&"rate 90.0% = 36个 / 40个".to_string()), "{parks:?}");
    }

    #[test]
    fn per_head_figures_divide_their_total_by_the_persons() {
        let sports = relations_of("全市体育场地面积2000万平方米，按常住人口800万人计算，人均体育场地面积2.5平方米。");
        assert!(sports.contains(&"rate 2.5平方米 = 2000万平方米 / 800万人".to_string()), "{sports:?}");
        let output = relations_of("全市地区生产总值6000亿元，常住人口500万人，人均地区生产总值12万元。");
        assert!(output.contains(&"rate 12万元 = 6000亿元 / 500万人".to_string()), "{output:?}");
    }

    #[test]
    fn known_partitions_and_named_lists_add_up_to_their_whole() {
        let support = relations_of("全市城乡低保对象3.2万人，其中城市低保对象0.8万人、农村低保对象2.4万人。");
        assert!(support.contains(&"sum 3.2万人 = 0.8万人 + 2.4万人".to_string()), "{support:?}");
        // Averages of the two halves are no parts.
        let income = relations_of("全市城镇居民人均可支配收入5.2万元，农村居民人均可支配收入2.6万元。");
        assert!(!income.iter().any(|r| r.starts_with("sum")), "{income:?}");
        let jobs = relations_of("全市新增就业岗位1.2万个，制造业、服务业和农业分别为5000个、6000个和1000个。");
        assert!(jobs.contains(&"sum 1.2万个 = 5000个 + 6000个 + 1000个".to_string()), "{jobs:?}");
        let race = relations_of("马拉松参赛选手3000人，中签率25.0%，全程、半程分别为1200人、1800人。");
        assert!(race.contains(&"sum 3000人 = 1200人 + 1800人".to_string()), "{race:?}");
        let freight = relations_of(
            "Air freight was 12,400 tonnes. International freight accounted for 8,100 tonnes and domestic freight for 4,300 tonnes.",
        );
        assert!(freight.contains(&"sum 12,400 tonnes = 8,100 tonnes + 4,300 tonnes".to_string()), "{freight:?}");
    }

    #[test]
    fn both_counts_of_a_rate_give_it() {
        let food = relations_of("抽检食品2000批次，合格1960批次，不合格40批次，合格率98.0%。");
        assert!(food.contains(&"rate 98.0% = 1960批次 / 2000批次".to_string()), "{food:?}");
        assert!(food.contains(&"rate 98.0% = 1 - 40批次 / 2000批次".to_string()), "{food:?}");
        let trains =
            relations_of("Of 4,000 trains, 3,600 ran on time and 400 were late, an on-time rate of 90.0 percent.");
        assert!(trains.contains(&"rate 90.0 percent = 1 - 400 / 4,000".to_string()), "{trains:?}");
    }

    #[test]
    fn english_shares_find_a_whole_named_by_its_noun() {
        let port = relations_of(
            "The port handled 200,000 passengers in May. Blue Line carried 50,000 of the month's passengers, a share of 25.0 percent.",
        );
        assert!(port.contains(&"rate 25.0 percent = 50,000 / 200,000".to_string()), "{port:?}");
        let bonds = relations_of(
            "The portfolio fell by $50 million to $500 million; Treasury bills, at $300 million, make up 60.0 percent of the portfolio.",
        );
        assert!(bonds.contains(&"rate 60.0 percent = $300 million / $500 million".to_string()), "{bonds:?}");
        let members = relations_of("Residents make up 80.0 percent of members: 400 of the 500 members who voted.");
        assert!(members.contains(&"rate 80.0 percent = 400 / 500".to_string()), "{members:?}");
        let clinics = relations_of(
            "Clinics recorded 50,000 visits in the year. Of those visits, 5,000 ended in a referral, a referral rate of 10.0 percent.",
        );
        assert!(clinics.contains(&"rate 10.0 percent = 5,000 / 50,000".to_string()), "{clinics:?}");
        let margin = relations_of(
            "Net sales were $4.0 billion and operating income was $200 million, an operating margin of 5.0 percent.",
        );
        assert!(margin.contains(&"rate 5.0 percent = $200 million / $4.0 billion".to_string()), "{margin:?}");
    }

    #[test]
    fn a_difference_from_a_base_in_brackets_is_a_change() {
        let packs = Packs::builtin().unwrap();
        let release = crate::graph::Release::analyse(
            vec![Document::new("t.txt", "东门站最高水位28.47米，超过警戒水位（28.00米）0.47米。")],
            &packs,
        );
        let show = |m: Option<usize>| m.map(|m| release.text_of(&release.mentions[m]).to_string());
        let change = release.relations.iter().find_map(|r| match r {
            Relation::ChangeOf(c) => Some((show(c.base), show(c.current), show(c.delta), c.decrease)),
            _ => None,
        });
        assert_eq!(
            change,
            Some((Some("28.00米".into()), Some("28.47米".into()), Some("0.47米".into()), false)),
            "{:?}",
            release.relations
        );
    }

    #[test]
    fn a_part_list_naming_the_rest_adds_up_to_its_total() {
        let complaints = relations_of("全年受理投诉520件，其中商品类310件、服务类180件、其他30件。");
        assert!(complaints.contains(&"sum 520件 = 310件 + 180件 + 30件".to_string()), "{complaints:?}");
        let firms = relations_of("新增市场主体1.2万户，其中企业4800户、个体工商户6900户、其他300户。");
        assert!(firms.contains(&"sum 1.2万户 = 4800户 + 6900户 + 300户".to_string()), "{firms:?}");
        // Without the rest, a part list may leave some out.
        let open = relations_of("全年受理投诉520件，其中商品类310件、服务类180件。");
        assert!(!open.iter().any(|r| r.starts_with("sum")), "{open:?}");
    }

    #[test]
    fn parts_of_a_part_marker_listed_on_after_a_comma_are_parts_too() {
        // Housing and shipping: `其中A，B`.
        let housing = relations_of("全市公租房在保家庭8420户，其中实物配租5130户，领取租赁补贴3290户。");
        assert!(housing.contains(&"part 3290户 of 8420户".to_string()), "{housing:?}");
        let ships = relations_of("全市在册登记船舶1864艘，其中渔船1237艘，运输船627艘。");
        assert!(ships.contains(&"part 627艘 of 1864艘".to_string()), "{ships:?}");
        // A change, a share or another unit after the comma is no part.
        let change = relations_of("全市在册登记船舶1864艘，其中渔船1237艘，比上年减少46艘。");
        assert!(!change.iter().any(|r| r.starts_with("part 46艘")), "{change:?}");
        let unit = relations_of("全市养老机构126家，其中公办机构48家，床位1.2万张。");
        assert!(!unit.iter().any(|r| r.starts_with("part 1.2万张")), "{unit:?}");
        // A marker inside a list member opens no list after the comma.
        let talent = relations_of("全年引进高层次人才1200多人、其中顶尖人才35人，新增技能人才860人。");
        assert!(!talent.iter().any(|r| r.starts_with("part 860人")), "{talent:?}");
    }

    #[test]
    fn a_table_change_column_is_the_change_from_the_base_column_to_the_current() {
        let packs = Packs::builtin().unwrap();
        let changes = |text: &str| {
            let release = crate::graph::Release::analyse(vec![Document::with_format("t.md", text)], &packs);
            let show =
                |m: Option<usize>| m.map_or(String::new(), |m| release.text_of(&release.mentions[m]).to_string());
            release
                .relations
                .iter()
                .filter_map(|r| match r {
                    Relation::ChangeOf(c) => {
                        Some(format!("{} -> {} {}", show(c.base), show(c.current), show(c.percent)))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // Schools: a base period in the header (`上年`), a fall written signed.
        let schools = changes(
            "| 学段 | 本年招生（人） | 上年招生（人） | 比上年增减（%） |\n|---|---:|---:|---:|\n\
             | 普通高中 | 18460 | 17920 | 3.01 |\n| 中等职业学校 | 9235 | 9610 | -3.90 |\n",
        );
        assert!(schools.contains(&"17920 -> 18460 3.01".to_string()), "{schools:?}");
        assert!(schools.contains(&"9610 -> 9235 -3.90".to_string()), "{schools:?}");
        // Libraries: two years in the headers, the earlier the base.
        let libraries = changes(
            "LIBRARY LOANS        FY 2024      FY 2023     Change\n\
             Books                412,300      398,100       3.6%\n\
             E-books              186,900      151,200      23.6%\n",
        );
        assert!(libraries.contains(&"398,100 -> 412,300 3.6%".to_string()), "{libraries:?}");
        // Without a change column, or a base, no change.
        let shares =
            changes("| 行业 | 营业收入（万元） | 同比增长（%） |\n|---|---:|---:|\n| 电子信息 | 38620 | 7.9 |\n");
        assert!(shares.is_empty(), "{shares:?}");
    }

    #[test]
    fn a_respectively_list_of_what_a_total_names_probably_partitions_it() {
        let packs = Packs::builtin().unwrap();
        let sums = |text: &str| {
            let release = crate::graph::Release::analyse(vec![Document::new("t.txt", text)], &packs);
            let show = |m: usize| release.text_of(&release.mentions[m]).to_string();
            release
                .relations
                .iter()
                .filter_map(|r| match r {
                    Relation::SumOf { total, parts, certain } => Some(format!(
                        "{} = {}{}",
                        show(*total),
                        parts.iter().map(|&p| show(p)).collect::<Vec<_>>().join(" + "),
                        if *certain { "" } else { " (probable)" }
                    )),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // Census and insurance: `总人口` then `城镇和乡村人口分别为`.
        let people =
            sums("年末全市户籍总人口512.36万人，比上年末增加1.28万人。城镇和乡村人口分别为318.42万人和193.94万人。");
        assert!(people.contains(&"512.36万人 = 318.42万人 + 193.94万人 (probable)".to_string()), "{people:?}");
        let fund = sums(
            "全年养老保险基金总支出86.4亿元，当期结余12.1亿元。企业职工和城乡居民养老保险基金支出分别为71.2亿元和15.2亿元。",
        );
        assert!(fund.contains(&"86.4亿元 = 71.2亿元 + 15.2亿元 (probable)".to_string()), "{fund:?}");
        // Without a total word, no whole is guessed from the words: only a sum
        // that meets the total, or misses it by one slip, relates them
        // (`sibling_totals`).
        let none = sums("年末全市户籍人口512.36万人。城镇和乡村人口分别为318.42万人和190.11万人。");
        assert!(none.is_empty(), "{none:?}");
        let summed = sums("年末全市户籍人口512.36万人。城镇和乡村人口分别为318.42万人和193.94万人。");
        assert_eq!(summed, vec!["512.36万人 = 318.42万人 + 193.94万人 (probable)".to_string()]);
    }

    #[test]
    fn a_ratio_of_two_counts_takes_them_by_their_nouns() {
        // Labour: vacancies over the unemployed, each named in its clause.
        let labour = relations_of(
            "Vacancies fell on the quarter to 900,000. The count of unemployed people rose to \
             1.5 million. That left 0.6 vacancies for every unemployed person.",
        );
        assert!(labour.contains(&"rate 0.6 = 900,000 / 1.5 million".to_string()), "{labour:?}");
        // Health: nurses over doctors, each named after its count.
        let health =
            relations_of("County hospitals employed 48,000 nurses and 20,000 doctors, or 2.4 nurses per doctor.");
        assert!(health.contains(&"rate 2.4 = 48,000 / 20,000".to_string()), "{health:?}");
        // Of several counts of a noun, the pair that fits: the quarter's and
        // the last quarter's vacancies both stand.
        let both = relations_of(
            "Vacancies fell by 60,000 from 960,000 to 900,000. The count of unemployed people was \
             1.5 million. There were 0.64 vacancies for every unemployed person.",
        );
        assert!(both.contains(&"rate 0.64 = 960,000 / 1.5 million".to_string()), "{both:?}");
        // A count over a span of time is a pace, not a ratio.
        let pace = relations_of(
            "Before, the economy added about 60,000 jobs a month. Since, it has added 500,000 jobs per month. \
             The downturn cost 22 million jobs.",
        );
        assert!(!pace.iter().any(|r| r.starts_with("rate")), "{pace:?}");
    }

    #[test]
    fn a_change_in_prose_takes_its_base_from_a_table_by_its_step() {
        let packs = Packs::builtin().unwrap();
        let changes = |text: &str| {
            let release = crate::graph::Release::analyse(vec![Document::new("t.txt", text)], &packs);
            let show =
                |m: Option<usize>| m.map_or(String::new(), |m| release.text_of(&release.mentions[m]).to_string());
            release
                .relations
                .iter()
                .filter_map(|r| match r {
                    Relation::ChangeOf(c) if c.base.is_some() => Some(format!(
                        "{} -> {} {}{}",
                        show(c.base),
                        show(c.current),
                        show(c.delta.or(c.percent)),
                        if c.certain { "" } else { " (probable)" }
                    )),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // Labour: a quarter back and a year back from the current column.
        let labour = changes(
            "The jobless rate fell by 0.4 percentage points on the quarter to 5.1%. The participation rate was \
             63.2%, up 0.5 percentage points on a year earlier.\n\n\
             Table 1: Rates, seasonally adjusted (%)\n\n\
             \x20                        Jan-Mar 2025   Oct-Dec 2024   Jan-Mar 2024\n\
             Jobless rate                      5.1            5.5            5.3\n\
             Participation rate               63.2           63.0           62.7\n",
        );
        assert!(labour.contains(&"5.5 -> 5.1% 0.4 percentage points".to_string()), "{labour:?}");
        assert!(labour.contains(&"62.7 -> 63.2% 0.5 percentage points".to_string()), "{labour:?}");
        // Prices: a month back.
        let prices = changes(
            "The inflation rate rose by 0.3 percentage points on the month to 2.9%.\n\n\
             Table 1. Inflation rates, 12-month change (%)\n\n\
             \x20                       Sep. 2025   Aug. 2025   Sep. 2024\n\
             Inflation rate                2.9         2.6         2.4\n\
             Core inflation rate           3.1         3.0         3.3\n",
        );
        assert_eq!(prices, vec!["2.6 -> 2.9% 0.3 percentage points".to_string()]);
        // A measure the table has no row of: no base is taken.
        let other = changes(
            "The services inflation rate rose by 0.3 percentage points on the month to 4.0%.\n\n\
             Table 1. Inflation rates, 12-month change (%)\n\n\
             \x20                       Sep. 2025   Aug. 2025   Sep. 2024\n\
             Inflation rate                2.9         2.6         2.4\n\
             Core inflation rate           3.1         3.0         3.3\n",
        );
        assert!(other.is_empty(), "{other:?}");
    }

    #[test]
    fn a_rest_after_a_rate_before_it_adds_up_to_the_rate_whole() {
        // Rural services and workplace safety: the whole named again after the rest.
        let villages = relations_of(
            "全市1380个行政村中，已有1296个建成村级便民服务站，覆盖率93.9%。下一步，加快推进剩余84个行政村便民服务站建设。",
        );
        assert!(villages.contains(&"sum 1380个 = 1296个 + 84个".to_string()), "{villages:?}");
        let firms =
            relations_of("全市326家隐患企业中，已有302家完成整改，整改率92.6%。我们将督促剩余24家隐患企业限期整改。");
        assert!(firms.contains(&"sum 326家 = 302家 + 24家".to_string()), "{firms:?}");
        // A rest of another noun is no part of that whole.
        let other = relations_of(
            "全市1380个行政村中，已有1296个建成村级便民服务站，覆盖率93.9%。加快推进剩余84个社区服务站建设。",
        );
        assert!(!other.iter().any(|r| r.starts_with("sum")), "{other:?}");
    }

    #[test]
    fn a_count_named_as_a_part_of_its_whole_is_related_even_above_it() {
        // Trade and fire: the count holds the whole's name, so exceeding it is
        // a wrong figure, checked, not a wrong reading.
        let trade = relations_of(
            "全省出口2480.6亿元，同比增长7.4%。全省出口机电产品3160.2亿元，增长10.8%，占出口总值的57.2%。",
        );
        assert!(trade.contains(&"rate 57.2% = 3160.2亿元 / 2480.6亿元".to_string()), "{trade:?}");
        let fires = relations_of("全市接报火灾1286起，同比下降5.2%。其中住宅火灾1512起，占火灾总数的39.8%。");
        assert!(fires.iter().any(|r| r.starts_with("rate 39.8% = 1512起 / 1286起")), "{fires:?}");
        // A count of another name that exceeds the whole is no numerator of it.
        let other = relations_of("全省出口2480.6亿元，同比增长7.4%。全省进口机电产品3160.2亿元，占出口总值的57.2%。");
        assert!(!other.iter().any(|r| r.starts_with("rate 57.2%")), "{other:?}");
    }

    #[test]
    fn a_whole_named_short_holds_its_label_with_words_inside() {
        // Power: `最高负荷` for `最高用电负荷`, restated near the share: certain.
        let power = relations_of(
            "入夏后全省最高用电负荷达到2364.0万千瓦，刷新纪录。\n\n\
             今年入夏以来，全省电网最高用电负荷达到2364.0万千瓦，比上年提高7.8%。制冷负荷980万千瓦，占最高负荷的41.5%。",
        );
        assert!(power.contains(&"rate 41.5% = 980万千瓦 / 2364.0万千瓦".to_string()), "{power:?}");
        // Household income: `城镇人均收入` for `城镇居民人均可支配收入`.
        let income =
            relations_of("全市城镇居民人均可支配收入52380元，增长5.1%。其中工资性收入31260元，占城镇人均收入的59.7%。");
        assert!(income.iter().any(|r| r.starts_with("rate 59.7% = 31260元 / 52380元")), "{income:?}");
        // Three characters are no name spread.
        assert!(!holds_spread("最高用电负荷", "最负荷"));
        assert!(holds_spread("最高用电负荷", "最高负荷"));
    }

    #[test]
    fn a_whole_named_by_its_short_form_is_the_long_form() {
        let filler = "各部门持续优化口岸营商环境，推进通关便利化改革，服务外贸企业稳订单拓市场。".repeat(6);
        // Customs: `外贸总值` for `进出口总值`, stated paragraphs before: certain.
        let trade = relations_of(&format!(
            "今年1—9月，本市货物贸易进出口总值5310.4亿元，增长4.7%。\n\n{filler}\n\n对欧盟进出口1046.2亿元，占全市外贸总值的19.7%。"
        ));
        assert!(trade.contains(&"rate 19.7% = 1046.2亿元 / 5310.4亿元".to_string()), "{trade:?}");
        // Retail: `社零总额` for `社会消费品零售总额`.
        let retail =
            relations_of("全市社会消费品零售总额1720.8亿元，增长4.6%。全市网上零售额398.6亿元，占社零总额的23.2%。");
        assert!(retail.iter().any(|r| r.starts_with("rate 23.2% = 398.6亿元 / 1720.8亿元")), "{retail:?}");
    }
}
