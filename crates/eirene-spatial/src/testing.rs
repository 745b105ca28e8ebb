//! What the tests share: the real map and the brute-force exposure every faster answer is
//! checked against (random numbers come from `eirene_testkit`).

use eirene_charts::World;

use crate::exposure::{EARTH_RADIUS_KM, LatLon};
use crate::raster::Grid;

/// Natural Earth 1:110m countries, read from the shared data folder beside the repository
/// (never copied into it).
pub(crate) fn natural_earth_110m() -> World {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/geo/naturalearth_topojson/countries-110m.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    World::from_topojson(&text, "countries").unwrap()
}

/// Great-circle distance in km by the haversine formula.
pub(crate) fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The people in cells whose centre is within `radius_km` of any event, by trying every event
/// for every cell, summed in row-major order; `people` row-major, north to south.
pub(crate) fn brute_force(grid: &Grid, people: &[f64], events: &[LatLon], radius_km: f64) -> f64 {
    let mut exposed = 0.0;
    for row in 0..grid.height {
        for column in 0..grid.width {
            let centre = LatLon {
                lat: grid.centre_lat(row),
                lon: grid.centre_lon(column),
            };
            if events.iter().any(|&e| haversine_km(centre, e) <= radius_km) {
                exposed += people[row * grid.width + column];
            }
        }
    }
    exposed
}

#[test]
fn haversine_reference_values() {
    // A degree of a great circle is 111.195 km on a sphere of 6,371.0088 km.
    let origin = LatLon { lat: 0.0, lon: 0.0 };
    let east = LatLon { lat: 0.0, lon: 1.0 };
    assert!((haversine_km(origin, east) - 111.195_08).abs() < 1e-4);
    // Across the antimeridian the short way.
    let west = LatLon {
        lat: 0.0,
        lon: 179.5,
    };
    let across = LatLon {
        lat: 0.0,
        lon: -179.5,
    };
    assert!((haversine_km(west, across) - 111.195_08).abs() < 1e-4);
    // Pole to equator: a quarter of the circumference.
    let pole = LatLon {
        lat: 90.0,
        lon: 33.0,
    };
    let quarter = std::f64::consts::FRAC_PI_2 * EARTH_RADIUS_KM;
    assert!((haversine_km(pole, origin) - quarter).abs() < 1e-9);
}
