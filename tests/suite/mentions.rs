//! Mentions in bodies against a fixture of traps: territories whose demonym is a
//! sovereign state's, names inside longer names, possessives, straight and curly
//! apostrophes, names in code and links, a name wrapped onto the next line. `check` must report exactly the expected
//! mentions (precision and recall 1.0), and the page must list exactly those. Then a
//! site's own aliases for a country, from `content/countries/<slug>.md`.

use crate::support::SiteTest;

/// Every mention the traps fixture holds that its front matter does not list, as
/// (line, column, country): each checked by hand against the fixture's text.
const EXPECTED: &[(usize, usize, &str)] = &[
    (6, 18, "British Virgin Islands"),
    (6, 49, "US Virgin Islands"),
    (7, 5, "Sweden"),
    (7, 36, "Åland Islands"),
    (8, 1, "United States"),
    (8, 14, "Nigeria"),
    (9, 1, "Russia"),
    (9, 23, "Côte d'Ivoire"),
    (9, 53, "Laos"),
    (11, 1, "North Korea"),
    (11, 51, "Taiwan"),
    (12, 1, "South Georgia and the South Sandwich Islands"),
    (12, 51, "Saint Martin"),
    (14, 19, "Japan"),
    (15, 41, "Papua New Guinea"),
    (15, 62, "Guinea-Bissau"),
    (16, 48, "Saint Kitts and Nevis"),
];

#[test]
fn check_reports_exactly_the_expected_mentions() {
    let site = SiteTest::fixture("mention_traps");
    let outcome = site.run(&["check", "--format", "json"]);
    let reported: Vec<(usize, usize, String)> = outcome
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON object"))
        .filter(|problem| problem["code"] == "unlisted-mention")
        .map(|problem| {
            let message = problem["message"].as_str().unwrap_or_default();
            let name = message
                .strip_prefix("mentions ")
                .and_then(|rest| rest.split(" (line").next())
                .unwrap_or_default();
            (
                problem["line"].as_u64().unwrap_or_default() as usize,
                problem["column"].as_u64().unwrap_or_default() as usize,
                name.to_string(),
            )
        })
        .collect();
    let expected: Vec<(usize, usize, String)> = EXPECTED
        .iter()
        .map(|(line, column, name)| (*line, *column, name.to_string()))
        .collect();
    assert_eq!(reported, expected);
}

#[test]
fn the_page_lists_exactly_what_check_reports() {
    let site = SiteTest::built("mention_traps");
    let page = site.main_of("articles/traps/index.html");
    let start = page.find("<dt>Mentioned</dt>").expect("a Mentioned list");
    let end = start + page[start..].find("</dd>").expect("the end of the list");
    let listed: Vec<String> = page[start..end]
        .split("<li>")
        .skip(1)
        .map(|item| {
            let item = item.split("</li>").next().unwrap_or_default();
            let name = item.rsplit("</span> ").next().unwrap_or_default();
            name.replace("&#39;", "'")
        })
        .collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|(_, _, name)| *name).collect();
    assert_eq!(listed, expected);
    // Countries no article lists have no page to link to; the United States has none here.
    assert!(
        !page[start..end].contains("<a href"),
        "{}",
        &page[start..end]
    );
}

#[test]
fn check_notes_a_former_country_name() {
    let site = SiteTest::fixture("mention_traps");
    let outcome = site.run(&["check"]);
    assert!(
        outcome.stdout.contains(
            "content/articles/traps.md:4:22: note: `Zaire` is a former name: the article is listed under Democratic Republic of the Congo (hint: write `Democratic Republic of the Congo` unless the old name is meant)\n"
        ),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_site_alias_resolves_in_front_matter_and_is_found_in_bodies() {
    let site = SiteTest::fixture("country_aliases");
    let outcome = site.run(&["check"]);
    assert_eq!(
        outcome.stdout,
        "content/articles/trade.md:6:12: warning: mentions South Korea (line 6) but does not list it in `countries` (hint: add `South Korea` to `countries`, unless the mention is only in passing)\n\
         check: 0 errors, 1 warning, 0 notes\n"
    );
    site.build(&[]).assert_success();
    let article = site.main_of("articles/talks/index.html");
    assert!(article.contains("<a href=\"/countries/south-korea/\">South Korea</a>"));
    let country = site.main_of("countries/south-korea/index.html");
    assert!(country.contains("Hanguk"), "{country}");
}

#[test]
fn a_site_alias_that_is_another_countrys_name_is_an_error() {
    let site = SiteTest::fixture("country_aliases");
    site.write(
        "content/countries/austria.md",
        "---\nname: Austria\naliases: [Deutschland]\n---\n",
    );
    let outcome = site.build(&[]);
    let stderr = outcome.assert_failure();
    assert!(
        stderr.starts_with(
            "content/countries/austria.md:3:11: `Deutschland` is already a name of Germany\n"
        ),
        "{stderr}"
    );
}
