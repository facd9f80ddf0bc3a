/* test_buf.c: the growable buffer's invariants and its size cap. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "t.h"

static void test_append_and_detach(void)
{
    struct mn_buf b = MN_BUF_INIT;
    CHECK_STR(b.buf, "");
    mn_buf_adds(&b, "Aal");
    mn_buf_addch(&b, '-');
    mn_buf_addf(&b, "%s %d", "borg", 9000);
    CHECK_STR(b.buf, "Aal-borg 9000");
    CHECK_INT(b.len, 13);
    size_t len;
    char *s = mn_buf_detach(&b, &len);
    CHECK_STR(s, "Aal-borg 9000");
    CHECK_INT(len, 13);
    CHECK_STR(b.buf, "");
    free(s);
    s = mn_buf_detach(&b, NULL); /* detaching an empty buffer gives a fresh "" */
    CHECK_STR(s, "");
    free(s);
}

static void test_long_addf(void)
{
    struct mn_buf b = MN_BUF_INIT;
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mn_buf_addf(&b, "<%s>", big);
    CHECK_INT(b.len, 1001);
    CHECK(b.buf[0] == '<' && b.buf[1000] == '>');
    mn_buf_release(&b);
}

static void test_limit_is_sticky(void)
{
    struct mn_buf b = MN_BUF_INIT;
    b.limit = 8;
    mn_buf_adds(&b, "12345");
    CHECK(!b.toobig);
    mn_buf_adds(&b, "6789");
    CHECK(b.toobig);
    CHECK_STR(b.buf, "12345");
    mn_buf_adds(&b, "1");
    CHECK(b.toobig);
    mn_buf_release(&b);
}

static void test_trim_and_setlen(void)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, " \t Møde \n");
    mn_buf_trim(&b);
    CHECK_STR(b.buf, "Møde");
    mn_buf_setlen(&b, 2);
    CHECK_STR(b.buf, "M\xc3");
    mn_buf_reset(&b);
    CHECK_INT(b.len, 0);
    CHECK_STR(b.buf, "");
    mn_buf_release(&b);
}

int main(void)
{
    RUN(test_append_and_detach);
    RUN(test_long_addf);
    RUN(test_limit_is_sticky);
    RUN(test_trim_and_setlen);
    return DONE();
}
