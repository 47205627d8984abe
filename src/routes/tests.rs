//! Tests of `routes`.

use super::*;

#[test]
fn pages_get_pretty_urls_and_index_files() {
    let routes = Routes::new("/");
    let route = routes.article("talks-in-geneva");
    assert_eq!(route.url_path, "/articles/talks-in-geneva/");
    assert_eq!(
        route.output_path,
        PathBuf::from("articles/talks-in-geneva/index.html")
    );
    assert_eq!(routes.home().output_path, PathBuf::from("index.html"));
    assert_eq!(
        routes.entity(EntityKind::Person, "wang-yi").output_path,
        PathBuf::from("people/wang-yi/index.html")
    );
    assert_eq!(
        routes.entity_list(EntityKind::Country).url_path,
        "/countries/"
    );
    assert_eq!(
        routes.archive().output_path,
        PathBuf::from("archive/index.html")
    );
}

#[test]
fn later_pages_of_a_list_sit_below_its_first() {
    let routes = Routes::new("/");
    let china = routes.entity(EntityKind::Country, "china");
    assert_eq!(routes.paged(china.clone(), 1), china);
    let third = routes.paged(china, 3);
    assert_eq!(third.url_path, "/countries/china/page/3/");
    assert_eq!(
        third.output_path,
        PathBuf::from("countries/china/page/3/index.html")
    );
    assert_eq!(
        routes.paged(routes.archive_year(2024), 2).url_path,
        "/archive/2024/page/2/"
    );
    assert_eq!(
        routes.search_words(12).output_path,
        PathBuf::from("search/words/12.json")
    );
}

#[test]
fn month_headings_have_zero_padded_fragments() {
    let routes = Routes::new("/");
    assert_eq!(routes.month_fragment(2024, 4), "month-2024-04");
    assert_eq!(routes.month_fragment(987, 12), "month-0987-12");
}

#[test]
fn links_carry_the_base_path_of_a_sub_path_site() {
    let routes = Routes::new("https://example.org/briefings/");
    let route = routes.entity(EntityKind::Country, "china");
    assert_eq!(routes.link(&route), "/briefings/countries/china/");
    assert_eq!(
        routes.absolute_url(&route),
        "https://example.org/briefings/countries/china/"
    );
    assert_eq!(routes.link(&routes.home()), "/briefings/");
}

#[test]
fn links_at_a_domain_root_start_at_slash() {
    let routes = Routes::new("https://example.org/");
    assert_eq!(routes.link(&routes.home()), "/");
    assert_eq!(
        routes.absolute_url(&routes.article("a")),
        "https://example.org/articles/a/"
    );
}

#[test]
fn root_relative_base_urls_work() {
    let routes = Routes::new("/news/");
    assert_eq!(routes.link(&routes.article("a")), "/news/articles/a/");
    assert_eq!(
        routes.absolute_url(&routes.article("a")),
        "/news/articles/a/"
    );
}

#[test]
fn feeds_and_data_sit_beside_their_pages() {
    let routes = Routes::new("/");
    assert_eq!(routes.site_feed().output_path, PathBuf::from("atom.xml"));
    assert_eq!(
        routes.entity_feed(EntityKind::Person, "wang-yi").url_path,
        "/people/wang-yi/atom.xml"
    );
    assert_eq!(
        routes.entity_data(EntityKind::Country, "china").output_path,
        PathBuf::from("countries/china/index.json")
    );
    assert_eq!(
        routes.entity_list_data(EntityKind::Person).url_path,
        "/people/index.json"
    );
    assert_eq!(
        routes.search().output_path,
        PathBuf::from("search/index.html")
    );
    assert_eq!(routes.not_found().url_path, "/404.html");
    assert!(!routes.has_absolute_base());
    assert!(Routes::new("https://example.org/").has_absolute_base());
}

#[test]
fn tags_have_a_list_pages_and_feeds() {
    let routes = Routes::new("/b/");
    assert_eq!(routes.link(&routes.tag_list()), "/b/tags/");
    let tag = routes.tag("diplomacy");
    assert_eq!(tag.output_path, PathBuf::from("tags/diplomacy/index.html"));
    assert_eq!(routes.paged(tag, 2).url_path, "/tags/diplomacy/page/2/");
    assert_eq!(
        routes.tag_feed("diplomacy").output_path,
        PathBuf::from("tags/diplomacy/atom.xml")
    );
}

#[test]
fn file_routes_sit_at_the_root() {
    let routes = Routes::new("https://example.org/b/");
    let route = Route::file("style.css");
    assert_eq!(route.output_path, PathBuf::from("style.css"));
    assert_eq!(routes.link(&route), "/b/style.css");
}
