//! Every input-problem code used in the source is documented in docs/errors.md, and
//! the documented codes are unique.

use std::collections::BTreeSet;

fn source_files(dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(path).unwrap());
        }
    }
}

#[test]
fn every_problem_code_is_documented_once() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    source_files(&root.join("src"), &mut sources);
    let mut used = BTreeSet::new();
    for text in &sources {
        // `Problem::new("code"` / `Problem::at(\n "code"`, possibly across lines.
        for (i, _) in text.match_indices("Problem::") {
            let rest = &text[i..];
            let Some(open) = rest.find('(') else { continue };
            let after = rest[open + 1..].trim_start();
            if let Some(lit) = after.strip_prefix('"') {
                let code: String = lit.chars().take_while(|c| *c != '"').collect();
                if code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !code.is_empty()
                {
                    used.insert(code);
                }
            }
        }
    }
    let docs = std::fs::read_to_string(root.join("docs/errors.md")).unwrap();
    let documented: Vec<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .map(|l| l.chars().take_while(|c| *c != '`').collect())
        .collect();
    let unique: BTreeSet<String> = documented.iter().cloned().collect();
    assert_eq!(unique.len(), documented.len(), "codes documented twice");
    let missing: Vec<&String> = used.iter().filter(|c| !unique.contains(*c)).collect();
    assert!(
        missing.is_empty(),
        "undocumented problem codes: {missing:?}"
    );
    assert!(used.len() > 20, "the scan found the codes: {used:?}");
}
