//! Colours that readers with colour-vision deficiencies can tell apart, and that survive
//! printing in greyscale.

/// Viridis (van der Walt & Smith, matplotlib 2.0), at eleven even steps from dark purple to
/// yellow. Perceptually uniform and monotonic in lightness, so classes stay ordered for
/// deuteranopes, protanopes and tritanopes and in black-and-white print.
const VIRIDIS: [[u8; 3]; 11] = [
    [0x44, 0x01, 0x54],
    [0x48, 0x25, 0x76],
    [0x41, 0x44, 0x87],
    [0x35, 0x60, 0x8d],
    [0x2a, 0x78, 0x8e],
    [0x21, 0x90, 0x8c],
    [0x22, 0xa8, 0x84],
    [0x43, 0xbf, 0x71],
    [0x7a, 0xd1, 0x51],
    [0xbb, 0xdf, 0x27],
    [0xfd, 0xe7, 0x25],
];

/// Grey for countries without a value: outside viridis's hues, so "no data" never reads as
/// "low".
pub(crate) const NO_DATA: &str = "#d4d4d4";

/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), ordered so the
/// first series get the colours that contrast most with white; yellow, weakest on white,
/// comes last.
const OKABE_ITO: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442",
];

/// `count` map colours for classes from lowest to highest: reversed viridis, from light
/// yellow to dark purple, since readers take darker for more.
pub(crate) fn sequential(count: usize) -> Vec<String> {
    match count {
        0 => Vec::new(),
        1 => vec![viridis(0.5)],
        _ => (0..count)
            .map(|i| viridis(1.0 - i as f64 / (count - 1) as f64))
            .collect(),
    }
}

/// The colour of series `index`; past eight series the colours repeat.
pub(crate) fn categorical(index: usize) -> &'static str {
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// The fill of category `index` on a categorical map: Okabe–Ito in the charts' order without
/// its last colour, yellow, so blue #0072B2, orange #E69F00, bluish green #009E73, vermilion
/// #D55E00, sky blue #56B4E9, reddish purple #CC79A7 and black #000000; past seven categories
/// the colours repeat.
///
/// Yellow is left out because it is nearly as light as the no-data grey ([`NO_DATA`], contrast
/// 1.1:1), so in greyscale print or to a reader who tells colours apart mostly by lightness a
/// yellow country would pass for one without data. The others contrast with the grey by at
/// least 1.5:1 (WCAG relative luminance; orange and sky blue are the closest, and they differ
/// from the neutral grey in hue for every kind of colour-vision deficiency too).
pub(crate) fn category_fill(index: usize) -> &'static str {
    let fills = &OKABE_ITO[..OKABE_ITO.len() - 1];
    fills[index % fills.len()]
}

/// Viridis at `t` ∈ [0, 1], interpolated between the stops.
fn viridis(t: f64) -> String {
    let position = t.clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f64;
    // In 0..=9 by the clamp and `min`, so the cast is exact.
    let below = (position.floor() as usize).min(VIRIDIS.len() - 2);
    let fraction = position - below as f64;
    let (a, b) = (VIRIDIS[below], VIRIDIS[below + 1]);
    let channel = |i: usize| {
        let value = f64::from(a[i]) + (f64::from(b[i]) - f64::from(a[i])) * fraction;
        // Between two u8 values, so it fits.
        value.round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", channel(0), channel(1), channel(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance, to check the ramp gets darker.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn classes_darken_from_low_to_high() {
        let colours = sequential(5);
        assert_eq!(colours.first().unwrap(), "#fde725");
        assert_eq!(colours.last().unwrap(), "#440154");
        for pair in colours.windows(2) {
            assert!(luminance(&pair[0]) > luminance(&pair[1]), "{colours:?}");
        }
        assert_eq!(sequential(1), vec!["#21908c"]);
        assert!(sequential(0).is_empty());
    }

    #[test]
    fn no_data_is_not_a_class_colour() {
        for count in 1..10 {
            assert!(!sequential(count).contains(&NO_DATA.to_owned()));
        }
    }

    /// WCAG 2 contrast ratio of two colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let relative = |hex: &str| {
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if c <= 0.039_28 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
        };
        let (x, y) = (relative(a), relative(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn category_fills_stand_out_from_no_data() {
        let fills: Vec<&str> = (0..7).map(category_fill).collect();
        for (i, fill) in fills.iter().enumerate() {
            assert!(contrast(fill, NO_DATA) >= 1.5, "{fill}");
            assert!(!fills[..i].contains(fill), "{fill} twice");
        }
        assert!(contrast("#F0E442", NO_DATA) < 1.5, "why yellow is left out");
        assert!(!fills.contains(&"#F0E442"));
        assert_eq!(category_fill(0), categorical(0), "the charts' order");
        assert_eq!(category_fill(7), category_fill(0), "then they repeat");
        assert_eq!(category_fill(15), category_fill(1));
    }

    #[test]
    fn series_colours_cycle() {
        assert_eq!(categorical(0), "#0072B2");
        assert_eq!(categorical(8), categorical(0));
        assert_ne!(categorical(1), categorical(0));
    }
}
