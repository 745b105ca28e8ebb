//! What every world map shares: the Equal Earth frame and the sea, each country as a titled
//! link with a marker when it is too small to see, the legend of swatches with its no-data
//! entry, the source line and the accessible document.
//!
//! A map ([`choropleth()`](crate::choropleth()), [`category_map()`](crate::category_map()))
//! supplies only what differs: a country's fill and the words after its name, the legend's
//! swatches and the description.

use std::fmt::Write;

use crate::format::Locale;
use crate::palette::NO_DATA;
use crate::projection::equal_earth;
use crate::svg::{self, Anchor, escape, px, tenths};
use crate::topojson::{Country, World};

/// Space between the map and the figure's edges.
const MARGIN: f64 = 10.0;
/// Top of the map, below the heading.
const MAP_TOP: f64 = 44.0;
/// A country smaller than this many pixels both ways also gets a marker.
const SMALL: f64 = 3.0;
/// Radius of that marker: big enough to see and click, small enough not to cover neighbours.
const MARKER_RADIUS: f64 = 2.5;
/// Legend items per row, and the width of each.
const LEGEND_ITEM_WIDTH: f64 = 150.0;
/// The width the legend may use (the figure's, less its margins).
const LEGEND_WIDTH: f64 = 928.0;
/// Width of a legend character at 11 px, generously: long labels must not overlap.
const LEGEND_CHAR_WIDTH: f64 = 6.2;
const LEGEND_ROW_HEIGHT: f64 = 20.0;

/// The parts of a world map that are not its countries.
pub(crate) struct WorldMap<'a> {
    /// Accessible `<title>` of the svg and visible heading text.
    pub(crate) title: &'a str,
    /// Source line at the bottom.
    pub(crate) source: &'a str,
    /// Link for a country's shape, from its ISO3.
    pub(crate) href: &'a dyn Fn(&str) -> String,
    /// Label of the grey no-data swatch, and of countries without data in their titles.
    pub(crate) no_data: &'a str,
    /// Language of the countries' titles.
    pub(crate) locale: Locale,
    /// A bold line above the swatches (the choropleth's unit), if any.
    pub(crate) legend_heading: Option<&'a str>,
    /// The legend's swatches before the no-data one, in order: (fill, label).
    pub(crate) swatches: Vec<(&'a str, String)>,
    /// The `<desc>`: what the map shows, in words, for readers who cannot see it.
    pub(crate) description: String,
}

/// How a country with data is drawn.
pub(crate) struct Shade<'a> {
    /// Its fill.
    pub(crate) fill: &'a str,
    /// What its title says after its name: "1,234 deaths", "Party".
    pub(crate) text: String,
}

