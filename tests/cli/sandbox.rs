//! The policy sandbox: regorus is compiled with the minimal feature set, so builtins
//! that reach the environment, the network, the clock or randomness do not exist.
//! The behaviour itself is pinned by the bad-input corpus (`tests/bad/sandbox-*`) and
//! `check::policies_cannot_read_the_clock`.

#[test]
fn regorus_is_built_with_the_minimal_feature_set() {
    let manifest: toml::Table = toml::from_str(include_str!("../../Cargo.toml")).unwrap();
    let regorus = &manifest["dependencies"]["regorus"];
    assert_eq!(
        regorus["default-features"].as_bool(),
        Some(false),
        "default features pull in http, opa-runtime, time, …"
    );
    let features: Vec<&str> = regorus["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    // std: the interpreter itself; arc: engines shared across threads (`log` evaluates in
    // parallel); coverage: `tomcheck test --coverage`; ast: the syntax tree as JSON, to
    // reject recursive functions before evaluation. Nothing that reaches outside.
    assert_eq!(features, ["std", "arc", "coverage", "ast"]);
}

#[test]
fn no_forbidden_regorus_feature_is_enabled_in_the_lockfile_build() {
    // `cargo tree` shows the features actually resolved (another dependency could enable
    // more of regorus' features than we ask for).
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-e",
            "features",
            "-i",
            "regorus",
            "--offline",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for forbidden in [
        "\"http\"",
        "\"opa-runtime\"",
        "\"time\"",
        "\"uuid\"",
        "\"net\"",
        "\"full-opa\"",
        "\"default\"",
    ] {
        assert!(
            !tree
                .lines()
                .any(|l| l.starts_with("regorus feature") && l.contains(forbidden)),
            "regorus feature {forbidden} is enabled:\n{tree}"
        );
    }
    assert!(tree.contains("regorus feature \"coverage\""), "{tree}");
}
