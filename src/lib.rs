//! `briefing` turns a folder of Markdown briefings into a static site in which every
//! country and every person has a page of their own.
//!
//! Data flows one way through stages that each own one step:
//!
//! ```text
//! config ──► content (load + front matter) ──► markdown ──► index (countries, people,
//! co-occurrence) ──► routes (the one place URLs are made) ──► render (tera, view
//! structs; no disk) ──► output (atomic write)
//! ```
//!
//! The subcommands ([`build`], [`check`], [`serve`], [`init`], [`new`]) chain the stages; `main.rs` is only the command-line edge.

pub mod build;
pub mod bundles;
pub mod cache;
pub mod catalog;
pub mod check;
pub mod config;
pub mod content;
pub mod countries;
pub mod digest;
pub mod error;
pub mod front_matter;
pub mod fs;
pub mod images;
pub mod index;
pub mod init;
pub mod inputs;
pub mod markdown;
pub mod mentions;
pub mod new;
pub mod output;
pub mod render;
pub mod routes;
pub mod serve;
pub mod site;
pub mod slugs;
pub mod theme;

pub use error::{Error, Result, SourceLocation};
