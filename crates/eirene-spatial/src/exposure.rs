//! People within a radius of any event: the union of the events' buffers, counted once.
//!
//! A cell is exposed when its centre lies within `R` km of at least one event, by great-circle
//! distance on a sphere of [`EARTH_RADIUS_KM`]. Row by row (cell-centre latitude φ), an event at
//! (φₑ, λₑ) covers the longitudes λ with
//!
//! ```text
//! hav(R/ρ) ≥ hav(φ − φₑ) + cos φ cos φₑ hav(λ − λₑ)        (hav x = sin²(x/2))
//! ```
//!
//! which is the interval λₑ ± Δλ with hav Δλ = (hav(R/ρ) − hav(φ − φₑ)) / (cos φ cos φₑ). This
//! is the haversine form of cos Δλ = (cos(R/ρ) − sin φ sin φₑ) / (cos φ cos φₑ); it keeps its
//! precision for buffers of a kilometre, where the cosine form subtracts numbers that agree
//! to eight digits. When the right-hand side reaches 1 the buffer covers the whole parallel
//! (it contains a pole, or the row is at one); when it is negative the buffer does not reach
//! the row, which the latitude index below already rules out.
//!
//! Intervals are turned into column ranges (laid a turn east or west where they cross
//! ±180°), sorted and merged, so overlapping buffers count each cell once; the covered cells'
//! people are then summed, in total and per country. Events are sorted by latitude once, and a
//! row only looks at those within R/ρ of its latitude: no event farther in latitude can be
//! nearer in distance. The cost is O(cells) to read and total the raster, plus
//! O(rows × nearby events × log) for the intervals, plus O(covered cells) to sum them.
//!
//! Rows are independent, so the rows of a band are tallied in parallel; each row's tally is
//! added in row order, and within a row each run of cells of one country is summed as a unit,
//! so the result does not depend on the number of threads or the size of the bands.

use std::ops::Range;

use serde::Serialize;

use crate::countries::CountryRaster;
use crate::parallel::{map_ordered, workers};
use crate::raster::{Grid, RasterError, RowSource};

/// Mean Earth radius (IUGG), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point in degrees of latitude and longitude (a named pair, because map data elsewhere
/// writes longitude first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude; any value, taken modulo 360°.
    pub lon: f64,
}

/// People, and how many of them are exposed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// People living in the area.
    pub population: f64,
    /// Of whom within the radius of an event.
    pub exposed: f64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.population += other.population;
        self.exposed += other.exposed;
    }

    /// The exposed share of the population, 0 to 1; None where nobody lives.
    pub fn share(&self) -> Option<f64> {
        (self.population > 0.0).then(|| self.exposed / self.population)
    }
}

/// Exposure in one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryExposure {
    /// ISO 3166-1 alpha-3 code; empty when the map gives none.
    pub iso3: String,
    /// Name as the map writes it.
    pub name: String,
    /// Population and exposed population.
    #[serde(flatten)]
    pub counts: Counts,
}

/// How many people live within a radius of events, in all and per country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    /// The buffer radius, in km.
    pub radius_km: f64,
    /// Everyone on the grid.
    #[serde(flatten)]
    pub total: Counts,
    /// Per country, in the map's order; empty when no countries were given.
    pub countries: Vec<CountryExposure>,
    /// Cells in no country's polygon (coasts the map's generalised shapes miss, small islands;
    /// everything when no countries were given): reported, so nobody is dropped.
    pub unassigned: Counts,
}

/// Why exposure could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum ExposureError {
    /// The population raster could not be read.
    #[error(transparent)]
    Raster(#[from] RasterError),
    /// The radius is negative or not a number.
    #[error("radius {0} km is not a distance")]
    Radius(f64),
    /// An event is not a point on the globe.
    #[error("event {index} at latitude {lat}, longitude {lon} is not a point on the globe")]
    Event {
        /// Its position in the list, from 0.
        index: usize,
        /// Its latitude.
        lat: f64,
        /// Its longitude.
        lon: f64,
    },
    /// A row source broke its contract (an invalid grid, bands out of order, missing rows).
    #[error("row source: {0}")]
    Source(String),
}

