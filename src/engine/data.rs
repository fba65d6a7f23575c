//! Data files read into the `data` document: the bundled reference data, a policy
//! directory's `reference/`, and `tomcheck test --data`.
//!
//! One layout for all of them, the one OPA's loader reads: a file lands at the path of
//! its directory below the loaded directory (`approved/data.json` is `approved`). A file
//! with another name adds its name (`approved.json` is `approved` too), which OPA's
//! loader does not: there it would merge into the directory's document. Files that land
//! at the same path are merged key by key, as OPA merges them; two values for one key
//! that are not both objects are a conflict, not a silent overwrite.

use serde_json::{Map, Value};

use crate::diag::{Code, Problem};
use crate::i18n::tr;
use crate::text::SourceText;

/// The extensions of data files: JSON, and YAML as `opa test` reads it.
pub const EXTENSIONS: [&str; 3] = [".json", ".yaml", ".yml"];

/// Where a data file goes, from its path relative to the loaded directory: its
/// directories, then its name without the extension unless that is `data`. `None` for a
/// file that is not JSON or YAML.
pub fn data_path(rel: &str) -> Option<Vec<&str>> {
    let rel = rel.trim_start_matches("./");
    let (dirs, name) = match rel.rsplit_once('/') {
        Some((dirs, name)) => (dirs, name),
        None => ("", rel),
    };
    let stem = EXTENSIONS.iter().find_map(|ext| name.strip_suffix(ext))?;
    let mut path: Vec<&str> = dirs.split('/').filter(|d| !d.is_empty()).collect();
    if stem != "data" {
        path.push(stem);
    }
    Some(path)
}

/// The document the data files below `root` make (their `path`s start with `root/`);
/// every file that does not parse and every conflict between two files is a problem.
pub fn document(
    root: &str,
    files: &[SourceText],
    problems: &mut Vec<Problem>,
) -> Map<String, Value> {
    let mut doc = Map::new();
    merge_files(&mut doc, root, files, problems);
    doc
}

impl super::Policies {
    /// Adds the data files below `root` (`tomcheck test --data`) at the root of `data`,
    /// merged with the reference data where they reach into `data.reference`.
    /// `data.context` is tomcheck's, set for every evaluation: a file that writes it
    /// is a problem.
    pub fn add_data_files(
        &mut self,
        root: &str,
        files: &[SourceText],
        problems: &mut Vec<Problem>,
    ) {
        let mut all = std::mem::take(&mut self.data);
        all.insert(
            "reference".into(),
            Value::Object(std::mem::take(&mut self.reference)),
        );
        for file in files {
            merge_files(&mut all, root, std::slice::from_ref(file), problems);
            if all.remove("context").is_some() {
                problems.push(
                    Problem::new(
                        Code::ReferenceData,
                        tr(
                            "data-context",
                            &[("file", crate::text::clean_line(&file.name).as_str().into())],
                        ),
                    )
                    .with_help(tr("data-context-help", &[])),
                );
            }
        }
        if let Some(Value::Object(reference)) = all.remove("reference") {
            self.reference = reference;
        }
        self.data = all;
    }
}

fn merge_files(
    doc: &mut Map<String, Value>,
    root: &str,
    files: &[SourceText],
    problems: &mut Vec<Problem>,
) {
    let root = root.trim_end_matches('/');
    for file in files {
        let rel = match file.path.strip_prefix(root) {
            Some(rel) if root.is_empty() || rel.starts_with('/') => rel.trim_start_matches('/'),
            _ => file.path.as_str(),
        };
        let Some(path) = data_path(rel) else { continue };
        let Some(value) = parse(file, problems) else {
            continue;
        };
        if let Err(at) = merge(doc, &path, value) {
            problems.push(conflict(file, &at));
        }
    }
}

