//! The number reader: finds number expressions in text and reads their value
//! and how precisely they are written.
//!
//! Input: text and the merged numeral lexicons of the packs (`numerals:`).
//! Output: [`NumberExpr`]s in text order, none overlapping.
//! The reader knows nothing of units, qualifiers or labels; `figure` does.
//!
//! The grammar here is generic; every word it knows comes from the packs:
//! digits (`一`, `壹`), number words (`twelve`, `廿`), multipliers inside a
//! group (`十 百 千`, `hundred`, `thousand`), scale words that close a group
//! and round (`万 亿`, `million`), decimal-point words (`点`, `point`), percent
//! prefixes (`百分之`), fraction and mixed-number infixes (`分之`, `又`),
//! negatives, joiners (`and`, `-`), separators, abbreviations attached to
//! digits (`3.1bn`) and words that contain numerals but are not numbers
//! (`四川`). A new language is a new `numerals:` section, not new code.
//!
//! Speed: the scan skips, with a byte table and a character bitset, every
//! position that cannot start a number, and allocates nothing per character.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;
use serde::Deserialize;

/// How a number expression is written, where the form itself carries a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberForm {
    /// A plain numeral: `1829`, `一千八百二十九`, `1.9万`, `twelve`.
    Plain,
    /// A percent written as a prefix: `百分之九十七点六`.
    Percent,
    /// A per-mille written as a prefix: `千分之三`.
    PerMille,
    /// A fraction: `三分之一` (value is the quotient).
    Fraction,
}

/// One number expression as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberExpr {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset one past the last byte of the expression.
    pub end: usize,
    /// The exact value (scale words applied: `1.9万` → 19000).
    pub value: Decimal,
    /// Place value of the last non-zero written digit (`7300` → 100, `1.9万` → 1000).
    pub step: Decimal,
    /// Place value of the last written digit, zeros included (`50万` → 10000, `38.91万` → 100).
    pub last_place: Decimal,
    /// Written with a decimal point or a scale word (万, 亿, million, billion):
    /// such a number is rounded at its last written digit.
    pub rounded: bool,
    pub form: NumberForm,
}

/// The form a prefix word gives the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrefixForm {
    /// `百分之`: the number is a percent.
    Percent,
    /// `千分之`: the number is a per-mille.
    PerMille,
}

/// An example in a `numerals:` section, checked by the tests when the pack loads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumeralExample {
    /// Text holding exactly one number expression, which must span all of it.
    pub text: String,
    pub value: Decimal,
    #[serde(default)]
    pub step: Option<Decimal>,
    #[serde(default)]
    pub last_place: Option<Decimal>,
    #[serde(default)]
    pub rounded: Option<bool>,
}

/// The `numerals:` section of a pack, as written in YAML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumeralsSpec {
    /// Single numerals 0–9 (`一: 1`, `两: 2`, `壹: 1`, `〇: 0`). Two or more in a
    /// row read as a digit string (`二〇二二` = 2022); one right after a
    /// multiplier or scale at the end of a number is abbreviated, standing for
    /// the next lower place (`一万二` = 12000, `三千五` = 3500).
    #[serde(default)]
    pub digits: BTreeMap<String, u32>,
    /// Digits that only count and never spell a digit string or decimals
    /// (`两`: 两千 = 2000, but 两两 and 一点两 are no numbers).
    #[serde(default)]
    pub counting_only: Vec<String>,
    /// Number words (`one: 1`, `twenty: 20`, `廿: 20`); a tens word followed by
    /// a unit word or digit adds (`twenty-one`). Never abbreviated.
    #[serde(default)]
    pub words: BTreeMap<String, u32>,
    /// Multipliers inside a group (`十: 10`, `百: 100`, `hundred: 100`,
    /// `thousand: 1000`). Not rounding. A multiplier larger than the last one
    /// multiplies the whole group (`two hundred thousand`).
    #[serde(default)]
    pub multipliers: BTreeMap<String, Decimal>,
    /// Scale words (`万: 10000`, `million: 1000000`): they close a group, and a
    /// number written with one is rounded at its last written digit.
    #[serde(default)]
    pub scales: BTreeMap<String, Decimal>,
    /// Abbreviations written right after digits, and the multiplier or scale
    /// word they stand for (`bn: billion` as in `3.1bn`).
    #[serde(default)]
    pub abbreviations: BTreeMap<String, String>,
    /// Decimal-point words between numerals (`点`, `point`).
    #[serde(default)]
    pub points: Vec<String>,
    /// Decimal points between digits (`.`, `．`).
    #[serde(default)]
    pub digit_points: Vec<String>,
    /// Markers of a power of ten right after digits (`e` as in `2.5e6`),
    /// followed by an optional sign and the exponent's digits.
    #[serde(default)]
    pub exponent_markers: Vec<String>,
    /// Thousands separators between digit groups of three (`,`, U+2009).
    #[serde(default)]
    pub group_separators: Vec<String>,
    /// Words before a number that make it a percent or per-mille (`百分之`).
    #[serde(default)]
    pub prefixes: BTreeMap<String, PrefixForm>,
    /// Words between denominator and numerator of a fraction (`三分之一`).
    #[serde(default)]
    pub fraction_infixes: Vec<String>,
    /// Words between a whole number and a fraction (`一又二分之一`).
    #[serde(default)]
    pub mixed_infixes: Vec<String>,
    /// Read digits set apart by single spaces (`1 9 9 3 年`, `7 4 7 7 2 亿元`), a
    /// typesetting habit of older Chinese texts, after a non-ASCII character.
    #[serde(default)]
    pub spaced_digits: bool,
    /// Words or signs that make the following number negative (`负`, `minus`, `−`).
    #[serde(default)]
    pub negatives: Vec<String>,
    /// Words that may stand between parts of one numeral (`and`, `-`).
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Words that contain numerals but are not numbers (`四川`, `一切`).
    #[serde(default)]
    pub not_numbers: Vec<String>,
    /// Examples, each checked when the pack loads.
    #[serde(default)]
    pub examples: Vec<NumeralExample>,
}

/// What a word of the lexicon is, to the grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lexeme {
    Digit(u32),
    /// A digit that only counts (`两`).
    Counting(u32),
    Word(u32),
    Multiplier(Decimal),
    Scale(Decimal),
    Point,
    MixedInfix,
}

impl Lexeme {
    /// Whether a number expression may start with this word.
    fn starts_number(self) -> bool {
        matches!(self, Lexeme::Digit(_) | Lexeme::Counting(_) | Lexeme::Word(_) | Lexeme::Multiplier(_))
    }
}

/// One word of the lexicon.
#[derive(Debug, Clone)]
struct Entry<T> {
    text: String,
    item: T,
    /// Ends in an ASCII letter or digit: matched case-insensitively and only
    /// where a word ends.
    alphabetic: bool,
}

impl<T: Copy> Entry<T> {
    fn new(text: &str, item: T) -> Self {
        let alphabetic = text.ends_with(|c: char| c.is_ascii_alphanumeric());
        let text = if alphabetic { text.to_ascii_lowercase() } else { text.to_string() };
        Entry { text, item, alphabetic }
    }

    /// Byte length of this word at `pos`, if it is written there.
    fn matches(&self, bytes: &[u8], pos: usize) -> Option<usize> {
        let end = pos + self.text.len();
        let written = bytes.get(pos..end)?;
        if self.alphabetic {
            let at_word_end = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
            (written.eq_ignore_ascii_case(self.text.as_bytes()) && at_word_end).then_some(self.text.len())
        } else {
            // Words are a few bytes: a plain loop beats a call to memcmp.
            let same = written.iter().zip(self.text.as_bytes()).all(|(a, b)| a == b);
            same.then_some(self.text.len())
        }
    }
}

