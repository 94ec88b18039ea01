//! User rule files (contract version 1, DESIGN.md "Rules (YAML)"): metrics
//! that name measures, and rules of kind agree, sum, ratio, change and range.
//!
//! A rule file is checked as it loads: unknown keys, wrong types, bad regexes,
//! rules naming metrics that do not exist, missing fields and cycles in
//! `extends` are errors that point into the YAML, never a silent pass.

use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use regex::Regex;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

pub use crate::finding::Level;
use crate::finding::Severity;

/// What a rule file may name that crosscheck itself provides: the built-in
/// packs (for `extends`) and the ids of the built-in checks (taken ids, and
/// `severities`). The caller passes them in: config stands below the
/// checks and the packs' loader, and imports neither.
#[derive(Debug, Clone, Copy)]
pub struct Builtins<'a> {
    pub packs: &'a [&'a str],
    pub checks: &'a [&'a str],
}

/// The largest rule file read, in bytes: anything larger is refused.
pub const MAX_RULE_FILE_BYTES: usize = 1024 * 1024;

/// A rule file as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSpec {
    #[schemars(with = "u32")]
    pub version: Spanned<u32>,
    /// Built-in packs to load first, or other rule files (paths relative to this one).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub extends: Vec<Spanned<String>>,
    #[serde(default)]
    pub metrics: Vec<MetricSpec>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Regexes of text that never holds figures.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    /// Severities of rules, built-in or user (`similar-mismatch: off`).
    #[serde(default)]
    pub severities: std::collections::BTreeMap<String, Level>,
    /// Rules turned off for the files a glob matches.
    #[serde(default)]
    pub disable: Vec<DisableSpec>,
    /// Which files of the folders checked are read.
    #[serde(default)]
    pub files: Option<FilesSpec>,
}

/// Which files of a folder are read: globs on the path as given, or relative
/// to the rule file's folder. Files named on the command line are always read.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesSpec {
    /// Read only the files one of these matches (`**/*.md`, `**/*.rst`); none:
    /// the documents (.txt, .md, .markdown, .html, .htm, .docx).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// Never read the files these match, nor anything in a folder they match (`drafts`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
}

/// Rules turned off for some files.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisableSpec {
    /// A glob on the file's path as given (`drafts/**/*.md`).
    #[schemars(with = "String")]
    pub files: Spanned<String>,
    /// The rules turned off there.
    #[schemars(with = "Vec<String>")]
    pub rules: Vec<Spanned<String>>,
}

/// A measure named explicitly.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Regex on the figure's normalised label.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// The normalised unit (`元`, `%`).
    #[serde(default)]
    pub unit: Option<String>,
    /// Regex on the title of the source that states it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// Regex on the sentence the figure stands in.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub context: Option<Spanned<String>>,
}

/// What a rule checks.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    Agree,
    Sum,
    Ratio,
    Change,
    Range,
}

/// The direction of a change rule.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Decrease,
    Increase,
}

/// A rule as written. Which fields it needs depends on its kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "RuleKind")]
    pub kind: Spanned<RuleKind>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub message: Option<String>,
    /// agree: the metrics that must agree.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub metrics: Option<Vec<Spanned<String>>>,
    /// sum: the total and its parts; exhaustive (default) or at most.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub total: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub parts: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub exhaustive: Option<bool>,
    /// ratio and change: the stated percent.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub value: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub numerator: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub denominator: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub current: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub delta: Option<Spanned<String>>,
    #[serde(default)]
    pub direction: Option<Direction>,
    /// range: the metric and its bounds.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub metric: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub min: Option<Decimal>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub max: Option<Decimal>,
}

/// A metric, compiled.
#[derive(Debug, Clone)]
pub struct Metric {
    pub id: String,
    pub label: Regex,
    pub unit: Option<String>,
    pub source: Option<Regex>,
    pub context: Option<Regex>,
}

