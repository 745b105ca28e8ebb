//! SIPRI Military Expenditure Database: the xlsx workbook exactly as SIPRI publishes it.
//!
//! Every data sheet has the same shape: title and notes rows, a header row (`Country`, notes
//! columns, then one column per year), then countries grouped under region and sub-region header
//! rows (a name with no values). Five country sheets give one measure each; they become one
//! country-year table, `milex`. The "Regional totals" sheet becomes `milex_regional`.
//!
//! Nothing is dropped quietly. A country-year that SIPRI prints as a marker is a row whose value is
//! null and whose `<measure>_status` says why ([`Status`]), so "the USSR did not exist in 1995" and
//! "no data for Eritrea in 2023" stay distinguishable. Title, note and blank rows are skipped by
//! rule; the non-blank ones are listed in [`Ingested::skipped`].
//!
//! Regions are read from the header rows, not from a fixed list, so a release that regroups
//! countries is read as published. A header row directly followed by another header row is a
//! region; a header row followed by countries is a sub-region, unless it is one of SIPRI's
//! regions ([`REGIONS`]): the Middle East has no sub-regions, and only its name tells it apart
//! from a sub-region of Europe, the group above it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Float64Builder, Int32Builder, StringBuilder};
use arrow::record_batch::RecordBatch;
use calamine::{Data, Range, Reader, Xlsx, XlsxError};

use crate::csv_table::{ColumnSpec as C, Kind, Layout};
use crate::error::{Location, Problem, Problems, a1};
use crate::{IngestError, Ingested, Table};

/// The tables a SIPRI ingest produces.
pub const TABLES: &[&str] = &["milex", "milex_regional"];

/// Country-year military expenditure, over the five country sheets.
pub const MILEX: Layout = Layout {
    table: "milex",
    what: "the SIPRI Military Expenditure workbook",
    columns: &[
        C::new(
            "country",
            Kind::Text,
            "Country as SIPRI names it (\"Korea, South\", \"USSR\", \"European Union\")",
        )
        .not_null(),
        C::new(
            "region",
            Kind::Text,
            "SIPRI region: the region header row above the country",
        )
        .not_null(),
        C::new(
            "subregion",
            Kind::Text,
            "SIPRI sub-region header row above the country; null where there is none (Middle East)",
        ),
        C::new("year", Kind::Int32, "Calendar year").not_null(),
        C::new(
            "constant_usd_m",
            Kind::Float64,
            "US$ million at constant prices and exchange rates of price_base_year",
        ),
        C::new(
            "current_usd_m",
            Kind::Float64,
            "US$ million at current prices and the year's exchange rate",
        ),
        C::new(
            "share_of_gdp",
            Kind::Float64,
            "Military expenditure / GDP, as a fraction (0.034 = 3.4 %)",
        ),
        C::new(
            "per_capita_usd",
            Kind::Float64,
            "Military expenditure per person, current US$ (published from 1988)",
        ),
        C::new(
            "share_of_govt_spending",
            Kind::Float64,
            "Military expenditure / general government expenditure, fraction (published from 1988)",
        ),
        C::new(
            "price_base_year",
            Kind::Int32,
            "Price base year of constant_usd_m, read from the constant-US$ sheet's title",
        )
        .not_null(),
        C::new("constant_usd_m_status", Kind::Text, STATUS_DOC),
        C::new("current_usd_m_status", Kind::Text, STATUS_DOC),
        C::new("share_of_gdp_status", Kind::Text, STATUS_DOC),
        C::new("per_capita_usd_status", Kind::Text, STATUS_DOC),
        C::new("share_of_govt_spending_status", Kind::Text, STATUS_DOC),
    ],
};

/// World, regional and sub-regional totals ("Regional totals" sheet).
pub const MILEX_REGIONAL: Layout = Layout {
    table: "milex_regional",
    what: "the SIPRI Military Expenditure workbook",
    columns: &[
        C::new(
            "region",
            Kind::Text,
            "\"World\", a SIPRI region or a sub-region, as named in the sheet",
        )
        .not_null(),
        C::new(
            "parent_region",
            Kind::Text,
            "The region a sub-region belongs to; null for World and regions",
        ),
        C::new("level", Kind::Text, "world | region | subregion").not_null(),
        C::new("year", Kind::Int32, "Calendar year").not_null(),
        C::new(
            "constant_usd_m",
            Kind::Float64,
            "US$ million at constant price_base_year prices (the sheet gives US$ billion)",
        ),
        C::new(
            "current_usd_m",
            Kind::Float64,
            "US$ million at current prices; SIPRI gives it for the latest year only",
        ),
        C::new(
            "price_base_year",
            Kind::Int32,
            "Price base year of constant_usd_m, read from the sheet's title rows",
        )
        .not_null(),
        C::new("constant_usd_m_status", Kind::Text, STATUS_DOC),
        C::new("current_usd_m_status", Kind::Text, STATUS_DOC),
        C::new(
            "omitted_countries",
            Kind::Text,
            "Countries SIPRI leaves out of this total's estimates, as written; null if none",
        ),
    ],
};

/// The meaning of every `<measure>_status` column.
const STATUS_DOC: &str = "Why the value is null: not_available (\"...\"), \
    not_independent (\"xxx\"), not_published (no cell for the year); null when a number is present";

/// SIPRI's regions. Only needed for a region without sub-regions (see the module docs); written
/// with "and", matched ignoring case and `&`.
pub const REGIONS: &[&str] = &[
    "Africa",
    "Americas",
    "Asia and Oceania",
    "Europe",
    "Middle East",
];

