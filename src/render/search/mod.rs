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

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::index::{EntityId, IndexedArticle, SiteIndex};
use crate::markdown::split_words;
use crate::routes::Routes;

/// Articles in one part of the article records: a screen of results rarely needs more
/// than a few parts, and a 10,000-article site has 625 of them.
pub const ARTICLES_PER_PART: usize = 16;

/// A part of the word list is closed once it reaches this many bytes; a single word in
/// most articles may make one larger.
const WORD_PART_BYTES: usize = 16 * 1024;

/// Query terms of at most this many characters match whole words only, so that a first
/// letter typed never fetches every word starting with it.
pub const WHOLE_WORD_BELOW: usize = 3;

/// The word list of a site's search index, made once and cut into parts.
#[derive(Debug)]
pub struct SearchWords {
    /// The first word of each part.
    bounds: Vec<String>,
    /// Each part as JSON.
    parts: Vec<String>,
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
    /// Folds and inverts the words of every article of `index`.
    pub fn new(index: &SiteIndex, routes: &Routes) -> SearchWords {
        let total = index.articles.len() as u32;
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
                let mut inverted = Inverted::default();
                for (offset, article) in articles.iter().enumerate() {
                    let position = (number * chunk + offset) as u32;
                    inverted.add_article(index, article, position);
                }
                inverted
            })
            .collect();
        let mut merged = Inverted::default();
        for part in inverted {
            merged.append(part);
        }
        let mut words: Vec<(String, Postings)> = merged.words.into_iter().collect();
        words.par_sort_unstable_by(|(a, _), (b, _)| compare_as_javascript(a, b));
        let entries: Vec<String> = words
            .par_iter()
            .map(|(word, postings)| {
                let entry = (
                    word.as_str(),
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
                bounds.push(word.clone());
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
        let version = version(index, routes, &parts);
        SearchWords {
            bounds,
            parts,
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

/// How many parts the article records of `index` have.
pub fn article_part_count(index: &SiteIndex) -> usize {
    index.articles.len().div_ceil(ARTICLES_PER_PART)
}

/// Part `number` of the article records, as JSON.
pub fn article_part(index: &SiteIndex, routes: &Routes, number: usize) -> String {
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
fn version(index: &SiteIndex, routes: &Routes, word_parts: &[String]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in word_parts {
        hasher.update(part.as_bytes());
    }
    for article in &index.articles {
        let record = article_record(routes, article);
        for field in [record.0.as_str(), record.1, &record.2, record.3] {
            hasher.update(field.as_bytes());
            hasher.update(&[0]);
        }
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

/// Words and their postings, for a run of articles.
#[derive(Default)]
struct Inverted {
    words: HashMap<String, Postings, ahash::RandomState>,
    /// Room for folding one word.
    folded: String,
}

impl Inverted {
    fn add_article(&mut self, index: &SiteIndex, article: &IndexedArticle, position: u32) {
        // Heading words first: a word's first sighting in an article decides nothing,
        // each list is pushed to at most once per article by looking at its end.
        self.add_text(&article.article.title, position, true);
        for &id in article.countries.iter().chain(&article.people) {
            self.add_text(&names(index, id), position, true);
        }
        self.add_text(article.summary(), position, false);
        self.add_text(&article.body.words.unpack(), position, false);
    }

    fn add_text(&mut self, text: &str, position: u32, heading: bool) {
        for word in split_words(text) {
            // Body words are lower-cased already; most need no copy to be folded.
            let folded = if word
                .bytes()
                .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
            {
                word
            } else {
                fold_into(word, &mut self.folded);
                self.folded.as_str()
            };
            let postings = match self.words.get_mut(folded) {
                Some(postings) => postings,
                None => self.words.entry(folded.to_string()).or_default(),
            };
            if postings.all.last() != Some(&position) {
                postings.all.push(position);
            }
            if heading && postings.heading.last() != Some(&position) {
                postings.heading.push(position);
            }
        }
    }

    /// Adds the postings of a later run of articles.
    fn append(&mut self, later: Inverted) {
        for (word, postings) in later.words {
            let mine = self.words.entry(word).or_default();
            mine.all.extend(postings.all);
            mine.heading.extend(postings.heading);
        }
    }
}

/// Every name of an entity: its name and its aliases.
fn names(index: &SiteIndex, id: EntityId) -> String {
    let entity = index.entity(id);
    let mut names = entity.name.clone();
    for alias in &entity.aliases {
        names.push(' ');
        names.push_str(alias);
    }
    names
}

/// `word` in lower case without accents or other combining marks, as `search.js`
/// folds a query: NFD, marks removed, lower-cased.
fn fold_into(word: &str, folded: &mut String) {
    folded.clear();
    if word.is_ascii() {
        folded.push_str(word);
        folded.make_ascii_lowercase();
    } else {
        folded.extend(
            word.nfd()
                .filter(|&c| !is_combining_mark(c))
                .flat_map(char::to_lowercase),
        );
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
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_accents_in_every_script() {
        let mut folded = String::new();
        for (word, expected) in [
            ("Côte", "cote"),
            ("ÉTÉ", "ete"),
            ("Лавров", "лавров"),
            ("Йемен", "иемен"),
            ("PRC", "prc"),
            ("北京", "北京"),
        ] {
            fold_into(word, &mut folded);
            assert_eq!(folded, expected);
        }
    }

    #[test]
    fn words_sort_as_javascript_compares_them() {
        // U+FF5E is above the surrogates JavaScript uses for U+1F600.
        assert!(compare_as_javascript("\u{1F600}", "\u{FF5E}").is_lt());
        assert!(compare_as_javascript("abc", "abd").is_lt());
        assert!(compare_as_javascript("ab", "abc").is_lt());
    }
}
