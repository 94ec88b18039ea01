//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `../shared`, or `None` (with a printed reason) when it is
/// absent, as in a user's fresh clone. Under `CI=true` its absence fails.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("..").join("shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is absent, and CI=true: CI must have ../shared beside the clone", path.display());
    }
    eprintln!("skipped: {} is absent (it ships beside the repository, not in it)", path.display());
    None
}

/// A fixture of the project.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Reads a file as UTF-8.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
