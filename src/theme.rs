//! The default theme, embedded in the binary, and a site's overrides read from disk.
//!
//! A file in the site's `templates/` folder replaces the built-in file of the same name;
//! files with new names are added (for includes of the site's own). Templates are
//! `.html` files compiled by `render`; anything else in the theme (the stylesheet) is an
//! asset copied to the output root, below the site's `static/` files.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::fs;

/// Where a template's text came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    /// Embedded in the binary.
    Builtin,
    /// A file of the site, named as in messages.
    Site(PathBuf),
}

/// One template's name and text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The name pages refer to it by: `article.html`.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Where it came from.
    pub origin: TemplateOrigin,
}

/// The built-in templates, as (name, text).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    (
        "article_list.html",
        include_str!("../templates/article_list.html"),
    ),
    ("entity.html", include_str!("../templates/entity.html")),
    ("country.html", include_str!("../templates/country.html")),
    ("person.html", include_str!("../templates/person.html")),
    ("entities.html", include_str!("../templates/entities.html")),
    (
        "countries.html",
        include_str!("../templates/countries.html"),
    ),
    ("people.html", include_str!("../templates/people.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("archive.html", include_str!("../templates/archive.html")),
    (
        "archive_index.html",
        include_str!("../templates/archive_index.html"),
    ),
    (
        "archive_year.html",
        include_str!("../templates/archive_year.html"),
    ),
    (
        "pagination.html",
        include_str!("../templates/pagination.html"),
    ),
    (
        "pagination_head.html",
        include_str!("../templates/pagination_head.html"),
    ),
    ("timeline.html", include_str!("../templates/timeline.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("404.html", include_str!("../templates/404.html")),
];

/// The built-in assets, as (output file name, contents).
pub const BUILTIN_ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../templates/style.css")),
    ("search.js", include_str!("../templates/search.js")),
    // Pages name this icon, so no browser asks the host root for `/favicon.ico`.
    ("favicon.svg", include_str!("../templates/favicon.svg")),
];

/// The theme of a site: built-in templates with the site's overrides applied, and the
/// assets the site does not replace.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Every template, sorted by name.
    pub templates: Vec<TemplateSource>,
    /// Assets to write at the output root, as (file name, contents).
    pub assets: Vec<(String, Vec<u8>)>,
}

/// The built-in theme, without any site's overrides.
pub fn builtin_theme() -> Theme {
    let templates: Vec<TemplateSource> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: name.to_string(),
            text: text.to_string(),
            origin: TemplateOrigin::Builtin,
        })
        .collect();
    let assets: Vec<(String, Vec<u8>)> = BUILTIN_ASSETS
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    Theme { templates, assets }
}

/// Loads the theme for the site in `site_dir`: the built-in one with the site's
/// overrides applied.
pub fn load_theme(site_dir: &Path) -> Result<Theme> {
    let Theme {
        mut templates,
        mut assets,
    } = builtin_theme();
    let dir = site_dir.join("templates");
    for relative in fs::files_under(&dir)? {
        // Named as messages name it, so that a problem reading it says where it is.
        let path = fs::site_path(site_dir, Path::new("templates").join(&relative));
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.starts_with('.') || name.contains("/.") {
            continue;
        }
        if name.ends_with(".html") {
            let text = fs::read_to_string(&path)?;
            let origin = TemplateOrigin::Site(path);
            templates.retain(|template| template.name != name);
            templates.push(TemplateSource { name, text, origin });
        } else if let Some(asset) = assets.iter_mut().find(|(asset, _)| *asset == name) {
            // A site's own stylesheet in templates/ replaces the theme's.
            asset.1 = fs::read(&path)?;
        }
    }
    let static_dir = site_dir.join("static");
    assets.retain(|(name, _)| !static_dir.join(name).is_file());
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Theme { templates, assets })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_template_replaces_the_builtin_of_the_same_name() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("templates")).unwrap();
        std::fs::write(site.path().join("templates/article.html"), "mine").unwrap();
        std::fs::write(site.path().join("templates/extra.html"), "extra").unwrap();
        let theme = load_theme(site.path()).unwrap();
        let article = theme
            .templates
            .iter()
            .find(|template| template.name == "article.html")
            .unwrap();
        assert_eq!(article.text, "mine");
        assert_eq!(
            article.origin,
            TemplateOrigin::Site(site.path().join("templates/article.html"))
        );
        assert!(
            theme
                .templates
                .iter()
                .any(|template| template.name == "extra.html")
        );
        assert_eq!(
            theme.templates.len(),
            BUILTIN_TEMPLATES.len() + 1,
            "overrides replace, they do not add a second copy"
        );
    }

    #[test]
    fn a_static_stylesheet_replaces_the_theme_asset() {
        let site = tempfile::tempdir().unwrap();
        let names = |site: &Path| -> Vec<String> {
            let assets = load_theme(site).unwrap().assets;
            assets.into_iter().map(|(name, _)| name).collect()
        };
        assert_eq!(
            names(site.path()),
            ["style.css", "search.js", "favicon.svg"]
        );
        std::fs::create_dir_all(site.path().join("static")).unwrap();
        std::fs::write(site.path().join("static/style.css"), "body{}").unwrap();
        assert_eq!(names(site.path()), ["search.js", "favicon.svg"]);
    }
}
