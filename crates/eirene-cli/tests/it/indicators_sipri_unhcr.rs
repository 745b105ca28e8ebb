//! `sipri.milex.regional`, `sipri.milex` and `unhcr.displacement`: published figures, and the
//! SQL against plain folds over the raw tables.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::indicators_ucdp_deaths::indicator_rows;
use crate::support::{num, synced};

type Row = BTreeMap<String, Value>;

/// A nullable JSON number.
fn opt(value: &Value) -> Option<f64> {
    if value.is_null() {
        None
    } else {
        Some(num(value))
    }
}

fn year(row: &Row) -> i64 {
    num(&row["year"]) as i64
}

fn text(row: &Row, column: &str) -> String {
    row[column].as_str().unwrap_or("").to_owned()
}

/// Relative closeness of two computed floats.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// SIPRI
// ---------------------------------------------------------------------------------------------

/// SIPRI, April 2024 release: world 2023 = 2,443.4 bn US$ at current prices, +6.8% real.
#[test]
fn sipri_world_2023_matches_the_april_2024_release() {
    let e = synced();
    let rows = indicator_rows(e, &["sipri.milex.regional", "--region", "World"]);
    assert!(rows.iter().all(|r| r["level"] == "world"));
    assert_eq!(
        rows.iter().map(year).min(),
        Some(1988),
        "the chart starts in 1988"
    );
    let y2023 = rows.iter().find(|r| year(r) == 2023).expect("2023");
    let current_bn = num(&y2023["current_usd_m"]) / 1_000.0;
    assert!((current_bn - 2_443.4).abs() <= 0.05, "{current_bn}");
    let change = num(&y2023["real_change_pct"]);
    assert_eq!(format!("{change:.1}"), "6.8", "{change}");
    assert_eq!(num(&y2023["price_base_year"]), 2022.0);
    // Current prices are published for the latest year only.
    for row in rows.iter().filter(|r| year(r) != 2023) {
        assert_eq!(row["current_usd_m"], Value::Null, "{row:?}");
        assert_eq!(row["current_usd_m_status"], "not_published");
    }
}

/// Every regional row is the table's value, and the real change is a fold over the constant
/// series (null where the base is missing).
#[test]
fn sipri_regional_rows_equal_the_sheet_and_the_change_is_a_fold() {
    let e = synced();
    let raw = e.query(
        "SELECT region, level, year, constant_usd_m, current_usd_m FROM milex_regional \
         ORDER BY region, year",
    );
    let rows = indicator_rows(e, &["sipri.milex.regional"]);
    assert_eq!(rows.len(), raw.len());
    let computed: BTreeMap<(String, i64), &Row> = rows
        .iter()
        .map(|r| ((text(r, "region"), year(r)), r))
        .collect();
    assert_eq!(computed.len(), rows.len(), "one row per region and year");
    let mut previous: Option<(String, i64, Option<f64>)> = None;
    for source in &raw {
        let key = (text(source, "region"), year(source));
        let row = computed[&key];
        assert_eq!(row["level"], source["level"], "{key:?}");
        assert_eq!(row["constant_usd_m"], source["constant_usd_m"], "{key:?}");
        assert_eq!(row["current_usd_m"], source["current_usd_m"], "{key:?}");
        let constant = opt(&source["constant_usd_m"]);
        let base = match &previous {
            Some((region, y, value)) if *region == key.0 && *y == key.1 - 1 => *value,
            _ => None,
        };
        let expected = match (constant, base) {
            (Some(c), Some(b)) if b != 0.0 => Some((c / b - 1.0) * 100.0),
            _ => None,
        };
        match (expected, opt(&row["real_change_pct"])) {
            (None, None) => {}
            (Some(x), Some(y)) => assert!(close(x, y), "{key:?}: {x} != {y}"),
            (x, y) => panic!("{key:?}: expected {x:?}, got {y:?}"),
        }
        previous = Some((key.0, key.1, constant));
    }
    // 1991 has no world total: no change in 1991 or 1992.
    for y in [1991, 1992] {
        assert_eq!(
            computed[&("World".to_owned(), y)]["real_change_pct"],
            Value::Null
        );
    }
}

