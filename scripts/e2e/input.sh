# shellcheck shell=bash
# Check 17: input the user configures. Keys remapped in the settings file (keys:) dispatch,
# the help shows them, and a remap that cannot be applied is said at start, naming the file
# and the action, its default kept.

check_input() {
  local xdg=$WORK/xdg
  mkdir -p "$xdg/glance-tui"
  cat >"$xdg/glance-tui/config.yaml" <<'YAML'
keys:
  download: [D]
  delete: ctrl-d
  nosuch: [x]
  members: [e]
  quit: ctrl-
YAML
  launch keys 120 60 "$(cloud_env); export XDG_CONFIG_HOME=$(shq "$xdg"); exec 2>$(shq "$WORK/keys.err")" \
    --filter "name=public-cirros-0.6.2"
  expect "keys: the list loads with a remapped settings file" wait_re "public-cirros-0.6.2 +active"
  expect "keys: the status bar says remaps were not applied" wait_text "3 key remaps not applied"
  expect "keys: stderr names the file and an unknown action" \
    grep -qF "$xdg/glance-tui/config.yaml: keys: nosuch: no such action" "$WORK/keys.err"
  expect "keys: ... an unreadable key, keeping the default" grep -qF 'keys: quit: cannot read the key "ctrl-"' "$WORK/keys.err"
  expect "keys: ... a collision, keeping the default" \
    grep -qF "keys: members: e is already edit-properties in image list; it keeps m" "$WORK/keys.err"
  keys d
  sleep 0.5
  expect "keys: d no longer downloads" lacks " to: "
  keys D
  expect "keys: D downloads (asks where)" wait_re "save .* to: "
  keys Escape
  expect "keys: ... Esc cancels it" wait_gone " to: "
  keys '?'
  expect "keys: the help shows the remapped delete" wait_re "Ctrl-D +delete the image"
  keys Escape
  keys m
  expect "keys: a refused remap kept its default (m: members)" wait_text "only its owner manages members"
  keys Escape
  keys C-d
  expect "keys: Ctrl-D asks about the delete" wait_re "[Dd]elet|Asking Compute"
  keys Escape
  keys q
  expect "keys: q still quits" exit_is 0
  finish
}
