//! `/sources`: every source, its stored vintages and the ingest ledger; `/methods`: every
//! indicator's definition and SQL, and the treaty rules.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use eirene_sources::catalogue::CATALOGUE;
use maud::html;
use serde_json::json;

use crate::error::WebError;
use crate::pages;
use crate::respond::{Ask, Page, Table, answer};
use crate::state::Site;

/// `/sources` and `/sources.json`.
#[utoipa::path(get, path = "/sources.json", tag = "sources",
    responses((status = 200, description = "Every source with its stored vintages, the ingest ledger and the treaty imports", content_type = "application/json")))]
pub async fn sources(State(site): State<Arc<Site>>, ask: Ask) -> Response {
    answer(&ask, sources_page(&site, &ask).await)
}

async fn sources_page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let vintages = site.store.vintages()?;
    let ledger = site.store.ledger()?;
    let imports = site.records.imports().await?;
    let body = html! {
        h1 { (lang.t("sources.title")) }
        @for source in CATALOGUE {
            h2 #(source.id.as_str()) { (source.title) }
            p { (source.publisher) " · " a href=(source.homepage) { (source.homepage) } " · " (source.licence) }
            p.source { (source.citation) }
            ul {
                @for v in vintages.iter().filter(|v| v.source == source.id.as_str()) {
                    li { (v.version) @if v.current { " (current)" } ": "
                        (v.tables.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ")) }
                }
            }
        }
        h2 { (lang.t("sources.ledger")) }
        table {
            thead { tr { th { "seq" } th { "source" } th { "version" } th { "ingested" } th { "files (sha256)" } } }
            tbody {
                @for e in &ledger {
                    tr { td { (e.seq) } td { (e.source) } td { (e.version) } td { (e.ingested_at) }
                        td { @for f in &e.files { (f.name) " " code { (&f.sha256[..12.min(f.sha256.len())]) } " " } } }
                }
            }
        }
        h2 { (lang.t("nav.treaties")) }
        table {
            tbody {
                @for i in &imports {
                    tr { td { (i.id) } td { (i.file) } td { code { (&i.sha256[..12.min(i.sha256.len())]) } } td { (i.layout) } td { (i.imported_at) } td { (i.editor) } }
                }
            }
        }
    };
    let json = json!({
        "catalogue": CATALOGUE.iter().map(|s| json!({
            "id": s.id.as_str(), "title": s.title, "publisher": s.publisher, "homepage": s.homepage,
            "licence": s.licence, "citation": s.citation,
        })).collect::<Vec<_>>(),
        "vintages": vintages.iter().map(|v| json!({"source": v.source, "version": v.version, "current": v.current, "tables": v.tables})).collect::<Vec<_>>(),
        "ledger": ledger,
        "treaty_imports": imports,
    });
    Ok(Page {
        title: lang.t("sources.title").to_owned(),
        body,
        json,
        table: None,
        svg: None,
    })
}

/// `/methods` and `/methods.json`.
#[utoipa::path(get, path = "/methods.json", tag = "sources",
    responses((status = 200, description = "Every indicator's definition, caveats and SQL", content_type = "application/json")))]
pub async fn methods(ask: Ask) -> Response {
    let lang = ask.lang;
    let c = lang.catalogue();
    let indicators: Vec<_> = eirene_indicators::catalogue().collect();
    let body = html! {
        h1 { (lang.t("methods.title")) }
        @for i in &indicators {
            h2 #(i.id) { a href=(ask.link(&format!("/indicators/{}", i.id))) { (pages::name(i, lang)) } " " code { (i.id) } }
            p { (i.definition.get(c)) }
            p { strong { (lang.t("caveats")) ": " } (i.caveats.get(c)) }
            pre { code { (i.sql) } }
        }
    };
    let json = json!(indicators.iter().map(|i| json!({
        "id": i.id, "name": i.name.get(c), "definition": i.definition.get(c), "unit": i.unit.get(c),
        "caveats": i.caveats.get(c), "sources": i.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(), "sql": i.sql,
    })).collect::<Vec<_>>());
    let table = Table {
        columns: vec!["id".into(), "name".into(), "unit".into()],
        rows: indicators
            .iter()
            .map(|i| {
                vec![
                    i.id.to_owned(),
                    i.name.get(c).to_owned(),
                    i.unit.get(c).to_owned(),
                ]
            })
            .collect(),
    };
    answer(
        &ask,
        Ok(Page {
            title: lang.t("methods.title").to_owned(),
            body,
            json,
            table: Some(table),
            svg: None,
        }),
    )
}
