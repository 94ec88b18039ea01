//! The README as a new user follows it: every command of its shell blocks
//! runs as written, and the GitHub workflow it offers runs its shell steps
//! (install from this repository, check a folder of drafts, write SARIF).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-readme-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The lines of the README's ```sh blocks, comments dropped.
fn shell_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh {
            let command = line.split("  #").next().unwrap_or("").trim();
            if !command.is_empty() {
                lines.push(command.to_string());
            }
        }
    }
    lines
}

/// Splits a command line into words, honouring double quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn every_command_of_the_readme_runs_as_written() {
    let readme = common::read(&common::root().join("README.md"));
    let lines = shell_lines(&readme);
    assert!(lines.iter().any(|l| l == "cargo install --locked --path ."), "the README says how to install");
    assert!(lines.iter().any(|l| l.starts_with("cargo install --locked --git URL crosscheck")));
    let binary = assert_cmd::cargo::cargo_bin("crosscheck");
    // `crosscheck --version`, the `cargo run --release --` examples, and the
    // Commands section's lines without placeholders: run with the binary
    // built here, in a folder that sees the fixtures as the clone does.
    let dir = tempdir("commands");
    for linked in ["fixtures", "schema"] {
        std::os::unix::fs::symlink(common::root().join(linked), dir.join(linked)).unwrap();
    }
    let mut ran = 0;
    for line in &lines {
        let args = if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
            rest
        } else if let Some(rest) = line.strip_prefix("crosscheck ") {
            rest
        } else {
            continue;
        };
        // Upper-case words are placeholders: `explain RULE`, `PATH…`, `FILE`.
        let placeholder = args.contains('…')
            || args.contains('[')
            || args.split(' ').any(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()));
        // serve and lsp run until stopped: tests/serve.rs and tests/lsp.rs run them.
        if placeholder || args.starts_with("serve") || args.starts_with("lsp") {
            continue;
        }
        let out = Command::new(&binary).args(words(args)).current_dir(&dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0 | 1)), "`{line}` exits {:?}: {stderr}", out.status.code());
        assert!(!stderr.contains("error:"), "`{line}`: {stderr}");
        ran += 1;
    }
    assert!(ran >= 7, "{ran} commands ran");
    assert!(dir.join("report.html").is_file(), "the report command wrote its file");
}

/// The `run:` steps of the workflow, with their names, in order.
fn workflow_steps() -> Vec<(String, String)> {
    let text = common::read(&common::root().join(".github/workflows/crosscheck-releases.yml"));
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let steps = workflow["jobs"]["crosscheck"]["steps"].as_array().unwrap();
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))));
    steps.iter().filter_map(|s| Some((s["name"].as_str()?.to_string(), s["run"].as_str()?.to_string()))).collect()
}

fn bash(script: &str, cwd: &Path, env: &[(&str, String)]) -> std::process::Output {
    let mut command = Command::new("bash");
    command.args(["-e", "-c", script]).current_dir(cwd).env_remove("CROSSCHECK_GIT").env_remove("CROSSCHECK_REV");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[test]
fn the_workflow_installs_from_crosschecks_repository_and_checks_the_drafts() {
    let steps = workflow_steps();
    let names: Vec<&str> = steps.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Install crosscheck", "Check the figures", "Write SARIF"]);
    assert!(!steps[0].1.contains("github.repository"), "never from the drafts' own repository");
    // A repository of drafts, as the workflow's checkout leaves it.
    let drafts = tempdir("drafts");
    std::fs::create_dir_all(drafts.join("releases")).unwrap();
    for name in ["clean.txt", "figure-mismatch.txt"] {
        std::fs::copy(common::fixture(&format!("zh/release/{name}")), drafts.join("releases").join(name)).unwrap();
    }
    // Without the variable, the install says what to set.
    let out = bash(&steps[0].1, &drafts, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::error::set the repository variable CROSSCHECK_GIT"));
    // Installed from this repository (its committed HEAD), into a folder of
    // its own; built with optimisation off and cached, to stay quick.
    let install_root = tempdir("cargo-root");
    let path = format!("{}:{}", install_root.join("bin").display(), std::env::var("PATH").unwrap_or_default());
    let env = [
        ("CROSSCHECK_GIT", format!("file://{}", common::root().display())),
        ("CARGO_INSTALL_ROOT", install_root.display().to_string()),
        ("CARGO_TARGET_DIR", common::root().join("target/workflow-install").display().to_string()),
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0".to_string()),
        ("CARGO_PROFILE_RELEASE_DEBUG", "0".to_string()),
        ("CARGO_PROFILE_RELEASE_INCREMENTAL", "true".to_string()),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256".to_string()),
        ("PATH", path),
    ];
    let out = bash(&steps[0].1, &drafts, &env);
    assert!(out.status.success(), "install: {}", String::from_utf8_lossy(&out.stderr));
    assert!(install_root.join("bin/crosscheck").is_file());
    // The check annotates the pull request and fails it: one fixture is faulty.
    let out = bash(&steps[1].1, &drafts, &env);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout
            .starts_with("::error file=releases/figure-mismatch.txt,line=7,col=16,title=crosscheck figure-mismatch::"),
        "{stdout}"
    );
    assert!(stdout.ends_with("crosscheck: 1 error, 0 warnings, 0 infos in 2 files\n"), "{stdout}");
    // The SARIF step writes the file the upload step sends.
    let out = bash(&steps[2].1, &drafts, &env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sarif: serde_json::Value = serde_json::from_str(&common::read(&drafts.join("crosscheck.sarif"))).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "releases/figure-mismatch.txt");
}

#[test]
#[cfg_attr(no_nvim, ignore = "needs Neovim (nvim), missing when built (apt-get install neovim; touch build.rs)")]
fn the_neovim_snippet_attaches_the_language_server() {
    // The README's Lua block, as a user pastes it into init.lua; Debian's
    // Neovim is 0.7, where vim.lsp.start does not exist yet.
    let readme = common::read(&common::root().join("README.md"));
    let start = readme.find("```lua\n").expect("a Lua block") + "```lua\n".len();
    let snippet = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempdir("nvim");
    std::fs::write(dir.join("init.lua"), snippet).unwrap();
    std::fs::copy(common::fixture("zh/release/figure-mismatch.txt"), dir.join("release.txt")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("crosscheck");
    let path = format!("{}:{}", binary.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let probe = "lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100); \
                 io.stdout:write('clients=' .. #vim.lsp.buf_get_clients(0) .. ' diagnostics=' .. #vim.diagnostic.get(0) .. '\\n')";
    let out = Command::new("nvim")
        .args(["--headless", "-u", "init.lua", "-c", probe, "-c", "qa!", "release.txt"])
        .current_dir(&dir)
        .env("PATH", path)
        .env("HOME", &dir)
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("clients=1 diagnostics=1"), "stdout: {stdout}\nstderr: {stderr}");
    assert!(!stderr.contains("Error"), "{stderr}");
}
