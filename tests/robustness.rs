//! No input makes crosscheck panic: property tests over text built from the
//! pieces its readers look for (numerals, units, qualifiers, quotes, headings,
//! markers, line breaks), run through the whole check and every report; and
//! over `.docx` bytes: arbitrary, damaged, and with a mangled document part.

use crosscheck::report::{write_check, CheckFormat, HumanOptions};
use crosscheck::{Document, Packs};
use proptest::prelude::*;

/// Pieces that exercise every stage: numbers in both languages, units,
/// qualifiers, part markers, rates, changes, headings, quotes, Markdown.
const PIECES: &[&str] = &[
    "1829",
    "7300",
    "1.9",
    "38.91",
    "0",
    "12",
    "5.25",
    "1,829",
    "一千八百",
    "两",
    "十",
    "万",
    "亿",
    "余",
    "多",
    "约",
    "近",
    "起",
    "件",
    "人",
    "名",
    "%",
    "％",
    "个百分点",
    "万元",
    "成",
    "倍",
    "其中",
    "化解率",
    "率",
    "同比",
    "减少",
    "下降",
    "增长",
    "抓获犯罪嫌疑人",
    "破获",
    "排查",
    "化解",
    "矛盾纠纷",
    "，",
    "、",
    "；",
    "。",
    "：",
    "“",
    "”",
    "——",
    "局长",
    "\n",
    "\n\n",
    " ",
    "# ",
    "MS. PSAKI:",
    "Q    ",
    "more than",
    "about",
    "percent",
    "including",
    "of them",
    "jobs",
    "rose",
    "fell",
    "$",
    "billion",
    "million",
    "<s>",
    "</s>",
    "---\n",
    "```",
    "2024年",
    "目标",
    "五是",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.concat())
}

fn packs() -> &'static Packs {
    static PACKS: std::sync::OnceLock<Packs> = std::sync::OnceLock::new();
    PACKS.get_or_init(|| Packs::builtin().unwrap())
}

fn check_everything(text: &str) {
    let packs = packs();
    let docs = vec![Document::with_format("a.md", text), Document::new("b.txt", text)];
    let report = crosscheck::check_with(docs, packs, true);
    let human = HumanOptions { color: false, width: 80, explain: true };
    for format in [CheckFormat::Human, CheckFormat::Concise, CheckFormat::Json] {
        let mut out = Vec::new();
        write_check(&mut out, &report, format, human).unwrap();
    }
    for record in crosscheck::report::release_figure_records(&report.release) {
        assert!(record.start <= record.end && record.end <= text.len());
    }
}

/// Two figures of one measure 90,000 characters apart on one line: miette
/// joined their snippets into one of the whole distance, which panicked
/// (a column past what its formatting pads) and cost the line's length for
/// every finding. They are shown as two windows, each a few dozen characters.
#[test]
fn figures_far_apart_on_one_line_render_as_small_windows() {
    let filler = "各部门围绕重点领域持续推进专项整治工作，".repeat(4500);
    let text = format!("全年共查处案件12起，{filler}全年共查处案件13起。\n");
    let report = crosscheck::check_with(vec![Document::new("a.txt", text.as_str())], packs(), true);
    assert!(!report.findings().is_empty(), "the two figures disagree");
    let human = HumanOptions { color: false, width: 80, explain: true };
    let mut out = Vec::new();
    write_check(&mut out, &report, CheckFormat::Human, human).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("12起") && out.contains("13起"), "{out}");
    assert!(out.len() < 4096 * report.findings().len(), "{} bytes of output", out.len());
}

/// A total with hundreds of parts after 其中 that exceed it: miette drew every
/// label in each snippet of the finding, the square of the parts' number. The
/// human report underlines a few and counts the rest; JSON keeps them all.
#[test]
fn a_finding_over_many_parts_shows_a_few_and_counts_the_rest() {
    let parts: Vec<String> = (0..400).map(|i| format!("第{i}类案件{}起", 10 + i % 7)).collect();
    let text = format!("全年共查处案件1200起。其中{}。\n", parts.join("，"));
    let report = crosscheck::check_with(vec![Document::new("a.txt", text.as_str())], packs(), false);
    let labels = report.findings().iter().map(|f| f.labels.len()).max().unwrap_or(0);
    assert!(labels >= 400, "the parts exceed their total: {labels} labels");
    let human = HumanOptions { color: false, width: 80, explain: false };
    let mut out = Vec::new();
    write_check(&mut out, &report, CheckFormat::Human, human).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains(&format!("… and {} more figures not shown here", labels - 32)), "{out}");
    assert!(out.matches("another part").count() <= 32, "{out}");
    let mut json = Vec::new();
    write_check(&mut json, &report, CheckFormat::Json, human).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(json.matches("another part").count() >= 399, "JSON lists every part");
}

