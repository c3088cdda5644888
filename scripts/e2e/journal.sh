# shellcheck shell=bash
# Check: transfers that outlive the program. A slow download (--limit-rate) is cut off by
# kill -9, then by the tmux session going away (SIGHUP); the next start lists it in t as
# interrupted with a count in the status bar, R resumes it from its .part, and the file is
# compared with the image's data fetched by curl. Then the same from the command line:
# `glance-tui resume --all`. A garbage journal file is reported and set aside. Each run of the
# program has a state directory (XDG_STATE_HOME) of its own, passed through tmux new-session -e.

JR_W=120
JR_H=40

# jr_launch SESSION STATE LOG: the browser on the demo cloud, slow, its journal under STATE.
jr_launch() {
  local s=$1 state=$2 log=$3 f
  f=$WORK/$s.sh
  {
    printf 'trap : INT\n%s' "$(cloud_env)"
    printf '\n%s --limit-rate 150K --debug-log %s\necho EXIT=$?\nexec sh\n' "$(shq "$BIN")" "$(shq "$log")"
  } >"$f"
  tm kill-session -t "=$s" 2>/dev/null
  tm new-session -d -s "$s" -x "$JR_W" -y "$JR_H" -e "XDG_STATE_HOME=$state" "sh $(shq "$f")"
  CUR=$s
}

