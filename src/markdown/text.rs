//! Plain text taken from a parsed body: the summary and the distinct words.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use pulldown_cmark::{Event, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::SUMMARY_LENGTH;
use super::html::RawHtml;
use super::{Numbering, WordIds};

/// The summary: the plain text of the first paragraph, or of the whole body when it has
/// none (only a list, a table or headings), without markup and without what raw HTML
/// hides (a `<script>`), shortened.
pub(super) fn summary_text(events: &[Event<'_>]) -> String {
    let paragraph = visible_text(events, true);
    let text = match paragraph.trim().is_empty() {
        true => visible_text(events, false),
        false => paragraph,
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    shorten(&words.join(" "), SUMMARY_LENGTH)
}

/// The text a reader sees, blocks apart; with `first_paragraph`, only that of the first
/// paragraph.
fn visible_text(events: &[Event<'_>], first_paragraph: bool) -> String {
    let mut text = String::new();
    let mut inside = !first_paragraph;
    let mut raw_html = RawHtml::default();
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if first_paragraph => inside = true,
            Event::End(TagEnd::Paragraph) if first_paragraph && inside => break,
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html.feed(html, &mut |piece| {
                    if inside {
                        text.push_str(piece)
                    }
                });
            }
            Event::Text(t) | Event::Code(t) if inside && !raw_html.hides_text() => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
            ) if inside => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The words of `text`: runs of letters and digits. Apostrophes end words, whichever
/// is typed: the modifier letter ʼ counts as a letter, but "dʼIvoire" must give the
/// words of "d'Ivoire". The article's words and the search index split alike by this.
pub fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() || c == '\u{02BC}')
        .filter(|word| !word.is_empty())
}

/// Every distinct word a reader sees, folded, numbered in `numbering`: the text of
/// Markdown and of HTML blocks alike, and of the body's `summary`, whose words an
/// article found by search shows.
pub(super) fn distinct_words(
    events: &[Event<'_>],
    summary: &str,
    numbering: &Numbering,
) -> WordIds {
    // Words are remembered by a hash of their folded form, so none is copied more than
    // once; the seeds are fixed so the order is the same on every run.
    let hasher = ahash::RandomState::with_seeds(0x6272, 0x6965, 0x6669, 0x6e67);
    let mut seen: HashSet<u64, BuildHasherDefault<AlreadyHashed>> = HashSet::default();
    let mut folded = String::new();
    let mut words = String::new();
    let mut add_words = |text: &str| {
        for word in split_words(text) {
            let word = fold_word(word, &mut folded);
            if seen.insert(hasher.hash_one(word)) {
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(word);
            }
        }
    };
    let mut raw_html = RawHtml::default();
    for event in events {
        match event {
            Event::Text(text) | Event::Code(text) if !raw_html.hides_text() => add_words(text),
            Event::Html(html) | Event::InlineHtml(html) => raw_html.feed(html, &mut add_words),
            _ => {}
        }
    }
    // The summary joins the text of a paragraph's parts: "foo*bar*" gives "foobar".
    add_words(summary);
    numbering.number(words.split(' ').filter(|word| !word.is_empty()))
}

/// `word` in lower case without accents or other combining marks, as `search.js`
/// folds a query: NFD, marks removed, lower-cased. Most words need no copy: those
/// that do are folded into `buffer`.
pub fn fold_word<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    if word
        .bytes()
        .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
    {
        return word;
    }
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.extend(
            word.nfd()
                .filter(|&c| !is_combining_mark(c))
                .flat_map(char::to_lowercase),
        );
    }
    buffer
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Cuts `text` to at most `limit` characters at a word boundary, with an ellipsis.
pub(super) fn shorten(text: &str, limit: usize) -> String {
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
