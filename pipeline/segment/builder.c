/* segment/builder.c: see builder.h. */
#include "segment/builder.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"
#include "segment/lines.h"
#include "utf8.h"
#include "util.h"

static bool is_row(const char *s)
{
    return strchr(s, '\t') != NULL;
}

/* Starts a section and reserves its slot in the item, so that a section suspended while
 * an inserted one runs (see build_item) still lands in document order. */
void seg_builder_start(struct seg_builder *b, struct mn_item *it, struct seg_section_texts *tx,
                       const char *kind, const char *heading)
{
    const struct mn_rules *rules = b->rules;
    size_t wide = b->wide;
    memset(b, 0, sizeof *b);
    b->rules = rules;
    b->wide = wide;
    mn_buf_init(&b->text, 0);
    mn_buf_init(&b->flat, 0);
    mn_buf_init(&b->order, 0);
    b->sec.kind = xstrdup(kind);
    b->sec.heading = heading ? xstrdup(heading) : NULL;
    b->active = true;
    MN_GROW(it->sections, it->nsections + 1, it->sections_alloc);
    memset(&it->sections[it->nsections], 0, sizeof it->sections[0]);
    b->slot = it->nsections++;
    mn_strings_push(&tx->flat, "");
    mn_strings_push(&tx->order, "");
}

/* True while a parenthesis opened in 's' has not closed: the entry goes on. */
static bool open_paren(const char *s)
{
    int depth = 0;
    for (; *s; s++)
        depth += *s == '(' ? 1 : *s == ')' && depth > 0 ? -1 : 0;
    return depth > 0;
}

/* A line that ends a paragraph without a blank line after it: clearly shorter than the
 * text's wrapped lines, and the next starts like a sentence (Ballerup's "Sagsnr.: ..." /
 * "Dok.nr.: ...", a sub-heading "Budget 2020" above its paragraph). */
static bool ended_short(const struct seg_builder *b, const char *next)
{
    /* a line ending in ':' leads into what follows ("med denne bemærkning:") */
    bool url = strncmp(next, "http", 4) == 0 || strncmp(next, "www.", 4) == 0;
    return b->wide > 0 && b->last_len > 0 && b->last_len * 10 < b->wide * 6 &&
           (seg_starts_upper(next) || url) && !b->last_colon;
}

/* True when the first word of 'next' would have fitted on the line before it: the break
 * before 'next' was the author's, not the typesetter's. Measured in code points against the
 * column width, with a tenth of it to spare for proportional type; where the page's geometry
 * says the word would not have fitted (b->next_fits), it did not: wide letters fill a line
 * sooner than a count of them says. Geometry alone does not say "fitted": a page's right
 * edge is measured on its longest lines, which short paragraphs may never reach. */
static bool would_have_fit(const struct seg_builder *b, const char *next)
{
    if (b->next_fits == 2)
        return false;
    size_t bytes = strcspn(next, " \t"), word = mn_utf8_strlen(next, bytes);
    return b->wide > 0 && b->last_len > 0 && (b->last_len + 1 + word) * 10 <= b->wide * 9;
}

