/* t.h: a small unit-test harness. Each test binary ends with "N passed, N failed".
 * CHECK* record a failure and go on; RUN runs one test function. */
#ifndef MN_T_H
#define MN_T_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed, t_current_failed;
static const char *t_current = "";

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, t_current,    \
                    #cond);                                                                      \
            t_current_failed = 1;                                                                \
        }                                                                                        \
    } while (0)

#define CHECK_INT(a, b)                                                                          \
    do {                                                                                         \
        long long t_a = (long long)(a), t_b = (long long)(b);                                    \
        if (t_a != t_b) {                                                                        \
            fprintf(stderr, "%s:%d: %s: %s == %lld, expected %lld\n", __FILE__, __LINE__,       \
                    t_current, #a, t_a, t_b);                                                    \
            t_current_failed = 1;                                                                \
        }                                                                                        \
    } while (0)

#define CHECK_STR(a, b)                                                                          \
    do {                                                                                         \
        const char *t_a = (a), *t_b = (b);                                                       \
        if (!t_a || !t_b ? t_a != t_b : strcmp(t_a, t_b) != 0) {                                 \
            fprintf(stderr, "%s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__,   \
                    t_current, #a, t_a ? t_a : "(null)", t_b ? t_b : "(null)");                  \
            t_current_failed = 1;                                                                \
        }                                                                                        \
    } while (0)

#define RUN(fn)                                                                                  \
    do {                                                                                         \
        t_current = #fn;                                                                         \
        t_current_failed = 0;                                                                    \
        fn();                                                                                    \
        if (t_current_failed) {                                                                  \
            t_failed++;                                                                          \
            printf("not ok - %s\n", #fn);                                                        \
        } else {                                                                                 \
            t_passed++;                                                                          \
            printf("ok - %s\n", #fn);                                                            \
        }                                                                                        \
    } while (0)

/* Records one named case (for table-driven tests). */
#define CASE_RESULT(name, ok)                                                                    \
    do {                                                                                         \
        if (ok) {                                                                                \
            t_passed++;                                                                          \
            printf("ok - %s\n", (name));                                                         \
        } else {                                                                                 \
            t_failed++;                                                                          \
            printf("not ok - %s\n", (name));                                                     \
        }                                                                                        \
    } while (0)

#define DONE() (printf("%d passed, %d failed\n", t_passed, t_failed), t_failed ? 1 : 0)

#endif
