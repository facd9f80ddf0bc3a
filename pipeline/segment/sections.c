/* segment/sections.c: see sections.h. */
#include "segment/sections.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "layout.h"
#include "rules.h"
#include "segment/builder.h"
#include "segment/history.h"
#include "segment/lines.h"
#include "segment/resolve.h"
#include "utf8.h"
#include "util.h"

/* A line the section rules take for a label, but which is a sentence wrapped onto the next
 * line: long (six words or more), no colon in it, and the next line goes on in lower
 * case ("Sagen indeholder samtidig opfølgning på Byrådets beslutning den 29. januar 2024" /
 * "om en redegørelse ..."). Real labels are short or are followed by a new sentence. */
bool mn_sections_label_is_prose(const struct mn_lines *l, size_t i, size_t to)
{
    const char *s = l->v[i].text;
    const char *tab = strchr(s, '\t');
    if (tab && tab != s)
        return false; /* "Baggrund<TAB>På mødet ...": a label column's label, its text beside */
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    /* a lower-case line under a sentence that goes on is that sentence's end ("... forholde
     * sig i" / "sagen."), not a label */
    if (n > 0 && seg_starts_lower(s) && i > 0 && l->v[i - 1].text[0] && !seg_ends_sentence(l->v[i - 1].text))
        return true;
    /* "Beslutning: Udvalget godkendte ..." wraps like prose and is still a label */
    if (n == 0 || memchr(s, ':', n) || i + 1 >= to || !seg_starts_lower(l->v[i + 1].text))
        return false;
    int words = 1;
    for (size_t k = 0; k < n; k++)
        words += s[k] == ' ' && k + 1 < n && s[k + 1] != ' ';
    return words >= 6;
}

/* Splits "Label: rest" into the heading (no trailing colon) and the rest. */
static char *label_heading(const char *line, struct mn_match *m, char **rest)
{
    const char *r;
    size_t rl;
    *rest = NULL;
    size_t hl = strlen(line);
    if (mn_match_group(m, "rest", &r, &rl)) {
        hl = (size_t)(r - line);
        if (rl)
            *rest = xstrndup(r, rl);
    }
    while (hl > 0 && (line[hl - 1] == ' ' || line[hl - 1] == ':' || line[hl - 1] == '\t'))
        hl--;
    return seg_tabs_to_spaces(xstrndup(line, hl));
}

/* Length of a point's number mark ("1. ", "2) "), 0 when it has none. */
static size_t point_mark_len(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && i < 2 && mn_isdigit((unsigned char)p[i]))
        i++;
    if (i == 0 || i + 1 >= n || (p[i] != '.' && p[i] != ')') || (p[i + 1] != ' ' && p[i + 1] != '\t'))
        return 0;
    return i + 2;
}

/* The paragraphs after an Indstilling's first one are its points when that one leads into
 * them ("..., at", "...:") or when each is marked as one ("1) ...", "at ..."); otherwise they
 * are prose ("Administrationen indstiller at dagsordenen godkendes." / "Det nødvendige
 * materiale er udsendt efter fristen."). 'rest' is the text after the first paragraph. */
static bool paragraphs_are_points(const char *intro, const char *rest)
{
    size_t n = strlen(intro);
    while (n > 0 && intro[n - 1] == ' ')
        n--;
    if (seg_leads_into_list(intro, n))
        return true;
    for (const char *p = rest; *p;) {
        const char *e = strstr(p, "\n\n");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (point_mark_len(p, len) == 0 && strncmp(p, "at ", 3) != 0)
            return false;
        p += len + (e ? 2 : 0);
    }
    return true;
}

/* True when every paragraph of 'text' starts as an attachment entry does ("2012-208960 -
 * ...", "Bilag 3: ..."): a list of entries, not a list item that lost its bullet. */
