//! The fact graph: sources, figures and measures, and how they relate.
//!
//! Stage 4 of the pipeline. Input: documents and packs. Output: a
//! [`Release`] (every figure placed in its document and source, with its
//! measure key) and its [`FactGraph`] on petgraph, with `states`, `measures`,
//! `part_of`, `rate_of` and `change_of` edges. Every check walks the graph.

pub mod key;
pub mod link;
pub mod measure;
pub mod relate;
pub mod release;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use crate::extract::{extract, Extracted};
use crate::lexicon::Packs;
use crate::load::Document;
use crate::segment::Sources;
use crate::span::Layout;

pub use key::{Head, MeasureKey};
pub use link::Mention;
pub use relate::{Change, Relation};
pub use release::Grouping;

/// Everything read from the documents of one run: documents, sources and
/// placed figures, and which documents form each release (the files whose
/// figures link to each other; see [`release`]).
#[derive(Debug, Clone)]
pub struct Release {
    pub docs: Vec<Document>,
    pub sources: Sources,
    /// Every figure, in document order then text order.
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
    /// The releases: each its documents in order, in the order of their
    /// first document. Figures link only within their release.
    pub releases: Vec<Vec<usize>>,
    /// The release of each document (an index into `releases`).
    pub release_of: Vec<usize>,
}

impl Release {
    /// Reads, segments and links `docs`, grouped into releases by evidence
    /// ([`Grouping::Auto`]).
    pub fn analyse(docs: Vec<Document>, packs: &Packs) -> Release {
        Release::analyse_grouped(docs, packs, Grouping::Auto)
    }

    /// Reads, segments and links `docs`, grouped into releases as `grouping` says.
    pub fn analyse_grouped(docs: Vec<Document>, packs: &Packs, grouping: Grouping) -> Release {
        // The text as the reader sees it, markup blanked: made once per document.
        let prose: Vec<std::borrow::Cow<'_, str>> = docs.iter().map(Document::prose).collect();
        let sources = Sources::segment_prose(&docs, &prose, packs);
        let mut mentions = Vec::new();
        let mut descriptions = Vec::new();
        let mut per_doc = Vec::with_capacity(prose.len());
        for (doc_index, prose) in prose.iter().enumerate() {
            let Extracted { figures, clauses } = extract(prose, packs);
            let layout = Layout::new(prose);
            descriptions.extend(measure::describe(prose, &figures, packs, &layout, &clauses));
            let paragraphs: Vec<_> = figures
                .iter()
                .map(|f| link::paragraph(&layout, f.span.start, packs.packs[f.pack].spec.labels.paragraphs))
                .collect();
            per_doc.push((doc_index, figures, clauses, paragraphs));
        }
        let paragraphs: Vec<(usize, usize)> = per_doc
            .iter()
            .flat_map(|(doc, _, _, paragraphs)| paragraphs.iter().map(move |p| (*doc, p.start)))
            .collect();
        // The releases, from the figures' own (exact) keys.
        let exact_keys: Vec<MeasureKey> = descriptions.iter().map(measure::Description::key).collect();
        let releases = {
            let evidence: Vec<release::Evidence<'_>> = per_doc
                .iter()
                .flat_map(|(doc, figures, _, _)| figures.iter().map(move |f| (*doc, f)))
                .zip(descriptions.iter().zip(&exact_keys))
                .filter(|(_, (d, _))| d.anchored)
                .map(|((doc, figure), (_, key))| release::Evidence { doc, key, figure })
                .collect();
            let headlines: Vec<Option<String>> = match grouping {
                Grouping::Auto => prose.iter().map(|p| release::headline(p)).collect(),
                _ => vec![None; docs.len()],
            };
            release::group(&headlines, &evidence, grouping)
        };
        let mut release_of = vec![0; docs.len()];
        for (r, members) in releases.iter().enumerate() {
            for &doc in members {
                release_of[doc] = r;
            }
        }
        // Measures are clustered within each release only.
        let doc_of: Vec<usize> =
            per_doc.iter().flat_map(|(doc, figures, _, _)| figures.iter().map(move |_| *doc)).collect();
        let mut clustered: Vec<Option<(MeasureKey, measure::Confidence)>> = vec![None; descriptions.len()];
        let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); releases.len()];
        let coordinated: Vec<String> =
            packs.packs.iter().flat_map(|p| p.measure_words.spec.coordinated.clone()).collect();
        for (i, doc) in doc_of.iter().enumerate() {
            members_of[release_of[*doc]].push(i);
        }
        let stated: Vec<measure::Stated> =
            per_doc.iter().flat_map(|(_, figures, _, _)| figures.iter().map(measure::Stated::of)).collect();
        for members in members_of {
            let (ds, ps): (Vec<measure::Description>, Vec<(usize, usize)>) =
                members.iter().map(|&i| (descriptions[i].clone(), paragraphs[i])).unzip();
            let vs: Vec<measure::Stated> = members.iter().map(|&i| stated[i].clone()).collect();
            for (i, key) in members.into_iter().zip(measure::cluster(&ds, &ps, &vs, &coordinated)) {
                clustered[i] = Some(key);
            }
        }
        let mut keys = clustered.into_iter();
        let mut relations = Vec::new();
        for (doc_index, figures, clauses, paragraphs) in per_doc {
            let first = mentions.len();
            for (figure, paragraph) in figures.into_iter().zip(paragraphs) {
                let description = &descriptions[mentions.len()];
                let (key, confidence) =
                    keys.next().flatten().unwrap_or_else(|| (description.key(), Default::default()));
                let exact = exact_keys[mentions.len()].clone();
                let linkable = description.anchored;
                let source = sources.source_at(doc_index, figure.span.start).map_or(0, |s| s.id);
                mentions.push(Mention { doc: doc_index, source, figure, key, exact, confidence, linkable, paragraph });
            }
            relations.extend(relate::relations(&prose[doc_index], &mentions, first..mentions.len(), packs, &clauses));
        }
        Release { docs, sources, mentions, relations, releases, release_of }
    }

    /// The release of mention `m`'s document.
    pub fn release_of_mention(&self, m: &Mention) -> usize {
        self.release_of.get(m.doc).copied().unwrap_or(0)
    }

    /// The names of the files of each release, in order.
    pub fn release_files(&self) -> Vec<Vec<&str>> {
        self.releases.iter().map(|docs| docs.iter().map(|&d| self.docs[d].name.as_str()).collect()).collect()
    }

    /// The title of the source that states mention `m`.
    pub fn source_title(&self, m: &Mention) -> &str {
        self.sources.sources.get(m.source).map_or("", |s| s.title.as_str())
    }

    /// The text of mention `m` as written.
    pub fn text_of(&self, m: &Mention) -> &str {
        &self.docs[m.doc].text[m.figure.span.clone()]
    }

    /// The number of distinct measures: distinct keys within each release.
    pub fn measure_count(&self) -> usize {
        self.mentions
            .iter()
            .map(|m| (self.release_of_mention(m), &m.key))
            .collect::<std::collections::HashSet<(usize, &MeasureKey)>>()
            .len()
    }
}

