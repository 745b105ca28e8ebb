//! The indicator catalogue: every figure Eirene shows is a named SQL query over the evidence
//! store, documented in English and French, with its unit, sources and caveats.
//!
//! Indicators are data ([`Indicator`]), not code paths: the CLI, the web pages and the reference
//! docs all read the same entries. An indicator's SQL lives in `sql/<id>.sql`, so a user can read
//! it, copy it into `eirene sql` and get the same rows. [`compute`] adds only a visible `WHERE`
//! for the selection (country, region, years) and an `ORDER BY`; [`Computed::sql`] is the exact
//! statement that ran.
//!
//! Every result carries the vintages it was computed from ([`SourceVintage`]): source id,
//! version, the sha256 of each file, and the citation.

mod catalogue;
pub mod reference;

pub mod events;

use datafusion::arrow::record_batch::RecordBatch;
use eirene_sources::{SourceId, catalogue as sources};
use eirene_store::{QueryResult, Sql, Store, StoreError};
use serde::Serialize;

/// A text in the two languages of the product.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// French.
    pub fr: &'static str,
}

/// A language of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Text {
    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Indicator {
    /// Stable id, used in URLs (`ucdp.deaths`).
    pub id: &'static str,
    /// Short name.
    pub name: Text,
    /// One paragraph: what is counted, how, from what.
    pub definition: Text,
    /// Unit of the values.
    pub unit: Text,
    /// What a reader must know before using the figures.
    pub caveats: Text,
    /// The sources the SQL reads.
    pub sources: &'static [SourceId],
    /// The SQL, without selection or order (`sql/<id>.sql`).
    pub sql: &'static str,
    /// How rows are ordered.
    pub order_by: &'static str,
    /// Whether rows have an `iso3` column to select countries by.
    pub by_country: bool,
    /// Whether rows have a `region` column to select regions by.
    pub by_region: bool,
}

/// Every indicator, in the order they are listed.
pub fn catalogue() -> impl Iterator<Item = &'static Indicator> {
    catalogue::ALL
        .iter()
        .flat_map(|group| group.iter())
        .copied()
}

/// The indicator with this id.
pub fn find(id: &str) -> Result<&'static Indicator, IndicatorError> {
    catalogue()
        .find(|i| i.id == id)
        .ok_or_else(|| IndicatorError::Unknown(id.to_owned()))
}

/// Which rows of an indicator to compute.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// ISO 3166 alpha-3 code.
    pub country: Option<String>,
    /// Region name as the indicator's source names it (`Africa`, `Middle East`, `World`).
    pub region: Option<String>,
    /// First year, inclusive.
    pub from: Option<i32>,
    /// Last year, inclusive.
    pub to: Option<i32>,
}

/// A vintage an indicator was computed from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceVintage {
    /// Source id.
    pub id: &'static str,
    /// The version used (the current one).
    pub version: String,
    /// SHA-256 of each file of the vintage, as published.
    pub sha256: Vec<String>,
    /// How to cite it.
    pub citation: &'static str,
    /// Its licence.
    pub licence: &'static str,
}

/// An indicator's rows and where they came from.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The indicator.
    pub indicator: &'static Indicator,
    /// The vintages used.
    pub sources: Vec<SourceVintage>,
    /// The exact SQL that ran.
    pub sql: String,
    /// The rows.
    pub result: QueryResult,
}

impl Computed {
    /// The rows.
    pub fn batches(&self) -> &[RecordBatch] {
        &self.result.batches
    }
}

