//! What the tests share: an event to vary and a tiny map.

use chrono::NaiveDate;

use crate::Event;

/// A political-violence event in `iso3` at (0°, 0°) on 1 June 2024, without fatalities,
/// civilians or armed groups: tests change what they need with `..event(code)`.
pub(crate) fn event(iso3: &str) -> Event {
    Event {
        iso3: iso3.to_owned(),
        date: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
        lat: 0.0,
        lon: 0.0,
        fatalities: 0.0,
        political_violence: true,
        targets_civilians: false,
        non_state_actors: Vec::new(),
    }
}

/// AAA: the square 0°–1° E, 0°–1° N; BBB: 1°–2° E beside it; and a shape without a code
/// (Natural Earth's "-99") far to the east, at 3°–3.5° E.
pub(crate) const TWO_SQUARES: &str = r#"{"type": "Topology", "arcs": [
    [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
    [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]],
    [[3, 0], [3.5, 0], [3.5, 0.5], [3, 0.5], [3, 0]]],
  "objects": {"c": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "arcs": [[0]], "properties": {"isoA3": "AAA", "name": "A"}},
    {"type": "Polygon", "arcs": [[1]], "properties": {"isoA3": "BBB", "name": "B"}},
    {"type": "Polygon", "arcs": [[2]], "properties": {"isoA3": "-99", "name": "Nowhere"}}
  ]}}}"#;
