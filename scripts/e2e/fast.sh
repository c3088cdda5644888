# shellcheck shell=bash
# Fast start and gentle on the link: the opt-in token cache (a second start skips Keystone; a
# corrupt cache or a revoked token costs one sign-in; without the opt-in nothing is written)
# and --low-bandwidth's marker column. Each run has a private XDG_STATE_HOME.

fast_mode() { stat -c %a "$1" 2>/dev/null; }
fast_is() { [ "$(fast_mode "$1")" = "$2" ] || { WHY="$1 has mode $(fast_mode "$1"), expected $2"; return 1; }; }
fast_log_has() { grep -qE -- "$2" "$1" || { WHY="no line matching /$2/ in $1"; return 1; }; }
fast_log_lacks() { ! grep -qE -- "$2" "$1" || { WHY="$(grep -nE -- "$2" "$1" | head -n 2 | cut -c1-160)"; return 1; }; }
fast_signins() { grep -cE 'POST [^ ]+/v3/auth/tokens' "$1" 2>/dev/null || true; }
# A token for demo from Keystone (curl), or nothing.
fast_new_token() {
  command -v curl >/dev/null || return 0
  curl -s -m 5 -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"demopw"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}' \
    "$1/auth/tokens" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p'
}
fast_token() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tokens"][0]["token"])' "$1" 2>/dev/null; }

# fast_start NAME STATE CLOUDS LOG [ARG...]: starts the browser, waits for the list, quits.
fast_start() {
  local name=$1 state=$2 clouds=$3 log=$4
  shift 4
  launch "$name" 100 20 "export XDG_STATE_HOME=$(shq "$state")
$(cloud_env devcloud-demo "$clouds")" --debug-log "$log" "$@"
  wait_loaded || { finish; return 1; }
  keys q
  wait_exit >/dev/null
  finish
}

