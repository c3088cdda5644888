# shellcheck shell=bash
# Check 12: a vendor dialect of Image API v2 (scripts/vendor-v2-server): booleans and integers
# as strings, locations keyed "URI", "update_at", StarlingX's extra fields, sorting only as
# sort-key/sort-dir, the project id in the path. The program signs in to the real local
# Keystone and is pointed at the server with --os-image-url; the same scripted session as on
# the other APIs (api_session, scripts/e2e/apis.sh, sourced before this file), then what is
# particular to the dialect.

DIALECT_W=130
DIALECT_H=44
DIALECT_PROJECT=3f2a9c0e5b7d4e1f8a6b2c4d9e0f1a2b

dialect_rows() { printf '%s\n' "$SCREEN" | sed -n "3,$((DIALECT_H - 1))p" | grep .; }
dialect_sorted_asc() {
  local names
  names=$(dialect_rows | awk '{print $1}')
  [ -n "$names" ] || { WHY="no rows"; return 1; }
  [ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort -f)" ] || { WHY="not ascending: $(echo $names)"; return 1; }
  [ "$(printf '%s\n' "$names" | head -n 1)" = alpine-vendor ] || { WHY="first row is $(printf '%s\n' "$names" | head -n 1), expected alpine-vendor"; return 1; }
}
dialect_title_has() { line 1 | grep -qF -- "$1" || { WHY="title is: $(line 1)"; return 1; }; }
# dialect_field KEY REGEX: the detail row of KEY has a value matching REGEX.
dialect_field() { printf '%s\n' "$SCREEN" | grep -qE -- "(^|[│ ])$1 +$2"; }
# The server's log shows a listing that asked REGEX.
dialect_asked() { grep -qE -- "\"GET /v2/$DIALECT_PROJECT/images\?[^ ]*$2" "$1"; }

check_dialect() {
  local port server url log=$WORK/dialect-server.log
  rm -f "$WORK/dialect.port"
  "$HERE/vendor-v2-server" --port 0 --port-file "$WORK/dialect.port" --project "$DIALECT_PROJECT" --log "$log" \
    </dev/null >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 50); do [ -s "$WORK/dialect.port" ] && break; sleep 0.1; done
  port=$(cat "$WORK/dialect.port" 2>/dev/null)
  expect "dialect: the vendor v2 server listens" test -n "$port"
  if [ -z "$port" ]; then
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
    return
  fi
  url="http://127.0.0.1:$port/v2/$DIALECT_PROJECT"

  # The StarlingX image: strings where the reference has booleans and integers, a URI location,
  # StarlingX's fields grouped under the shipped profile's heading.
  launch dialect-stx "$DIALECT_W" "$DIALECT_H" "$(cloud_env)" --debug-log "$WORK/dialect-stx.log" \
    --image-api v2 --os-image-url "$url"
  if expect "dialect: the list loads" wait_loaded; then
    expect "dialect: the StarlingX image is listed" wait_text "stx-vendor-image"
    expect "dialect: the requests carry the project id in the path" dialect_asked "$log" ""
    keys /; tm send-keys -t "=$CUR:" -l "stx-vendor-image"; keys Enter
    keys Enter
    expect "dialect: Enter opens the StarlingX image" wait_until "the detail title" titled "Image stx-vendor-image"
    expect "dialect: its properties are grouped under a StarlingX heading" wait_text "StarlingX ("
    expect "dialect: cache_raw shows True" wait_until "cache_raw True" dialect_field cache_raw 'True'
    expect "dialect: cache_raw_status shows Cached" dialect_field cache_raw_status 'Cached'
    expect "dialect: store shows rbd" dialect_field store 'rbd'
    expect "dialect: min_ram sent as \"512\" shows 512" dialect_field min_ram '512'
    expect "dialect: min_ram is noted as an unexpected type" wait_re "min_ram +512[^│]*unexpected type"
    expect "dialect: protected sent as \"False\" shows False" dialect_field protected 'False'
    expect "dialect: the location keyed URI is shown" wait_re 'locations +.*"URI" *: *"rbd://'
    expect "dialect: the time spelled update_at is shown as updated_at" wait_re "updated_at +2024-03-01"
    keys Escape
    expect "dialect: Esc goes back to the list" wait_until "the list" list_back

    # Sorting: sort= and sort_key are refused with 400; the program falls back to sort-key.
    keys Escape
    keys :; type_line "sort name:asc"
    expect "dialect: the fallback to sort-key/sort-dir is explained" wait_text "This server wants sort-key/sort-dir"
    expect "dialect: :sort shows in the title" wait_until "the sort in the title" dialect_title_has "sort name:asc"
    wait_loaded >/dev/null
    expect "dialect: the list is sorted by name, ascending" dialect_sorted_asc
    expect "dialect: sort= was tried and refused" dialect_asked "$log" "sort=name(%3A|:)asc.* 400 "
    expect "dialect: sort_key was tried and refused" dialect_asked "$log" "sort_key=name.* 400 "
    expect "dialect: sort-key/sort-dir was honoured" dialect_asked "$log" "sort-key=name&sort-dir=asc.* 200 "
  fi
  finish

  # The same scripted session as on the other APIs, on vendor-edit-me.
  api_session dialect vendor-edit-me --image-api v2 --os-image-url "$url"
  expect "dialect: the edit was sent as a JSON patch" grep -qE '"PATCH /v2/'"$DIALECT_PROJECT"'/images/[^ ]+ HTTP/1.1" 200' "$log"
  expect "dialect: the delete was accepted" grep -qE '"DELETE /v2/'"$DIALECT_PROJECT"'/images/[^ ]+ HTTP/1.1" 204' "$log"

  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
}
