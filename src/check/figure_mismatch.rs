//! `figure-mismatch`: figures that state the same measure must agree.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::extract::Figure;
use crate::interval::Interval;

use super::{Check, Consistent, Context, Finding, Outcome, Severity};

/// The most other mentions a finding labels, or a consistent note quotes:
/// enough to show the measure is stated elsewhere, few enough to stay light
/// on a release with many findings.
const MAX_LABELS: usize = 4;

/// The mention the others are judged against: the value stated most often
/// (the earliest mention of it on a tie).
fn reference(cx: &Context, mentions: &[usize]) -> usize {
    let mut counts: HashMap<&Interval, (usize, usize)> = HashMap::new();
    for &m in mentions {
        let entry = counts.entry(cx.interval(m)).or_insert((0, m));
        entry.0 += 1;
    }
    counts
        .into_values()
        .max_by_key(|&(count, first)| (count, std::cmp::Reverse(first)))
        .map_or(mentions[0], |(_, first)| first)
}

pub const CHECK: Check = Check {
    id: "figure-mismatch",
    severity: Severity::Error,
    summary: "figures that state the same measure do not agree",
    doc: "## What it checks
Figures linked to one measure (the same normalised label and unit, and the
same head for a dependent label) must be compatible: their intervals must
intersect. `7300余起` is (7300, 7400), so it agrees with `7350起` but not
with `7500余起`.

## Why
A release states its key figures many times: in the lead, by each speaker,
in tables. When two of them differ, at least one is wrong, and readers stop
trusting all of them.

## Example
Fails: `全市共化解矛盾纠纷7300余起。` in the lead and `共化解各类矛盾纠纷7500余起。`
from a speaker.
Passes: `化解矛盾纠纷7300余起` in both, or `7300余起` and `7350起`. Two
values for one label in the same sentence are a comparison, not a mismatch:
`revised down from +504,000 to +472,000`.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    let parts = part_pairs(cx);
    for (key, mentions) in cx.graph.measures() {
        if mentions.len() < 2 {
            continue;
        }
        // Two values for one label in one sentence are a comparison or a
        // range (`from 504,000 to 472,000`), not the same measure restated.
        let same_sentence = |a: usize, b: usize| {
            let (ma, mb) = (cx.mention(a), cx.mention(b));
            ma.doc == mb.doc && ma.figure.sentence == mb.figure.sentence
        };
        // Intervals intersect pairwise exactly when they share a point (Helly,
        // in one dimension): one pass, not a pass per pair.
        let common = Interval::common(mentions.iter().map(|&m| cx.interval(m)));
        let one_sentence = mentions.iter().all(|&m| same_sentence(m, mentions[0]));
        let reference = reference(cx, &mentions);
        let disagreeing: Vec<usize> = if common.is_some() || one_sentence {
            Vec::new()
        } else {
            mentions
                .iter()
                .copied()
                .filter(|&m| {
                    !same_sentence(m, reference)
                        && !parts.contains(&(m, reference))
                        && !cx.interval(m).intersects(cx.interval(reference))
                })
                .collect()
        };
        if disagreeing.is_empty() {
            outcome.note(|| {
                let stated: Vec<String> = mentions.iter().take(MAX_LABELS).map(|&m| cx.quote(m)).collect();
                let more = mentions.len().saturating_sub(MAX_LABELS);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                Consistent {
                    rule: CHECK.id.into(),
                    at: cx.mark(mentions[0], key.to_string()),
                    explain: format!("{key}: {}{more} agree", stated.join(", ")),
                }
            });
            continue;
        }
        let label = key.measure();
        let agreeing: Vec<usize> = mentions
            .iter()
            .copied()
            .filter(|&o| o != reference && cx.interval(o).intersects(cx.interval(reference)))
            .take(MAX_LABELS)
            .collect();
        for m in disagreeing {
            // A probable link (compatible descriptions, not equal ones) is a
            // warning, unless the two values differ the way typos do.
            // Equal descriptions that disagree are certain, whichever mention
            // the set is named by: `全市28座大中型水库` and `全市26座大中型水库`
            // beside a probable `调度28座大中型水库`.
            let certain = cx.mention(m).exact == cx.mention(reference).exact
                || mentions.iter().any(|&o| {
                    cx.mention(o).exact == cx.mention(m).exact
                        && !same_sentence(m, o)
                        && !parts.contains(&(m, o))
                        && !cx.interval(m).intersects(cx.interval(o))
                });
            let (fm, fr) = (&cx.mention(m).figure, &cx.mention(reference).figure);
            let typo = typo_like(cx.release.text_of(cx.mention(m)), cx.release.text_of(cx.mention(reference)))
                || slip_at_precision(fm, fr)
                || slip_at_precision(fr, fm);
            let severity = if certain || typo { CHECK.severity } else { Severity::Warning };
            let why = if certain {
                String::new()
            } else {
                format!(
                    " (linked as probably one measure: `{}` and `{}`{})",
                    cx.mention(m).exact,
                    cx.mention(reference).exact,
                    if typo { ", and the values differ as a typo would" } else { "" }
                )
            };
            let mut labels = vec![cx.mark(reference, format!("says {}", cx.release.text_of(cx.mention(reference))))];
            labels.extend(
                agreeing
                    .iter()
                    .filter(|&&o| o != m)
                    .map(|&o| cx.mark(o, format!("also {}", cx.release.text_of(cx.mention(o))))),
            );
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity,
                message: format!(
                    "{} says {} for {label}, but {} says {}{why}",
                    cx.release.source_title(cx.mention(m)),
                    cx.release.text_of(cx.mention(m)),
                    cx.release.source_title(cx.mention(reference)),
                    cx.release.text_of(cx.mention(reference)),
                ),
                primary: cx.mark(m, format!("{} here", cx.release.text_of(cx.mention(m)))),
                labels,
                help: format!("verify {label}: one of these figures is wrong, or they count different things"),
                explain: format!(
                    "{} is {}; {} is {}: they do not intersect",
                    cx.release.text_of(cx.mention(m)),
                    cx.interval(m),
                    cx.release.text_of(cx.mention(reference)),
                    cx.interval(reference),
                ),
            });
        }
    }
}

