/* test_store.c: ids, the FTS5 query builder, OParl helpers, and the SQLite store end to end on
 * small records (load, unchanged, replace, reject, search). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "ids.h"
#include "oparl.h"
#include "store.h"
#include "t.h"

static void test_ids_are_stable_and_distinct(void)
{
    const char *a = "6286b822a84ba2d3cac9b780680b33a5694aebed6f242154404c02acef308677";
    const char *b = "6286b822a84ba2d3cac9b780680b33a5694aebed6f242154404c02acef308678";
    char x[MN_ID_LEN + 1], y[MN_ID_LEN + 1], z[MN_ID_LEN + 1];
    mn_ids_make(a, "item", 3, x);
    mn_ids_make(a, "item", 3, y);
    CHECK_STR(x, y);
    CHECK_INT(strlen(x), 16);
    mn_ids_make(b, "item", 3, z);
    CHECK(strcmp(x, z) != 0);
    mn_ids_make(a, "item", 4, z);
    CHECK(strcmp(x, z) != 0);
    mn_ids_make(a, "participant", 3, z);
    CHECK(strcmp(x, z) != 0);
    /* the rule README.md states: sha256("<sha>/item/3"), first 16 hex digits */
    mn_ids_make("", "meeting", 1, z);
    CHECK_STR(z, "6ee0cd6de3fab019"); /* printf '/meeting/1' | sha256sum */
}

static void test_fts_query(void)
{
    struct mn_buf b = MN_BUF_INIT;
    CHECK_INT(mn_search_fts_query("takst  bevill*", MN_SEARCH_ALL, &b), 0);
    CHECK_STR(b.buf, "\"takst\" \"bevill\"*");
    mn_buf_reset(&b);
    CHECK_INT(mn_search_fts_query("a\"b OR", MN_SEARCH_DECISION, &b), 0);
    CHECK_STR(b.buf, "decision : (\"a\"\"b\" \"OR\")");
    mn_buf_reset(&b);
    CHECK_INT(mn_search_fts_query("  \"* - ", MN_SEARCH_TITLE, &b), -1);
    CHECK_STR(b.buf, "");
    mn_buf_reset(&b);
    CHECK_INT(mn_search_fts_query("Ærø", MN_SEARCH_RECOMMENDATION, &b), 0);
    CHECK_STR(b.buf, "recommendation : (\"Ærø\")");
    mn_buf_release(&b);
}

static void test_oparl_result(void)
{
    CHECK_STR(mn_oparl_result("Godkendt."), "Godkendt");
    CHECK_STR(mn_oparl_result("Indstillingen blev ikke godkendt."), "Ikke godkendt");
    CHECK_STR(mn_oparl_result("Orienteringen blev taget til efterretning."), "Taget til efterretning");
    CHECK_STR(mn_oparl_result("Sagen blev UDSAT til næste møde."), "Udsat");
    CHECK_STR(mn_oparl_result("Formanden orienterede kort om status."), NULL);
    CHECK_STR(mn_oparl_result(NULL), NULL);
}

static void test_oparl_datetime(void)
{
    char out[32];
    CHECK_INT(mn_oparl_datetime("2014-10-10", "09:00", out), 0);
    CHECK_STR(out, "2014-10-10T09:00:00+02:00"); /* summer time */
    CHECK_INT(mn_oparl_datetime("2012-12-04", "16:30", out), 0);
    CHECK_STR(out, "2012-12-04T16:30:00+01:00");
    CHECK_INT(mn_oparl_datetime("2012-12-04", NULL, out), 0);
    CHECK_STR(out, "2012-12-04T00:00:00+01:00");
    CHECK_INT(mn_oparl_datetime("4. december", NULL, out), -1);
    CHECK_INT(mn_oparl_datetime("2012-12-04", "kl. 9", out), -1);
}

static const char rec_fmt[] =
    "{\"schema_version\":1,\"source\":{\"path\":\"x.pdf\",\"sha256\":\"%s\",\"pages\":1,"
    "\"ocr_pages\":[],\"text_source\":\"pdf\"},\"document\":{\"kind\":\"minutes\","
    "\"case_number\":null,\"document_number\":null},\"meeting\":{\"id\":\"%s\",\"body\":"
    "\"Økonomiudvalget\",\"date\":\"2020-03-09\",\"start_time\":null,\"end_time\":null,"
    "\"time_text\":null,\"location\":null,\"participants\":[{\"id\":\"%s\",\"name\":\"Åse Ømark\","
    "\"affiliation\":null,\"role\":\"formand\",\"note\":null}],\"absent\":[]},\"items\":[{\"id\":"
    "\"%s\",\"number\":\"1\",\"order\":1,\"title\":\"%s\",\"public\":true,\"group\":null,\"page\":2,"
    "\"sections\":[{\"kind\":\"decision\",\"heading\":\"Beslutning\",\"text\":\"Godkendt med "
    "bevillingsramme.\",\"bullets\":[]}],\"recommendation\":null,\"attachments\":[],"
    "\"decision\":\"Godkendt med bevillingsramme.\"}],\"warnings\":[]}";

