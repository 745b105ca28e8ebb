//! Population exposure on the country pages: the people living within 5 km of an event of
//! organised violence (UCDP GED) in the twelve months of the conflict index's window, counted on
//! the population raster the server was started with (`eirene serve --population FILE`).
//!
//! Every country's figures come from one pass over the raster (`eirene_spatial::exposure`),
//! made when the first country page of a snapshot of the data asks and kept for the others: a
//! global raster takes seconds to read, a country page must not. The window is the conflict
//! index's default (December to November, ending on the last 30 November with data), so a
//! country's exposure and its index describe the same twelve months.

use std::sync::Arc;

use eirene_indicators::events::{EventSource, Window};
use eirene_indicators::{IndicatorError, SourceVintage};
use eirene_sources::SourceId;
use eirene_spatial::Counts;
use eirene_store::Sql;
use maud::{Markup, html};
use serde::Serialize;
use serde_json::Value;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::pages;
use crate::state::Site;

/// The buffer around each event, in km: the widest of the radii ACLED reports exposure for
/// (1, 2 and 5 km), and the default of `eirene exposure`, so the command line gives the same
/// figures.
pub const RADIUS_KM: f64 = 5.0;

/// Every country's exposure, and what it was computed from.
pub struct Figures {
    window: Window,
    source: SourceVintage,
    events: usize,
    population_file: String,
    result: eirene_spatial::Exposure,
}

/// Why there are no exposure figures.
#[derive(Debug, Clone, Copy)]
pub enum Missing {
    /// The server was started without a population raster.
    NoRaster,
    /// UCDP GED is not in the store.
    NotSynced,
}

impl Missing {
    /// The catalogue key of the sentence saying why, and how to get the figures.
    fn key(self) -> &'static str {
        match self {
            Missing::NoRaster => "exposure.no_raster",
            Missing::NotSynced => "not_synced",
        }
    }
}

/// The exposure figures of a snapshot of the data, or why there are none.
pub type Exposed = Result<Arc<Figures>, Missing>;

/// Every country's exposure over the current data, computed once per snapshot.
pub async fn every_country(site: &Site) -> Result<Exposed, WebError> {
    let snapshot = site.snapshot().await?;
    snapshot
        .exposure
        .get_or_try_init(|| compute(site, &snapshot.sql))
        .await
        .cloned()
}

/// Reads the window's events, then counts every country's people in one pass over the raster.
async fn compute(site: &Site, sql: &Sql) -> Result<Exposed, WebError> {
    let Some(raster) = &site.population else {
        return Ok(Err(Missing::NoRaster));
    };
    let source = match eirene_indicators::vintage(&site.store, SourceId::UcdpGed, "exposure") {
        Ok(source) => source,
        Err(IndicatorError::MissingSource { .. }) => return Ok(Err(Missing::NotSynced)),
        Err(other) => return Err(other.into()),
    };
    let events = EventSource::ucdp();
    let window = Window::ending(eirene_index::annual_window_end(
        events.last_date(sql).await?,
    ));
    let points = events.points(sql, &window).await?;
    let count = points.len();
    let result = raster
        .read(move |population, countries| {
            eirene_spatial::exposure(population, &points, RADIUS_KM, Some(countries))
                .map_err(|e| WebError::Internal(format!("population exposure: {e}")))
        })
        .await?;
    Ok(Ok(Arc::new(Figures {
        window,
        source,
        events: count,
        population_file: raster.file_name(),
        result,
    })))
}

/// One country's exposure as its page shows it and the JSON twin carries it.
#[derive(Serialize)]
struct CountryFigures<'a> {
    radius_km: f64,
    window: Window,
    /// The events' source: id, version, digests, citation, licence.
    source: &'a SourceVintage,
    /// Events in the window, worldwide.
    events: usize,
    population_file: &'a str,
    /// People the raster places in the country.
    population: f64,
    exposed: f64,
    /// `exposed / population`, 0 to 1; null where the raster places nobody in the country.
    share: Option<f64>,
    /// Source, raster, radius and method in one line, as the page prints it.
    provenance: String,
}

impl Figures {
    /// The figures of the country `iso3`: the people the raster places in its polygons (none
    /// when the raster does not cover it, or the map's boundaries are too coarse to hold it).
    fn country(&self, iso3: &str, lang: Lang) -> CountryFigures<'_> {
        let counts = self
            .result
            .countries
            .iter()
            .filter(|c| c.iso3 == iso3)
            .fold(Counts::default(), |sum, c| Counts {
                population: sum.population + c.counts.population,
                exposed: sum.exposed + c.counts.exposed,
            });
        let provenance = format!(
            "{} ({} {}) · {} {} · {} {} km · {}",
            pages::vintage_text(&self.source),
            lang.number(self.events as f64, 0),
            lang.t("index.events"),
            lang.t("exposure.raster"),
            self.population_file,
            lang.t("exposure.radius"),
            lang.number(RADIUS_KM, 0),
            lang.t("exposure.method"),
        );
        CountryFigures {
            radius_km: RADIUS_KM,
            window: self.window,
            source: &self.source,
            events: self.events,
            population_file: &self.population_file,
            population: counts.population,
            exposed: counts.exposed,
            share: counts.share(),
            provenance,
        }
    }
}

/// The exposure section of a country page.
pub struct Section {
    /// The heading and the figures, or why there are none.
    pub html: Markup,
    /// The figures, or null.
    pub json: Value,
    /// Why the figures are null.
    pub reason: Option<&'static str>,
}

/// The section of the country `iso3`.
pub fn section(exposed: &Exposed, iso3: &str, lang: Lang) -> Section {
    let title = lang.t("exposure.title");
    let figures = match exposed {
        Ok(figures) => figures.country(iso3, lang),
        Err(missing) => {
            let reason = lang.t(missing.key());
            return Section {
                html: html! { h2 { (title) } p { (reason) } },
                json: Value::Null,
                reason: Some(reason),
            };
        }
    };
    let html = html! {
        h2 { (title) }
        @match figures.share {
            Some(share) => { table {
                tr {
                    th { (lang.t("exposure.exposed")) " (" (lang.t("exposure.within")) " " (lang.number(RADIUS_KM, 0)) " km)" }
                    td.num { (lang.number(figures.exposed, 0)) }
                }
                tr { th { (lang.t("exposure.population")) } td.num { (lang.number(figures.population, 0)) } }
                tr { th { (lang.t("exposure.share")) } td.num { (lang.number(share * 100.0, 2)) "\u{a0}%" } }
                tr { th { (lang.t("exposure.window")) } td { (lang.date(figures.window.start)) " – " (lang.date(figures.window.end)) } }
            } }
            None => { p { (lang.t("exposure.not_covered")) } }
        }
        p.source { (lang.t("source")) ": " (figures.provenance) }
    };
    Section {
        html,
        json: serde_json::to_value(&figures).expect("exposure figures serialize"),
        reason: None,
    }
}
