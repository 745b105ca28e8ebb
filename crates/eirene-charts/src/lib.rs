//! Maps and charts for Eirene, rendered as SVG on the server.
//!
//! Every figure the observatory shows is a standalone SVG document built here from plain data:
//! a world [`choropleth()`] in the Equal Earth projection from Natural Earth's TopoJSON, a
//! world [`category_map()`] of categories (such as each country's status towards a treaty) in
//! the same frame, and [`line_chart`], [`stacked_area_chart`] and [`bar_chart`] for time
//! series.
//!
//! Why SVG on the server: the same bytes go into the web page, the printed brief and the PDF,
//! so a figure a parliamentarian cites is the figure everyone else sees; it needs no
//! JavaScript, so it works in locked-down parliamentary browsers and for screen readers (each
//! figure carries a `<title>` and `<desc>`, each country a title and a link); and it is
//! deterministic (the same data gives the same bytes), so figures can be cached and tested.
//!
//! The modules: [`format`](mod@format) writes numbers per [`Locale`]; [`topojson`] decodes the map data
//! into a [`World`]; [`projection`] holds the Equal Earth formulas; [`classes`] groups values
//! into quantile legend classes; [`choropleth`](mod@choropleth) and
//! [`category_map`](mod@category_map) draw the maps (on what every world map shares: the
//! frame, the countries, the legend and the document) and [`charts`] the charts. Colours come
//! from colour-blind-safe palettes only (viridis for choropleths, Okabe–Ito for series and
//! categories).

mod antimeridian;
pub mod category_map;
pub mod charts;
pub mod choropleth;
pub mod classes;
pub mod format;
mod palette;
pub mod projection;
mod svg;
pub mod topojson;
mod world_map;

#[cfg(test)]
mod testdata;

pub use category_map::{Category, CategoryMap, category_map};
pub use charts::{Chart, Series, bar_chart, line_chart, stacked_area_chart};
pub use choropleth::{Choropleth, choropleth};
pub use classes::Classes;
pub use format::{Locale, format_number};
pub use projection::equal_earth;
pub use topojson::{Country, MapError, World};
