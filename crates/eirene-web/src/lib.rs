//! The Eirene web application: `eirene serve`.
//!
//! Server-rendered pages that work without JavaScript; maps and charts as SVG rendered here (so
//! they also go into briefs); every page with a JSON twin (`.json` or `Accept:
//! application/json`) and CSV where it is a table; English and French; an OpenAPI document
//! generated from the handlers. Pages are computed from the evidence store and the treaty
//! records, and cached per state of the data (see [`state`]).

pub mod error;
pub mod i18n;
mod layout;
pub mod openapi;
mod pages;
pub mod respond;
pub mod state;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::error::WebError;
use crate::state::{Cached, Site};

/// The largest response the cache keeps (a page with a world map is about 200 KB; the JSON of a
/// whole indicator a few MB). Larger ones are rendered for every request.
const CACHE_LIMIT: usize = 16 << 20;

/// Serves the data directory on `bind` until `shutdown` resolves, with the population raster
/// `population` if given (see [`Site::open`]). `ready` receives the bound address (useful with
/// port 0).
pub async fn serve(
    data_dir: &Path,
    population: Option<PathBuf>,
    bind: SocketAddr,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), WebError> {
    let site = Arc::new(Site::open(data_dir, population).await?);
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| WebError::Internal(format!("cannot listen on {bind}: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    ready(address);
    if site.population.is_some() {
        // Read the raster now, while nobody waits, rather than on the first country page (a
        // global raster takes seconds). A page asking meanwhile waits for this same pass.
        let early = site.clone();
        tokio::spawn(async move {
            if let Err(error) = pages::exposure::every_country(&early).await {
                tracing::warn!("population exposure: {error}");
            }
        });
    }
    let served = axum::serve(listener, router(site.clone()))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| WebError::Internal(e.to_string()));
    // Leave the records database as one file (its write-ahead log folded in).
    site.records.clone().close().await;
    served
}

/// Every route of the site.
pub fn router(site: Arc<Site>) -> Router {
    Router::new()
        .route("/", get(pages::home::handler))
        .route("/index.json", get(pages::home::handler))
        .route("/indicators", get(pages::indicators::list))
        .route("/indicators.json", get(pages::indicators::list))
        .route("/indicators/{id}", get(pages::indicators::handler))
        .route("/conflict-index", get(pages::conflict_index::handler))
        .route("/conflict-index.json", get(pages::conflict_index::handler))
        .route("/conflict-index.csv", get(pages::conflict_index::handler))
        .route("/countries", get(pages::countries::list))
        .route("/countries.json", get(pages::countries::list))
        .route("/countries.csv", get(pages::countries::list))
        .route("/countries/{iso3}", get(pages::countries::handler))
        .route("/treaties", get(pages::treaties::list))
        .route("/treaties.json", get(pages::treaties::list))
        .route("/treaties.csv", get(pages::treaties::list))
        .route("/treaties/{id}", get(pages::treaties::handler))
        .route("/sources", get(pages::sources::sources))
        .route("/sources.json", get(pages::sources::sources))
        .route("/methods", get(pages::sources::methods))
        .route("/methods.json", get(pages::sources::methods))
        .route("/api", get(openapi::page))
        .route("/api.json", get(openapi::page))
        .route("/openapi.json", get(openapi::document))
        .route("/static/style.css", get(stylesheet))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(site.clone(), cache))
        .layer(middleware::from_fn(headers_and_log))
        .with_state(site)
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../static/style.css"),
    )
        .into_response()
}

async fn not_found(ask: respond::Ask) -> Response {
    let error = WebError::NotFound(format!("no page at {}", ask.path));
    respond::error_page(ask.lang, ask.format, &error)
}

/// Answers a GET from the snapshot's cache, or renders it and keeps it.
async fn cache(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let snapshot = match site.snapshot().await {
        Ok(snapshot) => snapshot,
        Err(error) => return respond::error_page(i18n::Lang::En, respond::Format::Html, &error),
    };
    let key = cache_key(&request);
    let gzip = accepts_gzip(&request);
    if let Some(hit) = snapshot.cached(&key) {
        return cached_response(hit, gzip);
    }
    let response = next.run(request).await;
    let (parts, body) = response.into_parts();
    // Pages are rendered whole, so their size is known before reading them.
    let size = http_body::Body::size_hint(&body).upper();
    if size.is_none_or(|size| size > CACHE_LIMIT as u64) {
        return Response::from_parts(parts, body);
    }
    let Ok(body) = axum::body::to_bytes(body, CACHE_LIMIT).await else {
        return respond::error_page(
            i18n::Lang::En,
            respond::Format::Html,
            &WebError::Internal("the response could not be read".into()),
        );
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let kept = Cached {
        status: parts.status,
        content_type,
        gzipped: gzipped(&body),
        body,
    };
    // Errors are cached too: a 404 stays a 404 until the data change.
    snapshot.keep(key, kept.clone());
    cached_response(kept, gzip)
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, not with `q=0`).
fn accepts_gzip(request: &Request) -> bool {
    let Some(accept) = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    accept.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        parts.next() == Some("gzip") && !parts.any(|p| p.replace(' ', "") == "q=0")
    })
}

/// The body compressed once, when it is kept: a treaty page with its map shrinks from 190 KB to
/// under 60 KB, which is what a browser on a slow network feels.
fn gzipped(body: &[u8]) -> axum::body::Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(body)
        .and_then(|()| encoder.finish())
        .map(axum::body::Bytes::from)
        .expect("compressing into memory does not fail")
}

/// What makes two GET requests the same page: the URI and the headers that choose the
/// representation and the language.
fn cache_key(request: &Request) -> String {
    let header_text = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    format!(
        "{} {} {}",
        request.uri(),
        header_text(header::ACCEPT),
        header_text(header::ACCEPT_LANGUAGE)
    )
}

fn cached_response(cached: Cached, gzip: bool) -> Response {
    let body = if gzip { cached.gzipped } else { cached.body };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = cached.status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&cached.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if gzip {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    // What chooses the representation, for shared caches in front of the server.
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Language, Accept-Encoding"),
    );
    response
}

/// Security headers on every response, and one log line per request.
async fn headers_and_log(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    tracing::info!(
        %method,
        %uri,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}
