//! Article bundles: an article folder's files published under its URL, only those its
//! body links to, and links that would leave the bundle refused where they are written.

use crate::support::SiteTest;

const TALKS: &str = "content/articles/2024/04/talks/index.md";

#[test]
fn a_bundle_publishes_the_files_its_body_links_to_under_its_url() {
    let site = SiteTest::built("bundle");
    let files = site.output_files();
    for published in [
        "articles/talks/index.html",
        "articles/talks/chart.svg",
        "articles/talks/report.pdf",
        "articles/talks/files/figures.csv",
    ] {
        assert!(
            files.contains(&published.to_string()),
            "{published} in {files:?}"
        );
    }
    assert!(
        !files
            .iter()
            .any(|file| file.ends_with("unused.txt") || file.ends_with("index.md")),
        "files nothing links to stay out: {files:?}"
    );
    assert_eq!(
        site.read("articles/talks/chart.svg"),
        std::fs::read_to_string(site.site.join("content/articles/2024/04/talks/chart.svg"))
            .unwrap(),
        "SVG is copied as it is"
    );
    let main = site.main_of("articles/talks/index.html");
    assert!(
        main.contains(r#"<img src="/articles/talks/chart.svg" alt="Chart of the meetings""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/articles/talks/report.pdf">the report</a>"#),
        "{main}"
    );
    assert!(
        main.contains(r#"href="/articles/talks/files/figures.csv?v=2""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/articles/earlier/">another briefing</a>"#),
        "{main}"
    );
}

#[test]
fn bundle_urls_carry_the_sub_path_of_the_base_url() {
    let site = SiteTest::fixture("bundle");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let main = site.main_of("articles/talks/index.html");
    assert!(
        main.contains(r#"<img src="/briefings/articles/talks/chart.svg""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<a href="/briefings/articles/talks/report.pdf">"#),
        "{main}"
    );
    assert!(site.public().join("articles/talks/report.pdf").is_file());
}

#[test]
fn a_bundle_folder_names_the_slug_unless_front_matter_does() {
    let site = SiteTest::fixture("bundle");
    site.edit(
        TALKS,
        "title: Talks in Geneva\n",
        "title: Talks in Geneva\nslug: geneva\n",
    );
    site.build(&[]).assert_success();
    assert!(site.public().join("articles/geneva/report.pdf").is_file());
    assert!(!site.public().join("articles/talks").exists());
}

#[test]
fn check_reports_a_missing_bundle_file_where_it_is_linked() {
    let site = SiteTest::fixture("bundle");
    site.edit(TALKS, "(report.pdf)", "(missing.pdf)");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(1), "{}", outcome.stdout);
    assert!(
        outcome.stdout.contains(&format!(
            "{TALKS}:10:6: error: link to `missing.pdf` leads nowhere"
        )),
        "{}",
        outcome.stdout
    );
}

#[test]
fn check_accepts_a_bundle_file_without_an_extension() {
    let site = SiteTest::fixture("bundle");
    site.write("content/articles/2024/04/talks/LICENSE", "MIT\n");
    site.edit(TALKS, "(report.pdf)", "(LICENSE)");
    let outcome = site.run(&["check"]);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stdout);
    site.build(&[]).assert_success();
    assert_eq!(site.read("articles/talks/LICENSE"), "MIT\n");
}

#[test]
fn a_link_out_of_the_bundle_is_refused_where_it_is_written() {
    let site = SiteTest::fixture("bundle");
    site.write("content/secret.txt", "not for the site\n");
    site.edit(TALKS, "(report.pdf)", "(../../../../secret.txt)");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains(&format!(
            "{TALKS}:10:6: `../../../../secret.txt` leads out of the bundle content/articles/2024/04/talks"
        )),
        "{stderr}"
    );
    assert!(!site.public().exists(), "nothing is written");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_the_bundle_is_refused_where_it_is_linked() {
    let site = SiteTest::fixture("bundle");
    site.write("outside/secret.txt", "not for the site\n");
    let bundle = site.site.join("content/articles/2024/04/talks");
    std::os::unix::fs::symlink(site.site.join("outside"), bundle.join("linked")).unwrap();
    site.edit(TALKS, "(report.pdf)", "(linked/secret.txt)");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains(&format!(
            "{TALKS}:10:6: `linked/secret.txt` is a symbolic link in the bundle"
        )),
        "{stderr}"
    );
}

/// The bundle fixture with a `width`×`height` PNG as `map.png`, shown with `markdown`.
fn site_with_map(width: u32, height: u32, markdown: &str) -> SiteTest {
    let site = SiteTest::fixture("bundle");
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    image
        .save(site.site.join("content/articles/2024/04/talks/map.png"))
        .unwrap();
    site.edit(
        TALKS,
        "The delegations met twice.\n",
        &format!("The delegations met twice.\n\n{markdown}\n"),
    );
    site
}

