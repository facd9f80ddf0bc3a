/* oparl.c: record → OParl 1.1 (oparl.h). The schemas are ../shared/oparl/schema; the
 * crosswalk is in README.md. */
#include "oparl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "buf.h"
#include "err.h"

#define OPARL_TYPE "https://schema.oparl.org/1.1/"

const char *mn_oparl_result(const char *decision)
{
    static const struct {
        const char *needle, *result;
    } verdicts[] = {
        /* most specific first */
        {"ikke godkendt", "Ikke godkendt"},
        {"ikke vedtaget", "Ikke vedtaget"},
        {"taget til efterretning", "Taget til efterretning"},
        {"tages til efterretning", "Taget til efterretning"},
        {"godkendt", "Godkendt"},
        {"godkendes", "Godkendt"},
        {"vedtaget", "Vedtaget"},
        {"anbefalet", "Anbefalet"},
        {"anbefales", "Anbefalet"},
        {"udsat", "Udsat"},
        {"afvist", "Afvist"},
        {"forkastet", "Afvist"},
        {"drøftet", "Drøftet"},
    };
    if (!decision || !*decision)
        return NULL;
    /* the first 200 bytes: a verdict is stated first; later text quotes earlier decisions */
    size_t n = strlen(decision);
    const char *end = decision + (n < 200 ? n : 200);
    while (end > decision && ((unsigned char)*end & 0xC0) == 0x80)
        end--; /* not inside a character */
    gchar *low = g_utf8_strdown(decision, end - decision);
    const char *r = NULL;
    for (size_t i = 0; i < MN_ARRAY_SIZE(verdicts) && !r; i++)
        if (strstr(low, verdicts[i].needle))
            r = verdicts[i].result;
    g_free(low);
    return r;
}

int mn_oparl_datetime(const char *date, const char *time, char out[32])
{
    int y, mo, d, h = 0, mi = 0;
    char tail;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
        return -1;
    if (time && sscanf(time, "%2d:%2d%c", &h, &mi, &tail) != 2)
        return -1;
    GTimeZone *tz = g_time_zone_new_identifier("Europe/Copenhagen");
    if (!tz)
        tz = g_time_zone_new_offset(3600); /* no tzdata: CET, without summer time */
    GDateTime *dt = g_date_time_new(tz, y, mo, d, h, mi, 0);
    g_time_zone_unref(tz);
    if (!dt)
        return -1;
    gchar *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
    g_date_time_unref(dt);
    int ret = -1;
    if (s && strlen(s) < 32) {
        memcpy(out, s, strlen(s) + 1);
        ret = 0;
    }
    g_free(s);
    return ret;
}

/* ---- building ---------------------------------------------------------------------------- */

struct ctx {
    const char *base; /* without a trailing '/'; NULL = URNs */
    bool ok;
};

static json_t *url(struct ctx *c, const char *kind, const char *id)
{
    struct mn_buf b = MN_BUF_INIT;
    if (c->base)
        mn_buf_addf(&b, "%s/%s/%s", c->base, kind, id);
    else
        mn_buf_addf(&b, "urn:minutes:%s:%s", kind, id);
    json_t *j = json_string(b.buf);
    mn_buf_release(&b);
    return j;
}

static void put(struct ctx *c, json_t *o, const char *k, json_t *v)
{
    if (!v || json_object_set_new(o, k, v) != 0)
        c->ok = false;
}

/* Copies the string under 'from' in 'src' to 'to' in 'dst' when it is a non-empty string. */
static void put_str(struct ctx *c, json_t *dst, const char *to, json_t *src, const char *from)
{
    const char *s = json_string_value(json_object_get(src, from));
    if (s && *s)
        put(c, dst, to, json_string(s));
}

static void push(struct ctx *c, json_t *a, json_t *v)
{
    if (!v || json_array_append_new(a, v) != 0)
        c->ok = false;
}

static json_t *typed(struct ctx *c, const char *type, const char *kind, const char *id)
{
    json_t *o = json_object();
    if (!o) {
        c->ok = false;
        return NULL;
    }
    put(c, o, "id", url(c, kind, id));
    struct mn_buf t = MN_BUF_INIT;
    mn_buf_addf(&t, OPARL_TYPE "%s", type);
    put(c, o, "type", json_string(t.buf));
    mn_buf_release(&t);
    return o;
}

