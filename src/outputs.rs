//! Every file a site publishes, in one list: what `build` writes and `serve` answers.
//!
//! Rendered pages, the theme's assets, the files of article bundles and the files of
//! `static/` all end up as files below the output folder. A path is published once:
//! a file of `static/` takes the place of anything else at its path (a site's own
//! `robots.txt` or `404.html`), as it always did in a build.

use std::path::{Path, PathBuf};

use crate::bundles::{BundleOutput, bundle_outputs, read_outputs};
use crate::error::Result;
use crate::fs;
use crate::images::ImageCache;
use crate::render::Page;
use crate::site::LoadedSite;

/// Where the contents of an output come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A page rendered from the model.
    Page(Page),
    /// A theme asset, by position in the theme's list.
    Asset(usize),
    /// A file of an article bundle, copied or resized.
    Bundle(BundleOutput),
    /// A file of `static/`, by its path on disk.
    Static(PathBuf),
}

/// One file of the site.
#[derive(Debug, Clone)]
pub struct Output {
    /// Its path below the output folder: `people/wang-yi/index.html`.
    pub path: PathBuf,
    /// Where its contents come from.
    pub source: Source,
}

impl Output {
    /// The path a server answers it at, decoded: `/people/wang-yi/` for a folder's
    /// `index.html`, else `/` and its path.
    pub fn url_key(&self) -> String {
        url_key(&fs::url_path(&self.path))
    }

    /// Whether it is an HTML page.
    pub fn is_html(&self) -> bool {
        self.path
            .extension()
            .is_some_and(|extension| extension == "html")
    }
}

/// A request path (decoded) as [`Output::url_key`] names files.
pub fn url_key(path: &str) -> String {
    path.strip_suffix("index.html").unwrap_or(path).to_string()
}

/// Every file of `site`, whose folder is `site_dir`, sorted by path. Where two give
/// one path, the later kind wins: a `static/` file over a bundle's file, a theme asset
/// or a page; a bundle's file over an asset or a page; an asset over a page.
pub fn outputs(site: &LoadedSite, site_dir: &Path) -> Result<Vec<Output>> {
    let renderer = site.renderer();
    let mut outputs: Vec<Output> = Vec::new();
    let mut add = |path: PathBuf, source: Source| outputs.push(Output { path, source });
    for page in renderer.pages() {
        add(renderer.route(page).output_path, Source::Page(page));
    }
    for (position, (name, _)) in site.theme.assets.iter().enumerate() {
        add(PathBuf::from(name), Source::Asset(position));
    }
    for file in bundle_outputs(&site.index, &site.routes) {
        add(file.route.output_path.clone(), Source::Bundle(file));
    }
    let static_dir = site_dir.join("static");
    for relative in fs::files_under(&static_dir)? {
        let path = static_dir.join(&relative);
        add(relative, Source::Static(path));
    }
    // Kept in the order added where equal.
    outputs.sort_by_cached_key(|output| crate::paths::path_order(&output.path));
    let mut sorted: Vec<Output> = Vec::with_capacity(outputs.len());
    for output in outputs {
        match sorted.last_mut() {
            Some(last) if last.path.as_os_str() == output.path.as_os_str() => *last = output,
            _ => sorted.push(output),
        }
    }
    Ok(sorted)
}

/// The contents of outputs that are not pages, in the same order (a page's are
/// empty: render it). Bundle images are resized through `images`, each decoded once.
pub fn read_files(
    site: &LoadedSite,
    files: &[&Output],
    images: &ImageCache,
) -> Result<Vec<Vec<u8>>> {
    let bundle_files: Vec<BundleOutput> = files
        .iter()
        .filter_map(|output| match &output.source {
            Source::Bundle(file) => Some(file.clone()),
            _ => None,
        })
        .collect();
    let mut bundle_contents = read_outputs(&bundle_files, images)?.into_iter();
    let mut contents = Vec::with_capacity(files.len());
    for output in files {
        contents.push(match &output.source {
            Source::Page(_) => Vec::new(),
            Source::Asset(position) => site.theme.assets[*position].1.clone(),
            Source::Bundle(_) => bundle_contents.next().unwrap_or_default(),
            Source::Static(path) => fs::read(path)?,
        });
    }
    Ok(contents)
}
