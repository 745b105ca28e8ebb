//! World choropleth maps.

use std::collections::HashMap;
use std::fmt::Write;

use crate::classes::Classes;
use crate::format::{Locale, decimals_for, format_number};
use crate::palette::{NO_DATA, sequential};
use crate::projection::equal_earth;
use crate::svg::{self, Anchor, escape, px, tenths};
use crate::topojson::{Country, World};

/// What to show on a world map.
pub struct Choropleth<'a> {
    /// Accessible `<title>` of the svg and visible heading text.
    pub title: &'a str,
    /// Shown in the legend and in each country's title, e.g. "deaths" or "% of GDP".
    pub unit: &'a str,
    /// Source line at the bottom, e.g. "Source: UCDP GED 24.1 · Eirene indicator ucdp.deaths".
    pub source: &'a str,
    /// Values by ISO3 code; NaN and infinities count as no data.
    pub values: &'a HashMap<String, f64>,
    /// Link for a country's shape, from its ISO3.
    pub href: &'a dyn Fn(&str) -> String,
    /// Legend label for countries without a value ("no data" / "pas de données").
    pub no_data: &'a str,
    /// Language of numbers and of the description.
    pub locale: Locale,
    /// Number of legend classes wanted (e.g. 5); fewer when the values have fewer distinct
    /// values.
    pub classes: usize,
}

/// Space between the map and the figure's edges.
const MARGIN: f64 = 10.0;
/// Top of the map, below the heading.
const MAP_TOP: f64 = 44.0;
/// A country smaller than this many pixels both ways also gets a marker.
const SMALL: f64 = 3.0;
/// Radius of that marker: big enough to see and click, small enough not to cover neighbours.
const MARKER_RADIUS: f64 = 2.5;
/// Legend items per row, and the width of each.
const LEGEND_COLUMNS: usize = 6;
const LEGEND_ITEM_WIDTH: f64 = 150.0;
const LEGEND_ROW_HEIGHT: f64 = 20.0;

/// A world choropleth as a standalone SVG document (width 960, responsive viewBox).
///
/// Each country is `<a href><path class="country" data-iso3><title>` so a reader can hover,
/// click or tab to it, with a marker for states too small to see. Classes are quantiles of the
/// values of the countries on the map (a value for a code the map does not draw does not shift
/// the legend).
pub fn choropleth(world: &World, map: &Choropleth) -> String {
    let frame = Frame::world();
    let values: Vec<Option<f64>> = world.countries().iter().map(|c| value(map, c)).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let legend = Legend::new(&known, map);

    let mut body = svg::heading(map.title);
    body.push_str(&frame.sphere());
    body.push_str(
        r##"<g class="countries" stroke="#fff" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">"##,
    );
    for (country, value) in world.countries().iter().zip(&values) {
        body.push_str(&country_element(country, *value, &frame, &legend, map));
    }
    body.push_str("</g>");
    let legend_top = MAP_TOP + frame.height + 14.0;
    let (legend_svg, legend_bottom) = legend.render(map, legend_top);
    body.push_str(&legend_svg);
    let source_y = legend_bottom + 18.0;
    body.push_str(&svg::source_line(map.source, source_y));
    let description = describe(map, &known, world.countries().len(), &legend);
    svg::document(source_y + 12.0, map.title, &description, &body)
}

