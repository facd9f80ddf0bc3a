/* segment.c: from lines to the record's structure (see segment.h). The stages are in
 * pipeline/segment/: the item headings (headings.h), the header block before the first one
 * (header.h), each item's title (titles.h) and sections (sections.h), the kind of document
 * (kind.h). Here: where the minutes end (closing lines, a signature block: what follows
 * belongs to no item and is kept as unplaced text), and the order of the stages. */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "fields.h"
#include "layout.h"
#include "pipeline.h"
#include "rules.h"
#include "segment/attendance.h"
#include "segment/header.h"
#include "segment/headings.h"
#include "segment/kind.h"
#include "segment/lines.h"
#include "segment/sections.h"
#include "segment/titles.h"
#include "util.h"

/* The group a table of contents gives item 'number' ("Sager til beslutning"), or NULL. */
static const char *toc_group(const struct mn_doc *doc, const char *number)
{
    for (size_t i = 0; i < doc->toc_numbers.n; i++)
        if (strcmp(doc->toc_numbers.v[i], number) == 0 && doc->toc_groups.v[i][0])
            return doc->toc_groups.v[i];
    return NULL;
}

/* Keeps the lines from 'from' to the end of the document, paragraphs kept, in one
 * "unplaced_text" warning on 'page' that starts with 'what'; none when they are all blank. */
static void warn_unplaced_lines(struct mn_doc *doc, size_t from, int page, const char *what)
{
    struct mn_buf u = MN_BUF_INIT;
    bool new_para = true;
    for (size_t i = from; i < doc->lines.n; i++) {
        if (!doc->lines.v[i].text[0]) {
            new_para = true;
            continue;
        }
        seg_unplaced(&u, doc->lines.v[i].text, new_para);
        new_para = false;
    }
    if (u.len)
        mn_doc_warn(doc, "unplaced_text", page, "%s: %s", what, u.buf);
    mn_buf_release(&u);
}

/* A document that is no meeting document (kind.h): no items and no meeting fields are
 * invented; all its text is kept in one "unplaced_text" warning instead. */
static void not_a_meeting(struct mn_doc *doc, const char *why)
{
    mn_doc_clear_items(doc);
    mn_doc_clear_meeting(doc);
    free(doc->case_number);
    free(doc->document_number);
    doc->case_number = doc->document_number = NULL;
    mn_doc_drop_warnings(doc, "unplaced_text");
    mn_doc_drop_warnings(doc, "item_sequence");
    mn_doc_warn(doc, "not_minutes", 0, "%s", why);
    warn_unplaced_lines(doc, 0, 0, "text of a document that is no meeting document");
}

/* A line of a signature block laid out in columns ("Daniel Hermansen<tab>Lars Bo Jensen"):
 * cells, the first of which reads like a person's name. */
static bool signature_row(const char *s)
{
    const char *tab = strchr(s, '\t');
    if (!tab)
        return false;
    char *first = xstrndup(s, (size_t)(tab - s));
    bool person = seg_person_like(first);
    free(first);
    return person;
}

/* Where the minutes end: the first line of [from, to) that starts a paragraph and that the
 * [closing] rules take ("Formanden takkede for god ro og orden.", "Referent:"), or where a
 * signature block of two rows or more that runs to the end of the document starts; 'to'
 * when there is none. What follows belongs to no item. */
static size_t minutes_end(const struct mn_rules *rules, const struct mn_lines *l, size_t from,
                          size_t to, struct mn_match *m)
{
    size_t sig = to, rows = 0;
    for (size_t i = to; i > from; i--) {
        const char *s = l->v[i - 1].text;
        if (!*s)
            continue;
        if (!signature_row(s))
            break;
        sig = i - 1;
        rows++;
    }
    if (rows < 2)
        sig = to;
    for (size_t i = from; i < sig; i++) {
        const char *s = l->v[i].text;
        if (!*s)
            continue;
        bool starts_para = i == from || !l->v[i - 1].text[0] ||
                           seg_ends_sentence(l->v[i - 1].text) || l->v[i - 1].page != l->v[i].page;
        if (starts_para && seg_match_at_start(rules, "closing", s, m))
            return i;
    }
    return sig;
}

/* True when no line under the item headings is a section label: minutes without labels,
 * whose decisions are the paragraphs that record a resolution (segment/resolve.h). */
static bool no_section_labels(const struct mn_rules *rules, const struct mn_lines *l,
                              size_t from, size_t to, struct mn_match *m)
{
    for (size_t i = from; i < to; i++)
        if (l->v[i].text[0] && seg_match(rules, "section", l->v[i].text, m) &&
            !mn_sections_label_is_prose(l, i, to))
            return false;
    return true;
}

