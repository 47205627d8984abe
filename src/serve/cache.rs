//! Files of the site as last read: parsed once, read again only when their
//! modification time or size changes, or when a file event names them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::content::{Article, CountryNote, PersonProfile};
use crate::error::{Error, Result};
use crate::fs;

/// A file's modification time and size: when either changes, it is read again.
pub(super) type Stamp = (Option<SystemTime>, u64);

/// One parsed file, or why it could not be parsed.
pub(super) struct Cached<T> {
    stamp: Stamp,
    /// The parsed file, or the error text (which starts with `path:line:col`).
    pub(super) parsed: std::result::Result<T, String>,
}

/// The files that parsed, sorted by path, with the errors of those that did not.
pub(super) fn valid_content<'c>(
    articles_cache: &'c BTreeMap<PathBuf, Cached<Article>>,
    people_cache: &BTreeMap<PathBuf, Cached<PersonProfile>>,
    countries_cache: &BTreeMap<PathBuf, Cached<CountryNote>>,
    include_drafts: bool,
    errors: &mut Vec<Error>,
) -> (Vec<&'c Article>, Vec<PersonProfile>, Vec<CountryNote>) {
    // Cached errors keep their text, which starts with `path:line:col`.
    let mut note_error = |_: &Path, message: &str| errors.push(Error::Usage(message.into()));
    let mut articles = Vec::new();
    for (path, cached) in articles_cache {
        match &cached.parsed {
            Ok(article) if include_drafts || !article.draft => articles.push(article),
            Ok(_) => {}
            Err(message) => note_error(path, message),
        }
    }
    let mut people = Vec::new();
    for (path, cached) in people_cache {
        match &cached.parsed {
            Ok(profile) => people.push(profile.clone()),
            Err(message) => note_error(path, message),
        }
    }
    let mut countries = Vec::new();
    for (path, cached) in countries_cache {
        match &cached.parsed {
            Ok(note) => countries.push(note.clone()),
            Err(message) => note_error(path, message),
        }
    }
    (articles, people, countries)
}

/// Re-reads `keys`, files the cache already holds, and returns them.
pub(super) fn reread<T: Send>(
    cache: &mut BTreeMap<PathBuf, Cached<T>>,
    keys: &[PathBuf],
    parse: impl Fn(&str, &Path) -> Result<T> + Sync,
) -> HashSet<PathBuf> {
    let parsed: Vec<(PathBuf, Cached<T>)> = keys
        .par_iter()
        .map(|path| (path.clone(), read_file(path, &parse)))
        .collect();
    let read = parsed.iter().map(|(path, _)| path.clone()).collect();
    cache.extend(parsed);
    read
}

fn read_file<T>(path: &Path, parse: &impl Fn(&str, &Path) -> Result<T>) -> Cached<T> {
    let stamp = stamp(path);
    let parsed = fs::read_to_string(path)
        .and_then(|text| parse(&text, path))
        .map_err(|error| error.to_string());
    Cached { stamp, parsed }
}

/// Re-reads the files in `paths` whose stamp changed or that are in `forced`, drops
/// those no longer there, and returns the paths read or dropped.
pub(super) fn refresh<T: Send>(
    cache: &mut BTreeMap<PathBuf, Cached<T>>,
    paths: &[PathBuf],
    forced: &HashSet<PathBuf>,
    parse: impl Fn(&str, &Path) -> Result<T> + Sync,
) -> HashSet<PathBuf> {
    let present: HashSet<&PathBuf> = paths.iter().collect();
    let mut changed: HashSet<PathBuf> = cache
        .keys()
        .filter(|path| !present.contains(path))
        .cloned()
        .collect();
    cache.retain(|path, _| present.contains(path));
    let stale: Vec<(&PathBuf, Stamp)> = paths
        .iter()
        .map(|path| (path, stamp(path)))
        .filter(|(path, stamp)| {
            forced.contains(*path)
                || forced.iter().any(|changed| changed.ends_with(path))
                || cache.get(*path).is_none_or(|cached| cached.stamp != *stamp)
        })
        .collect();
    let parsed: Vec<(PathBuf, Cached<T>)> = stale
        .into_par_iter()
        .map(|(path, _)| (path.clone(), read_file(path, &parse)))
        .collect();
    changed.extend(parsed.iter().map(|(path, _)| path.clone()));
    cache.extend(parsed);
    changed
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(metadata) => (metadata.modified().ok(), metadata.len()),
        Err(_) => (None, 0),
    }
}
