//! Filesystem calls that name the path they failed on.
//!
//! Every disk access in the crate goes through here so a bare `io::Error` ("No such file
//! or directory") never reaches a user without the file it was about.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::error::{Error, Result, SourceLocation};
use crate::paths::path_order;

/// How long ago a file must have last changed for its `stamp` to be trusted: file
/// times come from a coarse clock, so two edits close together can leave the same
/// times (Git calls such files "racily clean").
pub const SETTLE_TIME: Duration = Duration::from_secs(1);

/// What a file is known by without being read, as `make` and Cargo know files, as
/// bytes: size, modification time, and on Unix the inode and status-change time, which
/// no tool can set back, so an edit that keeps the size and restores the modification
/// time still changes it. Also when the file last changed (the later of the two
/// times).
pub type Stamp = (Vec<u8>, SystemTime);

/// The [`Stamp`] of the file at `path`; `None` when it is not there.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let mut changed = modified;
    let mut bytes = Vec::with_capacity(48);
    bytes.extend(metadata.len().to_le_bytes());
    let since_epoch = modified.duration_since(UNIX_EPOCH).unwrap_or_default();
    bytes.extend(since_epoch.as_nanos().to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        bytes.extend(metadata.ino().to_le_bytes());
        bytes.extend(metadata.ctime().to_le_bytes());
        bytes.extend(metadata.ctime_nsec().to_le_bytes());
        let status_changed = u64::try_from(metadata.ctime()).ok().and_then(|seconds| {
            let nanos = u32::try_from(metadata.ctime_nsec()).ok()?;
            UNIX_EPOCH.checked_add(Duration::new(seconds, nanos))
        });
        changed = changed.max(status_changed.unwrap_or(modified));
    }
    Some((bytes, changed))
}

/// How a path inside the site is named to the user: the site folder as they gave it
/// joined with `relative`, without a leading `./`, so messages can be pasted into an
/// editor from the folder the command ran in.
pub fn site_path(site_dir: &Path, relative: impl AsRef<Path>) -> std::path::PathBuf {
    let joined = site_dir.join(relative);
    match joined.strip_prefix(".") {
        Ok(stripped) if !stripped.as_os_str().is_empty() => stripped.to_path_buf(),
        _ => joined,
    }
}

/// Every regular file under `dir`, as paths relative to it, sorted; none when the
/// folder does not exist. Links are not followed, so nothing outside `dir` is listed.
pub fn files_under(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("could not read folder", &path, e.into())
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push(relative.to_path_buf());
        }
    }
    // Sorted once, by key: a walk that sorts every folder's entries compares paths.
    files.sort_by_cached_key(|path| path_order(path));
    Ok(files)
}

/// The site path at which a file `relative` to an output root is served: `/images/a.png`.
pub fn url_path(relative: &Path) -> String {
    format!("/{}", relative.to_string_lossy().replace('\\', "/"))
}

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io("could not read file", path, e))
}

/// Reads a whole UTF-8 file; one that is not names the line and column of its first
/// invalid byte.
pub fn read_to_string(path: &Path) -> Result<String> {
    let bytes = read(path)?;
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let valid_up_to = error.utf8_error().valid_up_to();
        // Everything before the first bad byte is valid, so it can be read as text.
        let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
        Error::invalid_with_hint(
            SourceLocation::at_offset(path, &before, valid_up_to),
            format!(
                "file is not valid UTF-8: byte 0x{:02X} here",
                bytes[valid_up_to]
            ),
            Some("save the file as UTF-8".into()),
        )
        .with_code("not-utf8")
    })
}

/// Writes `contents` to `path`, creating missing parent folders.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, contents).map_err(|e| Error::io("could not write file", path, e))
}

/// Creates a folder and its missing parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(|e| Error::io("could not create folder", path, e))
}

/// Removes a folder and everything in it; a folder that is not there is not an error.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io("could not remove folder", path, e))
        }
        _ => Ok(()),
    }
}

/// Renames `from` to `to`.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io("could not move folder", from, e))
}

/// The [`stamp`] of every file below one folder, read once for the stages that each
/// need them: a build's fingerprint reads the stamps of all its inputs, and loading
/// its content takes its files and their stamps from it instead of reading them again.
#[derive(Debug)]
pub struct Stamps {
    /// When they were read: before any of them.
    read_at: SystemTime,
    /// Each file, relative to the folder, in [`path_order`], with its stamp.
    files: Vec<(PathBuf, Option<Stamp>)>,
}

impl Stamps {
    /// Reads the stamp of every file below `root` ([`files_under`]).
    pub fn read(root: &Path) -> Result<Stamps> {
        let read_at = SystemTime::now();
        let files = files_under(root)?
            .into_par_iter()
            .map(|file| {
                let stamp = stamp(&root.join(&file));
                (file, stamp)
            })
            .collect();
        Ok(Stamps { read_at, files })
    }

    /// When the stamps were read: a stamp is trusted once it had settled by then.
    pub fn read_at(&self) -> SystemTime {
        self.read_at
    }

    /// Each file, relative to the folder, in [`path_order`], with its stamp.
    pub fn files(&self) -> impl Iterator<Item = (&Path, Option<&Stamp>)> {
        (self.files.iter()).map(|(file, stamp)| (file.as_path(), stamp.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_read_for_every_file_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("content");
        for file in ["b.md", "a/b.md", "a-b.md", "a/c/d.md"] {
            write(&root.join(file), file.as_bytes()).unwrap();
        }
        let stamps = Stamps::read(&root).unwrap();
        let listed: Vec<&Path> = stamps.files().map(|(file, _)| file).collect();
        assert_eq!(
            listed,
            ["a/b.md", "a/c/d.md", "a-b.md", "b.md"].map(Path::new)
        );
        for (file, found) in stamps.files() {
            assert_eq!(found, stamp(&root.join(file)).as_ref());
        }
        assert!(stamps.read_at() >= stamp(&root.join("b.md")).unwrap().1);
    }
}
