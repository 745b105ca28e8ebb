//! Natural Earth countries from TopoJSON.
//!
//! TopoJSON stores each shared border once, as an "arc"; polygons list the arcs around them,
//! a negative index ~i meaning arc i walked backwards. Arcs are usually quantized to integers
//! and delta-encoded, with a `transform` to turn them back into degrees. This is the format
//! Natural Earth is distributed in for the web, and it is small enough to decode here rather
//! than pull in a GIS stack.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::antimeridian;

/// A point in degrees: (longitude, latitude).
type Point = (f64, f64);

/// Why a topology could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The text is not JSON of the expected shape.
    #[error("not a valid TopoJSON file: {0}")]
    Json(#[from] serde_json::Error),
    /// The JSON is not a topology.
    #[error("not a TopoJSON topology: \"type\" is {0:?}, not \"Topology\"")]
    NotTopology(String),
    /// The topology has no object by that name.
    #[error("object \"{0}\" not found")]
    ObjectNotFound(String),
    /// A geometry refers to an arc the topology does not have.
    #[error("arc index {index} out of range: the topology has {count} arcs")]
    ArcIndex {
        /// The index as written (negative for a reversed arc).
        index: i64,
        /// How many arcs there are.
        count: usize,
    },
    /// An arc has a position with fewer than two coordinates.
    #[error("arc {arc} has a position with fewer than two coordinates")]
    Position {
        /// The arc's index.
        arc: usize,
    },
    /// A polygon's `arcs` member is not a list of rings of arc indices.
    #[error("geometry {name:?} has malformed \"arcs\": {source}")]
    Geometry {
        /// The geometry's name, or its type when it has none.
        name: String,
        /// What was wrong.
        source: serde_json::Error,
    },
}

/// One country (or territory, as Natural Earth draws them).
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code; empty when the data gives none (the shape is still drawn,
    /// without a link).
    pub iso3: String,
    /// Name as Natural Earth writes it ("Bosnia and Herz.").
    pub name: String,
    /// Polygons → rings (the first one outer, the others holes) → (longitude, latitude).
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

impl Country {
    /// The ISO3 code, if the data gives one.
    pub fn code(&self) -> Option<&str> {
        Some(self.iso3.as_str()).filter(|code| !code.is_empty())
    }
}

/// Natural Earth countries decoded from TopoJSON, in longitude/latitude degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    countries: Vec<Country>,
}

impl World {
    /// Decodes object `object` (e.g. "countries") of a TopoJSON topology: quantized,
    /// delta-encoded arcs with `transform` (scale/translate), arc index negatives meaning
    /// reversed (~i), Polygon and MultiPolygon geometries; null geometries skipped.
    ///
    /// Geometries of other types (points, lines) are skipped too: they have no area to fill.
    /// Polygons that cross the antimeridian are cut there (see `antimeridian`), so every ring
    /// can be drawn flat.
    /// Countries keep the order of the file, so maps drawn from them are deterministic.
    pub fn from_topojson(text: &str, object: &str) -> Result<World, MapError> {
        let topology: Topology = serde_json::from_str(text)?;
        if topology.kind != "Topology" {
            return Err(MapError::NotTopology(topology.kind));
        }
        let arcs = decode_arcs(&topology.arcs, topology.transform.as_ref())?;
        let value = topology
            .objects
            .get(object)
            .ok_or_else(|| MapError::ObjectNotFound(object.to_owned()))?;
        let geometry = RawGeometry::deserialize(value)?;
        let mut countries = Vec::new();
        collect(geometry, &arcs, &mut countries)?;
        Ok(World { countries })
    }

    /// The countries, in the order of the file.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code() == Some(iso3))
    }
}

#[derive(Deserialize)]
struct Topology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<Transform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: Map<String, Value>,
}

/// Quantized position → degrees: `position * scale + translate`.
#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

/// A geometry as written; `type` is null for a feature without a shape.
#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    arcs: Value,
    properties: Option<Map<String, Value>>,
    #[serde(default)]
    geometries: Vec<RawGeometry>,
}

