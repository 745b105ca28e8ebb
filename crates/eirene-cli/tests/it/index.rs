//! `eirene index` (ACLED-style conflict index, Eirene method) on UCDP GED and on the ACLED
//! fixture: every indicator against a fold over the raw rows.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::indicators_acled::{LARGE, store_with};
use crate::support::{Eirene, num, synced};

/// Per country: fatalities, civilian-targeting events, distinct non-state groups.
#[derive(Debug, Default)]
struct Fold {
    deadliness: f64,
    danger_to_civilians: u64,
    groups: BTreeSet<String>,
}

fn index(e: &Eirene, args: &[&str]) -> Value {
    let mut all = vec!["index", "--format", "json"];
    all.extend_from_slice(args);
    let run = e.ok(&all);
    serde_json::from_str(&run.stdout).unwrap()
}

fn assert_matches(index: &Value, fold: &BTreeMap<String, Fold>) {
    let ranked: Vec<&Value> = index["countries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["rank"].is_null())
        .collect();
    assert_eq!(ranked.len(), fold.len(), "{index}");
    for country in ranked {
        let expected = &fold[country["iso3"].as_str().unwrap()];
        assert!(
            (num(&country["deadliness"]) - expected.deadliness).abs() < 1e-9,
            "{country}"
        );
        assert_eq!(
            country["danger_to_civilians"], expected.danger_to_civilians,
            "{country}"
        );
        assert_eq!(country["fragmentation"], expected.groups.len(), "{country}");
        assert_eq!(
            country["diffusion"],
            Value::Null,
            "no population raster given"
        );
    }
}

fn group(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn the_ged_index_is_a_fold_over_the_events() {
    let e = synced();
    let result = index(e, &["--window-end", "2023-12-31"]);
    assert_eq!(result["method"], "ACLED-style index, Eirene method");
    assert_eq!(result["window"]["start"], "2023-01-01");
    let mut fold: BTreeMap<String, Fold> = BTreeMap::new();
    for row in e.query(
        "SELECT countries.iso3, best, type_of_violence, side_a, side_b FROM ged_events \
         JOIN countries ON countries.gw_code = ged_events.country_id \
         WHERE date_start BETWEEN DATE '2023-01-01' AND DATE '2023-12-31'",
    ) {
        let f = fold
            .entry(row["iso3"].as_str().unwrap().to_owned())
            .or_default();
        f.deadliness += num(&row["best"]);
        let kind = num(&row["type_of_violence"]) as i64;
        let side_a = row["side_a"].as_str().unwrap_or_default();
        let side_b = row["side_b"].as_str().unwrap_or_default();
        if kind == 3 {
            f.danger_to_civilians += 1;
        }
        if kind == 2 || (kind == 3 && !side_a.starts_with("Government of")) {
            f.groups.insert(group(side_a));
        }
        if kind == 1 || kind == 2 {
            f.groups.insert(group(side_b));
        }
    }
    assert_matches(&result, &fold);
    // The deadliness of a calendar year is the year's deaths of ucdp.deaths: Myanmar 3,125.
    let myanmar = result["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["iso3"] == "MMR")
        .unwrap();
    assert_eq!(num(&myanmar["deadliness"]), 3125.0);
    assert!(
        result["countries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["level"] == "extreme" || c["rank"].is_null())
    );
    // The annual edition's window by default: December to November.
    let default = index(e, &[]);
    assert_eq!(default["window"]["end"], "2023-11-30");
    assert_eq!(default["window"]["start"], "2022-12-01");
}

#[test]
fn the_acled_index_is_a_fold_over_the_export() {
    let e = store_with(LARGE);
    let result = index(&e, &["--source", "acled", "--window-end", "2022-12-31"]);
    assert_eq!(result["source"], "acled");
    let non_state = [
        "2",
        "3",
        "4",
        "Rebel group",
        "Political militia",
        "Identity militia",
    ];
    let mut fold: BTreeMap<String, Fold> = BTreeMap::new();
    for row in e.query(
        "SELECT countries.iso3, fatalities, disorder_type, civilian_targeting, actor1, inter1, \
         actor2, inter2 FROM acled_events JOIN countries ON countries.iso_numeric = acled_events.iso \
         WHERE event_date BETWEEN DATE '2022-01-01' AND DATE '2022-12-31' \
         AND latitude IS NOT NULL AND longitude IS NOT NULL",
    ) {
        let text = |c: &str| row[c].as_str().unwrap_or_default().to_owned();
        if !text("disorder_type").contains("Political violence") {
            continue;
        }
        let f = fold.entry(text("iso3")).or_default();
        f.deadliness += num(&row["fatalities"]);
        if text("civilian_targeting") == "Civilian targeting" {
            f.danger_to_civilians += 1;
        }
        for (actor, inter) in [("actor1", "inter1"), ("actor2", "inter2")] {
            if non_state.contains(&text(inter).as_str()) && !text(actor).trim().is_empty() {
                f.groups.insert(group(&text(actor)));
            }
        }
    }
    assert!(
        fold.len() > 10,
        "the fixture covers many countries: {}",
        fold.len()
    );
    assert_matches(&result, &fold);
    let levels: BTreeMap<&str, usize> =
        result["countries"]
            .as_array()
            .unwrap()
            .iter()
            .fold(BTreeMap::new(), |mut levels, c| {
                *levels.entry(c["level"].as_str().unwrap()).or_default() += 1;
                levels
            });
    assert_eq!(levels.get("extreme"), Some(&10), "{levels:?}");
}
