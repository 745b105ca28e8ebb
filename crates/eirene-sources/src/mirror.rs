//! The local mirror: a directory of publishers' files that Eirene can read instead of the
//! publishers' own servers, for offline use, for tests, and to pin old vintages that publishers
//! no longer serve.
//!
//! A mirror is laid out like the project's shared test data (`shared/data`). [`MIRROR`] says
//! which file holds which source, vintage and part:
//!
//! | source | version | part | path |
//! | --- | --- | --- | --- |
//! | `ucdp-ged` | 23.1 | main | `ucdp/ged_v23_1_sample1000.csv` (a 1 000-event sample) |
//! | `ucdp-ged` | 24.1 | main | `ucdp/ged_v24_1_mexico.csv.gz` and `ucdp/ged_v24_1_myanmar.csv.gz` (two countries) |
//! | `ucdp-acd` | 24.1 | main | `ucdp/ucdp_prio_acd_v24_1.csv` |
//! | `sipri-milex` | 2024-04 | main | `sipri/SIPRI-Milex-data-1949-2023.xlsx` |
//! | `unhcr-population` | 2025.12.1 | population, idmc, unrwa | `unhcr/population.csv.gz`, `unhcr/idmc.csv`, `unhcr/unrwa.csv` |
//! | `wb-population` | 2024 | main | `reference/worldbank_population_1960_2024.csv` |
//! | `naturalearth` | 5.1.2 | main | `geo/naturalearth_topojson/countries-110m.json` |
//!
//! Treaty records are not a source of the evidence store but of the records database: a full
//! `eirene sync --from DIR` also imports the files of [`TREATY_FILES`] (UN Treaty Collection
//! status of 2026-02-03, OWID's BWC/CWC status) with `eirene treaties import`.
//!
//! Versions are the publishers' labels where they have one (UCDP `24.1`, Natural Earth `5.1.2`),
//! the month of the release for SIPRI (which names releases by the data's last year only), the
//! version of the `refugees` R package the UNHCR tables came from, and the last year of data for
//! the World Bank, which has no release numbers.
//!
//! Several rows with the same source, version and part are pieces of one table (GED 24.1 is two
//! country files) and are read together. The *order* of the table matters: vintages of a source
//! are listed oldest first, and the last one listed becomes the current vintage when a mirror is
//! synced.

use std::path::{Path, PathBuf};

use crate::SourceId;

/// Treaty files of the mirror, imported into the records database by a full sync.
pub static TREATY_FILES: &[&str] = &[
    "treaties/untc_ch26_arms_control_ratifications_2026-02-03.csv",
    "treaties/owid_bio_chem_weapons_and_bwc_cwc_status_2022.csv",
];

/// One file of the mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MirrorFile {
    /// The source the file belongs to.
    pub source: SourceId,
    /// The vintage it holds.
    pub version: &'static str,
    /// The table part, as in [`crate::catalogue::Download::part`].
    pub part: &'static str,
    /// Where it sits under the mirror root: relative, `/`-separated on every platform.
    pub path: &'static str,
}

impl MirrorFile {
    /// The file under the mirror directory `root`, with the platform's separators.
    pub fn local_path(&self, root: &Path) -> PathBuf {
        self.path
            .split('/')
            .fold(root.to_path_buf(), |dir, segment| dir.join(segment))
    }

    /// The file under a mirror served over HTTP at `base` (with or without a trailing `/`).
    pub fn url(&self, base: &str) -> String {
        format!("{}/{}", base.trim_end_matches('/'), self.path)
    }
}

