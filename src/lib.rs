//! kz-timeline: a fast, offline terminal timeline explorer.
//!
//! Data flows one way: [`model`] (types, loading, validation) → [`query`] (filters, search,
//! the list's rows) → [`app`] (state, actions, a pure `update`) → [`ui`] (pure views of the
//! state) → the thin binary ([`cli`], [`tui`]) that parses arguments and runs the terminal loop.
//! Beside that chain: [`quiz`] generates questions from a timeline, [`export`] writes it out for
//! the command line, and [`text`], [`atomic_file`] and [`state_file`] are small shared helpers.

// The layers, bottom up.
pub mod app;
pub mod cli;
pub mod model;
pub mod query;
pub mod tui;
pub mod ui;

// Beside them.
pub mod atomic_file;
pub mod export;
pub mod lang;
pub mod present_sync;
pub mod quiz;
#[cfg(feature = "serve")]
pub mod serve;
pub mod state_file;
pub mod text;
