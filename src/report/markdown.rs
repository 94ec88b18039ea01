//! A Markdown table of the findings and a summary, for a pull-request comment.

use std::io::{self, Write};

use super::{plural, Format, Positions, Summary};
use crate::check::Report;

/// `--format markdown`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Format for Markdown {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_markdown(out, report)
    }
}

/// A table of the findings and a summary, for a pull-request comment.
fn write_markdown(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let s = Summary::of(report);
    writeln!(out, "### crosscheck: {}", s.findings())?;
    writeln!(out)?;
    if report.findings().is_empty() {
        let (files, figures, measures) =
            (plural(s.files, "file"), plural(s.figures, "figure"), plural(s.measures, "measure"));
        return writeln!(out, "No findings in {files} ({figures}, {measures}).");
    }
    writeln!(out, "| severity | rule | where | finding |")?;
    writeln!(out, "|---|---|---|---|")?;
    let mut positions = Positions::new(report);
    for f in report.findings() {
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(
            out,
            "| {} | `{}` | `{}:{line}:{column}` | {} |",
            f.severity.as_str(),
            f.rule,
            markdown_cell(file),
            markdown_cell(&f.message)
        )?;
    }
    writeln!(out)?;
    let counts = [
        plural(s.files, "file"),
        plural(s.sources, "source"),
        plural(s.figures, "figure"),
        plural(s.measures, "measure"),
    ];
    writeln!(out, "{}.", counts.join(", "))
}

fn markdown_cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}
