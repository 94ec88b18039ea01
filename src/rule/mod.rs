//! Rules: the built-in packs (lexicons and checks as YAML data) and, later,
//! user rule files. Singular `rule` so it never clashes with the `rules/` data.

pub mod check;
pub mod examples;
pub mod file;
pub mod measure_words;
pub mod pack;
pub mod suppress;
pub mod user;

pub use pack::{Pack, PackError, Packs};
