//! Fuzzes the whole check (segment, extract, link, graph, every check and the
//! JSON and human reports) with the built-in packs: it must never panic.
#![no_main]

use std::sync::OnceLock;

use crosscheck::report::{write_check, CheckFormat, HumanOptions};
use crosscheck::rule::Packs;
use crosscheck::Document;
use libfuzzer_sys::fuzz_target;

fn packs() -> &'static Packs {
    static PACKS: OnceLock<Packs> = OnceLock::new();
    PACKS.get_or_init(|| Packs::builtin().expect("built-in packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = crosscheck::check_with(vec![Document::with_format("fuzz.md", text)], packs(), true);
    let human = HumanOptions { color: false, width: 80, explain: true };
    for format in [CheckFormat::Human, CheckFormat::Json, CheckFormat::Concise] {
        let mut out = Vec::new();
        write_check(&mut out, &report, format, human).expect("writing to memory");
    }
});