/// Longest entry of `list` written at `pos`.
fn longest<T: Copy>(list: &[Entry<T>], bytes: &[u8], pos: usize) -> Option<(T, usize)> {
    list.iter().find_map(|e| e.matches(bytes, pos).map(|len| (e.item, len)))
}

fn sort_longest_first<T>(list: &mut [Entry<T>]) {
    list.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then_with(|| a.text.cmp(&b.text)));
}

/// A hasher for `char` keys: the lexicon is looked up once per numeral
/// character, and SipHash would dominate the scan.
#[derive(Debug, Clone, Copy, Default)]
struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

/// Numbers of this size or more (10^24) are not read: downstream interval
/// arithmetic must not overflow (`Decimal` holds about 7.9e28).
fn max_value() -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(24), 0)
}

/// Decimal places kept in a fraction's quotient.
const FRACTION_PLACES: u32 = 10;

/// Spaces allowed between the parts of one numeral (`一百 五 十`, `4.2 billion`).
const MAX_SPACES: usize = 3;

/// The numeral lexicon compiled from every loaded pack.
#[derive(Debug, Clone, Default)]
pub struct Numerals {
    scales: Vec<(String, Decimal)>,
    /// Lexicon words by their first character (ASCII lowercased), longest first.
    entries: CharMap<Vec<Entry<Lexeme>>>,
    prefixes: Vec<Entry<NumberForm>>,
    negatives: Vec<Entry<()>>,
    joiners: Vec<Entry<()>>,
    abbreviations: Vec<Entry<Lexeme>>,
    digit_points: Vec<String>,
    group_separators: Vec<String>,
    fraction_infixes: Vec<String>,
    exponent_markers: Vec<String>,
    /// Whether any pack reads digits set apart by single spaces.
    spaced_digits: bool,
    /// Words that are not numbers, by a numeral character in them, with its byte offset.
    not_numbers: CharMap<Vec<(String, usize)>>,
    /// Bytes that may start a number expression (first bytes of the lexicon, digits).
    start_bytes: Vec<bool>,
    /// Characters (below U+10000) that begin a lexicon word, as a bitset.
    start_chars: Vec<u64>,
}

