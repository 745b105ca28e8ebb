//! The indicator explorer: `/indicators` and `/indicators/{id}` with a year (and type or measure)
//! → a world map, a ranked table, a time series for the world and regions, the method (definition
//! and SQL) and the sources, with CSV, JSON and SVG downloads.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use eirene_charts::{Chart, Series};
use eirene_indicators::Indicator;
use maud::html;
use serde_json::json;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::layout;
use crate::pages::{self, Row, num, text};
use crate::respond::{Ask, Page, Table, answer};
use crate::state::Site;

/// How an indicator is drawn: which rows and column make its map, and which its time series.
struct View {
    id: &'static str,
    /// Rows that are countries (column, value).
    country_rows: Option<(&'static str, &'static str)>,
    /// The measures a map can show; the first is the default.
    measures: &'static [&'static str],
    /// A column a reader picks a value of (`type` of violence), with its default.
    pick: Option<(&'static str, &'static str)>,
    /// Rows of the world/regions time series (column, values) and the column naming a series.
    series: Option<(&'static [(&'static str, &'static str)], &'static str)>,
}

const VIEWS: &[View] = &[
    View {
        id: "ucdp.deaths",
        country_rows: Some(("level", "country")),
        measures: &["best", "civilian_deaths", "events", "low", "high"],
        pick: Some(("type", "all")),
        series: Some((&[("type", "all")], "region")),
    },
    View {
        id: "ucdp.conflicts.active",
        country_rows: None,
        measures: &["value"],
        pick: None,
        series: Some((
            &[
                ("basis", "acd"),
                ("measure", "active_conflicts"),
                ("type", "state-based"),
            ],
            "region",
        )),
    },
    View {
        id: "ucdp.conflicts.territory",
        country_rows: Some(("iso3", "")),
        measures: &["conflicts", "wars", "internationalised"],
        pick: None,
        series: None,
    },
    View {
        id: "sdg16.civilian_deaths_rate",
        country_rows: Some(("level", "country")),
        measures: &["rate_per_100k", "civilian_deaths"],
        pick: None,
        series: Some((&[("level", "world")], "country")),
    },
    View {
        id: "sipri.milex.regional",
        country_rows: None,
        measures: &["constant_usd_m", "current_usd_m"],
        pick: None,
        series: Some((&[("level", "world")], "region")),
    },
    View {
        id: "sipri.milex",
        country_rows: Some(("iso3", "")),
        measures: &[
            "share_of_gdp_pct",
            "constant_usd_m",
            "current_usd_m",
            "per_capita_usd",
            "share_of_govt_spending_pct",
        ],
        pick: None,
        series: None,
    },
    View {
        id: "unhcr.displacement",
        country_rows: Some(("perspective", "origin")),
        measures: &[
            "forcibly_displaced",
            "refugees",
            "asylum_seekers",
            "idps",
            "stateless",
        ],
        pick: None,
        series: Some((&[("perspective", "world")], "country")),
    },
    View {
        id: "acled.event_types",
        country_rows: None,
        measures: &["events"],
        pick: None,
        series: None,
    },
];

fn view(id: &str) -> Option<&'static View> {
    VIEWS.iter().find(|v| v.id == id)
}

/// `/indicators`: the catalogue.
#[utoipa::path(get, path = "/indicators.json", tag = "evidence",
    responses((status = 200, description = "Every indicator: id, name, unit, sources", content_type = "application/json")))]
