#!/usr/bin/env bash
# Back up the portal's PostgreSQL database to one compressed file (pg_dump custom format).
#   tools/backup.sh postgres://parindex@127.0.0.1:5432/parindex /var/backups/parindex/$(date +%F).dump
set -euo pipefail
url="${1:?database URL}"
out="${2:?output file}"
pg_dump --format=custom --no-owner --no-privileges --file="$out" "$url"
pg_restore --list "$out" > /dev/null  # the file is readable
echo "backup: $out ($(du -h "$out" | cut -f1))"
