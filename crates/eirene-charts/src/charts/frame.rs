//! What every chart has around its marks: title, axes, grid, legend, source and description.

use std::fmt::Write;

use super::Chart;
use super::axis::{Scale, Ticks};
use crate::format::{Locale, decimals_for, format_number, format_plain};
use crate::palette::categorical;
use crate::svg::{self, Anchor, px};

/// Top of the plotting area, below the heading and the unit.
const TOP: f64 = 64.0;
/// Bottom of the plotting area.
const BOTTOM: f64 = 364.0;
/// Right edge of the plotting area.
const RIGHT: f64 = svg::WIDTH - 24.0;
const LEGEND_ROW_HEIGHT: f64 = 20.0;
/// Rough width of a character of 11-pixel text, to make room for labels without measuring.
const CHAR_WIDTH: f64 = 6.6;
/// About one x tick per this many pixels.
const X_TICK_SPACING: f64 = 90.0;

/// Which kind of chart, for its description and the shape of its legend swatches.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Line,
    StackedArea,
    Bar,
}

impl Kind {
    fn name(self, locale: Locale) -> &'static str {
        match self {
            Kind::Line => locale.pick("Line chart", "Graphique en courbes"),
            Kind::StackedArea => locale.pick("Stacked area chart", "Graphique en aires empilées"),
            Kind::Bar => locale.pick("Bar chart", "Graphique en barres"),
        }
    }

    /// A legend swatch at (x, y), the top left of a 12-pixel-high item.
    fn swatch(self, x: f64, y: f64, colour: &str) -> String {
        match self {
            Kind::Line => format!(
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2.5"/>"#,
                px(x),
                px(y + 6.0),
                px(x + 18.0),
                px(y + 6.0)
            ),
            Kind::StackedArea | Kind::Bar => format!(
                r#"<rect x="{}" y="{}" width="18" height="12" fill="{colour}"/>"#,
                px(x),
                px(y)
            ),
        }
    }
}

/// The data's extent, as the description tells it.
pub(super) struct Extent {
    pub(super) x: (f64, f64),
    pub(super) y: (f64, f64),
}

impl Extent {
    /// The extent of finite points; None when there are none.
    pub(super) fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Extent> {
        let finite = points
            .into_iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite());
        finite.fold(None, |extent, (x, y)| {
            Some(match extent {
                None => Extent {
                    x: (x, x),
                    y: (y, y),
                },
                Some(Extent {
                    x: (x0, x1),
                    y: (y0, y1),
                }) => Extent {
                    x: (x0.min(x), x1.max(x)),
                    y: (y0.min(y), y1.max(y)),
                },
            })
        })
    }

    /// The x span to draw: the data's, or a unit either side of a single x.
    pub(super) fn x_domain(&self) -> (f64, f64) {
        match self.x {
            (x0, x1) if x0 < x1 => (x0, x1),
            (x, _) => (x - 1.0, x + 1.0),
        }
    }
}

/// Scales and ticks of a chart's axes.
pub(super) struct Axes {
    pub(super) x: Scale,
    pub(super) y: Scale,
    x_ticks: Vec<f64>,
    x_decimals: usize,
    y_ticks: Vec<f64>,
    y_decimals: usize,
    left: f64,
}

impl Axes {
    /// Axes for x over `x_domain` and y over `y_data` stretched to include zero (bars and areas
    /// start from zero, and a line chart starting elsewhere exaggerates changes).
    /// `whole_x` (years) keeps x ticks at whole numbers.
    pub(super) fn new(
        x_domain: (f64, f64),
        whole_x: bool,
        y_data: (f64, f64),
        locale: Locale,
    ) -> Axes {
        let (low, high) = (y_data.0.min(0.0), y_data.1.max(0.0));
        let high = if low == high { 1.0 } else { high };
        let y_ticks = Ticks::covering(low, high, 5);
        let y_decimals = y_ticks.decimals();
        let widest = (y_ticks.values.iter())
            .map(|&v| format_number(v, y_decimals, locale).chars().count())
            .max()
            .unwrap_or(1);
        let left = (24.0 + widest as f64 * CHAR_WIDTH).max(48.0);
        let target = ((RIGHT - left) / X_TICK_SPACING) as usize;
        let x_ticks = Ticks::inside(
            x_domain.0,
            x_domain.1,
            target,
            if whole_x { 1.0 } else { 0.0 },
        );
        let y_domain = (y_ticks.values[0], y_ticks.values[y_ticks.values.len() - 1]);
        Axes {
            x: Scale::new(x_domain, (left, RIGHT)),
            y: Scale::new(y_domain, (BOTTOM, TOP)),
            x_decimals: x_ticks.decimals(),
            x_ticks: x_ticks.values,
            y_ticks: y_ticks.values,
            y_decimals,
            left,
        }
    }

    /// Bare axes with no ticks, for a chart with nothing to plot.
    pub(super) fn empty() -> Axes {
        let left = 48.0;
        Axes {
            x: Scale::new((0.0, 1.0), (left, RIGHT)),
            y: Scale::new((0.0, 1.0), (BOTTOM, TOP)),
            x_ticks: Vec::new(),
            x_decimals: 0,
            y_ticks: Vec::new(),
            y_decimals: 0,
            left,
        }
    }

    /// The "no data" note, centred in the plotting area.
    pub(super) fn no_data_note(&self, locale: Locale) -> String {
        svg::text(
            (self.left + RIGHT) / 2.0,
            (TOP + BOTTOM) / 2.0,
            Anchor::Middle,
            r##" class="no-data" font-size="14" fill="#666""##,
            locale.pick("No data", "Pas de données"),
        )
    }

