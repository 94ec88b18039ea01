//! crosscheck proofs the figures in documents.
//!
//! The pipeline, one module per stage (see DESIGN.md):
//! `load` → `segment` → `extract` → `graph` → `rule` → `report`.
//! The library never prints; only `report` writers and the binary write.

pub mod cli;
pub mod extract;
pub mod graph;
pub mod interval;
pub mod lexicon;
pub mod load;
pub mod lsp;
pub mod report;
pub mod rule;
pub mod segment;
pub mod serve;
pub mod span;

pub use extract::{extract_figures, Figure};
pub use interval::Interval;
pub use lexicon::Packs;
pub use load::Document;

/// The result of checking a release: what was read, its fact graph and what
/// the checks found.
#[derive(Debug, Clone)]
pub struct Report {
    pub release: graph::Release,
    pub graph: graph::FactGraph,
    pub outcome: rule::check::Outcome,
}

impl Report {
    /// The findings, in document, position and rule order.
    pub fn findings(&self) -> &[rule::check::Finding] {
        &self.outcome.findings
    }
}

/// Checks a release: reads every document, links its figures and runs the
/// built-in checks. The CLI, the web page and the language server call this.
pub fn check(docs: Vec<Document>, packs: &Packs) -> Report {
    check_with(docs, packs, false)
}

/// [`check`], recording with `explain` the arithmetic of every relation found
/// consistent as well (`crosscheck check --explain`).
pub fn check_with(docs: Vec<Document>, packs: &Packs, explain: bool) -> Report {
    check_rules(docs, packs, &rule::file::UserRules::default(), explain)
}

/// [`check_with`] and the user rules of rule files: their `ignore` patterns
/// take text out of every document first.
pub fn check_rules(mut docs: Vec<Document>, packs: &Packs, user: &rule::file::UserRules, explain: bool) -> Report {
    if !user.ignore.is_empty() {
        for doc in &mut docs {
            doc.ignore_matches(&user.ignore);
        }
    }
    let release = graph::Release::analyse(docs, packs);
    let graph = graph::FactGraph::build(&release);
    let mut outcome = rule::check::run_all(&release, &graph, packs, user, explain);
    // Severities: the packs' defaults, then the user's, per file; then the
    // suppression comments of the documents.
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
        let default = rule::check::BUILTIN.iter().find(|c| c.id == f.rule).map(|c| c.severity);
        f.severity = if default.is_none_or(|d| d == f.severity) { severity } else { f.severity.min(severity) };
        true
    });
    rule::suppress::apply(&release.docs, &mut outcome.findings);
    rule::check::sort_findings(&mut outcome.findings);
    Report { release, graph, outcome }
}
