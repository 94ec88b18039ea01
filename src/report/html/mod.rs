//! The HTML report: one self-contained page for editors who proof a release.
//!
//! Part of the report stage. Input: a [`Report`]. Output: a [`View`] (a
//! serialisable view model: documents, every figure with its status, the
//! findings with their arithmetic, the measures × sources matrix and a
//! summary) and the page that shows it. The page's CSS and JS are files in
//! `assets/`, embedded with `include_str!`; the view model travels inside the
//! page as JSON, escaped so no document text can leave its script element,
//! and the page renders it with DOM APIs only. A Content-Security-Policy
//! allows only the page's own scripts (by hash) and loads nothing from the
//! network. The same view model and JS serve `crosscheck serve`.

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::check::{show, Mark, Report, Severity};
use crate::graph::MeasureKey;
use crate::interval::Interval;
use crate::report::{Format, Summary};

/// The page's style sheet, shared by the report and the proofing page.
pub const CSS: &str = include_str!("assets/report.css");
/// The renderer: turns a [`View`] into the page. Shared by both pages.
pub const APP_JS: &str = include_str!("assets/app.js");
/// The report's boot script: renders the embedded view model.
pub const REPORT_JS: &str = include_str!("assets/report.js");
/// The proofing page's script: drafts in, view model back, rendered.
pub const SERVE_JS: &str = include_str!("assets/serve.js");
const REPORT_HTML: &str = include_str!("assets/report.html");
const SERVE_HTML: &str = include_str!("assets/serve.html");
/// The body both pages share: documents, mentions, findings and the matrix.
const VIEW_HTML: &str = include_str!("assets/view.html");

/// The view model of a report, as the page's JS reads it.
///
/// Offsets (`start`, `end`) are in UTF-16 code units, as JavaScript indexes
/// strings; they are converted from the byte spans here, at the edge.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub version: u32,
    pub documents: Vec<DocumentView>,
    pub sources: Vec<String>,
    /// Where each source starts speaking in each document, in document and
    /// text order: the page draws a heading band there.
    pub segments: Vec<SegmentView>,
    pub figures: Vec<FigureView>,
    pub measures: Vec<MeasureView>,
    pub findings: Vec<FindingView>,
    pub matrix: Matrix,
    pub summary: Summary,
    /// The releases: the documents checked together (their figures link
    /// only to each other), in the order of their first document.
    pub releases: Vec<ReleaseView>,
}

/// One release: the documents whose figures were checked together.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseView {
    /// Indexes into [`View::documents`], in order.
    pub documents: Vec<usize>,
    /// Their names, in the same order.
    pub files: Vec<String>,
}

/// One document: its name and text.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub name: String,
    pub text: String,
}

/// Where a source starts in a document.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    pub doc: usize,
    /// Index into [`View::sources`].
    pub source: usize,
    /// The start of the line that opens it (UTF-16 offset).
    pub start: usize,
    /// `lead` (the text before the first heading), `file` (a file without
    /// headings) or `source` (a speaker or a section, opened by its heading line).
    pub role: &'static str,
}

/// How a figure stands with the rest of the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Stated once: nothing to compare it with.
    Once,
    /// Its measure has other mentions, and its value intersects every one.
    Agrees,
    /// Its measure has other mentions whose values it does not intersect,
    /// and no finding names it (a comparison in one sentence, a rule off).
    Differs,
    /// Named by an info finding (a hint, such as `similar-mismatch`).
    Hint,
    /// Named by an error or warning finding.
    Conflict,
}

/// One figure in its document.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    /// As written.
    pub text: String,
    pub status: Status,
    /// Written with a qualifier (`余`, `约`, `more than`): a range, not a
    /// count. Shown beside its status, which says how it stands with the rest.
    pub approximate: bool,
    /// Index into [`View::measures`]; `None` when it links to nothing.
    pub measure: Option<usize>,
    /// Index into [`View::sources`].
    pub source: usize,
    pub label: String,
    pub unit: Option<String>,
    /// Its value as an interval, for people: `7300–7400`.
    pub interval: String,
}

