//! Fuzzes reading a file as the CLI and `serve` read one (encodings, .docx,
//! Markdown and HTML non-prose, the prose view), then the check and the HTML
//! report: none of it may panic, and the prose view keeps every offset.
//! Seed it with the fixtures: `cp ../fixtures/zh/formats/* corpus/load/`.
#![no_main]

mod common;

use common::packs;
use crosscheck::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the name, and so how the rest is read; a file
    // seeded whole (a .docx starts with `P`) is read as itself.
    let Some((&kind, rest)) = data.split_first() else { return };
    let (name, bytes) = match kind {
        b'P' => ("seed.docx", data),
        _ => (["a.docx", "a.md", "a.html", "a.txt"][usize::from(kind % 4)], rest),
    };
    let Ok(doc) = Document::from_bytes(name.to_string(), bytes.to_vec()) else { return };
    assert_eq!(doc.prose().len(), doc.text.len(), "the prose view keeps every offset");
    let report = crosscheck::check(vec![doc], packs());
    let _ = crosscheck::report::html::render_report(&report);
});
