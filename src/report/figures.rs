//! The figures and numbers read, as `crosscheck figures` and `crosscheck
//! numbers` list them: records (DESIGN.md's JSON contract) and their formats.
//! The records are made from an analysed release; reading the documents is
//! the library's job (`crosscheck::figure_records`).

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;

use super::plural;
use crate::graph::Release;
use crate::span::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

pub(crate) fn decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The figure records of an analysed release: each with its source and the
/// measure key it links by.
pub fn release_figure_records(release: &Release) -> Vec<FigureRecord> {
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
                key: mention.key.to_string(),
            }
        })
        .collect()
}

/// One release as the JSON contracts write it: the files checked together.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseRecord<'a> {
    pub files: Vec<&'a str>,
}

/// The release records of a run, from each release's file names.
pub fn release_records<'a>(releases: &[Vec<&'a str>]) -> Vec<ReleaseRecord<'a>> {
    releases.iter().map(|files| ReleaseRecord { files: files.clone() }).collect()
}

/// Writes figure records of `files` documents in `format`; `releases` names
/// the files of each release (listed by the JSON format, counted by the table).
pub fn write_figures(
    out: &mut dyn Write,
    records: &[FigureRecord],
    releases: &[Vec<&str>],
    files: usize,
    format: FigureFormat,
) -> io::Result<()> {
    match format {
        FigureFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                version: u32,
                figures: &'a [FigureRecord],
                releases: Vec<ReleaseRecord<'a>>,
            }
            let json = Out { version: 1, figures: records, releases: release_records(releases) };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)
        }
        FigureFormat::Jsonl => {
            for r in records {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
            Ok(())
        }
        FigureFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for r in records {
                w.serialize(r).map_err(io::Error::other)?;
            }
            w.flush()
        }
        FigureFormat::Markdown => {
            writeln!(out, "| file | line | column | text | interval | unit | label |")?;
            writeln!(out, "|---|---:|---:|---|---|---|---|")?;
            for r in records {
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
            for r in records {
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
            // Several releases: how many (`--format json` lists their files).
            let releases = match releases.len() {
                0 | 1 => String::new(),
                n => format!(" ({})", plural(n, "release")),
            };
            writeln!(out, "{} in {}{releases}", plural(records.len(), "figure"), plural(files, "file"))
        }
    }
}

/// Writes number records of `files` documents in `format`.
pub fn write_numbers(
    out: &mut dyn Write,
    records: &[NumberRecord],
    files: usize,
    format: NumberFormat,
) -> io::Result<()> {
    match format {
        NumberFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                version: u32,
                numbers: &'a [NumberRecord],
            }
            serde_json::to_writer_pretty(&mut *out, &Out { version: 1, numbers: records })?;
            writeln!(out)
        }
        NumberFormat::Table => {
            for r in records {
                let range = match (&r.low, &r.high) {
                    (Some(l), Some(h)) if l == h => l.clone(),
                    (l, h) => format!("[{}, {}]", l.as_deref().unwrap_or("-∞"), h.as_deref().unwrap_or("∞")),
                };
                writeln!(out, "{}:{}:{}\t{}\t{}\t{}", r.file, r.line, r.column, one_line(&r.text), r.value, range)?;
            }
            writeln!(out, "{} in {}", plural(records.len(), "number"), plural(files, "file"))
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
