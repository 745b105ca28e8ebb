//! Country pages: `/countries` and `/countries/{ISO3}`: deaths by type of violence over time,
//! armed conflicts, the population exposed to organised violence (with a population raster),
//! military expenditure, displacement from and to the country, its treaty status with gaps,
//! and the sources of each.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use eirene_charts::{Chart, Series};
use eirene_ingest::countries::CountryIndex;
use eirene_treaties::{states, status};
use maud::{Markup, html};
use serde_json::json;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::layout;
use crate::pages::{self, Row, exposure, num, text};
use crate::respond::{Ask, Page, Table, answer};
use crate::state::Site;

/// A country's name in the reader's language.
pub fn country_name(index: &CountryIndex, iso3: &str, lang: Lang) -> String {
    index
        .name(iso3, lang == Lang::Fr)
        .unwrap_or(iso3)
        .to_owned()
}

fn index() -> Result<CountryIndex, WebError> {
    CountryIndex::builtin().map_err(|e| WebError::Internal(e.to_string()))
}

/// `/countries`: every state of the "all States" list.
#[utoipa::path(get, path = "/countries.json", tag = "countries",
    responses((status = 200, description = "Every state: ISO 3166 alpha-3 code, name, URL", content_type = "application/json")))]
pub async fn list(ask: Ask) -> Response {
    answer(&ask, list_page(&ask))
}

fn list_page(ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let index = index()?;
    let mut countries: Vec<(String, String)> = states::builtin()
        .iter()
        .map(|s| (s.iso3.clone(), country_name(&index, &s.iso3, lang)))
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    let body = html! {
        h1 { (lang.t("countries.title")) }
        ul.columns {
            @for (iso3, name) in &countries {
                li { a href=(ask.link(&format!("/countries/{iso3}"))) { (name) } " " small { (iso3) } }
            }
        }
    };
    let json = json!(countries.iter().map(|(iso3, name)| json!({"iso3": iso3, "name": name, "url": format!("/countries/{iso3}")})).collect::<Vec<_>>());
    let table = Table {
        columns: vec!["iso3".into(), "name".into()],
        rows: countries
            .iter()
            .map(|(iso3, name)| vec![iso3.clone(), name.clone()])
            .collect(),
    };
    Ok(Page {
        title: lang.t("countries.title").to_owned(),
        body,
        json,
        table: Some(table),
        svg: None,
    })
}

/// `/countries/{ISO3}` and its `.json` and `.csv` twins.
#[utoipa::path(get, path = "/countries/{iso3}.json", tag = "countries",
    params(("iso3" = String, Path, description = "ISO 3166 alpha-3 code", example = "FRA")),
    responses(
        (status = 200, description = "Deaths by type, armed conflicts, military expenditure, displacement, treaty status, with provenance; `exposure`: the people living within 5 km of an organised-violence event (UCDP GED) in the conflict index's default window, counted on the server's population raster (`radius_km`, `window`, `source` with version and digests, `events`, `population_file`, `population`, `exposed`, `share`, `provenance`), or null with `exposure_reason` when the server has no population raster or UCDP GED is not synced", content_type = "application/json"),
        (status = 404, description = "Not an ISO 3166 alpha-3 code of the country reference"),
    ))]
pub async fn handler(State(site): State<Arc<Site>>, Path(_): Path<String>, ask: Ask) -> Response {
    answer(&ask, page(&site, &ask).await)
}

/// The columns of a country page's CSV: its treaty table.
const TREATY_COLUMNS: [&str; 8] = [
    "treaty",
    "status",
    "withdrawal_pending",
    "signed",
    "consent_deposited",
    "in_force_for_state",
    "basis",
    "source",
];

/// A chart and the rows and provenance behind it.
struct Section {
    title: String,
    svg: Option<String>,
    provenance: Option<String>,
    indicator: &'static str,
    rows: Vec<Row>,
}

