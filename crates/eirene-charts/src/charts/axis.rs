//! Scales and "nice" tick values.

/// Slack when dividing a bound by a step, so 0.3 / 0.1 = 2.9999999999999996 still counts as 3.
const SLACK: f64 = 1e-9;

/// Tick values, all multiples of `step`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    pub(crate) values: Vec<f64>,
    pub(crate) step: f64,
}

impl Ticks {
    /// Ticks at nice values covering [low, high] (low < high): the first at or below `low`,
    /// the last at or above `high`, about `target` intervals apart. For value axes, so the
    /// highest bar or line never leaves the grid.
    pub(crate) fn covering(low: f64, high: f64, target: usize) -> Ticks {
        let step = nice_step(high - low, target);
        let first = (low / step + SLACK).floor();
        let last = (high / step - SLACK).ceil();
        Ticks::from_range(first, last, step)
    }

    /// Ticks at nice values inside [low, high] (low < high), at least `min_step` apart: for the
    /// x axis, whose ends are the data's, and where years need whole steps.
    pub(crate) fn inside(low: f64, high: f64, target: usize, min_step: f64) -> Ticks {
        let step = nice_step(high - low, target).max(min_step);
        let first = (low / step - SLACK).ceil();
        let last = (high / step + SLACK).floor();
        Ticks::from_range(first, last, step)
    }

    /// Multiples `first..=last` of `step`, computed as products so errors do not accumulate.
    fn from_range(first: f64, last: f64, step: f64) -> Ticks {
        // Tick counts are small: the ratio of a span to a step near a tenth of it.
        let (first, last) = (first as i64, last as i64);
        Ticks {
            values: (first..=last).map(|i| i as f64 * step).collect(),
            step,
        }
    }

    /// Digits after the point that tell the ticks apart: none for steps of 1 or more, one for
    /// 0.5, 0.2 and 0.1, two for 0.05, and so on.
    pub(crate) fn decimals(&self) -> usize {
        if self.step >= 1.0 {
            0
        } else {
            // A step below 1 has a negative logarithm; its magnitude is a small count.
            (-self.step.log10().floor()) as usize
        }
    }
}

/// 1, 2 or 5 × 10^k giving about `target` intervals in `span` (span > 0): readers can
/// interpolate between round numbers, not between 3.7 and 7.4. The raw step is rounded to the
/// nearest nice one on a log scale (thresholds √2, √10, √50, as d3's `tickIncrement`), so the
/// count stays within a factor √2 of `target`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = span / target.max(1) as f64;
    // log10 of a finite positive f64 is within ±330.
    let magnitude = 10f64.powi(raw.log10().floor() as i32);
    let residual = raw / magnitude;
    let nice = if residual >= 50f64.sqrt() {
        10.0
    } else if residual >= 10f64.sqrt() {
        5.0
    } else if residual >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    nice * magnitude
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl Scale {
    /// Maps `domain` (two different values) onto `range`.
    pub(crate) fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale { domain, range }
    }

    /// The pixel for `value`.
    pub(crate) fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }

    /// Pixels per unit of data (negative on a y axis, which grows downwards).
    pub(crate) fn per_unit(&self) -> f64 {
        (self.range.1 - self.range.0) / (self.domain.1 - self.domain.0)
    }

    pub(crate) fn domain(&self) -> (f64, f64) {
        self.domain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `step` is 1, 2 or 5 times a power of ten.
    fn is_nice(step: f64) -> bool {
        let magnitude = 10f64.powi(step.log10().floor() as i32);
        let residual = step / magnitude;
        [1.0, 2.0, 5.0, 10.0]
            .iter()
            .any(|n| (residual - n).abs() < 1e-9)
    }

    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(1.0, 5), 0.2);
        assert_eq!(nice_step(23.0, 5), 5.0);
        assert_eq!(nice_step(700.0, 5), 100.0);
        assert_eq!(nice_step(730.0, 5), 200.0);
        assert_eq!(nice_step(3.0, 5), 0.5);
        assert_eq!(nice_step(0.03, 5), 0.005);
    }

    #[test]
    fn covering_ticks_cover_the_data() {
        // Deterministic spread of ranges: tiny, huge, negative, straddling zero.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..2000 {
            let scale = 10f64.powi((next() * 12.0) as i32 - 4);
            let low = (next() - 0.5) * scale;
            let high = low + next() * scale + 1e-9;
            let ticks = Ticks::covering(low, high, 5);
            let (first, last) = (ticks.values[0], *ticks.values.last().unwrap());
            assert!(
                first <= low + 1e-9 * scale && last >= high - 1e-9 * scale,
                "{low}..{high}: {:?}",
                ticks.values
            );
            assert!(first > low - ticks.step && last < high + ticks.step);
            assert!(is_nice(ticks.step), "{}", ticks.step);
            assert!((2..=12).contains(&ticks.values.len()), "{:?}", ticks.values);
        }
    }

    #[test]
    fn covering_zero_to_a_round_number() {
        let ticks = Ticks::covering(0.0, 1000.0, 5);
        assert_eq!(ticks.values, [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
        let ticks = Ticks::covering(-35.0, 80.0, 5);
        assert_eq!(ticks.values.first(), Some(&-40.0));
        assert_eq!(ticks.values.last(), Some(&80.0));
        assert!(ticks.values.contains(&0.0));
    }

    #[test]
    fn ticks_inside_for_years() {
        let ticks = Ticks::inside(1989.0, 2023.0, 8, 1.0);
        assert_eq!(ticks.step, 5.0);
        assert_eq!(ticks.values.first(), Some(&1990.0));
        assert_eq!(ticks.values.last(), Some(&2020.0));
        // Three years never get half-year ticks.
        let ticks = Ticks::inside(2020.0, 2022.0, 8, 1.0);
        assert_eq!(ticks.values, [2020.0, 2021.0, 2022.0]);
    }

    #[test]
    fn decimals_match_the_step() {
        let decimals = |step| {
            Ticks {
                values: Vec::new(),
                step,
            }
            .decimals()
        };
        assert_eq!(decimals(20.0), 0);
        assert_eq!(decimals(1.0), 0);
        assert_eq!(decimals(0.5), 1);
        assert_eq!(decimals(0.1), 1);
        assert_eq!(decimals(0.05), 2);
        assert_eq!(decimals(0.001), 3);
    }

    #[test]
    fn scales_map_linearly() {
        let y = Scale::new((0.0, 100.0), (400.0, 100.0));
        assert_eq!(y.at(0.0), 400.0);
        assert_eq!(y.at(50.0), 250.0);
        assert_eq!(y.per_unit(), -3.0);
    }
}