impl Numerals {
    /// Merges the numeral sections of several packs.
    pub fn new<'a>(specs: impl IntoIterator<Item = &'a NumeralsSpec>) -> Self {
        let specs: Vec<&NumeralsSpec> = specs.into_iter().collect();
        let mut scales: Vec<(String, Decimal)> =
            specs.iter().flat_map(|s| s.scales.iter().map(|(k, v)| (k.clone(), *v))).collect();
        // Longest word first so that 万亿 wins over 万.
        scales.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        scales.dedup_by(|a, b| a.0 == b.0);

        let mut words: Vec<Entry<Lexeme>> = Vec::new();
        let mut prefixes = Vec::new();
        let mut negatives = Vec::new();
        let mut joiners = Vec::new();
        let mut abbreviations = Vec::new();
        let mut digit_points = Vec::new();
        let mut group_separators = Vec::new();
        let mut fraction_infixes: Vec<String> = Vec::new();
        let mut exponent_markers: Vec<String> = Vec::new();
        let mut not_numbers: CharMap<Vec<(String, usize)>> = CharMap::default();
        for spec in &specs {
            words.extend(spec.digits.iter().filter(|(_, v)| **v < 10).map(|(k, v)| {
                let counting = spec.counting_only.contains(k);
                Entry::new(k, if counting { Lexeme::Counting(*v) } else { Lexeme::Digit(*v) })
            }));
            words.extend(spec.words.iter().map(|(k, v)| Entry::new(k, Lexeme::Word(*v))));
            words.extend(spec.multipliers.iter().map(|(k, v)| Entry::new(k, Lexeme::Multiplier(*v))));
            words.extend(spec.scales.iter().map(|(k, v)| Entry::new(k, Lexeme::Scale(*v))));
            words.extend(spec.points.iter().map(|k| Entry::new(k, Lexeme::Point)));
            words.extend(spec.mixed_infixes.iter().map(|k| Entry::new(k, Lexeme::MixedInfix)));
            prefixes.extend(spec.prefixes.iter().map(|(k, f)| {
                let form = match f {
                    PrefixForm::Percent => NumberForm::Percent,
                    PrefixForm::PerMille => NumberForm::PerMille,
                };
                Entry::new(k, form)
            }));
            negatives.extend(spec.negatives.iter().map(|k| Entry::new(k, ())));
            joiners.extend(spec.joiners.iter().map(|k| Entry::new(k, ())));
            digit_points.extend(spec.digit_points.iter().filter(|p| !p.is_empty()).cloned());
            group_separators.extend(spec.group_separators.iter().filter(|p| !p.is_empty()).cloned());
            fraction_infixes.extend(spec.fraction_infixes.iter().filter(|p| !p.is_empty()).cloned());
            exponent_markers.extend(spec.exponent_markers.iter().filter(|p| !p.is_empty()).cloned());
        }
        // Abbreviations stand for a multiplier or scale of any pack.
        for spec in &specs {
            for (abbr, word) in &spec.abbreviations {
                let meaning = specs.iter().find_map(|s| {
                    s.scales
                        .get(word)
                        .map(|v| Lexeme::Scale(*v))
                        .or_else(|| s.multipliers.get(word).map(|v| Lexeme::Multiplier(*v)))
                });
                if let Some(lexeme) = meaning {
                    abbreviations.push(Entry::new(abbr, lexeme));
                }
            }
        }
        words.retain(|e| !e.text.is_empty());
        let mut entries: CharMap<Vec<Entry<Lexeme>>> = CharMap::default();
        for e in words {
            let first = e.text.chars().next().unwrap_or_default();
            let list = entries.entry(first).or_default();
            if !list.iter().any(|x| x.text == e.text) {
                list.push(e);
            }
        }
        entries.values_mut().for_each(|l| sort_longest_first(l));
        prefixes.retain(|e| !e.text.is_empty());
        sort_longest_first(&mut prefixes);
        for list in [&mut negatives, &mut joiners] {
            list.retain(|e| !e.text.is_empty());
            sort_longest_first(list);
        }
        abbreviations.retain(|e| !e.text.is_empty());
        sort_longest_first(&mut abbreviations);
        for list in [&mut digit_points, &mut group_separators, &mut fraction_infixes, &mut exponent_markers] {
            list.sort_by_key(|s| std::cmp::Reverse(s.len()));
            list.dedup();
        }

        let mut numerals = Numerals {
            scales,
            entries,
            prefixes,
            negatives,
            joiners,
            abbreviations,
            digit_points,
            group_separators,
            fraction_infixes,
            exponent_markers,
            spaced_digits: specs.iter().any(|s| s.spaced_digits),
            not_numbers: CharMap::default(),
            start_bytes: vec![false; 256],
            start_chars: vec![0; 0x10000 / 64],
        };
        for spec in &specs {
            for word in &spec.not_numbers {
                for (offset, c) in word.char_indices() {
                    if numerals.lexeme_at(c.encode_utf8(&mut [0; 4]), 0).is_some() {
                        not_numbers.entry(c).or_default().push((word.clone(), offset));
                    }
                }
            }
        }
        numerals.not_numbers = not_numbers;

        let mut starts: Vec<char> = numerals.entries.keys().copied().collect();
        starts.extend(numerals.prefixes.iter().filter_map(|e| e.text.chars().next()));
        starts.extend(numerals.negatives.iter().filter_map(|e| e.text.chars().next()));
        starts.extend('0'..='9');
        starts.extend('０'..='９');
        for c in starts {
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf);
            let first = encoded.as_bytes()[0];
            numerals.start_bytes[first as usize] = true;
            if c.is_ascii_alphabetic() {
                numerals.start_bytes[c.to_ascii_uppercase() as usize] = true;
                numerals.start_bytes[c.to_ascii_lowercase() as usize] = true;
            }
            if (c as u32) < 0x10000 {
                numerals.start_chars[c as usize / 64] |= 1 << (c as usize % 64);
            }
        }
        numerals
    }

    /// The scale word starting at `pos`, if any: its byte length and multiplier.
    pub fn scale_at(&self, text: &str, pos: usize) -> Option<(usize, Decimal)> {
        let rest = text.get(pos..)?;
        self.scales.iter().find(|(w, _)| rest.starts_with(w.as_str())).map(|(w, m)| (w.len(), *m))
    }

    /// Every number expression in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<NumberExpr> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !self.start_bytes[b as usize] {
                i += if b.is_ascii_alphanumeric() { word_len(bytes, i) } else { utf8_len(b) };
                continue;
            }
            if b.is_ascii_alphanumeric() && i > 0 && bytes[i - 1].is_ascii_alphabetic() {
                // Inside a word or an identifier (`someone`, `A380`).
                i += word_len(bytes, i);
                continue;
            }
            if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
                // Three-byte characters (all of CJK): decoded by hand, the hot path.
                let c = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                if self.start_chars[c as usize / 64] & (1 << (c % 64)) == 0 {
                    i += 3;
                    continue;
                }
            }
            match self.read_at(text, i) {
                Ok(expr) => {
                    i = expr.end.max(i + 1);
                    out.push(expr);
                }
                Err(next) => {
                    let skip = if b.is_ascii_alphabetic() { word_len(bytes, i) } else { utf8_len(b) };
                    i = next.max(i + skip);
                }
            }
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        out
    }

    /// The number expression starting at `start`, or where to resume scanning.
    fn read_at(&self, text: &str, start: usize) -> Result<NumberExpr, usize> {
        let bytes = text.as_bytes();
        let mut pos = start;
        let mut negative = false;
        if let Some((sign, len)) = self.negatives.iter().find_map(|e| e.matches(bytes, pos).map(|len| (e, len))) {
            let word = sign.alphabetic || sign.text.chars().any(char::is_alphabetic);
            // A minus sign, unlike a word, is not one right after a Latin
            // letter, a digit, a numeral, a percent or another sign
            // (`2019-2020`, `COVID-19`, `三-五`, `6%－6.5%`, `--9`); after
            // Chinese text it is (`温度-5度`).
            let before = text[..pos].chars().next_back();
            let sign_ok = word
                || before.is_none_or(|c| {
                    let at = pos - c.len_utf8();
                    let latin = c.is_alphabetic() && (c as u32) < 0x2E80;
                    !(latin
                        || c.is_numeric()
                        || matches!(c, '%' | '％' | '‰')
                        || self.lexeme_at(text, at).is_some()
                        || longest(&self.negatives, bytes, at).is_some())
                });
            if sign_ok {
                let after = if word { self.skip_spaces(text, pos + len) } else { pos + len };
                if self.numeral_starts_at(text, after) {
                    negative = true;
                    pos = after;
                }
            }
        }
        let mut form = NumberForm::Plain;
        if let Some((f, len)) = longest(&self.prefixes, bytes, pos) {
            let after = self.skip_spaces(text, pos + len);
            if self.numeral_starts_at(text, after) {
                form = f;
                pos = after;
            }
        }
        let Some(mut numeral) = self.read_numeral(text, pos)? else {
            return Err(start + 1);
        };
        if form == NumberForm::Plain {
            if let Some(fraction) = self.read_fraction(text, &numeral) {
                numeral = fraction;
                form = NumberForm::Fraction;
            } else if let Some(mixed) = self.read_mixed(text, &numeral) {
                numeral = mixed;
                form = NumberForm::Fraction;
            }
        }
        if numeral.value.abs() >= max_value() {
            return Err(numeral.end);
        }
        let value = if negative { -numeral.value } else { numeral.value };
        Ok(NumberExpr {
            start,
            end: numeral.end,
            value,
            step: numeral.step,
            last_place: numeral.last_place,
            rounded: numeral.rounded,
            form,
        })
    }

    /// `三分之一` after the denominator `numeral`: the numerator, and the quotient.
    fn read_fraction(&self, text: &str, denominator: &Numeral) -> Option<Numeral> {
        let at = self.skip_spaces(text, denominator.end);
        let at = self.fraction_infixes.iter().find_map(|w| self.spaced_word_at(text, at, w))?;
        let mut at = self.skip_spaces(text, at);
        // `负三分之负一`: a sign on the numerator.
        let negative = longest(&self.negatives, text.as_bytes(), at);
        if let Some(((), len)) = negative {
            at += len;
        }
        let numerator = self.read_numeral(text, at).ok()??;
        let mut value = numerator.value.checked_div(denominator.value)?.round_dp(FRACTION_PLACES);
        if negative.is_some() {
            value = -value;
        }
        let place = Decimal::new(1, FRACTION_PLACES);
        Some(Numeral { end: numerator.end, value, step: place, last_place: place, rounded: true })
    }

    /// `一又二分之一` after the whole number `whole`.
    fn read_mixed(&self, text: &str, whole: &Numeral) -> Option<Numeral> {
        let at = self.skip_spaces(text, whole.end);
        let (Lexeme::MixedInfix, len) = self.lexeme_at(text, at)? else { return None };
        let at = self.skip_spaces(text, at + len);
        let denominator = self.read_numeral(text, at).ok()??;
        let fraction = self.read_fraction(text, &denominator)?;
        Some(Numeral { value: whole.value.checked_add(fraction.value)?, ..fraction })
    }

    /// A power of ten written at `pos` (`e6`, `E-1`, `e－１`), and its end.
    fn exponent_at(&self, text: &str, pos: usize) -> Option<(i32, usize)> {
        let bytes = text.as_bytes();
        let marker = self.exponent_markers.iter().find(|m| bytes[pos..].starts_with(m.as_bytes()))?;
        let mut at = pos + marker.len();
        let rest = &text[at..];
        let negative = rest.starts_with('-') || rest.starts_with('－') || rest.starts_with('−');
        if let Some(sign) = ['+', '-', '－', '−'].into_iter().find(|c| rest.starts_with(*c)) {
            at += sign.len_utf8();
        }
        let mut exp = 0i32;
        let digits_start = at;
        while let Some((d, len)) = digit_at(bytes, at) {
            exp = exp.saturating_mul(10).saturating_add(d as i32);
            at += len;
        }
        let at_word_end = bytes.get(at).is_none_or(|b| !b.is_ascii_alphabetic());
        (at > digits_start && at_word_end).then_some((if negative { -exp } else { exp }, at))
    }

    /// The end of `word` written at `pos`, spaces allowed between its
    /// characters (`三分 之一`).
    fn spaced_word_at(&self, text: &str, pos: usize, word: &str) -> Option<usize> {
        let mut at = pos;
        for (i, c) in word.chars().enumerate() {
            if i > 0 {
                at = self.skip_spaces(text, at);
            }
            at += text.get(at..)?.starts_with(c).then(|| c.len_utf8())?;
        }
        Some(at)
    }

    /// Whether a numeral (not a sign or prefix) starts at `pos`.
    fn numeral_starts_at(&self, text: &str, pos: usize) -> bool {
        digit_at(text.as_bytes(), pos).is_some() || self.lexeme_at(text, pos).is_some_and(|(l, _)| l.starts_number())
    }

    /// The lexicon word written at `pos`, unless it is part of a word that is not a number.
    fn lexeme_at(&self, text: &str, pos: usize) -> Option<(Lexeme, usize)> {
        let bytes = text.as_bytes();
        let b = *bytes.get(pos)?;
        let c = if b < 0x80 { b.to_ascii_lowercase() as char } else { text.get(pos..)?.chars().next()? };
        let (lexeme, len) = longest(self.entries.get(&c)?, bytes, pos)?;
        if let Some(words) = self.not_numbers.get(&c) {
            let inside = words.iter().any(|(w, offset)| {
                pos >= *offset && text.get(pos - offset..).is_some_and(|rest| rest.starts_with(w.as_str()))
            });
            if inside {
                return None;
            }
        }
        Some((lexeme, len))
    }

    /// `pos` moved past at most [`MAX_SPACES`] spaces.
    fn skip_spaces(&self, text: &str, pos: usize) -> usize {
        let mut end = pos;
        for c in text.get(pos..).unwrap_or_default().chars().take(MAX_SPACES) {
            if matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        end
    }

    /// The next part of a numeral at `pos`, no spaces skipped.
    fn part_at(&self, text: &str, pos: usize) -> Result<Option<(Part, usize)>, usize> {
        if digit_at(text.as_bytes(), pos).is_some() {
            let run = self.digit_run(text, pos)?;
            return Ok(Some((Part::Digits(run.number), run.end)));
        }
        Ok(self.lexeme_at(text, pos).map(|(l, len)| (Part::Word(l), pos + len)))
    }

    /// Digits with separators and a decimal point (`1,829`, `38.91`, `１２３`).
    /// Err: the run is too long to read; resume after it.
    fn digit_run(&self, text: &str, pos: usize) -> Result<DigitRun, usize> {
        let bytes = text.as_bytes();
        let mut i = pos;
        let mut mantissa: Option<u128> = Some(0);
        let mut frac = 0u32;
        let mut trailing_zeros = 0u32;
        let mut group = 0usize;
        let mut grouped = false;
        let mut point = false;
        // Typeset spacing (`1 9 9 3 年`): single digits set apart by single
        // spaces, in a run that follows a non-ASCII character.
        let spaced = self.spaced_digits && pos > 0 && !bytes[pos - 1].is_ascii();
        let mut since_space = 0usize;
        loop {
            if let Some((d, len)) = digit_at(bytes, i) {
                mantissa = mantissa.and_then(|m| m.checked_mul(10)?.checked_add(d as u128));
                frac += point as u32;
                group += 1;
                since_space += 1;
                trailing_zeros = if d == 0 { trailing_zeros + 1 } else { 0 };
                i += len;
                continue;
            }
            if spaced && since_space == 1 && !grouped && bytes.get(i) == Some(&b' ') {
                let next = i + 1;
                let single_digit = digit_at(bytes, next).is_some_and(|(_, len)| digit_at(bytes, next + len).is_none());
                let point_next = !point
                    && self
                        .digit_points
                        .iter()
                        .any(|p| bytes[next..].starts_with(p.as_bytes()) && digit_at(bytes, next + p.len()).is_some());
                if single_digit || point_next {
                    since_space = 0;
                    i = next;
                    continue;
                }
            }
            if !point {
                if let Some(sep) = self.group_separators.iter().find(|s| bytes[i..].starts_with(s.as_bytes())) {
                    let group_ok = if grouped { group == 3 } else { group <= 3 };
                    if group_ok && three_digits_at(bytes, i + sep.len()) {
                        grouped = true;
                        group = 0;
                        i += sep.len();
                        continue;
                    }
                    break;
                }
                if let Some(p) = self.digit_points.iter().find(|p| bytes[i..].starts_with(p.as_bytes())) {
                    if digit_at(bytes, i + p.len()).is_some() {
                        point = true;
                        i += p.len();
                        continue;
                    }
                }
            }
            break;
        }
        let too_long = || {
            let mut end = i;
            while let Some((_, len)) = digit_at(bytes, end) {
                end += len;
            }
            end
        };
        // A dotted code (`192.168.1.2`, section 3.2.1, version 1.10.4) is no number.
        if point {
            let mut end = i;
            let mut dotted = false;
            while let Some(p) = self.digit_points.iter().find(|p| bytes[end..].starts_with(p.as_bytes())) {
                if digit_at(bytes, end + p.len()).is_none() {
                    break;
                }
                dotted = true;
                end += p.len();
                while let Some((_, len)) = digit_at(bytes, end) {
                    end += len;
                }
            }
            if dotted {
                return Err(end);
            }
        }
        let mantissa = mantissa.filter(|m| *m < (1u128 << 96)).ok_or_else(too_long)?;
        if frac > 28 {
            return Err(too_long());
        }
        let value = Decimal::try_from_i128_with_scale(mantissa as i128, frac).map_err(|_| too_long())?;
        let last = pow10(-(frac as i32)).ok_or_else(too_long)?;
        let step = if mantissa == 0 { Some(last) } else { pow10(trailing_zeros as i32 - frac as i32) };
        let step = step.ok_or_else(too_long)?;
        Ok(DigitRun { end: i, number: Pending { value, step, last, abbreviable: false, word: false, point } })
    }

    /// The numeral starting at `pos`: digits, numeral words, or both (`1.9万`).
    /// Err: a run of digits too long to read; resume where it ends.
    fn read_numeral(&self, text: &str, pos: usize) -> Result<Option<Numeral>, usize> {
        let bytes = text.as_bytes();
        let Some((first, mut end)) = self.part_at(text, pos)? else { return Ok(None) };
        let mut state = State::default();
        match first {
            Part::Digits(mut run) => {
                if let Some((exp, exp_end)) = self.exponent_at(text, end) {
                    let scale = pow10(exp).ok_or(exp_end)?;
                    let times = |v: Decimal| v.checked_mul(scale).ok_or(exp_end);
                    run = Pending {
                        value: times(run.value)?,
                        step: times(run.step)?,
                        last: times(run.last)?,
                        point: true,
                        ..run
                    };
                    end = exp_end;
                }
                state.rounded = run.point;
                state.push(run);
                // An abbreviation attached to digits (`3.1bn`, `40k`).
                if let Some((lexeme, len)) = longest(&self.abbreviations, bytes, end) {
                    if let Some(next) = state.accept(lexeme) {
                        state = next;
                        end += len;
                    }
                }
            }
            Part::Word(Lexeme::Digit(_)) if matches!(self.lexeme_at(text, end), Some((Lexeme::Digit(_), _))) => {
                // A digit string: 二〇二二.
                let (run, run_end) = self.digit_string(text, pos)?;
                state.push(run);
                end = run_end;
            }
            Part::Word(lexeme) if lexeme.starts_number() => match state.accept(lexeme) {
                Some(next) => state = next,
                None => return Ok(None),
            },
            Part::Word(_) => return Ok(None),
        }
        if state.is_empty() {
            return Ok(None);
        }

        // Further parts, each after at most a few spaces or a joiner. A
        // number part is kept only if the scale after it, if any, fits:
        // `5万 10万` is two numbers, not 5万10 and a stray 万.
        let mut before_number: Option<(State, usize)> = None;
        loop {
            let at = self.skip_spaces(text, end);
            let Some((part, part_end)) = self.part_at(text, at)? else {
                // A joiner between number words (`hundred and six`, `twenty-one`),
                // never between digits or numerals (`5万-10万` is a range).
                let Some(((), len)) = longest(&self.joiners, bytes, at) else { break };
                let after = self.skip_spaces(text, at + len);
                if !bytes.get(after).is_some_and(u8::is_ascii_alphabetic) {
                    break;
                }
                match self.part_at(text, after)? {
                    Some((Part::Word(l), part_end)) if !matches!(l, Lexeme::Point | Lexeme::Scale(_)) => {
                        match state.accept(l) {
                            Some(next) => {
                                state = next;
                                end = part_end;
                                continue;
                            }
                            None => break,
                        }
                    }
                    _ => break,
                }
            };
            let is_number =
                matches!(part, Part::Digits(_) | Part::Word(Lexeme::Digit(_) | Lexeme::Counting(_) | Lexeme::Word(_)));
            let (saved_state, saved_end) = (state, end);
            let rejected_scale = matches!(part, Part::Word(Lexeme::Scale(_) | Lexeme::Multiplier(_)));
            match part {
                Part::Word(Lexeme::Point) => {
                    if let Some(numeral) = self.read_point(text, &state, part_end)? {
                        return Ok(Some(numeral));
                    }
                    break;
                }
                Part::Word(lexeme) => match state.accept(lexeme) {
                    Some(next) => {
                        state = next;
                        end = part_end;
                    }
                    None => {
                        if let (true, Some((state_then, end_then))) = (rejected_scale, before_number) {
                            (state, end) = (state_then, end_then);
                        }
                        break;
                    }
                },
                Part::Digits(run) => match state.accept_number(run) {
                    Some(next) => {
                        state = State { rounded: next.rounded || run.point, ..next };
                        end = part_end;
                        // An abbreviation attached to these digits (`3万4k`).
                        if let Some((lexeme, len)) = longest(&self.abbreviations, bytes, end) {
                            if let Some(next) = state.accept(lexeme) {
                                state = next;
                                end += len;
                            }
                        }
                    }
                    None => break,
                },
            }
            before_number = is_number.then_some((saved_state, saved_end));
        }
        let Some((value, step, last_place)) = state.finish() else { return Err(end) };
        Ok(Some(Numeral { end, value, step, last_place, rounded: state.rounded }))
    }

    /// A digit string of numeral characters (`二〇二二`, `一七二零`).
    fn digit_string(&self, text: &str, pos: usize) -> Result<(Pending, usize), usize> {
        let mut end = pos;
        let mut mantissa: Option<u128> = Some(0);
        let mut trailing_zeros = 0i32;
        while let Some((Lexeme::Digit(d), len)) = self.lexeme_at(text, end) {
            mantissa = mantissa.and_then(|m| m.checked_mul(10)?.checked_add(d as u128));
            trailing_zeros = if d == 0 { trailing_zeros + 1 } else { 0 };
            end += len;
        }
        let mantissa = mantissa.filter(|m| *m < 10u128.pow(27)).ok_or(end)?;
        let value = Decimal::from_i128_with_scale(mantissa as i128, 0);
        let step = if mantissa == 0 { Decimal::ONE } else { pow10(trailing_zeros).ok_or(end)? };
        Ok((Pending { value, step, last: Decimal::ONE, abbreviable: false, word: false, point: false }, end))
    }

    /// After a decimal-point word at `after_point`: the fractional digits, and a
    /// scale word after them (`九十七点六`, `三点五亿`). None if no digit follows.
    fn read_point(&self, text: &str, state: &State, after_point: usize) -> Result<Option<Numeral>, usize> {
        let mut at = self.skip_spaces(text, after_point);
        let mut fraction = Decimal::ZERO;
        let mut places = 0i32;
        let mut last_nonzero = None;
        while let Some((Lexeme::Digit(d) | Lexeme::Word(d), len)) = self.lexeme_at(text, at) {
            if d >= 10 || places >= 20 {
                break;
            }
            places += 1;
            let place = pow10(-places).ok_or(at)?;
            fraction += Decimal::from(d) * place;
            if d != 0 {
                last_nonzero = Some(place);
            }
            at += len;
            // Spelled-out digits stand apart: `point zero three`.
            if matches!(self.lexeme_at(text, at - len), Some((Lexeme::Word(_), _))) {
                let next = self.skip_spaces(text, at);
                if matches!(self.lexeme_at(text, next), Some((Lexeme::Word(w), _)) if w < 10) {
                    at = next;
                }
            }
        }
        if places == 0 {
            return Ok(None);
        }
        let Some((whole, whole_step, _)) = state.finish() else { return Err(at) };
        let last_place = pow10(-places).ok_or(at)?;
        let step = last_nonzero.unwrap_or(if whole.is_zero() { last_place } else { whole_step });
        let mut numeral = Numeral { end: at, value: whole + fraction, step, last_place, rounded: true };
        if state.last_scale.is_none() {
            let scale_at = self.skip_spaces(text, at);
            if let Some((Lexeme::Scale(s), len)) = self.lexeme_at(text, scale_at) {
                let times = |v: Decimal| v.checked_mul(s);
                if let (Some(value), Some(step), Some(last_place)) =
                    (times(numeral.value), times(numeral.step), times(numeral.last_place))
                {
                    numeral = Numeral { end: scale_at + len, value, step, last_place, rounded: true };
                }
            }
        }
        Ok(Some(numeral))
    }
}

