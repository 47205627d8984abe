//! Person profiles (`content/people/<slug>.md`) and country notes
//! (`content/countries/<slug>.md`): front matter plus a Markdown body.
//!
//! Like articles, each file is validated on its own here; names are matched against
//! articles and the ISO country list in `index`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::NameRef;
use crate::error::{Error, Result};
use crate::front_matter::{Spanned, file_location, parse_yaml, split_front_matter};
use crate::slugs::is_safe_url;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFrontMatter {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    role: Option<String>,
    country: Option<Spanned<String>>,
    #[serde(default)]
    links: Vec<RawLink>,
    #[serde(default)]
    same_as: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    name: String,
    url: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFrontMatter {
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    same_as: Vec<Spanned<String>>,
}

/// A named link on a profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The link text.
    pub name: String,
    /// An http(s) URL.
    pub url: String,
}

/// A person's profile.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PersonProfile {
    /// The file, relative to the site folder.
    pub source_path: PathBuf,
    /// The person's name, as shown on their page.
    pub name: NameRef,
    /// Other names articles may use for them.
    pub aliases: Vec<NameRef>,
    /// Their office or occupation.
    pub role: Option<String>,
    /// The country they are associated with, as written.
    pub country: Option<NameRef>,
    /// Links to elsewhere.
    pub links: Vec<Link>,
    /// structured data; checked to be http(s).
    pub same_as: Vec<String>,
    /// The Markdown bio.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// A digest of the body, known also when the body was left unread.
    pub body_digest: u128,
    /// Whether the body was left unread, the file being as the cache knew it (see
    /// [`read_bodies`](crate::content::read_bodies)).
    #[serde(skip)]
    pub body_unread: bool,
}

/// Notes on a country.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CountryNote {
    /// The file, relative to the site folder.
    pub source_path: PathBuf,
    /// The country named by `name`, or by the file name when `name` is absent.
    pub name: NameRef,
    /// The site's own names for the country, which front matter and bodies may use.
    pub aliases: Vec<NameRef>,
    /// URLs of the same country elsewhere, for structured data; checked to be http(s).
    pub same_as: Vec<String>,
    /// The Markdown note.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// A digest of the body, known also when the body was left unread.
    pub body_digest: u128,
    /// Whether the body was left unread, the file being as the cache knew it (see
    /// [`read_bodies`](crate::content::read_bodies)).
    #[serde(skip)]
    pub body_unread: bool,
}

/// Parses and validates the text of one profile file named `path`.
pub fn parse_person_profile(text: &str, path: &Path) -> Result<PersonProfile> {
    let document = split_front_matter(text, path)?;
    let raw: PersonFrontMatter = parse_yaml(document.yaml, path, document.yaml_line)?;
    let name_ref = |spanned: Spanned<String>| name_ref(spanned, path, document.yaml_line);
    let name = name_ref(raw.name);
    let aliases: Vec<NameRef> = raw.aliases.into_iter().map(name_ref).collect();
    let mut errors = empty_names(std::iter::once(&name).chain(&aliases));
    let links = raw
        .links
        .into_iter()
        .filter_map(|link| {
            let url = checked_url(link.url, "link", path, document.yaml_line, &mut errors)?;
            Some(Link {
                name: link.name,
                url,
            })
        })
        .collect();
    let same_as = same_as_urls(raw.same_as, path, document.yaml_line, &mut errors);
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    Ok(PersonProfile {
        source_path: path.to_path_buf(),
        name,
        aliases,
        role: raw.role.map(|role| role.trim().to_string()),
        country: raw.country.map(name_ref),
        links,
        same_as,
        body: document.body.to_string(),
        body_line: document.body_line,
        body_digest: super::body_digest(document.body),
        body_unread: false,
    })
}

/// Parses the text of one country note file named `path`.
pub fn parse_country_note(text: &str, path: &Path) -> Result<CountryNote> {
    let document = split_front_matter(text, path)?;
    let raw: CountryFrontMatter = parse_yaml(document.yaml, path, document.yaml_line)?;
    let name_ref = |spanned: Spanned<String>| name_ref(spanned, path, document.yaml_line);
    let name = match raw.name {
        Some(name) => name_ref(name),
        None => NameRef {
            name: path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            location: crate::error::SourceLocation::new(path, 1, 1),
        },
    };
    let aliases: Vec<NameRef> = raw.aliases.into_iter().map(name_ref).collect();
    let mut errors = empty_names(&aliases);
    let same_as = same_as_urls(raw.same_as, path, document.yaml_line, &mut errors);
    if !errors.is_empty() {
        return Err(Error::from_many(errors));
    }
    Ok(CountryNote {
        source_path: path.to_path_buf(),
        name,
        aliases,
        same_as,
        body: document.body.to_string(),
        body_line: document.body_line,
        body_digest: super::body_digest(document.body),
        body_unread: false,
    })
}

