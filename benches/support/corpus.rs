//! A generated corpus of Chinese and English releases for the benchmarks.

/// Fixture texts whose digits are varied to make the corpus.
const TEMPLATES: &[&str] = &[
    include_str!("../../fixtures/zh/press-conference-clean.txt"),
    include_str!("../../fixtures/en/press-briefing-clean.md"),
];

/// A corpus of at least `bytes` bytes from the fixtures: figure-dense (a
/// figure every 60 bytes or so, twice the seed's density), deterministic.
pub fn corpus(bytes: usize) -> String {
    vary(TEMPLATES, bytes)
}

/// A corpus of at least `bytes` bytes from the real documents in
/// ../shared/corpus (government work reports, White House briefings), at
/// their own density; `None` where ../shared is absent.
#[allow(dead_code)]
pub fn real_corpus(bytes: usize) -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut paths = Vec::new();
    for dir in ["zh/gov_work_reports", "en/whitehouse", "en/bls"] {
        let entries = std::fs::read_dir(root.join(dir)).ok()?;
        paths.extend(entries.filter_map(Result::ok).map(|e| e.path()));
    }
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let templates: Vec<&str> = texts.iter().map(String::as_str).collect();
    Some(vary(&templates, bytes))
}

/// Copies of `templates` until `bytes`, every digit replaced by a linear
/// congruential sequence, so figures differ from copy to copy.
fn vary(templates: &[&str], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while out.len() < bytes {
        for template in templates {
            for c in template.chars() {
                if c.is_ascii_digit() {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    out.push(char::from(b'0' + ((state >> 33) % 10) as u8));
                } else {
                    out.push(c);
                }
            }
            out.push('\n');
        }
    }
    out
}
