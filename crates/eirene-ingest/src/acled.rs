//! ACLED (Armed Conflict Location & Event Data): a user's own export, one row per event.
//!
//! ACLED's Terms of Use forbid redistributing its rows, so Eirene never downloads, mirrors or
//! ships them: this parser reads the CSV a user exported from the ACLED Data Export Tool or API.
//! Column names follow ACLED's codebook, so a user's knowledge of it carries over to SQL.
//!
//! Export vintages differ: `inter1`, `inter2` and `interaction` are numeric codes in older
//! exports and text labels in newer ones, so they are kept as text; `event_date` is `YYYY-MM-DD`
//! (API) or `12 March 2022` (older Export Tool files); the `population_*` columns are only in
//! exports that asked for them.

use std::collections::HashMap;
use std::path::Path;

use arrow::array::AsArray;

use crate::csv_table::{self, ColumnSpec as C, Kind, Layout};
use crate::error::Location;
use crate::{IngestError, Ingested, TableSink};

/// The 31 columns of an ACLED export, in ACLED's order, and the optional population columns.
const EVENT_COLUMNS: &[C] = &[
    C::new(
        "event_id_cnty",
        Kind::Text,
        "ACLED event id: country code and number, e.g. ARG10607",
    )
    .not_null(),
    C::new("event_date", Kind::Date, "Date of the event").not_null(),
    C::new("year", Kind::Int32, "Year of the event").not_null(),
    C::new(
        "time_precision",
        Kind::Int32,
        "Date precision: 1 day, 2 week, 3 month",
    ),
    C::new(
        "disorder_type",
        Kind::Text,
        "Political violence, Demonstrations, Strategic developments, or two joined by `; `",
    ),
    C::new(
        "event_type",
        Kind::Text,
        "One of ACLED's 6 event types (Battles, Explosions/Remote violence, ...)",
    )
    .not_null(),
    C::new(
        "sub_event_type",
        Kind::Text,
        "One of ACLED's 25 sub-event types (Armed clash, Air/drone strike, ...)",
    )
    .not_null(),
    C::new("actor1", Kind::Text, "First actor"),
    C::new("assoc_actor_1", Kind::Text, "Actors associated with actor1"),
    C::new(
        "inter1",
        Kind::Text,
        "Type of actor1: a code 1-8 or a label, depending on the export vintage",
    ),
    C::new("actor2", Kind::Text, "Second actor"),
    C::new("assoc_actor_2", Kind::Text, "Actors associated with actor2"),
    C::new(
        "inter2",
        Kind::Text,
        "Type of actor2: a code 0-8 or a label, depending on the export vintage",
    ),
    C::new(
        "interaction",
        Kind::Text,
        "Interaction of the two actor types: a two-digit code or a label",
    ),
    C::new(
        "civilian_targeting",
        Kind::Text,
        "`Civilian targeting` when civilians were the main target, else empty",
    ),
    C::new("iso", Kind::Int32, "ISO 3166-1 numeric code of the country").not_null(),
    C::new(
        "region",
        Kind::Text,
        "ACLED region (Western Africa, South America, ...)",
    )
    .not_null(),
    C::new("country", Kind::Text, "Country name as ACLED writes it").not_null(),
    C::new("admin1", Kind::Text, "First-order administrative division"),
    C::new("admin2", Kind::Text, "Second-order administrative division"),
    C::new("admin3", Kind::Text, "Third-order administrative division"),
    C::new("location", Kind::Text, "Place of the event"),
    C::new("latitude", Kind::Float64, "Latitude (WGS 84)"),
    C::new("longitude", Kind::Float64, "Longitude (WGS 84)"),
    C::new(
        "geo_precision",
        Kind::Int32,
        "Spatial precision: 1 place, 2 near a place, 3 region",
    ),
    C::new("source", Kind::Text, "Sources of the report"),
    C::new(
        "source_scale",
        Kind::Text,
        "Scale of the sources (National, Subnational, ...)",
    ),
    C::new("notes", Kind::Text, "ACLED's description of the event"),
    C::new("fatalities", Kind::Int64, "Reported fatalities").not_null(),
    C::new("tags", Kind::Text, "Additional tags, e.g. crowd size"),
    C::new(
        "timestamp",
        Kind::Int64,
        "When ACLED last changed the row (Unix seconds)",
    ),
    C::new(
        "population_1km",
        Kind::Int64,
        "Population within 1 km (exports that asked for it)",
    )
    .on_request(),
    C::new(
        "population_2km",
        Kind::Int64,
        "Population within 2 km (exports that asked for it)",
    )
    .on_request(),
    C::new(
        "population_5km",
        Kind::Int64,
        "Population within 5 km (exports that asked for it)",
    )
    .on_request(),
    C::new(
        "population_best",
        Kind::Int64,
        "ACLED's best population estimate (exports that asked for it)",
    )
    .on_request(),
];