/// How a sheet is recognised. The constant-US$ sheet carries the price base year in its name
/// ("Constant (2022) US$"), which changes with every release.
#[derive(Debug, Clone, Copy)]
enum SheetName {
    Exact(&'static str),
    Prefix(&'static str),
}

impl SheetName {
    fn matches(self, name: &str) -> bool {
        match self {
            SheetName::Exact(want) => name == want,
            SheetName::Prefix(want) => name.starts_with(want),
        }
    }

    fn describe(self) -> String {
        match self {
            SheetName::Exact(want) => format!("\"{want}\""),
            SheetName::Prefix(want) => format!("\"{want} (<base year>) US$\""),
        }
    }
}

/// The country sheets, in the order of the measure columns of [`MILEX`].
const MEASURE_SHEETS: [SheetName; MEASURES] = [
    SheetName::Prefix("Constant"),
    SheetName::Exact("Current US$"),
    SheetName::Exact("Share of GDP"),
    SheetName::Exact("Per capita"),
    SheetName::Exact("Share of Govt. spending"),
];
const MEASURES: usize = 5;
/// Index of the constant-US$ sheet in [`MEASURE_SHEETS`]: its title gives the price base year.
const CONSTANT: usize = 0;
const REGIONAL_SHEET: SheetName = SheetName::Exact("Regional totals");

/// Why a value is missing: SIPRI's markers, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `...`: data unavailable (for a regional total: or too uncertain to estimate).
    NotAvailable,
    /// `xxx`: the country did not exist or was not independent in (part of) the year. In this
    /// workbook it marks states after their dissolution (USSR, Czechoslovakia, Yugoslavia, GDR,
    /// North Yemen) and the EU before its first figure; successor states before independence
    /// are `...`.
    NotIndependent,
    /// No cell: the sheet does not cover the year (per capita and share of government spending
    /// start in 1988; regional current US$ is given for the latest year only), or the cell is
    /// blank.
    NotPublished,
}

impl Status {
    /// The value stored in the `<measure>_status` columns.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotAvailable => "not_available",
            Status::NotIndependent => "not_independent",
            Status::NotPublished => "not_published",
        }
    }
}

/// A value cell, read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Number(f64),
    Missing(Status),
}

/// A cell accepted as something slightly different from what SIPRI normally writes; reported as
/// one warning per sheet and kind, so a changed convention is noticed without flooding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Caveat {
    MarkerVariant,
    NumberAsText,
    Blank,
}

impl Caveat {
    fn describe(self) -> &'static str {
        match self {
            Caveat::MarkerVariant => {
                "held a marker written unusually (e.g. \". .\"), read as \"...\" or \"xxx\""
            }
            Caveat::NumberAsText => "held a number stored as text, read as the number",
            Caveat::Blank => "were blank in a country row, read as not_published",
        }
    }
}

/// Reads a value cell; `Err` is the reason it cannot be read.
fn read_value(cell: &Data) -> Result<(Value, Option<Caveat>), String> {
    match cell {
        Data::Float(x) => Ok((Value::Number(*x), None)),
        Data::Int(x) => Ok((Value::Number(*x as f64), None)),
        Data::Empty => Ok((Value::Missing(Status::NotPublished), Some(Caveat::Blank))),
        Data::String(text) => read_text_value(text),
        other => Err(format!(
            "expected a number, \"...\" or \"xxx\", found {other}"
        )),
    }
}

/// Reads a text cell in a value position: SIPRI's markers, tolerated variants of them, or a number
/// stored as text.
fn read_text_value(text: &str) -> Result<(Value, Option<Caveat>), String> {
    match text {
        "..." => return Ok((Value::Missing(Status::NotAvailable), None)),
        "xxx" => return Ok((Value::Missing(Status::NotIndependent), None)),
        _ => {}
    }
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let variant = |status| Ok((Value::Missing(status), Some(Caveat::MarkerVariant)));
    if squeezed.is_empty() {
        Ok((Value::Missing(Status::NotPublished), Some(Caveat::Blank)))
    } else if squeezed == "…" || (squeezed.len() >= 2 && squeezed.chars().all(|c| c == '.')) {
        variant(Status::NotAvailable)
    } else if squeezed == "xxx" {
        variant(Status::NotIndependent)
    } else if let Some(x) = text.trim().parse::<f64>().ok().filter(|x| x.is_finite()) {
        Ok((Value::Number(x), Some(Caveat::NumberAsText)))
    } else {
        Err(format!(
            "{text:?} is neither a number nor one of SIPRI's markers \
             \"...\" (not available) and \"xxx\" (not independent)"
        ))
    }
}

/// One worksheet, addressed by absolute 0-based (row, column) as in [`Location::cell`].
struct Sheet {
    name: String,
    range: Range<Data>,
}

static EMPTY: Data = Data::Empty;

impl Sheet {
    fn cell(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// Absolute indices of the rows the sheet uses.
    fn rows(&self) -> std::ops::Range<u32> {
        self.range
            .start()
            .zip(self.range.end())
            .map_or(0..0, |(start, end)| start.0..end.0 + 1)
    }

    /// Absolute indices of the columns the sheet uses.
    fn cols(&self) -> std::ops::Range<u32> {
        self.range
            .start()
            .zip(self.range.end())
            .map_or(0..0, |(start, end)| start.1..end.1 + 1)
    }

    fn location(&self, display: &str, row: u32, col: u32) -> Location {
        Location::cell(display, &self.name, row, col)
    }
}

/// The cell as trimmed text ("" when blank); numbers are written as Excel shows them.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        other => other.to_string(),
    }
}

/// A column of the header row that holds a year.
#[derive(Debug, Clone)]
struct YearColumn {
    col: u32,
    year: i32,
    /// The header as written ("1988", "2023 (current prices)"), for error messages.
    label: String,
    /// The Regional totals sheet adds one current-price column (`2023 (current prices)`) after
    /// its constant-price years.
    current_prices: bool,
}

