//! Language packs: every lexicon crosscheck uses, as YAML data in `rules/`,
//! embedded in the binary. A new language is a new pack, not new code.

use std::collections::{BTreeMap, HashSet};

use miette::Diagnostic;
use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

use crate::lexicon::lazy_regex::LazyRegex;
use crate::lexicon::numerals::{Numerals, NumeralsSpec};
use crate::lexicon::words::{CharSet, WordIndex};

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
    /// Words that join a classifier into one compound unit (`批次`, `座次`).
    #[serde(default)]
    pub compound_units: CompoundUnits,
    /// How table cells take their unit and label.
    #[serde(default)]
    pub tables: TableSpec,
    /// Bounds that name a class (`使用15年以上的电梯`): no count.
    #[serde(default)]
    pub thresholds: Vec<ThresholdSpec>,
    #[serde(default)]
    pub labels: LabelSpec,
    #[serde(default)]
    pub exclusions: Vec<ExclusionSpec>,
    /// Lines that open a source (a speaker heading, a transcript turn, a
    /// Markdown heading); the `title` group names the source.
    #[serde(default)]
    pub sources: Vec<SourceSpec>,
    #[serde(default)]
    pub linking: LinkingSpec,
    /// The words that describe what a figure measures (periods, bases, shares).
    #[serde(default)]
    pub measures: crate::lexicon::measure_words::MeasureSpec,
    /// The built-in checks and their default severities (`off` turns one off).
    #[serde(default)]
    pub checks: BTreeMap<String, crate::finding::Level>,
}

/// How figures link into measures and relate to each other.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkingSpec {
    /// Labels that only mean something under a head (`抓获犯罪嫌疑人`).
    #[serde(default)]
    pub dependents: Vec<String>,
    /// Regexes: labels matching one are dependents too (`^同比下降$`).
    #[serde(default)]
    pub dependent_patterns: Vec<String>,
    /// Labels whose object (the label without its verb) has fewer words than
    /// this are dependents: `added 34,000 jobs` says nothing of whose jobs.
    #[serde(default)]
    pub min_object_words: Option<usize>,
    /// Whether a dependent with no head figure before it in its sentence
    /// takes the sentence's or the paragraph's topic as its head. Where the
    /// topic is a poor anchor (English prose), such a dependent links to nothing.
    #[serde(default = "yes")]
    pub topic_heads: bool,
    /// Whether a figure with a dependent label may be the total of a part.
    /// Chinese labels are reliable enough to rule such a total out.
    #[serde(default)]
    pub dependent_totals: bool,
    /// Among the totals a part may have, take the one whose label shares most
    /// character pairs with the part's (`侦破养老诈骗案件` under `侦破刑事案件`);
    /// off, the nearest.
    #[serde(default = "yes")]
    pub totals_by_shared_characters: bool,
    /// How a rate's stem finds its count: `contained` or `word-prefix`.
    #[serde(default)]
    pub rate_stem: RateStem,
    /// Words that open the parts of a total (`其中`, `of which`).
    #[serde(default)]
    pub part_markers: Vec<String>,
    /// Characters that end a part marker's scope (full stops).
    #[serde(default)]
    pub part_scope_ends: String,
    /// Characters that end the scope of a part marker standing inside a sentence.
    #[serde(default)]
    pub part_clause_ends: String,
    /// A label ending in one of these is a rate (`化解率`).
    #[serde(default)]
    pub rate_suffixes: Vec<String>,
    /// Labels holding one of these name shares, which cannot exceed 100%.
    #[serde(default)]
    pub share_words: Vec<String>,
    /// Rates that may exceed 100% (`完成率`, `growth rate`).
    #[serde(default)]
    pub not_shares: Vec<String>,
    /// Words that make a count an average, which need not be whole (`每`, `per`).
    #[serde(default)]
    pub per_words: Vec<String>,
    /// Short forms of a whole's name and the long form they stand for, as
    /// pairs (`外贸` for `进出口`): a share naming the short form is of the whole
    /// named by the long one.
    #[serde(default)]
    pub short_forms: Vec<Vec<String>>,
    #[serde(default)]
    pub changes: ChangeWords,
    /// Words that state the arithmetic between figures: bases, shares, sums.
    #[serde(default)]
    pub relations: RelationWords,
    /// Units that count whole things.
    #[serde(default)]
    pub whole_units: Vec<String>,
    /// Endings of plural nouns of people and other whole things
    /// (`-ers`, `-ants`): a count of such a noun is whole, unless the noun
    /// ends with one of `fractional_nouns`.
    #[serde(default)]
    pub whole_suffixes: Vec<String>,
    /// Nouns of measure with those endings, which take fractions
    /// (`meters`, `degrees`).
    #[serde(default)]
    pub fractional_nouns: Vec<String>,
    /// Frames (periods, targets): figures in different frames never link.
    #[serde(default)]
    pub frames: Vec<FrameSpec>,
    /// A regex (multi-line) matching a section heading line.
    #[serde(default)]
    pub heading: Option<String>,
}

