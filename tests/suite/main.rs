//! The integration suite: runs the real `briefing` binary on fixture sites.
//!
//! Every fixture in `tests/fixtures/` is a site named after the one behaviour it shows;
//! `support` copies it to a temporary folder so tests never touch the repository.

mod budget;
mod build;
mod bundles;
mod charts;
mod check;
mod commonmark;
mod errors;
mod feeds;
mod fuzz;
mod incremental;
mod markdown;
mod mentions;
mod new;
mod output;
mod paging;
mod publish;
mod serve;
mod serve_matches_build;
mod snapshots;
mod structured_data;
mod support;
mod tags;
mod validation;
