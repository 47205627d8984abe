//! Markdown -> HTML for article bodies, profiles and country notes.
//!
//! Besides the HTML this stage yields what later stages need from the text without
//! parsing it again: the plain-text summary (first paragraph), the distinct words, the
//! internal links and the mentions of known people and countries. Headings get unique
//! `id`s (see `headings`). Links to other articles' source files become site URLs and
//! the first mention of each listed entity becomes a link, by entity id (see `links`);
//! bodies rendered before are kept in a [`BodyCache`]. Raw HTML is
//! sanitised with ammonia unless the site opts out; script URLs are dropped either way.
//! What this changes from plain CommonMark is listed in the README's Markdown section.

mod bundle_links;
mod cache;
mod headings;
mod html;
mod links;
mod mention_links;
mod packed;
mod pictures;
mod reuse;
mod sanitize;
mod text;
mod words;

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset};
use serde::{Deserialize, Serialize};

use crate::catalog::ArticleEntities;
use crate::content::{Article, ContentFile, CountryNote, PersonProfile};
use crate::mentions::MentionTarget;

use crate::error::SourceLocation;
pub use crate::routes::LinkTargets;
pub use cache::{BodyCache, BodyCounts, BodyPlan, CachedBody};
use headings::assign_ids;
pub use links::{BodyLinks, SiteLinks};
use links::{LineIndex, rewrite_links};
use mention_links::link_mentions;
pub use packed::{PackedText, WordIds};
pub use sanitize::sanitize_html;
use text::{distinct_words, summary_text};
pub use text::{fold_word, split_words};
pub use words::{Numbering, Vocabulary};

/// The longest summary derived from a first paragraph, in characters.
const SUMMARY_LENGTH: usize = 300;

/// A Markdown text turned into HTML.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RenderedMarkdown {
    /// Safe HTML (unless the site allows raw HTML).
    pub html: PackedText,
    /// The first paragraph as plain text, shortened at a word boundary.
    pub summary: String,
    /// Every distinct word of the text and its summary, folded, by its number in the
    /// site's [`Vocabulary`]: what the search index needs of the text, at a fraction of
    /// its size.
    pub words: WordIds,
    /// Links within the site (not to other sites), after source paths were resolved.
    pub links: Vec<BodyLink>,
    /// Links and images whose script URL was dropped, leaving their text.
    pub dropped_links: Vec<DroppedLink>,
    /// The files of its bundle the text links to, in order, each once per link.
    pub bundle_files: Vec<BundleFileLink>,
    /// Links that would have left the text's bundle.
    pub refused_links: Vec<RefusedLink>,
    /// The first mention of each known person and country, in order. Ids hold for one
    /// build only: a cache keeps mentions by slug instead (see [`CachedBody`]).
    #[serde(skip)]
    pub mentions: Vec<MentionFound>,
}

/// A link to somewhere in the site, as written in a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyLink {
    /// The target as written, such as `../2024/talks.md#background`.
    pub written: String,
    /// The target as put on the page, such as `/articles/talks/#background`.
    pub destination: String,
    /// Where the link is written.
    pub location: SourceLocation,
}

/// A link or image whose URL would have run script, removed from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedLink {
    /// The URL as written, such as `javascript:alert(1)`.
    pub written: String,
    /// Where the link is written.
    pub location: SourceLocation,
}

/// A link to a file of the body's bundle, which is therefore published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFileLink {
    /// The file's name in the bundle, such as `maps/geneva.png`.
    pub name: String,
    /// Where the link is written.
    pub location: SourceLocation,
    /// For a raster image shown as one, its size: it is published as resized variants.
    pub image: Option<crate::images::ImageSize>,
}

/// A link in a bundle that would reach outside it, which no build follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedLink {
    /// The kind of problem.
    pub code: Refusal,
    /// Why, naming the link as written.
    pub reason: String,
    /// Where the link is written.
    pub location: SourceLocation,
}

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// An image of the bundle that cannot be decoded.
    UndecodableImage,
    /// A link that would leave the bundle.
    BundleEscape,
}

