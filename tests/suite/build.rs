//! `briefing build` on good sites: the pages it writes and the promises it keeps.

use crate::support::{Outcome, SiteTest, list_files, snapshot_dir};

#[test]
fn writes_every_page_of_the_site_and_nothing_else() {
    let site = SiteTest::built("good_site");
    assert_eq!(
        site.output_files(),
        [
            "404.html",
            "archive/2022/index.html",
            "archive/2023/index.html",
            "archive/2024/index.html",
            "archive/index.html",
            "articles/abidjan-trade-talks/index.html",
            "articles/lavrov-in-beijing/index.html",
            "articles/peace-conference/index.html",
            "articles/us-china/index.html",
            "articles/windows/index.html",
            "atom.xml",
            "countries/china/atom.xml",
            "countries/china/index.html",
            "countries/china/index.json",
            "countries/cote-d-ivoire/atom.xml",
            "countries/cote-d-ivoire/index.html",
            "countries/cote-d-ivoire/index.json",
            "countries/index.html",
            "countries/index.json",
            "countries/russia/atom.xml",
            "countries/russia/index.html",
            "countries/russia/index.json",
            "countries/switzerland/atom.xml",
            "countries/switzerland/index.html",
            "countries/switzerland/index.json",
            "countries/ukraine/atom.xml",
            "countries/ukraine/index.html",
            "countries/ukraine/index.json",
            "countries/united-kingdom/atom.xml",
            "countries/united-kingdom/index.html",
            "countries/united-kingdom/index.json",
            "countries/united-states/atom.xml",
            "countries/united-states/index.html",
            "countries/united-states/index.json",
            "favicon.svg",
            "images/logo.txt",
            "index.html",
            "people/alassane-ouattara/atom.xml",
            "people/alassane-ouattara/index.html",
            "people/alassane-ouattara/index.json",
            "people/index.html",
            "people/index.json",
            "people/mariia-zakharova/atom.xml",
            "people/mariia-zakharova/index.html",
            "people/mariia-zakharova/index.json",
            "people/sergey-lavrov/atom.xml",
            "people/sergey-lavrov/index.html",
            "people/sergey-lavrov/index.json",
            "people/wang-yi/atom.xml",
            "people/wang-yi/index.html",
            "people/wang-yi/index.json",
            "people/xi-jinping/atom.xml",
            "people/xi-jinping/index.html",
            "people/xi-jinping/index.json",
            "robots.txt",
            "search.js",
            "search/articles/0.json",
            "search/index.html",
            "search/index.json",
            "search/words/0.json",
            "sitemap.xml",
            "style.css",
            "tags/diplomacy/atom.xml",
            "tags/diplomacy/index.html",
            "tags/index.html",
        ]
    );
}

#[test]
fn prints_a_one_line_summary() {
    let site = SiteTest::fixture("good_site");
    let outcome = site.build(&[]);
    outcome.assert_success();
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", outcome.stdout);
    assert!(
        lines[0].starts_with("Built 28 pages and 37 other files (5 articles) into ./public in "),
        "{}",
        lines[0]
    );
    assert!(outcome.stderr.is_empty(), "{}", outcome.stderr);
}

#[test]
fn drafts_are_built_only_when_asked_for() {
    let site = SiteTest::built("good_site");
    assert!(!site.public().join("articles/unfinished").exists());
    assert!(!site.public().join("countries/france").exists());

    site.build(&["--drafts"]).assert_success();
    assert!(
        site.read("articles/unfinished/index.html")
            .contains("An unfinished draft")
    );
    assert!(site.read("countries/france/index.html").contains("France"));
}

