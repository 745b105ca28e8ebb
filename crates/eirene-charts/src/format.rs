//! Numbers as readers of each language expect them.

/// Output language conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    /// English: "1,234,567.8".
    En,
    /// French: "1 234 567,8", with a narrow no-break space (U+202F) between thousands, as the
    /// Imprimerie nationale's rules and the CLDR `fr` locale write them.
    Fr,
}

impl Locale {
    fn thousands_separator(self) -> &'static str {
        match self {
            Locale::En => ",",
            Locale::Fr => "\u{202F}",
        }
    }

    fn decimal_mark(self) -> char {
        match self {
            Locale::En => '.',
            Locale::Fr => ',',
        }
    }

    /// Picks the text for this locale: the few words the crate writes itself (notes,
    /// descriptions) come in both languages.
    pub(crate) fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }
}

/// Formats a number for reading: En "1,234,567.8", Fr "1 234 567,8" (narrow no-break space
/// U+202F as thousands separator, comma decimal). `decimals` digits after the point.
///
/// Halves round away from zero (2.5 → "3"), as readers round, not to even as `{:.0}` would. A
/// value that rounds to zero has no minus sign ("-0.01" at one decimal is "0.0"). The minus is
/// the ASCII hyphen-minus in both locales, so copied figures paste into spreadsheets. Non-finite
/// values, which no indicator should produce, read "—" (NaN) or "∞".
pub fn format_number(value: f64, decimals: usize, locale: Locale) -> String {
    format_with(value, decimals, locale, true)
}

/// Like [`format_number`] without thousands separators: years ("2024", never "2,024") and
/// other labels that are identifiers more than quantities.
pub(crate) fn format_plain(value: f64, decimals: usize, locale: Locale) -> String {
    format_with(value, decimals, locale, false)
}

fn format_with(value: f64, decimals: usize, locale: Locale, grouped: bool) -> String {
    if !value.is_finite() {
        return non_finite(value);
    }
    let digits = rounded_digits(value.abs(), decimals);
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let negative = value < 0.0 && digits.bytes().any(|b| matches!(b, b'1'..=b'9'));
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if grouped {
        out.push_str(&group_thousands(whole, locale.thousands_separator()));
    } else {
        out.push_str(whole);
    }
    if !fraction.is_empty() {
        out.push(locale.decimal_mark());
        out.push_str(fraction);
    }
    out
}

fn non_finite(value: f64) -> String {
    match value {
        v if v.is_nan() => "—".to_owned(),
        v if v > 0.0 => "∞".to_owned(),
        _ => "-∞".to_owned(),
    }
}

/// `magnitude` (not negative) with `decimals` digits, halves away from zero. Rounding first
/// and then printing the nearest double of the rounded value gives its exact digits; past
/// 10^15 there are no fractional digits left to round, so the value is printed as it is.
fn rounded_digits(magnitude: f64, decimals: usize) -> String {
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(i32::MAX));
    let scaled = magnitude * factor;
    if scaled.is_finite() && scaled < 1e15 {
        format!("{:.*}", decimals, scaled.round() / factor)
    } else {
        format!("{magnitude:.decimals$}")
    }
}

/// "1234567" → "1,234,567" with `separator`.
fn group_thousands(whole: &str, separator: &str) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 * separator.len());
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// Digits after the point that show `values` to three significant figures at their largest
/// magnitude, or none when they are all whole numbers (counts of deaths, of states).
pub(crate) fn decimals_for(values: &[f64]) -> usize {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    if finite.clone().all(|v| v.fract() == 0.0) {
        return 0;
    }
    let largest = finite.fold(0.0f64, |m, v| m.max(v.abs()));
    let order = largest.log10().floor();
    // Between 0 and 6 by the clamp, so the cast is exact.
    (2.0 - order).clamp(0.0, 6.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_groups_with_commas() {
        assert_eq!(format_number(1_234_567.8, 1, Locale::En), "1,234,567.8");
        assert_eq!(format_number(999.0, 0, Locale::En), "999");
        assert_eq!(format_number(1000.0, 0, Locale::En), "1,000");
        assert_eq!(format_number(0.5, 2, Locale::En), "0.50");
    }

    #[test]
    fn french_groups_with_narrow_no_break_spaces() {
        assert_eq!(
            format_number(1_234_567.8, 1, Locale::Fr),
            "1\u{202F}234\u{202F}567,8"
        );
        assert_eq!(format_number(1234.0, 0, Locale::Fr), "1\u{202F}234");
        assert_eq!(format_number(3.25, 2, Locale::Fr), "3,25");
    }

    #[test]
    fn negative_numbers() {
        assert_eq!(format_number(-1234.5, 1, Locale::En), "-1,234.5");
        assert_eq!(format_number(-1234.5, 1, Locale::Fr), "-1\u{202F}234,5");
        assert_eq!(format_number(-123.0, 0, Locale::En), "-123");
        assert_eq!(format_number(-123_456.0, 0, Locale::En), "-123,456");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(format_number(2.5, 0, Locale::En), "3");
        assert_eq!(format_number(-2.5, 0, Locale::En), "-3");
        assert_eq!(format_number(0.125, 2, Locale::En), "0.13");
        assert_eq!(format_number(1.96, 1, Locale::En), "2.0");
        assert_eq!(format_number(999.96, 1, Locale::En), "1,000.0");
        assert_eq!(format_number(999_999.5, 0, Locale::En), "1,000,000");
    }

    #[test]
    fn zero_decimals_and_negative_zero() {
        assert_eq!(format_number(1234.4, 0, Locale::En), "1,234");
        assert_eq!(format_number(0.0, 0, Locale::En), "0");
        assert_eq!(format_number(-0.0, 1, Locale::En), "0.0");
        assert_eq!(format_number(-0.04, 1, Locale::Fr), "0,0");
    }

    #[test]
    fn non_finite_values_do_not_pretend_to_be_numbers() {
        assert_eq!(format_number(f64::NAN, 1, Locale::En), "—");
        assert_eq!(format_number(f64::INFINITY, 0, Locale::En), "∞");
        assert_eq!(format_number(f64::NEG_INFINITY, 0, Locale::Fr), "-∞");
    }

    #[test]
    fn huge_values_keep_their_digits() {
        assert_eq!(
            format_number(1e18, 0, Locale::En),
            "1,000,000,000,000,000,000"
        );
    }

    #[test]
    fn years_have_no_separator() {
        assert_eq!(format_plain(2024.0, 0, Locale::En), "2024");
        assert_eq!(format_plain(2024.0, 0, Locale::Fr), "2024");
        assert_eq!(format_plain(1234.5, 1, Locale::Fr), "1234,5");
    }

    #[test]
    fn decimals_follow_the_data() {
        assert_eq!(decimals_for(&[0.0, 12.0, 40_000.0]), 0);
        assert_eq!(decimals_for(&[1.5, 3.25]), 2);
        assert_eq!(decimals_for(&[12.5, 80.1]), 1);
        assert_eq!(decimals_for(&[0.5, 1234.5]), 0);
        assert_eq!(decimals_for(&[0.012, 0.05]), 4);
        assert_eq!(decimals_for(&[]), 0);
    }
}
