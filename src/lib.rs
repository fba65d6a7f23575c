//! tomcheck keeps a company's GDPR TOM (technical and organisational measures, Art. 32
//! GDPR) and its service providers as TOML facts in git and checks them with Rego
//! policies evaluated in-process by regorus.
//!
//! Data flows one way: [`source`] (working tree, index or commit) → [`facts`] (TOML
//! parsed with spans, validated, merged) → [`engine`] (bundled and repository policies)
//! → [`findings`] (located, overridden, waived) → [`report`] (one module per format).
//! [`check`] wires the stages; [`cli`] is the thin command-line layer.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod facts;
pub mod findings;
pub mod fsutil;
pub mod gate;
pub mod history;
pub mod hook;
pub mod init;
pub mod metadata;
pub mod policytest;
pub mod report;
pub mod rules;
pub mod schema;
pub mod shell;
pub mod source;
pub mod text;
