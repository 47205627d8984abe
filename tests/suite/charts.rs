//! Timelines, connections, the world map and the archive on the `good_site` fixture:
//! the numbers behind each chart, where its links lead, and one chart's exact SVG.
//!
//! The fixture's five articles are dated June 2022, November 2023, January 2024 and
//! twice in April 2024; China is named from January to April 2024, a span short enough
//! to be counted per week.

use std::collections::HashSet;

use crate::support::SiteTest;

/// The text between the first `start` and the next `end` after it, both included.
#[track_caller]
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {text}"));
    let to = text[from..].find(end).expect("end marker") + from + end.len();
    &text[from..to]
}

/// The rows of a timeline's text alternative: (period, count).
fn timeline_rows(page: &str) -> Vec<(String, usize)> {
    let table = between(page, "<table class=\"visually-hidden\">", "</table>");
    table
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let (label, rest) = row.split_once("</th><td>").unwrap();
            let count = rest.split_once("</td>").unwrap().0;
            (label.to_string(), count.parse().unwrap())
        })
        .collect()
}

/// Every value of `attribute="..."` in `html`.
pub(crate) fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.split(marker.as_str())
        .skip(1)
        .map(|rest| rest.split_once('"').unwrap().0)
        .collect()
}

#[test]
fn the_home_timeline_counts_the_sites_articles_per_month() {
    let site = SiteTest::built("good_site");
    let home = site.main_of("index.html");
    assert_eq!(
        timeline_rows(&home),
        [
            ("June 2022".to_string(), 1),
            ("November 2023".to_string(), 1),
            ("January 2024".to_string(), 1),
            ("April 2024".to_string(), 2),
        ]
    );
    let chart = between(
        &home,
        "<svg class=\"chart timeline-chart\"",
        "</text></g></svg>",
    );
    assert!(chart.contains(
        "5 briefings from June 2022 to April 2024; the busiest month was April 2024, with 2."
    ));
    // June 2022 to April 2024 is 23 months; only the four with articles link.
    assert!(chart.contains("viewBox=\"0 0 230 2\""), "{chart}");
    assert_eq!(
        attribute_values(chart, "href"),
        [
            "/archive/2022/#month-2022-06",
            "/archive/2023/#month-2023-11",
            "/archive/2024/#month-2024-01",
            "/archive/2024/#month-2024-04",
        ]
    );
}

#[test]
fn a_country_named_over_less_than_six_months_is_counted_per_week() {
    let site = SiteTest::built("good_site");
    let china = site.main_of("countries/china/index.html");
    assert!(china.contains("<caption>Briefings per week</caption>"));
    assert_eq!(
        timeline_rows(&china),
        [
            ("Week of 15 January 2024".to_string(), 1),
            ("Week of 8 April 2024".to_string(), 2),
        ]
    );
    assert!(china.contains("Busiest: week of 8 Apr 2024 (2)"));
    let chart = between(
        &china,
        "<svg class=\"chart timeline-chart\"",
        "</text></g></svg>",
    );
    assert_eq!(
        attribute_values(chart, "href"),
        ["#month-2024-01", "#month-2024-04"]
    );
}

#[test]
fn connections_rank_the_entities_sharing_most_briefings() {
    let site = SiteTest::built("good_site");
    let wang = site.main_of("people/wang-yi/index.html");
    let chart = between(&wang, "<svg class=\"chart connections-chart\"", "</svg>");
    let bars: Vec<&str> = chart
        .split("<title>")
        .skip(1)
        .map(|rest| rest.split_once("</title>").unwrap().0)
        .collect();
    assert_eq!(
        bars,
        [
            "China: 3 shared briefings",
            "Russia: 2 shared briefings",
            "Sergey Lavrov: 2 shared briefings",
            "Ukraine: 2 shared briefings",
            "Switzerland: 1 shared briefing",
            "United States: 1 shared briefing",
            "Xi Jinping: 1 shared briefing",
            "Мария Захарова: 1 shared briefing",
        ]
    );
    assert_eq!(
        attribute_values(chart, "href")[..3],
        [
            "/countries/china/",
            "/countries/russia/",
            "/people/sergey-lavrov/"
        ]
    );
    // The longest bar is the most shared; one shared briefing of three is a third of it.
    assert!(chart.contains("width=\"33.33%\" height=\"8\""));
}

