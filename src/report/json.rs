//! DESIGN.md's JSON contract for findings: records, then a summary.

use std::io::{self, Write};

use serde::Serialize;

use super::{Format, Positions, Summary};
use crate::check::{Mark, Report, Severity};

/// `--format json`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Format for Json {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_json(out, report)
    }
}

/// One finding as the JSON contract writes it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRecord {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub help: String,
    pub labels: Vec<LabelRecord>,
}

/// One label of a finding, as the JSON contract writes it.
#[derive(Debug, Clone, Serialize)]
pub struct LabelRecord {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub source: String,
    pub message: String,
}

/// The findings as JSON records.
pub fn finding_records(report: &Report) -> Vec<FindingRecord> {
    let mut positions = Positions::new(report);
    let mut label = |m: &Mark| {
        let (line, column) = positions.line_column(m.doc, m.span.start);
        LabelRecord {
            file: report.release.docs[m.doc].name.clone(),
            line,
            column,
            start: m.span.start,
            end: m.span.end,
            source: report.release.sources.sources.get(m.source).map_or_else(String::new, |s| s.title.clone()),
            message: m.message.clone(),
        }
    };
    report
        .findings()
        .iter()
        .map(|f| {
            let primary = label(&f.primary);
            FindingRecord {
                rule: f.rule.clone(),
                severity: f.severity,
                message: f.message.clone(),
                file: primary.file,
                line: primary.line,
                column: primary.column,
                start: primary.start,
                end: primary.end,
                help: f.help.clone(),
                labels: f.labels.iter().map(&mut label).collect(),
            }
        })
        .collect()
}

fn write_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        findings: Vec<FindingRecord>,
        summary: Summary,
        releases: Vec<super::figures::ReleaseRecord<'a>>,
    }
    let releases = report.release.release_files();
    let json = Out {
        version: 1,
        findings: finding_records(report),
        summary: Summary::of(report),
        releases: super::figures::release_records(&releases),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