/* An item headed like a header field of people ("§1 Til stede:", "Fremmødte") whose entries
 * are names: the meeting's participants, when the header named none. Entries keep their list
 * punctuation in the item ("Alexander Scheurer;"), not in the names. */
static void participants_from_item(const struct mn_rules *rules, struct mn_doc *doc,
                                   const struct mn_item *it, struct mn_match *m)
{
    const struct mn_rule *r = mn_rules_match_kind(rules, "header", it->title, strlen(it->title), m);
    if (!r || strcmp(mn_rule_name(r), "participants") != 0 || doc->meeting.participants.n > 0 ||
        it->nsections != 1 || it->sections[0].bullets.n < 2)
        return;
    struct mn_buf list = MN_BUF_INIT;
    const struct mn_strings *b = &it->sections[0].bullets;
    for (size_t k = 0; k < b->n; k++) {
        char *e = xstrdup(b->v[k]);
        size_t n = strlen(e);
        while (n > 0 && strchr(" ;,.", e[n - 1]))
            n--;
        if (n >= 4 && strcmp(e + n - 3, " og") == 0)
            n -= 3;
        while (n > 0 && strchr(" ;,.", e[n - 1]))
            n--;
        e[n] = '\0';
        if (*e && seg_person_like(e)) {
            if (list.len)
                mn_buf_adds(&list, ", ");
            mn_buf_adds(&list, e);
        }
        free(e);
    }
    if (list.len)
        mn_fields_people(rules, list.buf, &doc->meeting.participants);
    mn_buf_release(&list);
}

/* The body named in the headings of this meeting's decisions ("Kultur- og Idrætsudvalget,
 * 03-04-2019, pkt. 42"), when the header named none: a web export may print no header block.
 * Every such heading must name the same body, and the [body] rules must take it. */
static void body_from_decisions(const struct mn_rules *rules, struct mn_doc *doc,
                                struct mn_match *m)
{
    if (doc->meeting.body)
        return;
    char *body = NULL;
    bool agree = true;
    for (size_t k = 0; k < doc->nitems && agree; k++) {
        const struct mn_item *it = &doc->items[k];
        for (size_t j = 0; j < it->nsections && agree; j++) {
            const struct mn_section *sec = &it->sections[j];
            if (strcmp(sec->kind, "decision") != 0 || !sec->heading ||
                !seg_match(rules, "section", sec->heading, m))
                continue;
            char *named = mn_match_dup(m, "body");
            if (named && seg_match(rules, "body", named, m)) {
                if (!body)
                    body = xstrdup(named);
                else
                    agree = strcmp(body, named) == 0;
            }
            free(named);
        }
    }
    if (agree && body)
        doc->meeting.body = body;
    else
        free(body);
}

#define NONE ((size_t)-1)

/* The case-number line printed above the heading on line 'heading' ("85.02.02-G01-5-17" /
 * "" / "132. Højdevej 13 - Byggesag"), no higher than line 'floor': its index, or NONE. */
static size_t case_line_above(const struct mn_rules *rules, const struct mn_lines *l,
                              size_t heading, size_t floor, struct mn_match *m)
{
    size_t j = heading;
    while (j > floor && !l->v[j - 1].text[0] && heading - j < 2)
        j--;
    if (j == floor || !l->v[j - 1].text[0] || l->v[j - 1].page != l->v[heading].page)
        return NONE;
    return seg_match(rules, "caseline", l->v[j - 1].text, m) ? j - 1 : NONE;
}

/* The nearest line above line i is a sentence (60 characters or more) that ends in ':'. */
static bool leads_in_prose(const struct mn_lines *l, size_t i)
{
    while (i > 0 && !l->v[i - 1].text[0])
        i--;
    if (i == 0)
        return false;
    const char *s = l->v[i - 1].text;
    size_t n = strlen(s);
    return n >= 60 && s[n - 1] == ':';
}

