# What the packaging scripts share; sourced by build.sh, test-deb.sh, test-windows.sh
# from the repository's root.

# The version in Cargo.toml.
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

# Installs the Debian packages named that are not installed yet.
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

step() { echo "== $*"; }
fail() { echo "ÉCHEC: $*" >&2; exit 1; }
