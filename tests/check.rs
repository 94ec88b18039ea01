//! `crosscheck check` over the fixtures of `fixtures/zh/release` and
//! `fixtures/en/briefing`, run as a user runs it: each fixture's findings
//! (rule, line, column) must be exactly those its `.expected` file lists, and
//! the exit code must follow (1 when an error is expected, else 0).
//!
//! An `.expected` file lists `rule line:column`, one per line; `#` starts a
//! comment. Gaps (a fault crosscheck misses) are comments, `# missed: …`, so
//! the fixture expects nothing today; a known false alarm is listed with a
//! `# false alarm` comment. When crosscheck learns to catch a gap or stops a
//! false alarm, this test fails and the `.expected` file is updated.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// Every folder of fixtures: the releases, the relation and the linking fixtures.
const FIXTURE_DIRS: &[&str] = &[
    "fixtures/zh/release",
    "fixtures/en/briefing",
    "fixtures/zh/relations",
    "fixtures/en/relations",
    "fixtures/en/linking",
];

fn crosscheck() -> Command {
    Command::cargo_bin("crosscheck").unwrap()
}

/// Runs `crosscheck check ARGS…` in the project root: (exit code, stdout).
fn run(args: &[&str]) -> (i32, String) {
    let out = crosscheck().arg("check").args(args).current_dir(common::root()).output().unwrap();
    let code = out.status.code().expect("crosscheck was killed by a signal");
    assert!(code != 2, "{args:?} is an input error: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8(out.stdout).unwrap())
}

/// The fixtures (paths relative to the root), sorted.
fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in FIXTURE_DIRS {
        for entry in std::fs::read_dir(common::root().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".txt") || name.ends_with(".md") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

type Key = (String, u64, u64);

/// The findings an `.expected` file lists.
fn expected(fixture: &str) -> BTreeSet<Key> {
    let stem = fixture.rsplit_once('.').unwrap().0;
    let path = common::root().join(format!("{stem}.expected"));
    let text = common::read(&path);
    assert!(text.starts_with('#'), "{}: say what the fixture demonstrates in a # comment", path.display());
    text.lines()
        .map(|line| line.split('#').next().unwrap().trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (rule, at) = line.split_once(' ').unwrap_or_else(|| panic!("{}: bad line {line:?}", path.display()));
            let (l, c) = at.trim().split_once(':').unwrap();
            (rule.to_string(), l.parse().unwrap(), c.parse().unwrap())
        })
        .collect()
}

fn findings(json: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(json).unwrap();
    assert_eq!(json["version"], 1);
    json["findings"].as_array().unwrap().clone()
}

fn keys(findings: &[Value]) -> BTreeSet<Key> {
    findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect()
}

#[test]
fn every_fixture_has_exactly_its_expected_findings() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 16, "{fixtures:?}");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let (code, out) = run(&[fixture, "--format", "json"]);
        let found = findings(&out);
        let want = expected(fixture);
        if keys(&found) != want {
            failures.push(format!("{fixture}: found {:?}, expected {want:?}", keys(&found)));
        }
        let any_error = found.iter().any(|f| f["severity"] == "error");
        if code != i32::from(any_error) {
            failures.push(format!("{fixture}: exit {code} with errors = {any_error}"));
        }
        // Findings carry the fixture's path as given, whatever their severity.
        for f in &found {
            assert_eq!(f["file"], fixture.as_str(), "{fixture}: {f}");
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn clean_fixtures_have_no_finding_and_exit_0() {
    for fixture in fixtures().iter().filter(|f| Path::new(f).file_stem().unwrap() == "clean") {
        let (code, out) = run(&[fixture, "--format", "json"]);
        assert_eq!(findings(&out), Vec::<Value>::new(), "{fixture}");
        assert_eq!(code, 0, "{fixture}");
    }
}

#[test]
fn each_check_is_demonstrated_in_each_language_or_named_as_a_gap() {
    // The registry, not a copy: a new built-in check needs its fixtures, in
    // each language (its release, or its relation fixtures).
    for language in ["zh", "en"] {
        let dirs: Vec<&str> =
            FIXTURE_DIRS.iter().copied().filter(|d| d.starts_with(&format!("fixtures/{language}/"))).collect();
        for check in crosscheck::check::BUILTIN.iter().map(|c| c.id) {
            let in_language = |f: &&String| dirs.iter().any(|d| f.starts_with(d));
            let caught = fixtures().iter().filter(in_language).any(|f| expected(f).iter().any(|k| k.0 == check));
            let gap = fixtures().iter().filter(in_language).any(|f| {
                let stem = f.rsplit_once('.').unwrap().0;
                common::read(&common::root().join(format!("{stem}.expected"))).contains(&format!("# missed: {check} "))
            });
            assert!(caught || gap, "{language}: no fixture demonstrates {check}");
        }
    }
}

#[test]
fn faulty_fixtures_pass_with_fail_on_never() {
    for fixture in ["fixtures/zh/release/figure-mismatch.txt", "fixtures/en/briefing/change-mismatch.md"] {
        let (code, out) = run(&[fixture, "--fail-on", "never", "--format", "json"]);
        assert_eq!(code, 0, "{fixture}");
        assert_eq!(findings(&out).len(), 1, "{fixture}: the findings are still reported");
    }
}

#[test]
fn fail_on_warning_fails_on_errors_and_passes_clean_fixtures() {
    for (fixture, want) in [
        ("fixtures/zh/release/rate-mismatch.txt", 1),
        ("fixtures/en/briefing/rate-mismatch.md", 1),
        ("fixtures/zh/release/clean.txt", 0),
        ("fixtures/en/briefing/clean.md", 0),
    ] {
        for fail_on in ["warning", "info"] {
            let (code, _) = run(&[fixture, "--fail-on", fail_on]);
            assert_eq!(code, want, "{fixture} --fail-on {fail_on}");
        }
    }
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    for format in ["json", "human", "concise"] {
        let args = ["fixtures/zh/release", "fixtures/en/briefing", "--format", format, "--fail-on", "never"];
        assert_eq!(run(&args), run(&args), "--format {format}");
    }
}

#[test]
fn check_human_chinese_clean() {
    insta::assert_snapshot!(run(&["fixtures/zh/release/clean.txt"]).1);
}

#[test]
fn check_human_chinese_figure_mismatch() {
    insta::assert_snapshot!(run(&["fixtures/zh/release/figure-mismatch.txt"]).1);
}

#[test]
fn check_human_english_change_mismatch() {
    insta::assert_snapshot!(run(&["fixtures/en/briefing/change-mismatch.md"]).1);
}

#[test]
fn check_json_chinese_clean() {
    insta::assert_snapshot!(run(&["fixtures/zh/release/clean.txt", "--format", "json"]).1);
}

#[test]
fn check_json_chinese_figure_mismatch() {
    insta::assert_snapshot!(run(&["fixtures/zh/release/figure-mismatch.txt", "--format", "json"]).1);
}

#[test]
fn check_json_english_change_mismatch() {
    insta::assert_snapshot!(run(&["fixtures/en/briefing/change-mismatch.md", "--format", "json"]).1);
}
