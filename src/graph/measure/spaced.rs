//! Descriptions read from English (spaced-script) clauses: the counted noun
//! after the number, else the subject noun phrase of the clause, and the
//! verb frame around the figure (DESIGN.md, "Linking": the label is the noun
//! phrase).
//!
//! `the unemployment rate, at 3.5 percent`, `unemployment rate at 3.5%` and
//! `an unemployment rate of 3.9%` read as one level of `unemployment rate`;
//! `rose by 236,000` and `increased by 236,000` as one change of their
//! subject; `fell by 0.3 percentage points to 4.2%` as a change then the level
//! reached; `from 875,000` as the base of the change. Word classes come from
//! the pack's `measures.words`; the text is read as lower-case words with
//! line breaks as spaces, so a hard-wrapped sentence is one sentence.

use super::{Description, Kind};
use crate::extract::Figure;
use crate::lexicon::measure_words::{ClauseWords, MeasureWords};
use crate::lexicon::pack::CompiledPack;

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

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            Token::Boundary => None,
        })
        .collect()
}

/// Reads the description of a figure in an English clause.
pub(super) struct SpacedReader<'a> {
    pub(super) text: &'a str,
    pub(super) figures: &'a [Figure],
    pub(super) pack: &'a CompiledPack,
    pub(super) words: &'a MeasureWords,
    pub(super) classes: &'a ClauseWords,
}

/// The direction of a change, as its core names it.
fn direction_name(up: bool) -> &'static str {
    if up {
        "up"
    } else {
        "down"
    }
}

