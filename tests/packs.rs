//! The built-in checks run from the packs' data: change a pack entry and the
//! behaviour follows, with no code changed.

use crosscheck::config::Level;
use crosscheck::lexicon::pack::{Pack, Packs, BUILTIN};
use crosscheck::{Document, Report};

fn packs_with(edit: impl FnOnce(&mut Pack)) -> Packs {
    let mut zh = Packs::parse("zh", BUILTIN[0].1).unwrap();
    edit(&mut zh);
    let en = Packs::parse("en", BUILTIN[1].1).unwrap();
    Packs::from_packs(vec![zh, en]).unwrap()
}

fn check(text: &str, packs: &Packs) -> Report {
    crosscheck::check(vec![Document::new("release.txt", text)], packs)
}

const RELEASE: &str =
    "导语：全市共化解矛盾纠纷7300余起。\n总体情况——市公安局副局长李明\n全市共化解矛盾纠纷7500余起。\n";

#[test]
fn a_qualifier_word_is_pack_data() {
    let default = crosscheck::extract::extract_figures("化解7300余起", &Packs::builtin().unwrap());
    assert_eq!(default[0].interval.to_string(), "(7300, 7400)");
    let without = packs_with(|p| p.qualifiers.iter_mut().for_each(|q| q.after.retain(|w| w != "余")));
    let figures = crosscheck::extract::extract_figures("化解7300余起", &without);
    assert!(figures.iter().all(|f| f.interval.to_string() != "(7300, 7400)"), "{figures:?}");
}

#[test]
fn a_checks_severity_is_pack_data() {
    let report = check(RELEASE, &Packs::builtin().unwrap());
    assert_eq!(report.findings()[0].severity.as_str(), "error");
    let milder = packs_with(|p| {
        p.checks.insert("figure-mismatch".into(), Level::Warning);
    });
    assert_eq!(check(RELEASE, &milder).findings()[0].severity.as_str(), "warning");
    let off = packs_with(|p| {
        p.checks.insert("figure-mismatch".into(), Level::Off);
    });
    assert!(check(RELEASE, &off).findings().is_empty());
}

#[test]
fn a_dependent_label_is_pack_data() {
    // With 化解矛盾纠纷 a dependent, each figure takes its own sentence's topic
    // as its head: the two no longer link, and nothing is reported.
    let packs = packs_with(|p| p.linking.dependents.push("化解矛盾纠纷".into()));
    assert!(check(RELEASE, &packs).findings().is_empty());
}

#[test]
fn a_unit_equivalence_is_pack_data() {
    let text = "导语：共查处违法行为120起。\n总体情况——市公安局副局长李明\n共查处违法行为150件。\n";
    assert!(check(text, &Packs::builtin().unwrap()).findings().is_empty(), "起 and 件 are apart by default");
    let one_unit = packs_with(|p| {
        for unit in &mut p.units {
            if unit.unit == "件" {
                unit.unit = "起".into();
            }
        }
    });
    assert_eq!(check(text, &one_unit).findings().len(), 1, "起 and 件 made one unit link the two");
}

#[test]
fn a_unit_may_carry_a_qualifier_the_pack_defines() {
    let figures = crosscheck::extract::extract_figures("历时八个多月", &Packs::builtin().unwrap());
    assert_eq!((figures[0].interval.to_string(), figures[0].unit.as_deref()), ("(8, 9)".into(), Some("个月")));
    let mut zh = Packs::parse("zh", BUILTIN[0].1).unwrap();
    zh.units.iter_mut().filter(|u| u.qualifier.is_some()).for_each(|u| u.qualifier = Some("several".into()));
    let err = Packs::from_packs(vec![zh]).unwrap_err().to_string();
    assert!(err.contains("qualifier `several`"), "{err}");
}
