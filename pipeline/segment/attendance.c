/* segment/attendance.c: see attendance.h. */
#include "segment/attendance.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "fields.h"
#include "rules.h"
#include "segment/lines.h"
#include "util.h"

enum field { NONE_F, PRESENT, ABSENT };

/* The people field a [header] label names, or NONE_F; *value gets what follows the label
 * (borrowed from 's' via the match; may be empty). */
static enum field label_field(const struct mn_rules *rules, const char *s, const char **value,
                              size_t *vlen, struct mn_match *m)
{
    const struct mn_rule *r = mn_rules_match_kind(rules, "header", s, strlen(s), m);
    if (!r)
        return NONE_F;
    const char *name = mn_rule_name(r);
    enum field f = strcmp(name, "participants") == 0 || strcmp(name, "members") == 0 ? PRESENT
                   : strcmp(name, "absent") == 0                                     ? ABSENT
                                                                                     : NONE_F;
    if (f != NONE_F && !mn_match_group(m, "value", value, vlen)) {
        *value = "";
        *vlen = 0;
    }
    return f;
}

/* An entry of a list of people: the bullet cut, and a status after the name ("Lars: Deltog")
 * kept apart in *status (NULL when none). A new string, or NULL when the line is no person. */
static char *person_entry(const char *s, const char **status)
{
    if (seg_is_bullet(s))
        s += SEG_BULLET_LEN;
    s += strspn(s, " ");
    *status = NULL;
    const char *colon = strstr(s, ": ");
    char *name = colon ? xstrndup(s, (size_t)(colon - s)) : xstrdup(s);
    if (colon)
        *status = colon + 2;
    if (!seg_person_like(name)) {
        free(name);
        return NULL;
    }
    return name;
}

size_t mn_attendance_start(const struct mn_rules *rules, const struct mn_lines *l, size_t from,
                           size_t to, struct mn_match *m)
{
    for (size_t i = from; i < to; i++) {
        const char *s = l->v[i].text, *v;
        size_t vl;
        if (!*s || (i > from && l->v[i - 1].text[0] && !seg_ends_sentence(l->v[i - 1].text)))
            continue;
        if (label_field(rules, s, &v, &vl, m) == NONE_F)
            continue;
        if (vl > 0 && memchr(v, ',', vl))
            return i; /* "Deltagere: A, B og C." */
        size_t people = 0, seen = 0;
        for (size_t k = i + 1; k < to && seen < 4; k++) {
            if (!l->v[k].text[0])
                continue;
            seen++;
            const char *st;
            char *p = person_entry(l->v[k].text, &st);
            people += p != NULL;
            free(p);
        }
        if (people >= 2)
            return i;
    }
    return to;
}

/* "Der var afbud fra X" / "Afbud fra X": the absentees named in a sentence of the block. */
static const char *apologies(const char *s)
{
    static const char *const lead[] = {"Der var afbud fra ", "der var afbud fra ", "Afbud fra ",
                                       "afbud fra "};
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
        const char *p = strstr(s, lead[k]);
        if (p)
            return p + strlen(lead[k]);
    }
    return NULL;
}

static void append(struct mn_buf *b, const char *s, size_t n)
{
    while (n > 0 && strchr(" .", s[n - 1]))
        n--;
    if (n == 0)
        return;
    if (b->len)
        mn_buf_adds(b, "\n");
    mn_buf_add(b, s, n);
}

size_t mn_attendance_read(const struct mn_rules *rules, struct mn_doc *doc, size_t from, size_t to,
                          struct mn_match *m)
{
    bool known = doc->meeting.participants.n > 0;
    const struct mn_lines *l = &doc->lines;
    size_t i;
    struct mn_buf present = MN_BUF_INIT, absent = MN_BUF_INIT;
    enum field f = NONE_F;
    for (i = from; i < to; i++) {
        const char *s = l->v[i].text, *v;
        size_t vl;
        if (!*s)
            continue;
        enum field lf = label_field(rules, s, &v, &vl, m);
        if (lf == NONE_F && i > from && mn_rules_match_kind(rules, "header", s, strlen(s), m))
            break; /* another header label: no attendance */
        if (lf != NONE_F) {
            f = lf;
            s = v;
            if (vl == 0)
                continue;
        }
        const char *away = apologies(s);
        size_t own = away ? (size_t)(strstr(s, "fra ") - s) : strlen(s);
        if (away) { /* the sentence before "Der var afbud fra" is the list itself */
            const char *dot = s + own;
            while (dot > s && *dot != '.')
                dot--;
            own = (size_t)(dot - s);
            append(&absent, away, strlen(away));
        }
        const char *status;
        char *name = person_entry(s, &status);
        if (name && status) {
            bool gone = strncasecmp(status, "afbud", 5) == 0 || strncasecmp(status, "fravær", 7) == 0 ||
                        strncasecmp(status, "ikke", 4) == 0;
            struct mn_buf *to_b = gone ? &absent : &present;
            const char *paren = strchr(status, '(');
            struct mn_buf e = MN_BUF_INIT;
            mn_buf_adds(&e, name);
            if (paren) { /* "Afbud (Stedfortræder X, fraværende ved sag 1-4. )": its remark */
                mn_buf_adds(&e, " (");
                mn_buf_add(&e, paren + 1, strcspn(paren + 1, ")"));
                mn_buf_adds(&e, ")");
            }
            append(to_b, e.buf, e.len);
            mn_buf_release(&e);
        } else if (f != NONE_F && own > 0 && (lf != NONE_F || name || strchr(s, ','))) {
            append(f == ABSENT ? &absent : &present, s, own);
        } else if (!away) {
            free(name);
            break; /* no label, no person, no apologies: the attendance has ended */
        }
        free(name);
    }
    if (present.len && !known)
        mn_fields_people(rules, present.buf, &doc->meeting.participants);
    if (absent.len && !known)
        mn_fields_people(rules, absent.buf, &doc->meeting.absent);
    mn_buf_release(&present);
    mn_buf_release(&absent);
    return i;
}
