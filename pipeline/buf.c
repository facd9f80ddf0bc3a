/* buf.c: see buf.h. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char mn_buf_empty[1];

void mn_buf_init(struct mn_buf *b, size_t hint)
{
    b->buf = mn_buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->limit = 0;
    b->toobig = false;
    if (hint) {
        b->buf = xmalloc(hint + 1);
        b->alloc = hint + 1;
        b->buf[0] = '\0';
    }
}

void mn_buf_release(struct mn_buf *b)
{
    if (b->alloc)
        free(b->buf);
    b->buf = mn_buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->toobig = false;
}

void mn_buf_reset(struct mn_buf *b)
{
    if (b->alloc)
        b->buf[0] = '\0';
    b->len = 0;
}

static bool reserve(struct mn_buf *b, size_t extra)
{
    if (b->limit && b->len + extra > b->limit) {
        b->toobig = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->alloc)
        return true;
    size_t n = b->alloc ? b->alloc : 32;
    while (n < need)
        n = n * 2 > n ? n * 2 : need;
    if (b->alloc) {
        b->buf = xrealloc(b->buf, n);
    } else {
        b->buf = xmalloc(n);
        b->buf[0] = '\0';
    }
    b->alloc = n;
    return true;
}

void mn_buf_add(struct mn_buf *b, const void *p, size_t n)
{
    if (n == 0 || !reserve(b, n))
        return;
    memmove(b->buf + b->len, p, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void mn_buf_adds(struct mn_buf *b, const char *s)
{
    mn_buf_add(b, s, strlen(s));
}

void mn_buf_addch(struct mn_buf *b, char c)
{
    mn_buf_add(b, &c, 1);
}

void mn_buf_addf(struct mn_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        mn_buf_add(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void mn_buf_setlen(struct mn_buf *b, size_t n)
{
    if (n > b->len || !b->alloc)
        return;
    b->len = n;
    b->buf[n] = '\0';
}

void mn_buf_trim(struct mn_buf *b)
{
    size_t start = 0, end = b->len;
    while (start < end && mn_isspace((unsigned char)b->buf[start]))
        start++;
    while (end > start && mn_isspace((unsigned char)b->buf[end - 1]))
        end--;
    if (!b->alloc)
        return;
    memmove(b->buf, b->buf + start, end - start);
    b->len = end - start;
    b->buf[b->len] = '\0';
}

char *mn_buf_detach(struct mn_buf *b, size_t *len)
{
    char *s = b->alloc ? b->buf : xstrdup("");
    if (len)
        *len = b->len;
    b->buf = mn_buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->toobig = false;
    return s;
}
