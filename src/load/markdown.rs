//! The parts of a Markdown file that are not prose, found by pulldown-cmark:
//! front matter, code (fenced, indented and inline), HTML tags and comments,
//! struck-out text, images, link destinations and reference definitions.
//! Figures are not read there.
//!
//! The text itself is not rewritten: the ranges are taken out of the prose,
//! so every span still points into the original file.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Byte ranges of `text` that hold no prose, in order, merged.
pub fn non_prose(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(text, options).into_offset_iter();
    let mut out: Vec<Range<usize>> = events.reference_definitions().iter().map(|(_, def)| def.span.clone()).collect();
    // Open links: where each starts and where its text last ended.
    let mut links: Vec<(usize, usize)> = Vec::new();
    // An open `<s>`/`<del>`/`<strike>` written as inline HTML, and its closing tag.
    let mut struck: Option<(usize, &str)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::MetadataBlock(_) | Tag::CodeBlock(_) | Tag::Strikethrough | Tag::Image { .. }) => {
                out.push(range);
            }
            Event::Start(Tag::Table(_)) => table_markup(text, range, &mut out),
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => out.push(range),
            Event::Start(Tag::Link { .. }) => links.push((range.start, range.start + 1)),
            Event::End(TagEnd::Link) => {
                // The destination, `](https://…/2021/07/02)`, is not prose.
                if let Some((start, text_end)) = links.pop() {
                    out.push(text_end.max(start)..range.end);
                }
            }
            Event::Text(_) => {
                if let Some(open) = links.last_mut() {
                    open.1 = range.end;
                }
            }
            Event::Code(_) => {
                out.push(range.clone());
                if let Some(open) = links.last_mut() {
                    open.1 = range.end;
                }
            }
            // A block whole, so that a `<script>` or comment over several lines is seen as one.
            Event::Start(Tag::HtmlBlock) => html_markup(text, range, &mut out),
            Event::InlineHtml(_) => {
                let html = &text[range.clone()];
                html_markup(text, range.clone(), &mut out);
                match struck {
                    Some((start, close)) if html.eq_ignore_ascii_case(close) => {
                        out.push(start..range.end);
                        struck = None;
                    }
                    None => {
                        struck = [("<s>", "</s>"), ("<del>", "</del>"), ("<strike>", "</strike>")]
                            .into_iter()
                            .find(|(open, _)| html.eq_ignore_ascii_case(open))
                            .map(|(_, close)| (range.start, close));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
    }
    super::merge(out)
}

/// The tags, comments and scripts of a stretch of HTML in the Markdown.
fn html_markup(text: &str, html: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.extend(
        super::html::non_prose(&text[html.clone()]).into_iter().map(|r| r.start + html.start..r.end + html.start),
    );
}

/// A table's markup: its delimiter row (`|---|:--:|`) and the cell pipes,
/// so that a row reads as its cells' text (`破获刑事案件 1829起`).
fn table_markup(text: &str, table: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut pos = table.start;
    for (i, line) in text[table.clone()].split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if i == 1 {
            out.push(pos..pos + body.len());
        } else {
            let mut escaped = false;
            for (at, c) in body.char_indices() {
                if c == '|' && !escaped {
                    out.push(pos + at..pos + at + 1);
                }
                escaped = c == '\\' && !escaped;
            }
        }
        pos += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str, needle: &str) -> bool {
        let at = text.find(needle).unwrap();
        non_prose(text).iter().any(|r| r.start <= at && at < r.end)
    }

    #[test]
    fn front_matter_code_and_html_are_not_prose() {
        let text = "---\ndate: '2021-07-02'\n---\nWe added 850,000 jobs.\n```\nlet x = 42;\n```\n<img width=\"1771\">\n<!-- 12 -->\n";
        assert!(covered(text, "2021-07-02"));
        assert!(covered(text, "42"));
        assert!(covered(text, "1771"));
        assert!(covered(text, "12 -->"));
        assert!(!covered(text, "850,000"));
    }

    #[test]
    fn struck_text_is_not_prose() {
        let html = "we created more than 12 <s>thousand</s> [million] jobs";
        assert!(covered(html, "thousand"));
        assert!(!covered(html, "12"));
        assert!(!covered(html, "million"));
        let tildes = "全市共破获案件~~1892~~1829起";
        assert!(covered(tildes, "1892"));
        assert!(!covered(tildes, "1829"));
    }

    #[test]
    fn indented_and_inline_code_are_not_prose() {
        let text = "Intro with 37 cases.\n\n    let cases = 1892;\n\nRun `crosscheck --max 20` now.\n";
        assert!(covered(text, "1892"));
        assert!(covered(text, "20"));
        assert!(!covered(text, "37"));
    }

    #[test]
    fn link_destinations_and_images_are_not_prose() {
        let text = "See [the 2024 report](https://example.org/2024/07/123.html) and ![chart 5](c5.png).\n\n\
                    [ref]: https://example.org/99/100\n";
        assert!(!covered(text, "2024 report"));
        assert!(covered(text, "07/123"));
        assert!(covered(text, "chart 5"));
        assert!(covered(text, "99/100"));
        assert!(covered("Mail <https://example.org/8/9>.", "8/9"));
    }

    #[test]
    fn tables_and_html_blocks_keep_their_text() {
        let text = "| 指标 | 数值 |\n|---|---|\n| 破获刑事案件 | 1829起 |\n\n<div>\n<p>化解7300余起</p>\n</div>\n";
        assert!(!covered(text, "1829"));
        assert!(!covered(text, "7300"));
        assert!(covered(text, "<p>"));
        assert!(covered(text, "|---|"));
        assert!(covered(text, "| 破获"));
        let script = "Lead: 37 cases.\n\n<script>\nvar cases = 1892;\n</script>\n\n<!--\ndraft: 12\n-->\n";
        assert!(covered(script, "1892"));
        assert!(covered(script, "12\n-->"));
        assert!(!covered(script, "37"));
    }

    #[test]
    fn a_lone_angle_bracket_and_a_rule_line_are_prose() {
        assert!(non_prose("growth < 3% and 5 > 4").is_empty());
        let text = "Lead: 37 cases.\n\n---\n\nSpeaker: 37 cases.\n";
        assert!(!covered(text, "37 cases.\n\n---"));
        assert!(!covered(text, "Speaker"));
    }
}
