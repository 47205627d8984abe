//! Atom feeds: the site's, and one per country, person and tag.
//!
//! Feeds are written here rather than through a feed library: with full content, the
//! entity feeds are a third of a site's bytes, and a library escapes every `<` of every
//! body again for every feed it is in. Text and attributes are escaped (and stripped of
//! the characters XML cannot hold); article HTML goes in CDATA sections, copied as it
//! is. The tests read every feed back with an independent parser, and CI checks them
//! with xmllint and feedparser. The feed's `updated` is its newest entry's, never the
//! clock, so an unchanged site gives unchanged feeds. Every feed names an author (the
//! site's, else the site itself), as RFC 4287 requires, and links in its content are
//! absolute, since a feed reader may not know which page an entry came from.

use jiff::ZonedDateTime;

use crate::config::{FeedContent, SiteConfig};
use crate::index::{EntityId, IndexedArticle, SiteIndex};
use crate::routes::{Route, Routes};

use super::xml::{push_cdata, push_escaped};

mod links;

use links::absolute_links;
pub(super) use links::{origin, url_prefix};

/// The bytes a feed entry takes besides its content, for sizing the output up front.
const ENTRY_OVERHEAD: usize = 1_500;

/// Whose feed it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOwner {
    /// The whole site: `/atom.xml`.
    Site,
    /// A country or person.
    Entity(EntityId),
    /// A tag, by position in the index's tags.
    Tag(usize),
}

/// The feed of the whole site, of one entity or of one tag.
pub fn render_feed(
    index: &SiteIndex,
    routes: &Routes,
    config: &SiteConfig,
    owner: FeedOwner,
) -> String {
    let newest = |articles: &[usize]| articles.iter().take(config.feed_limit).copied().collect();
    let (title, page, feed_route, positions): (String, Route, Route, Vec<usize>) = match owner {
        FeedOwner::Site => (
            config.title.clone(),
            routes.home(),
            routes.site_feed(),
            (0..index.articles.len()).take(config.feed_limit).collect(),
        ),
        FeedOwner::Entity(id) => {
            let entity = index.entity(id);
            (
                format!("{} · {}", entity.name, config.title),
                routes.entity(id.kind, &entity.slug),
                routes.entity_feed(id.kind, &entity.slug),
                newest(&entity.articles),
            )
        }
        FeedOwner::Tag(position) => {
            let tag = &index.tags[position];
            (
                format!("{} · {}", tag.name, config.title),
                routes.tag(&tag.slug),
                routes.tag_feed(&tag.slug),
                newest(&tag.articles),
            )
        }
    };
    let articles: Vec<&IndexedArticle> = positions
        .iter()
        .map(|&position| &index.articles[position])
        .collect();
    let full = config.feed_content == FeedContent::Full;
    let content_size: usize = articles
        .iter()
        .map(|article| {
            let body = if full {
                article.body.html.unpacked_len()
            } else {
                0
            };
            ENTRY_OVERHEAD + article.summary().len() + body
        })
        .sum();

    let mut xml = Xml(String::with_capacity(content_size + ENTRY_OVERHEAD));
    xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml.text(&config.language);
    xml.raw("\">\n");
    xml.element("title", &title);
    if let Some(description) = &config.description {
        xml.element("subtitle", description);
    }
    xml.element("id", &identifier(routes, &page));
    // An empty feed has no newest entry; the Unix epoch keeps it valid and unchanging.
    let updated = articles
        .iter()
        .map(|article| last_modified(article))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".into(), atom_date);
    xml.element("updated", &updated);
    xml.link(&routes.absolute_url(&page), "alternate", "text/html");
    xml.link(
        &routes.absolute_url(&feed_route),
        "self",
        "application/atom+xml",
    );
    // RFC 4287 §4.1.1: a feed names an author unless every entry does; a site that
    // names none is its own author.
    xml.author(config.author.as_deref().unwrap_or(&config.title));
    xml.element("generator", "briefing");
    for article in articles {
        write_entry(&mut xml, index, routes, config, article);
    }
    xml.raw("</feed>\n");
    xml.0
}

fn write_entry(
    xml: &mut Xml,
    index: &SiteIndex,
    routes: &Routes,
    config: &SiteConfig,
    article: &IndexedArticle,
) {
    let page = routes.article(&article.article.slug);
    xml.raw("<entry>\n");
    xml.element("title", &article.article.title);
    xml.element("id", &identifier(routes, &page));
    xml.element("published", &atom_date(&article.article.date));
    xml.element("updated", &atom_date(last_modified(article)));
    xml.link(&routes.absolute_url(&page), "alternate", "text/html");
    if let Some(author) = &config.author {
        xml.author(author);
    }
    let entities = article.countries.iter().chain(&article.people);
    let names = entities.map(|&id| index.entity(id).name.as_str());
    let tags = article
        .tags
        .iter()
        .map(|&tag| index.tags[tag].name.as_str());
    for term in names.chain(tags) {
        xml.raw("<category term=\"");
        xml.text(term);
        xml.raw("\"/>\n");
    }
    xml.element("summary", article.summary());
    if config.feed_content == FeedContent::Full {
        let html = article.body.html.unpack();
        xml.raw("<content type=\"html\">");
        match origin(routes) {
            Some(origin) => xml.cdata(&absolute_links(&html, &origin, &routes.absolute_url(&page))),
            None => xml.cdata(&html),
        }
        xml.raw("</content>\n");
    }
    xml.raw("</entry>\n");
}

/// An XML document being written.
struct Xml(String);

impl Xml {
    /// Markup, as it is.
    fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    /// Text, escaped for element content and quoted attributes alike.
    fn text(&mut self, text: &str) {
        push_escaped(&mut self.0, text);
    }

    /// Text as it is, in CDATA sections.
    fn cdata(&mut self, text: &str) {
        push_cdata(&mut self.0, text);
    }

    /// `<name>text</name>` on a line.
    fn element(&mut self, name: &str, text: &str) {
        self.0.push('<');
        self.0.push_str(name);
        self.0.push('>');
        self.text(text);
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push_str(">\n");
    }

    fn link(&mut self, href: &str, rel: &str, mime_type: &str) {
        self.raw("<link href=\"");
        self.text(href);
        self.raw("\" rel=\"");
        self.raw(rel);
        self.raw("\" type=\"");
        self.raw(mime_type);
        self.raw("\"/>\n");
    }

    fn author(&mut self, name: &str) {
        self.raw("<author>");
        self.element("name", name);
        self.raw("</author>\n");
    }
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

/// An RFC 3339 date with its offset, as Atom wants: `2024-04-10T08:30:00+01:00`.
pub(super) fn atom_date(date: &ZonedDateTime) -> String {
    date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
