//! Reporting: findings, figures and numbers to people and machines.
//!
//! The last stage of the pipeline: it writes what the library computed and
//! never runs a stage itself. Each output format of `crosscheck check` is
//! one module behind the [`Format`] trait (`human`, `concise`, `json`,
//! `github`, `markdown`, `sarif`, `html`); the command line maps its flags
//! onto [`CheckFormat`]. Every format is deterministic: the same input gives
//! byte-identical output. JSON follows DESIGN.md's contracts.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::check::{Report, Severity};
use crate::span::LineIndex;

pub mod baseline;
pub mod concise;
pub mod figures;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

pub use figures::{
    release_figure_records, write_figures, write_numbers, FigureFormat, FigureRecord, NumberFormat, NumberRecord,
};
pub use github::GITHUB_ANNOTATIONS_PER_KIND;
pub use human::HumanOptions;

/// An output format of a checked release. A new format is a module with a
/// type that implements this, and a variant of [`CheckFormat`].
pub trait Format {
    /// Writes the report.
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
}

/// How `check` writes its findings (the command line's `--format` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// miette diagnostics, as rustc writes them.
    Human,
    /// `file:line:col: severity[rule] message`, one line each.
    Concise,
    /// DESIGN.md's JSON contract.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A Markdown table, for a pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

impl CheckFormat {
    /// The writer of this format; `human` takes the human format's options.
    pub fn writer(self, human: HumanOptions) -> Box<dyn Format> {
        match self {
            CheckFormat::Human => Box::new(human::Human(human)),
            CheckFormat::Concise => Box::new(concise::Concise),
            CheckFormat::Json => Box::new(json::Json),
            CheckFormat::Github => Box::new(github::Github),
            CheckFormat::Markdown => Box::new(markdown::Markdown),
            CheckFormat::Sarif => Box::new(sarif::Sarif),
        }
    }
}

/// Writes the report in `format`.
pub fn write_check(out: &mut dyn Write, report: &Report, format: CheckFormat, human: HumanOptions) -> io::Result<()> {
    format.writer(human).write(out, report)
}

/// Line and column lookups, one [`LineIndex`] per document, built on first use.
pub(crate) struct Positions<'a> {
    report: &'a Report,
    indexes: HashMap<usize, LineIndex>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(report: &'a Report) -> Self {
        Positions { report, indexes: HashMap::new() }
    }

    /// 1-based line and column in characters.
    pub(crate) fn line_column(&mut self, doc: usize, pos: usize) -> (usize, usize) {
        let text = &self.report.release.docs[doc].text;
        self.indexes.entry(doc).or_insert_with(|| LineIndex::new(text)).line_column(text, pos)
    }

    /// 1-based line and column in UTF-16 code units (SARIF, LSP).
    pub(crate) fn utf16_line_column(&mut self, doc: usize, pos: usize) -> (usize, usize) {
        let text = &self.report.release.docs[doc].text;
        self.indexes.entry(doc).or_insert_with(|| LineIndex::new(text)).utf16_line_column(text, pos)
    }
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub sources: usize,
    pub figures: usize,
    pub measures: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// `1 error, 0 warnings, 2 infos`.
    pub fn findings(&self) -> String {
        [plural(self.errors, "error"), plural(self.warnings, "warning"), plural(self.infos, "info")].join(", ")
    }

    pub fn of(report: &Report) -> Summary {
        let count = |s: Severity| report.findings().iter().filter(|f| f.severity == s).count();
        Summary {
            files: report.release.docs.len(),
            sources: report.release.sources.sources.len(),
            figures: report.release.mentions.len(),
            measures: report.release.measure_count(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

/// `1 file`, `2 files`, `3 stale entries`: English plurals of the words the
/// reports count.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("{n} {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// Writes the fact graph as JSON: nodes and edges, in index order.
pub fn write_graph_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use petgraph::visit::EdgeRef;
    #[derive(Serialize)]
    struct EdgeOut {
        from: usize,
        to: usize,
        kind: crate::graph::Edge,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        nodes: Vec<&'a crate::graph::Node>,
        edges: Vec<EdgeOut>,
    }
    let graph = &report.graph.graph;
    let json = Out {
        version: 1,
        nodes: graph.node_indices().map(|n| &graph[n]).collect(),
        edges: graph
            .edge_references()
            .map(|e| EdgeOut { from: e.source().index(), to: e.target().index(), kind: *e.weight() })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

#[cfg(test)]
mod plural_tests {
    use super::plural;

    #[test]
    fn plurals_are_english() {
        assert_eq!(plural(1, "stale entry"), "1 stale entry");
        assert_eq!(plural(3, "stale entry"), "3 stale entries");
        assert_eq!(plural(2, "day"), "2 days");
        assert_eq!(plural(0, "finding"), "0 findings");
        assert_eq!(plural(1, "more finding"), "1 more finding");
    }
}