/// USA, China and Russia as SIPRI's 2023 fact sheet gives them; the rank and the share of the
/// world total come from the raw rows.
#[test]
fn sipri_top_spenders_2023_and_their_share_of_the_world() {
    let e = synced();
    let rows = indicator_rows(e, &["sipri.milex", "--year", "2023"]);
    let by_iso = |iso: &str| {
        rows.iter()
            .find(|r| r["iso3"] == iso)
            .unwrap_or_else(|| panic!("{iso} in 2023"))
    };
    for (iso, bn) in [("USA", 916.0), ("CHN", 296.4), ("RUS", 109.5)] {
        let current = num(&by_iso(iso)["current_usd_m"]) / 1_000.0;
        assert!((current - bn).abs() <= 0.05, "{iso}: {current}");
    }
    let usa = by_iso("USA");
    assert_eq!(num(&usa["rank_in_world"]), 1.0);
    assert_eq!(num(&usa["rank_in_world_current"]), 1.0);
    assert_eq!(usa["top_ten"], true);
    let raw_usa = num(&e.scalar(
        "SELECT constant_usd_m FROM milex WHERE country = 'United States of America' AND year = 2023",
    ));
    let raw_world = num(&e.scalar(
        "SELECT constant_usd_m FROM milex_regional WHERE region = 'World' AND year = 2023",
    ));
    let expected = raw_usa * 100.0 / raw_world;
    let share = num(&usa["share_of_world_pct"]);
    assert!(close(share, expected), "{share} != {expected}");
    assert_eq!(share.round(), 37.0, "SIPRI: the US accounts for 37%");
    let raw_gdp = num(&e.scalar(
        "SELECT share_of_gdp FROM milex WHERE country = 'United States of America' AND year = 2023",
    ));
    assert!(close(num(&usa["share_of_gdp_pct"]), raw_gdp * 100.0));
    // The top ten: ranks 1..=10 by constant prices, each once, and top_ten marks exactly them.
    let mut ranks: Vec<i64> = rows
        .iter()
        .filter(|r| r["top_ten"] == true)
        .map(|r| num(&r["rank_in_world"]) as i64)
        .collect();
    ranks.sort();
    assert_eq!(ranks, (1..=10).collect::<Vec<_>>());
    // Ranks follow the constant-price values.
    let mut ranked: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|r| Some((opt(&r["rank_in_world"])?, num(&r["constant_usd_m"]))))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
}

/// The sum of the country rows (2,387.6 bn in 2023) is not SIPRI's world total (2,443.4 bn), and
/// the country indicator never presents a row as the world.
#[test]
fn sipri_country_rows_are_never_a_world_total() {
    let e = synced();
    let rows = indicator_rows(e, &["sipri.milex"]);
    let sum_2023: f64 = rows
        .iter()
        .filter(|r| year(r) == 2023)
        .filter_map(|r| opt(&r["current_usd_m"]))
        .sum::<f64>()
        / 1_000.0;
    assert!((sum_2023 - 2_387.6).abs() <= 0.05, "{sum_2023}");
    let world = num(&e
        .scalar("SELECT current_usd_m FROM milex_regional WHERE region = 'World' AND year = 2023"))
        / 1_000.0;
    assert!(world - sum_2023 > 50.0, "{world} vs {sum_2023}");
    for row in &rows {
        assert_ne!(row["region"], "World", "{row:?}");
        assert_ne!(row["country"], "World", "{row:?}");
    }
    let world_rows = indicator_rows(e, &["sipri.milex", "--region", "World"]);
    assert!(world_rows.is_empty());
    // Rows without an ISO code are SIPRI's historical entities and the European Union.
    let mut without_iso: Vec<String> = rows
        .iter()
        .filter(|r| r["iso3"].is_null())
        .map(|r| text(r, "country"))
        .collect();
    without_iso.sort();
    without_iso.dedup();
    assert_eq!(
        without_iso,
        [
            "Czechoslovakia",
            "European Union",
            "German Democratic Republic",
            "USSR",
            "Yemen, North",
            "Yugoslavia"
        ]
    );
    let ussr_1988 = rows
        .iter()
        .find(|r| r["country"] == "USSR" && year(r) == 1988)
        .expect("USSR 1988");
    assert_eq!(num(&ussr_1988["rank_in_world"]), 2.0);
    // No world total before 1988: no share either.
    assert!(
        rows.iter()
            .filter(|r| year(r) < 1988)
            .all(|r| r["share_of_world_pct"].is_null())
    );
    assert!(
        rows.iter()
            .filter(|r| r["country"] == "European Union")
            .all(|r| r["rank_in_world"].is_null() && r["top_ten"] == false)
    );
}

