#!/usr/bin/env python3
"""Evaluate tomcheck's policies with the real OPA engine and compare.

tomcheck evaluates Rego with regorus. Policies that pass under regorus but mean
something else under OPA (the reference implementation) would make findings depend
on the engine, so this script:

  1. loads a policy directory the way `opa test DIR` does (every *.rego file, every
     *.json data file at the path of its directory) and runs every `test_*` rule of
     the *_test.rego files: all must pass under OPA;
  2. for every fixture TOM, runs `tomcheck check --format json` and evaluates the
     same policies under OPA on the same input, and requires the same findings
     (rule, severity, subject, field, message, help, legal), once per language:
     a text OPA returns per language ({"en": …, "de": …}) is resolved the way
     tomcheck resolves it (the language asked for, else English, else the first
     tag in sorted order) and compared with `tomcheck check --lang` of each.

OPA comes from the PyPI wheel opa-golib-python-bindings (OPA as a C shared library
with a ctypes wrapper). `--install` downloads and unpacks it into
target/opa-bindings; without it the script fails naming what is missing.

    python3 scripts/opa-differential.py --install
    python3 scripts/opa-differential.py --tomcheck target/debug/tomcheck

Exit code 0: everything agrees; 1: a difference or a failing test; 2: setup error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEEL = "opa-golib-python-bindings==0.4.4"
DEFAULT_LIB = ROOT / "target" / "opa-bindings"
TODAY = "2026-11-22"
SETS = ("deny", "warn", "info")
WAIVER_PACKAGE = "tom.waiver"


class Setup(Exception):
    """Something the comparison needs is missing: exit 2, never a silent pass."""


# --- OPA ---------------------------------------------------------------------


def install(dest: Path) -> None:
    """Downloads the wheel with pip and unpacks it. The wheel declares Python 3.14
    but its ctypes wrapper runs on 3.11, so it is unpacked rather than installed."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--python-version", "3.14", "--only-binary=:all:", WHEEL, "-d", tmp],
            check=True,
        )
        wheels = glob.glob(os.path.join(tmp, "*.whl"))
        if len(wheels) != 1:
            raise Setup(f"pip download of {WHEEL} gave {wheels}")
        with zipfile.ZipFile(wheels[0]) as z:
            z.extractall(dest)


def load_opa(lib: Path):
    if not (lib / "opa_bindings" / "libopabridge.so").is_file():
        raise Setup(
            f"the OPA library is missing: {lib}/opa_bindings/libopabridge.so not found.\n"
            f"It comes from the PyPI wheel {WHEEL}; install it with\n"
            f"  python3 scripts/opa-differential.py --install\n"
            f"(.ci/run does this) or point --opa-lib at an unpacked copy."
        )
    sys.path.insert(0, str(lib))
    try:
        import opa_bindings  # noqa: PLC0415
    except Exception as e:  # a broken unpack must not look like a pass
        raise Setup(f"cannot load the OPA library from {lib}: {e}") from e
    return opa_bindings


# --- Policies as `opa test DIR` loads them ------------------------------------

PACKAGE = re.compile(r"^package\s+([A-Za-z0-9_.]+)", re.M)
HEAD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\b", re.M)


class PolicyDir:
    def __init__(self, root: Path):
        self.root = root
        self.rego = sorted(root.rglob("*.rego"))
        if not self.rego:
            raise Setup(f"no *.rego files in {root}")
        # package -> rule names defined at the top level of its files
        self.rules: dict[str, set[str]] = {}
        self.tests: list[tuple[str, str, Path]] = []
        for f in self.rego:
            text = f.read_text(encoding="utf-8")
            m = PACKAGE.search(text)
            if not m:
                raise Setup(f"{f}: no package line")
            pkg = m.group(1)
            heads = set(HEAD.findall(text)) - {"package", "import", "default"}
            self.rules.setdefault(pkg, set()).update(heads)
            for name in sorted(h for h in heads if h.startswith("test_")):
                self.tests.append((pkg, name, f))

    def engine(self, opa):
        engine = opa.OpaEngine()
        for f in self.rego:
            engine.add_policy(str(f.relative_to(self.root)), f.read_text(encoding="utf-8"))
        # OPA's loader puts a data file at the path of its directory, whatever the
        # file's name: reference/os_eol/data.json is data.reference.os_eol.
        for f in sorted(self.root.rglob("*.json")):
            rel = f.parent.relative_to(self.root)
            path = ".".join(rel.parts)
            engine.add_data(json.loads(f.read_text(encoding="utf-8")), path=path)
        return engine

    def finding_packages(self) -> tuple[list[str], str | None]:
        normal = sorted(
            p for p in self.rules
            if p.startswith("tom.") and not p.endswith("_test") and p != WAIVER_PACKAGE
        )
        return normal, (WAIVER_PACKAGE if WAIVER_PACKAGE in self.rules else None)


