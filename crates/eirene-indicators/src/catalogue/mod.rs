//! The catalogue entries, one module per source family. Each module's SQL lives in
//! `sql/<indicator id>.sql`.

mod ucdp;

use crate::Indicator;

/// Every group of indicators, in listing order.
pub static ALL: &[&[&Indicator]] = &[ucdp::INDICATORS];
