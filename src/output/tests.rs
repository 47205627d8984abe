//! Staging, committing and keeping the previous output, on real folders.

use super::*;

#[test]
fn commit_replaces_the_previous_output() {
    let root = tempfile::tempdir().unwrap();
    let output = root.path().join("public");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("stale.html"), "old").unwrap();
    let staging = Staging::create(&output, []).unwrap();
    staging.write(Path::new("a/index.html"), b"new").unwrap();
    staging.commit(None).unwrap();
    assert_eq!(
        std::fs::read_to_string(output.join("a/index.html")).unwrap(),
        "new"
    );
    assert!(!output.join("stale.html").exists());
    assert_eq!(
        list(root.path()),
        [".public.manifest", "public"],
        "no staging folder remains"
    );
}

#[test]
fn unchanged_files_are_linked_not_written_again() {
    use std::os::unix::fs::MetadataExt;
    let root = tempfile::tempdir().unwrap();
    let output = root.path().join("public");
    let build = |same: &[u8], changed: &[u8]| {
        let staging = Staging::create(&output, []).unwrap();
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
    // Staged in the output before the last build: its changed.html is the output's
    // file and stays; its a/same.html was the one edited, and is linked anew.
    let inodes = |output: &Path| {
        ["a/same.html", "changed.html"]
            .map(|file| std::fs::metadata(output.join(file)).unwrap().ino())
    };
    let before = inodes(&output);
    assert_eq!(build(b"same", b"two"), 2);
    assert_eq!(inodes(&output), before);
    assert_eq!(build(b"same", b"three"), 1);
    assert_eq!(inodes(&output)[0], before[0]);
}

#[test]
fn dropping_without_commit_leaves_the_output_untouched() {
    let root = tempfile::tempdir().unwrap();
    let output = root.path().join("public");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("index.html"), "old").unwrap();
    {
        let staging = Staging::create(&output, []).unwrap();
        staging.write(Path::new("index.html"), b"half").unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(output.join("index.html")).unwrap(),
        "old"
    );
    assert!(!root.path().join(".public.staging").exists());
}

#[test]
fn a_read_only_old_output_is_removed_and_a_stale_staging_folder_cleared() {
    // Run as root, permissions stop nothing; the integration tests run a build as
    // an unprivileged user for that.
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let output = root.path().join("public");
    let read_only =
        |dir: &Path| std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let stale = root.path().join(".public.staging/articles");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("index.html"), "stale").unwrap();
    read_only(&stale);
    let staging = Staging::create(&output, []).unwrap();
    staging
        .write(Path::new("articles/index.html"), b"one")
        .unwrap();
    staging.commit(None).unwrap();
    read_only(&output.join("articles"));
    read_only(&output);
    let staging = Staging::create(&output, []).unwrap();
    staging.write(Path::new("index.html"), b"two").unwrap();
    staging.commit(None).unwrap();
    assert_eq!(
        list(root.path()),
        [
            ".public.manifest",
            ".public.previous",
            ".public.previous.manifest",
            "public"
        ]
    );
    assert_eq!(list(&output), ["index.html"]);
    // The read-only old output, kept for the next build, cannot hinder it.
    let staging = Staging::create(&output, [Path::new("index.html")]).unwrap();
    staging.write(Path::new("index.html"), b"three").unwrap();
    staging.commit(None).unwrap();
    assert_eq!(list(&sibling(&output, "previous")), ["index.html"]);
}

fn list(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn restores_the_old_output_after_an_interrupted_swap() {
    let root = tempfile::tempdir().unwrap();
    let output = root.path().join("public");
    let old = root.path().join(".public.old");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("index.html"), "old").unwrap();
    let staging = Staging::create(&output, []).unwrap();
    drop(staging);
    assert_eq!(
        std::fs::read_to_string(output.join("index.html")).unwrap(),
        "old"
    );
}
