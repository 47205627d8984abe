//! The CommonMark specification's own examples (0.31.2, vendored in
//! `tests/commonmark/`) through the real Markdown renderer, in the default build and
//! with `unsafe_html`. The only differences allowed are the ones the README's Markdown
//! section lists: headings start at `<h2>` and carry ids, and in the default build raw
//! HTML is sanitised.

use std::path::Path;

use briefing::catalog::Catalog;
use briefing::countries::CountryRegistry;
use briefing::markdown::{
    BodyLinks, LinkTargets, Numbering, SiteLinks, render_body, sanitize_html,
};
use briefing::mentions::MentionMatcher;
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    markdown: String,
    html: String,
    example: usize,
    section: String,
}

/// Examples whose output differs, each with the reason the README gives.
const DOCUMENTED: &[(usize, &str)] = &[(
    175,
    "pulldown-cmark writes `<li><div>` where the specification breaks the line",
)];

#[test]
fn every_specification_example_renders_as_the_specification_says() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/commonmark/spec.json"),
    )
    .expect("read the specification's examples");
    let examples: Vec<Example> = serde_json::from_str(&text).expect("parse spec.json");
    assert_eq!(examples.len(), 652);

    let registry = CountryRegistry::new();
    let matcher = MentionMatcher::new(&registry, &Catalog::default());
    let site = SiteLinks::new(LinkTargets::default(), &matcher, true);
    let links = BodyLinks {
        site: &site,
        source_path: Path::new("content/articles/example.md"),
        first_line: 1,
        listed: &[],
        bundle: None,
    };

    let mut differences = Vec::new();
    let mut documented_but_equal = Vec::new();
    for example in &examples {
        let documented = DOCUMENTED
            .iter()
            .any(|(number, _)| *number == example.example);
        let mut differs = false;
        for unsafe_html in [false, true] {
            let actual = same_quotes(&without_heading_ids(
                &render_body(
                    &example.markdown,
                    unsafe_html,
                    Some(&links),
                    &Numbering::default(),
                )
                .html
                .unpack(),
            ));
            let expected = shifted_headings(&example.html);
            let sanitised = same_quotes(&without_heading_ids(&sanitize_html(&expected)));
            let expected = same_quotes(&expected);
            let matches = actual == expected || (!unsafe_html && actual == sanitised);
            // Whichever way the default build went, with the sanitiser or without, the
            // page holds no element, attribute or URL the sanitiser would take out.
            if !unsafe_html {
                assert_eq!(
                    markup(&actual),
                    markup(&sanitize_html(&actual)),
                    "example {}: markup the sanitiser would remove",
                    example.example
                );
            }
            if !matches {
                differs = true;
                if !documented {
                    differences.push(format!(
                        "example {} ({}), unsafe_html: {unsafe_html}\n--- markdown\n{}--- expected\n{}--- actual\n{}",
                        example.example, example.section, example.markdown, expected, actual
                    ));
                }
            }
        }
        if documented && !differs {
            documented_but_equal.push(example.example);
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences the README does not document:\n\n{}",
        differences.len(),
        differences.join("\n")
    );
    assert!(
        documented_but_equal.is_empty(),
        "listed as differing but now equal: {documented_but_equal:?}"
    );
}

/// The specification's HTML with headings moved as briefing moves them: the highest
/// becomes `h2`, and none goes more than one level below the one before it.
fn shifted_headings(html: &str) -> String {
    let levels: Vec<u8> = html
        .match_indices("<h")
        .filter_map(|(at, _)| heading_level(&html[at + 2..]))
        .collect();
    let Some(highest) = levels.iter().min().copied() else {
        return html.to_string();
    };
    let mut previous = 1;
    let mut shifted = levels.iter().map(|level| {
        // Past `h6` there is no level to go to.
        let level = (level - highest + 2).min(previous + 1).min(6);
        previous = level;
        level
    });
    let mut output = String::with_capacity(html.len());
    let mut rest = html;
    let mut current = 2;
    while let Some(at) = rest.find("<h").into_iter().chain(rest.find("</h")).min() {
        output.push_str(&rest[..at]);
        let closing = rest[at..].starts_with("</h");
        let tag_start = at + if closing { 3 } else { 2 };
        match heading_level(&rest[tag_start..]) {
            Some(_) => {
                if !closing {
                    current = shifted.next().unwrap_or(current);
                }
                output.push_str(if closing { "</h" } else { "<h" });
                output.push(char::from(b'0' + current));
                rest = &rest[tag_start + 1..];
            }
            None => {
                output.push_str(&rest[at..tag_start]);
                rest = &rest[tag_start..];
            }
        }
    }
    output.push_str(rest);
    output
}

/// `html` with `&quot;` in text written as `"`: the same HTML, which pulldown-cmark
/// and ammonia write one way and the specification the other.
fn same_quotes(html: &str) -> String {
    let mut output = String::with_capacity(html.len());
    for (index, piece) in html.split('<').enumerate() {
        if index > 0 {
            output.push('<');
        }
        match piece.split_once('>') {
            Some((tag, text)) if index > 0 => {
                output.push_str(tag);
                output.push('>');
                output.push_str(&text.replace("&quot;", "\""));
            }
            _ => output.push_str(&piece.replace("&quot;", "\"")),
        }
    }
    output
}

/// Every tag of `html` as its name and attributes, with the values of URL attributes:
/// what a sanitiser may remove, without how the HTML is written.
fn markup(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|piece| piece.split_once('>').map(|(tag, _)| tag))
        .filter(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
        .map(|tag| {
            let tag = tag.trim_end_matches('/').trim_end();
            let mut words = Vec::new();
            for (index, part) in tag.split('"').enumerate() {
                if index % 2 == 0 {
                    words.extend(
                        part.split_whitespace()
                            .map(|word| word.trim_end_matches('=').to_string()),
                    );
                } else if matches!(words.last().map(String::as_str), Some("href" | "src")) {
                    words.push(format!("\"{part}\""));
                }
            }
            let (name, attributes) = words
                .split_first()
                .map_or((String::new(), Vec::new()), |(n, a)| {
                    (n.clone(), a.to_vec())
                });
            let mut attributes = attributes;
            attributes.sort();
            format!("{name} {}", attributes.join(" "))
        })
        .collect()
}

/// The level of a heading tag whose name starts at `after_h` (just after `<h`).
fn heading_level(after_h: &str) -> Option<u8> {
    let bytes = after_h.as_bytes();
    match (bytes.first(), bytes.get(1)) {
        (Some(digit @ b'1'..=b'6'), Some(b'>' | b' ')) => Some(digit - b'0'),
        _ => None,
    }
}

/// `html` without the `id` briefing gives every heading.
fn without_heading_ids(html: &str) -> String {
    let mut output = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        let tag_start = at + 2;
        output.push_str(&rest[..tag_start]);
        rest = &rest[tag_start..];
        if heading_level(rest).is_some() && rest[1..].starts_with(" id=\"") {
            output.push_str(&rest[..1]);
            let value = &rest[6..];
            rest = value.find('"').map_or("", |end| &value[end + 1..]);
        }
    }
    output.push_str(rest);
    output
}
