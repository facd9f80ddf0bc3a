/* tess.c: the tesseract library, opened when a page first needs OCR (see tess.h). */
#include "tess.h"

#include <dlfcn.h>
#include <string.h>

#include "err.h"

#ifndef MN_TESSERACT_SONAME
#define MN_TESSERACT_SONAME "libtesseract.so.5"
#endif

int mn_tess_open(struct mn_tess *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see tess.h */
    void *lib = dlopen(MN_TESSERACT_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        return mn_fail(err, MN_E_OCR_INIT, "cannot load the OCR library: %s",
                       why ? why : MN_TESSERACT_SONAME);
    }
    void *sym;
    /* ISO C has no conversion from void * to a function pointer; POSIX guarantees the
     * representation, so the bytes are copied */
#define MN_TESS_RESOLVE(name)                                                                 \
    if (!(sym = dlsym(lib, #name))) {                                                         \
        memset(out, 0, sizeof *out);                                                          \
        return mn_fail(err, MN_E_OCR_INIT, "the OCR library %s has no function %s",           \
                       MN_TESSERACT_SONAME, #name);                                           \
    }                                                                                         \
    memcpy(&out->name, &sym, sizeof out->name);
    MN_TESS_FUNCTIONS(MN_TESS_RESOLVE)
#undef MN_TESS_RESOLVE
    return 0;
}
