/* dl.c: see dl.h. */
#include "dl.h"

#include <dlfcn.h>
#include <string.h>

int mn_dl_open(const char *soname, const char *failed, enum mn_code code, void **lib,
               struct mn_error *err)
{
    *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!*lib) {
        const char *why = dlerror();
        return mn_fail(err, code, "%s: %s", failed, why ? why : soname);
    }
    return 0;
}

int mn_dl_sym(void *lib, const char *name, void *slot, size_t size, const char *soname,
              const char *what, enum mn_code code, struct mn_error *err)
{
    void *sym = dlsym(lib, name);
    if (!sym)
        return mn_fail(err, code, "%s %s has no function %s", what, soname, name);
    memcpy(slot, &sym, size);
    return 0;
}
