/* test_batch.c: the pure parts of batch conversion: input keys, record names, shards, the
 * manifest's lines. (The process side is tested end to end by tests/run-batch.sh.) */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "manifest.h"
#include "t.h"
#include "walk.h"

static void test_wanted(void)
{
    CHECK(mn_walk_wanted("x.pdf"));
    CHECK(mn_walk_wanted("X.PDF"));
    CHECK(mn_walk_wanted("a.b.Pdf"));
    CHECK(mn_walk_wanted("notes.TXT"));
    CHECK(!mn_walk_wanted(".pdf"));
    CHECK(!mn_walk_wanted("x.pdfx"));
    CHECK(!mn_walk_wanted("x.doc"));
    CHECK(!mn_walk_wanted("pdf"));
}

static void key_is(const char *path, const char *want)
{
    char *k = mn_walk_key(path);
    CHECK_STR(k, want);
    free(k);
}

static void test_key(void)
{
    key_is("a/b/x.pdf", "a/b/x.pdf");
    key_is("./a//b/./x.pdf", "a/b/x.pdf");
    key_is("/srv/archive/x.pdf", "srv/archive/x.pdf");
    key_is("/srv/./archive//x.pdf", "srv/archive/x.pdf");
    key_is("/srv/archive/../other/x.pdf", "srv/other/x.pdf");
    key_is("/", NULL);
    key_is(".", NULL);
    char *k = mn_walk_key("../x.pdf"); /* resolved against the working directory */
    CHECK(k && k[0] != '/' && !strstr(k, ".."));
    free(k);
}

static void out_is(const char *key, const char *want)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_walk_output_name(key, &b);
    CHECK_STR(b.buf, want);
    mn_buf_release(&b);
}

static void test_output_name(void)
{
    out_is("a/b/x.pdf", "a/b/x.json");
    out_is("X.PDF", "X.json");
    out_is("a.b/x", "a.b/x.json");
    out_is("a/x.tar.pdf", "a/x.tar.json");
    out_is("a/.profile", "a/.profile.json");
}

static void test_shard_hash(void)
{
    /* FNV-1a 64: fixed values, since shards on different machines must agree */
    CHECK(mn_shard_hash("") == 0xcbf29ce484222325u);
    CHECK(mn_shard_hash("a") == 0xaf63dc4c8601ec8cu);
    struct mn_inputs in = MN_INPUTS_INIT;
    struct mn_error err = {0};
    int counts[4] = {0};
    for (int i = 0; i < 400; i++) {
        char name[32];
        snprintf(name, sizeof name, "dir/%d.pdf", i);
        CHECK_INT(mn_inputs_add(&in, name, &err), 0);
        counts[mn_shard_hash(in.v[i].key) % 4]++;
    }
    for (int k = 0; k < 4; k++)
        CHECK(counts[k] > 60); /* roughly even */
    size_t n = in.n;
    mn_inputs_shard(&in, 2, 4);
    CHECK_INT(in.n, counts[1]);
    CHECK(in.n < n);
    mn_inputs_release(&in);
}

static void test_finish(void)
{
    struct mn_inputs in = MN_INPUTS_INIT;
    struct mn_error err = {0};
    CHECK_INT(mn_inputs_add(&in, "b/y.pdf", &err), 0);
    CHECK_INT(mn_inputs_add(&in, "a/x.pdf", &err), 0);
    CHECK_INT(mn_inputs_add(&in, "./a/x.pdf", &err), 0); /* same key, other spelling */
    CHECK_INT(mn_inputs_add(&in, "a/x.pdf", &err), 0);   /* repeated: dropped */
    CHECK_INT(mn_inputs_finish(&in, &err), -1);          /* a/x.pdf vs ./a/x.pdf */
    CHECK_INT(err.code, MN_E_USAGE);
    mn_inputs_release(&in);

    CHECK_INT(mn_inputs_add(&in, "b/y.pdf", &err), 0);
    CHECK_INT(mn_inputs_add(&in, "a/x.pdf", &err), 0);
    CHECK_INT(mn_inputs_add(&in, "a/x.pdf", &err), 0);
    CHECK_INT(mn_inputs_finish(&in, &err), 0);
    CHECK_INT(in.n, 2);
    CHECK_STR(in.v[0].key, "a/x.pdf");
    CHECK_STR(in.v[1].key, "b/y.pdf");
    CHECK_INT(mn_inputs_add(&in, "a/x.TXT", &err), 0);
    CHECK_INT(mn_inputs_finish(&in, &err), -1);
    CHECK(strstr(err.msg, "a/x.json") != NULL);
    mn_inputs_release(&in);
}

