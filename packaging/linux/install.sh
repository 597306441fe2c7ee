#!/usr/bin/env sh
# Register EvidenceBoard with the desktop for the current user: menu entry, icons, the
# .evboard file type (by name and by content) and the AppStream entry, so a board file
# opens with a double click.
#
#   install.sh [--uninstall]
#
# Works from two places:
# - the bundle (dist/evidenceboard/install-desktop-integration.sh): the menu entry starts
#   that bundle's evidenceboard, wherever the folder was unpacked;
# - the source tree (packaging/linux/install.sh), after `pip install`: the menu entry
#   starts the `evidenceboard` command found on PATH.
# XDG_DATA_HOME (default ~/.local/share) is where the files go.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.evidenceboard.EvidenceBoard
data=${XDG_DATA_HOME:-$HOME/.local/share}

if [ -d "$here/_internal/linux" ]; then        # the bundle
  src="$here/_internal/linux"
  exec_path="$here/evidenceboard"
  svg="$src/$app_id.svg"
else                                            # the source tree
  src="$here"
  exec_path=$(command -v evidenceboard || true)
  [ -n "$exec_path" ] || { echo "install.sh: install EvidenceBoard first (evidenceboard is not on PATH)" >&2; exit 2; }
  svg="$here/$app_id.svg"
fi

case "$exec_path" in
  *%*) echo "install.sh: $exec_path: desktops cannot start a program whose path holds '%'; move the folder" >&2
       exit 2 ;;
esac

sizes="16 22 24 32 48 64 128 256 512"
installed="applications/$app_id.desktop mime/packages/$app_id.xml metainfo/$app_id.metainfo.xml
  icons/hicolor/scalable/apps/$app_id.svg icons/hicolor/scalable/mimetypes/application-x-evidenceboard.svg"
for s in $sizes; do
  installed="$installed icons/hicolor/${s}x${s}/apps/$app_id.png icons/hicolor/${s}x${s}/mimetypes/application-x-evidenceboard.png"
done

refresh() {
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime" || true; fi
  if command -v update-desktop-database >/dev/null; then update-desktop-database "$data/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  for f in $installed; do rm -f "$data/$f"; done
  refresh
  echo "EvidenceBoard unregistered from $data"
  exit 0
fi

# The menu entry runs this installation's program: Exec and TryExec get its full path,
# quoted and escaped as the Desktop Entry specification asks (a path may hold spaces,
# quotes or $; GLib cannot start one holding '%', refused above).  awk takes the lines from the environment, which it does not unescape.
exec_arg=$(printf '%s' "$exec_path" | sed -e 's/\\/\\\\\\\\/g' -e 's/"/\\\\"/g' \
  -e 's/`/\\\\`/g' -e 's/\$/\\\\$/g')
try_exec=$(printf '%s' "$exec_path" | sed -e 's/\\/\\\\/g')
mkdir -p "$data/applications"
EB_EXEC="Exec=\"$exec_arg\" %f" EB_TRYEXEC="TryExec=$try_exec" awk '
  /^Exec=/ { print ENVIRON["EB_EXEC"]; next }
  /^TryExec=/ { print ENVIRON["EB_TRYEXEC"]; next }
  { print }' "$src/$app_id.desktop" > "$data/applications/$app_id.desktop"
chmod 644 "$data/applications/$app_id.desktop"
install -Dm644 "$src/$app_id.mime.xml" "$data/mime/packages/$app_id.xml"
install -Dm644 "$src/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
install -Dm644 "$svg" "$data/icons/hicolor/scalable/apps/$app_id.svg"
install -Dm644 "$svg" "$data/icons/hicolor/scalable/mimetypes/application-x-evidenceboard.svg"
for s in $sizes; do
  install -Dm644 "$src/icons/${s}x${s}/$app_id.png" "$data/icons/hicolor/${s}x${s}/apps/$app_id.png"
  install -Dm644 "$src/icons/${s}x${s}/$app_id.png" "$data/icons/hicolor/${s}x${s}/mimetypes/application-x-evidenceboard.png"
done
refresh
if command -v xdg-mime >/dev/null; then xdg-mime default "$app_id.desktop" application/x-evidenceboard || true; fi
echo "EvidenceBoard registered in $data (starts $exec_path)"
