/* test_emit.c: the record's JSON: field order, nulls, UTF-8 out (no \u escapes), repaired
 * invalid UTF-8 instead of a vanished field, one trailing newline. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "doc.h"
#include "emit.h"
#include "err.h"
#include "t.h"
#include "util.h"

static struct mn_doc *sample(void)
{
    struct mn_doc *d = mn_doc_new("x.pdf");
    d->npages = 3;
    memcpy(d->sha256, "ab", 3);
    mn_doc_add_ocr_page(d, 2);
    d->kind = xstrdup("minutes");
    d->meeting.body = xstrdup("Socialdirektørkredsen");
    d->meeting.date = xstrdup("2014-10-10");
    struct mn_person p = {.name = xstrdup("Hanne Madsen"), .affiliation = xstrdup("Jammerbugt Kommune")};
    MN_GROW(d->meeting.absent.v, 1, d->meeting.absent.alloc);
    d->meeting.absent.v[d->meeting.absent.n++] = p;
    d->items = xcalloc(1, sizeof *d->items);
    d->nitems = 1;
    struct mn_item *it = &d->items[0];
    it->number = xstrdup("3");
    it->order = 1;
    it->title = xstrdup("Takstanalyse");
    it->is_public = true;
    it->page = 2;
    it->decision = xstrdup("Godkendt.");
    mn_doc_warn(d, "ocr_low_confidence", 2, "page %d: mean word confidence %d", 2, 61);
    return d;
}

static void test_record_shape(void)
{
    struct mn_doc *d = sample();
    struct mn_error err = {0};
    char *out = NULL;
    size_t len = 0;
    CHECK_INT(mn_emit_record(d, false, &out, &len, &err), 0);
    CHECK(out && len > 0 && out[len - 1] == '\n' && strchr(out, '\n') == out + len - 1);
    CHECK(strstr(out, "Socialdirektørkredsen") != NULL); /* UTF-8, not \u00f8 */
    CHECK(strstr(out, "\"schema_version\":1,\"source\"") == out + 1);
    CHECK(strstr(out, "\"text_source\":\"mixed\"") != NULL);
    CHECK(strstr(out, "\"ocr_pages\":[2]") != NULL);
    CHECK(strstr(out, "\"recommendation\":null") != NULL);
    CHECK(strstr(out, "\"role\":null") != NULL);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "meeting"), "date")),
              "2014-10-10");
    CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(j, "warnings"), 0), "page")), 2);
    json_decref(j);
    free(out);
    mn_doc_free(d);
}

static void test_invalid_utf8_is_repaired_not_dropped(void)
{
    struct mn_doc *d = sample();
    free(d->items[0].title);
    d->items[0].title = xstrdup("Budget \xff 2015");
    struct mn_error err = {0};
    char *out = NULL;
    size_t len = 0;
    CHECK_INT(mn_emit_record(d, true, &out, &len, &err), 0);
    CHECK(out && strstr(out, "\"title\": \"Budget ") != NULL);
    free(out);
    mn_doc_free(d);
}

int main(void)
{
    RUN(test_record_shape);
    RUN(test_invalid_utf8_is_repaired_not_dropped);
    return DONE();
}