#[test]
fn every_spelling_of_a_country_lands_on_one_page() {
    let site = SiteTest::built("good_site");
    // "USA" and "United States of America"; "China", "CN" and "PRC".
    let united_states = site.main_of("countries/united-states/index.html");
    assert!(united_states.contains("Trade talks in Abidjan"));
    assert!(united_states.contains("US and China resume talks"));
    let china = site.main_of("countries/china/index.html");
    for title in [
        "Xi receives Lavrov in Beijing",
        "Switzerland prepares a peace conference",
        "US and China resume talks",
    ] {
        assert!(china.contains(title), "{title} missing from China's page");
    }
    // "Ivory Coast" is Côte d'Ivoire.
    let ivory_coast = site.main_of("countries/cote-d-ivoire/index.html");
    assert!(
        ivory_coast.contains(
            "<h1><span class=\"country-code\" aria-hidden=\"true\">CI</span> Côte d&#39;Ivoire</h1>"
        ),
        "{ivory_coast}"
    );
    assert!(ivory_coast.contains("Trade talks in Abidjan"));
}

#[test]
fn country_pages_show_code_region_codes_and_notes() {
    let site = SiteTest::built("good_site");
    let china = site.main_of("countries/china/index.html");
    assert!(china.contains("<span class=\"country-code\" aria-hidden=\"true\">CN</span>"));
    assert!(china.contains("Asia"));
    assert!(china.contains(">CN<") && china.contains(">CHN<"), "{china}");
    assert!(china.contains("A note on China."));
}

#[test]
fn people_resolve_through_profile_names_and_aliases() {
    let site = SiteTest::built("good_site");
    // "Lavrov" in one article and "Сергей Лавров" in another are the same person.
    let lavrov = site.main_of("people/sergey-lavrov/index.html");
    assert!(lavrov.contains("Xi receives Lavrov in Beijing"));
    assert!(lavrov.contains("Switzerland prepares a peace conference"));
    assert!(lavrov.contains("Foreign Minister of Russia"));
    assert!(lavrov.contains("Russia's foreign minister since 2004."));
    assert!(lavrov.contains("href=\"/countries/russia/\""));
    // A person without a profile gets a page under the name as written.
    let zakharova = site.main_of("people/mariia-zakharova/index.html");
    assert!(zakharova.contains("Мария Захарова"));
}

#[test]
fn entity_pages_list_articles_newest_first() {
    let site = SiteTest::built("good_site");
    let wang = site.main_of("people/wang-yi/index.html");
    let newest = wang
        .find("Switzerland prepares a peace conference")
        .unwrap();
    let middle = wang.find("Xi receives Lavrov in Beijing").unwrap();
    let oldest = wang.find("US and China resume talks").unwrap();
    assert!(newest < middle && middle < oldest, "{wang}");
}

#[test]
fn entity_pages_show_who_appears_with_them_and_how_often() {
    let site = SiteTest::built("good_site");
    let wang = site.main_of("people/wang-yi/index.html");
    let appears = &wang[wang.find("Appears with").unwrap()..wang.find("id=\"briefings\"").unwrap()];
    assert!(
        appears.contains("<title>Sergey Lavrov: 2 shared briefings</title>"),
        "{appears}"
    );
    assert!(
        appears.contains("<title>China: 3 shared briefings</title>"),
        "{appears}"
    );
    assert!(!appears.contains(">Wang Yi<"), "never appears with itself");
}

#[test]
fn home_lists_latest_articles_and_most_covered_entities() {
    let site = SiteTest::built("good_site");
    let home = site.main_of("index.html");
    let first = home
        .find("Switzerland prepares a peace conference")
        .unwrap();
    let last = home.find("Written on Windows").unwrap();
    assert!(first < last);
    let covered = &home[home.find("Most covered").unwrap()..];
    // China: 3 briefings, the most of any country; Wang Yi: 3, the most of any person.
    let china = covered
        .find(">China</a>")
        .or_else(|| covered.find("China</a>"))
        .unwrap();
    let ukraine = covered.find("Ukraine</a>").unwrap();
    assert!(china < ukraine);
    assert!(covered.contains("Wang Yi</a> <span class=\"count\">3 briefings"));
}

