//! `briefing serve` answers every URL with the bytes `briefing build` writes for it.
//!
//! The preview is only worth trusting if what it shows is what gets published. For each
//! fixture the test starts the preview, builds the same site with the preview's address
//! as `--base-url`, then asks the preview for the URL of every file the build wrote and
//! compares the answers byte for byte. Every difference is collected before the test
//! fails, so one run shows them all.
//!
//! One thing is taken out of serve's answers before comparing: the live-reload
//! `<script>` it adds right before `</body>` of every HTML answer. That element is found
//! by what it is (it starts as `live_reload_script` writes it and polls `WAIT_PATH`),
//! must be there exactly once, and is the only thing removed; every other byte, of
//! pages, feeds, data and images alike, must be the build's.

use std::collections::BTreeSet;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::serve::Server;
use crate::support::{SiteTest, list_files};

/// The live-reload endpoint that the script `serve` injects into HTML responses polls
/// (`WAIT_PATH` in src/serve/http.rs). Nothing the build writes mentions it.
const WAIT_PATH: &str = "/__briefing/wait";

/// How the injected script starts (`live_reload_script` in src/serve/http.rs).
const SCRIPT_START: &[u8] = b"<script>(function(){var v=";

/// What is kept as it is in a path segment of a URL; everything else is
/// percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A URL that no build writes a file for: static hosts answer it with `404.html`.
const MISSING: &str = "/no-such-page-in-any-fixture/";

/// One site served and built with the same options.
struct Case {
    /// Names the case in the list of differences.
    name: &'static str,
    site: SiteTest,
    /// Whether drafts are shown: `serve` shows them unless told `--no-drafts`, `build`
    /// hides them unless told `--drafts`.
    drafts: bool,
}

impl Case {
    /// A copy of `tests/fixtures/<fixture>`, served and built without drafts.
    fn fixture(fixture: &'static str) -> Case {
        Case {
            name: fixture,
            site: SiteTest::fixture(fixture),
            drafts: false,
        }
    }

    fn serve_args(&self) -> &'static [&'static str] {
        if self.drafts { &[] } else { &["--no-drafts"] }
    }

    fn build_args(&self) -> &'static [&'static str] {
        if self.drafts { &["--drafts"] } else { &[] }
    }
}

/// Gives the `bundle` fixture a PNG and a JPEG large enough to be resized, with
/// gradients so that any difference in resizing shows in the bytes.
fn add_images(site: &SiteTest) {
    let folder = site.site.join("content/articles/2024/04/talks");
    let gradient =
        |x: u32, y: u32| image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) % 256) as u8]);
    image::RgbImage::from_fn(1000, 500, gradient)
        .save(folder.join("map.png"))
        .expect("write map.png");
    image::RgbImage::from_fn(1200, 800, gradient)
        .save(folder.join("photo.jpg"))
        .expect("write photo.jpg");
    site.edit(
        TALKS,
        "(chart.svg)",
        "(chart.svg)\n\n![Map](map.png)\n\n![Photo](photo.jpg)",
    );
}

/// The article of the `bundle` fixture.
const TALKS: &str = "content/articles/2024/04/talks/index.md";

/// The fixtures as they are, which between them have most kinds of page: articles,
/// profiles, country notes, tags, archives and their later pages, feeds, data files,
/// search files, static files, and bundle files with resized PNG and JPEG images. Each
/// is served and built without drafts; the one with a draft once more with drafts; and
/// the example site of the repository too.
#[test]
fn serve_answers_every_url_with_the_bytes_build_writes() {
    let mut cases: Vec<Case> = [
        "good_site",
        "bundle",
        "tags",
        "sub_path_links",
        "country_aliases",
        "hostile_structured_data",
        "mention_traps",
    ]
    .into_iter()
    .map(Case::fixture)
    .collect();
    if let Some(bundle) = cases.iter().find(|case| case.name == "bundle") {
        add_images(&bundle.site);
    }
    cases.push(Case {
        name: "good_site with drafts",
        site: SiteTest::fixture("good_site"),
        drafts: true,
    });
    cases.push(Case {
        name: "example site",
        site: SiteTest::example_site(),
        drafts: false,
    });
    assert_serve_matches_build(&cases);
}

