//! A pack's regex, compiled on first use.
//!
//! The packs hold some sixty patterns; compiling them all was most of a
//! run's start-up, and a run uses few of them: a Chinese release never asks
//! the English pack's exclusions, and the single exclusions serve only the
//! pack's own examples (the text is read with their union). A pattern is
//! parsed when its pack loads, so a malformed one is still a load error that
//! names its entry; only the automaton waits for the first match.

use std::sync::OnceLock;

use regex::Regex;

/// A regex compiled on first use; it reads as a [`Regex`] (`re.is_match(..)`).
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Checks the pattern's syntax; the automaton is built on first use.
    pub fn new(pattern: &str) -> Result<Self, regex::Error> {
        if regex_syntax::ast::parse::Parser::new().parse(pattern).is_err() {
            // The regex crate's own error says what is wrong, and where.
            Regex::new(pattern)?;
        }
        Ok(LazyRegex { pattern: pattern.to_string(), compiled: OnceLock::new() })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex, or the error a pattern that parsed but does not
    /// compile (an unknown Unicode class, a size limit) gives.
    pub fn try_compiled(&self) -> Result<&Regex, regex::Error> {
        if let Some(re) = self.compiled.get() {
            return Ok(re);
        }
        let re = Regex::new(&self.pattern)?;
        Ok(self.compiled.get_or_init(|| re))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // Every built-in pattern is compiled by the tests
        // (`every_pack_pattern_compiles`); packs are built in, never read at run time.
        self.try_compiled().unwrap_or_else(|e| panic!("pack pattern {:?} does not compile: {e}", self.pattern))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_checked_when_made_and_compiled_when_used() {
        assert!(LazyRegex::new("(unclosed").is_err());
        let re = LazyRegex::new(r"\p{Han}+").unwrap();
        assert!(re.compiled.get().is_none());
        assert_eq!(re.find("数字12起").map(|m| m.as_str()), Some("数字"));
        assert!(re.compiled.get().is_some());
        assert!(LazyRegex::new(r"\p{NoSuchClass}").unwrap().try_compiled().is_err());
    }
}
