use std::collections::{HashMap, HashSet};

use super::*;

/// The project's shared data directory (`/work/shared/data` next to the workspace).
const SHARED_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn sample_path() -> std::path::PathBuf {
    Path::new(SHARED_DATA).join("ucdp/ged_v23_1_sample1000.csv")
}

fn generate(rows: u64, seed: u64) -> Vec<u8> {
    let mut buf = Vec::new();
    let n = write_ged(&mut buf, &GedOptions { rows, seed }).expect("write");
    assert_eq!(n, rows);
    buf
}

fn records(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let mut rdr = csv::Reader::from_reader(bytes);
    rdr.records().map(|r| r.expect("parse")).collect()
}

fn col(name: &str) -> usize {
    GED_COLUMNS.iter().position(|c| *c == name).unwrap()
}

fn num(rec: &csv::StringRecord, name: &str) -> i64 {
    rec[col(name)]
        .parse()
        .unwrap_or_else(|_| panic!("{name} = {:?}", &rec[col(name)]))
}

#[test]
fn header_equals_the_sample_header_exactly() {
    let sample = std::fs::read(sample_path()).expect("read GED sample");
    let sample_header = sample.split(|&b| b == b'\n').next().unwrap();
    let ours = generate(0, 1);
    let our_header = ours.split(|&b| b == b'\n').next().unwrap();
    assert_eq!(
        std::str::from_utf8(our_header).unwrap(),
        std::str::from_utf8(sample_header).unwrap()
    );
    assert_eq!(ours.len(), sample_header.len() + 1, "header line only");
    assert_eq!(GED_COLUMNS.len(), 49);
}

#[test]
fn thousand_rows_parse_with_49_fields() {
    let bytes = generate(1000, 7);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&bytes[..]);
    assert_eq!(rdr.headers().unwrap().len(), 49);
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.expect("row parses");
        assert_eq!(rec.len(), 49, "row {n}: {rec:?}");
        n += 1;
    }
    assert_eq!(n, 1000);
}

#[test]
fn deaths_add_up_and_low_best_high_are_ordered() {
    for rec in records(&generate(1000, 3)) {
        let parts: i64 = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]
            .iter()
            .map(|c| num(&rec, c))
            .sum();
        let (best, low, high) = (num(&rec, "best"), num(&rec, "low"), num(&rec, "high"));
        assert_eq!(best, parts, "{rec:?}");
        assert!(0 <= low && low <= best && best <= high, "{rec:?}");
    }
}

#[test]
fn coordinates_lie_in_the_country_box_and_derived_columns_agree() {
    let by_gw: HashMap<i64, &CountrySpec> =
        countries().iter().map(|c| (i64::from(c.gw), c)).collect();
    for rec in records(&generate(1000, 11)) {
        let spec = by_gw[&num(&rec, "country_id")];
        assert_eq!(&rec[col("country")], spec.name);
        assert_eq!(&rec[col("region")], region_of(spec.gw));
        let lat: f64 = rec[col("latitude")].parse().unwrap();
        let lon: f64 = rec[col("longitude")].parse().unwrap();
        assert!(
            spec.lat.0 <= lat && lat <= spec.lat.1 && spec.lon.0 <= lon && lon <= spec.lon.1,
            "{} ({lon}, {lat}) outside {:?} {:?}",
            spec.name,
            spec.lon,
            spec.lat
        );
        assert_eq!(
            rec[col("geom_wkt")],
            format!(
                "POINT ({} {})",
                &rec[col("longitude")],
                &rec[col("latitude")]
            )
        );
        let gid =
            ((lat + 90.0) * 2.0).floor() as i64 * 720 + ((lon + 180.0) * 2.0).floor() as i64 + 1;
        assert_eq!(num(&rec, "priogrid_gid"), gid);
        let year = num(&rec, "year");
        assert!((i64::from(spec.years.0)..=i64::from(spec.years.1)).contains(&year));
    }
}

