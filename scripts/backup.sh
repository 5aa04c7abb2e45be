#!/usr/bin/env bash
# Back up the database and the uploaded files together.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/var/lib/iku/media scripts/backup.sh /var/backups/iku
# Writes iku-YYYYmmdd-HHMMSS.dump (pg_dump custom format) and media-YYYYmmdd-HHMMSS.tar.gz.
# With STORAGE_BACKEND=s3 the files live in the bucket: back them up with the
# object store's versioning or replication instead (docs/deploy.md).
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
media=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/media}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dest/iku-$stamp.dump"
mkdir -p "$media"
tar -C "$media" -czf "$dest/media-$stamp.tar.gz" .
echo "$dest/iku-$stamp.dump"
echo "$dest/media-$stamp.tar.gz"
