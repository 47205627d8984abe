//! Resized images kept between builds, so an unchanged image is never decoded again.
//!
//! Entries live in the build's cache sidecar (`.public.cache/images/`), named by a hash
//! of this program's version, the source bytes and the variant's width. Each entry ends
//! with a hash of its own bytes: a damaged or cut-short entry is ignored and written
//! again, and an entry of another version is never looked up.

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// Bumped when resizing or encoding changes, so older entries are not used.
const FORMAT: &str = "images-1";

/// The folder of resized images.
#[derive(Debug, Clone)]
pub struct ImageCache {
    /// `None` keeps nothing.
    dir: Option<PathBuf>,
}

impl ImageCache {
    /// The cache in `dir` (created on first store).
    pub fn new(dir: PathBuf) -> ImageCache {
        ImageCache { dir: Some(dir) }
    }

    /// A cache that finds and keeps nothing, for the preview, which writes nothing to
    /// disk.
    pub fn none() -> ImageCache {
        ImageCache { dir: None }
    }

    /// The entry for the variant `width` pixels wide of the image `source`, whose file
    /// ends with `extension`.
    pub fn entry(&self, source: &[u8], width: u32, extension: &str) -> PathBuf {
        let Some(dir) = &self.dir else {
            return PathBuf::new();
        };
        let key = xxh3_128(
            &[
                FORMAT.as_bytes(),
                env!("CARGO_PKG_VERSION").as_bytes(),
                source,
            ]
            .concat(),
        );
        dir.join(format!("{key:032x}-{width}.{extension}"))
    }

    /// The bytes of an intact entry, or `None` (missing, damaged or unreadable).
    pub fn load(entry: &Path) -> Option<Vec<u8>> {
        let mut bytes = std::fs::read(entry).ok()?;
        let split = bytes.len().checked_sub(8)?;
        let stored = u64::from_le_bytes(bytes[split..].try_into().ok()?);
        bytes.truncate(split);
        (xxh3_64(&bytes) == stored).then_some(bytes)
    }

    /// Keeps `bytes` as `entry`. A cache that cannot be written only means resizing
    /// again next time, so failures are ignored; the write goes through a temporary
    /// file so a reader never sees half an entry.
    pub fn store(&self, entry: &Path, bytes: &[u8]) {
        let Some(dir) = &self.dir else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let partial = entry.with_extension("partial");
        let mut contents = bytes.to_vec();
        contents.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
        if std::fs::write(&partial, contents).is_ok() {
            let _ = std::fs::rename(&partial, entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_read_back_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ImageCache::new(dir.path().join("images"));
        let entry = cache.entry(b"source", 480, "png");
        assert_eq!(ImageCache::load(&entry), None);
        cache.store(&entry, b"resized");
        assert_eq!(ImageCache::load(&entry).as_deref(), Some(&b"resized"[..]));
        let mut damaged = std::fs::read(&entry).unwrap();
        damaged[0] ^= 1;
        std::fs::write(&entry, damaged).unwrap();
        assert_eq!(ImageCache::load(&entry), None);
        std::fs::write(&entry, b"abc").unwrap();
        assert_eq!(ImageCache::load(&entry), None, "too short to hold a hash");
    }

    #[test]
    fn the_preview_cache_keeps_nothing() {
        let cache = ImageCache::none();
        let entry = cache.entry(b"source", 480, "png");
        cache.store(&entry, b"resized");
        assert_eq!(ImageCache::load(&entry), None);
    }

    #[test]
    fn entries_differ_by_source_and_width() {
        let cache = ImageCache::new(PathBuf::from("c"));
        assert_ne!(cache.entry(b"a", 480, "png"), cache.entry(b"b", 480, "png"));
        assert_ne!(cache.entry(b"a", 480, "png"), cache.entry(b"a", 960, "png"));
    }
}
