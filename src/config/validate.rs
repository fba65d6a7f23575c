//! Judging what `tomcheck.toml` says: directories stay inside the repository, severities
//! are severities, and no rule is set twice.
//!
//! Separate from reading (`raw`) so that each step has one job, as in cargo-deny's
//! `validate()`: reading knows TOML, judging knows what tomcheck accepts. Every value is
//! judged even after one fails, so the user gets the whole list in one run. Whether a
//! rule in `[rules]` exists can only be judged once the policies are loaded; that is
//! `Config::check_rules`.

use super::problems::{
    fail_on_not_severity, invalid_rule_setting, max_waiver_days_out_of_range, policy_dir_outside,
    rule_set_twice, tom_outside, wrong_value,
};
use super::raw::RawConfig;
use super::{Config, RuleSetting, Severity};
use crate::diag::Problem;

impl RawConfig {
    /// The configuration, with a problem pushed for every value that is not accepted
    /// (that key keeps its default).
    pub fn validate(self, problems: &mut Vec<Problem>) -> Config {
        let source = &self.source;
        let mut config = Config::default();
        if let Some(tom) = &self.tom {
            match clean_dir(tom.get_ref()) {
                Some(dir) => config.tom = dir,
                None => problems.push(tom_outside(source, tom.span())),
            }
        }
        if let Some(dirs) = &self.policies {
            config.policies.clear();
            for dir in dirs {
                match clean_dir(dir.get_ref()) {
                    Some(clean) => config.policies.push(clean),
                    None => problems.push(policy_dir_outside(source, dir.span())),
                }
            }
        }
        if let Some(builtin) = self.builtin {
            config.builtin = builtin;
        }
        if let Some(lang) = &self.lang {
            match crate::i18n::Lang::from_tag(lang.get_ref()) {
                Some(l) => config.lang = Some(l),
                None => problems.push(wrong_value(source, lang.span(), "lang", "lang")),
            }
        }
        if let Some(fail_on) = &self.fail_on {
            match Severity::parse(fail_on.get_ref()) {
                Some(s) => config.fail_on = Some(s),
                None => problems.push(fail_on_not_severity(source, fail_on.span())),
            }
        }
        if let Some(days) = &self.max_waiver_days {
            match u32::try_from(*days.get_ref()) {
                Ok(d) if (1..=super::MAX_WAIVER_DAYS_LIMIT).contains(&d) => {
                    config.max_waiver_days = d;
                }
                _ => problems.push(max_waiver_days_out_of_range(source, days.span())),
            }
        }
        for rule in &self.rules {
            let Some(setting) = rule_setting(rule.setting.get_ref()) else {
                problems.push(invalid_rule_setting(source, rule.setting.span(), &rule.id));
                continue;
            };
            if let Some((_, first)) = config.rules.get(&rule.id) {
                problems.push(rule_set_twice(
                    source,
                    rule.span.clone(),
                    &rule.id,
                    first.clone(),
                ));
                continue;
            }
            config
                .rules
                .insert(rule.id.clone(), (setting, rule.span.clone()));
        }
        config.source = Some(self.source);
        config
    }
}

fn rule_setting(s: &str) -> Option<RuleSetting> {
    match s {
        "off" => Some(RuleSetting::Off),
        s => Severity::parse(s).map(RuleSetting::Severity),
    }
}

/// A relative, normalised directory without `..`, or `None`.
fn clean_dir(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/');
    let s = s.strip_prefix("./").unwrap_or(s);
    let ok = !s.is_empty()
        && !s.starts_with('/')
        && !s.contains('\\')
        && s.split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".");
    ok.then(|| s.to_string())
}