pub async fn list(ask: Ask) -> Response {
    let lang = ask.lang;
    let indicators: Vec<&Indicator> = eirene_indicators::catalogue().collect();
    let body = html! {
        h1 { (lang.t("indicators.title")) }
        table {
            thead { tr { th { "id" } th { (lang.t("indicators.title")) } th { "unit" } th { (lang.t("sources")) } } }
            tbody {
                @for i in &indicators {
                    tr {
                        td { a href=(ask.link(&format!("/indicators/{}", i.id))) { code { (i.id) } } }
                        td { (pages::name(i, lang)) }
                        td { (i.unit.get(lang.catalogue())) }
                        td { (i.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
    };
    let json = json!(
        indicators
            .iter()
            .map(|i| json!({
                "id": i.id,
                "name": pages::name(i, lang),
                "unit": i.unit.get(lang.catalogue()),
                "sources": i.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "url": format!("/indicators/{}", i.id),
            }))
            .collect::<Vec<_>>()
    );
    answer(
        &ask,
        Ok(Page {
            title: lang.t("indicators.title").to_owned(),
            body,
            json,
            table: None,
            svg: None,
        }),
    )
}

/// `/indicators/{id}` and its `.json`, `.csv`, `.svg` twins.
#[utoipa::path(get, path = "/indicators/{id}.json", tag = "evidence",
    params(
        ("id" = String, Path, description = "Indicator id, e.g. ucdp.deaths", example = "sipri.milex"),
        ("year" = Option<i32>, Query, description = "Year of the map and ranking (default: latest)"),
        ("measure" = Option<String>, Query, description = "Measure mapped (default: the indicator's first)"),
    ),
    responses(
        (status = 200, description = "Definition, provenance (sources, versions, sha256, SQL), ranking and rows", content_type = "application/json"),
        (status = 400, description = "A malformed parameter, named"),
        (status = 404, description = "Unknown indicator"),
    ))]
pub async fn handler(State(site): State<Arc<Site>>, Path(_): Path<String>, ask: Ask) -> Response {
    answer(&ask, page(&site, &ask).await)
}

async fn page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let id = ask.path.trim_start_matches("/indicators/");
    let indicator = eirene_indicators::find(id)
        .map_err(|_| WebError::NotFound(format!("unknown indicator {id}")))?;
    let view = view(indicator.id)
        .ok_or_else(|| WebError::Internal(format!("no view for {}", indicator.id)))?;
    let year: Option<i64> = ask.parsed("year", "a year")?;
    let measure = match ask.param("measure") {
        None => view.measures[0],
        Some(m) => *view.measures.iter().find(|x| **x == m).ok_or_else(|| {
            WebError::bad(
                "measure",
                format!(
                    "`{m}` is not a measure of {}: {}",
                    indicator.id,
                    view.measures.join(", ")
                ),
            )
        })?,
    };
    let picked = view
        .pick
        .map(|(column, default)| (column, ask.param(column).unwrap_or(default).to_owned()));
    let Some(computed) = pages::compute(site, indicator.id).await? else {
        let body = html! { h1 { (pages::name(indicator, lang)) } p { (lang.t("not_synced")) } };
        return Ok(Page {
            title: pages::name(indicator, lang).to_owned(),
            body,
            json: json!({"indicator": indicator.id, "rows": []}),
            table: None,
            svg: None,
        });
    };
    let rows = &computed.rows;
    let years = pages::years(rows);
    let year = match year {
        Some(y) if years.contains(&y) => Some(y),
        Some(y) => {
            return Err(WebError::bad(
                "year",
                format!(
                    "no data for {y}; years: {}–{}",
                    years.first().unwrap_or(&0),
                    years.last().unwrap_or(&0)
                ),
            ));
        }
        None => years.last().copied(),
    };
    let provenance = pages::provenance(&computed.computed);
    let choice = Choice {
        measure,
        picked: &picked,
        year,
    };
    let ranked = ranking(rows, view, &choice);
    let map = year
        .and(site.world.as_ref())
        .filter(|_| view.country_rows.is_some())
        .map(|world| world_map(world, ask, indicator, &choice, &ranked, &provenance));
    let series_svg = view.series.map(|(filters, by)| {
        series_chart(rows, filters, by, ask.lang, indicator, measure, &provenance)
    });
    // The CSV and JSON rows: one year when a year was asked for, else all.
    let asked_year = ask.param("year").and(year);
    let selected: Vec<&Row> = rows
        .iter()
        .filter(|r| asked_year.is_none() || r.get("year").and_then(|y| y.as_i64()) == asked_year)
        .collect();
    let table = table_of(&selected);
    let body = html! {
        h1 { (pages::name(indicator, lang)) }
        p { (indicator.definition.get(lang.catalogue())) }
        form.pick method="get" action=(ask.path) {
            @if ask.lang == Lang::Fr { input type="hidden" name="lang" value="fr"; }
            label { (lang.t("indicators.pick_year")) " "
                select name="year" { @for y in years.iter().rev() { option value=(y) selected[Some(*y) == year] { (y) } } }
            }
            @if view.measures.len() > 1 {
                label { "measure " select name="measure" { @for m in view.measures { option value=(m) selected[*m == measure] { (m) } } } }
            }
            @if let Some((column, value)) = &picked {
                label { (column) " " input name=(column) value=(value); }
            }
            button type="submit" { (lang.t("indicators.show")) }
        }
        @if let Some(svg) = &map {
            h2 { (lang.t("indicators.map")) }
            (layout::figure(svg, Some(&ask.twin("svg")), lang))
            p.source { (lang.t("map.disputed")) }
        }
        @if !ranked.is_empty() {
            h2 { (lang.t("indicators.ranked")) }
            table {
                thead { tr { th.num { (lang.t("rank")) } th { (lang.t("country")) } th.num { (measure) } } }
                tbody {
                    @for (rank, r) in ranked.iter().enumerate().take(50) {
                        tr { td.num { (rank + 1) } td { a href=(ask.link(&format!("/countries/{}", r.iso3))) { (r.country) } } td.num { (lang.number(r.value, 1)) } }
                    }
                }
            }
        }
        @if let Some(svg) = &series_svg {
            h2 { (lang.t("indicators.series")) }
            (layout::figure(svg, None, lang))
        }
        (layout::source_line(&provenance, "#method", lang))
        h2 #method { (lang.t("method")) }
        h3 { (lang.t("caveats")) }
        p { (indicator.caveats.get(lang.catalogue())) }
        h3 { (lang.t("sql")) }
        pre { code { (computed.computed.sql) } }
        h2 { (lang.t("sources")) }
        ul {
            @for s in &computed.computed.sources {
                li { (pages::source_title(s.id)) " " (s.version) " — " (s.citation) " (" (s.licence) ") sha256 " code { (s.sha256.join(", ")) } }
            }
        }
        p { (lang.t("downloads")) ": " a href=(ask.twin("csv")) { "CSV" } " · " a href=(ask.twin("json")) { "JSON" } }
    };
    let json = json!({
        "indicator": indicator.id,
        "name": pages::name(indicator, lang),
        "definition": indicator.definition.get(lang.catalogue()),
        "unit": indicator.unit.get(lang.catalogue()),
        "year": year,
        "measure": measure,
        "provenance": pages::provenance_json(&computed.computed),
        "ranking": ranked.iter().map(|r| json!({"iso3": r.iso3, "country": r.country, "value": r.value})).collect::<Vec<_>>(),
        "rows": selected,
    });
    Ok(Page {
        title: pages::name(indicator, lang).to_owned(),
        body,
        json,
        table: Some(table),
        svg: map.or(series_svg),
    })
}

/// What the reader chose: the measure, the picked value of a column (type of violence), the year.
struct Choice<'a> {
    measure: &'static str,
    picked: &'a Option<(&'static str, String)>,
    year: Option<i64>,
}

impl Choice<'_> {
    fn keeps(&self, row: &Row) -> bool {
        self.picked
            .as_ref()
            .is_none_or(|(column, value)| text(row, column) == value)
            && row.get("year").and_then(|y| y.as_i64()) == self.year
    }
}

