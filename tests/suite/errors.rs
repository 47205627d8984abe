//! Bad input: every problem is reported as `path:line:col: message` with a hint where
//! there is one, the exit status is 1, nothing panics and the previous output stays.

use crate::support::{SiteTest, snapshot_dir};

/// Builds fixture `name` and returns its error lines, without the closing summary line.
fn errors_of(name: &str) -> Vec<String> {
    let site = SiteTest::fixture(name);
    let outcome = site.build(&[]);
    let stderr = outcome.assert_failure();
    assert!(!site.public().exists(), "a failed build wrote output");
    let mut lines: Vec<String> = stderr.lines().map(str::to_string).collect();
    let summary = lines.pop().expect("a summary line");
    assert!(
        summary.starts_with("error: build failed with ")
            && summary.ends_with("; the previous output was left untouched"),
        "{summary}"
    );
    lines
}

#[test]
fn reports_yaml_syntax_error_at_file_line() {
    assert_eq!(
        errors_of("yaml_syntax_error"),
        ["content/articles/talks.md:4:12: unclosed bracket '['"]
    );
}

#[test]
fn reports_missing_closing_fence() {
    assert_eq!(
        errors_of("missing_closing_fence"),
        [
            "content/articles/talks.md:1:1: front matter is not closed: no `---` line after the opening one (hint: add a line with just `---` between the front matter and the body)"
        ]
    );
}

#[test]
fn reports_missing_title() {
    assert_eq!(
        errors_of("missing_title"),
        ["content/articles/talks.md:1:1: missing required key `title`"]
    );
}

#[test]
fn reports_missing_date() {
    assert_eq!(
        errors_of("missing_date"),
        ["content/articles/talks.md:1:1: missing required key `date`"]
    );
}

#[test]
fn reports_impossible_date_at_its_value() {
    assert_eq!(
        errors_of("impossible_date"),
        [
            "content/articles/talks.md:3:7: `2024-02-30` is not a valid date: use YYYY-MM-DD (such as 2024-04-09) or RFC 3339 (2024-04-09T14:30:00Z)"
        ]
    );
}

#[test]
fn reports_unknown_key_with_the_nearest_known_key() {
    assert_eq!(
        errors_of("unknown_key"),
        [
            "content/articles/talks.md:4:1: unknown key `countires` (hint: did you mean `countries`?)"
        ]
    );
}

#[test]
fn reports_unknown_country_with_the_closest_match() {
    assert_eq!(
        errors_of("unknown_country"),
        ["content/articles/talks.md:6:5: unknown country `Ukriane` (hint: did you mean Ukraine?)"]
    );
}

#[test]
fn reports_tab_indented_block() {
    assert_eq!(
        errors_of("tab_indentation"),
        [
            "content/articles/talks.md:5:2: tab used for indentation (hint: YAML indents with spaces, not tabs)"
        ]
    );
}

#[test]
fn reports_duplicate_key_at_the_second_occurrence() {
    assert_eq!(
        errors_of("duplicate_key"),
        [
            "content/articles/talks.md:4:1: duplicate key `title` (hint: each key may appear once; remove one of them)"
        ]
    );
}

#[test]
fn reports_template_error_with_template_name_and_line() {
    assert_eq!(
        errors_of("template_error"),
        ["templates/article.html:3:24: template error: Unknown filter `shout`"]
    );
}

#[test]
fn reports_two_names_with_one_url_naming_both_sources() {
    assert_eq!(
        errors_of("person_slug_collision"),
        [
            "content/articles/second.md:5:5: `Sergéi Lavrov` and `Sergei Lavrov` (content/articles/first.md:4:10) both make the URL /people/sergei-lavrov/ (hint: if they are the same, add one name as an alias in the profile)"
        ]
    );
}

#[test]
fn reports_two_articles_with_one_url() {
    assert_eq!(
        errors_of("article_slug_collision"),
        [
            "content/articles/2024/talks.md:1:1: article URL /articles/talks/ is also made by content/articles/2023/talks.md (hint: give one of them a different `slug` in its front matter)"
        ]
    );
}

#[test]
fn reports_unknown_config_key() {
    assert_eq!(
        errors_of("bad_config"),
        ["briefing.yaml:2:1: unknown key `base_ulr` (hint: did you mean `base_url`?)"]
    );
}

#[test]
fn reports_every_problem_of_every_file_in_one_run_sorted_by_file() {
    let site = SiteTest::fixture("many_problems");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert_eq!(
        stderr,
        "\
content/articles/a-unknown-key.md:4:1: unknown key `countires` (hint: did you mean `countries`?)
content/articles/b-bad-country.md:4:13: unknown country `Untied States` (hint: did you mean United States?)
content/articles/c-bad-date.md:3:7: `2024-13-01` is not a valid date: use YYYY-MM-DD (such as 2024-04-09) or RFC 3339 (2024-04-09T14:30:00Z)
content/people/d-profile.md:3:10: unknown country `Atlantis`
templates/index.html:2:26: template error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`
error: build failed with 5 problems; the previous output was left untouched
"
    );
}

#[test]
fn a_bad_file_leaves_the_previous_output_untouched() {
    let site = SiteTest::built("good_site");
    let before = snapshot_dir(&site.public());
    site.write(
        "content/articles/talks.md",
        "---\ntitle: Talks\ndate: 2024-04-09\ncountires: [China]\n---\n",
    );
    site.build(&[]).assert_failure();
    assert_eq!(snapshot_dir(&site.public()), before);
}

#[test]
fn a_missing_site_folder_is_an_error_not_a_panic() {
    let site = SiteTest::empty();
    let outcome = site.build(&["does-not-exist"]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome
            .stderr
            .starts_with("does-not-exist: site folder not found"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn an_invalid_base_url_option_is_an_error() {
    let site = SiteTest::fixture("good_site");
    let outcome = site.build(&["--base-url", "example.org"]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome
            .stderr
            .contains("base_url `example.org` must be an http(s) URL"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn refuses_an_output_folder_that_would_replace_the_site() {
    let site = SiteTest::fixture("good_site");
    let outcome = site.build(&["--output", "."]);
    assert_eq!(outcome.code, Some(1));
    assert!(site.site.join("content/people/wang-yi.md").is_file());
    assert!(
        outcome.stderr.contains("output folder"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn invalid_utf8_names_the_file() {
    let site = SiteTest::empty();
    std::fs::create_dir_all(site.site.join("content/articles")).unwrap();
    std::fs::write(
        site.site.join("content/articles/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr
            .starts_with("content/articles/latin1.md:2:11: file is not valid UTF-8 (byte 0xe9)\n"),
        "{stderr}"
    );
}
