//! The check stage: the built-in checks (walks over the fact graph that
//! yield [`Finding`]s), the user rules of rule files (`user`), the
//! severities packs and rule files give, and suppression comments
//! (`suppress`). [`run`] does all of it and gives the [`Report`].
//!
//! One check per file; each file's doc comment (what it checks, why, an
//! example that fails and one that passes) is what `crosscheck explain` prints.

mod change_mismatch;
mod figure_mismatch;
mod out_of_range;
mod part_exceeds_total;
mod precision_differs;
mod rate_mismatch;
mod similar_mismatch;
mod sum_mismatch;
pub mod suppress;
pub mod user;

use crate::config::UserRules;
use crate::graph::{FactGraph, Mention, Release};
use crate::interval::Interval;
use crate::lexicon::Packs;

pub use crate::finding::{Finding, Mark, Severity};

/// The result of checking a release: what was read, its fact graph and what
/// the checks found.
#[derive(Debug, Clone)]
pub struct Report {
    pub release: Release,
    pub graph: FactGraph,
    pub outcome: Outcome,
}

impl Report {
    /// The findings, in document, position and rule order.
    pub fn findings(&self) -> &[Finding] {
        &self.outcome.findings
    }
}

/// A built-in check: its stable id, default severity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it checks, why, an example that fails and one that passes.
    pub doc: &'static str,
    run: fn(&Context, &mut Outcome),
}

/// What the checks found: findings, and the relations they checked and found
/// consistent, with their arithmetic (`--explain` prints both).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub consistent: Vec<Consistent>,
    /// Whether consistent relations are recorded: their arithmetic is only
    /// written for `--explain`, and on a large release it costs.
    pub explain: bool,
}

impl Outcome {
    /// Records a consistent relation, built only when it is wanted.
    pub fn note(&mut self, consistent: impl FnOnce() -> Consistent) {
        if self.explain {
            self.consistent.push(consistent());
        }
    }
}

/// A relation a check verified and found consistent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consistent {
    pub rule: String,
    pub at: Mark,
    pub explain: String,
}

/// What a check sees.
pub struct Context<'a> {
    pub release: &'a Release,
    pub graph: &'a FactGraph,
    pub packs: &'a Packs,
}

impl Context<'_> {
    /// A mark on mention `m` with a message.
    pub fn mark(&self, m: usize, message: impl Into<String>) -> Mark {
        let mention = &self.release.mentions[m];
        Mark { doc: mention.doc, span: mention.figure.span.clone(), source: mention.source, message: message.into() }
    }

    pub fn mention(&self, m: usize) -> &Mention {
        &self.release.mentions[m]
    }

    /// The figure as written, with its source: `7500余起 (治安管理支队支队长张辉)`.
    pub fn quote(&self, m: usize) -> String {
        let mention = self.mention(m);
        format!("{} ({})", self.release.text_of(mention), self.release.source_title(mention))
    }

    pub fn interval(&self, m: usize) -> &Interval {
        &self.mention(m).figure.interval
    }

    /// `interval` (in the normalised unit of mention `m`) stated in the unit
    /// `m` is written in: `1000.1亿元 (1000.0–1000.2亿元)` for a sum compared
    /// with `1000.0亿元`. See [`in_written_unit`].
    pub fn in_unit_of(&self, m: usize, interval: &Interval) -> String {
        let mention = self.mention(m);
        in_written_unit(self.release.text_of(mention), mention.figure.value, mention.figure.unit.as_deref(), interval)
    }
}

