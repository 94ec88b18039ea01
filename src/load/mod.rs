//! Loading: paths and stdin become [`Document`]s (text + where it came from).
//!
//! Stage 1 of the pipeline. Text is decoded to UTF-8 here; every later stage
//! works on byte offsets into `Document::text`.

pub mod docx;
pub mod html;
pub mod markdown;

use std::ops::Range;
use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

/// One input document, decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name shown in reports: the path as given, or `-`/`--stdin-filename`.
    pub name: String,
    pub text: String,
    /// Byte ranges that hold no prose (Markdown front matter, code, HTML
    /// tags): no figure is read there.
    pub ignored: Vec<Range<usize>>,
}

/// Something wrong with reading an input (not with its figures).
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(crosscheck::io))]
    Io { path: String, reason: std::io::Error },
    #[error("{path} is empty")]
    #[diagnostic(code(crosscheck::empty), help("an empty file states no figure; leave it out"))]
    Empty { path: String },
    #[error("{path} is {size} bytes, more than the {max} bytes crosscheck reads from one file")]
    #[diagnostic(
        code(crosscheck::too_large),
        help("a release is rarely this large; raise --max-file-size (in MB) if it is one")
    )]
    TooLarge { path: String, size: u64, max: u64 },
    #[error("{path} is not text: {reason}")]
    #[diagnostic(code(crosscheck::not_text), help("crosscheck reads UTF-8 text; convert the file or leave it out"))]
    NotText { path: String, reason: String },
    #[error("{path} cannot be read: {reason}")]
    #[diagnostic(
        code(crosscheck::not_docx),
        help("crosscheck reads .docx files (Word 2007 and later); save it again from Word, or save it as text")
    )]
    NotDocx { path: String, reason: docx::DocxError },
}

impl Document {
    /// A document of plain text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Document { name: name.into(), text: text.into(), ignored: Vec::new() }
    }

    /// A document whose format is told by its name's extension.
    pub fn with_format(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut doc = Document::new(name, text);
        let lower = doc.name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            doc.ignored = markdown::non_prose(&doc.text);
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            doc.ignored = html::non_prose(&doc.text);
        }
        doc
    }

    /// Takes the text each regex matches out of the prose (a rule file's `ignore`).
    pub fn ignore_matches(&mut self, patterns: &[regex::Regex]) {
        for re in patterns {
            self.ignored.extend(re.find_iter(&self.text).map(|m| m.range()));
        }
        self.ignored = merge(std::mem::take(&mut self.ignored));
    }

    /// The text as the reader of figures sees it: every byte that holds no
    /// prose blanked to a space (line ends kept; a table's cell pipes become
    /// tabs), and a tag that ends a block
    /// (`</p>`, `<br>`, `</tr>`) ending its line. Byte offsets are the text's:
    /// only whole characters are replaced, by as many ASCII bytes.
    pub fn prose(&self) -> std::borrow::Cow<'_, str> {
        if self.ignored.is_empty() {
            return std::borrow::Cow::Borrowed(&self.text);
        }
        let mut bytes = self.text.clone().into_bytes();
        for range in &self.ignored {
            let ends_block = html::ends_block(&self.text[range.clone()]);
            for b in &mut bytes[range.clone()] {
                // A blanked pipe is a table's cell border: it stays a cell
                // border (a tab), so that a row still reads as cells.
                if *b == b'|' {
                    *b = b'\t';
                } else if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
            if ends_block && !self.text[range.clone()].contains('\n') {
                bytes[range.end - 1] = b'\n';
            }
        }
        // Whole characters were replaced by ASCII bytes: still UTF-8.
        std::borrow::Cow::Owned(
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }

    /// True when the byte range overlaps text that holds no prose.
    pub fn is_ignored(&self, span: &Range<usize>) -> bool {
        let i = self.ignored.partition_point(|r| r.end <= span.start);
        self.ignored.get(i).is_some_and(|r| r.start < span.end)
    }

    /// Reads a file. Never writes to it.
    pub fn read(path: &Path) -> Result<Document, LoadError> {
        Document::read_limited(path, u64::MAX)
    }

    /// Reads a file of at most `max_bytes` (an empty file is refused too).
    pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Document, LoadError> {
        let name = path.display().to_string();
        let size =
            std::fs::metadata(path).map_err(|source| LoadError::Io { path: name.clone(), reason: source })?.len();
        if size > max_bytes {
            return Err(LoadError::TooLarge { path: name, size, max: max_bytes });
        }
        let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: name.clone(), reason: source })?;
        if bytes.is_empty() {
            return Err(LoadError::Empty { path: name });
        }
        Document::from_bytes(name, bytes)
    }

    /// Decodes bytes as UTF-8 (a byte-order mark is dropped), or reads a
    /// Word document when the name ends `.docx`.
    ///
    /// UTF-8 (with or without a byte-order mark) is read as it is; UTF-16 LE
    /// and BE with a byte-order mark are decoded; other text (GB18030/GBK,
    /// Big5, Shift_JIS, …) is detected and decoded. A binary file, or one that
    /// no encoding decodes cleanly, is refused with the reason.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Document, LoadError> {
        // A .docx is a zip (binary by the test below): its text is extracted first.
        if name.to_ascii_lowercase().ends_with(".docx") {
            return match docx::text(&bytes) {
                Ok(text) => Ok(Document::new(name, text)),
                Err(reason) => Err(LoadError::NotDocx { path: name, reason }),
            };
        }
        if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes) {
            let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
            if had_errors {
                return Err(LoadError::NotText {
                    path: name,
                    reason: format!("it starts with a {} byte-order mark but does not decode as it", encoding.name()),
                });
            }
            return Ok(Document::with_format(name, text.into_owned()));
        }
        if bytes.contains(&0) {
            return Err(LoadError::NotText { path: name, reason: "it contains NUL bytes (a binary file?)".into() });
        }
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => return Ok(Document::with_format(name, text)),
            Err(e) => e.into_bytes(),
        };
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(&bytes, true);
        let encoding = detector.guess(None, false);
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        if had_errors || text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
            return Err(LoadError::NotText {
                path: name,
                reason: format!("invalid UTF-8 at byte {valid}, and no other encoding decodes it cleanly"),
            });
        }
        Ok(Document::with_format(name, text.into_owned()))
    }
}

