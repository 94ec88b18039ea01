//! Mutation testing of the checks: one realistic edit at a time to the seed
//! press conference (../shared/seeds) and to the clean fixtures, each checked
//! in-process with `crosscheck::check`. A mutant is caught when at least one
//! error's primary span or labels overlap the edited figure.
//!
//! Kinds, all generated from what crosscheck itself reads in the unmutated
//! document (its mentions, keys and relations), and kept only when the edit
//! really breaks the arithmetic:
//! - `figure`: a digit edit (two neighbours swapped, or one digit +2) of a
//!   mention whose key another mention shares, such that the new interval
//!   meets none of the others (1829→1892, 7300余→7500余, 38.91万→39.81万);
//!   a mention linked by its agreeing values alone is left out, since an
//!   edit unlinks it rather than making it conflict;
//! - `rate`: a stated rate moved by 5 or 10 points off its computed range
//!   (97.6%→92.6%, 66%→76%);
//! - `change`: a stated change moved by 5 or 10 points (29.8%→19.8%), or a
//!   digit edit of its delta or its current count that breaks it;
//! - `part`: a digit put before a part so it exceeds its total (12人→412人);
//! - `share`: a rate made to exceed 100% (97.6%→197.6%);
//! - `whole`: a count of whole things given a half (186人→186.5人).
//!
//! The catch rates are printed (`cargo test --test mutations -- --nocapture`)
//! and held above floors just below the rates measured when this was written,
//! so a regression fails.
#![allow(clippy::print_stdout)]

mod common;

use std::collections::BTreeMap;
use std::ops::Range;

use crosscheck::check::Severity;
use crosscheck::graph::measure::Confidence;
use crosscheck::graph::Relation;
use crosscheck::{Document, Interval, Packs};

const SEED: &str = "seeds/000_031c26d2ead0ae95.txt";

/// One edit of a document: replace `range` with `with`.
#[derive(Debug, Clone)]
struct Mutant {
    kind: &'static str,
    range: Range<usize>,
    with: String,
}

impl Mutant {
    fn apply(&self, text: &str) -> String {
        format!("{}{}{}", &text[..self.range.start], self.with, &text[self.range.end..])
    }

    /// The edited bytes in the mutant.
    fn span(&self) -> Range<usize> {
        self.range.start..self.range.start + self.with.len()
    }
}

/// Checks one document read as the CLI reads it: its format told by its
/// name (a Markdown table is a table, not a line of pipes).
fn check(name: &str, text: &str, packs: &Packs) -> crosscheck::Report {
    crosscheck::check(vec![Document::with_format(name, text)], packs)
}

/// The interval of the figure the mutant's edit starts in, as crosscheck reads
/// it in the mutant (`None` when it is no longer read as a figure there).
fn mutated_interval(report: &crosscheck::Report, at: usize) -> Option<Interval> {
    report.release.mentions.iter().find(|m| m.figure.span.contains(&at)).map(|m| m.figure.interval)
}

/// Byte ranges of the digits in `figure` (ASCII digits only).
fn digits(figure: &str) -> Vec<usize> {
    figure.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect()
}

/// Digit edits of a figure's text: neighbouring digits swapped (across a
/// decimal point or separator, 38.91 → 39.81), and each of the first two
/// digits raised by 2 (7300 → 9300, 7500). No edit gives a leading zero.
fn digit_edits(figure: &str) -> Vec<String> {
    let at = digits(figure);
    let mut out = Vec::new();
    let bytes = figure.as_bytes();
    for w in at.windows(2) {
        let (a, b) = (w[0], w[1]);
        if bytes[a] != bytes[b] && !(a == at[0] && bytes[b] == b'0') {
            let mut v = bytes.to_vec();
            v.swap(a, b);
            out.push(String::from_utf8(v).unwrap());
        }
    }
    for &i in at.iter().take(2) {
        let d = (bytes[i] - b'0' + 2) % 10;
        if i == at[0] && d == 0 {
            continue;
        }
        let mut v = bytes.to_vec();
        v[i] = b'0' + d;
        out.push(String::from_utf8(v).unwrap());
    }
    out.sort();
    out.dedup();
    out
}

