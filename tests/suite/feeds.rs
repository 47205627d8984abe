//! Every feed checked against each MUST of RFC 4287 §4.1.1 (`atom:feed`) and §4.1.2
//! (`atom:entry`), with the constructs those sections require (ids are absolute IRIs,
//! dates are RFC 3339, a person has one name, a link has an `href`).
//!
//! The same checks run in CI on the example site, a site under a sub-path and a
//! generated site: `.ci/run` passes their output folders in `BRIEFING_FEED_DIRS` to
//! the ignored test at the bottom.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};

use crate::support::{SiteTest, list_files};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// An element of a feed: its name, attributes, child elements and text.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: HashMap<String, String>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    /// The children named `name` (Atom elements are unprefixed in these feeds).
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |child| child.name == name)
    }

    fn count(&self, name: &str) -> usize {
        self.all(name).count()
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
}

fn element_from(start: &BytesStart, decoder: Decoder) -> Element {
    let attributes = start
        .attributes()
        .map(|attribute| {
            let attribute = attribute.expect("well-formed attribute");
            let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
            let value = attribute
                .decoded_and_normalized_value(quick_xml::XmlVersion::Explicit1_0, decoder)
                .expect("attribute value");
            (key, value.into_owned())
        })
        .collect();
    Element {
        name: String::from_utf8_lossy(start.name().as_ref()).into_owned(),
        attributes,
        ..Element::default()
    }
}

/// The document element of `xml`.
fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut open: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|error| error.to_string())?;
        let current = open.last_mut().expect("an open element");
        match event {
            Event::Start(start) => open.push(element_from(&start, reader.decoder())),
            Event::Empty(start) => current
                .children
                .push(element_from(&start, reader.decoder())),
            Event::End(_) => {
                let done = open.pop().expect("an open element");
                open.last_mut()
                    .ok_or("unbalanced end tag")?
                    .children
                    .push(done);
            }
            Event::Text(text) => current
                .text
                .push_str(&text.decode().map_err(|e| e.to_string())?),
            Event::CData(text) => current
                .text
                .push_str(&text.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|e| e.to_string())?;
                current.text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => return Err(format!("unexpected entity &{other};")),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = open.pop().ok_or("no document")?;
    if !open.is_empty() || document.children.len() != 1 {
        return Err("not one document element".into());
    }
    Ok(document.children.remove(0))
}

/// Every MUST of §4.1.1 and §4.1.2 that `xml` breaks, as sentences.
fn atom_violations(xml: &str) -> Vec<String> {
    let feed = match parse(xml) {
        Ok(feed) => feed,
        Err(error) => return vec![format!("not well-formed: {error}")],
    };
    let mut problems = Vec::new();
    if feed.name != "feed" || feed.attribute("xmlns") != Some(ATOM) {
        problems.push(format!(
            "the document element is not atom:feed: {}",
            feed.name
        ));
        return problems;
    }
    let entries: Vec<&Element> = feed.all("entry").collect();
    let feed_has_author = feed.count("author") > 0;
    if !feed_has_author && !entries.iter().all(|entry| entry.count("author") > 0) {
        problems.push("the feed has no atom:author and not every entry has one".into());
    }
    for name in ["generator", "icon", "logo", "rights", "subtitle"] {
        at_most_one(&feed, "feed", name, &mut problems);
    }
    for name in ["id", "title", "updated"] {
        exactly_one(&feed, "feed", name, &mut problems);
    }
    common_children(&feed, "feed", &mut problems);

    for (position, entry) in entries.iter().enumerate() {
        let what = format!("entry {}", position + 1);
        let source_has_author = entry.all("source").any(|source| source.count("author") > 0);
        if entry.count("author") == 0 && !source_has_author && !feed_has_author {
            problems.push(format!(
                "{what} has no atom:author, nor has its source or the feed"
            ));
        }
        for name in ["content", "published", "rights", "source", "summary"] {
            at_most_one(entry, &what, name, &mut problems);
        }
        let alternates = entry
            .all("link")
            .filter(|link| link.attribute("rel").unwrap_or("alternate") == "alternate")
            .count();
        if entry.count("content") == 0 && alternates == 0 {
            problems.push(format!(
                "{what} has neither atom:content nor an alternate link"
            ));
        }
        for name in ["id", "title", "updated"] {
            exactly_one(entry, &what, name, &mut problems);
        }
        let needs_summary = entry.all("content").any(|content| {
            let media_type = content.attribute("type").unwrap_or("text");
            let base64 = !["text", "html", "xhtml"].contains(&media_type)
                && !media_type.starts_with("text/")
                && !media_type.ends_with("/xml")
                && !media_type.ends_with("+xml");
            content.attribute("src").is_some() || base64
        });
        if needs_summary && entry.count("summary") == 0 {
            problems.push(format!(
                "{what} has out-of-line or encoded content but no summary"
            ));
        }
        common_children(entry, &what, &mut problems);
        if let Some(date) = entry.all("published").next() {
            rfc_3339(date, &what, &mut problems);
        }
    }
    problems
}

