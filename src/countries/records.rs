//! From keshvar's records to [`Country`] values: display names, aliases, written forms,
//! demonyms, regions and flags. Which spelling stands for which country is the
//! registry's business, not this module's.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use keshvar::{CountryIterator, Region, SubRegion};

use super::forms::{self, lookup_key};
use super::names::{COMMON_NAMES, DEMONYM_FIXES, EXTRA_ALIASES, EXTRA_DEMONYMS, FORMER_NAMES};
use super::{Country, position_of};

/// First code point of the regional-indicator symbols: 🇦 stands for "A".
const REGIONAL_INDICATOR_A: u32 = 0x1F1E6;

/// The alpha-2 and alpha-3 codes of every country, in keshvar's iteration order.
///
/// keshvar only renders its code enums through `Display`, which yields owned strings, yet
/// `Country` promises `&'static str` codes. Rendering them once per process into a static
/// gives them that lifetime without leaking memory every time a registry is built.
pub(super) fn iso_codes() -> &'static [(String, String)] {
    static CODES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CODES.get_or_init(|| {
        CountryIterator::new()
            .map(|record| (record.alpha2().to_string(), record.alpha3().to_string()))
            .collect()
    })
}

/// Turns keshvar's record of one country into ours. Names in `ambiguous` (by lookup key)
/// are not written forms: a body saying "Congo" names no one country.
pub(super) fn build_country(
    record: &keshvar::Country,
    alpha2: &'static str,
    alpha3: &'static str,
    ambiguous: &BTreeMap<String, Vec<usize>>,
) -> Country {
    let name = COMMON_NAMES
        .iter()
        .find(|(code, _)| *code == alpha2)
        .map_or(record.iso_short_name(), |(_, name)| *name);

    // Only curated aliases and ISO names are shown to readers: they are all English, whereas
    // keshvar's unofficial names are mostly other languages and no simple test tells them
    // apart ("Kanada" and "Chili" look as English as "Canada" and "Chile").
    let candidates: Vec<&'static str> = EXTRA_ALIASES
        .iter()
        .filter(|(_, code)| *code == alpha2)
        .map(|(alias, _)| *alias)
        .chain([record.iso_short_name(), record.iso_long_name()])
        .collect();
    // Spellings that differ only in case, accents or punctuation ("Cote d'Ivoire") would
    // read as repeats, so each lookup key is shown once, under its first spelling.
    let mut seen_keys = vec![lookup_key(name)];
    let mut aliases = Vec::new();
    for &alias in &candidates {
        let key = lookup_key(alias);
        if !seen_keys.contains(&key) && !ambiguous.contains_key(&key) {
            seen_keys.push(key);
            aliases.push(alias.to_string());
        }
    }
    aliases.sort_unstable();

    let former = FORMER_NAMES
        .iter()
        .filter(|(_, code)| *code == alpha2)
        .map(|(former, _)| *former);
    let mut written_forms: Vec<String> = Vec::new();
    for form in std::iter::once(name).chain(candidates).chain(former) {
        for variant in forms::written_variants(form) {
            if !ambiguous.contains_key(&lookup_key(&variant)) && !written_forms.contains(&variant) {
                written_forms.push(variant);
            }
        }
    }

    let demonym = DEMONYM_FIXES
        .iter()
        .find(|(code, _)| *code == alpha2)
        .map(|(_, demonym)| *demonym)
        .or(record.maybe_nationality());
    Country {
        alpha2,
        alpha3,
        numeric: record.number(),
        name,
        short_name: record.iso_short_name(),
        sovereign: record.un_member(),
        official_name: record.iso_long_name(),
        region: region_name(record.maybe_region()),
        subregion: record.maybe_subregion().map(subregion_name),
        demonym,
        flag: flag_emoji(alpha2),
        aliases,
        written_forms,
    }
}

/// Every demonym as written, with the position of the one country it names, if any
/// (see [`CountryRegistry::demonyms`]). keshvar writes two peoples with a comma
/// ("Antiguan, Barbudan").
pub(super) fn sovereign_demonyms(countries: &[Country]) -> Vec<(&'static str, Option<usize>)> {
    let mut holders: BTreeMap<String, (&'static str, Vec<usize>)> = BTreeMap::new();
    let listed = countries
        .iter()
        .enumerate()
        .flat_map(|(position, country)| {
            country
                .demonym
                .into_iter()
                .flat_map(|demonym| demonym.split(", "))
                .map(move |demonym| (demonym, position))
        });
    let extra = EXTRA_DEMONYMS.iter().filter_map(|(demonym, alpha2)| {
        position_of(countries, alpha2).map(|position| (*demonym, position))
    });
    for (demonym, position) in listed.chain(extra) {
        let entry = holders
            .entry(lookup_key(demonym))
            .or_insert((demonym, Vec::new()));
        if !entry.1.contains(&position) {
            entry.1.push(position);
        }
    }
    holders
        .into_values()
        .map(|(demonym, positions)| {
            let sovereign: Vec<usize> = positions
                .iter()
                .copied()
                .filter(|&position| countries[position].sovereign)
                .collect();
            let meaning = match (sovereign.as_slice(), positions.as_slice()) {
                ([only], _) | ([], [only]) => Some(*only),
                _ => None,
            };
            (demonym, meaning)
        })
        .collect()
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
