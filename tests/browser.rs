//! The end-to-end tests of `crosscheck report` and `crosscheck serve` in
//! headless Chromium (tests/e2e, node's test runner and playwright-core).
//!
//! They need node, tests/e2e/node_modules (`npm ci` there) and
//! /usr/bin/chromium (or $CHROMIUM). build.rs sets `no_browser` when one is
//! missing at build time, so cargo reports the test as ignored with the
//! reason; under `CI=true` it never does, and a missing piece fails here
//! (.ci/run installs them). Screenshots, the PDF and the reports land in
//! target/e2e-artifacts.

use std::path::Path;
use std::process::Command;

fn missing(what: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what}, and CI=true: .ci/run installs it");
    }
    panic!("{what}, though it was there when the tests were built: run `touch build.rs` to mark this test ignored");
}

#[test]
#[cfg_attr(
    no_browser,
    ignore = "needs Chromium, node and tests/e2e/node_modules, missing when built (apt-get install chromium; npm ci in tests/e2e; touch build.rs)"
)]
fn report_and_serve_in_chromium() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if Command::new("node").arg("--version").output().is_err() {
        return missing("node is not installed");
    }
    if !e2e.join("node_modules/playwright-core").is_dir() {
        return missing("tests/e2e/node_modules is missing (run `npm ci` in tests/e2e)");
    }
    if !Path::new(&chromium).exists() {
        return missing(&format!("{chromium} is missing (apt-get install chromium)"));
    }
    let status = Command::new("node")
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "report.test.mjs",
            "serve.test.mjs",
            "first-hour.test.mjs",
        ])
        .current_dir(&e2e)
        .env("CROSSCHECK_BIN", env!("CARGO_BIN_EXE_crosscheck"))
        .env("CHROMIUM", &chromium)
        .status()
        .expect("node runs");
    assert!(
        status.success(),
        "the browser tests failed; their output is above, their screenshots in target/e2e-artifacts"
    );
}
