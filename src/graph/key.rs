//! The measure key: what a figure measures, as a type. Figures with equal
//! keys state the same measure. Its [`Display`](std::fmt::Display) is the
//! key string of the JSON contract (`figures[].key`), which nothing parses.

use std::fmt;

use serde::{Serialize, Serializer};

/// What a dependent label is counted under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Head {
    /// A head figure's label or a sentence's or paragraph's topic
    /// (`破获养老诈骗案件` for `抓获犯罪嫌疑人`).
    Label(String),
    /// No head was found: the figure links to nothing (written `?`).
    Unanchored,
}

/// A measure's identity: its frame, its heads, its label and its unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MeasureKey {
    /// The frame words (`2024年`, `target`), empty when none: the same label
    /// in another year or as a target is another measure.
    pub frame: Vec<String>,
    /// Outermost first: none for a specific label, one for a dependent, more
    /// when a figure counts under one that counts under another
    /// (`6个方面18条措施`). Only the first may be [`Head::Unanchored`].
    pub heads: Vec<Head>,
    pub label: String,
    /// The unit, empty when none.
    pub unit: String,
}

impl MeasureKey {
    /// A specific label's key, or a dependent's under `head`.
    pub fn new(frame: Vec<String>, head: Option<Head>, label: &str, unit: &str) -> Self {
        MeasureKey { frame, heads: head.into_iter().collect(), label: label.to_string(), unit: unit.to_string() }
    }

    /// The key of a figure counted under this one's (`6个方面18条措施`): this
    /// key's frame and heads, then this key's label as a head.
    pub fn under(&self, label: &str, unit: &str) -> Self {
        let mut heads = self.heads.clone();
        heads.push(Head::Label(self.label.clone()));
        MeasureKey { frame: self.frame.clone(), heads, label: label.to_string(), unit: unit.to_string() }
    }

    /// Whether the label is counted under a head (found or not).
    pub fn is_dependent(&self) -> bool {
        !self.heads.is_empty()
    }

    /// The measure as messages name it: the key without its unit
    /// (`[2024年] 破获养老诈骗案件/抓获犯罪嫌疑人`).
    pub fn measure(&self) -> String {
        let mut out = String::new();
        self.write_measure(&mut out).expect("writing to a String");
        out
    }

    fn write_measure(&self, f: &mut impl fmt::Write) -> fmt::Result {
        if !self.frame.is_empty() {
            write!(f, "[{}] ", self.frame.join(" "))?;
        }
        for head in &self.heads {
            match head {
                Head::Label(label) => write!(f, "{label}/")?,
                Head::Unanchored => f.write_str("?/")?,
            }
        }
        f.write_str(&self.label)
    }
}

/// `[frame] head/label|unit`: `化解矛盾纠纷|起`, `破获养老诈骗案件/抓获犯罪嫌疑人|人`,
/// `[2024年] 国内生产总值|元`, `?/出动警力|人次`.
impl fmt::Display for MeasureKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_measure(f)?;
        write!(f, "|{}", self.unit)
    }
}

impl Serialize for MeasureKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_key_string_of_the_contract() {
        let specific = MeasureKey::new(Vec::new(), None, "化解矛盾纠纷", "起");
        assert_eq!(specific.to_string(), "化解矛盾纠纷|起");
        let dependent =
            MeasureKey::new(Vec::new(), Some(Head::Label("破获养老诈骗案件".into())), "抓获犯罪嫌疑人", "人");
        assert_eq!(dependent.to_string(), "破获养老诈骗案件/抓获犯罪嫌疑人|人");
        let framed = MeasureKey::new(vec!["2024年".into(), "target".into()], None, "gdp growth", "%");
        assert_eq!(framed.to_string(), "[2024年 target] gdp growth|%");
        let lost = MeasureKey::new(Vec::new(), Some(Head::Unanchored), "出动警力", "人次");
        assert_eq!(lost.to_string(), "?/出动警力|人次");
        assert_eq!(lost.under("车辆", "辆").to_string(), "?/出动警力/车辆|辆");
        assert_eq!(framed.under("share", "").to_string(), "[2024年 target] gdp growth/share|");
        assert_eq!(dependent.measure(), "破获养老诈骗案件/抓获犯罪嫌疑人");
        assert!(dependent.is_dependent() && !specific.is_dependent());
    }
}
