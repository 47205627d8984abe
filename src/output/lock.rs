//! One build at a time per output folder: an advisory lock on the sidecar `.NAME.lock`.
//!
//! The lock is the operating system's (`flock` on Unix), so it is released when the
//! build's process ends, however it ends: a killed build never leaves a stale lock. The
//! lock file itself stays beside the output; deleting it would let a build that is about
//! to lock the old file and one that creates a new file both run.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use super::sibling;
use crate::error::{Error, Result};
use crate::fs;

/// The lock on an output folder, held until dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Locks `output_dir` for this build. When another build holds the lock, calls
    /// `waiting` once and waits until that build ends.
    pub fn acquire(output_dir: &Path, waiting: impl FnOnce()) -> Result<OutputLock> {
        let path = lock_path(output_dir);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let fail = |error| Error::io("could not lock the output folder with", &path, error);
        // A lock file made by another user may not be writable by this one; locking
        // needs only an open file, so reading it will do.
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .or_else(|_| File::open(&path))
            .map_err(fail)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(fail)?;
            }
            Err(TryLockError::Error(error)) => return Err(fail(error)),
        }
        Ok(OutputLock { _file: file })
    }
}

/// `public` -> `.public.lock`.
fn lock_path(output_dir: &Path) -> PathBuf {
    sibling(output_dir, "lock")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_until_the_first_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = OutputLock::acquire(&output, || panic!("nothing holds the lock")).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let second = std::thread::spawn(move || {
            let lock = OutputLock::acquire(&output, || sender.send(()).unwrap()).unwrap();
            drop(lock);
        });
        // The second build reports that it waits before the first lets go.
        receiver.recv().unwrap();
        drop(first);
        second.join().unwrap();
        assert!(dir.path().join(".public.lock").is_file());
    }
}
