//! Equal-area grid cells: Equal Earth in kilometres, cut into squares.
//!
//! Diffusion counts grid cells, so every cell must be the same amount of ground: a cell of a
//! longitude/latitude grid shrinks with the cosine of its latitude (one in southern Norway
//! covers half the ground of one in Nigeria), while squares of an equal-area plane do not.
//!
//! Event coordinates (ACLED, UCDP GED) and population rasters are WGS 84 longitudes and
//! geodetic latitudes, on an ellipsoid, while Equal Earth is equal-area on a sphere. The two
//! are joined as EPSG:8857 ("WGS 84 / Equal Earth Greenwich") joins them: the geodetic latitude
//! becomes the authalic latitude (the one that cuts off the same share of the sphere's area as
//! the geodetic latitude does of the ellipsoid's), on the sphere of the ellipsoid's area, of
//! radius [`AUTHALIC_RADIUS_KM`]. The chain is then equal-area on the ellipsoid itself.
//! Feeding geodetic latitudes straight to the sphere would make a 10 km cell cover 99.55 km²
//! of ground at the equator and 100.9 km² near the poles.

use eirene_charts::equal_earth;

/// Radius of the sphere with the area of the WGS 84 ellipsoid (its authalic radius,
/// R_q = a·√(q_p / 2)), in km. Not the mean radius (6,371.0088 km) `eirene-spatial` measures
/// distances with: here areas must come out right, and only this radius keeps the ellipsoid's
/// total area.
pub const AUTHALIC_RADIUS_KM: f64 = 6371.0072;

/// WGS 84 flattening.
const FLATTENING: f64 = 1.0 / 298.257_223_563;

/// A cell of the grid: its column and row, counted from the projection's origin (0°, 0°) in
/// squares of the cell size; negative west and south of it.
pub(crate) type Cell = (i64, i64);

/// The index of the cell holding plane coordinate `km` (x or y), for cells of `cell_km`.
pub(crate) fn index(km: f64, cell_km: f64) -> i64 {
    (km / cell_km).floor() as i64
}

/// A parallel in the plane. Equal Earth maps a parallel to a horizontal line, and longitude
/// to x linearly along it, so a raster row needs the trigonometry once, not once a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Parallel {
    /// y of the parallel, in km north of the equator.
    pub(crate) y_km: f64,
    /// Km of x per degree of longitude along it.
    x_km_per_degree: f64,
}

impl Parallel {
    /// The parallel at geodetic latitude `lat` (degrees).
    pub(crate) fn new(lat: f64) -> Parallel {
        let (x, y) = equal_earth(1.0, authalic_latitude(lat));
        Parallel {
            y_km: y * AUTHALIC_RADIUS_KM,
            x_km_per_degree: x * AUTHALIC_RADIUS_KM,
        }
    }

    /// x of longitude `lon` (degrees, any turn of the globe), in km east of Greenwich.
    pub(crate) fn x_km(&self, lon: f64) -> f64 {
        wrap(lon) * self.x_km_per_degree
    }

    /// The cell of longitude `lon` on this parallel.
    pub(crate) fn cell(&self, lon: f64, cell_km: f64) -> Cell {
        (index(self.x_km(lon), cell_km), index(self.y_km, cell_km))
    }
}

/// Projects a WGS 84 point (degrees) to the equal-area plane of the diffusion grid: Equal Earth
/// on the authalic sphere, from the authalic latitude, in km (x east, y north of (0°, 0°)).
/// Any region of the plane is the image of exactly as many km² of the ellipsoid.
pub fn equal_area_km(lat: f64, lon: f64) -> (f64, f64) {
    let parallel = Parallel::new(lat);
    (parallel.x_km(lon), parallel.y_km)
}

