/* main_store.h: the 'minutes index' and 'minutes search' commands, and what 'convert' and
 * 'batch' need for --format oparl and --db: the CLI side of store.h and oparl.h (linked into
 * the binary only: it prints and chooses exit statuses). Options are parsed in main.c. */
#ifndef MN_MAIN_STORE_H
#define MN_MAIN_STORE_H

#include <stdbool.h>

#include "store.h"

struct mn_batch_options;

struct mn_cli_store {
    bool oparl;           /* --format oparl */
    const char *base_url; /* --base-url */
    const char *db;       /* batch --db */
    struct mn_search_query q; /* search: body, from, to, in, limit (text from the arguments) */
    bool json;            /* search --json */
    bool time;            /* search --time: the time of opening the DB and the query, on stderr */
    const char *store_only; /* an index/search option given, for the error of other commands */
};

void mn_cli_store_default(struct mn_cli_store *cs);

/* 'minutes index DB PATH...' and 'minutes search DB QUERY': return the exit status. */
int mn_cli_index(const struct mn_cli_store *cs, bool quiet, int nargs, char **args);
int mn_cli_search(struct mn_cli_store *cs, int nargs, char **args);

/* --format oparl for 'convert': replaces the record in *out (malloc'd, *len bytes) by its OParl
 * rendering. Returns 0, or an exit status after printing the error. */
int mn_cli_oparl(const struct mn_cli_store *cs, bool pretty, char **out, size_t *len);

/* For 'batch': opens the --db store into bo->store and sets the OParl options. Returns -1 on
 * success, else an exit status after printing the error. mn_cli_batch_done closes the store. */
int mn_cli_batch_store(const struct mn_cli_store *cs, struct mn_batch_options *bo);
void mn_cli_batch_done(struct mn_batch_options *bo);

#endif