/// A country's value in the ranking.
struct Ranked {
    iso3: String,
    country: String,
    value: f64,
}

/// The countries' values for the chosen year and measure, highest first.
fn ranking(rows: &[Row], view: &View, choice: &Choice) -> Vec<Ranked> {
    let Some((column, value)) = view.country_rows else {
        return Vec::new();
    };
    let mut ranked: Vec<Ranked> = rows
        .iter()
        .filter(|r| (value.is_empty() || text(r, column) == value) && choice.keeps(r))
        .filter(|r| !text(r, "iso3").is_empty())
        .filter_map(|r| {
            Some(Ranked {
                iso3: text(r, "iso3").to_owned(),
                country: text(r, "country").to_owned(),
                value: num(r, choice.measure)?,
            })
        })
        .collect();
    ranked.sort_by(|a, b| b.value.total_cmp(&a.value));
    ranked
}

/// The ranking as a world choropleth.
fn world_map(
    world: &eirene_charts::World,
    ask: &Ask,
    indicator: &Indicator,
    choice: &Choice,
    ranked: &[Ranked],
    provenance: &str,
) -> String {
    let lang = ask.lang;
    let values: HashMap<String, f64> = ranked.iter().map(|r| (r.iso3.clone(), r.value)).collect();
    let title = format!(
        "{} — {}, {}",
        pages::name(indicator, lang),
        choice.measure,
        choice.year.unwrap_or_default()
    );
    let href = |iso3: &str| ask.link(&format!("/countries/{iso3}"));
    eirene_charts::choropleth(
        world,
        &eirene_charts::Choropleth {
            title: &title,
            unit: indicator.unit.get(lang.catalogue()),
            source: provenance,
            values: &values,
            href: &href,
            no_data: lang.t("no_data"),
            locale: lang.locale(),
            classes: 5,
        },
    )
}

/// The world and regions over time: one line per value of `by`, rows chosen by `filters`.
fn series_chart(
    rows: &[Row],
    filters: &[(&str, &str)],
    by: &str,
    lang: Lang,
    indicator: &Indicator,
    measure: &str,
    provenance: &str,
) -> String {
    let mut series: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| filters.iter().all(|(c, v)| text(r, c) == *v))
    {
        if let Some(year) = row.get("year").and_then(|y| y.as_f64()) {
            let value = num(row, measure).unwrap_or(f64::NAN);
            series
                .entry(text(row, by).to_owned())
                .or_default()
                .push((year, value));
        }
    }
    let series: Vec<Series> = series
        .into_iter()
        .map(|(name, points)| Series { name, points })
        .collect();
    let title = format!(
        "{} — {}",
        pages::name(indicator, lang),
        lang.t("indicators.series")
    );
    eirene_charts::line_chart(&Chart {
        title: &title,
        x_label: lang.t("year"),
        unit: indicator.unit.get(lang.catalogue()),
        source: provenance,
        locale: lang.locale(),
        series: &series,
    })
}

/// Rows as a table, columns in the indicator's order.
fn table_of(rows: &[&Row]) -> Table {
    let columns: Vec<String> = rows
        .first()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default();
    let cell = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    Table {
        rows: rows
            .iter()
            .map(|r| columns.iter().map(|c| cell(r.get(c))).collect())
            .collect(),
        columns,
    }
}
