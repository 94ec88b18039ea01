//! Intervals: the set of values a figure is compatible with.
//!
//! Every figure denotes an interval, from how it is written (DESIGN.md, "A
//! figure is an interval"). Checking is interval arithmetic on exact decimals.

use std::fmt;

use rust_decimal::Decimal;

/// One end of an interval. `None` value means unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bound {
    pub value: Option<Decimal>,
    pub open: bool,
}

impl Bound {
    pub fn closed(value: Decimal) -> Self {
        Bound { value: Some(value), open: false }
    }
    pub fn open(value: Decimal) -> Self {
        Bound { value: Some(value), open: true }
    }
    pub fn unbounded() -> Self {
        Bound { value: None, open: true }
    }
}

/// A set of values between two ends, each open or closed, each possibly unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    pub low: Bound,
    pub high: Bound,
}

impl Interval {
    /// The single value `v`: `[v, v]`.
    pub fn exact(v: Decimal) -> Self {
        Interval { low: Bound::closed(v), high: Bound::closed(v) }
    }

    /// `[v - half, v + half]`.
    pub fn around(v: Decimal, half: Decimal) -> Self {
        Interval { low: Bound::closed(v - half), high: Bound::closed(v + half) }
    }

    /// Multiplies both ends by a positive factor (unit scaling: 万元 → 元).
    pub fn scaled(self, factor: Decimal) -> Self {
        let scale = |b: Bound| Bound { value: b.value.and_then(|v| v.checked_mul(factor)), open: b.open };
        Interval { low: scale(self.low), high: scale(self.high) }
    }

    /// True when the two intervals share at least one value. Ends that only
    /// touch where one of them is open do not intersect.
    pub fn intersects(&self, other: &Interval) -> bool {
        !(below(&self.high, &other.low) || below(&other.high, &self.low))
    }
}

impl Interval {
    /// The lower end's value, if bounded.
    pub fn lo(&self) -> Option<Decimal> {
        self.low.value
    }

    /// The upper end's value, if bounded.
    pub fn hi(&self) -> Option<Decimal> {
        self.high.value
    }

    /// True when the interval holds no whole number (a count of people of 186.5).
    pub fn holds_no_integer(&self) -> bool {
        let (Some(lo), Some(hi)) = (self.lo(), self.hi()) else { return false };
        let first = if self.low.open { lo.floor() + Decimal::ONE } else { lo.ceil() };
        first > hi || (first == hi && self.high.open)
    }

