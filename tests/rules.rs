//! User rules (YAML): a communiqué whose rules name its measures, a rule over
//! the seed, every class of mistake in a rule file (located errors, snapshot
//! tested), and the `rules` and `explain` commands.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn crosscheck() -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").unwrap();
    cmd.env("NO_COLOR", "1").current_dir(common::root());
    cmd
}

/// (rule, message) of every finding of `check --format json`, and the exit code.
fn findings(args: &[&str]) -> (Vec<(String, String)>, i32) {
    let out = crosscheck().arg("check").args(args).args(["--format", "json"]).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    let list = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["message"].as_str().unwrap().to_string()))
        .collect();
    (list, out.status.code().unwrap())
}

const COMMUNIQUE_RULES: &str = "fixtures/zh/communique/crosscheck.yaml";

#[test]
fn the_clean_communique_passes_its_rules() {
    let (found, code) = findings(&["--config", COMMUNIQUE_RULES, "fixtures/zh/communique/clean.txt"]);
    assert_eq!((found.len(), code), (0, 0), "{found:?}");
}

#[test]
fn each_broken_communique_fails_with_the_rule_id_and_message() {
    for (file, rule, message) in [
        ("sum-broken.txt", "gdp-by-industry", "三次产业增加值之和与地区生产总值不符"),
        ("ratio-broken.txt", "tertiary-share", "第三产业比重与增加值不符"),
        ("change-broken.txt", "gdp-growth", "增速与增加额不符"),
    ] {
        let path = format!("fixtures/zh/communique/{file}");
        let (found, code) = findings(&["--config", COMMUNIQUE_RULES, &path]);
        assert_eq!(code, 1, "{file}");
        assert!(found.iter().any(|(r, m)| r == rule && m.starts_with(message)), "{file}: {found:?}");
    }
}

