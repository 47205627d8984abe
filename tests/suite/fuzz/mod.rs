//! Mutated input through the real parse and render path: no panic, and either a page or
//! an error that says where.
//!
//! A seeded generator (no dependency) mutates the fixture site's articles, profiles,
//! notes and `briefing.yaml`: YAML and Markdown tokens inserted, text deleted or
//! doubled, lines swapped, odd characters. Most cases go through the parsers in
//! process; every [`SITE_EVERY`]th goes through a whole in-process check of the site
//! (load, index, render every page), and a few through `briefing build`.
//!
//! `BRIEFING_FUZZ_CASES` sets the number of cases (default [`DEFAULT_CASES`]) and
//! `BRIEFING_FUZZ_SEED` the seed, so a longer run is
//! `BRIEFING_FUZZ_CASES=200000 cargo test --release --test suite fuzz -- --nocapture`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use briefing::check::{Severity, check_site};
use briefing::config::parse_config;
use briefing::content::{parse_article, parse_country_note, parse_person_profile};
use briefing::error::Error;
use briefing::markdown::render_markdown;
use briefing::site::SiteOptions;

use crate::support::SiteTest;

mod generate;

use generate::{Kind, Rng, mutate, seeds};

/// Cases run by `cargo test`.
const DEFAULT_CASES: usize = 3000;

/// One case in this many also checks a whole site built around the mutated file.
const SITE_EVERY: usize = 60;

/// Cases run through the binary.
const BINARY_CASES: usize = 8;

/// How one case ended.
enum Verdict {
    /// The file was read.
    Accepted,
    /// The file was refused with errors that point into it.
    Refused,
    /// What went wrong.
    Failed(String),
}

/// How one file of `kind` with `text` fares in its parser.
fn judge(kind: Kind, text: &str) -> Verdict {
    let path = Path::new(kind.path());
    let parsed = catch_unwind(AssertUnwindSafe(|| -> Result<(), Error> {
        match kind {
            Kind::Article => {
                let article = parse_article(text, path, &jiff::tz::TimeZone::UTC)?;
                render_markdown(&article.body, false);
                render_markdown(&article.body, true);
            }
            Kind::Profile => {
                render_markdown(&parse_person_profile(text, path)?.body, false);
            }
            Kind::Note => {
                render_markdown(&parse_country_note(text, path)?.body, false);
            }
            Kind::Config => {
                parse_config(text, path)?;
            }
        }
        Ok(())
    }));
    match parsed {
        Err(_) => Verdict::Failed("panicked".into()),
        Ok(Ok(())) => Verdict::Accepted,
        Ok(Err(error)) => match unlocated(&error, path, text) {
            Some(problem) => Verdict::Failed(problem),
            None => Verdict::Refused,
        },
    }
}

/// An error in the list that does not point into the file at a line it has.
fn unlocated(error: &Error, path: &Path, text: &str) -> Option<String> {
    let errors = match error {
        Error::Many(errors) => errors.iter().collect(),
        error => vec![error],
    };
    let lines: Vec<&str> = text.lines().collect();
    errors.into_iter().find_map(|error| {
        let inside = error.location().is_some_and(|at| {
            // One past the last line and one past the end of a line are places too.
            let width = lines
                .get(at.line.wrapping_sub(1))
                .map_or(0, |line| line.chars().count());
            at.path == path
                && (1..=lines.len() + 1).contains(&at.line)
                && (1..=width + 1).contains(&at.column)
        });
        (!inside).then(|| format!("not located in the file: {error}"))
    })
}

/// A copy of the fixture site with `text` at `kind`'s path, checked in process: every
/// page rendered, every problem located.
fn judge_site(kind: Kind, text: &str) -> Option<String> {
    let site = SiteTest::fixture("good_site");
    site.write(kind.path(), text);
    let options = SiteOptions {
        site_dir: site.site.clone(),
        include_drafts: true,
        base_url: None,
    };
    match catch_unwind(AssertUnwindSafe(|| check_site(&options))) {
        Err(_) => Some("check panicked".into()),
        // Every problem, a config that cannot be read among them, must say where.
        Ok(report) => report
            .problems
            .iter()
            .find(|problem| {
                problem.severity == Severity::Error
                    && (problem.path.is_none() || problem.line.is_none_or(|line| line == 0))
            })
            .map(|problem| format!("problem without a place: {problem:?}")),
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The seed when `BRIEFING_FUZZ_SEED` is not set.
const DEFAULT_SEED: u64 = 0x5eed_b41e_f00d;

#[test]
fn mutated_files_give_a_page_or_a_located_error_never_a_panic() {
    let cases = setting("BRIEFING_FUZZ_CASES", DEFAULT_CASES as u64) as usize;
    let seed = setting("BRIEFING_FUZZ_SEED", DEFAULT_SEED);
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    let mut failures = Vec::new();
    let (mut accepted, mut refused, mut sites) = (0, 0, 0);
    // Panics are caught and reported with their input; the default hook would print
    // each one as well.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in 0..cases {
        let (kind, seed_text) = rng.pick(&seeds);
        let text = mutate(&mut rng, seed_text);
        let mut failure = match judge(*kind, &text) {
            Verdict::Accepted => {
                accepted += 1;
                None
            }
            Verdict::Refused => {
                refused += 1;
                None
            }
            Verdict::Failed(problem) => Some(problem),
        };
        if failure.is_none() && case % SITE_EVERY == 0 {
            sites += 1;
            failure = judge_site(*kind, &text);
        }
        if let Some(problem) = failure {
            failures.push(format!("case {case} ({kind:?}): {problem}\n{text:?}"));
        }
    }
    std::panic::set_hook(hook);
    eprintln!(
        "fuzz: seed {seed:#x}, {cases} cases ({accepted} accepted, {refused} refused with a located error), {sites} whole sites checked, {} failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
}

#[test]
fn mutated_sites_through_the_binary_build_or_fail_with_located_errors() {
    let seeds = seeds();
    let mut rng = Rng(setting("BRIEFING_FUZZ_SEED", DEFAULT_SEED) ^ 0xb1_0a5e);
    for case in 0..BINARY_CASES {
        let site = SiteTest::fixture("good_site");
        let mut written = Vec::new();
        for _ in 0..=rng.below(3) {
            let (kind, seed_text) = rng.pick(&seeds);
            let mut bytes = mutate(&mut rng, seed_text).into_bytes();
            // Some cases are not UTF-8 at all.
            if rng.below(6) == 0 && !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] = 0xff;
            }
            let path: PathBuf = site.site.join(kind.path());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            written.push((kind.path(), String::from_utf8_lossy(&bytes).into_owned()));
        }
        let outcome = site.build(&[]);
        let context = format!("case {case}: {written:?}\n{}", outcome.stderr);
        assert!(matches!(outcome.code, Some(0 | 1)), "{context}");
        assert!(!outcome.stderr.contains("panicked"), "{context}");
        if outcome.code == Some(1) {
            for line in outcome.stderr.lines() {
                let located = line
                    .split(':')
                    .nth(2)
                    .is_some_and(|column| column.parse::<usize>().is_ok());
                assert!(
                    located || line.starts_with("error: build failed"),
                    "unlocated line {line:?} in {context}"
                );
            }
        }
    }
}
