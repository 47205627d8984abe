//! `briefing new`: a new article file with today's date and the front matter filled in.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::fs;
use crate::slugs::slugify;

/// What the new article is about.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The headline.
    pub title: String,
    /// Countries to list.
    pub countries: Vec<String>,
    /// People to list.
    pub people: Vec<String>,
    /// The date to give it, normally today in the site's time zone.
    pub date: Date,
}

/// Writes `content/articles/<yyyy>/<slug>.md` in `site_dir` and returns its path;
/// refuses to overwrite a file.
pub fn new_article(site_dir: &Path, article: &NewArticle) -> Result<PathBuf> {
    let slug = slugify(&article.title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{}` has no letters or digits to make a file name from",
            article.title
        )));
    }
    let relative = PathBuf::from(format!(
        "content/articles/{}/{slug}.md",
        article.date.year()
    ));
    let path = fs::site_path(site_dir, &relative);
    if path.exists() {
        return Err(Error::Usage(format!(
            "{}: already exists; choose another title or edit that file",
            path.display()
        )));
    }
    let text = format!(
        "---\ntitle: {}\ndate: {}\ncountries: {}\npeople: {}\n---\n\n",
        quote(&article.title),
        article.date,
        list(&article.countries),
        list(&article.people),
    );
    fs::write(&path, text.as_bytes())?;
    Ok(path)
}

/// A YAML double-quoted string, so any title survives: colons, quotes, `#`.
fn quote(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quote(item)).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            quote("Talks: \"final\" \\ round #2"),
            "\"Talks: \\\"final\\\" \\\\ round #2\""
        );
        assert_eq!(list(&[]), "[]");
        assert_eq!(
            list(&["US".into(), "Côte d'Ivoire".into()]),
            "[\"US\", \"Côte d'Ivoire\"]"
        );
    }

    #[test]
    fn writes_the_article_and_refuses_to_overwrite_it() {
        let site = tempfile::tempdir().unwrap();
        let article = NewArticle {
            title: "Talks in Geneva: day one".into(),
            countries: vec!["Switzerland".into()],
            people: vec![],
            date: jiff::civil::date(2026, 11, 27),
        };
        let path = new_article(site.path(), &article).unwrap();
        assert_eq!(
            path,
            site.path()
                .join("content/articles/2026/talks-in-geneva-day-one.md")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "---\ntitle: \"Talks in Geneva: day one\"\ndate: 2026-11-27\ncountries: [\"Switzerland\"]\npeople: []\n---\n\n"
        );
        let error = new_article(site.path(), &article).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("already exists; choose another title or edit that file")
        );
    }
}
