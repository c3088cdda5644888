# shellcheck shell=bash
# Helpers for scripts/e2e-tests: a private tmux server, launching the program in it, reading
# the screen, waiting for text, and reporting `ok - NAME` / `not ok - NAME`.
#
# Globals set by the main script: BIN (absolute path of glance-tui), CLOUDS (clouds.yaml),
# WORK (a private temp dir). Set here: CUR (current tmux session), SCREEN (last capture), WHY.

E2E_SOCKET=${E2E_SOCKET:-glance-e2e}  # another name lets two runs share a machine
E2E_TIMEOUT=${E2E_TIMEOUT:-10}   # seconds per wait
PASSED=0
FAILED=0
SCREEN=
WHY=
CUR=

tm() { tmux -L "$E2E_SOCKET" -f /dev/null "$@"; }

# ---------------------------------------------------------------- reporting

ok() { PASSED=$((PASSED + 1)); printf 'ok - %s\n' "$1"; }

not_ok() {
  FAILED=$((FAILED + 1))
  printf 'not ok - %s\n' "$1"
  [ -n "$WHY" ] && printf '#   %s\n' "$WHY"
  printf '#   screen (%s):\n' "${CUR:-none}"
  printf '%s\n' "$SCREEN" | sed 's/^/#   |/'
}

# expect NAME COMMAND...: one check; COMMAND may set WHY to say what was wrong.
expect() {
  local name=$1
  shift
  WHY=
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}

note() { printf '# %s\n' "$*"; }

# ---------------------------------------------------------------- launching

shq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# The environment for a session on the demo cloud (or the cloud in $1, clouds file in $2).
cloud_env() {
  printf 'export OS_CLIENT_CONFIG_FILE=%s OS_CLOUD=%s\n' "$(shq "${2:-$CLOUDS}")" "$(shq "${1:-devcloud-demo}")"
}

# launch SESSION WIDTH HEIGHT PRELUDE ARG...: runs `BIN ARG...` in a new tmux session through a
# small sh script (`sh -c 'BIN ...; echo EXIT=$?'`), which then stays as an interactive sh so
# the terminal can be inspected. `trap : INT` keeps that sh alive on Ctrl-C (dash would die of
# it, closing the pane), while the program still gets SIGINT with its default disposition.
launch() {
  local s=$1 w=$2 h=$3 prelude=$4 a
  shift 4
  local f=$WORK/$s.sh
  {
    printf 'trap : INT\n%s\n%s' "$prelude" "$(shq "$BIN")"
    for a; do printf ' %s' "$(shq "$a")"; done
    printf '\necho EXIT=$?\nexec sh\n'
  } >"$f"
  tm kill-session -t "=$s" 2>/dev/null
  tm new-session -d -s "$s" -x "$w" -y "$h" "sh $(shq "$f")"
  CUR=$s
}

finish() { # kill the current session
  [ -n "$CUR" ] && tm kill-session -t "=$CUR" 2>/dev/null
  CUR=
}

keys() { tm send-keys -t "=$CUR:" "$@"; }        # tmux key names: j, Enter, Escape, C-c, NPage
type_line() { tm send-keys -t "=$CUR:" -l "$1"; tm send-keys -t "=$CUR:" C-j; }

# ---------------------------------------------------------------- the screen

capture() { # plain text into SCREEN; every capture is kept for the password scan
  SCREEN=$(tm capture-pane -p -t "=$CUR:" 2>&1)
  printf '%s\n' "$SCREEN" >>"$WORK/all-screens.txt"
}

