//! Copies of the pages a build wrote, by content hash, kept with the build cache.
//!
//! Each copy is a hard link to the output's file, so it takes no space while the output
//! stands. When the output folder is gone but the cache is not (a CI runner that
//! restored only the cache), a page whose key did not change is linked back from here
//! instead of rendered again. A copy is used only while its size and modification time
//! are those its page record holds: one changed through the output's link, in place, is
//! never put back.
//!
//! Copies are named `ab/abcdef…` by their hash in hex, 256 folders so that parallel
//! writers seldom wait on the same folder's lock.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::manifest::{Written, stamp};

/// The page store in one folder.
#[derive(Debug)]
pub struct PageStore {
    dir: PathBuf,
    /// Cleared when a link into the store fails other than by being there already (the
    /// cache is on another filesystem, or one without hard links): the build then
    /// stops trying.
    usable: AtomicBool,
    /// Numbers the temporary names of copies that replace others.
    replacements: AtomicUsize,
}

impl PageStore {
    /// The store in `dir`, made when the first page is kept.
    pub fn new(dir: PathBuf) -> PageStore {
        PageStore {
            dir,
            usable: AtomicBool::new(true),
            replacements: AtomicUsize::new(0),
        }
    }

    fn path(&self, hash: u128) -> PathBuf {
        let name = format!("{hash:032x}");
        self.dir.join(&name[..2]).join(name)
    }

    /// Keeps `file`, described by `written`, as the copy of its hash. A file just
    /// written (`new`) replaces a copy already there, whose page records may have gone
    /// with the output; one linked from the previous output is that copy already,
    /// unless the store lost it.
    pub(super) fn keep(&self, file: &Path, written: &Written, new: bool) {
        if !self.usable.load(Ordering::Relaxed) {
            return;
        }
        let copy = self.path(written.hash);
        let linked = match super::link_creating_folders(file, &copy) {
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && !new => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                let number = self.replacements.fetch_add(1, Ordering::Relaxed);
                let fresh = copy.with_extension(format!("{}-{number}", std::process::id()));
                std::fs::hard_link(file, &fresh).and_then(|()| std::fs::rename(&fresh, &copy))
            }
            other => other,
        };
        if linked.is_err() {
            self.usable.store(false, Ordering::Relaxed);
        }
    }

    /// Links the copy of `written` to `target`, if the store holds it as it was
    /// written. Whether it did.
    pub(super) fn put_back(&self, written: &Written, target: &Path) -> bool {
        let copy = self.path(written.hash);
        stamp(&copy) == Some((written.size, written.modified))
            && super::link_creating_folders(&copy, target).is_ok()
    }

    /// Removes every copy whose hash is not in `hashes`, and anything else in the store.
    /// Best effort: what cannot be removed now is removed by a later build.
    pub fn retain(&self, hashes: &HashSet<u128>) {
        let Ok(folders) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let folders: Vec<PathBuf> = folders.filter_map(|e| e.ok().map(|e| e.path())).collect();
        folders.par_iter().for_each(|folder| {
            let Ok(entries) = std::fs::read_dir(folder) else {
                let _ = std::fs::remove_file(folder);
                return;
            };
            for entry in entries.filter_map(|e| e.ok()) {
                let name = entry.file_name();
                let wanted = name
                    .to_str()
                    .filter(|name| name.len() == 32)
                    .and_then(|name| u128::from_str_radix(name, 16).ok())
                    .is_some_and(|hash| hashes.contains(&hash));
                if !wanted {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::content_hash;

    fn written(file: &Path) -> Written {
        let contents = std::fs::read(file).unwrap();
        let (size, modified) = stamp(file).unwrap();
        Written {
            hash: content_hash(&contents),
            size,
            modified,
        }
    }

    #[test]
    fn a_kept_page_is_put_back_until_it_changes_in_place() {
        let root = tempfile::tempdir().unwrap();
        let store = PageStore::new(root.path().join("store"));
        let page = root.path().join("page.html");
        std::fs::write(&page, "<p>page</p>").unwrap();
        let record = written(&page);
        store.keep(&page, &record, true);

        let back = root.path().join("out/a/index.html");
        assert!(store.put_back(&record, &back));
        assert_eq!(std::fs::read_to_string(&back).unwrap(), "<p>page</p>");

        // Written through the output's link: the copy no longer matches its record.
        std::fs::write(&page, "<p>edited</p>").unwrap();
        let again = root.path().join("out/b/index.html");
        assert!(!store.put_back(&record, &again));
        assert!(!again.exists());
    }

    #[test]
    fn keeping_a_hash_again_replaces_the_copy() {
        let root = tempfile::tempdir().unwrap();
        let store = PageStore::new(root.path().join("store"));
        let first = root.path().join("first.html");
        let second = root.path().join("second.html");
        std::fs::write(&first, "same").unwrap();
        std::fs::write(&second, "same").unwrap();
        store.keep(&first, &written(&first), true);
        let record = written(&second);
        store.keep(&second, &record, true);
        assert!(store.put_back(&record, &root.path().join("back.html")));
    }

    #[test]
    fn retain_removes_copies_no_page_records_and_strays() {
        let root = tempfile::tempdir().unwrap();
        let store = PageStore::new(root.path().join("store"));
        let (kept, dropped) = (root.path().join("kept"), root.path().join("dropped"));
        std::fs::write(&kept, "kept").unwrap();
        std::fs::write(&dropped, "dropped").unwrap();
        let (kept, dropped) = (written(&kept), written(&dropped));
        store.keep(&root.path().join("kept"), &kept, true);
        store.keep(&root.path().join("dropped"), &dropped, true);
        std::fs::write(root.path().join("store/stray"), "").unwrap();

        store.retain(&HashSet::from([kept.hash]));
        assert!(store.put_back(&kept, &root.path().join("a")));
        assert!(!store.put_back(&dropped, &root.path().join("b")));
        assert!(!root.path().join("store/stray").exists());
    }
}
