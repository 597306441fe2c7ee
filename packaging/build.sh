#!/usr/bin/env bash
# Build the one-folder desktop bundle: dist/evidenceboard/ (macOS: also EvidenceBoard.app).
#
#   packaging/build.sh [PYTHON]        PYTHON: the interpreter to bundle (default python3)
#
# The app is installed with its `[bundle]` extra into a build venv of its own
# (build/bundle-venv), not editable and without the test extras, so the bundle holds the
# run-time dependencies and their metadata only.  Only the package registry is used.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-python3}
venv="$root/build/bundle-venv"
cd "$root"

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade --no-warn-script-location "$root[bundle]"

rm -rf "$root/dist/evidenceboard" "$root/dist/EvidenceBoard.app"
# Run from build/, not the source tree: the tree's evidenceboard.egg-info (left by an
# editable install) would otherwise be taken for the package's metadata.
cd "$root/build"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$root/dist" --workpath "$root/build/pyinstaller" \
  "$root/packaging/evidenceboard.spec"

bundle="$root/dist/evidenceboard"
size=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
echo "bundle: $bundle  ${size} MiB, ${files} files"
