/* pq.c: libpq, opened when a PostgreSQL store is first opened (see pq.h). */
#include "pq.h"

#include <string.h>

#include "dl.h"
#include "err.h"

#ifndef MN_LIBPQ_SONAME
#define MN_LIBPQ_SONAME "libpq.so.5"
#endif

int mn_pq_open(struct mn_pq *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see pq.h */
    static const char what[] = "PostgreSQL: the client library";
    void *lib;
    if (mn_dl_open(MN_LIBPQ_SONAME, "PostgreSQL: cannot load the client library", MN_E_IO, &lib,
                   err) < 0)
        return -1;
#define MN_PQ_RESOLVE(name)                                                                   \
    if (mn_dl_sym(lib, #name, &out->name, sizeof out->name, MN_LIBPQ_SONAME, what,            \
                  MN_E_IO, err) < 0) {                                                        \
        memset(out, 0, sizeof *out);                                                          \
        return -1;                                                                            \
    }
    MN_PQ_FUNCTIONS(MN_PQ_RESOLVE)
#undef MN_PQ_RESOLVE
    return 0;
}
