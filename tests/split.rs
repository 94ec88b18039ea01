//! A release split into files finds what the whole release finds: the seed
//! press conference (../shared/seeds) cut at its `topic——role name` heading
//! lines into one file per source (the lead is what stands before the first
//! heading), checked together by the binary. A figure-mismatch between two
//! speakers then spans two files, and its labels point into the other file.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "seeds/000_031c26d2ead0ae95.txt";

/// The lead's file name, in the whole release and in the split one alike:
/// the lead's source is titled by its file name, so the messages match.
const LEAD: &str = "lead.txt";

/// A fresh, empty temp dir for this test.
fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-split-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seed cut before each heading line: the lead, then one part per speaker.
fn split(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.contains("——") && !parts.last().unwrap().is_empty() {
            parts.push(String::new());
        }
        parts.last_mut().unwrap().push_str(line);
    }
    parts
}

/// `crosscheck check --format json FILES…` run in `dir`.
fn check(dir: &Path, files: &[String]) -> Value {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rule_and_message(json: &Value) -> BTreeSet<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), lead_without_file(f["message"].as_str().unwrap())))
        .collect()
}

/// A message with `导语 (lead.txt)` read as `导语`: split in files, the lead is
/// named with its file, as every lead of a release of several files is, or
/// is a file of its own, named by the file.
fn lead_without_file(message: &str) -> String {
    let message = message.replace(LEAD, "导语");
    match message.split_once("导语 (") {
        Some((before, after)) => format!("{before}导语{}", after.split_once(')').map_or("", |(_, rest)| rest)),
        None => message,
    }
}

/// The seed checked whole and split: (whole, split, split file names).
fn whole_and_split(name: &str, text: &str) -> (Value, Value, Vec<String>) {
    let whole_dir = tempdir(&format!("{name}-whole"));
    std::fs::write(whole_dir.join(LEAD), text).unwrap();
    let whole = check(&whole_dir, &[LEAD.to_string()]);

    let split_dir = tempdir(&format!("{name}-split"));
    let parts = split(text);
    assert_eq!(parts.len(), 5, "the seed has a lead and four speakers");
    assert_eq!(parts.concat(), text);
    let files: Vec<String> =
        (0..parts.len()).map(|i| if i == 0 { LEAD.to_string() } else { format!("speaker-{i}.txt") }).collect();
    for (file, part) in files.iter().zip(&parts) {
        std::fs::write(split_dir.join(file), part).unwrap();
    }
    let split = check(&split_dir, &files);
    let _ = std::fs::remove_dir_all(&whole_dir);
    let _ = std::fs::remove_dir_all(&split_dir);
    (whole, split, files)
}

/// The seed with the `nth` occurrence (0-based) of `from` replaced.
fn mutate(text: &str, from: &str, to: &str, nth: usize) -> String {
    let (at, _) = text.match_indices(from).nth(nth).unwrap_or_else(|| panic!("{from} #{nth} is not in the seed"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn the_split_seed_finds_what_the_whole_seed_finds() {
    let Some(path) = common::shared(SEED) else { return };
    let (whole, split, _) = whole_and_split("clean", &common::read(&path));
    assert_eq!(rule_and_message(&split), rule_and_message(&whole));
    assert_eq!(whole["summary"]["errors"], 0, "{whole}");
    assert_eq!(split["summary"]["files"], 5);
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn a_mismatch_between_two_speakers_spans_their_two_files() {
    let Some(path) = common::shared(SEED) else { return };
    // 刑侦支队支队长谭宏伟's 1829起 (the second) becomes 1892起; 牟爱民 still says 1829起.
    let text = mutate(&common::read(&path), "1829起", "1892起", 1);
    let (whole, split, files) = whole_and_split("1892", &text);
    let found = rule_and_message(&split);
    assert_eq!(found, rule_and_message(&whole));
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &split["findings"][0];
    assert_eq!(finding["rule"], "figure-mismatch");
    assert_eq!(finding["file"], files[3].as_str(), "the primary is 谭宏伟's 1892起: {finding}");
    let labels = finding["labels"].as_array().unwrap();
    assert!(
        labels.iter().any(|l| l["file"] == files[1].as_str() && l["source"] == "市公安局副局长牟爱民"),
        "a label points into 牟爱民's file: {finding}"
    );
    assert!(labels.iter().all(|l| l["file"] != finding["file"]), "{finding}");
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn a_mismatch_with_the_lead_spans_the_lead_and_the_speakers_files() {
    let Some(path) = common::shared(SEED) else { return };
    // The lead's 化解各类矛盾纠纷7300余起 becomes 7500余起; 牟爱民 and 张辉 still say 7300余起.
    let text = mutate(&common::read(&path), "矛盾纠纷7300余起", "矛盾纠纷7500余起", 0);
    let (whole, split, files) = whole_and_split("7500", &text);
    let found = rule_and_message(&split);
    assert_eq!(found, rule_and_message(&whole));
    assert!(!found.is_empty());
    let mut pointed_at = BTreeSet::new();
    for f in split["findings"].as_array().unwrap() {
        assert_eq!(f["rule"], "figure-mismatch", "{f}");
        pointed_at.insert(f["file"].as_str().unwrap().to_string());
        for l in f["labels"].as_array().unwrap() {
            pointed_at.insert(l["file"].as_str().unwrap().to_string());
        }
    }
    for file in [&files[0], &files[1], &files[2]] {
        assert!(pointed_at.contains(file.as_str()), "{file} is not pointed at: {split}");
    }
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn a_rate_within_one_file_is_found_alike() {
    let Some(path) = common::shared(SEED) else { return };
    let text = mutate(&common::read(&path), "化解率达到97.6%", "化解率达到92.6%", 0);
    let (whole, split, files) = whole_and_split("rate", &text);
    let found = rule_and_message(&split);
    assert_eq!(found, rule_and_message(&whole));
    assert_eq!(found.len(), 1, "{found:?}");
    let finding = &split["findings"][0];
    assert_eq!(finding["rule"], "rate-mismatch");
    assert_eq!(finding["file"], files[2].as_str(), "张辉's part: {finding}");
}
