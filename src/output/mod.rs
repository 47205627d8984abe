//! Atomic write of the whole site.
//!
//! Pages are written into a staging folder beside the output folder as they are
//! rendered; only when every page succeeded does [`Staging::commit`] swap the staging
//! folder in (one atomic exchange on Linux). A build that fails, or is killed, leaves
//! the previous output exactly as it was; its staging folder is removed on failure or
//! at the start of the next build.
//!
//! A file whose content did not change since the last build is not written again: it
//! stays the output's file, with its inode and modification time, so sync tools and
//! caches see only real changes. The staging folder starts as the output before the
//! last build, kept for this (see [`previous`]), which already holds most files as the
//! output does; the rest are hard-linked from the output or written. What was written
//! is recorded in a manifest beside the output (`.public.manifest`), trusted only for
//! files whose size and modification time still match.
//!
//! Before a build writes anything, [`guard`] decides whether the output folder may be
//! replaced at all, and [`OutputLock`] keeps a second build of the same folder out.

mod guard;
mod lock;
mod manifest;
mod previous;
mod store;
mod swap;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::fs;
use crate::paths::PathTable;

pub use guard::{check_foreign_files, output_folder};
pub use lock::OutputLock;
pub use manifest::{BuiltFrom, Written};
use manifest::{Files, content_hash, read_built_from, read_manifest, stamp, write_manifest};
pub use store::PageStore;
use swap::{fresh_staging_dir, recover_interrupted_swap, remove_tree, swap_into_place};

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    staging_dir: PathBuf,
    output_dir: PathBuf,
    committed: bool,
    /// The files of the current output, from its manifest.
    previous: Files,
    /// The files the staging folder started with, as the previous output held them.
    kept: Files,
    /// The files of the new output.
    written: Mutex<Vec<(PathBuf, Written)>>,
    reused: AtomicUsize,
    /// Where pages are kept for a build without the previous output, if anywhere.
    store: Option<PageStore>,
}