impl WorldMap<'_> {
    /// The map as a standalone SVG document (width 960, responsive viewBox).
    ///
    /// `shade` gives each country of `world` its fill and words, or `None` for no data (grey,
    /// titled with `no_data`). Countries are drawn in the order of `world`.
    pub(crate) fn render<'s>(
        &self,
        world: &World,
        shade: impl Fn(&Country) -> Option<Shade<'s>>,
    ) -> String {
        let frame = Frame::world();
        let mut body = svg::heading(self.title);
        body.push_str(&frame.sphere());
        body.push_str(
            r##"<g class="countries" stroke="#fff" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">"##,
        );
        for country in world.countries() {
            body.push_str(&self.country_element(country, shade(country), &frame));
        }
        body.push_str("</g>");
        let legend_top = MAP_TOP + frame.height + 14.0;
        let (legend_svg, legend_bottom) = self.legend(legend_top);
        body.push_str(&legend_svg);
        let source_y = legend_bottom + 18.0;
        body.push_str(&svg::source_line(self.source, source_y));
        svg::document(source_y + 12.0, self.title, &self.description, &body)
    }

    /// One country: its shape, and a marker when the shape is too small to see, inside a link
    /// when it has a code.
    fn country_element(&self, country: &Country, shade: Option<Shade>, frame: &Frame) -> String {
        let label = escape(&self.country_label(country, shade.as_ref()));
        let fill = shade.as_ref().map_or(NO_DATA, |shade| shade.fill);
        let (d, bbox) = frame.path(&country.polygons);
        let iso3 = country
            .code()
            .map(|code| format!(r#" data-iso3="{}""#, escape(code)))
            .unwrap_or_default();
        let mut shape = format!(
            r#"<path class="country"{iso3} fill="{fill}" d="{d}"><title>{label}</title></path>"#
        );
        if let Some([x0, y0, x1, y1]) =
            bbox.filter(|[x0, y0, x1, y1]| x1 - x0 < SMALL && y1 - y0 < SMALL)
        {
            let _ = write!(
                shape,
                r##"<circle class="marker" cx="{}" cy="{}" r="{MARKER_RADIUS}" fill="{fill}" stroke="#333" stroke-width="0.5"><title>{label}</title></circle>"##,
                px((x0 + x1) / 2.0),
                px((y0 + y1) / 2.0)
            );
        }
        match country.code() {
            Some(code) => format!(
                r#"<a href="{}" aria-label="{label}">{shape}</a>"#,
                escape(&(self.href)(code))
            ),
            None => shape,
        }
    }

    /// "France: 1,234 deaths", or "France : Partie" with the French space before the colon;
    /// "France: no data" without data.
    fn country_label(&self, country: &Country, shade: Option<&Shade>) -> String {
        let colon = self.locale.pick(": ", "\u{a0}: ");
        let text = shade.map_or(self.no_data, |shade| &shade.text);
        format!("{}{colon}{text}", country.name)
    }

    /// The heading, one swatch per entry and one for no data, in rows; returns the SVG and the
    /// y where it ends.
    fn legend(&self, top: f64) -> (String, f64) {
        let (mut out, swatches_top) = match self.legend_heading {
            Some(heading) => (
                svg::text(
                    16.0,
                    top + 12.0,
                    Anchor::Start,
                    r##" font-size="12" font-weight="bold" fill="#222""##,
                    heading,
                ),
                top + 22.0,
            ),
            None => (String::new(), top),
        };
        let items: Vec<(&str, &str, &str)> = (self.swatches.iter())
            .map(|(fill, label)| ("swatch", *fill, label.as_str()))
            .chain([("swatch no-data", NO_DATA, self.no_data)])
            .collect();
        // Items are as wide as the longest label needs (at least LEGEND_ITEM_WIDTH), and as
        // many fit on a row as the width allows.
        let longest = items
            .iter()
            .map(|(_, _, l)| l.chars().count())
            .max()
            .unwrap_or(0);
        let item_width = (40.0 + LEGEND_CHAR_WIDTH * longest as f64).max(LEGEND_ITEM_WIDTH);
        let columns = ((LEGEND_WIDTH / item_width).floor() as usize).max(1);
        for (i, (class, colour, label)) in items.iter().enumerate() {
            let x = 16.0 + (i % columns) as f64 * item_width;
            let y = swatches_top + (i / columns) as f64 * LEGEND_ROW_HEIGHT;
            let _ = write!(
                out,
                r##"<rect class="{class}" x="{}" y="{}" width="18" height="12" fill="{colour}" stroke="#888" stroke-width="0.5"/>"##,
                px(x),
                px(y)
            );
            out.push_str(&svg::text(
                x + 24.0,
                y + 10.0,
                Anchor::Start,
                r##" font-size="11" fill="#222""##,
                label,
            ));
        }
        let rows = items.len().div_ceil(columns);
        (out, swatches_top + rows as f64 * LEGEND_ROW_HEIGHT - 8.0)
    }
}

/// Where the projected world sits in the figure.
struct Frame {
    /// Pixels per unit of the projection.
    scale: f64,
    /// Highest projected y (the north pole), the top of the map.
    y_max: f64,
    height: f64,
}

impl Frame {
    /// The whole sphere fitted to the figure's width, so every map has the same frame
    /// whatever its data.
    fn world() -> Frame {
        let x_max = equal_earth(180.0, 0.0).0;
        let y_max = equal_earth(0.0, 90.0).1;
        let scale = (svg::WIDTH - 2.0 * MARGIN) / (2.0 * x_max);
        Frame {
            scale,
            y_max,
            height: 2.0 * y_max * scale,
        }
    }

    /// (longitude, latitude) → pixels.
    fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let (x, y) = equal_earth(lon, lat);
        (
            svg::WIDTH / 2.0 + x * self.scale,
            MAP_TOP + (self.y_max - y) * self.scale,
        )
    }

    /// The outline of the globe (its two bounding meridians), as the sea.
    fn sphere(&self) -> String {
        let west = (-90..=90).step_by(5).map(|lat| (-180.0, f64::from(lat)));
        let east = (-90..=90)
            .rev()
            .step_by(5)
            .map(|lat| (180.0, f64::from(lat)));
        let ring: Vec<(f64, f64)> = west.chain(east).collect();
        format!(
            r##"<path class="sphere" fill="#eef3f7" d="{}"/>"##,
            self.path(&[vec![ring]]).0
        )
    }

    /// The path data of `polygons` and their pixel bounding box (x0, y0, x1, y1).
    ///
    /// Coordinates are rounded to a tenth of a pixel, consecutive duplicates dropped and rings
    /// that collapse to fewer than three points left out: at world scale most vertices of
    /// small islands coincide, and this keeps a 1:110m world map near 150 kB.
    fn path(&self, polygons: &[Vec<Vec<(f64, f64)>>]) -> (String, Option<[f64; 4]>) {
        let mut d = String::new();
        let mut bbox: Option<[f64; 4]> = None;
        for ring in polygons.iter().flatten() {
            let pixels: Vec<(f64, f64)> = ring.iter().map(|&p| self.project(p)).collect();
            for &(x, y) in &pixels {
                let [x0, y0, x1, y1] = bbox.get_or_insert([x, y, x, y]);
                (*x0, *y0, *x1, *y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
            write_ring(&mut d, &pixels);
        }
        (d, bbox)
    }
}

/// Appends `M x,y L x,y x,y … Z` for a ring in tenths of a pixel, if it is still a ring.
fn write_ring(d: &mut String, pixels: &[(f64, f64)]) {
    let mut points: Vec<(i64, i64)> = pixels
        .iter()
        .map(|&(x, y)| (tenths(x), tenths(y)))
        .collect();
    points.dedup();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() >= 3 {
        svg::write_polyline(d, points);
        d.push('Z');
    }
}
