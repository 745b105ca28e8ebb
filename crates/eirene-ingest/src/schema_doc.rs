//! The reference documentation of the stored tables, `docs/TABLES.md`, generated from the layouts
//! the parsers build their tables with, so the documentation cannot drift from the code: a test
//! fails when the file differs from [`markdown`], and another checks that every table an ingest
//! produces is listed here with the schema it really has.
//!
//! Regenerate the file with
//! `EIRENE_BLESS=1 cargo test -p eirene-ingest docs_tables_md_is_current`.

use std::fmt::Write as _;

use arrow::datatypes::SchemaRef;
use eirene_sources::SourceId;
use eirene_sources::catalogue;

use crate::csv_table::{Layout, Presence};
use crate::{acled, countries, naturalearth, population, sipri, ucdp, unhcr};

/// The command that rewrites `docs/TABLES.md` from [`markdown`].
pub const REGENERATE: &str = "EIRENE_BLESS=1 cargo test -p eirene-ingest docs_tables_md_is_current";

/// The layouts of a source's tables, in the order its ingest produces them.
///
/// A `match`, so a new [`SourceId`] does not compile until its tables are documented.
pub fn layouts(source: SourceId) -> &'static [&'static Layout] {
    match source {
        SourceId::UcdpGed => &[&ucdp::GED],
        SourceId::UcdpAcd => &[&ucdp::ACD],
        SourceId::SipriMilex => &[&sipri::MILEX, &sipri::MILEX_REGIONAL],
        SourceId::UnhcrPopulation => &[&unhcr::POPULATION, &unhcr::IDMC, &unhcr::UNRWA],
        SourceId::WbPopulation => &[&population::POPULATION],
        SourceId::Countries => &[&countries::COUNTRIES],
        SourceId::NaturalEarth => &[&naturalearth::BOUNDARIES],
        SourceId::Acled => &[&acled::EVENTS],
    }
}

/// Every table of every source, sources in the order of [`SourceId::ALL`].
pub fn tables() -> Vec<(SourceId, &'static Layout)> {
    SourceId::ALL
        .into_iter()
        .flat_map(|source| layouts(source).iter().map(move |layout| (source, *layout)))
        .collect()
}

/// The Arrow schema a table is stored with: the layout's, except for `countries`, whose
/// `aliases` column is a list the layout cannot declare ([`countries::schema`]).
pub fn schema(layout: &Layout) -> SchemaRef {
    if layout.table == countries::COUNTRIES.table {
        countries::schema()
    } else {
        layout.schema()
    }
}

/// `docs/TABLES.md`: every table, source by source, with each column's Arrow type, nullability
/// and meaning.
pub fn markdown() -> String {
    let mut out = [
        "# Tables",
        "",
        "<!-- Generated from the parsers' layouts by `eirene_ingest::schema_doc::markdown`: do not",
        &format!("     edit by hand. Regenerate with: {REGENERATE} -->"),
        "",
        "Every table an ingest produces, source by source, with the Arrow type of each column,",
        "whether it may be null and what it means.",
        "",
        "- **Storage.** Each table is a Parquet file, `store/<source>/<version>/<table>.parquet`, one",
        "  directory per vintage (version) of a source.",
        "- **SQL names.** The current vintage of a source is queryable under the table's plain name",
        "  (`ged_events`). Every vintage is also queryable as `<table>_v<version>`, with `.` and `-`",
        "  in the version written `_` (`ged_events_v24_1` is version 24.1 of `ged_events`), so a",
        "  query can pin a release or compare two.",
        "- **Types** are Arrow types: `Utf8` is text, `Int32`/`Int64` whole numbers, `Float64` a",
        "  floating-point number, `Boolean` true or false, `Date32` a calendar day, `List(T)` a list",
        "  of `T` values (`List(non-null Utf8)`: no item is null). *nullable* says whether the column",
        "  may hold nulls.",
    ]
    .join("\n");
    out.push('\n');
    for source in SourceId::ALL {
        let entry = catalogue::source(source);
        let _ = write!(out, "\n## {} (`{source}`)\n", entry.title);
        for layout in layouts(source) {
            out.push_str(&table_section(source, layout));
        }
    }
    out
}

/// One table: heading, source, what it is read from, and the column table.
fn table_section(source: SourceId, layout: &Layout) -> String {
    let schema = schema(layout);
    let mut out = format!(
        "\n### `{}`\n\nSource id `{source}`; read from {}.\n\n\
         | column | type | nullable | meaning |\n| --- | --- | --- | --- |\n",
        layout.table, layout.what
    );
    for (field, spec) in schema.fields().iter().zip(layout.columns) {
        let mut meaning = spec.doc.to_owned();
        match spec.presence {
            Presence::Required => {}
            Presence::Optional => meaning.push_str("; null where an older file lacks the column"),
            Presence::OnRequest => meaning.push_str("; null where the file does not include it"),
        }
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            cell(field.name()),
            cell(&field.data_type().to_string()),
            if field.is_nullable() { "yes" } else { "no" },
            cell(&meaning),
        );
    }
    out
}

