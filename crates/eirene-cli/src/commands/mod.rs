//! One module per verb.

pub mod ingest;
pub mod sources;
pub mod sql;
pub mod sync;
pub mod synth;

use eirene_sources::SourceId;

use crate::UsageError;

/// A source id typed by the user.
pub fn parse_source(text: &str) -> Result<SourceId, UsageError> {
    text.parse()
        .map_err(|e: eirene_sources::UnknownSource| UsageError(e.to_string()))
}
