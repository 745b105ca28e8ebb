//! `acled.event_types` on the ACLED-format fixture: every value against a plain fold over the
//! raw rows. The fixture is edited dummy data (acledR's test objects), never statistics: these
//! tests check arithmetic, not figures.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::indicators_ucdp_deaths::indicator_rows;
use crate::support::{Eirene, num, shared};

const SMALL: &str = "acled_sample/acledR_acled_old_dummy_326.csv";
pub const LARGE: &str = "acled_sample/acledR_acled_old_deletion_dummy_9000.csv.gz";

/// A fresh store holding one fixture file as the `fixture` vintage, and the country reference.
pub fn store_with(relative: &str) -> Eirene {
    let e = Eirene::new();
    e.ok(&["ingest", "countries"]);
    let path = shared(relative);
    let run = e.ok(&[
        "ingest",
        "acled",
        path.to_str().unwrap(),
        "--version",
        "fixture",
    ]);
    assert!(run.stdout.starts_with("acled fixture: "), "{}", run.stdout);
    e
}

/// The measures of one row: events, fatalities, political-violence events, civilian-targeting
/// events and fatalities, and events of Explosions/Remote violence that are political violence.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Totals {
    events: f64,
    fatalities: f64,
    political_violence: f64,
    civilian_targeting: f64,
    civilian_targeting_fatalities: f64,
    explosions_political_violence: f64,
}

/// (level, region, iso_numeric, country, year, breakdown, event_type, sub_event_type)
type Key = (
    String,
    String,
    Option<i64>,
    Option<String>,
    i64,
    String,
    Option<String>,
    Option<String>,
);

/// Rounded to one decimal exactly as the SQL `ROUND(x, 1)` does.
fn pct(part: f64, whole: f64) -> f64 {
    let share = part * 100.0 / whole;
    (share * 10.0).round() / 10.0
}

/// Folds the raw rows, read back with `eirene sql`, into every row the indicator should have.
fn fold(e: &Eirene) -> BTreeMap<Key, Totals> {
    let raw = e.query(
        "SELECT year, region, iso, country, event_type, sub_event_type, disorder_type, \
         civilian_targeting, fatalities FROM acled_events",
    );
    let mut fold: BTreeMap<Key, Totals> = BTreeMap::new();
    for row in &raw {
        let text = |c: &str| row[c].as_str().map(str::to_owned);
        let year = num(&row["year"]) as i64;
        let region = text("region").unwrap();
        let fatalities = num(&row["fatalities"]);
        let political = text("disorder_type").is_some_and(|d| d.contains("Political violence"));
        let civilian = text("civilian_targeting").as_deref() == Some("Civilian targeting");
        let event_type = text("event_type").unwrap();
        let places = [
            ("world", "World".to_owned(), None, None),
            ("region", region.clone(), None, None),
            (
                "country",
                region.clone(),
                Some(num(&row["iso"]) as i64),
                text("country"),
            ),
        ];
        let breakdowns = [
            ("all", None, None),
            ("event_type", Some(event_type.clone()), None),
            (
                "sub_event_type",
                Some(event_type.clone()),
                text("sub_event_type"),
            ),
        ];
        for (level, region, iso, country) in &places {
            for (breakdown, kind, sub) in &breakdowns {
                let key = (
                    (*level).to_owned(),
                    region.clone(),
                    *iso,
                    country.clone(),
                    year,
                    (*breakdown).to_owned(),
                    kind.clone(),
                    sub.clone(),
                );
                let t = fold.entry(key).or_default();
                t.events += 1.0;
                t.fatalities += fatalities;
                if political {
                    t.political_violence += 1.0;
                    if event_type == "Explosions/Remote violence" {
                        t.explosions_political_violence += 1.0;
                    }
                }
                if civilian {
                    t.civilian_targeting += 1.0;
                    t.civilian_targeting_fatalities += fatalities;
                }
            }
        }
    }
    fold
}