/// A rule, compiled: metric references resolved to indexes into `metrics`.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub message: Option<String>,
    pub check: RuleCheck,
    /// Where it is defined: `file:line`.
    pub defined: String,
}

/// What a compiled rule checks.
#[derive(Debug, Clone)]
pub enum RuleCheck {
    Agree { metrics: Vec<usize> },
    Sum { total: usize, parts: Vec<usize>, exhaustive: bool },
    Ratio { value: usize, numerator: usize, denominator: usize },
    Change { value: usize, current: usize, delta: usize, decrease: bool },
    Range { metric: usize, min: Option<Decimal>, max: Option<Decimal> },
}

/// The user rules of a run: metrics, rules and ignore patterns, from every
/// rule file loaded (and the files each extends).
#[derive(Debug, Clone, Default)]
pub struct UserRules {
    pub metrics: Vec<Metric>,
    pub rules: Vec<Rule>,
    pub ignore: Vec<Regex>,
    /// Built-in packs named by `extends`.
    pub packs: Vec<String>,
    /// Severity overrides by rule id (`None`: off).
    pub severities: std::collections::BTreeMap<String, Option<Severity>>,
    /// Rules turned off per file glob.
    pub disabled: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// Which files of a folder are read.
    pub files: FileFilter,
}

/// The `files:` globs of every rule file, each with the folder it is relative to.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    include: Vec<(globset::GlobMatcher, PathBuf)>,
    exclude: Vec<(globset::GlobMatcher, PathBuf)>,
}

/// The extensions of the documents crosscheck reads from a folder when the
/// config's `files.include` does not say which files to read.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "docx"];

/// Whether a file's extension is one of [`DOCUMENT_EXTENSIONS`] (any case).
pub fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

impl FileFilter {
    /// True when a file found in a folder is to be read: a document type
    /// (or, when `files.include` is given, a file it matches) not excluded.
    pub fn reads(&self, path: &Path) -> bool {
        let absolute = std::path::absolute(path).ok();
        let given = path.strip_prefix(".").unwrap_or(path);
        let matches = |(glob, base): &(globset::GlobMatcher, PathBuf), whole: bool| {
            let relative = absolute.as_deref().and_then(|p| p.strip_prefix(base).ok());
            [Some(given), relative].into_iter().flatten().any(|p| {
                if whole {
                    glob.is_match(p)
                } else {
                    p.ancestors().filter(|a| !a.as_os_str().is_empty()).any(|a| glob.is_match(a))
                }
            })
        };
        (if self.include.is_empty() { is_document(path) } else { self.include.iter().any(|g| matches(g, true)) })
            && !self.exclude.iter().any(|g| matches(g, false))
    }
}

impl UserRules {
    /// The severity the user gives rule `id` in file `file`: `None` when the
    /// user says nothing, `Some(None)` when it is turned off there.
    pub fn severity(&self, id: &str, file: &str) -> Option<Option<Severity>> {
        if self.disabled.iter().any(|(glob, rules)| rules.iter().any(|r| r == id) && glob.is_match(file)) {
            return Some(None);
        }
        self.severities.get(id).copied()
    }
}

/// A mistake in a rule file, pointing into it.
#[derive(Debug, Error, Diagnostic)]
pub enum RuleFileError {
    #[error("cannot read rule file {path}: {reason}")]
    #[diagnostic(code(crosscheck::rules::io))]
    Io { path: String, reason: std::io::Error },
    #[error("rule file {path} is {size} bytes; the most crosscheck reads is {max}")]
    #[diagnostic(code(crosscheck::rules::too_large))]
    TooLarge { path: String, size: usize, max: usize },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidRuleFile>),
    /// A YAML or type error, as serde-saphyr reports it (with its location).
    #[error("{path} is not a valid rule file")]
    #[diagnostic(code(crosscheck::rules::yaml))]
    Yaml {
        path: String,
        #[diagnostic_source]
        cause: Box<dyn Diagnostic + Send + Sync>,
    },
}

