//! The architecture, as a test: the crate's top-level modules in layers,
//! bottom first. A module may use only modules of the layers below its own,
//! never one of its own layer or above: imports go downward, so there is no
//! cycle and each layer can be read without the ones above it.
//!
//! The test reads every `crate::` path in `src/` (in `use` lines and written
//! inline), outside unit tests, which may use the whole crate to build their
//! inputs. Adding a top-level module means adding it to [`LAYERS`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

/// The layers, bottom first, each with what it holds.
const LAYERS: &[(&[&str], &str)] = &[
    (
        &["span", "interval", "finding", "slip"],
        "positions, intervals, findings, slips between values: import nothing of the crate",
    ),
    (&["lexicon"], "the language packs: every word list, as data, and their compiled forms"),
    (&["load"], "files → documents"),
    (&["segment", "extract"], "documents → sources; text → figures"),
    (&["graph"], "measures, links, relations: the fact graph"),
    (&["config"], "rule files, project config, schema"),
    (&["check"], "built-in checks, user rules, severities, suppression"),
    (&["report"], "output formats; never runs a stage"),
    (&["crate"], "the library API in lib.rs: `crosscheck::check` and friends"),
    (&["serve", "lsp"], "the web page and the language server"),
    (&["cli"], "the command line"),
];

/// Names the crate root (`src/lib.rs`) defines or re-exports, and the layer
/// module they belong to (`crate::Report` is the check stage's `Report`).
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Report", "check"),
    ("Packs", "lexicon"),
    ("Document", "load"),
    ("Figure", "extract"),
    ("extract_figures", "extract"),
    ("Interval", "interval"),
    ("check", "crate"),
    ("check_with", "crate"),
    ("check_rules", "crate"),
    ("analyse", "crate"),
    ("figure_records", "crate"),
    ("number_records", "crate"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(modules, _)| modules.contains(&module))
}

/// The top-level module a source file belongs to (`crate` for lib.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "lib.rs" => Some("crate".into()),
        "main.rs" => None,
        _ => Some(first.trim_end_matches(".rs").to_string()),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its unit tests: a
/// `tests.rs` module is all test, and a `#[cfg(test)]` item ends a file.
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The first path segment of every `crate::` path in `code`, braces opened:
/// `use crate::{check::Report, span::LineIndex}` gives `check` and `span`.
/// A root function call (`crate::check(…)`) gives `check(`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `mycrate::`, not ours
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut piece = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let name: String =
                            piece.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                        if !name.is_empty() {
                            out.push(name);
                        }
                        piece.clear();
                        continue;
                    }
                    _ => {}
                }
                piece.push(c);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let call = rest[name.len()..].starts_with('(');
            out.push(if call { format!("{name}(") } else { name });
        }
    }
    out
}

/// The layer module a `crate::` path names.
fn target_of(name: &str) -> Result<String, String> {
    if let Some(function) = name.strip_suffix('(') {
        return ROOT_ITEMS
            .iter()
            .find(|(item, _)| *item == function)
            .map(|(_, m)| m.to_string())
            .ok_or_else(|| format!("`crate::{function}(…)` is not in ROOT_ITEMS"));
    }
    if layer_of(name).is_some() {
        return Ok(name.to_string());
    }
    ROOT_ITEMS
        .iter()
        .find(|(item, _)| *item == name)
        .map(|(_, m)| m.to_string())
        .ok_or_else(|| format!("`crate::{name}` is neither a module of LAYERS nor in ROOT_ITEMS"))
}

/// Every import that goes upward or sideways, as `file: module → target`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut out = BTreeSet::new();
    for file in &files {
        let Some(module) = module_of(src, file) else { continue };
        let shown = file.strip_prefix(src).unwrap().display().to_string();
        let Some(own) = layer_of(&module) else {
            out.insert(format!("src/{shown}: module `{module}` is in no layer of LAYERS"));
            continue;
        };
        for name in crate_paths(&code_of(file)) {
            let target = match target_of(&name) {
                Ok(target) => target,
                Err(problem) => {
                    out.insert(format!("src/{shown}: {problem}"));
                    continue;
                }
            };
            if target == module {
                continue;
            }
            let theirs = layer_of(&target).unwrap();
            if theirs >= own {
                let how = if theirs == own { "its own layer" } else { "a layer above" };
                out.insert(format!(
                    "src/{shown}: `{module}` uses `{target}`, which stands in {how} ({})",
                    LAYERS[theirs].1
                ));
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn modules_import_only_the_layers_below_them() {
    let src = common::root().join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "imports against the layering of tests/architecture.rs:\n{}", found.join("\n"));
}

#[test]
fn every_module_of_src_is_in_a_layer() {
    let src = common::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    for module in &modules {
        assert!(layer_of(module).is_some(), "src/{module} is in no layer of LAYERS");
    }
    for (layer, _) in LAYERS {
        for module in *layer {
            assert!(modules.contains(*module), "LAYERS names `{module}`, which src/ does not hold");
        }
    }
}

#[test]
fn the_reader_sees_grouped_and_inline_paths() {
    let code = "use crate::{check::{Finding, Report}, span::LineIndex};\nlet r = crate::check(docs);\nmycrate::x();";
    assert_eq!(crate_paths(code), ["check", "span", "check("]);
    assert_eq!(target_of("check(").unwrap(), "crate");
    assert_eq!(target_of("Report").unwrap(), "check");
    assert!(target_of("Nowhere").is_err());
}
