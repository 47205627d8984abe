//! Which folders a build may replace with the site, decided before anything is written.
//!
//! A build replaces its output folder as a whole, so a mistyped `--output` could replace
//! someone's work: the site's own sources, another site, or a folder of files `briefing`
//! never wrote. This module refuses those; it writes nothing and knows nothing of pages.

use std::path::{Component, Path, PathBuf};

use super::{has_manifest, sibling};
use crate::error::{Error, Result};
use crate::fs;
use crate::inputs::INPUT_FOLDERS;

/// How many of a foreign folder's files a refusal names.
const NAMED_FILES: usize = 3;

/// The folder a build of `site_dir` into `output_dir` writes: `output_dir` itself, or,
/// when it is a link to a folder, the folder it points to, so the link stays and the
/// site appears where it leads. Refuses an output that is, holds or is inside one of the
/// site's source folders, or that holds another site.
pub fn output_folder(output_dir: &Path, site_dir: &Path) -> Result<PathBuf> {
    let refuse = |reason: String| {
        Err(Error::Usage(format!(
            "refusing to write the site to `{}`: {reason}",
            output_dir.display()
        )))
    };
    let mut target = output_dir.to_path_buf();
    if std::fs::symlink_metadata(output_dir).is_ok_and(|m| m.file_type().is_symlink()) {
        match std::fs::canonicalize(output_dir) {
            Ok(real) if real.is_dir() => target = real,
            Ok(real) => {
                return refuse(format!(
                    "it is a link to `{}`, which is not a folder",
                    real.display()
                ));
            }
            Err(_) => return refuse("it is a link that leads nowhere".into()),
        }
    }
    if target.is_file() {
        return refuse("it is a file, not a folder".into());
    }
    let output = resolved(&target);
    for folder in INPUT_FOLDERS {
        let source = resolved(&site_dir.join(folder));
        let relation = if output == source {
            "it is"
        } else if output.starts_with(&source) {
            "it is inside"
        } else if source.starts_with(&output) {
            "it holds"
        } else {
            continue;
        };
        return refuse(format!(
            "{relation} the site's source folder `{}`; choose an --output outside {}",
            fs::site_path(site_dir, folder).display(),
            INPUT_FOLDERS.map(|f| format!("{f}/")).join(", ")
        ));
    }
    if target.file_name().is_none() {
        return refuse("the output folder must be a named folder, not a root or `..`".into());
    }
    if target.join("content").is_dir() || target.join(crate::config::CONFIG_FILE).is_file() {
        return refuse("it looks like a site (it has content/ or briefing.yaml)".into());
    }
    Ok(target)
}

/// Refuses an output folder that holds files but was not written by a build (there is
/// no manifest beside it), naming a few of them, unless `replace` is set.
pub fn check_foreign_files(output_dir: &Path, replace: bool) -> Result<()> {
    if replace || has_manifest(output_dir) {
        return Ok(());
    }
    let found: Vec<String> = walkdir::WalkDir::new(output_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| !entry.file_type().is_dir())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(output_dir)
                .unwrap_or(entry.path());
            format!("`{}`", relative.display())
        })
        .take(NAMED_FILES + 1)
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    let more = if found.len() > NAMED_FILES {
        ", ..."
    } else {
        ""
    };
    Err(Error::Usage(format!(
        "refusing to replace `{}`: it holds files that briefing did not write ({}{more}) and \
         no earlier build wrote it (there is no `{}` beside it); choose an empty or new \
         --output, or give --replace-output to delete those files",
        output_dir.display(),
        found[..found.len().min(NAMED_FILES)].join(", "),
        sibling(output_dir, "manifest")
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
    )))
}

/// `path` made absolute with every link and `..` resolved, also when its last parts do
/// not exist yet: the longest existing start is resolved by the system, the rest by
/// its names.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = absolute.components().collect();
    for split in (0..=parts.len()).rev() {
        let start: PathBuf = parts[..split].iter().collect();
        let Ok(mut real) = std::fs::canonicalize(&start) else {
            continue;
        };
        for part in &parts[split..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        return real;
    }
    absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for folder in INPUT_FOLDERS {
            std::fs::create_dir_all(dir.path().join(folder).join("sub")).unwrap();
        }
        dir
    }

    fn refusal(output: &Path, site: &Path) -> String {
        output_folder(output, site).unwrap_err().to_string()
    }

    #[test]
    fn refuses_a_source_folder_what_it_holds_and_what_holds_it() {
        let dir = site();
        let site = dir.path();
        for folder in INPUT_FOLDERS {
            let source = site.join(folder);
            assert!(refusal(&source, site).contains("it is the site's source folder"));
            assert!(refusal(&source.join("sub"), site).contains("it is inside the site's"));
            assert!(refusal(&source.join("new/deeper"), site).contains("it is inside"));
        }
        assert!(refusal(site, site).contains("it holds the site's source folder"));
        assert!(refusal(&site.join("content/../static"), site).contains("/static`;"));
        assert_eq!(
            output_folder(&site.join("public"), site).unwrap(),
            site.join("public")
        );
    }

    #[test]
    fn a_link_to_a_source_folder_is_refused_and_a_link_elsewhere_followed() {
        let dir = site();
        let site = dir.path();
        std::os::unix::fs::symlink(site.join("content"), site.join("public")).unwrap();
        assert!(refusal(&site.join("public"), site).contains("it is the site's source"));
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), site.join("out")).unwrap();
        assert_eq!(
            output_folder(&site.join("out"), site).unwrap(),
            std::fs::canonicalize(elsewhere.path()).unwrap()
        );
        std::os::unix::fs::symlink(site.join("gone"), site.join("dangling")).unwrap();
        assert!(refusal(&site.join("dangling"), site).contains("leads nowhere"));
    }

    #[test]
    fn a_folder_of_foreign_files_is_refused_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("mine");
        check_foreign_files(&output, false).unwrap();
        std::fs::create_dir_all(output.join("empty/folders")).unwrap();
        check_foreign_files(&output, false).unwrap();
        for name in ["a.txt", "b/c.txt", "d.txt", "e.txt"] {
            fs::write(&output.join(name), b"mine").unwrap();
        }
        let message = check_foreign_files(&output, false).unwrap_err().to_string();
        assert!(
            message.contains("(`a.txt`, `b/c.txt`, `d.txt`, ...)"),
            "{message}"
        );
        assert!(message.contains("`.mine.manifest`"), "{message}");
        check_foreign_files(&output, true).unwrap();
        fs::write(&sibling(&output, "manifest"), b"").unwrap();
        check_foreign_files(&output, false).unwrap();
    }
}
