#!/usr/bin/env sh
# Register EvidenceBoard with the desktop for the current user: menu entry, icon, and the
# .evboard file type, so a board file opens with a double click.  Run after installing
# the package (the `evidenceboard` command must be on PATH).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
install -Dm644 "$here/org.evidenceboard.EvidenceBoard.desktop" "$data/applications/org.evidenceboard.EvidenceBoard.desktop"
install -Dm644 "$here/org.evidenceboard.EvidenceBoard.mime.xml" "$data/mime/packages/org.evidenceboard.EvidenceBoard.xml"
install -Dm644 "$root/resources/icons/evidenceboard.svg" "$data/icons/hicolor/scalable/apps/org.evidenceboard.EvidenceBoard.svg"
install -Dm644 "$root/resources/icons/evidenceboard.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-evidenceboard.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v xdg-mime >/dev/null && xdg-mime default org.evidenceboard.EvidenceBoard.desktop application/x-evidenceboard || true
echo "EvidenceBoard registered for $USER"
