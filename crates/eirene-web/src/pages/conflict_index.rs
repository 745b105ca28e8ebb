//! `/conflict-index`: the ACLED-style conflict index, Eirene method, over 12 months of UCDP GED
//! events (or a user's ACLED export): a map of levels, the ranking with the four indicators, and
//! the method. Diffusion needs a population raster: with one (`eirene serve --population FILE`)
//! it is computed in one pass over the raster, on a blocking thread, and the ranking is kept per
//! snapshot of the data and window so that the page's languages and twins do not read the
//! raster again; without one it is left out, and the page and its JSON (`diffusion_computed`,
//! `population_file`) say so.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use eirene_charts::{Category, CategoryMap};
use eirene_index::{CountryIndex, Event, Level, Options, Population, Ranking};
use eirene_indicators::events::{EventSource, Window, check_synced, index_document};
use maud::html;
use serde_json::json;

use crate::error::WebError;
use crate::layout;
use crate::pages::countries::country_name;
use crate::respond::{Ask, Page, Table, answer};
use crate::state::Site;

/// The index of one window, kept per snapshot of the data.
pub struct Ranked {
    window: Window,
    /// The window's events, of every kind.
    events: usize,
    ranking: Ranking,
}

/// The levels in legend order.
const LEVELS: [Level; 4] = [
    Level::Extreme,
    Level::High,
    Level::Turbulent,
    Level::LowInactive,
];

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Extreme => "index.extreme",
        Level::High => "index.high",
        Level::Turbulent => "index.turbulent",
        Level::LowInactive => "index.low",
    }
}

/// `/conflict-index`, `.json`, `.csv`.
#[utoipa::path(get, path = "/conflict-index.json", tag = "evidence",
    params(
        ("window_end" = Option<String>, Query, description = "Last day of the 12-month window, YYYY-MM-DD (default: the last 30 November with data)"),
        ("source" = Option<String>, Query, description = "ucdp (default) or acled"),
    ),
    responses(
        (status = 200, description = "The ranking: per country the four indicators, their ranks, the combined score and the level; the window and the method. Diffusion is null unless the server has a population raster: `diffusion_computed` says whether it was computed, `population_file` from which raster", content_type = "application/json"),
        (status = 400, description = "A malformed parameter, named"),
    ))]
pub async fn handler(State(site): State<Arc<Site>>, ask: Ask) -> Response {
    answer(&ask, page(&site, &ask).await)
}

