//! The lexicon: the language packs (every word list crosscheck knows, as
//! YAML data in `rules/`, embedded in the binary), their types and their
//! compiled, indexed forms. A new language is a new pack, not new code.
//! Imports nothing above it: every stage reads words from here.

pub mod lazy_regex;
pub mod measure_words;
pub mod numerals;
pub mod pack;
pub mod words;

pub use pack::{Pack, PackError, Packs};
