//! The indicator reference (docs/INDICATORS.md), generated from the catalogue so that the
//! documentation cannot drift from what runs.

use std::fmt::Write;

use eirene_sources::catalogue as sources;

use crate::{Indicator, catalogue};

/// The Markdown reference of every indicator, in English and French.
pub fn markdown() -> String {
    let mut doc = String::from(
        "# Indicators\n\n\
         Generated from the indicator catalogue (`crates/eirene-indicators`); do not edit by hand.\n\
         Regenerate with `EIRENE_BLESS=1 cargo test -p eirene-cli --test it indicator_reference`.\n\n\
         Every indicator is a SQL query over the evidence store (see [TABLES.md](TABLES.md)).\n\
         `eirene indicators show ID` runs it for the current vintages, with an optional selection\n\
         (`--country ISO3`, `--region NAME`, `--year Y` or `--from Y --to Y`) that only adds a `WHERE`;\n\
         `eirene indicators explain ID` prints this entry.\n\n",
    );
    for indicator in catalogue() {
        entry(&mut doc, indicator);
    }
    doc
}

fn entry(doc: &mut String, i: &Indicator) {
    let sources: Vec<String> = i
        .sources
        .iter()
        .map(|&id| format!("`{id}` ({})", sources::source(id).title))
        .collect();
    let selections = match (i.by_country, i.by_region) {
        (true, true) => "year, country, region",
        (true, false) => "year, country",
        (false, true) => "year, region",
        (false, false) => "year",
    };
    // Writing to a String cannot fail.
    let _ = write!(
        doc,
        "## `{id}` — {name_en}\n\n*{name_fr}*\n\n{def_en}\n\n> {def_fr}\n\n\
         - **Unit**: {unit_en} / {unit_fr}\n- **Sources**: {sources}\n- **Selections**: {selections}\n\
         - **Order**: `{order}`\n\n**Caveats.** {cav_en}\n\n> **Mises en garde.** {cav_fr}\n\n\
         ```sql\n{sql}\n```\n\n",
        id = i.id,
        name_en = i.name.en,
        name_fr = i.name.fr,
        def_en = i.definition.en,
        def_fr = i.definition.fr,
        unit_en = i.unit.en,
        unit_fr = i.unit.fr,
        sources = sources.join(", "),
        order = i.order_by,
        cav_en = i.caveats.en,
        cav_fr = i.caveats.fr,
        sql = i.sql.trim(),
    );
}
