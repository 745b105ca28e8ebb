//! Read-only SQL over the store, through DataFusion.
//!
//! Every table of the current vintage of each source is registered under its plain name
//! (`ged_events`); every vintage's tables also under a versioned name (`ged_events_v24_1`), so a
//! query can compare releases or pin one. `SHOW TABLES` lists them all.

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::execution::context::SQLOptions;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

use crate::{Store, StoreError};

/// The SQL name of a table: plain for the current vintage, suffixed with the version otherwise
/// (`.` and `-` become `_`: version 24.1 of `ged_events` is `ged_events_v24_1`).
pub fn table_name(table: &str, version: Option<&str>) -> String {
    match version {
        None => table.to_owned(),
        Some(v) => format!(
            "{table}_v{}",
            v.replace(['.', '-'], "_").to_ascii_lowercase()
        ),
    }
}

/// A SQL session with every stored table registered.
pub struct Sql {
    ctx: SessionContext,
}

/// The rows a query returned, with their schema (also when there are no rows).
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// Column names and types.
    pub schema: SchemaRef,
    /// The rows.
    pub batches: Vec<RecordBatch>,
}

impl QueryResult {
    /// Number of rows.
    pub fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The rows as JSON objects (nulls kept), in column order.
    pub fn json_rows(&self) -> Result<Vec<serde_json::Map<String, serde_json::Value>>, StoreError> {
        use datafusion::arrow::json::{WriterBuilder, writer::JsonArray};
        let mut bytes = Vec::new();
        let mut writer = WriterBuilder::new()
            .with_explicit_nulls(true)
            .build::<_, JsonArray>(&mut bytes);
        for batch in &self.batches {
            writer.write(batch).map_err(to_query_error)?;
        }
        writer.finish().map_err(to_query_error)?;
        if bytes.is_empty() {
            return Ok(Vec::new());
        }
        Ok(serde_json::from_slice(&bytes).expect("Arrow writes valid JSON"))
    }
}

fn to_query_error(error: datafusion::arrow::error::ArrowError) -> StoreError {
    StoreError::Query(error.into())
}

impl Store {
    /// Opens a SQL session over the store. A session sees the vintages current when it was
    /// opened; a long-lived reader (the web server) opens a new one after an ingest.
    pub async fn sql(&self) -> Result<Sql, StoreError> {
        let config = SessionConfig::new().with_information_schema(true);
        let ctx = SessionContext::new_with_config(config);
        for vintage in self.vintages()? {
            for (table, _) in &vintage.tables {
                let path = self.table_path(&vintage.source, &vintage.version, table);
                let path = path.to_string_lossy();
                let options = ParquetReadOptions::default();
                ctx.register_parquet(
                    table_name(table, Some(&vintage.version)),
                    path.as_ref(),
                    options.clone(),
                )
                .await?;
                if vintage.current {
                    ctx.register_parquet(table_name(table, None), path.as_ref(), options)
                        .await?;
                }
            }
        }
        Ok(Sql { ctx })
    }
}

impl Sql {
    /// Runs one read-only statement. Statements that would write (DDL, DML, `SET`, `COPY`) are
    /// refused: the store changes only through ingests, which the ledger records.
    pub async fn query(&self, sql: &str) -> Result<QueryResult, StoreError> {
        let read_only = SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false);
        let frame = self.ctx.sql_with_options(sql, read_only).await?;
        let schema = frame.schema().inner().clone();
        let batches = frame.collect().await?;
        Ok(QueryResult { schema, batches })
    }
}
