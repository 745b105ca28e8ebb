//! Natural Earth country boundaries, as the world-atlas project distributes them: a TopoJSON
//! `Topology` whose `objects.countries` geometries carry the ISO 3166 numeric code as `id`.
//!
//! The file is kept unchanged as an attachment (`countries.topojson`) for the map renderer,
//! which decodes the arcs itself; this parser only checks that the renderer will be able to,
//! and lists the geometries as the `boundaries` table so SQL can see which countries have a
//! shape (and join them to `countries` by `iso_numeric`).

use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, StringArray};
use arrow::record_batch::RecordBatch;
use serde_json::{Map, Value};

use crate::csv_table::{ColumnSpec as C, Kind, Layout};
use crate::error::{IngestError, Location};
use crate::{Attachment, Ingested, Table};

/// The attachment's file name in the vintage directory, whatever the user's file was called.
pub const ATTACHMENT: &str = "countries.topojson";

/// The `boundaries` table: one row per geometry of `objects.countries`, in file order.
///
/// Not read from CSV: the layout declares the columns the parser builds and the schema docs list.
pub const BOUNDARIES: Layout = Layout {
    table: "boundaries",
    what: "a world-atlas TopoJSON file",
    columns: &[
        C::new(
            "iso_numeric",
            Kind::Int32,
            "ISO 3166 numeric code (the geometry's `id`); null where the id is not one (-99)",
        ),
        C::new(
            "iso3",
            Kind::Text,
            "ISO 3166 alpha-3 as Natural Earth's isoA3 gives it; null where it gives -99 or none",
        ),
        C::new(
            "name",
            Kind::Text,
            "Country name as Natural Earth writes it",
        )
        .not_null(),
        C::new(
            "geometry_type",
            Kind::Text,
            "TopoJSON geometry type (Polygon, MultiPolygon ...)",
        )
        .not_null(),
        C::new(
            "arc_count",
            Kind::Int32,
            "Number of arc references in the geometry (0 for a point)",
        )
        .not_null(),
    ],
};

/// Natural Earth writes `-99` where a map unit has no ISO code.
const NO_CODE: &str = "-99";

/// One row of the `boundaries` table.
struct Boundary {
    iso_numeric: Option<i32>,
    iso3: Option<String>,
    name: String,
    geometry_type: String,
    arc_count: i32,
}

/// Reads a world-atlas `countries-*.json` file.
pub fn parse(path: &Path, display: &str) -> Result<Ingested, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_owned(),
        source,
    })?;
    let (boundaries, warnings) = read(&bytes, display)?;
    Ok(Ingested {
        tables: vec![table(&boundaries)],
        attachments: vec![Attachment {
            name: ATTACHMENT.to_owned(),
            bytes,
        }],
        warnings,
        ..Ingested::default()
    })
}

/// Checks the topology and lists its country geometries, with warnings for ids that are not
/// ISO numeric codes.
fn read(bytes: &[u8], display: &str) -> Result<(Vec<Boundary>, Vec<String>), IngestError> {
    let err = |reason: String| IngestError::format(Location::file(display), reason);
    let root: Value =
        serde_json::from_slice(bytes).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let topology = root
        .as_object()
        .ok_or_else(|| err("expected a JSON object at the top".into()))?;
    let arc_total = check_topology(topology).map_err(err)?;
    let geometries = country_geometries(topology).map_err(err)?;
    let mut warnings = Vec::new();
    let mut boundaries = Vec::with_capacity(geometries.len());
    for (i, geometry) in geometries.iter().enumerate() {
        let path = format!("objects.countries.geometries[{i}]");
        let boundary = boundary(geometry, arc_total, &path).map_err(err)?;
        if boundary.iso_numeric.is_none()
            && let Some(id) = geometry.get("id")
        {
            warnings.push(format!(
                "{display}: {path} ({}): id {id} is not an ISO numeric code",
                boundary.name
            ));
        }
        boundaries.push(boundary);
    }
    Ok((boundaries, warnings))
}

/// Checks that `type` is `Topology` and `arcs` an array (GeoJSON and other JSON stop here), and
/// returns the number of arcs geometries may refer to.
fn check_topology(topology: &Map<String, Value>) -> Result<usize, String> {
    match topology.get("type").and_then(Value::as_str) {
        Some("Topology") => {}
        Some(other) => {
            return Err(format!(
                "expected a TopoJSON Topology (world-atlas countries-*.json), found type `{other}`"
            ));
        }
        None => return Err("expected a TopoJSON Topology: `type` is missing".into()),
    }
    match topology.get("arcs") {
        Some(Value::Array(arcs)) => Ok(arcs.len()),
        _ => Err("`arcs` is missing or not an array".into()),
    }
}

