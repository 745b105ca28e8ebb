//! `ucdp.conflicts.active` and `sdg16.civilian_deaths_rate`: published figures, the SQL against
//! plain folds over the same rows, and Our World in Data's older UCDP/PRIO counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::indicators_ucdp_deaths::indicator_rows;
use crate::support::{num, shared, synced};

type Row = BTreeMap<String, Value>;
/// (basis, measure, region, type, year).
type Key = (String, String, String, String, i64);

fn text(row: &Row, column: &str) -> String {
    row[column]
        .as_str()
        .unwrap_or_else(|| panic!("{column} is not text: {row:?}"))
        .to_owned()
}

fn int(value: &Value) -> i64 {
    num(value) as i64
}

fn ints(value: &Value) -> Vec<i64> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(int)
        .collect()
}

/// The indicator's rows by key; the value is None where it is null.
fn conflict_values(args: &[&str]) -> BTreeMap<Key, Option<i64>> {
    let mut command = vec!["ucdp.conflicts.active"];
    command.extend_from_slice(args);
    let mut values = BTreeMap::new();
    for row in indicator_rows(synced(), &command) {
        let key = (
            text(&row, "basis"),
            text(&row, "measure"),
            text(&row, "region"),
            text(&row, "type"),
            int(&row["year"]),
        );
        let value = (!row["value"].is_null()).then(|| int(&row["value"]));
        assert!(values.insert(key.clone(), value).is_none(), "{key:?} twice");
    }
    values
}

fn acd_region(code: i64) -> &'static str {
    match code {
        1 => "Europe",
        2 => "Middle East",
        3 => "Asia",
        4 => "Africa",
        5 => "Americas",
        other => panic!("ACD region code {other}"),
    }
}

fn acd_type(code: i64) -> &'static str {
    match code {
        1 => "extrasystemic",
        2 => "interstate",
        3 => "intrastate",
        4 => "internationalised intrastate",
        other => panic!("type_of_conflict {other}"),
    }
}

/// The UCDP region of a Gleditsch-Ward code (METHODS.md §2).
fn gw_region(gw: i64) -> &'static str {
    match gw {
        2..=199 => "Americas",
        200..=399 => "Europe",
        400..=626 => "Africa",
        630..=699 => "Middle East",
        700..=999 => "Asia",
        other => panic!("GW code {other} has no region"),
    }
}

const REGIONS: [&str; 6] = [
    "World",
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Middle East",
];

/// Sets of distinct ids per (measure, region, type, year), and the years seen.
#[derive(Default)]
struct Fold {
    sets: BTreeMap<(String, String, String, i64), BTreeSet<i64>>,
    years: BTreeSet<i64>,
}

impl Fold {
    fn add(&mut self, measure: &str, region: &str, kind: &str, year: i64, id: i64) {
        self.sets
            .entry((measure.into(), region.into(), kind.into(), year))
            .or_default()
            .insert(id);
    }

    fn count(&self, measure: &str, region: &str, kind: &str, year: i64) -> i64 {
        self.sets
            .get(&(measure.into(), region.into(), kind.into(), year))
            .map_or(0, |s| s.len() as i64)
    }

    /// Every (measure, region, type, year) of the grid equals the fold; the first year's
    /// new_conflicts is null; the indicator has no other rows for this basis.
    fn check(
        &self,
        basis: &str,
        measures: &[&str],
        kinds: &[&str],
        values: &BTreeMap<Key, Option<i64>>,
    ) {
        let first = *self.years.first().expect("some years");
        let mut checked = 0;
        for &year in &self.years {
            for measure in measures {
                for region in REGIONS {
                    for kind in kinds {
                        let key = (
                            basis.to_owned(),
                            measure.to_string(),
                            region.to_owned(),
                            kind.to_string(),
                            year,
                        );
                        let expected = if *measure == "new_conflicts" && year == first {
                            None
                        } else {
                            Some(self.count(measure, region, kind, year))
                        };
                        let got = values
                            .get(&key)
                            .unwrap_or_else(|| panic!("no row for {key:?}"));
                        assert_eq!(*got, expected, "{key:?}");
                        checked += 1;
                    }
                }
            }
        }
        let rows = values.keys().filter(|k| k.0 == basis).count();
        assert_eq!(rows, checked, "{basis}: rows outside the grid");
        // A conflict in several regions counts in each: the World is at most the sum of the
        // regions, and at least the largest of them.
        for ((measure, region, kind, year), set) in &self.sets {
            if region != "World" {
                continue;
            }
            let regional: Vec<i64> = REGIONS[1..]
                .iter()
                .map(|r| self.count(measure, r, kind, *year))
                .collect();
            let world = set.len() as i64;
            assert!(
                world <= regional.iter().sum::<i64>(),
                "{measure} {kind} {year}"
            );
            assert!(
                world >= *regional.iter().max().unwrap(),
                "{measure} {kind} {year}"
            );
        }
    }
}

