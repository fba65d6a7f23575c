//! DOCX (not yet).
use std::io::Write;

use super::model::Document;

pub fn render(_doc: &Document, _out: &mut dyn Write) -> std::io::Result<()> {
    Err(std::io::Error::other("DOCX output is not available yet"))
}
