/* dl.h: a shared library opened when it is first needed (tesseract, libpq, SQLite), so that
 * a convert that needs none of them does not pay their loading. Such a library is never
 * closed: its functions are kept in a table that lives as long as the process. */
#ifndef MN_DL_H
#define MN_DL_H

#include <stddef.h>

#include "err.h"

/* Opens 'soname' into *lib. On failure fills 'err' with 'code' and "<failed>: <dlerror's
 * reason>" and returns -1. */
int mn_dl_open(const char *soname, const char *failed, enum mn_code code, void **lib,
               struct mn_error *err);

/* Copies the address of function 'name' of 'lib' into the function pointer at 'slot' (of
 * 'size' bytes: ISO C has no conversion from void * to a function pointer; POSIX guarantees
 * the representation, so the bytes are copied). On failure fills 'err' with 'code' and
 * "<what> <soname> has no function <name>" and returns -1. */
int mn_dl_sym(void *lib, const char *name, void *slot, size_t size, const char *soname,
              const char *what, enum mn_code code, struct mn_error *err);

#endif
