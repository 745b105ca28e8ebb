//! What the crates' own tests share, so that each reference is written and checked once:
//! [`Prng`], random numbers that are the same on every machine, and [`projected_area`], the area
//! of a longitude/latitude patch once projected, measured independently of the projection's
//! formulas. Only ever a dev-dependency.

/// SplitMix64: tiny, fast, and the same numbers on every machine (tests must not depend on a
/// crate's choice of generator changing between versions).
#[derive(Debug, Clone)]
pub struct Prng(u64);

impl Prng {
    /// A generator whose numbers are fixed by `seed`.
    pub fn new(seed: u64) -> Prng {
        Prng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        low + unit * (high - low)
    }

    /// Uniform in low..=high.
    pub fn int(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// The items in a random order (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// The area of the patch `[lon0, lat0, lon1, lat1]` (degrees) once `project(lon, lat)` has put it
/// in the plane: the shoelace formula on its outline, each side cut into `steps` pieces (a
/// projection may bend meridians and parallels).
pub fn projected_area(
    project: impl Fn(f64, f64) -> (f64, f64),
    [lon0, lat0, lon1, lat1]: [f64; 4],
    steps: usize,
) -> f64 {
    let lerp = |a: f64, b: f64, i: usize| a + (b - a) * i as f64 / steps as f64;
    let outline: Vec<(f64, f64)> = (0..steps)
        .map(|i| (lerp(lon0, lon1, i), lat0))
        .chain((0..steps).map(|i| (lon1, lerp(lat0, lat1, i))))
        .chain((0..steps).map(|i| (lerp(lon1, lon0, i), lat1)))
        .chain((0..steps).map(|i| (lon0, lerp(lat1, lat0, i))))
        .map(|(lon, lat)| project(lon, lat))
        .collect();
    let twice: f64 = outline
        .iter()
        .zip(outline.iter().cycle().skip(1))
        .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
        .sum();
    twice.abs() / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Prng::new(7), Prng::new(7));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        // SplitMix64's published first output for seed 0.
        assert_eq!(Prng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut rng = Prng::new(1);
        assert!((0..1000).all(|_| (2.0..3.0).contains(&rng.uniform(2.0, 3.0))));
        assert!((0..1000).all(|_| (4..=6).contains(&rng.int(4, 6))));
        let mut items: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut items);
        items.sort_unstable();
        assert_eq!(items, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_rectangle_under_the_identity_has_its_area() {
        let area = projected_area(|lon, lat| (lon, lat), [10.0, -5.0, 13.0, 2.0], 7);
        assert!((area - 21.0).abs() < 1e-12, "{area}");
    }
}
