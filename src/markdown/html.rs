//! Raw HTML written in a body, read just far enough for the rest of this stage: which
//! elements are open where Markdown text sits (a link, code, a heading, a script) and
//! the text an HTML block shows. It never changes the HTML: sanitising is ammonia's job.

use std::borrow::Cow;
use std::ops::Range;

/// Elements whose text no reader sees (ammonia drops it with the element).
const HIDDEN: &[&str] = &["script", "style", "template"];

/// Elements inside which a mention is never made a link: links, code, headings, and
/// controls whose text is a label.
const NO_LINK: &[&str] = &[
    "a", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "pre", "samp", "textarea",
];

/// Elements whose content the HTML parser reads as raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style"];

/// What the raw HTML read so far leaves open. Fed each raw HTML event in order; a tag
/// or comment split across events (an HTML block comes a line at a time) is completed
/// by the next one.
#[derive(Debug, Default)]
pub(super) struct RawHtml {
    /// Open elements that hide text or forbid links.
    hidden: usize,
    no_link: usize,
    /// Inside `<script>` or `<style>`: everything up to this end tag is their content.
    raw_text_until: Option<&'static str>,
    /// The start of a tag or comment the last chunk ended inside.
    pending: String,
}

impl RawHtml {
    /// Whether text here is hidden from readers.
    pub(super) fn hides_text(&self) -> bool {
        self.hidden > 0 || self.raw_text_until.is_some()
    }

    /// Whether text here sits in a link, code or a heading written in HTML.
    pub(super) fn forbids_links(&self) -> bool {
        self.no_link > 0 || self.hides_text()
    }

    /// Reads one raw HTML event; `on_text` gets each piece of visible text in it, with
    /// character references decoded.
    pub(super) fn feed(&mut self, chunk: &str, on_text: &mut impl FnMut(&str)) {
        let joined;
        let mut rest = if self.pending.is_empty() {
            chunk
        } else {
            joined = std::mem::take(&mut self.pending) + chunk;
            joined.as_str()
        };
        while !rest.is_empty() {
            if let Some(name) = self.raw_text_until {
                match find_end_tag(rest, name) {
                    Some(at) => {
                        self.raw_text_until = None;
                        rest = &rest[at..];
                    }
                    None => return,
                }
                continue;
            }
            let Some(open) = rest.find('<') else {
                self.text(rest, on_text);
                return;
            };
            self.text(&rest[..open], on_text);
            let markup = &rest[open..];
            let end = if markup.starts_with("<!--") {
                markup.find("-->").map(|at| at + 3)
            } else if markup.starts_with("<!") || markup.starts_with("<?") {
                markup.find('>').map(|at| at + 1)
            } else if let Some(tag) = Tag::parse(markup) {
                match tag {
                    Some((tag, length)) => {
                        self.apply(&tag);
                        Some(length)
                    }
                    None => None,
                }
            } else {
                // A `<` that starts no markup is text.
                self.text("<", on_text);
                Some(1)
            };
            match end {
                Some(end) => rest = &markup[end..],
                None => {
                    self.pending = markup.to_string();
                    return;
                }
            }
        }
    }

    fn text(&self, text: &str, on_text: &mut impl FnMut(&str)) {
        if !text.is_empty() && !self.hides_text() {
            on_text(&decode_references(text));
        }
    }

    fn apply(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        let counters = [
            (HIDDEN.contains(&name), &mut self.hidden),
            (NO_LINK.contains(&name), &mut self.no_link),
        ];
        for (applies, counter) in counters {
            if !applies || tag.self_closing {
                continue;
            }
            if tag.closing {
                *counter = counter.saturating_sub(1);
            } else {
                *counter += 1;
            }
        }
        if !tag.closing && !tag.self_closing {
            self.raw_text_until = RAW_TEXT.iter().copied().find(|raw| *raw == name);
        }
    }
}

/// A start or end tag.
struct Tag {
    /// Lower-cased.
    name: String,
    closing: bool,
    self_closing: bool,
}

impl Tag {
    /// `None` when `markup` (which starts with `<`) is no tag; `Some(None)` when it
    /// starts one that does not end in `markup`; else the tag and its length in bytes.
    fn parse(markup: &str) -> Option<Option<(Tag, usize)>> {
        let after = &markup[1..];
        let (closing, after) = match after.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, after),
        };
        if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name_length = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        let name = after[..name_length].to_ascii_lowercase();
        let mut quote = None;
        for (at, character) in after[name_length..].char_indices() {
            match (quote, character) {
                (Some(open), _) if character == open => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(character),
                (None, '>') => {
                    let end = name_length + at;
                    let self_closing = after[..end].ends_with('/');
                    let length = markup.len() - after.len() + end + 1;
                    let tag = Tag {
                        name,
                        closing,
                        self_closing,
                    };
                    return Some(Some((tag, length)));
                }
                (None, _) => {}
            }
        }
        Some(None)
    }
}

