//! Reporting: figures and numbers to people and machines.
//!
//! The last stage of the pipeline. Every format is deterministic: the same
//! input gives byte-identical output. JSON follows DESIGN.md's contracts.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::lexicon::Packs;
use crate::load::Document;
use crate::span::LineIndex;

pub mod baseline;
pub mod check;
pub mod html;
pub mod sarif;
pub use check::{write_check, CheckFormat, HumanOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FigureFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NumberFormat {
    Table,
    Json,
}

/// One figure as the JSON contract writes it.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRecord {
    pub file: String,
    pub source: Option<String>,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub low: Option<String>,
    pub high: Option<String>,
    pub low_open: bool,
    pub high_open: bool,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
    pub label: String,
    pub key: String,
}

/// One number expression as `crosscheck numbers` writes it.
#[derive(Debug, Clone, Serialize)]
pub struct NumberRecord {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub low: Option<String>,
    pub high: Option<String>,
}

fn decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The figure records of every document, in document and text order.
pub fn figure_records(docs: Vec<Document>, packs: &Packs) -> Vec<FigureRecord> {
    let release = crate::graph::Release::analyse(docs, packs);
    release_figure_records(&release)
}

/// The figure records of an analysed release: each with its source and the
/// measure key it links by.
pub fn release_figure_records(release: &crate::graph::Release) -> Vec<FigureRecord> {
    let lines: Vec<LineIndex> = release.docs.iter().map(|d| LineIndex::new(&d.text)).collect();
    release
        .mentions
        .iter()
        .map(|mention| {
            let doc = &release.docs[mention.doc];
            let figure = &mention.figure;
            let (line, column) = lines[mention.doc].line_column(&doc.text, figure.span.start);
            FigureRecord {
                file: doc.name.clone(),
                source: release.sources.sources.get(mention.source).map(|s| s.title.clone()),
                line,
                column,
                start: figure.span.start,
                end: figure.span.end,
                text: doc.text[figure.span.clone()].to_string(),
                value: decimal(figure.value),
                low: figure.interval.low.value.map(decimal),
                high: figure.interval.high.value.map(decimal),
                low_open: figure.interval.low.open,
                high_open: figure.interval.high.open,
                qualifier: figure.qualifier.clone(),
                unit: figure.unit.clone(),
                label: figure.label.clone(),
                key: mention.key.clone(),
            }
        })
        .collect()
}

/// The number records of every document: every number expression read.
pub fn number_records(docs: &[Document], packs: &Packs) -> Vec<NumberRecord> {
    let mut records = Vec::new();
    for doc in docs {
        let lines = LineIndex::new(&doc.text);
        for number in packs.numerals.scan(&doc.text).into_iter().filter(|n| !doc.is_ignored(&(n.start..n.end))) {
            let (line, column) = lines.line_column(&doc.text, number.start);
            let interval = crate::extract::number::interval_of(&number);
            records.push(NumberRecord {
                file: doc.name.clone(),
                line,
                column,
                start: number.start,
                end: number.end,
                text: doc.text[number.start..number.end].to_string(),
                value: decimal(number.value),
                low: interval.low.value.map(decimal),
                high: interval.high.value.map(decimal),
            });
        }
    }
    records
}

/// Writes the figures of `docs` in `format`.
pub fn write_figures(out: &mut dyn Write, docs: Vec<Document>, packs: &Packs, format: FigureFormat) -> io::Result<()> {
    let files = docs.len();
    let records = figure_records(docs, packs);
    match format {
        FigureFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                version: u32,
                figures: &'a [FigureRecord],
            }
            serde_json::to_writer_pretty(&mut *out, &Out { version: 1, figures: &records })?;
            writeln!(out)
        }
        FigureFormat::Jsonl => {
            for r in &records {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        FigureFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for r in &records {
                w.serialize(r).map_err(io::Error::other)?;
            }
            w.flush()
        }
        FigureFormat::Markdown => {
            writeln!(out, "| file | line | column | text | interval | unit | label |")?;
            writeln!(out, "|---|---:|---:|---|---|---|---|")?;
            for r in &records {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    md(&r.file),
                    r.line,
                    r.column,
                    md(&r.text),
                    md(&interval_text(r)),
                    md(r.unit.as_deref().unwrap_or("")),
                    md(&r.label)
                )?;
            }
            Ok(())
        }
        FigureFormat::Table => {
            for r in &records {
                writeln!(
                    out,
                    "{}:{}:{}\t{}\t{}\t{}\t{}",
                    r.file,
                    r.line,
                    r.column,
                    one_line(&r.text),
                    interval_text(r),
                    r.unit.as_deref().unwrap_or("-"),
                    r.label
                )?;
            }
            writeln!(out, "{} in {}", check::plural(records.len(), "figure"), check::plural(files, "file"))
        }
    }
}

/// Writes every number expression of `docs` in `format`.
pub fn write_numbers(out: &mut dyn Write, docs: &[Document], packs: &Packs, format: NumberFormat) -> io::Result<()> {
    let records = number_records(docs, packs);
    match format {
        NumberFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                version: u32,
                numbers: &'a [NumberRecord],
            }
            serde_json::to_writer_pretty(&mut *out, &Out { version: 1, numbers: &records })?;
            writeln!(out)
        }
        NumberFormat::Table => {
            for r in &records {
                let range = match (&r.low, &r.high) {
                    (Some(l), Some(h)) if l == h => l.clone(),
                    (l, h) => format!("[{}, {}]", l.as_deref().unwrap_or("-∞"), h.as_deref().unwrap_or("∞")),
                };
                writeln!(out, "{}:{}:{}\t{}\t{}\t{}", r.file, r.line, r.column, one_line(&r.text), r.value, range)?;
            }
            writeln!(out, "{} in {}", check::plural(records.len(), "number"), check::plural(docs.len(), "file"))
        }
    }
}

fn interval_text(r: &FigureRecord) -> String {
    match (&r.low, &r.high) {
        (Some(l), Some(h)) if l == h && !r.low_open && !r.high_open => l.clone(),
        (l, h) => format!(
            "{}{}, {}{}",
            if r.low_open { '(' } else { '[' },
            l.as_deref().unwrap_or("-∞"),
            h.as_deref().unwrap_or("∞"),
            if r.high_open { ')' } else { ']' }
        ),
    }
}

fn md(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// Text on one line: runs of white space (a line break in a wrapped
/// paragraph) become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the fact graph as JSON: nodes and edges, in index order.
pub fn write_graph_json(out: &mut dyn Write, report: &crate::Report) -> io::Result<()> {
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
