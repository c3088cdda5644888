# shellcheck shell=bash
# Check 4: tiny terminals and resizing, during loading and after.

small_list_ok() { # 20x6: title, header, a row, status bar on line 6
  line 1 | grep -q '^ glance-tui' && line 2 | grep -q '^NAME' && [ -n "$(line 3)" ] \
    && [ "$(printf '%s\n' "$SCREEN" | wc -l)" = 6 ] && line 6 | grep -q 'devcloud'
}

small_detail_ok() { line 1 | grep -q '^ glance-tui · Image' && ! line 2 | grep -q '^NAME' && line 6 | grep -q 'devcloud'; }

# fits W H: the screen was redrawn for W x H: the status bar is on line H and the title bar's
# "? help" ends at the right edge.
fits() {
  local w=$1 h=$2 n t
  n=$(printf '%s\n' "$SCREEN" | wc -l)
  t=$(line 1)
  [ "$n" = "$h" ] || { WHY="the screen has $n lines, not $h (status bar not on the last line)"; return 1; }
  line "$h" | grep -q 'devcloud-demo' || { WHY="line $h is not the status bar: $(line "$h")"; return 1; }
  [[ $t == *'? help' ]] && [ "$(dwidth "$t")" = $((w - 1)) ] \
    || { WHY="the title bar is not $w wide: \"$t\""; return 1; }
}

resize() { tm resize-window -t "=$CUR:" -x "$1" -y "$2"; }

check_tiny_terminals() {
  local log=$WORK/small.log
  launch small 20 6 "$(cloud_env)" --debug-log "$log"
  expect "small 20x6: list loads" wait_log "$log" 'all loaded and painted'
  expect "small 20x6: shows title, header, rows and the status bar" wait_until "the list at 20x6" small_list_ok
  keys j
  keys k
  keys Enter
  expect "small 20x6: Enter opens the detail pane" wait_until "the detail at 20x6" small_detail_ok
  keys j
  keys Escape
  expect "small 20x6: Esc returns to the list" wait_until "the list at 20x6" small_list_ok
  expect "small 20x6: still running after j/k/Enter/j/Esc" alive "$log"
  keys q
  expect "small 20x6: q quits with status 0" exit_is 0
  finish

  log=$WORK/tiny.log
  launch tiny 10 3 "$(cloud_env)" --debug-log "$log"
  expect "small 10x3: says the terminal is too small" wait_re '[Tt]oo small|[Tt]oo sma'
  expect "small 10x3: still running" alive "$log"
  resize 80 24
  expect "small 10x3 grown to 80x24: the list is drawn" wait_until "the list at 80x24" fits 80 24
  keys q
  wait_exit >/dev/null
  finish
}

check_resizing() {
  local log=$WORK/resize.log
  launch resize 80 24 "$(cloud_env)" --debug-log "$log"
  resize 120 40 # while signing in / loading
  expect "resize while loading to 120x40: redrawn at the new size" wait_until "a 120x40 screen" fits 120 40
  expect "resize while loading: the list finishes loading" wait_loaded
  expect "resize while loading: still 120x40 after loading" fits 120 40
  resize 60 12
  expect "resize after loading to 60x12: redrawn at the new size" wait_until "a 60x12 screen" fits 60 12
  keys Enter
  expect "resize: detail pane opens at 60x12" wait_until "the detail" titled " glance-tui · Image "
  resize 100 30
  expect "resize in the detail pane to 100x30: redrawn at the new size" wait_until "a 100x30 screen" fits 100 30
  keys Escape
  resize 45 10
  expect "resize back in the list to 45x10: redrawn at the new size" wait_until "a 45x10 screen" fits 45 10
  expect "resize: still running after all the resizes" alive "$log"
  keys q
  expect "resize: q quits with status 0" exit_is 0
  finish
}

check_small_terminal() {
  check_tiny_terminals
  check_resizing
}
