#!/usr/bin/env bash
# Add judging-app to the desktop of the current user (no root needed): the application menu entry,
# the icons, and the file types, so that double-clicking a .jpkg opens the judge's window and a
# .jdb the contest.
#
#   packaging/linux/install.sh [PROGRAM]     (make install-desktop)
#   packaging/linux/install.sh --uninstall
#
# PROGRAM is the judging-app to run; by default the built app beside this script (the app's
# _internal/packaging/linux/), else dist/judging-app/judging-app, else the source tree's .venv,
# else judging-app on the PATH. Files go under ${XDG_DATA_HOME:-~/.local/share}.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"  # the source tree, or the built app's _internal folder
ICONS="$ROOT/judging_app/resources/icons"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
SIZES="16 24 32 48 64 128 256 512"
# icon name: source icon
TYPE_ICONS="application-x-judging-app-package:judge-package application-x-judging-app-contest:contest-database"

uninstall() {
    rm -f "$DATA/applications/judging-app.desktop" "$DATA/mime/packages/judging-app.xml"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/judging-app.png"
        for pair in $TYPE_ICONS; do
            rm -f "$DATA/icons/hicolor/${size}x${size}/mimetypes/${pair%%:*}.png"
        done
    done
    rm -f "$DATA/icons/hicolor/scalable/apps/judging-app.svg"
}

refresh() {
    if command -v update-mime-database >/dev/null; then update-mime-database "$DATA/mime"; fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database "$DATA/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    refresh
    echo "removed judging-app from $DATA"
    exit 0
fi

program="${1:-}"
if [ -z "$program" ]; then
    for candidate in "$ROOT/../judging-app" "$ROOT/dist/judging-app/judging-app" \
        "$ROOT/.venv/bin/judging-app" "$(command -v judging-app || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then program="$candidate"; break; fi
    done
fi
[ -n "$program" ] && [ -x "$program" ] || {
    echo "install.sh: no judging-app program found; give its path" >&2
    exit 1
}
program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
# The Exec line quotes the program (a path may hold spaces), as the Desktop Entry spec asks.
escaped="$(printf '%s' "$program" | sed 's/[\\"`$]/\\&/g')"
escaped="$(printf '%s' "$escaped" | sed 's/[\\&|]/\\&/g')"  # and for sed's replacement
sed "s|^Exec=.*|Exec=\"$escaped\" open %f|" "$HERE/judging-app.desktop" \
    > "$DATA/applications/judging-app.desktop"
cp "$HERE/judging-app.xml" "$DATA/mime/packages/judging-app.xml"
for size in $SIZES; do
    apps="$DATA/icons/hicolor/${size}x${size}/apps"
    types="$DATA/icons/hicolor/${size}x${size}/mimetypes"
    mkdir -p "$apps" "$types"
    cp "$ICONS/png/judging-app-$size.png" "$apps/judging-app.png"
    for pair in $TYPE_ICONS; do
        cp "$ICONS/png/${pair##*:}-$size.png" "$types/${pair%%:*}.png"
    done
done
cp "$ICONS/judging-app.svg" "$DATA/icons/hicolor/scalable/apps/judging-app.svg"
refresh
echo "installed judging-app ($program) into $DATA"