#[test]
fn acd_2022_and_2023_match_the_published_counts() {
    let values = conflict_values(&["--region", "World", "--from", "2022", "--to", "2023"]);
    let active = |year| {
        values[&(
            "acd".to_owned(),
            "active_conflicts".to_owned(),
            "World".to_owned(),
            "state-based".to_owned(),
            year,
        )]
    };
    assert_eq!(active(2022), Some(56));
    assert_eq!(active(2023), Some(59));
    assert!(
        values
            .keys()
            .all(|k| k.2 == "World" && (2022..=2023).contains(&k.4))
    );
}

/// Every ACD value (active conflicts, wars, new conflicts, countries, by region and type) equals
/// a fold over the conflict-year rows of `acd_conflicts`.
#[test]
fn acd_counts_equal_a_fold_over_the_conflict_years() {
    let e = synced();
    let conflicts = e.query(
        "SELECT conflict_id, year, intensity_level, type_of_conflict, region, gwno_loc \
         FROM acd_conflicts",
    );
    let mut first_year: BTreeMap<i64, i64> = BTreeMap::new();
    for c in &conflicts {
        let (id, year) = (int(&c["conflict_id"]), int(&c["year"]));
        let first = first_year.entry(id).or_insert(year);
        *first = (*first).min(year);
    }
    let mut fold = Fold::default();
    for c in &conflicts {
        let id = int(&c["conflict_id"]);
        let year = int(&c["year"]);
        fold.years.insert(year);
        let regions: BTreeSet<&str> = std::iter::once("World")
            .chain(ints(&c["region"]).into_iter().map(acd_region))
            .collect();
        for kind in ["state-based", acd_type(int(&c["type_of_conflict"]))] {
            for region in &regions {
                fold.add("active_conflicts", region, kind, year, id);
                if int(&c["intensity_level"]) == 2 {
                    fold.add("wars", region, kind, year, id);
                }
                if first_year[&id] == year {
                    fold.add("new_conflicts", region, kind, year, id);
                }
            }
            for gw in ints(&c["gwno_loc"]) {
                fold.add("countries_with_conflict", "World", kind, year, gw);
                fold.add("countries_with_conflict", gw_region(gw), kind, year, gw);
            }
        }
    }
    assert_eq!(fold.years.len(), 78, "ACD 24.1 covers 1946-2023");
    let values = conflict_values(&[]);
    fold.check(
        "acd",
        &[
            "active_conflicts",
            "wars",
            "new_conflicts",
            "countries_with_conflict",
        ],
        &[
            "state-based",
            "extrasystemic",
            "interstate",
            "intrastate",
            "internationalised intrastate",
        ],
        &values,
    );
    // Wars in 2023, straight from SQL.
    let wars = e.scalar(
        "SELECT COUNT(DISTINCT conflict_id) FROM acd_conflicts \
         WHERE year = 2023 AND intensity_level = 2",
    );
    let key = |m: &str| {
        (
            "acd".to_owned(),
            m.to_owned(),
            "World".to_owned(),
            "state-based".to_owned(),
            2023,
        )
    };
    assert_eq!(values[&key("wars")], Some(int(&wars)));
    // Types split the state-based total exactly (a conflict-year has one type).
    for &year in &fold.years {
        for region in REGIONS {
            let by_type: i64 = [
                "extrasystemic",
                "interstate",
                "intrastate",
                "internationalised intrastate",
            ]
            .iter()
            .map(|t| fold.count("active_conflicts", region, t, year))
            .sum();
            assert_eq!(
                by_type,
                fold.count("active_conflicts", region, "state-based", year)
            );
        }
    }
}

