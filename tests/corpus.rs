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