impl Refusal {
    /// The code of the problem, as in [`crate::error::Error::Invalid`].
    pub fn code(self) -> &'static str {
        match self {
            Refusal::UndecodableImage => "undecodable-image",
            Refusal::BundleEscape => "bundle-escape",
        }
    }
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
    /// The words of every body, by the numbers the bodies hold.
    pub vocabulary: Arc<Vocabulary>,
}

/// The Markdown extensions briefing turns on (see the README's Markdown section).
/// Smart punctuation stays off: a page shows the quotes and dashes its writer typed.
/// Heading attributes are read by `headings`, strictly, not by pulldown-cmark.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Renders one article's body with the site's links, linking the first mention of
/// each entity it lists. The Markdown source is not needed once rendered and is
/// dropped: a large site should not hold every body twice.
pub fn render_article(
    mut article: Article,
    listed: &ArticleEntities,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
    numbering: &Numbering,
) -> Rendered<Article> {
    let listed: Vec<_> = listed
        .countries
        .iter()
        .chain(&listed.people)
        .copied()
        .collect();
    let links = BodyLinks {
        site,
        source_path: &article.source_path,
        first_line: article.body_line,
        listed: &listed,
        bundle: article.bundle.as_ref(),
    };
    let body = render_body(&article.body, unsafe_html, Some(&links), numbering);
    article.body = String::new();
    Rendered {
        item: article,
        body,
    }
}

/// Renders the body of a file that lists no entities (a person's profile, a country's
/// note) with the site's links: no mention in it becomes a link. The Markdown source
/// is dropped, as for articles.
pub fn render_unlisted<T: ContentFile>(
    mut item: T,
    unsafe_html: bool,
    site: &SiteLinks<'_>,
    numbering: &Numbering,
) -> Rendered<T> {
    let text = std::mem::take(item.body_mut());
    let links = BodyLinks {
        site,
        source_path: item.source_path(),
        first_line: item.body_line(),
        listed: &[],
        bundle: None,
    };
    let body = render_body(&text, unsafe_html, Some(&links), numbering);
    Rendered { item, body }
}

/// Renders a text on its own, knowing nothing of the site, its words numbered in a
/// vocabulary of its own.
pub fn render_markdown(text: &str, unsafe_html: bool) -> RenderedMarkdown {
    render_body(text, unsafe_html, None, &Numbering::default())
}

/// Renders a body; with `links`, source-path links are resolved, site URLs get the
/// base path, internal links and mentions are recorded with file lines, and first
/// mentions of listed entities linked. Its words are numbered in `numbering`.
pub fn render_body(
    text: &str,
    unsafe_html: bool,
    links: Option<&BodyLinks<'_>>,
    numbering: &Numbering,
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

    // Taken before links are rewritten: a bundle image becomes markup of ours, which
    // needs no sanitising.
    let has_raw_html = events
        .iter()
        .any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    assign_ids(&mut events, &ranges, &text);
    let found = rewrite_links(&mut events, &ranges, links, &lines);
    let summary = summary_text(&events);
    let words = distinct_words(&events, &summary, numbering);
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

    // pulldown-cmark escapes every text and attribute value it writes; heading
    // attributes give only `id` and `class`, from `A-Za-z0-9_-`; and script URLs were
    // dropped above. So no attribute name comes from the writer and no value can run
    // script: only raw HTML written in the Markdown can be unsafe, and a body without
    // any skips the (comparatively slow) sanitiser.
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html && !unsafe_html {
        html = sanitize_html(&html);
    }
    RenderedMarkdown {
        html: PackedText::pack(&html),
        summary,
        words,
        links: found.links,
        dropped_links: found.dropped,
        bundle_files: found.files,
        refused_links: found.refused,
        mentions,
    }
}

#[cfg(test)]
mod tests;