fn key_of(row: &BTreeMap<String, Value>) -> Key {
    let text = |c: &str| row[c].as_str().map(str::to_owned);
    (
        text("level").unwrap(),
        text("region").unwrap(),
        row["iso_numeric"].as_i64(),
        text("country"),
        num(&row["year"]) as i64,
        text("breakdown").unwrap(),
        text("event_type"),
        text("sub_event_type"),
    )
}

/// Every value of the indicator equals the fold: counts, sums and the three shares.
fn check_against_fold(e: &Eirene) -> Vec<BTreeMap<String, Value>> {
    let expected = fold(e);
    let rows = indicator_rows(e, &["acled.event_types"]);
    assert_eq!(rows.len(), expected.len(), "one row per fold key");
    let whole = |key: &Key| {
        let mut all = key.clone();
        (all.5, all.6, all.7) = ("all".to_owned(), None, None);
        expected[&all]
    };
    for row in &rows {
        let key = key_of(row);
        let want = expected
            .get(&key)
            .unwrap_or_else(|| panic!("unexpected row {row:?}"));
        let got = Totals {
            events: num(&row["events"]),
            fatalities: num(&row["fatalities"]),
            political_violence: num(&row["political_violence_events"]),
            civilian_targeting: num(&row["civilian_targeting_events"]),
            civilian_targeting_fatalities: num(&row["civilian_targeting_fatalities"]),
            explosions_political_violence: want.explosions_political_violence,
        };
        assert_eq!(got, *want, "{key:?}");
        let all = whole(&key);
        assert_eq!(
            num(&row["share_of_events_pct"]),
            pct(want.events, all.events),
            "{key:?}"
        );
        let political_share = &row["share_of_political_violence_pct"];
        let headline = &row["explosions_share_of_political_violence_pct"];
        if all.political_violence == 0.0 {
            assert_eq!(*political_share, Value::Null, "{key:?}");
            assert_eq!(*headline, Value::Null, "{key:?}");
        } else {
            assert_eq!(
                num(political_share),
                pct(want.political_violence, all.political_violence),
                "{key:?}"
            );
            if key.5 == "all" {
                assert_eq!(
                    num(headline),
                    pct(want.explosions_political_violence, all.political_violence),
                    "{key:?}"
                );
            } else {
                assert_eq!(*headline, Value::Null, "only `all` rows carry it: {key:?}");
            }
        }
        if key.0 == "country" {
            assert!(
                row["iso3"].is_string(),
                "every fixture country matches: {row:?}"
            );
        }
    }
    rows
}

#[test]
fn the_326_row_fixture_folds_to_the_indicator() {
    let e = store_with(SMALL);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM acled_events")), 326.0);
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM acled_events_vfixture")),
        326.0
    );
    let rows = check_against_fold(&e);
    // Argentina in the fixture: iso 32 is ARG.
    assert!(
        rows.iter()
            .any(|r| r["iso3"] == "ARG" && r["iso_numeric"] == 32 && r["level"] == "country")
    );
}

