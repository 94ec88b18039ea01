//! Extraction: text → figures.
//!
//! Stage 3 of the pipeline. `number` reads number expressions; `figure` turns
//! the ones that are figures into [`Figure`]s with interval, unit and label.

pub mod clauses;
pub mod examples;
pub mod figure;
pub mod label;
pub mod number;
pub mod table;

pub use clauses::{Boundary, Clauses};
pub use figure::{extract, extract_figures, Extracted, Figure};
pub use number::{NumberExpr, NumberForm};
