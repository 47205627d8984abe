//! ISO 3166-1 countries: which countries exist, what they are called, and which
//! spellings, codes and aliases stand for which country.
//! This is the only module that talks to `keshvar`; the rest of the crate goes through
//! [`CountryRegistry`]. It does no I/O and knows nothing about pages, people or templates.

mod names;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use keshvar::{CountryIterator, Region, SubRegion};

use names::{COMMON_NAMES, EXTRA_ALIASES};

/// First code point of the regional-indicator symbols: 🇦 stands for "A".
const REGIONAL_INDICATOR_A: u32 = 0x1F1E6;

/// How alike (normalised Damerau-Levenshtein, 0 to 1) an unknown name and a known spelling
/// must be before the spelling is offered as a hint. One typo in a five-letter name scores
/// 0.8; a wrong letter in a three-letter code (0.67) or "Holland" against "Poland" (0.71)
/// is too far to be a useful hint.
const SUGGESTION_THRESHOLD: f64 = 0.75;

/// One ISO 3166-1 country, with the names it is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. "US".
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code, e.g. "USA".
    pub alpha3: &'static str,
    /// ISO 3166-1 numeric code, three digits, e.g. "840".
    pub numeric: &'static str,
    /// Common English name for display, e.g. "United States".
    pub name: &'static str,
    /// Full official name, e.g. "The United States of America".
    pub official_name: &'static str,
    /// Continental region, e.g. "Americas", "Europe", "Asia", "Africa", "Oceania", "Antarctica".
    pub region: &'static str,
    /// UN geoscheme subregion, e.g. "Eastern Asia", when one is known.
    pub subregion: Option<&'static str>,
    /// What its people are called, e.g. "Chinese", when known.
    pub demonym: Option<&'static str>,
    /// Emoji flag made of the two regional-indicator symbols of `alpha2`, e.g. "🇨🇳".
    pub flag: String,
    /// Every other English name it is known by: deduplicated, sorted, without `name`.
    pub aliases: Vec<&'static str>,
    /// Every English spelling as writers write it, `name` first: unlike `aliases`,
    /// "US" and "U.S." are both here, for finding the country in running text.
    pub written_forms: Vec<&'static str>,
}

/// Every country, and an index from every accepted spelling to it. Build once per run.
pub struct CountryRegistry {
    /// Sorted by alpha-2, so positions are stable from run to run.
    countries: Vec<Country>,
    /// Lookup key → position in `countries`. A BTreeMap rather than a HashMap so that
    /// suggestions, which scan every key, break ties the same way on every run.
    index: BTreeMap<String, usize>,
}

