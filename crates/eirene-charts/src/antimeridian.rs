//! Polygons that cross the antimeridian, cut in two.
//!
//! Natural Earth cuts its shapes at ±180°, but the TopoJSON builds of it made for spherical
//! renderers (world-atlas, which is what Eirene ships) join the pieces again: Chukotka, Wrangel
//! Island and Vanua Levu come as rings that jump from 179° to -180° and back. A flat map would
//! draw each jump as a line across the whole world, so such polygons are cut at the seam into
//! one polygon per side.

/// A point in degrees: (longitude, latitude).
type Point = (f64, f64);
type Ring = Vec<Point>;

/// `polygon` (outer ring, then holes) as polygons that stay within [-180°, 180°] without
/// jumping across. A polygon that does not cross is returned as it is; so is one whose outer
/// ring goes round a pole (Antarctica), which the data already closes along a parallel, as a
/// flat map should draw it.
pub(crate) fn cut(polygon: Vec<Ring>) -> Vec<Vec<Ring>> {
    let Some(outer) = polygon.first().and_then(|ring| unwrap(ring)) else {
        return vec![polygon];
    };
    let middle = middle_longitude(&outer);
    let holes: Vec<Ring> = polygon[1..]
        .iter()
        .map(|hole| align(unwrap(hole).unwrap_or_else(|| hole.clone()), middle))
        .collect();
    // After unwrapping, a ring spans less than 360°, so it lies over at most two of these.
    [-360.0, 0.0, 360.0]
        .into_iter()
        .filter_map(|shift| {
            let outer = clip_to_world(&outer, shift)?;
            let holes = holes.iter().filter_map(|hole| clip_to_world(hole, shift));
            Some(std::iter::once(outer).chain(holes).collect())
        })
        .collect()
}

/// The ring with continuous longitudes (±360° added after every jump of more than 180°), if it
/// jumps and comes back: a ring round a pole ends 360° away from where it started.
fn unwrap(ring: &[Point]) -> Option<Ring> {
    let mut offset = 0.0;
    let mut jumped = false;
    let mut previous = ring.first()?.0;
    let unwrapped = ring
        .iter()
        .map(|&(lon, lat)| {
            let delta = lon - previous;
            previous = lon;
            if delta.abs() > 180.0 {
                offset -= 360.0 * delta.signum();
                jumped = true;
            }
            (lon + offset, lat)
        })
        .collect();
    (jumped && offset == 0.0).then_some(unwrapped)
}

fn middle_longitude(ring: &[Point]) -> f64 {
    let (low, high) = ring
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), p| {
            (l.min(p.0), h.max(p.0))
        });
    (low + high) / 2.0
}

/// `ring` moved by whole turns to lie near `middle`, so a hole is cut with its outer ring.
fn align(ring: Ring, middle: f64) -> Ring {
    let turns = ((middle - ring[0].0) / 360.0).round();
    ring.into_iter()
        .map(|(lon, lat)| (lon + 360.0 * turns, lat))
        .collect()
}

/// The part of `ring` between -180° + `shift` and 180° + `shift`, moved back by `shift`;
/// None when nothing with an area is left.
fn clip_to_world(ring: &[Point], shift: f64) -> Option<Ring> {
    let (west, east) = (-180.0 + shift, 180.0 + shift);
    let clipped = clip(&clip(ring, west, |lon| lon >= west), east, |lon| {
        lon <= east
    });
    let moved: Ring = clipped
        .iter()
        .map(|&(lon, lat)| (lon - shift, lat))
        .collect();
    (moved.len() >= 4 && area(&moved).abs() > 1e-12).then_some(moved)
}

