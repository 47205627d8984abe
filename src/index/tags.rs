//! Tags: the free labels of articles, folded into one tag per spelling that differs
//! only in case, spacing or accents, each with its articles newest first.
//!
//! A tag's page is `/tags/<slug>/`, so two tags that are not the same but make the same
//! slug ("C++" and "C") would share a page: that is an error naming both places. No
//! I/O and no URLs here.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::content::{Article, NameRef};
use crate::error::{Error, SourceLocation};
use crate::markdown::Rendered;
use crate::slugs::{name_key, slugify};

/// One tag and the articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Display name: the spelling used most, the first in sort order among equals.
    pub name: String,
    /// URL slug, unique among tags.
    pub slug: String,
    /// Indices into the index's articles, newest first.
    pub articles: Vec<usize>,
    /// Where it was first written, in the newest article carrying it.
    pub defined_at: SourceLocation,
}

/// The tags of `articles` (newest first) sorted by slug, and the tags of each article
/// by position in that list, in front matter order without repeats.
pub(super) fn collect_tags(
    articles: &[Rendered<Article>],
    errors: &mut Vec<Error>,
) -> (Vec<Tag>, Vec<Vec<usize>>) {
    struct Draft<'a> {
        spellings: Vec<&'a NameRef>,
        articles: Vec<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Most articles spell their tags as others did: each spelling's key is made once.
    let mut by_spelling: HashMap<&str, usize> = HashMap::new();
    let mut article_drafts = Vec::with_capacity(articles.len());
    for (position, rendered) in articles.iter().enumerate() {
        let mut own = Vec::new();
        for written in &rendered.item.tags {
            let next = drafts.len();
            let draft = *(by_spelling.entry(&written.name))
                .or_insert_with(|| *by_key.entry(tag_key(&written.name)).or_insert(next));
            if draft == next {
                drafts.push(Draft {
                    spellings: Vec::new(),
                    articles: Vec::new(),
                });
            }
            drafts[draft].spellings.push(written);
            if !own.contains(&draft) {
                own.push(draft);
                drafts[draft].articles.push(position);
            }
        }
        article_drafts.push(own);
    }

    let mut tags: Vec<(usize, Tag)> = drafts
        .into_iter()
        .enumerate()
        .map(
            |(
                draft,
                Draft {
                    spellings,
                    articles,
                },
            )| {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                for spelling in &spellings {
                    *counts.entry(spelling.name.as_str()).or_default() += 1;
                }
                let name = counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(name, _)| name.to_string())
                    .unwrap_or_default();
                let tag = Tag {
                    slug: slugify(&name),
                    name,
                    articles,
                    defined_at: spellings[0].location.clone(),
                };
                (draft, tag)
            },
        )
        .collect();
    tags.sort_by(|(_, a), (_, b)| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));

    for (_, tag) in &tags {
        if tag.slug.is_empty() {
            errors.push(Error::invalid(
                tag.defined_at.clone(),
                format!(
                    "tag `{}` has no letters or digits to make a URL from",
                    tag.name
                ),
            ));
        }
    }
    for pair in tags.windows(2) {
        let ((_, first), (_, second)) = (&pair[0], &pair[1]);
        if first.slug == second.slug && !first.slug.is_empty() {
            // Report at the later place in the files, naming the earlier one.
            let (earlier, later) = if first.defined_at <= second.defined_at {
                (first, second)
            } else {
                (second, first)
            };
            errors.push(
                Error::invalid_with_hint(
                    later.defined_at.clone(),
                    format!(
                        "tags `{}` and `{}` ({}) both make the URL /tags/{}/",
                        later.name, earlier.name, earlier.defined_at, later.slug
                    ),
                    Some("if they are the same tag, spell them the same way".into()),
                )
                .with_code("url-collision"),
            );
        }
    }

    let mut new_index = vec![0; tags.len()];
    for (sorted, (draft, _)) in tags.iter().enumerate() {
        new_index[*draft] = sorted;
    }
    let article_tags = article_drafts
        .into_iter()
        .map(|own| own.into_iter().map(|draft| new_index[draft]).collect())
        .collect();
    (tags.into_iter().map(|(_, tag)| tag).collect(), article_tags)
}

/// The key under which spellings are one tag: lower case, single spaces, accents
/// removed ("Élection" and "election" match; "Выборы" stays its own tag).
fn tag_key(name: &str) -> String {
    let unaccented: String = name.nfd().filter(|c| !is_combining_mark(*c)).collect();
    name_key(&unaccented)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_accents_but_not_script() {
        assert_eq!(tag_key("  Élection   Day"), "election day");
        assert_eq!(tag_key("ELECTION day"), "election day");
        assert_ne!(tag_key("Выборы"), tag_key("Vybory"));
        assert_ne!(tag_key("C++"), tag_key("C"));
    }
}