/// The geometries of `objects.countries`, which must be a GeometryCollection.
fn country_geometries(topology: &Map<String, Value>) -> Result<&Vec<Value>, String> {
    let countries = topology
        .get("objects")
        .and_then(|o| o.get("countries"))
        .ok_or("`objects.countries` is missing: is this a world-atlas countries file?")?;
    if countries.get("type").and_then(Value::as_str) != Some("GeometryCollection") {
        return Err("`objects.countries.type` is not GeometryCollection".into());
    }
    countries
        .get("geometries")
        .and_then(Value::as_array)
        .ok_or_else(|| "`objects.countries.geometries` is missing or not an array".into())
}

/// One geometry as a row, after checking that every arc it references exists.
fn boundary(geometry: &Value, arc_total: usize, path: &str) -> Result<Boundary, String> {
    let geometry_type = geometry
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("`{path}.type` is missing"))?;
    let properties = geometry.get("properties");
    let text = |key: &str| properties.and_then(|p| p.get(key)).and_then(Value::as_str);
    let name = text("name").ok_or_else(|| format!("`{path}.properties.name` is missing"))?;
    let arcs = geometry.get("arcs").unwrap_or(&Value::Null);
    let arc_count = count_arcs(arcs, arc_total, &format!("{path}.arcs"))?;
    Ok(Boundary {
        iso_numeric: geometry.get("id").and_then(iso_numeric),
        iso3: text("isoA3")
            .filter(|code| *code != NO_CODE)
            .map(str::to_owned),
        name: name.to_owned(),
        geometry_type: geometry_type.to_owned(),
        arc_count: i32::try_from(arc_count).map_err(|_| format!("`{path}` has too many arcs"))?,
    })
}

/// Counts the arc references in a (nested) `arcs` array, checking each against the topology.
///
/// TopoJSON writes a reversed arc `i` as `!i` (`-i - 1`), so both `i` and `-i - 1` must lie
/// below the number of arcs. Points carry no `arcs` (null counts as zero).
fn count_arcs(arcs: &Value, arc_total: usize, path: &str) -> Result<usize, String> {
    match arcs {
        Value::Null => Ok(0),
        Value::Array(items) => items.iter().enumerate().try_fold(0, |sum, (i, item)| {
            Ok(sum + count_arcs(item, arc_total, &format!("{path}[{i}]"))?)
        }),
        Value::Number(n) => {
            let index = n.as_i64().map(|i| if i < 0 { !i } else { i });
            match index.and_then(|i| usize::try_from(i).ok()) {
                Some(i) if i < arc_total => Ok(1),
                _ => Err(format!(
                    "`{path}` refers to arc {n}, but the topology has {arc_total} arcs"
                )),
            }
        }
        other => Err(format!("`{path}` is {other}, not an arc index")),
    }
}

/// world-atlas ids are zero-padded strings ("004"); TopoJSON also allows numbers.
fn iso_numeric(id: &Value) -> Option<i32> {
    let n = match id {
        Value::String(s) => s.parse::<i32>().ok()?,
        Value::Number(n) => i32::try_from(n.as_i64()?).ok()?,
        _ => return None,
    };
    (1..=999).contains(&n).then_some(n)
}

