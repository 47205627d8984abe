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
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::reuse::{Context, Fresh, NOTE, PROFILE, Planned};
use super::{Numbering, Vocabulary, WordIds, render_article, render_unlisted};
use super::{Rendered, RenderedContent, RenderedMarkdown, SiteLinks};
use crate::catalog::Catalog;
use crate::content::{Article, Content};
use crate::countries::CountryRegistry;

/// Bodies rendered before, by key, with the vocabulary their words are numbered in.
#[derive(Debug, Clone, Default)]
pub struct BodyCache {
    bodies: HashMap<u128, CachedBody>,
    vocabulary: Arc<Vocabulary>,
    /// How many words the bodies left out since the vocabulary was last compacted
    /// held: an upper bound on the words no body holds any more.
    stale: usize,
    /// What the last render did.
    last: BodyCounts,
    /// Whether a render rendered a body or left one out.
    changed: bool,
}

/// What [`BodyCache::render`] needs to know before it renders: each body's key and
/// whether the cache's body is still valid, found once, and the bodies to read first.
pub struct BodyPlan {
    /// Each list's bodies, in the order of the content's lists.
    articles: Vec<Planned>,
    people: Vec<Planned>,
    countries: Vec<Planned>,
    /// The files whose bodies must be read before they are rendered.
    pub unread: HashSet<PathBuf>,
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
    /// Its mentions, each with its target as [`crate::mentions::portable`] names it.
    pub mentions: Vec<(String, usize, usize)>,
    /// Every link to an article's source file, by the normalised path it names, with the
    /// page it led to (`None` when no article had that source).
    pub source_links: Vec<(PathBuf, Option<String>)>,
}

impl BodyCache {
    /// A cache holding `bodies`, by key, their words numbered in `vocabulary`, which
    /// holds `stale` words of bodies left out since it was compacted.
    pub fn from_entries(
        bodies: HashMap<u128, CachedBody>,
        vocabulary: Vocabulary,
        stale: usize,
    ) -> BodyCache {
        BodyCache {
            bodies,
            vocabulary: Arc::new(vocabulary),
            stale,
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

    /// The vocabulary the words of the bodies kept are numbered in, and how many words
    /// of bodies left out since it was compacted it holds.
    pub fn vocabulary(&self) -> (&Vocabulary, usize) {
        (&self.vocabulary, self.stale)
    }

    /// What every body of a render with these settings shares.
    fn context<'a>(
        &'a self,
        catalog: &'a Catalog,
        registry: &'a CountryRegistry,
        unsafe_html: bool,
        site: &'a SiteLinks<'a>,
    ) -> Context<'a> {
        Context::new(catalog, registry, unsafe_html, site, &self.bodies)
    }

    /// What the last [`BodyCache::render`] did.
    pub fn counts(&self) -> BodyCounts {
        self.last
    }

    /// The key of every body of `content`, and the files whose bodies were left unread
    /// but must be rendered: the cache has no body for them that is still valid.
    /// [`BodyCache::render`] needs their text (see [`crate::content::read_bodies`]).
    pub fn plan(
        &self,
        content: &Content,
        catalog: &Catalog,
        registry: &CountryRegistry,
        unsafe_html: bool,
        site: &SiteLinks<'_>,
    ) -> BodyPlan {
        let context = self.context(catalog, registry, unsafe_html, site);
        let articles: Vec<Planned> = (content.articles.par_iter())
            .zip(&catalog.articles)
            .map(|(article, listed)| context.plan(context.article_key(article, listed)))
            .collect();
        let people = context.plan_items(PROFILE, &content.people);
        let countries = context.plan_items(NOTE, &content.countries);
        let mut unread = HashSet::new();
        unread.extend(context.unread(&content.articles, &articles));
        unread.extend(context.unread(&content.people, &people));
        unread.extend(context.unread(&content.countries, &countries));
        BodyPlan {
            articles,
            people,
            countries,
            unread,
        }
    }

    /// Renders every body of `content`, in parallel, taking those still valid from the
    /// cache, by the keys of `plan`, made for this content. Afterwards the cache holds
    /// exactly the bodies of this content. A body left unread is taken from the cache:
    /// the plan names those it cannot be.
    pub fn render(
        &mut self,
        content: Content,
        plan: BodyPlan,
        catalog: &Catalog,
        registry: &CountryRegistry,
        unsafe_html: bool,
        site: &SiteLinks<'_>,
    ) -> RenderedContent {
        let vocabulary = std::mem::take(&mut self.vocabulary);
        let numbering = Numbering::new(Arc::unwrap_or_clone(vocabulary));
        let context = self.context(catalog, registry, unsafe_html, site);
        let articles: Vec<(Rendered<Article>, Fresh)> = content
            .articles
            .into_par_iter()
            .zip(&catalog.articles)
            .zip(plan.articles)
            .map(|((article, listed), planned)| {
                context.reuse_or(planned, article, |item| {
                    render_article(item, listed, unsafe_html, site, &numbering)
                })
            })
            .collect();
        let people = context.render_all(content.people, plan.people, |profile| {
            render_unlisted(profile, unsafe_html, site, &numbering)
        });
        let countries = context.render_all(content.countries, plan.countries, |note| {
            render_unlisted(note, unsafe_html, site, &numbering)
        });
        self.vocabulary = Arc::new(numbering.into_inner());

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
            vocabulary: Arc::clone(&self.vocabulary),
        };
        // What is left of the old bodies is what this content no longer has.
        self.changed |= counts.rendered > 0 || !self.bodies.is_empty();
        self.stale += (self.bodies.values())
            .map(|cached| cached.body.words.len())
            .sum::<usize>();
        self.bodies = kept;
        self.last = counts;
        self.compact();
        rendered
    }

    /// Drops from the vocabulary the words no body holds any more, once the bodies
    /// left out could have left a good part of it unused.
    fn compact(&mut self) {
        if self.stale == 0 || self.stale * 2 < self.vocabulary.len() {
            return;
        }
        self.changed = true;
        let mut words: Vec<&mut WordIds> = (self.bodies.values_mut())
            .map(|cached| &mut cached.body.words)
            .collect();
        // The content just rendered keeps the vocabulary its numbers are in.
        let mut vocabulary = Vocabulary::clone(&self.vocabulary);
        if vocabulary.compact(&mut words) {
            self.vocabulary = Arc::new(vocabulary);
        }
        self.stale = 0;
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
