//! Descriptions read from English (spaced-script) clauses: what a figure
//! counts is the noun phrase around the number, its kind the verb frame
//! (DESIGN.md, "Linking": the label is the noun phrase).
//!
//! `the unemployment rate, at 3.5 percent`, `the unemployment rate held at
//! 3.5%` and `an unemployment rate of 3.5%` read as one level of
//! `unemployment rate`; `rose by 236,000` and `increased by 236,000` as one
//! change of their subject; `fell by 0.3 percentage points to 4.2%` as a
//! change then the level reached; `from 875,000` as the base of the change;
//! `or 0.2 percent` after a change as its rate. A count with its counted noun
//! after it (`handled 2,418,736 passengers`) counts the verb's object: the
//! body that acts (the airport, the Bureau) is not what is counted. A table
//! cell counts its row's words under its column's: a column that names a
//! period (`July 2024`, `Fall 2023`) gives the period, one that names a change
//! gives the kind. Word classes come from the pack's `measures.words`; the
//! text is read as lower-case words with line breaks as spaces, so a
//! hard-wrapped sentence reads as one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Description, Kind};
use crate::extract::table::Tables;
use crate::extract::Figure;
use crate::graph::link;
use crate::lexicon::measure_words::{ClauseWords, MeasureWords};
use crate::lexicon::pack::{CompiledPack, LabelOrder, Packs};
use crate::span::Layout;

/// A word of a clause, lower case, or a clause boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Boundary,
}

/// Splits `text` into lower-case words and boundaries; `boundaries` are the
/// pack's clause-boundary characters.
fn tokens(text: &str, boundaries: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        let w = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’' || c == '.');
        if !w.is_empty() {
            out.push(Token::Word(w.to_lowercase()));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || (c == '.' && !word.is_empty()) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            if boundaries.contains(c) && out.last() != Some(&Token::Boundary) {
                out.push(Token::Boundary);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The words after the last boundary.
fn last_clause(tokens: &[Token]) -> &[Token] {
    let cut = tokens.iter().rposition(|t| *t == Token::Boundary).map_or(0, |i| i + 1);
    &tokens[cut..]
}

/// The words before the first boundary.
fn first_clause(tokens: &[Token]) -> &[Token] {
    let cut = tokens.iter().position(|t| *t == Token::Boundary).unwrap_or(tokens.len());
    &tokens[..cut]
}

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            Token::Boundary => None,
        })
        .collect()
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// A four-digit year (`2024`, `fy2024` is not one).
fn is_year(w: &str) -> bool {
    w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
}

/// Reads the description of a figure in an English clause.
pub(super) struct SpacedReader<'a> {
    pub(super) text: &'a str,
    pub(super) figures: &'a [Figure],
    pub(super) pack: &'a CompiledPack,
    pub(super) words: &'a MeasureWords,
    pub(super) classes: &'a ClauseWords,
    /// The document's tables, for figures in cells.
    pub(super) tables: &'a Tables,
}

/// The direction of a change, as its core names it.
fn direction_name(up: bool) -> &'static str {
    if up {
        "up"
    } else {
        "down"
    }
}

/// The core of a change a table states without a direction word: its sign
/// is in the cell, not in words, so it links only to its own kind.
const SIGNED_CHANGE: &str = "change";

/// The first word of the core of an average of changes (`average up
/// month`): it fits no single change.
const AVERAGE: &str = "average";

