//! World maps of categories, such as the status of each country towards a treaty.

use std::collections::HashMap;

use crate::format::Locale;
use crate::palette::category_fill;
use crate::topojson::{Country, World};
use crate::world_map::{Shade, WorldMap};

/// One category of a categorical map.
pub struct Category<'a> {
    /// Shown in the legend and in the title of each country in it, e.g. "Party".
    pub label: &'a str,
}

/// What to show on a categorical world map.
pub struct CategoryMap<'a> {
    /// Accessible `<title>` of the svg and visible heading text.
    pub title: &'a str,
    /// Source line at the bottom, e.g. "Source: UN Treaty Collection".
    pub source: &'a str,
    /// The categories, in legend order.
    pub categories: &'a [Category<'a>],
    /// Each country's category (index into `categories`), by ISO3; absent = no data. An index
    /// past the end of `categories` counts as no data too.
    pub assignment: &'a HashMap<String, usize>,
    /// Link for a country's shape, from its ISO3.
    pub href: &'a dyn Fn(&str) -> String,
    /// Legend label for countries without a category ("no data" / "pas de données").
    pub no_data: &'a str,
    /// Language of the description.
    pub locale: Locale,
}

/// A world map of categories as a standalone SVG document (width 960, responsive viewBox),
/// drawn like the [`choropleth()`](crate::choropleth()): the same frame, countries as
/// `<a href><path class="country" data-iso3><title>Name: Category</title>`, markers for states
/// too small to see, and a legend with one swatch per category and one for no data.
///
/// Category `i` is filled with the `i`-th colour of the Okabe–Ito palette in the charts' order,
/// without yellow: blue #0072B2, orange #E69F00, bluish green #009E73, vermilion #D55E00, sky
/// blue #56B4E9, reddish purple #CC79A7, black #000000. Yellow is left out because it is
/// nearly as light as the no-data grey #d4d4d4. Past seven categories the colours repeat, so
/// category 7 looks like category 0: keep a map to seven categories, or tell them apart by the
/// countries' titles.
pub fn category_map(world: &World, map: &CategoryMap) -> String {
    let categories: Vec<Option<usize>> =
        world.countries().iter().map(|c| category(map, c)).collect();
    let world_map = WorldMap {
        title: map.title,
        source: map.source,
        href: map.href,
        no_data: map.no_data,
        locale: map.locale,
        legend_heading: None,
        swatches: (map.categories.iter().enumerate())
            .map(|(i, category)| (category_fill(i), category.label.to_owned()))
            .collect(),
        description: describe(map, &categories),
    };
    world_map.render(world, |country| {
        category(map, country).map(|i| Shade {
            fill: category_fill(i),
            text: map.categories[i].label.to_owned(),
        })
    })
}

/// A country's category, if its code has one that exists.
fn category(map: &CategoryMap, country: &Country) -> Option<usize> {
    let index = *map.assignment.get(country.code()?)?;
    (index < map.categories.len()).then_some(index)
}

