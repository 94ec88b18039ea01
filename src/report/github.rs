//! GitHub Actions workflow commands: an annotation on the pull request per
//! finding, ten of each kind at most.

use std::io::{self, Write};

use super::{plural, Format, Positions, Summary};
use crate::check::{Report, Severity};

/// GitHub shows at most this many annotations of each kind per step.
pub const GITHUB_ANNOTATIONS_PER_KIND: usize = 10;

/// `--format github`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

impl Format for Github {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_github(out, report)
    }
}

/// `::error file=…,line=…,col=…,title=…::message`, ten of each kind at most
/// (GitHub drops the rest), then one notice that counts what was left out.
fn write_github(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut positions = Positions::new(report);
    let mut shown = [0usize; 3];
    let mut left_out = 0;
    for f in report.findings() {
        let (command, slot) = match f.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            Severity::Info => ("notice", 2),
        };
        if shown[slot] == GITHUB_ANNOTATIONS_PER_KIND {
            left_out += 1;
            continue;
        }
        shown[slot] += 1;
        let (line, column) = positions.line_column(f.primary.doc, f.primary.span.start);
        let file = &report.release.docs[f.primary.doc].name;
        writeln!(
            out,
            "::{command} file={},line={line},col={column},title={}::{}",
            github_property(file),
            github_property(&format!("crosscheck {}", f.rule)),
            github_message(&format!("{} ({})", f.message, f.help))
        )?;
    }
    let s = Summary::of(report);
    if left_out > 0 {
        let (more, are) = (plural(left_out, "more finding"), if left_out == 1 { "is" } else { "are" });
        writeln!(
            out,
            "::notice title=crosscheck::{more} {are} not annotated (GitHub shows {GITHUB_ANNOTATIONS_PER_KIND} of each kind); run crosscheck check locally to see them all"
        )?;
    }
    writeln!(out, "crosscheck: {} in {}", s.findings(), plural(s.files, "file"))
}

fn github_message(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_message(s).replace(':', "%3A").replace(',', "%2C")
}
