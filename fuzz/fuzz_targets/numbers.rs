//! Fuzzes the number reader with the built-in packs: it must never panic,
//! and every expression must lie in bounds, on character boundaries, in order.
#![no_main]

mod common;

use common::packs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let numbers = packs().numerals.scan(text);
    let mut previous_end = 0;
    for n in &numbers {
        assert!(n.start < n.end && n.end <= text.len(), "out of bounds: {n:?}");
        assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end), "not on a char boundary: {n:?}");
        assert!(n.start >= previous_end, "overlapping: {n:?}");
        previous_end = n.end;
        let _ = crosscheck::extract::number::interval_of(n);
    }
});
