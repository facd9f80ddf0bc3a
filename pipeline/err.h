/* err.h: stable error codes and the error record every failing function fills.
 *
 * The function that detects an error describes it once with mn_fail(); callers only
 * propagate -1. Codes are stable snake_case strings (mn_code_name) used in output and tests. */
#ifndef MN_ERR_H
#define MN_ERR_H

enum mn_code {
    MN_OK = 0,
    MN_E_USAGE,         /* "usage" */
    MN_E_IO,            /* "io": cannot read input / write output */
    MN_E_EMPTY,         /* "empty": zero-byte input */
    MN_E_NOT_PDF,       /* "not_pdf": neither a PDF nor text */
    MN_E_PDF_DAMAGED,   /* "pdf_damaged" */
    MN_E_PDF_ENCRYPTED, /* "pdf_encrypted": needs a (correct) password */
    MN_E_NO_TEXT,       /* "no_text": nothing extractable, OCR off or failed */
    MN_E_OCR_INIT,      /* "ocr_init": tessdata / language missing */
    MN_E_RULES,         /* "rules": a rules file failed to load or self-check */
    MN_E_LIMIT,         /* "limit": page count / size / time caps exceeded */
    MN_E_INTERNAL,      /* "internal" */
    MN_E_COUNT
};

struct mn_error {
    enum mn_code code;
    int page;      /* 1-based, 0 if not page-specific */
    char msg[512]; /* human text, names the file and the problem */
};

/* Never fails; unknown codes give "internal". */
const char *mn_code_name(enum mn_code code);

/* Fills 'err' (may be NULL) and returns -1, so callers write 'return mn_fail(...)'. */
int mn_fail(struct mn_error *err, enum mn_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Resets 'err' to MN_OK with an empty message. */
void mn_error_clear(struct mn_error *err);

#endif
