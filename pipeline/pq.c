/* pq.c: libpq, opened when a PostgreSQL store is first opened (see pq.h). */
#include "pq.h"

#include <dlfcn.h>
#include <string.h>

#include "err.h"

#ifndef MN_LIBPQ_SONAME
#define MN_LIBPQ_SONAME "libpq.so.5"
#endif

int mn_pq_open(struct mn_pq *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see pq.h */
    void *lib = dlopen(MN_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        return mn_fail(err, MN_E_IO, "PostgreSQL: cannot load the client library: %s",
                       why ? why : MN_LIBPQ_SONAME);
    }
    void *sym;
    /* ISO C has no conversion from void * to a function pointer; POSIX guarantees the
     * representation, so the bytes are copied */
#define MN_PQ_RESOLVE(name)                                                                   \
    if (!(sym = dlsym(lib, #name))) {                                                         \
        memset(out, 0, sizeof *out);                                                          \
        return mn_fail(err, MN_E_IO, "PostgreSQL: the client library %s has no function %s",  \
                       MN_LIBPQ_SONAME, #name);                                               \
    }                                                                                         \
    memcpy(&out->name, &sym, sizeof out->name);
    MN_PQ_FUNCTIONS(MN_PQ_RESOLVE)
#undef MN_PQ_RESOLVE
    return 0;
}
