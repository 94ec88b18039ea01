//! The parts of a Markdown file that are not prose: front matter, fenced code,
//! HTML comments and tags. Figures are not read there.

use std::ops::Range;

/// Byte ranges of `text` that hold no prose, in order.
pub fn non_prose(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Front matter: a `---` line at the very start, to the next `---` or `...` line.
    if let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) {
        let start = text.len() - rest.len();
        let mut pos = start;
        for line in rest.split_inclusive('\n') {
            pos += line.len();
            if matches!(line.trim_end(), "---" | "...") {
                out.push(0..pos);
                break;
            }
        }
    }
    let body_start = out.last().map_or(0, |r| r.end);
    // Fenced code blocks.
    let mut pos = body_start;
    let mut fence: Option<(usize, &str)> = None;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some((pos, m)),
            (Some((start, m)), Some(n)) if m == n => {
                out.push(start..pos + line.len());
                fence = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some((start, _)) = fence {
        out.push(start..text.len());
    }
    // Struck-out text (`<s>thousand</s> [million]`): a correction, not prose.
    for (open, close) in [("<s>", "</s>"), ("<del>", "</del>"), ("<strike>", "</strike>"), ("~~", "~~")] {
        let mut from = body_start;
        while let Some(at) = text[from..].find(open) {
            let start = from + at;
            let Some(len) = text[start + open.len()..].find(close) else { break };
            let end = start + open.len() + len + close.len();
            out.push(start..end);
            from = end;
        }
    }
    // HTML comments and tags.
    let bytes = text.as_bytes();
    let mut i = body_start;
    while let Some(offset) = text[i..].find('<') {
        let start = i + offset;
        let rest = &text[start..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| start + e + 3)
        } else if bytes.get(start + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/') {
            rest.find('>').map(|e| start + e + 1)
        } else {
            None
        };
        match end {
            Some(end) => {
                out.push(start..end);
                i = end;
            }
            None => i = start + 1,
        }
    }
    out.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for range in out {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_code_and_html_are_not_prose() {
        let text = "---\ndate: '2021-07-02'\n---\nWe added 850,000 jobs.\n```\nlet x = 42;\n```\n<img width=\"1771\">\n<!-- 12 -->\n";
        let ranges = non_prose(text);
        let covered = |s: &str| {
            let at = text.find(s).unwrap();
            ranges.iter().any(|r| r.start <= at && at < r.end)
        };
        assert!(covered("2021-07-02"));
        assert!(covered("42"));
        assert!(covered("1771"));
        assert!(covered("12 -->"));
        let struck = "we created more than 12 <s>thousand</s> [million] jobs";
        let ranges = non_prose(struck);
        let at = struck.find("thousand").unwrap();
        assert!(ranges.iter().any(|r| r.start <= at && at < r.end));
        assert!(!covered("850,000"));
    }

    #[test]
    fn a_lone_angle_bracket_is_prose() {
        assert!(non_prose("growth < 3% and 5 > 4").is_empty());
    }
}
