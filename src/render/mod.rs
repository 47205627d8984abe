//! Model + templates -> pages in memory.
//!
//! [`Templates`] holds the compiled theme; [`SiteRenderer`] lists every page the site
//! has ([`Page`]) and renders any one of them to a [`RenderedPage`], so the caller can
//! render in parallel and write each page as soon as it exists. Nothing here touches
//! the disk.

mod archive;
pub mod budget;
mod charts;
mod data;
mod feeds;
mod keys;
mod pages;
mod search;
mod sitemap;
mod structured_data;
mod tags;
mod templates;
pub mod view;
mod xml;

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::error::Result;
use crate::index::paging::Paging;
use crate::index::timeline::MonthGroup;
use crate::index::{EntityId, EntityKind, SiteIndex};
use crate::routes::{Route, Routes};

use feeds::FeedOwner;
pub use keys::PageKeys;
pub use search::SearchWords;
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
    /// `/archive/`: the years and months, with counts.
    Archive,
    /// `/archive/<year>/` and its later pages: the year and page number (from 1).
    ArchiveYear(i16, usize),
    /// `/countries/` or `/people/`.
    EntityList(EntityKind),
    /// `/countries/<slug>/` or `/people/<slug>/` (page 1), and their later pages.
    Entity(EntityId, usize),
    /// `/tags/`: every tag, with counts.
    TagList,
    /// `/tags/<slug>/` and its later pages: the tag's position in the index and the
    /// page number (from 1).
    Tag(usize, usize),
    /// `/tags/<slug>/atom.xml`.
    TagFeed(usize),
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
    /// `/search/index.json`: the search index's table of contents.
    SearchIndex,
    /// `/search/words/<n>.json`: a part of the search index's words.
    SearchWords(usize),
    /// `/search/articles/<n>.json`: a part of the search index's article records.
    SearchArticles(usize),
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
    /// The years of the archive, newest first, with their runs of the article list.
    years: Vec<(i16, std::ops::Range<usize>)>,
    /// Every article in runs of one month, newest first.
    months: Vec<MonthGroup>,
    /// The search index's words, made when first needed.
    search_words: SearchWordsCell<'a>,
}

