//! Atom feeds: the site's, and one per country and person.
//!
//! Feeds are built with a typed writer (atom_syndication) so no title or body can
//! produce malformed XML. The feed's `updated` is its newest entry's, never the clock,
//! so an unchanged site gives unchanged feeds.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};
use jiff::ZonedDateTime;

use crate::config::{FeedContent, SiteConfig};
use crate::index::{EntityId, IndexedArticle, SiteIndex};
use crate::routes::{Route, Routes};

/// The feed of the whole site (`owner` is `None`) or of one entity.
pub fn render_feed(
    index: &SiteIndex,
    routes: &Routes,
    config: &SiteConfig,
    owner: Option<EntityId>,
) -> String {
    let (title, page, feed_route, positions): (String, Route, Route, Vec<usize>) = match owner {
        None => (
            config.title.clone(),
            routes.home(),
            routes.site_feed(),
            (0..index.articles.len()).take(config.feed_limit).collect(),
        ),
        Some(id) => {
            let entity = index.entity(id);
            (
                format!("{} · {}", entity.name, config.title),
                routes.entity(id.kind, &entity.slug),
                routes.entity_feed(id.kind, &entity.slug),
                entity
                    .articles
                    .iter()
                    .take(config.feed_limit)
                    .copied()
                    .collect(),
            )
        }
    };
    let entries: Vec<Entry> = positions
        .iter()
        .map(|&position| feed_entry(index, routes, config, &index.articles[position]))
        .collect();
    let updated = positions
        .iter()
        .map(|&position| last_modified(&index.articles[position]))
        .max()
        .map(atom_date)
        .unwrap_or_default();

    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(identifier(routes, &page));
    feed.set_updated(updated);
    feed.set_lang(Some(config.language.clone()));
    feed.set_links(vec![
        link(routes.absolute_url(&page), "alternate", "text/html"),
        link(
            routes.absolute_url(&feed_route),
            "self",
            "application/atom+xml",
        ),
    ]);
    if let Some(description) = &config.description {
        feed.set_subtitle(Some(Text::plain(description.clone())));
    }
    if let Some(author) = &config.author {
        feed.set_authors(vec![person(author)]);
    }
    feed.set_generator(Some(Generator {
        value: "briefing".into(),
        uri: None,
        version: None,
    }));
    feed.set_entries(entries);
    feed.to_string()
}

fn feed_entry(
    index: &SiteIndex,
    routes: &Routes,
    config: &SiteConfig,
    article: &IndexedArticle,
) -> Entry {
    let page = routes.article(&article.article.slug);
    let mut entry = Entry::default();
    entry.set_title(Text::plain(article.article.title.clone()));
    entry.set_id(identifier(routes, &page));
    entry.set_updated(atom_date(last_modified(article)));
    entry.set_published(Some(atom_date(&article.article.date)));
    entry.set_links(vec![link(
        routes.absolute_url(&page),
        "alternate",
        "text/html",
    )]);
    entry.set_summary(Some(Text::plain(article.summary().to_string())));
    if config.feed_content == FeedContent::Full {
        entry.set_content(Some(Content {
            base: None,
            lang: None,
            value: Some(article.body.html.to_string()),
            src: None,
            content_type: Some("html".into()),
        }));
    }
    if let Some(author) = &config.author {
        entry.set_authors(vec![person(author)]);
    }
    let categories = article
        .countries
        .iter()
        .chain(&article.people)
        .map(|&id| Category {
            term: index.entity(id).name.clone(),
            scheme: None,
            label: None,
        })
        .chain(article.article.tags.iter().map(|tag| Category {
            term: tag.clone(),
            scheme: None,
            label: None,
        }))
        .collect::<Vec<_>>();
    entry.set_categories(categories);
    entry
}

/// When an article last changed: its `updated` date, or its publication date.
pub fn last_modified(article: &IndexedArticle) -> &ZonedDateTime {
    article
        .article
        .updated
        .as_ref()
        .unwrap_or(&article.article.date)
}

/// A stable identifier for a page: its URL when the site has a full base URL, else a
/// URN (Atom ids must be absolute).
fn identifier(routes: &Routes, route: &Route) -> String {
    if routes.has_absolute_base() {
        routes.absolute_url(route)
    } else {
        format!("urn:briefing:{}", route.url_path.trim_matches('/'))
    }
}

fn atom_date(date: &ZonedDateTime) -> FixedDateTime {
    let text = date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    FixedDateTime::parse_from_rfc3339(&text).unwrap_or_default()
}

fn link(href: String, rel: &str, mime_type: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(Some(mime_type.to_string()));
    link
}

fn person(name: &str) -> Person {
    let mut person = Person::default();
    person.set_name(name);
    person
}