/// Quoted cells of a data file read as a fixed-width table (`"$  1,452.4",`):
/// a cell's bounds were drawn inside its sign, so the figure opened before
/// its sentence and slicing the sentence up to it panicked.
#[test]
fn a_figure_never_opens_before_its_sentence() {
    let rows = r#"[
  {
    "table": {
      "table": [
        [
          "",
          "2019",
          "2018",
          "2017"
        ],
        [
          "Fixed Price",
          "$  1,452.4",
          "$  1,146.2",
          "$  1,036.9"
        ],
        [
          "Other",
          "$  58.1",
          "$  71.7",
          "$  62.3"
        ]
      ]
    }
  }
]
"#;
    check_everything(rows);
    let docs = vec![Document::new("rows.json", rows)];
    let release = crosscheck::check_with(docs, packs(), true).release;
    for m in &release.mentions {
        let f = &m.figure;
        assert!(f.sentence.start <= f.span.start && f.span.end <= f.sentence.end, "{f:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn built_text_never_panics(text in text()) {
        check_everything(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check_everything(&text);
    }
}

/// Pieces of rule files: keys, values, YAML syntax, anchors and aliases.
const YAML_PIECES: &[&str] = &[
    "version: 1\n",
    "version: 2\n",
    "metrics:\n",
    "rules:\n",
    "ignore:\n",
    "extends: [zh]\n",
    "severities:\n",
    "disable:\n",
    "  - id: gdp\n",
    "    label: \"地区生产总值\"\n",
    "    label: \"(\"\n",
    "    kind: sum\n",
    "    total: gdp\n",
    "    parts: [gdp, x]\n",
    "    min: 0\n",
    "    max: abc\n",
    "  figure-mismatch: off\n",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\"",
    "'",
    "\t",
    "\n",
    "  ",
    "!!str ",
    "? ",
    "%YAML 1.2\n",
    "---\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_rule_file_panics(pieces in prop::collection::vec(prop::sample::select(YAML_PIECES), 0..40)) {
        let text = pieces.concat();
        let _ = crosscheck::config::UserRules::from_text("rules.yaml", &text, crosscheck::config::Builtins { packs: &["zh", "en"], checks: &crosscheck::check::builtin_ids() });
    }

    #[test]
    fn no_arbitrary_text_as_a_rule_file_panics(text in "\\PC{0,300}") {
        let _ = crosscheck::config::UserRules::from_text("rules.yaml", &text, crosscheck::config::Builtins { packs: &["zh", "en"], checks: &crosscheck::check::builtin_ids() });
    }
}

/// The fixture `.docx` (`fixtures/zh/formats/release.docx`) and its document part.
fn release_docx() -> &'static (Vec<u8>, String) {
    static DOCX: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();
    DOCX.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/zh/formats/release.docx");
        let bytes = std::fs::read(path).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        (bytes, xml)
    })
}

/// Reads bytes as a `.docx`; what it yields must go through the whole check.
fn read_docx(bytes: Vec<u8>) {
    if let Ok(doc) = Document::from_bytes("a.docx".into(), bytes) {
        check_everything(&doc.text);
    }
}

/// Pieces of WordprocessingML that move the reader's state: paragraphs, runs,
/// rows, cells, deletions, fields, entities, namespaces, broken markup.
const XML_PIECES: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:p/>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:t xml:space=\"preserve\">",
    "<w:tab/>",
    "<w:br/>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:del>",
    "</w:del>",
    "<w:delText>1892</w:delText>",
    "<w:instrText>PAGE</w:instrText>",
    "<w:txbxContent>",
    "</w:txbxContent>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&",
    "<",
    ">",
    "<![CDATA[12]]>",
    "<!--",
    "-->",
    "<x:t xmlns:x=\"urn:x\">",
    "1829起",
    "\u{0}",
    "\r\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_named_docx_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), zip_magic in any::<bool>()) {
        let bytes = if zip_magic { [b"PK\x03\x04".as_slice(), &bytes].concat() } else { bytes };
        read_docx(bytes);
    }

    #[test]
    fn a_damaged_docx_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        let mut bytes = release_docx().0.clone();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(keep.index(bytes.len()) + 1);
        read_docx(bytes);
    }

    #[test]
    fn a_mangled_document_part_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(XML_PIECES)), 1..12),
    ) {
        let mut xml = release_docx().1.clone();
        for (at, piece) in edits {
            let mut i = at.index(xml.len());
            while !xml.is_char_boundary(i) {
                i -= 1;
            }
            xml.insert_str(i, piece);
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("word/document.xml", stored).unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        read_docx(zip.finish().unwrap().into_inner());
    }
}
