//! `briefing.yaml` -> [`SiteConfig`]: the site-wide settings, validated.
//!
//! The file is optional; every key has a default. Unknown keys are errors, like in front
//! matter, so a typo never silently changes nothing. This module reads one file and
//! knows nothing about content or output.

use std::path::Path;

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::front_matter::{Spanned, file_location, parse_yaml};
use crate::fs;

/// The name of the config file at the top of a site.
pub const CONFIG_FILE: &str = "briefing.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<Spanned<String>>,
    language: Option<String>,
    time_zone: Option<Spanned<String>>,
    #[serde(default)]
    unsafe_html: bool,
    author: Option<String>,
    link_mentions: Option<bool>,
    // Counts are read as text so a negative or fractional value gets a message in the
    // user's terms rather than the parser's "invalid u64".
    feed_limit: Option<Spanned<String>>,
    feed_content: Option<FeedContent>,
    show_map: Option<bool>,
    page_size: Option<Spanned<String>>,
    cache_dir: Option<String>,
}

/// How much of each article a feed carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole article as HTML, and its summary.
    #[default]
    Full,
    /// Only the summary.
    Summary,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title, shown in the header and the page titles.
    pub title: String,
    /// One-line description of the site, shown on the home page.
    pub description: Option<String>,
    /// Where the site is published, always ending in `/`: `https://example.org/briefings/`
    /// or a root-relative `/`.
    pub base_url: String,
    /// BCP 47 language tag for the `lang` attribute.
    pub language: String,
    /// The time zone in which article timestamps are shown and dated.
    pub time_zone: TimeZone,
    /// The time zone's name as written, e.g. `Europe/Berlin`.
    pub time_zone_name: String,
    /// Whether raw HTML in Markdown is passed through instead of sanitised.
    pub unsafe_html: bool,
    /// The author named in feeds, if any.
    pub author: Option<String>,
    /// Whether the first mention of each listed person and country in an article
    /// links to their page.
    pub link_mentions: bool,
    /// How many entries each feed holds, newest first.
    pub feed_limit: usize,
    /// Whether feed entries carry the full article or only its summary.
    pub feed_content: FeedContent,
    /// Whether the list of countries opens with a world map shaded by coverage.
    pub show_map: bool,
    /// How many briefings one page of a country, person or archive year lists.
    pub page_size: usize,
    /// Where `build` keeps its cache, relative to the site folder; beside the output
    /// folder when `None`.
    pub cache_dir: Option<std::path::PathBuf>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Briefings".into(),
            description: None,
            base_url: "/".into(),
            language: "en".into(),
            time_zone: TimeZone::UTC,
            time_zone_name: "UTC".into(),
            unsafe_html: false,
            author: None,
            link_mentions: true,
            feed_limit: 50,
            feed_content: FeedContent::Full,
            show_map: true,
            page_size: 50,
            cache_dir: None,
        }
    }
}

/// Loads `briefing.yaml` from `site_dir`, or the defaults when there is none.
///
pub fn load_config(site_dir: &Path) -> Result<SiteConfig> {
    let path = fs::site_path(site_dir, CONFIG_FILE);
    if !path.exists() {
        return Ok(SiteConfig::default());
    }
    let text = fs::read_to_string(&path)?;
    parse_config(&text, &path)
}

/// Parses the text of a config file named `path` in messages.
pub fn parse_config(text: &str, path: &Path) -> Result<SiteConfig> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawConfig = parse_yaml(text, path, 1)?;
    let defaults = SiteConfig::default();
    let base_url = match raw.base_url {
        Some(url) => normalize_base_url(&url.value)
            .map_err(|message| Error::invalid(file_location(&url, path, 1), message))?,
        None => defaults.base_url,
    };
    let (time_zone, time_zone_name) = match raw.time_zone {
        Some(name) => {
            let zone = TimeZone::get(&name.value).map_err(|_| {
                Error::invalid_with_hint(
                    file_location(&name, path, 1),
                    format!("unknown time zone `{}`", name.value),
                    Some("use an IANA name such as `UTC` or `Europe/Berlin`".into()),
                )
            })?;
            (zone, name.value)
        }
        None => (defaults.time_zone, defaults.time_zone_name),
    };
    let feed_limit = whole_number(raw.feed_limit, "feed_limit", defaults.feed_limit, path)?;
    let page_size = whole_number(raw.page_size, "page_size", defaults.page_size, path)?;
    Ok(SiteConfig {
        title: raw.title.unwrap_or(defaults.title),
        description: raw.description,
        base_url,
        language: raw.language.unwrap_or(defaults.language),
        time_zone,
        time_zone_name,
        unsafe_html: raw.unsafe_html,
        author: raw.author,
        link_mentions: raw.link_mentions.unwrap_or(defaults.link_mentions),
        feed_limit,
        feed_content: raw.feed_content.unwrap_or_default(),
        show_map: raw.show_map.unwrap_or(defaults.show_map),
        page_size,
        cache_dir: raw.cache_dir.map(std::path::PathBuf::from),
    })
}

/// A count such as `feed_limit`: a whole number of at least 1, or `default` when absent.
fn whole_number(
    value: Option<Spanned<String>>,
    key: &str,
    default: usize,
    path: &Path,
) -> Result<usize> {
    let Some(value) = value else {
        return Ok(default);
    };
    match value.value.trim().parse::<usize>() {
        Ok(count) if count > 0 => Ok(count),
        _ => Err(Error::invalid(
            file_location(&value, path, 1),
            format!(
                "{key} must be a whole number of at least 1, not `{}`",
                value.value
            ),
        )),
    }
}

/// Checks a base URL and gives it a trailing slash, so joining paths never doubles or
/// drops one.
pub fn normalize_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let general = || {
        format!(
            "base_url `{url}` must be an http(s) URL such as `https://example.org/briefings/`, or a path starting with `/`"
        )
    };
    // Browsers read `//host` as "this scheme, that host", and `\` as `/` in http(s)
    // URLs, so either would point every link of the site at another host.
    if url.starts_with("//") || url.contains('\\') {
        return Err(format!(
            "base_url `{url}` would lead links to another host: it must not start with `//` or hold a `\\`"
        ));
    }
    if url.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(general());
    }
    if !url.starts_with('/') {
        let authority = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .map(|rest| rest.split('/').next().unwrap_or_default())
            .ok_or_else(general)?;
        check_authority(authority).map_err(|problem| format!("base_url `{url}` {problem}"))?;
    }
    if url.ends_with('/') {
        Ok(url.to_string())
    } else {
        Ok(format!("{url}/"))
    }
}

/// Checks the `host[:port]` part of an http(s) URL.
fn check_authority(authority: &str) -> std::result::Result<(), String> {
    if authority.contains('@') {
        return Err("must not hold a user name or password".into());
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (address, after) = rest.split_once(']').ok_or("has an unclosed `[`")?;
            let valid = !address.is_empty()
                && address
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            if !valid {
                return Err(format!("has an invalid IPv6 address `[{address}]`"));
            }
            match after {
                "" => (address, None),
                _ => (
                    address,
                    Some(after.strip_prefix(':').ok_or("has text after its host")?),
                ),
            }
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return Err("has no host".into());
    }
    if !host
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == ':')
    {
        return Err(format!("has an invalid host `{host}`"));
    }
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|port| port > 0)
    {
        return Err(format!(
            "has port `{port}`, which is not a port number (1 to 65535)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