/// The GED basis equals a fold over the current GED events with `active_year`.
#[test]
fn ged_counts_equal_a_fold_over_the_active_events() {
    let e = synced();
    let events = e.query(
        "SELECT year, region, country_id, conflict_new_id, type_of_violence \
         FROM ged_events WHERE active_year",
    );
    assert!(events.len() > 20_000, "the Mexico and Myanmar subsets");
    let mut first_year: BTreeMap<i64, i64> = BTreeMap::new();
    for event in &events {
        let (id, year) = (int(&event["conflict_new_id"]), int(&event["year"]));
        let first = first_year.entry(id).or_insert(year);
        *first = (*first).min(year);
    }
    let mut fold = Fold::default();
    for event in &events {
        let id = int(&event["conflict_new_id"]);
        let year = int(&event["year"]);
        fold.years.insert(year);
        let kind = match int(&event["type_of_violence"]) {
            1 => "state-based",
            2 => "non-state",
            3 => "one-sided",
            other => panic!("type_of_violence {other}"),
        };
        for region in ["World", event["region"].as_str().unwrap()] {
            fold.add("active_conflicts", region, kind, year, id);
            if first_year[&id] == year {
                fold.add("new_conflicts", region, kind, year, id);
            }
            let country = int(&event["country_id"]);
            fold.add("countries_with_conflict", region, kind, year, country);
        }
    }
    let values = conflict_values(&[]);
    fold.check(
        "ged",
        &[
            "active_conflicts",
            "new_conflicts",
            "countries_with_conflict",
        ],
        &["state-based", "non-state", "one-sided"],
        &values,
    );
    assert!(
        values.keys().all(|k| k.0 != "ged" || k.1 != "wars"),
        "no wars measure on the GED basis"
    );
}

/// The `Differing years:` line of docs/FIDELITY.md.
fn documented_differing_years() -> Vec<i64> {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/FIDELITY.md");
    let doc = std::fs::read_to_string(&doc).expect("docs/FIDELITY.md");
    let line = doc
        .lines()
        .find_map(|l| l.strip_prefix("Differing years: "))
        .expect("a `Differing years:` line in docs/FIDELITY.md");
    line.split(',')
        .map(|y| y.trim().parse().expect("a year"))
        .collect()
}

/// Our World in Data's counts (an older UCDP/PRIO release) against ACD v24.1, cell by cell.
#[test]
fn acd_reproduces_owid_where_the_releases_agree() {
    let path = shared("ucdp/owid_ucdp_prio_number_state_based_conflicts_1946_2020.csv");
    let csv = std::fs::read_to_string(path).expect("readable");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let column_type = |name: &str| match name {
        "Number of colonial or imperial conflicts" => "extrasystemic",
        "Number of conflicts between states" => "interstate",
        "Number of civil conflicts" => "intrastate",
        "Number of civil conflicts with foreign state intervention" => {
            "internationalised intrastate"
        }
        "Number of conflicts (all types)" => "state-based",
        other => panic!("unexpected OWID column {other}"),
    };
    assert_eq!(header[..2], ["Entity", "Year"]);
    let values = conflict_values(&["--from", "1946", "--to", "2020"]);
    let mut cells = 0;
    let mut differences: Vec<(i64, String, &str, i64, i64)> = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        let region = match fields[0] {
            "Asia & Oceania" => "Asia",
            other => other,
        };
        let year: i64 = fields[1].parse().expect("year");
        for (name, field) in header[2..].iter().zip(&fields[2..]) {
            let kind = column_type(name);
            let owid: i64 = field.parse().expect("a count");
            let key = (
                "acd".to_owned(),
                "active_conflicts".to_owned(),
                region.to_owned(),
                kind.to_owned(),
                year,
            );
            let ours = values[&key].expect("a count");
            cells += 1;
            if ours != owid {
                differences.push((year, region.to_owned(), kind, owid, ours));
            }
        }
    }
    assert_eq!(
        cells,
        6 * 5 * 75,
        "World and 5 regions, 5 columns, 1946-2020"
    );
    for (year, region, kind, owid, ours) in &differences {
        eprintln!("OWID vs ACD 24.1: {year} {region} {kind}: {owid} -> {ours}");
    }
    let years: BTreeSet<i64> = differences.iter().map(|d| d.0).collect();
    let years: Vec<i64> = years.into_iter().collect();
    eprintln!("differing years: {years:?}");
    // Revisions touch a few years per release; a counting rule error would touch most years.
    assert!(years.len() <= 15, "{} of 75 years differ", years.len());
    assert!(
        differences.iter().all(|d| (d.3 - d.4).abs() <= 2),
        "a cell differs by more than 2: {differences:?}"
    );
    assert_eq!(
        years,
        documented_differing_years(),
        "update docs/FIDELITY.md from this test's output"
    );
    assert_eq!(differences.len(), 60, "the count in docs/FIDELITY.md");
}