static json_t *file_object(struct ctx *c, json_t *rec, json_t *meeting_url)
{
    json_t *src = json_object_get(rec, "source");
    const char *sha = json_string_value(json_object_get(src, "sha256"));
    const char *path = json_string_value(json_object_get(src, "path"));
    const char *ts = json_string_value(json_object_get(src, "text_source"));
    json_t *f = typed(c, "File", "file", sha);
    if (!f)
        return NULL;
    gchar *base = g_path_get_basename(path);
    put(c, f, "name", json_string(base));
    put(c, f, "fileName", json_string(base));
    put(c, f, "mimeType", json_string(ts && strcmp(ts, "text") == 0 ? "text/plain"
                                                                    : "application/pdf"));
    const char *date = json_string_value(json_object_get(json_object_get(rec, "meeting"), "date"));
    if (date)
        put(c, f, "date", json_string(date));
    /* where the bytes are: under the base URL, or the file itself */
    if (c->base) {
        struct mn_buf u = MN_BUF_INIT;
        mn_buf_addf(&u, "%s/file/%s/%s", c->base, sha, base);
        gchar *esc = g_uri_escape_string(u.buf, ":/", false);
        put(c, f, "accessUrl", json_string(esc));
        g_free(esc);
        mn_buf_release(&u);
    } else {
        gchar *abs = g_canonicalize_filename(path, NULL);
        gchar *uri = g_filename_to_uri(abs, NULL, NULL);
        put(c, f, "accessUrl", uri ? json_string(uri) : url(c, "file", sha));
        g_free(uri);
        g_free(abs);
    }
    json_t *meetings = json_array();
    push(c, meetings, json_incref(meeting_url));
    put(c, f, "meeting", meetings);
    g_free(base);
    return f;
}

static json_t *person_object(struct ctx *c, json_t *p, const char *status)
{
    const char *id = json_string_value(json_object_get(p, "id"));
    json_t *o = typed(c, "Person", "person", id);
    if (!o)
        return NULL;
    put_str(c, o, "name", p, "name");
    const char *role = json_string_value(json_object_get(p, "role"));
    if (role && *role) {
        json_t *st = json_array();
        push(c, st, json_string(role));
        put(c, o, "status", st);
    }
    json_t *kw = json_array();
    push(c, kw, json_string(status));
    put(c, o, "keyword", kw);
    return o;
}

static json_t *agenda_item(struct ctx *c, json_t *it, json_t *meeting_url)
{
    const char *id = json_string_value(json_object_get(it, "id"));
    json_t *o = typed(c, "AgendaItem", "agendaitem", id);
    if (!o)
        return NULL;
    put(c, o, "meeting", json_incref(meeting_url));
    put_str(c, o, "number", it, "number");
    json_t *order = json_object_get(it, "order");
    put(c, o, "order", json_integer(json_is_integer(order) ? json_integer_value(order) : 0));
    put_str(c, o, "name", it, "title");
    json_t *pub = json_object_get(it, "public");
    put(c, o, "public", json_boolean(!json_is_boolean(pub) || json_is_true(pub)));
    const char *decision = json_string_value(json_object_get(it, "decision"));
    const char *result = mn_oparl_result(decision);
    if (result)
        put(c, o, "result", json_string(result));
    if (decision && *decision)
        put(c, o, "resolutionText", json_string(decision));
    const char *group = json_string_value(json_object_get(it, "group"));
    if (group && *group) {
        json_t *kw = json_array();
        push(c, kw, json_string(group));
        put(c, o, "keyword", kw);
    }
    return o;
}

