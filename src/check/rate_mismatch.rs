//! `rate-mismatch`: a stated rate must follow from the counts it is computed from.

use crate::graph::{Edge, Role};
use crate::interval::Interval;

use super::{show, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "rate-mismatch",
    severity: Severity::Error,
    summary: "a stated rate does not follow from its counts",
    doc: "## What it checks
A percent labelled `X率` (`a rate of`) whose counts stand near it: the
numerator is the nearest earlier count whose label holds `X`, the denominator
the count before that with the same unit. The rate must lie in
`[numerator.low / denominator.high, numerator.high / denominator.low]`.

## Why
A rate is computed once and copied many times; when a count is revised and
the rate is not, or a digit slips, the rate no longer follows.

## Example
Fails: `排查矛盾纠纷7500余起，化解7300余起，化解率达到92.6%` (7300/7600 is
already 96.1%).
Passes: `化解率达到97.6%`: (7300, 7400) / (7500, 7600) = 96.05%–98.67%.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    let is_rate = |e: &Edge| matches!(e, Edge::RateOf(_));
    for rate in cx.graph.sources_of(is_rate) {
        let targets = cx.graph.targets(rate, is_rate);
        let find = |role: Role| targets.iter().find(|(e, _)| *e == Edge::RateOf(role)).map(|(_, m)| *m);
        let (Some(numerator), Some(denominator)) = (find(Role::Numerator), find(Role::Denominator)) else { continue };
        let Some(computed) = Interval::percent_of(cx.interval(numerator), cx.interval(denominator)) else { continue };
        let stated = cx.interval(rate);
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        // Formatted only when a finding or --explain needs it.
        let arithmetic = || {
            format!(
                "{} / {} = {}%; stated {} means {}%",
                cx.interval(numerator),
                cx.interval(denominator),
                show(&computed),
                text(rate),
                show(stated)
            )
        };
        if computed.intersects(stated) {
            outcome.note(|| Consistent {
                rule: CHECK.id.into(),
                at: cx.mark(rate, text(rate)),
                explain: format!("{}: consistent", arithmetic()),
            });
            continue;
        }
        outcome.findings.push(Finding {
            rule: CHECK.id.into(),
            severity: CHECK.severity,
            message: format!(
                "{} is stated as {}, but {} of {} is {}%",
                cx.mention(rate).figure.label,
                text(rate),
                text(numerator),
                text(denominator),
                show(&computed)
            ),
            primary: cx.mark(rate, format!("stated {}", text(rate))),
            labels: vec![
                cx.mark(numerator, format!("numerator, {}", text(numerator))),
                cx.mark(denominator, format!("denominator, {}", text(denominator))),
            ],
            help: "verify the rate and the two counts it is computed from".into(),
            explain: format!("{}: inconsistent", arithmetic()),
        });
    }
}
