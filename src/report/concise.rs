//! `file:line:col: severity[rule] message`, one line per finding.

use std::io::{self, Write};

use super::{Format, Positions};
use crate::check::Report;

/// `--format concise`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Concise;

impl Format for Concise {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_concise(out, report)
    }
}

fn write_concise(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut positions = Positions::new(report);
    for f in report.findings() {
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(out, "{file}:{line}:{column}: {}[{}] {}", f.severity.as_str(), f.rule, f.message)?;
    }
    Ok(())
}