/// A rule file that parses but says something impossible, pointing at where.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(crosscheck::rules::invalid))]
pub struct InvalidRuleFile {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// Every key of a rule file, a metric and a rule: for "did you mean".
const FILE_KEYS: &[&str] =
    &["version", "extends", "metrics", "rules", "ignore", "severities", "disable", "files", "include", "exclude"];
const METRIC_KEYS: &[&str] = &["id", "label", "unit", "source", "context"];
const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "message",
    "metrics",
    "total",
    "parts",
    "exhaustive",
    "value",
    "numerator",
    "denominator",
    "current",
    "delta",
    "direction",
    "metric",
    "min",
    "max",
];

impl UserRules {
    /// Loads rule files in order; each file's `extends` are loaded before it.
    pub fn load(paths: &[PathBuf], builtin: Builtins<'_>) -> Result<UserRules, RuleFileError> {
        let mut rules = UserRules::default();
        let mut stack: Vec<(PathBuf, String)> = Vec::new();
        for path in paths {
            rules.load_file(path, builtin, &mut stack)?;
        }
        Ok(rules)
    }

    /// Loads one rule file from text (`path` names it in errors).
    pub fn from_text(path: &str, text: &str, builtin: Builtins<'_>) -> Result<UserRules, RuleFileError> {
        let mut rules = UserRules::default();
        rules.load_text(Path::new(path), text, builtin, &mut Vec::new())?;
        Ok(rules)
    }

    fn load_file(
        &mut self,
        path: &Path,
        builtin: Builtins<'_>,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Result<(), RuleFileError> {
        let name = path.display().to_string();
        let size =
            std::fs::metadata(path).map_err(|source| RuleFileError::Io { path: name.clone(), reason: source })?.len();
        if size > MAX_RULE_FILE_BYTES as u64 {
            return Err(RuleFileError::TooLarge { path: name, size: size as usize, max: MAX_RULE_FILE_BYTES });
        }
        let text = std::fs::read_to_string(path).map_err(|source| RuleFileError::Io { path: name, reason: source })?;
        self.load_text(path, &text, builtin, stack)
    }