/// `interval` in the unit of a figure written `written` (value `value` in the
/// normalised unit `unit`): scaled by the figure's scale word and unit
/// (`亿元`, `million`), with as many decimals as the figure was written with.
/// A figure written without digits (`一千亿元`) gives the normalised unit.
pub fn in_written_unit(written: &str, value: rust_decimal::Decimal, unit: Option<&str>, interval: &Interval) -> String {
    use rust_decimal::prelude::*;
    let digits = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let number = written.find(|c: char| c.is_ascii_digit()).and_then(|start| {
        let len = written[start..].find(|c: char| !digits(c)).unwrap_or(written.len() - start);
        let raw = written[start..start + len].trim_end_matches(['.', ',']);
        let decimals = raw.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        let stated = Decimal::from_str(&raw.replace(',', "")).ok().filter(|d| !d.is_zero())?;
        let scale = value.checked_div(stated).filter(|s| !s.is_zero())?;
        Some((scale, decimals, written[start + len..].trim_start().to_string()))
    });
    let Some((scale, decimals, suffix)) = number else {
        let unit = unit.unwrap_or("");
        let point = interval.display_rounded(2);
        return format!("{point}{unit}");
    };
    let spaced = if suffix.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { " " } else { "" };
    let at = |d: Option<Decimal>, strategy: RoundingStrategy| {
        d.and_then(|d| d.checked_div(scale)).map(|d| d.round_dp_with_strategy(decimals, strategy))
    };
    let (lo, hi) = (interval.lo(), interval.hi());
    let mid = lo.zip(hi).and_then(|(l, h)| l.checked_add(h)).and_then(|s| s.checked_div(Decimal::TWO));
    let fmt = |d: Decimal| format!("{d:.*}", decimals as usize);
    match (
        at(mid, RoundingStrategy::MidpointAwayFromZero),
        at(lo, RoundingStrategy::ToNegativeInfinity),
        at(hi, RoundingStrategy::ToPositiveInfinity),
    ) {
        (Some(mid), Some(lo), Some(hi)) if lo == hi => format!("{}{spaced}{suffix}", fmt(mid)),
        (Some(mid), Some(lo), Some(hi)) => {
            format!("{}{spaced}{suffix} ({}–{}{spaced}{suffix})", fmt(mid), fmt(lo), fmt(hi))
        }
        (_, lo, hi) => {
            let end = |d: Option<Decimal>, inf: &str| d.map_or(inf.to_string(), fmt);
            format!("{}–{}{spaced}{suffix}", end(lo, "-∞"), end(hi, "∞"))
        }
    }
}

