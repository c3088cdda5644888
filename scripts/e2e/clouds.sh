# shellcheck shell=bash
# Check: clouds in place. Started on devcloud-demo with a slow download running, :cloud goes to
# devcloud-alt (its images, its title) and back while the download goes on on demo, which then
# finishes verified and says it belongs to demo. An unknown cloud, a wrong password and an
# unreachable Keystone each leave the current cloud in place with the reason. :project moves the
# demo user to its second project (demo2, from scripts/devcloud). Tab offers the clouds most
# recently used first, kept in a private XDG_STATE_HOME, 0600.

CLOUDS_W=120
CLOUDS_H=30

# as_cloud NAME ARGS...: runs the program on cloud NAME, output as `cli` keeps it.
as_cloud() {
  local cloud=$1
  shift
  (eval "$(cloud_env "$cloud")"; "$BIN" "$@") >"$WORK/cli.out" 2>"$WORK/cli.err" </dev/null
  CLI_STATUS=$?
}

# delete_named_as USER PREFIX: as delete_named, for the alt user's images.
delete_alt_named() {
  local token glance=http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292} id
  token=$(curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alt","domain":{"name":"Default"},"password":"altpw"}}},"scope":{"project":{"name":"alt","domain":{"name":"Default"}}}}}' \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}')
  for id in $(curl -s -H "X-Auth-Token: $token" "$glance/v2/images?limit=1000" \
      | python3 -c 'import sys, json; p = sys.argv[1]; print("\n".join(i["id"] for i in json.load(sys.stdin)["images"] if (i.get("name") or "").startswith(p)))' "$1"); do
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$glance/v2/images/$id"
  done
}

cloud_title_has() { line 1 | grep -qF -- "$1" || { WHY="title: $(line 1)"; return 1; }; }
mode_is() { [ "$(stat -c %a "$1" 2>/dev/null)" = "$2" ] || { WHY="$1 has mode $(stat -c %a "$1" 2>/dev/null)"; return 1; }; }
first_line_is() { [ "$(head -n 1 "$1" 2>/dev/null)" = "$2" ] || { WHY="$1 starts with \"$(head -n 1 "$1" 2>/dev/null)\""; return 1; }; }

# switch_to NAME: types :cloud NAME.
switch_to() { keys :; type_line "cloud $1"; }

check_clouds() {
  local prefix="e2e-cl-$$" src=$WORK/cl-source.raw dst=$WORK/cl-saved.raw state=$WORK/cl-state clouds=$WORK/cl-clouds.yaml
  local demo="devcloud-demo │ RegionOne │ demo" alt="devcloud-alt │ RegionOne │ alt"
  head -c $((12 * 1024 * 1024)) /dev/urandom >"$src"
  as_cloud devcloud-demo upload "$src" --name "$prefix-demo" --disk-format raw
  expect "clouds: an image to download is uploaded to demo" cli_ok
  as_cloud devcloud-alt upload "$src" --name "$prefix-alt" --disk-format raw
  expect "clouds: ... and one to alt" cli_ok
  # The devcloud's clouds and two that cannot sign in.
  {
    cat "$CLOUDS"
    for bad in "wrongpw 5000 nope" "unreachable 9 demopw"; do
      set -- $bad
      cat <<YAML
  e2e-$1:
    auth:
      auth_url: http://127.0.0.1:$2/v3
      username: demo
      password: $3
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
YAML
    done
    # Its image endpoint fixed: :region has nowhere to move it.
    cat <<YAML
  e2e-fixed:
    auth:
      auth_url: http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3
      username: demo
      password: demopw
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    image_endpoint_override: http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}
YAML
  } >"$clouds"
  mkdir -p "$state"

  launch clouds "$CLOUDS_W" "$CLOUDS_H" "$(cloud_env devcloud-demo "$clouds")
