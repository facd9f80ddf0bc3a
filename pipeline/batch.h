/* batch.h: converting many documents, each in its own worker process, resumably.
 *
 * mn_batch_run forks one worker per document from a process whose struct mn_ctx is already
 * built (rules compiled once), at most 'jobs' at a time. A worker converts its document under
 * an address-space cap and sends the record (or its error) back through a pipe; the parent
 * kills it after 'timeout' seconds. Only the parent writes outputs, each one complete:
 *   OUTDIR/<key without extension>.json   the record (temporary name, fsync, rename)
 *   OUTDIR/errors.jsonl                   one line per failed document (walk.h: keys)
 *   OUTDIR/manifest.jsonl                 one line per finished document (manifest.h)
 *   the JSON Lines stream                 one complete line per converted document
 * A document is converted again only when it is new, its bytes, the converter's version, the
 * rules or the record-changing options differ from its manifest line, or its record file is
 * gone; 'force' converts everything. Failures are not retried unless 'retry_errors'.
 *
 * The library prints nothing: what happens is reported through the notify callback.
 *
 * Test-only hooks (environment, read by the workers; documented in README.md):
 *   MINUTES_TEST_CRASH=S  a worker whose path contains S raises SIGSEGV as extract starts
 *   MINUTES_TEST_HANG=S   ... sleeps forever (for --timeout)
 *   MINUTES_TEST_OOM=S    ... allocates until the address-space cap stops it */
#ifndef MN_BATCH_H
#define MN_BATCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_ctx;
struct mn_error;
struct mn_inputs;
struct mn_store;

struct mn_batch_options {
    const char *outdir;   /* NULL: no record files, no manifest, no errors.jsonl */
    const char *jsonl;    /* NULL, "-" (standard output) or a file (appended to) */
    bool no_files;        /* with outdir: keep the manifest and errors.jsonl, no record files */
    int jobs;             /* workers at a time, >= 1 */
    int timeout;          /* seconds per document; 0 = none */
    long long mem_limit;  /* bytes of address space per worker; 0 = none */
    bool force;           /* convert everything, whatever the manifest says */
    bool retry_errors;    /* convert again the unchanged documents that failed before */
    int shard_k, shard_n; /* only for the lock's name: the inputs are already sharded; n 0 = none */
    const char *version;  /* the converter's version, recorded in the manifest */
    const volatile sig_atomic_t *stop; /* may be NULL; when it turns non-zero the run kills its
                                          workers, records nothing for them and returns */
    bool oparl;           /* record files and JSON Lines as OParl (oparl.h), rendered by the
                             parent from the record the worker sent */
    const char *base_url; /* for oparl: NULL = URNs */
    struct mn_store *store; /* NULL, or (borrowed) every converted record is loaded into it by
                               the parent, after the files and before the manifest line; an
                               unchanged document's record file (not with oparl or no_files)
                               is loaded too, so a new store catches up with OUTDIR */
};

/* One finished document, as reported to the notify callback. Everything is borrowed for the
 * duration of the call. */
struct mn_batch_doc {
    const char *path;
    const char *key;
    const char *outcome; /* "ok", or an error code: those of err.h, "crash", "timeout", "oom" */
    const char *message; /* for failures: human text; else NULL */
    const char *stage;   /* for failures: "input", a stage name, or "worker"; else NULL */
    int pages;
};

struct mn_batch_stats {
    size_t total;            /* inputs of the run */
    size_t todo;             /* of which to convert */
    size_t unchanged;        /* of which converted by an earlier run and unchanged */
    size_t unchanged_failed; /* of which failed in an earlier run and unchanged */
    size_t converted;        /* converted by this run so far */
    size_t failed;           /* failed in this run so far */
    long pages;              /* pages of the documents converted by this run */
    double elapsed;          /* seconds since the first worker started */
    bool interrupted;        /* the run was stopped through 'stop' */
};

/* Called once when the run knows what to do (doc NULL), once per finished document, and
 * about twice a second while workers run (doc NULL). */
typedef void (*mn_batch_notify_fn)(void *arg, const struct mn_batch_stats *st,
                                   const struct mn_batch_doc *doc);

/* Converts 'in' (borrowed; keys as walk.h makes them). 'notify' may be NULL; *st is filled.
 * Returns 0 when the run went through, whether or not documents failed (st says), or -1 with
 * err set when it could not go on: MN_E_IO (an output cannot be written, OUTDIR is in use by
 * another run), MN_E_INTERNAL (fork failed with no worker running). */
int mn_batch_run(struct mn_ctx *ctx, const struct mn_batch_options *opt,
                 const struct mn_inputs *in, mn_batch_notify_fn notify, void *arg,
                 struct mn_batch_stats *st, struct mn_error *err) MN_WUR;

/* The options that change a record, as one string for the manifest. Never fails; returns a
 * malloc'd string (free()). */
char *mn_batch_options_fingerprint(const struct mn_ctx *ctx);

#endif
