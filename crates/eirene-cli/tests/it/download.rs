//! `eirene sync --mirror-url` against a loopback HTTP server serving the shared data: the download
//! path the publishers' URLs take, without the internet.

use eirene_sources::testing::{Faults, FileServer};

use crate::support::{Eirene, num, shared, shared_data};

#[test]
fn sync_downloads_keeps_originals_and_records_the_url() {
    let server = FileServer::start(shared_data());
    let e = Eirene::new();
    let run = e.ok(&[
        "sync",
        "ucdp-acd",
        "wb-population",
        "--mirror-url",
        &server.base_url(),
    ]);
    assert!(
        run.stdout.contains("ucdp-acd 24.1: 2686 row(s)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(*) FROM acd_conflicts")),
        2_686.0
    );
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM population")), 17_195.0);
    let kept = e
        .data_dir()
        .join("downloads/ucdp-acd/24.1/ucdp_prio_acd_v24_1.csv");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        std::fs::read(shared("ucdp/ucdp_prio_acd_v24_1.csv")).unwrap()
    );
    let sources = e.ok(&["sources", "ucdp-acd", "--format", "json"]);
    let expected_url = format!("{}/ucdp/ucdp_prio_acd_v24_1.csv", server.base_url());
    assert!(sources.stdout.contains(&expected_url), "{}", sources.stdout);
}

#[test]
fn a_connection_dropped_mid_file_is_resumed() {
    let faults = Faults {
        drop_after_bytes: Some(100_000),
        ..Faults::default()
    };
    let server = FileServer::start_with(shared_data(), faults);
    let e = Eirene::new();
    e.ok(&["sync", "ucdp-acd", "--mirror-url", &server.base_url()]);
    let requests = server.requests();
    let acd: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("ucdp_prio_acd_v24_1.csv"))
        .collect();
    assert_eq!(acd.len(), 2, "{requests:?}");
    assert_eq!(
        acd[1].range_start,
        Some(100_000),
        "resumed where the connection dropped"
    );
    assert_eq!(acd[1].status, 206);
    let kept = e
        .data_dir()
        .join("downloads/ucdp-acd/24.1/ucdp_prio_acd_v24_1.csv");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        std::fs::read(shared("ucdp/ucdp_prio_acd_v24_1.csv")).unwrap()
    );
    assert_eq!(
        num(&e.scalar("SELECT COUNT(DISTINCT conflict_id) FROM acd_conflicts WHERE year = 2023")),
        59.0
    );
}

#[test]
fn server_errors_are_retried() {
    let faults = Faults {
        fail_first_n_with_503: 2,
        ..Faults::default()
    };
    let server = FileServer::start_with(shared_data(), faults);
    let e = Eirene::new();
    e.ok(&["sync", "naturalearth", "--mirror-url", &server.base_url()]);
    assert_eq!(num(&e.scalar("SELECT COUNT(*) FROM boundaries")), 174.0);
}

#[test]
fn a_missing_file_fails_with_exit_code_4_and_changes_no_table() {
    let empty = tempfile::tempdir().unwrap();
    let server = FileServer::start(empty.path());
    let e = Eirene::new();
    let run = e.run(&[
        "sync",
        "ucdp-acd",
        "--mirror-url",
        &server.base_url(),
        "--attempts",
        "2",
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("404"), "{}", run.stderr);
    assert!(
        run.stderr.contains("/ucdp/ucdp_prio_acd_v24_1.csv"),
        "{}",
        run.stderr
    );
    assert!(!e.data_dir().join("store/ucdp-acd").exists());
}
