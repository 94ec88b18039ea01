//! Word lists indexed for fast matching at a position.
//!
//! The packs' lexicons (qualifiers, units, fillers, synonyms, stop words) are
//! matched at every figure; comparing each word in turn dominated extraction
//! time. A [`WordIndex`] buckets words by their first and last character, so
//! a lookup compares only the few words that can match.

/// Words with a payload, indexed by first and last character.
#[derive(Debug, Clone)]
pub struct WordIndex<T> {
    by_first: CharMap<Vec<(String, T)>>,
    by_last: CharMap<Vec<(String, T)>>,
    spaced: bool,
}

impl<T> Default for WordIndex<T> {
    fn default() -> Self {
        WordIndex { by_first: CharMap::default(), by_last: CharMap::default(), spaced: false }
    }
}

/// A map from characters: sorted, searched by bisection (a few comparisons,
/// no hashing on the hot path).
#[derive(Debug, Clone)]
struct CharMap<V> {
    entries: Vec<(char, V)>,
}

impl<V> Default for CharMap<V> {
    fn default() -> Self {
        CharMap { entries: Vec::new() }
    }
}

impl<V: Default> CharMap<V> {
    fn entry(&mut self, c: char) -> &mut V {
        let i = match self.entries.binary_search_by_key(&c, |(k, _)| *k) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (c, V::default()));
                i
            }
        };
        &mut self.entries[i].1
    }
}

impl<V> CharMap<V> {
    fn get(&self, c: &char) -> Option<&V> {
        self.entries.binary_search_by_key(c, |(k, _)| *k).ok().map(|i| &self.entries[i].1)
    }

    fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A set of characters, with a table for ASCII and one of the first bytes
/// of every member's UTF-8 encoding.
#[derive(Debug, Clone)]
pub struct CharSet {
    ascii: [bool; 128],
    other: Vec<char>,
    first_bytes: [bool; 256],
}

impl Default for CharSet {
    fn default() -> Self {
        CharSet { ascii: [false; 128], other: Vec::new(), first_bytes: [false; 256] }
    }
}

impl CharSet {
    pub fn new(chars: &str) -> Self {
        let mut set = CharSet::default();
        for c in chars.chars() {
            let mut buf = [0u8; 4];
            set.first_bytes[c.encode_utf8(&mut buf).as_bytes()[0] as usize] = true;
            if c.is_ascii() {
                set.ascii[c as usize] = true;
            } else {
                set.other.push(c);
            }
        }
        set.other.sort_unstable();
        set.other.dedup();
        set
    }

    /// False when no member's UTF-8 encoding starts with byte `b`.
    pub fn may_start_with(&self, b: u8) -> bool {
        self.first_bytes[b as usize]
    }

    /// Every member: the ASCII ones in order, then the others in order.
    pub fn members(&self) -> impl Iterator<Item = char> + '_ {
        (0u8..128).filter(|&b| self.ascii[usize::from(b)]).map(char::from).chain(self.other.iter().copied())
    }