impl SpacedReader<'_> {
    pub(super) fn describe(&self, i: usize, earlier: std::ops::Range<usize>, done: &[Description]) -> Description {
        let figure = &self.figures[i];
        let boundaries = self.pack.spec.labels.boundaries.as_str();
        let sentence_start = figure.sentence.start.min(figure.span.start);
        let sentence_end = figure.sentence.end.max(figure.span.end);
        let segment_start = earlier.clone().last().map_or(sentence_start, |p| self.figures[p].span.end);
        let next_start = self
            .figures
            .get(i + 1)
            .filter(|f| f.sentence == figure.sentence)
            .map_or(sentence_end, |f| f.span.start.max(figure.span.end));
        let before = tokens(&self.text[segment_start.min(figure.span.start)..figure.span.start], boundaries);
        let after = tokens(&self.text[figure.span.end..next_start], boundaries);
        let whole_before = tokens(&self.text[sentence_start..figure.span.start], boundaries);
        let mut d = Description {
            frame: Vec::new(),
            period: self.period(&after, &whole_before),
            previous: false,
            kind: Kind::Level,
            head: None,
            core: String::new(),
            unit: String::new(),
            anchored: true,
            legacy: None,
        };
        let previous_figure = earlier.clone().last();
        // The measure the previous figure of the sentence states: a change's head,
        // a level's core.
        let inherited = previous_figure.and_then(|p| {
            let e = &done[p];
            let m = if e.kind == Kind::Level { Some(e.core.clone()) } else { e.head.clone() };
            m.filter(|m| !m.is_empty())
        });
        let clause = last_clause(&before);
        let clause_words = words(clause);
        let joined = clause_words.join(" ");
        let after_words = words(&after);
        let is_percent = matches!(figure.unit.as_deref(), Some("%" | "percentage points"));
        let counted =
            if figure.unit.is_none() { self.counted_noun(&after_words, &clause_words) } else { String::new() };

        // A sign word between the frame and the figure (`revised from up 0.2
        // percent to up 0.5 percent`): the frame is read before it.
        let (frame_words, sign) = match clause_words.split_last() {
            Some((last, rest)) if !rest.is_empty() && self.classes.comparatives.iter().any(|c| c == last) => {
                (rest.join(" "), self.change_word(last))
            }
            _ => (joined.clone(), None),
        };
        // The base of a comparison: `from 875,000 to 840,000`.
        if self.words.previous.as_ref().is_some_and(|re| re.is_match(&frame_words)) {
            d.previous = true;
            if let Some(up) = sign {
                d.kind = Kind::Change;
                d.core = format!("{} {}", self.words.spec.default_base, direction_name(up));
                d.head = self.subject(&before, previous_figure.is_some()).or(inherited);
                return self.anchor(d);
            }
            d.core = inherited.clone().or_else(|| self.subject(&before, previous_figure.is_some())).unwrap_or_default();
            return self.anchor(d);
        }
        if let (Some(up), true) = (sign, self.words.level_after.as_ref().is_some_and(|re| re.is_match(&frame_words))) {
            d.kind = Kind::Change;
            d.core = format!("{} {}", self.words.spec.default_base, direction_name(up));
            d.head = self.subject(&before, previous_figure.is_some()).or(inherited);
            return self.anchor(d);
        }
        // The level reached after a change: `fell by 0.3 percentage points to 4.2%`.
        let changed_before = clause_words.iter().any(|w| self.change_word(w).is_some());
        if self.words.level_after.as_ref().is_some_and(|re| re.is_match(&joined))
            && (changed_before || previous_figure.is_some())
        {
            let subject = self.subject(&before, previous_figure.is_some()).or(inherited);
            d.core = self.name(subject, &counted);
            return self.anchor(d);
        }
        // A change: `rose by 236,000`, `up 7.4 percent`, `148,000 more than`,
        // `or 0.8 percent` after a change, `(0.1%)` after one.
        let direction = self.change_before(&clause_words).or_else(|| {
            after_words
                .first()
                .filter(|w| self.classes.comparatives.iter().any(|c| c == *w))
                .and_then(|w| self.change_word(w))
        });
        let after_change = previous_figure
            .filter(|&p| done[p].kind == Kind::Change)
            .filter(|_| clause_words.iter().all(|w| *w == "or" || *w == "and"));
        if direction.is_some() || after_change.is_some() {
            d.kind = Kind::Change;
            let previous_change = after_change.map(|p| &done[p]);
            let up =
                direction.unwrap_or_else(|| previous_change.is_some_and(|e| e.core.ends_with(direction_name(true))));
            let base = self
                .base(&after_words, &clause_words)
                .map(str::to_string)
                .or_else(|| previous_change.and_then(|e| e.core.split(' ').next().map(str::to_string)));
            let base = base.unwrap_or_else(|| self.words.spec.default_base.clone());
            d.core = format!("{base} {}", direction_name(up));
            d.head = match previous_change {
                Some(e) => e.head.clone(),
                None => self.subject(&before, previous_figure.is_some()).or(inherited),
            };
            return self.anchor(d);
        }
        // A share: `17.3 percent of total sales`.
        if is_percent && after_words.first() == Some(&"of") {
            d.kind = Kind::Share;
            let whole = self.noun_phrase(&after_words[1..]);
            d.core = format!("share of {whole}");
            d.head = self.subject(&before, previous_figure.is_some()).or(inherited);
            return self.anchor(d);
        }
        // A level: the counted noun after a bare count, else the subject.
        let subject = if counted.split(' ').count() >= MIN_WORDS {
            None
        } else {
            self.subject(&before, previous_figure.is_some()).or(if clause_words.is_empty() { inherited } else { None })
        };
        d.core = self.name(subject, &counted);
        self.anchor(d)
    }

    /// What a level counts: a counted noun of two words or more
    /// (`payrolled employees`), else the subject with a one-word counted noun
    /// after it (`median waiting time` … `minutes`).
    fn name(&self, subject: Option<String>, counted: &str) -> String {
        if counted.split(' ').count() >= MIN_WORDS {
            return counted.to_string();
        }
        match subject {
            Some(s) if !counted.is_empty() && !s.ends_with(counted) => format!("{s} {counted}"),
            Some(s) => s,
            None => counted.to_string(),
        }
    }

    /// A level or share anchors when it names what it counts in two words or more
    /// (`unemployment rate`): one word (`jobs`, `rate`) is said of many measures.
    fn anchor(&self, mut d: Description) -> Description {
        let named = if d.kind == Kind::Level { d.core.as_str() } else { d.head.as_deref().unwrap_or("") };
        d.anchored = named.split(' ').filter(|w| !w.is_empty()).count() >= MIN_WORDS;
        d
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
            if matches!(*prep, "from" | "on" | "over" | "than") && self.classes.months.iter().any(|m| m == month) {
                let year = rest.first().is_some_and(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
                let id = if year { "year" } else { "month" };
                return self.words.spec.bases.iter().find(|b| b.id == id).map(|b| b.id.as_str());
            }
        }
        let clause = format!(" {} ", clause.join(" "));
        self.words.base_in(&clause)
    }

    /// The single month, quarter or span of months the clause names: after
    /// the figure first (`grew 1.2 percent in the first quarter`), else
    /// before it in the sentence.
    fn period(&self, after: &[Token], before: &[Token]) -> Option<String> {
        let re = self.words.periods.as_ref()?;
        let until_clause_end: Vec<Token> = after.iter().take_while(|t| **t != Token::Boundary).cloned().collect();
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
        read(&until_clause_end, false).or_else(|| read(before, true)).map(|p| {
            p.split(' ')
                .map(|w| if w.len() > 3 && self.classes.months.iter().any(|m| m == w) { &w[..3] } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    /// The counted noun after a bare count: `30.41 million payrolled employees`.
    /// A content verb just before the count stays (`solved 1,829 criminal
    /// cases`, `screened 7,500 disputes`): solving and screening are two measures.
    fn counted_noun(&self, after: &[&str], clause: &[&str]) -> String {
        let first = after.first().copied().unwrap_or("");
        if self.change_word(first).is_some() || self.is_function_word(first) {
            return String::new();
        }
        // A conjunction ends the counted noun: `1,829 cases and issued…`.
        let end = after.iter().position(|w| matches!(*w, "and" | "or" | "but")).unwrap_or(after.len());
        let noun = self.noun_phrase(&after[..end]);
        let verb = clause.last().filter(|w| {
            !self.is_function_word(w) && self.change_word(w).is_none() && w.chars().all(|c| c.is_alphabetic())
        });
        match verb {
            Some(v) if !noun.is_empty() => format!("{v} {noun}"),
            _ => noun,
        }
    }

    /// The subject of the clause before the figure: the words before its verb,
    /// clause by clause from the nearest (`the unemployment rate, at 4.2%`).
    /// After an earlier figure, the first clause is that figure's own tail
    /// (`1,862,415 passengers, while…`) and names nothing of this one.
    fn subject(&self, before: &[Token], after_figure: bool) -> Option<String> {
        let mut clauses: Vec<&[Token]> = before.split(|t| *t == Token::Boundary).collect();
        if after_figure && !clauses.is_empty() {
            clauses.remove(0);
        }
        clauses.reverse();
        for clause in clauses.into_iter().take(SUBJECT_CLAUSES) {
            let ws = words(clause);
            let verb = ws.iter().position(|w| self.is_verb(w)).unwrap_or(ws.len());
            let mut subject = &ws[..verb];
            // A fronted adverbial (`Among young people aged 16 to 24 the rate was`):
            // the subject starts at its last determiner.
            if subject.first().is_some_and(|w| self.classes.prepositions.iter().any(|p| p == w)) {
                let det = subject.iter().rposition(|w| self.classes.determiners.iter().any(|d| d == w));
                subject = det.map_or(&[][..], |d| &subject[d..]);
            }
            let mut np = self.noun_phrase(subject);
            // A pronoun subject (`It reported an unemployment rate of`): the
            // measure is the verb's object.
            if np.is_empty() && verb + 1 < ws.len() {
                np = self.noun_phrase(&ws[verb + 1..]);
            }
            if !np.is_empty() {
                return Some(np);
            }
        }
        None
    }

    fn is_verb(&self, word: &str) -> bool {
        self.classes.verbs.iter().any(|v| v == word) || self.change_word(word).is_some()
    }

    fn is_function_word(&self, word: &str) -> bool {
        let c = self.classes;
        c.prepositions.iter().any(|w| w == word)
            || c.relatives.iter().any(|w| w == word)
            || c.verbs.iter().any(|w| w == word)
            || c.determiners.iter().any(|w| w == word)
    }

    /// A noun phrase from its first words: determiners and possessives dropped,
    /// cut at a relative word, a verb, a number or a preposition (unless the
    /// head before it is generic: `number of vacancies`), at most five words.
    fn noun_phrase(&self, ws: &[&str]) -> String {
        let c = self.classes;
        let mut out: Vec<&str> = Vec::new();
        for (k, w) in ws.iter().enumerate() {
            let next = ws.get(k + 1).copied().unwrap_or("");
            if c.relatives.iter().any(|r| r == w) && out.is_empty() {
                continue;
            }
            if c.relatives.iter().any(|r| r == w) || self.is_verb(w) || w.chars().any(|ch| ch.is_ascii_digit()) {
                break;
            }
            if c.prepositions.iter().any(|p| p == w) {
                let generic = out.last().is_some_and(|h| c.generic_heads.iter().any(|g| g == h));
                if *w == "of" && generic {
                    out.push(w);
                    continue;
                }
                break;
            }
            // A reduced relative clause: `crashes caused by`, `people aged 16`.
            if !out.is_empty()
                && w.ends_with("ed")
                && (c.prepositions.iter().any(|p| p == next) || next.chars().any(|ch| ch.is_ascii_digit()))
            {
                break;
            }
            if c.determiners.iter().any(|d| d == w) || w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') {
                continue;
            }
            if !w.chars().all(|ch| ch.is_alphabetic() || ch == '-') {
                break;
            }
            out.push(w);
        }
        while out.last() == Some(&"of") {
            out.pop();
        }
        let keep = out.len().saturating_sub(MAX_WORDS);
        out[keep..].join(" ")
    }
}

/// A noun phrase names a measure alone with at least this many words.
const MIN_WORDS: usize = 2;
/// The longest noun phrase kept, in words (its last ones).
const MAX_WORDS: usize = 5;
/// Clauses searched back for a subject.
const SUBJECT_CLAUSES: usize = 2;
/// Words after a change searched for its base.
const BASE_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use crate::extract::{extract, Extracted};
    use crate::graph::link;
    use crate::graph::measure::{cluster, describe};
    use crate::lexicon::pack::Packs;
    use crate::span::Layout;

    /// Each figure as written with its measure key, after clustering.
    fn keys(text: &str) -> Vec<(String, String)> {
        let packs = Packs::builtin().unwrap();
        let Extracted { figures, clauses } = extract(text, &packs);
        let layout = Layout::new(text);
        let descriptions = describe(text, &figures, &packs, &layout, &clauses);
        let paragraphs: Vec<(usize, usize)> = figures
            .iter()
            .map(|f| (0, link::paragraph(&layout, f.span.start, packs.packs[f.pack].spec.labels.paragraphs).start))
            .collect();
        let keys = cluster(&descriptions, &paragraphs);
        figures.iter().zip(keys).map(|(f, (k, _))| (text[f.span.clone()].to_string(), k.to_string())).collect()
    }

    fn key<'a>(keys: &'a [(String, String)], text: &str, nth: usize) -> &'a str {
        keys.iter()
            .filter(|(t, _)| t == text)
            .nth(nth)
            .map(|(_, k)| k.as_str())
            .unwrap_or_else(|| panic!("{text}: {keys:?}"))
    }

    #[test]
    fn the_label_is_the_noun_phrase_whatever_the_frame() {
        // Labour statistics and a clinic's waiting times.
        let k = keys(
            "Both the unemployment rate, at 3.5 percent, and wages held up.\n\nThe unemployment rate held at 3.5%.\n\nIt reported an unemployment rate of 3.5 percent.",
        );
        assert_eq!(key(&k, "3.5 percent", 0), key(&k, "3.5%", 0));
        assert_eq!(key(&k, "3.5 percent", 0), key(&k, "3.5 percent", 1));
        let k = keys("The median waiting time was 24 minutes.\n\nA median waiting time of 24 minutes was recorded.");
        assert_eq!(key(&k, "24", 0), key(&k, "24", 1));
    }

    #[test]
    fn a_change_is_one_whatever_its_verb() {
        // Payrolls and port cargo.
        let k =
            keys("Payroll employment rose by 236,000 in March.\n\nPayroll employment increased by 236,000 in March.");
        assert_eq!(key(&k, "236,000", 0), key(&k, "236,000", 1));
        let k =
            keys("Container throughput grew by 4.1 percent on the year.\n\nContainer throughput was up 4.1 percent.");
        assert_eq!(key(&k, "4.1 percent", 0), key(&k, "4.1 percent", 1));
        let k = keys("Container throughput grew by 4.1 percent on the quarter and rose 4.1 percent on the year.");
        assert_ne!(key(&k, "4.1 percent", 0), key(&k, "4.1 percent", 1));
    }

    #[test]
    fn a_change_then_the_level_it_reaches_then_the_base() {
        // Labour statistics and hotel occupancy.
        let k = keys("The unemployment rate fell by 0.3 percentage points to 4.2%.\n\nThe unemployment rate was 4.2%.");
        assert_eq!(key(&k, "4.2%", 0), key(&k, "4.2%", 1));
        assert_ne!(key(&k, "0.3 percentage points", 0), key(&k, "4.2%", 0));
        let k = keys("The hotel occupancy rate rose from 71.5% to 74.2% in August.\n\nThe hotel occupancy rate was 71.5% in August.");
        assert_ne!(key(&k, "71.5%", 0), key(&k, "74.2%", 0));
        assert_ne!(key(&k, "71.5%", 0), key(&k, "71.5%", 1));
    }

    #[test]
    fn periods_keep_quarters_apart() {
        // National accounts and retail sales.
        let k = keys("GDP grew 1.2 percent in the first quarter and 2.9 percent in the second quarter.\n\nThe economy grew 1.2 percent in the first quarter.");
        assert_ne!(key(&k, "1.2 percent", 0), key(&k, "2.9 percent", 0));
        let k = keys("Online sales were $4.1 billion in March.\n\nOnline sales were $4.1 billion in April.");
        assert_ne!(key(&k, "$4.1 billion", 0), key(&k, "$4.1 billion", 1));
    }

    #[test]
    fn the_counted_noun_after_a_count_and_a_hard_wrapped_line() {
        // Payrolls and hospital admissions, wrapped at a line end.
        let k = keys("Early estimates show 30.41 million payrolled employees\nin September.\n\nThere were 30.41 million payrolled employees in September.");
        assert_eq!(key(&k, "30.41 million", 0), key(&k, "30.41 million", 1));
        let k = keys("Over the month the hospital's median\nwaiting time fell to 24 minutes.\n\nThe median waiting time was 24 minutes.");
        assert_eq!(key(&k, "24", 0), key(&k, "24", 1));
    }

    #[test]
    fn employment_is_not_the_end_of_unemployment() {
        // Labour statistics and transit (`ridership` is not `rail ridership`'s rival).
        let k =
            keys("The unemployment rate was 4.2%.\n\nThe employment rate was 74.8%.\n\nThe employment rate was 74.8%.");
        assert_ne!(key(&k, "4.2%", 0), key(&k, "74.8%", 0));
    }
}
