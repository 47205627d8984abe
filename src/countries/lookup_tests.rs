//! How names as data sources and writers write them resolve: forms of government,
//! "St.", comma-inverted and abbreviated forms, qualifiers, former names, numeric codes,
//! Taiwan, names of several countries, hints, demonyms and site aliases; and a table of
//! every country's ISO names and codes.

use super::names::AMBIGUOUS_NAMES;
use super::tests::{alpha2_of, registry};
use super::*;

/// The alpha-2 code a name resolves to and whether the name is historic, or why not.
pub(super) fn lookup_alpha2(
    registry: &CountryRegistry,
    name: &str,
) -> Result<(&'static str, bool), String> {
    match registry.lookup(name) {
        Lookup::Found { country, historic } => Ok((country.alpha2, historic)),
        Lookup::Ambiguous(candidates) => Err(format!(
            "ambiguous: {}",
            candidates
                .iter()
                .map(|country| country.alpha2)
                .collect::<Vec<_>>()
                .join(" ")
        )),
        Lookup::Unknown => Err("unknown".to_string()),
    }
}

fn assert_resolves(cases: &[(&str, &str)]) {
    let registry = registry();
    for (name, alpha2) in cases {
        assert_eq!(
            lookup_alpha2(&registry, name),
            Ok((*alpha2, false)),
            "{name}"
        );
    }
}

#[test]
fn republic_of_forms_resolve_to_the_country() {
    assert_resolves(&[
        ("Republic of Guyana", "GY"),
        ("Republic of Iceland", "IS"),
        ("Rwandese Republic", "RW"),
        ("Eastern Republic of Uruguay", "UY"),
        ("Republic of Ireland", "IE"),
        ("Kingdom of the Netherlands", "NL"),
        ("Commonwealth of Australia", "AU"),
        ("Federal Republic of Nigeria", "NG"),
        ("French Republic", "FR"),
        ("Islamic Republic of Pakistan", "PK"),
    ]);
}

#[test]
fn st_stands_for_saint() {
    assert_resolves(&[
        ("St. Helena", "SH"),
        ("St. Pierre and Miquelon", "PM"),
        ("St. Vincent and the Grenadines", "VC"),
        ("St Vincent & the Grenadines", "VC"),
        ("St. Lucia", "LC"),
        ("St. Kitts and Nevis", "KN"),
        ("Saint-Barthélemy", "BL"),
    ]);
}

#[test]
fn comma_inverted_and_abbreviated_forms_resolve() {
    assert_resolves(&[
        ("Congo, The Democratic Republic of the", "CD"),
        ("Congo, Dem. Rep.", "CD"),
        ("Congo, Rep.", "CG"),
        ("Micronesia, Fed. Sts.", "FM"),
        ("Bonaire, Saint Eustatius and Saba", "BQ"),
        ("Korea, Rep.", "KR"),
        ("Korea, Dem. People's Rep.", "KP"),
        ("Egypt, Arab Rep.", "EG"),
        ("Iran, Islamic Rep.", "IR"),
        ("Yemen, Rep.", "YE"),
        ("Gambia, The", "GM"),
        ("Bahamas, The", "BS"),
        ("Venezuela, RB", "VE"),
        ("Lao PDR", "LA"),
        ("Tanzania, United Republic of", "TZ"),
        ("Virgin Islands, U.S.", "VI"),
        ("Virgin Islands, British", "VG"),
    ]);
}

#[test]
fn parentheses_and_sar_resolve_to_the_main_name() {
    assert_resolves(&[
        ("Holy See (Vatican City State)", "VA"),
        ("Hong Kong (China)", "HK"),
        ("Hong Kong SAR", "HK"),
        ("Hong Kong SAR, China", "HK"),
        ("China, Hong Kong SAR", "HK"),
        ("China, Macao Special Administrative Region", "MO"),
        ("Macau SAR", "MO"),
        ("Macao SAR, China", "MO"),
        ("Territory of the Cocos (Keeling) Islands", "CC"),
        ("Korea (Rep.)", "KR"),
        ("Myanmar (Burma)", "MM"),
        ("Saint Martin (French part)", "MF"),
    ]);
}

#[test]
fn a_qualifier_naming_another_country_stops_a_sovereign_match() {
    let registry = registry();
    assert_eq!(
        lookup_alpha2(&registry, "Georgia (USA)"),
        Err("unknown".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "Georgia, USA"),
        Err("unknown".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "Puerto Rico, USA"),
        Ok(("PR", false))
    );
}

#[test]
fn former_names_resolve_to_the_successor_and_say_so() {
    let registry = registry();
    for (name, alpha2) in [
        ("Zaire", "CD"),
        ("Ceylon", "LK"),
        ("Persia", "IR"),
        ("Siam", "TH"),
        ("Burma", "MM"),
        ("Swaziland", "SZ"),
        ("Upper Volta", "BF"),
    ] {
        assert_eq!(lookup_alpha2(&registry, name), Ok((alpha2, true)), "{name}");
    }
    assert_eq!(lookup_alpha2(&registry, "Myanmar"), Ok(("MM", false)));
    assert_eq!(lookup_alpha2(&registry, "Sri Lanka"), Ok(("LK", false)));
}