/// Sorts byte ranges and merges those that overlap or touch; empty ones go.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges.into_iter().filter(|r| r.start < r.end) {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_blanks_markup_at_the_same_offsets() {
        let html = "<h2>总体情况——副局长李明</h2><p>共<b>破获</b>案件1829起</p>\n<!-- 12\n34 -->";
        let doc = Document::with_format("a.html", html);
        let prose = doc.prose();
        assert_eq!(prose.len(), html.len());
        assert_eq!(prose.find("1829"), html.find("1829"));
        let lines: Vec<&str> = prose.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["总体情况——副局长李明", "共   破获    案件1829起"]);
        let plain = Document::new("a.txt", "共破获案件1829起");
        assert!(matches!(plain.prose(), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_markdown_tables_pipes_are_tabs_in_the_prose() {
        let md = "| 区域 | 用水量（万立方米） |\n|---|---:|\n| 东城区 | 812.6 |\n";
        let prose = Document::with_format("a.md", md).prose().into_owned();
        assert_eq!(prose.len(), md.len());
        assert_eq!(prose.lines().nth(2), Some("\t 东城区 \t 812.6 \t"));
        assert!(prose.lines().nth(1).is_some_and(|l| l.trim().is_empty()));
    }

    #[test]
    fn bom_is_dropped() {
        let doc = Document::from_bytes("a".into(), "\u{feff}共1829起".as_bytes().to_vec()).unwrap();
        assert_eq!(doc.text, "共1829起");
    }

    #[test]
    fn utf16_and_gbk_are_decoded() {
        let text = "全市共破获刑事案件1829起。";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(Document::from_bytes("a".into(), le).unwrap().text, text);
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(Document::from_bytes("a".into(), be).unwrap().text, text);
        let long = text.repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        assert_eq!(Document::from_bytes("a".into(), gbk.into_owned()).unwrap().text, long);
    }

    #[test]
    fn a_docx_is_read_by_its_name_and_a_zip_otherwise_is_binary() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(
            &mut zip,
            b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
              <w:p><w:r><w:t>73</w:t></w:r><w:r><w:t>00\xe4\xbd\x99\xe8\xb5\xb7</w:t></w:r></w:p></w:body></w:document>",
        )
        .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert_eq!(Document::from_bytes("a.DOCX".into(), bytes.clone()).unwrap().text, "7300余起\n");
        let err = Document::from_bytes("a.zip".into(), bytes).unwrap_err();
        assert!(matches!(err, LoadError::NotText { .. }), "{err}");
        let err = Document::from_bytes("a.docx".into(), "共1829起".as_bytes().to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("a.docx cannot be read: it is not a zip archive"), "{err}");
    }

    #[test]
    fn invalid_utf8_says_where() {
        let err = Document::from_bytes("a.txt".into(), vec![b'o', b'k', 0x81]).unwrap_err();
        assert!(err.to_string().contains("byte 2"), "{err}");
    }
}