impl SpacedReader<'_> {
    pub(super) fn describe(&self, i: usize, earlier: std::ops::Range<usize>, done: &[Description]) -> Description {
        let mut d = self.read(i, earlier.clone(), done);
        if !self.figures[i].cell {
            d = self.rate_of_change(i, d);
        }
        if self.figures[i].cell || d.period.is_some() {
            return d;
        }
        // A month opening the sentence's subject is its period, as a
        // headline writes it: `September ridership rises 7.4 percent`
        // (transit), `March sales fell 2 percent` (retail) are the month's.
        // Not a date (`July 28, when…`) nor a subject of its own (`September
        // was a strong month`).
        let figure = &self.figures[i];
        let start = figure.sentence.start.min(figure.span.start);
        let opening = tokens(&self.text[start..figure.span.start], self.pack.spec.labels.boundaries.as_str());
        let clause = words(first_clause(&opening));
        let (first, month) = match clause.as_slice() {
            [first, second, ..] if !has_digit(second) && !self.is_verb(second) && !self.is_function_word(second) => {
                match self.month(first) {
                    Some(month) => (first.to_string(), month.to_string()),
                    None => return d,
                }
            }
            _ => return d,
        };
        let named = if d.kind == Kind::Level { Some(&mut d.core) } else { d.head.as_mut() };
        if let Some(named) = named {
            if let Some((_, rest)) = named.split_once(' ').filter(|(w, rest)| *w == first && !rest.is_empty()) {
                *named = rest.to_string();
                d.period = Some(month);
            } else if earlier.clone().last().is_some_and(|p| {
                // A figure that restates the measure of the one before it
                // (`rises 3.9 percent to 4.62 million boardings`) is the same month's.
                let e = &done[p];
                let measure = if e.kind == Kind::Level { &e.core } else { e.head.as_ref().unwrap_or(&e.core) };
                e.period.as_deref() == Some(month.as_str()) && measure == named
            }) {
                d.period = Some(month);
            }
        }
        d
    }

    /// A level named by a noun of change (`core inflation was 3.1
    /// percent`, prices) is the change of what the noun is said of (`core
    /// prices rose 3.1 percent`), against the base the noun implies.
    fn rate_of_change(&self, i: usize, mut d: Description) -> Description {
        if d.kind != Kind::Level || d.previous || self.figures[i].unit.as_deref() != Some("%") {
            return d;
        }
        let (verb, np, scope) = core_parts(&d.core);
        let (modifiers, last) = np.rsplit_once(' ').unwrap_or(("", np));
        let Some(rate) = self.classes.rates_of_change.iter().find(|r| r.noun == last) else { return d };
        if verb.is_some() {
            return d;
        }
        let mut head: Vec<&str> = modifiers.split(' ').filter(|w| !w.is_empty()).collect();
        // A noun that implies no base takes the one its modifiers name, and
        // they name nothing else: `annual growth in average earnings`
        // (wages), `annual growth in house prices` (housing) is the change
        // on the year.
        let mut base = rate.base.clone();
        if base.is_none() {
            head.retain(|w| {
                let named = self.words.spec.bases.iter().find(|b| b.words.iter().any(|x| x == w));
                match named {
                    Some(b) if self.classes.generic_modifiers.iter().any(|g| g == w) => {
                        base = Some(b.id.clone());
                        false
                    }
                    _ => true,
                }
            });
        }
        if !rate.of.is_empty() && head.last() != Some(&rate.of.as_str()) {
            head.push(&rate.of);
        }
        if head.is_empty() {
            return d;
        }
        let mut head = head.join(" ");
        if let Some(scope) = scope {
            head = format!("{head} ({scope})");
        }
        d.kind = Kind::Change;
        d.core = match &base {
            Some(base) => format!("{} {base}", direction_name(true)),
            None => direction_name(true).to_string(),
        };
        d.head = Some(head);
        self.anchor(d)
    }

    /// The description a figure's own clause says.
    fn read(&self, i: usize, earlier: std::ops::Range<usize>, done: &[Description]) -> Description {
        let figure = &self.figures[i];
        let mut d = Description::blank(figure.cell);
        if figure.cell {
            return self.cell(i, d);
        }
        let boundaries = self.pack.spec.labels.boundaries.as_str();
        let mut sentence_start = figure.sentence.start.min(figure.span.start);
        // A line of a list (`HIGHLIGHTS` lines, a bulleted summary without
        // full stops) starts afresh: the sentence is read from the line.
        if let Some(line_start) = self.list_line(sentence_start, figure.span.start) {
            sentence_start = line_start;
            if let Some(d) = self.block_line(i, line_start, done) {
                return d;
            }
        }
        let earlier = earlier
            .start
            .max(earlier.clone().find(|&p| self.figures[p].span.start >= sentence_start).unwrap_or(earlier.end))
            ..earlier.end;
        let sentence_end = figure.sentence.end.max(figure.span.end);
        let segment_start = earlier.clone().last().map_or(sentence_start, |p| self.figures[p].span.end);
        let next_start = self
            .figures
            .get(i + 1)
            .filter(|f| f.sentence == figure.sentence)
            .map_or(sentence_end, |f| f.span.start.max(figure.span.end));
        let before = tokens(&self.text[segment_start.min(figure.span.start)..figure.span.start], boundaries);
        let after = tokens(&self.text[figure.span.end..next_start], boundaries);
        // A period written after a base of the sentence (`from 229,853 in
        // fiscal 2023 to 241,806`, `up from 5.1% in May to 5.4%`) is the
        // base's: the figures after it read theirs before the base.
        let period_end = earlier
            .clone()
            .find(|&p| done[p].previous)
            .map_or(figure.span.start, |p| self.figures[p].span.start.max(sentence_start));
        let whole_before = tokens(&self.text[sentence_start..period_end], boundaries);
        d.period = self.period(&after, &whole_before);
        let previous_figure = earlier.clone().last();
        // The measure the previous figure of the sentence states: a change's head,
        // a level's core.
        let inherited = previous_figure.and_then(|p| {
            let e = &done[p];
            let m = if e.kind == Kind::Level { Some(e.core.clone()) } else { e.head.clone() };
            m.filter(|m| !m.is_empty() && e.anchored)
        });
        let clause = last_clause(&before);
        let clause_words = words(clause);
        let joined = clause_words.join(" ");
        // The words after the figure in its own clause.
        let after_words = words(first_clause(&after));
        let is_percent = matches!(figure.unit.as_deref(), Some("%" | "percentage points"));
        let counted = if figure.unit.is_none() { self.counted_noun(&after_words) } else { String::new() };
        let subject = || self.subject(&before, previous_figure.is_some());

        // A sign word between the frame and the figure (`revised from up 0.2
        // percent to up 0.5 percent`): the frame is read before it.
        let (frame_words, sign) = match clause_words.split_last() {
            Some((last, rest)) if !rest.is_empty() && self.classes.comparatives.iter().any(|c| c == last) => {
                (rest.join(" "), self.change_word(last))
            }
            _ => (joined.clone(), None),
        };
        // An average of changes (`bookings have averaged 2,400 a week over
        // the past four weeks`): its own measure, over its own period.
        if let Some((up, head, base, period)) = self.averaged_change(&clause_words, &after_words, &words(&whole_before))
        {
            d.kind = Kind::Change;
            d.head = Some(head);
            d.core = match base {
                Some(base) => format!("{AVERAGE} {} {base}", direction_name(up)),
                None => format!("{AVERAGE} {}", direction_name(up)),
            };
            d.period = period.or(d.period);
            return self.anchor(d);
        }
        // A relative clause after a base's period (`an increase of 5.2 percent
        // over May 2023, when 1,846,310 visitors entered the park`, `up
        // from 2019, when 41 plants operated`) states the base's value.
        if let Some(period) = self.base_period_before(&before) {
            d.previous = true;
            d.period = Some(period);
        }
        // The base of a comparison: `from 875,000 to 840,000`.
        // A count of a noun of its own after `from`, with no `to` after it,
        // is no base: `3,106 students from 94 countries` (schools), `visitors
        // from 41 states` (tourism).
        let own_count = !counted.is_empty() && !after_words.contains(&"to");
        if !own_count && self.words.previous.as_ref().is_some_and(|re| re.is_match(&frame_words)) {
            d.previous = true;
            if let Some(up) = sign {
                d.kind = Kind::Change;
                d.core = direction_name(up).to_string();
                d.head = subject().or(inherited);
                return self.anchor(d);
            }
            d.core = inherited.or_else(subject).unwrap_or_default();
            return self.anchor(d);
        }
        if let (Some(up), true) = (sign, self.words.level_after.as_ref().is_some_and(|re| re.is_match(&frame_words))) {
            d.kind = Kind::Change;
            d.core = direction_name(up).to_string();
            d.head = subject().or(inherited);
            return self.anchor(d);
        }
        // The level reached after a change: `fell by 0.3 percentage points to 4.2%`.
        let changed_before = clause_words.iter().any(|w| self.change_word(w).is_some());
        if self.words.level_after.as_ref().is_some_and(|re| re.is_match(&joined))
            && (changed_before || previous_figure.is_some())
        {
            let own = self.change_head(&clause_words).or_else(subject);
            d.core = match own {
                Some(s) if self.names_alone(&s, &counted) => s,
                own => self.name(own.or(inherited), &counted),
            };
            return self.anchor(d);
        }
        // A change: `rose by 236,000`, `up 7.4 percent`, `cut the rate by 0.25
        // percentage point`, `0.2 percentage points higher` (in its own
        // clause), `or 0.8 percent` after a change.
        let (direction, object) = match self.change_before(&clause_words) {
            Some(up) => (Some(up), None),
            None => match self.change_by(&clause_words) {
                Some((up, object)) => (Some(up), object),
                None => (
                    after_words
                        .first()
                        .filter(|w| self.classes.comparatives.iter().any(|c| c == *w))
                        .and_then(|w| self.change_word(w)),
                    None,
                ),
            },
        };
        let after_change = previous_figure
            .filter(|&p| done[p].kind == Kind::Change)
            .filter(|_| clause_words.iter().all(|w| *w == "or" || *w == "and"));
        // A change whose verb is left out after one stated before it in
        // the sentence: `exports rose 4.1 percent, and imports 2.3 percent`
        // (trade), `core prices rose 3.1 percent, and headline prices 2.9
        // percent` (prices) state the same change of another measure.
        if direction.is_none() && after_change.is_none() {
            if let Some(gapped) = self.gapped(&clause_words, previous_figure.map(|p| &done[p])) {
                d.kind = Kind::Change;
                d.core = gapped.0;
                d.head = Some(gapped.1);
                return self.anchor(d);
            }
        }
        if direction.is_some() || after_change.is_some() {
            d.kind = Kind::Change;
            let previous_change = after_change.map(|p| &done[p]);
            let up = direction.unwrap_or_else(|| {
                previous_change.is_some_and(|e| e.core.split(' ').next() == Some(direction_name(true)))
            });
            let base = self
                .base(&after_words, &clause_words)
                .map(str::to_string)
                .or_else(|| previous_change.and_then(|e| e.core.split_once(' ').map(|(_, base)| base.to_string())))
                .or_else(|| {
                    // The figures' group separators are no clause boundaries.
                    let rest = &self.text[figure.span.end..sentence_end];
                    let bytes = rest.as_bytes();
                    let rest: String = rest
                        .char_indices()
                        .filter(|&(at, ch)| {
                            let digit = |k: Option<&u8>| k.is_some_and(u8::is_ascii_digit);
                            !(ch == ',' && at > 0 && digit(bytes.get(at - 1)) && digit(bytes.get(at + 1)))
                        })
                        .map(|(_, ch)| ch)
                        .collect();
                    self.base_of_level_reached(&tokens(&rest, boundaries))
                });

            d.core = match base {
                Some(base) => format!("{} {base}", direction_name(up)),
                None => direction_name(up).to_string(),
            };
            // A change stated as a noun after a figure (`handled 2.4 million
            // passengers, … and an increase of 6.4 percent`, `fell to 12.8
            // percent, a drop of 0.8 points`) is the change of that figure's
            // measure, named or not yet (the release may name it elsewhere).
            let of_figure = previous_figure
                .filter(|_| self.noun_change(&clause_words))
                .map(|p| &done[p])
                .filter(|e| e.kind == Kind::Level && !e.core.is_empty())
                .map(|e| e.core.clone());
            d.head = match previous_change {
                Some(e) => e.head.clone(),
                // A count not yet named (`recorded 9.18 million boardings in
                // September, up 7.4 percent`) is the head still: it is named
                // once the release is read (`settle`), or links to nothing.
                None => of_figure.or(object).or_else(subject).or(inherited).or_else(|| {
                    previous_figure
                        .map(|p| &done[p])
                        .filter(|e| e.kind == Kind::Level && !e.anchored && e.core.contains(": "))
                        .map(|e| e.core.clone())
                }),
            };
            return self.anchor(d);
        }
        // A share: `17.3 percent of total sales`.
        if is_percent && after_words.first() == Some(&"of") {
            d.kind = Kind::Share;
            let whole = self.first_np(&after_words[1..]);
            d.core = format!("share of {whole}");
            d.head = subject().or(inherited);
            return self.anchor(d);
        }
        // A level: a counted noun with its verb (`handled 2,418,736
        // passengers`), else the subject with a counted noun after it.
        let verb = clause_words.last().filter(|w| self.is_content_verb(w));
        let core = match verb {
            // The verb first: a count stated without it (a table's column)
            // ends alike and may link to it; two verbs never do.
            Some(v) if !counted.is_empty() => format!("{v}: {counted}"),
            _ => {
                // A subject that names its measure alone takes the counted
                // noun as its unit: `undergraduate enrollment rose to 28,106
                // students` (schools), `domestic traffic reached 1.86
                // million passengers` (airports).
                match subject() {
                    Some(s) if self.names_alone(&s, &counted) => s,
                    own => self.name(own.or(if clause_words.is_empty() { inherited } else { None }), &counted),
                }
            }
        };
        d.core = match self.qualifier(&after_words) {
            Some(q) if !core.is_empty() => format!("{core} {q}"),
            _ => core,
        };
        self.anchor(d)
    }

    /// A table cell: its row's words, under its column's unless the column
    /// names a period (the period) or a change (the kind).
    fn cell(&self, i: usize, mut d: Description) -> Description {
        let figure = &self.figures[i];
        let Some(cell) = self.tables.cell_at(figure.span.start) else {
            d.anchored = false;
            return d;
        };
        let words_of = |r: &Option<std::ops::Range<usize>>| -> Vec<String> {
            r.as_ref()
                .map(|r| {
                    let bare = crate::extract::label::without_asides(&self.text[r.clone()]);
                    words(&tokens(&bare, "")).into_iter().map(str::to_string).collect()
                })
                .unwrap_or_default()
        };
        let row = words_of(&cell.stub);
        let column = words_of(&cell.header);
        let row_np = self.content(&row.iter().map(String::as_str).collect::<Vec<_>>());
        let is_period = column.iter().any(|w| is_year(w) || self.month(w).is_some());
        let is_change = !column.is_empty()
            && column.iter().any(|w| self.classes.change_nouns.iter().any(|c| c == w) || self.change_word(w).is_some());
        let sums = &self.pack.spec.linking.relations.sum_words;
        let whole = row.iter().any(|w| sums.iter().any(|s| s == w));
        // What the caption says the table counts (`Table 1. Headcount
        // enrollment by level`, `Estimated Monthly Sales (billions of
        // dollars)`): rows of levels (`Graduate`, `Retail trade`) name kinds
        // of it, a total row the whole.
        let counted = self.caption_noun(cell.caption.clone()).or_else(|| self.stub_title(cell));
        let with_counted = |np: String| match &counted {
            Some(n) if np.is_empty() => n.clone(),
            Some(n) if np != *n && !np.ends_with(&format!(" {n}")) => format!("{np} {n}"),
            _ => np,
        };
        if is_period {
            let row_np = with_counted(row_np);
            d.period = Some(self.period_words(&column.iter().map(String::as_str).collect::<Vec<_>>()));
            // A column of an earlier period than the table's latest holds
            // the bases its changes are measured against.
            d.previous = cell.header.as_ref().is_some_and(|h| !self.latest_column(h.clone()));
            d.core = row_np;
        } else if is_change {
            d.kind = Kind::Change;
            let written = &self.text[figure.span.clone()];
            let signed = written.trim_start().starts_with(['-', '−', '+']);
            d.core = if signed { SIGNED_CHANGE.to_string() } else { direction_name(true).to_string() };
            d.head = Some(with_counted(row_np));
            // A change column beside period columns (`Sept. 2024  Sept. 2023
            // Change` in transit, `Fall 2023 | Fall 2024 | Percent change` in
            // enrollment) holds the change to the latest period: its period.
            d.period = cell.header.clone().and_then(|h| self.latest_period(h));
        } else {
            let column_np = self.content(&column.iter().map(String::as_str).collect::<Vec<_>>());
            // A total row (`System total`) states the column's measure whole.
            let row_np = if whole { String::new() } else { row_np };
            d.core = match (row_np.is_empty(), column_np.is_empty()) {
                (_, true) => row_np,
                (true, false) => column_np,
                (false, false) => format!("{column_np} ({row_np})"),
            };
        }
        d.anchored = !d.core.is_empty() && d.head.as_deref() != Some("");
        if d.kind != Kind::Level {
            d.anchored = d.head.as_ref().is_some_and(|h| !h.is_empty());
        }
        d
    }

    /// The head noun of a table's caption (`Table 1. Estimated Monthly
    /// Sales (billions of dollars)` → `sale`): its first noun phrase, after
    /// a numbered label. A line ending a sentence is prose, no caption.
    fn caption_noun(&self, caption: Option<std::ops::Range<usize>>) -> Option<String> {
        let line = self.text[caption?].trim();
        let ends = self.pack.spec.labels.sentence_ends.as_str();
        if line.ends_with(|c: char| ends.contains(c) || matches!(c, '"' | '”' | '’')) {
            return None;
        }
        let bare = crate::extract::label::without_asides(line);
        // `Table 1.`, `Exhibit 3:`: a label and its number, before the
        // caption's first clause.
        let toks = tokens(&bare, self.pack.spec.labels.boundaries.as_str());
        let mut clauses = toks.split(|t| *t == Token::Boundary).map(words).filter(|c| !c.is_empty());
        let mut ws = clauses.next().unwrap_or_default();
        if ws.len() <= 2 && ws.last().is_some_and(|w| has_digit(w)) {
            ws = clauses.next().unwrap_or_default();
        } else if ws.get(1).is_some_and(|w| has_digit(w)) {
            ws.drain(..2);
        }
        // Its noun phrase up to a post-modifier (`by level`); participles
        // there are adjectives (`Estimated Monthly Sales`).
        let end = ws
            .iter()
            .position(|w| {
                self.classes.prepositions.iter().any(|p| p == w)
                    || self.classes.relatives.iter().any(|r| r == w)
                    || has_digit(w)
            })
            .unwrap_or(ws.len());
        let np = self.content(&ws[..end]);
        let head = np.rsplit(' ').next().unwrap_or("");
        let generic = self.classes.generic_modifiers.iter().any(|g| g == head);
        (!head.is_empty() && !generic && !self.is_time(head) && self.month(head).is_none()).then(|| head.to_string())
    }

    /// The head noun of the header over a table's row names, when that
    /// header names a period besides a noun: it titles what the table
    /// counts, as a caption does (`SEPTEMBER RIDERSHIP` over `Bus`, `Light
    /// rail`, `Total` in transit; `MARCH SALES` over a retailer's stores).
    /// A header naming only the kind of rows (`Site`, `Level`) names no period.
    fn stub_title(&self, cell: &crate::extract::table::TableCell) -> Option<String> {
        let stub = cell.stub.as_ref()?;
        let header = self.tables.cell_at(stub.start)?.header.clone()?;
        let toks = tokens(&self.text[header.clone()], "");
        let ws = words(&toks);
        if !ws.iter().any(|w| is_year(w) || self.month(w).is_some()) {
            return None;
        }
        self.caption_noun(Some(header))
    }

    /// Where the figure's line starts, when that line is an item of a list:
    /// the line before it, in the same sentence, ends with no punctuation
    /// and is short or set in as far as this one, and this one opens with a
    /// capital (`Retail sales: $712.4 billion` under `HIGHLIGHTS`).
    /// Hard-wrapped prose fills its lines and is not set in.
    fn list_line(&self, sentence_start: usize, at: usize) -> Option<usize> {
        // Only a line break inside the sentence can start a list line: looked
        // for there alone, not back to the start of the text (one enormous
        // line of figures).
        let line_start = self.text[sentence_start..at].rfind('\n').map(|i| sentence_start + i + 1)?;
        let opens = self.text[line_start..at].trim_start().chars().next()?;
        let previous_start = self.text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let raw_previous = &self.text[previous_start..line_start - 1];
        let previous = raw_previous.trim();
        let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
        let line = &self.text[line_start..at];
        // Items set in by the same indent (`  Retail sales: …⏎  February
        // revised to …`), or a short line.
        let aligned = indent(raw_previous) > 0 && indent(raw_previous) == indent(line);
        let short = previous.chars().count() < LIST_LINE_CHARS;
        let open_end = !previous.ends_with(|c: char| c.is_ascii_punctuation() && c != '%' && c != ')');
        (opens.is_uppercase() && (short || aligned) && open_end && !previous.is_empty()).then_some(line_start)
    }

    /// A line of a headline block whose label names no measure but a
    /// comparison (`Compared with a year earlier: up 3.2 percent`) or a
    /// revision (`June revised to 412,300`, `Revised May: +21,000`) states
    /// a change or an earlier period's level of the block's measure: the
    /// one its first line names (`Exports: $41.2 billion, up 1.1 percent`
    /// in trade bulletins, `Hospital admissions: 68,412` in health ones).
    fn block_line(&self, i: usize, line_start: usize, done: &[Description]) -> Option<Description> {
        let figure = &self.figures[i];
        let label = tokens(&self.text[line_start..figure.span.start], "");
        let label = words(&label);
        let c = self.classes;
        let first = *label.first()?;
        let comparison = c.base_openers.iter().any(|b| b == first);
        let revised = label.iter().any(|w| c.revisions.iter().any(|r| r == w));
        if !comparison && !revised {
            return None;
        }
        let measure = self.block_measure(line_start, i, done)?;
        let mut d = Description::blank(false);
        if comparison {
            // `Compared with June 2023: down 2.6 percent`: the base is what
            // the label compares with, the sign the word before the figure.
            let up = label.last().and_then(|w| self.change_word(w))?;
            let at = label.iter().position(|w| c.comparatives.iter().any(|x| x == w)).unwrap_or(label.len());
            let rest = label[1..at].iter().skip_while(|w| matches!(**w, "with" | "to")).copied();
            let compared: Vec<&str> = std::iter::once("from").chain(rest).collect();
            d.kind = Kind::Change;
            d.core = match self.base(&compared, &[]) {
                Some(base) => format!("{} {base}", direction_name(up)),
                None => direction_name(up).to_string(),
            };
            d.head = Some(if measure.kind == Kind::Level { measure.core.clone() } else { measure.head.clone()? });
            return Some(self.anchor(d));
        }
        // A revision names its period and nothing else: `June revised to`.
        let months: Vec<&str> = label.iter().copied().filter(|w| self.month(w).is_some() || is_year(w)).collect();
        let other = label
            .iter()
            .any(|w| !(self.month(w).is_some() || is_year(w) || c.revisions.iter().any(|r| r == w) || *w == "to"));
        if months.is_empty() || other || measure.unit.as_str() != figure.unit.as_deref().unwrap_or("") {
            return None;
        }
        d = measure.clone();
        d.frame = Vec::new();
        d.period = Some(self.period_words(&months));
        // An earlier period's level than the one the release reports.
        d.previous = d.kind == Kind::Level;
        Some(d)
    }

    /// The measure a headline block's first line names: the block is the
    /// run of lines set in alike above the line at `line_start`.
    fn block_measure<'d>(&self, line_start: usize, i: usize, done: &'d [Description]) -> Option<&'d Description> {
        let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
        let line_end = self.text[line_start..].find('\n').map_or(self.text.len(), |e| line_start + e);
        let own = indent(&self.text[line_start..line_end]);
        if own == 0 {
            return None;
        }
        let mut block_start = line_start;
        while block_start > 0 {
            let previous_start = self.text[..block_start - 1].rfind('\n').map_or(0, |p| p + 1);
            let previous = &self.text[previous_start..block_start - 1];
            if previous.trim().is_empty() || indent(previous) != own {
                break;
            }
            block_start = previous_start;
        }
        if block_start == line_start {
            return None;
        }
        let first = (0..i).find(|&j| self.figures[j].span.start >= block_start)?;
        let first_line_end = self.text[block_start..].find('\n').map_or(self.text.len(), |e| block_start + e);
        let d = &done[first];
        (self.figures[first].span.start < first_line_end
            && d.anchored
            && !d.cell
            && d.kind == Kind::Level
            && !d.previous
            && !d.core.is_empty())
        .then_some(d)
    }

    /// The latest period the header row holding `header` names, in one
    /// spelling (`sep 2024` of `Sept. 2024   Sept. 2023   Change`).
    fn latest_period(&self, header: std::ops::Range<usize>) -> Option<String> {
        let line_start = self.text[..header.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[header.end..].find('\n').map_or(self.text.len(), |i| header.end + i);
        let line = &self.text[line_start..line_end];
        for piece in line.split(['\t', '|']).flat_map(|p| p.split("  ")) {
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = line_start + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
            let toks = tokens(trimmed, "");
            let ws = words(&toks);
            if ws.iter().any(|w| is_year(w) || self.month(w).is_some())
                && self.latest_column(start..start + trimmed.len())
            {
                return Some(self.period_words(&ws));
            }
        }
        None
    }

    /// Whether the column header at `header` names the table's latest period:
    /// the latest year its header row names, the leftmost on a tie
    /// (`Jul-Sep 2024   Apr-Jun 2024   Jul-Sep 2023`, `Fall 2023 | Fall 2024`).
    fn latest_column(&self, header: std::ops::Range<usize>) -> bool {
        let line_start = self.text[..header.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[header.end..].find('\n').map_or(self.text.len(), |i| header.end + i);
        let line = &self.text[line_start..line_end];
        let year_of = |cell: &str| -> Option<u32> {
            cell.split(|c: char| !c.is_ascii_digit()).rev().filter(|w| is_year(w)).find_map(|w| w.parse().ok())
        };
        let mut best: Option<(u32, usize)> = None;
        for piece in line.split(['\t', '|']).flat_map(|p| p.split("  ")) {
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            // Where the piece starts in the text: it is a slice of `line`.
            let start = line_start + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
            let is_period = tokens(trimmed, "")
                .iter()
                .any(|t| matches!(t, Token::Word(w) if is_year(w) || self.month(w).is_some()));
            if !is_period {
                continue;
            }
            let year = year_of(trimmed).unwrap_or(0);
            if best.is_none_or(|(y, _)| year > y) {
                best = Some((year, start));
            }
        }
        best.is_none_or(|(_, start)| start == header.start)
    }

    /// What a level counts: the subject with a one-word counted noun after it
    /// unless the subject already ends with it, else the counted noun.
    fn name(&self, subject: Option<String>, counted: &str) -> String {
        match subject {
            Some(s) if !counted.is_empty() && !s.ends_with(counted) && counted.split(' ').count() < 2 => {
                format!("{s} {counted}")
            }
            Some(s) if counted.is_empty() || s.ends_with(counted) => s,
            _ => counted.to_string(),
        }
    }

    /// A level or share anchors when it names what it counts in two words or more
    /// (`unemployment rate`): one word (`jobs`, `rate`) is said of many measures.
    /// Words that qualify a measure without naming it (`average`, `monthly`)
    /// and nouns of time do not count; nor does a verb or scope in brackets.
    fn anchor(&self, mut d: Description) -> Description {
        let named = if d.kind == Kind::Level { d.core.as_str() } else { d.head.as_deref().unwrap_or("") };
        d.anchored = self.naming_words(named) >= MIN_WORDS;
        d
    }

    /// True when a subject names its measure alone, so that a one-word
    /// counted noun after the figure is its unit: two naming words, written
    /// in the pack's script (a Chinese run read in passing names nothing).
    fn names_alone(&self, subject: &str, counted: &str) -> bool {
        subject.is_ascii() && counted.split(' ').count() < 2 && self.naming_words(subject) >= MIN_WORDS
    }

    /// The words of a measure's noun that name what it counts: not its verb
    /// or bracketed scope, not a word that only qualifies (`average`), a
    /// noun of time or a month.
    fn naming_words(&self, named: &str) -> usize {
        let noun = named.split(" (").next().unwrap_or("");
        let noun = noun.rsplit(": ").next().unwrap_or("");
        let c = self.classes;
        noun.split(' ')
            .filter(|w| {
                !w.is_empty()
                    && !c.generic_modifiers.iter().any(|g| g == w)
                    && !c.times.iter().any(|t| t == w || singular(t) == *w)
                    && self.month(w).is_none()
            })
            .count()
    }

    /// The direction of a change word (`rose`, `down`, `higher`).
    fn change_word(&self, word: &str) -> Option<bool> {
        if self.classes.increase.iter().any(|w| w == word) {
            Some(true)
        } else if self.classes.decrease.iter().any(|w| w == word) {
            Some(false)
        } else {
            None
        }
    }

    /// A change stated just before the figure: the clause ends with a change
    /// word, optionally followed by `by` or `of` (`rose by`, `up`, `a decrease of`).
    fn change_before(&self, clause: &[&str]) -> Option<bool> {
        let mut end = clause.len();
        if end > 0 && matches!(clause[end - 1], "by" | "of") {
            end -= 1;
        }
        let last = *clause[..end].last()?;
        self.change_word(last)
    }

    /// The period of a base the clause before names, when the figure's own
    /// clause is a relative clause about it (`over July 2023, when`).
    fn base_period_before(&self, before: &[Token]) -> Option<String> {
        let re = self.words.periods.as_ref()?;
        let clauses: Vec<Vec<&str>> = before.split(|t| *t == Token::Boundary).map(words).collect();
        let [.., previous, own] = clauses.as_slice() else { return None };
        if !own.first().is_some_and(|w| self.classes.relatives.iter().any(|r| r == w)) {
            return None;
        }
        let at = previous.iter().rposition(|w| self.classes.base_openers.iter().any(|b| b == w))?;
        // Read as a period phrase: `over July 2023` as `in July 2023`.
        let phrase = format!("in {}", previous[at + 1..].join(" "));
        let found = re.captures(&phrase).filter(|c| c.get(0).is_some_and(|m| m.start() == 0))?;
        let period = found.get(1).or_else(|| found.get(0))?.as_str().to_string();
        Some(self.period_words(&period.split(' ').collect::<Vec<_>>()))
    }

    /// The change a clause with its verb left out states: the clause is a
    /// conjunction and a noun phrase alone (`and imports`), after a change
    /// of a measure in the sentence; its core, and the noun phrase as head.
    fn gapped(&self, clause: &[&str], previous: Option<&Description>) -> Option<(String, String)> {
        let previous = previous.filter(|e| e.kind == Kind::Change && e.anchored && e.head.is_some())?;
        let (first, rest) = clause.split_first()?;
        if !self.pack.spec.linking.relations.list_joiners.iter().any(|j| j == first) || rest.is_empty() {
            return None;
        }
        let np = self.first_np(rest);
        (!np.is_empty() && np == self.content(rest)).then(|| (previous.core.clone(), np))
    }

    /// A change stated as a noun: the clause ends with an article, a change
    /// word and `of` (`an increase of`, `a drop of`, `a gain of`).
    fn noun_change(&self, clause: &[&str]) -> bool {
        matches!(clause, [.., article, change, "of"]
            if self.classes.determiners.iter().any(|d| d == article) && self.change_word(change).is_some())
    }

    /// A change with its object between the verb and `by`: `lower the policy
    /// rate by`, `raised fares by`. The object is the measure.
    fn change_by(&self, clause: &[&str]) -> Option<(bool, Option<String>)> {
        let (last, rest) = clause.split_last()?;
        if *last != "by" {
            return None;
        }
        let at = rest.iter().rposition(|w| self.change_word(w).is_some())?;
        let up = self.change_word(rest[at])?;
        // `below its February 2020 level by`: the subject's own level.
        let object = &rest[at + 1..];
        if object.iter().any(|w| self.classes.possessives.iter().any(|p| p == w)) {
            return Some((up, None));
        }
        let object = self.content(object);
        (!object.is_empty()).then_some((up, Some(object)))
    }

    /// The measure a level reached after a change names between the change
    /// word and `by` (`cut the policy rate by 0.25 point to 4.50%`), if any.
    fn change_head(&self, clause: &[&str]) -> Option<String> {
        let by = clause.iter().position(|w| *w == "by")?;
        self.change_by(&clause[..=by]).and_then(|(_, object)| object)
    }

    /// The base a change is measured against, named after the figure or in
    /// its clause: `on the quarter`, `a year earlier`; a month after `from`
    /// or `on` is the month before, with a year the year before.
    fn base(&self, after: &[&str], clause: &[&str]) -> Option<&str> {
        let text = format!(" {} ", after.iter().take(BASE_WORDS).copied().collect::<Vec<_>>().join(" "));
        let found = self
            .words
            .spec
            .bases
            .iter()
            .flat_map(|b| b.words.iter().filter_map(|w| text.find(&format!(" {w} ")).map(|at| (at, b.id.as_str()))))
            .min_by_key(|&(at, _)| at);
        if let Some((_, id)) = found {
            return Some(id);
        }
        if let [prep, month, rest @ ..] = after {
            // `4.1 percent above March 2024` (retail), `2 percent below May`
            // (prices) compare as `from` does.
            if matches!(*prep, "from" | "on" | "over" | "than" | "above" | "below") && self.month(month).is_some() {
                let year = rest.first().is_some_and(|w| is_year(w));
                let id = if year { "year" } else { "month" };
                return self.words.spec.bases.iter().find(|b| b.id == id).map(|b| b.id.as_str());
            }
        }
        let clause = format!(" {} ", clause.join(" "));
        self.words.base_in(&clause)
    }

    /// An average of changes, stated by a noun of change and a verb of
    /// averaging before the figure: `hiring gains averaged 38,000 per month
    /// in the last two quarters` (labour), `bed increases averaged 40 a
    /// quarter` (hospitals). Its direction, its measure (the noun of change
    /// with what it is of: `hiring gain`), the base its rate names (`a
    /// month`, `per month`) and the span the average runs over (`last two
    /// quarters`), which is the average's own period, not one said earlier
    /// in the sentence (`hiring rose by 41,000 in May, and …`).
    fn averaged_change(
        &self,
        clause: &[&str],
        after: &[&str],
        sentence: &[&str],
    ) -> Option<(bool, String, Option<String>, Option<String>)> {
        let c = self.classes;
        let (last, rest) = clause.split_last()?;
        if !c.averaging.iter().any(|a| a == last) {
            return None;
        }
        let mut rest = rest;
        while let Some((aux, r)) = rest.split_last().filter(|(w, _)| c.verbs.iter().any(|v| v == *w)) {
            let _ = aux;
            rest = r;
        }
        let (change, before) = rest.split_last()?;
        // A noun of change: a change word with a plural or noun ending
        // (`gains`, `increases`, `declines`, `losses`).
        let up = self.change_word(change).filter(|_| change.ends_with('s') && change.len() > 4)?;
        let of = self.last_np(before)?;
        let head = format!("{of} {}", singular(change));
        // The rate's time unit: `a month`, `per month`, `each month`.
        let base = after.windows(2).find_map(|w| {
            let per = matches!(w[0], "a" | "an" | "per" | "each" | "every");
            let unit = singular(w[1]);
            per.then(|| self.words.spec.bases.iter().find(|b| b.id == unit).map(|b| b.id.clone())).flatten()
        });
        // The span: `over the last two quarters`, `in the last 12 weeks`,
        // after the figure or fronted (`Over the past year, …`).
        let span = |ws: &[&str]| {
            ws.windows(5).find_map(|w| {
                let opens = matches!(w[0], "over" | "in" | "during" | "for") && w[1] == "the";
                let recent = matches!(w[2], "past" | "last" | "previous" | "preceding");
                (opens && recent && c.times.iter().any(|t| t == w[4])).then(|| format!("{} {} {}", w[2], w[3], w[4]))
            })
        };
        let period = span(after).or_else(|| span(sentence));
        Some((up, head, base, period))
    }

    /// The base of a change written with the level it reached and that
    /// level's month or quarter, and no base of its own: `rose by 1,200, or
    /// 2.1 percent, to 58,400 in March` (enrolment, retail) and `fell by
    /// $40 million to $1.2 billion in the second quarter` (public finances)
    /// run from the level before, one month or quarter earlier. The level is
    /// the one said in the clauses that go on with the change (`or …`,
    /// `to …`); a change said `in March` alone may run over the year.
    fn base_of_level_reached(&self, after: &[Token]) -> Option<String> {
        let re = self.words.periods.as_ref()?;
        let period = after
            .split(|t| *t == Token::Boundary)
            .map(words)
            .enumerate()
            .take_while(|(k, ws)| *k == 0 || matches!(ws.first(), Some(&"or" | &"to")))
            .find_map(|(_, ws)| {
                let text = ws.join(" ");
                let found = re.captures(&text).and_then(|c| c.get(1).or_else(|| c.get(0)))?;
                // `to 58,400 in March`: the level reached, then its period.
                (ws.first() == Some(&"to") && ws[1..].iter().any(|w| has_digit(w))).then(|| found.as_str().to_string())
            })
            .map(|p| self.period_words(&p.split(' ').collect::<Vec<_>>()))?;
        let ws: Vec<&str> = period.split(' ').collect();
        let id = match ws.as_slice() {
            [m] | [m, _] if !m.contains('-') && self.month(m).is_some() && ws.get(1).is_none_or(|y| is_year(y)) => {
                "month"
            }
            [_, "quarter", ..] => "quarter",
            _ => return None,
        };
        self.words.spec.bases.iter().find(|b| b.id == id).map(|b| b.id.clone())
    }

    /// The single month, quarter or span of months the clause names: after
    /// the figure first (`grew 1.2 percent in the first quarter`), else
    /// before it in the sentence.
    fn period(&self, after: &[Token], before: &[Token]) -> Option<String> {
        let re = self.words.periods.as_ref()?;
        let read = |tokens: &[Token], last: bool| {
            let text = words(tokens).join(" ");
            let mut found =
                re.captures_iter(&text).filter_map(|c| c.get(1).or_else(|| c.get(0)).map(|m| m.as_str().to_string()));
            if last {
                found.last()
            } else {
                found.next()
            }
        };
        let own = first_clause(after);
        let own_end = own
            .iter()
            .position(|t| matches!(t, Token::Word(w) if self.classes.base_openers.iter().any(|b| b == w)))
            .unwrap_or(own.len());
        // A period in a clause of its own right after the figure's (`from
        // 264,000 to 252,000, in January to March 2025`).
        let next_clause = || {
            let rest = after.get(own.len() + 1..).map(first_clause).unwrap_or(&[]);
            let opens = re.find(&words(rest).join(" ")).is_some_and(|m| m.start() == 0);
            if opens {
                read(rest, false)
            } else {
                None
            }
        };
        read(&own[..own_end], false)
            .or_else(|| (own_end == own.len()).then(next_clause).flatten())
            .or_else(|| read(before, true))
            .map(|p| self.period_words(&p.split(' ').collect::<Vec<_>>()))
    }

    /// A period in one spelling: months by their first three letters, a span
    /// of months joined by `-` (`July to September 2024` and `Jul-Sep 2024`).
    fn period_words(&self, ws: &[&str]) -> String {
        let mut out: Vec<String> = Vec::new();
        for w in ws {
            for part in w.split('-').filter(|p| !p.is_empty()) {
                if matches!(part, "to" | "through" | "thru") {
                    out.push("-".to_string());
                } else if let Some(m) = self.month(part) {
                    out.push(m.to_string());
                } else if !part.starts_with('(') {
                    out.push(part.to_string());
                }
            }
            if w.contains('-') && w.split('-').filter(|p| !p.is_empty()).count() == 2 {
                let last = out.pop();
                let first = out.pop();
                if let (Some(a), Some(b)) = (first, last) {
                    out.push(a);
                    out.push("-".to_string());
                    out.push(b);
                }
            }
        }
        out.join(" ").replace(" - ", "-")
    }

    /// The month a word names (`september`, `sept`, `sep`), by its first
    /// three letters.
    fn month<'w>(&self, word: &'w str) -> Option<&'w str> {
        let w = word.trim_end_matches('.');
        (w.len() >= 3 && self.classes.months.iter().any(|m| m.starts_with(w)) && w.is_char_boundary(3)).then(|| &w[..3])
    }

    /// The counted noun after a bare count: `30.41 million payrolled
    /// employees`, ending at a conjunction, a preposition or a verb.
    fn counted_noun(&self, after: &[&str]) -> String {
        let first = after.first().copied().unwrap_or("");
        if self.change_word(first).is_some() || self.is_function_word(first) {
            return String::new();
        }
        let end = after.iter().position(|w| matches!(*w, "and" | "or" | "but")).unwrap_or(after.len());
        let noun = self.first_np(&after[..end]);
        // `on an average weekday` after the noun makes it an average of
        // that span: `378,000 boardings on an average weekday` are average
        // weekday boardings (transit), `660 patients on a typical day` (hospitals).
        let c = self.classes;
        let at = after[..end].iter().position(|w| c.prepositions.iter().any(|p| p == w));
        match at.map(|at| &after[at..end]) {
            Some(["on", det, average, span, ..])
                if !noun.is_empty()
                    && c.determiners.iter().any(|d| d == det)
                    && c.generic_modifiers.iter().any(|g| g == average)
                    && span.chars().all(char::is_alphabetic) =>
            {
                format!("{average} {} {noun}", singular(span))
            }
            _ => noun,
        }
    }

    /// The place a part names after a count it is part of: `delivered
    /// 4,815 babies, including 2,207 at Lakeside` (hospitals), `made 1,240
    /// arrests, including 310 in Eastside` (policing). The part counts what
    /// the whole counts, at that place: the words between the two figures
    /// are a part marker alone, and the part's own clause opens with a
    /// post-modifier and a noun phrase that is no time.
    fn part_scope(&self, i: usize) -> Option<String> {
        let figure = &self.figures[i];
        let whole = self.figures.get(i.checked_sub(1)?)?;
        if whole.sentence != figure.sentence || whole.span.end > figure.span.start || whole.unit != figure.unit {
            return None;
        }
        let boundaries = self.pack.spec.labels.boundaries.as_str();
        let between = tokens(&self.text[whole.span.end..figure.span.start], boundaries);
        let marker = words(last_clause(&between)).join(" ");
        if !self.pack.spec.linking.part_markers.contains(&marker) {
            return None;
        }
        let next_start = self
            .figures
            .get(i + 1)
            .filter(|f| f.sentence == figure.sentence)
            .map_or(figure.sentence.end.max(figure.span.end), |f| f.span.start.max(figure.span.end));
        let after = tokens(&self.text[figure.span.end..next_start], boundaries);
        let own = words(first_clause(&after));
        let (first, rest) = own.split_first()?;
        if !self.classes.post_modifiers.iter().any(|m| m == first) || *first == "of" {
            return None;
        }
        let np = self.first_np(rest);
        (!np.is_empty() && !self.is_time(&np)).then_some(np)
    }

    /// A phrase after the figure that says which of several it is: `$25
    /// billion for government bonds` (`for` and a noun phrase, not a time).
    fn qualifier(&self, after: &[&str]) -> Option<String> {
        let at = after.iter().position(|w| self.classes.qualifying.iter().any(|q| q == w))?;
        // Only right after the figure or its counted noun.
        if after[..at].iter().any(|w| self.is_function_word(w) || self.change_word(w).is_some()) {
            return None;
        }
        let np = self.first_np(&after[at + 1..]);
        (!np.is_empty() && !self.is_time(&np)).then(|| format!("{} {np}", after[at]))
    }

    /// The subject of the clause before the figure, clause by clause from the
    /// nearest: the last noun phrase before its verb (`Among young people the
    /// rate was`), else, with no verb, the last noun phrase before a trailing
    /// preposition (`the unemployment rate, at 4.2%`, `core inflation still
    /// at`), else the object after a pronoun's verb (`It reported an
    /// unemployment rate of`). A relative clause (`which now stands at`) is
    /// about the noun phrase the clause before ends with; a parenthetical
    /// one (`which excludes food`, `counting takeoffs`) is skipped. After an
    /// earlier figure, the first clause is that figure's own tail and names
    /// nothing of this one.
    fn subject(&self, before: &[Token], after_figure: bool) -> Option<String> {
        let mut clauses: Vec<Vec<&str>> = before.split(|t| *t == Token::Boundary).map(words).collect();
        if after_figure && !clauses.is_empty() {
            clauses.remove(0);
        }
        let n = clauses.len();
        // The figure's own clause is its verb alone (`) was`, `, stood at`):
        // the subject is a clause before an aside, read whole as a subject
        // before its verb is (`Annual growth in average earnings (excluding
        // bonuses) was` in labour data, `Sales at our stores, which reopened
        // in May, were` in retail).
        let verb_alone = clauses.last().is_some_and(|ws| {
            !ws.is_empty()
                && self.is_verb(ws[0])
                && self.change_word(ws[0]).is_none()
                && ws.iter().all(|w| self.is_verb(w) || self.is_function_word(w))
        });
        for (k, ws) in clauses.iter().enumerate().rev().take(SUBJECT_CLAUSES + 1) {
            if ws.is_empty() {
                continue;
            }
            let relative = self.classes.relatives.iter().any(|r| r == ws[0]);
            if relative || ws[0].ends_with("ing") {
                if k + 1 == n && relative {
                    // The figure's own clause: about its antecedent.
                    if let Some(np) = k.checked_sub(1).and_then(|p| self.last_np(&clauses[p])) {
                        return Some(np);
                    }
                }
                continue;
            }
            let verb = ws.iter().position(|w| self.is_verb(w));
            let found = match verb {
                // A verb that acts on its object, or reports it (`the survey
                // found an unemployment rate of`): the object is the measure.
                Some(v) if self.is_content_verb(ws[v]) || self.classes.reporting.iter().any(|r| r == ws[v]) => {
                    self.head_np(&ws[v + 1..]).or_else(|| self.head_np(&ws[..v]))
                }
                Some(v) => self.head_np(&ws[..v]).or_else(|| self.head_np(&ws[v + 1..])),
                None if verb_alone && k + 1 < n => self.head_np(ws).or_else(|| self.last_np(ws)),
                None => self.last_np(ws),
            };
            // An object that counts nothing (`light rail led the way, up 10.3
            // percent` in transit, `exports led the way` in trade): the measure
            // is the subject before its verb.
            let found = match found {
                Some(np) if self.counts_nothing(&np) => ws
                    .iter()
                    .position(|w| self.is_verb(w) || self.is_content_verb(w))
                    .filter(|&v| v > 0)
                    .and_then(|v| self.head_np(&ws[..v])),
                found => found,
            };
            if let Some(np) = found {
                let scope = k.checked_sub(1).and_then(|p| self.fronted_scope(&clauses[p]));
                return Some(match scope {
                    Some(scope) if !np.ends_with(')') => format!("{np} ({scope})"),
                    _ => np,
                });
            }
        }
        None
    }

    /// The noun phrase a subject or object names: after a fronted adverbial
    /// (`Among young people aged 16 to 24 the rate`), from its last
    /// determiner; its head with what stands before it, up to a
    /// post-modifier (`the smoking rate for people aged 18 to 64`). A
    /// fronted scope (`among young people`) is kept after it, in brackets.
    fn head_np(&self, ws: &[&str]) -> Option<String> {
        let c = self.classes;
        let mut from = 0;
        let mut scope = None;
        if ws.first().is_some_and(|w| c.prepositions.iter().any(|p| p == w)) {
            // A conjunction that is also a preposition opens a clause whose
            // subject has no determiner: `as light rail ridership rose`
            // (transit), `as exports grew` (trade).
            let opener = c.scope_openers.iter().any(|o| o == ws[0]);
            let det = match ws.iter().rposition(|w| c.determiners.iter().any(|d| d == w)) {
                Some(det) => det,
                None if !opener && ws.len() > 1 => 1,
                None => return None,
            };
            if opener {
                scope = Some(self.first_np(&ws[1..det])).filter(|s| !s.is_empty());
            }
            from = det;
        }
        let np = self.first_np(&ws[from..]);
        if np.is_empty() {
            return None;
        }
        // A post-modifier says which one (`average hourly earnings of
        // production employees`, `the smoking rate for people aged 18 to
        // 64`): kept in brackets, unless it is a time.
        let rest = &ws[from..];
        let head_end = rest.iter().position(|w| c.post_modifiers.iter().any(|q| q == w));
        let modifier = head_end
            .filter(|&at| at > 0 && !(rest[at] == "of" && c.generic_heads.iter().any(|g| g == rest[at - 1])))
            // `outpatient visits at its hospitals` (health systems), `sales
            // at our stores` (retail): the subject's own whole, no scope.
            .filter(|&at| !rest.get(at + 1).is_some_and(|w| c.possessives.iter().any(|p| p == w)))
            .map(|at| self.first_np(&rest[at + 1..]))
            // `for people aged 16 to 64`: a rate is of people anyway.
            .filter(|m| !m.is_empty() && !self.is_time(m) && !c.populations.iter().any(|p| p == m));
        // A head that names nothing alone takes its post-modifier before it,
        // as a table's row or a headline writes it: `sales at gasoline
        // stations` is `gasoline station sales` (retail), `employment in
        // manufacturing` is `manufacturing employment` (payrolls).
        let (np, modifier) = match modifier {
            Some(m) if scope.is_none() && self.naming_words(&np) < MIN_WORDS => {
                (format!("{} {np}", self.premodifier(&m)), None)
            }
            m => (np, m),
        };
        let scope = match (scope, modifier) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        };
        Some(match scope {
            Some(scope) => format!("{np} ({scope})"),
            None => np,
        })
    }

    /// The last noun phrase of `ws`: trailing prepositions and fillers
    /// dropped, then the run of content words back to a function word (an
    /// `of` after a generic head is kept: `the number of vacancies`).
    fn last_np(&self, ws: &[&str]) -> Option<String> {
        let c = self.classes;
        let mut end = ws.len();
        while end > 0 && (self.is_function_word(ws[end - 1]) || has_digit(ws[end - 1])) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 {
            let w = ws[start - 1];
            if w == "of" && start >= 2 && c.generic_heads.iter().any(|g| g == ws[start - 2]) && start < end {
                start -= 1;
                continue;
            }
            if self.is_function_word(w)
                || self.is_verb(w)
                || has_digit(w)
                || !w.chars().all(|ch| ch.is_alphabetic() || ch == '-')
            {
                break;
            }
            start -= 1;
        }
        let np = self.content(&ws[start..end]);
        (!np.is_empty()).then_some(np)
    }

    /// The first noun phrase of `ws`: up to a relative word, a verb, a
    /// number or a preposition (an `of` after a generic head is kept).
    fn first_np(&self, ws: &[&str]) -> String {
        let c = self.classes;
        let mut end = 0;
        while end < ws.len() {
            let w = ws[end];
            if w == "of" && end > 0 && c.generic_heads.iter().any(|g| g == ws[end - 1]) {
                end += 1;
                continue;
            }
            if c.relatives.iter().any(|r| r == w)
                || c.prepositions.iter().any(|p| p == w)
                || self.is_verb(w)
                || has_digit(w)
                || !w.chars().all(|ch| ch.is_alphabetic() || ch == '-' || ch == '\'' || ch == '’')
            {
                break;
            }
            // A reduced relative clause: `crashes caused by`, `people aged 16`.
            let next = ws.get(end + 1).copied().unwrap_or("");
            // A past verb and its object: `passengers used the airport`,
            // `patients visited the clinic`.
            if end > 0
                && w.ends_with("ed")
                && (c.prepositions.iter().any(|p| p == next)
                    || has_digit(next)
                    || c.determiners.iter().any(|d| d == next))
            {
                break;
            }
            end += 1;
        }
        self.content(&ws[..end])
    }

    /// The content words of a noun phrase: determiners, possessives and
    /// a trailing `of` dropped, plural nouns singular, its last words kept.
    fn content(&self, ws: &[&str]) -> String {
        let c = self.classes;
        let ws = self.without_adjustments(ws);
        let mut out: Vec<String> = ws
            .iter()
            .filter(|w| {
                !c.determiners.iter().any(|d| d == *w)
                    && !w.ends_with("'s")
                    && !w.ends_with("’s")
                    && !w.ends_with('\'')
                    && !has_digit(w)
            })
            .map(|w| {
                let w = singular(w);
                c.synonyms.iter().find(|(_, others)| others.contains(&w)).map_or(w, |(key, _)| key.clone())
            })
            .collect();
        while out.first().is_some_and(|w| c.prepositions.iter().any(|p| p == w) || w == "and") {
            out.remove(0);
        }
        while out.last().is_some_and(|w| c.prepositions.iter().any(|p| p == w) || w == "and") {
            out.pop();
        }
        let keep = out.len().saturating_sub(MAX_WORDS);
        out[keep..].join(" ")
    }

    /// The words of a noun phrase without the adjustments of its estimate
    /// (`seasonally adjusted`), which qualify how it is estimated, not what
    /// it counts; kept where the release states the measure without them
    /// too (`not seasonally adjusted`, `unadjusted`).
    fn without_adjustments<'w>(&self, ws: &[&'w str]) -> Vec<&'w str> {
        let mut keep = vec![true; ws.len()];
        for adjustment in &self.classes.adjustments {
            let phrase: Vec<&str> = adjustment.split(' ').collect();
            let Some(at) = ws.windows(phrase.len()).position(|w| w == phrase.as_slice()) else { continue };
            let text = self.text.to_lowercase();
            let last = phrase.last().copied().unwrap_or_default();
            let contrasted = text.contains(&format!("not {adjustment}"))
                || text.contains(&format!("un{last}"))
                || text.contains(&format!("non-{last}"));
            if !contrasted {
                keep[at..at + phrase.len()].iter_mut().for_each(|k| *k = false);
            }
        }
        ws.iter().zip(keep).filter(|(_, k)| *k).map(|(w, _)| *w).collect()
    }

    /// An `of` or `at` phrase written before its head, as a premodifier:
    /// the units that carry out an activity say nothing beside it
    /// (`food service establishments` → `food service`), and an agent noun
    /// is its activity (`retailer` → `retail`).
    fn premodifier(&self, phrase: &str) -> String {
        let c = self.classes;
        let words: Vec<&str> = phrase.split(' ').collect();
        let kept: Vec<&str> = words.iter().copied().filter(|w| !c.agent_units.iter().any(|u| u == w)).collect();
        let kept = if kept.is_empty() { words } else { kept };
        kept.iter()
            .map(|w| c.agents.iter().find(|(_, agents)| agents.iter().any(|a| a == w)).map_or(*w, |(a, _)| a.as_str()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// True when a phrase names a time (`the month`, `March`, `2024`).
    fn is_time(&self, np: &str) -> bool {
        np.split(' ').any(|w| {
            self.month(w).is_some() || is_year(w) || self.classes.times.iter().any(|t| t == w || singular(t) == w)
        })
    }

    /// The scope a fronted phrase of its own clause gives the sentence: `In
    /// manufacturing, the average workweek was…` (not a time: `In March,`).
    fn fronted_scope(&self, clause: &[&str]) -> Option<String> {
        let (first, rest) = clause.split_first()?;
        if !self.classes.scope_openers.iter().any(|o| o == first) || rest.iter().any(|w| self.is_verb(w)) {
            return None;
        }
        let np = self.first_np(rest);
        (!np.is_empty() && !self.is_time(&np) && rest.len() <= MAX_WORDS + 1).then_some(np)
    }

    /// True when a noun phrase is one noun the pack says counts nothing
    /// (`way`, `thing`, `time`).
    fn counts_nothing(&self, np: &str) -> bool {
        !np.contains(' ') && self.pack.spec.labels.not_counted_nouns.iter().any(|n| n == np || singular(n) == np)
    }

    fn is_verb(&self, word: &str) -> bool {
        self.classes.verbs.iter().any(|v| v == word)
            || self.classes.content_verbs.iter().any(|v| v == word)
            || self.change_word(word).is_some()
    }

    /// A verb that says what was done to what is counted (`handled`,
    /// `recorded`, `solved`): a word of the clause's end that is no function
    /// word, no change word and reads as a past or present verb.
    fn is_content_verb(&self, word: &str) -> bool {
        !self.is_function_word(word)
            && self.change_word(word).is_none()
            && word.chars().all(|c| c.is_alphabetic())
            && (word.ends_with("ed") || self.classes.content_verbs.iter().any(|v| v == word))
    }

    fn is_function_word(&self, word: &str) -> bool {
        let c = self.classes;
        c.prepositions.iter().any(|w| w == word)
            || c.relatives.iter().any(|w| w == word)
            || c.verbs.iter().any(|w| w == word)
            || c.determiners.iter().any(|w| w == word)
    }
}

/// The parts of a spaced core: the verb that counts it (`recorded: `), the
/// noun phrase, and the scope in brackets (`(riverbend medical center)`).
fn core_parts(core: &str) -> (Option<&str>, &str, Option<&str>) {
    let (np, scope) = match core.split_once(" (") {
        Some((np, rest)) => (np, Some(rest.trim_end_matches(')'))),
        None => (core, None),
    };
    match np.split_once(": ") {
        Some((verb, noun)) => (Some(verb), noun, scope),
        None => (None, np, scope),
    }
}

/// True when a period said of a count fits the period of the measure it
/// may name: equal, or the month alone of the month with its year; no
/// period only where the measure says none either; a measure with none fits any.
fn period_fits(own: &Option<String>, measure: &Option<String>) -> bool {
    match (own, measure) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b || (b.starts_with(a.as_str()) && b[a.len()..].starts_with(' ')),
        // A measure named without a period fits a count that says its own.
        (Some(_), None) => true,
        (None, Some(_)) => false,
    }
}

/// Readings that need the whole release, once every figure is described.
///
/// A count named by one noun (`we recorded 68,000 admissions`, `handled
/// 2.4 million passengers`) is said of many measures and anchors nothing
/// alone; in a release where one measure only is named by that noun, with
/// the same frame, unit and period, the count states it (`inpatient
/// admissions`, a table's `Total passengers` row). A count whose sentence
/// opens with a row name of a table that crosses sites with measures
/// (`Eastgate Hospital, …, recorded 18,926 admissions`) is that row's. A
/// change stated of such a count (`an increase of 6.4 percent`) follows it.
pub(super) fn settle(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    tables: &Tables,
    layout: &Layout,
    out: &mut [Description],
) {
    let spaced: Vec<bool> = figures
        .iter()
        .zip(out.iter())
        .map(|(f, d)| {
            let pack = &packs.packs[f.pack];
            d.legacy.is_none() && pack.spec.labels.order == LabelOrder::After && pack.measure_words.spec.words.is_some()
        })
        .collect();
    if !spaced.iter().any(|&s| s) {
        return;
    }
    let original: Vec<String> = out.iter().map(|d| d.core.clone()).collect();
    let lone = |d: &Description| d.kind == Kind::Level && !d.anchored && !d.cell && !core_parts(&d.core).1.is_empty();
    // The rows of tables that cross sites with measures: their cells'
    // scopes in brackets.
    let rows: BTreeSet<String> = out
        .iter()
        .zip(&spaced)
        .filter(|(d, &s)| s && d.cell && d.kind == Kind::Level)
        .filter_map(|(d, _)| core_parts(&d.core).2.map(str::to_string))
        .collect();
    if !rows.is_empty() {
        for i in 0..figures.len() {
            let d = &out[i];
            let (verb, _, scope) = core_parts(&d.core);
            if !spaced[i] || !lone(d) || verb.is_none() || scope.is_some() {
                continue;
            }
            let figure = &figures[i];
            let pack = &packs.packs[figure.pack];
            let Some(classes) = &pack.measure_words.spec.words else { continue };
            let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
            let start = figure.sentence.start.min(figure.span.start);
            // Only the sentence's opening is read: linear however long it runs.
            let mut end = figure.span.start.min(start + OPENING_BYTES);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let opening = tokens(&text[start..end], pack.spec.labels.boundaries.as_str());
            // The clause's words up to its verb: `Eastgate Hospital recorded`.
            let clause = words(first_clause(&opening));
            let verb_at = clause.iter().position(|w| reader.is_verb(w) || reader.is_content_verb(w));
            let subject = reader.content(&clause[..verb_at.unwrap_or(clause.len())]);
            if rows.contains(&subject) {
                out[i].core = format!("{} ({subject})", out[i].core);
            }
        }
    }
    // The one measure each lone count or change may name, among the
    // named ones whose noun ends with the same word.
    let measure_of = |d: &Description| -> String {
        if d.kind == Kind::Level {
            d.core.clone()
        } else {
            d.head.clone().unwrap_or_default()
        }
    };
    let last_word = |m: &str| core_parts(m).1.rsplit(' ').next().unwrap_or("").to_string();
    let paragraph = |i: usize| {
        link::paragraph(layout, figures[i].span.start, packs.packs[figures[i].pack].spec.labels.paragraphs).start
    };
    // The nouns the release's tables name measures by: a table's row and
    // column names are clean noun phrases, a clause's may not be.
    let tabled: BTreeSet<String> = out
        .iter()
        .zip(&spaced)
        .filter(|(d, &s)| s && d.cell && d.kind == Kind::Level)
        .map(|(d, _)| core_parts(&d.core).1.to_string())
        .collect();
    let mut named: HashMap<(Kind, String), Vec<usize>> = HashMap::new();
    for (j, c) in out.iter().enumerate() {
        if spaced[j] && c.anchored && c.kind != Kind::Share {
            named.entry((c.kind, last_word(&measure_of(c)))).or_default().push(j);
        }
    }
    let mut adopted: Vec<(usize, usize)> = Vec::new();
    for i in 0..figures.len() {
        let d = &out[i];
        let lone_change =
            d.kind == Kind::Change && !d.anchored && !d.cell && d.head.as_ref().is_some_and(|h| !h.is_empty());
        if !spaced[i] || !(lone(d) || lone_change) {
            continue;
        }
        // `fell in 12 of the 18 sectors`: a part of what follows, not the
        // subject's count.
        let pack = &packs.packs[figures[i].pack];
        let next = text[figures[i].span.end..].split_whitespace().next().unwrap_or("").to_lowercase();
        if pack.spec.linking.relations.share_of.contains(&next) {
            continue;
        }
        let own = measure_of(d);
        let (verb, written_noun, scope) = core_parts(&own);
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        let written_last = written_noun.rsplit(' ').next().unwrap_or("");
        // A verb and noun that name a measure of their own: `enrolled
        // 37,765 students` states enrollment, `delivered 6,382 babies` births.
        let phrase = verb.map(|v| format!("{v} {written_noun}"));
        // A participle right after the counted noun names a measure as the
        // verb before it does: `19,420 undergraduates enrolled last autumn`
        // (universities) state undergraduate enrollment, `1,240 patients
        // enrolled` (clinical trials) enrollment, `640 babies delivered at
        // home` (community health) births.
        let participle = (verb.is_none() && d.kind == Kind::Level)
            .then(|| {
                let mut ws = text[figures[i].span.end..]
                    .split_whitespace()
                    .take(2)
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
                let (n, p) = (ws.next()?, ws.next()?);
                (singular(&n) == written_last && p.len() > 4 && p.ends_with("ed")).then_some(p)
            })
            .flatten();
        let by_participle: Option<String> = participle.and_then(|p| {
            let phrase = format!("{p} {written_noun}");
            if let Some((measure, _)) = classes.counted_as.iter().find(|(_, phrases)| phrases.contains(&phrase)) {
                return Some(measure.clone());
            }
            // A noun the pack does not list with the verb is a kind of what
            // the verb counts: `undergraduates enrolled`, undergraduate enrollment.
            let mut measures = classes
                .counted_as
                .iter()
                .filter(|(_, phrases)| phrases.iter().any(|x| x.split(' ').next() == Some(p.as_str())));
            let (measure, _) = measures.next()?;
            measures.next().is_none().then(|| format!("{written_noun} {measure}"))
        });
        let noun = match &by_participle {
            Some(m) => m.as_str(),
            None => classes
                .counted_as
                .iter()
                .find(|(_, phrases)| phrase.as_ref().is_some_and(|p| phrases.contains(p)))
                .map_or(written_noun, |(measure, _)| measure.as_str()),
        };
        let last = noun.rsplit(' ').next().unwrap_or("");
        if d.kind == Kind::Level {
            // The noun counted is written after the figure (`68,000
            // admissions`), not guessed from the clause; a small count in
            // words (`three questions`) and a span of time (`over 10 years`)
            // name no measure of the release.
            let written = &text[figures[i].span.clone()];
            let next = singular(next.trim_end_matches(|c: char| !c.is_alphanumeric()));
            let next =
                classes.synonyms.iter().find(|(_, others)| others.contains(&next)).map_or(next, |(k, _)| k.clone());
            // Or the sentence opens with the noun as its subject, right
            // before its verb (`Listings fell on the quarter to 252,000`,
            // `Admissions rose to 68,412`).
            let opens_with = || {
                let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
                let start = figures[i].sentence.start.min(figures[i].span.start);
                let mut end = figures[i].span.start.min(start + OPENING_BYTES);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let opening = tokens(&text[start..end], pack.spec.labels.boundaries.as_str());
                let clause = words(first_clause(&opening));
                matches!(clause.as_slice(), [subject, verb, ..]
                    if reader.content(&[subject]) == written_noun && (reader.is_verb(verb) || reader.change_word(verb).is_some()))
            };
            if (next != written_last && !(written_noun == written_last && opens_with()))
                || !written.chars().any(|c| c.is_ascii_digit())
                || classes.times.iter().any(|t| t == last || singular(t) == last)
            {
                continue;
            }
        }
        // No period, and no word of time in the sentence that the periods
        // read missed (`In the first five months of this year`).
        let timeless = d.period.is_none() && {
            let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
            // The sentence up to the figure, and its own clause after it.
            let (sentence, span) = (&figures[i].sentence, &figures[i].span);
            let start = sentence.start.min(span.start).max(span.start.saturating_sub(SENTENCE_BYTES));
            let mut end = span.end.max(sentence.end.min(span.end + SENTENCE_BYTES));
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let mut start = start;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let boundaries = pack.spec.labels.boundaries.as_str();
            let before = tokens(&text[start..span.start], boundaries);
            let after = tokens(&text[span.end.min(end)..end], boundaries);
            !words(&before).iter().chain(words(first_clause(&after)).iter()).any(|w| reader.is_time(w))
        };
        // A period the reader missed: which measure it restates is unknown.
        if d.period.is_none() && !timeless {
            continue;
        }
        let here = paragraph(i);
        let empty = Vec::new();
        let pool_of = |last: &str| named.get(&(d.kind, last.to_string())).filter(|p| p.len() <= MAX_CANDIDATES);
        let generic = |w: &str| classes.generic_modifiers.iter().any(|g| g == w);
        let candidates = |noun: &str, exact: bool| -> Vec<usize> {
            let last = noun.rsplit(' ').next().unwrap_or("");
            pool_of(last)
                .unwrap_or(&empty)
                .iter()
                .copied()
                .filter(|&j| {
                    let c = &out[j];
                    let measure = measure_of(c);
                    let (_, cn, cs) = core_parts(&measure);
                    // Restated in another paragraph, as compatible measures
                    // link (`cluster`): one paragraph's two counts of one
                    // noun are two measures.
                    paragraph(j) != here
                        && c.frame == d.frame
                        && c.unit == d.unit
                        && c.previous == d.previous
                        && cs == scope
                        // A count that leaves its period unsaid states the
                        // release's current one: a table's latest column
                        // (`We carried about 9.2 million boardings` beside
                        // `Sept. 2024`), as `current_periods` reads it.
                        && (period_fits(&d.period, &c.period) || (timeless && c.cell && !c.previous))
                        && (d.kind == Kind::Level || c.core == d.core || first_word(&c.core) == d.core)
                        && if exact {
                            // `the number of vacancies` counts vacancies.
                            cn == noun
                                || cn.split_once(" of ").is_some_and(|(head, of)| {
                                    of == noun && classes.generic_heads.iter().any(|g| g == head)
                                })
                        } else {
                            // More words that name a kind of the noun
                            // (`inpatient admissions`), not an average of it
                            // (`average weekday boardings`).
                            tabled.contains(cn)
                                && cn.ends_with(noun)
                                && cn[..cn.len() - noun.len()].ends_with(' ')
                                && !cn[..cn.len() - noun.len()].split(' ').any(generic)
                        }
                })
                .collect()
        };
        // The measure the verb and noun name, else the noun's own (`enrolled
        // 640 pupils` beside a table's `Enrolled pupils` column).
        let mut found = Vec::new();
        for noun in [noun, written_noun] {
            if found.is_empty() {
                found = candidates(noun, true);
            }
            if found.is_empty() {
                found = candidates(noun, false);
            }
        }
        let mut nouns: Vec<String> = found.iter().map(|&j| core_parts(&measure_of(&out[j])).1.to_string()).collect();
        nouns.sort_unstable();
        nouns.dedup();
        if nouns.len() != 1 {
            continue;
        }
        // The measure as the count's own verb names it, else as a table
        // names it (no verb), else as first named.
        let best = found
            .iter()
            .copied()
            .min_by_key(|&j| {
                let measure = measure_of(&out[j]);
                let cv = core_parts(&measure).0.map(str::to_string);
                (cv.as_deref() != verb || verb.is_none(), cv.is_some(), j)
            })
            .unwrap_or(found[0]);
        adopted.push((i, best));
    }
    // Two different figures that would name one measure name none; the verb
    // that counts them may differ (`handled 2.4 million passengers`, `2.4
    // million travelers came through`).
    let mut by_measure: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(i, best) in &adopted {
        by_measure.entry(best).or_default().push(i);
    }
    let claim = |d: &Description| {
        let (_, noun, scope) = core_parts(&d.core);
        // A period said or left unsaid: each fits the measure's already.
        Description { core: format!("{noun} ({})", scope.unwrap_or("")), period: None, ..d.clone() }
    };
    let mut renamed: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (best, figs) in by_measure {
        let first = claim(&out[figs[0]]);
        if figs.iter().any(|&i| claim(&out[i]) != first) {
            continue;
        }
        let chosen = out[best].clone();
        for i in figs {
            if chosen.kind == Kind::Level {
                let entry = renamed.entry(original[i].clone()).or_insert_with(|| Some(chosen.core.clone()));
                if entry.as_deref() != Some(chosen.core.as_str()) {
                    *entry = None;
                }
            }
            let d = &mut out[i];
            d.core = chosen.core.clone();
            d.head = chosen.head.clone();
            d.period = chosen.period.clone().or(d.period.take());
            d.anchored = true;
        }
    }
    // Changes of a count that now names its measure.
    for i in 0..figures.len() {
        let d = &mut out[i];
        if !spaced[i] || d.kind != Kind::Change || d.anchored {
            continue;
        }
        if let Some(Some(core)) = d.head.as_ref().and_then(|h| renamed.get(h)) {
            d.head = Some(core.clone());
            d.anchored = true;
        }
    }
    // A part at a place (`including 3,912 at Riverbend`) counts what its
    // whole counts, as now named, at that place.
    for i in 1..figures.len() {
        if !spaced[i] || !spaced[i - 1] || figures[i].cell || out[i - 1].kind != Kind::Level || !out[i - 1].anchored {
            continue;
        }
        let pack = &packs.packs[figures[i].pack];
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
        let Some(place) = reader.part_scope(i) else { continue };
        let whole = out[i - 1].clone();
        let (_, noun, scope) = core_parts(&whole.core);
        if scope.is_some() || noun.is_empty() {
            continue;
        }
        out[i] = Description { core: format!("{noun} ({place})"), ..whole };
    }
    restated_subjects(text, figures, packs, tables, layout, &spaced, out);
    received_sums(text, figures, packs, tables, &spaced, out);
    combined_totals(text, figures, packs, &spaced, out);
    table_rows_named_once(text, figures, packs, tables, &spaced, out);
    current_periods(figures, &spaced, out);
    revised_levels(text, figures, packs, tables, &spaced, out);
}

/// A change whose sentence opens with one noun as its subject (`Admissions
/// were 3.2 percent above …` after `Emergency admissions rose …`, hospitals;
/// `Receipts rose 5 percent …` after `Customs duty receipts totaled …`,
/// customs) restates the measure its paragraph last named in full with that
/// noun last, in an earlier sentence: the bare noun refers back to it.
fn restated_subjects(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    tables: &Tables,
    layout: &Layout,
    spaced: &[bool],
    out: &mut [Description],
) {
    let paragraph = |i: usize| {
        link::paragraph(layout, figures[i].span.start, packs.packs[figures[i].pack].spec.labels.paragraphs).start
    };
    for i in 0..figures.len() {
        let d = &out[i];
        // The sentence's first figure: a later one may have a subject of
        // its own (`…, and admissions for the quarter ran 2 percent`).
        let first = i == 0 || figures[i - 1].sentence != figures[i].sentence;
        if !spaced[i] || d.cell || d.kind != Kind::Change || d.anchored || !first {
            continue;
        }
        let Some(noun) = d.head.clone().filter(|h| !h.is_empty() && !h.contains(' ')) else { continue };
        let pack = &packs.packs[figures[i].pack];
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
        let start = figures[i].sentence.start.min(figures[i].span.start);
        let mut end = figures[i].span.start.min(start + OPENING_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let opening = tokens(&text[start..end], pack.spec.labels.boundaries.as_str());
        let clause = words(first_clause(&opening));
        let opens = matches!(clause.as_slice(), [subject, verb, ..]
            if reader.content(&[subject]) == noun && (reader.is_verb(verb) || reader.change_word(verb).is_some()));
        if !opens {
            continue;
        }
        let here = paragraph(i);
        let named = (0..i)
            .rev()
            .take_while(|&j| paragraph(j) == here)
            .filter(|&j| spaced[j] && !figures[j].cell && figures[j].sentence != figures[i].sentence)
            .map(|j| &out[j])
            .filter(|e| e.anchored && e.kind != Kind::Share)
            .map(|e| if e.kind == Kind::Level { e.core.clone() } else { e.head.clone().unwrap_or_default() })
            .find(|m| {
                let (verb, np, scope) = core_parts(m);
                verb.is_none() && scope.is_none() && np.ends_with(&format!(" {noun}"))
            });
        let Some(measure) = named else { continue };
        // And the changes that go on with it (`rose 4 percent, or $1.2 billion`).
        let mut k = i;
        while k < figures.len() && figures[k].sentence == figures[i].sentence {
            let between = if k == i { "" } else { &text[figures[k - 1].span.end..figures[k].span.start] };
            let goes_on = between.split(|c: char| !c.is_alphanumeric()).all(|w| w.is_empty() || w == "or");
            let e = &out[k];
            if !goes_on || e.kind != Kind::Change || e.anchored || e.head.as_deref() != Some(noun.as_str()) {
                break;
            }
            out[k].head = Some(measure.clone());
            out[k].anchored = true;
            k += 1;
        }
    }
}

/// A sum of money after a verb of receipt states what the pack names that
/// verb by (`revenue`): `the county collected $12.4 million in permit fees`
/// is permit fee revenue (local government), `we took in $3.4 million` is
/// revenue (bridge tolls). What it is received as is the noun after `in`
/// (not a time: `in May`), or else the topic a question just before names
/// only (`And tolls? We took in $3.4 million in May`, a board transcript).
fn received_sums(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    tables: &Tables,
    spaced: &[bool],
    out: &mut [Description],
) {
    let currency = |u: &str| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase());
    for i in 0..figures.len() {
        let d = &out[i];
        if !spaced[i] || d.cell || d.anchored || d.kind != Kind::Level || !currency(&d.unit) {
            continue;
        }
        let pack = &packs.packs[figures[i].pack];
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        let last_of_verbs =
            |w: &str| classes.receipts.values().flatten().any(|v| v.rsplit(' ').next().is_some_and(|last| last == w));
        if !last_word_before(text, figures, i, last_of_verbs) {
            continue;
        }
        let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
        let boundaries = pack.spec.labels.boundaries.as_str();
        let start = figures[i].sentence.start.min(figures[i].span.start);
        let before = sentence_before(text, figures, i);
        let toks = tokens(&before, boundaries);
        let clause = words(last_clause(&toks));
        let received = classes.receipts.iter().find_map(|(noun, verbs)| {
            verbs.iter().any(|v| clause.ends_with(&v.split(' ').collect::<Vec<_>>())).then_some(noun)
        });
        let Some(noun) = received else { continue };
        // `in permit fees`: what the sum is received as.
        let end = figures[i].sentence.end.max(figures[i].span.end).min(text.len());
        let after = tokens(&text[figures[i].span.end..end], boundaries);
        let after = words(first_clause(&after));
        let as_of = match after.as_slice() {
            ["in", rest @ ..] => {
                let np: Vec<&str> =
                    rest.iter().copied().take_while(|w| !reader.is_function_word(w) && !has_digit(w)).collect();
                let np = reader.content(&np);
                (!np.is_empty() && !reader.is_time(&np)).then_some(np)
            }
            _ => None,
        };
        let topic = as_of.or_else(|| {
            // `And tolls?` just before the sentence, after any speaker's name.
            let question = text[..start].trim_end().strip_suffix('?')?;
            let opens = question.rfind(['.', '!', '?', ':', '\n']).map_or(0, |k| k + 1);
            let ws = tokens(&question[opens..], "");
            let ws = words(&ws);
            let rest = classes
                .topic_questions
                .iter()
                .filter_map(|o| ws.strip_prefix(o.split(' ').collect::<Vec<_>>().as_slice()))
                .min_by_key(|rest| rest.len())?;
            let plain = |w: &&str| !reader.is_function_word(w) && !reader.is_verb(w) && !has_digit(w);
            if rest.is_empty() || rest.len() > 3 || !rest.iter().all(plain) {
                return None;
            }
            Some(reader.content(rest)).filter(|np| !np.is_empty() && !reader.is_time(np))
        });
        let d = &mut out[i];
        d.core = match topic {
            Some(topic) => format!("{topic} {noun}"),
            None => noun.clone(),
        };
        d.anchored = true;
    }
}

/// A figure after a list of figures of one noun, said with a word of sum
/// (`grants of $3 million to the north campus and $2 million to the south
/// one, a combined $5 million`, education; `levies of 40 tonnes for cod
/// and 25 tonnes for hake, a total of 65 tonnes`, fisheries), states the
/// total of that noun: the list's head without what tells its items apart
/// (`grant`). A noun with a word of sum naming a figure (`the combined
/// grant of $5 million`) restates that total, or the measure the release
/// names with that noun last.
fn combined_totals(text: &str, figures: &[Figure], packs: &Packs, spaced: &[bool], out: &mut [Description]) {
    for i in 0..figures.len() {
        let d = &out[i];
        if !spaced[i] || d.cell || d.kind != Kind::Level || d.previous {
            continue;
        }
        let pack = &packs.packs[figures[i].pack];
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        let whole = |core: &str| -> String {
            let cut =
                classes.item_markers.iter().filter_map(|p| core.find(&format!(" {p} "))).min().unwrap_or(core.len());
            core[..cut].to_string()
        };
        let sums = &pack.spec.linking.relations.sum_words;
        let is_sum = |w: &str| sums.iter().any(|s| s == w);
        let is_article = |w: &str| classes.determiners.iter().any(|a| a == w);
        if !last_word_before(text, figures, i, |w| is_sum(w) || w == "of") {
            continue;
        }
        let before = sentence_before(text, figures, i);
        let toks = tokens(&before, pack.spec.labels.boundaries.as_str());
        let clause = words(last_clause(&toks));
        let unit = &d.unit;
        let total = match clause.as_slice() {
            // `…, a combined $5 million`, `…, a total of 65 tonnes`.
            [.., article, sum] | [.., article, sum, "of"] if is_article(article) && is_sum(sum) && !d.anchored => {
                let sentence = &figures[i].sentence;
                let list: Vec<usize> = (0..i)
                    .rev()
                    .take_while(|&j| figures[j].sentence == *sentence)
                    .filter(|&j| spaced[j] && !figures[j].cell && out[j].unit == *unit)
                    .collect();
                let head = list.last().map(|&j| &out[j]);
                match head {
                    Some(h) if list.len() >= 2 && h.anchored && h.kind == Kind::Level && !h.core.is_empty() => {
                        Some(whole(&h.core))
                    }
                    _ => None,
                }
            }
            // `the combined grant of $5 million`.
            [.., sum, noun, "of"] if is_sum(sum) => {
                let noun = singular(noun);
                (0..i)
                    .filter(|&j| spaced[j] && !figures[j].cell)
                    .map(|j| &out[j])
                    .filter(|e| e.anchored && e.kind == Kind::Level && e.unit == *unit && !e.previous)
                    .map(|e| whole(&e.core))
                    .find(|c| *c == noun || c.ends_with(&format!(" {noun}")))
            }
            _ => None,
        };
        let Some(total) = total.filter(|t| !t.is_empty()) else { continue };
        out[i].core = total;
        out[i].anchored = true;
    }
}

/// True when the last word before figure `i`, after the figure before it
/// in its sentence (or the sentence's start), passes `test`: a pass that
/// reads only clauses ending in some word skips the others without reading
/// their sentence, so a long sentence is read once, not once per figure.
fn last_word_before(text: &str, figures: &[Figure], i: usize, test: impl Fn(&str) -> bool) -> bool {
    let figure = &figures[i];
    let start = figure.sentence.start.min(figure.span.start);
    let from = i.checked_sub(1).map_or(start, |p| figures[p].span.end.clamp(start, figure.span.start));
    let word = text[from..figure.span.start]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .rfind(|w| !w.is_empty());
    word.is_some_and(|w| test(&w.to_lowercase()))
}

/// The sentence of figure `i` up to it, the figures before it in the
/// sentence written as bare numbers (`0`).
fn sentence_before(text: &str, figures: &[Figure], i: usize) -> String {
    let start = figures[i].sentence.start.min(figures[i].span.start);
    let mut before = String::new();
    let mut at = start;
    // Figures are in text order: the sentence's first is found, not sought.
    let first = figures[..i].partition_point(|f| f.span.start < start);
    for f in &figures[first..i] {
        before.push_str(&text[at..f.span.start]);
        before.push_str(" 0 ");
        at = f.span.end;
    }
    before.push_str(&text[at..figures[i].span.start]);
    before
}

/// A revision said in prose: `Admissions for May were revised to 8,120`
/// (hospitals), `March exports were revised down by $0.3 billion, from
/// $41.5 billion to $41.2 billion` (customs). The level after `to` is the
/// revised level of the measure the subject names, for the period it names:
/// the release's measure that the prose first names in full with the
/// subject's noun last (a bare `admissions` restates `hospital admissions`).
/// When that measure is stated for a later period, the revised level is an
/// earlier period's, as a table's earlier column or a headline block's
/// `May revised to …` line states it (a revision of the period the release
/// reports is left as read). The level after `from` is the unrevised one
/// and keeps its own reading.
fn revised_levels(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    tables: &Tables,
    spaced: &[bool],
    out: &mut [Description],
) {
    for i in 0..figures.len() {
        if !spaced[i] || out[i].cell || out[i].anchored {
            continue;
        }
        let pack = &packs.packs[figures[i].pack];
        let Some(classes) = &pack.measure_words.spec.words else { continue };
        if !last_word_before(text, figures, i, |w| w == "to") {
            continue;
        }
        let reader = SpacedReader { text, figures, pack, words: &pack.measure_words, classes, tables };
        // The sentence up to the figure, the figures before it in the
        // sentence read as bare numbers.
        let before = sentence_before(text, figures, i);
        let toks = tokens(&before, pack.spec.labels.boundaries.as_str());
        let ws = words(&toks);
        let Some((&"to", ws)) = ws.split_last() else { continue };
        let Some(r) = ws.iter().rposition(|w| classes.revisions.iter().any(|x| x == w)) else { continue };
        // Between the revision and `to`: its direction, its size and the
        // level it ran from (`up by 0, from 0`), nothing else.
        let said =
            ws[r + 1..].iter().all(|w| has_digit(w) || reader.change_word(w).is_some() || matches!(*w, "by" | "from"));
        let passive = r > 0 && matches!(ws[r - 1], "was" | "were" | "been");
        if !said || !passive {
            continue;
        }
        // The subject: the clause before the verb of being.
        let verb = toks.iter().enumerate().filter(|(_, t)| matches!(t, Token::Word(_))).nth(r - 1).map(|(k, _)| k);
        let Some(verb) = verb else { continue };
        let subject = words(last_clause(&toks[..verb]));
        let subject: Vec<&str> =
            subject.iter().copied().take_while(|w| !matches!(*w, "was" | "were" | "has" | "have" | "had")).collect();
        let months: Vec<&str> = subject.iter().copied().filter(|w| reader.month(w).is_some() || is_year(w)).collect();
        if months.is_empty() || !months.iter().any(|w| reader.month(w).is_some()) {
            continue;
        }
        let nouns: Vec<&str> = subject
            .iter()
            .copied()
            .filter(|w| !(reader.month(w).is_some() || is_year(w) || reader.is_function_word(w)))
            .collect();
        let noun = reader.content(&nouns);
        if noun.is_empty() {
            continue;
        }
        let unit = figures[i].unit.as_deref().unwrap_or("");
        let measure = (0..i)
            .filter(|&j| spaced[j] && !out[j].cell)
            .map(|j| &out[j])
            .find(|e| {
                let (verb, np, scope) = core_parts(&e.core);
                e.anchored
                    && e.kind == Kind::Level
                    && !e.previous
                    && e.period.is_some()
                    && e.unit == unit
                    && verb.is_none()
                    && scope.is_none()
                    && (np == noun || np.ends_with(&format!(" {noun}")))
            })
            .cloned();
        let Some(measure) = measure else { continue };
        let Some(current) = measure.period.clone() else { continue };
        let period = reader.period_words(&months);
        // Only an earlier period's: a revised level of the period the
        // release reports may differ from the level it states for it.
        if current == period || current.starts_with(&format!("{period} ")) {
            continue;
        }
        out[i] = Description { frame: Vec::new(), period: Some(period), previous: true, ..measure };
    }
}

/// A table row named by one noun (`Cargo` in an airport's traffic summary,
/// `Loans` in a library's) states the release's one measure the prose names
/// by that noun with words before it (`air cargo`, `library loans`), in the
/// row's unit: the table writes short what the prose writes whole. The
/// parts of a partition the pack knows (`international cargo`, `domestic
/// cargo`; `full-time students`) name no whole, and two such measures name
/// none. The row's changes follow it.
fn table_rows_named_once(
    text: &str,
    figures: &[Figure],
    packs: &Packs,
    tables: &Tables,
    spaced: &[bool],
    out: &mut [Description],
) {
    let one_word = |w: &str| !w.is_empty() && !w.contains([' ', '(', ':']);
    // A total row (`Total`, `System total`) states its column's whole, not a row's.
    let total_row = |j: usize| {
        let sums = &packs.packs[figures[j].pack].spec.linking.relations.sum_words;
        tables
            .cell_at(figures[j].span.start)
            .and_then(|c| c.stub.clone())
            .is_none_or(|stub| words(&tokens(&text[stub], "")).iter().any(|w| sums.iter().any(|s| s == w)))
    };
    let mut rows: BTreeSet<(String, String)> = BTreeSet::new();
    for (j, d) in out.iter().enumerate() {
        if spaced[j] && d.cell && d.kind == Kind::Level && one_word(&d.core) && !total_row(j) {
            rows.insert((d.core.clone(), d.unit.clone()));
        }
    }
    if rows.is_empty() {
        return;
    }
    let mut seen: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (j, d) in out.iter().enumerate() {
        if !spaced[j] || d.cell || d.kind != Kind::Level || !d.anchored || d.previous {
            continue;
        }
        let (verb, noun, scope) = core_parts(&d.core);
        let Some((modifiers, last)) = noun.rsplit_once(' ') else { continue };
        if verb.is_some() || scope.is_some() || !rows.contains(&(last.to_string(), d.unit.clone())) {
            continue;
        }
        let partitions = &packs.packs[figures[j].pack].spec.linking.relations.partitions;
        if modifiers.split(' ').any(|w| partitions.iter().flatten().any(|p| p == w)) {
            continue;
        }
        seen.entry((last.to_string(), d.unit.clone())).or_default().insert(noun.to_string());
    }
    let mut named: BTreeMap<String, Option<String>> = BTreeMap::new();
    for ((row, _), nouns) in seen {
        let one = (nouns.len() == 1).then(|| nouns.into_iter().next()).flatten();
        named.entry(row).and_modify(|n| *n = if *n == one { one.clone() } else { None }).or_insert(one);
    }
    for (j, d) in out.iter_mut().enumerate() {
        if !spaced[j] || !d.cell || total_row(j) {
            continue;
        }
        let own = if d.kind == Kind::Level {
            &mut d.core
        } else if let Some(h) = d.head.as_mut() {
            h
        } else {
            continue;
        };
        if let Some(Some(noun)) = named.get(own.as_str()) {
            *own = noun.clone();
        }
    }
}

/// A figure of the prose that leaves its period unsaid, or says its month
/// without the year, states the release's current period: where a table's
/// latest column states the same measure (`Graduate enrollment declined …
/// to 8,397` beside a `Fall 2024` column; `travelers … in July` beside `Jul.
/// 2024`), it takes that column's period, one period for all such cells.
/// A sentence that names the period does as a column does: a briefing's
/// `with core inflation still at 3.1 percent` restates the statement's
/// `core inflation was 3.1 percent in February`, one period being all the
/// release says of that measure.
fn current_periods(figures: &[Figure], spaced: &[bool], out: &mut [Description]) {
    let bare = |d: &Description| Description { period: None, ..d.clone() };
    // The latest year the release's periods name: a sentence's period of
    // an earlier year names a comparison (`equal to 82 percent of the
    // 461,500 boardings recorded in September 2019`), not the current reading.
    let year_of = |p: &str| p.split(' ').filter(|w| is_year(w)).filter_map(|w| w.parse::<u32>().ok()).max();
    let latest =
        out.iter().zip(spaced).filter(|(_, &s)| s).filter_map(|(d, _)| d.period.as_deref().and_then(year_of)).max();
    let mut columns: HashMap<Description, Option<String>> = HashMap::new();
    for (j, c) in out.iter().enumerate() {
        // A table's column, or a sentence that says its period (`core
        // inflation was 3.1 percent in February` beside `with core inflation
        // at 3.1 percent` in a briefing; `the vacancy rate was 4.8 percent in
        // the second quarter` beside `a vacancy rate of 4.8 percent`).
        if !spaced[j] || !c.anchored || c.previous || c.period.is_none() {
            continue;
        }
        if !c.cell && c.period.as_deref().and_then(year_of).is_some_and(|y| Some(y) < latest) {
            continue;
        }
        let shape = Description { cell: false, ..bare(c) };
        columns
            .entry(shape)
            .and_modify(|p| {
                if *p != c.period {
                    *p = None;
                }
            })
            .or_insert_with(|| c.period.clone());
    }
    if columns.is_empty() {
        return;
    }
    for i in 0..figures.len() {
        let d = &out[i];
        if !spaced[i] || d.cell || !d.anchored || d.previous {
            continue;
        }
        let Some(Some(period)) = columns.get(&bare(d)) else { continue };
        let fits = d.period.is_none() || period_fits(&d.period, &Some(period.clone()));
        if fits && d.period.as_ref() != Some(period) {
            out[i].period = Some(period.clone());
        }
    }
}

/// The first word of a spaced core (`up` of `up year`).
fn first_word(core: &str) -> &str {
    core.split(' ').next().unwrap_or("")
}

/// The most of a sentence read for words of time, in bytes.
const SENTENCE_BYTES: usize = 400;

/// The opening of a sentence read for a table row's name, in bytes.
const OPENING_BYTES: usize = 200;

/// Named measures sharing a last word beyond this many are not searched
/// for the one a lone figure names: the search is linear in them.
const MAX_CANDIDATES: usize = 64;

/// A plural noun as its singular, by its spelling: `passengers` → `passenger`,
/// `vacancies` → `vacancy`; `status`, `class`, `analysis` stay.
fn singular(w: &str) -> String {
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || !w.ends_with('s') {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    w[..w.len() - 1].to_string()
}

/// A line shorter than this, with no punctuation at its end, ends a list
/// item: hard-wrapped prose fills its lines to 65 columns or more.
const LIST_LINE_CHARS: usize = 48;
/// A noun phrase names a measure alone with at least this many words.
const MIN_WORDS: usize = 2;
/// The longest noun phrase kept, in words (its last ones).
const MAX_WORDS: usize = 5;
/// Clauses searched back for a subject, beyond the figure's own.
const SUBJECT_CLAUSES: usize = 2;
/// Words after a change searched for its base.
const BASE_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use crate::graph::measure::tests::{key, keys, keys_of, linked_of};
    use crate::graph::measure::Confidence;

    #[test]
    fn the_unemployment_rate_in_other_words_is_one_measure() {
        // Labour statistics, three wordings of one level.
        let k = keys(
            "The jobless figures were mixed. The unemployment rate held at 3.7 percent.\n\nBoth the unemployment rate, at 3.7 percent, and wages held up.\n\nThe survey found an unemployment rate of 3.7%.",
        );
        assert_eq!(key(&k, "3.7 percent", 0), key(&k, "3.7 percent", 1), "{k:?}");
        assert_eq!(key(&k, "3.7 percent", 0), key(&k, "3.7%", 0), "{k:?}");
        assert!(key(&k, "3.7%", 0).starts_with("unemployment rate"), "{k:?}");
        // A clinic's waiting times: a level verb, and `of` after the measure.
        let k = keys("The median waiting time was 24 minutes.\n\nA median waiting time of 24 minutes was recorded.");
        assert_eq!(key(&k, "24 minutes", 0), key(&k, "24 minutes", 1));
    }

    #[test]
    fn a_relative_clause_is_about_the_noun_before_it() {
        // Central banks and utilities: `which now stands at`.
        let k = keys(
            "The council raised the base rate, which now stands at 5.25 percent.\n\nThe base rate is 5.25 percent.",
        );
        assert_eq!(key(&k, "5.25 percent", 0), key(&k, "5.25 percent", 1), "{k:?}");
        let k = keys("Trimmed-mean inflation, which leaves out the most volatile items, was 2.9 percent.\n\nWith trimmed-mean inflation at 2.9 percent, the council waited.");
        assert_eq!(key(&k, "2.9 percent", 0), key(&k, "2.9 percent", 1), "{k:?}");
    }

    #[test]
    fn a_change_is_one_whatever_its_verb() {
        // Payrolls and port cargo.
        let k =
            keys("Payroll employment rose by 236,000 in March.\n\nPayroll employment increased by 236,000 in March.");
        assert_eq!(key(&k, "236,000", 0), key(&k, "236,000", 1));
        let k = keys("Container throughput grew by 4.1 percent on the quarter and rose 4.1 percent on the year.");
        assert_ne!(key(&k, "4.1 percent", 0), key(&k, "4.1 percent", 1));
    }

    #[test]
    fn a_change_its_rate_and_the_level_it_reaches() {
        // Wages and retail sales: `rose by X, or P percent, to Y`.
        let k = keys(
            "Average hourly earnings rose by 7 cents, or 0.2 percent, to $29.40.\n\nAverage hourly earnings were $29.40 in May.\n\nAverage hourly earnings rose 0.2 percent.",
        );
        assert_eq!(key(&k, "$29.40", 0), key(&k, "$29.40", 1), "{k:?}");
        assert!(key(&k, "0.2 percent", 0).contains("earning"), "{k:?}");
        assert_eq!(key(&k, "0.2 percent", 0), key(&k, "0.2 percent", 1), "{k:?}");
        assert_ne!(key(&k, "7 cents", 0), key(&k, "0.2 percent", 0));
        let k = keys("The vacancy rate fell by 0.4 percentage points to 6.1%.\n\nThe vacancy rate was 6.1%.");
        assert_eq!(key(&k, "6.1%", 0), key(&k, "6.1%", 1));
        assert_ne!(key(&k, "0.4 percentage points", 0), key(&k, "6.1%", 0));
    }

    #[test]
    fn a_level_reached_and_its_base_are_apart() {
        // Hotel occupancy and hospital readmissions.
        let k = keys("The hotel occupancy rate rose from 71.5% to 74.2% in August.\n\nThe hotel occupancy rate was 71.5% in August.");
        assert_ne!(key(&k, "71.5%", 0), key(&k, "74.2%", 0));
        assert_ne!(key(&k, "71.5%", 0), key(&k, "71.5%", 1));
    }

    #[test]
    fn periods_keep_quarters_and_months_apart() {
        // National accounts and retail sales.
        let k = keys("GDP grew 1.2 percent in the first quarter and 2.9 percent in the second quarter.\n\nThe economy grew 1.2 percent in the first quarter.");
        assert_ne!(key(&k, "1.2 percent", 0), key(&k, "2.9 percent", 0));
        let k = keys("Online sales were $4.1 billion in March.\n\nOnline sales were $4.1 billion in April.");
        assert_ne!(key(&k, "$4.1 billion", 0), key(&k, "$4.1 billion", 1));
    }

    #[test]
    fn a_hard_wrapped_figure_keeps_its_unit_and_its_measure() {
        // Insurance and a port's throughput, wrapped at a line end.
        let k = keys("Early estimates show 2.87 million insured drivers\nin October.\n\nThere were 2.87 million insured drivers in October.");
        assert_eq!(key(&k, "2.87 million", 0), key(&k, "2.87 million", 1));
        let k = keys("The port's container throughput decreased to 4.6\npercent of capacity.\n\nThe vacancy rate fell to 1.6\nmillion.");
        assert!(k.iter().any(|(t, key)| t == "4.6\npercent" && key.ends_with("|%")), "{k:?}");
        assert!(k.iter().any(|(t, _)| t == "1.6\nmillion"), "{k:?}");
    }

    #[test]
    fn the_acting_body_is_not_what_is_counted() {
        // An airport and a hospital: the verb's object is counted.
        let k = keys("Harbor Airport handled 2,418,736 passengers in July.\n\nThe airport's three terminals handled 2,418,736 passengers in July.");
        assert_eq!(key(&k, "2,418,736", 0), key(&k, "2,418,736", 1), "{k:?}");
    }

    #[test]
    fn a_qualifying_phrase_after_the_figure_keeps_two_caps_apart() {
        // Road funding and a grant programme.
        let k = keys("Annual limits of $40 million for road projects and $12 million for bridge repairs apply.\n\nThe limits of $12 million for road projects are unchanged.");
        assert_ne!(key(&k, "$40 million", 0), key(&k, "$12 million", 0), "{k:?}");
    }

    #[test]
    fn a_table_cell_is_its_row_under_its_column_period() {
        // Museum visits and enrollment: a period column, a change column.
        let text = "Museum visits rose 6.6 percent in October 2024.\n\nVISITS             Oct. 2024     Oct. 2023     Change\nMuseum visits       412,300       386,900        6.6%\nGallery visits      128,400       116,200       10.5%\n\nMuseum visits were 412,300 in October 2024.\n";
        let k = keys(text);
        assert_eq!(key(&k, "412,300", 0), key(&k, "412,300", 1), "{k:?}");
        assert_ne!(key(&k, "412,300", 0), key(&k, "386,900", 0), "{k:?}");
        assert_ne!(key(&k, "6.6%", 0), key(&k, "10.5%", 0), "{k:?}");
    }

    #[test]
    fn the_same_noun_in_two_scopes_is_two_measures() {
        // Payrolls by industry and hospital wait times by site: a fronted
        // scope, a post-modifier and the subject's own level keep them apart.
        let k = keys(
            "In mining, the average workweek was 44.1 hours.

The average workweek for retail employees was 30.2 hours.

The average workweek was 44.1 hours in mining.",
        );
        assert_ne!(key(&k, "44.1 hours", 0), key(&k, "30.2 hours", 0), "{k:?}");
        let k = keys(
            "Average hourly earnings of nurses rose by 9 cents to $41.20.

Average hourly earnings of porters rose by 9 cents to $19.80.",
        );
        assert_ne!(key(&k, "$41.20", 0), key(&k, "$19.80", 0), "{k:?}");
        let k = keys(
            "Employment in mining is below its February 2020 level by 12,000.

Employment in retail is below its February 2020 level by 41,000.",
        );
        assert_ne!(key(&k, "12,000", 0), key(&k, "41,000", 0), "{k:?}");
    }

    #[test]
    fn a_lone_generic_noun_links_to_nothing() {
        // Job counts and clinic visits: `jobs a month`, `an average of`.
        let k = keys(
            "We created 500,000 jobs a month.

They created an average of 60,000 jobs a month.",
        );
        assert!(k.iter().all(|(_, key)| key.starts_with("?/")), "{k:?}");
    }

    #[test]
    fn a_conjunction_opening_a_clause_is_not_part_of_the_measure() {
        // Prices and rents.
        let k = keys(
            "Headline inflation was 2.4 percent, while core inflation was 3.1 percent.

Core inflation was 3.1 percent.",
        );
        assert_eq!(key(&k, "3.1 percent", 0), key(&k, "3.1 percent", 1), "{k:?}");
    }

    #[test]
    fn a_line_of_a_list_names_its_own_measure() {
        // Retail highlights and a port's summary: lines without full stops.
        let k = keys(
            "HIGHLIGHTS\n  Department store sales: $41.2 billion\n  Online retailers: $18.3 billion\n\nOnline retailers sold $18.3 billion.\n\nDepartment store sales were $41.2 billion.",
        );
        assert!(key(&k, "$18.3 billion", 0).starts_with("online retailer"), "{k:?}");
        assert!(key(&k, "$41.2 billion", 0).starts_with("department store sale"), "{k:?}");
        // Hard-wrapped prose is one sentence across its lines.
        let k = keys("Container throughput at the eastern terminal rose by 4.1 percent as carriers added calls to\nEurope and Asia.");
        assert!(key(&k, "4.1 percent", 0).contains("container throughput"), "{k:?}");
    }

    #[test]
    fn employment_is_not_the_end_of_unemployment() {
        // Labour statistics and transit (`ridership` is not `rail ridership`'s rival).
        let k =
            keys("The unemployment rate was 4.2%.\n\nThe employment rate was 74.8%.\n\nThe employment rate was 74.8%.");
        assert_ne!(key(&k, "4.2%", 0), key(&k, "74.8%", 0));
    }

    #[test]
    fn a_count_named_by_one_noun_states_the_only_measure_that_noun_names() {
        // A port and the courts: the lone noun links to the one measure a
        // table names by it, whatever the verb.
        let k = keys_of(
            "release.md",
            "| Terminal | Container moves | Vessel calls |\n|---|---:|---:|\n| East | 25,100 | 212 |\n| West | 16,130 | 148 |\n| Total | 41,230 | 360 |\n\nThe port recorded 41,230 container moves in March.\n\nWe handled more than 41,000 moves in March, the director said.\n",
        );
        assert_eq!(key(&k, "41,230", 0), key(&k, "more than 41,000", 0), "{k:?}");
        let k = keys_of(
            "release.md",
            "| Court | Civil cases | Criminal cases |\n|---|---:|---:|\n| North | 5,000 | 900 |\n| Total | 8,412 | 1,710 |\n\nJudges resolved 8,412 cases, the report says.\n",
        );
        assert!(key(&k, "8,412", 1).contains("?/"), "{k:?}");
        let k = keys_of(
            "release.md",
            "| Court | Civil cases | Hearings |\n|---|---:|---:|\n| North | 5,000 | 900 |\n| Total | 8,412 | 1,710 |\n\nJudges resolved 8,412 cases, the report says.\n",
        );
        assert_eq!(key(&k, "8,412", 0), key(&k, "8,412", 1), "{k:?}");
        // Two measures named by the noun: the lone one links to neither.
        let k = keys("The clinic recorded 3,100 outpatient visits.\n\nThe clinic recorded 2,400 home visits.\n\nNurses made 3,100 visits.");
        assert!(key(&k, "3,100", 1).starts_with("?/"), "{k:?}");
        // A noun phrase read from a clause, not named by a table, is no
        // measure to name (`cost us … jobs`).
        let k = keys("The downturn cost us 22 million jobs.\n\nSince then we created 600,000 jobs.");
        assert!(key(&k, "600,000", 0).contains("?/"), "{k:?}");
    }

    #[test]
    fn an_average_is_not_the_count_of_its_noun() {
        // A museum and a transit line: average daily visitors are not visitors.
        let k = keys("Average daily visitors were 4,100 in June.\n\nThe museum welcomed 96,000 visitors in June.");
        assert!(key(&k, "96,000", 0).contains("?/"), "{k:?}");
        let k = keys("Average weekday riders numbered 61,000 in May.\n\nThe line carried 1.4 million riders in May.");
        assert!(key(&k, "1.4 million", 0).contains("?/"), "{k:?}");
    }

    #[test]
    fn a_count_followed_by_of_is_a_part_of_what_follows() {
        // Permits and prices: `in 9 of the 14 districts` counts districts.
        let k = keys("The number of open permits was 5,200.\n\nPermits rose in 9 of the 14 districts.");
        assert_ne!(key(&k, "5,200", 0), key(&k, "9", 0), "{k:?}");
        let k = keys("The number of price increases was 31.\n\nIncreases came in 12 of the 20 categories.");
        assert_ne!(key(&k, "31", 0), key(&k, "12", 0), "{k:?}");
    }

    #[test]
    fn a_sentence_opening_with_a_table_row_is_that_rows_count() {
        // Clinics and schools: a table crossing sites with measures names
        // its rows; prose opening with a row's name counts that row.
        let k = keys_of(
            "release.md",
            "| Site | Admissions | Births |\n|---|---:|---:|\n| North Clinic | 1,204 | 310 |\n| South Clinic | 980 | 250 |\n| Total | 2,184 | 560 |\n\nNorth Clinic, the larger of the two, recorded 1,204 admissions.\n\nWe recorded 2,184 admissions.\n",
        );
        assert_eq!(key(&k, "1,204", 0), key(&k, "1,204", 1), "{k:?}");
        assert_ne!(key(&k, "1,204", 1), key(&k, "2,184", 1), "{k:?}");
        let k = keys_of(
            "release.md",
            "| School | Enrolled pupils | Teachers |\n|---|---:|---:|\n| Hill School | 640 | 41 |\n| Vale School | 512 | 33 |\n\nHill School enrolled 640 pupils.\n",
        );
        assert_eq!(key(&k, "640", 0), key(&k, "640", 1), "{k:?}");
    }

    #[test]
    fn a_change_stated_as_a_noun_is_the_change_of_the_figure_before() {
        // Housing and hotels: `a drop of`, `an increase of` after a level.
        let k = keys("The vacancy rate fell to 4.1 percent, a drop of 0.6 percentage points.\n\nThe vacancy rate fell 0.6 percentage points.");
        assert_eq!(key(&k, "0.6 percentage points", 0), key(&k, "0.6 percentage points", 1), "{k:?}");
        let k = keys("Hotel occupancy reached 81 percent in July, a record and an increase of 3 percentage points.\n\nHotel occupancy rose 3 percentage points.");
        assert!(key(&k, "3 percentage points", 0).contains("hotel occupancy/up"), "{k:?}");
        assert_eq!(key(&k, "3 percentage points", 0), key(&k, "3 percentage points", 1), "{k:?}");
    }

    #[test]
    fn a_when_clause_after_a_base_states_the_base() {
        // Ridership and retail: `over March 2024, when …` is last year's value.
        let k = keys("Ridership rose 6 percent over March 2024, when 1.2 million riders used the system.");
        assert!(key(&k, "1.2 million", 0).contains("mar 2024 上期"), "{k:?}");
        assert!(!key(&k, "1.2 million", 0).contains("used"), "{k:?}");
        let k = keys("Unit sales rose 4 percent over the first quarter of 2024, when stores sold 2.3 million units.");
        assert!(key(&k, "2.3 million", 0).contains("上期"), "{k:?}");
    }

    #[test]
    fn the_subjects_own_whole_is_no_scope() {
        // Clinics and venues: `at its clinics`, `at our venues`.
        let k = keys("Outpatient visits at its clinics were 52,000.\n\nOutpatient visits were 52,000.");
        assert_eq!(key(&k, "52,000", 0), key(&k, "52,000", 1), "{k:?}");
        let k = keys("Ticket revenue at our venues was $3.1 million.\n\nTicket revenue was $3.1 million.\n\nTicket revenue at the arena was $1.2 million.");
        assert_eq!(key(&k, "$3.1 million", 0), key(&k, "$3.1 million", 1), "{k:?}");
        assert_ne!(key(&k, "$3.1 million", 0), key(&k, "$1.2 million", 0), "{k:?}");
    }

    #[test]
    fn a_period_in_its_own_clause_after_the_figure_is_the_figures() {
        // Permits and payrolls.
        let k = keys("The number of open permits fell from 5,400 to 5,200, in April to June 2025.");
        assert!(key(&k, "5,200", 0).contains("apr-jun 2025"), "{k:?}");
        let k = keys("Payrolled employees rose by 12,000 to 30.2 million, in July 2025.");
        assert!(key(&k, "30.2 million", 0).contains("jul 2025"), "{k:?}");
    }

    #[test]
    fn a_caption_names_what_a_tables_rows_count() {
        // Library loans and farm harvests: the caption's noun joins each row.
        let k = keys_of(
            "release.md",
            "Table 2. Library loans by branch\n\n| Branch | 2023 | 2024 |\n|---|---:|---:|\n| Central | 41,200 | 43,900 |\n| Riverside | 12,100 | 11,800 |\n\nCentral loans were 43,900 in the year.\n",
        );
        assert_eq!(key(&k, "43,900", 0), key(&k, "43,900", 1), "{k:?}");
        assert!(key(&k, "43,900", 0).contains("central loan"), "{k:?}");
        let k = keys(
            "Exhibit 4. Estimated Harvests (thousands of bushels)\n\n                 Sep. 2025   Sep. 2024\nWinter wheat        412.5       398.1\nCorn                980.2       951.0\n",
        );
        assert!(key(&k, "412.5", 0).contains("winter wheat harvest"), "{k:?}");
        // A sentence above a table is prose, not its caption.
        let k = keys(
            "The depot had a busy month for harvests.\n\n                 Sep. 2025   Sep. 2024\nWinter wheat        412.5       398.1\nCorn                980.2       951.0\n",
        );
        assert!(!key(&k, "412.5", 0).contains("harvest"), "{k:?}");
    }

    #[test]
    fn a_sentence_opening_with_one_noun_counts_the_measure_it_names() {
        // Property and housing: `Listings fell … to 252,000` is the number of listings.
        let k = keys("The estimated number of listings fell by 12,000, from 264,000 to 252,000, in March 2025.\n\nListings fell on the quarter to 252,000 in March 2025.");
        assert_eq!(key(&k, "252,000", 0), key(&k, "252,000", 1), "{k:?}");
        let k = keys("The number of permits rose to 1,240 in May.\n\nPermits rose to 1,240 in May.\n\nThe share of permits was 12% in May.");
        assert_eq!(key(&k, "1,240", 0), key(&k, "1,240", 1), "{k:?}");
        // Not a sentence whose subject says more than the noun.
        let k =
            keys("The number of building permits rose to 1,240 in May.\n\nThe city said permits rose to 1,240 in May.");
        assert_ne!(key(&k, "1,240", 0), key(&k, "1,240", 1), "{k:?}");
    }

    #[test]
    fn a_count_on_an_average_day_is_the_daily_average() {
        // Museums and hospitals.
        let k = keys(
            "Average weekday visits reached 52,600.\n\nMore than 52,000 visits on an average weekday marks a record.",
        );
        assert_eq!(key(&k, "52,600", 0), key(&k, "More than 52,000", 0), "{k:?}");
        let k = keys(
            "The emergency department saw 660 patients on an average day.\n\nAverage daily patients numbered 660.",
        );
        assert!(key(&k, "660", 0).contains("average day patient"), "{k:?}");
    }

    #[test]
    fn a_period_after_a_base_is_the_bases() {
        // Hospitals and labour statistics: `from X in P to Y`.
        let k = keys("Outpatient appointments rose 4.7 percent, from 184,210 in fiscal 2023 to 192,868.");
        assert!(!key(&k, "192,868", 0).contains("fiscal 2023"), "{k:?}");
        assert!(key(&k, "184,210", 0).contains("fiscal 2023"), "{k:?}");
        let k = keys("The jobless rate rose from 5.1% in May to 5.4%.\n\nThe jobless rate was 5.4%.");
        assert_eq!(key(&k, "5.4%", 0), key(&k, "5.4%", 1), "{k:?}");
    }

    #[test]
    fn a_subject_that_names_its_measure_takes_the_counted_noun_as_its_unit() {
        // Libraries and airports.
        let k = keys("Library membership rose to more than 46,000 readers.\n\nLibrary membership was 46,380.");
        assert_eq!(key(&k, "more than 46,000", 0), key(&k, "46,380", 0), "{k:?}");
        let k = keys("Domestic traffic reached 1.86 million passengers.\n\nDomestic traffic was 1.86 million.");
        assert_eq!(key(&k, "1.86 million", 0), key(&k, "1.86 million", 1), "{k:?}");
        // Not a subject carried over from the figure before: `Of 4,312
        // sailings, 3,980 departed on time` (ferries).
        let k = keys("Of 4,312 scheduled sailings, 3,980 departed on time.");
        assert_ne!(key(&k, "4,312", 0), key(&k, "3,980", 0), "{k:?}");
    }

    #[test]
    fn a_one_word_head_takes_its_post_modifier_before_it() {
        // Retail and payrolls: `sales at furniture stores` is `furniture store sales`.
        let k = keys("Sales at furniture stores rose by $0.4 billion, or 3.5 percent, to $11.8 billion.\n\nFurniture store sales were $11.8 billion.");
        assert_eq!(key(&k, "$11.8 billion", 0), key(&k, "$11.8 billion", 1), "{k:?}");
        assert!(key(&k, "$0.4 billion", 0).starts_with("furniture store sale/"), "{k:?}");
        let k = keys("Employment in factories rose by 12,000 to 1.2 million.\n\nFactory employment was 1.2 million.\n\nEmployment in retail was 1.2 million.");
        assert_eq!(key(&k, "1.2 million", 0), key(&k, "1.2 million", 1), "{k:?}");
        assert_ne!(key(&k, "1.2 million", 0), key(&k, "1.2 million", 2), "{k:?}");
    }

    #[test]
    fn a_count_of_its_own_noun_after_from_is_no_base() {
        // Schools and museums: `from 37 countries`, `from 41 states`.
        let k = keys("Summer school enrollment reached 1,240 students from 37 countries.");
        assert!(!key(&k, "37", 0).contains("上期"), "{k:?}");
        let k = keys("The museum welcomed 96,000 visitors from 41 states.");
        assert!(!key(&k, "41", 0).contains("上期"), "{k:?}");
        // A base with its noun and a level after it still is one.
        let k = keys("The first-year class grew from 6,515 students to 6,842 students.");
        assert!(key(&k, "6,515", 0).contains("上期"), "{k:?}");
    }

    #[test]
    fn synonyms_of_a_counted_noun_read_as_one() {
        // Airports and rail: travelers are passengers; transit: ridership counts boardings.
        let k = keys("Domestic passengers numbered 1.2 million.\n\nDomestic travelers numbered 1.2 million.");
        assert_eq!(key(&k, "1.2 million", 0), key(&k, "1.2 million", 1), "{k:?}");
        let k = keys("Light rail ridership rose 10.3 percent.\n\nLight rail boardings rose 10.3 percent.");
        assert_eq!(key(&k, "10.3 percent", 0), key(&k, "10.3 percent", 1), "{k:?}");
        let k = keys_of(
            "release.md",
            "| Traffic | Jul. 2024 | Jul. 2023 |\n|---|---:|---:|\n| Total passengers | 2,418,736 | 2,273,248 |\n| Aircraft movements | 21,400 | 20,950 |\n\nThe airport handled 2,418,736 passengers in July.\n\n\"Nearly 2.42 million travelers used the terminals in July,\" the manager said.\n",
        );
        assert_eq!(key(&k, "2,418,736", 0), key(&k, "2,418,736", 1), "{k:?}");
        assert_eq!(key(&k, "2,418,736", 0), key(&k, "Nearly 2.42 million", 0), "{k:?}");
    }

    #[test]
    fn a_clause_opened_by_a_conjunction_names_its_subject() {
        // Transit and trade: `as streetcar ridership rose`, `as container volumes rose`.
        let k = keys("Visits grew, as streetcar ridership rose 6.1 percent.");
        assert!(key(&k, "6.1 percent", 0).contains("streetcar boarding/up"), "{k:?}");
        let k = keys("Port revenue climbed, as container volumes rose 4.2 percent.");
        assert!(key(&k, "4.2 percent", 0).contains("container volume/up"), "{k:?}");
    }

    #[test]
    fn prose_without_a_period_states_the_tables_latest_column() {
        // Schools and clinics: a total row named by one word ends no row.
        let k = keys_of(
            "release.md",
            "Table 1. Enrollment by level\n\n| Level | Fall 2023 | Fall 2024 |\n|---|---:|---:|\n| Undergraduate | 14,210 | 14,652 |\n| Graduate | 3,480 | 3,361 |\n| Total | 17,690 | 18,013 |\n\nGraduate enrollment fell by 119 students to 3,361.\n",
        );
        assert_eq!(key(&k, "3,361", 0), key(&k, "3,361", 1), "{k:?}");
        assert_ne!(key(&k, "3,361", 0), key(&k, "18,013", 0), "{k:?}");
        let k = keys_of(
            "release.md",
            "Table 3. Admissions by site\n\n| Site | 2023 | 2024 |\n|---|---:|---:|\n| North Clinic | 1,100 | 1,204 |\n| South Clinic | 950 | 980 |\n| Total | 2,050 | 2,184 |\n\nNorth Clinic admissions rose to 1,204.\n",
        );
        assert_eq!(key(&k, "1,204", 0), key(&k, "1,204", 1), "{k:?}");
        // The same measure in the same period: a certain link, not a probable one.
        let linked = linked_of(
            "release.md",
            "Table 3. Admissions by site\n\n| Site | 2023 | 2024 |\n|---|---:|---:|\n| North Clinic | 1,100 | 1,204 |\n| South Clinic | 950 | 980 |\n\nNorth Clinic admissions rose to 1,204.\n",
        );
        let prose = linked.iter().filter(|(t, _, _)| t == "1,204").nth(1).expect("prose figure");
        assert_eq!(prose.2, Confidence::Certain, "{linked:?}");
        assert!(prose.1.contains("2024"), "{linked:?}");
    }

    #[test]
    fn a_stub_header_naming_a_period_titles_what_the_rows_count() {
        // Libraries and ports: `MARCH LOANS` over `Books`, `Total`.
        let text = "MARCH LOANS                   Mar. 2025     Mar. 2024    Change\nBooks                           312,400       298,100      4.8%\nE-books                          99,900        90,200     10.8%\nTotal                           412,300       388,300      6.2%\n\nThe library recorded 412,300 loans, and the reading room stayed open late.\n";
        let k = keys(text);
        assert_eq!(key(&k, "412,300", 0), key(&k, "412,300", 1), "{k:?}");
        assert!(key(&k, "312,400", 0).contains("book loan"), "{k:?}");
        let text = "JUNE CONTAINERS               Jun. 2024     Jun. 2023\nImports                         184,200       171,900\nExports                         160,100       158,000\n\nEastport handled 184,200 containers of imports in the quarter.\n";
        let k = keys(text);
        assert!(key(&k, "160,100", 0).contains("export container"), "{k:?}");
        // A header naming only the kind of rows titles nothing.
        let text = "Site                               2025          2024\nNorth                             1,204         1,100\nSouth                               980           950\n";
        let k = keys(text);
        assert!(!key(&k, "1,204", 0).contains("site"), "{k:?}");
    }

    #[test]
    fn a_target_word_reaches_to_the_end_of_its_clause_group() {
        // Central banks and transit: a result after `;` or `:` or in the next
        // sentence is no target; one in the sentence of the target word is.
        let k = keys("We will keep shrinking the balance sheet; bond holdings fell by $610 billion.\n\nBond holdings fell by $610 billion.");
        assert_eq!(key(&k, "$610 billion", 0), key(&k, "$610 billion", 1), "{k:?}");
        let k = keys(
            "We are not yet at our goal: weekday boardings rose 6.9 percent.\n\nWeekday boardings rose 6.9 percent.",
        );
        assert_eq!(key(&k, "6.9 percent", 0), key(&k, "6.9 percent", 1), "{k:?}");
        let k = keys(
            "Weekday boardings are projected to rise 4.5 percent next year.\n\nWeekday boardings rose 4.5 percent.",
        );
        assert_ne!(key(&k, "4.5 percent", 0), key(&k, "4.5 percent", 1), "{k:?}");
    }

    #[test]
    fn a_month_opening_a_headline_is_its_period() {
        // Transit and retail: `October ridership rises`, `March sales fell`.
        let k = keys(
            "October ridership rises 3.9 percent to 4.62 million boardings\n\nRidership rose 3.9 percent in October.",
        );
        assert!(key(&k, "3.9 percent", 0).starts_with("[oct] boarding/up"), "{k:?}");
        assert!(key(&k, "4.62 million", 0).starts_with("[oct]"), "{k:?}");
        let k = keys("March store sales fell 2.1 percent.");
        assert!(key(&k, "2.1 percent", 0).starts_with("[mar] store sale/"), "{k:?}");
        // A date is no subject: `July 13, when 48,350 visitors` (parks).
        let k = keys("The busiest day was Saturday, July 13, when 48,350 visitors came through the gates.");
        assert!(!key(&k, "48,350", 0).starts_with("[jul]"), "{k:?}");
    }

    #[test]
    fn a_count_named_by_its_verb_states_the_measure_a_table_names() {
        // Clinical research and hospitals: `enrolled … patients` is enrollment,
        // `delivered … babies` births.
        let table = "Table 2. Enrollment by arm\n\n| Arm | 2024 |\n|---|---:|\n| Drug | 640 |\n| Placebo | 600 |\n| Total | 1,240 |\n\n";
        let k = keys_of("release.md", &format!("{table}The trial enrolled 1,240 patients, its sponsor said.\n"));
        assert_eq!(key(&k, "1,240", 0), key(&k, "1,240", 1), "{k:?}");
        let table = "Table 4. Births by site\n\n| Site | 2023 | 2024 |\n|---|---:|---:|\n| North | 1,100 | 1,204 |\n| South | 950 | 980 |\n| Total | 2,050 | 2,184 |\n\n";
        let linked = linked_of("release.md", &format!("{table}The maternity units delivered 2,148 babies.\n"));
        let total = linked.iter().find(|(t, _, _)| t == "2,184").expect("total");
        let prose = linked.iter().find(|(t, _, _)| t == "2,148").expect("prose");
        assert_eq!(total.1, prose.1, "{linked:?}");
        assert_eq!(prose.2, Confidence::Certain, "{linked:?}");
        // A count that names a time the periods do not read is left alone.
        let k = keys_of("release.md", &format!("{table}Over the past two years the units delivered 4,234 babies.\n"));
        assert_ne!(key(&k, "2,184", 0), key(&k, "4,234", 0), "{k:?}");
        // A verb that names no measure of its own stays a lone count.
        let k = keys_of("release.md", &format!("{table}The units delivered 2,184 parcels.\n"));
        assert_ne!(key(&k, "2,184", 0), key(&k, "2,184", 1), "{k:?}");
    }

    #[test]
    fn a_change_of_a_count_not_yet_named_follows_its_count() {
        // Transit and libraries: the change after `recorded … boardings` is
        // of the measure the count turns out to state.
        let text = "MARCH LOANS                   Mar. 2025     Mar. 2024    Change\nBooks                           312,400       298,100      4.8%\nTotal                           412,300       388,300      6.2%\n\nThe library recorded 412,300 loans in March, up 6.2 percent from March 2024.\n";
        let k = keys(text);
        assert!(key(&k, "6.2 percent", 0).contains("loan/up"), "{k:?}");
    }

    #[test]
    fn a_period_said_once_holds_where_the_measure_is_restated_without_it() {
        // Prices and housing: a briefing restates the statement's figure
        // without its month; the link is certain, not probable.
        let linked = linked_of(
            "release.txt",
            "Core inflation was 2.6 percent in March.\n\nWith core inflation at 2.6 percent, the council waited.\n",
        );
        let (first, second) = (&linked[0], &linked[1]);
        assert_eq!(first.1, second.1, "{linked:?}");
        assert_eq!(second.2, Confidence::Certain, "{linked:?}");
        let linked = linked_of(
            "release.txt",
            "The rental vacancy rate was 6.6 percent in the second quarter.\n\nA rental vacancy rate of 6.6 percent is high.\n",
        );
        assert_eq!(linked[0].1, linked[1].1, "{linked:?}");
        assert_eq!(linked[1].2, Confidence::Certain, "{linked:?}");
        // A period of an earlier year than the release's latest is a
        // comparison's, not the current reading.
        let linked = linked_of("release.txt", "The rental vacancy rate was 6.1 percent in June 2019.\n\nIn June 2024, the homeowner vacancy rate was 1.1 percent.\n\nThe rental vacancy rate was 6.6 percent.");
        let current = linked.iter().find(|(t, _, _)| t == "6.6 percent").expect("current");
        assert_ne!(current.2, Confidence::Certain, "{linked:?}");
    }

    #[test]
    fn a_noun_of_change_states_the_change_of_what_it_is_said_of() {
        // Prices and housing: `inflation` is the change of prices over the year.
        let k = keys("Core inflation was 2.6 percent in March.\n\nCore prices rose 2.6 percent over the past year.");
        assert_eq!(key(&k, "2.6 percent", 0), key(&k, "2.6 percent", 1), "{k:?}");
        assert!(key(&k, "2.6 percent", 0).contains("core price/up"), "{k:?}");
        let k = keys("House price inflation was 4.2 percent.\n\nHouse prices rose 4.2 percent over the year.");
        assert_eq!(key(&k, "4.2 percent", 0), key(&k, "4.2 percent", 1), "{k:?}");
        // A change on the month is not the year's inflation.
        let k = keys("Food inflation was 0.3 percent.\n\nFood prices rose 0.3 percent on the month.");
        assert_ne!(key(&k, "0.3 percent", 0), key(&k, "0.3 percent", 1), "{k:?}");
    }

    #[test]
    fn a_change_with_its_verb_left_out_is_the_change_before_it() {
        // Trade and admissions: `, and vehicle exports 2.3 percent`.
        let k = keys("Machinery exports rose 4.1 percent on the year, and vehicle exports 2.3 percent.\n\nVehicle exports rose 2.3 percent on the year.");
        assert_eq!(key(&k, "2.3 percent", 0), key(&k, "2.3 percent", 1), "{k:?}");
        assert_ne!(key(&k, "4.1 percent", 0), key(&k, "2.3 percent", 0), "{k:?}");
        let k = keys("Graduate applications fell 6 percent on the year, and transfer applications 4 percent.\n\nTransfer applications fell 4 percent on the year.");
        assert_eq!(key(&k, "4 percent", 0), key(&k, "4 percent", 1), "{k:?}");
        // A noun phrase with a verb of its own is no gapped change.
        let k = keys(
            "Graduate applications fell 6 percent on the year, and transfer applications were 4 percent of the total.",
        );
        assert!(!key(&k, "4 percent", 0).contains("/down"), "{k:?}");
    }

    #[test]
    fn an_object_that_counts_nothing_leaves_the_subject_as_the_measure() {
        // Transit and trade: `led the way, up 7.9 percent`.
        let k = keys("Ferry service led the way, up 7.9 percent.");
        assert!(key(&k, "7.9 percent", 0).starts_with("ferry service/up"), "{k:?}");
        let k = keys("Machinery exports led the way, up 6.1 percent on the year.");
        assert!(key(&k, "6.1 percent", 0).starts_with("machinery export/up"), "{k:?}");
    }

    #[test]
    fn a_rate_for_people_in_general_is_the_rate_itself() {
        // Health surveys and census reports; a group of its own stays a scope.
        let k =
            keys("The smoking rate for people aged 18 to 64 was 12.4 percent.\n\nThe smoking rate was 12.4 percent.");
        assert_eq!(key(&k, "12.4 percent", 0), key(&k, "12.4 percent", 1), "{k:?}");
        let k = keys("The literacy rate for persons aged 15 and over was 91.2 percent.");
        assert!(key(&k, "91.2 percent", 0).starts_with("literacy rate|"), "{k:?}");
        let k = keys("The employment rate for women was 72.1 percent.");
        assert!(key(&k, "72.1 percent", 0).contains("(women)"), "{k:?}");
    }

    #[test]
    fn a_total_named_by_one_word_is_not_the_change_of_each_kind() {
        // Ferries and buses: the total's `passengers` is not inside `ferry
        // passengers` as a change's head; each links to its own row.
        let text = "MAY PASSENGERS               May 2025     May 2024    Change\nFerry                          410,200       380,100      7.9%\nBus                            220,500       215,000      2.6%\nTotal                          630,700       595,100      6.0%\n\nThe authority carried 630,700 passengers in May, up 6.0 percent from May 2024, as ferry passengers rose 7.9 percent.\n";
        let k = keys(text);
        assert_eq!(key(&k, "7.9%", 0), key(&k, "7.9 percent", 0), "{k:?}");
        assert_eq!(key(&k, "6.0%", 0), key(&k, "6.0 percent", 0), "{k:?}");
    }

    #[test]
    fn an_adjustment_of_the_estimate_is_not_what_is_counted() {
        // Hospitals: the adjusted count is the count the table names.
        let text = "Seasonally adjusted admissions of surgical patients rose to 6,480 in May.\n\nSurgical patient admissions were 6,480 in May.\n";
        let k = keys(text);
        assert_eq!(key(&k, "6,480", 0), key(&k, "6,480", 1), "{k:?}");
        // Construction: a release that states the unadjusted count too
        // keeps the two apart.
        let text = "Seasonally adjusted starts of family homes rose to 1,324 in May.\n\nFamily home starts were 1,324 in May, or 1,410 not seasonally adjusted.\n";
        let k = keys(text);
        assert_ne!(key(&k, "1,324", 0), key(&k, "1,324", 1), "{k:?}");
    }

    #[test]
    fn an_of_phrase_of_agents_names_what_its_premodifier_names() {
        // Distribution: `inventories of wholesalers` are wholesale inventories.
        let k = keys("Inventories of wholesalers rose to $512.3 million in June.\n\nWholesale inventories were $512.3 million in June.\n");
        assert_eq!(key(&k, "$512.3 million", 0), key(&k, "$512.3 million", 1), "{k:?}");
        // Tourism: the units that carry out an activity add nothing to it.
        let k = keys("Revenue of hotel establishments rose to $86.4 million in July.\n\nHotel revenue was $86.4 million in July.\n");
        assert_eq!(key(&k, "$86.4 million", 0), key(&k, "$86.4 million", 1), "{k:?}");
    }

    #[test]
    fn a_comparison_or_revision_line_of_a_headline_block_states_its_first_lines_measure() {
        // Construction: the block's lines under its first one.
        let text = "HIGHLIGHTS\n  Construction spending: $2.14 trillion, up 0.3 percent from May\n  May revised to $2.13 trillion\n  Compared with June 2024: down 3.4 percent\n";
        let k = keys(text);
        let revised = key(&k, "$2.13 trillion", 0);
        assert!(
            revised.contains("may") && revised.contains("上期") && revised.contains("construction spending|"),
            "{k:?}"
        );
        assert!(key(&k, "3.4 percent", 0).contains("construction spending/down year"), "{k:?}");
        // Customs: a comparison with a year earlier.
        let text = "SUMMARY\n  Export receipts: $41.2 billion, up 1.1 percent from April\n  Compared with a year earlier: up 6.3 percent\n";
        let k = keys(text);
        assert!(key(&k, "6.3 percent", 0).contains("export receipt/up year"), "{k:?}");
    }

    #[test]
    fn a_sum_after_a_verb_of_receipt_states_revenue_of_what_it_is_received_as() {
        // Courts: the noun after `in` is what the sum is received as.
        let k =
            keys("Court fee revenue was $860,000 in May.\n\nIn May the registry collected $860,000 in court fees.\n");
        assert_eq!(key(&k, "$860,000", 0), key(&k, "$860,000", 1), "{k:?}");
        assert!(key(&k, "$860,000", 1).contains("court fee revenue|"), "{k:?}");
        // Bridge authority board: a question naming only a topic names what
        // the sum received in the answer is of.
        let text = "Toll revenue for May was $3.4 million.\n\nMS. REYES: And tolls? We took in $3.4 million in May, short of the budget.\n";
        let k = keys(text);
        assert_eq!(key(&k, "$3.4 million", 0), key(&k, "$3.4 million", 1), "{k:?}");
        // A time after `in` is no topic; no topic, the sum is revenue.
        let k = keys("The museum brought in $2.1 million in June.\n");
        assert!(key(&k, "$2.1 million", 0).ends_with(" revenue|USD"), "{k:?}");
    }

    #[test]
    fn a_combined_figure_after_a_list_states_the_total_of_the_lists_noun() {
        // Education: grants to two campuses, then their sum, restated later
        // as `the combined grant`.
        let text = "The ministry awarded grants of $3 million to the north campus and $2 million to the south campus, a combined $5 million.\n\nQ: Is the combined grant of $5 million enough for both campuses?\n";
        let k = keys(text);
        assert_eq!(key(&k, "$5 million", 0), key(&k, "$5 million", 1), "{k:?}");
        assert!(key(&k, "$5 million", 0).contains("grant|"), "{k:?}");
        // Fisheries: `a total of` after a list of quotas in tonnes.
        let k = keys("The council set quotas of 40 tonnes for cod and 25 tonnes for hake, a total of 65 tonnes.\n");
        assert!(key(&k, "65 tonnes", 0).contains("quota|"), "{k:?}");
    }

    #[test]
    fn a_revision_in_prose_states_an_earlier_periods_level_of_the_measure_its_noun_restates() {
        // Hospitals: the level after `to` is May's, revised; the one after
        // `from` is the unrevised one and stays apart.
        let text = "Hospital admissions rose by 310 to 8,420 in June.\n\nAdmissions for May were revised up by 40, from 8,070 to 8,110.\n\nHospital admissions: 8,110 in May, 8,420 in June.\n";
        let k = keys(text);
        let revised = key(&k, "8,110", 0);
        assert!(
            revised.contains("may") && revised.contains("上期") && revised.contains("hospital admission|"),
            "{k:?}"
        );
        assert_ne!(key(&k, "8,070", 0), revised, "{k:?}");
        // Customs: a bare plural noun with its month before it.
        let k = keys("Goods exports fell to $40.6 billion in April.\n\nMarch exports were revised to $40.9 billion.\n");
        let revised = key(&k, "$40.9 billion", 0);
        assert!(revised.contains("mar") && revised.contains("上期") && revised.contains("good export|"), "{k:?}");
        // A revision of the month the release reports is left as read.
        let k = keys("Goods exports fell to $40.6 billion in April.\n\nApril exports were revised to $40.7 billion.\n");
        assert!(!key(&k, "$40.7 billion", 0).contains("good export|"), "{k:?}");
    }

    #[test]
    fn a_bare_noun_opening_a_sentence_restates_the_measure_named_before_it() {
        // Hospitals: `Admissions were …` after `Emergency admissions rose …`.
        let k =
            keys("Emergency admissions rose by 412 to 13,300 in May. Admissions were 5.1 percent above May 2024.\n");
        assert!(key(&k, "5.1 percent", 0).contains("emergency admission/up year"), "{k:?}");
        // Customs: no such measure named in the paragraph before it.
        let k = keys("Receipts were 5.1 percent above May 2024.\n");
        assert!(!key(&k, "5.1 percent", 0).contains("duty"), "{k:?}");
        let k = keys("Customs duty receipts rose by $12 million to $480 million in May. Receipts were 4.4 percent below May 2024.\n");
        assert!(key(&k, "4.4 percent", 0).contains("custom duty receipt/down year"), "{k:?}");
    }

    #[test]
    fn an_average_of_changes_is_over_its_own_span() {
        // Regional labour reports: the span is the average's, not the
        // month said before it; `payroll gains` are job gains.
        let text = "Regional employment rose by 5,200 in June, and regional job gains averaged 4,300 a month over the last six months.\n\nOver the last six months, regional payroll gains averaged 4,300 per month.\n";
        let k = linked_of("release.txt", text);
        let avg: Vec<&(String, String, Confidence)> = k.iter().filter(|(t, _, _)| t == "4,300").collect();
        assert_eq!(avg[0].1, avg[1].1, "{k:?}");
        assert!(avg[0].1.contains("last six months") && !avg[0].1.contains("jun"), "{k:?}");
        let keys = keys(text);
        assert_ne!(key(&keys, "5,200", 0), key(&keys, "4,300", 0), "{keys:?}");
        // Hospital capacity: an average of additions is no single addition.
        let k = keys_of("release.txt", "Staffed bed increases have averaged 40 a quarter over the last two years.\n");
        assert!(key(&k, "40", 0).contains("average up quarter"), "{k:?}");
    }

    #[test]
    fn a_change_to_a_level_reached_in_a_month_runs_from_the_month_before() {
        // Schools: `to 58,400 in March` is the level the change reached.
        let k = keys("Enrolment rose by 1,200, or 2.1 percent, to 58,400 in March.\n");
        assert!(key(&k, "2.1 percent", 0).contains("up month"), "{k:?}");
        // Libraries: a change said `in March` alone may run over the year.
        let k = keys("Loans rose 2.1 percent in March.\n");
        assert!(!key(&k, "2.1 percent", 0).contains("month"), "{k:?}");
    }

    #[test]
    fn a_change_column_states_the_change_to_the_tables_latest_period() {
        // Libraries and ports: `Change` beside this year's and last year's
        // month is the change to this year's month, as the prose says it.
        let text = "MARCH LOANS                   Mar. 2025     Mar. 2024    Change\nBooks                           312,400       298,100      4.8%\nTotal                           412,300       388,300      6.2%\n\nLoans rose 6.2 percent in March.\n\nLoans rose 5.0 percent in the fiscal year to date.\n";
        let k = keys(text);
        assert!(key(&k, "6.2%", 0).contains("mar 2025"), "{k:?}");
        assert_eq!(key(&k, "6.2%", 0), key(&k, "6.2 percent", 0), "{k:?}");
        let text = "JUNE CONTAINERS               Jun. 2024     Jun. 2023    Change\nImports                         184,200       171,900      7.2%\nExports                         160,100       158,000      1.3%\n";
        let k = keys(text);
        assert!(key(&k, "7.2%", 0).contains("jun 2024"), "{k:?}");
        assert!(!key(&k, "7.2%", 0).contains("上期"), "{k:?}");
    }

    #[test]
    fn a_part_at_a_place_counts_what_its_whole_counts() {
        // Hospitals: births by site, and the prose's part at one site.
        let k = keys_of(
            "release.md",
            "| Site | Births |\n|---|---:|\n| Lakeside Hospital | 1,840 |\n| Hillcrest Clinic | 1,102 |\n| Total | 2,942 |\n\nThe maternity units delivered 2,942 babies, including 1,840 at Lakeside Hospital.\n",
        );
        assert_eq!(key(&k, "1,840", 0), key(&k, "1,840", 1), "{k:?}");
        assert_ne!(key(&k, "1,840", 1), key(&k, "2,942", 1), "{k:?}");
        // Policing: arrests by district.
        let k = keys_of(
            "release.md",
            "| District | Arrests |\n|---|---:|\n| Eastside | 310 |\n| Westside | 930 |\n| Total | 1,240 |\n\nOfficers made 1,240 arrests, including 310 in Eastside.\n",
        );
        assert_eq!(key(&k, "310", 0), key(&k, "310", 1), "{k:?}");
        // A time after the part is no place: `including 310 in May`.
        let k = keys("Officers made 1,240 arrests, including 310 in May.");
        assert!(!key(&k, "310", 0).contains("(may"), "{k:?}");
    }

    #[test]
    fn annual_growth_in_a_measure_is_its_change_on_the_year() {
        // Wages: a noun of change with a base among its modifiers.
        let k = keys(
            "Annual growth in average weekly earnings was 5.2%.\n\nAverage weekly earnings rose 5.2% on the year.",
        );
        assert_eq!(key(&k, "5.2%", 0), key(&k, "5.2%", 1), "{k:?}");
        // Housing: the subject before an aside, the verb alone after it.
        let k = keys(
            "Annual growth in house prices (excluding new builds) was 3.4 percent in March.\n\nHouse prices rose 3.4 percent over the year.",
        );
        assert_eq!(key(&k, "3.4 percent", 0), key(&k, "3.4 percent", 1), "{k:?}");
    }

    #[test]
    fn a_table_row_named_by_one_noun_states_the_one_measure_the_prose_names_by_it() {
        // Airports: `Cargo` in the summary table is the prose's `air cargo`;
        // the parts of a known partition name no whole.
        let text = "FREIGHT SUMMARY                 June 2024     June 2023    Change\nTotal passengers                1,904,000     1,851,000      2.9%\nAircraft movements                 15,210        15,060      1.0%\nCargo (metric tonnes)              18,240        17,910      1.8%\n\nAir cargo rose 1.8 percent to 18,240 metric tonnes.\n\nInternational cargo accounted for 11,020 tonnes and domestic cargo for 7,220 tonnes.\n";
        let k = keys(text);
        assert_eq!(key(&k, "18,240", 0), key(&k, "18,240 metric tonnes", 0), "{k:?}");
        assert_eq!(key(&k, "1.8%", 0), key(&k, "1.8 percent", 0), "{k:?}");
        // Libraries: `Visits` is `library visits`, unless the prose names two.
        let table = "| Item | 2023 | 2024 |\n|---|---:|---:|\n| Visits | 388,300 | 412,300 |\n| Loans | 1,100,000 | 1,204,000 |\n\n";
        let k = keys_of("release.md", &format!("{table}Library visits rose to 412,300 in 2024.\n"));
        assert_eq!(key(&k, "412,300", 0), key(&k, "412,300", 1), "{k:?}");
        let k = keys_of(
            "release.md",
            &format!("{table}Library visits rose to 412,300 in 2024.\n\nOnline visits reached 95,000 in 2024.\n"),
        );
        assert_ne!(key(&k, "412,300", 0), key(&k, "412,300", 1), "{k:?}");
    }

    #[test]
    fn a_participle_after_the_counted_noun_names_the_measure_its_verb_does() {
        // Universities: `undergraduates enrolled` is the table's undergraduate enrollment.
        let table = "Table 2. Enrollment by level\n\n| Level | Fall 2023 | Fall 2024 |\n|---|---:|---:|\n| Undergraduate | 15,310 | 15,902 |\n| Graduate | 4,120 | 4,077 |\n\n";
        let k = keys_of(
            "release.md",
            &format!("{table}Of the 15,902 undergraduates enrolled this fall, 9,800 live on campus.\n"),
        );
        assert_eq!(key(&k, "15,902", 0), key(&k, "15,902", 1), "{k:?}");
        // Community health: `babies delivered` are the table's births.
        let k = keys_of(
            "release.md",
            "| Site | Births |\n|---|---:|\n| Lakeside Hospital | 1,840 |\n| Hillcrest Clinic | 640 |\n| Total | 2,480 |\n\nIn all, 2,480 babies delivered by our midwives went home healthy.\n",
        );
        assert_eq!(key(&k, "2,480", 0), key(&k, "2,480", 1), "{k:?}");
    }
}
