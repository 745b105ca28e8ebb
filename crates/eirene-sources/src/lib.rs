//! The sources Eirene reads: who publishes them, where to download them, under which licence and
//! how to cite them; where they sit in a local mirror; and the downloader that fetches them.
//!
//! The catalogue is code, not configuration: a new source is a new [`SourceId`] variant and its
//! [`Source`] entry, and the compiler points at every place that must learn about it.
//!
//! * [`catalogue`]: [`source`] gives a [`SourceId`]'s publisher, download URLs, licence and
//!   citation.
//! * [`mirror`]: where each source's vintages sit in a local mirror directory ([`MIRROR`]).
//! * [`download`](mod@download): [`download()`](download::download) fetches a file with retries,
//!   resumption and an atomic rename, and returns its sha256.
//! * `testing` (feature `test-server`): a loopback HTTP file server with fault injection, for
//!   tests in any crate of the workspace.
//!
//! ```
//! use eirene_sources::{SourceId, mirror, source};
//!
//! let ged: SourceId = "ucdp-ged".parse()?;
//! assert_eq!(source(ged).licence, "CC BY 4.0");
//! let (current, files) = mirror::vintages(ged).pop().expect("GED is mirrored");
//! assert_eq!((current, files.len()), ("24.1", 2));
//! # Ok::<(), eirene_sources::UnknownSource>(())
//! ```

pub mod catalogue;
pub mod download;
pub mod mirror;
#[cfg(any(test, feature = "test-server"))]
pub mod testing;

pub use catalogue::{CATALOGUE, Download, Source, source};
pub use download::{DownloadError, DownloadOptions, Downloaded, NoProgress, Progress};
pub use mirror::{MIRROR, MirrorFile};

use std::fmt;
use std::str::FromStr;

/// A source of the catalogue. The string form (`ucdp-ged`, ...) is what users type and what the
/// store and the ledger record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceId {
    /// UCDP Georeferenced Event Dataset.
    UcdpGed,
    /// UCDP/PRIO Armed Conflict Dataset.
    UcdpAcd,
    /// SIPRI Military Expenditure Database (the xlsx workbook).
    SipriMilex,
    /// UNHCR population statistics, with the IDMC and UNRWA tables.
    UnhcrPopulation,
    /// World Bank population (SP.POP.TOTL).
    WbPopulation,
    /// The country reference (ISO 3166, M49, Gleditsch–Ward, SIPRI and UCDP regions).
    Countries,
    /// Natural Earth country boundaries (TopoJSON).
    NaturalEarth,
    /// ACLED events: the user's own export (ACLED rows are never downloaded nor shipped).
    Acled,
}

impl SourceId {
    /// Every source, in the order `eirene sync` processes them (the country reference first,
    /// because other sources are matched against it). User exports ([`SourceId::is_user_export`],
    /// ACLED) are listed last: `eirene sync` has nothing to fetch for them and skips them.
    pub const ALL: [SourceId; 8] = [
        SourceId::Countries,
        SourceId::UcdpGed,
        SourceId::UcdpAcd,
        SourceId::SipriMilex,
        SourceId::UnhcrPopulation,
        SourceId::WbPopulation,
        SourceId::NaturalEarth,
        SourceId::Acled,
    ];

    /// The id users type.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceId::UcdpGed => "ucdp-ged",
            SourceId::UcdpAcd => "ucdp-acd",
            SourceId::SipriMilex => "sipri-milex",
            SourceId::UnhcrPopulation => "unhcr-population",
            SourceId::WbPopulation => "wb-population",
            SourceId::Countries => "countries",
            SourceId::NaturalEarth => "naturalearth",
            SourceId::Acled => "acled",
        }
    }

    /// Whether the source is read only from a user's own export: nothing can be downloaded or
    /// mirrored (the publisher's terms forbid redistribution), so `eirene sync` skips it and
    /// `eirene ingest SOURCE FILE --version V` is the only way in.
    pub const fn is_user_export(self) -> bool {
        match self {
            SourceId::Acled => true,
            SourceId::UcdpGed
            | SourceId::UcdpAcd
            | SourceId::SipriMilex
            | SourceId::UnhcrPopulation
            | SourceId::WbPopulation
            | SourceId::Countries
            | SourceId::NaturalEarth => false,
        }
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string is not a source id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown source `{0}` (known: ucdp-ged, ucdp-acd, sipri-milex, unhcr-population, wb-population, countries, naturalearth, acled)"
)]
pub struct UnknownSource(pub String);

impl FromStr for SourceId {
    type Err = UnknownSource;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SourceId::ALL
            .into_iter()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownSource(s.to_owned()))
    }
}

/// Serialised as the id users type (`"ucdp-ged"`).
impl serde::Serialize for SourceId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The project's shared test data, which is laid out as a mirror.
#[cfg(test)]
const SHARED_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids_round_trip_through_from_str() {
        for id in SourceId::ALL {
            assert_eq!(id.as_str().parse::<SourceId>(), Ok(id));
            assert_eq!(id.to_string(), id.as_str());
        }
    }

    #[test]
    fn unknown_source_ids_are_rejected_with_the_list() {
        let error = "ucdp".parse::<SourceId>().unwrap_err();
        assert_eq!(error, UnknownSource("ucdp".to_owned()));
        let message = error.to_string();
        assert!(
            SourceId::ALL.iter().all(|id| message.contains(id.as_str())),
            "{message}"
        );
    }
}
