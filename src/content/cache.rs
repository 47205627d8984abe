//! Content files kept parsed from one load to the next.
//!
//! Every file is read on every load (a site's Markdown is read in a fraction of the
//! time it takes to parse it, and in CI every file is new to the disk anyway), and
//! parsed again only when its bytes changed. The cache keeps each file's front matter
//! parsed, without its body, which the file just read supplies: a cache of a large
//! site does not hold, or write to disk, a second copy of every text.
//!
//! A bundle's files are listed again on every load, since they change without its
//! `index.md` changing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Article, ContentFile, CountryNote, PersonProfile, load_bundle};
use crate::digest::Digest;
use crate::error::Result;
use crate::front_matter::split_front_matter;

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
    /// What it parsed to; in the cache, without its body.
    pub parsed: Parsed,
}

/// Parsed files by path, and how many of the last load's files were read and parsed.
#[derive(Debug, Clone, Default)]
pub struct ContentCache {
    files: HashMap<PathBuf, CachedFile>,
    /// A digest of the settings the files were parsed with (the time zone dates
    /// without an offset are read in).
    pub made_with: u128,
    /// Files parsed by the last load.
    pub parsed: usize,
}

impl ContentCache {
    /// A cache holding `files`, parsed with the settings of digest `made_with`.
    pub fn from_entries(files: HashMap<PathBuf, CachedFile>, made_with: u128) -> ContentCache {
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
            self.files.clear();
            self.made_with = settings;
        }
    }

    /// Every file kept, by path.
    pub fn entries(&self) -> &HashMap<PathBuf, CachedFile> {
        &self.files
    }

    /// Takes out every file kept, by path, for [`lookup`] to use and [`Self::replace`]
    /// to put back.
    pub(super) fn take_files(&mut self) -> HashMap<PathBuf, CachedFile> {
        std::mem::take(&mut self.files)
    }

    /// Replaces the cache's files with `files`, whose bodies the content took,
    /// counting how many were parsed.
    pub(super) fn replace(&mut self, files: Vec<(PathBuf, CachedFile, bool)>) {
        self.parsed = files.iter().filter(|(_, _, parsed)| *parsed).count();
        self.files = files
            .into_iter()
            .map(|(path, file, _)| (path, file))
            .collect();
    }
}

impl Parsed {
    /// Gives the file its Markdown body.
    fn set_body(&mut self, body: String) {
        let slot = match self {
            Parsed::Article(article) => article.body_mut(),
            Parsed::Person(profile) => profile.body_mut(),
            Parsed::Country(note) => note.body_mut(),
        };
        *slot = body;
    }
}

/// The file at `path`, which holds `text`, parsed by `parse` unless `kept`, what the
/// cache held for it, was parsed from the same bytes. A kept file's body is `text`
/// with its front matter cut off in place: no second copy of a site's text is made.
pub(super) fn lookup(
    path: &Path,
    mut text: String,
    kept: Option<CachedFile>,
    parse: impl FnOnce(&str) -> Result<Parsed>,
) -> Result<Lookup> {
    let digest = Digest::new().str(&text).finish();
    if let Some(mut cached) = kept.filter(|cached| cached.digest == digest) {
        let body_start = text.len() - split_front_matter(&text, path)?.body.len();
        text.drain(..body_start);
        cached.parsed.set_body(text);
        refresh_bundle(&mut cached.parsed)?;
        return Ok(Lookup::Kept(cached));
    }
    let parsed = parse(&text)?;
    Ok(Lookup::Parsed(CachedFile { digest, parsed }))
}

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
