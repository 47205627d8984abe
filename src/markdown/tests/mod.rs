//! Unit tests of the Markdown stage: rendering, ids, links, summaries; what untrusted
//! text may not do is in `untrusted`.

use super::*;
use crate::countries::CountryRegistry;
use crate::mentions::MentionMatcher;

mod untrusted;

#[test]
fn packed_text_knows_its_length_and_gives_the_text_back() {
    for text in ["", "short", &"<p>Кот-д’Ивуар</p>\n".repeat(500)] {
        let packed = PackedText::pack(text);
        assert_eq!(packed.unpacked_len(), text.len());
        assert_eq!(packed.unpack(), text);
    }
}

/// The words of `text` as its body keeps them, in order of first use.
fn words(text: &str) -> String {
    let numbering = Numbering::default();
    let rendered = render_body(text, false, None, &numbering);
    let vocabulary = numbering.into_inner();
    let words: Vec<&str> = (rendered.words.iter())
        .map(|number| vocabulary.word(number).unwrap())
        .collect();
    words.join(" ")
}

#[test]
fn renders_paragraphs_and_emphasis() {
    let rendered = render_markdown("Hello *world*.\n", false);
    assert_eq!(rendered.html.unpack(), "<p>Hello <em>world</em>.</p>\n");
}

#[test]
fn summary_is_the_first_paragraph_without_markup() {
    let rendered = render_markdown(
        "# Title\n\nFirst **bold** [link](https://x.org) and `code`.\n\nSecond.\n",
        false,
    );
    assert_eq!(rendered.summary, "First bold link and code.");
}

#[test]
fn words_are_distinct_folded_and_keep_every_script() {
    assert_eq!(
        words("Сергей Лавров met Wang Yi.\n\nLavrov and *Wang* met in Côte d'Ivoire.\n"),
        "сергеи лавров met wang yi lavrov and in cote d ivoire"
    );
    // Words that fold alike are one word.
    assert_eq!(words("Été ete ÉTÉ"), "ete");
}

#[test]
fn words_include_those_of_the_summary() {
    // The summary joins a word's parts; search finds the article by the word it shows.
    assert_eq!(
        words("Talks in Gen*eva* ended.\n"),
        "talks in gen eva ended geneva"
    );
}

#[test]
fn folding_removes_case_and_accents_in_every_script() {
    let mut buffer = String::new();
    for (word, expected) in [
        ("Côte", "cote"),
        ("ÉTÉ", "ete"),
        ("Лавров", "лавров"),
        ("Йемен", "иемен"),
        ("PRC", "prc"),
        ("北京", "北京"),
        ("g20", "g20"),
    ] {
        assert_eq!(fold_word(word, &mut buffer), expected);
    }
}

#[test]
fn every_apostrophe_splits_words_alike() {
    for text in ["Côte d'Ivoire", "Côte d’Ivoire", "Côte dʼIvoire"] {
        assert_eq!(words(text), "cote d ivoire", "{text}");
    }
}

#[test]
fn long_summaries_are_cut_at_a_word() {
    let text = "word ".repeat(100);
    let summary = render_markdown(&text, false).summary;
    assert!(summary.chars().count() <= SUMMARY_LENGTH + 1);
    assert!(summary.ends_with("word…"));
}

#[test]
fn headings_are_shifted_below_the_page_title_and_get_unique_ids() {
    let rendered = render_markdown("# Talks\n\n## Talks\n\n### Next steps\n", false);
    assert!(
        rendered
            .html
            .unpack()
            .contains("<h2 id=\"talks\">Talks</h2>")
    );
    assert!(
        rendered
            .html
            .unpack()
            .contains("<h3 id=\"talks-1\">Talks</h3>")
    );
    assert!(
        rendered
            .html
            .unpack()
            .contains("<h4 id=\"next-steps\">Next steps</h4>")
    );
    assert_eq!(
        heading_ids(&rendered),
        [
            (2, "talks".into()),
            (3, "talks-1".into()),
            (4, "next-steps".into())
        ]
    );
}

