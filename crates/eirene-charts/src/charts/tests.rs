use super::*;
use crate::Locale;
use crate::svg::px;

fn series(name: &str, points: &[(f64, f64)]) -> Series {
    Series {
        name: name.to_owned(),
        points: points.to_vec(),
    }
}

fn chart(series: &[Series], locale: Locale) -> Chart<'_> {
    Chart {
        title: "Battle deaths",
        x_label: "Year",
        unit: "deaths",
        source: "Source: UCDP",
        locale,
        series,
    }
}

/// Yearly points from `start` with these values.
fn yearly(start: i32, values: &[f64]) -> Vec<(f64, f64)> {
    (start..)
        .map(f64::from)
        .zip(values.iter().copied())
        .collect()
}

/// The contents of the first `<g class="{class}" …>…</g>`.
fn group<'a>(svg: &'a str, class: &str) -> &'a str {
    let start = svg.find(&format!(r#"<g class="{class}""#)).unwrap();
    let end = start + svg[start..].find("</g>").unwrap();
    &svg[start..end]
}

/// The text of every `<text>` in `fragment`.
fn texts(fragment: &str) -> Vec<&str> {
    fragment
        .split("<text ")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect()
}

fn attribute<'a>(element: &'a str, name: &str) -> &'a str {
    let start = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    &element[start..start + element[start..].find('"').unwrap()]
}

/// The elements that start with `prefix`, up to their end.
fn elements<'a>(svg: &'a str, prefix: &str) -> Vec<&'a str> {
    svg.match_indices(prefix)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .collect()
}

