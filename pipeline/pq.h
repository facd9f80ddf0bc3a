/* pq.h: libpq, opened when a PostgreSQL store is first opened (pgstore.c).
 *
 * libpq brings some 20 shared libraries of its own (OpenSSL, GnuTLS, Kerberos, LDAP, SASL)
 * whose loading, relocation and initialisers cost about 23 M instructions of every process
 * start, and they widen the symbol scope every other relocation is looked up in: linked
 * normally, that was a tenth of a one-off `minutes convert` of a short PDF (callgrind), for
 * a library only `index`/`batch --db` with a postgresql:// URL use. As with tesseract
 * (tess.h), the functions are reached through a table with libpq's own names and types,
 * checked by the compiler against <libpq-fe.h>. The library stays loaded once opened. */
#ifndef MN_PQ_H
#define MN_PQ_H

#include <libpq-fe.h>

#include "util.h"

struct mn_error;

/* X-macro: every libpq function the program calls. */
#define MN_PQ_FUNCTIONS(X)                                                                    \
    X(PQconnectdb)                                                                            \
    X(PQstatus)                                                                               \
    X(PQerrorMessage)                                                                         \
    X(PQsetClientEncoding)                                                                    \
    X(PQexec)                                                                                 \
    X(PQexecParams)                                                                           \
    X(PQresultStatus)                                                                         \
    X(PQresultErrorMessage)                                                                   \
    X(PQntuples)                                                                              \
    X(PQgetisnull)                                                                            \
    X(PQgetvalue)                                                                             \
    X(PQclear)                                                                                \
    X(PQfinish)

/* The table: t->PQexec(...) calls libpq's PQexec. A plain value; copying it is fine. */
struct mn_pq {
#define MN_PQ_MEMBER(name) __typeof__(name) *name;
    MN_PQ_FUNCTIONS(MN_PQ_MEMBER)
#undef MN_PQ_MEMBER
};

/* Opens libpq (its soname, MN_LIBPQ_SONAME, found at build time) and fills *out. Thread-safe.
 * Returns 0, or -1 with err set (MN_E_IO: the library or one of its functions cannot be
 * found, with the loader's message) and *out zeroed. */
int mn_pq_open(struct mn_pq *out, struct mn_error *err) MN_WUR;

#endif
