#!/usr/bin/env bash
# Restores a deployment from its backup cluster: a one-shot replication of every
# <prefix>_* database from the backup (SOURCE_URL) into the new or emptied
# production cluster (TARGET_URL), run by the TARGET cluster, then a
# verification. Stop every gateway first; start them again afterwards (their
# start-up outbox sweep queues whatever the restore point lacked, and anything
# the province already had is answered from its first receipt: the Idempotency-Keys
# are part of the restored outbox entries and of the applications themselves).
#
#   SOURCE_URL=http://admin:…@backup.internal:5984 TARGET_URL=http://admin:…@127.0.0.1:5980 ./restore.sh
set -euo pipefail
dir=$(dirname "$0")
. "$dir/couch-lib.sh"
: "${SOURCE_URL:?SOURCE_URL is not set}" "${TARGET_URL:?TARGET_URL is not set}"
PREFIX="${TB_DB_PREFIX:-tb}"
SOURCE_BASE=$(url_base "$SOURCE_URL"); TARGET_BASE=$(url_base "$TARGET_URL")

restored=0
while read -r db; do
  # One-shot _replicate answers when the copy is complete.
  jq -n --argjson src "$(endpoint_json "$SOURCE_URL" "$db")" --argjson dst "$(endpoint_json "$TARGET_URL" "$db")" \
    '{source: $src, target: $dst, create_target: true}' \
    | couch "$TARGET_URL" -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @- "$TARGET_BASE/_replicate"
  restored=$((restored + 1))
done < <(deployment_dbs "$SOURCE_URL" "$PREFIX")
echo "$restored databases restored from $SOURCE_BASE into $TARGET_BASE"
SOURCE_URL="$SOURCE_URL" TARGET_URL="$TARGET_URL" TB_DB_PREFIX="$PREFIX" "$dir/verify-backup.sh"
