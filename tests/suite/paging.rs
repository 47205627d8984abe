//! Paged lists on a generated site of a couple of thousand briefings, built once for
//! every test here: the page budget, `rel="next"` chains that reach exactly an entity's
//! articles, an archive that reaches every article once, and month links that land on
//! the page holding their month.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::charts::attribute_values;
use crate::support::{SiteTest, list_files};

#[path = "../../examples/generate_corpus.rs"]
#[allow(dead_code)]
mod generate_corpus;

/// No HTML page of the default theme may be larger than this.
const PAGE_BUDGET: usize = 250 * 1024;
/// The default `page_size`.
const PAGE_SIZE: usize = 50;

/// The output folder of the generated site, built on first use.
fn corpus() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        // Kept under the target folder rather than a temporary one, which a static
        // would never delete.
        let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("paging-corpus");
        let _ = std::fs::remove_dir_all(&site);
        let options = generate_corpus::Options {
            articles: 2000,
            seed: 7,
            people: 200,
        };
        generate_corpus::generate(&options, &mut |path, text| {
            let path = site.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        });
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["build", "--output"])
            .arg(site.join("public"))
            .arg(&site)
            .status()
            .expect("run briefing");
        assert!(status.success());
        site.join("public")
    })
}

fn read(url_path: &str) -> String {
    let file = corpus().join(url_path.trim_start_matches('/'));
    let file = if url_path.ends_with('/') {
        file.join("index.html")
    } else {
        file
    };
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The link of `<a rel="{rel}">` on a page, and checks `<head>` has the same.
fn rel_link(page: &str, rel: &str) -> Option<String> {
    let marker = format!("<a rel=\"{rel}\" href=\"");
    let link = page
        .split_once(marker.as_str())
        .map(|(_, rest)| rest.split_once('"').unwrap().0.to_string());
    let head = page.split_once("</head>").unwrap().0;
    let in_head = head
        .split_once(format!("<link rel=\"{rel}\" href=\"").as_str())
        .map(|(_, rest)| rest.split_once('"').unwrap().0.to_string());
    assert_eq!(link, in_head, "<a rel={rel}> and <link rel={rel}> differ");
    link
}

/// The article links of a page's `<main>`, in order.
fn article_links(page: &str) -> Vec<String> {
    attribute_values(page.split_once("<main").unwrap().1, "href")
        .into_iter()
        .filter(|link| link.starts_with("/articles/"))
        .map(str::to_string)
        .collect()
}

/// Every page of the paged list starting at `first`, by following `rel="next"`.
fn follow_next(first: &str) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(url) = next {
        let page = read(&url);
        next = rel_link(&page, "next");
        pages.push((url, page));
        assert!(pages.len() < 1000, "a rel=next loop from {first}");
    }
    pages
}

#[test]
fn no_page_is_over_the_budget_nor_lists_more_than_a_page_of_briefings() {
    let mut largest = (0, String::new());
    for file in list_files(corpus()) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = read(&format!("/{file}"));
        largest = largest.max((page.len(), file.clone()));
        if file.starts_with("countries/") || file.starts_with("people/") {
            let listed = page.matches("<article class=\"article-summary\">").count();
            assert!(listed <= PAGE_SIZE, "{file} lists {listed}");
        }
        if file.starts_with("archive/") && file != "archive/index.html" {
            let listed = page.matches("<li><time").count();
            assert!((1..=PAGE_SIZE).contains(&listed), "{file} lists {listed}");
        }
    }
    assert!(largest.0 <= PAGE_BUDGET, "{largest:?}");
}

#[test]
fn following_next_from_an_entity_reaches_exactly_the_articles_of_its_index_json() {
    let mut paged = 0;
    for kind in ["countries", "people"] {
        let list: serde_json::Value =
            serde_json::from_str(&read(&format!("/{kind}/index.json"))).unwrap();
        for entity in list["entities"].as_array().unwrap() {
            let slug = entity["slug"].as_str().unwrap();
            let data: serde_json::Value =
                serde_json::from_str(&read(&format!("/{kind}/{slug}/index.json"))).unwrap();
            let expected: Vec<String> = data["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|article| {
                    let url = article["url"].as_str().unwrap();
                    url.strip_prefix("https://example.org").unwrap().to_string()
                })
                .collect();
            let pages = follow_next(&format!("/{kind}/{slug}/"));
            let count = pages.len();
            let mut reached = Vec::new();
            for (number, (url, page)) in pages.iter().enumerate() {
                let links = article_links(page);
                assert!(count == 1 || !links.is_empty(), "{url} is empty");
                assert!(page.contains(&format!("Page {} of {count}", number + 1)) || count == 1);
                reached.extend(links);
            }
            // An article page links its listed entities, not other articles, so each
            // summary gives exactly its own link.
            assert_eq!(reached, expected, "{kind}/{slug}");
            if count > 1 {
                paged += 1;
                let last = &pages[count - 1].0;
                assert_eq!(last, &format!("/{kind}/{slug}/page/{count}/"));
                assert_eq!(rel_link(&pages[1].1, "prev").as_deref(), Some(&*pages[0].0));
            }
        }
    }
    assert!(paged >= 5, "only {paged} entities have more than one page");
}

