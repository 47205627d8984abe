//! Headings and the ids of a body: levels shifted below the page title, a strict
//! `{#id .class}` list at the end of a heading, and ids for headings and footnotes that
//! are unique on the page.
//!
//! pulldown-cmark's own heading attributes are off: they accept any `{...}`, eat the
//! braces of `## Set {a, b}` and turn `onclick=...` into an attribute. Here only a list
//! of `#id` and `.class` words made of `A-Z a-z 0-9 _ -` is taken, so no attribute but
//! `id` and `class` can come from a heading, and any other braces stay visible text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::slugs::slugify;

/// Ids the built-in theme gives elements of the pages that show a body; a body's own
/// ids step aside for them.
const THEME_IDS: &[&str] = &["main", "over-time", "appears-with", "briefings"];

/// Shifts headings below the page title, takes their `{#id .class}` lists, and gives
/// every heading and footnote an id unique in the body. `source` is the text the
/// events were parsed from, with their `ranges`.
pub(super) fn assign_ids(events: &mut [Event<'_>], ranges: &[Range<usize>], source: &str) {
    let spans = heading_spans(events);
    let explicit: Vec<Option<HeadingAttributes>> = spans
        .iter()
        .map(|span| take_attributes(events, ranges, source, span.clone()))
        .collect();
    let mut ids = UniqueIds::default();
    // Written ids come first, so a heading named like one steps aside, not the other
    // way round: a link to `#dup` lands on the heading that asked for it.
    let explicit_ids: Vec<Option<String>> = explicit
        .iter()
        .map(|attributes| {
            let id = attributes.as_ref()?.id.as_deref()?;
            Some(ids.claim(id))
        })
        .collect();
    let highest = spans
        .iter()
        .filter_map(|span| match &events[span.start] {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut previous = 1_u8;
    for ((span, attributes), explicit_id) in spans.iter().zip(explicit).zip(explicit_ids) {
        let text = plain_text(&events[span.clone()]);
        let id = explicit_id.unwrap_or_else(|| match slugify(&text) {
            slug if slug.is_empty() => ids.claim("section"),
            slug => ids.claim(&slug),
        });
        // The page title is the `h1`: the body's highest heading becomes `h2`, whatever
        // level it was written at, and no heading goes more than one level below the
        // one before it, so the page's outline never skips a level.
        let mut shifted = HeadingLevel::H2;
        if let Event::Start(Tag::Heading {
            level,
            id: slot,
            classes,
            attrs,
        }) = &mut events[span.start]
        {
            let wanted = (*level as u8).saturating_sub(highest) + 2;
            shifted = level_of(wanted.min(previous + 1));
            *level = shifted;
            *slot = Some(CowStr::from(id.clone()));
            *classes = attributes
                .map(|attributes| attributes.classes.into_iter().map(CowStr::from).collect())
                .unwrap_or_default();
            attrs.clear();
        }
        previous = shifted as u8;
        if let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(span.end) {
            *level = shifted;
        }
    }
    name_footnotes(events, &mut ids);
}

/// The `{#id .class}` list of one heading.
#[derive(Debug, Default, PartialEq, Eq)]
struct HeadingAttributes {
    id: Option<String>,
    classes: Vec<String>,
}

/// Ids in use in one body. Each base remembers the next suffix to try, so a thousand
/// headings with the same text cost a thousand steps, not half a million.
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl UniqueIds {
    /// `base`, or `base-1`, `base-2`, ... : the first that is free, now taken.
    fn claim(&mut self, base: &str) -> String {
        if !self.is_taken(base) {
            self.used.insert(base.to_string());
            return base.to_string();
        }
        let mut next = self.next_suffix.get(base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}-{next}");
            next += 1;
            if !self.is_taken(&candidate) {
                self.next_suffix.insert(base.to_string(), next);
                self.used.insert(candidate.clone());
                return candidate;
            }
        }
    }

    fn is_taken(&self, id: &str) -> bool {
        self.used.contains(id) || THEME_IDS.contains(&id) || is_month_fragment(id)
    }
}

/// `month-2024-04`: the theme's id for a month in a list grouped by month.
fn is_month_fragment(id: &str) -> bool {
    id.strip_prefix("month-").is_some_and(|rest| {
        let bytes = rest.as_bytes();
        bytes.len() == 7
            && bytes[4] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(at, byte)| at == 4 || byte.is_ascii_digit())
    })
}

/// Index ranges `start..end` of every heading: `start` is its `Start` event, `end` its
/// `End` event.
fn heading_spans(events: &[Event<'_>]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { .. }) => start = Some(index),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = start.take() {
                    spans.push(start..index);
                }
            }
            _ => {}
        }
    }
    spans
}

