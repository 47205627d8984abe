//! Rendered bodies kept from one build to the next.
//!
//! A body is rendered again only when something it was made from changed. Its key is
//! a digest of its text, file, bundle and the entities its front matter lists, and of
//! everything site-wide a body reads: the mention patterns and their entities' slugs,
//! the base path and the Markdown settings. Links to other articles' source files are
//! recorded with what they resolved to, and a kept body is used only while each still
//! resolves the same way. Mentions are kept by slug and code, not by id, so a body
//! stays valid when entities are added or removed elsewhere in the site.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::links::normalize;
use super::{MentionFound, Rendered, RenderedContent, RenderedMarkdown, SiteLinks};
use super::{render_article, render_unlisted};
use crate::catalog::{ArticleEntities, Catalog};
use crate::content::{Article, Content, ContentFile};
use crate::countries::CountryRegistry;
use crate::digest::Digest;
use crate::mentions::{MentionTarget, from_portable, portable};

/// The kinds of body, as their keys name them: finding the bodies to read and
/// rendering them must key each body alike.
const ARTICLE: &str = "article";
const PROFILE: &str = "person";
const NOTE: &str = "country";

/// Bodies rendered before, by key.
#[derive(Debug, Clone, Default)]
pub struct BodyCache {
    bodies: HashMap<u128, CachedBody>,
    /// What the last render did.
    last: BodyCounts,
    /// Whether a render rendered a body or left one out.
    changed: bool,
}

/// How many bodies a render took from the cache and how many it rendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyCounts {
    /// Bodies reused.
    pub reused: usize,
    /// Bodies rendered.
    pub rendered: usize,
}

/// A body as kept between builds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CachedBody {
    /// The body, its mentions left out.
    pub body: RenderedMarkdown,
    /// Its mentions, each with its target as [`portable`] names it.
    pub mentions: Vec<(String, usize, usize)>,
    /// Every link to an article's source file, by the normalised path it names, with the
    /// page it led to (`None` when no article had that source).
    pub source_links: Vec<(PathBuf, Option<String>)>,
}

impl BodyCache {
    /// A cache holding `bodies`, by key.
    pub fn from_entries(bodies: HashMap<u128, CachedBody>) -> BodyCache {
        BodyCache {
            bodies,
            last: BodyCounts::default(),
            changed: false,
        }
    }

    /// Whether the cache holds other bodies than it was made with: a render rendered
    /// one, or left one out.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// Every body kept, by key.
    pub fn entries(&self) -> &HashMap<u128, CachedBody> {
        &self.bodies
    }

