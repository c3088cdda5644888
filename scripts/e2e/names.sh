# shellcheck shell=bash
# Check 2: image names (and fields) that try to drive the terminal, and wide characters.
# scripts/seed-images makes, in project demo, an image named "evil" ESC[2J ESC]0;pwned BEL "name"
# (with an escape in its description and an OSC 52 clipboard write in a property) and one
# named "测试镜像 Ubuntu 22.04 云镜像".

EVIL_SHOWN='evil\x1b[2J\x1b]0;pwned\x07name'
CJK_NAME='测试镜像 Ubuntu 22.04 云镜像'
NAMES_W=120
NAMES_H=40

# page_to TEXT: from the end of the list (the seeded samples are the oldest), page up until
# TEXT is on screen or the top is reached.
page_to() {
  local i top
  keys G
  wait_selected "$(last_row_line "$NAMES_H")" >/dev/null || true
  for ((i = 0; i < 100; i++)); do
    has "$1" && return 0
    top=$(line 3)
    keys PPage
    E2E_TIMEOUT=2 wait_until "a page up" first_row_is_not "$top" || break
  done
  WHY="\"$1\" not found in the list (is the cloud seeded? scripts/devcloud seed)"
  return 1
}

# screen_intact [detail]: title, status bar and (in the list) header and every row are there.
screen_intact() {
  local blank last
  line 1 | grep -qE '^ glance-tui · ' || { WHY="title bar gone: $(line 1)"; return 1; }
  [ "$(printf '%s\n' "$SCREEN" | wc -l)" -ge "$NAMES_H" ] || { WHY="the status bar is not on the last line"; return 1; }
  line "$NAMES_H" | grep -q 'devcloud-demo' || { WHY="status bar gone"; return 1; }
  [ "${1:-}" = detail ] && return 0
  header_ok || { WHY="column headers gone"; return 1; }
  last=$(last_row_line "$NAMES_H")
  blank=$(printf '%s\n' "$SCREEN" | sed -n "3,${last}p" | grep -c '^$')
  [ "$blank" -eq 0 ] || { WHY="$blank blank lines among the list rows 3-$last"; return 1; }
}

pane_title_untouched() {
  local t
  t=$(pane_var pane_title)
  [[ $t != *pwned* ]] || { WHY="the pane title became \"$t\" (an OSC title sequence got through)"; return 1; }
}

no_clipboard_write() {
  local b
  b=$(tm list-buffers 2>/dev/null)
  [ -z "$b" ] || { WHY="tmux got a paste buffer (OSC 52 got through): $b"; return 1; }
}

# The STATUS column of the CJK row starts where the header's STATUS does, and the row is as
# wide as an ASCII row (so every column to its right lines up too).
cjk_aligned() {
  local header row other want got rest pad
  header=$(line 2)
  row=$(printf '%s\n' "$SCREEN" | grep -F -- "$CJK_NAME" | head -n 1)
  other=$(printf '%s\n' "$SCREEN" | sed -n '3,$p' | grep -F -v -- "$CJK_NAME" | grep -E '[0-9a-f]{8}$' | head -n 1)
  want=$(dwidth "${header%%STATUS*}")
  rest=${row#"$CJK_NAME"}
  [ "$rest" != "$row" ] || { WHY="the CJK row does not start with the full name: $row"; return 1; }
  pad=${rest%%[! ]*}
  got=$(($(dwidth "$CJK_NAME") + ${#pad}))
  [ "$got" = "$want" ] || { WHY="STATUS starts at cell $got in the CJK row, at $want in the header"; return 1; }
  [ "$(dwidth "$row")" = "$(dwidth "$other")" ] \
    || { WHY="CJK row is $(dwidth "$row") cells wide, another row $(dwidth "$other"): $other"; return 1; }
}

# Moves the cursor onto the screen line showing TEXT.
select_text() {
  local target n i k=j
  target=$(printf '%s\n' "$SCREEN" | grep -nF -- "$1" | head -n 1 | cut -d: -f1)
  selected
  n=$((target - SEL_LINE))
  [ "$n" -lt 0 ] && { n=$((-n)); k=k; }
  for ((i = 0; i < n; i++)); do keys "$k"; done
  wait_selected "$target"
}

check_names() {
  launch names "$NAMES_W" "$NAMES_H" "$(cloud_env)" --debug-log "$WORK/names.log"
  expect "names: list loads" wait_loaded || { finish; return; }

  if expect "names: the image with ESC[2J and OSC in its name is shown escaped (\\x1b)" page_to "$EVIL_SHOWN"; then
    expect "names: ESC[2J in a name did not clear the screen" screen_intact
    expect "names: OSC 0 in a name did not set the terminal title" pane_title_untouched
    expect "names: cursor can be put on the escaped name" select_text "$EVIL_SHOWN"
    keys Enter
    expect "names: detail of that image shows the name escaped in the title bar" \
      wait_until "the detail title" titled "Image $EVIL_SHOWN"
    expect "names: detail shows the description's escapes as text (\\x1b[31m)" wait_text '\x1b[31m'
    expect "names: detail of that image leaves the screen intact" screen_intact detail
    expect "names: no OSC 52 clipboard write reached the terminal" no_clipboard_write
    expect "names: still no terminal title change" pane_title_untouched
    keys Escape
    wait_until "the list" list_back >/dev/null
  fi

  if expect "names: the CJK name is shown" page_to "$CJK_NAME"; then
    expect "names: columns right of the CJK name are aligned with the header" cjk_aligned
  fi
  keys q
  wait_exit >/dev/null
  finish
}
