//! Unit tests of what untrusted Markdown may not do: raw HTML sanitised unless the
//! site opts out, no script URL and no attribute of the writer's own on a page.

use super::*;

#[test]
fn raw_html_is_sanitised_by_default() {
    let rendered = render_markdown(
        "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi</p>\n",
        false,
    );
    assert!(!rendered.html.unpack().contains("<script"));
    assert!(!rendered.html.unpack().contains("onclick"));
    assert!(rendered.html.unpack().contains("Hi"));
}

#[test]
fn raw_html_passes_when_the_site_opts_out() {
    let rendered = render_markdown("<div class=\"map\">x</div>\n", true);
    assert!(
        rendered
            .html
            .unpack()
            .contains("<div class=\"map\">x</div>")
    );
}

#[test]
fn javascript_links_never_reach_the_page() {
    for unsafe_html in [false, true] {
        let rendered = render_markdown("[click](javascript:alert(1))\n", unsafe_html);
        assert!(
            !rendered.html.unpack().contains("javascript:"),
            "{}",
            rendered.html
        );
    }
}

#[test]
fn no_markdown_puts_an_attribute_of_its_own_on_a_page() {
    let attempts = [
        "# T {onclick=x}\n",
        "T {onclick=x}\n===\n",
        "[a](/x \"t\\\" onclick=\\\"x\")\n",
        "![a\" onerror=\"x](/i.png \"t\\\" onerror=\\\"x\")\n",
        "```js\" onclick=\"x\ncode\n```\n",
        "<https://x.org/\"onclick=\"x>\n",
        "[^a\" onclick=\"x]\n\n[^a\" onclick=\"x]: note\n",
        "| a |\n|:-:|\n| b |\n",
    ];
    for text in attempts {
        let html = html_of(text, false);
        // Every value is escaped, so a `"` inside a tag ends a value the renderer
        // wrote; a handler after one would be an attribute of its own.
        for (tag, _) in html.split('<').filter_map(|rest| rest.split_once('>')) {
            let outside_values: String = tag.split('"').step_by(2).collect();
            assert!(!outside_values.contains(" on"), "{text:?} gave {html}");
        }
    }
}

#[test]
fn only_script_urls_lose_their_link() {
    let text = "[a](foo\\)\\:) [b](10:30) <irc://foo.bar:2233/baz> [c](ftp://x.org/f) \
                [d](sms:+1) [e](geo:1,2) [f](javascript:alert(1)) ![g](data:image/png;base64,AA)\n";
    for unsafe_html in [false, true] {
        let rendered = render_listing_china(text, unsafe_html);
        let html = rendered.html.unpack();
        for kept in [
            "href=\"foo):\"",
            "href=\"10:30\"",
            "href=\"irc://foo.bar:2233/baz\"",
            "href=\"ftp://x.org/f\"",
            "href=\"sms:+1\"",
            "href=\"geo:1,2\"",
            "src=\"data:image/png;base64,AA\"",
        ] {
            assert!(html.contains(kept), "{kept} missing from {html}");
        }
        assert!(
            !html.contains("javascript") && html.contains(" f "),
            "{html}"
        );
        assert!(!html.contains("href=\"\""), "{html}");
        let dropped: Vec<String> = rendered
            .dropped_links
            .iter()
            .map(|link| format!("{}: {}", link.location, link.written))
            .collect();
        assert_eq!(dropped, ["content/articles/a.md:5:94: javascript:alert(1)"]);
    }
}

#[test]
fn the_sanitiser_keeps_the_renderers_markup_and_urls() {
    let text =
        "| a | b |\n|:--|:-:|\n| 1 | 2 |\n\n[x](made-up:y) [z](sms:+1) x<br>y\n\n## H {#h .c}\n";
    let plain = html_of(text, true);
    let sanitised = html_of(text, false);
    assert!(
        sanitised.contains("<th style=\"text-align: left\">"),
        "{sanitised}"
    );
    assert!(
        sanitised.contains("<td style=\"text-align: center\">"),
        "{sanitised}"
    );
    assert!(sanitised.contains("href=\"made-up:y\""), "{sanitised}");
    assert!(sanitised.contains("href=\"sms:+1\""), "{sanitised}");
    assert!(
        sanitised.contains("<h2 id=\"h\" class=\"c\">"),
        "{sanitised}"
    );
    assert_eq!(sanitised, plain.replace("<br />", "<br>"));
    let raw = html_of(
        "<a href=\"javascript:x()\">a</a> <a href=\"data:text/html,x\">b</a> <img src=\"data:image/png;base64,AA\">\n",
        false,
    );
    assert!(
        !raw.contains("javascript") && !raw.contains("text/html"),
        "{raw}"
    );
    assert!(raw.contains("src=\"data:image/png;base64,AA\""), "{raw}");
}
