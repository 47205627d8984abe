//! The pages of tags: the list of every tag with its count, and each tag's briefings,
//! paged like an entity's.

use serde::Serialize;

use super::view::paging::{ListPages, PagerView};
use super::view::{TagLinkView, TagView};
use super::{PageMeta, RenderedPage, SiteRenderer};
use crate::error::Result;
use crate::routes::Route;

#[derive(Serialize)]
struct TagListData {
    /// Every tag, sorted by slug.
    tags: Vec<TagLinkView>,
}

#[derive(Serialize)]
struct TagData {
    tag: TagView,
    /// Where this page stands among the tag's pages.
    pager: PagerView,
}

impl SiteRenderer<'_> {
    /// `/tags/`.
    pub(super) fn render_tag_list(&self, route: Route) -> Result<RenderedPage> {
        let data = TagListData {
            tags: (0..self.index.tags.len())
                .map(|position| TagLinkView::new(self.index, self.routes, position))
                .collect(),
        };
        let meta = PageMeta {
            template: "tags.html",
            route,
            title: "Tags".into(),
            description: format!(
                "Tags in the briefings of {}, with the number of briefings on each.",
                self.config.title
            ),
            feed: None,
        };
        self.render_html(meta, data)
    }

    /// `/tags/<slug>/`, or one of its later pages.
    pub(super) fn render_tag(
        &self,
        position: usize,
        number: usize,
        route: Route,
    ) -> Result<RenderedPage> {
        let (index, routes) = (self.index, self.routes);
        let tag = &index.tags[position];
        let list = ListPages::new(
            routes,
            routes.tag(&tag.slug),
            self.paging(tag.articles.len()),
            number,
        );
        let range = list.paging.range(number);
        let data = TagData {
            tag: TagView::new(index, routes, &self.entity_links, position, range),
            pager: list.view(),
        };
        let count = tag.articles.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut title = format!("Tagged {}", tag.name);
        let mut description = format!("{count} briefing{plural} tagged {}.", tag.name);
        if number > 1 {
            let of = format!("page {number} of {}", data.pager.count);
            title = format!("{title}, {of}");
            description = format!("{description} Briefings, {of}.");
        }
        let meta = PageMeta {
            template: "tag.html",
            route,
            title,
            description,
            feed: Some(routes.tag_feed(&tag.slug)),
        };
        self.render_html(meta, data)
    }
}
