//! Views of tags: links to them, with their counts, and one tag's page.

use std::ops::Range;

use serde::Serialize;

use crate::index::SiteIndex;
use crate::routes::Routes;

use super::timeline::ArchiveView;
use super::{ArticleSummaryView, EntityLinks};

/// A link to a tag's page.
#[derive(Debug, Clone, Serialize)]
pub struct TagLinkView {
    /// Display name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// How many articles carry it.
    pub count: usize,
}

impl TagLinkView {
    /// The link to the tag at `position` of the index's tags.
    pub fn new(index: &SiteIndex, routes: &Routes, position: usize) -> Self {
        let tag = &index.tags[position];
        TagLinkView {
            name: tag.name.clone(),
            url: routes.link(&routes.tag(&tag.slug)),
            count: tag.articles.len(),
        }
    }
}

/// One page of a tag's briefings.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    /// Display name.
    pub name: String,
    /// Link to its first page.
    pub url: String,
    /// How many articles carry it, on every page together.
    pub article_count: usize,
    /// The articles of this page, newest first.
    pub articles: Vec<ArticleSummaryView>,
    /// The same articles by year and month, as ranges of `articles`.
    pub archive: ArchiveView,
}

impl TagView {
    /// The view of the tag at `position` listing the articles at `range` of its list.
    pub fn new(
        index: &SiteIndex,
        routes: &Routes,
        links: &EntityLinks,
        position: usize,
        range: Range<usize>,
    ) -> Self {
        let tag = &index.tags[position];
        let listed = &tag.articles[range];
        TagView {
            name: tag.name.clone(),
            url: routes.link(&routes.tag(&tag.slug)),
            article_count: tag.articles.len(),
            articles: listed
                .iter()
                .map(|&article| ArticleSummaryView::new(routes, links, &index.articles[article]))
                .collect(),
            archive: ArchiveView::new(&index.month_groups(listed), routes),
        }
    }
}
