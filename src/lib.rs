//! crosscheck proofs the figures in documents.
//!
//! The pipeline, one module per stage (see DESIGN.md):
//! `load` → `segment` → `extract` → `graph` → `rule` → `report`.
//! The library never prints; only `report` writers and the binary write.

pub mod cli;
pub mod extract;
pub mod interval;
pub mod load;
pub mod report;
pub mod rule;
pub mod span;

pub use extract::{extract_figures, Figure};
pub use interval::Interval;
pub use load::Document;
pub use rule::Packs;
