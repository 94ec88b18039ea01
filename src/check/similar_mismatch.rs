//! `similar-mismatch`: figures whose labels are alike but not equal, and whose
//! values disagree: a hint, never an error.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::interval::Interval;

use super::{Check, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "similar-mismatch",
    severity: Severity::Info,
    summary: "figures with alike labels (one an abbreviation of the other) disagree",
    doc: "## What it checks
Two measures in the same unit and frame whose labels differ only by words
left out of one of them (`挂牌刑事案件` and `挂牌攻坚刑事案件`: the shorter
label's characters stand in order in the longer), stated by different
sources, with values that do not intersect but lie within 15% of each other
(a label with a word added is often a part, far from its whole; a slip of a
digit leaves the value close). The link is only probable, so
this is a hint at info level, with the reason in the message, never an error.

## Why
Speakers abbreviate: the lead's `挂牌攻坚刑事案件155起` is a speaker's
`挂牌刑事案件155起`. When one of them is changed, only the alike labels tie
them together.

## Example
Fails (info): `挂牌攻坚刑事案件155起` in the lead and `共挂牌刑事案件165起` from a speaker.
Passes: the same with 155 in both; `破获刑事案件1829起` and
`破获黄赌刑事案件76起` (a part, far from the whole).",
    run,
};

/// Bigrams shared by more measures than this are too common to propose pairs.
const MAX_POSTINGS: usize = 64;

/// The shorter label must have at least this many characters.
const MIN_CHARS: usize = 4;

/// The release, frame and unit of a measure: only measures of one block are compared.
type Block<'a> = (usize, &'a [String], &'a str);

fn run(cx: &Context, outcome: &mut Outcome) {
    // One representative mention per specific (linkable, non-dependent) measure.
    let mut measures: Vec<(Block, String, usize)> = Vec::new(); // (block, label, mention)
    for (key, mentions) in cx.graph.measures() {
        if key.is_dependent() {
            continue; // a dependent under its head: its label alone says little
        }
        if key.label.chars().count() >= MIN_CHARS {
            let release = cx.release.release_of_mention(cx.mention(mentions[0]));
            measures.push(((release, key.frame.as_slice(), key.unit.as_str()), key.label.clone(), mentions[0]));
        }
    }
    // Candidate pairs from shared character pairs, per unit and frame.
    let mut postings: BTreeMap<(Block, (char, char)), Vec<usize>> = BTreeMap::new();
    for (i, (block, label, _)) in measures.iter().enumerate() {
        let chars: Vec<char> = label.chars().collect();
        let bigrams: BTreeSet<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        for bigram in bigrams {
            postings.entry((*block, bigram)).or_default().push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in postings.values().filter(|l| l.len() <= MAX_POSTINGS) {
        for (n, &a) in list.iter().enumerate() {
            for &b in &list[n + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    for (a, b) in pairs {
        let (short, long) =
            if measures[a].1.chars().count() <= measures[b].1.chars().count() { (a, b) } else { (b, a) };
        let (short_label, long_label) = (&measures[short].1, &measures[long].1);
        if !is_subsequence(short_label, long_label) {
            continue;
        }
        let (ms, ml) = (measures[short].2, measures[long].2);
        if cx.mention(ms).source == cx.mention(ml).source || cx.interval(ms).intersects(cx.interval(ml)) {
            continue;
        }
        // A label with a word added is often a part (`破获黄赌刑事案件76起` of
        // `破获刑事案件1829起`), far from the whole; a slip leaves the value close.
        if !close(cx.interval(ms), cx.interval(ml)) {
            continue;
        }
        let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
        outcome.findings.push(Finding {
            rule: CHECK.id.into(),
            severity: CHECK.severity,
            message: format!(
                "{} says {} for {short_label}, and {} says {} for {long_label}: if these are one measure, they disagree",
                cx.release.source_title(cx.mention(ms)),
                text(ms),
                cx.release.source_title(cx.mention(ml)),
                text(ml)
            ),
            primary: cx.mark(ms, format!("{} here", text(ms))),
            labels: vec![cx.mark(ml, format!("{long_label}: {}", text(ml)))],
            help: format!("`{short_label}` reads as an abbreviation of `{long_label}`; verify whether they count the same thing"),
            explain: format!("{} and {} do not intersect", show(cx.interval(ms)), show(cx.interval(ml))),
        });
    }
}

/// Values within this fraction of the larger one are close.
const CLOSE: Decimal = Decimal::from_parts(15, 0, 0, false, 2);

/// True when the two intervals' values differ by at most [`CLOSE`] of the larger.
fn close(a: &Interval, b: &Interval) -> bool {
    let mid = |i: &Interval| Some((i.lo()? + i.hi()?) / Decimal::TWO);
    let (Some(x), Some(y)) = (mid(a), mid(b)) else { return false };
    let larger = x.abs().max(y.abs());
    larger > Decimal::ZERO && (x - y).abs() <= larger * CLOSE
}

fn show(interval: &Interval) -> String {
    interval.to_string()
}

/// True when the characters of `short` stand in order in `long`.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

#[cfg(test)]
mod tests {
    use super::is_subsequence;

    #[test]
    fn an_abbreviation_is_a_subsequence() {
        assert!(is_subsequence("挂牌刑事案件", "挂牌攻坚刑事案件"));
        assert!(!is_subsequence("挂牌整治重点区县", "分类确定挂牌重点区县"));
    }
}
