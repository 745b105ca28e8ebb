//! The index's choices, each with its default and the reason for it.

use serde::{Deserialize, Serialize};

use crate::IndexError;

/// One value per indicator, in the index's order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PerIndicator<T> {
    /// Reported fatalities.
    pub deadliness: T,
    /// Events targeting civilians.
    pub danger_to_civilians: T,
    /// Share of populated cells with many events.
    pub diffusion: T,
    /// Distinct non-state armed groups.
    pub fragmentation: T,
}

impl<T> PerIndicator<T> {
    /// The values in field order, to loop over.
    pub(crate) fn into_array(self) -> [T; 4] {
        [
            self.deadliness,
            self.danger_to_civilians,
            self.diffusion,
            self.fragmentation,
        ]
    }

    /// The inverse of [`into_array`](Self::into_array).
    pub(crate) fn from_array(
        [deadliness, danger_to_civilians, diffusion, fragmentation]: [T; 4],
    ) -> Self {
        PerIndicator {
            deadliness,
            danger_to_civilians,
            diffusion,
            fragmentation,
        }
    }
}

/// How the index is computed. The defaults are Eirene's choices where ACLED publishes none:
/// equal weights (no indicator is known to matter more), and level sizes that put 50
/// countries in the top three levels, as ACLED's published index does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Weight of each indicator's percentile score in the combined score; finite, not
    /// negative. Default 1 each. Diffusion's weight is ignored when no population raster is
    /// given.
    pub weights: PerIndicator<f64>,
    /// Countries in the extreme level: the first `extreme` by combined rank. Default 10.
    pub extreme: usize,
    /// Countries in the high level, after the extreme ones. Default 15.
    pub high: usize,
    /// Countries in the turbulent level, after the high ones. Default 25.
    pub turbulent: usize,
    /// People a grid cell needs to count for diffusion: cells with fewer are left out, so
    /// that empty desert or forest does not dilute the share. Default 100.
    pub min_cell_population: f64,
    /// Political-violence events that make a cell count as affected. Default 10.
    pub min_cell_events: usize,
    /// Side of the equal-area grid cells, km. Default 10.
    pub cell_km: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weights: PerIndicator {
                deadliness: 1.0,
                danger_to_civilians: 1.0,
                diffusion: 1.0,
                fragmentation: 1.0,
            },
            extreme: 10,
            high: 15,
            turbulent: 25,
            min_cell_population: 100.0,
            min_cell_events: 10,
            cell_km: 10.0,
        }
    }
}

impl Options {
    /// Refuses options that cannot give a ranking: a weight that is negative or not a number,
    /// no positive weight among the indicators computed (diffusion is computed only with a
    /// population raster), or a grid that is not one.
    pub(crate) fn check(&self, with_diffusion: bool) -> Result<(), IndexError> {
        let weights = self.weights.into_array();
        if let Some(bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
            return Err(IndexError::Options(format!(
                "weight {bad} is not a finite, non-negative number"
            )));
        }
        let PerIndicator {
            deadliness,
            danger_to_civilians,
            diffusion,
            fragmentation,
        } = self.weights;
        let used = deadliness
            + danger_to_civilians
            + fragmentation
            + if with_diffusion { diffusion } else { 0.0 };
        if used <= 0.0 {
            return Err(IndexError::Options(
                "no indicator that is computed has a positive weight".to_owned(),
            ));
        }
        if !(self.cell_km.is_finite() && self.cell_km > 0.0) {
            return Err(IndexError::Options(format!("cells of {} km", self.cell_km)));
        }
        if !(self.min_cell_population.is_finite() && self.min_cell_population >= 0.0) {
            return Err(IndexError::Options(format!(
                "a minimum of {} people per cell",
                self.min_cell_population
            )));
        }
        Ok(())
    }
}

/// A country's level, by its combined rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The first [`Options::extreme`] countries.
    Extreme,
    /// The next [`Options::high`].
    High,
    /// The next [`Options::turbulent`].
    Turbulent,
    /// Every other country, including those without political violence.
    #[serde(rename = "low/inactive")]
    LowInactive,
}

impl Level {
    /// The level of combined rank `rank` (from 1), or of an unranked country (None).
    pub(crate) fn of(rank: Option<usize>, options: &Options) -> Level {
        let high = options.extreme + options.high;
        let turbulent = high + options.turbulent;
        match rank {
            Some(r) if r <= options.extreme => Level::Extreme,
            Some(r) if r <= high => Level::High,
            Some(r) if r <= turbulent => Level::Turbulent,
            _ => Level::LowInactive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_levels_put_fifty_countries_above_low() {
        let options = Options::default();
        let level = |rank| Level::of(Some(rank), &options);
        assert_eq!(level(1), Level::Extreme);
        assert_eq!(level(10), Level::Extreme);
        assert_eq!(level(11), Level::High);
        assert_eq!(level(25), Level::High);
        assert_eq!(level(26), Level::Turbulent);
        assert_eq!(level(50), Level::Turbulent);
        assert_eq!(level(51), Level::LowInactive);
        assert_eq!(Level::of(None, &options), Level::LowInactive);
    }

    #[test]
    fn empty_levels_are_skipped() {
        let options = Options {
            extreme: 1,
            high: 0,
            turbulent: 2,
            ..Options::default()
        };
        let levels: Vec<Level> = (1..=5).map(|r| Level::of(Some(r), &options)).collect();
        use Level::*;
        assert_eq!(
            levels,
            [Extreme, Turbulent, Turbulent, LowInactive, LowInactive]
        );
    }

    #[test]
    fn options_that_cannot_rank_are_refused() {
        let with = |weights: [f64; 4]| Options {
            weights: PerIndicator::from_array(weights),
            ..Options::default()
        };
        assert!(Options::default().check(false).is_ok());
        assert!(with([1.0, 0.0, 0.0, 0.0]).check(false).is_ok());
        let message = |o: Options, diffusion| o.check(diffusion).unwrap_err().to_string();
        assert_eq!(
            message(with([1.0, -1.0, 0.0, 0.0]), false),
            "options: weight -1 is not a finite, non-negative number"
        );
        assert!(message(with([1.0, f64::NAN, 0.0, 0.0]), true).contains("NaN"));
        // Only diffusion weighs, and it is not computed.
        assert_eq!(
            message(with([0.0, 0.0, 1.0, 0.0]), false),
            "options: no indicator that is computed has a positive weight"
        );
        assert!(with([0.0, 0.0, 1.0, 0.0]).check(true).is_ok());
        assert!(with([0.0; 4]).check(true).is_err());
        let cells = |cell_km| Options {
            cell_km,
            ..Options::default()
        };
        assert_eq!(message(cells(0.0), false), "options: cells of 0 km");
        assert!(cells(f64::INFINITY).check(true).is_err());
        let people = |min_cell_population| Options {
            min_cell_population,
            ..Options::default()
        };
        assert_eq!(
            message(people(-1.0), true),
            "options: a minimum of -1 people per cell"
        );
        assert!(people(0.0).check(true).is_ok());
    }

    #[test]
    fn options_read_with_defaults_for_what_is_left_out() {
        let options: Options =
            serde_json::from_str(r#"{"extreme": 5, "weights": {"deadliness": 2, "danger_to_civilians": 1, "diffusion": 0, "fragmentation": 1}}"#)
                .unwrap();
        assert_eq!(options.extreme, 5);
        assert_eq!(options.weights.deadliness, 2.0);
        assert_eq!(options.weights.diffusion, 0.0);
        assert_eq!(options.high, 15);
        assert_eq!(options.cell_km, 10.0);
    }
}
