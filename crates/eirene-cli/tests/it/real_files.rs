//! Every shared file a source covers is ingested, and the stored figures match the ones
//! shared/data/MANIFEST.md and the publishers give.

use crate::support::{Eirene, num, shared, synced};

#[test]
fn ged_country_subsets_match_the_manifest() {
    let e = synced();
    let myanmar = e.query(
        "SELECT COUNT(*) AS events, SUM(best) AS best FROM ged_events WHERE country = 'Myanmar (Burma)'",
    );
    assert_eq!(num(&myanmar[0]["events"]), 7_374.0);
    assert_eq!(num(&myanmar[0]["best"]), 28_721.0);
    let by_year = e.query(
        "SELECT year, SUM(best) AS best FROM ged_events WHERE country_id = 775 AND year BETWEEN 2021 AND 2023 \
         GROUP BY year ORDER BY year",
    );
    let best: Vec<f64> = by_year.iter().map(|r| num(&r["best"])).collect();
    assert_eq!(best, [1_780.0, 2_761.0, 3_125.0]);

    let mexico = e.query(
        "SELECT type_of_violence, COUNT(*) AS events, SUM(best) AS best FROM ged_events \
         WHERE country_id = 70 GROUP BY type_of_violence ORDER BY type_of_violence",
    );
    let events: Vec<f64> = mexico.iter().map(|r| num(&r["events"])).collect();
    assert_eq!(events, [35.0, 18_696.0, 226.0]);
    assert_eq!(
        mexico.iter().map(|r| num(&r["best"])).sum::<f64>(),
        140_695.0
    );
}

#[test]
fn every_vintage_stays_queryable_beside_the_current_one() {
    let e = synced();
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM ged_events_v23_1")),
        1_000.0
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(DISTINCT country) FROM ged_events_v23_1")),
        59.0
    );
    assert_eq!(
        num(&e.scalar("SELECT MIN(year) FROM ged_events_v23_1")),
        1_989.0
    );
    assert_eq!(
        num(&e.scalar("SELECT MAX(year) FROM ged_events_v23_1")),
        2_022.0
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM ged_events")),
        26_331.0,
        "24.1 is current"
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM ged_events_v24_1")),
        26_331.0
    );
}

#[test]
fn acd_counts_active_conflicts_as_ucdp_publishes_them() {
    let e = synced();
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM acd_conflicts")),
        2_686.0
    );
    let active = e.query(
        "SELECT year, COUNT(DISTINCT conflict_id) AS conflicts FROM acd_conflicts \
         WHERE year IN (2022, 2023) GROUP BY year ORDER BY year",
    );
    assert_eq!(num(&active[0]["conflicts"]), 56.0);
    assert_eq!(num(&active[1]["conflicts"]), 59.0);
    // DD-MM-YYYY dates and "1, 3" lists were read as dates and lists.
    let row = e.query(
        "SELECT CAST(start_date AS VARCHAR) AS start, array_length(gwno_loc) AS n FROM acd_conflicts \
         WHERE conflict_id = 11342 AND year = 2012",
    );
    assert_eq!(row[0]["start"], "2012-11-15");
    let multi = e.scalar("SELECT COUNT(*) FROM acd_conflicts WHERE array_length(region) > 1");
    assert_eq!(
        num(&multi),
        12.0,
        "rows whose region field lists several regions"
    );
}

