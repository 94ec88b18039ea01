//! A generated corpus of Chinese and English releases for the benchmarks.

/// Fixture texts whose digits are varied to make the corpus.
const TEMPLATES: &[&str] = &[
    include_str!("../../fixtures/zh/press-conference-clean.txt"),
    include_str!("../../fixtures/en/press-briefing-clean.md"),
];

/// A corpus of at least `bytes` bytes, deterministic: digits are replaced by a
/// linear congruential sequence, so figures differ from copy to copy.
pub fn corpus(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    while out.len() < bytes {
        for template in TEMPLATES {
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
