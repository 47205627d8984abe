//! Whatever earlier builds left beside and in the output, a build gives the site a cold
//! build of the same input gives, byte for byte.
//!
//! A build keeps `public/`, its manifest and its cache (`.public.cache/`) and reuses
//! them; every shortcut that reuse takes must be invisible in the output. The property
//! test builds a small site (nested articles, a bundle with an image, profiles, country
//! notes, tags, links by source path, mentions), then takes seeded random steps: each
//! edits, adds, deletes or renames something (front matter, bodies, profiles, notes,
//! `briefing.yaml`, template overrides, `static/`, the bundle's files, the command line),
//! or only touches a file, or rewrites one keeping its size and modification time. After
//! every step the site is built into the persistent `public/` and, from nothing, into a
//! fresh folder, and the two trees must hold the same folders and files with the same
//! bytes. Some steps make the site invalid: then both builds must fail with the same
//! problems and `public/` must be as it was before the step.
//!
//! Steps follow each other without waiting, so files change within the same second as
//! the build before (the classic cause of a stale cache). A few steps, and always the
//! one before a same-size edit, wait until the inputs are settled before building, so
//! that build may trust the file times it records and the next edit comes right after
//! it. The test's verdict never depends on timing.
//!
//! `BRIEFING_INCREMENTAL_SEED` sets the seed (default [`DEFAULT_SEED`]; decimal or
//! `0x` hex) and `BRIEFING_INCREMENTAL_STEPS` the number of steps (default
//! [`DEFAULT_STEPS`]). A failure prints the seed and every step taken, to replay it:
//! `BRIEFING_INCREMENTAL_SEED=7 BRIEFING_INCREMENTAL_STEPS=500 cargo test --test suite incremental -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use briefing::inputs::SETTLE_TIME;

use crate::support::Outcome;

/// The seed when `BRIEFING_INCREMENTAL_SEED` is not set.
const DEFAULT_SEED: u64 = 0x1c4e_a5ed;

/// Steps when `BRIEFING_INCREMENTAL_STEPS` is not set: every operation once, then a few
/// more, in under half a minute of a debug build on two idle cores.
const DEFAULT_STEPS: usize = 30;

/// One step in this many waits for the inputs to settle before building.
const SETTLE_EVERY: usize = 8;

/// How long a settling step waits: longer than the time after which a build trusts
/// file times.
const SETTLE: Duration = SETTLE_TIME.saturating_add(Duration::from_millis(100));

/// Differences a failure names.
const SHOWN_DIFFERENCES: usize = 6;

// ---------------------------------------------------------------------------------------
// A seeded generator (splitmix64).

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "nothing to choose from");
        (self.next() % n as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn setting(name: &str, default: u64) -> u64 {
    let Ok(value) = std::env::var(name) else {
        return default;
    };
    let value = value.trim();
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse(),
    };
    parsed.unwrap_or_else(|_| panic!("{name}={value} is not a number"))
}

// ---------------------------------------------------------------------------------------
// The site, as a model that writes its files.

#[derive(Clone, Debug)]
struct Article {
    /// Relative to `content/articles/`: `2024/us-china.md` or `2024/04/talks/index.md`.
    path: String,
    title: String,
    date: String,
    countries: Vec<String>,
    people: Vec<String>,
    tags: Vec<String>,
    slug: Option<String>,
    draft: bool,
    /// A raw line of front matter (only ever a mistake).
    extra: Option<String>,
    /// Paragraphs; the first is always plain words.
    body: Vec<String>,
    /// A bundle's other files, relative to its folder.
    files: BTreeMap<String, Vec<u8>>,
}

impl Article {
    fn is_bundle(&self) -> bool {
        self.path.ends_with("/index.md")
    }

    /// The folder the article file is in, relative to `content/articles/`.
    fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }

    /// What the slug defaults to: the file name, or a bundle's folder name.
    fn stem(&self) -> &str {
        let name = if self.is_bundle() {
            self.folder()
        } else {
            &self.path
        };
        let name = name.rsplit('/').next().unwrap_or(name);
        name.strip_suffix(".md").unwrap_or(name)
    }

    fn effective_slug(&self) -> String {
        self.slug.clone().unwrap_or_else(|| self.stem().to_string())
    }

    fn text(&self) -> String {
        let mut text = String::from("---\n");
        writeln!(text, "title: {}", quoted(&self.title)).unwrap();
        writeln!(text, "date: {}", self.date).unwrap();
        for (key, values) in [
            ("countries", &self.countries),
            ("people", &self.people),
            ("tags", &self.tags),
        ] {
            if !values.is_empty() {
                writeln!(text, "{key}: {}", list(values)).unwrap();
            }
        }
        if let Some(slug) = &self.slug {
            writeln!(text, "slug: {slug}").unwrap();
        }
        if self.draft {
            text.push_str("draft: true\n");
        }
        if let Some(extra) = &self.extra {
            writeln!(text, "{extra}").unwrap();
        }
        text.push_str("---\n");
        text.push_str(&self.body.join("\n\n"));
        text.push('\n');
        text
    }
}

#[derive(Clone, Debug)]
struct Profile {
    slug: String,
    name: String,
    aliases: Vec<String>,
    /// Aliases the profile may gain.
    spare: Vec<String>,
    role: String,
    body: String,
}

impl Profile {
    fn text(&self) -> String {
        format!(
            // Every profile names a country that articles list and stop listing, so the
            // country's article count on a profile page changes with them.
            "---\nname: {}\naliases: {}\nrole: {}\ncountry: Russia\n---\n{}\n",
            quoted(&self.name),
            list(&self.aliases),
            quoted(&self.role),
            self.body
        )
    }
}

#[derive(Clone, Debug)]
struct Note {
    slug: String,
    /// None: the file name names the country.
    name: Option<String>,
    aliases: Vec<String>,
    spare: Vec<String>,
    body: String,
}

impl Note {
    fn text(&self) -> String {
        let mut text = String::from("---\n");
        if let Some(name) = &self.name {
            writeln!(text, "name: {}", quoted(name)).unwrap();
        }
        writeln!(text, "aliases: {}", list(&self.aliases)).unwrap();
        text.push_str("---\n");
        text.push_str(&self.body);
        text.push('\n');
        text
    }
}

#[derive(Clone, Debug)]
struct Config {
    title: String,
    description: String,
    page_size: Option<u32>,
    link_mentions: bool,
    show_map: bool,
    summary_feeds: bool,
    extra: Option<String>,
}

impl Config {
    fn text(&self) -> String {
        let mut text = format!(
            "title: {}\ndescription: {}\nbase_url: https://example.org/\nlanguage: en-GB\ntime_zone: Europe/London\n",
            quoted(&self.title),
            quoted(&self.description)
        );
        if let Some(size) = self.page_size {
            writeln!(text, "page_size: {size}").unwrap();
        }
        if !self.link_mentions {
            text.push_str("link_mentions: false\n");
        }
        if !self.show_map {
            text.push_str("show_map: false\n");
        }
        if self.summary_feeds {
            text.push_str("feed_content: summary\n");
        }
        if let Some(extra) = &self.extra {
            writeln!(text, "{extra}").unwrap();
        }
        text
    }
}

