//! tomcheck keeps a company's GDPR TOM (technical and organisational measures, Art. 32
//! GDPR) and its service providers as TOML facts in git and checks them with Rego
//! policies evaluated in-process by regorus.
//!
//! Data flows one way: [`source`] (working tree, index or commit) → [`facts`] (TOML
//! parsed with spans, validated, merged) → [`engine`] (bundled and repository policies)
//! → [`findings`] (located, overridden, waived, compared) → [`report`] (one module per
//! format). [`pipeline`] wires the stages for one revision; [`gate`], [`diff`] and
//! [`history`] are the domains of `check --base`, `diff` and `log`, which compare
//! evaluations ([`findings::compare`], [`changes`]).
//!
//! [`commands`] and [`cli`] sit on top: the only modules that know clap, exit codes and
//! the terminal. Nothing below them imports them (`tests/architecture.rs`).

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod changes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod countries;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod facts;
pub mod findings;
pub mod fsutil;
pub mod gate;
pub mod history;
pub mod i18n;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod text;
