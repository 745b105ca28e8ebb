//! `eirene sql` on each table returns what was ingested, in each output format.

use crate::support::{num, synced};

/// Every table of every current vintage answers with the row count the ledger recorded.
#[test]
fn each_table_returns_the_rows_the_ledger_recorded() {
    let e = synced();
    let run = e.ok(&["sources", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut checked = 0;
    for source in json["sources"].as_array().unwrap() {
        for vintage in source["vintages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["current"] == true)
        {
            for table in vintage["tables"].as_array().unwrap() {
                let name = table["name"].as_str().unwrap();
                let count = num(&e.scalar(&format!("SELECT COUNT(*) FROM {name}")));
                assert_eq!(count, num(&table["rows"]), "{name}");
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked, 10,
        "tables: countries, ged_events, acd_conflicts, milex x2, unhcr x3, population, boundaries"
    );
}

#[test]
fn values_survive_the_round_trip_through_parquet() {
    let e = synced();
    // The first event of the GED 23.1 sample, field by field as in the CSV.
    let row = &e.query("SELECT * FROM ged_events_v23_1 WHERE id = 300380")[0];
    assert_eq!(row["relid"], "SYR-2013-1-11973-99");
    assert_eq!(row["active_year"], true);
    assert_eq!(row["date_start"], "2013-01-03");
    assert_eq!(num(&row["latitude"]), 35.763369);
    assert_eq!(row["source_office"], "Support Kurds in Syria;VDC");
    assert_eq!(row["gwnoa"], serde_json::json!([652]));
    assert_eq!(row["gwnob"], serde_json::Value::Null);
}

#[test]
fn csv_and_table_formats_print_the_same_rows() {
    let e = synced();
    let query = "SELECT iso3, name_en FROM countries WHERE iso3 IN ('CIV', 'TUR') ORDER BY iso3";
    let csv = e.ok(&["sql", "--format", "csv", query]).stdout;
    assert_eq!(csv, "iso3,name_en\nCIV,Côte d'Ivoire\nTUR,Türkiye\n");
    let table = e.ok(&["sql", query]).stdout;
    assert!(table.contains("| CIV  | Côte d'Ivoire |"), "{table}");
    let empty = e
        .ok(&[
            "sql",
            "--format",
            "json",
            "SELECT iso3 FROM countries WHERE false",
        ])
        .stdout;
    assert_eq!(empty.trim(), "[]");
    let tables = e.ok(&["sql", "--format", "csv", "SHOW TABLES"]).stdout;
    assert!(
        tables.contains("ged_events_v23_1") && tables.contains("milex_regional"),
        "{tables}"
    );
}

/// `eirene sql ... | head` is not an error: the reader closing the pipe ends the command quietly.
#[test]
fn a_reader_closing_the_pipe_early_is_not_a_failure() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let e = synced();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eirene"))
        .args(["sql", "--format", "csv", "SELECT * FROM displacement"])
        .env("EIRENE_DATA_DIR", e.data_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("year,coo_name"), "{first}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
