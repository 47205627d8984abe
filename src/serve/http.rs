//! The preview's HTTP side: pages from memory, live reload, the error overlay.
//!
//! Every request is answered from the current [`Snapshot`]: there is no folder behind
//! the server, so no request can reach a file outside the site. HTML responses get a
//! small script that long-polls `/__briefing/wait` and reloads the page when the site
//! changes; while the last rebuild failed they also get an overlay with its errors.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio::sync::watch;

use super::host::AllowedHosts;
use super::preview::Snapshot;
use crate::images::ImageCache;
use crate::outputs::{Source, read_files, url_key};
use crate::render::escape_xml;

/// The path of the live-reload endpoint.
pub const WAIT_PATH: &str = "/__briefing/wait";

/// What the server shows: the last good site, and the error of the last rebuild if it
/// failed.
pub struct Shown {
    /// The site, once one has been built.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The errors of the last rebuild, if it failed.
    pub error: Option<String>,
    /// Rendered files of this snapshot, by path, filled as they are requested.
    pub cache: Mutex<HashMap<String, Arc<Rendered>>>,
}

/// A rendered response body and its type.
pub struct Rendered {
    body: Vec<u8>,
    content_type: String,
}

/// State shared by the handlers.
#[derive(Clone)]
pub struct AppState {
    /// What is shown now.
    pub shown: Arc<RwLock<Arc<Shown>>>,
    /// Bumped on every rebuild; pages wait for it to change.
    pub version: watch::Receiver<u64>,
    /// The `Host` headers answered.
    pub hosts: AllowedHosts,
}

/// The preview's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(WAIT_PATH, get(wait))
        .fallback(get(page))
        .layer(from_fn_with_state(state.clone(), refuse_other_hosts))
        .with_state(state)
}

/// Answers 421 with no content when the `Host` header is not one of the preview's own
/// names, before any route (live reload included) sees the request.
async fn refuse_other_hosts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    match host {
        Some(host) if state.hosts.allows(host) => next.run(request).await,
        _ => StatusCode::MISDIRECTED_REQUEST.into_response(),
    }
}

#[derive(serde::Deserialize)]
struct WaitQuery {
    #[serde(default)]
    version: u64,
}

/// Answers when the site's version differs from the one the page was served with, or
/// after a while so connections do not go stale.
async fn wait(State(state): State<AppState>, Query(query): Query<WaitQuery>) -> Response {
    let mut version = state.version.clone();
    if *version.borrow_and_update() == query.version {
        let _ = tokio::time::timeout(Duration::from_secs(25), version.changed()).await;
    }
    let current = *version.borrow();
    let mut response = format!("{{\"version\":{current}}}").into_response();
    set_header(&mut response, header::CONTENT_TYPE, "application/json");
    set_header(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

async fn page(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(path) = clean_path(uri.path()) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "bad request: the path leaves the site\n",
        );
    };
    let shown = match state.shown.read() {
        Ok(shown) => Arc::clone(&shown),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    };
    let version = *state.version.borrow();
    let Some(snapshot) = shown.snapshot.clone() else {
        let message = shown.error.clone().unwrap_or_else(|| "building…".into());
        return html_response(
            StatusCode::SERVICE_UNAVAILABLE,
            &error_page(&message),
            version,
            shown.error.as_deref(),
        );
    };
    if let Some(redirect) = folder_redirect(&snapshot, &path) {
        let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
        set_header(&mut response, header::LOCATION, &redirect);
        return response;
    }
    let found = tokio::task::spawn_blocking({
        let shown = Arc::clone(&shown);
        let path = path.clone();
        move || lookup(&shown, &snapshot, &path)
    })
    .await
    .unwrap_or_else(|_| Err("rendering stopped unexpectedly".into()));
    match found {
        Ok(Some(file)) => respond(StatusCode::OK, &file, version, shown.error.as_deref()),
        Ok(None) => {
            let snapshot = shown.snapshot.clone();
            let not_found =
                snapshot.and_then(|snapshot| lookup(&shown, &snapshot, "/404.html").ok().flatten());
            match not_found {
                Some(file) => respond(
                    StatusCode::NOT_FOUND,
                    &file,
                    version,
                    shown.error.as_deref(),
                ),
                None => plain(StatusCode::NOT_FOUND, "not found\n"),
            }
        }
        Err(message) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &error_page(&message),
            version,
            Some(&message),
        ),
    }
}