#[derive(Clone, Debug)]
struct Site {
    config: Config,
    articles: Vec<Article>,
    profiles: Vec<Profile>,
    notes: Vec<Note>,
    /// `templates/<name>` -> text.
    templates: BTreeMap<String, String>,
    /// `static/<path>` -> bytes.
    statics: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// Every file of the site, by its path in the site folder.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        files.insert("briefing.yaml".to_string(), self.config.text().into_bytes());
        for article in &self.articles {
            files.insert(
                format!("content/articles/{}", article.path),
                article.text().into_bytes(),
            );
            for (name, bytes) in &article.files {
                files.insert(
                    format!("content/articles/{}/{name}", article.folder()),
                    bytes.clone(),
                );
            }
        }
        for profile in &self.profiles {
            files.insert(
                format!("content/people/{}.md", profile.slug),
                profile.text().into_bytes(),
            );
        }
        for note in &self.notes {
            files.insert(
                format!("content/countries/{}.md", note.slug),
                note.text().into_bytes(),
            );
        }
        for (name, text) in &self.templates {
            files.insert(format!("templates/{name}"), text.clone().into_bytes());
        }
        for (path, bytes) in &self.statics {
            files.insert(format!("static/{path}"), bytes.clone());
        }
        files
    }

    /// Whether a path under `content/articles/` is taken, by a file or a folder.
    fn occupied(&self, path: &str) -> bool {
        self.files().keys().any(|file| {
            let file = file.strip_prefix("content/articles/").unwrap_or(file);
            file == path
                || file.starts_with(&format!("{path}/"))
                || path.starts_with(&format!("{file}/"))
        })
    }

    /// Article paths that some body links to but no article has.
    fn dangling_links(&self) -> Vec<String> {
        let mut targets = BTreeSet::new();
        for article in &self.articles {
            for paragraph in &article.body {
                for target in link_targets(paragraph) {
                    let target = target.split('#').next().unwrap_or_default();
                    if target.ends_with(".md")
                        && let Some(path) = resolve(article.folder(), target)
                    {
                        targets.insert(path);
                    }
                }
            }
        }
        targets
            .into_iter()
            .filter(|path| !self.occupied(path))
            .collect()
    }
}

fn quoted(text: &str) -> String {
    assert!(!text.contains(['"', '\\']), "unquotable: {text}");
    format!("\"{text}\"")
}

fn list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|value| quoted(value)).collect();
    format!("[{}]", items.join(", "))
}

/// The targets of Markdown links and images in a paragraph.
fn link_targets(paragraph: &str) -> Vec<&str> {
    paragraph
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split([')', ' ']).next())
        .collect()
}