/// Merges `value` into `doc` at `path`, key by key where both are objects. On a
/// conflict, the dotted path of the key both define.
pub fn merge(doc: &mut Map<String, Value>, path: &[&str], value: Value) -> Result<(), String> {
    fn into(target: &mut Value, value: Value, at: &mut Vec<String>) -> Result<(), String> {
        match (target, value) {
            (Value::Object(t), Value::Object(v)) => {
                for (k, v) in v {
                    at.push(k.clone());
                    match t.get_mut(&k) {
                        Some(existing) => into(existing, v, at)?,
                        None => {
                            t.insert(k, v);
                        }
                    }
                    at.pop();
                }
                Ok(())
            }
            _ => Err(at.join(".")),
        }
    }
    let mut wrapped = value;
    for key in path.iter().rev() {
        wrapped = Value::Object(Map::from_iter([(key.to_string(), wrapped)]));
    }
    let mut target = Value::Object(std::mem::take(doc));
    let result = match wrapped {
        Value::Object(_) => into(&mut target, wrapped, &mut Vec::new()),
        // A file at the root of `data` that is not an object has no key to go to.
        _ => Err(String::new()),
    };
    if let Value::Object(t) = target {
        *doc = t;
    }
    result
}

fn parse(file: &SourceText, problems: &mut Vec<Problem>) -> Option<Value> {
    // Where the parser stopped, and which of the two it was.
    let (id, error, offset) = if file.path.ends_with(".json") {
        match serde_json::from_str(&file.text) {
            Ok(v) => return Some(v),
            Err(e) => (
                "data-not-json",
                e.to_string(),
                file.offset_of(e.line(), e.column()),
            ),
        }
    } else {
        match yaml_serde::from_str::<Value>(&file.text) {
            Ok(v) => return Some(v),
            Err(e) => {
                let offset = e
                    .location()
                    .map_or(0, |l| file.offset_of(l.line(), l.column()));
                ("data-not-yaml", e.to_string(), offset)
            }
        }
    };
    let name = crate::text::clean_line(&file.name);
    let message = tr(
        id,
        &[
            ("file", name.as_str().into()),
            ("error", error.as_str().into()),
        ],
    );
    problems.push(Problem::at(
        Code::ReferenceData,
        message,
        file,
        offset..offset + 1,
        tr("data-here", &[]),
    ));
    None
}

fn conflict(file: &SourceText, at: &str) -> Problem {
    let name = crate::text::clean_line(&file.name);
    let message = if at.is_empty() {
        tr("data-not-object", &[("file", name.as_str().into())])
    } else {
        tr(
            "data-conflict",
            &[("file", name.as_str().into()), ("key", at.into())],
        )
    };
    Problem::new(Code::ReferenceData, message).with_help(tr("data-conflict-help", &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_follow_the_directory_layout() {
        assert_eq!(data_path("countries/data.json"), Some(vec!["countries"]));
        assert_eq!(data_path("countries.json"), Some(vec!["countries"]));
        assert_eq!(data_path("a/b/data.yaml"), Some(vec!["a", "b"]));
        assert_eq!(data_path("a/b/c.yml"), Some(vec!["a", "b", "c"]));
        assert_eq!(data_path("./data.json"), Some(vec![]));
        assert_eq!(data_path("README.md"), None);
        assert_eq!(data_path("LICENSE"), None);
    }

    fn file(path: &str, text: &str) -> SourceText {
        SourceText::new(path, path, text)
    }

    #[test]
    fn files_at_one_path_merge_and_conflicts_are_problems() {
        let mut problems = Vec::new();
        let files = [
            file("d/x/data.json", r#"{"a": 1, "o": {"p": 1}}"#),
            file("d/x/more.yaml", "q: [1, 2]\n"),
            file("d/x/data.yml", "o:\n  r: true\n"),
        ];
        let doc = document("d", &files, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            Value::Object(doc),
            json!({"x": {"a": 1, "o": {"p": 1, "r": true}, "more": {"q": [1, 2]}}})
        );

        let files = [
            file("d/data.json", r#"{"x": {"a": 1}}"#),
            file("d/x/data.json", r#"{"a": 2}"#),
            file("d/y.json", "[1]"),
            file("d/data.yaml", "- 1\n"),
            file("d/bad.json", "{\"a\": }"),
            file("d/bad.yaml", "a: [\n"),
        ];
        let doc = document("d", &files, &mut problems);
        let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, vec![Code::ReferenceData; 4], "{problems:?}");
        assert_eq!(Value::Object(doc), json!({"x": {"a": 1}, "y": [1]}));
    }
}