/// Where a renderer keeps the search index's words: its own, or those of the loaded
/// site, which every renderer of it shares (the preview makes one per request).
enum SearchWordsCell<'a> {
    Own(OnceLock<SearchWords>),
    Shared(&'a OnceLock<SearchWords>),
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
    /// The page's JSON-LD, escaped for a `<script>` element, if it has any.
    json_ld: Option<String>,
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
            years: index.years(),
            months: index.month_groups(&index.all_articles()),
            search_words: SearchWordsCell::Own(OnceLock::new()),
        }
    }

    /// The same renderer, keeping the search index's words in `words`, so renderers
    /// of one site made one after another invert its words once.
    pub fn sharing_search_words(mut self, words: &'a OnceLock<SearchWords>) -> Self {
        self.search_words = SearchWordsCell::Shared(words);
        self
    }

    /// Every output file of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::Archive, Page::Search, Page::NotFound];
        for (year, range) in &self.years {
            let count = self.paging(range.len()).count();
            pages.extend((1..=count).map(|number| Page::ArchiveYear(*year, number)));
        }
        pages.extend((0..self.index.articles.len()).map(Page::Article));
        for kind in [EntityKind::Country, EntityKind::Person] {
            pages.push(Page::EntityList(kind));
            pages.push(Page::EntityListData(kind));
            for (id, entity) in self.index.entities(kind) {
                let count = self.paging(entity.articles.len()).count();
                pages.extend((1..=count).map(|number| Page::Entity(id, number)));
                pages.extend([Page::Feed(Some(id)), Page::EntityData(id)]);
            }
        }
        pages.push(Page::TagList);
        for (position, tag) in self.index.tags.iter().enumerate() {
            let count = self.paging(tag.articles.len()).count();
            pages.extend((1..=count).map(|number| Page::Tag(position, number)));
            pages.push(Page::TagFeed(position));
        }
        pages.extend([Page::Feed(None), Page::SearchIndex]);
        pages.extend((0..self.search_words().part_count()).map(Page::SearchWords));
        pages.extend((0..self.search_words().article_part_count()).map(Page::SearchArticles));
        pages.extend([Page::Sitemap, Page::Robots]);
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
            Page::ArchiveYear(year, number) => self.render_archive_year(year, number, route),
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
                let json_ld = structured_data::news_article(index, routes, config, article);
                self.render_html_with(meta, data, Some(json_ld))
            }
            Page::EntityList(kind) => self.render_entity_list(kind, route),
            Page::Entity(id, number) => self.render_entity(id, number, route),
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
            Page::TagList => self.render_tag_list(route),
            Page::Tag(position, number) => self.render_tag(position, number, route),
            Page::Feed(owner) => {
                let owner = owner.map_or(FeedOwner::Site, FeedOwner::Entity);
                file(route, feeds::render_feed(index, routes, config, owner))
            }
            Page::TagFeed(position) => file(
                route,
                feeds::render_feed(index, routes, config, FeedOwner::Tag(position)),
            ),
            Page::EntityListData(kind) => {
                file(route, data::render_entity_list_data(index, routes, kind))
            }
            Page::EntityData(id) => file(route, data::render_entity_data(index, routes, id)),
            Page::SearchIndex => file(route, self.search_words().manifest(index)),
            Page::SearchWords(part) => file(route, self.search_words().part(part)),
            Page::SearchArticles(part) => file(route, self.search_words().article_part(part)),
            Page::Sitemap => file(
                route,
                sitemap::render_sitemap(routes, &self.sitemap_entries()),
            ),
            Page::Robots => file(route, sitemap::render_robots(routes)),
        }
    }

    /// The search index's words, inverted on first use: only a build, a check and a
    /// preview asked for the search need them.
    fn search_words(&self) -> &SearchWords {
        let cell = match &self.search_words {
            SearchWordsCell::Own(cell) => cell,
            SearchWordsCell::Shared(cell) => cell,
        };
        cell.get_or_init(|| SearchWords::new(self.index, self.routes))
    }

    /// The key of a page (see [`PageKeys`]): `None` for a page that is always
    /// rendered.
    pub fn page_key(&self, page: Page, keys: &PageKeys) -> Option<u128> {
        keys.key(page, &self.years, |len, number| {
            self.paging(len).range(number)
        })
    }

    /// Where a page goes, without rendering it.
    pub fn route(&self, page: Page) -> Route {
        let (index, routes) = (self.index, self.routes);
        match page {
            Page::Home => routes.home(),
            Page::Archive => routes.archive(),
            Page::ArchiveYear(year, number) => routes.paged(routes.archive_year(year), number),
            Page::Article(position) => routes.article(&index.articles[position].article.slug),
            Page::EntityList(kind) => routes.entity_list(kind),
            Page::Entity(id, number) => {
                routes.paged(routes.entity(id.kind, &index.entity(id).slug), number)
            }
            Page::Search => routes.search(),
            Page::NotFound => routes.not_found(),
            Page::TagList => routes.tag_list(),
            Page::Tag(position, number) => {
                routes.paged(routes.tag(&index.tags[position].slug), number)
            }
            Page::TagFeed(position) => routes.tag_feed(&index.tags[position].slug),
            Page::Feed(None) => routes.site_feed(),
            Page::Feed(Some(id)) => routes.entity_feed(id.kind, &index.entity(id).slug),
            Page::EntityListData(kind) => routes.entity_list_data(kind),
            Page::EntityData(id) => routes.entity_data(id.kind, &index.entity(id).slug),
            Page::SearchIndex => routes.search_index(),
            Page::SearchWords(part) => routes.search_words(part),
            Page::SearchArticles(part) => routes.search_articles(part),
            Page::Sitemap => routes.sitemap(),
            Page::Robots => routes.robots(),
        }
    }

    /// How a list of `len` articles is cut into pages.
    fn paging(&self, len: usize) -> Paging {
        Paging::new(len, self.config.page_size)
    }

    fn render_html<T: Serialize>(&self, meta: PageMeta, data: T) -> Result<RenderedPage> {
        self.render_html_with(meta, data, None)
    }

    /// [`SiteRenderer::render_html`] for a page that carries structured data.
    fn render_html_with<T: Serialize>(
        &self,
        meta: PageMeta,
        data: T,
        json_ld: Option<serde_json::Value>,
    ) -> Result<RenderedPage> {
        let context = PageContext {
            json_ld: json_ld.as_ref().map(structured_data::script_json),
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
