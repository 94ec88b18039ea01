//! The check stage: the built-in checks (walks over the fact graph that
//! yield [`Finding`]s), the user rules of rule files (`user`), the
//! severities packs and rule files give, and suppression comments
//! (`suppress`). [`run`] does all of it and gives the [`Report`].
//!
//! One check per file; each file's doc comment (what it checks, why, an
//! example that fails and one that passes) is what `crosscheck explain` prints.

mod change_mismatch;
mod figure_mismatch;
mod out_of_range;
mod part_exceeds_total;
mod rate_mismatch;
mod similar_mismatch;
mod sum_mismatch;
pub mod suppress;
pub mod user;

use crate::config::UserRules;
use crate::graph::{FactGraph, Mention, Release};
use crate::interval::Interval;
use crate::lexicon::Packs;

pub use crate::finding::{Finding, Mark, Severity};

/// The result of checking a release: what was read, its fact graph and what
/// the checks found.
#[derive(Debug, Clone)]
pub struct Report {
    pub release: Release,
    pub graph: FactGraph,
    pub outcome: Outcome,
}

impl Report {
    /// The findings, in document, position and rule order.
    pub fn findings(&self) -> &[Finding] {
        &self.outcome.findings
    }
}

/// A built-in check: its stable id, default severity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it checks, why, an example that fails and one that passes.
    pub doc: &'static str,
    run: fn(&Context, &mut Outcome),
}

/// What the checks found: findings, and the relations they checked and found
/// consistent, with their arithmetic (`--explain` prints both).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub consistent: Vec<Consistent>,
    /// Whether consistent relations are recorded: their arithmetic is only
    /// written for `--explain`, and on a large release it costs.
    pub explain: bool,
}

impl Outcome {
    /// Records a consistent relation, built only when it is wanted.
    pub fn note(&mut self, consistent: impl FnOnce() -> Consistent) {
        if self.explain {
            self.consistent.push(consistent());
        }
    }
}

/// A relation a check verified and found consistent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consistent {
    pub rule: String,
    pub at: Mark,
    pub explain: String,
}

/// What a check sees.
pub struct Context<'a> {
    pub release: &'a Release,
    pub graph: &'a FactGraph,
    pub packs: &'a Packs,
}

impl Context<'_> {
    /// A mark on mention `m` with a message.
    pub fn mark(&self, m: usize, message: impl Into<String>) -> Mark {
        let mention = &self.release.mentions[m];
        Mark { doc: mention.doc, span: mention.figure.span.clone(), source: mention.source, message: message.into() }
    }

    pub fn mention(&self, m: usize) -> &Mention {
        &self.release.mentions[m]
    }

    /// The figure as written, with its source: `7500余起 (治安管理支队支队长张辉)`.
    pub fn quote(&self, m: usize) -> String {
        let mention = self.mention(m);
        format!("{} ({})", self.release.text_of(mention), self.release.source_title(mention))
    }

    pub fn interval(&self, m: usize) -> &Interval {
        &self.mention(m).figure.interval
    }
}

/// Every built-in check, in id order.
pub const BUILTIN: &[Check] = &[
    change_mismatch::CHECK,
    figure_mismatch::CHECK,
    out_of_range::CHECK,
    part_exceeds_total::CHECK,
    rate_mismatch::CHECK,
    similar_mismatch::CHECK,
    sum_mismatch::CHECK,
];

/// The ids of the built-in checks, in id order: what a rule file may not
/// take and may give a severity to.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|c| c.id).collect()
}

/// The check stage: every built-in check and user rule, then the severities
/// (the packs' defaults, then the user's, per file), then the suppression
/// comments of the documents.
pub fn run(release: Release, graph: FactGraph, packs: &Packs, user: &UserRules, explain: bool) -> Report {
    let mut outcome = run_all(&release, &graph, packs, user, explain);
    let pack_of: std::collections::HashMap<(usize, usize), usize> =
        release.mentions.iter().map(|m| ((m.doc, m.figure.span.start), m.figure.pack)).collect();
    outcome.findings.retain_mut(|f| {
        let file = &release.docs[f.primary.doc].name;
        let pack = pack_of.get(&(f.primary.doc, f.primary.span.start)).copied();
        let configured = user.severity(&f.rule, file).or_else(|| packs.check_severity(pack, &f.rule));
        let Some(level) = configured else { return true };
        let Some(severity) = level else { return false };
        // A check's findings at its own default take the configured severity;
        // its milder findings (a part-sum hint) never rise above it.
        let default = BUILTIN.iter().find(|c| c.id == f.rule).map(|c| c.severity);
        f.severity = if default.is_none_or(|d| d == f.severity) { severity } else { f.severity.min(severity) };
        true
    });
    suppress::apply(&release.docs, &mut outcome.findings);
    sort_findings(&mut outcome.findings);
    Report { release, graph, outcome }
}

/// Runs every built-in check and every user rule; findings in document,
/// position and rule order. With `explain`, the relations found consistent
/// are recorded too.
pub fn run_all(release: &Release, graph: &FactGraph, packs: &Packs, user: &UserRules, explain: bool) -> Outcome {
    let cx = Context { release, graph, packs };
    let mut outcome = Outcome { explain, ..Outcome::default() };
    for check in BUILTIN {
        (check.run)(&cx, &mut outcome);
    }
    user::run(&cx, user, &mut outcome);
    sort_findings(&mut outcome.findings);
    outcome.consistent.sort_by(|a, b| (a.at.doc, a.at.span.start, &a.rule).cmp(&(b.at.doc, b.at.span.start, &b.rule)));
    outcome
}

/// Document, then position, then rule: the order every report uses.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.primary.doc, a.primary.span.start, &a.rule, &a.message).cmp(&(
            b.primary.doc,
            b.primary.span.start,
            &b.rule,
            &b.message,
        ))
    });
}

/// An interval written for people: `[65.5, 66.5]` as `65.5–66.5`, rounded.
pub fn show(interval: &Interval) -> String {
    interval.display_rounded(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_documented() {
        let ids: Vec<&str> = BUILTIN.iter().map(|c| c.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for check in BUILTIN {
            assert!(check.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", check.id);
            for section in ["## What it checks", "## Why", "## Example"] {
                assert!(check.doc.contains(section), "{} lacks {section}", check.id);
            }
        }
    }
}
