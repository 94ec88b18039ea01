//! `crosscheck serve`: the proofing page on a local web server.
//!
//! A front end, like the CLI: drafts come in as JSON text, go through the
//! same [`crate::check`] as every other run, and go back as the report's view
//! model or as the whole HTML report. An uploaded file comes in as bytes and
//! goes back as text, read as the CLI reads a file (encodings, `.docx`). The page and its assets are embedded in
//! the binary; nothing here reads or writes the file system, and request
//! bodies and document counts are bounded.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::report::html::{self, View};
use crate::{Document, Packs};

/// The largest request body: a release is rarely larger.
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;
/// The most documents one request may hold.
pub const MAX_DOCUMENTS: usize = 64;
/// The longest document name, in bytes.
pub const MAX_NAME_BYTES: usize = 255;
/// Checks run at once; more requests wait their turn. A check of a 20 MB
/// release holds several hundred MB, so this bounds the server's memory.
pub const MAX_CONCURRENT_CHECKS: usize = 2;

/// What the page sends: the drafts, as text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub documents: Vec<DraftDocument>,
}

/// One draft: a name (its extension says how to read it) and its text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftDocument {
    pub name: String,
    pub text: String,
}

/// An uploaded file's name, in the query string of `/api/decode`.
#[derive(Debug, Deserialize)]
pub struct UploadName {
    pub name: String,
}

/// An uploaded file read as text: what its draft holds from then on.
#[derive(Debug, Serialize)]
pub struct Decoded {
    pub name: String,
    pub text: String,
}

/// The server's state: the rule packs, compiled once.
#[derive(Clone)]
struct AppState {
    packs: Arc<Packs>,
    checks: Arc<tokio::sync::Semaphore>,
    page: Arc<String>,
    csp: Arc<HeaderValue>,
}

/// The routes: `GET /` the page, `POST /api/check` the view model,
/// `POST /api/report` the self-contained report, `POST /api/decode?name=…`
/// an uploaded file's bytes as text. Only requests addressed to `bound` (by
/// its `Host`) are answered, and POSTs only from the page's own origin: a web
/// page elsewhere cannot reach the server through a rebinding host name, nor
/// post drafts to it.
pub fn router(packs: Packs, bound: SocketAddr) -> Router {
    let csp = HeaderValue::from_str(&format!("{}; frame-ancestors 'none'", html::serve_csp()))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    let state = AppState {
        packs: Arc::new(packs),
        checks: Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_CHECKS)),
        page: Arc::new(html::render_serve_page()),
        csp: Arc::new(csp),
    };
    Router::new()
        .route("/", get(page))
        .route("/api/check", post(check))
        .route("/api/report", post(report))
        .route("/api/decode", post(decode))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(move |request: Request, next: Next| guard(bound, request, next)))
        .with_state(state)
}

/// Refuses a request whose `Host` is not the address the server is bound to
/// (DNS rebinding), and a POST from another origin (a page elsewhere).
async fn guard(bound: SocketAddr, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !host_allowed(host, bound) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            format!("this server answers to http://{bound}/ only, not to Host `{host}`"),
        )
        .into_response();
    }
    if request.method() == axum::http::Method::POST {
        let origin = headers.get(header::ORIGIN).map(|o| o.to_str().unwrap_or("null"));
        let cross_site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site" || v == "same-site");
        let foreign =
            origin.is_some_and(|o| o.strip_prefix("http://").is_none_or(|h| !host_allowed(h, bound) || h != host));
        if foreign || cross_site {
            return refuse(
                StatusCode::FORBIDDEN,
                "a request from another origin is refused: open the page this server serves".into(),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Whether a `Host` header (or an origin's host) names the bound address: its
/// IP address written out, or `localhost` when it listens on this computer,
/// with its port (80 when none is written).
fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    if port != Some(bound.port()) {
        return false;
    }
    let ip = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(name);
    let local = bound.ip().is_loopback() || bound.ip().is_unspecified();
    match ip.parse::<std::net::IpAddr>() {
        Ok(ip) => ip == bound.ip() || (local && ip.is_loopback()) || bound.ip().is_unspecified(),
        Err(_) => local && name.eq_ignore_ascii_case("localhost"),
    }
}

/// Serves on `addr` until the process ends; `ready` is told the address
/// bound (with the port chosen when `addr` asks for port 0).
pub async fn serve(addr: SocketAddr, packs: Packs, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    let bound = listener.local_addr()?;
    axum::serve(listener, router(packs, bound)).await
}

async fn page(State(state): State<AppState>) -> Response {
    let mut response = (StatusCode::OK, state.page.as_str().to_owned()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, (*state.csp).clone());
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A request the server refuses, with why.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    message: String,
}

fn refuse(status: StatusCode, message: String) -> Refusal {
    Refusal { status, message }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status, self.message).into_response()
    }
}

/// A document's or upload's name, within [`MAX_NAME_BYTES`].
fn check_name(name: &str) -> Result<(), Refusal> {
    if name.len() > MAX_NAME_BYTES {
        return Err(refuse(StatusCode::BAD_REQUEST, format!("a name is longer than {MAX_NAME_BYTES} bytes")));
    }
    Ok(())
}

/// The documents of a request, checked against the limits.
fn documents(request: CheckRequest) -> Result<Vec<Document>, Refusal> {
    if request.documents.len() > MAX_DOCUMENTS {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("{} documents; at most {MAX_DOCUMENTS} are checked at once", request.documents.len()),
        ));
    }
    request
        .documents
        .into_iter()
        .map(|d| {
            check_name(&d.name)?;
            // The name only labels the text and says its format; it is never a path.
            Ok(Document::with_format(d.name, d.text))
        })
        .collect()
}

