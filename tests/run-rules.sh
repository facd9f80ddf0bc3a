#!/usr/bin/env bash
# The rules load and pass their own examples; each kind of mistake in a rules file is
# refused with exit 3 and a message naming file and line.
set -u
cd "$(dirname "$0")/.."
M="build/${BUILD:-release}/minutes"
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }

if out=$("$M" check-rules --rules-dir rules 2>&1); then ok "shipped rules load and pass their examples"; else no "shipped rules: $out"; fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check_bad() { # name, expected message part, file content
  mkdir -p "$tmp/$1"; cp rules/*.rules "$tmp/$1/"; printf '%s\n' "$3" > "$tmp/$1/99-bad.rules"
  out=$("$M" check-rules --rules-dir "$tmp/$1" 2>&1); rc=$?
  if [ "$rc" -eq 3 ] && printf '%s' "$out" | grep -q "99-bad.rules:[0-9]" && printf '%s' "$out" | grep -qi -- "$2"; then
    ok "bad rules refused: $1"
  else
    no "bad rules refused: $1 (exit $rc: $out)"
  fi
}
check_bad syntax "pattern error" $'[section x]\npattern = ^(Indstilling'
check_bad unknown_kind "unknown rule kind" $'[sektion x]\npattern = ^x$'
check_bad unknown_key "unknown key" $'[section x]\nmønster = ^x$'
check_bad no_pattern "has no pattern" $'[section x]\nexample = x'
check_bad example "does not match" $'[section x]\npattern = ^Indstilling$\nexample = Beslutning'
check_bad counter "matches" $'[section x]\npattern = ^Indstilling\ncounter = Indstillingen'
check_bad missing_group "named group" $'[item x]\npattern = ^(\\d+)\\. (.*)$'
check_bad fragment "unknown fragment" $'[section x]\npattern = ^%{nope}$'
check_bad header "expected '\\[kind name\\]'" $'[section]\npattern = x'
check_bad outside "outside of any" $'pattern = x'
check_bad flag "unknown flag" $'[section x]\nflags = q\npattern = x'
check_bad duplicate "defined twice" $'[section x]\npattern = a\n[section x]\npattern = b'
printf '[section x]\npattern = \xff\n' > "$tmp/raw.rules"
mkdir -p "$tmp/utf8"; cp rules/*.rules "$tmp/utf8/"; cp "$tmp/raw.rules" "$tmp/utf8/99-bad.rules"
out=$("$M" check-rules --rules-dir "$tmp/utf8" 2>&1); rc=$?
if [ "$rc" -eq 3 ] && printf '%s' "$out" | grep -q "not valid UTF-8"; then ok "bad rules refused: invalid UTF-8"; else no "invalid UTF-8 rules: exit $rc $out"; fi
out=$("$M" check-rules --rules-dir "$tmp/nowhere" 2>&1); rc=$?
if [ "$rc" -eq 3 ]; then ok "missing rules directory: exit 3"; else no "missing rules directory: exit $rc"; fi

# a user's extra rules file changes the behaviour without recompiling
printf '[section decision]\npattern = ^(?:Referat|Beslutning|Udvalgets afgørelse)\\s*:?$\nexample = Udvalgets afgørelse\n' > "$tmp/house.rules"
printf 'Møde\tByrådet\nTid\t1. maj 2024, kl. 17.00\n\n1. Budget\n\nUdvalgets afgørelse\nGodkendt med 5 stemmer.\n' > "$tmp/house.txt"
rec=$("$M" convert --rules "$tmp/house.rules" "$tmp/house.txt" 2>&1)
if printf '%s' "$rec" | grep -q '"decision":"Godkendt med 5 stemmer."'; then ok "an added rules file adapts the house style"; else no "added rules file: $rec"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
