//! The search index's words: their order, and their numbers kept from build to build.

use super::*;
use crate::config::SiteConfig;
use crate::content::{Content, parse_article};
use crate::markdown::BodyCache;
use crate::site::{LoadedSite, Settings, assemble};

fn site(articles: &[(&str, &str)], bodies: &mut BodyCache) -> LoadedSite {
    let settings = Settings::builtin(SiteConfig {
        base_url: "/".into(),
        ..SiteConfig::default()
    })
    .unwrap();
    let articles = (articles.iter().enumerate())
        .map(|(day, (title, body))| {
            let text = format!(
                "---\ntitle: {title}\ndate: 2024-01-{:02}\n---\n{body}\n",
                day + 1
            );
            let path = format!(
                "content/articles/{}.md",
                title.to_lowercase().replace(' ', "-")
            );
            parse_article(&text, std::path::Path::new(&path), &jiff::tz::TimeZone::UTC).unwrap()
        })
        .collect();
    let content = Content {
        articles,
        ..Content::default()
    };
    let (site, errors) = assemble(&settings, content, bodies);
    assert!(errors.is_empty(), "{errors:?}");
    site.unwrap()
}

fn index_files(site: &LoadedSite) -> Vec<String> {
    let words = SearchWords::new(&site.index, &site.routes);
    let mut files: Vec<String> = (0..words.part_count()).map(|n| words.part(n)).collect();
    files.push(words.manifest(&site.index));
    files
}

#[test]
fn words_of_kept_bodies_index_alike_after_the_vocabulary_is_compacted() {
    let mut bodies = BodyCache::default();
    let first = [
        ("Kept", "Ceasefire talks in Geneva."),
        ("Gone one", "Sanctions on copper and nickel exports."),
        ("Gone two", "Elections postponed after floods in the delta."),
        (
            "Gone three",
            "Tariffs on steel, aluminium and solar panels.",
        ),
    ];
    site(&first, &mut bodies);
    let before = bodies.vocabulary().0.len();
    // Three bodies left out: most of the vocabulary is theirs alone.
    let second = [
        ("Kept", "Ceasefire talks in Geneva."),
        ("New", "Talks on grain corridors resume."),
    ];
    let incremental = site(&second, &mut bodies);
    assert!(bodies.vocabulary().0.len() < before, "not compacted");
    let cold = site(&second, &mut BodyCache::default());
    assert_eq!(index_files(&incremental), index_files(&cold));
    // The kept bodies, renumbered, still index as fresh ones.
    let third = [
        ("Kept again", "Ceasefire talks in Geneva."),
        ("New", "Talks on grain corridors resume."),
    ];
    let incremental = site(&third, &mut bodies);
    assert_eq!(bodies.counts().rendered, 1);
    let cold = site(&third, &mut BodyCache::default());
    assert_eq!(index_files(&incremental), index_files(&cold));
}

#[test]
fn words_sort_as_javascript_compares_them() {
    // U+FF5E is above the surrogates JavaScript uses for U+1F600.
    assert!(compare_as_javascript("\u{1F600}", "\u{FF5E}").is_lt());
    assert!(compare_as_javascript("abc", "abd").is_lt());
    assert!(compare_as_javascript("ab", "abc").is_lt());
}
