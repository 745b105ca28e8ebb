//! Languages: English and French, from message catalogues (`messages/*.toml`), never from strings
//! scattered in the pages.

use std::collections::HashMap;
use std::sync::OnceLock;

use eirene_charts::Locale;

/// A language of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The ISO 639-1 code, as used in `?lang=` and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The other language, for the switcher.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    /// A code from `?lang=`, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The preferred language of an `Accept-Language` header (first of ours, by q-value).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim().to_ascii_lowercase();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                    .unwrap_or(1.0);
                let lang = Lang::from_code(tag.split('-').next()?)?;
                Some((q, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, lang)| *lang)
    }

    /// The number and date conventions of the language.
    pub fn locale(self) -> Locale {
        match self {
            Lang::En => Locale::En,
            Lang::Fr => Locale::Fr,
        }
    }

    /// The indicator catalogue's language.
    pub fn catalogue(self) -> eirene_indicators::Lang {
        match self {
            Lang::En => eirene_indicators::Lang::En,
            Lang::Fr => eirene_indicators::Lang::Fr,
        }
    }

    /// A message of the catalogue. A missing key is a bug the catalogue test catches; it shows
    /// as the key itself rather than failing a page.
    pub fn t(self, key: &str) -> &str {
        let catalogue = match self {
            Lang::En => catalogue(&EN, include_str!("../messages/en.toml")),
            Lang::Fr => catalogue(&FR, include_str!("../messages/fr.toml")),
        };
        catalogue.get(key).map_or(key, String::as_str)
    }

    /// A date as people write it: "3 February 2026", "3 février 2026".
    pub fn date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let months = match self {
            Lang::En => EN,
            Lang::Fr => FR,
        };
        format!(
            "{} {} {}",
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }

    /// A number with the language's separators.
    pub fn number(self, value: f64, decimals: usize) -> String {
        eirene_charts::format_number(value, decimals, self.locale())
    }
}

static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
static FR: OnceLock<HashMap<String, String>> = OnceLock::new();

fn catalogue(
    cell: &'static OnceLock<HashMap<String, String>>,
    text: &str,
) -> &'static HashMap<String, String> {
    cell.get_or_init(|| toml::from_str(text).expect("message catalogues are checked by the tests"))
}

/// Keys missing from either catalogue, for the test that keeps them in step.
pub fn catalogue_gaps() -> Vec<String> {
    let en = catalogue(&EN, include_str!("../messages/en.toml"));
    let fr = catalogue(&FR, include_str!("../messages/fr.toml"));
    let mut gaps: Vec<String> = en
        .keys()
        .filter(|k| !fr.contains_key(*k))
        .map(|k| format!("fr lacks {k}"))
        .chain(
            fr.keys()
                .filter(|k| !en.contains_key(*k))
                .map(|k| format!("en lacks {k}")),
        )
        .collect();
    gaps.sort();
    gaps
}
