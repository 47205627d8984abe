//! The registry's behaviour: every way a country is written, and the names that must
//! not be taken for the wrong country.

use super::lookup_tests::lookup_alpha2;
use super::names::COMMON_NAMES;
use super::*;

pub(super) fn registry() -> CountryRegistry {
    CountryRegistry::new()
}

pub(super) fn alpha2_of(registry: &CountryRegistry, name: &str) -> Option<&'static str> {
    registry.resolve(name).map(|country| country.alpha2)
}

#[test]
fn registry_has_all_249_countries_sorted_by_alpha2() {
    let registry = registry();
    let codes: Vec<&str> = registry.iter().map(|country| country.alpha2).collect();
    assert_eq!(codes.len(), 249);
    assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn every_country_is_found_by_its_alpha2_code_as_given() {
    let registry = registry();
    for country in registry.iter() {
        let found = registry.by_alpha2(country.alpha2).map(|found| found.alpha2);
        assert_eq!(found, Some(country.alpha2));
    }
    // Only the code as the registry gives it: names and lower case are for resolve.
    assert!(registry.by_alpha2("fr").is_none());
    assert!(registry.by_alpha2("France").is_none());
    assert!(registry.by_alpha2("").is_none());
}

#[test]
fn every_country_has_a_distinct_three_digit_numeric_code() {
    let registry = registry();
    let mut codes: Vec<&str> = registry.iter().map(|country| country.numeric).collect();
    assert!(
        codes
            .iter()
            .all(|code| code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_digit()))
    );
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 249);
    assert_eq!(
        registry.resolve("China").map(|country| country.numeric),
        Some("156")
    );
    assert_eq!(
        registry.resolve("AF").map(|country| country.numeric),
        Some("004")
    );
}

#[test]
fn short_forms_of_the_united_states_resolve_to_us() {
    let registry = registry();
    for name in [
        "US",
        "us",
        "U.S.",
        "U.S",
        "USA",
        "U.S.A.",
        "America",
        "United States",
        "United States of America",
        "the United States",
    ] {
        assert_eq!(alpha2_of(&registry, name), Some("US"), "{name}");
    }
}

#[test]
fn short_forms_of_the_united_kingdom_resolve_to_gb() {
    let registry = registry();
    for name in [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom",
        "GB",
    ] {
        assert_eq!(alpha2_of(&registry, name), Some("GB"), "{name}");
    }
}

