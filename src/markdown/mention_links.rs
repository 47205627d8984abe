//! The first mention of each entity an article lists becomes a link to its page, never
//! inside a link, a heading or code, whether written in Markdown or HTML; every first
//! mention of a known person or country is recorded with its place.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::MentionFound;
use super::html::RawHtml;
use super::links::{BodyLinks, LineIndex};
use crate::mentions::MentionTarget;

/// Finds mentions in text outside code, and links the first mention by name (not by
/// demonym: "Chinese" is found, "China" is linked) of each listed entity when it is
/// outside links and headings. Returns the first mention of every
/// entity found, in order.
pub(super) fn link_mentions<'e>(
    events: Vec<Event<'e>>,
    ranges: &[Range<usize>],
    body: &BodyLinks<'_>,
    lines: &LineIndex<'_>,
) -> (Vec<Event<'e>>, Vec<MentionFound>) {
    let site = body.site;
    let mut found_targets = HashSet::new();
    let mut mentions = Vec::new();
    let mut linked = HashSet::new();
    let mut output = Vec::with_capacity(events.len());
    // Depths of the contexts a mention may not be linked in.
    let (mut in_link, mut in_heading, mut in_code, mut in_image) = (0, 0, 0, 0);
    let mut raw_html = RawHtml::default();
    for (event, range) in events.into_iter().zip(ranges) {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => raw_html.feed(html, &mut |_| {}),
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link -= 1,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Start(Tag::Heading { .. }) => in_heading += 1,
            Event::End(TagEnd::Heading(_)) => in_heading -= 1,
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            _ => {}
        }
        let Event::Text(text) = &event else {
            output.push(event);
            continue;
        };
        if in_code > 0 || raw_html.hides_text() {
            output.push(event);
            continue;
        }
        let text: CowStr<'e> = text.clone();
        let may_link = site.link_mentions
            && in_link == 0
            && in_heading == 0
            && in_image == 0
            && !raw_html.forbids_links();
        let mut rest_start = 0;
        for found in site.matcher.find(&text) {
            if found_targets.insert(found.target) {
                let written = &text[found.range.clone()];
                let (line, column) =
                    lines.position(source_offset(lines.text, range, written, found.range.start));
                mentions.push(MentionFound {
                    target: found.target,
                    line,
                    column,
                });
            }
            let MentionTarget::Entity(id) = found.target else {
                continue;
            };
            if !may_link || found.demonym || !body.listed.contains(&id) || !linked.insert(id) {
                continue;
            }
            let Some(url) = site.target_links.get(&id) else {
                continue;
            };
            if found.range.start > rest_start {
                let before = text[rest_start..found.range.start].to_string();
                output.push(Event::Text(before.into()));
            }
            output.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: url.clone().into(),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            output.push(Event::Text(text[found.range.clone()].to_string().into()));
            output.push(Event::End(TagEnd::Link));
            rest_start = found.range.end;
        }
        if rest_start == 0 {
            output.push(Event::Text(text));
        } else if rest_start < text.len() {
            output.push(Event::Text(text[rest_start..].to_string().into()));
        }
    }
    (output, mentions)
}

/// Where a mention found at `in_text` of an event's text starts in the source.
/// Entities, escapes and merged text events make the text differ from the source
/// (`&amp;` is one byte of text), so the mention is looked for in the event's source, as
/// written or with straight apostrophes.
fn source_offset(source: &str, range: &Range<usize>, written: &str, in_text: usize) -> usize {
    let segment = source.get(range.clone()).unwrap_or_default();
    let straight = written.replace('\u{2019}', "'");
    let at = segment
        .find(written)
        .or_else(|| segment.find(&straight))
        .unwrap_or(in_text);
    (range.start + at).min(range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_after_entities_keep_their_source_column() {
        let source = "Trade &amp; aid: Russia's envoy met Côte d'Ivoire's";
        let text = "Trade & aid: Russia's envoy met Côte d'Ivoire's";
        let in_text = text.find("Côte").unwrap();
        assert_eq!(
            source_offset(source, &(0..source.len()), "Côte d'Ivoire", in_text),
            source.find("Côte").unwrap()
        );
    }
}
