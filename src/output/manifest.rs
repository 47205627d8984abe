//! The manifest of an output folder: for every file, the hash of its content and the
//! size and modification time it had when written, so the next build can tell which
//! files it may keep instead of writing them again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::error::Result;
use crate::fs;

/// What the manifest knows of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Written {
    pub(super) hash: u128,
    pub(super) size: u64,
    /// Modification time, in nanoseconds since the Unix epoch.
    pub(super) modified: u128,
}

/// A hash of a file's content, long enough that two different pages never share one.
pub(super) fn content_hash(contents: &[u8]) -> u128 {
    let low = ahash::RandomState::with_seeds(1, 2, 3, 4).hash_one(contents);
    let high = ahash::RandomState::with_seeds(5, 6, 7, 8).hash_one(contents);
    (u128::from(high) << 64) | u128::from(low)
}

/// A file's size and modification time, if it is there.
pub(super) fn stamp(path: &Path) -> Option<(u64, u128)> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

/// Reads a manifest; a missing or damaged one is empty (every file is written).
pub(super) fn read_manifest(path: &Path) -> HashMap<PathBuf, Written> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            let path = PathBuf::from(parts.next()?);
            Some((
                path,
                Written {
                    hash,
                    size,
                    modified,
                },
            ))
        })
        .collect()
}

/// Writes a manifest, replacing the old one in one rename.
pub(super) fn write_manifest(path: &Path, mut written: Vec<(PathBuf, Written)>) -> Result<()> {
    written.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::with_capacity(written.len() * 80);
    for (file, entry) in written {
        text.push_str(&format!(
            "{:032x} {} {} {}\n",
            entry.hash,
            entry.size,
            entry.modified,
            file.to_string_lossy()
        ));
    }
    let temporary = path.with_extension("manifest-new");
    fs::write(&temporary, text.as_bytes())?;
    fs::rename(&temporary, path)
}
