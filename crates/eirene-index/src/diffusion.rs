//! Diffusion: the share of a country's populated equal-area cells that saw many events.
//!
//! The population raster is read once, a band of rows at a time. Each raster cell's centre is
//! projected (see [`cells`](crate::cells)) and its people added to the grid cell it falls in,
//! filed under the country [`CountryRaster`] gives that raster cell. A grid cell belongs to the
//! country holding most of its people, so a border cell is counted once, for the side where
//! people live; it is populated when all its people (those the map leaves in no country too,
//! on generalised coasts) reach [`Options::min_cell_population`].
//!
//! A raster row lies on one parallel, and a parallel on one row of grid cells, so the rows of
//! grid cells fill one after the other as the raster is read north to south. Each is tallied
//! and dropped as soon as the raster moves on to the next: memory holds one row of grid cells,
//! never the world's.
//!
//! A cell's events are the political-violence events inside it coded to the country that owns
//! it, so that, like the other three indicators, a country's diffusion comes from its own
//! events only (a country with none has none). An event coded to a neighbour, in a border cell
//! where most people live across the border, counts for neither country.

use std::collections::{BTreeMap, HashMap};

use eirene_spatial::{Band, CountryRaster, Grid, RowSource};

use crate::cells::{Cell, Parallel, index};
use crate::indicators::country_code;
use crate::{Event, IndexError, Options};

/// A country's populated cells, and how many of them saw enough events.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct CellCounts {
    /// Cells with at least the minimum population, assigned to the country.
    pub(crate) populated: u64,
    /// Of which with at least the minimum number of events.
    pub(crate) affected: u64,
}

impl CellCounts {
    /// The affected share, 0 to 100; None for a country the map and raster give no populated
    /// cell (absent from the map, or too small for it), where the share would be 0/0.
    pub(crate) fn share(&self) -> Option<f64> {
        (self.populated > 0).then(|| 100.0 * self.affected as f64 / self.populated as f64)
    }
}

/// Political-violence events per cell, by country code.
pub(crate) type EventsPerCell = HashMap<Cell, HashMap<String, usize>>;

/// The political-violence events in each cell, by the country they are coded to.
pub(crate) fn events_per_cell(events: &[Event], cell_km: f64) -> EventsPerCell {
    let mut cells: EventsPerCell = HashMap::new();
    for event in events.iter().filter(|e| e.political_violence) {
        let cell = Parallel::new(event.lat).cell(event.lon, cell_km);
        let codes = cells.entry(cell).or_default();
        *codes.entry(country_code(&event.iso3)).or_insert(0) += 1;
    }
    cells
}

/// The populated and affected cells of each country of `countries`, by country code, from
/// the population raster `source` (read to its end) and the events per cell.
pub(crate) fn cell_counts(
    source: &mut dyn RowSource,
    countries: &CountryRaster,
    events: &EventsPerCell,
    options: &Options,
) -> Result<BTreeMap<String, CellCounts>, IndexError> {
    let grid = source.grid().clone();
    let criteria = Criteria {
        events,
        codes: &codes(countries),
        options,
    };
    let mut open = OpenRow::default();
    // [0]: cells in no country; [i + 1]: country i.
    let mut counts = vec![CellCounts::default(); countries.countries().len() + 1];
    let mut country_row = Vec::new();
    let mut row = 0;
    while let Some(band) = source.next_band()? {
        check_band(&grid, row, &band)?;
        for people in band.iter_rows() {
            let parallel = Parallel::new(grid.centre_lat(row));
            let cell_row = index(parallel.y_km, options.cell_km);
            if open.row != Some(cell_row) {
                open.close(&criteria, &mut counts);
                open.row = Some(cell_row);
            }
            countries.fill_row(&grid, row, &mut country_row);
            open.gather(&grid, &parallel, people, &country_row, options.cell_km);
            row += 1;
        }
    }
    if row != grid.height {
        return Err(IndexError::Source(format!(
            "ended after {row} of {} rows",
            grid.height
        )));
    }
    open.close(&criteria, &mut counts);
    Ok(by_code(criteria.codes, &counts))
}

