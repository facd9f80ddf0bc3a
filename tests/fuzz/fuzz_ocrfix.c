/* fuzz_ocrfix.c: arbitrary bytes as lines of OCR pages (form feeds separate pages; the odd
 * pages count as OCR'd) → the structural repairs, then the vocabulary corrections.
 * Invariants: no crash, every line stays valid UTF-8, the repair log is valid UTF-8, and a
 * line grows by a bounded amount (a repair adds a few characters, never the line again). */
#include "buf.h"
#include "fuzz.h"
#include "ocrfix.h"

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
    mn_ocrfix_structure(&lines, pages, np, ctx->rules, ctx->dict, &log);
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