#[test]
fn sipri_world_totals_match_the_april_2024_release() {
    let e = synced();
    let world = e.query(
        "SELECT year, constant_usd_m, current_usd_m, price_base_year FROM milex_regional \
         WHERE region = 'World' AND year = 2023",
    );
    assert!(
        (num(&world[0]["current_usd_m"]) / 1_000.0 - 2_443.4).abs() < 0.05,
        "{world:?}"
    );
    assert!(
        (num(&world[0]["constant_usd_m"]) / 1_000.0 - 2_393.6).abs() < 0.05,
        "{world:?}"
    );
    assert_eq!(num(&world[0]["price_base_year"]), 2_022.0);
    let top = e.query(
        "SELECT country, current_usd_m FROM milex WHERE year = 2023 ORDER BY current_usd_m DESC NULLS LAST LIMIT 3",
    );
    let top: Vec<(String, f64)> = top
        .iter()
        .map(|r| {
            (
                r["country"].as_str().unwrap().to_owned(),
                (num(&r["current_usd_m"]) / 100.0).round() / 10.0,
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("United States of America".into(), 916.0),
            ("China".into(), 296.4),
            ("Russia".into(), 109.5)
        ]
    );
    // The sum of country rows is not the world total (SIPRI estimates missing countries).
    let sum = num(&e.scalar("SELECT SUM(current_usd_m) FROM milex WHERE year = 2023")) / 1_000.0;
    assert!((sum - 2_387.6).abs() < 0.05, "{sum}");
    let markers = e.query(
        "SELECT current_usd_m_status AS status, COUNT(*) AS n FROM milex WHERE country = 'USSR' AND year = 1995 \
         GROUP BY current_usd_m_status",
    );
    assert_eq!(markers[0]["status"], "not_independent");
}

#[test]
fn unhcr_idmc_and_unrwa_totals_match_the_manifest() {
    let e = synced();
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM displacement")),
        138_893.0
    );
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM idmc_idps")), 934.0);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM unrwa_refugees")), 296.0);
    let refugees = num(&e.scalar("SELECT SUM(refugees) FROM displacement WHERE year = 2024")) / 1e6;
    assert!((refugees - 30.96).abs() < 0.005, "{refugees}");
    let idps = num(&e.scalar("SELECT SUM(total) FROM idmc_idps WHERE year = 2024")) / 1e6;
    assert!((idps - 73.6).abs() < 0.05, "{idps}");
    let unrwa = num(&e.scalar("SELECT SUM(total) FROM unrwa_refugees WHERE year = 2024")) / 1e6;
    assert!((unrwa - 5.91).abs() < 0.005, "{unrwa}");
}

#[test]
fn world_bank_population_and_reference_tables_load_whole() {
    let e = synced();
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM population")), 17_195.0);
    assert_eq!(
        num(&e.scalar("SELECT population FROM population WHERE code = 'WLD' AND year = 2024")),
        8_141_808_945.0
    );
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM countries")), 250.0);
    assert_eq!(
        e.scalar("SELECT name_fr FROM countries WHERE iso3 = 'DEU'"),
        "Allemagne"
    );
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM boundaries")), 174.0);
    let topojson = e
        .data_dir()
        .join("store/naturalearth/5.1.2/countries.topojson");
    assert_eq!(
        std::fs::read(topojson).unwrap(),
        std::fs::read(shared("geo/naturalearth_topojson/countries-110m.json")).unwrap()
    );
}