/// A frame a figure can belong to, found by a pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameSpec {
    pub id: String,
    pub pattern: String,
    /// Where the pattern is looked for.
    pub scope: FrameScope,
    /// A match followed by this is not a frame: a year followed by its month
    /// and day is the date a release was issued, not the year its data cover.
    #[serde(default)]
    pub not_before: Option<String>,
    /// A paragraph frame reaches no further than the first of these
    /// characters after its words (the end of their sentence).
    #[serde(default)]
    pub until: Option<String>,
    /// A paragraph frame reaches no further than the first of these words
    /// after its own: a result said after a target (`实际`) is no target.
    #[serde(default)]
    pub until_words: Vec<String>,
}

/// Where a frame's pattern is looked for.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FrameScope {
    /// The nearest section heading before the figure; the matched text is the frame.
    Heading,
    /// The figure's paragraph up to the figure; a match puts it in the frame.
    Paragraph,
}

/// Words of change, by direction.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeWords {
    /// Words that make a percent an average rate, not a change between counts.
    #[serde(default)]
    pub averaged: Vec<String>,
    #[serde(default)]
    pub decrease: Vec<String>,
    #[serde(default)]
    pub increase: Vec<String>,
}

/// Words that state how figures relate (`较去年同期的X`, `占X的Y%`,
/// `分别为`, `合计`), read from the words before each figure in its clause.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationWords {
    /// Words before a figure that make it the base of a comparison (`较`, `from`).
    #[serde(default)]
    pub base_openers: Vec<String>,
    /// Period words of a base stated on its own (`上年同期为1.58元`).
    #[serde(default)]
    pub base_periods: Vec<String>,
    /// Copulas that end such a base's words (`为`).
    #[serde(default)]
    pub base_copulas: Vec<String>,
    /// Words after a change verb that make the figure the value reached (`提高到`, `to`).
    #[serde(default)]
    pub to_words: Vec<String>,
    /// Particles between a change word and its figure (`增加了`, `rose by`).
    #[serde(default)]
    pub change_particles: Vec<String>,
    /// Comparatives that state a change right after a base (`较常年的9次多5次`).
    #[serde(default)]
    pub comparatives: ChangeWords,
    /// Words that join the members of a list (`、`, `和`, `and`).
    #[serde(default)]
    pub list_joiners: Vec<String>,
    /// Words that end the noun phrase after an English number (`and`, `the`, `was`).
    #[serde(default)]
    pub phrase_ends: Vec<String>,
    /// Words that align a list with another one (`分别`, `respectively`).
    #[serde(default)]
    pub respectively: Vec<String>,
    /// Words that make a percent a share of what follows them (`占`).
    #[serde(default)]
    pub share_markers: Vec<String>,
    /// Words after a percent that name what it is a share of (`of`).
    #[serde(default)]
    pub share_of: Vec<String>,
    /// Copulas before a figure that a following percent is a ratio to
    /// (`为年度任务3.2万人的106.3%`).
    #[serde(default)]
    pub ratio_copulas: Vec<String>,
    /// The word that closes such a ratio's denominator (`的`).
    #[serde(default)]
    pub ratio_closers: Vec<String>,
    /// Words naming a whole that say nothing of what it counts (`总量`, `全市`).
    #[serde(default)]
    pub whole_words: Vec<String>,
    /// Words that make a figure the sum of the figures before it (`合计`, `total`).
    #[serde(default)]
    pub sum_words: Vec<String>,
    /// A heading of a partition opens with one of these and closes with one
    /// of `partition_closers` (`按设备种类分`, `从区域看`).
    #[serde(default)]
    pub partition_openers: Vec<String>,
    #[serde(default)]
    pub partition_closers: Vec<String>,
    /// A clause that ends with one of these (`全市874个城市社区中`) or opens
    /// with one of `among_openers` (`Of 9,789 departures`) names the whole a
    /// later rate or share of its sentence is taken among.
    #[serde(default)]
    pub among_closers: Vec<String>,
    #[serde(default)]
    pub among_openers: Vec<String>,
    /// Words that open a sentence's sub-scope (`在城区，`): its figures are
    /// parts of the unscoped figure of their label.
    #[serde(default)]
    pub scope_openers: Vec<String>,
    /// Negations that make a count the complement of a rate's stem (`不合格`).
    #[serde(default)]
    pub complement_prefixes: Vec<String>,
    /// Words that name the rest of a whole (`剩余14宗`, `和其他业务`): a count
    /// after one is the whole less the parts before it; a list whose names
    /// hold one is a whole partition.
    #[serde(default)]
    pub rest_words: Vec<String>,
    /// Words of a table column header that make its percents the change of
    /// the row from its base column to its current one (`增减变动幅度（%）`,
    /// `Change`).
    #[serde(default)]
    pub change_columns: Vec<String>,
    /// Words that make a label the total of its noun (`总收入` of `收入`): a
    /// `分别` list of that noun after it is probably its partition.
    #[serde(default)]
    pub total_prefixes: Vec<String>,
    /// Label endings, besides the rate suffixes, that make a percent the share
    /// of the count its stem names (`护理型床位占比` of `护理型床位2.68万张`).
    #[serde(default)]
    pub share_suffixes: Vec<String>,
    /// Opposite outcomes: a rate of the first is one less the share of a count
    /// of the second (`准时率` and `延误48件`).
    #[serde(default)]
    pub opposites: Vec<[String; 2]>,
    /// Flows whose difference a third figure states (`总收入…；总支出…；当期结余…`).
    #[serde(default)]
    pub balances: Vec<Balance>,
    /// Label openings of a per-head figure (`人均`): the count its label names
    /// without them, divided by the persons of its sentence.
    #[serde(default)]
    pub per_head: Vec<String>,
    /// Units that count persons (`人`), the divisor of a per-head figure.
    #[serde(default)]
    pub head_units: Vec<String>,
    /// Partitions the reader knows (`城市`, `农村`): counts whose labels differ
    /// only by all the members of one add up to their whole.
    #[serde(default)]
    pub partitions: Vec<Vec<String>>,
    /// Rates defined by two named counts (`operating margin` = income / revenue).
    #[serde(default)]
    pub defined_rates: Vec<DefinedRate>,
    /// Verbs of a share that end with a change word (`make up 71.0 percent`).
    #[serde(default)]
    pub share_verbs: Vec<String>,
    /// Label openings of a plan's count (`计划改造…326个`): the whole of a rate of
    /// progress on it (`开工率`) in the sentences after.
    #[serde(default)]
    pub plans: Vec<String>,
    /// Words that point back to a count of the sentence before (`Of those
    /// visits, 27,318 …`).
    #[serde(default)]
    pub anaphors: Vec<String>,
    /// Words between the two nouns of a ratio of counts (`0.6 vacancies for
    /// every unemployed person`, `2.4 nurses per doctor`).
    #[serde(default)]
    pub per_words: Vec<String>,
    /// Short forms of a whole's name and the long form they stand for, as
    /// pairs (`外贸` for `进出口`): a share naming the short form is of the whole
    /// named by the long one.
    #[serde(default)]
    pub short_forms: Vec<Vec<String>>,
    /// How many months back a change's base lies, by the base id of the
    /// change's measure (`quarter`: 3): a change stated in prose is checked
    /// against a table's cells of its measure that many months apart.
    #[serde(default)]
    pub base_steps: Vec<BaseStep>,
}

