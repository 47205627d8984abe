//! The words of bodies, numbered site-wide, so that the search index is inverted by
//! number rather than by looking up every word of every body by its text again on
//! every build.
//!
//! A body's words are folded as search folds them ([`super::fold_word`]), numbered in
//! the site's [`Vocabulary`] while the body is rendered, and kept as a sorted set of
//! numbers ([`super::WordIds`]). The build cache keeps the vocabulary with the bodies,
//! so the numbers of a kept body stay valid; the words only bodies no longer kept used
//! are dropped once they could be a good part of it (see [`Vocabulary::compact`]).

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use super::WordIds;

/// Every folded word of a site's bodies, each with its number.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32, ahash::RandomState>,
}

impl Vocabulary {
    /// The vocabulary numbering `words` in order; `None` when a word is there twice.
    pub fn from_words(words: Vec<Box<str>>) -> Option<Vocabulary> {
        let mut numbers = HashMap::with_capacity_and_hasher(words.len(), Default::default());
        for (number, word) in words.iter().enumerate() {
            if numbers.insert(word.clone(), number as u32).is_some() {
                return None;
            }
        }
        Some(Vocabulary { words, numbers })
    }

    /// Every word, by number.
    pub fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The number of a folded word, if it has one.
    pub fn number(&self, folded: &str) -> Option<u32> {
        self.numbers.get(folded).copied()
    }

    /// The word of a number, if it is one.
    pub fn word(&self, number: u32) -> Option<&str> {
        self.words.get(number as usize).map(|word| &**word)
    }

    fn add(&mut self, folded: &str) -> u32 {
        if let Some(number) = self.number(folded) {
            return number;
        }
        let number = self.words.len() as u32;
        self.words.push(folded.into());
        self.numbers.insert(folded.into(), number);
        number
    }

    /// Drops the words none of `bodies` holds and numbers the rest again, in the order
    /// they had, when that drops a quarter of them or more; each body is given its new
    /// numbers. Returns whether it did.
    pub fn compact(&mut self, bodies: &mut [&mut WordIds]) -> bool {
        let mut used = vec![false; self.words.len()];
        for ids in bodies.iter() {
            for number in ids.iter() {
                if let Some(used) = used.get_mut(number as usize) {
                    *used = true;
                }
            }
        }
        let kept = used.iter().filter(|&&used| used).count();
        if (self.words.len() - kept) * 4 < self.words.len() {
            return false;
        }
        let mut renumbered = vec![u32::MAX; self.words.len()];
        let mut words = Vec::with_capacity(kept);
        for (number, word) in std::mem::take(&mut self.words).into_iter().enumerate() {
            if used[number] {
                renumbered[number] = words.len() as u32;
                words.push(word);
            }
        }
        for ids in bodies.iter_mut() {
            let numbers = ids.iter().filter_map(|number| {
                let new = *renumbered.get(number as usize)?;
                (new != u32::MAX).then_some(new)
            });
            **ids = WordIds::new(numbers.collect());
        }
        *self = Vocabulary::from_words(words).unwrap_or_default();
        true
    }
}

/// A vocabulary that bodies rendered in parallel number their words in: every body
/// looks its words up side by side with the others, and only words new to the site
/// wait for their turn to be added.
#[derive(Debug, Default)]
pub struct Numbering(RwLock<Vocabulary>);

impl Numbering {
    /// Numbering in `vocabulary`, adding to it.
    pub fn new(vocabulary: Vocabulary) -> Numbering {
        Numbering(RwLock::new(vocabulary))
    }

    /// The numbers of `words`, folded already, adding those the vocabulary lacks.
    pub fn number<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> WordIds {
        let mut numbers = Vec::new();
        let mut new = Vec::new();
        {
            let vocabulary = self.0.read().unwrap_or_else(PoisonError::into_inner);
            for word in words {
                match vocabulary.number(word) {
                    Some(number) => numbers.push(number),
                    None => new.push(word),
                }
            }
        }
        if !new.is_empty() {
            let mut vocabulary = self.0.write().unwrap_or_else(PoisonError::into_inner);
            numbers.extend(new.into_iter().map(|word| vocabulary.add(word)));
        }
        WordIds::new(numbers)
    }

    /// The vocabulary, with every word numbered.
    pub fn into_inner(self) -> Vocabulary {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(vocabulary: &Vocabulary, ids: &WordIds) -> Vec<String> {
        ids.iter()
            .map(|number| vocabulary.word(number).unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_word_keeps_its_number_and_new_words_get_the_next() {
        let numbering = Numbering::default();
        let first = numbering.number(["summit", "talks", "summit"]);
        let second = numbering.number(["talks", "ceasefire"]);
        assert_eq!(first.iter().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(second.iter().collect::<Vec<_>>(), [1, 2]);
        let vocabulary = numbering.into_inner();
        assert_eq!(words_of(&vocabulary, &second), ["talks", "ceasefire"]);
        assert_eq!(vocabulary.number("summit"), Some(0));
        assert_eq!(vocabulary.number("absent"), None);
        assert_eq!(vocabulary.word(3), None);
    }

    #[test]
    fn compacting_drops_unused_words_and_keeps_every_body_readable() {
        let numbering = Numbering::default();
        let gone = numbering.number(["alpha", "beta", "gamma"]);
        let mut kept = [
            numbering.number(["delta", "beta"]),
            numbering.number(["epsilon"]),
        ];
        drop(gone);
        let mut vocabulary = numbering.into_inner();
        let before: Vec<_> = kept.iter().map(|ids| words_of(&vocabulary, ids)).collect();
        assert!(vocabulary.compact(&mut kept.iter_mut().collect::<Vec<_>>()));
        assert_eq!(vocabulary.words().len(), 3);
        let after: Vec<_> = kept.iter().map(|ids| words_of(&vocabulary, ids)).collect();
        let sorted = |mut lists: Vec<Vec<String>>| {
            lists.iter_mut().for_each(|list| list.sort());
            lists
        };
        assert_eq!(sorted(after), sorted(before));
        // Nothing more to drop: left as it is.
        assert!(!vocabulary.compact(&mut kept.iter_mut().collect::<Vec<_>>()));
    }

    #[test]
    fn a_vocabulary_with_a_word_twice_is_refused() {
        assert!(Vocabulary::from_words(vec!["a".into(), "a".into()]).is_none());
        assert!(Vocabulary::from_words(vec!["a".into(), "b".into()]).is_some());
    }
}