/// Byte ranges, in `html`, of the values of `href` and `src` attributes that are site
/// URLs (one `/`, then a path), in the tags that start and end in `html`.
pub(super) fn site_url_values(html: &str) -> Vec<Range<usize>> {
    let mut values = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|open| at + open) {
        let markup = &html[open..];
        if markup.starts_with("<!--") {
            match markup.find("-->") {
                Some(end) => at = open + end + 3,
                None => break,
            }
            continue;
        }
        let Some(Some((tag, length))) = Tag::parse(markup) else {
            at = open + 1;
            continue;
        };
        at = open + length;
        if tag.closing {
            continue;
        }
        for (name, value) in attributes(&markup[..length]) {
            let value_text = &markup[value.clone()];
            let is_site_url = value_text.starts_with('/')
                && !value_text.starts_with("//")
                && !value_text.starts_with("/\\");
            if is_site_url && matches!(name.to_ascii_lowercase().as_str(), "href" | "src") {
                values.push(open + value.start..open + value.end);
            }
        }
        if let Some(raw) = RAW_TEXT.iter().find(|raw| **raw == tag.name) {
            match find_end_tag(&html[at..], raw) {
                Some(end) => at += end,
                None => break,
            }
        }
    }
    values
}

/// The attributes of one tag (`<name ...>`): each name with the byte range of its value.
fn attributes(tag: &str) -> Vec<(&str, Range<usize>)> {
    let bytes = tag.as_bytes();
    let mut found = Vec::new();
    let name_end = tag[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .map_or(tag.len(), |end| end + 1);
    let mut at = name_end;
    let skip_space = |mut at: usize| {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    loop {
        at = skip_space(at);
        let name_start = at;
        while at < bytes.len() && !b" \t\r\n\"'>/=".contains(&bytes[at]) {
            at += 1;
        }
        if at == name_start {
            if at < bytes.len() && bytes[at] == b'/' {
                at += 1;
                continue;
            }
            return found;
        }
        let name = &tag[name_start..at];
        at = skip_space(at);
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at = skip_space(at + 1);
        let value = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = at + 1;
                let end = tag[start..]
                    .find(char::from(quote))
                    .map_or(tag.len(), |end| start + end);
                at = (end + 1).min(tag.len());
                start..end
            }
            _ => {
                let start = at;
                while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                    at += 1;
                }
                start..at
            }
        };
        found.push((name, value));
    }
}

/// Where the end tag `</name` of a raw-text element starts in `text`.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("</") {
        let start = from + at;
        let after = &lower[start + 2..];
        if after.starts_with(name)
            && !after[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// `&amp;`, `&#233;` and the like as the characters they stand for. Other named
/// references are only a handful in practice and become a space: this text is for
/// words and summaries, not for display.
fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[1..]
            .find(';')
            .map(|end| end + 1)
            .filter(|&end| end <= 32)
        else {
            decoded.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let character = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name.strip_prefix('#').map(|number| {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32).unwrap_or('\u{fffd}')
            }),
        };
        match character {
            Some(character) => decoded.push(character),
            None if name.bytes().all(|byte| byte.is_ascii_alphanumeric()) => decoded.push(' '),
            None => {
                decoded.push('&');
                rest = &rest[1..];
                continue;
            }
        }
        rest = &rest[end + 1..];
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(chunks: &[&str]) -> (String, RawHtml) {
        let mut html = RawHtml::default();
        let mut text = String::new();
        for chunk in chunks {
            html.feed(chunk, &mut |piece| text.push_str(piece));
        }
        (text, html)
    }

    #[test]
    fn text_of_html_blocks_is_read_without_tags_comments_or_scripts() {
        let (text, html) = visible(&[
            "<div class=\"x\">Hello <b>world</b> &amp; caf&#233;<!-- a\n",
            "comment --><script>if (a < b) { x = '<a>' }</script>\n",
            "<style>p { color: red }</style>2 < 3</div>\n",
        ]);
        assert_eq!(text, "Hello world & café\n2 < 3\n");
        assert!(!html.forbids_links());
    }

    #[test]
    fn knows_when_text_sits_in_a_link_code_or_script() {
        let mut html = RawHtml::default();
        let mut ignore = |_: &str| {};
        html.feed("<a href=\"https://x.org/?a=>\">", &mut ignore);
        assert!(html.forbids_links() && !html.hides_text());
        html.feed("</A>", &mut ignore);
        assert!(!html.forbids_links());
        html.feed("<code>", &mut ignore);
        assert!(html.forbids_links());
        html.feed("</code>", &mut ignore);
        html.feed("<script>", &mut ignore);
        assert!(html.hides_text());
        html.feed("</script>", &mut ignore);
        assert!(!html.hides_text() && !html.forbids_links());
        html.feed("<br/><img src=x />", &mut ignore);
        assert!(!html.forbids_links());
    }

    #[test]
    fn finds_site_urls_in_tags_only() {
        let html = "<img alt=\"/no\" src=\"/images/map.png\"><a HREF='/countries/'>/text</a>\
                    <a href=//cdn.example.org/x><a href=/plain>x</a><!-- <a href=\"/c\"> -->\
                    <script>let a = '<a href=\"/s\">';</script><a href=\"https://x.org/\">";
        let values: Vec<&str> = site_url_values(html)
            .into_iter()
            .map(|range| &html[range])
            .collect();
        assert_eq!(values, ["/images/map.png", "/countries/", "/plain"]);
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode_references("a &amp; b &#x41;&#66; &mdash; & c &bogus"),
            "a & b AB   & c &bogus"
        );
    }
}
