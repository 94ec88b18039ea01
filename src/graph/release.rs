//! Which documents form one release: the files checked together, whose
//! figures link across files (DESIGN.md, "Releases").
//!
//! Files named together are not one release for that alone: `crosscheck
//! check drafts/*.md` names every draft, a folder holds a year of reports.
//! By default ([`Grouping::Auto`]) files join by evidence: two files that
//! state the same measures (an equal measure description, hence an equal
//! exact key) with agreeing figures, or under one headline, are parts of one
//! release, and files joined to a common file are one release with it. Two unrelated reports
//! share measures too (`地区生产总值增长`, `the unemployment rate`), but with
//! other values, or with round targets that coincide (`5%左右`); so each
//! agreement weighs what its figures tell (their significant digits, one
//! fewer for a qualified figure: `38.91万件` weighs 4, `2%左右` nothing), each
//! disagreement costs, and a pair joins only when its agreements outweigh
//! its disagreements by a margin. A release with a figure changed by
//! mistake keeps the other figures it repeats, so it stays one release and
//! the changed figure is reported.
//!
//! The evidence is found in time linear in the number of figures: figures
//! are blocked by exact key, a key stated in more than [`MAX_FILES_PER_KEY`]
//! files is a generic label and says nothing, and each file's figures of
//! one key are compared through at most [`MAX_PER_FILE`] of them.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::key::{Head, MeasureKey};
use crate::extract::Figure;

/// How the files of one run are grouped into releases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    /// By evidence: files that state the same measures with agreeing
    /// figures are one release; other files are releases of their own.
    #[default]
    Auto,
    /// Every file is part of one release.
    Together,
    /// Every file is a release of its own.
    Each,
}

impl Grouping {
    /// The name the CLI and the config use (`auto`, `together`, `each`).
    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Auto => "auto",
            Grouping::Together => "together",
            Grouping::Each => "each",
        }
    }
}

/// A key stated in more files than this is a generic label: it is no
/// evidence that the files belong together (and comparing every pair of
/// its files would be quadratic in the number of files).
pub const MAX_FILES_PER_KEY: usize = 16;

/// A file's figures of one key compared with another file's: at most this many.
pub const MAX_PER_FILE: usize = 8;

/// What two files' agreements must score to join them, with none against
/// them. An agreement scores its weight and one more for being a measure
/// stated alike, when its weight is not nothing: `7300余起` and `8起` (1 + 1
/// each) join, as does `38.91万件` alone (4 + 1); `280万人` alone (2 + 1), a
/// target one report sets and the next reports met, does not.
const MIN_EVIDENCE: u32 = 4;

/// What each measure the two files state with values that do not intersect
/// adds to the weight needed: unrelated reports disagree on some shared
/// measures, while one release split into files disagrees only where a
/// figure is wrong, and then agrees on the others. Measured on the corpus
/// of unrelated reports (../shared/corpus, all in one call): the most any
/// pair scores is 4 against 1 disagreement and 10 against 5; a release cut
/// in two files that repeat three figures, one changed, scores 7 against 1.
const DISAGREEMENT_COST: u32 = 3;

/// What a headline two files share scores: half what joining needs, so a
/// shared first line joins only with a figure stated alike. Alone it is not
/// enough: every White House briefing of the corpus opens with `James S.
/// Brady Press Briefing Room`.
const HEADLINE_SCORE: u32 = MIN_EVIDENCE / 2;

/// A headline shorter than this (in characters) is generic: `政府工作报告`,
/// `各位代表：`, `Statement`.
const MIN_HEADLINE_CHARS: usize = 8;

/// A headline longer than this is a paragraph, not a title.
const MAX_HEADLINE_CHARS: usize = 120;

/// A document's headline: its first line of prose with Markdown heading and
/// emphasis marks dropped and spaces collapsed, when it reads as a title (of
/// [`MIN_HEADLINE_CHARS`] to [`MAX_HEADLINE_CHARS`] characters, not a
/// speaker's turn or an address ending in a colon).
pub fn headline(prose: &str) -> Option<String> {
    let line = prose.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.len() > MAX_HEADLINE_CHARS * 4 {
        return None; // a paragraph; not worth collecting
    }
    let line = line.trim_start_matches('#').trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let title = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = title.chars().count();
    let address = title.ends_with(':') || title.ends_with('：');
    (!address && (MIN_HEADLINE_CHARS..=MAX_HEADLINE_CHARS).contains(&chars)).then_some(title)
}

