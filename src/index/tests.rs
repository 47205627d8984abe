//! Tests of the site model, built from small Markdown texts through the real parsers.

use std::path::Path;
use std::sync::LazyLock;

use jiff::tz::TimeZone;

use super::*;
use crate::config::SiteConfig;
use crate::content::{
    Content, CountryNote, PersonProfile, parse_article, parse_country_note, parse_person_profile,
};
use crate::markdown::BodyCache;
use crate::site::{Settings, assemble};

/// The settings of a site at `/` with the built-in theme, compiled once.
static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let config = SiteConfig {
        base_url: "/".into(),
        ..SiteConfig::default()
    };
    Settings::builtin(config).unwrap()
});

fn article(path: &str, text: &str) -> Article {
    parse_article(text, Path::new(path), &TimeZone::UTC).unwrap()
}

/// An article at `path` with front matter built from its parts and a one-line body.
fn briefing(path: &str, title: &str, date: &str, countries: &[&str], people: &[&str]) -> Article {
    article(
        path,
        &format!(
            "---\ntitle: {title}\ndate: {date}\ncountries: [{}]\npeople: [{}]\n---\nAbout {title}.\n",
            countries.join(", "),
            people.join(", ")
        ),
    )
}

fn profile(path: &str, text: &str) -> PersonProfile {
    parse_person_profile(text, Path::new(path)).unwrap()
}

fn note(path: &str, text: &str) -> CountryNote {
    parse_country_note(text, Path::new(path)).unwrap()
}

fn lavrov_profile() -> PersonProfile {
    profile(
        "content/people/sergey-lavrov.md",
        "---\nname: Sergey Lavrov\naliases: [Lavrov, Сергей Лавров]\nrole: Foreign Minister\ncountry: Russia\n---\nBio.\n",
    )
}

fn build(
    articles: Vec<Article>,
    people: Vec<PersonProfile>,
    countries: Vec<CountryNote>,
) -> Result<SiteIndex> {
    let content = Content {
        articles,
        people,
        countries,
    };
    let (site, errors) = assemble(&SETTINGS, content, &mut BodyCache::default());
    match (site, errors.is_empty()) {
        (Some(site), true) => Ok(site.index),
        _ => Err(Error::from_many(errors)),
    }
}

fn build_ok(articles: Vec<Article>) -> SiteIndex {
    build(articles, Vec::new(), Vec::new()).unwrap()
}

fn find(index: &SiteIndex, kind: EntityKind, name: &str) -> EntityId {
    index
        .entities(kind)
        .find(|(_, entity)| entity.name == name)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no {kind:?} named {name}"))
}

fn country<'a>(index: &'a SiteIndex, name: &str) -> &'a Entity {
    index.entity(find(index, EntityKind::Country, name))
}

fn person<'a>(index: &'a SiteIndex, name: &str) -> &'a Entity {
    index.entity(find(index, EntityKind::Person, name))
}

fn titles(index: &SiteIndex, positions: &[usize]) -> Vec<String> {
    positions
        .iter()
        .map(|&position| index.articles[position].article.title.clone())
        .collect()
}

fn names(index: &SiteIndex, ids: &[EntityId]) -> Vec<String> {
    ids.iter()
        .map(|&id| index.entity(id).name.clone())
        .collect()
}

fn connections(index: &SiteIndex, entity: &Entity) -> Vec<(String, usize)> {
    entity
        .connections
        .iter()
        .map(|connection| {
            (
                index.entity(connection.entity).name.clone(),
                connection.count,
            )
        })
        .collect()
}

fn person_details(entity: &Entity) -> &PersonDetails {
    match &entity.details {
        EntityDetails::Person(details) => details,
        EntityDetails::Country(_) => panic!("{} is a country", entity.name),
    }
}

