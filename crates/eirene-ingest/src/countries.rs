//! The country reference: one row per country with every code and name the sources use.
//!
//! UCDP and the ACD key countries by Gleditsch–Ward code, ACLED and the world-atlas boundaries by
//! ISO 3166 numeric, UNHCR and the World Bank by ISO alpha-3, SIPRI by name. One crosswalk, built
//! by `tools/countries/build.py` and embedded here (`reference/country_reference.csv`, sources and gaps in
//! `reference/README.md`), lets every parser attach ISO alpha-3 to its rows ([`CountryIndex`]) and
//! lets SQL join any table to any other (the `countries` table).
//!
//! A user who disagrees with a mapping supplies a corrected copy of the file ([`parse`]); it goes
//! through the same reader and the same checks as the embedded one, so a correction cannot make a
//! lookup ambiguous.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, ListBuilder, StringArray, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;

use crate::csv_table::{ColumnSpec as C, Kind, Layout};
use crate::error::{IngestError, Location, Problem, Problems};
use crate::{Ingested, Table};

/// The reference as shipped, written by `tools/countries/build.py`.
const BUILTIN: &str = include_str!("../reference/country_reference.csv");

/// How errors in the embedded file name it.
const BUILTIN_NAME: &str = "reference/country_reference.csv";

/// The `countries` table, column for column the header of the reference file.
///
/// `aliases` is written `;`-separated in the file but stored as a `List<Utf8>` ([`schema`]):
/// [`Kind`] has no list-of-text type, so the layout declares it as text and [`schema`] gives the
/// stored type. Use [`schema`], not `COUNTRIES.schema()`, for the table's Arrow schema.
pub const COUNTRIES: Layout = Layout {
    table: "countries",
    what: "the Eirene country reference (reference/country_reference.csv)",
    columns: &[
        C::new("iso3", Kind::Text, "ISO 3166-1 alpha-3 (XKX for Kosovo)").not_null(),
        C::new("iso2", Kind::Text, "ISO 3166-1 alpha-2 (XK for Kosovo)").not_null(),
        C::new(
            "iso_numeric",
            Kind::Int32,
            "ISO 3166-1 numeric; null for Kosovo",
        ),
        C::new("name_en", Kind::Text, "ISO 3166-1 English short name").not_null(),
        C::new("name_fr", Kind::Text, "ISO 3166-1 French short name").not_null(),
        C::new("m49_region", Kind::Text, "UN M49 region"),
        C::new("m49_subregion", Kind::Text, "UN M49 sub-region"),
        C::new(
            "gw_code",
            Kind::Int32,
            "Gleditsch-Ward state code (Serbia is 340; UCDP writes 345)",
        ),
        C::new("cow_code", Kind::Int32, "Correlates of War state code"),
        C::new("sipri_name", Kind::Text, "Name as SIPRI prints it"),
        C::new("sipri_region", Kind::Text, "SIPRI region"),
        C::new("sipri_subregion", Kind::Text, "SIPRI sub-region"),
        C::new(
            "ucdp_region",
            Kind::Text,
            "UCDP region (Africa, Americas, Asia, Europe, Middle East), from gw_code",
        ),
        C::new(
            "aliases",
            Kind::Text,
            "Other names sources print, a list: array_has(aliases, 'Ivory Coast'), unnest(aliases)",
        )
        .not_null(),
    ],
};

/// The header, exactly: the file is ours, so a different header means a different file.
const COLUMNS: [&str; 14] = {
    assert!(COUNTRIES.columns.len() == 14);
    let mut names = [""; 14];
    let mut i = 0;
    while i < names.len() {
        names[i] = COUNTRIES.columns[i].name;
        i += 1;
    }
    names
};

/// 0-based positions of the columns the checks and the index refer to.
const ISO3: usize = 0;
const ISO2: usize = 1;
const ISO_NUMERIC: usize = 2;
const NAME_EN: usize = 3;
const NAME_FR: usize = 4;
const GW_CODE: usize = 7;
const COW_CODE: usize = 8;
const SIPRI_NAME: usize = 9;
const UCDP_REGION: usize = 12;
const ALIASES: usize = 13;

