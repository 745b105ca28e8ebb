//! Tests over the real published files (`../shared/data/treaties`), the records database and
//! properties of the status function.

mod properties;
mod records;
mod untc;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::action::Action;
use crate::import::{self, Imported, Options};

/// A file of the shared test data beside the repository (or under `EIRENE_SHARED_DATA`).
pub fn shared(relative: &str) -> PathBuf {
    let root = std::env::var_os("EIRENE_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let path = root.join(relative);
    assert!(
        path.is_file(),
        "shared test data missing: {}",
        path.display()
    );
    path
}

/// The scraped UNTC Chapter XXVI file of 2026-02-03.
pub fn untc_scrape() -> Imported {
    let path = shared("treaties/untc_ch26_arms_control_ratifications_2026-02-03.csv");
    import::read(&path, "untc.csv", &Options::default()).expect("the UNTC scrape imports")
}

/// Eirene's reference actions (withdrawals missing from the scrape).
pub fn reference_actions() -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("reference/actions.csv");
    import::read(&path, "actions.csv", &Options::default()).expect("the reference actions import")
}

/// Both, as one list of actions.
pub fn all_actions() -> Vec<Action> {
    let mut actions = untc_scrape().actions;
    actions.extend(reference_actions().actions);
    actions
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A file with the given text in a temporary directory.
pub fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}
