//! `eirene exposure` end to end: UCDP GED events of the shared mirror, a population grid written
//! by the test, and a brute-force count (every cell × every event) to compare with; then the
//! same grid given to `eirene serve --population`, whose country pages must show the figures
//! `eirene exposure` prints and whose conflict index must compute diffusion.

use std::path::Path;

use serde_json::Value;

use crate::server::{Server, data};
use crate::support::synced;

/// The test grid: 0.1° cells over Myanmar and its neighbours (lon 92–102, lat 9–29), as
/// (west, south, cell size, columns, rows).
const GRID: (f64, f64, f64, usize, usize) = (92.0, 9.0, 0.1, 100, 200);

/// People in a cell of the test grid: 100, except a nodata cell and a row of 250 people.
fn people(row: usize, col: usize) -> f64 {
    if (row, col) == (10, 10) {
        -9999.0
    } else if row == 150 {
        250.0
    } else {
        100.0
    }
}

/// Writes the test grid at `path`, as an ESRI ASCII grid.
fn write_grid(path: &Path) {
    let (west, south, cell, ncols, nrows) = GRID;
    let mut grid = format!(
        "ncols {ncols}\nnrows {nrows}\nxllcorner {west}\nyllcorner {south}\ncellsize {cell}\nNODATA_value -9999\n"
    );
    for row in 0..nrows {
        let line: Vec<String> = (0..ncols).map(|col| people(row, col).to_string()).collect();
        grid.push_str(&line.join(" "));
        grid.push('\n');
    }
    std::fs::write(path, grid).unwrap();
}

/// Great-circle distance in km (the Earth's mean radius, as eirene-spatial uses).
fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

