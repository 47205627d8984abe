//! The site model: articles newest first, and every country and person with the
//! articles that name them and the entities they appear with.
//!
//! Countries and people are both [`Entity`]s and go through one code path; only how a
//! name is resolved differs (the ISO list for countries, profiles for people). This
//! stage does no I/O and knows nothing of URLs or templates.

mod connections;
pub mod paging;
mod resolve;
mod tags;
pub mod timeline;

use std::collections::HashMap;

use crate::content::{Article, Link};
use crate::countries::CountryRegistry;
use crate::error::{Error, Result, SourceLocation};
use crate::markdown::{RenderedContent, RenderedMarkdown};
use crate::mentions::MentionTarget;

pub use resolve::country_registry;
use resolve::{resolve_countries, resolve_people};
pub use tags::Tag;
use timeline::{MonthGroup, Timeline, group_by_month};

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
}

/// A reference to an entity of the index.
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

/// An entity that appears in the same articles as another, and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    /// The other entity.
    pub entity: EntityId,
    /// The number of articles naming both.
    pub count: usize,
}

/// A country or a person with everything written about them.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Display name.
    pub name: String,
    /// URL slug, unique within its kind.
    pub slug: String,
    /// Other names it is known by.
    pub aliases: Vec<String>,
    /// Kind-specific data.
    pub details: EntityDetails,
    /// The rendered profile or note, if the site has one.
    pub body: Option<RenderedMarkdown>,
    /// URLs of the same entity elsewhere, from its profile or note.
    pub same_as: Vec<String>,
    /// Indices into [`SiteIndex::articles`], newest first.
    pub articles: Vec<usize>,
    /// Entities that share articles with this one, most shared first.
    pub connections: Vec<Connection>,
    /// Where it was first named: the profile or note, or the first article naming it.
    pub defined_at: SourceLocation,
}

/// An article with its rendered body and resolved entities.
#[derive(Debug, Clone)]
pub struct IndexedArticle {
    /// The article as loaded.
    pub article: Article,
    /// Its rendered body.
    pub body: RenderedMarkdown,
    /// Countries it names, in front matter order, without repeats.
    pub countries: Vec<EntityId>,
    /// People it names, in front matter order, without repeats.
    pub people: Vec<EntityId>,
    /// Its tags, by position in [`SiteIndex::tags`], in front matter order, without
    /// repeats.
    pub tags: Vec<usize>,
    /// Known people and countries its body mentions that its front matter does not
    /// list, in order of first mention: what the page shows and `check` reports.
    pub mentioned: Vec<Mentioned>,
}

/// A known person or country a body mentions but its front matter does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentioned {
    /// Who or what is mentioned.
    pub target: MentionTarget,
    /// Its entity, when it has a page: a country no article lists has none.
    pub entity: Option<EntityId>,
    /// Display name.
    pub name: String,
    /// Emoji flag, for countries.
    pub flag: Option<String>,
    /// File line of the first mention.
    pub line: usize,
    /// Column of the first mention.
    pub column: usize,
}

impl IndexedArticle {
    /// The summary from front matter, or else the first paragraph.
    pub fn summary(&self) -> &str {
        self.article
            .summary
            .as_deref()
            .unwrap_or(&self.body.summary)
    }
}

/// The whole site model.
#[derive(Debug, Clone)]
pub struct SiteIndex {
    /// Every article, newest first.
    pub articles: Vec<IndexedArticle>,
    /// Countries named by an article or a profile, or with a note, sorted by slug.
    pub countries: Vec<Entity>,
    /// People that are named by an article or have a profile, sorted by slug.
    pub people: Vec<Entity>,
    /// Every tag, sorted by slug.
    pub tags: Vec<Tag>,
    /// The entity of each profile, by the profile's position in the loaded content.
    profile_ids: Vec<EntityId>,
    /// The entity of each country that has one, by alpha-2 code.
    country_ids: HashMap<&'static str, EntityId>,
}

impl SiteIndex {
    /// Builds the model, resolving every name; every problem is reported at once.
    pub fn build(content: RenderedContent, registry: &CountryRegistry) -> Result<SiteIndex> {
        let (index, errors) = SiteIndex::build_partial(content, registry);
        if errors.is_empty() {
            Ok(index)
        } else {
            Err(Error::from_many(errors))
        }
    }

