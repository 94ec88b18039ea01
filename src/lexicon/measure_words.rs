//! The words that describe what a figure measures: periods, comparison bases,
//! the base of a change, shares, enumerations, the adverbs that end a subject.
//! Data in the packs' `measures:` section (rules/*.yaml); compiled once.

use serde::Deserialize;

use crate::lexicon::lazy_regex::LazyRegex;

/// A pack's `measures:` section, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    /// A regex: the data period a sentence states (`前三季度`, `9月份`, `in March`).
    #[serde(default)]
    pub periods: Option<String>,
    /// A regex: spans of time and points in time (`1—9月`, `截至6月底`): a
    /// figure after one is in no single period.
    #[serde(default)]
    pub spans: Option<String>,
    /// A regex: days (`8月7日`), which say when, not what is counted; read
    /// before periods so that a day's month is not taken for a period.
    #[serde(default)]
    pub dates: Option<String>,
    /// A period match right after one of these characters is part of a span
    /// (`1—9月`), not a period of its own.
    #[serde(default)]
    pub period_not_after: String,
    /// A period match right before one of these is a point in time (`6月底`).
    #[serde(default)]
    pub period_not_before: String,
    /// Verbs of an event: a period right before one and `的` dates the event
    /// it qualifies (`3月举办的马拉松`), not the figures of its sentence.
    #[serde(default)]
    pub period_events: Vec<String>,
    /// Nouns that name the plan for a count (`任务`, `目标`): an earlier
    /// `筹集任务为1.8万套` gives a later bare `已筹集1.86万套` its object.
    #[serde(default)]
    pub plan_nouns: Vec<String>,
    /// A regex matching an event named by its grade (`较大以上生产安全事故`),
    /// with groups `grade`, `kind` and `event`: a later `一般事故` of the
    /// sentence is of the kind the earlier one names.
    #[serde(default)]
    pub graded: Option<String>,
    /// A regex matching a volume named by its verb (`警情年接报量`), with groups
    /// `object` and `verb`: it counts what the verb with its object counts
    /// (`接报警情`).
    #[serde(default)]
    pub verb_volume: Option<String>,
    /// A regex matching the end of the words just before the base of a
    /// comparison (`较去年同期的` 43.81亿元, `由` 75.2%, `from` $9.1 billion).
    #[serde(default)]
    pub previous: Option<String>,
    /// A regex matching the comparison words before a base that names its
    /// measure again (`较去年` 最高负荷1177.0万千瓦, `比上年末` 贷款余额2100亿元):
    /// the words after it, when they end as the level before ends, are the
    /// measure's name, and the figure is its base.
    #[serde(default)]
    pub named_previous: Option<String>,
    /// A regex matching the end of the words before a level reached
    /// (`提高到` 78.4%, `to` 4.2%): the figure is the level of the measure
    /// whose earlier value was just given.
    #[serde(default)]
    pub level_after: Option<String>,
    /// A regex matching the end of the words before a share (`占…的比重为`, `占比`).
    #[serde(default)]
    pub share: Option<String>,
    /// The bases a change is measured against: a canonical name and its words
    /// (`同比`: 同比, 较去年同期; `较常年`: 较常年同期). A change with none written takes
    /// the nearest one before it in its sentence, else `default_base`.
    #[serde(default)]
    pub bases: Vec<BaseSpec>,
    #[serde(default)]
    pub default_base: String,
    /// A regex: a base named by a time (`比前五年`, `较2002年`), a base of its own.
    #[serde(default)]
    pub base_pattern: Option<String>,
    /// Adverbs that stand between a subject and its verb (`消防救援机构共检查`):
    /// the measure starts after them.
    #[serde(default)]
    pub adverbs: Vec<String>,
    /// Words that hold one of the adverbs but are not it (`公共`, `共享`).
    #[serde(default)]
    pub not_adverbs: Vec<String>,
    /// Light verbs before what is counted (`实现`旅游收入, `完成`营造林).
    #[serde(default)]
    pub light_verbs: Vec<String>,
    /// What makes a classifier a noun of count (`数`: `起数`, `人数`) or of
    /// the counted (`员`: `人员`).
    #[serde(default)]
    pub count_suffixes: Vec<String>,
    /// Nouns that end a kind of body (`银行`, `医院`): a sentence that opens
    /// with one as its subject scopes the figures of its later clauses.
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Words that open a subject naming all bodies (`各`, `全市`), not a kind.
    #[serde(default)]
    pub all_bodies: Vec<String>,
    /// Coordinated words whose second character begins no measure of its
    /// own (`大中型水库` does not end in the measure `中型水库`).
    #[serde(default)]
    pub coordinated: Vec<String>,
    /// Words that start with a light verb but are not one (`有效`, `有机`).
    #[serde(default)]
    pub not_light_verbs: Vec<String>,
    /// Words after what is counted that add nothing (`数量`, `累计完成`).
    #[serde(default)]
    pub trailing: Vec<String>,
    /// Nouns that name a change (`增速`, `降幅`): `增速为15.2%` is an increase.
    #[serde(default)]
    pub increase_nouns: Vec<String>,
    #[serde(default)]
    pub decrease_nouns: Vec<String>,
    /// Copulas between such a noun and its figure (`为`, `达到`).
    #[serde(default)]
    pub copulas: Vec<String>,
    /// Prepositions that open a scope (`在城区`, `围绕`, `in`): dropped from its name.
    #[serde(default)]
    pub scope_markers: Vec<String>,
    /// Particles dropped anywhere in a label (`的`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Words that distribute a list of figures over a list of items
    /// (`分别`, `respectively`).
    #[serde(default)]
    pub enumeration: Vec<String>,
    /// Words that join the items of a list (`、`, `和`, `and`).
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Labels of at most this many characters ending in a rate word
    /// (`办结率`) are rates of what stands before them, not measures alone.
    #[serde(default)]
    pub short_rate_chars: usize,
    /// Coverbs (`结合`, `依托`, `通过`): with their object up to the main verb
    /// they say how or on what the work rests, not what is counted.
    #[serde(default)]
    pub coverbs: Vec<String>,
    /// Adverbs of manner before a main verb (`同步`): they say how, not what.
    #[serde(default)]
    pub manner_adverbs: Vec<String>,
    /// Words that end a locative phrase before a main verb (`…中`, `…期间`):
    /// the phrase says when or where, not what.
    #[serde(default)]
    pub adverbial_locatives: Vec<String>,
    /// Words that open the result of a plan just stated (`实际`): a result
    /// with no object of its own counts what the plan named.
    #[serde(default)]
    pub result_markers: Vec<String>,
    /// Verbs whose object a quantity before it counts, while the verb itself
    /// counts nothing (`盯紧`, `面对`): the measure is the noun after the figure.
    #[serde(default)]
    pub uncounting_verbs: Vec<String>,
    /// Nouns of an amount (`总值`, `规模`, `额`) and the activities whose
    /// amount they name after them (`进出口`, `零售`): `进出口总值`, `进出口规模`
    /// and `进出口` state one measure.
    #[serde(default)]
    pub amount_nouns: Vec<String>,
    #[serde(default)]
    pub activities: Vec<String>,
    /// Spaced scripts (English): the closed word classes the clause reader
    /// (src/graph/measure/spaced.rs) builds a noun phrase and its verb frame from.
    #[serde(default)]
    pub words: Option<ClauseWords>,
}

