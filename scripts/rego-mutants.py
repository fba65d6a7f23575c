#!/usr/bin/env python3
"""Mutation check for the bundled Rego policies: do the Rego tests notice a change?

For the body lines of the given lines of a policy file, makes one mutant at a time —
the line dropped, a comparison flipped (< <=, > >=, == !=), a `not ` added or removed, a
member dropped from a set or array literal on the line — runs `tomcheck test` on a copy
of the policy directory, and lists the mutants that every test survives.

    cargo build
    python3 scripts/rego-mutants.py policies/system.rego 160-200

Exit code 1 when a mutant survives. A mutant that does not compile counts as killed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOMCHECK = ROOT / "target" / "debug" / "tomcheck"
FLIPS = [(" <= ", " < "), (" < ", " <= "), (" >= ", " > "), (" > ", " >= "), (" == ", " != "), (" != ", " == ")]


def mutants(line: str):
    s = line.strip()
    if not s or s.startswith("#") or s in ("}", "{") or s.endswith(":= {") or s.startswith("finding :=") \
            or s.startswith('"') or s.endswith("if {") or s.startswith("package") or s.startswith("import"):
        return
    yield "drop line", None
    for a, b in FLIPS:
        if a in line:
            yield f"{a.strip()} -> {b.strip()}", line.replace(a, b, 1)
    if s.startswith("not "):
        yield "remove not", line.replace("not ", "", 1)
    elif not s.startswith("some ") and ":=" not in s and not s.startswith("every "):
        indent = line[: len(line) - len(line.lstrip())]
        yield "add not", f"{indent}not {s}\n"
    for m in re.finditer(r"\{([^{}]*)\}|\[([^\[\]]*)\]", line):
        body = m.group(1) if m.group(1) is not None else m.group(2)
        items = [i for i in body.split(",")]
        if len(items) < 2 or not all(re.fullmatch(r'\s*"[^"]*"\s*', i) for i in items):
            continue
        for k, item in enumerate(items):
            rest = ",".join(items[:k] + items[k + 1:]).strip()
            open_, close = line[m.start()], line[m.end() - 1]
            yield f"drop {item.strip()}", line[: m.start()] + open_ + rest + close + line[m.end():]


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(sys.argv[1])
    first, last = (int(x) for x in sys.argv[2].split("-"))
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    survivors, total = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "policies"
        shutil.copytree(target.parent, copy)
        path = copy / target.name
        for n in range(first, last + 1):
            for what, new in mutants(lines[n - 1]):
                total += 1
                mutated = lines[: n - 1] + ([] if new is None else [new]) + lines[n:]
                path.write_text("".join(mutated), encoding="utf-8")
                run = subprocess.run([str(TOMCHECK), "test", "--no-builtin", str(copy)],
                                     capture_output=True, text=True)
                if run.returncode == 0:
                    survivors.append(f"{target}:{n}: {what}: {lines[n - 1].strip()}")
        path.write_text("".join(lines), encoding="utf-8")
    print(f"{total} mutants, {len(survivors)} survived")
    for s in survivors:
        print("  survived", s)
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