/// People within `radius_km` of any of `events` on the population raster `source`, in all and
/// per country of `countries` (when given). Reads the source to its end, one band at a time.
pub fn exposure<S: RowSource + ?Sized>(
    source: &mut S,
    events: &[LatLon],
    radius_km: f64,
    countries: Option<&CountryRaster>,
) -> Result<Exposure, ExposureError> {
    let grid = source.grid().clone();
    if let Some(problem) = grid.problem() {
        return Err(ExposureError::Source(problem));
    }
    let buffers = Buffers::new(events, radius_km)?;
    let labels = countries.map_or(&[][..], CountryRaster::countries);
    // [0]: unassigned; [i + 1]: country i.
    let mut tallies = vec![Counts::default(); labels.len() + 1];
    let mut scratch = vec![Scratch::default(); workers()];
    let mut row = 0;
    while let Some(band) = source.next_band()? {
        check_band(&grid, row, band.first_row, band.width, band.people.len())?;
        let rows = (row..).zip(band.iter_rows());
        let tallied = map_ordered(&mut scratch, rows, |scratch, (row, people)| {
            scratch.tally_row(&grid, row, people, &buffers, countries)
        });
        for (country, counts) in tallied.into_iter().flatten() {
            tallies[country as usize].add(counts);
        }
        row += band.rows();
    }
    let mut total = Counts::default();
    for &counts in &tallies {
        total.add(counts);
    }
    if row != grid.height {
        return Err(ExposureError::Source(format!(
            "ended after {row} of {} rows",
            grid.height
        )));
    }
    Ok(Exposure {
        radius_km,
        total,
        countries: labels
            .iter()
            .zip(&tallies[1..])
            .map(|(label, &counts)| CountryExposure {
                iso3: label.iso3.clone(),
                name: label.name.clone(),
                counts,
            })
            .collect(),
        unassigned: tallies[0],
    })
}

/// A band must start where the last one ended, be as wide as the grid, and hold whole rows.
fn check_band(
    grid: &Grid,
    expected_row: usize,
    first_row: usize,
    width: usize,
    cells: usize,
) -> Result<(), ExposureError> {
    if first_row != expected_row || width != grid.width || !cells.is_multiple_of(grid.width) {
        return Err(ExposureError::Source(format!(
            "a band of {cells} cells, {width} wide, from row {first_row}; expected whole rows \
             {} wide from row {expected_row}",
            grid.width
        )));
    }
    Ok(())
}

/// The buffers one thread reuses from row to row.
#[derive(Debug, Clone, Default)]
struct Scratch {
    /// The country of each cell of the row (0: none).
    countries: Vec<u32>,
    /// The row's covered columns.
    covered: Vec<Range<usize>>,
}

impl Scratch {
    /// A row's people and exposed people per country (0: none), in order of first appearance
    /// west to east.
    fn tally_row(
        &mut self,
        grid: &Grid,
        row: usize,
        people: &[f64],
        buffers: &Buffers,
        countries: Option<&CountryRaster>,
    ) -> Vec<(u32, Counts)> {
        match countries {
            Some(countries) => countries.fill_row(grid, row, &mut self.countries),
            None => self.countries.resize(grid.width, 0),
        }
        buffers.cover_row(grid, row, &mut self.covered);
        let mut tally: Vec<(u32, Counts)> = Vec::new();
        let mut add = |country, counts| match tally.iter_mut().find(|(c, _)| *c == country) {
            Some((_, sum)) => sum.add(counts),
            None => tally.push((country, counts)),
        };
        for (country, cells) in runs(&self.countries, 0..grid.width) {
            let population = sum(&people[cells]);
            add(
                country,
                Counts {
                    population,
                    exposed: 0.0,
                },
            );
        }
        for range in &self.covered {
            for (country, cells) in runs(&self.countries, range.clone()) {
                let exposed = sum(&people[cells]);
                add(
                    country,
                    Counts {
                        population: 0.0,
                        exposed,
                    },
                );
            }
        }
        tally
    }
}

