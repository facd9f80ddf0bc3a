/* lite.c: the SQLite library, opened when a SQLite store is first opened (see lite.h). */
#include "lite.h"

#include <string.h>

#include "dl.h"
#include "err.h"

#ifndef MN_SQLITE_SONAME
#define MN_SQLITE_SONAME "libsqlite3.so.0"
#endif

int mn_lite_open(struct mn_lite *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see lite.h */
    static const char what[] = "the SQLite library";
    void *lib;
    if (mn_dl_open(MN_SQLITE_SONAME, "cannot load the SQLite library", MN_E_IO, &lib, err) < 0)
        return -1;
#define MN_LITE_RESOLVE(name)                                                                 \
    if (mn_dl_sym(lib, #name, &out->name, sizeof out->name, MN_SQLITE_SONAME, what,           \
                  MN_E_IO, err) < 0) {                                                        \
        memset(out, 0, sizeof *out);                                                          \
        return -1;                                                                            \
    }
    MN_LITE_FUNCTIONS(MN_LITE_RESOLVE)
#undef MN_LITE_RESOLVE
    return 0;
}
