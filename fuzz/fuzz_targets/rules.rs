//! Fuzzes rule-file loading: no YAML, however malformed or hostile (anchors,
//! aliases, deep nesting), makes it panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = crosscheck::config::UserRules::from_text(
        "rules.yaml",
        text,
        crosscheck::config::Builtins { packs: &["zh", "en"], checks: &crosscheck::check::builtin_ids() },
    );
});