/// Files at URLs that must be spelled with care: a page of `static/` in a folder of its
/// own, served at the folder's URL, and files whose names are percent-encoded in URLs,
/// in `static/` and in a bundle.
#[test]
fn serve_answers_static_pages_and_encoded_names_with_the_bytes_build_writes() {
    let case = Case::fixture("bundle");
    case.site
        .write(
            "static/about/index.html",
            "<!DOCTYPE html>\n<html><body><p>About us</p></body></html>\n",
        )
        .write(
            "static/files/annual report.txt",
            "A static file with a space.\n",
        )
        .write(
            "content/articles/2024/04/talks/Côte d'Ivoire notes.txt",
            "A bundle file.\n",
        )
        .edit(
            TALKS,
            "(report.pdf)",
            "(report.pdf), [the notes](<Côte d'Ivoire notes.txt>)",
        );
    assert_serve_matches_build(&[case]);
}

/// Files of `static/` in the place of files the build makes: a page (`404.html`), a
/// generated file (`robots.txt`), a theme asset (`favicon.svg`) and a bundle file. The
/// build copies `static/` last, so its files are what gets published.
#[test]
fn serve_answers_static_files_in_place_of_generated_ones_as_build_publishes_them() {
    let case = Case::fixture("bundle");
    case.site
        .write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
        .write(
            "static/404.html",
            "<!DOCTYPE html>\n<html><body><p>Lost?</p></body></html>\n",
        )
        .write(
            "static/favicon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        )
        .write(
            "static/articles/talks/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        );
    assert_serve_matches_build(&[case]);
}

/// One URL where the preview and the build disagree.
struct Difference {
    case: &'static str,
    url: String,
    /// The preview's status, when it answered.
    status: Option<u16>,
    what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self
            .status
            .map_or_else(|| "no answer".to_string(), |status| status.to_string());
        write!(f, "[{}] {} ({status}): {}", self.case, self.url, self.what)
    }
}

/// Compares every case and fails, once, with every difference found.
#[track_caller]
fn assert_serve_matches_build(cases: &[Case]) {
    let mut differences = Vec::new();
    let mut compared = 0;
    for case in cases {
        compared += compare(case, &mut differences);
    }
    assert!(
        differences.is_empty(),
        "{} differences between serve and build over {compared} URLs:\n{}",
        differences.len(),
        differences
            .iter()
            .map(|difference| format!("  {difference}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Serves and builds `case`, pushes every difference, and returns how many URLs it
/// compared.
fn compare(case: &Case, differences: &mut Vec<Difference>) -> usize {
    let server = Server::start(&case.site, case.serve_args());
    let base_url = format!("http://{}/", server.address);
    let output = tempfile::tempdir().expect("temporary folder");
    let build = |folder: &str, args: &[&str]| {
        let public = output.path().join(folder);
        let public_arg = public.to_string_lossy().into_owned();
        case.site
            .build(&[args, &["--base-url", &base_url, "--output", &public_arg]].concat())
            .assert_success();
        public
    };
    let public = build("public", case.build_args());
    let files = list_files(&public);
    assert!(!files.is_empty(), "[{}] the build wrote nothing", case.name);
    let mut report = |url: &str, status: Option<u16>, what: String| {
        differences.push(Difference {
            case: case.name,
            url: url.to_string(),
            status,
            what,
        });
    };
    let mut compared = 0;

    for file in &files {
        let url = url_of(file);
        let built = std::fs::read(public.join(file)).expect("read a built file");
        compare_one(
            &server,
            &url,
            200,
            file.ends_with(".html"),
            &built,
            &mut report,
        );
        compared += 1;
    }
    // Where the build wrote no file, a host answers with its 404 page: so must serve,
    // for a URL no site has and, without drafts, for the files only drafts give.
    let not_found = std::fs::read(public.join("404.html")).expect("the build writes 404.html");
    let mut missing = vec![MISSING.to_string()];
    if !case.drafts {
        let with_drafts = list_files(&build("with-drafts", &["--drafts"]));
        let built: BTreeSet<&String> = files.iter().collect();
        missing.extend(
            with_drafts
                .iter()
                .filter(|file| !built.contains(file))
                .map(|file| url_of(file)),
        );
    }
    for url in &missing {
        compare_one(&server, url, 404, true, &not_found, &mut report);
        compared += 1;
    }

    // The sitemap lists the pages: the build must have a file for each, and serve must
    // answer each. Serve's own sitemap must list no page the build lacks.
    let urls: BTreeSet<String> = files.iter().map(|file| url_of(file)).collect();
    let sitemap = std::fs::read(public.join("sitemap.xml")).expect("the build writes a sitemap");
    for url in sitemap_paths(&sitemap, &base_url, &mut report) {
        if !urls.contains(&url) {
            report(
                &url,
                None,
                "in the build's sitemap, but the build wrote no file for it".into(),
            );
        }
        match server.get_bytes(&url) {
            Ok(response) if response.status == 200 => {}
            Ok(response) => report(
                &url,
                Some(response.status),
                "in the build's sitemap, but serve does not answer 200".into(),
            ),
            Err(error) => report(
                &url,
                None,
                format!("in the build's sitemap; serve: {error}"),
            ),
        }
    }
    // A failure to answer is already reported for /sitemap.xml itself.
    if let Ok(response) = server.get_bytes("/sitemap.xml") {
        for url in sitemap_paths(&response.body, &base_url, &mut report) {
            if !urls.contains(&url) {
                report(
                    &url,
                    None,
                    "in serve's sitemap, but the build wrote no file for it".into(),
                );
            }
        }
    }
    compared
}

/// GETs `url` from the preview and reports how its answer differs from `built`, the
/// file the build wrote for it, expecting status `expected`. HTML answers have the
/// live-reload script removed first.
fn compare_one(
    server: &Server,
    url: &str,
    expected: u16,
    html: bool,
    built: &[u8],
    report: &mut impl FnMut(&str, Option<u16>, String),
) {
    let response = match server.get_bytes(url) {
        Ok(response) => response,
        Err(error) => return report(url, None, error),
    };
    let mut problems = Vec::new();
    if response.status != expected {
        problems.push(format!(
            "status {} where {expected} was expected",
            response.status
        ));
    }
    let served = if html {
        without_live_reload(&response.body)
    } else {
        Ok(response.body)
    };
    match served {
        Ok(served) => problems.extend(first_difference(built, &served)),
        Err(problem) => problems.push(problem),
    }
    if !problems.is_empty() {
        report(url, Some(response.status), problems.join("; "));
    }
}

/// The URL serve answers for a file of the build: `index.html` names its folder
/// (`people/index.html` → `/people/`), any other file its own path; each segment is
/// percent-encoded.
fn url_of(file: &str) -> String {
    let folder = match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => file,
    };
    let encoded: Vec<String> = folder
        .split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect();
    format!("/{}", encoded.join("/"))
}

/// The paths (`/people/`) of the `<loc>` URLs of a sitemap, each in the form
/// [`url_of`] gives; a URL outside `base_url` is reported instead.
fn sitemap_paths(
    sitemap: &[u8],
    base_url: &str,
    report: &mut impl FnMut(&str, Option<u16>, String),
) -> Vec<String> {
    let text = String::from_utf8_lossy(sitemap);
    let mut paths = Vec::new();
    for piece in text.split("<loc>").skip(1) {
        let Some((loc, _)) = piece.split_once("</loc>") else {
            report(
                "/sitemap.xml",
                None,
                format!("a <loc> is not closed: {piece:.80}"),
            );
            continue;
        };
        let loc = loc
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        match loc.strip_prefix(base_url) {
            // Decoded and encoded again, so that both sides spell a URL the same way.
            Some(rest) => {
                let decoded = percent_decode_str(rest).decode_utf8_lossy();
                let file = if decoded.is_empty() || decoded.ends_with('/') {
                    format!("{decoded}index.html")
                } else {
                    decoded.into_owned()
                };
                paths.push(url_of(&file));
            }
            None => report(
                "/sitemap.xml",
                None,
                format!("<loc>{loc}</loc> is not under {base_url}"),
            ),
        }
    }
    paths
}

/// An HTML answer of serve without the live-reload script it injects: one `<script>`
/// element that polls [`WAIT_PATH`], right before the last `</body>` (or at the end
/// when there is none). `Err` says how the answer breaks that rule: no script, more
/// than one, or one somewhere else.
fn without_live_reload(body: &[u8]) -> Result<Vec<u8>, String> {
    let mentions = find_all(body, WAIT_PATH.as_bytes());
    let [at] = mentions[..] else {
        return Err(format!(
            "the answer names {WAIT_PATH} {} times; the live-reload script is injected once",
            mentions.len()
        ));
    };
    // `<script>(function(){var v=<version>;` and on to the `</script>` after the path.
    let start = rfind(&body[..at], b"<script>")
        .filter(|&start| {
            body[start..]
                .strip_prefix(SCRIPT_START)
                .is_some_and(|rest| {
                    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                    digits > 0 && rest.get(digits) == Some(&b';')
                })
        })
        .ok_or_else(|| format!("{WAIT_PATH} is not in the live-reload script"))?;
    let end = find(&body[at..], b"</script>")
        .map(|end| at + end + b"</script>".len())
        .ok_or_else(|| "the live-reload script is not closed".to_string())?;
    let rest = &body[end..];
    let placed = match rfind(body, b"</body>") {
        Some(last) => last == end,
        None => rest.is_empty(),
    };
    if !placed {
        return Err(format!(
            "the live-reload script is not right before the last </body>; after it: {}",
            excerpt(rest, 0, 60)
        ));
    }
    Ok([&body[..start], rest].concat())
}

/// Where `served` first differs from `built`, with a little of each around it, or
/// `None` when they are the same bytes.
fn first_difference(built: &[u8], served: &[u8]) -> Option<String> {
    if built == served {
        return None;
    }
    let offset = built
        .iter()
        .zip(served)
        .position(|(a, b)| a != b)
        .unwrap_or(built.len().min(served.len()));
    Some(format!(
        "differs from byte {offset} (build {} bytes, serve {}):\n      build: {}\n      serve: {}",
        built.len(),
        served.len(),
        excerpt(built, offset, 48),
        excerpt(served, offset, 48),
    ))
}

/// Up to `width` bytes either side of `offset`, printable, with `[…]` marking the
/// offset.
fn excerpt(bytes: &[u8], offset: usize, width: usize) -> String {
    let offset = offset.min(bytes.len());
    let before = &bytes[offset.saturating_sub(width)..offset];
    let after = &bytes[offset..(offset + width).min(bytes.len())];
    format!("…{}[…]{}…", before.escape_ascii(), after.escape_ascii())
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Where `needle` last occurs in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// Every place `needle` occurs in `haystack`.
fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter_map(|(at, window)| (window == needle).then_some(at))
        .collect()
}

#[test]
fn urls_name_folders_for_index_files_and_are_percent_encoded() {
    assert_eq!(url_of("index.html"), "/");
    assert_eq!(url_of("people/wang-yi/index.html"), "/people/wang-yi/");
    assert_eq!(url_of("404.html"), "/404.html");
    assert_eq!(url_of("search/index.json"), "/search/index.json");
    assert_eq!(
        url_of("articles/talks/myindex.html"),
        "/articles/talks/myindex.html"
    );
    assert_eq!(
        url_of("files/C\u{f4}te d'Ivoire.csv"),
        "/files/C%C3%B4te%20d%27Ivoire.csv"
    );
}

#[test]
fn only_the_injected_script_is_removed() {
    let script = "<script>(function(){var v=3;function wait(){fetch('/__briefing/wait?version='+v);}wait();})();</script>";
    let page = format!("<html><body><script>x()</script><p>Hi</p>{script}</body></html>");
    assert_eq!(
        without_live_reload(page.as_bytes()).as_deref(),
        Ok(&b"<html><body><script>x()</script><p>Hi</p></body></html>"[..])
    );
    assert!(without_live_reload(b"<html><body></body></html>").is_err());
    let twice = format!("<html><body>{script}{script}</body></html>");
    assert!(without_live_reload(twice.as_bytes()).is_err());
    let misplaced = format!("<html><body>{script}<p>Hi</p></body></html>");
    assert!(without_live_reload(misplaced.as_bytes()).is_err());
}