/// The `<desc>`: the categories in legend order with how many countries are in each, for
/// readers who cannot see the map.
fn describe(map: &CategoryMap, categories: &[Option<usize>]) -> String {
    let countries = categories.len();
    let count = categories.iter().flatten().count();
    let without = countries - count;
    let n = map.categories.len();
    let counts = (map.categories.iter().enumerate())
        .map(|(i, category)| {
            let k = categories.iter().filter(|&&c| c == Some(i)).count();
            format!("{} ({k})", category.label)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let (title, no_data) = (map.title, map.no_data);
    match (map.locale, count) {
        (Locale::En, 0) => format!(
            "World map, Equal Earth projection: {title}. No country is in a category ({no_data})."
        ),
        (Locale::Fr, 0) => format!(
            "Carte du monde, projection Equal Earth\u{a0}: {title}. Aucun pays n’est dans une catégorie ({no_data})."
        ),
        (Locale::En, _) => {
            let noun = if n == 1 { "category" } else { "categories" };
            format!(
                "World map, Equal Earth projection: {title}. {count} of {countries} countries in {n} {noun}: {counts}. Grey: {no_data} ({without})."
            )
        }
        (Locale::Fr, _) => {
            let noun = if n == 1 { "catégorie" } else { "catégories" };
            format!(
                "Carte du monde, projection Equal Earth\u{a0}: {title}. {count} pays sur {countries} en {n} {noun}\u{a0}: {counts}. Gris\u{a0}: {no_data} ({without})."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::NO_DATA;
    use crate::testdata::{TWO_SHAPES, attribute, element, natural_earth_110m, reinserted};

    fn link(iso3: &str) -> String {
        format!("/treaties/att/countries/{iso3}?lang=en")
    }

    const STATUSES: [Category; 5] = [
        Category { label: "Party" },
        Category { label: "Bound" },
        Category { label: "Signatory" },
        Category { label: "Withdrawn" },
        Category { label: "Outside" },
    ];

    fn render(
        world: &World,
        categories: &[Category],
        assignment: &HashMap<String, usize>,
        locale: Locale,
    ) -> String {
        category_map(
            world,
            &CategoryMap {
                title: "Arms Trade Treaty: status",
                source: "Source: UN Treaty Collection · Eirene treaty att",
                categories,
                assignment,
                href: &link,
                no_data: "no data",
                locale,
            },
        )
    }

    /// Countries in turn in each of the five statuses; every sixth has none.
    fn sample_assignment(world: &World) -> HashMap<String, usize> {
        (world.countries().iter().enumerate())
            .filter(|(i, _)| i % 6 != 5)
            .map(|(i, c)| (c.iso3.clone(), i % 6))
            .collect()
    }

    #[test]
    fn every_country_has_its_category_fill() {
        let world = natural_earth_110m();
        let assignment = sample_assignment(&world);
        let svg = render(&world, &STATUSES, &assignment, Locale::En);
        let paths: Vec<&str> = svg.split(r#"<path class="country""#).skip(1).collect();
        assert_eq!(paths.len(), world.countries().len());
        let (mut assigned, mut unassigned) = (0, 0);
        for (country, path) in world.countries().iter().zip(&paths) {
            let expected = match country.code().and_then(|code| assignment.get(code)) {
                Some(&i) => {
                    assigned += 1;
                    category_fill(i)
                }
                None => {
                    unassigned += 1;
                    NO_DATA
                }
            };
            assert_eq!(attribute(path, "fill"), expected, "{}", country.name);
        }
        assert!(assigned > 120 && unassigned > 20, "{assigned} {unassigned}");
        let fills: Vec<&str> = (0..5).map(category_fill).collect();
        for (i, fill) in fills.iter().enumerate() {
            assert!(!fills[..i].contains(fill), "five different colours");
            assert_ne!(*fill, NO_DATA);
        }
    }

    #[test]
    fn every_country_is_a_link_titled_with_its_category() {
        let world = natural_earth_110m();
        let assignment: HashMap<String, usize> =
            [("FRA".to_owned(), 0), ("USA".to_owned(), 2)].into();
        let svg = render(&world, &STATUSES, &assignment, Locale::En);
        let coded = (world.countries().iter())
            .filter(|c| c.code().is_some())
            .count();
        assert_eq!(svg.matches("<a href=").count(), coded);
        assert_eq!(svg.matches("data-iso3=").count(), coded);

        let france = element(&svg, "FRA");
        assert!(france.starts_with(r#"<a href="/treaties/att/countries/FRA?lang=en""#));
        assert!(france.contains(r#"aria-label="France: Party""#), "{france}");
        assert!(france.contains("<title>France: Party</title>"), "{france}");
        assert_eq!(attribute(france, "fill"), category_fill(0));
        let usa = element(&svg, "USA");
        assert!(usa.contains("<title>United States of America: Signatory</title>"));
        let germany = element(&svg, "DEU");
        assert!(
            germany.contains("<title>Germany: no data</title>"),
            "{germany}"
        );
        assert_eq!(attribute(germany, "fill"), NO_DATA);

        let french = render(&world, &STATUSES, &assignment, Locale::Fr);
        assert!(french.contains("<title>France\u{a0}: Party</title>"));
    }

    #[test]
    fn legend_has_a_swatch_per_category_and_no_data() {
        let world = natural_earth_110m();
        let assignment = sample_assignment(&world);
        for count in [1, 3, 5] {
            let svg = render(&world, &STATUSES[..count], &assignment, Locale::En);
            assert_eq!(svg.matches(r#"<rect class="swatch""#).count(), count);
            assert_eq!(svg.matches(r#"<rect class="swatch no-data""#).count(), 1);
            for (i, category) in STATUSES[..count].iter().enumerate() {
                let swatch = svg.split(r#"<rect class="swatch""#).nth(i + 1).unwrap();
                assert_eq!(attribute(swatch, "fill"), category_fill(i));
                let label = &swatch[swatch.find("<text").unwrap()..];
                assert!(label.contains(&format!(">{}</text>", category.label)));
            }
            let no_data = svg.split(r#"<rect class="swatch no-data""#).nth(1).unwrap();
            assert_eq!(attribute(no_data, "fill"), NO_DATA);
            assert!(no_data.contains(">no data</text>"));
        }
    }

    #[test]
    fn labels_and_names_are_escaped() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let categories = [
            Category {
                label: "Party & <bound>",
            },
            Category {
                label: "\"Signatory\" 'only'",
            },
        ];
        let assignment: HashMap<String, usize> =
            [("BIH".to_owned(), 0), ("MLT".to_owned(), 1)].into();
        let svg = render(&world, &categories, &assignment, Locale::En);
        assert!(
            svg.contains(">Party &amp; &lt;bound&gt;</text>"),
            "the legend"
        );
        assert!(svg.contains(">&quot;Signatory&quot; &apos;only&apos;</text>"));
        assert!(
            svg.contains("<title>Bosnia &amp; &lt;Herz.&gt;: Party &amp; &lt;bound&gt;</title>")
        );
        assert!(
            svg.contains(
                r#"aria-label="&quot;Malta&quot;: &quot;Signatory&quot; &apos;only&apos;""#
            )
        );
        assert!(!svg.contains("Party & "));
        assert!(!svg.contains("<bound>"));
        assert!(!svg.contains("\"Signatory\""));
    }

    #[test]
    fn small_states_get_a_marker_in_their_category_colour() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let assignment: HashMap<String, usize> = [("MLT".to_owned(), 3)].into();
        let svg = render(&world, &STATUSES, &assignment, Locale::En);
        let malta = element(&svg, "MLT");
        let marker = &malta[malta.find(r#"<circle class="marker""#).unwrap()..];
        assert_eq!(attribute(marker, "fill"), category_fill(3));
        assert!(marker.contains("<title>&quot;Malta&quot;: Withdrawn</title>"));
        assert!(!element(&svg, "BIH").contains("<circle"));
    }

    #[test]
    fn unknown_categories_count_as_no_data() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let assignment: HashMap<String, usize> =
            [("BIH".to_owned(), 5), ("MLT".to_owned(), 4)].into();
        let svg = render(&world, &STATUSES, &assignment, Locale::En);
        let bosnia = element(&svg, "BIH");
        assert_eq!(attribute(bosnia, "fill"), NO_DATA);
        assert!(bosnia.contains(": no data</title>"));
        assert_eq!(attribute(element(&svg, "MLT"), "fill"), category_fill(4));
    }

    #[test]
    fn colours_repeat_past_the_palette() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let labels: Vec<String> = (0..9).map(|i| format!("Status {i}")).collect();
        let categories: Vec<Category> = labels.iter().map(|label| Category { label }).collect();
        let assignment: HashMap<String, usize> =
            [("BIH".to_owned(), 0), ("MLT".to_owned(), 7)].into();
        let svg = render(&world, &categories, &assignment, Locale::En);
        assert_eq!(svg.matches(r#"<rect class="swatch""#).count(), 9);
        assert_eq!(
            attribute(element(&svg, "MLT"), "fill"),
            attribute(element(&svg, "BIH"), "fill")
        );
        assert!(element(&svg, "MLT").contains("<title>&quot;Malta&quot;: Status 7</title>"));
    }

    #[test]
    fn same_input_same_bytes() {
        let world = natural_earth_110m();
        let assignment = sample_assignment(&world);
        let rebuilt = reinserted(&assignment);
        let svg = render(&world, &STATUSES, &assignment, Locale::En);
        assert_eq!(svg, render(&world, &STATUSES, &rebuilt, Locale::En));
        assert_eq!(svg, render(&world, &STATUSES, &assignment, Locale::En));
    }

    #[test]
    fn same_frame_as_the_choropleth() {
        let world = natural_earth_110m();
        let map = render(&world, &STATUSES, &HashMap::new(), Locale::En);
        let choropleth = crate::choropleth(
            &world,
            &crate::Choropleth {
                title: "Arms Trade Treaty: status",
                unit: "",
                source: "",
                values: &HashMap::new(),
                href: &link,
                no_data: "no data",
                locale: Locale::En,
                classes: 5,
            },
        );
        let countries = |svg: &str| {
            let start = svg.find(r#"<path class="sphere""#).unwrap();
            svg[start..start + svg[start..].find("</g>").unwrap()].to_owned()
        };
        assert_eq!(
            countries(&map),
            countries(&choropleth),
            "sphere and countries"
        );
        assert!(map.contains(r#"role="img""#));
        assert!(map.contains(">Arms Trade Treaty: status</title>"));
        assert!(map.contains(">Source: UN Treaty Collection · Eirene treaty att</text>"));
    }

    #[test]
    fn description_counts_each_category() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let assignment: HashMap<String, usize> =
            [("BIH".to_owned(), 0), ("MLT".to_owned(), 0)].into();
        let svg = render(&world, &STATUSES[..2], &assignment, Locale::En);
        assert!(
            svg.contains(
                "2 of 3 countries in 2 categories: Party (2), Bound (0). Grey: no data (1).</desc>"
            ),
            "{svg}"
        );
        let svg = render(&world, &STATUSES[..1], &assignment, Locale::Fr);
        assert!(
            svg.contains("2 pays sur 3 en 1 catégorie\u{a0}: Party (2). Gris\u{a0}: no data (1).")
        );
        let svg = render(&world, &STATUSES, &HashMap::new(), Locale::En);
        assert!(svg.contains("No country is in a category (no data)."));
    }

    #[test]
    fn long_legend_labels_do_not_overlap() {
        let world = World::from_topojson(TWO_SHAPES, "c").unwrap();
        let long = [
            Category { label: "party" },
            Category {
                label: "bound, not yet in force for the state",
            },
            Category { label: "signatory" },
        ];
        let svg = render(&world, &long, &HashMap::new(), Locale::En);
        let xs: Vec<f64> = svg
            .split("class=\"swatch")
            .skip(1)
            .map(|rest| {
                let at = rest.find(" x=\"").unwrap() + 4;
                rest[at..].split('"').next().unwrap().parse().unwrap()
            })
            .collect();
        assert_eq!(xs.len(), 4, "three categories and no data");
        let needed = 40.0 + 6.2 * long[1].label.len() as f64;
        for pair in xs.windows(2).filter(|w| w[1] > w[0]) {
            assert!(pair[1] - pair[0] >= needed, "{xs:?}");
        }
    }
}
