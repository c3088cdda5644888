# shellcheck shell=bash
# Check 13: writes to many images from the command line (`glance-tui batch`): a dry run that
# sends nothing, a tag over the images a filter lists, a protected image left out of a delete,
# every write in the audit log (0600, no secret), a typo explained, and a read-only session
# that refuses writes but still downloads.

# make_image NAME [EXTRA-JSON]: a queued demo image by REST; prints nothing.
make_image() {
  local token
  token=$(demo_token)
  curl -s -o /dev/null -X POST -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -d "{\"name\": \"$1\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"e2e_batch\": \"$BATCH_RUN\"${2:+, $2}}" \
    "http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292}/v2/images"
}
out_has() { grep -qF -- "$1" "$WORK/cli.out" || { WHY="stdout lacks \"$1\": $(tail -n 3 "$WORK/cli.out")"; return 1; }; }
audit_mode_is_0600() { [ "$(stat -c %a "$AUDIT")" = 600 ] || { WHY="mode $(stat -c %a "$AUDIT")"; return 1; }; }
audit_lines() { wc -l <"$AUDIT" 2>/dev/null || echo 0; }
no_secret_in_audit() { ! grep -qE 'demopw|X-Auth-Token|gAAAA' "$AUDIT" || { WHY="a secret in $AUDIT"; return 1; }; }

check_batch() {
  BATCH_RUN="b$$"
  local filter="prop.e2e_batch=$BATCH_RUN" state=$WORK/batch-state
  AUDIT=$state/glance-tui/audit.log
  for n in 1 2 3; do make_image "e2e-batch-$BATCH_RUN-$n"; done
  make_image "e2e-batch-$BATCH_RUN-guarded" '"protected": true'

  XDG_STATE_HOME=$state cli batch --dry-run --filter "$filter" tag +e2e-release
  expect "batch: a dry run plans the four images" out_has "tag +e2e-release: 4 of 4 images"
  expect "batch: ... and writes nothing" test "$(audit_lines)" = 0

  XDG_STATE_HOME=$state cli batch --filter "$filter" tag +e2e-release
  expect "batch: the tag is written to every image" cli_ok
  expect "batch: ... each one reported" out_has "4 done, 0 skipped, 0 conflict, 0 failed"
  expect "batch: every write is in the audit log" test "$(audit_lines)" = 4
  expect "batch: the audit log is 0600" audit_mode_is_0600
  expect "batch: ... and holds no secret" no_secret_in_audit
  expect "batch: ... with the openstack equivalent" grep -qF '"openstack":"openstack image set --tag e2e-release' "$AUDIT"

  XDG_STATE_HOME=$state cli batch --filter "$filter tag=e2e-release" delete
  expect "batch: a delete without --yes is refused" test "$CLI_STATUS" = 2
  expect "batch: ... saying it cannot be undone" err_has "a delete cannot be undone"
  XDG_STATE_HOME=$state cli batch --filter "$filter" --yes delete
  expect "batch: the protected image is left out of the delete, with the reason" out_has "protected (unprotect it first)"
  expect "batch: ... and the others are deleted" out_has "3 done"

  XDG_STATE_HOME=$state cli batch --filter "$filter" tag
  expect "batch: a write without its words is explained" err_has ":tag takes +TAG to add and -TAG to remove"
  XDG_STATE_HOME=$state cli batch --filter "$filter" hid
  expect "batch: a verb is never guessed from a prefix" err_has "hid is not a write"

  XDG_STATE_HOME=$state cli batch --readonly --filter "$filter" unprotect
  expect "batch: a read-only session refuses the write" test "$CLI_STATUS" = 1
  expect "batch: ... in words" err_has "read-only: protection refused"
  cli download "e2e-batch-$BATCH_RUN-guarded" --readonly -f "$WORK/ro.raw"
  expect "batch: a read-only session still reads (the queued image has no data: said so)" err_has "only active images have data"

  XDG_STATE_HOME=$state cli batch --filter "$filter" unprotect
  XDG_STATE_HOME=$state cli batch --filter "$filter" --yes delete
  expect "batch: clean-up deletes the last one" out_has "1 done"

  check_batch_browser
}


# The same in the browser: marks, a write command, its confirmation, the batch pane, the
# command log, undo, and a delete that wants its count typed.
check_batch_browser() {
  BATCH_RUN="w$$"
  local state=$WORK/batch-browser-state
  for n in 1 2 3; do make_image "e2e-mark-$BATCH_RUN-$n"; done
  launch batch-browser 120 32 "$(cloud_env)
export XDG_STATE_HOME=$(shq "$state")" --filter "prop.e2e_batch=$BATCH_RUN"
  expect "marks: the three images are listed" wait_text "3 images"
  keys C-a
  expect "marks: Ctrl-A marks every image shown" wait_text "3 marked"
  keys :; type_line "tga +e2e"
  expect "marks: a typo is explained on the line" wait_text 'Unknown command "tga"'
  keys C-u; type_line "tag +e2e-walk"
  expect "marks: the write asks first, naming the count" wait_text "tag +e2e-walk on 3 images"
  keys y
  expect "marks: the batch runs and reports" wait_text "tag +e2e-walk: 3 done"
  keys :; type_line "log"
  expect "marks: the command log shows the openstack command" wait_text "openstack image set --tag e2e-walk"
  keys Escape z
  expect "marks: z offers to undo the batch" wait_text "z: undo tag +e2e-walk on 3 images"
  keys y
  expect "marks: the undo runs through the same check" wait_text "undo tag +e2e-walk: 3 done"
  keys :; type_line "delete"
  expect "marks: a delete wants its count typed" wait_text "type 3 to delete them"
  type_line "y"
  expect "marks: ... y is not the count" wait_text "Type 3 to delete them"
  type_line "3"
  expect "marks: ... the count deletes them" wait_text "delete: 3 done"
  expect "marks: ... and their marks go with them" lacks "marked"
  finish
  expect "marks: the audit log holds every write" test "$(wc -l <"$state/glance-tui/audit.log")" = 9
}
