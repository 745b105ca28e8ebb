//! The real map data the tests run on, read from the shared data folder beside the repository
//! (never copied into it).

use crate::World;

const FOLDER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/geo/naturalearth_topojson/"
);

/// Natural Earth 1:110m countries (174 geometries).
pub(crate) fn natural_earth_110m() -> World {
    natural_earth("countries-110m.json")
}

/// Natural Earth 1:50m countries (239 geometries, small states included).
pub(crate) fn natural_earth_50m() -> World {
    natural_earth("countries-50m.json")
}

fn natural_earth(file: &str) -> World {
    let path = format!("{FOLDER}{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    World::from_topojson(&text, "countries").unwrap()
}
