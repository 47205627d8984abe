//! What each page is made from, as one digest per page: a page whose key is the one
//! it had in the last build would render to the same bytes, so a build keeps the file
//! it wrote then instead of rendering it again.
//!
//! Keys are made from the model, not from the views (building the views costs as much
//! as rendering), so each kind of page names here what its view reads: the settings
//! and templates, the articles it shows and, for each entity or tag it links to,
//! what a link to it shows. Anything a page shows must reach its key; pages that show
//! something of every article (the home page, the archive, the site feed, the search
//! index, the sitemap) have no key and are always rendered.

use rayon::prelude::*;

use super::Page;
use crate::catalog::{EntityDetails, EntityId, EntityKind, of_kind};
use crate::config::SiteConfig;
use crate::digest::Digest;
use crate::index::{Entity, IndexedArticle, SiteIndex};
use crate::mentions::MentionTarget;
use crate::theme::Theme;

/// The key of every page of one model.
pub struct PageKeys {
    /// The settings and the templates.
    site: u128,
    /// The years of the archive, with their counts, which every year's page lists.
    years: u128,
    /// Per article: what it shows itself and what its links show.
    articles: Vec<u128>,
    /// Per article: what a list of articles shows of it.
    summaries: Vec<u128>,
    /// Per country and person: everything its own pages show.
    countries: Vec<u128>,
    people: Vec<u128>,
    /// Per tag: everything its pages show.
    tags: Vec<u128>,
}

impl PageKeys {
    /// The keys of the pages of `index`, built with `config` and `theme`.
    pub fn new(index: &SiteIndex, config: &SiteConfig, theme: &Theme) -> PageKeys {
        let mut site = Digest::new();
        site.debug(config);
        for template in &theme.templates {
            site.str(&template.name).str(&template.text);
        }
        let mut years = Digest::new();
        for (year, range) in index.years() {
            years.number(year as u128).number(range.len() as u128);
        }
        let entity_links = |kind: EntityKind| -> Vec<u128> {
            index
                .entities(kind)
                .map(|(_, entity)| link_digest(index, entity))
                .collect()
        };
        let country_links = entity_links(EntityKind::Country);
        let person_links = entity_links(EntityKind::Person);
        let link = |id: EntityId| of_kind(id.kind, &country_links, &person_links)[id.index];
        let tag_links: Vec<u128> = index
            .tags
            .iter()
            .map(|tag| {
                Digest::new()
                    .str(&tag.name)
                    .str(&tag.slug)
                    .number(tag.articles.len() as u128)
                    .finish()
            })
            .collect();
        let own: Vec<u128> = index.articles.par_iter().map(article_digest).collect();
        let summaries: Vec<u128> = index
            .articles
            .par_iter()
            .zip(&own)
            .map(|(article, own)| {
                let mut digest = Digest::new();
                digest.number(*own);
                for &id in article.countries.iter().chain(&article.people) {
                    digest.number(link(id));
                }
                for &tag in &article.tags {
                    digest.number(tag_links[tag]);
                }
                digest.finish()
            })
            .collect();
        let articles: Vec<u128> = index
            .articles
            .par_iter()
            .zip(&summaries)
            .map(|(article, summary)| {
                let mut digest = Digest::new();
                digest.number(*summary);
                for entity in article.mentioned.iter().filter_map(|m| m.entity) {
                    digest.number(link(entity));
                }
                digest.finish()
            })
            .collect();
        let entity_pages = |kind: EntityKind, links: &[u128]| -> Vec<u128> {
            index
                .entities(kind)
                .zip(links)
                .map(|((_, entity), own)| {
                    let mut digest = Digest::new();
                    digest.number(*own);
                    if let Some(body) = &entity.body {
                        digest.bytes(body.html.packed());
                    }
                    // A person's page links to their country with its article count.
                    if let EntityDetails::Person(person) = &entity.details
                        && let Some(country) = person.country
                    {
                        digest.number(link(country));
                    }
                    for &position in &entity.articles {
                        digest.number(summaries[position]);
                    }
                    for connection in &entity.connections {
                        digest
                            .number(link(connection.entity))
                            .number(connection.count as u128);
                    }
                    digest.finish()
                })
                .collect()
        };
        let countries = entity_pages(EntityKind::Country, &country_links);
        let people = entity_pages(EntityKind::Person, &person_links);
        let tags = index
            .tags
            .iter()
            .zip(&tag_links)
            .map(|(tag, own)| {
                let mut digest = Digest::new();
                digest.number(*own);
                for &position in &tag.articles {
                    digest.number(summaries[position]);
                }
                digest.finish()
            })
            .collect();
        PageKeys {
            site: site.finish(),
            years: years.finish(),
            articles,
            summaries,
            countries,
            people,
            tags,
        }
    }

