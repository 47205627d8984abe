//! ISO 3166-1 countries: which countries exist, what they are called, and which
//! spellings, codes and aliases stand for which country, which names stand for several
//! (an answer, not a guess) and which are former names.
//! This is the only module that talks to `keshvar`; the rest of the crate goes through
//! [`CountryRegistry`]. It does no I/O and knows nothing about pages, people or templates.

mod forms;
mod names;
mod records;

use std::collections::BTreeMap;

use keshvar::CountryIterator;

use forms::{Qualified, adjective_before_form, keys_to_try, lookup_key, rearrangements};
use names::{AMBIGUOUS_NAMES, EXTRA_ALIASES, FORMER_NAMES};
use records::{build_country, iso_codes, sovereign_demonyms};

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
    /// ISO 3166-1 short name, e.g. "United States of America".
    pub short_name: &'static str,
    /// Whether it is a member state of the United Nations, rather than a territory.
    pub sovereign: bool,
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
    pub aliases: Vec<String>,
    /// Every English spelling as writers write it, `name` first: unlike `aliases`,
    /// "US", "U.S." and "St. Lucia" are all here, for finding the country in running
    /// text. Names that stand for several countries ("Congo") are not.
    pub written_forms: Vec<String>,
}

/// What a name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// One country. `historic` when the name is a former one ("Zaire", "Ceylon").
    Found {
        /// The country.
        country: &'a Country,
        /// Whether the name is one the country no longer has.
        historic: bool,
    },
    /// A name several countries are known by ("Korea"), with each of them.
    Ambiguous(Vec<&'a Country>),
    /// No country is known by the name.
    Unknown,
}

/// A spelling in the index: whose it is and whether it is a former name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Claim {
    position: usize,
    historic: bool,
}

/// A site alias that is already another country's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasTaken {
    /// The display name of the country that has it.
    pub owner: &'static str,
}

