//! `briefing new`: a new article file with today's date and the front matter filled in.
//!
//! The new article is checked against the site as the build would check it (its
//! countries and people resolved with the site's profiles) before anything is written,
//! and it gets a slug no other article has, so `new` never writes a file that breaks
//! the next build.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::catalog::{Catalog, country_registry};
use crate::config::load_config;
use crate::content::{Article, Content, LoadOptions, load_content, parse_article};
use crate::error::{Error, Result};
use crate::fs;
use crate::index::SiteIndex;
use crate::markdown::{Rendered, RenderedContent, RenderedMarkdown};
use crate::slugs::slugify;

/// The longest slug `new` makes from a title, in bytes: file names stay short enough
/// for every file system and for a terminal line.
const MAX_SLUG_LENGTH: usize = 60;

/// What the new article is about.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The headline.
    pub title: String,
    /// Countries to list.
    pub countries: Vec<String>,
    /// People to list.
    pub people: Vec<String>,
    /// The date to give it, normally today in the site's time zone.
    pub date: Date,
}

/// Writes `content/articles/<yyyy>/<slug>.md` in `site_dir` and returns its path. The
/// slug is made from the title, shortened, and numbered (`-2`, `-3`) when an article
/// already has it; a country or person the build would refuse is an error and nothing
/// is written.
pub fn new_article(site_dir: &Path, article: &NewArticle) -> Result<PathBuf> {
    let base = shorten_slug(&slugify(&article.title));
    if base.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{}` has no letters or digits to make a file name from",
            shorten_for_message(&article.title)
        )));
    }
    let config = load_config(site_dir)?;
    let (content, _) = load_content(
        site_dir,
        &LoadOptions {
            include_drafts: true,
            time_zone: config.time_zone.clone(),
        },
    );
    let taken: HashSet<&str> = content
        .articles
        .iter()
        .map(|existing| existing.slug.as_str())
        .collect();
    let year_dir = format!("content/articles/{}", article.date.year());
    let path = (1..)
        .map(|number| match number {
            1 => base.clone(),
            _ => format!("{base}-{number}"),
        })
        .filter(|slug| !taken.contains(slug.as_str()))
        .map(|slug| fs::site_path(site_dir, format!("{year_dir}/{slug}.md")))
        .find(|path| !path.exists())
        .unwrap_or_default();
    let text = format!(
        "---\ntitle: {}\ndate: {}\ncountries: {}\npeople: {}\n---\n\n",
        quote(&article.title),
        article.date,
        list(&article.countries),
        list(&article.people),
    );
    check_against_site(parse_article(&text, &path, &config.time_zone), content)
        .map_err(|error| as_options_error(error, &path))?;
    fs::write(&path, text.as_bytes())?;
    Ok(path)
}

/// Builds the site's index with the new article added, as the build would (bodies are
/// not needed to resolve names), and keeps the errors about the new article only.
fn check_against_site(new: Result<Article>, mut content: Content) -> Result<()> {
    let new = new?;
    let path = new.source_path.clone();
    content.articles.push(new);
    let mut errors = Vec::new();
    let registry = country_registry(&content.countries, &mut errors);
    let (catalog, catalog_errors) = Catalog::resolve(&content, &registry);
    errors.extend(catalog_errors);
    let rendered = RenderedContent {
        articles: content.articles.into_iter().map(without_body).collect(),
        people: content.people.into_iter().map(without_body).collect(),
        countries: content.countries.into_iter().map(without_body).collect(),
        vocabulary: Default::default(),
    };
    let (_, index_errors) = SiteIndex::build_partial(rendered, catalog, &registry);
    errors.extend(index_errors);
    if errors.is_empty() {
        return Ok(());
    }
    let error = Error::from_many(errors);
    let errors = match error {
        Error::Many(errors) => errors,
        error => vec![error],
    };
    let about_new: Vec<Error> = errors
        .into_iter()
        .filter(|error| error.location().is_some_and(|at| at.path == path))
        .collect();
    if about_new.is_empty() {
        Ok(())
    } else {
        Err(Error::from_many(about_new))
    }
}

fn without_body<T>(item: T) -> Rendered<T> {
    Rendered {
        item,
        body: RenderedMarkdown::default(),
    }
}

/// The problems of a file not yet written, without its location: they are about the
/// command's options.
fn as_options_error(error: Error, path: &Path) -> Error {
    let errors = match error {
        Error::Many(errors) => errors,
        error => vec![error],
    };
    let errors = errors
        .into_iter()
        .map(|error| match error {
            Error::Invalid {
                location,
                message,
                hint,
                code,
            } if location.path == path => {
                let hint = hint.or_else(|| {
                    (code == "unknown-country").then(|| {
                        "name a country in English or by its ISO 3166 code, such as `France` or `FR`"
                            .to_string()
                    })
                });
                let hint = hint.map(|hint| format!(" (hint: {hint})")).unwrap_or_default();
                Error::Usage(format!("{message}{hint}; nothing was written"))
            }
            error => error,
        })
        .collect();
    Error::from_many(errors)
}

/// `slug` cut at a word boundary to at most [`MAX_SLUG_LENGTH`] bytes.
fn shorten_slug(slug: &str) -> String {
    if slug.len() <= MAX_SLUG_LENGTH {
        return slug.to_string();
    }
    // Slugs are ASCII, so any byte index is a character boundary.
    let cut = &slug[..MAX_SLUG_LENGTH];
    let cut = match cut.rfind('-') {
        Some(at) if at > MAX_SLUG_LENGTH / 2 => &cut[..at],
        _ => cut,
    };
    cut.trim_end_matches('-').to_string()
}

/// A title short enough to quote in a message.
fn shorten_for_message(title: &str) -> String {
    const SHOWN: usize = 60;
    match title.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &title[..at]),
        None => title.to_string(),
    }
}

/// A YAML double-quoted string, so any title survives: colons, quotes, `#`.
fn quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quote(item)).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            quote("Talks: \"final\" \\ round #2"),
            "\"Talks: \\\"final\\\" \\\\ round #2\""
        );
        assert_eq!(list(&[]), "[]");
        assert_eq!(
            list(&["US".into(), "Côte d'Ivoire".into()]),
            "[\"US\", \"Côte d'Ivoire\"]"
        );
    }

    #[test]
    fn writes_the_article_and_never_overwrites_one() {
        let site = tempfile::tempdir().unwrap();
        let article = NewArticle {
            title: "Talks in Geneva: day one".into(),
            countries: vec!["Switzerland".into()],
            people: vec![],
            date: jiff::civil::date(2026, 11, 27),
        };
        let path = new_article(site.path(), &article).unwrap();
        assert_eq!(
            path,
            site.path()
                .join("content/articles/2026/talks-in-geneva-day-one.md")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "---\ntitle: \"Talks in Geneva: day one\"\ndate: 2026-11-27\ncountries: [\"Switzerland\"]\npeople: []\n---\n\n"
        );
        let again = new_article(site.path(), &article).unwrap();
        assert_eq!(
            again,
            site.path()
                .join("content/articles/2026/talks-in-geneva-day-one-2.md")
        );
    }

    #[test]
    fn long_slugs_are_cut_at_a_word() {
        let long = "word-".repeat(30);
        let short = shorten_slug(&long);
        assert!(short.len() <= MAX_SLUG_LENGTH, "{short}");
        assert!(short.ends_with("word"), "{short}");
        assert_eq!(shorten_slug(&"x".repeat(100)), "x".repeat(MAX_SLUG_LENGTH));
        assert_eq!(shorten_slug("talks"), "talks");
    }
}