/// UCDP's region names, as GED's `region` column spells them (METHODS.md §2).
const UCDP_REGIONS: [&str; 5] = ["Africa", "Americas", "Asia", "Europe", "Middle East"];

/// Gleditsch–Ward codes UCDP keeps for a successor state after GW changed them. GW codes Serbia
/// 340 from 2006 (the table follows GW); UCDP writes Serbia as "Serbia (Yugoslavia)", 345, to this
/// day. Consulted only when no row of the reference carries the code.
const UCDP_SUCCESSOR_CODES: [(i32, &str); 1] = [(345, "SRB")];

/// One validated row of the reference.
struct Country {
    /// Line in the file, for problems found when rows are compared.
    line: u64,
    /// Every field as written (trimmed; empty is `None`), indexed like [`COLUMNS`].
    text: Vec<Option<String>>,
    iso_numeric: Option<i32>,
    gw_code: Option<i32>,
    cow_code: Option<i32>,
    aliases: Vec<String>,
}

impl Country {
    fn text(&self, column: usize) -> Option<&str> {
        self.text[column].as_deref()
    }

    /// Every name a source may print for this country: the lookup keys of [`CountryIndex::by_name`].
    fn names(&self) -> impl Iterator<Item = (usize, &str)> {
        [NAME_EN, NAME_FR, SIPRI_NAME]
            .into_iter()
            .filter_map(|c| self.text(c).map(|name| (c, name)))
            .chain(self.aliases.iter().map(|a| (ALIASES, a.as_str())))
    }
}

/// The embedded reference as the `countries` table.
pub fn builtin() -> Result<Ingested, IngestError> {
    parse_str(BUILTIN, BUILTIN_NAME)
}

/// A user-supplied reference in the same layout, e.g. a corrected copy of the embedded one.
pub fn parse(path: &Path, display: &str) -> Result<Ingested, IngestError> {
    parse_str(&read_text(path, display)?, display)
}

/// Reads reference text; `display` names it in errors.
pub fn parse_str(text: &str, display: &str) -> Result<Ingested, IngestError> {
    let (countries, _) = read(text, display)?;
    Ok(Ingested {
        tables: vec![table(&countries)],
        ..Ingested::default()
    })
}

/// Finds a country's ISO alpha-3 code from the code or name another source uses.
///
/// Built from the same reference as the `countries` table, so a parser and a SQL join agree.
#[derive(Debug)]
pub struct CountryIndex {
    iso3: Vec<String>,
    /// English and French names, by row.
    names: Vec<(String, String)>,
    by_gw: HashMap<i32, usize>,
    by_numeric: HashMap<i32, usize>,
    by_name: HashMap<String, usize>,
}

impl CountryIndex {
    /// The index of the embedded reference.
    pub fn builtin() -> Result<Self, IngestError> {
        read(BUILTIN, BUILTIN_NAME).map(|(_, index)| index)
    }

    /// The index of a user-supplied reference (see [`parse`]).
    pub fn parse(path: &Path, display: &str) -> Result<Self, IngestError> {
        read(&read_text(path, display)?, display).map(|(_, index)| index)
    }

    /// Whether an ISO alpha-3 code is in the reference.
    pub fn knows(&self, iso3: &str) -> bool {
        self.iso3.iter().any(|code| code == iso3)
    }

    /// The reference's English or French name of an ISO alpha-3 code.
    pub fn name(&self, iso3: &str, french: bool) -> Option<&str> {
        let row = self.iso3.iter().position(|code| code == iso3)?;
        let (en, fr) = &self.names[row];
        Some(if french { fr } else { en })
    }

    /// ISO alpha-3 of a Gleditsch–Ward code, as UCDP's `country_id` and `gwno_*` columns hold.
    pub fn by_gw(&self, code: i32) -> Option<&str> {
        match self.by_gw.get(&code) {
            Some(&row) => Some(&self.iso3[row]),
            None => UCDP_SUCCESSOR_CODES
                .iter()
                .find(|(successor, _)| *successor == code)
                .and_then(|(_, iso3)| self.iso3.iter().find(|i| i == iso3))
                .map(String::as_str),
        }
    }

