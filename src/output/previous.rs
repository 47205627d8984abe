//! The previous output, kept beside the output to stage the next build in.
//!
//! After the swap, the folder that was the output holds the site as it stood before the
//! build: the same files as the new output, hard links to them, except for those the
//! build changed. Removing it costs one unlink per file and folder of the site; instead,
//! it is kept as `.NAME.previous` with its manifest, and the next build stages into it.
//! That build removes from it what the new site does not have or what changed since it
//! was written, keeps every file that is still the output's file with the content the
//! new site wants there, and writes the rest: a site where one article changed is
//! staged with a few dozen writes rather than a link for every file.
//!
//! Nothing in it is trusted for its name: its folders are listed in full, so a file
//! added by hand is removed, and a file is kept only while its size and modification
//! time are those its manifest recorded with its hash.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{Files, Written, read_manifest, stamp_of};
use super::sibling;
use super::swap::remove_tree;
use crate::paths::PathTable;

/// The previous output, beside the output folder.
const FOLDER: &str = "previous";

/// Its manifest: the one the output had before the build that put it there.
const MANIFEST: &str = "previous.manifest";

/// The files the manifest of the previous output of `output_dir` records.
pub(super) fn recorded(output_dir: &Path) -> Files {
    read_manifest(&sibling(output_dir, MANIFEST))
}

/// Moves the previous output of `output_dir` to `staging_dir` (free) and prunes it
/// for the files at `paths` (see [`Prune`]), `current` being the output's manifest and
/// `recorded` what [`recorded`] read of the previous output's. Returns the files it
/// kept, or `None` when there is no previous output or it could not be used: then
/// `staging_dir` is to be cleared like any stale staging folder.
pub(super) fn take(
    output_dir: &Path,
    staging_dir: &Path,
    paths: &PathTable<(), &Path>,
    current: &Files,
    recorded: Files,
) -> Option<Files> {
    let previous = sibling(output_dir, FOLDER);
    let manifest = sibling(output_dir, MANIFEST);
    // Once its files change, the manifest no longer describes the folder: it goes
    // first, so a build stopped from here on leaves only a staging folder to clear.
    let _ = std::fs::remove_file(&manifest);
    if !previous.is_dir() || std::fs::rename(&previous, staging_dir).is_err() {
        return None;
    }
    let prune = Prune {
        root: staging_dir,
        recorded: &recorded,
        current,
        paths,
    };
    let (kept, _) = prune.folder(Path::new("")).ok()?;
    Some(kept.into_iter().collect())
}

/// Keeps `old`, the folder the output was before the swap, as the previous output,
/// with `manifest`, the output's manifest before the swap. Best effort: a folder that
/// cannot be kept is removed, now or by a later build.
pub(super) fn keep(output_dir: &Path, old: &Path, manifest: &Path) {
    let previous = sibling(output_dir, FOLDER);
    // A folder without a manifest was not written by a build (it was replaced with
    // `--replace-output`): its files go now.
    let kept = manifest.is_file()
        && remove_tree(&previous).is_ok()
        && std::fs::rename(old, &previous).is_ok()
        && std::fs::rename(manifest, sibling(output_dir, MANIFEST)).is_ok();
    if !kept {
        let _ = remove_tree(old);
    }
}

/// What of the previous output a staging folder may start from: a file at one of
/// `paths` that its manifest (`recorded`) records with the size and modification time
/// it still has, and that is the output's file too, as `current` records it. A file
/// that differs from the output's would go out with an older time than the file it
/// replaces, which sync tools that compare times pass over. Everything else goes, and
/// every folder left empty.
struct Prune<'a> {
    root: &'a Path,
    recorded: &'a Files,
    current: &'a Files,
    paths: &'a PathTable<(), &'a Path>,
}

