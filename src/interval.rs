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
    fn display_reads_like_maths() {
        assert_eq!(Interval::exact(d("1829")).to_string(), "1829");
        let more_than = Interval { low: Bound::open(d("7300")), high: Bound::open(d("7400")) };
        assert_eq!(more_than.to_string(), "(7300, 7400)");
        assert_eq!(Interval::around(d("97.6"), d("0.05")).to_string(), "[97.55, 97.65]");
    }
}
