//! Micro-benchmarks of the build stages that dominate a build, on articles from the
//! same generator as `scripts/bench` (examples/generate_corpus.rs), in memory.
//!
//! ```text
//! cargo bench --bench stages                 # full run
//! cargo bench --bench stages -- --quick      # a few seconds per benchmark
//! cargo bench --bench stages -- markdown     # only benchmarks whose name matches
//! cargo bench --bench stages -- images       # resizing, and the cache that skips it
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};

use briefing::config::parse_config;
use briefing::content::{Article, Content, PersonProfile, parse_article, parse_person_profile};
use briefing::countries::CountryRegistry;
use briefing::index::{EntityId, EntityKind};
use briefing::markdown::{BodyCache, render_markdown};
use briefing::render::{Page, Templates};
use briefing::site::{LoadedSite, Settings, assemble};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use jiff::tz::TimeZone;

#[path = "../examples/generate_corpus.rs"]
#[allow(dead_code)]
mod generate_corpus;

/// Articles in the generated site the index and page benchmarks run on.
const ARTICLES: usize = 1000;

/// The generated site's files, as (path relative to the site, text).
struct Corpus {
    config: String,
    articles: Vec<(PathBuf, String)>,
    people: Vec<(PathBuf, String)>,
}

fn corpus() -> Corpus {
    let mut corpus = Corpus {
        config: String::new(),
        articles: Vec::new(),
        people: Vec::new(),
    };
    let options = generate_corpus::Options {
        articles: ARTICLES,
        seed: 1,
        people: generate_corpus::DEFAULT_PEOPLE,
    };
    generate_corpus::generate(&options, &mut |path, text| {
        let entry = (path.to_path_buf(), text.to_string());
        if path.starts_with("content/articles") {
            corpus.articles.push(entry);
        } else if path.starts_with("content/people") {
            corpus.people.push(entry);
        } else {
            corpus.config = entry.1;
        }
    });
    corpus
}

/// The article whose length is the median: a typical one.
fn typical_article(corpus: &Corpus) -> &(PathBuf, String) {
    let mut by_length: Vec<&(PathBuf, String)> = corpus.articles.iter().collect();
    by_length.sort_by_key(|(_, text)| text.len());
    by_length[by_length.len() / 2]
}

fn parse_articles(corpus: &Corpus) -> Vec<Article> {
    corpus
        .articles
        .iter()
        .map(|(path, text)| parse_article(text, path, &TimeZone::UTC).expect("article parses"))
        .collect()
}

fn parse_people(corpus: &Corpus) -> Vec<PersonProfile> {
    corpus
        .people
        .iter()
        .map(|(path, text)| parse_person_profile(text, path).expect("profile parses"))
        .collect()
}

/// The parsed content of the corpus.
fn content(corpus: &Corpus) -> Content {
    Content {
        articles: parse_articles(corpus),
        people: parse_people(corpus),
        countries: Vec::new(),
    }
}

/// The settings of the corpus's site, with the built-in theme.
fn settings(corpus: &Corpus) -> Settings {
    let config = parse_config(&corpus.config, Path::new("briefing.yaml")).unwrap();
    Settings::builtin(config).unwrap()
}

/// The site as every verb assembles it, bodies rendered with links.
fn assembled(settings: &Settings, content: Content, bodies: &mut BodyCache) -> LoadedSite {
    let (site, errors) = assemble(settings, content, bodies);
    assert!(errors.is_empty(), "{errors:?}");
    site.unwrap()
}