/// The [`BOUNDARIES`] table: one row per geometry of `objects.countries`, in file order.
fn table(boundaries: &[Boundary]) -> Table {
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from_iter(
            boundaries.iter().map(|b| b.iso_numeric),
        )),
        Arc::new(StringArray::from_iter(
            boundaries.iter().map(|b| b.iso3.as_deref()),
        )),
        Arc::new(StringArray::from_iter_values(
            boundaries.iter().map(|b| &b.name),
        )),
        Arc::new(StringArray::from_iter_values(
            boundaries.iter().map(|b| &b.geometry_type),
        )),
        Arc::new(Int32Array::from_iter_values(
            boundaries.iter().map(|b| b.arc_count),
        )),
    ];
    let batch =
        RecordBatch::try_new(BOUNDARIES.schema(), arrays).expect("columns follow the layout");
    Table {
        name: BOUNDARIES.table,
        batches: vec![batch],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    use arrow::array::{Array, AsArray};
    use arrow::datatypes::Int32Type;

    /// The shared test data (`../shared/data` beside the workspace), or `EIRENE_SHARED_DATA`.
    fn atlas(file: &str) -> PathBuf {
        let root = std::env::var_os("EIRENE_SHARED_DATA").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
            PathBuf::from,
        );
        let path = root.join("geo/naturalearth_topojson").join(file);
        assert!(
            path.exists(),
            "{} is missing: set EIRENE_SHARED_DATA",
            path.display()
        );
        path
    }

    /// A file holding `text`, in a directory that lives as long as the returned guard.
    fn file_with(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("world.json");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn format_reason(result: Result<Ingested, IngestError>) -> String {
        match result {
            Err(IngestError::Format(problem)) => problem.to_string(),
            other => panic!("expected a format error, got {other:?}"),
        }
    }

    #[test]
    fn world_atlas_files_list_every_geometry_and_keep_the_bytes() {
        for (file, geometries) in [("countries-110m.json", 174), ("countries-50m.json", 239)] {
            let path = atlas(file);
            let ingested = parse(&path, file).unwrap();
            let table = &ingested.tables[0];
            assert_eq!(
                (table.name, table.num_rows()),
                ("boundaries", geometries),
                "{file}"
            );
            let attachment = &ingested.attachments[0];
            assert_eq!(attachment.name, "countries.topojson");
            assert_eq!(
                attachment.bytes,
                std::fs::read(&path).unwrap(),
                "{file} is kept unchanged"
            );
        }
    }

    #[test]
    fn rows_carry_codes_names_and_arc_counts() {
        let ingested = parse(&atlas("countries-110m.json"), "countries-110m.json").unwrap();
        let batch = &ingested.tables[0].batches[0];
        let numeric = batch.column(0).as_primitive::<Int32Type>();
        let iso3 = batch.column(1).as_string::<i32>();
        let name = batch.column(2).as_string::<i32>();
        let kind = batch.column(3).as_string::<i32>();
        let arcs = batch.column(4).as_primitive::<Int32Type>();
        assert_eq!(
            (numeric.value(0), iso3.value(0), name.value(0)),
            (4, "AFG", "Afghanistan")
        );
        assert_eq!((kind.value(0), arcs.value(0)), ("Polygon", 6));
        let france = (0..batch.num_rows())
            .find(|&r| name.value(r) == "France")
            .unwrap();
        assert_eq!(numeric.value(france), 250);
        assert!(
            iso3.is_null(france),
            "Natural Earth leaves France's ISO_A3 unset"
        );
        assert!(ingested.warnings.is_empty(), "{:?}", ingested.warnings);
    }

    #[test]
    fn truncated_json_and_geojson_are_format_errors_naming_the_file() {
        let whole = std::fs::read(atlas("countries-110m.json")).unwrap();
        let (_dir, path) = file_with(&whole[..whole.len() / 2]);
        let reason = format_reason(parse(&path, "countries-110m.json"));
        assert!(
            reason.starts_with("countries-110m.json: not valid JSON: EOF"),
            "{reason}"
        );
        let geojson = br#"{"type":"FeatureCollection","features":[]}"#;
        let (_dir, path) = file_with(geojson);
        let reason = format_reason(parse(&path, "world.geojson"));
        assert!(
            reason.starts_with("world.geojson: expected a TopoJSON Topology"),
            "{reason}"
        );
        assert!(reason.contains("FeatureCollection"), "{reason}");
    }

    #[test]
    fn arcs_out_of_range_and_missing_objects_name_the_json_path() {
        let topology =
            br#"{"type":"Topology","arcs":[[[0,0],[1,1]],[[1,1],[2,0]]],"objects":{"countries":
            {"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0,-2]],"id":"004","properties":{"name":"A","isoA3":"-99"}},
              {"type":"Polygon","arcs":[[0,-3]],"id":"008","properties":{"name":"B"}}]}}}"#;
        let (_dir, path) = file_with(topology);
        let reason = format_reason(parse(&path, "t.json"));
        assert_eq!(
            reason,
            "t.json: `objects.countries.geometries[1].arcs[0][1]` refers to arc -3, but the topology has 2 arcs"
        );
        let (_dir, path) = file_with(br#"{"type":"Topology","arcs":[],"objects":{"land":{}}}"#);
        let reason = format_reason(parse(&path, "land-110m.json"));
        assert!(
            reason.contains("`objects.countries` is missing"),
            "{reason}"
        );
    }

    #[test]
    fn minus_99_is_no_code_and_odd_ids_are_warned_about() {
        let topology = br#"{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"countries":
            {"type":"GeometryCollection","geometries":[
              {"type":"LineString","arcs":[0],"id":"-99","properties":{"name":"N. Cyprus","isoA3":"-99"}},
              {"type":"Point","coordinates":[0,0],"id":300,"properties":{"name":"Greece","isoA3":"GRC"}}]}}}"#;
        let (_dir, path) = file_with(topology);
        let ingested = parse(&path, "t.json").unwrap();
        let batch = &ingested.tables[0].batches[0];
        assert!(batch.column(0).is_null(0) && batch.column(1).is_null(0));
        assert_eq!(batch.column(0).as_primitive::<Int32Type>().value(1), 300);
        assert_eq!(
            batch.column(4).as_primitive::<Int32Type>().values(),
            &[1, 0]
        );
        assert_eq!(ingested.warnings.len(), 1);
        assert!(
            ingested.warnings[0].contains("geometries[0] (N. Cyprus): id \"-99\""),
            "{:?}",
            ingested.warnings
        );
    }
}
