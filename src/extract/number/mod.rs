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
//!
//! Layout: `scanner` finds number expressions and reads their parts,
//! `grammar` places the parts of one numeral (its state machine), `tests`
//! holds the unit and property tests. The tables come from
//! [`crate::lexicon::numerals`].

mod grammar;
mod scanner;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

pub use crate::lexicon::numerals::{NumeralExample, Numerals, NumeralsSpec, PrefixForm};

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

impl From<PrefixForm> for NumberForm {
    fn from(form: PrefixForm) -> Self {
        match form {
            PrefixForm::Percent => NumberForm::Percent,
            PrefixForm::PerMille => NumberForm::PerMille,
        }
    }
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
