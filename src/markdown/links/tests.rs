use super::*;

#[test]
fn line_index_counts_lines_from_the_body_start() {
    let lines = LineIndex::new("ab\ncdé\nf", Path::new("a.md"), 7);
    assert_eq!(lines.position(0), (7, 1));
    assert_eq!(lines.position(4), (8, 2));
    assert_eq!(lines.position(8), (9, 1));
    assert_eq!(
        lines.position(99),
        (9, 2),
        "offsets past the end stay on the last line"
    );
}

#[test]
fn only_script_urls_are_dropped() {
    for script in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox",
        "data:text/html,x",
    ] {
        assert!(is_script_url(script, false), "{script}");
    }
    assert!(!is_script_url("data:image/png;base64,AAAA", true));
    for kept in [
        "https://x.org/a:b",
        "ftp://x.org/f",
        "irc://foo.bar:2233/baz",
        "sms:+1",
        "geo:1,2",
        "made-up-scheme://foo,bar",
        "10:30",
        "foo):",
        "../a.md",
        "/people/x/",
    ] {
        assert!(!is_script_url(kept, false), "{kept}");
    }
}

#[test]
fn schemes_follow_url_syntax() {
    assert_eq!(scheme("a+b+c:d").as_deref(), Some("a+b+c"));
    assert_eq!(scheme("MAILTO:x@y.org").as_deref(), Some("mailto"));
    assert_eq!(scheme("10:30"), None);
    assert_eq!(scheme("foo):"), None);
    assert_eq!(scheme("/a:b"), None);
    assert_eq!(scheme(":x"), None);
}

#[test]
fn external_links_have_a_scheme() {
    assert!(is_external("https://x.org"));
    assert!(is_external("mailto:a@b.org"));
    assert!(is_external("//cdn.example.org/x"));
    assert!(!is_external("/articles/a/"));
    assert!(!is_external("#background"));
    assert!(!is_external("../2024/a.md"));
    assert!(!is_external("10:30"));
}

#[test]
fn paths_are_normalised_without_the_disk() {
    assert_eq!(
        normalize(Path::new("content/articles/2025/../2024/./a.md")),
        PathBuf::from("content/articles/2024/a.md")
    );
}
