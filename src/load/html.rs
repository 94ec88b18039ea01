//! The parts of an HTML file that are not prose: tags, comments, and the
//! contents of `script` and `style`. The page's text stays where it is, so
//! every span points into the original file.

use std::ops::Range;

/// Byte ranges of `text` that hold no prose, in order and merged.
pub fn non_prose(text: &str) -> Vec<Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = lower[i..].find('<') {
        let start = i + offset;
        let rest = &lower[start..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(text.len(), |e| start + e + 3)
        } else if let Some(element) = ["<script", "<style", "<noscript", "<template"].iter().find(|open| {
            rest.starts_with(**open) && rest[open.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
        }) {
            // The whole element: its contents are code, not prose.
            let close = format!("</{}", &element[1..]);
            rest.find(&close).map_or(text.len(), |e| {
                let after = start + e;
                lower[after..].find('>').map_or(text.len(), |g| after + g + 1)
            })
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') {
            rest.find('>').map_or(text.len(), |e| start + e + 1)
        } else {
            i = start + 1;
            continue;
        };
        out.push(start..end);
        i = end;
    }
    out
}

/// Elements whose tags end a line of prose: blocks, rows and breaks.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "title",
    "tr",
    "ul",
];

/// True when `tag` (`<p class="x">`, `</tr>`, `<br/>`) opens or closes a block.
pub fn ends_block(tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix('<') else { return false };
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
    let name = &inner[..name_len];
    name_len > 0 && BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_scripts_and_styles_are_not_prose() {
        let text = "<html><head><style>p{width:600px}</style><script>var n = 1829;</script></head>\
                    <body><p class=\"x\">共破获刑事案件1829起</p><!-- 12 --></body></html>";
        let ranges = non_prose(text);
        let covered = |s: &str| {
            let at = text.find(s).unwrap();
            ranges.iter().any(|r| r.start <= at && at < r.end)
        };
        assert!(covered("600px"));
        assert!(covered("var n"));
        assert!(covered("class"));
        assert!(covered("12 -->"));
        assert!(!covered("共破获刑事案件1829起"));
    }
}