/// One figure as evidence: its file, its exact key, the figure.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub doc: usize,
    pub key: &'a MeasureKey,
    pub figure: &'a Figure,
}

/// The releases of the documents whose [`headline`]s are `headlines`, each
/// its documents in order, the releases in the order of their first
/// document. `evidence` holds every linkable figure with its exact key
/// (figures whose dependent label found no head are left out by the caller).
pub fn group(headlines: &[Option<String>], evidence: &[Evidence<'_>], grouping: Grouping) -> Vec<Vec<usize>> {
    let docs = headlines.len();
    match grouping {
        Grouping::Together if docs > 0 => vec![(0..docs).collect()],
        Grouping::Together => Vec::new(),
        Grouping::Each => (0..docs).map(|d| vec![d]).collect(),
        Grouping::Auto => by_evidence(headlines, evidence),
    }
}

/// What two files' shared measures say: the score of their agreements and
/// the number of measures they disagree on.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    weight: u32,
    disagreements: u32,
}

impl Tally {
    fn joins(self) -> bool {
        self.weight >= MIN_EVIDENCE.saturating_add(DISAGREEMENT_COST.saturating_mul(self.disagreements))
    }
}

fn by_evidence(headlines: &[Option<String>], evidence: &[Evidence<'_>]) -> Vec<Vec<usize>> {
    let docs = headlines.len();
    if docs < 2 {
        return (0..docs).map(|d| vec![d]).collect();
    }
    // Block by exact key; within a key, by file (documents come in order).
    let mut by_key: HashMap<&MeasureKey, Vec<(usize, Vec<&Figure>)>> = HashMap::new();
    for e in evidence {
        if e.key.heads.first() == Some(&Head::Unanchored) {
            continue;
        }
        let files = by_key.entry(e.key).or_default();
        match files.last_mut() {
            Some((doc, figures)) if *doc == e.doc => {
                if figures.len() < MAX_PER_FILE {
                    figures.push(e.figure);
                }
            }
            _ => files.push((e.doc, vec![e.figure])),
        }
    }
    let mut tallies: HashMap<(usize, usize), Tally> = HashMap::new();
    for files in by_key.values() {
        if files.len() < 2 || files.len() > MAX_FILES_PER_KEY {
            continue;
        }
        for (i, (a, in_a)) in files.iter().enumerate() {
            for (b, in_b) in &files[i + 1..] {
                let agreement = in_a
                    .iter()
                    .flat_map(|x| in_b.iter().map(move |y| (x, y)))
                    .filter(|(x, y)| x.interval.intersects(&y.interval))
                    .map(|(x, y)| weight(x).min(weight(y)))
                    .max();
                let tally = tallies.entry(((*a).min(*b), (*a).max(*b))).or_default();
                match agreement {
                    Some(0) => {}
                    Some(w) => tally.weight = tally.weight.saturating_add(w + 1),
                    None => tally.disagreements = tally.disagreements.saturating_add(1),
                }
            }
        }
    }
    // A shared headline (a release and its transcript under one title)
    // scores with the figures. A title many files share is generic.
    let mut by_headline: HashMap<&str, Vec<usize>> = HashMap::new();
    for (doc, headline) in headlines.iter().enumerate() {
        if let Some(headline) = headline {
            by_headline.entry(headline.as_str()).or_default().push(doc);
        }
    }
    for files in by_headline.values().filter(|f| f.len() > 1 && f.len() <= MAX_FILES_PER_KEY) {
        for (i, &a) in files.iter().enumerate() {
            for &b in &files[i + 1..] {
                let tally = tallies.entry((a, b)).or_default();
                tally.weight = tally.weight.saturating_add(HEADLINE_SCORE);
            }
        }
    }
    let mut parent: Vec<usize> = (0..docs).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (&(a, b), tally) in &tallies {
        if tally.joins() {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            // The smaller root wins: the result does not depend on the order.
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut releases: Vec<Vec<usize>> = Vec::new();
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    for doc in 0..docs {
        let r = root(&mut parent, doc);
        let i = *index_of_root.entry(r).or_insert_with(|| {
            releases.push(Vec::new());
            releases.len() - 1
        });
        releases[i].push(doc);
    }
    releases
}

/// What a figure tells as evidence: its significant digits (`38.91万` → 4,
/// `7300` → 2, `5%` → 1), one fewer when it is qualified (`7300余`, `2%左右`):
/// two unrelated documents rarely agree on `186` or `38.91万`, often on `5%`.
fn weight(figure: &Figure) -> u32 {
    significant_digits(figure.value).saturating_sub(u32::from(figure.qualifier.is_some()))
}

fn significant_digits(value: Decimal) -> u32 {
    // `normalize` strips zeros after the point only: 2800000 keeps its six.
    let mut mantissa = value.normalize().mantissa().unsigned_abs();
    while mantissa != 0 && mantissa.is_multiple_of(10) {
        mantissa /= 10;
    }
    let mut digits = 0;
    while mantissa > 0 {
        mantissa /= 10;
        digits += 1;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Interval;

    fn figure(value: &str, qualifier: Option<&str>) -> Figure {
        let value: Decimal = value.parse().unwrap();
        Figure {
            span: 0..1,
            value,
            interval: Interval::exact(value),
            qualifier: qualifier.map(str::to_string),
            unit: None,
            label: String::new(),
            object: String::new(),
            sentence: 0..1,
            pack: 0,
            cell: false,
        }
    }

    fn key(label: &str) -> MeasureKey {
        MeasureKey::new(Vec::new(), None, label, "起")
    }

    #[test]
    fn weight_is_the_significant_digits_less_one_for_a_qualifier() {
        assert_eq!(weight(&figure("389100", None)), 4);
        assert_eq!(weight(&figure("7300", Some("more-than"))), 1);
        assert_eq!(weight(&figure("2", Some("about"))), 0);
        assert_eq!(weight(&figure("97.6", None)), 3);
        assert_eq!(weight(&figure("0.05", None)), 1);
        assert_eq!(weight(&figure("0", None)), 0);
        assert_eq!(weight(&figure("2800000", None)), 2);
    }

    #[test]
    fn files_that_agree_on_telling_figures_join_and_others_stay_apart() {
        let (k1, k2, k3) = (key("破获刑事案件"), key("化解矛盾纠纷"), key("地区生产总值增长"));
        let (a, b, c) = (figure("1829", None), figure("7300", Some("more-than")), figure("5", Some("about")));
        let c2 = figure("6", Some("about"));
        let evidence = [
            Evidence { doc: 0, key: &k1, figure: &a },
            Evidence { doc: 0, key: &k3, figure: &c },
            Evidence { doc: 1, key: &k1, figure: &a },
            Evidence { doc: 2, key: &k2, figure: &b },
            Evidence { doc: 2, key: &k3, figure: &c2 },
            Evidence { doc: 3, key: &k3, figure: &c },
        ];
        // 0 and 1 agree on 1829 (weight 4); 2 disagrees with 0 on 5% vs 6%;
        // 3 agrees with 0 on `5%左右` only, which weighs nothing.
        assert_eq!(group(&[None, None, None, None], &evidence, Grouping::Auto), vec![vec![0, 1], vec![2], vec![3]]);
        assert_eq!(group(&[None, None, None, None], &evidence, Grouping::Together), vec![vec![0, 1, 2, 3]]);
        assert_eq!(
            group(&[None, None, None, None], &evidence, Grouping::Each),
            vec![vec![0], vec![1], vec![2], vec![3]]
        );
        assert!(group(&[], &evidence[..0], Grouping::Together).is_empty());
    }

    #[test]
    fn one_round_figure_alike_is_no_release() {
        // A target one report sets (`280万人`) and the next reports met.
        let (k1, k2) = (key("易地扶贫搬迁"), key("网络贩枪案件"));
        let (round, small) = (figure("2800000", None), figure("8", None));
        let seven = figure("7300", Some("more-than"));
        let one = [Evidence { doc: 0, key: &k1, figure: &round }, Evidence { doc: 1, key: &k1, figure: &round }];
        assert_eq!(group(&[None, None], &one, Grouping::Auto).len(), 2);
        // Two specific measures alike, of some digits each, are.
        let two = [
            Evidence { doc: 0, key: &k1, figure: &seven },
            Evidence { doc: 0, key: &k2, figure: &small },
            Evidence { doc: 1, key: &k1, figure: &seven },
            Evidence { doc: 1, key: &k2, figure: &small },
        ];
        assert_eq!(group(&[None, None], &two, Grouping::Auto), vec![vec![0, 1]]);
    }

    #[test]
    fn a_disagreement_is_outweighed_only_by_more_agreements() {
        let keys: Vec<MeasureKey> = (0..4).map(|i| key(&format!("measure{i}"))).collect();
        let same = figure("1829", None);
        let other = figure("1892", None);
        // One agreement (4 + 1) against one disagreement: needs 4 + 3.
        let evidence = [
            Evidence { doc: 0, key: &keys[0], figure: &same },
            Evidence { doc: 1, key: &keys[0], figure: &same },
            Evidence { doc: 0, key: &keys[1], figure: &same },
            Evidence { doc: 1, key: &keys[1], figure: &other },
        ];
        assert_eq!(group(&[None, None], &evidence, Grouping::Auto).len(), 2);
        // Two agreements (10) against it: one release, the changed figure reported later.
        let mut more = evidence.to_vec();
        more.push(Evidence { doc: 0, key: &keys[2], figure: &same });
        more.push(Evidence { doc: 1, key: &keys[2], figure: &same });
        assert_eq!(group(&[None, None], &more, Grouping::Auto), vec![vec![0, 1]]);
    }

    #[test]
    fn joining_is_transitive_and_in_document_order() {
        let (k1, k2) = (key("a measure"), key("another"));
        let x = figure("1829", None);
        let evidence = [
            Evidence { doc: 0, key: &k1, figure: &x },
            Evidence { doc: 1, key: &k2, figure: &x },
            Evidence { doc: 2, key: &k1, figure: &x },
            Evidence { doc: 2, key: &k2, figure: &x },
        ];
        assert_eq!(group(&[None, None, None], &evidence, Grouping::Auto), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_shared_title_joins_with_a_figure_alike_and_never_against_the_figures() {
        let title = headline("## 海州市公安局通报夏季治安整治“百日行动”阶段成效\n正文。").unwrap();
        assert_eq!(title, "海州市公安局通报夏季治安整治“百日行动”阶段成效");
        assert_eq!(
            headline("\n\n  **Remarks by the Secretary on the Jobs Report**  \n"),
            Some("Remarks by the Secretary on the Jobs Report".into())
        );
        // Generic titles and addresses are no headline.
        assert_eq!(headline("政府工作报告\n"), None);
        assert_eq!(headline("各位代表：\n"), None);
        assert_eq!(headline("Ladies and gentlemen of the press:\n"), None);
        assert_eq!(headline(""), None);
        let titled = [Some(title.clone()), Some(title.clone()), None];
        // A first line alone is not enough (a briefing room's name opens every briefing).
        assert_eq!(group(&titled, &[], Grouping::Auto).len(), 3);
        // With one small figure alike (1 + 1), which alone is not enough either, it is.
        let (k, small) = (key("网络贩枪案件"), figure("8", None));
        let alike = [Evidence { doc: 0, key: &k, figure: &small }, Evidence { doc: 1, key: &k, figure: &small }];
        assert_eq!(group(&titled, &alike, Grouping::Auto), vec![vec![0, 1], vec![2]]);
        assert_eq!(group(&[None, None, None], &alike, Grouping::Auto).len(), 3);
        // One title, but a measure stated with two values and nothing else alike.
        let k = key("破获刑事案件");
        let (a, b) = (figure("1829", None), figure("2466", None));
        let evidence = [Evidence { doc: 0, key: &k, figure: &a }, Evidence { doc: 1, key: &k, figure: &b }];
        assert_eq!(group(&titled, &evidence, Grouping::Auto).len(), 3);
    }
}
