/* fuzz_ocrfix.c: arbitrary bytes as lines of OCR pages (form feeds separate pages; the odd
 * pages count as OCR'd) → the structural repairs, then the vocabulary corrections. Each
 * line's first word gets other readings made from the line's own characters (symbol k: the
 * word's k-th character, then the line's characters from k on, a few), as tesseract's choices.
 * Invariants: no crash, every line stays valid UTF-8, the repair log is valid UTF-8, and a
 * line grows by a bounded amount (a repair adds a few characters, never the line again). */
#include <glib.h>

#include "buf.h"
#include "doc.h"
#include "fuzz.h"
#include "ocrfix.h"

/* the other readings of each line's first word (see above); returns how many */
static size_t make_alts(const struct mn_lines *lines, struct mn_ocr_alt *alts)
{
    size_t n = 0, in_page = 0;
    for (size_t i = 0; i < lines->n; i++) {
        const char *t = lines->v[i].text;
        in_page = i > 0 && lines->v[i - 1].page == lines->v[i].page ? in_page + 1 : 0;
        size_t wl = strcspn(t, " \t");
        if (wl == 0 || wl > 24)
            continue;
        struct mn_buf ch = MN_BUF_INIT;
        const char *q = t;
        for (int k = 0; q < t + wl; k++, q = g_utf8_next_char(q)) {
            if (k)
                mn_buf_addch(&ch, '\n');
            const char *r = q;
            for (int m = 0; m < 4 && *r; m++, r = g_utf8_next_char(r))
                if (*r != '\n' && *r != ' ' && *r != '\t')
                    mn_buf_add(&ch, r, (size_t)(g_utf8_next_char(r) - r));
        }
        alts[n++] = (struct mn_ocr_alt){.page = lines->v[i].page, .line = in_page,
                                        .word = xstrndup(t, wl),
                                        .choices = mn_buf_detach(&ch, NULL), .conf = 50};
        mn_buf_release(&ch);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_ctx *ctx = fuzz_ctx(true);
    struct mn_lines lines = {0};
    struct mn_buf log = MN_BUF_INIT;
    int npages = fuzz_lines(data, size, &lines);
    int pages[64];
    size_t np = 0;
    for (int p = 1; p <= npages && np < MN_ARRAY_SIZE(pages); p += 2)
        pages[np++] = p;
    size_t *before = xcalloc(lines.n + 1, sizeof *before);
    for (size_t i = 0; i < lines.n; i++)
        before[i] = strlen(lines.v[i].text);
    struct mn_ocr_alt *alts = xcalloc(lines.n + 1, sizeof *alts);
    size_t nalts = make_alts(&lines, alts);
    mn_ocrfix_structure(&lines, pages, np, ctx->rules, ctx->dict, alts, nalts, &log);
    for (size_t i = 0; i < nalts; i++)
        mn_ocr_alt_release(&alts[i]);
    free(alts);
    FUZZ_ASSERT(mn_utf8_is_valid(log.buf, log.len));
    for (size_t i = 0; i < lines.n; i++)
        FUZZ_ASSERT(strlen(lines.v[i].text) <= 2 * before[i] + 16);
    fuzz_check_lines(&lines);
    mn_ocrfix_lines(&lines, pages, np, ctx->dict);
    fuzz_check_lines(&lines);
    free(before);
    mn_buf_release(&log);
    mn_lines_release(&lines);
    return 0;
}
