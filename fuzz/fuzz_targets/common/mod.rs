//! Shared by the fuzz targets.

use std::sync::OnceLock;

use crosscheck::lexicon::Packs;

/// The built-in packs, compiled once per fuzzing process.
pub fn packs() -> &'static Packs {
    static PACKS: OnceLock<Packs> = OnceLock::new();
    PACKS.get_or_init(|| Packs::builtin().expect("built-in packs load"))
}
