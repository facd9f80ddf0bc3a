/* store.h: loading records into a database and searching them (README.md, "Feeding a
 * records system").
 *
 * A store is a SQLite file (the default) or a PostgreSQL server (a target that starts with
 * "postgresql://" or "postgres://", pgstore.c). Both hold the same tables: sources, meetings,
 * items, sections, people, attendance, warnings (schema in store.c and pgstore.c). A record is
 * loaded in one transaction, keyed by its source's sha256: a record whose source is already
 * in the store replaces that source's rows, an identical record changes nothing, and a load
 * that fails leaves the store as it was.
 *
 * Only one process writes a store at a time from 'minutes' (batch: the parent, never the
 * workers). */
#ifndef MN_STORE_H
#define MN_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_error;
struct mn_store;

/* What a load did with one record. */
enum mn_store_outcome {
    MN_STORE_LOADED,    /* new, or replaced the rows of the same source */
    MN_STORE_UNCHANGED, /* the same record was already there: nothing written */
    MN_STORE_REJECTED,  /* not a record of schema_version 1 with ids (err says why): nothing
                           written; the store stays usable */
};

/* True when 'target' names a PostgreSQL server rather than a SQLite file. */
bool mn_store_is_postgres(const char *target);

/* Opens (and creates the tables of) the store at 'target'; 'readonly' opens an existing one
 * for searching, without writing to it. On success *out is the store (free with
 * mn_store_free). Returns 0, or -1 with err set (MN_E_IO). */
int mn_store_open(const char *target, bool readonly, struct mn_store **out,
                  struct mn_error *err) MN_WUR;
void mn_store_free(struct mn_store *s); /* accepts NULL */

/* Loads one record, 'len' bytes of JSON (compact or indented). *outcome says what happened.
 * Returns 0 (loaded, unchanged or rejected), or -1 with err set when the store failed
 * (MN_E_IO: disk full, locked, connection lost): the transaction is rolled back. */
int mn_store_load(struct mn_store *s, const char *json, size_t len,
                  enum mn_store_outcome *outcome, struct mn_error *err) MN_WUR;

/* Counts of a load run. */
struct mn_store_stats {
    size_t files;     /* files read */
    size_t loaded;    /* records loaded (new or replaced) */
    size_t unchanged; /* records already in the store */
    size_t rejected;  /* lines or files that are no records */
};

/* Called after every record of mn_store_load_paths (name: "file" or "file:line"; message is
 * NULL, or the reason when the record was rejected). */
typedef void (*mn_store_notify_fn)(void *arg, const struct mn_store_stats *st, size_t nfiles,
                                   const char *name, enum mn_store_outcome outcome,
                                   const char *message);

/* Loads every record under 'paths': a .json file is one record, a .jsonl file one per line, a
 * folder (a batch's OUTDIR) every .json and .jsonl file under it but manifest.jsonl and
 * errors.jsonl. Returns 0 when the run went through (st says what was rejected), or -1 with
 * err set (MN_E_IO: a path cannot be read, the store failed). */
int mn_store_load_paths(struct mn_store *s, int npaths, char **paths, mn_store_notify_fn notify,
                        void *arg, struct mn_store_stats *st, struct mn_error *err) MN_WUR;

/* Full-text search (SQLite stores). */
enum mn_search_in { MN_SEARCH_ALL, MN_SEARCH_TITLE, MN_SEARCH_DECISION, MN_SEARCH_RECOMMENDATION };

struct mn_search_query {
    const char *text;  /* words; all must occur; a word ending in '*' is a prefix */
    const char *body;  /* NULL, or only meetings of this body (exact, case-insensitive) */
    const char *from;  /* NULL, or meetings on or after this date (YYYY-MM-DD) */
    const char *to;    /* NULL, or on or before */
    enum mn_search_in in;
    int limit;         /* >= 1 */
    const char *mark_open, *mark_close; /* around each match in the snippet */
};

struct mn_search_hit {
    char *item_id, *date, *body, *number, *title, *snippet, *path;
    int page;     /* 0 = null */
    double score; /* bm25: lower is better */
};

struct mn_search_hits {
    struct mn_search_hit *v;
    size_t n, alloc;
};

/* Runs 'q' and appends the hits, best first, to 'hits' (release with
 * mn_search_hits_release). Returns 0, or -1 with err set (MN_E_USAGE: an empty query or a
 * PostgreSQL store; MN_E_IO: the store failed). */
int mn_store_search(struct mn_store *s, const struct mn_search_query *q,
                    struct mn_search_hits *hits, struct mn_error *err) MN_WUR;
void mn_search_hits_release(struct mn_search_hits *hits);

/* Pure helper: the FTS5 query for the words of 'text' (each a quoted string; a trailing '*'
 * kept as a prefix), limited to the column of 'in', into 'out' (appended). Returns 0, or -1
 * when 'text' holds no word. */
struct mn_buf;
int mn_search_fts_query(const char *text, enum mn_search_in in, struct mn_buf *out) MN_WUR;

#endif
