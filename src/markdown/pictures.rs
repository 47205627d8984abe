//! A bundle's raster image shown in a body becomes a responsive `<img>`: its resized
//! variants in `srcset`, its size in `width` and `height` so the page does not shift
//! as it loads, loaded lazily. With a Markdown title and a paragraph of its own it is
//! a `<figure>` with the title as `<figcaption>`.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::images::{ImageSize, variant_name};
use crate::routes::url_name;

/// How wide an image is shown: the width of the text column (`--measure` in the
/// default theme), or the whole screen when that is narrower.
const SIZES: &str = "(max-width: 42rem) 100vw, 42rem";

/// A bundle image to show.
pub(super) struct Picture<'a> {
    /// The article's page, ending in `/`.
    pub(super) page: &'a str,
    /// The image's name in the bundle.
    pub(super) name: &'a str,
    /// Its size in pixels.
    pub(super) size: ImageSize,
}

/// Replaces the image starting at `events[start]` with the markup of `picture`;
/// returns the URL of its `src`, the widest variant.
pub(super) fn show_picture(
    events: &mut [Event<'_>],
    start: usize,
    picture: &Picture<'_>,
) -> String {
    let title = match &events[start] {
        Event::Start(Tag::Image { title, .. }) => title.to_string(),
        _ => String::new(),
    };
    let end = (start..events.len())
        .find(|&at| matches!(events[at], Event::End(TagEnd::Image)))
        .unwrap_or(start);
    let mut alt = String::new();
    for event in &mut events[start + 1..=end] {
        if let Event::Text(text) | Event::Code(text) = event {
            alt.push_str(text);
        }
        *event = Event::Text(CowStr::Borrowed(""));
    }
    let variants = picture.size.variants();
    let url = |size: &ImageSize| {
        format!(
            "{}{}",
            picture.page,
            url_name(&variant_name(picture.name, size.width))
        )
    };
    let widest = variants.last().copied().unwrap_or(picture.size);
    let src = url(&widest);
    let srcset: Vec<String> = variants
        .iter()
        .map(|size| format!("{} {}w", url(size), size.width))
        .collect();
    let img = format!(
        r#"<img src="{}" srcset="{}" sizes="{SIZES}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">"#,
        escape(&src),
        escape(&srcset.join(", ")),
        widest.width,
        widest.height,
        escape(&alt),
    );
    let alone = start > 0
        && matches!(events[start - 1], Event::Start(Tag::Paragraph))
        && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)));
    let markup = if !title.is_empty() && alone {
        // A figure cannot sit inside a paragraph: it takes the paragraph's place.
        events[start - 1] = Event::Text(CowStr::Borrowed(""));
        events[end + 1] = Event::Text(CowStr::Borrowed(""));
        format!(
            "<figure>{img}<figcaption>{}</figcaption></figure>\n",
            escape(&title)
        )
    } else if !title.is_empty() {
        img.replace(
            " loading=",
            &format!(r#" title="{}" loading="#, escape(&title)),
        )
    } else {
        img
    };
    events[start] = Event::Html(CowStr::from(markup));
    src
}

/// `text` made safe inside an attribute value or an element.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
