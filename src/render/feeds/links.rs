//! Links in the HTML of feed entries, made absolute: a feed reader may not know which
//! page an entry came from, so a root-relative or relative URL would lead nowhere.

use std::borrow::Cow;

use crate::render::xml::push_escaped;
use crate::routes::Routes;

/// The scheme and host of a full `base_url` (`https://example.org`), which every
/// root-relative link of a body is below; `None` for a root-relative base.
pub(in crate::render) fn origin(routes: &Routes) -> Option<String> {
    if !routes.has_absolute_base() {
        return None;
    }
    // The home page's URL is the origin, the base path and a `/`.
    let mut home = routes.absolute_url(&routes.home());
    home.truncate(home.len() - routes.base_path().len() - 1);
    Some(home)
}

/// `html` with the URL of every `href` and `src` attribute made absolute: root-relative
/// ones below `origin`, relative ones (`#part`, `image.png`) against `page_url`.
///
/// Tags are read with their quoted values, so text that only looks like an attribute
/// (a code sample) stays as it is, and the contents of `script` and `style` are skipped.
pub(super) fn absolute_links<'h>(html: &'h str, origin: &str, page_url: &str) -> Cow<'h, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |end| start + end + 3);
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let name_end = tag_token_end(bytes, start + 1);
        let name = &html[start + 1..name_end];
        at = name_end;
        // Attributes, up to the end of the tag.
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'>' {
                at += 1;
                break;
            }
            let attribute_start = at;
            at = tag_token_end(bytes, at).max(at + 1);
            let attribute = &html[attribute_start..at];
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let (value_start, value_end) = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let value_start = at + 1;
                    let value_end = html[value_start..]
                        .find(quote as char)
                        .map_or(html.len(), |end| value_start + end);
                    at = (value_end + 1).min(html.len());
                    (value_start, value_end)
                }
                _ => {
                    let value_start = at;
                    at = bytes[at..]
                        .iter()
                        .position(|&byte| byte.is_ascii_whitespace() || byte == b'>')
                        .map_or(bytes.len(), |length| at + length);
                    (value_start, at)
                }
            };
            let is_url =
                attribute.eq_ignore_ascii_case("href") || attribute.eq_ignore_ascii_case("src");
            if let Some(prefix) = is_url
                .then(|| url_prefix(&html[value_start..value_end], origin, page_url))
                .flatten()
            {
                out.push_str(&html[copied..value_start]);
                push_escaped(&mut out, prefix);
                copied = value_start;
            }
        }
        // Script and style hold text, not tags, up to their end tag.
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            at = end_tag(html, at.min(html.len()), name);
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Where the end tag of the element `name` starts, searching from `from`, whatever its
/// case; the end of `html` when there is none.
fn end_tag(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let candidate = html.as_bytes().get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes())) {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

/// The end of a tag or attribute name that starts at `start`.
fn tag_token_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&byte| byte.is_ascii_whitespace() || matches!(byte, b'>' | b'/' | b'='))
        .map_or(bytes.len(), |length| start + length)
}

/// What to put before `url` to make it absolute: the origin for `/path`, `https:` for
/// `//host/path`, the page for a relative URL; `None` when it has a scheme already.
pub(in crate::render) fn url_prefix<'a>(
    url: &str,
    origin: &'a str,
    page_url: &'a str,
) -> Option<&'a str> {
    if let Some(rest) = url.strip_prefix('/') {
        return Some(if rest.starts_with('/') {
            origin
                .split_once("//")
                .map_or("https:", |(scheme, _)| scheme)
        } else {
            origin
        });
    }
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    let has_scheme = scheme_end.is_some_and(|end| {
        end > 0 && url.as_bytes()[end] == b':' && url.as_bytes()[0].is_ascii_alphabetic()
    });
    (!has_scheme).then_some(page_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn absolute(html: &str) -> String {
        absolute_links(
            html,
            "https://example.org",
            "https://example.org/b/articles/a/",
        )
        .into_owned()
    }

    #[test]
    fn links_and_images_become_absolute() {
        assert_eq!(
            absolute("<p><a href=\"/b/people/x/\">X</a> <img src='/b/map.png' alt=\"m\"></p>"),
            "<p><a href=\"https://example.org/b/people/x/\">X</a> \
             <img src='https://example.org/b/map.png' alt=\"m\"></p>"
        );
        assert_eq!(
            absolute("<a href=#part>p</a><a class=x href=\"map.png\">m</a>"),
            "<a href=https://example.org/b/articles/a/#part>p</a>\
             <a class=x href=\"https://example.org/b/articles/a/map.png\">m</a>"
        );
        assert_eq!(
            absolute("<a href=\"//cdn.example.net/x\">c</a>"),
            "<a href=\"https://cdn.example.net/x\">c</a>"
        );
    }

    #[test]
    fn full_urls_and_text_that_looks_like_links_stay() {
        for html in [
            "<a href=\"https://example.com/\">x</a><a href=\"mailto:a@example.org\">m</a>",
            "<p>&lt;a href=\"/x/\"&gt; and a < b href=\"/y/\"</p>",
            "<!-- <a href=\"/x/\"> --><p title=\"a > b\" data-href=\"/x/\">t</p>",
            "<script>let a = '<a href=\"/x/\">';</script><STYLE>a[href=\"/y\"]{}</style>",
        ] {
            assert_eq!(absolute(html), html);
            assert!(matches!(
                absolute_links(html, "https://example.org", "https://example.org/"),
                Cow::Borrowed(_)
            ));
        }
    }

    #[test]
    fn the_origin_is_the_base_url_without_its_path() {
        let origin = |base: &str| origin(&Routes::new(base));
        assert_eq!(
            origin("https://example.org/briefings/").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(
            origin("https://example.org/").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(origin("/"), None);
    }
}
