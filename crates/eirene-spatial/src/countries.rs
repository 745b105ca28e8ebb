//! The country of each grid cell, from Natural Earth polygons rasterised a row at a time.
//!
//! A cell belongs to the country whose polygons contain its centre, decided by the even-odd
//! rule along the row's centre latitude: the country's ring edges that cross that parallel are
//! sorted by longitude, and the cells between the first and second crossing, the third and
//! fourth, and so on, are inside. Holes (Lesotho in South Africa) are rings like any other, so
//! they cut themselves out. Where polygons overlap, the country that comes first in the file
//! keeps the cell, so the result does not depend on anything but the data.
//!
//! Edges are binned by latitude once, so a row only looks at the edges near its parallel and
//! the same [`CountryRaster`] serves any grid.

use eirene_charts::World;

use crate::raster::Grid;

/// Height of the latitude bins edges are filed in, in degrees: small enough that a row sees
/// few edges that do not cross it, large enough that the bins stay few (720).
const BIN_DEGREES: f64 = 0.25;
const BINS: usize = (180.0 / BIN_DEGREES) as usize;

/// A country's code and name, as Natural Earth gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryName {
    /// ISO 3166-1 alpha-3 code; empty when the data gives none.
    pub iso3: String,
    /// Name as Natural Earth writes it.
    pub name: String,
}

/// Natural Earth countries, ready to be rasterised onto the rows of any grid.
#[derive(Debug, Clone)]
pub struct CountryRaster {
    names: Vec<CountryName>,
    edges: Vec<Edge>,
    /// Edges by latitude bin, as offsets into `binned`: bin k holds
    /// `binned[starts[k]..starts[k + 1]]`, the edges whose latitudes overlap it.
    starts: Vec<usize>,
    binned: Vec<u32>,
}

/// One edge of a ring, from (x0, y0) to (x1, y1) in degrees; `country` is 1 + the country's
/// index (0 means no country in a rasterised row).
#[derive(Debug, Clone, Copy)]
struct Edge {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    country: u32,
}

impl CountryRaster {
    /// Prepares the countries of `world` (each ring's edges, filed by latitude).
    pub fn new(world: &World) -> CountryRaster {
        let mut names = Vec::new();
        let mut edges = Vec::new();
        for (country, id) in world.countries().iter().zip(1u32..) {
            names.push(CountryName {
                iso3: country.iso3.clone(),
                name: country.name.clone(),
            });
            for ring in country.polygons.iter().flatten() {
                ring_edges(ring, id, &mut edges);
            }
        }
        let (starts, binned) = file_by_latitude(&edges);
        CountryRaster {
            names,
            edges,
            starts,
            binned,
        }
    }

    /// The countries; in a rasterised row, country `i` of this list is `i + 1`.
    pub fn countries(&self) -> &[CountryName] {
        &self.names
    }

    /// The country of each cell of row `row` of `grid` into `out` (resized to the grid's
    /// width): 0 for no country, `i + 1` for country `i` of [`countries`](Self::countries).
    pub fn fill_row(&self, grid: &Grid, row: usize, out: &mut Vec<u32>) {
        out.clear();
        out.resize(grid.width, 0);
        let lat = grid.centre_lat(row);
        let bin = bin(lat);
        let mut crossings: Vec<(u32, f64)> = self.binned[self.starts[bin]..self.starts[bin + 1]]
            .iter()
            .map(|&e| self.edges[e as usize])
            .filter(|e| (e.y0 > lat) != (e.y1 > lat))
            .map(|e| {
                let x = e.x0 + (lat - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0);
                (e.country, x)
            })
            .collect();
        crossings.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for country in crossings.chunk_by(|a, b| a.0 == b.0) {
            for pair in country.chunks_exact(2) {
                fill(grid, pair[0].1, pair[1].1, pair[0].0, out);
            }
        }
    }
}

/// Marks the cells whose centres lie in [`west`, `east`) as `country`, where no earlier
/// country has them. The grid may run past ±180° (some global files do, by a rounding error or
/// by using 0°–360°), so the span is also laid a turn to either side.
fn fill(grid: &Grid, west: f64, east: f64, country: u32, out: &mut [u32]) {
    let column = |lon: f64| ((lon - grid.west) / grid.cell_width - 0.5).ceil();
    for turn in [-360.0, 0.0, 360.0] {
        let first = column(west + turn).clamp(0.0, grid.width as f64) as usize;
        let end = column(east + turn).clamp(0.0, grid.width as f64) as usize;
        for cell in out[first..end.max(first)].iter_mut().filter(|c| **c == 0) {
            *cell = country;
        }
    }
}