static void test_manifest_roundtrip(void)
{
    struct mn_manifest *m = mn_manifest_new();
    struct mn_manifest_entry e = {
        .key = (char *)"2012/x.pdf",
        .path = (char *)"archive/2012/x.pdf",
        .size = 1234,
        .mtime_ns = 1700000000123456789LL,
        .version = (char *)"0.1.0",
        .rules = (char *)"abc",
        .options = (char *)"ocr=auto",
        .outcome = (char *)"ok",
        .pages = 9,
    };
    memset(e.sha256, 'a', 64);
    struct mn_jsonl_mark mark = {5, 77, 4096};
    char *line = mn_manifest_format(&e, &mark);
    CHECK(line[strlen(line) - 1] == '\n');
    CHECK(strchr(line, '\n') == line + strlen(line) - 1);
    CHECK(mn_manifest_add_line(m, line, strlen(line)));
    free(line);
    const struct mn_manifest_entry *g = mn_manifest_find(m, "2012/x.pdf");
    CHECK(g != NULL);
    if (g) {
        CHECK_STR(g->path, "archive/2012/x.pdf");
        CHECK_STR(g->sha256, e.sha256);
        CHECK_INT(g->size, 1234);
        CHECK_INT(g->mtime_ns, 1700000000123456789LL);
        CHECK_STR(g->outcome, "ok");
        CHECK_INT(g->pages, 9);
    }
    long long end = 0;
    CHECK(mn_manifest_jsonl_end(m, 5, 77, &end));
    CHECK_INT(end, 4096);
    CHECK(!mn_manifest_jsonl_end(m, 5, 78, &end));

    /* a later line wins; a mark line moves the end; junk and cut lines are ignored */
    e.outcome = (char *)"pdf_damaged";
    e.sha256[0] = '\0';
    line = mn_manifest_format(&e, NULL);
    CHECK(strstr(line, "\"sha256\":null") != NULL);
    CHECK(mn_manifest_add_line(m, line, strlen(line)));
    free(line);
    CHECK_STR(mn_manifest_find(m, "2012/x.pdf")->outcome, "pdf_damaged");
    mark.end = 8192;
    line = mn_manifest_format(NULL, &mark);
    CHECK(mn_manifest_add_line(m, line, strlen(line)));
    CHECK(!mn_manifest_add_line(m, line, strlen(line) / 2));
    free(line);
    CHECK(mn_manifest_jsonl_end(m, 5, 77, &end));
    CHECK_INT(end, 8192);
    CHECK(!mn_manifest_add_line(m, "[1,2]", 5));
    CHECK(!mn_manifest_add_line(m, "{\"key\":\"x\"}", 11));
    CHECK_INT(mn_manifest_count(m), 1);
    mn_manifest_free(m);
}

static void test_manifest_bytes_key(void)
{
    /* file names are bytes: a key that is not UTF-8 survives the round trip */
    struct mn_manifest *m = mn_manifest_new();
    struct mn_manifest_entry e = {
        .key = (char *)"dir/\xe6\xf8\xe5.pdf", /* Latin-1 'æøå' */
        .path = (char *)"dir/\xe6\xf8\xe5.pdf",
        .version = (char *)"v",
        .rules = (char *)"r",
        .options = (char *)"o",
        .outcome = (char *)"ok",
    };
    char *line = mn_manifest_format(&e, NULL);
    CHECK(strstr(line, "key_hex") != NULL);
    CHECK(mn_manifest_add_line(m, line, strlen(line)));
    free(line);
    CHECK(mn_manifest_find(m, "dir/\xe6\xf8\xe5.pdf") != NULL);
    mn_manifest_free(m);
}

int main(void)
{
    RUN(test_wanted);
    RUN(test_key);
    RUN(test_output_name);
    RUN(test_shard_hash);
    RUN(test_finish);
    RUN(test_manifest_roundtrip);
    RUN(test_manifest_bytes_key);
    return DONE();
}
