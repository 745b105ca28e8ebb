//! The real map data the tests run on, read from the shared data folder beside the repository
//! (never copied into it), a small made-up map, and what the map tests use to read an SVG.

use std::collections::HashMap;

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

/// A big square (20°) and a small one (0.5°) with awkward names.
pub(crate) const TWO_SHAPES: &str = r#"{
    "type": "Topology",
    "arcs": [[[0, 0], [20, 0], [20, 20], [0, 20], [0, 0]],
             [[40, 40], [40.5, 40], [40.5, 40.5], [40, 40.5], [40, 40]]],
    "objects": {"c": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "properties": {"isoA3": "BIH", "name": "Bosnia & <Herz.>"}},
        {"type": "Polygon", "arcs": [[1]], "properties": {"isoA3": "MLT", "name": "\"Malta\""}},
        {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Nowhere's"}}
    ]}}
}"#;

/// The value of attribute `name` at its first place in `element`.
pub(crate) fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    let start = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    &element[start..start + element[start..].find('"').unwrap()]
}

/// The `<a>…</a>` of the country with this code.
pub(crate) fn element<'a>(svg: &'a str, iso3: &str) -> &'a str {
    let at = svg.find(&format!("data-iso3=\"{iso3}\"")).unwrap();
    let start = svg[..at].rfind("<a ").unwrap();
    &svg[start..start + svg[start..].find("</a>").unwrap()]
}

/// The same entries in a new map, inserted from the last key to the first: equal data that
/// iterates in another order, to check that output does not depend on it.
pub(crate) fn reinserted<V: Clone>(map: &HashMap<String, V>) -> HashMap<String, V> {
    let mut entries: Vec<(String, V)> = map.clone().into_iter().collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    entries.into_iter().collect()
}
