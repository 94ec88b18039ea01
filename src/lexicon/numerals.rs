//! The numeral lexicon: a pack's `numerals:` section as written in YAML, and
//! the tables compiled from every pack's section, merged (documents mix
//! languages). The scanner that reads numbers with them is
//! `extract::number`; this module only builds and looks up the tables.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;
use serde::Deserialize;

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
pub enum Lexeme {
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
    pub fn starts_number(self) -> bool {
        matches!(self, Lexeme::Digit(_) | Lexeme::Counting(_) | Lexeme::Word(_) | Lexeme::Multiplier(_))
    }
}

/// One word of the lexicon.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub text: String,
    pub item: T,
    /// Ends in an ASCII letter or digit: matched case-insensitively and only
    /// where a word ends.
    pub alphabetic: bool,
}

impl<T: Copy> Entry<T> {
    pub fn new(text: &str, item: T) -> Self {
        let alphabetic = text.ends_with(|c: char| c.is_ascii_alphanumeric());
        let text = if alphabetic { text.to_ascii_lowercase() } else { text.to_string() };
        Entry { text, item, alphabetic }
    }

    /// Byte length of this word at `pos`, if it is written there.
    pub fn matches(&self, bytes: &[u8], pos: usize) -> Option<usize> {
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
pub fn longest<T: Copy>(list: &[Entry<T>], bytes: &[u8], pos: usize) -> Option<(T, usize)> {
    list.iter().find_map(|e| e.matches(bytes, pos).map(|len| (e.item, len)))
}

/// The shapes of the first words of the entries that start with an ASCII
/// letter (see [`Numerals::start_words`]).
fn start_words(numerals: &Numerals) -> Option<StartWords> {
    let lexemes = numerals.entries.values().flatten().map(|e| (e.text.as_str(), e.alphabetic));
    let prefixes = numerals.prefixes.iter().map(|e| (e.text.as_str(), e.alphabetic));
    let negatives = numerals.negatives.iter().map(|e| (e.text.as_str(), e.alphabetic));
    let mut words = StartWords { lengths: [[0; 27]; 26], long: false };
    for (text, alphabetic) in lexemes.chain(prefixes).chain(negatives) {
        let first = &text.as_bytes()[..text.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        let Some((a, b)) = StartWords::slots(first) else { continue };
        // A word matched as written may end inside a word of the text.
        if !alphabetic {
            return None;
        }
        match u32::try_from(first.len()) {
            Ok(len) if len < 32 => words.lengths[a][b] |= 1 << len,
            _ => words.long = true,
        }
    }
    Some(words)
}

fn sort_longest_first<T>(list: &mut [Entry<T>]) {
    list.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then_with(|| a.text.cmp(&b.text)));
}

/// A hasher for `char` keys: the lexicon is looked up once per numeral
/// character, and SipHash would dominate the scan.
#[derive(Debug, Clone, Copy, Default)]
pub struct CharHasher(u64);

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

pub type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

/// The numeral lexicon compiled from every loaded pack: the tables the
/// scanner in `extract::number` reads.
#[derive(Debug, Clone, Default)]
pub struct Numerals {
    pub scales: Vec<(String, Decimal)>,
    /// Lexicon words by their first character (ASCII lowercased), longest first.
    pub entries: CharMap<Vec<Entry<Lexeme>>>,
    pub prefixes: Vec<Entry<PrefixForm>>,
    pub negatives: Vec<Entry<()>>,
    pub joiners: Vec<Entry<()>>,
    pub abbreviations: Vec<Entry<Lexeme>>,
    pub digit_points: Vec<String>,
    pub group_separators: Vec<String>,
    pub fraction_infixes: Vec<String>,
    pub exponent_markers: Vec<String>,
    /// Whether any pack reads digits set apart by single spaces.
    pub spaced_digits: bool,
    /// Words that are not numbers, by a numeral character in them, with its byte offset.
    pub not_numbers: CharMap<Vec<(String, usize)>>,
    /// Bytes that may start a number expression (first bytes of the lexicon, digits).
    pub start_bytes: Vec<bool>,
    /// Characters (below U+10000) that begin a lexicon word, as a bitset.
    pub start_chars: Vec<u64>,
    /// The shapes of the first words (ASCII letters and digits) of every
    /// lexicon word, prefix and negative that starts with an ASCII letter:
    /// a word of the text of no such shape starts no number and is passed
    /// whole (most words of English prose). `None` when such an entry is
    /// matched as written rather than as a whole word.
    pub start_words: Option<StartWords>,
}

/// Word shapes: first letter, second letter (or none) and length.
#[derive(Debug, Clone)]
pub struct StartWords {
    /// By first letter and second (26: not a letter), the lengths (below
    /// 32) as bits.
    lengths: [[u32; 27]; 26],
    /// Whether a first word is 32 bytes or longer.
    long: bool,
}

impl StartWords {
    /// The first and second letter's slots of `word` (lowercased), if it
    /// starts with a letter.
    fn slots(word: &[u8]) -> Option<(usize, usize)> {
        let first = word.first().filter(|b| b.is_ascii_alphabetic())?.to_ascii_lowercase() - b'a';
        let second = word.get(1).filter(|b| b.is_ascii_alphabetic()).map_or(26, |b| b.to_ascii_lowercase() - b'a');
        Some((usize::from(first), usize::from(second)))
    }

    /// Whether some first word has the shape of `word`.
    fn may_hold(&self, word: &[u8]) -> bool {
        let Some((first, second)) = Self::slots(word) else { return true };
        match u32::try_from(word.len()) {
            Ok(len) if len < 32 => self.lengths[first][second] & (1 << len) != 0,
            _ => self.long,
        }
    }
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
            prefixes.extend(spec.prefixes.iter().map(|(k, f)| Entry::new(k, *f)));
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
            start_words: None,
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
        numerals.start_words = start_words(&numerals);
        numerals
    }

    /// Whether the ASCII word `word` (letters and digits) may be the first
    /// word of a lexicon word, prefix or negative: if not, no number starts
    /// with it.
    pub fn may_start_word(&self, word: &[u8]) -> bool {
        self.start_words.as_ref().is_none_or(|w| w.may_hold(word))
    }

    /// The scale word starting at `pos`, if any: its byte length and multiplier.
    pub fn scale_at(&self, text: &str, pos: usize) -> Option<(usize, Decimal)> {
        let rest = text.get(pos..)?;
        self.scales.iter().find(|(w, _)| rest.starts_with(w.as_str())).map(|(w, m)| (w.len(), *m))
    }

    /// The lexicon word written at `pos`, unless it is part of a word that is not a number.
    pub fn lexeme_at(&self, text: &str, pos: usize) -> Option<(Lexeme, usize)> {
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
}