/// Reads a header cell as a year column: a whole number, or text starting with a year and
/// optionally a parenthesised note.
fn year_column(cell: &Data, col: u32) -> Option<YearColumn> {
    let plausible = |y: f64| (1900.0..=2100.0).contains(&y) && y.fract() == 0.0;
    let (year, current_prices) = match cell {
        Data::Float(y) if plausible(*y) => (*y as i32, false),
        Data::Int(y) if plausible(*y as f64) => (*y as i32, false),
        Data::String(text) => {
            let text = text.trim();
            let year = text
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?
                .parse()
                .ok()?;
            let rest = text[4..].trim().to_lowercase();
            match rest.as_str() {
                "" => (year, false),
                _ if rest.starts_with('(') && rest.contains("current") => (year, true),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(YearColumn {
        col,
        year,
        label: text_of(cell),
        current_prices,
    })
}

/// A sheet's header row: where the names and the years are.
#[derive(Debug)]
struct Header {
    row: u32,
    /// The column of the row names ("Country", "Region").
    name_col: u32,
    years: Vec<YearColumn>,
    /// The other non-blank header cells ("Notes", "Omitted countries"), by column.
    others: Vec<(u32, String)>,
}

/// Finds the header row: the first row with at least two year columns. The rows above it are the
/// sheet's title and notes.
fn find_header(sheet: &Sheet, display: &str) -> Result<Header, IngestError> {
    for row in sheet.rows() {
        let years: Vec<YearColumn> = sheet
            .cols()
            .filter_map(|col| year_column(sheet.cell(row, col), col))
            .collect();
        if years.len() < 2 {
            continue;
        }
        let others: Vec<(u32, String)> = sheet
            .cols()
            .filter(|col| years.iter().all(|y| y.col != *col))
            .map(|col| (col, text_of(sheet.cell(row, col))))
            .filter(|(_, text)| !text.is_empty())
            .collect();
        let Some(&(name_col, _)) = others.first().filter(|(col, _)| *col < years[0].col) else {
            return Err(sheet_error(
                display,
                &sheet.name,
                "the header row has no name column before the years",
            ));
        };
        return Ok(Header {
            row,
            name_col,
            years,
            others,
        });
    }
    Err(sheet_error(
        display,
        &sheet.name,
        "no header row with years (expected a row such as \"Country | Notes | 1949 | 1950 | ...\")",
    ))
}

/// The texts of the rows above the header, then the sheet name: where SIPRI states units and
/// the price base year.
fn title_texts(sheet: &Sheet, header: &Header) -> Vec<String> {
    let mut texts: Vec<String> = (sheet.rows().start..header.row)
        .flat_map(|row| sheet.cols().map(move |col| (row, col)))
        .map(|(row, col)| text_of(sheet.cell(row, col)))
        .filter(|text| !text.is_empty())
        .collect();
    texts.push(sheet.name.clone());
    texts
}

/// The price base year from titles such as "in constant (2022) US$ m." or "at constant 2022
/// prices".
fn price_base_year(texts: &[String]) -> Option<i32> {
    texts.iter().find_map(|text| {
        let lower = text.to_lowercase();
        lower.match_indices("constant").find_map(|(at, word)| {
            let rest = lower[at + word.len()..]
                .trim_start()
                .trim_start_matches('(');
            let digits = rest.get(..4)?;
            let year_ends = rest[4..].chars().next().is_none_or(|c| !c.is_ascii_digit());
            (digits.bytes().all(|b| b.is_ascii_digit()) && year_ends)
                .then(|| digits.parse().ok())
                .flatten()
        })
    })
}

/// US$ millions per unit of the Regional totals figures: the title says "US$ b." (billions).
/// Read, not assumed, because a mistaken factor of 1000 would pass every other check.
fn regional_unit(texts: &[String]) -> Option<f64> {
    texts.iter().find_map(|text| {
        let squeezed: String = text
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if squeezed.contains("us$b") || squeezed.contains("billion") {
            Some(1000.0)
        } else if squeezed.contains("us$m") || squeezed.contains("million") {
            Some(1.0)
        } else {
            None
        }
    })
}

/// What a row below the header holds.
#[derive(Debug, PartialEq)]
enum RowKind {
    Blank,
    /// A name and nothing else: a region or sub-region header, or a note below the data.
    Label(String),
    /// Something in a year column.
    Values,
    /// Text outside the year columns only.
    NoValues,
}

fn is_blank(cell: &Data) -> bool {
    text_of(cell).is_empty()
}

fn row_kind(sheet: &Sheet, header: &Header, row: u32) -> RowKind {
    if header
        .years
        .iter()
        .any(|y| !is_blank(sheet.cell(row, y.col)))
    {
        return RowKind::Values;
    }
    let name = text_of(sheet.cell(row, header.name_col));
    let other_text = sheet
        .cols()
        .any(|col| col != header.name_col && !is_blank(sheet.cell(row, col)));
    match (name.is_empty(), other_text) {
        (true, false) => RowKind::Blank,
        (false, false) => RowKind::Label(name),
        _ => RowKind::NoValues,
    }
}

/// The rows below the header, classified.
fn body(sheet: &Sheet, header: &Header) -> Vec<(u32, RowKind)> {
    (header.row + 1..sheet.rows().end)
        .map(|row| (row, row_kind(sheet, header, row)))
        .collect()
}

fn is_known_region(name: &str) -> bool {
    let normal = |s: &str| {
        s.to_lowercase()
            .replace('&', "and")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    REGIONS.iter().any(|r| normal(r) == normal(name))
}

/// Where a country sits in SIPRI's grouping; with the name, the key of a `milex` country.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Place {
    country: String,
    region: String,
    subregion: Option<String>,
}

/// The values of one country-year, one slot per measure sheet.
type Measures = [Option<Value>; MEASURES];

/// Country-years gathered over the measure sheets, countries in the order SIPRI lists them.
#[derive(Default)]
struct CountryYears {
    countries: Vec<(Place, BTreeMap<i32, Measures>)>,
    index: HashMap<Place, usize>,
}

impl CountryYears {
    fn years_of(&mut self, place: Place) -> &mut BTreeMap<i32, Measures> {
        let next = self.countries.len();
        let at = *self.index.entry(place.clone()).or_insert(next);
        if at == next {
            self.countries.push((place, BTreeMap::new()));
        }
        &mut self.countries[at].1
    }
}

/// The region and sub-region header names seen in the country sheets: name → parent region
/// (`None` for a region). The Regional totals sheet is classified with it.
type Hierarchy = HashMap<String, Option<String>>;

/// State shared by the sheets of one workbook.
struct Reading<'a> {
    display: &'a str,
    problems: Problems,
    skipped: Vec<Problem>,
    /// (sheet, kind) → (count, first cell).
    caveats: BTreeMap<(String, Caveat), (usize, String)>,
    hierarchy: Hierarchy,
}

impl Reading<'_> {
    /// Reads a value cell, recording a caveat or a problem.
    fn value(&mut self, sheet: &Sheet, row: u32, column: &YearColumn) -> Option<Value> {
        match read_value(sheet.cell(row, column.col)) {
            Ok((value, caveat)) => {
                if let Some(caveat) = caveat {
                    let seen = self
                        .caveats
                        .entry((sheet.name.clone(), caveat))
                        .or_insert((0, a1(row, column.col)));
                    seen.0 += 1;
                }
                Some(value)
            }
            Err(reason) => {
                let at = sheet
                    .location(self.display, row, column.col)
                    .with_column(column.col as usize + 1, &column.label);
                self.problems.push(Problem::new(at, reason));
                None
            }
        }
    }

    fn problem(&mut self, sheet: &Sheet, row: u32, col: u32, reason: impl Into<String>) {
        self.problems
            .push(Problem::new(sheet.location(self.display, row, col), reason));
    }

    fn skip(&mut self, sheet: &Sheet, row: u32, col: u32, reason: impl Into<String>) {
        self.skipped
            .push(Problem::new(sheet.location(self.display, row, col), reason));
    }

    /// Records the title and notes rows above the header as one skipped entry per sheet.
    fn skip_title(&mut self, sheet: &Sheet, header: &Header) {
        let first = sheet.rows().start;
        if header.row > first {
            let reason = format!(
                "rows {}–{}: title and notes above the header row, not data",
                first + 1,
                header.row
            );
            self.skip(sheet, first, header.name_col, reason);
        }
    }

    fn warnings(&self) -> Vec<String> {
        self.caveats
            .iter()
            .map(|((sheet, caveat), (count, first))| {
                format!(
                    "{}: sheet \"{sheet}\": {count} cell(s) {} (first: {first})",
                    self.display,
                    caveat.describe()
                )
            })
            .collect()
    }
}

/// Reads one country sheet into slot `measure` of `milex`.
fn read_country_sheet(
    sheet: &Sheet,
    measure: usize,
    reading: &mut Reading,
    milex: &mut CountryYears,
) -> Result<Header, IngestError> {
    let header = find_header(sheet, reading.display)?;
    reading.skip_title(sheet, &header);
    let rows = body(sheet, &header);
    let last_values = rows
        .iter()
        .rposition(|(_, kind)| *kind == RowKind::Values)
        .ok_or_else(|| {
            sheet_error(
                reading.display,
                &sheet.name,
                "no country rows below the header row",
            )
        })?;
    let (mut region, mut subregion): (Option<String>, Option<String>) = (None, None);
    let mut seen = HashSet::new();
    for (i, (row, kind)) in rows.iter().enumerate() {
        let row = *row;
        match kind {
            RowKind::Blank => {}
            RowKind::Label(name) if i > last_values => {
                reading.skip(
                    sheet,
                    row,
                    header.name_col,
                    format!("note below the data: {name:?}"),
                );
            }
            RowKind::Label(name) => {
                let next = rows[i + 1..]
                    .iter()
                    .find(|(_, k)| *k != RowKind::Blank)
                    .map(|(_, k)| k);
                if matches!(next, Some(RowKind::Label(_))) || is_known_region(name) {
                    region = Some(name.clone());
                    subregion = None;
                    reading.hierarchy.insert(name.clone(), None);
                } else if let Some(parent) = &region {
                    subregion = Some(name.clone());
                    reading.hierarchy.insert(name.clone(), Some(parent.clone()));
                } else {
                    reading.problem(
                        sheet,
                        row,
                        header.name_col,
                        format!("sub-region header {name:?} above the first region header"),
                    );
                }
            }
            RowKind::NoValues => {
                reading.skip(sheet, row, header.name_col, "no values in the year columns")
            }
            RowKind::Values => {
                let country = text_of(sheet.cell(row, header.name_col));
                let Some(region) = region.clone().filter(|_| !country.is_empty()) else {
                    let reason = if country.is_empty() {
                        "values without a country name"
                    } else {
                        "country above the first region header"
                    };
                    reading.problem(sheet, row, header.name_col, reason);
                    continue;
                };
                let place = Place {
                    country,
                    region,
                    subregion: subregion.clone(),
                };
                if !seen.insert(place.clone()) {
                    reading.problem(
                        sheet,
                        row,
                        header.name_col,
                        format!("{:?} is listed twice in this region", place.country),
                    );
                    continue;
                }
                let years = milex.years_of(place);
                for column in &header.years {
                    years.entry(column.year).or_default()[measure] =
                        reading.value(sheet, row, column);
                }
            }
        }
    }
    Ok(header)
}

/// One row of the Regional totals sheet.
struct RegionTotal {
    name: String,
    parent: Option<String>,
    level: &'static str,
    constant: BTreeMap<i32, Value>,
    current: BTreeMap<i32, Value>,
    omitted: Option<String>,
}

/// Reads the Regional totals sheet. Names are classified with the country sheets' hierarchy.
fn read_regional_sheet(
    sheet: &Sheet,
    reading: &mut Reading,
) -> Result<(Vec<RegionTotal>, BTreeSet<i32>, i32), IngestError> {
    let display = reading.display;
    let header = find_header(sheet, display)?;
    reading.skip_title(sheet, &header);
    let titles = title_texts(sheet, &header);
    let unit = regional_unit(&titles).ok_or_else(|| {
        sheet_error(
            display,
            &sheet.name,
            "the title rows do not say whether figures are in US$ b. or US$ m.",
        )
    })?;
    let base_year = price_base_year(&titles).ok_or_else(|| no_base_year(display, &sheet.name))?;
    let omitted_col = header
        .others
        .iter()
        .find(|(_, text)| text.to_lowercase().starts_with("omitted"))
        .map(|(col, _)| *col);
    let mut totals = Vec::new();
    for (row, kind) in body(sheet, &header) {
        match kind {
            RowKind::Blank => {}
            RowKind::Label(name) => reading.skip(
                sheet,
                row,
                header.name_col,
                format!("note without figures: {name:?}"),
            ),
            RowKind::NoValues => {
                reading.skip(sheet, row, header.name_col, "no values in the year columns")
            }
            RowKind::Values => {
                if let Some(total) =
                    read_region_total(sheet, &header, row, unit, omitted_col, reading)
                {
                    totals.push(total);
                }
            }
        }
    }
    let years = header.years.iter().map(|y| y.year).collect();
    Ok((totals, years, base_year))
}

fn read_region_total(
    sheet: &Sheet,
    header: &Header,
    row: u32,
    unit: f64,
    omitted_col: Option<u32>,
    reading: &mut Reading,
) -> Option<RegionTotal> {
    let name = text_of(sheet.cell(row, header.name_col));
    let (level, parent) = match reading.hierarchy.get(&name) {
        _ if name.eq_ignore_ascii_case("world") => ("world", None),
        Some(None) => ("region", None),
        Some(Some(parent)) => ("subregion", Some(parent.clone())),
        None => {
            let reason =
                format!("{name:?} is not a region or sub-region header of the country sheets");
            reading.problem(sheet, row, header.name_col, reason);
            return None;
        }
    };
    let mut total = RegionTotal {
        name,
        parent,
        level,
        constant: BTreeMap::new(),
        current: BTreeMap::new(),
        omitted: omitted_col
            .map(|col| text_of(sheet.cell(row, col)))
            .filter(|text| !text.is_empty()),
    };
    for column in &header.years {
        let Some(value) = reading.value(sheet, row, column) else {
            continue;
        };
        let value = match value {
            Value::Number(x) => Value::Number(x * unit),
            missing => missing,
        };
        let by_year = if column.current_prices {
            &mut total.current
        } else {
            &mut total.constant
        };
        by_year.insert(column.year, value);
    }
    Some(total)
}

/// Appends a value and its status.
fn push_value(values: &mut Float64Builder, statuses: &mut StringBuilder, value: Option<Value>) {
    match value.unwrap_or(Value::Missing(Status::NotPublished)) {
        Value::Number(x) => {
            values.append_value(x);
            statuses.append_null();
        }
        Value::Missing(status) => {
            values.append_null();
            statuses.append_value(status.as_str());
        }
    }
}

fn milex_table(milex: &CountryYears, base_year: i32) -> Table {
    let (mut country, mut region, mut subregion) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let (mut year, mut base) = (Int32Builder::new(), Int32Builder::new());
    let mut values: [Float64Builder; MEASURES] = std::array::from_fn(|_| Float64Builder::new());
    let mut statuses: [StringBuilder; MEASURES] = std::array::from_fn(|_| StringBuilder::new());
    for (place, years) in &milex.countries {
        for (y, measures) in years {
            country.append_value(&place.country);
            region.append_value(&place.region);
            subregion.append_option(place.subregion.as_deref());
            year.append_value(*y);
            base.append_value(base_year);
            for (m, value) in measures.iter().enumerate() {
                push_value(&mut values[m], &mut statuses[m], *value);
            }
        }
    }
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(country.finish()),
        Arc::new(region.finish()),
        Arc::new(subregion.finish()),
        Arc::new(year.finish()),
    ];
    arrays.extend(values.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    arrays.push(Arc::new(base.finish()));
    arrays.extend(
        statuses
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef),
    );
    let batch = RecordBatch::try_new(MILEX.schema(), arrays).expect("columns follow the layout");
    Table {
        name: MILEX.table,
        batches: vec![batch],
    }
}

