//! The test harness: a fixture site copied into a temporary folder, the real binary
//! run on it, and helpers to read what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A site in a temporary folder.
pub struct SiteTest {
    _temp: tempfile::TempDir,
    /// The site folder.
    pub site: PathBuf,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Outcome {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Outcome {
    fn from(output: std::process::Output) -> Self {
        Outcome {
            success: output.status.success(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Outcome {
    /// Panics with the output unless the run succeeded.
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(self.success, "build failed:\n{}", self.stderr);
        self
    }

    /// Panics unless the run failed with exit status 1; returns its stderr.
    #[track_caller]
    pub fn assert_failure(&self) -> &str {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit status 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        &self.stderr
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> SiteTest {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        assert!(source.is_dir(), "no fixture {}", source.display());
        let test = SiteTest::empty();
        copy_dir(&source, &test.site);
        test
    }

    /// A copy of `tests/fixtures/<name>`, built once with no options.
    pub fn built(name: &str) -> SiteTest {
        let site = SiteTest::fixture(name);
        site.build(&[]).assert_success();
        site
    }

    /// A copy of the example site at the top of the repository.
    pub fn example_site() -> SiteTest {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let test = SiteTest::empty();
        copy_dir(&root.join("content"), &test.site.join("content"));
        test
    }

    /// An empty site folder.
    pub fn empty() -> SiteTest {
        let temp = tempfile::tempdir().expect("temporary folder");
        let site = temp.path().join("site");
        std::fs::create_dir_all(&site).expect("site folder");
        SiteTest { _temp: temp, site }
    }

    /// Writes a file of the site, creating its folders.
    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.site.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Replaces `from` with `to` in a file of the site, which must contain it.
    pub fn edit(&self, relative: &str, from: &str, to: &str) -> &Self {
        let path = self.site.join(relative);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{relative} has no {from:?}");
        std::fs::write(path, text.replace(from, to)).expect("write");
        self
    }

    /// Runs `briefing build` in the site folder with extra arguments.
    pub fn build(&self, args: &[&str]) -> Outcome {
        self.run(&[&["build"], args].concat())
    }

    /// Runs the binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Outcome {
        let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .current_dir(&self.site)
            .env_remove("RUST_BACKTRACE")
            .output()
            .expect("run briefing");
        Outcome::from(output)
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.site.join("public")
    }

    /// A file of the default output folder.
    #[track_caller]
    pub fn read(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The `<main>` element of an output page: what the page says, without the layout.
    #[track_caller]
    pub fn main_of(&self, relative: &str) -> String {
        let html = self.read(relative);
        let start = html.find("<main").expect("page has <main>");
        let end = html.find("</main>").expect("page has </main>") + "</main>".len();
        html[start..end].to_string()
    }

    /// Every file under the default output folder, as sorted `/`-separated paths.
    pub fn output_files(&self) -> Vec<String> {
        list_files(&self.public())
    }
}

/// Every file under `dir`, as sorted `/`-separated relative paths.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(dir)
                .expect("inside dir")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    list_files(dir)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(dir.join(&file)).expect("read output file");
            (file, bytes)
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}