/// The number in a figure's text, as a byte range: `97.6` in `化解率达到97.6%`.
fn number_range(figure: &str) -> Option<Range<usize>> {
    let at = digits(figure);
    let (&first, &last) = (at.first()?, at.last()?);
    Some(first..last + 1)
}

/// A percent moved by `by` points, written with the same decimals.
fn moved(number: &str, by: i32) -> Option<String> {
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    let value: f64 = number.parse().ok()?;
    let new = value + f64::from(by);
    (new > 0.0 && new < 100.0).then(|| format!("{new:.decimals$}"))
}

/// Every mutant of one document, of every kind.
fn mutants(name: &str, text: &str, packs: &Packs) -> Vec<Mutant> {
    let report = check(name, text, packs);
    let mentions = &report.release.mentions;
    let figure_text = |m: usize| &text[mentions[m].figure.span.clone()];
    let mut out = Vec::new();
    // An edit of the number inside mention `m`, kept when `keep` holds for the
    // mutant's reading of it.
    let mut edit = |kind: &'static str, m: usize, new_number: &str, keep: &dyn Fn(&Interval) -> bool| {
        let span = &mentions[m].figure.span;
        let Some(number) = number_range(&text[span.clone()]) else { return };
        let mutant =
            Mutant { kind, range: span.start + number.start..span.start + number.end, with: new_number.to_string() };
        let mutated = check(name, &mutant.apply(text), packs);
        if mutated_interval(&mutated, mutant.range.start).is_some_and(|i| keep(&i)) {
            out.push(mutant);
        }
    };
    // The ASCII digits of mention `m` (empty for a figure in Chinese
    // numerals, 两起, which the digit edits leave alone).
    let number_of = |m: usize| {
        let t = figure_text(m);
        number_range(t).map_or_else(String::new, |r| t[r].to_string())
    };

    // figure: a mention of a repeated measure, edited off all the others.
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (m, mention) in mentions.iter().enumerate() {
        if mention.linkable && mention.confidence != Confidence::Agreeing {
            by_key.entry(mention.key.to_string()).or_default().push(m);
        }
    }
    for group in by_key.values().filter(|g| g.len() > 1) {
        for &m in group {
            let others: Vec<Interval> =
                group.iter().filter(|&&o| o != m).map(|&o| mentions[o].figure.interval).collect();
            for new in digit_edits(&number_of(m)) {
                edit("figure", m, &new, &|i| others.iter().all(|o| !o.intersects(i)));
            }
        }
    }

    for relation in &report.release.relations {
        match *relation {
            // Only certain relations raise errors; probable ones warn, and
            // this test counts errors.
            Relation::RateOf { rate, numerator, denominator, complement, certain: true } => {
                let Some(computed) = crosscheck::graph::relate::rate_expected(
                    &mentions[numerator].figure.interval,
                    &mentions[denominator].figure.interval,
                    complement,
                ) else {
                    continue;
                };
                if mentions[rate].figure.unit.as_deref() != Some("%") {
                    continue;
                }
                for by in [-10, -5, 5, 10] {
                    if let Some(new) = moved(&number_of(rate), by) {
                        edit("rate", rate, &new, &|i| !i.intersects(&computed));
                    }
                }
                // share: the rate above 100%.
                edit("share", rate, &format!("1{}", number_of(rate)), &|i| {
                    i.lo().is_some_and(|lo| lo > rust_decimal::Decimal::ONE_HUNDRED)
                });
            }
            Relation::ChangeOf(ref change) if change.certain => {
                let interval = |m: usize| mentions[m].figure.interval;
                // Each figure of the change, edited: caught when an expectation
                // the edit breaks no longer meets its stated figure.
                let members = [change.base, change.current, change.delta, change.percent];
                for m in members.into_iter().flatten() {
                    let edits: Vec<String> = if Some(m) == change.percent {
                        [-10, -5, 5, 10].into_iter().filter_map(|by| moved(&number_of(m), by)).collect()
                    } else {
                        digit_edits(&number_of(m))
                    };
                    for new in edits {
                        edit("change", m, &new, &|i| {
                            let with = |x: usize| if x == m { *i } else { interval(x) };
                            change.expectations(with).iter().any(|e| !e.computed.intersects(&with(e.judged)))
                        });
                    }
                }
            }
            Relation::SumOf { total, ref parts, certain: true } => {
                let interval = |m: usize| mentions[m].figure.interval;
                for &m in parts.iter().chain(std::iter::once(&total)) {
                    for new in digit_edits(&number_of(m)) {
                        edit("sum", m, &new, &|i| {
                            let with = |x: usize| if x == m { *i } else { interval(x) };
                            let sum: Vec<Interval> = parts.iter().map(|&p| with(p)).collect();
                            Interval::sum(&sum).is_some_and(|s| !s.intersects(&with(total)))
                        });
                    }
                }
            }
            Relation::RateOf { .. } | Relation::ChangeOf(_) | Relation::SumOf { .. } => {}
            Relation::PartOf { part, total } => {
                let total = mentions[total].figure.interval;
                for digit in ["4", "9"] {
                    edit(
                        "part",
                        part,
                        &format!("{digit}{}", number_of(part)),
                        &|i| matches!((i.lo(), total.hi()), (Some(lo), Some(hi)) if lo > hi),
                    );
                }
            }
        }
    }

    // whole: a plain whole count (no decimal point, no scale word, not money
    // or a percent) given a half.
    for (m, mention) in mentions.iter().enumerate() {
        let t = figure_text(m);
        let unit = mention.figure.unit.as_deref().unwrap_or("");
        let plain = !t.contains('.') && !t.contains('万') && !t.contains('亿') && !t.contains(['%', '$', '％']);
        if plain
            && !matches!(unit, "%" | "元" | "USD" | "倍" | "个百分点")
            && mention.figure.interval.lo() == mention.figure.interval.hi()
        {
            edit("whole", m, &format!("{}.5", number_of(m)), &|i| i.holds_no_integer());
        }
    }
    out
}

