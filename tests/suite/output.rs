//! The output folder's safety: what a build refuses to replace, links, the lock that
//! keeps two builds apart, and swaps that fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Outcome, SiteTest, list_files, snapshot_dir};

/// The names in `dir` that start with a dot: the sidecars beside an output.
fn sidecars(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn refuses_an_output_that_is_holds_or_is_inside_a_source_folder() {
    let site = SiteTest::fixture("good_site");
    site.write("templates/article.html", "{% extends \"base.html\" %}");
    let before = snapshot_dir(&site.site);
    for (output, relation, source) in [
        ("content", "it is the site's source folder", "content"),
        ("static", "it is the site's source folder", "static"),
        ("templates", "it is the site's source folder", "templates"),
        (
            "content/articles",
            "it is inside the site's source folder",
            "content",
        ),
        (
            "static/images/new",
            "it is inside the site's source folder",
            "static",
        ),
        (".", "it holds the site's source folder", "content"),
        (
            "content/../templates",
            "it is the site's source folder",
            "templates",
        ),
    ] {
        let stderr = site
            .build(&["--output", output])
            .assert_failure()
            .to_string();
        assert!(
            stderr.starts_with(&format!(
                "refusing to write the site to `{output}`: {relation} `{source}`"
            )),
            "--output {output}: {stderr}"
        );
        // Nothing written, not even a sidecar: the snapshot holds every dot file too.
        assert_eq!(snapshot_dir(&site.site), before, "--output {output}");
    }
    // A link into the sources is refused too, the link left as it was.
    std::os::unix::fs::symlink("content/articles", site.site.join("public")).unwrap();
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains("it is inside the site's source folder `content`"),
        "{stderr}"
    );
    assert_eq!(
        snapshot_dir(&site.site.join("content")),
        snapshot_dir(&SiteTest::fixture("good_site").site.join("content"))
    );
}

#[test]
fn a_linked_output_is_written_where_it_points_and_the_link_kept() {
    let site = SiteTest::fixture("good_site");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("www");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "not the build's").unwrap();
    std::os::unix::fs::symlink(&target, site.public()).unwrap();

    // The folder it points to holds files no build wrote: refused, nothing deleted.
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(stderr.contains("(`keep.txt`)"), "{stderr}");
    assert_eq!(list_files(&target), ["keep.txt"]);
    assert!(site.public().is_symlink());

    std::fs::remove_file(target.join("keep.txt")).unwrap();
    site.build(&[]).assert_success();
    assert!(site.public().is_symlink(), "the link is still a link");
    assert!(target.join("index.html").is_file());
    let built = list_files(&target);
    site.write(
        "content/articles/2024/later.md",
        "---\ntitle: Later talks\ndate: 2024-06-01\n---\nBody.\n",
    );
    site.build(&[]).assert_success();
    assert!(site.public().is_symlink());
    assert!(target.join("articles/later/index.html").is_file());
    assert_eq!(list_files(&target).len(), built.len() + 1);
    // The sidecars are beside the folder written, none beside the link.
    assert_eq!(sidecars(&site.site), Vec::<String>::new());
    assert_eq!(
        sidecars(elsewhere.path()),
        [
            ".www.cache",
            ".www.lock",
            ".www.manifest",
            ".www.previous",
            ".www.previous.manifest"
        ]
    );
}