    /// ISO alpha-3 of an ISO 3166 numeric code (ACLED's `iso`, world-atlas ids).
    pub fn by_numeric(&self, code: i32) -> Option<&str> {
        self.by_numeric
            .get(&code)
            .map(|&row| self.iso3[row].as_str())
    }

    /// ISO alpha-3 of a country name in English or French, SIPRI's spelling or any alias
    /// ("Myanmar (Burma)", "Ivory Coast"). Case, accents and punctuation do not matter.
    pub fn by_name(&self, name: &str) -> Option<&str> {
        self.by_name
            .get(&fold(name))
            .map(|&row| self.iso3[row].as_str())
    }

    /// Indexes the rows, reporting every code or name that two rows claim.
    fn build(countries: &[Country], display: &str, problems: &mut Problems) -> Self {
        let mut index = CountryIndex {
            iso3: Vec::with_capacity(countries.len()),
            names: Vec::with_capacity(countries.len()),
            by_gw: HashMap::new(),
            by_numeric: HashMap::new(),
            by_name: HashMap::new(),
        };
        let mut by_iso3 = HashMap::new();
        let mut by_iso2 = HashMap::new();
        for (row, country) in countries.iter().enumerate() {
            let mut claim = Claim {
                countries,
                row,
                display,
                problems,
            };
            claim.key(&mut by_iso3, country.text(ISO3), ISO3);
            claim.key(&mut by_iso2, country.text(ISO2), ISO2);
            claim.key(&mut index.by_numeric, country.iso_numeric, ISO_NUMERIC);
            claim.key(&mut index.by_gw, country.gw_code, GW_CODE);
            for (column, name) in country.names() {
                let key = Some(fold(name)).filter(|k| !k.is_empty());
                claim.key(&mut index.by_name, key, column);
            }
            index
                .iso3
                .push(country.text(ISO3).unwrap_or_default().to_owned());
            let name = |column| country.text(column).unwrap_or_default().to_owned();
            index.names.push((name(NAME_EN), name(NAME_FR)));
        }
        index
    }
}

/// One row claiming its keys in the index maps.
struct Claim<'a> {
    countries: &'a [Country],
    row: usize,
    display: &'a str,
    problems: &'a mut Problems,
}

impl Claim<'_> {
    /// Maps `key` to this row, or reports the row that already holds it.
    fn key<K>(&mut self, map: &mut HashMap<K, usize>, key: Option<K>, column: usize)
    where
        K: std::hash::Hash + Eq + std::fmt::Display,
    {
        let Some(key) = key else { return };
        if let Some(&other) = map.get(&key) {
            if other != self.row {
                let first = &self.countries[other];
                let here = &self.countries[self.row];
                self.problems.push(Problem::new(
                    at(self.display, here.line, column),
                    format!(
                        "`{key}` is already used by {} on line {}: lookups would be ambiguous",
                        first.text(ISO3).unwrap_or("?"),
                        first.line
                    ),
                ));
            }
            return;
        }
        map.insert(key, self.row);
    }
}

/// Reads and checks the whole file, listing every problem before failing.
fn read(text: &str, display: &str) -> Result<(Vec<Country>, CountryIndex), IngestError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = next_record(&mut records, display)?
        .ok_or_else(|| format_error(Location::file(display), "the file is empty"))?;
    check_header(&header, display)?;
    let mut problems = Problems::default();
    let mut countries = Vec::new();
    while let Some(record) = next_record(&mut records, display)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != COLUMNS.len() {
            problems.push(Problem::new(
                Location::line(display, line),
                format!(
                    "the row has {} fields; the header has {}",
                    record.len(),
                    COLUMNS.len()
                ),
            ));
            continue;
        }
        countries.push(read_row(&record, line, display, &mut problems));
    }
    let index = CountryIndex::build(&countries, display, &mut problems);
    problems.into_result(display)?;
    Ok((countries, index))
}

