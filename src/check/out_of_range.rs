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
        // A word of average before it in its sentence or after it in its
        // clause (`per doctor`, `37.5 patients per day`) makes it an average.
        let text_of_doc = &cx.release.docs[mention.doc].text;
        let sentence_end = figure.sentence.end.clamp(figure.span.end, text_of_doc.len());
        let sentence = &text_of_doc[figure.sentence.start.min(figure.span.start)..figure.span.start];
        // After it, only its own clause: `均` later in the sentence (`…2起，
        // 均已告破`) is no average of it.
        let after = &text_of_doc[figure.span.end.min(sentence_end)..sentence_end];
        let after = after.split(|c: char| pack.lexicon.boundaries.contains(c)).next().unwrap_or("");
        let is_average = linking.per_words.iter().any(|w| sentence.contains(w.as_str()) || after.contains(w.as_str()));
        // The noun the figure counts: its unit, or in English the label's
        // last word or the word right after it (`37.5 inmates escaped`).
        let next_word = text_of_doc[figure.span.end.min(text_of_doc.len())..]
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        let whole = |noun: &str| {
            linking.whole_units.iter().any(|u| u == noun)
                || (linking.whole_suffixes.iter().any(|s| noun.len() > s.len() + 2 && noun.ends_with(s.as_str()))
                    && !linking.fractional_nouns.iter().any(|f| noun.ends_with(f.as_str())))
        };
        let counted = if unit.is_empty() {
            [figure.label.rsplit(' ').next().unwrap_or(""), next_word.as_str()].into_iter().find(|w| whole(w))
        } else {
            Some(unit).filter(|u| linking.whole_units.iter().any(|w| w == u))
        };
        let counted = counted.filter(|_| !is_average && figure.qualifier.is_none());
        if let Some(counted) = counted.filter(|_| figure.interval.holds_no_integer()) {
            report(
                format!("{} counts whole {counted}, but {text} is not a whole number", figure.label),
                "not a whole number",
                "verify the figure: counts of whole things are whole",
                format!("{} holds no whole number", figure.interval),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::findings_of;

    #[test]
    fn a_count_of_people_or_whole_things_by_its_ending_is_whole() {
        // Prisons, business and schools: nouns of people are whole by their
        // ending or their word, not by a list of one release's nouns.
        for text in ["Last year 37.5 inmates escaped.", "The firm hired 12.5 employees.", "We admitted 2.5 applicants."]
        {
            assert_eq!(findings_of("out-of-range", text).len(), 1, "{text}");
        }
        // Measures take fractions, and an average is no count.
        for text in [
            "The crew laid 2.5 meters of pipe.",
            "Temperatures rose 2.5 degrees.",
            "The clinic saw 37.5 patients per day.",
        ] {
            assert!(findings_of("out-of-range", text).is_empty(), "{text}");
        }
    }
}
