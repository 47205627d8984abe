//! Tests of `mentions`.

use std::path::Path;

use super::*;
use crate::content::{Content, parse_person_profile};

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
    let content = Content {
        people: profiles,
        ..Content::default()
    };
    let registry = CountryRegistry::new();
    let (catalog, errors) = Catalog::resolve(&content, &registry);
    assert!(errors.is_empty(), "{errors:?}");
    MentionMatcher::new(&registry, &catalog)
}

/// The profiled person at `index` in slug order (`lavrov`, then `wang`).
fn person(index: usize) -> MentionTarget {
    MentionTarget::Entity(EntityId {
        kind: EntityKind::Person,
        index,
    })
}

/// One matcher for every test: building the automaton is the slow part.
static MATCHER: std::sync::LazyLock<MentionMatcher> = std::sync::LazyLock::new(matcher);

fn found(text: &str) -> Vec<(&str, MentionTarget)> {
    MATCHER
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
            ("Lavrov", person(0)),
            ("Wang Yi", person(1)),
            ("Switzerland", MentionTarget::Country("CH")),
        ]
    );
}

#[test]
fn prefers_the_longest_name() {
    assert_eq!(
        found("Sergey Lavrov spoke."),
        [("Sergey Lavrov", person(0))]
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
        [("Сергей Лавров", person(0)), ("王毅", person(1)),]
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

fn countries(text: &str) -> Vec<(&str, &'static str)> {
    found(text)
        .into_iter()
        .filter_map(|(written, target)| match target {
            MentionTarget::Country(alpha2) => Some((written, alpha2)),
            MentionTarget::Entity(_) => None,
        })
        .collect()
}

#[test]
fn a_longer_name_wins_over_a_name_inside_it() {
    for (text, alpha2) in [
        ("Democratic People's Republic of Korea", "KP"),
        ("Democratic People’s Republic of Korea", "KP"),
        ("Congo, The Democratic Republic of the", "CD"),
        ("South Georgia and the South Sandwich Islands", "GS"),
        ("Virgin Islands, U.S.", "VI"),
        ("British Virgin Islands", "VG"),
        ("Saint-Martin (French part)", "MF"),
        ("Republic of China", "TW"),
        ("Chinese Taipei", "TW"),
        ("People's Republic of China", "CN"),
        ("Papua New Guinea", "PG"),
        ("Equatorial Guinea", "GQ"),
        ("Guinea-Bissau", "GW"),
        ("American Samoa", "AS"),
        ("St. Vincent and the Grenadines", "VC"),
        ("Korea, Republic of", "KR"),
    ] {
        assert_eq!(countries(text), [(text, alpha2)], "{text}");
    }
}

#[test]
fn a_name_wrapped_onto_the_next_line_is_found_whole() {
    assert_eq!(
        countries("the British Virgin\nIslands and the Democratic People's Republic\nof Korea"),
        [
            ("British Virgin\nIslands", "VG"),
            ("Democratic People's Republic\nof Korea", "KP")
        ]
    );
}

#[test]
fn demonyms_name_the_sovereign_state_they_usually_mean() {
    assert_eq!(
        countries("American, Nigerian, Nigerien, Swedish and French officials"),
        [
            ("American", "US"),
            ("Nigerian", "NG"),
            ("Nigerien", "NE"),
            ("Swedish", "SE"),
            ("French", "FR"),
        ]
    );
}

#[test]
fn ambiguous_names_and_demonyms_are_not_mentions() {
    assert_eq!(countries("Dominican and Congolese officials"), []);
    assert_eq!(countries("talks on Korea and the Congo and Guinea"), []);
    assert_eq!(countries("Latin American and South American leaders"), []);
    assert_eq!(
        countries("the Dominican Republic"),
        [("Dominican Republic", "DO")]
    );
}

#[test]
fn straight_and_curly_apostrophes_are_alike() {
    for text in [
        "Côte d'Ivoire",
        "Côte d’Ivoire",
        "Côte dʼIvoire",
        "Lao People's Democratic Republic",
        "Lao People’s Democratic Republic",
    ] {
        assert_eq!(countries(text).len(), 1, "{text}");
        assert_eq!(countries(text)[0].0, text);
    }
    assert_eq!(
        countries("Russia's and Russia’s"),
        [("Russia", "RU"), ("Russia", "RU")]
    );
}

#[test]
fn former_names_are_mentions_of_the_successor() {
    assert_eq!(
        countries("Zaire and Ceylon"),
        [("Zaire", "CD"), ("Ceylon", "LK")]
    );
}

/// Every country's ISO short name and official name in running text is found as
/// that country, unless the name stands for several; its codes are found as that
/// country or not at all (most codes are no words a writer types in prose).
#[test]
fn every_iso_name_and_code_in_a_body_is_its_own_country_or_nothing() {
    let registry = CountryRegistry::new();
    let matcher = &*MATCHER;
    for country in registry.iter() {
        let targets = |name: &str| -> Vec<MentionTarget> {
            let text = format!("Officials said {name} would reply.");
            matcher
                .find(&text)
                .into_iter()
                .map(|found| found.target)
                .collect()
        };
        let own = vec![MentionTarget::Country(country.alpha2)];
        for name in [country.short_name, country.official_name, country.name] {
            let expected = match registry.lookup(name) {
                crate::countries::Lookup::Ambiguous(_) => Vec::new(),
                _ => own.clone(),
            };
            assert_eq!(targets(name), expected, "{name}");
        }
        for code in [country.alpha2, country.alpha3, country.numeric] {
            let found = targets(code);
            assert!(found.is_empty() || found == own, "{code}: {found:?}");
        }
    }
}
