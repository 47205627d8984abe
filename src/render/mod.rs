//! Model + templates -> pages in memory.
//!
//! [`Templates`] holds the compiled theme; [`SiteRenderer`] lists every page the site
//! has ([`Page`]) and renders any one of them to a [`RenderedPage`], so the caller can
//! render in parallel and write each page as soon as it exists. Nothing here touches
//! the disk.

pub mod budget;
mod charts;
mod data;
mod feeds;
mod pages;
mod sitemap;
mod templates;
pub mod view;
mod xml;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::error::Result;
use crate::index::{EntityId, EntityKind, SiteIndex};
use crate::routes::{Route, Routes};

use sitemap::SitemapEntry;
pub use templates::Templates;
use view::{ArticleView, EntityLinks, SiteView};
pub use xml::escape_xml;

/// How many articles and entities the home page lists.
pub const HOME_ARTICLES: usize = 20;
/// How many of the most covered countries and people the home page lists.
pub const HOME_ENTITIES: usize = 12;

/// One output file of the site, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`.
    Home,
    /// `/articles/<slug>/`, by position in the index.
    Article(usize),
    /// `/archive/`.
    Archive,
    /// `/countries/` or `/people/`.
    EntityList(EntityKind),
    /// `/countries/<slug>/` or `/people/<slug>/`.
    Entity(EntityId),
    /// `/search/`.
    Search,
    /// `/404.html`.
    NotFound,
    /// `/atom.xml` (`None`) or an entity's `atom.xml`.
    Feed(Option<EntityId>),
    /// `/countries/index.json` or `/people/index.json`.
    EntityListData(EntityKind),
    /// `/<kind>/<slug>/index.json`.
    EntityData(EntityId),
    /// `/search-index.json`.
    SearchIndex,
    /// `/sitemap.xml`.
    Sitemap,
    /// `/robots.txt`.
    Robots,
}

/// A rendered file, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Where it goes.
    pub route: Route,
    /// Its contents: HTML, XML, JSON or text.
    pub contents: String,
}

/// Renders the pages of one site.
pub struct SiteRenderer<'a> {
    index: &'a SiteIndex,
    routes: &'a Routes,
    config: &'a SiteConfig,
    templates: &'a Templates,
    site: SiteView,
    entity_links: EntityLinks,
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView,
    /// The page's `<title>` text, before the site title; empty on the home page.
    page_title: String,
    /// One or two sentences about the page, for `<meta name="description">`.
    description: String,
    /// Absolute URL of the page.
    canonical_url: String,
    /// Link to the page itself (for navigation highlighting).
    current_url: String,
    /// The page's own Atom feed, if it has one.
    feed_url: Option<String>,
    #[serde(flatten)]
    data: T,
}

/// What differs between HTML pages besides their data.
struct PageMeta {
    template: &'static str,
    route: Route,
    title: String,
    description: String,
    feed: Option<Route>,
}

#[derive(Serialize)]
struct ArticleData {
    article: ArticleView,
}

#[derive(Serialize)]
struct NoData {}

impl<'a> SiteRenderer<'a> {
    /// A renderer for one built index.
    pub fn new(
        index: &'a SiteIndex,
        routes: &'a Routes,
        config: &'a SiteConfig,
        templates: &'a Templates,
    ) -> Self {
        SiteRenderer {
            index,
            routes,
            config,
            templates,
            site: SiteView::new(config, routes),
            entity_links: EntityLinks::new(index, routes),
        }
    }