/// A band must start where the last one ended, be as wide as the grid, and hold whole rows.
fn check_band(grid: &Grid, expected_row: usize, band: &Band) -> Result<(), IndexError> {
    let cells = band.people.len();
    if band.first_row != expected_row
        || band.width != grid.width
        || !cells.is_multiple_of(grid.width)
    {
        return Err(IndexError::Source(format!(
            "a band of {cells} cells, {} wide, from row {}; expected whole rows {} wide from \
             row {expected_row}",
            band.width, band.first_row, grid.width
        )));
    }
    Ok(())
}

/// People of one country in one grid cell, from consecutive raster cells.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    column: i64,
    /// 0 for no country, `i + 1` for country `i`, as [`CountryRaster::fill_row`] numbers them.
    country: u32,
    people: f64,
}

/// The row of grid cells the raster is filling: its runs of people, in the order read.
#[derive(Debug, Default)]
struct OpenRow {
    row: Option<i64>,
    runs: Vec<Run>,
}

impl OpenRow {
    /// Adds a raster row's people. A grid cell is about ten raster cells wide on a 1 km
    /// raster, so consecutive cells of one grid cell and country are summed into one run
    /// before anything is sorted.
    fn gather(
        &mut self,
        grid: &Grid,
        parallel: &Parallel,
        people: &[f64],
        countries: &[u32],
        cell_km: f64,
    ) {
        let cells = people.iter().zip(countries).enumerate();
        for (column, (&people, &country)) in cells.filter(|(_, (p, _))| **p > 0.0) {
            let column = index(parallel.x_km(grid.centre_lon(column)), cell_km);
            match self.runs.last_mut() {
                Some(run) if run.column == column && run.country == country => {
                    run.people += people;
                }
                _ => self.runs.push(Run {
                    column,
                    country,
                    people,
                }),
            }
        }
    }

    /// Tallies the row's cells into `counts` and empties it. The sort is stable, so each
    /// country's people in a cell are summed in the order they were read, whatever the size
    /// of the raster's bands.
    fn close(&mut self, criteria: &Criteria<'_>, counts: &mut [CellCounts]) {
        let Some(row) = self.row.take() else {
            return;
        };
        self.runs.sort_by_key(|run| (run.column, run.country));
        for cell in self.runs.chunk_by(|a, b| a.column == b.column) {
            let (people, owner) = owner(cell);
            if owner == 0 || people < criteria.options.min_cell_population {
                continue;
            }
            let count = &mut counts[owner as usize];
            count.populated += 1;
            count.affected += u64::from(criteria.affected((cell[0].column, row), owner));
        }
        self.runs.clear();
    }
}

/// What decides whether a populated cell is affected.
struct Criteria<'a> {
    events: &'a EventsPerCell,
    /// Country codes by the numbers [`CountryRaster::fill_row`] gives: "" for 0 (no country),
    /// then the map's countries, trimmed and upper-cased like the events'.
    codes: &'a [String],
    options: &'a Options,
}

impl Criteria<'_> {
    /// Whether `cell`, owned by country number `owner`, saw enough of that country's events.
    fn affected(&self, cell: Cell, owner: u32) -> bool {
        let code = self.codes[owner as usize].as_str();
        let seen = self.events.get(&cell).and_then(|codes| codes.get(code));
        seen.copied().unwrap_or(0) >= self.options.min_cell_events
    }
}

/// The country codes of `countries`, numbered as in a rasterised row.
fn codes(countries: &CountryRaster) -> Vec<String> {
    let map = countries.countries().iter().map(|c| country_code(&c.iso3));
    std::iter::once(String::new()).chain(map).collect()
}