/// A base id of the measure reader (`measures.bases`) and the months it lies back.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseStep {
    pub base: String,
    pub months: u32,
}

/// A rate defined by two counts: a percent labelled with one of `rate` is the
/// count labelled with one of `of` over the count labelled with one of `per`,
/// all three in one sentence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinedRate {
    pub rate: Vec<String>,
    pub of: Vec<String>,
    pub per: Vec<String>,
}

/// A balance: a count labelled with one of `from`, less one labelled with one
/// of `less`, is the count labelled with one of `leaves` that follows them
/// in their sentence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    pub from: Vec<String>,
    pub less: Vec<String>,
    pub leaves: Vec<String>,
}

/// A pattern that opens a source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    pub id: String,
    /// A regex, matched in multi-line mode; the named group `title` names the source.
    pub pattern: String,
    #[serde(default)]
    pub examples: Vec<String>,
    /// Titles the pattern matches that name no source (`来源：`, a field of the masthead).
    #[serde(default)]
    pub not_titles: Vec<String>,
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

/// What kind of unit a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum UnitClass {
    /// A classifier counting things (`个`, `家`, `批`): it joins a compound
    /// suffix into one unit (`批次`).
    Classifier,
    /// A unit of measure, money, time or ratio (`毫米`, `元`, `%`).
    #[default]
    Measure,
}