impl Prune<'_> {
    /// Prunes `root/relative`, the subfolders of each folder in parallel (an output
    /// holds a folder for every page), each entry looked at through its folder's
    /// handle rather than by its whole path. Returns what was kept, and whether the
    /// folder is now empty.
    fn folder(&self, relative: &Path) -> std::io::Result<(Vec<(PathBuf, Written)>, bool)> {
        let dir = self.root.join(relative);
        let mut kept = Vec::new();
        let mut subfolders = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                subfolders.push(path);
            } else if let Some(written) = self.keeps(&path, &entry) {
                kept.push((path, written));
            } else {
                std::fs::remove_file(entry.path())?;
            }
        }
        let inner = subfolders
            .par_iter()
            .map(|folder| self.folder(folder))
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut empty = kept.is_empty();
        for ((files, folder_empty), folder) in inner.into_iter().zip(&subfolders) {
            kept.extend(files);
            if folder_empty {
                std::fs::remove_dir(self.root.join(folder))?;
            } else {
                empty = false;
            }
        }
        Ok((kept, empty))
    }

    /// What the file `entry` at `path` holds, if it is kept.
    fn keeps(&self, path: &Path, entry: &std::fs::DirEntry) -> Option<Written> {
        let written = self.recorded.get(path)?;
        let kept = self.paths.contains(path)
            && self.current.get(path) == Some(written)
            && entry.file_type().is_ok_and(|kind| kind.is_file())
            && entry.metadata().ok().and_then(|m| stamp_of(&m))
                == Some((written.size, written.modified));
        kept.then_some(*written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::{content_hash, stamp};

    fn written(file: &Path, contents: &[u8]) -> Written {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, contents).unwrap();
        let (size, modified) = stamp(file).unwrap();
        Written {
            hash: content_hash(contents),
            size,
            modified,
        }
    }

    fn prune(dir: &Path, recorded: &Files, current: &Files, paths: &[&str]) -> Vec<PathBuf> {
        let paths = paths.iter().map(|path| (Path::new(path), ())).collect();
        let prune = Prune {
            root: dir,
            recorded,
            current,
            paths: &paths,
        };
        let (kept, _) = prune.folder(Path::new("")).unwrap();
        let mut kept: Vec<PathBuf> = kept.into_iter().map(|(path, _)| path).collect();
        kept.sort();
        kept
    }

    /// Every file and folder under `dir`, folders ending in `/`.
    fn left(dir: &Path) -> Vec<String> {
        let mut left: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|entry| {
                let entry = entry.unwrap();
                let path = entry.path().strip_prefix(dir).unwrap().display();
                match entry.file_type().is_dir() {
                    true => format!("{path}/"),
                    false => path.to_string(),
                }
            })
            .collect();
        left.sort();
        left
    }

    #[test]
    fn only_files_wanted_and_unchanged_since_both_manifests_are_kept() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let recorded: Files = [
            "same/index.html",
            "unwanted/index.html",
            "edited.html",
            "replaced in the output.html",
            "a/b/c/deep.html",
        ]
        .into_iter()
        .map(|path| (PathBuf::from(path), written(&dir.join(path), b"page")))
        .collect();
        let mut current = recorded.clone();
        current
            .get_mut(Path::new("replaced in the output.html"))
            .unwrap()
            .hash ^= 1;
        std::fs::write(dir.join("edited.html"), b"Page").unwrap();
        std::fs::write(dir.join("added by hand.html"), b"page").unwrap();
        std::fs::create_dir_all(dir.join("empty/folder")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("same/index.html", dir.join("link.html")).unwrap();
        let wanted = [
            "same/index.html",
            "edited.html",
            "replaced in the output.html",
            "added by hand.html",
            "link.html",
            "new/index.html",
        ];

        let kept = prune(dir, &recorded, &current, &wanted);
        assert_eq!(kept, [PathBuf::from("same/index.html")]);
        assert_eq!(left(dir), ["same/", "same/index.html"]);
    }

    #[test]
    fn a_folder_where_a_file_is_wanted_is_removed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let recorded = Files::from_iter([(
            PathBuf::from("page/index.html"),
            written(&dir.join("page/index.html"), b"page"),
        )]);
        assert!(prune(dir, &recorded, &recorded, &["page"]).is_empty());
        assert!(left(dir).is_empty());
    }
}
