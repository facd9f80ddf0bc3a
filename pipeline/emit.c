/* emit.c: mn_doc → JSON record (see emit.h and ../shared/spec/record-format.md).
 *
 * Every string goes through jstr(), which repairs invalid UTF-8 instead of letting jansson
 * return NULL (a field silently vanishing is worse than a replacement character). Objects are
 * built in the spec's order; jansson keeps insertion order. */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "doc.h"
#include "err.h"
#include "ids.h"

static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (!j) {
        char *valid = g_utf8_make_valid(s, -1);
        j = json_string(valid);
        g_free(valid);
    }
    return j ? j : json_null();
}

/* Adds 'v' (stolen) under 'k'; remembers the first failure in *ok. */
static void put(json_t *obj, const char *k, json_t *v, bool *ok)
{
    if (!v || json_object_set_new(obj, k, v) != 0)
        *ok = false;
}

static void push(json_t *arr, json_t *v, bool *ok)
{
    if (!v || json_array_append_new(arr, v) != 0)
        *ok = false;
}

static json_t *strings(const struct mn_strings *s, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->n; i++)
        push(a, jstr(s->v[i]), ok);
    return a;
}

static json_t *jid(const char *sha, const char *kind, long n)
{
    char id[MN_ID_LEN + 1];
    mn_ids_make(sha, kind, n, id);
    return json_string(id);
}

static json_t *people(const struct mn_people *p, const char *sha, const char *kind, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < p->n; i++) {
        json_t *o = json_object();
        if (!o) {
            *ok = false;
            break;
        }
        put(o, "id", jid(sha, kind, (long)i + 1), ok);
        put(o, "name", jstr(p->v[i].name), ok);
        put(o, "affiliation", jstr(p->v[i].affiliation), ok);
        put(o, "role", jstr(p->v[i].role), ok);
        put(o, "note", jstr(p->v[i].note), ok);
        push(a, o, ok);
    }
    return a;
}

static json_t *item_json(const struct mn_item *it, const char *sha, bool *ok)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    put(o, "id", jid(sha, "item", it->order), ok);
    put(o, "number", jstr(it->number), ok);
    put(o, "order", json_integer(it->order), ok);
    put(o, "title", jstr(it->title), ok);
    put(o, "public", json_boolean(it->is_public), ok);
    put(o, "group", jstr(it->group), ok);
    put(o, "page", it->page > 0 ? json_integer(it->page) : json_null(), ok);
    json_t *secs = json_array();
    for (size_t i = 0; secs && i < it->nsections; i++) {
        const struct mn_section *s = &it->sections[i];
        json_t *so = json_object();
        if (!so) {
            *ok = false;
            break;
        }
        put(so, "kind", jstr(s->kind), ok);
        put(so, "heading", jstr(s->heading), ok);
        put(so, "text", jstr(s->text ? s->text : ""), ok);
        put(so, "bullets", strings(&s->bullets, ok), ok);
        push(secs, so, ok);
    }
    put(o, "sections", secs, ok);
    if (it->has_recommendation) {
        json_t *r = json_object();
        if (r) {
            put(r, "intro", jstr(it->rec_intro ? it->rec_intro : ""), ok);
            put(r, "points", strings(&it->rec_points, ok), ok);
        }
        put(o, "recommendation", r, ok);
    } else {
        put(o, "recommendation", json_null(), ok);
    }
    put(o, "attachments", strings(&it->attachments, ok), ok);
    put(o, "decision", jstr(it->decision), ok);
    return o;
}

static const char *text_source(const struct mn_doc *doc)
{
    if (doc->is_text)
        return "text";
    if (doc->nocr_pages == 0)
        return "pdf";
    if ((int)doc->nocr_pages >= doc->npages)
        return "ocr";
    return "mixed";
}

int mn_emit_record(const struct mn_doc *doc, bool pretty, char **out, size_t *len,
                   struct mn_error *err)
{
    bool ok = true;
    json_t *root = json_object();
    json_t *src = json_object(), *document = json_object(), *meeting = json_object();
    json_t *items = json_array(), *warnings = json_array(), *ocr = json_array();
    *out = NULL;
    if (!root || !src || !document || !meeting || !items || !warnings || !ocr) {
        json_decref(root);
        json_decref(src);
        json_decref(document);
        json_decref(meeting);
        json_decref(items);
        json_decref(warnings);
        json_decref(ocr);
        return mn_fail(err, MN_E_INTERNAL, "'%s': cannot build the JSON record", doc->path);
    }
    put(root, "schema_version", json_integer(MN_SCHEMA_VERSION), &ok);

    put(src, "path", jstr(doc->path), &ok);
    put(src, "sha256", jstr(doc->sha256), &ok);
    put(src, "pages", json_integer(doc->npages), &ok);
    for (size_t i = 0; i < doc->nocr_pages; i++)
        push(ocr, json_integer(doc->ocr_pages[i]), &ok);
    put(src, "ocr_pages", ocr, &ok);
    put(src, "text_source", jstr(text_source(doc)), &ok);
    put(root, "source", src, &ok);

    put(document, "kind", jstr(doc->kind ? doc->kind : "unknown"), &ok);
    put(document, "case_number", jstr(doc->case_number), &ok);
    put(document, "document_number", jstr(doc->document_number), &ok);
    put(root, "document", document, &ok);

    const struct mn_meeting *m = &doc->meeting;
    put(meeting, "id", jid(doc->sha256, "meeting", 1), &ok);
    put(meeting, "body", jstr(m->body), &ok);
    put(meeting, "date", jstr(m->date), &ok);
    put(meeting, "start_time", jstr(m->start_time), &ok);
    put(meeting, "end_time", jstr(m->end_time), &ok);
    put(meeting, "time_text", jstr(m->time_text), &ok);
    put(meeting, "location", jstr(m->location), &ok);
    put(meeting, "participants", people(&m->participants, doc->sha256, "participant", &ok), &ok);
    put(meeting, "absent", people(&m->absent, doc->sha256, "absent", &ok), &ok);
    put(root, "meeting", meeting, &ok);

    for (size_t i = 0; i < doc->nitems; i++)
        push(items, item_json(&doc->items[i], doc->sha256, &ok), &ok);
    put(root, "items", items, &ok);

    for (size_t i = 0; i < doc->nwarnings; i++) {
        const struct mn_warning *w = &doc->warnings[i];
        json_t *o = json_object();
        if (!o) {
            ok = false;
            break;
        }
        put(o, "code", jstr(w->code), &ok);
        put(o, "message", jstr(w->message), &ok);
        put(o, "page", w->page > 0 ? json_integer(w->page) : json_null(), &ok);
        push(warnings, o, &ok);
    }
    put(root, "warnings", warnings, &ok);

    char *s = ok ? json_dumps(root, pretty ? JSON_INDENT(2) : JSON_COMPACT) : NULL;
    json_decref(root);
    if (!s)
        return mn_fail(err, MN_E_INTERNAL, "'%s': JSON encoding failed", doc->path);
    size_t n = strlen(s);
    char *r = realloc(s, n + 2);
    if (!r) {
        free(s);
        return mn_fail(err, MN_E_INTERNAL, "'%s': out of memory", doc->path);
    }
    r[n] = '\n';
    r[n + 1] = '\0';
    *out = r;
    *len = n + 1;
    return 0;
}