fn next_record(
    records: &mut csv::StringRecordsIter<&[u8]>,
    display: &str,
) -> Result<Option<csv::StringRecord>, IngestError> {
    records.next().transpose().map_err(|e| {
        let line = e.position().map_or(0, |p| p.line());
        format_error(
            Location::line(display, line),
            format!("unreadable CSV: {e}"),
        )
    })
}

/// The header must be [`COLUMNS`], in order: anything else is not this reference.
fn check_header(header: &csv::StringRecord, display: &str) -> Result<(), IngestError> {
    let found: Vec<&str> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim())
        .collect();
    if found == COLUMNS {
        return Ok(());
    }
    let mismatch = (0..COLUMNS.len().max(found.len()))
        .find(|&i| found.get(i) != COLUMNS.get(i))
        .unwrap_or(0);
    let name = found.get(mismatch).copied().unwrap_or("(none)");
    Err(format_error(
        Location::line(display, 1).with_column(mismatch + 1, name),
        format!("expected the header `{}`", COLUMNS.join(",")),
    ))
}

/// Reads one row, pushing a problem for every value that does not fit.
fn read_row(
    record: &csv::StringRecord,
    line: u64,
    display: &str,
    problems: &mut Problems,
) -> Country {
    let text: Vec<Option<String>> = record
        .iter()
        .map(|v| Some(v.trim()).filter(|v| !v.is_empty()).map(str::to_owned))
        .collect();
    let mut check = |column: usize, result: Result<(), String>| {
        if let Err(reason) = result {
            problems.push(Problem::new(at(display, line, column), reason));
        }
    };
    check(ISO3, letters(text[ISO3].as_deref(), 3));
    check(ISO2, letters(text[ISO2].as_deref(), 2));
    check(NAME_EN, required(text[NAME_EN].as_deref()));
    check(NAME_FR, required(text[NAME_FR].as_deref()));
    check(UCDP_REGION, ucdp_region(text[UCDP_REGION].as_deref()));
    let mut code = |column: usize| match code(text[column].as_deref()) {
        Ok(value) => value,
        Err(reason) => {
            check(column, Err(reason));
            None
        }
    };
    let (iso_numeric, gw_code, cow_code) = (code(ISO_NUMERIC), code(GW_CODE), code(COW_CODE));
    let aliases = text[ALIASES]
        .iter()
        .flat_map(|a| a.split(';'))
        .map(str::trim);
    let aliases = aliases
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    Country {
        line,
        text,
        iso_numeric,
        gw_code,
        cow_code,
        aliases,
    }
}

/// `n` upper-case ASCII letters, as ISO 3166-1 alpha codes are written.
fn letters(value: Option<&str>, n: usize) -> Result<(), String> {
    match value {
        Some(v) if v.len() == n && v.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
        Some(v) => Err(format!("`{v}` is not {n} upper-case letters")),
        None => Err("a value is required".into()),
    }
}

fn required(value: Option<&str>) -> Result<(), String> {
    value.map(drop).ok_or_else(|| "a value is required".into())
}

fn ucdp_region(value: Option<&str>) -> Result<(), String> {
    match value {
        Some(v) if !UCDP_REGIONS.contains(&v) => Err(format!(
            "`{v}` is not a UCDP region ({})",
            UCDP_REGIONS.join(", ")
        )),
        _ => Ok(()),
    }
}

/// An optional country code: ISO 3166 numeric, Gleditsch–Ward and COW codes all lie in 1..=999.
fn code(value: Option<&str>) -> Result<Option<i32>, String> {
    let Some(v) = value else { return Ok(None) };
    match v.parse::<i32>() {
        Ok(n) if (1..=999).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "`{v}` is not a country code (a whole number from 1 to 999)"
        )),
    }
}

fn at(display: &str, line: u64, column: usize) -> Location {
    Location::line(display, line).with_column(column + 1, COLUMNS[column])
}

fn format_error(location: Location, reason: impl Into<String>) -> IngestError {
    IngestError::format(location, reason)
}