static bool all_entries(const struct mn_rules *rules, const char *text, struct mn_match *m)
{
    for (const char *p = text; *p;) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *para = xstrndup(p, n);
        bool ok = seg_match(rules, "entry", para, m);
        free(para);
        if (!ok)
            return false;
        p += n + (e ? 2 : 0);
    }
    return true;
}

/* Line i of [from, to) is a recommendation's intro that stands without an Indstilling label
 * above it ("Direktionen indstiller," / "at ..." / "at ..."): the [intro] rules take it, it
 * leads into a list, and the next line is a point (a bullet, "at ...", "1) ..."). */
static bool unlabelled_intro(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                             size_t to, struct mn_match *m)
{
    const char *s = l->v[i].text;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (!seg_leads_into_list(s, n) || !seg_match(rules, "intro", s, m))
        return false;
    size_t j = seg_next_nonblank(l, i + 1, to);
    if (j >= to)
        return false;
    const char *p = l->v[j].text;
    if (!(seg_is_bullet(p) || strncasecmp(p, "at ", 3) == 0 || point_mark_len(p, strlen(p)) > 0 ||
          seg_paren_number_len(p) > 0))
        return false;
    /* a list inside the case's presentation, when the item's own Indstilling comes later */
    for (size_t k = j; k < to; k++)
        if (l->v[k].text[0] && seg_match(rules, "section", l->v[k].text, m) &&
            strcmp(mn_rule_name(m->rule), "recommendation") == 0)
            return false;
    return true;
}

static bool item_has_kind(const struct mn_item *it, const char *kind)
{
    for (size_t k = 0; k < it->nsections; k++)
        if (it->sections[k].kind && strcmp(it->sections[k].kind, kind) == 0)
            return true;
    return false;
}

/* Line i is a label the lexicon does not know but the type shows: a short bold line, no
 * sentence, in a document whose text around it is not bold ("Tidsplan", "Øvrige forhold",
 * "Miljøvurdering" set like the known labels). Only a section that records something
 * (decision, recommendation, attachments, another label's section) ends at it: inside the
 * case's presentation a bold line is as often a sub-heading of its text. */
static bool typeset_label(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                          size_t to, struct mn_match *m)
{
    const struct mn_line *ln = &l->v[i];
    const char *s = ln->text;
    size_t n = strlen(s);
    if (!ln->bold || n == 0 || n > 60 || !seg_starts_upper(s) || mn_isdigit((unsigned char)*s) ||
        strchr(".,;!?", s[n - 1]) || seg_is_bullet(s) || strchr(s, '\t'))
        return false;
    int words = 1;
    for (size_t k = 0; k + 1 < n; k++)
        words += s[k] == ' ' && s[k + 1] != ' ';
    if (words > 6)
        return false;
    size_t j = seg_next_nonblank(l, i + 1, to);
    if (j >= to || l->v[j].bold || l->v[j].page != ln->page)
        return false;
    return !seg_match(rules, "verdict", s, m) && !seg_match(rules, "resolution", s, m) &&
           !seg_match(rules, "item", s, m);
}

/* Length of the left cell of "label<TAB>value" when it reads as a label of a label column
 * (labels in a left column, their text beside them: Cicero, EG and the like print every
 * section so): a short phrase with a capital, no number first, no sentence end, and text
 * beside it; 0 otherwise. Whether the item is laid out so is the caller's to know. */
static size_t column_label_len(const struct mn_rules *rules, const char *s, struct mn_match *m)
{
    const char *tab = strchr(s, '\t');
    if (!tab || tab == s || strchr(tab + 1, '\t') || !tab[1 + strspn(tab + 1, " ")])
        return 0;
    size_t n = (size_t)(tab - s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || mn_utf8_strlen(s, n) > 40 || !seg_starts_upper(s) ||
        mn_isdigit((unsigned char)*s) || strchr(".,;!?", s[n - 1]) || seg_is_bullet(s))
        return 0;
    int words = 1;
    for (size_t k = 0; k + 1 < n; k++)
        words += s[k] == ' ' && s[k + 1] != ' ';
    if (words > 5)
        return 0;
    char *label = xstrndup(s, n);
    bool other = seg_match(rules, "item", s, m) || seg_match(rules, "verdict", label, m) ||
                 seg_match(rules, "resolution", label, m);
    free(label);
    return other ? 0 : n;
}

