# shellcheck shell=bash
# Check 8: writing: create an image from the form, edit a property, lose no update when someone
# else changes it meanwhile, refuse a bad value, tag it, delete it. Uses only an image it makes.

EDIT_W=110
EDIT_H=34

# A token for demo, to play "someone else" changing the image behind the browser's back.
other_token() {
  curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"demopw"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}' \
    | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}' | tr -d '\r'
}
image_id_by_name() {
  curl -s -H "X-Auth-Token: $1" "http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}/v2/images?name=$2" \
    | python3 -c 'import sys, json; i = json.load(sys.stdin)["images"]; print(i[0]["id"] if i else "")'
}
patch_behind_our_back() { # TOKEN ID KEY VALUE
  curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "X-Auth-Token: $1" \
    -H 'Content-Type: application/openstack-images-v2.1-json-patch' \
    -d "[{\"op\": \"replace\", \"path\": \"/$3\", \"value\": \"$4\"}]" \
    "http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}/v2/images/$2"
}
row_has() { flat | grep -qE -- "$1" || { WHY="no /$1/ on screen"; return 1; }; }

check_edit() {
  local log=$WORK/edit.log name="e2e-edit-$$" token id
  launch edit "$EDIT_W" "$EDIT_H" "$(cloud_env)" --debug-log "$log"
  expect "edit: list loads" wait_loaded || { finish; return; }

  keys c
  expect "edit: c opens the create form" wait_text "New image"
  keys j Enter; type_line "$name"
  keys j j j j j j j Enter; type_line "raw"
  keys j Enter; type_line "bare"
  keys s
  expect "edit: the form is reviewed before creating" wait_text "Enter creates it"
  keys Enter
  expect "edit: the new image is created, queued, and selected" wait_text "Created $name (queued)"

  keys e
  expect "edit: e opens the editor on it" wait_text "Edit $name"
  keys j j j j j Enter C-u; type_line "lots"
  expect "edit: a bad min_ram is refused with its rule" wait_text "is not an integer"
  keys Escape a; type_line "e2e_prop"; type_line "one"
  expect "edit: a new property is staged (+)" wait_until "+ e2e_prop" row_has '\+ e2e_prop +one'
  keys s
  expect "edit: s shows the diff" wait_text "+ e2e_prop = one"
  keys Enter
  expect "edit: the save goes through" wait_text "Saved"

  token=$(other_token)
  id=$(image_id_by_name "$token" "$name")
  expect "edit: someone else changes e2e_prop (REST)" test "$(patch_behind_our_back "$token" "$id" e2e_prop two)" = 200
  keys G Enter C-u; type_line "three"
  keys s Enter
  expect "edit: their change stops the save and is shown beside yours" wait_text "theirs now: two"
  expect "edit: nothing was sent: the server still has theirs" bash -c \
    "curl -s -H 'X-Auth-Token: $token' http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}/v2/images/$id | grep -q '\"e2e_prop\": \"two\"'"
  keys t
  expect "edit: t takes theirs" wait_until "e2e_prop two" row_has 'e2e_prop +two'

  keys +; type_line "e2e-tag"
  expect "edit: + adds a tag at once" wait_text "Tag e2e-tag added"
  keys Escape
  expect "edit: Esc leaves the editor" wait_until "the list" list_back
  keys D
  expect "edit: D asks, naming the image" wait_text "delete $name"
  keys y
  expect "edit: y deletes it" wait_text "Deleted $name"
  finish
}
