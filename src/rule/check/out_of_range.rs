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
        let pack = &cx.packs.packs[mention.figure.pack];
        // A count cannot fall by more than all of it: `同比下降131.4%`.
        let falls = crate::graph::link::direction(&mention.figure.label, pack) == Some(true);
        if falls
            && mention.figure.unit.as_deref() == Some("%")
            && mention.figure.interval.lo().is_some_and(|lo| lo > hundred)
        {
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: CHECK.severity,
                message: format!(
                    "{} is a decrease of {}, more than all of it",
                    mention.figure.label,
                    cx.release.text_of(mention)
                ),
                primary: cx.mark(m, "a decrease above 100%"),
                labels: vec![],
                help: "verify the percent: nothing falls by more than 100%".into(),
                explain: format!("{} > 100", mention.figure.interval),
            });
        }
        let figure = &mention.figure;
        let linking = &cx.packs.packs[figure.pack].spec.linking;
        let unit = figure.unit.as_deref().unwrap_or("");
        let text = cx.release.text_of(mention);
        let is_share = unit == "%"
            && linking.share_words.iter().any(|w| figure.label.contains(w.as_str()))
            && !linking.not_shares.iter().any(|w| figure.label.contains(w.as_str()));
        if is_share && figure.interval.lo().is_some_and(|lo| lo > hundred) {
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: CHECK.severity,
                message: format!("{} is a share, and {} is above 100%", figure.label, text),
                primary: cx.mark(m, "above 100%"),
                labels: vec![],
                help: "verify the decimal point: a share cannot exceed 100%".into(),
                explain: format!("{} > 100", figure.interval),
            });
        }
        let sentence = &cx.release.docs[mention.doc].text[figure.sentence.start..figure.span.start];
        let is_average = linking.per_words.iter().any(|w| sentence.contains(w.as_str()));
        // A qualified count (`超26个`) is approximate by its words; only a count
        // written as exact or rounded must hold a whole number.
        let qualified = figure.qualifier.is_some();
        // English counts carry no unit: their noun is what is counted.
        let counted = if unit.is_empty() { figure.label.rsplit(' ').next().unwrap_or("") } else { unit };
        if linking.whole_units.iter().any(|u| u == counted)
            && !is_average
            && !qualified
            && figure.interval.holds_no_integer()
        {
            outcome.findings.push(Finding {
                rule: CHECK.id.into(),
                severity: CHECK.severity,
                message: format!("{} counts whole {counted}, but {} is not a whole number", figure.label, text),
                primary: cx.mark(m, "not a whole number"),
                labels: vec![],
                help: "verify the figure: counts of whole things are whole".into(),
                explain: format!("{} holds no whole number", figure.interval),
            });
        }
    }
}
