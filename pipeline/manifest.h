/* manifest.h: a batch's memory of what it converted, as append-only JSON Lines.
 *
 * OUTDIR/manifest.jsonl gets one line per document a run finishes, converted or failed:
 *   {"key":"2012/x.pdf","path":"archive/2012/x.pdf","sha256":"…","size":123,
 *    "mtime_ns":…,"version":"0.1.0","rules":"<sha256 of the rule files>",
 *    "options":"<options that change a record>","outcome":"ok"|"<error code>","pages":9,
 *    "time":"2024-06-03T01:02:03Z"[,"jsonl_dev":…,"jsonl_ino":…,"jsonl_end":…]}
 * and, when a run opens a JSON Lines file, one mark line {"jsonl_dev":…,"jsonl_ino":…,
 * "jsonl_end":…} giving that file's size then. jsonl_end is the size of the JSON Lines file
 * (identified by device and inode) once the line of this document and all before it were
 * written, so a run that was killed can cut the file back to the last line the manifest knows.
 * A later line for the same key replaces an earlier one; a line that does not parse (the tail
 * of a killed write) is ignored. */
#ifndef MN_MANIFEST_H
#define MN_MANIFEST_H

#include <stdbool.h>

#include "util.h"

struct mn_error;
struct mn_manifest;

struct mn_manifest_entry {
    char *key;       /* owned */
    char *path;      /* owned */
    char sha256[65]; /* lowercase hex; "" when unknown (the input could not be read) */
    long long size;  /* bytes; -1 when unknown */
    long long mtime_ns;
    char *version;   /* owned */
    char *rules;     /* owned */
    char *options;   /* owned */
    char *outcome;   /* owned: "ok", or the error code */
    int pages;
};

/* Where a JSON Lines file stood after a line; 'dev' 0 and 'ino' 0 = no file. */
struct mn_jsonl_mark {
    long long dev, ino, end;
};

/* Returns a new, empty manifest. Never fails. Free with mn_manifest_free. */
struct mn_manifest *mn_manifest_new(void);
void mn_manifest_free(struct mn_manifest *m); /* accepts NULL */

/* Reads the manifest file at 'path' into 'm' (a missing file reads as empty).
 * Returns 0, or -1 with err set (MN_E_IO). */
int mn_manifest_load(struct mn_manifest *m, const char *path, struct mn_error *err) MN_WUR;

/* Reads one manifest line ('len' bytes, no newline needed) into 'm'. Returns false (and
 * changes nothing) when the line is not a manifest line. */
bool mn_manifest_add_line(struct mn_manifest *m, const char *line, size_t len);

/* The last entry for 'key', or NULL. Borrowed: valid until 'm' changes or is freed. */
const struct mn_manifest_entry *mn_manifest_find(const struct mn_manifest *m, const char *key);

/* Number of keys known. */
size_t mn_manifest_count(const struct mn_manifest *m);

/* The last recorded end of the JSON Lines file (dev, ino). Returns false when the manifest
 * has never seen that file. */
bool mn_manifest_jsonl_end(const struct mn_manifest *m, long long dev, long long ino,
                           long long *end);

/* Formats one manifest line, newline included. 'mark' may be NULL, and with e NULL the line is
 * a mark line. Returns a malloc'd string (free()). Never fails. */
char *mn_manifest_format(const struct mn_manifest_entry *e, const struct mn_jsonl_mark *mark);

/* Frees the members of 'e' (not 'e' itself). */
void mn_manifest_entry_release(struct mn_manifest_entry *e);

#endif
