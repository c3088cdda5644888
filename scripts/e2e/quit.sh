# shellcheck shell=bash
# Check 3: every way out restores the terminal: normal screen (not the alternate one), the
# list gone, and sane tty modes; the exit status says how the program ended.

QUIT_W=100
QUIT_H=30
STTY_FLAGS='icanon echo isig icrnl opost onlcr'

normal_screen() {
  local alt
  alt=$(pane_var alternate_on)
  [ "$alt" = 0 ] || { WHY="tmux says the alternate screen is still on (alternate_on=$alt)"; return 1; }
  if has "glance-tui · Images" || printf '%s\n' "$SCREEN" | grep -qE '^NAME +STATUS'; then
    WHY="the list is still on screen after the program ended"
    return 1
  fi
}

# The line the typed command prints: "STTY-42: <flags> :END" (typed as STTY-$((6*7)), so the
# echoed command line never matches).
stty_sane() {
  local l f
  l=$(printf '%s\n' "$SCREEN" | grep -oE 'STTY-42:.*:END' | tail -n 1)
  [ -n "$l" ] || { WHY="no stty output"; return 1; }
  for f in $STTY_FLAGS; do
    [[ " $l " == *" $f "* ]] || { WHY="stty reports: $l (want $STTY_FLAGS)"; return 1; }
  done
}

stty_after() { wait_re 'STTY-42:.*:END' && stty_sane; }

ask_stty() {
  type_line "echo STTY-\$((6*7)): \$(stty -a | tr -s ' ;' '\\n\\n' | grep -xE -e '-?(${STTY_FLAGS// /|})') :END"
}

# quit_one HOW EXPECTED_STATUS: HOW is a key (q, C-c) or a signal name (TERM, HUP, SEGV, ABRT).
quit_one() {
  local how=$1 want=$2 log=$WORK/quit-$1.log pid
  launch "quit-$how" "$QUIT_W" "$QUIT_H" "$(cloud_env)" --debug-log "$log"
  if ! wait_loaded; then
    not_ok "quit by $how: the list loads first"
    finish
    return
  fi
  case $how in
    q | C-c) keys "$how" ;;
    *)
      pid=$(program_pid "$log")
      if [ -z "$pid" ]; then
        WHY="no process matches --debug-log $log"
        not_ok "quit by $how: find the program's pid"
        finish
        return
      fi
      kill -s "$how" "$pid"
      ;;
  esac
  expect "quit by $how: exit status $want" exit_is "$want"
  expect "quit by $how: normal screen restored (list gone, alternate screen off)" normal_screen
  ask_stty
  expect "quit by $how: tty modes sane afterwards ($STTY_FLAGS)" stty_after
  finish
}

gone() { [ -z "$(program_pid "$1")" ] || { WHY="pid $(program_pid "$1") still runs"; return 1; }; }

# TERM as soon as the screen is up, usually while signing in: the same clean exit. (Earlier,
# before curses starts, TERM simply kills it: 143, with the terminal untouched.)
quit_while_loading() {
  local log=$WORK/quit-early.log pid
  launch quit-early "$QUIT_W" "$QUIT_H" "$(cloud_env)" --debug-log "$log"
  wait_text "glance-tui · Images" >/dev/null
  pid=$(program_pid "$log")
  has "Signing in" || note "already past signing in when TERM was sent"
  [ -n "$pid" ] && kill -s TERM "$pid"
  expect "quit by TERM just after start: exit status 143" exit_is 143
  expect "quit by TERM just after start: normal screen restored" normal_screen
  finish
}

# Closing the terminal (the pane goes away): the program must end, not linger or spin.
quit_by_closing() {
  local log=$WORK/quit-close.log
  launch quit-close "$QUIT_W" "$QUIT_H" "$(cloud_env)" --debug-log "$log"
  wait_loaded >/dev/null
  tm kill-session -t "=quit-close"
  CUR=
  expect "closing the terminal ends the program" wait_until "the program to end" gone "$log"
}

check_quit_paths() {
  quit_one q 0
  quit_one C-c 130
  quit_one TERM 143
  quit_one HUP 129
  quit_one SEGV 139
  quit_one ABRT 134
  quit_while_loading
  quit_by_closing
}
