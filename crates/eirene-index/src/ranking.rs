//! From indicator values to ranks, percentile scores, a combined score and levels.
//!
//! Ranks, not values, are combined: fatalities run to tens of thousands while armed groups
//! number in tens, and a scale fitted to either would let one war flatten every other
//! country's differences. A rank only says which country is worse, which is what a
//! comparative index can defend.

use serde::Serialize;

use crate::indicators::Tally;
use crate::options::{Level, Options, PerIndicator};

/// One country in the index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryIndex {
    /// Combined rank, from 1 (most conflict-affected); None for a country without political
    /// violence, which is not ranked.
    pub rank: Option<usize>,
    /// ISO 3166-1 alpha-3 code, upper case.
    pub iso3: String,
    /// Level, by combined rank.
    pub level: Level,
    /// Combined score, 0 to 1: the weighted mean of the percentile scores the country has.
    /// 0 for a country without political violence.
    pub score: f64,
    /// Fatalities in political violence.
    pub deadliness: f64,
    /// Political-violence events targeting civilians.
    pub danger_to_civilians: u64,
    /// Share of the country's populated cells with enough events, 0 to 100; None when no
    /// population raster was given, or the map and raster give the country no populated cell
    /// (then the other indicators score it alone).
    pub diffusion: Option<f64>,
    /// Distinct non-state armed groups in political violence.
    pub fragmentation: u64,
    /// Rank among the ranked countries on each indicator, from 1 (highest value); ties share
    /// the mean of the ranks they span, so 2.5 for two countries tied after the first. None
    /// where the country is not ranked or lacks the indicator.
    pub ranks: PerIndicator<Option<f64>>,
    /// Percentile score on each indicator, 1 for the highest value down to 0 for the lowest:
    /// (n − rank) / (n − 1) among the n countries ranked on it (1 when n is 1).
    pub scores: PerIndicator<Option<f64>>,
}

/// A country's indicator values, as measured, before ranking.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    /// Country code.
    pub(crate) iso3: String,
    /// What the events say.
    pub(crate) tally: Tally,
    /// Diffusion, when computed and defined.
    pub(crate) diffusion: Option<f64>,
}

/// The index rows: ranked countries by combined rank, then the others by code.
///
/// Combined scores that tie are broken by deadliness, the indicator the public reads first,
/// then by code, so that the order never depends on the order of the input.
pub(crate) fn rank(measured: Vec<Measured>, options: &Options) -> Vec<CountryIndex> {
    let (active, inactive): (Vec<Measured>, Vec<Measured>) =
        measured.into_iter().partition(|m| m.tally.active);
    let values: Vec<[Option<f64>; 4]> = active.iter().map(values).collect();
    let (ranks, scores) = rank_indicators(&values);
    let weights = options.weights.into_array();
    let mut rows: Vec<CountryIndex> = active
        .into_iter()
        .zip(ranks.into_iter().zip(scores))
        .map(|(m, (ranks, scores))| CountryIndex {
            score: combine(&scores, &weights),
            ranks: PerIndicator::from_array(ranks),
            scores: PerIndicator::from_array(scores),
            ..row(m)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.deadliness.total_cmp(&a.deadliness))
            .then_with(|| a.iso3.cmp(&b.iso3))
    });
    for (row, rank) in rows.iter_mut().zip(1..) {
        row.rank = Some(rank);
        row.level = Level::of(row.rank, options);
    }
    rows.extend(inactive.into_iter().map(row));
    rows
}

/// A country's row before ranking: unranked, low/inactive, scored 0.
fn row(measured: Measured) -> CountryIndex {
    let Measured {
        iso3,
        tally,
        diffusion,
    } = measured;
    CountryIndex {
        rank: None,
        iso3,
        level: Level::LowInactive,
        score: 0.0,
        deadliness: tally.deadliness,
        danger_to_civilians: tally.danger_to_civilians,
        diffusion,
        fragmentation: tally.fragmentation,
        ranks: PerIndicator::from_array([None; 4]),
        scores: PerIndicator::from_array([None; 4]),
    }
}

/// The values a country is ranked on, in indicator order.
fn values(measured: &Measured) -> [Option<f64>; 4] {
    let tally = &measured.tally;
    [
        Some(tally.deadliness),
        Some(tally.danger_to_civilians as f64),
        measured.diffusion,
        Some(tally.fragmentation as f64),
    ]
}

/// A value per indicator (in field order) per country.
type PerCountry = Vec<[Option<f64>; 4]>;

/// Ranks and percentile scores of each country on each indicator, among the countries that
/// have it.
fn rank_indicators(values: &[[Option<f64>; 4]]) -> (PerCountry, PerCountry) {
    let mut ranks = vec![[None; 4]; values.len()];
    let mut scores = vec![[None; 4]; values.len()];
    for k in 0..4 {
        let (countries, present): (Vec<usize>, Vec<f64>) = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v[k].map(|value| (i, value)))
            .unzip();
        for (i, r) in countries.into_iter().zip(average_ranks(&present)) {
            ranks[i][k] = Some(r);
            scores[i][k] = Some(percentile(r, present.len()));
        }
    }
    (ranks, scores)
}

