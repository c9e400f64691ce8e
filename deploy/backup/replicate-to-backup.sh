#!/usr/bin/env bash
# Backs up a Tongban deployment by continuous replication into a backup CouchDB
# cluster: one _replicator document on the BACKUP cluster per database of the
# deployment, pulling from production. New databases (a new user's, a new area's
# guides) appear all the time: run this every hour (deploy/backup/tongban-backup.timer);
# existing jobs are left alone.
#
#   SOURCE_URL=http://admin:…@127.0.0.1:5980 TARGET_URL=http://admin:…@backup.internal:5984 ./replicate-to-backup.sh
#
# SOURCE_URL is production as the BACKUP cluster reaches it (the backup pulls).
# TB_DB_PREFIX (default tb) selects the deployment's databases.
set -euo pipefail
. "$(dirname "$0")/couch-lib.sh"
: "${SOURCE_URL:?SOURCE_URL is not set}" "${TARGET_URL:?TARGET_URL is not set}"
PREFIX="${TB_DB_PREFIX:-tb}"
SOURCE_BASE=$(url_base "$SOURCE_URL"); TARGET_BASE=$(url_base "$TARGET_URL")

created=0; kept=0
while read -r db; do
  id="tongban-backup-$db"
  if couch "$TARGET_URL" -o /dev/null "$TARGET_BASE/_replicator/$id" 2>/dev/null; then kept=$((kept + 1)); continue; fi
  jq -n --arg id "$id" --argjson src "$(endpoint_json "$SOURCE_URL" "$db")" --argjson dst "$(endpoint_json "$TARGET_URL" "$db")" \
    '{_id: $id, source: $src, target: $dst, create_target: true, continuous: true}' \
    | couch "$TARGET_URL" -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @- "$TARGET_BASE/_replicator"
  created=$((created + 1))
done < <(deployment_dbs "$SOURCE_URL" "$PREFIX")
echo "backup replications: $created created, $kept already running (source $SOURCE_BASE, target $TARGET_BASE)"
