# shellcheck shell=bash
# Check 7: finding images: the : command line (filters, mistakes, sort, hidden, columns) and
# the / filter, as a person types them.

QUERY_W=120
QUERY_H=30

rows_text() { printf '%s\n' "$SCREEN" | sed -n "3,$((QUERY_H - 1))p" | grep .; }
all_rows_active() {
  local bad
  bad=$(rows_text | awk '$0 !~ / active /' | head -1)
  [ -z "$bad" ] || { WHY="a row is not active: $bad"; return 1; }
  rows_text | grep -q . || { WHY="no rows"; return 1; }
}
title_has() { line 1 | grep -qF -- "$1" || { WHY="title is: $(line 1)"; return 1; }; }
title_lacks() { ! line 1 | grep -qF -- "$1" || { WHY="title is: $(line 1)"; return 1; }; }
match_count() { last_line | grep -qE "^/$1 .* [0-9,]+ of [0-9,]+ match *$" || { WHY="bottom line is: $(last_line)"; return 1; }; }
only_rows_with() {
  local bad
  bad=$(rows_text | grep -viF -- "$1" | head -1)
  [ -z "$bad" ] || { WHY="row without \"$1\": $bad"; return 1; }
}
header_is() { line 2 | grep -qE "$1" || { WHY="header is: $(line 2)"; return 1; }; }
first_name() { rows_text | head -1 | awk '{print $1}'; }
sorted_desc() {
  local names
  names=$(rows_text | awk '{print $1}' | grep -v '^bulk-' | head -8)
  [ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort -r -f)" ] || { WHY="not descending: $(echo $names)"; return 1; }
}

check_query() {
  local log=$WORK/query.log
  launch query "$QUERY_W" "$QUERY_H" "$(cloud_env)" --debug-log "$log"
  expect "query: list loads" wait_loaded || { finish; return; }

  keys :; type_line "filter status=active"
  expect "query: :filter status=active shows the filter in the title" wait_until "the title to show the filter" title_has "filter status=active"
  wait_loaded >/dev/null
  expect "query: every row is active" all_rows_active
  expect "query: the request carried status=active" wait_log "$log" "status=active"

  keys :; type_line "filter size_min=lots"
  expect "query: a bad size is explained in place" wait_text "size_min is a size such as 512M"
  expect "query: the line stays for correction" has ":filter size_min=lots"
  expect "query: nothing was sent for it" bash -c "! grep -q 'size_min' $(shq "$log")"
  keys Escape
  expect "query: Esc leaves the command line" wait_gone "size_min is a size"

  keys :; type_line "filter"
  expect "query: :filter alone clears the filters" wait_until "the filter to leave the title" title_lacks "filter "
  wait_loaded >/dev/null

  keys :; type_line "sort name:desc"
  expect "query: :sort shows in the title" wait_until "the sort in the title" title_has "sort name:desc"
  wait_loaded >/dev/null
  expect "query: the server sorted by name, descending" sorted_desc
  expect "query: the NAME header shows ▼" header_is "^NAME▼"

  keys :; type_line "hidden"
  expect "query: :hidden lists the hidden image" wait_text "hidden-legacy-image"
  keys :; type_line "hidden"
  expect "query: :hidden again leaves it out" wait_gone "hidden-legacy-image"
  wait_loaded >/dev/null

  keys :; type_line "columns name,size,tags"
  expect "query: :columns changes the columns" wait_until "the header NAME SIZE TAGS" header_is "^NAME.* +SIZE +TAGS *$"
  keys :; type_line "columns"
  expect "query: :columns alone restores them" wait_until "the default header" header_is "STATUS +VISIBILITY"

  keys :; type_line "sort"
  wait_loaded >/dev/null
  keys /; tm send-keys -t "=$CUR:" -l "cirros"
  expect "query: / shows the match count while typing" wait_until "the match count" match_count cirros
  expect "query: / leaves only matching rows" only_rows_with cirros
  keys Enter
  expect "query: Enter keeps the / filter in the title" wait_until "/cirros in the title" title_has "/cirros"
  keys Escape
  expect "query: Esc clears the / filter" wait_until "/cirros to leave the title" title_lacks "/cirros"

  keys 1
  expect "query: 1 sorts by name locally (▲ on NAME)" wait_until "NAME▲" header_is "^NAME▲"
  keys 1
  expect "query: 1 again reverses (▼)" wait_until "NAME▼" header_is "^NAME▼"
  finish
}