/// A country's value, if its code has a finite one.
fn value(map: &Choropleth, country: &Country) -> Option<f64> {
    let value = *map.values.get(country.code()?)?;
    value.is_finite().then_some(value)
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

/// The classes, their colours and how their numbers are written.
struct Legend {
    classes: Classes,
    colours: Vec<String>,
    decimals: usize,
}

impl Legend {
    fn new(values: &[f64], map: &Choropleth) -> Legend {
        let classes = Classes::quantile(values, map.classes);
        let colours = sequential(classes.ranges().len());
        Legend {
            classes,
            colours,
            decimals: decimals_for(values),
        }
    }

    fn colour(&self, value: Option<f64>) -> &str {
        value
            .and_then(|v| self.classes.class_of(v))
            .map_or(NO_DATA, |class| &self.colours[class])
    }

    fn number(&self, value: f64, locale: Locale) -> String {
        format_number(value, self.decimals, locale)
    }

    /// "12 – 40", or "12" for a class of one value.
    fn range_label(&self, (low, high): (f64, f64), locale: Locale) -> String {
        if low == high {
            self.number(low, locale)
        } else {
            format!(
                "{} – {}",
                self.number(low, locale),
                self.number(high, locale)
            )
        }
    }

    /// The unit, one swatch per class and one for no data, in rows; returns the SVG and the
    /// y where it ends.
    fn render(&self, map: &Choropleth, top: f64) -> (String, f64) {
        let mut out = svg::text(
            16.0,
            top + 12.0,
            Anchor::Start,
            r##" font-size="12" font-weight="bold" fill="#222""##,
            map.unit,
        );
        let mut items: Vec<(&str, &str, String)> = (self.classes.ranges().iter())
            .zip(&self.colours)
            .map(|(&range, colour)| {
                (
                    "swatch",
                    colour.as_str(),
                    self.range_label(range, map.locale),
                )
            })
            .collect();
        items.push(("swatch no-data", NO_DATA, map.no_data.to_owned()));
        for (i, (class, colour, label)) in items.iter().enumerate() {
            let x = 16.0 + (i % LEGEND_COLUMNS) as f64 * LEGEND_ITEM_WIDTH;
            let y = top + 22.0 + (i / LEGEND_COLUMNS) as f64 * LEGEND_ROW_HEIGHT;
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
        let rows = items.len().div_ceil(LEGEND_COLUMNS);
        (out, top + 22.0 + rows as f64 * LEGEND_ROW_HEIGHT - 8.0)
    }
}

/// One country: its shape, and a marker when the shape is too small to see, inside a link when
/// it has a code.
fn country_element(
    country: &Country,
    value: Option<f64>,
    frame: &Frame,
    legend: &Legend,
    map: &Choropleth,
) -> String {
    let label = escape(&country_label(country, value, legend, map));
    let fill = legend.colour(value);
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
            escape(&(map.href)(code))
        ),
        None => shape,
    }
}

/// "France: 1,234 deaths", or "France : 1 234 morts" with the French space before the colon.
fn country_label(
    country: &Country,
    value: Option<f64>,
    legend: &Legend,
    map: &Choropleth,
) -> String {
    let colon = map.locale.pick(": ", "\u{a0}: ");
    match value {
        Some(v) if map.unit.is_empty() => {
            format!("{}{colon}{}", country.name, legend.number(v, map.locale))
        }
        Some(v) => format!(
            "{}{colon}{} {}",
            country.name,
            legend.number(v, map.locale),
            map.unit
        ),
        None => format!("{}{colon}{}", country.name, map.no_data),
    }
}

