//! Model + templates -> pages in memory.
//!
//! [`Templates`] holds the compiled theme; [`SiteRenderer`] lists every page the site
//! has ([`Page`]) and renders any one of them to a [`RenderedPage`], so the caller can
//! render in parallel and write each page as soon as it exists. Nothing here touches
//! the disk.

mod templates;
pub mod view;

use serde::Serialize;
use tera::Context;

use crate::config::SiteConfig;
use crate::error::Result;
use crate::index::{EntityId, EntityKind, SiteIndex};
use crate::routes::{Route, Routes};

pub use templates::Templates;
use view::{ArticleSummaryView, ArticleView, EntityLinkView, EntityView, SiteView};

/// How many articles and entities the home page lists.
pub const HOME_ARTICLES: usize = 20;
/// How many of the most covered countries and people the home page lists.
pub const HOME_ENTITIES: usize = 12;

/// One page of the site, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`.
    Home,
    /// `/articles/<slug>/`, by position in the index.
    Article(usize),
    /// `/countries/` or `/people/`.
    EntityList(EntityKind),
    /// `/countries/<slug>/` or `/people/<slug>/`.
    Entity(EntityId),
}

/// A page rendered to HTML, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Where it goes.
    pub route: Route,
    /// Its full HTML.
    pub html: String,
}

/// Renders the pages of one site.
pub struct SiteRenderer<'a> {
    index: &'a SiteIndex,
    routes: &'a Routes,
    templates: &'a Templates,
    site: SiteView,
}

#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    site: &'a SiteView,
    /// The page's `<title>` text, before the site title.
    page_title: String,
    /// Absolute URL of the page.
    canonical_url: String,
    /// Link to the page itself (for navigation highlighting).
    current_url: String,
    #[serde(flatten)]
    data: T,
}

#[derive(Serialize)]
struct HomeData {
    articles: Vec<ArticleSummaryView>,
    top_countries: Vec<EntityLinkView>,
    top_people: Vec<EntityLinkView>,
    article_count: usize,
}

#[derive(Serialize)]
struct ArticleData {
    article: ArticleView,
}

#[derive(Serialize)]
struct EntityListData {
    kind: &'static str,
    entities: Vec<EntityLinkView>,
}

#[derive(Serialize)]
struct EntityData {
    entity: EntityView,
}

impl<'a> SiteRenderer<'a> {
    /// A renderer for one built index.
    pub fn new(
        index: &'a SiteIndex,
        routes: &'a Routes,
        config: &SiteConfig,
        templates: &'a Templates,
    ) -> Self {
        SiteRenderer {
            index,
            routes,
            templates,
            site: SiteView::new(config, routes),
        }
    }

    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::EntityList(EntityKind::Country),
            Page::EntityList(EntityKind::Person),
        ];
        pages.extend((0..self.index.articles.len()).map(Page::Article));
        for kind in [EntityKind::Country, EntityKind::Person] {
            pages.extend(self.index.entities(kind).map(|(id, _)| Page::Entity(id)));
        }
        pages
    }

    /// Renders one page.
    pub fn render(&self, page: Page) -> Result<RenderedPage> {
        let (index, routes) = (self.index, self.routes);
        match page {
            Page::Home => {
                let data = HomeData {
                    articles: index
                        .articles
                        .iter()
                        .take(HOME_ARTICLES)
                        .map(|article| ArticleSummaryView::new(index, routes, article))
                        .collect(),
                    top_countries: self.top_entities(EntityKind::Country),
                    top_people: self.top_entities(EntityKind::Person),
                    article_count: index.articles.len(),
                };
                self.render_template("index.html", routes.home(), None, data)
            }
            Page::Article(position) => {
                let article = &index.articles[position];
                let data = ArticleData {
                    article: ArticleView::new(index, routes, article),
                };
                let title = article.article.title.clone();
                let route = routes.article(&article.article.slug);
                self.render_template("article.html", route, Some(title), data)
            }
            Page::EntityList(kind) => {
                let data = EntityListData {
                    kind: kind_name(kind),
                    entities: index
                        .entities(kind)
                        .map(|(id, _)| EntityLinkView::with_article_count(index, routes, id))
                        .collect(),
                };
                let (template, title) = match kind {
                    EntityKind::Country => ("countries.html", "Countries"),
                    EntityKind::Person => ("people.html", "People"),
                };
                let route = routes.entity_list(kind);
                self.render_template(template, route, Some(title.into()), data)
            }
            Page::Entity(id) => {
                let entity = index.entity(id);
                let data = EntityData {
                    entity: EntityView::new(index, routes, id),
                };
                let template = match id.kind {
                    EntityKind::Country => "country.html",
                    EntityKind::Person => "person.html",
                };
                let route = routes.entity(id.kind, &entity.slug);
                self.render_template(template, route, Some(entity.name.clone()), data)
            }
        }
    }

    fn top_entities(&self, kind: EntityKind) -> Vec<EntityLinkView> {
        self.index
            .most_covered(kind)
            .into_iter()
            .take(HOME_ENTITIES)
            .map(|id| EntityLinkView::with_article_count(self.index, self.routes, id))
            .collect()
    }

    fn render_template<T: Serialize>(
        &self,
        template: &str,
        route: Route,
        page_title: Option<String>,
        data: T,
    ) -> Result<RenderedPage> {
        let context = PageContext {
            site: &self.site,
            page_title: page_title.unwrap_or_default(),
            canonical_url: self.routes.absolute_url(&route),
            current_url: self.routes.link(&route),
            data,
        };
        let context = Context::from_serialize(&context)
            .map_err(|error| self.templates.error(template, &route.url_path, error))?;
        let html = self.templates.render(template, &context, &route.url_path)?;
        Ok(RenderedPage { route, html })
    }
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Country => "country",
        EntityKind::Person => "person",
    }
}
