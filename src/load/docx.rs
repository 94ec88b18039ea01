//! Word documents (`.docx`): the text of the main document part, one line per
//! paragraph.
//!
//! A `.docx` is a zip of XML parts (Office Open XML). This module unpacks the
//! main document part (named by `_rels/.rels`, usually `word/document.xml`)
//! and writes its text out so that every later stage reads it as plain text:
//!
//! - each body paragraph (`w:p`) is one line, the text of its runs (`w:t`)
//!   joined as they are, so a number Word split across runs (`73` + `00余起`)
//!   reads whole (`7300余起`); an empty paragraph is an empty line;
//! - a table row (`w:tr`) is one line, its cells joined by a space and the
//!   paragraphs inside a cell by a space too. A space, not a tab: the Chinese
//!   pack ends a label at a tab, and a row `破获刑事案件 | 1829起` should read
//!   as `破获刑事案件 1829起`, the label before its figure;
//! - `w:tab` is a tab, `w:br` and `w:cr` a space (a paragraph stays one line);
//!   `w:noBreakHyphen` is `-`; entities and character references are decoded;
//!   a `w:t` without `xml:space="preserve"` loses its outer white space, as
//!   Word shows it;
//! - tracked deletions (`w:del`, `w:delText`, `w:moveFrom`), field
//!   instructions (`w:instrText`), paragraph and run properties, and the
//!   fallback copy of a text box (`mc:Fallback`) are not text. A text box's
//!   paragraphs are lines of their own, before the paragraph that anchors it.
//!
//! So a position in a `.docx` is reported as line:column = paragraph (or table
//! row) : character of the extracted text, counting every body paragraph and
//! row from 1. Headers, footers, footnotes, endnotes and comments are not read.
//!
//! Nothing here panics on bad input: a file that is not a zip, a zip without
//! a document part, a corrupt entry, XML that is not well formed, or a
//! document part that unpacks to more than [`MAX_XML_BYTES`] (a zip bomb) is
//! an error that says which.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use thiserror::Error;

/// The most bytes the document part may unpack to: 200 MB, ten times the
/// default `--max-file-size`, far above any press release.
pub const MAX_XML_BYTES: u64 = 200 * 1024 * 1024;

/// The WordprocessingML namespaces (transitional and strict).
const WORD_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const COMPATIBILITY_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const DEFAULT_DOCUMENT: &str = "word/document.xml";

/// Why a `.docx` gives no text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DocxError {
    #[error("it is not a zip archive, as a .docx is (a text file renamed to .docx?)")]
    NotZip,
    #[error("it is an old Word 97-2003 .doc file with a .docx name")]
    OldWord,
    #[error("corrupt zip: {0}")]
    CorruptZip(String),
    #[error("not a Word document: no {0}")]
    NoDocument(String),
    #[error("{part} unpacks to more than {max} bytes (a zip bomb?)")]
    TooLarge { part: String, max: u64 },
    #[error("{part} is not UTF-8 or UTF-16 text")]
    NotUtf8 { part: String },
    #[error("{part} is not well-formed XML: {reason}")]
    Xml { part: String, reason: String },
}

/// The text of a `.docx` file's body, one line per paragraph or table row.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    text_limited(bytes, MAX_XML_BYTES)
}

fn text_limited(bytes: &[u8], max: u64) -> Result<String, DocxError> {
    if !bytes.starts_with(b"PK") {
        return Err(if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) { DocxError::OldWord } else { DocxError::NotZip });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::CorruptZip(e.to_string()))?;
    let part = main_part(&mut archive, max);
    let xml = read_part(&mut archive, &part, max)?.ok_or_else(|| DocxError::NoDocument(part.clone()))?;
    let xml = decode(&xml).ok_or_else(|| DocxError::NotUtf8 { part: part.clone() })?;
    body_text(&xml).map_err(|reason| DocxError::Xml { part, reason })
}

/// The main document part's name: the `officeDocument` relationship of
/// `_rels/.rels`, else `word/document.xml`.
fn main_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, max: u64) -> String {
    let Ok(Some(rels)) = read_part(archive, "_rels/.rels", max) else { return DEFAULT_DOCUMENT.into() };
    let Some(rels) = decode(&rels) else { return DEFAULT_DOCUMENT.into() };
    let mut reader = NsReader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
                };
                let is_main = attr("Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let (true, Some(target)) = (is_main, attr("Target")) {
                    let target = target.trim_start_matches('/');
                    if !target.is_empty() && !target.contains("://") {
                        return target.to_string();
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return DEFAULT_DOCUMENT.into(),
            Ok(_) => {}
        }
    }
}