/// Every country, and an index from every accepted spelling to it. Build once per run.
pub struct CountryRegistry {
    /// Sorted by alpha-2, so positions are stable from run to run.
    countries: Vec<Country>,
    /// Lookup key → position in `countries`. A BTreeMap rather than a HashMap so that
    /// suggestions, which scan every key, break ties the same way on every run.
    index: BTreeMap<String, Claim>,
    /// Lookup key of a name several countries share → their positions.
    ambiguous: BTreeMap<String, Vec<usize>>,
    /// Every demonym as written, with the one country it means, if it means one.
    demonyms: Vec<(&'static str, Option<usize>)>,
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

        let ambiguous: BTreeMap<String, Vec<usize>> = AMBIGUOUS_NAMES
            .iter()
            .map(|(name, codes)| {
                let positions = codes
                    .iter()
                    .filter_map(|code| records.binary_search_by(|(_, a, _)| a.cmp(code)).ok())
                    .collect();
                (lookup_key(name), positions)
            })
            .collect();
        let countries: Vec<Country> = records
            .iter()
            .map(|(record, alpha2, alpha3)| build_country(record, alpha2, alpha3, &ambiguous))
            .collect();

        // When two countries claim the same key the first claim wins, so the order of these
        // passes is the priority order, and each pass walks countries in alpha-2 order.
        let mut index = BTreeMap::new();
        let mut claim = |name: &str, position: usize, historic: bool| {
            let key = lookup_key(name);
            if !key.is_empty() && !ambiguous.contains_key(&key) {
                index.entry(key).or_insert(Claim { position, historic });
            }
        };
        for (alias, alpha2) in EXTRA_ALIASES {
            if let Some(position) = position_of(&countries, alpha2) {
                claim(alias, position, false);
            }
        }
        for (former, alpha2) in FORMER_NAMES {
            if let Some(position) = position_of(&countries, alpha2) {
                claim(former, position, true);
            }
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.alpha2, position, false);
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.alpha3, position, false);
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.numeric, position, false);
        }
        for (position, country) in countries.iter().enumerate() {
            claim(country.name, position, false);
        }
        for (position, (record, _, _)) in records.iter().enumerate() {
            claim(record.iso_short_name(), position, false);
        }
        for (position, (record, _, _)) in records.iter().enumerate() {
            claim(record.iso_long_name(), position, false);
        }
        // keshvar's unofficial names mix English, German, French, Spanish, Dutch, Japanese,
        // Russian and Arabic. They are too mixed to show to readers, but accepting them here
        // costs nothing and lets "Россия" or "Deutschland" find their country.
        for (position, (record, _, _)) in records.iter().enumerate() {
            for name in record.unofficial_name_list() {
                claim(name, position, false);
            }
        }

        let demonyms = sovereign_demonyms(&countries);
        Self {
            countries,
            index,
            ambiguous,
            demonyms,
        }
    }

    /// The country a name, alias or ISO code (alpha-2, alpha-3 or numeric) stands for;
    /// `None` when the name is unknown or stands for several countries.
    pub fn resolve(&self, name: &str) -> Option<&Country> {
        match self.lookup(name) {
            Lookup::Found { country, .. } => Some(country),
            Lookup::Ambiguous(_) | Lookup::Unknown => None,
        }
    }

    /// The country of an ISO alpha-2 code, as [`Country::alpha2`] gives it (upper case):
    /// a code the site itself wrote is read by [`CountryRegistry::resolve`].
    pub fn by_alpha2(&self, alpha2: &str) -> Option<&Country> {
        let position = (self.countries)
            .binary_search_by(|country| country.alpha2.cmp(alpha2))
            .ok()?;
        self.countries.get(position)
    }

    /// What a name stands for, trying the rearrangements data sources write: "St." for
    /// "Saint", "Republic of" forms, qualifiers in parentheses or after a comma.
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        // Rearranging twice covers "Congo (Dem. Rep.), The"-like nesting; more would only
        // cost time on names that are not countries.
        self.lookup_rearranged(name, 2)
    }

    fn lookup_rearranged(&self, name: &str, depth: usize) -> Lookup<'_> {
        let keys = keys_to_try(name);
        for key in &keys {
            if let Some(found) = self.lookup_key(key) {
                return found;
            }
        }
        if let Some(adjective) = adjective_before_form(name)
            && let Some(country) = self.demonym_country(&adjective)
        {
            return Lookup::Found {
                country,
                historic: false,
            };
        }
        if depth == 0 {
            return Lookup::Unknown;
        }
        let (variants, qualified) = rearrangements(name);
        for variant in variants {
            match self.lookup_rearranged(&variant, depth - 1) {
                Lookup::Unknown => {}
                found => return found,
            }
        }
        match qualified {
            Some(qualified) => self.lookup_qualified(&qualified, depth - 1),
            None => Lookup::Unknown,
        }
    }

    /// "Hong Kong (China)", "Taiwan, China", "Holy See (Vatican City State)": the main part
    /// names the country, unless the qualifier names another country of which the main
    /// part could not be a territory ("Georgia (USA)" is not the country Georgia). When
    /// the main part is a state and the qualifier one of its territories ("China, Macao
    /// SAR"), the territory is meant.
    fn lookup_qualified(&self, qualified: &Qualified, depth: usize) -> Lookup<'_> {
        let head = self.lookup_rearranged(&qualified.head, depth);
        let Lookup::Found { country, .. } = &head else {
            return head;
        };
        match self.lookup_rearranged(&qualified.qualifier, depth) {
            // "China, Hong Kong SAR", as UN statistics write it: the territory of a state.
            found @ Lookup::Found { country: other, .. }
                if other != *country && country.sovereign && !other.sovereign =>
            {
                found
            }
            Lookup::Found { country: other, .. } if other != *country && country.sovereign => {
                Lookup::Unknown
            }
            _ => head,
        }
    }

    fn lookup_key(&self, key: &str) -> Option<Lookup<'_>> {
        if let Some(positions) = self.ambiguous.get(key) {
            return Some(Lookup::Ambiguous(
                positions
                    .iter()
                    .filter_map(|&position| self.countries.get(position))
                    .collect(),
            ));
        }
        let claim = self.index.get(key)?;
        let country = self.countries.get(claim.position)?;
        Some(Lookup::Found {
            country,
            historic: claim.historic,
        })
    }

    /// The one country a demonym means, if it means one.
    fn demonym_country(&self, key: &str) -> Option<&Country> {
        self.demonyms
            .iter()
            .find(|(demonym, _)| lookup_key(demonym) == key)
            .and_then(|(_, position)| self.countries.get((*position)?))
    }

    /// Every demonym with the one country it names: a demonym several countries share
    /// names the only sovereign state among them ("American" is the United States, not
    /// the Northern Mariana Islands); one shared by several states ("Dominican") or by
    /// territories alone ("Channel Islander") is left out.
    pub fn demonyms(&self) -> impl Iterator<Item = (&'static str, &Country)> {
        self.demonyms
            .iter()
            .filter_map(|(demonym, position)| Some((*demonym, self.countries.get((*position)?)?)))
    }

    /// Gives a country a site's own alias, for front matter and bodies alike. An alias
    /// that is already another country's name is refused; one that stood for several
    /// countries ("Korea") now stands for this one.
    pub fn add_alias(&mut self, alias: &str, alpha2: &str) -> Result<(), AliasTaken> {
        let Some(position) = position_of(&self.countries, alpha2) else {
            return Ok(());
        };
        let key = lookup_key(alias);
        if key.is_empty() {
            return Ok(());
        }
        if let Some(claim) = self.index.get(&key)
            && claim.position != position
        {
            return Err(AliasTaken {
                owner: self.countries[claim.position].name,
            });
        }
        self.ambiguous.remove(&key);
        self.index.entry(key).or_insert(Claim {
            position,
            historic: false,
        });
        let country = &mut self.countries[position];
        let alias = alias.trim().to_string();
        if alias != country.name && !country.aliases.contains(&alias) {
            country.aliases.push(alias.clone());
            country.aliases.sort_unstable();
        }
        if !country.written_forms.contains(&alias) {
            country.written_forms.push(alias);
        }
        Ok(())
    }

    /// The display names of the known country a unknown `name` most likely means, for a
    /// "did you mean" hint (None if nothing is reasonably close): a known name inside it
    /// ("Greater Ukraine" hints Ukraine), else the closest spelling.
    pub fn suggest(&self, name: &str) -> Option<&'static str> {
        if let Some(country) = self.known_name_inside(name) {
            return Some(country.name);
        }
        // Inside a form of government only the name is compared: "Republic of Icelnd" is
        // a typo of Iceland, and "Republic of Atlantis" is not one of "Republic of
        // Albania", however alike the whole names are.
        let mut best: Option<(f64, usize)> = None;
        if let Some(wanted) = keys_to_try(name).pop().filter(|key| !key.is_empty()) {
            for (key, claim) in &self.index {
                // The distance is at least the difference in length, so keys far longer
                // or shorter than the name cannot reach the threshold and are not worth
                // measuring.
                let longest = wanted.len().max(key.len()) as f64;
                let length_difference = wanted.len().abs_diff(key.len()) as f64;
                if 1.0 - length_difference / longest < SUGGESTION_THRESHOLD {
                    continue;
                }
                let similarity = strsim::normalized_damerau_levenshtein(&wanted, key);
                let is_better =
                    best.is_none_or(|(best_similarity, _)| similarity > best_similarity);
                if similarity >= SUGGESTION_THRESHOLD && is_better {
                    best = Some((similarity, claim.position));
                }
            }
        }
        let (_, position) = best?;
        self.countries.get(position).map(|country| country.name)
    }

    /// The country whose name makes up the most words of `name`, when one does.
    fn known_name_inside(&self, name: &str) -> Option<&Country> {
        let words = forms::key_words(name);
        for length in (1..words.len()).rev() {
            for start in 0..=words.len() - length {
                let key = words[start..start + length].concat();
                // Codes are too short to be told from ordinary words ("of" is no code,
                // but "is" and "in" are).
                if key.len() < 4 {
                    continue;
                }
                if let Some(Lookup::Found { country, .. }) = self.lookup_key(&key) {
                    return Some(country);
                }
            }
        }
        None
    }

    /// A name that stands for `country` alone, for a hint: its display name unless other
    /// countries share it ("Guinea"), else its official name.
    pub fn unambiguous_name<'a>(&self, country: &'a Country) -> &'a str {
        match self.lookup(country.name) {
            Lookup::Found { country: found, .. } if found == country => country.name,
            _ => country
                .official_name
                .strip_prefix("The ")
                .unwrap_or(country.official_name),
        }
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

/// Position of the country with this alpha-2 code in a list sorted by alpha-2.
pub(super) fn position_of(countries: &[Country], alpha2: &str) -> Option<usize> {
    countries
        .binary_search_by(|country| country.alpha2.cmp(alpha2))
        .ok()
}

#[cfg(test)]
mod lookup_tests;
#[cfg(test)]
mod tests;
