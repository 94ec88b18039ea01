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
    write_human_as(out, report, options, true)
}

/// The human report, its snippets drawn once each (`pieced`) or every
/// finding drawn whole by miette: the same bytes either way.
fn write_human_as(out: &mut dyn Write, report: &Report, options: HumanOptions, pieced: bool) -> io::Result<()> {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = handler_of(theme.clone(), options.width);
    let lines: Vec<DocLines> = report.release.docs.iter().map(|d| DocLines::new(&d.text)).collect();
    // The help lines as miette wraps them, by help text: the findings of one
    // measure share their help, and wrapping is much of a finding's cost.
    let mut footers: HashMap<String, Option<String>> = HashMap::new();
    let mut snippets = Snippets::new(theme, options.width);
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
        // The header, then each snippet as `snippets` remembers it; miette
        // renders the whole finding where that does not apply.
        let pieced = pieced && footer.is_some() && diagnostic.related.is_empty() && {
            let labels = std::mem::take(&mut diagnostic.labels);
            let header = handler.render_report(&mut rendered, &diagnostic).is_ok();
            diagnostic.labels = labels;
            header && snippets.render(&mut rendered, &diagnostic)
        };
        if !pieced {
            rendered.clear();
            handler.render_report(&mut rendered, &diagnostic).map_err(io::Error::other)?;
        }
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

/// The handler of the human format: miette's, with the context lines its
/// snippets are read with here (see `Snippets`).
fn handler_of(theme: GraphicalTheme, width: usize) -> GraphicalReportHandler {
    GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false).with_context_lines(CONTEXT_LINES)
}

/// The lines miette shows above and below a figure's line.
const CONTEXT_LINES: usize = 1;

/// The most bytes of snippets `Snippets` keeps: past it, it starts afresh.
const MAX_KEPT: usize = 32 * 1024 * 1024;

/// A snippet as drawn: its document, the span miette joined its labels
/// into, and the labels on its lines, each as the span, primary flag and
/// text it is drawn with, and which highlight colour the first one takes.
#[derive(Debug, PartialEq, Eq, Hash)]
struct SnippetKey {
    doc: usize,
    context: (usize, usize),
    rotation: usize,
    labels: Vec<(usize, usize, bool, Option<String>)>,
}

/// miette's snippets, each drawn once per run. The findings of one measure
/// show the same figures with the same labels again and again (20,000
/// figures in one sentence are 20,000 findings of six snippets each, five of
/// them repeated), and drawing a snippet is most of a finding's cost.
///
/// A snippet depends on no label off its lines but for the colour each
/// label takes (miette cycles its highlights through the labels in order),
/// so one is drawn as the only snippet of a diagnostic holding just its own
/// labels, with the highlights turned to the colour its first label takes in
/// the whole finding; what does not fit that is left to miette whole.
struct Snippets {
    /// By the turn of the highlights, made when first needed.
    handlers: Vec<Option<(GraphicalReportHandler, String)>>,
    theme: GraphicalTheme,
    width: usize,
    kept: HashMap<SnippetKey, Option<String>>,
    bytes: usize,
}

impl Snippets {
    fn new(theme: GraphicalTheme, width: usize) -> Self {
        let turns = theme.styles.highlights.len().max(1);
        Snippets { handlers: (0..turns).map(|_| None).collect(), theme, width, kept: HashMap::new(), bytes: 0 }
    }

    /// Appends the snippets of `diagnostic` (its labels in its own source)
    /// to `out` as miette renders them; false, with `out` as it was, where
    /// they are not drawn this way.
    fn render(&mut self, out: &mut String, diagnostic: &FindingDiagnostic<'_>) -> bool {
        let before = out.len();
        let drawn = self.append(out, diagnostic).is_some();
        if !drawn {
            out.truncate(before);
        }
        drawn
    }

