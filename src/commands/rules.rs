//! `tomcheck rules` and `tomcheck explain RULE`: the rules `check` would evaluate in this
//! directory (the bundled ones and the repository's own), with the metadata of their
//! `# METADATA` annotations and the severity `tomcheck.toml` gives them.

use std::io::Write;

use serde::Serialize;

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::{ExplainArgs, ListFormat, RulesArgs};
use crate::config::RuleSetting;
use crate::diag::{did_you_mean, Code, Problem};
use crate::engine::metadata::RuleMeta;
use crate::engine::Policies;
use crate::i18n::{t, Lang};
use crate::pipeline::{self, CheckOptions};
use crate::source::{Revision, Source};

/// The policies `check` would use in this directory, and the configuration.
pub(super) fn policies_here(
    env: &Env<'_>,
    no_builtin: bool,
) -> Result<(Policies, crate::config::Config), Vec<Problem>> {
    let source = Source::open(&env.root, &Revision::Worktree).map_err(|p| vec![p])?;
    let config = pipeline::read_config(&source)?;
    let mut options = CheckOptions::new(env.root.clone());
    options.no_builtin = no_builtin;
    let policies = pipeline::load_policies(&source, &config, &options)?;
    Ok((policies, config))
}

#[derive(Serialize)]
struct RuleRow<'a> {
    #[serde(flatten)]
    meta: &'a RuleMeta,
    /// The severity after `[rules]` in tomcheck.toml; `off` when switched off.
    effective: String,
}