line() { sed -n "${1}p" <<<"$SCREEN"; }              # line N (1-based) of the last capture
last_line() { printf '%s\n' "$SCREEN" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' | tail -n 1; }
flat() { printf '%s' "$SCREEN" | tr '\n' ' ' | tr -s ' '; }  # one line, so wrapped text matches
pane_height() { tm display -p -t "=$CUR:" '#{pane_height}'; }
pane_var() { tm display -p -t "=$CUR:" "#{$1}"; }

# wait_until DESCRIPTION COMMAND...: capture until COMMAND succeeds or E2E_TIMEOUT passes.
wait_until() {
  local desc=$1 deadline=$((SECONDS + E2E_TIMEOUT))
  shift
  while :; do
    capture
    "$@" && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      WHY="timed out after ${E2E_TIMEOUT}s waiting for $desc"
      return 1
    fi
    sleep 0.1
  done
}

has() { flat | grep -qF -- "$1"; }
has_re() { flat | grep -qE -- "$1"; }
lacks() { ! has "$1"; }
wait_text() { wait_until "\"$1\"" has "$1"; }
wait_re() { wait_until "/$1/" has_re "$1"; }
wait_gone() { wait_until "\"$1\" to disappear" lacks "$1"; }

# The status bar says "N images" with no "loading…": the whole list is in.
loaded() { last_line | grep -qE '│ [0-9,]+ images?( +[0-9]+ interrupted \(t\))? *$'; }
wait_loaded() { wait_until "the list to finish loading (status bar \"N images\")" loaded; }
image_count() { last_line | grep -oE '[0-9,]+ images? *$' | tr -dc 0-9; }
# The screen line of the last list row when the list is scrolled to its end (pane height $1).
last_row_line() { local n rows=$(($1 - 3)); n=$(image_count); echo $((2 + (n < rows ? n : rows))); }

# wait_log FILE REGEX: wait for a line in the debug log.
wait_log() {
  wait_until "/$2/ in the debug log" grep -qsE -- "$2" "$1"
}

exit_code() { flat | grep -oE 'EXIT=[0-9]+' | tail -n 1 | cut -d= -f2; }
wait_exit() { wait_re 'EXIT=[0-9]+'; }

# The selected list row, found by its background colour (or reverse video in a monochrome
# theme): sets SEL_LINE (1-based screen line, 0 if none) and SEL_TEXT.
selected() {
  local esc h
  esc=$(tm capture-pane -p -e -t "=$CUR:")
  h=$(pane_height)
  SEL_LINE=$(printf '%s\n' "$esc" | awk -v h="$h" -v bg=$'\033\\[(4[0-7]|10[0-7]|48;[0-9;]+)m' \
    -v rev=$'\033\\[7m' 'NR > 2 && NR < h { if ($0 ~ bg && !b) b = NR; if ($0 ~ rev && !r) r = NR }
      END { print (b ? b : (r ? r : 0)) }')
  SEL_TEXT=$(printf '%s\n' "$esc" | sed -n "${SEL_LINE}p" | sed 's/\x1b\[[0-9;:]*m//g')
}

# wait_selected LINE [TEXT]: the cursor is on screen line LINE (showing TEXT).
# Rows are compared by their first and last words (name and short id): the age column between
# them ticks while the test runs.
row_key() { printf '%s\n' "$1" | awk '{ print $1, $NF }'; }
sel_is() { selected; [ "$SEL_LINE" = "$1" ] && { [ -z "${2:-}" ] || [ "$(row_key "$SEL_TEXT")" = "$(row_key "$2")" ]; }; }
wait_selected() {
  wait_until "the selected row to be line $1${2:+ ($2)}" sel_is "$@" || {
    WHY="$WHY; selected is line $SEL_LINE: $SEL_TEXT"
    return 1
  }
}

exit_is() {
  wait_exit || return 1
  local code
  code=$(exit_code)
  [ "$code" = "$1" ] || { WHY="exit status was $code, expected $1"; return 1; }
}

# alive LOG: the program started with --debug-log LOG still runs, and its pane is not back at sh.
alive() {
  [ -n "$(program_pid "$1")" ] && ! has_re 'EXIT=[0-9]+' || { WHY="the program is not running any more"; return 1; }
}

# What is on screen, by line.
title_ok() { line 1 | grep -qE '^ glance-tui · Images .*\? help$'; }
header_ok() { line 2 | grep -qE '^NAME +STATUS +VISIBILITY +FORMAT +SIZE +UPDATED +ID$'; }
list_back() { title_ok && header_ok; }
first_row_is_not() { [ "$(line 3)" != "$1" ]; }
titled() { line 1 | grep -qF -- "$1"; }

# Counting lines of the debug log.
log_count() { grep -cE -- "$2" "$1" 2>/dev/null || true; }
log_grew() { [ "$(log_count "$1" "$2")" -gt "$3" ]; }

# Display width (terminal cells) of a string.
dwidth() { printf '%s' "$1" | wc -L; }

# program_pid LOGFILE: the glance-tui started with --debug-log LOGFILE.
program_pid() { pgrep -f -- "--debug-log $1\$" | head -n 1; }
