# shellcheck shell=bash
# Check 10: moving image data. The command-line forms first (upload, download, Ctrl-C leaving a
# resumable .part, resuming it, a file-size limit, a refused disk format, plain progress lines
# when stderr is not a terminal), then the browser: d saves an image, an existing file is not
# overwritten without asking, t lists the transfers, u uploads a file through its prompts.

XFER_W=110
XFER_H=30

demo_token() {
  curl -si -X POST "http://127.0.0.1:${DEVCLOUD_KEYSTONE_PORT:-5000}/v3/auth/tokens" -H 'Content-Type: application/json' \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"demopw"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}' \
    | tr -d '\r' | awk -F': ' 'tolower($1) == "x-subject-token" {print $2}'
}

# delete_named PREFIX: deletes the demo project's images whose name starts with PREFIX.
delete_named() {
  local token glance=http://127.0.0.1:${DEVCLOUD_GLANCE_PORT:-9292} id
  token=$(demo_token)
  for id in $(curl -s -H "X-Auth-Token: $token" "$glance/v2/images?limit=1000" \
      | python3 -c 'import sys, json; p = sys.argv[1]; print("\n".join(i["id"] for i in json.load(sys.stdin)["images"] if (i.get("name") or "").startswith(p)))' "$1"); do
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$glance/v2/images/$id"
  done
}

# cli ARGS...: runs the program with stderr to $WORK/cli.err (not a terminal), status in CLI_STATUS.
cli() {
  (eval "$(cloud_env)"; "$BIN" "$@") >"$WORK/cli.out" 2>"$WORK/cli.err" </dev/null
  CLI_STATUS=$?
}
cli_ok() { [ "$CLI_STATUS" = 0 ] || { WHY="exit $CLI_STATUS: $(tail -n 3 "$WORK/cli.err")"; return 1; }; }
err_has() { grep -qF -- "$1" "$WORK/cli.err" || { WHY="stderr lacks \"$1\": $(tail -n 3 "$WORK/cli.err")"; return 1; }; }
no_file() { [ ! -e "$1" ] || { WHY="$1 exists"; return 1; }; }
part_has_bytes() { [ -s "$1" ] || { WHY="no partial file $1"; return 1; }; }
same_bytes() { cmp -s "$1" "$2" || { WHY="$1 and $2 differ"; return 1; }; }