    /// What every body of a render with these settings shares.
    fn context<'a>(
        &'a self,
        catalog: &'a Catalog,
        registry: &'a CountryRegistry,
        unsafe_html: bool,
        site: &'a SiteLinks<'a>,
    ) -> Context<'a> {
        Context {
            catalog,
            registry,
            site,
            site_digest: site_digest(site, unsafe_html),
            cache: &self.bodies,
        }
    }

    /// What the last [`BodyCache::render`] did.
    pub fn counts(&self) -> BodyCounts {
        self.last
    }

    /// The files of `content` whose bodies were left unread but must be rendered: the
    /// cache has no body for them that is still valid. [`BodyCache::render`] needs their
    /// text (see [`crate::content::read_bodies`]).
    pub fn unread_to_render(
        &self,
        content: &Content,
        catalog: &Catalog,
        registry: &CountryRegistry,
        unsafe_html: bool,
        site: &SiteLinks<'_>,
    ) -> HashSet<PathBuf> {
        let context = self.context(catalog, registry, unsafe_html, site);
        let mut paths: HashSet<PathBuf> = (content.articles.par_iter())
            .zip(&catalog.articles)
            .filter(|(article, listed)| {
                article.body_unread && !context.has(context.article_key(article, listed))
            })
            .map(|(article, _)| article.source_path.clone())
            .collect();
        paths.extend(context.unread_to_render(PROFILE, &content.people));
        paths.extend(context.unread_to_render(NOTE, &content.countries));
        paths
    }

    /// Renders every body of `content`, in parallel, taking those still valid from the
    /// cache. Afterwards the cache holds exactly the bodies of this content. A body left
    /// unread is taken from the cache: [`BodyCache::unread_to_render`] names those it
    /// cannot be.
    pub fn render(
        &mut self,
        content: Content,
        catalog: &Catalog,
        registry: &CountryRegistry,
        unsafe_html: bool,
        site: &SiteLinks<'_>,
    ) -> RenderedContent {
        let context = self.context(catalog, registry, unsafe_html, site);
        let articles: Vec<(Rendered<Article>, Fresh)> = content
            .articles
            .into_par_iter()
            .zip(&catalog.articles)
            .map(|(article, listed)| {
                let key = context.article_key(&article, listed);
                context.reuse_or(key, article, |item| {
                    render_article(item, listed, unsafe_html, site)
                })
            })
            .collect();
        let people = context.render_all(PROFILE, content.people, |profile| {
            render_unlisted(profile, unsafe_html, site)
        });
        let countries = context.render_all(NOTE, content.countries, |note| {
            render_unlisted(note, unsafe_html, site)
        });

        let mut kept = HashMap::with_capacity(articles.len() + people.len() + countries.len());
        let mut counts = BodyCounts::default();
        let mut keep = |fresh: Fresh| match fresh {
            Fresh::Reused(key) => {
                counts.reused += 1;
                if let Some(body) = self.bodies.remove(&key) {
                    kept.insert(key, body);
                }
            }
            Fresh::Rendered(key, body) => {
                counts.rendered += 1;
                kept.insert(key, *body);
            }
        };
        let rendered = RenderedContent {
            articles: split(articles, &mut keep),
            people: split(people, &mut keep),
            countries: split(countries, &mut keep),
        };
        // What is left of the old bodies is what this content no longer has.
        self.changed |= counts.rendered > 0 || !self.bodies.is_empty();
        self.bodies = kept;
        self.last = counts;
        rendered
    }
}

/// The rendered items, each body's fate given to `keep`.
fn split<T>(list: Vec<(Rendered<T>, Fresh)>, keep: &mut impl FnMut(Fresh)) -> Vec<Rendered<T>> {
    list.into_iter()
        .map(|(rendered, fresh)| {
            keep(fresh);
            rendered
        })
        .collect()
}

/// Whether a body came from the cache or was rendered, with what to keep of it.
enum Fresh {
    Reused(u128),
    Rendered(u128, Box<CachedBody>),
}

/// What every body of one render shares.
struct Context<'a> {
    catalog: &'a Catalog,
    registry: &'a CountryRegistry,
    site: &'a SiteLinks<'a>,
    site_digest: u128,
    cache: &'a HashMap<u128, CachedBody>,
}

