//! The home page: the report's headline evidence, computed, each with its year, source and
//! method, and a world map.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::html;
use serde_json::json;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::layout;
use crate::pages::{self, Row, Rows, num, text};
use crate::respond::{Ask, Page, answer};
use crate::state::Site;

/// A headline figure.
struct Figure {
    /// Catalogue key of its label.
    label: &'static str,
    indicator: &'static str,
    year: i64,
    value: f64,
    /// Decimals shown.
    decimals: usize,
    /// Unit text after the value.
    unit: &'static str,
    /// Year-on-year change in %, and the catalogue key naming it.
    change: Option<(f64, &'static str)>,
    /// Extra context ("2 countries in this vintage").
    note: Option<String>,
    provenance: String,
    sources: serde_json::Value,
}

/// `/` and `/index.json`.
#[utoipa::path(get, path = "/index.json", tag = "evidence",
    params(("lang" = Option<String>, Query, description = "en or fr")),
    responses((status = 200, description = "The headline figures: value, year, change and provenance (sources, versions, sha256)", content_type = "application/json")))]
pub async fn handler(State(site): State<Arc<Site>>, ask: Ask) -> Response {
    answer(&ask, page(&site, &ask).await)
}

async fn page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let figures: Vec<Figure> = [
        deaths(site, lang).await?,
        conflicts(site).await?,
        displaced(site).await?,
        milex(site).await?,
    ]
    .into_iter()
    .flatten()
    .collect();
    let map = milex_map(site, ask).await?;
    let body = html! {
        h1 { (lang.t("home.title")) }
        p { (lang.t("home.intro")) }
        section.figures {
            @for f in &figures {
                div.figure {
                    div.label { (lang.t(f.label)) }
                    // A no-break space keeps the unit with its number.
                    div.value { (lang.number(f.value, f.decimals)) "\u{a0}" (f.unit) }
                    div.meta {
                        (f.year)
                        @if let Some((change, key)) = f.change {
                            " · " (signed(lang, change)) " % " (lang.t(key))
                        }
                        @if let Some(note) = &f.note { " · " (note) }
                    }
                    (layout::source_line(&f.provenance, &ask.link(&format!("/indicators/{}", f.indicator)), lang))
                }
            }
        }
        @if let Some((svg, provenance)) = &map {
            h2 { (lang.t("home.map_title")) }
            (layout::figure(svg, None, lang))
            (layout::source_line(provenance, &ask.link("/indicators/sipri.milex"), lang))
            p.source { (lang.t("map.disputed")) }
        }
    };
    let json = json!({
        "figures": figures.iter().map(|f| json!({
            "id": f.label.trim_start_matches("home."),
            "label": lang.t(f.label),
            "indicator": f.indicator,
            "year": f.year,
            "value": f.value,
            "unit": f.unit,
            "change_pct": f.change.map(|(c, _)| c),
            "note": f.note,
            "provenance": f.provenance,
            "sources": f.sources,
        })).collect::<Vec<_>>(),
    });
    Ok(Page {
        title: lang.t("home.title").to_owned(),
        body,
        json,
        table: None,
        svg: map.map(|(svg, _)| svg),
    })
}

/// A change with its sign: "+6.8", "−0.6" (a real minus sign, U+2212).
fn signed(lang: Lang, value: f64) -> String {
    let sign = if value > 0.0 {
        "+"
    } else if value < 0.0 {
        "\u{2212}"
    } else {
        ""
    };
    format!("{sign}{}", lang.number(value.abs(), 1))
}

/// The latest row of `rows` that `keep` accepts.
fn latest(rows: &[Row], keep: impl Fn(&Row) -> bool) -> Option<&Row> {
    rows.iter()
        .filter(|r| keep(r))
        .max_by_key(|r| r.get("year").and_then(|y| y.as_i64()))
}

fn figure(computed: &Rows, row: &Row, label: &'static str, value: f64) -> Figure {
    Figure {
        label,
        indicator: computed.computed.indicator.id,
        year: row.get("year").and_then(|y| y.as_i64()).unwrap_or_default(),
        value,
        decimals: 0,
        unit: "",
        change: None,
        note: None,
        provenance: pages::provenance(&computed.computed),
        sources: json!(computed.computed.sources),
    }
}

