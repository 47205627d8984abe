//! View structs: the light, serialisable shapes templates see.
//!
//! Templates get exactly what a page shows (titles, dates, URLs, summaries) rather than
//! the model itself, so a list of 300 headlines never drags 300 article bodies along,
//! and the template context is a documented contract (see the README's theme section).

pub mod timeline;

use jiff::ZonedDateTime;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::index::{
    Connection, Entity, EntityDetails, EntityId, EntityKind, IndexedArticle, SiteIndex,
};
use crate::routes::{Route, Routes};

use timeline::ArchiveView;

/// How many connections of each kind an entity page shows.
pub const CONNECTIONS_SHOWN: usize = 10;
/// How many connections, of both kinds together, an entity page charts.
pub const CONNECTIONS_CHARTED: usize = 10;

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
    /// Link to the theme's stylesheet.
    pub stylesheet_url: String,
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
            stylesheet_url: routes.link(&Route::file("style.css")),
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

/// A link to an entity, with a count where the page shows one.
#[derive(Debug, Clone, Serialize)]
pub struct EntityLinkView {
    /// Display name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// Emoji flag, for countries.
    pub flag: Option<String>,
    /// Articles (on list pages) or shared articles (in "appears with").
    pub count: usize,
}

impl EntityLinkView {
    /// A link to `id` showing `count`.
    pub fn new(index: &SiteIndex, routes: &Routes, id: EntityId, count: usize) -> Self {
        let entity = index.entity(id);
        EntityLinkView {
            name: entity.name.clone(),
            url: routes.link(&routes.entity(id.kind, &entity.slug)),
            flag: match &entity.details {
                EntityDetails::Country(country) => Some(country.flag.clone()),
                EntityDetails::Person(_) => None,
            },
            count,
        }
    }

    /// A link to `id` showing its number of articles.
    pub fn with_article_count(index: &SiteIndex, routes: &Routes, id: EntityId) -> Self {
        Self::new(index, routes, id, index.entity(id).articles.len())
    }
}

/// Every entity's [`EntityLinkView`] with its article count, made once for a site and
/// shared by every article summary that names the entity: the entity pages of a
/// 10,000-article site name entities some 200,000 times. Each is held as the template
/// value it becomes, which is shared rather than copied when a page's context is made.
#[derive(Debug)]
pub struct EntityLinks {
    countries: Vec<tera::Value>,
    people: Vec<tera::Value>,
}

impl EntityLinks {
    /// The links of every entity of `index`.
    pub fn new(index: &SiteIndex, routes: &Routes) -> Self {
        let links = |kind: EntityKind| -> Vec<tera::Value> {
            index
                .entities(kind)
                .map(|(id, _)| {
                    let view = EntityLinkView::with_article_count(index, routes, id);
                    // Serialising strings and numbers cannot fail.
                    tera::Value::try_from_serializable(&view)
                        .unwrap_or_else(|_| tera::Value::none())
                })
                .collect()
        };
        EntityLinks {
            countries: links(EntityKind::Country),
            people: links(EntityKind::Person),
        }
    }

    /// The links of `ids`, in order.
    fn of(&self, ids: &[EntityId]) -> Vec<tera::Value> {
        ids.iter()
            .map(|id| {
                let links = match id.kind {
                    EntityKind::Country => &self.countries,
                    EntityKind::Person => &self.people,
                };
                links
                    .get(id.index)
                    .cloned()
                    .unwrap_or_else(tera::Value::none)
            })
            .collect()
    }
}

/// An entity that shares articles with another: one bar of a connections chart.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionView {
    /// `country` or `person`.
    pub kind: &'static str,
    /// Display name, link, flag and the number of shared articles.
    #[serde(flatten)]
    pub link: EntityLinkView,
}