def run_tests(opa, policies: PolicyDir) -> list[str]:
    """Every test rule must evaluate to true, as under `opa test`."""
    engine = policies.engine(opa)
    failures = []
    for pkg, name, f in policies.tests:
        try:
            rs = engine.eval_query(f"x := data.{pkg}.{name}")
            ok = bool(rs) and rs[0].get("x") is True
            why = "" if ok else "false or undefined"
        except opa.OpaError as e:
            ok, why = False, str(e)
        if not ok:
            failures.append(f"FAIL {f.relative_to(policies.root)} data.{pkg}.{name}: {why}")
    print(f"opa: {len(policies.tests) - len(failures)} passed, {len(failures)} failed "
          f"({policies.root.name}/*_test.rego)")
    return failures


# --- The policy input --------------------------------------------------------


def plain(value):
    """TOML values as tomcheck hands them to policies: dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def tom_input(tom_dir: Path) -> dict:
    """The merged TOM: `organization` as a table, every other kind an array of tables
    in file order. tomcheck has already rejected anything invalid by the time the
    comparison runs, so no validation here."""
    merged: dict = {}
    for f in sorted(tom_dir.rglob("*.toml")):
        doc = tomllib.loads(f.read_text(encoding="utf-8-sig"))
        for kind, value in doc.items():
            if kind == "organization":
                merged[kind] = plain(value)
            else:
                merged.setdefault(kind, []).extend(plain(value))
    return merged


# --- One fixture --------------------------------------------------------------


def literal(value) -> str:
    # JSON is a Rego term: objects, arrays, strings, numbers, booleans, null.
    return json.dumps(value, ensure_ascii=False)


def opa_findings(engine, opa, policies: PolicyDir, tom: dict) -> list[dict]:
    normal, waiver = policies.finding_packages()

    def evaluate(packages, context):
        out = []
        for pkg in packages:
            for s in SETS:
                if s not in policies.rules.get(pkg, ()):
                    continue
                rs = engine.eval_query(f"x := data.{pkg}.{s} with data.context as {literal(context)}", tom)
                for item in (rs[0]["x"] if rs else []):
                    out.append(finding(item, pkg, s))
        return out

    found = evaluate(normal, {"today": TODAY})
    if waiver:
        seen = [{"rule": f["rule"], "subject": f["subject"]} for f in found]
        found += evaluate([waiver], {"today": TODAY, "findings": seen})
    return found


LANGS = ("en", "de")


def text(value, lang: str):
    """A text of a finding in `lang`, as tomcheck picks it from a per-language object."""
    if not isinstance(value, dict):
        return value
    if lang in value:
        return value[lang]
    if "en" in value:
        return value["en"]
    return value[min(value)] if value else None


def in_lang(f: dict, lang: str) -> dict:
    return dict(f, **{k: text(f.get(k), lang) for k in ("message", "help", "legal")})


def finding(item, pkg: str, severity: str) -> dict:
    if isinstance(item, str):  # conftest style: the package is the rule id
        short = pkg.removeprefix("tom.")
        return {"rule": short, "severity": severity, "subject": None, "field": None,
                "message": item, "help": None, "legal": None}
    return {
        "rule": item.get("rule"),
        "severity": severity,
        "subject": item.get("subject"),
        "field": item.get("field") or None,
        "message": item.get("message"),
        "help": item.get("help"),
        "legal": item.get("legal"),
    }


KEYS = ("rule", "severity", "subject", "field", "message", "help", "legal")


def key(f: dict) -> tuple:
    return tuple(f.get(k) for k in KEYS)


def config_of(case: Path) -> dict:
    path = case / "tomcheck.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def apply_rules(findings: list[dict], rules: dict) -> list[dict]:
    out = []
    for f in findings:
        setting = rules.get(f["rule"])
        if setting == "off":
            continue
        if setting:
            f = dict(f, severity=setting)
        out.append(f)
    return out


def compare(case: Path, args: list[str], tomcheck: str, engine, opa, policies: PolicyDir,
            extra: list[str]) -> list[str]:
    cfg = config_of(case)
    tom = tom_input(case / cfg.get("tom", "tom"))
    try:
        found = apply_rules(opa_findings(engine, opa, policies, tom), cfg.get("rules", {}))
    except opa.OpaError as e:
        return [f"{case}: OPA failed: {e}"]
    lines = []
    for lang in LANGS:
        run = subprocess.run(
            [tomcheck, *args, *extra, "--format", "json", "--today", TODAY, "--lang", lang],
            cwd=case, capture_output=True, text=True,
        )
        if run.returncode not in (0, 1):
            return [f"{case}: tomcheck exited {run.returncode}: {run.stderr.strip()}"]
        ours = [{k: f.get(k) for k in KEYS} for f in json.loads(run.stdout)["findings"]]
        theirs = [in_lang(f, lang) for f in found]
        a, b = sorted(map(key, ours)), sorted(map(key, theirs))
        if a == b:
            continue
        lines.append(f"{case} ({lang}): findings differ")
        for k in sorted(set(a) - set(b)):
            lines.append(f"  only tomcheck: {dict(zip(KEYS, k))}")
        for k in sorted(set(b) - set(a)):
            lines.append(f"  only OPA:      {dict(zip(KEYS, k))}")
        if set(a) == set(b):
            lines.append("  (same findings, different counts)")
    return lines


def cases(root: Path) -> list[tuple[Path, list[str]]]:
    """Every TOM that tomcheck checks: the example tom/, tests/fixtures/*, and the
    tests/bad cases whose expected exit code says they are checked (0 or 1)."""
    out: list[tuple[Path, list[str]]] = [(root, ["check"])]
    for d in sorted((root / "tests" / "fixtures").iterdir()):
        if (d / "tom").is_dir():
            out.append((d, ["check"]))
    for d in sorted((root / "tests" / "bad").iterdir()):
        case = d / "case.toml"
        if not case.is_file():
            continue
        spec = tomllib.loads(case.read_text(encoding="utf-8"))
        args = spec.get("args", [])
        if spec.get("exit") in (0, 1) and args[:1] == ["check"] and (d / "tom").is_dir():
            out.append((d, args))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--install", action="store_true", help=f"download {WHEEL} into --opa-lib and exit")
    ap.add_argument("--opa-lib", type=Path, default=Path(os.environ.get("TOMCHECK_OPA_LIB", DEFAULT_LIB)),
                    help="directory holding the unpacked opa_bindings package")
    ap.add_argument("--tomcheck", default=str(ROOT / "target" / "debug" / "tomcheck"))
    ap.add_argument("--policies", type=Path, default=ROOT / "policies",
                    help="policy directory to compare; other than the bundled one, tomcheck "
                         "runs with --no-builtin --policy DIR")
    ap.add_argument("--case", type=Path, action="append",
                    help="compare only this TOM (a directory holding tom/); repeatable")
    ap.add_argument("--no-tests", action="store_true", help="skip the *_test.rego run")
    a = ap.parse_args()
    # Each TOM is checked from its own directory: a relative path must not depend on that.
    a.tomcheck = str(Path(a.tomcheck).resolve())
    try:
        if a.install:
            install(a.opa_lib)
            load_opa(a.opa_lib)
            print(f"installed {WHEEL} into {a.opa_lib}")
            return 0
        opa = load_opa(a.opa_lib)
        if not Path(a.tomcheck).is_file():
            raise Setup(f"tomcheck binary not found: {a.tomcheck} (cargo build first)")
        policies = PolicyDir(a.policies.resolve())
        problems = [] if a.no_tests else run_tests(opa, policies)
        bundled = policies.root == (ROOT / "policies").resolve()
        extra = [] if bundled else ["--no-builtin", "--policy", str(policies.root)]
        engine = policies.engine(opa)
        todo = [(c.resolve(), ["check"]) for c in a.case] if a.case else cases(ROOT)
        for case, args in todo:
            problems += compare(case, args, a.tomcheck, engine, opa, policies, extra)
        print(f"opa: {len(todo)} TOMs compared, {sum(1 for p in problems if p.endswith('findings differ') or 'failed' in p or 'exited' in p)} differ")
    except Setup as e:
        print(f"opa-differential: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
