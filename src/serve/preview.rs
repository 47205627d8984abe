//! The live preview's model of the site, rebuilt incrementally when files change.
//!
//! Parsed and rendered files are cached by path and modification stamp, so an edit to
//! one article re-reads and re-renders that article only, then rebuilds the index from
//! the cache (cheap: rendered bodies are shared, not copied). A change to a profile, a
//! note, an article's URL, the config or a template rebuilds more, up to everything.
//! Pages are rendered when they are requested, so a rebuild renders nothing itself.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::bundles::{BundleOutput, bundle_outputs};
use crate::config::{CONFIG_FILE, SiteConfig, load_config};
use crate::content::{
    Article, CountryNote, PersonProfile, list_content_files, load_article, parse_country_note,
    parse_person_profile,
};
use crate::countries::CountryRegistry;
use crate::error::Error;
use crate::fs;
use crate::index::{SiteIndex, country_registry};
use crate::markdown::{
    Rendered, RenderedContent, SiteLinks, render_article, render_note, render_profile,
};
use crate::mentions::MentionMatcher;
use crate::render::budget::BreachPolicy;
use crate::render::{Page, Templates};
use crate::routes::Routes;
use crate::site::LoadedSite;

use super::cache::{Cached, refresh, reread, valid_content};
use crate::theme::{Theme, load_theme};

/// A version of the site that can be served: the model plus where each URL comes from.
pub struct Snapshot {
    /// The model and everything needed to render it.
    pub site: LoadedSite,
    /// Every page, by the path it is served at (`/people/wang-yi/`, `/atom.xml`).
    pub pages: HashMap<String, Page>,
    /// Theme assets, by path.
    pub assets: HashMap<String, Vec<u8>>,
    /// Files of `static/`, by path.
    pub statics: HashMap<String, PathBuf>,
    /// Files of article bundles, by path: copies and resized images, made on request.
    pub bundle_files: HashMap<String, BundleOutput>,
}

/// What a rebuild did.
pub struct RebuildReport {
    /// How many content files were read again.
    pub files_read: usize,
    /// How many bodies were rendered again.
    pub bodies_rendered: usize,
}

/// The site as last loaded, with everything cached that a rebuild can reuse.
pub struct Preview {
    site_dir: PathBuf,
    /// The site folder as an absolute path, to match the paths of file events.
    root: PathBuf,
    base_url: String,
    include_drafts: bool,
    registry: Arc<CountryRegistry>,
    settings: Option<(SiteConfig, Arc<Theme>, Arc<Templates>)>,
    articles: BTreeMap<PathBuf, Cached<Article>>,
    people: BTreeMap<PathBuf, Cached<PersonProfile>>,
    countries: BTreeMap<PathBuf, Cached<CountryNote>>,
    rendered: HashMap<PathBuf, Rendered<Article>>,
    /// Profiles and notes rendered with the last full render.
    rendered_people: Vec<Rendered<PersonProfile>>,
    rendered_countries: Vec<Rendered<CountryNote>>,
    /// Article paths and slugs at the last full render: links between articles depend
    /// on them.
    article_urls: Vec<(PathBuf, String)>,
}

