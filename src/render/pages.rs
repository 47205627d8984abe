//! The pages that show the site's model at a glance: the home page, the lists of
//! countries and people, and each entity's pages, with their charts.
//!
//! Each gathers its view structs, draws its charts from the same views and hands both
//! to its template: the SVG as a string, the data beside it for themes that draw their
//! own.

use serde::Serialize;

use super::archive::month_starts;
use super::charts::{
    MapCountry, MapLegendEntry, render_connections_chart, render_timeline_chart, render_world_map,
};
use super::view::paging::{ListPages, PagerView};
use super::view::timeline::{ArchiveView, TimelineView};
use super::view::{
    ArticleSummaryView, CONNECTIONS_CHARTED, ConnectionView, EntityLinkView, EntityView,
};
use super::{HOME_ARTICLES, HOME_ENTITIES, PageMeta, RenderedPage, SiteRenderer};
use crate::error::Result;
use crate::index::{Entity, EntityDetails, EntityId, EntityKind};
use crate::routes::Route;

#[derive(Serialize)]
struct HomeData {
    articles: Vec<ArticleSummaryView>,
    top_countries: Vec<EntityLinkView>,
    top_people: Vec<EntityLinkView>,
    article_count: usize,
    /// Articles per month of the whole site; bars link to the archive.
    timeline: TimelineView,
    timeline_svg: Option<String>,
}

#[derive(Serialize)]
struct EntityListData {
    kind: &'static str,
    entities: Vec<EntityLinkView>,
    /// The JSON export of the same list.
    data_url: String,
    /// The world map, on the list of countries unless `show_map: false`.
    map_svg: Option<String>,
    /// The map's shades, lightest first.
    map_legend: Vec<MapLegendEntry>,
    /// Countries with briefings too small to have an outline on the map.
    map_not_drawn: Vec<String>,
}

#[derive(Serialize)]
struct EntityData {
    entity: EntityView,
    /// Where this page stands among the entity's pages.
    pager: PagerView,
    /// Every month of the entity's list, linking to the page that holds it; on the
    /// first page only, like the charts.
    months: Option<ArchiveView>,
    /// Articles per month (or week) naming the entity; bars link to its months below.
    timeline: Option<TimelineView>,
    timeline_svg: Option<String>,
    /// The entities sharing most articles with it, of both kinds.
    connections: Vec<ConnectionView>,
    connections_svg: Option<String>,
}

