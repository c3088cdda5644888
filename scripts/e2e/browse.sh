# shellcheck shell=bash
# Check 1: browsing the list and the detail pane, and the help overlay.

BROWSE_W=100
BROWSE_H=16   # small enough that any image's detail is taller than the pane, so j scrolls it

rows_ok() { # every list row between the header and the status bar has text
  local n
  n=$(printf '%s\n' "$SCREEN" | sed -n "3,$((BROWSE_H - 1))p" | grep -c .)
  [ "$n" -ge "$ROWS_EXPECTED" ] || { WHY="expected $ROWS_EXPECTED list rows, saw $n"; return 1; }
}
status_ok() {
  last_line | grep -qE '^ . devcloud-demo │ RegionOne │ demo │ [0-9,]+ images? *$' \
    || { WHY="status bar is: $(last_line)"; return 1; }
}
sel_moved_from() { selected; [ "$SEL_LINE" != 0 ] && [ "$SEL_TEXT" != "$1" ]; }
detail_ok() { # the detail pane: the title names the image; id and status fields are there
  line 1 | grep -qE '^ glance-tui · Image ' && has_re ' id +[0-9a-f]{8}-' && has_re ' status +[a-z]+'
}
first_content() { line 2; }
detail_scrolled() { [ "$(first_content)" != "$DETAIL_TOP" ]; }
help_shown() { has "Keys" && has "quit" && has "key closes"; }

check_browse() {
  local log=$WORK/browse.log count first second i
  launch browse "$BROWSE_W" "$BROWSE_H" "$(cloud_env)" --debug-log "$log"
  expect "browse: list loads (status bar shows an image count)" wait_loaded || { finish; return; }
  count=$(image_count)
  ROWS_EXPECTED=$((count < BROWSE_H - 3 ? count : BROWSE_H - 3))
  note "the demo project lists $count images"
  expect "browse: title bar" title_ok
  expect "browse: column headers NAME STATUS VISIBILITY FORMAT SIZE UPDATED ID" header_ok
  expect "browse: list rows fill the pane" rows_ok
  expect "browse: status bar shows cloud, region RegionOne, project demo and count" status_ok
  expect "browse: cursor starts on the first row" wait_selected 3 "$(line 3)"
  first=$(line 3)
  second=$(line 4)

  keys j
  expect "browse: j moves the cursor to the next row" wait_selected 4 "$second"
  keys G
  if [ "$count" -gt $((BROWSE_H - 3)) ]; then
    expect "browse: G selects the last row (bottom of the pane)" wait_selected $((BROWSE_H - 1))
    expect "browse: G scrolled the list (first visible row changed)" \
      wait_until "another first row" first_row_is_not "$first"
  else
    expect "browse: G selects the last row" wait_selected $((count + 2))
  fi
  keys g
  expect "browse: g goes back to the first row" wait_selected 3 "$first"
  if [ "$count" -gt $((BROWSE_H - 3)) ]; then
    keys NPage
    expect "browse: PgDn moves the cursor a page down" wait_until "another selected row" sel_moved_from "$first"
    keys PPage
    expect "browse: PgUp goes back up to the first row" wait_selected 3 "$first"
  fi

  keys Enter
  expect "browse: Enter opens the detail pane (title, id, status)" wait_until "the detail pane" detail_ok
  DETAIL_TOP=$(first_content)
  keys j
  expect "browse: j scrolls the detail pane" wait_until "the first detail line to change" detail_scrolled
  for ((i = 0; i < 40; i++)); do has Properties && break; keys j; sleep 0.05; capture; done
  expect "browse: detail pane has a Properties section" wait_text "Properties"
  keys Escape
  expect "browse: Esc returns to the list" wait_until "the list" list_back
  expect "browse: the cursor is still on the first row after Esc" wait_selected 3 "$first"

  keys '?'
  expect "browse: ? shows the help overlay (Keys, quit)" wait_until "the help overlay" help_shown
  keys x
  expect "browse: any key (x) closes the help overlay" wait_gone "any key closes"
  expect "browse: the list is back after closing the help" wait_until "the list" list_back

  keys q
  expect "browse: q quits with status 0" wait_until "EXIT=0" has "EXIT=0"
  finish
}
