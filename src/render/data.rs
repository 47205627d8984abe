//! Machine-readable output: the JSON export of countries and people for other tools.
//!
//! Field names here are a public format; change them only with a note in the README.

use serde::Serialize;

use crate::index::{Entity, EntityDetails, EntityId, EntityKind, SiteIndex};
use crate::routes::Routes;

use super::feeds::last_modified;

#[derive(Serialize)]
struct EntitySummary<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    article_count: usize,
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subregion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alpha2: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alpha3: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityList<'a> {
    kind: &'static str,
    entities: Vec<EntitySummary<'a>>,
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    title: &'a str,
    url: String,
    date: String,
    updated: String,
    summary: &'a str,
}

#[derive(Serialize)]
struct EntityRecord<'a> {
    #[serde(flatten)]
    summary: EntitySummary<'a>,
    kind: &'static str,
    feed: String,
    articles: Vec<ArticleRecord<'a>>,
}

/// `/countries/index.json` or `/people/index.json`.
pub fn render_entity_list_data(index: &SiteIndex, routes: &Routes, kind: EntityKind) -> String {
    let list = EntityList {
        kind: kind.name(),
        entities: index
            .entities(kind)
            .map(|(id, entity)| entity_summary(index, routes, id, entity))
            .collect(),
    };
    to_json(&list)
}

/// `/<kind>/<slug>/index.json`: one entity and its articles, newest first.
pub fn render_entity_data(index: &SiteIndex, routes: &Routes, id: EntityId) -> String {
    let entity = index.entity(id);
    let record = EntityRecord {
        summary: entity_summary(index, routes, id, entity),
        kind: id.kind.name(),
        feed: routes.absolute_url(&routes.entity_feed(id.kind, &entity.slug)),
        articles: entity
            .articles
            .iter()
            .map(|&position| {
                let article = &index.articles[position];
                ArticleRecord {
                    title: &article.article.title,
                    url: routes.absolute_url(&routes.article(&article.article.slug)),
                    date: article.article.date.strftime("%Y-%m-%d").to_string(),
                    updated: last_modified(article).strftime("%Y-%m-%d").to_string(),
                    summary: article.summary(),
                }
            })
            .collect(),
    };
    to_json(&record)
}

fn entity_summary<'a>(
    index: &'a SiteIndex,
    routes: &Routes,
    id: EntityId,
    entity: &'a Entity,
) -> EntitySummary<'a> {
    let mut summary = EntitySummary {
        name: &entity.name,
        slug: &entity.slug,
        url: routes.absolute_url(&routes.entity(id.kind, &entity.slug)),
        article_count: entity.articles.len(),
        aliases: &entity.aliases,
        role: None,
        country: None,
        region: None,
        subregion: None,
        alpha2: None,
        alpha3: None,
    };
    match &entity.details {
        EntityDetails::Country(country) => {
            summary.region = Some(country.region);
            summary.subregion = country.subregion;
            summary.alpha2 = Some(country.alpha2);
            summary.alpha3 = Some(country.alpha3);
        }
        EntityDetails::Person(person) => {
            summary.role = person.role.as_deref();
            summary.country = person
                .country
                .map(|country| index.entity(country).name.as_str());
        }
    }
    summary
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string(value).unwrap_or_default();
    json.push('\n');
    json
}
