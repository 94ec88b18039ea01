//! miette diagnostics for people, as rustc writes them: each finding with
//! its figures underlined in their lines, then a summary.

use std::collections::HashMap;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use super::{plural, Format, Positions, Summary};
use crate::check::{Finding, Mark, Report, Severity};
use crate::span::{Layout, LineIndex};

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
    let lines: Vec<DocLines> = report.release.docs.iter().map(|d| DocLines::new(&d.text)).collect();
    // The help lines as miette wraps them, by help text: the findings of one
    // measure share their help, and wrapping is much of a finding's cost.
    let mut footers: HashMap<String, Option<String>> = HashMap::new();
    let mut rendered = String::new();
    for finding in report.findings() {
        let mut diagnostic = FindingDiagnostic::new(report, &lines, finding);
        rendered.clear();
        // miette writes the help after the snippets and before the related
        // diagnostics: without related ones, it ends the rendering.
        let mut footer: Option<&str> = None;
        match diagnostic.help.take() {
            Some(help) if diagnostic.related.is_empty() => {
                if !footers.contains_key(&help) {
                    let wrapped = help_footer(&handler, &diagnostic, &help);
                    footers.insert(help.clone(), wrapped);
                }
                footer = footers[&help].as_deref();
                if footer.is_none() {
                    diagnostic.help = Some(help);
                }
            }
            help => diagnostic.help = help,
        }
        handler.render_report(&mut rendered, &diagnostic).map_err(io::Error::other)?;
        rendered.push_str(footer.unwrap_or_default());
        out.write_all(rendered.as_bytes())?;
        let unshown = finding.labels.len().saturating_sub(MAX_SHOWN_LABELS);
        if unshown > 0 {
            writeln!(
                out,
                "  … and {} not shown here: `--format json` lists every one",
                plural(unshown, "more figure")
            )?;
        }
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

/// The help line miette writes for `help`, as it would end `diagnostic`'s
/// rendering: what a bare diagnostic with that help renders past the same
/// diagnostic without it. None when miette's output is not of that shape.
fn help_footer(handler: &GraphicalReportHandler, diagnostic: &FindingDiagnostic<'_>, help: &str) -> Option<String> {
    let bare = |help: Option<String>| FindingDiagnostic {
        message: String::new(),
        code: None,
        severity: diagnostic.severity,
        help,
        source: diagnostic.source,
        labels: Vec::new(),
        related: Vec::new(),
    };
    let (mut without, mut with) = (String::new(), String::new());
    handler.render_report(&mut without, &bare(None)).ok()?;
    handler.render_report(&mut with, &bare(Some(help.to_string()))).ok()?;
    with.strip_prefix(without.as_str()).map(str::to_string)
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
    lines: &'a DocLines,
}

/// Where a document's lines stand, found once for all its findings: every
/// snippet is then read in the time of its own lines, not of the text before
/// it (a file of one enormous line, or thousands of findings).
#[derive(Debug)]
struct DocLines {
    layout: Layout,
    columns: LineIndex,
    /// The line breaks as miette counts them: a `\n`, the `\n` of a `\r\n`,
    /// a lone `\r`.
    breaks: Vec<usize>,
}

impl DocLines {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let breaks = text
            .match_indices(['\r', '\n'])
            .map(|(i, _)| i)
            .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .collect();
        DocLines { layout: Layout::new(text), columns: LineIndex::new(text), breaks }
    }
}

/// The most figures a finding underlines besides its primary one; the rest
/// are counted below it. miette draws every label of a finding in each of its
/// snippets, so a total over 20,000 parts on one line would cost the square
/// of their number; the machine formats list them all.
const MAX_SHOWN_LABELS: usize = 32;

/// Lines longer than this (in bytes) are shown as a window around the figure:
/// a Chinese paragraph is often one line of a thousand characters.
const LONG_LINE: usize = 200;

/// Characters shown either side of a span on a long line.
const WINDOW_CHARS: usize = 24;

/// The most bytes a snippet joining two labels may show. miette joins the
/// labels of nearby lines into one snippet; two figures far apart on one
/// long line would make a snippet of the whole distance (and columns past
/// what its formatting can pad), so they are shown apart instead.
const MAX_JOINED: usize = 4 * 1024;

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
        // A join this wide is refused below whatever its context; refused
        // here before its lines are read (miette tries to join figures many
        // lines apart, and reading them all for every finding is quadratic).
        if end - start > MAX_JOINED {
            return Err(MietteError::OutOfBounds);
        }
        let own_line = self.lines.layout.line(start);
        let (line_start, line_end) = (own_line.start, own_line.end);
        let windowed = line_end - line_start > LONG_LINE && end <= line_end;
        let (data_start, data_end, contents) = if windowed {
            let back = text[line_start..start].char_indices().rev().nth(WINDOW_CHARS - 1).map_or(0, |(i, _)| i);
            let ahead = text[end..line_end].char_indices().nth(WINDOW_CHARS).map_or(line_end - end, |(i, _)| i);
            (line_start + back, end + ahead, 1)
        } else {
            let (data_start, len, line_count) = self.context(span, context_lines_before, context_lines_after)?;
            (data_start, data_start + len, line_count)
        };
        if data_end - data_start > MAX_JOINED && (windowed || end > line_end) {
            return Err(MietteError::OutOfBounds);
        }
        let (line, data_column) = self.lines.columns.line_column(text, data_start);
        // Columns in characters, as every other format counts them. A window
        // gives the span's own column: miette prints it in the header, and
        // uses no other column to draw.
        let column = if windowed { self.lines.columns.line_column(text, start).1 } else { data_column };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &text.as_bytes()[data_start..data_end],
            SourceSpan::from(data_start..data_end),
            line - 1,
            column - 1,
            contents,
        )))
    }
}

impl DocSource<'_> {
    /// miette's own reading of `span` with its context lines (start, length
    /// and its line count), run from the first line it can show rather than
    /// from the start of the text: the same answer, in the time of the lines.
    fn context(&self, span: &SourceSpan, before: usize, after: usize) -> Result<(usize, usize, usize), MietteError> {
        let breaks = &self.lines.breaks;
        let above = breaks.partition_point(|&b| b < span.offset());
        let skipped = above.saturating_sub(before + 1);
        let base = if skipped == 0 { 0 } else { breaks[skipped - 1] + 1 };
        let shifted = SourceSpan::from((span.offset() - base, span.len()));
        let inner = self.text[base..].read_span(&shifted, before, after)?;
        Ok((base + inner.span().offset(), inner.span().len(), skipped + inner.line_count()))
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
    fn new(report: &'a Report, lines: &'a [DocLines], finding: &'a Finding) -> Self {
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
            DocSource { name: &d.name, text: &d.text, lines: &lines[doc] }
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(Some(text(&finding.primary)), span(&finding.primary))];
        let mut others: Vec<(usize, Vec<LabeledSpan>)> = Vec::new();
        for mark in finding.labels.iter().take(MAX_SHOWN_LABELS) {
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