/// A node of the fact graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Node {
    Source {
        id: usize,
        title: String,
    },
    /// A figure, by its index in `Release::mentions`.
    Figure {
        mention: usize,
    },
    Measure {
        key: MeasureKey,
    },
}

/// An edge of the fact graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Edge {
    /// source → figure
    States,
    /// figure → measure
    Measures,
    /// part figure → total figure
    PartOf,
    /// rate figure → its numerator (`Numerator`) and denominator figures
    RateOf(Role),
    /// change percent (else the change) → its base, current value and change
    ChangeOf(Role),
    /// part figure → the total it adds up to with its siblings
    SumOf,
}

/// The role of the figure an edge points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Numerator,
    /// The numerator counts the complement (`不合格` for `合格率`).
    Complement,
    Denominator,
    Base,
    Current,
    Decrease,
    Increase,
}

/// Sources, figures and measures as a petgraph graph.
#[derive(Debug, Clone)]
pub struct FactGraph {
    pub graph: DiGraph<Node, Edge>,
    figure_nodes: Vec<NodeIndex>,
    /// The measure nodes in the order of their keys as written.
    measure_nodes: Vec<NodeIndex>,
}

impl FactGraph {
    /// Builds the graph of a release. Figures whose dependent label found no
    /// head measure nothing: they link to no other figure.
    pub fn build(release: &Release) -> FactGraph {
        let mut graph = DiGraph::new();
        let source_nodes: Vec<NodeIndex> = release
            .sources
            .sources
            .iter()
            .map(|s| graph.add_node(Node::Source { id: s.id, title: s.title.clone() }))
            .collect();
        // A measure is one release's: equal keys in two releases are two measures.
        let mut measure_nodes: HashMap<(usize, &MeasureKey), NodeIndex> = HashMap::new();
        let mut figure_nodes = Vec::with_capacity(release.mentions.len());
        for (i, mention) in release.mentions.iter().enumerate() {
            let node = graph.add_node(Node::Figure { mention: i });
            figure_nodes.push(node);
            if let Some(&source) = source_nodes.get(mention.source) {
                graph.add_edge(source, node, Edge::States);
            }
            if mention.linkable {
                let measure = *measure_nodes
                    .entry((release.release_of_mention(mention), &mention.key))
                    .or_insert_with(|| graph.add_node(Node::Measure { key: mention.key.clone() }));
                graph.add_edge(node, measure, Edge::Measures);
            }
        }
        for relation in &release.relations {
            match *relation {
                Relation::PartOf { part, total } => {
                    graph.add_edge(figure_nodes[part], figure_nodes[total], Edge::PartOf);
                }
                Relation::RateOf { rate, numerator, denominator, complement, .. } => {
                    let role = if complement { Role::Complement } else { Role::Numerator };
                    graph.add_edge(figure_nodes[rate], figure_nodes[numerator], Edge::RateOf(role));
                    graph.add_edge(figure_nodes[rate], figure_nodes[denominator], Edge::RateOf(Role::Denominator));
                }
                Relation::ChangeOf(ref change) => {
                    let from = figure_nodes[change.primary()];
                    let role = if change.decrease { Role::Decrease } else { Role::Increase };
                    for (figure, role) in
                        [(change.base, Role::Base), (change.current, Role::Current), (change.delta, role)]
                    {
                        if let Some(figure) = figure.filter(|&f| figure_nodes[f] != from) {
                            graph.add_edge(from, figure_nodes[figure], Edge::ChangeOf(role));
                        }
                    }
                }
                Relation::SumOf { total, ref parts, .. } => {
                    for &part in parts {
                        graph.add_edge(figure_nodes[part], figure_nodes[total], Edge::SumOf);
                    }
                }
            }
        }
        let mut measure_nodes: Vec<(String, usize, NodeIndex)> =
            measure_nodes.into_iter().map(|((r, key), node)| (key.to_string(), r, node)).collect();
        measure_nodes.sort_unstable();
        let measure_nodes = measure_nodes.into_iter().map(|(_, _, node)| node).collect();
        FactGraph { graph, figure_nodes, measure_nodes }
    }

