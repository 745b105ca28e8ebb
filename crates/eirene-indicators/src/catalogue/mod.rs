//! The catalogue entries, one module per source family. Each module's SQL lives in
//! `sql/<indicator id>.sql`.

mod acled;
mod sdg;
mod sipri;
mod ucdp;
mod unhcr;

use crate::Indicator;

/// Every group of indicators, in listing order.
pub static ALL: &[&[&Indicator]] = &[
    ucdp::INDICATORS,
    sdg::INDICATORS,
    sipri::INDICATORS,
    unhcr::INDICATORS,
    acled::INDICATORS,
];