impl SiteRenderer<'_> {
    /// `/`: the latest articles, the most covered entities and the site's timeline.
    pub(super) fn render_home(&self, route: Route) -> Result<RenderedPage> {
        let (index, routes, config) = (self.index, self.routes, self.config);
        let timeline = self.archive_timeline();
        let data = HomeData {
            articles: index
                .articles
                .iter()
                .take(HOME_ARTICLES)
                .map(|article| ArticleSummaryView::new(routes, &self.entity_links, article))
                .collect(),
            top_countries: self.top_entities(EntityKind::Country),
            top_people: self.top_entities(EntityKind::Person),
            article_count: index.articles.len(),
            timeline_svg: render_timeline_chart(&timeline, None),
            timeline,
        };
        let meta = PageMeta {
            template: "index.html",
            route,
            title: String::new(),
            description: config
                .description
                .clone()
                .unwrap_or_else(|| format!("The latest briefings from {}.", config.title)),
            feed: Some(routes.site_feed()),
        };
        let json_ld = super::structured_data::website(routes, config);
        self.render_html_with(meta, data, Some(json_ld))
    }

    /// `/countries/` or `/people/`.
    pub(super) fn render_entity_list(
        &self,
        kind: EntityKind,
        route: Route,
    ) -> Result<RenderedPage> {
        let (index, routes) = (self.index, self.routes);
        let (template, title) = match kind {
            EntityKind::Country => ("countries.html", "Countries"),
            EntityKind::Person => ("people.html", "People"),
        };
        let map = match kind {
            EntityKind::Country if self.config.show_map => self.world_map(),
            _ => None,
        };
        let (map_svg, map_legend, map_not_drawn) = match map {
            Some(map) => (Some(map.svg), map.legend, map.not_drawn),
            None => (None, Vec::new(), Vec::new()),
        };
        let data = EntityListData {
            kind: kind.name(),
            entities: index
                .entities(kind)
                .map(|(id, _)| EntityLinkView::with_article_count(index, routes, id))
                .collect(),
            data_url: routes.link(&routes.entity_list_data(kind)),
            map_svg,
            map_legend,
            map_not_drawn,
        };
        let meta = PageMeta {
            template,
            route,
            title: title.into(),
            description: format!(
                "{title} in the briefings of {}, with the number of briefings on each.",
                self.config.title
            ),
            feed: None,
        };
        self.render_html(meta, data)
    }

    /// `/countries/<slug>/` or `/people/<slug>/`, or one of their later pages.
    pub(super) fn render_entity(
        &self,
        id: EntityId,
        number: usize,
        route: Route,
    ) -> Result<RenderedPage> {
        let (index, routes) = (self.index, self.routes);
        let entity = index.entity(id);
        let list = ListPages::new(
            routes,
            routes.entity(id.kind, &entity.slug),
            self.paging(entity.articles.len()),
            number,
        );
        let range = list.paging.range(number);
        let mut data = EntityData {
            entity: EntityView::new(index, routes, &self.entity_links, id, range),
            pager: list.view(),
            months: None,
            timeline: None,
            timeline_svg: None,
            connections: Vec::new(),
            connections_svg: None,
        };
        if number == 1 {
            let groups = index.month_groups(&entity.articles);
            let starts = month_starts(&groups);
            let timeline = TimelineView::linked(&index.timeline(&entity.articles), &|newest| {
                let fragment = routes.month_fragment(newest.year(), newest.month());
                let start = starts.get(&(newest.year(), newest.month())).copied();
                list.link_to(start.unwrap_or(0), &fragment)
            });
            data.months = Some(ArchiveView::linked(&groups, routes, &|group, fragment| {
                list.link_to(group.range.start, fragment)
            }));
            data.timeline_svg = render_timeline_chart(&timeline, Some(&entity.name));
            data.timeline = Some(timeline);
            data.connections = ConnectionView::top(index, routes, id, CONNECTIONS_CHARTED);
            data.connections_svg = render_connections_chart(&data.connections, &entity.name);
        }
        let mut title = entity.name.clone();
        let mut description = entity_description(entity);
        if number > 1 {
            let of = format!("page {number} of {}", data.pager.count);
            title = format!("{title}, {of}");
            description = format!("{description} Briefings, {of}.");
        }
        let meta = PageMeta {
            template: match id.kind {
                EntityKind::Country => "country.html",
                EntityKind::Person => "person.html",
            },
            route,
            title,
            description,
            feed: Some(routes.entity_feed(id.kind, &entity.slug)),
        };
        // The entity is described once, on its first page; later pages are lists.
        let json_ld = (number == 1).then(|| super::structured_data::entity(index, routes, id));
        self.render_html_with(meta, data, json_ld)
    }

    fn world_map(&self) -> Option<super::charts::WorldMap> {
        let countries: Vec<MapCountry> = self
            .index
            .entities(EntityKind::Country)
            .filter(|(_, entity)| !entity.articles.is_empty())
            .filter_map(|(id, entity)| match &entity.details {
                EntityDetails::Country(country) => Some(MapCountry {
                    numeric: country.numeric,
                    name: entity.name.clone(),
                    url: self.routes.link(&self.routes.entity(id.kind, &entity.slug)),
                    count: entity.articles.len(),
                }),
                EntityDetails::Person(_) => None,
            })
            .collect();
        render_world_map(&countries)
    }

    fn top_entities(&self, kind: EntityKind) -> Vec<EntityLinkView> {
        self.index
            .most_covered(kind)
            .into_iter()
            .take(HOME_ENTITIES)
            .map(|id| EntityLinkView::with_article_count(self.index, self.routes, id))
            .collect()
    }
}

/// The `<meta name="description">` of an entity page.
fn entity_description(entity: &Entity) -> String {
    let count = entity.articles.len();
    let plural = if count == 1 { "" } else { "s" };
    match &entity.details {
        EntityDetails::Person(person) => match &person.role {
            Some(role) => format!("{}, {role}: {count} briefing{plural}.", entity.name),
            None => format!("{}: {count} briefing{plural}.", entity.name),
        },
        EntityDetails::Country(country) => {
            format!(
                "{} ({}): {count} briefing{plural}.",
                entity.name, country.region
            )
        }
    }
}
