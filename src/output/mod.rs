//! Atomic write of the whole site.
//!
//! Pages are written into a staging folder beside the output folder as they are
//! rendered; only when every page succeeded does [`Staging::commit`] swap the staging
//! folder in (one atomic exchange on Linux). A build that fails, or is killed, leaves
//! the previous output exactly as it was; its staging folder is removed on failure or
//! at the start of the next build.
//!
//! A file whose content did not change since the last build is not written again: the
//! previous output's file is hard-linked into the staging folder, keeping its inode
//! and modification time, so sync tools and caches see only real changes. What was
//! written is recorded in a manifest beside the output (`.public.manifest`), trusted
//! only for files whose size and modification time still match.

mod manifest;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result, SourceLocation};
use crate::fs;

pub use manifest::BuiltFrom;
use manifest::{ContentHasher, Written, content_hash, read_manifest, stamp, write_manifest};

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    staging_dir: PathBuf,
    output_dir: PathBuf,
    committed: bool,
    /// The files of the current output, from its manifest.
    previous: HashMap<PathBuf, Written>,
    /// The files of the new output.
    written: Mutex<Vec<(PathBuf, Written)>>,
    reused: AtomicUsize,
}

impl Staging {
    /// Prepares an empty staging folder for `output_dir`.
    ///
    /// Refuses an output folder that holds or is the site itself, so a mistyped
    /// `--output` can never replace someone's content.
    pub fn create(output_dir: &Path, site_dir: &Path) -> Result<Staging> {
        check_output_dir(output_dir, site_dir)?;
        let staging_dir = sibling(output_dir, "staging");
        recover_interrupted_swap(output_dir)?;
        fs::remove_dir_all(&staging_dir)?;
        fs::create_dir_all(&staging_dir)?;
        let previous = if output_dir.is_dir() {
            read_manifest(&sibling(output_dir, "manifest")).files
        } else {
            HashMap::new()
        };
        Ok(Staging {
            staging_dir,
            output_dir: output_dir.to_path_buf(),
            committed: false,
            previous,
            written: Mutex::new(Vec::new()),
            reused: AtomicUsize::new(0),
        })
    }

