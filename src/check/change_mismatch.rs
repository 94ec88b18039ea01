//! `change-mismatch`: a stated percent change must follow from the counts.

use crate::graph::Relation;

use super::{show, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "change-mismatch",
    severity: Severity::Error,
    summary: "a stated percent change does not follow from the counts",
    doc: "## What it checks
A change names up to four figures: the base (`较去年同期的43.81亿元`, `from
6,515`), the value now, the change (`增加288.2亿元`, `rose by $5.6 billion`)
and its percent. Any three fix the fourth. With a written base the percent
is Δ / base (`较去年最高供水量79.2万立方米增加7.2万立方米，增长9.1%`); without
one, `233起，同比减少99起，下降29.8%` means the value before was 233 + 99 and
the decrease is 99 / 332 = 29.8% (an increase divides by now − Δ); base and
value now must differ by the change (`revised down by 21,000, from +165,000
to +144,000`). Percentage points are the difference of two rates
(`由88.6%提高到91.2%，提高2.6个百分点`). Lists aligned by `分别` pair their
members in order. The bounds are taken at the corners, where each formula
is monotone, so `余` and rounding widen it exactly as far as they allow.

## Why
Year-on-year changes are computed by hand and copied; a slipped digit in the
count, the change or the percent breaks the sentence's own arithmetic.

## Example
Fails: `事故233起，同比减少99起，下降19.8%`.
Passes: `事故233起，同比减少99起，下降29.8%`.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    for relation in &cx.release.relations {
        let Relation::ChangeOf(change) = relation else { continue };
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        let interval = |m: usize| *cx.interval(m);
        let unit = if change.points { " points" } else { "" };
        for expectation in change.expectations(interval) {
            let judged = expectation.judged;
            let stated = cx.interval(judged);
            let is_percent = Some(judged) == change.percent;
            let suffix = if is_percent { "%" } else { unit };
            let arithmetic = || {
                format!(
                    "{} = {}{suffix}; stated {} means {}{suffix}",
                    expectation.formula,
                    show(&expectation.computed),
                    text(judged),
                    show(stated)
                )
            };
            if expectation.computed.intersects(stated) {
                outcome.note(|| Consistent {
                    rule: CHECK.id.into(),
                    at: cx.mark(judged, text(judged)),
                    explain: format!("{}: consistent", arithmetic()),
                });
                continue;
            }
            let mut labels = Vec::new();
            for (figure, role) in [
                (change.base, "the base"),
                (change.current, "the value now"),
                (change.delta, "the change"),
                (change.percent, "the percent"),
            ] {
                if let Some(m) = figure.filter(|&m| m != judged) {
                    labels.push(cx.mark(m, format!("{role}, {}", text(m))));
                }
            }
            let message = match (change.base, change.current, change.delta) {
                _ if change.points => format!(
                    "{} is stated as the change from {} to {}, but their difference is {} points",
                    text(judged),
                    change.base.map(text).unwrap_or_default(),
                    change.current.map(text).unwrap_or_default(),
                    show(&expectation.computed)
                ),
                (Some(base), _, Some(delta)) if is_percent => {
                    format!(
                        "a change of {} on a base of {} is {}%, not {}",
                        text(delta),
                        text(base),
                        show(&expectation.computed),
                        text(judged)
                    )
                }
                (Some(base), Some(current), _) if is_percent => format!(
                    "from {} to {} is a change of {}%, not {}",
                    text(base),
                    text(current),
                    show(&expectation.computed),
                    text(judged)
                ),
                (_, Some(current), Some(delta)) if is_percent => {
                    format!(
                        "a change of {} on {} is {}%, not {}",
                        text(delta),
                        text(current),
                        show(&expectation.computed),
                        text(judged)
                    )
                }
                (Some(base), Some(current), _) => format!(
                    "from {} to {} is a change of {}, not {}",
                    text(base),
                    text(current),
                    show(&expectation.computed),
                    text(judged)
                ),
                _ => format!("{} does not follow from the figures it is stated with", text(judged)),
            };
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: if change.certain { CHECK.severity } else { Severity::Warning },
                message,
                primary: cx.mark(judged, format!("stated {}", text(judged))),
                labels,
                help: "verify the percent, the change and the current value".into(),
                explain: format!("{}: inconsistent", arithmetic()),
            });
        }
    }
}
