//! `briefing check`, mention detection, `briefing init` and `briefing new`.

use crate::support::SiteTest;

const CHECK_PROBLEMS_HUMAN: &str = "\
content/articles/2024/future.md:3:7: note: dated 2999-01-01, in the future: it is published now and listed first
content/articles/2024/other.md:11:9: error: link to `talks.md#talks-in-geneva-never`: /articles/talks/ has no heading with the id `talks-in-geneva-never`
content/articles/2024/talks.md:5:25: warning: Yuri Ushakov has no profile (hint: add content/people/yuri-ushakov.md with `name: Yuri Ushakov` so the page has a profile)
content/articles/2024/talks.md:10:11: error: link to `../2023/missing.md` leads nowhere (hint: a link to another article is its source path relative to this file, such as `../2024/talks.md`)
content/articles/2024/talks.md:10:55: error: link to `/people/nobody/` leads nowhere
content/articles/2024/talks.md:11:4: error: link to `#nowhere`: /articles/talks/ has no heading with the id `nowhere`
content/articles/2024/talks.md:11:41: error: link to `other.md#nope`: /articles/other/ has no heading with the id `nope`
content/articles/2024/talks.md:13:8: warning: mentions Wang Yi (line 13) but does not list them in `people` (hint: add `Wang Yi` to `people`, unless the mention is only in passing)
content/articles/2024/talks.md:13:49: warning: mentions China (line 13) but does not list it in `countries` (hint: add `China` to `countries`, unless the mention is only in passing)
content/people/wang-yi.md:1:1: warning: no article names Wang Yi
check: 5 errors, 4 warnings, 1 note
";

#[test]
fn check_reports_every_kind_of_problem_sorted_by_file_and_line() {
    let site = SiteTest::fixture("check_problems");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1));
    assert_eq!(outcome.stdout, CHECK_PROBLEMS_HUMAN);
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_json_gives_one_object_per_problem() {
    let site = SiteTest::fixture("check_problems");
    let outcome = site.run(&["check", "--format", "json"]);
    assert_eq!(outcome.code, Some(1));
    let problems: Vec<serde_json::Value> = outcome
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect();
    assert_eq!(problems.len(), 10);
    let mention = &problems[7];
    assert_eq!(mention["path"], "content/articles/2024/talks.md");
    assert_eq!(mention["line"], 13);
    assert_eq!(mention["column"], 8);
    assert_eq!(mention["severity"], "warning");
    assert_eq!(mention["code"], "unlisted-mention");
    assert_eq!(
        mention["message"],
        "mentions Wang Yi (line 13) but does not list them in `people`"
    );
    let codes: Vec<&str> = problems
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "future-date",
            "broken-fragment",
            "missing-profile",
            "broken-link",
            "broken-link",
            "broken-fragment",
            "broken-fragment",
            "unlisted-mention",
            "unlisted-mention",
            "unused-profile"
        ]
    );
    assert_eq!(outcome.stderr, "check: 5 errors, 4 warnings, 1 note\n");
}

#[test]
fn check_github_prints_workflow_annotations() {
    let site = SiteTest::fixture("check_problems");
    let outcome = site.run(&["check", "--format", "github"]);
    assert_eq!(outcome.code, Some(1));
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::notice file=content/articles/2024/future.md,line=3,col=7,title=future-date::dated 2999-01-01, in the future: it is published now and listed first"
    );
    assert_eq!(
        lines[4],
        "::error file=content/articles/2024/talks.md,line=10,col=55,title=broken-link::link to `/people/nobody/` leads nowhere"
    );
    assert!(lines[9].starts_with(
        "::warning file=content/people/wang-yi.md,line=1,col=1,title=unused-profile::"
    ));
}

#[test]
fn check_exits_zero_on_warnings_unless_strict() {
    let site = SiteTest::fixture("good_site");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stdout);
    assert!(
        outcome
            .stdout
            .ends_with("check: 0 errors, 3 warnings, 0 notes\n")
    );
    assert_eq!(site.run(&["check", "--strict"]).code, Some(1));
}

#[test]
fn check_reports_what_build_rejects_too() {
    let site = SiteTest::fixture("many_problems");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1));
    assert!(outcome.stdout.starts_with(
        "content/articles/a-unknown-key.md:4:1: error: unknown key `countires` (hint: did you mean `countries`?)\n"
    ));
    assert!(
        outcome
            .stdout
            .ends_with("check: 5 errors, 0 warnings, 0 notes\n")
    );

    let collision = SiteTest::fixture("article_slug_collision").run(&["check", "--format", "json"]);
    assert!(
        collision.stdout.contains("\"code\":\"url-collision\""),
        "{}",
        collision.stdout
    );
}