int mn_segment_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    (void)err;
    const struct mn_rules *rules = ctx->rules;
    const struct mn_lines *l = &doc->lines;
    struct mn_match m;
    mn_match_init(&m);
    size_t wide = mn_lines_column_width(l);
    struct mn_heading *h = NULL;
    size_t nh = mn_headings_find(rules, l, wide, &h);
    char *group = NULL;
    double body_size = mn_titles_body_size(l);
    struct mn_layout lay;
    mn_layout_init(&lay, l);

    /* a case number printed above a heading belongs to that item */
    size_t *lead = xcalloc(nh ? nh : 1, sizeof *lead);
    for (size_t k = 0; k < nh; k++)
        lead[k] = case_line_above(rules, l, h[k].number_line, k ? h[k - 1].line + 1 : 0, &m);

    struct mn_kind_evidence ev = {0};
    mn_header_read(rules, doc, nh ? (lead[0] != NONE ? lead[0] : h[0].number_line) : l->n, wide,
                   &group, &ev, &m);
    size_t end = nh ? minutes_end(rules, l, h[nh - 1].line + 1, l->n, &m) : l->n;
    /* the attendance printed after the last item ends it */
    size_t attendance = nh ? mn_attendance_start(rules, l, h[nh - 1].line + 1, end, &m) : l->n;
    if (attendance < end)
        end = attendance;
    /* minutes without labels, when the header says this is a meeting's: a report's numbered
     * chapters hold words like "vedtaget" too */
    bool standard = false; /* "Valg af dirigent", "Eventuelt": only meetings have them */
    for (size_t k = 0; k < nh && !standard; k++)
        standard = seg_match(rules, "standard", h[k].title, &m);
    bool unlabelled = nh > 0 && (ev.title_kind || ev.meeting_fields || standard) &&
                      no_section_labels(rules, l, h[0].line + 1, end, &m);

    bool minutes_title = ev.title_kind && strcmp(ev.title_kind, "minutes") == 0;
    doc->items = nh ? xcalloc(nh, sizeof *doc->items) : NULL;
    doc->items_alloc = nh;
    for (size_t k = 0; k < nh; k++) {
        struct mn_item *it = &doc->items[doc->nitems++];
        size_t from, to = k + 1 < nh ? (lead[k + 1] != NONE ? lead[k + 1] : h[k + 1].number_line) : end;
        it->number = h[k].number;
        it->order = (int)k + 1;
        it->page = doc->is_text ? 0 : l->v[h[k].number_line].page;
        it->is_public = true;
        char *inline_text;
        from = mn_titles_complete(rules, l, &h[k], to, wide, body_size, minutes_title, it,
                                  &inline_text, &m);
        if (group)
            it->group = xstrdup(group);
        else if (toc_group(doc, it->number))
            it->group = xstrdup(toc_group(doc, it->number));
        mn_sections_build(rules, doc, it, inline_text ? inline_text : lead[k] != NONE ? l->v[lead[k]].text : NULL,
                          from, to, wide, &lay, unlabelled, &group, &m);
        free(inline_text);
        participants_from_item(rules, doc, it, &m);
    }
    size_t after = end;
    if (attendance < l->n) /* what it cannot read as attendance stays unplaced text */
        after = mn_attendance_read(rules, doc, attendance, l->n, &m);
    if (after < l->n)
        warn_unplaced_lines(doc, after, l->v[after].page,
                            "text after the last item that belongs to no item");
    size_t first_heading = nh ? h[0].number_line : l->n;
    free(h);
    free(lead);
    free(group);
    mn_layout_release(&lay);
    body_from_decisions(rules, doc, &m);

    ev.nitems = doc->nitems;
    bool empty_items = true;
    for (size_t k = 0; k < doc->nitems; k++) {
        const struct mn_item *it = &doc->items[k];
        ev.standard_titles |= seg_match(rules, "standard", it->title, &m);
        ev.any_decision |= it->decision != NULL;
        empty_items &= it->nsections == 0 || k + 1 == doc->nitems; /* the page goes on after the last */
        for (size_t j = 0; j < it->nsections; j++)
            ev.labelled_items |= it->sections[j].heading &&
                                 (strcmp(it->sections[j].kind, "decision") == 0 ||
                                  strcmp(it->sections[j].kind, "recommendation") == 0 ||
                                  strcmp(it->sections[j].kind, "attachments") == 0 ||
                                  strcmp(it->sections[j].kind, "presentation") == 0);
    }
    /* a standard agenda quoted in prose ("... afholdes ordinær generalforsamling med
     * følgende dagsorden:" / "1. Valg af dirigent" / ...: a page of statutes) says nothing of
     * a meeting held: entries without content (but the last, where the page goes on)
     * under a sentence that leads into them */
    if (ev.standard_titles && !ev.title_kind && !ev.meeting_fields && empty_items &&
        leads_in_prose(l, first_heading))
        ev.standard_titles = false;
    const char *why;
    bool is_meeting;
    const char *kind = mn_kind_decide(&ev, &why, &is_meeting);
    free(doc->kind);
    doc->kind = xstrdup(kind);
    if (!is_meeting) {
        not_a_meeting(doc, why);
    } else if (doc->nitems == 0) {
        mn_doc_warn(doc, "no_items", 0, "no agenda item was found");
    }
    /* a gap in the numbers: an item missed, or numbered so in the document ("2", then "4") */
    for (size_t k = 1; k < doc->nitems; k++) {
        const struct mn_item *a = &doc->items[k - 1], *b = &doc->items[k];
        long step = mn_headings_first_part(b->number) - mn_headings_first_part(a->number);
        if (step > 1)
            mn_doc_warn(doc, "item_sequence", b->page, "item %.20s follows item %.20s", b->number,
                        a->number);
    }
    mn_match_release(&m);
    return 0;
}