/// Longitude in [−180°, 180°), so that 0°–360° rasters and events written as 190° land on
/// the same cells as −170°.
fn wrap(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// The authalic latitude of geodetic latitude `lat`, both in degrees: sin β = q(φ) / q(90°),
/// with q(φ) = (1 − e²) · (sin φ / (1 − e² sin² φ) + atanh(e sin φ) / e) (Snyder, *Map
/// Projections: A Working Manual*, 1987, eq. 3-11 and 3-12, with the logarithm written as
/// atanh).
fn authalic_latitude(lat: f64) -> f64 {
    let e2 = FLATTENING * (2.0 - FLATTENING);
    let e = e2.sqrt();
    let q = |sin: f64| (1.0 - e2) * (sin / (1.0 - e2 * sin * sin) + (e * sin).atanh() / e);
    let sin = lat.to_radians().sin();
    (q(sin) / q(1.0)).clamp(-1.0, 1.0).asin().to_degrees()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WGS 84 semi-major axis, in km.
    const SEMI_MAJOR_KM: f64 = 6378.137;

    fn eccentricity_squared() -> f64 {
        FLATTENING * (2.0 - FLATTENING)
    }

    /// Area of the WGS 84 ellipsoid between parallels `lat0` and `lat1` over `dlon` degrees of
    /// longitude, in km², by Simpson's rule on the area element
    /// a²(1 − e²) cos φ / (1 − e² sin² φ)² dφ dλ: from the ellipsoid's geometry, not from the
    /// authalic latitude under test.
    fn ellipsoid_area(lat0: f64, lat1: f64, dlon: f64) -> f64 {
        let e2 = eccentricity_squared();
        let element = |lat: f64| {
            let phi = lat.to_radians();
            let s = phi.sin();
            SEMI_MAJOR_KM.powi(2) * (1.0 - e2) * phi.cos() / (1.0 - e2 * s * s).powi(2)
        };
        let steps = 16;
        let h = (lat1 - lat0) / f64::from(steps);
        let inner: f64 = (1..steps)
            .map(|i| {
                let weight = if i % 2 == 1 { 4.0 } else { 2.0 };
                weight * element(lat0 + h * f64::from(i))
            })
            .sum();
        let integral = (element(lat0) + inner + element(lat1)) * h.to_radians() / 3.0;
        integral * dlon.to_radians()
    }

    /// Area of a longitude/latitude patch once projected by `project(lat, lon)`.
    fn projected_area(project: impl Fn(f64, f64) -> (f64, f64), patch: [f64; 4]) -> f64 {
        eirene_testkit::projected_area(|lon, lat| project(lat, lon), patch, 100)
    }

    #[test]
    fn the_radius_is_the_authalic_radius_of_wgs_84() {
        // R_q = a √(q_p / 2), q_p = 1 + (1 − e²) / (2e) · ln((1 + e) / (1 − e)).
        let e2 = eccentricity_squared();
        let e = e2.sqrt();
        let q_p = 1.0 + (1.0 - e2) / (2.0 * e) * ((1.0 + e) / (1.0 - e)).ln();
        let r_q = SEMI_MAJOR_KM * (q_p / 2.0).sqrt();
        assert!((r_q - AUTHALIC_RADIUS_KM).abs() < 5e-5, "{r_q}");
        // The sphere has the ellipsoid's area, 510,065,621.7 km² (WGS 84), summed here by
        // bands of a degree.
        let sphere = 4.0 * std::f64::consts::PI * AUTHALIC_RADIUS_KM.powi(2);
        let ellipsoid: f64 = (0..90)
            .map(|d| 2.0 * ellipsoid_area(f64::from(d), f64::from(d + 1), 360.0))
            .sum();
        assert!((ellipsoid - 510_065_621.7).abs() < 0.5, "{ellipsoid}");
        assert!(
            (sphere / ellipsoid - 1.0).abs() < 1e-8,
            "{sphere} {ellipsoid}"
        );
    }

    #[test]
    fn authalic_latitude_agrees_with_its_series() {
        // β = φ − (e²/3 + 31e⁴/180 + 59e⁶/560) sin 2φ + (17e⁴/360 + 61e⁶/1260) sin 4φ
        //       − (383e⁶/45360) sin 6φ, good to about e⁸ (10⁻⁷ degrees).
        let e2 = eccentricity_squared();
        let (e4, e6) = (e2 * e2, e2 * e2 * e2);
        for lat in [-89.0, -60.0, -45.0, -10.0, 0.0, 0.5, 30.0, 45.0, 75.0, 90.0] {
            let phi = f64::to_radians(lat);
            let series = phi
                - (e2 / 3.0 + 31.0 * e4 / 180.0 + 59.0 * e6 / 560.0) * (2.0 * phi).sin()
                + (17.0 * e4 / 360.0 + 61.0 * e6 / 1260.0) * (4.0 * phi).sin()
                - (383.0 * e6 / 45360.0) * (6.0 * phi).sin();
            let found = authalic_latitude(lat);
            assert!((found - series.to_degrees()).abs() < 1e-6, "{lat}: {found}");
        }
        // The largest difference, at 45°, is about 0.128°.
        assert!((45.0 - authalic_latitude(45.0) - 0.1285).abs() < 5e-4);
        assert_eq!(authalic_latitude(0.0), 0.0);
        assert_eq!(authalic_latitude(90.0), 90.0);
        assert_eq!(authalic_latitude(-90.0), -90.0);
    }

    #[test]
    fn patches_keep_their_area_on_the_ellipsoid() {
        // Patches of about 10 km from pole to pole, on both sides of Greenwich and near the
        // antimeridian.
        for (lon, lat) in [
            (10.0, -89.5),
            (-120.0, -55.0),
            (179.8, -20.0),
            (0.0, -0.05),
            (33.3, 0.0),
            (-70.0, 15.0),
            (100.0, 45.0),
            (-179.9, 60.0),
            (5.0, 80.0),
        ] {
            let patch = [lon, lat, lon + 0.09, lat + 0.09];
            let ground = ellipsoid_area(lat, lat + 0.09, 0.09);
            let plane = projected_area(equal_area_km, patch);
            assert!(
                (plane / ground - 1.0).abs() < 1e-6,
                "({lon}, {lat}): {plane} km² in the plane, {ground} km² on the ground"
            );
        }
        // Why the authalic latitude: without it, a patch at 60° is 0.56 % off.
        let sphere_only = |lat: f64, lon: f64| {
            let (x, y) = equal_earth(lon, lat);
            (x * AUTHALIC_RADIUS_KM, y * AUTHALIC_RADIUS_KM)
        };
        let patch = [0.0, 60.0, 0.09, 60.09];
        let off = projected_area(sphere_only, patch) / ellipsoid_area(60.0, 60.09, 0.09) - 1.0;
        assert!(off.abs() > 0.005, "{off}");
    }

    /// The ground area of cell `cell`, gathered as a raster is: the cell's share of each of
    /// many thin longitude/latitude rows whose centre parallel lies in the cell. Along a
    /// parallel x is linear in longitude, so a row's share of the cell is `cell_km / (km per
    /// degree)` degrees long, exactly; the rows are 10⁻⁵° (1.1 m) thick, so their edges miss
    /// the cell's by at most 0.011 km².
    fn ground_area_of_cell(cell: Cell, cell_km: f64) -> f64 {
        let step = 1e-5;
        // The latitude of the southern edge of cell row `row`, by bisection (y grows with
        // latitude), so that only the rows near the cell are visited.
        let edge_lat = |row: i64| {
            let (mut low, mut high) = (-90.0, 90.0);
            for _ in 0..60 {
                let mid: f64 = (low + high) / 2.0;
                if Parallel::new(mid).y_km < row as f64 * cell_km {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            high
        };
        let (south, north) = (edge_lat(cell.1), edge_lat(cell.1 + 1));
        let mut area = 0.0;
        let mut lat = (south / step).floor() * step - step;
        while lat < north + step {
            let centre = Parallel::new(lat + step / 2.0);
            if index(centre.y_km, cell_km) == cell.1 {
                let degrees = cell_km / centre.x_km_per_degree;
                area += ellipsoid_area(lat, lat + step, degrees);
            }
            lat += step;
        }
        area
    }

    #[test]
    fn ten_km_cells_cover_100_km2_of_ground() {
        // Within 0.03 % (the thin rows' edges), well inside the 0.1 % asked of the grid; with
        // geodetic latitudes fed to the sphere, the cell at 70° would be 0.8 % too large.
        for (lon, lat) in [(10.0, 0.3), (-120.0, 35.0), (150.0, 70.0), (60.0, -55.0)] {
            let cell = Parallel::new(lat).cell(lon, 10.0);
            let area = ground_area_of_cell(cell, 10.0);
            assert!(
                (area / 100.0 - 1.0).abs() < 3e-4,
                "cell {cell:?} at ({lon}, {lat}): {area} km²"
            );
        }
    }

    #[test]
    fn known_points() {
        assert_eq!(equal_area_km(0.0, 0.0), (0.0, 0.0));
        // At the equator and the poles the authalic latitude is the geodetic one, so these
        // are Equal Earth's unit-sphere extremes (2.7066, 1.3174) times the radius.
        let (x, y) = equal_area_km(0.0, -180.0);
        assert!(
            (x + 2.706_629_983_7 * AUTHALIC_RADIUS_KM).abs() < 1e-5,
            "{x}"
        );
        assert_eq!(y, 0.0);
        let (_, y) = equal_area_km(90.0, 45.0);
        assert!(
            (y - 1.317_362_759_2 * AUTHALIC_RADIUS_KM).abs() < 1e-5,
            "{y}"
        );
        // One turn of the globe is the same place; 180° is −180°.
        assert_eq!(equal_area_km(12.0, 190.0), equal_area_km(12.0, -170.0));
        assert_eq!(equal_area_km(12.0, 180.0), equal_area_km(12.0, -180.0));
        assert_eq!(equal_area_km(12.0, -540.0), equal_area_km(12.0, -180.0));
    }

    #[test]
    fn cells_are_counted_from_the_origin() {
        assert_eq!(index(0.0, 10.0), 0);
        assert_eq!(index(9.999, 10.0), 0);
        assert_eq!(index(10.0, 10.0), 1);
        assert_eq!(index(-0.001, 10.0), -1);
        assert_eq!(index(-10.0, 10.0), -1);
        assert_eq!(index(-10.001, 10.0), -2);
        // 0.1° east and north of (0°, 0°): 9.6 km east, 12.9 km north.
        assert_eq!(Parallel::new(0.1).cell(0.1, 10.0), (0, 1));
        assert_eq!(Parallel::new(-0.1).cell(-0.1, 10.0), (-1, -2));
    }
}
