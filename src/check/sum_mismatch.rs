//! `sum-mismatch`: parts stated as a partition must add up to their total.

use crate::graph::Relation;
use crate::interval::Interval;

use super::{show, slipped, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "sum-mismatch",
    severity: Severity::Error,
    summary: "parts stated as a partition do not add up to their total",
    doc: "## What it checks
Figures a release states as the whole of a total: the members of `分别为`
right after it (`走访3.65万户，分别为1.48万户和2.17万户`), a partition under a
heading (`从区域看，主城区和各县分别接待游客…`) or `其中` with the count before,
the members of a parenthesis (`28座水库（大型3座、中型25座）`) and the counts
before `合计`. The sum of the parts' intervals must meet the total's.

## Why
A partition is copied from a table; a part retyped by hand no longer adds
up, and the reader who checks the sum finds it.

## Example
Fails: `走访3.65万户，分别为1.48万户和2.71万户`.
Passes: `走访3.65万户，分别为1.48万户和2.17万户`.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    for relation in &cx.release.relations {
        let Relation::SumOf { total, parts, certain } = relation else { continue };
        let intervals: Vec<Interval> = parts.iter().map(|&p| *cx.interval(p)).collect();
        let Some(sum) = Interval::sum(&intervals) else { continue };
        let whole = cx.interval(*total);
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        let listed = || parts.iter().map(|&p| text(p)).collect::<Vec<_>>().join(" + ");
        let arithmetic = || format!("{} = {}; the total {} means {}", listed(), show(&sum), text(*total), show(whole));
        if sum.intersects(whole) {
            outcome.note(|| Consistent {
                rule: CHECK.id.into(),
                at: cx.mark(*total, text(*total)),
                explain: format!("{}: consistent", arithmetic()),
            });
            continue;
        }
        // A probable partition whose sum one typo would mend is an error too.
        let slip = if *certain { None } else { slipped(cx, *total, parts) };
        outcome.findings.push(Finding {
            rule: CHECK.id.into(),
            severity: if *certain || slip.is_some() { CHECK.severity } else { Severity::Warning },
            message: format!("{} add up to {}, not {}", listed(), show(&sum), text(*total)),
            primary: cx.mark(*total, format!("the total, {}", text(*total))),
            labels: parts.iter().map(|&p| cx.mark(p, format!("a part, {}", text(p)))).collect(),
            help: match &slip {
                Some((m, read)) => format!("verify the parts and the total: they add up if {} read {}", text(*m), read),
                None => "verify the parts and the total".into(),
            },
            explain: format!("{}: inconsistent", arithmetic()),
        });
    }
}
