//! A fingerprint of everything a build reads, taken before it reads any of it.
//!
//! When the fingerprint matches the one recorded with the output, and the output is
//! still what that build wrote, building again could only produce the same files: the
//! build stops there. Files are known by their metadata, as `make` and Cargo know them,
//! without being read: path, size, modification time, and on Unix the inode and
//! status-change time, which no tool can set back, so an edit that keeps the size and
//! restores the modification time is still seen.
//!
//! File times come from a coarse clock, so two edits close together can leave the same
//! times. A fingerprint in which any file changed less than [`SETTLE_TIME`] before it
//! was taken is therefore not trusted (as Git does with "racily clean" files): that
//! build is a full one, and so is the next.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use xxhash_rust::xxh3::Xxh3;

use crate::config::CONFIG_FILE;
use crate::error::Result;
use crate::fs::{self, Stamps};

/// The folders of a site that a build reads, besides `briefing.yaml`, `content/`
/// first; no output may be, hold or be inside one of them.
pub const INPUT_FOLDERS: [&str; 3] = ["content", "templates", "static"];

pub use crate::fs::SETTLE_TIME;

/// A fingerprint of a build's inputs.
#[derive(Debug)]
pub struct Fingerprint {
    /// The hash of the program, the settings and every input file's metadata.
    pub hash: u128,
    /// When an input file last changed (the latest modification or status-change time).
    pub newest_change: SystemTime,
    /// The stamps of the files below `content/`, as the hash read them.
    pub content: Stamps,
}

impl Fingerprint {
    /// The hash, if no input changed within [`SETTLE_TIME`] of `now`.
    pub fn settled(&self, now: SystemTime) -> Option<u128> {
        let age = now.duration_since(self.newest_change).unwrap_or_default();
        (age >= SETTLE_TIME).then_some(self.hash)
    }
}

/// What a build depends on besides the site's files.
#[derive(Debug, Clone, Copy)]
pub struct BuildSettings<'a> {
    /// Whether drafts are built.
    pub include_drafts: bool,
    /// The `base_url` given on the command line, if any.
    pub base_url: Option<&'a str>,
}

/// The fingerprint of the site in `site_dir` built with `settings` by this program.
/// `None` when the program's own file cannot be found: then every build is a full one.
pub fn fingerprint(site_dir: &Path, settings: BuildSettings<'_>) -> Result<Option<Fingerprint>> {
    let Some((program, _)) = std::env::current_exe().ok().and_then(|exe| fs::stamp(&exe)) else {
        return Ok(None);
    };
    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(&program);
    let site = std::fs::canonicalize(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
    field(site.as_os_str().as_encoded_bytes());
    field(&[u8::from(settings.include_drafts)]);
    field(settings.base_url.unwrap_or_default().as_bytes());

    let config = fs::stamp(&site_dir.join(CONFIG_FILE));
    let mut newest_change = UNIX_EPOCH;
    let mut stamped = |file: &Path, stamp: Option<&fs::Stamp>| {
        field(file.as_os_str().as_encoded_bytes());
        if let Some((stamp, changed)) = stamp {
            field(stamp);
            newest_change = newest_change.max(*changed);
        } else {
            field(&[]);
        }
    };
    stamped(Path::new(CONFIG_FILE), config.as_ref());
    let [content_folder, others @ ..] = INPUT_FOLDERS;
    let content = Stamps::read(&fs::site_path(site_dir, content_folder))?;
    for (file, stamp) in content.files() {
        stamped(&Path::new(content_folder).join(file), stamp);
    }
    for folder in others {
        for (file, stamp) in Stamps::read(&fs::site_path(site_dir, folder))?.files() {
            stamped(&Path::new(folder).join(file), stamp);
        }
    }
    Ok(Some(Fingerprint {
        hash: hasher.digest128(),
        newest_change,
        content,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: BuildSettings<'static> = BuildSettings {
        include_drafts: false,
        base_url: None,
    };

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/articles")).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title: Test\n").unwrap();
        std::fs::write(dir.path().join("content/articles/a.md"), "one").unwrap();
        dir
    }

    fn of(dir: &Path, settings: BuildSettings<'_>) -> u128 {
        fingerprint(dir, settings).unwrap().unwrap().hash
    }

    #[test]
    fn the_same_files_and_settings_give_the_same_fingerprint() {
        let dir = site();
        assert_eq!(of(dir.path(), SETTINGS), of(dir.path(), SETTINGS));
    }

    #[test]
    fn settings_change_the_fingerprint() {
        let dir = site();
        let plain = of(dir.path(), SETTINGS);
        let drafts = BuildSettings {
            include_drafts: true,
            ..SETTINGS
        };
        let base_url = BuildSettings {
            base_url: Some("https://example.org/"),
            ..SETTINGS
        };
        assert_ne!(of(dir.path(), drafts), plain);
        assert_ne!(of(dir.path(), base_url), plain);
    }

    #[test]
    fn any_change_to_an_input_file_changes_the_fingerprint() {
        let dir = site();
        let path = dir.path();
        let mut before = of(path, SETTINGS);
        let mut changed = |change: &dyn Fn()| {
            change();
            let now = of(path, SETTINGS);
            assert_ne!(now, before);
            before = now;
        };
        // Same size, modification time put back: the change time still moves. (File
        // times tick coarsely: let one tick pass first.)
        changed(&|| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let file = path.join("content/articles/a.md");
            let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
            std::fs::write(&file, "two").unwrap();
            let handle = std::fs::File::options().write(true).open(&file).unwrap();
            handle.set_modified(modified).unwrap();
        });
        changed(&|| std::fs::write(path.join("content/articles/b.md"), "new").unwrap());
        changed(&|| std::fs::remove_file(path.join("content/articles/b.md")).unwrap());
        changed(&|| std::fs::write(path.join(CONFIG_FILE), "title: Other\n").unwrap());
        changed(&|| {
            std::fs::create_dir_all(path.join("templates")).unwrap();
            std::fs::write(path.join("templates/base.html"), "x").unwrap();
        });
        changed(&|| {
            std::fs::create_dir_all(path.join("static")).unwrap();
            std::fs::write(path.join("static/logo.svg"), "x").unwrap();
        });
    }

    #[test]
    fn a_fingerprint_is_trusted_only_once_its_inputs_have_settled() {
        let dir = site();
        let fingerprint = fingerprint(dir.path(), SETTINGS).unwrap().unwrap();
        let changed = fingerprint.newest_change;
        assert!(changed > UNIX_EPOCH);
        assert_eq!(fingerprint.settled(changed), None);
        assert_eq!(fingerprint.settled(changed + SETTLE_TIME / 2), None);
        assert_eq!(
            fingerprint.settled(changed + SETTLE_TIME),
            Some(fingerprint.hash)
        );
    }

    #[test]
    fn files_outside_the_inputs_do_not_count() {
        let dir = site();
        let before = of(dir.path(), SETTINGS);
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert_eq!(of(dir.path(), SETTINGS), before);
    }
}
