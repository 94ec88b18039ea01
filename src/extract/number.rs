//! The number reader: finds number expressions in text and reads their value
//! and how precisely they are written.
//!
//! Input: text and the merged numeral lexicons of the packs.
//! Output: [`NumberExpr`]s in text order, none overlapping.
//! The reader knows nothing of units, qualifiers or labels; `figure` does.

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

/// The `numerals:` section of a pack, as written in YAML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumeralsSpec {
    /// Scale words and their multipliers (`万: 10000`, `million: 1000000`).
    #[serde(default)]
    pub scales: std::collections::BTreeMap<String, Decimal>,
}

/// The numeral lexicon compiled from every loaded pack.
#[derive(Debug, Clone, Default)]
pub struct Numerals {
    scales: Vec<(String, Decimal)>,
}

impl Numerals {
    /// Merges the numeral sections of several packs.
    pub fn new<'a>(specs: impl IntoIterator<Item = &'a NumeralsSpec>) -> Self {
        let mut scales: Vec<(String, Decimal)> =
            specs.into_iter().flat_map(|s| s.scales.iter().map(|(k, v)| (k.clone(), *v))).collect();
        // Longest word first so that 万亿 wins over 万.
        scales.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        scales.dedup_by(|a, b| a.0 == b.0);
        Numerals { scales }
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
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let mut digits = String::new();
            let mut frac_digits = 0u32;
            let mut seen_point = false;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_digit() {
                    digits.push(b as char);
                    if seen_point {
                        frac_digits += 1;
                    }
                    i += 1;
                } else if b == b'.' && !seen_point && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
                    seen_point = true;
                    i += 1;
                } else if b == b','
                    && i + 3 < bytes.len()
                    && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                    && !seen_point
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let Ok(mantissa) = digits.parse::<i128>() else { continue };
            let Ok(mut value) = Decimal::try_from_i128_with_scale(mantissa, frac_digits) else { continue };
            let mut last_place = Decimal::new(1, frac_digits);
            let trailing_zeros = digits.bytes().rev().take_while(|&b| b == b'0').count() as u32;
            let mut step =
                if mantissa == 0 { last_place } else { last_place * Decimal::from(10u64.pow(trailing_zeros.min(18))) };
            let mut rounded = seen_point;
            if let Some((len, mul)) = self.scale_at(text, i) {
                value *= mul;
                step *= mul;
                last_place *= mul;
                rounded = true;
                i += len;
            }
            out.push(NumberExpr { start, end: i, value, step, last_place, rounded, form: NumberForm::Plain });
        }
        out
    }
}

/// The interval a number expression denotes on its own, before any qualifier
/// or unit: exact, or ± half its last written place when rounded.
pub fn interval_of(number: &NumberExpr) -> crate::interval::Interval {
    if number.rounded {
        crate::interval::Interval::around(number.value, number.last_place / Decimal::TWO)
    } else {
        crate::interval::Interval::exact(number.value)
    }
}