/// The value of `needed` that a figure written `written` (value `value` in
/// its normalised unit) would read if it had been mistyped: one digit
/// changed, two neighbours swapped, one digit added or left out, at the
/// figure's own precision and scale (`5102起` for 5012 needed, `6701户` for
/// 6071). A change of the last written digit alone is not taken: parts that
/// overlap by a few, or a rounding, give that by chance. `None` when no value
/// of `needed` is such a slip, or `needed` holds too many values to tell.
pub fn mistyped(written: &str, value: rust_decimal::Decimal, needed: &Interval) -> Option<String> {
    use rust_decimal::prelude::*;
    let start = written.find(|c: char| c.is_ascii_digit())?;
    let len =
        written[start..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(written.len() - start);
    let raw = written[start..start + len].trim_end_matches(['.', ',']).replace(',', "");
    let decimals = raw.split_once('.').map_or(0, |(_, d)| d.len() as u32);
    let stated = Decimal::from_str(&raw).ok().filter(|d| d.is_sign_positive() && !d.is_zero())?;
    let scale = value.checked_div(stated).filter(|s| s.is_sign_positive() && !s.is_zero())?;
    let place = Decimal::new(1, decimals);
    let at = |d: Decimal| d.checked_div(scale)?.checked_div(place);
    let (lo, hi) = (at(needed.lo()?)?.ceil(), at(needed.hi()?)?.floor());
    if hi < lo || hi - lo > Decimal::from(MISTYPED_CANDIDATES) || lo.is_sign_negative() {
        return None;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<Vec<char>>();
    let written_digits = digits(&raw);
    let mut k = lo;
    while k <= hi {
        let candidate = format!("{:.*}", decimals as usize, k.checked_mul(place)?);
        let candidate_digits = digits(&candidate);
        let last_only = candidate_digits.len() == written_digits.len()
            && candidate_digits[..candidate_digits.len() - 1] == written_digits[..written_digits.len() - 1];
        if candidate_digits != written_digits && !last_only && crate::slip::typo_like(&raw, &candidate) {
            return Some(format!("{}{}{}", &written[..start], candidate, &written[start + len..]));
        }
        k += Decimal::ONE;
    }
    None
}

/// The figure among a total and its parts that, read as a slip of the
/// keyboard, makes the parts add up exactly (`5102起` for 5012), and what it
/// would read: then the sum is not overlap but a typo, and an error.
pub fn slipped(cx: &Context, total: usize, parts: &[usize]) -> Option<(usize, String)> {
    let written = |m: usize| (cx.release.text_of(cx.mention(m)), cx.mention(m).figure.value);
    let intervals: Vec<Interval> = parts.iter().map(|&p| *cx.interval(p)).collect();
    let (text, value) = written(total);
    if let Some(read) = Interval::sum(&intervals).and_then(|sum| mistyped(text, value, &sum)) {
        return Some((total, read));
    }
    // The sums before and after each part, so that each part's others are
    // summed once, not once per part.
    let running = |items: &mut dyn Iterator<Item = &Interval>| -> Vec<Option<Interval>> {
        let mut out = vec![Interval::sum([])];
        for x in items {
            let last = out.last().copied().flatten();
            out.push(last.and_then(|l| Interval::sum([&l, x])));
        }
        out
    };
    let before = running(&mut intervals.iter());
    let mut after = running(&mut intervals.iter().rev());
    after.reverse();
    parts.iter().enumerate().find_map(|(i, &p)| {
        let others = Interval::sum([before[i].as_ref()?, after[i + 1].as_ref()?])?;
        let needed = cx.interval(total).minus(&others)?;
        let (text, value) = written(p);
        mistyped(text, value, &needed).map(|read| (p, read))
    })
}

/// How many values of a needed interval `mistyped` tries.
const MISTYPED_CANDIDATES: u32 = 50;

/// Every built-in check, in id order.
pub const BUILTIN: &[Check] = &[
    change_mismatch::CHECK,
    figure_mismatch::CHECK,
    out_of_range::CHECK,
    part_exceeds_total::CHECK,
    precision_differs::CHECK,
    rate_mismatch::CHECK,
    similar_mismatch::CHECK,
    sum_mismatch::CHECK,
];

/// The ids of the built-in checks, in id order: what a rule file may not
/// take and may give a severity to.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|c| c.id).collect()
}

/// The check stage: every built-in check and user rule, then the severities
/// (the packs' defaults, then the user's, per file), then the suppression
/// comments of the documents.
pub fn run(release: Release, graph: FactGraph, packs: &Packs, user: &UserRules, explain: bool) -> Report {
    let mut outcome = run_all(&release, &graph, packs, user, explain);
    let pack_of: std::collections::HashMap<(usize, usize), usize> =
        release.mentions.iter().map(|m| ((m.doc, m.figure.span.start), m.figure.pack)).collect();
    outcome.findings.retain_mut(|f| {
        let file = &release.docs[f.primary.doc].name;
        let pack = pack_of.get(&(f.primary.doc, f.primary.span.start)).copied();
        let configured = user.severity(&f.rule, file).or_else(|| packs.check_severity(pack, &f.rule));
        let Some(level) = configured else { return true };
        let Some(severity) = level else { return false };
        // A check's findings at its own default take the configured severity;
        // its milder findings (a part-sum hint) never rise above it.
        let default = BUILTIN.iter().find(|c| c.id == f.rule).map(|c| c.severity);
        f.severity = if default.is_none_or(|d| d == f.severity) { severity } else { f.severity.min(severity) };
        true
    });
    suppress::apply(&release.docs, &mut outcome.findings);
    sort_findings(&mut outcome.findings);
    Report { release, graph, outcome }
}

/// Runs every built-in check and every user rule; findings in document,
/// position and rule order. With `explain`, the relations found consistent
/// are recorded too.
pub fn run_all(release: &Release, graph: &FactGraph, packs: &Packs, user: &UserRules, explain: bool) -> Outcome {
    let cx = Context { release, graph, packs };
    let mut outcome = Outcome { explain, ..Outcome::default() };
    for check in BUILTIN {
        (check.run)(&cx, &mut outcome);
    }
    user::run(&cx, user, &mut outcome);
    sort_findings(&mut outcome.findings);
    outcome.consistent.sort_by(|a, b| (a.at.doc, a.at.span.start, &a.rule).cmp(&(b.at.doc, b.at.span.start, &b.rule)));
    outcome
}

/// Document, then position, then rule: the order every report uses.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.primary.doc, a.primary.span.start, &a.rule, &a.message).cmp(&(
            b.primary.doc,
            b.primary.span.start,
            &b.rule,
            &b.message,
        ))
    });
}