#[test]
fn list_pages_show_every_entity_with_its_count() {
    let site = SiteTest::built("good_site");
    let people = site.main_of("people/index.html");
    assert!(people.contains("Wang Yi</a> <span class=\"count\">3 briefings"));
    assert!(people.contains("Xi Jinping</a> <span class=\"count\">1 briefing<"));
    let countries = site.main_of("countries/index.html");
    assert!(countries.contains("United Kingdom</a> <span class=\"count\">1 briefing<"));
}

#[test]
fn article_pages_link_their_countries_and_people() {
    let site = SiteTest::built("good_site");
    let article = site.main_of("articles/lavrov-in-beijing/index.html");
    assert!(article.contains("href=\"/countries/russia/\""));
    assert!(article.contains("href=\"/people/sergey-lavrov/\""));
    assert!(article.contains("<time datetime=\"2024-04-09\">9 April 2024</time>"));
    assert!(article.contains("href=\"https://example.org/wire/1\">Example Wire</a>"));
    assert!(article.contains("<h2 id=\"background\">Background</h2>"));
}

#[test]
fn accepts_byte_order_mark_and_crlf_line_endings() {
    let site = SiteTest::built("good_site");
    let article = site.main_of("articles/windows/index.html");
    assert!(article.contains("<h1>Written on Windows</h1>"));
    assert!(article.contains("Saved with CRLF line endings"));
}

