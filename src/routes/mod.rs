//! The one place that turns a thing into a URL and an output path.
//!
//! Every page has a [`Route`]: its path below the site root (`/people/wang-yi/`) and the
//! file it is written to (`people/wang-yi/index.html`). Links put in pages carry the
//! path of `base_url` (so a site under `/briefings/` links to `/briefings/people/...`);
//! canonical URLs carry all of it. Slugs hold only `a-z0-9-`, so no route can leave
//! the output folder.

use std::collections::HashMap;
use std::path::PathBuf;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::catalog::{Catalog, EntityId, EntityKind};
use crate::content::Article;

/// A page's place in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    /// Path below the site root, starting and ending with `/`: `/articles/talks/`.
    pub url_path: String,
    /// File below the output folder: `articles/talks/index.html`.
    pub output_path: PathBuf,
}

impl Route {
    /// A pretty-URL route for the folder `url_path` (which starts and ends with `/`).
    fn page(url_path: String) -> Route {
        let output_path = PathBuf::from(url_path.trim_start_matches('/')).join("index.html");
        Route {
            url_path,
            output_path,
        }
    }

    /// A route for a file at `name` below the site root.
    pub fn file(name: &str) -> Route {
        Route {
            url_path: format!("/{name}"),
            output_path: PathBuf::from(name),
        }
    }
}

/// The links bodies may point at: `markdown` resolves links with them but makes no
/// URLs of its own.
#[derive(Debug, Clone, Default)]
pub struct LinkTargets {
    /// The page of every entity of the catalog.
    pub entities: HashMap<EntityId, String>,
    /// The page of every article, with its source path.
    pub articles: Vec<(PathBuf, String)>,
    /// The path part of `base_url` without its trailing `/` (`/briefings`), or empty:
    /// what a site URL written in a body (`/countries/brazil/`) needs in front.
    pub base_path: String,
}

/// Characters a file name keeps escaped in a URL path: what would end the path or the
/// attribute, or change what the URL means.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\');

/// A bundle file's name as it is written in a URL: `maps/Geneva talks.png` becomes
/// `maps/Geneva%20talks.png`.
pub fn url_name(name: &str) -> String {
    utf8_percent_encode(name, PATH_SEGMENT).to_string()
}

/// Builds routes and links for one `base_url`.
#[derive(Debug, Clone)]
pub struct Routes {
    /// `https://example.org/briefings` or empty for a root-relative base; no trailing `/`.
    origin_and_path: String,
    /// The path part of `base_url` without its trailing `/`: `/briefings`, or empty.
    base_path: String,
}

