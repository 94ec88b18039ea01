//! Reports of `crosscheck check`: miette diagnostics for people, JSON and a
//! one-line-per-finding format for machines.

use std::collections::HashMap;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::check::{Finding, Mark, Severity};
use crate::span::LineIndex;
use crate::Report;

/// How `check` writes its findings (also the `--format` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// GitHub shows at most this many annotations of each kind per step.
pub const GITHUB_ANNOTATIONS_PER_KIND: usize = 10;

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Print the arithmetic of every finding and every consistent relation.
    pub explain: bool,
}

/// Writes the report in `format`.
pub fn write_check(out: &mut dyn Write, report: &Report, format: CheckFormat, human: HumanOptions) -> io::Result<()> {
    match format {
        CheckFormat::Human => write_human(out, report, human),
        CheckFormat::Concise => write_concise(out, report),
        CheckFormat::Json => write_json(out, report),
        CheckFormat::Github => write_github(out, report),
        CheckFormat::Markdown => write_markdown(out, report),
        CheckFormat::Sarif => super::sarif::write_sarif(out, report),
    }
}

/// `::error file=…,line=…,col=…,title=…::message`, ten of each kind at most
/// (GitHub drops the rest), then one notice that counts what was left out.
fn write_github(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut positions = Positions::new(report);
    let mut shown = [0usize; 3];
    let mut left_out = 0;
    for f in report.findings() {
        let (command, slot) = match f.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            Severity::Info => ("notice", 2),
        };
        if shown[slot] == GITHUB_ANNOTATIONS_PER_KIND {
            left_out += 1;
            continue;
        }
        shown[slot] += 1;
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(
            out,
            "::{command} file={},line={line},col={column},title={}::{}",
            github_property(file),
            github_property(&format!("crosscheck {}", f.rule)),
            github_message(&format!("{} ({})", f.message, f.help))
        )?;
    }
    let s = Summary::of(report);
    if left_out > 0 {
        let (more, are) = (plural(left_out, "more finding"), if left_out == 1 { "is" } else { "are" });
        writeln!(
            out,
            "::notice title=crosscheck::{more} {are} not annotated (GitHub shows {GITHUB_ANNOTATIONS_PER_KIND} of each kind); run crosscheck check locally to see them all"
        )?;
    }
    writeln!(out, "crosscheck: {} in {}", s.findings(), plural(s.files, "file"))
}

fn github_message(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_message(s).replace(':', "%3A").replace(',', "%2C")
}

/// A table of the findings and a summary, for a pull-request comment.
fn write_markdown(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let s = Summary::of(report);
    writeln!(out, "### crosscheck: {}", s.findings())?;
    writeln!(out)?;
    if report.findings().is_empty() {
        let (files, figures, measures) =
            (plural(s.files, "file"), plural(s.figures, "figure"), plural(s.measures, "measure"));
        return writeln!(out, "No findings in {files} ({figures}, {measures}).");
    }
    writeln!(out, "| severity | rule | where | finding |")?;
    writeln!(out, "|---|---|---|---|")?;
    let mut positions = Positions::new(report);
    for f in report.findings() {
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(
            out,
            "| {} | `{}` | `{}:{line}:{column}` | {} |",
            f.severity.as_str(),
            f.rule,
            markdown_cell(file),
            markdown_cell(&f.message)
        )?;
    }
    writeln!(out)?;
    let counts = [
        plural(s.files, "file"),
        plural(s.sources, "source"),
        plural(s.figures, "figure"),
        plural(s.measures, "measure"),
    ];
    writeln!(out, "{}.", counts.join(", "))
}

fn markdown_cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
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

fn write_human(out: &mut dyn Write, report: &Report, options: HumanOptions) -> io::Result<()> {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);
    for finding in report.findings() {
        let diagnostic = FindingDiagnostic::new(report, finding);
        let mut rendered = String::new();
        handler.render_report(&mut rendered, &diagnostic).map_err(io::Error::other)?;
        out.write_all(rendered.as_bytes())?;
        if options.explain {
            writeln!(out, "  arithmetic: {}", finding.explain)?;
        }
        writeln!(out)?;
    }
    if options.explain {
        let mut positions = Positions::new(report);
        for consistent in &report.outcome.consistent {
            let (line, column) = positions.line_column(consistent.at.doc, consistent.at.span.start);
            let file = &report.release.docs[consistent.at.doc].name;
            writeln!(out, "ok[{}] {file}:{line}:{column}: {}", consistent.rule, consistent.explain)?;
        }
        if !report.outcome.consistent.is_empty() {
            writeln!(out)?;
        }
    }
    let s = Summary::of(report);
    writeln!(
        out,
        "{} in {} ({}, {}, {})",
        s.findings(),
        plural(s.files, "file"),
        plural(s.sources, "source"),
        plural(s.figures, "figure"),
        plural(s.measures, "measure"),
    )
}

