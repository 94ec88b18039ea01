//! Inline examples of the packs, checked against the extractor.
//!
//! Every qualifier example must read as one figure with the stated interval;
//! every exclusion example must be matched by its pattern and leave no figure
//! inside the match. A pack whose examples fail is a pack that reads wrong.

use crate::extract::extract_figures;
use crate::lexicon::pack::{FigureExample, PackError, Packs};

/// One example that did not read as its pack says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub pack: String,
    pub entry: String,
    pub text: String,
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pack `{}`, {}: example {:?}: {}", self.pack, self.entry, self.text, self.problem)
    }
}

/// The built-in packs, as the command line loads them: in a debug build every
/// inline example must read as it says. The packs are built into the binary
/// and the tests read every example (`builtin_pack_examples_read_as_stated`),
/// so a release build does not read them again at each start: that was a
/// fifth of its start-up, and compiled every pattern a run never uses.
pub fn builtin_packs() -> Result<Packs, PackError> {
    let packs = Packs::builtin()?;
    if !cfg!(debug_assertions) {
        return Ok(packs);
    }
    let failures = check_examples(&packs);
    if !failures.is_empty() {
        let list: Vec<String> = failures.iter().map(ToString::to_string).collect();
        return Err(PackError::Examples(list.join("\n")));
    }
    Ok(packs)
}

/// Checks every inline example of every loaded pack; returns the failures.
pub fn check_examples(packs: &Packs) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for pack in &packs.packs {
        let fail = |entry: &str, text: &str, problem: String| ExampleFailure {
            pack: pack.spec.language.clone(),
            entry: entry.to_string(),
            text: text.to_string(),
            problem,
        };
        for q in &pack.spec.qualifiers {
            for example in &q.examples {
                if let Some(problem) = figure_problem(example, packs) {
                    failures.push(fail(&format!("qualifiers.{}", q.id), &example.text, problem));
                }
            }
        }
        for unit in &pack.spec.units {
            for text in &unit.examples {
                let figures: Vec<_> = extract_figures(text, packs)
                    .into_iter()
                    .filter(|f| f.unit.as_deref() == Some(&unit.unit))
                    .collect();
                if figures.len() != 1 {
                    let problem = format!("expected one figure in {}, read {}", unit.unit, figures.len());
                    failures.push(fail(&format!("units.{}", unit.unit), text, problem));
                }
            }
        }
        for threshold in &pack.spec.thresholds {
            for text in &threshold.examples {
                if let Some(figure) = extract_figures(text, packs).first() {
                    let problem = format!("{:?} is read as a figure", &text[figure.span.clone()]);
                    failures.push(fail("thresholds", text, problem));
                }
            }
        }
        for (spec, regex) in pack.spec.sources.iter().zip(&pack.sources) {
            for text in &spec.examples {
                let title = regex.captures(text).and_then(|c| c.name("title"));
                if title.is_none_or(|t| t.as_str().trim().is_empty()) {
                    failures.push(fail(
                        &format!("sources.{}", spec.id),
                        text,
                        "no source title is read from it".into(),
                    ));
                }
            }
        }
        for (spec, (_, regex)) in pack.spec.exclusions.iter().zip(&pack.exclusions) {
            for text in &spec.examples {
                let matches: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
                let entry = format!("exclusions.{}", spec.id);
                if matches.is_empty() {
                    failures.push(fail(&entry, text, "the pattern does not match it".into()));
                    continue;
                }
                for figure in extract_figures(text, packs) {
                    if matches.iter().any(|m| m.start < figure.span.end && figure.span.start < m.end) {
                        let problem = format!("{:?} is still read as a figure", &text[figure.span.clone()]);
                        failures.push(fail(&entry, text, problem));
                    }
                }
            }
        }
    }
    failures
}

fn figure_problem(example: &FigureExample, packs: &Packs) -> Option<String> {
    let figures = extract_figures(&example.text, packs);
    let [figure] = figures.as_slice() else {
        return Some(format!("expected one figure, read {}", figures.len()));
    };
    let got = &figure.interval;
    let expected = (example.low, example.high, example.low_open, example.high_open);
    let actual =
        (got.low.value.map(|d| d.normalize()), got.high.value.map(|d| d.normalize()), got.low.open, got.high.open);
    let expected = (expected.0.map(|d| d.normalize()), expected.1.map(|d| d.normalize()), expected.2, expected.3);
    if actual != expected {
        return Some(format!("expected interval {expected:?}, read {actual:?} ({got})"));
    }
    if let Some(unit) = &example.unit {
        if figure.unit.as_ref() != Some(unit) {
            return Some(format!("expected unit {unit}, read {:?}", figure.unit));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_examples_read_as_stated() {
        let packs = Packs::builtin().unwrap();
        let failures = check_examples(&packs);
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(failures.is_empty(), "{}", report.join("\n"));
    }

    #[test]
    fn a_wrong_example_is_reported() {
        let mut pack = Packs::parse("zh", crate::lexicon::pack::BUILTIN[0].1).unwrap();
        pack.qualifiers[0].examples[0].high = Some("7500".parse().unwrap());
        let packs = Packs::from_packs(vec![pack]).unwrap();
        let failures = check_examples(&packs);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].entry.contains("more-than"));
    }
}
