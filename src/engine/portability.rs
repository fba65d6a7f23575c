//! Rego that gives different findings under OPA than under regorus.
//!
//! Both engines follow the Rego language, but OPA evaluates a reference that is an
//! operand of a builtin call, a comparison other than `==`, a membership test or
//! arithmetic, or the key of a lookup, *before* a `not` around the expression. When the
//! reference is undefined (`p.transfer` of a provider without `transfer`), the whole
//! rule body is undefined under OPA, while regorus treats the negated expression as
//! true. `not p.transfer in s`, `not x.y != "a"` and `not s[p.transfer]` fire under
//! tomcheck and not under OPA; `not p.transfer`, `not p.transfer == "a"` and
//! `not s[x]` mean the same under both.
//!
//! [`check`] finds those constructs in a policy's syntax tree, for `tomcheck test` to
//! warn about. A key the format requires wherever it occurs (`x.id`, `w.rule`,
//! `m.control`) counts as defined: the loader rejects a TOM without it.

use regorus::unstable::{BoolOp, Expr, Literal, Parser, Query, Rule, RuleHead, Source};

use crate::schema::{self, Field, Ty};
use crate::text::SourceText;

/// A negated expression that evaluates differently under OPA.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub file: String,
    /// Line and column (in characters) of the `not`, from 1.
    pub line: usize,
    pub column: usize,
    /// The negated expression, `not p.transfer in accepted`.
    pub expression: String,
    /// The reference that may be undefined, `p.transfer`.
    pub reference: String,
}

/// The warnings for one policy file; none for a file that does not parse (the
/// engine reports that).
pub fn check(file: &SourceText) -> Vec<Warning> {
    let Ok(source) = Source::from_contents(file.path.clone(), file.text.to_string()) else {
        return Vec::new();
    };
    let Ok(mut parser) = Parser::new(&source) else {
        return Vec::new();
    };
    if parser.enable_rego_v1().is_err() {
        return Vec::new();
    }
    let Ok(module) = parser.parse() else {
        return Vec::new();
    };
    let mut walk = Walk {
        file,
        out: Vec::new(),
    };
    for rule in &module.policy {
        let Rule::Spec { head, bodies, .. } = rule.as_ref() else {
            continue;
        };
        match head {
            RuleHead::Compr { assign, .. } | RuleHead::Func { assign, .. } => {
                if let Some(a) = assign {
                    walk.expr(&a.value);
                }
            }
            RuleHead::Set { key, .. } => {
                if let Some(k) = key {
                    walk.expr(k);
                }
            }
        }
        for body in bodies {
            if let Some(a) = &body.assign {
                walk.expr(&a.value);
            }
            walk.query(&body.query);
        }
    }
    walk.out
}

struct Walk<'a> {
    file: &'a SourceText,
    out: Vec<Warning>,
}

impl Walk<'_> {
    fn query(&mut self, query: &Query) {
        for stmt in &query.stmts {
            match &stmt.literal {
                Literal::NotExpr { span, expr } => {
                    let mut refs = Vec::new();
                    evaluated_first(expr, false, &mut refs);
                    for r in refs {
                        let (line, column) = self.file.line_col(span.start as usize);
                        self.out.push(Warning {
                            file: self.file.path.clone(),
                            line,
                            column,
                            expression: rest_of_line(&self.file.text, span.start),
                            reference: r.span().text().to_string(),
                        });
                    }
                    self.expr(expr);
                }
                Literal::Expr { expr, .. } => self.expr(expr),
                Literal::SomeIn {
                    key,
                    value,
                    collection,
                    ..
                } => {
                    for e in key.iter().chain([value, collection]) {
                        self.expr(e);
                    }
                }
                Literal::Every { domain, query, .. } => {
                    self.expr(domain);
                    self.query(query);
                }
                Literal::SomeVars { .. } => {}
            }
            for with in &stmt.with_mods {
                self.expr(&with.r#as);
            }
        }
    }

    /// Visits the queries of the comprehensions in `e`.
    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                self.expr(term);
                self.query(query);
            }
            Expr::ObjectCompr {
                key, value, query, ..
            } => {
                self.expr(key);
                self.expr(value);
                self.query(query);
            }
            other => {
                for child in children(other) {
                    self.expr(child);
                }
            }
        }
    }
}