/// Checks the documents off the async workers: a large release takes a while.
/// At most [`MAX_CONCURRENT_CHECKS`] run at once.
async fn run(state: &AppState, docs: Vec<Document>) -> Result<crate::Report, Refusal> {
    let _turn = state
        .checks
        .acquire()
        .await
        .map_err(|e| refuse(StatusCode::SERVICE_UNAVAILABLE, format!("the server is stopping: {e}")))?;
    let packs = Arc::clone(&state.packs);
    tokio::task::spawn_blocking(move || crate::check(docs, &packs))
        .await
        .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, format!("the check failed: {e}")))
}

/// Reads an upload as the CLI reads a file: UTF-8, UTF-16, GBK and other
/// encodings decoded, a `.docx` as its paragraphs; a binary file refused.
/// A Word document's draft holds its text: it is checked as plain text, with
/// the same paragraph:character positions as `crosscheck check` gives.
async fn decode(Query(upload): Query<UploadName>, body: Bytes) -> Result<Json<Decoded>, Refusal> {
    check_name(&upload.name)?;
    if body.is_empty() {
        return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, format!("{} is empty", upload.name)));
    }
    let name = upload.name;
    let doc = tokio::task::spawn_blocking(move || Document::from_bytes(name, body.to_vec()))
        .await
        .map_err(|e| refuse(StatusCode::INTERNAL_SERVER_ERROR, format!("reading failed: {e}")))?
        .map_err(|e| refuse(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    Ok(Json(Decoded { name: doc.name, text: doc.text }))
}

async fn check(State(state): State<AppState>, Json(request): Json<CheckRequest>) -> Result<Response, Refusal> {
    let report = run(&state, documents(request)?).await?;
    Ok(Json(View::of(&report)).into_response())
}

async fn report(State(state): State<AppState>, Json(request): Json<CheckRequest>) -> Result<Response, Refusal> {
    let report = run(&state, documents(request)?).await?;
    let mut response = html::render_report(&report).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"report.html\""));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn hosts_are_the_bound_address_or_its_localhost_forms() {
        let local = "127.0.0.1:7878".parse().unwrap();
        for host in ["127.0.0.1:7878", "localhost:7878", "[::1]:7878", "127.0.0.2:7878"] {
            assert!(host_allowed(host, local), "{host}");
        }
        for host in ["evil.example:7878", "localhost:7879", "127.0.0.1", "localhost", "192.168.1.2:7878", ""] {
            assert!(!host_allowed(host, local), "{host}");
        }
        // Bound to every interface: any address of it, never a name but localhost.
        let all = "0.0.0.0:80".parse().unwrap();
        for host in ["192.168.1.2", "192.168.1.2:80", "localhost", "[::1]"] {
            assert!(host_allowed(host, all), "{host}");
        }
        assert!(!host_allowed("evil.example", all));
        let lan = "192.168.1.2:7878".parse().unwrap();
        assert!(host_allowed("192.168.1.2:7878", lan));
        assert!(!host_allowed("localhost:7878", lan) && !host_allowed("10.0.0.1:7878", lan));
    }
}
