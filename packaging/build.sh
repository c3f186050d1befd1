#!/usr/bin/env bash
# Builds Agora's packages into dist/ and lists them with their SHA-256 sums.
#   packaging/build.sh deb       the Debian/Ubuntu package (cargo-deb)
#   packaging/build.sh windows   the Windows installer (NSIS) and the portable zip
#   packaging/build.sh all       both
# It installs what it needs on Debian/Ubuntu (apt-get, cargo install at pinned
# versions) and needs no network beyond the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
# The profile: `dist` for what a person installs; CI packages the binary its tests
# just built with AGORA_PROFILE=dev (the same package, an unoptimised program).
PROFILE=${AGORA_PROFILE:-dist}
[ "$PROFILE" = dev ] && DIR=debug || DIR=$PROFILE  # the folder cargo builds it in
source packaging/common.sh
WORK=target/packaging
mkdir -p dist "$WORK"


# The manual page: the same text as `agora --help`, in a man page's frame.
man_page() {
  local help
  help=$("target/$DIR/agora" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/")
  cat > "$WORK/agora.1" <<MAN
.TH AGORA 1 "$(date -u +%Y-%m-%d)" "Agora $VERSION" "Commandes utilisateur"
.SH NOM
agora \\- le poste de travail de la Mission D\\['e]mocratie locale
.SH SYNOPSIS
.B agora
[\\-\\-data\\-dir DOSSIER] [COMMANDE]
.SH DESCRIPTION
Sans commande, ouvre la fen\\[^e]tre. Le texte qui suit est celui de
.BR "agora \\-\\-help" .
.PP
.nf
$help
.fi
.SH FICHIERS
Les donn\\['e]es sont dans le dossier de l'utilisateur,
.IR ~/.local/share/agora ,
sauf avec
.BR \\-\\-data\\-dir .
MAN
  gzip -9nf "$WORK/agora.1"
}

build_deb() {
  need_apt dpkg-dev
  if ! cargo deb --version 2>/dev/null | grep -q "$CARGO_DEB_VERSION"; then
    cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked
  fi
  cargo build --profile "$PROFILE"
  man_page
  cargo deb --no-build --profile "$PROFILE" --output dist/
}

# agora.exe cross-built with MinGW (icon and version information embedded by
# build.rs), stripped; then the portable zip and the NSIS installer.
build_windows() {
  need_apt gcc-mingw-w64-x86-64 nsis zip
  rustup target add x86_64-pc-windows-gnu
  cargo build --profile "$PROFILE" --target x86_64-pc-windows-gnu
  x86_64-w64-mingw32-strip -o "$WORK/agora.exe" "target/x86_64-pc-windows-gnu/$DIR/agora.exe"
  # The licences as Windows' Notepad reads them (CRLF).
  sed 's/$/\r/' LICENSE > "$WORK/LICENCE.txt"
  sed 's/$/\r/' assets/fonts/LICENSE.txt > "$WORK/LICENCE-polices.txt"
  rm -rf "$WORK/Agora" && mkdir -p "$WORK/Agora"
  cp "$WORK/agora.exe" "$WORK/LICENCE.txt" "$WORK/LICENCE-polices.txt" "$WORK/Agora/"
  cp packaging/windows/LISEZMOI.txt "$WORK/Agora/LISEZMOI.txt"
  (cd "$WORK" && rm -f "Agora-$VERSION-windows.zip" && zip -qr "Agora-$VERSION-windows.zip" Agora)
  mv "$WORK/Agora-$VERSION-windows.zip" dist/
  makensis -V2 -DVERSION="$VERSION" -DEXE="$(realpath "$WORK/agora.exe")" \
    -DLICENCES="$(realpath "$WORK")" \
    -DOUT="$(realpath dist)/Agora-$VERSION-setup.exe" packaging/windows/agora.nsi
}

case "${1:-all}" in
  deb) build_deb ;;
  windows) build_windows ;;
  all) build_deb; build_windows ;;
  *) echo "usage: packaging/build.sh [deb|windows|all]" >&2; exit 2 ;;
esac

(cd dist && sha256sum -- *.deb *.exe *.zip 2>/dev/null > SHA256SUMS || true)
echo "Written in dist/:"
(cd dist && cat SHA256SUMS)
