#!/usr/bin/env bash
# Smoke test of the built app (`make package`, then `packaging/smoke.sh [dist/judging-app]`).
#
# Runs the built program, not the source: from an empty folder, with a bare environment, so that a
# file the spec forgot (a migration, a translation, an icon, a guide, a Qt plugin, the metadata
# that --version reads) fails here instead of on a secretariat's laptop. The whole demo contest goes
# through the command line as README.txt of the demo tells, and the final ranking must be exactly
# the one the source tree computes. Then both windows open headless (offscreen, and on X11 under
# Xvfb where xvfb-run exists) and must still be running after a few seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APP="$(cd "${1:-$ROOT/dist/judging-app}" && pwd)"
BIN="$APP/judging-app"
SOURCE_BIN="$ROOT/.venv/bin/judging-app"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
# The built app with a bare environment: no venv, no PYTHONPATH, a fresh home and data folder.
app() {
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG="${SMOKE_LANG:-C.UTF-8}" \
        QT_QPA_PLATFORM=offscreen \
        JUDGING_APP_LOCK_WAIT=5 "$BIN" "$@"
}
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

[ -x "$BIN" ] || fail "$BIN is missing: run make package"
[ -x "$APP/judging-app-window" ] || fail "$APP/judging-app-window is missing"
cd "$WORK"

# Every data file of the package is in the app: translations, icons, guides, migrations.
INTERNAL="$APP/_internal"
[ -d "$INTERNAL" ] || INTERNAL="$APP"
missing=0
while IFS= read -r file; do
    [ -f "$INTERNAL/$file" ] || { echo "smoke: missing from the app: $file" >&2; missing=1; }
done < <(cd "$ROOT" && find judging_app/resources judging_app/store/migrations -type f \
    ! -name '*.ts' ! -name '__init__.py' ! -path '*/__pycache__/*' | sort)
[ "$missing" = 0 ] || fail "data files are missing from the app"
echo "smoke: every translation, icon, guide and migration file is in the app"

# The desktop integration shipped inside the app installs the app itself.
XDG_DATA_HOME="$WORK/share" "$INTERNAL/packaging/linux/install.sh" >/dev/null
grep -qxF "Exec=\"$BIN\" open %f" "$WORK/share/applications/judging-app.desktop" \
    || fail "the app's install.sh did not point the menu entry at the app"
echo "smoke: the app's install.sh registers the app itself"

# --version: the package metadata, the same version as the source's.
expected="judging-app $(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/judging_app/__init__.py")"
start=$(now); version="$(app --version)"; version_time=$(seconds "$start" "$(now)")
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"
echo "smoke: $version (${version_time} s)"

# --help in the locale's language: the message catalogue is inside.
SMOKE_LANG=ko_KR.UTF-8 app --help | grep -q "^사용법: judging-app" || fail "Korean --help"
app --help | grep -q "^usage: judging-app" || fail "English --help"

# The demo contest, every verb that writes: migrations (init), xlsx reading, packages (cryptography).
app demo demo >/dev/null
cd demo
app init contest.jdb --config contest.toml >/dev/null
app import-cases contest.jdb cases.xlsx >/dev/null
app import-judges contest.jdb judges.xlsx >/dev/null
app issue-packages contest.jdb --round written --out packages >/dev/null 2>&1
ls packages/*.jpkg >/dev/null || fail "issue-packages wrote no package"
app import-scores contest.jdb scores_written.xlsx --round written >/dev/null
app advance contest.jdb --round written >/dev/null
app import-scores contest.jdb scores_presentation.xlsx --round presentation >/dev/null
app advance contest.jdb --round presentation >/dev/null
app import-votes contest.jdb votes.xlsx >/dev/null
start=$(now); app rank contest.jdb --json > rank.json; rank_time=$(seconds "$start" "$(now)")
app status contest.jdb --json > status.json
app report contest.jdb --out report.xlsx >/dev/null
app verify contest.jdb --report report.xlsx >/dev/null || fail "verify found a difference"
echo "smoke: the demo contest from init to report, verified (rank --json ${rank_time} s)"

# A PostgreSQL address loads psycopg and its libpq: no server listens on port 1, so the answer is
# the one-line refusal that names the server, not an unexpected error.
set +e
app status postgresql://judge@127.0.0.1:1/contest 2> "$WORK/pg.err"
pg_code=$?
set -e
[ "$pg_code" = 1 ] && grep -q "cannot connect to the server" "$WORK/pg.err" \
    || { cat "$WORK/pg.err" >&2; fail "a PostgreSQL address did not reach the driver"; }
echo "smoke: a postgresql:// address reaches psycopg (refused: no server on port 1)"

# The same ranking as the source tree's (where this checkout has its venv, as in CI after make test).
if [ -x "$SOURCE_BIN" ]; then
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$SOURCE_BIN" rank contest.jdb --json \
        > rank-source.json
    cmp -s rank.json rank-source.json || fail "rank --json differs from the source tree's"
    echo "smoke: rank --json is the source tree's, byte for byte"
fi
grep -q '"award": "최우수"' rank.json || fail "no grand prize in rank --json"

# The windows, headless, each until its first paint (JUDGING_APP_EXIT_AT_FIRST_PAINT): Qt, its
# platform plugin, the translations and the icons loaded. A missing plugin ends the program with an
# error; an exception is a traceback on stderr.
window() {
    local label="$1" platform="$2"; shift 2
    local runner=()
    if [ "$platform" = xcb ]; then runner=(xvfb-run -a -s "-screen 0 1280x800x24"); fi
    set +e
    local start; start=$(now)
    "${runner[@]}" env -u PYTHONPATH -u VIRTUAL_ENV HOME="$WORK/home" LANG=ko_KR.UTF-8 \
        QT_QPA_PLATFORM="$platform" JUDGING_APP_EXIT_AT_FIRST_PAINT=1 \
        timeout 60 "$BIN" "$@" > "$WORK/window.log" 2>&1
    local code=$?
    set -e
    local took; took=$(seconds "$start" "$(now)")
    [ "$code" = 0 ] || { cat "$WORK/window.log" >&2; fail "$label ended with $code"; }
    if grep -qi "could not\|error\|traceback\|exception" "$WORK/window.log"; then
        cat "$WORK/window.log" >&2; fail "$label said something went wrong"
    fi
    echo "smoke: $label painted (${took} s)"
}
package="$(ls packages/*.jpkg | head -1)"
window "the contest window (offscreen)" offscreen open contest.jdb
window "the judge's window (offscreen)" offscreen open "$package"
if command -v xvfb-run >/dev/null; then
    window "the contest window (X11 under Xvfb)" xcb open contest.jdb
    window "the judge's window (X11 under Xvfb)" xcb open "$package"
fi
echo "smoke: passed"