    /// The values every interval holds, if there are any.
    pub fn common<'a>(items: impl IntoIterator<Item = &'a Interval>) -> Option<Interval> {
        let mut items = items.into_iter();
        let mut acc = *items.next()?;
        for item in items {
            acc.low = tighter(acc.low, item.low, |a, b| a > b);
            acc.high = tighter(acc.high, item.high, |a, b| a < b);
        }
        let empty = match (acc.lo(), acc.hi()) {
            (Some(lo), Some(hi)) => lo > hi || (lo == hi && (acc.low.open || acc.high.open)),
            _ => false,
        };
        (!empty).then_some(acc)
    }

    /// The sum of intervals, end by end; `None` if one is unbounded or it overflows.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Interval>) -> Option<Interval> {
        let mut low = Bound::closed(Decimal::ZERO);
        let mut high = Bound::closed(Decimal::ZERO);
        for item in items {
            low = Bound { value: Some(low.value?.checked_add(item.lo()?)?), open: low.open || item.low.open };
            high = Bound { value: Some(high.value?.checked_add(item.hi()?)?), open: high.open || item.high.open };
        }
        Some(Interval { low, high })
    }

    /// `100 × numerator / denominator`, by the corners (both non-negative,
    /// the denominator positive); `None` where that does not hold.
    pub fn percent_of(numerator: &Interval, denominator: &Interval) -> Option<Interval> {
        let (n_lo, n_hi, d_lo, d_hi) = (numerator.lo()?, numerator.hi()?, denominator.lo()?, denominator.hi()?);
        if n_lo.is_sign_negative() || d_lo <= Decimal::ZERO {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        Some(Interval {
            low: Bound {
                value: Some(hundred.checked_mul(n_lo)?.checked_div(d_hi)?),
                open: numerator.low.open || denominator.high.open,
            },
            high: Bound {
                value: Some(hundred.checked_mul(n_hi)?.checked_div(d_lo)?),
                open: numerator.high.open || denominator.low.open,
            },
        })
    }

    /// The percent change that a change of `delta` gives when the value now is
    /// `current`: `100 × Δ/(current + Δ)` for a decrease, `100 × Δ/(current − Δ)`
    /// for an increase. Δ appears twice, so the bounds are taken at the corners
    /// where the function is monotone (increasing in Δ, decreasing in current),
    /// not by naive interval division, which would over-widen.
    pub fn change_percent(current: &Interval, delta: &Interval, decrease: bool) -> Option<Interval> {
        let (c_lo, c_hi, d_lo, d_hi) = (current.lo()?, current.hi()?, delta.lo()?, delta.hi()?);
        if c_lo.is_sign_negative() || d_lo.is_sign_negative() {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let before = |c: Decimal, d: Decimal| if decrease { c.checked_add(d) } else { c.checked_sub(d) };
        let (low_base, high_base) = (before(c_hi, d_lo)?, before(c_lo, d_hi)?);
        if low_base <= Decimal::ZERO || high_base <= Decimal::ZERO {
            return None;
        }
        Some(Interval {
            low: Bound {
                value: Some(hundred.checked_mul(d_lo)?.checked_div(low_base)?),
                open: delta.low.open || current.high.open,
            },
            high: Bound {
                value: Some(hundred.checked_mul(d_hi)?.checked_div(high_base)?),
                open: delta.high.open || current.low.open,
            },
        })
    }

    /// `self − other`, end by end at the corners; `None` if unbounded or on overflow.
    pub fn minus(&self, other: &Interval) -> Option<Interval> {
        Some(Interval {
            low: Bound { value: Some(self.lo()?.checked_sub(other.hi()?)?), open: self.low.open || other.high.open },
            high: Bound { value: Some(self.hi()?.checked_sub(other.lo()?)?), open: self.high.open || other.low.open },
        })
    }

    /// `100 − self`: the complement of a percent.
    pub fn complement(&self) -> Option<Interval> {
        Interval::exact(Decimal::ONE_HUNDRED).minus(self)
    }

    /// The interval with its ends rounded to `dp` decimal places, for people to read.
    pub fn display_rounded(&self, dp: u32) -> String {
        let end = |b: &Bound, inf: &str| b.value.map_or(inf.to_string(), |v| v.round_dp(dp).normalize().to_string());
        if self.low == self.high && !self.low.open {
            return end(&self.low, "");
        }
        format!("{}–{}", end(&self.low, "-∞"), end(&self.high, "∞"))
    }
}

/// The tighter of two ends: `beyond(a, b)` is true when value `a` is tighter
/// than `b`; at equal values an open end is tighter; an unbounded end is loosest.
fn tighter(a: Bound, b: Bound, beyond: fn(&Decimal, &Decimal) -> bool) -> Bound {
    match (a.value, b.value) {
        (None, _) => b,
        (_, None) => a,
        (Some(x), Some(y)) if beyond(&x, &y) => a,
        (Some(x), Some(y)) if beyond(&y, &x) => b,
        _ => Bound { value: a.value, open: a.open || b.open },
    }
}

/// True when everything up to `high` lies strictly below everything from `low`.
fn below(high: &Bound, low: &Bound) -> bool {
    match (high.value, low.value) {
        (Some(h), Some(l)) => h < l || (h == l && (high.open || low.open)),
        _ => false,
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low.value.is_some() && self.low == self.high && !self.low.open {
            return write!(f, "{}", self.low.value.unwrap_or_default().normalize());
        }
        let open = if self.low.open { '(' } else { '[' };
        let close = if self.high.open { ')' } else { ']' };
        let end = |b: &Bound, inf: &str| b.value.map_or(inf.to_string(), |v| v.normalize().to_string());
        write!(f, "{open}{}, {}{close}", end(&self.low, "-∞"), end(&self.high, "∞"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn open_ends_that_touch_do_not_intersect() {
        let more_than = Interval { low: Bound::open(d("7300")), high: Bound::open(d("7400")) };
        let exact = Interval::exact(d("7400"));
        assert!(!more_than.intersects(&exact));
        assert!(more_than.intersects(&Interval::exact(d("7350"))));
        assert!(!more_than.intersects(&Interval::exact(d("7300"))));
    }

    #[test]
    fn closed_ends_that_touch_intersect() {
        let a = Interval::around(d("66"), d("0.5"));
        let b = Interval { low: Bound::closed(d("66.5")), high: Bound::unbounded() };
        assert!(a.intersects(&b));
    }

    #[test]
    fn resolution_rate_of_the_seed_is_consistent() {
        let resolved = Interval { low: Bound::open(d("7300")), high: Bound::open(d("7400")) };
        let screened = Interval { low: Bound::open(d("7500")), high: Bound::open(d("7600")) };
        let rate = Interval::percent_of(&resolved, &screened).unwrap();
        assert_eq!(rate.display_rounded(2), "96.05–98.67");
        assert!(rate.intersects(&Interval::around(d("97.6"), d("0.05"))));
        assert!(!rate.intersects(&Interval::around(d("92.6"), d("0.05"))));
    }

    #[test]
    fn decrease_is_taken_at_the_corners() {
        // 233 accidents now, 99 fewer than a year ago: 99 / 332 = 29.82%.
        let change = Interval::change_percent(&Interval::exact(d("233")), &Interval::exact(d("99")), true).unwrap();
        assert_eq!(change.display_rounded(2), "29.82");
        assert!(change.intersects(&Interval::around(d("29.8"), d("0.05"))));
        assert!(!change.intersects(&Interval::around(d("19.8"), d("0.05"))));
        let up = Interval::change_percent(&Interval::exact(d("120")), &Interval::exact(d("20")), false).unwrap();
        assert_eq!(up.display_rounded(2), "20");
    }

    #[test]
    fn common_part_of_many_intervals() {
        let more_than = Interval { low: Bound::open(d("7300")), high: Bound::open(d("7400")) };
        let about = Interval::around(d("7350"), d("50"));
        assert_eq!(Interval::common([&more_than, &about]).unwrap().to_string(), "(7300, 7400)");
        assert!(Interval::common([&more_than, &Interval::exact(d("7400"))]).is_none());
        assert!(Interval::common([&Interval::exact(d("1829")), &Interval::exact(d("1892"))]).is_none());
    }

    #[test]
    fn sums_and_whole_numbers() {
        let parts =
            [Interval::exact(d("1200")), Interval { low: Bound::open(d("3600")), high: Bound::open(d("3700")) }];
        let sum = Interval::sum(&parts).unwrap();
        assert_eq!(sum.to_string(), "(4800, 4900)");
        assert!(Interval::exact(d("186.5")).holds_no_integer());
        assert!(!Interval::exact(d("186")).holds_no_integer());
        assert!(!Interval::around(d("1.5"), d("0.5")).holds_no_integer());
    }

    #[test]
    fn display_reads_like_maths() {
        assert_eq!(Interval::exact(d("1829")).to_string(), "1829");
        let more_than = Interval { low: Bound::open(d("7300")), high: Bound::open(d("7400")) };
        assert_eq!(more_than.to_string(), "(7300, 7400)");
        assert_eq!(Interval::around(d("97.6"), d("0.05")).to_string(), "[97.55, 97.65]");
    }
}
