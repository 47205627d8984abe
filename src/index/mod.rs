//! The site model: articles newest first, and every country and person with the
//! articles that name them and the entities they appear with.
//!
//! Countries and people are both [`Entity`]s and go through one code path. Names were
//! resolved by the catalog; this stage attaches bodies and articles to its entities.
//! It does no I/O and knows nothing of URLs or templates.

mod connections;
pub mod paging;
mod tags;
pub mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::{ArticleEntities, Catalog, CatalogEntity, of_kind, with_ids};
use crate::content::Article;
use crate::countries::CountryRegistry;
use crate::error::{Error, Result, SourceLocation};
use crate::markdown::{Rendered, RenderedContent, RenderedMarkdown, Vocabulary};
use crate::mentions::MentionTarget;

pub use crate::catalog::{CountryDetails, EntityDetails, EntityId, EntityKind, PersonDetails};
pub use tags::Tag;
use timeline::{MonthGroup, Timeline, group_by_month};

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
    /// Its entity, when it has a page: a country the site names nowhere has none.
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
    /// The words of the articles' bodies, by the numbers the bodies hold.
    pub vocabulary: Arc<Vocabulary>,
}

impl SiteIndex {
    /// Builds the model of a catalog and its rendered content; every problem is
    /// reported at once.
    pub fn build(
        content: RenderedContent,
        catalog: Catalog,
        registry: &CountryRegistry,
    ) -> Result<SiteIndex> {
        let (index, errors) = SiteIndex::build_partial(content, catalog, registry);
        if errors.is_empty() {
            Ok(index)
        } else {
            Err(Error::from_many(errors))
        }
    }

    /// Builds the model beside the problems only a whole site shows (two articles with
    /// one URL, tags that clash). With a catalog that lacks names that did not resolve,
    /// the model is fit for checking the rest of the site, never for publishing it.
    pub fn build_partial(
        content: RenderedContent,
        catalog: Catalog,
        registry: &CountryRegistry,
    ) -> (SiteIndex, Vec<Error>) {
        let mut errors = Vec::new();
        // Positions are sorted, not the articles: a sort moves what it sorts many times.
        let mut order: Vec<usize> = (0..content.articles.len()).collect();
        order.sort_by(|&a, &b| (content.articles[a].item).newest_first(&content.articles[b].item));
        let mut slots: Vec<Option<(Rendered<Article>, ArticleEntities)>> =
            (content.articles.into_iter().zip(catalog.articles))
                .map(Some)
                .collect();
        let (articles, listed): (Vec<Rendered<Article>>, Vec<ArticleEntities>) = order
            .iter()
            .filter_map(|&position| slots[position].take())
            .unzip();
        check_article_slugs(&articles, &mut errors);
        let (tags, article_tags) = tags::collect_tags(&articles, &mut errors);

        let mut profiles: Vec<Option<RenderedMarkdown>> =
            content.people.into_iter().map(|p| Some(p.body)).collect();
        let mut notes: Vec<Option<RenderedMarkdown>> = content
            .countries
            .into_iter()
            .map(|n| Some(n.body))
            .collect();
        let entity = |entity: CatalogEntity, bodies: &mut Vec<Option<RenderedMarkdown>>| {
            let body = entity
                .source
                .and_then(|source| bodies.get_mut(source)?.take());
            Entity {
                name: entity.name,
                slug: entity.slug,
                aliases: entity.aliases,
                details: entity.details,
                body,
                same_as: entity.same_as,
                articles: Vec::new(),
                connections: Vec::new(),
                defined_at: entity.defined_at,
            }
        };
        let countries: Vec<Entity> = catalog
            .countries
            .into_iter()
            .map(|country| entity(country, &mut notes))
            .collect();
        let people: Vec<Entity> = catalog
            .people
            .into_iter()
            .map(|person| entity(person, &mut profiles))
            .collect();
        let articles = (articles.into_par_iter().zip(listed).zip(article_tags))
            .map(|((rendered, listed), tags)| {
                let mentioned = rendered
                    .body
                    .mentions
                    .iter()
                    .filter_map(|mention| {
                        let (name, flag, entity) = match mention.target {
                            MentionTarget::Entity(id) => {
                                if listed.countries.contains(&id) || listed.people.contains(&id) {
                                    return None;
                                }
                                let entity = &of_kind(id.kind, &countries, &people)[id.index];
                                let flag = match &entity.details {
                                    EntityDetails::Country(country) => Some(country.flag.clone()),
                                    EntityDetails::Person(_) => None,
                                };
                                (entity.name.clone(), flag, Some(id))
                            }
                            MentionTarget::Country(alpha2) => {
                                let country = registry.by_alpha2(alpha2)?;
                                (country.name.to_string(), Some(country.flag.clone()), None)
                            }
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
                    tags,
                    countries: listed.countries,
                    people: listed.people,
                    mentioned,
                    article: rendered.item,
                    body: rendered.body,
                }
            })
            .collect();
        let mut index = SiteIndex {
            articles,
            countries,
            people,
            tags,
            vocabulary: content.vocabulary,
        };
        index.link_articles();
        (index, errors)
    }

    /// The entity an id refers to.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &of_kind(id.kind, &self.countries, &self.people)[id.index]
    }

    /// Every entity of one kind with its id.
    pub fn entities(&self, kind: EntityKind) -> impl Iterator<Item = (EntityId, &Entity)> {
        with_ids(kind, of_kind(kind, &self.countries, &self.people))
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
