//! Reports: one module per output format, all fed by the same [`Finding`]s.
//!
//! Renderers write to a `Write` they are given; the library never prints.

pub mod human;
pub mod json;

use crate::check::Outcome;
use crate::findings::Finding;

/// `--format` of `tomcheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics pointing into the TOML source.
    Human,
    /// The stable, versioned JSON shape (DESIGN §6).
    Json,
}

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Screen-reader friendly output without box drawing.
    pub narrate: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            color: false,
            narrate: false,
            width: 100,
        }
    }
}

/// Renders an outcome in `format`.
pub fn render(
    outcome: &Outcome,
    format: Format,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(outcome, style, out),
        Format::Json => json::render(outcome, out),
    }
}

/// The file a finding points into, by its repository-relative path.
pub fn finding_path<'a>(outcome: &'a Outcome, finding: &Finding) -> Option<&'a str> {
    finding
        .location
        .as_ref()
        .map(|l| outcome.facts.map.files[l.file].path.as_str())
}