#[test]
fn every_curated_short_form_resolves_to_its_country() {
    let registry = registry();
    let cases = [
        ("Russian Federation", "RU"),
        ("PRC", "CN"),
        ("People's Republic of China", "CN"),
        ("Mainland China", "CN"),
        ("ROK", "KR"),
        ("DPRK", "KP"),
        ("DRC", "CD"),
        ("UAE", "AE"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Ivory Coast", "CI"),
        ("East Timor", "TL"),
        ("Cape Verde", "CV"),
    ];
    for (name, alpha2) in cases {
        assert_eq!(alpha2_of(&registry, name), Some(alpha2), "{name}");
    }
    for (alias, alpha2) in EXTRA_ALIASES {
        assert_eq!(alpha2_of(&registry, alias), Some(*alpha2), "{alias}");
    }
}

#[test]
fn every_spelling_of_cote_d_ivoire_gives_the_same_country() {
    let registry = registry();
    for name in [
        "Côte d'Ivoire",
        "Cote d'Ivoire",
        "côte d’ivoire",
        "COTE D IVOIRE",
        "Ivory Coast",
    ] {
        assert_eq!(alpha2_of(&registry, name), Some("CI"), "{name}");
    }
}

#[test]
fn alpha2_and_alpha3_codes_resolve_case_insensitively() {
    let registry = registry();
    assert_eq!(alpha2_of(&registry, "CN"), Some("CN"));
    assert_eq!(alpha2_of(&registry, "cn"), Some("CN"));
    assert_eq!(alpha2_of(&registry, "chn"), Some("CN"));
    assert_eq!(alpha2_of(&registry, "CHN"), Some("CN"));
}

#[test]
fn no_alias_or_name_shadows_an_iso_code() {
    let registry = registry();
    for country in registry.iter() {
        assert_eq!(alpha2_of(&registry, country.alpha2), Some(country.alpha2));
        assert_eq!(alpha2_of(&registry, country.alpha3), Some(country.alpha2));
    }
}

#[test]
fn every_display_name_resolves_to_its_own_country_unless_others_share_it() {
    let registry = registry();
    for country in registry.iter() {
        let expected = match country.alpha2 {
            "GN" => Err("ambiguous: GN GQ GW PG".to_string()),
            alpha2 => Ok((alpha2, false)),
        };
        assert_eq!(
            lookup_alpha2(&registry, country.name),
            expected,
            "{}",
            country.name
        );
    }
}

#[test]
fn display_names_are_the_common_english_names() {
    let registry = registry();
    let name_of = |alpha2: &str| registry.resolve(alpha2).map(|country| country.name);
    assert_eq!(name_of("US"), Some("United States"));
    assert_eq!(name_of("RU"), Some("Russia"));
    assert_eq!(name_of("GB"), Some("United Kingdom"));
    assert_eq!(name_of("KR"), Some("South Korea"));
    assert_eq!(name_of("CI"), Some("Côte d'Ivoire"));
    assert_eq!(name_of("CN"), Some("China"));
}

#[test]
fn no_display_name_has_parentheses_or_commas() {
    for country in registry().iter() {
        assert!(
            !country.name.contains(['(', ')', ',']),
            "{} {}",
            country.alpha2,
            country.name
        );
    }
}

#[test]
fn common_names_and_extra_aliases_only_name_real_countries() {
    let registry = registry();
    for (alpha2, _) in COMMON_NAMES {
        assert!(
            position_of(&registry.countries, alpha2).is_some(),
            "{alpha2}"
        );
    }
    for (_, alpha2) in EXTRA_ALIASES {
        assert!(
            position_of(&registry.countries, alpha2).is_some(),
            "{alpha2}"
        );
    }
}

#[test]
fn the_flag_of_china_is_the_chinese_flag_emoji() {
    let registry = registry();
    let china = registry.resolve("CN").expect("China is known");
    assert_eq!(china.flag, "🇨🇳");
}

#[test]
fn china_is_in_eastern_asia_and_its_people_are_chinese() {
    let registry = registry();
    let china = registry.resolve("China").expect("China is known");
    assert_eq!(china.region, "Asia");
    assert_eq!(china.subregion, Some("Eastern Asia"));
    assert_eq!(china.demonym, Some("Chinese"));
    assert_eq!(china.official_name, "The People's Republic of China");
}

#[test]
fn russians_are_the_demonym_of_russia() {
    let registry = registry();
    let russia = registry.resolve("Russia").expect("Russia is known");
    assert_eq!(russia.demonym, Some("Russian"));
    assert_eq!(russia.region, "Europe");
}

#[test]
fn aliases_are_english_sorted_unique_and_exclude_the_display_name() {
    let registry = registry();
    let turkey = registry.resolve("TR").expect("Turkey is known");
    assert_eq!(turkey.name, "Turkey");
    assert_eq!(turkey.aliases, vec!["The Republic of Türkiye", "Türkiye"]);
    let ivory_coast = registry.resolve("CI").expect("Côte d'Ivoire is known");
    assert_eq!(
        ivory_coast.aliases,
        vec!["Ivory Coast", "The Republic of Côte d'Ivoire"]
    );
    let russia = registry.resolve("RU").expect("Russia is known");
    assert!(!russia.aliases.iter().any(|alias| alias == "Россия"));
    for country in registry.iter() {
        assert!(!country.aliases.iter().any(|alias| alias == country.name));
        assert!(country.aliases.windows(2).all(|pair| pair[0] < pair[1]));
    }
}

#[test]
fn foreign_names_are_accepted_for_lookup() {
    let registry = registry();
    assert_eq!(alpha2_of(&registry, "Россия"), Some("RU"));
    assert_eq!(alpha2_of(&registry, "Deutschland"), Some("DE"));
}

#[test]
fn ampersands_and_leading_articles_do_not_matter() {
    let registry = registry();
    assert_eq!(alpha2_of(&registry, "Trinidad & Tobago"), Some("TT"));
    assert_eq!(alpha2_of(&registry, "The Gambia"), Some("GM"));
    assert_eq!(alpha2_of(&registry, "the Netherlands"), Some("NL"));
}

#[test]
fn near_misses_suggest_the_intended_country() {
    let registry = registry();
    assert_eq!(registry.suggest("Ukriane"), Some("Ukraine"));
    assert_eq!(registry.suggest("Rusia"), Some("Russia"));
    assert_eq!(registry.suggest("Untied States"), Some("United States"));
    assert_eq!(registry.suggest("Chnia"), Some("China"));
}

#[test]
fn nonsense_gets_no_suggestion() {
    let registry = registry();
    assert_eq!(registry.suggest("Xyzzy"), None);
    assert_eq!(registry.suggest(""), None);
    assert_eq!(registry.suggest("   "), None);
    assert_eq!(registry.suggest("Qz"), None);
}

#[test]
fn unknown_names_resolve_to_nothing() {
    let registry = registry();
    for name in [
        "Xyzzy", "Atlantis", "Ukriane", "", "   ", "---", "😀", "the",
    ] {
        assert_eq!(registry.resolve(name), None, "{name}");
    }
}

#[test]
fn odd_input_never_panics() {
    let registry = registry();
    for name in [
        "",
        " ",
        "\0",
        "🇨🇳",
        "😀😀😀",
        "'''",
        "&",
        "ﷺ",
        "\u{200B}",
        "(",
        ")(",
        ",",
        "a,",
        "(,)",
        "((China))",
        "China (Taiwan) (Korea)",
        ", ,",
        "Republic of",
        "of",
        "Republic",
        "Special Administrative Region",
    ] {
        let _ = registry.resolve(name);
        let _ = registry.suggest(name);
    }
}

#[test]
fn resolution_is_the_same_across_registries() {
    let first = registry();
    let second = registry();
    let names: Vec<&str> = first
        .index
        .keys()
        .map(String::as_str)
        .chain(["Congo", "Georgia", "Island", "Salvador", "Macedonia"])
        .collect();
    for name in names {
        assert_eq!(first.resolve(name), second.resolve(name), "{name}");
    }
    for name in ["Ukriane", "Gergia", "Nigr", "Kongo", "Sudn", "Guinee"] {
        assert_eq!(first.suggest(name), second.suggest(name), "{name}");
    }
    assert_eq!(first.index, second.index);
}