#[test]
fn exposure_over_myanmar_equals_a_brute_force_count() {
    let e = synced();
    let (west, south, cell, ncols, nrows) = GRID;
    let path = e.data_dir().join("population.asc");
    write_grid(&path);
    let run = e.ok(&[
        "exposure",
        "--radius-km",
        "5",
        "--window-end",
        "2023-12-31",
        "--population",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let result: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(result["window"]["start"], "2023-01-01");
    assert_eq!(result["source"], "ucdp-ged");

    let events = e.query(
        "SELECT latitude, longitude FROM ged_events \
         WHERE date_start BETWEEN DATE '2023-01-01' AND DATE '2023-12-31'",
    );
    assert_eq!(result["events"], events.len());
    let events: Vec<(f64, f64)> = events
        .iter()
        .map(|r| {
            (
                r["latitude"].as_f64().unwrap(),
                r["longitude"].as_f64().unwrap(),
            )
        })
        .collect();
    let (mut population, mut exposed) = (0.0, 0.0);
    for row in 0..nrows {
        let lat = south + (nrows - row) as f64 * cell - cell / 2.0;
        for col in 0..ncols {
            let value = people(row, col).max(0.0);
            population += value;
            let lon = west + col as f64 * cell + cell / 2.0;
            if events
                .iter()
                .any(|&(elat, elon)| haversine_km(lat, lon, elat, elon) <= 5.0)
            {
                exposed += value;
            }
        }
    }
    let world = &result["world"];
    assert_eq!(world["population"].as_f64().unwrap(), population);
    assert_eq!(world["exposed"].as_f64().unwrap(), exposed);
    assert!(exposed > 0.0 && exposed < population);
    // Every person is in a country or unassigned, once.
    let countries = result["countries"].as_array().unwrap();
    let sum: f64 = countries
        .iter()
        .map(|c| c["exposed"].as_f64().unwrap())
        .sum::<f64>()
        + result["unassigned"]["exposed"].as_f64().unwrap();
    assert_eq!(sum, exposed);
    let myanmar = countries.iter().find(|c| c["iso3"] == "MMR").unwrap();
    assert!(
        myanmar["exposed"].as_f64().unwrap() > 0.9 * exposed,
        "{myanmar}"
    );
    let share = myanmar["share"].as_f64().unwrap();
    assert!(share > 0.0 && share < 1.0);
}

#[test]
fn exposure_refuses_a_bad_radius_and_a_raster_it_cannot_read() {
    let e = synced();
    let bad = e.run(&["exposure", "--radius-km=-1", "--population", "x.asc"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("--radius-km"), "{}", bad.stderr);
    let path = e.data_dir().join("broken.asc");
    std::fs::write(&path, "ncols 2\nnrows two\n").unwrap();
    let broken = e.run(&["exposure", "--population", path.to_str().unwrap()]);
    assert_ne!(broken.code, 0);
    assert!(broken.stderr.contains("broken.asc"), "{}", broken.stderr);
    assert!(broken.stderr.contains("line 2"), "{}", broken.stderr);
    let csv = e.run(&["exposure", "--population", "population.csv"]);
    assert_eq!(csv.code, 2, "a usage error: {}", csv.stderr);
    assert!(
        csv.stderr
            .contains("population.csv: a population raster is a GeoTIFF"),
        "{}",
        csv.stderr
    );
}

/// A country's entry in a JSON document's `countries`.
fn country<'a>(document: &'a Value, iso3: &str) -> &'a Value {
    document["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["iso3"] == iso3)
        .unwrap_or_else(|| panic!("{iso3} missing: {document}"))
}

/// A whole number as English writes it: 1,234,567.
fn english(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[test]
fn the_server_shows_the_exposure_and_diffusion_of_its_population_raster() {
    let path = data().data_dir().join("myanmar-population.asc");
    write_grid(&path);
    let file = path.to_str().unwrap();
    let server = Server::start_with(&["--population", file]);

    let page = server.json("/countries/MMR.json");
    let exposure = &page["exposure"];
    assert_eq!(page["exposure_reason"], Value::Null);
    // The conflict index's default window: December to November.
    let end = exposure["window"]["end"].as_str().unwrap();
    assert_eq!(end, "2023-11-30", "{exposure}");
    let run = data().ok(&[
        "exposure",
        "--window-end",
        end,
        "--population",
        file,
        "--format",
        "json",
    ]);
    let command: Value = serde_json::from_str(&run.stdout).unwrap();
    let myanmar = country(&command, "MMR");
    for key in ["population", "exposed", "share"] {
        assert_eq!(
            exposure[key], myanmar[key],
            "{key}: {exposure} vs {myanmar}"
        );
    }
    assert!(exposure["exposed"].as_f64().unwrap() > 0.0, "{exposure}");
    assert_eq!(exposure["window"], command["window"]);
    assert_eq!(exposure["events"], command["events"]);
    assert_eq!(exposure["radius_km"], 5.0);
    assert_eq!(exposure["population_file"], "myanmar-population.asc");
    let source = &exposure["source"];
    assert_eq!(source["id"], "ucdp-ged");
    assert!(!source["sha256"].as_array().unwrap().is_empty(), "{source}");
    let provenance = exposure["provenance"].as_str().unwrap();
    let version = source["version"].as_str().unwrap();
    for part in [
        &format!("GED) Global {version}"),
        "population raster myanmar-population.asc",
        "radius 5 km",
        "great-circle",
        "each person counted once",
    ] {
        assert!(provenance.contains(part), "{part}: {provenance}");
    }

    let html = server.get("/countries/MMR");
    assert!(html.body.contains("<h2>Population exposure</h2>"));
    let exposed = english(exposure["exposed"].as_f64().unwrap());
    assert!(html.body.contains(&exposed), "{exposed} people on the page");
    assert!(html.body.contains(provenance), "the provenance line");
    let french = server.get("/countries/MMR?lang=fr");
    assert!(french.body.contains("<h2>Exposition de la population</h2>"));
    assert!(
        french
            .body
            .contains("grille de population myanmar-population.asc")
    );
    // Mexico is off the grid: nobody there, so no share, and the page says why.
    let mexico = server.json("/countries/MEX.json");
    assert_eq!(mexico["exposure"]["population"], 0.0);
    assert_eq!(mexico["exposure"]["share"], Value::Null);
    assert!(
        server
            .get("/countries/MEX")
            .body
            .contains("places nobody in this country")
    );

    let index = server.json("/conflict-index.json");
    assert_eq!(index["diffusion_computed"], true);
    assert_eq!(index["population_file"], "myanmar-population.asc");
    assert!(country(&index, "MMR")["diffusion"].is_number(), "{index}");
    // The ranking is the command line's, diffusion included.
    let run = data().ok(&["index", "--population", file, "--format", "json"]);
    let command: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(index["countries"], command["countries"]);
    let html = server.get("/conflict-index");
    assert!(
        html.body
            .contains("Diffusion computed from the population raster myanmar-population.asc")
    );
    assert!(
        html.body
            .contains("<th class=\"num\">Diffusion (% of cells)</th>")
    );
}

#[test]
fn the_server_stops_at_start_on_a_raster_it_cannot_read() {
    let serve =
        |raster: &str| data().run(&["serve", "--bind", "127.0.0.1:0", "--population", raster]);
    let missing = serve("/no/such/population.tif");
    assert_ne!(missing.code, 0);
    assert!(
        missing.stderr.contains("/no/such/population.tif"),
        "{}",
        missing.stderr
    );
    let csv = serve("population.csv");
    assert_ne!(csv.code, 0);
    assert!(
        csv.stderr.contains(
            "population.csv: a population raster is a GeoTIFF (.tif) or an ESRI ASCII grid (.asc)"
        ),
        "{}",
        csv.stderr
    );
}
