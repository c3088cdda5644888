# shellcheck shell=bash
# Check 14: image lifecycle. A seeded catalog of three lineages of dated builds (a protected old
# one, one booted by a server that nova-api records, mis-spelled properties): lineages folded in
# the browser, :retire's plan with its reasons, applied and undone, :lint finding the mistakes and
# fixing them in one batch, and the same from the command line for cron jobs and pipelines.

seed_lifecycle() { python3 "$HERE/seed-images" --clouds "$CLOUDS" "$@" --prefix "$LIFE" >>"$WORK/seed.log" 2>&1; }

check_lifecycle() {
  LIFE="e2e$$"
  local filter="prop.glance_tui_seed=lifecycle:$LIFE" state=$WORK/lifecycle-state
  seed_lifecycle --lifecycle
  expect "lifecycle: the catalog is seeded, a server boots one old build" grep -qF "server $LIFE-server boots" "$WORK/seed.log"

  cli retire --dry-run --filter "$filter" keep=2 older-than=30d
  expect "retire: the dry run plans four of twelve, with the servers checked" out_has "hide 4 of 12 images (server use checked in project demo)"
  expect "retire: ... the build a server boots from stays, saying so" grep -qE "keeps $LIFE-ubuntu-22.04-[0-9]+ .*: in use by 1 server" "$WORK/cli.out"
  expect "retire: ... the protected build stays" grep -qE "keeps $LIFE-ubuntu-22.04-[0-9]+ .*: protected" "$WORK/cli.out"
  expect "retire: ... an old build goes, with its rank and age" grep -qE "goes  $LIFE-debian-12-[0-9]+ .*: 4th newest, 1[0-9]{2} days old" "$WORK/cli.out"
  cli retire --dry-run -f json --filter "$filter" keep=2 older-than=30d
  expect "retire: -f json says the use was checked" out_has '"usage_checked" : true'

  launch lifecycle 120 40 "$(cloud_env)
export XDG_STATE_HOME=$(shq "$state")" --filter "$filter"
  expect "lineage: the twelve builds are listed" wait_text "12 images"
  keys :; type_line "lineage os_distro"
  expect "lineage: a word without by= is explained" wait_text ":lineage takes by=name or by=PROPERTY+PROPERTY"
  keys C-u; type_line "lineage"
  expect "lineage: folded, one row per lineage with its count" wait_re "▸ ubuntu 22.04 x86_64 +5 builds"
  expect "lineage: ... and the others" has_re "▸ debian 12 x86_64 +4 builds"
  keys G Enter
  expect "lineage: Enter unfolds the lineage, its newest build current" wait_re "▾ ubuntu 22.04 x86_64"
  expect "lineage: ... the current build says so" has_re "$LIFE-ubuntu-22.04-[0-9]+ +current"
  keys Escape
  keys :; type_line "retire keep=0"
  expect "retire: keep=0 is refused on the line" wait_text "keep is how many builds to keep: 1 or more"
  keys C-u; type_line "retire keep=2 older-than=30d"
  expect "retire: the plan shows what goes and why before anything is sent" wait_text "4 of 12 go (hide)"
  expect "retire: ... the used build is kept, with the server count" has "in use by 1 server"
  expect "retire: ... y is offered" has "y: hide 4 images"
  keys y
  expect "retire: y hides them as a batch" wait_text "hide: 4 done"
  expect "retire: ... the list no longer shows them" wait_text "8 images"
  keys z
  expect "retire: z offers to undo it" wait_text "z: undo hide on 4 images"
  keys y
  expect "retire: ... and the builds come back" wait_text "12 images"

  keys :; type_line "lint"
  expect "lint: the findings pane lists the seeded mistakes" wait_re "hw_disk_bus: \"scsii\" is not allowed"
  expect "lint: ... a typo of a key, renamed to the key meant" has "→ set hw_disk_bus=virtio, unset hw_dsi"
  keys F
  expect "lint: F asks before fixing" wait_re "fix [0-9]+ findings on [0-9]+ images"
  keys y
  expect "lint: the fixes run as one batch" wait_re "lint fixes: [0-9]+ done"
  expect "lint: ... and the pane is read again: no fixable finding left" wait_re "findings · 12 linted"
  expect "lint: ... nothing left to fix" lacks "→ set"
  keys Escape
  expect "lint: the list has a LINT column" wait_re "NAME +LINT"

  keys :; type_line "filter prop.glance_tui_seed=lifecycle:$LIFE status=active"
  expect "used-by: the booted build alone is listed" wait_text "1 image"
  keys :; type_line "used-by"
  expect "used-by: the server that boots it is listed" wait_text "$LIFE-server"
  expect "used-by: ... with how far Compute could look" has "1 server in project"
  keys Enter
  expect "used-by: Enter only tells the id and the command that shows it" wait_text "openstack server show"
  keys Escape
  keys :; type_line "columns name,status,used"
  expect "used: the USED column counts its server" wait_re "NAME +STATUS +USED"
  expect "used: ... one" wait_re "$LIFE-ubuntu-22.04-[0-9]+ +active +1"
  keys D
  expect "used: deleting it warns with the count first" wait_text "IN USE: 1 server boots from it"
  keys n
  expect "used: ... and n keeps it" wait_text "Nothing was changed"
  finish

  cli lint --filter "$filter" --rules schema+metadefs,profiles,reserved-keys
  expect "lint: the command line agrees nothing is left" out_has "0 findings on 0 of 12 images"
  expect "lint: ... and exits 0" cli_ok
  cli lint --filter "$filter" -f json
  expect "lint: with the standard's rules, missing properties make it exit 1" test "$CLI_STATUS" = 1
  expect "lint: ... in JSON" out_has '"kind" : "missingRequired"'
  cli lint --rules nonsense
  expect "lint: an unknown rule set is explained" err_has "--rules: unknown rule set nonsense"
  seed_lifecycle --clean-lifecycle
  expect "lifecycle: clean-up" grep -qF "lifecycle $LIFE-*: 12 deleted" "$WORK/seed.log"
}

