//! `crosscheck report`: the self-contained HTML page, its view model and the
//! guards around writing it. The page itself is tested in Chromium by
//! tests/browser.rs.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use crosscheck::report::html::View;
use crosscheck::{Document, Packs};

fn crosscheck() -> Command {
    Command::cargo_bin("crosscheck").unwrap()
}

fn temp(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-report-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The view model of the faulty fixture: what the page is drawn from.
#[test]
fn view_model_of_figure_mismatch() {
    let path = common::fixture("zh/release/figure-mismatch.txt");
    let text = common::read(&path);
    let packs = Packs::builtin().unwrap();
    let report = crosscheck::check(vec![Document::new("figure-mismatch.txt", text)], &packs);
    let view = View::of(&report);
    let mut json = serde_json::to_value(&view).unwrap();
    // The fixture's text is the fixture; the snapshot holds what is made of it.
    json["documents"][0]["text"] = "[text]".into();
    insta::assert_json_snapshot!("view_figure_mismatch", json);
}

#[test]
fn report_writes_one_self_contained_page_and_exits_0_with_findings() {
    let dir = temp("page");
    let out = dir.join("report.html");
    crosscheck()
        .args(["report", "fixtures/zh/release/figure-mismatch.txt", "-o"])
        .arg(&out)
        .current_dir(common::root())
        .assert()
        .code(0);
    let html = common::read(&out);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<script type="application/json" id="data">"#));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src 'none'"));
    // Nothing from the network: no URL the browser would fetch.
    for remote in ["src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(!html.contains(remote), "{remote} in the report");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn report_is_byte_identical_from_run_to_run() {
    let run = || {
        let out = crosscheck()
            .args(["report", "fixtures/zh/release", "fixtures/en/briefing"])
            .current_dir(common::root())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn report_never_overwrites_an_input() {
    let dir = temp("overwrite");
    let input = dir.join("release.txt");
    let text = "全市共侦破刑事案件1829起。\n";
    std::fs::write(&input, text).unwrap();
    crosscheck().arg("report").arg(&input).arg("-o").arg(&input).assert().code(2);
    // Named through its folder, it is still an input.
    crosscheck().arg("report").arg(&dir).arg("-o").arg(&input).assert().code(2);
    assert_eq!(common::read(&input), text);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn script_in_a_document_stays_text_in_the_report() {
    let out = crosscheck()
        .args(["report", "-", "--stdin-filename", "x</script>.txt"])
        .write_stdin("<script>window.__pwned=1</script>全市共侦破刑事案件1829起\"><img src=x onerror=alert(1)>。\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("<script>window.__pwned"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("x</script>"));
    assert!(html.contains(r"\u003cscript\u003ewindow.__pwned=1\u003c/script\u003e"));
}