    /// The key of `page`, or `None` for a page that is always rendered. `years` are
    /// the archive's years with their runs of the article list, and `range` gives
    /// the run of a list shown on one page of it.
    pub fn key(
        &self,
        page: Page,
        years: &[(i16, std::ops::Range<usize>)],
        range: impl Fn(usize, usize) -> std::ops::Range<usize>,
    ) -> Option<u128> {
        // Positions and ids are left out: they move when other articles or entities
        // are added, without changing what this page shows.
        let (kind, number) = match page {
            Page::Article(_) => ("article", 0),
            Page::ArchiveYear(year, number) => ("year", number + ((year as u16 as usize) << 32)),
            Page::Entity(_, number) => ("entity", number),
            Page::Feed(_) => ("entity feed", 0),
            Page::EntityData(_) => ("entity data", 0),
            Page::Tag(_, number) => ("tag", number),
            Page::TagFeed(_) => ("tag feed", 0),
            _ => return None,
        };
        let mut digest = Digest::new();
        digest.number(self.site).str(kind).number(number as u128);
        match page {
            Page::Article(position) => digest.number(self.articles[position]),
            Page::ArchiveYear(year, number) => {
                let (_, run) = years.iter().find(|(other, _)| *other == year)?;
                digest.number(self.years);
                let shown = range(run.len(), number);
                for position in run.clone().skip(shown.start).take(shown.len()) {
                    digest.number(self.summaries[position]);
                }
                &mut digest
            }
            Page::Entity(id, _) | Page::Feed(Some(id)) | Page::EntityData(id) => {
                digest.number(of_kind(id.kind, &self.countries, &self.people)[id.index])
            }
            Page::Tag(tag, _) | Page::TagFeed(tag) => digest.number(self.tags[tag]),
            _ => return None,
        };
        Some(digest.finish())
    }
}

/// What a link to an entity shows anywhere: its names, page, details, links
/// elsewhere and how many articles name it.
fn link_digest(index: &SiteIndex, entity: &Entity) -> u128 {
    let mut digest = Digest::new();
    digest
        .str(&entity.name)
        .str(&entity.slug)
        .debug(&entity.aliases)
        .debug(&entity.same_as)
        .number(entity.articles.len() as u128);
    match &entity.details {
        EntityDetails::Country(country) => digest.debug(country),
        EntityDetails::Person(person) => {
            digest
                .debug(&person.role)
                .debug(&person.links)
                .number(u128::from(person.has_profile));
            if let Some(country) = person.country {
                let country = index.entity(country);
                digest.str(&country.name).str(&country.slug);
            }
            &mut digest
        }
    };
    digest.finish()
}

