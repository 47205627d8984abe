//! `briefing serve`: a live preview while writing.
//!
//! Builds the site into memory, serves it on loopback, watches `content/`,
//! `templates/`, `static/` and `briefing.yaml`, rebuilds what a change affects and
//! reloads open pages. A broken file never stops the server: the last good site stays
//! served with an overlay naming the problem. Nothing is written to disk, so `public/`
//! is never touched and there is nothing to clean up on Ctrl-C.

mod host;
mod http;
mod preview;

use std::collections::HashSet;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::watch;

use crate::error::{Error, Result};
use http::{AppState, Shown};
use preview::Preview;

pub use http::clean_path;

/// How long the watcher waits for a burst of file events to settle. Editors write a
/// temporary file and rename it; one save must give one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// How the preview runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub site_dir: PathBuf,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Show articles marked `draft: true`.
    pub include_drafts: bool,
}

/// Serves the site until Ctrl-C. Progress goes to `out`: the address on the first
/// line, then one line per rebuild.
pub fn serve(options: &ServeOptions, out: &mut (dyn Write + Send)) -> Result<()> {
    if !options.site_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: site folder not found",
            options.site_dir.display()
        )));
    }
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot read the listening address: {e}")))?;
    let host = if address.ip().is_unspecified() {
        "localhost".to_string()
    } else if address.is_ipv6() {
        format!("[{}]", address.ip())
    } else {
        address.ip().to_string()
    };
    let base_url = format!("http://{host}:{}/", address.port());
    let _ = writeln!(
        out,
        "Serving {} at {base_url} (Ctrl-C to stop)",
        options.site_dir.display()
    );
    let _ = out.flush();

    let mut preview = Preview::new(&options.site_dir, &base_url, options.include_drafts);
    let (version_sender, version) = watch::channel(0_u64);
    let shown = Arc::new(RwLock::new(Arc::new(Shown {
        snapshot: None,
        error: None,
        cache: Mutex::new(Default::default()),
    })));
    rebuild(&mut preview, None, &shown, &version_sender, out);

    // File events arrive on a channel; the watcher thread turns each settled burst into
    // one rebuild.
    let (events_sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, events_sender)
        .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    debouncer
        .watch(&options.site_dir, RecursiveMode::Recursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", options.site_dir.display())))?;
    let root =
        std::fs::canonicalize(&options.site_dir).unwrap_or_else(|_| options.site_dir.clone());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let state = AppState {
        shown: Arc::clone(&shown),
        version,
        hosts: host::AllowedHosts::new(address),
    };
    let watched_shown = Arc::clone(&shown);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Ok(first) = events.recv() {
                // Take everything already queued so a burst becomes one rebuild.
                let mut changed = relevant_paths(&root, first);
                while let Ok(more) = events.try_recv() {
                    changed.extend(relevant_paths(&root, more));
                }
                if !changed.is_empty() {
                    rebuild(
                        &mut preview,
                        Some(&changed),
                        &watched_shown,
                        &version_sender,
                        out,
                    );
                }
            }
        });
        let served = runtime.block_on(async move {
            listener
                .set_nonblocking(true)
                .map_err(|e| Error::Usage(format!("cannot serve: {e}")))?;
            let listener = tokio::net::TcpListener::from_std(listener)
                .map_err(|e| Error::Usage(format!("cannot serve: {e}")))?;
            // On Ctrl-C the server stops at once: waiting for open live-reload
            // requests to finish would keep the terminal for no gain.
            tokio::select! {
                served = axum::serve(listener, http::router(state)) => {
                    served.map_err(|e| Error::Usage(format!("the server stopped: {e}")))
                }
                _ = tokio::signal::ctrl_c() => Ok(()),
            }
        });
        // Stopping the watcher closes the event channel, which ends the thread.
        drop(debouncer);
        runtime.shutdown_timeout(Duration::from_millis(100));
        served
    })
}

/// Rebuilds, swaps in what the server shows, and tells open pages to reload.
fn rebuild(
    preview: &mut Preview,
    changed: Option<&HashSet<PathBuf>>,
    shown: &RwLock<Arc<Shown>>,
    version: &watch::Sender<u64>,
    out: &mut (dyn Write + Send),
) {
    let started = Instant::now();
    let outcome = preview.rebuild(changed);
    let elapsed = started.elapsed().as_millis();
    let next = match outcome {
        Ok((snapshot, report)) => {
            let _ = writeln!(
                out,
                "Rebuilt in {elapsed} ms ({} files parsed, {} bodies rendered, {} files)",
                report.files_parsed,
                report.bodies_rendered,
                snapshot.files.len()
            );
            Shown {
                snapshot: Some(Arc::new(snapshot)),
                error: None,
                cache: Mutex::new(Default::default()),
            }
        }
        Err(error) => {
            let text = error.report();
            let _ = writeln!(
                out,
                "Rebuild failed in {elapsed} ms; still serving the last good version:\n{text}"
            );
            let current = match shown.read() {
                Ok(current) => Arc::clone(&current),
                Err(poisoned) => Arc::clone(&poisoned.into_inner()),
            };
            let cache = current
                .cache
                .lock()
                .map(|cache| cache.clone())
                .unwrap_or_default();
            Shown {
                snapshot: current.snapshot.clone(),
                error: Some(text),
                cache: Mutex::new(cache),
            }
        }
    };
    let _ = out.flush();
    match shown.write() {
        Ok(mut current) => *current = Arc::new(next),
        Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
    }
    version.send_modify(|version| *version += 1);
}

/// The changed paths of a batch of events that can affect the site: content, templates,
/// static files and the config, but not the output folder or editors' hidden files.
fn relevant_paths(root: &Path, result: DebounceEventResult) -> HashSet<PathBuf> {
    let Ok(events) = result else {
        return HashSet::new();
    };
    events
        .into_iter()
        .filter(|event| !matches!(event.kind, EventKind::Access(_)))
        .flat_map(|event| event.event.paths)
        .filter(|path| {
            let Ok(relative) = path.strip_prefix(root) else {
                return false;
            };
            let hidden = relative
                .components()
                .any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
            let watched = relative == Path::new(crate::config::CONFIG_FILE)
                || ["content", "templates", "static"]
                    .iter()
                    .any(|folder| relative.starts_with(folder));
            watched && !hidden
        })
        .collect()
}
