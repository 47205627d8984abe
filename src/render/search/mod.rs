//! The search index, cut into parts so that a query fetches only what its words need.
//!
//! `/search/index.json` is the table of contents: the number of articles, the first
//! word of each part of the word list and a version that changes with the contents.
//! `/search/words/<n>.json` holds a run of the sorted, folded words, each with the
//! articles containing it and those naming it in the title or a listed name.
//! `/search/articles/<n>.json` holds the headline, link, date and summary of a run of
//! [`ARTICLES_PER_PART`] articles. Articles are numbered by their position in the
//! newest-first list. The theme's `search.js` reads all three.

mod postings;

use std::collections::HashMap;

use crate::catalog::of_kind;
use crate::index::{Entity, EntityId, IndexedArticle, SiteIndex};
use crate::markdown::{Vocabulary, fold_word, split_words};
use crate::routes::Routes;
use rayon::prelude::*;
use serde::Serialize;

/// Articles in one part of the article records: a screen of results rarely needs more
/// than a few parts, and a 10,000-article site has 625 of them.
pub const ARTICLES_PER_PART: usize = 16;

/// A part of the word list is closed once it reaches this many bytes; a single word in
/// most articles may make one larger.
const WORD_PART_BYTES: usize = 16 * 1024;

/// Query terms of at most this many characters match whole words only, so that a first
/// letter typed never fetches every word starting with it.
pub const WHOLE_WORD_BELOW: usize = 3;

/// The word list and article records of a site's search index, made once and cut
/// into parts.
#[derive(Debug)]
pub struct SearchWords {
    /// The first word of each part.
    bounds: Vec<String>,
    /// Each part as JSON.
    parts: Vec<String>,
    /// Each part of the article records as JSON.
    articles: Vec<String>,
    /// Changes whenever any part of the index does.
    version: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: &'a str,
    articles: usize,
    articles_per_part: usize,
    whole_word_below: usize,
    /// The first word of each part of the word list.
    words: &'a [String],
}

/// One article as search results show it: link, headline, date, summary.
#[derive(Serialize)]
struct ArticleRecord<'a>(String, &'a str, String, &'a str);

impl SearchWords {
    /// Inverts the words of every article of `index`: by number for the words of its
    /// bodies, by text for the words of titles, summaries and names no body holds.
    pub fn new(index: &SiteIndex, routes: &Routes) -> SearchWords {
        let total = index.articles.len() as u32;
        let vocabulary = &index.vocabulary;
        let names = Names::new(index);
        // Each thread inverts a run of articles; runs are merged in order, so every
        // posting list stays sorted.
        let chunk = index
            .articles
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(1);
        let inverted: Vec<Inverted> = index
            .articles
            .par_chunks(chunk)
            .enumerate()
            .map(|(number, articles)| {
                let mut inverted = Inverted::new(vocabulary);
                for (offset, article) in articles.iter().enumerate() {
                    let position = (number * chunk + offset) as u32;
                    inverted.add_article(&names, article, position);
                }
                inverted
            })
            .collect();
        let mut merged = Inverted::new(vocabulary);
        for part in inverted {
            merged.append(part);
        }
        let others: Vec<(String, Postings)> = merged.others.into_iter().collect();
        let numbered = (merged.numbered.iter().enumerate())
            .filter(|(_, postings)| !postings.all.is_empty())
            .filter_map(|(number, postings)| Some((vocabulary.word(number as u32)?, postings)));
        let others = others
            .iter()
            .map(|(word, postings)| (word.as_str(), postings));
        let mut words: Vec<(&str, &Postings)> = numbered.chain(others).collect();
        words.par_sort_unstable_by(|(a, _), (b, _)| compare_as_javascript(a, b));
        let entries: Vec<String> = words
            .par_iter()
            .map(|(word, postings)| {
                let entry = (
                    *word,
                    postings::encode(&postings.all, total),
                    postings::encode(&postings.heading, total),
                );
                serde_json::to_string(&entry).unwrap_or_default()
            })
            .collect();

        let (mut bounds, mut parts) = (Vec::new(), Vec::new());
        let mut part = String::new();
        for ((word, _), entry) in words.iter().zip(&entries) {
            if part.is_empty() {
                bounds.push(word.to_string());
                part.push('[');
            } else {
                part.push(',');
            }
            part.push_str(entry);
            if part.len() >= WORD_PART_BYTES {
                part.push_str("]\n");
                parts.push(std::mem::take(&mut part));
            }
        }
        if !part.is_empty() {
            part.push_str("]\n");
            parts.push(part);
        }
        let articles: Vec<String> = (0..index.articles.len().div_ceil(ARTICLES_PER_PART))
            .into_par_iter()
            .map(|number| article_part(index, routes, number))
            .collect();
        let version = version(&parts, &articles);
        SearchWords {
            bounds,
            parts,
            articles,
            version,
        }
    }

