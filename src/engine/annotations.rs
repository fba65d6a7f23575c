//! Where OPA `# METADATA` blocks sit in a policy text.
//!
//! Shared by the metadata reader and the build script, which converts the blocks of the
//! bundled policies ahead of time: both must agree on what a block is.

use std::ops::Range;

/// One `# METADATA` comment block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// From the `# METADATA` line to the end of the block's last line.
    pub span: Range<usize>,
    /// The block's YAML, comment markers removed.
    pub yaml: String,
    /// The 1-based line of the rule below the block.
    pub line: usize,
}

/// Every `# METADATA` block of `text`, in order: a `# METADATA` line followed by comment
/// lines holding YAML.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |off, l| {
            let start = *off;
            *off += l.len();
            Some((start, l))
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        if line.trim() == "# METADATA" {
            let mut yaml = String::new();
            let mut j = i + 1;
            while j < lines.len() && lines[j].1.trim_start().starts_with('#') {
                let body = lines[j].1.trim_start().trim_start_matches('#');
                let body = body.strip_prefix(' ').unwrap_or(body);
                yaml.push_str(body.trim_end_matches(['\n', '\r']));
                yaml.push('\n');
                j += 1;
            }
            let end = lines.get(j).map(|l| l.0).unwrap_or(text.len());
            out.push(Block {
                span: start..end.saturating_sub(1).max(start),
                yaml,
                line: j + 1,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}