#[test]
fn same_seed_gives_identical_bytes_and_different_seeds_differ() {
    let a = generate(2000, 42);
    let b = generate(2000, 42);
    let c = generate(2000, 43);
    assert!(a == b, "same seed must give identical bytes");
    assert_ne!(a, c);
    // Independent of how the writer is buffered downstream.
    let mut small = std::io::BufWriter::with_capacity(7, Vec::new());
    write_ged(
        &mut small,
        &GedOptions {
            rows: 2000,
            seed: 42,
        },
    )
    .unwrap();
    assert!(small.into_inner().unwrap() == a);
}

#[test]
fn ids_increase_relids_are_unique_and_well_formed() {
    let recs = records(&generate(5000, 5));
    let mut last = 0;
    let mut relids = HashSet::new();
    for rec in &recs {
        let id = num(rec, "id");
        assert!(id > last);
        last = id;
        let relid = &rec[col("relid")];
        assert!(relids.insert(relid.to_owned()), "duplicate relid {relid}");
        let parts: Vec<&str> = relid.split('-').collect();
        assert_eq!(parts.len(), 5, "{relid}");
        assert_eq!(parts[0].len(), 3);
        assert_eq!(parts[1], &rec[col("year")]);
        assert_eq!(parts[2], &rec[col("type_of_violence")]);
        assert_eq!(parts[3], &rec[col("dyad_new_id")]);
        assert!(parts[4].parse::<u32>().unwrap() >= 1);
    }
}

