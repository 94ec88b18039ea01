//! crosscheck proofs the figures in documents.
//!
//! The pipeline, one module per stage (see DESIGN.md):
//! `load` → `segment` → `extract` → `graph` → `check` → `report`, on the
//! packs of `lexicon` and the rule files of `config`. Imports go only
//! downward; `tests/architecture.rs` holds the layers and README.md's "How
//! the code is laid out" describes them. This file is the library API that
//! the command line, the web page and the language server call.
//! The library never prints; only `report` writers and the binary write.

pub mod check;
pub mod cli;
pub mod config;
pub mod extract;
pub mod finding;
pub mod graph;
pub mod interval;
pub mod lexicon;
pub mod load;
pub mod lsp;
pub mod report;
pub mod segment;
pub mod serve;
pub mod slip;
pub mod span;

pub use check::Report;
pub use extract::{extract_figures, Figure};
pub use interval::Interval;
pub use lexicon::Packs;
pub use load::Document;

/// Checks a release: reads every document, links its figures and runs the
/// built-in checks. The CLI, the web page and the language server call this.
pub fn check(docs: Vec<Document>, packs: &Packs) -> Report {
    check_with(docs, packs, false)
}

/// [`check`], recording with `explain` the arithmetic of every relation found
/// consistent as well (`crosscheck check --explain`).
pub fn check_with(docs: Vec<Document>, packs: &Packs, explain: bool) -> Report {
    check_rules(docs, packs, &config::UserRules::default(), explain)
}

/// [`check_with`] and the user rules of rule files: their `ignore` patterns
/// take text out of every document first, and their `release` key says how
/// the documents are grouped into releases (by evidence when unset).
pub fn check_rules(mut docs: Vec<Document>, packs: &Packs, user: &config::UserRules, explain: bool) -> Report {
    if !user.ignore.is_empty() {
        for doc in &mut docs {
            doc.ignore_matches(&user.ignore);
        }
    }
    let release = analyse(docs, packs, user.release.unwrap_or_default());
    let graph = graph::FactGraph::build(&release);
    check::run(release, graph, packs, user, explain)
}

/// Reads, segments and links the documents, grouped into releases as
/// `grouping` says (DESIGN.md, "Releases"): what the checks run on and
/// `crosscheck figures` lists.
pub fn analyse(docs: Vec<Document>, packs: &Packs, grouping: graph::Grouping) -> graph::Release {
    graph::Release::analyse_grouped(docs, packs, grouping)
}

/// The figure records of every document, in document and text order: what
/// `crosscheck figures` lists (documents grouped by evidence).
pub fn figure_records(docs: Vec<Document>, packs: &Packs) -> Vec<report::FigureRecord> {
    let release = analyse(docs, packs, graph::Grouping::Auto);
    report::release_figure_records(&release)
}

/// The number records of every document: every number expression read.
pub fn number_records(docs: &[Document], packs: &Packs) -> Vec<report::NumberRecord> {
    let mut records = Vec::new();
    for doc in docs {
        let lines = span::LineIndex::new(&doc.text);
        for number in packs.numerals.scan(&doc.text).into_iter().filter(|n| !doc.is_ignored(&(n.start..n.end))) {
            let (line, column) = lines.line_column(&doc.text, number.start);
            let interval = crate::extract::number::interval_of(&number);
            records.push(report::NumberRecord {
                file: doc.name.clone(),
                line,
                column,
                start: number.start,
                end: number.end,
                text: doc.text[number.start..number.end].to_string(),
                value: report::figures::decimal(number.value),
                low: interval.low.value.map(report::figures::decimal),
                high: interval.high.value.map(report::figures::decimal),
            });
        }
    }
    records
}