/// The unpacked bytes of one part, `None` when the zip has no such part.
fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, max: u64) -> Result<Option<Vec<u8>>, DocxError> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::CorruptZip(format!("{name}: {e}"))),
    };
    // The sizes in the zip are the writer's word; count what really unpacks.
    let mut out = Vec::new();
    entry
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| DocxError::CorruptZip(format!("{name}: {e}")))?;
    if out.len() as u64 > max {
        return Err(DocxError::TooLarge { part: name.into(), max });
    }
    Ok(Some(out))
}

/// XML bytes as a string: UTF-8 (a byte-order mark dropped) or UTF-16 with one.
fn decode(bytes: &[u8]) -> Option<String> {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            (!had_errors).then(|| text.into_owned())
        }
        None => String::from_utf8(bytes.to_vec()).ok(),
    }
}

/// What an element is to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `w:p`: a paragraph, one line.
    Paragraph,
    /// `w:t`: text.
    Text,
    /// `w:tr`: a table row, one line.
    Row,
    /// `w:tc`: a table cell.
    Cell,
    /// Its content is not text: deletions, field codes, properties.
    Skipped,
    Other,
}

struct Frame {
    kind: Kind,
    preserve_space: bool,
}

/// The extracted text, built as elements open and close.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    /// Open paragraphs (a text box's paragraphs sit inside another's).
    paragraphs: Vec<String>,
    /// The cells of the open outermost row, and the cell being filled.
    row: Option<(Vec<String>, String)>,
    /// How many rows are open (a table inside a cell nests them).
    rows: usize,
    /// The text of the open `w:t`.
    run_text: String,
}

impl Writer {
    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push(c);
        }
    }

    fn close_paragraph(&mut self) {
        let Some(text) = self.paragraphs.pop() else { return };
        match &mut self.row {
            // A paragraph inside a cell, not inside a text box's paragraph.
            Some((_, cell)) if self.paragraphs.is_empty() => {
                if !cell.is_empty() && !text.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&text);
            }
            _ => self.lines.push(text),
        }
    }

    fn close_cell(&mut self) {
        // A cell of a nested table leaves its text in the outer cell.
        if let (Some((cells, cell)), 1) = (&mut self.row, self.rows) {
            cells.push(std::mem::take(cell));
        }
    }

    fn close_row(&mut self) {
        self.rows = self.rows.saturating_sub(1);
        if self.rows == 0 {
            if let Some((mut cells, cell)) = self.row.take() {
                if !cell.is_empty() {
                    cells.push(cell);
                }
                self.lines.push(cells.join(" ").trim_end().to_string());
            }
        }
    }
}