    /// The whole document: frame, `marks` on the grid, legend, source; `desc` for screen
    /// readers.
    pub(super) fn render(&self, chart: &Chart, kind: Kind, marks: &str, desc: &str) -> String {
        let mut body = svg::heading(chart.title);
        body.push_str(&svg::text(
            self.left,
            TOP - 12.0,
            Anchor::Start,
            r##" class="axis-title" font-size="12" fill="#444""##,
            chart.unit,
        ));
        body.push_str(&self.y_axis(chart.locale));
        body.push_str(marks);
        body.push_str(&self.x_axis(chart));
        let legend_top = BOTTOM + 58.0;
        let (legend, rows) = legend(chart, kind, self.left, legend_top);
        body.push_str(&legend);
        let source_y = legend_top + rows as f64 * LEGEND_ROW_HEIGHT + 14.0;
        body.push_str(&svg::source_line(chart.source, source_y));
        svg::document(source_y + 12.0, chart.title, desc, &body)
    }

    /// Grid lines and labels at the y ticks, and a darker line at zero when values go below it.
    fn y_axis(&self, locale: Locale) -> String {
        let mut out = String::from(r##"<g class="y-axis" font-size="11" fill="#444">"##);
        for &tick in &self.y_ticks {
            let y = self.y.at(tick);
            let _ = write!(
                out,
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e3e3e3"/>"##,
                px(self.left),
                px(y),
                px(RIGHT),
                px(y)
            );
            let label = format_number(tick, self.y_decimals, locale);
            out.push_str(&svg::text(
                self.left - 8.0,
                y + 4.0,
                Anchor::End,
                "",
                &label,
            ));
        }
        let (low, high) = self.y.domain();
        if low < 0.0 && high > 0.0 {
            let y = px(self.y.at(0.0));
            let _ = write!(
                out,
                r##"<line class="zero" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#555"/>"##,
                px(self.left),
                px(RIGHT)
            );
        }
        out.push_str("</g>");
        out
    }

    /// The axis lines, x ticks labelled without thousands separators (years), and the x title.
    fn x_axis(&self, chart: &Chart) -> String {
        let (left, right, bottom) = (px(self.left), px(RIGHT), px(BOTTOM));
        let mut out = format!(
            r##"<g class="x-axis" font-size="11" fill="#444"><path d="M{left},{top}V{bottom}H{right}" fill="none" stroke="#333"/>"##,
            top = px(TOP)
        );
        for &tick in &self.x_ticks {
            let x = self.x.at(tick);
            let _ = write!(
                out,
                r##"<line x1="{0}" y1="{bottom}" x2="{0}" y2="{1}" stroke="#333"/>"##,
                px(x),
                px(BOTTOM + 5.0)
            );
            let label = format_plain(tick, self.x_decimals, chart.locale);
            out.push_str(&svg::text(x, BOTTOM + 19.0, Anchor::Middle, "", &label));
        }
        out.push_str(&svg::text(
            (self.left + RIGHT) / 2.0,
            BOTTOM + 40.0,
            Anchor::Middle,
            r##" class="axis-title" font-size="12" fill="#444""##,
            chart.x_label,
        ));
        out.push_str("</g>");
        out
    }
}

/// One item per series when there are several (a single series is named by the title),
/// wrapped into rows; returns the SVG and the number of rows.
fn legend(chart: &Chart, kind: Kind, left: f64, top: f64) -> (String, usize) {
    if chart.series.len() < 2 {
        return (String::new(), 0);
    }
    let mut out = String::from(r##"<g class="legend" font-size="11" fill="#222">"##);
    let (mut x, mut row) = (left, 0);
    for (i, series) in chart.series.iter().enumerate() {
        let width = 24.0 + series.name.chars().count() as f64 * CHAR_WIDTH + 16.0;
        if x > left && x + width > RIGHT {
            (x, row) = (left, row + 1);
        }
        let y = top + row as f64 * LEGEND_ROW_HEIGHT;
        out.push_str(&kind.swatch(x, y, categorical(i)));
        out.push_str(&svg::text(
            x + 24.0,
            y + 10.0,
            Anchor::Start,
            "",
            &series.name,
        ));
        x += width;
    }
    out.push_str("</g>");
    (out, row + 1)
}

/// The `<desc>`: the kind of chart, its series and the ranges of x and of `y` (the values, or
/// for stacked areas the totals), in the chart's language.
pub(super) fn describe(chart: &Chart, kind: Kind, extent: Option<&Extent>) -> String {
    let name = kind.name(chart.locale);
    let Some(extent) = extent else {
        return match chart.locale {
            Locale::En => format!("{name}: no data."),
            Locale::Fr => format!("{name}\u{a0}: pas de données."),
        };
    };
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    let names = names.join(", ");
    let count = chart.series.len();
    let x_decimals = decimals_for(&[extent.x.0, extent.x.1]);
    let y_decimals = decimals_for(&[extent.y.0, extent.y.1]);
    let x0 = format_plain(extent.x.0, x_decimals, chart.locale);
    let x1 = format_plain(extent.x.1, x_decimals, chart.locale);
    let y0 = format_number(extent.y.0, y_decimals, chart.locale);
    let y1 = format_number(extent.y.1, y_decimals, chart.locale);
    let (x_label, unit) = (chart.x_label, chart.unit);
    match chart.locale {
        Locale::En => format!(
            "{name}, {count} series ({names}). {x_label} from {x0} to {x1}; {unit} from {y0} to {y1}."
        ),
        Locale::Fr => format!(
            "{name}, {count} série{plural} ({names}). {x_label} de {x0} à {x1}\u{202f}; {unit} de {y0} à {y1}.",
            plural = if count == 1 { "" } else { "s" }
        ),
    }
}
