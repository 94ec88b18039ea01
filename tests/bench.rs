//! The development bench (../shared/bench): releases of other fields with
//! hand-made gold, scored by the bench's own `score.py` against this build.
//! The floors sit just under the rates measured when they were last raised,
//! so a change that makes crosscheck read, link or check worse on releases
//! it was not written for fails here. Raise them when the rates rise.

#![allow(clippy::print_stdout)]

mod common;

use std::process::Command;

/// The rates of the scorer's SUMMARY line.
#[derive(Debug, Default)]
struct Summary {
    figures: (u32, u32),
    nonfigures_read: u32,
    groups: (u32, u32),
    distinct: (u32, u32),
    clean_errors: u32,
    clean_warnings: u32,
    mutations: (u32, u32),
}

/// `figures 1104/1241 (89.0%), … mutations caught 91/323 (28.2%)` → the pairs.
fn parse(line: &str) -> Summary {
    let pair = |name: &str| -> (u32, u32) {
        let rest = &line[line.find(name).unwrap_or_else(|| panic!("no `{name}` in {line}")) + name.len()..];
        let word = rest.trim_start().split([' ', ',']).next().unwrap_or("");
        let (a, b) = word.split_once('/').unwrap_or((word, "0"));
        (a.parse().unwrap_or_else(|_| panic!("`{name}` in {line}")), b.parse().unwrap_or(0))
    };
    Summary {
        figures: pair("figures "),
        nonfigures_read: pair("non-figures read ").0,
        groups: pair("groups linked "),
        distinct: pair("distinct apart "),
        clean_errors: pair("clean errors ").0,
        clean_warnings: pair("warnings ").0,
        mutations: pair("mutations caught "),
    }
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn the_bench_rates_hold_their_floors() {
    let Some(scorer) = common::shared("bench/score.py") else { return };
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(common::root())
        .output()
        .expect("python3 runs the bench's scorer");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "score.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let table: String = stdout.lines().skip_while(|l| !l.starts_with("release ")).collect::<Vec<_>>().join("\n");
    println!("{table}");
    let line = stdout.lines().find(|l| l.starts_with("SUMMARY")).expect("a SUMMARY line");
    let s = parse(line);
    let rate = |(a, b): (u32, u32)| f64::from(a) / f64::from(b.max(1));
    // Floors: just under the rates of this build (see the closing notes).
    assert!(rate(s.figures) >= FLOOR_FIGURES, "figures right fell: {line}");
    assert!(s.nonfigures_read <= CEILING_NONFIGURES, "more non-figures read: {line}");
    assert!(rate(s.groups) >= FLOOR_GROUPS, "groups linked fell: {line}");
    assert!(rate(s.distinct) >= FLOOR_DISTINCT, "distinct apart fell: {line}");
    // The ceiling may be 0: the comparison still says what it guards.
    #[allow(clippy::absurd_extreme_comparisons)]
    let more_errors = s.clean_errors > CEILING_CLEAN_ERRORS;
    assert!(!more_errors, "more errors on clean releases: {line}");
    assert!(s.clean_warnings <= CEILING_CLEAN_WARNINGS, "more warnings on clean releases: {line}");
    assert!(rate(s.mutations) >= FLOOR_MUTATIONS, "fewer planted errors caught: {line}");
}

// Measured: see the closing note of this stop; the floors sit just under
// its rates (the Chinese readings of tables, datelines, lists, years and a
// sentence's subject; the English reader, with lone nouns naming a table's
// measure and captions naming its rows; table sums; partitions under
// headings, rests, balances, rates by opposites and by the whole their
// numerator's label names; then relations a reader knows in general:
// abbreviated stems, plans, per-head figures, named targets, known partitions,
// English shares named by their noun, margins; labels resolved by agreeing
// values, rounded figures read to their last digit, bases that name their
// measure, English synonyms and subjects; sums one typo would mend, parts of
// 其中 listed after a comma, table change columns, totals named by 总;
// counted nouns that end before an aside, a quantity, a locative or their
// predicate, totals counting what their parts share, ambiguous labels read
// by the one set their value mistypes; English stub headers that title rows,
// headline months, counts named by verb and noun; English periods said once,
// inflation as the change of prices, changes with their verb left out; parts
// side by side read by the total their sum, or one slip, meets; a change's
// value across a semicolon; coverbs, bare verbs and rates under their counts
// read whole: groups 144/175, mutations 289/323; ratios of two counts by their
// nouns, changes in prose against a table's levels by period, a rest after a
// rate stated before, counts named as parts above their whole, wholes named
// short or by a short form; English change columns dated by the table's latest
// period, parts at a place, growth as a change, one-noun table rows named by
// the prose and participles after counted nouns; Chinese dependents by class,
// grades, verbs' volumes and lists that name only their noun: groups
// 153/175, mutations 299/323; with table topics, total and body rows,
// Chinese adverbials, plan results, amount nouns and uncounting verbs,
// English headline blocks, of-phrases, adjustments, averages, prose
// revisions, receipts and combined totals: groups 168/175, mutations
// 303/323).
const FLOOR_FIGURES: f64 = 0.99;
const CEILING_NONFIGURES: u32 = 1;
const FLOOR_GROUPS: f64 = 0.95;
const FLOOR_DISTINCT: f64 = 0.99;
const CEILING_CLEAN_ERRORS: u32 = 0;
const CEILING_CLEAN_WARNINGS: u32 = 1;
const FLOOR_MUTATIONS: f64 = 0.93;

#[test]
fn the_summary_line_is_read_as_the_scorer_writes_it() {
    let s = parse(
        "SUMMARY 27 releases: figures 1104/1241 (89.0%), non-figures read 12/131, groups linked 27/175, \
         distinct apart 194/216, clean errors 28 warnings 0, mutations caught 91/323 (28.2%)",
    );
    assert_eq!(s.figures, (1104, 1241));
    assert_eq!(s.nonfigures_read, 12);
    assert_eq!(s.groups, (27, 175));
    assert_eq!(s.distinct, (194, 216));
    assert_eq!((s.clean_errors, s.clean_warnings), (28, 0));
    assert_eq!(s.mutations, (91, 323));
}
