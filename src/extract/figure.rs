//! Figures: number expressions that state a quantity, with their qualifier,
//! unit, interval and label.
//!
//! Input: a document's text and the packs. Output: [`Figure`]s in text order.
//! Everything language-specific (qualifier words, units, exclusions) comes
//! from the packs; this module only applies it.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::clauses::{guess, partition_from, Clauses};
use crate::extract::label;
use crate::extract::number::{NumberExpr, NumberForm, Numerals};
use crate::extract::table::{CellKind, TableCell, Tables};
use crate::interval::{Bound, Interval};
use crate::lexicon::numerals::{CharMap, Lexeme};
use crate::lexicon::pack::{CompiledPack, LabelOrder, Packs, QualifierSpec, UnitClass, UnitSpec};

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
    /// True for a table cell: its label is its row's and column's words,
    /// not a clause.
    pub cell: bool,
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
    let tables = Tables::new(text);
    let mut scripts: CharMap<Option<usize>> = CharMap::default();
    // First the pack of every number, and per pack the lines around the
    // numbers it reads: its exclusions are matched there, not over the other
    // language's text nor over lines without its figures.
    let mut read: Vec<(&NumberExpr, Option<&TableCell>, usize)> = Vec::new();
    let mut windows: Vec<Vec<Range<usize>>> = vec![Vec::new(); packs.packs.len()];
    for number in &numbers {
        let cell = tables.cell_at(number.start).filter(|c| number.end <= c.span.end);
        // A header names a column and a row's key names a row: no figure.
        if cell.is_some_and(|c| matches!(c.kind, CellKind::Header | CellKind::Key)) {
            continue;
        }
        let found = match cell {
            Some(cell) => pack_for_cell(text, cell, packs, &mut scripts),
            None => pack_for(text, number, packs, &mut scripts),
        };
        let Some((index, _)) = found else { continue };
        add_window(&mut windows[index], text, number.start..number.end);
        read.push((number, cell, index));
    }
    // Per pack that reads a number: a pack's exclusions and sentence ends
    // apply to the figures that pack reads. The clauses of all of them are
    // found in one pass over the text.
    let used: Vec<usize> = (0..packs.packs.len()).filter(|&i| !windows[i].is_empty()).collect();
    let used_packs: Vec<&CompiledPack> = used.iter().map(|&i| &packs.packs[i]).collect();
    let mut scans: Vec<Option<PackScan>> = vec![None; packs.packs.len()];
    for (&i, clauses) in used.iter().zip(Clauses::for_packs(text, &used_packs)) {
        scans[i] = Some(PackScan { excluded: excluded(text, &packs.packs[i], &windows[i]), clauses });
    }
    let mut figures: Vec<Figure> = Vec::new();
    for (number, cell, index) in read {
        let pack = &packs.packs[index];
        let Some(scan) = &scans[index] else { continue };
        if scan.excludes(number.start..number.end, text.len()) {
            continue;
        }
        // A figure already read may hold this number (`1.6⏎million`).
        if figures.last().is_some_and(|f| f.span.end > number.start) {
            continue;
        }
        let context = Context { numerals: &packs.numerals, clauses: &scan.clauses, tables: &tables, cell };
        if let Some(mut figure) = read_figure(text, number, pack, &context, &figures) {
            figure.pack = index;
            figures.push(figure);
        }
    }
    let clauses = scans.into_iter().map(|scan| scan.map(|s| s.clauses)).collect();
    Extracted { figures, clauses }
}

/// Adds to `windows` (in text order, merged) the lines around `span`: its
/// own line with the line before and the line after it (blank lines between
/// them included), so that an exclusion written across a line break
/// (`January⏎5` in a hard-wrapped text) is matched as over the whole text.
/// Each byte is looked at once however many numbers a line holds.
fn add_window(windows: &mut Vec<Range<usize>>, text: &str, span: Range<usize>) {
    let bytes = text.as_bytes();
    let floor = windows.last().map_or(0, |w| w.end);
    if span.end <= floor {
        return;
    }
    // The start of the line holding `at - 1`, not before `floor`.
    let line_start = |at: usize| memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |i| floor + i + 1);
    // Just past the line break that ends the line holding `at`.
    let line_end = |at: usize| memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
    let mut start = if span.start <= floor { floor } else { line_start(span.start) };
    while start > floor {
        let before = line_start(start - 1);
        let blank = text[before..start].trim().is_empty();
        start = before;
        if !blank {
            break;
        }
    }
    let mut end = line_end(span.end);
    while end < bytes.len() {
        let after = line_end(end);
        let blank = text[end..after].trim().is_empty();
        end = after;
        if !blank {
            break;
        }
    }
    match windows.last_mut() {
        Some(last) if start <= last.end => last.end = end,
        _ => windows.push(start..end),
    }
}

