//! Language packs: every lexicon crosscheck uses, as YAML data in `rules/`,
//! embedded in the binary. A new language is a new pack, not new code.

use std::collections::BTreeMap;

use miette::Diagnostic;
use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

use crate::extract::number::{Numerals, NumeralsSpec};

/// The packs built into the binary, by name.
pub const BUILTIN: &[(&str, &str)] =
    &[("zh", include_str!("../../rules/zh.yaml")), ("en", include_str!("../../rules/en.yaml"))];

/// A pack as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub version: u32,
    pub language: String,
    #[serde(default)]
    pub description: String,
    /// A regex character class matching this language's prose (`\p{Han}`): a
    /// figure belongs to the pack whose script surrounds it.
    pub script: String,
    #[serde(default)]
    pub numerals: NumeralsSpec,
    #[serde(default)]
    pub qualifiers: Vec<QualifierSpec>,
    #[serde(default)]
    pub units: Vec<UnitSpec>,
    #[serde(default)]
    pub labels: LabelSpec,
    #[serde(default)]
    pub exclusions: Vec<ExclusionSpec>,
}

/// A qualifier (`余`, `约`, `more than`) and the interval it gives, in steps
/// of the number's last non-zero digit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierSpec {
    pub id: String,
    /// Words written before the number (`逾`, `more than`).
    #[serde(default)]
    pub before: Vec<String>,
    /// Words written after the number, before its unit (`余`, `多`).
    #[serde(default)]
    pub after: Vec<String>,
    /// Words written after the unit (`左右`, `以上`).
    #[serde(default)]
    pub after_unit: Vec<String>,
    pub low: BoundSpec,
    pub high: BoundSpec,
    #[serde(default)]
    pub examples: Vec<FigureExample>,
}

/// One end of a qualifier's interval: `value + steps × step`, open or closed;
/// no `steps` means unbounded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundSpec {
    pub steps: Option<Decimal>,
    #[serde(default)]
    pub open: bool,
}

/// A unit or classifier and its normalised form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    /// The normalised unit (`人`, `元`, `%`).
    pub unit: String,
    /// The words that write it (`人`, `名`).
    pub words: Vec<String>,
    /// Written before the number (`$`) rather than after.
    #[serde(default)]
    pub prefix: bool,
    /// The value is multiplied by this to reach the normalised unit (`万元` → 10000).
    #[serde(default)]
    pub scale: Option<Decimal>,
    /// Figures in this unit are rounded at their last written digit (`%`).
    #[serde(default)]
    pub rounded: bool,
}

/// How labels are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSpec {
    /// Characters that end a clause: a label never crosses them.
    #[serde(default)]
    pub boundaries: String,
    /// Words dropped at the start of a label (`共`, `全市`, `累计`).
    #[serde(default)]
    pub leading_fillers: Vec<String>,
    /// Words dropped anywhere in a label (`各类`).
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Canonical word → the words that mean the same (`破获: [侦破]`).
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Bare verbs (`化解`): a label that is only one of these takes the object
    /// of the previous figure in the sentence with the same unit.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Words that end a counted noun written after its classifier (`派出15个督导组并…`).
    #[serde(default)]
    pub noun_stops: Vec<String>,
    /// Words that are never part of a label (English: articles, prepositions).
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// The longest label kept, in characters (the end nearest the figure is kept).
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
    /// Number words without digits below this value are not figures
    /// (`一起` is "together", `one of` is not a count), unless a unit follows.
    #[serde(default)]
    pub min_word_number: Option<Decimal>,
    /// Where the label is read first: `before` the number (Chinese) or the
    /// counted noun `after` it (English).
    #[serde(default)]
    pub order: LabelOrder,
}

fn default_max_chars() -> usize {
    24
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LabelOrder {
    #[default]
    Before,
    After,
}

/// Text that holds numbers which are not figures (dates, ordinals, names in quotes).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionSpec {
    pub id: String,
    pub pattern: String,
    /// Texts in which this pattern must leave no figure.
    #[serde(default)]
    pub examples: Vec<String>,
}

/// An inline example: `text` must read as exactly one figure with these ends.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureExample {
    pub text: String,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    #[serde(default)]
    pub low_open: bool,
    #[serde(default)]
    pub high_open: bool,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A pack that failed to load.
#[derive(Debug, Error, Diagnostic)]
pub enum PackError {
    #[error("rule pack `{name}` is not valid YAML for a pack")]
    #[diagnostic(code(crosscheck::pack))]
    Yaml {
        name: String,
        #[source]
        source: Box<serde_saphyr::Error>,
    },
    #[error("rule pack `{name}`: {entry}: bad regex")]
    #[diagnostic(code(crosscheck::pack_regex))]
    Regex {
        name: String,
        entry: String,
        #[source]
        source: regex::Error,
    },
    #[error("no built-in pack named `{0}` (there are: zh, en)")]
    #[diagnostic(code(crosscheck::pack_unknown))]
    Unknown(String),
}

/// The loaded packs, compiled for extraction.
#[derive(Debug, Clone)]
pub struct Packs {
    pub packs: Vec<CompiledPack>,
    /// Numerals of every pack, merged: documents mix languages.
    pub numerals: Numerals,
}

/// One pack with its regexes compiled.
#[derive(Debug, Clone)]
pub struct CompiledPack {
    pub spec: Pack,
    pub script: Regex,
    pub exclusions: Vec<(String, Regex)>,
}

impl Packs {
    /// Every built-in pack.
    pub fn builtin() -> Result<Packs, PackError> {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        Packs::builtin_named(&names)
    }

    /// The named built-in packs.
    pub fn builtin_named(names: &[&str]) -> Result<Packs, PackError> {
        let mut packs = Vec::new();
        for name in names {
            let (_, src) =
                BUILTIN.iter().find(|(n, _)| n == name).ok_or_else(|| PackError::Unknown(name.to_string()))?;
            packs.push(Packs::parse(name, src)?);
        }
        Packs::from_packs(packs)
    }

    /// Parses one pack's YAML.
    pub fn parse(name: &str, src: &str) -> Result<Pack, PackError> {
        serde_saphyr::from_str::<Pack>(src)
            .map_err(|source| PackError::Yaml { name: name.to_string(), source: Box::new(source) })
    }

    /// Compiles parsed packs.
    pub fn from_packs(packs: Vec<Pack>) -> Result<Packs, PackError> {
        let numerals = Numerals::new(packs.iter().map(|p| &p.numerals));
        let mut compiled = Vec::new();
        for spec in packs {
            let regex = |entry: &str, pattern: &str| {
                Regex::new(pattern).map_err(|source| PackError::Regex {
                    name: spec.language.clone(),
                    entry: entry.to_string(),
                    source,
                })
            };
            let script = regex("script", &spec.script)?;
            let exclusions = spec
                .exclusions
                .iter()
                .map(|e| Ok((e.id.clone(), regex(&format!("exclusions.{}", e.id), &e.pattern)?)))
                .collect::<Result<Vec<_>, PackError>>()?;
            compiled.push(CompiledPack { spec, script, exclusions });
        }
        Ok(Packs { packs: compiled, numerals })
    }
}
