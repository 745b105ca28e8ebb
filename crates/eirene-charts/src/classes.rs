//! Legend classes for maps.
//!
//! Quantiles (equal counts per class) rather than equal intervals: conflict data is extremely
//! skewed (a few wars, many countries with none), and equal intervals would paint almost every
//! country in the first colour.

/// Quantile classes over a set of values: each class is the range of the values it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    ranges: Vec<(f64, f64)>,
}

impl Classes {
    /// Splits the finite `values` into at most `wanted` classes of as equal counts as ties
    /// allow: equal values always share a class (a tie is never split across a boundary), so
    /// with fewer distinct values than `wanted` there are fewer classes, one per value. With
    /// many zeros, zero becomes a class of its own rather than swallowing the next values.
    /// `wanted` below one counts as one; no finite values gives no classes.
    pub fn quantile(values: &[f64], wanted: usize) -> Classes {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let groups = tie_groups(&sorted);
        let wanted = wanted.clamp(1, groups.len().max(1));
        Classes {
            ranges: split(&groups, wanted),
        }
    }

    /// Each class's (lowest, highest) value, in increasing order, without overlap.
    pub fn ranges(&self) -> &[(f64, f64)] {
        &self.ranges
    }

    /// The class of `value`: the first whose highest value is not below it (values between two
    /// classes go to the upper one, values beyond the ends to the end classes). None for NaN
    /// or when there are no classes.
    pub fn class_of(&self, value: f64) -> Option<usize> {
        if value.is_nan() || self.ranges.is_empty() {
            return None;
        }
        let index = self.ranges.partition_point(|&(_, high)| high < value);
        Some(index.min(self.ranges.len() - 1))
    }
}

/// Sorted values → (value, how many times it occurs).
fn tie_groups(sorted: &[f64]) -> Vec<(f64, usize)> {
    let mut groups: Vec<(f64, usize)> = Vec::new();
    for &value in sorted {
        match groups.last_mut() {
            Some((last, count)) if *last == value => *count += 1,
            _ => groups.push((value, 1)),
        }
    }
    groups
}

/// Cuts the groups into `wanted` runs, greedily: a run closes once closing it is at least as
/// close to its fair share (what is left ÷ classes left) as taking the next group would be,
/// or when every remaining group is needed to give each remaining class one.
fn split(groups: &[(f64, usize)], wanted: usize) -> Vec<(f64, f64)> {
    let mut ranges = Vec::with_capacity(wanted);
    let mut left: usize = groups.iter().map(|g| g.1).sum();
    let (mut start, mut count) = (0, 0);
    for (i, &(_, size)) in groups.iter().enumerate() {
        count += size;
        let classes_left = wanted - ranges.len();
        let next = groups.get(i + 1).map(|g| g.1);
        let close = match next {
            None => true,
            Some(_) if classes_left == 1 => false,
            Some(_) if groups.len() - i - 1 == classes_left - 1 => true,
            // 2·count + next ≥ 2·left / classes_left, in integers.
            Some(next) => (2 * count + next) * classes_left >= 2 * left,
        };
        if close {
            ranges.push((groups[start].0, groups[i].0));
            left -= count;
            (start, count) = (i + 1, 0);
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic stream of pseudo-random numbers (xorshift64*).
    struct Stream(u64);

    impl Stream {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    fn distinct(values: &[f64]) -> usize {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        sorted.len()
    }

    /// The properties, checked by brute force against every value.
    fn check(values: &[f64], wanted: usize) -> Classes {
        let classes = Classes::quantile(values, wanted);
        let ranges = classes.ranges();
        assert_eq!(
            ranges.len(),
            wanted.max(1).min(distinct(values)),
            "{values:?}"
        );
        for pair in ranges.windows(2) {
            assert!(
                pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0,
                "{ranges:?}"
            );
        }
        for &value in values {
            let holding: Vec<usize> = (0..ranges.len())
                .filter(|&i| ranges[i].0 <= value && value <= ranges[i].1)
                .collect();
            assert_eq!(holding.len(), 1, "{value} in {ranges:?}");
            assert_eq!(classes.class_of(value), Some(holding[0]));
        }
        for &(low, high) in ranges {
            assert!(values.contains(&low) && values.contains(&high));
        }
        classes
    }

    fn counts(values: &[f64], classes: &Classes) -> Vec<usize> {
        let mut counts = vec![0; classes.ranges().len()];
        for &v in values {
            counts[classes.class_of(v).unwrap()] += 1;
        }
        counts
    }

    #[test]
    fn distinct_values_split_into_equal_counts() {
        let mut stream = Stream(0x9e37_79b9_7f4a_7c15);
        for n in 1..80 {
            let values: Vec<f64> = (0..n).map(|_| (stream.next() % 1_000_000) as f64).collect();
            if distinct(&values) < n {
                continue;
            }
            for wanted in 1..9 {
                let classes = check(&values, wanted);
                let counts = counts(&values, &classes);
                let (min, max) = (counts.iter().min(), counts.iter().max());
                assert!(
                    max.unwrap() - min.unwrap() <= 1,
                    "{n} in {wanted}: {counts:?}"
                );
            }
        }
    }

    #[test]
    fn ties_stay_together() {
        let mut stream = Stream(42);
        for n in 1..120 {
            let spread = 1 + stream.next() % 12;
            let values: Vec<f64> = (0..n).map(|_| (stream.next() % spread) as f64).collect();
            for wanted in 0..9 {
                check(&values, wanted);
            }
        }
    }

    #[test]
    fn fewer_distinct_values_than_classes() {
        let classes = check(&[3.0, 1.0, 3.0, 1.0], 5);
        assert_eq!(classes.ranges(), &[(1.0, 1.0), (3.0, 3.0)]);
    }

    #[test]
    fn zeros_get_their_own_class() {
        let mut values = vec![0.0; 100];
        values.extend((1..=10).map(f64::from));
        let classes = check(&values, 5);
        assert_eq!(classes.ranges()[0], (0.0, 0.0));
        let rest = &counts(&values, &classes)[1..];
        assert!(
            rest.len() == 4 && rest.iter().all(|c| (2..=3).contains(c)),
            "{rest:?}"
        );
    }

    #[test]
    fn nothing_to_classify() {
        let classes = Classes::quantile(&[f64::NAN, f64::INFINITY], 5);
        assert!(classes.ranges().is_empty());
        assert_eq!(classes.class_of(1.0), None);
    }

    #[test]
    fn values_outside_the_data_go_to_the_nearest_class() {
        let classes = check(&[1.0, 2.0, 3.0, 4.0], 2);
        assert_eq!(classes.class_of(-10.0), Some(0));
        assert_eq!(classes.class_of(2.5), Some(1));
        assert_eq!(classes.class_of(99.0), Some(1));
        assert_eq!(classes.class_of(f64::NAN), None);
    }
}