    fn load_text(
        &mut self,
        path: &Path,
        text: &str,
        builtin: Builtins<'_>,
        stack: &mut Vec<(PathBuf, String)>,
    ) -> Result<(), RuleFileError> {
        let name = path.display().to_string();
        if text.len() > MAX_RULE_FILE_BYTES {
            return Err(RuleFileError::TooLarge { path: name, size: text.len(), max: MAX_RULE_FILE_BYTES });
        }
        let spec: RuleFileSpec = serde_saphyr::from_str(text).map_err(|err| yaml_error(&name, text, &err))?;
        let invalid = |at: Option<Range<usize>>, message: String, label: &str, help: Option<String>| {
            RuleFileError::Invalid(Box::new(InvalidRuleFile {
                message,
                src: NamedSource::new(name.clone(), text.to_string()),
                span: at.map_or(SourceSpan::from(0..0), SourceSpan::from),
                label: label.to_string(),
                help,
            }))
        };
        if spec.version.value != 1 {
            return Err(invalid(
                span_of(&spec.version),
                format!("{name}: rule file version {} is not known", spec.version.value),
                "this version",
                Some("write `version: 1`".into()),
            ));
        }
        // extends: built-in packs by name, other rule files by path, no cycles.
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if stack.iter().any(|(c, _)| *c == canonical) {
            return Err(invalid(None, format!("{name} extends itself through {}", chain(stack)), "", None));
        }
        stack.push((canonical, name.clone()));
        for extend in &spec.extends {
            let target = extend.value.as_str();
            if builtin.packs.contains(&target) {
                if !self.packs.iter().any(|p| p == target) {
                    self.packs.push(target.to_string());
                }
                continue;
            }
            let file = path.parent().unwrap_or(Path::new(".")).join(target);
            if !file.exists() {
                return Err(invalid(
                    span_of(extend),
                    format!("`{target}` is neither a built-in pack nor a rule file"),
                    "extended here",
                    Some(format!("built-in packs: {}", builtin.packs.join(", "))),
                ));
            }
            let canonical_target = file.canonicalize().unwrap_or_else(|_| file.clone());
            if stack.iter().any(|(c, _)| *c == canonical_target) {
                return Err(invalid(
                    span_of(extend),
                    format!("a cycle in extends: {} → {target}", chain(stack)),
                    "extends a file that extends this one",
                    None,
                ));
            }
            self.load_file(&file, builtin, stack)?;
        }
        stack.pop();

        let compile = |s: &Spanned<String>, what: &str| {
            Regex::new(&s.value).map_err(|e| {
                invalid(span_of(s), format!("{what} is not a valid regex"), "this regex", Some(e.to_string()))
            })
        };
        for m in &spec.metrics {
            if self.metrics.iter().any(|o| o.id == m.id.value) {
                return Err(invalid(
                    span_of(&m.id),
                    format!("metric `{}` is defined twice", m.id.value),
                    "again here",
                    None,
                ));
            }
            self.metrics.push(Metric {
                id: m.id.value.clone(),
                label: compile(&m.label, "the label")?,
                unit: m.unit.clone(),
                source: m.source.as_ref().map(|s| compile(s, "the source")).transpose()?,
                context: m.context.as_ref().map(|s| compile(s, "the context")).transpose()?,
            });
        }
        for pattern in &spec.ignore {
            self.ignore.push(compile(pattern, "an ignore pattern")?);
        }
        if let Some(files) = &spec.files {
            let base = path.parent().and_then(|p| std::path::absolute(p).ok()).unwrap_or_default();
            for (globs, out) in [(&files.include, &mut self.files.include), (&files.exclude, &mut self.files.exclude)] {
                for g in globs {
                    let glob = globset::Glob::new(&g.value).map_err(|e| {
                        invalid(span_of(g), "this is not a valid glob".into(), "this glob", Some(e.to_string()))
                    })?;
                    out.push((glob.compile_matcher(), base.clone()));
                }
            }
        }
        for r in &spec.rules {
            let metric = |s: &Spanned<String>| -> Result<usize, RuleFileError> {
                self.metrics.iter().position(|m| m.id == s.value).ok_or_else(|| {
                    let ids: Vec<&str> = self.metrics.iter().map(|m| m.id.as_str()).collect();
                    invalid(
                        span_of(s),
                        format!("rule `{}` names metric `{}`, which is not defined", r.id.value, s.value),
                        "no such metric",
                        Some(suggest(&s.value, &ids).map_or_else(
                            || {
                                format!(
                                    "defined metrics: {}",
                                    if ids.is_empty() { "none".into() } else { ids.join(", ") }
                                )
                            },
                            |s| format!("did you mean `{s}`?"),
                        )),
                    )
                })
            };
            let need = |field: &Option<Spanned<String>>, name: &str| -> Result<usize, RuleFileError> {
                match field {
                    Some(s) => metric(s),
                    None => Err(invalid(
                        span_of(&r.kind),
                        format!("rule `{}` of kind {:?} needs `{name}`", r.id.value, r.kind.value).to_lowercase(),
                        "this kind",
                        None,
                    )),
                }
            };
            let check = match r.kind.value {
                RuleKind::Agree => {
                    let list = r.metrics.as_deref().unwrap_or_default();
                    if list.len() < 2 {
                        return Err(invalid(
                            span_of(&r.kind),
                            format!("rule `{}` of kind agree needs `metrics` with two or more", r.id.value),
                            "this kind",
                            None,
                        ));
                    }
                    RuleCheck::Agree { metrics: list.iter().map(metric).collect::<Result<_, _>>()? }
                }
                RuleKind::Sum => {
                    let parts = r.parts.as_deref().unwrap_or_default();
                    if parts.is_empty() {
                        return Err(invalid(
                            span_of(&r.kind),
                            format!("rule `{}` of kind sum needs `parts`", r.id.value),
                            "this kind",
                            None,
                        ));
                    }
                    RuleCheck::Sum {
                        total: need(&r.total, "total")?,
                        parts: parts.iter().map(metric).collect::<Result<_, _>>()?,
                        exhaustive: r.exhaustive.unwrap_or(true),
                    }
                }
                RuleKind::Ratio => RuleCheck::Ratio {
                    value: need(&r.value, "value")?,
                    numerator: need(&r.numerator, "numerator")?,
                    denominator: need(&r.denominator, "denominator")?,
                },
                RuleKind::Change => RuleCheck::Change {
                    value: need(&r.value, "value")?,
                    current: need(&r.current, "current")?,
                    delta: need(&r.delta, "delta")?,
                    decrease: r.direction.unwrap_or(Direction::Decrease) == Direction::Decrease,
                },
                RuleKind::Range => {
                    if r.min.is_none() && r.max.is_none() {
                        return Err(invalid(
                            span_of(&r.kind),
                            format!("rule `{}` of kind range needs `min` or `max`", r.id.value),
                            "this kind",
                            None,
                        ));
                    }
                    RuleCheck::Range { metric: need(&r.metric, "metric")?, min: r.min, max: r.max }
                }
            };
            if !is_kebab(&r.id.value) {
                return Err(invalid(
                    span_of(&r.id),
                    format!("rule id `{}` is not kebab-case", r.id.value),
                    "this id",
                    Some("ids are lowercase words joined by `-`: `gdp-by-industry`".into()),
                ));
            }
            if self.rules.iter().any(|o| o.id == r.id.value) || builtin.checks.contains(&r.id.value.as_str()) {
                return Err(invalid(
                    span_of(&r.id),
                    format!("rule id `{}` is already taken", r.id.value),
                    "again here",
                    None,
                ));
            }
            self.rules.push(Rule {
                id: r.id.value.clone(),
                severity: r.severity.unwrap_or(Severity::Error),
                message: r.message.clone(),
                check,
                defined: format!("{name}:{}", r.id.referenced.line()),
            });
        }
        // `disable` and `severities` name built-in rules or rules of this or
        // an earlier file: a misspelled id would leave the rule on, silently.
        let mut ids: Vec<&str> = builtin.checks.to_vec();
        ids.extend(self.rules.iter().map(|r| r.id.as_str()));
        let unknown = |id: &str, at: Option<Range<usize>>, place: &str| {
            invalid(
                at,
                format!("`{place}` names rule `{id}`, which does not exist"),
                "no such rule",
                Some(suggest(id, &ids).map_or_else(
                    || "`crosscheck rules` lists the rules".into(),
                    |s| format!("did you mean `{s}`? `crosscheck rules` lists the rules"),
                )),
            )
        };
        let mut disabled = Vec::new();
        for d in &spec.disable {
            let glob = globset::Glob::new(&d.files.value).map_err(|e| {
                invalid(span_of(&d.files), "`files` is not a valid glob".into(), "this glob", Some(e.to_string()))
            })?;
            if let Some(id) = d.rules.iter().find(|r| !ids.contains(&r.value.as_str())) {
                return Err(unknown(&id.value, span_of(id), "disable"));
            }
            disabled.push((glob.compile_matcher(), d.rules.iter().map(|r| r.value.clone()).collect()));
        }
        let mut severities = Vec::new();
        for (id, level) in &spec.severities {
            if !ids.contains(&id.as_str()) {
                let at = text.find(&format!("{id}:")).map(|s| s..s + id.len());
                return Err(unknown(id, at, "severities"));
            }
            severities.push((id.clone(), level.severity()));
        }
        self.disabled.extend(disabled);
        self.severities.extend(severities);
        Ok(())
    }
}

