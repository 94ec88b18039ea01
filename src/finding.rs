//! What a check finds: a [`Finding`] with its [`Severity`] and the
//! [`Mark`]s it points at, and the [`Level`] a rule file or pack sets.
//! Imports nothing of the crate: the lexicon, the checks and every report
//! share these types.

use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span of a document that a finding points at, with what it says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub doc: usize,
    pub span: Range<usize>,
    /// The source that states it (an index into `Release::sources`).
    pub source: usize,
    pub message: String,
}

/// Something wrong in the documents: a figure that does not agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// The figure being judged.
    pub primary: Mark,
    /// Every other figure involved.
    pub labels: Vec<Mark>,
    /// What to verify.
    pub help: String,
    /// The arithmetic that decided it.
    pub explain: String,
}

/// A severity, or `off`.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    /// The severity, or `None` for off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}
