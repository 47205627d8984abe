//! Article bundles: an article written as `<slug>/index.md`, with the files it links
//! to beside it. This module lists what a bundle folder holds; which of its files are
//! linked (and so published) is decided by `markdown`, and where they go by `routes`.
//!
//! Symbolic links are listed apart from files and never followed, so no file outside
//! the bundle can be published through one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::images::{ImageSize, raster_format, read_size};

/// The file name that makes an article a bundle.
pub const BUNDLE_INDEX: &str = "index.md";

/// The folder of an article bundle and what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bundle {
    /// The folder, named like the article's source path: `content/articles/2024/talks`.
    pub dir: PathBuf,
    /// Every regular file in it but the article, relative to `dir`, with `/` between
    /// folders whatever the platform.
    pub files: BTreeSet<String>,
    /// Every symbolic link in it, relative to `dir`: named so a link to one is refused.
    pub symlinks: BTreeSet<String>,
    /// The size of every PNG, JPEG and WebP file among `files`, from its header, or
    /// why it could not be read: an image that cannot be decoded is reported where
    /// it is shown.
    pub images: BTreeMap<String, std::result::Result<ImageSize, String>>,
}

/// Whether the article at `source_path` is a bundle's `index.md`.
pub fn is_bundle_index(source_path: &Path) -> bool {
    source_path
        .file_name()
        .is_some_and(|name| name == BUNDLE_INDEX)
}

/// The bundle of the article at `source_path`, listed from disk; `None` when the
/// article is a file of its own.
pub fn load_bundle(source_path: &Path) -> Result<Option<Bundle>> {
    if !is_bundle_index(source_path) {
        return Ok(None);
    }
    let dir = source_path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut bundle = Bundle {
        dir: dir.clone(),
        ..Bundle::default()
    };
    // Hidden files (editors' swap files, `.DS_Store`) are no part of a bundle.
    let entries = WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            Error::io("could not read folder", &path, e.into())
        })?;
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            bundle.symlinks.insert(name);
        } else if entry.file_type().is_file() && name != BUNDLE_INDEX {
            if raster_format(&name).is_some() {
                bundle.images.insert(name.clone(), read_size(entry.path()));
            }
            bundle.files.insert(name);
        }
    }
    Ok(Some(bundle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_index_md_makes_a_bundle() {
        assert!(is_bundle_index(Path::new(
            "content/articles/talks/index.md"
        )));
        assert!(!is_bundle_index(Path::new("content/articles/talks.md")));
        assert!(!is_bundle_index(Path::new("content/articles/index.md.bak")));
    }
}
