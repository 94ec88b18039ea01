//! Labels: what a figure counts, read from the words around it.
//!
//! Chinese puts the measure before the number (`化解各类矛盾纠纷7300余起`) or
//! the counted noun after its classifier (`派出15个督导组`); English puts the
//! counted noun after the number (`1,829 criminal cases`) or the measure
//! before it (`the unemployment rate, at 3.5 percent`). Fillers, synonyms and
//! stop words come from the packs.

use std::ops::Range;

use crate::extract::figure::Figure;
use crate::rule::pack::{CompiledPack, LabelOrder, LabelSpec};

/// How far (in bytes) a sentence is looked for either side of a figure; keeps
/// extraction linear on text without punctuation.
const SENTENCE_REACH: usize = 600;

/// The sentence around `start..end`: from after the previous sentence end to
/// the next one. `ends` are the pack's sentence-ending characters; a `.` ends
/// a sentence only before white space, and a blank line always ends one.
pub fn sentence_around(text: &str, start: usize, end: usize, ends: &str) -> Range<usize> {
    let lo = floor_boundary(text, start.saturating_sub(SENTENCE_REACH));
    let hi = ceil_boundary(text, (end + SENTENCE_REACH).min(text.len()));
    let is_end = |s: &str, i: usize, c: char| {
        let next = s[i + c.len_utf8()..].chars().next();
        (ends.contains(c) && (c != '.' || next.is_none_or(char::is_whitespace)))
            || (c == '\n' && s[i + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n'))
    };
    let before = &text[lo..start];
    let s = before.char_indices().rev().find(|&(i, c)| is_end(before, i, c)).map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let after = &text[end..hi];
    let e = after.char_indices().find(|&(i, c)| is_end(after, i, c)).map_or(hi, |(i, c)| end + i + c.len_utf8());
    let s = s + (text[s..start].len() - text[s..start].trim_start().len());
    s..e
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The normalised label of the figure at `span`.
pub fn read_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    pack: &CompiledPack,
    unit: Option<&str>,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    match spec.order {
        LabelOrder::Before => han_label(text, span, sentence, spec, unit, previous),
        LabelOrder::After => spaced_label(text, span, sentence, spec),
    }
}

fn is_boundary(spec: &LabelSpec, c: char) -> bool {
    spec.boundaries.contains(c)
}

/// Chinese: the clause before the figure, plus a counted noun after its
/// classifier, with a bare verb taking the previous figure's object.
fn han_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    spec: &LabelSpec,
    unit: Option<&str>,
    previous: &[Figure],
) -> String {
    // The clause before the figure, but never reaching back into the previous figure.
    let mut from = sentence.start.min(span.start);
    if let Some(prev) = previous.last().filter(|f| f.span.end <= span.start && f.span.end > from) {
        from = prev.span.end;
    }
    let before = &text[from..span.start];
    let clause_start =
        before.char_indices().rev().find(|&(_, c)| is_boundary(spec, c)).map_or(0, |(i, c)| i + c.len_utf8());
    let mut before = &before[clause_start..];

    // The counted noun after the classifier: `派出15个督导组`.
    let after = &text[span.end..sentence.end.max(span.end)];
    let clause_end = after.char_indices().find(|&(_, c)| is_boundary(spec, c)).map_or(after.len(), |(i, _)| i);
    let mut noun = &after[..clause_end];
    if let Some(stop) = spec.noun_stops.iter().chain(&spec.verbs).filter_map(|w| noun.find(w.as_str())).min() {
        noun = &noun[..stop];
    }
    let noun: String = noun.chars().take(NOUN_CHARS).collect();
    let has_noun = noun.chars().next().is_some_and(|c| !c.is_ascii_digit());
    if has_noun {
        // `…大客车以及15台涉嫌疲劳驾驶大货车`: the words before the conjunction
        // belong to the previous noun phrase.
        if let Some(cut) = spec.conjunctions.iter().filter_map(|w| before.rfind(w.as_str()).map(|i| i + w.len())).max()
        {
            before = &before[cut..];
        }
    }
    let mut label = normalise_han(before, spec);
    if has_noun {
        label.push_str(&normalise_han(&noun, spec));
    }

    // Ellipsis: `排查各类矛盾纠纷7500余起,化解7300余起` → `化解矛盾纠纷`.
    if spec.verbs.contains(&label) {
        let earlier = previous
            .iter()
            .rev()
            .take_while(|f| f.sentence.start == sentence.start)
            .find(|f| f.unit.as_deref() == unit);
        if let Some(object) = earlier.and_then(|f| strip_verb(&f.label, spec)) {
            label.push_str(object);
        }
    }
    let count = label.chars().count();
    if count > spec.max_chars {
        label = label.chars().skip(count - spec.max_chars).collect();
    }
    label
}

/// The longest counted noun read after a classifier, in characters.
const NOUN_CHARS: usize = 12;

/// The object of a `verb + object` label, if the label starts with a known verb.
fn strip_verb<'a>(label: &'a str, spec: &LabelSpec) -> Option<&'a str> {
    let verb = spec.verbs.iter().filter(|v| label.starts_with(v.as_str())).max_by_key(|v| v.len())?;
    let object = &label[verb.len()..];
    (!object.is_empty()).then_some(object)
}

