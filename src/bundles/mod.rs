//! The files of article bundles that reach the site: every file a body links to, once,
//! under its article's URL. Files nothing links to stay out.
//!
//! This stage lists what to publish from the model and reads the files for `build`; it
//! makes no URLs (those are `routes`') and writes nothing (that is `output`'s).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::SourceLocation;
use crate::index::SiteIndex;
use crate::routes::{Route, Routes};

/// One file of a bundle to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleOutput {
    /// Where it is published.
    pub route: Route,
    /// The file in the bundle, named as in messages.
    pub source_path: PathBuf,
    /// The first link to it, where a problem with the file is reported.
    pub linked_at: SourceLocation,
}

/// Every bundle file the site's articles link to, sorted by output path.
pub fn bundle_outputs(index: &SiteIndex, routes: &Routes) -> Vec<BundleOutput> {
    let mut outputs = BTreeMap::new();
    for article in &index.articles {
        let Some(bundle) = &article.article.bundle else {
            continue;
        };
        for link in &article.body.bundle_files {
            let route = routes.article_file(&article.article.slug, &link.name);
            outputs
                .entry(route.output_path.clone())
                .or_insert_with(|| BundleOutput {
                    route,
                    source_path: bundle.dir.join(&link.name),
                    linked_at: link.location.clone(),
                });
        }
    }
    outputs.into_values().collect()
}
