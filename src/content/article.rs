//! One briefing: its raw front matter ([`FrontMatter`]) and the validated [`Article`].
//!
//! Validation here is what a single file can tell on its own: required keys, real
//! dates, safe URLs, a usable slug. Whether a country exists is decided by `index`.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::NameRef;
use super::bundle::{Bundle, is_bundle_index};
use super::date::parse_date;
use crate::error::{Error, Result, SourceLocation};
use crate::front_matter::{Spanned, file_location, parse_yaml, split_front_matter};
use crate::slugs::{is_safe_url, slugify};

/// The front matter exactly as written; see DESIGN.md for the contract.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    date: Spanned<String>,
    summary: Option<String>,
    #[serde(default)]
    countries: Vec<Spanned<String>>,
    #[serde(default)]
    people: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    source: Option<RawSource>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    updated: Option<Spanned<String>>,
    #[serde(default)]
    extra: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    url: Option<Spanned<String>>,
}

/// Where a briefing's information came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleSource {
    /// The outlet or document name.
    pub name: String,
    /// A link to it, checked to be http(s).
    pub url: Option<String>,
}

/// A validated briefing, its body still Markdown.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file, relative to the site folder.
    pub source_path: PathBuf,
    /// The headline.
    pub title: String,
    /// When it was published, in the site's time zone.
    pub date: ZonedDateTime,
    /// Where the date was written.
    pub date_location: SourceLocation,
    /// When it was last revised, if given.
    pub updated: Option<ZonedDateTime>,
    /// The summary from front matter, if written.
    pub summary: Option<String>,
    /// Country names as written, in order.
    pub countries: Vec<NameRef>,
    /// Person names as written, in order.
    pub people: Vec<NameRef>,
    /// Free tags as written, in order; `index` folds their spellings into tags.
    pub tags: Vec<NameRef>,
    /// Attribution.
    pub source: Option<ArticleSource>,
    /// The URL slug: the override from front matter, else the file name, or the folder
    /// name of a bundle (`talks/index.md`).
    pub slug: String,
    /// The folder and files of a bundle; `None` for an article that is one file.
    /// Filled from disk by `load_article`, never by parsing.
    pub bundle: Option<Bundle>,
    /// Whether the article is a draft.
    pub draft: bool,
    /// Free-form values for custom templates.
    pub extra: serde_json::Value,
    /// The Markdown body; emptied once rendered (see `markdown::render_content`).
    pub body: String,
    /// The file line on which the body starts, so body positions map to file lines.
    pub body_line: usize,
    /// A digest of the body, known also when the body was left unread.
    pub body_digest: u128,
    /// Whether the body was left unread, the file being as the cache knew it (see
    /// [`read_bodies`](crate::content::read_bodies)).
    #[serde(skip)]
    pub body_unread: bool,
}

impl Article {
    /// The order of articles on every page: newest first, then by title, then by slug
    /// (which is unique in a valid site).
    pub fn newest_first(&self, other: &Article) -> std::cmp::Ordering {
        other
            .date
            .timestamp()
            .cmp(&self.date.timestamp())
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.slug.cmp(&other.slug))
    }
}

