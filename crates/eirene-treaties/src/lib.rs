//! Treaty participation at any date.
//!
//! The data flow, one module each: the [`registry`] of treaties and their date-of-effect
//! [`rules`]; dated [`action`]s read from published files by [`import`]; kept, edited and
//! audited in the [`records`] database; turned into each state's [`status`] at a date against
//! the list of [`states`]. Status is a pure function of the actions, so every answer can be
//! traced back to the rows (and their files or editors) that produced it.

pub mod action;
pub mod import;
pub mod records;
pub mod reference;
pub mod registry;
pub mod rules;
pub mod states;
pub mod status;

pub use action::{Action, ActionKind, Provenance, StatusFact};
pub use registry::{Registry, Treaty};
pub use status::{StateStatus, Status, Summary};

#[cfg(test)]
mod tests;
