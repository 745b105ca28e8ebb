//! Charts of series over x (usually years): lines, stacked areas and bars.
//!
//! All three share one frame: heading, unit above the y axis (read horizontally,
//! not rotated), grid at nice y ticks from zero, x ticks labelled as years, legend when there
//! are several series, source line, and a `<desc>` summarising the data.

mod area;
mod axis;
mod bar;
mod frame;
mod line;

use crate::svg::{tenths, write_polyline};

/// One named series of (x, y) points; a NaN y is a gap (a year without data).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend and the description.
    pub name: String,
    /// (x, y) points, e.g. (year, value), in any order.
    pub points: Vec<(f64, f64)>,
}

/// What to show on a chart.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    /// Accessible `<title>` and visible heading.
    pub title: &'a str,
    /// Title of the x axis, e.g. "Year".
    pub x_label: &'a str,
    /// Unit of y, shown as the y axis title, e.g. "deaths".
    pub unit: &'a str,
    /// Source line at the bottom.
    pub source: &'a str,
    /// Language of numbers and of the description.
    pub locale: crate::Locale,
    /// The series, in legend order (and stacking order, bottom first).
    pub series: &'a [Series],
}

/// One line per series, legend, y from 0 unless negative values.
///
/// Gaps (NaN y) break the line; a point alone between gaps is drawn as a dot so it does not
/// vanish. Points are drawn in x order whatever their order in the series.
pub fn line_chart(chart: &Chart) -> String {
    line::render(chart)
}

/// Series stacked in order; all series share x values (missing x = 0).
///
/// The x values are the union of all series' x; a series without a value at one of them (or
/// with NaN there) adds 0, and a series with two values at one x adds both. Negative values
/// are stacked as they are (the layer then goes down from the one below).
pub fn stacked_area_chart(chart: &Chart) -> String {
    area::render(chart)
}

/// First series only: vertical bars at each x; or grouped if several series.
///
/// Bars start at zero and go down for negative values; each carries a `<title>` with its
/// value, so readers can hover for the exact figure.
pub fn bar_chart(chart: &Chart) -> String {
    bar::render(chart)
}

/// Every point with a finite x and y, across all series.
fn finite_points(series: &[Series]) -> impl Iterator<Item = (f64, f64)> + '_ {
    series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .filter(|(x, y)| x.is_finite() && y.is_finite())
}

/// Whether every x is a whole number (years), so x ticks stay whole.
fn whole_xs(series: &[Series]) -> bool {
    finite_points(series).all(|(x, _)| x.fract() == 0.0)
}

/// `M x,y L x,y x,y …` through pixel points, rounded to a tenth of a pixel.
fn polyline(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    let tenths = points.into_iter().map(|(x, y)| (tenths(x), tenths(y)));
    write_polyline(&mut d, tenths);
    d
}

#[cfg(test)]
mod tests;