#[test]
fn summaries_fall_back_to_the_first_paragraph_as_plain_text() {
    let site = SiteTest::built("good_site");
    let switzerland = site.main_of("countries/switzerland/index.html");
    assert!(switzerland.contains(
        "<p>Switzerland discussed the conference with China. Russia was not invited. Сергей Лавров and Мария Захарова spoke for Moscow.</p>"
    ));
    assert!(!switzerland.contains("A second paragraph"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = SiteTest::fixture("good_site");
    let first = site.site.join("first");
    let second = site.site.join("second");
    site.build(&["--output", "first"]).assert_success();
    site.build(&["--output", "second"]).assert_success();
    assert_eq!(snapshot_dir(&first), snapshot_dir(&second));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::built("good_site");
    let before = snapshot_dir(&site.public());

    site.write(
        "content/articles/2024/broken.md",
        "---\ntitle: Broken\ndate: 2024-02-30\n---\n",
    );
    site.build(&[]).assert_failure();
    assert_eq!(snapshot_dir(&site.public()), before);
    let leftovers: Vec<String> = std::fs::read_dir(&site.site)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.starts_with('.')
                && ![".public.manifest", ".public.lock", ".public.cache"].contains(&name.as_str())
        })
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn a_successful_build_removes_pages_that_no_longer_exist() {
    let site = SiteTest::built("good_site");
    std::fs::remove_file(site.site.join("content/articles/2023/abidjan.md")).unwrap();
    site.build(&[]).assert_success();
    assert!(!site.public().join("articles/abidjan-trade-talks").exists());
    assert!(!site.public().join("people/alassane-ouattara").exists());
}

#[test]
fn links_honour_a_sub_path_base_url() {
    let site = SiteTest::fixture("good_site");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let mut checked = 0;
    for file in site.output_files().iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(file);
        for attribute in ["href=\"", "src=\""] {
            for (position, _) in html.match_indices(attribute) {
                let value = &html[position + attribute.len()..];
                let value = &value[..value.find('"').unwrap()];
                if value.starts_with('/') {
                    assert!(
                        value.starts_with("/briefings/"),
                        "{file}: link {value} escapes the sub-path"
                    );
                    checked += 1;
                }
            }
        }
        // The 404 page, served at any address, names no canonical URL.
        if file != "404.html" {
            assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/briefings/"));
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn output_option_writes_elsewhere_and_leaves_public_alone() {
    let site = SiteTest::fixture("good_site");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("out");
    site.build(&["--output", target.to_str().unwrap()])
        .assert_success();
    assert!(!site.public().exists());
    assert!(list_files(&target).contains(&"index.html".to_string()));
}

#[test]
fn site_dir_argument_builds_another_folder() {
    let site = SiteTest::fixture("good_site");
    let outcome = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", site.site.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(outcome.status.success());
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn a_site_template_replaces_the_builtin_one() {
    let site = SiteTest::fixture("good_site");
    site.write(
        "templates/person.html",
        "{% extends \"base.html\" %}{% block content %}<p>Custom: {{ entity.name }}</p>{% endblock content %}",
    );
    site.build(&[]).assert_success();
    assert!(
        site.main_of("people/wang-yi/index.html")
            .contains("<p>Custom: Wang Yi</p>")
    );
    assert!(
        site.main_of("countries/china/index.html")
            .contains("A note on China.")
    );
}

#[test]
fn raw_html_is_sanitised_and_values_are_escaped() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/hostile.md",
        "---\ntitle: \"AT&T <script>alert(1)</script>\"\ndate: 2024-01-01\n---\n<script>alert(2)</script>\n\n<img src=x onerror=\"alert(3)\">\n\n[x](javascript:alert(4))\n",
    );
    site.build(&[]).assert_success();
    let page = site.read("articles/hostile/index.html");
    assert!(page.contains("AT&amp;T &lt;script&gt;"), "title is escaped");
    // The one script element is the page's JSON-LD, whose text escapes every `<`.
    let page = page.replacen("<script type=\"application/ld+json\">", "", 1);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("onerror"));
    assert!(!page.contains("javascript:"));
}

#[test]
fn unsafe_html_lets_raw_html_through_when_the_site_opts_in() {
    let site = SiteTest::empty();
    site.write("briefing.yaml", "unsafe_html: true\n");
    site.write(
        "content/articles/embed.md",
        "---\ntitle: Embed\ndate: 2024-01-01\n---\n<figure class=\"chart\">chart</figure>\n",
    );
    site.build(&[]).assert_success();
    assert!(
        site.read("articles/embed/index.html")
            .contains("<figure class=\"chart\">chart</figure>")
    );
}

#[test]
fn the_example_site_builds() {
    let site = SiteTest::example_site();
    site.build(&[]).assert_success();
    let article = site.main_of("articles/xi-jinping-receives-sergey-lavrov/index.html");
    for link in [
        "/countries/china/",
        "/countries/russia/",
        "/countries/ukraine/",
        "/countries/switzerland/",
        "/countries/united-states/",
        "/people/xi-jinping/",
        "/people/sergey-lavrov/",
        "/people/vladimir-putin/",
        "/people/wang-yi/",
    ] {
        assert!(
            article.contains(&format!("href=\"{link}\"")),
            "{link} missing"
        );
    }
}

#[test]
fn an_empty_site_builds_a_home_page() {
    let site = SiteTest::empty();
    site.build(&[]).assert_success();
    assert!(site.main_of("index.html").contains("No briefings yet."));
}

#[test]
fn a_build_killed_part_way_leaves_the_previous_output_untouched() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/first.md",
        "---\ntitle: First\ndate: 2024-01-01\n---\nBody.\n",
    );
    site.build(&[]).assert_success();
    // A second build keeps the first output beside the new one: the killed build
    // stages into it.
    site.write(
        "content/articles/first.md",
        "---\ntitle: First talks\ndate: 2024-01-01\n---\nBody.\n",
    );
    site.build(&[]).assert_success();
    assert!(site.site.join(".public.previous").is_dir());
    let before = snapshot_dir(&site.public());

    // Enough pages that the build is still writing when it is killed.
    let paragraph = "Officials met in Geneva to discuss the conference. ".repeat(40);
    for number in 0..3000 {
        site.write(
            &format!("content/articles/bulk/{number}.md"),
            &format!(
                "---\ntitle: Bulk {number}\ndate: 2024-02-01\ncountries: [CH, UA]\npeople: [Person {}]\n---\n{paragraph}\n\n{paragraph}\n",
                number % 50
            ),
        );
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(&site.site)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staging = site.site.join(".public.staging");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !staging.join("articles").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build finished before it could be killed"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "no staging folder appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(snapshot_dir(&site.public()), before);

    // The next build cleans up and succeeds, with the site a build from nothing makes.
    site.build(&[]).assert_success();
    assert!(!staging.exists());
    assert!(site.read("articles/0/index.html").contains("Bulk 0"));
    site.build(&["--output", "cold", "--cache-dir", "cold-cache"])
        .assert_success();
    assert_eq!(
        snapshot_dir(&site.public()),
        snapshot_dir(&site.site.join("cold"))
    );
}

