//! The files of article bundles that reach the site: every file a body links to, once,
//! under its article's URL. Files nothing links to stay out.
//!
//! This stage lists what to publish from the model and reads the files for `build`; it
//! makes no URLs (those are `routes`') and writes nothing (that is `output`'s).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result, SourceLocation};
use crate::fs;
use crate::images::{ImageCache, ImageSize, raster_format, resize, variant_name};
use crate::index::SiteIndex;
use crate::routes::{Route, Routes};

/// One file of a bundle to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOutput {
    /// Where it is published.
    pub route: Route,
    /// For a resized variant of a raster image, its size; `None` for a copy.
    pub resized: Option<ImageSize>,
    /// The file in the bundle, named as in messages.
    pub source_path: PathBuf,
    /// The first link to it, where a problem with the file is reported.
    pub linked_at: SourceLocation,
}

/// The contents of every output, in the same order: copies as they are, variants
/// from `cache` or resized now (and kept there). Each image is decoded at most once,
/// and not at all when every variant of it is in the cache; one that cannot be
/// decoded is an error where it is first shown.
pub fn read_outputs(outputs: &[BundleOutput], cache: &ImageCache) -> Result<Vec<Vec<u8>>> {
    let mut by_source: BTreeMap<&PathBuf, Vec<usize>> = BTreeMap::new();
    for (position, output) in outputs.iter().enumerate() {
        by_source
            .entry(&output.source_path)
            .or_default()
            .push(position);
    }
    let groups: Vec<(&PathBuf, Vec<usize>)> = by_source.into_iter().collect();
    let results: Vec<Result<ReadFiles>> = groups
        .par_iter()
        .map(|(source_path, positions)| read_source(outputs, source_path, positions, cache))
        .collect();
    let mut contents = vec![Vec::new(); outputs.len()];
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(read) => read
                .into_iter()
                .for_each(|(at, bytes)| contents[at] = bytes),
            Err(error) => errors.push(error),
        }
    }
    match errors.is_empty() {
        true => Ok(contents),
        false => Err(Error::from_many(errors)),
    }
}

/// Contents by position in the list of outputs.
type ReadFiles = Vec<(usize, Vec<u8>)>;

/// The outputs at `positions`, all made from the file `source_path`.
fn read_source(
    outputs: &[BundleOutput],
    source_path: &Path,
    positions: &[usize],
    cache: &ImageCache,
) -> Result<ReadFiles> {
    let source = fs::read(source_path)?;
    let name = source_path.to_string_lossy();
    let extension = source_path
        .extension()
        .unwrap_or_default()
        .to_string_lossy();
    let mut read = Vec::with_capacity(positions.len());
    let mut missing = Vec::new();
    for &at in positions {
        match outputs[at].resized {
            None => read.push((at, source.clone())),
            Some(size) => {
                let entry = cache.entry(&source, size.width, &extension);
                match ImageCache::load(&entry) {
                    Some(bytes) => read.push((at, bytes)),
                    None => missing.push((at, size, entry)),
                }
            }
        }
    }
    let Some(format) = raster_format(&name) else {
        return Ok(read);
    };
    if missing.is_empty() {
        return Ok(read);
    }
    let sizes: Vec<ImageSize> = missing.iter().map(|(_, size, _)| *size).collect();
    let resized = resize(&source, format, &sizes).map_err(|message| {
        let first = &outputs[missing[0].0];
        Error::invalid(
            first.linked_at.clone(),
            format!(
                "image `{}` cannot be decoded: {message}",
                source_path.display()
            ),
        )
        .with_code("undecodable-image")
    })?;
    for ((at, _, entry), bytes) in missing.into_iter().zip(resized) {
        cache.store(&entry, &bytes);
        read.push((at, bytes));
    }
    Ok(read)
}

/// Every bundle file the site's articles link to, sorted by output path.
pub fn bundle_outputs(index: &SiteIndex, routes: &Routes) -> Vec<BundleOutput> {
    let mut outputs = BTreeMap::new();
    for article in &index.articles {
        let Some(bundle) = &article.article.bundle else {
            continue;
        };
        for link in &article.body.bundle_files {
            let published: Vec<(String, Option<ImageSize>)> = match link.image {
                Some(size) => size
                    .variants()
                    .into_iter()
                    .map(|variant| (variant_name(&link.name, variant.width), Some(variant)))
                    .collect(),
                None => vec![(link.name.clone(), None)],
            };
            for (name, resized) in published {
                let route = routes.article_file(&article.article.slug, &name);
                outputs
                    .entry(route.output_path.clone())
                    .or_insert_with(|| BundleOutput {
                        route,
                        resized,
                        source_path: bundle.dir.join(&link.name),
                        linked_at: link.location.clone(),
                    });
            }
        }
    }
    outputs.into_values().collect()
}
