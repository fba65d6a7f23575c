//! PDF (not yet).
use std::io::Write;

use super::model::Document;
use crate::diag::{Code, Problem};

pub fn render(_doc: &Document, _out: &mut dyn Write) -> Result<(), Vec<Problem>> {
    Err(vec![Problem::new(
        Code::Usage,
        "PDF output is not available yet",
    )])
}
