# Shared by the backup scripts: talk to a CouchDB whose URL carries credentials
# (http://user:password@host:port) without putting them on a command line (ps)
# or in the output. Source it; needs curl and jq.

# A value inside double quotes of a curl config: backslashes and quotes escaped.
curl_quoted() { local v=${1//\\/\\\\}; printf '%s' "${v//\"/\\\"}"; }

# The URL without its credentials (for messages and for curl's command line).
url_base() { sed -E 's#^(https?://)[^/@]*@#\1#' <<<"$1"; }
# "user:password" of the URL, percent-decoded; empty when it has none.
url_userinfo() {
  local info
  info=$(sed -nE 's#^https?://([^/@]*)@.*#\1#p' <<<"$1")
  if [ -n "$info" ]; then printf '%b' "${info//%/\\x}"; fi
}

# couch URL CURL-ARGS... : curl against URL's server (paths are relative to its base).
couch() {
  local url=$1; shift
  local info; info=$(url_userinfo "$url")
  curl --silent --show-error --fail-with-body --config /dev/fd/3 "$@" 3< <(if [ -n "$info" ]; then printf 'user = "%s"\n' "$(curl_quoted "$info")"; fi)
}

# Every database of the deployment: <prefix>_* (shared ones, every area's guides,
# every user's own), read from _all_dbs and filtered here (the embedded store
# ignores startkey/endkey).
deployment_dbs() {
  local url=$1 prefix=$2
  couch "$url" "$(url_base "$url")/_all_dbs" | jq -r --arg p "${prefix}_" '.[] | select(startswith($p))'
}

# One end of a replication: {url, auth: {basic: {username, password}}} (CouchDB >= 3.2
# takes credentials there rather than in the URL); without credentials just {url}.
endpoint_json() {
  local url=$1 db=$2 info
  info=$(url_userinfo "$url")
  if [ -z "$info" ]; then jq -n --arg url "$(url_base "$url")/$db" '{url: $url}'; return; fi
  jq -n --arg url "$(url_base "$url")/$db" --arg u "${info%%:*}" --arg p "${info#*:}" '{url: $url, auth: {basic: {username: $u, password: $p}}}'
}