fn regional_table(totals: &[RegionTotal], years: &BTreeSet<i32>, base_year: i32) -> Table {
    let (mut region, mut parent, mut level) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let (mut year, mut base) = (Int32Builder::new(), Int32Builder::new());
    let (mut constant, mut current) = (Float64Builder::new(), Float64Builder::new());
    let (mut constant_status, mut current_status) = (StringBuilder::new(), StringBuilder::new());
    let mut omitted = StringBuilder::new();
    for total in totals {
        for y in years {
            region.append_value(&total.name);
            parent.append_option(total.parent.as_deref());
            level.append_value(total.level);
            year.append_value(*y);
            push_value(
                &mut constant,
                &mut constant_status,
                total.constant.get(y).copied(),
            );
            push_value(
                &mut current,
                &mut current_status,
                total.current.get(y).copied(),
            );
            base.append_value(base_year);
            omitted.append_option(total.omitted.as_deref());
        }
    }
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(region.finish()),
        Arc::new(parent.finish()),
        Arc::new(level.finish()),
        Arc::new(year.finish()),
        Arc::new(constant.finish()),
        Arc::new(current.finish()),
        Arc::new(base.finish()),
        Arc::new(constant_status.finish()),
        Arc::new(current_status.finish()),
        Arc::new(omitted.finish()),
    ];
    let batch =
        RecordBatch::try_new(MILEX_REGIONAL.schema(), arrays).expect("columns follow the layout");
    Table {
        name: MILEX_REGIONAL.table,
        batches: vec![batch],
    }
}

