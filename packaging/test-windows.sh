#!/usr/bin/env bash
# Tests the Windows build under Wine on this Linux machine: the portable agora.exe
# (help, demo in a folder named with accents and spaces, check, a PDF read back),
# then the installer (/S), the installed agora.exe, a silent uninstall that keeps the
# data, and the window under Xvfb (dist/agora-windows-window.png, to look at).
# Wine 8 lacks bcryptprimitives.dll (Windows 10/11 have it): a stand-in built from
# packaging/windows/wine/ goes into the throwaway prefix, never into a package.
set -euo pipefail
cd "$(dirname "$0")/.."

source packaging/common.sh
zip="dist/Agora-$VERSION-windows.zip" setup="dist/Agora-$VERSION-setup.exe"
[ -f "$zip" ] && [ -f "$setup" ] || { echo "test-windows.sh: run packaging/build.sh windows first" >&2; exit 2; }

need_apt wine wine64 gcc-mingw-w64-x86-64 unzip poppler-utils xvfb xauth imagemagick

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
step "Wine prefix"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/windows/wine/bcryptprimitives.c -ladvapi32
c="$WINEPREFIX/drive_c"

step "portable agora.exe"
unzip -q "$zip" -d "$work"
exe="$work/Agora/agora.exe"
help=$(wine "$exe" --help 2>/dev/null | tr -d '\r') || fail "agora.exe --help"
grep -q "Usage : agora" <<<"$help" || fail "agora.exe --help prints nothing"
wine "$exe" --data-dir 'C:\Données de Hélène' demo >/dev/null 2>&1 || fail "agora.exe demo"
[ -f "$c/Données de Hélène/agora.sqlite" ] || fail "no store in C:\\Données de Hélène"
checked=$(wine "$exe" --data-dir 'C:\Données de Hélène' check 2>/dev/null | tr -d '\r') || fail "agora.exe check"
grep -q "La base est saine" <<<"$checked" || fail "agora.exe check"
wine "$exe" --data-dir 'C:\Données de Hélène' export synthesis 1 --out 'C:\note de synthèse.pdf' \
  >/dev/null 2>&1 || fail "agora.exe export synthesis"
text=$(pdftotext "$c/note de synthèse.pdf" -)
grep -q "^Note de synthèse — Convention citoyenne" <<<"$text" || fail "the PDF does not read back"

step "installer /S, installed agora.exe, uninstaller /S"
wine "$setup" /S >/dev/null 2>&1 || fail "the installer"
installed=$(ls -d "$c"/users/*/AppData/Local/Programs/Agora 2>/dev/null | head -1)
[ -n "$installed" ] && [ -f "$installed/agora.exe" ] || fail "not installed per user"
grep -q "EUROPEAN UNION PUBLIC LICENCE v. 1.2" "$installed/LICENCE.txt" || fail "no licence installed"
wine "$installed/agora.exe" demo >/dev/null 2>&1 || fail "the installed agora.exe"
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

step "the window"
# The Wine session started above has no display: end it, so the window's session
# starts under Xvfb with Wine's X11 driver.
wineserver -k 2>/dev/null || true
shot=$(realpath -m dist/agora-windows-window.png)
ICED_BACKEND=tiny-skia xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" bash -c '
  wine "$1" --data-dir "C:\\Données de Hélène" >/dev/null 2>&1 & pid=$!
  sleep 20
  import -window root "$2"
  kill $pid 2>/dev/null || true
' _ "$exe" "$shot"
colours=$(convert "$shot" -format "%k" info:)
echo "   $shot ($colours colours)"
[ "$colours" -gt 100 ] || fail "the window did not show ($colours colours)"
wineserver -k 2>/dev/null || true
rm -rf "$work"
echo "test-windows.sh: OK"
