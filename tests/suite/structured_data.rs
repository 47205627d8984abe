//! JSON-LD on the hostile fixture, whose site title, headline, summary and role hold
//! `</script>`, `<!--` and `&`: every page's blocks must stay whole, parse, and carry
//! the schema.org type and fields of its page kind.

use serde_json::Value;

use crate::support::SiteTest;

const OPEN: &str = "<script type=\"application/ld+json\">";

/// Every JSON-LD block of a page, parsed.
fn json_ld(page: &str) -> Vec<Value> {
    let mut blocks = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find(OPEN) {
        let body = &rest[start + OPEN.len()..];
        let end = body.find("</script>").expect("a closed script element");
        let text = &body[..end];
        assert!(
            !text.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "unescaped text in a JSON-LD block: {text}"
        );
        blocks.push(serde_json::from_str(text).expect("the block is JSON"));
        rest = &body[end..];
    }
    blocks
}

/// The one JSON-LD block of a built page, checking the hostile text ended no block:
/// the page has no more script elements than it should.
fn the_block(site: &SiteTest, relative: &str) -> Value {
    let page = site.read(relative);
    let mut blocks = json_ld(&page);
    assert_eq!(blocks.len(), 1, "{relative}: {page}");
    assert_eq!(page.matches("<script").count(), 1, "{relative}: {page}");
    let block = blocks.remove(0);
    assert_eq!(block["@context"], "https://schema.org");
    block
}

fn names_and_urls(list: &Value) -> Vec<(String, String, Option<String>)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|thing| {
            (
                thing["@type"].as_str().unwrap_or("").to_string(),
                thing["name"].as_str().unwrap_or("").to_string(),
                thing["url"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn an_article_page_carries_one_news_article() {
    let site = SiteTest::built("hostile_structured_data");
    let article = the_block(&site, "articles/talks/index.html");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["headline"],
        "Talks </script><script>alert(1)</script> <!-- & \"quoted\" \u{2028} end"
    );
    assert_eq!(
        article["description"],
        "A summary </script> with <b>tags</b>"
    );
    assert_eq!(article["datePublished"], "2024-04-09T00:00:00+00:00");
    assert_eq!(article["dateModified"], "2024-04-10T00:00:00+00:00");
    assert_eq!(article["url"], "https://example.org/b/articles/talks/");
    assert_eq!(article["image"], "https://example.org/b/images/map.png");
    // No author in briefing.yaml: the site, as publisher, is the author.
    let site_org = serde_json::json!({
        "@type": "Organization",
        "name": "Briefs </script><!-- & co",
        "url": "https://example.org/b/",
    });
    assert_eq!(article["publisher"], site_org);
    assert_eq!(article["author"], site_org);
    let page = |path: &str| Some(format!("https://example.org/b/{path}"));
    assert_eq!(
        names_and_urls(&article["about"]),
        [
            ("Country".into(), "China".into(), page("countries/china/")),
            ("Person".into(), "Wang Yi".into(), page("people/wang-yi/")),
        ]
    );
    // Mentioned only in the body; Ukraine has no page, so no URL.
    assert_eq!(
        names_and_urls(&article["mentions"]),
        [
            (
                "Person".into(),
                "Sergey Lavrov".into(),
                page("people/sergey-lavrov/")
            ),
            ("Country".into(), "Ukraine".into(), None),
        ]
    );
}

#[test]
fn the_author_comes_from_briefing_yaml_when_set() {
    let site = SiteTest::fixture("hostile_structured_data");
    site.write(
        "briefing.yaml",
        "title: Briefs\nbase_url: https://example.org/\nauthor: A. Analyst\n",
    );
    site.build(&[]).assert_success();
    let article = the_block(&site, "articles/talks/index.html");
    assert_eq!(
        article["author"],
        serde_json::json!({"@type": "Person", "name": "A. Analyst"})
    );
    assert_eq!(article["publisher"]["name"], "Briefs");
}

#[test]
fn person_and_country_pages_carry_their_type_with_same_as() {
    let site = SiteTest::built("hostile_structured_data");
    let person = the_block(&site, "people/wang-yi/index.html");
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Wang Yi");
    assert_eq!(person["url"], "https://example.org/b/people/wang-yi/");
    assert_eq!(person["jobTitle"], "Foreign Minister </script>");
    assert_eq!(
        person["sameAs"],
        serde_json::json!(["https://www.wikidata.org/wiki/Q22241"])
    );
    let country = the_block(&site, "countries/china/index.html");
    assert_eq!(country["@type"], "Country");
    assert_eq!(country["name"], "China");
    assert_eq!(country["url"], "https://example.org/b/countries/china/");
    assert_eq!(
        country["sameAs"],
        serde_json::json!(["https://www.wikidata.org/wiki/Q148"])
    );
    // Without a `same_as`, there is none.
    let lavrov = the_block(&site, "people/sergey-lavrov/index.html");
    assert_eq!(lavrov.get("sameAs"), None);
}

#[test]
fn the_home_page_carries_the_website_and_its_search() {
    let site = SiteTest::built("hostile_structured_data");
    let website = the_block(&site, "index.html");
    assert_eq!(website["@type"], "WebSite");
    assert_eq!(website["name"], "Briefs </script><!-- & co");
    assert_eq!(website["url"], "https://example.org/b/");
    let action = &website["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(action["target"], "https://example.org/b/search/?q={query}");
    assert_eq!(action["query-input"], "required name=query");
}

#[test]
fn other_pages_carry_no_json_ld() {
    let site = SiteTest::built("hostile_structured_data");
    for page in [
        "archive/index.html",
        "tags/diplomacy/index.html",
        "people/index.html",
    ] {
        assert!(json_ld(&site.read(page)).is_empty(), "{page}");
    }
}