/// What an article shows itself: its front matter, its body, and the people and
/// countries its body mentions, by name.
fn article_digest(article: &IndexedArticle) -> u128 {
    let mut digest = Digest::new();
    digest.serialized(&article.article);
    let body = &article.body;
    digest
        .bytes(body.html.packed())
        .str(&body.summary)
        .debug(&body.bundle_files);
    for mentioned in &article.mentioned {
        digest
            .str(&mentioned.name)
            .debug(&mentioned.flag)
            .number(mentioned.line as u128)
            .number(mentioned.column as u128)
            .number(u128::from(mentioned.entity.is_some()));
        if let MentionTarget::Country(alpha2) = mentioned.target {
            digest.str(alpha2);
        }
    }
    digest.finish()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use jiff::tz::TimeZone;

    use super::*;
    use crate::content::{Content, parse_article, parse_person_profile};
    use crate::markdown::BodyCache;
    use crate::site::{LoadedSite, Settings, assemble};

    fn site(articles: &[(&str, &str)]) -> LoadedSite {
        let content = Content {
            articles: articles
                .iter()
                .map(|(path, text)| parse_article(text, Path::new(path), &TimeZone::UTC).unwrap())
                .collect(),
            people: vec![
                parse_person_profile(
                    "---\nname: Sergey Lavrov\ncountry: Russia\n---\nBio.\n",
                    Path::new("content/people/sergey-lavrov.md"),
                )
                .unwrap(),
            ],
            countries: Vec::new(),
        };
        let settings = Settings::builtin(SiteConfig::default()).unwrap();
        let (site, errors) = assemble(&settings, content, &mut BodyCache::default());
        assert!(errors.is_empty(), "{errors:?}");
        site.unwrap()
    }

    /// The key of every keyed page, by route.
    fn keys(site: &LoadedSite) -> std::collections::BTreeMap<String, u128> {
        let renderer = site.renderer();
        let keys = PageKeys::new(&site.index, &site.config, &site.theme);
        renderer
            .pages()
            .into_iter()
            .filter_map(|page| {
                Some((
                    renderer.route(page).url_path,
                    renderer.page_key(page, &keys)?,
                ))
            })
            .collect()
    }

    const A: (&str, &str) = (
        "content/articles/a.md",
        "---\ntitle: A\ndate: 2024-01-01\ncountries: [Russia]\n---\nA.\n",
    );
    const B: (&str, &str) = (
        "content/articles/b.md",
        "---\ntitle: B\ndate: 2024-01-02\ncountries: [Russia]\n---\nB.\n",
    );
    const C: (&str, &str) = (
        "content/articles/c.md",
        "---\ntitle: C\ndate: 2024-01-03\ncountries: [Japan]\n---\nC.\n",
    );

    #[test]
    fn the_same_model_gives_the_same_keys() {
        assert_eq!(keys(&site(&[A, B])), keys(&site(&[B, A])));
    }

    #[test]
    fn a_page_that_shows_a_changed_count_gets_a_new_key() {
        let before = keys(&site(&[A]));
        let after = keys(&site(&[A, B]));
        // Lavrov's page lists no article, but links to Russia with its article count,
        // which B changes.
        assert_ne!(
            before["/people/sergey-lavrov/"],
            after["/people/sergey-lavrov/"]
        );
        // A's page shows Russia's count too.
        assert_ne!(before["/articles/a/"], after["/articles/a/"]);
    }

    #[test]
    fn an_article_added_elsewhere_leaves_other_pages_alone() {
        let before = keys(&site(&[A]));
        let after = keys(&site(&[A, C]));
        for route in [
            "/articles/a/",
            "/countries/russia/",
            "/people/sergey-lavrov/",
        ] {
            assert_eq!(before[route], after[route], "{route}");
        }
    }

    #[test]
    fn pages_that_show_nothing_of_a_change_keep_their_keys() {
        let before = keys(&site(&[A, C]));
        let renamed = (
            "content/articles/c.md",
            "---\ntitle: C renamed\ndate: 2024-01-03\ncountries: [Japan]\n---\nC.\n",
        );
        let after = keys(&site(&[A, renamed]));
        let changed: Vec<&String> = before
            .iter()
            .filter(|(route, key)| after.get(*route) != Some(key))
            .map(|(route, _)| route)
            .collect();
        assert_eq!(
            changed,
            [
                "/archive/2024/",
                "/articles/c/",
                "/countries/japan/",
                "/countries/japan/atom.xml",
                "/countries/japan/index.json"
            ]
        );
    }
}