/// The text of a WordprocessingML document part.
fn body_text(xml: &str) -> Result<String, String> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Frame> = Vec::new();
    let mut skipping = 0usize;
    let mut out = Writer::default();
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (Namespace::of(&ns), event),
            Err(e) => return Err(format!("{e} at byte {}", reader.error_position())),
        };
        match event {
            Event::Start(e) => {
                let kind = if skipping > 0 { Kind::Skipped } else { kind_of(ns, &e) };
                let parent_preserves = stack.last().is_some_and(|f| f.preserve_space);
                let preserve_space = match xml_space(&e) {
                    Some(value) => value == "preserve",
                    None => parent_preserves,
                };
                stack.push(Frame { kind, preserve_space });
                match kind {
                    Kind::Skipped => skipping += 1,
                    Kind::Paragraph => out.paragraphs.push(String::new()),
                    Kind::Text => out.run_text.clear(),
                    Kind::Row => {
                        out.rows += 1;
                        if out.rows == 1 {
                            out.row = Some((Vec::new(), String::new()));
                        }
                    }
                    Kind::Cell | Kind::Other => {}
                }
                if kind == Kind::Other && ns == Namespace::Word && skipping == 0 && inside_run(&stack) {
                    match e.local_name().as_ref() {
                        "tab" => out.push_char('\t'),
                        "br" | "cr" => out.push_char(' '),
                        "noBreakHyphen" => out.push_char('-'),
                        _ => {}
                    }
                }
            }
            Event::End(_) => {
                let Some(frame) = stack.pop() else { continue };
                match frame.kind {
                    Kind::Skipped => skipping = skipping.saturating_sub(1),
                    Kind::Paragraph => out.close_paragraph(),
                    Kind::Text => {
                        let text = std::mem::take(&mut out.run_text);
                        let text = if frame.preserve_space { text.as_str() } else { text.trim_matches(is_xml_space) };
                        for c in text.chars() {
                            // A paragraph stays one line.
                            out.push_char(if c.is_control() && c != '\t' { ' ' } else { c });
                        }
                    }
                    Kind::Cell => out.close_cell(),
                    Kind::Row => out.close_row(),
                    Kind::Other => {}
                }
            }
            Event::Text(t) if in_text(&stack) => out.run_text.push_str(&t.xml10_content()),
            Event::CData(t) if in_text(&stack) => out.run_text.push_str(&t),
            Event::GeneralRef(r) if in_text(&stack) => match r.resolve_char_ref() {
                Ok(Some(c)) => out.run_text.push(c),
                Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                    Some(s) => out.run_text.push_str(s),
                    None => return Err(format!("unknown entity &{};", &*r)),
                },
                Err(e) => return Err(format!("{e} at byte {}", reader.buffer_position())),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed elements are an XML error quick-xml reports; keep what was read.
    while !out.paragraphs.is_empty() {
        out.close_paragraph();
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    Ok(text)
}

/// The namespaces this module tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Word,
    Compatibility,
    Other,
}

impl Namespace {
    fn of(ns: &ResolveResult) -> Namespace {
        match ns {
            ResolveResult::Bound(n) if WORD_NS.contains(&n.0) => Namespace::Word,
            ResolveResult::Bound(n) if n.0 == COMPATIBILITY_NS => Namespace::Compatibility,
            _ => Namespace::Other,
        }
    }
}

fn kind_of(ns: Namespace, e: &BytesStart) -> Kind {
    let name = e.local_name();
    match ns {
        Namespace::Compatibility if name.as_ref() == "Fallback" => return Kind::Skipped,
        Namespace::Word => {}
        _ => return Kind::Other,
    }
    match name.as_ref() {
        "p" => Kind::Paragraph,
        "t" => Kind::Text,
        "tr" => Kind::Row,
        "tc" => Kind::Cell,
        "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "pPr" | "rPr" | "sectPr" | "tblPr" | "trPr"
        | "tcPr" | "tblGrid" | "sdtPr" => Kind::Skipped,
        _ => Kind::Other,
    }
}

/// The `xml:space` attribute of an element, if it has one.
fn xml_space(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "xml:space")
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.trim().to_string()))
}

/// True inside a `w:t` (whose parent frames are not skipped).
fn in_text(stack: &[Frame]) -> bool {
    stack.last().is_some_and(|f| f.kind == Kind::Text)
}

