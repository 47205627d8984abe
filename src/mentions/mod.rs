//! Recognises known people and countries in running text.
//!
//! The patterns are every profile's name and aliases and every country's written forms
//! (names, English aliases, "St." spellings, comma-inverted forms) and demonyms in their
//! sovereign meaning ("American" is the United States; "Dominican", shared by two
//! states, is nobody). All of them are found in one pass over a text with a
//! multi-pattern automaton (aho-corasick), longest match first, case-sensitively and on
//! word boundaries, so "China" is found in "China's" but not in "Chinatown", and
//! "British Virgin Islands" is not the United Kingdom. This module only finds; what to
//! link or report is decided by `markdown` and `check`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::catalog::{Catalog, EntityDetails, EntityId, EntityKind};
use crate::countries::CountryRegistry;
use crate::digest::Digest;

/// Aliases too common in prose to count as a mention ("America" may be the continent).
const AMBIGUOUS_IN_PROSE: &[&str] = &["America"];

/// Names that contain a country's name or demonym but mean none: found, so that the
/// shorter name inside them is not, and then dropped.
const NOT_COUNTRIES: &[&str] = &[
    "Latin America",
    "Latin American",
    "North America",
    "North American",
    "South America",
    "South American",
    "Central America",
    "Central American",
    "Indian Ocean",
    "New Guinea",
];

/// The apostrophes writers and Markdown's smart punctuation put in names: straight,
/// curly, and the modifier letter some keyboards type.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

/// Who or what a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionTarget {
    /// An entity of the catalog: a profiled person, or a country the site names.
    Entity(EntityId),
    /// A country the site names nowhere, by ISO alpha-2 code: it has no page.
    Country(&'static str),
}

impl MentionTarget {
    /// Whether it is a country (with a page or without).
    pub fn is_country(self) -> bool {
        match self {
            MentionTarget::Entity(id) => id.kind == EntityKind::Country,
            MentionTarget::Country(_) => true,
        }
    }
}

/// A mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the mention in the text.
    pub range: Range<usize>,
    /// What it refers to.
    pub target: MentionTarget,
    /// Whether the text is a demonym ("Chinese") rather than a name.
    pub demonym: bool,
}

/// Finds mentions of known people and countries.
#[derive(Debug, Clone)]
pub struct MentionMatcher {
    /// Every name, in the order of `targets`.
    patterns: Vec<String>,
    /// Built from `patterns` when the first text is searched: a build whose bodies all
    /// come from the cache never needs it, and it is the slow part of a matcher.
    automaton: OnceLock<Option<AhoCorasick>>,
    /// Per pattern: what it refers to and whether it is a demonym; `None` for a name
    /// that means no one (see [`NOT_COUNTRIES`]).
    targets: Vec<Option<(MentionTarget, bool)>>,
    /// A digest of every pattern and what it stands for, by slug and code rather than
    /// by id: what a cached body's mentions depend on.
    digest: u128,
}

