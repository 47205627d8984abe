//! Which files of `content/` are content, listed with their stamps before any is read.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::fs::{self, Stamp, Stamps};
use crate::paths::path_order;

/// Which kind of content a file holds, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Article,
    Person,
    Country,
}

/// The folders of `content/`: the kind of file each holds, and whether files in its
/// subfolders count.
const FOLDERS: [(&str, Kind, bool); 3] = [
    ("articles", Kind::Article, true),
    ("people", Kind::Person, false),
    ("countries", Kind::Country, false),
];

/// The content files of a site as listed on disk, each with its stamp, not yet read:
/// listing them needs nothing else, so a build lists them while it loads its cache.
#[derive(Debug)]
pub struct Sources {
    /// Each file, named as in messages, with a digest of its stamp if it had settled
    /// when it was listed; each folder's files in [`path_order`].
    pub(super) files: Vec<(PathBuf, Kind, Option<u128>)>,
    pub(super) errors: Vec<Error>,
}

/// Lists every content file under `site_dir/content` with its stamp. Where `known`
/// holds the files of `content/` (a fingerprint read them), they and their stamps are
/// taken from it; else the folders are walked and every file stamped now. Folders that
/// cannot be read are reported.
pub fn list_sources(site_dir: &Path, known: Option<&Stamps>) -> Sources {
    let content_dir = fs::site_path(site_dir, "content");
    let listed = known.map_or_else(SystemTime::now, Stamps::read_at);
    let settled = |stamp: Option<&Stamp>| {
        stamp
            .filter(|(_, changed)| {
                listed.duration_since(*changed).unwrap_or_default() >= fs::SETTLE_TIME
            })
            .map(|(stamp, _)| crate::digest::Digest::new().bytes(stamp).finish())
    };
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for (folder, kind, recursive) in FOLDERS {
        let dir = content_dir.join(folder);
        if let Some(known) = known {
            files.extend(known.files().filter_map(|(file, stamp)| {
                let relative = file.strip_prefix(folder).ok()?;
                is_content_file(relative, recursive)
                    .then(|| (dir.join(relative), kind, settled(stamp)))
            }));
            continue;
        }
        match markdown_files(&dir, recursive) {
            Ok(paths) => files.par_extend(paths.into_par_iter().map(|path| {
                let stamp = settled(fs::stamp(&path).as_ref());
                (path, kind, stamp)
            })),
            Err(error) => errors.push(error),
        }
    }
    Sources { files, errors }
}

/// Whether the file at `relative` in a folder of `content/` is a content file: a `.md`
/// file, directly in the folder unless `recursive`, and not hidden (no name on its way
/// starts with `.`, as editors' lock and swap files do).
fn is_content_file(relative: &Path, recursive: bool) -> bool {
    let hidden = |name: &std::ffi::OsStr| name.as_encoded_bytes().first() == Some(&b'.');
    let mut names = relative.iter();
    let depth = names.clone().count();
    (recursive || depth == 1)
        && relative
            .extension()
            .is_some_and(|extension| extension == "md")
        && !names.any(hidden)
}

/// The content files in `dir` ([`is_content_file`]), in [`path_order`] so runs are
/// deterministic.
fn markdown_files(dir: &Path, recursive: bool) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut walker = WalkDir::new(dir).min_depth(1);
    if !recursive {
        walker = walker.max_depth(1);
    }
    let mut paths = Vec::new();
    // Hidden folders are not entered.
    let entries = walker
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("could not read folder", &path, e.into())
        })?;
        let path = entry.path();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        if entry.file_type().is_file() && is_content_file(relative, recursive) {
            paths.push(path.to_path_buf());
        }
    }
    paths.sort_by_cached_key(|path| path_order(path));
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of `sources` of one kind.
    fn of_kind(sources: &Sources, wanted: Kind) -> Vec<&Path> {
        (sources.files.iter())
            .filter(|(_, kind, _)| *kind == wanted)
            .map(|(path, _, _)| path.as_path())
            .collect()
    }

    #[test]
    fn content_files_are_the_same_listed_or_taken_from_a_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        for file in [
            "articles/2024/01/a.md",
            "articles/b.md",
            "articles/notes.txt",
            "articles/.a.md.swp",
            "articles/.drafts/hidden.md",
            "articles/2024/.c.md",
            "people/wang-yi.md",
            "people/old/nested.md",
            "people/.lock.md",
            "countries/brazil.md",
            "articles.md",
        ] {
            fs::write(&site.join("content").join(file), b"x").unwrap();
        }
        let stamps = Stamps::read(&fs::site_path(site, "content")).unwrap();
        let listed = list_sources(site, None);
        assert!(listed.errors.is_empty());
        let taken = list_sources(site, Some(&stamps));
        assert!(taken.errors.is_empty());
        let paths = |sources: &Sources| -> Vec<(PathBuf, Kind)> {
            (sources.files.iter())
                .map(|(path, kind, _)| (path.clone(), *kind))
                .collect()
        };
        assert_eq!(paths(&taken), paths(&listed));
        let content = site.join("content");
        assert_eq!(
            of_kind(&listed, Kind::Article),
            [
                content.join("articles/2024/01/a.md"),
                content.join("articles/b.md")
            ]
        );
        assert_eq!(
            of_kind(&listed, Kind::Person),
            [content.join("people/wang-yi.md")]
        );
        assert_eq!(
            of_kind(&listed, Kind::Country),
            [content.join("countries/brazil.md")]
        );
    }
}
