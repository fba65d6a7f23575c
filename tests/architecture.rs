//! The shape of the code, checked like ArchUnit does: which module may import which.
//!
//! Data flows one way, through layers: the foundation (text, diagnostics, the format's
//! schema, configuration, file writing), then the pipeline stages source → facts →
//! engine → findings, the pipeline and the domains built on it (gate, diff, history),
//! the reports, and on top the command layer (`cli.rs`, `commands/`, `main.rs`). A module
//! may import its own layer and the ones below, never one above; only the command layer
//! knows clap. The test reads `src/**/*.rs` as text and names the file and the import
//! that breaks the rule.

use std::path::{Path, PathBuf};

/// Layers from the bottom up; each entry is a top-level module of the crate.
const LAYERS: &[&[&str]] = &[
    &[
        "i18n",
        "text",
        "diag",
        "schema",
        "config",
        "fsutil",
        "scaffold",
        "countries",
    ],
    &["source"],
    &["facts"],
    &["engine"],
    &["findings"],
    &["pipeline", "changes"],
    &["gate", "diff", "history"],
    &["report", "render"],
    &["cli", "commands", "main", "lib"],
];

/// The top-level module a file of `src/` belongs to.
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_str()
        .unwrap();
    first.trim_end_matches(".rs").to_string()
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of tests/architecture.rs"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code without `//` comments, so that prose about clap or the CLI is not an import.
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate modules a file's code names: `crate::x`, plus `use crate::{x, y}` lists.
fn imported_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            out.extend(
                list.split(',')
                    .map(|p| p.trim().split("::").next().unwrap_or("").to_string()),
            );
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

/// Every violation in `src/`: `file: what`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    assert!(files.len() > 20, "found the sources: {files:?}");
    let mut found = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let module = module_of(rel);
        let layer = layer_of(&module);
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let command_layer = layer == LAYERS.len() - 1;
        if !command_layer && (code.contains("clap::") || code.contains("use clap")) {
            found.push(format!("src/{}: uses clap", rel.display()));
        }
        for imported in imported_modules(&code) {
            if imported == module {
                continue;
            }
            let their = layer_of(&imported);
            if their > layer {
                found.push(format!(
                    "src/{}: imports `crate::{imported}` from a layer above `{module}`",
                    rel.display()
                ));
            }
        }
    }
    found
}

#[test]
fn modules_import_only_their_layer_and_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

/// The checker itself catches what it is meant to catch.
#[test]
fn a_report_importing_the_command_layer_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&real, &mut files);
    for file in &files {
        let rel = file.strip_prefix(&real).unwrap();
        std::fs::create_dir_all(src.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(file, src.join(rel)).unwrap();
    }
    assert!(violations(src).is_empty());
    let json = src.join("report/json.rs");
    let text = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        &json,
        format!("{text}\nfn leak(_: crate::commands::Env<'_>, _: clap::Command) {{}}\n"),
    )
    .unwrap();
    let found = violations(src);
    assert!(
        found.contains(&"src/report/json.rs: uses clap".to_string()),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|v| v.contains("report/json.rs: imports `crate::commands`")),
        "{found:?}"
    );
}
