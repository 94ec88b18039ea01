//! `figure-mismatch`: figures that state the same measure must agree.

use std::collections::HashMap;

use crate::extract::Figure;
use crate::interval::Interval;
use crate::slip::typo_like;

use super::{Check, Consistent, Context, Finding, Outcome, Severity};

/// The most other mentions a finding labels, or a consistent note quotes:
/// enough to show the measure is stated elsewhere, few enough to stay light
/// on a release with many findings.
const MAX_LABELS: usize = 4;

/// The mention the others are judged against: the value stated most often;
/// on a tie the most precise (`两成以上` holds both 23.8% and 28.3%, which
/// differ), then the earliest.
fn reference(cx: &Context, mentions: &[usize]) -> usize {
    let mut counts: HashMap<&Interval, (usize, usize)> = HashMap::new();
    for &m in mentions {
        let entry = counts.entry(cx.interval(m)).or_insert((0, m));
        entry.0 += 1;
    }
    // An unbounded interval is the least precise.
    let width = |m: usize| {
        let i = cx.interval(m);
        i.hi().zip(i.lo()).and_then(|(hi, lo)| hi.checked_sub(lo))
    };
    counts
        .into_values()
        .max_by(|&(ca, a), &(cb, b)| {
            let precise = match (width(a), width(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Greater,
                (None, Some(_)) => std::cmp::Ordering::Less,
                (None, None) => std::cmp::Ordering::Equal,
            };
            ca.cmp(&cb).then(precise).then(b.cmp(&a))
        })
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

/// True when a rounded figure (`2.3万余人`, `近3200家`) differs from a
/// precise one (`2.31万人`, `3186家`), read to the rounded one's last
/// written digit, the way a slip of the keyboard does: `3.21万` read to the
/// thousand is 3.2万, whose digits are `2.3万余`'s swapped; 3186 read to the
/// hundred is 3100 or 3200, one digit from `近3400`. At least two digits
/// must be written (`5万余` against 3.2万 is a different figure, not a slip).
/// A figure written with fewer digits is rounded too, qualifier or not:
/// `7.8亿立方米` against `8.73亿立方米` (water) is 8.7 with its digits swapped,
/// `2.1万户` against `1.26万户` (housing) is 1.2 swapped.
fn slip_at_precision(rounded: &Figure, precise: &Figure) -> bool {
    use crate::slip::{significant_digits, slip};
    let fewer_digits = significant_digits(rounded.value).len() < significant_digits(precise.value).len();
    let rounded_as_written = rounded.qualifier.is_some() || fewer_digits;
    rounded_as_written && precise.qualifier.is_none() && slip(rounded.value, precise.value)
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;

    /// The figure-mismatch findings of a text: (figure, severity).
    fn found(text: &str) -> Vec<(String, Severity)> {
        let findings = crate::check::findings_of(super::CHECK.id, text);
        findings.iter().map(|f| (text[f.primary.span.clone()].to_string(), f.severity)).collect()
    }

    #[test]
    fn a_figure_with_fewer_digits_slips_as_a_rounded_one_does() {
        // Water and housing: linked as probably one measure (`蓄水量` in
        // `大中型水库蓄水量`); 7.8 is 8.73 read to one decimal with its digits
        // swapped, 2.1万 is 1.26万 read to the thousand, swapped.
        let water = "全市大中型水库蓄水量8.73亿立方米。\n情况介绍——市水利局\n目前蓄水量达到7.8亿立方米。\n";
        assert_eq!(found(water), [("7.8亿立方米".to_string(), Severity::Error)]);
        let housing = "全市新增公租房保障家庭1.26万户。\n情况介绍——市住建局\n目前保障家庭2.1万户。\n";
        assert_eq!(found(housing), [("2.1万户".to_string(), Severity::Error)]);
        // Another figure, not a slip of the precise one: a warning.
        let other = "全市大中型水库蓄水量8.73亿立方米。\n情况介绍——市水利局\n目前蓄水量达到6.5亿立方米。\n";
        assert_eq!(found(other), [("6.5亿立方米".to_string(), Severity::Warning)]);
    }
}
