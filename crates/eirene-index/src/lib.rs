//! An open, ACLED-style conflict index: four indicators of political violence per country over
//! a 12-month window, ranked, combined into one score and cut into four levels.
//!
//! ACLED's Conflict Index rates countries on deadliness, danger to civilians, geographic
//! diffusion and armed-group fragmentation, and puts about 50 of them in its extreme, high and
//! turbulent levels; it does not publish how the indicators are scaled, weighted or cut. This
//! crate computes an index in the same spirit with every choice written down and
//! configurable ([`Options`]). Its output is "an ACLED-style index, Eirene method"
//! ([`METHOD`]): never present it as the ACLED Conflict Index. It reads a user's own ACLED
//! export or UCDP GED alike, as [`Event`]s.
//!
//! # Indicators
//!
//! Over the political-violence events of each country:
//!
//! - **deadliness**: the sum of reported fatalities;
//! - **danger to civilians**: the number of events targeting civilians;
//! - **diffusion**: the share, 0–100, of the country's populated 10 km × 10 km cells (cells
//!   with fewer than 100 people left out) with at least 10 events. The cells are squares of
//!   an equal-area plane ([`equal_area_km`]), so each covers 100 km² wherever it lies; their
//!   people come from a population raster read in bands, and each cell belongs to the country
//!   holding most of its people. Without a raster diffusion is not computed, the index uses
//!   the other three, and [`Ranking::diffusion_computed`] says so;
//! - **fragmentation**: the number of distinct non-state armed groups (names compared trimmed
//!   and case-blind).
//!
//! # Ranking
//!
//! The countries with any political-violence event are ranked on each indicator (1 = highest;
//! ties share the mean of their ranks), each rank becomes a percentile score from 1 (first)
//! to 0 (last), and the combined score is the weighted mean of a country's scores (equal
//! weights by default). Countries are ranked by combined score, ties broken by deadliness and
//! then by code, so the same events always give the same ranking. The first 10 are extreme,
//! the next 15 high, the next 25 turbulent, and every other country low/inactive, including
//! those whose events were all of other kinds (protests, strategic developments).
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use eirene_index::{Event, Level, Options, conflict_index};
//!
//! let clash = Event {
//!     iso3: "AAA".to_owned(),
//!     date: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
//!     lat: 12.0,
//!     lon: 30.0,
//!     fatalities: 4.0,
//!     political_violence: true,
//!     targets_civilians: false,
//!     non_state_actors: vec!["Group X".to_owned()],
//! };
//! let protest = Event {
//!     iso3: "BBB".to_owned(),
//!     fatalities: 0.0,
//!     political_violence: false,
//!     non_state_actors: Vec::new(),
//!     ..clash.clone()
//! };
//! let ranking = conflict_index(&[clash, protest], None, &Options::default())?;
//! assert!(!ranking.diffusion_computed);
//! let first = &ranking.countries[0];
//! assert_eq!((first.iso3.as_str(), first.rank, first.level), ("AAA", Some(1), Level::Extreme));
//! assert_eq!(ranking.countries[1].level, Level::LowInactive);
//! # Ok::<(), eirene_index::IndexError>(())
//! ```
//!
//! With diffusion, pass `Some(Population { source: &mut raster, countries: &map })`, where
//! `raster` is an `eirene_spatial::GeoTiff` (WorldPop, GHSL) and `map` a `CountryRaster` of
//! the Natural Earth countries.

mod cells;
mod diffusion;
mod indicators;
mod options;
mod ranking;

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

use eirene_spatial::{CountryRaster, RasterError, RowSource};
use serde::Serialize;

pub use cells::{AUTHALIC_RADIUS_KM, equal_area_km};
pub use indicators::{Event, Period};
pub use options::{Level, Options, PerIndicator};
pub use ranking::CountryIndex;

use diffusion::CellCounts;
use ranking::Measured;

/// What the index calls itself, in every output: ACLED's method is not published, so this is
/// not ACLED's index.
pub const METHOD: &str = "ACLED-style index, Eirene method";

/// The population diffusion is measured against.
pub struct Population<'a> {
    /// People per cell on a longitude/latitude grid (WorldPop, GHSL), read once, band by band.
    /// It should be finer than the cells (a 1 km raster for 10 km cells): each raster cell's
    /// people go to the cell holding its centre.
    pub source: &'a mut dyn RowSource,
    /// The countries the raster's cells are assigned to; their codes are matched to the
    /// events' after trimming and upper-casing.
    pub countries: &'a CountryRaster,
}

/// The index for one window of events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// Always [`METHOD`], so that the output names its method wherever it travels.
    pub method: &'static str,
    /// The options it was computed with.
    pub options: Options,
    /// Whether diffusion was computed (a population raster was given); when not, the combined
    /// score averages the other three indicators.
    pub diffusion_computed: bool,
    /// First and last dates of the political-violence events; None without any.
    pub period: Option<Period>,
    /// Every country named by an event: the ranked ones by rank, then those without political
    /// violence by code. Countries with no event at all are not listed; they are low/inactive.
    pub countries: Vec<CountryIndex>,
}

/// Why the index could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// An event that cannot be counted.
    #[error("event {index}: {reason}")]
    Event {
        /// Its position in the list, from 0.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Options that cannot give a ranking.
    #[error("options: {0}")]
    Options(String),
    /// The population raster could not be read.
    #[error(transparent)]
    Raster(#[from] RasterError),
    /// A row source broke its contract (bands out of order, missing rows).
    #[error("row source: {0}")]
    Source(String),
}

/// The end of the annual edition's window (December to November) for data ending on `last`:
/// the last 30 November on or before it.
pub fn annual_window_end(last: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let november =
        |year| chrono::NaiveDate::from_ymd_opt(year, 11, 30).expect("30 November exists");
    if last >= november(last.year()) {
        november(last.year())
    } else {
        november(last.year() - 1)
    }
}

/// The index of `events` (already filtered to the 12-month window), with diffusion when a
/// `population` raster is given (read to its end), computed as `options` say.
///
/// Every event is checked, whatever its kind: one without a country code, off the globe, or
/// with fatalities that are negative or not a number is an error, not skipped.
pub fn conflict_index(
    events: &[Event],
    population: Option<Population<'_>>,
    options: &Options,
) -> Result<Ranking, IndexError> {
    options.check(population.is_some())?;
    indicators::check(events)?;
    let diffusion = match population {
        Some(Population { source, countries }) => {
            let per_cell = diffusion::events_per_cell(events, options.cell_km);
            Some(diffusion::cell_counts(
                source, countries, &per_cell, options,
            )?)
        }
        None => None,
    };
    let measured = indicators::tally(events)
        .into_iter()
        .map(|(iso3, tally)| Measured {
            diffusion: diffusion
                .as_ref()
                .and_then(|cells| cells.get(&iso3))
                .and_then(CellCounts::share),
            iso3,
            tally,
        })
        .collect();
    Ok(Ranking {
        method: METHOD,
        options: options.clone(),
        diffusion_computed: diffusion.is_some(),
        period: indicators::period(events),
        countries: ranking::rank(measured, options),
    })
}
