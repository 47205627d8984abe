//! Whole-page snapshots, one per page kind, of the `<main>` element (the layout around
//! it is covered by the home page's full snapshot). Review changes with `cargo insta
//! review`, or run with `INSTA_UPDATE=always` and read the diff before committing.

use crate::support::SiteTest;

#[test]
fn home_page() {
    insta::assert_snapshot!("home_page", SiteTest::built("good_site").read("index.html"));
}

#[test]
fn article_page() {
    insta::assert_snapshot!(
        "article_page",
        SiteTest::built("good_site").main_of("articles/lavrov-in-beijing/index.html")
    );
}

#[test]
fn country_page() {
    insta::assert_snapshot!(
        "country_page",
        SiteTest::built("good_site").main_of("countries/china/index.html")
    );
}

#[test]
fn person_page() {
    insta::assert_snapshot!(
        "person_page",
        SiteTest::built("good_site").main_of("people/sergey-lavrov/index.html")
    );
}

#[test]
fn person_page_without_profile() {
    insta::assert_snapshot!(
        "person_page_without_profile",
        SiteTest::built("good_site").main_of("people/mariia-zakharova/index.html")
    );
}

#[test]
fn countries_page() {
    insta::assert_snapshot!(
        "countries_page",
        elide_outlines(&SiteTest::built("good_site").main_of("countries/index.html"))
    );
}

/// The page with the world map's outlines (40 KB of path data that only change with
/// `data/world-map.tsv`) cut to `…`, keeping which countries are shaded and linked.
fn elide_outlines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(" d=\"M") {
        let end = start + 4 + rest[start + 4..].find('"').expect("closing quote");
        out.push_str(&rest[..start]);
        out.push_str(" d=\"…");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn people_page() {
    insta::assert_snapshot!(
        "people_page",
        SiteTest::built("good_site").main_of("people/index.html")
    );
}

#[test]
fn tags_page() {
    insta::assert_snapshot!(
        "tags_page",
        SiteTest::built("tags").main_of("tags/index.html")
    );
}

#[test]
fn tag_page() {
    insta::assert_snapshot!(
        "tag_page",
        SiteTest::built("tags").main_of("tags/election/index.html")
    );
}
