//! Figures: number expressions that state a quantity, with their qualifier,
//! unit, interval and label.
//!
//! Input: a document's text and the packs. Output: [`Figure`]s in text order.
//! Everything language-specific (qualifier words, units, exclusions) comes
//! from the packs; this module only applies it.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::label;
use crate::extract::number::{NumberExpr, NumberForm, Numerals};
use crate::interval::{Bound, Interval};
use crate::rule::pack::{CompiledPack, Packs, QualifierSpec, UnitSpec};

/// A figure: a number with what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Byte span of the whole figure as written, qualifier and unit included.
    pub span: Range<usize>,
    /// The value as written, in the normalised unit (`4180.74万元` → 41807400).
    pub value: Decimal,
    /// The values the figure is compatible with, in the normalised unit.
    pub interval: Interval,
    /// The qualifier's id (`more-than`, `about`), if one was written.
    pub qualifier: Option<String>,
    /// The normalised unit (`人` for `名`), if any.
    pub unit: Option<String>,
    /// What the figure counts, normalised (`化解矛盾纠纷`).
    pub label: String,
    /// Byte span of the sentence the figure stands in.
    pub sentence: Range<usize>,
    /// The language of the pack that read it.
    pub language: String,
}

impl Figure {
    /// The measure key: normalised label and unit.
    pub fn key(&self) -> String {
        format!("{}|{}", self.label, self.unit.as_deref().unwrap_or(""))
    }
}

/// Every figure in `text`, in order.
pub fn extract_figures(text: &str, packs: &Packs) -> Vec<Figure> {
    let numbers = packs.numerals.scan(text);
    let excluded = excluded_spans(text, packs);
    let mut figures: Vec<Figure> = Vec::new();
    let mut next_excluded = 0;
    for number in &numbers {
        while next_excluded < excluded.len() && excluded[next_excluded].end <= number.start {
            next_excluded += 1;
        }
        if excluded.get(next_excluded).is_some_and(|e| e.start < number.end) {
            continue;
        }
        let Some(pack) = pack_for(text, number, packs) else { continue };
        if let Some(figure) = read_figure(text, number, pack, &packs.numerals, &figures) {
            figures.push(figure);
        }
    }
    figures
}

/// The spans of text that hold no figures, sorted and merged.
fn excluded_spans(text: &str, packs: &Packs) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = packs
        .packs
        .iter()
        .flat_map(|p| p.exclusions.iter())
        .flat_map(|(_, re)| re.find_iter(text).map(|m| m.range()))
        .filter(|r| !r.is_empty())
        .collect();
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// How far (in characters) to look either side of a number for its language.
const SCRIPT_WINDOW: usize = 12;

/// The pack whose script is nearest the number: after it first (the unit or
/// counted noun), then before it. A document may mix languages.
fn pack_for<'p>(text: &str, number: &NumberExpr, packs: &'p Packs) -> Option<&'p CompiledPack> {
    let matches = |c: char| {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        packs.packs.iter().find(|p| p.script.is_match(s))
    };
    let inside =
        text[number.start..number.end].chars().find_map(|c| (!c.is_ascii_digit()).then(|| matches(c)).flatten());
    let after = || text[number.end..].chars().take(SCRIPT_WINDOW).find_map(matches);
    let before = || text[..number.start].chars().rev().take(SCRIPT_WINDOW).find_map(matches);
    inside.or_else(after).or_else(before).or_else(|| packs.packs.first())
}

