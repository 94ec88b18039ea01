//! Measures the number reader against other projects' test suites, kept in
//! `../shared/corpus/numbers` (Recognizers-Text, cn2an, duckling).
//!
//! Each suite prints its pass rate and fails if the rate drops below a floor
//! set just under the rate measured when the floor was last raised, so a
//! regression fails `cargo test`. Run with
//! `cargo test --test peers -- --nocapture` to see the rates and the misses.
//!
//! Some classes of case we read differently on purpose; each is named below
//! (`Differs`), counted apart, and left out of the in-scope rate:
//! the suites are a yardstick, not a specification.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crosscheck::extract::number::{NumberExpr, NumberForm};
use crosscheck::lexicon::Packs;
use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value;

/// The peers' suites in ../shared. Their tests are ignored (with the reason)
/// when ../shared was absent at build time (build.rs); absent now, they fail.
fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/numbers");
    assert!(dir.is_dir(), "peer suites missing at {}", dir.display());
    Some(dir)
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn packs() -> &'static Packs {
    static PACKS: std::sync::OnceLock<Packs> = std::sync::OnceLock::new();
    PACKS.get_or_init(|| Packs::builtin().expect("built-in packs load"))
}

/// A value as the peers write it: `1.5`, `5E-06`, `50%`, or none (`null`).
fn parse_value(v: &Value) -> Option<Decimal> {
    let s = match v {
        Value::String(s) => s.trim_end_matches('%').to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if s.contains(['e', 'E']) {
        Decimal::from_scientific(&s).ok()
    } else {
        Decimal::from_str(&s).ok()
    }
}

/// Equal up to the rounding of quotients (we keep 10 places, the peers 15).
fn same(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() <= Decimal::new(1, 8)
}

fn same_list(got: &[Decimal], expected: &[Option<Decimal>]) -> bool {
    got.len() == expected.len() && got.iter().zip(expected).all(|(g, e)| e.is_none_or(|e| same(*g, e)))
}

/// A class of case we read differently on purpose, and why.
struct Differs {
    name: &'static str,
    why: &'static str,
    pattern: Regex,
}

fn differs(name: &'static str, why: &'static str, pattern: &str) -> Differs {
    Differs { name, why, pattern: Regex::new(pattern).unwrap() }
}

/// Pass counts of one suite: overall, in scope, and per class read differently.
struct Tally {
    suite: &'static str,
    passed: usize,
    total: usize,
    in_scope_passed: usize,
    in_scope: usize,
    by_class: BTreeMap<&'static str, (usize, usize, &'static str)>,
    misses: Vec<String>,
}

impl Tally {
    fn new(suite: &'static str) -> Self {
        Tally {
            suite,
            passed: 0,
            total: 0,
            in_scope_passed: 0,
            in_scope: 0,
            by_class: BTreeMap::new(),
            misses: Vec::new(),
        }
    }

    fn record(&mut self, input: &str, class: Option<&Differs>, pass: bool, detail: impl FnOnce() -> String) {
        self.total += 1;
        self.passed += pass as usize;
        match class {
            Some(c) => {
                let entry = self.by_class.entry(c.name).or_insert((0, 0, c.why));
                entry.0 += pass as usize;
                entry.1 += 1;
            }
            None => {
                self.in_scope += 1;
                self.in_scope_passed += pass as usize;
                if !pass {
                    self.misses.push(format!("{input:?}: {}", detail()));
                }
            }
        }
    }

    fn rate(passed: usize, total: usize) -> f64 {
        if total == 0 {
            100.0
        } else {
            100.0 * passed as f64 / total as f64
        }
    }

    /// Prints the rates and misses, and checks both rates against their floors.
    fn report(&self, floor_all: f64, floor_in_scope: f64) {
        let all = Tally::rate(self.passed, self.total);
        let in_scope = Tally::rate(self.in_scope_passed, self.in_scope);
        println!("== {}", self.suite);
        println!("   all cases: {}/{} = {all:.1}% (floor {floor_all}%)", self.passed, self.total);
        println!("   in scope:  {}/{} = {in_scope:.1}% (floor {floor_in_scope}%)", self.in_scope_passed, self.in_scope);
        for (name, (passed, total, why)) in &self.by_class {
            println!("   read differently on purpose: {name}: {passed}/{total} pass ({why})");
        }
        for miss in &self.misses {
            println!("   miss: {miss}");
        }
        assert!(all >= floor_all, "{}: {all:.1}% of all cases, below the floor {floor_all}%", self.suite);
        assert!(
            in_scope >= floor_in_scope,
            "{}: {in_scope:.1}% in scope, below the floor {floor_in_scope}%",
            self.suite
        );
    }
}