/// The file at `path`: a page rendered on first request, a theme asset, or a file of
/// `static/`. `Err` carries a rendering error.
fn lookup(shown: &Shown, snapshot: &Snapshot, path: &str) -> Result<Option<Arc<Rendered>>, String> {
    let key = url_key(path);
    if let Ok(cache) = shown.cache.lock()
        && let Some(file) = cache.get(&key)
    {
        return Ok(Some(Arc::clone(file)));
    }
    let Some(output) = snapshot.files.get(&key) else {
        return Ok(None);
    };
    let body = match output.source {
        Source::Page(page) => snapshot
            .site
            .renderer()
            .render(page)
            .map_err(|error| error.report())?
            .contents
            .into_bytes(),
        // Resized here, without the build's cache: the preview writes nothing to disk.
        _ => read_files(&snapshot.site, &[output], &ImageCache::none())
            .map_err(|error| error.report())?
            .pop()
            .unwrap_or_default(),
    };
    let file = Arc::new(Rendered {
        content_type: content_type(&output.path.to_string_lossy()),
        body,
    });
    if let Ok(mut cache) = shown.cache.lock() {
        cache.insert(key, Arc::clone(&file));
    }
    Ok(Some(file))
}

/// `/people/wang-yi` → `/people/wang-yi/` when that page exists, as static hosts do.
fn folder_redirect(snapshot: &Snapshot, path: &str) -> Option<String> {
    if path.ends_with('/') {
        return None;
    }
    let folder = format!("{path}/");
    snapshot.files.contains_key(&folder).then_some(folder)
}

/// The decoded request path, or `None` when it tries to leave the site: `..` segments
/// (also percent-encoded), backslashes, NUL bytes or a second leading slash.
pub fn clean_path(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    if !decoded.starts_with('/') || decoded.starts_with("//") || decoded.contains(['\\', '\0']) {
        return None;
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(decoded.into_owned())
}

fn content_type(path: &str) -> String {
    if path.ends_with('/') || path.ends_with(".html") {
        return "text/html; charset=utf-8".into();
    }
    if path.ends_with("atom.xml") {
        return "application/atom+xml; charset=utf-8".into();
    }
    let guess = mime_guess::from_path(path).first_or_octet_stream();
    match guess.type_() {
        mime_guess::mime::TEXT | mime_guess::mime::APPLICATION
            if guess.subtype() != mime_guess::mime::OCTET_STREAM =>
        {
            format!("{guess}; charset=utf-8")
        }
        _ => guess.to_string(),
    }
}

fn respond(status: StatusCode, file: &Rendered, version: u64, error: Option<&str>) -> Response {
    if file.content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&file.body);
        return html_response(status, &html, version, error);
    }
    let mut response = (status, Body::from(file.body.clone())).into_response();
    set_header(&mut response, header::CONTENT_TYPE, &file.content_type);
    set_header(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

/// An HTML response with the live-reload script, and the overlay when there is an error.
fn html_response(status: StatusCode, html: &str, version: u64, error: Option<&str>) -> Response {
    let mut injected = live_reload_script(version);
    if let Some(error) = error {
        injected.push_str(&overlay(error));
    }
    let body = match html.rfind("</body>") {
        Some(at) => format!("{}{injected}{}", &html[..at], &html[at..]),
        None => format!("{html}{injected}"),
    };
    let mut response = (status, body).into_response();
    set_header(
        &mut response,
        header::CONTENT_TYPE,
        "text/html; charset=utf-8",
    );
    set_header(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

fn live_reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function wait(){{fetch('{WAIT_PATH}?version='+v,{{cache:'no-store'}}).then(function(r){{return r.json();}}).then(function(d){{if(d.version!==v){{location.reload();}}else{{wait();}}}}).catch(function(){{setTimeout(wait,1000);}});}}wait();}})();</script>"
    )
}

fn overlay(error: &str) -> String {
    format!(
        "<div id=\"briefing-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe9e9;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;border-top:4px solid #ff6b6b\"><strong>The site could not be rebuilt; showing the last good version.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{}</pre></div>",
        escape_xml(error)
    )
}

fn error_page(message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>briefing preview</title></head><body><h1>briefing preview</h1><pre>{}</pre></body></html>",
        escape_xml(message)
    )
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    set_header(
        &mut response,
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8",
    );
    response
}

fn set_header(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(
            clean_path("/people/wang-yi/"),
            Some("/people/wang-yi/".into())
        );
        assert_eq!(clean_path("/C%C3%B4te/"), Some("/Côte/".into()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/..%2f..%2fb",
            "//etc/passwd",
            "/a\\..\\b",
            "/%00",
            "/./a",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types_follow_the_file() {
        assert_eq!(content_type("/people/"), "text/html; charset=utf-8");
        assert_eq!(content_type("/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("/search.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("/search-index.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("/images/logo.png"), "image/png");
    }

    #[test]
    fn the_overlay_escapes_the_error() {
        assert!(overlay("<script>x</script>").contains("&lt;script&gt;x&lt;/script&gt;"));
    }
}
