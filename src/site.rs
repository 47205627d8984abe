//! From a site folder to a model ready to render: the stages `build` and `check`
//! share, run in order, with every problem collected rather than the first returned.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::config::{SiteConfig, load_config, normalize_base_url};
use crate::content::{LoadOptions, load_content};
use crate::countries::CountryRegistry;
use crate::error::{Error, Result};
use crate::index::{SiteIndex, country_registry};
use crate::markdown::{RenderedContent, SiteLinks, render_content};
use crate::mentions::MentionMatcher;
use crate::render::{SearchWords, SiteRenderer, Templates};
use crate::routes::Routes;
use crate::theme::{Theme, load_theme};

/// Which site to load and how.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The site folder (holding `content/`).
    pub site_dir: PathBuf,
    /// Keep articles marked `draft: true`.
    pub include_drafts: bool,
    /// Replaces `base_url` from `briefing.yaml`.
    pub base_url: Option<String>,
}

/// A site loaded, validated and modelled, ready to render.
pub struct LoadedSite {
    /// The configuration, with command-line overrides applied.
    pub config: SiteConfig,
    /// Templates and assets.
    pub theme: Arc<Theme>,
    /// The compiled templates.
    pub templates: Arc<Templates>,
    /// The ISO country list.
    pub registry: Arc<CountryRegistry>,
    /// URLs for this site's base_url.
    pub routes: Routes,
    /// The model.
    pub index: SiteIndex,
    /// Whether the model lacks names that did not resolve (the errors say which): such a
    /// site is checked, but its pages are never rendered.
    pub partial: bool,
    /// The search index's words, inverted from `index` when first asked for.
    pub search_words: OnceLock<SearchWords>,
}

impl LoadedSite {
    /// A renderer for every page of the site.
    pub fn renderer(&self) -> SiteRenderer<'_> {
        SiteRenderer::new(&self.index, &self.routes, &self.config, &self.templates)
            .sharing_search_words(&self.search_words)
    }
}

/// Refuses a site folder that is not there.
pub fn require_site_dir(site_dir: &Path) -> Result<()> {
    if site_dir.is_dir() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{}: site folder not found",
        site_dir.display()
    )))
}

/// A link out of a bundle, or to an image that cannot be decoded, is an error where
/// it is written.
fn refused_links(rendered: &RenderedContent) -> Vec<Error> {
    let bodies = rendered.articles.iter().map(|article| &article.body);
    bodies
        .flat_map(|body| &body.refused_links)
        .map(|refused| {
            Error::invalid(refused.location.clone(), refused.reason.clone()).with_code(refused.code)
        })
        .collect()
}

/// Loads the site. Problems in single files do not stop the others: they are returned
/// beside the site, which is present whenever the templates compiled and the model could
/// be built from the files that loaded. `Err` is for problems that stop everything (no
/// site folder, an unreadable `briefing.yaml`).
pub fn load_site(options: &SiteOptions) -> Result<(Option<LoadedSite>, Vec<Error>)> {
    let site_dir = &options.site_dir;
    require_site_dir(site_dir)?;
    let mut config = load_config(site_dir)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = normalize_base_url(base_url).map_err(Error::Usage)?;
    }

    let mut errors = Vec::new();
    let theme = load_theme(site_dir)?;
    let templates = Templates::compile(&theme.templates)
        .map_err(|error| errors.push(error))
        .ok();
    let (content, content_errors) = load_content(
        site_dir,
        &LoadOptions {
            include_drafts: options.include_drafts,
            time_zone: config.time_zone.clone(),
        },
    );
    errors.extend(content_errors);
    let registry = country_registry(&content.countries, &mut errors);
    let routes = Routes::new(&config.base_url);
    let matcher = MentionMatcher::new(&registry, &content.people);
    let targets = routes.link_targets(&content.articles, &content.people, &registry);
    let links = SiteLinks::new(targets, &registry, &matcher, config.link_mentions);
    let rendered = render_content(content, config.unsafe_html, &links);
    errors.extend(refused_links(&rendered));
    let (index, index_errors) = SiteIndex::build_partial(rendered, &registry);
    let partial = !index_errors.is_empty();
    errors.extend(index_errors);
    let site = templates.map(|templates| LoadedSite {
        config,
        theme: Arc::new(theme),
        templates: Arc::new(templates),
        registry: Arc::new(registry),
        routes,
        index,
        partial,
        search_words: OnceLock::new(),
    });
    Ok((site, errors))
}
