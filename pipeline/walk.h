/* walk.h: the input set of a batch: files and folders walked, each input named by a key.
 *
 * An input's key is its name inside the batch: the output record is the key with its extension
 * replaced by ".json" (OUTDIR/<key without extension>.json), the manifest is keyed by it, and
 * shards are cut by its hash. Keys never start with '/' and never contain "." or ".."
 * components or empty ones:
 *   - a file found under a folder given as PATH is keyed relative to that folder
 *     ('minutes batch archive' finds archive/2012/x.pdf, key "2012/x.pdf");
 *   - a file given itself (on the command line or in a '-' list) is keyed by its path as given
 *     when that is relative and has no ".." ("a/b/x.pdf", "./x.pdf" gives "x.pdf"), else by its
 *     absolute, resolved path without the leading '/' ("/srv/a/x.pdf" gives "srv/a/x.pdf").
 * A folder contributes every regular file (symbolic links to files included) whose name ends
 * in .pdf or .txt, in any case; hidden entries (".name") are skipped and symbolic links to
 * folders are not followed, so a walk always ends. */
#ifndef MN_WALK_H
#define MN_WALK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct mn_error;
struct mn_buf;

struct mn_input {
    char *path; /* owned: the path to open */
    char *key;  /* owned: the input's name in the batch (see above) */
};

struct mn_inputs {
    struct mn_input *v;
    size_t n, alloc;
};

#define MN_INPUTS_INIT {0}
void mn_inputs_release(struct mn_inputs *in); /* frees every entry; leaves 'in' empty */

/* Adds 'path': a folder is walked recursively, anything else (a file, or a path that does not
 * exist, which then fails as that document's 'io' error) is added as one input.
 * Returns 0, or -1 with err set (MN_E_IO: a folder that cannot be read). */
int mn_inputs_add(struct mn_inputs *in, const char *path, struct mn_error *err) MN_WUR;

/* Adds every path of 'f', one per line ('\n' or "\r\n"; blank lines are skipped), as
 * mn_inputs_add does. Returns 0, or -1 with err set. */
int mn_inputs_add_list(struct mn_inputs *in, FILE *f, struct mn_error *err) MN_WUR;

/* Sorts the inputs by key and drops repeats of the same path under the same key. Fails with
 * MN_E_USAGE when two different inputs would write the same record (same key without its
 * extension: 'a/x.pdf' and 'a/x.txt', or one name under two folders given as PATHs).
 * Returns 0, or -1 with err set. */
int mn_inputs_finish(struct mn_inputs *in, struct mn_error *err) MN_WUR;

/* Keeps only the inputs of shard 'k' of 'n' (1 <= k <= n): those whose mn_shard_hash(key)
 * modulo n is k - 1. Never fails. */
void mn_inputs_shard(struct mn_inputs *in, int k, int n);

/* Pure helpers. */
/* True when a file named 'name' is taken from a folder: ends in .pdf or .txt, any case. */
bool mn_walk_wanted(const char *name);
/* The key of a file given itself (see above); 'path' relative or absolute. Returns a malloc'd
 * string (free()), or NULL when the path names no file (empty, or only "/" and "."). */
char *mn_walk_key(const char *path);
/* Appends to 'out' the record's name for 'key': the key with its extension (the part after
 * the last '.' of the last component, if any) replaced by ".json". */
void mn_walk_output_name(const char *key, struct mn_buf *out);
/* 64-bit FNV-1a of 'key': stable across machines and versions (shards depend on it). */
uint64_t mn_shard_hash(const char *key);

#endif
