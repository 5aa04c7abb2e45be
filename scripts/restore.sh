#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty (or to-be-replaced) database.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/var/lib/iku/media scripts/restore.sh iku-....dump media-....tar.gz
# Stop the application first; run `manage.py migrate` afterwards when restoring
# into a newer version of the application.
# Files in MEDIA_ROOT that the restored database does not refer to (uploaded after
# the backup) are moved aside to ORPHAN_DIR (default: MEDIA_ROOT.yatim-STAMP next to
# MEDIA_ROOT), never deleted. PYTHON: the interpreter with the application installed
# (default: the project's .venv).
set -euo pipefail
dump=${1:?usage: scripts/restore.sh DUMP MEDIA_TAR}
media_tar=${2:?usage: scripts/restore.sh DUMP MEDIA_TAR}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
root=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$root/media}
python=${PYTHON:-$root/.venv/bin/python}
orphans=${ORPHAN_DIR:-${media%/}.yatim-$(date +%Y%m%d-%H%M%S)}
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dump"
mkdir -p "$media"
tar -C "$media" -xzf "$media_tar"
(cd "$root" && MEDIA_ROOT="$media" "$python" manage.py media_yatim --pindahkan-ke "$orphans")
# The shared cache (Redis) still holds figures made under the versions after the backup: move every
# kecamatan's data version past them. A backup older than the versions themselves needs `migrate` first.
(cd "$root" && "$python" manage.py versi_data_lompati) ||
  echo "versi data belum dinaikkan: jalankan 'manage.py migrate' lalu 'manage.py versi_data_lompati'" >&2
echo "restored $dump and $media_tar into $media"
