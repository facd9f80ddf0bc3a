/* util.c: the x* allocation family and small helpers (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die_oom(size_t size)
{
    fprintf(stderr, "minutes: out of memory (%zu bytes)\n", size);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die_oom(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die_oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        die_oom(size);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *mn_grow(void *p, size_t *alloc, size_t need, size_t elem)
{
    if (need <= *alloc)
        return p;
    size_t n = *alloc ? *alloc : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elem)
            die_oom(need * elem);
        n *= 2;
    }
    *alloc = n;
    return xrealloc(p, n * elem);
}

int mn_parse_int(const char *s, long min, long max, long *out)
{
    char *end = NULL;
    if (!s || !*s)
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

void mn_utc_stamp(char *out, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (size == 0)
        return;
    out[0] = '\0';
    if (gmtime_r(&now, &tm))
        strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