/// The runs of equal labels among `cells`: (label, the run's cells).
fn runs(labels: &[u32], cells: Range<usize>) -> impl Iterator<Item = (u32, Range<usize>)> + '_ {
    let mut start = cells.start;
    labels[cells].chunk_by(|a, b| a == b).map(move |run| {
        let cells = start..start + run.len();
        start = cells.end;
        (run[0], cells)
    })
}

/// The sum of `values`, in eight interleaved partial sums (which the compiler turns into vector
/// additions; one running sum waits on each addition before the next).
fn sum(values: &[f64]) -> f64 {
    const LANES: usize = 8;
    let mut lanes = [0.0; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest: f64 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (lane, &value) in lanes.iter_mut().zip(chunk) {
            *lane += value;
        }
    }
    lanes.iter().sum::<f64>() + rest
}

/// The events, ready to be intersected with rows.
struct Buffers {
    /// Sorted by latitude.
    events: Vec<Prepared>,
    /// The radius as an angle, radians (at most π: farther covers the globe).
    angle: f64,
    /// hav(angle).
    hav_angle: f64,
}

#[derive(Debug, Clone, Copy)]
struct Prepared {
    /// Radians.
    lat: f64,
    cos_lat: f64,
    /// Degrees.
    lon: f64,
}

fn hav(x: f64) -> f64 {
    (x / 2.0).sin().powi(2)
}