/// The level and `id` of every heading of a rendered body, in order.
fn heading_ids(rendered: &RenderedMarkdown) -> Vec<(u8, String)> {
    let html = rendered.html.unpack();
    html.match_indices("<h")
        .filter_map(|(at, _)| {
            let rest = &html[at + 2..];
            let level = rest.chars().next()?.to_digit(10)? as u8;
            let id = rest.strip_prefix(&format!("{level} id=\""))?;
            Some((level, id[..id.find('"')?].to_string()))
        })
        .collect()
}

#[test]
fn body_headings_start_at_h2_and_never_skip_a_level() {
    let rendered = render_markdown("## Talks\n\n#### Detail\n\n### Next\n\n## End\n", false);
    let levels: Vec<u8> = heading_ids(&rendered)
        .iter()
        .map(|(level, _)| *level)
        .collect();
    assert_eq!(levels, [2, 3, 3, 2]);
    assert!(
        rendered
            .html
            .unpack()
            .contains("<h3 id=\"detail\">Detail</h3>")
    );
}

#[test]
fn relative_and_web_links_are_kept() {
    let rendered = render_markdown("[a](../x.md) [b](https://x.org/a:b)\n", false);
    assert!(rendered.html.unpack().contains("href=\"../x.md\""));
    assert!(
        rendered
            .html
            .unpack()
            .contains("href=\"https://x.org/a:b\"")
    );
}

fn html_of(text: &str, unsafe_html: bool) -> String {
    render_markdown(text, unsafe_html).html.unpack()
}

/// Renders `text` as an article of a site under `/briefings` that lists China.
fn render_listing_china(text: &str, unsafe_html: bool) -> RenderedMarkdown {
    let registry = CountryRegistry::new();
    let article = crate::content::parse_article(
        "---\ntitle: A\ndate: 2024-01-01\ncountries: [China]\n---\n",
        Path::new("content/articles/a.md"),
        &jiff::tz::TimeZone::UTC,
    )
    .unwrap();
    let content = crate::content::Content {
        articles: vec![article],
        ..Default::default()
    };
    let (catalog, _) = crate::catalog::Catalog::resolve(&content, &registry);
    let china = catalog.country("CN").unwrap();
    let matcher = MentionMatcher::new(&registry, &catalog);
    let mut targets = LinkTargets {
        base_path: "/briefings".into(),
        ..LinkTargets::default()
    };
    targets
        .entities
        .insert(china, "/briefings/countries/china/".into());
    let site = SiteLinks::new(targets, &matcher, true);
    let links = BodyLinks {
        site: &site,
        source_path: Path::new("content/articles/a.md"),
        first_line: 5,
        listed: &[china],
        bundle: None,
    };
    render_body(text, unsafe_html, Some(&links), &Numbering::default())
}

#[test]
fn heading_attributes_give_only_an_id_and_classes() {
    for unsafe_html in [false, true] {
        assert_eq!(
            html_of("# Hello {onclick=alert(1) .cls #x}\n", unsafe_html),
            "<h2 id=\"hello-onclick-alert-1-cls-x\">Hello {onclick=alert(1) .cls #x}</h2>\n"
        );
        assert_eq!(
            html_of("# Hello {#x .cls .other}\n", unsafe_html),
            "<h2 id=\"x\" class=\"cls other\">Hello</h2>\n"
        );
    }
    assert_eq!(
        html_of("## Set {a, b}\n", false),
        "<h2 id=\"set-a-b\">Set {a, b}</h2>\n"
    );
    assert_eq!(
        html_of("## JSON {}\n", false),
        "<h2 id=\"json\">JSON {}</h2>\n"
    );
    assert_eq!(
        html_of("## Escaped \\{#x}\n", false),
        "<h2 id=\"escaped-x\">Escaped {#x}</h2>\n"
    );
    assert_eq!(
        html_of("## Snake {#my_id .a-b} ##\n", false),
        "<h2 id=\"my_id\" class=\"a-b\">Snake</h2>\n"
    );
}

#[test]
fn ids_are_unique_and_written_ones_win() {
    let rendered = render_markdown("## dup\n\n## Other {#dup}\n\n## Main\n", false);
    let ids: Vec<String> = heading_ids(&rendered)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(ids, ["dup-1", "dup", "main-1"]);
}

