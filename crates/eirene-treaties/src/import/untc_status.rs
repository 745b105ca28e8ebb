//! A UN Treaty Collection status table, as the treaty's page publishes it and a spreadsheet saves
//! it: `Participant`, `Signature`, and `Ratification, Acceptance(A), Approval(AA), Accession(a),
//! Succession(d)` (or, for texts joined by consent alone, `Consent to be bound`), with dates such
//! as `2 Dec 2022 a` and footnote numbers after names and dates (`Netherlands (Kingdom of the)5`).
//!
//! Withdrawals appear in the page's footnotes only, as prose, so they are not read here: record
//! them with `eirene treaties record` or an Eirene CSV.

use chrono::NaiveDate;

use eirene_ingest::error::Location;

use crate::action::{Action, ActionKind};
use crate::import::{Rows, Table};
use crate::registry::Treaty;

/// A name or header without the footnote numbers UNTC appends to it ("Austria 3", "Serbia4, 5").
pub(super) fn strip_footnotes(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c.is_whitespace())
}

pub(super) fn read(rows: &mut Rows<'_>, table: &Table, treaty: &Treaty, out: &mut Vec<Action>) {
    // Participant first; then the signature column and the consent column, wherever they are.
    let signature = table
        .header
        .iter()
        .position(|h| strip_footnotes(h).eq_ignore_ascii_case("signature"));
    let consent = table.header.iter().position(|h| {
        let h = h.to_ascii_lowercase();
        h.starts_with("ratification") || h.contains("accession") || h.starts_with("consent")
    });
    let Some(consent) = consent else {
        let reason = "no consent column: expected a header such as \"Ratification, Acceptance(A), \
                      Approval(AA), Accession(a), Succession(d)\" or \"Consent to be bound\"";
        rows.reject(Location::line(rows.file, 1), reason);
        return;
    };
    for (line, record) in &table.records {
        let line = *line;
        let Some(state) = rows.state(strip_footnotes(Rows::cell(record, 0)), line, 0) else {
            continue;
        };
        let mut found = Vec::new();
        if let Some(column) = signature {
            match parse_cell(Rows::cell(record, column)) {
                Ok(None) => {}
                Ok(Some((date, None))) => found.push((ActionKind::Signature, date)),
                Ok(Some((_, Some(suffix)))) => {
                    let reason = format!("a signature has no suffix, found {suffix:?}");
                    rows.reject(rows.at(line, column), reason);
                }
                Err(reason) => rows.reject(rows.at(line, column), reason),
            }
        }
        match parse_cell(Rows::cell(record, consent)) {
            Ok(None) => {}
            Ok(Some((date, suffix))) => match consent_kind(suffix, treaty) {
                Ok(kind) => found.push((kind, date)),
                Err(reason) => rows.reject(rows.at(line, consent), reason),
            },
            Err(reason) => rows.reject(rows.at(line, consent), reason),
        }
        for (kind, deposited) in found {
            let action = rows.plain_action(&state, treaty, kind, deposited, line);
            rows.keep(action, line, out);
        }
    }
}

/// A date cell: empty, or `d Mon yyyy` then an optional action suffix and footnote numbers.
fn parse_cell(text: &str) -> Result<Option<(NaiveDate, Option<&str>)>, String> {
    let mut tokens = text.split_whitespace();
    let date: Vec<&str> = tokens.by_ref().take(3).collect();
    if date.is_empty() {
        return Ok(None);
    }
    let joined = date.join(" ");
    let parsed = NaiveDate::parse_from_str(&joined, "%d %b %Y")
        .or_else(|_| NaiveDate::parse_from_str(&joined, "%d %B %Y"))
        .map_err(|_| format!("bad date {text:?}: expected a UNTC date such as \"2 Dec 2022\""))?;
    let mut suffix = None;
    for token in tokens {
        let token = token.trim_matches(',');
        if token.bytes().all(|b| b.is_ascii_digit()) {
            continue; // a footnote marker
        }
        if suffix.replace(token).is_some() {
            return Err(format!("more than one suffix in {text:?}"));
        }
    }
    Ok(Some((parsed, suffix)))
}

/// The action a UNTC suffix stands for; no suffix is a ratification, or a consent to be bound
/// for texts that were never open for signature.
fn consent_kind(suffix: Option<&str>, treaty: &Treaty) -> Result<ActionKind, String> {
    Ok(match suffix {
        None if treaty.opened_for_signature.is_none() => ActionKind::Consent,
        None => ActionKind::Ratification,
        Some("A") => ActionKind::Acceptance,
        Some("AA") => ActionKind::Approval,
        Some("a") => ActionKind::Accession,
        Some("d") => ActionKind::Succession,
        Some(other) => {
            return Err(format!(
                "unknown action suffix {other:?}: UNTC uses A (acceptance), AA (approval), \
                 a (accession), d (succession)"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn cells_with_suffixes_and_footnotes() {
        assert_eq!(parse_cell("").unwrap(), None);
        assert_eq!(
            parse_cell("2 Dec 2022 a").unwrap(),
            Some((date("2022-12-02"), Some("a")))
        );
        assert_eq!(
            parse_cell("24 Sep 1996 AA 7, 8").unwrap(),
            Some((date("1996-09-24"), Some("AA")))
        );
        assert_eq!(
            parse_cell("10 April 1972").unwrap(),
            Some((date("1972-04-10"), None))
        );
        assert!(parse_cell("31 Feb 2020").unwrap_err().contains("bad date"));
        assert!(
            parse_cell("2 Dec 2022 a d")
                .unwrap_err()
                .contains("more than one")
        );
    }

    #[test]
    fn footnotes_are_stripped_from_names() {
        assert_eq!(
            strip_footnotes("Netherlands (Kingdom of the)5, 6"),
            "Netherlands (Kingdom of the)"
        );
        assert_eq!(strip_footnotes("Austria 3"), "Austria");
        assert_eq!(strip_footnotes("Participant"), "Participant");
    }
}
