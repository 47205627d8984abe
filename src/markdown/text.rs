//! Plain text taken from a parsed body: heading ids, the summary, the distinct words.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Heading, SUMMARY_LENGTH};
use crate::slugs::slugify;

/// Shifts headings one level down (a body `#` becomes `h2` under the page title) and
/// gives each an `id` from its text, unique within the body.
pub(super) fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    // The page title is the `h1`: the body's highest heading becomes `h2`, whatever
    // level it was written at, and no heading goes more than one level below the one
    // before it, so the page's outline never skips a level.
    let highest = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut previous = 1_u8;
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
                let wanted = (*level as u8).saturating_sub(highest) + 2;
                let shifted = level_of(wanted.min(previous + 1));
                previous = shifted as u8;
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
                *level = level_of(previous);
            }
            index = end;
        }
        index += 1;
    }
    headings
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

/// The plain text of the first paragraph, without markup, shortened to a summary.
pub(super) fn first_paragraph_text(events: &[Event<'_>]) -> String {
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

pub(super) fn distinct_words(events: &[Event<'_>]) -> String {
    // Words are remembered by a hash of their lower-case form, so none is copied more
    // than once; the seeds are fixed so the output is the same on every run.
    let hasher = ahash::RandomState::with_seeds(0x6272, 0x6965, 0x6669, 0x6e67);
    let mut seen: HashSet<u64, BuildHasherDefault<AlreadyHashed>> = HashSet::default();
    let mut lower = String::new();
    let mut words = String::new();
    for event in events {
        if let Event::Text(text) | Event::Code(text) = event {
            // Apostrophes end words, whichever is typed: the modifier letter ʼ counts
            // as a letter, but "dʼIvoire" must give the words of "d'Ivoire".
            for word in text.split(|c: char| !c.is_alphanumeric() || c == '\u{02BC}') {
                if word.is_empty() {
                    continue;
                }
                lower.clear();
                if word
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
                {
                    lower.push_str(word);
                } else if word.is_ascii() {
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(word.chars().flat_map(char::to_lowercase));
                }
                if seen.insert(hasher.hash_one(lower.as_str())) {
                    if !words.is_empty() {
                        words.push(' ');
                    }
                    words.push_str(&lower);
                }
            }
        }
    }
    words
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