fn front_matter(c: &mut Criterion) {
    let corpus = corpus();
    let (path, text) = typical_article(&corpus);
    let mut group = c.benchmark_group("content");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse_article", |b| {
        b.iter(|| parse_article(black_box(text), path, &TimeZone::UTC).unwrap())
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let corpus = corpus();
    let (path, text) = typical_article(&corpus);
    let body = parse_article(text, path, &TimeZone::UTC).unwrap().body;
    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("render_markdown", |b| {
        b.iter(|| render_markdown(black_box(&body), false))
    });
    group.bench_function("render_markdown_unsafe_html", |b| {
        b.iter(|| render_markdown(black_box(&body), true))
    });
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let corpus = corpus();
    let settings = settings(&corpus);
    let content = content(&corpus);
    let mut warm = BodyCache::default();
    assembled(&settings, content.clone(), &mut warm);
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ARTICLES as u64));
    // Every body rendered: a cold build's model.
    group.bench_function("assemble_1000", |b| {
        b.iter_batched(
            || content.clone(),
            |content| assembled(&settings, content, &mut BodyCache::default()),
            BatchSize::LargeInput,
        )
    });
    // Every body taken from the cache: a rebuild's model when one article changed.
    group.bench_function("assemble_1000_cached_bodies", |b| {
        b.iter_batched(
            || (content.clone(), warm.clone()),
            |(content, mut bodies)| assembled(&settings, content, &mut bodies),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("country_registry_new", |b| b.iter(CountryRegistry::new));
    group.finish();
}

fn render(c: &mut Criterion) {
    let corpus = corpus();
    let settings = settings(&corpus);
    let site = assembled(&settings, content(&corpus), &mut BodyCache::default());
    let index = &site.index;
    let theme = &settings.theme;
    let renderer = site.renderer();

    // The most covered country: the largest entity page of the site.
    let largest = (0..index.countries.len())
        .map(|i| EntityId {
            kind: EntityKind::Country,
            index: i,
        })
        .max_by_key(|&id| index.entity(id).articles.len())
        .unwrap();
    let pages = renderer.pages();

    let mut group = c.benchmark_group("render");
    group.bench_function("templates_compile", |b| {
        b.iter(|| Templates::compile(black_box(&theme.templates)).unwrap())
    });
    group.bench_function("article_page", |b| {
        b.iter(|| {
            renderer
                .render(Page::Article(black_box(ARTICLES / 2)))
                .unwrap()
        })
    });
    group.bench_function(
        format!(
            "entity_first_page_of_{}_articles",
            index.entity(largest).articles.len()
        ),
        |b| {
            b.iter(|| {
                renderer
                    .render(Page::Entity(black_box(largest), 1))
                    .unwrap()
            })
        },
    );
    group.bench_function("entity_feed_largest", |b| {
        b.iter(|| {
            renderer
                .render(Page::Feed(Some(black_box(largest))))
                .unwrap()
        })
    });
    group.bench_function("home_page", |b| {
        b.iter(|| renderer.render(Page::Home).unwrap())
    });
    group.bench_function("search_index", |b| {
        b.iter(|| renderer.render(Page::SearchIndex).unwrap())
    });
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function(format!("all_{}_pages_serial", pages.len()), |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|&page| renderer.render(page).unwrap().contents.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// One photo-sized image (2,000 by 1,333 pixels, PNG and JPEG) made into its three
/// variants, and the same read back from the cache: the cost at 1,000 images is a
/// thousand times these, spread over the cores.
fn images(c: &mut Criterion) {
    use briefing::images::{ImageCache, ImageSize, resize};
    let photo = image::RgbImage::from_fn(2000, 1333, |x, y| {
        image::Rgb([
            (x / 8 % 256) as u8,
            (y / 5 % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let sizes = ImageSize {
        width: 2000,
        height: 1333,
    }
    .variants();
    let mut group = c.benchmark_group("images");
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    for format in [image::ImageFormat::Png, image::ImageFormat::Jpeg] {
        let mut encoded = std::io::Cursor::new(Vec::new());
        photo.write_to(&mut encoded, format).unwrap();
        let bytes = encoded.into_inner();
        let name = format!("resize_{format:?}").to_lowercase();
        group.bench_function(&name, |b| {
            b.iter(|| resize(black_box(&bytes), format, &sizes).unwrap())
        });
        let dir = tempfile::tempdir().unwrap();
        let cache = ImageCache::new(dir.path().to_path_buf());
        let variants = resize(&bytes, format, &sizes).unwrap();
        for (size, variant) in sizes.iter().zip(&variants) {
            cache.store(&cache.entry(&bytes, size.width, "img"), variant);
        }
        group.bench_function(format!("{name}_cached"), |b| {
            b.iter(|| {
                for size in &sizes {
                    ImageCache::load(&cache.entry(black_box(&bytes), size.width, "img")).unwrap();
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, front_matter, markdown, pipeline, render, images);
criterion_main!(benches);