/// The byte range a spanned value was written at, if known.
fn span_of<T>(s: &Spanned<T>) -> Option<Range<usize>> {
    let span = s.referenced.span();
    let start = span.byte_offset()? as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    Some(start..start + len.max(1))
}

fn chain(stack: &[(PathBuf, String)]) -> String {
    stack.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(" → ")
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// A YAML or type error as a located error in the user's words: the file
/// and the spot, what was expected, and an example of a right value (or
/// "did you mean" for a misspelled key or value).
fn yaml_error(path: &str, text: &str, err: &serde_saphyr::Error) -> RuleFileError {
    use serde_saphyr::Error as E;
    let err = err.without_snippet();
    let at = err.location().and_then(|l| {
        let span = l.span();
        match span.byte_offset() {
            Some(start) => {
                let start = (start as usize).min(text.len());
                let len = span.byte_len().unwrap_or(1) as usize;
                Some(start..(start + len.max(1)).min(text.len().max(start)))
            }
            None => offset_of(text, l.line() as usize, l.column() as usize).map(|s| s..s + 1),
        }
    });
    let key = at.as_ref().and_then(|r| key_before(text, r.start));
    let example = |key: Option<&str>| key.and_then(example_of).map(|e| format!("for example `{e}`"));
    let (message, label, help) = match err {
        E::SerdeUnknownField { field, expected, .. } => {
            let keys: Vec<&str> = if expected.is_empty() {
                FILE_KEYS.iter().chain(METRIC_KEYS).chain(RULE_KEYS).copied().collect()
            } else {
                expected.clone()
            };
            let help = match suggest(field, &keys) {
                Some(best) => format!("did you mean `{best}`? The keys here are {}", keys.join(", ")),
                None => format!("the keys here are {}", keys.join(", ")),
            };
            (format!("unknown key `{field}`"), "not a key here".to_string(), Some(help))
        }
        E::SerdeUnknownVariant { variant, expected, .. } => {
            let what = value_kind(expected);
            let help = match suggest(variant, expected) {
                Some(best) => format!("did you mean `{best}`? Write one of {}", expected.join(", ")),
                None => format!("write one of {}", expected.join(", ")),
            };
            let help = match example(key.as_deref()) {
                Some(e) => format!("{help}; {e}"),
                None => help,
            };
            (format!("`{variant}` is not {what}"), format!("not {what}"), Some(help))
        }
        E::SerdeMissingField { field, .. } => (
            format!("`{field}` is missing"),
            format!("this needs `{field}`"),
            Some(example(Some(field)).unwrap_or_else(|| format!("add `{field}: …`"))),
        ),
        E::SerdeInvalidType { unexpected, expected, .. } | E::SerdeInvalidValue { unexpected, expected, .. } => {
            let expected = in_words(expected);
            (
                format!("{} should be {expected}, not {}", key_name(key.as_deref()), in_words(unexpected)),
                format!("expected {expected}"),
                example(key.as_deref()),
            )
        }
        E::Unexpected { expected, .. } => {
            let expected = in_words(expected);
            (
                format!("{} should be {expected}", key_name(key.as_deref())),
                format!("expected {expected}"),
                example(key.as_deref()),
            )
        }
        other => {
            let message = other.to_string();
            // serde-saphyr ends its message with the location, which the label shows.
            let message = match message.rsplit_once(" at line ") {
                Some((before, after))
                    if after.split_whitespace().all(|w| w == "column" || w.parse::<u64>().is_ok()) =>
                {
                    before.to_string()
                }
                _ => message,
            };
            (format!("not valid YAML: {message}"), message, None)
        }
    };
    RuleFileError::Invalid(Box::new(InvalidRuleFile {
        message: format!("{path}: {message}"),
        src: NamedSource::new(path, text.to_string()),
        span: at.map_or(SourceSpan::from(0..0), SourceSpan::from),
        label,
        help,
    }))
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = &text[start..];
    Some(start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i))
}

