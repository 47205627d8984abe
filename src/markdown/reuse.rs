//! How a render takes a body from the cache or renders it: the key each body is kept
//! by, and the checks a kept body must pass to be used (see [`super::BodyCache`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::CachedBody;
use super::links::normalize;
use super::{MentionFound, Rendered, RenderedMarkdown, SiteLinks};
use crate::catalog::{ArticleEntities, Catalog};
use crate::content::{Article, ContentFile};
use crate::countries::CountryRegistry;
use crate::digest::Digest;
use crate::mentions::{MentionTarget, from_portable, portable, portable_parts};

/// The kinds of body, as their keys name them: finding the bodies to read and
/// rendering them must key each body alike.
const ARTICLE: &str = "article";
pub(super) const PROFILE: &str = "person";
pub(super) const NOTE: &str = "country";

/// Whether a body came from the cache or was rendered, with what to keep of it.
pub(super) enum Fresh {
    Reused(u128),
    Rendered(u128, Box<CachedBody>),
}

/// A body's key, and what the cache's body of that key mentions, if the cache has one
/// still valid for this site: found once, for both finding the bodies to read and
/// rendering.
pub(super) struct Planned {
    key: u128,
    mentions: Option<Vec<MentionFound>>,
}

/// What every body of one render shares.
pub(super) struct Context<'a> {
    catalog: &'a Catalog,
    registry: &'a CountryRegistry,
    site: &'a SiteLinks<'a>,
    site_digest: u128,
    cache: &'a HashMap<u128, CachedBody>,
}

impl<'a> Context<'a> {
    /// What a render with these settings shares, taking kept bodies from `cache`.
    pub(super) fn new(
        catalog: &'a Catalog,
        registry: &'a CountryRegistry,
        unsafe_html: bool,
        site: &'a SiteLinks<'a>,
        cache: &'a HashMap<u128, CachedBody>,
    ) -> Context<'a> {
        Context {
            catalog,
            registry,
            site,
            site_digest: site_digest(site, unsafe_html),
            cache,
        }
    }

    /// Renders, or takes from the cache, the bodies of items that list no entities
    /// (profiles and notes), in parallel.
    pub(super) fn render_all<T: ContentFile>(
        &self,
        items: Vec<T>,
        planned: Vec<Planned>,
        render: impl Fn(T) -> Rendered<T> + Sync,
    ) -> Vec<(Rendered<T>, Fresh)> {
        items
            .into_par_iter()
            .zip(planned)
            .map(|(item, planned)| self.reuse_or(planned, item, &render))
            .collect()
    }

    /// The bodies of `items`, profiles or notes (`kind`), planned.
    pub(super) fn plan_items<T: ContentFile + Sync>(
        &self,
        kind: &str,
        items: &[T],
    ) -> Vec<Planned> {
        items
            .par_iter()
            .map(|item| self.plan(self.item_key(kind, item)))
            .collect()
    }

    /// The body of `key`, planned.
    pub(super) fn plan(&self, key: u128) -> Planned {
        let mentions = self
            .cache
            .get(&key)
            .and_then(|cached| self.mentions(cached));
        Planned { key, mentions }
    }

    /// The key of the body of `article`, which lists the entities of `listed`.
    pub(super) fn article_key(&self, article: &Article, listed: &ArticleEntities) -> u128 {
        self.key(ARTICLE, article, |digest| {
            digest.debug(&article.bundle);
            for id in listed.countries.iter().chain(&listed.people) {
                let (kind, key) = portable_parts(MentionTarget::Entity(*id), self.catalog);
                digest.str(kind).str(key);
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

    /// The files of `items`, with bodies as `planned`, whose bodies were left unread but
    /// must be rendered.
    pub(super) fn unread<T: ContentFile + Sync>(
        &self,
        items: &[T],
        planned: &[Planned],
    ) -> Vec<PathBuf> {
        (items.par_iter())
            .zip(planned)
            .filter(|(item, planned)| item.body_unread() && planned.mentions.is_none())
            .map(|(item, _)| item.source_path().to_path_buf())
            .collect()
    }

    /// The item with its body from the cache, if the plan found one still valid; else
    /// rendered by `render`.
    pub(super) fn reuse_or<T: ContentFile>(
        &self,
        planned: Planned,
        mut item: T,
        render: impl FnOnce(T) -> Rendered<T>,
    ) -> (Rendered<T>, Fresh) {
        let Planned { key, mentions } = planned;
        if let Some(mentions) = mentions
            && let Some(cached) = self.cache.get(&key)
        {
            std::mem::take(item.body_mut());
            let mut body = cached.body.clone();
            body.mentions = mentions;
            return (Rendered { item, body }, Fresh::Reused(key));
        }
        let rendered = render(item);
        let cached = self.keep(&rendered.body, rendered.item.source_path());
        (rendered, Fresh::Rendered(key, Box::new(cached)))
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