    /// How many parts the word list has.
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// Part `number` of the word list, as JSON; empty past the last.
    pub fn part(&self, number: usize) -> String {
        self.parts.get(number).cloned().unwrap_or_default()
    }

    /// How many parts the article records have.
    pub fn article_part_count(&self) -> usize {
        self.articles.len()
    }

    /// Part `number` of the article records, as JSON; empty past the last.
    pub fn article_part(&self, number: usize) -> String {
        self.articles.get(number).cloned().unwrap_or_default()
    }

    /// `/search/index.json`.
    pub fn manifest(&self, index: &SiteIndex) -> String {
        let manifest = Manifest {
            version: &self.version,
            articles: index.articles.len(),
            articles_per_part: ARTICLES_PER_PART,
            whole_word_below: WHOLE_WORD_BELOW,
            words: &self.bounds,
        };
        let mut json = serde_json::to_string(&manifest).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// Part `number` of the article records, as JSON.
fn article_part(index: &SiteIndex, routes: &Routes, number: usize) -> String {
    let start = (number * ARTICLES_PER_PART).min(index.articles.len());
    let end = (start + ARTICLES_PER_PART).min(index.articles.len());
    let records: Vec<ArticleRecord> = index.articles[start..end]
        .iter()
        .map(|article| article_record(routes, article))
        .collect();
    let mut json = serde_json::to_string(&records).unwrap_or_default();
    json.push('\n');
    json
}

fn article_record<'a>(routes: &Routes, article: &'a IndexedArticle) -> ArticleRecord<'a> {
    ArticleRecord(
        routes.link(&routes.article(&article.article.slug)),
        &article.article.title,
        article.article.date.strftime("%Y-%m-%d").to_string(),
        article.summary(),
    )
}

/// A hash of everything the parts hold, so a browser never mixes parts of two builds
/// (`search.js` asks for each part with `?v=` and this).
fn version(word_parts: &[String], article_parts: &[String]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in word_parts.iter().chain(article_parts) {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    format!("{:016x}", hasher.digest())
}

/// The articles holding one word.
#[derive(Debug, Default)]
struct Postings {
    /// Every article with the word anywhere.
    all: Vec<u32>,
    /// Those with it in the title or the name or alias of a country or person listed.
    heading: Vec<u32>,
}

impl Postings {
    /// Adds the article at `position`, unless it is the last there already: articles
    /// are added in order, each word of each as often as it comes.
    fn add(&mut self, position: u32, heading: bool) {
        if self.all.last() != Some(&position) {
            self.all.push(position);
        }
        if heading && self.heading.last() != Some(&position) {
            self.heading.push(position);
        }
    }
}

/// A word of the search index: by number when a body holds it, else by its folded
/// text.
enum Term<W> {
    Numbered(u32),
    Other(W),
}

impl<'w> Term<&'w str> {
    /// `word`, folded (into `buffer` when it must be copied), as `vocabulary` has it.
    fn of(vocabulary: &Vocabulary, word: &'w str, buffer: &'w mut String) -> Term<&'w str> {
        let folded = fold_word(word, buffer);
        match vocabulary.number(folded) {
            Some(number) => Term::Numbered(number),
            None => Term::Other(folded),
        }
    }
}

impl Term<Box<str>> {
    fn as_ref(&self) -> Term<&str> {
        match self {
            Term::Numbered(number) => Term::Numbered(*number),
            Term::Other(word) => Term::Other(word),
        }
    }
}

