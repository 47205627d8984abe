//! Markdown -> HTML for article bodies, profiles and country notes.
//!
//! Besides the HTML this stage yields what later stages need from the text without
//! parsing it again: the plain-text summary (first paragraph), the headings with the
//! `id`s given to them, the distinct words, the internal links and the mentions of known
//! people and countries. Links to other articles' source files become site URLs and the
//! first mention of each listed entity becomes a link (see `links`). Raw HTML is
//! sanitised with ammonia unless the site opts out; script URLs are dropped either way.
//! What this changes from plain CommonMark is listed in the README's Markdown section.

mod headings;
mod html;
mod links;
mod text;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset};
use rayon::prelude::*;

use crate::content::{Article, Content, CountryNote, PersonProfile};
use crate::mentions::MentionTarget;

use crate::error::SourceLocation;
use headings::assign_ids;
pub use links::{BodyLinks, LinkTargets, SiteLinks};
use links::{LineIndex, link_mentions, rewrite_links, scheme};
use text::{distinct_words, summary_text};

/// The longest summary derived from a first paragraph, in characters.
const SUMMARY_LENGTH: usize = 300;

/// A heading in a rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 to 6: body headings sit below the page's own `h1`.
    pub level: u8,
    /// The `id` attribute, unique within the body.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// A Markdown text turned into HTML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderedMarkdown {
    /// Safe HTML (unless the site allows raw HTML).
    pub html: PackedText,
    /// The first paragraph as plain text, shortened at a word boundary.
    pub summary: String,
    /// The headings, in order.
    pub headings: Vec<Heading>,
    /// Every distinct word of the text, lower-cased, in order of first use: enough to
    /// find the text by any phrase in it, at a fraction of its size.
    pub words: PackedText,
    /// Links within the site (not to other sites), after source paths were resolved.
    pub links: Vec<BodyLink>,
    /// Links and images whose script URL was dropped, leaving their text.
    pub dropped_links: Vec<DroppedLink>,
    /// The first mention of each known person and country, in order.
    pub mentions: Vec<MentionFound>,
}

/// Text held compressed (lz4): every article's HTML and words stay in memory for the
/// whole build but are read once or twice, so a large site holds a fraction of the
/// bytes. Shared, so a model can be rebuilt from cached bodies without copying them.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PackedText(Arc<[u8]>);

impl PackedText {
    /// Compresses `text`.
    pub fn pack(text: &str) -> PackedText {
        PackedText(lz4_flex::block::compress_prepend_size(text.as_bytes()).into())
    }

    /// The length of the text, in bytes, without unpacking it.
    pub fn unpacked_len(&self) -> usize {
        self.0
            .first_chunk::<4>()
            .map_or(0, |length| u32::from_le_bytes(*length) as usize)
    }

    /// The text again.
    pub fn unpack(&self) -> String {
        lz4_flex::block::decompress_size_prepended(&self.0)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl fmt::Display for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.unpack())
    }
}

impl fmt::Debug for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackedText({:?})", self.unpack())
    }
}

/// A link to somewhere in the site, as written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The target as written, such as `../2024/talks.md#background`.
    pub written: String,
    /// The target as put on the page, such as `/articles/talks/#background`.
    pub destination: String,
    /// Where the link is written.
    pub location: SourceLocation,
}

/// A link or image whose URL would have run script, removed from the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedLink {
    /// The URL as written, such as `javascript:alert(1)`.
    pub written: String,
    /// Where the link is written.
    pub location: SourceLocation,
}

/// The first mention of a known person or country in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionFound {
    /// Who or what is mentioned.
    pub target: MentionTarget,
    /// File line of the mention.
    pub line: usize,
    /// Column of the mention.
    pub column: usize,
}

/// A content item with its Markdown body rendered.
#[derive(Debug, Clone)]
pub struct Rendered<T> {
    /// The item as loaded.
    pub item: T,
    /// Its body as HTML, with summary and headings.
    pub body: RenderedMarkdown,
}

/// All of a site's content with every body rendered.
#[derive(Debug, Default)]
pub struct RenderedContent {
    /// Articles, in the order loaded.
    pub articles: Vec<Rendered<Article>>,
    /// Person profiles.
    pub people: Vec<Rendered<PersonProfile>>,
    /// Country notes.
    pub countries: Vec<Rendered<CountryNote>>,
}

