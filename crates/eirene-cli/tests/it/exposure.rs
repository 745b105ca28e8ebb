//! `eirene exposure` end to end: UCDP GED events of the shared mirror, a population grid written
//! by the test, and a brute-force count (every cell × every event) to compare with.

use serde_json::Value;

use crate::support::synced;

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
    // 0.1° cells over Myanmar and its neighbours (lon 92–102, lat 9–29), 100 people each,
    // except a nodata cell and a row of 250 people.
    let (west, south, cell, ncols, nrows) = (92.0, 9.0, 0.1, 100, 200);
    let people = |row: usize, col: usize| -> f64 {
        if (row, col) == (10, 10) {
            -9999.0
        } else if row == 150 {
            250.0
        } else {
            100.0
        }
    };
    let mut grid = format!(
        "ncols {ncols}\nnrows {nrows}\nxllcorner {west}\nyllcorner {south}\ncellsize {cell}\nNODATA_value -9999\n"
    );
    for row in 0..nrows {
        let line: Vec<String> = (0..ncols).map(|col| people(row, col).to_string()).collect();
        grid.push_str(&line.join(" "));
        grid.push('\n');
    }
    let path = e.data_dir().join("population.asc");
    std::fs::write(&path, grid).unwrap();
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
}
