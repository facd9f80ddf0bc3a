/* err.c: error codes and mn_fail (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const code_names[MN_E_COUNT] = {
    [MN_OK] = "ok",
    [MN_E_USAGE] = "usage",
    [MN_E_IO] = "io",
    [MN_E_EMPTY] = "empty",
    [MN_E_NOT_PDF] = "not_pdf",
    [MN_E_PDF_DAMAGED] = "pdf_damaged",
    [MN_E_PDF_ENCRYPTED] = "pdf_encrypted",
    [MN_E_NO_TEXT] = "no_text",
    [MN_E_OCR_INIT] = "ocr_init",
    [MN_E_RULES] = "rules",
    [MN_E_LIMIT] = "limit",
    [MN_E_INTERNAL] = "internal",
};

const char *mn_code_name(enum mn_code code)
{
    if ((int)code < 0 || code >= MN_E_COUNT)
        return "internal";
    return code_names[code];
}

int mn_fail(struct mn_error *err, enum mn_code code, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void mn_error_clear(struct mn_error *err)
{
    err->code = MN_OK;
    err->page = 0;
    err->msg[0] = '\0';
}
