#!/usr/bin/python3
"""schema/validate.py: validate minutes output with a real JSON Schema validator.

  validate.py [--schema FILE] PATH...          records (schema/record.schema.json by default)
  validate.py --oparl DIR PATH...              --format oparl output against the OParl 1.1
                                               schemas in DIR (../shared/oparl/schema)
  --unique-ids                                 also: the ids of meetings, items and people are
                                               distinct across all the records (the same
                                               source sha256 twice is one document, not a clash)

A PATH is a .json file (one record or OParl document; an empty file is skipped: a failed
conversion leaves one, and its own test reports it), a .jsonl file (one per line) or a folder
(its *.json and *.jsonl files but manifest.jsonl and errors.jsonl). Prints one "not ok - "
line per invalid document and a closing line "validated N documents: M invalid"; exit 1 when
any is invalid or nothing was validated. Needs Debian's python3-jsonschema (scripts/setup)."""
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("validate.py: python3-jsonschema is missing (run scripts/setup as root)", file=sys.stderr)
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))


def documents(path):
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for f in sorted(files):
                if f in ("manifest.jsonl", "errors.jsonl") or f.startswith("."):
                    continue
                if f.endswith(".json") or f.endswith(".jsonl"):
                    yield from documents(os.path.join(root, f))
        return
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if path.endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield "%s:%d" % (path, n), line
    elif text.strip():
        yield path, text


def where(e):
    return "/" + "/".join(str(p) for p in e.absolute_path)


URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+|file:///[^\s]*)$")


def oparl_validators(d):
    vs = {}
    for f in os.listdir(d):
        if f.endswith(".json"):
            s = json.load(open(os.path.join(d, f)))
            cls = jsonschema.validators.validator_for(s, default=jsonschema.Draft7Validator)
            vs["https://schema.oparl.org/1.1/" + f[:-5]] = cls(s)
    return vs


def check_oparl(doc, vs):
    """Every object with an OParl 'type', however deeply embedded, against its schema, and
    every 'id' and url-formatted reference as a URL (validators do not check format: url)."""
    errors = []

    def visit(o, at):
        if isinstance(o, dict):
            t = o.get("type")
            if isinstance(t, str) and t.startswith("https://schema.oparl.org/"):
                v = vs.get(t)
                if not v:
                    errors.append("%s: unknown type %s" % (at, t))
                else:
                    for e in v.iter_errors(o):
                        errors.append("%s%s: %s" % (at, where(e), e.message))
                if not isinstance(o.get("id"), str) or not URL.match(o["id"]):
                    errors.append("%s/id: not a URL: %r" % (at, o.get("id")))
            for k, x in o.items():
                if k in ("meeting", "participant", "accessUrl", "downloadUrl", "organization", "person", "body"):
                    for u in x if isinstance(x, list) else [x]:
                        if isinstance(u, str) and not URL.match(u):
                            errors.append("%s/%s: not a URL: %r" % (at, k, u))
                visit(x, at + "/" + k)
        elif isinstance(o, list):
            for i, x in enumerate(o):
                visit(x, "%s/%d" % (at, i))

    visit(doc, "")
    if not errors and not any(isinstance(o, dict) and o.get("type") == "https://schema.oparl.org/1.1/Meeting"
                              for o in doc.get("data", [])):
        errors.append("no Meeting object in data")
    return errors


def main(argv):
    schema_path = os.path.join(HERE, "record.schema.json")
    oparl = None
    unique = False
    seen = {}
    clashes = 0
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--schema":
            schema_path = argv[i + 1]
            i += 2
        elif argv[i] == "--unique-ids":
            unique = True
            i += 1
        elif argv[i] == "--oparl":
            oparl = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if oparl:
        vs = oparl_validators(oparl)
    else:
        schema = json.load(open(schema_path))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    n = bad = 0
    for path in args:
        for name, text in documents(path):
            n += 1
            try:
                doc = json.loads(text)
            except ValueError as e:
                bad += 1
                print("not ok - %s: not JSON: %s" % (name, e))
                continue
            if oparl:
                errs = check_oparl(doc, vs)
            else:
                errs = ["%s: %s" % (where(e), e.message) for e in validator.iter_errors(doc)]
            if errs:
                bad += 1
                print("not ok - %s: %s" % (name, "; ".join(errs[:3])))
            elif unique and not oparl:
                m = doc["meeting"]
                sha = doc["source"]["sha256"]
                ids = [m["id"]] + [p["id"] for p in m["participants"] + m["absent"]] + \
                      [it["id"] for it in doc["items"]]
                for x in ids:
                    other = seen.setdefault(x, (sha, name))
                    if other[0] != sha:
                        clashes += 1
                        print("not ok - %s: id %s also in %s" % (name, x, other[1]))
    summary = "validated %d documents: %d invalid" % (n, bad)
    if unique:
        summary += "; %d distinct ids, %d shared by two documents" % (len(seen), clashes)
    print(summary)
    return 1 if bad or clashes or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
