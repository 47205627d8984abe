//! `briefing` turns a folder of Markdown briefings into a static site in which every
//! country and every person has a page of their own.
//!
//! Data flows one way through stages that each own one step:
//!
//! ```text
//! config ──► content (load + front matter) ──► catalog (names resolved once: entity
//! ids, slugs) ──► routes (the one place URLs are made) ──► markdown (bodies, links by
//! entity id; cached by input) ──► index (articles per entity, co-occurrence) ──►
//! render (tera, view structs; no disk) ──► output (atomic write)
//! ```
//!
//! [`site::assemble`] runs the stages from content to index; `outputs` lists every
//! file of the site. The subcommands ([`build`], [`check`], [`serve`], [`init`],
//! [`new`]) are thin verbs around them: build keeps its caches on disk (`cache`),
//! serve in memory, check not at all. `main.rs` is only the command-line edge.

pub mod build;
pub(crate) mod bundles;
pub(crate) mod cache;
pub mod catalog;
pub mod check;
pub mod config;
pub mod content;
pub mod countries;
pub(crate) mod digest;
pub mod error;
pub(crate) mod front_matter;
pub(crate) mod fs;
pub mod images;
pub mod index;
pub mod init;
pub mod inputs;
pub mod markdown;
pub mod mentions;
pub mod new;
pub(crate) mod output;
pub(crate) mod outputs;
pub(crate) mod paths;
pub mod render;
pub(crate) mod routes;
pub mod serve;
pub mod site;
pub mod slugs;
pub(crate) mod theme;

pub use error::{Error, Result, SourceLocation};
