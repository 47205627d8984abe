//! The build cache on disk: what one build parsed and rendered, for the next.
//!
//! One file, `build.bin`, in the cache folder (by default `.NAME.cache` beside the
//! output folder `NAME`, beside the image variants in `images/` and the page store in
//! `pages/`, see [`crate::output::PageStore`]). It starts with a
//! header naming the format, the version of briefing and a digest of the program
//! that wrote it, then a digest of the rest: a cache from another program, or one
//! that was damaged, is ignored, and the build is a cold one. It is written to a
//! temporary file and renamed into place, so a build that is stopped leaves the
//! previous cache or the new one, never half of either.

use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::content::{CachedFile, ContentCache};
use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::markdown::{BodyCache, CachedBody};
use crate::output::Written;

/// The layout of `build.bin`; a change to it, or to any type kept in it, changes this.
pub const FORMAT: u32 = 3;

/// The first bytes of `build.bin`.
const MAGIC: &[u8] = b"briefing build cache\n";

/// The file in the cache folder.
const FILE: &str = "build.bin";

/// What a build keeps for the next.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Parsed content files.
    pub content: ContentCache,
    /// Rendered bodies.
    pub bodies: BodyCache,
    /// Every page with a key, by its file in the output folder.
    pub pages: HashMap<PathBuf, PageRecord>,
}

/// What a page was made from and what it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRecord {
    /// Its key (see [`crate::render::PageKeys`]).
    pub key: u128,
    /// Its file as the output's manifest records it, and the page store its copy.
    pub file: Written,
}

#[derive(Deserialize)]
struct Stored {
    made_with: u128,
    files: HashMap<PathBuf, CachedFile>,
    bodies: Vec<((u64, u64), CachedBody)>,
    pages: HashMap<PathBuf, PageRecord>,
}

/// [`Stored`] as written: borrowed from the caches, not copied.
#[derive(Serialize)]
struct Storing<'a> {
    made_with: u128,
    files: &'a HashMap<PathBuf, CachedFile>,
    bodies: Vec<((u64, u64), &'a CachedBody)>,
    pages: &'a HashMap<PathBuf, PageRecord>,
}

/// The cache in `dir`, or an empty one when there is none that this program wrote
/// intact. It is decoded as it is read, and its digest checked at the end.
pub fn load(dir: &Path) -> BuildCache {
    let Ok(file) = std::fs::File::open(dir.join(FILE)) else {
        return BuildCache::default();
    };
    let mut reader = Hashing {
        inner: BufReader::with_capacity(1 << 16, file),
        digest: Digest::new(),
    };
    let expected = header();
    let mut found = vec![0; expected.len()];
    if reader.inner.read_exact(&mut found).is_err() || found != expected {
        return BuildCache::default();
    }
    let Ok(stored) = rmp_serde::from_read::<_, Stored>(&mut reader) else {
        return BuildCache::default();
    };
    let mut checksum = [0; 16];
    let intact = reader.inner.read_exact(&mut checksum).is_ok()
        && u128::from_le_bytes(checksum) == reader.digest.finish()
        && reader.inner.read(&mut [0]).is_ok_and(|more| more == 0);
    if !intact {
        return BuildCache::default();
    }
    let bodies = stored
        .bodies
        .into_iter()
        .map(|((high, low), body)| ((u128::from(high) << 64) | u128::from(low), body))
        .collect();
    BuildCache {
        content: ContentCache::from_entries(stored.files, stored.made_with),
        bodies: BodyCache::from_entries(bodies),
        pages: stored.pages,
    }
}

/// Writes `cache` into `dir`, replacing what was there: the header, the cache, then
/// the digest of the cache.
pub fn save(dir: &Path, cache: &BuildCache) -> Result<()> {
    let stored = Storing {
        made_with: cache.content.made_with,
        files: cache.content.entries(),
        bodies: cache
            .bodies
            .entries()
            .iter()
            .map(|(key, body)| (((key >> 64) as u64, *key as u64), body))
            .collect(),
        pages: &cache.pages,
    };
    crate::fs::create_dir_all(dir)?;
    let path = dir.join(FILE);
    let temporary = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|file| {
        let mut writer = BufWriter::with_capacity(1 << 16, file);
        writer.write_all(&header())?;
        let mut hashing = Hashing {
            inner: writer,
            digest: Digest::new(),
        };
        rmp_serde::encode::write(&mut hashing, &stored).map_err(std::io::Error::other)?;
        let Hashing { mut inner, digest } = hashing;
        inner.write_all(&digest.finish().to_le_bytes())?;
        // Not synced, like the output: after a crash the file may be cut short, and a
        // cache cut short fails its digest and is ignored.
        inner.flush()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temporary, &path));
    renamed.map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        Error::io("could not write the build cache", &path, error)
    })
}

/// A reader or writer that digests every byte passing through it.
struct Hashing<T> {
    inner: T,
    digest: Digest,
}

impl<T: Read> Read for Hashing<T> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let count = self.inner.read(buffer)?;
        self.digest.feed(&buffer[..count]);
        Ok(count)
    }
}

impl<T: Write> Write for Hashing<T> {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        let count = self.inner.write(buffer)?;
        self.digest.feed(&buffer[..count]);
        Ok(count)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The header of a cache this program writes: the format, the version and a digest
/// of the program itself, so a build of other code never trusts what this one made.
fn header() -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend(FORMAT.to_le_bytes());
    header.extend(env!("CARGO_PKG_VERSION").as_bytes());
    header.push(b'\n');
    header.extend(program_digest().to_le_bytes());
    header
}

/// A digest of the running program's file; zero when it cannot be read, which still
/// tells builds of different versions apart by the version in the header. The file is
/// read through one small buffer: read whole, a program with its debug information
/// would cost a build a tenth of a second in fresh memory alone.
fn program_digest() -> u128 {
    static DIGEST: OnceLock<u128> = OnceLock::new();
    *DIGEST.get_or_init(|| {
        let mut hashing = Hashing {
            inner: std::io::sink(),
            digest: Digest::new(),
        };
        let read = std::env::current_exe()
            .and_then(std::fs::File::open)
            .and_then(|file| {
                std::io::copy(&mut BufReader::with_capacity(1 << 20, file), &mut hashing)
            });
        read.map_or(0, |_| hashing.digest.finish())
    })
}