/// A number read before it is placed: digits, a digit word or a number word.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pending {
    value: Decimal,
    /// Place of the last non-zero digit, relative to the number itself.
    step: Decimal,
    /// Place of the last digit, relative to the number itself.
    last: Decimal,
    /// A lone numeral character: after a multiplier at the end, it stands for the next lower place.
    abbreviable: bool,
    /// A number word (`twenty`), which a following unit word adds to.
    word: bool,
    point: bool,
}

struct DigitRun {
    end: usize,
    number: Pending,
}

enum Part {
    Digits(Pending),
    Word(Lexeme),
}

/// A numeral read in full.
#[derive(Debug, Clone, Copy)]
struct Numeral {
    end: usize,
    value: Decimal,
    step: Decimal,
    last_place: Decimal,
    rounded: bool,
}

/// What came last in a numeral being read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
enum Last {
    #[default]
    Start,
    Number,
    Multiplier(Decimal),
    Scale(Decimal),
    /// A zero between groups (`一千零五`).
    Zero,
}

/// The grammar's state while reading a numeral. Copy: a part is tried on a
/// copy and kept only if the grammar accepts it.
#[derive(Debug, Clone, Copy, Default)]
struct State {
    /// Groups closed by a scale word.
    total: Decimal,
    /// The open group, without `pending`.
    group: Decimal,
    pending: Option<Pending>,
    /// What came before `pending`.
    before_pending: Last,
    last: Last,
    /// The last multiplier in the open group.
    group_multiplier: Option<Decimal>,
    last_scale: Option<Decimal>,
    /// Places of the last placed digit.
    step: Decimal,
    last_place: Decimal,
    rounded: bool,
}