#[test]
fn dates_are_iso_and_inside_the_year() {
    for rec in records(&generate(3000, 9)) {
        let year = &rec[col("year")];
        let (start, end) = (&rec[col("date_start")], &rec[col("date_end")]);
        for d in [start, end] {
            assert_eq!(d.len(), 10, "{d}");
            assert!(d.starts_with(year) && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-');
            let m: u32 = d[5..7].parse().unwrap();
            let day: u32 = d[8..10].parse().unwrap();
            assert!((1..=12).contains(&m) && (1..=31).contains(&day));
        }
        assert!(start <= end, "{start} > {end}");
        if &rec[col("date_prec")] == "1" {
            assert_eq!(start, end);
        }
    }
}

#[test]
fn conflict_dyad_and_actor_ids_are_consistent() {
    let recs = records(&generate(20_000, 2));
    let mut conflict: HashMap<String, String> = HashMap::new();
    let mut dyad: HashMap<String, (String, String, String)> = HashMap::new();
    let mut actor: HashMap<String, String> = HashMap::new();
    for rec in &recs {
        let c = conflict
            .entry(rec[col("conflict_new_id")].to_owned())
            .or_insert_with(|| rec[col("conflict_name")].to_owned());
        assert_eq!(c, &rec[col("conflict_name")]);
        let key = (
            rec[col("dyad_name")].to_owned(),
            rec[col("side_a_new_id")].to_owned(),
            rec[col("side_b_new_id")].to_owned(),
        );
        let d = dyad
            .entry(rec[col("dyad_new_id")].to_owned())
            .or_insert_with(|| key.clone());
        assert_eq!(d, &key);
        assert_eq!(
            rec[col("dyad_name")],
            format!("{} - {}", &rec[col("side_a")], &rec[col("side_b")])
        );
        for side in ["side_a", "side_b"] {
            let id = actor
                .entry(rec[col(side)].to_owned())
                .or_insert_with(|| rec[col(&format!("{side}_new_id"))].to_owned());
            assert_eq!(
                id,
                &rec[col(&format!("{side}_new_id"))],
                "{}",
                &rec[col(side)]
            );
        }
        match &rec[col("type_of_violence")] {
            "1" => assert_eq!(rec[col("conflict_dset_id")], rec[col("conflict_new_id")]),
            "3" => {
                assert_eq!(&rec[col("side_b")], "Civilians");
                assert_eq!(&rec[col("side_b_dset_id")], "9999");
                assert_eq!(&rec[col("side_b_new_id")], "1");
            }
            _ => assert_eq!(&rec[col("gwnoa")], ""),
        }
    }
}

#[test]
fn distributions_look_like_ged() {
    let recs = records(&generate(50_000, 1));
    let n = recs.len() as f64;
    let share =
        |f: &dyn Fn(&csv::StringRecord) -> bool| recs.iter().filter(|r| f(r)).count() as f64 / n;
    let t1 = share(&|r| &r[col("type_of_violence")] == "1");
    let t2 = share(&|r| &r[col("type_of_violence")] == "2");
    let t3 = share(&|r| &r[col("type_of_violence")] == "3");
    assert!((0.5..0.7).contains(&t1), "type 1 share {t1}");
    assert!((0.12..0.3).contains(&t2), "type 2 share {t2}");
    assert!((0.12..0.3).contains(&t3), "type 3 share {t3}");
    let recent = share(&|r| num(r, "year") >= 2010);
    assert!(recent > 0.6, "share since 2010 {recent}");
    assert!(share(&|r| &r[col("active_year")] == "1") > 0.9);

    let mut best: Vec<i64> = recs.iter().map(|r| num(r, "best")).collect();
    best.sort_unstable();
    assert!(
        best[best.len() / 2] <= 3,
        "median best {}",
        best[best.len() / 2]
    );
    assert!(share(&|r| num(r, "best") <= 5) > 0.7);
    assert!(*best.last().unwrap() >= 1000, "tail too light");
    assert!(share(&|r| num(r, "best") >= 100) < 0.03);

    // Events per country: Syria and Afghanistan lead, all five regions occur.
    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for r in &recs {
        *per_country
            .entry(r.get(col("country")).unwrap())
            .or_default() += 1;
    }
    let mut ranked: Vec<_> = per_country.into_iter().collect();
    ranked.sort_by_key(|&(_, k)| std::cmp::Reverse(k));
    let top: Vec<&str> = ranked.iter().take(2).map(|&(c, _)| c).collect();
    assert!(
        top.contains(&"Syria") && top.contains(&"Afghanistan"),
        "{ranked:?}"
    );
    let regions: HashSet<&str> = recs.iter().map(|r| r.get(col("region")).unwrap()).collect();
    assert_eq!(regions.len(), 5, "{regions:?}");

    // Text columns have realistic lengths.
    let mean_len = |c: &str| recs.iter().map(|r| r[col(c)].len()).sum::<usize>() as f64 / n;
    let article = mean_len("source_article");
    assert!((90.0..400.0).contains(&article), "source_article {article}");
    let with_headline: Vec<usize> = recs
        .iter()
        .map(|r| r[col("source_headline")].len())
        .filter(|&l| l > 0)
        .collect();
    let headline = with_headline.iter().sum::<usize>() as f64 / with_headline.len() as f64;
    assert!(
        (60.0..300.0).contains(&headline),
        "source_headline {headline}"
    );
    assert!(mean_len("where_description") > 15.0);
}

#[test]
fn country_table_matches_ged_names_codes_and_regions() {
    // Every (country, country_id, region) triple in the real GED sample that our
    // table also has must match exactly, and our region rule must agree with it.
    let mut rdr = csv::Reader::from_path(sample_path()).expect("read GED sample");
    let mut seen = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let gw: u16 = rec[col("country_id")].parse().unwrap();
        assert_eq!(region_of(gw), &rec[col("region")], "GW {gw}");
        if let Some(spec) = countries().iter().find(|c| c.gw == gw) {
            assert_eq!(spec.name, &rec[col("country")]);
            seen += 1;
        }
    }
    assert!(seen > 900, "the table covers most sample events ({seen})");

    let mut gws = HashSet::new();
    for c in countries() {
        assert!(gws.insert(c.gw), "duplicate GW {}", c.gw);
        assert!(c.lon.0 < c.lon.1 && c.lat.0 < c.lat.1, "{}", c.name);
        assert!((-180.0..=180.0).contains(&c.lon.0) && (-90.0..=90.0).contains(&c.lat.0));
        assert!(FIRST_YEAR <= c.years.0 && c.years.0 <= c.years.1 && c.years.1 <= LAST_YEAR);
        assert!(!c.adm1.is_empty() && c.code.len() == 3);
        assert!(!c.rebels.is_empty() || c.tov[0] == 0, "{}", c.name);
    }
    assert!(countries().len() >= 40);
}

