//! The one pipeline: from a site's inputs to a model ready to render.
//!
//! Every verb that needs the model (`build`, `check`, `serve`), the tests and the
//! benches get it from [`assemble`], which runs the stages in order with every problem
//! collected rather than the first returned:
//!
//! ```text
//! settings + content ──► country registry ──► catalog ──► routes (link targets)
//!     ──► markdown (bodies, through a cache) ──► index
//! ```
//!
//! What differs between the verbs is only where the inputs and the cache of rendered
//! bodies come from: `build` keeps its cache on disk, `serve` in memory, `check` keeps
//! none.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::catalog::{Catalog, country_registry};
use crate::config::{SiteConfig, load_config, normalize_base_url};
use crate::content::{Content, LoadOptions, read_bodies};
use crate::countries::CountryRegistry;
use crate::error::{Error, Result};
use crate::index::SiteIndex;
use crate::markdown::{BodyCache, RenderedContent, SiteLinks};
use crate::mentions::MentionMatcher;
use crate::render::budget::BreachPolicy;
use crate::render::{SearchWords, SiteRenderer, Templates};
use crate::routes::Routes;
use crate::theme::{Theme, builtin_theme, load_theme};

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

/// What a site is built with besides its content: the configuration, with
/// command-line overrides applied, and the theme.
#[derive(Clone)]
pub struct Settings {
    /// The configuration.
    pub config: SiteConfig,
    /// Templates and assets.
    pub theme: Arc<Theme>,
    /// The compiled templates; `None` when they did not compile (the errors say why).
    pub templates: Option<Arc<Templates>>,
}

impl Settings {
    /// The settings of a site with `config` and the built-in theme, whose templates
    /// stop the process on a page past its render budget.
    pub fn builtin(config: SiteConfig) -> Result<Settings> {
        let theme = builtin_theme();
        let templates = Templates::compile(&theme.templates)?;
        Ok(Settings {
            config,
            theme: Arc::new(theme),
            templates: Some(Arc::new(templates)),
        })
    }
}

/// A site loaded, validated and modelled, ready to render.
pub struct LoadedSite {
    /// The configuration, with command-line overrides applied.
    pub config: SiteConfig,
    /// Templates and assets.
    pub theme: Arc<Theme>,
    /// The compiled templates.
    pub templates: Arc<Templates>,
    /// The ISO country list, with the site's aliases.
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

/// Loads `briefing.yaml` and the theme. `Err` is for what stops everything (no site
/// folder, an unreadable `briefing.yaml`); templates that do not compile are returned
/// as errors beside the settings. `policy` says what a page over the render budget
/// does.
pub fn load_settings(
    options: &SiteOptions,
    policy: BreachPolicy,
) -> Result<(Settings, Vec<Error>)> {
    let site_dir = &options.site_dir;
    require_site_dir(site_dir)?;
    let mut config = load_config(site_dir)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = normalize_base_url(base_url).map_err(Error::Usage)?;
    }
    let theme = load_theme(site_dir)?;
    let mut errors = Vec::new();
    let templates = Templates::compile(&theme.templates)
        .map(|templates| Arc::new(templates.with_breach_policy(policy)))
        .map_err(|error| errors.push(error))
        .ok();
    let settings = Settings {
        config,
        theme: Arc::new(theme),
        templates,
    };
    Ok((settings, errors))
}

/// How content of a site with these settings is loaded.
pub fn load_options(options: &SiteOptions, settings: &Settings) -> LoadOptions {
    LoadOptions {
        include_drafts: options.include_drafts,
        time_zone: settings.config.time_zone.clone(),
    }
}

/// Loads the site, caching nothing: the settings, the content, then [`assemble`].
pub fn load_site(options: &SiteOptions) -> Result<(Option<LoadedSite>, Vec<Error>)> {
    let (settings, mut errors) = load_settings(options, BreachPolicy::EndProcess)?;
    let (content, content_errors) =
        crate::content::load_content(&options.site_dir, &load_options(options, &settings));
    errors.extend(content_errors);
    let (site, site_errors) = assemble(&settings, content, &mut BodyCache::default());
    errors.extend(site_errors);
    Ok((site, errors))
}

/// Builds the model of a site from its settings and content, rendering each body
/// through `bodies`, which keeps the bodies it was given that are still valid and
/// renders the rest. Problems do not stop the stages: they are returned beside the
/// site, which is present whenever the templates compiled.
pub fn assemble(
    settings: &Settings,
    mut content: Content,
    bodies: &mut BodyCache,
) -> (Option<LoadedSite>, Vec<Error>) {
    let config = &settings.config;
    let mut errors = Vec::new();
    let registry = country_registry(&content.countries, &mut errors);
    let (catalog, catalog_errors) = Catalog::resolve(&content, &registry);
    let unresolved = !catalog_errors.is_empty();
    errors.extend(catalog_errors);
    let routes = Routes::new(&config.base_url);
    let matcher = MentionMatcher::new(&registry, &catalog);
    let targets = routes.link_targets(&content.articles, &catalog);
    let links = SiteLinks::new(targets, &matcher, config.link_mentions);
    // Bodies left unread (their files are as the cache knew them) are read only when
    // the cache cannot give them rendered.
    let plan = bodies.plan(&content, &catalog, &registry, config.unsafe_html, &links);
    if !plan.unread.is_empty() {
        errors.extend(read_bodies(&mut content, &plan.unread));
    }
    let rendered = bodies.render(
        content,
        plan,
        &catalog,
        &registry,
        config.unsafe_html,
        &links,
    );
    errors.extend(refused_links(&rendered));
    let (index, index_errors) = SiteIndex::build_partial(rendered, catalog, &registry);
    let partial = unresolved || !index_errors.is_empty();
    errors.extend(index_errors);
    let site = settings.templates.as_ref().map(|templates| LoadedSite {
        config: config.clone(),
        theme: Arc::clone(&settings.theme),
        templates: Arc::clone(templates),
        registry: Arc::new(registry),
        routes,
        index,
        partial,
        search_words: OnceLock::new(),
    });
    (site, errors)
}

/// A link out of a bundle, or to an image that cannot be decoded, is an error where
/// it is written.
fn refused_links(rendered: &RenderedContent) -> Vec<Error> {
    let bodies = rendered.articles.iter().map(|article| &article.body);
    bodies
        .flat_map(|body| &body.refused_links)
        .map(|refused| {
            Error::invalid(refused.location.clone(), refused.reason.clone())
                .with_code(refused.code.code())
        })
        .collect()
}