/// What one pack finds in a whole text before reading its figures.
#[derive(Debug, Clone)]
struct PackScan {
    /// Spans that hold no figures, sorted and merged.
    excluded: Vec<Range<usize>>,
    clauses: Clauses,
}

/// A pack's exclusions matched in `windows` (the lines around its
/// numbers), each window searched as one text with the whole text before it
/// for `^` and word boundaries at its start: spans that hold no figures,
/// sorted, none overlapping.
fn excluded(text: &str, pack: &CompiledPack, windows: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut excluded = Vec::new();
    let Some(re) = &pack.excluded else { return excluded };
    for window in windows {
        let haystack = &text[..window.end];
        let mut at = window.start;
        // Matches of the union never overlap and come in order.
        while let Some(m) = re.find_at(haystack, at) {
            if m.is_empty() {
                // As `find_iter` does: an empty match moves on a character.
                match haystack[m.end()..].chars().next() {
                    Some(c) => at = m.end() + c.len_utf8(),
                    None => break,
                }
                continue;
            }
            excluded.push(m.range());
            at = m.end();
        }
    }
    excluded
}

impl PackScan {
    /// Whether an exclusion overlaps `span`, in a text of `len` bytes.
    fn excludes(&self, span: Range<usize>, len: usize) -> bool {
        let excluded = &self.excluded;
        let i = partition_from(excluded, guess(excluded.len(), span.start, len), |e| e.end <= span.start);
        excluded.get(i).is_some_and(|e| e.start < span.end)
    }
}

/// What a figure is read with, besides its pack.
struct Context<'a> {
    numerals: &'a Numerals,
    clauses: &'a Clauses,
    tables: &'a Tables,
    /// The table cell the number stands in, if any.
    cell: Option<&'a TableCell>,
}

/// How far (in characters) to look either side of a number for its language.
const SCRIPT_WINDOW: usize = 12;

/// The pack of a table cell: the script of its row's first cell, else of its
/// column's header, else of its row.
fn pack_for_cell<'p>(
    text: &str,
    cell: &TableCell,
    packs: &'p Packs,
    scripts: &mut CharMap<Option<usize>>,
) -> Option<(usize, &'p CompiledPack)> {
    let places = [cell.stub.clone(), cell.header.clone(), Some(cell.row.clone()), cell.caption.clone()];
    for place in places.into_iter().flatten() {
        for c in text[place].chars().filter(|c| c.is_alphabetic()) {
            let index = *scripts.entry(c).or_insert_with(|| {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                packs.packs.iter().position(|p| p.script.is_match(s))
            });
            if let Some(i) = index {
                return Some((i, &packs.packs[i]));
            }
        }
    }
    packs.packs.first().map(|p| (0, p))
}

/// The pack whose script is nearest the number (its index and the pack):
/// the first letter after it (the unit or counted noun), else before it.
/// A document may mix languages.
fn pack_for<'p>(
    text: &str,
    number: &NumberExpr,
    packs: &'p Packs,
    scripts: &mut CharMap<Option<usize>>,
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
    // The words after it tell only up to a clause mark (`占53.3%；PCT国际专利`:
    // the next clause's Latin name is not the share's language).
    let boundary = |c: &char| packs.packs.iter().any(|p| p.lexicon.boundaries.contains(*c));
    let after = |m: &mut dyn FnMut(char) -> Option<(usize, &'p CompiledPack)>| {
        text[number.end..].chars().take(SCRIPT_WINDOW).take_while(|c| !boundary(c)).find_map(m)
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
    // Nothing near: the nearest letter before it on its line (`Total   2,418,736`).
    let on_line = || {
        let line = text[..number.start].chars().rev().take_while(|&c| c != '\n');
        line.take(SCRIPT_WINDOW * 8).find_map(&mut matches)
    };
    found.or_else(on_line).or_else(|| packs.packs.first().map(|p| (0, p)))
}

