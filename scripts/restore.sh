#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty (or to-be-replaced) database.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/var/lib/iku/media scripts/restore.sh iku-....dump media-....tar.gz
# Stop the application first; run `manage.py migrate` afterwards when restoring
# into a newer version of the application.
set -euo pipefail
dump=${1:?usage: scripts/restore.sh DUMP MEDIA_TAR}
media_tar=${2:?usage: scripts/restore.sh DUMP MEDIA_TAR}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dump"
mkdir -p "$media"
tar -C "$media" -xzf "$media_tar"
echo "restored $dump and $media_tar into $media"