/// The (part, total) pairs of the release, both ways round: a part (`在城区，
/// 查处案件86起` under `全年共查处案件2180起`) is not its total restated.
fn part_pairs(cx: &Context) -> std::collections::HashSet<(usize, usize)> {
    cx.release
        .relations
        .iter()
        .filter_map(|r| match *r {
            crate::graph::Relation::PartOf { part, total } => Some([(part, total), (total, part)]),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The fewest digits a figure must have for a one-digit difference to look like a typo.
const TYPO_DIGITS: usize = 3;

/// True when two figures as written differ the way a slip of the keyboard
/// does: one digit changed, two neighbours swapped, one digit added or left
/// out, or the same digits with another scale word (万 for 亿).
pub fn typo_like(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<Vec<char>>();
    let (x, y) = (digits(a), digits(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    if x == y {
        // The same digits: a decimal point moved or another scale word.
        return a != b;
    }
    // Short numbers differ in one digit all the time (25 and 28 reservoirs),
    // less often in two digits swapped (14 and 41).
    if x.len() == y.len() {
        return digits_slip(&x, &y, x.len() >= TYPO_DIGITS);
    }
    if x.len().max(y.len()) < TYPO_DIGITS {
        return false;
    }
    let (short, long) = if x.len() < y.len() { (&x, &y) } else { (&y, &x) };
    long.len() == short.len() + 1
        && (0..long.len())
            .any(|skip| long.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| c).eq(short.iter()))
}

/// True when a rounded figure (`2.3万余人`, `近3200家`) differs from a
/// precise one (`2.31万人`, `3186家`), read to the rounded one's last
/// written digit, the way a slip of the keyboard does: `3.21万` read to the
/// thousand is 3.2万, whose digits are `2.3万余`'s swapped; 3186 read to the
/// hundred is 3100 or 3200, one digit from `近3400`. At least two digits
/// must be written (`5万余` against 3.2万 is a different figure, not a slip).
fn slip_at_precision(rounded: &Figure, precise: &Figure) -> bool {
    rounded.qualifier.is_some() && precise.qualifier.is_none() && slip(rounded.value, precise.value)
}

/// `slip_at_precision` on the two values.
fn slip(rounded: Decimal, precise: Decimal) -> bool {
    if rounded.is_zero() {
        return false;
    }
    let place = last_place(rounded);
    let (Some(written), Some(near)) = (rounded.checked_div(place), precise.checked_div(place)) else {
        return false;
    };
    let written = written.trunc();
    // One digit changed is a slip only in a figure written with three
    // digits or more (`近3400`, `28万余`), as in `typo_like`; `6.5%左右`
    // against 5.5% is another figure.
    let one_changed = rounded.abs().normalize().to_string().chars().filter(char::is_ascii_digit).count() >= TYPO_DIGITS;
    let reads = [near.floor(), near.ceil()];
    !reads.contains(&written)
        && reads.into_iter().any(|read| digits_slip(&digits_of(written), &digits_of(read), one_changed))
}

/// The digits of a whole number.
fn digits_of(whole: Decimal) -> Vec<char> {
    whole.abs().to_string().chars().collect()
}

/// The place value of a number's last non-zero digit: 1000 for 23000, 0.1
/// for 8.7.
fn last_place(value: Decimal) -> Decimal {
    let value = value.abs().normalize();
    if value.scale() > 0 {
        return Decimal::new(1, value.scale());
    }
    let mut place = Decimal::ONE;
    while let Some(next) = place.checked_mul(Decimal::TEN).filter(|&p| (value % p).is_zero()) {
        place = next;
    }
    place
}

/// Two digit strings of one length, at least two long, that differ in two
/// neighbours swapped, or in one digit when `one_changed`.
fn digits_slip(x: &[char], y: &[char], one_changed: bool) -> bool {
    if x.len() != y.len() || x.len() < 2 {
        return false;
    }
    let differ: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    (one_changed && differ.len() == 1)
        || (differ.len() == 2
            && differ[1] == differ[0] + 1
            && x[differ[0]] == y[differ[1]]
            && x[differ[1]] == y[differ[0]])
}

#[cfg(test)]
mod tests {
    use super::{slip, typo_like};
    use rust_decimal::Decimal;

    #[test]
    fn typos_are_one_digit_changed_swapped_added_or_dropped() {
        assert!(typo_like("1829起", "1892起"));
        assert!(typo_like("144起", "141起"));
        assert!(!typo_like("25座", "28座"));
        assert!(typo_like("58.3万人次", "258.3万人次"));
        assert!(typo_like("3.2亿元", "3.2万元"));
        assert!(!typo_like("612.38万人次", "236.5万人次"));
        assert!(!typo_like("1829起", "1829起"));
        assert!(!typo_like("7300余起", "7650余起"));
        assert!(typo_like("14次", "41次"));
        assert!(!typo_like("14次", "44次"));
    }

    #[test]
    fn a_rounded_figure_slips_against_the_precise_one_read_to_its_last_digit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 2.3万余 against 3.21万: read to the thousand, 32 against 23.
        assert!(slip(d("23000"), d("32100")));
        // 近3400 against 3186: 31 or 32 against 34.
        assert!(slip(d("3400"), d("3186")));
        // 7.8亿 against 8.73亿: 87 against 78.
        assert!(slip(d("780000000"), d("873000000")));
        // A round figure with one digit is a different figure, not a slip,
        // and so is one with two written digits, one of them changed.
        assert!(!slip(d("50000"), d("32000")));
        assert!(!slip(d("6.5"), d("5.5")));
        assert!(slip(d("6.5"), d("5.62")));
        // Far apart at any precision.
        assert!(!slip(d("4800"), d("3186")));
        // The same at its precision: no slip (and no mismatch).
        assert!(!slip(d("3200"), d("3186")));
        // The extremes of a decimal neither overflow nor slip.
        assert!(!slip(Decimal::MAX, d("0.0000000000000000000000000001")));
        assert!(!slip(d("0.0000000000000000000000000001"), Decimal::MAX));
        assert!(!slip(d("50000000000000000000000000000"), d("1")));
    }
}