#[test]
fn numeric_codes_resolve() {
    assert_resolves(&[("156", "CN"), ("004", "AF"), ("840", "US"), ("158", "TW")]);
}

#[test]
fn taiwan_is_never_china() {
    assert_resolves(&[
        ("Chinese Taipei", "TW"),
        ("Republic of China", "TW"),
        ("Taiwan, China", "TW"),
        ("Taiwan, Province of China", "TW"),
        ("Taiwan (Republic of China)", "TW"),
        ("People's Republic of China", "CN"),
    ]);
}

#[test]
fn names_of_several_countries_are_ambiguous_with_every_candidate() {
    let registry = registry();
    assert_eq!(
        lookup_alpha2(&registry, "Korea"),
        Err("ambiguous: KP KR".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "Congo"),
        Err("ambiguous: CD CG".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "the Congo"),
        Err("ambiguous: CD CG".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "Guinea"),
        Err("ambiguous: GN GQ GW PG".into())
    );
    assert_eq!(
        lookup_alpha2(&registry, "Virgin Islands"),
        Err("ambiguous: VG VI".into())
    );
    assert_eq!(registry.resolve("Korea"), None);
}

#[test]
fn hints_name_a_country_the_name_contains() {
    let registry = registry();
    assert_eq!(registry.suggest("Greater Ukraine Region"), Some("Ukraine"));
    assert_eq!(registry.suggest("Northern Iceland"), Some("Iceland"));
    // "Islands" is no name of Iceland ("ISL" is its code, not an abbreviation).
    assert_eq!(registry.resolve("Islands"), None);
    assert_eq!(
        registry.suggest("US Minor Outlying Isles"),
        Some("United States Minor Outlying Islands")
    );
    assert_eq!(registry.suggest("Faeroe Isles"), Some("Faroe Islands"));
    assert_eq!(registry.suggest("Republic of Icelandd"), Some("Iceland"));
    assert_eq!(
        registry.suggest("Eastern Republic of Urugay"),
        Some("Uruguay")
    );
    assert_eq!(registry.suggest("Republic of Atlantis"), None);
    assert_eq!(lookup_alpha2(&registry, "Malvinas"), Ok(("FK", false)));
}

#[test]
fn shared_demonyms_name_the_sovereign_state_or_no_one() {
    let registry = registry();
    let meaning = |wanted: &str| {
        registry
            .demonyms()
            .find(|(demonym, _)| *demonym == wanted)
            .map(|(_, country)| country.alpha2)
    };
    assert_eq!(meaning("American"), Some("US"));
    assert_eq!(meaning("Nigerian"), Some("NG"));
    assert_eq!(meaning("Nigerien"), Some("NE"));
    assert_eq!(meaning("Swedish"), Some("SE"));
    assert_eq!(meaning("French"), Some("FR"));
    assert_eq!(meaning("Dutch"), Some("NL"));
    assert_eq!(meaning("Chinese"), Some("CN"));
    assert_eq!(meaning("Indian"), Some("IN"));
    assert_eq!(meaning("Dominican"), None);
    assert_eq!(meaning("Congolese"), None);
    assert_eq!(meaning("Channel Islander"), None);
    assert_eq!(meaning("Antiguan"), Some("AG"));
}

#[test]
fn site_aliases_resolve_and_may_settle_an_ambiguous_name() {
    let mut registry = registry();
    assert_eq!(registry.add_alias("Korea", "KR"), Ok(()));
    assert_eq!(registry.add_alias("The Kingdom", "SA"), Ok(()));
    assert_eq!(alpha2_of(&registry, "Korea"), Some("KR"));
    assert_eq!(alpha2_of(&registry, "the kingdom"), Some("SA"));
    assert_eq!(
        registry.add_alias("Deutschland", "AT"),
        Err(AliasTaken { owner: "Germany" })
    );
    let saudi = registry.resolve("SA").expect("Saudi Arabia is known");
    assert!(saudi.aliases.iter().any(|alias| alias == "The Kingdom"));
    assert!(saudi.written_forms.iter().any(|form| form == "The Kingdom"));
}

/// Every country's ISO short name, official name, alpha-2, alpha-3 and numeric code
/// gives that country, except the short names that stand for several countries, which
/// list it among the candidates.
#[test]
fn every_iso_name_and_code_of_every_country_resolves_to_it() {
    let registry = registry();
    for country in registry.iter() {
        for name in [
            country.short_name,
            country.official_name,
            country.alpha2,
            country.alpha3,
            country.numeric,
            country.name,
        ] {
            match registry.lookup(name) {
                Lookup::Found { country: found, .. } => {
                    assert_eq!(found.alpha2, country.alpha2, "{name}")
                }
                Lookup::Ambiguous(candidates) => {
                    assert!(
                        AMBIGUOUS_NAMES
                            .iter()
                            .any(|(ambiguous, _)| lookup_key(ambiguous) == lookup_key(name)),
                        "{name} is ambiguous"
                    );
                    assert!(candidates.contains(&country), "{name}");
                }
                Lookup::Unknown => panic!("{name} ({}) is unknown", country.alpha2),
            }
        }
    }
}