/// The closed word classes of a spaced script, lower case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseWords {
    /// Words that open or qualify a noun phrase and say nothing of the
    /// measure (`the`, `its`, `both`).
    pub determiners: Vec<String>,
    /// Prepositions: a noun phrase's post-modifier starts at one (`the rate for
    /// people aged…`), and a clause opening with one is an adverbial.
    pub prepositions: Vec<String>,
    /// Relative words that open a clause inside a noun phrase (`who`, `that`).
    pub relatives: Vec<String>,
    /// Verbs that state a level (`was`, `stood`, `averaged`): the subject ends before them.
    pub verbs: Vec<String>,
    /// Verbs and words of change, by direction: `rose by X`, `up X`, `X higher`.
    pub increase: Vec<String>,
    pub decrease: Vec<String>,
    /// Of the change words, those that stand after the figure (`X more than`).
    pub comparatives: Vec<String>,
    /// Heads that take their `of` phrase along (`the number of vacancies`).
    pub generic_heads: Vec<String>,
    /// Months, and the word for a quarter's ordinal, for the base of a change
    /// (`up 0.8 percent from February`: the month before).
    pub months: Vec<String>,
    /// Nouns that name a change in a table's column header (`Change`,
    /// `Percent change`): the column's cells are changes.
    #[serde(default)]
    pub change_nouns: Vec<String>,
    /// Prepositions that, right after a figure, say which of several it is
    /// (`$25 billion for government bonds`).
    #[serde(default)]
    pub qualifying: Vec<String>,
    /// Nouns of time: a phrase of them after a figure is a period, not a
    /// qualifier (`for the month`, `for the year`).
    #[serde(default)]
    pub times: Vec<String>,
    /// Verbs that say what was done to what is counted, beyond the regular
    /// past forms in `-ed` (`served`, `took`, `ran`).
    #[serde(default)]
    pub content_verbs: Vec<String>,
    /// Verbs that report a figure found by others (`the survey found`,
    /// `estimates show`): what they report is their object.
    #[serde(default)]
    pub reporting: Vec<String>,
    /// Prepositions whose fronted phrase is a scope of the measure
    /// (`Among young people, the unemployment rate was`).
    #[serde(default)]
    pub scope_openers: Vec<String>,
    /// Words after a figure that open what it is compared with: a period
    /// named after one is the base's, not the figure's (`higher than in April`).
    #[serde(default)]
    pub base_openers: Vec<String>,
    /// Words that qualify a measure without naming what it counts
    /// (`average`, `monthly`, `net`): a noun phrase of them and one noun
    /// (`average monthly gain`) names nothing alone.
    #[serde(default)]
    pub generic_modifiers: Vec<String>,
    /// Prepositions that open a noun phrase's post-modifier, kept as what
    /// says which one (`employment in leisure and hospitality`).
    #[serde(default)]
    pub post_modifiers: Vec<String>,
    /// Possessive determiners: an object with one refers to the subject
    /// (`below its February level by 314,000`).
    #[serde(default)]
    pub possessives: Vec<String>,
    /// Nouns that count one thing, by the name a measure is keyed by: each
    /// word of a list (singular) reads as its key (`travelers` as
    /// `passengers`).
    #[serde(default)]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// Counts named by their verb and noun (`enrolled students`, `delivered
    /// babies`), by the noun of the measure they are (`enrollment`, `birth`).
    #[serde(default)]
    pub counted_as: std::collections::BTreeMap<String, Vec<String>>,
    /// Nouns of change that name a level as the change of what they are
    /// said of (`core inflation` is the change of `core prices`).
    #[serde(default)]
    pub rates_of_change: Vec<RateOfChange>,
    /// Nouns of people in general (singular): a post-modifier naming only
    /// them says nothing of which rate (`the employment rate for people
    /// aged 16 to 64`).
    #[serde(default)]
    pub populations: Vec<String>,
    /// Adjustments of an estimate (`seasonally adjusted`): they qualify how
    /// a measure is estimated, not what it counts, unless the release also
    /// states the measure without them (`not seasonally adjusted`).
    #[serde(default)]
    pub adjustments: Vec<String>,
    /// Words of a revision: a headline line labelled by one and a period
    /// (`June revised to …`) restates the block's measure for that period.
    #[serde(default)]
    pub revisions: Vec<String>,
    /// Verbs of averaging: after a noun of change they state an average of
    /// changes (`hiring gains averaged 38,000 per month`).
    #[serde(default)]
    pub averaging: Vec<String>,
    /// Nouns of the units that carry out an activity (`establishments`,
    /// `firms`): in an `of` phrase written before its head they add nothing
    /// to the activity (`sales of hotel businesses` are `hotel sales`).
    #[serde(default)]
    pub agent_units: Vec<String>,
    /// Nouns of agents (singular), by the activity they name as a
    /// premodifier (`retailers` → `retail`): `turnover of retailers` is
    /// `retail turnover`.
    #[serde(default)]
    pub agents: std::collections::BTreeMap<String, Vec<String>>,
    /// Verbs of receipt (phrases), by the noun of what a sum of money after
    /// them states: `the county collected $12.4 million` states revenue.
    #[serde(default)]
    pub receipts: std::collections::BTreeMap<String, Vec<String>>,
    /// Openers of a question that names only a topic (`And tolls?`, `What
    /// about filing fees?`): the sum received said next is of that topic.
    #[serde(default)]
    pub topic_questions: Vec<String>,
    /// Prepositions that tell the items of a list apart (`caps of $25
    /// billion for bonds and $15 billion for loans`): a list's total is its
    /// head's noun without them and what follows.
    #[serde(default)]
    pub item_markers: Vec<String>,
}

