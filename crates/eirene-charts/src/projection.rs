//! The Equal Earth projection.
//!
//! Equal-area, so a country's ink is proportional to its land: a choropleth in Mercator would
//! make Canada and Russia dominate and shrink the Sahel, which misleads precisely on conflict
//! maps. Equal Earth keeps areas exact while looking like the familiar world map.

/// Polynomial coefficients published by Šavrič, Patterson & Jenny (2018), table 1.
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2, the factor of the parametric latitude (checked against `3f64.sqrt() / 2` in tests;
/// `sqrt` is not a `const fn`).
const M: f64 = 0.866_025_403_784_438_6;

/// Projects a point given in degrees (longitude, latitude) with Equal Earth on the unit
/// sphere; y grows north. The world spans x ∈ [-2.7066, 2.7066], y ∈ [-1.3174, 1.3174].
///
/// The formulas of Bojan Šavrič, Tom Patterson and Bernhard Jenny, "The Equal Earth map
/// projection", *International Journal of Geographical Information Science* 33(3), 2019
/// (published online 2018), doi:10.1080/13658816.2018.1504949, equations 1–3:
///
/// ```text
/// sin θ = (√3 / 2) · sin φ
/// x = 2√3 · λ · cos θ / (3 · (9·A4·θ⁸ + 7·A3·θ⁶ + 3·A2·θ² + A1))
/// y = A4·θ⁹ + A3·θ⁷ + A2·θ³ + A1·θ
/// ```
///
/// with λ, φ in radians. 2√3 / 3 = 1 / M, so x is written λ cos θ / (M · y′(θ)), as in d3-geo's
/// `geoEqualEarthRaw`; that form shows why areas are kept: dx·dy = cos θ dθ dλ / M = cos φ dφ dλ.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let theta = (M * lat.to_radians().sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    let dy = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
    (lambda * theta.cos() / (M * dy), y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: (f64, f64), expected: (f64, f64), tolerance: f64) {
        assert!(
            (actual.0 - expected.0).abs() < tolerance && (actual.1 - expected.1).abs() < tolerance,
            "{actual:?} is not {expected:?}"
        );
    }

    #[test]
    fn the_constant_is_half_root_three() {
        assert_eq!(M, 3f64.sqrt() / 2.0);
    }

    #[test]
    fn origin_maps_to_origin() {
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn agrees_with_the_reference_implementation() {
        // d3-geo's geoEqualEarthRaw on the same points, in unit-sphere units.
        close(equal_earth(180.0, 0.0), (2.706_629_983_7, 0.0), 1e-9);
        close(equal_earth(0.0, 90.0), (0.0, 1.317_362_759_2), 1e-9);
        close(
            equal_earth(180.0, 90.0),
            (1.603_588_648_3, 1.317_362_759_2),
            1e-9,
        );
        close(
            equal_earth(90.0, 45.0),
            (1.159_854_499_1, 0.860_231_085_5),
            1e-9,
        );
        close(
            equal_earth(-60.0, -30.0),
            (-0.843_900_558_6, -0.592_935_119_8),
            1e-9,
        );
        // At the equator θ = 0, so x = λ / (M · A1): π / (√3/2 · 1.340264).
        let expected = std::f64::consts::PI / (3f64.sqrt() / 2.0 * 1.340264);
        close(equal_earth(180.0, 0.0), (expected, 0.0), 1e-12);
    }

    #[test]
    fn is_symmetric() {
        let (x, y) = equal_earth(37.0, 51.0);
        close(equal_earth(-37.0, -51.0), (-x, -y), 1e-15);
    }

    /// Area of the lon/lat cell in Equal Earth (its outline densified: meridians are curves).
    fn projected_area(lon0: f64, lat0: f64, lon1: f64, lat1: f64) -> f64 {
        eirene_testkit::projected_area(equal_earth, [lon0, lat0, lon1, lat1], 400)
    }

    /// Area of the same cell on the unit sphere: Δλ · (sin φ1 − sin φ0).
    fn sphere_area(lon0: f64, lat0: f64, lon1: f64, lat1: f64) -> f64 {
        (lon1 - lon0).to_radians() * (lat1.to_radians().sin() - lat0.to_radians().sin())
    }

    #[test]
    fn equal_cells_at_one_latitude_have_equal_areas() {
        let a = projected_area(0.0, 60.0, 10.0, 70.0);
        let b = projected_area(150.0, 60.0, 160.0, 70.0);
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn areas_are_kept_at_every_latitude() {
        // A 10° cell near the pole is much smaller on the globe than one at the equator; the
        // projection must shrink it by exactly that much, unlike Mercator.
        for lat in [-85.0, -40.0, 0.0, 35.0, 70.0, 80.0] {
            let projected = projected_area(20.0, lat, 30.0, lat + 10.0);
            let sphere = sphere_area(20.0, lat, 30.0, lat + 10.0);
            assert!(
                (projected / sphere - 1.0).abs() < 1e-4,
                "cell at {lat}°: {projected} on the map, {sphere} on the sphere"
            );
        }
        let world = projected_area(-180.0, -90.0, 180.0, 90.0);
        assert!((world - 4.0 * std::f64::consts::PI).abs() < 1e-3, "{world}");
    }
}