#[test]
fn every_chart_link_leads_to_a_heading_that_exists() {
    let site = SiteTest::built("good_site");
    let mut checked = 0;
    for file in site.output_files() {
        if !file.ends_with(".html") {
            continue;
        }
        let page = site.read(&file);
        let ids: HashSet<&str> = attribute_values(&page, "id").into_iter().collect();
        for link in attribute_values(&page, "href") {
            let target = match link.split_once('#') {
                Some(("", fragment)) => ids.contains(fragment),
                Some((path, fragment)) if path.starts_with("/archive/") => {
                    let target = site.read(&format!("{}index.html", &path[1..]));
                    attribute_values(&target, "id").contains(&fragment)
                }
                _ => continue,
            };
            assert!(target, "{file}: {link} has no target");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

#[test]
fn the_archive_groups_every_article_by_year_and_month_with_counts() {
    let site = SiteTest::built("good_site");
    let archive = site.main_of("archive/index.html");
    let counts: Vec<&str> = archive
        .lines()
        .filter(|line| line.starts_with("<h2") || line.starts_with("<li>"))
        .collect();
    assert_eq!(
        counts,
        [
            "<h2 id=\"year-2024\"><a href=\"/archive/2024/#month-2024-04\">2024</a> <span class=\"count\">(3 briefings)</span></h2>",
            "<li><a href=\"/archive/2024/#month-2024-04\">April 2024</a> <span class=\"count\">(2)</span></li>",
            "<li><a href=\"/archive/2024/#month-2024-01\">January 2024</a> <span class=\"count\">(1)</span></li>",
            "<h2 id=\"year-2023\"><a href=\"/archive/2023/#month-2023-11\">2023</a> <span class=\"count\">(1 briefing)</span></h2>",
            "<li><a href=\"/archive/2023/#month-2023-11\">November 2023</a> <span class=\"count\">(1)</span></li>",
            "<h2 id=\"year-2022\"><a href=\"/archive/2022/#month-2022-06\">2022</a> <span class=\"count\">(1 briefing)</span></h2>",
            "<li><a href=\"/archive/2022/#month-2022-06\">June 2022</a> <span class=\"count\">(1)</span></li>",
        ]
    );
    let year = site.main_of("archive/2024/index.html");
    let headings: Vec<&str> = year
        .lines()
        .filter(|line| line.starts_with("<h2"))
        .collect();
    assert_eq!(
        headings,
        [
            "<h2 id=\"month-2024-04\">April 2024 <span class=\"count\">(2)</span></h2>",
            "<h2 id=\"month-2024-01\">January 2024 <span class=\"count\">(1)</span></h2>",
        ]
    );
    let april = between(&year, "id=\"month-2024-04\"", "</ol>");
    let newest = april
        .find("Switzerland prepares a peace conference")
        .unwrap();
    let older = april.find("Xi receives Lavrov in Beijing").unwrap();
    assert!(newest < older);
    assert!(site.read("index.html").contains("href=\"/archive/\""));
}

#[test]
fn entity_pages_group_their_articles_by_month() {
    let site = SiteTest::built("good_site");
    let wang = site.main_of("people/wang-yi/index.html");
    let briefings = &wang[wang.find("id=\"briefings\"").unwrap()..];
    let months: Vec<&str> = attribute_values(briefings, "id");
    assert_eq!(months, ["month-2024-04", "month-2024-01"]);
    let january = between(briefings, "id=\"month-2024-01\"", "</ol>");
    assert!(
        january.contains("<h4><a href=\"/articles/us-china/\">US and China resume talks</a></h4>")
    );
    // The index of months links to each group, with its year and count for screen readers.
    assert!(briefings.contains(
        "<a href=\"#month-2024-01\">Jan<span class=\"visually-hidden\"> 2024: 1 briefing</span></a>"
    ));
}

#[test]
fn the_countries_page_shades_and_links_every_country_with_briefings() {
    let site = SiteTest::built("good_site");
    let countries = site.main_of("countries/index.html");
    let map = between(&countries, "<svg class=\"world-map\"", "</svg>");
    // China has 3 briefings, Russia, Ukraine and the United States 2, the rest 1: three
    // classes, spread to the lightest-but-one, the fourth and the darkest shade.
    for (slug, shade, title) in [
        ("china", 5, "China: 3 briefings"),
        ("russia", 4, "Russia: 2 briefings"),
        ("united-states", 4, "United States: 2 briefings"),
        ("switzerland", 2, "Switzerland: 1 briefing"),
        ("cote-d-ivoire", 2, "Côte d'Ivoire: 1 briefing"),
    ] {
        let link = between(map, &format!("<a href=\"/countries/{slug}/\""), "</a>");
        assert!(link.contains(&format!("class=\"shade-{shade}\"")), "{link}");
        assert!(
            link.contains(&format!("<title>{}</title>", title.replace('\'', "&apos;"))),
            "{link}"
        );
    }
    assert_eq!(map.matches("<a href=").count(), 7);
    let legend: Vec<&str> = attribute_values(&countries, "class")
        .into_iter()
        .filter(|class| class.starts_with("swatch"))
        .collect();
    assert_eq!(
        legend,
        [
            "swatch land",
            "swatch shade-2",
            "swatch shade-4",
            "swatch shade-5"
        ]
    );
    // The plain list stays below the map.
    assert!(countries.find("</figure>").unwrap() < countries.find("entity-index").unwrap());
}

#[test]
fn show_map_false_keeps_only_the_list() {
    let site = SiteTest::fixture("good_site");
    let config = std::fs::read_to_string(site.site.join("briefing.yaml")).unwrap();
    site.write("briefing.yaml", &format!("{config}show_map: false\n"));
    site.build(&[]).assert_success();
    let countries = site.main_of("countries/index.html");
    assert!(!countries.contains("<svg"), "{countries}");
    assert!(countries.contains("<a href=\"/countries/china/\">China</a>"));
}

#[test]
fn the_home_timeline_chart() {
    let site = SiteTest::built("good_site");
    let home = site.read("index.html");
    let chart = between(
        &home,
        "<svg class=\"chart timeline-chart\"",
        "</text></g></svg>",
    );
    // One element a line, so that a change reads as a diff.
    insta::assert_snapshot!("home_timeline_chart", chart.replace("><", ">\n<"));
}

#[test]
fn every_accessible_name_contains_the_visible_text() {
    let site = SiteTest::built("good_site");
    for file in site
        .output_files()
        .iter()
        .filter(|file| file.ends_with(".html"))
    {
        let html = site.read(file);
        for (position, _) in html.match_indices("<a ") {
            let tag_end = position + html[position..].find('>').expect("tag end");
            let Some(label_at) = html[position..tag_end].find("aria-label=\"") else {
                continue;
            };
            let label = &html[position + label_at + 12..];
            let label = &label[..label.find('"').expect("label end")];
            let content = &html[tag_end + 1..tag_end + html[tag_end..].find("</a>").expect("</a>")];
            let visible = visible_text(content);
            // Whole words, in order, as voice control and Lighthouse match them: "Apr"
            // is not in "April 2024".
            let (label_words, visible_words) = (words(label), words(&visible));
            assert!(
                visible_words.is_empty()
                    || label_words
                        .windows(visible_words.len())
                        .any(|window| window == visible_words.as_slice()),
                "{file}: aria-label {label:?} does not contain the visible text {visible:?}"
            );
        }
        // The month links say their year and count without an aria-label.
        if file == "countries/china/index.html" {
            assert!(
                html.contains("<a href=\"#month-2024-04\">Apr<span class=\"visually-hidden\"> 2024: 2 briefings</span></a>"),
                "{html}"
            );
        }
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text of `html` that shows: without tags and without visually hidden spans.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let hidden = "<span class=\"visually-hidden\">";
        rest = if rest[start..].starts_with(hidden) {
            let end = rest[start..].find("</span>").expect("span end");
            &rest[start + end + "</span>".len()..]
        } else {
            &rest[start + rest[start..].find('>').expect("tag end") + 1..]
        };
    }
    text.push_str(rest);
    text
}

#[test]
fn the_map_legend_starts_with_uncovered_land() {
    let countries = SiteTest::built("good_site").main_of("countries/index.html");
    let legend = between(&countries, "<ul class=\"map-legend\">", "</ul>");
    assert!(
        legend.starts_with(
            "<ul class=\"map-legend\">\n<li><span class=\"swatch land\" aria-hidden=\"true\"></span> No briefings</li>\n<li><span class=\"swatch shade-"
        ),
        "{legend}"
    );
}
