//! Turns names as written into entities: countries through the ISO registry, people
//! through their profiles' names and aliases.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::{CatalogEntity, CountryDetails, EntityDetails, EntityId, EntityKind, PersonDetails};
use crate::content::{Content, CountryNote, NameRef};
use crate::countries::{Country, CountryRegistry, Lookup};
use crate::error::{Error, SourceLocation};
use crate::slugs::{country_slug, name_key, profile_slug, slugify};

/// The entities of one kind and, per article, the ids it names.
pub(super) struct Resolved {
    pub entities: Vec<CatalogEntity>,
    pub article_entities: Vec<Vec<EntityId>>,
    /// Lookup from a resolution key to the entity, after sorting.
    pub by_key: HashMap<String, EntityId>,
}

/// An entity under construction, with the name that first defined it (its place is
/// the entity's `defined_at`).
struct Draft {
    entity: CatalogEntity,
    written_name: String,
    keys: Vec<String>,
}

/// The country registry of a site: the ISO countries, with the aliases its country notes
/// give them (`aliases:` in `content/countries/<slug>.md`). An alias that is already
/// another country's name is an error; a note whose own name does not resolve is
/// reported when notes are resolved.
pub fn country_registry(notes: &[CountryNote], errors: &mut Vec<Error>) -> CountryRegistry {
    let mut registry = CountryRegistry::new();
    for note in notes {
        let Some(alpha2) = registry
            .resolve(&note.name.name)
            .map(|country| country.alpha2)
        else {
            continue;
        };
        for alias in &note.aliases {
            if let Err(taken) = registry.add_alias(&alias.name, alpha2) {
                errors.push(
                    Error::invalid(
                        alias.location.clone(),
                        format!("`{}` is already a name of {}", alias.name, taken.owner),
                    )
                    .with_code("duplicate-alias"),
                );
            }
        }
    }
    registry
}

/// Resolves every country named in articles, notes and profiles.
pub(super) fn resolve_countries<'a>(
    content: &'a Content,
    registry: &'a CountryRegistry,
    errors: &mut Vec<Error>,
) -> Resolved {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_code: HashMap<&'static str, usize> = HashMap::new();
    // Most articles name countries others named before, spelled alike: each spelling
    // is looked up once. Names that fail are not kept, so each is reported where it is.
    let mut found: HashMap<&str, &Country> = HashMap::new();
    let mut lookup = |name: &'a NameRef, errors: &mut Vec<Error>| -> Option<usize> {
        let country = match found.get(name.name.as_str()) {
            Some(country) => Lookup::Found {
                country,
                historic: false,
            },
            None => registry.lookup(&name.name),
        };
        let country = match country {
            Lookup::Found { country, .. } => {
                found.insert(&name.name, country);
                country
            }
            Lookup::Ambiguous(candidates) => {
                let names: Vec<&str> = candidates
                    .iter()
                    .map(|country| registry.unambiguous_name(country))
                    .collect();
                errors.push(
                    Error::invalid_with_hint(
                        name.location.clone(),
                        format!(
                            "`{}` could be any of several countries: {}",
                            name.name,
                            names.join(", ")
                        ),
                        Some(
                            "write the one you mean, or make the name a site alias in \
                             content/countries/"
                                .to_string(),
                        ),
                    )
                    .with_code("ambiguous-country"),
                );
                return None;
            }
            Lookup::Unknown => {
                errors.push(
                    Error::invalid_with_hint(
                        name.location.clone(),
                        format!("unknown country `{}`", name.name),
                        registry
                            .suggest(&name.name)
                            .map(|suggestion| format!("did you mean {suggestion}?")),
                    )
                    .with_code("unknown-country"),
                );
                return None;
            }
        };
        let position = *by_code.entry(country.alpha2).or_insert_with(|| {
            drafts.push(Draft {
                entity: CatalogEntity {
                    name: country.name.to_string(),
                    slug: country_slug(country.name),
                    aliases: country.aliases.iter().map(|a| a.to_string()).collect(),
                    details: EntityDetails::Country(CountryDetails {
                        alpha2: country.alpha2,
                        alpha3: country.alpha3,
                        numeric: country.numeric,
                        official_name: country.official_name,
                        region: country.region,
                        subregion: country.subregion,
                        flag: country.flag.clone(),
                    }),
                    same_as: Vec::new(),
                    defined_at: name.location.clone(),
                    source: None,
                },
                written_name: name.name.clone(),
                keys: vec![country.alpha2.to_string()],
            });
            drafts.len() - 1
        });
        Some(position)
    };

    // Newest first, as pages list them: the first article to name an entity is the
    // newest, and an entity without a profile or note is spelled as it spells it.
    let mut article_positions = vec![Vec::new(); content.articles.len()];
    for position in newest_first(content) {
        let article = &content.articles[position];
        let positions: Vec<usize> = article
            .countries
            .iter()
            .filter_map(|name| lookup(name, errors))
            .collect();
        article_positions[position] = positions;
    }
    for profile in &content.people {
        if let Some(country) = &profile.country {
            lookup(country, errors);
        }
    }
    let mut noted: Vec<(usize, usize, &CountryNote)> = Vec::new();
    for (note_position, note) in content.countries.iter().enumerate() {
        if let Some(position) = lookup(&note.name, errors) {
            noted.push((position, note_position, note));
        }
    }
    for (position, note_position, note) in noted {
        let draft = &mut drafts[position];
        if draft.entity.source.is_some() {
            errors.push(
                Error::invalid(
                    note.name.location.clone(),
                    format!("a second note for {}", draft.entity.name),
                )
                .with_code("duplicate-note"),
            );
        } else {
            draft.entity.source = Some(note_position);
            draft.entity.same_as = note.same_as.clone();
        }
    }
    finish(EntityKind::Country, drafts, article_positions, errors)
}

