//! Population exposure to conflict: how many people live within a radius of any event.
//!
//! This is the kernel behind figures such as "1 in 8 people live within 5 km of a
//! political-violence event" (ACLED's conflict exposure: population within 1, 2 or 5 km of an
//! event in a 12-month window, divided by population). Given a population raster (WorldPop,
//! GHSL: people per cell on a longitude/latitude grid), event coordinates and a radius, it
//! counts the people in cells whose centre lies within the radius of at least one event, each
//! cell once however many buffers cover it, in total and per country.
//!
//! Why a crate of its own, without a GIS stack: a global 30″ raster has 933 million cells
//! (3.7 GB as 32-bit floats), so the work must stream, and the one geometric question it asks
//! (which longitudes of a parallel lie within R of a point) has a closed form that makes
//! buffering, union and overlay unnecessary.
//!
//! - [`raster`] reads rasters a band of rows at a time, never whole: [`GeoTiff`] (strips or
//!   tiles; 8- to 32-bit integers, 32- and 64-bit floats; uncompressed, DEFLATE or LZW),
//!   [`AsciiGrid`] (ESRI ASCII) and [`InMemory`], all behind the [`RowSource`] trait.
//! - [`countries`](mod@countries) rasterises Natural Earth polygons onto each row
//!   ([`CountryRaster`]), so people are counted per country, and people in no polygon are
//!   reported as unassigned, never dropped.
//! - [`exposure`](mod@exposure) computes the [`Exposure`].
//!
//! # The algorithm
//!
//! For each raster row, at cell-centre latitude φ, an event at (φₑ, λₑ) covers the longitudes
//! λₑ ± Δλ with cos Δλ = (cos(R/ρ) − sin φ sin φₑ) / (cos φ cos φₑ), ρ = 6,371.0088 km
//! (computed in the equivalent haversine form, which stays precise for R of 1 km). The whole
//! row is covered when the buffer contains a pole; none of it when the buffer does not reach
//! the row. Intervals crossing ±180° are wrapped, the row's intervals are merged (the union of
//! buffers), and the people in the covered cells are summed. Events are sorted by latitude
//! once, so a row only considers the events within R/ρ of its latitude.
//!
//! Cost: O(cells) to read and total the raster, plus O(rows × nearby events) to build the
//! intervals (times a log factor to sort them), plus O(covered cells) to sum the exposed
//! people. Memory: one band of rows (for a GeoTIFF, whole rows of strips or tiles). Both
//! halves of the work run on every core: a GeoTIFF's chunks are inflated in parallel, then
//! the band's rows are tallied in parallel and added in row order, so the result is the same
//! on any number of cores.
//!
//! # Example
//!
//! ```
//! use eirene_spatial::{Grid, InMemory, LatLon, exposure};
//!
//! // 0.01° cells (about 1.1 km) over 1° × 1° at the equator, 10 people in each.
//! let grid = Grid {
//!     west: 30.0,
//!     north: 1.0,
//!     cell_width: 0.01,
//!     cell_height: 0.01,
//!     width: 100,
//!     height: 100,
//!     nodata: None,
//! };
//! let mut source = InMemory::new(grid, vec![10.0; 100 * 100], 16)?;
//! let events = [LatLon { lat: 0.5, lon: 30.5 }, LatLon { lat: 0.51, lon: 30.5 }];
//!
//! let result = exposure(&mut source, &events, 5.0, None)?;
//! assert_eq!(result.total.population, 100_000.0);
//! // Two 5 km discs 1.1 km apart: 157 km² if counted twice, 90 km² (72 cells) as a union.
//! let cells = result.total.exposed / 10.0;
//! assert!((66.0..=78.0).contains(&cells), "{cells}");
//! assert!(result.total.share().unwrap() < 0.01);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With countries, read a Natural Earth topology and pass
//! `Some(&CountryRaster::new(&world))`; a raster file is opened with [`raster::open`] (GeoTIFF
//! or ESRI ASCII, by its extension) instead of `InMemory::new`.

pub mod countries;
pub mod exposure;
pub mod raster;

mod parallel;

#[cfg(test)]
mod testing;

pub use countries::{CountryName, CountryRaster};
pub use exposure::{
    CountryExposure, Counts, EARTH_RADIUS_KM, Exposure, ExposureError, LatLon, exposure,
};
pub use raster::{AsciiGrid, Band, GeoTiff, Grid, InMemory, RasterError, RowSource};
