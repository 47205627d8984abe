//! `briefing new`: names checked against the site as the build checks them, a slug no
//! other article has, and a file name of sane length whatever the title.

use crate::support::{SiteTest, list_files};

fn year() -> i16 {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .year()
}

/// The site's content files, to see that a refused `new` wrote nothing.
fn content_files(site: &SiteTest) -> Vec<String> {
    list_files(&site.site.join("content"))
}

#[test]
fn an_unknown_country_is_refused_with_a_hint_and_nothing_is_written() {
    let site = SiteTest::fixture("good_site");
    let before = content_files(&site);
    let outcome = site.run(&["new", "T", "--country", "Atlantis"]);
    assert_eq!(
        outcome.assert_failure(),
        "unknown country `Atlantis` (hint: name a country in English or by its ISO 3166 code, such as `France` or `FR`); nothing was written\n"
    );
    let outcome = site.run(&["new", "T", "--country", "Ukriane"]);
    assert_eq!(
        outcome.assert_failure(),
        "unknown country `Ukriane` (hint: did you mean Ukraine?); nothing was written\n"
    );
    assert_eq!(content_files(&site), before);
    site.build(&[]).assert_success();
}

#[test]
fn a_person_the_build_would_refuse_is_refused() {
    let site = SiteTest::fixture("good_site");
    let before = content_files(&site);
    // "Alassane Ouattara" is named without a profile; this spelling makes the same URL.
    let outcome = site.run(&["new", "T", "--person", "Alassane Ouattára"]);
    let stderr = outcome.assert_failure();
    assert!(
        stderr.ends_with("; nothing was written\n") && stderr.contains("Alassane Ouattara"),
        "{stderr}"
    );
    let outcome = site.run(&["new", "T", "--person", ""]);
    assert_eq!(
        outcome.assert_failure(),
        "empty name in list; nothing was written\n"
    );
    assert_eq!(content_files(&site), before);
    // Names the site knows, by alias or code, are accepted.
    let outcome = site.run(&["new", "T", "--person", "Lavrov", "--country", "PRC"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    site.build(&[]).assert_success();
}

#[test]
fn a_title_whose_slug_is_taken_gets_a_free_one() {
    let site = SiteTest::fixture("good_site");
    site.write(
        "content/articles/hello.md",
        "---\ntitle: Hello\ndate: 2024-01-01\n---\nThe first.\n",
    );
    let first = site.run(&["new", "Hello"]);
    assert_eq!(
        first.stdout,
        format!("content/articles/{}/hello-2.md\n", year())
    );
    let second = site.run(&["new", "Hello"]);
    assert_eq!(
        second.stdout,
        format!("content/articles/{}/hello-3.md\n", year())
    );
    site.build(&[]).assert_success();
    for slug in ["hello", "hello-2", "hello-3"] {
        assert!(
            site.public()
                .join(format!("articles/{slug}/index.html"))
                .is_file()
        );
    }
}

#[test]
fn a_very_long_title_gives_a_short_file_name() {
    let site = SiteTest::fixture("good_site");
    let title = "word ".repeat(20_000);
    let outcome = site.run(&["new", &title]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    let printed = outcome.stdout.trim_end();
    let name = printed.rsplit('/').next().unwrap();
    assert!(name.len() <= 64, "{name}");
    assert_eq!(
        printed,
        format!("content/articles/{}/{}word.md", year(), "word-".repeat(11))
    );
    let text = std::fs::read_to_string(site.site.join(printed)).unwrap();
    assert!(text.contains(title.trim_end()), "the title is kept whole");
    site.build(&[]).assert_success();

    let outcome = site.run(&["new", &"!".repeat(100_000)]);
    let stderr = outcome.assert_failure();
    assert!(stderr.len() < 200, "{stderr}");
}
