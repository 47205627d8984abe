//! What makes the output ready for a static host: feeds, sitemap, robots, 404, the
//! search index and the JSON export.

use std::str::FromStr;

use atom_syndication::Feed;

use crate::support::SiteTest;

fn feed(site: &SiteTest, path: &str) -> Feed {
    Feed::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path} is not a valid feed: {e}"))
}

#[test]
fn the_site_feed_lists_every_article_newest_first_with_full_content() {
    let site = SiteTest::built("good_site");
    let feed = feed(&site, "atom.xml");
    assert_eq!(feed.title().as_str(), "World Desk");
    assert_eq!(feed.id(), "https://example.org/");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        [
            "Switzerland prepares a peace conference",
            "Xi receives Lavrov in Beijing",
            "US and China resume talks",
            "Trade talks in Abidjan",
            "Written on Windows",
        ]
    );
    let first = &feed.entries()[0];
    assert_eq!(first.id(), "https://example.org/articles/peace-conference/");
    assert_eq!(
        first.links()[0].href(),
        "https://example.org/articles/peace-conference/"
    );
    assert_eq!(
        first.published().unwrap().to_rfc3339(),
        "2024-04-10T08:30:00+01:00"
    );
    assert!(
        first
            .content()
            .unwrap()
            .value()
            .unwrap()
            .contains("<p>A second paragraph.</p>")
    );
    assert!(
        first
            .summary()
            .unwrap()
            .as_str()
            .starts_with("Switzerland discussed")
    );
    // The feed's own date is its newest entry's, never the clock.
    assert_eq!(feed.updated().to_rfc3339(), "2024-04-10T08:30:00+01:00");
    let self_link = feed
        .links()
        .iter()
        .find(|link| link.rel() == "self")
        .unwrap();
    assert_eq!(self_link.href(), "https://example.org/atom.xml");
}

#[test]
fn every_country_and_person_has_its_own_feed() {
    let site = SiteTest::built("good_site");
    let wang = feed(&site, "people/wang-yi/atom.xml");
    assert_eq!(wang.title().as_str(), "Wang Yi · World Desk");
    assert_eq!(wang.entries().len(), 3);
    let china = feed(&site, "countries/china/atom.xml");
    assert_eq!(china.entries().len(), 3);
    for file in site.output_files() {
        if let Some(page) = file.strip_suffix("index.html")
            && (page.starts_with("people/") || page.starts_with("countries/"))
            && page.matches('/').count() == 2
        {
            feed(&site, &format!("{page}atom.xml"));
        }
    }
}

#[test]
fn feed_limit_and_summary_only_feeds_follow_the_config() {
    let site = SiteTest::fixture("good_site");
    let config = std::fs::read_to_string(site.site.join("briefing.yaml")).unwrap();
    site.write(
        "briefing.yaml",
        &format!("{config}feed_limit: 2\nfeed_content: summary\nauthor: The Desk\n"),
    );
    site.build(&[]).assert_success();
    let feed = feed(&site, "atom.xml");
    assert_eq!(feed.entries().len(), 2);
    assert!(feed.entries()[0].content().is_none());
    assert_eq!(feed.authors()[0].name(), "The Desk");
}

#[test]
fn hostile_titles_are_escaped_in_feeds() {
    let site = SiteTest::empty();
    site.write("briefing.yaml", "base_url: https://example.org/\n");
    site.write(
        "content/articles/hostile.md",
        "---\ntitle: \"AT&T <script>alert(1)</script> ]]>\"\ndate: 2024-01-01\npeople: [\"O'Brien & <b>Co</b>\"]\n---\nBody & <b>more</b>.\n",
    );
    site.build(&[]).assert_success();
    let xml = site.read("atom.xml");
    assert!(
        xml.contains("<title>AT&amp;T &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;</title>"),
        "{xml}"
    );
    let feed = Feed::from_str(&xml).unwrap();
    assert_eq!(
        feed.entries()[0].title().as_str(),
        "AT&T <script>alert(1)</script> ]]>"
    );
    Feed::from_str(&site.read("people/o-brien-b-co-b/atom.xml")).unwrap();
}

#[test]
fn feeds_hold_any_body_and_drop_characters_xml_cannot() {
    let site = SiteTest::empty();
    site.write(
        "briefing.yaml",
        "base_url: https://example.org/\nunsafe_html: true\n",
    );
    site.write(
        "content/articles/raw.md",
        "---\ntitle: \"Bell\\a and tab\\tstay\"\ndate: 2024-01-01\n---\n<p>Ends ]]> early & <b>bold</b></p>\n",
    );
    site.build(&[]).assert_success();
    let feed = feed(&site, "atom.xml");
    let entry = &feed.entries()[0];
    assert_eq!(entry.title().as_str(), "Bell and tab\tstay");
    let content = entry.content().unwrap().value().unwrap();
    assert!(
        content.contains("<p>Ends ]]> early & <b>bold</b></p>"),
        "{content}"
    );
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls_and_dates() {
    let site = SiteTest::built("good_site");
    let sitemap = site.read("sitemap.xml");
    let locations: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|rest| &rest[..rest.find("</loc>").unwrap()])
        .collect();
    let pages: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|file| file.ends_with("index.html"))
        .map(|file| {
            format!(
                "https://example.org/{}",
                file.trim_end_matches("index.html")
            )
        })
        .collect();
    let mut sorted_locations: Vec<String> = locations.iter().map(|l| l.to_string()).collect();
    sorted_locations.sort();
    let mut sorted_pages = pages.clone();
    sorted_pages.sort();
    assert_eq!(sorted_locations, sorted_pages);
    assert!(sitemap.contains(
        "<loc>https://example.org/people/wang-yi/</loc>\n    <lastmod>2024-04-10</lastmod>"
    ));
    assert!(!sitemap.contains("404"));
}

