//! `briefing check`: every stage except writing, and what only a whole site can tell.
//!
//! Besides everything `build` rejects, check renders every page in memory (so template
//! errors show) and verifies the result: internal links and `#fragments` that lead
//! nowhere, profiles no article names, people without a profile, mentions an article
//! does not list, and articles dated in the future. It writes nothing; presenting the
//! problems is [`report`]'s job.

mod links;
mod problem;
pub mod report;

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use rayon::prelude::*;

use crate::bundles::bundle_outputs;
use crate::countries::Lookup;
use crate::error::{Result, SourceLocation};
use crate::index::{EntityDetails, EntityKind, IndexedArticle, SiteIndex};
use crate::site::{LoadedSite, SiteOptions, load_site};

use links::{check_links, element_ids};
pub use problem::{CheckReport, Problem, Severity};
pub use report::{Format, write_report};

/// Checks the site. A problem that stops loading altogether (in `briefing.yaml`, an
/// unreadable theme file) is reported like any other, so every output format shows it.
pub fn check_site(options: &SiteOptions) -> CheckReport {
    let (site, errors) = load_site(options).unwrap_or_else(|error| (None, vec![error]));
    let mut problems: Vec<Problem> = errors.iter().flat_map(Problem::from_error).collect();
    if let Some(site) = site {
        problems.extend(check_loaded_site(&site, options));
    }
    problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
    problems.dedup();
    CheckReport { problems }
}

fn check_loaded_site(site: &LoadedSite, options: &SiteOptions) -> Vec<Problem> {
    let mut problems = Vec::new();
    // A model that lacks some names still shows every mention, profile and date; its
    // pages, and so the links into them, are checked once the names resolve.
    if !site.partial {
        problems.extend(check_rendered_links(site, options));
    }
    let index = &site.index;
    let now = Timestamp::now();
    for article in &index.articles {
        problems.extend(check_mentions(article));
        problems.extend(check_historic_names(site, article));
        problems.extend(check_date(article, now));
    }
    problems.extend(check_profiles(index));
    problems
}

/// Renders every page in memory and checks every internal link of every body against
/// the pages and `static/` files that exist.
fn check_rendered_links(site: &LoadedSite, options: &SiteOptions) -> Vec<Problem> {
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
    for file in bundle_outputs(&site.index, &site.routes) {
        targets.entry(file.route.url_path).or_default();
    }
    let (index, routes) = (&site.index, &site.routes);
    let base_path = routes.base_path();
    for article in &index.articles {
        let page = routes.article(&article.article.slug).url_path;
        problems.extend(check_links(&article.body, &page, base_path, &targets));
    }
    for kind in [EntityKind::Country, EntityKind::Person] {
        for (_, entity) in index.entities(kind) {
            if let Some(body) = &entity.body {
                let page = routes.entity(kind, &entity.slug).url_path;
                problems.extend(check_links(body, &page, base_path, &targets));
            }
        }
    }
    problems
}

/// A body that mentions a known person or country its front matter does not list: the
/// article's `mentioned`, which its page shows too.
fn check_mentions(article: &IndexedArticle) -> Vec<Problem> {
    let mut problems = Vec::new();
    for mention in &article.mentioned {
        let (list, pronoun) = match mention.target.is_country() {
            false => ("people", "them"),
            true => ("countries", "it"),
        };
        let name = &mention.name;
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

/// Countries named by a name they no longer have ("Zaire", "Ceylon"): they resolve to the
/// country of today, which a reader may not expect.
fn check_historic_names(site: &LoadedSite, article: &IndexedArticle) -> Vec<Problem> {
    let mut problems = Vec::new();
    for name in &article.article.countries {
        if let Lookup::Found {
            country,
            historic: true,
        } = site.registry.lookup(&name.name)
        {
            problems.push(Problem {
                hint: Some(format!(
                    "write `{}` unless the old name is meant",
                    country.name
                )),
                ..Problem::at(
                    Severity::Note,
                    "historic-country-name",
                    &name.location,
                    format!(
                        "`{}` is a former name: the article is listed under {}",
                        name.name, country.name
                    ),
                )
            });
        }
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
fn check_date(article: &IndexedArticle, now: Timestamp) -> Option<Problem> {
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
