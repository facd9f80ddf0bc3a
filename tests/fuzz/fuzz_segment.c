/* fuzz_segment.c: the whole text path on arbitrary bytes, as 'minutes convert --text' runs it:
 * mn_pipeline_run_bytes (text load, clean, dehyphen, segment), then mn_emit_record.
 * Invariants: a failure has a code and a message; a record is one line of JSON that
 * json_loads parses as an object, ending in a newline. */
#include <jansson.h>

#include "emit.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_ctx *ctx = fuzz_ctx(true);
    struct mn_doc *doc = NULL;
    struct mn_error err = {0};
    if (mn_pipeline_run_bytes(ctx, "fuzz.txt", data, size, NULL, &doc, &err) < 0) {
        FUZZ_ASSERT(doc == NULL);
        FUZZ_ASSERT(err.code != MN_OK && err.msg[0] != '\0');
        return 0;
    }
    char *out = NULL;
    size_t len = 0;
    FUZZ_ASSERT(mn_emit_record(doc, false, &out, &len, &err) == 0);
    FUZZ_ASSERT(out != NULL && len > 0 && out[len - 1] == '\n');
    FUZZ_ASSERT(memchr(out, '\n', len) == out + len - 1);
    json_error_t jerr;
    json_t *j = json_loadb(out, len, 0, &jerr);
    if (!j)
        fprintf(stderr, "fuzz: record does not parse: %s at %d\n", jerr.text, jerr.position);
    FUZZ_ASSERT(j != NULL);
    FUZZ_ASSERT(json_is_object(j));
    json_decref(j);
    free(out);
    mn_doc_free(doc);
    return 0;
}
