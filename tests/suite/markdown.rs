//! Markdown bodies through the real binary: ids, NUL bytes, site URLs under a sub-path,
//! and the links `check` verifies or reports as dropped.

use crate::support::SiteTest;

fn article(front_matter: &str, body: &str) -> String {
    format!("---\ntitle: A test\ndate: 2024-05-02\n{front_matter}---\n{body}")
}

#[test]
fn twenty_thousand_identical_headings_get_distinct_ids() {
    let site = SiteTest::empty();
    let body = "## Same\n\nText.\n\n".repeat(20_000) + "## Same-1 {#same-1}\n";
    site.write("content/articles/same.md", &article("", &body));
    site.build(&[]).assert_success();
    let page = site.read("articles/same/index.html");
    let ids: Vec<&str> = page
        .match_indices("<h2 id=\"")
        .map(|(at, marker)| {
            let rest = &page[at + marker.len()..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect();
    assert_eq!(ids.len(), 20_001);
    assert_eq!(ids[0], "same");
    // The written id is kept, so the generated ones step over it.
    assert_eq!(ids[1], "same-2");
    assert_eq!(ids[19_999], "same-20000");
    assert_eq!(ids[20_000], "same-1");
    let distinct: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), ids.len(), "every id is unique");
}

#[test]
fn a_nul_in_a_body_becomes_the_replacement_character_everywhere() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/nul.md",
        &article("", "Before\0after, in the first paragraph.\n"),
    );
    site.build(&[]).assert_success();
    for page in ["articles/nul/index.html", "index.html", "atom.xml"] {
        let text = site.read(page);
        assert!(!text.contains('\0'), "{page} holds a NUL");
    }
    let page = site.read("articles/nul/index.html");
    assert!(page.contains("<p>Before\u{fffd}after, in the first paragraph.</p>"));
    assert!(page.contains("<meta name=\"description\" content=\"Before\u{fffd}after"));
    assert!(page.contains("<meta property=\"og:description\" content=\"Before\u{fffd}after"));
    assert!(site.read("index.html").contains("Before\u{fffd}after"));
}

#[test]
fn site_urls_in_bodies_profiles_and_notes_carry_the_sub_path() {
    let site = SiteTest::fixture("sub_path_links");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let article = site.main_of("articles/brazil-talks/index.html");
    for link in [
        "<a href=\"/briefings/countries/brazil/\">Brazil</a>",
        "<img src=\"/briefings/images/map.png\" alt=\"map\" />",
        "<a href=\"/briefings/countries/\">all countries</a>",
        "<a href=\"/briefings/atom.xml\">the feed</a>",
        "<a href=\"/briefings/\">home</a>",
    ] {
        assert!(article.contains(link), "{link} missing from {article}");
    }
    let profile = site.main_of("people/celso-amorim/index.html");
    assert!(profile.contains("<a href=\"/briefings/articles/brazil-talks/\">talks</a>"));
    let note = site.main_of("countries/brazil/index.html");
    assert!(
        note.contains("<a href=\"/briefings/articles/brazil-talks/#next-steps\">May talks</a>")
    );
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.stdout, "check: no problems\n");
}

#[test]
fn check_reports_site_urls_that_lead_nowhere_and_dropped_links() {
    let site = SiteTest::fixture("sub_path_links");
    site.edit(
        "content/articles/2024/brazil-talks.md",
        "Another round",
        "See [Atlantis](/countries/atlantis/), [twice](/briefings/countries/brazil/) \
         and [a trick](javascript:alert(1)) or <a href=\"/people/nobody/\">HTML</a>. Another round",
    );
    site.edit(
        "content/people/celso-amorim.md",
        "/articles/brazil-talks/",
        "/articles/missing/",
    );
    site.edit("content/countries/brazil.md", "#next-steps", "#later-steps");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1), "{}", outcome.stdout);
    assert_eq!(
        outcome.stdout,
        "content/articles/2024/brazil-talks.md:15:5: error: link to `/countries/atlantis/` leads nowhere\n\
         content/articles/2024/brazil-talks.md:15:39: error: link to `/briefings/countries/brazil/` leads nowhere\n\
         content/articles/2024/brazil-talks.md:15:81: error: link to `javascript:alert(1)` was dropped: a script URL never reaches a page (hint: only a script URL is dropped: `javascript:`, `vbscript:`, or `data:` outside an image)\n\
         content/articles/2024/brazil-talks.md:15:124: error: link to `/people/nobody/` leads nowhere\n\
         content/countries/brazil.md:4:26: error: link to `/articles/brazil-talks/#later-steps`: /articles/brazil-talks/ has no heading with the id `later-steps`\n\
         content/people/celso-amorim.md:6:12: error: link to `/articles/missing/` leads nowhere\n\
         check: 6 errors, 0 warnings, 0 notes\n"
    );
    site.build(&[]).assert_success();
    let page = site.main_of("articles/brazil-talks/index.html");
    assert!(!page.contains("javascript"), "{page}");
    assert!(
        page.contains(
            " and a trick or <a href=\"/briefings/people/nobody/\">HTML</a>. Another round"
        ),
        "{page}"
    );
}

