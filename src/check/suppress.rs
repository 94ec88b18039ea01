//! Suppression: comments in Markdown and HTML that turn rules off for the
//! next line or a block, rules turned off per file glob, and the report of
//! suppressions that suppress nothing.
//!
//! ```text
//! <!-- crosscheck-disable-next-line figure-mismatch -->
//! <!-- crosscheck-disable similar-mismatch -->  …  <!-- crosscheck-enable similar-mismatch -->
//! ```
//! With no rule named, every rule is turned off.

use std::ops::Range;

use crate::check::{Finding, Mark, Severity};
use crate::load::Document;

/// One suppression comment and the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The rules it turns off; empty for every rule.
    pub rules: Vec<String>,
    /// Byte span of the comment.
    pub comment: Range<usize>,
    /// Byte span of the text it covers.
    pub covers: Range<usize>,
}

/// The id of the finding a suppression that suppressed nothing raises.
pub const UNUSED: &str = "unused-suppression";

/// The suppression comments of a document (Markdown and HTML only).
pub fn suppressions(doc: &Document) -> Vec<Suppression> {
    let lower = doc.name.to_ascii_lowercase();
    if ![".md", ".markdown", ".html", ".htm"].iter().any(|ext| lower.ends_with(ext)) {
        return Vec::new();
    }
    let text = &doc.text;
    let mut out = Vec::new();
    let mut open: Vec<(Vec<String>, Range<usize>)> = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("<!--") {
        let start = from + at;
        let Some(len) = text[start..].find("-->") else { break };
        let end = start + len + 3;
        from = end;
        let body = text[start + 4..end - 3].trim();
        let Some(directive) = body.strip_prefix("crosscheck-") else { continue };
        let (verb, rest) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
        let rules: Vec<String> =
            rest.split([',', ' ']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect();
        match verb {
            "disable-next-line" => {
                // The next line that holds text (blank lines between are skipped).
                let mut line_start = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                while line_start < text.len() && text[line_start..].starts_with(['\n', '\r']) {
                    line_start += 1;
                }
                let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
                out.push(Suppression { rules, comment: start..end, covers: line_start..line_end });
            }
            "disable" => open.push((rules, start..end)),
            "enable" => {
                if let Some(i) = open.iter().rposition(|(r, _)| *r == rules || rules.is_empty()) {
                    let (rules, comment) = open.remove(i);
                    out.push(Suppression { rules, covers: comment.end..start, comment });
                }
            }
            _ => {}
        }
    }
    // A block never enabled again reaches the end of the document.
    out.extend(open.into_iter().map(|(rules, comment)| Suppression {
        rules,
        covers: comment.end..text.len(),
        comment,
    }));
    out.sort_by_key(|s| s.comment.start);
    out
}

/// Drops the findings that a suppression covers, and adds a warning for every
/// suppression that covered none.
pub fn apply(docs: &[Document], findings: &mut Vec<Finding>) {
    let mut unused = Vec::new();
    for (doc_index, doc) in docs.iter().enumerate() {
        for suppression in suppressions(doc) {
            let covers = |f: &Finding| {
                f.primary.doc == doc_index
                    && suppression.covers.start <= f.primary.span.start
                    && f.primary.span.start < suppression.covers.end
                    && (suppression.rules.is_empty() || suppression.rules.contains(&f.rule))
            };
            let before = findings.len();
            findings.retain(|f| !covers(f));
            if findings.len() == before {
                unused.push(Finding {
                    rule: UNUSED.into(),
                    severity: Severity::Warning,
                    message: if suppression.rules.is_empty() {
                        "this suppression suppresses nothing".into()
                    } else {
                        format!("this suppression of {} suppresses nothing", suppression.rules.join(", "))
                    },
                    primary: Mark {
                        doc: doc_index,
                        span: suppression.comment.clone(),
                        source: usize::MAX,
                        message: "suppresses nothing".into(),
                    },
                    labels: Vec::new(),
                    help: "remove the comment, or name the rule it should turn off".into(),
                    explain: "no finding of the named rules stands in the text it covers".into(),
                });
            }
        }
    }
    findings.extend(unused);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_blocks() {
        let text = "a\n<!-- crosscheck-disable-next-line figure-mismatch -->\nline two\n<!-- crosscheck-disable -->\nx\n<!-- crosscheck-enable -->\n";
        let doc = Document::new("a.md", text);
        let s = suppressions(&doc);
        assert_eq!(s.len(), 2);
        assert_eq!(&text[s[0].covers.clone()], "line two");
        assert_eq!(s[0].rules, ["figure-mismatch"]);
        assert!(s[1].rules.is_empty());
        assert!(text[s[1].covers.clone()].contains('x'));
    }

    #[test]
    fn plain_text_has_no_suppressions() {
        let doc = Document::new("a.txt", "<!-- crosscheck-disable -->");
        assert!(suppressions(&doc).is_empty());
    }
}
