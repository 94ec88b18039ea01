//! Labels: what a figure counts, read from the words around it.
//!
//! Chinese puts the measure before the number (`化解各类矛盾纠纷7300余起`) or
//! the counted noun after its classifier (`派出15个督导组`); English puts the
//! counted noun after the number (`1,829 criminal cases`) or the measure
//! before it (`the unemployment rate, at 3.5 percent`). Fillers, synonyms and
//! stop words come from the packs.

use std::ops::Range;

use crate::extract::figure::Figure;
use crate::lexicon::pack::{CompiledPack, LabelOrder, LabelSpec};
use crate::lexicon::words::CharSet;

/// How far (in bytes) a sentence is looked for either side of a figure; keeps
/// extraction linear on text without punctuation.
const SENTENCE_REACH: usize = 600;

/// Where the sentences of a text end, for one pack's sentence-ending
/// characters: built in one pass, so finding a figure's sentence is a binary
/// search rather than a scan.
#[derive(Debug, Clone)]
pub struct Sentences {
    /// Byte offsets just past each sentence end, ascending.
    ends: Vec<usize>,
}

impl Sentences {
    /// `ends` are the pack's sentence-ending characters; a `.` ends a sentence
    /// only before white space, and a blank line always ends one.
    pub fn new(text: &str, ends: &CharSet) -> Self {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Skip, without decoding, bytes that cannot start an end: most of
            // the text. Continuation bytes never start a character.
            let b = bytes[i];
            if !ends.may_start_with(b) && b != b'\n' {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            let after = i + c.len_utf8();
            let next = text[after..].chars().next();
            let is_end = (ends.contains(c) && (c != '.' || next.is_none_or(char::is_whitespace)))
                || (c == '\n' && text[after..].trim_start_matches([' ', '\t', '\r']).starts_with('\n'));
            if is_end {
                out.push(after);
            }
            i = after;
        }
        Sentences { ends: out }
    }

    /// The sentence around `start..end`, leading white space trimmed, reaching
    /// at most `SENTENCE_REACH` bytes either side.
    pub fn around(&self, text: &str, start: usize, end: usize) -> Range<usize> {
        let lo = floor_boundary(text, start.saturating_sub(SENTENCE_REACH));
        let hi = ceil_boundary(text, (end + SENTENCE_REACH).min(text.len()));
        let before = self.ends.partition_point(|&e| e <= start);
        let s = if before == 0 { 0 } else { self.ends[before - 1] }.max(lo);
        let after = self.ends.partition_point(|&e| e < end + 1);
        let e = self.ends.get(after).copied().unwrap_or(text.len()).min(hi);
        let s = s + (text[s..start].len() - text[s..start].trim_start().len());
        s..e
    }
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
        LabelOrder::Before => han_label(text, span, sentence, pack, unit, previous),
        LabelOrder::After => spaced_label(text, span, sentence, pack, previous),
    }
}

fn is_boundary(pack: &CompiledPack, c: char) -> bool {
    pack.lexicon.boundaries.contains(c)
}

/// Chinese: the clause before the figure, plus a counted noun after its
/// classifier, with a bare verb taking the previous figure's object.
fn han_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    pack: &CompiledPack,
    unit: Option<&str>,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    // The clause before the figure, but never reaching back into the previous figure.
    let mut from = sentence.start.min(span.start);
    if let Some(prev) = previous.last().filter(|f| f.span.end <= span.start && f.span.end > from) {
        from = prev.span.end;
    }
    let before = &text[from..span.start];
    let clause_start =
        before.char_indices().rev().find(|&(_, c)| is_boundary(pack, c)).map_or(0, |(i, c)| i + c.len_utf8());
    let mut before = &before[clause_start..];

    // The counted noun after the classifier: `派出15个督导组`.
    let after = &text[span.end..sentence.end.max(span.end)];
    let clause_end = after
        .char_indices()
        .take(NOUN_CHARS)
        .find(|&(_, c)| is_boundary(pack, c))
        .map_or_else(|| after.char_indices().nth(NOUN_CHARS).map_or(after.len(), |(i, _)| i), |(i, _)| i);
    let mut noun = &after[..clause_end];
    if let Some((stop, _)) = pack.lexicon.noun_stops.find(noun) {
        noun = &noun[..stop];
    }
    // A counted noun starts with a word or a quoted name (`“1分钟”处置圈`), not
    // with a sign or a range dash (`6%－6.5%`).
    let has_noun = noun.chars().next().is_some_and(|c| c.is_alphabetic() || c == '“');
    if has_noun {
        // `…大客车以及15台涉嫌疲劳驾驶大货车`: the words before the conjunction
        // belong to the previous noun phrase.
        if let Some(cut) = spec.conjunctions.iter().filter_map(|w| before.rfind(w.as_str()).map(|i| i + w.len())).max()
        {
            before = &before[cut..];
        }
    }
    let mut label = normalise_han(before, pack);
    if has_noun {
        label.push_str(&normalise_han(noun, pack));
    }

    // Ellipsis: `排查各类矛盾纠纷7500余起,化解7300余起` → `化解矛盾纠纷`.
    if spec.verbs.contains(&label) {
        let earlier = previous
            .iter()
            .rev()
            .take_while(|f| f.sentence.start == sentence.start)
            .find(|f| f.unit.as_deref() == unit);
        if let Some(object) = earlier.and_then(|f| strip_verb(&f.label, pack)) {
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

/// What a label counts without its verb: the object a later bare verb or
/// `of them` carries over (`排查矛盾纠纷` → `矛盾纠纷`, `screened disputes` → `disputes`).
pub fn object_of(label: &str, pack: &CompiledPack) -> String {
    match pack.spec.labels.order {
        LabelOrder::Before => strip_verb(label, pack).unwrap_or(label).to_string(),
        LabelOrder::After => label.split_once(' ').map_or(label, |(_, rest)| rest).to_string(),
    }
}

/// The object of a `verb + object` label, if the label starts with a known verb.
fn strip_verb<'a>(label: &'a str, pack: &CompiledPack) -> Option<&'a str> {
    let (_, len) = pack.lexicon.verbs.longest_prefix(label)?;
    let object = &label[len..];
    (!object.is_empty()).then_some(object)
}

