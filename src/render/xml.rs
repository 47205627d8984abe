//! Escaping for the XML and HTML this crate writes by hand: feeds, the sitemap, charts
//! and the preview's overlay.

use std::borrow::Cow;

/// Escapes text for XML and HTML, in content and in quoted attributes alike, dropping
/// the characters XML cannot hold.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out` as [`escape_xml`] gives it.
pub fn push_escaped(out: &mut String, text: &str) {
    let text = xml_characters(text);
    let mut rest = text.as_ref();
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends `text` to `out` in CDATA sections: copied as it is (but for the characters
/// XML cannot hold), except that a `]]>` in it is split across two sections so it
/// cannot end the first.
pub fn push_cdata(out: &mut String, text: &str) {
    let text = xml_characters(text);
    let mut rest = text.as_ref();
    out.push_str("<![CDATA[");
    while let Some(at) = rest.find("]]>") {
        out.push_str(&rest[..at + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// `text` without the characters XML 1.0 cannot hold (control characters other than
/// tab and line ends, U+FFFE and U+FFFF), which no parser accepts even escaped.
fn xml_characters(text: &str) -> Cow<'_, str> {
    let allowed = |character: char| !matches!(character, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    // Control bytes and 0xEF (the lead byte of U+FFFE and U+FFFF) are rare: look at
    // characters only when one is there. The test is branch-free over short chunks so
    // the compiler can run it many bytes at a time.
    let suspect = |byte: u8| {
        (byte < 0x20) & (byte != b'\t') & (byte != b'\n') & (byte != b'\r') | (byte == 0xEF)
    };
    let any_suspect = text.as_bytes().chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |found, &byte| found | suspect(byte))
    });
    if !any_suspect || text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&character| allowed(character))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cdata(text: &str) -> String {
        let mut out = String::new();
        push_cdata(&mut out, text);
        out
    }

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape_xml("AT&T <b>\"O'Brien\"</b>"),
            "AT&amp;T &lt;b&gt;&quot;O&apos;Brien&quot;&lt;/b&gt;"
        );
        assert_eq!(escape_xml("/a&b<c>"), "/a&amp;b&lt;c&gt;");
    }

    #[test]
    fn cdata_holds_any_text_even_its_own_end_marker() {
        assert_eq!(
            cdata("<p>a]]>b</p>"),
            "<![CDATA[<p>a]]]]><![CDATA[>b</p>]]>"
        );
        assert_eq!(cdata("]]>]]>").matches("]]>").count(), 3);
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(
            xml_characters("a\u{1}b\tc\u{fffe}\u{ffff}d\u{fffd}"),
            "ab\tcd\u{fffd}"
        );
        assert!(matches!(xml_characters("Кот-д’Ивуар\n"), Cow::Borrowed(_)));
        assert_eq!(escape_xml("a\u{7}<"), "a&lt;");
        assert_eq!(cdata("a\u{0}b"), "<![CDATA[ab]]>");
    }
}
