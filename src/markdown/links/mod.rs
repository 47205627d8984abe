//! Links in bodies: links to other articles written as their source path
//! (`../2024/talks.md`) become site URLs, site URLs (`/countries/brazil/`) get the base
//! path, script URLs are dropped, and every internal and dropped link is recorded with
//! its place for `check`. Also what bodies know of the site to link into it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::bundle_links::{BundleTarget, resolve_bundle_link};
use super::html::site_url_values;
use super::pictures::{Picture, show_picture};
use super::{BodyLink, BundleFileLink, DroppedLink, Refusal, RefusedLink};
use crate::catalog::EntityId;
use crate::content::Bundle;
use crate::error::SourceLocation;
use crate::mentions::MentionMatcher;
use crate::paths::PathTable;
use crate::routes::LinkTargets;

/// What bodies need to know about the rest of the site to link into it.
pub struct SiteLinks<'a> {
    pub(super) matcher: &'a MentionMatcher,
    /// The page of every entity of the catalog.
    pub(super) target_links: HashMap<EntityId, String>,
    /// Normalized source path of every article → its page. Every body's key looks up
    /// its own page here.
    article_links: PathTable<String>,
    /// Whether first mentions of listed entities become links.
    pub(super) link_mentions: bool,
    /// See [`LinkTargets::base_path`].
    pub(super) base_path: String,
}

impl<'a> SiteLinks<'a> {
    /// Links into `targets`, finding mentions with `matcher` (built from the same
    /// catalog as the targets).
    pub fn new(targets: LinkTargets, matcher: &'a MentionMatcher, link_mentions: bool) -> Self {
        let article_links = targets
            .articles
            .into_iter()
            .map(|(path, link)| (normalize(&path), link))
            .collect();
        SiteLinks {
            matcher,
            target_links: targets.entities,
            article_links,
            link_mentions,
            base_path: targets.base_path,
        }
    }

    /// The page of the article whose source is `source_path`.
    pub(super) fn article_link(&self, source_path: &Path) -> Option<&str> {
        self.article_links
            .get(&normalize(source_path))
            .map(String::as_str)
    }
}

/// A body being rendered: where it came from and what it lists.
pub struct BodyLinks<'a> {
    /// The site's links.
    pub site: &'a SiteLinks<'a>,
    /// The file the body is in, to resolve relative links.
    pub source_path: &'a Path,
    /// The file line on which the body starts.
    pub first_line: usize,
    /// Entities the front matter lists, whose first mention is linked.
    pub listed: &'a [EntityId],
    /// The bundle the body is in, whose files its relative links name.
    pub bundle: Option<&'a Bundle>,
}

/// What [`rewrite_links`] found, besides the rewritten events.
#[derive(Default)]
pub(super) struct FoundLinks {
    pub(super) links: Vec<BodyLink>,
    pub(super) dropped: Vec<DroppedLink>,
    pub(super) files: Vec<BundleFileLink>,
    pub(super) refused: Vec<RefusedLink>,
}

/// Maps byte offsets of a text to 1-based lines and columns.
pub(super) struct LineIndex<'t> {
    pub(super) text: &'t str,
    starts: Vec<usize>,
    first_line: usize,
    path: &'t Path,
}

impl<'t> LineIndex<'t> {
    /// Positions in `text`, which starts at line `first_line` of the file `path`.
    pub(super) fn new(text: &'t str, path: &'t Path, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex {
            text,
            starts,
            first_line,
            path,
        }
    }

    /// The file, line and column of byte `offset`.
    pub(super) fn location(&self, offset: usize) -> SourceLocation {
        let (line, column) = self.position(offset);
        SourceLocation::new(self.path, line, column)
    }

    /// The line and column of byte `offset`.
    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        (self.first_line + line, column)
    }
}

/// Rewrites links to source files and root-relative site URLs into links under the
/// base path, drops script URLs (keeping the link's text), and returns every internal
/// link and every dropped one with where it was written. In a bundle, relative links
/// to its files become their published URLs.
pub(super) fn rewrite_links(
    events: &mut [Event<'_>],
    ranges: &[Range<usize>],
    body: Option<&BodyLinks<'_>>,
    lines: &LineIndex<'_>,
) -> FoundLinks {
    let mut found = FoundLinks::default();
    let FoundLinks {
        links,
        dropped,
        files,
        refused,
    } = &mut found;
    for index in 0..events.len() {
        let (is_image, dest_url) = match &mut events[index] {
            Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url),
            Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url),
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(body) = body {
                    let start = ranges[index].start;
                    links.extend(prefix_site_urls(html, body.site, |offset| {
                        lines.location(start + offset)
                    }));
                }
                continue;
            }
            _ => continue,
        };
        let location = lines.location(ranges[index].start);
        if is_script_url(dest_url, is_image) {
            dropped.push(DroppedLink {
                written: dest_url.to_string(),
                location,
            });
            unwrap_element(events, index);
            continue;
        }
        if is_external(dest_url) {
            continue;
        }
        let written = dest_url.to_string();
        if let Some(body) = body {
            if let Some(rewritten) = resolve_source_link(dest_url, body) {
                *dest_url = CowStr::from(rewritten);
            } else if let Some(target) = resolve_bundle_link(dest_url, body) {
                match target {
                    BundleTarget::File {
                        name,
                        page,
                        image: Some(Ok(size)),
                        ..
                    } if is_image => {
                        let picture = Picture {
                            page: &page,
                            name: &name,
                            size,
                        };
                        let src = show_picture(events, index, &picture);
                        files.push(BundleFileLink {
                            name,
                            location: location.clone(),
                            image: Some(size),
                        });
                        links.push(BodyLink {
                            written,
                            destination: src,
                            location,
                        });
                        continue;
                    }
                    BundleTarget::File {
                        image: Some(Err(message)),
                        ..
                    } if is_image => {
                        refused.push(RefusedLink {
                            code: Refusal::UndecodableImage,
                            reason: format!("image `{written}` cannot be decoded: {message}"),
                            location,
                        });
                        continue;
                    }
                    BundleTarget::File { name, url, .. } => {
                        *dest_url = CowStr::from(url);
                        files.push(BundleFileLink {
                            name,
                            location: location.clone(),
                            image: None,
                        });
                    }
                    BundleTarget::Refused(reason) => {
                        refused.push(RefusedLink {
                            code: Refusal::BundleEscape,
                            reason,
                            location,
                        });
                        continue;
                    }
                }
            } else if dest_url.starts_with('/') && !body.site.base_path.is_empty() {
                // A site URL as written is a path in the site: under a sub-path it
                // needs the sub-path, as every link the site makes has it.
                *dest_url = CowStr::from(format!("{}{}", body.site.base_path, dest_url));
            }
        }
        links.push(BodyLink {
            written,
            destination: dest_url.to_string(),
            location,
        });
    }
    found
}