jr_entry_state() { cat "$1"/glance-tui/transfers/*.json 2>/dev/null | tr -d ' \n' | grep -oE '"state":"[a-z]+"' | head -n 1 | cut -d'"' -f4; }
jr_state_is() { [ "$(jr_entry_state "$1")" = "$2" ] || { WHY="the journal says $(jr_entry_state "$1"), not $2"; return 1; }; }
jr_part_grows() { [ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -gt 65536 ]; }
jr_gone() { [ -z "$(program_pid "$1")" ]; }
jr_mode_is() { [ "$(stat -c %a "$1")" = "$2" ] || { WHY="$1 has mode $(stat -c %a "$1"), not $2"; return 1; }; }

# jr_start_download SESSION STATE LOG DEST: the image downloaded to DEST, running and on disk.
jr_start_download() {
  jr_launch "$1" "$2" "$3"
  wait_loaded || return 1
  keys /; tm send-keys -t "=$CUR:" -l "$JR_IMAGE"; keys Enter
  keys d C-u; type_line "$4"
  wait_until "the .part to grow" jr_part_grows "$4.part"
}

# jr_resume_in_browser NAME STATE LOG DEST: a new start lists it interrupted and R resumes it.
jr_resume_in_browser() {
  local name=$1 state=$2 log=$3 dst=$4
  jr_launch "jr-again-$name" "$state" "$log"
  expect "journal ($name): the next start says an earlier run left one" wait_text "1 interrupted transfer from an earlier run: t lists them, R resumes" || return
  expect "journal ($name): the status bar counts it" wait_text "1 interrupted (t)"
  keys t
  expect "journal ($name): t lists it as interrupted" wait_text "0 running · 1 interrupted"
  expect "journal ($name): ... with its kept .part" wait_text "kept $dst.part"
  keys R
  expect "journal ($name): R resumes it" wait_text "Resuming: download $JR_IMAGE from its .part"
  local saved=0
  E2E_TIMEOUT=90 wait_text "Saved $dst (verified md5+sha512)" && saved=1
  expect "journal ($name): ... to the end, verified" test "$saved" = 1
  expect "journal ($name): the file is the image's data as curl fetches it" same_bytes "$WORK/jr-curl.raw" "$dst"
  expect "journal ($name): the count has gone" wait_gone "interrupted (t)"
  expect "journal ($name): the journal says completed" jr_state_is "$state" completed
  finish
}

check_journal() {
  local prefix="e2e-jr-$$" src=$WORK/jr-source.raw token glance=http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292} id pid
  JR_IMAGE="$prefix-img"
  head -c $((4 * 1024 * 1024)) /dev/urandom >"$src"
  XDG_STATE_HOME=$WORK/jr-cli cli upload "$src" --name "$JR_IMAGE" --disk-format raw
  expect "journal: a 4 MiB image to download" cli_ok || { delete_named "$prefix"; return; }
  id=$(grep -oE '^[0-9a-f]{8}-[0-9a-f-]{27}' "$WORK/cli.err" | head -n 1)
  token=$(demo_token)
  curl -s -H "X-Auth-Token: $token" "$glance/v2/images/$id/file" -o "$WORK/jr-curl.raw"
  expect "journal: curl fetches the image's data" same_bytes "$src" "$WORK/jr-curl.raw"

  # kill -9 mid-download.
  local state=$WORK/jr-kill log=$WORK/jr-kill.log dst=$WORK/jr-kill.raw
  expect "journal (kill -9): a slow download runs" jr_start_download jr-kill "$state" "$log" "$dst"
  expect "journal (kill -9): it is journalled as running" jr_state_is "$state" running
  expect "journal (kill -9): the journal directory is 0700" jr_mode_is "$state/glance-tui/transfers" 700
  expect "journal (kill -9): its file is 0600" jr_mode_is "$(ls "$state"/glance-tui/transfers/*.json | head -n 1)" 600
  expect "journal (kill -9): no token or password in it" bash -c "! grep -qE 'demopw|gAAAA|$token' $(shq "$state")/glance-tui/transfers/*.json"
  pid=$(program_pid "$log")
  kill -9 "$pid"
  expect "journal (kill -9): the program is gone" wait_until "the program to end" jr_gone "$log"
  expect "journal (kill -9): the journal still says running, by a process now gone" jr_state_is "$state" running
  finish
  # A garbage file beside it: reported on the status bar and set aside, never a crash.
  printf '\001garbage{' >"$state/glance-tui/transfers/junk.json"
  chmod 600 "$state/glance-tui/transfers/junk.json"
  jr_launch jr-junk "$state" "$log"
  expect "journal (kill -9): a garbage journal file is reported" wait_text "Transfer journal: junk.json is not JSON; set aside as junk.json.corrupt"
  expect "journal (kill -9): ... and set aside" test -f "$state/glance-tui/transfers/junk.json.corrupt"
  finish
  jr_resume_in_browser "kill -9" "$state" "$log" "$dst"

  # The tmux session killed: the program gets SIGHUP, as when an SSH link drops.
  state=$WORK/jr-hup log=$WORK/jr-hup.log dst=$WORK/jr-hup.raw
  expect "journal (SIGHUP): a slow download runs" jr_start_download jr-hup "$state" "$log" "$dst"
  finish
  expect "journal (SIGHUP): the program ends" wait_until "the program to end" jr_gone "$log"
  expect "journal (SIGHUP): it ended the download as interrupted, not cancelled" jr_state_is "$state" interrupted
  expect "journal (SIGHUP): the .part is kept" part_has_bytes "$dst.part"
  jr_resume_in_browser "SIGHUP" "$state" "$log" "$dst"

  # The command line: a download killed, then `glance-tui resume --all` as under nohup.
  state=$WORK/jr-cli-state dst=$WORK/jr-cli.raw
  (eval "$(cloud_env)"; XDG_STATE_HOME=$state exec "$BIN" download "$JR_IMAGE" -f "$dst" --limit-rate 150K) >/dev/null 2>&1 &
  pid=$!
  expect "journal (cli): a slow download runs" wait_until "the .part to grow" jr_part_grows "$dst.part"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  XDG_STATE_HOME=$state cli transfers -f value -c State -c Name
  expect "journal (cli): glance-tui transfers lists it interrupted" grep -qx "interrupted $JR_IMAGE" "$WORK/cli.out"
  XDG_STATE_HOME=$state cli resume --all
  expect "journal (cli): glance-tui resume --all resumes it" cli_ok
  expect "journal (cli): ... saying which and where" err_has "download $JR_IMAGE on devcloud-demo"
  expect "journal (cli): ... verified" err_has "$dst: 4.0 MiB, verified md5+sha512"
  expect "journal (cli): ... in plain lines, no carriage return or escape" bash -c "! grep -q $'[\r\033]' '$WORK/cli.err'"
  expect "journal (cli): the file is the image's data as curl fetches it" same_bytes "$WORK/jr-curl.raw" "$dst"
  XDG_STATE_HOME=$state cli resume --all
  expect "journal (cli): nothing left, resume --all says so and succeeds" err_has "no interrupted transfer"
  XDG_STATE_HOME=$state cli resume nosuchid
  expect "journal (cli): an unknown id fails, saying so" bash -c "[ $CLI_STATUS = 1 ] && grep -qF 'no transfer nosuchid in the journal' '$WORK/cli.err'"
  delete_named "$prefix"
}

# jr_token PROJECT: a token of the demo user scoped to PROJECT.
jr_token() {
  curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"demopw"}}},"scope":{"project":{"name":"'"$1"'","domain":{"name":"Default"}}}}}' \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}'
}

# A download interrupted after :project demo2 in the browser: its entry names devcloud-demo (whose
# clouds.yaml project is demo) and project demo2. `glance-tui resume` re-scopes to demo2, where the
# image is, instead of failing on the mismatch as the browser's suggestion led nowhere.
check_journal_scope() {
  local glance=http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292} token id state=$WORK/jr-scope dst=$WORK/jr-scope.raw
  local src=$WORK/jr-scope-src.raw name="jf-e2e-$$-demo2" jid=5c09e2d2
  token=$(jr_token demo2)
  expect "journal (project): the demo user signs in to demo2" test -n "$token" || return
  head -c $((1024 * 1024 + 5)) /dev/urandom >"$src"
  id=$(curl -s -X POST -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "$glance/v2/images" \
    -d '{"name":"'"$name"'","disk_format":"raw","container_format":"bare"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
  curl -s -o /dev/null -X PUT -H "X-Auth-Token: $token" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$src" "$glance/v2/images/$id/file"
  mkdir -p "$state/glance-tui/transfers"
  chmod 700 "$state/glance-tui" "$state/glance-tui/transfers"
  cat >"$state/glance-tui/transfers/$jid.json" <<JSON
{"format":"glance-tui transfer","version":1,"id":"$jid","kind":"download","cloud":"devcloud-demo","region":"RegionOne",
 "project":"demo2","imageID":"$id","imageName":"$name","path":"$dst.part","destination":"$dst","checksums":{},
 "bytesDone":0,"state":"interrupted","started":"2026-12-03T10:00:00Z","updated":"2026-12-03T10:00:01Z",
 "owner":{"pid":0,"startTicks":1}}
JSON
  chmod 600 "$state/glance-tui/transfers/$jid.json"
  XDG_STATE_HOME=$state cli resume "$jid"
  expect "journal (project): glance-tui resume takes up a download made after :project demo2" cli_ok
  expect "journal (project): ... saying where" err_has "on devcloud-demo (project demo2)"
  expect "journal (project): ... to the image's data" same_bytes "$src" "$dst"
  expect "journal (project): the journal says completed" jr_state_is "$state" completed
  curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$glance/v2/images/$id"
}