#[test]
fn articles_are_sorted_newest_first_with_ties_broken_by_title() {
    let index = build_ok(vec![
        briefing("a.md", "Oldest", "2024-01-01", &[], &[]),
        briefing("b.md", "Zebra", "2024-03-01", &[], &[]),
        briefing("c.md", "Apple", "2024-03-01", &[], &[]),
        briefing("d.md", "Middle", "2024-02-01", &[], &[]),
    ]);
    let order: Vec<&str> = index
        .articles
        .iter()
        .map(|indexed| indexed.article.title.as_str())
        .collect();
    assert_eq!(order, ["Apple", "Zebra", "Middle", "Oldest"]);
}

#[test]
fn articles_are_sorted_by_instant_not_by_written_date() {
    let index = build_ok(vec![
        article(
            "a.md",
            "---\ntitle: Early\ndate: 2024-05-01T01:00:00+05:00\n---\n",
        ),
        article(
            "b.md",
            "---\ntitle: Late\ndate: 2024-04-30T23:00:00Z\n---\n",
        ),
    ]);
    // 01:00 at +05:00 is 20:00 UTC the day before, so "Late" is newer.
    assert_eq!(index.articles[0].article.title, "Late");
}

#[test]
fn each_entitys_articles_are_newest_first() {
    let index = build_ok(vec![
        briefing("a.md", "January", "2024-01-10", &["China"], &["Xi Jinping"]),
        briefing("b.md", "March", "2024-03-10", &["China"], &["Xi Jinping"]),
        briefing(
            "c.md",
            "February",
            "2024-02-10",
            &["China"],
            &["Xi Jinping"],
        ),
        briefing("d.md", "April", "2024-04-10", &["Russia"], &[]),
    ]);
    let china = country(&index, "China");
    assert_eq!(
        titles(&index, &china.articles),
        ["March", "February", "January"]
    );
    let xi = person(&index, "Xi Jinping");
    assert_eq!(
        titles(&index, &xi.articles),
        ["March", "February", "January"]
    );
}

#[test]
fn us_usa_and_united_states_of_america_are_one_country_named_united_states() {
    let index = build_ok(vec![
        briefing("a.md", "A", "2024-01-01", &["US"], &[]),
        briefing("b.md", "B", "2024-01-02", &["USA"], &[]),
        briefing(
            "c.md",
            "C",
            "2024-01-03",
            &["United States of America"],
            &[],
        ),
    ]);
    assert_eq!(index.countries.len(), 1);
    let us = &index.countries[0];
    assert_eq!(us.name, "United States");
    assert_eq!(us.slug, "united-states");
    assert_eq!(us.articles.len(), 3);
    match &us.details {
        EntityDetails::Country(details) => {
            assert_eq!(details.alpha2, "US");
            assert_eq!(details.alpha3, "USA");
            assert_eq!(details.flag, "🇺🇸");
        }
        EntityDetails::Person(_) => panic!("United States is a person"),
    }
}

#[test]
fn a_country_is_named_and_slugged_by_its_common_name() {
    let index = build_ok(vec![briefing(
        "a.md",
        "A",
        "2024-01-01",
        &["Ivory Coast", "Russian Federation"],
        &[],
    )]);
    let slugs: Vec<(&str, &str)> = index
        .countries
        .iter()
        .map(|entity| (entity.name.as_str(), entity.slug.as_str()))
        .collect();
    assert_eq!(
        slugs,
        [("Côte d'Ivoire", "cote-d-ivoire"), ("Russia", "russia")]
    );
}

#[test]
fn a_country_named_twice_in_one_article_counts_once() {
    let index = build_ok(vec![briefing(
        "a.md",
        "A",
        "2024-01-01",
        &["China", "PRC"],
        &[],
    )]);
    let china = find(&index, EntityKind::Country, "China");
    assert_eq!(index.articles[0].countries, [china]);
    assert_eq!(index.entity(china).articles, [0]);
}