/// Gives the site URLs in `href` and `src` attributes of raw HTML the base path, as
/// Markdown links get it, and returns them as links for `check`.
fn prefix_site_urls(
    html: &mut CowStr<'_>,
    site: &SiteLinks<'_>,
    location: impl Fn(usize) -> SourceLocation,
) -> Vec<BodyLink> {
    let values = site_url_values(html);
    if values.is_empty() {
        return Vec::new();
    }
    if site.base_path.is_empty() {
        return values
            .into_iter()
            .map(|value| BodyLink {
                written: html[value.clone()].to_string(),
                destination: html[value.clone()].to_string(),
                location: location(value.start),
            })
            .collect();
    }
    let mut rewritten = String::with_capacity(html.len() + values.len() * site.base_path.len());
    let mut links = Vec::with_capacity(values.len());
    let mut copied = 0;
    for value in values {
        let written = &html[value.clone()];
        rewritten.push_str(&html[copied..value.start]);
        rewritten.push_str(&site.base_path);
        rewritten.push_str(written);
        copied = value.end;
        links.push(BodyLink {
            written: written.to_string(),
            destination: format!("{}{written}", site.base_path),
            location: location(value.start),
        });
    }
    rewritten.push_str(&html[copied..]);
    *html = CowStr::from(rewritten);
    links
}

/// Turns the link or image starting at `start` into its content alone: its start and
/// end events become empty text.
fn unwrap_element(events: &mut [Event<'_>], start: usize) {
    let is_image = matches!(events[start], Event::Start(Tag::Image { .. }));
    let mut depth = 0_usize;
    for (offset, event) in events[start..].iter_mut().enumerate() {
        let (opens, closes) = match event {
            Event::Start(Tag::Image { .. }) => (is_image, false),
            Event::Start(Tag::Link { .. }) => (!is_image, false),
            Event::End(TagEnd::Image) => (false, is_image),
            Event::End(TagEnd::Link) => (false, !is_image),
            _ => (false, false),
        };
        if opens {
            depth += 1;
        } else if closes {
            depth -= 1;
        }
        if offset == 0 || closes && depth == 0 {
            *event = Event::Text(CowStr::Borrowed(""));
        }
        if closes && depth == 0 {
            return;
        }
    }
}

/// `../2024/talks.md#background` written in `content/articles/2025/a.md` becomes
/// `/articles/talks/#background` when that article exists.
fn resolve_source_link(destination: &str, body: &BodyLinks<'_>) -> Option<String> {
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    if !path.ends_with(".md") || path.starts_with('/') {
        return None;
    }
    let folder = body.source_path.parent().unwrap_or(Path::new(""));
    let target = normalize(&folder.join(path));
    let link = body.site.article_links.get(&target)?;
    Some(match fragment {
        Some(fragment) => format!("{link}#{fragment}"),
        None => link.clone(),
    })
}

/// A path with `.` and `..` folded away, without touching the disk.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Whether a link target would run code in the page: `javascript:` and `vbscript:`,
/// and `data:` for a link (an image's `data:` is only a picture).
fn is_script_url(url: &str, is_image: bool) -> bool {
    match scheme(url).as_deref() {
        Some("javascript" | "vbscript") => true,
        Some("data") => !is_image,
        _ => false,
    }
}

/// Whether a link leaves the site (has a scheme, or is protocol-relative).
fn is_external(url: &str) -> bool {
    url.starts_with("//") || url.starts_with("/\\") || scheme(url).is_some()
}

/// The scheme of a URL, lower-cased, as a browser reads it: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`. Anything else before the first `:` (`10:30`,
/// `foo):`) makes a relative URL. Browsers skip leading spaces and control characters
/// and ignore tabs and newlines, so this does too.
pub(super) fn scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for character in url.trim_start_matches(|c: char| c <= ' ').chars() {
        match character {
            '\t' | '\n' | '\r' => {}
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests;
