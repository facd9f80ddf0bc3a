#!/usr/bin/env bash
# Feeding a records system (issue 15): the record's JSON Schema, stable ids, --format oparl
# against the OParl 1.1 schemas, 'minutes index' / 'batch --db' / 'minutes search' on SQLite
# (upsert, re-runs, failed loads, kill -9, Danish tokenising), and the PostgreSQL loader
# against a real server started here (skipped, and counted as skipped, only when PostgreSQL's
# binaries are absent). Inputs: ../shared (seeds, Ballerup) and up to four corpus PDFs when
# build/corpus exists. Ends with "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
M="$ROOT/build/${BUILD:-release}/minutes"
SHARED="$ROOT/../shared"
B="$SHARED/real/ballerup-2012-12-04"
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
VALIDATE="$PY $ROOT/schema/validate.py"
OPARL_SCHEMA="$SHARED/oparl/schema"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8
pass=0 fail=0 skip=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }
skipped() { echo "ok - $1 # SKIP $2"; skip=$((skip + 1)); }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
finish() {
  echo "$pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ]; exit
}

if [ ! -x "$M" ] || [ ! -d "$B" ]; then
  no "needs $M and $B"; finish
fi
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
  no "python3-jsonschema is installed (scripts/setup)"; finish
fi
tmp=$(mktemp -d); pgdir= AS_PG=
cleanup() {
  if [ -n "$pgdir" ] && [ -f "$pgdir/data/postmaster.pid" ]; then
    $AS_PG "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1
  fi
  [ -n "$pgdir" ] && rm -rf "$pgdir"
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp"
dump() { sqlite3 "$1" .dump; }
q() { sqlite3 "$1" "$2"; }

# ---- inputs ----------------------------------------------------------------------------------
mkdir -p docs
cp "$SHARED"/seeds/*.txt docs/
cp "$B"/1552814.PDF "$B"/1552816.PDF "$B"/1552817.PDF docs/
n=0
for pdf in "$ROOT"/build/corpus/pdf/seed-00[0-9]-A.pdf; do
  [ -f "$pdf" ] && [ $n -lt 4 ] || continue
  cp "$pdf" docs/; n=$((n + 1))
done
ndocs=$(ls docs | wc -l)

# ---- the schema -------------------------------------------------------------------------------
"$M" convert --pretty docs/000_*.txt > one.json
check "schema accepts a record" "$VALIDATE one.json > v.out"
"$PY" - one.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
bad = json.loads(json.dumps(d)); bad["items"][0]["order"] = "1"
json.dump(bad, open("wrongtype.json", "w"))
bad = json.loads(json.dumps(d)); del bad["meeting"]["id"]
json.dump(bad, open("missing.json", "w"))
bad = json.loads(json.dumps(d)); bad["items"][0]["public"] = None
json.dump(bad, open("nullbool.json", "w"))
EOF
check "schema rejects a wrong type (items[0].order a string)" \
  "! $VALIDATE wrongtype.json > v.out && grep -q 'not ok.*order' v.out"
check "schema rejects a missing required field (meeting.id)" \
  "! $VALIDATE missing.json > v.out && grep -q \"'id' is a required property\" v.out"
check "schema rejects null for a boolean (items[0].public)" "! $VALIDATE nullbool.json > v.out"

# ---- ids ----------------------------------------------------------------------------------------
"$M" convert docs/1552814.PDF > a.json && "$M" convert docs/1552814.PDF > b.json
ids() { "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1])); m = d["meeting"]
print(m["id"]); [print(p["id"]) for p in m["participants"] + m["absent"]]; [print(i["id"]) for i in d["items"]]' "$1"; }
check "two conversions give identical ids" "[ -s a.json ] && [ \"\$(ids a.json)\" = \"\$(ids b.json)\" ] && [ \$(ids a.json | wc -l) -gt 3 ]"

# ---- batch --db -----------------------------------------------------------------------------
"$M" batch -q -j 2 -o out --db db.sqlite docs; rc=$?
check "batch -o out --db db.sqlite over $ndocs documents exits 0" "[ $rc -eq 0 ]"
check "every record of the batch is valid against the schema" "$VALIDATE out > v.out"
check "the store holds one source per record" "[ \"\$(q db.sqlite 'SELECT count(*) FROM sources')\" = $ndocs ]"
"$PY" - out > expected-counts.txt <<'EOF'
import json, os, sys
items = people = sections = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".json"):
            d = json.load(open(os.path.join(root, f)))
            items += len(d["items"]); sections += sum(len(i["sections"]) for i in d["items"])
            people += len(d["meeting"]["participants"]) + len(d["meeting"]["absent"])
print(items, sections, people)
EOF
check "items, sections and people rows match the records" \
  "[ \"\$(q db.sqlite 'SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM sections), (SELECT count(*) FROM people)' | tr '|' ' ')\" = \"\$(cat expected-counts.txt)\" ]"
check "ids are distinct across the documents" \
  "[ \"\$(q db.sqlite 'SELECT count(*) FROM (SELECT id FROM meetings UNION ALL SELECT id FROM items UNION ALL SELECT id FROM people)')\" = \"\$(q db.sqlite 'SELECT count(*) FROM (SELECT id FROM meetings UNION SELECT id FROM items UNION SELECT id FROM people)')\" ]"
"$PY" - out > ids-all.txt <<'EOF'
import json, os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".json"):
            d = json.load(open(os.path.join(root, f))); m = d["meeting"]
            print(m["id"]); [print(p["id"]) for p in m["participants"] + m["absent"]]; [print(i["id"]) for i in d["items"]]
EOF
check "ids in the records are distinct ($(wc -l < ids-all.txt) ids)" "[ \$(sort ids-all.txt | uniq -d | wc -l) -eq 0 ] && [ \$(wc -l < ids-all.txt) -gt 50 ]"
check "integrity_check after the batch" "[ \"\$(q db.sqlite 'PRAGMA integrity_check')\" = ok ]"

# ---- search ---------------------------------------------------------------------------------
# a word that occurs in one item only, in its decision
"$PY" - out > unique.txt <<'EOF'
import json, os, re, sys, collections
where = collections.defaultdict(set); dec = {}
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        if not f.endswith(".json"):
            continue
        d = json.load(open(os.path.join(root, f)))
        for it in d["items"]:
            parts = [it["title"], it["decision"] or ""]
            for s in it["sections"]:
                parts += [s["text"]] + s["bullets"]
            if it["recommendation"]:
                parts += [it["recommendation"]["intro"]] + it["recommendation"]["points"]
            for w in re.findall(r"\w+", " ".join(parts).lower()):
                where[w].add(it["id"])
            dec[it["id"]] = set(re.findall(r"\w+", (it["decision"] or "").lower()))
cands = sorted(w for w, ids in where.items()
               if len(ids) == 1 and len(w) >= 7 and w.isalpha() and w in dec[next(iter(ids))])
if cands:
    w = cands[len(cands) // 2]
    print(w, next(iter(where[w])))
EOF
read -r word word_item < unique.txt
if [ -n "${word:-}" ]; then
  "$M" search --json db.sqlite "$word" > hits.jsonl
  check "search '$word' (only in one item's decision) returns that item first" \
    "[ \"\$(head -1 hits.jsonl | $PY -c 'import json,sys; print(json.load(sys.stdin)[\"item_id\"])')\" = $word_item ]"
  check "search --in decision finds it too, --in title does not" \
    "\"$M\" search --json --in decision db.sqlite '$word' | grep -q $word_item && [ -z \"\$(\"$M\" search --json --in title db.sqlite '$word')\" ]"
  check "search marks the match in the snippet" "head -1 hits.jsonl | grep -qi '\[$word\]'"
  pre=${word:0:5}
  check "prefix search '$pre*' finds the item" "\"$M\" search --json --limit 1000 db.sqlite '$pre*' | grep -q $word_item"
  check "search --from after every meeting finds nothing" "[ -z \"\$(\"$M\" search --json --from 2099-01-01 db.sqlite '$word')\" ]"
  check "search --body with another body finds nothing" "[ -z \"\$(\"$M\" search --json --body 'Ingen Sådan Komité' db.sqlite '$word')\" ]"
else
  no "found a word that occurs in one item's decision only"
fi
"$M" search db.sqlite takst > plain.txt 2>&1
check "search prints date, body, item number and title, snippet and source" \
  "grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}  .*  punkt [0-9.]+: ' plain.txt && grep -q '\[[Tt]akst' plain.txt && grep -q 'page [0-9]' plain.txt"

# ---- re-runs, replacement, failed loads ---------------------------------------------------------
dump db.sqlite > dump1.sql
"$M" batch -q -j 2 -o out --db db.sqlite docs
dump db.sqlite > dump2.sql
check "re-running batch --db changes no row" "cmp -s dump1.sql dump2.sql"
"$M" index -q db.sqlite out; rc=$?
dump db.sqlite > dump3.sql
check "index of the same OUTDIR again exits 0 and changes no row" "[ $rc -eq 0 ] && cmp -s dump1.sql dump3.sql"
"$M" batch -q -j 2 -o out --force --db db.sqlite docs
dump db.sqlite > dump4.sql
check "batch --force (the same records again) changes no row" "cmp -s dump1.sql dump4.sql"
"$M" batch -q -j 1 --db fresh.sqlite -o out docs
check "a new store given to a re-run catches up with OUTDIR" "[ \"\$(q fresh.sqlite 'SELECT count(*) FROM sources')\" = $ndocs ]"
old=$(ls out/*.json | tail -1)
"$PY" - "$old" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))   # a record from before ids
del d["meeting"]["id"]
for it in d["items"]: del it["id"]
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, indent=2)
EOF
"$M" batch -q -j 1 --db upgrade.sqlite -o out docs; rc=$?
check "a record from before ids in OUTDIR is converted again by batch --db" \
  "[ $rc -eq 0 ] && [ \"\$(q upgrade.sqlite 'SELECT count(*) FROM sources')\" = $ndocs ] && grep -q '\"id\"' \"$old\""

rec=$(ls out/*.json | head -1)
"$PY" - "$rec" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["items"][0]["title"] = "Omdøbt punkt zyxwvutsrq"
json.dump(d, open("changed.json", "w"), ensure_ascii=False)
d["items"][0]["title"] = "broken"
if len(d["items"]) > 1:
    d["items"][1]["id"] = d["items"][0]["id"]   # a duplicate id: the load fails half-way
json.dump(d, open("dup.json", "w"), ensure_ascii=False)
EOF
sha=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["source"]["sha256"])' "$rec")
before=$(q db.sqlite "SELECT count(*) FROM items; SELECT count(*) FROM sections; SELECT count(*) FROM sources")
"$M" index -q db.sqlite changed.json
check "a re-converted record replaces its source's rows (nothing duplicates)" \
  "[ \"\$(q db.sqlite \"SELECT count(*) FROM items; SELECT count(*) FROM sections; SELECT count(*) FROM sources\")\" = \"\$before\" ] && [ \"\$(q db.sqlite \"SELECT title FROM items WHERE sha256 = '$sha' AND ord = 1\")\" = 'Omdøbt punkt zyxwvutsrq' ]"
check "the full-text index follows the replacement" \
  "[ \$(\"$M\" search --json --in title db.sqlite zyxwvutsrq | grep -c Omdøbt) -eq 1 ]"
dump db.sqlite > dump5.sql
"$M" index -q db.sqlite dup.json 2> dup.err; rc=$?
dump db.sqlite > dump6.sql
check "a load that fails half-way exits non-zero and leaves the DB unchanged" \
  "[ $rc -ne 0 ] && [ -s dup.err ] && cmp -s dump5.sql dump6.sql"
echo '{"not": "a record"}' > junk.json
printf '%s\n' '{"schema_version":1' > junk.jsonl
"$M" index -q db.sqlite junk.json junk.jsonl; rc=$?
dump db.sqlite > dump7.sql
check "index skips what is no record (exit 1) and changes nothing" "[ $rc -eq 1 ] && cmp -s dump5.sql dump7.sql"
cat out/*.json | "$PY" -c '
import json, sys
dec = json.JSONDecoder(); s = sys.stdin.read(); i = 0
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    o, i = dec.raw_decode(s, i); print(json.dumps(o, ensure_ascii=False))' > all.jsonl
"$M" index -q lines.sqlite all.jsonl
check "index reads .jsonl (one record a line)" "[ \"\$(q lines.sqlite 'SELECT count(*) FROM sources')\" = $ndocs ]"

# ---- Danish tokenising ------------------------------------------------------------------------
"$PY" - "$rec" <<'EOF'
import json, sys, hashlib
d = json.load(open(sys.argv[1]))
sha = hashlib.sha256(b"danish tokenising test").hexdigest()
d["source"]["sha256"] = sha
hid = lambda k: hashlib.sha256((sha + "/" + k).encode()).hexdigest()[:16]
d["meeting"]["id"] = hid("meeting/1")
for n, p in enumerate(d["meeting"]["participants"], 1): p["id"] = hid("participant/%d" % n)
for n, p in enumerate(d["meeting"]["absent"], 1): p["id"] = hid("absent/%d" % n)
for it in d["items"]: it["id"] = hid("item/%d" % it["order"])
d["items"][0]["decision"] = "Udvalget får en bevillingsramme for året på Ærø. Idéen om en café blev godkendt."
json.dump(d, open("danish.json", "w"), ensure_ascii=False)
EOF
"$M" index -q dk.sqlite danish.json
hits() { "$M" search --json --in decision dk.sqlite "$1" | wc -l; }
check "'får' finds får; 'far' does not (å kept distinct)" "[ \$(hits får) -eq 1 ] && [ \$(hits far) -eq 0 ]"
check "'året' finds året; 'aret' does not" "[ \$(hits året) -eq 1 ] && [ \$(hits aret) -eq 0 ]"
check "'ÆRØ' finds Ærø (case folded, æ and ø kept); 'aero' and 'æro' do not" \
  "[ \$(hits ÆRØ) -eq 1 ] && [ \$(hits aero) -eq 0 ] && [ \$(hits æro) -eq 0 ]"
check "prefix 'bevilling*' finds bevillingsramme" "[ \$(hits 'bevilling*') -eq 1 ]"
check "a query of punctuation only is a usage error" "\"$M\" search dk.sqlite '\"*' 2>/dev/null; [ \$? -eq 2 ]"

# ---- kill -9 in the middle of a batch --db ---------------------------------------------------
mkdir many
for i in $(seq 1 8); do
  for f in "$SHARED"/seeds/*.txt; do
    { cat "$f"; printf '\nKopi %d\n' "$i"; } > "many/$(basename "$f" .txt)-$i.txt"
  done
done
"$M" batch -q -j 2 --db killed.sqlite many & bpid=$!
for _ in $(seq 1 100); do
  sleep 0.1
  [ "$(sqlite3 killed.sqlite 'SELECT count(*) FROM sources' 2>/dev/null || echo 0)" -ge 3 ] && break
done
kill -9 $bpid 2>/dev/null; wait $bpid 2>/dev/null
total=$(ls many | wc -l)
got=$(q killed.sqlite 'SELECT count(*) FROM sources')
check "kill -9 mid-run: the DB opens and passes integrity_check (holds $got of $total)" \
  "[ \"\$(q killed.sqlite 'PRAGMA integrity_check')\" = ok ] && [ $got -gt 0 ] && [ $got -lt $total ]"
check "kill -9 mid-run: the FTS index is consistent" \
  "q killed.sqlite \"INSERT INTO items_fts(items_fts, rank) VALUES('integrity-check', 1)\""
"$M" batch -q -j 2 --db full.sqlite many
# whole documents only: every source's rows equal those of the complete run
check "kill -9 mid-run: every document in the DB is whole" "[ -z \"\$(sqlite3 killed.sqlite \"ATTACH 'full.sqlite' AS f;
  SELECT s.sha256 FROM sources s WHERE
    (SELECT count(*) FROM items WHERE sha256 = s.sha256) != (SELECT count(*) FROM f.items WHERE sha256 = s.sha256)
    OR (SELECT count(*) FROM sections WHERE sha256 = s.sha256) != (SELECT count(*) FROM f.sections WHERE sha256 = s.sha256)
    OR (SELECT count(*) FROM attendance WHERE sha256 = s.sha256) != (SELECT count(*) FROM f.attendance WHERE sha256 = s.sha256)
    OR (SELECT count(*) FROM warnings WHERE sha256 = s.sha256) != (SELECT count(*) FROM f.warnings WHERE sha256 = s.sha256)
    OR (SELECT count(*) FROM meetings WHERE sha256 = s.sha256) != 1;
  SELECT 'orphan' FROM items WHERE sha256 NOT IN (SELECT sha256 FROM sources) LIMIT 1;\")\" ]"
"$M" batch -q -j 2 --db killed.sqlite many
check "the killed DB completes on a re-run" "[ \"\$(q killed.sqlite 'SELECT count(*) FROM sources')\" = $total ]"

# ---- OParl ------------------------------------------------------------------------------------
"$M" batch -q -j 2 --format oparl --pretty -o oparl docs; rc=$?
check "batch --format oparl exits 0" "[ $rc -eq 0 ]"
check "every OParl output is valid against ../shared/oparl (Meeting, AgendaItem, Person, File)" \
  "$VALIDATE --oparl $OPARL_SCHEMA oparl > v.out"
"$M" convert --format oparl --base-url https://arkiv.example.dk/oparl/ docs/1552814.PDF > op.json
check "convert --format oparl --base-url is valid, ids under the base URL" \
  "$VALIDATE --oparl $OPARL_SCHEMA op.json > v.out && grep -q '\"id\":\"https://arkiv.example.dk/oparl/meeting/' op.json"
"$PY" - op.json a.json <<'EOF' > op-check.txt
import json, sys
o = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
m = o["data"][0]
assert m["type"].endswith("/Meeting") and m["id"].endswith("/meeting/" + r["meeting"]["id"])
assert [a["order"] for a in m["agendaItem"]] == [i["order"] for i in r["items"]]
assert [a.get("name") for a in m["agendaItem"]] == [i["title"] or None for i in r["items"]]
assert [a.get("resolutionText") for a in m["agendaItem"]] == [i["decision"] or None for i in r["items"]]
persons = [d for d in o["data"] if d["type"].endswith("/Person")]
assert len(persons) == len(r["meeting"]["participants"]) + len(r["meeting"]["absent"])
assert len(m.get("participant", [])) == len(r["meeting"]["participants"])
f = m.get("resultsProtocol") or m.get("invitation") or m["auxiliaryFile"][0]
assert f["type"].endswith("/File") and r["source"]["sha256"] in f["id"]
print("ok")
EOF
check "OParl carries the record's items, decisions, people and source file" "grep -qx ok op-check.txt"
"$PY" -c '
import json
o = json.load(open("op.json")); del o["data"][0]["agendaItem"][0]["order"]
json.dump(o, open("op-bad.json", "w"))'
check "the OParl check rejects an AgendaItem without order" \
  "! $VALIDATE --oparl $OPARL_SCHEMA op-bad.json > v.out && grep -q \"'order' is a required property\" v.out"

# ---- PostgreSQL ----------------------------------------------------------------------------------
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ] || ! command -v psql >/dev/null ||
   { [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; }; then
  skipped "PostgreSQL loader" "no $PGBIN/initdb (scripts/setup installs postgresql)"
  finish
fi
# postgres refuses to run as root: as root, the server runs as the user postgres
pgdir=$(mktemp -d /tmp/minutes-pg.XXXXXX)
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" -eq 0 ]; then AS_PG="runuser -u postgres --"; chown postgres "$pgdir"; else AS_PG=""; fi
if ! $AS_PG "$PGBIN/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$pgdir/initdb.log" 2>&1 ||
   ! $AS_PG "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
       -o "-k $pgdir -p $port -c listen_addresses= -c fsync=off" start >/dev/null 2>&1; then
  no "a PostgreSQL server starts in $pgdir ($(tail -3 "$pgdir/initdb.log" "$pgdir/log" 2>/dev/null | tr '\n' ' '))"
  finish
fi
ok "a PostgreSQL server runs in a temporary folder (port $port)"
URL="postgresql:///postgres?host=$pgdir&port=$port&user=postgres"
psql_() { psql -X -q -At "$URL" -c "$1"; }
"$M" index -q "$URL" out; rc=$?
check "index postgresql://... loads the batch's OUTDIR" "[ $rc -eq 0 ] && [ \"\$(psql_ 'SELECT count(*) FROM sources')\" = $ndocs ]"
check "PostgreSQL holds the same rows as SQLite" \
  "[ \"\$(psql_ 'SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM sections), (SELECT count(*) FROM people)' | tr '|' ' ')\" = \"\$(cat expected-counts.txt)\" ]"
pgdump() { psql_ "SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (SELECT row(i.*)::text AS t FROM items i UNION ALL SELECT row(s.*)::text FROM sections s UNION ALL SELECT row(p.*)::text FROM people p UNION ALL SELECT row(a.*)::text FROM attendance a UNION ALL SELECT row(w.*)::text FROM warnings w UNION ALL SELECT row(x.*)::text FROM sources x) z"; }
d1=$(pgdump)
"$M" index -q "$URL" out
check "re-running the PostgreSQL load changes no row" "[ \"\$(pgdump)\" = '$d1' ]"
"$M" index -q "$URL" changed.json
check "PostgreSQL: a re-converted record replaces its rows" \
  "[ \"\$(psql_ \"SELECT count(*) FROM items WHERE sha256 = '$sha'\")\" = \"\$(q db.sqlite \"SELECT count(*) FROM items WHERE sha256 = '$sha'\")\" ] && [ \"\$(psql_ \"SELECT title FROM items WHERE sha256 = '$sha' AND ord = 1\")\" = 'Omdøbt punkt zyxwvutsrq' ]"
d2=$(pgdump)
"$M" index -q "$URL" dup.json 2>/dev/null; rc=$?
check "PostgreSQL: a load that fails half-way leaves the DB unchanged" "[ $rc -ne 0 ] && [ \"\$(pgdump)\" = '$d2' ]"
if [ -n "${word:-}" ]; then
  # stemmed: the word's stem may occur in other items too, so the item is among the hits
  check "PostgreSQL full text ('danish'): '$word' finds its item" \
    "psql_ \"SELECT id FROM items WHERE tsv @@ plainto_tsquery('danish', '$word')\" | grep -qx $word_item"
fi
"$M" index -q "$URL" danish.json
check "PostgreSQL 'danish' stems: 'bevillingsrammen' finds bevillingsramme, 'far' does not find får" \
  "[ \"\$(psql_ \"SELECT count(*) FROM items WHERE tsv @@ plainto_tsquery('danish', 'bevillingsrammen')\")\" -ge 1 ] && [ \"\$(psql_ \"SELECT count(*) FROM items WHERE tsv @@ to_tsquery('danish', 'far') AND decision LIKE '%får%'\")\" = 0 ]"
check "PostgreSQL: the README's query (websearch_to_tsquery, ts_headline) finds the item" \
  "psql_ \"SELECT i.number, ts_headline('danish', i.decision, q) FROM items i JOIN meetings m ON m.id = i.meeting_id, websearch_to_tsquery('danish', 'bevillingsrammen Ærø') q WHERE i.tsv @@ q ORDER BY ts_rank(i.tsv, q) DESC LIMIT 20\" | grep -q '<b>bevillingsramme</b>'"
check "PostgreSQL prefix search 'bevilling:*'" \
  "[ \"\$(psql_ \"SELECT count(*) FROM items WHERE tsv @@ to_tsquery('danish', 'bevilling:*')\")\" -ge 1 ]"
finish
