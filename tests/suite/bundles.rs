//! Article bundles: an article folder's files published under its URL, only those its
//! body links to, and links that would leave the bundle refused where they are written.

use crate::support::SiteTest;

const TALKS: &str = "content/articles/2024/04/talks/index.md";

#[test]
fn a_bundle_publishes_the_files_its_body_links_to_under_its_url() {
    let site = SiteTest::built("bundle");
    let files = site.output_files();
    for published in [
        "articles/talks/index.html",
        "articles/talks/chart.svg",
        "articles/talks/report.pdf",
        "articles/talks/files/figures.csv",
    ] {
        assert!(
            files.contains(&published.to_string()),
            "{published} in {files:?}"
        );
    }
    assert!(
        !files
            .iter()
            .any(|file| file.ends_with("unused.txt") || file.ends_with("index.md")),
        "files nothing links to stay out: {files:?}"
    );
    assert_eq!(
        site.read("articles/talks/chart.svg"),
        std::fs::read_to_string(site.site.join("content/articles/2024/04/talks/chart.svg"))
            .unwrap(),
        "SVG is copied as it is"
    );
    let main = site.main_of("articles/talks/index.html");
    assert!(
        main.contains(r#"<img src="/articles/talks/chart.svg" alt="Chart of the meetings""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/articles/talks/report.pdf">the report</a>"#),
        "{main}"
    );
    assert!(
        main.contains(r#"href="/articles/talks/files/figures.csv?v=2""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/articles/earlier/">another briefing</a>"#),
        "{main}"
    );
}

#[test]
fn bundle_urls_carry_the_sub_path_of_the_base_url() {
    let site = SiteTest::fixture("bundle");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let main = site.main_of("articles/talks/index.html");
    assert!(
        main.contains(r#"<img src="/briefings/articles/talks/chart.svg""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/briefings/articles/talks/report.pdf">"#),
        "{main}"
    );
    assert!(site.public().join("articles/talks/report.pdf").is_file());
}

#[test]
fn a_bundle_folder_names_the_slug_unless_front_matter_does() {
    let site = SiteTest::fixture("bundle");
    site.edit(
        TALKS,
        "title: Talks in Geneva\n",
        "title: Talks in Geneva\nslug: geneva\n",
    );
    site.build(&[]).assert_success();
    assert!(site.public().join("articles/geneva/report.pdf").is_file());
    assert!(!site.public().join("articles/talks").exists());
}

#[test]
fn check_reports_a_missing_bundle_file_where_it_is_linked() {
    let site = SiteTest::fixture("bundle");
    site.edit(TALKS, "(report.pdf)", "(missing.pdf)");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1), "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains(&format!(
            "{TALKS}:10:6: error: link to `missing.pdf` leads nowhere"
        )),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_link_out_of_the_bundle_is_refused_where_it_is_written() {
    let site = SiteTest::fixture("bundle");
    site.write("content/secret.txt", "not for the site\n");
    site.edit(TALKS, "(report.pdf)", "(../../../../secret.txt)");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains(&format!(
            "{TALKS}:10:6: `../../../../secret.txt` leads out of the bundle content/articles/2024/04/talks"
        )),
        "{stderr}"
    );
    assert!(!site.public().exists(), "nothing is written");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_the_bundle_is_refused_where_it_is_linked() {
    let site = SiteTest::fixture("bundle");
    site.write("outside/secret.txt", "not for the site\n");
    let bundle = site.site.join("content/articles/2024/04/talks");
    std::os::unix::fs::symlink(site.site.join("outside"), bundle.join("linked")).unwrap();
    site.edit(TALKS, "(report.pdf)", "(linked/secret.txt)");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains(&format!(
            "{TALKS}:10:6: `linked/secret.txt` is a symbolic link in the bundle"
        )),
        "{stderr}"
    );
}