check_transfers() {
  local prefix="e2e-xfer-$$" src=$WORK/source.raw dst=$WORK/saved.raw qcow=$WORK/disk.qcow2
  head -c $((128 * 1024 * 1024)) /dev/urandom >"$src"

  cli upload "$src" --name "$prefix-raw" --disk-format raw
  expect "transfer: the command line uploads a file" cli_ok
  expect "transfer: the upload is verified against the image's checksums" err_has "verified md5+sha512"
  expect "transfer: progress without a terminal is plain lines, no carriage returns" \
    bash -c "! grep -q $'\r' '$WORK/cli.err'"

  cli download "$prefix-raw" -f "$dst"
  expect "transfer: the command line downloads it, verified" err_has "verified md5+sha512"
  expect "transfer: the downloaded bytes are the uploaded ones" same_bytes "$src" "$dst"
  expect "transfer: no .part is left" no_file "$dst.part"

  cli download "$prefix-raw" -f "$dst"
  expect "transfer: an existing file is not overwritten" err_has "already exists"
  expect "transfer: ... and the command fails" test "$CLI_STATUS" = 1

  # Ctrl-C in a terminal: the .part stays and the status says SIGINT; the same command resumes.
  rm -f "$dst"
  launch xfer-cli "$XFER_W" 10 "$(cloud_env)" download "$prefix-raw" -f "$dst" --limit-rate 4M
  expect "transfer: a terminal shows a progress bar, moving" wait_re '\[[█▏▎▍▌▋▊▉ ]+\] [1-9][0-9]*%'
  keys C-c
  expect "transfer: Ctrl-C exits 130" exit_is 130
  expect "transfer: ... says the .part is kept to resume" wait_text "run the same command again to resume"
  expect "transfer: ... and keeps it" part_has_bytes "$dst.part"
  expect "transfer: ... with no final file" no_file "$dst"
  finish
  cli download "$prefix-raw" -f "$dst"
  expect "transfer: running it again resumes and verifies" err_has "verified md5+sha512"
  expect "transfer: the resumed file is identical" same_bytes "$src" "$dst"

  # A file-size limit stands in for a full disk: a clear error, a kept .part, no final file.
  rm -f "$dst" "$dst.part"
  (ulimit -f 4096; cli download "$prefix-raw" -f "$dst"; echo "$CLI_STATUS" >"$WORK/ulimit.status")
  CLI_STATUS=$(cat "$WORK/ulimit.status")
  expect "transfer: a file-size limit fails the download" test "$CLI_STATUS" = 1
  expect "transfer: ... saying so" err_has "largest file size allowed"
  expect "transfer: ... and renames nothing" no_file "$dst"
  rm -f "$dst.part"

  cli upload "$src" --name "$prefix-wrong" --disk-format qcow2
  expect "transfer: data that is not the declared format is refused" err_has "refused the data as not disk_format qcow2"
  expect "transfer: ... naming what the file looks like" err_has "looks like raw"

  # The browser.
  launch xfer "$XFER_W" "$XFER_H" "$(cloud_env)" --debug-log "$WORK/xfer.log"
  expect "transfer: list loads" wait_loaded || { finish; delete_named "$prefix"; return; }
  keys /; tm send-keys -t "=$CUR:" -l "$prefix-raw"; keys Enter
  keys d
  expect "transfer: d asks where to save, with the image's name" wait_text "save $prefix-raw to: $prefix-raw.raw"
  keys C-u; type_line "$WORK/tui.raw"
  expect "transfer: the browser saves it, verified" wait_text "Saved $WORK/tui.raw (verified md5+sha512)"
  expect "transfer: ... the same bytes" same_bytes "$src" "$WORK/tui.raw"
  keys d C-u; type_line "$WORK/tui.raw"
  expect "transfer: an existing file asks before overwriting" wait_text "o overwrites it, any other key keeps it"
  keys n
  expect "transfer: ... and any other key keeps it" wait_text "Nothing was changed"
  keys t
  expect "transfer: t lists the transfers" wait_text "0 running · 1 finished"
  expect "transfer: ... with its verification" wait_text "verified md5+sha512"
  keys Escape
  expect "transfer: Esc goes back to the list" wait_until "the list" list_back

  qemu-img create -f qcow2 "$qcow" 16M >/dev/null 2>&1 || printf 'QFI\373\000\000\000\003' >"$qcow"
  keys u
  expect "transfer: u asks for a file" wait_text "upload file (or an http(s) URL"
  type_line "$WORK/no-such-file"
  expect "transfer: a missing file is explained" wait_text "Cannot upload: Cannot open $WORK/no-such-file: No such file"
  keys u; type_line "$qcow"
  expect "transfer: the file is inspected: its format is detected" wait_text "looks like qcow2"
  keys C-u; type_line "$prefix-up"
  expect "transfer: the format is offered as detected" wait_text "disk format (detected qcow2"
  keys C-u; type_line "qcow3"
  expect "transfer: a format that does not exist is refused" wait_text "qcow3 is not a disk format"
  keys C-u; type_line "qcow2"
  expect "transfer: the method is asked" wait_text "method (direct or glance-direct"
  keys Enter
  expect "transfer: the store is asked, the default offered" wait_text "fast (default)"
  keys Enter
  expect "transfer: the upload finishes, verified" wait_text "Uploaded $prefix-up (verified md5+sha512)"
  keys Escape
  expect "transfer: the new image is in the list" wait_text "$prefix-up"
  finish
  delete_named "$prefix"
}
