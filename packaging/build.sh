#!/usr/bin/env bash
# Builds Agora's packages into dist/ and lists them with their SHA-256 sums.
#   packaging/build.sh deb       the Debian/Ubuntu package (cargo-deb)
#   packaging/build.sh windows   the Windows installer and zip (not built yet: see below)
#   packaging/build.sh all       both
# It installs what it needs on Debian/Ubuntu (apt-get, cargo install at pinned
# versions) and needs no network beyond the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
WORK=target/packaging
mkdir -p dist "$WORK"

need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

# The manual page: the same text as `agora --help`, in a man page's frame.
man_page() {
  local help
  help=$(target/release/agora --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/")
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
  cargo build --release
  man_page
  cargo deb --no-build --output dist/
}

build_windows() {
  echo "build.sh: the Windows installer is not built yet (issue « Installers »)." >&2
  return 2
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
