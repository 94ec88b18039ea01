//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `../shared`. A test that reads it is marked
/// `#[cfg_attr(no_shared, ignore = "…")]`: build.rs sets `no_shared` when
/// `../shared` is absent (a user's fresh clone), so cargo reports the test
/// as ignored, with the reason, instead of passing it. Under `CI=true` the
/// flag is never set, so its absence fails here. (The `Option` is always
/// `Some`: the callers' `let … else` stays as it was.)
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("..").join("shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is absent, and CI=true: CI must have ../shared beside the clone", path.display());
    }
    panic!(
        "{} is absent, though it was there when the tests were built: run `touch build.rs` to mark these tests ignored",
        path.display()
    );
}

/// A fixture of the project.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Reads a file as UTF-8.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