impl Buffers {
    fn new(events: &[LatLon], radius_km: f64) -> Result<Buffers, ExposureError> {
        if !radius_km.is_finite() || radius_km < 0.0 {
            return Err(ExposureError::Radius(radius_km));
        }
        let mut prepared = events
            .iter()
            .enumerate()
            .map(|(index, &LatLon { lat, lon })| {
                if !((-90.0..=90.0).contains(&lat) && lon.is_finite()) {
                    return Err(ExposureError::Event { index, lat, lon });
                }
                let lat = lat.to_radians();
                Ok(Prepared {
                    lat,
                    cos_lat: lat.cos(),
                    lon,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        prepared.sort_by(|a, b| a.lat.total_cmp(&b.lat));
        let angle = (radius_km / EARTH_RADIUS_KM).min(std::f64::consts::PI);
        Ok(Buffers {
            events: prepared,
            angle,
            hav_angle: hav(angle),
        })
    }

    /// The columns of `row` whose cell centres lie within the radius of an event, as sorted,
    /// disjoint, non-adjacent ranges, into `covered`.
    fn cover_row(&self, grid: &Grid, row: usize, covered: &mut Vec<Range<usize>>) {
        covered.clear();
        let lat = grid.centre_lat(row).to_radians();
        let first = self.events.partition_point(|e| e.lat < lat - self.angle);
        let end = self.events.partition_point(|e| e.lat <= lat + self.angle);
        let cos_lat = lat.cos();
        for event in &self.events[first..end] {
            let h = (self.hav_angle - hav(lat - event.lat)) / (cos_lat * event.cos_lat);
            // At a pole h may be 0/0: a pole row or event is covered whole.
            if h >= 1.0 || h.is_nan() {
                covered.clear();
                covered.push(0..grid.width);
                return;
            }
            if h >= 0.0 {
                let half_width = (2.0 * h.sqrt().asin()).to_degrees();
                push_columns(
                    grid,
                    event.lon - half_width,
                    event.lon + half_width,
                    covered,
                );
            }
        }
        merge(covered);
    }
}

/// The columns whose centre longitudes lie in [`west`, `east`] (degrees, any turn of the
/// globe: the span is laid a whole number of turns east or west wherever it meets the grid).
fn push_columns(grid: &Grid, west: f64, east: f64, out: &mut Vec<Range<usize>>) {
    let first_turn = ((grid.west - east) / 360.0).ceil() as i64;
    let last_turn = ((grid.east() - west) / 360.0).floor() as i64;
    let width = grid.width as f64;
    for turn in first_turn..=last_turn {
        let shift = 360.0 * turn as f64;
        let first = ((west + shift - grid.west) / grid.cell_width - 0.5).ceil();
        let last = ((east + shift - grid.west) / grid.cell_width - 0.5).floor();
        let (first, end) = (first.clamp(0.0, width), (last + 1.0).clamp(0.0, width));
        if first < end {
            out.push(first as usize..end as usize);
        }
    }
}

/// Sorts ranges and merges those that overlap or touch.
fn merge(ranges: &mut Vec<Range<usize>>) {
    ranges.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges.drain(..) {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    *ranges = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::InMemory;
    use crate::testing::{brute_force, haversine_km, natural_earth_110m};
    use eirene_testkit::Prng;

    fn grid(west: f64, north: f64, cell: f64, width: usize, height: usize) -> Grid {
        Grid {
            west,
            north,
            cell_width: cell,
            cell_height: cell,
            width,
            height,
            nodata: None,
        }
    }

    /// Whole numbers of people from 1 to 1000, so that sums are exact and a cell counted
    /// wrongly always shows.
    fn random_people(rng: &mut Prng, cells: usize) -> Vec<f64> {
        (0..cells).map(|_| rng.int(1, 1000) as f64).collect()
    }

    fn run(
        grid: &Grid,
        people: &[f64],
        events: &[LatLon],
        radius_km: f64,
        rows_per_band: usize,
    ) -> Exposure {
        let mut source = InMemory::new(grid.clone(), people.to_vec(), rows_per_band).unwrap();
        exposure(&mut source, events, radius_km, None).unwrap()
    }

    /// Exposure equals the brute force exactly, for every band size tried; returns it.
    fn assert_matches_brute_force(
        grid: &Grid,
        people: &[f64],
        events: &[LatLon],
        radius_km: f64,
    ) -> f64 {
        let expected = brute_force(grid, people, events, radius_km);
        for rows_per_band in [1, 7, grid.height] {
            let found = run(grid, people, events, radius_km, rows_per_band);
            assert_eq!(
                found.total.exposed, expected,
                "R = {radius_km} km, {rows_per_band} rows per band, events {events:?}"
            );
        }
        expected
    }

    #[test]
    fn matches_brute_force_on_random_grids() {
        let mut rng = Prng::new(20_250_101);
        // Cases where some but not all people are exposed: the ones that test anything.
        let mut partial = 0;
        for case in 0..60 {
            // Grids of 5 to 40 cells a side, 0.01° to 0.5° cells, anywhere but the poles.
            let cell = rng.uniform(0.01, 0.5);
            let (width, height) = (rng.int(5, 40) as usize, rng.int(5, 40) as usize);
            let west = rng.uniform(-180.0, 180.0 - cell * width as f64);
            let north = rng.uniform(-60.0, 70.0);
            let grid = grid(west, north, cell, width, height);
            let people = random_people(&mut rng, width * height);
            // Events over and around the grid.
            let events: Vec<LatLon> = (0..rng.int(0, 12))
                .map(|_| LatLon {
                    lat: rng.uniform(grid.south() - cell * 3.0, north + cell * 3.0),
                    lon: rng.uniform(west - cell * 3.0, grid.east() + cell * 3.0),
                })
                .collect();
            let radius_km = rng.uniform(0.5, 1.5) * cell * 111.0 * [0.5, 2.0, 8.0][case % 3];
            let expected = assert_matches_brute_force(&grid, &people, &events, radius_km);
            partial += usize::from(expected > 0.0 && expected < people.iter().sum());
        }
        assert!(partial >= 30, "only {partial} of 60 cases partly exposed");
    }

    #[test]
    fn a_disc_on_a_uniform_grid_has_the_area_of_a_disc() {
        // Each cell holds its own area in km² (density 1 per km²), so the exposed population
        // estimates the area of the buffer, 2πρ²(1 − cos R/ρ) ≈ πR². A cell is counted wrongly
        // only if the buffer's edge passes through it, so within s/√2 of the edge (s: the cell's
        // longer side): the error is at most the area of that band, 2πR · s√2.
        for radius_km in [1.0, 2.0, 5.0, 50.0] {
            let cell = radius_km / 25.0 / 111.0;
            let cells = 2 * (radius_km / 111.0 / cell) as usize + 8;
            let (west, north) = (
                10.0 - cells as f64 * cell / 2.0,
                0.3 + cells as f64 * cell / 2.0,
            );
            let grid = grid(west, north, cell, cells, cells);
            let rho = EARTH_RADIUS_KM;
            let area = |row: usize| {
                let top = (north - row as f64 * cell).to_radians();
                let bottom = (north - (row + 1) as f64 * cell).to_radians();
                rho * rho * cell.to_radians() * (top.sin() - bottom.sin())
            };
            let people: Vec<f64> = (0..cells * cells).map(|i| area(i / cells)).collect();
            let event = LatLon {
                lat: 0.3 + cell * 0.37,
                lon: 10.0 - cell * 0.21,
            };
            let found = run(&grid, &people, &[event], radius_km, 64).total.exposed;
            let disc = 2.0 * std::f64::consts::PI * rho * rho * (1.0 - (radius_km / rho).cos());
            let side = cell.to_radians() * rho;
            let bound = 2.0 * std::f64::consts::PI * radius_km * side * 2f64.sqrt();
            let error = (found - disc).abs();
            assert!(
                error <= bound,
                "R = {radius_km}: {found} km² against {disc}, error {error} > {bound}"
            );
            // The bound is loose: the errors of cells on either side of the edge cancel.
            assert!(error < bound / 10.0, "R = {radius_km}: error {error}");
        }
    }

    #[test]
    fn the_antimeridian_is_crossed_the_short_way() {
        let mut rng = Prng::new(180);
        let events = [
            LatLon {
                lat: 0.003,
                lon: 179.99,
            },
            LatLon {
                lat: -0.021,
                lon: -179.993,
            },
        ];
        // East of the line, west of it, and a grid that runs across it in 0°–360° longitudes.
        for west in [-180.0, 179.9, 179.95] {
            let strip = grid(west, 0.05, 0.001, 100, 100);
            let people = random_people(&mut rng, 100 * 100);
            for radius_km in [1.0, 2.0, 5.0] {
                assert_matches_brute_force(&strip, &people, &events[..1], radius_km);
                assert_matches_brute_force(&strip, &people, &events, radius_km);
            }
        }
        // The buffer of an event at 179.99° reaches −179.99°.
        let east_of_line = grid(-180.0, 0.05, 0.001, 100, 100);
        let exposed = run(&east_of_line, &vec![1.0; 100 * 100], &events[..1], 3.0, 100);
        assert!(exposed.total.exposed > 0.0);
        // And a coarse global grid with buffers wider than a cell.
        let global = grid(-180.0, 90.0, 1.0, 360, 180);
        let people = random_people(&mut rng, 360 * 180);
        for radius_km in [50.0, 500.0] {
            assert_matches_brute_force(&global, &people, &events, radius_km);
        }
    }

    #[test]
    fn buffers_round_the_poles_match_brute_force() {
        let mut rng = Prng::new(90);
        // The ten rows nearest each pole, 0.1° cells all round.
        let north = grid(-180.0, 90.0, 0.1, 3600, 10);
        let south = grid(-180.0, -89.0, 0.1, 3600, 10);
        let people = random_people(&mut rng, 3600 * 10);
        let cases = [
            (
                north.clone(),
                LatLon {
                    lat: 89.9,
                    lon: 12.3,
                },
            ),
            (
                north.clone(),
                LatLon {
                    lat: 89.97,
                    lon: -170.0,
                },
            ),
            (
                north,
                LatLon {
                    lat: 90.0,
                    lon: 0.0,
                },
            ),
            (
                south.clone(),
                LatLon {
                    lat: -89.9,
                    lon: 45.0,
                },
            ),
            (
                south,
                LatLon {
                    lat: -90.0,
                    lon: 0.0,
                },
            ),
        ];
        for (grid, event) in cases {
            // Buffers that stop short of the pole, just cover it, and cover it widely.
            for radius_km in [5.0, 12.0, 50.0] {
                assert_matches_brute_force(&grid, &people, &[event], radius_km);
            }
        }
    }

    #[test]
    fn overlapping_buffers_count_people_once() {
        let mut rng = Prng::new(2);
        let grid = grid(29.9, 50.1, 0.002, 100, 100);
        let people = random_people(&mut rng, 100 * 100);
        let a = LatLon {
            lat: 50.0,
            lon: 30.0,
        };
        let b = LatLon {
            lat: 50.0,
            lon: 30.014,
        };
        assert!((haversine_km(a, b) - 1.0).abs() < 0.01, "1 km apart");
        let alone = |e| run(&grid, &people, &[e], 5.0, 10).total.exposed;
        let both = run(&grid, &people, &[a, b], 5.0, 10).total.exposed;
        assert_eq!(both, brute_force(&grid, &people, &[a, b], 5.0));
        assert!(both < alone(a) + alone(b));
        assert!(both >= alone(a).max(alone(b)));
        // The same event twice, or a hundred times, is the same event.
        assert_eq!(
            run(&grid, &people, &[a; 100], 5.0, 10).total.exposed,
            alone(a)
        );
        assert!(both <= people.iter().sum::<f64>());
    }

    #[test]
    fn countries_add_up_to_the_total() {
        let raster = CountryRaster::new(&natural_earth_110m());
        let mut rng = Prng::new(8);
        let grid = grid(-180.0, 90.0, 1.0, 360, 180);
        let people = random_people(&mut rng, 360 * 180);
        let events: Vec<LatLon> = (0..100)
            .map(|_| LatLon {
                lat: rng.uniform(-60.0, 75.0),
                lon: rng.uniform(-180.0, 180.0),
            })
            .collect();
        let mut source = InMemory::new(grid.clone(), people.clone(), 256).unwrap();
        let found = exposure(&mut source, &events, 300.0, Some(&raster)).unwrap();
        let sum = |f: fn(&Counts) -> f64| {
            found.countries.iter().map(|c| f(&c.counts)).sum::<f64>() + f(&found.unassigned)
        };
        assert_eq!(sum(|c| c.population), found.total.population);
        assert_eq!(sum(|c| c.exposed), found.total.exposed);
        assert_eq!(found.total.population, people.iter().sum::<f64>());
        assert_eq!(
            found.total.exposed,
            brute_force(&grid, &people, &events, 300.0)
        );
        assert_eq!(found.countries.len(), 174);
        // The sea is most of the globe and stays in the report.
        assert!(found.unassigned.population > found.total.population / 2.0);
        let russia = found.countries.iter().find(|c| c.iso3 == "RUS").unwrap();
        assert!(russia.counts.population > 0.0 && russia.counts.exposed > 0.0);
        assert!(russia.counts.exposed < russia.counts.population);
    }

    #[test]
    fn band_size_does_not_change_the_result() {
        let raster = CountryRaster::new(&natural_earth_110m());
        let mut rng = Prng::new(3);
        // Fractional people, so that a different order of summation would show.
        let grid = grid(20.0, 40.0, 0.05, 300, 300);
        let people: Vec<f64> = (0..300 * 300).map(|_| rng.uniform(0.0, 50.0)).collect();
        let events: Vec<LatLon> = (0..50)
            .map(|_| LatLon {
                lat: rng.uniform(25.0, 40.0),
                lon: rng.uniform(20.0, 35.0),
            })
            .collect();
        let results: Vec<Exposure> = [1, 256, 300]
            .into_iter()
            .map(|rows_per_band| {
                let mut source =
                    InMemory::new(grid.clone(), people.clone(), rows_per_band).unwrap();
                exposure(&mut source, &events, 5.0, Some(&raster)).unwrap()
            })
            .collect();
        assert_eq!(results[0], results[1]);
        assert_eq!(results[0], results[2]);
        assert!(
            results[0]
                .countries
                .iter()
                .any(|c| c.iso3 == "TUR" && c.counts.exposed > 0.0)
        );
    }

    #[test]
    fn no_events_or_no_radius_exposes_nobody() {
        let grid = grid(0.0, 1.0, 0.1, 10, 10);
        let people = vec![3.0; 100];
        let found = run(&grid, &people, &[], 5.0, 4);
        assert_eq!(
            found.total,
            Counts {
                population: 300.0,
                exposed: 0.0
            }
        );
        assert_eq!(found.total.share(), Some(0.0));
        assert_eq!(found.unassigned, found.total);
        // A radius of zero covers a cell only if the event sits on its centre.
        let centre = LatLon {
            lat: grid.centre_lat(2),
            lon: grid.centre_lon(3),
        };
        assert_eq!(run(&grid, &people, &[centre], 0.0, 4).total.exposed, 3.0);
        // Half the circumference covers the globe.
        let far = LatLon {
            lat: -45.0,
            lon: -170.0,
        };
        assert_eq!(
            run(&grid, &people, &[far], 30_000.0, 4).total.exposed,
            300.0
        );
        assert_eq!(Counts::default().share(), None);
    }

    #[test]
    fn bad_inputs_are_refused() {
        let grid = grid(0.0, 1.0, 0.1, 10, 10);
        let mut source = InMemory::new(grid, vec![1.0; 100], 4).unwrap();
        let ok = LatLon { lat: 0.5, lon: 0.5 };
        let error = exposure(&mut source, &[ok], -1.0, None).unwrap_err();
        assert_eq!(error.to_string(), "radius -1 km is not a distance");
        assert!(matches!(
            exposure(&mut source, &[ok], f64::NAN, None),
            Err(ExposureError::Radius(_))
        ));
        let swapped = LatLon {
            lat: 120.0,
            lon: 45.0,
        };
        let error = exposure(&mut source, &[ok, swapped], 1.0, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "event 1 at latitude 120, longitude 45 is not a point on the globe"
        );
    }

    /// A source that skips its second band.
    struct Skipping(InMemory, usize);

    impl RowSource for Skipping {
        fn grid(&self) -> &Grid {
            self.0.grid()
        }

        fn next_band(&mut self) -> Result<Option<crate::raster::Band<'_>>, RasterError> {
            self.1 += 1;
            if self.1 == 2 {
                self.0.next_band()?;
            }
            self.0.next_band()
        }
    }

    #[test]
    fn a_source_that_skips_rows_is_an_error() {
        let grid = grid(0.0, 1.0, 0.1, 10, 10);
        let mut source = Skipping(InMemory::new(grid, vec![1.0; 100], 4).unwrap(), 0);
        let error = exposure(&mut source, &[], 1.0, None).unwrap_err();
        assert!(matches!(error, ExposureError::Source(_)), "{error}");
        assert!(
            error
                .to_string()
                .contains("from row 8; expected whole rows 10 wide from row 4"),
            "{error}"
        );
    }

    #[test]
    fn serialises_flat() {
        let grid = grid(0.0, 1.0, 0.1, 10, 10);
        let found = run(
            &grid,
            &vec![2.0; 100],
            &[LatLon {
                lat: 0.55,
                lon: 0.55,
            }],
            1.0,
            4,
        );
        let json = serde_json::to_value(&found).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "radius_km": 1.0,
                "population": 200.0,
                "exposed": 2.0,
                "countries": [],
                "unassigned": {"population": 200.0, "exposed": 2.0}
            })
        );
    }

    #[test]
    fn column_ranges_wrap_and_merge() {
        let global = grid(-180.0, 90.0, 1.0, 360, 180);
        let mut out = Vec::new();
        // 178.2°..181.5° is 178.2°..180° and −180°..−178.5°: columns 358–359 and 0–1.
        push_columns(&global, 178.2, 181.5, &mut out);
        merge(&mut out);
        assert_eq!(out, [0..2, 358..360]);
        let mut ranges = vec![5..8, 0..2, 7..10, 2..3, 12..13];
        merge(&mut ranges);
        assert_eq!(ranges, [0..3, 5..10, 12..13]);
    }
}
