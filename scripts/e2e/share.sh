# shellcheck shell=bash
# Check 9: sharing, both sides: demo makes an image, adds project alt as a member (the pane offers
# to make it shared first); alt sees the offer pending in :shared and accepts it; demo's members
# pane shows it accepted; demo removes alt and deletes the image.

SHARE_W=110
SHARE_H=30

alt_project_id() {
  curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"alt","domain":{"name":"Default"},"password":"altpw"}}},"scope":{"project":{"name":"alt","domain":{"name":"Default"}}}}}' \
    | tr -d '\r' | sed -n '/^{/p' | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"]["project"]["id"])'
}

check_share() {
  local log=$WORK/share.log name="e2e-share-$$" alt
  alt=$(alt_project_id)
  expect "share: alt's project id is known" test -n "$alt"
  launch share "$SHARE_W" "$SHARE_H" "$(cloud_env)" --debug-log "$log"
  expect "share: list loads" wait_loaded || { finish; return; }
  # Glance makes an image without a visibility "shared"; this one is private, to see the offer.
  keys c j Enter; type_line "$name"
  keys j Enter; type_line "private"
  keys j j j j j j Enter; type_line "raw"
  keys j Enter; type_line "bare"
  keys s Enter
  expect "share: an image to share is created" wait_text "Created $name"
  keys :; type_line "filter visibility=all"
  wait_loaded >/dev/null
  keys /; tm send-keys -t "=$CUR:" -l "$name"; keys Enter
  keys m
  expect "share: m on a private image says only shared images have members" wait_text "only shared images have members"
  keys a; type_line "$alt"
  expect "share: adding offers to make it shared first" wait_text "y makes it shared and adds"
  keys y
  expect "share: alt is added, pending" wait_until "alt pending" row_has "$alt +pending"
  keys a; type_line "349c50e6abbd412a91c1655896dd026"
  expect "share: a malformed id is refused before sending" wait_text "is not a project id"
  keys Escape
  finish

  launch share-alt "$SHARE_W" "$SHARE_H" "$(cloud_env devcloud-alt)" --debug-log "$WORK/share-alt.log"
  expect "share: alt's list loads" wait_loaded || { finish; return; }
  expect "share: alt's default list does not show the pending offer" lacks "$name"
  keys :; type_line "shared"
  expect "share: :shared shows the offer, pending" wait_text "$name"
  expect "share: the title counts it" wait_re "shared with alt: pending \(pending [1-9]"
  expect "share: the offer is marked with its owner" row_has "$name .*⇐ "
  keys /; tm send-keys -t "=$CUR:" -l "$name"; keys Enter A
  expect "share: A accepts it" wait_text "Accepted $name"
  keys Escape :; type_line "filter"
  expect "share: now it is in alt's default list" wait_text "$name"
  finish

  launch share "$SHARE_W" "$SHARE_H" "$(cloud_env)" --debug-log "$log"
  wait_loaded >/dev/null
  keys /; tm send-keys -t "=$CUR:" -l "$name"; keys Enter m
  expect "share: demo's members pane shows alt accepted" wait_until "alt accepted" row_has "$alt +accepted"
  keys d
  expect "share: removing asks" wait_text "y removes"
  keys y
  expect "share: alt is removed" wait_text "No members"
  keys Escape D
  # Compute is asked whether servers use it before the question comes.
  expect "share: D asks, after asking Compute" wait_text "y deletes it"
  keys y
  expect "share: the image is deleted" wait_text "Deleted $name"
  finish
}