fn sheet_error(display: &str, sheet: &str, reason: impl Into<String>) -> IngestError {
    IngestError::format(Location::sheet(display, sheet), reason)
}

fn no_base_year(display: &str, sheet: &str) -> IngestError {
    sheet_error(
        display,
        sheet,
        "no price base year in the title rows (expected \"constant (YYYY)\" or \"constant YYYY\")",
    )
}

fn open(path: &Path, display: &str) -> Result<Xlsx<BufReader<File>>, IngestError> {
    let io_error = |source| IngestError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    Xlsx::new(BufReader::new(file)).map_err(|e| match e {
        XlsxError::Io(source) => io_error(source),
        other => IngestError::format(
            Location::file(display),
            format!("not an xlsx workbook (SIPRI publishes the database as .xlsx): {other}"),
        ),
    })
}

/// Finds a required sheet by name, or fails naming the sheets the workbook does have.
fn find_sheet(names: &[String], want: SheetName, display: &str) -> Result<String, IngestError> {
    names
        .iter()
        .find(|name| want.matches(name))
        .cloned()
        .ok_or_else(|| {
            let have = names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            IngestError::format(
                Location::file(display),
                format!(
                    "missing sheet {} (the workbook has {have}); \
                 is this SIPRI's military expenditure workbook?",
                    want.describe()
                ),
            )
        })
}

fn load(
    workbook: &mut Xlsx<BufReader<File>>,
    name: String,
    display: &str,
) -> Result<Sheet, IngestError> {
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| sheet_error(display, &name, format!("unreadable sheet: {e}")))?;
    Ok(Sheet { name, range })
}

