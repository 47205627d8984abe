//! Putting a finished staging folder in place of the output, and clearing what earlier
//! builds left beside it.
//!
//! The swap either happens whole or not at all: on an error the output folder is as it
//! was. Leftovers (a stale staging folder, an old output that could not be removed)
//! never block the next build: they are made removable, or stepped around.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::sibling;
use crate::error::{Error, Result};
use crate::fs;

/// How many staging folders a build tries before giving up: when a stale one cannot be
/// removed (a file in it made immutable, say), the next name is used instead, so a
/// leftover never blocks a build.
const STAGING_NAMES: usize = 4;

/// Removes a folder and everything in it, the entries of its folders in parallel (an
/// output's `articles/` alone holds most of its folders). A folder the build's user
/// owns but made read-only is made writable first (removing a file needs write
/// permission on its folder), so a read-only old output or a stale staging folder can
/// always be cleared.
pub(super) fn remove_tree(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) => {
            make_folders_writable(dir);
            return fs::remove_dir_all(dir);
        }
    };
    let mut paths = Vec::new();
    for entry in entries.filter_map(|entry| entry.ok()) {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|kind| kind.is_dir());
        match std::fs::read_dir(&path) {
            Ok(inner) if is_dir => {
                paths.extend(inner.filter_map(|entry| entry.ok().map(|e| e.path())));
            }
            _ => paths.push(path),
        }
    }
    let removed = paths.par_iter().try_for_each(|path| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path).map_err(|e| Error::io("could not remove file", path, e))
        }
    });
    if removed.is_err() {
        make_folders_writable(dir);
    }
    fs::remove_dir_all(dir)
}

/// Gives the owner full permission on every folder under `dir`, as far as it may.
#[cfg(unix)]
fn make_folders_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_type().is_dir()
            && let Ok(metadata) = entry.metadata()
        {
            let mode = metadata.permissions().mode() | 0o700;
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode));
        }
    }
}

/// Elsewhere a read-only flag does not stop removing a folder's files.
#[cfg(not(unix))]
fn make_folders_writable(_dir: &Path) {}

/// The first of the staging folder names that is free or can be cleared, clearing
/// every stale one it can on the way.
pub(super) fn fresh_staging_dir(output_dir: &Path) -> Result<PathBuf> {
    let mut first_error = None;
    let mut free = None;
    for attempt in 0..STAGING_NAMES {
        let candidate = match attempt {
            0 => sibling(output_dir, "staging"),
            n => sibling(output_dir, &format!("staging-{n}")),
        };
        match remove_tree(&candidate) {
            Ok(()) => {
                free.get_or_insert(candidate);
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    match (free, first_error) {
        (Some(free), _) => Ok(free),
        (None, Some(error)) => Err(error),
        (None, None) => Ok(sibling(output_dir, "staging")),
    }
}

/// If a previous build stopped between the two renames of the fallback swap, the old
/// output is in `.old` and the output folder is missing: put it back.
pub(super) fn recover_interrupted_swap(output_dir: &Path) -> Result<()> {
    let old = sibling(output_dir, "old");
    if old.is_dir() && !output_dir.exists() {
        fs::rename(&old, output_dir)?;
    }
    Ok(())
}

/// Puts the staging folder in place of the output folder; returns where the old output
/// now is, if there was one.
pub(super) fn swap_into_place(staging_dir: &Path, output_dir: &Path) -> Result<Option<PathBuf>> {
    if !output_dir.exists() {
        return fs::rename(staging_dir, output_dir).map(|()| None);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging_dir, CWD, output_dir, RenameFlags::EXCHANGE).is_ok() {
            return Ok(Some(staging_dir.to_path_buf()));
        }
    }
    // Filesystems without an atomic exchange: two renames, with the old output kept
    // until the new one is in place (and restored by the next build if interrupted).
    let old = sibling(output_dir, "old");
    remove_tree(&old)?;
    fs::rename(output_dir, &old)?;
    fs::rename(staging_dir, output_dir).inspect_err(|_| {
        // Put the old output back; should even that fail, the next build does.
        let _ = std::fs::rename(&old, output_dir);
    })?;
    Ok(Some(old))
}