    pub fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

impl<T: Clone> WordIndex<T> {
    /// Indexes `words`. With `spaced` (languages written with spaces between
    /// words), matching folds ASCII case, lets any run of white space match a
    /// space, and requires word boundaries at alphabetic ends.
    pub fn new(words: impl IntoIterator<Item = (String, T)>, spaced: bool) -> Self {
        let mut index = WordIndex { by_first: CharMap::default(), by_last: CharMap::default(), spaced };
        for (word, payload) in words {
            let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else { continue };
            let key = |c: char| if spaced { c.to_ascii_lowercase() } else { c };
            index.by_first.entry(key(first)).push((word.clone(), payload.clone()));
            index.by_last.entry(key(last)).push((word, payload));
        }
        // Longest first, then by text, so that the first match is the longest
        // and ties resolve the same way on every run.
        for list in index.by_first.values_mut().chain(index.by_last.values_mut()) {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        index
    }

    /// The longest word `text` starts with: its payload and the bytes it covers.
    pub fn longest_prefix(&self, text: &str) -> Option<(&T, usize)> {
        let first = text.chars().next()?;
        let first = if self.spaced { first.to_ascii_lowercase() } else { first };
        self.by_first.get(&first)?.iter().find_map(|(word, payload)| {
            let len = if self.spaced {
                spaced_prefix_len(text, word)?
            } else {
                text.starts_with(word.as_str()).then_some(word.len())?
            };
            Some((payload, len))
        })
    }

    /// The longest word `text` ends with: its payload and the bytes it covers.
    pub fn longest_suffix(&self, text: &str) -> Option<(&T, usize)> {
        let trimmed = if self.spaced { text.trim_end() } else { text };
        let last = trimmed.chars().next_back()?;
        let last = if self.spaced { last.to_ascii_lowercase() } else { last };
        self.by_last.get(&last)?.iter().find_map(|(word, payload)| {
            let start =
                if self.spaced { spaced_suffix_start(text, word)? } else { text.strip_suffix(word.as_str())?.len() };
            Some((payload, text.len() - start))
        })
    }

    /// The first position in `text` where a word starts, and that word's payload.
    pub fn find(&self, text: &str) -> Option<(usize, &T)> {
        text.char_indices().find_map(|(i, _)| self.longest_prefix(&text[i..]).map(|(t, _)| (i, t)))
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// Bytes covered if `text` starts with `phrase`, white space and case folded;
/// an alphabetic phrase must end at a word boundary (`percent`, not `percentage`).
fn spaced_prefix_len(text: &str, phrase: &str) -> Option<usize> {
    let mut rest = text;
    for (n, word) in phrase.split_whitespace().enumerate() {
        if n > 0 {
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return None;
            }
            rest = trimmed;
        }
        let head = rest.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word) {
            return None;
        }
        rest = &rest[word.len()..];
    }
    let ends_alpha = phrase.ends_with(|c: char| c.is_alphanumeric());
    if ends_alpha && rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(text.len() - rest.len())
}

/// Where `phrase` starts if `text` ends with it (white space after it
/// allowed), white space and case folded, at a word boundary.
fn spaced_suffix_start(text: &str, phrase: &str) -> Option<usize> {
    let mut rest = text;
    for word in phrase.split_whitespace().rev() {
        rest = rest.trim_end();
        let cut = rest.len().checked_sub(word.len())?;
        let tail = rest.get(cut..)?;
        if !tail.eq_ignore_ascii_case(word) {
            return None;
        }
        rest = &rest[..cut];
    }
    let starts_alpha = phrase.starts_with(|c: char| c.is_alphanumeric());
    let boundary = !starts_alpha || rest.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    (boundary && rest.len() < text.len()).then_some(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(words: &[&str], spaced: bool) -> WordIndex<usize> {
        WordIndex::new(words.iter().enumerate().map(|(i, w)| (w.to_string(), i)), spaced)
    }

    #[test]
    fn longest_word_wins() {
        let units = index(&["人", "人次", "万人次"], false);
        assert_eq!(units.longest_prefix("人次,"), Some((&1, "人次".len())));
        assert_eq!(units.longest_prefix("人,"), Some((&0, "人".len())));
        assert_eq!(units.longest_prefix("次"), None);
    }

    #[test]
    fn spaced_words_fold_case_and_white_space() {
        let qualifiers = index(&["more than", "over"], true);
        assert_eq!(qualifiers.longest_suffix("screened More\nthan "), Some((&0, "More\nthan ".len())));
        assert_eq!(qualifiers.longest_suffix("a cover "), None);
        let units = index(&["percent"], true);
        assert_eq!(units.longest_prefix("percent."), Some((&0, 7)));
        assert_eq!(units.longest_prefix("percentage"), None);
    }

    #[test]
    fn find_gives_the_first_word() {
        let stops = index(&["并", "同比"], false);
        assert_eq!(stops.find("督导组并下达"), Some(("督导组".len(), &0)));
        assert_eq!(stops.find("督导组"), None);
    }
}