/// Why an indicator could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum IndicatorError {
    /// No indicator has this id.
    #[error("unknown indicator `{0}` (see `eirene indicators list`)")]
    Unknown(String),
    /// The selection does not apply to this indicator or is malformed.
    #[error("{0}")]
    Selection(String),
    /// A source the indicator reads has not been synced.
    #[error(
        "indicator {indicator} needs source {source_id}: run `eirene sync {source_id}` or `eirene ingest {source_id} FILE`"
    )]
    MissingSource {
        /// The indicator.
        indicator: &'static str,
        /// The source it needs.
        source_id: &'static str,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The SQL that computes an indicator for a selection: the indicator's own SQL as a subquery,
/// with the selection as a `WHERE` and the indicator's order.
pub fn statement(indicator: &Indicator, selection: &Selection) -> Result<String, IndicatorError> {
    let mut conditions = Vec::new();
    if let Some(country) = &selection.country {
        if !indicator.by_country {
            return Err(IndicatorError::Selection(format!(
                "{} has no country breakdown",
                indicator.id
            )));
        }
        let valid = country.len() == 3 && country.chars().all(|c| c.is_ascii_uppercase());
        if !valid {
            return Err(IndicatorError::Selection(format!(
                "`{country}` is not an ISO 3166 alpha-3 code (three capital letters, e.g. MMR)"
            )));
        }
        conditions.push(format!("iso3 = '{country}'"));
    }
    if let Some(region) = &selection.region {
        if !indicator.by_region {
            return Err(IndicatorError::Selection(format!(
                "{} has no region breakdown",
                indicator.id
            )));
        }
        conditions.push(format!("region = '{}'", region.replace('\'', "''")));
    }
    match (selection.from, selection.to) {
        (Some(from), Some(to)) if from > to => {
            return Err(IndicatorError::Selection(format!(
                "the year range {from}..{to} is empty"
            )));
        }
        (Some(from), Some(to)) => conditions.push(format!("year BETWEEN {from} AND {to}")),
        (Some(from), None) => conditions.push(format!("year >= {from}")),
        (None, Some(to)) => conditions.push(format!("year <= {to}")),
        (None, None) => {}
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("\nWHERE {}", conditions.join(" AND "))
    };
    Ok(format!(
        "SELECT * FROM (\n{}\n) AS {}{filter}\nORDER BY {}",
        indicator.sql.trim().trim_end_matches(';'),
        indicator.id.replace('.', "_"),
        indicator.order_by
    ))
}

/// Computes an indicator over the current vintages of its sources.
pub async fn compute(
    store: &Store,
    indicator: &'static Indicator,
    selection: &Selection,
) -> Result<Computed, IndicatorError> {
    compute_in(&store.sql().await?, store, indicator, selection).await
}

/// Computes an indicator in an open SQL session (a server keeps one per state of the store).
pub async fn compute_in(
    session: &Sql,
    store: &Store,
    indicator: &'static Indicator,
    selection: &Selection,
) -> Result<Computed, IndicatorError> {
    let sql = statement(indicator, selection)?;
    let sources = vintages_used(store, indicator)?;
    let result = session.query(&sql).await?;
    Ok(Computed {
        indicator,
        sources,
        sql,
        result,
    })
}

/// The current vintage of each source of an indicator, with its files' digests from the ledger.
pub fn vintages_used(
    store: &Store,
    indicator: &'static Indicator,
) -> Result<Vec<SourceVintage>, IndicatorError> {
    let ledger = store.ledger()?;
    indicator
        .sources
        .iter()
        .map(|&id| vintage_in(store, &ledger, id, indicator.id))
        .collect()
}

/// The current vintage of one source, with its files' digests from the ledger, for figures
/// computed outside the catalogue (population exposure); `needed_by` names them in the error
/// when the source is not synced.
pub fn vintage(
    store: &Store,
    id: SourceId,
    needed_by: &'static str,
) -> Result<SourceVintage, IndicatorError> {
    vintage_in(store, &store.ledger()?, id, needed_by)
}

/// [`vintage`] with the ledger already read.
fn vintage_in(
    store: &Store,
    ledger: &[eirene_store::LedgerEntry],
    id: SourceId,
    needed_by: &'static str,
) -> Result<SourceVintage, IndicatorError> {
    let version = store
        .current(id.as_str())?
        .ok_or(IndicatorError::MissingSource {
            indicator: needed_by,
            source_id: id.as_str(),
        })?;
    let sha256 = ledger
        .iter()
        .rev()
        .find(|e| e.source == id.as_str() && e.version == version)
        .map(|e| e.files.iter().map(|f| f.sha256.clone()).collect())
        .unwrap_or_default();
    let entry = sources::source(id);
    Ok(SourceVintage {
        id: id.as_str(),
        version,
        sha256,
        citation: entry.citation,
        licence: entry.licence,
    })
}