/// A noun of change: a level it names (`core inflation was 3.1 percent`) is
/// the change of `of` (`core prices rose 3.1 percent`) against `base`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateOfChange {
    pub noun: String,
    /// The noun of what changes, when the noun of change does not say it
    /// (`inflation` is said of prices); empty when its modifiers do.
    #[serde(default)]
    pub of: String,
    /// The base the noun implies (`inflation` is over the year), if any.
    #[serde(default)]
    pub base: Option<String>,
}

/// A comparison base and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSpec {
    pub id: String,
    pub words: Vec<String>,
    /// Verbs of change that name this base when no base is written
    /// (`偏多` compares with the normal: 降水偏多23.8%).
    #[serde(default)]
    pub verbs: Vec<String>,
}

/// [`MeasureSpec`], compiled.
#[derive(Debug, Clone, Default)]
pub struct MeasureWords {
    pub spec: MeasureSpec,
    pub periods: Option<LazyRegex>,
    pub spans: Option<LazyRegex>,
    pub dates: Option<LazyRegex>,
    pub previous: Option<LazyRegex>,
    pub named_previous: Option<LazyRegex>,
    pub level_after: Option<LazyRegex>,
    pub share: Option<LazyRegex>,
    pub base_pattern: Option<LazyRegex>,
    pub graded: Option<LazyRegex>,
    pub verb_volume: Option<LazyRegex>,
}

