# shellcheck shell=bash
# Check 6: --debug-log records the requests, and never a password or a token.

log_has() { grep -qE -- "$2" "$1" || { WHY="no line matching /$2/ in $1"; return 1; }; }

log_lacks() { # log_lacks FILE WHAT STRING...
  local f=$1 what=$2 s
  shift 2
  for s; do
    if grep -qF -- "$s" "$f"; then
      WHY="$what found: $(grep -nF -- "$s" "$f" | head -n 2 | cut -c1-200)"
      return 1
    fi
  done
}

log_private() {
  local mode
  mode=$(stat -c %a "$1" 2>/dev/null)
  [ "$mode" = 600 ] || { WHY="mode is $mode"; return 1; }
}

# A token the demo user gets from Keystone, to learn what tokens look like here (Fernet
# tokens start with gAAAA); empty if curl is missing.
sample_token_prefix() {
  command -v curl >/dev/null || return 0
  local url
  url=$(sed -n '/devcloud-demo:/,/region_name/s/^ *auth_url: *//p' "$CLOUDS" | head -n 1)
  curl -s -m 5 -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"demopw"}}}}}' \
    "$url/auth/tokens" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' | cut -c1-5
}

check_debug_log() {
  local log=$WORK/debug.log prefix n
  launch debuglog 100 20 "$(cloud_env)" --debug-log "$log"
  if ! wait_loaded; then
    not_ok "debug log: the list loads"
    finish
    return
  fi
  keys Enter
  wait_until "the detail" titled " glance-tui · Image " >/dev/null
  keys Escape
  n=$(log_count "$log" 'GET .*/v2/images')
  keys r
  wait_until "a reload" log_grew "$log" 'GET .*/v2/images' "$n" >/dev/null
  keys q
  wait_exit >/dev/null
  finish

  expect "debug log: the file was written" test -s "$log"
  expect "debug log: is private (mode 600)" log_private "$log"
  expect "debug log: records the sign-in (POST .../v3/auth/tokens -> 201)" log_has "$log" 'POST http://[^ ]+/v3/auth/tokens .*-> 201'
  expect "debug log: records the image list (GET .../v2/images -> 200)" log_has "$log" 'GET http://[^ ]+/v2/images[^ ]* .*-> 200'
  expect "debug log: the token header is redacted (X-Auth-Token: ***)" log_has "$log" 'X-Auth-Token: \*\*\*'
  expect "debug log: no password (demopw)" log_lacks "$log" "the password" demopw
  prefix=$(sample_token_prefix)
  note "a token from this Keystone starts with ${prefix:-?}"
  expect "debug log: no token (no Fernet gAAAA, no JWT eyJ)" log_lacks "$log" "a token" gAAAA eyJ0 eyJh
  if [ -s "$WORK/wrong-pw.log" ]; then
    expect "debug log: the wrong password is not in its log either" log_lacks "$WORK/wrong-pw.log" "the password" "$WRONG_PW"
  fi
}