#[test]
fn a_second_build_with_nothing_changed_rewrites_nothing() {
    use std::os::unix::fs::MetadataExt;
    let site = SiteTest::built("good_site");
    let stamps = |site: &SiteTest| -> Vec<(String, u64, i64)> {
        site.output_files()
            .into_iter()
            .map(|file| {
                let metadata = std::fs::metadata(site.public().join(&file)).unwrap();
                (file, metadata.ino(), metadata.mtime_nsec())
            })
            .collect()
    };
    let before = stamps(&site);
    // Forced: a build whose inputs had settled would stop before writing at all.
    let outcome = site.build(&["--force"]);
    outcome.assert_success();
    assert!(
        outcome
            .stdout
            .contains(&format!("{} unchanged)", before.len())),
        "{}",
        outcome.stdout
    );
    assert_eq!(stamps(&site), before, "same files, same inodes, same times");

    // One changed article rewrites its own page and the pages that list it, no more.
    site.edit(
        "content/articles/2022/windows.md",
        "Written on Windows",
        "Written on Linux",
    );
    site.build(&[]).assert_success();
    let after = stamps(&site);
    let rewritten: Vec<&str> = after
        .iter()
        .zip(&before)
        .filter(|(new, old)| new != old)
        .map(|(new, _)| new.0.as_str())
        .collect();
    assert!(rewritten.contains(&"articles/windows/index.html"));
    assert!(rewritten.contains(&"search/words/0.json"), "{rewritten:?}");
    assert!(
        !rewritten.contains(&"people/wang-yi/index.html"),
        "{rewritten:?}"
    );
    assert!(rewritten.len() < after.len() / 2, "{rewritten:?}");
}