async fn deaths(site: &Site, lang: Lang) -> Result<Option<Figure>, WebError> {
    let Some(rows) = pages::compute(site, "ucdp.deaths").await? else {
        return Ok(None);
    };
    let Some(row) = latest(&rows.rows, |r| {
        text(r, "level") == "world" && text(r, "type") == "all"
    }) else {
        return Ok(None);
    };
    let countries: std::collections::BTreeSet<&str> = rows
        .rows
        .iter()
        .filter(|r| text(r, "level") == "country")
        .map(|r| text(r, "iso3"))
        .collect();
    let mut f = figure(
        &rows,
        row,
        "home.deaths",
        num(row, "best").unwrap_or_default(),
    );
    f.change = num(row, "best_change_pct").map(|c| (c, "home.change"));
    f.note = Some(format!("{} {}", countries.len(), lang.t("home.coverage")));
    Ok(Some(f))
}

async fn conflicts(site: &Site) -> Result<Option<Figure>, WebError> {
    let Some(rows) = pages::compute(site, "ucdp.conflicts.active").await? else {
        return Ok(None);
    };
    let Some(row) = latest(&rows.rows, |r| {
        text(r, "region") == "World"
            && text(r, "basis") == "acd"
            && text(r, "measure") == "active_conflicts"
            && text(r, "type") == "state-based"
    }) else {
        return Ok(None);
    };
    Ok(Some(figure(
        &rows,
        row,
        "home.conflicts",
        num(row, "value").unwrap_or_default(),
    )))
}

async fn displaced(site: &Site) -> Result<Option<Figure>, WebError> {
    let Some(rows) = pages::compute(site, "unhcr.displacement").await? else {
        return Ok(None);
    };
    let Some(row) = latest(&rows.rows, |r| text(r, "perspective") == "world") else {
        return Ok(None);
    };
    let mut f = figure(
        &rows,
        row,
        "home.displaced",
        num(row, "forcibly_displaced").unwrap_or_default() / 1e6,
    );
    f.decimals = 1;
    f.unit = "M";
    Ok(Some(f))
}

async fn milex(site: &Site) -> Result<Option<Figure>, WebError> {
    let Some(rows) = pages::compute(site, "sipri.milex.regional").await? else {
        return Ok(None);
    };
    let Some(row) = latest(&rows.rows, |r| {
        text(r, "region") == "World" && num(r, "current_usd_m").is_some()
    }) else {
        return Ok(None);
    };
    let mut f = figure(
        &rows,
        row,
        "home.milex",
        num(row, "current_usd_m").unwrap_or_default() / 1e3,
    );
    f.decimals = 1;
    f.unit = "bn US$";
    f.change = num(row, "real_change_pct").map(|c| (c, "home.real_change"));
    Ok(Some(f))
}

/// Military expenditure as a share of GDP, latest year with data: the map of the home page.
async fn milex_map(site: &Site, ask: &Ask) -> Result<Option<(String, String)>, WebError> {
    let Some(world) = &site.world else {
        return Ok(None);
    };
    let Some(rows) = pages::compute(site, "sipri.milex").await? else {
        return Ok(None);
    };
    let Some(year) = latest(&rows.rows, |r| num(r, "share_of_gdp_pct").is_some())
        .and_then(|r| r.get("year")?.as_i64())
    else {
        return Ok(None);
    };
    let values: HashMap<String, f64> = rows
        .rows
        .iter()
        .filter(|r| r.get("year").and_then(|y| y.as_i64()) == Some(year))
        .filter_map(|r| Some((text(r, "iso3").to_owned(), num(r, "share_of_gdp_pct")?)))
        .filter(|(iso3, _)| !iso3.is_empty())
        .collect();
    let provenance = format!("{} ({year})", pages::provenance(&rows.computed));
    let title = format!("{} {year}", ask.lang.t("home.map_title"));
    let href = |iso3: &str| ask.link(&format!("/countries/{iso3}"));
    let svg = eirene_charts::choropleth(
        world,
        &eirene_charts::Choropleth {
            title: &title,
            unit: ask.lang.t("unit.pct_gdp"),
            source: &provenance,
            values: &values,
            href: &href,
            no_data: ask.lang.t("no_data"),
            locale: ask.lang.locale(),
            classes: 5,
        },
    );
    Ok(Some((svg, provenance)))
}
