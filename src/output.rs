//! Atomic write of the whole site.
//!
//! Pages are written into a staging folder beside the output folder as they are
//! rendered; only when every page succeeded does [`Staging::commit`] swap the staging
//! folder in (one atomic exchange on Linux). A build that fails, or is killed, leaves
//! the previous output exactly as it was; its staging folder is removed on failure or
//! at the start of the next build.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, SourceLocation};
use crate::fs;

/// A staging folder that becomes the output folder on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    staging_dir: PathBuf,
    output_dir: PathBuf,
    committed: bool,
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
        Ok(Staging {
            staging_dir,
            output_dir: output_dir.to_path_buf(),
            committed: false,
        })
    }

    /// Writes `contents` to `relative` inside the staging folder.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<()> {
        debug_assert!(
            relative.is_relative() && !relative.components().any(|c| c.as_os_str() == "..")
        );
        fs::write(&self.staging_dir.join(relative), contents)
    }

    /// Copies every file under `from` into the staging folder, keeping the layout.
    /// Returns how many files were copied.
    pub fn copy_dir(&self, from: &Path) -> Result<usize> {
        let files = fs::files_under(from)?;
        for relative in &files {
            fs::copy(&from.join(relative), &self.staging_dir.join(relative))?;
        }
        Ok(files.len())
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<()> {
        swap_into_place(&self.staging_dir, &self.output_dir)?;
        self.committed = true;
        // The old output now sits where staging was, or in the `.old` folder.
        fs::remove_dir_all(&self.staging_dir)?;
        fs::remove_dir_all(&sibling(&self.output_dir, "old"))?;
        Ok(())
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
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(output.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!output.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
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
