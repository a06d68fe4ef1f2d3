#!/usr/bin/env bash
# Restore a backup made by tools/backup.sh into an empty database (create it first: createdb NAME).
#   tools/restore.sh /var/backups/parindex/2026-11-23.dump postgres://parindex@127.0.0.1:5432/parindex_restored
set -euo pipefail
file="${1:?backup file}"
url="${2:?database URL of an empty database}"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$url" "$file"
echo "restored: $file into $url"