/// Drops fillers and maps synonyms in a Chinese label.
pub fn normalise_han(raw: &str, pack: &CompiledPack) -> String {
    let spec = &pack.spec.labels;
    let lexicon = &pack.lexicon;
    let without_asides = drop_asides(raw);
    let mut s = without_asides.trim();
    if let Some(m) = pack.subject.as_ref().and_then(|re| re.find(s)) {
        // Keep the measure when the whole label is a subject (`全市`).
        if m.end() < s.len() {
            s = s[m.end()..].trim_start();
        }
    }
    loop {
        let before = s;
        if let Some((_, len)) = lexicon.leading_fillers.longest_prefix(s) {
            s = s[len..].trim_start();
        }
        if !spec.protected_endings.iter().any(|w| s.ends_with(w.as_str())) {
            if let Some((_, len)) = lexicon.trailing_fillers.longest_suffix(s) {
                s = s[..s.len() - len].trim_end();
            }
        }
        if s == before {
            break;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some((_, len)) = lexicon.fillers.longest_prefix(rest) {
            rest = &rest[len..];
        } else if let Some((canonical, len)) = lexicon.synonyms.longest_prefix(rest) {
            out.push_str(canonical);
            rest = &rest[len..];
        } else {
            if !c.is_whitespace() {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Drops bracketed asides: `重点区(市)县` → `重点区县`. When the figure itself
/// stands inside an aside (`处置圈（全市共建成处置圈118个`), the label is the
/// aside's words.
fn drop_asides(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut opened_at = 0;
    for (i, c) in raw.char_indices() {
        match c {
            '(' | '（' => {
                if depth == 0 {
                    opened_at = i + c.len_utf8();
                }
                depth += 1;
            }
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        return drop_asides(&raw[opened_at..]);
    }
    out
}

/// English: the counted noun after the figure, else the measure before it.
fn spaced_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    pack: &CompiledPack,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    let after = &text[span.end..sentence.end.max(span.end)];
    let after = &after[..after.find(|c| is_boundary(pack, c)).unwrap_or(after.len())];
    // The verb just before the figure (`resolved more than 7,300 disputes`):
    // screening and resolving disputes are two measures.
    let clause_before =
        text[sentence.start.min(span.start)..span.start].rsplit(|c| is_boundary(pack, c)).next().unwrap_or("");
    let verb = clause_before
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty() && !spec.stopwords.contains(w) && w.chars().all(char::is_alphabetic));
    // `resolved more than 7,300 of them`: the noun is the previous figure's.
    let anaphora = spec.anaphora.iter().any(|a| {
        let lower = after.trim_start().to_lowercase();
        lower.starts_with(a.as_str()) && lower[a.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
    });
    if anaphora {
        let object = previous.iter().rev().take_while(|f| f.sentence == *sentence).find(|f| !f.object.is_empty());
        if let Some(object) = object {
            let words: Vec<String> = verb.into_iter().chain(object.object.split(' ').map(str::to_string)).collect();
            return normalise_words(&words, spec);
        }
    }
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
        let words: Vec<String> = verb.into_iter().chain(noun).collect();
        return normalise_words(&words, spec);
    }
    // The measure before the figure, clause by clause, nearest first.
    let before = &text[sentence.start.min(span.start)..span.start];
    let mut words: Vec<String> = Vec::new();
    for clause in before.rsplit(|c| is_boundary(pack, c)).take(2) {
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