/// Every arc in absolute degrees: quantized arcs are delta-encoded (each position is the
/// offset from the previous one), unquantized ones are already absolute.
fn decode_arcs(
    arcs: &[Vec<Vec<f64>>],
    transform: Option<&Transform>,
) -> Result<Vec<Vec<Point>>, MapError> {
    arcs.iter()
        .enumerate()
        .map(|(i, arc)| decode_arc(i, arc, transform))
        .collect()
}

fn decode_arc(
    index: usize,
    positions: &[Vec<f64>],
    transform: Option<&Transform>,
) -> Result<Vec<Point>, MapError> {
    let mut cursor = (0.0, 0.0);
    positions
        .iter()
        .map(|position| {
            let &[x, y, ..] = position.as_slice() else {
                return Err(MapError::Position { arc: index });
            };
            Ok(match transform {
                Some(t) => {
                    cursor = (cursor.0 + x, cursor.1 + y);
                    (
                        cursor.0 * t.scale[0] + t.translate[0],
                        cursor.1 * t.scale[1] + t.translate[1],
                    )
                }
                None => (x, y),
            })
        })
        .collect()
}

/// Adds the countries of `geometry` (flattening collections) to `out`.
fn collect(
    geometry: RawGeometry,
    arcs: &[Vec<Point>],
    out: &mut Vec<Country>,
) -> Result<(), MapError> {
    match geometry.kind.as_deref() {
        Some("GeometryCollection") => {
            for member in geometry.geometries {
                collect(member, arcs, out)?;
            }
        }
        Some("Polygon" | "MultiPolygon") => out.push(country(&geometry, arcs)?),
        // Null geometries, points and lines: nothing to fill.
        _ => {}
    }
    Ok(())
}

fn country(geometry: &RawGeometry, arcs: &[Vec<Point>]) -> Result<Country, MapError> {
    let stitched = polygon_indices(geometry)?
        .iter()
        .map(|polygon| polygon.iter().map(|ring| stitch(arcs, ring)).collect())
        .collect::<Result<Vec<_>, _>>()?;
    let polygons = stitched.into_iter().flat_map(antimeridian::cut).collect();
    Ok(Country {
        iso3: iso3(geometry.properties.as_ref()),
        name: name(geometry),
        polygons,
    })
}

/// Polygons → rings → arc indices; a Polygon is a MultiPolygon of one.
fn polygon_indices(geometry: &RawGeometry) -> Result<Vec<Vec<Vec<i64>>>, MapError> {
    let parsed = if geometry.kind.as_deref() == Some("Polygon") {
        Vec::deserialize(&geometry.arcs).map(|polygon| vec![polygon])
    } else {
        Vec::deserialize(&geometry.arcs)
    };
    parsed.map_err(|source| MapError::Geometry {
        name: name(geometry),
        source,
    })
}

/// The ring made by walking `indices` in turn. Consecutive arcs share their joining point, so
/// each arc after the first drops it.
fn stitch(arcs: &[Vec<Point>], indices: &[i64]) -> Result<Vec<Point>, MapError> {
    let mut ring: Vec<Point> = Vec::new();
    for &index in indices {
        let (arc, reversed) = arc_at(arcs, index)?;
        ring.pop();
        if reversed {
            ring.extend(arc.iter().rev());
        } else {
            ring.extend(arc);
        }
    }
    Ok(ring)
}

/// Arc `index`, or arc `!index` (= −index − 1) reversed when negative.
fn arc_at(arcs: &[Vec<Point>], index: i64) -> Result<(&[Point], bool), MapError> {
    let (position, reversed) = if index >= 0 {
        (index, false)
    } else {
        (!index, true)
    };
    usize::try_from(position)
        .ok()
        .and_then(|i| arcs.get(i))
        .map(|arc| (arc.as_slice(), reversed))
        .ok_or(MapError::ArcIndex {
            index,
            count: arcs.len(),
        })
}

/// `isoA3`, else `adm0A3`: Natural Earth leaves `isoA3` null (or "-99") for France and Norway,
/// whose ISO codes cover overseas territories drawn separately, but their `adm0A3` is the
/// code everyone uses. Anything that is not three capital letters is not a code.
fn iso3(properties: Option<&Map<String, Value>>) -> String {
    let is_code = |code: &&str| code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
    ["isoA3", "adm0A3"]
        .iter()
        .filter_map(|key| properties?.get(*key)?.as_str())
        .find(is_code)
        .unwrap_or_default()
        .to_owned()
}

