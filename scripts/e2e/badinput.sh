# shellcheck shell=bash
# Check 5: bad configuration and unreachable servers: a clear message, no crash, no password.

WRONG_PW='e2e-Wr0ng-pw-4711'
BAD_W=100
BAD_H=20

# A prelude with no cloud anywhere: no OS_* variables, HOME and the working directory empty.
no_cloud_env() {
  local d=$WORK/empty-home
  mkdir -p "$d"
  printf 'for v in $(env | sed -n "s/^\\(OS_[A-Za-z0-9_]*\\)=.*/\\1/p"); do unset "$v"; done\n'
  printf 'export HOME=%s XDG_CONFIG_HOME=%s\ncd %s || exit 9\n' "$(shq "$d")" "$(shq "$d/.config")" "$(shq "$d")"
}

exit_nonzero() {
  wait_exit || return 1
  [ "$(exit_code)" != 0 ] || { WHY="exit status 0 after an error"; return 1; }
}

no_html() { ! has_re '<(html|HTML|body|h1|title|!DOCTYPE)|\{"error"'; }

not_crashed() { # neither a signal death nor a Swift runtime trap on screen
  ! has_re 'EXIT=(1[2-9][0-9])|Fatal error|Segmentation|Aborted|Illegal instruction|Trace/breakpoint' \
    || { WHY="the program crashed"; return 1; }
}

check_no_cloud() {
  launch nocloud "$BAD_W" "$BAD_H" "$(no_cloud_env)"
  expect "no cloud: exits with a non-zero status" exit_nonzero
  expect "no cloud: message mentions OS_CLOUD and clouds.yaml" \
    wait_until "OS_CLOUD and clouds.yaml" has_re 'OS_CLOUD.*clouds\.(yaml|\{yaml)|clouds\.(yaml|\{yaml).*OS_CLOUD'
  expect "no cloud: no crash" not_crashed
  finish
}

check_unknown_cloud() {
  launch nosuchcloud "$BAD_W" "$BAD_H" "$(cloud_env)" --os-cloud no-such-cloud-e2e
  expect "unknown cloud: exits with a non-zero status" exit_nonzero
  expect "unknown cloud: message names it and lists devcloud-admin, -alt, -demo" wait_until "the available clouds" \
    eval 'has no-such-cloud-e2e && has devcloud-admin && has devcloud-alt && has devcloud-demo'
  expect "unknown cloud: no crash" not_crashed
  finish
}

check_wrong_password() {
  local clouds=$WORK/wrong-pw.yaml log=$WORK/wrong-pw.log n
  sed "s/password: demopw/password: $WRONG_PW/" "$CLOUDS" >"$clouds"
  launch wrongpw "$BAD_W" "$BAD_H" "$(cloud_env devcloud-demo "$clouds")" --debug-log "$log"
  expect "wrong password: sign-in failure is shown" wait_text "Could not sign in"
  expect "wrong password: the message has 401 and a sentence" \
    wait_re '401[^a-zA-Z]+[A-Za-z]+:? [A-Za-z]+ [a-z]+ [a-z]+'
  expect "wrong password: the message is not HTML or raw JSON" no_html
  n=$(log_count "$log" 'POST .*/auth/tokens')
  keys r
  expect "wrong password: r retries the sign-in" \
    wait_until "another POST /auth/tokens in the log" log_grew "$log" 'POST .*/auth/tokens' "$n"
  expect "wrong password: the failure is shown again after r" wait_text "Could not sign in"
  keys q
  expect "wrong password: q quits" wait_exit
  note "wrong password: exit status $(exit_code)"
  expect "wrong password: no crash" not_crashed
  finish
}

check_unknown_region() {
  launch region "$BAD_W" "$BAD_H" "$(cloud_env)" --os-region-name Nowhere
  expect "unknown region: the message names Nowhere and lists RegionOne" \
    wait_until "Nowhere ... RegionOne" has_re "Nowhere.*RegionOne"
  keys q
  expect "unknown region: q quits" wait_exit
  expect "unknown region: no crash" not_crashed
  finish
}

check_unreachable() {
  local clouds=$WORK/unreachable.yaml
  launch imageurl "$BAD_W" "$BAD_H" "$(cloud_env)" --os-image-url http://127.0.0.1:1
  expect "unreachable image URL: says it cannot connect to 127.0.0.1:1" \
    wait_re "[Cc]annot connect.*127\.0\.0\.1:1|[Cc]ould ?n.t connect"
  keys q
  expect "unreachable image URL: q quits" wait_exit
  expect "unreachable image URL: no crash" not_crashed
  finish

  sed 's#auth_url: http://127.0.0.1:[0-9]*/v3#auth_url: http://127.0.0.1:1/v3#' "$CLOUDS" >"$clouds"
  launch authurl "$BAD_W" "$BAD_H" "$(cloud_env devcloud-demo "$clouds")"
  expect "unreachable auth_url: sign-in failure says it cannot connect" \
    wait_re "Could not sign in.*([Cc]annot connect|[Cc]ould ?n.t connect)"
  keys q
  expect "unreachable auth_url: q quits" wait_exit
  expect "unreachable auth_url: no crash" not_crashed
  finish
}

check_bad_input() {
  check_no_cloud
  check_unknown_cloud
  check_wrong_password
  check_unknown_region
  check_unreachable
}

# Every screen captured during the run, scanned for every password in the clouds file and the
# wrong one used above.
check_no_password_on_screen() {
  local pw found=
  CUR=
  SCREEN=
  for pw in $WRONG_PW $(sed -n 's/^ *password: *//p' "$CLOUDS" | tr -d "\"'"); do
    grep -qF -- "$pw" "$WORK/all-screens.txt" 2>/dev/null && found="$found $pw"
  done
  WHY="found on screen:$found"
  if [ -z "$found" ]; then ok "no password ever appeared on screen"; else not_ok "no password ever appeared on screen"; fi
}