export XDG_STATE_HOME=$(shq "$state")" --limit-rate 1M
  expect "clouds: demo's list loads" wait_loaded || { finish; delete_named "$prefix"; delete_alt_named "$prefix"; return; }
  expect "clouds: the title shows cloud, region and project" cloud_title_has "$demo"
  keys /; tm send-keys -t "=$CUR:" -l "$prefix-demo"; keys Enter
  keys d C-u; type_line "$dst"
  expect "clouds: a slow download starts on demo" wait_text "Started: download $prefix-demo"

  switch_to devcloud-alt
  expect "clouds: :cloud devcloud-alt signs in to alt" wait_until "alt in the title" cloud_title_has "$alt"
  expect "clouds: ... and says which cloud was left" wait_text "Now on devcloud-alt/alt (left devcloud-demo/demo"
  keys /; tm send-keys -t "=$CUR:" -l "$prefix-"; keys Enter
  expect "clouds: alt's images are listed" wait_text "$prefix-alt"
  expect "clouds: ... and none of demo's" lacks "$prefix-demo"
  keys t
  expect "clouds: on alt, the transfers pane shows demo's download still running" wait_text "1 running · 0 finished"
  expect "clouds: ... and says it belongs to devcloud-demo" wait_text "on devcloud-demo/demo"
  keys Escape

  switch_to nosuch
  expect "clouds: an unknown cloud name is refused on the command line" wait_text "clouds.yaml has no cloud \"nosuch\""
  keys C-u Escape
  switch_to e2e-wrongpw
  expect "clouds: a wrong password keeps alt, with Keystone's sentence" \
    wait_text "Still on devcloud-alt/alt: could not sign in to cloud e2e-wrongpw: 401 Unauthorized"
  expect "clouds: ... and alt's title" cloud_title_has "$alt"
  switch_to e2e-unreachable
  expect "clouds: an unreachable Keystone keeps alt, saying so" \
    wait_text "Still on devcloud-alt/alt: could not sign in to cloud e2e-unreachable: Cannot connect"
  expect "clouds: ... and alt's title" cloud_title_has "$alt"

  keys :; tm send-keys -t "=$CUR:" -l "cloud "; keys Tab
  expect "clouds: Tab offers the clouds most recently used first" wait_re "devcloud-alt +devcloud-demo +devcloud-admin"
  keys C-u Escape

  switch_to devcloud-demo
  expect "clouds: :cloud devcloud-demo goes back" wait_until "demo in the title" cloud_title_has "$demo"
  keys t
  E2E_TIMEOUT=60 expect "clouds: the download finishes on demo, verified" wait_text "verified md5+sha512"
  expect "clouds: ... saying it belongs to devcloud-demo" wait_text "on devcloud-demo/demo"
  expect "clouds: ... the bytes are the uploaded ones" same_bytes "$src" "$dst"
  keys Escape
  expect "clouds: the recent clouds are kept under XDG_STATE_HOME, latest first" \
    first_line_is "$state/glance-tui/recent-clouds" devcloud-demo
  expect "clouds: ... 0600" mode_is "$state/glance-tui/recent-clouds" 600
  expect "clouds: ... names only, no password" bash -c "! grep -qE 'demopw|altpw|nope' '$state/glance-tui/recent-clouds'"

  keys :; type_line "project demo2"
  expect "clouds: :project demo2 re-scopes the demo user" wait_until "demo2 in the title" cloud_title_has "devcloud-demo │ RegionOne │ demo2"
  switch_to e2e-fixed
  expect "clouds: a cloud with image_endpoint_override signs in" wait_until "e2e-fixed in the title" cloud_title_has "e2e-fixed │ RegionOne │ demo"
  keys :; type_line "region RegionTwo"
  expect "clouds: ... and :region there is refused, saying the endpoint is fixed" \
    wait_text "The image endpoint of e2e-fixed is fixed at"
  expect "clouds: ... and keeps its region" cloud_title_has "e2e-fixed │ RegionOne │ demo"
  keys q
  expect "clouds: quits cleanly" exit_is 0
  finish
  delete_named "$prefix"
  delete_alt_named "$prefix"
}
