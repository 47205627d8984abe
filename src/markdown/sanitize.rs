//! The sanitiser raw HTML goes through in the default build: ammonia, told to keep the
//! markup the Markdown renderer makes and every URL but a script one.

use std::collections::HashSet;

use super::links::scheme;

/// The sanitiser a body with raw HTML goes through unless the site allows raw HTML.
/// It keeps all the markup the Markdown renderer makes and every URL but a script one,
/// so a body renders the same whether or not raw HTML elsewhere in it had it sanitised.
pub fn sanitize_html(html: &str) -> String {
    // ammonia keeps only URLs of the schemes it knows: here also every scheme the text
    // names but `javascript:` and `vbscript:`, as for Markdown links.
    let schemes = schemes_named_in(html);
    let mut builder = ammonia::Builder::default();
    builder.add_url_schemes(schemes.iter().map(String::as_str));
    // `data:` only as a picture, as for Markdown images.
    builder.attribute_filter(|element, attribute, value| {
        let is_url = matches!(attribute, "href" | "src" | "cite" | "action" | "poster");
        let is_picture = element == "img" && attribute == "src";
        match scheme(value).as_deref() {
            _ if attribute == "srcset" && value.contains(':') => None,
            Some("data") if is_url && !is_picture => None,
            _ => Some(value.into()),
        }
    });
    // Links open in the same tab, so `rel="noopener"` adds nothing but noise.
    builder.link_rel(None);
    // Heading ids and classes are ours and make `#fragment` links work; footnote markup
    // needs ids and classes too, and table columns their alignment.
    for heading in ["h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id", "class"]);
    }
    builder
        .add_tag_attributes("div", ["id", "class"])
        .add_tag_attributes("sup", ["id", "class"])
        .add_tag_attributes("code", ["class"])
        // What a bundle image's markup carries (see `pictures`); `srcset` holds its
        // own URLs, so it is kept only without a scheme, as site URLs are.
        .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"]);
    let alignments = [
        "text-align: left",
        "text-align: center",
        "text-align: right",
    ];
    builder
        .add_tag_attribute_values("th", "style", alignments)
        .add_tag_attribute_values("td", "style", alignments);
    builder.clean(html).to_string()
}

/// Every scheme-like word followed by `:` in `html`, lower-cased, but the script ones.
fn schemes_named_in(html: &str) -> HashSet<String> {
    let mut schemes = HashSet::new();
    for (at, _) in html.match_indices(':') {
        let before = &html[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |at| at + 1);
        let word = before[start..].trim_start_matches(|c: char| !c.is_ascii_alphabetic());
        if word.is_empty() {
            continue;
        }
        let word = word.to_ascii_lowercase();
        if !matches!(word.as_str(), "javascript" | "vbscript") {
            schemes.insert(word);
        }
    }
    schemes
}
