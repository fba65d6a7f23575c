#!/usr/bin/env bash
# Regenerates assets/fonts/: Noto Sans 2.004 (SIL Open Font License 1.1 without a
# Reserved Font Name, so a subset may keep its name; see assets/fonts/OFL.txt) subset to Latin, Greek, Cyrillic, punctuation, currency and arrows,
# without hinting. The PDF renderer embeds these (subset again to the glyphs a document uses).
#   apt-get install fonts-noto-core && pip install fonttools==4.68.0
set -euo pipefail
cd "$(dirname "$0")/.."
src=${NOTO_DIR:-/usr/share/fonts/truetype/noto}
ranges="U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+2260-2265,U+25CF,U+FFFD"
for style in Regular Bold Italic; do
  pyftsubset "$src/NotoSans-$style.ttf" --unicodes="$ranges" --no-hinting \
    --layout-features='*' --name-IDs='*' --name-languages='*' \
    --output-file="assets/fonts/NotoSans-$style.ttf"
done