/// Every file of the mirror; see the module documentation for the layout and why order matters.
pub static MIRROR: &[MirrorFile] = &[
    MirrorFile {
        source: SourceId::UcdpGed,
        version: "23.1",
        part: "main",
        path: "ucdp/ged_v23_1_sample1000.csv",
    },
    MirrorFile {
        source: SourceId::UcdpGed,
        version: "24.1",
        part: "main",
        path: "ucdp/ged_v24_1_mexico.csv.gz",
    },
    MirrorFile {
        source: SourceId::UcdpGed,
        version: "24.1",
        part: "main",
        path: "ucdp/ged_v24_1_myanmar.csv.gz",
    },
    MirrorFile {
        source: SourceId::UcdpAcd,
        version: "24.1",
        part: "main",
        path: "ucdp/ucdp_prio_acd_v24_1.csv",
    },
    MirrorFile {
        source: SourceId::SipriMilex,
        version: "2024-04",
        part: "main",
        path: "sipri/SIPRI-Milex-data-1949-2023.xlsx",
    },
    MirrorFile {
        source: SourceId::UnhcrPopulation,
        version: "2025.12.1",
        part: "population",
        path: "unhcr/population.csv.gz",
    },
    MirrorFile {
        source: SourceId::UnhcrPopulation,
        version: "2025.12.1",
        part: "idmc",
        path: "unhcr/idmc.csv",
    },
    MirrorFile {
        source: SourceId::UnhcrPopulation,
        version: "2025.12.1",
        part: "unrwa",
        path: "unhcr/unrwa.csv",
    },
    MirrorFile {
        source: SourceId::WbPopulation,
        version: "2024",
        part: "main",
        path: "reference/worldbank_population_1960_2024.csv",
    },
    MirrorFile {
        source: SourceId::NaturalEarth,
        version: "5.1.2",
        part: "main",
        path: "geo/naturalearth_topojson/countries-110m.json",
    },
];

/// The vintages of `source` in the mirror, in [`MIRROR`] order (oldest first, so the last is
/// the one that becomes current), each with its files. Empty for a source with no mirror files,
/// such as the built-in `countries` and the user's own `acled` export.
pub fn vintages(source: SourceId) -> Vec<(&'static str, Vec<&'static MirrorFile>)> {
    let mut vintages: Vec<(&'static str, Vec<&'static MirrorFile>)> = Vec::new();
    for file in MIRROR.iter().filter(|file| file.source == source) {
        match vintages
            .iter_mut()
            .find(|(version, _)| *version == file.version)
        {
            Some((_, files)) => files.push(file),
            None => vintages.push((file.version, vec![file])),
        }
    }
    vintages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mirror_file_exists_in_shared_data() {
        let root = Path::new(crate::SHARED_DATA);
        let missing: Vec<_> = MIRROR
            .iter()
            .map(|file| file.local_path(root))
            .filter(|path| !path.is_file())
            .collect();
        assert!(missing.is_empty(), "missing mirror files: {missing:?}");
    }

    #[test]
    fn vintages_keep_mirror_order_and_group_parts() {
        let ged = vintages(SourceId::UcdpGed);
        let versions: Vec<_> = ged.iter().map(|(version, _)| *version).collect();
        assert_eq!(versions, ["23.1", "24.1"]);
        assert_eq!(ged[1].1.len(), 2, "GED 24.1 is two country files");

        let unhcr = vintages(SourceId::UnhcrPopulation);
        let parts: Vec<_> = unhcr[0].1.iter().map(|file| file.part).collect();
        assert_eq!(parts, ["population", "idmc", "unrwa"]);

        assert!(vintages(SourceId::Countries).is_empty());
        assert!(
            vintages(SourceId::Acled).is_empty(),
            "ACLED rows are never mirrored: a user's own export only"
        );
    }

    #[test]
    fn every_source_with_downloads_has_a_mirror_vintage() {
        for source in crate::catalogue::CATALOGUE {
            let mirrored = !vintages(source.id).is_empty();
            assert_eq!(mirrored, !source.downloads.is_empty(), "{}", source.id);
        }
    }

    #[test]
    fn mirror_parts_are_catalogue_parts() {
        for file in MIRROR {
            let downloads = crate::catalogue::source(file.source).downloads;
            assert!(
                downloads.iter().any(|download| download.part == file.part),
                "{}: part `{}` is not in the catalogue",
                file.path,
                file.part
            );
        }
    }

    #[test]
    fn paths_resolve_against_directories_and_urls() {
        let file = &MIRROR[0];
        assert_eq!(
            file.local_path(Path::new("/m")),
            Path::new("/m")
                .join("ucdp")
                .join("ged_v23_1_sample1000.csv")
        );
        let expected = "http://127.0.0.1:8000/mirror/ucdp/ged_v23_1_sample1000.csv";
        assert_eq!(file.url("http://127.0.0.1:8000/mirror/"), expected);
        assert_eq!(file.url("http://127.0.0.1:8000/mirror"), expected);
    }
}
