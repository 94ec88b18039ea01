//! miette diagnostics for people, as rustc writes them: each finding with
//! its figures underlined in their lines, then a summary.

use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::{plural, Format, Positions, Summary};
use crate::check::{Finding, Mark, Report, Severity};

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Print the arithmetic of every finding and every consistent relation.
    pub explain: bool,
}

/// `--format human`.
#[derive(Debug, Clone, Copy)]
pub struct Human(pub HumanOptions);

impl Format for Human {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_human(out, report, self.0)
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
    write_releases(out, report)?;
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

/// When the files formed several releases: a line per release of several
/// files, and how many files were checked alone.
fn write_releases(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let releases = report.release.release_files();
    if releases.len() < 2 {
        return Ok(());
    }
    let mut alone = 0;
    for (i, files) in releases.iter().enumerate() {
        if files.len() > 1 {
            writeln!(out, "release {}: {}", i + 1, files.join(", "))?;
        } else {
            alone += 1;
        }
    }
    if alone > 0 {
        let files = plural(alone, "file");
        writeln!(
            out,
            "{files} checked alone: no other file states their measures with agreeing figures \
             (`--release together` checks every file as one release)"
        )?;
    }
    Ok(())
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
