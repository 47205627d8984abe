//! Relative links and images in a bundle's body (`map.png`, `files/report.pdf`): each
//! names a file of the bundle and becomes its URL under the article's page. A link
//! that would leave the bundle, by `../` or through a symbolic link, is refused; one to
//! a file the bundle does not hold is left as written for `check` to report.

use percent_encoding::percent_decode_str;

use super::links::BodyLinks;
use crate::images::ImageSize;
use crate::routes::url_name;

/// What a relative link in a bundle's body leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum BundleTarget {
    /// A file of the bundle: its name in the bundle, the URL it is published at, the
    /// article's page, and for a PNG, JPEG or WebP its size (or why it is unreadable).
    File {
        name: String,
        url: String,
        page: String,
        image: Option<Result<ImageSize, String>>,
    },
    /// A link the bundle may not follow, and why.
    Refused(String),
}

/// The bundle file `destination` names, for a body in a bundle; `None` when it names
/// none (a fragment, a file the bundle lacks, or a body that is no bundle's).
pub(super) fn resolve_bundle_link(destination: &str, body: &BodyLinks<'_>) -> Option<BundleTarget> {
    let bundle = body.bundle?;
    let path = destination.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() || path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(BundleTarget::Refused(format!(
                        "`{destination}` leads out of the bundle {}",
                        bundle.dir.display()
                    )));
                }
            }
            other => parts.push(other),
        }
    }
    let name = parts.join("/");
    // A link in the path could point anywhere on the disk: nothing is read through one.
    let through_link =
        (1..=parts.len()).any(|end| bundle.symlinks.contains(&parts[..end].join("/")));
    if through_link {
        return Some(BundleTarget::Refused(format!(
            "`{destination}` is a symbolic link in the bundle {}: only files in it are published",
            bundle.dir.display()
        )));
    }
    if !bundle.files.contains(&name) {
        return None;
    }
    let page = body.site.article_link(body.source_path)?;
    // A query or fragment stays as written: `report.pdf#page=3` opens at page 3.
    let suffix = &destination[path.len()..];
    let url = format!("{page}{}{suffix}", url_name(&name));
    let image = bundle.images.get(&name).cloned();
    Some(BundleTarget::File {
        name,
        url,
        page: page.to_string(),
        image,
    })
}