/// An interval written for people: `[65.5, 66.5]` as `65.5–66.5`, rounded.
pub fn show(interval: &Interval) -> String {
    interval.display_rounded(2)
}

/// The findings of one rule over one text, checked with the built-in packs.
#[cfg(test)]
pub(crate) fn findings_of(rule: &str, text: &str) -> Vec<Finding> {
    let packs = crate::Packs::builtin().unwrap();
    let report = crate::check(vec![crate::Document::new("a.txt", text)], &packs);
    report.findings().iter().filter(|f| f.rule == rule).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_needed_value_is_read_as_a_slip_of_the_written_figure() {
        use rust_decimal::Decimal;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // Two digits swapped: 4703 beds needed, 4073 written.
        assert_eq!(mistyped("4073张", d("4073"), &Interval::exact(d("4703"))).as_deref(), Some("4703张"));
        // At the written scale and precision: 28.61亿元 needed, 28.16亿元 written.
        let needed = Interval::around(d("2861000000"), d("1000000"));
        assert_eq!(mistyped("28.16亿元", d("2816000000"), &needed).as_deref(), Some("28.61亿元"));
        // One digit changed, but not the last one alone: overlap by a few
        // or a rounding gives that by chance.
        assert_eq!(mistyped("3,520 acres", d("3520"), &Interval::exact(d("3820"))).as_deref(), Some("3820 acres"));
        assert_eq!(mistyped("3520", d("3520"), &Interval::exact(d("3523"))), None);
        // Far from any slip, or no digits written.
        assert_eq!(mistyped("3520", d("3520"), &Interval::exact(d("2900"))), None);
        assert_eq!(mistyped("三千", d("3000"), &Interval::exact(d("300"))), None);
        // A needed interval too wide to tell, or below zero.
        assert_eq!(mistyped("3520", d("3520"), &Interval::around(d("3500"), d("500"))), None);
        assert_eq!(mistyped("35", d("35"), &Interval::exact(d("-53"))), None);
    }

    #[test]
    fn values_are_stated_in_the_unit_written() {
        use rust_decimal::Decimal;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let half = d("5000000");
        let parts = [Interval::around(d("60000000000"), half), Interval::around(d("40010000000"), half)];
        let sum = Interval::sum(&parts).unwrap();
        assert_eq!(
            in_written_unit("1000.0亿元", d("100000000000"), Some("元"), &sum),
            "1000.1亿元 (1000.0–1000.2亿元)"
        );
        let exact = Interval::exact(d("4200000"));
        assert_eq!(in_written_unit("$4.1 million", d("4100000"), Some("$"), &exact), "4.2 million");
        assert_eq!(in_written_unit("一千亿元", d("1e11"), Some("元"), &exact), "4200000元");
    }

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_documented() {
        let ids: Vec<&str> = BUILTIN.iter().map(|c| c.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for check in BUILTIN {
            assert!(check.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", check.id);
            for section in ["## What it checks", "## Why", "## Example"] {
                assert!(check.doc.contains(section), "{} lacks {section}", check.id);
            }
        }
    }
}