/// What §4.1.1 and §4.1.2 ask of a feed and an entry alike: one alternate link per type
/// and language, and well-formed ids, dates, people and links.
fn common_children(parent: &Element, what: &str, problems: &mut Vec<String>) {
    let mut alternates: HashMap<(Option<&str>, Option<&str>), usize> = HashMap::new();
    for link in parent.all("link") {
        if link.attribute("href").is_none_or(str::is_empty) {
            problems.push(format!("{what}: a link has no href"));
        }
        if link.attribute("rel").unwrap_or("alternate") == "alternate" {
            *alternates
                .entry((link.attribute("type"), link.attribute("hreflang")))
                .or_default() += 1;
        }
    }
    if alternates.values().any(|&count| count > 1) {
        problems.push(format!(
            "{what} has two alternate links of one type and language"
        ));
    }
    for id in parent.all("id") {
        if !is_absolute_iri(id.text.trim()) {
            problems.push(format!(
                "{what}: atom:id `{}` is not an absolute IRI",
                id.text
            ));
        }
    }
    for date in parent.all("updated") {
        rfc_3339(date, what, problems);
    }
    for person in parent.all("author").chain(parent.all("contributor")) {
        if person.count("name") != 1 {
            problems.push(format!("{what}: a person has not exactly one atom:name"));
        }
    }
    for text in ["title", "subtitle", "summary", "rights"] {
        for element in parent.all(text) {
            let kind = element.attribute("type").unwrap_or("text");
            if !["text", "html", "xhtml"].contains(&kind) {
                problems.push(format!("{what}: atom:{text} has type `{kind}`"));
            }
        }
    }
}

fn at_most_one(parent: &Element, what: &str, name: &str, problems: &mut Vec<String>) {
    let count = parent.count(name);
    if count > 1 {
        problems.push(format!("{what} has {count} atom:{name} elements"));
    }
}

fn exactly_one(parent: &Element, what: &str, name: &str, problems: &mut Vec<String>) {
    let count = parent.count(name);
    if count != 1 {
        problems.push(format!("{what} has {count} atom:{name} elements, not one"));
    }
}

fn rfc_3339(date: &Element, what: &str, problems: &mut Vec<String>) {
    let text = date.text.trim();
    // RFC 3339 dates carry an offset or `Z`; a bare civil time would not parse.
    if text.parse::<jiff::Timestamp>().is_err() {
        problems.push(format!(
            "{what}: atom:{} `{text}` is not an RFC 3339 date",
            date.name
        ));
    }
}

/// An IRI with a scheme (`https:`, `urn:`, `tag:`): what §4.2.6 asks of atom:id.
fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut characters = scheme.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && characters.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !text.contains(char::is_whitespace)
}

