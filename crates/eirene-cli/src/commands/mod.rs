//! One module per verb.

pub mod exposure;
pub mod index;
pub mod indicators;
pub mod ingest;
pub mod serve;
pub mod sources;
pub mod sql;
pub mod sync;
pub mod synth;
pub mod treaties;

use eirene_sources::SourceId;

use crate::UsageError;

/// A source id typed by the user.
pub fn parse_source(text: &str) -> Result<SourceId, UsageError> {
    text.parse()
        .map_err(|e: eirene_sources::UnknownSource| UsageError(e.to_string()))
}

/// Runs the async work of a command (DataFusion) to completion.
pub fn block_on<T>(work: impl std::future::Future<Output = T>) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(work))
}