impl State {
    fn is_empty(&self) -> bool {
        self.pending.is_none() && self.last == Last::Start
    }

    fn push(&mut self, number: Pending) {
        self.before_pending = self.last;
        self.pending = Some(number);
        self.last = Last::Number;
    }

    /// The state after digits, if the grammar takes them here.
    fn accept_number(&self, number: Pending) -> Option<State> {
        if self.pending.is_some() || self.last == Last::Start {
            return None;
        }
        let mut next = *self;
        next.push(number);
        Some(next)
    }

    /// The state after a lexicon word, if the grammar takes it here.
    fn accept(&self, lexeme: Lexeme) -> Option<State> {
        let mut next = *self;
        match lexeme {
            Lexeme::Digit(d) | Lexeme::Counting(d) | Lexeme::Word(d) => {
                let word = matches!(lexeme, Lexeme::Word(_));
                let number = Pending {
                    value: Decimal::from(d),
                    step: step_of(d),
                    last: step_of(d),
                    abbreviable: !word,
                    word,
                    point: false,
                };
                match self.pending {
                    // `twenty-one`, `廿三`.
                    Some(p) if p.word && (1..10).contains(&d) && is_tens(p.value) => {
                        next.pending = Some(Pending {
                            value: p.value + Decimal::from(d),
                            word: true,
                            abbreviable: false,
                            ..number
                        });
                    }
                    Some(_) => return None,
                    None if d == 0
                        && !word
                        && matches!(self.last, Last::Multiplier(_) | Last::Scale(_) | Last::Zero) =>
                    {
                        next.last = Last::Zero;
                    }
                    None => next.push(number),
                }
            }
            Lexeme::Multiplier(m) => {
                match self.pending {
                    Some(p) => {
                        let p =
                            if p.value.is_zero() && p.abbreviable { Pending { value: Decimal::ONE, ..p } } else { p };
                        if self.group_multiplier.is_some_and(|g| m >= g && g >= Decimal::ONE_HUNDRED) {
                            // `two hundred fifty thousand`: the whole group is multiplied.
                            next.group = self.group.checked_add(p.value)?.checked_mul(m)?;
                        } else {
                            next.group = self.group.checked_add(p.value.checked_mul(m)?)?;
                        }
                        next.step = p.step.checked_mul(m)?;
                        next.last_place = p.last.checked_mul(m)?;
                        next.pending = None;
                    }
                    None => match self.last {
                        Last::Start | Last::Zero => {
                            next.group = self.group.checked_add(m)?;
                            next.step = m;
                            next.last_place = m;
                        }
                        // `一百十一`: 十 after 百 stands for 一十.
                        Last::Multiplier(l) if m < l => {
                            next.group = self.group.checked_add(m)?;
                            next.step = m;
                            next.last_place = m;
                        }
                        Last::Multiplier(l) if m > l && l >= Decimal::ONE_HUNDRED && !self.group.is_zero() => {
                            next.group = self.group.checked_mul(m)?;
                            next.step = self.step.checked_mul(m)?;
                            next.last_place = self.last_place.checked_mul(m)?;
                        }
                        _ => return None,
                    },
                }
                next.group_multiplier = Some(m);
                next.last = Last::Multiplier(m);
            }
            Lexeme::Scale(s) => {
                let mut group = self.group;
                if let Some(p) = self.pending {
                    // `百二万` = 1200000: abbreviated before a scale too, after a
                    // multiplier (not after a scale: `六十二亿四万`).
                    let place = match self.before_pending {
                        Last::Multiplier(_) => self.abbreviated_place(p),
                        _ => Decimal::ONE,
                    };
                    group = group.checked_add(p.value.checked_mul(place)?)?;
                    next.step = p.step.checked_mul(place)?;
                    next.last_place = p.last.checked_mul(place)?;
                    next.rounded |= p.point;
                } else if matches!(self.last, Last::Start | Last::Zero) {
                    return None;
                }
                if self.pending.is_none() && self.group.is_zero() {
                    // `四万万`, `10万万`: a scale on a scale.
                    if !matches!(self.last, Last::Scale(_)) {
                        return None;
                    }
                    next.total = self.total.checked_mul(s)?;
                } else if self.last_scale.is_some_and(|l| s == l) {
                    // `5万10万`: the same scale twice closes no group.
                    return None;
                } else if self.last_scale.is_some_and(|l| s > l) {
                    // `一万五千亿`: the larger scale multiplies what came before.
                    next.total = self.total.checked_add(group)?.checked_mul(s)?;
                } else {
                    next.total = self.total.checked_add(group.checked_mul(s)?)?;
                }
                next.step = next.step.checked_mul(s)?;
                next.last_place = next.last_place.checked_mul(s)?;
                next.group = Decimal::ZERO;
                next.pending = None;
                next.group_multiplier = None;
                next.last_scale = Some(s);
                next.last = Last::Scale(s);
                next.rounded = true;
            }
            Lexeme::Point | Lexeme::MixedInfix => return None,
        }
        Some(next)
    }

