//! Slugs and URL safety: the rules that keep names from content inside the URL space.
//!
//! A slug only ever holds `a-z`, `0-9` and `-`, so no slug from content can name a
//! parent folder or an absolute path when it becomes an output path.

/// The URL slug of a name: transliterated to ASCII, lower case, words joined by `-`.
/// "Сергей Лавров" gives `sergei-lavrov`, "Côte d'Ivoire" gives `cote-d-ivoire`.
pub fn slugify(name: &str) -> String {
    slug::slugify(name)
}

/// The slug of a country's page, from its display name.
pub fn country_slug(name: &str) -> String {
    slugify(name)
}

/// The slug of a person with a profile: the profile's file name.
pub fn profile_slug(source_path: &std::path::Path) -> String {
    slugify(
        &source_path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy(),
    )
}

/// Whether a link taken from content may be put on a page: http(s) only, so a
/// `javascript:` or `data:` URL never reaches a reader.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The key under which a person's name is matched: case and spacing do not matter,
/// accents and scripts do ("Lavrov" and "lavrov" match, "Лавров" is its own alias).
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate_and_never_hold_path_characters() {
        assert_eq!(slugify("Сергей Лавров"), "sergei-lavrov");
        assert_eq!(slugify("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("/absolute"), "absolute");
        assert_eq!(slugify("..."), "");
    }

    #[test]
    fn only_http_urls_are_safe() {
        assert!(is_safe_url("https://example.org"));
        assert!(is_safe_url("HTTP://example.org"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JavaScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }

    #[test]
    fn name_keys_ignore_case_and_spacing() {
        assert_eq!(name_key("  Sergey   LAVROV "), "sergey lavrov");
        assert_ne!(name_key("Лавров"), name_key("Lavrov"));
    }
}