/// Resolves every person named in articles or given a profile.
///
/// `countries` resolves the country on a profile to its entity.
pub(super) fn resolve_people(
    content: &Content,
    countries: &Resolved,
    registry: &CountryRegistry,
    errors: &mut Vec<Error>,
) -> Resolved {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();

    for (profile_position, profile_item) in content.people.iter().enumerate() {
        let position = drafts.len();
        let mut keys = Vec::new();
        for name in std::iter::once(&profile_item.name).chain(&profile_item.aliases) {
            let key = name_key(&name.name);
            match by_key.entry(key.clone()) {
                Entry::Vacant(slot) => {
                    slot.insert(position);
                    keys.push(key);
                }
                Entry::Occupied(slot) if *slot.get() == position => {}
                Entry::Occupied(slot) => {
                    let owner = &drafts[*slot.get()];
                    errors.push(
                        Error::invalid(
                            name.location.clone(),
                            format!(
                                "`{}` is already a name of {} ({})",
                                name.name, owner.entity.name, owner.entity.defined_at
                            ),
                        )
                        .with_code("duplicate-alias"),
                    );
                }
            }
        }
        let country = profile_item.country.as_ref().and_then(|name| {
            let alpha2 = registry.resolve(&name.name)?.alpha2;
            countries.by_key.get(alpha2).copied()
        });
        drafts.push(Draft {
            entity: CatalogEntity {
                name: profile_item.name.name.clone(),
                slug: profile_slug(&profile_item.source_path),
                aliases: profile_item
                    .aliases
                    .iter()
                    .map(|alias| alias.name.clone())
                    .collect(),
                details: EntityDetails::Person(PersonDetails {
                    role: profile_item.role.clone(),
                    country,
                    links: profile_item.links.clone(),
                    has_profile: true,
                }),
                same_as: profile_item.same_as.clone(),
                defined_at: SourceLocation::new(&profile_item.source_path, 1, 1),
                source: Some(profile_position),
            },
            written_name: profile_item.name.name.clone(),
            keys,
        });
    }

    let mut article_positions = vec![Vec::new(); content.articles.len()];
    for position in newest_first(content) {
        let article = &content.articles[position];
        let mut positions = Vec::new();
        for name in &article.people {
            let key = name_key(&name.name);
            let entity = *by_key.entry(key.clone()).or_insert_with(|| {
                drafts.push(Draft {
                    entity: CatalogEntity {
                        name: name.name.clone(),
                        slug: slugify(&name.name),
                        aliases: Vec::new(),
                        details: EntityDetails::Person(PersonDetails::default()),
                        same_as: Vec::new(),
                        defined_at: name.location.clone(),
                        source: None,
                    },
                    written_name: name.name.clone(),
                    keys: vec![key],
                });
                drafts.len() - 1
            });
            positions.push(entity);
        }
        article_positions[position] = positions;
    }
    finish(EntityKind::Person, drafts, article_positions, errors)
}

/// The positions of the content's articles, newest first, as the index orders them.
fn newest_first(content: &Content) -> Vec<usize> {
    let mut order: Vec<usize> = (0..content.articles.len()).collect();
    order.sort_by(|&a, &b| content.articles[a].newest_first(&content.articles[b]));
    order
}

/// Sorts entities by slug, reports slugs used twice, and maps article positions to ids.
fn finish(
    kind: EntityKind,
    drafts: Vec<Draft>,
    article_positions: Vec<Vec<usize>>,
    errors: &mut Vec<Error>,
) -> Resolved {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| {
        drafts[a]
            .entity
            .slug
            .cmp(&drafts[b].entity.slug)
            .then_with(|| {
                drafts[a]
                    .entity
                    .defined_at
                    .cmp(&drafts[b].entity.defined_at)
            })
    });
    let mut new_index = vec![0; drafts.len()];
    for (sorted, &original) in order.iter().enumerate() {
        new_index[original] = sorted;
    }

    for pair in order.windows(2) {
        let (first, second) = (&drafts[pair[0]], &drafts[pair[1]]);
        if first.entity.slug == second.entity.slug && !first.entity.slug.is_empty() {
            let folder = kind.folder();
            errors.push(
                Error::invalid_with_hint(
                    second.entity.defined_at.clone(),
                    format!(
                        "`{}` and `{}` ({}) both make the URL /{folder}/{}/",
                        second.written_name,
                        first.written_name,
                        first.entity.defined_at,
                        second.entity.slug
                    ),
                    Some("if they are the same, add one name as an alias in the profile".into()),
                )
                .with_code("url-collision"),
            );
        }
    }
    for draft in &drafts {
        if draft.entity.slug.is_empty() {
            errors.push(Error::invalid(
                draft.entity.defined_at.clone(),
                format!(
                    "`{}` has no letters or digits to make a URL from",
                    draft.written_name
                ),
            ));
        }
    }

    let mut by_key = HashMap::new();
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let mut entities = Vec::with_capacity(slots.len());
    for &original in &order {
        if let Some(draft) = slots[original].take() {
            let id = EntityId {
                kind,
                index: entities.len(),
            };
            for key in draft.keys {
                by_key.insert(key, id);
            }
            entities.push(draft.entity);
        }
    }
    let article_entities = article_positions
        .into_iter()
        .map(|positions| {
            let mut ids: Vec<EntityId> = Vec::with_capacity(positions.len());
            for position in positions {
                let id = EntityId {
                    kind,
                    index: new_index[position],
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids
        })
        .collect();
    Resolved {
        entities,
        article_entities,
        by_key,
    }
}