fn read_figure(
    text: &str,
    number: &NumberExpr,
    pack: &CompiledPack,
    context: &Context<'_>,
    previous: &[Figure],
) -> Option<Figure> {
    let spec = &pack.spec;
    let numerals = context.numerals;
    let spaced = spec.labels.spaced_words;
    // A number at the end of a line of prose may have its unit or scale word
    // at the start of the next (hard-wrapped text); never inside a table.
    let wraps = spaced && !context.tables.in_row(number.start);
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
    // A scale word on the next line (`to 1.6⏎million`).
    if wraps && number.form == NumberForm::Plain {
        if let Some(skip) = wrapped(&text[end..]) {
            if let Some((len, mul)) = whole_word_scale(text, end + skip, numerals) {
                value *= mul;
                step *= mul;
                last_place *= mul;
                rounded = true;
                end += skip + len;
            }
        }
    }

    // The unit: a prefix unit found above, a number form, or a word after the number.
    let mut unit: Option<&UnitSpec> = prefix_unit;
    let compound: UnitSpec;
    if unit.is_none() {
        let rest = &text[end..];
        // English puts spaces before units; older Chinese texts one (`8 ．8 ％`).
        let skipped =
            if spaced { rest.len() - rest.trim_start_matches(' ').len() } else { usize::from(rest.starts_with(' ')) };
        let mut found = lexicon.units.longest_prefix(&rest[skipped..]).map(|(&i, len)| (i, skipped + len));
        if found.is_none() && wraps {
            found = wrapped(rest)
                .and_then(|skip| lexicon.units.longest_prefix(&rest[skip..]).map(|(&i, len)| (i, skip + len)));
        }
        if let Some((i, len)) = found {
            unit = Some(&spec.units[i]);
            end += len;
            // A classifier and a compound suffix are one unit (`批次`).
            if let Some(suffix) = compound_suffix(&text[end..], &spec.units[i], pack) {
                compound = UnitSpec { unit: format!("{}{suffix}", spec.units[i].unit), ..spec.units[i].clone() };
                unit = Some(&compound);
                end += suffix.len();
            }
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
    // A table cell's bare number takes the unit of its column, row or caption.
    let data_cell = context.cell.filter(|c| c.kind == CellKind::Data);
    // A column of keys (`序号`, `Rank`) holds no figures.
    if data_cell.is_some_and(|c| key_column(text, c, pack)) {
        return None;
    }
    let from_table: UnitSpec;
    if unit.is_none() && form_unit.is_none() {
        if let Some(found) = data_cell.and_then(|c| table_unit(text, c, pack, numerals)) {
            from_table = found;
            unit = Some(&from_table);
        }
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

    // A bound that names a class (`使用15年以上的电梯`, `低于50%的项目`) counts nothing.
    if let Some(q) = qualifier {
        let threshold =
            pack.thresholds.iter().any(|(t, next)| t.qualifiers.contains(&q.id) && next.is_match(&text[end..]));
        if threshold {
            return None;
        }
    }

    // Small numbers written in words are rarely figures (`一起` is "together",
    // `one of` is not a count) unless a rounded unit follows (`five percent`)
    // or, where the pack says so, a plural noun they count (`three hospitals`).
    let written_in_words =
        !text[number.start..number.end].chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let small_word = written_in_words
        && number.form == NumberForm::Plain
        && !number.rounded
        && spec.labels.min_word_number.is_some_and(|min| number.value < min);
    if small_word && !unit.is_some_and(|u| u.rounded) && !counts_a_noun(text, end, number.value, pack) {
        return None;
    }
    // Without `bare_counts` (Chinese), a count always carries a classifier,
    // except in a table, where the column says what it counts.
    if unit.is_none() && form_unit.is_none() && !spec.labels.bare_counts && data_cell.is_none() {
        return None;
    }
    // A name with a number (`Terminal 2`, `Route 40`, `Table 1`) is no figure.
    let bare = unit.is_none() && form_unit.is_none() && qualifier.is_none() && data_cell.is_none();
    if spaced && bare && names_a_thing(text, number, pack) {
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
    let unit_name = unit.map(|u| u.unit.clone()).filter(|u| !u.is_empty()).or_else(|| form_unit.map(str::to_string));
    let (sentence, label) = match data_cell {
        // A cell is its own sentence: the columns of a row are stated apart
        // (`比年初增加` and `同比增长` have different bases).
        Some(cell) => (cell.span.clone(), table_label(text, cell, pack)),
        None => {
            let clauses = context.clauses;
            let sentence = clauses.sentence_around(text, start, end);
            let label = label::read_label(text, start..end, &sentence, pack, clauses, unit_name.as_deref(), previous);
            (sentence, label)
        }
    };
    // A figure always stands inside its sentence, even when a cell's bounds
    // are drawn narrower than its sign or its unit.
    let sentence = sentence.start.min(start)..sentence.end.max(end);
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
        cell: data_cell.is_some(),
    })
}

/// The bytes to skip from the end of a number to the first word of the next
/// line, when the number ends its line and the next line is not blank.
fn wrapped(rest: &str) -> Option<usize> {
    let after_spaces = rest.trim_start_matches([' ', '\t']);
    let after_break = after_spaces.strip_prefix("\r\n").or_else(|| after_spaces.strip_prefix('\n'))?;
    let next = after_break.trim_start_matches([' ', '\t']);
    next.chars().next().filter(|c| !c.is_whitespace())?;
    Some(rest.len() - next.len())
}

/// A scale word (`million`) written whole at `at`.
fn whole_word_scale(text: &str, at: usize, numerals: &Numerals) -> Option<(usize, Decimal)> {
    let (len, mul) = numerals.scale_at(text, at)?;
    let next = text[at + len..].chars().next();
    next.is_none_or(|c| !c.is_alphanumeric()).then_some((len, mul))
}

/// The compound suffix (`次`) written right after a classifier, if any.
fn compound_suffix<'p>(rest: &str, unit: &UnitSpec, pack: &'p CompiledPack) -> Option<&'p str> {
    if unit.class != UnitClass::Classifier || unit.qualifier.is_some() {
        return None;
    }
    let compounds = &pack.spec.compound_units;
    let suffix = compounds.suffixes.iter().find(|s| !s.is_empty() && rest.starts_with(s.as_str()))?;
    if compounds.not_words.iter().any(|w| rest.starts_with(w.as_str())) {
        return None;
    }
    Some(suffix)
}

