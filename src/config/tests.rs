use super::*;

fn parse(text: &str) -> Result<SiteConfig> {
    parse_config(text, Path::new(CONFIG_FILE))
}

#[test]
fn empty_config_gives_defaults() {
    let config = parse("").unwrap();
    assert_eq!(config.title, "Briefings");
    assert_eq!(config.base_url, "/");
    assert_eq!(config.language, "en");
    assert_eq!(config.time_zone_name, "UTC");
    assert!(!config.unsafe_html);
}

#[test]
fn reads_every_key() {
    let config = parse(
        "title: World Desk\ndescription: Daily notes\nbase_url: https://example.org/briefings\nlanguage: en-GB\ntime_zone: Europe/Berlin\nunsafe_html: true\n",
    )
    .unwrap();
    assert_eq!(config.title, "World Desk");
    assert_eq!(config.description.as_deref(), Some("Daily notes"));
    assert_eq!(config.base_url, "https://example.org/briefings/");
    assert_eq!(config.language, "en-GB");
    assert_eq!(config.time_zone_name, "Europe/Berlin");
    assert!(config.unsafe_html);
}

#[test]
fn reads_feed_settings() {
    let config = parse("feed_limit: 10\nfeed_content: summary\nauthor: Desk\n").unwrap();
    assert_eq!(config.feed_limit, 10);
    assert_eq!(config.feed_content, FeedContent::Summary);
    assert_eq!(config.author.as_deref(), Some("Desk"));
    assert_eq!(parse("").unwrap().feed_limit, 50);
    assert!(parse("feed_limit: 0\n").is_err());
    assert!(parse("feed_content: everything\n").is_err());
}

#[test]
fn the_world_map_is_shown_unless_turned_off() {
    assert!(parse("").unwrap().show_map);
    assert!(!parse("show_map: false\n").unwrap().show_map);
}

#[test]
fn lists_are_paged_by_fifty_unless_set() {
    assert_eq!(parse("").unwrap().page_size, 50);
    assert_eq!(parse("page_size: 20\n").unwrap().page_size, 20);
    assert_eq!(
        parse("title: A\npage_size: 0\n").unwrap_err().to_string(),
        "briefing.yaml:2:12: page_size must be a whole number of at least 1, not `0`"
    );
}

#[test]
fn rejects_unknown_key_with_closest_match() {
    let error = parse("title: A\nbase_ulr: /x/\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "briefing.yaml:2:1: unknown key `base_ulr` (hint: did you mean `base_url`?)"
    );
}

#[test]
fn rejects_unknown_time_zone_at_its_value() {
    let error = parse("time_zone: Mars/Olympus\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "briefing.yaml:1:12: unknown time zone `Mars/Olympus` (hint: use an IANA name such as `UTC` or `Europe/Berlin`)"
    );
}

#[test]
fn rejects_base_url_without_scheme() {
    let error = parse("base_url: example.org\n").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("briefing.yaml:1:11: base_url `example.org` must be")
    );
}

#[test]
fn base_url_gains_a_trailing_slash() {
    assert_eq!(normalize_base_url("/briefings").unwrap(), "/briefings/");
    assert_eq!(
        normalize_base_url("https://example.org").unwrap(),
        "https://example.org/"
    );
    assert!(normalize_base_url("https:///x").is_err());
    assert!(normalize_base_url("javascript:alert(1)").is_err());
}

#[test]
fn base_url_may_not_lead_to_another_host() {
    for url in [
        "//evil.example/",
        "/\\evil.example/",
        "https://example.org\\@evil/",
    ] {
        assert_eq!(
            normalize_base_url(url).unwrap_err(),
            format!(
                "base_url `{url}` would lead links to another host: it must not start with `//` or hold a `\\`"
            )
        );
    }
    assert!(
        normalize_base_url("https://user@evil.example/")
            .unwrap_err()
            .ends_with("must not hold a user name or password")
    );
}

#[test]
fn base_url_ports_are_port_numbers() {
    assert_eq!(
        normalize_base_url("https://example.org:99999/").unwrap_err(),
        "base_url `https://example.org:99999/` has port `99999`, which is not a port number (1 to 65535)"
    );
    for bad in [
        "https://example.org:0/",
        "https://example.org:/",
        "https://example.org:80x/",
        "http://[::1]x/",
    ] {
        assert!(normalize_base_url(bad).is_err(), "{bad}");
    }
    for good in [
        "https://example.org:8443/x/",
        "http://[::1]:8080/",
        "http://127.0.0.1:1111",
        "https://bücher.example/",
    ] {
        assert!(normalize_base_url(good).is_ok(), "{good}");
    }
}

#[test]
fn a_protocol_relative_base_url_is_reported_at_its_value() {
    let error = parse("title: A\nbase_url: '//evil.example/'\n").unwrap_err();
    assert!(
        error.to_string().starts_with(
            "briefing.yaml:2:11: base_url `//evil.example/` would lead links to another host"
        ),
        "{error}"
    );
}
