#!/usr/bin/env bash
# Whole-process benchmarks of tomcheck (the targets are in BENCHMARKS.md): builds the release binary and the
# TOM generator, generates the inputs, times every case with hyperfine (median of
# several runs), measures peak RSS with /usr/bin/time -v and prints a Markdown table
# with the scaling ratios. Per-stage figures: `cargo bench --bench pipeline`.
#
# Usage: bench/run.sh [--quick] [--keep]
#   --quick  fewer runs and no 100k case (a smoke test of the script)
#   --keep   keep the generated inputs (printed at the end)
# Needs: cargo, git, hyperfine, GNU time (/usr/bin/time), python3.
#   Debian/Ubuntu: apt-get install -y hyperfine time
set -euo pipefail

QUICK=0
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

for tool in cargo git hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install -y hyperfine time)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench/run.sh needs GNU time at /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# A developer's RUST_BACKTRACE=1 makes every error regorus' parser creates and
# discards capture a backtrace; measure what users get by default.
unset RUST_BACKTRACE RUST_LIB_BACKTRACE
export NO_COLOR=1

echo "building (release)…" >&2
cargo build --release --quiet --bin tomcheck --example gen
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
BIN="$TARGET_DIR/release/tomcheck"
GEN="$TARGET_DIR/release/examples/gen"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tomcheck-bench.XXXXXX")"
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$WORK"' EXIT; fi
TODAY=2026-11-22   # the generator's dates are chosen around this day
if [ "$QUICK" = 1 ]; then RUNS=5; SIZES="1000 10000"; else RUNS=20; SIZES="1000 10000 100000"; fi

echo "generating inputs in $WORK…" >&2
for n in $SIZES; do "$GEN" --entities "$n" --seed 1 --out "$WORK/tom-$n"; done
# The repository's own TOM, copied so the run does not depend on the checkout's state.
mkdir -p "$WORK/typical" && cp -r "$ROOT/tom" "$WORK/typical/tom"
# A pre-commit hook's view: a repository with a staged change to a ≈50-entity TOM.
"$GEN" --entities 50 --seed 1 --out "$WORK/hook" --commits 2
sed -i 's/^retention_days = \([0-9]*\)$/retention_days = 1\1/' "$WORK/hook/tom/backups.toml"
git -C "$WORK/hook" add tom/backups.toml
# History: 1,000 commits that all change the TOM, and 1,000 that toggle between two trees.
"$GEN" --entities 50 --seed 1 --out "$WORK/log" --commits 1000
"$GEN" --entities 50 --seed 1 --out "$WORK/log-same" --commits 1000 --unchanged

# name | entities | target (ms, or - ) | command…
CASES=()
add() { CASES+=("$1|$2|$3|$4"); }
add "check: repository tom/ (typical TOM)" 59 15 "$BIN -C $WORK/typical check --today $TODAY"
add "check --staged (pre-commit hook)" 50 15 "$BIN -C $WORK/hook check --staged --today $TODAY"
for n in $SIZES; do
  t=-; [ "$n" = 10000 ] && t=500
  add "check: $n entities" "$n" "$t" "$BIN -C $WORK/tom-$n check --today $TODAY"
  add "check --format json: $n entities" "$n" - "$BIN -C $WORK/tom-$n check --today $TODAY --format json"
done
add "log: 1,000 commits, cold (first run)" 50 - "COLD"
add "log: 1,000 commits, warm" 50 3000 "$BIN -C $WORK/log log --today $TODAY"
add "log: 1,000 commits, two distinct trees" 50 - "$BIN -C $WORK/log-same log --today $TODAY"

median_ms() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f %.1f" % (r["median"]*1000, r["user"]*1000+r["system"]*1000, r["stddev"]*1000 if r["stddev"] else 0))' "$1"; }
peak_mb() { # median of three runs of /usr/bin/time -v
  for _ in 1 2 3; do
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
    awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt"
  done | sort -n | sed -n 2p | awk '{printf "%.1f", $1/1024}'
}

declare -A MEDIAN CPU
ROWS=()
for c in "${CASES[@]}"; do
  IFS='|' read -r name entities target cmd <<<"$c"
  echo "timing: $name" >&2
  if [ "$cmd" = COLD ]; then
    # One run right after generating another history: nothing of this repository is
    # in memory but the page cache (dropping that needs root and a quiet machine).
    rm -rf "$WORK/log-cold"
    "$GEN" --entities 50 --seed 2 --out "$WORK/log-cold" --commits 1000
    hyperfine -N --runs 1 --export-json "$WORK/h.json" "$BIN -C $WORK/log-cold log --today $TODAY" >/dev/null 2>&1
    read -r med cpu sd < <(median_ms "$WORK/h.json")
    rss=$(peak_mb $BIN -C "$WORK/log-cold" log --today $TODAY)
  else
    hyperfine -N --warmup 3 --runs "$RUNS" -i --export-json "$WORK/h.json" "$cmd" >/dev/null 2>&1
    read -r med cpu sd < <(median_ms "$WORK/h.json")
    # shellcheck disable=SC2086
    rss=$(peak_mb $cmd)
  fi
  MEDIAN["$name"]=$med
  CPU["$name"]=$cpu
  verdict=""
  if [ "$target" != - ]; then
    if python3 -c "import sys; sys.exit(0 if float('$med') <= float('$target') else 1)"; then verdict="≤ $target ms ✓"; else verdict="≤ $target ms ✗"; fi
  fi
  ROWS+=("| $name | $entities | $med | ± $sd | $cpu | $rss | $verdict |")
done

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print('%.1f×' % (b/a))" "$1" "$2"; }

echo
echo "tomcheck $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?') · $(nproc) CPUs · $(date -u +%Y-%m-%d) · medians of $RUNS runs (hyperfine, after 3 warm-up runs)"
echo
echo "| case | entities | median ms | σ ms | user+sys ms (mean) | peak RSS MB | target |"
echo "|---|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Scaling (time ratio for 10× the entities; the target allows ≤ 12×):"
echo
echo "| from → to | human: median | human: CPU | json: median | json: CPU |"
echo "|---|---:|---:|---:|---:|"
prev=""
for n in $SIZES; do
  if [ -n "$prev" ]; then
    h="check: "; j="check --format json: "
    echo "| $prev → $n | $(ratio "${MEDIAN["$h$prev entities"]}" "${MEDIAN["$h$n entities"]}") | $(ratio "${CPU["$h$prev entities"]}" "${CPU["$h$n entities"]}") | $(ratio "${MEDIAN["$j$prev entities"]}" "${MEDIAN["$j$n entities"]}") | $(ratio "${CPU["$j$prev entities"]}" "${CPU["$j$n entities"]}") |"
  fi
  prev=$n
done
echo
echo "CPU = user+sys time of the process (mean of the runs): steadier than wall time on a shared machine."
if [ "$KEEP" = 1 ]; then echo; echo "inputs kept in $WORK"; fi
