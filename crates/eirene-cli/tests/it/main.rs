//! Integration tests of the `eirene` command against the real shared data files.
//!
//! One test binary (each one links DataFusion), split by topic.

mod server;
mod support;

mod browser;
mod docs;
mod download;
mod exposure;
mod index;
mod indicators_acled;
mod indicators_sipri_unhcr;
mod indicators_ucdp_conflicts;
mod indicators_ucdp_deaths;
mod malformed;
mod real_files;
mod sql;
mod store_parquet;
mod treaties;
mod web;
