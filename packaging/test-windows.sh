#!/usr/bin/env bash
# Tests the Windows build under Wine on this Linux machine: the portable agora.exe
# (help, in cmd.exe's console too, demo in a folder named with accents and spaces,
# check, a PDF read back, an Excel CSV out and back in, a draw verified from its
# published files),
# then the installer (/S), the installed agora.exe, a silent uninstall that keeps the
# data, and the window under Xvfb (dist/agora-windows-window.png, to look at) with a
# command beside it refused by the single-instance lock, and a PDF saved through the
# Windows save dialog (screenshots beside it).
# Given the setup.exe of an earlier release, it also installs that one, makes its demo
# dossier, installs this version over it and checks the store migrated after a backup:
#   packaging/test-windows.sh [dist/previous/Agora-<older>-setup.exe]
# Wine 8 lacks bcryptprimitives.dll (Windows 10/11 have it): a stand-in built from
# packaging/windows/wine/ goes into the throwaway prefix, never into a package.
set -euo pipefail
cd "$(dirname "$0")/.."

source packaging/common.sh
zip="dist/Agora-$VERSION-windows.zip" setup="dist/Agora-$VERSION-setup.exe"
[ -f "$zip" ] && [ -f "$setup" ] || { echo "test-windows.sh: run packaging/build.sh windows first" >&2; exit 2; }
previous=${1:-}
[ -z "$previous" ] || [ -f "$previous" ] || { echo "test-windows.sh: no $previous" >&2; exit 2; }

need_apt wine wine64 gcc-mingw-w64-x86-64 unzip poppler-utils xvfb xauth imagemagick sqlite3

work=$(mktemp -d)
# A home of its own: Wine links the prefix's Desktop and Documents to it.
mkdir -p "$work/home"
export HOME="$work/home" WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
step "Wine prefix"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/windows/wine/bcryptprimitives.c -ladvapi32
c="$WINEPREFIX/drive_c"

step "portable agora.exe"
unzip -q "$zip" -d "$work"
exe="$work/Agora/agora.exe"
# The portable agora.exe on a data folder named with accents and spaces.
agora() { wine "$exe" --data-dir 'C:\Données de Hélène' "$@" 2>/dev/null | tr -d '\r'; }
help=$(agora --help) || fail "agora.exe --help"
grep -q "Usage : agora" <<<"$help" || fail "agora.exe --help prints nothing"
agora demo >/dev/null || fail "agora.exe demo"
[ -f "$c/Données de Hélène/agora.sqlite" ] || fail "no store in C:\\Données de Hélène"
checked=$(agora check) || fail "agora.exe check"
grep -q "La base est saine" <<<"$checked" || fail "agora.exe check"
agora export synthesis 1 --out 'C:\note de synthèse.pdf' >/dev/null || fail "agora.exe export synthesis"
text=$(pdftotext "$c/note de synthèse.pdf" -)
grep -q "^Note de synthèse — Convention citoyenne" <<<"$text" || fail "the PDF does not read back"

# A windowed program (no console window opens behind Agora); its file properties (the
# version resource, UTF-16 inside the .exe): « Mission Démocratie locale », the version.
headers=$(x86_64-w64-mingw32-objdump -p "$exe")
grep -q "^Subsystem.*(Windows GUI)" <<<"$headers" || fail "agora.exe is not a windowed program"
utf16() {
  printf %s "$1" | iconv -f UTF-8 -t UTF-16LE | od -An -tx1 -v | tr -d ' \n' | sed 's/../\\x&/g'
}
for property in "Mission Démocratie locale" "$VERSION"; do
  LC_ALL=C grep -qaP "$(utf16 "$property")" "$exe" || fail "agora.exe's properties lack « $property »"
done

step "in a terminal: agora.exe --help from cmd.exe"
# A tty for Wine's console. On Windows agora.exe, a windowed program, attaches to
# cmd's console; Wine hands a windowed child the console anyway (a MinGW -mwindows
# printf shows too, its accents garbled), so this checks the text reaching the console
# whole, accents included, not the attach itself.
con=$(script -qec "wine cmd /c $(printf %q "$(winepath -w "$exe")") --help" /dev/null \
  | tr -d '\r' | sed 's/\x1b\[[?0-9;]*[a-zA-Z]//g')
grep -q "^Usage : agora" <<<"$con" && grep -q "Mission Démocratie locale" <<<"$con" \
  || fail "agora.exe started from cmd.exe prints nothing in its console: $con"

step "Windows files: an Excel CSV (CRLF) out and back in, a draw verified from its published files"
agora contacts export 'C:\contacts exportés.csv' >/dev/null || fail "agora.exe contacts export"
lines=$(wc -l < "$c/contacts exportés.csv")
[ "$lines" -gt 1 ] && [ "$(grep -c $'\r$' "$c/contacts exportés.csv")" = "$lines" ] \
  || fail "the contacts' CSV does not end its lines with CRLF"
imported=$(wine "$exe" --data-dir 'C:\Autre dossier' contacts import 'C:\contacts exportés.csv' --dry-run \
  2>/dev/null | tr -d '\r') || fail "agora.exe contacts import of its own CSV: $imported"