static char *record(const char *sha, const char *title)
{
    char mid[MN_ID_LEN + 1], pid[MN_ID_LEN + 1], iid[MN_ID_LEN + 1];
    mn_ids_make(sha, "meeting", 1, mid);
    mn_ids_make(sha, "participant", 1, pid);
    mn_ids_make(sha, "item", 1, iid);
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_addf(&b, rec_fmt, sha, mid, pid, iid, title);
    return mn_buf_detach(&b, NULL);
}

static void test_sqlite_store(void)
{
    char dir[] = "/tmp/test_store.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    struct mn_buf path = MN_BUF_INIT;
    mn_buf_addf(&path, "%s/t.sqlite", dir);
    struct mn_error err = {0};
    struct mn_store *s = NULL;
    CHECK_INT(mn_store_open(path.buf, false, &s, &err), 0);
    const char *sha1 = "1111111111111111111111111111111111111111111111111111111111111111";
    const char *sha2 = "2222222222222222222222222222222222222222222222222222222222222222";
    char *r1 = record(sha1, "Budget 2021"), *r1b = record(sha1, "Budget 2022"),
         *r2 = record(sha2, "Vejplan");
    enum mn_store_outcome o;
    CHECK_INT(mn_store_load(s, r1, strlen(r1), &o, &err), 0);
    CHECK_INT(o, MN_STORE_LOADED);
    CHECK_INT(mn_store_load(s, r1, strlen(r1), &o, &err), 0);
    CHECK_INT(o, MN_STORE_UNCHANGED);
    CHECK_INT(mn_store_load(s, r2, strlen(r2), &o, &err), 0);
    CHECK_INT(o, MN_STORE_LOADED);
    CHECK_INT(mn_store_load(s, r1b, strlen(r1b), &o, &err), 0); /* replaces r1's rows */
    CHECK_INT(o, MN_STORE_LOADED);
    CHECK_INT(mn_store_load(s, "{\"schema_version\":2}", 20, &o, &err), 0);
    CHECK_INT(o, MN_STORE_REJECTED);
    CHECK_INT(mn_store_load(s, "{", 1, &o, &err), 0);
    CHECK_INT(o, MN_STORE_REJECTED);

    struct mn_search_query q = {.text = "budget", .limit = 10, .mark_open = "<",
                                .mark_close = ">", .in = MN_SEARCH_TITLE};
    struct mn_search_hits hits = {0};
    CHECK_INT(mn_store_search(s, &q, &hits, &err), 0);
    CHECK_INT(hits.n, 1); /* the replaced title is gone from the index */
    if (hits.n == 1) {
        CHECK_STR(hits.v[0].title, "Budget 2022");
        CHECK_STR(hits.v[0].snippet, "<Budget> 2022");
        CHECK_STR(hits.v[0].body, "Økonomiudvalget");
        CHECK_INT(hits.v[0].page, 2);
    }
    mn_search_hits_release(&hits);
    q.text = "bevilling*";
    q.in = MN_SEARCH_DECISION;
    CHECK_INT(mn_store_search(s, &q, &hits, &err), 0);
    CHECK_INT(hits.n, 2);
    mn_search_hits_release(&hits);
    q.from = "2021-01-01";
    CHECK_INT(mn_store_search(s, &q, &hits, &err), 0);
    CHECK_INT(hits.n, 0);
    mn_search_hits_release(&hits);
    q.text = "--";
    CHECK_INT(mn_store_search(s, &q, &hits, &err), -1);
    CHECK_INT(err.code, MN_E_USAGE);
    mn_search_hits_release(&hits);

    mn_store_free(s);
    free(r1);
    free(r1b);
    free(r2);
    struct mn_buf rm = MN_BUF_INIT;
    mn_buf_addf(&rm, "rm -rf '%s'", dir);
    CHECK_INT(system(rm.buf), 0);
    mn_buf_release(&rm);
    mn_buf_release(&path);
}

static void test_oparl_render(void)
{
    const char *sha = "3333333333333333333333333333333333333333333333333333333333333333";
    char *r = record(sha, "Budget");
    char *out = NULL;
    size_t len = 0;
    struct mn_error err = {0};
    CHECK_INT(mn_oparl_render(r, strlen(r), "https://x.dk/oparl/", false, &out, &len, &err), 0);
    CHECK(out && strstr(out, "\"id\":\"https://x.dk/oparl/meeting/"));
    CHECK(out && strstr(out, "\"result\":\"Godkendt\""));
    CHECK(out && strstr(out, "\"status\":[\"formand\"]"));
    CHECK(out && strstr(out, "\"resultsProtocol\":{"));
    CHECK(out && len > 0 && out[len - 1] == '\n');
    free(out);
    CHECK_INT(mn_oparl_render("{}", 2, NULL, false, &out, &len, &err), -1);
    CHECK_INT(err.code, MN_E_USAGE);
    free(r);
}

int main(void)
{
    RUN(test_ids_are_stable_and_distinct);
    RUN(test_fts_query);
    RUN(test_oparl_result);
    RUN(test_oparl_datetime);
    RUN(test_sqlite_store);
    RUN(test_oparl_render);
    return DONE();
}
