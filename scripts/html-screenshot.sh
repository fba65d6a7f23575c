#!/usr/bin/env bash
# Renders an HTML report of `tomcheck diff --format html` in headless Chromium, fails when
# the page logs anything to the console (script errors, resources that fail to load —
# the report must be self-contained), and writes a PNG screenshot of it.
#
#   scripts/html-screenshot.sh REPORT.html SCREENSHOT.png [WIDTH,HEIGHT]
#
# Needs Debian's `chromium` (apt-get install -y chromium). The test
# `html_report_renders_in_headless_chromium` in tests/cli/diff.rs does the same on every run.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html SCREENSHOT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
html=$(realpath "$1")
png=$(realpath -m "$2")
size=${3:-1280,1800}

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  echo "$0: chromium is not installed (apt-get install -y chromium)" >&2
  exit 2
fi

profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --window-size="$size" --screenshot="$png" "file://$html" 2>"$log" || {
  cat "$log" >&2
  echo "$0: chromium failed" >&2
  exit 1
}

if grep -E ':CONSOLE|Uncaught|Failed to load resource' "$log" >&2; then
  echo "$0: the page logged console messages (above)" >&2
  exit 1
fi
if [ ! -s "$png" ]; then
  echo "$0: no screenshot was written" >&2
  exit 1
fi
echo "$png"