#[test]
fn footnotes_have_ids_of_their_own() {
    let html = html_of(
        "See[^background].\n\n## Background\n\n[^background]: Notes.\n",
        false,
    );
    assert!(html.contains("<h2 id=\"background\">"), "{html}");
    assert!(html.contains("<a href=\"#fn-background\">1</a>"), "{html}");
    assert!(html.contains("id=\"fn-background\""), "{html}");
}

#[test]
fn mentions_are_never_linked_inside_html_links_or_code() {
    for unsafe_html in [false, true] {
        let html = render_listing_china(
            "See <a href=\"https://x.org/\">the China story</a> today. Type <code>China</code>.\n\nChina.\n",
            unsafe_html,
        )
        .html
        .unpack();
        assert!(
            html.contains("<a href=\"https://x.org/\">the China story</a>"),
            "{html}"
        );
        assert!(html.contains("<code>China</code>"), "{html}");
        assert!(
            html.contains("<p><a href=\"/briefings/countries/china/\">China</a>.</p>"),
            "{html}"
        );
    }
}

#[test]
fn site_urls_get_the_base_path() {
    let rendered = render_listing_china(
        "[Brazil](/countries/brazil/) ![map](/images/map.png) [far](https://x.org/) [here](#a)\n",
        false,
    );
    let html = rendered.html.unpack();
    assert!(
        html.contains("href=\"/briefings/countries/brazil/\""),
        "{html}"
    );
    assert!(html.contains("src=\"/briefings/images/map.png\""), "{html}");
    assert!(html.contains("href=\"https://x.org/\""), "{html}");
    assert!(html.contains("href=\"#a\""), "{html}");
    let written: Vec<(&str, &str)> = rendered
        .links
        .iter()
        .map(|link| (link.written.as_str(), link.destination.as_str()))
        .collect();
    assert_eq!(
        written,
        [
            ("/countries/brazil/", "/briefings/countries/brazil/"),
            ("/images/map.png", "/briefings/images/map.png"),
            ("#a", "#a"),
        ]
    );
}

#[test]
fn site_urls_in_raw_html_get_the_base_path_too() {
    for unsafe_html in [false, true] {
        let rendered = render_listing_china(
            "<figure><img src=\"/images/map.png\" alt=\"map\"></figure>\n\n\
             See <a href=\"/countries/brazil/\">Brazil</a> and <a href=\"//x.org/\">x</a>.\n",
            unsafe_html,
        );
        let html = rendered.html.unpack();
        assert!(html.contains("src=\"/briefings/images/map.png\""), "{html}");
        assert!(
            html.contains("href=\"/briefings/countries/brazil/\""),
            "{html}"
        );
        assert!(html.contains("href=\"//x.org/\""), "{html}");
        let links: Vec<String> = rendered
            .links
            .iter()
            .map(|link| format!("{} {} -> {}", link.location, link.written, link.destination))
            .collect();
        assert_eq!(
            links,
            [
                "content/articles/a.md:5:19 /images/map.png -> /briefings/images/map.png",
                "content/articles/a.md:7:14 /countries/brazil/ -> /briefings/countries/brazil/",
            ]
        );
    }
}

#[test]
fn summaries_show_what_the_page_shows() {
    assert_eq!(
        render_markdown("Hi <script>alert(1)</script> there.\n", false).summary,
        "Hi there."
    );
    assert_eq!(
        render_markdown("## Points\n\n- one\n- two\n\n| a |\n|---|\n| b |\n", false).summary,
        "Points one two a b"
    );
}

#[test]
fn words_include_the_text_of_html_blocks() {
    let text = "<div class=\"note\">\nHidden <b>gem</b> &amp; more\n<script>var secret;</script>\n</div>\n";
    assert_eq!(words(text), "hidden gem more");
}

#[test]
fn nul_becomes_the_replacement_character() {
    let rendered = render_markdown("a\0b\n\n<p>c\0d</p>\n", true);
    assert_eq!(
        rendered.html.unpack(),
        "<p>a\u{fffd}b</p>\n<p>c\u{fffd}d</p>\n"
    );
    assert_eq!(rendered.summary, "a\u{fffd}b");
}

#[test]
fn quotes_and_dashes_stay_as_typed() {
    assert_eq!(
        html_of("\"Ukraine\" -- Kyiv's view...\n", true),
        "<p>\"Ukraine\" -- Kyiv's view...</p>\n"
    );
}
