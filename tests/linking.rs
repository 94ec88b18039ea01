//! Linking over the seed (../shared/seeds): every measure two or more sources
//! repeat is linked, and measures that merely look alike are not
//! (DESIGN.md, "Linking, worked through the seed").

mod common;

use crosscheck::graph::{MeasureKey, Release};
use crosscheck::{Document, Packs};

fn seed() -> Option<Release> {
    let path = common::shared("seeds/000_031c26d2ead0ae95.txt")?;
    let doc = Document::new("seed.txt", common::read(&path));
    Some(Release::analyse(vec![doc], &Packs::builtin().unwrap()))
}

/// The keys of the mentions written `text`, with their sources, in order.
fn keys_of<'a>(release: &'a Release, text: &str) -> Vec<(&'a MeasureKey, &'a str)> {
    let (text, label) = text.split_once('@').unwrap_or((text, ""));
    release
        .mentions
        .iter()
        .filter(|m| release.text_of(m) == text && m.figure.label.contains(label))
        .map(|m| (&m.key, release.source_title(m)))
        .collect()
}

fn assert_one_measure(release: &Release, text: &str, sources: usize) {
    let keys = keys_of(release, text);
    assert!(keys.len() >= sources, "{text}: {keys:?}");
    let mut distinct_sources: Vec<&str> = keys.iter().map(|(_, s)| *s).collect();
    distinct_sources.sort_unstable();
    distinct_sources.dedup();
    assert!(distinct_sources.len() >= sources, "{text} is stated by {distinct_sources:?}");
    assert!(keys.iter().all(|(k, _)| *k == keys[0].0), "{text} is not one measure: {keys:?}");
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn repeated_measures_are_linked_across_sources() {
    let Some(release) = seed() else { return };
    assert_one_measure(&release, "1829起", 2);
    assert_one_measure(&release, "37起", 3);
    assert_one_measure(&release, "7个@打掉团伙", 3);
    assert_one_measure(&release, "38.91万件", 3);
    assert_one_measure(&release, "7300余起", 3);
    assert_one_measure(&release, "7.7万余人次", 2);
    // 186名 in the lead, 186人 from two speakers: one measure in 人.
    let suspects: Vec<&MeasureKey> =
        ["186名", "186人"].iter().flat_map(|t| keys_of(&release, t)).map(|(k, _)| k).collect();
    assert_eq!(suspects.len(), 3);
    assert!(suspects.iter().all(|k| *k == suspects[0]), "{suspects:?}");
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn the_seven_suspect_counts_are_seven_measures() {
    let Some(release) = seed() else { return };
    let mut keys: Vec<String> =
        release.mentions.iter().filter(|m| m.figure.label == "抓获犯罪嫌疑人").map(|m| m.key.to_string()).collect();
    keys.sort_unstable();
    keys.dedup();
    // 186 (three times), 56 (twice), 231, 181, 370, 50 and 311: a key each.
    assert_eq!(keys.len(), 7, "{keys:#?}");
}

#[test]
#[cfg_attr(no_shared, ignore = "needs ../shared, absent when built (it ships beside the repository, not in it)")]
fn measures_that_merely_look_alike_are_not_linked() {
    let Some(release) = seed() else { return };
    let key = |text: &str| keys_of(&release, text).first().map(|(k, _)| k.to_string()).unwrap();
    assert_ne!(key("7500余起"), key("7300余起"), "screening and resolving disputes");
    assert_ne!(key("3800余人次"), key("1.5万人次"), "two deployments of police");
    let repairs = [key("3100余处"), key("56处"), key("3200余处")];
    assert_ne!(repairs[0], repairs[1]);
    assert_ne!(repairs[0], repairs[2]);
    assert_ne!(repairs[1], repairs[2]);
}
