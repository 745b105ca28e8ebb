//! UCDP: the Georeferenced Event Dataset (GED, one row per event) and the UCDP/PRIO Armed
//! Conflict Dataset (ACD, one row per conflict-year).
//!
//! Column names and meanings follow the UCDP codebooks; the store keeps UCDP's names so that a
//! user's knowledge of the codebook carries over to SQL.

use std::path::Path;

use arrow::array::AsArray;
use arrow::datatypes::Int64Type;

use crate::csv_table::{self, ColumnSpec as C, Kind, Layout};
use arrow::record_batch::RecordBatch;

use crate::{IngestError, Ingested, TableSink};

/// GED columns, in the order of the 23.1–25.1 layout (49 columns). Columns that older GED
/// releases lack are optional: they load as nulls with a warning naming them.
const GED_COLUMNS: &[C] = &[
    C::new("id", Kind::Int64, "UCDP event id").not_null(),
    C::new(
        "relid",
        Kind::Text,
        "Release-specific event id, e.g. SYR-2013-1-11973-99",
    )
    .optional(),
    C::new("year", Kind::Int32, "Year of the event").not_null(),
    C::new(
        "active_year",
        Kind::Flag,
        "Whether the event belongs to a dyad active (25+ deaths) that year",
    ),
    C::new(
        "code_status",
        Kind::Text,
        "Coding status (Clear, Check ...)",
    )
    .optional(),
    C::new(
        "type_of_violence",
        Kind::Int32,
        "1 state-based, 2 non-state, 3 one-sided",
    )
    .not_null(),
    C::new(
        "conflict_dset_id",
        Kind::Int64,
        "Conflict id in the dataset of its violence type",
    )
    .optional(),
    C::new(
        "conflict_new_id",
        Kind::Int64,
        "UCDP conflict id (counts distinct conflicts)",
    )
    .not_null(),
    C::new("conflict_name", Kind::Text, "Conflict name"),
    C::new(
        "dyad_dset_id",
        Kind::Int64,
        "Dyad id in the dataset of its violence type",
    )
    .optional(),
    C::new("dyad_new_id", Kind::Int64, "UCDP dyad id"),
    C::new("dyad_name", Kind::Text, "Dyad name"),
    C::new(
        "side_a_dset_id",
        Kind::Int64,
        "Side A actor id in its dataset",
    )
    .optional(),
    C::new("side_a_new_id", Kind::Int64, "Side A UCDP actor id"),
    C::new("side_a", Kind::Text, "Side A name"),
    C::new(
        "side_b_dset_id",
        Kind::Int64,
        "Side B actor id in its dataset",
    )
    .optional(),
    C::new("side_b_new_id", Kind::Int64, "Side B UCDP actor id"),
    C::new("side_b", Kind::Text, "Side B name"),
    C::new(
        "number_of_sources",
        Kind::Int32,
        "Number of sources (-1 when not recorded)",
    )
    .optional(),
    C::new("source_article", Kind::Text, "Source articles").optional(),
    C::new("source_office", Kind::Text, "Source offices").optional(),
    C::new("source_date", Kind::Text, "Source dates").optional(),
    C::new("source_headline", Kind::Text, "Source headlines").optional(),
    C::new("source_original", Kind::Text, "Original sources").optional(),
    C::new(
        "where_prec",
        Kind::Int32,
        "Spatial precision, 1 (exact) to 7 (country)",
    ),
    C::new(
        "where_coordinates",
        Kind::Text,
        "Place the coordinates refer to",
    ),
    C::new("where_description", Kind::Text, "Description of the place").optional(),
    C::new("adm_1", Kind::Text, "First-order administrative division"),
    C::new("adm_2", Kind::Text, "Second-order administrative division"),
    C::new("latitude", Kind::Float64, "Latitude (WGS 84)").not_null(),
    C::new("longitude", Kind::Float64, "Longitude (WGS 84)").not_null(),
    C::new("geom_wkt", Kind::Text, "The point as WKT"),
    C::new(
        "priogrid_gid",
        Kind::Int64,
        "PRIO-GRID cell id (0.5 degree)",
    ),
    C::new(
        "country",
        Kind::Text,
        "Country name as UCDP writes it, e.g. Myanmar (Burma)",
    )
    .not_null(),
    C::new(
        "country_id",
        Kind::Int32,
        "Gleditsch-Ward code of the country",
    )
    .not_null(),
    C::new(
        "region",
        Kind::Text,
        "UCDP region: Africa, Americas, Asia, Europe, Middle East",
    )
    .not_null(),
    C::new(
        "event_clarity",
        Kind::Int32,
        "1 clear event, 2 aggregate or unclear",
    )
    .optional(),
    C::new(
        "date_prec",
        Kind::Int32,
        "Date precision, 1 (exact day) to 5 (year)",
    ),
    C::new("date_start", Kind::Date, "Earliest possible date").not_null(),
    C::new("date_end", Kind::Date, "Latest possible date").not_null(),
    C::new("deaths_a", Kind::Int64, "Deaths on side A"),
    C::new("deaths_b", Kind::Int64, "Deaths on side B"),
    C::new("deaths_civilians", Kind::Int64, "Civilian deaths"),
    C::new("deaths_unknown", Kind::Int64, "Deaths of unknown status"),
    C::new(
        "best",
        Kind::Int64,
        "Best estimate of deaths = deaths_a + deaths_b + deaths_civilians + deaths_unknown",
    )
    .not_null(),
    C::new("high", Kind::Int64, "High estimate of deaths").not_null(),
    C::new("low", Kind::Int64, "Low estimate of deaths").not_null(),
    C::new("gwnoa", Kind::IntList, "Gleditsch-Ward code(s) of side A").optional(),
    C::new("gwnob", Kind::IntList, "Gleditsch-Ward code(s) of side B").optional(),
];