#[test]
fn refuses_a_folder_of_files_briefing_did_not_write_unless_told_to_replace_it() {
    let site = SiteTest::fixture("good_site");
    let mine = site.site.parent().unwrap().join("mine");
    for (name, text) in [
        ("notes.txt", "mine"),
        ("drafts/a.md", "mine"),
        ("z.png", "x"),
    ] {
        std::fs::create_dir_all(mine.join(name).parent().unwrap()).unwrap();
        std::fs::write(mine.join(name), text).unwrap();
    }
    let before = snapshot_dir(&mine);
    for args in [
        &["--output", "../mine"][..],
        &["--output", "../mine", "--force"],
    ] {
        let stderr = site.build(args).assert_failure().to_string();
        assert!(
            stderr.starts_with(
                "refusing to replace `../mine`: it holds files that briefing did not write (`drafts/a.md`, `notes.txt`, `z.png`)"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("--replace-output"), "{stderr}");
        assert_eq!(snapshot_dir(&mine), before);
        assert!(sidecars(site.site.parent().unwrap()).is_empty());
    }
    site.build(&["--output", "../mine", "--replace-output"])
        .assert_success();
    assert!(!mine.join("notes.txt").exists());
    assert!(mine.join("index.html").is_file());
    // Once a build wrote it, it is the build's output: no flag needed.
    site.build(&["--output", "../mine", "--force"])
        .assert_success();
    // An empty folder, or a new one, needs no flag either.
    let empty = site.site.parent().unwrap().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    site.build(&["--output", "../empty"]).assert_success();
}

/// A site large enough that a debug build of it is still writing when a second
/// process has started.
fn large_site() -> SiteTest {
    let site = SiteTest::empty();
    let paragraph = "Officials met in Geneva to discuss the conference. ".repeat(20);
    for number in 0..1000 {
        site.write(
            &format!("content/articles/bulk/{number}.md"),
            &format!(
                "---\ntitle: Bulk {number}\ndate: 2024-02-01\ncountries: [CH, UA]\npeople: [Person {}]\n---\n{paragraph}\n",
                number % 40
            ),
        );
    }
    site
}

fn spawn_build(site: &SiteTest, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .args(args)
        .current_dir(&site.site)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> Outcome {
    Outcome::from(child.wait_with_output().unwrap())
}

/// Waits until `path` exists, while `child` is still running.
fn wait_for(path: &Path, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !path.exists() {
        assert!(child.try_wait().unwrap().is_none(), "the build ended first");
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_second_build_of_the_same_output_waits_for_the_first() {
    let site = large_site();
    site.build(&["--output", "reference"]).assert_success();
    let reference = snapshot_dir(&site.site.join("reference"));

    let mut first = spawn_build(&site, &["--force"]);
    wait_for(&site.site.join(".public.staging/articles"), &mut first);
    let second = spawn_build(&site, &["--force"]);
    let second = finish(second);
    let first = finish(first);
    first.assert_success();
    second.assert_success();
    assert!(
        second
            .stderr
            .contains("another build of ./public is running; waiting for it to finish"),
        "{}",
        second.stderr
    );
    assert_eq!(snapshot_dir(&site.public()), reference);

    // Any interleaving of several at once leaves one whole site.
    let builds: Vec<Child> = (0..2).map(|_| spawn_build(&site, &["--force"])).collect();
    for build in builds {
        finish(build).assert_success();
    }
    assert_eq!(snapshot_dir(&site.public()), reference);
    assert_eq!(
        sidecars(&site.site),
        [
            ".public.cache",
            ".public.lock",
            ".public.manifest",
            ".public.previous",
            ".public.previous.manifest",
            ".reference.cache",
            ".reference.lock",
            ".reference.manifest"
        ]
    );
}

#[test]
fn a_killed_build_releases_its_lock() {
    let site = large_site();
    let mut first = spawn_build(&site, &[]);
    wait_for(&site.site.join(".public.staging/articles"), &mut first);
    first.kill().unwrap();
    first.wait().unwrap();
    let next = site.build(&[]);
    next.assert_success();
    assert!(!next.stderr.contains("waiting"), "{}", next.stderr);
    assert!(site.read("articles/0/index.html").contains("Bulk 0"));
}

/// Sets or clears the immutable attribute; `false` when the filesystem or the
/// process's privileges do not allow it.
fn immutable(path: &Path, on: bool) -> bool {
    Command::new("chattr")
        .arg(if on { "+i" } else { "-i" })
        .arg(path)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Clears the immutable attribute when dropped, so the temporary folder can go.
struct Immutable(PathBuf);

impl Immutable {
    fn set(path: PathBuf) -> Option<Immutable> {
        immutable(&path, true).then_some(Immutable(path))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        immutable(&self.0, false);
    }
}

#[test]
fn a_swap_that_fails_leaves_exactly_the_previous_output() {
    let site = SiteTest::built("good_site");
    let before = snapshot_dir(&site.public());
    // An immutable folder cannot be renamed, even by root.
    let Some(guard) = Immutable::set(site.public()) else {
        println!("skipped: chattr +i is not available here (filesystem or privileges)");
        return;
    };
    site.write(
        "content/articles/2024/later.md",
        "---\ntitle: Later talks\ndate: 2024-06-01\n---\nBody.\n",
    );
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains("the previous output was left untouched"),
        "{stderr}"
    );
    assert_eq!(snapshot_dir(&site.public()), before);
    assert_eq!(
        sidecars(&site.site),
        [".public.cache", ".public.lock", ".public.manifest"]
    );
    drop(guard);
    site.build(&[]).assert_success();
    assert!(
        site.read("articles/later/index.html")
            .contains("Later talks")
    );
}

#[test]
fn a_stale_staging_folder_that_cannot_be_removed_does_not_block_a_build() {
    let site = SiteTest::built("good_site");
    let stale = site.site.join(".public.staging");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("index.html"), "stale").unwrap();
    let Some(guard) = Immutable::set(stale.join("index.html")) else {
        println!("skipped: chattr +i is not available here (filesystem or privileges)");
        return;
    };
    site.write(
        "content/articles/2024/later.md",
        "---\ntitle: Later talks\ndate: 2024-06-01\n---\nBody.\n",
    );
    site.build(&[]).assert_success();
    assert!(
        site.read("articles/later/index.html")
            .contains("Later talks")
    );
    drop(guard);
    // Once it can go, the next build removes it; the output before the last build is
    // kept beside the output for the next.
    site.build(&["--force"]).assert_success();
    assert_eq!(
        sidecars(&site.site),
        [
            ".public.cache",
            ".public.lock",
            ".public.manifest",
            ".public.previous",
            ".public.previous.manifest"
        ]
    );
}

/// An unprivileged user to run the binary as, when this process may switch to one.
const NOBODY: &str = "65534";

/// Runs `briefing build` in `site` as [`NOBODY`]; `None` when `setpriv` cannot.
fn build_as_nobody(site: &Path) -> Option<Outcome> {
    let output = Command::new("setpriv")
        .args(["--reuid", NOBODY, "--regid", NOBODY, "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(site)
        .output()
        .ok()?;
    let outcome = Outcome::from(output);
    (!outcome.stderr.starts_with("setpriv:")).then_some(outcome)
}

/// A temporary folder any user may enter, holding a copy of `good_site` owned by
/// [`NOBODY`] when `owned` (else by whoever runs the tests).
fn site_for_nobody(owned: bool) -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let site = root.path().join("site");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good_site");
    let status = Command::new("cp")
        .arg("-r")
        .arg(&fixture)
        .arg(&site)
        .status()
        .unwrap();
    assert!(status.success());
    if owned {
        let status = Command::new("chown")
            .args(["-R", &format!("{NOBODY}:{NOBODY}")])
            .arg(&site)
            .status()
            .unwrap();
        assert!(status.success());
    }
    (root, site)
}

fn chmod(args: &[&str], path: &Path) {
    let status = Command::new("chmod").args(args).arg(path).status().unwrap();
    assert!(status.success());
}

const LATER: &str = "---\ntitle: Later talks\ndate: 2024-06-01\n---\nBody.\n";

#[test]
fn a_read_only_output_of_an_unprivileged_owner_is_replaced_whole() {
    let (_root, site) = site_for_nobody(true);
    let Some(first) = build_as_nobody(&site) else {
        println!("skipped: cannot run as an unprivileged user here");
        return;
    };
    first.assert_success();
    chmod(&["-R", "a-w"], &site.join("public"));
    std::fs::write(site.join("content/articles/later.md"), LATER).unwrap();

    let outcome = build_as_nobody(&site).unwrap();
    assert!(outcome.success, "{}", outcome.stderr);
    let page = std::fs::read_to_string(site.join("public/articles/later/index.html")).unwrap();
    assert!(page.contains("Later talks"));
    assert_eq!(
        sidecars(&site),
        [
            ".public.cache",
            ".public.lock",
            ".public.manifest",
            ".public.previous",
            ".public.previous.manifest"
        ]
    );
    // The read-only old output, kept beside the new one, hinders no later build.
    build_as_nobody(&site).unwrap().assert_success();
    build_as_nobody(&site).unwrap().assert_success();
}

#[test]
fn a_swap_refused_to_an_unprivileged_user_leaves_exactly_the_previous_output() {
    // In a folder with the sticky bit, as in /tmp, only a folder's owner may rename
    // it: an output built by root cannot be swapped out by another user.
    let (_root, site) = site_for_nobody(false);
    chmod(&["1777"], &site);
    let first = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(first.status.success());
    let before = snapshot_dir(&site.join("public"));
    std::fs::write(site.join("content/articles/later.md"), LATER).unwrap();
    let Some(outcome) = build_as_nobody(&site) else {
        println!("skipped: cannot run as an unprivileged user here");
        return;
    };
    let stderr = outcome.assert_failure();
    assert!(
        stderr.contains("the previous output was left untouched"),
        "{stderr}"
    );
    assert_eq!(snapshot_dir(&site.join("public")), before);
    assert_eq!(
        sidecars(&site),
        [".public.cache", ".public.lock", ".public.manifest"]
    );
}
