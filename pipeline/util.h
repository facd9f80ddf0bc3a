/* util.h: allocation wrappers that die on out-of-memory, and ASCII helpers.
 *
 * Out-of-memory is not an input error: the x* wrappers print one line and abort, so that
 * error paths elsewhere only cover bad input, I/O and library failures (git's wrapper.c). */
#ifndef MN_UTIL_H
#define MN_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define MN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MN_WUR __attribute__((warn_unused_result))

/* 1 in builds whose run-time checks for leaks at exit (AddressSanitizer: gcc's macro, clang's
 * feature test): memory a normal build leaves to the kernel at exit is freed there, so that
 * every report is a real leak. */
#if defined(__SANITIZE_ADDRESS__)
#define MN_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MN_LEAK_CHECKED 1
#endif
#endif
#ifndef MN_LEAK_CHECKED
#define MN_LEAK_CHECKED 0
#endif

/* Never return NULL; abort on exhaustion. Results are freed with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows an array so that it holds at least 'need' elements of 'elem' bytes. */
void *mn_grow(void *p, size_t *alloc, size_t need, size_t elem);
#define MN_GROW(arr, n_needed, alloc) ((arr) = mn_grow((arr), &(alloc), (n_needed), sizeof(*(arr))))

static inline bool mn_isdigit(int c)
{
    return c >= '0' && c <= '9';
}
static inline bool mn_isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline bool mn_isupper_ascii(int c)
{
    return c >= 'A' && c <= 'Z';
}
static inline bool mn_islower_ascii(int c)
{
    return c >= 'a' && c <= 'z';
}

/* Writes the current UTC time as "2024-06-03T08:15:00Z" into 'out' (at least 32 bytes; empty
 * if the clock cannot be read). Never fails. */
void mn_utc_stamp(char *out, size_t size);

/* Parses a whole decimal integer in [min, max]. Returns 0, or -1 when 's' is not one. */
int mn_parse_int(const char *s, long min, long max, long *out) MN_WUR;

#endif
