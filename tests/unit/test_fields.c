/* test_fields.c: Danish dates, times and participant lists, table-driven from
 * tests/cases/fields.txt and tests/cases/people.txt. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "fields.h"
#include "rules.h"
#include "t.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct mn_buf b = MN_BUF_INIT;
    char chunk[4096];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        mn_buf_add(&b, chunk, n);
    fclose(f);
    return mn_buf_detach(&b, NULL);
}

/* Splits into lines in place; returns the count. */
static size_t split_lines(char *s, char **lines, size_t max)
{
    size_t n = 0;
    for (char *p = s; p && *p && n < max;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lines[n++] = p;
        p = nl ? nl + 1 : NULL;
    }
    return n;
}

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

static void unescape_newlines(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] == 'n') {
            *w++ = '\n';
            p++;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

static void run_dates(const struct mn_rules *r)
{
    char *text = read_file("tests/cases/fields.txt");
    char *lines[512];
    CHECK(text != NULL);
    if (!text)
        return;
    size_t n = split_lines(text, lines, 512);
    for (size_t i = 0; i + 1 < n; i++) {
        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        char iso[11] = "", st[6] = "", en[6] = "", got[64];
        bool d = mn_fields_date(r, lines[i], iso);
        mn_fields_time(r, lines[i], st, en);
        snprintf(got, sizeof got, "%s %s %s", d ? iso : "-", st[0] ? st : "-", en[0] ? en : "-");
        bool ok = strcmp(got, lines[i + 1]) == 0;
        if (!ok)
            fprintf(stderr, "date case '%s': got '%s', want '%s'\n", lines[i], got, lines[i + 1]);
        char name[200];
        snprintf(name, sizeof name, "date/time: %.150s", lines[i]);
        CASE_RESULT(name, ok);
        i++;
    }
    free(text);
}

static void run_people(const struct mn_rules *r)
{
    char *text = read_file("tests/cases/people.txt");
    char *lines[512];
    CHECK(text != NULL);
    if (!text)
        return;
    size_t n = split_lines(text, lines, 512);
    for (size_t i = 0; i < n; i++) {
        if (!lines[i][0] || lines[i][0] == '#')
            continue;
        char *input = lines[i];
        unescape_newlines(input);
        struct mn_people people = {0};
        mn_fields_people(r, input, &people);
        size_t k = i + 1, got = 0;
        bool ok = true;
        for (; k < n && lines[k][0]; k++, got++) {
            char have[600] = "(none)";
            if (got < people.n)
                snprintf(have, sizeof have, "%s | %s | %s | %s", people.v[got].name,
                         or_dash(people.v[got].affiliation), or_dash(people.v[got].role),
                         or_dash(people.v[got].note));
            if (strcmp(have, lines[k]) != 0) {
                fprintf(stderr, "people case: got '%s', want '%s'\n", have, lines[k]);
                ok = false;
            }
        }
        if (got != people.n) {
            fprintf(stderr, "people case: %zu people, want %zu\n", people.n, got);
            ok = false;
        }
        char name[200];
        snprintf(name, sizeof name, "people: %.150s", input);
        for (char *p = name; *p; p++)
            if (*p == '\n')
                *p = '/';
        CASE_RESULT(name, ok);
        mn_people_release(&people);
        i = k;
    }
    free(text);
}

int main(void)
{
    struct mn_error err = {0};
    struct mn_rules *r = mn_rules_new();
    if (mn_rules_load_dir(r, "rules", &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    run_dates(r);
    run_people(r);
    mn_rules_free(r);
    return DONE();
}