/// The key whose value stands at `pos`: `parts` in `parts: primary`.
fn key_before(text: &str, pos: usize) -> Option<String> {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..pos].trim_end().strip_suffix(':')?;
    let key = before.rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next()?;
    (!key.is_empty()).then(|| key.to_string())
}

fn key_name(key: Option<&str>) -> String {
    key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"))
}

/// What a value of a closed set is: a severity, a rule kind, a direction.
fn value_kind(expected: &[&str]) -> &'static str {
    if expected.contains(&"warning") {
        "a severity"
    } else if expected.contains(&"ratio") {
        "a rule kind"
    } else if expected.contains(&"decrease") {
        "a direction"
    } else {
        "a value known here"
    }
}

/// serde's and YAML's names of what was expected, in a user's words.
fn in_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        _ if e.contains("sequence") => "a list (`[a, b]`, or one `- item` per line)",
        _ if e.starts_with("struct") || e.contains("map") => "a mapping (`key: value` lines)",
        _ if e.contains("u32") || e.contains("u64") || e.contains("integer") => "a whole number",
        _ if e.contains("decimal") || e.contains("float") || e.contains("f64") => "a number",
        _ if e.contains("bool") => "true or false",
        _ if e.contains("string") || e.contains("str") => "text",
        _ => e,
    };
    words.to_string()
}

