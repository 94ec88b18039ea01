//! Every real document in ../shared/corpus (Chinese government work reports,
//! White House briefings, BLS and TAT-QA) runs through `crosscheck figures`
//! without error, and each yields figures.
#![allow(clippy::print_stdout)]

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn figures_of(dir: &std::path::Path) -> Vec<Value> {
    let out =
        Command::cargo_bin("crosscheck").unwrap().args(["figures", "--format", "json"]).arg(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}: {}", dir.display(), String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["figures"].as_array().unwrap().clone()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| ["md", "txt", "html"].contains(&e.to_str().unwrap_or(""))) {
                // Documents only: a folder's data files (TAT-QA's .json) are not read.
                files.push(path.display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn chinese_corpus_reads_without_error() {
    let Some(dir) = common::shared("corpus/zh") else { return };
    let figures = figures_of(&dir);
    for file in files_in(&dir) {
        let count = figures.iter().filter(|f| f["file"] == file.as_str()).count();
        println!("{count:6} figures  {file}");
        assert!(count > 20, "{file} has only {count} figures");
    }
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn english_corpus_reads_without_error() {
    let Some(dir) = common::shared("corpus/en") else { return };
    let figures = figures_of(&dir);
    for file in files_in(&dir) {
        let count = figures.iter().filter(|f| f["file"] == file.as_str()).count();
        println!("{count:6} figures  {file}");
        assert!(count > 0, "{file} has no figures");
    }
}

/// Each real document checked alone raises no error: the reports and
/// briefings were published, and a copy editor would dismiss any error the
/// tool raised on them. Warnings are printed, not failed.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn each_corpus_document_alone_raises_no_error() {
    let Some(zh) = common::shared("corpus/zh") else { return };
    let Some(en) = common::shared("corpus/en") else { return };
    let mut failures = Vec::new();
    for file in files_in(&zh).into_iter().chain(files_in(&en)) {
        let out =
            Command::cargo_bin("crosscheck").unwrap().args(["check", "--format", "json", &file]).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let summary = &json["summary"];
        let (errors, warnings) = (summary["errors"].as_u64(), summary["warnings"].as_u64().unwrap_or(0));
        println!("{:3} errors {warnings:3} warnings  {file}", errors.map_or("?".into(), |e| e.to_string()));
        if errors != Some(0) || out.status.code() != Some(0) {
            failures.push(format!("{file}: exit {:?}, {errors:?} errors", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "errors on published documents:\n{}", failures.join("\n"));
}

/// The whole corpus in one call: unrelated documents (a year of national
/// reports, eight provinces' reports of one year, White House briefings on
/// several jobs reports) are not one release, so no finding relates two of
/// them, and the JSON says which files were checked together.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn the_whole_corpus_in_one_call_relates_no_two_documents() {
    let Some(zh) = common::shared("corpus/zh") else { return };
    let Some(en) = common::shared("corpus/en") else { return };
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&zh)
        .arg(&en)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = json["summary"]["files"].as_u64().unwrap() as usize;
    let releases = json["releases"].as_array().unwrap();
    println!("{files} files in {} releases", releases.len());
    assert!(files > 20, "{files}");
    assert!(releases.len() > files / 2, "{:?}", json["releases"]);
    let listed: usize = releases.iter().map(|r| r["files"].as_array().unwrap().len()).sum();
    assert_eq!(listed, files, "every file is in one release");
    for finding in json["findings"].as_array().unwrap() {
        for label in finding["labels"].as_array().unwrap() {
            assert_eq!(label["file"], finding["file"], "a finding across documents: {finding}");
        }
    }
}