/// A measure: what several figures may state.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub key: String,
    /// Indexes into [`View::figures`], in document order.
    pub figures: Vec<usize>,
    /// `conflict` if any of its figures is; `agrees` only when all its
    /// figures intersect; `differs` when they do not; `once`.
    pub status: Status,
}

/// One finding with the spans it names and the arithmetic that decided it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub arithmetic: String,
    /// The primary span first.
    pub spans: Vec<SpanView>,
}

/// A span a finding names.
#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    /// The figure at this span, if it is one.
    pub figure: Option<usize>,
    /// Index into [`View::sources`].
    pub source: usize,
    pub message: String,
}

/// The measures × sources matrix: a row per measure, a column per source
/// that states one. The page shows the measures stated more than once first
/// and, on a large release, only those until asked.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Indexes into [`View::sources`].
    pub columns: Vec<usize>,
    pub rows: Vec<MatrixRow>,
}

/// One measure's row: only the cells that hold figures.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub measure: usize,
    pub cells: Vec<MatrixCell>,
}

/// What one source says of one measure.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// Index into [`Matrix::columns`].
    pub column: usize,
    pub figures: Vec<usize>,
    pub status: Status,
}

/// Byte offsets of a text → UTF-16 offsets, for the offsets asked for.
struct Utf16Offsets(Vec<(usize, usize)>);

impl Utf16Offsets {
    fn new(text: &str, mut wanted: Vec<usize>) -> Self {
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        let (mut byte, mut units) = (0, 0);
        let mut chars = text.chars();
        for w in wanted {
            while byte < w {
                let Some(c) = chars.next() else { break };
                byte += c.len_utf8();
                units += c.len_utf16();
            }
            out.push((w, units));
        }
        Utf16Offsets(out)
    }

    fn get(&self, byte: usize) -> usize {
        match self.0.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.0[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |i| self.0[i].1),
        }
    }
}

impl View {
    /// The view model of a checked release.
    pub fn of(report: &Report) -> View {
        let release = &report.release;
        let findings = report.findings();

        // Every byte offset the page needs, per document, converted once.
        let mut wanted: Vec<Vec<usize>> = vec![Vec::new(); release.docs.len()];
        for m in &release.mentions {
            wanted[m.doc].extend([m.figure.span.start, m.figure.span.end]);
        }
        for segment in &release.sources.segments {
            wanted[segment.doc].push(segment.span.start);
        }
        for mark in findings.iter().flat_map(|f| std::iter::once(&f.primary).chain(&f.labels)) {
            wanted[mark.doc].extend([mark.span.start, mark.span.end]);
        }
        let offsets: Vec<Utf16Offsets> =
            release.docs.iter().zip(wanted).map(|(d, w)| Utf16Offsets::new(&d.text, w)).collect();

        let figure_at: HashMap<(usize, usize, usize), usize> = release
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| ((m.doc, m.figure.span.start, m.figure.span.end), i))
            .collect();
        let at = |mark: &Mark| figure_at.get(&(mark.doc, mark.span.start, mark.span.end)).copied();

        // Findings name figures: errors and warnings make conflicts, infos hints.
        let mut named: Vec<Option<Status>> = vec![None; release.mentions.len()];
        for f in findings {
            let status = if f.severity >= Severity::Warning { Status::Conflict } else { Status::Hint };
            for i in std::iter::once(&f.primary).chain(&f.labels).filter_map(at) {
                named[i] = named[i].max(Some(status));
            }
        }

