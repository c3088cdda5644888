# shellcheck shell=bash
# Check 16: the catalog for scripts. glance-tui list and show print what the openstack CLI prints
# (the same image ids, the same JSON keys), in each format, and a wrong column is explained.

buffer_is() { [ "$(tm show-buffer 2>/dev/null)" = "$1" ] || { WHY="buffer: $(tm show-buffer 2>/dev/null | head -c 80)"; return 1; }; }

check_scripting() {
  local osc json
  osc="$(dirname "$CLOUDS")/venv/bin/openstack"
  [ -x "$osc" ] || { note "no openstack CLI beside $CLOUDS: scripting skipped"; return 0; }
  json() { python3 -c 'import sys, json; d = json.load(sys.stdin); print("\n".join(sorted(i["ID"] if isinstance(d, list) else k for i in (d if isinstance(d, list) else [0]) for k in ([0] if isinstance(d, list) else sorted(d)))))'; }
  cli list -f json
  expect "list: -f json prints" cli_ok
  json <"$WORK/cli.out" >"$WORK/ours.ids"
  (eval "$(cloud_env)"; "$osc" image list -f json) 2>/dev/null </dev/null | json >"$WORK/theirs.ids"
  expect "list: the same image ids as openstack image list -f json" cmp -s "$WORK/ours.ids" "$WORK/theirs.ids"
  expect "list: ... and there are some" test -s "$WORK/ours.ids"
  cli show public-cirros-0.6.2 -f json
  json <"$WORK/cli.out" >"$WORK/ours.keys"
  (eval "$(cloud_env)"; "$osc" image show public-cirros-0.6.2 -f json) 2>/dev/null </dev/null | json >"$WORK/theirs.keys"
  expect "show: the same keys as openstack image show -f json" cmp -s "$WORK/ours.keys" "$WORK/theirs.keys"
  cli list --filter "name=public-cirros-0.6.2" -f value -c ID -c Status
  expect "list: -f value -c prints bare values for the shell" grep -qE '^[0-9a-f-]{36} active$' "$WORK/cli.out"
  cut -d' ' -f1 "$WORK/cli.out" >"$WORK/cli.id"
  cli list --long -f csv
  expect "list: --long -f csv has openstack's long header" grep -qF '"ID","Name","Disk Format","Container Format","Size","Checksum","Status","Visibility","Protected","Project","Hash Algorithm","Hash Value","Tags"' "$WORK/cli.out"
  cli list -c Nope
  expect "list: an unknown column is explained" err_has "-c Nope: no such column"

  launch export 100 24 "$(cloud_env)" --filter "name=public-cirros-0.6.2"
  expect "export: the image is listed" wait_text "1 image"
  keys :; type_line "export $WORK/out.txt"
  expect "export: a file that names no format is explained" wait_text "Name the file .csv, .json or .yaml"
  keys C-u; type_line "export $WORK/out.json"
  expect "export: the view is written, its rows counted" wait_text "Exported 1 row to"
  expect "export: ... as JSON with openstack's keys" grep -qF '"Name": "public-cirros-0.6.2"' "$WORK/out.json"
  keys :; type_line "export $WORK/out.json"
  expect "export: an existing file is not overwritten without asking" wait_text "y overwrites"
  keys n
  # y: the id on the clipboard through OSC 52, which tmux (set-clipboard on) puts in its buffer.
  local cirros
  cirros=$(tr -d ' \n' <"$WORK/cli.id" 2>/dev/null || true)
  keys y
  expect "copy: y says what it copied" wait_text "Copied the id of public-cirros-0.6.2"
  expect "copy: ... and tmux's buffer holds the id" wait_until "tmux's buffer" buffer_is "$cirros"
  # Y: a menu of what to copy, picked by its letter or by j/k and Enter; Esc copies nothing.
  keys Y
  expect "copy: Y opens the copy menu" wait_text "openstack command"
  keys c
  expect "copy: ... c copies the openstack command" wait_until "tmux's buffer" buffer_is "openstack image show $cirros"
  expect "copy: ... and closes the menu" wait_gone "openstack command"
  keys Y
  wait_text "openstack command" >/dev/null
  keys j Enter
  expect "copy: j and Enter copy the highlighted choice (the name)" wait_until "tmux's buffer" buffer_is "public-cirros-0.6.2"
  keys Y
  wait_text "openstack command" >/dev/null
  keys x Escape
  expect "copy: a stray key and Esc close the menu" wait_gone "openstack command"
  expect "copy: ... copying nothing" buffer_is "public-cirros-0.6.2"
  keys :; type_line "yank url"
  expect "copy: :yank stays for typing and scripts" wait_until "tmux's buffer" buffer_is "http://127.0.0.1:9292/v2/images/$cirros"
  finish
}