    fn append(&mut self, out: &mut String, diagnostic: &FindingDiagnostic<'_>) -> Option<()> {
        let source = &diagnostic.source;
        // miette sorts the labels so; the same sort of the same list gives
        // the same order of labels at one offset.
        let mut labels = diagnostic.labels.clone();
        labels.sort_unstable_by_key(|l| l.inner().offset());
        let turns = self.handlers.len();
        for (context, data) in contexts(source, &labels)? {
            // The labels drawn on the snippet's lines (miette draws a label
            // on a line it overlaps, a label of no length as one byte): in
            // order, and one run of the list, so that their colours follow
            // on from the first one's.
            let on = |l: &LabeledSpan| l.offset() < data.1 && l.offset() + l.len().max(1) > data.0;
            let first = labels.iter().position(on)?;
            let count = labels[first..].iter().take_while(|l| on(l)).count();
            if labels[first + count..].iter().any(on) {
                return None;
            }
            let own = &labels[first..first + count];
            let key = SnippetKey {
                doc: source.doc,
                context,
                rotation: first % turns,
                labels: own.iter().map(|l| (l.offset(), l.len(), l.primary(), l.label().map(str::to_string))).collect(),
            };
            if let Some(kept) = self.kept.get(&key) {
                out.push_str(kept.as_deref()?);
                continue;
            }
            let drawn = self.draw(diagnostic, context, own, key.rotation);
            if self.bytes > MAX_KEPT {
                self.kept.clear();
                self.bytes = 0;
            }
            self.bytes += drawn.as_ref().map_or(0, String::len)
                + key.labels.iter().map(|l| 64 + l.3.as_ref().map_or(0, String::len)).sum::<usize>();
            out.push_str(self.kept.entry(key).or_insert(drawn).as_deref()?);
        }
        Some(())
    }

    /// The one snippet of `labels`, spanning `context`, as miette draws it
    /// with its highlights turned by `rotation`.
    fn draw(
        &mut self,
        diagnostic: &FindingDiagnostic<'_>,
        context: (usize, usize),
        labels: &[LabeledSpan],
        rotation: usize,
    ) -> Option<String> {
        let joined = contexts(&diagnostic.source, labels)?;
        if joined.len() != 1 || joined[0].0 != context {
            return None;
        }
        let (theme, width) = (&self.theme, self.width);
        let (handler, bare) = self.handlers[rotation].get_or_insert_with(|| {
            let mut theme = theme.clone();
            theme.styles.highlights.rotate_left(rotation);
            let handler = handler_of(theme, width);
            let mut bare = String::new();
            let empty = snippet_diagnostic(diagnostic.source, Vec::new());
            if handler.render_report(&mut bare, &empty).is_err() {
                bare.clear();
            }
            (handler, bare)
        });
        let mut drawn = String::new();
        handler.render_report(&mut drawn, &snippet_diagnostic(diagnostic.source, labels.to_vec())).ok()?;
        drawn.strip_prefix(bare.as_str()).filter(|_| !bare.is_empty()).map(str::to_string)
    }
}

