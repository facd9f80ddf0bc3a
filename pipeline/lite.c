/* lite.c: the SQLite library, opened when a SQLite store is first opened (see lite.h). */
#include "lite.h"

#include <dlfcn.h>
#include <string.h>

#include "err.h"

#ifndef MN_SQLITE_SONAME
#define MN_SQLITE_SONAME "libsqlite3.so.0"
#endif

int mn_lite_open(struct mn_lite *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see lite.h */
    void *lib = dlopen(MN_SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        return mn_fail(err, MN_E_IO, "cannot load the SQLite library: %s",
                       why ? why : MN_SQLITE_SONAME);
    }
    void *sym;
    /* ISO C has no conversion from void * to a function pointer; POSIX guarantees the
     * representation, so the bytes are copied */
#define MN_LITE_RESOLVE(name)                                                                 \
    if (!(sym = dlsym(lib, #name))) {                                                         \
        memset(out, 0, sizeof *out);                                                          \
        return mn_fail(err, MN_E_IO, "the SQLite library %s has no function %s",              \
                       MN_SQLITE_SONAME, #name);                                              \
    }                                                                                         \
    memcpy(&out->name, &sym, sizeof out->name);
    MN_LITE_FUNCTIONS(MN_LITE_RESOLVE)
#undef MN_LITE_RESOLVE
    return 0;
}