void seg_builder_line(struct seg_builder *b, const char *s)
{
    bool row = is_row(s);
    struct mn_match m;
    mn_match_init(&m);
    if (b->para_open && (ended_short(b, s) || seg_match(b->rules, "entry", s, &m)))
        b->para_open = false;
    /* a sentence ended where the next line's first word would have fitted: the author broke
     * the line, a paragraph ends ("... skal der vælges en suppleant." / "Karl Nielsen ...") */
    if (b->para_open && !row && b->text.len > 0 && strchr(".!?", b->text.buf[b->text.len - 1]) &&
        would_have_fit(b, s) && seg_starts_upper(s) && !mn_isdigit((unsigned char)s[0]))
        b->para_open = false;
    /* a Bilag list without bullets: a line is an attachment of its own, unless the one
     * before it was full (a long title wrapped) */
    if (b->para_open && !row && strcmp(b->sec.kind, "attachments") == 0 &&
        (b->wide == 0 || would_have_fit(b, s)))
        b->para_open = false;
    mn_match_release(&m);
    size_t len = seg_cp_len(s);
    if (b->bullet_open && !row && b->sec.bullets.n > 0) {
        char **last = &b->sec.bullets.v[b->sec.bullets.n - 1];
        /* a number at the start of a line is no sign of a new sentence ("... for" / "2025") */
        bool ended = seg_ends_sentence(*last) || ended_short(b, s) ||
                     (would_have_fit(b, s) && !mn_isdigit((unsigned char)s[0]));
        if (open_paren(*last) || !(ended && seg_starts_upper(s))) {
            struct mn_buf nb = MN_BUF_INIT;
            mn_buf_adds(&nb, *last);
            mn_buf_addch(&nb, ' ');
            mn_buf_adds(&nb, s);
            free(*last);
            *last = mn_buf_detach(&nb, NULL);
            mn_buf_addch(&b->flat, ' ');
            mn_buf_adds(&b->flat, s);
            b->last_len = len;
            return;
        }
        b->bullet_open = false;
    }
    if (b->para_open) {
        /* "og/" + "eller" is one word broken at its slash */
        bool slash = b->text.len > 0 && b->text.buf[b->text.len - 1] == '/';
        if (!slash || row) {
            mn_buf_addch(&b->text, row ? '\n' : ' ');
            mn_buf_addch(&b->flat, row ? '\n' : ' ');
        }
    } else {
        if (b->text.len)
            mn_buf_adds(&b->text, "\n\n");
        if (b->flat.len)
            mn_buf_adds(&b->flat, "\n\n");
        b->para_open = true;
        mn_buf_addch(&b->order, 'P');
    }
    mn_buf_adds(&b->text, s);
    mn_buf_adds(&b->flat, s);
    b->last_len = len;
    size_t n = strlen(s);
    b->last_colon = n > 0 && s[n - 1] == ':';
    b->last_leads = seg_leads_into_list(s, n);
}

/* A list entry without a glyph ([point] rules: "1. dagsordenen godkendes", "at planen
 * godkendes") is one where a list can be: after a line that leads into one ("indstiller,
 * at"), after another such entry, or anywhere in a Bilag section. Elsewhere it is prose: a
 * numbered paragraph, a wrapped line that happens to start with an ordinal. Never in a
 * decision: there "4. anbefales" answers the recommendation's point 4, and the number is the
 * content. Returns the entry's text (borrowed from 's') or NULL. */
const char *seg_builder_glyphless_entry(const struct seg_builder *b, const char *s,
                                        struct mn_match *m)
{
    bool place = b->last_leads || (b->bullet_open && b->glyphless) ||
                 strcmp(b->sec.kind, "attachments") == 0;
    const struct mn_rule *r;
    if (!place || strcmp(b->sec.kind, "decision") == 0 ||
        !(r = mn_rules_match_kind(b->rules, "point", s, strlen(s), m)))
        return NULL;
    /* an unnumbered "at ..." clause is a point of a recommendation only */
    if (strcmp(mn_rule_name(r), "clause") == 0 && strcmp(b->sec.kind, "recommendation") != 0)
        return NULL;
    const char *text = NULL;
    size_t len = 0;
    if (!mn_match_group(m, "text", &text, &len) || len == 0)
        return NULL;
    return text;
}

void seg_builder_entry(struct seg_builder *b, const char *s)
{
    b->para_open = false;
    b->last_len = seg_cp_len(s) + 2;
    mn_strings_push(&b->sec.bullets, s);
    mn_buf_addch(&b->order, 'B');
    if (b->flat.len)
        mn_buf_adds(&b->flat, b->bullet_open ? "\n" : "\n\n");
    mn_buf_adds(&b->flat, s);
    b->bullet_open = true;
}

void seg_builder_blank(struct seg_builder *b)
{
    b->last_len = 0;
    b->para_open = false;
    b->bullet_open = false;
}

/* Closes the section into its slot; remembers its flat text for the decision. */
void seg_builder_finish(struct seg_builder *b, struct mn_item *it, struct seg_section_texts *tx)
{
    if (!b->active)
        return;
    b->sec.text = mn_buf_detach(&b->text, NULL);
    it->sections[b->slot] = b->sec;
    free(tx->flat.v[b->slot]);
    tx->flat.v[b->slot] = mn_buf_detach(&b->flat, NULL);
    free(tx->order.v[b->slot]);
    tx->order.v[b->slot] = mn_buf_detach(&b->order, NULL);
    b->active = false;
}