/// Sutherland–Hodgman against the meridian `seam`, keeping the side where `inside` holds. The
/// input and output rings are closed (first point repeated last). Where a ring leaves and
/// re-enters, the output runs along the seam and back, which encloses no area. A ring wholly
/// inside is returned as it is.
fn clip(ring: &[Point], seam: f64, inside: impl Fn(f64) -> bool) -> Ring {
    if ring.iter().all(|p| inside(p.0)) {
        return ring.to_vec();
    }
    let mut out = Ring::with_capacity(ring.len() + 4);
    for pair in ring.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        match (inside(a.0), inside(b.0)) {
            (true, true) => out.push(b),
            (true, false) => out.push(crossing(a, b, seam)),
            (false, true) => {
                out.push(crossing(a, b, seam));
                out.push(b);
            }
            (false, false) => {}
        }
    }
    if let Some(&first) = out.first() {
        out.push(first);
    }
    out
}

/// Where the segment a–b meets the meridian `seam` (a and b on either side of it).
fn crossing(a: Point, b: Point, seam: f64) -> Point {
    let t = (seam - a.0) / (b.0 - a.0);
    (seam, a.1 + t * (b.1 - a.1))
}

/// Signed area in square degrees (shoelace), to drop slivers.
fn area(ring: &[Point]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum::<f64>()
        / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bbox(ring: &[Point]) -> (f64, f64, f64, f64) {
        ring.iter().fold(
            (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
        )
    }

    #[test]
    fn a_crossing_square_becomes_two() {
        // From 170°E eastwards to 170°W, written as the data writes it.
        let square = vec![
            (170.0, 0.0),
            (-170.0, 0.0),
            (-170.0, 10.0),
            (170.0, 10.0),
            (170.0, 0.0),
        ];
        let pieces = cut(vec![square]);
        assert_eq!(pieces.len(), 2);
        let boxes: Vec<_> = pieces.iter().map(|p| bbox(&p[0])).collect();
        assert!(boxes.contains(&(-180.0, 0.0, -170.0, 10.0)), "{boxes:?}");
        assert!(boxes.contains(&(170.0, 0.0, 180.0, 10.0)), "{boxes:?}");
        for piece in &pieces {
            assert_eq!(piece[0].first(), piece[0].last());
            assert!((area(&piece[0]).abs() - 100.0).abs() < 1e-9);
        }
    }

    #[test]
    fn holes_follow_their_side() {
        let outer = vec![
            (170.0, 0.0),
            (-170.0, 0.0),
            (-170.0, 10.0),
            (170.0, 10.0),
            (170.0, 0.0),
        ];
        let hole = vec![(-176.0, 4.0), (-174.0, 4.0), (-174.0, 6.0), (-176.0, 4.0)];
        let pieces = cut(vec![outer, hole.clone()]);
        let east = pieces.iter().find(|p| bbox(&p[0]).0 == -180.0).unwrap();
        assert_eq!(east.len(), 2);
        assert_eq!(east[1], hole);
        let west = pieces.iter().find(|p| bbox(&p[0]).0 == 170.0).unwrap();
        assert_eq!(west.len(), 1);
    }

    #[test]
    fn points_on_the_seam_go_to_the_side_they_belong_to() {
        // Vanua Levu as world-atlas has it: its seam points are written -180 on the west side.
        let ring = vec![
            (-180.0, -16.07),
            (-179.8, -16.02),
            (-180.0, -16.56),
            (179.36, -16.80),
            (178.6, -16.64),
            (180.0, -16.07),
            (-180.0, -16.07),
        ];
        let pieces = cut(vec![ring]);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            let (west, _, east, _) = bbox(&piece[0]);
            assert!(east - west < 2.0, "{piece:?}");
        }
    }

    #[test]
    fn polygons_that_do_not_cross_are_untouched() {
        let square = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)];
        assert_eq!(cut(vec![square.clone()]), vec![vec![square]]);
        // Round the south pole, closed along 85°S: drawn as it is.
        let polar = vec![
            (-180.0, -70.0),
            (0.0, -65.0),
            (180.0, -70.0),
            (180.0, -85.0),
            (-180.0, -85.0),
            (-180.0, -70.0),
        ];
        assert_eq!(cut(vec![polar.clone()]), vec![vec![polar]]);
    }
}