async fn page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let iso3 = ask.path.trim_start_matches("/countries/");
    let index = index()?;
    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(WebError::NotFound(format!(
            "`{iso3}` is not an ISO 3166 alpha-3 code (three capital letters, e.g. FRA)"
        )));
    }
    if !index.knows(iso3) {
        return Err(WebError::NotFound(format!(
            "no country with ISO 3166 alpha-3 code {iso3}"
        )));
    }
    let name = country_name(&index, iso3, lang);
    // Violence first, then the people exposed to it, then the rest.
    let violence = [
        deaths(site, iso3, lang).await?,
        conflicts(site, iso3, lang).await?,
    ];
    let exposure = exposure::section(&exposure::every_country(site).await?, iso3, lang);
    let others = [
        milex(site, iso3, lang, "constant_usd_m", "countries.milex").await?,
        milex(site, iso3, lang, "share_of_gdp_pct", "countries.milex_gdp").await?,
        displacement(site, iso3, lang).await?,
    ];
    let treaties = treaty_rows(site, iso3).await?;
    let body = html! {
        h1 { (name) " " small { (iso3) } }
        @for s in &violence { (chart_section(s, ask)) }
        (exposure.html)
        @for s in &others { (chart_section(s, ask)) }
        h2 { (lang.t("countries.treaties")) }
        (treaty_table(&treaties, ask))
    };
    let json = json!({
        "iso3": iso3,
        "name": name,
        "sections": violence.iter().chain(&others).map(|s| json!({
            "title": s.title,
            "indicator": s.indicator,
            "provenance": s.provenance,
            "rows": s.rows,
        })).collect::<Vec<_>>(),
        "exposure": exposure.json,
        "exposure_reason": exposure.reason,
        "treaties": treaties,
    });
    let table = Table {
        columns: TREATY_COLUMNS.map(String::from).to_vec(),
        rows: treaties
            .iter()
            .map(|t| {
                TREATY_COLUMNS
                    .iter()
                    .map(|k| match &t[*k] {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Null => String::new(),
                        v => v.to_string(),
                    })
                    .collect()
            })
            .collect(),
    };
    Ok(Page {
        title: name,
        body,
        json,
        table: Some(table),
        svg: None,
    })
}

/// A section's heading, chart and source line, or a line saying there is no data.
fn chart_section(s: &Section, ask: &Ask) -> Markup {
    let lang = ask.lang;
    html! {
        h2 { (s.title) }
        @match &s.svg {
            Some(svg) => {
                (layout::figure(svg, None, lang))
                @if let Some(p) = &s.provenance { (layout::source_line(p, &ask.link(&format!("/indicators/{}", s.indicator)), lang)) }
            }
            None => p { (lang.t("countries.no_data")) }
        }
    }
}

fn chart(
    title: &str,
    unit: &str,
    provenance: &str,
    lang: Lang,
    series: Vec<Series>,
    stacked: bool,
) -> Option<String> {
    if series
        .iter()
        .all(|s| s.points.iter().all(|(_, y)| y.is_nan()))
    {
        return None;
    }
    let chart = Chart {
        title,
        x_label: lang.t("year"),
        unit,
        source: provenance,
        locale: lang.locale(),
        series: &series,
    };
    Some(if stacked {
        eirene_charts::stacked_area_chart(&chart)
    } else {
        eirene_charts::line_chart(&chart)
    })
}

/// Points (year, value) of a measure, grouped by a column.
fn grouped(rows: &[Row], by: &str, measure: &str) -> Vec<Series> {
    let mut groups: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for row in rows {
        if let Some(year) = row.get("year").and_then(|y| y.as_f64()) {
            // A missing value is a gap in the line, not a straight line over the missing years.
            let value = num(row, measure).unwrap_or(f64::NAN);
            groups
                .entry(text(row, by).to_owned())
                .or_default()
                .push((year, value));
        }
    }
    groups
        .into_iter()
        .map(|(name, points)| Series { name, points })
        .collect()
}

/// A section of the page: the indicator's rows of this country.
async fn section(
    site: &Site,
    id: &'static str,
    iso3: &str,
    title: String,
) -> Result<(Section, Option<Vec<Row>>), WebError> {
    let computed = pages::compute(site, id).await?;
    let section = Section {
        title,
        svg: None,
        provenance: computed.as_ref().map(|c| pages::provenance(&c.computed)),
        indicator: id,
        rows: Vec::new(),
    };
    let rows = computed.map(|c| {
        c.rows
            .iter()
            .filter(|r| text(r, "iso3") == iso3)
            .cloned()
            .collect()
    });
    Ok((section, rows))
}

async fn deaths(site: &Site, iso3: &str, lang: Lang) -> Result<Section, WebError> {
    let title = lang.t("countries.deaths").to_owned();
    let (mut section, computed) = section(site, "ucdp.deaths", iso3, title).await?;
    if let Some(rows) = computed {
        let rows: Vec<Row> = rows
            .into_iter()
            .filter(|r| text(r, "level") == "country" && text(r, "type") != "all")
            .collect();
        let mut series = grouped(&rows, "type", "best");
        for s in &mut series {
            s.name = lang.t(&format!("violence.{}", s.name)).to_owned();
        }
        let provenance = section.provenance.clone().unwrap_or_default();
        let unit = lang.t("unit.deaths");
        section.svg = chart(&section.title, unit, &provenance, lang, series, true);
        section.rows = rows;
    }
    Ok(section)
}