    /// `一万二` = 12000, `三千五` = 3500: a lone numeral right after a
    /// multiplier or scale, ending a group, stands for the next lower place.
    fn abbreviated_place(&self, p: Pending) -> Decimal {
        match self.before_pending {
            Last::Multiplier(m) | Last::Scale(m) if p.abbreviable && m > Decimal::TEN => m / Decimal::TEN,
            _ => Decimal::ONE,
        }
    }

    /// Value, step and last place of the numeral as read so far.
    fn finish(&self) -> Option<(Decimal, Decimal, Decimal)> {
        let (mut group, mut step, mut last_place) = (self.group, self.step, self.last_place);
        if let Some(p) = self.pending {
            let place = self.abbreviated_place(p);
            group = group.checked_add(p.value.checked_mul(place)?)?;
            step = p.step.checked_mul(place)?;
            last_place = p.last.checked_mul(place)?;
        }
        Some((self.total.checked_add(group)?, step, last_place))
    }
}

/// Place of the last non-zero digit of a word's value (`fifty` → 10).
fn step_of(mut v: u32) -> Decimal {
    let mut step = Decimal::ONE;
    while v != 0 && v.is_multiple_of(10) {
        v /= 10;
        step *= Decimal::TEN;
    }
    step
}

/// 20, 30, … 90: a tens word that a unit word adds to.
fn is_tens(v: Decimal) -> bool {
    v >= Decimal::from(20) && v < Decimal::ONE_HUNDRED && (v % Decimal::TEN).is_zero()
}

/// The ASCII or full-width digit at `pos` and its byte length.
fn digit_at(bytes: &[u8], pos: usize) -> Option<(u32, usize)> {
    match bytes.get(pos..)? {
        [b @ b'0'..=b'9', ..] => Some(((b - b'0') as u32, 1)),
        [0xEF, 0xBC, b @ 0x90..=0x99, ..] => Some(((b - 0x90) as u32, 3)),
        _ => None,
    }
}

/// Exactly three digits at `pos`, then no digit.
fn three_digits_at(bytes: &[u8], pos: usize) -> bool {
    let mut at = pos;
    for _ in 0..3 {
        match digit_at(bytes, at) {
            Some((_, len)) => at += len,
            None => return false,
        }
    }
    digit_at(bytes, at).is_none()
}

/// 10^exp, for exp in -28..=28.
fn pow10(exp: i32) -> Option<Decimal> {
    match exp {
        0..=28 => Some(Decimal::from_i128_with_scale(10i128.pow(exp as u32), 0)),
        -28..=-1 => Some(Decimal::new(1, (-exp) as u32)),
        _ => None,
    }
}

/// Length of the UTF-8 sequence a byte starts (1 for continuation bytes, to move on).
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Length of the ASCII word (letters and digits) at `pos`, at least 1.
fn word_len(bytes: &[u8], pos: usize) -> usize {
    bytes[pos..].iter().take_while(|b| b.is_ascii_alphanumeric()).count().max(1)
}

