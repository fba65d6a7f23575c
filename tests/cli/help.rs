//! `--help` of `tomcheck` and of every subcommand, nested ones included, pinned as
//! snapshots (after cargo-deny's `cli_snapshot`). A changed flag or description shows up
//! in review as a changed snapshot; a new subcommand fails until it is listed here.

use crate::support::*;

/// Every command path, in the order `--help` lists them.
const COMMANDS: &[&str] = &[
    "check",
    "init",
    "hook",
    "hook install",
    "hook uninstall",
    "hook run",
    "completions",
    "man",
    "schema",
    "rules",
    "explain",
    "test",
    "diff",
    "log",
    "render",
    "render tom",
    "render subprocessors",
    "render notice",
];

/// `tomcheck ARGS --help`, at the width clap uses when no terminal is attached.
fn help(args: &[&str]) -> String {
    let out = tomcheck()
        .args(args)
        .arg("--help")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "tomcheck {args:?} --help\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// The names under `Commands:` in a help text, without clap's own `help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        // A name starts in column 2; wrapped descriptions are indented further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every command path below `path`, depth first, as `--help` lists them.
fn command_paths(path: &[&str]) -> Vec<String> {
    let mut paths = Vec::new();
    for name in subcommands(&help(path)) {
        let mut sub: Vec<&str> = path.to_vec();
        sub.push(&name);
        paths.push(sub.join(" "));
        paths.extend(command_paths(&sub));
    }
    paths
}

#[test]
fn the_list_of_commands_is_complete() {
    assert_eq!(command_paths(&[]), COMMANDS);
}

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("help", help(&[]));
    for path in COMMANDS {
        let args: Vec<&str> = path.split(' ').collect();
        insta::assert_snapshot!(format!("help-{}", args.join("-")), help(&args));
    }
}
