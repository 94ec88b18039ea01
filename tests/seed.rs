//! The seed press conference (../shared/seeds): every figure read with the
//! right interval and unit, and none of its dates, quoted names or ordinals.
//! The snapshot `snapshots/seed__seed_figures.snap` is the golden list,
//! reviewed by hand line by line.

mod common;

use crosscheck::figure_records;
use crosscheck::{Document, Packs};

const SEED: &str = "seeds/000_031c26d2ead0ae95.txt";

fn seed_records() -> Option<Vec<crosscheck::report::FigureRecord>> {
    let path = common::shared(SEED)?;
    let doc = Document::new("seed.txt", common::read(&path));
    Some(figure_records(vec![doc], &Packs::builtin().unwrap()))
}

fn interval(r: &crosscheck::report::FigureRecord) -> String {
    let low = r.low.as_deref().unwrap_or("-∞");
    let high = r.high.as_deref().unwrap_or("∞");
    if low == high && !r.low_open && !r.high_open {
        return low.to_string();
    }
    format!("{}{low}, {high}{}", if r.low_open { '(' } else { '[' }, if r.high_open { ')' } else { ']' })
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn seed_figures() {
    let Some(records) = seed_records() else { return };
    let lines: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{}:{}\t{}\t{}\t{}\t{}",
                r.line,
                r.column,
                r.text,
                interval(r),
                r.unit.as_deref().unwrap_or("-"),
                r.label
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn seed_intervals_named_in_the_issue() {
    let Some(records) = seed_records() else { return };
    let find = |text: &str| {
        records.iter().find(|r| r.text == text).unwrap_or_else(|| panic!("{text} is not read as a figure"))
    };
    for (text, expected, unit) in [
        ("7300余起", "(7300, 7400)", "起"),
        ("1.9万余艘次", "(19000, 20000)", "艘次"),
        ("38.91万件", "[389050, 389150]", "件"),
        ("4180.74万元", "[41807350, 41807450]", "元"),
        ("186名", "186", "人"),
        ("97.6%", "[97.55, 97.65]", "%"),
        ("1829起", "1829", "起"),
        ("7.7万余人次", "(77000, 78000)", "人次"),
        ("1564万余元", "(15640000, 15650000)", "元"),
        ("66%", "[65.5, 66.5]", "%"),
    ] {
        let r = find(text);
        assert_eq!((interval(r).as_str(), r.unit.as_deref()), (expected, Some(unit)), "{text}");
    }
    assert_eq!(find("4180.74万元").value, "41807400");
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn seed_dates_names_and_ordinals_are_not_figures() {
    let Some(records) = seed_records() else { return };
    let Some(path) = common::shared(SEED) else { return };
    let text = common::read(&path);
    for not_a_figure in [
        "5.25",
        "6.17",
        "8月4日",
        "6月25日",
        "7月31日",
        "二十大",
        "1、3、5",
        "四个不放过",
        "百日行动",
        "百万警进千万家",
        "9月底",
    ] {
        let positions: Vec<usize> = text.match_indices(not_a_figure).map(|(i, _)| i).collect();
        assert!(!positions.is_empty(), "{not_a_figure} is in the seed");
        for pos in positions {
            let end = pos + not_a_figure.len();
            let hit = records.iter().find(|r| r.start < end && pos < r.end);
            assert!(hit.is_none(), "{not_a_figure} at byte {pos} is read as figure {:?}", hit.map(|r| &r.text));
        }
    }
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn seed_labels_carry_the_object_over_an_ellipsis() {
    let Some(records) = seed_records() else { return };
    let screened = records.iter().find(|r| r.text == "7500余起").unwrap();
    let resolved: Vec<_> = records.iter().filter(|r| r.text == "7300余起").collect();
    assert_eq!(screened.label, "排查矛盾纠纷");
    assert_eq!(resolved.len(), 3);
    for r in resolved {
        assert_eq!(r.label, "化解矛盾纠纷", "line {}", r.line);
    }
}