/* The item is laid out in a label column: one of its known section labels has its text
 * beside it after a tab ("Beslutning<TAB>Godkendt."). Then any label-like left cell is a
 * section's heading, known to the lexicon or not ("Sagens kerne<TAB>..."). */
static bool item_has_label_column(const struct mn_rules *rules, const struct mn_lines *l,
                                  size_t from, size_t to, struct mn_match *m)
{
    for (size_t i = from; i < to; i++) {
        const char *s = l->v[i].text, *tab = strchr(s, '\t');
        if (!tab || tab == s || !column_label_len(rules, s, m))
            continue;
        char *label = xstrndup(s, (size_t)(tab - s));
        bool known = seg_match(rules, "section", label, m);
        free(label);
        if (known)
            return true;
    }
    return false;
}

/* A label of a label column wrapped over lines of its own under its first, at the column's
 * x, its text beside the first ("Beskæftigelses- og<TAB>Udsat, ..." / "Erhvervsudvalget" /
 * "13.05.2024"): appends them to *heading and returns the last line used (label_line when
 * none). Needs the lines' places; plain text has none. */
static size_t label_fragments(const struct mn_lines *l, size_t label_line, size_t to,
                              char **heading)
{
    const struct mn_line *first = &l->v[label_line];
    size_t last = label_line;
    if (first->x < 0)
        return last;
    for (size_t j = label_line + 1; j < to; j++) {
        const struct mn_line *f = &l->v[j];
        size_t n = strlen(f->text);
        if (n == 0 || f->page != first->page || f->x < 0 || f->x - first->x > 2.0 ||
            first->x - f->x > 2.0 || strchr(f->text, '\t') || mn_utf8_strlen(f->text, n) > 40)
            break;
        struct mn_buf h = MN_BUF_INIT;
        size_t hl = strlen(*heading);
        /* "Beskæftigel-" / "sesudvalget": a word broken at the column's edge */
        if (hl > 1 && (*heading)[hl - 1] == '-' && (*heading)[hl - 2] != ' ' && seg_starts_lower(f->text))
            mn_buf_add(&h, *heading, hl - 1);
        else {
            mn_buf_adds(&h, *heading);
            mn_buf_adds(&h, " ");
        }
        mn_buf_adds(&h, f->text);
        free(*heading);
        *heading = mn_buf_detach(&h, NULL);
        last = j;
    }
    return last;
}

/* The file extensions of attachments a web export links by name; a web address or a path
 * ("http:/..." as OCR reads it) is a link in the text, wherever it points. */
static bool attachment_file(const char *w, size_t n)
{
    if (memchr(w, '/', n) || memchr(w, '\\', n) || (n > 4 && strncasecmp(w, "www.", 4) == 0))
        return false;
    static const char *const ext[] = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
                                      ".pptx", ".odt", ".ods", ".rtf", ".msg", ".jpg", ".png"};
    for (size_t k = 0; k < MN_ARRAY_SIZE(ext); k++) {
        size_t e = strlen(ext[k]);
        if (n > e && strncasecmp(w + n - e, ext[k], e) == 0)
            return true;
    }
    return false;
}

/* The next word at *p (its length in *n), moving *p past it; NULL at the line's end. */
static const char *next_word(const char **p, size_t *n)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
    const char *w = *p;
    while (**p && **p != ' ' && **p != '\t')
        (*p)++;
    *n = (size_t)(*p - w);
    return *n ? w : NULL;
}

