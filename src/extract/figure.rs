//! Figures: number expressions that state a quantity, with their qualifier,
//! unit, interval and label.
//!
//! Input: a document's text and the packs. Output: [`Figure`]s in text order.
//! Everything language-specific (qualifier words, units, exclusions) comes
//! from the packs; this module only applies it.

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::clauses::Clauses;
use crate::extract::label;
use crate::extract::number::{NumberExpr, NumberForm, Numerals};
use crate::interval::{Bound, Interval};
use crate::lexicon::pack::{CompiledPack, Packs, QualifierSpec, UnitSpec};

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
    /// What it counts without the verb (`矛盾纠纷`), for ellipsis.
    pub object: String,
    /// Byte span of the sentence the figure stands in.
    pub sentence: Range<usize>,
    /// The index (in `Packs::packs`) of the pack that read it.
    pub pack: usize,
}

/// Every figure in `text`, in order.
pub fn extract_figures(text: &str, packs: &Packs) -> Vec<Figure> {
    extract(text, packs).figures
}

/// The figures of a text, and the sentence and clause model of each pack
/// that read one (by pack index; `None` for a pack that read none): the
/// linking asks the same model the labels were read with.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub figures: Vec<Figure>,
    pub clauses: Vec<Option<Clauses>>,
}

/// Every figure in `text`, in order, with the models they were read with.
pub fn extract(text: &str, packs: &Packs) -> Extracted {
    let numbers = packs.numerals.scan(text);
    let mut figures: Vec<Figure> = Vec::new();
    // Per pack, built on first use: a pack's exclusions and sentence ends
    // apply to the figures that pack reads.
    let mut scans: Vec<Option<PackScan>> = vec![None; packs.packs.len()];
    let mut scripts: HashMap<char, Option<usize>> = HashMap::new();
    for number in &numbers {
        let Some((index, pack)) = pack_for(text, number, packs, &mut scripts) else { continue };
        let scan = scans[index].get_or_insert_with(|| PackScan::new(text, pack));
        if scan.excludes(number.start..number.end) {
            continue;
        }
        if let Some(mut figure) = read_figure(text, number, pack, &packs.numerals, &scan.clauses, &figures) {
            figure.pack = index;
            figures.push(figure);
        }
    }
    let clauses = scans.into_iter().map(|scan| scan.map(|s| s.clauses)).collect();
    Extracted { figures, clauses }
}

/// What one pack finds in a whole text before reading its figures.
#[derive(Debug, Clone)]
struct PackScan {
    /// Spans that hold no figures, sorted and merged.
    excluded: Vec<Range<usize>>,
    clauses: Clauses,
}

impl PackScan {
    fn new(text: &str, pack: &CompiledPack) -> Self {
        // Matches of the union never overlap and come in order.
        let excluded = pack
            .excluded
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
            .filter(|r| !r.is_empty())
            .collect();
        PackScan { excluded, clauses: Clauses::new(text, pack) }
    }

    fn excludes(&self, span: Range<usize>) -> bool {
        let i = self.excluded.partition_point(|e| e.end <= span.start);
        self.excluded.get(i).is_some_and(|e| e.start < span.end)
    }
}

/// How far (in characters) to look either side of a number for its language.
const SCRIPT_WINDOW: usize = 12;

/// The pack whose script is nearest the number (its index and the pack):
/// the first letter after it (the unit or counted noun), else before it.
/// A document may mix languages.
fn pack_for<'p>(
    text: &str,
    number: &NumberExpr,
    packs: &'p Packs,
    scripts: &mut HashMap<char, Option<usize>>,
) -> Option<(usize, &'p CompiledPack)> {
    let mut matches = |c: char| {
        if !c.is_alphabetic() {
            return None;
        }
        // A text repeats few letters; each is classified by regex once.
        let index = *scripts.entry(c).or_insert_with(|| {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            packs.packs.iter().position(|p| p.script.is_match(s))
        });
        index.map(|i| (i, &packs.packs[i]))
    };
    if let Some(found) = text[number.start..number.end].chars().find_map(&mut matches) {
        return Some(found);
    }
    let after = |m: &mut dyn FnMut(char) -> Option<(usize, &'p CompiledPack)>| {
        text[number.end..].chars().take(SCRIPT_WINDOW).find_map(m)
    };
    let before = |m: &mut dyn FnMut(char) -> Option<(usize, &'p CompiledPack)>| {
        text[..number.start].chars().rev().take(SCRIPT_WINDOW).find_map(m)
    };
    // A Latin unit glued to the number is often inside another language's
    // sentence (`达到280EFlops`, `装机120MW`): then the words before tell it.
    let glued = text[number.end..].chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let found = if glued {
        before(&mut matches).or_else(|| after(&mut matches))
    } else {
        after(&mut matches).or_else(|| before(&mut matches))
    };
    found.or_else(|| packs.packs.first().map(|p| (0, p)))
}

