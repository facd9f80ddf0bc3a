/* buf.h: a growable byte buffer (git strbuf invariants, curl dynbuf's cap).
 *
 * Invariants: 'buf' is never NULL after init and always NUL-terminated; 'len' excludes the NUL.
 * Appends never fail: out-of-memory aborts, and an append past 'limit' (0 = none) is dropped
 * and sets the sticky 'toobig' flag, which the owning stage checks once. */
#ifndef MN_BUF_H
#define MN_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct mn_buf {
    char *buf;    /* never NULL after init; always NUL-terminated */
    size_t len;   /* bytes used, excluding the NUL */
    size_t alloc; /* private: 0 while buf points at the shared empty string */
    size_t limit; /* 0 = unlimited */
    bool toobig;  /* sticky: an append hit 'limit' */
};

extern char mn_buf_empty[];
#define MN_BUF_INIT {.buf = mn_buf_empty}

void mn_buf_init(struct mn_buf *b, size_t hint);
void mn_buf_release(struct mn_buf *b); /* frees; leaves b as after MN_BUF_INIT */
void mn_buf_reset(struct mn_buf *b);   /* len = 0, keeps memory */
void mn_buf_add(struct mn_buf *b, const void *p, size_t n);
void mn_buf_adds(struct mn_buf *b, const char *s);
void mn_buf_addch(struct mn_buf *b, char c);
void mn_buf_addf(struct mn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mn_buf_setlen(struct mn_buf *b, size_t n); /* n <= len */
/* Trims ASCII white space at both ends. */
void mn_buf_trim(struct mn_buf *b);
/* Hands the malloc'd string to the caller (free()); b is reset to empty. */
char *mn_buf_detach(struct mn_buf *b, size_t *len);

#endif