#[test]
fn article_entities_keep_front_matter_order() {
    let index = build_ok(vec![briefing(
        "a.md",
        "A",
        "2024-01-01",
        &["Russia", "China", "Brazil"],
        &["Zhou", "Abe", "Zhou"],
    )]);
    let indexed = &index.articles[0];
    assert_eq!(
        names(&index, &indexed.countries),
        ["Russia", "China", "Brazil"]
    );
    assert_eq!(names(&index, &indexed.people), ["Zhou", "Abe"]);
}

#[test]
fn people_resolve_through_profile_names_and_aliases_case_insensitively() {
    let index = build(
        vec![
            briefing("a.md", "A", "2024-01-01", &[], &["lavrov"]),
            briefing("b.md", "B", "2024-01-02", &[], &["SERGEY  LAVROV"]),
            briefing("c.md", "C", "2024-01-03", &[], &["Сергей Лавров"]),
        ],
        vec![lavrov_profile()],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(index.people.len(), 1);
    let lavrov = &index.people[0];
    assert_eq!(lavrov.name, "Sergey Lavrov");
    assert_eq!(lavrov.slug, "sergey-lavrov");
    assert_eq!(lavrov.aliases, ["Lavrov", "Сергей Лавров"]);
    assert_eq!(lavrov.articles, [0, 1, 2]);
    assert_eq!(lavrov.body.as_ref().unwrap().html.unpack(), "<p>Bio.</p>\n");
    let details = person_details(lavrov);
    assert!(details.has_profile);
    assert_eq!(details.role.as_deref(), Some("Foreign Minister"));
}

#[test]
fn a_person_without_a_profile_is_named_as_written_with_a_slug_from_the_name() {
    let index = build_ok(vec![briefing(
        "a.md",
        "A",
        "2024-01-01",
        &["Russia"],
        &["Сергей Шойгу"],
    )]);
    let shoigu = person(&index, "Сергей Шойгу");
    assert_eq!(shoigu.slug, "sergei-shoigu");
    assert!(shoigu.body.is_none());
    assert_eq!(person_details(shoigu), &PersonDetails::default());
    assert_eq!(shoigu.articles, [0]);
}

#[test]
fn an_unprofiled_person_keeps_the_spelling_of_the_newest_article() {
    let index = build_ok(vec![
        briefing("a.md", "Old", "2024-01-01", &[], &["wang yi"]),
        briefing("b.md", "New", "2024-02-01", &[], &["Wang Yi"]),
    ]);
    assert_eq!(index.people.len(), 1);
    assert_eq!(index.people[0].name, "Wang Yi");
    assert_eq!(index.people[0].articles, [0, 1]);
}

#[test]
fn a_profile_without_articles_still_has_an_entity() {
    let index = build(Vec::new(), vec![lavrov_profile()], Vec::new()).unwrap();
    let lavrov = person(&index, "Sergey Lavrov");
    assert!(lavrov.articles.is_empty());
    assert!(lavrov.connections.is_empty());
    assert!(person_details(lavrov).has_profile);
}

#[test]
fn a_profiles_country_links_to_the_country_entity() {
    let index = build(
        vec![briefing(
            "a.md",
            "A",
            "2024-01-01",
            &["China", "Russian Federation"],
            &["Lavrov"],
        )],
        vec![lavrov_profile()],
        Vec::new(),
    )
    .unwrap();
    let russia = find(&index, EntityKind::Country, "Russia");
    let lavrov = person(&index, "Sergey Lavrov");
    assert_eq!(person_details(lavrov).country, Some(russia));
}

#[test]
fn a_profiles_country_has_an_entity_even_when_no_article_names_it() {
    let index = build(Vec::new(), vec![lavrov_profile()], Vec::new()).unwrap();
    let russia = find(&index, EntityKind::Country, "Russia");
    assert!(index.entity(russia).articles.is_empty());
    assert_eq!(
        person_details(person(&index, "Sergey Lavrov")).country,
        Some(russia)
    );
}

#[test]
fn an_unknown_country_on_a_profile_is_an_error_at_its_value() {
    let bad = profile(
        "content/people/x.md",
        "---\nname: X\ncountry: Narnia\n---\n",
    );
    let error = build(Vec::new(), vec![bad], Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "content/people/x.md:3:10: unknown country `Narnia`"
    );
}

#[test]
fn two_unprofiled_names_with_the_same_slug_are_an_error_naming_both() {
    let error = build(
        vec![
            briefing(
                "content/articles/a.md",
                "A",
                "2024-01-01",
                &[],
                &["Sergei Lavrov"],
            ),
            briefing(
                "content/articles/b.md",
                "B",
                "2024-01-02",
                &[],
                &["Sergéi Lavrov"],
            ),
        ],
        Vec::new(),
        Vec::new(),
    )
    .unwrap_err();
    assert_eq!(error.count(), 1);
    let text = error.to_string();
    assert!(text.starts_with("content/articles/b.md:5:10: "), "{text}");
    assert!(text.contains("`Sergéi Lavrov`"), "{text}");
    assert!(text.contains("`Sergei Lavrov`"), "{text}");
    assert!(text.contains("content/articles/a.md:5:10"), "{text}");
    assert!(text.contains("/people/sergei-lavrov/"), "{text}");
}

#[test]
fn a_name_with_nothing_to_make_a_url_from_is_an_error() {
    let error = build_ok_err(vec![article(
        "a.md",
        "---\ntitle: A\ndate: 2024-01-01\npeople: ['???']\n---\n",
    )]);
    assert_eq!(
        error.to_string(),
        "a.md:4:10: `???` has no letters or digits to make a URL from"
    );
}

fn build_ok_err(articles: Vec<Article>) -> Error {
    build(articles, Vec::new(), Vec::new()).unwrap_err()
}

#[test]
fn the_same_alias_on_two_profiles_is_an_error_at_the_second_alias() {
    let first = profile(
        "content/people/a.md",
        "---\nname: Anna\naliases: [The Minister]\n---\n",
    );
    let second = profile(
        "content/people/b.md",
        "---\nname: Boris\naliases: [Envoy, the  minister]\n---\n",
    );
    let error = build(Vec::new(), vec![first, second], Vec::new()).unwrap_err();
    assert_eq!(error.count(), 1);
    assert_eq!(
        error.to_string(),
        "content/people/b.md:3:18: `the  minister` is already a name of Anna (content/people/a.md:1:1)"
    );
}

#[test]
fn a_profile_may_repeat_its_own_name_as_an_alias() {
    let own = profile(
        "content/people/a.md",
        "---\nname: Anna\naliases: [anna, Ann]\n---\n",
    );
    let index = build(
        vec![briefing("x.md", "X", "2024-01-01", &[], &["Ann"])],
        vec![own],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(index.people.len(), 1);
    assert_eq!(index.people[0].articles, [0]);
}

#[test]
fn an_unknown_country_is_an_error_at_the_name_with_a_suggestion() {
    let error = build_ok_err(vec![briefing(
        "content/articles/a.md",
        "A",
        "2024-01-01",
        &["China", "Ukriane"],
        &[],
    )]);
    assert_eq!(
        error.to_string(),
        "content/articles/a.md:4:20: unknown country `Ukriane` (hint: did you mean Ukraine?)"
    );
}

#[test]
fn unknown_countries_in_several_files_are_all_reported() {
    let error = build_ok_err(vec![
        briefing("b.md", "B", "2024-01-02", &["Narnia", "Oz"], &[]),
        briefing("a.md", "A", "2024-01-01", &["Ukriane"], &[]),
        briefing("c.md", "C", "2024-01-03", &["China"], &[]),
    ]);
    assert_eq!(error.count(), 3);
    let text = error.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("a.md:4:13: unknown country `Ukriane`"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("b.md:4:13: unknown country `Narnia`"),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with("b.md:4:21: unknown country `Oz`"),
        "{lines:?}"
    );
}

#[test]
fn errors_of_different_kinds_are_reported_together() {
    let error = build(
        vec![
            briefing("a.md", "A", "2024-01-01", &["Ukriane"], &["Sergei Lavrov"]),
            briefing("b.md", "B", "2024-01-02", &[], &["Sergéi Lavrov"]),
        ],
        Vec::new(),
        vec![note("content/countries/narnia.md", "---\n---\n")],
    )
    .unwrap_err();
    assert_eq!(error.count(), 3, "{error}");
}

#[test]
fn two_articles_with_the_same_slug_are_an_error_naming_both_files() {
    let error = build_ok_err(vec![
        briefing(
            "content/articles/2024/talks.md",
            "A",
            "2024-01-01",
            &[],
            &[],
        ),
        article(
            "content/articles/2023/other.md",
            "---\ntitle: B\ndate: 2023-01-01\nslug: Talks\n---\n",
        ),
    ]);
    assert_eq!(error.count(), 1);
    let text = error.to_string();
    assert!(text.contains("content/articles/2023/other.md"), "{text}");
    assert!(text.contains("content/articles/2024/talks.md"), "{text}");
    assert!(text.contains("/articles/talks/"), "{text}");
}

/// Three articles: Lavrov appears with Xi in two and with Putin in one.
fn connection_fixture() -> SiteIndex {
    build(
        vec![
            briefing(
                "a.md",
                "A",
                "2024-01-01",
                &["China"],
                &["Lavrov", "Xi Jinping"],
            ),
            briefing(
                "b.md",
                "B",
                "2024-01-02",
                &["Russia"],
                &["Sergey Lavrov", "Xi Jinping", "Vladimir Putin"],
            ),
            briefing("c.md", "C", "2024-01-03", &["Russia"], &["Vladimir Putin"]),
        ],
        vec![lavrov_profile()],
        Vec::new(),
    )
    .unwrap()
}

#[test]
fn connections_are_ordered_by_shared_articles_then_name_with_exact_counts() {
    let index = connection_fixture();
    let lavrov = person(&index, "Sergey Lavrov");
    assert_eq!(
        connections(&index, lavrov),
        [
            ("Xi Jinping".to_string(), 2),
            ("China".to_string(), 1),
            ("Russia".to_string(), 1),
            ("Vladimir Putin".to_string(), 1),
        ]
    );
    let russia = country(&index, "Russia");
    assert_eq!(
        connections(&index, russia),
        [
            ("Vladimir Putin".to_string(), 2),
            ("Sergey Lavrov".to_string(), 1),
            ("Xi Jinping".to_string(), 1),
        ]
    );
}

#[test]
fn connection_counts_are_the_same_from_both_sides() {
    let index = connection_fixture();
    for (id, entity) in index
        .entities(EntityKind::Country)
        .chain(index.entities(EntityKind::Person))
    {
        for connection in &entity.connections {
            let back = index
                .entity(connection.entity)
                .connections
                .iter()
                .find(|other| other.entity == id)
                .unwrap_or_else(|| panic!("{} does not connect back", entity.name));
            assert_eq!(back.count, connection.count);
        }
    }
}

#[test]
fn an_entity_never_connects_to_itself() {
    let index = build(
        vec![
            briefing(
                "a.md",
                "A",
                "2024-01-01",
                &["China", "PRC"],
                &["Lavrov", "Sergey Lavrov"],
            ),
            briefing("b.md", "B", "2024-01-02", &["China"], &["lavrov"]),
        ],
        vec![lavrov_profile()],
        Vec::new(),
    )
    .unwrap();
    let china = find(&index, EntityKind::Country, "China");
    let lavrov = find(&index, EntityKind::Person, "Sergey Lavrov");
    assert_eq!(index.articles[1].people, [lavrov]);
    assert_eq!(index.entity(lavrov).articles, [0, 1]);
    assert_eq!(
        index.entity(lavrov).connections,
        [Connection {
            entity: china,
            count: 2
        }]
    );
    assert_eq!(
        index.entity(china).connections,
        [Connection {
            entity: lavrov,
            count: 2
        }]
    );
}

#[test]
fn most_covered_orders_by_article_count_then_name_and_omits_entities_without_articles() {
    let index = build(
        vec![
            briefing("a.md", "A", "2024-01-01", &["Russia", "China"], &["Zhou"]),
            briefing("b.md", "B", "2024-01-02", &["Brazil", "China"], &["Abe"]),
            briefing("c.md", "C", "2024-01-03", &["Russia", "China"], &["Abe"]),
            briefing("d.md", "D", "2024-01-04", &["Argentina"], &["Zhou", "Mia"]),
        ],
        vec![lavrov_profile()],
        vec![note("content/countries/france.md", "---\n---\nNotes.\n")],
    )
    .unwrap();
    let countries = index.most_covered(EntityKind::Country);
    assert_eq!(
        names(&index, &countries),
        ["China", "Russia", "Argentina", "Brazil"]
    );
    let people = index.most_covered(EntityKind::Person);
    assert_eq!(names(&index, &people), ["Abe", "Zhou", "Mia"]);
}

#[test]
fn a_country_note_attaches_its_rendered_body_to_the_country() {
    let index = build(
        vec![briefing("a.md", "A", "2024-01-01", &["PRC"], &[])],
        Vec::new(),
        vec![note(
            "content/countries/china.md",
            "---\n---\nSome *notes*.\n\n# Trade\n",
        )],
    )
    .unwrap();
    assert_eq!(index.countries.len(), 1);
    let china = country(&index, "China");
    let body = china.body.as_ref().unwrap();
    assert_eq!(
        body.html.unpack(),
        "<p>Some <em>notes</em>.</p>\n<h2 id=\"trade\">Trade</h2>\n"
    );
    assert_eq!(body.summary, "Some notes.");
    assert_eq!(china.articles, [0]);
}

#[test]
fn a_country_with_only_a_note_has_an_entity_with_no_articles() {
    let index = build(
        vec![briefing("a.md", "A", "2024-01-01", &["China"], &[])],
        Vec::new(),
        vec![note(
            "content/countries/mongolia.md",
            "---\nname: Mongolia\n---\nSteppe.\n",
        )],
    )
    .unwrap();
    let mongolia = country(&index, "Mongolia");
    assert!(mongolia.articles.is_empty());
    assert!(mongolia.connections.is_empty());
    assert_eq!(mongolia.body.as_ref().unwrap().summary, "Steppe.");
    assert!(country(&index, "China").body.is_none());
}

#[test]
fn a_second_note_for_the_same_country_is_an_error() {
    let error = build(
        Vec::new(),
        Vec::new(),
        vec![
            note("content/countries/china.md", "---\n---\nOne.\n"),
            note("content/countries/prc.md", "---\nname: PRC\n---\nTwo.\n"),
        ],
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "content/countries/prc.md:2:7: a second note for China"
    );
}

#[test]
fn an_unknown_country_note_is_an_error_at_its_file() {
    let error = build(
        Vec::new(),
        Vec::new(),
        vec![note("content/countries/narnia.md", "---\n---\n")],
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "content/countries/narnia.md:1:1: unknown country `narnia`"
    );
}

#[test]
fn entities_are_sorted_by_slug() {
    let index = build_ok(vec![
        briefing(
            "a.md",
            "A",
            "2024-01-01",
            &["Russia", "Brazil"],
            &["Zhou", "Abe"],
        ),
        briefing("b.md", "B", "2024-01-02", &["China"], &["Mia"]),
    ]);
    let slugs = |list: &[Entity]| list.iter().map(|e| e.slug.clone()).collect::<Vec<_>>();
    assert_eq!(slugs(&index.countries), ["brazil", "china", "russia"]);
    assert_eq!(slugs(&index.people), ["abe", "mia", "zhou"]);
}

#[test]
fn summary_prefers_front_matter_then_first_paragraph() {
    let index = build_ok(vec![
        article(
            "a.md",
            "---\ntitle: A\ndate: 2024-01-01\nsummary: Written.\n---\nFirst paragraph.\n",
        ),
        article(
            "b.md",
            "---\ntitle: B\ndate: 2024-01-02\n---\nFirst *paragraph*.\n\nMore.\n",
        ),
    ]);
    assert_eq!(index.articles[0].summary(), "First paragraph.");
    assert_eq!(index.articles[1].summary(), "Written.");
}

fn determinism_input() -> (Vec<Article>, Vec<PersonProfile>, Vec<CountryNote>) {
    (
        vec![
            briefing(
                "a.md",
                "A",
                "2024-01-01",
                &["China", "US"],
                &["Lavrov", "Xi Jinping"],
            ),
            briefing(
                "b.md",
                "B",
                "2024-01-01",
                &["Russia", "Brazil"],
                &["Zhou", "Abe"],
            ),
            briefing(
                "c.md",
                "C",
                "2024-02-01",
                &["USA", "China"],
                &["xi jinping", "Mia"],
            ),
            briefing(
                "d.md",
                "D",
                "2024-03-01",
                &["France"],
                &["Abe", "Сергей Шойгу"],
            ),
        ],
        vec![
            lavrov_profile(),
            profile(
                "content/people/wang-yi.md",
                "---\nname: Wang Yi\ncountry: China\n---\n",
            ),
        ],
        vec![note("content/countries/mongolia.md", "---\n---\nSteppe.\n")],
    )
}

fn snapshot(index: &SiteIndex) -> Vec<String> {
    let mut lines = Vec::new();
    for article in &index.articles {
        lines.push(format!(
            "article {} {:?} {:?}",
            article.article.slug, article.countries, article.people
        ));
    }
    for (id, entity) in index
        .entities(EntityKind::Country)
        .chain(index.entities(EntityKind::Person))
    {
        lines.push(format!(
            "{id:?} {} {} {:?} {:?}",
            entity.name, entity.slug, entity.articles, entity.connections
        ));
    }
    lines
}

#[test]
fn building_twice_from_the_same_input_gives_the_same_model() {
    let (articles, people, countries) = determinism_input();
    let first = build(articles.clone(), people.clone(), countries.clone()).unwrap();
    let second = build(articles, people, countries).unwrap();
    assert_eq!(snapshot(&first), snapshot(&second));
}

#[test]
fn the_order_articles_are_given_in_does_not_change_the_model() {
    let (articles, people, countries) = determinism_input();
    let mut reversed = articles.clone();
    reversed.reverse();
    let first = build(articles, people.clone(), countries.clone()).unwrap();
    let second = build(reversed, people, countries).unwrap();
    assert_eq!(snapshot(&first), snapshot(&second));
    // Newest first: D, C, A, B; the name is spelled as in the newest article, C.
    let xi = first.entity(find(&first, EntityKind::Person, "xi jinping"));
    assert_eq!(xi.articles, [1, 2]);
}

#[test]
fn years_hold_their_runs_of_the_newest_first_list() {
    let index = build_ok(vec![
        briefing("a.md", "A", "2023-12-31", &[], &[]),
        briefing("b.md", "B", "2024-01-01", &[], &[]),
        briefing("c.md", "C", "2024-06-01", &[], &[]),
        briefing("d.md", "D", "2021-05-01", &[], &[]),
    ]);
    assert_eq!(
        index.years(),
        vec![(2024, 0..2), (2023, 2..3), (2021, 3..4)]
    );
}
