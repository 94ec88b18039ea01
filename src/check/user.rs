//! Running user rules (from rule files) over a release: metrics select
//! figures, rules check them in interval arithmetic.

use crate::check::{show, Context, Finding, Outcome};
use crate::config::{Metric, Rule, RuleCheck, UserRules};
use crate::graph::{Mention, Release};
use crate::interval::Interval;

/// True when metric `metric` selects mention `m`.
fn selects(release: &Release, metric: &Metric, m: &Mention) -> bool {
    metric.label.is_match(&m.figure.label)
        && metric.unit.as_ref().is_none_or(|u| m.figure.unit.as_ref() == Some(u))
        && metric.source.as_ref().is_none_or(|re| re.is_match(release.source_title(m)))
        && metric.context.as_ref().is_none_or(|re| re.is_match(&release.docs[m.doc].text[m.figure.sentence.clone()]))
}

/// Runs every user rule.
pub fn run(cx: &Context, rules: &UserRules, outcome: &mut Outcome) {
    let selected: Vec<Vec<usize>> = rules
        .metrics
        .iter()
        .map(|metric| (0..cx.release.mentions.len()).filter(|&m| selects(cx.release, metric, cx.mention(m))).collect())
        .collect();
    let first = |metric: usize| selected[metric].first().copied();
    let text = |m: usize| cx.release.text_of(cx.mention(m)).to_string();
    for rule in &rules.rules {
        let finding = |primary: usize, default: String, labels: Vec<(usize, String)>, explain: String| Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            message: rule.message.clone().map_or(default.clone(), |m| format!("{m} ({default})")),
            primary: cx.mark(primary, text(primary)),
            labels: labels.into_iter().map(|(m, message)| cx.mark(m, message)).collect(),
            help: format!("rule `{}` ({}): verify these figures", rule.id, rule.defined),
            explain,
        };
        match &rule.check {
            RuleCheck::Agree { metrics } => {
                let all: Vec<usize> = metrics.iter().flat_map(|&m| selected[m].iter().copied()).collect();
                let Some(&reference) = all.first() else { continue };
                for &m in &all[1..] {
                    if !cx.interval(m).intersects(cx.interval(reference)) {
                        outcome.findings.push(finding(
                            m,
                            format!("{} does not agree with {}", text(m), text(reference)),
                            vec![(reference, format!("says {}", text(reference)))],
                            format!("{} and {} do not intersect", cx.interval(m), cx.interval(reference)),
                        ));
                    }
                }
            }
            RuleCheck::Sum { total, parts, exhaustive } => {
                let (Some(t), Some(part_mentions)) =
                    (first(*total), parts.iter().map(|&p| first(p)).collect::<Option<Vec<_>>>())
                else {
                    continue;
                };
                let Some(sum) = Interval::sum(part_mentions.iter().map(|&p| cx.interval(p))) else { continue };
                let whole = cx.interval(t);
                let fits = if *exhaustive {
                    sum.intersects(whole)
                } else {
                    match (sum.lo(), whole.hi()) {
                        (Some(lo), Some(hi)) => lo <= hi,
                        _ => true,
                    }
                };
                let explain = format!(
                    "{} = {}; total {} is {}",
                    part_mentions.iter().map(|&p| text(p)).collect::<Vec<_>>().join(" + "),
                    sum,
                    text(t),
                    whole
                );
                if fits {
                    outcome.note(|| crate::check::Consistent {
                        rule: rule.id.clone(),
                        at: cx.mark(t, text(t)),
                        explain: format!("{explain}: consistent"),
                    });
                    continue;
                }
                let verb = if *exhaustive { "add up to" } else { "exceed" };
                outcome.findings.push(finding(
                    t,
                    format!("the parts {verb} {}, not {}", cx.in_unit_of(t, &sum), text(t)),
                    part_mentions.iter().map(|&p| (p, format!("part, {}", text(p)))).collect(),
                    format!("{explain}: inconsistent"),
                ));
            }
            RuleCheck::Ratio { value, numerator, denominator } => {
                let (Some(v), Some(n), Some(d)) = (first(*value), first(*numerator), first(*denominator)) else {
                    continue;
                };
                let Some(computed) = Interval::percent_of(cx.interval(n), cx.interval(d)) else { continue };
                let arithmetic = format!("{} / {} = {}%", cx.interval(n), cx.interval(d), show(&computed));
                let message = format!("{} is stated, but {} of {} is {}%", text(v), text(n), text(d), show(&computed));
                let labels = vec![(n, format!("numerator, {}", text(n))), (d, format!("denominator, {}", text(d)))];
                if let Some(f) = judge(cx, outcome, &rule.id, v, &computed, arithmetic, |explain| {
                    finding(v, message, labels, explain)
                }) {
                    outcome.findings.push(f);
                }
            }
            RuleCheck::Change { value, current, delta, decrease } => {
                let (Some(v), Some(c), Some(d)) = (first(*value), first(*current), first(*delta)) else { continue };
                let Some(computed) = Interval::change_percent(cx.interval(c), cx.interval(d), *decrease) else {
                    continue;
                };
                let arithmetic = format!("change {} on {} = {}%", cx.interval(d), cx.interval(c), show(&computed));
                let message =
                    format!("a change of {} on {} is {}%, not {}", text(d), text(c), show(&computed), text(v));
                let labels = vec![(c, format!("the value now, {}", text(c))), (d, format!("the change, {}", text(d)))];
                if let Some(f) = judge(cx, outcome, &rule.id, v, &computed, arithmetic, |explain| {
                    finding(v, message, labels, explain)
                }) {
                    outcome.findings.push(f);
                }
            }
            RuleCheck::Range { metric, min, max } => {
                for &m in &selected[*metric] {
                    let i = cx.interval(m);
                    let below = min.is_some_and(|min| i.hi().is_some_and(|hi| hi < min));
                    let above = max.is_some_and(|max| i.lo().is_some_and(|lo| lo > max));
                    if below || above {
                        let bounds = format!(
                            "[{}, {}]",
                            min.map_or("-∞".to_string(), |v| v.normalize().to_string()),
                            max.map_or("∞".to_string(), |v| v.normalize().to_string())
                        );
                        outcome.findings.push(finding(
                            m,
                            format!("{} is outside {bounds}", text(m)),
                            vec![],
                            format!("{i} lies outside {bounds}"),
                        ));
                    }
                }
            }
        }
    }
}