        // Measures in order of first mention; only figures that link have one.
        // A key in two releases is two measures.
        let mut measure_of: HashMap<(usize, &MeasureKey), usize> = HashMap::new();
        let mut measures: Vec<MeasureView> = Vec::new();
        let mut figure_measure: Vec<Option<usize>> = vec![None; release.mentions.len()];
        for (i, m) in release.mentions.iter().enumerate() {
            if !m.linkable {
                continue;
            }
            let id = *measure_of.entry((release.release_of_mention(m), &m.key)).or_insert_with(|| {
                measures.push(MeasureView { key: m.key.to_string(), figures: Vec::new(), status: Status::Once });
                measures.len() - 1
            });
            measures[id].figures.push(i);
            figure_measure[i] = Some(id);
        }
        // A figure agrees when it intersects every other figure of its measure:
        // its interval reaches the highest low end and the lowest high end.
        let interval = |i: usize| &release.mentions[i].figure.interval;
        let mut agrees_with_all = vec![false; release.mentions.len()];
        for measure in &mut measures {
            let ids = &measure.figures;
            let highest_low = ids.iter().copied().max_by(|&a, &b| interval(a).lo().cmp(&interval(b).lo()));
            let lowest_high = ids.iter().copied().min_by(|&a, &b| {
                let end = |i: usize| interval(i).hi().map_or((1, Default::default()), |h| (0, h));
                end(a).cmp(&end(b))
            });
            for &i in ids {
                agrees_with_all[i] = ids.len() > 1
                    && [highest_low, lowest_high].into_iter().flatten().all(|o| interval(i).intersects(interval(o)));
            }
            measure.status = if ids.iter().any(|&i| named[i] == Some(Status::Conflict)) {
                Status::Conflict
            } else if ids.len() < 2 {
                Status::Once
            } else if Interval::common(ids.iter().map(|&i| interval(i))).is_some() {
                Status::Agrees
            } else {
                Status::Differs
            };
        }

        let figures: Vec<FigureView> = release
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let figure = &m.figure;
                let status = named[i].unwrap_or(match figure_measure[i] {
                    Some(id) if measures[id].figures.len() > 1 && agrees_with_all[i] => Status::Agrees,
                    Some(id) if measures[id].figures.len() > 1 => Status::Differs,
                    _ => Status::Once,
                });
                FigureView {
                    doc: m.doc,
                    start: offsets[m.doc].get(figure.span.start),
                    end: offsets[m.doc].get(figure.span.end),
                    text: release.text_of(m).to_string(),
                    status,
                    approximate: figure.qualifier.is_some(),
                    measure: figure_measure[i],
                    source: m.source,
                    label: figure.label.clone(),
                    unit: figure.unit.clone(),
                    interval: show(&figure.interval),
                }
            })
            .collect();

        let sources: Vec<String> = release.sources.sources.iter().map(|s| s.title.clone()).collect();
        let segments = release
            .sources
            .segments
            .iter()
            .map(|s| {
                let title = &release.sources.sources[s.source].title;
                let role = if *title == release.docs[s.doc].name {
                    "file"
                } else if s.span.start == 0 && crate::segment::is_lead_title(title) {
                    "lead"
                } else {
                    "source"
                };
                SegmentView { doc: s.doc, source: s.source, start: offsets[s.doc].get(s.span.start), role }
            })
            .collect();
        let findings: Vec<FindingView> = findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule.clone(),
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                arithmetic: f.explain.clone(),
                spans: std::iter::once(&f.primary)
                    .chain(&f.labels)
                    .map(|mark| SpanView {
                        doc: mark.doc,
                        start: offsets[mark.doc].get(mark.span.start),
                        end: offsets[mark.doc].get(mark.span.end),
                        figure: at(mark),
                        source: mark.source,
                        message: mark.message.clone(),
                    })
                    .collect(),
            })
            .collect();

        let matrix = matrix(&measures, &figures);
        View {
            version: 1,
            documents: release
                .docs
                .iter()
                .map(|d| DocumentView { name: d.name.clone(), text: d.text.clone() })
                .collect(),
            sources,
            segments,
            figures,
            measures,
            findings,
            matrix,
            summary: Summary::of(report),
            releases: release
                .releases
                .iter()
                .map(|docs| ReleaseView {
                    documents: docs.clone(),
                    files: docs.iter().map(|&d| release.docs[d].name.clone()).collect(),
                })
                .collect(),
        }
    }

    /// The view model as JSON that is safe inside a `<script>` element:
    /// `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes, which
    /// only strings can hold, so no text can close the element.
    pub fn to_script_json(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".to_string());
        script_safe(&json)
    }
}