/// A name from front matter, trimmed, with its place in the file.
fn name_ref(spanned: Spanned<String>, path: &Path, yaml_line: usize) -> NameRef {
    NameRef {
        name: spanned.value.trim().to_string(),
        location: file_location(&spanned, path, yaml_line),
    }
}

/// An error for each name that is empty once trimmed.
fn empty_names<'a>(names: impl IntoIterator<Item = &'a NameRef>) -> Vec<Error> {
    names
        .into_iter()
        .filter(|name| name.name.is_empty())
        .map(|name| Error::invalid(name.location.clone(), "name is empty"))
        .collect()
}

/// The `same_as` URLs of a file, each checked to be http(s).
fn same_as_urls(
    urls: Vec<Spanned<String>>,
    path: &Path,
    yaml_line: usize,
    errors: &mut Vec<Error>,
) -> Vec<String> {
    urls.into_iter()
        .filter_map(|url| checked_url(url, "same_as", path, yaml_line, errors))
        .collect()
}

/// `url` if it is http(s); else an error at it, naming it as a `what` url.
fn checked_url(
    url: Spanned<String>,
    what: &str,
    path: &Path,
    yaml_line: usize,
    errors: &mut Vec<Error>,
) -> Option<String> {
    if is_safe_url(&url.value) {
        return Some(url.value.trim().to_string());
    }
    errors.push(
        Error::invalid(
            file_location(&url, path, yaml_line),
            format!(
                "{what} url `{}` must start with http:// or https://",
                url.value
            ),
        )
        .with_code("unsafe-url"),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_profile_with_aliases_and_links() {
        let profile = parse_person_profile(
            "---\nname: Sergey Lavrov\naliases: [Lavrov, Сергей Лавров]\nrole: Foreign Minister\ncountry: Russia\nlinks:\n  - {name: Ministry, url: 'https://mid.ru'}\n---\nBio.\n",
            Path::new("content/people/sergey-lavrov.md"),
        )
        .unwrap();
        assert_eq!(profile.name.name, "Sergey Lavrov");
        assert_eq!(profile.aliases[1].name, "Сергей Лавров");
        assert_eq!(profile.aliases[1].location.line, 3);
        assert_eq!(profile.country.unwrap().name, "Russia");
        assert_eq!(profile.links[0].url, "https://mid.ru");
        assert_eq!(profile.body, "Bio.\n");
    }

    #[test]
    fn rejects_unsafe_profile_links() {
        let error = parse_person_profile(
            "---\nname: A\nlinks:\n  - {name: x, url: 'javascript:void(0)'}\n---\n",
            Path::new("p.md"),
        )
        .unwrap_err();
        assert!(error.to_string().starts_with("p.md:4:"));
    }

    #[test]
    fn country_note_name_defaults_to_the_file_name() {
        let note = parse_country_note(
            "---\n---\nNotes.\n",
            Path::new("content/countries/china.md"),
        )
        .unwrap();
        assert_eq!(note.name.name, "china");
    }

    #[test]
    fn country_note_aliases_are_read_with_their_lines() {
        let note = parse_country_note(
            "---\nname: South Korea\naliases:\n  - Korea\n  - ' The Peninsula '\n---\n",
            Path::new("content/countries/south-korea.md"),
        )
        .unwrap();
        let aliases: Vec<(&str, usize)> = note
            .aliases
            .iter()
            .map(|alias| (alias.name.as_str(), alias.location.line))
            .collect();
        assert_eq!(aliases, [("Korea", 4), ("The Peninsula", 5)]);
    }

    #[test]
    fn country_note_rejects_an_empty_alias() {
        let error = parse_country_note("---\naliases: ['']\n---\n", Path::new("c.md")).unwrap_err();
        assert_eq!(error.to_string(), "c.md:2:11: name is empty");
    }

    #[test]
    fn country_note_rejects_unknown_keys() {
        let error = parse_country_note("---\nnmae: China\n---\n", Path::new("c.md")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "c.md:2:1: unknown key `nmae` (hint: did you mean `name`?)"
        );
    }

    #[test]
    fn same_as_urls_must_be_http_and_are_located() {
        let profile = parse_person_profile(
            "---\nname: A\nsame_as: ['https://www.wikidata.org/wiki/Q1']\n---\n",
            Path::new("p.md"),
        )
        .unwrap();
        assert_eq!(profile.same_as, ["https://www.wikidata.org/wiki/Q1"]);
        let error = parse_country_note(
            "---\nname: China\nsame_as:\n  - https://example.org/\n  - 'javascript:x'\n---\n",
            Path::new("c.md"),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "c.md:5:5: same_as url `javascript:x` must start with http:// or https://"
        );
    }
}