/// Judges a stated percent (mention `stated`) against the one computed from
/// its counts: records the arithmetic as consistent, or returns the finding
/// `make` builds from it.
fn judge(
    cx: &Context,
    outcome: &mut Outcome,
    rule: &str,
    stated: usize,
    computed: &Interval,
    arithmetic: String,
    make: impl FnOnce(String) -> Finding,
) -> Option<Finding> {
    let written = cx.release.text_of(cx.mention(stated)).to_string();
    let explain = format!("{arithmetic}; stated {written} means {}%", show(cx.interval(stated)));
    if computed.intersects(cx.interval(stated)) {
        outcome.note(|| crate::check::Consistent {
            rule: rule.to_string(),
            at: cx.mark(stated, written),
            explain: format!("{explain}: consistent"),
        });
        return None;
    }
    Some(make(format!("{explain}: inconsistent")))
}

/// The rules of a run, in listing order, for `crosscheck rules`.
pub fn describe(rule: &Rule) -> &'static str {
    match rule.check {
        RuleCheck::Agree { .. } => "agree",
        RuleCheck::Sum { .. } => "sum",
        RuleCheck::Ratio { .. } => "ratio",
        RuleCheck::Change { .. } => "change",
        RuleCheck::Range { .. } => "range",
    }
}

/// What a user rule checks, in words, with its metrics.
pub fn explain(rule: &Rule, user: &UserRules) -> String {
    let name = |m: &usize| {
        let metric = &user.metrics[*m];
        format!(
            "`{}` (label ~ /{}/{})",
            metric.id,
            metric.label.as_str(),
            metric.unit.as_ref().map_or(String::new(), |u| format!(", unit {u}"))
        )
    };
    match &rule.check {
        RuleCheck::Agree { metrics } => {
            format!(
                "Every figure of {} must agree (their intervals intersect).",
                metrics.iter().map(name).collect::<Vec<_>>().join(", ")
            )
        }
        RuleCheck::Sum { total, parts, exhaustive } => format!(
            "{} {} the total {}, in interval arithmetic.",
            parts.iter().map(name).collect::<Vec<_>>().join(" + "),
            if *exhaustive { "must add up to" } else { "must not exceed" },
            name(total)
        ),
        RuleCheck::Ratio { value, numerator, denominator } => {
            format!("{} must equal 100 × {} / {}.", name(value), name(numerator), name(denominator))
        }
        RuleCheck::Change { value, current, delta, decrease } => format!(
            "{} must equal 100 × {} / ({} {} {}).",
            name(value),
            name(delta),
            name(current),
            if *decrease { "+" } else { "−" },
            name(delta)
        ),
        RuleCheck::Range { metric, min, max } => format!(
            "Every figure of {} must lie in [{}, {}].",
            name(metric),
            min.map_or("-∞".to_string(), |v| v.normalize().to_string()),
            max.map_or("∞".to_string(), |v| v.normalize().to_string())
        ),
    }
}
