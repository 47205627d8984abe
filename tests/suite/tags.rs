//! Tag pages: spellings folded into one tag, the list with counts, each tag's paged
//! briefings and feed, links from articles, and the error for two tags with one URL.

use atom_syndication::Feed;

use crate::support::SiteTest;

#[test]
fn spellings_differing_in_case_spacing_or_accents_are_one_tag() {
    let site = SiteTest::built("tags");
    let list = site.main_of("tags/index.html");
    assert!(
        list.contains(
            "<a href=\"/b/tags/election/\">election</a> <span class=\"count\">3 briefings</span>"
        ),
        "{list}"
    );
    assert!(
        list.contains(
            "<a href=\"/b/tags/trade/\">Trade</a> <span class=\"count\">2 briefings</span>"
        ),
        "{list}"
    );
    let tags: Vec<String> = site
        .output_files()
        .into_iter()
        .filter(|file| file.starts_with("tags/"))
        .collect();
    assert_eq!(
        tags,
        [
            "tags/election/atom.xml",
            "tags/election/index.html",
            "tags/election/page/2/index.html",
            "tags/index.html",
            "tags/trade/atom.xml",
            "tags/trade/index.html",
        ]
    );
}

#[test]
fn a_tag_page_lists_its_briefings_newest_first_in_pages() {
    let site = SiteTest::built("tags");
    let first = site.main_of("tags/election/index.html");
    let march = first.find(">March</a>").expect("March on page 1");
    let february = first.find(">February</a>").expect("February on page 1");
    assert!(march < february, "{first}");
    assert!(!first.contains(">January</a>"), "{first}");
    let page = site.read("tags/election/index.html");
    assert!(page.contains("<link rel=\"next\" href=\"/b/tags/election/page/2/\">"));
    assert!(page.contains("href=\"/b/tags/election/atom.xml\""));
    let second = site.main_of("tags/election/page/2/index.html");
    assert!(second.contains(">January</a>"), "{second}");
    assert!(!second.contains(">March</a>"), "{second}");
}

#[test]
fn a_tag_feed_holds_its_briefings_newest_first() {
    let site = SiteTest::built("tags");
    let xml = site.read("tags/election/atom.xml");
    let feed: Feed = xml.parse().expect("the tag feed parses as Atom");
    assert_eq!(feed.title().as_str(), "election · Tagged Briefings");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles, ["March", "February", "January"]);
    let alternate = feed.links().iter().find(|link| link.rel() == "alternate");
    assert_eq!(
        alternate.map(|link| link.href()),
        Some("https://example.org/b/tags/election/")
    );
    // Every entry is filed under the tag's one name, whatever its article wrote.
    for entry in feed.entries() {
        let terms: Vec<&str> = entry.categories().iter().map(|c| c.term()).collect();
        assert!(terms.contains(&"election"), "{terms:?}");
        assert!(!terms.contains(&"ELECTION") && !terms.contains(&"Élection"));
    }
}

#[test]
fn article_tags_link_to_their_pages_and_tags_are_in_the_sitemap() {
    let site = SiteTest::built("tags");
    let january = site.main_of("articles/january/index.html");
    assert!(
        january.contains(
            "<a class=\"tag\" href=\"/b/tags/election/\">election</a>, \
             <a class=\"tag\" href=\"/b/tags/trade/\">Trade</a>"
        ),
        "{january}"
    );
    let sitemap = site.read("sitemap.xml");
    for url in [
        "tags/",
        "tags/election/",
        "tags/election/page/2/",
        "tags/trade/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/b/{url}</loc>")),
            "{url} not in {sitemap}"
        );
    }
}

#[test]
fn two_tags_with_one_url_are_an_error_naming_both_places() {
    let site = SiteTest::fixture("tag_slug_collision");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.starts_with(
            "content/articles/second.md:6:5: tags `C++` and `C` (content/articles/first.md:4:8) \
             both make the URL /tags/c/ (hint: if they are the same tag, spell them the same way)\n"
        ),
        "{stderr}"
    );
    assert!(!site.public().exists());
}

#[test]
fn check_reports_two_tags_with_one_url_too() {
    let site = SiteTest::fixture("tag_slug_collision");
    let outcome = site.run(&["check"]);
    assert_ne!(outcome.code, Some(0));
    let report = format!("{}{}", outcome.stdout, outcome.stderr);
    assert!(
        report.contains(
            "content/articles/second.md:6:5: error: tags `C++` and `C` \
             (content/articles/first.md:4:8) both make the URL /tags/c/"
        ),
        "{report}"
    );
}
