//! Values that parse but could not be published: a `base_url` that leads elsewhere.

use crate::support::SiteTest;

fn site_with_config(config: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write("briefing.yaml", config);
    site
}

#[test]
fn a_base_url_leading_to_another_host_or_port_is_refused_where_it_is_written() {
    for (config, expected) in [
        (
            "title: Desk\nbase_url: '//evil.example/'\n",
            "briefing.yaml:2:11: base_url `//evil.example/` would lead links to another host: it must not start with `//` or hold a `\\`",
        ),
        (
            "title: Desk\nbase_url: https://example.org:99999/\n",
            "briefing.yaml:2:11: base_url `https://example.org:99999/` has port `99999`, which is not a port number (1 to 65535)",
        ),
    ] {
        let site = site_with_config(config);
        let stderr = site.build(&[]).assert_failure().to_string();
        assert_eq!(stderr.lines().next(), Some(expected), "{stderr}");
        assert!(!site.public().exists());
        let check = site.run(&["check"]);
        check.assert_failure();
        assert!(
            format!("{}{}", check.stdout, check.stderr).contains(expected),
            "{check:?}"
        );
    }
}

#[test]
fn a_base_url_option_leading_elsewhere_is_a_usage_error() {
    let site = SiteTest::empty();
    for (url, expected) in [
        (
            "//evil.example/",
            "base_url `//evil.example/` would lead links to another host",
        ),
        (
            "https://example.org:99999/",
            "base_url `https://example.org:99999/` has port `99999`",
        ),
    ] {
        let stderr = site
            .build(&["--base-url", url])
            .assert_failure()
            .to_string();
        assert!(stderr.starts_with(expected), "{stderr}");
        assert!(!site.public().exists());
    }
}