#[test]
fn the_example_site_is_clean() {
    let site = SiteTest::example_site();
    let outcome = site.run(&["check", "--strict"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stdout);
    assert_eq!(outcome.stdout, "check: no problems\n");
}

#[test]
fn the_seed_briefing_mentions_every_listed_entity_and_links_each_once() {
    let site = SiteTest::example_site();
    site.build(&[]).assert_success();
    let page = site.main_of("articles/xi-jinping-receives-sergey-lavrov/index.html");
    let body = &page[page.find("data-pagefind-body").unwrap()..];
    for (link, name) in [
        ("/people/xi-jinping/", "Xi Jinping"),
        ("/people/sergey-lavrov/", "Sergey Lavrov"),
        ("/people/vladimir-putin/", "Vladimir Putin"),
        ("/people/wang-yi/", "Wang Yi"),
        ("/countries/ukraine/", "Ukraine"),
        ("/countries/switzerland/", "Switzerland"),
        ("/countries/united-states/", "United States"),
        ("/countries/china/", "China"),
        ("/countries/russia/", "Russia"),
    ] {
        let anchor = format!("<a href=\"{link}\">{name}</a>");
        assert_eq!(
            body.matches(&anchor).count(),
            1,
            "{anchor} should be linked once"
        );
    }
}

#[test]
fn mentions_inside_code_links_headings_or_longer_words_are_not_linked() {
    let site = SiteTest::built("check_problems");
    let page = site.main_of("articles/talks/index.html");
    assert!(page.contains("<a href=\"/people/sergey-lavrov/\">Sergey Lavrov</a> met officials"));
    assert!(page.contains("<code>Wang Yi</code>"));
    assert!(page.contains("<a href=\"https://example.org/lavrov\">Lavrov</a>"));
    assert!(page.contains("in Chinatown, a Chinese district"));
    // Wang Yi is mentioned but not listed: not linked in the text, shown as "Mentioned".
    assert!(page.contains("Later, Wang Yi joined"));
    let mentioned = &page[page.find("<dt>Mentioned</dt>").expect("a Mentioned list")..];
    assert!(mentioned.contains("<a href=\"/people/wang-yi/\">Wang Yi</a>"));
    // Links written as source paths become site URLs.
    assert!(page.contains("<a href=\"/articles/other/#background\">the earlier meeting</a>"));
}

#[test]
fn link_mentions_can_be_turned_off() {
    let site = SiteTest::example_site();
    site.write("briefing.yaml", "link_mentions: false\n");
    site.build(&[]).assert_success();
    let page = site.main_of("articles/xi-jinping-receives-sergey-lavrov/index.html");
    let body = &page[page.find("data-pagefind-body").unwrap()..];
    // The body only: the tags below it link to their pages.
    let body = &body[..body.find("</div>").unwrap()];
    assert!(!body.contains("<a href"), "{body}");
}

#[test]
fn init_writes_a_site_that_checks_clean_and_builds() {
    let site = SiteTest::empty();
    let outcome = site.run(&["init", "new-site"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    let new_site = site.site.join("new-site");
    assert!(new_site.join("briefing.yaml").is_file());
    assert!(
        new_site
            .join("content/people/antonio-guterres.md")
            .is_file()
    );
    assert!(new_site.join("static").is_dir());
    assert!(new_site.join("templates/README.md").is_file());
    let check = site.run(&["check", "--strict", "new-site"]);
    assert_eq!(check.stdout, "check: no problems\n");
    site.run(&["build", "new-site"]).assert_success();
    assert!(
        new_site
            .join("public/people/antonio-guterres/index.html")
            .is_file()
    );
    let articles = new_site.join("content/articles");
    let chart = crate::support::list_files(&articles)
        .into_iter()
        .find(|file| file.ends_with("/welcome/chart.png"))
        .expect("init writes an example image beside its article");
    let chart = std::fs::read(articles.join(chart)).unwrap();
    assert!(
        chart.len() < 8_000,
        "the example image is small: {} bytes",
        chart.len()
    );
    let welcome = new_site.join("public/articles/welcome");
    assert_eq!(
        image::image_dimensions(welcome.join("chart-960w.png")).unwrap(),
        (960, 480)
    );
    assert!(
        std::fs::read_to_string(welcome.join("index.html"))
            .unwrap()
            .contains("<figure><img")
    );
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced() {
    let site = SiteTest::empty();
    site.write("notes.txt", "mine");
    let outcome = site.run(&["init"]);
    assert_eq!(outcome.code, Some(1));
    assert!(
        outcome
            .stderr
            .contains("the folder is not empty; use --force"),
        "{}",
        outcome.stderr
    );
    assert!(!site.site.join("briefing.yaml").exists());
    assert_eq!(site.run(&["init", "--force"]).code, Some(0));
    assert_eq!(
        std::fs::read_to_string(site.site.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn new_writes_an_article_that_builds_and_never_overwrites_one() {
    let site = SiteTest::empty();
    let outcome = site.run(&[
        "new",
        "Talks in Geneva: day one",
        "--country",
        "Switzerland",
        "--country",
        "UA",
        "--person",
        "Sergey Lavrov",
    ]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    let year = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .year();
    let path = format!("content/articles/{year}/talks-in-geneva-day-one.md");
    assert_eq!(outcome.stdout, format!("{path}\n"));
    let text = std::fs::read_to_string(site.site.join(&path)).unwrap();
    assert!(text.starts_with("---\ntitle: \"Talks in Geneva: day one\"\ndate: "));
    assert!(text.contains("countries: [\"Switzerland\", \"UA\"]\npeople: [\"Sergey Lavrov\"]\n"));
    site.build(&[]).assert_success();
    assert!(
        site.read("countries/ukraine/index.html")
            .contains("Talks in Geneva: day one")
    );

    let again = site.run(&["new", "Talks in Geneva: day one"]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert_eq!(
        again.stdout,
        format!("content/articles/{year}/talks-in-geneva-day-one-2.md\n"),
        "a free slug, the first file untouched"
    );
    assert!(std::fs::read_to_string(site.site.join(&path)).unwrap() == text);
}

#[test]
fn check_reports_a_config_error_in_every_format() {
    let site = SiteTest::fixture("bad_config");
    let human = site.run(&["check"]);
    assert_eq!(human.code, Some(1));
    assert_eq!(
        human.stdout,
        "briefing.yaml:2:1: error: unknown key `base_ulr` (hint: did you mean `base_url`?)\n\
         check: 1 error, 0 warnings, 0 notes\n"
    );
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.code, Some(1));
    let problem: serde_json::Value =
        serde_json::from_str(json.stdout.trim()).expect("one JSON line");
    assert_eq!(problem["path"], "briefing.yaml");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(problem["code"], "unknown-key");
    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(github.code, Some(1));
    assert!(
        github.stdout.starts_with(
            "::error file=briefing.yaml,line=2,col=1,title=unknown-key::unknown key `base_ulr`"
        ),
        "{}",
        github.stdout
    );
}

#[test]
fn check_reports_a_template_that_is_not_utf8_at_its_first_bad_byte() {
    let site = SiteTest::fixture("good_site");
    std::fs::create_dir_all(site.site.join("templates")).unwrap();
    std::fs::write(
        site.site.join("templates/base.html"),
        b"<p>\n<p>ok \xff</p>\n",
    )
    .unwrap();
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.code, Some(1));
    let problem: serde_json::Value =
        serde_json::from_str(json.stdout.trim()).expect("one JSON line");
    assert_eq!(problem["path"], "templates/base.html");
    assert_eq!(
        (problem["line"].as_u64(), problem["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(problem["code"], "not-utf8");
    let human = site.run(&["check"]);
    assert!(
        human
            .stdout
            .starts_with("templates/base.html:2:7: error: file is not valid UTF-8"),
        "{}",
        human.stdout
    );
}

#[test]
fn an_unknown_country_in_one_file_keeps_the_warnings_of_the_others() {
    let site = SiteTest::fixture("check_problems");
    site.write(
        "content/articles/2024/typo.md",
        "---\ntitle: Typo\ndate: 2024-01-01\ncountries: [Ukriane]\n---\nText.\n",
    );
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1));
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert!(
        lines.contains(&"content/articles/2024/typo.md:4:13: error: unknown country `Ukriane` (hint: did you mean Ukraine?)"),
        "{}",
        outcome.stdout
    );
    for warning in CHECK_PROBLEMS_HUMAN
        .lines()
        .filter(|line| line.contains(": warning: mentions"))
    {
        assert!(
            lines.contains(&warning),
            "{warning} missing from\n{}",
            outcome.stdout
        );
    }
}