/// True when an error's primary or labels overlap the mutant's edit.
fn caught(report: &crosscheck::Report, span: &Range<usize>) -> bool {
    let overlaps = |s: &Range<usize>| s.start < span.end && span.start < s.end;
    report
        .findings()
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .any(|f| overlaps(&f.primary.span) || f.labels.iter().any(|l| overlaps(&l.span)))
}

/// (kind → (caught, total)) over one document's mutants; misses are listed.
type Tally = BTreeMap<&'static str, (usize, usize)>;

fn run(name: &str, text: &str, packs: &Packs, tally: &mut Tally, misses: &mut Vec<String>) {
    let clean = check(name, text, packs);
    let errors: Vec<_> = clean.findings().iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{name} unmutated has errors (false alarms): {errors:#?}");
    for mutant in mutants(name, text, packs) {
        let mutated = mutant.apply(text);
        let report = check(name, &mutated, packs);
        let hit = caught(&report, &mutant.span());
        let entry = tally.entry(mutant.kind).or_default();
        entry.1 += 1;
        if hit {
            entry.0 += 1;
        } else {
            let line = text[..mutant.range.start].lines().count().max(1);
            misses.push(format!("{name}:{line} {} {} → {}", mutant.kind, &text[mutant.range.clone()], mutant.with));
        }
    }
}

fn rate((caught, total): (usize, usize)) -> f64 {
    if total == 0 {
        return 1.0;
    }
    caught as f64 / total as f64
}

fn print(title: &str, tally: &Tally) -> (usize, usize) {
    let overall = tally.values().fold((0, 0), |(c, t), &(c2, t2)| (c + c2, t + t2));
    println!("{title}:");
    for (kind, &counts) in tally {
        println!("  {kind:<7} {:>4}/{:<4} {:>5.1}%", counts.0, counts.1, 100.0 * rate(counts));
    }
    println!("  overall {:>4}/{:<4} {:>5.1}%", overall.0, overall.1, 100.0 * rate(overall));
    overall
}

/// Asserts the catch rate of each kind, and overall, stays at its floor.
fn assert_floors(title: &str, tally: &Tally, overall: (usize, usize), floors: &[(&str, f64)]) {
    for &(kind, floor) in floors {
        let counts = if kind == "overall" { overall } else { tally.get(kind).copied().unwrap_or((0, 0)) };
        assert!(counts.1 > 0, "{title}: no {kind} mutant was generated");
        assert!(rate(counts) >= floor, "{title}: {kind} caught {}/{} < floor {floor}", counts.0, counts.1);
    }
}

/// Mutates every document (name, text), prints the tally and the misses, and
/// holds `floors`; returns the overall (caught, total).
fn mutate_all(title: &str, docs: &[(&str, String)], floors: &[(&str, f64)]) -> (usize, usize) {
    let packs = Packs::builtin().unwrap();
    let (mut tally, mut misses) = (Tally::new(), Vec::new());
    for (name, text) in docs {
        run(name, text, &packs, &mut tally, &mut misses);
    }
    let overall = print(title, &tally);
    println!("  missed:\n    {}", misses.join("\n    "));
    assert_floors(title, &tally, overall, floors);
    overall
}

fn fixtures(rels: &[&'static str]) -> Vec<(&'static str, String)> {
    rels.iter().map(|rel| (*rel, common::read(&common::fixture(rel)))).collect()
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn mutants_of_the_seed_are_caught() {
    let Some(path) = common::shared(SEED) else { return };
    let overall = mutate_all("seed", &[("seed.txt", common::read(&path))], SEED_FLOORS);
    assert!(overall.1 >= 200, "only {} mutants of the seed", overall.1);
}

#[test]
fn mutants_of_the_chinese_fixtures_are_caught() {
    mutate_all("zh fixtures", &fixtures(&["zh/release/clean.txt", "zh/press-conference-clean.txt"]), ZH_FLOORS);
}

#[test]
fn mutants_of_the_english_fixtures_are_caught() {
    mutate_all("en fixtures", &fixtures(&["en/briefing/clean.md", "en/press-briefing-clean.md"]), EN_FLOORS);
}

/// Figures a reader knows the seed repeats (the lead, 牟爱民, 张辉, 谭宏伟,
/// 刘杰), found by reading it, not by crosscheck's linking: (text around the
/// figure, the figure, its edit). Every occurrence is edited in turn. This
/// measures linking recall, which the generated mutants above cannot (they
/// only edit what crosscheck already links).
const SEED_REPEATS: &[(&str, &str, &str)] = &[
    ("县9个", "9", "6"),
    ("乡镇)22个", "22", "27"),
    ("刑事案件155起", "155", "165"),
    ("矛盾纠纷7300余起", "7300", "7500"),
    ("16800余家次", "16800", "18600"),
    ("整改隐患3100余处", "3100", "3800"),
    ("1.9万余艘次", "1.9", "2.9"),
    ("38.91万件", "38.91", "39.81"),
    ("7.7万余人次", "7.7", "7.2"),
    ("贩枪案件8起", "8", "9"),
    ("养老诈骗案件37起", "37", "47"),
    ("嫌疑人186", "186", "168"),
    ("团伙7个", "7", "9"),
    ("赌博案件34起", "34", "43"),
    ("嫌疑人56", "56", "65"),
    ("刑事案件1829起", "1829", "1892"),
];

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn repeats_a_reader_sees_in_the_seed_are_caught() {
    let Some(path) = common::shared(SEED) else { return };
    let text = common::read(&path);
    let packs = Packs::builtin().unwrap();
    let (mut caught_count, mut total, mut misses) = (0, 0, Vec::new());
    for &(context, figure, edit) in SEED_REPEATS {
        let places: Vec<usize> = text.match_indices(context).map(|(i, _)| i).collect();
        assert!(places.len() >= 2, "{context} is repeated in the seed");
        for at in places {
            let start = at + context.find(figure).unwrap();
            let mutant = Mutant { kind: "repeat", range: start..start + figure.len(), with: edit.to_string() };
            let report = check("seed.txt", &mutant.apply(&text), &packs);
            total += 1;
            if caught(&report, &mutant.span()) {
                caught_count += 1;
            } else {
                let line = text[..start].lines().count();
                misses.push(format!("seed.txt:{line} {context}: {figure} → {edit}"));
            }
        }
    }
    println!("seed repeats found by reading: {caught_count}/{total} caught");
    println!("  missed:\n    {}", misses.join("\n    "));
    // Measured 33/37 when this was written: 9个 and 155起 (lead and 牟爱民) are
    // missed, as their labels differ (挂牌整治重点区县 vs 分类确定挂牌重点区县,
    // 挂牌攻坚刑事案件 vs 挂牌刑事案件).
    assert!(caught_count * 100 >= total * 85, "{caught_count}/{total}");
}

#[test]
fn digit_edits_are_the_slips_people_make() {
    assert!(digit_edits("1829").contains(&"1892".to_string()));
    assert!(digit_edits("7300").contains(&"7500".to_string()));
    assert!(digit_edits("38.91").contains(&"39.81".to_string()));
    assert!(!digit_edits("7300").iter().any(|e| e.starts_with('0')));
    assert_eq!(moved("97.6", -5).as_deref(), Some("92.6"));
    assert_eq!(moved("66", 10).as_deref(), Some("76"));
    assert_eq!(moved("97.6", 5), None);
}

// Floors: just below the rates measured when this was written (seed 222/223,
// Chinese fixtures 200/200, English fixtures 63/71; see the printed report);
// raise them as crosscheck improves. The English `whole` mutants are caught
// only where the count is repeated (by figure-mismatch): the English pack has
// no whole units, so `375 fugitives` → `375.5` alone is missed.
const SEED_FLOORS: &[(&str, f64)] = &[
    ("figure", 0.99),
    ("rate", 0.99),
    ("change", 0.96),
    ("part", 0.99),
    ("share", 0.99),
    ("whole", 0.97),
    ("overall", 0.99),
];
const ZH_FLOORS: &[(&str, f64)] = &[
    ("figure", 0.99),
    ("rate", 0.99),
    ("change", 0.96),
    ("part", 0.99),
    ("share", 0.99),
    ("whole", 0.97),
    ("overall", 0.99),
];
const EN_FLOORS: &[(&str, f64)] =
    &[("figure", 0.99), ("rate", 0.99), ("change", 0.99), ("share", 0.99), ("whole", 0.45), ("overall", 0.85)];

/// A typo in the leading digit of `figure` (`236.5` → `436.5`), or `None`
/// when it has no ASCII digit to change.
fn leading_digit_typo(figure: &str) -> Option<(usize, String)> {
    let (at, digit) = figure.char_indices().find(|(_, c)| c.is_ascii_digit())?;
    let old = digit.to_digit(10)?;
    let new = if old >= 8 { old - 2 } else { old + 2 };
    let new = if new == 0 { 3 } else { new };
    Some((at, char::from_digit(new, 10)?.to_string()))
}

/// The releases of the development bench (../shared/bench) with their gold:
/// for every group of figures the gold says state one measure, each member's
/// leading digit is changed in turn. A link crosscheck misses shows here as a
/// missed mutant, which the generated mutants above cannot show (they only
/// edit what crosscheck already links).
#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn repeats_the_bench_gold_names_are_caught() {
    let Some(bench) = common::shared("bench") else { return };
    let packs = Packs::builtin().unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(&bench).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for gold_path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let stem = gold_path.file_stem().unwrap().to_string_lossy().to_string();
        let Some(doc) = entries.iter().find(|p| {
            p.file_stem().is_some_and(|s| s.to_string_lossy() == stem) && p.extension().is_some_and(|e| e != "json")
        }) else {
            continue;
        };
        let text = common::read(doc);
        let gold: serde_json::Value = serde_json::from_str(&common::read(gold_path)).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().to_string();
        let lines: Vec<&str> = text.split('\n').collect();
        // Byte offset of `figure` inside the unique `context` on 1-based `line`.
        let locate = |line: usize, context: &str, figure: &str| -> Option<usize> {
            let start: usize = lines[..line - 1].iter().map(|l| l.len() + 1).sum();
            let at = lines[line - 1].find(context)?;
            Some(start + at + context.find(figure)?)
        };
        let language = if stem.starts_with("zh") { "zh" } else { "en" };
        for group in gold["groups"].as_array().unwrap() {
            for member in group.as_array().unwrap() {
                let f = &gold["figures"][member.as_str().unwrap()];
                let (line, context, figure) =
                    (f[0].as_u64().unwrap() as usize, f[1].as_str().unwrap(), f[2].as_str().unwrap());
                let (Some(start), Some((digit, with))) = (locate(line, context, figure), leading_digit_typo(figure))
                else {
                    continue;
                };
                let at = start + digit;
                let mutant = Mutant { kind: "repeat", range: at..at + 1, with };
                let report = check(&name, &mutant.apply(&text), &packs);
                let entry = tally.entry(language.to_string()).or_default();
                entry.1 += 1;
                if caught(&report, &mutant.span()) {
                    entry.0 += 1;
                } else {
                    misses.push(format!("{name}:{line} {figure} ({})", member.as_str().unwrap()));
                }
            }
        }
    }
    for (language, &counts) in &tally {
        println!("bench repeats ({language}): {}/{} caught ({:.1}%)", counts.0, counts.1, 100.0 * rate(counts));
    }
    println!("  missed:\n    {}", misses.join("\n    "));
    for (language, floor) in BENCH_REPEAT_FLOORS {
        let counts = tally.get(*language).copied().unwrap_or((0, 0));
        assert!(counts.1 > 0, "no {language} bench repeat was mutated");
        assert!(rate(counts) >= *floor, "bench repeats ({language}): {}/{} < floor {floor}", counts.0, counts.1);
    }
}

/// Floors just under the rates measured when the bench's repeats were first
/// mutated (zh 166/269, en 24/121; with the English reader zh 169/269, en
/// 43/121; with its one-word counts and the Chinese subjects zh 175/269, en
/// 51/121; with values that resolve ambiguous labels, named bases, verb chains,
/// spread changes and the relations and English readings after them zh 188/269,
/// en 63/121; with counted nouns that end before asides, quantities, locatives
/// and predicates, totals that count what their parts share, and English stub
/// headers, headline months and counts named by verb and noun zh 202/269, en
/// 70/121; with English periods said once, inflation as the change of prices
/// and changes with their verb left out en 79/121; with coverbs, bare verbs,
/// rates under their counts and parallel clauses read whole, and relations
/// across semicolons, zh 208/269, en 81/121; with Chinese dependents by class,
/// grades, verbs' volumes and lists naming only their noun, English change
/// columns by period, parts at a place, growth as a change and one-noun rows,
/// and ratios and changes against tables, zh 213/269, en 88/121; read with
/// their format from their names, as the CLI and the scorer read them, so
/// that Markdown tables are tables, with total rows and body rows read as
/// measures, zh 244/269, en 107/121; with Chinese adverbials, plan results
/// and amount nouns, English headline blocks, revisions, receipts and
/// combined totals zh 248/269, en 112/121); raise them as linking improves.
const BENCH_REPEAT_FLOORS: &[(&str, f64)] = &[("zh", 0.91), ("en", 0.91)];
