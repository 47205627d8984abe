//! JSON-LD structured data (schema.org): a `NewsArticle` on article pages, a `Person`
//! or `Country` on entity pages and a `WebSite` with its search on the home page.
//!
//! Built as JSON values, never by templates, and escaped here for the inside of a
//! `<script>` element: no `<`, `>` or `&` is left as it is, so a headline holding
//! `</script>` or `<!--` cannot end the block. Templates print the result as it is.

use serde_json::{Map, Value, json};

use super::feeds::{atom_date, last_modified, origin, url_prefix};
use crate::config::SiteConfig;
use crate::index::{EntityDetails, EntityId, EntityKind, IndexedArticle, SiteIndex};
use crate::routes::Routes;

/// Serialises `value` for a `<script type="application/ld+json">` element.
pub fn script_json(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    // Outside strings JSON has none of these characters, so every one is inside a
    // string, where the escape means the same character.
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `WebSite` of the home page, with the search page as its `SearchAction`.
pub fn website(routes: &Routes, config: &SiteConfig) -> Value {
    let search = routes.absolute_url(&routes.search());
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "url": routes.absolute_url(&routes.home()),
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{search}?q={{query}}"),
            "query-input": "required name=query",
        },
    })
}

/// The `NewsArticle` of one article page.
pub fn news_article(
    index: &SiteIndex,
    routes: &Routes,
    config: &SiteConfig,
    article: &IndexedArticle,
) -> Value {
    let page = routes.article(&article.article.slug);
    let url = routes.absolute_url(&page);
    let publisher = json!({
        "@type": "Organization",
        "name": config.title,
        "url": routes.absolute_url(&routes.home()),
    });
    let author = match &config.author {
        Some(name) => json!({"@type": "Person", "name": name}),
        None => publisher.clone(),
    };
    let about: Vec<Value> = article
        .countries
        .iter()
        .chain(&article.people)
        .map(|&id| thing(index, routes, id))
        .collect();
    let mentions: Vec<Value> = article
        .mentioned
        .iter()
        .map(|mentioned| match mentioned.entity {
            Some(id) => thing(index, routes, id),
            None => json!({
                "@type": if mentioned.flag.is_some() { "Country" } else { "Person" },
                "name": mentioned.name,
            }),
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.article.title,
        "datePublished": atom_date(&article.article.date),
        "dateModified": atom_date(last_modified(article)),
        "description": article.summary(),
        "url": url,
        "mainEntityOfPage": url,
        "author": author,
        "publisher": publisher,
        "about": about,
        "mentions": mentions,
    });
    if let Some(image) = first_image(&article.body.html.unpack(), routes, &url) {
        value["image"] = Value::String(image);
    }
    if !article.tags.is_empty() {
        let keywords: Vec<&str> = article
            .tags
            .iter()
            .map(|&tag| index.tags[tag].name.as_str())
            .collect();
        value["keywords"] = json!(keywords);
    }
    value
}

/// The `Person` or `Country` of an entity's page, with everything known about it.
pub fn entity(index: &SiteIndex, routes: &Routes, id: EntityId) -> Value {
    let entity = index.entity(id);
    let mut value = Map::new();
    value.insert("@context".into(), json!("https://schema.org"));
    if let Value::Object(thing) = thing(index, routes, id) {
        value.extend(thing);
    }
    if !entity.aliases.is_empty() {
        value.insert("alternateName".into(), json!(entity.aliases));
    }
    if !entity.same_as.is_empty() {
        value.insert("sameAs".into(), json!(entity.same_as));
    }
    match &entity.details {
        EntityDetails::Country(country) => {
            value.insert("identifier".into(), json!(country.alpha2));
        }
        EntityDetails::Person(person) => {
            if let Some(role) = &person.role {
                value.insert("jobTitle".into(), json!(role));
            }
            if let Some(country) = person.country {
                value.insert("nationality".into(), thing(index, routes, country));
            }
        }
    }
    Value::Object(value)
}

/// A person or country as another item names it: type, name and page.
fn thing(index: &SiteIndex, routes: &Routes, id: EntityId) -> Value {
    let entity = index.entity(id);
    let kind = match id.kind {
        EntityKind::Country => "Country",
        EntityKind::Person => "Person",
    };
    json!({
        "@type": kind,
        "name": entity.name,
        "url": routes.absolute_url(&routes.entity(id.kind, &entity.slug)),
    })
}

/// The URL of the first `<img>` of a body, made absolute like the links of a feed.
fn first_image(html: &str, routes: &Routes, page_url: &str) -> Option<String> {
    let tag_start = html.find("<img")?;
    let tag = &html[tag_start..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let src = tag.find(" src=")? + 5;
    let quote = tag[src..].chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        let rest = &tag[src + 1..];
        &rest[..rest.find(quote).unwrap_or(rest.len())]
    } else {
        let rest = &tag[src..];
        &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())]
    };
    // Attribute values hold `&amp;` for `&`; other references do not occur in URLs
    // the sanitiser keeps.
    let value = value.replace("&amp;", "&");
    let origin = origin(routes).unwrap_or_default();
    let prefix = url_prefix(&value, &origin, page_url).unwrap_or("");
    Some(format!("{prefix}{value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_what_could_end_the_block() {
        let value = json!({"headline": "</script><!-- a & b \u{2028}"});
        let text = script_json(&value);
        assert_eq!(
            text,
            r#"{"headline":"\u003c/script\u003e\u003c!-- a \u0026 b \u2028"}"#
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn the_first_image_becomes_absolute() {
        let routes = Routes::new("https://example.org/b/");
        let page = "https://example.org/b/articles/a/";
        let html = "<p>x</p><img alt=\"m\" src=\"/b/map.png?x=1&amp;y=2\"><img src=\"two.png\">";
        assert_eq!(
            first_image(html, &routes, page).as_deref(),
            Some("https://example.org/b/map.png?x=1&y=2")
        );
        assert_eq!(
            first_image("<img src='map.png'>", &routes, page).as_deref(),
            Some("https://example.org/b/articles/a/map.png")
        );
        assert_eq!(first_image("<p>none</p>", &routes, page), None);
    }
}
