//! The project's own text must not copy the sentences of the development
//! bench (`../shared/bench/*.txt|md`) or of the seed (`../shared/seeds/*.txt`):
//! their facts and figures may be reused, their sentences may not. Any run of
//! at least 16 Han characters, or of at least 40 Latin characters (with a word
//! in it and no Han), on one line, shared between them and the project's
//! sources, rules, tests, benches or fixtures fails this test, listed as
//! `file:line: text`.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Files whose copies are known and kept. These fixtures are older debt:
/// derived from the seed, they restate its facts in the seed's own wording.
const KNOWN_FILES: &[&str] = &[
    "fixtures/zh/release/",
    "fixtures/zh/formats/",
    "fixtures/zh/suppress/",
    "fixtures/zh/press-conference-clean.txt",
];

/// Runs known and kept wherever they stand: a standard accounting term, used
/// in rules/zh.yaml as a lexicon alias (a name, not a sentence). Split so
/// that this file does not hold the run itself.
fn known_runs() -> Vec<String> {
    vec![concat!("扣除非经常性损益后的", "归属于上市公司股东的净利润").to_string()]
}

const HAN: usize = 16;
const LATIN: usize = 40;

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A Han gram: some Han, no newline.
fn han_gram(g: &[char]) -> bool {
    g.iter().any(|&c| is_han(c)) && !g.contains(&'\n')
}

/// A Latin gram: a word (three lowercase letters in a row), no Han, no newline.
fn latin_gram(g: &[char]) -> bool {
    !g.contains(&'\n')
        && !g.iter().any(|&c| is_han(c))
        && g.windows(3).any(|w| w.iter().all(|c| c.is_ascii_lowercase()))
}

/// Every file under `dir` (recursively), sorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The project's own text: (path relative to the root, text).
fn project_files() -> Vec<(String, String)> {
    let root = common::root();
    let mut paths = Vec::new();
    for dir in ["src", "rules", "tests", "benches", "fixtures"] {
        walk(&root.join(dir), &mut paths);
    }
    let mut out = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let wanted = if rel.starts_with("fixtures/") {
            true
        } else if let Some(name) = rel.strip_prefix("rules/") {
            name.ends_with(".yaml") && !name.contains('/')
        } else {
            rel.ends_with(".rs")
        };
        if !wanted || KNOWN_FILES.iter().any(|k| rel.starts_with(k)) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
    }
    out
}

/// The bench's and the seed's text, one file after another.
fn shared_text(bench: &Path, seeds: &Path) -> Vec<char> {
    let mut paths = Vec::new();
    walk(bench, &mut paths);
    paths.retain(|p| p.parent() == Some(bench) && p.extension().is_some_and(|e| e == "txt" || e == "md"));
    let mut seed_paths = Vec::new();
    walk(seeds, &mut seed_paths);
    seed_paths.retain(|p| p.parent() == Some(seeds) && p.extension().is_some_and(|e| e == "txt"));
    paths.extend(seed_paths);
    assert!(!paths.is_empty(), "no bench or seed text under {} and {}", bench.display(), seeds.display());
    let mut text = String::new();
    for path in paths {
        text.push_str(&common::read(&path));
        text.push('\n');
    }
    text.chars().collect()
}

/// The runs of `text` made of `n`-grams of `grams`: (line, run).
fn shared_runs(text: &[char], n: usize, grams: &HashSet<&[char]>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let close = |run: Option<(usize, usize)>, out: &mut Vec<(usize, String)>| {
        if let Some((start, end)) = run {
            let line = text[..start].iter().filter(|&&c| c == '\n').count() + 1;
            out.push((line, text[start..end].iter().collect()));
        }
    };
    for i in 0..text.len().saturating_sub(n - 1) {
        if grams.contains(&text[i..i + n]) {
            run = match run {
                Some((start, end)) if i < end => Some((start, i + n)),
                other => {
                    close(other, &mut out);
                    Some((i, i + n))
                }
            };
        }
    }
    close(run, &mut out);
    out
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn no_sentence_of_the_bench_or_the_seed_is_copied() {
    let Some(bench) = common::shared("bench") else { return };
    let Some(seeds) = common::shared("seeds") else { return };
    let source = shared_text(&bench, &seeds);
    let known = known_runs();
    let mut copies = Vec::new();
    for (n, keep) in [(HAN, han_gram as fn(&[char]) -> bool), (LATIN, latin_gram)] {
        let grams: HashSet<&[char]> = source.windows(n).filter(|g| keep(g)).collect();
        for (path, text) in project_files() {
            let chars: Vec<char> = text.chars().collect();
            for (line, run) in shared_runs(&chars, n, &grams) {
                if !known.iter().any(|k| k.contains(run.as_str())) {
                    copies.push(format!("{path}:{line}: {run}"));
                }
            }
        }
    }
    assert!(copies.is_empty(), "text copied from the bench or the seed:\n{}", copies.join("\n"));
}