fn read_figure(
    text: &str,
    number: &NumberExpr,
    pack: &CompiledPack,
    numerals: &Numerals,
    previous: &[Figure],
) -> Option<Figure> {
    let spec = &pack.spec;
    let spaced = spec.labels.order == crate::rule::pack::LabelOrder::After;
    let mut start = number.start;
    let mut end = number.end;
    let mut value = number.value;
    let mut step = number.step;
    let mut last_place = number.last_place;
    let mut rounded = number.rounded;

    // Qualifier and prefix unit before the number (`逾7300`, `more than $4.2 billion`).
    let mut prefix_unit: Option<&UnitSpec> = None;
    let mut before = &text[..start];
    if spaced {
        before = before.trim_end_matches(' ');
    }
    if let Some(unit) =
        spec.units.iter().filter(|u| u.prefix).find(|u| u.words.iter().any(|w| before.ends_with(w.as_str())))
    {
        let word = unit.words.iter().filter(|w| before.ends_with(w.as_str())).max_by_key(|w| w.len())?;
        prefix_unit = Some(unit);
        start = before.len() - word.len();
        before = &text[..start];
        if spaced {
            before = before.trim_end_matches(' ');
        }
    }
    let mut qualifier =
        longest_suffix(before, spec.qualifiers.iter().flat_map(|q| q.before.iter().map(move |w| (q, w))), spaced).map(
            |(q, len)| {
                start = before.len() - len;
                q
            },
        );

    // Qualifier written after the number (`7300余`), and a scale word after it (`3000余万`).
    if qualifier.is_none() {
        if let Some((q, len)) = longest_prefix(
            &text[end..],
            spec.qualifiers.iter().flat_map(|q| q.after.iter().map(move |w| (q, w))),
            false,
        ) {
            qualifier = Some(q);
            end += len;
            if let Some((len, mul)) = numerals.scale_at(text, end) {
                value *= mul;
                step *= mul;
                last_place *= mul;
                rounded = true;
                end += len;
            }
        }
    }

    // The unit: a prefix unit found above, a number form, or a word after the number.
    let mut unit: Option<&UnitSpec> = prefix_unit;
    if unit.is_none() {
        let rest = &text[end..];
        let skipped = if spaced { rest.len() - rest.trim_start_matches(' ').len() } else { 0 };
        if let Some((u, len)) = longest_prefix(
            &rest[skipped..],
            spec.units.iter().filter(|u| !u.prefix).flat_map(|u| u.words.iter().map(move |w| (u, w))),
            spaced,
        ) {
            unit = Some(u);
            end += skipped + len;
        }
    }
    let form_unit = match number.form {
        NumberForm::Percent => Some("%"),
        NumberForm::PerMille => Some("‰"),
        NumberForm::Plain | NumberForm::Fraction => None,
    };
    if form_unit.is_some() {
        rounded = true;
    }

    // A qualifier written after the unit (`7300起左右`, `7300人以上`).
    if qualifier.is_none() {
        if let Some((q, len)) = longest_prefix(
            &text[end..],
            spec.qualifiers.iter().flat_map(|q| q.after_unit.iter().map(move |w| (q, w))),
            spaced,
        ) {
            qualifier = Some(q);
            end += len;
        }
    }

    // Small numbers written in words are rarely figures (`一起` is "together",
    // `one of` is not a count) unless a rounded unit follows (`five percent`).
    let written_in_words =
        !text[number.start..number.end].chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let small_word = written_in_words
        && number.form == NumberForm::Plain
        && !number.rounded
        && spec.labels.min_word_number.is_some_and(|min| number.value < min);
    if small_word && !unit.is_some_and(|u| u.rounded) {
        return None;
    }
    // Chinese counts always carry a classifier: a bare number is not a figure.
    if unit.is_none() && form_unit.is_none() && !spaced {
        return None;
    }

    let rounded = rounded || unit.is_some_and(|u| u.rounded);
    let mut interval = match qualifier {
        Some(q) => qualified(value, step, q),
        None if rounded => Interval::around(value, last_place / Decimal::TWO),
        None => Interval::exact(value),
    };
    if let Some(scale) = unit.and_then(|u| u.scale) {
        interval = interval.scaled(scale);
        value = value.checked_mul(scale)?;
    }
    let unit_name = unit.map(|u| u.unit.clone()).or_else(|| form_unit.map(str::to_string));
    let sentence = label::sentence_around(text, start, end, &spec.labels.sentence_ends);
    let label = label::read_label(text, start..end, &sentence, pack, unit_name.as_deref(), previous);
    Some(Figure {
        span: start..end,
        value,
        interval,
        qualifier: qualifier.map(|q| q.id.clone()),
        unit: unit_name,
        label,
        sentence,
        language: spec.language.clone(),
    })
}

/// The interval a qualifier gives: `value + steps × step` at each end.
fn qualified(value: Decimal, step: Decimal, q: &QualifierSpec) -> Interval {
    let bound = |b: &crate::rule::pack::BoundSpec| match b.steps {
        Some(steps) => Bound { value: steps.checked_mul(step).and_then(|d| value.checked_add(d)), open: b.open },
        None => Bound::unbounded(),
    };
    Interval { low: bound(&q.low), high: bound(&q.high) }
}

/// The longest word that `text` ends with, and the byte length it covers.
/// With `spaced`, words match case-insensitively, any run of white space
/// matches a space, and a word must start at a word boundary (`over`, not `cover`).
fn longest_suffix<'a, T: 'a>(
    text: &str,
    words: impl Iterator<Item = (T, &'a String)>,
    spaced: bool,
) -> Option<(T, usize)> {
    words
        .filter(|(_, w)| !w.is_empty())
        .filter_map(|(t, w)| {
            let start = if spaced { spaced_suffix_start(text, w)? } else { text.strip_suffix(w.as_str())?.len() };
            Some((t, text.len() - start))
        })
        .max_by_key(|(_, len)| *len)
}

/// Where the phrase `words` starts if `text` ends with it (white space and
/// case folded), at a word boundary.
fn spaced_suffix_start(text: &str, phrase: &str) -> Option<usize> {
    let mut rest = text;
    for word in phrase.split_whitespace().rev() {
        rest = rest.trim_end();
        let cut = rest.len().checked_sub(word.len())?;
        let tail = rest.get(cut..)?;
        if !tail.eq_ignore_ascii_case(word) {
            return None;
        }
        rest = &rest[..cut];
    }
    let boundary = rest.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    (boundary && rest.len() < text.len()).then_some(rest.len())
}

/// The longest word that `text` starts with, and the byte length it covers.
/// With `spaced`, words match case-insensitively, any run of white space
/// matches a space, and an alphabetic word must end at a word boundary
/// (`percent`, not `percentage`).
fn longest_prefix<'a, T: 'a>(
    text: &str,
    words: impl Iterator<Item = (T, &'a String)>,
    spaced: bool,
) -> Option<(T, usize)> {
    words
        .filter(|(_, w)| !w.is_empty())
        .filter_map(|(t, w)| {
            let len =
                if spaced { spaced_prefix_len(text, w)? } else { text.starts_with(w.as_str()).then_some(w.len())? };
            Some((t, len))
        })
        .max_by_key(|(_, len)| *len)
}

fn spaced_prefix_len(text: &str, phrase: &str) -> Option<usize> {
    let mut rest = text;
    let mut first = true;
    for word in phrase.split_whitespace() {
        if !first {
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return None;
            }
            rest = trimmed;
        }
        first = false;
        let head = rest.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word) {
            return None;
        }
        rest = &rest[word.len()..];
    }
    let ends_alpha = phrase.ends_with(|c: char| c.is_alphanumeric());
    if ends_alpha && rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(text.len() - rest.len())
}
