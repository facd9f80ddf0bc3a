/* lite.h: the SQLite library, opened when a SQLite store is first opened (store.c).
 *
 * Only `index`, `search` and `batch --db` use SQLite, yet linked normally it was loaded and
 * relocated by every process: about 1.8 M instructions and 1 to 2 ms of CPU of each one-off
 * `minutes convert` (an empty program linked with our libraries, with and without it). As
 * with tesseract (tess.h) and libpq (pq.h), the functions are reached through a table with
 * SQLite's own names and types, checked by the compiler against <sqlite3.h>. The library
 * stays loaded once opened. */
#ifndef MN_LITE_H
#define MN_LITE_H

#include <sqlite3.h>

#include "util.h"

struct mn_error;

/* X-macro: every SQLite function the program calls. */
#define MN_LITE_FUNCTIONS(X)                                                                  \
    X(sqlite3_open_v2)                                                                        \
    X(sqlite3_busy_timeout)                                                                   \
    X(sqlite3_exec)                                                                           \
    X(sqlite3_errmsg)                                                                         \
    X(sqlite3_free)                                                                           \
    X(sqlite3_prepare_v2)                                                                     \
    X(sqlite3_reset)                                                                          \
    X(sqlite3_clear_bindings)                                                                 \
    X(sqlite3_bind_int)                                                                       \
    X(sqlite3_bind_null)                                                                      \
    X(sqlite3_bind_text)                                                                      \
    X(sqlite3_step)                                                                           \
    X(sqlite3_column_type)                                                                    \
    X(sqlite3_column_int)                                                                     \
    X(sqlite3_column_double)                                                                  \
    X(sqlite3_column_text)                                                                    \
    X(sqlite3_finalize)                                                                       \
    X(sqlite3_close)

/* The table: t->sqlite3_step(...) calls SQLite's sqlite3_step. A plain value. */
struct mn_lite {
#define MN_LITE_MEMBER(name) __typeof__(name) *name;
    MN_LITE_FUNCTIONS(MN_LITE_MEMBER)
#undef MN_LITE_MEMBER
};

/* Opens SQLite (its soname, MN_SQLITE_SONAME, found at build time) and fills *out. Returns 0,
 * or -1 with err set (MN_E_IO: the library or one of its functions cannot be found, with the
 * loader's message) and *out zeroed. */
int mn_lite_open(struct mn_lite *out, struct mn_error *err) MN_WUR;

#endif
