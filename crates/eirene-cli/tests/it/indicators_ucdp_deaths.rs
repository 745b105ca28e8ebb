//! `ucdp.deaths`: published figures, and the SQL against a plain fold over the same events.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{Eirene, num, synced};

/// The `rows` of `eirene indicators show ... --format json`, checking the envelope on the way.
pub fn indicator_rows(e: &Eirene, args: &[&str]) -> Vec<BTreeMap<String, Value>> {
    let mut command = vec!["indicators", "show"];
    command.extend_from_slice(args);
    command.extend_from_slice(&["--format", "json"]);
    let run = e.ok(&command);
    let document: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(document["indicator"], args[0]);
    let sources = document["sources"].as_array().expect("sources");
    assert!(
        !sources.is_empty()
            && sources
                .iter()
                .all(|s| s["version"].is_string() && s["citation"].is_string())
    );
    assert!(document["sql"].as_str().unwrap().contains("SELECT"));
    serde_json::from_value(document["rows"].clone()).expect("rows are objects")
}

#[test]
fn myanmar_yearly_deaths_match_the_manifest_and_the_change_is_computed() {
    let e = synced();
    let rows = indicator_rows(
        e,
        &[
            "ucdp.deaths",
            "--country",
            "MMR",
            "--from",
            "2020",
            "--to",
            "2023",
        ],
    );
    let all: Vec<&BTreeMap<String, Value>> = rows.iter().filter(|r| r["type"] == "all").collect();
    let best: Vec<f64> = all.iter().map(|r| num(&r["best"])).collect();
    assert_eq!(best[1..], [1_780.0, 2_761.0, 3_125.0]);
    let change = num(&all[2]["best_change_pct"]);
    assert!(
        (change - (2_761.0 - 1_780.0) * 100.0 / 1_780.0).abs() < 0.05,
        "{change}"
    );
    assert!(
        rows.iter()
            .all(|r| r["iso3"] == "MMR" && r["gw_code"] == 775 && r["level"] == "country")
    );
}

#[test]
fn a_change_on_a_year_without_deaths_is_null_not_infinite() {
    let e = synced();
    let rows = indicator_rows(e, &["ucdp.deaths", "--country", "MMR", "--year", "2022"]);
    let non_state = rows
        .iter()
        .find(|r| r["type"] == "non-state")
        .expect("non-state events in 2022");
    assert_eq!(
        non_state["best_change_pct"],
        Value::Null,
        "no non-state deaths in 2021"
    );
}

/// Every country-year-type total equals a fold over the raw events.
#[test]
fn country_totals_equal_a_fold_over_the_events() {
    let e = synced();
    let events = e.query("SELECT country_id, year, type_of_violence, best, low, high, deaths_civilians FROM ged_events");
    let mut fold: BTreeMap<(i64, i64, &str), [f64; 5]> = BTreeMap::new();
    for event in &events {
        let kind = match num(&event["type_of_violence"]) as i64 {
            1 => "state-based",
            2 => "non-state",
            _ => "one-sided",
        };
        let key = |t| {
            (
                num(&event["country_id"]) as i64,
                num(&event["year"]) as i64,
                t,
            )
        };
        for t in [kind, "all"] {
            let totals = fold.entry(key(t)).or_default();
            totals[0] += 1.0;
            for (i, column) in ["best", "low", "high", "deaths_civilians"]
                .iter()
                .enumerate()
            {
                totals[i + 1] += num(&event[*column]);
            }
        }
    }
    let rows = indicator_rows(e, &["ucdp.deaths"]);
    let mut computed = BTreeMap::new();
    for row in rows.iter().filter(|r| r["level"] == "country") {
        let key = (
            num(&row["gw_code"]) as i64,
            num(&row["year"]) as i64,
            row["type"].as_str().unwrap(),
        );
        let values = ["events", "best", "low", "high", "civilian_deaths"].map(|c| num(&row[c]));
        computed.insert(key, values);
    }
    assert_eq!(computed.len(), fold.len());
    for (key, expected) in &fold {
        assert_eq!(computed[key], *expected, "{key:?}");
    }
    // The world is the sum of its regions, and a region the sum of its countries.
    let sum = |level: &str| -> f64 {
        rows.iter()
            .filter(|r| r["level"] == level && r["type"] == "all")
            .map(|r| num(&r["best"]))
            .sum()
    };
    assert_eq!(sum("world"), sum("region"));
    assert_eq!(sum("region"), sum("country"));
}

#[test]
fn selections_that_do_not_apply_are_usage_errors() {
    let e = synced();
    for args in [
        vec!["indicators", "show", "ucdp.deaths", "--country", "Myanmar"],
        vec![
            "indicators",
            "show",
            "ucdp.deaths",
            "--from",
            "2023",
            "--to",
            "2020",
        ],
        vec!["indicators", "show", "no.such.indicator"],
    ] {
        let run = e.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    let explain = e
        .ok(&["indicators", "explain", "ucdp.deaths", "--lang", "fr"])
        .stdout;
    assert!(
        explain.contains("Décès et événements") && explain.contains("FROM ged_events"),
        "{explain}"
    );
}

/// Country-years of `ucdp.deaths` (GED 24.1) against Our World in Data's GED 19.1 series: the
/// years that differ by more than 5 % are exactly those docs/FIDELITY.md lists and explains.
#[test]
fn country_deaths_match_owid_ged_19_1_except_the_documented_years() {
    let e = synced();
    let path = crate::support::shared("ucdp/owid_ucdp_ged_conflict_deaths_by_country_2019.csv");
    let mut owid = BTreeMap::new();
    for record in csv::Reader::from_path(path).unwrap().records() {
        let record = record.unwrap();
        if matches!(&record[0], "Myanmar" | "Mexico") {
            owid.insert(
                (record[0].to_owned(), record[1].parse::<i64>().unwrap()),
                record[2].parse::<f64>().unwrap(),
            );
        }
    }
    let mut ours = BTreeMap::new();
    for iso3 in ["MMR", "MEX"] {
        for row in indicator_rows(
            e,
            &[
                "ucdp.deaths",
                "--country",
                iso3,
                "--from",
                "1989",
                "--to",
                "2018",
            ],
        ) {
            if row["type"] == "all" {
                let name = if iso3 == "MMR" { "Myanmar" } else { "Mexico" };
                ours.insert(
                    (name.to_owned(), num(&row["year"]) as i64),
                    num(&row["best"]),
                );
            }
        }
    }
    let mut differing: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for ((country, year), &published) in &owid {
        let computed = ours.get(&(country.clone(), *year)).copied().unwrap_or(0.0);
        let agrees = computed == published
            || (published > 0.0 && (computed - published).abs() / published <= 0.05);
        if !agrees {
            differing.entry(country.as_str()).or_default().push(*year);
        }
    }
    assert_eq!(differing["Myanmar"], [1989, 2003, 2018]);
    assert_eq!(differing["Mexico"], (2007..=2018).collect::<Vec<_>>());
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/FIDELITY.md"
    ))
    .unwrap();
    assert!(doc.contains("Myanmar differing years: 1989, 2003, 2018"));
    assert!(doc.contains("Mexico differing years: 2007–2018"));
}