async fn conflicts(site: &Site, iso3: &str, lang: Lang) -> Result<Section, WebError> {
    let title = lang.t("countries.conflicts").to_owned();
    let (mut section, computed) = section(site, "ucdp.conflicts.territory", iso3, title).await?;
    if let Some(rows) = computed {
        let series = ["conflicts", "wars"]
            .map(|measure| Series {
                name: lang.t(&format!("countries.{measure}")).to_owned(),
                points: rows
                    .iter()
                    .filter_map(|r| Some((r.get("year")?.as_f64()?, num(r, measure)?)))
                    .collect(),
            })
            .to_vec();
        let provenance = section.provenance.clone().unwrap_or_default();
        if !rows.is_empty() {
            let chart = Chart {
                title: &section.title,
                x_label: lang.t("year"),
                unit: lang.t("unit.conflicts"),
                source: &provenance,
                locale: lang.locale(),
                series: &series,
            };
            section.svg = Some(eirene_charts::bar_chart(&chart));
        }
        section.rows = rows;
    }
    Ok(section)
}

async fn milex(
    site: &Site,
    iso3: &str,
    lang: Lang,
    measure: &str,
    title: &str,
) -> Result<Section, WebError> {
    let (mut section, computed) =
        section(site, "sipri.milex", iso3, lang.t(title).to_owned()).await?;
    if let Some(rows) = computed {
        let unit = lang.t(if measure == "share_of_gdp_pct" {
            "unit.pct_gdp"
        } else {
            "unit.usd_m_constant"
        });
        let provenance = section.provenance.clone().unwrap_or_default();
        // Years without a value stay in the series as gaps.
        let series = grouped(&rows, "iso3", measure);
        section.svg = chart(&section.title, unit, &provenance, lang, series, false);
        section.rows = rows
            .into_iter()
            .filter(|r| num(r, measure).is_some())
            .collect();
    }
    Ok(section)
}

async fn displacement(site: &Site, iso3: &str, lang: Lang) -> Result<Section, WebError> {
    let (mut section, computed) = section(
        site,
        "unhcr.displacement",
        iso3,
        lang.t("countries.displacement").to_owned(),
    )
    .await?;
    if let Some(rows) = computed {
        let rows: Vec<Row> = rows
            .into_iter()
            .filter(|r| num(r, "forcibly_displaced").is_some())
            .collect();
        let mut series = grouped(&rows, "perspective", "forcibly_displaced");
        for s in &mut series {
            s.name = match s.name.as_str() {
                "origin" => lang.t("countries.from").to_owned(),
                "asylum" => lang.t("countries.in").to_owned(),
                other => other.to_owned(),
            };
        }
        let provenance = section.provenance.clone().unwrap_or_default();
        section.svg = chart(
            &section.title,
            lang.t("unit.people"),
            &provenance,
            lang,
            series,
            false,
        );
        section.rows = rows;
    }
    Ok(section)
}

/// The state's status under every treaty today, as JSON rows.
async fn treaty_rows(site: &Site, iso3: &str) -> Result<Vec<serde_json::Value>, WebError> {
    let today = chrono::Local::now().date_naive();
    let standing = pages::treaties::standing(site, today).await?;
    Ok(standing
        .iter()
        .map(|(treaty, evaluation)| {
            let state = evaluation
                .states
                .iter()
                .find(|s| s.state == iso3)
                .cloned()
                .unwrap_or_else(|| status::state_status(treaty, iso3, [], today));
            json!({
                "treaty": treaty.id,
                "acronym": treaty.acronym,
                "status": state.status,
                "withdrawal_pending": state.withdrawal_pending(),
                "signed": state.signed,
                "consent_deposited": state.consent_deposited,
                "in_force_for_state": state.in_force_for_state,
                "basis": match evaluation.basis { status::Basis::Actions => "actions", status::Basis::ReportedStatus { .. } => "reported_status", status::Basis::NoRecords => "no_records" },
                "source": state.source.map(|s| s.to_string()),
            })
        })
        .collect())
}

fn treaty_table(rows: &[serde_json::Value], ask: &Ask) -> Markup {
    let lang = ask.lang;
    html! {
        table {
            thead { tr { th { (lang.t("nav.treaties")) } th { (lang.t("treaties.status")) } th { (lang.t("treaties.basis")) } th { (lang.t("source")) } } }
            tbody {
                @for row in rows {
                    @let status = row["status"].as_str().unwrap_or_default();
                    @let basis = row["basis"].as_str().unwrap_or_default();
                    @let gap = basis != "no_records" && matches!(status, "outside" | "signatory" | "withdrawn");
                    tr {
                        td { a href=(ask.link(&format!("/treaties/{}", row["treaty"].as_str().unwrap_or_default()))) { (row["acronym"].as_str().unwrap_or_default()) } }
                        td class=(format!("status-{status}")) {
                            @if basis == "no_records" { "—" } @else { (lang.t(&format!("status.{status}"))) }
                            @if gap { " " span.gap { "(" (lang.t("countries.gaps")) ")" } }
                        }
                        td { (basis) }
                        td.source { (row["source"].as_str().unwrap_or_default()) }
                    }
                }
            }
        }
    }
}
