//! Segmentation: documents → sources (speakers, sections, files).
//!
//! Stage 2 of the pipeline. A source is who or what states a figure: the lead
//! of a release, each speaker of a press conference, a section, a file. The
//! patterns that open a source come from the packs (`sources:`); a source is
//! identified by its file and title, so a speaker's many turns in one file
//! are one source, and one title in two files (each with its `主持人：`) is
//! two sources (DESIGN.md, "Releases").

use std::ops::Range;

use crate::lexicon::Packs;
use crate::load::Document;

/// One speaker, section or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: usize,
    pub title: String,
}

/// A stretch of one document stated by one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub doc: usize,
    pub source: usize,
    /// Bytes of the document, from the line that opens the segment.
    pub span: Range<usize>,
}

/// The sources of a release and where each one speaks.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    /// Segments in document order, then text order; they tile each document.
    pub segments: Vec<Segment>,
}

impl Sources {
    /// Splits every document into segments by the packs' source patterns.
    pub fn segment(docs: &[Document], packs: &Packs) -> Sources {
        let prose: Vec<std::borrow::Cow<'_, str>> = docs.iter().map(Document::prose).collect();
        Sources::segment_prose(docs, &prose, packs)
    }

    /// [`Sources::segment`] over each document's prose view, made by the caller.
    pub fn segment_prose(docs: &[Document], prose: &[std::borrow::Cow<'_, str>], packs: &Packs) -> Sources {
        let mut sources = Sources::default();
        for ((doc_index, doc), prose) in docs.iter().enumerate().zip(prose) {
            let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            let mut openings: Vec<(usize, String)> = packs
                .packs
                .iter()
                .flat_map(|p| p.sources.iter().zip(&p.spec.sources))
                .flat_map(|(re, spec)| {
                    re.captures_iter(prose).filter_map(|caps| {
                        let whole = caps.get(0)?;
                        let title = caps.name("title").map_or(whole.as_str(), |m| m.as_str());
                        let title =
                            without_emphasis(&without_tags(title)).split_whitespace().collect::<Vec<_>>().join(" ");
                        (!title.is_empty() && !spec.not_titles.contains(&title)).then_some((whole.start(), title))
                    })
                })
                .collect();
            // Where two patterns open a source at one line (`## 总体情况——副局长李明`
            // is a Markdown heading and a speaker heading), the pack's first wins.
            openings.sort_by_key(|(start, _)| *start);
            openings.dedup_by_key(|(start, _)| *start);
            // Text before the first heading is the lead, named by its role; a
            // document without headings is one source named by its file.
            match openings.first() {
                None => openings.push((0, doc.name.clone())),
                Some(&(start, _)) if start > 0 => {
                    openings.insert(0, (0, lead_title(&prose[..start], &doc.name, docs.len() > 1)));
                }
                Some(_) => {}
            }
            for (i, (start, title)) in openings.iter().enumerate() {
                let end = openings.get(i + 1).map_or(doc.text.len(), |(s, _)| *s);
                let source = *ids.entry(title.clone()).or_insert_with(|| {
                    let id = sources.sources.len();
                    sources.sources.push(Source { id, title: title.clone() });
                    id
                });
                sources.segments.push(Segment { doc: doc_index, source, span: *start..end });
            }
        }
        sources
    }

    /// The source that states the text at `pos` of document `doc`.
    pub fn source_at(&self, doc: usize, pos: usize) -> Option<&Source> {
        let first = self.segments.partition_point(|s| s.doc < doc);
        let in_doc = &self.segments[first..self.segments.partition_point(|s| s.doc <= doc)];
        let i = in_doc.partition_point(|s| s.span.start <= pos);
        let segment = in_doc.get(i.checked_sub(1)?)?;
        self.sources.get(segment.source)
    }
}

/// The lead's title: `导语` for a Chinese lead, `the lead` otherwise, with
/// its file's name when the release has several files (each has its own).
fn lead_title(lead: &str, file: &str, several_files: bool) -> String {
    let chinese = lead.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    match (chinese, several_files) {
        (true, false) => "导语".to_string(),
        (false, false) => "the lead".to_string(),
        (true, true) => format!("导语 ({file})"),
        (false, true) => format!("the lead of {file}"),
    }
}

/// Whether a source title is one [`lead_title`] gives.
pub fn is_lead_title(title: &str) -> bool {
    ["导语", "the lead"].iter().any(|lead| title == *lead || title.starts_with(&format!("{lead} ")))
}

/// A title with Markdown emphasis marks dropped (`## **市卫健委副主任张华**`).
fn without_emphasis(title: &str) -> String {
    title
        .replace("**", "")
        .replace("__", "")
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .to_string()
}

/// A title with any HTML tags in it dropped (`市公安局副局长周建国</p>`).
fn without_tags(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut in_tag = false;
    for c in title.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        let packs = Packs::builtin().unwrap();
        let sources = Sources::segment(&[Document::new("release.txt", text)], &packs);
        sources.segments.iter().map(|s| sources.sources[s.source].title.clone()).collect()
    }

