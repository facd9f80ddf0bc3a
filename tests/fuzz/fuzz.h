/* fuzz.h: what the fuzz targets share: one context with the shipped rules (built once per
 * process and kept, so LeakSanitizer sees it as reachable), and text helpers.
 *
 * Each target is a libFuzzer entry point (LLVMFuzzerTestOneInput). The same source also links
 * with tests/fuzz/replay.c into a plain program that replays files, for make check under
 * gcc's ASan+UBSan when clang is absent. Invariant checks abort(), which both drivers report. */
#ifndef MN_FUZZ_H
#define MN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "utf8.h"

#ifndef MN_FUZZ_RULES_DIR
#define MN_FUZZ_RULES_DIR "rules"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shared context: shipped rules ($MINUTES_RULES_DIR or the source tree's rules/) and the
 * system word list. 'text' forces plain-text input. Aborts when the rules do not load. */
static inline struct mn_ctx *fuzz_ctx(bool text)
{
    static struct mn_ctx *ctx[2];
    if (!ctx[text]) {
        struct mn_options opt;
        struct mn_error err = {0};
        const char *dir = getenv("MINUTES_RULES_DIR");
        mn_options_default(&opt);
        opt.rules_dir = dir && *dir ? dir : MN_FUZZ_RULES_DIR;
        opt.is_text = text;
        if (mn_ctx_new(&opt, &ctx[text], &err) < 0) {
            fprintf(stderr, "fuzz: cannot build the context: %s\n", err.msg);
            abort();
        }
    }
    return ctx[text];
}

#define FUZZ_ASSERT(cond)                                                                      \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "fuzz: invariant failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* Splits bytes into pages at form feeds (as the text reader does), cleans each page to valid
 * UTF-8 (the invariant every stage after extract relies on) and appends its lines.
 * Returns the number of pages. */
static inline int fuzz_lines(const uint8_t *data, size_t size, struct mn_lines *lines)
{
    int page = 1;
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\f')
            continue;
        char *text = mn_utf8_clean((const char *)data + start, i - start, NULL);
        mn_lines_add_text(lines, text, strlen(text), page);
        free(text);
        if (i < size)
            page++;
        start = i + 1;
    }
    return page;
}

static inline void fuzz_check_lines(const struct mn_lines *lines)
{
    for (size_t i = 0; i < lines->n; i++) {
        const char *t = lines->v[i].text;
        FUZZ_ASSERT(t != NULL);
        FUZZ_ASSERT(mn_utf8_is_valid(t, strlen(t)));
        FUZZ_ASSERT(lines->v[i].page >= 1);
    }
}

#endif