/// Words after a number that make its figure a lower bound (`余`, `多`,
/// from the packs' `more-than` qualifier), plus `几` ("some", as in 二十几万),
/// which the peers read the same way.
fn lower_bound_words() -> Vec<String> {
    let mut words: Vec<String> = packs()
        .packs
        .iter()
        .flat_map(|p| p.spec.qualifiers.iter())
        .filter(|q| q.id == "more-than")
        .flat_map(|q| q.after.iter().cloned())
        .collect();
    words.extend(["几".to_string(), "幾".to_string()]);
    words
}

fn skip_spaces(text: &str, pos: usize) -> usize {
    pos + text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len()
}

/// The numbers the reader finds in `text` as the peers' number models count
/// them: `五百余万` is read by the figure layer as (500, 600) × 万, whose lower
/// bound is the peers' 5000000.
fn numbers_with_lower_bounds(text: &str) -> Vec<(NumberExpr, Decimal)> {
    let numerals = &packs().numerals;
    let words = lower_bound_words();
    numerals
        .scan(text)
        .into_iter()
        .map(|n| {
            let mut value = n.value;
            let at = skip_spaces(text, n.end);
            if let Some(w) = words.iter().find(|w| text[at..].starts_with(w.as_str())) {
                let at = skip_spaces(text, at + w.len());
                if let Some((_, scale)) = numerals.scale_at(text, at) {
                    value *= scale;
                }
            }
            (n, value)
        })
        .collect()
}

/// The number model's cases: `Input` and the values of `Results`.
fn rt_cases(path: &Path) -> Vec<(String, Vec<Option<Decimal>>, bool, bool)> {
    let cases = load(path);
    cases
        .as_array()
        .expect("a list of cases")
        .iter()
        .map(|case| {
            let input = case["Input"].as_str().unwrap_or_default().to_string();
            let expected: Vec<Option<Decimal>> = case["Results"]
                .as_array()
                .map(|rs| rs.iter().map(|r| parse_value(&r["Resolution"]["value"])).collect())
                .unwrap_or_default();
            let not_supported = case.get("NotSupported").is_some() || case.get("NotSupportedByDesign").is_some();
            let ignore_resolution = case.get("IgnoreResolution").and_then(Value::as_bool).unwrap_or(false);
            (input, expected, not_supported, ignore_resolution)
        })
        .collect()
}

fn classify<'a>(classes: &'a [Differs], input: &str) -> Option<&'a Differs> {
    classes.iter().find(|c| c.pattern.is_match(input))
}

/// Recognizers-Text number model: every number in `Input`, in order.
/// Numbers followed by a percent sign belong to its percent model and are
/// not counted here.
fn rt_number_model(path: &Path, suite: &'static str, classes: &[Differs]) -> Tally {
    let mut tally = Tally::new(suite);
    let mut unsupported = (0, 0);
    for (input, expected, not_supported, ignore_resolution) in rt_cases(path) {
        let got: Vec<Decimal> = numbers_with_lower_bounds(&input)
            .into_iter()
            .filter(|(n, _)| !input[n.end..].starts_with(['%', '％']))
            .map(|(_, v)| v)
            .collect();
        let pass = if ignore_resolution { got.len() == expected.len() } else { same_list(&got, &expected) };
        if not_supported {
            unsupported.0 += pass as usize;
            unsupported.1 += 1;
        }
        tally.record(&input, classify(classes, &input), pass, || format!("got {got:?}, expected {expected:?}"));
    }
    println!("   ({suite}: cases the peer marks NotSupported: {}/{} pass)", unsupported.0, unsupported.1);
    tally
}

/// Recognizers-Text percent model: numbers written as percents, by a prefix
/// form (`百分之`), a percent unit of the packs (`%`, `成`, `percent`), or
/// percentage points, which the peer counts as percents.
fn rt_percent_model(path: &Path, suite: &'static str, classes: &[Differs]) -> Tally {
    let percent_units: Vec<(String, Decimal)> = packs()
        .packs
        .iter()
        .flat_map(|p| p.spec.units.iter())
        .filter(|u| ["%", "‰", "个百分点", "percentage points"].contains(&u.unit.as_str()))
        .flat_map(|u| {
            let factor = if u.unit == "‰" { Decimal::new(1, 1) } else { u.scale.unwrap_or(Decimal::ONE) };
            u.words.iter().map(move |w| (w.clone(), factor))
        })
        .collect();
    let mut tally = Tally::new(suite);
    for (input, expected, _, _) in rt_cases(path) {
        let mut got = Vec::new();
        for n in packs().numerals.scan(&input) {
            match n.form {
                NumberForm::Percent => got.push(n.value),
                NumberForm::PerMille => got.push(n.value / Decimal::TEN),
                NumberForm::Plain | NumberForm::Fraction => {
                    let at = skip_spaces(&input, n.end);
                    let unit = percent_units
                        .iter()
                        .filter(|(w, _)| input[at..].to_lowercase().starts_with(w.as_str()))
                        .max_by_key(|(w, _)| w.len());
                    if let Some((_, factor)) = unit {
                        got.push(n.value * factor);
                    }
                }
            }
        }
        let pass = same_list(&got, &expected);
        tally.record(&input, classify(classes, &input), pass, || format!("got {got:?}, expected {expected:?}"));
    }
    tally
}

