//! `briefing build`: every stage in order, from the site folder to the output folder.
//!
//! This verb owns no logic of its own beyond the order of the stages and the parallel
//! render-and-write loop; each step is a call into the stage that owns it. When nothing
//! it reads changed since the last build and that build's output is intact, it stops
//! before the first stage (see [`crate::inputs`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cache::PageRecord;
use crate::content::{list_sources, load_content_cached};
use crate::error::{Error, Result};
use crate::images::ImageCache;
use crate::inputs::INPUT_FOLDERS;
use crate::inputs::{BuildSettings, fingerprint};
use crate::output::{
    BuiltFrom, OutputLock, PageStore, Staging, check_foreign_files, current_output, output_folder,
    sibling,
};
use crate::outputs::{Output, Source, outputs, read_files};
use crate::paths::PathTable;
use crate::render::PageKeys;
use crate::render::budget::BreachPolicy;
use crate::site::{SiteOptions, assemble, load_options, load_settings, require_site_dir};

/// Below this many pages a build is over before a progress bar would be readable.
const PROGRESS_THRESHOLD: usize = 2_000;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub site_dir: PathBuf,
    /// The output folder; `public/` in the site folder when `None`.
    pub output_dir: Option<PathBuf>,
    /// Build articles marked `draft: true` too.
    pub include_drafts: bool,
    /// Replaces `base_url` from `briefing.yaml`.
    pub base_url: Option<String>,
    /// Build even when nothing changed since the last build.
    pub force: bool,
    /// Replace an output folder that holds files no build wrote, deleting them.
    pub replace_output: bool,
    /// Where the build cache is kept; `cache_dir` from `briefing.yaml`, else
    /// `.NAME.cache` beside the output folder `NAME`, when `None`.
    pub cache_dir: Option<PathBuf>,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written: feeds, data, sitemap, theme assets and `static/` files.
    pub files: usize,
    /// Files whose content had not changed since the last build, kept as they were.
    pub unchanged: usize,
    /// Articles in the site.
    pub articles: usize,
    /// Where the site was written.
    pub output_dir: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Nothing the build reads had changed since the last build, whose output was
    /// intact: nothing was read, rendered or written.
    pub up_to_date: bool,
}

