//! Content files kept parsed from one load to the next.
//!
//! A file is known by its path and metadata (size, modification and status-change
//! times, inode) and by a digest of its bytes. When its metadata is unchanged and old
//! enough to trust, it is not read at all; otherwise it is read, and parsed again only
//! if its bytes changed. File times come from a coarse clock, so metadata recorded
//! less than [`TRUSTED_AGE`] after the file last changed is never trusted (Git calls
//! such files "racily clean"): such a file is read and compared every time.
//!
//! A bundle's files are listed again on every load, since they change without its
//! `index.md` changing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{Article, CountryNote, PersonProfile, load_bundle};
use crate::digest::Digest;
use crate::error::Result;

/// How long after a file last changed its metadata is trusted to show every change.
pub const TRUSTED_AGE: Duration = Duration::from_secs(2);

/// A parsed content file.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A briefing (boxed: far larger than the others).
    Article(Box<Article>),
    /// A person profile.
    Person(PersonProfile),
    /// A country note.
    Country(CountryNote),
}

/// What is known of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Size, modification time, inode and status-change time.
    pub metadata: [u64; 5],
    /// When these were recorded.
    pub recorded: SystemTime,
    /// When the file last changed, by its times.
    pub changed: SystemTime,
}

/// One parsed file.
#[derive(Debug, Clone)]
pub struct CachedFile {
    /// Its metadata when it was last read or checked.
    pub stamp: Option<FileStamp>,
    /// The digest of its bytes.
    pub digest: u128,
    /// What it parsed to.
    pub parsed: Parsed,
}

/// Parsed files by path, and how many of the last load's files were read and parsed.
#[derive(Debug, Clone, Default)]
pub struct ContentCache {
    files: HashMap<PathBuf, CachedFile>,
    /// Files read by the last load.
    pub read: usize,
    /// Files parsed by the last load.
    pub parsed: usize,
}

impl ContentCache {
    /// A cache holding `files`.
    pub fn from_entries(files: HashMap<PathBuf, CachedFile>) -> ContentCache {
        ContentCache {
            files,
            ..ContentCache::default()
        }
    }

    /// Every file kept, by path.
    pub fn entries(&self) -> &HashMap<PathBuf, CachedFile> {
        &self.files
    }

    /// The entry for `path`, if it is still what the file holds. `None` also when
    /// reading or parsing must happen; `Err` when the file cannot be read.
    pub(super) fn lookup(
        &self,
        path: &Path,
        parse: impl FnOnce(&str) -> Result<Parsed>,
    ) -> Result<Lookup> {
        let stamp = file_stamp(path);
        let cached = self.files.get(path);
        if let (Some(cached), Some(now)) = (cached, stamp)
            && let Some(before) = cached.stamp
            && before.metadata == now.metadata
            && before
                .recorded
                .duration_since(before.changed)
                .unwrap_or_default()
                >= TRUSTED_AGE
        {
            let parsed = refresh_bundle(&cached.parsed)?;
            return Ok(Lookup::Kept(CachedFile {
                stamp: Some(before),
                digest: cached.digest,
                parsed,
            }));
        }
        let text = crate::fs::read_to_string(path)?;
        let digest = Digest::new().str(&text).finish();
        if let Some(cached) = cached
            && cached.digest == digest
        {
            let parsed = refresh_bundle(&cached.parsed)?;
            return Ok(Lookup::Read(CachedFile {
                stamp,
                digest,
                parsed,
            }));
        }
        let parsed = parse(&text)?;
        Ok(Lookup::Parsed(CachedFile {
            stamp,
            digest,
            parsed,
        }))
    }

    /// Replaces the cache's files with `files`, counting how they were found.
    pub(super) fn replace(&mut self, files: Vec<(PathBuf, Lookup)>) {
        self.read = 0;
        self.parsed = 0;
        self.files = files
            .into_iter()
            .map(|(path, lookup)| {
                let file = match lookup {
                    Lookup::Kept(file) => file,
                    Lookup::Read(file) => {
                        self.read += 1;
                        file
                    }
                    Lookup::Parsed(file) => {
                        self.read += 1;
                        self.parsed += 1;
                        file
                    }
                };
                (path, file)
            })
            .collect();
    }
}

/// How a file was found.
pub(super) enum Lookup {
    /// Unchanged by its metadata: not read.
    Kept(CachedFile),
    /// Read, and its bytes were unchanged.
    Read(CachedFile),
    /// Read and parsed.
    Parsed(CachedFile),
}

impl Lookup {
    pub(super) fn file(&self) -> &CachedFile {
        match self {
            Lookup::Kept(file) | Lookup::Read(file) | Lookup::Parsed(file) => file,
        }
    }
}

/// A cached article with its bundle listed again.
fn refresh_bundle(parsed: &Parsed) -> Result<Parsed> {
    let mut parsed = parsed.clone();
    if let Parsed::Article(article) = &mut parsed
        && article.bundle.is_some()
    {
        article.bundle = load_bundle(&article.source_path)?;
    }
    Ok(parsed)
}

/// The metadata of the file at `path`, if it is there.
pub fn file_stamp(path: &Path) -> Option<FileStamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let nanos = |time: SystemTime| {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64)
    };
    let mut changed = modified;
    let mut stamp = [metadata.len(), nanos(modified), 0, 0, 0];
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        stamp[2] = metadata.ino();
        stamp[3] = metadata.ctime() as u64;
        stamp[4] = metadata.ctime_nsec() as u64;
        let status_changed = SystemTime::UNIX_EPOCH
            + Duration::new(metadata.ctime().max(0) as u64, metadata.ctime_nsec() as u32);
        changed = changed.max(status_changed);
    }
    Some(FileStamp {
        metadata: stamp,
        recorded: SystemTime::now(),
        changed,
    })
}