/// Things every chart must be, whatever its data.
fn assert_sound(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(r#"role="img""#) && svg.contains("aria-labelledby=\"eirene-"));
    assert!(svg.contains("<title id=") && svg.contains("<desc id="));
    assert!(svg.contains(">Source: UCDP</text>"));
    for bad in ["NaN", "inf", "∞", "—"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
    assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
}

const ALL: [fn(&Chart) -> String; 3] = [line_chart, stacked_area_chart, bar_chart];

#[test]
fn line_chart_with_two_series() {
    let data = [
        series(
            "Ukraine",
            &yearly(2000, &[10.0, 250.0, 1200.0, 80.0, 4000.0]),
        ),
        series(
            "Sudan",
            &yearly(2000, &[300.0, 320.0, 290.0, 2500.0, 3100.0]),
        ),
    ];
    let svg = line_chart(&chart(&data, Locale::En));
    assert_sound(&svg);
    assert_eq!(svg.matches(r#"<path class="line""#).count(), 2);
    assert!(svg.contains("<desc id=\"eirene-"));
    assert!(svg.contains(
        "Line chart, 2 series (Ukraine, Sudan). Year from 2000 to 2004; deaths from 10 to 4,000."
    ));
    let legend = texts(group(&svg, "legend"));
    assert_eq!(legend, ["Ukraine", "Sudan"]);
    let y_labels = texts(group(&svg, "y-axis"));
    assert_eq!(y_labels, ["0", "1,000", "2,000", "3,000", "4,000"]);
    let x_labels = texts(group(&svg, "x-axis"));
    assert_eq!(x_labels, ["2000", "2001", "2002", "2003", "2004", "Year"]);
    assert!(svg.contains(">deaths</text>"), "the unit titles the y axis");
    // Colour-blind-safe colours, one per series.
    assert!(svg.contains(r##"stroke="#0072B2""##) && svg.contains(r##"stroke="#E69F00""##));
}

#[test]
fn lines_are_drawn_in_x_order_through_the_scale() {
    let data = [series(
        "A",
        &[(2002.0, 20.0), (2000.0, 0.0), (2001.0, 10.0)],
    )];
    let svg = line_chart(&chart(&data, Locale::En));
    let d = attribute(elements(&svg, r#"<path class="line""#)[0], "d");
    let xs: Vec<f64> = d[1..]
        .split(['L', ' '])
        .map(|p| p.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{d}");
    let ys: Vec<f64> = d[1..]
        .split(['L', ' '])
        .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    // Equal steps in the data are equal steps on screen, and up is more.
    assert!(
        (ys[0] - ys[1] - (ys[1] - ys[2])).abs() <= 0.1 && ys[0] > ys[2],
        "{d}"
    );
}

#[test]
fn gaps_break_lines_and_lone_points_stay_visible() {
    let data = [series(
        "A",
        &yearly(2000, &[1.0, 2.0, f64::NAN, 4.0, f64::NAN, 6.0, 7.0]),
    )];
    let svg = line_chart(&chart(&data, Locale::En));
    assert_sound(&svg);
    assert_eq!(svg.matches(r#"<path class="line""#).count(), 2);
    assert_eq!(svg.matches(r#"<circle class="point""#).count(), 1);
}

#[test]
fn one_series_needs_no_legend() {
    let data = [series("Only", &yearly(2010, &[1.0, 2.0]))];
    for render in ALL {
        let svg = render(&chart(&data, Locale::En));
        assert!(!svg.contains(r#"class="legend""#));
    }
}

#[test]
fn empty_charts_say_so() {
    let no_points = [series("A", &[])];
    let all_gaps = [series("A", &yearly(2000, &[f64::NAN, f64::NAN]))];
    let no_x = [series("A", &[(f64::NAN, 1.0)])];
    for data in [&[][..], &no_points, &all_gaps, &no_x] {
        for render in ALL {
            let svg = render(&chart(data, Locale::En));
            assert_sound(&svg);
            assert!(svg.contains(">No data</text>"), "{svg}");
            assert!(svg.contains(": no data.</desc>"));
            assert!(svg.contains(r#"<g class="x-axis""#), "axes are drawn");
            let fr = render(&chart(data, Locale::Fr));
            assert!(fr.contains(">Pas de données</text>"));
        }
    }
}

#[test]
fn a_single_point() {
    let data = [series("A", &[(2020.0, 42.0)])];
    for render in ALL {
        let svg = render(&chart(&data, Locale::En));
        assert_sound(&svg);
        assert!(!svg.contains("No data"));
        assert!(texts(group(&svg, "x-axis")).contains(&"2020"), "{svg}");
        assert_eq!(texts(group(&svg, "y-axis")).last(), Some(&"50"));
    }
    assert!(line_chart(&chart(&data, Locale::En)).contains(r#"<circle class="point""#));
    assert_eq!(
        bar_chart(&chart(&data, Locale::En))
            .matches("<rect class=\"bar\"")
            .count(),
        1
    );
}

#[test]
fn all_zero_values_get_a_unit_axis() {
    let data = [series("A", &yearly(2000, &[0.0, 0.0, 0.0]))];
    for render in ALL {
        let svg = render(&chart(&data, Locale::En));
        assert_sound(&svg);
        let labels = texts(group(&svg, "y-axis"));
        assert_eq!(labels.first(), Some(&"0.0"));
        assert_eq!(labels.last(), Some(&"1.0"));
    }
}

#[test]
fn negative_values_extend_the_axis_below_zero() {
    let data = [series("Balance", &yearly(2000, &[-35.0, 12.5, 80.0]))];
    let svg = line_chart(&chart(&data, Locale::En));
    assert_sound(&svg);
    let labels = texts(group(&svg, "y-axis"));
    assert_eq!(labels.first(), Some(&"-40"));
    assert_eq!(labels.last(), Some(&"80"));
    assert!(svg.contains(r#"<line class="zero""#));

    let svg = bar_chart(&chart(&data, Locale::En));
    let zero: f64 = attribute(elements(&svg, r#"<line class="zero""#)[0], "y1")
        .parse()
        .unwrap();
    let bars = elements(&svg, r#"<rect class="bar""#);
    let number = |bar: &str, name: &str| attribute(bar, name).parse::<f64>().unwrap();
    // The negative bar hangs from zero; the positive ones stand on it.
    assert_eq!(number(bars[0], "y"), zero);
    assert!(number(bars[0], "height") > 0.0);
    for bar in &bars[1..] {
        assert!((number(bar, "y") + number(bar, "height") - zero).abs() < 1e-9);
    }
    assert!(svg.contains("<title>2000: -35.0 deaths</title>"));
}

#[test]
fn lines_start_from_zero_for_positive_data() {
    let data = [series("A", &yearly(2000, &[900.0, 950.0, 1000.0]))];
    let svg = line_chart(&chart(&data, Locale::En));
    assert_eq!(texts(group(&svg, "y-axis")).first(), Some(&"0"));
}

#[test]
fn stacked_totals_are_the_sums() {
    let data = [
        series("A", &[(2000.0, 1.0), (2001.0, 2.0), (2002.0, 3.0)]),
        // No 2000, a gap in 2002: both count as zero.
        series("B", &[(2001.0, 10.0), (2002.0, f64::NAN), (2003.0, 5.0)]),
        series("C", &[(2003.0, 7.0), (2000.0, 4.0), (2001.0, 0.5)]),
    ];
    let chart = chart(&data, Locale::En);
    let (stack, axes) = area::layout(&chart).unwrap();
    assert_eq!(stack.xs, [2000.0, 2001.0, 2002.0, 2003.0]);
    assert_eq!(stack.totals(), [5.0, 12.5, 3.0, 12.0]);
    assert_eq!(stack.layers[1][0], (1.0, 1.0), "B adds nothing in 2000");

    let svg = stacked_area_chart(&chart);
    assert_sound(&svg);
    let paths = elements(&svg, r#"<path class="area""#);
    assert_eq!(paths.len(), 3);
    // The top path's upper edge runs along the totals.
    let d = attribute(paths[2], "d");
    let points: Vec<&str> = d[1..d.len() - 1].split(['L', ' ']).collect();
    assert_eq!(points.len(), 8, "top edge then bottom edge: {d}");
    for ((x, total), point) in stack.xs.iter().zip(stack.totals()).zip(&points) {
        assert_eq!(
            *point,
            format!("{},{}", px(axes.x.at(*x)), px(axes.y.at(total)))
        );
    }
    // And the bottom path's lower edge is the zero line.
    let d = attribute(paths[0], "d");
    let zero = px(axes.y.at(0.0));
    let bottom: Vec<&str> = d[1..d.len() - 1].split(['L', ' ']).skip(4).collect();
    assert!(
        bottom.iter().all(|p| p.ends_with(&format!(",{zero}"))),
        "{d}"
    );
    assert!(svg.contains("Year from 2000 to 2003; deaths from 3.0 to 12.5."));
}

#[test]
fn grouped_bars_sit_side_by_side() {
    let data = [
        series("A", &yearly(2000, &[5.0, 6.0])),
        series("B", &yearly(2000, &[7.0, f64::NAN])),
    ];
    let svg = bar_chart(&chart(&data, Locale::En));
    assert_sound(&svg);
    let bars = elements(&svg, r#"<rect class="bar""#);
    assert_eq!(bars.len(), 3, "no bar for a gap");
    let x = |i: usize| attribute(bars[i], "x").parse::<f64>().unwrap();
    let width = attribute(bars[0], "width").parse::<f64>().unwrap();
    assert!(x(2) >= x(0) + width, "B's 2000 bar is right of A's");
    assert!(x(1) > x(2), "2001 is right of 2000");
    assert!(svg.contains("<title>B, 2000: 7 deaths</title>"));
    assert_eq!(texts(group(&svg, "legend")), ["A", "B"]);
}

#[test]
fn french_charts() {
    let data = [series("Total", &yearly(1990, &[1500.0, 4200.0]))];
    let svg = bar_chart(&chart(&data, Locale::Fr));
    let labels = texts(group(&svg, "y-axis"));
    assert!(labels.contains(&"5\u{202F}000"), "{labels:?}");
    assert!(texts(group(&svg, "x-axis")).contains(&"1990"));
    assert!(svg.contains("<title>1990\u{a0}: 1\u{202F}500 deaths</title>"));
    assert!(svg.contains("Graphique en barres, 1 série (Total). Year de 1990 à 1991"));
}

#[test]
fn fractional_steps_get_decimals() {
    let data = [series("Share", &[(0.0, 0.12), (1.5, 0.34)])];
    let svg = line_chart(&chart(&data, Locale::En));
    let y = texts(group(&svg, "y-axis"));
    assert_eq!(
        y,
        [
            "0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.35"
        ]
    );
    let x = texts(group(&svg, "x-axis"));
    assert_eq!(
        x,
        [
            "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4", "Year"
        ]
    );
}

#[test]
fn text_is_escaped() {
    let data = [
        series("Arms & \"ammunition\"", &yearly(2000, &[1.0, 2.0])),
        series("<script>", &yearly(2000, &[1.0, 2.0])),
    ];
    let mut chart = chart(&data, Locale::En);
    chart.title = "Imports < exports & 'others'";
    for render in ALL {
        let svg = render(&chart);
        assert!(svg.contains("Arms &amp; &quot;ammunition&quot;"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(
            svg.contains("<title id=")
                && svg.contains("Imports &lt; exports &amp; &apos;others&apos;</title>")
        );
        assert!(!svg.contains("<script>") && !svg.contains("& "));
    }
}

#[test]
fn same_input_same_bytes() {
    let data = [
        series("A", &yearly(2000, &[1.0, 2.0, 3.0])),
        series("B", &yearly(2000, &[3.0, 2.0, 1.0])),
    ];
    for render in ALL {
        assert_eq!(
            render(&chart(&data, Locale::En)),
            render(&chart(&data, Locale::En))
        );
    }
}

#[test]
fn long_legends_wrap() {
    let data: Vec<Series> = (0..12)
        .map(|i| {
            series(
                &format!("A fairly long series name {i}"),
                &yearly(2000, &[1.0, 2.0]),
            )
        })
        .collect();
    let svg = line_chart(&chart(&data, Locale::En));
    let legend = group(&svg, "legend");
    let ys: std::collections::BTreeSet<&str> = elements(legend, "<text ")
        .iter()
        .map(|t| attribute(t, "y"))
        .collect();
    assert!(ys.len() >= 3, "{ys:?}");
    let xs = elements(legend, "<text ")
        .into_iter()
        .map(|t| attribute(t, "x").parse::<f64>().unwrap());
    assert!(xs.fold(0.0f64, f64::max) < 936.0);
}
