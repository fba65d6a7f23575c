//! German and English: how the language is chosen (`--lang`, `TOMCHECK_LANG`, `lang` in
//! tomcheck.toml, the locale) and that only text changes with it, never ids, enum values
//! or the JSON structure.

use std::path::Path;
use std::process::Output;

use crate::support::*;

fn fixture(name: &str) -> std::path::PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

/// `tomcheck ARGS` in `dir` with extra environment variables.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = tomcheck();
    cmd.current_dir(dir).args(args).args(["--today", TODAY]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn is_german(text: &str) -> bool {
    text.contains("Rechtsgrundlage:") && text.contains("bewertet zum 22.11.2026")
}

fn is_english(text: &str) -> bool {
    text.contains("legal basis:") && text.contains("as of 2026-11-22")
}

#[test]
fn the_locale_chooses_german_and_c_english() {
    let dir = fixture("rule-avv-missing");
    let de = stdout(&run_env(&dir, &["check"], &[("LANG", "de_DE.UTF-8")]));
    assert!(is_german(&de), "{de}");
    let c = stdout(&run_env(&dir, &["check"], &[("LANG", "C")]));
    assert!(is_english(&c), "{c}");
    // LC_ALL wins over LANG, as for every program.
    let all = stdout(&run_env(
        &dir,
        &["check"],
        &[("LANG", "C"), ("LC_ALL", "de_AT.UTF-8")],
    ));
    assert!(is_german(&all), "{all}");
}

#[test]
fn the_flag_wins_over_the_environment_and_the_environment_over_the_file() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.write("tomcheck.toml", "lang = \"de\"\n");
    let dir = repo.path();
    assert!(is_german(&stdout(&run_env(dir, &["check"], &[]))));
    assert!(is_english(&stdout(&run_env(
        dir,
        &["check"],
        &[("TOMCHECK_LANG", "en")]
    ))));
    assert!(is_english(&stdout(&run_env(
        dir,
        &["--lang", "en", "check"],
        &[]
    ))));
    repo.write("tomcheck.toml", "lang = \"en\"\n");
    assert!(is_english(&stdout(&run_env(
        dir,
        &["check"],
        &[("LANG", "de_DE.UTF-8")]
    ))));
    assert!(is_german(&stdout(&run_env(
        dir,
        &["check", "--lang", "de"],
        &[]
    ))));
    // An unknown language in tomcheck.toml is an input problem, not silently English.
    repo.write("tomcheck.toml", "lang = \"fr\"\n");
    let out = run_env(dir, &["check"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lang"), "{}", stderr(&out));
}

/// Only text changes with the language: the JSON report is the same in both but for
/// the findings' texts (message, help, legal), which are the rules' own in each language.
#[test]
fn json_does_not_change_with_the_language() {
    let dir = fixture("seed-004");
    let en = stdout(&run_env(
        &dir,
        &["check", "--format", "json", "--lang", "en"],
        &[],
    ));
    let de = stdout(&run_env(
        &dir,
        &["check", "--format", "json", "--lang", "de"],
        &[],
    ));
    let texts = ["message", "help", "legal"];
    let strip = |report: &str| {
        let mut v: serde_json::Value = serde_json::from_str(report).unwrap();
        let mut removed = Vec::new();
        for f in v["findings"].as_array_mut().unwrap() {
            for key in texts {
                removed.push(f.as_object_mut().unwrap().remove(key));
            }
        }
        (v, removed)
    };
    let ((en, en_texts), (de, de_texts)) = (strip(&en), strip(&de));
    assert!(!en_texts.is_empty());
    assert_eq!(en, de);
    // Waiver findings have no legal basis in either language.
    for (e, d) in en_texts.iter().zip(&de_texts).filter(|(e, _)| e.is_some()) {
        assert_ne!(e, d);
    }
}

/// Input problems end with a German line too.
#[test]
fn problems_end_in_german() {
    let repo = Repo::new();
    repo.write("tom/broken.toml", "[[provider]\n");
    let out = run_env(repo.path(), &["check", "--lang", "de"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("tomcheck hat abgebrochen: 1 Problem (Exit-Code 2)"),
        "{}",
        stderr(&out)
    );
}

/// The German human output of the seed TOM, pinned.
#[test]
fn seed_004_in_german() {
    let text = stdout(&run_env(
        &fixture("seed-004"),
        &["check", "--lang", "de"],
        &[],
    ));
    insta::assert_snapshot!("seed-004.human.de", text);
}

/// The gate's lines in German.
#[test]
fn the_gate_speaks_german() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", false));
    repo.commit_all("base");
    write_tom(
        &repo,
        &(provider("hoster", true) + &provider("mailer", false)),
    );
    repo.write("tomcheck.toml", "fail_on = \"warn\"\n");
    repo.commit_all("change");
    let text = stdout(&run_env(
        repo.path(),
        &["check", "--base", "HEAD~1", "--lang", "de"],
        &[],
    ));
    assert!(
        text.contains("Warnung: diese Änderung berührt die Konfiguration"),
        "{text}"
    );
    assert!(text.contains("tomcheck.toml (hinzugefügt)"), "{text}");
    assert!(text.contains("[neu]"), "{text}");
    assert!(text.contains("verglichen mit der Basis"), "{text}");
    assert!(
        text.contains("behoben: avv.missing provider:hoster"),
        "{text}"
    );
}

/// Input problems speak the locale's language too: `LANG=de_DE.UTF-8` gives German
/// diagnostics, `LANG=C` English, with the same code and exit code 2.
#[test]
fn the_locale_chooses_the_language_of_input_problems() {
    let dir = manifest_dir().join("tests/bad/unknown-key");
    let de = run_env(&dir, &["check"], &[("LANG", "de_DE.UTF-8")]);
    assert_eq!(de.status.code(), Some(2));
    let de = stderr(&de);
    assert!(de.contains("tomcheck::unknown-key"), "{de}");
    assert!(de.contains("unbekannter Schlüssel"), "{de}");
    assert!(de.contains("tomcheck hat abgebrochen"), "{de}");
    assert!(!de.contains("unknown key"), "{de}");
    let c = run_env(&dir, &["check"], &[("LANG", "C")]);
    assert_eq!(c.status.code(), Some(2));
    let c = stderr(&c);
    assert!(c.contains("tomcheck::unknown-key"), "{c}");
    assert!(c.contains("unknown key"), "{c}");
    assert!(!c.contains("unbekannter Schlüssel"), "{c}");
}

/// The locale chooses the language of every command's labels, not only of `check`:
/// `LANG=de_DE.UTF-8` speaks German, `LANG=C` English.
#[test]
fn the_locale_chooses_the_labels_of_every_command() {
    let repo = Repo::new();
    write_tom(&repo, &provider("hoster", true));
    repo.commit_all("base");
    write_tom(
        &repo,
        &(provider("hoster", true) + &provider("mailer", false)),
    );
    repo.commit_all("add mailer");
    let dir = repo.path();
    // (arguments, German label, English label)
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["check", "--format", "markdown"],
            "| Schwere | Regel |",
            "| Severity | Rule |",
        ),
        (
            &["check", "--format", "junit"],
            "Rechtsgrundlage:",
            "legal basis:",
        ),
        (
            &["diff", "HEAD~1", "HEAD"],
            "Veränderung der Befunde",
            "compliance",
        ),
        (
            &["diff", "HEAD~1", "HEAD", "--format", "markdown"],
            "Neue Befunde (1)",
            "New findings (1)",
        ),
        (
            &["diff", "HEAD~1", "HEAD", "--format", "html"],
            "<html lang=\"de\">",
            "<html lang=\"en\">",
        ),
        (
            &["check", "--narrate"],
            "Art der Meldung: Fehler",
            "Diagnostic severity:",
        ),
        (
            &["diff", "HEAD~1", "HEAD", "--narrate"],
            "Neuer Befund: deny avv.missing",
            "New finding:",
        ),
        (&["log"], "Betreff", "subject"),
        (&["rules"], "RECHTSGRUNDLAGE", "LEGAL BASIS"),
        (
            &["explain", "avv.missing"],
            "Rechtsgrundlage:",
            "legal basis:",
        ),
    ];
    // TOMCHECK_TODAY (set for every test) dates the runs; not every command takes --today.
    let run_in = |args: &[&str], lang: &str| {
        let out = tomcheck()
            .current_dir(dir)
            .args(args)
            .env("LANG", lang)
            .output()
            .unwrap();
        stdout(&out)
    };
    for (args, german, english) in cases {
        let de = run_in(args, "de_DE.UTF-8");
        assert!(de.contains(german), "{args:?} de: {german}\n{de}");
        assert!(!de.contains(english), "{args:?} de: {english}\n{de}");
        let c = run_in(args, "C");
        assert!(c.contains(english), "{args:?} C: {english}\n{c}");
        assert!(!c.contains(german), "{args:?} C: {german}\n{c}");
    }
}

/// The command line's own checks speak the chosen language too: a `--today` that is no
/// date is refused in German with `--lang de`, before the command runs.
#[test]
fn a_bad_argument_is_refused_in_the_chosen_language() {
    let dir = manifest_dir();
    for (lang, says) in [("de", "ist kein Datum"), ("en", "is not a date")] {
        let out = tomcheck()
            .current_dir(&dir)
            .args(["--lang", lang, "check", "--today", "2026-13-01"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{lang}: {}", stderr(&out));
    }
}