/// Builds the site: on success the output folder holds exactly the new site; on any
/// error it holds exactly what it held before.
///
/// Before anything is written, an output that would replace the site's sources,
/// another site or files no build wrote is refused. The build then holds the output's
/// lock to the end; a second build of the same output waits for it, saying so on
/// stderr, so builds run one after the other and each leaves one whole site.
pub fn build_site(options: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    crate::cache::prepare();
    let site_dir = &options.site_dir;
    require_site_dir(site_dir)?;
    let given_output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| site_dir.join("public"));
    let output_dir = output_folder(&given_output, site_dir)?;
    // Checked before the lock so a refused folder gains no sidecar; a build running
    // meanwhile cannot change the answer, since its output never stands without a
    // manifest.
    check_foreign_files(&output_dir, options.replace_output)?;
    let _lock = OutputLock::acquire(&output_dir, || {
        eprintln!(
            "another build of {} is running; waiting for it to finish",
            given_output.display()
        );
    })?;
    // Taken before anything is read, so a file changed during the build is seen as
    // changed by the next. A folder that cannot be listed only means a full build.
    let settings = BuildSettings {
        include_drafts: options.include_drafts,
        base_url: options.base_url.as_deref(),
    };
    let fingerprint = fingerprint(site_dir, settings).ok().flatten();
    let inputs =
        (fingerprint.as_ref()).and_then(|fingerprint| fingerprint.settled(SystemTime::now()));
    if let Some(inputs) = inputs
        && !options.force
        && let Some((built, files)) = current_output(&output_dir, inputs)
    {
        return Ok(BuildSummary {
            pages: built.pages,
            files: files.saturating_sub(built.pages),
            unchanged: files,
            articles: built.articles,
            output_dir: given_output,
            elapsed: started.elapsed(),
            up_to_date: true,
        });
    }

    let site_options = SiteOptions {
        site_dir: options.site_dir.clone(),
        include_drafts: options.include_drafts,
        base_url: options.base_url.clone(),
    };
    let (settings, mut errors) = load_settings(&site_options, BreachPolicy::EndProcess)?;
    let cache_dir = cache_folder(options, &settings, &output_dir)?;
    // The content is loaded, with the parsed files of the cache, while the cache's
    // rendered bodies are decoded: it needs none of them. Its files, and their stamps,
    // are the ones the fingerprint listed.
    let stamps = fingerprint.map(|fingerprint| fingerprint.content);
    let (bodies, (mut cache, (content, content_errors))) = rayon::join(
        || crate::cache::load_bodies(&cache_dir),
        || {
            let (mut cache, sources) = rayon::join(
                || crate::cache::load(&cache_dir),
                || list_sources(site_dir, stamps.as_ref()),
            );
            let options = load_options(&site_options, &settings);
            let loaded = load_content_cached(sources, &options, &mut cache.content);
            (cache, loaded)
        },
    );
    cache.bodies = bodies;
    errors.extend(content_errors);
    let (site, site_errors) = assemble(&settings, content, &mut cache.bodies);
    errors.extend(site_errors);
    let (Some(site), true) = (site, errors.is_empty()) else {
        return Err(Error::from_many(errors));
    };
    let renderer = site.renderer();

    let store_dir = cache_dir.join("pages");
    let outputs = outputs(&site, site_dir)?;
    let paths = outputs.iter().map(|output| output.path.as_path());
    let staging =
        Staging::create(&output_dir, paths)?.keeping_pages_in(PageStore::new(store_dir.clone()));
    let (pages, files): (Vec<&Output>, Vec<&Output>) = outputs
        .iter()
        .partition(|output| matches!(output.source, Source::Page(_)));
    let progress = progress_bar(pages.len());
    // A page whose key is the one it had last time is the file written last time:
    // linked from the previous output, not rendered again.
    let keys = PageKeys::new(&site.index, &site.config, &site.theme);
    let previous = std::mem::take(&mut cache.pages);
    // One page per task: a few entity pages are far larger than the rest, and rayon's
    // default splitting would leave them to one core at the end.
    let results: Vec<Result<Option<(PathBuf, PageRecord)>>> = pages
        .par_iter()
        .with_max_len(1)
        .map(|output| {
            let Source::Page(page) = output.source else {
                return Ok(None);
            };
            let path = &output.path;
            let key = renderer.page_key(page, &keys);
            progress.inc(1);
            if let Some(key) = key
                && let Some(record) = previous.get(path)
                && record.key == key
                && staging.reuse(path, &record.file)
            {
                return Ok(Some((path.clone(), *record)));
            }
            let rendered = renderer.render(page)?;
            let record = match key {
                Some(key) => Some(PageRecord {
                    key,
                    file: staging.write_page(path, rendered.contents.as_bytes())?,
                }),
                None => {
                    staging.write(path, rendered.contents.as_bytes())?;
                    None
                }
            };
            Ok(record.map(|record| (path.clone(), record)))
        })
        .collect();
    progress.finish_and_clear();
    let (mut records, mut errors) = (Vec::with_capacity(results.len()), Vec::new());
    for result in results {
        match result {
            Ok(record) => records.extend(record),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    cache.pages = PathTable::new(records);
    let images = ImageCache::new(cache_dir.join("images"));
    for (output, contents) in files.iter().zip(read_files(&site, &files, &images)?) {
        staging.write(&output.path, &contents)?;
    }
    let html_pages = pages.iter().filter(|output| output.is_html()).count();
    let files = outputs.len() - html_pages;
    let unchanged = staging.unchanged();
    let articles = site.index.articles.len();
    // The cache is written while the output is swapped in: it is valid whether or
    // not the swap succeeds (a page record whose file is not in the output is never
    // used), and a cache that cannot be written only makes the next build a cold one,
    // so that is said, not failed on. The page store then lets go of the copies no
    // page record names.
    let (committed, saved) = rayon::join(
        || {
            staging.commit(inputs.map(|inputs| BuiltFrom {
                inputs,
                articles,
                pages: html_pages,
            }))
        },
        || {
            let saved = crate::cache::save(&cache_dir, &cache);
            let hashes = cache
                .pages
                .entries()
                .iter()
                .map(|(_, record)| record.file.hash)
                .collect();
            PageStore::new(store_dir).retain(&hashes);
            saved
        },
    );
    committed?;
    if let Err(error) = saved {
        eprintln!("warning: {}", error.report());
    }
    // Freeing the model of a large site takes a noticeable part of a second (a fifth
    // at 100,000 articles) that nobody waits for: it happens beside the caller, and a
    // program that exits next does not wait for it at all.
    std::thread::spawn(move || drop((site, cache, outputs)));

    Ok(BuildSummary {
        pages: html_pages,
        files,
        unchanged,
        articles,
        output_dir: given_output,
        elapsed: started.elapsed(),
        up_to_date: false,
    })
}

/// Where the build cache goes: `--cache-dir`, else `cache_dir` from `briefing.yaml`
/// (relative to the site folder), else `.NAME.cache` beside the output folder. A
/// cache inside the output or the sources would be replaced or read as a source, so
/// it is refused.
fn cache_folder(
    options: &BuildOptions,
    settings: &crate::site::Settings,
    output_dir: &Path,
) -> Result<PathBuf> {
    let chosen = match (&options.cache_dir, &settings.config.cache_dir) {
        (Some(dir), _) => dir.clone(),
        (None, Some(dir)) => options.site_dir.join(dir),
        (None, None) => return Ok(sibling(output_dir, "cache")),
    };
    let absolute = std::path::absolute(&chosen).unwrap_or_else(|_| chosen.clone());
    let site = std::path::absolute(&options.site_dir).unwrap_or_else(|_| options.site_dir.clone());
    let forbidden = std::iter::once(output_dir.to_path_buf())
        .chain(INPUT_FOLDERS.iter().map(|folder| site.join(folder)));
    for folder in forbidden {
        let folder = std::path::absolute(&folder).unwrap_or(folder);
        if absolute.starts_with(&folder) {
            return Err(Error::Usage(format!(
                "the build cache {} may not be inside {}",
                chosen.display(),
                folder.display()
            )));
        }
    }
    Ok(chosen)
}

/// A progress bar on stderr for long builds; indicatif draws nothing when stderr is
/// not a terminal, so CI logs stay clean.
fn progress_bar(pages: usize) -> ProgressBar {
    if pages < PROGRESS_THRESHOLD {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(pages as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    bar
}