#[test]
fn conflicts_have_no_country_breakdown_but_a_region_one() {
    let e = synced();
    let run = e.run(&[
        "indicators",
        "show",
        "ucdp.conflicts.active",
        "--country",
        "MMR",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let values = conflict_values(&["--region", "Africa", "--year", "2023"]);
    assert!(values.keys().all(|k| k.2 == "Africa" && k.4 == 2023));
    let key = (
        "acd".to_owned(),
        "active_conflicts".to_owned(),
        "Africa".to_owned(),
        "state-based".to_owned(),
        2023,
    );
    assert!(values[&key].unwrap() > 0);
}

/// The SDG proxy for Myanmar 2022 equals civilian deaths over population, from the raw rows.
#[test]
fn myanmar_2022_civilian_death_rate_equals_a_fold_over_the_raw_rows() {
    let e = synced();
    let deaths: f64 = e
        .query("SELECT deaths_civilians FROM ged_events WHERE country_id = 775 AND year = 2022")
        .iter()
        .map(|r| r["deaths_civilians"].as_f64().unwrap_or(0.0))
        .sum();
    let population =
        num(&e.scalar("SELECT population FROM population WHERE code = 'MMR' AND year = 2022"));
    let rows = indicator_rows(
        e,
        &[
            "sdg16.civilian_deaths_rate",
            "--country",
            "MMR",
            "--year",
            "2022",
        ],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["region"], "Asia");
    assert_eq!(row["level"], "country");
    assert_eq!(num(&row["civilian_deaths"]), deaths);
    assert_eq!(num(&row["population"]), population);
    let expected = deaths / population * 1e5;
    let rate = num(&row["rate_per_100k"]);
    assert!(
        (rate - expected).abs() < 1e-9 * expected,
        "{rate} vs {expected}"
    );
    assert!(deaths > 1_000.0, "{deaths}");
}

/// Every row equals a fold over events, country reference and population; World sums them.
#[test]
fn civilian_death_rates_equal_a_fold_and_the_world_sums_the_countries() {
    let e = synced();
    let iso3: BTreeMap<i64, String> = e
        .query("SELECT gw_code, iso3 FROM countries WHERE gw_code IS NOT NULL")
        .iter()
        .map(|r| (int(&r["gw_code"]), text(r, "iso3")))
        .collect();
    let population: BTreeMap<(String, i64), f64> = e
        .query("SELECT code, year, population FROM population")
        .iter()
        .map(|r| ((text(r, "code"), int(&r["year"])), num(&r["population"])))
        .collect();
    let mut deaths: BTreeMap<(String, i64), f64> = BTreeMap::new();
    for event in e.query("SELECT country_id, year, deaths_civilians FROM ged_events") {
        let Some(code) = iso3.get(&int(&event["country_id"])) else {
            continue;
        };
        *deaths
            .entry((code.clone(), int(&event["year"])))
            .or_default() += event["deaths_civilians"].as_f64().unwrap_or(0.0);
    }
    deaths.retain(|key, _| population.contains_key(key));
    let rows = indicator_rows(e, &["sdg16.civilian_deaths_rate"]);
    let countries: Vec<&Row> = rows.iter().filter(|r| r["level"] == "country").collect();
    assert_eq!(countries.len(), deaths.len());
    for row in &countries {
        let key = (text(row, "iso3"), int(&row["year"]));
        assert_eq!(num(&row["civilian_deaths"]), deaths[&key], "{key:?}");
        assert_eq!(num(&row["population"]), population[&key], "{key:?}");
        let expected = deaths[&key] * 1e5 / population[&key];
        assert!((num(&row["rate_per_100k"]) - expected).abs() <= 1e-9 * expected.max(1.0));
    }
    let worlds: Vec<&Row> = rows.iter().filter(|r| r["level"] == "world").collect();
    let years: BTreeSet<i64> = deaths.keys().map(|k| k.1).collect();
    assert_eq!(worlds.len(), years.len(), "one World row per year");
    for world in worlds {
        let year = int(&world["year"]);
        assert_eq!(world["region"], "World");
        assert!(world["iso3"].is_null());
        let sum: f64 = deaths
            .iter()
            .filter(|(k, _)| k.1 == year)
            .map(|(_, d)| d)
            .sum();
        assert_eq!(num(&world["civilian_deaths"]), sum, "{year}");
        assert_eq!(
            num(&world["population"]),
            population[&("WLD".to_owned(), year)]
        );
    }
}

/// Over a multi-country vintage (the GED 23.1 sample, pinned by name), a country without an ISO
/// match or a population makes no row, and World Bank aggregates never appear as countries.
#[test]
fn countries_without_population_and_aggregates_make_no_rows() {
    let e = synced();
    let sql = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../eirene-indicators/sql/sdg16.civilian_deaths_rate.sql"),
    )
    .expect("the indicator's SQL");
    assert_eq!(sql.matches("FROM ged_events AS g").count(), 1);
    let pinned = sql.replace("FROM ged_events AS g", "FROM ged_events_v23_1 AS g");
    let rows = e.query(&format!(
        "SELECT * FROM ({pinned}) AS t WHERE level = 'country'"
    ));
    // The sample has events in Serbia (Yugoslavia), GW 345, which has no ISO match.
    let serbia = e.scalar("SELECT COUNT(*) FROM ged_events_v23_1 WHERE country_id = 345");
    assert!(int(&serbia) > 0);
    let known: BTreeSet<String> = e
        .query("SELECT iso3 FROM countries")
        .iter()
        .map(|r| text(r, "iso3"))
        .collect();
    let country_years = e.scalar(
        "SELECT COUNT(*) FROM (SELECT DISTINCT c.iso3, g.year FROM ged_events_v23_1 g \
         JOIN countries c ON c.gw_code = g.country_id \
         JOIN population p ON p.code = c.iso3 AND p.year = g.year)",
    );
    assert_eq!(rows.len() as i64, int(&country_years));
    assert!(rows.len() > 20, "a multi-country sample: {}", rows.len());
    for row in &rows {
        let code = text(row, "iso3");
        assert!(known.contains(&code), "{code} is not a country");
        assert!(num(&row["population"]) > 0.0);
        assert!(num(&row["rate_per_100k"]).is_finite());
        assert!(!row["country"].is_null() && !row["region"].is_null());
    }
}

/// Conflicts on each territory equal a fold over the conflict-years' locations.
#[test]
fn conflicts_on_a_territory_equal_a_fold_over_the_locations() {
    let e = synced();
    let mut fold: BTreeMap<(i64, i64), (BTreeSet<i64>, BTreeSet<i64>)> = BTreeMap::new();
    for c in e.query("SELECT conflict_id, year, intensity_level, gwno_loc FROM acd_conflicts") {
        for gw in ints(&c["gwno_loc"]) {
            let (all, wars) = fold.entry((int(&c["year"]), gw)).or_default();
            all.insert(int(&c["conflict_id"]));
            if int(&c["intensity_level"]) == 2 {
                wars.insert(int(&c["conflict_id"]));
            }
        }
    }
    let run = e.ok(&[
        "indicators",
        "show",
        "ucdp.conflicts.territory",
        "--format",
        "json",
    ]);
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = rows["rows"].as_array().unwrap();
    assert_eq!(rows.len(), fold.len());
    for row in rows {
        let (all, wars) = &fold[&(int(&row["year"]), int(&row["gw_code"]))];
        assert_eq!(int(&row["conflicts"]), all.len() as i64, "{row}");
        assert_eq!(int(&row["wars"]), wars.len() as i64, "{row}");
    }
    // Myanmar (GW 775) in 2023: six conflicts, one at war intensity.
    let myanmar = rows
        .iter()
        .find(|r| r["iso3"] == "MMR" && r["year"] == 2023)
        .unwrap();
    assert_eq!((int(&myanmar["conflicts"]), int(&myanmar["wars"])), (6, 1));
}