pub fn run_rules(args: &RulesArgs, env: &mut Env<'_>) -> CmdResult {
    let (policies, config) = policies_here(env, false)?;
    if args.reference {
        return write_reference(&policies, args.format, env);
    }
    let mut rules: Vec<&RuleMeta> = policies.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let effective = |r: &RuleMeta| match config.rules.get(&r.id).map(|s| s.0) {
        Some(RuleSetting::Off) => "off".to_string(),
        Some(RuleSetting::Severity(s)) => s.to_string(),
        None => r.severity.to_string(),
    };
    match args.format {
        ListFormat::Json => {
            let rows: Vec<RuleRow> = rules
                .iter()
                .map(|r| RuleRow {
                    meta: r,
                    effective: effective(r),
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut *env.out,
                &serde_json::json!({ "version": 1, "rules": rows }),
            )?;
            writeln!(env.out)?;
        }
        ListFormat::Human => {
            let lang = env.style.lang;
            let (h_rule, h_severity, h_title) = (
                t(lang, "rules-head-rule", &[]),
                t(lang, "rules-head-severity", &[]),
                t(lang, "rules-head-title", &[]),
            );
            let width = |s: &str| s.chars().count();
            let w_id = rules
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(0)
                .max(width(&h_rule));
            let w_sev = width(&h_severity).max(8);
            let w_title = rules
                .iter()
                .map(|r| width(&r.title))
                .max()
                .unwrap_or(0)
                .max(width(&h_title));
            writeln!(
                env.out,
                "{h_rule:<w_id$}  {h_severity:<w_sev$}  {h_title:<w_title$}  {}",
                t(lang, "rules-head-legal", &[])
            )?;
            for r in &rules {
                let sev = effective(r);
                let sev = if sev == r.severity.as_str() {
                    sev
                } else {
                    format!("{sev}*")
                };
                writeln!(
                    env.out,
                    "{:<w_id$}  {:<w_sev$}  {:<w_title$}  {}",
                    r.id, sev, r.title, r.legal
                )?;
            }
            if rules.iter().any(|r| config.rules.contains_key(&r.id)) {
                writeln!(env.out, "\n{}", t(lang, "rules-changed", &[]))?;
            }
        }
    }
    Ok(EXIT_OK)
}

pub fn run_explain(args: &ExplainArgs, env: &mut Env<'_>) -> CmdResult {
    let (policies, config) = policies_here(env, false)?;
    let Some(rule) = policies.rule(&args.rule) else {
        let mut p = Problem::new(
            Code::UnknownRule,
            crate::i18n::tr("problem-no-rule", &[("rule", (&args.rule).into())]),
        );
        p.help = Some(match did_you_mean(&args.rule, policies.rule_ids()) {
            Some(s) => crate::i18n::tr("problem-unknown-rule-did-you-mean", &[("name", s.into())]),
            None => crate::i18n::tr("problem-unknown-rule-help", &[]),
        });
        return Err(p.into());
    };
    let lang: Lang = env.style.lang;
    let out = &mut *env.out;
    let mut w = || -> std::io::Result<()> {
        writeln!(out, "{} — {}", rule.id, rule.title)?;
        writeln!(out)?;
        let severity = rule.severity.to_string();
        write!(
            out,
            "{}",
            t(
                lang,
                "explain-severity",
                &[("severity", (&severity).into())]
            )
        )?;
        match config.rules.get(&rule.id).map(|s| s.0) {
            Some(RuleSetting::Off) => write!(out, " {}", t(lang, "explain-off", &[]))?,
            Some(RuleSetting::Severity(s)) if s != rule.severity => {
                let s = s.to_string();
                write!(
                    out,
                    " {}",
                    t(lang, "explain-overridden", &[("severity", (&s).into())])
                )?
            }
            _ => {}
        }
        let place = format!("{}:{}", rule.file, rule.line);
        let origin = if rule.builtin {
            "explain-bundled"
        } else {
            "explain-repository"
        };
        writeln!(out, " · {}", t(lang, origin, &[("place", (&place).into())]))?;
        if !rule.legal.is_empty() {
            writeln!(
                out,
                "{}",
                t(lang, "explain-legal", &[("legal", (&rule.legal).into())])
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", rule.description)?;
        if let Some(fires) = &rule.fires {
            let text = fires.trim();
            writeln!(
                out,
                "\n{}",
                t(lang, "explain-fires", &[("text", text.into())])
            )?;
        }
        if let Some(quiet) = &rule.quiet {
            let text = quiet.trim();
            writeln!(
                out,
                "{}",
                t(lang, "explain-quiet", &[("text", text.into())])
            )?;
        }
        if let Some(example) = &rule.example {
            writeln!(out, "\n{}\n", t(lang, "explain-example", &[]))?;
            write_indented(out, example)?;
        }
        if let Some(fix) = &rule.fix {
            writeln!(out, "\n{}\n", t(lang, "explain-fix", &[]))?;
            write_indented(out, fix)?;
        }
        writeln!(
            out,
            "\n{}\n\n    [[waiver]]\n    id = \"…\"\n    rule = \"{}\"\n    subject = \"kind:id\"\n    reason = \"…\"\n    approved_by = \"…\"\n    expires = 2027-01-31",
            t(lang, "explain-waive", &[]),
            rule.id
        )?;
        if !rule.resources.is_empty() {
            writeln!(out, "\n{}", t(lang, "explain-references", &[]))?;
            for r in &rule.resources {
                match &r.description {
                    Some(d) => writeln!(out, "  - {d}: {}", r.url)?,
                    None => writeln!(out, "  - {}", r.url)?,
                }
            }
        }
        Ok(())
    };
    w()?;
    Ok(EXIT_OK)
}

/// `data.reference`: one entry per data set with the date it was checked and its source.
fn write_reference(policies: &Policies, format: ListFormat, env: &mut Env<'_>) -> CmdResult {
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or("—").to_string();
    let rows: Vec<serde_json::Value> = policies
        .reference
        .iter()
        .map(|(name, v)| {
            serde_json::json!({ "name": name, "checked": text(v, "checked"), "source": text(v, "source") })
        })
        .collect();
    match format {
        ListFormat::Json => {
            let report = serde_json::json!({ "version": 1, "reference": rows });
            serde_json::to_writer_pretty(&mut *env.out, &report)?;
            writeln!(env.out)?;
        }
        ListFormat::Human => {
            for r in &rows {
                let checked = crate::text::clean_line(r["checked"].as_str().unwrap_or(""));
                writeln!(
                    env.out,
                    "data.reference.{}  {}\n  {}\n",
                    crate::text::clean_line(r["name"].as_str().unwrap_or("")),
                    t(
                        env.style.lang,
                        "reference-checked",
                        &[("date", (&checked).into())]
                    ),
                    crate::text::clean_line(r["source"].as_str().unwrap_or(""))
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn write_indented(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}