#[test]
fn the_config_is_found_from_the_current_folder() {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(common::fixture("zh/communique"))
        .args(["check", "--format", "concise", "sum-broken.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[gdp-by-industry]"));
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn a_sum_rule_over_the_seeds_response_circles() {
    let Some(seed) = common::shared("seeds/000_031c26d2ead0ae95.txt") else { return };
    let text = common::read(&seed);
    let dir = std::env::temp_dir().join(format!("crosscheck-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The seed names 7, 40 and 71 circles; the test adds their total.
    let anchor = "71个“5分钟”处置圈,";
    assert!(text.contains(anchor));
    let rules = common::fixture("rules/seed-circles.yaml");
    for (total, expect_finding) in [(118, false), (128, true)] {
        let copy = text.replacen(anchor, &format!("{anchor}全市共建成处置圈{total}个,"), 1);
        let path = dir.join(format!("seed-{total}.txt"));
        std::fs::write(&path, copy).unwrap();
        let (found, _) = findings(&["--rules", rules.to_str().unwrap(), path.to_str().unwrap()]);
        let caught =
            found.iter().any(|(r, m)| r == "response-circles" && m.starts_with("1、3、5分钟处置圈之和与总数不符"));
        assert_eq!(caught, expect_finding, "total {total}: {found:?}");
    }
}

/// The error `check` prints for a bad rule file, and its exit code.
fn rule_file_error(file: &str) -> String {
    let out = crosscheck()
        .args(["check", "--rules", &format!("fixtures/rules/bad/{file}"), "fixtures/zh/release/clean.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{file}");
    assert!(out.stdout.is_empty(), "{file}: no report is written");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn every_mistake_in_a_rule_file_is_a_located_error() {
    for (file, says) in [
        ("unknown-key.yaml", "did you mean `label`?"),
        ("wrong-type.yaml", "`parts` should be a list"),
        ("bad-regex.yaml", "not a valid regex"),
        ("unknown-metric.yaml", "names metric `secondry`, which is not defined"),
        ("cycle-a.yaml", "a cycle in extends"),
        ("missing-field.yaml", "needs `min` or `max`"),
        ("bad-kind.yaml", "`average` is not a rule kind"),
        ("bad-version.yaml", "version 2 is not known"),
        ("bomb.yaml", "bomb.yaml: not valid YAML"),
    ] {
        let error = rule_file_error(file);
        assert!(error.contains(says), "{file}: {error}");
        // Located: a line and column of the YAML are shown.
        assert!(error.contains("─["), "{file} has no location: {error}");
        insta::assert_snapshot!(file.replace(".yaml", ""), error);
    }
}

#[test]
fn a_huge_rule_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("crosscheck-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.yaml");
    let mut text = String::from("version: 1\nignore:\n");
    while text.len() <= crosscheck::config::MAX_RULE_FILE_BYTES {
        text.push_str("  - \"abcdefghijklmnopqrstuvwxyz\"\n");
    }
    std::fs::write(&path, text).unwrap();
    let out = crosscheck()
        .args(["check", "--rules", path.to_str().unwrap(), "fixtures/zh/release/clean.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("crosscheck::rules::too_large"));
}

#[test]
fn rules_lists_built_in_and_user_rules() {
    let out = crosscheck().args(["rules", "--config", COMMUNIQUE_RULES]).output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn explain_prints_a_rules_documentation() {
    let out = crosscheck().args(["explain", "rate-mismatch"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for section in ["## What it checks", "## Why", "## Example", "Fails", "Passes"] {
        assert!(text.contains(section), "{text}");
    }
    let out = crosscheck().args(["explain", "gdp-by-industry", "--config", COMMUNIQUE_RULES]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("must add up to the total `gdp`"), "{text}");
    let out = crosscheck().args(["explain", "no-such-rule"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_comment_suppresses_the_next_line_and_an_unused_one_is_reported() {
    let (found, code) = findings(&["fixtures/zh/suppress/suppressed.md"]);
    assert_eq!((found.len(), code), (0, 0), "{found:?}");
    let (found, code) = findings(&["fixtures/zh/suppress/wrong-rule.md"]);
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["unused-suppression", "figure-mismatch"]);
    assert_eq!(code, 1);
}

/// A config written to a temp dir, with the fixture it checks.
fn with_config(config: &str, args: &[&str]) -> (Vec<(String, String)>, i32) {
    let dir = std::env::temp_dir().join(format!("crosscheck-config-{}-{}", std::process::id(), config.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crosscheck.yaml");
    std::fs::write(&path, config).unwrap();
    let mut all = vec!["--config", path.to_str().unwrap()];
    all.extend_from_slice(args);
    findings(&all)
}

#[test]
fn severities_and_per_file_disables_come_from_the_config() {
    let faulty = "fixtures/zh/release/figure-mismatch.txt";
    let (found, code) = with_config("version: 1\nseverities:\n  figure-mismatch: warning\n", &[faulty]);
    assert_eq!(code, 0, "a warning does not fail the run: {found:?}");
    assert_eq!(found.len(), 1);
    let (found, code) = with_config("version: 1\nseverities:\n  figure-mismatch: off\n", &[faulty]);
    assert_eq!((found.len(), code), (0, 0));
    let config = "version: 1\ndisable:\n  - files: \"fixtures/zh/release/*.txt\"\n    rules: [figure-mismatch]\n";
    let (found, _) = with_config(config, &[faulty]);
    assert!(found.is_empty(), "{found:?}");
    let (found, _) = with_config(config, &["fixtures/zh/suppress/wrong-rule.md"]);
    assert!(found.iter().any(|(r, _)| r == "figure-mismatch"), "other files keep the rule: {found:?}");
    let out = crosscheck()
        .args(["check", faulty, "--rules"])
        .arg(std::env::temp_dir().join("crosscheck-bad-severity.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a missing rules file is an error");
}

#[test]
fn an_unknown_rule_in_severities_is_an_error_with_a_suggestion() {
    let dir = std::env::temp_dir().join(format!("crosscheck-sev-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crosscheck.yaml");
    std::fs::write(&path, "version: 1\nseverities:\n  figure-mismatc: off\n").unwrap();
    let out = crosscheck()
        .args(["check", "--config", path.to_str().unwrap(), "fixtures/zh/release/clean.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `figure-mismatch`?"));
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let committed = common::read(&common::root().join("schema/crosscheck.schema.json"));
    assert_eq!(
        committed,
        crosscheck::config::schema(),
        "schema/crosscheck.schema.json is stale: run `cargo run -- init --schema > schema/crosscheck.schema.json`"
    );
}

#[test]
fn init_writes_a_starter_that_loads_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("crosscheck-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| Command::cargo_bin("crosscheck").unwrap().current_dir(&dir).args(args).output().unwrap();
    assert!(run(&["init"]).status.success());
    let starter = std::fs::read_to_string(dir.join("crosscheck.yaml")).unwrap();
    assert!(starter.contains("$schema=./crosscheck.schema.json"));
    assert!(dir.join("crosscheck.schema.json").exists());
    // The starter is a valid config: found from the folder, its rules listed.
    let rules = String::from_utf8(run(&["rules"]).stdout).unwrap();
    assert!(rules.contains("gdp-by-industry"), "{rules}");
    let again = run(&["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.join("crosscheck.yaml")).unwrap(), starter, "never overwritten");
}
