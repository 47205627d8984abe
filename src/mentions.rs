//! Recognises known people and countries in running text.
//!
//! The patterns are every profile's name and aliases and every country's name, English
//! aliases and demonym ("Chinese" is China). All of them are found in one pass over a
//! text with a multi-pattern automaton (aho-corasick), case-sensitively and on word
//! boundaries, so "China" is found in "China's" but not in "Chinatown". This module only
//! finds; what to link or report is decided by `markdown` and `check`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::content::PersonProfile;
use crate::countries::CountryRegistry;
use crate::slugs::name_key;

/// Aliases too common in prose to count as a mention ("Latin America" is not the US).
const AMBIGUOUS_IN_PROSE: &[&str] = &["America"];

/// Who or what a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionTarget {
    /// A country, by ISO alpha-2 code.
    Country(&'static str),
    /// A person, by position in the profiles the matcher was built from.
    Person(usize),
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
    automaton: Option<AhoCorasick>,
    /// Per pattern: what it refers to and whether it is a demonym.
    targets: Vec<(MentionTarget, bool)>,
    people_by_key: HashMap<String, MentionTarget>,
}

impl MentionMatcher {
    /// A matcher for the countries of `registry` and the people of `profiles`.
    ///
    /// Profiles come first, so a person's alias wins over a country with the same name.
    pub fn new(registry: &CountryRegistry, profiles: &[PersonProfile]) -> MentionMatcher {
        let mut seen = HashSet::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut add = |pattern: &str, target: MentionTarget, demonym: bool| {
            let pattern = pattern.trim();
            if pattern.chars().count() < 2 || AMBIGUOUS_IN_PROSE.contains(&pattern) {
                return;
            }
            // Markdown's smart punctuation turns "d'Ivoire" into "d’Ivoire" in the text
            // the matcher sees, so both apostrophes are patterns.
            let curly = pattern.replace('\'', "\u{2019}");
            for form in [pattern.to_string(), curly] {
                if seen.insert(form.clone()) {
                    patterns.push(form);
                    targets.push((target, demonym));
                }
            }
        };
        for (position, profile) in profiles.iter().enumerate() {
            for name in std::iter::once(&profile.name).chain(&profile.aliases) {
                add(&name.name, MentionTarget::Person(position), false);
            }
        }
        for country in registry.iter() {
            let target = MentionTarget::Country(country.alpha2);
            for form in &country.written_forms {
                add(form, target, false);
            }
            if let Some(demonym) = country.demonym {
                add(demonym, target, true);
            }
        }
        let people_by_key = profiles
            .iter()
            .enumerate()
            .flat_map(|(position, profile)| {
                std::iter::once(&profile.name)
                    .chain(&profile.aliases)
                    .map(move |name| (name_key(&name.name), MentionTarget::Person(position)))
            })
            .collect();
        // A DFA: a few hundred kilobytes more than the default, and the fastest
        // search, which runs over every word of every article.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .ok();
        MentionMatcher {
            automaton,
            targets,
            people_by_key,
        }
    }

    /// Every mention in `text`, in order, on word boundaries.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|found| on_word_boundaries(text, found.range()))
            .map(|found| {
                let (target, demonym) = self.targets[found.pattern().as_usize()];
                Found {
                    range: found.range(),
                    target,
                    demonym,
                }
            })
            .collect()
    }

    /// The target a front-matter person name stands for, if it names a profile.
    pub fn person(&self, name: &str) -> Option<MentionTarget> {
        self.people_by_key.get(&name_key(name)).copied()
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
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::parse_person_profile;

    fn matcher() -> MentionMatcher {
        let profiles = vec![
            parse_person_profile(
                "---\nname: Sergey Lavrov\naliases: [Lavrov, Сергей Лавров]\n---\n",
                Path::new("lavrov.md"),
            )
            .unwrap(),
            parse_person_profile(
                "---\nname: Wang Yi\naliases: [王毅]\n---\n",
                Path::new("wang.md"),
            )
            .unwrap(),
        ];
        MentionMatcher::new(&CountryRegistry::new(), &profiles)
    }

    fn found(text: &str) -> Vec<(&str, MentionTarget)> {
        matcher()
            .find(text)
            .into_iter()
            .map(|found| (&text[found.range], found.target))
            .collect()
    }

    #[test]
    fn finds_names_aliases_and_demonyms_in_one_pass() {
        assert_eq!(
            found("Chinese officials met Lavrov and Wang Yi in Switzerland."),
            [
                ("Chinese", MentionTarget::Country("CN")),
                ("Lavrov", MentionTarget::Person(0)),
                ("Wang Yi", MentionTarget::Person(1)),
                ("Switzerland", MentionTarget::Country("CH")),
            ]
        );
    }

    #[test]
    fn prefers_the_longest_name() {
        assert_eq!(
            found("Sergey Lavrov spoke."),
            [("Sergey Lavrov", MentionTarget::Person(0))]
        );
        assert_eq!(
            found("the United States said"),
            [("United States", MentionTarget::Country("US"))]
        );
    }

    #[test]
    fn never_matches_inside_a_longer_word() {
        assert_eq!(found("Chinatown, Lavrovian and Ukrainer"), []);
        assert_eq!(
            found("Iranian"),
            [("Iranian", MentionTarget::Country("IR"))]
        );
        assert_eq!(found("Iran's"), [("Iran", MentionTarget::Country("IR"))]);
    }

    #[test]
    fn is_case_sensitive() {
        assert!(found("china and turkey for dinner").is_empty());
    }

    #[test]
    fn finds_names_in_other_scripts() {
        assert_eq!(
            found("Сергей Лавров и 王毅说"),
            [
                ("Сергей Лавров", MentionTarget::Person(0)),
                ("王毅", MentionTarget::Person(1)),
            ]
        );
    }

    #[test]
    fn finds_abbreviations_and_curly_apostrophes() {
        assert_eq!(
            found("the U.S. and Côte d’Ivoire and the UK"),
            [
                ("U.S.", MentionTarget::Country("US")),
                ("Côte d’Ivoire", MentionTarget::Country("CI")),
                ("UK", MentionTarget::Country("GB")),
            ]
        );
    }

    #[test]
    fn ambiguous_aliases_are_not_mentions() {
        assert!(found("Latin America").is_empty());
    }

    #[test]
    fn resolves_front_matter_names_to_profiles() {
        assert_eq!(matcher().person("lavrov"), Some(MentionTarget::Person(0)));
        assert_eq!(matcher().person("Nobody"), None);
    }
}