int mn_oparl_render(const char *json, size_t len, const char *base_url, bool pretty,
                    char **out, size_t *outlen, struct mn_error *err)
{
    json_error_t jerr;
    *out = NULL;
    json_t *rec = json_loadb(json, len, 0, &jerr);
    if (!rec)
        return mn_fail(err, MN_E_USAGE, "not JSON: %s", jerr.text);
    json_t *m = json_object_get(rec, "meeting");
    const char *mid = json_string_value(json_object_get(m, "id"));
    const char *sha = json_string_value(json_object_get(json_object_get(rec, "source"), "sha256"));
    if (!mid || !sha) {
        json_decref(rec);
        return mn_fail(err, MN_E_USAGE, "not a record with ids (meeting.id, source.sha256)");
    }
    struct mn_buf base = MN_BUF_INIT;
    if (base_url) {
        mn_buf_adds(&base, base_url);
        while (base.len > 0 && base.buf[base.len - 1] == '/')
            mn_buf_setlen(&base, base.len - 1);
    }
    struct ctx c = {.base = base_url ? base.buf : NULL, .ok = true};
    json_t *root = json_object(), *data = json_array();
    json_t *meeting = typed(&c, "Meeting", "meeting", mid);
    json_t *murl = url(&c, "meeting", mid);
    if (!root || !data || !meeting || !murl)
        c.ok = false;

    if (c.ok) {
        const char *body = json_string_value(json_object_get(m, "body"));
        const char *date = json_string_value(json_object_get(m, "date"));
        const char *st = json_string_value(json_object_get(m, "start_time"));
        const char *et = json_string_value(json_object_get(m, "end_time"));
        if (body && *body)
            put(&c, meeting, "name", json_string(body));
        char dt[32];
        json_t *kw = json_array();
        const char *kind = json_string_value(json_object_get(json_object_get(rec, "document"), "kind"));
        push(&c, kw, json_string(kind ? kind : "unknown"));
        if (date && mn_oparl_datetime(date, st, dt) == 0) {
            put(&c, meeting, "start", json_string(dt));
            if (!st)
                push(&c, kw, json_string("start-time-unknown"));
        }
        if (date && et && mn_oparl_datetime(date, et, dt) == 0)
            put(&c, meeting, "end", json_string(dt));
        const char *loc = json_string_value(json_object_get(m, "location"));
        if (loc && *loc) {
            json_t *l = typed(&c, "Location", "location", mid);
            if (l)
                put(&c, l, "description", json_string(loc));
            put(&c, meeting, "location", l);
        }
        json_t *participants = json_array();
        json_t *persons = json_array();
        size_t i;
        json_t *p;
        json_array_foreach(json_object_get(m, "participants"), i, p)
        {
            push(&c, participants, url(&c, "person", json_string_value(json_object_get(p, "id"))));
            push(&c, persons, person_object(&c, p, "participant"));
        }
        json_array_foreach(json_object_get(m, "absent"), i, p)
            push(&c, persons, person_object(&c, p, "absent"));
        put(&c, meeting, "participant", participants);
        json_t *file = file_object(&c, rec, murl);
        if (kind && strcmp(kind, "minutes") == 0) {
            put(&c, meeting, "resultsProtocol", file);
        } else if (kind && strcmp(kind, "agenda") == 0) {
            put(&c, meeting, "invitation", file);
        } else {
            json_t *aux = json_array();
            push(&c, aux, file);
            put(&c, meeting, "auxiliaryFile", aux);
        }
        json_t *items = json_array();
        json_t *it;
        json_array_foreach(json_object_get(rec, "items"), i, it)
            push(&c, items, agenda_item(&c, it, murl));
        put(&c, meeting, "agendaItem", items);
        put(&c, meeting, "keyword", kw);
        push(&c, data, json_incref(meeting));
        json_array_foreach(persons, i, p)
            push(&c, data, json_incref(p));
        json_decref(persons);
        put(&c, root, "data", json_incref(data));
    }
    char *s = c.ok ? json_dumps(root, pretty ? JSON_INDENT(2) : JSON_COMPACT) : NULL;
    json_decref(meeting);
    json_decref(murl);
    json_decref(data);
    json_decref(root);
    json_decref(rec);
    mn_buf_release(&base);
    if (!s)
        return mn_fail(err, MN_E_INTERNAL, "cannot build the OParl objects");
    size_t n = strlen(s);
    char *r = xrealloc(s, n + 2);
    r[n] = '\n';
    r[n + 1] = '\0';
    *out = r;
    *outlen = n + 1;
    return 0;
}
