/* fuzz_dehyphen.c: arbitrary bytes → lines (valid UTF-8, pages at form feeds) →
 * mn_dehyphen_lines, with the system word list or without one (first byte's low bit).
 * Invariants: success, lines stay valid UTF-8, and the text does not grow by more than the
 * moved line breaks (a join adds at most a space per hyphenated line). */
#include "dehyphen.h"
#include "fuzz.h"

static size_t total_len(const struct mn_lines *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strlen(l->v[i].text) + 1;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_lines lines = {0};
    struct mn_error err = {0};
    const struct mn_dict *dict = NULL;
    if (size > 0) {
        if (data[0] & 1)
            dict = fuzz_ctx(true)->dict;
        data++, size--;
    }
    fuzz_lines(data, size, &lines);
    size_t before = total_len(&lines);
    FUZZ_ASSERT(mn_dehyphen_lines(&lines, dict, &err) == 0);
    fuzz_check_lines(&lines);
    FUZZ_ASSERT(total_len(&lines) <= before + lines.n + 16);
    mn_lines_release(&lines);
    return 0;
}