#[test]
fn heading_attributes_cannot_add_script_to_a_page() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/attributes.md",
        &article(
            "",
            "# Hello {onclick=alert(1) .cls #x}\n\n## Kept {#kept .wide}\n",
        ),
    );
    site.build(&[]).assert_success();
    let page = site.main_of("articles/attributes/index.html");
    assert!(!page.contains("onclick=\""), "{page}");
    assert!(
        page.contains(">Hello {onclick=alert(1) .cls #x}</h2>"),
        "{page}"
    );
    assert!(
        page.contains("<h3 id=\"kept\" class=\"wide\">Kept</h3>"),
        "{page}"
    );
}

#[test]
fn raw_html_keeps_its_links_and_code_and_hides_no_text_from_search() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/raw.md",
        &article(
            "countries: [China]\n",
            "Hi <script>alert(1)</script> there. See <a href=\"https://x.org/\">the China \
             story</a> today. Type <code>China</code>.\n\n\
             <div class=\"note\">\nBeijing <b>welcomed</b> it.\n</div>\n",
        ),
    );
    site.write(
        "content/articles/list.md",
        &article("", "- First point\n- Second point\n"),
    );
    site.build(&[]).assert_success();
    let page = site.read("articles/raw/index.html");
    assert!(
        page.contains("<meta name=\"description\" content=\"Hi there. See the China story today.")
    );
    assert!(
        page.contains("<a href=\"https://x.org/\">the China story</a>"),
        "{page}"
    );
    assert!(page.contains("<code>China</code>"), "{page}");
    assert!(
        !page.contains("/countries/china/\">China</a> story"),
        "{page}"
    );
    let list = site.read("articles/list/index.html");
    assert!(list.contains("<meta name=\"description\" content=\"First point Second point\">"));
    // The search index's words are cut into parts; together they hold every word.
    let mut parts: Vec<_> = std::fs::read_dir(site.public().join("search/words"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    parts.sort();
    let index: String = parts
        .iter()
        .map(|part| std::fs::read_to_string(part).unwrap())
        .collect();
    for word in ["beijing", "welcomed"] {
        assert!(index.contains(word), "{word} missing from the search index");
    }
    assert!(!index.contains("alert"), "script text is not searchable");
}

#[test]
fn every_id_on_a_page_is_unique_and_every_fragment_lands() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/ids.md",
        &article(
            "",
            "See the [notes](#fn-background), [the section](#background) and \
             [the other](#dup)[^background].\n\n\
             ## dup\n\n## Other {#dup}\n\n## Background\n\n## Main\n\n\
             [^background]: Notes.\n",
        ),
    );
    site.build(&[]).assert_success();
    let page = site.read("articles/ids/index.html");
    let mut ids: Vec<&str> = page
        .match_indices(" id=\"")
        .map(|(at, marker)| {
            let rest = &page[at + marker.len()..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect();
    for id in [
        "dup",
        "dup-1",
        "background",
        "fn-background",
        "main",
        "main-1",
    ] {
        assert!(ids.contains(&id), "no id {id} in {page}");
    }
    assert!(page.contains("<h2 id=\"dup\">Other</h2>"), "{page}");
    assert!(page.contains("<a href=\"#fn-background\">1</a>"), "{page}");
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "an id is used twice on the page");
    assert_eq!(
        site.run(&["check", "--strict"]).stdout,
        "check: no problems\n"
    );
}