/// Parses and validates the text of one article file named `path`.
pub fn parse_article(text: &str, path: &Path, time_zone: &TimeZone) -> Result<Article> {
    let document = split_front_matter(text, path)?;
    let raw: FrontMatter = parse_yaml(document.yaml, path, document.yaml_line)?;
    let at = |value: &Spanned<String>| file_location(value, path, document.yaml_line);

    let mut errors = Vec::new();
    let title = raw.title.value.trim().to_string();
    if title.is_empty() {
        errors.push(Error::invalid(at(&raw.title), "title is empty"));
    }
    let date = parse_date(&raw.date.value, time_zone)
        .map_err(|message| {
            errors.push(Error::invalid(at(&raw.date), message).with_code("invalid-date"))
        })
        .ok();
    let updated = match &raw.updated {
        Some(updated) => parse_date(&updated.value, time_zone)
            .map_err(|message| {
                errors.push(Error::invalid(at(updated), message).with_code("invalid-date"))
            })
            .ok(),
        None => None,
    };
    let source = raw.source.map(|source| {
        let url = source.url.and_then(|url| {
            if is_safe_url(&url.value) {
                Some(url.value)
            } else {
                errors.push(
                    Error::invalid(
                        at(&url),
                        format!(
                            "source url `{}` must start with http:// or https://",
                            url.value
                        ),
                    )
                    .with_code("unsafe-url"),
                );
                None
            }
        });
        ArticleSource {
            name: source.name,
            url,
        }
    });
    let slug = match &raw.slug {
        Some(slug) => {
            let cleaned = slugify(&slug.value);
            if cleaned.is_empty() {
                errors.push(Error::invalid(
                    at(slug),
                    format!("slug `{}` has no letters or digits", slug.value),
                ));
            }
            cleaned
        }
        None => {
            let named = match is_bundle_index(path) {
                true => path.parent().and_then(Path::file_name),
                false => path.file_stem(),
            };
            let stem = named.unwrap_or_default().to_string_lossy();
            let slug = slugify(&stem);
            if slug.is_empty() {
                errors.push(Error::invalid_with_hint(
                    SourceLocation::new(path, 1, 1),
                    format!("the file name `{stem}` has no letters or digits to make a URL from"),
                    Some("rename the file or set `slug` in the front matter".into()),
                ));
            }
            slug
        }
    };
    let names = |list: Vec<Spanned<String>>| -> Vec<NameRef> {
        list.into_iter()
            .map(|name| NameRef {
                name: name.value.trim().to_string(),
                location: at(&name),
            })
            .collect()
    };
    let countries = names(raw.countries);
    let people = names(raw.people);
    let tags = names(raw.tags);
    for name in countries.iter().chain(&people).chain(&tags) {
        if name.name.is_empty() {
            errors.push(Error::invalid(name.location.clone(), "empty name in list"));
        }
    }

    let Some(date) = date else {
        return Err(Error::from_many(errors));
    };
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    Ok(Article {
        source_path: path.to_path_buf(),
        title,
        date,
        date_location: at(&raw.date),
        updated,
        summary: raw
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        countries,
        people,
        tags,
        source,
        slug,
        bundle: None,
        draft: raw.draft,
        extra: raw.extra,
        body: document.body.to_string(),
        body_line: document.body_line,
        body_digest: super::body_digest(document.body),
        body_unread: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article> {
        parse_article(
            text,
            Path::new("content/articles/2024/talks.md"),
            &TimeZone::UTC,
        )
    }

    #[test]
    fn parses_a_full_article() {
        let article = parse(
            "---\ntitle: Talks in Geneva\ndate: 2024-04-09\nsummary: Short.\ncountries: [Switzerland, US]\npeople: [Wang Yi]\ntags: [diplomacy]\nsource: {name: Example Wire, url: https://example.org/story}\nupdated: 2024-04-10T08:00:00Z\nextra: {mood: calm}\n---\nBody text.\n",
        )
        .unwrap();
        assert_eq!(article.title, "Talks in Geneva");
        assert_eq!(article.date.date().to_string(), "2024-04-09");
        assert_eq!(article.updated.unwrap().date().to_string(), "2024-04-10");
        assert_eq!(article.summary.as_deref(), Some("Short."));
        assert_eq!(article.countries[1].name, "US");
        assert_eq!(article.countries[1].location.line, 5);
        assert_eq!(article.people[0].name, "Wang Yi");
        assert_eq!(article.slug, "talks");
        assert_eq!(article.body, "Body text.\n");
        assert_eq!(article.body_line, 12);
        assert_eq!(article.extra["mood"], "calm");
        let source = article.source.unwrap();
        assert_eq!(source.url.as_deref(), Some("https://example.org/story"));
    }

    #[test]
    fn a_bundle_takes_its_slug_from_its_folder_unless_told() {
        let path = Path::new("content/articles/2024/Talks in Geneva/index.md");
        let text = "---\ntitle: A\ndate: 2024-01-01\n---\n";
        let article = parse_article(text, path, &TimeZone::UTC).unwrap();
        assert_eq!(article.slug, "talks-in-geneva");
        let text = "---\ntitle: A\ndate: 2024-01-01\nslug: other\n---\n";
        let article = parse_article(text, path, &TimeZone::UTC).unwrap();
        assert_eq!(article.slug, "other");
    }

    #[test]
    fn slug_override_is_slugified() {
        let article =
            parse("---\ntitle: A\ndate: 2024-01-01\nslug: ../../Etc Passwd\n---\n").unwrap();
        assert_eq!(article.slug, "etc-passwd");
    }

    #[test]
    fn a_file_name_without_letters_needs_a_slug() {
        let error = parse_article(
            "---\ntitle: A\ndate: 2024-01-01\n---\n",
            Path::new("content/articles/---.md"),
            &TimeZone::UTC,
        )
        .unwrap_err();
        assert!(error.to_string().starts_with(
            "content/articles/---.md:1:1: the file name `---` has no letters or digits"
        ));
    }

    #[test]
    fn reports_impossible_date_at_its_value() {
        let error = parse("---\ntitle: A\ndate: 2024-02-30\n---\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/articles/2024/talks.md:3:7: `2024-02-30` is not a valid date: use YYYY-MM-DD (such as 2024-04-09) or RFC 3339 (2024-04-09T14:30:00Z)"
        );
    }

    #[test]
    fn reads_rfc3339_dates_in_the_site_time_zone() {
        let zone = TimeZone::get("Asia/Tokyo").unwrap();
        let article = parse_article(
            "---\ntitle: A\ndate: 2024-04-09T20:00:00Z\n---\n",
            Path::new("a.md"),
            &zone,
        )
        .unwrap();
        assert_eq!(article.date.date().to_string(), "2024-04-10");
    }

    #[test]
    fn rejects_javascript_source_url() {
        let error = parse(
            "---\ntitle: A\ndate: 2024-01-01\nsource: {name: X, url: 'javascript:alert(1)'}\n---\n",
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("source url `javascript:alert(1)` must start with http")
        );
    }

    #[test]
    fn reports_every_problem_in_the_file() {
        let error = parse("---\ntitle: ' '\ndate: 2024-13-01\n---\n").unwrap_err();
        assert_eq!(error.count(), 2);
    }

    #[test]
    fn reports_missing_date() {
        let error = parse("---\ntitle: A\n---\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/articles/2024/talks.md:1:1: missing required key `date`"
        );
    }
}
