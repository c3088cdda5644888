# shellcheck shell=bash
# Check 11: the same scripted browsing session on every image API: list, open, edit a property,
# delete; image data up and down where the API moves it (v2, v1); a filter an API cannot send
# applied here with a notice, or refused in words. Image API v2 and Compute's image proxy against the real local cloud (nova-api from
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

# data_session LABEL ARGS...: u uploads a file of random bytes as a new image, d downloads it
# again, verified, and the bytes are the same.
data_session() {
  local label=$1 src=$WORK/data-$1.src dst=$WORK/data-$1.dst name="e2e-data-$1-$$"
  shift
  head -c 300000 /dev/urandom >"$src"
  launch "data-$label" "$APIS_W" "$APIS_H" "$(cloud_env)" --debug-log "$WORK/data-$label.log" "$@"
  expect "$label: the list loads for the data session" wait_loaded || { finish; return; }
  keys u
  expect "$label: u asks for a file" wait_text "upload file"
  type_line "$src"
  expect "$label: the file is inspected" wait_text "looks like raw"
  keys C-u; type_line "$name"
  expect "$label: the format is offered as detected" wait_text "disk format (detected raw"
  keys Enter
  # Image v2 asks the method and the store; v1 has neither.
  for _ in 1 2; do
    capture
    if has "method (direct or glance-direct"; then keys Enter; sleep 0.3; fi
    capture
    if has "(default)"; then keys Enter; sleep 0.3; fi
  done
  expect "$label: the upload finishes, verified against the server's checksum" wait_re "Uploaded $name \(verified md5"
  keys Escape
  keys /; tm send-keys -t "=$CUR:" -l "$name"; keys Enter
  expect "$label: the new image is listed, active" wait_re "$name +active"
  keys d
  expect "$label: d asks where to save" wait_text "save $name to:"
  keys C-u; type_line "$dst"
  expect "$label: the download is saved, verified" wait_re "Saved $dst \(verified md5"
  expect "$label: ... the same bytes as uploaded" same_bytes "$src" "$dst"
  keys D
  expect "$label: D asks before deleting the uploaded image" wait_text "y deletes it"
  keys y
  expect "$label: ... and deletes it" wait_text "Deleted $name"
  finish
}

check_apis() {
  local v2name="e2e-api-v2-$$" novaname="e2e-api-nova-$$" port
  expect "apis: an image for the v2 session" test "$(create_v2_image "$v2name")" = 201
  api_session v2 "$v2name" --image-api v2
  data_session v2 --image-api v2

  if curl -s -o /dev/null "$NOVA_URL/"; then
    expect "apis: an image for the Compute session" test "$(create_v2_image "$novaname")" = 201
    api_session compute "$novaname" --image-api compute
    launch api-compute-title "$APIS_W" "$APIS_H" "$(cloud_env)" --image-api compute
    expect "compute: the title says the API" wait_text "via Compute image proxy"
    keys m
    expect "compute: m explains members are not available" wait_text "members not available through Compute's image proxy"
    keys d
    expect "compute: d explains image data is not available" wait_text "image data not available through Compute's image proxy"
    keys :; type_line "filter size_min=1"
    expect "compute: a filter the proxy cannot send is applied here, and says so" \
      wait_text "size_min applied here to the loaded images: Compute's image proxy cannot filter by it"
    expect "compute: ... and the title shows the filter" wait_text "size_min"
    keys :; type_line "filter tag=linux"
    expect "compute: a filter it cannot apply either is refused in words, nothing sent" \
      wait_text "Compute's image proxy cannot filter by tag: nothing was sent"
    keys Escape
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
    data_session v1 --image-api v1 --os-image-url "http://127.0.0.1:$port"
  fi
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
}
