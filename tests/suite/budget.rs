//! A site's own template that would run forever or grow without end: `build` and
//! `check` stop within the budget of one page, name the template and the page, exit 1
//! and leave the previous output as it was.

use std::time::{Duration, Instant};

use crate::support::{Outcome, SiteTest, snapshot_dir};

/// Nested loops of 10^10 iterations over ranges, writing nothing.
pub const NESTED_RANGES: &str = "{% extends \"base.html\" %}{% block content %}\
{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}\
{% endblock content %}";

/// Nested loops of 10^10 iterations over one list, calling nothing and writing nothing:
/// nothing inside the engine notices.
pub const NESTED_LIST: &str = "{% extends \"base.html\" %}{% block content %}\
{% set numbers = range(end=100000) %}\
{% for i in numbers %}{% for j in numbers %}{% endfor %}{% endfor %}\
{% endblock content %}";

/// A string doubled 40 times: a terabyte.
pub const DOUBLED_STRING: &str = "{% extends \"base.html\" %}{% block content %}\
{% set_global text = \"x\" %}\
{% for i in range(end=40) %}{% set_global text = text ~ text %}{% endfor %}\
{{ text | length }}{% endblock content %}";

/// A kilobyte written 10^5 times: a page of 100 MB.
const HUGE_PAGE: &str = "{% extends \"base.html\" %}{% block content %}\
{% set_global text = \"x\" %}\
{% for i in range(end=10) %}{% set_global text = text ~ text %}{% endfor %}\
{% for i in range(end=100000) %}{{ text }}{% endfor %}{% endblock content %}";

/// The good site built once, then given `template` as its article template.
fn built_with_article_template(template: &str) -> (SiteTest, Vec<(String, Vec<u8>)>) {
    let site = SiteTest::built("good_site");
    let before = snapshot_dir(&site.public());
    site.write("templates/article.html", template);
    (site, before)
}

/// Runs the binary, which must stop within a few seconds of the budget.
fn run_timed(site: &SiteTest, args: &[&str]) -> Outcome {
    let started = Instant::now();
    let outcome = site.run(args);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    outcome
}

#[track_caller]
fn assert_stopped(outcome: &Outcome, reason: &str) {
    let stderr = outcome.assert_failure();
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("templates/article.html (while rendering /articles/"),
        "{stderr}"
    );
    assert!(first.ends_with(reason), "{stderr}");
    assert!(!stderr.contains("memory allocation"), "{stderr}");
}

const TOO_LONG: &str =
    "): rendering took longer than 5 s, the limit for one page (a loop that never ends?)";

#[test]
fn nested_loops_over_ranges_stop_the_build_naming_the_template_and_the_page() {
    let (site, before) = built_with_article_template(NESTED_RANGES);
    assert_stopped(&run_timed(&site, &["build"]), TOO_LONG);
    assert_eq!(snapshot_dir(&site.public()), before);
}

#[test]
fn nested_loops_that_call_nothing_stop_the_build_too() {
    let (site, before) = built_with_article_template(NESTED_LIST);
    let outcome = run_timed(&site, &["build"]);
    assert_stopped(&outcome, TOO_LONG);
    assert!(
        outcome
            .stderr
            .ends_with("error: stopped; the previous output was left untouched\n"),
        "{}",
        outcome.stderr
    );
    assert_eq!(snapshot_dir(&site.public()), before);
    // The next build, with the template fixed, is not blocked by the stopped one.
    std::fs::remove_file(site.site.join("templates/article.html")).unwrap();
    site.build(&[]).assert_success();
}

#[test]
fn nested_loops_stop_check() {
    let (site, _) = built_with_article_template(NESTED_LIST);
    assert_stopped(&run_timed(&site, &["check"]), TOO_LONG);
}

#[test]
fn a_string_doubled_forty_times_stops_the_build_instead_of_aborting() {
    let (site, before) = built_with_article_template(DOUBLED_STRING);
    let outcome = run_timed(&site, &["build"]);
    assert_stopped(
        &outcome,
        "): rendering held more than 256 MiB, the limit for one page",
    );
    assert_eq!(snapshot_dir(&site.public()), before);
    assert_stopped(
        &run_timed(&site, &["check"]),
        "): rendering held more than 256 MiB, the limit for one page",
    );
}

#[test]
fn a_page_past_the_output_limit_stops_the_build() {
    let (site, before) = built_with_article_template(HUGE_PAGE);
    assert_stopped(
        &run_timed(&site, &["build"]),
        "): the page grew past 32 MiB, the limit for one page",
    );
    assert_eq!(snapshot_dir(&site.public()), before);
}
