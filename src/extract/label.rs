//! Labels: what a figure counts, read from the words around it.
//!
//! Chinese puts the measure before the number (`化解各类矛盾纠纷7300余起`) or
//! the counted noun after its classifier (`派出15个督导组`); English puts the
//! counted noun after the number (`1,829 criminal cases`) or the measure
//! before it (`the unemployment rate, at 3.5 percent`). Fillers, synonyms and
//! stop words come from the packs.

use std::ops::Range;

use crate::extract::clauses::{Boundary, Clauses};
use crate::extract::figure::Figure;
use crate::lexicon::pack::{CompiledPack, LabelOrder, LabelSpec};

/// The normalised label of the figure at `span`.
pub fn read_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    pack: &CompiledPack,
    clauses: &Clauses,
    unit: Option<&str>,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    match spec.order {
        LabelOrder::Before => han_label(text, span, sentence, pack, clauses, unit, previous),
        LabelOrder::After => spaced_label(text, span, sentence, pack, clauses, previous),
    }
}

/// Chinese: the clause before the figure, plus a counted noun after its
/// classifier, with a bare verb taking the previous figure's object.
fn han_label(
    text: &str,
    span: Range<usize>,
    sentence: &Range<usize>,
    pack: &CompiledPack,
    clauses: &Clauses,
    unit: Option<&str>,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    // The clause before the figure, but never reaching back into the previous figure.
    let mut from = sentence.start.min(span.start);
    if let Some(prev) = previous.last().filter(|f| f.span.end <= span.start && f.span.end > from) {
        from = prev.span.end;
    }
    let mut before = &text[clauses.clause_start(from, span.start)..span.start];

    // The counted noun after the classifier: `派出15个督导组`.
    // At most NOUN_CHARS characters, and never past the clause.
    let clause = &text[span.end..clauses.clause_end(span.end, sentence.end.max(span.end))];
    let mut noun = &clause[..clause.char_indices().nth(NOUN_CHARS).map_or(clause.len(), |(i, _)| i)];
    if let Some(stop) = noun_end(noun, pack) {
        noun = &noun[..stop];
    }
    // An adverb after the noun opens its predicate: `5800余名护林员常年巡山`.
    if let Some((at, _)) = noun
        .char_indices()
        .skip(1)
        .find(|&(at, _)| pack.lexicon.predicate_adverbs.longest_prefix(&noun[at..]).is_some())
    {
        noun = &noun[..at];
    }
    // A bracket that does not close within the noun opens an aside on it,
    // not more of it: `12个大中型港口（大型港口3个、…）` (ports), `15家银行（其中
    // 外资银行2家）` (banking); `86个审计（调查）项目` holds its aside whole.
    if let Some(open) = noun.find(['（', '(']).filter(|&at| !noun[at..].contains(['）', ')'])) {
        noun = &noun[..open];
    }
    // A classifier counts things, never a quantity of them: `全市28座大中型水库
    // 蓄水量达到…` counts 水库 (water), `3200家规上企业营业收入…` 企业 (industry).
    if let Some((_, len)) = pack.lexicon.measure_nouns.longest_suffix(noun) {
        if noun[..noun.len() - len].chars().count() >= MIN_NOUN_CHARS {
            noun = &noun[..noun.len() - len];
        }
    }
    // A locative after the noun places what follows among it and counts
    // nothing: `交办的37件信访事项中已有29件办结` (petitions), `612万参保人中，`
    // (insurance). A whole noun ending in one stays whole (`3所高中`).
    if let Some(place) =
        spec.locatives.iter().filter(|w| noun.len() > w.len() && noun.ends_with(w.as_str())).max_by_key(|w| w.len())
    {
        let kept = &noun[..noun.len() - place.len()];
        let whole = matches!(pack.lexicon.noun_stops.longest_suffix(noun), Some((false, len)) if len > place.len());
        if !whole && kept.chars().count() >= MIN_NOUN_CHARS {
            noun = kept;
        }
    }
    // A counted noun starts with a word or a quoted name (`“1分钟”处置圈`), not
    // with a sign or a range dash (`6%－6.5%`).
    let has_noun = noun.chars().next().is_some_and(|c| c.is_alphabetic() || c == '“')
        && !spec.locatives.iter().any(|w| noun == w.as_str());
    if has_noun {
        // `…出租车以及26辆涉嫌非法营运网约车`: the words before the conjunction
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

    // Ellipsis: `受理各类投诉举报1.2万件,办结1.1万件` → `办结投诉举报`.
    if is_verb_chain(&label, pack) {
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

/// The shortest counted noun left when a quantity noun or a locative is cut off it.
const MIN_NOUN_CHARS: usize = 2;

/// Where a noun stop or a verb ends the counted noun, reading past the whole
/// nouns that hold one (`低保对象开展走访` ends at `开展`, not inside `对象`).
fn noun_end(noun: &str, pack: &CompiledPack) -> Option<usize> {
    let mut at = 0;
    while at < noun.len() {
        match pack.lexicon.noun_stops.longest_prefix(&noun[at..]) {
            Some((true, _)) => return Some(at),
            Some((false, len)) => at += len,
            None => at += noun[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    None
}

/// True when a label is verbs only: one (`化解`) or a chain of them
/// (`督促整改` in fire safety, `排查化解` in mediation, `查处办结` in market
/// regulation), which count the object of the figure before.
fn is_verb_chain(label: &str, pack: &CompiledPack) -> bool {
    let mut rest = label;
    while !rest.is_empty() {
        match pack.lexicon.verbs.longest_prefix(rest) {
            Some((_, len)) if len > 0 => rest = &rest[len..],
            _ => return false,
        }
    }
    !label.is_empty()
}

/// What a label counts without its verb: the object a later bare verb or
/// `of them` carries over (`排查矛盾纠纷` → `矛盾纠纷`, `screened disputes` → `disputes`).
pub fn object_of(label: &str, pack: &CompiledPack) -> String {
    if pack.spec.labels.spaced_words {
        label.split_once(' ').map_or(label, |(_, rest)| rest).to_string()
    } else {
        strip_verb(label, pack).unwrap_or(label).to_string()
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
    // Synonyms first: a long name may hold what looks like a subject
    // (`归属于上市公司股东的净利润` holds `公司`).
    let canonical = canonical_words(&drop_asides(raw), pack);
    let mut s = canonical.trim();
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
        } else {
            if !c.is_whitespace() {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// `text` with every synonym replaced by its canonical word.
fn canonical_words(text: &str, pack: &CompiledPack) -> String {
    let synonyms = &pack.lexicon.synonyms;
    if synonyms.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((canonical, len)) = synonyms.longest_prefix(rest) {
            out.push_str(canonical);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The text without its bracketed asides (`Cargo (metric tonnes)` → `Cargo `).
pub fn without_asides(raw: &str) -> String {
    drop_asides(raw)
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
    clauses: &Clauses,
    previous: &[Figure],
) -> String {
    let spec = &pack.spec.labels;
    let after = &text[span.end..clauses.clause_end(span.end, sentence.end.max(span.end))];
    // The verb just before the figure (`resolved more than 7,300 disputes`):
    // screening and resolving disputes are two measures.
    let from = sentence.start.min(span.start);
    let nearest = clauses.last(Boundary::Clause, from..span.start);
    let clause_before = &text[nearest.as_ref().map_or(from, |b| b.end)..span.start];
    let verb = clause_before
        .split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty() && !pack.lexicon.stopwords.contains(w) && w.chars().all(char::is_alphabetic));
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
        if word.is_empty()
            || pack.lexicon.noun_stop_words.contains(&lower)
            || !word.chars().all(|c| c.is_alphabetic() || c == '-')
        {
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
        .filter(|w| !w.is_empty() && !pack.lexicon.stopwords.contains(w))
        .collect();
    if !noun.is_empty() {
        let words: Vec<String> = verb.into_iter().chain(noun).collect();
        return normalise_words(&words, spec);
    }
    // The measure before the figure, clause by clause, nearest first: the
    // clause before it, then the one before that.
    let mut nearest_two = vec![clause_before];
    if let Some(b) = nearest {
        nearest_two.push(&text[clauses.clause_start(from, b.start)..b.start]);
    }
    let mut words: Vec<String> = Vec::new();
    for clause in nearest_two {
        words = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
            .filter(|w| {
                !w.is_empty() && !pack.lexicon.stopwords.contains(w) && w.chars().all(|c| c.is_alphabetic() || c == '-')
            })
            .collect();
        if !words.is_empty() {
            break;
        }
    }
    let keep = words.len().saturating_sub(5);
    normalise_words(&words[keep..], spec)
}

/// Joins English label words, dropping leading fillers and mapping synonyms.
pub fn normalise_words(words: &[String], spec: &LabelSpec) -> String {
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