    #[test]
    fn speaker_headings_open_sources() {
        let text = "导语一段。\n总体情况——市公安局副局长李明\n正文。\n交通情况——交警支队支队长孙丽\n正文。\n";
        assert_eq!(titles(text), ["导语", "市公安局副局长李明", "交警支队支队长孙丽"]);
    }

    #[test]
    fn one_title_in_two_files_is_two_sources() {
        // Two releases' transcripts, each with its host: not one speaker.
        let packs = Packs::builtin().unwrap();
        let docs = [
            Document::new("a.txt", "主持人：欢迎。\n记者：请问？\n主持人：谢谢。\n"),
            Document::new("b.txt", "主持人：开始。\n"),
        ];
        let sources = Sources::segment(&docs, &packs);
        let hosts: Vec<&Segment> =
            sources.segments.iter().filter(|s| sources.sources[s.source].title == "主持人").collect();
        assert_eq!(hosts.len(), 3, "{sources:?}");
        assert_eq!(hosts[0].source, hosts[1].source, "one host across turns in one file");
        assert_ne!(hosts[0].source, hosts[2].source, "the hosts of two files");
        assert_eq!(hosts[2].doc, 1);
    }

    #[test]
    fn a_speaker_across_turns_is_one_source() {
        let text = "MS. PSAKI:  Hi.\nQ    A question?\nMS. PSAKI:  An answer.\n";
        let packs = Packs::builtin().unwrap();
        let sources = Sources::segment(&[Document::new("t.md", text)], &packs);
        assert_eq!(sources.sources.len(), 2);
        assert_eq!(sources.segments[0].source, sources.segments[2].source);
        let pos = text.find("An answer").unwrap();
        assert_eq!(sources.source_at(0, pos).unwrap().title, "MS. PSAKI");
    }

    #[test]
    fn masthead_fields_are_not_speakers() {
        let text = "来源：海州市公安局
时间：2024年9月1日
主持人：下面请介绍情况。
";
        assert_eq!(titles(text), ["导语", "主持人"]);
    }

    #[test]
    fn an_address_to_the_room_is_no_speaker() {
        // A report to a congress and a press conference: `各位…：` and `…们：`
        // speak to the room; a name's turn still opens a source.
        assert_eq!(titles("各位委员：\n过去一年，全省财政收入增长4.1%。\n"), ["release.txt"]);
        assert_eq!(titles("同志们：\n今年任务很重。\n王立新：我补充两点。\n"), ["导语", "王立新"]);
    }

    #[test]
    fn markdown_headings_open_sources() {
        assert_eq!(titles("# Title\n\ntext\n\n## Deputy Ana Ruiz\n\ntext\n"), ["Title", "Deputy Ana Ruiz"]);
    }

    #[test]
    fn a_markdown_speaker_heading_is_titled_by_the_speaker() {
        let text = "导语。\n\n## 刑侦工作情况——刑侦支队支队长郑宇\n\n正文。\n";
        assert_eq!(titles(text), ["导语", "刑侦支队支队长郑宇"]);
        // Health and customs: emphasis marks are no part of the name.
        assert_eq!(titles("导语。\n\n## **市卫健委副主任 张华**\n\n正文。\n"), ["导语", "市卫健委副主任 张华"]);
        assert_eq!(titles("导语。\n\n## __海关统计处处长 李芳__\n\n正文。\n"), ["导语", "海关统计处处长 李芳"]);
    }

    #[test]
    fn the_lead_is_named_by_its_role_and_by_its_file_when_there_are_several() {
        assert_eq!(titles("Opening.\n\n## Deputy Ana Ruiz\n\ntext\n"), ["the lead", "Deputy Ana Ruiz"]);
        let packs = Packs::builtin().unwrap();
        let text = "导语。\n总体情况——市公安局副局长李明\n正文。\n";
        let docs = [Document::new("a.txt", text), Document::new("b.txt", text)];
        let sources = Sources::segment(&docs, &packs);
        let titles: Vec<&str> = sources.sources.iter().map(|s| s.title.as_str()).collect();
        // One speaker's title in two files: two sources (DESIGN.md, "Releases").
        assert_eq!(titles, ["导语 (a.txt)", "市公安局副局长李明", "导语 (b.txt)", "市公安局副局长李明"]);
    }

    #[test]
    fn a_file_without_headings_is_one_source() {
        assert_eq!(titles("共破获刑事案件1829起。"), ["release.txt"]);
    }
}
