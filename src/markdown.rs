//! Markdown -> HTML for article bodies, profiles and country notes.
//!
//! Besides the HTML this stage yields what later stages need from the text without
//! parsing it again: the plain-text summary (first paragraph) and the headings with the
//! `id`s given to them. Raw HTML is sanitised with ammonia unless the site opts out;
//! links with a script scheme are dropped either way. It knows nothing of pages or URLs.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use rayon::prelude::*;

use crate::content::{Article, Content, CountryNote, PersonProfile};
use crate::slugs::slugify;

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
    pub html: String,
    /// The first paragraph as plain text, shortened at a word boundary.
    pub summary: String,
    /// The headings, in order.
    pub headings: Vec<Heading>,
    /// Every distinct word of the text, lower-cased, in order of first use: enough to
    /// find the text by any phrase in it, at a fraction of its size.
    pub words: String,
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
pub fn render_content(content: Content, unsafe_html: bool) -> RenderedContent {
    fn render_all<T: Send>(
        items: Vec<T>,
        body: impl Fn(&T) -> &str + Sync,
        unsafe_html: bool,
    ) -> Vec<Rendered<T>> {
        items
            .into_par_iter()
            .map(|item| {
                let body = render_markdown(body(&item), unsafe_html);
                Rendered { item, body }
            })
            .collect()
    }
    RenderedContent {
        articles: render_all(content.articles, |a| &a.body, unsafe_html),
        people: render_all(content.people, |p| &p.body, unsafe_html),
        countries: render_all(content.countries, |c| &c.body, unsafe_html),
    }
}

/// Renders `text` to HTML; raw HTML is sanitised unless `unsafe_html`.
pub fn render_markdown(text: &str, unsafe_html: bool) -> RenderedMarkdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event<'_>> = Parser::new_ext(text, options).collect();

    let summary = first_paragraph_text(&events);
    let words = distinct_words(&events);
    let headings = assign_heading_ids(&mut events);
    for event in &mut events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && has_script_scheme(dest_url)
        {
            *dest_url = CowStr::Borrowed("");
        }
    }

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if !unsafe_html {
        html = SANITIZER.clean(&html).to_string();
    }
    RenderedMarkdown {
        html,
        summary,
        headings,
        words,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
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

/// Whether a link target would run code: any scheme other than web and mail ones.
fn has_script_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    // A colon after a slash, `?` or `#` is part of a path or query, not a scheme.
    if scheme.contains(['/', '?', '#']) {
        return false;
    }
    !matches!(
        scheme.trim().to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto" | "tel"
    )
}

/// Shifts headings one level down (a body `#` becomes `h2` under the page title) and
/// gives each an `id` from its text, unique within the body.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[index] {
            let mut text = String::new();
            let mut end = index + 1;
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    text.push_str(t);
                }
                end += 1;
            }
            let base = match slugify(&text) {
                slug if slug.is_empty() => "section".to_string(),
                slug => slug,
            };
            let mut id = base.clone();
            let mut counter = 1;
            while !used.insert(id.clone()) {
                id = format!("{base}-{counter}");
                counter += 1;
            }
            if let Event::Start(Tag::Heading {
                level, id: slot, ..
            }) = &mut events[index]
            {
                let shifted = shift_level(*level);
                *level = shifted;
                match slot {
                    // An explicit `{#id}` is kept as written.
                    Some(explicit) => id = explicit.to_string(),
                    None => *slot = Some(CowStr::from(id.clone())),
                }
                headings.push(Heading {
                    level: shifted as u8,
                    id,
                    text: text.trim().to_string(),
                });
            }
            if let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(end) {
                *level = shift_level(*level);
            }
            index = end;
        }
        index += 1;
    }
    headings
}

fn shift_level(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The plain text of the first paragraph, without markup, shortened to a summary.
fn first_paragraph_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    shorten(text.trim(), SUMMARY_LENGTH)
}

fn distinct_words(events: &[Event<'_>]) -> String {
    let mut seen = HashSet::new();
    let mut words = String::new();
    for event in events {
        if let Event::Text(text) | Event::Code(text) = event {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.is_empty() {
                    continue;
                }
                let word = word.to_lowercase();
                if !seen.contains(&word) {
                    if !words.is_empty() {
                        words.push(' ');
                    }
                    words.push_str(&word);
                    seen.insert(word);
                }
            }
        }
    }
    words
}

/// Cuts `text` to at most `limit` characters at a word boundary, with an ellipsis.
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) => &cut[..space],
        None => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_paragraphs_and_emphasis() {
        let rendered = render_markdown("Hello *world*.\n", false);
        assert_eq!(rendered.html, "<p>Hello <em>world</em>.</p>\n");
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
            rendered.words,
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
        assert!(rendered.html.contains("<h2 id=\"talks\">Talks</h2>"));
        assert!(rendered.html.contains("<h3 id=\"talks-1\">Talks</h3>"));
        assert!(
            rendered
                .html
                .contains("<h4 id=\"next-steps\">Next steps</h4>")
        );
        assert_eq!(rendered.headings.len(), 3);
        assert_eq!(rendered.headings[1].id, "talks-1");
        assert_eq!(rendered.headings[2].level, 4);
    }

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let rendered = render_markdown(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi</p>\n",
            false,
        );
        assert!(!rendered.html.contains("<script"));
        assert!(!rendered.html.contains("onclick"));
        assert!(rendered.html.contains("Hi"));
    }

    #[test]
    fn raw_html_passes_when_the_site_opts_out() {
        let rendered = render_markdown("<div class=\"map\">x</div>\n", true);
        assert!(rendered.html.contains("<div class=\"map\">x</div>"));
    }

    #[test]
    fn javascript_links_never_reach_the_page() {
        for unsafe_html in [false, true] {
            let rendered = render_markdown("[click](javascript:alert(1))\n", unsafe_html);
            assert!(!rendered.html.contains("javascript:"), "{}", rendered.html);
        }
    }

    #[test]
    fn relative_and_web_links_are_kept() {
        let rendered = render_markdown("[a](../x.md) [b](https://x.org/a:b)\n", false);
        assert!(rendered.html.contains("href=\"../x.md\""));
        assert!(rendered.html.contains("href=\"https://x.org/a:b\""));
    }
}