// ---------------------------------------------------------------------------------------------
// UNHCR
// ---------------------------------------------------------------------------------------------

const COMPONENTS: [&str; 5] = [
    "refugees",
    "unrwa_refugees",
    "asylum_seekers",
    "other_in_need",
    "idps",
];

/// Per (year, code) sums of the raw tables, in the indicator's column names; `code` is the
/// origin (`coo_iso`) or asylum (`coa_iso`) column, or None for the world.
fn raw_fold(code: Option<&str>) -> BTreeMap<(i64, String), BTreeMap<&'static str, i64>> {
    let e = synced();
    let key_column = code.map_or("'World'".to_owned(), |c| format!("COALESCE({c}, '')"));
    let mut fold: BTreeMap<(i64, String), BTreeMap<&'static str, i64>> = BTreeMap::new();
    let tables: [(&str, &[(&str, &'static str)]); 3] = [
        (
            "displacement",
            &[
                ("refugees", "refugees"),
                ("asylum_seekers", "asylum_seekers"),
                ("oip", "other_in_need"),
                ("stateless", "stateless"),
            ],
        ),
        ("unrwa_refugees", &[("total", "unrwa_refugees")]),
        ("idmc_idps", &[("total", "idps")]),
    ];
    for (table, columns) in tables {
        let select: Vec<String> = columns.iter().map(|(c, _)| c.to_string()).collect();
        let raw = e.query(&format!(
            "SELECT year, {key_column} AS code, {} FROM {table}",
            select.join(", ")
        ));
        for row in &raw {
            let totals = fold.entry((year(row), text(row, "code"))).or_default();
            for (column, name) in columns {
                if let Some(v) = opt(&row[*column]) {
                    *totals.entry(name).or_default() += v as i64;
                }
            }
        }
    }
    fold
}

/// Checks an indicator row against a fold: each component (null where nothing was published),
/// and forcibly_displaced = the sum of the five components.
fn assert_row_is_fold(row: &Row, fold: &BTreeMap<&'static str, i64>, what: &str) {
    let mut sum = 0;
    for column in COMPONENTS.iter().chain(["stateless"].iter()) {
        let expected = fold.get(column).copied();
        let got = opt(&row[*column]).map(|v| v as i64);
        assert_eq!(got, expected, "{what}: {column}");
        if *column != "stateless" {
            sum += expected.unwrap_or(0);
        }
    }
    assert_eq!(
        num(&row["forcibly_displaced"]) as i64,
        sum,
        "{what}: forcibly_displaced"
    );
}

/// UNHCR, end-2024: refugees under UNHCR's mandate 30.96 M, IDPs (IDMC) 73.6 M, Palestine
/// refugees under UNRWA's mandate 5.91 M; forcibly displaced is the fold of its components.
#[test]
fn unhcr_world_2024_matches_the_published_components() {
    let e = synced();
    let rows = indicator_rows(e, &["unhcr.displacement", "--year", "2024"]);
    let world: Vec<&Row> = rows
        .iter()
        .filter(|r| r["perspective"] == "world")
        .collect();
    assert_eq!(world.len(), 1);
    let world = world[0];
    assert_eq!(world["iso3"], Value::Null);
    assert_eq!(world["country"], "World");
    let millions = |column: &str| num(&world[column]) / 1e6;
    assert!(
        (millions("refugees") - 30.96).abs() <= 0.005,
        "{}",
        millions("refugees")
    );
    assert!(
        (millions("idps") - 73.6).abs() <= 0.05,
        "{}",
        millions("idps")
    );
    assert!(
        (millions("unrwa_refugees") - 5.91).abs() <= 0.005,
        "{}",
        millions("unrwa_refugees")
    );
    let fold = raw_fold(None);
    assert_row_is_fold(world, &fold[&(2024, "World".to_owned())], "world 2024");
    // Stateless people are reported but not part of the forcibly displaced.
    assert!(num(&world["stateless"]) > 4e6);
}

/// Every world row, all years, equals the fold over the raw tables.
#[test]
fn unhcr_world_rows_equal_a_fold_over_the_raw_tables() {
    let e = synced();
    let rows = indicator_rows(e, &["unhcr.displacement"]);
    let fold = raw_fold(None);
    let world: Vec<&Row> = rows
        .iter()
        .filter(|r| r["perspective"] == "world")
        .collect();
    assert_eq!(world.len(), fold.len());
    for row in world {
        let y = year(row);
        assert_row_is_fold(row, &fold[&(y, "World".to_owned())], &format!("world {y}"));
    }
}

/// Rows by origin (and asylum) for Syria and Ukraine equal folds over the raw rows with that
/// code, IDMC's IDPs included for the country itself.
#[test]
fn unhcr_origin_and_asylum_rows_equal_folds_for_syria_and_ukraine() {
    let e = synced();
    let origin = raw_fold(Some("coo_iso"));
    let asylum = raw_fold(Some("coa_iso"));
    for iso in ["SYR", "UKR"] {
        let rows = indicator_rows(e, &["unhcr.displacement", "--country", iso]);
        for (perspective, fold) in [("origin", &origin), ("asylum", &asylum)] {
            let mine: Vec<&Row> = rows
                .iter()
                .filter(|r| r["perspective"] == perspective)
                .collect();
            let expected: Vec<&(i64, String)> = fold.keys().filter(|(_, c)| c == iso).collect();
            assert_eq!(mine.len(), expected.len(), "{iso} {perspective}");
            for row in mine {
                let y = year(row);
                assert_row_is_fold(
                    row,
                    &fold[&(y, iso.to_owned())],
                    &format!("{iso} {perspective} {y}"),
                );
            }
        }
    }
    let syria_2024 = indicator_rows(
        e,
        &["unhcr.displacement", "--country", "SYR", "--year", "2024"],
    );
    let origin_2024 = syria_2024
        .iter()
        .find(|r| r["perspective"] == "origin")
        .expect("Syria as origin, 2024");
    assert!(num(&origin_2024["idps"]) > 1e6, "IDMC IDPs count for Syria");
}

/// UNHCR's and IDMC's non-ISO codes (Abyei Area, Tibetan, unknown, stateless) keep rows with a null iso3 and never
/// vanish from the world: the world equals the sum over every origin row and every asylum row.
#[test]
fn unhcr_non_iso_codes_are_kept_and_counted_in_the_world() {
    let e = synced();
    let rows = indicator_rows(e, &["unhcr.displacement"]);
    let mut codes: Vec<String> = rows
        .iter()
        .filter(|r| r["perspective"] != "world" && r["iso3"].is_null())
        .map(|r| text(r, "unhcr_code"))
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes, ["AB9", "TIB", "UNK", "XXA"]);
    for perspective in ["origin", "asylum"] {
        let mut sums: BTreeMap<i64, [i64; 7]> = BTreeMap::new();
        for row in rows.iter().filter(|r| r["perspective"] == perspective) {
            let totals = sums.entry(year(row)).or_default();
            for (i, column) in COMPONENTS
                .iter()
                .chain(["stateless", "forcibly_displaced"].iter())
                .enumerate()
            {
                totals[i] += opt(&row[*column]).unwrap_or(0.0) as i64;
            }
        }
        for row in rows.iter().filter(|r| r["perspective"] == "world") {
            let y = year(row);
            for (i, column) in COMPONENTS
                .iter()
                .chain(["stateless", "forcibly_displaced"].iter())
                .enumerate()
            {
                let world = opt(&row[*column]).unwrap_or(0.0) as i64;
                assert_eq!(world, sums[&y][i], "{perspective} {y} {column}");
            }
        }
    }
    // IDMC's unattributed IDPs of the 2000s sit under UNK: the world is more than the rows with
    // an ISO code.
    let world_2005 = rows
        .iter()
        .find(|r| r["perspective"] == "world" && year(r) == 2005)
        .expect("world 2005");
    let iso_2005: f64 = rows
        .iter()
        .filter(|r| r["perspective"] == "origin" && year(r) == 2005 && !r["iso3"].is_null())
        .filter_map(|r| opt(&r["idps"]))
        .sum();
    assert!(num(&world_2005["idps"]) > iso_2005 + 1e7);
}
