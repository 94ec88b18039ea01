//! A user's first hour (issue 12): each command a new user ran, with the
//! output it gives now. Paths, folders, messages, the report's output file,
//! and the errors of I/O and of a busy port.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn crosscheck() -> Command {
    Command::cargo_bin("crosscheck").unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-first-hour-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs in the project root: (stdout, stderr, exit code).
fn run(args: &[&str]) -> (String, String, Option<i32>) {
    let out = crosscheck().args(args).current_dir(common::root()).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
}

/// The lines of a miette report unwrapped: its frame characters dropped and
/// its wrapped lines joined, so a message can be matched whole.
fn unwrapped(stderr: &str) -> String {
    stderr
        .lines()
        .map(|l| l.trim_start_matches([' ', '│', '×', '╰', '─', '▶']).trim_end())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_missing_path_is_one_error_and_the_other_paths_are_still_checked() {
    let (stdout, stderr, code) =
        run(&["check", "nope.txt", "fixtures/zh/release/figure-mismatch.txt", "--format", "concise"]);
    assert_eq!(
        stdout,
        "fixtures/zh/release/figure-mismatch.txt:7:16: error[figure-mismatch] 市公安局副局长周建国 says 1892起 for 破获刑事案件, but 导语 says 1829起\n"
    );
    assert_eq!(code, Some(2));
    assert_eq!(stderr.matches("nope.txt").count(), 1, "one error: {stderr}");
    assert!(stderr.contains("× cannot read nope.txt: no such file or folder"), "{stderr}");
    // Both missing: two errors, nothing checked, still exit 2.
    let (stdout, stderr, code) = run(&["figures", "nope.txt", "gone/", "--format", "csv"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("cannot read nope.txt") && stderr.contains("cannot read gone/"), "{stderr}");
    assert!(stdout.lines().count() <= 1, "no figure: {stdout}");
}

#[test]
fn a_folder_is_read_for_its_documents_and_a_named_file_whatever_its_extension() {
    let dir = tempdir("folder");
    let figure = "全市共破获刑事案件1829起。\n";
    for name in ["a.txt", "b.md", "c.markdown", "d.html", "e.HTM"] {
        std::fs::write(dir.join(name), figure).unwrap();
    }
    std::fs::write(dir.join("f.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("g.py"), "cases = 1892  # 1892起\n").unwrap();
    std::fs::write(dir.join("h.json"), "{\"破获刑事案件\": \"1892起\"}\n").unwrap();
    std::fs::write(dir.join("i.csv"), "全市共破获刑事案件1892起。\n").unwrap();
    std::fs::write(dir.join("a.txt.expected"), "全市共破获刑事案件1892起。\n").unwrap();
    let out = crosscheck().args(["check", "--format", "json"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 5, "the five documents, no picture, code, data or .expected");
    // Named on the command line, a file is read whatever its extension.
    let out = crosscheck().args(["check", "--format", "concise"]).arg(&dir).arg(dir.join("i.csv")).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the .csv's 1892起 disagrees");
    // The config's files.include says which files are read instead.
    std::fs::write(dir.join("crosscheck.yaml"), "version: 1\nfiles:\n  include: [\"**/*.csv\"]\n").unwrap();
    let out = crosscheck().args(["check", "--format", "json", "."]).current_dir(&dir).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{json}");
    // The fixtures' own folder: the .expected files and make.py are not read.
    let (stdout, _, code) = run(&["figures", "fixtures/zh/formats", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let mut files: Vec<&str> =
        json["figures"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    files.dedup();
    assert!(files.iter().all(|f| !f.ends_with(".expected") && !f.ends_with(".py")), "{files:?}");
    assert_eq!(files.len(), 6, "{files:?}");
}

#[test]
fn messages_name_the_lead_by_its_role_and_state_sums_in_the_unit_written() {
    let (stdout, _, code) = run(&[
        "check",
        "--config",
        "fixtures/zh/communique/crosscheck.yaml",
        "fixtures/zh/communique/sum-broken.txt",
        "--format",
        "concise",
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "fixtures/zh/communique/sum-broken.txt:2:28: error[gdp-by-industry] 三次产业增加值之和与地区生产总值不符 (the parts add up to 1001.1亿元 (1000.9–1001.3亿元), not 1000.0亿元)\n"
    );
    // Two files, each with a lead: each lead is named with its file.
    let dir = tempdir("leads");
    let release = "全市共破获刑事案件1829起。\n总体情况——市公安局副局长李明\n全市共破获刑事案件1829起。\n";
    std::fs::write(dir.join("a.txt"), release).unwrap();
    std::fs::write(dir.join("b.txt"), release.replacen("1829起", "1892起", 1)).unwrap();
    let out = crosscheck().args(["check", "--format", "concise", "a.txt", "b.txt"]).current_dir(&dir).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "b.txt:1:10: error[figure-mismatch] 导语 (b.txt) says 1892起 for 破获刑事案件, but 导语 (a.txt) says 1829起\n"
    );
}

#[test]
fn io_errors_name_their_path() {
    let (_, stderr, code) = run(&["report", "fixtures/zh/release/clean.txt", "-o", "/nonexistent/dir/r.html"]);
    assert_eq!(code, Some(2));
    assert!(unwrapped(&stderr).contains("cannot write /nonexistent/dir/r.html: No such file or directory"), "{stderr}");
    let (_, stderr, code) = run(&["check", "--baseline", "/nonexistent/b.json", "fixtures/zh/release/clean.txt"]);
    assert_eq!(code, Some(2));
    assert!(unwrapped(&stderr).contains("cannot read baseline /nonexistent/b.json: No such file"), "{stderr}");
    let (_, stderr, code) = run(&["check", "--config", "/nonexistent/c.yaml", "fixtures/zh/release/clean.txt"]);
    assert_eq!(code, Some(2));
    assert!(unwrapped(&stderr).contains("cannot read rule file /nonexistent/c.yaml: No such file"), "{stderr}");
}

#[test]
fn a_busy_port_is_named_with_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out =
        crosscheck().args(["serve", "--port", &port]).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = unwrapped(&String::from_utf8(out.stderr).unwrap());
    assert!(stderr.contains(&format!("cannot serve on 127.0.0.1:{port}: the port is in use")), "{stderr}");
    assert!(stderr.contains("--port 0 for any free one"), "{stderr}");
}

#[test]
fn report_without_output_writes_a_file_on_a_terminal_and_html_to_a_pipe() {
    // Piped: the page on standard output.
    let (stdout, _, code) = run(&["report", "fixtures/zh/release/clean.txt"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("<!DOCTYPE html>"), "{}", &stdout[..stdout.len().min(80)]);
    // On a terminal (`script` gives it one): a file in the current folder.
    let dir = tempdir("report");
    std::fs::copy(common::fixture("zh/release/clean.txt"), dir.join("crosscheck-report.html")).unwrap();
    std::fs::copy(common::fixture("zh/release/clean.txt"), dir.join("clean.txt")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("crosscheck");
    let on_terminal = |args: &str| {
        std::process::Command::new("script")
            .args(["-qec", &format!("{} report {args}", binary.display()), "/dev/null"])
            .current_dir(&dir)
            .output()
            .expect("`script` (util-linux) gives the command a terminal")
    };
    let out = on_terminal("clean.txt");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        "wrote crosscheck-report.html (open it in a browser; -o names another file)"
    );
    assert!(common::read(&dir.join("crosscheck-report.html")).starts_with("<!DOCTYPE html>"));
    // An input of that name is never overwritten: the next free name is taken.
    let input = common::read(&dir.join("clean.txt"));
    std::fs::write(dir.join("crosscheck-report.html"), &input).unwrap();
    let out = on_terminal("crosscheck-report.html");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        "wrote crosscheck-report-2.html (open it in a browser; -o names another file)"
    );
    assert_eq!(common::read(&dir.join("crosscheck-report.html")), input);
    assert!(common::read(&dir.join("crosscheck-report-2.html")).starts_with("<!DOCTYPE html>"));
}

/// `crosscheck rules --config FILE` in a folder holding FILE: (stderr, code).
fn rules_with(name: &str, config: &str) -> (String, Option<i32>) {
    let dir = tempdir(name);
    std::fs::write(dir.join("crosscheck.yaml"), config).unwrap();
    let out = crosscheck().args(["rules", "--config", "crosscheck.yaml"]).current_dir(&dir).output().unwrap();
    (String::from_utf8(out.stderr).unwrap(), out.status.code())
}

#[test]
fn config_errors_name_the_file_point_once_and_say_what_is_expected() {
    let (stderr, code) = rules_with(
        "parts",
        "version: 1\nmetrics:\n  - {id: gdp, label: x}\n  - {id: primary, label: y}\nrules:\n  - {id: r, kind: sum, total: gdp, parts: primary}\n",
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "crosscheck::rules::invalid

  × crosscheck.yaml: `parts` should be a list (`[a, b]`, or one `- item` per
  │ line)
   ╭─[crosscheck.yaml:6:43]
 5 │ rules:
 6 │   - {id: r, kind: sum, total: gdp, parts: primary}
   ·                                           ───┬───
   ·                                              ╰── expected a list (`[a, b]`, or one `- item` per line)
   ╰────
  help: for example `parts: [primary, secondary, tertiary]`

"
    );
    let (stderr, _) = rules_with("severity", "version: 1\nseverities:\n  similar-mismatch: loud\n");
    assert_eq!(
        stderr,
        "crosscheck::rules::invalid

  × crosscheck.yaml: `loud` is not a severity
   ╭─[crosscheck.yaml:3:21]
 2 │ severities:
 3 │   similar-mismatch: loud
   ·                     ──┬─
   ·                       ╰── not a severity
   ╰────
  help: write one of error, warning, info, off; for example `similar-mismatch:
        off`

"
    );
    // A key typo: said once, with the file, the spot and the key meant.
    let (stderr, _) = rules_with("key", "version: 1\nmetircs: []\n");
    assert_eq!(stderr.matches("metircs").count(), 2, "the message and the source line: {stderr}");
    assert!(stderr.contains("× crosscheck.yaml: unknown key `metircs`"), "{stderr}");
    assert!(stderr.contains("─[crosscheck.yaml:2:1]") && !stderr.contains("<input>"), "{stderr}");
    assert!(stderr.contains("help: did you mean `metrics`?"), "{stderr}");
    // Broken YAML points into the file too.
    let (stderr, _) = rules_with("yaml", "version: 1\nmetrics: [\n");
    assert!(stderr.contains("× crosscheck.yaml: not valid YAML: unclosed bracket '['"), "{stderr}");
    assert!(stderr.contains("─[crosscheck.yaml:2:10]"), "{stderr}");
}

#[test]
fn unknown_rule_ids_are_errors_with_did_you_mean() {
    let (stderr, code) =
        rules_with("disable", "version: 1\ndisable:\n  - {files: \"drafts/**\", rules: [figure-mismach]}\n");
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "crosscheck::rules::invalid

  × `disable` names rule `figure-mismach`, which does not exist
   ╭─[crosscheck.yaml:3:34]
 2 │ disable:
 3 │   - {files: \"drafts/**\", rules: [figure-mismach]}
   ·                                  ───────┬──────
   ·                                         ╰── no such rule
   ╰────
  help: did you mean `figure-mismatch`? `crosscheck rules` lists the rules

"
    );
    let (stderr, code) = rules_with("severities", "version: 1\nseverities:\n  similar-mismach: off\n");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`severities` names rule `similar-mismach`"), "{stderr}");
    assert!(stderr.contains("did you mean `similar-mismatch`?"), "{stderr}");
    let (_, stderr, code) = run(&["explain", "figure-mismach"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "crosscheck::unknown_rule

  × no rule named `figure-mismach`
  help: did you mean `figure-mismatch`? `crosscheck rules` lists them

"
    );
    // Rightly spelt, the rule is off for those files.
    let (stderr, code) =
        rules_with("right", "version: 1\ndisable:\n  - {files: \"drafts/**\", rules: [figure-mismatch]}\n");
    assert_eq!((stderr.as_str(), code), ("", Some(0)));
}

#[test]
fn precision_differs_reports_both_spans_and_is_documented() {
    let (stdout, _, code) = run(&["check", "fixtures/zh/release/precision-differs.txt", "--format", "concise"]);
    assert_eq!(code, Some(0), "an info does not fail the run");
    assert_eq!(
        stdout,
        "fixtures/zh/release/precision-differs.txt:3:68: info[precision-differs] 导语 writes 38.9万件 for 查处交通违法行为, 市公安局副局长周建国 38.91万件: consistent by rounding, but one measure written with two precisions\n"
    );
    let (stdout, _, _) = run(&["check", "fixtures/zh/release/precision-differs.txt", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let finding = &json["findings"][0];
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(3), Some(68)));
    assert_eq!(finding["labels"][0]["message"], "38.91万件 here", "the finer figure's span: {finding}");
    let (stdout, _, code) = run(&["explain", "precision-differs"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("# precision-differs (info, built in)\n\none measure is written with two precisions"));
    let (stdout, _, _) = run(&["rules"]);
    assert!(stdout.contains("precision-differs        built-in info     built in: one measure"), "{stdout}");
    let readme = common::read(&common::root().join("README.md"));
    assert!(readme.contains("| `precision-differs` | info |"));
}

#[test]
fn sarif_uris_are_relative_inside_the_folder_and_file_uris_outside() {
    let dir = tempdir("sarif");
    std::fs::create_dir_all(dir.join("发布")).unwrap();
    std::fs::copy(common::fixture("zh/release/figure-mismatch.txt"), dir.join("发布/稿件 1.txt")).unwrap();
    let uri_of = |cwd: &std::path::Path, path: &str| {
        let out = crosscheck().args(["check", "--format", "sarif", path]).current_dir(cwd).output().unwrap();
        let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].clone()
    };
    let relative =
        serde_json::json!({"uri": "%E5%8F%91%E5%B8%83/%E7%A8%BF%E4%BB%B6%201.txt", "uriBaseId": "%SRCROOT%"});
    assert_eq!(uri_of(&dir, "发布/稿件 1.txt"), relative);
    assert_eq!(uri_of(&dir, dir.join("发布/稿件 1.txt").to_str().unwrap()), relative);
    let absolute = uri_of(&common::root(), dir.join("发布/稿件 1.txt").to_str().unwrap());
    let file_uri = format!("file://{}/%E5%8F%91%E5%B8%83/%E7%A8%BF%E4%BB%B6%201.txt", dir.display());
    assert_eq!(absolute, serde_json::json!({ "uri": file_uri }), "no uriBaseId, no leading-slash reference");
    std::fs::create_dir_all(dir.join("other")).unwrap();
    let up = uri_of(&dir.join("other"), "../发布/./稿件 1.txt");
    assert_eq!(up, serde_json::json!({ "uri": file_uri }), "outside the base: a file URI");
}