    /// Every measure with the mentions that state it, in key order.
    pub fn measures(&self) -> impl Iterator<Item = (&MeasureKey, Vec<usize>)> + '_ {
        self.measure_nodes.iter().filter_map(|&node| {
            let Node::Measure { key } = &self.graph[node] else { return None };
            let mut mentions: Vec<usize> = self
                .graph
                .edges_directed(node, Direction::Incoming)
                .filter_map(|e| match self.graph[e.source()] {
                    Node::Figure { mention } => Some(mention),
                    _ => None,
                })
                .collect();
            mentions.sort_unstable();
            Some((key, mentions))
        })
    }

    /// The figures that mention `m` points at by edges of one kind, with the edge.
    pub fn targets(&self, m: usize, kind: fn(&Edge) -> bool) -> Vec<(Edge, usize)> {
        let mut out: Vec<(Edge, usize)> = self
            .graph
            .edges_directed(self.figure_nodes[m], Direction::Outgoing)
            .filter(|e| kind(e.weight()))
            .filter_map(|e| match self.graph[e.target()] {
                Node::Figure { mention } => Some((*e.weight(), mention)),
                _ => None,
            })
            .collect();
        out.sort_by_key(|(_, mention)| *mention);
        out
    }

    /// Figures with at least one outgoing edge of a kind, in mention order.
    pub fn sources_of(&self, kind: fn(&Edge) -> bool) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .edge_references()
            .filter(|e| kind(e.weight()))
            .filter_map(|e| match self.graph[e.source()] {
                Node::Figure { mention } => Some(mention),
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Graphviz DOT, for `crosscheck graph --format dot`.
    pub fn to_dot(&self, release: &Release) -> String {
        let mut out = String::from("digraph crosscheck {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n");
        for node in self.graph.node_indices() {
            let (label, shape) = match &self.graph[node] {
                Node::Source { title, .. } => (title.clone(), "box"),
                Node::Figure { mention } => {
                    let m = &release.mentions[*mention];
                    (format!("{}\\n{}", release.text_of(m), m.figure.interval), "ellipse")
                }
                Node::Measure { key } => (key.to_string(), "diamond"),
            };
            out.push_str(&format!("  n{} [label=\"{}\", shape={shape}];\n", node.index(), dot_escape(&label)));
        }
        for edge in self.graph.edge_references() {
            let label = match edge.weight() {
                Edge::States => "states".to_string(),
                Edge::Measures => "measures".to_string(),
                Edge::PartOf => "part_of".to_string(),
                Edge::RateOf(role) => format!("rate_of:{role:?}").to_lowercase(),
                Edge::ChangeOf(role) => format!("change_of:{role:?}").to_lowercase(),
                Edge::SumOf => "sum_of".to_string(),
            };
            out.push_str(&format!("  n{} -> n{} [label=\"{label}\"];\n", edge.source().index(), edge.target().index()));
        }
        out.push_str("}\n");
        out
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace("\\\\n", "\\n").replace('\n', " ")
}