fn read_figure(
    text: &str,
    number: &NumberExpr,
    pack: &CompiledPack,
    numerals: &Numerals,
    clauses: &Clauses,
    previous: &[Figure],
) -> Option<Figure> {
    let spec = &pack.spec;
    let spaced = spec.labels.spaced_words;
    let mut start = number.start;
    let mut end = number.end;
    let mut value = number.value;
    let mut step = number.step;
    let mut last_place = number.last_place;
    let mut rounded = number.rounded;

    // Qualifier and prefix unit before the number (`逾7300`, `more than $4.2 billion`).
    let lexicon = &pack.lexicon;
    let mut prefix_unit: Option<&UnitSpec> = None;
    if let Some((&i, len)) = lexicon.prefix_units.longest_suffix(&text[..start]) {
        prefix_unit = Some(&spec.units[i]);
        start -= len;
    }
    let mut qualifier: Option<&QualifierSpec> = None;
    if let Some((&i, len)) = lexicon.qualifiers_before.longest_suffix(&text[..start]) {
        qualifier = Some(&spec.qualifiers[i]);
        start -= len;
    }

    // Qualifier written after the number (`7300余`), and a scale word after it (`3000余万`).
    if qualifier.is_none() {
        if let Some((&i, len)) = lexicon.qualifiers_after.longest_prefix(&text[end..]) {
            qualifier = Some(&spec.qualifiers[i]);
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
        // English puts spaces before units; older Chinese texts one (`8 ．8 ％`).
        let skipped =
            if spaced { rest.len() - rest.trim_start_matches(' ').len() } else { usize::from(rest.starts_with(' ')) };
        if let Some((&i, len)) = lexicon.units.longest_prefix(&rest[skipped..]) {
            unit = Some(&spec.units[i]);
            end += skipped + len;
        }
    }
    // A qualifier inside the unit's words (`八个多月`).
    if let Some(id) = unit.and_then(|u| u.qualifier.as_ref()).filter(|_| qualifier.is_none()) {
        qualifier = spec.qualifiers.iter().find(|q| q.id == *id);
    }
    let form_unit = match number.form {
        NumberForm::Percent => Some("%"),
        NumberForm::PerMille => Some("‰"),
        NumberForm::Plain | NumberForm::Fraction => None,
    };
    if form_unit.is_some() {
        rounded = true;
    }

    // A qualifier written after the unit (`7300起左右`, `7300 or more`).
    if qualifier.is_none() {
        let rest = &text[end..];
        let skipped = if spaced { rest.len() - rest.trim_start_matches(' ').len() } else { 0 };
        if let Some((&i, len)) = lexicon.qualifiers_after_unit.longest_prefix(&rest[skipped..]) {
            qualifier = Some(&spec.qualifiers[i]);
            end += skipped + len;
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
    // Without `bare_counts` (Chinese), a count always carries a classifier.
    if unit.is_none() && form_unit.is_none() && !spec.labels.bare_counts {
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
    let sentence = clauses.sentence_around(text, start, end);
    let label = label::read_label(text, start..end, &sentence, pack, clauses, unit_name.as_deref(), previous);
    let object = label::object_of(&label, pack);
    Some(Figure {
        span: start..end,
        value,
        interval,
        qualifier: qualifier.map(|q| q.id.clone()),
        unit: unit_name,
        label,
        object,
        sentence,
        pack: 0,
    })
}

/// The interval a qualifier gives: `value + steps × step` at each end.
fn qualified(value: Decimal, step: Decimal, q: &QualifierSpec) -> Interval {
    let bound = |b: &crate::lexicon::pack::BoundSpec| match b.steps {
        Some(steps) => Bound { value: steps.checked_mul(step).and_then(|d| value.checked_add(d)), open: b.open },
        None => Bound::unbounded(),
    };
    Interval { low: bound(&q.low), high: bound(&q.high) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Option<String>, String)> {
        let packs = Packs::builtin().unwrap();
        extract_figures(text, &packs).into_iter().map(|f| (text[f.span.clone()].to_string(), f.unit, f.label)).collect()
    }

    #[test]
    fn a_latin_unit_glued_in_a_chinese_sentence_is_read_by_the_chinese_pack() {
        let figures = read("全国算力总规模达到280EFlops。");
        assert_eq!(figures, [("280EFlops".to_string(), Some("EFlops".to_string()), "算力总规模".to_string())]);
    }

    #[test]
    fn units_in_their_own_script_keep_their_pack() {
        assert!(read("We checked 1,829 cases.")[0].2.ends_with("cases"));
        assert_eq!(read("全市共破获刑事案件1829起。")[0].1.as_deref(), Some("起"));
    }
}
