//! Content -> catalog: every name of the site resolved, once, to an entity with a
//! stable id and a slug.
//!
//! Countries resolve through the ISO registry (with the aliases the site's country notes
//! give them), people through their profiles' names and aliases; a person no profile
//! names is an entity of their own. Both kinds end the same way: entities sorted by
//! slug, a slug used twice is an error naming both sources, and each article gets the
//! ids of the entities its front matter names. Later stages never resolve a name again:
//! routes make every entity's URL from the catalog, markdown links mentions by id and
//! the index attaches bodies and articles to the entities it finds here.

mod resolve;

use std::collections::HashMap;

use crate::content::{Content, Link};
use crate::countries::CountryRegistry;
use crate::error::{Error, SourceLocation};

pub use resolve::country_registry;

/// Whether an entity is a country or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// An ISO 3166-1 country.
    Country,
    /// A person, with or without a profile.
    Person,
}

impl EntityKind {
    /// `country` or `person`, as templates and data files name the kind.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Person => "person",
        }
    }

    /// `countries` or `people`: the folder of its pages and of its content files.
    pub fn folder(self) -> &'static str {
        match self {
            EntityKind::Country => "countries",
            EntityKind::Person => "people",
        }
    }
}

/// An entity of the catalog: its kind and its place in the catalog's list of that kind,
/// which is sorted by slug. The same for every stage of one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    /// Which list it is in.
    pub kind: EntityKind,
    /// Its position in that list.
    pub index: usize,
}

/// What is known about a country beyond its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryDetails {
    /// ISO 3166-1 alpha-2 code.
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: &'static str,
    /// ISO 3166-1 numeric code, three digits: `156`.
    pub numeric: &'static str,
    /// Official name.
    pub official_name: &'static str,
    /// Continent-level region.
    pub region: &'static str,
    /// Finer region, where known.
    pub subregion: Option<&'static str>,
    /// Emoji flag.
    pub flag: String,
}

/// What is known about a person beyond their name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDetails {
    /// Office or occupation, from the profile.
    pub role: Option<String>,
    /// The country of their profile.
    pub country: Option<EntityId>,
    /// Links from the profile.
    pub links: Vec<Link>,
    /// Whether a profile exists.
    pub has_profile: bool,
}

/// Kind-specific details of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityDetails {
    /// A country's ISO data.
    Country(CountryDetails),
    /// A person's profile data.
    Person(PersonDetails),
}

/// A country or person the site names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntity {
    /// Display name.
    pub name: String,
    /// URL slug, unique within its kind.
    pub slug: String,
    /// Other names it is known by.
    pub aliases: Vec<String>,
    /// Kind-specific data.
    pub details: EntityDetails,
    /// URLs of the same entity elsewhere, from its profile or note.
    pub same_as: Vec<String>,
    /// Where it was first named: the profile or note, or the first article naming it.
    pub defined_at: SourceLocation,
    /// Its profile (for a person) or note (for a country), by position in the content's
    /// list of them.
    pub source: Option<usize>,
}

/// The entities one article's front matter names, in front matter order, without
/// repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleEntities {
    /// Its countries.
    pub countries: Vec<EntityId>,
    /// Its people.
    pub people: Vec<EntityId>,
}

/// Every entity of a site, and which of them each article names.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Countries named by an article or a profile, or with a note, sorted by slug.
    pub countries: Vec<CatalogEntity>,
    /// People named by an article or with a profile, sorted by slug.
    pub people: Vec<CatalogEntity>,
    /// Per article, by position in the content's list of articles.
    pub articles: Vec<ArticleEntities>,
    /// The country entity of each alpha-2 code that has one.
    country_ids: HashMap<&'static str, EntityId>,
}

impl Catalog {
    /// Resolves every name in `content`. Names that do not resolve are reported and left
    /// out: the catalog then lacks them, and the site may be checked but not published.
    pub fn resolve(content: &Content, registry: &CountryRegistry) -> (Catalog, Vec<Error>) {
        let mut errors = Vec::new();
        let countries = resolve::resolve_countries(content, registry, &mut errors);
        let people = resolve::resolve_people(content, &countries, registry, &mut errors);
        let country_ids = countries
            .entities
            .iter()
            .enumerate()
            .filter_map(|(index, entity)| match &entity.details {
                EntityDetails::Country(country) => Some((
                    country.alpha2,
                    EntityId {
                        kind: EntityKind::Country,
                        index,
                    },
                )),
                EntityDetails::Person(_) => None,
            })
            .collect();
        let articles = countries
            .article_entities
            .into_iter()
            .zip(people.article_entities)
            .map(|(countries, people)| ArticleEntities { countries, people })
            .collect();
        let catalog = Catalog {
            countries: countries.entities,
            people: people.entities,
            articles,
            country_ids,
        };
        (catalog, errors)
    }

    /// The entity an id refers to.
    pub fn entity(&self, id: EntityId) -> &CatalogEntity {
        &of_kind(id.kind, &self.countries, &self.people)[id.index]
    }

    /// Every entity of one kind with its id, sorted by slug.
    pub fn entities(&self, kind: EntityKind) -> impl Iterator<Item = (EntityId, &CatalogEntity)> {
        with_ids(kind, of_kind(kind, &self.countries, &self.people))
    }

    /// The entity of a kind with a slug, if there is one.
    pub fn find(&self, kind: EntityKind, slug: &str) -> Option<EntityId> {
        let index = of_kind(kind, &self.countries, &self.people)
            .binary_search_by(|entity| entity.slug.as_str().cmp(slug))
            .ok()?;
        Some(EntityId { kind, index })
    }

    /// The entity of a country, by alpha-2 code, if the site names it.
    pub fn country(&self, alpha2: &str) -> Option<EntityId> {
        self.country_ids.get(alpha2).copied()
    }
}

/// The list of one kind, of a pair of lists kept per kind and indexed by [`EntityId`].
pub fn of_kind<'a, T>(kind: EntityKind, countries: &'a [T], people: &'a [T]) -> &'a [T] {
    match kind {
        EntityKind::Country => countries,
        EntityKind::Person => people,
    }
}

/// The entities of a list of one kind, each with its id.
pub fn with_ids<T>(kind: EntityKind, list: &[T]) -> impl Iterator<Item = (EntityId, &T)> {
    list.iter()
        .enumerate()
        .map(move |(index, entity)| (EntityId { kind, index }, entity))
}