/// Whether a small number word counts a plural noun after it: `three
/// hospitals`, `nine voting members` (the noun within two words), not
/// `three months` (a span of time, listed in the pack).
fn counts_a_noun(text: &str, end: usize, value: Decimal, pack: &CompiledPack) -> bool {
    let labels = &pack.spec.labels;
    if !labels.word_counts || value < Decimal::TWO {
        return false;
    }
    let rest = &text[end..];
    if !rest.starts_with(' ') {
        return false;
    }
    for word in rest.split(' ').skip(1).take(2) {
        let bare = word.trim_end_matches([',', '.', ';', ':', '!', '?', ')']);
        if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            return false;
        }
        let lower = bare.to_ascii_lowercase();
        if pack.lexicon.stopwords.contains(&lower) || pack.lexicon.noun_stop_words.contains(&lower) {
            return false;
        }
        if bare.len() > 3 && bare.ends_with('s') && !bare.ends_with("ss") {
            return !labels.not_counted_nouns.contains(&lower);
        }
        // A word that ends the phrase ends the search.
        if bare.len() != word.len() {
            return false;
        }
    }
    false
}

/// Whether the number names a thing (`Terminal 2`, `Route 40`, `Table 1`):
/// a short integer written right after a capitalised word that is no
/// function word of the pack (`Of 978 departures` counts).
fn names_a_thing(text: &str, number: &NumberExpr, pack: &CompiledPack) -> bool {
    let written = &text[number.start..number.end];
    if written.len() > 3 || !written.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let Some(before) = text[..number.start].strip_suffix(' ') else { return false };
    let word_start =
        before.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let capitalised = word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && word.len() > 1;
    if !capitalised {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    let changes = &pack.spec.linking.changes;
    let function_word = pack.lexicon.stopwords.contains(&lower)
        || pack.lexicon.noun_stop_words.contains(&lower)
        || changes.increase.contains(&lower)
        || changes.decrease.contains(&lower)
        || pack.spec.qualifiers.iter().flat_map(|q| &q.before).any(|w| w.eq_ignore_ascii_case(&lower));
    !function_word
}

/// Whether the cell's column holds keys: row numbers, ranks, years.
fn key_column(text: &str, cell: &TableCell, pack: &CompiledPack) -> bool {
    let Some(header) = &cell.header else { return false };
    let name = label::without_asides(&text[header.clone()]);
    let name = name.trim();
    pack.spec.tables.key_headers.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// The unit a table cell takes from its column header, its row's first cell
/// or the table's caption (`零售额（亿元）`, `Cargo (metric tonnes)`,
/// `(thousands of passengers, seasonally adjusted)`).
fn table_unit(text: &str, cell: &TableCell, pack: &CompiledPack, numerals: &Numerals) -> Option<UnitSpec> {
    [&cell.header, &cell.stub, &cell.caption]
        .into_iter()
        .flatten()
        .find_map(|place| unit_in(&text[place.clone()], pack, numerals))
}

/// A unit stated in a header or caption: a bracketed phrase, a phrase after a
/// unit marker (`单位：万元`), or the whole text.
fn unit_in(header: &str, pack: &CompiledPack, numerals: &Numerals) -> Option<UnitSpec> {
    let mut phrases: Vec<&str> = Vec::new();
    let mut rest = header;
    while let Some(open) = rest.find(['(', '（']) {
        let inner = &rest[open..];
        let inner = &inner[inner.chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = inner.find([')', '）']) else { break };
        phrases.extend(inner[..close].split([',', '，', ';', '；', '、']));
        rest = &inner[close..];
    }
    for marker in &pack.spec.tables.unit_markers {
        if let Some(at) = header.find(marker.as_str()) {
            let after = header[at + marker.len()..].trim_start_matches([':', '：', ' ']);
            phrases.extend(after.split([',', '，', ';', '；', ')', '）', ' ']).next());
        }
    }
    phrases.push(header);
    phrases.into_iter().find_map(|p| unit_phrase(p.trim(), pack, numerals))
}

/// A whole phrase naming a unit: a unit word (`%`, `亿元`, `metric tonnes`),
/// or a scale word and a unit (`billions of dollars`, `万人`), or a scale
/// word alone (`thousands`: counts in thousands).
fn unit_phrase(phrase: &str, pack: &CompiledPack, numerals: &Numerals) -> Option<UnitSpec> {
    if phrase.is_empty() {
        return None;
    }
    let lexicon = &pack.lexicon;
    let whole_unit = |p: &str| {
        let (&i, len) = lexicon.units.longest_prefix(p)?;
        (len == p.len()).then(|| pack.spec.units[i].clone())
    };
    if let Some(unit) = whole_unit(phrase) {
        return Some(unit);
    }
    // A scale or multiplier word first, maybe in the plural (`billions`).
    let word_len = phrase.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(phrase.len());
    let (mul, len) = if word_len > 1 {
        let word = &phrase[..word_len];
        let singular = word.strip_suffix('s').unwrap_or(word);
        match numerals.lexeme_at(singular, 0) {
            Some((Lexeme::Scale(m) | Lexeme::Multiplier(m), l)) if l == singular.len() => (m, word_len),
            _ => return None,
        }
    } else {
        match numerals.lexeme_at(phrase, 0) {
            Some((Lexeme::Scale(m), l)) => (m, l),
            _ => return None,
        }
    };
    let mut rest = phrase[len..].trim_start();
    for joiner in &pack.spec.tables.scale_joiners {
        if let Some(r) = rest.strip_prefix(joiner.as_str()).filter(|r| r.is_empty() || r.starts_with(' ')) {
            rest = r.trim_start();
        }
    }
    let mut unit = if rest.is_empty() {
        UnitSpec {
            unit: String::new(),
            words: Vec::new(),
            prefix: false,
            scale: None,
            rounded: false,
            qualifier: None,
            class: UnitClass::Measure,
            examples: Vec::new(),
        }
    } else {
        whole_unit(rest)?
    };
    unit.scale = Some(unit.scale.unwrap_or(Decimal::ONE).checked_mul(mul)?);
    unit.rounded = true;
    Some(unit)
}

/// The label of a table cell: its row's first cell and its column's header
/// (`大型银行` + `贷款余额（亿元）` → `大型银行贷款余额`), normalised as prose labels are.
fn table_label(text: &str, cell: &TableCell, pack: &CompiledPack) -> String {
    let tables = &pack.spec.tables;
    let header = cell.header.as_ref().map(|r| &text[r.clone()]).filter(|h| {
        let name = label::without_asides(h);
        let name = name.trim();
        !tables.value_headers.iter().any(|v| v.eq_ignore_ascii_case(name))
    });
    let stub = cell.stub.as_ref().map(|r| &text[r.clone()]);
    match pack.spec.labels.order {
        LabelOrder::Before => {
            let column = header.map(|h| label::normalise_han(h, pack));
            // A column of this period's levels counts the table's topic
            // (`贷款余额` under `…小微企业贷款情况见下表` is 小微企业贷款余额); a
            // column of changes or bases is read against its row's level.
            let column = match (column, table_topic(text, cell, pack)) {
                (Some(c), Some(topic)) if !compares(&c, pack) => Some(with_topic(&topic, &c)),
                (c, _) => c,
            };
            stub.map(|p| label::normalise_han(p, pack)).into_iter().chain(column).collect()
        }
        LabelOrder::After => {
            let parts = stub.into_iter().chain(header);
            let labels = &pack.spec.labels;
            let words: Vec<String> = parts
                .flat_map(|p| label::without_asides(p).split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
                .filter(|w| !w.is_empty() && !pack.lexicon.stopwords.contains(w))
                .collect();
            label::normalise_words(&words, labels)
        }
    }
}

/// What a table counts, as the sentence above it names it when it points
/// at the table (`各类银行机构小微企业贷款情况见下表。` → `小微企业贷款`): the
/// words after what the rows are (`机构` of `机构类型`), so only a sentence
/// that names the rows' kind names the table.
fn table_topic(text: &str, cell: &TableCell, pack: &CompiledPack) -> Option<String> {
    let tables = &pack.spec.tables;
    let ends = &pack.lexicon.sentence_ends;
    // Only the line's end is read: the pointing sentence is short, and a
    // long paragraph above a long table is read once per cell.
    let above = cell.above.clone()?;
    let mut from = above.end.saturating_sub(MAX_TOPIC_BYTES).max(above.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line = text[from..above.end].trim().trim_end_matches(|c: char| ends.contains(c) || "：:".contains(c));
    let sentence = line.rsplit(|c: char| ends.contains(c)).next()?;
    let named = tables.topic_lead_ins.iter().find_map(|w| sentence.strip_suffix(w.as_str()))?;
    let named = tables.topic_nouns.iter().find_map(|w| named.strip_suffix(w.as_str())).unwrap_or(named);
    let corner = label::without_asides(&text[cell.corner.clone()?]);
    let corner = corner.trim();
    let kind = tables.dimension_suffixes.iter().find_map(|w| corner.strip_suffix(w.as_str())).unwrap_or(corner);
    let after = [corner, kind]
        .into_iter()
        .filter(|w| w.chars().count() >= MIN_TOPIC_CHARS)
        .find_map(|w| named.find(w).map(|at| &named[at + w.len()..]))?;
    let topic = label::normalise_han(after, pack);
    (topic.chars().count() >= MIN_TOPIC_CHARS).then_some(topic)
}

/// The most bytes of the line above a table read for its topic.
const MAX_TOPIC_BYTES: usize = 600;

/// The fewest characters of a table's topic, and of the rows' kind that
/// divides it from the words before it.
const MIN_TOPIC_CHARS: usize = 2;

/// True when a column's header compares: a change (`同比增长`, `增减`) or a
/// base (`上年同期`).
fn compares(column: &str, pack: &CompiledPack) -> bool {
    let changes = &pack.spec.linking.changes;
    let tables = &pack.spec.tables;
    [&changes.increase, &changes.decrease, &tables.change_headers, &tables.previous_headers]
        .into_iter()
        .flatten()
        .any(|w| column.ends_with(w.as_str()))
}

/// A column's words under the table's topic, sharing the words they overlap
/// in: `小微企业贷款` + `贷款余额` → `小微企业贷款余额`, `事故` + `死亡人数` →
/// `事故死亡人数`; a column that names the topic already stays.
fn with_topic(topic: &str, column: &str) -> String {
    if column.contains(topic) {
        return column.to_string();
    }
    let overlap = column
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .rfind(|&end| topic.ends_with(&column[..end]))
        .unwrap_or(0);
    format!("{topic}{}", &column[overlap..])
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

    /// Text, low, high and unit of every figure.
    fn intervals(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let packs = Packs::builtin().unwrap();
        let bound = |b: &Bound| b.value.map_or("-".into(), |v| v.normalize().to_string());
        extract_figures(text, &packs)
            .into_iter()
            .map(|f| (text[f.span.clone()].to_string(), bound(&f.interval.low), bound(&f.interval.high), f.unit))
            .collect()
    }

    fn figure(text: &str, low: &str, high: &str, unit: Option<&str>) -> (String, String, String, Option<String>) {
        (text.into(), low.into(), high.into(), unit.map(str::to_string))
    }

    #[test]
    fn campaign_names_and_numeral_idioms_are_no_figures() {
        // Policing, industry and village work: round numbers naming a
        // campaign, and idioms of numeral words, count nothing; the count
        // beside them does.
        let packs = Packs::builtin().unwrap();
        let text = "开展百日攻坚行动，千名民警进万家，走访群众1.2万户；深化万人助万企，一企一策帮扶企业86家，\
                    推行一事一议，召开省委十二届六次全会。";
        let read: Vec<&str> = extract_figures(text, &packs).iter().map(|f| &text[f.span.clone()]).collect();
        assert_eq!(read, ["1.2万户", "86家"]);
    }

    /// Each figure of a Markdown document with its label.
    fn md_labels(md: &str) -> Vec<(String, String)> {
        let doc = crate::load::Document::with_format("release.md", md);
        let prose = doc.prose();
        let packs = Packs::builtin().unwrap();
        extract_figures(&prose, &packs).into_iter().map(|f| (md[f.span.clone()].to_string(), f.label)).collect()
    }

    #[test]
    fn a_sentence_pointing_at_a_table_names_what_its_level_columns_count() {
        // Fires and water: the words after the rows' kind (`场所`, `区域`)
        // are the topic; a column of changes keeps its own words.
        let labels = md_labels(
            "各类场所火灾情况见下表。\n\n| 场所类型 | 亡人数（人） | 火灾（起） | 同比下降（%） |\n|---|---:|---:|---:|\n\
             | 住宅 | 7 | 198 | 10.4 |\n",
        );
        let of = |t: &str| labels.iter().find(|(f, _)| f == t).map(|(_, l)| l.as_str());
        assert_eq!(of("198"), Some("住宅火灾"), "{labels:?}");
        assert_eq!(of("7"), Some("住宅火灾亡人数"), "{labels:?}");
        assert_eq!(of("10.4"), Some("住宅同比下降"), "{labels:?}");
        let labels = md_labels(
            "全年供水平稳。各区域居民生活用水情况如下表：\n\n| 区域 | 用水量（万立方米） |\n|---|---:|\n| 东城区 | 812.6 |\n",
        );
        assert_eq!(labels[0].1, "东城区居民生活用水量", "{labels:?}");
        // A sentence that does not name what the rows are names no topic.
        let labels = md_labels("主要指标如下表。\n\n| 区域 | 用水量（万立方米） |\n|---|---:|\n| 东城区 | 812.6 |\n");
        assert_eq!(labels[0].1, "东城区用水量", "{labels:?}");
    }

    #[test]
    fn a_markdown_table_cell_takes_its_unit_and_label_from_row_and_column() {
        let md = "| 区域 | 用水量（万立方米） | 同比增长（%） |\n|---|---:|---:|\n| 东城区 | 812.6 | 3.4 |\n| 合计 | 2046 | -1.2 |\n";
        let doc = crate::load::Document::with_format("water.md", md);
        let prose = doc.prose();
        let packs = Packs::builtin().unwrap();
        let figures = extract_figures(&prose, &packs);
        let read: Vec<_> = figures.iter().map(|f| (&md[f.span.clone()], f.unit.as_deref(), f.label.as_str())).collect();
        assert_eq!(
            read,
            [
                ("812.6", Some("立方米"), "东城区用水量"),
                ("3.4", Some("%"), "东城区同比增长"),
                ("2046", Some("立方米"), "用水量"),
                ("-1.2", Some("%"), "同比增长")
            ]
        );
        // 万 in the header scales and rounds the cell: 2046万 ± 5000.
        assert_eq!(figures[2].interval, Interval::around(Decimal::from(20_460_000), Decimal::from(5000)));
    }

    #[test]
    fn a_fixed_width_table_takes_units_from_caption_and_row() {
        let row = |a: &str, b: &str, c: &str| format!("{a:<28}{b:>10}{c:>10}\n");
        let text = format!(
            "Table 3. Port activity (millions of dollars)\n\n{}{}{}",
            row("", "Q2 2024", "Q2 2023"),
            row("Customs duties", "412.5", "398.0"),
            row("Bulk cargo (metric tonnes)", "86,204", "79,310")
        );
        let figures = intervals(&text);
        assert_eq!(figures[0], figure("412.5", "412450000", "412550000", Some("USD")));
        assert_eq!(figures[2], figure("86,204", "86204", "86204", Some("tonnes")));
        assert_eq!(figures.len(), 4, "no figure in the caption or header: {figures:?}");
    }

    #[test]
    fn a_value_column_adds_nothing_to_the_label_and_a_rank_column_is_no_figure() {
        let md = "| 排名 | 指标 | 数值 |\n|---|---|---|\n| 1 | 受理投诉 | 1.37万件 |\n| 2 | 办结信访事项 | 860件 |\n";
        let doc = crate::load::Document::with_format("a.md", md);
        let packs = Packs::builtin().unwrap();
        let figures = extract_figures(&doc.prose(), &packs);
        let labels: Vec<&str> = figures.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["受理投诉", "办结信访事项"]);
        let text = "Rank   Site        Amount\n1      Ashford     $4.2 million\n2      Brookside   $3.9 million\n";
        let figures = extract_figures(text, &packs);
        let labels: Vec<&str> = figures.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["ashford", "brookside"]);
    }

    #[test]
    fn a_classifier_and_its_compound_suffix_are_one_unit() {
        let figures = intervals("抽检水样1200批次，检查营运车辆3.2万余辆次，共检查水库46座次。抓获2人，次日移送。");
        let units: Vec<_> = figures.iter().map(|f| f.3.as_deref().unwrap_or("")).collect();
        assert_eq!(units, ["批次", "辆次", "座次", "人"]);
    }

    #[test]
    fn a_unit_that_begins_with_a_multiplier_is_not_read_into_the_number() {
        assert_eq!(intervals("新增装机120千瓦。"), [figure("120千瓦", "120", "120", Some("千瓦"))]);
        assert_eq!(intervals("户均用电量386千瓦时。"), [figure("386千瓦时", "386", "386", Some("千瓦时"))]);
    }

    #[test]
    fn a_unit_or_scale_on_the_next_line_belongs_to_the_number() {
        let text = "Factory output rose 2.4\npercent in May, and payrolls grew to 1.6\nmillion workers.";
        let figures = intervals(text);
        assert_eq!(figures[0], figure("2.4\npercent", "2.35", "2.45", Some("%")));
        assert_eq!(figures[1], figure("1.6\nmillion", "1550000", "1650000", None));
        // A blank line is a paragraph break, not a wrap.
        assert_eq!(intervals("It closed at 2.4\n\npercent of sales")[0].3, None);
    }

    #[test]
    fn small_number_words_count_plural_nouns_only() {
        let figures = intervals("The agency runs four walk-in clinics and two shelters.");
        assert_eq!(figures, [figure("four", "4", "4", None), figure("two", "2", "2", None)]);
        assert!(intervals("Over the past three months, no one of the staff left; one of them retired.").is_empty());
    }

    #[test]
    fn names_with_numbers_are_not_figures() {
        assert!(intervals("Buses on Route 40 and the new Terminal 2 garage").is_empty());
        assert_eq!(intervals("Of 978 departures, 812 left on time.").len(), 2);
        assert_eq!(intervals("Sales rose 3 percent at Gate 12.").len(), 1);
    }

    #[test]
    fn a_bound_naming_a_class_is_no_count() {
        assert!(intervals("持续出现35℃以上高温天气。").is_empty());
        assert!(intervals("执行率低于40%的项目有23个。").iter().all(|f| f.0 == "23个"));
        // A target or result bounded at the end of its clause stays a figure.
        assert_eq!(intervals("整改率保持在95%以上。").len(), 1);
        assert_eq!(intervals("完成老旧电梯更新600台以上，").len(), 1);
    }

    #[test]
    fn a_pack_matches_its_exclusions_on_the_lines_around_its_numbers() {
        let text = "l0\nl1 7\nl2\nl3\nl4\n\nl5 8\n \nl6\nl7";
        let mut windows = Vec::new();
        for n in ["7", "8"] {
            let at = text.find(n).unwrap();
            add_window(&mut windows, text, at..at + 1);
        }
        // Each number's line with the line before and after it, past blank
        // lines; l3 and l7 in none.
        assert_eq!(windows, [0..text.find("l3").unwrap(), text.find("l4").unwrap()..text.find("l7").unwrap()]);
        // Numbers on one long line, or on neighbouring lines, make one window.
        let mut one = Vec::new();
        let line = "1，2，3\n4";
        for (at, _) in line.match_indices(char::is_numeric) {
            add_window(&mut one, line, at..at + 1);
        }
        assert_eq!(one.len(), 1);
        assert_eq!(one[0], 0..line.len());
    }

    #[test]
    fn an_exclusion_across_a_line_break_is_matched_from_the_line_before() {
        // The date's month ends a line with no figure; its day opens the next.
        let text = "The clinic opened its doors on January\n5, and it served 1,200 patients.";
        assert_eq!(intervals(text), [figure("1,200", "1200", "1200", None)]);
        let blank = "The clinic opened its doors on January\n\n5, and it served 1,200 patients.";
        assert_eq!(intervals(blank), [figure("1,200", "1200", "1200", None)]);
        // Words of the other language hold no exclusion of this one.
        let mixed = "全年共接待游客1200万人次。\nThe office opened on January\n5, serving 40 people.";
        let read: Vec<String> = intervals(mixed).into_iter().map(|f| f.0).collect();
        assert_eq!(read, ["1200万人次", "40"]);
    }

    #[test]
    fn units_in_their_own_script_keep_their_pack() {
        assert!(read("We checked 1,829 cases.")[0].2.ends_with("cases"));
        assert_eq!(read("全市共破获刑事案件1829起。")[0].1.as_deref(), Some("起"));
    }
}