grep -q "^$((lines - 1)) ligne(s) valides" <<<"$imported" || fail "the import does not count $((lines - 1)) contacts: $imported"
agora export portfolio 1 --out 'C:\portefeuille.json' >/dev/null || fail "agora.exe export portfolio"
agora export panel 1 --out 'C:\panel.csv' >/dev/null || fail "agora.exe export panel"
verified=$(wine "$exe" draw verify --portfolio 'C:\portefeuille.json' --seed climat-2026-10-01 \
  --panel 'C:\panel.csv' 2>/dev/null | tr -d '\r') || fail "agora.exe draw verify: $verified"
grep -q "^Le tirage est vérifié" <<<"$verified" || fail "agora.exe draw verify: $verified"

step "installer /S, installed agora.exe, uninstaller /S"
wine "$setup" /S >/dev/null 2>&1 || fail "the installer"
installed=$(ls -d "$c"/users/*/AppData/Local/Programs/Agora 2>/dev/null | head -1)
[ -n "$installed" ] && [ -f "$installed/agora.exe" ] || fail "not installed per user"
grep -q "EUROPEAN UNION PUBLIC LICENCE v. 1.2" "$installed/LICENCE.txt" || fail "no licence installed"
# The installed agora.exe, on its own data folder (%APPDATA%\Agora\data).
installed_agora() { wine "$installed/agora.exe" "$@" 2>/dev/null | tr -d '\r'; }
installed_agora demo >/dev/null || fail "the installed agora.exe"
data=$(ls -d "$c"/users/*/AppData/Roaming/Agora/data 2>/dev/null | head -1)
[ -n "$data" ] && [ -f "$data/agora.sqlite" ] || fail "no data under %APPDATA%\\Agora\\data"
# Installing again over the installed program keeps the data (the same version here:
# an older one would also migrate the store on its first start).
before=$(sha256sum "$data/agora.sqlite")
wine "$setup" /S >/dev/null 2>&1 || fail "installing over the installed program"
[ "$(sha256sum "$data/agora.sqlite")" = "$before" ] || fail "reinstalling changed the data"
wine "$installed/desinstaller.exe" /S "_?=$(winepath -w "$installed")" >/dev/null 2>&1 \
  || fail "the uninstaller"
[ ! -f "$installed/agora.exe" ] || fail "agora.exe is still installed"
[ -f "$data/agora.sqlite" ] || fail "the uninstaller took the data"

if [ -n "$previous" ]; then
  step "upgrade from $previous, keeping the data"
  schema=$(store_state "$c/Données de Hélène/agora.sqlite" | cut -d'|' -f1)
  rm -rf "$data"
  wine "$previous" /S >/dev/null 2>&1 || fail "the previous installer"
  installed_agora demo >/dev/null || fail "the previous agora.exe demo"
  echo "   $(installed_agora --version) -> agora $VERSION"
  before=$(store_state "$data/agora.sqlite")
  wine "$setup" /S >/dev/null 2>&1 || fail "installing over the previous version"
  [ "$(installed_agora --version)" = "agora $VERSION" ] \
    || fail "the installed agora.exe is not $VERSION"
  checked=$(installed_agora check) || fail "agora.exe check after the upgrade"
  grep -q "La base est saine" <<<"$checked" || fail "agora.exe check after the upgrade"
  check_upgraded "$data" "$before" "$schema"
  wine "$installed/desinstaller.exe" /S "_?=$(winepath -w "$installed")" >/dev/null 2>&1 \
    || fail "the uninstaller"
fi

step "the window"
# The Wine session started above has no display: end it, so the window's session
# starts under Xvfb with Wine's X11 driver.
wineserver -k 2>/dev/null || true
shot=$(realpath -m dist/agora-windows-window.png)
ICED_BACKEND=tiny-skia xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" bash -c '
  set -o pipefail
  wine "$1" --data-dir "C:\\Données de Hélène" >/dev/null 2>&1 & pid=$!
  sleep 20
  import -window root "$2"
  # The window holds the data folder: a command on it is refused, in French.
  if refused=$(wine "$1" --data-dir "C:\\Données de Hélène" check 2>&1 | tr -d "\r"); then
    echo "agora.exe check ran beside the open window" >&2; exit 1
  fi
  grep -q "Agora est déjà ouvert sur ce dossier" <<<"$refused" || { echo "lock: $refused" >&2; exit 1; }
  # Documents → Note de synthèse · PDF: the save dialog proposes its name; « Save ».
  # (Positions in the 1366×768 screen; keys typed by xdotool do not reach Wine there.)
  xdotool mousemove 75 335 click 1; sleep 3
  xdotool mousemove 1242 254 click 1; sleep 8
  import -window root "$3"
  xdotool mousemove 560 456 click 1; sleep 8
  import -window root "$4"
  kill $pid 2>/dev/null || true
' _ "$exe" "$shot" "${shot%.png}-dialogue.png" "${shot%.png}-enregistre.png" \
  || fail "the single-instance lock"
colours=$(convert "$shot" -format "%k" info:)
echo "   $shot ($colours colours)"
[ "$colours" -gt 100 ] || fail "the window did not show ($colours colours)"
saved=$(find "$c/users" "$HOME" -name 'note-de-synthese-convention-1-*.pdf' | head -1)
[ -n "$saved" ] || fail "nothing saved through the save dialog (see ${shot%.png}-dialogue.png)"
grep -q "^Note de synthèse — Convention citoyenne" <<<"$(pdftotext "$saved" -)" \
  || fail "the PDF saved through the dialog does not read back"
echo "   saved through the dialog: $(basename "$saved") (${shot%.png}-enregistre.png)"
wineserver -k 2>/dev/null || true
rm -rf "$work"
echo "test-windows.sh: OK"