/// The words of every entity's name and aliases, folded once for every article that
/// lists it.
struct Names {
    countries: Vec<Vec<Term<Box<str>>>>,
    people: Vec<Vec<Term<Box<str>>>>,
}

impl Names {
    fn new(index: &SiteIndex) -> Names {
        let terms = |entity: &Entity| {
            let mut folded = String::new();
            let names = std::iter::once(&entity.name).chain(&entity.aliases);
            let words = names.flat_map(|name| split_words(name));
            let terms = words.map(
                |word| match Term::of(&index.vocabulary, word, &mut folded) {
                    Term::Numbered(number) => Term::Numbered(number),
                    Term::Other(word) => Term::Other(word.into()),
                },
            );
            terms.collect::<Vec<_>>()
        };
        Names {
            countries: index.countries.iter().map(terms).collect(),
            people: index.people.iter().map(terms).collect(),
        }
    }

    fn of(&self, id: EntityId) -> &[Term<Box<str>>] {
        of_kind(id.kind, &self.countries, &self.people)
            .get(id.index)
            .map_or(&[], Vec::as_slice)
    }
}

/// Words and their postings, for a run of articles.
struct Inverted<'a> {
    vocabulary: &'a Vocabulary,
    /// The postings of each word of the vocabulary, by number.
    numbered: Vec<Postings>,
    /// The postings of words the vocabulary lacks.
    others: HashMap<String, Postings, ahash::RandomState>,
    /// Room for folding one word.
    folded: String,
}

impl<'a> Inverted<'a> {
    fn new(vocabulary: &'a Vocabulary) -> Inverted<'a> {
        Inverted {
            vocabulary,
            numbered: std::iter::repeat_with(Postings::default)
                .take(vocabulary.len())
                .collect(),
            others: HashMap::default(),
            folded: String::new(),
        }
    }

    fn add_article(&mut self, names: &Names, article: &IndexedArticle, position: u32) {
        // Heading words first: a word's first sighting in an article decides nothing,
        // each list is pushed to at most once per article by looking at its end.
        self.add_text(&article.article.title, position, true);
        for &id in article.countries.iter().chain(&article.people) {
            for term in names.of(id) {
                self.add_term(term.as_ref(), position, true);
            }
        }
        // The words of the body's own summary are among its words.
        if let Some(summary) = &article.article.summary {
            self.add_text(summary, position, false);
        }
        for number in article.body.words.iter() {
            self.add_numbered(number, position, false);
        }
    }

    fn add_text(&mut self, text: &str, position: u32, heading: bool) {
        let mut folded = std::mem::take(&mut self.folded);
        for word in split_words(text) {
            let term = Term::of(self.vocabulary, word, &mut folded);
            self.add_term(term, position, heading);
        }
        self.folded = folded;
    }

    fn add_term(&mut self, term: Term<&str>, position: u32, heading: bool) {
        match term {
            Term::Numbered(number) => self.add_numbered(number, position, heading),
            Term::Other(word) => self.add_other(word, position, heading),
        }
    }

    fn add_numbered(&mut self, number: u32, position: u32, heading: bool) {
        if let Some(postings) = self.numbered.get_mut(number as usize) {
            postings.add(position, heading);
        }
    }

    fn add_other(&mut self, word: &str, position: u32, heading: bool) {
        let postings = match self.others.get_mut(word) {
            Some(postings) => postings,
            None => self.others.entry(word.to_string()).or_default(),
        };
        postings.add(position, heading);
    }

    /// Adds the postings of a later run of articles.
    fn append(&mut self, later: Inverted) {
        for (mine, theirs) in self.numbered.iter_mut().zip(later.numbered) {
            mine.all.extend(theirs.all);
            mine.heading.extend(theirs.heading);
        }
        for (word, postings) in later.others {
            let mine = self.others.entry(word).or_default();
            mine.all.extend(postings.all);
            mine.heading.extend(postings.heading);
        }
    }
}

/// The order of JavaScript's `<` on strings (UTF-16 code units), in which `search.js`
/// looks words up; it differs from Rust's only for characters beyond U+FFFF.
fn compare_as_javascript(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

#[cfg(test)]
mod tests;