fn read_text(path: &Path, display: &str) -> Result<String, IngestError> {
    let bytes = std::fs::read(path).map_err(|source| IngestError::Io {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        format_error(
            Location::file(display),
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The `countries` table.
///
/// `aliases` is a `List<Utf8>` rather than a `;`-joined string: in DataFusion
/// `array_has(aliases, 'Ivory Coast')` matches a whole name and `unnest(aliases)` gives a
/// name-to-ISO3 join table, where a joined string would need `LIKE` patterns that also match
/// inside other names.
fn table(countries: &[Country]) -> Table {
    let arrays: Vec<ArrayRef> = (0..COLUMNS.len())
        .map(|i| match i {
            ISO_NUMERIC => int_column(countries, |c| c.iso_numeric),
            GW_CODE => int_column(countries, |c| c.gw_code),
            COW_CODE => int_column(countries, |c| c.cow_code),
            ALIASES => alias_column(countries),
            _ => Arc::new(StringArray::from_iter(countries.iter().map(|c| c.text(i)))) as ArrayRef,
        })
        .collect();
    let batch = RecordBatch::try_new(schema(), arrays).expect("columns follow the layout");
    Table {
        name: COUNTRIES.table,
        batches: vec![batch],
    }
}

/// The Arrow schema of the `countries` table: [`COUNTRIES`], with `aliases` as a `List<Utf8>`.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = COUNTRIES
        .schema()
        .fields()
        .iter()
        .enumerate()
        .map(|(i, field)| match i {
            ALIASES => field
                .as_ref()
                .clone()
                .with_data_type(DataType::List(Arc::new(alias_item()))),
            _ => field.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The item field of `aliases`: a name is never null.
fn alias_item() -> Field {
    Field::new("item", DataType::Utf8, false)
}

fn int_column(countries: &[Country], value: impl Fn(&Country) -> Option<i32>) -> ArrayRef {
    Arc::new(Int32Array::from_iter(countries.iter().map(value)))
}

fn alias_column(countries: &[Country]) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new()).with_field(alias_item());
    for country in countries {
        for alias in &country.aliases {
            builder.values().append_value(alias);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// The matching key of a name: lower case, accents dropped, any run of punctuation or spaces as
/// one space ("Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d Ivoire" meet). `tools/countries/build.py`
/// folds the same way when it checks that no alias names two countries.
fn fold(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let letters = name.chars().flat_map(char::to_lowercase).flat_map(|c| {
        let (first, second) = unaccent(c);
        std::iter::once(first).chain(second)
    });
    for c in letters {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with(' ') {
            key.push(' ');
        }
    }
    key.truncate(key.trim_end().len());
    key
}

/// The base letter(s) of a lower-case Latin letter with the accents country names use (Latin-1
/// and Latin Extended-A); any other character is returned as it is.
fn unaccent(c: char) -> (char, Option<char>) {
    let base = match c {
        'ß' => return ('s', Some('s')),
        'æ' => return ('a', Some('e')),
        'œ' => return ('o', Some('e')),
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    };
    (base, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::io::Read;
    use std::path::PathBuf;

    use arrow::array::{Array, AsArray};
    use arrow::datatypes::Int32Type;

    /// The shared test data (`../shared/data` beside the workspace), or `EIRENE_SHARED_DATA`.
    fn shared_data(relative: &str) -> PathBuf {
        let root = std::env::var_os("EIRENE_SHARED_DATA").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
            PathBuf::from,
        );
        let path = root.join(relative);
        assert!(
            path.exists(),
            "{} is missing: set EIRENE_SHARED_DATA",
            path.display()
        );
        path
    }

    fn index() -> CountryIndex {
        CountryIndex::builtin().expect("the embedded reference is valid")
    }

    /// `column` of the row whose iso3 is `iso3`.
    fn value(iso3: &str, column: &str) -> String {
        let ingested = builtin().unwrap();
        let batch = &ingested.tables[0].batches[0];
        let codes = batch.column_by_name("iso3").unwrap().as_string::<i32>();
        let row = (0..batch.num_rows())
            .find(|&r| codes.value(r) == iso3)
            .unwrap();
        batch
            .column_by_name(column)
            .unwrap()
            .as_string::<i32>()
            .value(row)
            .to_owned()
    }

    /// Every (country, country_id) pair of a GED file.
    fn ged_countries(path: &Path) -> HashSet<(String, i32)> {
        let mut text = String::new();
        crate::input::open_text(path, "ged")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (name, id) = (column("country"), column("country_id"));
        reader
            .records()
            .map(|r| r.unwrap())
            .map(|r| (r[name].to_owned(), r[id].parse().unwrap()))
            .collect()
    }

    /// A copy of the embedded reference with `edit` applied to its text.
    fn edited(edit: impl Fn(&str) -> String) -> Result<Ingested, IngestError> {
        parse_str(&edit(BUILTIN), "countries.csv")
    }

    fn problems(err: IngestError) -> Vec<String> {
        err.messages()
    }

    #[test]
    fn builtin_has_every_iso_3166_entry_plus_kosovo_once() {
        let ingested = builtin().unwrap();
        let table = &ingested.tables[0];
        assert_eq!((table.name, table.num_rows()), ("countries", 250));
        let batch = &table.batches[0];
        let numeric = batch
            .column_by_name("iso_numeric")
            .unwrap()
            .as_primitive::<Int32Type>();
        assert_eq!(
            numeric.len() - numeric.null_count(),
            249,
            "249 ISO 3166-1 entries have a numeric code"
        );
        let codes = batch.column_by_name("iso3").unwrap().as_string::<i32>();
        let unique: HashSet<&str> = codes.iter().flatten().collect();
        assert_eq!(unique.len(), 250);
        assert!(unique.contains("XKX"));
        let aliases = batch.column_by_name("aliases").unwrap();
        assert!(
            matches!(aliases.data_type(), DataType::List(item) if item.data_type() == &DataType::Utf8)
        );
    }

    #[test]
    fn french_names_come_from_iso_3166() {
        assert_eq!(value("FRA", "name_fr"), "France");
        assert_eq!(value("DEU", "name_fr"), "Allemagne");
        assert_eq!(value("CIV", "name_fr"), "Côte d'Ivoire");
    }

    #[test]
    fn names_match_whatever_the_spelling() {
        let index = index();
        for name in [
            "Côte d'Ivoire",
            "Ivory Coast",
            "Cote d'Ivoire",
            "CÔTE D’IVOIRE",
            "cote d ivoire",
        ] {
            assert_eq!(index.by_name(name), Some("CIV"), "{name}");
        }
        for name in ["Türkiye", "Turkey", "turkiye", "Turquie"] {
            assert_eq!(index.by_name(name), Some("TUR"), "{name}");
        }
        assert_eq!(index.by_name("Holy See"), Some("VAT"));
        assert_eq!(index.by_name("Allemagne"), Some("DEU"));
        assert_eq!(index.by_name("Atlantis"), None);
    }

    #[test]
    fn gleditsch_ward_and_numeric_codes_resolve() {
        let index = index();
        let cases = [
            (260, "DEU"),
            (678, "YEM"),
            (775, "MMR"),
            (70, "MEX"),
            (816, "VNM"),
            (347, "XKX"),
        ];
        for (code, iso3) in cases {
            assert_eq!(index.by_gw(code), Some(iso3), "GW {code}");
        }
        assert_eq!(index.by_gw(340), Some("SRB"), "Gleditsch-Ward's Serbia");
        assert_eq!(index.by_gw(345), Some("SRB"), "UCDP's Serbia (Yugoslavia)");
        assert_eq!(index.by_gw(265), None, "the GDR has no ISO code");
        assert_eq!(index.by_numeric(384), Some("CIV"));
        assert_eq!(index.by_numeric(4), Some("AFG"));
    }

    #[test]
    fn every_ged_country_resolves_by_name_and_by_gw_code() {
        let index = index();
        for file in [
            "ged_v23_1_sample1000.csv",
            "ged_v24_1_mexico.csv.gz",
            "ged_v24_1_myanmar.csv.gz",
        ] {
            for (name, gw) in ged_countries(&shared_data(&format!("ucdp/{file}"))) {
                let by_name = index.by_name(&name);
                assert!(
                    by_name.is_some(),
                    "{file}: GED country {name:?} has no ISO3"
                );
                assert_eq!(
                    index.by_gw(gw),
                    by_name,
                    "{file}: {name:?} has GW code {gw}"
                );
            }
        }
    }

    #[test]
    fn every_sipri_country_in_modern_use_resolves() {
        // Entities without an ISO 3166-1 code (listed in reference/README.md).
        let historical = [
            "Czechoslovakia",
            "German Democratic Republic",
            "USSR",
            "Yugoslavia",
            "Yemen, North",
            "European Union",
        ];
        let index = index();
        let mut reader =
            csv::Reader::from_path(shared_data("sipri/sipri_milex_1949_2023_long.csv")).unwrap();
        let names: HashSet<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
        assert_eq!(names.len(), 174);
        for name in names.iter().filter(|n| !historical.contains(&n.as_str())) {
            assert!(
                index.by_name(name).is_some(),
                "SIPRI country {name:?} has no ISO3"
            );
        }
    }

    #[test]
    fn malformed_rows_are_rejected_with_line_and_column() {
        // A bad code on the ALB row, and the DZA row relabelled as a second AFG.
        let text = BUILTIN
            .replacen("ALB,AL,", "Alb,AL,", 1)
            .replacen("DZA,DZ,", "AFG,DZ,", 1);
        let found = problems(parse_str(&text, "countries.csv").unwrap_err());
        let line = |iso3: &str| BUILTIN.lines().position(|l| l.starts_with(iso3)).unwrap() + 1;
        let bad = format!(
            "countries.csv:{}: column 1 (iso3): `Alb` is not 3 upper-case letters",
            line("ALB")
        );
        assert!(found.contains(&bad), "{found:?}");
        let duplicate = format!(
            "countries.csv:{}: column 1 (iso3): `AFG` is already used by AFG on line {}",
            line("DZA"),
            line("AFG")
        );
        assert!(found.iter().any(|p| p.starts_with(&duplicate)), "{found:?}");
    }

    #[test]
    fn codes_and_ambiguous_names_are_checked() {
        let found = problems(edited(|t| t.replacen("AFG,AF,4,", "AFG,AF,4x,", 1)).unwrap_err());
        assert!(
            found[0].ends_with(
                "column 3 (iso_numeric): `4x` is not a country code (a whole number from 1 to 999)"
            ),
            "{found:?}"
        );
        let found = problems(edited(|t| t.replacen(",700,700,", ",1700,700,", 1)).unwrap_err());
        assert!(found[0].contains("column 8 (gw_code): `1700`"), "{found:?}");
        let found = problems(
            edited(|t| t.replacen("Federal Republic of Germany", "Ivory Coast", 1)).unwrap_err(),
        );
        assert!(
            found[0].contains("column 14 (aliases): `ivory coast` is already used by CIV"),
            "{found:?}"
        );
        let found = problems(
            edited(|t| {
                t.replacen(
                    "Republic of Afghanistan",
                    "Republic of Afghanistan,extra",
                    1,
                )
            })
            .unwrap_err(),
        );
        assert!(
            found[0].ends_with("the row has 15 fields; the header has 14"),
            "{found:?}"
        );
    }

    #[test]
    fn a_different_header_is_a_format_error() {
        let err = edited(|t| t.replacen("gw_code", "gwno", 1)).unwrap_err();
        assert!(
            matches!(&err, IngestError::Format(p) if p.location.to_string() == "countries.csv:1: column 8 (gwno)"),
            "{err}"
        );
        let err = parse_str("", "countries.csv").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn a_user_file_corrects_the_reference() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("my-countries.csv");
        std::fs::write(
            &path,
            BUILTIN.replacen(
                "Federal Republic of Germany",
                "Federal Republic of Germany;Bundesrepublik",
                1,
            ),
        )
        .unwrap();
        assert_eq!(
            parse(&path, "my-countries.csv").unwrap().rows_accepted(),
            250
        );
        assert_eq!(
            CountryIndex::parse(&path, "my-countries.csv")
                .unwrap()
                .by_name("bundesrepublik"),
            Some("DEU")
        );
        let missing = parse(&dir.path().join("nope.csv"), "nope.csv").unwrap_err();
        assert!(matches!(missing, IngestError::Io { .. }));
    }
}
