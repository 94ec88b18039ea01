//! The scanner: skips what cannot start a number, reads the parts of a
//! number expression (digits, words, signs, prefixes, fractions, exponents)
//! and hands them to the grammar.

use rust_decimal::Decimal;

use super::grammar::{DigitRun, Numeral, Part, Pending, State};
use super::{NumberExpr, NumberForm};
use crate::lexicon::numerals::{longest, Lexeme, Numerals};

/// Numbers of this size or more (10^24) are not read: downstream interval
/// arithmetic must not overflow (`Decimal` holds about 7.9e28).
pub(super) fn max_value() -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(24), 0)
}

/// Decimal places kept in a fraction's quotient.
const FRACTION_PLACES: u32 = 10;

/// Spaces allowed between the parts of one numeral (`一百 五 十`, `4.2 billion`).
const MAX_SPACES: usize = 3;

impl Numerals {
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
            if b.is_ascii_alphabetic() {
                // A word no number word begins (`the`, `sold`): passed whole.
                let len = word_len(bytes, i);
                if !self.may_start_word(&bytes[i..i + len]) {
                    i += len;
                    continue;
                }
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
                form = f.into();
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
