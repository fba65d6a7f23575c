//! Prepares the bundled policies at build time, so a run does not redo it: the YAML of
//! every `# METADATA` block becomes JSON (reading YAML was a sixth of a small check),
//! the text regorus parses loses its comment lines (most of the bundled text is
//! annotations the parser would only skip), and one more copy per language keeps only
//! that language's line of each message (a check shows one language, and parsing and
//! analysing the other's texts was a tenth of it). The original files stay the ones
//! shown in diagnostics and the ones policy tests run; unit tests compare the prepared
//! and the original readings.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/engine/annotations.rs"]
mod annotations;

fn main() {
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=src/engine/annotations.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut out = String::from("pub(crate) static FILES: &[File] = &[\n");
    for path in files {
        let rel = path
            .strip_prefix(&root)
            .expect("below policies/")
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".rego") || rel.ends_with("_test.rego") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let code = without_comment_lines(&text);
        let only = |lang: &str| code.as_deref().map(|c| in_one_language(c, lang));
        writeln!(
            out,
            "    File {{ path: {rel:?}, len: {}, code: {code:?}, code_in: [{:?}, {:?}], annotations: &[",
            text.len(),
            only("en"),
            only("de"),
        )
        .expect("write to String");
        for block in annotations::blocks(&text) {
            // A block that is not YAML stays unconverted: the run reads it and reports it.
            let json = yaml_serde::from_str::<serde_json::Value>(&block.yaml)
                .ok()
                .map(|v| v.to_string());
            writeln!(
                out,
                "        Annotation {{ span: {}..{}, line: {}, json: {json:?} }},",
                block.span.start, block.span.end, block.line
            )
            .expect("write to String");
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("bundled_policies.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `text` with every whole-line comment emptied (its line break kept, so every line and
/// column of the code stays where it was), or `None` when that could change the code: a
/// backtick outside a comment line may open a raw string whose lines start with `#`.
fn without_comment_lines(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() / 2);
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            if line.ends_with("\r\n") {
                out.push_str("\r\n");
            } else if line.ends_with('\n') {
                out.push('\n');
            }
        } else if line.contains('`') {
            return None;
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// `code` with the other language's line of every message emptied: a line `"en": …,`
/// directly followed by a line `"de": …,` at the same indentation, each a whole entry
/// (its brackets and strings closed on the line), loses the line not in `lang`. The
/// object keeps the key of `lang`, which is the one a run in `lang` reads.
fn in_one_language(code: &str, lang: &str) -> String {
    let lines: Vec<&str> = code.split_inclusive('\n').collect();
    let mut drop = vec![false; lines.len()];
    for i in 1..lines.len() {
        let (en, de) = (lines[i - 1], lines[i]);
        let indent = |l: &str| l.len() - l.trim_start().len();
        let entry = |l: &str, key: &str| {
            let t = l.trim();
            t.starts_with(&format!("\"{key}\": ")) && t.ends_with(',') && closed(t)
        };
        if indent(en) == indent(de) && entry(en, "en") && entry(de, "de") {
            drop[if lang == "en" { i } else { i - 1 }] = true;
        }
    }
    let mut out = String::with_capacity(code.len());
    for (line, drop) in lines.iter().zip(drop) {
        if drop {
            out.push_str(&line[line.trim_end_matches(['\n', '\r']).len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether every bracket and double-quoted string opened on `line` is closed on it.
fn closed(line: &str) -> bool {
    let mut depth = 0i32;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => loop {
                match chars.next() {
                    Some('\\') => {
                        chars.next();
                    }
                    Some('"') => break,
                    Some(_) => {}
                    None => return false,
                }
            },
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '#' => break,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}
