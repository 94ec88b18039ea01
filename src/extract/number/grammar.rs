//! The grammar of one numeral: a state machine that places digits, number
//! words, multipliers and scale words (`一千八百二十九`, `1.9万`,
//! `two hundred thousand`) and knows the place of the last written digit.

use rust_decimal::Decimal;

use crate::lexicon::numerals::Lexeme;

/// A number read before it is placed: digits, a digit word or a number word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pending {
    pub(super) value: Decimal,
    /// Place of the last non-zero digit, relative to the number itself.
    pub(super) step: Decimal,
    /// Place of the last digit, relative to the number itself.
    pub(super) last: Decimal,
    /// A lone numeral character: after a multiplier at the end, it stands for the next lower place.
    pub(super) abbreviable: bool,
    /// A number word (`twenty`), which a following unit word adds to.
    pub(super) word: bool,
    pub(super) point: bool,
}

pub(super) struct DigitRun {
    pub(super) end: usize,
    pub(super) number: Pending,
}

pub(super) enum Part {
    Digits(Pending),
    Word(Lexeme),
}

/// A numeral read in full.
#[derive(Debug, Clone, Copy)]
pub(super) struct Numeral {
    pub(super) end: usize,
    pub(super) value: Decimal,
    pub(super) step: Decimal,
    pub(super) last_place: Decimal,
    pub(super) rounded: bool,
}

/// What came last in a numeral being read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) enum Last {
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
pub(super) struct State {
    /// Groups closed by a scale word.
    pub(super) total: Decimal,
    /// The open group, without `pending`.
    pub(super) group: Decimal,
    pub(super) pending: Option<Pending>,
    /// What came before `pending`.
    pub(super) before_pending: Last,
    pub(super) last: Last,
    /// The last multiplier in the open group.
    pub(super) group_multiplier: Option<Decimal>,
    pub(super) last_scale: Option<Decimal>,
    /// Places of the last placed digit.
    pub(super) step: Decimal,
    pub(super) last_place: Decimal,
    pub(super) rounded: bool,
}

impl State {
    pub(super) fn is_empty(&self) -> bool {
        self.pending.is_none() && self.last == Last::Start
    }

    pub(super) fn push(&mut self, number: Pending) {
        self.before_pending = self.last;
        self.pending = Some(number);
        self.last = Last::Number;
    }

    /// The state after digits, if the grammar takes them here.
    pub(super) fn accept_number(&self, number: Pending) -> Option<State> {
        if self.pending.is_some() || self.last == Last::Start {
            return None;
        }
        let mut next = *self;
        next.push(number);
        Some(next)
    }

    /// The state after a lexicon word, if the grammar takes it here.
    pub(super) fn accept(&self, lexeme: Lexeme) -> Option<State> {
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
    pub(super) fn abbreviated_place(&self, p: Pending) -> Decimal {
        match self.before_pending {
            Last::Multiplier(m) | Last::Scale(m) if p.abbreviable && m > Decimal::TEN => m / Decimal::TEN,
            _ => Decimal::ONE,
        }
    }

    /// Value, step and last place of the numeral as read so far.
    pub(super) fn finish(&self) -> Option<(Decimal, Decimal, Decimal)> {
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
pub(super) fn step_of(mut v: u32) -> Decimal {
    let mut step = Decimal::ONE;
    while v != 0 && v.is_multiple_of(10) {
        v /= 10;
        step *= Decimal::TEN;
    }
    step
}

/// 20, 30, … 90: a tens word that a unit word adds to.
pub(super) fn is_tens(v: Decimal) -> bool {
    v >= Decimal::from(20) && v < Decimal::ONE_HUNDRED && (v % Decimal::TEN).is_zero()
}
