//! View structs: the light, serialisable shapes templates see.
//!
//! Templates get exactly what a page shows (titles, dates, URLs, summaries) rather than
//! the model itself, so a list of 300 headlines never drags 300 article bodies along,
//! and the template context is a documented contract (see the README's theme section).

mod entity;
pub mod paging;
mod tag;
pub mod timeline;

use jiff::ZonedDateTime;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::index::{EntityDetails, EntityKind, IndexedArticle, SiteIndex};
use crate::mentions::MentionTarget;
use crate::routes::{Route, Routes};

pub use entity::{
    CONNECTIONS_CHARTED, CONNECTIONS_SHOWN, ConnectionView, EntityLinkView, EntityLinks,
    EntityView, LinkView,
};
pub use tag::{TagLinkView, TagView};

/// Site-wide values, the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: Option<String>,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// Link to the home page.
    pub home_url: String,
    /// Link to the list of countries.
    pub countries_url: String,
    /// Link to the list of people.
    pub people_url: String,
    /// Link to the archive of every article by year and month.
    pub archive_url: String,
    /// Link to the list of every tag.
    pub tags_url: String,
    /// Link to the theme's stylesheet.
    pub stylesheet_url: String,
    /// Link to the site's icon (the theme's, unless `static/` has its own).
    pub icon_url: String,
    /// Link to the site's Atom feed.
    pub feed_url: String,
    /// Link to the search page.
    pub search_url: String,
    /// Link to the search index the search page loads.
    pub search_index_url: String,
    /// Link to the search page's script.
    pub search_script_url: String,
}

impl SiteView {
    /// The site view for a config and its routes.
    pub fn new(config: &SiteConfig, routes: &Routes) -> SiteView {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            home_url: routes.link(&routes.home()),
            countries_url: routes.link(&routes.entity_list(EntityKind::Country)),
            people_url: routes.link(&routes.entity_list(EntityKind::Person)),
            archive_url: routes.link(&routes.archive()),
            tags_url: routes.link(&routes.tag_list()),
            stylesheet_url: routes.link(&Route::file("style.css")),
            icon_url: routes.link(&Route::file("favicon.svg")),
            feed_url: routes.link(&routes.site_feed()),
            search_url: routes.link(&routes.search()),
            search_index_url: routes.link(&routes.search_index()),
            search_script_url: routes.link(&Route::file("search.js")),
        }
    }
}

/// A date as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// Machine-readable, for `<time datetime>`: `2024-04-09`.
    pub iso: String,
    /// Human-readable: `9 April 2024`.
    pub display: String,
    /// Year and month, for grouping: `2024-04`.
    pub month: String,
}

impl DateView {
    /// The view of a zoned date.
    pub fn new(date: &ZonedDateTime) -> DateView {
        DateView {
            iso: date.strftime("%Y-%m-%d").to_string(),
            display: date.strftime("%-d %B %Y").to_string(),
            month: date.strftime("%Y-%m").to_string(),
        }
    }
}

/// An article in a compact list such as the archive: headline, link and date.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleLinkView {
    /// Headline.
    pub title: String,
    /// Link to the article.
    pub url: String,
    /// Publication date.
    pub date: DateView,
}

impl ArticleLinkView {
    /// The link view of one indexed article.
    pub fn new(routes: &Routes, article: &IndexedArticle) -> Self {
        ArticleLinkView {
            title: article.article.title.clone(),
            url: routes.link(&routes.article(&article.article.slug)),
            date: DateView::new(&article.article.date),
        }
    }
}

/// An article in a list: what a reader needs to choose it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummaryView {
    /// Headline.
    pub title: String,
    /// Link to the article.
    pub url: String,
    /// Publication date.
    pub date: DateView,
    /// One or two sentences.
    pub summary: String,
    /// Countries it names, each an [`EntityLinkView`] with its article count.
    pub countries: Vec<tera::Value>,
    /// People it names, each an [`EntityLinkView`] with its article count.
    pub people: Vec<tera::Value>,
}

impl ArticleSummaryView {
    /// The summary view of one indexed article.
    pub fn new(routes: &Routes, links: &EntityLinks, article: &IndexedArticle) -> Self {
        ArticleSummaryView {
            title: article.article.title.clone(),
            url: routes.link(&routes.article(&article.article.slug)),
            date: DateView::new(&article.article.date),
            summary: article.summary().to_string(),
            countries: links.of(&article.countries),
            people: links.of(&article.people),
        }
    }
}

/// Attribution on an article page.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Outlet name.
    pub name: String,
    /// Link, when given.
    pub url: Option<String>,
}

/// A person or country an article mentions without listing.
#[derive(Debug, Clone, Serialize)]
pub struct MentionedView {
    /// Display name.
    pub name: String,
    /// Link to its page, when it has one: a country no article lists has none.
    pub url: Option<String>,
    /// Emoji flag, for countries (the default theme shows `code` instead).
    pub flag: Option<String>,
    /// ISO 3166-1 alpha-2 code, for countries: `CN`.
    pub code: Option<String>,
}

/// One article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Everything a list shows, plus the rest below.
    #[serde(flatten)]
    pub summary: ArticleSummaryView,
    /// Last revision date.
    pub updated: Option<DateView>,
    /// The body as HTML.
    pub body_html: String,
    /// Tags, each a [`TagLinkView`] to its page.
    pub tags: Vec<TagLinkView>,
    /// Known people and countries the body mentions but the front matter does not list.
    pub mentioned: Vec<MentionedView>,
    /// Attribution.
    pub source: Option<SourceView>,
    /// Free-form values from front matter.
    pub extra: serde_json::Value,
}

impl ArticleView {
    /// The view of one article page.
    pub fn new(
        index: &SiteIndex,
        routes: &Routes,
        links: &EntityLinks,
        article: &IndexedArticle,
    ) -> Self {
        let source = article.article.source.as_ref().map(|source| SourceView {
            name: source.name.clone(),
            url: source.url.clone(),
        });
        ArticleView {
            summary: ArticleSummaryView::new(routes, links, article),
            updated: article.article.updated.as_ref().map(DateView::new),
            body_html: article.body.html.to_string(),
            tags: article
                .tags
                .iter()
                .map(|&tag| TagLinkView::new(index, routes, tag))
                .collect(),
            mentioned: article
                .mentioned
                .iter()
                .map(|mentioned| MentionedView {
                    name: mentioned.name.clone(),
                    url: mentioned
                        .entity
                        .map(|id| routes.link(&routes.entity(id.kind, &index.entity(id).slug))),
                    flag: mentioned.flag.clone(),
                    code: match mentioned.target {
                        MentionTarget::Country(alpha2) => Some(alpha2.to_string()),
                        MentionTarget::Entity(id) => match &index.entity(id).details {
                            EntityDetails::Country(country) => Some(country.alpha2.to_string()),
                            EntityDetails::Person(_) => None,
                        },
                    },
                })
                .collect(),
            source,
            extra: article.article.extra.clone(),
        }
    }
}