/// Compound classifiers: a classifier followed by one of `suffixes` is one
/// unit (`1200批次` is 批次, not 批 with 次 in the label).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompoundUnits {
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Words that start with a suffix and are no part of the unit (`次日`).
    #[serde(default)]
    pub not_words: Vec<String>,
}

/// How table cells take their unit and label (a cell's number is bare: its
/// unit is in the column header, the row's first cell or the caption).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Words that introduce a unit in a caption or header (`单位：亿元`, `in millions`).
    #[serde(default)]
    pub unit_markers: Vec<String>,
    /// Words between a scale word and a unit (`billions of dollars`).
    #[serde(default)]
    pub scale_joiners: Vec<String>,
    /// Column headers whose cells are keys, not figures (`序号`, `Rank`).
    #[serde(default)]
    pub key_headers: Vec<String>,
    /// Column headers that say only "the value" (`数值`, `Amount`): they add
    /// nothing to the label of the row's measure.
    #[serde(default)]
    pub value_headers: Vec<String>,
    /// Column headers whose cells are the base of a comparison: last
    /// period's value (`上年同期`, `Prior year`).
    #[serde(default)]
    pub previous_headers: Vec<String>,
    /// Column headers whose cells are changes against the default base
    /// (`增减变动幅度（%）`, `Change`).
    #[serde(default)]
    pub change_headers: Vec<String>,
    /// Words ending a sentence that points at the table below it
    /// (`见下表`): what the sentence names before them is the table's topic.
    #[serde(default)]
    pub topic_lead_ins: Vec<String>,
    /// Nouns ending such a sentence that count nothing (`情况`, `数据`).
    #[serde(default)]
    pub topic_nouns: Vec<String>,
    /// Words ending the header over the rows' names that say how the rows
    /// divide the whole (`类型` in `机构类型`).
    #[serde(default)]
    pub dimension_suffixes: Vec<String>,
}