/// A row per measure, in order of first mention; a column per source that
/// states a measure, in source order.
fn matrix(measures: &[MeasureView], figures: &[FigureView]) -> Matrix {
    let shown: Vec<usize> = (0..measures.len()).collect();
    let mut columns: Vec<usize> =
        shown.iter().flat_map(|&i| measures[i].figures.iter().map(|&f| figures[f].source)).collect();
    columns.sort_unstable();
    columns.dedup();
    let column_of: HashMap<usize, usize> = columns.iter().enumerate().map(|(c, &s)| (s, c)).collect();
    let rows = shown
        .into_iter()
        .map(|measure| {
            let mut cells: Vec<MatrixCell> = Vec::new();
            for &f in &measures[measure].figures {
                let column = column_of[&figures[f].source];
                match cells.iter_mut().find(|c| c.column == column) {
                    Some(cell) => cell.figures.push(f),
                    None => cells.push(MatrixCell { column, figures: vec![f], status: Status::Once }),
                }
            }
            cells.sort_by_key(|c| c.column);
            for cell in &mut cells {
                cell.status = cell.figures.iter().map(|&f| figures[f].status).max().unwrap_or(Status::Once);
            }
            MatrixRow { measure, cells }
        })
        .collect();
    Matrix { columns, rows }
}

/// JSON made safe to sit inside a `<script>` element.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP source of an inline script: `'sha256-…'` of its exact text.
fn script_hash(script: &str) -> String {
    use base64::Engine;
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes())))
}

/// The Content-Security-Policy of the report: its own two scripts, inline
/// styles and data: images, nothing else, and nothing from the network.
pub fn report_csp() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {} {}; base-uri 'none'; form-action 'none'",
        script_hash(APP_JS),
        script_hash(REPORT_JS)
    )
}

/// The Content-Security-Policy of the proofing page: as the report's, and it
/// may call its own server. (The server's header adds `frame-ancestors`,
/// which a meta element cannot carry.)
pub fn serve_csp() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; script-src {} {}; base-uri 'none'; form-action 'none'",
        script_hash(APP_JS),
        script_hash(SERVE_JS)
    )
}