/// The text of a heading's events, as a slug and the outline see it.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(piece) | Event::Code(piece) = event {
            text.push_str(piece);
        }
    }
    text
}

/// Takes a `{#id .class}` list off the end of the heading at `span`, if the heading's
/// text ends with one written as is (no escapes or entities inside), and trims the
/// space before it.
fn take_attributes(
    events: &mut [Event<'_>],
    ranges: &[Range<usize>],
    source: &str,
    span: Range<usize>,
) -> Option<HeadingAttributes> {
    // The trailing run of text events: pulldown-cmark splits text at characters that
    // might start markup (`_`, `*`, ...), so one list may span several.
    let last = span.end.checked_sub(1).filter(|&last| last > span.start)?;
    let mut first = last;
    while first > span.start + 1 && matches!(events[first - 1], Event::Text(_)) {
        first -= 1;
    }
    let mut tail = String::new();
    let mut verbatim = Vec::new();
    for index in first..=last {
        let Event::Text(piece) = &events[index] else {
            return None;
        };
        let written = source.get(ranges[index].clone()).unwrap_or_default();
        verbatim.push((
            tail.len()..tail.len() + piece.len(),
            written == piece.as_ref(),
        ));
        tail.push_str(piece);
    }
    let trimmed = tail.trim_end();
    let open = trimmed.rfind('{')?;
    let attributes = parse_attributes(trimmed[open..].strip_suffix('}')?.strip_prefix('{')?)?;
    // Braces that came from an escape or an entity were meant as text.
    let list = open..trimmed.len();
    if verbatim.iter().any(|(range, is_verbatim)| {
        !is_verbatim && range.start < list.end && list.start < range.end
    }) {
        return None;
    }
    let (brace_event, (brace_range, _)) = (first..=last)
        .zip(&verbatim)
        .find(|(_, (range, _))| range.contains(&open))?;
    let brace_at = ranges[brace_event].start + (open - brace_range.start);
    if brace_at == 0 || source.as_bytes().get(brace_at - 1) == Some(&b'\\') {
        return None;
    }
    let keep = tail[..open].trim_end().len();
    for (index, (range, _)) in (first..=last).zip(verbatim) {
        let Event::Text(piece) = &mut events[index] else {
            continue;
        };
        if range.end <= keep {
            continue;
        }
        let kept = keep.saturating_sub(range.start);
        *piece = CowStr::from(piece[..kept].to_string());
    }
    Some(attributes)
}

/// `#id .class .other`: at most one id, any number of classes, nothing else.
fn parse_attributes(list: &str) -> Option<HeadingAttributes> {
    let mut attributes = HeadingAttributes::default();
    for word in list.split_ascii_whitespace() {
        let (kind, name) = word.split_at_checked(1)?;
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
        match kind {
            "#" if valid && attributes.id.is_none() => attributes.id = Some(name.to_string()),
            "." if valid => attributes.classes.push(name.to_string()),
            _ => return None,
        }
    }
    (attributes != HeadingAttributes::default()).then_some(attributes)
}

/// Gives every footnote an id of its own, `fn-<label>`: pulldown-cmark would use the
/// label as written, so `[^background]` and `## Background` would share one.
fn name_footnotes(events: &mut [Event<'_>], ids: &mut UniqueIds) {
    let mut names: HashMap<String, String> = HashMap::new();
    for event in events.iter_mut() {
        let label = match event {
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => label,
            _ => continue,
        };
        let id = names
            .entry(label.to_string())
            .or_insert_with(|| match slugify(label) {
                slug if slug.is_empty() => ids.claim("fn"),
                slug => ids.claim(&format!("fn-{slug}")),
            });
        *label = CowStr::from(id.clone());
    }
}

fn level_of(number: u8) -> HeadingLevel {
    match number {
        0..=2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists_hold_only_ids_and_classes() {
        assert_eq!(
            parse_attributes("#x .a .b"),
            Some(HeadingAttributes {
                id: Some("x".into()),
                classes: vec!["a".into(), "b".into()],
            })
        );
        for not_a_list in [
            "",
            "a, b",
            "onclick=alert(1) .cls #x",
            "#x #y",
            "#",
            ".a\"b",
            "#x\"onclick",
        ] {
            assert_eq!(parse_attributes(not_a_list), None, "{not_a_list}");
        }
    }

    #[test]
    fn the_same_base_gets_the_next_free_suffix() {
        let mut ids = UniqueIds::default();
        let claimed: Vec<String> = ["a", "a", "a-1", "a", "main", "month-2024-04"]
            .iter()
            .map(|base| ids.claim(base))
            .collect();
        assert_eq!(
            claimed,
            ["a", "a-1", "a-1-1", "a-2", "main-1", "month-2024-04-1"]
        );
    }
}