/// A bound that names a class of things rather than counting them: a
/// qualified figure (`以上`, `低于`) with `next` right after it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    /// Qualifier ids that bound (`at-least`, `less-than`).
    pub qualifiers: Vec<String>,
    /// A regex the text right after the figure must match (anchored).
    pub next: String,
    #[serde(default)]
    pub examples: Vec<String>,
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
    /// The id of a qualifier these words carry inside them (`个多月`: more than).
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub class: UnitClass,
    /// Texts that read as one figure in this unit, from two fields or more.
    #[serde(default)]
    pub examples: Vec<String>,
}

/// How labels are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSpec {
    /// Characters that end a sentence (a `.` only before white space; a blank
    /// line always ends one).
    #[serde(default)]
    pub sentence_ends: String,
    /// Characters that end a clause: a label never crosses them.
    #[serde(default)]
    pub boundaries: String,
    /// Words dropped at the start of a label (`共`, `全市`, `累计`).
    #[serde(default)]
    pub leading_fillers: Vec<String>,
    /// Words dropped at the end of a label (`为`, `达到`).
    #[serde(default)]
    pub trailing_fillers: Vec<String>,
    /// Whole words that end in a trailing filler (`行为`): never stripped.
    #[serde(default)]
    pub protected_endings: Vec<String>,
    /// Words that join noun phrases (`和`, `以及`): a figure whose counted noun
    /// follows it takes only the words after the last one before it.
    #[serde(default)]
    pub conjunctions: Vec<String>,
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
    /// Whole nouns that hold a noun stop or a verb and do not end there
    /// (`低保对象`: `对象` holds `对`).
    #[serde(default)]
    pub nouns_holding_stops: Vec<String>,
    /// Words after a figure that place it and count nothing (`86.47亿元中，`).
    #[serde(default)]
    pub locatives: Vec<String>,
    /// Adverbs that open the predicate of a counted noun before them
    /// (`护林员常年巡山`), but a relative clause right after the classifier.
    #[serde(default)]
    pub predicate_adverbs: Vec<String>,
    /// Nouns that name a quantity of what stands before them (`蓄水量`,
    /// `营业收入`): a classifier counts things, never one of these, so a
    /// counted noun ends before it (`28座水库蓄水量` counts 水库).
    #[serde(default)]
    pub measure_nouns: Vec<String>,
    /// Words after a figure that refer back to the previous figure's noun
    /// (`7,300 of them`).
    #[serde(default)]
    pub anaphora: Vec<String>,
    /// A regex matching the subject at the start of a label (`刑侦部门共`,
    /// `全市公安机关`): the subject is dropped, the measure stays.
    #[serde(default)]
    pub subject: Option<String>,
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
    /// A small number word is a count where a plural noun follows it, within
    /// two words (`three hospitals`, `nine voting members`), unless the noun
    /// is one of these (a span of time is no count: `three months`).
    #[serde(default)]
    pub not_counted_nouns: Vec<String>,
    /// Whether a small number word counts the plural noun after it (English);
    /// otherwise small number words are never figures without a unit.
    #[serde(default)]
    pub word_counts: bool,
    /// What a paragraph is: a `line` (Chinese releases put a paragraph on one
    /// line) or a `blank-line`-separated block (English prose wraps).
    #[serde(default)]
    pub paragraphs: ParagraphStyle,
    /// Where the label is read first: `before` the number (Chinese) or the
    /// counted noun `after` it (English). Only the reading of a label turns
    /// on it; each other language behaviour is an option of its own.
    #[serde(default)]
    pub order: LabelOrder,
    /// Words are written apart by spaces (English): word lists match whole
    /// words, spaces may stand between a number and its unit or a qualifier
    /// after it, a topic is its words less the stop words, a label's verb is
    /// its first word and a change word is a whole word of the label. Without
    /// (Chinese): words match anywhere, a topic is normalised as a label is,
    /// a label's verb is one of `verbs` and a change word ends the label.
    #[serde(default)]
    pub spaced_words: bool,
    /// A number without a unit word can be a count, and a part or total
    /// (English: `1,829 criminal cases`, the noun is the unit). Without
    /// (Chinese), a count always carries a classifier: a bare number is no
    /// figure.
    #[serde(default)]
    pub bare_counts: bool,
}

fn yes() -> bool {
    true
}