#[test]
fn robots_and_404_are_there_for_static_hosts() {
    let site = SiteTest::built("good_site");
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    );
    assert!(site.main_of("404.html").contains("<h1>Page not found</h1>"));
}

#[test]
fn json_export_lists_entities_with_counts_and_their_articles() {
    let site = SiteTest::built("good_site");
    let people: serde_json::Value = serde_json::from_str(&site.read("people/index.json")).unwrap();
    assert_eq!(people["kind"], "person");
    let wang = people["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entity| entity["slug"] == "wang-yi")
        .unwrap();
    assert_eq!(wang["name"], "Wang Yi");
    assert_eq!(wang["url"], "https://example.org/people/wang-yi/");
    assert_eq!(wang["article_count"], 3);
    assert_eq!(wang["aliases"][0], "王毅");
    assert_eq!(wang["role"], "Foreign Minister of China");

    let countries: serde_json::Value =
        serde_json::from_str(&site.read("countries/index.json")).unwrap();
    let china = &countries["entities"].as_array().unwrap()[0];
    assert_eq!(china["name"], "China");
    assert_eq!(china["region"], "Asia");
    assert_eq!(china["alpha3"], "CHN");

    let record: serde_json::Value =
        serde_json::from_str(&site.read("countries/china/index.json")).unwrap();
    assert_eq!(
        record["feed"],
        "https://example.org/countries/china/atom.xml"
    );
    let dates: Vec<&str> = record["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|article| article["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-04-10", "2024-04-09", "2024-01-15"]);
}

#[test]
fn search_index_is_a_table_of_contents_with_parts_of_words_and_articles() {
    let site = SiteTest::built("good_site");
    let json =
        |file: &str| -> serde_json::Value { serde_json::from_str(&site.read(file)).unwrap() };
    let manifest = json("search/index.json");
    assert_eq!(manifest["articles"], 5);
    assert_eq!(manifest["words"], serde_json::json!(["2018"]));
    let words = json("search/words/0.json");
    let entry = |word: &str| {
        words
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry[0] == word)
            .unwrap_or_else(|| panic!("no {word}"))
            .clone()
    };
    // Articles are numbered newest first: the peace conference (0) lists Lavrov as
    // "Сергей Лавров", the talks in Beijing (1) as "Lavrov"; every name of his profile
    // is a heading word of both. `bD` is the bitmap of 0 and 1, `dD` the list [3].
    assert_eq!(entry("лавров"), serde_json::json!(["лавров", "bD", "bD"]));
    assert_eq!(entry("lavrov"), serde_json::json!(["lavrov", "bD", "bD"]));
    // Aliases of listed countries too: China is "PRC" in 0, 1 and 2 (`bH`).
    assert_eq!(entry("prc"), serde_json::json!(["prc", "bH", "bH"]));
    assert_eq!(entry("ivory"), serde_json::json!(["ivory", "dD", "dD"]));
    assert_eq!(entry("cote"), serde_json::json!(["cote", "dD", "dD"]));
    let articles = json("search/articles/0.json");
    assert_eq!(
        articles[3],
        serde_json::json!([
            "/articles/abidjan-trade-talks/",
            "Trade talks in Abidjan",
            "2023-11-02",
            articles[3][3].clone()
        ])
    );
}

#[test]
fn pages_link_their_feeds_and_describe_themselves() {
    let site = SiteTest::built("good_site");
    let page = site.read("people/wang-yi/index.html");
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Wang Yi · World Desk\" href=\"/people/wang-yi/atom.xml\">"
    ), "{page}");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/people/wang-yi/\">"));
    assert!(page.contains(
        "<meta name=\"description\" content=\"Wang Yi, Foreign Minister of China: 3 briefings.\">"
    ));
    assert!(page.contains("<meta property=\"og:title\" content=\"Wang Yi\">"));
    let main = site.main_of("people/wang-yi/index.html");
    assert!(
        main.contains("href=\"/people/wang-yi/atom.xml\""),
        "feed link shown on the page"
    );
}

#[test]
fn pages_name_the_theme_icon_under_the_base_path_and_static_replaces_it() {
    let site = SiteTest::fixture("good_site");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let icon = "<link rel=\"icon\" href=\"/briefings/favicon.svg\" type=\"image/svg+xml\">";
    for page in ["index.html", "people/wang-yi/index.html", "404.html"] {
        assert!(site.read(page).contains(icon), "{page} names no icon");
    }
    assert!(
        site.read("favicon.svg")
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );

    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.build(&[]).assert_success();
    assert_eq!(
        site.read("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
    );
}

#[test]
fn the_404_page_is_not_indexed_and_has_no_canonical_url() {
    let site = SiteTest::built("good_site");
    let page = site.read("404.html");
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    assert!(!page.contains("rel=\"canonical\""), "{page}");
    assert!(!page.contains("og:url"), "{page}");
    let home = site.read("index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/\">"));
    assert!(!home.contains("noindex"));
}

#[test]
fn the_readme_says_what_to_put_in_the_host_roots_robots_txt() {
    // Crawlers read robots.txt only at the host root: the README's publishing section
    // shows what to put there, which must be what a sub-path build would say.
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Publishing").expect("publishing section")..];
    let advice = &section[section
        .find("robots.txt` only at the host root")
        .expect("robots advice")..];
    let block = &advice[advice.find("```\n").expect("code block") + 4..];
    let block: String = block[..block.find("```").expect("end of block")]
        .trim_end()
        .lines()
        .map(|line| format!("{}\n", line.trim()))
        .collect();
    let site = SiteTest::fixture("good_site");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    assert_eq!(block, site.read("robots.txt"));
}
