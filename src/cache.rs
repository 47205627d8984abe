//! The build cache on disk: what one build parsed and rendered, for the next.
//!
//! Two files in the cache folder (by default `.NAME.cache` beside the output folder
//! `NAME`, beside the image variants in `images/` and the page store in `pages/`, see
//! [`crate::output::PageStore`]): `build.bin` holds the parsed content files and the
//! page records, `bodies.bin` the rendered bodies, most of the cache's bytes, with the
//! vocabulary their words are numbered in (see [`crate::markdown::Vocabulary`]). Bodies
//! are kept by a digest of everything they are made from, so any `bodies.bin` is right
//! beside any `build.bin`: it is written only when a build rendered or dropped a body,
//! which a change of titles, dates or names does not.
//!
//! Each file starts with a header naming the format, the version of briefing and a
//! digest of the program that wrote it, and ends with a digest of the rest: a file
//! from another program, or one that was damaged, is ignored, and what it held is
//! made again. Each is written to a temporary file and renamed into place, so a build
//! that is stopped leaves the previous file or the new one, never half of either.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::content::{CachedFile, ContentCache};
use crate::digest::Digest;
use crate::error::{Error, Result};
use crate::markdown::{BodyCache, CachedBody, Vocabulary};
use crate::output::Written;
use crate::paths::PathTable;

/// The layout of the cache's files; a change to it, or to any type kept in them,
/// changes this.
pub const FORMAT: u32 = 6;

/// The first bytes of each file.
const MAGIC: &[u8] = b"briefing build cache\n";

/// The file of content files and page records.
const FILE: &str = "build.bin";

/// The file of rendered bodies.
const BODIES: &str = "bodies.bin";

/// What a build keeps for the next.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Parsed content files.
    pub content: ContentCache,
    /// Rendered bodies.
    pub bodies: BodyCache,
    /// Every page with a key, by its file in the output folder.
    pub pages: PathTable<PageRecord>,
}

/// What a page was made from and what it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRecord {
    /// Its key (see [`crate::render::PageKeys`]).
    pub key: u128,
    /// Its file as the output's manifest records it, and the page store its copy.
    pub file: Written,
}

/// `build.bin`.
#[derive(Deserialize)]
struct Stored {
    made_with: u128,
    files: PathTable<CachedFile>,
    pages: PathTable<PageRecord>,
}

/// [`Stored`] as written: borrowed from the caches, not copied.
#[derive(Serialize)]
struct Storing<'a> {
    made_with: u128,
    files: &'a PathTable<CachedFile>,
    pages: &'a PathTable<PageRecord>,
}

/// `bodies.bin`: the vocabulary, its stale words (see [`BodyCache`]) and each body by
/// its key, in two halves (MessagePack has no 128-bit integers).
#[derive(Deserialize)]
struct StoredBodies {
    vocabulary: Vec<Box<str>>,
    stale: usize,
    bodies: Vec<((u64, u64), CachedBody)>,
}

/// [`StoredBodies`] as written.
#[derive(Serialize)]
struct StoringBodies<'a> {
    vocabulary: &'a [Box<str>],
    stale: usize,
    bodies: Vec<((u64, u64), &'a CachedBody)>,
}

/// Starts digesting the program (see [`program_digest`]) in the background, so that
/// [`load`], called later, need not wait for it: a build calls this first thing.
pub fn prepare() {
    rayon::spawn(|| {
        program_digest();
    });
}

/// The cache in `dir` but its bodies ([`load_bodies`]): what no file this program
/// wrote intact holds is empty. A build decodes the bodies beside this, and beside
/// loading the content, which does not need them.
pub fn load(dir: &Path) -> BuildCache {
    let (content, pages) = match read::<Stored>(&dir.join(FILE)) {
        Some(stored) => (
            ContentCache::from_entries(stored.files, stored.made_with),
            stored.pages,
        ),
        None => Default::default(),
    };
    BuildCache {
        content,
        bodies: BodyCache::default(),
        pages,
    }
}

/// The bodies of the cache in `dir`, empty unless this program wrote them intact.
pub fn load_bodies(dir: &Path) -> BodyCache {
    let bodies = read::<StoredBodies>(&dir.join(BODIES)).and_then(|stored| {
        let vocabulary = Vocabulary::from_words(stored.vocabulary)?;
        let bodies = (stored.bodies.into_iter())
            .map(|((high, low), body)| ((u128::from(high) << 64) | u128::from(low), body))
            .collect();
        Some(BodyCache::from_entries(bodies, vocabulary, stored.stale))
    });
    bodies.unwrap_or_default()
}

/// Writes `cache` into `dir`, replacing what was there; the bodies only when they
/// changed since the cache was loaded.
pub fn save(dir: &Path, cache: &BuildCache) -> Result<()> {
    crate::fs::create_dir_all(dir)?;
    let stored = Storing {
        made_with: cache.content.made_with,
        files: cache.content.entries(),
        pages: &cache.pages,
    };
    write(&dir.join(FILE), &stored)?;
    if cache.bodies.changed() {
        let (vocabulary, stale) = cache.bodies.vocabulary();
        let bodies = StoringBodies {
            vocabulary: vocabulary.words(),
            stale,
            bodies: (cache.bodies.entries().iter())
                .map(|(key, body)| (((key >> 64) as u64, *key as u64), body))
                .collect(),
        };
        write(&dir.join(BODIES), &bodies)?;
    }
    Ok(())
}

/// What the file at `path` holds, if this program wrote it and it is intact. It is
/// decoded as it is read, and its digest checked at the end. The digest is fed the
/// buffer's large reads, not the decoder's many small ones.
fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let mut file = std::fs::File::open(path).ok()?;
    let length = file.metadata().ok()?.len();
    let expected = header();
    let mut found = vec![0; expected.len()];
    if file.read_exact(&mut found).is_err() || found != expected {
        return None;
    }
    let value_length = length.checked_sub(expected.len() as u64 + 16)?;
    let hashing = Hashing {
        inner: (&mut file).take(value_length),
        digest: Digest::new(),
    };
    let mut reader = BufReader::with_capacity(1 << 16, hashing);
    let stored = rmp_serde::from_read::<_, T>(&mut reader).ok()?;
    // The value must end where the digest starts.
    if reader.read(&mut [0]).ok()? != 0 {
        return None;
    }
    let digest = reader.into_inner().digest.finish();
    let mut checksum = [0; 16];
    let intact = file.read_exact(&mut checksum).is_ok()
        && u128::from_le_bytes(checksum) == digest
        && file.read(&mut [0]).is_ok_and(|more| more == 0);
    intact.then_some(stored)
}

/// Writes `value` to `path`, replacing what was there: the header, the value, then the
/// digest of the value.
fn write<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!("{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(&header())?;
        let hashing = Hashing {
            inner: file,
            digest: Digest::new(),
        };
        let mut writer = BufWriter::with_capacity(1 << 16, hashing);
        rmp_serde::encode::write(&mut writer, value).map_err(std::io::Error::other)?;
        let Hashing { mut inner, digest } =
            writer.into_inner().map_err(|error| error.into_error())?;
        // Not synced, like the output: after a crash the file may be cut short, and a
        // file cut short fails its digest and is ignored.
        inner.write_all(&digest.finish().to_le_bytes())
    });
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    renamed.map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        Error::io("could not write the build cache", path, error)
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
