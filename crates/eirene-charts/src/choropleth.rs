//! World choropleth maps.

use std::collections::HashMap;

use crate::classes::Classes;
use crate::format::{Locale, decimals_for, format_number};
use crate::palette::{NO_DATA, sequential};
use crate::topojson::{Country, World};
use crate::world_map::{Shade, WorldMap};

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

/// A world choropleth as a standalone SVG document (width 960, responsive viewBox).
///
/// Each country is `<a href><path class="country" data-iso3><title>` so a reader can hover,
/// click or tab to it, with a marker for states too small to see. Classes are quantiles of the
/// values of the countries on the map (a value for a code the map does not draw does not shift
/// the legend).
pub fn choropleth(world: &World, map: &Choropleth) -> String {
    let known: Vec<f64> = world
        .countries()
        .iter()
        .filter_map(|c| value(map, c))
        .collect();
    let legend = Legend::new(&known, map);
    let swatches = (legend.classes.ranges().iter())
        .zip(&legend.colours)
        .map(|(&range, colour)| (colour.as_str(), legend.range_label(range, map.locale)))
        .collect();
    let world_map = WorldMap {
        title: map.title,
        source: map.source,
        href: map.href,
        no_data: map.no_data,
        locale: map.locale,
        legend_heading: Some(map.unit),
        swatches,
        description: describe(map, &known, world.countries().len(), &legend),
    };
    world_map.render(world, |country| {
        value(map, country).map(|v| Shade {
            fill: legend.colour(v),
            text: value_text(v, &legend, map),
        })
    })
}

/// A country's value, if its code has a finite one.
fn value(map: &Choropleth, country: &Country) -> Option<f64> {
    let value = *map.values.get(country.code()?)?;
    value.is_finite().then_some(value)
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

    fn colour(&self, value: f64) -> &str {
        self.classes
            .class_of(value)
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
}

/// What a country's title says after its name: "1,234 deaths", or "1 234 morts" in French.
fn value_text(value: f64, legend: &Legend, map: &Choropleth) -> String {
    let number = legend.number(value, map.locale);
    if map.unit.is_empty() {
        number
    } else {
        format!("{number} {}", map.unit)
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
    use crate::svg::escape;
    use crate::testdata::{TWO_SHAPES, attribute, element, natural_earth_110m, reinserted};

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
        let rebuilt = reinserted(&values);
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
