//! The malformed-input corpus: each broken file gives the intended error (exit code 3, the file,
//! line, column and reason on stderr) and leaves the data directory byte-identical.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::support::{Eirene, num, shared};

/// A store that already holds a vintage, so "unchanged" means something.
fn store_with_a_vintage() -> Eirene {
    let e = Eirene::new();
    let sample = shared("ucdp/ged_v23_1_sample1000.csv");
    e.ok(&[
        "ingest",
        "ucdp-ged",
        sample.to_str().unwrap(),
        "--version",
        "23.1",
    ]);
    e
}

fn ged_sample() -> String {
    std::fs::read_to_string(shared("ucdp/ged_v23_1_sample1000.csv")).unwrap()
}

/// Replaces field `column` (0-based) of data line `line` (1-based, header is line 1). The
/// sample's first lines hold no quoted commas before the numeric columns we edit, but to stay
/// safe the edit splits the line with a CSV parser and writes it back with one.
fn edit_field(text: &str, line: usize, column: &str, value: &str) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let index = records[0]
        .iter()
        .position(|h| h == column)
        .expect("GED column");
    let mut writer = csv::Writer::from_writer(Vec::new());
    for (i, record) in records.iter().enumerate() {
        let mut fields: Vec<&str> = record.iter().collect();
        if i + 1 == line {
            fields[index] = value;
        }
        writer.write_record(&fields).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Writes a corpus file into its own directory (outside the data directory).
fn corpus_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Ingesting `path` fails with exit code 3, stderr contains every `expected` text, and nothing
/// in the data directory changed.
fn rejected(source: &str, path: &Path, expected: &[&str]) {
    let e = store_with_a_vintage();
    let before = e.digest();
    let run = e.run(&[
        "ingest",
        source,
        path.to_str().unwrap(),
        "--version",
        "23.1",
    ]);
    assert_eq!(
        run.code,
        3,
        "exit code for {}:\n{}",
        path.display(),
        run.stderr
    );
    for text in expected {
        assert!(
            run.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stdout.is_empty(),
        "results only on success: {}",
        run.stdout
    );
    assert_eq!(e.digest(), before, "the data directory changed");
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM ged_events")),
        1_000.0,
        "the earlier vintage is intact"
    );
}

#[test]
fn truncated_row() {
    let text = ged_sample();
    let cut = text
        .trim_end()
        .rfind(",2")
        .expect("a late field in the last row");
    let (_d, path) = corpus_file("ged_truncated.csv", &text.as_bytes()[..cut]);
    rejected(
        "ucdp-ged",
        &path,
        &[
            // The sample has quoted line breaks: its 1,000th event starts on line 1211.
            "ged_truncated.csv:1211: the row has 39 fields; the header has 49",
        ],
    );
}

#[test]
fn extra_column() {
    let text = ged_sample();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[4].push_str(",surplus");
    let (_d, path) = corpus_file("ged_extra.csv", (lines.join("\n") + "\n").as_bytes());
    rejected(
        "ucdp-ged",
        &path,
        &["ged_extra.csv:5: the row has 50 fields; the header has 49"],
    );
}

#[test]
fn text_in_a_number() {
    let text = edit_field(&ged_sample(), 7, "best", "many");
    let (_d, path) = corpus_file("ged_text.csv", text.as_bytes());
    rejected(
        "ucdp-ged",
        &path,
        &["ged_text.csv:7: column 45 (best): `many` is not a whole number"],
    );
}

#[test]
fn bad_date() {
    let text = edit_field(&ged_sample(), 3, "date_start", "2013-02-30");
    let (_d, path) = corpus_file("ged_date.csv", text.as_bytes());
    rejected(
        "ucdp-ged",
        &path,
        &["ged_date.csv:3: column 39 (date_start): `2013-02-30` is not a date"],
    );
}

#[test]
fn every_bad_value_is_listed_in_one_pass() {
    let text = edit_field(
        &edit_field(&ged_sample(), 3, "date_start", "soon"),
        9,
        "latitude",
        "north",
    );
    let (_d, path) = corpus_file("ged_two.csv", text.as_bytes());
    rejected(
        "ucdp-ged",
        &path,
        &[
            "ged_two.csv:3: column 39 (date_start)",
            "ged_two.csv:9: column 30 (latitude)",
            "2 rejected value(s)",
        ],
    );
}

#[test]
fn wrong_header() {
    let acd = shared("ucdp/ucdp_prio_acd_v24_1.csv");
    rejected(
        "ucdp-ged",
        &acd,
        &["ucdp_prio_acd_v24_1.csv:1: the header lacks the column `id`: is this a UCDP GED CSV?"],
    );
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = ged_sample().into_bytes();
    let at = bytes
        .windows(12)
        .position(|w| w == b"Rami village")
        .expect("a place name in row 2");
    bytes[at + 1] = 0xff;
    let (_d, path) = corpus_file("ged_latin1.csv", &bytes);
    rejected(
        "ucdp-ged",
        &path,
        &["ged_latin1.csv:2: column 26 (where_coordinates): not UTF-8 text"],
    );
}

#[test]
fn empty_file() {
    let (_d, path) = corpus_file("ged_empty.csv", b"");
    rejected("ucdp-ged", &path, &["ged_empty.csv: the file is empty"]);
}

#[test]
fn xlsx_with_a_missing_sheet() {
    let mut archive = zip::ZipArchive::new(
        std::fs::File::open(shared("sipri/SIPRI-Milex-data-1949-2023.xlsx")).unwrap(),
    )
    .unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace("name=\"Current US$\"", "name=\"Current\"")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let (_d, path) = corpus_file("milex_missing_sheet.xlsx", &bytes);
    rejected(
        "sipri-milex",
        &path,
        &["milex_missing_sheet.xlsx", "missing sheet \"Current US$\""],
    );
}

#[test]
fn a_csv_given_as_the_sipri_workbook() {
    rejected(
        "sipri-milex",
        &shared("ucdp/ged_v23_1_sample1000.csv"),
        &["ged_v23_1_sample1000.csv"],
    );
}

/// A BOM and CRLF line ends are how spreadsheet software saves CSV: accepted, same rows.
#[test]
fn utf8_bom_and_crlf_are_accepted() {
    let text = ged_sample();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    let (_d, path) = corpus_file("ged_excel.csv", &bytes);
    let e = Eirene::new();
    e.ok(&[
        "ingest",
        "ucdp-ged",
        path.to_str().unwrap(),
        "--version",
        "23.1",
    ]);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM ged_events")), 1_000.0);
    assert_eq!(
        num(&e.scalar("SELECT MIN(id) FROM ged_events")),
        num(&store_with_a_vintage().scalar("SELECT MIN(id) FROM ged_events"))
    );
}

#[test]
fn usage_errors_exit_with_2_and_touch_nothing() {
    let e = store_with_a_vintage();
    let before = e.digest();
    let sample = shared("ucdp/ged_v23_1_sample1000.csv");
    for args in [
        // An unknown source (`acled` is a source now: a user's own export).
        vec!["ingest", "ucdp", sample.to_str().unwrap()],
        vec![
            "ingest",
            "sipri-milex",
            shared("sipri/SIPRI-Milex-data-1949-2023.xlsx")
                .to_str()
                .unwrap(),
        ],
        vec![
            "ingest",
            "ucdp-ged",
            sample.to_str().unwrap(),
            "--version",
            "../x",
        ],
        vec!["ingest", "ucdp-ged"],
        vec!["sql", "DROP TABLE ged_events"],
        vec!["sql", "SELEC 1"],
    ] {
        let run = e.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(e.digest(), before);
}
