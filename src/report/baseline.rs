//! Baselines: the findings a team has accepted, recorded so that CI reports
//! only new ones. A finding is known by a fingerprint of its rule, the file,
//! the measure key of its figure and the figures as written, never by line
//! numbers, so edits elsewhere in the file leave it recognised.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Report};
use crate::graph::MeasureKey;

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    /// The message when it was recorded, for people reading the file.
    pub message: String,
}

/// A problem reading a baseline.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {reason}")]
    #[diagnostic(code(crosscheck::baseline::io))]
    Io { path: String, reason: std::io::Error },
    #[error("baseline {path} is not a crosscheck baseline: {reason}")]
    #[diagnostic(code(crosscheck::baseline::format), help("write one with `crosscheck check --write-baseline FILE`"))]
    Format { path: String, reason: serde_json::Error },
}

/// The measure key of each figure, by document and start.
type Keys<'a> = HashMap<(usize, usize), &'a MeasureKey>;

fn keys(report: &Report) -> Keys<'_> {
    report.release.mentions.iter().map(|m| ((m.doc, m.figure.span.start), &m.key)).collect()
}

/// The fingerprint of a finding: rule, file, the primary figure's measure key
/// and text, and the texts of the other figures, in order.
fn fingerprint(report: &Report, keys: &Keys, finding: &Finding) -> String {
    let text = |doc: usize, span: &std::ops::Range<usize>| {
        report.release.docs.get(doc).and_then(|d| d.text.get(span.clone())).unwrap_or("").to_string()
    };
    let key = keys.get(&(finding.primary.doc, finding.primary.span.start)).map(ToString::to_string).unwrap_or_default();
    let file = report.release.docs.get(finding.primary.doc).map_or("", |d| d.name.as_str());
    let mut others: Vec<String> = finding.labels.iter().map(|l| text(l.doc, &l.span)).collect();
    others.sort();
    format!("{}|{file}|{key}|{}|{}", finding.rule, text(finding.primary.doc, &finding.primary.span), others.join(","))
}

/// The fingerprint of every finding of a report, in order.
pub fn fingerprints(report: &Report) -> Vec<String> {
    let keys = keys(report);
    report.findings().iter().map(|f| fingerprint(report, &keys, f)).collect()
}

/// The baseline of a report's findings.
pub fn of(report: &Report) -> Baseline {
    let keys = keys(report);
    let mut findings: Vec<Entry> = report
        .findings()
        .iter()
        .map(|f| Entry { rule: f.rule.clone(), fingerprint: fingerprint(report, &keys, f), message: f.message.clone() })
        .collect();
    findings.sort();
    findings.dedup();
    Baseline { version: 1, findings }
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|source| BaselineError::Io { path: name.clone(), reason: source })?;
    serde_json::from_str(&text).map_err(|source| BaselineError::Format { path: name, reason: source })
}

/// Drops the findings the baseline knows; returns its stale entries (those
/// no finding matches any more).
pub fn apply(report: &mut Report, baseline: &Baseline) -> Vec<Entry> {
    let known: BTreeSet<&str> = baseline.findings.iter().map(|e| e.fingerprint.as_str()).collect();
    let keys = keys(report);
    let prints: Vec<String> = report.findings().iter().map(|f| fingerprint(report, &keys, f)).collect();
    let seen: BTreeSet<&str> = prints.iter().map(String::as_str).collect();
    let mut keep = prints.iter().map(|p| !known.contains(p.as_str()));
    report.outcome.findings.retain(|_| keep.next().unwrap_or(true));
    baseline.findings.iter().filter(|e| !seen.contains(e.fingerprint.as_str())).cloned().collect()
}
