//! Internal links and `#fragments` in the bodies of articles, profiles and notes,
//! verified against the pages the site renders, and links whose script URL was dropped.

use std::collections::{HashMap, HashSet};

use super::{Problem, Severity};
use crate::error::SourceLocation;
use crate::markdown::{BodyLink, RenderedMarkdown};

/// Every internal link of a body shown on the page at `page` must lead to a page or a
/// file of the site, and a `#fragment` to an element of it; a link whose script URL was
/// dropped is reported where it was written.
pub(super) fn check_links(
    body: &RenderedMarkdown,
    page: &str,
    base_path: &str,
    targets: &HashMap<String, HashSet<String>>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for dropped in &body.dropped_links {
        problems.push(Problem {
            hint: Some("only a script URL is dropped: `javascript:`, `vbscript:`, or `data:` outside an image".into()),
            ..Problem::at(
                Severity::Error,
                "dropped-link",
                &dropped.location,
                format!(
                    "link to `{}` was dropped: a script URL never reaches a page",
                    dropped.written
                ),
            )
        });
    }
    for link in &body.links {
        let location = &link.location;
        let (path, fragment) = match link.destination.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (link.destination.as_str(), None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let Some(target) = resolve_link(page, path, base_path) else {
            problems.push(leads_nowhere(link, location, path));
            continue;
        };
        // A name without a dot is a page's folder, unless it is a file such as a
        // bundle's `LICENSE`.
        let as_file = || {
            let file = target.strip_suffix('/').filter(|_| !path.ends_with('/'))?;
            targets.get(file)
        };
        let Some(ids) = targets.get(&target).or_else(as_file) else {
            problems.push(leads_nowhere(link, location, path));
            continue;
        };
        if let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty())
            && !ids.contains(fragment)
        {
            problems.push(Problem::at(
                Severity::Error,
                "broken-fragment",
                location,
                format!(
                    "link to `{}`: {target} has no heading with the id `{fragment}`",
                    link.written
                ),
            ));
        }
    }
    problems
}

fn leads_nowhere(link: &BodyLink, location: &SourceLocation, path: &str) -> Problem {
    let mut problem = Problem::at(
        Severity::Error,
        "broken-link",
        location,
        format!("link to `{}` leads nowhere", link.written),
    );
    if path.ends_with(".md") {
        problem.hint = Some(
            "a link to another article is its source path relative to this file, such as `../2024/talks.md`".into(),
        );
    }
    problem
}

/// The site path a link on `page` points to, as a key of the rendered pages; `None`
/// for a root-relative link outside the base path, which no page of the site has.
fn resolve_link(page: &str, path: &str, base_path: &str) -> Option<String> {
    let absolute = if path.is_empty() {
        page.to_string()
    } else if path.starts_with('/') {
        // Links on pages carry the base path (site URLs written in a body get it too).
        match path.strip_prefix(base_path) {
            Some(inside) if inside.starts_with('/') => inside.to_string(),
            _ => return None,
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
        return Some(key);
    }
    if let Some(folder) = key.strip_suffix("/index.html") {
        key = format!("{folder}/");
    } else if trailing {
        key.push('/');
    }
    Some(key)
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
        let resolve = |path, base| resolve_link(page, path, base);
        assert_eq!(
            resolve("/people/wang-yi/", "").as_deref(),
            Some("/people/wang-yi/")
        );
        assert_eq!(
            resolve("/people/wang-yi", "").as_deref(),
            Some("/people/wang-yi/")
        );
        assert_eq!(
            resolve("../other/", "").as_deref(),
            Some("/articles/other/")
        );
        assert_eq!(resolve("", "").as_deref(), Some("/articles/talks/"));
        assert_eq!(resolve("/atom.xml", "").as_deref(), Some("/atom.xml"));
        assert_eq!(
            resolve("/b/people/x/index.html", "/b").as_deref(),
            Some("/people/x/")
        );
        assert_eq!(resolve("/", "").as_deref(), Some("/"));
        assert_eq!(resolve("/b/", "/b").as_deref(), Some("/"));
        assert_eq!(resolve("../../../../etc/", "").as_deref(), Some("/etc/"));
        assert_eq!(resolve("/people/x/", "/b"), None, "outside the base path");
        assert_eq!(resolve("/bx/people/", "/b"), None);
    }

    #[test]
    fn element_ids_are_collected() {
        let ids = element_ids("<h2 id=\"a\">A</h2><p id=\"b-1\">x</p><div data-id=\"c\">");
        assert_eq!(ids, HashSet::from(["a".to_string(), "b-1".to_string()]));
    }
}