fn default_max_chars() -> usize {
    24
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphStyle {
    #[default]
    Line,
    BlankLine,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LabelOrder {
    #[default]
    Before,
    After,
}

/// How a rate's stem (`化解` of `化解率`) finds the count it is the rate of.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RateStem {
    /// The count's label contains the stem (`化解矛盾纠纷` for `化解率`).
    #[default]
    Contained,
    /// A word of the count's label starts with the first five letters of the
    /// stem's last word (`resolved disputes` for `resolution rate`).
    WordPrefix,
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
    #[error("a pack's inline examples do not read as they say:\n{0}")]
    #[diagnostic(code(crosscheck::pack_examples), help("fix the pack entry or its example"))]
    Examples(String),
    #[error("rule pack `{name}`: unit `{unit}` names qualifier `{qualifier}`, which the pack does not define")]
    #[diagnostic(code(crosscheck::pack_qualifier))]
    UnknownQualifier { name: String, unit: String, qualifier: String },
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

/// One pack with its regexes compiled and its word lists indexed.
#[derive(Debug, Clone)]
pub struct CompiledPack {
    pub spec: Pack,
    pub script: LazyRegex,
    pub exclusions: Vec<(String, LazyRegex)>,
    /// Every exclusion pattern in one regex: one pass over the text.
    pub excluded: Option<LazyRegex>,
    /// The source patterns, multi-line.
    pub sources: Vec<LazyRegex>,
    /// `linking.dependent_patterns`, compiled.
    pub dependent_patterns: Vec<LazyRegex>,
    /// `linking.frames`, compiled, each with its `not_before` anchored at the start.
    pub frames: Vec<(FrameSpec, LazyRegex, Option<LazyRegex>)>,
    /// `linking.heading`, compiled multi-line.
    pub heading: Option<LazyRegex>,
    /// `labels.subject`, compiled.
    pub subject: Option<LazyRegex>,
    /// `thresholds`, their `next` patterns compiled (anchored).
    pub thresholds: Vec<(ThresholdSpec, LazyRegex)>,
    pub lexicon: Lexicon,
    /// `measures`, compiled.
    pub measure_words: crate::lexicon::measure_words::MeasureWords,
}

/// A pack's word lists, indexed for matching at a position. Payloads are
/// indexes into the pack's `qualifiers` and `units`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub qualifiers_before: WordIndex<usize>,
    pub qualifiers_after: WordIndex<usize>,
    pub qualifiers_after_unit: WordIndex<usize>,
    pub prefix_units: WordIndex<usize>,
    pub units: WordIndex<usize>,
    pub leading_fillers: WordIndex<()>,
    pub trailing_fillers: WordIndex<()>,
    pub fillers: WordIndex<()>,
    /// Canonical words and their synonyms → the canonical word.
    pub synonyms: WordIndex<String>,
    /// Words that end a counted noun (`true`: the noun stops and the verbs)
    /// and whole nouns that hold one (`false`: read past them).
    pub noun_stops: WordIndex<bool>,
    /// Bare verbs (`化解`), for ellipsis.
    pub verbs: WordIndex<()>,
    /// `labels.measure_nouns`.
    pub measure_nouns: WordIndex<()>,
    /// `labels.predicate_adverbs`.
    pub predicate_adverbs: WordIndex<()>,
    pub sentence_ends: CharSet,
    pub boundaries: CharSet,
    /// `linking.part_scope_ends` and `linking.part_clause_ends`.
    pub part_scope_ends: CharSet,
    pub part_clause_ends: CharSet,
    /// `labels.stopwords` and `labels.noun_stops` as sets: a spaced label
    /// asks them of every word around its figure.
    pub stopwords: HashSet<String>,
    pub noun_stop_words: HashSet<String>,
}

impl CompiledPack {
    /// Every pattern of the pack. Each is compiled on its first use, so the
    /// tests compile them all here: a built-in pattern never fails at run time.
    pub fn patterns(&self) -> impl Iterator<Item = &LazyRegex> {
        let words = &self.measure_words;
        let measures = [&words.periods, &words.spans, &words.dates, &words.previous, &words.level_after, &words.share];
        std::iter::once(&self.script)
            .chain(self.exclusions.iter().map(|(_, re)| re))
            .chain(&self.excluded)
            .chain(&self.sources)
            .chain(&self.dependent_patterns)
            .chain(self.frames.iter().flat_map(|(_, re, not_before)| std::iter::once(re).chain(not_before)))
            .chain(&self.heading)
            .chain(&self.subject)
            .chain(self.thresholds.iter().map(|(_, re)| re))
            .chain(measures.into_iter().chain([&words.base_pattern]).flatten())
    }
}

impl Lexicon {
    fn new(spec: &Pack) -> Self {
        let spaced = spec.labels.spaced_words;
        let qualifiers = |words: fn(&QualifierSpec) -> &Vec<String>| {
            WordIndex::new(
                spec.qualifiers.iter().enumerate().flat_map(|(i, q)| words(q).iter().map(move |w| (w.clone(), i))),
                spaced,
            )
        };
        let units = |prefix: bool| {
            WordIndex::new(
                spec.units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.prefix == prefix)
                    .flat_map(|(i, u)| u.words.iter().map(move |w| (w.clone(), i))),
                spaced,
            )
        };
        let words = |list: &[String]| WordIndex::new(list.iter().map(|w| (w.clone(), ())), spaced);
        let labels = &spec.labels;
        Lexicon {
            qualifiers_before: qualifiers(|q| &q.before),
            qualifiers_after: qualifiers(|q| &q.after),
            qualifiers_after_unit: qualifiers(|q| &q.after_unit),
            prefix_units: units(true),
            units: units(false),
            leading_fillers: words(&labels.leading_fillers),
            trailing_fillers: words(&labels.trailing_fillers),
            fillers: words(&labels.fillers),
            synonyms: WordIndex::new(
                labels.synonyms.iter().flat_map(|(canonical, variants)| {
                    std::iter::once(canonical).chain(variants).map(move |w| (w.clone(), canonical.clone()))
                }),
                spaced,
            ),
            noun_stops: WordIndex::new(
                labels
                    .noun_stops
                    .iter()
                    .chain(&labels.verbs)
                    .map(|w| (w.clone(), true))
                    .chain(labels.nouns_holding_stops.iter().map(|w| (w.clone(), false))),
                spaced,
            ),
            verbs: words(&labels.verbs),
            measure_nouns: words(&labels.measure_nouns),
            predicate_adverbs: words(&labels.predicate_adverbs),
            sentence_ends: CharSet::new(&labels.sentence_ends),
            boundaries: CharSet::new(&labels.boundaries),
            part_scope_ends: CharSet::new(&spec.linking.part_scope_ends),
            part_clause_ends: CharSet::new(&spec.linking.part_clause_ends),
            stopwords: labels.stopwords.iter().cloned().collect(),
            noun_stop_words: labels.noun_stops.iter().cloned().collect(),
        }
    }
}