impl ConnectionView {
    /// The entities sharing most articles with `id`, of both kinds, most shared first.
    pub fn top(index: &SiteIndex, routes: &Routes, id: EntityId, limit: usize) -> Vec<Self> {
        index
            .entity(id)
            .connections
            .iter()
            .take(limit)
            .map(|connection| ConnectionView {
                kind: connection.entity.kind.name(),
                link: EntityLinkView::new(index, routes, connection.entity, connection.count),
            })
            .collect()
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
    /// Tags.
    pub tags: Vec<String>,
    /// Known people and countries the body mentions but the front matter does not list.
    pub mentioned: Vec<EntityLinkView>,
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
            tags: article.article.tags.clone(),
            mentioned: article
                .mentioned
                .iter()
                .map(|&id| EntityLinkView::with_article_count(index, routes, id))
                .collect(),
            source,
            extra: article.article.extra.clone(),
        }
    }
}

/// A labelled external link on a profile.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text.
    pub name: String,
    /// URL.
    pub url: String,
}

/// One country or person page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// `country` or `person`.
    pub kind: &'static str,
    /// Display name.
    pub name: String,
    /// Link to this page.
    pub url: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Emoji flag (countries).
    pub flag: Option<String>,
    /// Official name (countries).
    pub official_name: Option<String>,
    /// Region (countries).
    pub region: Option<String>,
    /// Subregion (countries).
    pub subregion: Option<String>,
    /// ISO 3166-1 alpha-2 (countries).
    pub alpha2: Option<String>,
    /// ISO 3166-1 alpha-3 (countries).
    pub alpha3: Option<String>,
    /// Role (people with a profile).
    pub role: Option<String>,
    /// Country of the profile (people).
    pub country: Option<EntityLinkView>,
    /// Profile links (people).
    pub links: Vec<LinkView>,
    /// The profile or note as HTML.
    pub body_html: Option<String>,
    /// Every article naming it, newest first.
    pub articles: Vec<ArticleSummaryView>,
    /// The same articles by year and month, as ranges of `articles`.
    pub archive: ArchiveView,
    /// People most often named in the same articles, with counts.
    pub people_with: Vec<EntityLinkView>,
    /// Countries most often named in the same articles, with counts.
    pub countries_with: Vec<EntityLinkView>,
}

impl EntityView {
    /// The view of one entity page.
    pub fn new(index: &SiteIndex, routes: &Routes, links: &EntityLinks, id: EntityId) -> Self {
        let entity: &Entity = index.entity(id);
        let connections = |kind: EntityKind| -> Vec<EntityLinkView> {
            entity
                .connections
                .iter()
                .filter(|connection: &&Connection| connection.entity.kind == kind)
                .take(CONNECTIONS_SHOWN)
                .map(|connection| {
                    EntityLinkView::new(index, routes, connection.entity, connection.count)
                })
                .collect()
        };
        let mut view = EntityView {
            kind: id.kind.name(),
            name: entity.name.clone(),
            url: routes.link(&routes.entity(id.kind, &entity.slug)),
            aliases: entity.aliases.clone(),
            flag: None,
            official_name: None,
            region: None,
            subregion: None,
            alpha2: None,
            alpha3: None,
            role: None,
            country: None,
            links: Vec::new(),
            body_html: entity.body.as_ref().map(|body| body.html.to_string()),
            articles: entity
                .articles
                .iter()
                .map(|&position| ArticleSummaryView::new(routes, links, &index.articles[position]))
                .collect(),
            archive: ArchiveView::new(&index.month_groups(&entity.articles), routes),
            people_with: connections(EntityKind::Person),
            countries_with: connections(EntityKind::Country),
        };
        match &entity.details {
            EntityDetails::Country(country) => {
                view.flag = Some(country.flag.clone());
                view.official_name = Some(country.official_name.to_string());
                view.region = Some(country.region.to_string());
                view.subregion = country.subregion.map(str::to_string);
                view.alpha2 = Some(country.alpha2.to_string());
                view.alpha3 = Some(country.alpha3.to_string());
            }
            EntityDetails::Person(person) => {
                view.role = person.role.clone();
                view.country = person
                    .country
                    .map(|country| EntityLinkView::with_article_count(index, routes, country));
                view.links = person
                    .links
                    .iter()
                    .map(|link| LinkView {
                        name: link.name.clone(),
                        url: link.url.clone(),
                    })
                    .collect();
            }
        }
        view
    }
}
