# shellcheck shell=bash
# Check 15: the operator's desk, as an admin on the local cloud: the stores and what the listed
# image holds, an image copied to the second store and its data deleted from the first (the last
# store then refused in words), the copy's task read whole, the image cached and dropped, the
# quotas as bars; and a project user told what it may not see.

admin_token() {
  curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"secret"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}'
}

check_desk() {
  local name="e2e-desk-$$" glance=http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292} token id
  token=$(admin_token)
  id=$(curl -s -X POST -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$name\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"private\"}" \
    "$glance/v2/images" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
  head -c 65536 /dev/urandom >"$WORK/desk.raw"
  curl -s -o /dev/null -X PUT -H "X-Auth-Token: $token" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$WORK/desk.raw" "$glance/v2/images/$id/file"

  launch desk 100 30 "$(cloud_env devcloud-admin)" --filter "name=$name"
  expect "desk: the admin's image is listed" wait_text "1 image"
  keys :; type_line "stores"
  expect "stores: every store with its type" wait_re "fast +file +default"
  expect "stores: ... and what the listed image holds" has_re "fast +file +default +1 "
  keys Escape
  keys :; type_line "copy cheap"
  expect "stores: the image is copied to the second store" wait_text "Copied"
  keys r
  sleep 1 # the list read again (the status bar carries a notice, so no "N images" to wait for)
  keys :; type_line "stores"
  expect "stores: ... which the reloaded list counts" wait_re "cheap +file +1 "
  keys Escape
  keys :; type_line "delete-from fast"
  expect "delete-from: asks, naming the store" wait_text "delete data from fast on 1 image"
  keys y
  expect "delete-from: the data leaves one store" wait_text "delete data from fast: 1 done"
  sleep 1 # the batch reads the list again: where the data is now
  keys :; type_line "delete-from cheap"
  expect "delete-from: the last store is refused in words" wait_text "cheap is its only store"
  keys :; type_line "tasks image"
  expect "tasks: the copy's task is listed" wait_re "api_image_import +success"
  keys Enter
  expect "tasks: Enter reads it whole, its input included" wait_text "copy-image"
  keys Escape Escape
  keys :; type_line "cache queue"
  expect "cache: queueing asks" wait_text "cache on 1 image"
  keys y
  expect "cache: ... and is a batch like any write" wait_text "cache: 1 done"
  keys :; type_line "cache"
  expect "cache: the image is cached on this node" wait_re "$name +${id:0:8} +(cached|queued)"
  keys /; type_line "$name"
  keys x
  expect "cache: x asks before dropping it" wait_text "uncache on 1 image"
  keys y
  expect "cache: ... and drops it" wait_text "uncache: 1 done"
  keys Escape
  keys :; type_line "usage"
  expect "usage: the quotas as bars" wait_re "images +[0-9,]+ of [0-9,]+"
  expect "usage: ... the data in bytes as people read them" has_re "image data +.* of 1,?0?[0-9]*.*TiB|image data +.* of .*GiB"
  finish

  launch desk-demo 100 30 "$(cloud_env devcloud-demo)"
  expect "desk: a project user's list" wait_loaded
  keys :; type_line "tasks"
  expect "tasks: a project user is told why, in Glance's words" wait_text "not authorized to complete tasks_api_access"
  keys Escape
  keys :; type_line "cache"
  expect "cache: ... and for the cache" wait_text "not authorized to complete cache_list"
  finish
  curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$glance/v2/images/$id"
}