/// Reads the SIPRI Military Expenditure workbook into `milex` and `milex_regional`.
///
/// Fails on a missing sheet, a sheet without a header row of years, or (after reading everything)
/// on every value cell that is neither a number nor a marker.
pub fn parse(path: &Path, display_name: &str) -> Result<Ingested, IngestError> {
    let mut workbook = open(path, display_name)?;
    let names = workbook.sheet_names();
    let regional_name = find_sheet(&names, REGIONAL_SHEET, display_name)?;
    let measure_names = MEASURE_SHEETS
        .iter()
        .map(|want| find_sheet(&names, *want, display_name))
        .collect::<Result<Vec<_>, _>>()?;
    let mut reading = Reading {
        display: display_name,
        problems: Problems::default(),
        skipped: Vec::new(),
        caveats: BTreeMap::new(),
        hierarchy: Hierarchy::new(),
    };
    let mut milex = CountryYears::default();
    let sheets = measure_names
        .into_iter()
        .map(|name| load(&mut workbook, name, display_name))
        .collect::<Result<Vec<_>, _>>()?;
    let headers = sheets
        .iter()
        .enumerate()
        .map(|(measure, sheet)| read_country_sheet(sheet, measure, &mut reading, &mut milex))
        .collect::<Result<Vec<_>, _>>()?;
    let base_year = price_base_year(&title_texts(&sheets[CONSTANT], &headers[CONSTANT]))
        .ok_or_else(|| no_base_year(display_name, &sheets[CONSTANT].name))?;
    let regional = load(&mut workbook, regional_name, display_name)?;
    let (totals, years, regional_base_year) = read_regional_sheet(&regional, &mut reading)?;
    let warnings = reading.warnings();
    reading.problems.into_result(display_name)?;
    Ok(Ingested {
        tables: vec![
            milex_table(&milex, base_year),
            regional_table(&totals, &years, regional_base_year),
        ],
        attachments: Vec::new(),
        skipped: reading.skipped,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::sync::OnceLock;

    use arrow::array::{Array, AsArray};
    use arrow::datatypes::{Float64Type, Int32Type};

    const WORKBOOK: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/sipri/SIPRI-Milex-data-1949-2023.xlsx"
    );
    const LONG_CSV: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/sipri/sipri_milex_1949_2023_long.csv"
    );

    /// The real workbook, parsed once for all tests.
    fn real() -> &'static Ingested {
        static PARSED: OnceLock<Ingested> = OnceLock::new();
        PARSED
            .get_or_init(|| parse(Path::new(WORKBOOK), "SIPRI-Milex-data-1949-2023.xlsx").unwrap())
    }

    fn table(name: &str) -> &'static RecordBatch {
        let table = real().tables.iter().find(|t| t.name == name).unwrap();
        assert_eq!(table.batches.len(), 1);
        &table.batches[0]
    }

    fn text<'a>(batch: &'a RecordBatch, column: &str, row: usize) -> Option<&'a str> {
        let array = batch.column_by_name(column).unwrap().as_string::<i32>();
        array.is_valid(row).then(|| array.value(row))
    }

    fn number(batch: &RecordBatch, column: &str, row: usize) -> Option<f64> {
        let array = batch
            .column_by_name(column)
            .unwrap()
            .as_primitive::<Float64Type>();
        array.is_valid(row).then(|| array.value(row))
    }

    fn year(batch: &RecordBatch, row: usize) -> i32 {
        batch
            .column_by_name("year")
            .unwrap()
            .as_primitive::<Int32Type>()
            .value(row)
    }

    /// The row of `name` (country or region, in the table's first column) and `y`.
    fn row_of(batch: &RecordBatch, name: &str, y: i32) -> usize {
        let first = batch.schema().field(0).name().clone();
        (0..batch.num_rows())
            .find(|&r| text(batch, &first, r) == Some(name) && year(batch, r) == y)
            .unwrap()
    }

    fn assert_bn(actual_m: Option<f64>, expected_bn: f64, what: &str) {
        let bn = actual_m.unwrap() / 1000.0;
        assert!(
            (bn - expected_bn).abs() <= 0.05,
            "{what}: {bn} bn, expected {expected_bn} bn"
        );
    }

    #[test]
    fn world_totals_match_sipris_headline_figures() {
        let regional = table("milex_regional");
        let world = row_of(regional, "World", 2023);
        assert_bn(
            number(regional, "current_usd_m", world),
            2443.4,
            "world 2023, current US$",
        );
        assert_bn(
            number(regional, "constant_usd_m", world),
            2393.6,
            "world 2023, constant 2022 US$",
        );
        assert!(
            (number(regional, "current_usd_m", world).unwrap() - 2_443_366.391_933_421).abs()
                < 1e-6
        );
        assert_eq!(text(regional, "level", world), Some("world"));
        assert_eq!(text(regional, "parent_region", world), None);
        let price_base = regional
            .column_by_name("price_base_year")
            .unwrap()
            .as_primitive::<Int32Type>();
        assert!(price_base.values().iter().all(|&y| y == 2022));
    }

    #[test]
    fn regional_totals_are_classified_and_typed() {
        let regional = table("milex_regional");
        assert_eq!(regional.num_rows(), 19 * 36, "19 totals, 1988-2023");
        let north_africa = row_of(regional, "North Africa", 2000);
        assert_eq!(text(regional, "level", north_africa), Some("subregion"));
        assert_eq!(
            text(regional, "parent_region", north_africa),
            Some("Africa")
        );
        let middle_east = row_of(regional, "Middle East", 2000);
        assert_eq!(text(regional, "level", middle_east), Some("region"));
        let asia = row_of(regional, "Asia & Oceania", 2023);
        assert_eq!(
            text(regional, "omitted_countries", asia),
            Some("Korea, North, Laos, Turkmenistan, Uzbekistan")
        );
        // Current prices are published for the last year only.
        let world_2000 = row_of(regional, "World", 2000);
        assert_eq!(number(regional, "current_usd_m", world_2000), None);
        assert_eq!(
            text(regional, "current_usd_m_status", world_2000),
            Some("not_published")
        );
        // No world total for 1991 (no data for the USSR's last year).
        let world_1991 = row_of(regional, "World", 1991);
        assert_eq!(number(regional, "constant_usd_m", world_1991), None);
        assert_eq!(
            text(regional, "constant_usd_m_status", world_1991),
            Some("not_available")
        );
        let levels: BTreeSet<_> = (0..regional.num_rows())
            .filter_map(|r| text(regional, "level", r))
            .collect();
        assert_eq!(levels, BTreeSet::from(["region", "subregion", "world"]));
    }

    #[test]
    fn largest_spenders_2023_in_current_dollars() {
        let milex = table("milex");
        for (country, bn) in [
            ("United States of America", 916.0),
            ("China", 296.4),
            ("Russia", 109.5),
        ] {
            assert_bn(
                number(milex, "current_usd_m", row_of(milex, country, 2023)),
                bn,
                country,
            );
        }
    }

    #[test]
    fn country_sum_is_below_the_world_total() {
        let milex = table("milex");
        let sum: f64 = (0..milex.num_rows())
            .filter(|&r| year(milex, r) == 2023)
            .filter_map(|r| number(milex, "current_usd_m", r))
            .sum();
        assert_bn(Some(sum), 2387.6, "sum of countries 2023");
        let regional = table("milex_regional");
        let world = number(regional, "current_usd_m", row_of(regional, "World", 2023)).unwrap();
        assert!(
            world - sum > 50_000.0,
            "the world total includes estimates for missing countries"
        );
    }

    #[test]
    fn regions_come_from_the_header_rows() {
        let milex = table("milex");
        let mexico = row_of(milex, "Mexico", 2023);
        assert_eq!(text(milex, "region", mexico), Some("Americas"));
        assert_eq!(
            text(milex, "subregion", mexico),
            Some("Central America and the Caribbean")
        );
        let israel = row_of(milex, "Israel", 2023);
        assert_eq!(text(milex, "region", israel), Some("Middle East"));
        assert_eq!(text(milex, "subregion", israel), None);
        let eu = row_of(milex, "European Union", 2023);
        assert_eq!(text(milex, "subregion", eu), Some("Western Europe"));
    }

    #[test]
    fn markers_become_typed_statuses() {
        let milex = table("milex");
        // The USSR ceased to exist at the end of 1991: "xxx" from 1992.
        let ussr_1992 = row_of(milex, "USSR", 1992);
        assert_eq!(number(milex, "current_usd_m", ussr_1992), None);
        assert_eq!(
            text(milex, "current_usd_m_status", ussr_1992),
            Some("not_independent")
        );
        assert_eq!(
            text(milex, "constant_usd_m_status", ussr_1992),
            Some("not_independent")
        );
        // Successor states are "..." before independence in this release, not "xxx".
        let kazakhstan_1991 = row_of(milex, "Kazakhstan", 1991);
        assert_eq!(
            text(milex, "current_usd_m_status", kazakhstan_1991),
            Some("not_available")
        );
        // A number has no status; per capita starts in 1988.
        let usa_1960 = row_of(milex, "United States of America", 1960);
        assert!(number(milex, "current_usd_m", usa_1960).is_some());
        assert_eq!(text(milex, "current_usd_m_status", usa_1960), None);
        assert_eq!(
            text(milex, "per_capita_usd_status", usa_1960),
            Some("not_published")
        );
        // Every country-year of every sheet is a row: 174 countries, 1949-2023.
        assert_eq!(milex.num_rows(), 174 * 75);
    }

    /// Every number of the independently derived long CSV equals ours, and the country-years with
    /// at least one number are the same set.
    #[test]
    fn values_equal_the_derived_long_csv() {
        let milex = table("milex");
        let index: HashMap<(String, i32), usize> = (0..milex.num_rows())
            .map(|r| {
                (
                    (
                        text(milex, "country", r).unwrap().to_owned(),
                        year(milex, r),
                    ),
                    r,
                )
            })
            .collect();
        let pairs = [
            ("constant_2022_usd_m", "constant_usd_m"),
            ("current_usd_m", "current_usd_m"),
            ("share_of_gdp", "share_of_gdp"),
            ("per_capita_current_usd", "per_capita_usd"),
            ("share_of_govt_spending", "share_of_govt_spending"),
        ];
        let mut reader = csv::Reader::from_path(LONG_CSV).unwrap();
        let headers = reader.headers().unwrap().clone();
        let field = |record: &csv::StringRecord, name: &str| {
            record[headers.iter().position(|h| h == name).unwrap()].to_owned()
        };
        let (mut rows, mut numbers, mut countries) = (0, 0, BTreeSet::new());
        for record in reader.records() {
            let record = record.unwrap();
            let key = (
                field(&record, "country"),
                field(&record, "year").parse::<i32>().unwrap(),
            );
            let row = index[&key];
            assert_eq!(
                text(milex, "region", row),
                Some(field(&record, "region").as_str()),
                "{key:?}"
            );
            let subregion = field(&record, "subregion");
            assert_eq!(
                text(milex, "subregion", row),
                Some(subregion.as_str()).filter(|s| !s.is_empty()),
                "{key:?}"
            );
            for (theirs, ours) in pairs {
                let expected = field(&record, theirs);
                let actual = number(milex, ours, row);
                if expected.is_empty() {
                    assert_eq!(actual, None, "{key:?} {ours}");
                    continue;
                }
                let expected: f64 = expected.parse().unwrap();
                let actual = actual.unwrap_or_else(|| panic!("{key:?} {ours}: no number"));
                assert!(
                    (actual - expected).abs() <= 1e-9 * expected.abs(),
                    "{key:?} {ours}: {actual} vs {expected}"
                );
                numbers += 1;
            }
            rows += 1;
            countries.insert(key.0);
        }
        assert_eq!((rows, countries.len()), (8691, 174));
        let ours_with_a_number = (0..milex.num_rows())
            .filter(|&r| {
                pairs
                    .iter()
                    .any(|(_, ours)| number(milex, ours, r).is_some())
            })
            .count();
        assert_eq!(ours_with_a_number, 8691);
        let ours_numbers: usize = pairs
            .iter()
            .map(|(_, ours)| {
                milex.column_by_name(ours).unwrap().len()
                    - milex.column_by_name(ours).unwrap().null_count()
            })
            .sum();
        assert_eq!(ours_numbers, numbers);
    }

    #[test]
    fn title_rows_are_skipped_with_a_reason_and_there_are_no_warnings() {
        let ingested = real();
        assert_eq!(ingested.skipped.len(), 6, "{:#?}", ingested.skipped);
        assert!(
            ingested
                .skipped
                .iter()
                .all(|p| p.reason.contains("title and notes"))
        );
        assert!(ingested.warnings.is_empty(), "{:?}", ingested.warnings);
    }

    /// A copy of the real workbook with one member of the zip archive edited.
    fn edited_workbook(
        dir: &tempfile::TempDir,
        member: &str,
        edit: impl Fn(&str) -> String,
    ) -> std::path::PathBuf {
        let mut archive = zip::ZipArchive::new(File::open(WORKBOOK).unwrap()).unwrap();
        let path = dir.path().join("edited.xlsx");
        let mut out = zip::ZipWriter::new(File::create(&path).unwrap());
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            if name == member {
                let mut xml = String::new();
                file.read_to_string(&mut xml).unwrap();
                out.start_file(name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                out.write_all(edit(&xml).as_bytes()).unwrap();
            } else {
                out.raw_copy_file(file).unwrap();
            }
        }
        out.finish().unwrap();
        path
    }

    #[test]
    fn a_missing_sheet_is_a_format_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = edited_workbook(&dir, "xl/workbook.xml", |xml| {
            xml.replace("name=\"Current US$\"", "name=\"Current USD\"")
        });
        let Err(IngestError::Format(problem)) = parse(&path, "milex.xlsx") else {
            panic!("expected a format error")
        };
        assert_eq!(problem.location, Location::file("milex.xlsx"));
        assert!(
            problem.reason.starts_with("missing sheet \"Current US$\""),
            "{}",
            problem.reason
        );
        assert!(
            problem.reason.contains("\"Current USD\""),
            "{}",
            problem.reason
        );
    }

    #[test]
    fn an_unknown_text_in_a_value_cell_is_an_error_with_cell_and_year() {
        let dir = tempfile::tempdir().unwrap();
        let path = edited_workbook(&dir, "xl/sharedStrings.xml", |xml| {
            xml.replace("<t>xxx</t>", "<t>n/a</t>")
        });
        let Err(IngestError::Rows {
            problems, total, ..
        }) = parse(&path, "milex.xlsx")
        else {
            panic!("expected row errors")
        };
        assert_eq!(
            total,
            3 * 235 + 2 * 196,
            "every former \"xxx\" cell of the five country sheets"
        );
        let first = &problems[0];
        assert!(first.reason.contains("\"n/a\""), "{}", first.reason);
        let at = first.location.to_string();
        assert!(
            at.starts_with("milex.xlsx: sheet \"Constant (2022) US$\" cell "),
            "{at}"
        );
        assert!(at.contains(": column "), "{at}");
    }

    #[test]
    fn marker_variants_are_read_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = edited_workbook(&dir, "xl/sharedStrings.xml", |xml| {
            xml.replace("<t>...</t>", "<t>. .</t>")
        });
        let ingested = parse(&path, "milex.xlsx").unwrap();
        assert_eq!(ingested.rows_accepted(), real().rows_accepted());
        assert_eq!(
            ingested.warnings.len(),
            6,
            "one per sheet: {:?}",
            ingested.warnings
        );
        assert!(
            ingested
                .warnings
                .iter()
                .all(|w| w.contains("marker written unusually"))
        );
        let milex = &ingested.tables[0].batches[0];
        let kazakhstan_1991 = row_of(milex, "Kazakhstan", 1991);
        assert_eq!(
            text(milex, "current_usd_m_status", kazakhstan_1991),
            Some("not_available")
        );
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_a_format_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("milex.xlsx");
        std::fs::write(&path, "country,year\nChina,2023\n").unwrap();
        let Err(IngestError::Format(problem)) = parse(&path, "milex.xlsx") else {
            panic!("expected a format error")
        };
        assert_eq!(problem.location, Location::file("milex.xlsx"));
        assert!(
            problem.reason.contains("not an xlsx workbook"),
            "{}",
            problem.reason
        );
        assert!(matches!(
            parse(&dir.path().join("absent.xlsx"), "absent.xlsx"),
            Err(IngestError::Io { .. })
        ));
    }

    fn sheet(cells: &[(u32, u32, Data)]) -> Sheet {
        let mut range = Range::new((0, 0), (9, 9));
        for (row, col, value) in cells {
            range.set_value((*row, *col), value.clone());
        }
        Sheet {
            name: "Per capita".into(),
            range,
        }
    }

    #[test]
    fn a_header_row_without_years_is_a_format_error_naming_the_sheet() {
        let s = |t: &str| Data::String(t.into());
        let no_years = sheet(&[
            (0, 0, s("Title")),
            (2, 0, s("Country")),
            (2, 1, s("Notes")),
            (2, 2, s("Year one")),
        ]);
        let Err(IngestError::Format(problem)) = find_header(&no_years, "f.xlsx") else {
            panic!("expected a format error")
        };
        assert_eq!(problem.location, Location::sheet("f.xlsx", "Per capita"));
        let with_years = sheet(&[
            (2, 0, s("Country")),
            (2, 1, s("Notes")),
            (2, 2, Data::Float(1988.0)),
            (2, 3, s("1989")),
        ]);
        let header = find_header(&with_years, "f.xlsx").unwrap();
        assert_eq!((header.row, header.name_col, header.years.len()), (2, 0, 2));
    }

    #[test]
    fn regions_sub_regions_and_notes_are_told_apart_by_structure() {
        let s = |t: &str| Data::String(t.into());
        let rows = [
            ("Country", Data::Float(2022.0), Data::Float(2023.0)),
            ("Europe", Data::Empty, Data::Empty),
            ("Western Europe", Data::Empty, Data::Empty),
            ("France", Data::Float(1.0), Data::Float(2.0)),
            ("Middle East", Data::Empty, Data::Empty),
            ("Israel", s("..."), s("xxx")),
            ("", Data::Empty, Data::Empty),
            ("1) A footnote below the data.", Data::Empty, Data::Empty),
        ];
        let mut cells = vec![(0, 0, s("Military expenditure per capita"))];
        for (i, (name, a, b)) in rows.into_iter().enumerate() {
            let row = i as u32 + 2;
            cells.extend([(row, 0, s(name)), (row, 2, a), (row, 3, b)]);
        }
        let sheet = sheet(&cells);
        let mut reading = Reading {
            display: "f.xlsx",
            problems: Problems::default(),
            skipped: Vec::new(),
            caveats: BTreeMap::new(),
            hierarchy: Hierarchy::new(),
        };
        let mut milex = CountryYears::default();
        read_country_sheet(&sheet, 3, &mut reading, &mut milex).unwrap();
        assert!(reading.problems.is_empty());
        let places: Vec<_> = milex.countries.iter().map(|(p, _)| p.clone()).collect();
        let place = |c: &str, r: &str, s: Option<&str>| Place {
            country: c.into(),
            region: r.into(),
            subregion: s.map(Into::into),
        };
        assert_eq!(
            places,
            [
                place("France", "Europe", Some("Western Europe")),
                place("Israel", "Middle East", None)
            ]
        );
        assert_eq!(
            milex.countries[1].1[&2023][3],
            Some(Value::Missing(Status::NotIndependent))
        );
        let skipped: Vec<String> = reading.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "f.xlsx: sheet \"Per capita\" cell A1: rows 1–2: title and notes above the header row, not data",
                "f.xlsx: sheet \"Per capita\" cell A10: note below the data: \"1) A footnote below the data.\"",
            ]
        );
    }

    #[test]
    fn header_cells_titles_and_values_are_read_as_sipri_writes_them() {
        let current = year_column(&Data::String("2023 (current prices)".into()), 37).unwrap();
        assert_eq!((current.year, current.current_prices), (2023, true));
        assert!(year_column(&Data::String("2023 release".into()), 1).is_none());
        assert!(year_column(&Data::Float(1988.5), 1).is_none());
        let titles = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let regional = titles(&[
            "Military expenditure by region in constant US dollars",
            "Figures are in US$ b., at constant 2022 prices",
        ]);
        assert_eq!(price_base_year(&regional), Some(2022));
        assert_eq!(regional_unit(&regional), Some(1000.0));
        assert_eq!(
            price_base_year(&titles(&["Constant (2023) US$"])),
            Some(2023)
        );
        assert_eq!(price_base_year(&titles(&["Current US$"])), None);
        assert_eq!(
            read_value(&Data::String("…".into())),
            Ok((
                Value::Missing(Status::NotAvailable),
                Some(Caveat::MarkerVariant)
            ))
        );
        assert_eq!(
            read_value(&Data::String(" 12.5 ".into())),
            Ok((Value::Number(12.5), Some(Caveat::NumberAsText)))
        );
        assert!(read_value(&Data::String("n/a".into())).is_err());
        assert!(read_value(&Data::Bool(true)).is_err());
    }
}