#[test]
fn other_shared_files_ingest_as_their_own_vintages() {
    let e = Eirene::new();
    let fifty = shared("geo/naturalearth_topojson/countries-50m.json");
    e.ok(&[
        "ingest",
        "naturalearth",
        fifty.to_str().unwrap(),
        "--version",
        "5.1.2-50m",
    ]);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM boundaries")), 239.0);
    let independent = shared("geo/naturalearth_topojson/countries-independent-110m.json");
    e.ok(&[
        "ingest",
        "naturalearth",
        independent.to_str().unwrap(),
        "--version",
        "5.1.2-independent",
    ]);
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM boundaries")),
        177.0,
        "the newest ingest becomes current"
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM boundaries_v5_1_2_50m")),
        239.0
    );
    // The GED version is read from UCDP's file name when --version is not given.
    let sample = shared("ucdp/ged_v23_1_sample1000.csv");
    let run = e.ok(&["ingest", "ucdp-ged", sample.to_str().unwrap()]);
    assert!(
        run.stdout.starts_with("ucdp-ged 23.1: 1000 row(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_ledger_records_provenance_of_every_ingest() {
    let e = synced();
    let run = e.ok(&["sources", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ged = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "ucdp-ged")
        .unwrap();
    assert_eq!(ged["licence"], "CC BY 4.0");
    let ledger = ged["ledger"].as_array().unwrap();
    let v24 = ledger
        .iter()
        .find(|entry| entry["version"] == "24.1")
        .unwrap();
    let files = v24["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let mexico = files
        .iter()
        .find(|f| f["name"] == "ged_v24_1_mexico.csv.gz")
        .unwrap();
    assert!(
        mexico["sha256"]
            .as_str()
            .unwrap()
            .starts_with("06461eea3a564e8d"),
        "{mexico}"
    );
    assert_eq!(mexico["bytes"], 1_233_250);
    assert_eq!(v24["rows_accepted"], 26_331);
    assert_eq!(v24["eirene_version"], env!("CARGO_PKG_VERSION"));
    assert!(
        v24["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("outside `low..=high`"))
    );
    // Syncing the same mirror again changes nothing: every vintage is up to date, every treaty
    // file already imported.
    let before = e.digest();
    let again = e.ok(&[
        "sync",
        "--from",
        crate::support::shared_data().to_str().unwrap(),
    ]);
    assert!(
        again
            .stdout
            .lines()
            .all(|l| l.contains("up to date") || l.contains("already imported")),
        "{}",
        again.stdout
    );
    assert_eq!(e.digest(), before);
}

/// Older GED releases lack some of today's 49 columns: they load, the missing columns are null,
/// and the warning names them (in the output and in the ledger).
#[test]
fn an_older_ged_layout_loads_with_nulls_and_a_named_warning() {
    let text = std::fs::read_to_string(shared("ucdp/ged_v23_1_sample1000.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let dropped = ["relid", "code_status", "event_clarity"];
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !dropped.contains(&&header[i]))
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(keep.iter().map(|&i| &header[i]))
        .unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        writer
            .write_record(keep.iter().map(|&i| &record[i]))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ged_old_layout.csv");
    std::fs::write(&path, writer.into_inner().unwrap()).unwrap();

    let e = Eirene::new();
    let run = e.ok(&[
        "ingest",
        "ucdp-ged",
        path.to_str().unwrap(),
        "--version",
        "18.1",
    ]);
    assert!(
        run.stderr.contains(
            "columns missing from this layout, loaded as nulls: relid, code_status, event_clarity"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM ged_events WHERE relid IS NULL")),
        1_000.0
    );
    assert_eq!(
        num(&e.scalar("SELECT SUM(best) FROM ged_events")),
        num(&synced().scalar("SELECT SUM(best) FROM ged_events_v23_1"))
    );
    let sources = e.ok(&["sources", "ucdp-ged", "--format", "json"]).stdout;
    assert!(
        sources.contains("loaded as nulls: relid, code_status, event_clarity"),
        "the ledger keeps the warning"
    );
}

/// Synthetic events are GED-format: they ingest through the real parser, and their deaths add up.
#[test]
fn synthetic_ged_ingests_through_the_real_parser() {
    let e = Eirene::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.csv");
    e.ok(&[
        "synth",
        "ged",
        "--rows",
        "5000",
        "--seed",
        "7",
        "--out",
        path.to_str().unwrap(),
    ]);
    e.ok(&[
        "ingest",
        "ucdp-ged",
        path.to_str().unwrap(),
        "--version",
        "synthetic",
    ]);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM ged_events")), 5_000.0);
    let inconsistent = e.scalar(
        "SELECT COUNT(*) FROM ged_events WHERE best <> deaths_a + deaths_b + deaths_civilians + deaths_unknown \
         OR best < low OR best > high",
    );
    assert_eq!(num(&inconsistent), 0.0);
    let first = std::fs::read(&path).unwrap();
    e.ok(&[
        "synth",
        "ged",
        "--rows",
        "5000",
        "--seed",
        "7",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the same seed gives the same file"
    );
}