    /// Every output file of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::Archive, Page::Search, Page::NotFound];
        pages.extend((0..self.index.articles.len()).map(Page::Article));
        for kind in [EntityKind::Country, EntityKind::Person] {
            pages.push(Page::EntityList(kind));
            pages.push(Page::EntityListData(kind));
            for (id, _) in self.index.entities(kind) {
                pages.extend([Page::Entity(id), Page::Feed(Some(id)), Page::EntityData(id)]);
            }
        }
        pages.extend([
            Page::Feed(None),
            Page::SearchIndex,
            Page::Sitemap,
            Page::Robots,
        ]);
        pages
    }

    /// Renders one output file, at the route [`SiteRenderer::route`] gives it.
    pub fn render(&self, page: Page) -> Result<RenderedPage> {
        let (index, routes, config) = (self.index, self.routes, self.config);
        let route = self.route(page);
        let file = |route: Route, contents: String| Ok(RenderedPage { route, contents });
        match page {
            Page::Home => self.render_home(route),
            Page::Archive => self.render_archive(route),
            Page::Article(position) => {
                let article = &index.articles[position];
                let meta = PageMeta {
                    template: "article.html",
                    route,
                    title: article.article.title.clone(),
                    description: article.summary().to_string(),
                    feed: None,
                };
                let data = ArticleData {
                    article: ArticleView::new(index, routes, &self.entity_links, article),
                };
                self.render_html(meta, data)
            }
            Page::EntityList(kind) => self.render_entity_list(kind, route),
            Page::Entity(id) => self.render_entity(id, route),
            Page::Search => {
                let meta = PageMeta {
                    template: "search.html",
                    route,
                    title: "Search".into(),
                    description: format!("Search the briefings of {}.", config.title),
                    feed: None,
                };
                self.render_html(meta, NoData {})
            }
            Page::NotFound => {
                let meta = PageMeta {
                    template: "404.html",
                    route,
                    title: "Page not found".into(),
                    description: "There is no page at this address.".into(),
                    feed: None,
                };
                self.render_html(meta, NoData {})
            }
            Page::Feed(owner) => file(route, feeds::render_feed(index, routes, config, owner)),
            Page::EntityListData(kind) => {
                file(route, data::render_entity_list_data(index, routes, kind))
            }
            Page::EntityData(id) => file(route, data::render_entity_data(index, routes, id)),
            Page::SearchIndex => file(route, data::render_search_index(index, routes)),
            Page::Sitemap => file(
                route,
                sitemap::render_sitemap(routes, &self.sitemap_entries()),
            ),
            Page::Robots => file(route, sitemap::render_robots(routes)),
        }
    }

    /// Writes the search index to `out` as it is made. It is the one output file
    /// that grows with the whole text of the site (over 200 MB for 100,000 articles),
    /// so a build writes it this way rather than with [`SiteRenderer::render`].
    pub fn write_search_index(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        data::write_search_index(self.index, self.routes, out)
    }

    /// Where a page goes, without rendering it.
    pub fn route(&self, page: Page) -> Route {
        let (index, routes) = (self.index, self.routes);
        match page {
            Page::Home => routes.home(),
            Page::Archive => routes.archive(),
            Page::Article(position) => routes.article(&index.articles[position].article.slug),
            Page::EntityList(kind) => routes.entity_list(kind),
            Page::Entity(id) => routes.entity(id.kind, &index.entity(id).slug),
            Page::Search => routes.search(),
            Page::NotFound => routes.not_found(),
            Page::Feed(None) => routes.site_feed(),
            Page::Feed(Some(id)) => routes.entity_feed(id.kind, &index.entity(id).slug),
            Page::EntityListData(kind) => routes.entity_list_data(kind),
            Page::EntityData(id) => routes.entity_data(id.kind, &index.entity(id).slug),
            Page::SearchIndex => routes.search_index(),
            Page::Sitemap => routes.sitemap(),
            Page::Robots => routes.robots(),
        }
    }

    /// Every HTML page a search engine should index, with its last change.
    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let (index, routes) = (self.index, self.routes);
        let date = |positions: &mut dyn Iterator<Item = &usize>| {
            positions
                .map(|&position| feeds::last_modified(&index.articles[position]))
                .max()
                .map(|date| date.strftime("%Y-%m-%d").to_string())
        };
        let all: Vec<usize> = (0..index.articles.len()).collect();
        let newest = date(&mut all.iter());
        let mut entries = vec![
            SitemapEntry {
                route: routes.home(),
                last_modified: newest.clone(),
            },
            SitemapEntry {
                route: routes.archive(),
                last_modified: newest.clone(),
            },
        ];
        entries.extend(
            index
                .articles
                .iter()
                .enumerate()
                .map(|(position, article)| SitemapEntry {
                    route: routes.article(&article.article.slug),
                    last_modified: date(&mut [position].iter()),
                }),
        );
        for kind in [EntityKind::Country, EntityKind::Person] {
            entries.push(SitemapEntry {
                route: routes.entity_list(kind),
                last_modified: newest.clone(),
            });
            entries.extend(index.entities(kind).map(|(id, entity)| SitemapEntry {
                route: routes.entity(id.kind, &entity.slug),
                last_modified: date(&mut entity.articles.iter()),
            }));
        }
        entries.push(SitemapEntry {
            route: routes.search(),
            last_modified: None,
        });
        entries
    }

    fn render_html<T: Serialize>(&self, meta: PageMeta, data: T) -> Result<RenderedPage> {
        let context = PageContext {
            site: &self.site,
            page_title: meta.title,
            description: meta.description,
            canonical_url: self.routes.absolute_url(&meta.route),
            current_url: self.routes.link(&meta.route),
            feed_url: meta.feed.map(|feed| self.routes.link(&feed)),
            data,
        };
        let context = Context::from_serialize(&context).map_err(|error| {
            self.templates
                .error(meta.template, &meta.route.url_path, error)
        })?;
        let contents = self
            .templates
            .render(meta.template, &context, &meta.route.url_path)?;
        Ok(RenderedPage {
            route: meta.route,
            contents,
        })
    }
}