fn write_concise(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for f in report.findings() {
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(out, "{file}:{line}:{column}: {}[{}] {}", f.severity.as_str(), f.rule, f.message)?;
    }
    Ok(())
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
    struct Out {
        version: u32,
        findings: Vec<FindingRecord>,
        summary: Summary,
    }
    let json = Out { version: 1, findings: finding_records(report), summary: Summary::of(report) };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

/// A document as miette reads it: its text under its name, borrowed.
#[derive(Debug, Clone, Copy)]
struct DocSource<'a> {
    name: &'a str,
    text: &'a str,
}

/// Lines longer than this (in bytes) are shown as a window around the figure:
/// a Chinese paragraph is often one line of a thousand characters.
const LONG_LINE: usize = 200;

/// Characters shown either side of a span on a long line.
const WINDOW_CHARS: usize = 24;

impl SourceCode for DocSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text;
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(span.offset());
        let end = floor(span.offset() + span.len()).max(start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let windowed = line_end - line_start > LONG_LINE && end <= line_end;
        let (data_start, data_end, contents) = if windowed {
            let back = text[line_start..start].char_indices().rev().nth(WINDOW_CHARS - 1).map_or(0, |(i, _)| i);
            let ahead = text[end..line_end].char_indices().nth(WINDOW_CHARS).map_or(line_end - end, |(i, _)| i);
            (line_start + back, end + ahead, 1)
        } else {
            let inner = text.read_span(span, context_lines_before, context_lines_after)?;
            let data_start = inner.span().offset();
            (data_start, data_start + inner.span().len(), inner.line_count())
        };
        let line = text[..data_start].matches('\n').count();
        let data_line_start = text[..data_start].rfind('\n').map_or(0, |i| i + 1);
        // Columns in characters, as every other format counts them. A window
        // gives the span's own column: miette prints it in the header, and
        // uses no other column to draw.
        let from = if windowed { start } else { data_start };
        let column = text[data_line_start..from].chars().count();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &text.as_bytes()[data_start..data_end],
            SourceSpan::from(data_start..data_end),
            line,
            column,
            contents,
        )))
    }
}

/// A finding as a miette diagnostic: labels in the primary figure's file, and
/// a related diagnostic for each other file with labels.
#[derive(Debug)]
struct FindingDiagnostic<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: DocSource<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<FindingDiagnostic<'a>>,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(report: &'a Report, finding: &'a Finding) -> Self {
        let severity = match finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        let span = |m: &Mark| SourceSpan::from(m.span.start..m.span.end);
        let text = |m: &Mark| match report.release.sources.sources.get(m.source) {
            Some(source) => format!("{} — {}", m.message, source.title),
            None => m.message.clone(),
        };
        let doc_of = |doc: usize| {
            let d = &report.release.docs[doc];
            DocSource { name: &d.name, text: &d.text }
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(Some(text(&finding.primary)), span(&finding.primary))];
        let mut others: Vec<(usize, Vec<LabeledSpan>)> = Vec::new();
        for mark in &finding.labels {
            let labeled = LabeledSpan::new_with_span(Some(text(mark)), span(mark));
            if mark.doc == finding.primary.doc {
                labels.push(labeled);
            } else if let Some((_, list)) = others.iter_mut().find(|(d, _)| *d == mark.doc) {
                list.push(labeled);
            } else {
                others.push((mark.doc, vec![labeled]));
            }
        }
        let related = others
            .into_iter()
            .map(|(doc, labels)| FindingDiagnostic {
                message: format!("also stated in {}", report.release.docs[doc].name),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: doc_of(doc),
                labels,
                related: Vec::new(),
            })
            .collect();
        FindingDiagnostic {
            message: finding.message.clone(),
            code: Some(finding.rule.clone()),
            severity,
            help: Some(finding.help.clone()),
            source: doc_of(finding.primary.doc),
            labels,
            related,
        }
    }
}

impl std::fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn std::fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
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