/// The source from `start` to the end of its line, without a trailing comment: the
/// whole negated expression as written (spans of string tokens leave out the quotes).
fn rest_of_line(text: &str, start: u32) -> String {
    let rest = text.get(start as usize..).unwrap_or("");
    let line = rest.lines().next().unwrap_or("");
    let line = match line.find(" #") {
        Some(i) if line[..i].matches('"').count() % 2 == 0 => &line[..i],
        _ => line,
    };
    line.trim_end().to_string()
}

/// The sub-expressions of `e`, comprehensions left out (they are defined, if empty).
fn children(e: &Expr) -> Vec<&Expr> {
    match e {
        Expr::Array { items, .. } | Expr::Set { items, .. } => {
            items.iter().map(|i| i.as_ref()).collect()
        }
        Expr::Object { fields, .. } => fields
            .iter()
            .flat_map(|(_, k, v)| [k.as_ref(), v.as_ref()])
            .collect(),
        Expr::Call { params, .. } => params.iter().map(|p| p.as_ref()).collect(),
        Expr::UnaryExpr { expr, .. } => vec![expr],
        Expr::RefDot { refr, .. } => vec![refr],
        Expr::RefBrack { refr, index, .. } => vec![refr, index],
        Expr::BinExpr { lhs, rhs, .. }
        | Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::AssignExpr { lhs, rhs, .. } => vec![lhs, rhs],
        Expr::Membership {
            key,
            value,
            collection,
            ..
        } => key
            .iter()
            .map(|k| k.as_ref())
            .chain([value.as_ref(), collection.as_ref()])
            .collect(),
        _ => Vec::new(),
    }
}

/// Collects the references in `e` that OPA evaluates before a negation around it:
/// `operand` says whether `e` itself is such a position.
fn evaluated_first<'e>(e: &'e Expr, operand: bool, out: &mut Vec<&'e Expr>) {
    if operand && may_be_undefined(e) {
        out.push(e);
        return;
    }
    match e {
        // `==` compares in place: its plain references are not evaluated first, but
        // what they are built from is.
        Expr::BoolExpr {
            op: BoolOp::Eq,
            lhs,
            rhs,
            ..
        } => {
            evaluated_first(lhs, false, out);
            evaluated_first(rhs, false, out);
        }
        Expr::BoolExpr { lhs, rhs, .. }
        | Expr::ArithExpr { lhs, rhs, .. }
        | Expr::BinExpr { lhs, rhs, .. } => {
            evaluated_first(lhs, true, out);
            evaluated_first(rhs, true, out);
        }
        Expr::Membership {
            key,
            value,
            collection,
            ..
        } => {
            for x in key.iter().chain([value, collection]) {
                evaluated_first(x, true, out);
            }
        }
        Expr::Call { params, .. } => {
            for p in params {
                evaluated_first(p, true, out);
            }
        }
        Expr::UnaryExpr { expr, .. } => evaluated_first(expr, true, out),
        // A lookup: its key is evaluated first, the collection it looks into is not.
        Expr::RefBrack { refr, index, .. } => {
            evaluated_first(refr, false, out);
            evaluated_first(index, true, out);
        }
        Expr::RefDot { refr, .. } => evaluated_first(refr, false, out),
        Expr::Array { items, .. } | Expr::Set { items, .. } => {
            for i in items {
                evaluated_first(i, operand, out);
            }
        }
        Expr::Object { fields, .. } => {
            for (_, k, v) in fields {
                evaluated_first(k, operand, out);
                evaluated_first(v, operand, out);
            }
        }
        _ => {}
    }
}

/// A reference into something (`p.transfer`, `s[k]`) that may not exist. A key the
/// format requires wherever it occurs (`x.id`, `w.rule`) is taken to exist.
fn may_be_undefined(e: &Expr) -> bool {
    match e {
        Expr::RefDot { field, .. } => field
            .1
            .as_string()
            .map_or(true, |f| !always_written(f.as_ref())),
        Expr::RefBrack { .. } => true,
        _ => false,
    }
}

