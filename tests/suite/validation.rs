//! Values that parse but could not be published: a `base_url` that leads elsewhere,
//! dates that feeds and sitemaps cannot carry.

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
        // check names the severity after the place, as for every problem.
        let reported = expected.replacen(": ", ": error: ", 1);
        assert!(check.stdout.contains(&reported), "{check:?}");
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

fn article(date: &str) -> String {
    format!("---\ntitle: Dated\ndate: {date}\n---\nBody.\n")
}

#[test]
fn dates_feeds_and_sitemaps_cannot_carry_are_refused_at_their_value() {
    let site = SiteTest::empty();
    site.write(
        "content/articles/year-zero.md",
        &article("0000-01-01T00:00:00+05:00"),
    );
    site.write(
        "content/articles/offset.md",
        &article("2024-04-09T10:00:00+25:00"),
    );
    site.write("content/articles/last-day.md", &article("9999-12-31"));
    let stderr = site.build(&[]).assert_failure().to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "content/articles/last-day.md:3:7: `9999-12-31` is later than the last time briefing can date (9999-12-30T22:00:00Z): use an earlier date",
            "content/articles/offset.md:3:7: `2024-04-09T10:00:00+25:00` has the offset +25:00, which RFC 3339 cannot write: offsets run from -23:59 to +23:59",
            "content/articles/year-zero.md:3:7: `0000-01-01T00:00:00+05:00` falls in the year -1 in UTC: dates must fall in the years 0001 to 9999 in UTC and in the site's time zone, as feeds and sitemaps need",
        ],
        "{stderr}"
    );
    assert!(!site.public().exists());
}

/// Whether `value` is an RFC 3339 date-time with a four-digit year from 0001.
fn is_rfc3339(value: &str) -> bool {
    let bytes = value.as_bytes();
    value.len() == 25
        && value[..4].bytes().all(|b| b.is_ascii_digit())
        && &value[..4] != "0000"
        && bytes[4] == b'-'
        && bytes[10] == b'T'
        && matches!(bytes[19], b'+' | b'-')
        && value.parse::<jiff::Timestamp>().is_ok()
}

/// Every value between `<tag>` and `</tag>` in `xml`.
fn values<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split(&close).next())
        .collect()
}

#[test]
fn the_earliest_and_latest_dates_write_valid_feed_and_sitemap_dates() {
    let site = site_with_config("title: Desk\nbase_url: https://example.org/\n");
    site.write(
        "content/articles/first.md",
        &article("0001-01-01T00:00:00Z"),
    );
    site.write("content/articles/last.md", &article("9999-12-30"));
    site.write(
        "content/articles/east.md",
        &article("2024-04-09T00:00:00+23:59"),
    );
    site.build(&[]).assert_success();

    let feed = site.read("atom.xml");
    let dates: Vec<&str> = ["updated", "published"]
        .iter()
        .flat_map(|tag| values(&feed, tag))
        .collect();
    assert!(dates.contains(&"0001-01-01T00:00:00+00:00"), "{dates:?}");
    assert!(dates.contains(&"9999-12-30T00:00:00+00:00"), "{dates:?}");
    for date in &dates {
        assert!(is_rfc3339(date), "not RFC 3339: {date}");
    }
    let sitemap = site.read("sitemap.xml");
    let lastmod = values(&sitemap, "lastmod");
    assert!(lastmod.contains(&"0001-01-01"), "{lastmod:?}");
    assert!(lastmod.contains(&"9999-12-30"), "{lastmod:?}");
    for date in lastmod {
        assert!(
            date.len() == 10 && &date[..4] != "0000" && date.parse::<jiff::civil::Date>().is_ok(),
            "not a W3C date: {date}"
        );
    }
}