/// Panics with every violation of every feed under `dir`; returns how many feeds there were.
#[track_caller]
fn assert_feeds_are_valid_atom(dir: &Path) -> usize {
    let feeds: Vec<String> = list_files(dir)
        .into_iter()
        .filter(|file| file.ends_with("atom.xml"))
        .collect();
    let problems: Vec<String> = feeds
        .iter()
        .flat_map(|file| {
            let xml = std::fs::read_to_string(dir.join(file)).expect("read feed");
            atom_violations(&xml)
                .into_iter()
                .map(move |problem| format!("{file}: {problem}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} feeds under {} break RFC 4287:\n{}",
        problems.len(),
        feeds.len(),
        dir.display(),
        problems.join("\n")
    );
    feeds.len()
}

#[test]
fn the_checker_finds_each_broken_must() {
    let valid = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x</id><title>T</title>\
        <updated>2024-01-01T00:00:00Z</updated><author><name>A</name></author>\
        <entry><id>urn:e</id><title>E</title><updated>2024-01-01T00:00:00+01:00</updated>\
        <link href=\"https://example.org/e/\"/></entry></feed>";
    assert_eq!(atom_violations(valid), Vec::<String>::new());
    let cases = [
        ("<author><name>A</name></author>", "", "has no atom:author"),
        (
            "<title>T</title>",
            "<title>T</title><title>U</title>",
            "has 2 atom:title",
        ),
        (
            "<id>urn:x</id>",
            "<id>/relative/</id>",
            "not an absolute IRI",
        ),
        (
            "<updated>2024-01-01T00:00:00Z</updated>",
            "<updated>2024-01-01</updated>",
            "RFC 3339",
        ),
        (
            "<link href=\"https://example.org/e/\"/>",
            "",
            "neither atom:content",
        ),
        ("<name>A</name>", "", "not exactly one atom:name"),
        (
            "<title>T</title>",
            "<title>T</title><subtitle>S</subtitle><subtitle>S</subtitle>",
            "has 2 atom:subtitle",
        ),
        (
            "<link href=\"https://example.org/e/\"/>",
            "<link href=\"https://example.org/e/\"/><link rel=\"alternate\" href=\"https://example.org/f/\"/>",
            "two alternate links",
        ),
        (
            "<link href=\"https://example.org/e/\"/>",
            "<content type=\"image/png\">AAAA</content>",
            "no summary",
        ),
    ];
    for (from, to, problem) in cases {
        let broken = valid.replacen(from, to, 1);
        let found = atom_violations(&broken);
        assert!(
            found.iter().any(|found| found.contains(problem)),
            "{problem:?} not found in {found:?} for {broken}"
        );
    }
}

#[test]
fn every_feed_of_a_site_without_an_author_is_valid_atom() {
    // The example site names no author, like the site `init` writes.
    let site = SiteTest::example_site();
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefing.yaml");
    site.write(
        "briefing.yaml",
        &std::fs::read_to_string(config).expect("example config"),
    );
    site.build(&[]).assert_success();
    assert!(assert_feeds_are_valid_atom(&site.public()) > 5);
    let feed = site.read("atom.xml");
    assert!(
        feed.contains("<author><name>World Briefings</name>\n</author>"),
        "{feed}"
    );

    let init = SiteTest::empty();
    init.run(&["init", "."]).assert_success();
    init.build(&[]).assert_success();
    assert!(assert_feeds_are_valid_atom(&init.public()) > 1);
}

#[test]
fn every_feed_of_a_site_under_a_sub_path_is_valid_atom() {
    let site = SiteTest::fixture("good_site");
    site.build(&["--base-url", "https://example.org/briefings/"])
        .assert_success();
    assert!(assert_feeds_are_valid_atom(&site.public()) > 5);
}

#[test]
fn feed_content_links_are_absolute_urls() {
    let site = SiteTest::empty();
    site.write(
        "briefing.yaml",
        "base_url: https://example.org/briefings/\n",
    );
    site.write(
        "content/articles/one.md",
        "---\ntitle: One\ndate: 2024-01-01\ncountries: [China]\n---\n\
         China met [two](two.md), [a section](#part) and [elsewhere](https://example.com/x).\n\n\
         ```html\n<a href=\"/code/stays/\">\n```\n",
    );
    site.write(
        "content/articles/two.md",
        "---\ntitle: Two\ndate: 2024-01-02\n---\nText.\n",
    );
    site.build(&[]).assert_success();
    let feed = site.read("atom.xml");
    let entry = &feed[feed.find("<title>One</title>").expect("entry One")..];
    for link in [
        "href=\"https://example.org/briefings/countries/china/\"",
        "href=\"https://example.org/briefings/articles/two/\"",
        "href=\"https://example.org/briefings/articles/one/#part\"",
        "href=\"https://example.com/x\"",
    ] {
        assert!(entry.contains(link), "no {link} in {entry}");
    }
    // Text that only looks like a link is left as it was written.
    assert!(entry.contains("&lt;a href=\"/code/stays/\"&gt;"), "{entry}");
    assert!(!entry.contains("<a href=\"/"), "{entry}");
}

/// CI's check of built sites: every feed under each folder of `BRIEFING_FEED_DIRS`
/// (separated by `:`).
#[test]
#[ignore = "run by .ci/run on the sites it builds, with BRIEFING_FEED_DIRS"]
fn every_feed_in_briefing_feed_dirs_is_valid_atom() {
    let dirs = std::env::var("BRIEFING_FEED_DIRS").expect("BRIEFING_FEED_DIRS names the folders");
    for dir in dirs.split(':').filter(|dir| !dir.is_empty()) {
        let count = assert_feeds_are_valid_atom(Path::new(dir));
        assert!(count > 0, "no feeds under {dir}");
        println!("{dir}: {count} feeds meet every MUST of RFC 4287 §4.1.1 and §4.1.2");
    }
}