/// `properties.name`, else the code, else the geometry type, so a title is never empty.
fn name(geometry: &RawGeometry) -> String {
    let properties = geometry.properties.as_ref();
    let named = properties.and_then(|p| p.get("name")?.as_str());
    match named {
        Some(name) => name.to_owned(),
        None => match iso3(properties) {
            code if !code.is_empty() => code,
            _ => geometry.kind.clone().unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testdata::{natural_earth_50m, natural_earth_110m as world};

    /// Bounding box (lon0, lat0, lon1, lat1) of some rings.
    fn bbox<'a>(rings: impl IntoIterator<Item = &'a Vec<Point>>) -> (f64, f64, f64, f64) {
        rings.into_iter().flatten().fold(
            (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
        )
    }

    #[test]
    fn decodes_every_natural_earth_country() {
        let world = world();
        assert_eq!(world.countries().len(), 174);
        let coded = world.countries().iter().filter(|c| c.code().is_some());
        // France and Norway have no isoA3 in Natural Earth: found through adm0A3.
        assert_eq!(coded.count(), 174);
        assert_eq!(world.country("NOR").unwrap().name, "Norway");
        let mut codes: Vec<&str> = world.countries().iter().map(|c| c.iso3.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 174, "codes are unique");
    }

    #[test]
    fn france_has_its_overseas_department() {
        let world = world();
        let france = world.country("FRA").unwrap();
        assert_eq!(france.name, "France");
        assert!(france.polygons.len() >= 2);
        // One polygon is French Guiana, in South America.
        assert!(france.polygons.iter().any(|p| {
            let (lon0, lat0, lon1, lat1) = bbox(p);
            lon0 > -55.0 && lon1 < -51.0 && lat0 > 1.0 && lat1 < 6.0
        }));
    }

    #[test]
    fn decodes_the_detailed_map_too() {
        let world = natural_earth_50m();
        assert_eq!(world.countries().len(), 239);
        assert!(world.country("MLT").is_some() && world.country("SGP").is_some());
        assert_eq!(world.country("FRA").unwrap().name, "France");
    }

    #[test]
    fn coordinates_are_degrees() {
        let (coarse, detailed) = (world(), natural_earth_50m());
        for country in coarse.countries().iter().chain(detailed.countries()) {
            let (lon0, lat0, lon1, lat1) = bbox(country.polygons.iter().flatten());
            assert!(
                lon0 >= -180.0 && lon1 <= 180.0 && lat0 >= -90.0 && lat1 <= 90.0,
                "{}: {lon0} {lat0} {lon1} {lat1}",
                country.name
            );
            for ring in country.polygons.iter().flatten() {
                assert!(ring.len() >= 4, "{} has a degenerate ring", country.name);
                let jumps = ring.windows(2).filter(|w| (w[1].0 - w[0].0).abs() > 180.0);
                // Only Antarctica's ring, round the pole, closes along a parallel.
                assert!(
                    jumps.count() == 0 || country.iso3 == "ATA",
                    "{} jumps",
                    country.name
                );
                assert_eq!(
                    ring.first(),
                    ring.last(),
                    "{}: ring not closed",
                    country.name
                );
            }
        }
    }

    #[test]
    fn shapes_across_the_antimeridian_are_cut() {
        let world = world();
        // Chukotka, east of the seam, is a polygon of its own.
        let russia = world.country("RUS").unwrap();
        assert!(russia.polygons.iter().any(|p| bbox(p).2 < -160.0));
        // And no Fijian polygon spans the whole world any more.
        let fiji = world.country("FJI").unwrap();
        assert!(fiji.polygons.iter().all(|p| bbox(p).2 - bbox(p).0 < 5.0));
    }

    #[test]
    fn iceland_is_where_it_should_be() {
        let world = world();
        let iceland = world.country("ISL").unwrap();
        assert_eq!(iceland.polygons.len(), 1);
        let (lon0, lat0, lon1, lat1) = bbox(&iceland.polygons[0]);
        assert!(lon0 > -25.0 && lon1 < -13.0, "{lon0}..{lon1}");
        assert!(lat0 > 63.0 && lat1 < 67.0, "{lat0}..{lat1}");
        // And not a degenerate sliver: it spans most of that box.
        assert!(lon1 - lon0 > 8.0 && lat1 - lat0 > 2.0);
    }

    /// Two arcs quantized on a 0.5° grid from (10, 20): arc 0 goes (0,0) → (4,0) → (4,2),
    /// arc 1 goes (0,0) → (0,2) → (4,2). Square A walks arc 0 then arc 1 backwards; B is a
    /// multipolygon that walks arc 1 then arc 0 backwards (the same square, other way round).
    const TINY: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [4, 0], [0, 2]], [[0, 0], [0, 2], [4, 0]]],
        "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, -2]], "properties": {"isoA3": "AAA", "name": "A & Co"}},
            {"type": "MultiPolygon", "arcs": [[[1, -1]]], "properties": {"isoA3": "-99", "adm0A3": "BBB"}},
            {"type": null, "properties": {"isoA3": "NUL"}},
            {"type": "Polygon", "arcs": [[0, -2]], "properties": {"isoA3": null, "adm0A3": "B1"}}
        ]}}
    }"#;

    #[test]
    fn decodes_a_tiny_topology_exactly() {
        let world = World::from_topojson(TINY, "shapes").unwrap();
        let [a, b, unnamed] = world.countries() else {
            panic!("expected three shapes, the null geometry skipped");
        };
        assert_eq!(a.iso3, "AAA");
        assert_eq!(a.name, "A & Co");
        assert_eq!(
            a.polygons,
            vec![vec![vec![
                (10.0, 20.0),
                (12.0, 20.0),
                (12.0, 21.0),
                (10.0, 21.0),
                (10.0, 20.0)
            ]]]
        );
        assert_eq!(b.iso3, "BBB");
        assert_eq!(
            b.polygons,
            vec![vec![vec![
                (10.0, 20.0),
                (10.0, 21.0),
                (12.0, 21.0),
                (12.0, 20.0),
                (10.0, 20.0)
            ]]]
        );
        assert_eq!(unnamed.code(), None, "\"B1\" is not a code");
        assert_eq!(unnamed.name, "Polygon");
    }

    #[test]
    fn unquantized_arcs_are_absolute() {
        let text = r#"{"type": "Topology", "arcs": [[[1.5, 2.5], [3.5, 2.5], [1.5, 4.0], [1.5, 2.5]]],
            "objects": {"x": {"type": "Polygon", "arcs": [[0]]}}}"#;
        let world = World::from_topojson(text, "x").unwrap();
        assert_eq!(
            world.countries()[0].polygons[0][0],
            vec![(1.5, 2.5), (3.5, 2.5), (1.5, 4.0), (1.5, 2.5)]
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let missing = World::from_topojson(TINY, "countries").unwrap_err();
        assert_eq!(missing.to_string(), "object \"countries\" not found");

        let bad_index = TINY.replace("[[0, -2]]", "[[0, -3]]");
        let error = World::from_topojson(&bad_index, "shapes").unwrap_err();
        assert_eq!(
            error.to_string(),
            "arc index -3 out of range: the topology has 2 arcs"
        );

        let geojson = r#"{"type": "FeatureCollection", "arcs": [], "objects": {}}"#;
        assert!(matches!(
            World::from_topojson(geojson, "countries"),
            Err(MapError::NotTopology(kind)) if kind == "FeatureCollection"
        ));

        let short = TINY.replace("[[0, 0], [4, 0], [0, 2]]", "[[0, 0], [4], [0, 2]]");
        let error = World::from_topojson(&short, "shapes").unwrap_err();
        assert!(matches!(error, MapError::Position { arc: 0 }), "{error}");

        let malformed = TINY.replace(r#""arcs": [[[1, -1]]]"#, r#""arcs": [[1, -1]]"#);
        let error = World::from_topojson(&malformed, "shapes").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("geometry \"BBB\" has malformed"),
            "{error}"
        );

        assert!(matches!(
            World::from_topojson("{", "countries"),
            Err(MapError::Json(_))
        ));
    }
}
