//! The manifest of an output folder: for every file, the hash of its content and the
//! size and modification time it had when written, so the next build can tell which
//! files it may keep instead of writing them again.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::error::Result;
use crate::fs;

/// Output files by path, as a manifest records them: a large site's build looks up
/// every one of its paths in several of these.
pub(super) type Files = crate::paths::PathTable<Written>;

/// What the manifest knows of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    /// The hash of its content (see [`content_hash`]).
    pub hash: u128,
    /// Its size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch.
    pub modified: u128,
}

/// A hash of a file's content, long enough that two different pages never share one.
/// XXH3 is stable across versions and platforms.
pub(super) fn content_hash(contents: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(contents)
}

/// A file's size and modification time, if it is there.
pub(super) fn stamp(path: &Path) -> Option<(u64, u128)> {
    stamp_of(&std::fs::symlink_metadata(path).ok()?)
}

/// The size and modification time `metadata` gives.
pub(super) fn stamp_of(metadata: &std::fs::Metadata) -> Option<(u64, u128)> {
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

/// What an output folder was built from, recorded in its manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltFrom {
    /// The fingerprint of the build's inputs (see [`crate::inputs`]).
    pub inputs: u128,
    /// How many articles the site had.
    pub articles: usize,
    /// How many of its files are pages.
    pub pages: usize,
}

/// The first word of the line that records what the output was built from.
const BUILT_FROM: &str = "inputs";

/// The files a manifest lists (what built them is [`read_built_from`]'s); a missing
/// or damaged manifest lists none (every file is written).
pub(super) fn read_manifest(path: &Path) -> Files {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Files::default();
    };
    let mut lines = text.lines().peekable();
    lines.next_if(|line| line.starts_with(BUILT_FROM));
    lines
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

/// What the manifest at `path` says its output was built from, read from its first
/// line only: a build whose inputs changed learns it without reading the rest.
pub(super) fn read_built_from(path: &Path) -> Option<BuiltFrom> {
    let file = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(file), &mut line).ok()?;
    let line = line.strip_suffix('\n')?;
    line.starts_with(BUILT_FROM)
        .then_some(line)
        .and_then(parse_built_from)
}

/// The first line of a manifest, `BUILT_FROM INPUTS ARTICLES PAGES`.
fn parse_built_from(line: &str) -> Option<BuiltFrom> {
    let mut parts = line.split(' ').skip(1);
    Some(BuiltFrom {
        inputs: u128::from_str_radix(parts.next()?, 16).ok()?,
        articles: parts.next()?.parse().ok()?,
        pages: parts.next()?.parse().ok()?,
    })
}

/// Writes a manifest, replacing the old one in one rename.
pub(super) fn write_manifest(
    path: &Path,
    built_from: Option<BuiltFrom>,
    mut written: Vec<(PathBuf, Written)>,
) -> Result<()> {
    written.sort_by_cached_key(|(file, _)| crate::paths::path_order(file));
    let mut text = String::with_capacity(written.len() * 80);
    if let Some(built_from) = built_from {
        let _ = writeln!(
            text,
            "{BUILT_FROM} {:032x} {} {}",
            built_from.inputs, built_from.articles, built_from.pages
        );
    }
    for (file, entry) in written {
        let _ = writeln!(
            text,
            "{:032x} {} {} {}",
            entry.hash,
            entry.size,
            entry.modified,
            file.to_string_lossy()
        );
    }
    let temporary = path.with_extension("manifest-new");
    fs::write(&temporary, text.as_bytes())?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_contents_have_different_hashes() {
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"page"), content_hash(b"page"));
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.manifest");
        let built_from = BuiltFrom {
            inputs: u128::MAX - 7,
            articles: 12,
            pages: 40,
        };
        let written = Written {
            hash: content_hash(b"page"),
            size: 4,
            modified: 1_700_000_000_123_456_789,
        };
        let files = vec![(PathBuf::from("a b/index.html"), written)];
        write_manifest(&path, Some(built_from), files.clone()).unwrap();
        assert_eq!(read_built_from(&path), Some(built_from));
        assert_eq!(read_manifest(&path), files.into_iter().collect());

        write_manifest(&path, None, Vec::new()).unwrap();
        assert_eq!(read_built_from(&path), None);
        assert!(read_manifest(&path).is_empty());
    }
}
