/* doc.c: constructors and destructors of the data model (see doc.h). */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "util.h"

struct mn_doc *mn_doc_new(const char *path)
{
    struct mn_doc *doc = xcalloc(1, sizeof *doc);
    doc->path = xstrdup(path ? path : "-");
    return doc;
}

void mn_lines_push_take(struct mn_lines *l, char *text, int page)
{
    MN_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n].text = text;
    l->v[l->n].page = page;
    l->v[l->n].y = -1;
    l->v[l->n].size = 0;
    l->v[l->n].x = l->v[l->n].x2 = -1;
    l->v[l->n].bold = l->v[l->n].italic = false;
    l->n++;
}

void mn_lines_push_line(struct mn_lines *l, struct mn_line line)
{
    MN_GROW(l->v, l->n + 1, l->alloc);
    l->v[l->n++] = line;
}

void mn_lines_push(struct mn_lines *l, const char *text, size_t len, int page)
{
    mn_lines_push_take(l, xstrndup(text, len), page);
}

void mn_lines_release(struct mn_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

void mn_lines_add_text(struct mn_lines *l, const char *text, size_t len, int page)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            size_t end = i;
            if (end > start && text[end - 1] == '\r')
                end--;
            if (i < len || end > start)
                mn_lines_push(l, text + start, end - start, page);
            start = i + 1;
        }
    }
}

void mn_lines_join(const struct mn_lines *l, struct mn_buf *out)
{
    for (size_t i = 0; i < l->n; i++) {
        mn_buf_adds(out, l->v[i].text);
        mn_buf_addch(out, '\n');
    }
}

void mn_strings_push_take(struct mn_strings *s, char *str)
{
    MN_GROW(s->v, s->n + 1, s->alloc);
    s->v[s->n++] = str;
}

void mn_strings_push(struct mn_strings *s, const char *str)
{
    mn_strings_push_take(s, xstrdup(str));
}

void mn_strings_release(struct mn_strings *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->alloc = 0;
}

void mn_person_release(struct mn_person *p)
{
    free(p->name);
    free(p->affiliation);
    free(p->role);
    free(p->note);
    memset(p, 0, sizeof *p);
}

void mn_people_release(struct mn_people *p)
{
    for (size_t i = 0; i < p->n; i++)
        mn_person_release(&p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = p->alloc = 0;
}

static void item_release(struct mn_item *it)
{
    free(it->number);
    free(it->title);
    free(it->group);
    for (size_t i = 0; i < it->nsections; i++) {
        free(it->sections[i].kind);
        free(it->sections[i].heading);
        free(it->sections[i].text);
        mn_strings_release(&it->sections[i].bullets);
    }
    free(it->sections);
    free(it->rec_intro);
    mn_strings_release(&it->rec_points);
    mn_strings_release(&it->attachments);
    free(it->decision);
}

void mn_doc_clear_items(struct mn_doc *doc)
{
    for (size_t i = 0; i < doc->nitems; i++)
        item_release(&doc->items[i]);
    free(doc->items);
    doc->items = NULL;
    doc->nitems = doc->items_alloc = 0;
}

void mn_doc_clear_meeting(struct mn_doc *doc)
{
    struct mn_meeting *m = &doc->meeting;
    free(m->body);
    free(m->date);
    free(m->start_time);
    free(m->end_time);
    free(m->time_text);
    free(m->location);
    mn_people_release(&m->participants);
    mn_people_release(&m->absent);
    memset(m, 0, sizeof *m);
}

void mn_doc_drop_warnings(struct mn_doc *doc, const char *code)
{
    size_t k = 0;
    for (size_t i = 0; i < doc->nwarnings; i++) {
        if (strcmp(doc->warnings[i].code, code) == 0) {
            free(doc->warnings[i].code);
            free(doc->warnings[i].message);
        } else {
            doc->warnings[k++] = doc->warnings[i];
        }
    }
    doc->nwarnings = k;
}

void mn_ocr_alt_release(struct mn_ocr_alt *a)
{
    if (!a)
        return;
    free(a->word);
    free(a->choices);
    a->word = a->choices = NULL;
}

void mn_doc_free(struct mn_doc *doc)
{
    if (!doc)
        return;
    free(doc->path);
    free(doc->input);
    free(doc->ocr_pages);
    for (size_t i = 0; i < doc->nocr_alts; i++)
        mn_ocr_alt_release(&doc->ocr_alts[i]);
    free(doc->ocr_alts);
    mn_lines_release(&doc->lines);
    mn_strings_release(&doc->toc_numbers);
    mn_strings_release(&doc->toc_groups);
    free(doc->kind);
    free(doc->case_number);
    free(doc->document_number);
    mn_doc_clear_meeting(doc);
    mn_doc_clear_items(doc);
    for (size_t i = 0; i < doc->nwarnings; i++) {
        free(doc->warnings[i].code);
        free(doc->warnings[i].message);
    }
    free(doc->warnings);
    free(doc);
}

void mn_doc_warn(struct mn_doc *doc, const char *code, int page, const char *fmt, ...)
{
    struct mn_buf msg = MN_BUF_INIT;
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    mn_buf_adds(&msg, small);
    MN_GROW(doc->warnings, doc->nwarnings + 1, doc->warnings_alloc);
    struct mn_warning *w = &doc->warnings[doc->nwarnings++];
    w->code = xstrdup(code);
    w->message = mn_buf_detach(&msg, NULL);
    w->page = page;
}

void mn_doc_add_ocr_page(struct mn_doc *doc, int page)
{
    MN_GROW(doc->ocr_pages, doc->nocr_pages + 1, doc->ocr_pages_alloc);
    doc->ocr_pages[doc->nocr_pages++] = page;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

size_t mn_lines_column_width(const struct mn_lines *l)
{
    size_t *len = xmalloc((l->n + 1) * sizeof *len), n = 0, wide = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *t = l->v[i].text;
        if (t[0] && !strchr(t, '\t'))
            len[n++] = mn_utf8_strlen(t, strlen(t));
    }
    if (n >= 20) {
        qsort(len, n, sizeof *len, cmp_size);
        wide = len[n * 9 / 10];
        if (wide > 200)
            wide = 0;
    }
    free(len);
    return wide;
}