impl MeasureWords {
    /// Compiles a section; an invalid regex names its entry.
    pub fn new(spec: &MeasureSpec) -> Result<Self, (String, regex::Error)> {
        let compile = |entry: &str, pattern: &Option<String>, anchor_end: bool| {
            pattern
                .as_deref()
                .map(|p| LazyRegex::new(&if anchor_end { format!("(?:{p})$") } else { p.to_string() }))
                .transpose()
                .map_err(|e| (format!("measures.{entry}"), e))
        };
        Ok(MeasureWords {
            periods: compile("periods", &spec.periods, false)?,
            spans: compile("spans", &spec.spans, false)?,
            dates: compile("dates", &spec.dates, false)?,
            previous: compile("previous", &spec.previous, true)?,
            named_previous: compile("named_previous", &spec.named_previous, false)?,
            level_after: compile("level_after", &spec.level_after, true)?,
            share: compile("share", &spec.share, true)?,
            base_pattern: compile("base_pattern", &spec.base_pattern, false)?,
            graded: compile("graded", &spec.graded, false)?,
            verb_volume: compile("verb_volume", &spec.verb_volume, false)?,
            spec: spec.clone(),
        })
    }

    /// The base a verb of change names by itself (`偏多` → `较常年`), if any:
    /// `words` starts with the verb.
    pub fn base_of_verb(&self, words: &str) -> Option<&str> {
        self.spec.bases.iter().find(|b| b.verbs.iter().any(|v| words.starts_with(v.as_str()))).map(|b| b.id.as_str())
    }

    /// The canonical base named at the end of `words`, or anywhere in them.
    pub fn base_in(&self, words: &str) -> Option<&str> {
        self.spec
            .bases
            .iter()
            .flat_map(|b| b.words.iter().filter_map(move |w| words.rfind(w.as_str()).map(|at| (at, b.id.as_str()))))
            .max_by_key(|&(at, _)| at)
            .map(|(_, id)| id)
    }
}