/// Fills `@@NAME@@` placeholders of a template in one pass: what is put in
/// is never scanned again.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find("@@") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("@@") else { break };
        let name = &after[..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                out.push_str(&rest[..open]);
                out.push_str(value);
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `crosscheck report`: the checked release as one self-contained HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl Format for Html {
    fn write(&self, out: &mut dyn std::io::Write, report: &Report) -> std::io::Result<()> {
        out.write_all(render_report(report).as_bytes())
    }
}

/// The report of a checked release as one self-contained HTML page.
pub fn render_report(report: &Report) -> String {
    render_view(&View::of(report))
}

/// The report page of a view model.
pub fn render_view(view: &View) -> String {
    fill(
        REPORT_HTML,
        &[
            ("CSP", &report_csp()),
            ("CSS", CSS),
            ("VIEW", VIEW_HTML),
            ("DATA", &view.to_script_json()),
            ("APP_JS", APP_JS),
            ("REPORT_JS", REPORT_JS),
        ],
    )
}

/// The proofing page of `crosscheck serve`.
pub fn render_serve_page() -> String {
    fill(
        SERVE_HTML,
        &[("CSP", &serve_csp()), ("CSS", CSS), ("VIEW", VIEW_HTML), ("APP_JS", APP_JS), ("SERVE_JS", SERVE_JS)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Packs};

    fn report_of(name: &str, text: &str) -> Report {
        let packs = Packs::builtin().expect("packs");
        crate::check(vec![Document::new(name, text)], &packs)
    }

    #[test]
    fn a_script_hash_is_its_sha256_in_base64() {
        assert_eq!(script_hash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let report =
            report_of("a</script><b>.txt", "</script><script>alert(1)</script>\u{2028}共侦破刑事案件1829起 & more");
        let json = View::of(&report).to_script_json();
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!json.contains(bad), "{bad:?} left in {json}");
        }
        let back: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back["documents"][0]["name"], "a</script><b>.txt");
        assert!(back["documents"][0]["text"].as_str().is_some_and(|t| t.starts_with("</script><script>")));
    }

    #[test]
    fn fill_never_rescans_what_it_put_in() {
        assert_eq!(fill("<@@A@@|@@B@@|@@C@@>", &[("A", "@@B@@"), ("B", "b")]), "<@@B@@|b|@@C@@>");
    }

    #[test]
    fn statuses_follow_findings_qualifiers_and_mentions() {
        let text = "全市共查处食品安全案件1286起,抽检各类食品4200余批次,办结投诉举报2937件。\n\
                    专项整治总体情况——市市场监管局副局长李明\n全市累计查处食品安全案件1268起,抽检各类食品4200余批次。\n";
        let view = View::of(&report_of("a.txt", text));
        let status =
            |written: &str| view.figures.iter().filter(|f| f.text == written).map(|f| f.status).collect::<Vec<_>>();
        assert_eq!(status("1286起"), [Status::Conflict]);
        assert_eq!(status("1268起"), [Status::Conflict]);
        assert_eq!(status("4200余批次"), [Status::Agrees, Status::Agrees]);
        assert!(view.figures.iter().filter(|f| f.text == "4200余批次").all(|f| f.approximate));
        assert!(!view.figures.iter().any(|f| f.text == "2937件" && f.approximate));
        assert_eq!(status("2937件"), [Status::Once]);
        let conflict = view.measures.iter().find(|m| m.status == Status::Conflict).expect("a measure in conflict");
        assert_eq!(conflict.figures.len(), 2);
        // The matrix: a row per measure, a column per speaker.
        assert_eq!(view.matrix.columns.len(), 2);
        assert_eq!(view.matrix.rows.len(), view.measures.len());
        assert!(view.matrix.rows.iter().any(|r| r.cells.iter().all(|c| c.status == Status::Conflict)));
        assert_eq!(view.findings.len(), 1);
        assert!(view.findings[0].arithmetic.contains("1286"));
        // A band per source: the lead, then the speaker from its heading line.
        let bands: Vec<(&str, &str)> =
            view.segments.iter().map(|s| (view.sources[s.source].as_str(), s.role)).collect();
        assert_eq!(bands, [("导语", "lead"), ("市市场监管局副局长李明", "source")]);
    }

    #[test]
    fn values_that_differ_without_a_finding_never_agree() {
        // The finding is suppressed: the two values still differ.
        let text =
            "<!-- crosscheck-disable figure-mismatch -->\n\n全市共查处非法捕捞案件63起,化解矛盾纠纷7300余起。\n\n\
                    ## 渔政工作情况——市农业农村局副局长陈涛\n\n全市查处非法捕捞案件36起,化解矛盾纠纷7350起。\n";
        let view = View::of(&report_of("a.md", text));
        assert!(view.findings.iter().all(|f| f.rule != "figure-mismatch"), "{:?}", view.findings);
        let status = |written: &str| view.figures.iter().find(|f| f.text == written).map(|f| f.status);
        assert_eq!((status("63起"), status("36起")), (Some(Status::Differs), Some(Status::Differs)));
        assert_eq!((status("7300余起"), status("7350起")), (Some(Status::Agrees), Some(Status::Agrees)));
        let row = |written: &str| {
            let measure = view.figures.iter().find(|f| f.text == written).and_then(|f| f.measure).unwrap();
            let row = view.matrix.rows.iter().find(|r| r.measure == measure).unwrap();
            (view.measures[measure].status, row.cells.iter().map(|c| c.status).collect::<Vec<_>>())
        };
        assert_eq!(row("63起"), (Status::Differs, vec![Status::Differs, Status::Differs]));
        assert_eq!(row("7350起"), (Status::Agrees, vec![Status::Agrees, Status::Agrees]));
    }

    #[test]
    fn offsets_are_utf16_code_units() {
        let text = "𝟙全市共侦破刑事案件1829起。";
        let view = View::of(&report_of("a.txt", text));
        let figure = &view.figures[0];
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16_lossy(&units[figure.start..figure.end]), "1829起");
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let text = include_str!("../../../fixtures/zh/release/figure-mismatch.txt");
        let a = render_report(&report_of("f.txt", text));
        let b = render_report(&report_of("f.txt", text));
        assert_eq!(a, b);
        assert!(a.contains("Content-Security-Policy"));
        assert!(!a.contains("@@"), "a placeholder left unfilled");
    }
}
