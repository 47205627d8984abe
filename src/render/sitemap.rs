//! `sitemap.xml` and `robots.txt`: what search engines read to find every page.

use std::fmt::Write;

use super::{SiteRenderer, escape_xml};
use crate::index::EntityKind;
use crate::routes::{Route, Routes};

/// A page listed in the sitemap, with the date it last changed (`YYYY-MM-DD`).
pub struct SitemapEntry {
    /// The page.
    pub route: Route,
    /// Its last change, if the page shows dated content.
    pub last_modified: Option<String>,
}

impl SiteRenderer<'_> {
    /// Every HTML page a search engine should index, with its last change.
    pub(super) fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let (index, routes) = (self.index, self.routes);
        let date = |positions: &mut dyn Iterator<Item = &usize>| {
            positions
                .map(|&position| super::feeds::last_modified(&index.articles[position]))
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
        // A page of a list changes whenever an article on it or before it does.
        let paged = |first: Route, positions: &[usize]| -> Vec<SitemapEntry> {
            let paging = self.paging(positions.len());
            let mut changed = None;
            (1..=paging.count())
                .map(|number| {
                    changed = changed
                        .take()
                        .max(date(&mut positions[paging.range(number)].iter()));
                    SitemapEntry {
                        route: routes.paged(first.clone(), number),
                        last_modified: changed.clone(),
                    }
                })
                .collect()
        };
        for (year, range) in &self.years {
            let positions: Vec<usize> = range.clone().collect();
            entries.extend(paged(routes.archive_year(*year), &positions));
        }
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
            for (id, entity) in index.entities(kind) {
                entries.extend(paged(
                    routes.entity(id.kind, &entity.slug),
                    &entity.articles,
                ));
            }
        }
        entries.push(SitemapEntry {
            route: routes.tag_list(),
            last_modified: newest.clone(),
        });
        for tag in &index.tags {
            entries.extend(paged(routes.tag(&tag.slug), &tag.articles));
        }
        entries.push(SitemapEntry {
            route: routes.search(),
            last_modified: None,
        });
        entries
    }
}

/// The sitemap listing `entries` with absolute URLs.
pub fn render_sitemap(routes: &Routes, entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries {
        let location = escape_xml(&routes.absolute_url(&entry.route));
        // Writing to a String cannot fail.
        let _ = write!(xml, "  <url>\n    <loc>{location}</loc>\n");
        if let Some(date) = &entry.last_modified {
            let _ = writeln!(xml, "    <lastmod>{date}</lastmod>");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled, and here is the sitemap.
pub fn render_robots(routes: &Routes) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        routes.absolute_url(&routes.sitemap())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_absolute_urls_with_dates() {
        let routes = Routes::new("https://example.org/briefings/");
        let xml = render_sitemap(
            &routes,
            &[
                SitemapEntry {
                    route: routes.home(),
                    last_modified: Some("2024-04-10".into()),
                },
                SitemapEntry {
                    route: routes.article("a"),
                    last_modified: None,
                },
            ],
        );
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url>\n    <loc>https://example.org/briefings/</loc>\n    <lastmod>2024-04-10</lastmod>\n  </url>\n  <url>\n    <loc>https://example.org/briefings/articles/a/</loc>\n  </url>\n</urlset>\n"
        );
    }

    #[test]
    fn robots_points_to_the_sitemap() {
        let routes = Routes::new("https://example.org/");
        assert_eq!(
            render_robots(&routes),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
        );
    }
}