# A project user's retire of shared builds: whether other projects boot them cannot be seen, so
# they stay unless --force is given.
check_retire() {
  BATCH_RUN="r$$"
  make_image "e2e-retire-$BATCH_RUN-new" '"os_distro": "e2edistro", "os_version": "1", "image_build_date": "2026-11-01"'
  make_image "e2e-retire-$BATCH_RUN-old" '"os_distro": "e2edistro", "os_version": "1", "image_build_date": "2026-01-01"'
  make_image "e2e-retire-$BATCH_RUN-kept" '"os_distro": "e2edistro", "os_version": "1", "image_build_date": "2025-01-01", "protected": true'
  local filter="prop.e2e_batch=$BATCH_RUN"
  cli retire --dry-run --filter "$filter" keep=1
  expect "retire: a shared build whose use cannot be seen stays" out_has "hide 0 of 3 images"
  expect "retire: ... saying why" grep -qE "keeps e2e-retire-$BATCH_RUN-old .*: kept, use by servers unchecked" "$WORK/cli.out"
  expect "retire: ... and that --force retires it" err_has "1 image kept because whether servers use it could not be checked; --force retires it too"
  expect "retire: ... the protected one stays, saying why" grep -qE "keeps e2e-retire-$BATCH_RUN-kept .*: protected" "$WORK/cli.out"
  XDG_STATE_HOME=$WORK/retire-state cli retire --force --filter "$filter" keep=1
  expect "retire: with --force the old build is hidden" out_has "done e2e-retire-$BATCH_RUN-old"
  cli batch --filter "$filter hidden=true" unhide
  cli batch --filter "$filter" unprotect
  cli batch --filter "$filter" --yes delete
  expect "retire: clean-up" out_has "3 done"
}
