//! `change-mismatch`: a stated percent change must follow from the counts.

use crate::graph::{Edge, Role};
use crate::interval::Interval;

use super::{show, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "change-mismatch",
    severity: Severity::Error,
    summary: "a stated percent change does not follow from the counts",
    doc: "## What it checks
In `233起，同比减少99起，下降29.8%` the value now is 233 and the change 99,
so the value before was 233 + 99 and the decrease is 99 / 332 = 29.8%. An
increase divides by the value now minus the change. The bounds are taken at
the corners, where the formula is monotone, so `余` and rounding widen it
exactly as far as they allow.

## Why
Year-on-year changes are computed by hand and copied; a slipped digit in the
count, the change or the percent breaks the sentence's own arithmetic.

## Example
Fails: `事故233起，同比减少99起，下降19.8%`.
Passes: `事故233起，同比减少99起，下降29.8%`.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    let is_change = |e: &Edge| matches!(e, Edge::ChangeOf(_));
    for percent in cx.graph.sources_of(is_change) {
        let targets = cx.graph.targets(percent, is_change);
        let current = targets.iter().find(|(e, _)| *e == Edge::ChangeOf(Role::Current)).map(|(_, m)| *m);
        let delta = targets.iter().find(|(e, _)| matches!(e, Edge::ChangeOf(Role::Decrease | Role::Increase)));
        let (Some(current), Some(&(edge, delta))) = (current, delta) else { continue };
        let decrease = edge == Edge::ChangeOf(Role::Decrease);
        let Some(computed) = Interval::change_percent(cx.interval(current), cx.interval(delta), decrease) else {
            continue;
        };
        let stated = cx.interval(percent);
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        let formula = if decrease { "Δ / (now + Δ)" } else { "Δ / (now − Δ)" };
        // Formatted only when a finding or --explain needs it.
        let arithmetic = || {
            format!(
                "{formula} = {} / ({} {} {}) = {}%; stated {} means {}%",
                cx.interval(delta),
                cx.interval(current),
                if decrease { "+" } else { "−" },
                cx.interval(delta),
                show(&computed),
                text(percent),
                show(stated)
            )
        };
        if computed.intersects(stated) {
            outcome.note(|| Consistent {
                rule: CHECK.id.into(),
                at: cx.mark(percent, text(percent)),
                explain: format!("{}: consistent", arithmetic()),
            });
            continue;
        }
        outcome.findings.push(Finding {
            rule: CHECK.id.into(),
            severity: CHECK.severity,
            message: format!(
                "a change of {} on {} is {}%, not {}",
                text(delta),
                text(current),
                show(&computed),
                text(percent)
            ),
            primary: cx.mark(percent, format!("stated {}", text(percent))),
            labels: vec![
                cx.mark(current, format!("the value now, {}", text(current))),
                cx.mark(delta, format!("the change, {}", text(delta))),
            ],
            help: "verify the percent, the change and the current value".into(),
            explain: format!("{}: inconsistent", arithmetic()),
        });
    }
}