/// A cell's people, and the country holding most of them (0 when none lives in a country),
/// from its runs sorted by country. A tie goes to the country first on the map, as overlaps
/// of polygons do in [`CountryRaster`].
fn owner(runs: &[Run]) -> (f64, u32) {
    let mut total = 0.0;
    let mut best = (0.0, 0);
    for country in runs.chunk_by(|a, b| a.country == b.country) {
        let people: f64 = country.iter().map(|run| run.people).sum();
        total += people;
        let id = country[0].country;
        if id != 0 && people > best.0 {
            best = (people, id);
        }
    }
    (total, best.1)
}

/// The counts by country code, adding up map entries that share a code and leaving out
/// those without one (they cannot be matched to events).
fn by_code(codes: &[String], counts: &[CellCounts]) -> BTreeMap<String, CellCounts> {
    let mut by_code: BTreeMap<String, CellCounts> = BTreeMap::new();
    for (code, count) in codes.iter().zip(counts).skip(1) {
        if !code.is_empty() {
            let entry = by_code.entry(code.clone()).or_default();
            entry.populated += count.populated;
            entry.affected += count.affected;
        }
    }
    by_code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::event;

    fn run(column: i64, country: u32, people: f64) -> Run {
        Run {
            column,
            country,
            people,
        }
    }

    #[test]
    fn the_country_with_most_people_owns_the_cell() {
        // Runs of one cell, sorted by country: 0 is no country.
        assert_eq!(owner(&[run(3, 1, 70.0), run(3, 2, 80.0)]), (150.0, 2));
        assert_eq!(
            owner(&[run(3, 1, 50.0), run(3, 2, 30.0), run(3, 2, 30.0)]),
            (110.0, 2),
            "a country's runs add up"
        );
        assert_eq!(
            owner(&[run(3, 1, 75.0), run(3, 2, 75.0)]),
            (150.0, 1),
            "a tie"
        );
        // People in no country count towards the cell's population but own nothing.
        assert_eq!(owner(&[run(3, 0, 500.0), run(3, 4, 1.0)]), (501.0, 4));
        assert_eq!(owner(&[run(3, 0, 500.0)]), (500.0, 0));
    }

    /// Events per cell from (cell, code, count) triples.
    fn per_cell(triples: &[(Cell, &str, usize)]) -> EventsPerCell {
        let mut cells: EventsPerCell = HashMap::new();
        for &(cell, code, n) in triples {
            cells.entry(cell).or_default().insert(code.to_owned(), n);
        }
        cells
    }

    #[test]
    fn closing_a_row_tallies_each_cell_once() {
        let options = Options::default();
        let events = per_cell(&[
            ((1, 7), "AAA", 10),
            ((2, 7), "AAA", 9),
            ((3, 7), "AAA", 50),
            ((1, 8), "AAA", 99),
            // Country 2's cell 5 has its neighbour's events, not its own.
            ((5, 7), "AAA", 10),
            ((5, 7), "BBB", 9),
        ]);
        let codes = ["", "AAA", "BBB"].map(String::from);
        let criteria = Criteria {
            events: &events,
            codes: &codes,
            options: &options,
        };
        let mut open = OpenRow {
            row: Some(7),
            // Unsorted, as several raster rows leave them.
            runs: vec![
                run(2, 1, 60.0),
                run(1, 1, 100.0),
                run(3, 1, 99.0),
                run(2, 1, 40.0),
                run(4, 0, 1000.0),
                run(5, 2, 100.0),
                run(5, 1, 20.0),
            ],
        };
        let mut counts = vec![CellCounts::default(); 3];
        open.close(&criteria, &mut counts);
        // Country 1: cell 1 (100 people, 10 events) and cell 2 (60 + 40, 9 events); cell 3 has
        // 99 people. Cell 4 is in no country. Country 2: cell 5, 9 events of its own.
        assert_eq!(
            counts,
            [
                CellCounts::default(),
                CellCounts {
                    populated: 2,
                    affected: 1
                },
                CellCounts {
                    populated: 1,
                    affected: 0
                },
            ]
        );
        assert!(open.runs.is_empty() && open.row.is_none());
        // Closing again adds nothing.
        open.close(&criteria, &mut counts);
        assert_eq!(counts[1].populated, 2);
        // With 9 events enough, cells 2 and 5 are affected too.
        let nine = Options {
            min_cell_events: 9,
            ..Options::default()
        };
        let criteria = Criteria {
            options: &nine,
            ..criteria
        };
        assert!(criteria.affected((2, 7), 1) && criteria.affected((5, 7), 2));
        assert!(!criteria.affected((6, 7), 1), "a cell without events");
    }

    #[test]
    fn codes_follow_the_numbers_of_a_rasterised_row() {
        let world = eirene_charts::World::from_topojson(crate::testing::TWO_SQUARES, "c").unwrap();
        let codes = codes(&CountryRaster::new(&world));
        assert_eq!(codes, ["", "AAA", "BBB", ""]);
        let counts = [
            CellCounts {
                populated: 9,
                affected: 9,
            },
            CellCounts {
                populated: 4,
                affected: 1,
            },
            CellCounts {
                populated: 2,
                affected: 0,
            },
            CellCounts {
                populated: 7,
                affected: 7,
            },
        ];
        let found = by_code(&codes, &counts);
        assert_eq!(found.len(), 2, "no country and no code are left out");
        assert_eq!(found["AAA"], counts[1]);
        assert_eq!(found["BBB"], counts[2]);
        // Two map entries under one code add up.
        let twice = ["", "AAA", "AAA"].map(String::from);
        assert_eq!(
            by_code(&twice, &counts[..3])["AAA"],
            CellCounts {
                populated: 6,
                affected: 1
            }
        );
    }

    #[test]
    fn consecutive_raster_cells_make_one_run() {
        let grid = Grid {
            west: 0.0,
            north: 1.0,
            cell_width: 0.01,
            cell_height: 0.01,
            width: 30,
            height: 1,
            nodata: None,
        };
        let parallel = Parallel::new(grid.centre_lat(0));
        let people = vec![1.0; 30];
        let mut countries = vec![1; 30];
        countries[5] = 2;
        let mut open = OpenRow::default();
        open.gather(&grid, &parallel, &people, &countries, 10.0);
        // 0.3° of longitude is 28.7 km: grid columns 0, 1, 2, with country 2 breaking the first.
        let summary: Vec<(i64, u32, f64)> = open
            .runs
            .iter()
            .map(|r| (r.column, r.country, r.people))
            .collect();
        let columns: Vec<i64> = (0..30)
            .map(|c| index(parallel.x_km(grid.centre_lon(c)), 10.0))
            .collect();
        let per_column = |k| columns.iter().filter(|&&c| c == k).count() as f64;
        assert_eq!(
            summary,
            [
                (0, 1, 5.0),
                (0, 2, 1.0),
                (0, 1, per_column(0) - 6.0),
                (1, 1, per_column(1)),
                (2, 1, per_column(2)),
            ]
        );
        // Empty cells make no run.
        let mut open = OpenRow::default();
        open.gather(&grid, &parallel, &[0.0; 30], &countries, 10.0);
        assert!(open.runs.is_empty());
    }

    #[test]
    fn cells_count_political_violence_by_country() {
        let here = Event {
            lat: 0.05,
            lon: 0.05,
            ..event("AAA")
        };
        let events = [
            here.clone(),
            here.clone(),
            Event {
                political_violence: false,
                ..here.clone()
            },
            Event {
                iso3: " bbb".to_owned(),
                ..here.clone()
            },
            Event { lon: -0.05, ..here },
        ];
        let cells = events_per_cell(&events, 10.0);
        let expected = [((0, 0), "AAA", 2), ((0, 0), "BBB", 1), ((-1, 0), "AAA", 1)];
        assert_eq!(cells, per_cell(&expected));
    }

    #[test]
    fn shares_are_percentages_of_populated_cells() {
        let share = |populated, affected| {
            CellCounts {
                populated,
                affected,
            }
            .share()
        };
        assert_eq!(share(4, 1), Some(25.0));
        assert_eq!(share(3, 3), Some(100.0));
        assert_eq!(share(3, 0), Some(0.0));
        assert_eq!(share(0, 0), None);
    }
}
