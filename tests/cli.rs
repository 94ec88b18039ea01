//! The `crosscheck` binary run as a user runs it: formats, contracts, exit
//! codes and determinism, over the project's own fixtures.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn crosscheck() -> Command {
    Command::cargo_bin("crosscheck").unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let out = crosscheck().args(args).current_dir(common::root()).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn figures_json_follows_the_contract() {
    let out = stdout_of(&["figures", "fixtures/zh/press-conference-clean.txt", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    let figures = json["figures"].as_array().unwrap();
    assert!(figures.len() > 30, "{}", figures.len());
    let fields = [
        "file",
        "source",
        "line",
        "column",
        "start",
        "end",
        "text",
        "value",
        "low",
        "high",
        "low_open",
        "high_open",
        "qualifier",
        "unit",
        "label",
        "key",
    ];
    for figure in figures {
        let keys: Vec<&str> = figure.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), fields.len(), "{figure}");
        for field in fields {
            assert!(keys.contains(&field), "{field} missing from {figure}");
        }
    }
    let resolved = figures.iter().find(|f| f["text"] == "7300余起").unwrap();
    assert_eq!(resolved["low"], "7300");
    assert_eq!(resolved["high"], "7400");
    assert_eq!(resolved["low_open"], true);
    assert_eq!(resolved["qualifier"], "more-than");
    assert_eq!(resolved["unit"], "起");
    assert_eq!(resolved["label"], "化解矛盾纠纷");
    assert_eq!(resolved["key"], "化解矛盾纠纷|起");
    let money = figures.iter().find(|f| f["text"] == "4180.74万元").unwrap();
    assert_eq!((money["value"].as_str(), money["unit"].as_str()), (Some("41807400"), Some("元")));
}

