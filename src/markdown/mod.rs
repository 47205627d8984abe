//! Markdown -> HTML for article bodies, profiles and country notes.
//!
//! Besides the HTML this stage yields what later stages need from the text without
//! parsing it again: the plain-text summary (first paragraph), the headings with the
//! `id`s given to them, the distinct words, the internal links and the mentions of known
//! people and countries. Links to other articles' source files become site URLs and the
//! first mention of each listed entity becomes a link (see `links`). Raw HTML is
//! sanitised with ammonia unless the site opts out; script URLs are dropped either way.

mod links;
mod text;

use std::fmt;
use std::sync::{Arc, LazyLock};

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset};
use rayon::prelude::*;

use crate::content::{Article, Content, CountryNote, PersonProfile};
use crate::mentions::MentionTarget;

pub use links::{BodyLinks, LinkTargets, SiteLinks};
use links::{LineIndex, link_mentions, rewrite_links};
use text::{assign_heading_ids, distinct_words, first_paragraph_text};

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
    /// File line of the link.
    pub line: usize,
    /// Column of the link.
    pub column: usize,
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
        .map(|profile| {
            let body = render_body(&profile.body, unsafe_html, None);
            Rendered {
                item: profile,
                body,
            }
        })
        .collect();
    let countries = content
        .countries
        .into_par_iter()
        .map(|note| {
            let body = render_body(&note.body, unsafe_html, None);
            Rendered { item: note, body }
        })
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

/// Renders a text on its own, knowing nothing of the site.
pub fn render_markdown(text: &str, unsafe_html: bool) -> RenderedMarkdown {
    render_body(text, unsafe_html, None)
}

/// Renders a body; with `links`, source-path links are resolved, internal links and
/// mentions are recorded with file lines, and first mentions of listed entities linked.
pub fn render_body(
    text: &str,
    unsafe_html: bool,
    links: Option<&BodyLinks<'_>>,
) -> RenderedMarkdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // Smart punctuation splits text at every apostrophe and quote; merged again, a name
    // such as "Côte d'Ivoire" reaches the mention matcher whole.
    let (mut events, ranges): (Vec<Event<'_>>, Vec<_>) =
        TextMergeWithOffset::new(Parser::new_ext(text, options).into_offset_iter()).unzip();
    let lines = LineIndex::new(text, links.map_or(1, |links| links.first_line));

    let summary = first_paragraph_text(&events);
    let words = distinct_words(&events);
    let headings = assign_heading_ids(&mut events);
    let body_links = rewrite_links(&mut events, &ranges, links, &lines);
    let (events, mentions) = match links {
        Some(links) => {
            // A name may wrap onto the next line ("British Virgin\nIslands"): line breaks
            // inside a paragraph become text, which renders the same, so that the
            // matcher sees the whole name.
            let (events, ranges): (Vec<Event<'_>>, Vec<_>) =
                TextMergeWithOffset::new(events.into_iter().zip(ranges).map(|(event, range)| {
                    match event {
                        Event::SoftBreak => (Event::Text("\n".into()), range),
                        event => (event, range),
                    }
                }))
                .unzip();
            link_mentions(events, &ranges, links, &lines)
        }
        None => (events, Vec::new()),
    };

    // pulldown-cmark escapes all text and attributes it writes, and script URLs were
    // dropped above, so only raw HTML written in the Markdown can be unsafe: a body
    // without any skips the (comparatively slow) sanitiser.
    let has_raw_html = events
        .iter()
        .any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !unsafe_html {
        html = SANITIZER.clean(&html).to_string();
    }
    RenderedMarkdown {
        html: PackedText::pack(&html),
        summary,
        headings,
        words: PackedText::pack(&words),
        links: body_links,
        mentions,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    // Links open in the same tab, so `rel="noopener"` adds nothing but noise.
    builder.link_rel(None);
    // Heading ids are ours and make `#fragment` links work; footnote markup needs ids
    // and classes too.
    builder
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("code", ["class"]);
    builder
});

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_apostrophe_splits_words_alike() {
        for text in ["Côte d'Ivoire", "Côte d’Ivoire", "Côte dʼIvoire"] {
            assert_eq!(
                render_markdown(text, false).words.unpack(),
                "côte d ivoire",
                "{text}"
            );
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
}