check_fast() {
  local state=$WORK/fast-state cache clouds=$WORK/fast-clouds.yaml url token before
  cache=$state/glance-tui/token-cache.json
  { cat "$CLOUDS"; printf 'cache:\n  auth: true\n'; } >"$clouds"

  # Without the opt-in: the same starts write no cache.
  if fast_start fast-plain "$WORK/fast-plain-state" "$CLOUDS" "$WORK/fast-plain.log"; then
    expect "token cache: without cache: auth: true nothing is written" \
      test ! -e "$WORK/fast-plain-state/glance-tui/token-cache.json"
  else
    not_ok "token cache: a start without the opt-in lists the images"
  fi

  if ! fast_start fast-first "$state" "$clouds" "$WORK/fast-1.log"; then
    not_ok "token cache: the first start lists the images"
    return
  fi
  expect "token cache: the first start signs in (POST /v3/auth/tokens)" fast_log_has "$WORK/fast-1.log" 'POST [^ ]+/v3/auth/tokens .*-> 201'
  expect "token cache: the token is saved" fast_log_has "$WORK/fast-1.log" 'token cache: token saved in '
  expect "token cache: the file is 0600" fast_is "$cache" 600
  expect "token cache: its directory is 0700" fast_is "$state/glance-tui" 700
  expect "token cache: the password is not in it" fast_log_lacks "$cache" 'demopw'

  if fast_start fast-second "$state" "$clouds" "$WORK/fast-2.log"; then
    expect "token cache: a second start does not sign in (no POST /v3/auth/tokens)" fast_log_lacks "$WORK/fast-2.log" 'POST [^ ]+/v3/auth/tokens'
    expect "token cache: a second start uses the cached token" fast_log_has "$WORK/fast-2.log" 'token cache: using the token cached in '
    expect "token cache: and lists with it (GET /v2/images -> 200)" fast_log_has "$WORK/fast-2.log" 'GET [^ ]+/v2/images[^ ]* .*-> 200'
  else
    not_ok "token cache: the second start lists the images"
  fi

  # A revoked token: Glance refuses it, the browser signs in once more and lists. The token is
  # a new one, revoked before Glance ever saw it (Glance's middleware would remember a token it
  # had validated for minutes), put in the cache in place of the one there.
  url=$(sed -n '/devcloud-demo:/,/region_name/s/^ *auth_url: *//p' "$CLOUDS" | head -n 1)
  token=$(fast_new_token "$url")
  if [ -n "$token" ] && [ -n "$(fast_token "$cache")" ]; then
    curl -s -m 5 -o /dev/null -X DELETE -H "X-Auth-Token: $token" -H "X-Subject-Token: $token" "$url/auth/tokens"
    python3 -c 'import json, sys; f = sys.argv[1]; d = json.load(open(f)); d["tokens"][0]["token"] = sys.argv[2]; json.dump(d, open(f, "w"))' \
      "$cache" "$token"
    if fast_start fast-revoked "$state" "$clouds" "$WORK/fast-3.log"; then
      expect "token cache: a revoked cached token is refused by Glance (401)" fast_log_has "$WORK/fast-3.log" 'GET [^ ]+/v2/images[^ ]* .*-> 401'
      expect "token cache: it is dropped" fast_log_has "$WORK/fast-3.log" 'token cache: dropping the refused token'
      expect "token cache: one sign-in is made" test "$(fast_signins "$WORK/fast-3.log")" = 1
      expect "token cache: a new token is cached" test "$(fast_token "$cache")" != "$token"
    else
      not_ok "token cache: a start with a revoked cached token lists the images"
    fi
  else
    note "skipped the revoked token (no token from Keystone, or no cache)"
  fi

  # A corrupt cache: ignored, one sign-in, replaced.
  printf '{"tokens": [\033[2J' >"$cache"
  if fast_start fast-corrupt "$state" "$clouds" "$WORK/fast-4.log"; then
    expect "token cache: a corrupt file is ignored" fast_log_has "$WORK/fast-4.log" 'token cache: .* ignored \(not a token cache this program wrote\)'
    expect "token cache: and replaced by a good one" test -n "$(fast_token "$cache")"
    expect "token cache: the replacement is 0600" fast_is "$cache" 600
  else
    not_ok "token cache: a start with a corrupt cache lists the images"
  fi

  # --low-bandwidth: the selected row is marked with > in the first column, not highlighted.
  launch fast-low 100 20 "$(cloud_env)" --low-bandwidth
  if wait_loaded; then
    expect "low bandwidth: the first row carries the marker" wait_until "> at the start of line 3" fast_line_starts 3 '> '
    keys j
    expect "low bandwidth: j moves the marker to the second row" wait_until "> at the start of line 4" fast_line_starts 4 '> '
    expect "low bandwidth: the first row loses it" fast_line_starts 3 '  '
    expect "low bandwidth: past the marker the row is not highlighted" fast_plain_after_marker 4
    expect "low bandwidth: the header moved with the columns" fast_line_starts 2 '  NAME'
  else
    not_ok "low bandwidth: the list loads"
  fi
  keys q
  wait_exit >/dev/null
  finish

  printf 'low_bandwidth: true\n' >"$WORK/fast-settings.yaml"
  launch fast-setting 100 20 "$(cloud_env)" --config "$WORK/fast-settings.yaml"
  if wait_loaded; then
    expect "low bandwidth: low_bandwidth: true in the settings does the same" fast_line_starts 3 '> '
  else
    not_ok "low bandwidth: the list loads with the setting"
  fi
  keys q
  wait_exit >/dev/null
  finish
}

fast_line_starts() { case "$(line "$1")" in "$2"*) return 0 ;; *) WHY="line $1 is: $(line "$1")"; return 1 ;; esac; }

# fast_plain_after_marker LINE: no background colour or reverse video after the marker's cell.
fast_plain_after_marker() {
  local rest
  rest=$(tm capture-pane -p -e -t "=$CUR:" | sed -n "${1}p" | sed 's/^[^>]*>//')
  if printf '%s' "$rest" | grep -qE $'\033\\[(4[0-7]|10[0-7]|48;[0-9;]+|7)m'; then
    WHY="line $1 is highlighted past the marker: $(printf '%s' "$rest" | cat -v | cut -c1-120)"
    return 1
  fi
}