#[test]
fn figures_offsets_point_at_the_text() {
    let path = common::fixture("zh/press-conference-clean.txt");
    let text = common::read(&path);
    let out = stdout_of(&["figures", "fixtures/zh/press-conference-clean.txt", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    for figure in json["figures"].as_array().unwrap() {
        let (start, end) = (figure["start"].as_u64().unwrap() as usize, figure["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], figure["text"].as_str().unwrap());
        let line = figure["line"].as_u64().unwrap() as usize;
        let column = figure["column"].as_u64().unwrap() as usize;
        let line_text = text.lines().nth(line - 1).unwrap();
        let from_column: String = line_text.chars().skip(column - 1).collect();
        assert!(from_column.starts_with(figure["text"].as_str().unwrap()), "{figure}");
    }
}

#[test]
fn every_figure_format_lists_the_same_figures() {
    let path = "fixtures/en/press-briefing-clean.md";
    let json: Value = serde_json::from_str(&stdout_of(&["figures", path, "--format", "json"])).unwrap();
    let count = json["figures"].as_array().unwrap().len();
    let jsonl = stdout_of(&["figures", path, "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), count);
    for line in jsonl.lines() {
        let _: Value = serde_json::from_str(line).unwrap();
    }
    let csv = stdout_of(&["figures", path, "--format", "csv"]);
    assert!(csv.starts_with("file,source,line,column,start,end,text,value,low,high"), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), count);
    let markdown = stdout_of(&["figures", path, "--format", "markdown"]);
    assert_eq!(markdown.lines().count(), count + 2);
    let table = stdout_of(&["figures", path]);
    assert!(table.ends_with(&format!("{count} figures in 1 file\n")), "{table}");
}

#[test]
fn figures_of_the_english_fixture() {
    insta::assert_snapshot!(stdout_of(&["figures", "fixtures/en/press-briefing-clean.md"]));
}

#[test]
fn figures_of_the_chinese_fixture() {
    insta::assert_snapshot!(stdout_of(&["figures", "fixtures/zh/press-conference-clean.txt"]));
}

#[test]
fn numbers_lists_dates_and_names_too() {
    let out = stdout_of(&["numbers", "fixtures/zh/press-conference-clean.txt", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    let numbers = json["numbers"].as_array().unwrap();
    let fields = ["file", "line", "column", "start", "end", "text", "value", "low", "high"];
    for n in numbers {
        assert_eq!(n.as_object().unwrap().len(), fields.len(), "{n}");
        for field in fields {
            assert!(n.get(field).is_some(), "{field} missing from {n}");
        }
    }
    // The date 9月12日 is a number expression, though not a figure.
    assert!(numbers.iter().any(|n| n["text"] == "12"), "{out}");
    let figures = stdout_of(&["figures", "fixtures/zh/press-conference-clean.txt", "--format", "json"]);
    assert!(!figures.contains("\"text\": \"12\""));
}

#[test]
fn stdin_is_read_under_its_given_name() {
    let out = crosscheck()
        .args(["figures", "-", "--stdin-filename", "draft.txt", "--format", "jsonl"])
        .write_stdin("全市共破获刑事案件1829起。")
        .output()
        .unwrap();
    assert!(out.status.success());
    let line: Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert_eq!(line["file"], "draft.txt");
    assert_eq!(line["value"], "1829");
    assert_eq!(line["label"], "破获刑事案件");
}

#[test]
fn a_missing_file_is_an_input_error() {
    let out = crosscheck().args(["figures", "no/such/file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
}

#[test]
fn a_bad_file_is_reported_and_the_good_ones_are_still_read() {
    let dir = tempdir("bad-file");
    std::fs::write(dir.join("a-good.txt"), "破获刑事案件1829起。").unwrap();
    std::fs::write(dir.join("b-bad.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    let before = std::fs::read(dir.join("b-bad.txt")).unwrap();
    let out = crosscheck().args(["figures", "--format", "jsonl"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1829"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("b-bad.txt"));
    assert_eq!(std::fs::read(dir.join("b-bad.txt")).unwrap(), before, "an input was written to");
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    let args = ["figures", "fixtures", "--format", "json"];
    assert_eq!(stdout_of(&args), stdout_of(&args));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let out = crosscheck().args(["figures", "fixtures", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A fresh folder of its own for each test (tests run in parallel).
fn tempdir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn alike_labels_with_close_values_earn_an_info_hint() {
    let text = "本市挂牌攻坚刑事案件155起。\n总体情况——市公安局副局长李明\n全市共挂牌刑事案件165起。\n";
    let run = |fail_on: &str| {
        crosscheck()
            .args(["check", "-", "--stdin-filename", "release.txt", "--format", "concise", "--fail-on", fail_on])
            .write_stdin(text)
            .output()
            .unwrap()
    };
    let out = run("error");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("info[similar-mismatch]"), "{stdout}");
    assert_eq!(run("info").status.code(), Some(1));
}

#[test]
fn gbk_and_utf16_copies_give_the_same_findings() {
    let source = common::fixture("zh/release/figure-mismatch.txt");
    let text = common::read(&source);
    let dir = tempdir("encodings");
    std::fs::create_dir_all(&dir).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.txt"), utf16).unwrap();
    let findings = |path: &std::path::Path| {
        let out = crosscheck().args(["check", "--format", "json"]).arg(path).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    let expected = findings(&source);
    assert!(!expected.is_empty());
    assert_eq!(findings(&dir.join("gbk.txt")), expected);
    assert_eq!(findings(&dir.join("utf16.txt")), expected);
}

#[test]
fn concise_github_and_markdown_formats() {
    let faulty = "fixtures/zh/release/figure-mismatch.txt";
    insta::assert_snapshot!("concise", stdout_of_failing(&["check", faulty, "--format", "concise"]));
    insta::assert_snapshot!("github", stdout_of_failing(&["check", faulty, "--format", "github"]));
    insta::assert_snapshot!("markdown", stdout_of_failing(&["check", faulty, "--format", "markdown"]));
}

#[test]
fn github_annotates_ten_of_each_kind_and_counts_the_rest() {
    let kinds = ["盗窃", "诈骗", "抢劫", "赌博", "涉毒", "涉黄", "伤害", "纵火", "走私", "侵占", "敲诈", "绑架"];
    let mut text = String::from("导语\n");
    for kind in kinds {
        text.push_str(&format!("全市共破获{kind}案件120起。\n"));
    }
    text.push_str("情况介绍——市公安局副局长李明\n");
    for kind in kinds {
        text.push_str(&format!("全市共破获{kind}案件150起。\n"));
    }
    let out = crosscheck()
        .args(["check", "-", "--stdin-filename", "release.txt", "--format", "github"])
        .write_stdin(text)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().filter(|l| l.starts_with("::error ")).count(), 10, "{stdout}");
    assert!(stdout.contains("2 more findings are not annotated"), "{stdout}");
}

fn stdout_of_failing(args: &[&str]) -> String {
    let out = crosscheck().args(args).current_dir(common::root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn folders_are_walked_as_git_sees_them() {
    let dir = tempdir("walk");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::write(dir.join("a.txt"), "全市共破获刑事案件1829起。").unwrap();
    std::fs::write(dir.join("drafts/b.txt"), "全市共破获刑事案件1892起。").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "全市共破获刑事案件1000起。").unwrap();
    let out = crosscheck().args(["figures", "--format", "jsonl"]).arg(&dir).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("1829"));
}

#[test]
fn an_html_page_gives_the_same_findings_as_its_text() {
    let source = common::fixture("zh/release/figure-mismatch.txt");
    let text = common::read(&source);
    let body: String = text.lines().filter(|l| !l.is_empty()).map(|l| format!("<p>{l}</p>\n")).collect();
    let html = format!(
        "<!DOCTYPE html>\n<html><head><style>body{{max-width:800px}}</style></head>\n<body>\n{body}<script>var total = 1892;</script>\n</body></html>\n"
    );
    let dir = tempdir("html");
    std::fs::write(dir.join("release.html"), &html).unwrap();
    let run = |path: &std::path::Path| {
        let out = crosscheck().args(["check", "--format", "json"]).arg(path).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"].as_array().unwrap().clone()
    };
    let from_text = run(&source);
    let from_html = run(&dir.join("release.html"));
    assert_eq!(from_html.len(), from_text.len());
    for (h, t) in from_html.iter().zip(&from_text) {
        assert_eq!(h["rule"], t["rule"]);
        let (start, end) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
        assert_eq!(
            &html[start..end],
            &text[t["start"].as_u64().unwrap() as usize..t["end"].as_u64().unwrap() as usize]
        );
        assert_eq!(h["labels"].as_array().unwrap().len(), t["labels"].as_array().unwrap().len());
    }
}

#[test]
fn a_baseline_round_trips() {
    let dir = tempdir("baseline");
    let text = common::read(&common::fixture("zh/release/figure-mismatch.txt"));
    let release = dir.join("release.txt");
    std::fs::write(&release, &text).unwrap();
    let baseline = dir.join("baseline.json");
    let check = |extra: &[&str]| {
        let out = crosscheck().args(["check", "--format", "concise"]).args(extra).arg(&release).output().unwrap();
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
    };
    let (found, _, code) = check(&["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!((found.lines().count(), code), (1, Some(1)));
    let with_baseline = ["--baseline", baseline.to_str().unwrap()];
    // An edit elsewhere in the file moves the finding; the baseline still knows it.
    std::fs::write(&release, format!("（本稿为内部校对稿）\n\n{text}")).unwrap();
    let (found, _, code) = check(&with_baseline);
    assert_eq!((found.as_str(), code), ("", Some(0)));
    // A new mismatch is reported, and only it.
    let broken = text.replacen("共化解各类矛盾纠纷7300余起", "共化解各类矛盾纠纷7500余起", 1);
    assert_ne!(broken, text);
    std::fs::write(&release, broken).unwrap();
    let (found, _, code) = check(&with_baseline);
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("7500余起"), "{found}");
    assert_eq!(code, Some(1));
    // Fixing the accepted mismatch leaves its entry stale.
    std::fs::write(&release, text.replace("1892起", "1829起")).unwrap();
    let (found, stderr, _) = check(&with_baseline);
    assert_eq!(found, "");
    assert!(stderr.contains("baseline: 1 stale entry (no finding matches"), "{stderr}");
}

#[test]
fn sarif_output() {
    let out = crosscheck()
        .args(["check", "fixtures/zh/release/figure-mismatch.txt", "--format", "sarif"])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["columnKind"], "utf16CodeUnits");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "figure-mismatch");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"], "1892起");
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn a_folder_of_good_and_bad_files() {
    let dir = tempdir("bad-folder");
    let good = "全市共破获刑事案件1829起。\n";
    std::fs::write(dir.join("a-good.txt"), good).unwrap();
    std::fs::write(dir.join("b-binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    std::fs::write(dir.join("c-empty.txt"), b"").unwrap();
    std::fs::write(dir.join("d-invalid.txt"), b"ok\x81").unwrap();
    let big = "全市共破获刑事案件1829起。".repeat(50 * 1024 * 1024 / 39 + 1);
    std::fs::write(dir.join("e-50mb.txt"), &big).unwrap();
    std::fs::write(dir.join("f-good.md"), "# 导语\n\n共化解矛盾纠纷7300余起。\n").unwrap();
    let before: Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let meta = std::fs::metadata(&path).unwrap();
            (path.clone(), std::fs::read(&path).unwrap(), meta.modified().unwrap())
        })
        .collect();
    let out = crosscheck().args(["check", "--format", "json"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2, "the good files are checked");
    let stderr = String::from_utf8(out.stderr).unwrap();
    for bad in ["b-binary.txt", "c-empty.txt", "d-invalid.txt", "e-50mb.txt"] {
        assert_eq!(stderr.matches(bad).count(), 1, "one clear error for {bad}: {stderr}");
    }
    assert!(!stderr.contains("panicked"));
    for (path, bytes, modified) in before {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{} was written to", path.display());
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
    }
    // The limit is a flag: a 2 MB file is refused under 1 MB and read under 3.
    let two_mb = dir.join("two-mb.txt");
    std::fs::write(&two_mb, good.repeat(2 * 1024 * 1024 / good.len() + 1)).unwrap();
    let numbers = |limit: &str| crosscheck().args(["numbers", "--max-file-size", limit]).arg(&two_mb).output().unwrap();
    assert_eq!(numbers("1").status.code(), Some(2));
    assert_eq!(numbers("3").status.code(), Some(0));
}

#[test]
fn the_config_chooses_which_files_of_a_folder_are_read() {
    let dir = tempdir("globs");
    std::fs::create_dir_all(dir.join("release/archive")).unwrap();
    std::fs::write(dir.join("release/lead.txt"), "全市共破获刑事案件1829起。\n").unwrap();
    std::fs::write(dir.join("release/speaker.md"), "# 发言\n\n全市共破获刑事案件1829起。\n").unwrap();
    std::fs::write(dir.join("release/archive/old.txt"), "全市共破获刑事案件1892起。\n").unwrap();
    std::fs::write(dir.join("release/photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let config = "version: 1\nfiles:\n  include: [\"**/*.txt\", \"**/*.md\"]\n  exclude: [release/archive]\n";
    std::fs::write(dir.join("crosscheck.yaml"), config).unwrap();
    let run = |args: &[&str]| crosscheck().args(args).current_dir(&dir).output().unwrap();
    let out = run(&["check", "--format", "json", "release"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2, "lead.txt and speaker.md; not the archive nor the picture");
    // Globs are relative to the config's folder too: the same from elsewhere.
    let out = crosscheck()
        .args(["check", "--format", "json", "--config"])
        .arg(dir.join("crosscheck.yaml"))
        .arg(dir.join("release"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    // A file named on the command line is read whatever the globs say. It
    // states one measure, with another value: no evidence that it belongs to
    // the release, so it is checked alone unless the run says otherwise.
    let out = run(&["check", "--format", "json", "release", "release/archive/old.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 3);
    let out = run(&["check", "--format", "json", "--release", "together", "release", "release/archive/old.txt"]);
    assert_eq!(out.status.code(), Some(1), "1892 against 1829");
    // Without the config the documents of the folder are read (the archive
    // too: checked as one release, its 1892 disagrees), never the picture.
    std::fs::remove_file(dir.join("crosscheck.yaml")).unwrap();
    let out = run(&["check", "--format", "json", "--release", "together", "release"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("photo.png"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 3);
    // Named explicitly, the picture is read, and refused as not text.
    let out = run(&["check", "release", "release/photo.png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("release/photo.png is not text"));
    // A bad glob points into the config.
    std::fs::write(dir.join("crosscheck.yaml"), "version: 1\nfiles:\n  exclude: [\"a[\"]\n").unwrap();
    let out = run(&["check", "release"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("not a valid glob") && stderr.contains("crosscheck.yaml"), "{stderr}");
}

#[test]
#[allow(clippy::print_stderr)]
fn progress_shows_on_a_terminal_only_and_quiet_hides_it() {
    let dir = tempdir("progress");
    for i in 0..40 {
        std::fs::write(dir.join(format!("part-{i:02}.txt")), "全市共破获刑事案件1829起。\n").unwrap();
    }
    let binary = assert_cmd::cargo::cargo_bin("crosscheck");
    let command = |quiet: &str| format!("{} check {quiet} --format concise {}", binary.display(), dir.display());
    // `script` runs the command on a pseudo-terminal, as a user's shell would.
    let on_terminal =
        |quiet: &str| std::process::Command::new("script").args(["-qec", &command(quiet), "/dev/null"]).output();
    let Ok(shown) = on_terminal("") else {
        eprintln!("skipped: `script` (util-linux) is not installed, so no pseudo-terminal");
        return;
    };
    assert!(shown.status.success());
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("reading") && shown.contains("/40"), "{shown}");
    let quiet = on_terminal("--quiet").unwrap();
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stdout).contains("reading"));
    // Piped, there is never a bar.
    let piped = crosscheck().args(["check", "--format", "concise"]).arg(&dir).output().unwrap();
    assert!(piped.stderr.is_empty(), "{}", String::from_utf8_lossy(&piped.stderr));
}

#[test]
fn table_cells_link_with_the_prose_in_markdown_and_html() {
    let markdown = "# 发布会\n\n| 指标 | 数值 |\n|---|---|\n| 破获刑事案件 | 1829起 |\n\n全市共破获刑事案件1892起。\n";
    let html = "<h2>总体情况——市公安局副局长李明</h2><p>全市共<b>破获</b>刑事案件1829起。</p>\
                <table><tr><td>破获刑事案件</td><td>1892起</td></tr></table>\n";
    for (name, text) in [("release.md", markdown), ("release.html", html)] {
        let out = crosscheck()
            .args(["check", "-", "--format", "json", "--stdin-filename", name])
            .write_stdin(text)
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let findings = json["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{name}: {json}");
        assert_eq!(findings[0]["rule"], "figure-mismatch", "{name}");
        let labels: Vec<&str> =
            findings[0]["labels"].as_array().unwrap().iter().map(|l| l["source"].as_str().unwrap()).collect();
        assert!(!labels.iter().any(|s| s.contains('<') || s.contains('|')), "{name}: {labels:?}");
    }
}

#[test]
fn files_are_grouped_into_releases_by_evidence_or_as_the_config_says() {
    let dir = tempdir("releases");
    // A release in two files that repeat each other's figures, one of them
    // changed; and a report of another city that states one of its measures.
    let lead = "全市共查处食品安全案件1286起，抽检各类食品4200余批次，办结投诉举报2937件。\n";
    let speaker =
        "通报——市市场监管局副局长李明\n全市共查处食品安全案件1268起，抽检各类食品4200余批次，办结投诉举报2937件。\n";
    let other = "全市共查处食品安全案件3412起。\n";
    std::fs::write(dir.join("a-lead.txt"), lead).unwrap();
    std::fs::write(dir.join("b-speaker.txt"), speaker).unwrap();
    std::fs::write(dir.join("c-other.txt"), other).unwrap();
    let run = |args: &[&str]| crosscheck().args(args).current_dir(&dir).output().unwrap();
    let files = ["a-lead.txt", "b-speaker.txt", "c-other.txt"];
    let json_of = |args: &[&str]| -> Value {
        let out = run(&[&["check", "--format", "json"], args, &files].concat());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let auto = json_of(&[]);
    assert_eq!(
        auto["releases"],
        serde_json::json!([{"files": ["a-lead.txt", "b-speaker.txt"]}, {"files": ["c-other.txt"]}])
    );
    let findings = auto["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "1268 against 1286, not 3412: {findings:?}");
    assert!(findings[0]["labels"].as_array().unwrap().iter().all(|l| l["file"] == "a-lead.txt"), "{auto}");
    // The human output names the releases.
    let human = String::from_utf8(run(&[&["check"][..], &files].concat()).stdout).unwrap();
    assert!(human.contains("release 1: a-lead.txt, b-speaker.txt\n"), "{human}");
    assert!(human.contains("1 file checked alone"), "{human}");
    // `figures` lists them too.
    let out = run(&[&["figures", "--format", "json"][..], &files].concat());
    let figures: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures["releases"], auto["releases"]);
    let table = String::from_utf8(run(&[&["figures"][..], &files].concat()).stdout).unwrap();
    assert!(table.ends_with("7 figures in 3 files (2 releases)\n"), "{table}");
    // Together: the other city's 3412 disagrees too; each: nothing across files.
    let together = json_of(&["--release", "together"]);
    assert_eq!(together["releases"].as_array().unwrap().len(), 1);
    assert!(together["findings"].to_string().contains("3412"), "{together}");
    let each = json_of(&["--release", "each"]);
    assert_eq!(each["releases"].as_array().unwrap().len(), 3);
    assert_eq!(each["findings"], serde_json::json!([]));
    // The config's `release:` says the same, and the flag overrides it.
    std::fs::write(dir.join("crosscheck.yaml"), "version: 1\nrelease: together\n").unwrap();
    assert_eq!(json_of(&[])["releases"].as_array().unwrap().len(), 1);
    assert_eq!(json_of(&["--release", "each"])["releases"].as_array().unwrap().len(), 3);
    std::fs::write(dir.join("crosscheck.yaml"), "version: 1\nrelease: sometimes\n").unwrap();
    let out = run(&[&["check"][..], &files].concat());
    assert_eq!(out.status.code(), Some(2), "an unknown grouping is a config error");
    let _ = std::fs::remove_dir_all(&dir);
}
