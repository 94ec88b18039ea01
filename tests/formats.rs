//! One faulty release saved six ways (`fixtures/zh/formats`): plain text,
//! Markdown, HTML, a Word document, GBK and UTF-16. `crosscheck check` must
//! give the same findings for each, at the place its own `.expected` file
//! names, and every span must cut the figure out of that file's own text:
//! the decoded text for the text formats, the extracted text (one line per
//! paragraph or table row) for the `.docx`. Broken Word documents are one
//! clear error each, and the good files beside them are still checked.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const COPIES: &[&str] =
    &["release.txt", "release.md", "release.html", "release.docx", "release-gbk.txt", "release-utf16.txt"];

fn formats(name: &str) -> PathBuf {
    common::fixture("zh/formats").join(name)
}

/// The text crosscheck reads from a copy, decoded here without crosscheck
/// (except the `.docx`, whose extraction is what is being tested).
fn text_of(name: &str) -> String {
    let bytes = std::fs::read(formats(name)).unwrap();
    if name.ends_with(".docx") {
        return crosscheck::load::docx::text(&bytes).unwrap();
    }
    if name.contains("gbk") {
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
        assert!(!had_errors);
        return text.into_owned();
    }
    if name.contains("utf16") {
        assert_eq!(&bytes[..2], b"\xff\xfe", "{name} starts with a UTF-16 LE byte-order mark");
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(&bytes[2..]);
        assert!(!had_errors);
        return text.into_owned();
    }
    String::from_utf8(bytes).unwrap()
}

/// `crosscheck check --format json` on one copy: (exit code, findings).
fn check(name: &str) -> (i32, Vec<Value>) {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(formats(name))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{name}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json["findings"].as_array().unwrap().clone())
}

/// The `rule line:column` lines of `NAME.expected`.
fn expected(name: &str) -> BTreeSet<(String, u64, u64)> {
    let text = common::read(&formats(&format!("{name}.expected")));
    assert!(text.starts_with('#'), "{name}.expected: say what the copy is in a # comment");
    text.lines()
        .map(|line| line.split('#').next().unwrap().trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (rule, at) = line.split_once(' ').unwrap();
            let (l, c) = at.split_once(':').unwrap();
            (rule.to_string(), l.parse().unwrap(), c.parse().unwrap())
        })
        .collect()
}

/// A finding with its file's name taken out and no positions: what must be
/// the same whatever the format.
fn gist(finding: &Value, file: &str) -> Value {
    let name = |v: &Value| Value::String(v.as_str().unwrap().replace(file, "FILE"));
    let labels: Vec<Value> = finding["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| serde_json::json!({"source": name(&l["source"]), "message": l["message"]}))
        .collect();
    serde_json::json!({
        "rule": finding["rule"],
        "severity": finding["severity"],
        "message": name(&finding["message"]),
        "help": finding["help"],
        "labels": labels,
    })
}

/// Checks that a span (finding or label) cuts `written` out of `text` and
/// that its line and column are where that byte offset is.
fn assert_points_at(text: &str, span: &Value, written: &str, what: &str) {
    let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    assert_eq!(text.get(start..end), Some(written), "{what}: bytes {start}..{end}");
    let before = &text[..start];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() as u64 + 1;
    assert_eq!((span["line"].as_u64().unwrap(), span["column"].as_u64().unwrap()), (line, column), "{what}");
}

#[test]
fn six_copies_of_one_release_give_the_same_findings_each_in_its_own_place() {
    let (_, reference) = check("release.txt");
    let reference_file = formats("release.txt").display().to_string();
    let reference: Vec<Value> = reference.iter().map(|f| gist(f, &reference_file)).collect();
    assert_eq!(reference.len(), 1, "{reference:#?}");
    for name in COPIES {
        let (code, findings) = check(name);
        assert_eq!(code, 1, "{name}: an error is found");
        let file = formats(name).display().to_string();
        let at: BTreeSet<_> = findings
            .iter()
            .map(|f| {
                (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap())
            })
            .collect();
        assert_eq!(at, expected(name), "{name}: findings and their places");
        let gists: Vec<Value> = findings.iter().map(|f| gist(f, &file)).collect();
        assert_eq!(gists, reference, "{name}: the same findings as release.txt");
        let text = text_of(name);
        for finding in &findings {
            assert_points_at(&text, finding, "1892起", &format!("{name}: the finding"));
            for (i, label) in finding["labels"].as_array().unwrap().iter().enumerate() {
                assert_points_at(&text, label, "1829起", &format!("{name}: label {i}"));
            }
        }
    }
}

#[test]
fn the_docx_reads_as_its_text_copy_paragraph_by_paragraph() {
    // make.py writes release.docx from release.txt: one paragraph per line,
    // the 项目/数量 lines as a table, some figures split across runs and a
    // tracked deletion of a wrong figure. Read back, it is release.txt.
    assert_eq!(text_of("release.docx"), text_of("release.txt"));
}

#[test]
fn the_docx_fixture_is_a_word_package() {
    let file = std::fs::File::open(formats("release.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")), &mut text)
            .unwrap();
        text
    };
    let types = part("[Content_Types].xml");
    assert!(types.contains(
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
    ));
    assert!(part("_rels/.rels").contains(r#"relationships/officeDocument" Target="word/document.xml""#));
    let document = part("word/document.xml");
    assert!(document.contains("<w:tbl>"), "a table");
    assert!(document.contains("<w:delText>1892</w:delText>"), "a tracked deletion of a wrong figure");
    assert!(document.contains("侦破刑事案件18</w:t></w:r><w:r><w:t>92起"), "a figure split across runs");
}

fn tempdir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-formats-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn zip_of(path: &Path, parts: &[(&str, &str)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_broken_docx_is_one_clear_error_and_the_good_files_are_still_checked() {
    let dir = tempdir("broken");
    std::fs::copy(formats("release.txt"), dir.join("a-good.txt")).unwrap();
    std::fs::copy(formats("release.docx"), dir.join("b-good.docx")).unwrap();
    let docx = std::fs::read(formats("release.docx")).unwrap();
    std::fs::write(dir.join("c-truncated.docx"), &docx[..docx.len() / 2]).unwrap();
    std::fs::write(dir.join("d-renamed.docx"), common::read(&formats("release.txt"))).unwrap();
    zip_of(&dir.join("e-no-document.docx"), &[("[Content_Types].xml", "<Types/>")]);
    std::fs::copy(formats("release.docx"), dir.join("f-a-zip.zip")).unwrap();
    // A .zip in a folder is not a document and is not read; named, it is read.
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .arg(dir.join("f-a-zip.zip"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2, "the good files are checked");
    // One release: each copy's 1892起 disagrees with the 1829起 of both.
    let files: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.len() == 2 && files[0].ends_with("a-good.txt") && files[1].ends_with("b-good.docx"), "{files:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (bad, reason) in [
        ("c-truncated.docx", "corrupt zip"),
        ("d-renamed.docx", "it is not a zip archive"),
        ("e-no-document.docx", "not a Word document: no word/document.xml"),
        ("f-a-zip.zip", "is not text"),
    ] {
        assert_eq!(stderr.matches(bad).count(), 1, "one clear error for {bad}: {stderr}");
        // The report is wrapped to the terminal's width: read it as one line.
        let error = stderr.split("crosscheck::").find(|e| e.contains(bad)).unwrap();
        let error: Vec<&str> = error.lines().map(|l| l.trim_start_matches([' ', '│', '×']).trim_end()).collect();
        assert!(error.join(" ").contains(reason), "{bad}: {reason}: {error:?}");
    }
    assert!(!stderr.contains("panicked"));
}
