/* segment/resolve.c: decisions of minutes without section labels (see resolve.h). */
#include "segment/resolve.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"
#include "util.h"

struct block {
    char *text; /* owned */
    bool bullet;
    bool resolution;
};

/* Splits the section's text and bullets into blocks in the order 'order' gives. Returns the
 * number of blocks, or (size_t)-1 when 'order' does not account for them exactly. */
static size_t split_blocks(const struct mn_section *sec, const char *order, struct block **out)
{
    size_t n = strlen(order), nb = 0;
    struct block *v = xcalloc(n ? n : 1, sizeof *v);
    const char *p = sec->text ? sec->text : "";
    for (size_t k = 0; k < n; k++) {
        if (order[k] == 'B') {
            if (nb >= sec->bullets.n)
                goto mismatch;
            v[k].text = xstrdup(sec->bullets.v[nb++]);
            v[k].bullet = true;
        } else {
            if (!*p)
                goto mismatch;
            const char *e = strstr(p, "\n\n");
            size_t len = e ? (size_t)(e - p) : strlen(p);
            v[k].text = xstrndup(p, len);
            p += len + (e ? 2 : 0);
        }
    }
    if (*p || nb != sec->bullets.n)
        goto mismatch;
    *out = v;
    return n;
mismatch:
    for (size_t k = 0; k < n; k++)
        free(v[k].text);
    free(v);
    *out = NULL;
    return (size_t)-1;
}

static bool is_resolution(const struct mn_rules *rules, const char *s, bool only_block,
                          struct mn_match *m)
{
    const struct mn_rule *r = mn_rules_match_kind(rules, "resolution", s, strlen(s), m);
    if (!r)
        return false;
    if (strcmp(mn_rule_name(r), "nothing") == 0)
        return only_block;
    return true;
}

/* Appends a section of 'kind' made of blocks [from, to) to 'it'. */
static void push_section(struct mn_item *it, const char *kind, const struct block *v,
                         size_t from, size_t to)
{
    struct mn_buf text = MN_BUF_INIT;
    MN_GROW(it->sections, it->nsections + 1, it->sections_alloc);
    struct mn_section *sec = &it->sections[it->nsections++];
    memset(sec, 0, sizeof *sec);
    sec->kind = xstrdup(kind);
    for (size_t k = from; k < to; k++) {
        if (v[k].bullet) {
            mn_strings_push(&sec->bullets, v[k].text);
        } else {
            if (text.len)
                mn_buf_adds(&text, "\n\n");
            mn_buf_adds(&text, v[k].text);
        }
    }
    sec->text = mn_buf_detach(&text, NULL);
}

bool mn_resolve_item(const struct mn_rules *rules, struct mn_item *it, const char *order,
                     struct mn_match *m)
{
    if (it->nsections != 1 || strcmp(it->sections[0].kind, "text") != 0 || it->decision)
        return false;
    struct block *v = NULL;
    size_t n = split_blocks(&it->sections[0], order, &v);
    if (n == (size_t)-1 || n == 0) {
        free(v);
        return false;
    }
    size_t nres = 0;
    for (size_t k = 0; k < n; k++) {
        v[k].resolution = is_resolution(rules, v[k].text, n == 1, m);
        nres += v[k].resolution;
    }
    if (nres > 0) {
        struct mn_section old = it->sections[0];
        it->nsections = 0;
        struct mn_buf decision = MN_BUF_INIT;
        for (size_t k = 0; k < n;) {
            size_t e = k + 1;
            while (e < n && v[e].resolution == v[k].resolution)
                e++;
            push_section(it, v[k].resolution ? "decision" : "text", v, k, e);
            for (size_t j = k; j < e && v[k].resolution; j++) {
                if (decision.len)
                    mn_buf_adds(&decision, "\n\n");
                mn_buf_adds(&decision, v[j].text);
            }
            k = e;
        }
        it->decision = mn_buf_detach(&decision, NULL);
        free(old.kind);
        free(old.heading);
        free(old.text);
        mn_strings_release(&old.bullets);
    }
    for (size_t k = 0; k < n; k++)
        free(v[k].text);
    free(v);
    return nres > 0;
}

bool mn_resolve_title(const struct mn_rules *rules, struct mn_item *it, struct mn_match *m)
{
    if (it->nsections > 0 || it->decision || !it->title || !is_resolution(rules, it->title, false, m))
        return false;
    it->decision = xstrdup(it->title);
    return true;
}
