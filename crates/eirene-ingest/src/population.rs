//! World Bank population (indicator SP.POP.TOTL), by country or aggregate and year.
//!
//! Two layouts are read: the World Bank's own download (`API_SP.POP.TOTL_DS2_en_csv_v2_*.csv`,
//! wide: four preamble lines, then one column per year) and the long layout of the widely used
//! `datasets/population` package (`Country Name, Country Code, Year, Value`). Both give the same
//! table. World Bank aggregates (`WLD`, `SSF`, income groups ...) are kept: the world population is
//! one of them.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Builder, Int64Builder, StringBuilder};
use arrow::record_batch::RecordBatch;

use crate::csv_table::{self, ColumnSpec as C, Kind, Layout, parse_int};
use crate::error::{Location, Problem, Problems};
use crate::input::open_text;
use crate::{IngestError, Ingested, Table};

/// The population table (also the long input layout).
pub const POPULATION: Layout = Layout {
    table: "population",
    what: "a World Bank population CSV",
    columns: &[
        C::new(
            "country_name",
            Kind::Text,
            "Country or aggregate name (World Bank)",
        )
        .header("Country Name"),
        C::new(
            "code",
            Kind::Text,
            "ISO 3166 alpha-3, or a World Bank aggregate code such as WLD",
        )
        .header("Country Code")
        .not_null(),
        C::new("year", Kind::Int32, "Year")
            .header("Year")
            .not_null(),
        C::new(
            "population",
            Kind::Int64,
            "Total population, mid-year estimate (SP.POP.TOTL)",
        )
        .header("Value")
        .not_null(),
    ],
};

/// The first field of the World Bank's wide download.
const WIDE_PREAMBLE: &str = "\"Data Source\"";

/// Reads either layout into `population`.
pub fn parse(path: &Path, display: &str) -> Result<Ingested, IngestError> {
    let mut input = BufReader::new(open_text(path, display)?);
    let head = input.fill_buf().map_err(|source| IngestError::Io {
        path: path.to_owned(),
        source,
    })?;
    let text_start = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let mut ingested = Ingested::default();
    let table = if text_start.starts_with(WIDE_PREAMBLE.as_bytes()) {
        read_wide(input, display)?
    } else {
        csv_table::read(input, display, &POPULATION, &mut ingested.warnings)?
    };
    ingested.tables.push(table);
    Ok(ingested)
}

/// The wide download: preamble lines up to the `"Country Name"` header, then years as columns.
/// Empty cells (no estimate) are not rows.
fn read_wide(input: impl Read, display: &str) -> Result<Table, IngestError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut records = reader.records();
    let mut header = None;
    for record in records.by_ref() {
        let record = record.map_err(|e| unreadable(display, &e))?;
        if record.get(0).map(|f| f.trim_start_matches('\u{feff}')) == Some("Country Name") {
            header = Some(record);
            break;
        }
    }
    let header = header.ok_or_else(|| {
        IngestError::format(
            Location::file(display),
            "no `Country Name` header row after the preamble",
        )
    })?;
    let years: Vec<(usize, i32)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.trim().parse::<i32>().ok().map(|y| (i, y)))
        .collect();
    if years.is_empty() {
        return Err(IngestError::format(
            Location::line(display, 5),
            "the header has no year columns",
        ));
    }
    let (mut names, mut codes) = (StringBuilder::new(), StringBuilder::new());
    let (mut year_col, mut values) = (Int32Builder::new(), Int64Builder::new());
    let mut problems = Problems::default();
    for record in records {
        let record = record.map_err(|e| unreadable(display, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        for &(i, year) in &years {
            let cell = record.get(i).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            match parse_int(cell) {
                Some(value) => {
                    names.append_value(record.get(0).unwrap_or(""));
                    codes.append_value(record.get(1).unwrap_or(""));
                    year_col.append_value(year);
                    values.append_value(value);
                }
                None => problems.push(Problem::new(
                    Location::line(display, line).with_column(i + 1, &year.to_string()),
                    format!("`{cell}` is not a whole number"),
                )),
            }
        }
    }
    problems.into_result(display)?;
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(names.finish()),
        Arc::new(codes.finish()),
        Arc::new(year_col.finish()),
        Arc::new(values.finish()),
    ];
    let batch =
        RecordBatch::try_new(POPULATION.schema(), arrays).expect("columns follow the layout");
    Ok(Table {
        name: POPULATION.table,
        batches: vec![batch],
    })
}

fn unreadable(display: &str, e: &csv::Error) -> IngestError {
    let line = e.position().map_or(0, |p| p.line());
    IngestError::format(
        Location::line(display, line),
        format!("unreadable CSV: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::AsArray;
    use arrow::datatypes::Int64Type;

    #[test]
    fn wide_and_long_layouts_give_the_same_rows() {
        let dir = tempfile::tempdir().unwrap();
        let wide = dir.path().join("API_SP.POP.TOTL.csv");
        std::fs::write(
            &wide,
            "\u{feff}\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2025-07-01\",\n\n\
             \"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"1960\",\"1961\",\n\
             \"Aruba\",\"ABW\",\"Population, total\",\"SP.POP.TOTL\",\"54922\",\"55578\",\n\
             \"Kosovo\",\"XKX\",\"Population, total\",\"SP.POP.TOTL\",\"\",\"947000\",\n",
        )
        .unwrap();
        let long = dir.path().join("population.csv");
        std::fs::write(&long, "Country Name,Country Code,Year,Value\nAruba,ABW,1960,54922\nAruba,ABW,1961,55578\nKosovo,XKX,1961,947000\n").unwrap();
        let values = |path: &Path| {
            let ingested = parse(path, "p").unwrap();
            let batch = &ingested.tables[0].batches[0];
            batch
                .column(3)
                .as_primitive::<Int64Type>()
                .values()
                .to_vec()
        };
        assert_eq!(values(&wide), [54922, 55578, 947000]);
        assert_eq!(values(&wide), values(&long));
    }
}
