//! Rules: the built-in checks, user rule files and suppression.
//! Singular `rule` so it never clashes with the `rules/` data.

pub mod check;
pub mod file;
pub mod suppress;
pub mod user;