/// `target`, relative to `folder`, as a path from the top; None if it leaves it.
fn resolve(folder: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The link from a file in `folder` to the file `to` (both from the top).
fn relative(folder: &str, to: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
    let to: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// A small PNG, wide enough to be published as two variants.
fn png(shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(600, 40, |x, y| {
        image::Rgb([(x % 256) as u8, (y * 6) as u8, shade])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode PNG");
    bytes.into_inner()
}

fn svg(colour: &str) -> Vec<u8> {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"{colour}\"/></svg>\n"
    )
    .into_bytes()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

fn article(path: &str, title: &str, date: &str, countries: &[&str], body: &[&str]) -> Article {
    Article {
        path: path.into(),
        title: title.into(),
        date: date.into(),
        countries: strings(countries),
        people: Vec::new(),
        tags: Vec::new(),
        slug: None,
        draft: false,
        extra: None,
        body: strings(body),
        files: BTreeMap::new(),
    }
}

fn profile(slug: &str, name: &str, aliases: &[&str], spare: &[&str], role: &str) -> Profile {
    Profile {
        slug: slug.into(),
        name: name.into(),
        aliases: strings(aliases),
        spare: strings(spare),
        role: role.into(),
        body: format!("{name} in short."),
    }
}

fn note(slug: &str, name: Option<&str>, aliases: &[&str], spare: &[&str]) -> Note {
    Note {
        slug: slug.into(),
        name: name.map(str::to_string),
        aliases: strings(aliases),
        spare: strings(spare),
        body: format!("A note on {}.", name.unwrap_or(slug)),
    }
}

/// The profiles a step may add.
fn spare_profiles() -> Vec<Profile> {
    vec![
        profile(
            "xi-jinping",
            "Xi Jinping",
            &["Xi"],
            &["President Xi"],
            "President of China",
        ),
        profile(
            "alassane-ouattara",
            "Alassane Ouattara",
            &["Ouattara"],
            &["President Ouattara"],
            "President of Côte d'Ivoire",
        ),
        profile(
            "maria-zakharova",
            "Maria Zakharova",
            &["Мария Захарова"],
            &["Zakharova"],
            "Spokeswoman",
        ),
    ]
}

/// The country notes a step may add.
fn spare_notes() -> Vec<Note> {
    vec![
        note("france", Some("France"), &["Hexagon"], &["Gaul"]),
        note("japan", None, &[], &["Nippon"]),
    ]
}

fn initial_site() -> Site {
    let mut lavrov = article(
        "2024/04/lavrov-in-beijing.md",
        "Xi receives Lavrov in Beijing",
        "2024-04-09",
        &["China", "Russian Federation", "UA"],
        &[
            "Xi Jinping met Sergey Lavrov in Beijing. The Middle Kingdom hosted the talks.",
            "# Background",
            "Their last meeting was in 2018. See [the conference](peace-conference.md) and [the talks in Geneva](talks/index.md).",
        ],
    );
    lavrov.people = strings(&["Xi Jinping", "Lavrov", "Wang Yi"]);
    lavrov.tags = strings(&["diplomacy"]);

    let mut peace = article(
        "2024/04/peace-conference.md",
        "Switzerland prepares a peace conference",
        "2024-04-10T09:30:00+02:00",
        &["Switzerland", "Ukraine", "RU", "CN"],
        &[
            "Switzerland discussed the conference with China. Сергей Лавров spoke for Moscow.",
            "Background in [Beijing](lavrov-in-beijing.md#background).",
        ],
    );
    peace.people = strings(&["Сергей Лавров", "Wang Yi"]);
    peace.tags = strings(&["diplomacy", "security"]);

    let mut us_china = article(
        "2024/us-china.md",
        "US and China resume talks",
        "2024-01-15",
        &["United States of America", "PRC"],
        &[
            "The United States and China resumed talks, said Wang Yi.",
            "First raised in [Abidjan](../2023/abidjan.md).",
        ],
    );
    us_china.people = strings(&["Wang Yi"]);
    us_china.tags = strings(&["Trade"]);

    let mut abidjan = article(
        "2023/abidjan.md",
        "Trade talks in Abidjan",
        "2023-11-02",
        &["Ivory Coast", "USA"],
        &["Officials from Côte d'Ivoire and the U.S. met in Abidjan."],
    );
    abidjan.people = strings(&["Alassane Ouattara"]);
    abidjan.tags = strings(&["trade"]);
    abidjan.slug = Some("abidjan-trade-talks".into());

    let mut grain = article(
        "2022/grain.md",
        "Talks on grain exports",
        "2022-06-01",
        &["GB", "Ukraine"],
        &[
            "Penny Wong and British officials discussed grain.",
            "Later: [US and China](../2024/us-china.md).",
        ],
    );
    grain.people = strings(&["Penny Wong"]);

    let mut talks = article(
        "2024/04/talks/index.md",
        "Talks in Geneva",
        "2024-04-11",
        &["Switzerland"],
        &[
            "The delegations met twice in Geneva, Wong said.",
            "![Chart of the meetings](chart.svg)",
            "![Map of Geneva](map.png \"Where the talks were\")",
            "Read [the report](report.txt) and [another briefing](../../../2023/abidjan.md).",
        ],
    );
    talks.people = strings(&["Penny Wong"]);
    talks.files = BTreeMap::from([
        ("chart.svg".to_string(), svg("#336699")),
        ("map.png".to_string(), png(90)),
        ("report.txt".to_string(), b"The report.\n".to_vec()),
        ("unused.txt".to_string(), b"Not linked.\n".to_vec()),
    ]);

    let mut pipeline = article(
        "2023/energy/pipeline.md",
        "A pipeline under the Black Sea",
        "2023-03-05",
        &["Russia", "Japan"],
        &[
            "Japan and Russia discussed the pipeline. Lavrov was there.",
            "Compare [the grain talks](../../2022/grain.md).",
        ],
    );
    pipeline.people = strings(&["Sergey Lavrov"]);
    pipeline.tags = strings(&["Energy"]);

    let mut summit = article(
        "2024/05/summit.md",
        "Leaders gather for a summit in India",
        "2024-05-20",
        &["India", "Brazil", "France"],
        &[
            "Leaders met in New Delhi. The Hexagon sent Penny Wong a note, and Xi Jinping came.",
            "[Geneva](../04/talks/index.md) was mentioned.",
        ],
    );
    summit.people = strings(&["Penny Wong", "Xi Jinping"]);
    summit.tags = strings(&["diplomacy", "élection"]);

    let mut draft = article(
        "drafts/unfinished.md",
        "An unfinished draft",
        "2024-05-01",
        &["France"],
        &["Not ready. Links to [the summit](../2024/05/summit.md)."],
    );
    draft.draft = true;

    Site {
        config: Config {
            title: "World Desk".into(),
            description: "Short briefings on world affairs".into(),
            page_size: None,
            link_mentions: true,
            show_map: true,
            summary_feeds: false,
            extra: None,
        },
        articles: vec![
            lavrov, peace, us_china, abidjan, grain, talks, pipeline, summit, draft,
        ],
        profiles: vec![
            profile(
                "sergey-lavrov",
                "Sergey Lavrov",
                &["Lavrov", "Сергей Лавров"],
                &["Sergei Lavrov"],
                "Foreign Minister of Russia",
            ),
            profile(
                "wang-yi",
                "Wang Yi",
                &["王毅"],
                &["Minister Wang"],
                "Foreign Minister of China",
            ),
            profile(
                "penny-wong",
                "Penny Wong",
                &["Wong"],
                &["Senator Wong"],
                "Foreign Minister of Australia",
            ),
        ],
        notes: vec![
            note("china", Some("China"), &["Middle Kingdom"], &["Zhongguo"]),
            note("switzerland", None, &["Helvetia"], &["Confoederatio"]),
        ],
        templates: BTreeMap::new(),
        statics: BTreeMap::from([
            ("images/logo.txt".to_string(), b"logo\n".to_vec()),
            ("files/readme.txt".to_string(), b"Read me.\n".to_vec()),
        ]),
    }
}

// ---------------------------------------------------------------------------------------
// Operations.

/// What a step may do; each picks its target at random.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// A new title for an article.
    EditTitle,
    /// A word replaced, a paragraph (with a mention, a heading, a link by source path or
    /// by site URL) added, or one removed.
    EditBody,
    /// A day or an RFC 3339 time.
    ChangeDate,
    ToggleCountry,
    TogglePerson,
    /// An article or a bundle, in a folder or where a body's link leads.
    AddArticle,
    DeleteArticle,
    /// To another folder, under its name or a new one; a bundle moves as a folder; a
    /// file may become a bundle (`a.md` to `a/index.md`). The file keeps its time.
    MoveArticle,
    /// A new `slug`, or none.
    ChangeSlug,
    /// A tag added, removed or replaced, some differing only in case or accents.
    ChangeTag,
    ToggleDraft,
    /// The name swapped with an alias, an alias added or removed, role and bio edited.
    EditProfile,
    AddProfile,
    DeleteProfile,
    /// An alias added or removed, the body extended.
    EditNote,
    AddOrDeleteNote,
    /// Any file written again with the same bytes, or only given a new time.
    Touch,
    /// One letter of a title, a first paragraph or a static file changed, the size and
    /// the modification time kept.
    SameSizeSameTime,
    /// An article extended and its file dated back to 2020.
    OldTimeEdit,
    /// `briefing.yaml`: title, `page_size` (2, 3 or the default), `link_mentions`,
    /// `show_map`, `feed_content` and description.
    EditConfig,
    /// A theme template (or its stylesheet) copied to `templates/` with a marker that
    /// shows in the pages, changed again, or removed.
    Template,
    /// A `static/` file edited, added (also over a theme asset) or deleted.
    Static,
    /// A bundle's image redrawn, a file of it rewritten, a file added and linked or not.
    BundleFile,
    /// `--drafts` on or off, `--base-url` changed, for both builds.
    BuildFlags,
    /// Something both builds must refuse: an unknown country, a slug taken, an unknown
    /// key, an impossible date, a template that does not compile, a bad `page_size`.
    Break,
    /// The output folder deleted with its manifest, the cache kept (as a CI runner
    /// restores it); a page of the output written in place (which also writes the
    /// cache's copy of it); or the cache's page store deleted. Then an article retitled.
    Output,
    Nothing,
}

/// Every operation with its weight.
const OPERATIONS: &[(Op, usize)] = &[
    (Op::EditTitle, 7),
    (Op::EditBody, 10),
    (Op::ChangeDate, 5),
    (Op::ToggleCountry, 5),
    (Op::TogglePerson, 5),
    (Op::AddArticle, 5),
    (Op::DeleteArticle, 4),
    (Op::MoveArticle, 6),
    (Op::ChangeSlug, 4),
    (Op::ChangeTag, 5),
    (Op::ToggleDraft, 2),
    (Op::EditProfile, 5),
    (Op::AddProfile, 2),
    (Op::DeleteProfile, 2),
    (Op::EditNote, 3),
    (Op::AddOrDeleteNote, 2),
    (Op::Touch, 4),
    (Op::SameSizeSameTime, 6),
    (Op::OldTimeEdit, 2),
    (Op::EditConfig, 5),
    (Op::Template, 5),
    (Op::Static, 4),
    (Op::BundleFile, 3),
    (Op::BuildFlags, 2),
    (Op::Break, 4),
    (Op::Output, 4),
    (Op::Nothing, 1),
];

/// What a step does to the files besides writing the model's new contents.
enum Effect {
    /// Renames a file or folder (site paths) before the new contents are written, as
    /// `mv` does: it keeps the modification time.
    Rename(String, String),
    /// Puts the file's modification time back after writing it; its size is unchanged.
    KeepTime(String),
    /// Sets the file's modification time after writing it.
    SetTime(String, SystemTime),
    /// Writes the file's bytes again, unchanged.
    Rewrite(String),
    /// Sets the file's modification time to now, writing nothing.
    Stamp(String),
}

const WORDS: &[&str] = &[
    "talks",
    "summit",
    "ministers",
    "trade",
    "grain",
    "deal",
    "border",
    "sanctions",
    "envoy",
    "visit",
    "energy",
    "pipeline",
    "election",
    "observers",
    "ceasefire",
    "accord",
    "port",
    "delegation",
    "harbour",
    "tariffs",
];

/// Names a body may mention: profiled people, their aliases, people without a profile,
/// countries, a demonym and the notes' aliases.
const MENTIONS: &[&str] = &[
    "Wang Yi",
    "Lavrov",
    "Сергей Лавров",
    "Penny Wong",
    "Xi Jinping",
    "Maria Zakharova",
    "Ouattara",
    "China",
    "Russia's",
    "Swiss",
    "French",
    "Middle Kingdom",
    "Helvetia",
    "Hexagon",
    "Nippon",
    "Brazil",
];

const COUNTRIES: &[&str] = &[
    "China",
    "Russia",
    "Ukraine",
    "France",
    "Switzerland",
    "Ivory Coast",
    "US",
    "GB",
    "Japan",
    "Brazil",
    "India",
    "Middle Kingdom",
];

const PEOPLE: &[&str] = &[
    "Sergey Lavrov",
    "Lavrov",
    "Wang Yi",
    "王毅",
    "Penny Wong",
    "Xi Jinping",
    "Alassane Ouattara",
    "Maria Zakharova",
];

const TAGS: &[&str] = &[
    "diplomacy",
    "Diplomacy",
    "trade",
    "Trade",
    "security",
    "Energy",
    "élection",
    "Election",
];

const COLOURS: &[&str] = &["#112233", "#445566", "#778899"];

const FOLDERS: &[&str] = &[
    "2022",
    "2023",
    "2023/energy",
    "2024",
    "2024/04",
    "2024/05",
    "misc",
];

/// Templates an override may replace (`.html` from the theme, and its stylesheet).
const TEMPLATES: &[&str] = &[
    "base.html",
    "article.html",
    "article_list.html",
    "country.html",
    "person.html",
    "index.html",
    "tag.html",
    "archive_year.html",
    "pagination.html",
    "style.css",
];

fn words(rng: &mut Rng, count: usize) -> String {
    (0..count)
        .map(|_| *rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn title(rng: &mut Rng) -> String {
    let count = 3 + rng.below(3);
    let mut title = words(rng, count);
    title[..1].make_ascii_uppercase();
    title
}

fn date(rng: &mut Rng) -> String {
    let day = format!(
        "{}-{:02}-{:02}",
        2021 + rng.below(4),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    if rng.one_in(4) {
        format!("{day}T{:02}:30:00+0{}:00", rng.below(24), rng.below(4))
    } else {
        day
    }
}

fn sentence(rng: &mut Rng) -> String {
    let mention = rng.pick(MENTIONS);
    let mut sentence = format!("{} {} {}.", words(rng, 2), mention, words(rng, 3));
    sentence[..1].make_ascii_uppercase();
    sentence
}

/// Swaps one ASCII lowercase letter of `text` for another, keeping its length.
fn swap_letter(rng: &mut Rng, text: &mut String) -> bool {
    let at: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, byte)| byte.is_ascii_lowercase())
        .map(|(at, _)| at)
        .collect();
    if at.is_empty() {
        return false;
    }
    let at = *rng.pick(&at);
    let old = text.as_bytes()[at];
    let new = b'a' + ((old - b'a') + 1 + rng.below(25) as u8) % 26;
    text.replace_range(at..=at, &(new as char).to_string());
    true
}

/// A theme template with a marker in it that shows in the pages it makes.
fn template_override(name: &str, marker: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no theme template {}: {e}", path.display()));
    if name.ends_with(".css") {
        return format!("{text}\n/* {marker} */\n");
    }
    let comment = format!("<!-- {marker} -->");
    // Inside the first block, so a template that extends another shows it too.
    let block = text.find("{% block ").or_else(|| text.find("{%- block "));
    match block.and_then(|start| text[start..].find("%}").map(|end| start + end + 2)) {
        Some(at) => format!("{}{comment}{}", &text[..at], &text[at..]),
        None => format!("{text}{comment}\n"),
    }
}

/// What one step did, for the failure message.
struct Step {
    number: usize,
    description: String,
    settled: bool,
    outcome: &'static str,
}

// ---------------------------------------------------------------------------------------
// A folder tree, compared byte for byte.

#[derive(Debug, PartialEq, Eq, Clone)]
enum Entry {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
}

type Tree = BTreeMap<String, Entry>;

/// Every folder, file and link under `dir` (nothing if it does not exist).
fn tree(dir: &Path) -> Tree {
    let mut tree = Tree::new();
    if !dir.exists() {
        return tree;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk output");
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            Entry::Link(std::fs::read_link(entry.path()).expect("read link"))
        } else if kind.is_dir() {
            Entry::Folder
        } else {
            Entry::File(std::fs::read(entry.path()).expect("read output file"))
        };
        tree.insert(relative, value);
    }
    tree
}

/// Every difference between the incremental output and `other`, described.
fn differences(incremental: &Tree, other: &Tree, other_name: &str) -> Vec<String> {
    let paths: BTreeSet<&String> = incremental.keys().chain(other.keys()).collect();
    let mut found = Vec::new();
    for path in paths {
        let line = match (incremental.get(path), other.get(path)) {
            (a, b) if a == b => continue,
            (Some(_), None) => format!("{path}: only in the incremental output"),
            (None, Some(_)) => format!("{path}: only in the {other_name}"),
            (Some(Entry::File(a)), Some(Entry::File(b))) => {
                format!(
                    "{path}: contents differ{}",
                    first_difference(a, b, other_name)
                )
            }
            (Some(a), Some(b)) => format!("{path}: {} vs {}", kind(a), kind(b)),
            (None, None) => unreachable!(),
        };
        found.push(line);
    }
    found
}

fn kind(entry: &Entry) -> &'static str {
    match entry {
        Entry::Folder => "a folder",
        Entry::File(_) => "a file",
        Entry::Link(_) => "a link",
    }
}

fn first_difference(a: &[u8], b: &[u8], other_name: &str) -> String {
    let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let line = 1 + a[..at].iter().filter(|&&byte| byte == b'\n').count();
    let around = |bytes: &[u8]| {
        let start = at.saturating_sub(60);
        let end = (at + 60).min(bytes.len());
        String::from_utf8_lossy(&bytes[start.min(end)..end]).into_owned()
    };
    format!(
        " ({} vs {} bytes), first at byte {at}, line {line}:\n      incremental output: {:?}\n      {other_name}: {:?}",
        a.len(),
        b.len(),
        around(a),
        around(b)
    )
}

/// Problems as a sorted list of lines, so their order does not matter.
fn problems(stderr: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = stderr.lines().filter(|line| !line.is_empty()).collect();
    lines.sort_unstable();
    lines
}

// ---------------------------------------------------------------------------------------
// A run: the site on disk, its model, and the builds.

struct Run {
    seed: u64,
    rng: Rng,
    site: Site,
    /// The model at the last step whose builds succeeded.
    last_good: Site,
    /// What the site's files hold on disk.
    disk: BTreeMap<String, Vec<u8>>,
    _temp: tempfile::TempDir,
    root: PathBuf,
    /// Where cold builds go, each into a fresh folder.
    colds: PathBuf,
    drafts: bool,
    base_url: Option<&'static str>,
    /// `public/` after the last step.
    output: Tree,
    history: Vec<Step>,
    counter: usize,
    valid_steps: usize,
    failed_steps: usize,
}

impl Run {
    /// Writes the initial site and builds it.
    fn new(seed: u64) -> Run {
        let temp = tempfile::tempdir().expect("temporary folder");
        let root = temp.path().join("site");
        let colds = temp.path().join("cold");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&colds).unwrap();
        let site = initial_site();
        let mut run = Run {
            seed,
            rng: Rng(seed),
            last_good: site.clone(),
            site,
            disk: BTreeMap::new(),
            _temp: temp,
            root,
            colds,
            drafts: false,
            base_url: None,
            output: Tree::new(),
            history: Vec::new(),
            counter: 0,
            valid_steps: 0,
            failed_steps: 0,
        };
        run.sync(Vec::new());
        assert!(
            run.check("build the initial site".into(), false),
            "the initial site must build"
        );
        run
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{}", self.counter)
    }

    /// Makes the files on disk what the model says, doing `effects` around it.
    fn sync(&mut self, effects: Vec<Effect>) {
        let mut times = Vec::new();
        for effect in &effects {
            match effect {
                Effect::Rename(from, to) => {
                    let target = self.root.join(to);
                    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                    std::fs::rename(self.root.join(from), &target)
                        .unwrap_or_else(|e| panic!("rename {from} to {to}: {e}"));
                    let moved: Vec<String> = self
                        .disk
                        .keys()
                        .filter(|path| *path == from || path.starts_with(&format!("{from}/")))
                        .cloned()
                        .collect();
                    for path in moved {
                        let bytes = self.disk.remove(&path).unwrap();
                        self.disk
                            .insert(format!("{to}{}", &path[from.len()..]), bytes);
                    }
                }
                Effect::KeepTime(path) => {
                    let metadata = std::fs::metadata(self.root.join(path)).unwrap();
                    times.push((path.clone(), metadata.modified().unwrap(), metadata.len()));
                }
                _ => {}
            }
        }
        let wanted = self.site.files();
        for (path, bytes) in &wanted {
            if self.disk.get(path) != Some(bytes) {
                let file = self.root.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(&file, bytes).unwrap();
            }
        }
        let gone: Vec<String> = self
            .disk
            .keys()
            .filter(|path| !wanted.contains_key(*path))
            .cloned()
            .collect();
        for path in gone {
            let file = self.root.join(&path);
            std::fs::remove_file(&file).unwrap();
            // Sometimes the emptied folders go too, as `git rm` does.
            if self.rng.one_in(2) {
                let mut folder = file.parent();
                while let Some(dir) = folder {
                    if dir == self.root.join("content") || std::fs::remove_dir(dir).is_err() {
                        break;
                    }
                    folder = dir.parent();
                }
            }
        }
        self.disk = wanted;
        for (path, modified, len) in times {
            let file = std::fs::File::options()
                .write(true)
                .open(self.root.join(&path))
                .unwrap();
            assert_eq!(
                file.metadata().unwrap().len(),
                len,
                "{path}: a same-size edit changed the size"
            );
            file.set_modified(modified).unwrap();
        }
        for effect in effects {
            match effect {
                Effect::SetTime(path, time) => {
                    let file = std::fs::File::options()
                        .write(true)
                        .open(self.root.join(&path))
                        .unwrap();
                    file.set_modified(time).unwrap();
                }
                Effect::Rewrite(path) => {
                    std::fs::write(self.root.join(&path), &self.disk[&path]).unwrap();
                }
                Effect::Stamp(path) => {
                    let file = std::fs::File::options()
                        .write(true)
                        .open(self.root.join(&path))
                        .unwrap();
                    file.set_modified(SystemTime::now()).unwrap();
                }
                Effect::Rename(..) | Effect::KeepTime(_) => {}
            }
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
        command
            .arg("build")
            .current_dir(&self.root)
            .env_remove("RUST_BACKTRACE");
        if self.drafts {
            command.arg("--drafts");
        }
        if let Some(url) = self.base_url {
            command.args(["--base-url", url]);
        }
        command
    }

    /// Builds into `public/` and, at the same time, from nothing into a fresh folder;
    /// compares them. Returns whether the builds succeeded; panics, with the history,
    /// when they disagree.
    fn check(&mut self, description: String, settled: bool) -> bool {
        let number = self.history.len();
        let cold_dir = self.colds.join(format!("step-{number}"));
        let cold_public = cold_dir.join("public");
        let mut cold = self.command();
        let cold = cold
            .arg("--output")
            .arg(&cold_public)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run briefing");
        let incremental = Outcome::from(self.command().output().expect("run briefing"));
        let cold = Outcome::from(cold.wait_with_output().expect("run briefing"));
        let incremental_tree = tree(&self.public());
        let cold_tree = tree(&cold_public);

        let mut problem = None;
        for (which, outcome) in [("incremental", &incremental), ("cold", &cold)] {
            if outcome.stderr.contains("panicked") || !matches!(outcome.code, Some(0 | 1)) {
                problem = Some(format!(
                    "the {which} build crashed ({:?}):\n{}",
                    outcome.code, outcome.stderr
                ));
            }
        }
        let outcome = match (incremental.success, cold.success) {
            (true, true) => {
                let found = differences(&incremental_tree, &cold_tree, "cold build's output");
                if !found.is_empty() && problem.is_none() {
                    problem = Some(format!(
                        "the incremental output differs from the cold build's in {} place(s):\n  {}",
                        found.len(),
                        found[..found.len().min(SHOWN_DIFFERENCES)].join("\n  ")
                    ));
                }
                "built"
            }
            (false, false) => {
                let found = differences(&incremental_tree, &self.output, "output before the step");
                if !found.is_empty() && problem.is_none() {
                    problem = Some(format!(
                        "the failed incremental build changed the previous output in {} place(s):\n  {}",
                        found.len(),
                        found[..found.len().min(SHOWN_DIFFERENCES)].join("\n  ")
                    ));
                }
                if problems(&incremental.stderr) != problems(&cold.stderr) && problem.is_none() {
                    problem = Some(format!(
                        "the builds failed with different problems:\nincremental:\n{}\ncold:\n{}",
                        incremental.stderr, cold.stderr
                    ));
                }
                "both failed"
            }
            (true, false) => {
                problem.get_or_insert(format!(
                    "the incremental build succeeded, the cold build failed:\n{}",
                    cold.stderr
                ));
                "only the cold build failed"
            }
            (false, true) => {
                problem.get_or_insert(format!(
                    "the cold build succeeded, the incremental build failed:\n{}",
                    incremental.stderr
                ));
                "only the incremental build failed"
            }
        };
        self.history.push(Step {
            number,
            description,
            settled,
            outcome,
        });
        if let Some(problem) = problem {
            panic!("{}", self.report(&problem));
        }
        let _ = std::fs::remove_dir_all(&cold_dir);
        if incremental.success {
            self.output = incremental_tree;
            self.last_good = self.site.clone();
            self.valid_steps += 1;
        } else {
            self.failed_steps += 1;
        }
        incremental.success
    }

    fn report(&self, problem: &str) -> String {
        let step = self.history.len() - 1;
        // The test harness names each test's thread after the test.
        let test = std::thread::current()
            .name()
            .unwrap_or("incremental")
            .to_string();
        let mut text = format!(
            "step {step}: {problem}\n\nseed {seed:#x}; replay with\n  \
             BRIEFING_INCREMENTAL_SEED={seed:#x} BRIEFING_INCREMENTAL_STEPS={step} \
             cargo test --test suite {test} -- --exact --nocapture\n\
             build flags now: drafts {}, base URL {:?}\nsteps:\n",
            self.drafts,
            self.base_url,
            seed = self.seed,
        );
        text.push_str(&self.steps());
        text
    }

    /// Every step so far, one a line.
    fn steps(&self) -> String {
        let mut text = String::new();
        for step in &self.history {
            writeln!(
                text,
                "  {:>3}: {}{} => {}",
                step.number,
                step.description,
                if step.settled {
                    " (inputs settled)"
                } else {
                    ""
                },
                step.outcome
            )
            .unwrap();
        }
        text
    }

    fn pick_article(&mut self) -> usize {
        self.rng.below(self.site.articles.len())
    }

    fn article_path(&self, index: usize) -> String {
        format!("content/articles/{}", self.site.articles[index].path)
    }

    /// Applies `op` to the model; says what it did and what else to do to the files.
    fn apply(&mut self, op: Op) -> (String, Vec<Effect>) {
        let rng = &mut self.rng;
        let mut effects = Vec::new();
        let description = match op {
            Op::EditTitle => {
                let i = rng.below(self.site.articles.len());
                let new = title(rng);
                self.site.articles[i].title = new.clone();
                format!("retitle {} to {new:?}", self.site.articles[i].path)
            }
            Op::EditBody => {
                let i = rng.below(self.site.articles.len());
                let article = &mut self.site.articles[i];
                let what = match rng.below(6) {
                    0 => {
                        let paragraph = rng.below(article.body.len());
                        let mut text: Vec<String> = article.body[paragraph]
                            .split(' ')
                            .map(str::to_string)
                            .collect();
                        let word = rng.below(text.len());
                        text[word] = rng.pick(WORDS).to_string();
                        article.body[paragraph] = text.join(" ");
                        format!("replace word {word} of paragraph {paragraph}")
                    }
                    1 => {
                        article.body.push(sentence(rng));
                        "add a paragraph with a mention".to_string()
                    }
                    2 if article.body.len() > 1 => {
                        let paragraph = 1 + rng.below(article.body.len() - 1);
                        article.body.remove(paragraph);
                        format!("remove paragraph {paragraph}")
                    }
                    3 => {
                        article.body.push(format!("## {}", title(rng)));
                        "add a heading".to_string()
                    }
                    4 => {
                        let link = rng.pick(&[
                            "[the archive](/archive/)",
                            "[Wang Yi's page](/people/wang-yi/)",
                            "[China](/countries/china/)",
                            "[a tag](/tags/diplomacy/)",
                        ]);
                        article.body.push(format!("See {link}."));
                        "add a site URL link".to_string()
                    }
                    _ => {
                        let folder = self.site.articles[i].folder().to_string();
                        let j = rng.below(self.site.articles.len());
                        let target = self.site.articles[j].path.clone();
                        let fragment = if rng.one_in(3) { "#background" } else { "" };
                        let link = relative(&folder, &target);
                        self.site.articles[i]
                            .body
                            .push(format!("See [{}]({link}{fragment}).", words(rng, 2)));
                        format!("add a link to {target}")
                    }
                };
                format!("edit the body of {}: {what}", self.site.articles[i].path)
            }
            Op::ChangeDate => {
                let i = rng.below(self.site.articles.len());
                let new = date(rng);
                self.site.articles[i].date = new.clone();
                format!("date {} {new}", self.site.articles[i].path)
            }
            Op::ToggleCountry => {
                let i = rng.below(self.site.articles.len());
                let article = &mut self.site.articles[i];
                if !article.countries.is_empty() && rng.one_in(2) {
                    let gone = article.countries.remove(rng.below(article.countries.len()));
                    format!("remove country {gone} from {}", article.path)
                } else {
                    let country = rng.pick(COUNTRIES).to_string();
                    article.countries.push(country.clone());
                    format!("add country {country} to {}", article.path)
                }
            }
            Op::TogglePerson => {
                let i = rng.below(self.site.articles.len());
                let article = &mut self.site.articles[i];
                if !article.people.is_empty() && rng.one_in(2) {
                    let gone = article.people.remove(rng.below(article.people.len()));
                    format!("remove person {gone} from {}", article.path)
                } else {
                    let person = rng.pick(PEOPLE).to_string();
                    article.people.push(person.clone());
                    format!("add person {person} to {}", article.path)
                }
            }
            Op::AddArticle => {
                let dangling = self.site.dangling_links();
                let path = if !dangling.is_empty() && self.rng.one_in(2) {
                    self.rng.pick(&dangling).clone()
                } else {
                    let folder = self.rng.pick(FOLDERS).to_string();
                    let name = self.fresh("brief");
                    if self.rng.one_in(4) {
                        format!("{folder}/{name}/index.md")
                    } else {
                        format!("{folder}/{name}.md")
                    }
                };
                let rng = &mut self.rng;
                let mut new = article(&path, &title(rng), &date(rng), &[], &[]);
                new.body.push(sentence(rng));
                new.countries.push(rng.pick(COUNTRIES).to_string());
                if rng.one_in(2) {
                    new.people.push(rng.pick(PEOPLE).to_string());
                }
                if rng.one_in(2) {
                    new.tags.push(rng.pick(TAGS).to_string());
                }
                if new.is_bundle() {
                    new.files
                        .insert("note.txt".into(), b"A file of the bundle.\n".to_vec());
                    new.body.push("The [note](note.txt) says more.".into());
                }
                let j = rng.below(self.site.articles.len());
                let target = self.site.articles[j].path.clone();
                new.body.push(format!(
                    "Earlier: [{}]({}).",
                    words(rng, 2),
                    relative(new.folder(), &target)
                ));
                self.site.articles.push(new);
                format!("add {path}")
            }
            Op::DeleteArticle => {
                if self.site.articles.len() < 3 {
                    return self.apply(Op::AddArticle);
                }
                let i = self.pick_article();
                let gone = self.site.articles.remove(i);
                format!("delete {}", gone.path)
            }
            Op::MoveArticle => {
                let i = self.pick_article();
                let old = self.site.articles[i].clone();
                let placed = |folder: &str, name: &str| {
                    if old.is_bundle() {
                        format!("{folder}/{name}/index.md")
                    } else {
                        format!("{folder}/{name}.md")
                    }
                };
                let mut convert = !old.is_bundle() && self.rng.one_in(5);
                let mut path = if convert {
                    format!("{}/{}/index.md", old.folder(), old.stem())
                } else {
                    let folder = self.rng.pick(FOLDERS).to_string();
                    let name = if self.rng.one_in(3) {
                        self.fresh("moved")
                    } else {
                        old.stem().to_string()
                    };
                    placed(&folder, &name)
                };
                // A bundle moves as a folder, anything else as a file.
                let moved = |path: &str| match path.strip_suffix("/index.md") {
                    Some(folder) if old.is_bundle() => folder.to_string(),
                    _ => path.to_string(),
                };
                if path == old.path || self.site.occupied(&moved(&path)) {
                    let folder = self.rng.pick(FOLDERS).to_string();
                    path = placed(&folder, &self.fresh("moved"));
                    convert = false;
                }
                let (from, to) = (moved(&old.path), moved(&path));
                self.site.articles[i].path = path;
                effects.push(Effect::Rename(
                    format!("content/articles/{from}"),
                    format!("content/articles/{to}"),
                ));
                if convert {
                    format!("make {from} a bundle: move it to {to}")
                } else {
                    format!("move {from} to {to}")
                }
            }
            Op::ChangeSlug => {
                let i = self.pick_article();
                let slug = match self.site.articles[i].slug {
                    Some(_) if self.rng.one_in(2) => None,
                    _ => Some(self.fresh("slug")),
                };
                self.site.articles[i].slug = slug.clone();
                format!("set the slug of {} to {slug:?}", self.site.articles[i].path)
            }
            Op::ChangeTag => {
                let i = rng.below(self.site.articles.len());
                let article = &mut self.site.articles[i];
                let tag = rng.pick(TAGS).to_string();
                match rng.below(3) {
                    0 if !article.tags.is_empty() => {
                        let gone = article.tags.remove(rng.below(article.tags.len()));
                        format!("remove tag {gone} from {}", article.path)
                    }
                    1 if !article.tags.is_empty() => {
                        let at = rng.below(article.tags.len());
                        let old = std::mem::replace(&mut article.tags[at], tag.clone());
                        format!("change tag {old} to {tag} in {}", article.path)
                    }
                    _ => {
                        article.tags.push(tag.clone());
                        format!("add tag {tag} to {}", article.path)
                    }
                }
            }
            Op::ToggleDraft => {
                let i = rng.below(self.site.articles.len());
                let article = &mut self.site.articles[i];
                article.draft = !article.draft;
                format!("set draft: {} in {}", article.draft, article.path)
            }
            Op::EditProfile => {
                if self.site.profiles.is_empty() {
                    return self.apply(Op::AddProfile);
                }
                let i = rng.below(self.site.profiles.len());
                let profile = &mut self.site.profiles[i];
                let what = match rng.below(4) {
                    0 if !profile.aliases.is_empty() => {
                        let at = rng.below(profile.aliases.len());
                        std::mem::swap(&mut profile.name, &mut profile.aliases[at]);
                        format!("name it {:?}, the old name an alias", profile.name)
                    }
                    1 if !profile.spare.is_empty() => {
                        let alias = profile.spare.remove(rng.below(profile.spare.len()));
                        profile.aliases.push(alias.clone());
                        format!("add alias {alias:?}")
                    }
                    2 if !profile.aliases.is_empty() => {
                        let alias = profile.aliases.remove(rng.below(profile.aliases.len()));
                        profile.spare.push(alias.clone());
                        format!("remove alias {alias:?}")
                    }
                    _ => {
                        profile.role = title(rng);
                        profile.body.push_str(&format!(" {}", sentence(rng)));
                        "edit role and bio".to_string()
                    }
                };
                format!("profile {}: {what}", profile.slug)
            }
            Op::AddProfile => {
                let spare: Vec<Profile> = spare_profiles()
                    .into_iter()
                    .filter(|spare| self.site.profiles.iter().all(|p| p.slug != spare.slug))
                    .collect();
                if spare.is_empty() {
                    return self.apply(Op::DeleteProfile);
                }
                let new = rng.pick(&spare).clone();
                let slug = new.slug.clone();
                self.site.profiles.push(new);
                format!("add profile {slug}")
            }
            Op::DeleteProfile => {
                if self.site.profiles.is_empty() {
                    return self.apply(Op::AddProfile);
                }
                let gone = self
                    .site
                    .profiles
                    .remove(rng.below(self.site.profiles.len()));
                format!("delete profile {}", gone.slug)
            }
            Op::EditNote => {
                if self.site.notes.is_empty() {
                    return self.apply(Op::AddOrDeleteNote);
                }
                let i = rng.below(self.site.notes.len());
                let note = &mut self.site.notes[i];
                let what = match rng.below(5) {
                    0 if !note.spare.is_empty() => {
                        let alias = note.spare.remove(rng.below(note.spare.len()));
                        note.aliases.push(alias.clone());
                        format!("add alias {alias:?}")
                    }
                    1 if !note.aliases.is_empty() => {
                        let alias = note.aliases.remove(rng.below(note.aliases.len()));
                        note.spare.push(alias.clone());
                        format!("remove alias {alias:?}")
                    }
                    _ => {
                        note.body.push_str(&format!("\n\n{}", sentence(rng)));
                        "add to the note".to_string()
                    }
                };
                format!("country note {}: {what}", note.slug)
            }
            Op::AddOrDeleteNote => {
                let spare: Vec<Note> = spare_notes()
                    .into_iter()
                    .filter(|spare| self.site.notes.iter().all(|n| n.slug != spare.slug))
                    .collect();
                if !spare.is_empty() && (self.site.notes.is_empty() || rng.one_in(2)) {
                    let new = rng.pick(&spare).clone();
                    let slug = new.slug.clone();
                    self.site.notes.push(new);
                    format!("add country note {slug}")
                } else {
                    let gone = self.site.notes.remove(rng.below(self.site.notes.len()));
                    format!("delete country note {}", gone.slug)
                }
            }
            Op::Touch => {
                let files: Vec<&String> = self.disk.keys().collect();
                let path = rng.pick(&files).to_string();
                if rng.one_in(2) {
                    effects.push(Effect::Rewrite(path.clone()));
                    format!("write {path} again with the same bytes")
                } else {
                    effects.push(Effect::Stamp(path.clone()));
                    format!("touch {path}")
                }
            }
            Op::SameSizeSameTime => {
                let (path, what) = match rng.below(6) {
                    0 | 1 => {
                        let i = rng.below(self.site.articles.len());
                        swap_letter(rng, &mut self.site.articles[i].title);
                        (self.article_path(i), "a letter of the title")
                    }
                    2 | 3 => {
                        let i = rng.below(self.site.articles.len());
                        swap_letter(rng, &mut self.site.articles[i].body[0]);
                        (self.article_path(i), "a letter of the first paragraph")
                    }
                    4 => {
                        swap_letter(rng, &mut self.site.config.title);
                        ("briefing.yaml".to_string(), "a letter of the title")
                    }
                    _ => {
                        let logo = "images/logo.txt";
                        if let Some(bytes) = self.site.statics.get(logo) {
                            let mut text = String::from_utf8(bytes.clone()).unwrap();
                            swap_letter(rng, &mut text);
                            self.site.statics.insert(logo.into(), text.into_bytes());
                        }
                        (format!("static/{logo}"), "a letter")
                    }
                };
                if self.site.files().get(&path) == self.disk.get(&path) {
                    return self.apply(Op::EditTitle);
                }
                effects.push(Effect::KeepTime(path.clone()));
                format!("change {what} of {path}, keeping its size and modification time")
            }
            Op::OldTimeEdit => {
                let i = rng.below(self.site.articles.len());
                self.site.articles[i].body.push(sentence(rng));
                let path = self.article_path(i);
                let long_ago = UNIX_EPOCH + Duration::from_secs(1_600_000_000);
                effects.push(Effect::SetTime(path.clone(), long_ago));
                format!("add a paragraph to {path} and date the file back to 2020")
            }
            Op::EditConfig => {
                let config = &mut self.site.config;
                match rng.below(5) {
                    0 => {
                        config.title = title(rng);
                        format!("briefing.yaml: title {:?}", config.title)
                    }
                    1 => {
                        config.page_size = *rng.pick(&[None, Some(2), Some(3)]);
                        format!("briefing.yaml: page_size {:?}", config.page_size)
                    }
                    2 => {
                        config.link_mentions = !config.link_mentions;
                        format!("briefing.yaml: link_mentions {}", config.link_mentions)
                    }
                    3 => {
                        config.show_map = !config.show_map;
                        format!("briefing.yaml: show_map {}", config.show_map)
                    }
                    _ => {
                        config.summary_feeds = !config.summary_feeds;
                        config.description = title(rng);
                        format!(
                            "briefing.yaml: summary feeds {}, new description",
                            config.summary_feeds
                        )
                    }
                }
            }
            Op::Template => {
                let existing: Vec<String> = self.site.templates.keys().cloned().collect();
                if !existing.is_empty() && rng.one_in(3) {
                    let name = rng.pick(&existing).clone();
                    self.site.templates.remove(&name);
                    format!("remove the override templates/{name}")
                } else {
                    let name = rng.pick(TEMPLATES).to_string();
                    self.counter += 1;
                    let marker = format!("override {}", self.counter);
                    let verb = if existing.contains(&name) {
                        "change"
                    } else {
                        "add"
                    };
                    self.site
                        .templates
                        .insert(name.clone(), template_override(&name, &marker));
                    format!("{verb} the override templates/{name} ({marker})")
                }
            }
            Op::Static => {
                let statics: Vec<String> = self.site.statics.keys().cloned().collect();
                match rng.below(4) {
                    0 if !statics.is_empty() => {
                        let path = rng.pick(&statics).clone();
                        self.site.statics.remove(&path);
                        format!("delete static/{path}")
                    }
                    1 => {
                        let (path, bytes) = if rng.one_in(2) {
                            ("favicon.svg".to_string(), svg("#aa3300"))
                        } else {
                            ("style.css".to_string(), b"body { color: teal; }\n".to_vec())
                        };
                        self.site.statics.insert(path.clone(), bytes);
                        format!("add static/{path}, replacing the theme's")
                    }
                    2 if !statics.is_empty() => {
                        let path = rng.pick(&statics).clone();
                        let mut bytes = self.site.statics[&path].clone();
                        bytes.extend(format!("{}\n", words(rng, 2)).as_bytes());
                        self.site.statics.insert(path.clone(), bytes);
                        format!("edit static/{path}")
                    }
                    _ => {
                        let path = format!("files/{}.txt", self.fresh("extra"));
                        self.site.statics.insert(path.clone(), b"More.\n".to_vec());
                        format!("add static/{path}")
                    }
                }
            }
            Op::BundleFile => {
                let bundles: Vec<usize> = (0..self.site.articles.len())
                    .filter(|&i| self.site.articles[i].is_bundle())
                    .collect();
                if bundles.is_empty() {
                    return self.apply(Op::AddArticle);
                }
                let i = *rng.pick(&bundles);
                let article = &mut self.site.articles[i];
                let names: Vec<String> = article.files.keys().cloned().collect();
                let what = match rng.below(5) {
                    0 if article.files.contains_key("map.png") => {
                        let shade = rng.below(256) as u8;
                        article.files.insert("map.png".into(), png(shade));
                        format!("redraw map.png (shade {shade})")
                    }
                    1 if !names.is_empty() => {
                        let name = rng.pick(&names).clone();
                        let bytes = if name.ends_with(".svg") {
                            svg(rng.pick::<&str>(COLOURS))
                        } else if name.ends_with(".png") {
                            png(rng.below(256) as u8)
                        } else {
                            format!("{}\n", words(rng, 4)).into_bytes()
                        };
                        article.files.insert(name.clone(), bytes);
                        format!("rewrite {name}")
                    }
                    _ => {
                        let name = format!("{}.txt", words(rng, 1));
                        article
                            .files
                            .insert(name.clone(), b"An attachment.\n".to_vec());
                        if rng.one_in(3) {
                            format!("add {name}, not linked")
                        } else {
                            article.body.push(format!("Attached: [{name}]({name})."));
                            format!("add {name} and link it")
                        }
                    }
                };
                format!("bundle {}: {what}", article.folder())
            }
            Op::BuildFlags => {
                if rng.one_in(2) {
                    self.drafts = !self.drafts;
                    format!("build with drafts: {}", self.drafts)
                } else {
                    self.base_url = *rng.pick(&[
                        None,
                        Some("https://example.org/sub/"),
                        Some("https://mirror.example.net/"),
                    ]);
                    format!("build with --base-url {:?}", self.base_url)
                }
            }
            Op::Break => {
                let i = rng.below(self.site.articles.len());
                match rng.below(6) {
                    0 => {
                        self.site.articles[i].countries.push("Atlantis".into());
                        format!("break: unknown country in {}", self.site.articles[i].path)
                    }
                    1 => {
                        let j = rng.below(self.site.articles.len());
                        let slug = self.site.articles[j].effective_slug();
                        self.site.articles[i].slug = Some(slug.clone());
                        format!(
                            "break (unless the same article): slug {slug} of {} to {}",
                            self.site.articles[j].path, self.site.articles[i].path
                        )
                    }
                    2 => {
                        self.site.articles[i].extra = Some("colour: blue".into());
                        format!("break: unknown key in {}", self.site.articles[i].path)
                    }
                    3 => {
                        self.site.articles[i].date = "2024-02-30".into();
                        format!("break: impossible date in {}", self.site.articles[i].path)
                    }
                    4 => {
                        let text = template_override("article.html", "broken").replacen(
                            "<!-- broken -->",
                            "{% if %}",
                            1,
                        );
                        self.site.templates.insert("article.html".into(), text);
                        "break: a template that does not compile".to_string()
                    }
                    _ => {
                        self.site.config.extra = Some("page_size: many".into());
                        "break: briefing.yaml page_size: many".to_string()
                    }
                }
            }
            Op::Output => {
                let public = self.root.join("public");
                let what = match rng.below(5) {
                    0 => {
                        std::fs::remove_dir_all(&public).unwrap();
                        std::fs::remove_file(self.root.join(".public.manifest")).unwrap();
                        "delete the output and its manifest, keep the cache".to_string()
                    }
                    1 => {
                        let pages: Vec<String> = self
                            .output
                            .keys()
                            .filter(|path| path.ends_with(".html"))
                            .cloned()
                            .collect();
                        let page = rng.pick(&pages).clone();
                        let mut file = std::fs::File::options()
                            .write(true)
                            .truncate(true)
                            .open(public.join(&page))
                            .unwrap();
                        std::io::Write::write_all(&mut file, b"<p>Changed in place.</p>\n")
                            .unwrap();
                        format!("write output page {page} in place")
                    }
                    2 => {
                        let _ = std::fs::remove_dir_all(self.root.join(".public.cache/pages"));
                        "delete the cache's page store".to_string()
                    }
                    3 => {
                        // It goes with the next build, and must not come back with the
                        // output that build keeps for the one after.
                        std::fs::write(public.join("by-hand.html"), "<p>By hand.</p>\n").unwrap();
                        "add a file to the output by hand".to_string()
                    }
                    _ => {
                        let previous = self.root.join(".public.previous");
                        let pages: Vec<PathBuf> = walkdir::WalkDir::new(&previous)
                            .sort_by_file_name()
                            .into_iter()
                            .filter_map(Result::ok)
                            .filter(|entry| entry.path().extension().is_some_and(|e| e == "html"))
                            .map(|entry| entry.into_path())
                            .collect();
                        if pages.is_empty() {
                            "find no previous output to change".to_string()
                        } else {
                            // Written in place, the page may be the output's file too.
                            let page = rng.pick(&pages).clone();
                            let mut file =
                                std::fs::File::options().write(true).open(&page).unwrap();
                            std::io::Write::write_all(&mut file, b"<p>Changed</p>").unwrap();
                            let added = previous.join("articles/by-hand/index.html");
                            std::fs::create_dir_all(added.parent().unwrap()).unwrap();
                            std::fs::write(added, "<p>By hand.</p>\n").unwrap();
                            format!(
                                "write {} of the previous output in place and add a page to it",
                                page.strip_prefix(&previous).unwrap().display()
                            )
                        }
                    }
                };
                // A build that fails must leave the output as it now is.
                self.output = tree(&public);
                let (retitled, more) = self.apply(Op::EditTitle);
                effects.extend(more);
                format!("{what}, then {retitled}")
            }
            Op::Nothing => "change nothing".to_string(),
        };
        (description, effects)
    }

    fn weighted(&mut self) -> Op {
        let total: usize = OPERATIONS.iter().map(|(_, weight)| weight).sum();
        let mut at = self.rng.below(total);
        for &(op, weight) in OPERATIONS {
            if at < weight {
                return op;
            }
            at -= weight;
        }
        unreachable!()
    }

    /// One step: `op` (after a failed build, sometimes on the files put back as at the
    /// last step that built), then the builds, after waiting for the inputs to settle if
    /// `settle`.
    fn step(&mut self, op: Op, settle: bool) {
        let failing = self
            .history
            .iter()
            .rev()
            .take_while(|step| step.outcome != "built")
            .count();
        let mut description = String::new();
        if failing >= 2 || (failing == 1 && self.rng.one_in(2)) {
            self.site = self.last_good.clone();
            self.sync(Vec::new());
            let put_back = "put back every file as at the last step that built";
            if matches!(op, Op::SameSizeSameTime | Op::Touch | Op::Nothing) {
                // These matter as the only change since a build that succeeded.
                self.check(put_back.to_string(), false);
            } else {
                description = format!("{put_back}, then ");
            }
        }
        let (what, effects) = self.apply(op);
        description.push_str(&what);
        self.sync(effects);
        if settle {
            std::thread::sleep(SETTLE);
        }
        self.check(description, settle);
    }
}

#[test]
fn after_any_edits_an_incremental_build_equals_a_cold_build() {
    let seed = setting("BRIEFING_INCREMENTAL_SEED", DEFAULT_SEED);
    let steps = setting("BRIEFING_INCREMENTAL_STEPS", DEFAULT_STEPS as u64) as usize;
    let started = Instant::now();
    let mut run = Run::new(seed);
    // Every operation once, and the edits that only content shows thrice, in an order
    // of the seed's; then as the weights say.
    let mut order: Vec<Op> = OPERATIONS.iter().map(|&(op, _)| op).collect();
    order.extend([Op::SameSizeSameTime, Op::SameSizeSameTime]);
    for i in (1..order.len()).rev() {
        order.swap(i, run.rng.below(i + 1));
    }
    let plan = |run: &mut Run, number: usize| match order.get(number) {
        Some(&op) => op,
        None => run.weighted(),
    };
    let mut next = plan(&mut run, 0);
    for number in 0..steps {
        let op = next;
        next = plan(&mut run, number + 1);
        // A same-size edit that keeps the file's time is the hardest to see right after
        // a build that trusted the times it recorded.
        let settle = run.rng.one_in(SETTLE_EVERY) || next == Op::SameSizeSameTime;
        run.step(op, settle);
    }
    // Shown with --nocapture.
    eprintln!(
        "incremental: seed {seed:#x}, {steps} steps ({} built, {} refused by both builds) in {:.1} s\n{}",
        run.valid_steps - 1,
        run.failed_steps,
        started.elapsed().as_secs_f64(),
        run.steps()
    );
}

/// Every regular file under the output's cache folder, recursively.
fn cache_files(run: &Run) -> Vec<PathBuf> {
    let cache = run.root.join(".public.cache");
    walkdir::WalkDir::new(cache)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect()
}

/// Retitles the article with the image (so its page, and the image, are made again)
/// and extends another, then builds, which must succeed.
fn edit_and_build(run: &mut Run, what: &str) {
    let articles = &mut run.site.articles;
    let bundle = articles
        .iter_mut()
        .find(|article| article.files.contains_key("map.png"))
        .expect("the bundle with the image");
    bundle.title = format!("Retitled after {what}");
    articles[0]
        .body
        .push("Another paragraph, with Wang Yi.".into());
    run.sync(Vec::new());
    assert!(
        run.check(
            format!("after {what}: retitle the bundle, extend the first article"),
            false
        ),
        "the build after {what} failed"
    );
}

#[test]
fn a_damaged_cache_is_ignored() {
    let mut run = Run::new(DEFAULT_SEED);
    for damage in ["emptied", "cut in half", "overwritten with garbage"] {
        let files = cache_files(&run);
        // The bundle's image is cached, so there is always something to damage.
        assert!(!files.is_empty(), "the build left no cache to damage");
        for file in &files {
            let mut bytes = std::fs::read(file).unwrap();
            match damage {
                "emptied" => bytes.clear(),
                "cut in half" => bytes.truncate(bytes.len() / 2),
                _ => {
                    for (i, byte) in bytes.iter_mut().enumerate() {
                        *byte = (i as u8).wrapping_mul(167) ^ 0x5c;
                    }
                }
            }
            std::fs::write(file, bytes).unwrap();
        }
        edit_and_build(&mut run, &format!("{} cache files {damage}", files.len()));
    }
    // What it made again serves the next build.
    edit_and_build(&mut run, "the cache was made again");
}

/// No other version of briefing can be run here, so this alters what another version's
/// cache would most likely differ in, the first bytes of each file (where a format's
/// header and version stamp go), and expects such files to be ignored, not trusted and
/// not a panic.
#[test]
fn cache_files_with_altered_headers_are_ignored() {
    let mut run = Run::new(DEFAULT_SEED);
    let files = cache_files(&run);
    assert!(!files.is_empty(), "the build left no cache to alter");
    for file in &files {
        let mut bytes = std::fs::read(file).unwrap();
        for byte in bytes.iter_mut().take(16).step_by(3) {
            *byte ^= 0x21;
        }
        std::fs::write(file, bytes).unwrap();
    }
    assert!(
        run.check(
            format!("alter the first bytes of the {} cache files", files.len()),
            false
        ),
        "the build with altered cache headers failed"
    );
    edit_and_build(&mut run, "altering cache headers");
}