/// Text made safe for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use crate::{InputFile, ingest};

    /// The generated file, at the workspace root.
    const TABLES_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/TABLES.md");

    /// The SIPRI workbook of the shared test data (the sipri tests read it too).
    const SIPRI_WORKBOOK: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/sipri/SIPRI-Milex-data-1949-2023.xlsx"
    );

    #[test]
    fn docs_tables_md_is_current() {
        let expected = markdown();
        let path = Path::new(TABLES_MD);
        let found = std::fs::read_to_string(path)
            .map(|text| text.replace("\r\n", "\n"))
            .ok();
        if found.as_deref() == Some(expected.as_str()) {
            return;
        }
        if std::env::var_os("EIRENE_BLESS").is_some_and(|v| v == "1") {
            std::fs::create_dir_all(path.parent().expect("docs/")).unwrap();
            std::fs::write(path, &expected).unwrap();
            return;
        }
        let why = match &found {
            None => "is missing".to_owned(),
            Some(found) => {
                let line = found
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| found.lines().count().min(expected.lines().count()));
                format!(
                    "differs from the layouts from line {}:\n  file:     {:?}\n  expected: {:?}",
                    line + 1,
                    found.lines().nth(line).unwrap_or("(end of file)"),
                    expected.lines().nth(line).unwrap_or("(end of file)"),
                )
            }
        };
        panic!("docs/TABLES.md {why}\nRegenerate it from the code with:\n  {REGENERATE}");
    }

    #[test]
    fn every_table_is_listed_once_with_a_meaning_for_every_column() {
        let mut names = HashSet::new();
        for (source, layout) in tables() {
            assert!(names.insert(layout.table), "{} listed twice", layout.table);
            assert_eq!(
                schema(layout).fields().len(),
                layout.columns.len(),
                "{source}"
            );
            for column in layout.columns {
                assert!(
                    !column.doc.trim().is_empty(),
                    "{}.{} has no meaning",
                    layout.table,
                    column.name
                );
            }
        }
        let expected = [
            "ged_events",
            "acd_conflicts",
            "milex",
            "milex_regional",
            "displacement",
            "idmc_idps",
            "unrwa_refugees",
            "population",
            "countries",
            "boundaries",
            "acled_events",
        ];
        assert_eq!(names, HashSet::from(expected));
        assert_eq!(
            sipri::TABLES,
            layouts(SourceId::SipriMilex)
                .iter()
                .map(|l| l.table)
                .collect::<Vec<_>>()
        );
        for part in ["population", "idmc", "unrwa"] {
            let layout = unhcr::layout_for_part(part).unwrap();
            assert!(
                layouts(SourceId::UnhcrPopulation)
                    .iter()
                    .any(|l| l.table == layout.table),
                "{part}"
            );
        }
    }

    /// Every ingest, on small inputs of each layout it reads, produces exactly the documented
    /// tables, in order, with the documented schemas.
    #[test]
    fn every_table_an_ingest_produces_is_documented_with_its_schema() {
        let dir = tempfile::tempdir().unwrap();
        for source in SourceId::ALL {
            for files in sample_inputs(source, dir.path()) {
                let mut tables = crate::Tables::default();
                ingest(source, &files, &mut tables)
                    .unwrap_or_else(|e| panic!("{source} on {files:?}: {e}"));
                let produced: Vec<(&str, SchemaRef)> = tables
                    .0
                    .iter()
                    .map(|t| (t.name, t.batches[0].schema()))
                    .collect();
                let documented: Vec<(&str, SchemaRef)> = layouts(source)
                    .iter()
                    .map(|l| (l.table, schema(l)))
                    .collect();
                assert_eq!(produced, documented, "{source} on {files:?}");
                for (table, (_, schema)) in tables.0.iter().zip(&documented) {
                    for batch in &table.batches {
                        assert_eq!(&batch.schema(), schema, "{}", table.name);
                    }
                }
            }
        }
    }

    /// Input sets for `source`, each one call of [`ingest`]: one per file layout the parser reads.
    /// A `match`, so a new source needs a sample before this test compiles.
    fn sample_inputs(source: SourceId, dir: &Path) -> Vec<Vec<InputFile>> {
        let write = |name: &str, text: &str| -> PathBuf {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let header_only = |name: &str, layout: &Layout| {
            let header: Vec<&str> = layout.columns.iter().map(|c| c.header).collect();
            write(name, &format!("{}\n", header.join(",")))
        };
        match source {
            SourceId::UcdpGed => vec![vec![InputFile::new(
                &header_only("ged.csv", &ucdp::GED),
                "main",
            )]],
            SourceId::UcdpAcd => vec![vec![InputFile::new(
                &header_only("acd.csv", &ucdp::ACD),
                "main",
            )]],
            SourceId::SipriMilex => vec![vec![InputFile::new(Path::new(SIPRI_WORKBOOK), "main")]],
            SourceId::UnhcrPopulation => vec![vec![
                InputFile::new(
                    &header_only("population.csv", &unhcr::POPULATION),
                    "population",
                ),
                InputFile::new(&header_only("idmc.csv", &unhcr::IDMC), "idmc"),
                InputFile::new(&header_only("unrwa.csv", &unhcr::UNRWA), "unrwa"),
            ]],
            SourceId::WbPopulation => {
                let wide = write(
                    "API_SP.POP.TOTL.csv",
                    "\"Data Source\",\"World Development Indicators\",\n\n\
                     \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"1960\",\n\
                     \"Aruba\",\"ABW\",\"Population, total\",\"SP.POP.TOTL\",\"54922\",\n",
                );
                vec![
                    vec![InputFile::new(
                        &header_only("population_long.csv", &population::POPULATION),
                        "main",
                    )],
                    vec![InputFile::new(&wide, "main")],
                ]
            }
            SourceId::Countries => vec![Vec::new()],
            SourceId::Acled => vec![vec![InputFile::new(
                &header_only("acled.csv", &acled::EVENTS),
                "main",
            )]],
            SourceId::NaturalEarth => {
                let topology = write(
                    "countries-110m.json",
                    r#"{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"countries":
                    {"type":"GeometryCollection","geometries":[
                      {"type":"LineString","arcs":[0],"id":"004","properties":{"name":"A","isoA3":"AFG"}}]}}}"#,
                );
                vec![vec![InputFile::new(&topology, "main")]]
            }
        }
    }
}