    /// Puts `contents` at `relative` inside the staging folder: a link to the previous
    /// output's file when its content is the same, else a new file. The folders it goes
    /// in are made when the first file in them is written, by whichever thread writes
    /// it: on disk, making folders is as much work for the kernel as making files, and
    /// made up front they would be made by one thread while the others wait.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<()> {
        let target = self.target(relative);
        let hash = content_hash(contents);
        if let Some((old, previous)) = self.unchanged_file(relative, hash, contents.len() as u64)
            && link_creating_folders(&old, &target).is_ok()
        {
            self.record_unchanged(relative, previous);
            return Ok(());
        }
        if let Err(error) = std::fs::write(&target, contents) {
            if error.kind() != std::io::ErrorKind::NotFound {
                return Err(Error::io("could not write file", &target, error));
            }
            fs::write(&target, contents)?;
        }
        self.record_new(relative, &target, hash);
        Ok(())
    }

    /// Puts at `relative` what `make` writes, as it writes it, for files too large to
    /// hold whole. The file is written in any case; when its content turns out the same
    /// as before, the previous output's file replaces it.
    pub fn write_streamed(
        &self,
        relative: &Path,
        make: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.target(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let fail = |error| Error::io("could not write file", &target, error);
        let file = File::create(&target).map_err(fail)?;
        let mut out = ContentHasher::new(BufWriter::with_capacity(1 << 16, file));
        make(&mut out).map_err(fail)?;
        let (hash, size) = out.finish().map_err(fail)?;
        if let Some((old, previous)) = self.unchanged_file(relative, hash, size) {
            let link = target.with_extension("briefing-link");
            if std::fs::hard_link(&old, &link).is_ok() {
                fs::rename(&link, &target)?;
                self.record_unchanged(relative, previous);
                return Ok(());
            }
        }
        self.record_new(relative, &target, hash);
        Ok(())
    }

    fn target(&self, relative: &Path) -> PathBuf {
        debug_assert!(
            relative.is_relative() && !relative.components().any(|c| c.as_os_str() == "..")
        );
        self.staging_dir.join(relative)
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

    fn record_new(&self, relative: &Path, target: &Path, hash: u128) {
        if let Some((size, modified)) = stamp(target) {
            self.record(
                relative,
                Written {
                    hash,
                    size,
                    modified,
                },
            );
        }
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

    /// Copies every file under `from` into the staging folder, keeping the layout.
    /// Returns how many files were copied.
    pub fn copy_dir(&self, from: &Path) -> Result<usize> {
        let files = fs::files_under(from)?;
        for relative in &files {
            self.write(relative, &fs::read(&from.join(relative))?)?;
        }
        Ok(files.len())
    }

    /// Replaces the output folder with the staging folder, recording what it was built
    /// from when that is known.
    pub fn commit(mut self, built_from: Option<BuiltFrom>) -> Result<()> {
        swap_into_place(&self.staging_dir, &self.output_dir)?;
        self.committed = true;
        // The old output now sits where staging was, or in the `.old` folder.
        remove_tree(&self.staging_dir)?;
        remove_tree(&sibling(&self.output_dir, "old"))?;
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        write_manifest(&sibling(&self.output_dir, "manifest"), built_from, written)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build should not leave a half-written folder behind.
            let _ = std::fs::remove_dir_all(&self.staging_dir);
        }
    }
}

/// What the output folder was built from, and how many files it has, if it is exactly
/// what a build from `inputs` wrote: the files its manifest lists, no others, none
/// changed since. `None` whenever that cannot be shown, so the caller builds in full.
pub fn current_output(
    output_dir: &Path,
    site_dir: &Path,
    inputs: u128,
) -> Option<(BuiltFrom, usize)> {
    check_output_dir(output_dir, site_dir).ok()?;
    if !output_dir.is_dir() {
        return None;
    }
    let manifest = read_manifest(&sibling(output_dir, "manifest"));
    let built_from = manifest.built_from.filter(|built| built.inputs == inputs)?;
    let files = fs::files_under(output_dir).ok()?;
    if files.len() != manifest.files.len() {
        return None;
    }
    let intact = files.par_iter().all(|file| {
        manifest.files.get(file).is_some_and(|written| {
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

/// Removes a folder and everything in it, its top-level entries in parallel.
fn remove_tree(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    paths.par_iter().try_for_each(|path| {
        if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path).map_err(|e| Error::io("could not remove file", path, e))
        }
    })?;
    fs::remove_dir_all(dir)
}

/// `public` -> `.public.staging` in the same parent folder, so renames stay on one
/// filesystem.
fn sibling(output_dir: &Path, suffix: &str) -> PathBuf {
    let name = output_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output_dir.with_file_name(format!(".{name}.{suffix}"))
}

fn check_output_dir(output_dir: &Path, site_dir: &Path) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::invalid(
            SourceLocation::new(output_dir, 1, 1),
            message,
        ))
    };
    if output_dir.file_name().is_none() {
        return refuse("the output folder must be a named folder, not a root or `..`".into());
    }
    if output_dir.is_file() {
        return refuse("the output path is a file, not a folder".into());
    }
    let site = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    if let Ok(output) = std::fs::canonicalize(output_dir)
        && site.starts_with(&output)
    {
        return refuse(
            "the output folder contains the site itself; choose another `--output`".into(),
        );
    }
    if output_dir.join("content").is_dir() || output_dir.join(crate::config::CONFIG_FILE).is_file()
    {
        return refuse(
            "the output folder looks like a site (it has content/ or briefing.yaml); refusing to replace it"
                .into(),
        );
    }
    Ok(())
}

/// If a previous build stopped between the two renames of the fallback swap, the old
/// output is in `.old` and the output folder is missing: put it back.
fn recover_interrupted_swap(output_dir: &Path) -> Result<()> {
    let old = sibling(output_dir, "old");
    if old.is_dir() && !output_dir.exists() {
        fs::rename(&old, output_dir)?;
    }
    Ok(())
}

fn swap_into_place(staging_dir: &Path, output_dir: &Path) -> Result<()> {
    if !output_dir.exists() {
        return fs::rename(staging_dir, output_dir);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging_dir, CWD, output_dir, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    // Filesystems without an atomic exchange: two renames, with the old output kept
    // until the new one is in place (and restored by the next build if interrupted).
    let old = sibling(output_dir, "old");
    fs::remove_dir_all(&old)?;
    fs::rename(output_dir, &old)?;
    fs::rename(staging_dir, output_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_previous_output() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join("stale.html"), "old").unwrap();
        let staging = Staging::create(&output, &root.path().join("site")).unwrap();
        staging.write(Path::new("a/index.html"), b"new").unwrap();
        staging.commit(None).unwrap();
        assert_eq!(
            std::fs::read_to_string(output.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!output.join("stale.html").exists());
        let mut left: Vec<String> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".public.manifest", "public"],
            "no staging folder remains"
        );
    }

    #[test]
    fn unchanged_files_are_linked_not_written_again() {
        use std::os::unix::fs::MetadataExt;
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        let site = root.path().join("site");
        let build = |same: &[u8], changed: &[u8]| {
            let staging = Staging::create(&output, &site).unwrap();
            staging.write(Path::new("a/same.html"), same).unwrap();
            staging.write(Path::new("changed.html"), changed).unwrap();
            let unchanged = staging.unchanged();
            staging.commit(None).unwrap();
            unchanged
        };
        assert_eq!(build(b"same", b"one"), 0);
        let inode = std::fs::metadata(output.join("a/same.html")).unwrap().ino();
        assert_eq!(build(b"same", b"two"), 1);
        assert_eq!(
            std::fs::metadata(output.join("a/same.html")).unwrap().ino(),
            inode,
            "the unchanged file is the same file"
        );
        assert_eq!(std::fs::read(output.join("changed.html")).unwrap(), b"two");
        // A file changed behind the manifest's back is written again, not trusted.
        std::fs::write(output.join("a/same.html"), b"edited by hand").unwrap();
        assert_eq!(build(b"same", b"two"), 1, "only changed.html is reused");
        assert_eq!(std::fs::read(output.join("a/same.html")).unwrap(), b"same");
    }

    #[test]
    fn dropping_without_commit_leaves_the_output_untouched() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join("index.html"), "old").unwrap();
        {
            let staging = Staging::create(&output, &root.path().join("site")).unwrap();
            staging.write(Path::new("index.html"), b"half").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
        assert!(!root.path().join(".public.staging").exists());
    }

    #[test]
    fn refuses_to_replace_the_site_folder() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content")).unwrap();
        let error = Staging::create(site.path(), site.path()).unwrap_err();
        assert!(
            error.to_string().contains("contains the site itself"),
            "{error}"
        );
        let error = Staging::create(&site.path().join("."), site.path()).unwrap_err();
        assert!(error.to_string().contains("named folder") || error.to_string().contains("site"));
    }

    #[test]
    fn restores_the_old_output_after_an_interrupted_swap() {
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        let old = root.path().join(".public.old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        let staging = Staging::create(&output, &root.path().join("site")).unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
    }
}