/// A whole-string numeral: exactly one expression, with the value.
fn whole_numeral(text: &str) -> Option<Decimal> {
    let found = packs().numerals.scan(text);
    match found.as_slice() {
        [one] => Some(one.value),
        _ => None,
    }
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn recognizers_text_zh_number_model() {
    let Some(dir) = corpus() else { return };
    let classes = [
        differs("dozens", "打 (a dozen) is a unit the figure layer reads, not part of the number", "打"),
        differs("powers", "2^5 does not occur in press releases (2e5 is read)", r"\^"),
        differs("slash fractions", "3/5 is more often a date or a ratio than a fraction", r"[/／]"),
        differs("半", "半 (half) is read by no figure we check", "半"),
        differs("leading decimal point", ".5 is read from 5: a lone point is punctuation", r"(^|[^0-9０-９])[.．]\d"),
        differs(
            "numbers before currency",
            "the peer drops 一 in 一美元; the reader keeps every numeral and the figure layer decides",
            "美元|美刀|折扣一折",
        ),
        differs("URLs", "numbers in URLs are excluded by the figure layer, not the reader", "https?://"),
        differs(
            "dotted numbers",
            "2222.2222.22222: IP addresses, versions and section numbers are codes, not numbers: none is read",
            r"\d\.\d+\.\d",
        ),
    ];
    let tally = rt_number_model(
        &dir.join("recognizers-text/zh/Number_NumberModel.json"),
        "Recognizers-Text zh NumberModel",
        &classes,
    );
    tally.report(90.5, 98.5);
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn recognizers_text_zh_percent_model() {
    let Some(dir) = corpus() else { return };
    let classes = [
        differs("discounts", "折 (discount: 七五折 = 75%) is a price, not a percent figure", "折"),
        differs("半", "半 (half) is read by no figure we check", "半"),
        differs("spaced-out words", "百 分 之 with spaces inside one word", r"百\s+分|个\s+百|百\s+分|分\s+点|分\s+之"),
        differs(
            "traditional 個百分點",
            "the reader reads the number; 個百分點 is missing from the zh pack's units, which are not the reader's",
            "個百分點",
        ),
        differs("URLs", "numbers in URLs are excluded by the figure layer, not the reader", "https?://"),
        differs(
            "万分之 and smaller",
            "parts per ten thousand or million have no unit in the packs",
            "万分之|萬分之|百万分之|千万分之",
        ),
    ];
    let tally = rt_percent_model(
        &dir.join("recognizers-text/zh/Number_PercentModel.json"),
        "Recognizers-Text zh PercentModel",
        &classes,
    );
    tally.report(55.0, 93.5);
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn recognizers_text_en_number_model() {
    let Some(dir) = corpus() else { return };
    let classes = [
        differs(
            "fractions and ordinals in words",
            "two thirds, a half, first: ordinals are not figures; spelled-out fractions are rare in releases",
            r"(?i)\b(half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|ninths?|tenths?|thirtieth|hundredths?|thousandths?|millionths?|trillionths?|firsts?|twenty-first|twenty-fifth)\b|[⅔¾⅙½]",
        ),
        differs(
            "ratios in words",
            "`one over three`, `1 in 21`, `8 in 5`: the peer reads ratios, the reader reads each number",
            r"(?i)\w (over|out of|in) \w",
        ),
        differs(
            "digits attached to letters",
            "180ml, 29km, 4th: the reader reads the digits, the figure layer the unit or ordinal after them",
            r"\d(ml|km|th)\b",
        ),
        differs("URLs", "numbers in URLs are excluded by the figure layer, not the reader", "https?://"),
        differs(
            "dotted numbers",
            "192.168.1.2: IP addresses, versions and section numbers are codes, not numbers: none is read",
            r"\d\.\d+\.\d",
        ),
        differs("slash fractions", "3/5 is more often a date or a ratio than a fraction", r"\d\s*/\s*\d"),
        differs("dozens", "a dozen is a unit the figure layer reads, not part of the number", r"(?i)doz|dzs"),
        differs("powers", "2^5 and 1.3x10^6 do not occur in press releases (2e5 is read)", r"\d\s*(\^|x10)"),
        differs("lakh and crore", "Indian scale words are not in the en pack", r"(?i)lakh|crore|\d,\d\d,\d"),
        differs(
            "spaced or unknown abbreviations",
            "`5 m` is five metres: abbreviations count only attached (3.1bn); G, bln, tln, mil are not in the pack",
            r"(?i)\d\s+(k|m|g|bln|tln)\b|\d(g|mil|bln|tln)\b|\d\s+hundred",
        ),
        differs(
            "space as thousands separator",
            "a plain space between digit groups is ambiguous with lists; thin spaces are read",
            r"\d \d\d\d",
        ),
        differs("decimal comma", "a comma is a thousands separator only", r"\d,\d\d?\b|\d\.\d\d\d,"),
        differs("leading decimal point", ".5 is read from 5: a lone point is punctuation", r"(^|[^0-9])\.\d"),
        differs(
            "pronoun one",
            "the reader reads every number word; the figure layer drops small words without a unit",
            r"(?i)\b(the|this|which|that|last) one\b|\b1m isn't",
        ),
    ];
    let tally = rt_number_model(
        &dir.join("recognizers-text/en/Number_NumberModel.json"),
        "Recognizers-Text en NumberModel",
        &classes,
    );
    tally.report(38.0, 96.5);
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn recognizers_text_en_percent_model() {
    let Some(dir) = corpus() else { return };
    let classes = [
        differs(
            "percent before the number",
            "`percent of 10` is not how releases write percents",
            r"(?i)^\s*per\s*cents? of",
        ),
        differs("URLs", "numbers in URLs are excluded by the figure layer, not the reader", "https?://"),
        differs(
            "percent without a number",
            "`a small percent` has no number for the reader to read",
            r"(?i)small percent|the % of|a percentage",
        ),
    ];
    let tally = rt_percent_model(
        &dir.join("recognizers-text/en/Number_PercentModel.json"),
        "Recognizers-Text en PercentModel",
        &classes,
    );
    tally.report(54.5, 99.0);
}

/// cn2an: each text of the `strict`, `normal`, `smart` and `direct` maps is
/// one numeral with that value (`direct` gives digit strings such as "01",
/// compared by value). The `error_*` lists must not read as one numeral of
/// the whole text; cn2an validates, we extract, so those are only reported.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn cn2an_cases() {
    let Some(dir) = corpus() else { return };
    let cases = load(&dir.join("cn2an/cn2an_cases.json"));
    let classes = [differs(
        "money units",
        "元 角 分 are units the figure layer reads: 壹拾壹元壹角 is two numbers to the reader",
        "[角分]",
    )];
    let mut tally = Tally::new("cn2an cn2an_cases");
    for mode in ["strict", "normal", "smart", "direct"] {
        for (text, value) in cases[mode].as_object().expect("a map of cases") {
            let expected = parse_value(value);
            let got = whole_numeral(text);
            let pass = matches!((got, expected), (Some(g), Some(e)) if same(g, e));
            tally
                .record(text, classify(&classes, text), pass, || format!("{mode}: got {got:?}, expected {expected:?}"));
        }
    }
    let mut rejected = (0, 0);
    for mode in ["error_strict", "error_normal", "error_smart"] {
        for text in cases[mode].as_array().expect("a list of cases").iter().filter_map(Value::as_str) {
            let whole = packs().numerals.scan(text);
            let reads_whole = matches!(whole.as_slice(), [one] if one.start == 0 && one.end == text.len());
            rejected.0 += !reads_whole as usize;
            rejected.1 += 1;
        }
    }
    println!("   (cn2an error lists: {}/{} not read as one whole numeral)", rejected.0, rejected.1);
    tally.report(96.0, 99.0);
}

/// duckling: each example text is one numeral with that value.
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn duckling_numeral_zh() {
    let Some(dir) = corpus() else { return };
    let cases = load(&dir.join("duckling/numeral_zh.json"));
    let classes = [
        differs("pairs and dozens", "對 雙 (pair) and 打 (dozen) are units the figure layer reads", "[對雙对双打]"),
        differs("半", "半 (half) is read by no figure we check", "半"),
        differs("份 and 又 fractions", "十份十一, 一又十分一: colloquial fractions", "份|又"),
        differs("leading decimal point", ".77 is read from 77: a lone point is punctuation", r"(^|[^0-9])\.\d"),
        differs("giga", "G is not in the en pack's abbreviations", "G"),
    ];
    let mut tally = Tally::new("duckling numeral_zh");
    for case in cases["examples"].as_array().expect("a list of examples") {
        let text = case["text"].as_str().unwrap_or_default();
        let expected = parse_value(&case["value"]);
        let got = whole_numeral(text);
        let pass = matches!((got, expected), (Some(g), Some(e)) if same(g, e));
        tally.record(text, classify(&classes, text), pass, || format!("got {got:?}, expected {expected:?}"));
    }
    tally.report(83.5, 97.0);
}