/// True when the element just opened sits in a run of a paragraph.
fn inside_run(stack: &[Frame]) -> bool {
    stack.iter().any(|f| f.kind == Kind::Paragraph)
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn document(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W}\" xmlns:mc=\"{COMPATIBILITY_NS}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
        )
    }

    fn body(body: &str) -> String {
        body_text(&document(body)).unwrap()
    }

    fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn runs_split_mid_number_join() {
        let xml = "<w:p><w:r><w:t>化解矛盾纠纷</w:t></w:r><w:r><w:t>73</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>00余起</w:t></w:r></w:p>";
        assert_eq!(body(xml), "化解矛盾纠纷7300余起\n");
    }

    #[test]
    fn one_line_per_paragraph_empty_ones_too() {
        let xml = "<w:p><w:r><w:t>导语</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>正文</w:t></w:r></w:p>";
        assert_eq!(body(xml), "导语\n\n正文\n");
    }

    #[test]
    fn tracked_deletions_and_field_codes_are_not_text() {
        let xml = "<w:p><w:r><w:t>破获刑事案件</w:t></w:r>\
                   <w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>1892</w:delText></w:r></w:del>\
                   <w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>1829</w:t></w:r></w:ins><w:r><w:t>起</w:t></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE 12 </w:instrText></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
                   <w:moveFrom w:id=\"3\" w:author=\"x\"><w:r><w:t>旧文字99起</w:t></w:r></w:moveFrom></w:p>";
        assert_eq!(body(xml), "破获刑事案件1829起\n");
    }

    #[test]
    fn tabs_and_breaks_keep_the_paragraph_one_line() {
        let xml = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                   <w:r><w:t>项目</w:t><w:tab/><w:t>数量</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>完</w:t></w:r></w:p>";
        assert_eq!(body(xml), "项目\t数量 第二行 完\n");
    }

    #[test]
    fn a_table_row_is_one_line_of_cells() {
        let cell = |t: &str| {
            format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
        };
        let xml = format!(
            "<w:p><w:r><w:t>见下表。</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>\
             <w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p/>",
            cell("项目"),
            cell("数量"),
            cell("检查出租房屋"),
            cell("4000余户")
        );
        assert_eq!(body(&xml), "见下表。\n项目 数量\n检查出租房屋 4000余户\n\n");
    }

    #[test]
    fn a_cell_of_two_paragraphs_and_a_nested_table_stay_on_the_row() {
        let xml = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>\
                   <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>丁</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
                   <w:p/></w:tc></w:tr></w:tbl>";
        assert_eq!(body(xml), "甲 乙 丙 丁\n");
    }

    #[test]
    fn entities_and_character_references_are_decoded() {
        let xml = "<w:p><w:r><w:t>A&amp;B &lt;1&gt; &#49;&#x38;29起 &quot;x&apos;</w:t></w:r></w:p>";
        assert_eq!(body(xml), "A&B <1> 1829起 \"x'\n");
    }

    #[test]
    fn outer_space_is_kept_only_when_preserved() {
        let xml = "<w:p><w:r><w:t>共</w:t><w:t xml:space=\"preserve\"> 1829 </w:t><w:t>  起  </w:t></w:r></w:p>";
        assert_eq!(body(xml), "共 1829 起\n");
    }

    #[test]
    fn a_text_box_fallback_is_read_once() {
        let text_box = "<w:txbxContent><w:p><w:r><w:t>框内37起</w:t></w:r></w:p></w:txbxContent>";
        let xml = format!(
            "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">{text_box}</mc:Choice>\
             <mc:Fallback>{text_box}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
        );
        assert_eq!(body(&xml), "框内37起\n正文\n");
    }

    #[test]
    fn an_empty_document_is_one_empty_line() {
        assert_eq!(body(""), "\n");
    }

    #[test]
    fn a_docx_zip_is_read_and_the_part_found_by_its_relationship() {
        let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                    <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>";
        let doc = document("<w:p><w:r><w:t>共破获刑事案件1829起。</w:t></w:r></w:p>");
        let bytes = zip_of(&[("_rels/.rels", rels), ("word/document2.xml", &doc)]);
        assert_eq!(text(&bytes).unwrap(), "共破获刑事案件1829起。\n");
        let bytes = zip_of(&[("word/document.xml", &doc)]);
        assert_eq!(text(&bytes).unwrap(), "共破获刑事案件1829起。\n");
    }

    #[test]
    fn what_is_not_a_docx_says_why() {
        assert_eq!(text(b"\xef\xbb\xbf\xe5\x85\xb1 1829").unwrap_err(), DocxError::NotZip);
        assert_eq!(text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0").unwrap_err(), DocxError::OldWord);
        let no_document = zip_of(&[("content.xml", "<office/>")]);
        assert_eq!(text(&no_document).unwrap_err().to_string(), "not a Word document: no word/document.xml");
        let good = zip_of(&[("word/document.xml", &document("<w:p/>"))]);
        assert!(matches!(text(&good[..good.len() / 2]), Err(DocxError::CorruptZip(_))));
        let broken = zip_of(&[("word/document.xml", "<w:document><w:body></w:document>")]);
        assert!(matches!(text(&broken), Err(DocxError::Xml { .. })));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let doc = document(&"<w:p><w:r><w:t>0000000000</w:t></w:r></w:p>".repeat(1000));
        let bytes = zip_of(&[("word/document.xml", &doc)]);
        assert_eq!(
            text_limited(&bytes, 10_000).unwrap_err(),
            DocxError::TooLarge { part: "word/document.xml".into(), max: 10_000 }
        );
        assert!(text_limited(&bytes, 100_000).is_ok());
    }
}
