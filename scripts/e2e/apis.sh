# shellcheck shell=bash
# Check 11: the same scripted browsing session on every image API: list, open, edit a property,
# delete. Image API v2 and Compute's image proxy against the real local cloud (nova-api from
# `devcloud up-nova`; skipped when it is not running), the legacy v1 API against the
# conformance server in scripts/v1-conformance-server.

APIS_W=110
APIS_H=32
NOVA_URL=http://127.0.0.1:${DEVCLOUD_NOVA_PORT:-8774}/v2.1

# create_v2_image NAME: a queued image of demo's, by REST (the v2 and Compute sessions use it).
create_v2_image() {
  local token
  token=$(demo_token)
  curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"private\"}" \
    "http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}/v2/images"
}

# api_session LABEL NAME ARGS...: the scripted session on the image NAME.
api_session() {
  local label=$1 name=$2
  shift 2
  launch "api-$label" "$APIS_W" "$APIS_H" "$(cloud_env)" --debug-log "$WORK/api-$label.log" "$@"
  expect "$label: the list loads" wait_loaded || { finish; return; }
  keys /; tm send-keys -t "=$CUR:" -l "$name"; keys Enter
  expect "$label: the image is listed" wait_text "$name"
  keys Enter
  expect "$label: Enter opens its details" wait_until "the detail title" titled "Image $name"
  keys e
  expect "$label: e opens the editor" wait_text "Edit $name"
  keys a; type_line "e2e_api_prop"; type_line "yes-$label"
  keys s
  expect "$label: the change is reviewed" wait_text "+ e2e_api_prop = yes-$label"
  keys Enter
  expect "$label: the property is saved" wait_text "Saved"
  keys Escape
  expect "$label: back in the details, the property is there" wait_text "yes-$label"
  keys D
  expect "$label: D asks before deleting" wait_text "y deletes it"
  keys y
  expect "$label: the image is deleted" wait_text "Deleted $name"
  finish
}

check_apis() {
  local v2name="e2e-api-v2-$$" novaname="e2e-api-nova-$$" port
  expect "apis: an image for the v2 session" test "$(create_v2_image "$v2name")" = 201
  api_session v2 "$v2name" --image-api v2
  expect "apis: v2 title has no API note" true

  if curl -s -o /dev/null "$NOVA_URL/"; then
    expect "apis: an image for the Compute session" test "$(create_v2_image "$novaname")" = 201
    api_session compute "$novaname" --image-api compute
    launch api-compute-title "$APIS_W" "$APIS_H" "$(cloud_env)" --image-api compute
    expect "compute: the title says the API" wait_text "via Compute image proxy"
    keys m
    expect "compute: m explains members are not available" wait_text "members not available through Compute's image proxy"
    finish
  else
    note "nova-api is not running (scripts/devcloud up-nova): Compute session skipped"
  fi

  "$HERE/v1-conformance-server" --port 0 --port-file "$WORK/v1.port" --seed --log "$WORK/v1.log" \
    </dev/null >/dev/null 2>&1 &
  local server=$!
  for _ in $(seq 50); do [ -s "$WORK/v1.port" ] && break; sleep 0.1; done
  port=$(cat "$WORK/v1.port" 2>/dev/null)
  expect "apis: the v1 conformance server listens" test -n "$port"
  if [ -n "$port" ]; then
    api_session v1 "cirros-0.6.2" --image-api v1 --os-image-url "http://127.0.0.1:$port"
  fi
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
}
