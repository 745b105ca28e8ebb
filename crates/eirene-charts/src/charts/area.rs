//! Stacked area charts.

use std::fmt::Write;

use super::frame::{Axes, Extent, Kind, describe};
use super::{Chart, Series, finite_points, polyline, whole_xs};
use crate::palette::categorical;

pub(super) fn render(chart: &Chart) -> String {
    let Some((stack, axes)) = layout(chart) else {
        let axes = Axes::empty();
        let note = axes.no_data_note(chart.locale);
        let desc = describe(chart, Kind::StackedArea, None);
        return axes.render(chart, Kind::StackedArea, &note, &desc);
    };
    let mut marks = String::from(r#"<g class="areas" stroke-width="1" stroke-linejoin="round">"#);
    for (i, layer) in stack.layers.iter().enumerate() {
        let top = stack
            .xs
            .iter()
            .zip(layer)
            .map(|(&x, &(_, upper))| (x, upper));
        let bottom = stack
            .xs
            .iter()
            .zip(layer)
            .rev()
            .map(|(&x, &(lower, _))| (x, lower));
        let pixels = top.chain(bottom).map(|(x, y)| (axes.x.at(x), axes.y.at(y)));
        // The stroke in the fill colour keeps a single x (a zero-width area) visible.
        let colour = categorical(i);
        let _ = write!(
            marks,
            r#"<path class="area" fill="{colour}" stroke="{colour}" d="{}Z"/>"#,
            polyline(pixels)
        );
    }
    marks.push_str("</g>");
    let totals = stack.xs.iter().copied().zip(stack.totals());
    let extent = Extent::of(totals);
    let desc = describe(chart, Kind::StackedArea, extent.as_ref());
    axes.render(chart, Kind::StackedArea, &marks, &desc)
}

/// The stack and axes fitting it; None when no series has a point.
pub(super) fn layout(chart: &Chart) -> Option<(Stack, Axes)> {
    finite_points(chart.series).next()?;
    let stack = Stack::of(chart.series);
    let bounds = stack
        .layers
        .iter()
        .flatten()
        .flat_map(|&(lower, upper)| [lower, upper]);
    let (low, high) = bounds.fold((0.0f64, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
    let points = stack.xs.iter().map(|&x| (x, 0.0));
    let x_domain = Extent::of(points)?.x_domain();
    let axes = Axes::new(x_domain, whole_xs(chart.series), (low, high), chart.locale);
    Some((stack, axes))
}

/// Series stacked on a shared x.
pub(super) struct Stack {
    /// Every finite x of any series, increasing.
    pub(super) xs: Vec<f64>,
    /// For each series, at each x, the (lower, upper) edge of its layer.
    pub(super) layers: Vec<Vec<(f64, f64)>>,
}

impl Stack {
    fn of(series: &[Series]) -> Stack {
        let mut xs: Vec<f64> = (series.iter().flat_map(|s| &s.points))
            .map(|&(x, _)| x)
            .filter(|x| x.is_finite())
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        let mut running = vec![0.0; xs.len()];
        let layers = series
            .iter()
            .map(|s| {
                let values = values_at(s, &xs);
                (running.iter_mut().zip(values))
                    .map(|(base, value)| {
                        let lower = *base;
                        *base += value;
                        (lower, *base)
                    })
                    .collect()
            })
            .collect();
        Stack { xs, layers }
    }

    /// The top of the stack at each x.
    pub(super) fn totals(&self) -> Vec<f64> {
        match self.layers.last() {
            Some(top) => top.iter().map(|&(_, upper)| upper).collect(),
            None => vec![0.0; self.xs.len()],
        }
    }
}

/// The series' value at each of `xs` (increasing): the sum of its finite y there, 0 if none.
fn values_at(series: &Series, xs: &[f64]) -> Vec<f64> {
    let mut points: Vec<(f64, f64)> = (series.points.iter().copied())
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    xs.iter()
        .map(|&x| {
            let start = points.partition_point(|p| p.0 < x);
            points[start..]
                .iter()
                .take_while(|p| p.0 == x)
                .map(|p| p.1)
                .sum()
        })
        .collect()
}
