//! Marks the tests that cannot run here as ignored, with the reason, instead
//! of letting them pass without doing anything (a user's fresh clone has no
//! `../shared` and perhaps no Chromium):
//!
//! - `no_shared` when `../shared` (the seed and the corpora) is absent;
//! - `no_browser` when Chromium, node or tests/e2e/node_modules is missing;
//! - `no_nvim` when Neovim is missing (the README's editor snippet).
//!
//! Tests carry `#[cfg_attr(no_shared, ignore = "…")]`, so `cargo test`
//! reports them as ignored, with the reason, in its summary. Under `CI=true`
//! no flag is ever set: the tests run, and fail when their input is absent.
//! What is present is watched, so its removal is seen; an input that appears
//! later is seen when Chromium or Neovim lands in /usr/bin or node_modules in
//! tests/e2e, and for `../shared` after `touch build.rs` (watching the
//! folder above the clone would mean scanning it on every build).

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_shared)");
    println!("cargo::rustc-check-cfg=cfg(no_browser)");
    println!("cargo::rustc-check-cfg=cfg(no_nvim)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=CHROMIUM");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&root);

    let shared = root.join("../shared");
    if shared.is_dir() {
        println!("cargo::rerun-if-changed={}", shared.display());
    } else if !ci {
        println!("cargo::rustc-cfg=no_shared");
    }

    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromium = Path::new(&chromium);
    let modules = root.join("tests/e2e/node_modules/playwright-core");
    let on_path = |name: &str| {
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
    };
    let node = on_path("node");
    if !on_path("nvim") && !ci {
        println!("cargo::rustc-cfg=no_nvim");
        if Path::new("/usr/bin").is_dir() {
            println!("cargo::rerun-if-changed=/usr/bin");
        }
    }
    // Watch each piece, or where it would appear.
    for (present, path, appears_in) in [
        (chromium.exists(), chromium.to_path_buf(), chromium.parent().map(Path::to_path_buf)),
        (modules.is_dir(), modules.join("package.json"), Some(root.join("tests/e2e"))),
    ] {
        match (present, appears_in) {
            (true, _) => println!("cargo::rerun-if-changed={}", path.display()),
            (false, Some(dir)) if dir.is_dir() => println!("cargo::rerun-if-changed={}", dir.display()),
            _ => {}
        }
    }
    let browser = chromium.exists() && modules.is_dir() && node;
    if !browser && !ci {
        println!("cargo::rustc-cfg=no_browser");
    }
}