impl Routes {
    /// Routes for a normalised `base_url` (ending in `/`, see `config`).
    pub fn new(base_url: &str) -> Routes {
        let trimmed = base_url.trim_end_matches('/');
        let base_path = match trimmed.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
            None => trimmed,
        };
        Routes {
            origin_and_path: trimmed.to_string(),
            base_path: base_path.to_string(),
        }
    }

    /// The home page.
    pub fn home(&self) -> Route {
        Route::page("/".into())
    }

    /// One article.
    pub fn article(&self, slug: &str) -> Route {
        Route::page(format!("/articles/{}/", checked(slug)))
    }

    /// A file of an article's bundle, published beside its page:
    /// `/articles/talks/maps/geneva.png`. `name` is a path inside the bundle, as listed
    /// from disk, so it holds no `..`.
    pub fn article_file(&self, slug: &str, name: &str) -> Route {
        Route {
            url_path: format!("/articles/{}/{}", checked(slug), url_name(name)),
            output_path: PathBuf::from(format!("articles/{}/{name}", checked(slug))),
        }
    }

    /// The list of every entity of a kind: `/countries/` or `/people/`.
    pub fn entity_list(&self, kind: EntityKind) -> Route {
        Route::page(format!("/{}/", kind.folder()))
    }

    /// One country or person.
    pub fn entity(&self, kind: EntityKind, slug: &str) -> Route {
        Route::page(format!("/{}/{}/", kind.folder(), checked(slug)))
    }

    /// The list of every tag: `/tags/`.
    pub fn tag_list(&self) -> Route {
        Route::page("/tags/".into())
    }

    /// One tag's briefings: `/tags/<slug>/`.
    pub fn tag(&self, slug: &str) -> Route {
        Route::page(format!("/tags/{}/", checked(slug)))
    }

    /// The Atom feed of one tag: `/tags/<slug>/atom.xml`.
    pub fn tag_feed(&self, slug: &str) -> Route {
        Route::file(&format!("tags/{}/atom.xml", checked(slug)))
    }

    /// Every article, grouped by year and month: `/archive/`.
    pub fn archive(&self) -> Route {
        Route::page("/archive/".into())
    }

    /// The briefings of one year: `/archive/2024/`.
    pub fn archive_year(&self, year: i16) -> Route {
        Route::page(format!("/archive/{year:04}/"))
    }

    /// Page `number` (from 1) of a paged list at `first`: the first page is `first`
    /// itself, later ones are `<first>page/<number>/`, as in Hugo and Zola.
    pub fn paged(&self, first: Route, number: usize) -> Route {
        if number <= 1 {
            return first;
        }
        Route::page(format!("{}page/{number}/", first.url_path))
    }

    /// The `id` of the heading of one month in a list grouped by month: `month-2024-04`.
    /// Timelines link to it, on the same page or on the archive.
    pub fn month_fragment(&self, year: i16, month: i8) -> String {
        format!("month-{year:04}-{month:02}")
    }

    /// The site's Atom feed: `/atom.xml`.
    pub fn site_feed(&self) -> Route {
        Route::file("atom.xml")
    }

    /// The Atom feed of one country or person: `/people/<slug>/atom.xml`.
    pub fn entity_feed(&self, kind: EntityKind, slug: &str) -> Route {
        Route::file(&format!("{}/{}/atom.xml", kind.folder(), checked(slug)))
    }

    /// The machine-readable list of a kind: `/countries/index.json`.
    pub fn entity_list_data(&self, kind: EntityKind) -> Route {
        Route::file(&format!("{}/index.json", kind.folder()))
    }

    /// The machine-readable record of one entity: `/countries/china/index.json`.
    pub fn entity_data(&self, kind: EntityKind, slug: &str) -> Route {
        Route::file(&format!("{}/{}/index.json", kind.folder(), checked(slug)))
    }

    /// The search page.
    pub fn search(&self) -> Route {
        Route::page("/search/".into())
    }

    /// The search index's table of contents, which the search page loads first.
    pub fn search_index(&self) -> Route {
        Route::file("search/index.json")
    }

    /// One part of the search index's words: `/search/words/12.json`.
    pub fn search_words(&self, part: usize) -> Route {
        Route::file(&format!("search/words/{part}.json"))
    }

    /// One run of the search index's article records: `/search/articles/3.json`.
    pub fn search_articles(&self, part: usize) -> Route {
        Route::file(&format!("search/articles/{part}.json"))
    }

    /// The page static hosts serve for missing URLs.
    pub fn not_found(&self) -> Route {
        Route::file("404.html")
    }

    /// `/sitemap.xml`.
    pub fn sitemap(&self) -> Route {
        Route::file("sitemap.xml")
    }

    /// `/robots.txt`.
    pub fn robots(&self) -> Route {
        Route::file("robots.txt")
    }

    /// The path part of `base_url` without its trailing `/`: `/briefings`, or empty.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Whether `base_url` is a full URL, so absolute URLs are real URLs.
    pub fn has_absolute_base(&self) -> bool {
        self.origin_and_path.contains("://")
    }

    /// The links bodies may point at: every article by its source path and every
    /// entity of the catalog by id.
    pub fn link_targets<'c>(
        &self,
        articles: impl IntoIterator<Item = &'c Article>,
        catalog: &Catalog,
    ) -> LinkTargets {
        let entities = [EntityKind::Country, EntityKind::Person]
            .into_iter()
            .flat_map(|kind| catalog.entities(kind))
            // A name without letters or digits has no page (and is an error).
            .filter(|(_, entity)| !entity.slug.is_empty())
            .map(|(id, entity)| (id, self.link(&self.entity(id.kind, &entity.slug))))
            .collect();
        let articles = articles
            .into_iter()
            .map(|article| {
                let link = self.link(&self.article(&article.slug));
                (article.source_path.clone(), link)
            })
            .collect();
        LinkTargets {
            entities,
            articles,
            base_path: self.base_path.clone(),
        }
    }

    /// The link to a route as put in a page: `/briefings/articles/talks/`.
    pub fn link(&self, route: &Route) -> String {
        format!("{}{}", self.base_path, route.url_path)
    }

    /// The full URL of a route, for canonical links and feeds. With a root-relative
    /// base_url this is the same as [`Routes::link`].
    pub fn absolute_url(&self, route: &Route) -> String {
        format!("{}{}", self.origin_and_path, route.url_path)
    }
}

/// Slugs come from [`crate::slugs::slugify`]; anything else is a bug, not user input.
fn checked(slug: &str) -> &str {
    debug_assert!(
        !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "not a slug: {slug:?}"
    );
    slug
}

#[cfg(test)]
mod tests;