/// The interval a number expression denotes on its own, before any qualifier
/// or unit: exact, or ± half its last written place when rounded.
pub fn interval_of(number: &NumberExpr) -> crate::interval::Interval {
    use crate::interval::{Bound, Interval};
    if !number.rounded {
        return Interval::exact(number.value);
    }
    let half = number.last_place / Decimal::TWO;
    match (number.value.checked_sub(half), number.value.checked_add(half)) {
        (Some(low), Some(high)) => Interval { low: Bound::closed(low), high: Bound::closed(high) },
        _ => Interval::exact(number.value),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;
    use crate::lexicon::pack::Packs;

    fn numerals() -> &'static Numerals {
        static NUMERALS: std::sync::OnceLock<Numerals> = std::sync::OnceLock::new();
        NUMERALS.get_or_init(|| Packs::builtin().expect("built-in packs load").numerals)
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The only number in `text`, which must span all of it.
    fn one(text: &str) -> NumberExpr {
        let found = numerals().scan(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let n = found[0].clone();
        assert_eq!((n.start, n.end), (0, text.len()), "{text}: {n:?}");
        n
    }

    fn values(text: &str) -> Vec<Decimal> {
        numerals().scan(text).into_iter().map(|n| n.value).collect()
    }

    /// value, step, last_place, rounded
    fn check(text: &str, value: &str, step: &str, last_place: &str, rounded: bool) {
        let n = one(text);
        assert_eq!(
            (n.value, n.step, n.last_place, n.rounded),
            (d(value), d(step), d(last_place), rounded),
            "{text}: {n:?}"
        );
    }

    #[test]
    fn every_pack_example_reads() {
        let packs = Packs::builtin().unwrap();
        for pack in &packs.packs {
            for ex in &pack.spec.numerals.examples {
                let n = one(&ex.text);
                assert_eq!(n.value, ex.value, "{}", ex.text);
                if let Some(step) = ex.step {
                    assert_eq!(n.step, step, "step of {}", ex.text);
                }
                if let Some(last_place) = ex.last_place {
                    assert_eq!(n.last_place, last_place, "last place of {}", ex.text);
                }
                if let Some(rounded) = ex.rounded {
                    assert_eq!(n.rounded, rounded, "rounded of {}", ex.text);
                }
            }
        }
    }

    #[test]
    fn every_abbreviation_stands_for_a_known_word() {
        for pack in &Packs::builtin().unwrap().packs {
            let n = &pack.spec.numerals;
            for (abbr, word) in &n.abbreviations {
                let known = pack.spec.numerals.scales.contains_key(word) || n.multipliers.contains_key(word);
                assert!(known, "{abbr}: {word} is neither a scale nor a multiplier");
            }
        }
    }

    #[test]
    fn ascii_digits_step_and_last_place() {
        check("7300", "7300", "100", "1", false);
        check("16800", "16800", "100", "1", false);
        check("10", "10", "10", "1", false);
        check("12", "12", "1", "1", false);
        check("0", "0", "1", "1", false);
        check("1,829", "1829", "1", "1", false);
        check("97.6", "97.6", "0.1", "0.1", true);
        check("4.800", "4.800", "0.1", "0.001", true);
    }

    #[test]
    fn full_width_digits_and_separators() {
        check("１２３", "123", "1", "1", false);
        check("２．２", "2.2", "0.1", "0.1", true);
        check("４，５６５", "4565", "1", "1", false);
        check("1\u{2009}234\u{2009}567", "1234567", "1", "1", false);
        check("40\u{202F}000", "40000", "10000", "1", false);
        check("1,050,000,000", "1050000000", "10000000", "1", false);
    }

    #[test]
    fn separators_only_between_groups_of_three() {
        assert_eq!(values("1, 234, 567"), [d("1"), d("234"), d("567")]);
        assert_eq!(values("1,23"), [d("1"), d("23")]);
        assert_eq!(values("1234,567"), [d("1234"), d("567")]);
        assert_eq!(values("1,2345"), [d("1"), d("2345")]);
        assert_eq!(values("二百三十三，五百七十七"), [d("233"), d("577")]);
        assert_eq!(values(",,,,,,1,,,,"), [d("1")]);
        // Dotted codes are no numbers: IP addresses, versions, section numbers.
        assert_eq!(values("192.168.1.2 和 3.2.1 节"), []);
    }

    #[test]
    fn mixed_digits_and_scale_words() {
        check("1.9万", "19000", "1000", "1000", true);
        check("38.91万", "389100", "100", "100", true);
        check("4180.74万", "41807400", "100", "100", true);
        check("3千", "3000", "1000", "1000", false);
        check("50万", "500000", "100000", "10000", true);
        check("1.2亿", "120000000", "10000000", "10000000", true);
        check("2万亿", "2000000000000", "1000000000000", "1000000000000", true);
        check("1,100万", "11000000", "1000000", "10000", true);
        check("3万4000", "34000", "1000", "1", true);
        check("5万4千6百", "54600", "100", "100", true);
        check("7 万5 千4 百", "75400", "100", "100", true);
        check("10万万", "1000000000", "1000000000", "100000000", true);
    }

    #[test]
    fn chinese_numerals() {
        check("一千八百二十九", "1829", "1", "1", false);
        check("两千", "2000", "1000", "1000", false);
        check("十二", "12", "1", "1", false);
        check("十", "10", "10", "10", false);
        check("二十", "20", "10", "10", false);
        check("一万二", "12000", "1000", "1000", true);
        check("三千五", "3500", "100", "100", false);
        check("一百五", "150", "10", "10", false);
        check("一千零五", "1005", "1", "1", false);
        check("二〇二二", "2022", "1", "1", false);
        check("九十七点六", "97.6", "0.1", "0.1", true);
        check("五十万", "500000", "100000", "100000", true);
        check("壹仟贰佰叁拾肆", "1234", "1", "1", false);
        check("五萬", "50000", "10000", "10000", true);
        check("四億", "400000000", "100000000", "100000000", true);
        check("四万万", "400000000", "100000000", "100000000", true);
        check("一万五千亿", "1500000000000", "100000000000", "100000000000", true);
        check("五兆六十二亿四万五千二", "5006200045200", "100", "100", true);
        check("两千点零", "2000", "1000", "0.1", true);
        check("三点五亿", "350000000", "10000000", "10000000", true);
        check("拾万零五十六", "100056", "1", "1", true);
        check("百二万", "1200000", "100000", "100000", true);
        check("六十二亿四万五千二", "6200045200", "100", "100", true);
        check("四千零五万", "40050000", "10000", "10000", true);
        check("五十五万", "550000", "10000", "10000", true);
        check("一百十一", "111", "1", "1", false);
        check("五百卅四", "534", "1", "1", false);
    }

    #[test]
    fn prefix_and_fraction_forms() {
        let n = one("百分之九十七点六");
        assert_eq!((n.value, n.form, n.step), (d("97.6"), NumberForm::Percent, d("0.1")));
        let n = one("千分之三");
        assert_eq!((n.value, n.form), (d("3"), NumberForm::PerMille));
        let n = one("三分之一");
        assert_eq!((n.value, n.form, n.rounded), (d("0.3333333333"), NumberForm::Fraction, true));
        let n = one("三百五十又三分之一");
        assert_eq!((n.value, n.form), (d("350.3333333333"), NumberForm::Fraction));
        assert_eq!(one("百分之2.4").value, d("2.4"));
        // A percent sign after the number is not part of it: `figure` reads it.
        let found = numerals().scan("97.6%");
        assert_eq!((found[0].end, found[0].form), (4, NumberForm::Plain));
        // 分之 with nothing after it is no fraction.
        assert_eq!(values("二分之。"), [d("2")]);
        assert_eq!(one("三分  之一").value, d("0.3333333333"));
        assert_eq!(one("2.5e6").value, d("2500000"));
        assert_eq!(one("负三分之负一").value, d("0.3333333333"));
        assert_eq!(one("-12e-1").value, d("-1.2"));
        assert_eq!(values("2e99999"), []);
        assert_eq!(values("5e-mail"), [d("5")]);
        assert_eq!(values("两两"), [d("2"), d("2")]);
        assert_eq!(values("一点两小时"), [d("1"), d("2")]);
        assert!(numerals().scan("零分之一").iter().all(|n| n.form != NumberForm::Fraction));
    }

    #[test]
    fn a_dash_between_percents_is_a_range_not_a_minus() {
        assert_eq!(values("增长6%－6.5%"), [d("6"), d("6.5")]);
    }

    #[test]
    fn negatives() {
        assert_eq!(one("负三十二").value, d("-32"));
        assert_eq!(one("負10000").value, d("-10000"));
        assert_eq!(one("-10000").value, d("-10000"));
        assert_eq!(one("minus 5").value, d("-5"));
        // A hyphen after a number or a letter is no minus sign.
        assert_eq!(values("2019-2020"), [d("2019"), d("2020")]);
        assert_eq!(values("COVID-19"), [d("19")]);
        assert_eq!(values("温度-5度"), [d("-5")]);
        assert_eq!(values("三-五年"), [d("3"), d("5")]);
        // Ranges and lists are two numbers.
        assert_eq!(values("5万-10万元"), [d("50000"), d("100000")]);
        assert_eq!(values("5万 10万元"), [d("50000"), d("100000")]);
        assert_eq!(values("五万-六万"), [d("50000"), d("60000")]);
        assert_eq!(values("3-5年"), [d("3"), d("5")]);
        assert_eq!(values("one-two"), [d("1"), d("2")]);
    }

    #[test]
    fn english_numbers() {
        check("twelve", "12", "1", "1", false);
        check("two hundred and fifty", "250", "10", "10", false);
        check("one thousand two hundred", "1200", "100", "100", false);
        check("two hundred thousand", "200000", "100000", "100000", false);
        check("twenty-one", "21", "1", "1", false);
        check("Twenty-six", "26", "1", "1", false);
        check("3.1bn", "3100000000", "100000000", "100000000", true);
        check("4.2 billion", "4200000000", "100000000", "100000000", true);
        check("38.91 million", "38910000", "10000", "10000", true);
        check("1.5m", "1500000", "100000", "100000", true);
        check("40k", "40000", "10000", "1000", false);
        check("twenty-one trillion and three hundred", "21000000000300", "100", "100", true);
        check("two hundred point zero three", "200.03", "0.01", "0.01", true);
        let found = numerals().scan("$4.2 billion");
        assert_eq!((found[0].start, found[0].value), (1, d("4200000000")));
    }

    #[test]
    fn english_words_only_at_word_boundaries() {
        assert!(values("someone often attends tone money tenant").is_empty());
        assert!(values("A380 G20 x86").is_empty());
        assert_eq!(values("one two three"), [d("1"), d("2"), d("3")]);
        assert_eq!(values("In 2020 twenty people"), [d("2020"), d("20")]);
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert_eq!(values("这不是四川这是五台山"), [d("5")]);
        assert!(values("一切都好，陆地上的队伍收拾好了").is_empty());
        assert_eq!(values("装机100兆瓦"), [d("100")]);
    }

    #[test]
    fn suffixes_are_left_to_figures() {
        let text = "化解矛盾纠纷7300余起，清查渔船1.9万余艘次";
        let found = numerals().scan(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "7300");
        assert_eq!(&text[found[1].start..found[1].end], "1.9万");
    }

    #[test]
    fn absurd_input_neither_panics_nor_overflows() {
        let long = "9".repeat(500);
        assert!(numerals().scan(&long).is_empty());
        assert!(numerals().scan(&format!("{long}.{long}")).len() <= 1);
        let _ = numerals().scan("万万万万亿");
        let _ = numerals().scan(&"九万".repeat(200));
        let _ = numerals().scan(&"九千九百九十九万亿".repeat(50));
        let _ = numerals().scan(&"一".repeat(1000));
        let _ = numerals().scan(&",".repeat(1000));
        let _ = numerals().scan(&"1,".repeat(1000));
        let _ = numerals().scan(&"0.".repeat(1000));
        let _ = numerals().scan("百分之百分之百分之");
        let _ = numerals().scan("0.0000000000000000000000000000000001万亿");
        let _ = numerals().scan("99999999999999999999999999999万亿");
        let _ = numerals().scan("一万万万万万万万万万万万万万万万万万万万万");
        for n in numerals().scan(&"九".repeat(100)) {
            assert!(n.value.abs() < max_value());
        }
    }

    /// An integer written in Chinese numerals, with 零 and 十 as in print.
    fn chinese(n: u64) -> String {
        const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        /// A group below 10000, without leading zeros.
        fn group(n: u64, out: &mut String, first: bool) {
            let mut zero = false;
            let mut started = false;
            for (place, word) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
                let d = (n / place % 10) as usize;
                if d == 0 {
                    zero = started;
                    continue;
                }
                if zero {
                    out.push('零');
                    zero = false;
                }
                // 十二 at the very start, 一十二 elsewhere.
                if !(d == 1 && place == 10 && !started && first) {
                    out.push_str(DIGITS[d]);
                }
                out.push_str(word);
                started = true;
            }
        }
        if n == 0 {
            return "零".into();
        }
        let mut out = String::new();
        let mut started = false;
        let mut zero = false;
        for (scale, word) in [(100_000_000u64, "亿"), (10_000, "万"), (1, "")] {
            let g = if scale == 100_000_000 { n / scale } else { n / scale % 10000 };
            if g == 0 {
                zero |= started;
                continue;
            }
            if started && (zero || g < 1000) {
                out.push('零');
            }
            zero = false;
            group(g, &mut out, !started);
            out.push_str(word);
            started = true;
        }
        out
    }

    #[test]
    fn chinese_writer_matches_known_forms() {
        assert_eq!(chinese(1829), "一千八百二十九");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(1005), "一千零五");
        assert_eq!(chinese(100056), "十万零五十六");
        assert_eq!(chinese(456420015), "四亿五千六百四十二万零一十五");
    }

    fn with_separators(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn chinese_numerals_read_back(n in 0u64..1_000_000_000_000) {
            let text = chinese(n);
            let found = numerals().scan(&text);
            prop_assert_eq!(found.len(), 1, "{} {:?}", text, found);
            prop_assert_eq!(found[0].value, Decimal::from(n), "{}", text);
            prop_assert_eq!(found[0].end, text.len());
        }

        #[test]
        fn separated_integers_read_back(n in 0u64..u64::MAX) {
            let text = with_separators(n);
            let found = numerals().scan(&text);
            prop_assert_eq!(found.len(), 1, "{} {:?}", text, found);
            prop_assert_eq!(found[0].value, Decimal::from(n));
            prop_assert_eq!(found[0].end, text.len());
        }

        #[test]
        fn decimals_read_back(n in 0u64..10_000_000, places in 0u32..6) {
            let value = Decimal::new(n as i64, places);
            let text = value.to_string();
            let found = numerals().scan(&text);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].value, value);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
            for n in numerals().scan(&text) {
                prop_assert!(n.start < n.end && n.end <= text.len());
                prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
            }
        }

        #[test]
        fn numeral_soup_never_panics(text in "[0-9０-９,，.．点點万萬亿億兆千百十零〇一二两三四五六七八九壹贰分之又负百分之−andhundredthousandmillion k-]{0,48}") {
            let found = numerals().scan(&text);
            for pair in found.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start);
            }
            for n in found {
                prop_assert!(n.start < n.end && n.end <= text.len());
                prop_assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
            }
        }
    }
}
