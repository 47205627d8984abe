//! Internal links and `#fragments` in article bodies, verified against the pages the
//! site renders.

use std::collections::{HashMap, HashSet};

use super::{Problem, Severity};
use crate::error::SourceLocation;
use crate::index::IndexedArticle;
use crate::site::LoadedSite;

/// Every internal link of an article must lead to a page, and a `#fragment` to an
/// element of it.
pub(super) fn check_links(
    site: &LoadedSite,
    article: &IndexedArticle,
    targets: &HashMap<String, HashSet<String>>,
) -> Vec<Problem> {
    let routes = &site.routes;
    let page = routes.article(&article.article.slug).url_path;
    let mut problems = Vec::new();
    for link in &article.body.links {
        let location = SourceLocation::new(&article.article.source_path, link.line, link.column);
        let (path, fragment) = match link.destination.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (link.destination.as_str(), None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let target = resolve_link(&page, path, routes.base_path());
        let Some(ids) = targets.get(&target) else {
            let mut problem = Problem::at(
                Severity::Error,
                "broken-link",
                &location,
                format!("link to `{}` leads nowhere", link.written),
            );
            if path.ends_with(".md") {
                problem.hint = Some(
                    "a link to another article is its source path relative to this file, such as `../2024/talks.md`".into(),
                );
            }
            problems.push(problem);
            continue;
        };
        if let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty())
            && !ids.contains(fragment)
        {
            problems.push(Problem::at(
                Severity::Error,
                "broken-fragment",
                &location,
                format!(
                    "link to `{}`: {target} has no heading with the id `{fragment}`",
                    link.written
                ),
            ));
        }
    }
    problems
}

/// The site path a link written on `page` points to, as a key of the rendered pages.
fn resolve_link(page: &str, path: &str, base_path: &str) -> String {
    let absolute = if path.is_empty() {
        page.to_string()
    } else if let Some(rooted) = path.strip_prefix('/') {
        let rooted = format!("/{rooted}");
        match rooted.strip_prefix(base_path) {
            Some(inside) if !base_path.is_empty() && inside.starts_with('/') => inside.to_string(),
            _ => rooted,
        }
    } else {
        let folder = &page[..=page.rfind('/').unwrap_or(0)];
        format!("{folder}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in absolute.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let trailing = absolute.ends_with('/') || parts.last().is_none_or(|last| !last.contains('.'));
    let mut key = format!("/{}", parts.join("/"));
    if key == "/" {
        return key;
    }
    if let Some(folder) = key.strip_suffix("/index.html") {
        key = format!("{folder}/");
    } else if trailing {
        key.push('/');
    }
    key
}

/// The values of every `id="..."` attribute in an HTML page.
pub(super) fn element_ids(html: &str) -> HashSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(at, marker)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_and_the_base_path() {
        let page = "/articles/talks/";
        assert_eq!(
            resolve_link(page, "/people/wang-yi/", ""),
            "/people/wang-yi/"
        );
        assert_eq!(
            resolve_link(page, "/people/wang-yi", ""),
            "/people/wang-yi/"
        );
        assert_eq!(resolve_link(page, "../other/", ""), "/articles/other/");
        assert_eq!(resolve_link(page, "", ""), "/articles/talks/");
        assert_eq!(resolve_link(page, "/atom.xml", ""), "/atom.xml");
        assert_eq!(
            resolve_link(page, "/b/people/x/index.html", "/b"),
            "/people/x/"
        );
        assert_eq!(resolve_link(page, "/", ""), "/");
        assert_eq!(resolve_link(page, "../../../../etc/", ""), "/etc/");
    }

    #[test]
    fn element_ids_are_collected() {
        let ids = element_ids("<h2 id=\"a\">A</h2><p id=\"b-1\">x</p><div data-id=\"c\">");
        assert_eq!(ids, HashSet::from(["a".to_string(), "b-1".to_string()]));
    }
}