impl Preview {
    /// A preview of the site in `site_dir` served at `base_url`; nothing is read yet.
    pub fn new(site_dir: &Path, base_url: &str, include_drafts: bool) -> Preview {
        Preview {
            site_dir: site_dir.to_path_buf(),
            root: std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf()),
            base_url: base_url.to_string(),
            include_drafts,
            registry: Arc::new(CountryRegistry::new()),
            settings: None,
            articles: BTreeMap::new(),
            people: BTreeMap::new(),
            countries: BTreeMap::new(),
            rendered: HashMap::new(),
            rendered_people: Vec::new(),
            rendered_countries: Vec::new(),
            article_urls: Vec::new(),
        }
    }

    /// Brings the model up to date with the disk. `changed` names the files that
    /// changed (all files are checked anyway; `None` means reload everything).
    pub fn rebuild(
        &mut self,
        changed: Option<&HashSet<PathBuf>>,
    ) -> std::result::Result<(Snapshot, RebuildReport), Error> {
        let settings_changed = match changed {
            None => true,
            Some(paths) => paths.iter().any(|path| self.is_setting(path)),
        };
        if settings_changed || self.settings.is_none() {
            self.settings = None;
            self.rendered.clear();
            self.article_urls.clear();
            let mut config = load_config(&self.site_dir)?;
            config.base_url = self.base_url.clone();
            let theme = load_theme(&self.site_dir)?;
            // A runaway page fails alone; the preview goes on serving the others.
            let templates =
                Templates::compile(&theme.templates)?.with_breach_policy(BreachPolicy::ReturnError);
            self.settings = Some((config, Arc::new(theme), Arc::new(templates)));
        }
        let Some((config, _, _)) = &self.settings else {
            return Err(Error::Usage("the site settings could not be loaded".into()));
        };
        let time_zone = config.time_zone.clone();
        // When only known articles changed, re-read just those; anything else (a new or
        // deleted file, a profile, a note) lists and checks every file.
        let known_articles: Option<Vec<PathBuf>> = changed.and_then(|paths| {
            paths
                .iter()
                .map(|path| {
                    let key = fs::site_path(&self.site_dir, path.strip_prefix(&self.root).ok()?);
                    (self.articles.contains_key(&key) && key.is_file()).then_some(key)
                })
                .collect()
        });
        let mut errors = Vec::new();
        let (articles_read, people_read, countries_read) = match known_articles {
            Some(keys) => {
                let read = reread(&mut self.articles, &keys, |text, path| {
                    load_article(text, path, &time_zone)
                });
                (read, HashSet::new(), HashSet::new())
            }
            None => {
                let forced: HashSet<PathBuf> = changed.cloned().unwrap_or_default();
                let (files, list_errors) = list_content_files(&self.site_dir);
                errors = list_errors;
                (
                    refresh(
                        &mut self.articles,
                        &files.articles,
                        &forced,
                        |text, path| load_article(text, path, &time_zone),
                    ),
                    refresh(
                        &mut self.people,
                        &files.people,
                        &forced,
                        parse_person_profile,
                    ),
                    refresh(
                        &mut self.countries,
                        &files.countries,
                        &forced,
                        parse_country_note,
                    ),
                )
            }
        };
        let files_read = articles_read.len() + people_read.len() + countries_read.len();

        let (articles, people, countries) = valid_content(
            &self.articles,
            &self.people,
            &self.countries,
            self.include_drafts,
            &mut errors,
        );
        // Country notes give countries the site's aliases, so the registry is made
        // again with them: it takes a fraction of the time a body takes to render.
        self.registry = Arc::new(country_registry(&countries, &mut errors));
        let routes = Routes::new(&config.base_url);
        let matcher = MentionMatcher::new(&self.registry, &people);
        let targets = routes.link_targets(articles.iter().copied(), &people, &self.registry);
        let links = SiteLinks::new(targets, &self.registry, &matcher, config.link_mentions);
        let article_urls: Vec<(PathBuf, String)> = articles
            .iter()
            .map(|article| (article.source_path.clone(), article.slug.clone()))
            .collect();
        // Bodies link to each other and to profiles: when either set changed, every
        // body is rendered again; otherwise only the articles that changed.
        let full = !people_read.is_empty()
            || !countries_read.is_empty()
            || article_urls != self.article_urls
            || self.rendered.is_empty();
        let stale: Vec<&Article> = articles
            .iter()
            .copied()
            .filter(|article| {
                full || articles_read.contains(&article.source_path)
                    || !self.rendered.contains_key(&article.source_path)
            })
            .collect();
        let unsafe_html = config.unsafe_html;
        let fresh: Vec<Rendered<Article>> = stale
            .par_iter()
            .map(|&article| render_article(article.clone(), unsafe_html, &links))
            .collect();
        let bodies_rendered = fresh.len();
        if full {
            self.rendered.clear();
            self.rendered_people = people
                .iter()
                .map(|profile| render_profile(profile.clone(), unsafe_html, &links))
                .collect();
            self.rendered_countries = countries
                .iter()
                .map(|note| render_note(note.clone(), unsafe_html, &links))
                .collect();
        }
        for rendered in fresh {
            self.rendered
                .insert(rendered.item.source_path.clone(), rendered);
        }
        let live: HashSet<&Path> = articles.iter().map(|a| a.source_path.as_path()).collect();
        self.rendered
            .retain(|path, _| live.contains(path.as_path()));
        self.article_urls = article_urls;

        let content = RenderedContent {
            articles: self.rendered.values().cloned().collect(),
            people: self.rendered_people.clone(),
            countries: self.rendered_countries.clone(),
        };
        let index = SiteIndex::build(content, &self.registry);
        let index = match index {
            Ok(index) if errors.is_empty() => index,
            Ok(_) => return Err(Error::from_many(errors)),
            Err(error) => {
                errors.push(error);
                return Err(Error::from_many(errors));
            }
        };
        let Some((config, theme, templates)) = &self.settings else {
            return Err(Error::Usage("the site settings could not be loaded".into()));
        };
        let site = LoadedSite {
            config: config.clone(),
            theme: Arc::clone(theme),
            templates: Arc::clone(templates),
            registry: Arc::clone(&self.registry),
            routes,
            index,
            partial: false,
            search_words: Default::default(),
        };
        let snapshot = self.snapshot(site);
        Ok((
            snapshot,
            RebuildReport {
                files_read,
                bodies_rendered,
            },
        ))
    }

    /// Whether a changed path (absolute, as file events give it) is the config or a
    /// template.
    fn is_setting(&self, path: &Path) -> bool {
        path == self.root.join(CONFIG_FILE) || path.starts_with(self.root.join("templates"))
    }

    fn snapshot(&self, site: LoadedSite) -> Snapshot {
        let renderer = site.renderer();
        let pages = renderer
            .pages()
            .into_iter()
            .map(|page| (renderer.route(page).url_path, page))
            .collect();
        let assets = site
            .theme
            .assets
            .iter()
            .map(|(name, bytes)| (format!("/{name}"), bytes.clone()))
            .collect();
        let static_dir = self.site_dir.join("static");
        let statics = fs::files_under(&static_dir)
            .unwrap_or_default()
            .into_iter()
            .map(|relative| (fs::url_path(&relative), static_dir.join(relative)))
            .collect();
        let bundle_files = bundle_outputs(&site.index, &site.routes)
            .into_iter()
            .map(|output| (output.route.url_path.clone(), output))
            .collect();
        Snapshot {
            site,
            pages,
            assets,
            statics,
            bundle_files,
        }
    }
}
