/* store_impl.h: what store.c (the loader, SQLite) and pgstore.c (PostgreSQL) share. Private to
 * those two files. */
#ifndef MN_STORE_IMPL_H
#define MN_STORE_IMPL_H

#include <stdbool.h>

#include "util.h"

struct mn_error;
struct mn_store;

/* A backend runs SQL whose parameters are written $1, $2, ... in order of first use (both
 * SQLite and PostgreSQL read that form); a parameter is text or NULL (SQL NULL), converted by
 * the column's type. 'sql' must be a string literal: backends cache statements by its
 * address. */
struct mn_store_ops {
    const char *begin_sql; /* "BEGIN IMMEDIATE" / "BEGIN" */
    int (*exec)(struct mn_store *s, const char *sql, int n, const char *const *vals,
                struct mn_error *err) MN_WUR;
    /* The first column of the first row as a malloc'd string in *out (NULL: no row or NULL). */
    int (*query1)(struct mn_store *s, const char *sql, int n, const char *const *vals,
                  char **out, struct mn_error *err) MN_WUR;
    void (*close)(struct mn_store *s);
};

struct mn_store {
    const struct mn_store_ops *ops;
    void *impl;
    char *target;
};

/* pgstore.c: opens a PostgreSQL store (creates its tables). */
int mn_pgstore_open(struct mn_store *s, const char *url, struct mn_error *err) MN_WUR;

#endif
