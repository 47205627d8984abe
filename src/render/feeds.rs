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

use std::borrow::Cow;

use jiff::ZonedDateTime;

use crate::config::{FeedContent, SiteConfig};
use crate::index::{EntityId, IndexedArticle, SiteIndex};
use crate::routes::{Route, Routes};

use super::xml::{push_cdata, push_escaped};

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

/// The scheme and host of a full `base_url` (`https://example.org`), which every
/// root-relative link of a body is below; `None` for a root-relative base.
pub(super) fn origin(routes: &Routes) -> Option<String> {
    if !routes.has_absolute_base() {
        return None;
    }
    // The home page's URL is the origin, the base path and a `/`.
    let mut home = routes.absolute_url(&routes.home());
    home.truncate(home.len() - routes.base_path().len() - 1);
    Some(home)
}

/// `html` with the URL of every `href` and `src` attribute made absolute: root-relative
/// ones below `origin`, relative ones (`#part`, `image.png`) against `page_url`.
///
/// Tags are read with their quoted values, so text that only looks like an attribute
/// (a code sample) stays as it is, and the contents of `script` and `style` are skipped.
fn absolute_links<'h>(html: &'h str, origin: &str, page_url: &str) -> Cow<'h, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |end| start + end + 3);
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let name_end = tag_token_end(bytes, start + 1);
        let name = &html[start + 1..name_end];
        at = name_end;
        // Attributes, up to the end of the tag.
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'>' {
                at += 1;
                break;
            }
            let attribute_start = at;
            at = tag_token_end(bytes, at).max(at + 1);
            let attribute = &html[attribute_start..at];
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let (value_start, value_end) = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let value_start = at + 1;
                    let value_end = html[value_start..]
                        .find(quote as char)
                        .map_or(html.len(), |end| value_start + end);
                    at = (value_end + 1).min(html.len());
                    (value_start, value_end)
                }
                _ => {
                    let value_start = at;
                    at = bytes[at..]
                        .iter()
                        .position(|&byte| byte.is_ascii_whitespace() || byte == b'>')
                        .map_or(bytes.len(), |length| at + length);
                    (value_start, at)
                }
            };
            let is_url =
                attribute.eq_ignore_ascii_case("href") || attribute.eq_ignore_ascii_case("src");
            if let Some(prefix) = is_url
                .then(|| url_prefix(&html[value_start..value_end], origin, page_url))
                .flatten()
            {
                out.push_str(&html[copied..value_start]);
                push_escaped(&mut out, prefix);
                copied = value_start;
            }
        }
        // Script and style hold text, not tags, up to their end tag.
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            at = end_tag(html, at.min(html.len()), name);
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the end tag of the element `name` starts, searching from `from`, whatever its
/// case; the end of `html` when there is none.
fn end_tag(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let candidate = html.as_bytes().get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes())) {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

/// The end of a tag or attribute name that starts at `start`.
fn tag_token_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&byte| byte.is_ascii_whitespace() || matches!(byte, b'>' | b'/' | b'='))
        .map_or(bytes.len(), |length| start + length)
}

/// What to put before `url` to make it absolute: the origin for `/path`, `https:` for
/// `//host/path`, the page for a relative URL; `None` when it has a scheme already.
pub(super) fn url_prefix<'a>(url: &str, origin: &'a str, page_url: &'a str) -> Option<&'a str> {
    if let Some(rest) = url.strip_prefix('/') {
        return Some(if rest.starts_with('/') {
            origin
                .split_once("//")
                .map_or("https:", |(scheme, _)| scheme)
        } else {
            origin
        });
    }
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    let has_scheme = scheme_end.is_some_and(|end| {
        end > 0 && url.as_bytes()[end] == b':' && url.as_bytes()[0].is_ascii_alphabetic()
    });
    (!has_scheme).then_some(page_url)
}

/// An RFC 3339 date with/// An RFC 3339 date with its offset, as Atom wants: `2024-04-10T08:30:00+01:00`.
pub(super) fn atom_date(date: &ZonedDateTime) -> String {
    date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absolute(html: &str) -> String {
        absolute_links(
            html,
            "https://example.org",
            "https://example.org/b/articles/a/",
        )
        .into_owned()
    }

    #[test]
    fn links_and_images_become_absolute() {
        assert_eq!(
            absolute("<p><a href=\"/b/people/x/\">X</a> <img src='/b/map.png' alt=\"m\"></p>"),
            "<p><a href=\"https://example.org/b/people/x/\">X</a> \
             <img src='https://example.org/b/map.png' alt=\"m\"></p>"
        );
        assert_eq!(
            absolute("<a href=#part>p</a><a class=x href=\"map.png\">m</a>"),
            "<a href=https://example.org/b/articles/a/#part>p</a>\
             <a class=x href=\"https://example.org/b/articles/a/map.png\">m</a>"
        );
        assert_eq!(
            absolute("<a href=\"//cdn.example.net/x\">c</a>"),
            "<a href=\"https://cdn.example.net/x\">c</a>"
        );
    }

    #[test]
    fn full_urls_and_text_that_looks_like_links_stay() {
        for html in [
            "<a href=\"https://example.com/\">x</a><a href=\"mailto:a@example.org\">m</a>",
            "<p>&lt;a href=\"/x/\"&gt; and a < b href=\"/y/\"</p>",
            "<!-- <a href=\"/x/\"> --><p title=\"a > b\" data-href=\"/x/\">t</p>",
            "<script>let a = '<a href=\"/x/\">';</script><STYLE>a[href=\"/y\"]{}</style>",
        ] {
            assert_eq!(absolute(html), html);
            assert!(matches!(
                absolute_links(html, "https://example.org", "https://example.org/"),
                Cow::Borrowed(_)
            ));
        }
    }

    #[test]
    fn the_origin_is_the_base_url_without_its_path() {
        let origin = |base: &str| origin(&Routes::new(base));
        assert_eq!(
            origin("https://example.org/briefings/").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(
            origin("https://example.org/").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(origin("/"), None);
    }
}
