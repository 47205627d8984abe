//! Views of countries and people: links to them, their connections and their pages.

use std::ops::Range;

use serde::Serialize;

use crate::index::{Connection, Entity, EntityDetails, EntityId, EntityKind, SiteIndex};
use crate::routes::Routes;

use super::ArticleSummaryView;
use super::timeline::ArchiveView;

/// How many connections of each kind an entity page shows.
pub const CONNECTIONS_SHOWN: usize = 10;
/// How many connections, of both kinds together, an entity page charts.
pub const CONNECTIONS_CHARTED: usize = 10;

/// A link to an entity, with a count where the page shows one.
#[derive(Debug, Clone, Serialize)]
pub struct EntityLinkView {
    /// Display name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// Emoji flag, for countries (the default theme shows `code` instead).
    pub flag: Option<String>,
    /// ISO 3166-1 alpha-2 code, for countries: `CN`.
    pub code: Option<String>,
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
            code: match &entity.details {
                EntityDetails::Country(country) => Some(country.alpha2.to_string()),
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
    pub(super) fn of(&self, ids: &[EntityId]) -> Vec<tera::Value> {
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
    /// Emoji flag (countries; the default theme shows `alpha2` instead).
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
    /// How many articles name it, on every page together.
    pub article_count: usize,
    /// The articles of this page, newest first: all of them unless the list is paged.
    pub articles: Vec<ArticleSummaryView>,
    /// The same articles by year and month, as ranges of `articles`.
    pub archive: ArchiveView,
    /// People most often named in the same articles, with counts.
    pub people_with: Vec<EntityLinkView>,
    /// Countries most often named in the same articles, with counts.
    pub countries_with: Vec<EntityLinkView>,
}

impl EntityView {
    /// The view of one entity page listing the articles at `range` of its list.
    pub fn new(
        index: &SiteIndex,
        routes: &Routes,
        links: &EntityLinks,
        id: EntityId,
        range: Range<usize>,
    ) -> Self {
        let entity: &Entity = index.entity(id);
        let listed = &entity.articles[range];
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
            article_count: entity.articles.len(),
            articles: listed
                .iter()
                .map(|&position| ArticleSummaryView::new(routes, links, &index.articles[position]))
                .collect(),
            archive: ArchiveView::new(&index.month_groups(listed), routes),
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
