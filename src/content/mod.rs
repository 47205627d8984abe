//! Disk -> content: finds the site's Markdown files, splits and validates their front
//! matter, and returns plain values ([`Article`], [`PersonProfile`], [`CountryNote`]).
//!
//! Files are read and parsed in parallel, each at most once; a file the cache knows
//! unchanged is not read at all (see [`ContentCache`]). Problems in one file never
//! stop the others: every error of every file is collected and returned together. This
//! stage does not resolve names to countries or people (that is `index`) and does not
//! render Markdown (that is `markdown`).

mod article;
mod bundle;
mod cache;
mod date;
mod entity_file;
mod sources;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use rayon::prelude::*;

use crate::error::{Error, Result, SourceLocation};
use crate::front_matter::split_front_matter;
use crate::fs;

pub use article::{Article, ArticleSource, parse_article};
pub use bundle::{Bundle, is_bundle_index, load_bundle};
pub use cache::{CachedFile, ContentCache, Parsed};
pub use entity_file::{CountryNote, Link, PersonProfile, parse_country_note, parse_person_profile};
use sources::Kind;
pub use sources::{Sources, list_sources};

/// What every kind of content file has: a source path and a Markdown body that starts
/// on a known line of it.
pub trait ContentFile: Clone + Send {
    /// The file, named as in messages.
    fn source_path(&self) -> &Path;
    /// The file line on which the body starts.
    fn body_line(&self) -> usize;
    /// The Markdown body; empty while it is unread.
    fn body(&self) -> &str;
    /// The Markdown body, to take or replace.
    fn body_mut(&mut self) -> &mut String;
    /// A digest of the body, known also while it is unread.
    fn body_digest(&self) -> u128;
    /// Whether the body was left unread: the file is as the cache knew it, and only
    /// [`read_bodies`] reads it, for a body that must be rendered again.
    fn body_unread(&self) -> bool;
    /// Gives the file its body, read.
    fn set_body(&mut self, body: String);
    /// Leaves the body unread.
    fn leave_body_unread(&mut self);
    /// Every place in the file that its front matter names, each naming the file.
    fn locations_mut(&mut self) -> impl Iterator<Item = &mut SourceLocation>;
}

macro_rules! content_file {
    ($($kind:ty),*) => {$(
        impl ContentFile for $kind {
            fn source_path(&self) -> &Path {
                &self.source_path
            }
            fn body_line(&self) -> usize {
                self.body_line
            }
            fn body(&self) -> &str {
                &self.body
            }
            fn body_mut(&mut self) -> &mut String {
                &mut self.body
            }
            fn body_digest(&self) -> u128 {
                self.body_digest
            }
            fn body_unread(&self) -> bool {
                self.body_unread
            }
            fn set_body(&mut self, body: String) {
                self.body = body;
                self.body_unread = false;
            }
            fn leave_body_unread(&mut self) {
                self.body = String::new();
                self.body_unread = true;
            }
            fn locations_mut(&mut self) -> impl Iterator<Item = &mut SourceLocation> {
                self.front_matter_locations()
            }
        }
    )*};
}

/// The digest [`ContentFile::body_digest`] gives of a body.
fn body_digest(body: &str) -> u128 {
    crate::digest::Digest::new().str(body).finish()
}
content_file!(Article, PersonProfile, CountryNote);

/// A copy of `file` that takes its body, leaving `file` without one, as the cache
/// keeps it: its locations without the path of the file they all name, which the
/// copy is given. A site's locations are most of its cached bytes otherwise.
fn take_body<T: ContentFile>(file: &mut T) -> T {
    let body = std::mem::take(file.body_mut());
    let path = file.source_path().to_path_buf();
    for location in file.locations_mut() {
        // By bytes: a path compared as a `Path` is parsed into components.
        if location.path.as_os_str() == path.as_os_str() {
            location.path = PathBuf::new();
        }
    }
    let mut copy = file.clone();
    *copy.body_mut() = body;
    for location in copy.locations_mut() {
        if location.path.as_os_str().is_empty() {
            location.path.clone_from(&path);
        }
    }
    copy
}

impl Article {
    fn front_matter_locations(&mut self) -> impl Iterator<Item = &mut SourceLocation> {
        let names = self.countries.iter_mut().chain(&mut self.people);
        let names = names.chain(&mut self.tags).map(|name| &mut name.location);
        std::iter::once(&mut self.date_location).chain(names)
    }
}

impl PersonProfile {
    fn front_matter_locations(&mut self) -> impl Iterator<Item = &mut SourceLocation> {
        let names = std::iter::once(&mut self.name).chain(&mut self.aliases);
        names
            .chain(&mut self.country)
            .map(|name| &mut name.location)
    }
}

impl CountryNote {
    fn front_matter_locations(&mut self) -> impl Iterator<Item = &mut SourceLocation> {
        let names = std::iter::once(&mut self.name).chain(&mut self.aliases);
        names.map(|name| &mut name.location)
    }
}

/// A name as written in front matter, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NameRef {
    /// The name exactly as written.
    pub name: String,
    /// Where it was written.
    pub location: crate::error::SourceLocation,
}

/// Everything a site's `content/` folder holds.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Briefings, in the order of their source paths (drafts only when asked for).
    pub articles: Vec<Article>,
    /// Person profiles from `content/people/`.
    pub people: Vec<PersonProfile>,
    /// Country notes from `content/countries/`.
    pub countries: Vec<CountryNote>,
}

