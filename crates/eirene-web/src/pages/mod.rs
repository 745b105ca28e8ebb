//! The pages, one module each, and what they share: computing an indicator in the current
//! snapshot and reading its rows.

pub mod conflict_index;
pub mod countries;
pub mod exposure;
pub mod home;
pub mod indicators;
pub mod sources;
pub mod treaties;

use std::collections::HashMap;
use std::sync::Arc;

use eirene_indicators::{Computed, Indicator, Selection, SourceVintage};
use serde_json::{Map, Value};

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::Site;

/// One row of an indicator, as JSON.
pub type Row = Map<String, Value>;

/// An indicator computed over the current data, or None when its sources are not synced.
pub struct Rows {
    /// The computation: SQL, sources and vintages.
    pub computed: Computed,
    /// The rows.
    pub rows: Vec<Row>,
    /// Positions of each country's rows (by `iso3`), for the country pages.
    by_iso3: HashMap<String, Vec<usize>>,
}

impl Rows {
    fn new(computed: Computed, rows: Vec<Row>) -> Rows {
        let mut by_iso3: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            if let Some(iso3) = row.get("iso3").and_then(Value::as_str) {
                by_iso3.entry(iso3.to_owned()).or_default().push(i);
            }
        }
        Rows {
            computed,
            rows,
            by_iso3,
        }
    }

    /// The rows of one country.
    pub fn of_country(&self, iso3: &str) -> Vec<Row> {
        self.by_iso3
            .get(iso3)
            .map(|positions| positions.iter().map(|&i| self.rows[i].clone()).collect())
            .unwrap_or_default()
    }
}

/// An indicator computed in full over the current snapshot (once per snapshot: pages filter
/// its rows); None if one of its sources is not synced.
pub async fn compute(site: &Site, id: &str) -> Result<Option<Arc<Rows>>, WebError> {
    let indicator = eirene_indicators::find(id)?;
    let snapshot = site.snapshot().await?;
    let mut computed = snapshot.indicators.lock().await;
    if let Some(rows) = computed.get(indicator.id) {
        return Ok(rows.clone());
    }
    let result = match eirene_indicators::compute_in(
        &snapshot.sql,
        &site.store,
        indicator,
        &Selection::default(),
    )
    .await
    {
        Ok(done) => {
            let rows = done.result.json_rows()?;
            Some(Arc::new(Rows::new(done, rows)))
        }
        Err(eirene_indicators::IndicatorError::MissingSource { .. }) => None,
        Err(other) => return Err(other.into()),
    };
    computed.insert(indicator.id, result.clone());
    Ok(result)
}

/// A number field of a row.
pub fn num(row: &Row, key: &str) -> Option<f64> {
    row.get(key).and_then(Value::as_f64)
}

/// A text field of a row.
pub fn text<'a>(row: &'a Row, key: &str) -> &'a str {
    row.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The provenance of a computed figure: "UCDP GED 24.1 · indicator ucdp.deaths".
pub fn provenance(computed: &Computed) -> String {
    let sources: Vec<String> = computed
        .sources
        .iter()
        .filter(|s| s.id != "countries")
        .map(vintage_text)
        .collect();
    format!("{} · Eirene {}", sources.join(", "), computed.indicator.id)
}

/// A vintage as provenance lines name it: "UCDP GED 24.1".
pub fn vintage_text(vintage: &SourceVintage) -> String {
    format!("{} {}", source_title(vintage.id), vintage.version)
}

/// A source's short title.
pub fn source_title(id: &str) -> &'static str {
    id.parse::<eirene_sources::SourceId>()
        .map(|s| eirene_sources::catalogue::source(s).title)
        .unwrap_or("?")
}

/// The JSON of an indicator's provenance: sources with versions, digests, citations, licences,
/// and the SQL that ran.
pub fn provenance_json(computed: &Computed) -> Value {
    serde_json::json!({
        "indicator": computed.indicator.id,
        "sources": computed.sources,
        "sql": computed.sql,
    })
}

/// An indicator's name in a language.
pub fn name(indicator: &Indicator, lang: Lang) -> &'static str {
    indicator.name.get(lang.catalogue())
}

/// The years present in rows, ascending.
pub fn years(rows: &[Row]) -> Vec<i64> {
    let mut years: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.get("year")?.as_i64())
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}
