//! Content files kept parsed from one load to the next.
//!
//! A file whose [stamp](crate::fs::stamp) is the one it had when the cache last read
//! it, and had settled then, is not read: its front matter is the cache's, and its
//! body is left unread until a body that must be rendered again needs its text (see
//! [`super::read_bodies`]). Any other file is read, and parsed again only when its
//! bytes changed (a CI checkout gives every file new times, and a file written again
//! with the same bytes keeps its parse). The cache keeps each file's front matter
//! parsed, without its body: a cache of a large site does not hold, or write to disk,
//! a second copy of every text.
//!
//! A bundle's files are listed again on every load, since they change without its
//! `index.md` changing.

use std::path::{Path, PathBuf};

use super::{Article, ContentFile, CountryNote, PersonProfile, into_body, load_bundle};
use crate::digest::Digest;
use crate::error::Result;
use crate::paths::PathTable;

/// A parsed content file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Parsed {
    /// A briefing (boxed: far larger than the others).
    Article(Box<Article>),
    /// A person profile.
    Person(PersonProfile),
    /// A country note.
    Country(CountryNote),
}

/// One parsed file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CachedFile {
    /// The digest of its bytes.
    pub digest: u128,
    /// A digest of its stamp when it was read, if it had settled then.
    pub stamp: Option<u128>,
    /// What it parsed to; in the cache, without its body.
    pub parsed: Parsed,
}

/// Parsed files by path, and how many of the last load's files were read and parsed.
#[derive(Debug, Clone, Default)]
pub struct ContentCache {
    files: PathTable<CachedFile>,
    /// A digest of the settings the files were parsed with (the time zone dates
    /// without an offset are read in).
    pub made_with: u128,
    /// Files parsed by the last load.
    pub parsed: usize,
}

impl ContentCache {
    /// A cache holding `files`, parsed with the settings of digest `made_with`.
    pub fn from_entries(files: PathTable<CachedFile>, made_with: u128) -> ContentCache {
        ContentCache {
            files,
            made_with,
            ..ContentCache::default()
        }
    }

    /// Forgets every file unless they were parsed with the settings of digest
    /// `settings`, and remembers those settings.
    pub(super) fn made_with(&mut self, settings: u128) {
        if self.made_with != settings {
            self.files = PathTable::default();
            self.made_with = settings;
        }
    }

    /// Every file kept, by path.
    pub fn entries(&self) -> &PathTable<CachedFile> {
        &self.files
    }

    /// Takes out every file kept, for [`lookup`] to use (each taken out of its
    /// `Option`) and [`Self::replace`] to put back.
    pub(super) fn take_files(&mut self) -> PathTable<Option<CachedFile>> {
        let files = std::mem::take(&mut self.files).into_entries().into_iter();
        files.map(|(path, file)| (path, Some(file))).collect()
    }

    /// Replaces the cache's files with `files`, whose bodies the content took,
    /// counting how many were parsed.
    pub(super) fn replace(&mut self, files: Vec<Kept>) {
        self.parsed = files.iter().filter(|(_, _, parsed)| *parsed).count();
        self.files = (files.into_iter())
            .map(|(path, file, _)| (path, file))
            .collect();
    }
}

impl Parsed {
    /// Gives the file its body, read.
    fn set_body(&mut self, body: String) {
        match self {
            Parsed::Article(article) => article.set_body(body),
            Parsed::Person(profile) => profile.set_body(body),
            Parsed::Country(note) => note.set_body(body),
        }
    }

    /// Leaves the file's body unread.
    fn leave_body_unread(&mut self) {
        match self {
            Parsed::Article(article) => article.leave_body_unread(),
            Parsed::Person(profile) => profile.leave_body_unread(),
            Parsed::Country(note) => note.leave_body_unread(),
        }
    }
}

/// The file at `path`, found with `stamp` (a digest of it, if it had settled), from
/// `kept`, what the cache held for it, when it is as the cache knew it: without
/// reading it, when its stamp is the one the cache recorded; else read, and parsed by
/// `parse` unless its bytes are the ones the cache parsed.
pub(super) fn lookup(
    path: &Path,
    stamp: Option<u128>,
    mut kept: Option<CachedFile>,
    parse: impl FnOnce(&str) -> Result<Parsed>,
) -> Result<Lookup> {
    if let Some(mut cached) = kept.take_if(|cached| stamp.is_some() && cached.stamp == stamp) {
        cached.parsed.leave_body_unread();
        refresh_bundle(&mut cached.parsed)?;
        return Ok(Lookup::Kept(cached));
    }
    let text = crate::fs::read_to_string(path)?;
    let digest = Digest::new().str(&text).finish();
    if let Some(mut cached) = kept.filter(|cached| cached.digest == digest) {
        cached.stamp = stamp;
        cached.parsed.set_body(into_body(text, path)?);
        refresh_bundle(&mut cached.parsed)?;
        return Ok(Lookup::Kept(cached));
    }
    let parsed = parse(&text)?;
    Ok(Lookup::Parsed(CachedFile {
        digest,
        stamp,
        parsed,
    }))
}

/// A file the cache keeps, with its path and whether this load parsed it.
pub(super) type Kept = (PathBuf, CachedFile, bool);

/// How a file was found.
pub(super) enum Lookup {
    /// Its bytes were unchanged: not parsed.
    Kept(CachedFile),
    /// Parsed.
    Parsed(CachedFile),
}

impl Lookup {
    /// The file, and whether it was parsed.
    pub(super) fn into_file(self) -> (CachedFile, bool) {
        match self {
            Lookup::Kept(file) => (file, false),
            Lookup::Parsed(file) => (file, true),
        }
    }
}

/// A cached article with its bundle listed again.
fn refresh_bundle(parsed: &mut Parsed) -> Result<()> {
    if let Parsed::Article(article) = parsed
        && article.bundle.is_some()
    {
        article.bundle = load_bundle(&article.source_path)?;
    }
    Ok(())
}
