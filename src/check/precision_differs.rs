//! `precision-differs`: one measure written with two precisions, the rounder
//! figure consistent with the finer one: an editor's hint, never an error.

use super::{Check, Context, Finding, Outcome, Severity};
use crate::interval::Interval;

pub const CHECK: Check = Check {
    id: "precision-differs",
    severity: Severity::Info,
    summary: "one measure is written with two precisions (5% and 5.4%)",
    doc: "## What it checks
Figures of one measure that agree, where one is rounded more coarsely than
another: `增长5%` in the lead and `增长5.4%` from a speaker, `1.9万艘次` and
`1.92万艘次`, `$4 billion` and `$4.2 billion`. Both are read as rounded at
their last written digit (`5%` is 4.5–5.5%, `5.4%` is 5.35–5.45%), so
`figure-mismatch` passes them; this check says that the precision differs,
with both spans. Only figures written without a qualifier (`约`, `about`,
`more than`) and both rounded are compared: an exact count beside a rounded
one (`389123件` and `38.91万件`) is the usual way to round, and the
qualifier already says a figure is approximate. Figures in one sentence are
left alone (a comparison, not a restatement).

## Why
Rounding is consistent, but a reader comparing the lead with the body
sees two numbers for one thing, and an editor wants one precision for a
measure throughout, or at least to choose where it is rounded.

## Example
Fails (info): `全市生产总值增长5%` in the lead and `生产总值增长5.4%` from a
speaker; `employment rose 3%` and later `employment rose 3.1%`.
Passes: `增长5.4%` in both; `约5%` and `5.4%` (the qualifier says it is
rounded); `增长5%` and `增长6.4%` (they disagree: `figure-mismatch` says so).",
    run,
};

/// The width of a rounded figure's interval, if it is closed at both ends
/// and wider than a point (a figure rounded at its last written digit).
fn rounding(interval: &Interval) -> Option<rust_decimal::Decimal> {
    let (lo, hi) = (interval.lo()?, interval.hi()?);
    (!interval.low.open && !interval.high.open && hi > lo).then(|| hi - lo)
}

fn run(cx: &Context, outcome: &mut Outcome) {
    for (key, mentions) in cx.graph.measures() {
        if mentions.len() < 2 {
            continue;
        }
        // Only figures that all agree: a disagreement is figure-mismatch's.
        if Interval::common(mentions.iter().map(|&m| cx.interval(m))).is_none() {
            continue;
        }
        let rounded: Vec<(usize, rust_decimal::Decimal)> = mentions
            .iter()
            .filter(|&&m| cx.mention(m).figure.qualifier.is_none())
            .filter_map(|&m| rounding(cx.interval(m)).map(|w| (m, w)))
            .collect();
        let Some(&(finest, fine_width)) = rounded.iter().min_by_key(|&&(m, w)| (w, m)) else { continue };
        let label = key.measure();
        let text = |m: usize| cx.release.text_of(cx.mention(m));
        for &(m, width) in &rounded {
            let (a, b) = (cx.mention(m), cx.mention(finest));
            if width <= fine_width || (a.doc == b.doc && a.figure.sentence == b.figure.sentence) {
                continue;
            }
            let (who, other) = (cx.release.source_title(a), cx.release.source_title(b));
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: CHECK.severity,
                message: format!(
                    "{who} writes {} for {label}, {other} {}: consistent by rounding, but one measure written with two precisions",
                    text(m),
                    text(finest)
                ),
                primary: cx.mark(m, format!("{} here, rounded", text(m))),
                labels: vec![cx.mark(finest, format!("{} here", text(finest)))],
                help: format!("write {label} with one precision throughout, or check that the rounding is meant"),
                explain: format!(
                    "{} is {}, {} is {}: they agree, and {} is the rounder",
                    text(m),
                    cx.interval(m),
                    text(finest),
                    cx.interval(finest),
                    text(m)
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    /// The precision-differs findings of a text: (rounder figure, finer figure).
    fn found(text: &str) -> Vec<(String, String)> {
        let findings = crate::check::findings_of(super::CHECK.id, text);
        findings
            .iter()
            .map(|f| (text[f.primary.span.clone()].to_string(), text[f.labels[0].span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn a_rounder_statement_of_one_measure_is_a_hint_in_both_languages() {
        let zh = "全市生产总值增长5%。\n总体情况——市统计局局长王芳\n全市生产总值增长5.4%。\n";
        assert_eq!(found(zh), [("5%".to_string(), "5.4%".to_string())]);
        let en =
            "The unemployment rate rose to 4% in March.\n\nMS. DIAZ: The unemployment rate rose to 4.2% in March.\n";
        assert_eq!(found(en), [("4%".to_string(), "4.2%".to_string())]);
    }

    #[test]
    fn one_precision_a_qualifier_an_exact_count_or_a_disagreement_is_not() {
        let same = "全市生产总值增长5.4%。\n总体情况——市统计局局长王芳\n全市生产总值增长5.4%。\n";
        let about = "全市生产总值增长约5%。\n总体情况——市统计局局长王芳\n全市生产总值增长5.4%。\n";
        let exact = "全市查处交通违法行为38.91万件。\n总体情况——市统计局局长王芳\n全市查处交通违法行为389123件。\n";
        let apart = "全市生产总值增长5%。\n总体情况——市统计局局长王芳\n全市生产总值增长6.4%。\n";
        for text in [same, about, exact, apart] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
