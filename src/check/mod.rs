//! `briefing check`: every stage except writing, and what only a whole site can tell.
//!
//! Besides everything `build` rejects, check renders every page in memory (so template
//! errors show) and verifies the result: internal links and `#fragments` that lead
//! nowhere, profiles no article names, people without a profile, mentions an article
//! does not list, and articles dated in the future. It writes nothing; presenting the
//! problems is [`report`]'s job.

pub mod report;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::error::{Error, Result, SourceLocation};
use crate::index::{EntityDetails, EntityKind, IndexedArticle, SiteIndex};
use crate::mentions::MentionTarget;
use crate::site::{LoadedSite, SiteOptions, load_site};

pub use report::{Format, write_report};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built, or builds broken.
    Error,
    /// Probably a mistake; `--strict` makes it an error.
    Warning,
    /// Worth knowing; never fails a check.
    Note,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// A short, stable name for the kind of problem (`unknown-key`, `broken-link`, ...).
    pub code: &'static str,
    /// The file it is in, if it is in one.
    pub path: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is a hint.
    pub hint: Option<String>,
}

impl Problem {
    fn at(
        severity: Severity,
        code: &'static str,
        location: &SourceLocation,
        message: String,
    ) -> Problem {
        Problem {
            severity,
            code,
            path: Some(location.path.clone()),
            line: Some(location.line),
            column: Some(location.column),
            message,
            hint: None,
        }
    }

    /// The problems an error stands for (one per problem of an [`Error::Many`]).
    pub fn from_error(error: &Error) -> Vec<Problem> {
        match error {
            Error::Many(errors) => errors.iter().flat_map(Problem::from_error).collect(),
            Error::Invalid {
                code,
                location,
                message,
                hint,
            } => vec![Problem {
                hint: hint.clone(),
                ..Problem::at(Severity::Error, code, location, message.clone())
            }],
            Error::Template { location, message } => vec![Problem::at(
                Severity::Error,
                "template",
                location,
                message.clone(),
            )],
            Error::Io { path, .. } => vec![Problem {
                severity: Severity::Error,
                code: error.code(),
                path: Some(path.clone()),
                line: None,
                column: None,
                message: chain(error),
                hint: None,
            }],
            _ => vec![Problem {
                severity: Severity::Error,
                code: error.code(),
                path: None,
                line: None,
                column: None,
                message: chain(error),
                hint: None,
            }],
        }
    }
}

/// An error's message followed by its causes, without the path it starts with.
fn chain(error: &Error) -> String {
    let mut text = match error {
        Error::Io { action, .. } => action.to_string(),
        other => other.to_string(),
    };
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// What `check` found, sorted by file, line and column.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Every problem.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// How many problems have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == severity)
            .count()
    }

    /// Whether the check fails: any error, or with `strict` any warning.
    pub fn fails(&self, strict: bool) -> bool {
        self.count(Severity::Error) > 0 || (strict && self.count(Severity::Warning) > 0)
    }
}

/// Checks the site; `Err` only when nothing could be checked at all.
pub fn check_site(options: &SiteOptions) -> Result<CheckReport> {
    let (site, errors) = load_site(options)?;
    let mut problems: Vec<Problem> = errors.iter().flat_map(Problem::from_error).collect();
    if let Some(site) = site {
        problems.extend(check_loaded_site(&site, options));
    }
    problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
    problems.dedup();
    Ok(CheckReport { problems })
}

fn check_loaded_site(site: &LoadedSite, options: &SiteOptions) -> Vec<Problem> {
    let renderer = site.renderer();
    let rendered: Vec<Result<(String, HashSet<String>)>> = renderer
        .pages()
        .into_par_iter()
        .map(|page| {
            let page = renderer.render(page)?;
            Ok((page.route.url_path, element_ids(&page.contents)))
        })
        .collect();
    let mut problems = Vec::new();
    let mut targets: HashMap<String, HashSet<String>> = HashMap::new();
    for result in rendered {
        match result {
            Ok((url_path, ids)) => {
                targets.insert(url_path, ids);
            }
            Err(error) => problems.extend(Problem::from_error(&error)),
        }
    }
    match crate::fs::files_under(&options.site_dir.join("static")) {
        Ok(files) => {
            for file in files {
                targets.entry(crate::fs::url_path(&file)).or_default();
            }
        }
        Err(error) => problems.extend(Problem::from_error(&error)),
    }
    let index = &site.index;
    for article in &index.articles {
        problems.extend(check_links(site, article, &targets));
        problems.extend(check_mentions(site, article));
        problems.extend(check_date(article));
    }
    problems.extend(check_profiles(index));
    problems
}

/// Every internal link of an article must lead to a page, and a `#fragment` to an
/// element of it.
fn check_links(
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

/// A body that mentions a known person or country its front matter does not list.
fn check_mentions(site: &LoadedSite, article: &IndexedArticle) -> Vec<Problem> {
    let index = &site.index;
    let mut problems = Vec::new();
    for mention in &article.body.mentions {
        let entity = index.mention_entity(mention.target);
        if entity.is_some_and(|id| article.countries.contains(&id) || article.people.contains(&id))
        {
            continue;
        }
        let (name, list, pronoun) = match (mention.target, entity) {
            (MentionTarget::Person(_), Some(id)) => {
                (index.entity(id).name.as_str(), "people", "them")
            }
            (MentionTarget::Country(alpha2), _) => match site.registry.resolve(alpha2) {
                Some(country) => (country.name, "countries", "it"),
                None => continue,
            },
            (MentionTarget::Person(_), None) => continue,
        };
        let location =
            SourceLocation::new(&article.article.source_path, mention.line, mention.column);
        problems.push(Problem {
            hint: Some(format!(
                "add `{name}` to `{list}`, unless the mention is only in passing"
            )),
            ..Problem::at(
                Severity::Warning,
                "unlisted-mention",
                &location,
                format!(
                    "mentions {name} (line {}) but does not list {pronoun} in `{list}`",
                    mention.line
                ),
            )
        });
    }
    problems
}

/// Profiles no article names, and people named without a profile.
fn check_profiles(index: &SiteIndex) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (_, person) in index.entities(EntityKind::Person) {
        let EntityDetails::Person(details) = &person.details else {
            continue;
        };
        if details.has_profile && person.articles.is_empty() {
            problems.push(Problem::at(
                Severity::Warning,
                "unused-profile",
                &person.defined_at,
                format!("no article names {}", person.name),
            ));
        } else if !details.has_profile {
            problems.push(Problem {
                hint: Some(format!(
                    "add content/people/{}.md with `name: {}` so the page has a profile",
                    person.slug, person.name
                )),
                ..Problem::at(
                    Severity::Warning,
                    "missing-profile",
                    &person.defined_at,
                    format!("{} has no profile", person.name),
                )
            });
        }
    }
    problems
}

/// An article dated after now sorts above everything else; usually a typo.
fn check_date(article: &IndexedArticle) -> Option<Problem> {
    let now = Timestamp::now();
    (article.article.date.timestamp() > now).then(|| {
        Problem::at(
            Severity::Note,
            "future-date",
            &article.article.date_location,
            format!(
                "dated {}, in the future: it is published now and listed first",
                article.article.date.strftime("%Y-%m-%d")
            ),
        )
    })
}

/// The values of every `id="..."` attribute in an HTML page.
fn element_ids(html: &str) -> HashSet<String> {
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