/// The ACLED event table.
pub const EVENTS: Layout = Layout {
    table: "acled_events",
    what: "an ACLED export CSV (a user's own export)",
    columns: EVENT_COLUMNS,
};

/// Reads one or more ACLED exports (for instance one per region) into `acled_events`.
///
/// An event id seen twice is an error: overlapping exports would count the event twice.
/// The optional `population_*` columns, which most exports lack, load as nulls without a warning.
pub fn parse(files: &[(&Path, &str)], sink: &mut dyn TableSink) -> Result<Ingested, IngestError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    csv_table::stream_files(files, &EVENTS, sink, &mut |batch, index| {
        let ids = batch
            .column_by_name("event_id_cnty")
            .expect("ACLED layout column")
            .as_string::<i32>();
        // The column is declared not-null, so every value is present.
        for id in ids.iter().flatten() {
            if let Some(&first) = seen.get(id) {
                let again = if first == index {
                    "again in the same file".to_owned()
                } else {
                    format!("already in {}", files[first].1)
                };
                return Err(IngestError::format(
                    Location::file(files[index].1),
                    format!(
                        "event `{id}` appears twice ({again}): overlapping exports would \
                         count it twice; ingest exports that do not overlap"
                    ),
                ));
            }
            seen.insert(id.to_owned(), index);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,\
        sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
        civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
        geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    #[test]
    fn reads_codes_or_labels_and_both_date_formats() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "{HEADER}\n\
             SDN1,2022-03-12,2022,1,Political violence,Explosions/Remote violence,Air/drone strike,\
             Military Forces of Sudan,,1,Civilians (Sudan),,7,17,Civilian targeting,729,Northern Africa,\
             Sudan,Khartoum,,,Khartoum,15.5,32.5,1,Radio Dabanga,National,\"A strike, with notes\",3,,1650000000\n\
             SDN2,12 March 2022,2022,1,Political violence; Demonstrations,Protests,Excessive force against protesters,\
             Police Forces of Sudan,,State forces,Protesters (Sudan),,Protesters,State forces-Protesters,,729,\
             Northern Africa,Sudan,Khartoum,,,Khartoum,15.5,32.5,1,Radio Dabanga,National,,0,,1650000001\n"
        );
        let path = write(dir.path(), "acled.csv", &text);
        let mut tables = crate::Tables::default();
        let ingested = parse(&[(&path, "acled.csv")], &mut tables).unwrap();
        assert!(ingested.warnings.is_empty(), "{:?}", ingested.warnings);
        let table = &tables.0[0];
        assert_eq!((table.name, table.num_rows()), ("acled_events", 2));
        let batch = &table.batches[0];
        let dates = batch
            .column_by_name("event_date")
            .unwrap()
            .as_primitive::<arrow::datatypes::Date32Type>();
        assert_eq!(
            dates.value(0),
            dates.value(1),
            "both formats read the same day"
        );
        let inter1 = batch.column_by_name("inter1").unwrap().as_string::<i32>();
        assert_eq!((inter1.value(0), inter1.value(1)), ("1", "State forces"));
        assert_eq!(
            batch
                .column_by_name("population_best")
                .unwrap()
                .null_count(),
            2
        );
    }

    #[test]
    fn text_in_fatalities_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "{HEADER}\nX1,2022-01-01,2022,1,Demonstrations,Protests,Peaceful protest,,,6,,,0,60,,32,\
             South America,Argentina,,,,,1,1,1,,,,many,,1\n"
        );
        let path = write(dir.path(), "bad.csv", &text);
        let error = parse(&[(&path, "bad.csv")], &mut crate::Tables::default())
            .unwrap_err()
            .to_string();
        let problems =
            match parse(&[(&path, "bad.csv")], &mut crate::Tables::default()).unwrap_err() {
                IngestError::Rows { problems, .. } => problems,
                other => panic!("{other}"),
            };
        assert_eq!(
            problems[0].to_string(),
            "bad.csv:2: column 29 (fatalities): `many` is not a whole number",
            "{error}"
        );
    }

    #[test]
    fn an_event_in_two_exports_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let row = "X1,2022-01-01,2022,1,Demonstrations,Protests,Peaceful protest,,,6,,,0,60,,32,\
             South America,Argentina,,,,,1,1,1,,,,0,,1\n";
        let a = write(dir.path(), "a.csv", &format!("{HEADER}\n{row}"));
        let b = write(dir.path(), "b.csv", &format!("{HEADER}\n{row}"));
        let error = parse(
            &[(&a, "a.csv"), (&b, "b.csv")],
            &mut crate::Tables::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("b.csv") && error.contains("`X1` appears twice (already in a.csv)"),
            "{error}"
        );
    }
}
