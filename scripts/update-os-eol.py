#!/usr/bin/env python3
"""Regenerate policies/reference/os_eol/data.json from endoflife.date.

endoflife.date keeps one Markdown file per product (products/<product>.md) whose
YAML front matter lists the release cycles with their dates. This script reads the
products tomcheck knows from a checkout of that repository, keeps the cycles the
matching in policies/lib.rego can name, and writes the reference data with the
commit and date it was taken from, so `tomcheck rules --reference` can say how
current it is.

    git clone https://github.com/endoflife-date/endoflife.date /tmp/eol
    python3 scripts/update-os-eol.py --source /tmp/eol

--commit and --date override what git reports (for a copy without .git). With
--check the script writes nothing and fails when the file would change.
Requires PyYAML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "policies" / "reference" / "os_eol" / "data.json"
REPOSITORY = "https://github.com/endoflife-date/endoflife.date"

# Windows cycle names: endoflife.date labels editions (E) and (W); TOM authors
# write "Enterprise", "Pro", "LTSC 2021".
WINDOWS_NAMES = {
    "11-24h2-e-lts": "Windows 11 Enterprise LTSC 2024",
    "10-21h2-e-lts": "Windows 10 Enterprise LTSC 2021",
    "10-1809-e-lts": "Windows 10 Enterprise LTSC 2019",
    "10-1607-e-lts": "Windows 10 Enterprise LTSB 2016",
    "10-1507-e-lts": "Windows 10 Enterprise LTSB 2015",
}

# product key in the data -> how to build it. `cycles`: the cycles to keep (None:
# all); `aliases`: release names -> cycle, "codename" (whole codename without
# spaces, "highsierra"), "first-word" ("jammy") or None.
PRODUCTS = {
    "windows": {
        "file": "windows", "name": "Windows", "aliases": None,
        # Windows 10 before 22H2 is matched as 22H2 (every non-LTSC release ended
        # by then); IoT editions have their own dates and are left out.
        "cycles": [
            "11-26h1-e", "11-26h1-w", "11-25h2-e", "11-25h2-w", "11-24h2-e-lts",
            "11-24h2-e", "11-24h2-w", "11-23h2-e", "11-23h2-w", "10-22h2",
            "11-22h2-e", "11-22h2-w", "10-21h2-e-lts", "11-21h2-e", "11-21h2-w",
            "10-1809-e-lts", "10-1607-e-lts", "10-1507-e-lts", "8.1", "8", "7-sp1",
            "6-sp2", "5-sp3",
        ],
    },
    "windows-server": {
        "file": "windows-server", "name": "Windows Server", "aliases": None,
        "cycles": ["2025", "2022", "2019", "2016", "2012-r2", "2012", "2008-r2-sp1",
                   "2008-sp2", "2003-sp2", "2000"],
        # A release without service pack means its last one: support of the
        # earlier ones ended before.
        "extra_aliases": {"2008-r2": "2008-r2-sp1", "2008": "2008-sp2",
                          "2003": "2003-sp2", "2003-r2": "2003-sp2"},
    },
    "macos": {"file": "macos", "name": "macOS", "aliases": "codename", "cycles": None},
    "ios": {"file": "ios", "name": "iOS", "aliases": None, "cycles": None},
    "ipados": {"file": "ipados", "name": "iPadOS", "aliases": None, "cycles": None},
    # Codenames are shared between releases (Oreo is 8.0 and 8.1): no aliases.
    "android": {"file": "android", "name": "Android", "aliases": None, "cycles": None},
    "debian": {"file": "debian", "name": "Debian", "aliases": "codename", "cycles": None},
    "ubuntu": {"file": "ubuntu", "name": "Ubuntu", "aliases": "first-word", "cycles": None},
    "rhel": {"file": "rhel", "name": "Red Hat Enterprise Linux", "aliases": None, "cycles": None},
    "centos": {"file": "centos", "name": "CentOS Linux", "aliases": None, "cycles": None},
    "centos-stream": {"file": "centos-stream", "name": "CentOS Stream", "aliases": None, "cycles": None},
    "rocky-linux": {"file": "rocky-linux", "name": "Rocky Linux", "aliases": None, "cycles": None},
    "almalinux": {"file": "almalinux", "name": "AlmaLinux", "aliases": None, "cycles": None},
}

NOTES = (
    "products.<product>.cycles.<cycle>: eol = end of the vendor's regular security support "
    "(false = still supported, true = ended on a date the source does not give), eoas = end of "
    "active support, eoes = end of paid or extended security support (Windows ESU, Debian LTS, "
    "Ubuntu ESM, RHEL ELS), which counts only when a system records it as eol = DATE. Apple "
    "publishes no end-of-life dates; for macOS, iOS and iPadOS eol is the date security updates "
    "were last seen. aliases map release names (lowercase, spaces removed) to cycles. Generated "
    "by scripts/update-os-eol.py."
)


def front_matter(path: Path) -> dict:
    if not path.is_file():
        raise SystemExit(f"update-os-eol: {path} not found: --source must be a checkout of {REPOSITORY}")
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise SystemExit(f"{path}: no YAML front matter")
    return yaml.safe_load(m.group(1))


def value(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    return v


def expand(template: str, release: dict) -> str:
    return (template.replace("__RELEASE_CYCLE__", str(release["releaseCycle"]))
            .replace("__CODENAME__", str(release.get("codename", ""))))


def cycle_name(product: str, spec: dict, r: dict) -> tuple[str, str]:
    """(name, label) of a cycle, as messages show them."""
    cycle = str(r["releaseCycle"])
    label = r.get("releaseLabel")
    codename = r.get("codename")
    if product == "windows":
        label = label or cycle
        name = WINDOWS_NAMES.get(cycle) or "Windows " + label.replace(" (E)", " Enterprise/Education").replace(" (W)", " Home/Pro")
        return name, label
    if product == "windows-server":
        return (label or f"Windows Server {cycle}"), (label or cycle)
    if product == "macos":
        if label and "__" in label:
            return expand(label, r), codename
        return f"macOS {cycle} {codename}", codename
    if product in ("debian", "ubuntu") and codename:
        return f"{spec['name']} {cycle} ({codename})", codename
    if product == "android" and codename:
        return f"Android {cycle} ({codename})", codename
    if label:
        return expand(label, r), expand(label, r)
    return f"{spec['name']} {cycle}", cycle


def product_data(source: Path, product: str, spec: dict) -> dict:
    releases = front_matter(source / "products" / f"{spec['file']}.md")["releases"]
    for r in releases:
        # An unquoted 10.10 would read as the number 10.1.
        if not isinstance(r.get("releaseCycle"), str):
            raise SystemExit(f"{spec['file']}.md: releaseCycle {r.get('releaseCycle')!r} is not a string")
    by_cycle = {str(r["releaseCycle"]): r for r in releases}
    wanted = spec["cycles"] if spec["cycles"] is not None else [str(r["releaseCycle"]) for r in releases]
    missing = [c for c in wanted if c not in by_cycle]
    if missing:
        raise SystemExit(f"{spec['file']}.md has no cycles {missing}: update PRODUCTS in {Path(__file__).name}")
    cycles, aliases = {}, {}
    for c in wanted:
        r = by_cycle[c]
        name, label = cycle_name(product, spec, r)
        entry = {"name": name, "label": label, "release": value(r.get("releaseDate"))}
        for k in ("eoas", "eol", "eoes"):
            if k in r:
                entry[k] = value(r[k])
        cycles[c] = entry
        codename = r.get("codename")
        if codename and spec["aliases"] == "codename":
            aliases[codename.lower().replace(" ", "")] = c
        elif codename and spec["aliases"] == "first-word":
            aliases[codename.split()[0].lower()] = c
    aliases.update(spec.get("extra_aliases", {}))
    return {"name": spec["name"], "aliases": aliases, "cycles": cycles}


def git(source: Path, *args: str) -> str | None:
    """Asks git about the checkout at `source`; None when `source` is not the top of a
    checkout (a copy inside another repository must not take that one's commit)."""
    try:
        def run(*a: str) -> str:
            return subprocess.run(["git", "-C", str(source), *a], capture_output=True, text=True,
                                  check=True).stdout.strip()
        if Path(run("rev-parse", "--show-toplevel")).resolve() != source.resolve():
            return None
        return run(*args)
    except (OSError, subprocess.CalledProcessError):
        return None


def build(source: Path, commit: str, date: str) -> dict:
    return {
        "source": f"endoflife.date (https://endoflife.date), data repository {REPOSITORY} at commit "
                  f"{commit}; MIT licence, (c) 2020 endoflife.date contributors, notice in "
                  f"ENDOFLIFE_LICENSE",
        "commit": commit,
        "checked": date,
        "license": "MIT",
        "notes": NOTES,
        "products": {p: product_data(source, p, spec) for p, spec in PRODUCTS.items()},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, required=True, help="checkout of the endoflife.date repository")
    ap.add_argument("--commit", help="commit of the source (default: git rev-parse HEAD)")
    ap.add_argument("--date", help="date of the source, YYYY-MM-DD (default: its commit date)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="fail if --out would change")
    a = ap.parse_args()
    commit = a.commit or git(a.source, "rev-parse", "HEAD")
    date = a.date or git(a.source, "log", "-1", "--format=%cs")
    if not commit or not date:
        print("update-os-eol: --source is not a git checkout; give --commit and --date", file=sys.stderr)
        return 2
    dt.date.fromisoformat(date)
    text = json.dumps(build(a.source, commit, date), indent=2, ensure_ascii=False) + "\n"
    if a.check:
        if not a.out.is_file() or a.out.read_text(encoding="utf-8") != text:
            print(f"update-os-eol: {a.out} is not what {commit} gives", file=sys.stderr)
            return 1
        return 0
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out} from {commit} ({date})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
