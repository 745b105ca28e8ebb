//! Bar charts, plain or grouped.

use std::fmt::Write;

use super::frame::{Axes, Extent, Kind, describe};
use super::{Chart, finite_points, whole_xs};
use crate::format::{decimals_for, format_number, format_plain};
use crate::palette::categorical;
use crate::svg::{escape, fmt_tenths, px, tenths};

/// Share of the space between two x values that a group of bars fills.
const GROUP_WIDTH: f64 = 0.8;

pub(super) fn render(chart: &Chart) -> String {
    let Some(extent) = Extent::of(finite_points(chart.series)) else {
        let axes = Axes::empty();
        let note = axes.no_data_note(chart.locale);
        return axes.render(chart, Kind::Bar, &note, &describe(chart, Kind::Bar, None));
    };
    let xs = distinct_xs(chart);
    let band = narrowest_gap(&xs).unwrap_or(1.0);
    let x_domain = (extent.x.0 - band / 2.0, extent.x.1 + band / 2.0);
    let axes = Axes::new(x_domain, whole_xs(chart.series), extent.y, chart.locale);
    let group = band * axes.x.per_unit() * GROUP_WIDTH;
    let bar = group / chart.series.len() as f64;
    let zero = axes.y.at(0.0);
    let labels = Labels::new(chart);
    let mut marks = String::from(r#"<g class="bars">"#);
    for (i, series) in chart.series.iter().enumerate() {
        let colour = categorical(i);
        let points = series
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite());
        for &(x, y) in points {
            let left = axes.x.at(x) - group / 2.0 + i as f64 * bar;
            // Both ends rounded, then the height between them: bars end exactly on zero.
            let (end, zero) = (tenths(axes.y.at(y)), tenths(zero));
            let _ = write!(
                marks,
                r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{colour}"><title>{}</title></rect>"#,
                px(left),
                fmt_tenths(end.min(zero)),
                px(gapped(bar)),
                fmt_tenths((end - zero).abs()),
                escape(&labels.bar(chart, &series.name, x, y))
            );
        }
    }
    marks.push_str("</g>");
    axes.render(
        chart,
        Kind::Bar,
        &marks,
        &describe(chart, Kind::Bar, Some(&extent)),
    )
}

/// Every finite x with a value, increasing, once each.
fn distinct_xs(chart: &Chart) -> Vec<f64> {
    let mut xs: Vec<f64> = finite_points(chart.series).map(|(x, _)| x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

/// The smallest distance between consecutive xs: the width each x's group may take.
fn narrowest_gap(xs: &[f64]) -> Option<f64> {
    xs.windows(2).map(|w| w[1] - w[0]).min_by(f64::total_cmp)
}

/// A bar's drawn width: one pixel less, so neighbours stay apart, unless that would hide it.
fn gapped(width: f64) -> f64 {
    if width > 3.0 { width - 1.0 } else { width }
}

/// How the numbers in bar titles are written.
struct Labels {
    x_decimals: usize,
    y_decimals: usize,
}

impl Labels {
    fn new(chart: &Chart) -> Labels {
        let (xs, ys): (Vec<f64>, Vec<f64>) = finite_points(chart.series).unzip();
        Labels {
            x_decimals: decimals_for(&xs),
            y_decimals: decimals_for(&ys),
        }
    }

    /// "2023: 1,234 deaths", with the series name first when bars are grouped.
    fn bar(&self, chart: &Chart, series: &str, x: f64, y: f64) -> String {
        let colon = chart.locale.pick(": ", "\u{a0}: ");
        let x = format_plain(x, self.x_decimals, chart.locale);
        let y = format_number(y, self.y_decimals, chart.locale);
        let unit = chart.unit;
        if chart.series.len() > 1 {
            format!("{series}, {x}{colon}{y} {unit}")
        } else {
            format!("{x}{colon}{y} {unit}")
        }
        .trim_end()
        .to_owned()
    }
}