/// A diagnostic of nothing but `labels`: its rendering past that of one
/// without labels is their snippets.
fn snippet_diagnostic(source: DocSource<'_>, labels: Vec<LabeledSpan>) -> FindingDiagnostic<'_> {
    FindingDiagnostic {
        message: String::new(),
        code: None,
        severity: miette::Severity::Advice,
        help: None,
        source,
        labels,
        related: Vec::new(),
    }
}

/// Two byte offsets in a document: (start, length) or (start, end).
type Bytes = (usize, usize);

/// The snippets miette draws for `labels` (sorted by offset) in `source`:
/// each as the span it joined labels into (start, length) and the lines it
/// shows (start, end), found as miette's `render_snippets` finds them. None where a label
/// cannot be read (miette then says so in place of the snippets).
fn contexts(source: &DocSource<'_>, labels: &[LabeledSpan]) -> Option<Vec<(Bytes, Bytes)>> {
    struct Read {
        span: (usize, usize),
        line: usize,
        lines: usize,
        data: (usize, usize),
    }
    let read = |span: (usize, usize)| -> Option<Read> {
        let contents = source.read_span(&SourceSpan::from(span), CONTEXT_LINES, CONTEXT_LINES).ok()?;
        let data = (contents.span().offset(), contents.span().offset() + contents.span().len());
        Some(Read { span, line: contents.line(), lines: contents.line_count(), data })
    };
    let mut found: Vec<Read> = Vec::with_capacity(labels.len());
    for right in labels {
        let right = read((right.offset(), right.len()))?;
        if let Some(left) = found.last() {
            if left.line + left.lines >= right.line {
                let end = (left.span.0 + left.span.1).max(right.span.0 + right.span.1);
                if let Some(joined) = read((left.span.0, end - left.span.0)) {
                    found.pop();
                    found.push(joined);
                    continue;
                }
            }
        }
        found.push(right);
    }
    Some(found.into_iter().map(|r| (r.span, r.data)).collect())
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
    /// The document's place in the release.
    doc: usize,
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
            DocSource { doc, name: &d.name, text: &d.text, lines: &lines[doc] }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{write_human_as, HumanOptions};
    use crate::{Document, Packs};

    fn packs() -> &'static Packs {
        static PACKS: std::sync::OnceLock<Packs> = std::sync::OnceLock::new();
        PACKS.get_or_init(|| Packs::builtin().unwrap())
    }

    /// Pieces of lines that state one measure again and again with varying
    /// figures, on short and long lines, next to each other and far apart.
    const PIECES: &[&str] = &[
        "全年共查处案件12起，",
        "全年共查处案件13起，",
        "共查处案件1200起。其中",
        "第一类案件700起，第二类案件600起",
        "罚没款3.5万元，",
        "同比增长12.5%，",
        "各部门围绕重点领域持续推进专项整治工作，",
        "。",
        "\n",
        "\r\n",
        "\n\n",
        "Officers handled 312 cases, ",
        "Officers handled 321 cases. ",
        "| 城区 | 12 | 3.5 |\n",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|pieces| pieces.concat())
    }

    fn both(docs: Vec<Document>, color: bool, width: usize) -> (String, String) {
        let report = crate::check_with(docs, packs(), false);
        let options = HumanOptions { color, width, explain: false };
        let render = |pieced| {
            let mut out = Vec::new();
            write_human_as(&mut out, &report, options, pieced).unwrap();
            String::from_utf8(out).unwrap()
        };
        (render(true), render(false))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Snippets drawn once each and put together give the bytes miette
        /// gives drawing every finding whole, in colour and without.
        #[test]
        fn pieced_snippets_are_miettes(a in text(), b in text(), color in any::<bool>(), wide in any::<bool>()) {
            let width = if wide { 100 } else { 60 };
            let (pieced, whole) = both(vec![Document::new("a.txt", a.as_str())], color, width);
            prop_assert_eq!(pieced, whole);
            let docs = vec![Document::new("a.txt", a.as_str()), Document::new("b.md", b.as_str())];
            let (pieced, whole) = both(docs, color, width);
            prop_assert_eq!(pieced, whole);
        }
    }

    /// A long sentence of one measure: most snippets are drawn from what was
    /// kept, and still give miette's bytes.
    #[test]
    fn a_long_sentence_of_one_measure_is_miettes() {
        let text: String =
            (0..400).map(|i| format!("共查处案件{}起，", [12, 13, 14, 1200][i % 4] + i % 3)).collect::<String>()
                + "全年累计。\n";
        for color in [false, true] {
            let (pieced, whole) = both(vec![Document::new("a.txt", text.as_str())], color, 100);
            assert!(pieced.matches("figure-mismatch").count() > 100, "{pieced}");
            assert_eq!(pieced, whole);
        }
    }
}