/// The edges of a ring, closing it if its last point is not its first.
///
/// A ring that goes round a pole (Antarctica's) jumps once across the antimeridian, from 180°
/// to −180° along a parallel: drawn flat, that closing edge would leave out everything between
/// it and the pole. Such a jump is replaced by the way round the pole: along the antimeridian
/// to the pole, and back on the other side.
fn ring_edges(ring: &[(f64, f64)], country: u32, edges: &mut Vec<Edge>) {
    let mut push = |(x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
        // Horizontal edges never cross a parallel.
        if y0 != y1 {
            edges.push(Edge {
                x0,
                y0,
                x1,
                y1,
                country,
            });
        }
    };
    let next = ring.iter().cycle().skip(1);
    for (&from, &to) in ring.iter().zip(next) {
        if (to.0 - from.0).abs() <= 180.0 {
            push(from, to);
            continue;
        }
        let (seam, other) = if from.0 > to.0 {
            (180.0, -180.0)
        } else {
            (-180.0, 180.0)
        };
        let lat = seam_latitude(from, to, seam);
        let pole = if lat < 0.0 { -90.0 } else { 90.0 };
        push(from, (seam, lat));
        push((seam, lat), (seam, pole));
        push((other, pole), (other, lat));
        push((other, lat), to);
    }
}

/// Where the edge from `from` to `to`, taken the short way across the antimeridian at
/// `seam` (±180°), meets it.
fn seam_latitude(from: (f64, f64), to: (f64, f64), seam: f64) -> f64 {
    let to_x = to.0 + 2.0 * seam;
    if to_x == from.0 {
        return from.1;
    }
    from.1 + (seam - from.0) / (to_x - from.0) * (to.1 - from.1)
}

fn bin(lat: f64) -> usize {
    (((lat + 90.0) / BIN_DEGREES).floor().max(0.0) as usize).min(BINS - 1)
}