/// An example of a right value for a key of a rule file.
fn example_of(key: &str) -> Option<&'static str> {
    Some(match key {
        "version" => "version: 1",
        "extends" => "extends: [zh, en]",
        "metrics" => "metrics: [gdp, gdp-again]",
        "parts" => "parts: [primary, secondary, tertiary]",
        "rules" => "rules: [figure-mismatch]",
        "ignore" => "ignore: [\"“[^”]{1,12}”案\"]",
        "include" => "include: [\"**/*.md\"]",
        "exclude" => "exclude: [archive]",
        "severity" => "severity: warning",
        "kind" => "kind: sum",
        "direction" => "direction: decrease",
        "exhaustive" => "exhaustive: true",
        "min" => "min: 0",
        "max" => "max: 100",
        "id" => "id: gdp",
        "label" => "label: \"地区生产总值\"",
        "files" => "files: \"drafts/**\"",
        "total" | "value" | "numerator" | "denominator" | "current" | "delta" | "metric" => return None,
        _ if key.contains('-') => "similar-mismatch: off",
        _ => return None,
    })
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// The JSON Schema of a rule file (and of `crosscheck.yaml`), for editors.
pub fn schema() -> String {
    let schema = schemars::schema_for!(RuleFileSpec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The commented starter `crosscheck init` writes.
pub const STARTER: &str = r#"# yaml-language-server: $schema=./crosscheck.schema.json
# crosscheck project config: found from the current folder upwards, or given
# with --config. It holds the rules your releases must satisfy; `crosscheck
# rules` lists them and `crosscheck explain ID` documents one.
version: 1

# Built-in packs to load (zh, en): both are loaded by default.
extends: [zh, en]

# Measures, named once: a regex on the figure's label (what it counts, as
# `crosscheck figures` shows it), and optionally its unit, the source that
# states it and its sentence.
metrics:
  - id: gdp
    label: "地区生产总值|国内生产总值"
    unit: 元
  - id: primary
    label: "第一产业增加值"
    unit: 元
  - id: secondary
    label: "第二产业增加值"
    unit: 元
  - id: tertiary
    label: "第三产业增加值"
    unit: 元

# Rules over the metrics: agree, sum, ratio, change or range. Each has a
# stable id, a severity (error, warning, info) and a message of your own.
rules:
  - id: gdp-by-industry
    kind: sum
    total: gdp
    parts: [primary, secondary, tertiary]
    exhaustive: true
    severity: error
    message: 三次产业增加值之和与地区生产总值不符

# Text that never holds figures (regexes).
ignore:
  - "“[^”]{1,12}”案"

# Severities of any rule, built-in or yours; `off` turns one off.
severities:
  similar-mismatch: info

# Rules turned off for some files (globs on the paths as given).
disable:
  - files: "drafts/**"
    rules: [similar-mismatch]

# Which files of a folder are read (globs on the paths as given, or relative
# to this file's folder); files named on the command line are always read.
files:
  include: ["**/*.txt", "**/*.md", "**/*.markdown", "**/*.html", "**/*.htm", "**/*.docx"]
  exclude: [archive]
"#;