/// The rank of each value from 1 (the largest), ties sharing the mean of the ranks they
/// span: {10, 10, 0} ranks {1.5, 1.5, 3}. Sharing keeps a tie from being decided by the
/// order of the input.
fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    for tied in order.chunk_by(|&a, &b| values[a] == values[b]) {
        let end = start + tied.len();
        // The mean of start + 1 ..= end.
        let mean = (start + 1 + end) as f64 / 2.0;
        for &i in tied {
            ranks[i] = mean;
        }
        start = end;
    }
    ranks
}

/// The percentile score of `rank` among `n`: 1 for the first, 0 for the last, evenly spaced
/// between, so that each indicator spreads its countries over the same range; 1 when a
/// single country is ranked.
fn percentile(rank: f64, n: usize) -> f64 {
    if n <= 1 {
        1.0
    } else {
        (n as f64 - rank) / (n as f64 - 1.0)
    }
}

/// The weighted mean of the scores a country has; 0 when none of them has weight.
fn combine(scores: &[Option<f64>; 4], weights: &[f64; 4]) -> f64 {
    let (sum, weight) = scores
        .iter()
        .zip(weights)
        .filter_map(|(s, &w)| s.map(|s| (s * w, w)))
        .fold((0.0, 0.0), |(a, b), (s, w)| (a + s, b + w));
    if weight > 0.0 { sum / weight } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_mean_of_their_ranks() {
        assert_eq!(average_ranks(&[10.0, 10.0, 0.0]), [1.5, 1.5, 3.0]);
        assert_eq!(average_ranks(&[0.0, 2.0, 1.0]), [3.0, 1.0, 2.0]);
        assert_eq!(average_ranks(&[3.0, 1.0, 1.0]), [1.0, 2.5, 2.5]);
        assert_eq!(average_ranks(&[5.0; 4]), [2.5; 4]);
        assert_eq!(
            average_ranks(&[1.0, 4.0, 4.0, 4.0, 0.0]),
            [4.0, 2.0, 2.0, 2.0, 5.0]
        );
        assert_eq!(average_ranks(&[7.0]), [1.0]);
        assert!(average_ranks(&[]).is_empty());
        // Ranks always add up to 1 + 2 + … + n.
        let ranks = average_ranks(&[3.0, 3.0, 9.0, 0.0, 3.0, 9.0, 1.0]);
        assert_eq!(ranks.iter().sum::<f64>(), 28.0);
    }

    #[test]
    fn percentiles_run_from_one_to_zero() {
        assert_eq!(percentile(1.0, 3), 1.0);
        assert_eq!(percentile(1.5, 3), 0.75);
        assert_eq!(percentile(2.0, 3), 0.5);
        assert_eq!(percentile(3.0, 3), 0.0);
        assert_eq!(percentile(2.5, 3), 0.25);
        assert_eq!(percentile(1.0, 1), 1.0);
        assert_eq!(percentile(3.0, 5), 0.5);
    }

    #[test]
    fn missing_scores_leave_the_mean_and_its_weight() {
        let weights = [1.0, 1.0, 2.0, 1.0];
        assert_eq!(
            combine(&[Some(0.5), Some(1.0), None, Some(0.0)], &weights),
            0.5
        );
        assert_eq!(
            combine(&[Some(0.5), Some(1.0), Some(1.0), Some(0.0)], &weights),
            0.7
        );
        // Only diffusion weighs, and the country has none.
        assert_eq!(
            combine(
                &[Some(1.0), Some(1.0), None, Some(1.0)],
                &[0.0, 0.0, 1.0, 0.0]
            ),
            0.0
        );
    }

    #[test]
    fn an_indicator_some_countries_lack_ranks_the_others_only() {
        let values = [
            [Some(1.0), Some(0.0), Some(50.0), Some(1.0)],
            [Some(2.0), Some(0.0), None, Some(1.0)],
            [Some(3.0), Some(0.0), Some(10.0), Some(1.0)],
        ];
        let (ranks, scores) = rank_indicators(&values);
        assert_eq!(ranks[0], [Some(3.0), Some(2.0), Some(1.0), Some(2.0)]);
        assert_eq!(ranks[1], [Some(2.0), Some(2.0), None, Some(2.0)]);
        assert_eq!(ranks[2][2], Some(2.0));
        assert_eq!(scores[0], [Some(0.0), Some(0.5), Some(1.0), Some(0.5)]);
        assert_eq!(scores[1][2], None);
        assert_eq!(scores[2], [Some(1.0), Some(0.5), Some(0.0), Some(0.5)]);
    }
}
