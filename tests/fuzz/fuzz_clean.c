/* fuzz_clean.c: arbitrary bytes → mn_clean_line on each line, then the clean stage on a
 * document built from the bytes (form feeds separate pages). Invariants: no crash, every line
 * stays valid UTF-8, mn_clean_line never grows a line without bound. */
#include "buf.h"
#include "clean.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_ctx *ctx = fuzz_ctx(true);
    struct mn_doc *doc = mn_doc_new("fuzz.txt");
    struct mn_error err = {0};
    struct mn_buf b = MN_BUF_INIT;

    doc->is_text = true;
    doc->npages = fuzz_lines(data, size, &doc->lines);
    for (size_t i = 0; i < doc->lines.n; i++) {
        const char *t = doc->lines.v[i].text;
        mn_clean_line(ctx->rules, t, &b);
        FUZZ_ASSERT(mn_utf8_is_valid(b.buf, b.len));
        FUZZ_ASSERT(b.len <= 4 * strlen(t) + 16);
    }
    mn_buf_release(&b);
    if (mn_clean_run(ctx, doc, &err) == 0)
        fuzz_check_lines(&doc->lines);
    else
        FUZZ_ASSERT(err.msg[0] != '\0');
    mn_doc_free(doc);
    return 0;
}