/// The `<desc>`: what the map shows, in words, for readers who cannot see it.
fn describe(map: &Choropleth, known: &[f64], countries: usize, legend: &Legend) -> String {
    let count = known.len();
    let lowest = known.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = (
        legend.number(lowest, map.locale),
        legend.number(highest, map.locale),
    );
    let classes = legend.classes.ranges().len();
    let (title, unit, no_data) = (map.title, map.unit, map.no_data);
    match (map.locale, count) {
        (Locale::En, 0) => format!(
            "World map, Equal Earth projection: {title}. No country has a value ({no_data})."
        ),
        (Locale::Fr, 0) => format!(
            "Carte du monde, projection Equal Earth\u{a0}: {title}. Aucun pays n’a de valeur ({no_data})."
        ),
        (Locale::En, _) => format!(
            "World map, Equal Earth projection: {title}. {count} of {countries} countries have a value, from {low} to {high} {unit}, shown in {classes} classes with equal numbers of countries; darker means higher. Grey: {no_data}."
        ),
        (Locale::Fr, _) => format!(
            "Carte du monde, projection Equal Earth\u{a0}: {title}. {count} pays sur {countries} ont une valeur, de {low} à {high} {unit}, en {classes} classes d’effectifs égaux\u{202f}; plus foncé signifie plus élevé. Gris\u{a0}: {no_data}."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::natural_earth_110m;

    fn link(iso3: &str) -> String {
        format!("/countries/{iso3}?tab=map&lang=en")
    }

    fn render(
        world: &World,
        values: &HashMap<String, f64>,
        locale: Locale,
        classes: usize,
    ) -> String {
        choropleth(
            world,
            &Choropleth {
                title: "Battle deaths, 2023",
                unit: "deaths",
                source: "Source: UCDP GED 24.1 · Eirene indicator ucdp.deaths",
                values,
                href: &link,
                no_data: "no data",
                locale,
                classes,
            },
        )
    }

    /// Distinct values for most countries; every seventh has none.
    fn sample_values(world: &World) -> HashMap<String, f64> {
        (world.countries().iter().enumerate())
            .filter(|(i, _)| i % 7 != 3)
            .map(|(i, c)| (c.iso3.clone(), (i * i * 53) as f64))
            .collect()
    }

    fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
        let start = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        &element[start..start + element[start..].find('"').unwrap()]
    }

    /// The `<a>…</a>` of the country with this code.
    fn element<'a>(svg: &'a str, iso3: &str) -> &'a str {
        let at = svg.find(&format!("data-iso3=\"{iso3}\"")).unwrap();
        let start = svg[..at].rfind("<a ").unwrap();
        &svg[start..start + svg[start..].find("</a>").unwrap()]
    }

    #[test]
    fn every_country_is_a_titled_link() {
        let world = natural_earth_110m();
        let values = sample_values(&world);
        let svg = render(&world, &values, Locale::En, 5);
        assert!(svg.matches(r#"<path class="country""#).count() >= 170);
        let coded = world
            .countries()
            .iter()
            .filter(|c| c.code().is_some())
            .count();
        assert_eq!(svg.matches("<a href=").count(), coded);
        assert_eq!(svg.matches("data-iso3=").count(), coded);
        assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());

        let france = element(&svg, "FRA");
        assert!(france.starts_with(r#"<a href="/countries/FRA?tab=map&amp;lang=en""#));
        let value = values["FRA"];
        let label = format!("France: {} deaths", format_number(value, 0, Locale::En));
        assert!(
            france.contains(&format!("<title>{label}</title>")),
            "{france}"
        );
    }

    #[test]
    fn countries_without_a_value_are_grey_and_still_linked() {
        let world = natural_earth_110m();
        let values = sample_values(&world);
        let svg = render(&world, &values, Locale::En, 5);
        let missing = world
            .countries()
            .iter()
            .find(|c| !values.contains_key(&c.iso3))
            .unwrap();
        let shape = element(&svg, &missing.iso3);
        assert!(shape.starts_with(&format!(r#"<a href="/countries/{}"#, missing.iso3)));
        assert_eq!(attribute(shape, "fill"), NO_DATA);
        assert!(shape.contains(&format!(
            "<title>{}: no data</title>",
            escape(&missing.name)
        )));
    }

    #[test]
    fn legend_has_the_classes_and_no_data() {
        let world = natural_earth_110m();
        let values = sample_values(&world);
        for classes in [3, 5, 7] {
            let svg = render(&world, &values, Locale::En, classes);
            assert_eq!(svg.matches(r#"class="swatch""#).count(), classes);
            assert_eq!(svg.matches(r#"class="swatch no-data""#).count(), 1);
            assert!(svg.contains(">deaths</text>"));
            assert!(svg.contains(">no data</text>"));
        }
        // Two distinct values: two classes, whatever was asked.
        let few: HashMap<String, f64> = [("FRA", 1.0), ("DEU", 2.0), ("ITA", 2.0)]
            .map(|(k, v)| (k.to_owned(), v))
            .into();
        let svg = render(&world, &few, Locale::En, 5);
        assert_eq!(svg.matches(r#"class="swatch""#).count(), 2);
    }

    #[test]
    fn colours_follow_the_classes() {
        let world = natural_earth_110m();
        let values = sample_values(&world);
        let svg = render(&world, &values, Locale::En, 5);
        let colours = sequential(5);
        let mut coded: Vec<(&String, &f64)> = values.iter().collect();
        coded.sort_by(|a, b| a.1.total_cmp(b.1));
        let (lowest, highest) = (coded[0].0, coded[coded.len() - 1].0);
        assert_eq!(attribute(element(&svg, lowest), "fill"), colours[0]);
        assert_eq!(attribute(element(&svg, highest), "fill"), colours[4]);
    }

    #[test]
    fn french_numbers() {
        let world = natural_earth_110m();
        let values: HashMap<String, f64> =
            [("FRA".to_owned(), 1234.0), ("DEU".to_owned(), 56.0)].into();
        let svg = render(&world, &values, Locale::Fr, 5);
        assert!(svg.contains("<title>France\u{a0}: 1\u{202F}234 deaths</title>"));
        assert!(svg.contains(">1\u{202F}234</text>"), "the legend too");
        assert!(!svg.contains("1,234 deaths"));
    }

    #[test]
    fn same_input_same_bytes() {
        let world = natural_earth_110m();
        let values = sample_values(&world);
        let mut reversed: Vec<(String, f64)> = values.clone().into_iter().collect();
        reversed.sort_by(|a, b| b.0.cmp(&a.0));
        let rebuilt: HashMap<String, f64> = reversed.into_iter().collect();
        assert_eq!(
            render(&world, &values, Locale::En, 5),
            render(&world, &rebuilt, Locale::En, 5)
        );
    }

    #[test]
    fn paths_are_rounded_and_compact() {
        let world = natural_earth_110m();
        let svg = render(&world, &HashMap::new(), Locale::En, 5);
        assert!(svg.len() < 200_000, "{} bytes", svg.len());
        for piece in svg.split(r#"<path class="country""#).skip(1) {
            let d = attribute(piece, "d");
            let numbers = d
                .split(|c: char| "MLZ ,".contains(c))
                .filter(|n| !n.is_empty());
            for number in numbers {
                let decimals = number.split_once('.').map_or(0, |(_, f)| f.len());
                assert!(decimals <= 1, "{number}");
            }
            for ring in d.split('Z').filter(|r| !r.is_empty()) {
                let points: Vec<&str> = ring[1..].split(['L', ' ']).collect();
                assert!(points.len() >= 3);
                assert!(
                    points.windows(2).all(|p| p[0] != p[1]),
                    "duplicate in {ring}"
                );
            }
        }
    }

    /// A big square (20°) and a small one (0.5°) with awkward names.
    const TWO_SHAPES: &str = r#"{
        "type": "Topology",
        "arcs": [[[0, 0], [20, 0], [20, 20], [0, 20], [0, 0]],
                 [[40, 40], [40.5, 40], [40.5, 40.5], [40, 40.5], [40, 40]]],
        "objects": {"c": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "properties": {"isoA3": "BIH", "name": "Bosnia & <Herz.>"}},
            {"type": "Polygon", "arcs": [[1]], "properties": {"isoA3": "MLT", "name": "\"Malta\""}},
            {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Nowhere's"}}
        ]}}
    }"#;

    #[test]
    fn small_states_get_a_marker_inside_their_link() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let svg = render(&world, &HashMap::new(), Locale::En, 5);
        assert!(!element(&svg, "BIH").contains("<circle"));
        let malta = element(&svg, "MLT");
        assert_eq!(malta.matches(r#"<circle class="marker""#).count(), 1);
        assert_eq!(attribute(malta, "r"), "2.5");
        assert_eq!(svg.matches("<circle").count(), 2, "the uncoded shape too");
    }

    #[test]
    fn names_are_escaped() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let svg = render(&world, &HashMap::new(), Locale::En, 5);
        assert!(svg.contains("<title>Bosnia &amp; &lt;Herz.&gt;: no data</title>"));
        assert!(svg.contains(r#"aria-label="Bosnia &amp; &lt;Herz.&gt;: no data""#));
        assert!(svg.contains("&quot;Malta&quot;: no data"));
        assert!(!svg.contains("Bosnia & "));
        // The uncoded shape is drawn, titled, and not linked.
        assert!(svg.contains(r##"<path class="country" fill="#d4d4d4""##));
        assert!(svg.contains("<title>Nowhere&apos;s: no data</title>"));
        assert_eq!(svg.matches("<a href=").count(), 2);
    }

    #[test]
    fn description_summarises_the_values() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let values: HashMap<String, f64> =
            [("BIH".to_owned(), 2.5), ("MLT".to_owned(), 10.0)].into();
        let svg = render(&world, &values, Locale::En, 5);
        assert!(
            svg.contains("2 of 3 countries have a value, from 2.5 to 10.0 deaths"),
            "{svg}"
        );
        let svg = render(&world, &HashMap::new(), Locale::En, 5);
        assert!(svg.contains("No country has a value (no data)."));
    }
}
