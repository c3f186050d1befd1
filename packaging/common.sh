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

# Upgrade tests. `store_state FILE`: the store's schema version and its counts of
# contacts and meetings, as `schema|contacts|meetings`.
store_state() {
  sqlite3 "$1" "SELECT (SELECT user_version FROM pragma_user_version),
    (SELECT count(*) FROM contacts), (SELECT count(*) FROM meetings)"
}

# `check_upgraded FOLDER BEFORE SCHEMA`: the store in FOLDER, whose state was BEFORE
# under the previous version, is now at SCHEMA with the same records, and the backup
# taken before its migration holds it as it was.
check_upgraded() {
  local data=$1 before=$2 schema=$3 backup
  [ "${before%%|*}" -lt "$schema" ] || fail "the previous version's store is already at schema ${before%%|*}"
  [ "$(store_state "$data/agora.sqlite")" = "$schema|${before#*|}" ] \
    || fail "not migrated with its records kept: $(store_state "$data/agora.sqlite"), was $before"
  backup=$(ls "$data"/sauvegardes/agora-*-avant-migration.sqlite 2>/dev/null | head -1)
  [ -n "$backup" ] && [ "$(store_state "$backup")" = "$before" ] \
    || fail "no backup of the store as it was before its migration"
  echo "   schema ${before%%|*} -> $schema, records kept (${before#*|}), backup $(basename "$backup")"
}
