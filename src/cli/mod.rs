//! The command line: clap arguments → a run of the pipeline → an exit code.
//!
//! Exit codes (DESIGN.md): 0 nothing at or above `--fail-on`, 1 findings,
//! 2 usage, config or input error. Only this module and `report` write output.

mod progress;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{Builtins, FileFilter, UserRules};
use crate::finding::Severity;
use crate::load::{Document, LoadError};
use crate::report::{self, CheckFormat, FigureFormat, HumanOptions, NumberFormat};
use progress::Progress;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Proofs the figures in documents: repeated figures agree, parts add up, rates follow."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The largest file read, in MB: larger ones are reported and left out.
    #[arg(long, global = true, default_value_t = 20, value_name = "MB")]
    pub max_file_size: u64,
    /// No progress and no notes on standard error; errors are still printed.
    #[arg(long, short, global = true)]
    pub quiet: bool,
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
        #[command(flatten)]
        rules: RuleArgs,
        /// Report only findings that this baseline does not record; its
        /// stale entries are listed on standard error.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the findings of this run in a baseline file.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
    /// List the effective rules: built-in checks and the rules of rule files.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Print a rule's documentation: what it checks, why, and examples.
    Explain {
        /// A rule id (`figure-mismatch`, or a rule of a rule file).
        rule: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write a commented starter crosscheck.yaml (and its JSON Schema) here.
    Init {
        /// Print the JSON Schema of the config to standard output instead.
        #[arg(long)]
        schema: bool,
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
    /// Write one self-contained HTML page for proofing: the documents with
    /// every figure marked by status, the findings with their arithmetic, a
    /// measures × sources matrix and a summary. Exits 0 even with findings.
    Report {
        /// Files or folders, read as one release; `-` reads standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The HTML file to write (never one of the inputs); `-` writes
        /// standard output. Without it: standard output when piped, and
        /// crosscheck-report.html in the current folder on a terminal.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long, default_value = "-")]
        stdin_filename: String,
    },
    /// Serve the proofing page on this computer: paste or upload drafts and
    /// see the report as you edit.
    Serve {
        /// The port to listen on; 0 picks a free one (the URL is printed).
        #[arg(long, default_value_t = 7878)]
        port: u16,
        /// The address to listen on; only this computer by default.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
    },
    /// Serve the Language Server Protocol on standard input and output: an
    /// editor shows the findings of the open documents as they are written.
    Lsp {
        #[command(flatten)]
        rules: RuleArgs,
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

/// Where user rules come from.
#[derive(Debug, Clone, clap::Args)]
pub struct RuleArgs {
    /// The project config (a rule file); by default `crosscheck.yaml` or
    /// `.crosscheck.yaml`, looked for from the current folder upwards.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A rule file loaded after the config; repeat for more.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

impl RuleArgs {
    /// The rule files of the run: the config (given or found), then `--rules`.
    fn files(&self) -> Vec<PathBuf> {
        let config = self.config.clone().or_else(find_config);
        config.into_iter().chain(self.rules.iter().cloned()).collect()
    }

    fn load(&self) -> Result<UserRules, RunError> {
        let builtin: Vec<&str> = crate::lexicon::pack::BUILTIN.iter().map(|(n, _)| *n).collect();
        let checks = crate::check::builtin_ids();
        Ok(UserRules::load(&self.files(), Builtins { packs: &builtin, checks: &checks })?)
    }
}

/// `crosscheck.yaml` or `.crosscheck.yaml` in the current folder or the
/// nearest folder above it.
fn find_config() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().find_map(|dir| {
        ["crosscheck.yaml", ".crosscheck.yaml"].iter().map(|name| dir.join(name)).find(|path| path.is_file())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

/// How `check` writes its findings (`--format`); report's [`CheckFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// miette diagnostics, as rustc writes them.
    Human,
    /// `file:line:col: severity[rule] message`, one line each.
    Concise,
    /// DESIGN.md's JSON contract.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A Markdown table, for a pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

impl From<CheckFormatArg> for CheckFormat {
    fn from(arg: CheckFormatArg) -> Self {
        match arg {
            CheckFormatArg::Human => CheckFormat::Human,
            CheckFormatArg::Concise => CheckFormat::Concise,
            CheckFormatArg::Json => CheckFormat::Json,
            CheckFormatArg::Github => CheckFormat::Github,
            CheckFormatArg::Markdown => CheckFormat::Markdown,
            CheckFormatArg::Sarif => CheckFormat::Sarif,
        }
    }
}

/// How `figures` writes them (`--format`); report's [`FigureFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FigureFormatArg {
    Table,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

impl From<FigureFormatArg> for FigureFormat {
    fn from(arg: FigureFormatArg) -> Self {
        match arg {
            FigureFormatArg::Table => FigureFormat::Table,
            FigureFormatArg::Json => FigureFormat::Json,
            FigureFormatArg::Jsonl => FigureFormat::Jsonl,
            FigureFormatArg::Csv => FigureFormat::Csv,
            FigureFormatArg::Markdown => FigureFormat::Markdown,
        }
    }
}

/// How `numbers` writes them (`--format`); report's [`NumberFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberFormatArg {
    Table,
    Json,
}

impl From<NumberFormatArg> for NumberFormat {
    fn from(arg: NumberFormatArg) -> Self {
        match arg {
            NumberFormatArg::Table => NumberFormat::Table,
            NumberFormatArg::Json => NumberFormat::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GraphFormatArg {
    Dot,
    Json,
}

/// Runs the command line and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not locked for the whole run: the language server's writer thread
    // writes to standard output too.
    let mut out = io::BufWriter::new(io::stdout());
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
    Pack(#[from] crate::lexicon::PackError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Rules(Box<crate::config::RuleFileError>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Baseline(#[from] report::baseline::BaselineError),
    #[error("{0} exists already; crosscheck init never overwrites a file")]
    #[diagnostic(code(crosscheck::exists))]
    Exists(String),
    #[error("no rule named `{id}`")]
    #[diagnostic(code(crosscheck::unknown_rule))]
    UnknownRule {
        id: String,
        #[help]
        help: String,
    },
    #[error("{0} is one of the inputs; crosscheck report never overwrites an input")]
    #[diagnostic(code(crosscheck::output_is_input), help("name another file with -o"))]
    OutputIsInput(String),
    #[error("cannot serve: {0}")]
    #[diagnostic(code(crosscheck::serve))]
    Serve(io::Error),
    #[error("cannot serve on {addr}: the port is in use (is another crosscheck serve running?)")]
    #[diagnostic(
        code(crosscheck::serve::port_in_use),
        help("pick another port with --port, or --port 0 for any free one")
    )]
    PortInUse { addr: std::net::SocketAddr },
    #[error("cannot write {path}: {reason}")]
    #[diagnostic(code(crosscheck::write))]
    Write { path: String, reason: io::Error },
    #[error(transparent)]
    #[diagnostic(code(crosscheck::lsp))]
    Lsp(#[from] crate::lsp::LspError),
    #[error("cannot write output: {0}")]
    #[diagnostic(code(crosscheck::output))]
    Output(#[from] io::Error),
}

impl From<crate::config::RuleFileError> for RunError {
    fn from(err: crate::config::RuleFileError) -> Self {
        RunError::Rules(Box::new(err))
    }
}

/// Runs one command, writing to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<u8, RunError> {
    let packs = crate::extract::examples::builtin_packs()?;
    let loader = Loader { max_bytes: cli.max_file_size.saturating_mul(1024 * 1024), quiet: cli.quiet };
    match cli.command {
        Command::Check { paths, format, fail_on, explain, rules, baseline, write_baseline, stdin_filename } => {
            let user = rules.load()?;
            let accepted = baseline.as_deref().map(report::baseline::read).transpose()?;
            let Loaded { docs, failed, progress } = loader.load(&paths, &stdin_filename, &user.files)?;
            let mut report = crate::check_rules(docs, &packs, &user, explain);
            progress.finish();
            if let Some(path) = write_baseline {
                let json = serde_json::to_string_pretty(&report::baseline::of(&report)).map_err(io::Error::other)?;
                write_file(&path, json + "\n")?;
            }
            if let Some(accepted) = accepted {
                let stale = report::baseline::apply(&mut report, &accepted);
                if !stale.is_empty() && !loader.quiet {
                    #[allow(clippy::print_stderr)]
                    {
                        let entries = report::plural(stale.len(), "stale entry");
                        eprintln!("baseline: {entries} (no finding matches them any more):");
                        for entry in &stale {
                            eprintln!("  {}: {}", entry.rule, entry.message);
                        }
                    }
                }
            }
            let color = std::io::IsTerminal::is_terminal(&io::stdout()) && std::env::var_os("NO_COLOR").is_none();
            report::write_check(out, &report, format.into(), HumanOptions { color, width: 100, explain })?;
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
        Command::Init { schema } => {
            if schema {
                out.write_all(crate::config::schema().as_bytes())?;
                return Ok(0);
            }
            let config = PathBuf::from("crosscheck.yaml");
            if config.exists() {
                return Err(RunError::Exists(config.display().to_string()));
            }
            write_file(&config, crate::config::STARTER)?;
            write_file(Path::new("crosscheck.schema.json"), crate::config::schema())?;
            writeln!(out, "wrote crosscheck.yaml and crosscheck.schema.json")?;
            Ok(0)
        }
        Command::Rules { rules } => {
            let user = rules.load()?;
            writeln!(out, "{:<24} {:<8} {:<8} where", "id", "kind", "severity")?;
            for check in crate::check::BUILTIN {
                writeln!(
                    out,
                    "{:<24} {:<8} {:<8} built in: {}",
                    check.id,
                    "built-in",
                    check.severity.as_str(),
                    check.summary
                )?;
            }
            for rule in &user.rules {
                let kind = crate::check::user::describe(rule);
                writeln!(out, "{:<24} {:<8} {:<8} {}", rule.id, kind, rule.severity.as_str(), rule.defined)?;
            }
            Ok(0)
        }
        Command::Explain { rule, rules } => {
            if let Some(check) = crate::check::BUILTIN.iter().find(|c| c.id == rule) {
                writeln!(
                    out,
                    "# {} ({}, built in)\n\n{}\n\n{}",
                    check.id,
                    check.severity.as_str(),
                    check.summary,
                    check.doc
                )?;
                return Ok(0);
            }
            let user = rules.load()?;
            let found = user.rules.iter().find(|r| r.id == rule).ok_or_else(|| {
                let mut ids: Vec<&str> = crate::check::BUILTIN.iter().map(|c| c.id).collect();
                ids.extend(user.rules.iter().map(|r| r.id.as_str()));
                let help = match crate::config::suggest(&rule, &ids) {
                    Some(best) => format!("did you mean `{best}`? `crosscheck rules` lists them"),
                    None => "`crosscheck rules` lists them".to_string(),
                };
                RunError::UnknownRule { id: rule.clone(), help }
            })?;
            let kind = crate::check::user::describe(found);
            writeln!(out, "# {} ({kind}, {}, defined at {})", found.id, found.severity.as_str(), found.defined)?;
            if let Some(message) = &found.message {
                writeln!(out, "\n{message}")?;
            }
            writeln!(out, "\n{}", crate::check::user::explain(found, &user))?;
            Ok(0)
        }
        Command::Graph { paths, format, stdin_filename } => {
            let Loaded { docs, failed, .. } = loader.load(&paths, &stdin_filename, &FileFilter::default())?;
            let report = crate::check(docs, &packs);
            match format {
                GraphFormatArg::Dot => out.write_all(report.graph.to_dot(&report.release).as_bytes())?,
                GraphFormatArg::Json => report::write_graph_json(out, &report)?,
            }
            Ok(if failed { 2 } else { 0 })
        }
        Command::Figures { paths, format, stdin_filename } => {
            let Loaded { docs, failed, .. } = loader.load(&paths, &stdin_filename, &FileFilter::default())?;
            let files = docs.len();
            report::write_figures(out, &crate::figure_records(docs, &packs), files, format.into())?;
            Ok(if failed { 2 } else { 0 })
        }
        Command::Report { paths, output, rules, stdin_filename } => {
            let user = rules.load()?;
            // No -o: a terminal gets a file beside it (42 KB of HTML is no use
            // there), a pipe gets the page.
            let chosen = output.is_none();
            let output = match output {
                Some(output) => output,
                None if io::IsTerminal::is_terminal(&io::stdout()) => default_report_path(&paths),
                None => PathBuf::from("-"),
            };
            let writes_file = output.as_os_str() != "-";
            if writes_file && paths.iter().any(|p| same_file(p, &output)) {
                return Err(RunError::OutputIsInput(output.display().to_string()));
            }
            let Loaded { docs, failed, progress } = loader.load(&paths, &stdin_filename, &user.files)?;
            if writes_file && docs.iter().any(|d| same_file(Path::new(&d.name), &output)) {
                return Err(RunError::OutputIsInput(output.display().to_string()));
            }
            let report = crate::check_rules(docs, &packs, &user, false);
            progress.finish();
            let html = report::html::render_report(&report);
            if writes_file {
                write_file(&output, html)?;
                if chosen {
                    writeln!(out, "wrote {} (open it in a browser; -o names another file)", output.display())?;
                }
            } else {
                out.write_all(html.as_bytes())?;
            }
            Ok(if failed { 2 } else { 0 })
        }
        Command::Lsp { rules } => {
            let user = rules.load()?;
            crate::lsp::run_stdio(&packs, &user)?;
            Ok(0)
        }
        Command::Serve { port, host } => {
            let addr = std::net::SocketAddr::new(host, port);
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(RunError::Serve)?;
            let mut announced: io::Result<()> = Ok(());
            let result = runtime.block_on(crate::serve::serve(addr, packs, |bound| {
                announced = writeln!(out, "crosscheck serve: http://{bound}/").and_then(|()| out.flush());
                if !host.is_loopback() {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("warning: listening on {host}: other computers can reach this page");
                    }
                }
            }));
            match result {
                Err(e) if e.kind() == io::ErrorKind::AddrInUse => return Err(RunError::PortInUse { addr }),
                other => other.map_err(RunError::Serve)?,
            }
            announced?;
            Ok(0)
        }
        Command::Numbers { paths, format, stdin_filename } => {
            let Loaded { docs, failed, .. } = loader.load(&paths, &stdin_filename, &FileFilter::default())?;
            report::write_numbers(out, &crate::number_records(&docs, &packs), docs.len(), format.into())?;
            Ok(if failed { 2 } else { 0 })
        }
    }
}

/// Writes a file, naming it in the error.
fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), RunError> {
    std::fs::write(path, contents)
        .map_err(|source| RunError::Write { path: path.display().to_string(), reason: source })
}

/// `crosscheck-report.html` in the current folder, or `crosscheck-report-2.html`
/// and so on when that is one of the inputs: an input is never overwritten.
fn default_report_path(inputs: &[PathBuf]) -> PathBuf {
    (1..)
        .map(|n| {
            PathBuf::from(if n == 1 { "crosscheck-report.html".into() } else { format!("crosscheck-report-{n}.html") })
        })
        .find(|candidate| !inputs.iter().any(|input| same_file(input, candidate) || input_holds(input, candidate)))
        .unwrap_or_else(|| PathBuf::from("crosscheck-report.html"))
}

/// Whether `file` lies in the folder `input` (a folder input holds its files).
fn input_holds(input: &Path, file: &Path) -> bool {
    match (input.canonicalize(), std::path::absolute(file)) {
        (Ok(folder), Ok(file)) => folder.is_dir() && file.starts_with(folder) && file.exists(),
        _ => false,
    }
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// How inputs are read: the global options of the run.
#[derive(Debug, Clone, Copy)]
struct Loader {
    max_bytes: u64,
    quiet: bool,
}

/// The documents of a run, whether one failed to load, and the progress shown.
struct Loaded {
    docs: Vec<Document>,
    failed: bool,
    progress: Progress,
}

impl Loader {
    /// Loads every path; a file that cannot be read is reported on stderr and
    /// the others are still read (`failed` says one failed). Files found in
    /// folders are read when `filter` (the config's `files:`) says so.
    fn load(&self, paths: &[PathBuf], stdin_name: &str, filter: &FileFilter) -> Result<Loaded, RunError> {
        let mut inputs = Vec::new();
        // A path that cannot be read is reported once; every other path is still checked.
        let mut unreadable = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                inputs.push(None);
                continue;
            }
            let mut files = Vec::new();
            collect_files(path, filter, &mut files, &mut unreadable);
            inputs.extend(files.into_iter().map(Some));
        }
        let progress = Progress::new(inputs.len(), self.quiet);
        let mut loaded = Loaded { docs: Vec::new(), failed: !unreadable.is_empty(), progress };
        for err in unreadable {
            loaded.progress.println(&format!("{:?}", miette::Report::new(err)));
        }
        for input in inputs {
            let doc = match &input {
                Some(file) => Document::read_limited(file, self.max_bytes),
                None => self.read_stdin(stdin_name)?,
            };
            loaded.progress.file(&input.map_or_else(|| stdin_name.to_string(), |f| f.display().to_string()));
            match doc {
                Ok(doc) => loaded.docs.push(doc),
                Err(err) => {
                    loaded.failed = true;
                    loaded.progress.println(&format!("{:?}", miette::Report::new(err)));
                }
            }
        }
        let noun = if loaded.docs.len() == 1 { "document" } else { "documents" };
        loaded.progress.checking(&format!("{} {noun}", loaded.docs.len()));
        Ok(loaded)
    }

    fn read_stdin(&self, stdin_name: &str) -> Result<Result<Document, LoadError>, RunError> {
        let mut bytes = Vec::new();
        io::stdin()
            .take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| LoadError::Io { path: "-".into(), reason: source })?;
        Ok(if bytes.len() as u64 > self.max_bytes {
            Err(LoadError::TooLarge { path: stdin_name.to_string(), size: bytes.len() as u64, max: self.max_bytes })
        } else {
            Document::from_bytes(stdin_name.to_string(), bytes)
        })
    }
}

/// A file, or the files of a folder walked as git sees it (`.gitignore`,
/// `.ignore` and hidden files honoured) that `filter` reads, in name order.
/// A path or folder entry that cannot be read goes to `unreadable`, with its path.
fn collect_files(path: &Path, filter: &FileFilter, files: &mut Vec<PathBuf>, unreadable: &mut Vec<LoadError>) {
    let io_error = |path: &Path, source: io::Error| LoadError::Io { path: path.display().to_string(), reason: source };
    match std::fs::metadata(path) {
        Err(source) if source.kind() == io::ErrorKind::NotFound => {
            let source = io::Error::new(io::ErrorKind::NotFound, "no such file or folder");
            return unreadable.push(io_error(path, source));
        }
        Err(source) => return unreadable.push(io_error(path, source)),
        Ok(meta) if !meta.is_dir() => return files.push(path.to_path_buf()),
        Ok(_) => {}
    }
    let walk = ignore::WalkBuilder::new(path).sort_by_file_name(|a, b| a.cmp(b)).require_git(false).build();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && filter.reads(entry.path()) => {
                files.push(entry.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let at = walk_error_path(&err).unwrap_or(path).to_path_buf();
                unreadable.push(io_error(&at, io::Error::other(walk_error_reason(err))));
            }
        }
    }
}

/// The path a folder walk's error is about, if it names one.
fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        _ => None,
    }
}

/// A folder walk's error without the path it names (the message names it once).
fn walk_error_reason(err: ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => walk_error_reason(*err),
        ignore::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}
