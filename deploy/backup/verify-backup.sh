#!/usr/bin/env bash
# Compares a backup with its source database by database: document counts (live
# and deleted), never update sequences (opaque, and different on every cluster).
# Quiesce writes first (or accept that busy databases lag by a few documents).
# Exits 1 when a database is missing in the backup or holds fewer documents.
#
#   SOURCE_URL=… TARGET_URL=… ./verify-backup.sh
set -euo pipefail
. "$(dirname "$0")/couch-lib.sh"
: "${SOURCE_URL:?SOURCE_URL is not set}" "${TARGET_URL:?TARGET_URL is not set}"
PREFIX="${TB_DB_PREFIX:-tb}"
SOURCE_BASE=$(url_base "$SOURCE_URL"); TARGET_BASE=$(url_base "$TARGET_URL")

checked=0; bad=0
while read -r db; do
  checked=$((checked + 1))
  src=$(couch "$SOURCE_URL" "$SOURCE_BASE/$db" | jq -c '[.doc_count, .doc_del_count]')
  if ! dst=$(couch "$TARGET_URL" "$TARGET_BASE/$db" 2>/dev/null | jq -c '[.doc_count, .doc_del_count]'); then
    echo "MISSING $db"; bad=$((bad + 1)); continue
  fi
  if [ "$(jq '.[0]' <<<"$dst")" -lt "$(jq '.[0]' <<<"$src")" ]; then
    echo "BEHIND  $db  source $src  backup $dst"; bad=$((bad + 1))
  fi
done < <(deployment_dbs "$SOURCE_URL" "$PREFIX")
echo "$checked databases checked, $bad missing or behind"
[ "$bad" -eq 0 ]
