//! kz-timeline: a fast, offline terminal timeline explorer.
//!
//! Data flows one way: [`model`] (types, loading, validation) → [`query`] (filters, indexes) →
//! [`app`] (state, actions, a pure `update`) → [`ui`] (pure views of the state) → the thin binary
//! (`main.rs`, [`cli`], [`tui`]) that parses arguments and runs the terminal loop.

pub mod model;
pub mod quiz;
pub mod query;
pub mod app;
pub mod ui;
pub mod cli;
pub mod export;
pub mod atomic_file;
pub mod state_file;
pub mod text;
pub mod tui;