/// Whether every table of the format that has a key `name` requires it.
fn always_written(name: &str) -> bool {
    fn tables(fields: &'static [Field], out: &mut Vec<&'static [Field]>) {
        out.push(fields);
        for f in fields {
            if let Ty::Table(sub) | Ty::TableList(sub) = f.ty {
                tables(sub, out);
            }
        }
    }
    let mut all = Vec::new();
    for kind in schema::KINDS {
        tables(kind.fields, &mut all);
    }
    let mut with_name = all.iter().flat_map(|t| t.iter()).filter(|f| f.name == name);
    let first = with_name.next();
    first.is_some_and(|f| f.required()) && with_name.all(|f| f.required())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(body: &str) -> Vec<(String, String)> {
        let text = format!("package tom.t\n\n{body}\n");
        check(&SourceText::new("p/t.rego", "p/t.rego", text))
            .into_iter()
            .map(|w| (w.expression, w.reference))
            .collect()
    }

    fn rule(line: &str) -> String {
        format!("deny contains p.id if {{\n\tsome p in input.provider\n\t{line}\n}}")
    }

    #[test]
    fn negated_operands_that_may_be_undefined_are_found() {
        for (line, reference) in [
            ("not p.transfer in {\"scc\", \"bcr\"}", "p.transfer"),
            ("not p.status != \"implemented\"", "p.status"),
            ("not startswith(p.os, \"Windows\")", "p.os"),
            ("not startswith(lower(p.os), \"windows\")", "p.os"),
            ("not count(p.tags) > 0", "p.tags"),
            ("not \"mfa\" in p.tags", "p.tags"),
            ("not {\"a\": true}[p.transfer]", "p.transfer"),
            ("not p.avv.expires < \"2026-01-01\"", "p.avv.expires"),
            ("not lower(p.transfer) == \"scc\"", "p.transfer"),
            (
                "not object.get(p.avv, \"status\", \"\") == \"draft\"",
                "p.avv",
            ),
            ("not p.n + 1 > 2", "p.n"),
            ("not input.x[0] in {1}", "input.x[0]"),
            ("not s[concat(\"|\", [p.name, p.id])] # a comment", "p.name"),
        ] {
            let expression = line.split(" #").next().unwrap();
            assert_eq!(
                warnings(&rule(line)),
                [(expression.to_string(), reference.to_string())],
                "{line}"
            );
        }
    }

    #[test]
    fn portable_negations_are_not() {
        for line in [
            "not p.transfer",
            "not p.transfer == \"scc\"",
            "not \"scc\" == p.avv.form",
            "not object.get(p, \"transfer\", \"\") in {\"scc\"}",
            "not {\"a\": true}[p.id]",
            "not {\"a\": true}[concat(\"|\", [p.id, p.control, p.rule])]",
            "not input.known[p.id]",
            "not count([x | some x in p.tags]) > 0",
            "t := object.get(p, \"tags\", []); not \"mfa\" in t",
            "p.transfer in {\"scc\"}",
            "startswith(p.os, \"Windows\")",
        ] {
            assert_eq!(warnings(&rule(line)), [], "{line}");
        }
    }

    #[test]
    fn negations_in_comprehensions_every_and_rule_values_are_found() {
        let text = "x := {p.id | some p in input.provider; not p.t in {1}}\n\n\
                    f(p) := y if {\n\ty := [q | some q in p.list; not q.t < 1]\n}\n\n\
                    test_all if {\n\tevery p in input.provider {\n\t\tnot p.t != 2\n\t}\n}";
        let found = warnings(text);
        let refs: Vec<&str> = found.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(refs, ["p.t", "q.t", "p.t"]);
        let w = &check(&SourceText::new(
            "p/t.rego",
            "p/t.rego",
            format!("package tom.t\n\n{text}\n"),
        ))[0];
        assert_eq!((w.line, w.column), (3, 40));
        let tabbed = "deny contains 1 if {\n\tnot input.a.b in {1}\n}";
        let w = &check(&SourceText::new(
            "p/t.rego",
            "p/t.rego",
            format!("package tom.t\n\n{tabbed}\n"),
        ))[0];
        assert_eq!((w.line, w.column), (4, 2));
    }

    #[test]
    fn a_file_that_does_not_parse_has_no_warnings() {
        assert_eq!(warnings("deny contains x if {"), []);
    }

    #[test]
    fn the_bundled_policies_mean_the_same_under_opa() {
        let policies = crate::engine::Policies::bundled().unwrap();
        for file in policies.files.iter().chain(&policies.tests) {
            assert_eq!(check(file), [], "{}", file.path);
        }
    }
}