    /// Builds the model from every name that resolves, beside the problems with the
    /// others: a model fit for checking the rest of the site, never for publishing it.
    pub fn build_partial(
        content: RenderedContent,
        registry: &CountryRegistry,
    ) -> (SiteIndex, Vec<Error>) {
        let mut errors = Vec::new();
        let mut articles = content.articles;
        articles.sort_by(|a, b| {
            b.item
                .date
                .timestamp()
                .cmp(&a.item.date.timestamp())
                .then_with(|| a.item.title.cmp(&b.item.title))
                .then_with(|| a.item.slug.cmp(&b.item.slug))
        });
        check_article_slugs(&articles, &mut errors);
        let (tags, mut article_tags) = tags::collect_tags(&articles, &mut errors);

        let countries = resolve_countries(
            &articles,
            content.countries,
            &content.people,
            registry,
            &mut errors,
        );
        let profile_count = content.people.len();
        let people = resolve_people(&articles, content.people, &countries, registry, &mut errors);

        // Profiles are the first people resolved, in load order.
        let profile_ids = people.ids[..profile_count].to_vec();
        let country_ids = countries
            .entities
            .iter()
            .enumerate()
            .filter_map(|(position, entity)| match &entity.details {
                EntityDetails::Country(country) => Some((
                    country.alpha2,
                    EntityId {
                        kind: EntityKind::Country,
                        index: position,
                    },
                )),
                EntityDetails::Person(_) => None,
            })
            .collect();
        let mut index = SiteIndex {
            articles: articles
                .into_iter()
                .enumerate()
                .map(|(position, rendered)| {
                    let listed_countries = &countries.article_entities[position];
                    let listed_people = &people.article_entities[position];
                    let mentioned = rendered
                        .body
                        .mentions
                        .iter()
                        .filter_map(|mention| {
                            let entity = mention_entity(&country_ids, &profile_ids, mention.target);
                            let (name, flag) = match (mention.target, entity) {
                                (_, Some(id)) if listed_countries.contains(&id) => return None,
                                (_, Some(id)) if listed_people.contains(&id) => return None,
                                (MentionTarget::Person(_), Some(id)) => {
                                    (people.entities[id.index].name.clone(), None)
                                }
                                (MentionTarget::Country(alpha2), _) => {
                                    let country = registry.resolve(alpha2)?;
                                    (country.name.to_string(), Some(country.flag.clone()))
                                }
                                (MentionTarget::Person(_), None) => return None,
                            };
                            Some(Mentioned {
                                target: mention.target,
                                entity,
                                name,
                                flag,
                                line: mention.line,
                                column: mention.column,
                            })
                        })
                        .collect();
                    IndexedArticle {
                        tags: std::mem::take(&mut article_tags[position]),
                        countries: listed_countries.clone(),
                        people: listed_people.clone(),
                        mentioned,
                        article: rendered.item,
                        body: rendered.body,
                    }
                })
                .collect(),
            countries: countries.entities,
            people: people.entities,
            tags,
            profile_ids,
            country_ids,
        };
        index.link_articles();
        (index, errors)
    }

    /// The entity a mention refers to, if it has a page.
    pub fn mention_entity(&self, target: MentionTarget) -> Option<EntityId> {
        mention_entity(&self.country_ids, &self.profile_ids, target)
    }

    /// The entity an id refers to.
    pub fn entity(&self, id: EntityId) -> &Entity {
        match id.kind {
            EntityKind::Country => &self.countries[id.index],
            EntityKind::Person => &self.people[id.index],
        }
    }

    /// Every entity of one kind with its id.
    pub fn entities(&self, kind: EntityKind) -> impl Iterator<Item = (EntityId, &Entity)> {
        let list = match kind {
            EntityKind::Country => &self.countries,
            EntityKind::Person => &self.people,
        };
        list.iter()
            .enumerate()
            .map(move |(index, entity)| (EntityId { kind, index }, entity))
    }

    /// Entities of one kind with at least one article, most covered first, then by name.
    pub fn most_covered(&self, kind: EntityKind) -> Vec<EntityId> {
        let mut ids: Vec<(EntityId, &Entity)> = self
            .entities(kind)
            .filter(|(_, entity)| !entity.articles.is_empty())
            .collect();
        ids.sort_by(|(_, a), (_, b)| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        ids.into_iter().map(|(id, _)| id).collect()
    }

    /// Articles per month or week, of the articles at `positions` (any order).
    pub fn timeline(&self, positions: &[usize]) -> Timeline {
        Timeline::from_dates(
            positions
                .iter()
                .map(|&position| self.article_date(position)),
        )
    }

    /// The articles at `positions` (newest first) in runs of one month each.
    pub fn month_groups(&self, positions: &[usize]) -> Vec<MonthGroup> {
        group_by_month(
            positions
                .iter()
                .map(|&position| self.article_date(position)),
        )
    }

    /// The years with articles, newest first, each with the positions of its articles.
    pub fn years(&self) -> Vec<(i16, std::ops::Range<usize>)> {
        let mut years: Vec<(i16, std::ops::Range<usize>)> = Vec::new();
        for (position, article) in self.articles.iter().enumerate() {
            let year = article.article.date.year();
            match years.last_mut() {
                Some((last, range)) if *last == year => range.end = position + 1,
                _ => years.push((year, position..position + 1)),
            }
        }
        years
    }

    /// Positions of every article, newest first, for the site-wide timeline and archive.
    pub fn all_articles(&self) -> Vec<usize> {
        (0..self.articles.len()).collect()
    }

    /// The calendar date of an article in the site's time zone.
    fn article_date(&self, position: usize) -> jiff::civil::Date {
        self.articles[position].article.date.date()
    }
}

fn mention_entity(
    country_ids: &HashMap<&'static str, EntityId>,
    profile_ids: &[EntityId],
    target: MentionTarget,
) -> Option<EntityId> {
    match target {
        MentionTarget::Country(alpha2) => country_ids.get(alpha2).copied(),
        MentionTarget::Person(profile) => profile_ids.get(profile).copied(),
    }
}

/// Two articles may not share a URL.
fn check_article_slugs(articles: &[crate::markdown::Rendered<Article>], errors: &mut Vec<Error>) {
    let mut seen: HashMap<&str, &Article> = HashMap::new();
    for rendered in articles {
        let article = &rendered.item;
        if let Some(first) = seen.insert(&article.slug, article) {
            let (first, second) = if first.source_path < article.source_path {
                (first, article)
            } else {
                (article, first)
            };
            errors.push(
                Error::invalid_with_hint(
                    crate::error::SourceLocation::new(&second.source_path, 1, 1),
                    format!(
                        "article URL /articles/{}/ is also made by {}",
                        article.slug,
                        first.source_path.display()
                    ),
                    Some("give one of them a different `slug` in its front matter".into()),
                )
                .with_code("url-collision"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