impl Context<'_> {
    /// Renders, or takes from the cache, the bodies of items that list no entities
    /// (profiles and notes), in parallel.
    fn render_all<T: ContentFile>(
        &self,
        kind: &str,
        items: Vec<T>,
        render: impl Fn(T) -> Rendered<T> + Sync,
    ) -> Vec<(Rendered<T>, Fresh)> {
        items
            .into_par_iter()
            .map(|item| {
                let key = self.item_key(kind, &item);
                self.reuse_or(key, item, &render)
            })
            .collect()
    }

    /// The key of the body of `article`, which lists the entities of `listed`.
    fn article_key(&self, article: &Article, listed: &ArticleEntities) -> u128 {
        self.key(ARTICLE, article, |digest| {
            digest.debug(&article.bundle);
            for id in listed.countries.iter().chain(&listed.people) {
                digest.str(&portable(MentionTarget::Entity(*id), self.catalog));
            }
        })
    }

    /// The key of the body of `item`, a profile or a note (`kind`).
    fn item_key<T: ContentFile>(&self, kind: &str, item: &T) -> u128 {
        self.key(kind, item, |_| {})
    }

    /// The key of a body of `kind` in `file`: its text (by digest), where it starts, the
    /// file's path and the page the file becomes (bundle files are published below it),
    /// and what `more` adds.
    fn key<T: ContentFile>(&self, kind: &str, file: &T, more: impl FnOnce(&mut Digest)) -> u128 {
        let path = file.source_path();
        let mut digest = Digest::new();
        digest
            .number(self.site_digest)
            .str(kind)
            .bytes(path.as_os_str().as_encoded_bytes())
            .number(file.body_digest())
            .number(file.body_line() as u128)
            .str(self.site.article_link(path).unwrap_or_default());
        more(&mut digest);
        digest.finish()
    }

    /// The files of `items`, profiles or notes (`kind`), whose bodies were left unread
    /// but must be rendered.
    fn unread_to_render<T: ContentFile + Sync>(&self, kind: &str, items: &[T]) -> Vec<PathBuf> {
        items
            .par_iter()
            .filter(|item| item.body_unread() && !self.has(self.item_key(kind, *item)))
            .map(|item| item.source_path().to_path_buf())
            .collect()
    }

    /// Whether the cache has a body for `key` that is still valid.
    fn has(&self, key: u128) -> bool {
        self.cache
            .get(&key)
            .is_some_and(|cached| self.mentions(cached).is_some())
    }

    /// The item with its body from the cache, if the cache has one for `key` that is
    /// still valid; else rendered by `render`.
    fn reuse_or<T: ContentFile>(
        &self,
        key: u128,
        mut item: T,
        render: impl FnOnce(T) -> Rendered<T>,
    ) -> (Rendered<T>, Fresh) {
        if let Some(body) = self.cache.get(&key).and_then(|cached| self.revive(cached)) {
            std::mem::take(item.body_mut());
            return (Rendered { item, body }, Fresh::Reused(key));
        }
        let rendered = render(item);
        let cached = self.keep(&rendered.body, rendered.item.source_path());
        (rendered, Fresh::Rendered(key, Box::new(cached)))
    }

    /// A cached body for this site, if its links still lead where they led.
    fn revive(&self, cached: &CachedBody) -> Option<RenderedMarkdown> {
        let mentions = self.mentions(cached)?;
        let mut body = cached.body.clone();
        body.mentions = mentions;
        Some(body)
    }

    /// The mentions of a cached body for this site, if its links still lead where they
    /// led and every name it mentions is still known.
    fn mentions(&self, cached: &CachedBody) -> Option<Vec<MentionFound>> {
        for (target, page) in &cached.source_links {
            if self.site.article_link(target) != page.as_deref() {
                return None;
            }
        }
        cached
            .mentions
            .iter()
            .map(|(target, line, column)| {
                Some(MentionFound {
                    target: from_portable(target, self.catalog, self.registry)?,
                    line: *line,
                    column: *column,
                })
            })
            .collect()
    }

    /// What to keep of a body just rendered from the file at `path`.
    fn keep(&self, body: &RenderedMarkdown, path: &Path) -> CachedBody {
        let folder = path.parent().unwrap_or(Path::new(""));
        let source_links = body
            .links
            .iter()
            .filter_map(|link| {
                let written = link.written.split('#').next().unwrap_or_default();
                if !written.ends_with(".md") || written.starts_with('/') {
                    return None;
                }
                let target = normalize(&folder.join(written));
                let page = self.site.article_link(&target).map(str::to_string);
                Some((target, page))
            })
            .collect();
        let mentions = body
            .mentions
            .iter()
            .map(|mention| {
                (
                    portable(mention.target, self.catalog),
                    mention.line,
                    mention.column,
                )
            })
            .collect();
        let mut body = body.clone();
        body.mentions = Vec::new();
        CachedBody {
            body,
            mentions,
            source_links,
        }
    }
}

/// A digest of everything site-wide a body is made from.
fn site_digest(site: &SiteLinks<'_>, unsafe_html: bool) -> u128 {
    Digest::new()
        .str(env!("CARGO_PKG_VERSION"))
        .number(site.matcher.digest())
        .str(&site.base_path)
        .number(u128::from(site.link_mentions))
        .number(u128::from(unsafe_html))
        .finish()
}