/// How content is loaded.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Keep articles marked `draft: true`.
    pub include_drafts: bool,
    /// The site's time zone, in which dates without an offset are read.
    pub time_zone: TimeZone,
}

/// Loads and validates every content file under `site_dir/content`.
///
/// Paths in errors and in the returned values start with `site_dir` as given. A file with
/// errors is left out of the content and its errors are returned beside it, so later
/// stages can still check the rest and one run reports every problem.
pub fn load_content(site_dir: &Path, options: &LoadOptions) -> (Content, Vec<Error>) {
    load_content_cached(
        list_sources(site_dir, None),
        options,
        &mut ContentCache::default(),
    )
}

/// [`load_content`] from `sources`, reading only the files whose stamp changed since
/// `cache` was filled and parsing only those whose bytes changed; afterwards `cache`
/// holds this content's files. Bodies of files not read are left unread.
pub fn load_content_cached(
    sources: Sources,
    options: &LoadOptions,
    cache: &mut ContentCache,
) -> (Content, Vec<Error>) {
    let Sources { files, mut errors } = sources;
    let time_zone = &options.time_zone;
    cache.made_with(
        crate::digest::Digest::new()
            .str(time_zone.iana_name().unwrap_or_default())
            .debug(&time_zone.to_fixed_offset().ok())
            .finish(),
    );
    let mut previous = cache.take_files();
    let files: Vec<(PathBuf, Kind, Option<u128>, Option<CachedFile>)> = files
        .into_iter()
        .map(|(path, kind, stamp)| {
            let kept = previous.get_mut(&path).and_then(Option::take);
            (path, kind, stamp, kept)
        })
        .collect();
    // Each file's body is taken for the content in parallel too: that copies every
    // file's front matter, which the cache keeps.
    let loaded: Vec<Result<(Loaded, cache::Kept)>> = files
        .into_par_iter()
        .map(|(path, kind, stamp, kept)| {
            let found = cache::lookup(&path, stamp, kept, |text| {
                Ok(match kind {
                    Kind::Article => {
                        Parsed::Article(Box::new(load_article(text, &path, time_zone)?))
                    }
                    Kind::Person => Parsed::Person(parse_person_profile(text, &path)?),
                    Kind::Country => Parsed::Country(parse_country_note(text, &path)?),
                })
            });
            let (mut file, parsed) = found?.into_file();
            let loaded = match &mut file.parsed {
                Parsed::Article(article) if options.include_drafts || !article.draft => {
                    Loaded::Article(Box::new(take_body(article.as_mut())))
                }
                Parsed::Article(_) => Loaded::Draft,
                Parsed::Person(profile) => Loaded::Person(take_body(profile)),
                Parsed::Country(note) => Loaded::Country(take_body(note)),
            };
            Ok((loaded, (path, file, parsed)))
        })
        .collect();
    let mut content = Content::default();
    content.articles.reserve(loaded.len());
    let mut kept = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok((loaded, file)) => {
                match loaded {
                    Loaded::Article(article) => content.articles.push(*article),
                    Loaded::Person(profile) => content.people.push(profile),
                    Loaded::Country(note) => content.countries.push(note),
                    Loaded::Draft => {}
                }
                kept.push(file);
            }
            Err(error) => errors.push(error),
        }
    }
    cache.replace(kept);
    (content, errors)
}

/// The body of a content file that holds `text`: the text itself, with its front
/// matter cut off in place, so no second copy of a site's text is made.
fn into_body(mut text: String, path: &Path) -> Result<String> {
    let start = text.len() - split_front_matter(&text, path)?.body.len();
    text.drain(..start);
    Ok(text)
}

/// Reads the bodies left unread of the files at `paths`. A file that can no longer be
/// read, or whose body is no longer where its front matter ended, is an error; a file
/// changed since it was listed gives its new body, and the next build reads it all.
pub fn read_bodies(content: &mut Content, paths: &HashSet<PathBuf>) -> Vec<Error> {
    fn read<T: ContentFile>(items: &mut [T], paths: &HashSet<PathBuf>) -> Vec<Error> {
        items
            .par_iter_mut()
            .filter(|item| item.body_unread() && paths.contains(item.source_path()))
            .filter_map(|item| {
                let path = item.source_path();
                let read = fs::read_to_string(path).and_then(|text| into_body(text, path));
                match read {
                    Ok(body) => {
                        item.set_body(body);
                        None
                    }
                    Err(error) => Some(error),
                }
            })
            .collect()
    }
    let mut errors = read(&mut content.articles, paths);
    errors.extend(read(&mut content.people, paths));
    errors.extend(read(&mut content.countries, paths));
    errors
}

/// A content file as the content gets it: with its body, unless it is a draft left out.
enum Loaded {
    Article(Box<Article>),
    Person(PersonProfile),
    Country(CountryNote),
    Draft,
}

/// Parses the article `text` read from `path` and, if it is a bundle, lists the files
/// beside it.
pub fn load_article(text: &str, path: &Path, time_zone: &TimeZone) -> Result<Article> {
    let mut article = parse_article(text, path, time_zone)?;
    article.bundle = load_bundle(path)?;
    Ok(article)
}
