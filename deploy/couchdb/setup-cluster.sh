#!/usr/bin/env bash
# Joins the CouchDB nodes into one cluster with the _cluster_setup API, once.
# Run after `docker compose up -d` (or on the first node of a package install):
#
#   ./setup-cluster.sh                       # reads COUCHDB_USER / COUCHDB_PASSWORD from ./.env
#   COORDINATOR=http://127.0.0.1:5984 NODES="couchdb2.tongban.internal couchdb3.tongban.internal" ./setup-cluster.sh
#
# COORDINATOR is node 1 as this shell reaches it; NODES are the other nodes'
# names as node 1 reaches them (their NODENAME). Credentials go to curl through a
# config on a pipe and to CouchDB in request bodies on stdin: never on a command
# line (ps) nor in the output. Safe to run again: a finished cluster is left alone.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f .env ]; then set -a; . ./.env; set +a; fi
: "${COUCHDB_USER:?COUCHDB_USER is not set}"
: "${COUCHDB_PASSWORD:?COUCHDB_PASSWORD is not set}"
COORDINATOR="${COORDINATOR:-http://127.0.0.1:5984}"
NODES="${NODES:-couchdb2.tongban.internal couchdb3.tongban.internal}"
NODE_PORT="${NODE_PORT:-5984}"
NODE_COUNT=$(( $(wc -w <<<"$NODES") + 1 ))

# A value inside double quotes of a curl config: backslashes and quotes escaped.
curl_quoted() { local v=${1//\\/\\\\}; printf '%s' "${v//\"/\\\"}"; }
# curl with the admin's credentials from a config read on fd 3.
couch() {
  curl --silent --show-error --fail-with-body --config /dev/fd/3 "$@" 3< <(printf 'user = "%s:%s"\n' "$(curl_quoted "$COUCHDB_USER")" "$(curl_quoted "$COUCHDB_PASSWORD")")
}
# POST a JSON body (built with jq, so passwords are escaped) to _cluster_setup.
setup() {
  jq -n --arg user "$COUCHDB_USER" --arg password "$COUCHDB_PASSWORD" "$1" "${@:2}" \
    | couch -X POST -H 'Content-Type: application/json' --data-binary @- "$COORDINATOR/_cluster_setup"
  echo
}

for _ in $(seq 1 60); do couch "$COORDINATOR/_up" >/dev/null 2>&1 && break; sleep 2; done
state=$(couch "$COORDINATOR/_cluster_setup" | jq -r .state)
if [ "$state" = "cluster_finished" ]; then
  echo "cluster already set up:"; couch "$COORDINATOR/_membership"; echo; exit 0
fi

echo "== enabling the cluster on the coordinator ($NODE_COUNT nodes)"
setup '{action: "enable_cluster", bind_address: "0.0.0.0", username: $user, password: $password, node_count: $count}' --arg count "$NODE_COUNT"
for node in $NODES; do
  echo "== joining $node"
  setup '{action: "enable_cluster", bind_address: "0.0.0.0", username: $user, password: $password, port: ($port | tonumber), node_count: $count,
          remote_node: $node, remote_current_user: $user, remote_current_password: $password}' \
    --arg node "$node" --arg port "$NODE_PORT" --arg count "$NODE_COUNT"
  setup '{action: "add_node", host: $node, port: ($port | tonumber), username: $user, password: $password}' --arg node "$node" --arg port "$NODE_PORT"
done
echo "== finishing (creates _users, _replicator, _global_changes on the cluster)"
setup '{action: "finish_cluster"}'

echo "== membership: all_nodes and cluster_nodes must both list $NODE_COUNT nodes"
membership=$(couch "$COORDINATOR/_membership")
echo "$membership"
[ "$(jq '.all_nodes | length' <<<"$membership")" = "$NODE_COUNT" ] && [ "$(jq '.cluster_nodes | length' <<<"$membership")" = "$NODE_COUNT" ]
