//! The live preview's model of the site, brought up to date when files change.
//!
//! The preview runs the same pipeline as `build` ([`assemble`]), keeping its caches in
//! memory: content files are parsed again only when they changed, and bodies rendered
//! again only when something they are made from changed, so an edit to one article
//! reads and renders that article only. The settings (config and templates) are
//! loaded again only when one of their files changed. Pages are rendered when they are
//! requested, so a rebuild renders no page itself.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::{ContentCache, list_sources, load_content_cached};
use crate::error::Error;
use crate::markdown::BodyCache;
use crate::outputs::{Output, outputs};
use crate::render::budget::BreachPolicy;
use crate::site::{LoadedSite, Settings, SiteOptions, assemble, load_options, load_settings};

/// A version of the site that can be served: the model plus where each URL comes from.
pub struct Snapshot {
    /// The model and everything needed to render it.
    pub site: LoadedSite,
    /// Every file the build would write, by the decoded path it is served at
    /// (`/people/wang-yi/`, `/atom.xml`): rendered or read when requested.
    pub files: HashMap<String, Output>,
}

/// What a rebuild did.
pub struct RebuildReport {
    /// How many content files were parsed again.
    pub files_parsed: usize,
    /// How many bodies were rendered again.
    pub bodies_rendered: usize,
}

/// The site as last loaded, with everything cached that a rebuild can reuse.
pub struct Preview {
    options: SiteOptions,
    /// The site folder as an absolute path, to match the paths of file events.
    root: PathBuf,
    settings: Option<Settings>,
    content: ContentCache,
    bodies: BodyCache,
}

impl Preview {
    /// A preview of the site in `site_dir` served at `base_url`; nothing is read yet.
    pub fn new(site_dir: &Path, base_url: &str, include_drafts: bool) -> Preview {
        Preview {
            options: SiteOptions {
                site_dir: site_dir.to_path_buf(),
                include_drafts,
                base_url: Some(base_url.to_string()),
            },
            root: std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf()),
            settings: None,
            content: ContentCache::default(),
            bodies: BodyCache::default(),
        }
    }

    /// Brings the model up to date with the disk. `changed` names the files that
    /// changed, by absolute path (all content files are checked anyway); `None` means
    /// load everything again.
    pub fn rebuild(
        &mut self,
        changed: Option<&HashSet<PathBuf>>,
    ) -> std::result::Result<(Snapshot, RebuildReport), Error> {
        let settings_changed = match changed {
            None => true,
            Some(paths) => paths.iter().any(|path| self.is_setting(path)),
        };
        let mut errors = Vec::new();
        if settings_changed || self.settings.is_none() {
            self.settings = None;
            // A runaway page fails alone; the preview goes on serving the others.
            let (settings, settings_errors) =
                load_settings(&self.options, BreachPolicy::ReturnError)?;
            if !settings_errors.is_empty() {
                return Err(Error::from_many(settings_errors));
            }
            self.settings = Some(settings);
        }
        let Some(settings) = &self.settings else {
            return Err(Error::Usage("the site settings could not be loaded".into()));
        };
        let (content, content_errors) = load_content_cached(
            list_sources(&self.options.site_dir, None),
            &load_options(&self.options, settings),
            &mut self.content,
        );
        errors.extend(content_errors);
        let (site, site_errors) = assemble(settings, content, &mut self.bodies);
        errors.extend(site_errors);
        let report = RebuildReport {
            files_parsed: self.content.parsed,
            bodies_rendered: self.bodies.counts().rendered,
        };
        match site {
            Some(site) if errors.is_empty() => Ok((self.snapshot(site)?, report)),
            _ => Err(Error::from_many(errors)),
        }
    }

    /// Whether a changed path (absolute, as file events give it) is the config or a
    /// template.
    fn is_setting(&self, path: &Path) -> bool {
        path == self.root.join(CONFIG_FILE) || path.starts_with(self.root.join("templates"))
    }

    fn snapshot(&self, site: LoadedSite) -> std::result::Result<Snapshot, Error> {
        let files = outputs(&site, &self.options.site_dir)?
            .into_iter()
            .map(|output| (output.url_key(), output))
            .collect();
        Ok(Snapshot { site, files })
    }
}