/// The GED event table.
pub const GED: Layout = Layout {
    table: "ged_events",
    what: "a UCDP GED CSV",
    columns: GED_COLUMNS,
};

/// ACD columns (conflict-year). UCDP's own CSV has a few columns that re-saved copies drop; they
/// are optional.
const ACD_COLUMNS: &[C] = &[
    C::new("conflict_id", Kind::Int64, "UCDP conflict id").not_null(),
    C::new(
        "location",
        Kind::Text,
        "Government(s) whose territory is disputed or where fighting occurs",
    ),
    C::new("side_a", Kind::Text, "Side A (a government)"),
    C::new("side_a_id", Kind::IntList, "UCDP actor id(s) of side A"),
    C::new(
        "side_a_2nd",
        Kind::Text,
        "States supporting side A with troops",
    ),
    C::new("side_b", Kind::Text, "Side B"),
    C::new("side_b_id", Kind::IntList, "UCDP actor id(s) of side B"),
    C::new(
        "side_b_2nd",
        Kind::Text,
        "States supporting side B with troops",
    ),
    C::new(
        "incompatibility",
        Kind::Int32,
        "1 territory, 2 government, 3 both",
    ),
    C::new("territory_name", Kind::Text, "Disputed territory"),
    C::new("year", Kind::Int32, "Year").not_null(),
    C::new(
        "intensity_level",
        Kind::Int32,
        "1 minor (25-999 deaths), 2 war (1,000+)",
    )
    .not_null(),
    C::new(
        "cumulative_intensity",
        Kind::Int32,
        "1 once the conflict has reached 1,000 deaths in all",
    ),
    C::new(
        "type_of_conflict",
        Kind::Int32,
        "1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalised intrastate",
    )
    .not_null(),
    C::new(
        "start_date",
        Kind::Date,
        "Date of the first battle-related death",
    ),
    C::new("start_prec", Kind::Int32, "Precision of start_date").optional(),
    C::new(
        "start_date2",
        Kind::Date,
        "First date of the episode reaching 25 deaths",
    )
    .optional(),
    C::new("start_prec2", Kind::Int32, "Precision of start_date2").optional(),
    C::new("ep_end", Kind::Flag, "Whether the episode ended this year").optional(),
    C::new("ep_end_date", Kind::Date, "Date the episode ended").optional(),
    C::new("ep_end_prec", Kind::Text, "Precision of ep_end_date").optional(),
    C::new(
        "end_date",
        Kind::Date,
        "End date of the episode (as in re-saved copies)",
    )
    .optional(),
    C::new("gwno_a", Kind::IntList, "Gleditsch-Ward code(s) of side A"),
    C::new(
        "gwno_a_2nd",
        Kind::IntList,
        "Gleditsch-Ward code(s) of side A's supporters",
    ),
    C::new("gwno_b", Kind::IntList, "Gleditsch-Ward code(s) of side B"),
    C::new(
        "gwno_b_2nd",
        Kind::IntList,
        "Gleditsch-Ward code(s) of side B's supporters",
    ),
    C::new(
        "gwno_loc",
        Kind::IntList,
        "Gleditsch-Ward code(s) of the location",
    )
    .not_null(),
    C::new(
        "region",
        Kind::IntList,
        "UCDP region code(s): 1 Europe, 2 Middle East, 3 Asia, 4 Africa, 5 Americas",
    )
    .not_null(),
    C::new("version", Kind::Text, "Dataset version").optional(),
];

/// The ACD conflict-year table.
pub const ACD: Layout = Layout {
    table: "acd_conflicts",
    what: "a UCDP/PRIO ACD CSV",
    columns: ACD_COLUMNS,
};

/// Reads one or more GED files (for instance country subsets of one release) into `ged_events`.
pub fn parse_ged(
    files: &[(&Path, &str)],
    sink: &mut dyn TableSink,
) -> Result<Ingested, IngestError> {
    let mut outside = 0;
    let mut ingested = csv_table::stream_files(files, &GED, sink, &mut |batch, _| {
        outside += count_best_outside_low_high(batch);
        Ok(())
    })?;
    if outside > 0 {
        ingested.warnings.push(format!(
            "{outside} event(s) have `best` outside `low..=high`; kept as UCDP published them"
        ));
    }
    Ok(ingested)
}

/// Reads an ACD file into `acd_conflicts`.
pub fn parse_acd(
    files: &[(&Path, &str)],
    sink: &mut dyn TableSink,
) -> Result<Ingested, IngestError> {
    csv_table::stream_files(files, &ACD, sink, &mut |_, _| Ok(()))
}

/// UCDP documents `low <= best <= high`, but about 1% of published rows break it; they are kept.
/// The three columns are declared not-null, so every value is present.
fn count_best_outside_low_high(batch: &RecordBatch) -> usize {
    let column = |name: &str| {
        batch
            .column_by_name(name)
            .expect("GED layout column")
            .as_primitive::<Int64Type>()
            .clone()
    };
    let (best, low, high) = (column("best"), column("low"), column("high"));
    (0..batch.num_rows())
        .filter(|&i| !(low.value(i)..=high.value(i)).contains(&best.value(i)))
        .count()
}
