# shellcheck shell=bash
# Check 17: input the user configures. Keys remapped in the settings file (keys:) dispatch,
# the help shows them, and a remap that cannot be applied is said at start, naming the file
# and the action, its default kept. The mouse: off by default, so a mouse report written to the
# pane does nothing (not even as keys); with --mouse a click selects a row and a second opens it.

# click LINE: an X10 press of button 1 at column 6 of 1-based screen line LINE, then its release
# a moment later in a write of its own, as a real mouse sends them (one write is taken by
# ncurses as a click, and hid a release that froze the screen and lost the next key).
click() {
  keys -H 1b 5b 4d 20 26 "$(printf '%x' $((32 + $1)))"
  sleep 0.2
  keys -H 1b 5b 4d 23 26 "$(printf '%x' $((32 + $1)))"
}
# sgr_click LINE: the same in SGR (xterm's 1006 mode), press and release apart.
sgr_click() {
  tm send-keys -t "=$CUR:" -l $'\e[<0;6;'"$1"'M'
  sleep 0.2
  tm send-keys -t "=$CUR:" -l $'\e[<0;6;'"$1"'m'
}

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
  expect "keys: Ctrl-D asks about the delete" wait_re "y deletes it, any other key keeps it: delete public-cirros-0.6.2|Asking Compute whether servers use it"
  keys Escape
  keys q
  expect "keys: q still quits" exit_is 0
  finish
  check_mouse
}

check_mouse() {
  local none=$WORK/xdg-none
  mkdir -p "$none"
  launch nomouse 100 30 "$(cloud_env); export XDG_CONFIG_HOME=$(shq "$none")"
  expect "mouse: the list loads" wait_loaded
  expect "mouse: ... the first row selected" wait_selected 3
  click 5
  tm send-keys -t "=$CUR:" -l $'\e[<0;6;5M\e[<0;6;5m'
  sleep 0.5
  expect "mouse: off by default, a click report selects nothing" sel_is 3
  expect "mouse: ... and is not read as keys (its space would mark a row)" lacks "marked"
  keys j
  expect "mouse: ... keys still work after it" wait_selected 4
  finish
  launch mouse 100 30 "$(cloud_env); export XDG_CONFIG_HOME=$(shq "$none")" --mouse
  expect "mouse: --mouse, the list loads" wait_loaded
  click 6
  expect "mouse: a click selects the row under the pointer" wait_selected 6
  click 1
  click 30
  sleep 0.3
  expect "mouse: a click on the title or the status bar selects nothing" sel_is 6
  keys -H 1b 5b 4d 61 26 26
  expect "mouse: the wheel moves three rows" wait_selected 9
  click 4
  keys j
  expect "mouse: a key right after a click's release is not lost" wait_selected 5
  click 5
  expect "mouse: a click on the selected row opens it, as Enter does" wait_until "the detail" titled "glance-tui · Image "
  finish
  check_mouse_xterm
}

# TERM=xterm-256color: its terminfo's mouse key is ESC [ <, so SGR reports are what ncurses
# matches (on) or leaves half read (off).
check_mouse_xterm() {
  local none=$WORK/xdg-none
  launch nomouse-xterm 100 30 "$(cloud_env); export TERM=xterm-256color XDG_CONFIG_HOME=$(shq "$none")"
  expect "mouse (xterm): the list loads" wait_loaded
  expect "mouse (xterm): ... the first row selected" wait_selected 3
  sgr_click 15
  sleep 0.5
  expect "mouse (xterm): off, a click report selects nothing" sel_is 3
  expect "mouse (xterm): ... its digits do not sort the list" list_back
  expect "mouse (xterm): ... its m does not open the members" lacks "members"
  keys j
  expect "mouse (xterm): ... keys still work after it" wait_selected 4
  finish
  launch mouse-xterm 100 30 "$(cloud_env); export TERM=xterm-256color XDG_CONFIG_HOME=$(shq "$none")" --mouse
  expect "mouse (xterm): --mouse, the list loads" wait_loaded
  sgr_click 6
  keys j
  expect "mouse (xterm): a click selects the row, and the key right after it counts" wait_selected 7
  finish
}