/* A line that is nothing but the file names of attachments ("Arbejdsplan_2019.pdf
 * Vision_og_strategi_2019-21.pdf", the links a web export prints above an item's text):
 * adds each name as an entry of an attachment list and returns true; false (nothing added)
 * for any other line. */
static bool attachment_files(struct seg_builder *b, struct mn_item *it,
                             struct seg_section_texts *tx, const char *s)
{
    size_t names = 0, n;
    for (const char *p = s, *w; (w = next_word(&p, &n));) {
        if (!attachment_file(w, n))
            return false;
        names++;
    }
    if (names == 0)
        return false;
    if (!b->active || strcmp(b->sec.kind, "attachments") != 0) {
        seg_builder_finish(b, it, tx);
        seg_builder_start(b, it, tx, "attachments", NULL);
    }
    for (const char *p = s, *w; (w = next_word(&p, &n));) {
        char *name = xstrndup(w, n);
        seg_builder_entry(b, name);
        free(name);
    }
    return true;
}

void mn_sections_build(const struct mn_rules *rules, struct mn_doc *doc, struct mn_item *it,
                       const char *lead, size_t from, size_t to, size_t wide,
                       const struct mn_layout *lay, bool unlabelled, char **group,
                       struct mn_match *m)
{
    const struct mn_lines *l = &doc->lines;
    struct seg_builder b = {.rules = rules, .wide = wide};
    struct seg_builder host = {0}; /* the section an attachment list interrupted, if any */
    struct seg_section_texts tx = {0};
    bool label_column = item_has_label_column(rules, l, from, to, m);
    if (lead) {
        seg_builder_start(&b, it, &tx, "text", NULL);
        seg_builder_line(&b, lead);
        seg_builder_blank(&b);
    }
    for (size_t i = from; i < to; i++) {
        const char *s = l->v[i].text;
        if (!*s) {
            seg_builder_blank(&b);
            continue;
        }
        int fits = i > from ? mn_layout_word_fits(lay, i - 1, i) : -1;
        b.next_fits = fits < 0 ? 0 : fits ? 1 : 2;
        if (seg_match(rules, "group", s, m)) {
            free(*group);
            *group = mn_match_dup_or(m, "name", s);
            continue;
        }
        /* "Indstilling" / "Administrationen indstiller": the second is the first's intro */
        if (seg_match(rules, "section", s, m) && !mn_sections_label_is_prose(l, i, to) &&
            !(b.active && strcmp(b.sec.kind, "recommendation") == 0 && b.text.len == 0 &&
              b.sec.bullets.n == 0 && strcmp(mn_rule_name(m->rule), "recommendation") == 0)) {
            char *rest;
            char *heading = label_heading(s, m, &rest);
            const char *kind = mn_rule_name(m->rule);
            bool inserted = strcmp(kind, "attachments") == 0;
            if (inserted && b.active && strcmp(b.sec.kind, "attachments") != 0 && !host.active) {
                /* an attachment list inside a section's list (Ballerup: "b. ...", its Bilag,
                 * "c. ..."): the section goes on after it */
                host = b;
                b.active = false;
            } else {
                seg_builder_finish(&b, it, &tx);
                if (!inserted)
                    seg_builder_finish(&host, it, &tx);
            }
            if (label_column && strchr(s, '\t'))
                i = label_fragments(l, i, to, &heading);
            seg_builder_start(&b, it, &tx, kind, heading);
            free(heading);
            if (rest) {
                seg_builder_line(&b, rest);
                free(rest);
            }
            continue;
        }
        size_t label_len;
        if (label_column && !host.active && (label_len = column_label_len(rules, s, m))) {
            /* a label the lexicon does not know, in the item's label column */
            char *heading = xstrndup(s, label_len);
            const char *rest = strchr(s, '\t') + 1;
            rest += strspn(rest, " ");
            i = label_fragments(l, i, to, &heading);
            seg_builder_finish(&b, it, &tx);
            seg_builder_start(&b, it, &tx, "other", heading);
            free(heading);
            seg_builder_line(&b, rest);
            continue;
        }
        if (!host.active && !b.para_open && attachment_files(&b, it, &tx, s))
            continue;
        if (b.active && !doc->is_text && !host.active &&
            (!strcmp(b.sec.kind, "decision") || !strcmp(b.sec.kind, "recommendation") ||
             !strcmp(b.sec.kind, "attachments") || !strcmp(b.sec.kind, "other")) &&
            (b.text.len > 0 || b.sec.bullets.n > 0) && typeset_label(rules, l, i, to, m)) {
            seg_builder_finish(&b, it, &tx);
            seg_builder_start(&b, it, &tx, "other", s);
            continue;
        }
        if (seg_is_bullet(s) && host.active && strcmp(b.sec.kind, "attachments") == 0 &&
            b.text.len > 0 && !b.para_open && b.sec.bullets.n == 0 &&
            all_entries(rules, b.text.buf, m)) {
            /* the list resumes after its attachment entries: back to the section it is in */
            seg_builder_finish(&b, it, &tx);
            b = host;
            host.active = false;
        }
        /* "Direktionen indstiller," and its points, with no label above them: a
         * recommendation, unless the item has one or the line is inside a decision (a
         * committee's earlier recommendation quoted there) */
        if ((!b.active || !strcmp(b.sec.kind, "text") || !strcmp(b.sec.kind, "presentation") ||
             !strcmp(b.sec.kind, "summary") || !strcmp(b.sec.kind, "background")) &&
            !b.para_open && !host.active && !(b.active && !strcmp(b.sec.kind, "recommendation")) &&
            !item_has_kind(it, "recommendation") && unlabelled_intro(rules, l, i, to, m)) {
            seg_builder_finish(&b, it, &tx);
            seg_builder_start(&b, it, &tx, "recommendation", NULL);
            seg_builder_line(&b, s);
            continue;
        }
        if (!b.active)
            seg_builder_start(&b, it, &tx, "text", NULL);
        const char *entry;
        if (seg_is_bullet(s)) {
            seg_builder_entry(&b, s + SEG_BULLET_LEN + seg_paren_number_len(s + SEG_BULLET_LEN));
            b.glyphless = false;
        } else if ((entry = seg_builder_glyphless_entry(&b, s, m))) {
            seg_builder_entry(&b, entry);
            b.glyphless = true;
        } else {
            seg_builder_line(&b, s);
        }
    }
    seg_builder_finish(&b, it, &tx);
    seg_builder_finish(&host, it, &tx);

