//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: our own
//! serde structs (the subset crosscheck writes), with columns in UTF-16 code
//! units as SARIF counts them by default.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path};

use serde::Serialize;

use super::{Format, Positions};
use crate::check::{Mark, Report, Severity, BUILTIN};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// `%SRCROOT%` (the folder crosscheck ran in) for a relative `uri`;
    /// none for an absolute `file:` URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    snippet: Text,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: unreserved characters and `/` as they are,
/// everything else percent-encoded (Chinese file names included).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a document is, as SARIF wants it: a path inside the folder
/// crosscheck ran in (`base`) is a relative reference under `%SRCROOT%`,
/// without `.` or `..` segments; any other path (absolute, or relative but
/// outside the base) is an absolute `file:` URI, never a relative reference
/// that starts with `/` (the SARIF multitool's SARIF1004).
fn artifact_location(name: &str, base: Option<&Path>) -> ArtifactLocation {
    let relative = |path: &str| ArtifactLocation { uri: uri(path), uri_base_id: Some("%SRCROOT%") };
    let path = Path::new(name);
    let drive = name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic();
    if !path.is_absolute() && !drive {
        if let Some(inside) = lexical(path).filter(|p| !p.as_os_str().is_empty()) {
            return relative(&inside.to_string_lossy());
        }
    }
    let absolute = if path.is_absolute() || drive { Some(path.to_path_buf()) } else { base.map(|b| b.join(path)) };
    let Some(absolute) = absolute.and_then(|a| lexical_absolute(&a)) else { return relative(name) };
    if let Some(inside) = base.and_then(|b| absolute.strip_prefix(b).ok()).filter(|p| !p.as_os_str().is_empty()) {
        return relative(&inside.to_string_lossy());
    }
    let text = absolute.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches('/');
    // A drive letter keeps its colon: `file:///C:/releases/a.txt`.
    let (drive, rest) = match text.as_bytes() {
        [letter, b':', ..] if letter.is_ascii_alphabetic() => text.split_at(2),
        _ => ("", text),
    };
    ArtifactLocation { uri: format!("file:///{drive}{}", uri(rest)), uri_base_id: None }
}

/// A relative path without `.` segments, and `..` only where it cancels a
/// name before it; `None` when it climbs out of its base.
fn lexical(path: &Path) -> Option<std::path::PathBuf> {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(name) => out.push(name),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// An absolute path with its `.` and `..` segments resolved as written.
fn lexical_absolute(path: &Path) -> Option<std::path::PathBuf> {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    (out.is_absolute() || out.to_string_lossy().as_bytes().get(1) == Some(&b':')).then_some(out)
}

fn location(
    report: &Report,
    base: Option<&Path>,
    positions: &mut Positions,
    mark: &Mark,
    id: Option<usize>,
    message: Option<String>,
) -> Location {
    let doc = &report.release.docs[mark.doc];
    let (start_line, start_column) = positions.utf16_line_column(mark.doc, mark.span.start);
    let (end_line, end_column) = positions.utf16_line_column(mark.doc, mark.span.end);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(&doc.name, base),
            region: Region {
                start_line,
                start_column,
                end_line,
                end_column,
                snippet: Text { text: doc.text.get(mark.span.clone()).unwrap_or("").to_string() },
            },
        },
        message: message.map(|text| Text { text }),
    }
}

/// `--format sarif`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

impl Format for Sarif {
    fn write(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        write_sarif(out, report)
    }
}

/// Writes the report as a SARIF 2.1.0 log.
pub fn write_sarif(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut rules: Vec<RuleDescriptor> = BUILTIN
        .iter()
        .map(|c| RuleDescriptor {
            id: c.id,
            short_description: Text { text: c.summary.to_string() },
            full_description: Text { text: c.doc.to_string() },
            default_configuration: Configuration { level: level(c.severity) },
        })
        .collect();
    for f in report.findings() {
        if !rules.iter().any(|r| r.id == f.rule) {
            rules.push(RuleDescriptor {
                id: &f.rule,
                short_description: Text { text: format!("rule {}", f.rule) },
                full_description: Text { text: f.help.clone() },
                default_configuration: Configuration { level: level(f.severity) },
            });
        }
    }
    let fingerprints = super::baseline::fingerprints(report);
    let mut positions = Positions::new(report);
    // Relative URIs are relative to the folder crosscheck runs in (%SRCROOT%).
    let cwd = std::env::current_dir().ok();
    let base = cwd.as_deref();
    let results = report
        .findings()
        .iter()
        .zip(fingerprints)
        .map(|(f, fingerprint)| SarifResult {
            rule_id: f.rule.clone(),
            rule_index: rules.iter().position(|r| r.id == f.rule).unwrap_or(0),
            level: level(f.severity),
            message: Text { text: format!("{} ({})", f.message, f.help) },
            locations: vec![location(report, base, &mut positions, &f.primary, None, None)],
            related_locations: f
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| location(report, base, &mut positions, l, Some(i + 1), Some(l.message.clone())))
                .collect(),
            partial_fingerprints: BTreeMap::from([("crosscheck/v1", fingerprint)]),
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool { driver: Driver { name: "crosscheck", version: env!("CARGO_PKG_VERSION"), rules } },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // 𠀀 (outside the BMP) is two UTF-16 code units, one character.
        let text = "第一行\n𠀀共1829起";
        let index = crate::span::LineIndex::new(text);
        assert_eq!(index.utf16_line_column(text, text.find("1829").unwrap()), (2, 4));
    }

    #[test]
    fn paths_inside_the_base_are_relative_and_others_absolute_file_uris() {
        let base = Some(Path::new("/work/crosscheck"));
        let at = |name: &str| artifact_location(name, base);
        let relative = |uri: &str| ArtifactLocation { uri: uri.into(), uri_base_id: Some("%SRCROOT%") };
        let absolute = |uri: &str| ArtifactLocation { uri: uri.into(), uri_base_id: None };
        assert_eq!(at("fixtures/a.txt"), relative("fixtures/a.txt"));
        assert_eq!(at("./fixtures/../fixtures/a.txt"), relative("fixtures/a.txt"));
        assert_eq!(at("/work/crosscheck/fixtures/a.txt"), relative("fixtures/a.txt"));
        assert_eq!(at("../shared/发布 稿.txt"), absolute("file:///work/shared/%E5%8F%91%E5%B8%83%20%E7%A8%BF.txt"));
        assert_eq!(at("/tmp/x/../a.txt"), absolute("file:///tmp/a.txt"));
        assert_eq!(at("C:\\releases\\a.txt"), absolute("file:///C:/releases/a.txt"));
        assert_eq!(at("-"), relative("-"));
        assert_eq!(artifact_location("../a.txt", None), relative("../a.txt"));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("fixtures/zh/发布会 1.txt"), "fixtures/zh/%E5%8F%91%E5%B8%83%E4%BC%9A%201.txt");
    }
}