impl CountryRegistry {
    /// Builds every country from keshvar and indexes every accepted spelling of it.
    pub fn new() -> Self {
        let mut records: Vec<(keshvar::Country, &'static str, &'static str)> =
            CountryIterator::new()
                .zip(iso_codes())
                .map(|(record, (alpha2, alpha3))| (record, alpha2.as_str(), alpha3.as_str()))
                .collect();
        records.sort_by_key(|(_, alpha2, _)| *alpha2);

        let countries: Vec<Country> = records
            .iter()
            .map(|(record, alpha2, alpha3)| build_country(record, alpha2, alpha3))
            .collect();

        // When two countries claim the same key the first claim wins, so the order of these
        // passes is the priority order, and each pass walks countries in alpha-2 order.
        let mut index = BTreeMap::new();
        let mut claim = |name: &str, position: usize| {
            let key = lookup_key(name);
            if !key.is_empty() {
                index.entry(key).or_insert(position);
            }
        };
        for (alias, alpha2) in EXTRA_ALIASES {
            if let Some(position) = position_of(&countries, alpha2) {
                claim(alias, position);
            }
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.alpha2, position);
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.alpha3, position);
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.name, position);
        }
        for (position, (record, _, _)) in records.iter().enumerate() {
            claim(record.iso_short_name(), position);
        }
        for (position, (record, _, _)) in records.iter().enumerate() {
            claim(record.iso_long_name(), position);
        }
        // keshvar's unofficial names mix English, German, French, Spanish, Dutch, Japanese,
        // Russian and Arabic. They are too mixed to show to readers, but accepting them here
        // costs nothing and lets "Россия" or "Deutschland" find their country.
        for (position, (record, _, _)) in records.iter().enumerate() {
            for name in record.unofficial_name_list() {
                claim(name, position);
            }
        }

        Self { countries, index }
    }

    /// The country a name, alias or ISO code (alpha-2 or alpha-3) stands for.
    pub fn resolve(&self, name: &str) -> Option<&Country> {
        let position = *self.index.get(&lookup_key(name))?;
        self.countries.get(position)
    }

    /// The display name of the known country closest to an unknown `name`, for a "did you
    /// mean" hint (None if nothing is reasonably close).
    pub fn suggest(&self, name: &str) -> Option<&'static str> {
        let wanted = lookup_key(name);
        if wanted.is_empty() {
            return None;
        }
        let mut best: Option<(f64, usize)> = None;
        for (key, &position) in &self.index {
            // The distance is at least the difference in length, so keys far longer or
            // shorter than the name cannot reach the threshold and are not worth measuring.
            let longest = wanted.len().max(key.len()) as f64;
            let length_difference = wanted.len().abs_diff(key.len()) as f64;
            if 1.0 - length_difference / longest < SUGGESTION_THRESHOLD {
                continue;
            }
            let similarity = strsim::normalized_damerau_levenshtein(&wanted, key);
            let is_better = best.is_none_or(|(best_similarity, _)| similarity > best_similarity);
            if similarity >= SUGGESTION_THRESHOLD && is_better {
                best = Some((similarity, position));
            }
        }
        let (_, position) = best?;
        self.countries.get(position).map(|country| country.name)
    }

    /// Every country, sorted by alpha2.
    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }
}

impl Default for CountryRegistry {
    /// Same as [`CountryRegistry::new`].
    fn default() -> Self {
        Self::new()
    }
}

/// The alpha-2 and alpha-3 codes of every country, in keshvar's iteration order.
///
/// keshvar only renders its code enums through `Display`, which yields owned strings, yet
/// `Country` promises `&'static str` codes. Rendering them once per process into a static
/// gives them that lifetime without leaking memory every time a registry is built.
fn iso_codes() -> &'static [(String, String)] {
    static CODES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CODES.get_or_init(|| {
        CountryIterator::new()
            .map(|record| (record.alpha2().to_string(), record.alpha3().to_string()))
            .collect()
    })
}

/// Turns keshvar's record of one country into ours.
fn build_country(record: &keshvar::Country, alpha2: &'static str, alpha3: &'static str) -> Country {
    let name = COMMON_NAMES
        .iter()
        .find(|(code, _)| *code == alpha2)
        .map_or(record.iso_short_name(), |(_, name)| *name);

    // Only curated aliases and ISO names are shown to readers: they are all English, whereas
    // keshvar's unofficial names are mostly other languages and no simple test tells them
    // apart ("Kanada" and "Chili" look as English as "Canada" and "Chile").
    let candidates = EXTRA_ALIASES
        .iter()
        .filter(|(_, code)| *code == alpha2)
        .map(|(alias, _)| *alias)
        .chain([record.iso_short_name(), record.iso_long_name()]);
    // Spellings that differ only in case, accents or punctuation ("Cote d'Ivoire") would
    // read as repeats, so each lookup key is shown once, under its first spelling.
    let mut seen_keys = vec![lookup_key(name)];
    let mut aliases = Vec::new();
    let mut written_forms = vec![name];
    for alias in candidates {
        if !written_forms.contains(&alias) {
            written_forms.push(alias);
        }
        let key = lookup_key(alias);
        if !seen_keys.contains(&key) {
            seen_keys.push(key);
            aliases.push(alias);
        }
    }
    aliases.sort_unstable();

    Country {
        alpha2,
        alpha3,
        numeric: record.number(),
        name,
        official_name: record.iso_long_name(),
        region: region_name(record.maybe_region()),
        subregion: record.maybe_subregion().map(subregion_name),
        demonym: record.maybe_nationality(),
        flag: flag_emoji(alpha2),
        aliases,
        written_forms,
    }
}