#[test]
fn the_9000_row_fixture_folds_to_the_indicator_and_the_headline_reads_from_one_row() {
    let e = store_with(LARGE);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM acled_events")), 9_000.0);
    let rows = check_against_fold(&e);

    // The headline for the world: one row, equal to the raw count ratio.
    let explosions = num(&e.scalar(
        "SELECT COUNT(*) FROM acled_events WHERE disorder_type LIKE '%Political violence%' \
         AND event_type = 'Explosions/Remote violence'",
    ));
    let political = num(&e.scalar(
        "SELECT COUNT(*) FROM acled_events WHERE disorder_type LIKE '%Political violence%'",
    ));
    assert!(explosions > 0.0 && political > explosions);
    let world: Vec<_> = rows
        .iter()
        .filter(|r| r["level"] == "world" && r["breakdown"] == "all")
        .collect();
    assert_eq!(world.len(), 1, "one year in the fixture");
    assert_eq!(
        num(&world[0]["explosions_share_of_political_violence_pct"]),
        pct(explosions, political)
    );
    let event_type_row = rows
        .iter()
        .find(|r| {
            r["level"] == "world"
                && r["breakdown"] == "event_type"
                && r["event_type"] == "Explosions/Remote violence"
        })
        .expect("an Explosions/Remote violence row");
    assert_eq!(
        event_type_row["share_of_political_violence_pct"],
        world[0]["explosions_share_of_political_violence_pct"]
    );

    // Civilian targeting: the column is empty in this (edited) fixture, and the indicator says 0.
    let civilian = num(&e.scalar(
        "SELECT COUNT(*) FROM acled_events WHERE civilian_targeting = 'Civilian targeting'",
    ));
    assert_eq!(num(&world[0]["civilian_targeting_events"]), civilian);

    // The country selection adds a WHERE on iso3 and keeps every breakdown of that country.
    let country = rows
        .iter()
        .find(|r| r["level"] == "country" && r["iso3"].is_string())
        .unwrap();
    let iso3 = country["iso3"].as_str().unwrap();
    let selected = indicator_rows(&e, &["acled.event_types", "--country", iso3]);
    assert_eq!(
        selected.len(),
        rows.iter().filter(|r| r["iso3"] == iso3).count()
    );
    assert!(selected.iter().any(|r| r["breakdown"] == "all"));
}

/// Text in `fatalities` stops the import with exit code 3, naming file, line and column.
#[test]
fn text_in_fatalities_is_a_data_error_with_file_line_and_column() {
    let original = std::fs::read_to_string(shared(SMALL)).unwrap();
    let mut reader = csv::Reader::from_reader(original.as_bytes());
    let header = reader.headers().unwrap().clone();
    let fatalities = header.iter().position(|h| h == "fatalities").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for (i, record) in reader.records().take(3).enumerate() {
        let mut fields: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if i == 1 {
            fields[fatalities] = "several".to_owned();
        }
        writer.write_record(&fields).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acled_bad.csv");
    std::fs::write(&path, writer.into_inner().unwrap()).unwrap();

    let e = Eirene::new();
    let run = e.run(&[
        "ingest",
        "acled",
        path.to_str().unwrap(),
        "--version",
        "fixture",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    // The third line of the file: the header is line 1 and no earlier field spans lines.
    assert!(
        run.stderr.contains(&format!(
            "acled_bad.csv:3: column {} (fatalities): `several` is not a whole number",
            fatalities + 1
        )),
        "{}",
        run.stderr
    );
    assert!(
        e.run(&["sql", "SELECT COUNT(*) FROM acled_events"]).code != 0,
        "nothing was stored"
    );
}

/// The two fixture files share 10 event ids: ingested as one vintage, they would count those
/// events twice, so the import stops with a data error and stores nothing.
#[test]
fn overlapping_exports_are_rejected() {
    let e = Eirene::new();
    let (small, large) = (shared(SMALL), shared(LARGE));
    let run = e.run(&[
        "ingest",
        "acled",
        small.to_str().unwrap(),
        large.to_str().unwrap(),
        "--version",
        "fixture",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("appears twice (already in acledR_acled_old_dummy_326.csv)"),
        "{}",
        run.stderr
    );
}

/// ACLED has nothing to download: `sync acled` explains and does nothing, and `sources` lists it
/// as the user's own export.
#[test]
fn acled_is_a_users_own_export_that_sync_skips() {
    let e = Eirene::new();
    e.ok(&["sources"]);
    let before = e.digest();
    let run = e.ok(&["sync", "acled"]);
    assert!(run.stderr.contains("your own export"), "{}", run.stderr);
    assert_eq!(e.digest(), before, "nothing was fetched or written");
    let listing = e.ok(&["sources", "--format", "csv"]).stdout;
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("acled,") && l.contains("user's own export")),
        "{listing}"
    );
    let entry = e.ok(&["sources", "acled"]).stdout;
    assert!(
        entry.contains("Armed Conflict Location & Event Data (ACLED), www.acleddata.com")
            && entry.contains("never redistributes ACLED rows"),
        "{entry}"
    );
}