impl MentionMatcher {
    /// A matcher for the countries of `registry` and the profiled people of `catalog`.
    ///
    /// People come first, so a person's alias wins over a country with the same name.
    pub fn new(registry: &CountryRegistry, catalog: &Catalog) -> MentionMatcher {
        let mut seen = HashSet::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut add = |pattern: &str, target: Option<(MentionTarget, bool)>| {
            let pattern = pattern.trim();
            if pattern.chars().count() < 2 || AMBIGUOUS_IN_PROSE.contains(&pattern) {
                return;
            }
            // Writers type either apostrophe, and Markdown's smart punctuation turns a
            // straight one into a curly one in some places and not others, so every
            // apostrophe of a name is a pattern in each form.
            let straight = pattern.replace(APOSTROPHES, "'");
            let forms =
                APOSTROPHES.map(|apostrophe| straight.replace('\'', &apostrophe.to_string()));
            for form in forms {
                if seen.insert(form.clone()) {
                    patterns.push(form);
                    targets.push(target);
                }
            }
        };
        let profiled = catalog.entities(EntityKind::Person).filter(|(_, person)| {
            matches!(&person.details, EntityDetails::Person(details) if details.has_profile)
        });
        for (id, person) in profiled {
            let target = Some((MentionTarget::Entity(id), false));
            for name in std::iter::once(&person.name).chain(&person.aliases) {
                add(name, target);
            }
        }
        let country_target = |alpha2: &'static str| {
            catalog
                .country(alpha2)
                .map_or(MentionTarget::Country(alpha2), MentionTarget::Entity)
        };
        for country in registry.iter() {
            let target = country_target(country.alpha2);
            for form in &country.written_forms {
                add(form, Some((target, false)));
            }
        }
        for (demonym, country) in registry.demonyms() {
            add(demonym, Some((country_target(country.alpha2), true)));
        }
        for name in NOT_COUNTRIES {
            add(name, None);
        }
        let mut digest = Digest::new();
        for (pattern, target) in patterns.iter().zip(&targets) {
            digest.str(pattern);
            match target {
                Some((target, demonym)) => digest
                    .str(&portable(*target, catalog))
                    .number(u128::from(*demonym)),
                None => digest.str(""),
            };
        }
        MentionMatcher {
            patterns,
            automaton: OnceLock::new(),
            targets,
            digest: digest.finish(),
        }
    }

    /// A digest of what the matcher finds: two matchers with the same digest find the
    /// same mentions of the same entities, by slug, in any text.
    pub fn digest(&self) -> u128 {
        self.digest
    }

    /// Every mention in `text`, in order, on word boundaries. A line break inside a name
    /// counts as a space ("British Virgin\nIslands").
    pub fn find(&self, text: &str) -> Vec<Found> {
        // A DFA: a few hundred kilobytes more than the default, and the fastest
        // search, which runs over every word of every article.
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.patterns)
                .ok()
        });
        let Some(automaton) = automaton else {
            return Vec::new();
        };
        // A space is as long as a line break, so ranges in the copy are ranges in `text`.
        let spaced;
        let text = if text.contains('\n') {
            spaced = text.replace('\n', " ");
            spaced.as_str()
        } else {
            text
        };
        automaton
            .find_iter(text)
            .filter(|found| on_word_boundaries(text, found.range()))
            .filter_map(|found| {
                let (target, demonym) = self.targets[found.pattern().as_usize()]?;
                Some(Found {
                    range: found.range(),
                    target,
                    demonym,
                })
            })
            .collect()
    }
}

/// A target as a name that stays the same from one build to the next, where ids may
/// not: `person:wang-yi`, `country:CN`.
pub fn portable(target: MentionTarget, catalog: &Catalog) -> String {
    let (kind, key) = portable_parts(target, catalog);
    format!("{kind}:{key}")
}

/// The two parts of the [`portable`] name of `target`, its kind and its key, for
/// what needs them without the name made.
pub fn portable_parts(target: MentionTarget, catalog: &Catalog) -> (&'static str, &str) {
    match target {
        MentionTarget::Entity(id) => match &catalog.entity(id).details {
            EntityDetails::Country(country) => ("country", country.alpha2),
            EntityDetails::Person(_) => ("person", &catalog.entity(id).slug),
        },
        MentionTarget::Country(alpha2) => ("country", alpha2),
    }
}

/// The target a [`portable`] name stands for in `catalog`, if it is still there.
pub fn from_portable(
    name: &str,
    catalog: &Catalog,
    registry: &CountryRegistry,
) -> Option<MentionTarget> {
    let (kind, key) = name.split_once(':')?;
    match kind {
        "country" => {
            let alpha2 = registry.by_alpha2(key)?.alpha2;
            Some(
                catalog
                    .country(alpha2)
                    .map_or(MentionTarget::Country(alpha2), MentionTarget::Entity),
            )
        }
        "person" => catalog
            .find(EntityKind::Person, key)
            .map(MentionTarget::Entity),
        _ => None,
    }
}

/// Whether a match neither starts nor ends inside a word. Scripts written without
/// spaces (Chinese, Japanese, Korean) have no word boundaries to check.
fn on_word_boundaries(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range].chars().next_back();
    let joins = |outside: Option<char>, edge: Option<char>| match (outside, edge) {
        (Some(outside), Some(edge)) => {
            outside.is_alphanumeric() && edge.is_alphanumeric() && !is_unspaced(edge)
        }
        _ => false,
    };
    !joins(before, first) && !joins(after, last)
}

fn is_unspaced(character: char) -> bool {
    matches!(character,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests;