    /* the case's earlier decisions are history, not this meeting's decision */
    mn_history_demote(rules, doc->meeting.date, it);

    /* recommendation, attachments, decision */
    struct mn_buf decision = MN_BUF_INIT;
    bool has_decision = false;
    for (size_t k = 0; k < it->nsections; k++) {
        struct mn_section *sec = &it->sections[k];
        if (strcmp(sec->kind, "recommendation") == 0) {
            it->has_recommendation = true;
            if (!it->rec_intro && sec->bullets.n == 0 &&
                (strncmp(sec->text, "at ", 3) == 0 || point_mark_len(sec->text, strlen(sec->text)))) {
                /* under a label that is itself the intro ("Forvaltningen indstiller",
                 * "Beslutningspunkter"), each paragraph is a point: "at dagsordenen
                 * godkendes.", "1.<TAB>at dagsordenen godkendes." */
                for (const char *p = sec->text; *p;) {
                    /* a point ends at a blank line, or at a line with a mark of its own
                     * ("2.<TAB>..." kept under "1.<TAB>..." as a table's rows) */
                    const char *e = p;
                    while ((e = strchr(e, '\n')) && e[1] != '\n' && !point_mark_len(e + 1, strlen(e + 1)))
                        e++;
                    size_t n = e ? (size_t)(e - p) : strlen(p);
                    size_t mark = point_mark_len(p, n);
                    if (n > mark)
                        mn_strings_push_take(&it->rec_points, xstrndup(p + mark, n - mark));
                    p += n + (e ? (e[1] == '\n' ? 2 : 1) : 0);
                }
            } else if (!it->rec_intro) {
                /* the intro is the paragraph that leads the points */
                const char *t = sec->text;
                const char *end = strstr(t, "\n\n");
                it->rec_intro = end ? xstrndup(t, (size_t)(end - t)) : xstrdup(t);
                if (sec->bullets.n == 0 && end && !paragraphs_are_points(it->rec_intro, end + 2)) {
                    /* a whole sentence and prose after it: no points, all of it leads */
                    free(it->rec_intro);
                    it->rec_intro = xstrdup(t);
                } else if (sec->bullets.n == 0 && end) {
                    /* points written as paragraphs ("1) ...", "at ...") */
                    for (const char *p = end + 2; *p;) {
                        const char *e = strstr(p, "\n\n");
                        size_t n = e ? (size_t)(e - p) : strlen(p);
                        size_t mark = point_mark_len(p, n);
                        if (n > mark)
                            mn_strings_push_take(&it->rec_points, xstrndup(p + mark, n - mark));
                        p += n + (e ? 2 : 0);
                    }
                }
            }
            for (size_t j = 0; j < sec->bullets.n; j++)
                mn_strings_push(&it->rec_points, sec->bullets.v[j]);
        } else if (strcmp(sec->kind, "attachments") == 0) {
            for (const char *p = sec->text; *p;) {
                const char *e = strstr(p, "\n\n");
                size_t n = e ? (size_t)(e - p) : strlen(p);
                char *entry = xstrndup(p, n);
                if (n && !seg_match(rules, "nothing", entry, m))
                    mn_strings_push_take(&it->attachments, entry);
                else
                    free(entry);
                p += n + (e ? 2 : 0);
            }
            for (size_t j = 0; j < sec->bullets.n; j++)
                if (!seg_match(rules, "nothing", sec->bullets.v[j], m))
                    mn_strings_push(&it->attachments, sec->bullets.v[j]);
        } else if (strcmp(sec->kind, "decision") == 0 && tx.flat.v[k][0]) {
            /* an agenda's empty "Beslutning" field records nothing: the decision stays null */
            if (has_decision)
                mn_buf_adds(&decision, "\n\n");
            mn_buf_adds(&decision, tx.flat.v[k]);
            has_decision = true;
        }
    }
    /* minutes without section labels: the paragraphs that record a resolution */
    if (unlabelled && !has_decision && tx.order.n == 1 &&
        mn_resolve_item(rules, it, tx.order.v[0], m))
        has_decision = true;
    if (unlabelled && !has_decision && mn_resolve_title(rules, it, m))
        has_decision = true;
    if (!has_decision && it->nsections > 0 && strcmp(it->sections[0].kind, "text") == 0 &&
        it->sections[0].bullets.n == 0 && !strstr(it->sections[0].text, "\n\n") &&
        seg_match(rules, "verdict", it->sections[0].text, m)) {
        mn_buf_adds(&decision, it->sections[0].text);
        has_decision = true;
    }
    if (has_decision && !it->decision)
        it->decision = mn_buf_detach(&decision, NULL);
    mn_buf_release(&decision);
    mn_strings_release(&tx.flat);
    mn_strings_release(&tx.order);
}

/* Line 'next' ends the heading on line 'head': the heading filled its line, and 'next' is a
 * short line on the same page, no sentence nor "Label: value", alone before a gap, a label or
 * the item's end ("12. Høring om kommuneplantillæg for boligområdet ved Hundige" / "Strand").
 * Body text under a heading is set apart by a gap, or goes on for more than a line. */
/* Line i runs to the right edge of its page's text (within 2% of its width): it was wrapped,
 * not ended. False when the lines carry no position (plain text). */