/// The Markdown extensions briefing turns on (see the README's Markdown section).
/// Smart punctuation stays off: a page shows the quotes and dashes its writer typed.
/// Heading attributes are read by `headings`, strictly, not by pulldown-cmark.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Renders every body in `content`, in parallel, each once.
pub fn render_content(
    content: Content,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
) -> RenderedContent {
    let articles = content
        .articles
        .into_par_iter()
        .map(|article| render_article(article, unsafe_html, site))
        .collect();
    let people = content
        .people
        .into_par_iter()
        .map(|profile| render_profile(profile, unsafe_html, site))
        .collect();
    let countries = content
        .countries
        .into_par_iter()
        .map(|note| render_note(note, unsafe_html, site))
        .collect();
    RenderedContent {
        articles,
        people,
        countries,
    }
}

/// Renders one article's body with the site's links. The Markdown source is not
/// needed once rendered and is dropped: a large site should not hold every body twice.
pub fn render_article(
    mut article: Article,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
) -> Rendered<Article> {
    let links = BodyLinks {
        site,
        source_path: &article.source_path,
        first_line: article.body_line,
        listed: site.listed(&article.countries, &article.people),
    };
    let body = render_body(&article.body, unsafe_html, Some(&links));
    article.body = String::new();
    Rendered {
        item: article,
        body,
    }
}

/// Renders a person's bio with the site's links (no mention in it becomes a link).
pub fn render_profile(
    profile: PersonProfile,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
) -> Rendered<PersonProfile> {
    let body = render_unlisted(
        &profile.body,
        &profile.source_path,
        profile.body_line,
        unsafe_html,
        site,
    );
    Rendered {
        item: profile,
        body,
    }
}

/// Renders a country's notes with the site's links (no mention in them becomes a link).
pub fn render_note(
    note: CountryNote,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
) -> Rendered<CountryNote> {
    let body = render_unlisted(
        &note.body,
        &note.source_path,
        note.body_line,
        unsafe_html,
        site,
    );
    Rendered { item: note, body }
}

fn render_unlisted(
    text: &str,
    source_path: &Path,
    first_line: usize,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
) -> RenderedMarkdown {
    let links = BodyLinks {
        site,
        source_path,
        first_line,
        listed: Vec::new(),
    };
    render_body(text, unsafe_html, Some(&links))
}

/// Renders a text on its own, knowing nothing of the site.
pub fn render_markdown(text: &str, unsafe_html: bool) -> RenderedMarkdown {
    render_body(text, unsafe_html, None)
}

/// Renders a body; with `links`, source-path links are resolved, site URLs get the
/// base path, internal links and mentions are recorded with file lines, and first
/// mentions of listed entities linked.
pub fn render_body(
    text: &str,
    unsafe_html: bool,
    links: Option<&BodyLinks<'_>>,
) -> RenderedMarkdown {
    // CommonMark asks for U+0000 to become U+FFFD: a NUL reaches no page, description
    // or feed.
    let text = match text.contains('\0') {
        true => Cow::Owned(text.replace('\0', "\u{fffd}")),
        false => Cow::Borrowed(text),
    };
    // Text is split at some punctuation; merged again, a name such as "Côte d'Ivoire"
    // reaches the mention matcher whole.
    let (mut events, ranges): (Vec<Event<'_>>, Vec<_>) =
        TextMergeWithOffset::new(Parser::new_ext(&text, OPTIONS).into_offset_iter()).unzip();
    let lines = LineIndex::new(
        &text,
        links.map_or(Path::new(""), |links| links.source_path),
        links.map_or(1, |links| links.first_line),
    );

    let headings = assign_ids(&mut events, &ranges, &text);
    let (body_links, dropped_links) = rewrite_links(&mut events, &ranges, links, &lines);
    let summary = summary_text(&events);
    let words = distinct_words(&events);
    let (events, mentions) = match links {
        Some(links) => link_mentions(events, &ranges, links, &lines),
        None => (events, Vec::new()),
    };

    // pulldown-cmark escapes every text and attribute value it writes; heading
    // attributes give only `id` and `class`, from `A-Za-z0-9_-`; and script URLs were
    // dropped above. So no attribute name comes from the writer and no value can run
    // script: only raw HTML written in the Markdown can be unsafe, and a body without
    // any skips the (comparatively slow) sanitiser.
    let has_raw_html = events
        .iter()
        .any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !unsafe_html {
        html = sanitize_html(&html);
    }
    RenderedMarkdown {
        html: PackedText::pack(&html),
        summary,
        headings,
        words: PackedText::pack(&words),
        links: body_links,
        dropped_links,
        mentions,
    }
}

/// The sanitiser a body with raw HTML goes through unless the site allows raw HTML.
/// It keeps all the markup the Markdown renderer makes and every URL but a script one,
/// so a body renders the same whether or not raw HTML elsewhere in it had it sanitised.
pub fn sanitize_html(html: &str) -> String {
    // ammonia keeps only URLs of the schemes it knows: here also every scheme the text
    // names but `javascript:` and `vbscript:`, as for Markdown links.
    let schemes = schemes_named_in(html);
    let mut builder = ammonia::Builder::default();
    builder.add_url_schemes(schemes.iter().map(String::as_str));
    // `data:` only as a picture, as for Markdown images.
    builder.attribute_filter(|element, attribute, value| {
        let is_url = matches!(attribute, "href" | "src" | "cite" | "action" | "poster");
        let is_picture = element == "img" && attribute == "src";
        match scheme(value).as_deref() {
            Some("data") if is_url && !is_picture => None,
            _ => Some(value.into()),
        }
    });
    // Links open in the same tab, so `rel="noopener"` adds nothing but noise.
    builder.link_rel(None);
    // Heading ids and classes are ours and make `#fragment` links work; footnote markup
    // needs ids and classes too, and table columns their alignment.
    for heading in ["h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id", "class"]);
    }
    builder
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("code", ["class"]);
    let alignments = [
        "text-align: left",
        "text-align: center",
        "text-align: right",
    ];
    builder
        .add_tag_attribute_values("th", "style", alignments)
        .add_tag_attribute_values("td", "style", alignments);
    builder.clean(html).to_string()
}

