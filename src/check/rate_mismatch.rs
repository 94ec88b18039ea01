//! `rate-mismatch`: a stated rate must follow from the counts it is computed from.

use crate::graph::relate::rate_expected;
use crate::graph::Relation;

use super::{show, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "rate-mismatch",
    severity: Severity::Error,
    summary: "a stated rate does not follow from its counts",
    doc: "## What it checks
A percent labelled `X率` (`a rate of`) and the counts it is computed from:
the numerator is the count of its sentence that names `X` (`已办结44起` for
`办结率`), or its complement (`不合格18批次` for `合格率`: the rate is 1 − n/d);
the denominator is the total that count is part of, or the count before it
that does not name `X`. A share names its whole (`占出口总值的56.5%`,
`为年度任务3.2万人的106.3%`, `22.5 percent of maintenance costs of $14.6
million`). The rate must lie in `[n.low / d.high, n.high / d.low]`. A whole
found in another sentence is only probable: a warning, not an error. When no
count fits, nothing is checked.

## Why
A rate is computed once and copied many times; when a count is revised and
the rate is not, or a digit slips, the rate no longer follows.

## Example
Fails: `排查矛盾纠纷7500余起，化解7300余起，化解率达到92.6%` (7300/7600 is
already 96.1%).
Passes: `化解率达到97.6%`: (7300, 7400) / (7500, 7600) = 96.05%–98.67%;
`抽检1200批次，不合格18批次，合格率98.5%`: 1 − 18/1200 = 98.5%.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    for relation in &cx.release.relations {
        let Relation::RateOf { rate, numerator, denominator, complement, certain } = *relation else { continue };
        let Some(computed) = rate_expected(cx.interval(numerator), cx.interval(denominator), complement) else {
            continue;
        };
        // A ratio in times (`为常年同期的1.6倍`) or per head (`人均…2.86平方米`) is
        // compared in percent.
        let times = cx.mention(rate).figure.unit.as_deref() != Some("%");
        let stated =
            if times { cx.interval(rate).scaled(rust_decimal::Decimal::ONE_HUNDRED) } else { *cx.interval(rate) };
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        let formula = if complement { "1 − n / d" } else { "n / d" };
        // Formatted only when a finding or --explain needs it.
        let arithmetic = || {
            format!(
                "{formula} = {}{} / {} = {}%; stated {} means {}%{}",
                if complement { "1 − " } else { "" },
                cx.interval(numerator),
                cx.interval(denominator),
                show(&computed),
                text(rate),
                show(&stated),
                if certain { "" } else { " (the whole is a probable match, not a certain one)" }
            )
        };
        if computed.intersects(&stated) {
            outcome.note(|| Consistent {
                rule: CHECK.id.into(),
                at: cx.mark(rate, text(rate)),
                explain: format!("{}: consistent", arithmetic()),
            });
            continue;
        }
        let unit = cx.mention(rate).figure.unit.as_deref();
        let per_head = !matches!(unit, Some("%" | "倍"));
        let counts = if complement {
            format!("1 − {} / {}", text(numerator), text(denominator))
        } else if per_head {
            format!("{} / {}", text(numerator), text(denominator))
        } else {
            format!("{} of {}", text(numerator), text(denominator))
        };
        // A per-head figure's quotient in its own unit, not in percent.
        let result = if per_head {
            format!("{} {}", show(&computed.scaled(rust_decimal::Decimal::new(1, 2))), unit.unwrap_or(""))
        } else {
            format!("{}%", show(&computed))
        };
        outcome.findings.push(Finding {
            rule: CHECK.id.into(),
            severity: if certain { CHECK.severity } else { Severity::Warning },
            message: format!(
                "{} is stated as {}, but {counts} is {result}",
                cx.mention(rate).figure.label,
                text(rate),
            ),
            primary: cx.mark(rate, format!("stated {}", text(rate))),
            labels: vec![
                cx.mark(
                    numerator,
                    format!("{}, {}", if complement { "the complement count" } else { "numerator" }, text(numerator)),
                ),
                cx.mark(denominator, format!("denominator, {}", text(denominator))),
            ],
            help: "verify the rate and the two counts it is computed from".into(),
            explain: format!("{}: inconsistent", arithmetic()),
        });
    }
}
