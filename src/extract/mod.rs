//! Extraction: text → figures.
//!
//! Stage 3 of the pipeline. `number` reads number expressions; `figure` turns
//! the ones that are figures into [`Figure`]s with interval, unit and label.

pub mod examples;
pub mod figure;
pub mod label;
pub mod number;

pub use figure::{extract_figures, Figure};
pub use number::{NumberExpr, NumberForm};
