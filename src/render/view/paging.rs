//! Views of a paged list: where a page stands ("page 3 of 12"), the links to its
//! neighbours and a compact row of links to the others, and the link to the page that
//! holds a given month.

use serde::Serialize;

use crate::index::paging::Paging;
use crate::routes::{Route, Routes};

/// Pages linked either side of the current one, besides the first and the last.
const NEIGHBOURS: usize = 2;

/// One paged list as a page of it sees it.
#[derive(Debug, Clone)]
pub struct ListPages<'a> {
    routes: &'a Routes,
    first: Route,
    /// How the list is cut.
    pub paging: Paging,
    /// The page being rendered, from 1.
    pub current: usize,
}

impl<'a> ListPages<'a> {
    /// Page `current` of the list whose first page is `first`.
    pub fn new(routes: &'a Routes, first: Route, paging: Paging, current: usize) -> Self {
        ListPages {
            routes,
            first,
            paging,
            current,
        }
    }

    /// The route of page `number`.
    pub fn route(&self, number: usize) -> Route {
        self.routes.paged(self.first.clone(), number)
    }

    /// The link to page `number`.
    pub fn link(&self, number: usize) -> String {
        self.routes.link(&self.route(number))
    }

    /// The link to the heading `fragment` on the page holding list position
    /// `position`: just the fragment when that is the current page.
    pub fn link_to(&self, position: usize, fragment: &str) -> String {
        match self.paging.page_of(position) {
            number if number == self.current => format!("#{fragment}"),
            number => format!("{}#{fragment}", self.link(number)),
        }
    }

    /// The pager the template shows.
    pub fn view(&self) -> PagerView {
        let count = self.paging.count();
        let current = self.current;
        let mut links = Vec::new();
        let mut previous = 0;
        for number in 1..=count {
            let near = number.abs_diff(current) <= NEIGHBOURS;
            if !(number == 1 || number == count || near) {
                continue;
            }
            if number > previous + 1 {
                links.push(PageLinkView {
                    number: None,
                    url: None,
                    current: false,
                });
            }
            links.push(PageLinkView {
                number: Some(number),
                url: Some(self.link(number)),
                current: number == current,
            });
            previous = number;
        }
        PagerView {
            number: current,
            count,
            first_url: self.link(1),
            prev_url: (current > 1).then(|| self.link(current - 1)),
            next_url: (current < count).then(|| self.link(current + 1)),
            links,
        }
    }
}

/// Where a page stands in its list, for the pager and `<link rel="prev/next">`.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// This page, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// Link to the first page.
    pub first_url: String,
    /// Link to the page before, if any.
    pub prev_url: Option<String>,
    /// Link to the page after, if any.
    pub next_url: Option<String>,
    /// The first and last page and those near this one, in order, with gaps between.
    pub links: Vec<PageLinkView>,
}

/// One entry of a pager's row of links.
#[derive(Debug, Clone, Serialize)]
pub struct PageLinkView {
    /// The page's number; `None` for a gap of skipped pages.
    pub number: Option<usize>,
    /// Link to it; `None` for a gap.
    pub url: Option<String>,
    /// Whether it is the page being shown.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::EntityKind;

    fn pages(routes: &Routes, len: usize, current: usize) -> ListPages<'_> {
        let first = routes.entity(EntityKind::Country, "china");
        ListPages::new(routes, first, Paging::new(len, 10), current)
    }

    #[test]
    fn links_neighbours_and_the_first_and_last_pages_with_gaps() {
        let routes = Routes::new("/b/");
        let view = pages(&routes, 120, 6).view();
        let row: Vec<String> = view
            .links
            .iter()
            .map(|link| match (link.number, link.current) {
                (Some(number), true) => format!("[{number}]"),
                (Some(number), false) => number.to_string(),
                (None, _) => "…".into(),
            })
            .collect();
        assert_eq!(row, ["1", "…", "4", "5", "[6]", "7", "8", "…", "12"]);
        assert_eq!(view.count, 12);
        assert_eq!(view.prev_url.as_deref(), Some("/b/countries/china/page/5/"));
        assert_eq!(view.next_url.as_deref(), Some("/b/countries/china/page/7/"));
        assert_eq!(view.links[0].url.as_deref(), Some("/b/countries/china/"));
    }

    #[test]
    fn the_first_page_has_no_previous_and_the_last_no_next() {
        let routes = Routes::new("/");
        assert_eq!(pages(&routes, 20, 1).view().prev_url, None);
        assert_eq!(pages(&routes, 20, 2).view().next_url, None);
        assert_eq!(pages(&routes, 5, 1).view().links.len(), 1);
    }

    #[test]
    fn month_links_name_the_page_only_when_it_is_another() {
        let routes = Routes::new("/");
        let list = pages(&routes, 120, 2);
        assert_eq!(list.link_to(15, "month-2024-04"), "#month-2024-04");
        assert_eq!(
            list.link_to(35, "month-2023-01"),
            "/countries/china/page/4/#month-2023-01"
        );
        assert_eq!(
            list.link_to(3, "month-2025-01"),
            "/countries/china/#month-2025-01"
        );
    }
}
