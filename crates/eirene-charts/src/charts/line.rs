//! Line charts.

use std::fmt::Write;

use super::frame::{Axes, Extent, Kind, describe};
use super::{Chart, Series, finite_points, polyline, whole_xs};
use crate::palette::categorical;
use crate::svg::px;

pub(super) fn render(chart: &Chart) -> String {
    let Some(extent) = Extent::of(finite_points(chart.series)) else {
        let axes = Axes::empty();
        let note = axes.no_data_note(chart.locale);
        return axes.render(chart, Kind::Line, &note, &describe(chart, Kind::Line, None));
    };
    let axes = Axes::new(
        extent.x_domain(),
        whole_xs(chart.series),
        extent.y,
        chart.locale,
    );
    let mut marks = String::from(
        r#"<g class="lines" fill="none" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">"#,
    );
    for (i, series) in chart.series.iter().enumerate() {
        let colour = categorical(i);
        for run in runs(series) {
            if let [(x, y)] = run.as_slice() {
                let _ = write!(
                    marks,
                    r#"<circle class="point" cx="{}" cy="{}" r="3" fill="{colour}"/>"#,
                    px(axes.x.at(*x)),
                    px(axes.y.at(*y))
                );
            } else {
                let _ = write!(
                    marks,
                    r#"<path class="line" stroke="{colour}" d="{}"/>"#,
                    polyline(run.iter().map(|&(x, y)| (axes.x.at(x), axes.y.at(y))))
                );
            }
        }
    }
    marks.push_str("</g>");
    axes.render(
        chart,
        Kind::Line,
        &marks,
        &describe(chart, Kind::Line, Some(&extent)),
    )
}

/// The series' points in x order, cut into runs at gaps (non-finite y).
fn runs(series: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut points: Vec<(f64, f64)> = (series.points.iter().copied())
        .filter(|(x, _)| x.is_finite())
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points
        .split(|(_, y)| !y.is_finite())
        .filter(|run| !run.is_empty())
        .map(<[(f64, f64)]>::to_vec)
        .collect()
}