/// Every scheme-like word followed by `:` in `html`, lower-cased, but the script ones.
fn schemes_named_in(html: &str) -> HashSet<String> {
    let mut schemes = HashSet::new();
    for (at, _) in html.match_indices(':') {
        let before = &html[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |at| at + 1);
        let word = before[start..].trim_start_matches(|c: char| !c.is_ascii_alphabetic());
        if word.is_empty() {
            continue;
        }
        let word = word.to_ascii_lowercase();
        if !matches!(word.as_str(), "javascript" | "vbscript") {
            schemes.insert(word);
        }
    }
    schemes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::CountryRegistry;
    use crate::mentions::MentionMatcher;

    #[test]
    fn packed_text_knows_its_length_and_gives_the_text_back() {
        for text in ["", "short", &"<p>Кот-д’Ивуар</p>\n".repeat(500)] {
            let packed = PackedText::pack(text);
            assert_eq!(packed.unpacked_len(), text.len());
            assert_eq!(packed.unpack(), text);
        }
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
    fn words_are_distinct_lower_case_and_keep_every_script() {
        let rendered = render_markdown(
            "Сергей Лавров met Wang Yi.\n\nLavrov and *Wang* met in Côte d'Ivoire.\n",
            false,
        );
        assert_eq!(
            rendered.words.unpack(),
            "сергей лавров met wang yi lavrov and in côte d ivoire"
        );
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
        assert_eq!(rendered.headings.len(), 3);
        assert_eq!(rendered.headings[1].id, "talks-1");
        assert_eq!(rendered.headings[2].level, 4);
    }

    #[test]
    fn body_headings_start_at_h2_and_never_skip_a_level() {
        let rendered = render_markdown("## Talks\n\n#### Detail\n\n### Next\n\n## End\n", false);
        let levels: Vec<u8> = rendered.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 3, 3, 2]);
        assert!(
            rendered
                .html
                .unpack()
                .contains("<h3 id=\"detail\">Detail</h3>")
        );
    }

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let rendered = render_markdown(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi</p>\n",
            false,
        );
        assert!(!rendered.html.unpack().contains("<script"));
        assert!(!rendered.html.unpack().contains("onclick"));
        assert!(rendered.html.unpack().contains("Hi"));
    }

    #[test]
    fn raw_html_passes_when_the_site_opts_out() {
        let rendered = render_markdown("<div class=\"map\">x</div>\n", true);
        assert!(
            rendered
                .html
                .unpack()
                .contains("<div class=\"map\">x</div>")
        );
    }

    #[test]
    fn javascript_links_never_reach_the_page() {
        for unsafe_html in [false, true] {
            let rendered = render_markdown("[click](javascript:alert(1))\n", unsafe_html);
            assert!(
                !rendered.html.unpack().contains("javascript:"),
                "{}",
                rendered.html
            );
        }
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
        let matcher = MentionMatcher::new(&registry, &[]);
        let mut targets = LinkTargets {
            base_path: "/briefings".into(),
            ..LinkTargets::default()
        };
        targets.entities.insert(
            MentionTarget::Country("CN"),
            "/briefings/countries/china/".into(),
        );
        let site = SiteLinks::new(targets, &registry, &matcher, true);
        let links = BodyLinks {
            site: &site,
            source_path: Path::new("content/articles/a.md"),
            first_line: 5,
            listed: vec![MentionTarget::Country("CN")],
        };
        render_body(text, unsafe_html, Some(&links))
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
    fn no_markdown_puts_an_attribute_of_its_own_on_a_page() {
        let attempts = [
            "# T {onclick=x}\n",
            "T {onclick=x}\n===\n",
            "[a](/x \"t\\\" onclick=\\\"x\")\n",
            "![a\" onerror=\"x](/i.png \"t\\\" onerror=\\\"x\")\n",
            "```js\" onclick=\"x\ncode\n```\n",
            "<https://x.org/\"onclick=\"x>\n",
            "[^a\" onclick=\"x]\n\n[^a\" onclick=\"x]: note\n",
            "| a |\n|:-:|\n| b |\n",
        ];
        for text in attempts {
            let html = html_of(text, false);
            // Every value is escaped, so a `"` inside a tag ends a value the renderer
            // wrote; a handler after one would be an attribute of its own.
            for (tag, _) in html.split('<').filter_map(|rest| rest.split_once('>')) {
                let outside_values: String = tag.split('"').step_by(2).collect();
                assert!(!outside_values.contains(" on"), "{text:?} gave {html}");
            }
        }
    }

    #[test]
    fn ids_are_unique_and_written_ones_win() {
        let rendered = render_markdown("## dup\n\n## Other {#dup}\n\n## Main\n", false);
        let ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
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
    fn only_script_urls_lose_their_link() {
        let text = "[a](foo\\)\\:) [b](10:30) <irc://foo.bar:2233/baz> [c](ftp://x.org/f) \
                    [d](sms:+1) [e](geo:1,2) [f](javascript:alert(1)) ![g](data:image/png;base64,AA)\n";
        for unsafe_html in [false, true] {
            let rendered = render_listing_china(text, unsafe_html);
            let html = rendered.html.unpack();
            for kept in [
                "href=\"foo):\"",
                "href=\"10:30\"",
                "href=\"irc://foo.bar:2233/baz\"",
                "href=\"ftp://x.org/f\"",
                "href=\"sms:+1\"",
                "href=\"geo:1,2\"",
                "src=\"data:image/png;base64,AA\"",
            ] {
                assert!(html.contains(kept), "{kept} missing from {html}");
            }
            assert!(
                !html.contains("javascript") && html.contains(" f "),
                "{html}"
            );
            assert!(!html.contains("href=\"\""), "{html}");
            let dropped: Vec<String> = rendered
                .dropped_links
                .iter()
                .map(|link| format!("{}: {}", link.location, link.written))
                .collect();
            assert_eq!(dropped, ["content/articles/a.md:5:94: javascript:alert(1)"]);
        }
    }

    #[test]
    fn the_sanitiser_keeps_the_renderers_markup_and_urls() {
        let text = "| a | b |\n|:--|:-:|\n| 1 | 2 |\n\n[x](made-up:y) [z](sms:+1) x<br>y\n\n## H {#h .c}\n";
        let plain = html_of(text, true);
        let sanitised = html_of(text, false);
        assert!(
            sanitised.contains("<th style=\"text-align: left\">"),
            "{sanitised}"
        );
        assert!(
            sanitised.contains("<td style=\"text-align: center\">"),
            "{sanitised}"
        );
        assert!(sanitised.contains("href=\"made-up:y\""), "{sanitised}");
        assert!(sanitised.contains("href=\"sms:+1\""), "{sanitised}");
        assert!(
            sanitised.contains("<h2 id=\"h\" class=\"c\">"),
            "{sanitised}"
        );
        assert_eq!(sanitised, plain.replace("<br />", "<br>"));
        let raw = html_of(
            "<a href=\"javascript:x()\">a</a> <a href=\"data:text/html,x\">b</a> <img src=\"data:image/png;base64,AA\">\n",
            false,
        );
        assert!(
            !raw.contains("javascript") && !raw.contains("text/html"),
            "{raw}"
        );
        assert!(raw.contains("src=\"data:image/png;base64,AA\""), "{raw}");
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
        let rendered = render_markdown(
            "<div class=\"note\">\nHidden <b>gem</b> &amp; more\n<script>var secret;</script>\n</div>\n",
            false,
        );
        assert_eq!(rendered.words.unpack(), "hidden gem more");
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
}