/// Drops fillers and maps synonyms in a Chinese label.
pub fn normalise_han(raw: &str, spec: &LabelSpec) -> String {
    let without_asides = drop_asides(raw);
    let mut s = without_asides.trim();
    loop {
        let before = s;
        for filler in &spec.leading_fillers {
            s = s.strip_prefix(filler.as_str()).unwrap_or(s).trim_start();
        }
        if !spec.protected_endings.iter().any(|w| s.ends_with(w.as_str())) {
            for filler in &spec.trailing_fillers {
                s = s.strip_suffix(filler.as_str()).unwrap_or(s).trim_end();
            }
        }
        if s == before {
            break;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'scan: while let Some(c) = rest.chars().next() {
        if let Some(filler) = spec.fillers.iter().filter(|f| rest.starts_with(f.as_str())).max_by_key(|f| f.len()) {
            rest = &rest[filler.len()..];
            continue;
        }
        // Longest match among canonical words and their synonyms.
        let mut best: Option<(&str, usize)> = None;
        for (canonical, variants) in &spec.synonyms {
            for word in std::iter::once(canonical).chain(variants) {
                if rest.starts_with(word.as_str()) && best.is_none_or(|(_, len)| word.len() > len) {
                    best = Some((canonical, word.len()));
                }
            }
        }
        if let Some((canonical, len)) = best {
            out.push_str(canonical);
            rest = &rest[len..];
            continue 'scan;
        }
        if !c.is_whitespace() {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Drops bracketed asides: `重点区(市)县` → `重点区县`.
fn drop_asides(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// English: the counted noun after the figure, else the measure before it.
fn spaced_label(text: &str, span: Range<usize>, sentence: &Range<usize>, spec: &LabelSpec) -> String {
    let after = &text[span.end..sentence.end.max(span.end)];
    let after = &after[..after.find(|c| is_boundary(spec, c)).unwrap_or(after.len())];
    let mut noun = Vec::new();
    for word in after.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let lower = word.to_lowercase();
        if word.is_empty() || spec.noun_stops.contains(&lower) || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        noun.push(lower);
        if noun.len() == 4 {
            break;
        }
    }
    let noun: Vec<String> = noun
        .into_iter()
        .map(|w| w.trim_matches('-').to_string())
        .filter(|w| !w.is_empty() && !spec.stopwords.contains(w))
        .collect();
    if !noun.is_empty() {
        return normalise_words(&noun, spec);
    }
    // The measure before the figure, clause by clause, nearest first.
    let before = &text[sentence.start.min(span.start)..span.start];
    let mut words: Vec<String> = Vec::new();
    for clause in before.rsplit(|c| is_boundary(spec, c)).take(2) {
        words = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
            .filter(|w| {
                !w.is_empty() && !spec.stopwords.contains(w) && w.chars().all(|c| c.is_alphabetic() || c == '-')
            })
            .collect();
        if !words.is_empty() {
            break;
        }
    }
    let keep = words.len().saturating_sub(5);
    normalise_words(&words[keep..], spec)
}

fn normalise_words(words: &[String], spec: &LabelSpec) -> String {
    let mut s = words.join(" ");
    for filler in &spec.leading_fillers {
        if let Some(rest) = s.strip_prefix(filler.as_str()) {
            s = rest.trim_start().to_string();
        }
    }
    s.split(' ')
        .map(|w| spec.synonyms.iter().find(|(_, vs)| vs.iter().any(|v| v == w)).map_or(w, |(c, _)| c.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}
