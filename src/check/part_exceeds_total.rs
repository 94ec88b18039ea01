//! `part-exceeds-total`: a part (`其中…`, `of which`) cannot exceed its total.

use crate::graph::Edge;
use crate::interval::Interval;

use super::{slipped, Check, Consistent, Context, Finding, Outcome, Severity};

pub const CHECK: Check = Check {
    id: "part-exceeds-total",
    severity: Severity::Error,
    summary: "a part is larger than the total it belongs to",
    doc: "## What it checks
A figure written after `其中` (`of which`, `including`) is a part of the
nearest figure before the marker with the same unit. A part whose smallest
possible value is above the total's largest is an error; parts whose smallest
values add up to more than the total's largest are a warning (the parts of a
`其中` may overlap, so their sum is only a hint). The rows of a table's
column under a sentence that states their whole (`全年受理案件3120件。各类案件受理
情况见下表。` over `| 案件类型 | 受理案件（件） |`) are kinds apart: their sum
above the whole is an error.

## Why
A part larger than its whole is always a typo: a digit added or dropped.

## Example
Fails: `抓获在逃人员375人，其中历年在逃人员412人`.
Passes: `抓获在逃人员375人，其中历年在逃人员12人`.",
    run,
};

fn run(cx: &Context, outcome: &mut Outcome) {
    let is_part = |e: &Edge| matches!(e, Edge::PartOf);
    let mut totals: Vec<(usize, Vec<usize>)> = Vec::new();
    for part in cx.graph.sources_of(is_part) {
        for (_, total) in cx.graph.targets(part, is_part) {
            match totals.iter_mut().find(|(t, _)| *t == total) {
                Some((_, parts)) => parts.push(part),
                None => totals.push((total, vec![part])),
            }
        }
    }
    for (total, parts) in totals {
        let whole = cx.interval(total);
        let total_text = cx.release.text_of(cx.mention(total));
        for &part in &parts {
            let p = cx.interval(part);
            let exceeds = match (p.lo(), whole.hi()) {
                (Some(lo), Some(hi)) => lo > hi || (lo == hi && (p.low.open || whole.high.open)),
                _ => false,
            };
            if !exceeds {
                outcome.note(|| Consistent {
                    rule: CHECK.id.into(),
                    at: cx.mark(part, cx.release.text_of(cx.mention(part))),
                    explain: format!("part {} ≤ total {}: consistent", p, whole),
                });
            } else {
                outcome.findings.push(Finding {
                    rule: CHECK.id.into(),
                    severity: CHECK.severity,
                    message: format!(
                        "the part {} ({}) is larger than its total {} ({})",
                        cx.release.text_of(cx.mention(part)),
                        cx.mention(part).figure.label,
                        total_text,
                        cx.mention(total).figure.label
                    ),
                    primary: cx.mark(part, "this part"),
                    labels: vec![cx.mark(total, format!("its total, {}", cx.release.text_of(cx.mention(total))))],
                    help: "verify the part and the total: a part cannot exceed its whole".into(),
                    explain: format!("part {} > total {}", p, whole),
                });
            }
        }
        if parts.len() < 2 {
            continue;
        }
        let lows: Vec<Interval> =
            parts.iter().map(|&p| Interval::exact(cx.interval(p).lo().unwrap_or_default())).collect();
        if let (Some(sum), Some(hi)) = (Interval::sum(&lows).and_then(|s| s.lo()), whole.hi()) {
            if sum > hi {
                let first = parts[0];
                let slip = slipped(cx, total, &parts);
                // The rows of a table's column are kinds apart (`| 商品类别 |`):
                // they cannot overlap, so their sum above the whole is wrong.
                let rows = parts.iter().all(|&p| cx.mention(p).figure.cell);
                outcome.findings.push(Finding {
                    rule: CHECK.id.into(),
                    severity: if slip.is_some() || rows { CHECK.severity } else { Severity::Warning },
                    message: format!(
                        "the parts of {} add up to at least {}, more than the total",
                        total_text,
                        cx.in_unit_of(total, &Interval::exact(sum))
                    ),
                    primary: cx.mark(first, "the parts start here"),
                    labels: std::iter::once(
                        cx.mark(total, format!("the total, {}", cx.release.text_of(cx.mention(total)))),
                    )
                    .chain(parts[1..].iter().map(|&p| cx.mark(p, "another part")))
                    .collect(),
                    help: match &slip {
                        Some((m, read)) => format!(
                            "verify the parts and the total: they add up exactly if {} read {}",
                            cx.release.text_of(cx.mention(*m)),
                            read
                        ),
                        None => "verify the parts and the total, unless the parts overlap".into(),
                    },
                    explain: format!("sum of the parts' lower ends {} > total {}", sum.normalize(), whole),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::{Document, Packs};

    /// The part-exceeds-total findings of a Markdown document, with their severity.
    fn found(text: &str) -> Vec<(Severity, String)> {
        let packs = Packs::builtin().unwrap();
        let report = crate::check(vec![Document::with_format("courts.md", text)], &packs);
        report
            .findings()
            .iter()
            .filter(|f| f.rule == super::CHECK.id)
            .map(|f| (f.severity, f.message.clone()))
            .collect()
    }

    #[test]
    fn the_rows_of_a_table_under_its_whole_cannot_add_up_to_more() {
        // Courts: the kinds of case are apart, so their sum above the year's
        // cases is an error, not a hint.
        let table = |civil: &str| {
            format!(
                "全年全市法院受理案件3120件。各类案件受理情况见下表。\n\n| 案件类型 | 受理案件（件） |\n|---|---:|\n\
                 | 民事 | {civil} |\n| 刑事 | 640 |\n| 行政 | 210 |\n"
            )
        };
        assert!(found(&table("1860")).is_empty(), "{:?}", found(&table("1860")));
        let wrong = found(&table("2860"));
        assert!(wrong.iter().any(|(s, _)| *s == Severity::Error), "{wrong:?}");
        // A row of parts of a row (`其中：`) is no kind beside the others.
        let nested = format!("{}| 其中：离婚 | 900 |\n", table("2860"));
        assert!(found(&nested).iter().all(|(s, _)| *s != Severity::Error), "{:?}", found(&nested));
    }
}
