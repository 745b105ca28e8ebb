//! The OpenAPI 3 document, generated from the handlers' annotations (`/openapi.json`), and its
//! rendering as a page (`/api`).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;
use utoipa::OpenApi;
use utoipa::openapi::RefOr;

use crate::pages;
use crate::respond::{Ask, Page, answer};

/// The API: the JSON twins of the pages.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Eirene",
        description = "Open evidence on peace and security for parliaments. Every page of the site is also JSON (a `.json` suffix or `Accept: application/json`) and, where it is a table, CSV (`.csv`). Parameters: `lang` (en, fr) on every path.",
        license(name = "Apache-2.0")
    ),
    paths(
        pages::home::handler,
        pages::indicators::list,
        pages::indicators::handler,
        pages::conflict_index::handler,
        pages::countries::list,
        pages::countries::handler,
        pages::treaties::list,
        pages::treaties::handler,
        pages::sources::sources,
        pages::sources::methods,
    ),
    tags(
        (name = "evidence", description = "Indicators computed from the publishers' files"),
        (name = "countries", description = "Country pages"),
        (name = "treaties", description = "Treaty participation at any date"),
        (name = "sources", description = "Sources, vintages, provenance and methods"),
    )
)]
pub struct ApiDoc;

/// The document as JSON text.
pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
}

/// `/openapi.json`.
pub async fn document() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], json()).into_response()
}

/// `/api`: the document rendered as a page (no script: a list of every path, its parameters
/// and responses, with a link to try it).
pub async fn page(ask: Ask) -> Response {
    let lang = ask.lang;
    let doc = ApiDoc::openapi();
    let body = html! {
        h1 { (lang.t("api.title")) }
        p { (lang.t("api.intro")) " " a href="/openapi.json" { "/openapi.json" } }
        @for (path, item) in &doc.paths.paths {
            @if let Some(get) = &item.get {
                h2 { code { "GET " (path) } }
                @if let Some(summary) = &get.summary { p { (summary) } }
                @if let Some(description) = &get.description { p { (description) } }
                @if let Some(parameters) = &get.parameters {
                    ul {
                        @for p in parameters {
                            @if let RefOr::T(p) = p {
                                li { code { (p.name) } " — " (p.description.as_deref().unwrap_or_default()) }
                            }
                        }
                    }
                }
                @if !path.contains('{') { p { a href=(path) { (path) } } }
            }
        }
    };
    let json: serde_json::Value = serde_json::from_str(&json()).expect("valid JSON");
    answer(
        &ask,
        Ok(Page {
            title: lang.t("api.title").to_owned(),
            body,
            json,
            table: None,
            svg: None,
        }),
    )
}