#[test]
fn date_helpers_round_trip() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    let mut buf = [0u8; 10];
    for day in days_from_civil(1988, 12, 25)..days_from_civil(2026, 1, 10) {
        let (y, m, d) = civil_from_days(day);
        assert_eq!(days_from_civil(y, m, d), day);
        let s = std::str::from_utf8(fmt_date(&mut buf, day))
            .unwrap()
            .to_owned();
        assert_eq!(s, format!("{y:04}-{m:02}-{d:02}"));
    }
    assert_eq!(
        civil_from_days(days_from_civil(2024, 3, 1) - 1),
        (2024, 2, 29)
    );
}

#[test]
fn coordinates_are_formatted_like_ged() {
    let f = |v| {
        let mut s = String::new();
        push_coord(&mut s, v);
        s
    };
    assert_eq!(f(31_000_000), "31.0");
    assert_eq!(f(35_763_369), "35.763369");
    assert_eq!(f(-9_650_000), "-9.65");
    assert_eq!(f(-40_129_600), "-40.1296");
    assert_eq!(f(-500_000), "-0.5");
    assert_eq!(f(0), "0.0");
}

#[test]
fn write_to_path_renames_a_complete_file_and_reports_progress() {
    let dir = std::env::temp_dir().join(format!("eirene-synth-test-{}", std::process::id()));
    let path = dir.join("nested/ged.csv");
    let mut calls = Vec::new();
    let rows = write_ged_to_path(
        &path,
        &GedOptions {
            rows: PROGRESS_INTERVAL + 5,
            seed: 1,
        },
        |n| calls.push(n),
    )
    .unwrap();
    assert_eq!(rows, PROGRESS_INTERVAL + 5);
    assert_eq!(calls, [PROGRESS_INTERVAL, PROGRESS_INTERVAL + 5]);
    assert!(path.is_file());
    assert!(!dir.join("nested/ged.csv.part").exists());
    let lines = std::fs::read(&path)
        .unwrap()
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    // Quoted fields never contain newlines, so lines = rows + header.
    assert_eq!(lines as u64, PROGRESS_INTERVAL + 6);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Throughput check, ignored by default. Run in release:
/// `cargo test -p eirene-synth --release -- --ignored --nocapture throughput`.
/// `EIRENE_SYNTH_ROWS` sets the row count (default 1,000,000) and
/// `EIRENE_SYNTH_OUT` a file to keep the output in (default: discarded).
#[test]
#[ignore]
fn throughput() {
    let rows = std::env::var("EIRENE_SYNTH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let options = GedOptions { rows, seed: 1 };
    let started = std::time::Instant::now();
    let mut counter = CountingWriter(0);
    match std::env::var_os("EIRENE_SYNTH_OUT") {
        Some(path) => {
            write_ged_to_path(&path, &options, |_| {}).unwrap();
            counter.0 = std::fs::metadata(&path).unwrap().len();
        }
        None => {
            write_ged(&mut counter, &options).unwrap();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{rows} rows, {:.1} MB in {secs:.2} s: {:.0} rows/s, {:.0} MB/s, {:.0} bytes/row",
        counter.0 as f64 / 1e6,
        rows as f64 / secs,
        counter.0 as f64 / 1e6 / secs,
        counter.0 as f64 / rows as f64
    );
}

struct CountingWriter(u64);

impl std::io::Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
