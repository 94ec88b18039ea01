//! How two figures differ when one is the other mistyped: one digit
//! changed, two neighbours swapped, a digit added or left out, another scale
//! word, or a rounded figure whose digits are the precise one's slipped.
//! `figure-mismatch` raises a probable link's difference to an error this
//! way, and the clustering reads a restatement by it (`measure::cluster`).

use rust_decimal::Decimal;

/// The fewest digits a figure must have for a one-digit difference to look like a typo.
const TYPO_DIGITS: usize = 3;

/// True when two figures as written differ the way a slip of the keyboard
/// does: one digit changed, two neighbours swapped, one digit added or left
/// out, or the same digits with another scale word (万 for 亿).
pub fn typo_like(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<Vec<char>>();
    let (x, y) = (digits(a), digits(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    if x == y {
        // The same digits: a decimal point moved or another scale word.
        return a != b;
    }
    // Short numbers differ in one digit all the time (25 and 28 reservoirs),
    // less often in two digits swapped (14 and 41).
    if x.len() == y.len() {
        return digits_slip(&x, &y, x.len() >= TYPO_DIGITS);
    }
    if x.len().max(y.len()) < TYPO_DIGITS {
        return false;
    }
    let (short, long) = if x.len() < y.len() { (&x, &y) } else { (&y, &x) };
    long.len() == short.len() + 1
        && (0..long.len())
            .any(|skip| long.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| c).eq(short.iter()))
}

/// True when a rounded value differs from a precise one, read to the
/// rounded one's last written digit, the way a slip of the keyboard does
/// (figure-mismatch's `slip_at_precision`, on values).
pub fn slip(rounded: Decimal, precise: Decimal) -> bool {
    // One digit changed is a slip only in a figure written with three
    // digits or more (`近3400`, `28万余`), as in `typo_like`; `6.5%左右`
    // against 5.5% is another figure.
    let one_changed = rounded.abs().normalize().to_string().chars().filter(char::is_ascii_digit).count() >= TYPO_DIGITS;
    slip_reading(rounded, precise, one_changed)
}

/// `slip`, with a changed digit counted as a slip only when `one_changed`.
fn slip_reading(rounded: Decimal, precise: Decimal, one_changed: bool) -> bool {
    if rounded.is_zero() {
        return false;
    }
    let place = last_place(rounded);
    let (Some(written), Some(near)) = (rounded.checked_div(place), precise.checked_div(place)) else {
        return false;
    };
    let written = written.trunc();
    let reads = [near.floor(), near.ceil()];
    !reads.contains(&written)
        && reads.into_iter().any(|read| digits_slip(&digits_of(written), &digits_of(read), one_changed))
}

/// The digits of a whole number.
fn digits_of(whole: Decimal) -> Vec<char> {
    whole.abs().to_string().chars().collect()
}

/// The place value of a number's last non-zero digit: 1000 for 23000, 0.1
/// for 8.7.
fn last_place(value: Decimal) -> Decimal {
    let value = value.abs().normalize();
    if value.scale() > 0 {
        return Decimal::new(1, value.scale());
    }
    let mut place = Decimal::ONE;
    while let Some(next) = place.checked_mul(Decimal::TEN).filter(|&p| (value % p).is_zero()) {
        place = next;
    }
    place
}

/// Two digit strings of one length, at least two long, that differ in two
/// neighbours swapped, or in one digit when `one_changed`.
fn digits_slip(x: &[char], y: &[char], one_changed: bool) -> bool {
    if x.len() != y.len() || x.len() < 2 {
        return false;
    }
    let differ: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    (one_changed && differ.len() == 1)
        || (differ.len() == 2
            && differ[1] == differ[0] + 1
            && x[differ[0]] == y[differ[1]]
            && x[differ[1]] == y[differ[0]])
}

/// True when two values differ as a slip does, read on their significant
/// digits: two neighbours swapped (`612万` and `621万`, `1.86万` and
/// `1.68万`) or, among three digits or more, one changed; or with one of them
/// rounded (`2.3万余` against 3.21万). Stricter than `typo_like` on the text,
/// for it links figures rather than judging linked ones: a digit added or
/// left out (`2180` and `280`) or another scale word is another figure as
/// often as a slip, and `9.8万余` is no slip of 1.86万.
/// The significant digits of a value as written (`8.73亿` → `873`, `3万` → `3`).
pub fn significant_digits(value: Decimal) -> String {
    let digits = value.abs().normalize().mantissa().to_string();
    digits.trim_end_matches('0').to_string()
}

pub fn values_slip(a: Decimal, rounded_a: bool, b: Decimal, rounded_b: bool) -> bool {
    let significant = |v: Decimal| -> Vec<char> { significant_digits(v).chars().collect() };
    // Where the first digit stands: 612万 and 62.1万 are not one slip apart.
    let magnitude = |v: Decimal| {
        let n = v.abs().normalize();
        n.mantissa().to_string().len() as i64 - i64::from(n.scale())
    };
    let (x, y) = (significant(a), significant(b));
    (magnitude(a) == magnitude(b) && x.len() == y.len() && digits_slip(&x, &y, x.len() >= TYPO_DIGITS))
        || (rounded_a && !rounded_b && slip_reading(a, b, x.len() >= TYPO_DIGITS))
        || (rounded_b && !rounded_a && slip_reading(b, a, y.len() >= TYPO_DIGITS))
}

#[cfg(test)]
mod tests {
    use super::{slip, typo_like, values_slip};
    use rust_decimal::Decimal;

    #[test]
    fn typos_are_one_digit_changed_swapped_added_or_dropped() {
        assert!(typo_like("1829起", "1892起"));
        assert!(typo_like("144起", "141起"));
        assert!(!typo_like("25座", "28座"));
        assert!(typo_like("58.3万人次", "258.3万人次"));
        assert!(typo_like("3.2亿元", "3.2万元"));
        assert!(!typo_like("612.38万人次", "236.5万人次"));
        assert!(!typo_like("1829起", "1829起"));
        assert!(!typo_like("7300余起", "7650余起"));
        assert!(typo_like("14次", "41次"));
        assert!(!typo_like("14次", "44次"));
    }

    #[test]
    fn a_rounded_figure_slips_against_the_precise_one_read_to_its_last_digit() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 2.3万余 against 3.21万: read to the thousand, 32 against 23.
        assert!(slip(d("23000"), d("32100")));
        // 近3400 against 3186: 31 or 32 against 34.
        assert!(slip(d("3400"), d("3186")));
        // 7.8亿 against 8.73亿: 87 against 78.
        assert!(slip(d("780000000"), d("873000000")));
        // A round figure with one digit is a different figure, not a slip,
        // and so is one with two written digits, one of them changed.
        assert!(!slip(d("50000"), d("32000")));
        assert!(!slip(d("6.5"), d("5.5")));
        assert!(slip(d("6.5"), d("5.62")));
        // Far apart at any precision.
        assert!(!slip(d("4800"), d("3186")));
        // The same at its precision: no slip (and no mismatch).
        assert!(!slip(d("3200"), d("3186")));
        // The extremes of a decimal neither overflow nor slip.
        assert!(!slip(Decimal::MAX, d("0.0000000000000000000000000001")));
        assert!(!slip(d("0.0000000000000000000000000001"), Decimal::MAX));
        assert!(!slip(d("50000000000000000000000000000"), d("1")));
    }

    #[test]
    fn values_slip_on_their_significant_digits() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(values_slip(d("6210000"), true, d("6124700"), false));
        assert!(values_slip(d("16800"), false, d("18600"), false));
        assert!(!values_slip(d("3.2"), false, d("320"), false));
        assert!(!values_slip(d("2180"), false, d("280"), false));
        assert!(!values_slip(d("6120000"), false, d("621000"), false));
        assert!(!values_slip(d("280000"), true, d("290000"), false));
        assert!(!values_slip(d("2683500"), false, d("6124700"), false));
        assert!(!values_slip(d("18600"), false, d("18600"), false));
        assert!(!values_slip(d("98000"), true, d("18600"), false));
    }
}