#[test]
fn the_archive_reaches_every_article_once() {
    let archive = read("/archive/");
    let years: Vec<String> = attribute_values(&archive, "href")
        .into_iter()
        .filter_map(|link| link.split_once('#').map(|(page, _)| page.to_string()))
        .filter(|page| page.starts_with("/archive/") && !page.contains("/page/"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(years.len() > 3, "{years:?}");
    let mut reached: BTreeMap<String, usize> = BTreeMap::new();
    for year in &years {
        for (_, page) in follow_next(year) {
            for link in article_links(&page) {
                *reached.entry(link).or_default() += 1;
            }
        }
    }
    let articles: Vec<String> = list_files(corpus())
        .into_iter()
        .filter_map(|file| {
            let slug = file
                .strip_prefix("articles/")?
                .strip_suffix("/index.html")?;
            Some(format!("/articles/{slug}/"))
        })
        .collect();
    assert_eq!(articles.len(), 2000);
    assert_eq!(reached.keys().cloned().collect::<Vec<_>>(), articles);
    assert!(reached.values().all(|&times| times == 1));
}

#[test]
fn month_links_land_on_a_page_holding_that_months_heading() {
    let mut checked = 0;
    let list: serde_json::Value = serde_json::from_str(&read("/countries/index.json")).unwrap();
    let busiest = list["entities"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|entity| entity["article_count"].as_u64())
        .unwrap();
    let busiest = format!("/countries/{}/", busiest["slug"].as_str().unwrap());
    for page_url in ["/", "/archive/", busiest.as_str()] {
        let page = read(page_url);
        for link in attribute_values(&page, "href") {
            let Some((target, fragment)) = link.split_once('#') else {
                continue;
            };
            if !fragment.starts_with("month-") {
                continue;
            }
            let target = if target.is_empty() { page_url } else { target };
            let ids: HashSet<String> = attribute_values(&read(target), "id")
                .into_iter()
                .map(str::to_string)
                .collect();
            assert!(ids.contains(fragment), "{page_url}: {link} has no target");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} month links");
}

#[test]
fn every_page_is_in_the_sitemap() {
    let sitemap = read("/sitemap.xml");
    let listed: HashSet<&str> = sitemap
        .split("<loc>https://example.org")
        .skip(1)
        .map(|rest| rest.split_once("</loc>").unwrap().0)
        .collect();
    for file in list_files(corpus()) {
        if let Some(folder) = file.strip_suffix("index.html") {
            let url = format!("/{folder}");
            assert!(listed.contains(url.as_str()), "{url} is not in the sitemap");
        }
    }
}

#[test]
fn later_pages_link_within_a_sub_path() {
    let site = SiteTest::fixture("good_site");
    site.write(
        "briefing.yaml",
        "title: World Desk\nbase_url: https://example.org/briefings/\npage_size: 2\n",
    );
    site.build(&[]).assert_success();
    let second = site.read("countries/china/page/2/index.html");
    assert!(second.contains("<a rel=\"prev\" href=\"/briefings/countries/china/\">"));
    assert!(second.contains(
        "<link rel=\"canonical\" href=\"https://example.org/briefings/countries/china/page/2/\">"
    ));
    assert!(second.contains("Back to China"));
    let first = site.read("countries/china/index.html");
    assert!(first.contains("<a rel=\"next\" href=\"/briefings/countries/china/page/2/\">"));
    assert!(first.contains("Page 1 of 2"));
    assert!(!site.public().join("countries/china/page/3").exists());
    let archive = site.read("archive/2024/page/2/index.html");
    assert!(archive.contains("<a rel=\"prev\" href=\"/briefings/archive/2024/\">"));
}
