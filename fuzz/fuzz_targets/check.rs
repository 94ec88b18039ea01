//! Fuzzes the whole check (segment, extract, link, graph, every check and the
//! JSON and human reports) with the built-in packs: it must never panic.
#![no_main]

mod common;

use common::packs;
use crosscheck::report::{write_check, CheckFormat, HumanOptions};
use crosscheck::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let report = crosscheck::check_with(vec![Document::with_format("fuzz.md", text)], packs(), true);
    let human = HumanOptions { color: false, width: 80, explain: true };
    for format in [CheckFormat::Human, CheckFormat::Json, CheckFormat::Concise] {
        let mut out = Vec::new();
        write_check(&mut out, &report, format, human).expect("writing to memory");
    }
});