fn decoded_size(path: &std::path::Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_raster_image_is_published_resized_never_upscaled() {
    let site = site_with_map(2000, 1000, "![Map of Geneva](map.png)");
    site.build(&[]).assert_success();
    let talks = site.public().join("articles/talks");
    assert_eq!(decoded_size(&talks.join("map-480w.png")), (480, 240));
    assert_eq!(decoded_size(&talks.join("map-960w.png")), (960, 480));
    assert_eq!(decoded_size(&talks.join("map-1600w.png")), (1600, 800));
    assert!(
        !talks.join("map.png").exists(),
        "the original is not published"
    );

    let small = site_with_map(700, 350, "![Map of Geneva](map.png)");
    small.build(&[]).assert_success();
    let talks = small.public().join("articles/talks");
    assert_eq!(decoded_size(&talks.join("map-480w.png")), (480, 240));
    assert_eq!(decoded_size(&talks.join("map-700w.png")), (700, 350));
    assert!(!talks.join("map-960w.png").exists(), "never upscaled");
}

#[test]
fn an_image_carries_srcset_sizes_and_its_size() {
    let site = site_with_map(2000, 1000, "![Map of Geneva](map.png)");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    let main = site.main_of("articles/talks/index.html");
    let expected = concat!(
        r#"<p><img src="/briefings/articles/talks/map-1600w.png" "#,
        r#"srcset="/briefings/articles/talks/map-480w.png 480w, /briefings/articles/talks/map-960w.png 960w, /briefings/articles/talks/map-1600w.png 1600w" "#,
        r#"sizes="(max-width: 42rem) 100vw, 42rem" width="1600" height="800" alt="Map of Geneva" loading="lazy" decoding="async"></p>"#,
    );
    assert!(main.contains(expected), "{main}");
    let outcome = site.run(&["check", "--base-url", "https://example.org/briefings/"]);
    assert!(
        !outcome.stdout.contains("map"),
        "every variant is a link target: {}",
        outcome.stdout
    );
}

#[test]
fn an_image_with_a_title_becomes_a_figure() {
    let site = site_with_map(
        500,
        250,
        r#"![Map of Geneva](map.png "Where the <talks> were")"#,
    );
    site.build(&[]).assert_success();
    let main = site.main_of("articles/talks/index.html");
    assert!(
        main.contains(r#"<figure><img src="/articles/talks/map-500w.png" srcset="/articles/talks/map-480w.png 480w, /articles/talks/map-500w.png 500w""#),
        "{main}"
    );
    assert!(
        main.contains(r#"<figcaption>Where the &lt;talks&gt; were</figcaption></figure>"#),
        "{main}"
    );
    assert!(
        !main.contains("<p><figure>"),
        "a figure is no paragraph's child: {main}"
    );
}

#[test]
fn an_image_that_cannot_be_decoded_is_an_error_where_it_is_shown() {
    let site = SiteTest::fixture("bundle");
    site.write("content/articles/2024/04/talks/map.png", "this is no PNG");
    site.edit(TALKS, "(chart.svg)", "(map.png)");
    let stderr = site.build(&[]).assert_failure().to_string();
    assert!(
        stderr.contains(&format!("{TALKS}:8:1: image `map.png` cannot be decoded")),
        "{stderr}"
    );
}

#[test]
fn a_second_build_reuses_the_resized_images() {
    let site = site_with_map(1000, 500, "![Map of Geneva](map.png)");
    site.build(&[]).assert_success();
    let cache = site.site.join(".public.cache/images");
    let entries = crate::support::list_files(&cache);
    assert_eq!(entries.len(), 3, "one entry per variant: {entries:?}");
    let stamp = |name: &str| {
        std::fs::metadata(cache.join(name))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before: Vec<_> = entries.iter().map(|name| stamp(name)).collect();
    let published = std::fs::read(site.public().join("articles/talks/map-960w.png")).unwrap();

    site.build(&["--force"]).assert_success();
    assert_eq!(
        crate::support::list_files(&cache),
        entries,
        "no entry is added"
    );
    let after: Vec<_> = entries.iter().map(|name| stamp(name)).collect();
    assert_eq!(
        before, after,
        "no entry is written again: the image was not resized again"
    );
    assert_eq!(
        std::fs::read(site.public().join("articles/talks/map-960w.png")).unwrap(),
        published
    );

    // A damaged entry is ignored and made again.
    let damaged = entries
        .iter()
        .find(|name| name.ends_with("-960.png"))
        .unwrap();
    std::fs::write(cache.join(damaged), b"damaged").unwrap();
    site.build(&["--force"]).assert_success();
    assert_eq!(
        std::fs::read(site.public().join("articles/talks/map-960w.png")).unwrap(),
        published
    );
    assert_eq!(
        decoded_size(&site.public().join("articles/talks/map-960w.png")),
        (960, 480)
    );
}