/// How many files a build's summary says it kept rather than wrote.
fn unchanged_count(stdout: &str) -> usize {
    let (before, _) = stdout
        .split_once(" unchanged)")
        .unwrap_or_else(|| panic!("{stdout}"));
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn with_the_output_deleted_and_the_cache_kept_unchanged_pages_come_from_the_cache() {
    let site = SiteTest::built("good_site");
    let before = snapshot_dir(&site.public());
    let pages = before
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .count();
    // As on a CI runner that restored only the cache.
    std::fs::remove_dir_all(site.public()).unwrap();
    std::fs::remove_file(site.site.join(".public.manifest")).unwrap();
    site.edit(
        "content/articles/2022/windows.md",
        "Written on Windows",
        "Written on Linux",
    );
    let outcome = site.build(&[]);
    outcome.assert_success();
    assert!(
        unchanged_count(&outcome.stdout) > pages / 2,
        "{}",
        outcome.stdout
    );

    let cold = SiteTest::fixture("good_site");
    cold.edit(
        "content/articles/2022/windows.md",
        "Written on Windows",
        "Written on Linux",
    );
    cold.build(&[]).assert_success();
    assert_eq!(snapshot_dir(&site.public()), snapshot_dir(&cold.public()));
}

#[test]
fn a_page_written_in_place_in_the_output_is_never_put_back_from_the_cache() {
    let site = SiteTest::built("good_site");
    let page = site.public().join("people/wang-yi/index.html");
    let built = std::fs::read(&page).unwrap();
    // In place: the cache's copy is the same file.
    let mut file = std::fs::File::options()
        .write(true)
        .truncate(true)
        .open(&page)
        .unwrap();
    std::io::Write::write_all(&mut file, b"edited in place").unwrap();
    drop(file);
    std::fs::remove_dir_all(site.public()).unwrap();
    std::fs::remove_file(site.site.join(".public.manifest")).unwrap();
    site.build(&[]).assert_success();
    assert_eq!(std::fs::read(&page).unwrap(), built);
}

#[test]
fn a_build_with_nothing_changed_stops_before_building() {
    let site = SiteTest::fixture("good_site");
    let up_to_date = |outcome: &Outcome| outcome.stdout.contains("is up to date");
    // Inputs changed less than a second ago are not trusted to have settled.
    let first = site.build(&[]);
    first.assert_success();
    assert!(!up_to_date(&first), "{}", first.stdout);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build(&[]).assert_success();
    let before = snapshot_dir(&site.public());

    let again = site.build(&[]);
    again.assert_success();
    assert!(up_to_date(&again), "{}", again.stdout);
    assert!(
        again.stdout.contains("pages and") && again.stdout.contains("articles)"),
        "{}",
        again.stdout
    );
    assert_eq!(snapshot_dir(&site.public()), before);

    // Anything that would make the output differ means a full build.
    let forced = site.build(&["--force"]);
    assert!(!up_to_date(&forced), "{}", forced.stdout);
    assert!(up_to_date(&site.build(&[])));

    let drafts = site.build(&["--drafts"]);
    assert!(!up_to_date(&drafts), "{}", drafts.stdout);
    site.build(&[]).assert_success();
    assert!(up_to_date(&site.build(&[])));

    std::fs::write(site.public().join("index.html"), "edited by hand").unwrap();
    let repaired = site.build(&[]);
    assert!(!up_to_date(&repaired), "{}", repaired.stdout);
    assert_eq!(snapshot_dir(&site.public()), before);
    assert!(up_to_date(&site.build(&[])));

    std::fs::write(site.public().join("stray.html"), "not built").unwrap();
    let cleaned = site.build(&[]);
    assert!(!up_to_date(&cleaned), "{}", cleaned.stdout);
    assert!(!site.public().join("stray.html").exists());

    site.edit(
        "content/articles/2022/windows.md",
        "Written on Windows",
        "Written on Linux",
    );
    let rebuilt = site.build(&[]);
    assert!(!up_to_date(&rebuilt), "{}", rebuilt.stdout);
    assert!(
        site.read("articles/windows/index.html")
            .contains("Written on Linux")
    );
}

#[test]
fn countries_are_marked_by_their_iso_code_not_an_emoji_flag() {
    // Emoji flags are boxes where no colour-emoji font is installed and two letters on
    // Windows: the theme shows the ISO code in a badge, which renders everywhere.
    let site = SiteTest::built("good_site");
    let regional_indicator = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    for file in site
        .output_files()
        .iter()
        .filter(|file| file.ends_with(".html"))
    {
        let html = site.read(file);
        assert!(
            !html.contains(regional_indicator),
            "{file} has an emoji flag"
        );
    }
    let badge = "<span class=\"country-code\" aria-hidden=\"true\">CN</span> <a href=\"/countries/china/\">China</a>";
    for page in [
        "index.html",
        "countries/index.html",
        "articles/lavrov-in-beijing/index.html",
    ] {
        assert!(
            site.main_of(page).contains(badge),
            "{page} has no badge for China"
        );
    }
    let lavrov = site.main_of("people/sergey-lavrov/index.html");
    assert!(lavrov.contains("<span class=\"country-code\" aria-hidden=\"true\">RU</span> <a href=\"/countries/russia/\">Russia</a>"), "{lavrov}");
}

#[test]
fn the_cache_of_bodies_is_written_again_only_when_a_body_changed() {
    use std::os::unix::fs::MetadataExt;
    let site = SiteTest::built("good_site");
    let bodies = site.site.join(".public.cache/bodies.bin");
    let file = || {
        let metadata = std::fs::metadata(&bodies).unwrap();
        (metadata.ino(), metadata.mtime_nsec(), metadata.len())
    };
    let first = file();
    site.edit(
        "content/articles/2022/windows.md",
        "title: Written on Windows",
        "title: Retitled on Windows",
    );
    site.build(&[]).assert_success();
    assert_eq!(file(), first, "a new title renders no body");
    assert!(
        site.read("articles/windows/index.html")
            .contains("Retitled")
    );

    site.edit(
        "content/articles/2022/windows.md",
        "Saved with CRLF",
        "Saved with LF",
    );
    site.build(&[]).assert_success();
    let edited = file();
    assert_ne!(edited, first, "a body edited is a body rendered");

    std::fs::remove_file(site.site.join("content/articles/2022/windows.md")).unwrap();
    site.build(&[]).assert_success();
    assert_ne!(file(), edited, "a body gone is a body left out");
    // What it holds serves the next build as a cold build's would.
    site.write(
        "content/articles/2022/later.md",
        "---\ntitle: Later\ndate: 2022-05-01\n---\nLater.\n",
    );
    site.build(&[]).assert_success();
    let cold = SiteTest::fixture("good_site");
    std::fs::remove_file(cold.site.join("content/articles/2022/windows.md")).unwrap();
    cold.write(
        "content/articles/2022/later.md",
        "---\ntitle: Later\ndate: 2022-05-01\n---\nLater.\n",
    );
    cold.build(&[]).assert_success();
    assert_eq!(snapshot_dir(&site.public()), snapshot_dir(&cold.public()));
}

#[test]
fn a_body_left_unread_is_read_when_it_must_be_rendered_again() {
    let site = SiteTest::empty();
    let first = "---\ntitle: First talks\ndate: 2024-01-01\nslug: first\n---\nBody.\n";
    site.write("content/articles/first.md", first);
    site.write(
        "content/articles/second.md",
        "---\ntitle: Second talks\ndate: 2024-01-02\n---\nAfter [the first](first.md).\n",
    );
    // Once the files have settled, a build records their stamps, and the next leaves
    // the bodies of files it finds unchanged unread.
    std::thread::sleep(briefing::inputs::SETTLE_TIME + std::time::Duration::from_millis(100));
    site.build(&[]).assert_success();
    assert!(
        site.read("articles/second/index.html")
            .contains("href=\"/articles/first/\"")
    );

    // The second file is unchanged, but its body's link leads elsewhere now.
    site.write(
        "content/articles/first.md",
        &first.replace("slug: first", "slug: opening"),
    );
    site.build(&[]).assert_success();
    let second = site.read("articles/second/index.html");
    assert!(second.contains("href=\"/articles/opening/\""), "{second}");

    let cold = SiteTest::empty();
    for file in ["content/articles/first.md", "content/articles/second.md"] {
        cold.write(
            file,
            &std::fs::read_to_string(site.site.join(file)).unwrap(),
        );
    }
    cold.build(&[]).assert_success();
    assert_eq!(snapshot_dir(&site.public()), snapshot_dir(&cold.public()));
}

#[test]
fn an_error_in_a_file_left_unread_names_the_file_where_the_name_is_written() {
    let site = SiteTest::empty();
    let note = "---\naliases: [Blighty]\n---\nNotes.\n";
    site.write("content/countries/united-kingdom.md", note);
    let article = "---\ntitle: Talks\ndate: 2024-01-01\ncountries: [France, Blighty]\n---\nBody.\n";
    site.write("content/articles/talks.md", article);
    std::thread::sleep(briefing::inputs::SETTLE_TIME + std::time::Duration::from_millis(100));
    site.build(&[]).assert_success();

    // The article is left unread, taken from the cache, whose locations keep no path.
    std::fs::remove_file(site.site.join("content/countries/united-kingdom.md")).unwrap();
    let kept = site.build(&[]).assert_failure().to_string();
    let cold = SiteTest::empty();
    cold.write("content/articles/talks.md", article);
    let fresh = cold.build(&[]).assert_failure().to_string();
    let located = |stderr: &str| -> Vec<String> {
        let lines = stderr.lines().filter(|line| line.contains("Blighty"));
        lines.map(str::to_string).collect()
    };
    assert_eq!(located(&kept), located(&fresh));
    assert!(
        located(&kept)
            .iter()
            .any(|line| line.contains("content/articles/talks.md:4:21")),
        "{kept}"
    );
}