impl Staging {
    /// Prepares a staging folder for `output_dir`, which [`output_folder`] has
    /// approved, to be written the files at `paths`: the output before the last build
    /// when it is there, holding only such of those files as are still right, else an
    /// empty folder. Other files may be written too; they are just not looked for.
    pub fn create<'a>(
        output_dir: &Path,
        paths: impl IntoIterator<Item = &'a Path>,
    ) -> Result<Staging> {
        recover_interrupted_swap(output_dir)?;
        let mut staging_dir = fresh_staging_dir(output_dir)?;
        let paths: PathTable<(), &Path> = paths.into_iter().map(|path| (path, ())).collect();
        // The output's manifest and the previous output's are read side by side.
        let (previous, recorded) = rayon::join(
            || match output_dir.is_dir() {
                true => read_manifest(&sibling(output_dir, "manifest")),
                false => Files::default(),
            },
            || previous::recorded(output_dir),
        );
        let kept = match previous::take(output_dir, &staging_dir, &paths, &previous, recorded) {
            Some(kept) => kept,
            None => {
                if staging_dir.exists() {
                    staging_dir = fresh_staging_dir(output_dir)?;
                }
                fs::create_dir_all(&staging_dir)?;
                Files::default()
            }
        };
        Ok(Staging {
            staging_dir,
            output_dir: output_dir.to_path_buf(),
            committed: false,
            previous,
            kept,
            written: Mutex::new(Vec::new()),
            reused: AtomicUsize::new(0),
            store: None,
        })
    }

    /// Keeps a copy of every page written with [`Staging::write_page`] in `store`, and
    /// takes pages from it that the previous output does not have.
    pub fn keeping_pages_in(mut self, store: PageStore) -> Staging {
        self.store = Some(store);
        self
    }

    /// Puts `contents` at `relative` inside the staging folder: a link to the previous
    /// output's file when its content is the same, else a new file. The folders it goes
    /// in are made when the first file in them is written, by whichever thread writes
    /// it: on disk, making folders is as much work for the kernel as making files, and
    /// made up front they would be made by one thread while the others wait. Returns
    /// what the manifest records of the file.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<Written> {
        self.put(relative, contents).map(|(written, _)| written)
    }

    /// [`Staging::write`], keeping a copy of the page in the page store.
    pub fn write_page(&self, relative: &Path, contents: &[u8]) -> Result<Written> {
        let (written, new) = self.put(relative, contents)?;
        if let Some(store) = &self.store {
            store.keep(&self.target(relative), &written, new);
        }
        Ok(written)
    }

    /// Keeps, links or writes the file; also whether it was written.
    fn put(&self, relative: &Path, contents: &[u8]) -> Result<(Written, bool)> {
        let hash = content_hash(contents);
        if let Some(kept) = self.kept_file(relative, hash, contents.len() as u64) {
            self.record_unchanged(relative, kept);
            return Ok((kept, false));
        }
        let target = self.target(relative);
        self.vacate(relative, &target)?;
        if let Some((old, previous)) = self.unchanged_file(relative, hash, contents.len() as u64)
            && link_creating_folders(&old, &target).is_ok()
        {
            self.record_unchanged(relative, previous);
            return Ok((previous, false));
        }
        if let Err(error) = std::fs::write(&target, contents) {
            if error.kind() != std::io::ErrorKind::NotFound {
                return Err(Error::io("could not write file", &target, error));
            }
            fs::write(&target, contents)?;
        }
        // A file that cannot be looked at gets a stamp no file has: it is never reused.
        let (size, modified) = stamp(&target).unwrap_or((contents.len() as u64, 0));
        let written = Written {
            hash,
            size,
            modified,
        };
        self.record(relative, written);
        Ok((written, true))
    }

    /// Puts the file `written` described at `relative` into the staging folder without
    /// its contents being at hand: from the previous output, when its file there is
    /// still that one, as the manifest and its stamp confirm; else from the page store.
    /// Whether it did.
    pub fn reuse(&self, relative: &Path, written: &Written) -> bool {
        if let Some(kept) = self.kept_file(relative, written.hash, written.size) {
            self.record_unchanged(relative, kept);
            return true;
        }
        let target = self.target(relative);
        if self.vacate(relative, &target).is_err() {
            return false;
        }
        if let Some((old, previous)) = self.unchanged_file(relative, written.hash, written.size)
            && link_creating_folders(&old, &target).is_ok()
        {
            self.record_unchanged(relative, previous);
            return true;
        }
        let stored = self
            .store
            .as_ref()
            .is_some_and(|store| store.put_back(written, &target));
        if stored {
            self.record_unchanged(relative, *written);
        }
        stored
    }

    fn target(&self, relative: &Path) -> PathBuf {
        debug_assert!(
            relative.is_relative() && !relative.components().any(|c| c.as_os_str() == "..")
        );
        self.staging_dir.join(relative)
    }

    /// The file the staging folder started with at `relative`, if it holds content
    /// with this hash and size.
    fn kept_file(&self, relative: &Path, hash: u128, size: u64) -> Option<Written> {
        let kept = self.kept.get(relative)?;
        (kept.hash == hash && kept.size == size).then_some(*kept)
    }

    /// Removes the file the staging folder started with at `relative`, if any, so a
    /// new one can take its place: it may be the output's file under another name, so
    /// it is never written over.
    fn vacate(&self, relative: &Path, target: &Path) -> Result<()> {
        if !self.kept.contains(relative) {
            return Ok(());
        }
        match std::fs::remove_file(target) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io("could not remove file", target, error))
            }
            _ => Ok(()),
        }
    }

    /// The previous output's file at `relative`, if it holds content with this hash and
    /// size and was not touched since it was written.
    fn unchanged_file(&self, relative: &Path, hash: u128, size: u64) -> Option<(PathBuf, Written)> {
        let previous = self.previous.get(relative)?;
        if previous.hash != hash || previous.size != size {
            return None;
        }
        let old = self.output_dir.join(relative);
        (stamp(&old) == Some((previous.size, previous.modified))).then_some((old, *previous))
    }

    fn record_unchanged(&self, relative: &Path, previous: Written) {
        self.record(relative, previous);
        self.reused.fetch_add(1, Ordering::Relaxed);
    }

    /// How many files were linked from the previous output instead of written.
    pub fn unchanged(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    fn record(&self, relative: &Path, written: Written) {
        if let Ok(mut list) = self.written.lock() {
            list.push((relative.to_path_buf(), written));
        }
    }

    /// Replaces the output folder with the staging folder, recording what it was built
    /// from when that is known. On an error the output folder is as it was.
    pub fn commit(mut self, built_from: Option<BuiltFrom>) -> Result<()> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        // The manifest is written before the swap and put in place after it, so there
        // is no moment at which the new output stands without one (see `has_manifest`).
        let pending = sibling(&self.output_dir, "manifest-new");
        write_manifest(&pending, built_from, written)?;
        let old = match swap_into_place(&self.staging_dir, &self.output_dir) {
            Ok(old) => old,
            Err(error) => {
                let _ = std::fs::remove_file(&pending);
                return Err(error);
            }
        };
        self.committed = true;
        // From here on the new site is in place, so nothing may fail the build (its
        // error would say the previous output was left untouched). A manifest left
        // under its pending name only costs the next build its reuse of files. The old
        // output now sits where staging was, or in the `.old` folder: it is kept for
        // the next build with the manifest that describes it, and what cannot be kept
        // or removed now (say, a read-only copy) is removed, or stepped around, by the
        // next build.
        let manifest = sibling(&self.output_dir, "manifest");
        if let Some(old) = old {
            previous::keep(&self.output_dir, &old, &manifest);
        }
        let _ = std::fs::rename(&pending, manifest);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build should not leave a half-written folder behind.
            let _ = remove_tree(&self.staging_dir);
        }
    }
}

