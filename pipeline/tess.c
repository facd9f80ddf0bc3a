/* tess.c: the tesseract library, opened when a page first needs OCR (see tess.h). */
#include "tess.h"

#include <string.h>

#include "dl.h"
#include "err.h"

#ifndef MN_TESSERACT_SONAME
#define MN_TESSERACT_SONAME "libtesseract.so.5"
#endif

int mn_tess_open(struct mn_tess *out, struct mn_error *err)
{
    memset(out, 0, sizeof *out);
    /* never closed: see tess.h */
    static const char what[] = "the OCR library";
    void *lib;
    if (mn_dl_open(MN_TESSERACT_SONAME, "cannot load the OCR library", MN_E_OCR_INIT, &lib,
                   err) < 0)
        return -1;
#define MN_TESS_RESOLVE(name)                                                                 \
    if (mn_dl_sym(lib, #name, &out->name, sizeof out->name, MN_TESSERACT_SONAME, what,        \
                  MN_E_OCR_INIT, err) < 0) {                                                  \
        memset(out, 0, sizeof *out);                                                          \
        return -1;                                                                            \
    }
    MN_TESS_FUNCTIONS(MN_TESS_RESOLVE)
#undef MN_TESS_RESOLVE
    return 0;
}
