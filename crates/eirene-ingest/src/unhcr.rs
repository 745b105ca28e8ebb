//! UNHCR population statistics (Refugee Data Finder), in the layout of the tables UNHCR publishes
//! through its `refugees` package: the origin–asylum population table, IDMC's conflict IDPs and
//! UNRWA's Palestine refugees.
//!
//! `coo` is the country of origin and `coa` the country of asylum; `*_iso` are ISO 3166 alpha-3
//! codes, the bare codes are UNHCR's own.

use std::path::Path;

use crate::csv_table::{self, ColumnSpec as C, Kind, Layout};
use crate::{IngestError, Ingested};

/// The origin and asylum columns every UNHCR table starts with.
macro_rules! origin_asylum {
    ($($rest:expr),* $(,)?) => {
        &[
            C::new("year", Kind::Int32, "Year (end-year figures; the latest year may be mid-year)").not_null(),
            C::new("coo_name", Kind::Text, "Country of origin, UNHCR name"),
            C::new("coo", Kind::Text, "Country of origin, UNHCR code"),
            C::new("coo_iso", Kind::Text, "Country of origin, ISO 3166 alpha-3"),
            C::new("coa_name", Kind::Text, "Country of asylum, UNHCR name"),
            C::new("coa", Kind::Text, "Country of asylum, UNHCR code"),
            C::new("coa_iso", Kind::Text, "Country of asylum, ISO 3166 alpha-3"),
            $($rest),*
        ]
    };
}

/// The origin–asylum population table.
pub const POPULATION: Layout = Layout {
    table: "displacement",
    what: "a UNHCR population table",
    columns: origin_asylum![
        C::new("refugees", Kind::Int64, "Refugees under UNHCR's mandate"),
        C::new("asylum_seekers", Kind::Int64, "Asylum-seekers"),
        C::new(
            "returned_refugees",
            Kind::Int64,
            "Refugees who returned during the year"
        ),
        C::new("idps", Kind::Int64, "IDPs of concern to UNHCR"),
        C::new(
            "returned_idps",
            Kind::Int64,
            "IDPs who returned during the year"
        ),
        C::new("stateless", Kind::Int64, "Stateless persons"),
        C::new("ooc", Kind::Int64, "Others of concern to UNHCR"),
        C::new(
            "oip",
            Kind::Int64,
            "Other people in need of international protection"
        )
        .optional(),
        C::new("hst", Kind::Int64, "Host community").optional(),
    ],
};

/// IDMC's internally displaced persons (conflict and violence).
pub const IDMC: Layout = Layout {
    table: "idmc_idps",
    what: "the UNHCR/IDMC IDP table",
    columns: origin_asylum![C::new(
        "total",
        Kind::Int64,
        "IDPs due to conflict and violence (IDMC)"
    )],
};

/// Palestine refugees under UNRWA's mandate.
pub const UNRWA: Layout = Layout {
    table: "unrwa_refugees",
    what: "the UNHCR/UNRWA table",
    columns: origin_asylum![C::new(
        "total",
        Kind::Int64,
        "Palestine refugees under UNRWA's mandate"
    )],
};

/// The three tables, by the part name a file is given under (`population`, `idmc`, `unrwa`).
pub fn layout_for_part(part: &str) -> Option<&'static Layout> {
    match part {
        "population" => Some(&POPULATION),
        "idmc" => Some(&IDMC),
        "unrwa" => Some(&UNRWA),
        _ => None,
    }
}

/// Reads the files, each into the table of its part.
pub fn parse(files: &[(&Path, &str, &str)]) -> Result<Ingested, IngestError> {
    let mut ingested = Ingested::default();
    for &(path, display, part) in files {
        let layout = layout_for_part(part).ok_or_else(|| {
            IngestError::Usage(format!(
                "{display}: unknown UNHCR table `{part}` (expected population, idmc or unrwa)"
            ))
        })?;
        if ingested.tables.iter().any(|t| t.name == layout.table) {
            return Err(IngestError::Usage(format!(
                "{display}: a second file for the `{part}` table"
            )));
        }
        let table = csv_table::read_file(path, display, layout, &mut ingested.warnings)?;
        ingested.tables.push(table);
    }
    if !ingested.tables.iter().any(|t| t.name == POPULATION.table) {
        return Err(IngestError::Usage(
            "unhcr-population needs the `population` table".into(),
        ));
    }
    Ok(ingested)
}