/// Whether `output_dir` was written by a build: a manifest beside it, or the new one of
/// a build stopped between putting the output in place and putting its manifest there.
pub(crate) fn has_manifest(output_dir: &Path) -> bool {
    ["manifest", "manifest-new"]
        .iter()
        .any(|suffix| sibling(output_dir, suffix).is_file())
}

/// What the output folder was built from, and how many files it has, if it is exactly
/// what a build from `inputs` wrote: the files its manifest lists, no others, none
/// changed since. `None` whenever that cannot be shown, so the caller builds in full.
pub fn current_output(output_dir: &Path, inputs: u128) -> Option<(BuiltFrom, usize)> {
    if !output_dir.is_dir() {
        return None;
    }
    // The first line first: most builds learn from it alone that the inputs changed.
    let path = sibling(output_dir, "manifest");
    let built_from = read_built_from(&path).filter(|built| built.inputs == inputs)?;
    let manifest = read_manifest(&path);
    let files = fs::files_under(output_dir).ok()?;
    if files.len() != manifest.len() {
        return None;
    }
    let intact = files.par_iter().all(|file| {
        manifest.get(file).is_some_and(|written| {
            stamp(&output_dir.join(file)) == Some((written.size, written.modified))
        })
    });
    intact.then_some((built_from, files.len()))
}

/// Hard-links `old` at `new`, creating the folders `new` goes in when missing.
fn link_creating_folders(old: &Path, new: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(old, new) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = new.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::hard_link(old, new)
        }
        other => other,
    }
}

/// `public` -> `.public.staging` in the same parent folder, so renames stay on one
/// filesystem.
pub(crate) fn sibling(output_dir: &Path, suffix: &str) -> PathBuf {
    let name = output_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output_dir.with_file_name(format!(".{name}.{suffix}"))
}

#[cfg(test)]
mod tests;
