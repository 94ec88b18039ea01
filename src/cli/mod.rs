//! The command line: clap arguments → a run of the pipeline → an exit code.
//!
//! Exit codes (DESIGN.md): 0 nothing at or above `--fail-on`, 1 findings,
//! 2 usage, config or input error. Only this module and `report` write output.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::load::{Document, LoadError};
use crate::report::{self, CheckFormat, FigureFormat, HumanOptions, NumberFormat};
use crate::rule::check::Severity;
use crate::rule::Packs;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Proofs the figures in documents: repeated figures agree, parts add up, rates follow."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the figures of a release: repeated figures agree, parts fit their
    /// totals, rates and changes follow from their counts.
    Check {
        /// Files or folders, read as one release; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormatArg::Human)]
        format: CheckFormatArg,
        /// Exit 1 when a finding at or above this severity is reported.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Print the arithmetic behind every finding and every consistent relation.
        #[arg(long)]
        explain: bool,
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
    /// Draw the fact graph: sources, figures, measures and their relations.
    Graph {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = GraphFormatArg::Dot)]
        format: GraphFormatArg,
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
    /// List every figure: value as an interval, unit, label and measure key.
    Figures {
        /// Files or folders to read; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FigureFormatArg::Table)]
        format: FigureFormatArg,
        /// The name standard input is reported under.
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
    /// List every number expression read, before the figure filters.
    Numbers {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = NumberFormatArg::Table)]
        format: NumberFormatArg,
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CheckFormatArg {
    Human,
    Concise,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GraphFormatArg {
    Dot,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FigureFormatArg {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NumberFormatArg {
    Table,
    Json,
}

/// Runs the command line and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match run(cli, &mut out) {
        Ok(code) => code,
        Err(err) => {
            let _ = out.flush();
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{:?}", miette::Report::new(err));
            }
            2
        }
    };
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        _ => ExitCode::from(code),
    }
}

/// An error that stops the run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum RunError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pack(#[from] crate::rule::PackError),
    #[error("cannot write output: {0}")]
    #[diagnostic(code(crosscheck::output))]
    Output(#[from] io::Error),
}

/// Runs one command, writing to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<u8, RunError> {
    let packs = Packs::builtin()?;
    match cli.command {
        Command::Check { paths, format, fail_on, explain, stdin_filename } => {
            let (docs, failed) = load_all(&paths, &stdin_filename)?;
            let report = crate::check_with(docs, &packs, explain);
            let format = match format {
                CheckFormatArg::Human => CheckFormat::Human,
                CheckFormatArg::Concise => CheckFormat::Concise,
                CheckFormatArg::Json => CheckFormat::Json,
            };
            let color = std::io::IsTerminal::is_terminal(&io::stdout()) && std::env::var_os("NO_COLOR").is_none();
            report::write_check(out, &report, format, HumanOptions { color, width: 100, explain })?;
            let threshold = match fail_on {
                FailOn::Error => Some(Severity::Error),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Info => Some(Severity::Info),
                FailOn::Never => None,
            };
            let failing = threshold.is_some_and(|t| report.findings().iter().any(|f| f.severity >= t));
            Ok(if failed {
                2
            } else if failing {
                1
            } else {
                0
            })
        }
        Command::Graph { paths, format, stdin_filename } => {
            let (docs, failed) = load_all(&paths, &stdin_filename)?;
            let report = crate::check(docs, &packs);
            match format {
                GraphFormatArg::Dot => out.write_all(report.graph.to_dot(&report.release).as_bytes())?,
                GraphFormatArg::Json => report::write_graph_json(out, &report)?,
            }
            Ok(if failed { 2 } else { 0 })
        }
        Command::Figures { paths, format, stdin_filename } => {
            let (docs, failed) = load_all(&paths, &stdin_filename)?;
            let format = match format {
                FigureFormatArg::Table => FigureFormat::Table,
                FigureFormatArg::Json => FigureFormat::Json,
                FigureFormatArg::Jsonl => FigureFormat::Jsonl,
                FigureFormatArg::Csv => FigureFormat::Csv,
                FigureFormatArg::Markdown => FigureFormat::Markdown,
            };
            report::write_figures(out, &docs, &packs, format)?;
            Ok(if failed { 2 } else { 0 })
        }
        Command::Numbers { paths, format, stdin_filename } => {
            let (docs, failed) = load_all(&paths, &stdin_filename)?;
            let format = match format {
                NumberFormatArg::Table => NumberFormat::Table,
                NumberFormatArg::Json => NumberFormat::Json,
            };
            report::write_numbers(out, &docs, &packs, format)?;
            Ok(if failed { 2 } else { 0 })
        }
    }
}

/// Loads every path; a file that cannot be read is reported on stderr and the
/// others are still read (the returned flag says one failed).
fn load_all(paths: &[PathBuf], stdin_name: &str) -> Result<(Vec<Document>, bool), RunError> {
    let mut docs = Vec::new();
    let mut failed = false;
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(|source| LoadError::Io { path: "-".into(), source })?;
            push_or_report(Document::from_bytes(stdin_name.to_string(), bytes), &mut docs, &mut failed);
            continue;
        }
        let mut files = Vec::new();
        collect_files(path, &mut files).map_err(|source| LoadError::Io { path: path.display().to_string(), source })?;
        for file in files {
            push_or_report(Document::read(&file), &mut docs, &mut failed);
        }
    }
    Ok((docs, failed))
}

fn push_or_report(doc: Result<Document, LoadError>, docs: &mut Vec<Document>, failed: &mut bool) {
    match doc {
        Ok(doc) => docs.push(doc),
        Err(err) => {
            *failed = true;
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{:?}", miette::Report::new(err));
            }
        }
    }
}

/// A file, or the files of a folder in name order (hidden entries skipped).
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    if !path.is_dir() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_none_or(|n| !n.starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        collect_files(&entry, files)?;
    }
    Ok(())
}