/// The edges filed in every latitude bin their span overlaps, in compressed form:
/// (offsets of each bin, edge indices).
fn file_by_latitude(edges: &[Edge]) -> (Vec<usize>, Vec<u32>) {
    let span = |e: &Edge| bin(e.y0.min(e.y1))..=bin(e.y0.max(e.y1));
    let mut starts = vec![0; BINS + 1];
    for edge in edges {
        for b in span(edge) {
            starts[b + 1] += 1;
        }
    }
    for b in 0..BINS {
        starts[b + 1] += starts[b];
    }
    let mut binned = vec![0; starts[BINS]];
    let mut cursor = starts.clone();
    for (index, edge) in (0u32..).zip(edges) {
        for b in span(edge) {
            binned[cursor[b]] = index;
            cursor[b] += 1;
        }
    }
    (starts, binned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::natural_earth_110m;

    /// A 0.5° grid over the whole globe.
    fn half_degree() -> Grid {
        Grid {
            west: -180.0,
            north: 90.0,
            cell_width: 0.5,
            cell_height: 0.5,
            width: 720,
            height: 360,
            nodata: None,
        }
    }

    /// The ISO3 code of the cell holding (lon, lat), or "" for none.
    fn country_at(raster: &CountryRaster, grid: &Grid, lon: f64, lat: f64) -> String {
        let row = ((grid.north - lat) / grid.cell_height) as usize;
        let column = ((lon - grid.west) / grid.cell_width) as usize;
        let mut out = Vec::new();
        raster.fill_row(grid, row, &mut out);
        match out[column] {
            0 => String::new(),
            id => raster.countries()[id as usize - 1].iso3.clone(),
        }
    }

    /// AAA: a 10° square at (0..10, 0..10) with a hole (4..6, 4..6) that is BBB; CCC overlaps
    /// AAA's east edge (8..12, 0..2) and comes later in the file.
    const SHAPES: &str = r#"{"type": "Topology", "arcs": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]],
        [[8, 0], [12, 0], [12, 2], [8, 2], [8, 0]]],
      "objects": {"c": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0], [1]], "properties": {"isoA3": "AAA", "name": "A"}},
        {"type": "Polygon", "arcs": [[-2]], "properties": {"isoA3": "BBB", "name": "B"}},
        {"type": "Polygon", "arcs": [[2]], "properties": {"isoA3": "CCC", "name": "C"}}
      ]}}}"#;

    #[test]
    fn holes_are_cut_out_and_the_first_country_keeps_overlaps() {
        let world = World::from_topojson(SHAPES, "c").unwrap();
        let raster = CountryRaster::new(&world);
        assert_eq!(raster.countries()[1].iso3, "BBB");
        // 1° cells from (-1, 11): row r has its centre at 10.5 - r, column c at c - 0.5.
        let grid = Grid {
            cell_width: 1.0,
            cell_height: 1.0,
            ..crate::raster::tests::grid(-1.0, 11.0, 14, 12)
        };
        let picture: Vec<String> = (0..grid.height)
            .map(|row| {
                let mut out = Vec::new();
                raster.fill_row(&grid, row, &mut out);
                out.iter()
                    .map(|&c| [".", "A", "B", "C"][c as usize])
                    .collect()
            })
            .collect();
        assert_eq!(
            picture,
            [
                "..............",
                ".AAAAAAAAAA...",
                ".AAAAAAAAAA...",
                ".AAAAAAAAAA...",
                ".AAAAAAAAAA...",
                ".AAAABBAAAA...",
                ".AAAABBAAAA...",
                ".AAAAAAAAAA...",
                ".AAAAAAAAAA...",
                ".AAAAAAAAAACC.",
                ".AAAAAAAAAACC.",
                "..............",
            ]
        );
    }

    #[test]
    fn natural_earth_countries_are_where_they_should_be() {
        let raster = CountryRaster::new(&natural_earth_110m());
        let grid = half_degree();
        let at = |lon, lat| country_at(&raster, &grid, lon, lat);
        assert_eq!(at(2.3, 48.9), "FRA");
        assert_eq!(at(-100.0, 40.0), "USA");
        assert_eq!(at(25.0, 0.0), "COD");
        assert_eq!(at(28.2, -29.5), "LSO", "a hole in South Africa");
        assert_eq!(at(25.0, -30.0), "ZAF");
        // Chukotka, east of the antimeridian, and Fiji on both sides of it.
        assert_eq!(at(-175.0, 66.0), "RUS");
        // Antarctica's ring goes round the pole: the pole itself is Antarctica.
        assert_eq!(at(0.0, -89.9), "ATA");
        assert_eq!(at(120.0, -87.0), "ATA");
        assert_eq!(at(0.0, -80.0), "ATA");
        assert_eq!(at(-30.0, 0.0), "", "the Atlantic");
        assert_eq!(at(0.0, 89.9), "", "the North Pole");
    }

    #[test]
    fn grids_past_the_antimeridian_are_filled_a_turn_round() {
        let raster = CountryRaster::new(&natural_earth_110m());
        // 0°–360°: Chukotka at 185°E.
        let grid = Grid {
            west: 0.0,
            ..half_degree()
        };
        assert_eq!(country_at(&raster, &grid, 185.0, 66.0), "RUS");
        assert_eq!(country_at(&raster, &grid, 260.0, 40.0), "USA");
        assert_eq!(country_at(&raster, &grid, 2.3, 48.9), "FRA");
    }

    #[test]
    fn a_ring_round_the_north_pole_fills_up_to_it() {
        // A cap north of 80°N, drawn as Natural Earth draws Antarctica: west to east, closed
        // by a jump along the parallel at the antimeridian.
        let ring: Vec<(f64, f64)> = (0..=8)
            .map(|i| (-180.0 + 45.0 * f64::from(i), 80.0))
            .chain([(-180.0, 80.0)])
            .collect();
        let mut edges = Vec::new();
        ring_edges(&ring, 1, &mut edges);
        let (starts, binned) = file_by_latitude(&edges);
        let raster = CountryRaster {
            names: vec![CountryName {
                iso3: "NPL".to_owned(),
                name: "Cap".to_owned(),
            }],
            edges,
            starts,
            binned,
        };
        let grid = half_degree();
        let mut out = Vec::new();
        raster.fill_row(&grid, 0, &mut out);
        assert!(out.iter().all(|&c| c == 1), "the polar row is all in");
        raster.fill_row(&grid, 19, &mut out);
        assert!(out.iter().all(|&c| c == 1), "80.25°N is in");
        raster.fill_row(&grid, 20, &mut out);
        assert!(out.iter().all(|&c| c == 0), "79.75°N is out");
    }

    #[test]
    fn seam_latitudes() {
        assert_eq!(seam_latitude((170.0, 0.0), (-170.0, 10.0), 180.0), 5.0);
        assert_eq!(seam_latitude((-175.0, 0.0), (165.0, 20.0), -180.0), 5.0);
        assert_eq!(seam_latitude((180.0, -84.7), (-180.0, -84.7), 180.0), -84.7);
    }
}
