//! `out-of-range`: a share above 100%, a count of whole things that is not whole.

use super::{Check, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "out-of-range",
    severity: Severity::Error,
    summary: "a share above 100%, or a count of whole things that is not whole",
    doc: "## What it checks
A decrease of more than 100% (`同比下降131.4%`) is out of range. A percent
whose label names a share or a rate (`率`, `占比`, `share`) must not
exceed 100% (rates that may, like `完成率` or `growth rate`, are listed in the
pack). A count in a unit of whole things (`人`, `起`, `件`) must allow a whole
number: `186.5人` cannot be, unless its sentence makes it an average
(`每百户拥有家用汽车21.5辆`).

## Why
Both are impossible values: a slipped decimal point or a swapped digit.

## Example
Fails: `化解率达到197.6%`, `抓获犯罪嫌疑人186.5人`, `同比下降131.4%`.
Passes: `化解率达到97.6%`, `出动警力1.5万人次` (15000 people).",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    let hundred = rust_decimal::Decimal::ONE_HUNDRED;
    for (m, mention) in cx.release.mentions.iter().enumerate() {
        let figure = &mention.figure;
        let pack = &cx.packs.packs[figure.pack];
        let linking = &pack.spec.linking;
        let unit = figure.unit.as_deref().unwrap_or("");
        let text = cx.release.text_of(mention);
        let above_hundred = unit == "%" && figure.interval.lo().is_some_and(|lo| lo > hundred);
        let mut report = |message: String, here: &str, help: &str, explain: String| {
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: CHECK.severity,
                message,
                primary: cx.mark(m, here),
                labels: vec![],
                help: help.into(),
                explain,
            });
        };

        // A count cannot fall by more than all of it: `同比下降131.4%`.
        if above_hundred && crate::graph::link::direction(&figure.label, pack) == Some(true) {
            report(
                format!("{} is a decrease of {text}, more than all of it", figure.label),
                "a decrease above 100%",
                "verify the percent: nothing falls by more than 100%",
                format!("{} > 100", figure.interval),
            );
        }

        let is_share = linking.share_words.iter().any(|w| figure.label.contains(w.as_str()))
            && !linking.not_shares.iter().any(|w| figure.label.contains(w.as_str()));
        if above_hundred && is_share {
            report(
                format!("{} is a share, and {text} is above 100%", figure.label),
                "above 100%",
                "verify the decimal point: a share cannot exceed 100%",
                format!("{} > 100", figure.interval),
            );
        }

        // A count of whole things holds a whole number, unless its sentence
        // makes it an average, or a qualifier (`超26个`) makes it approximate.
        // English counts carry no unit: their noun is what is counted.
        let sentence = &cx.release.docs[mention.doc].text[figure.sentence.start..figure.span.start];
        let is_average = linking.per_words.iter().any(|w| sentence.contains(w.as_str()));
        let counted = if unit.is_empty() { figure.label.rsplit(' ').next().unwrap_or("") } else { unit };
        if linking.whole_units.iter().any(|u| u == counted)
            && !is_average
            && figure.qualifier.is_none()
            && figure.interval.holds_no_integer()
        {
            report(
                format!("{} counts whole {counted}, but {text} is not a whole number", figure.label),
                "not a whole number",
                "verify the figure: counts of whole things are whole",
                format!("{} holds no whole number", figure.interval),
            );
        }
    }
}
