//! The archive: `/archive/`, the years and months of the whole site with counts, and
//! `/archive/<year>/`, one year's briefings by month, paged like every long list.
//!
//! Every link to a month of the site (the timeline bars of the home page and the
//! archive, the archive's index) goes to the page of its year that holds the month's
//! heading.

use std::collections::HashMap;

use serde::Serialize;

use super::charts::render_timeline_chart;
use super::view::ArticleLinkView;
use super::view::paging::{ListPages, PagerView};
use super::view::timeline::{ArchiveView, TimelineView};
use super::{PageMeta, RenderedPage, SiteRenderer};
use crate::error::Result;
use crate::index::timeline::MonthGroup;
use crate::routes::Route;

#[derive(Serialize)]
struct ArchiveData {
    /// Every year and month, each linking to its heading on its year's pages.
    archive: ArchiveView,
    article_count: usize,
    /// Articles per month of the whole site; bars link to the year pages.
    timeline: TimelineView,
    timeline_svg: Option<String>,
}

#[derive(Serialize)]
struct ArchiveYearData {
    year: i16,
    /// The articles of this page, newest first.
    articles: Vec<ArticleLinkView>,
    /// The same by month, as ranges of `articles`.
    archive: ArchiveView,
    /// Articles in the whole year.
    article_count: usize,
    pager: PagerView,
    /// Every year of the archive, newest first, for moving between them.
    years: Vec<YearLinkView>,
}

/// A year of the archive as a link.
#[derive(Serialize)]
struct YearLinkView {
    year: i16,
    url: String,
    count: usize,
    current: bool,
}

impl SiteRenderer<'_> {
    /// `/archive/`: the years and months with counts, and the site's timeline.
    pub(super) fn render_archive(&self, route: Route) -> Result<RenderedPage> {
        let timeline = self.archive_timeline();
        let data = ArchiveData {
            archive: ArchiveView::linked(&self.months, self.routes, &|group, fragment| {
                self.archive_month_link(group.year, group.range.start, fragment)
            }),
            article_count: self.index.articles.len(),
            timeline_svg: render_timeline_chart(&timeline, None),
            timeline,
        };
        let meta = PageMeta {
            template: "archive.html",
            route,
            title: "Archive".into(),
            description: format!(
                "Every briefing of {}, by year and month.",
                self.config.title
            ),
            feed: None,
        };
        self.render_html(meta, data)
    }

    /// `/archive/<year>/` or one of its later pages.
    pub(super) fn render_archive_year(
        &self,
        year: i16,
        number: usize,
        route: Route,
    ) -> Result<RenderedPage> {
        let (index, routes) = (self.index, self.routes);
        let year_range = self.year_range(year);
        let list = ListPages::new(
            routes,
            routes.archive_year(year),
            self.paging(year_range.len()),
            number,
        );
        let range = list.paging.range(number);
        let positions: Vec<usize> =
            (year_range.start + range.start..year_range.start + range.end).collect();
        let data = ArchiveYearData {
            year,
            articles: positions
                .iter()
                .map(|&position| ArticleLinkView::new(routes, &index.articles[position]))
                .collect(),
            archive: ArchiveView::new(&index.month_groups(&positions), routes),
            article_count: year_range.len(),
            pager: list.view(),
            years: self
                .years
                .iter()
                .map(|(other, range)| YearLinkView {
                    year: *other,
                    url: routes.link(&routes.archive_year(*other)),
                    count: range.len(),
                    current: *other == year,
                })
                .collect(),
        };
        let mut title = format!("Archive {year:04}");
        if number > 1 {
            title = format!("{title}, page {number} of {}", data.pager.count);
        }
        let meta = PageMeta {
            template: "archive_year.html",
            route,
            description: format!(
                "The briefings of {} in {year:04}, by month.",
                self.config.title
            ),
            title,
            feed: None,
        };
        self.render_html(meta, data)
    }

    /// The site's timeline, each bar linking to its month on the archive's year pages.
    pub(super) fn archive_timeline(&self) -> TimelineView {
        let index = self.index;
        let starts = month_starts(&self.months);
        TimelineView::linked(&index.timeline(&index.all_articles()), &|newest| {
            let fragment = self.routes.month_fragment(newest.year(), newest.month());
            let start = starts.get(&(newest.year(), newest.month())).copied();
            self.archive_month_link(newest.year(), start.unwrap_or(0), &fragment)
        })
    }

    /// The link to the heading `fragment` of the month whose first article is at
    /// `position` of the site's list, on the page of `year` that holds it.
    fn archive_month_link(&self, year: i16, position: usize, fragment: &str) -> String {
        let range = self.year_range(year);
        let paging = self.paging(range.len());
        let first = self.routes.archive_year(year);
        let page = self
            .routes
            .paged(first, paging.page_of(position.saturating_sub(range.start)));
        format!("{}#{fragment}", self.routes.link(&page))
    }

    /// The run of the article list dated in `year`; empty for a year without articles.
    fn year_range(&self, year: i16) -> std::ops::Range<usize> {
        self.years
            .iter()
            .find(|(other, _)| *other == year)
            .map_or(0..0, |(_, range)| range.clone())
    }
}

/// Where each month's run starts in the list it was grouped from, by year and month.
pub(super) fn month_starts(groups: &[MonthGroup]) -> HashMap<(i16, i8), usize> {
    groups
        .iter()
        .map(|group| ((group.year, group.month), group.range.start))
        .collect()
}