async fn page(site: &Site, ask: &Ask) -> Result<Page, WebError> {
    let lang = ask.lang;
    let title = lang.t("index.title").to_owned();
    let source = match ask.param("source") {
        None | Some("ucdp") => EventSource::ucdp(),
        Some("acled") => EventSource::acled(),
        Some(other) => {
            return Err(WebError::bad(
                "source",
                format!("`{other}` is not ucdp or acled"),
            ));
        }
    };
    let end: Option<NaiveDate> = ask.parsed("window_end", "a date (YYYY-MM-DD)")?;
    if check_synced(&site.store, &source).is_err() {
        let body = html! { h1 { (title) } p { (lang.t("not_synced")) } };
        return Ok(Page {
            title,
            body,
            json: json!({"countries": []}),
            table: None,
            svg: None,
        });
    }
    let computed = ranked(site, source, end).await?;
    let Ranked {
        window,
        events,
        ranking,
    } = computed.as_ref();
    let population_file = site
        .population
        .as_ref()
        .filter(|_| ranking.diffusion_computed)
        .map(|raster| raster.file_name());
    let index = eirene_ingest::countries::CountryIndex::builtin()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let ranked: Vec<(&CountryIndex, String)> = ranking
        .countries
        .iter()
        .filter(|c| c.rank.is_some())
        .map(|c| (c, country_name(&index, &c.iso3, lang)))
        .collect();
    let map = site.world.as_ref().map(|world| {
        let labels: Vec<&str> = LEVELS.iter().map(|l| lang.t(level_key(*l))).collect();
        let categories: Vec<Category> = labels.iter().map(|label| Category { label }).collect();
        let assignment: HashMap<String, usize> = ranked
            .iter()
            .filter_map(|(c, _)| Some((c.iso3.clone(), LEVELS.iter().position(|l| *l == c.level)?)))
            .collect();
        let href = |iso3: &str| ask.link(&format!("/countries/{iso3}"));
        let map_title = format!(
            "{title}, {} – {}",
            lang.date(window.start),
            lang.date(window.end)
        );
        eirene_charts::category_map(
            world,
            &CategoryMap {
                title: &map_title,
                source: &format!("{} · {}", source.id, ranking.method),
                categories: &categories,
                assignment: &assignment,
                href: &href,
                no_data: lang.t("no_data"),
                locale: lang.locale(),
            },
        )
    });
    let body = html! {
        h1 { (title) }
        p { (ranking.method) ". " (lang.t("index.intro")) }
        p.source { (lang.t("index.window")) " " (lang.date(window.start)) " – " (lang.date(window.end)) " · " (events) " " (lang.t("index.events")) " (" (source.id) ")" }
        p.source {
            @match &population_file {
                Some(file) => { (lang.t("index.diffusion_from")) " " (file) "." }
                None => { (lang.t("index.diffusion_missing")) }
            }
        }
        @if let Some(svg) = &map { (layout::figure(svg, None, lang)) p.source { (lang.t("map.disputed")) } }
        table {
            thead { tr {
                th.num { (lang.t("rank")) } th { (lang.t("country")) } th { (lang.t("index.level")) } th.num { (lang.t("index.score")) }
                th.num { (lang.t("index.deadliness")) } th.num { (lang.t("index.danger")) }
                @if ranking.diffusion_computed { th.num { (lang.t("index.diffusion")) } }
                th.num { (lang.t("index.fragmentation")) }
            } }
            tbody {
                @for (c, name) in &ranked {
                    tr {
                        td.num { (c.rank.unwrap_or_default()) }
                        td { a href=(ask.link(&format!("/countries/{}", c.iso3))) { (name) } }
                        td { (lang.t(level_key(c.level))) }
                        td.num { (lang.number(c.score, 2)) }
                        td.num { (lang.number(c.deadliness, 0)) }
                        td.num { (c.danger_to_civilians) }
                        @if ranking.diffusion_computed {
                            td.num { @match c.diffusion { Some(d) => { (lang.number(d, 1)) } None => { "—" } } }
                        }
                        td.num { (c.fragmentation) }
                    }
                }
            }
        }
        h2 { (lang.t("method")) }
        p { (lang.t("index.method")) }
    };
    let table = Table {
        columns: [
            "rank",
            "iso3",
            "country",
            "level",
            "score",
            "deadliness",
            "danger_to_civilians",
            "diffusion",
            "fragmentation",
        ]
        .map(String::from)
        .to_vec(),
        rows: ranked
            .iter()
            .map(|(c, name)| {
                vec![
                    c.rank.unwrap_or_default().to_string(),
                    c.iso3.clone(),
                    name.clone(),
                    serde_json::to_value(c.level)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    c.score.to_string(),
                    c.deadliness.to_string(),
                    c.danger_to_civilians.to_string(),
                    c.diffusion.map(|d| d.to_string()).unwrap_or_default(),
                    c.fragmentation.to_string(),
                ]
            })
            .collect(),
    };
    let json = index_document(
        ranking,
        window,
        &source,
        *events,
        population_file.as_deref(),
    );
    Ok(Page {
        title,
        body,
        json,
        table: Some(table),
        svg: map,
    })
}

/// The index of the window ending on `end` (default: the last 30 November with data), computed
/// once per snapshot of the data: with diffusion when the server has a population raster.
async fn ranked(
    site: &Site,
    source: EventSource,
    end: Option<NaiveDate>,
) -> Result<Arc<Ranked>, WebError> {
    let snapshot = site.snapshot().await?;
    let end = match end {
        Some(end) => end,
        None => eirene_index::annual_window_end(source.last_date(&snapshot.sql).await?),
    };
    let mut memo = snapshot.rankings.lock().await;
    if let Some(ranked) = memo.get(&(source.id, end)) {
        return Ok(ranked.clone());
    }
    let window = Window::ending(end);
    let events = source.index_events(&snapshot.sql, &window).await?;
    let count = events.len();
    let ranking = match &site.population {
        Some(raster) => {
            raster
                .read(move |raster, countries| {
                    compute(
                        &events,
                        Some(Population {
                            source: raster,
                            countries,
                        }),
                    )
                })
                .await?
        }
        None => compute(&events, None)?,
    };
    let ranked = Arc::new(Ranked {
        window,
        events: count,
        ranking,
    });
    memo.insert((source.id, end), ranked.clone());
    Ok(ranked)
}

/// The index with the published options.
fn compute(events: &[Event], population: Option<Population<'_>>) -> Result<Ranking, WebError> {
    eirene_index::conflict_index(events, population, &Options::default())
        .map_err(|e| WebError::Internal(format!("conflict index: {e}")))
}
