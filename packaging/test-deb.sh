#!/usr/bin/env bash
# Installs the .deb that packaging/build.sh wrote and checks it as a person would use
# it: the commands, a demo dossier in a folder with an accent and a space, a PDF read
# back, the desktop entry and the AppStream file validated, the manual page, the
# window started from the installed binary (dist/agora-deb-window.png, to look at),
# then `apt-get remove` leaving the person's data. Run as root on Debian/Ubuntu.
# Given an earlier release's .deb, it also installs that one, makes its demo dossier,
# upgrades to this package and checks the store migrated after a backup:
#   packaging/test-deb.sh [dist/previous/agora_<older>_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(ls -t dist/agora_*_amd64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "test-deb.sh: no dist/agora_*_amd64.deb; run packaging/build.sh deb" >&2; exit 2; }

previous=${1:-}
[ -z "$previous" ] || [ -f "$previous" ] || { echo "test-deb.sh: no $previous" >&2; exit 2; }

source packaging/common.sh
need_apt desktop-file-utils appstream poppler-utils xvfb xauth imagemagick man-db sqlite3

step "install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
[ "$(command -v agora)" = /usr/bin/agora ] || fail "agora is not /usr/bin/agora"
grep -q "EUROPEAN UNION PUBLIC LICENCE v. 1.2" /usr/share/doc/agora/copyright \
  || fail "the licence is not in /usr/share/doc/agora/copyright"

step "commands"
help=$(agora --help)
grep -q "Usage : agora" <<<"$help" || fail "agora --help"
[ "$(agora --version)" = "agora $VERSION" ] || fail "agora --version"
home=$(mktemp -d)
data="$home/Données de Hélène"
agora --data-dir "$data" demo >/dev/null || fail "agora demo"
checked=$(agora --data-dir "$data" check) || fail "agora check"
grep -q "La base est saine" <<<"$checked" || fail "agora check"
agora --data-dir "$data" export synthesis 1 --out "$home/note de synthèse.pdf" >/dev/null \
  || fail "agora export synthesis"
# Read whole before grep: with pipefail, grep -q stopping early fails the pipe.
text=$(pdftotext "$home/note de synthèse.pdf" -)
grep -q "^Note de synthèse — Convention citoyenne" <<<"$text" \
  || fail "the note de synthèse does not read back"

step "desktop entry, AppStream, icons, manual page"
desktop-file-validate /usr/share/applications/fr.agora.Agora.desktop || fail "desktop entry"
appstreamcli validate --no-net /usr/share/metainfo/fr.agora.Agora.metainfo.xml >/dev/null \
  || fail "metainfo"
for size in 48x48 128x128 256x256; do
  [ -f "/usr/share/icons/hicolor/$size/apps/fr.agora.Agora.png" ] || fail "icon $size"
done
[ -f /usr/share/icons/hicolor/scalable/apps/fr.agora.Agora.svg ] || fail "scalable icon"
manual=$(zcat "$(man -w agora)")
grep -q "Sans commande, ouvre la fen" <<<"$manual" || fail "manual page"

step "the window, from the installed binary"
shot=$(realpath -m dist/agora-deb-window.png)
HOME="$home" ICED_BACKEND=tiny-skia xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" bash -c '
  agora --data-dir "$1" >"$2/window.log" 2>&1 & pid=$!
  sleep 8
  kill -0 $pid 2>/dev/null || { cat "$2/window.log" >&2; exit 1; }
  import -window root "$3"
  kill $pid
' _ "$data" "$home" "$shot" || fail "the window did not stay open"
colours=$(convert "$shot" -format "%k" info:)
[ "$colours" -gt 100 ] || fail "the screenshot is blank ($colours colours)"
echo "   $shot ($colours colours)"

step "remove the package, keep the data"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq agora >/dev/null
[ ! -e /usr/bin/agora ] || fail "agora is still installed"
[ -f "$data/agora.sqlite" ] || fail "the data went with the package"

if [ -n "$previous" ]; then
  step "upgrade from $previous, keeping the data"
  schema=$(store_state "$data/agora.sqlite" | cut -d'|' -f1)
  older="$home/Dossier de l'ancienne version"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$previous" >/dev/null \
    || fail "installing the previous package"
  agora --data-dir "$older" demo >/dev/null || fail "the previous agora demo"
  echo "   $(agora --version) -> agora $VERSION"
  before=$(store_state "$older/agora.sqlite")
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null \
    || fail "upgrading to $deb"
  [ "$(agora --version)" = "agora $VERSION" ] || fail "agora is not $VERSION after the upgrade"
  grep -q "La base est saine" <<<"$(agora --data-dir "$older" check)" \
    || fail "agora check after the upgrade"
  check_upgraded "$older" "$before" "$schema"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq agora >/dev/null
fi
rm -rf "$home"
echo "test-deb.sh: OK"