impl Packs {
    /// The default severity a pack gives a built-in check (`Some(None)`: off):
    /// the pack that read the figure judged (`pack`), else the first that names it.
    pub fn check_severity(&self, pack: Option<usize>, id: &str) -> Option<Option<crate::finding::Severity>> {
        let own = pack.and_then(|p| self.packs.get(p)).and_then(|p| p.spec.checks.get(id));
        own.or_else(|| self.packs.iter().find_map(|p| p.spec.checks.get(id))).map(|level| level.severity())
    }

    /// Every built-in pack, compiled. Their inline examples are read by the
    /// extractor in [`crate::extract::examples::builtin_packs`], which the command line
    /// loads them with.
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
    pub fn from_packs(mut packs: Vec<Pack>) -> Result<Packs, PackError> {
        // A unit written with a multiplier at its start (`千瓦`, `千伏安`, kilo-)
        // is no number: `120千瓦` is 120 of them, not 120000 瓦.
        for pack in &mut packs {
            let numerals = &pack.numerals;
            let kilo: Vec<String> = pack
                .units
                .iter()
                .flat_map(|u| &u.words)
                .filter(|w| numerals.multipliers.keys().any(|m| w.starts_with(m.as_str()) && w.len() > m.len()))
                .filter(|w| !numerals.not_numbers.contains(w))
                .cloned()
                .collect();
            pack.numerals.not_numbers.extend(kilo);
        }
        let numerals = Numerals::new(packs.iter().map(|p| &p.numerals));
        let mut compiled = Vec::new();
        for spec in packs {
            let regex = |entry: &str, pattern: &str| {
                LazyRegex::new(pattern).map_err(|source| PackError::Regex {
                    name: spec.language.clone(),
                    entry: entry.to_string(),
                    source,
                })
            };
            let script = regex("script", &spec.script)?;
            for unit in &spec.units {
                if let Some(q) = unit.qualifier.as_ref().filter(|q| !spec.qualifiers.iter().any(|d| d.id == **q)) {
                    return Err(PackError::UnknownQualifier {
                        name: spec.language.clone(),
                        unit: unit.unit.clone(),
                        qualifier: q.clone(),
                    });
                }
            }
            let exclusions = spec
                .exclusions
                .iter()
                .map(|e| Ok((e.id.clone(), regex(&format!("exclusions.{}", e.id), &e.pattern)?)))
                .collect::<Result<Vec<_>, PackError>>()?;
            let lexicon = Lexicon::new(&spec);
            let excluded = if spec.exclusions.is_empty() {
                None
            } else {
                let union: Vec<String> = spec.exclusions.iter().map(|e| format!("(?:{})", e.pattern)).collect();
                Some(regex("exclusions", &union.join("|"))?)
            };
            let sources = spec
                .sources
                .iter()
                .map(|s| regex(&format!("sources.{}", s.id), &format!("(?m:{})", s.pattern)))
                .collect::<Result<Vec<_>, PackError>>()?;
            let dependent_patterns = spec
                .linking
                .dependent_patterns
                .iter()
                .map(|p| regex("linking.dependent_patterns", p))
                .collect::<Result<Vec<_>, PackError>>()?;
            let frames = spec
                .linking
                .frames
                .iter()
                .map(|f| {
                    let name = format!("linking.frames.{}", f.id);
                    let not_before = f.not_before.as_deref().map(|n| regex(&name, &format!("^(?:{n})"))).transpose()?;
                    Ok((f.clone(), regex(&name, &f.pattern)?, not_before))
                })
                .collect::<Result<Vec<_>, PackError>>()?;
            let heading =
                spec.linking.heading.as_deref().map(|h| regex("linking.heading", &format!("(?m:{h})"))).transpose()?;
            let subject = spec.labels.subject.as_deref().map(|s| regex("labels.subject", s)).transpose()?;
            let thresholds = spec
                .thresholds
                .iter()
                .map(|t| Ok((t.clone(), regex("thresholds", &format!("^(?:{})", t.next))?)))
                .collect::<Result<Vec<_>, PackError>>()?;
            let measure_words = crate::lexicon::measure_words::MeasureWords::new(&spec.measures)
                .map_err(|(entry, source)| PackError::Regex { name: spec.language.clone(), entry, source })?;
            compiled.push(CompiledPack {
                spec,
                script,
                exclusions,
                excluded,
                sources,
                dependent_patterns,
                frames,
                heading,
                subject,
                thresholds,
                lexicon,
                measure_words,
            });
        }
        Ok(Packs { packs: compiled, numerals })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pack_pattern_compiles() {
        for pack in &Packs::builtin().unwrap().packs {
            let mut count = 0;
            for re in pack.patterns() {
                if let Err(e) = re.try_compiled() {
                    panic!("pack {}: {:?} does not compile: {e}", pack.spec.language, re.as_str());
                }
                count += 1;
            }
            assert!(count > 10, "pack {}: {count} patterns", pack.spec.language);
        }
    }
}