/// Position of the country with this alpha-2 code in a list sorted by alpha-2.
fn position_of(countries: &[Country], alpha2: &str) -> Option<usize> {
    countries
        .binary_search_by(|country| country.alpha2.cmp(alpha2))
        .ok()
}

/// The key a name is looked up by, so that case, accents, punctuation and spacing do not
/// matter: "U.S.", "us" and "US" all give "us"; "Côte d'Ivoire" gives "cotedivoire".
fn lookup_key(name: &str) -> String {
    // slugify drops "&" like any other punctuation, which would make "Trinidad & Tobago"
    // differ from "Trinidad and Tobago".
    let slug = slug::slugify(name.replace('&', " and "));
    let words: Vec<&str> = slug.split('-').collect();
    // A leading article is optional in English ("The Gambia", "the Netherlands"), but a
    // lone "the" is kept so it does not become an empty key.
    let words = match words.as_slice() {
        ["the", rest @ ..] if !rest.is_empty() => rest,
        all => all,
    };
    words.concat()
}

/// The emoji flag of an alpha-2 code: each letter becomes its regional-indicator symbol.
fn flag_emoji(alpha2: &str) -> String {
    alpha2
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .filter_map(|letter| char::from_u32(REGIONAL_INDICATOR_A + u32::from(letter - b'A')))
        .collect()
}

/// Display name of a keshvar region (its `Display` gives lower-case slugs such as "americas").
fn region_name(region: Option<Region>) -> &'static str {
    match region {
        Some(Region::Africa) => "Africa",
        Some(Region::Americas) => "Americas",
        Some(Region::Asia) => "Asia",
        Some(Region::Europe) => "Europe",
        Some(Region::Oceania) => "Oceania",
        // keshvar gives no region only to Antarctica itself and to two uninhabited
        // sub-Antarctic islands (Bouvet Island; Heard Island and McDonald Islands).
        Some(Region::Antarctica) | None => "Antarctica",
    }
}

/// Display name of a keshvar subregion (its `Display` gives slugs such as "eastern-asia").
fn subregion_name(subregion: SubRegion) -> &'static str {
    match subregion {
        SubRegion::AustraliaAndNewZealand => "Australia and New Zealand",
        SubRegion::Caribbean => "Caribbean",
        SubRegion::CentralAmerica => "Central America",
        SubRegion::CentralAsia => "Central Asia",
        SubRegion::EasternAfrica => "Eastern Africa",
        SubRegion::EasternAsia => "Eastern Asia",
        SubRegion::EasternEurope => "Eastern Europe",
        SubRegion::Melanesia => "Melanesia",
        SubRegion::Micronesia => "Micronesia",
        SubRegion::MiddleAfrica => "Middle Africa",
        SubRegion::NorthernAfrica => "Northern Africa",
        SubRegion::NorthernAmerica => "Northern America",
        SubRegion::NorthernEurope => "Northern Europe",
        SubRegion::Polynesia => "Polynesia",
        SubRegion::SouthAmerica => "South America",
        SubRegion::SouthEasternAsia => "South-Eastern Asia",
        SubRegion::SouthernAfrica => "Southern Africa",
        SubRegion::SouthernAsia => "Southern Asia",
        SubRegion::SouthernEurope => "Southern Europe",
        SubRegion::WesternAfrica => "Western Africa",
        SubRegion::WesternAsia => "Western Asia",
        SubRegion::WesternEurope => "Western Europe",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> CountryRegistry {
        CountryRegistry::new()
    }

    fn alpha2_of(registry: &CountryRegistry, name: &str) -> Option<&'static str> {
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
            ("Burma", "MM"),
            ("Swaziland", "SZ"),
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
    fn every_display_name_resolves_to_its_own_country() {
        let registry = registry();
        for country in registry.iter() {
            assert_eq!(
                alpha2_of(&registry, country.name),
                Some(country.alpha2),
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
        assert!(!russia.aliases.contains(&"Россия"));
        for country in registry.iter() {
            assert!(!country.aliases.contains(&country.name));
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
        for name in ["", " ", "\0", "🇨🇳", "😀😀😀", "'''", "&", "ﷺ", "\u{200B}"] {
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
}
