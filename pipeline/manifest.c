/* manifest.c: reading and formatting the batch manifest (see manifest.h). */
#include "manifest.h"

#include <errno.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"

struct mark_slot {
    long long dev, ino, end;
};

struct mn_manifest {
    GHashTable *entries; /* key (owned by the entry) -> struct mn_manifest_entry * */
    struct mark_slot *marks;
    size_t nmarks, marks_alloc;
};

void mn_manifest_entry_release(struct mn_manifest_entry *e)
{
    free(e->key);
    free(e->path);
    free(e->version);
    free(e->rules);
    free(e->options);
    free(e->outcome);
    memset(e, 0, sizeof *e);
}

static void entry_free(gpointer p)
{
    mn_manifest_entry_release(p);
    free(p);
}

struct mn_manifest *mn_manifest_new(void)
{
    struct mn_manifest *m = xcalloc(1, sizeof *m);
    m->entries = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
    return m;
}

void mn_manifest_free(struct mn_manifest *m)
{
    if (!m)
        return;
    g_hash_table_destroy(m->entries);
    free(m->marks);
    free(m);
}

static void set_mark(struct mn_manifest *m, long long dev, long long ino, long long end)
{
    for (size_t i = 0; i < m->nmarks; i++)
        if (m->marks[i].dev == dev && m->marks[i].ino == ino) {
            m->marks[i].end = end;
            return;
        }
    MN_GROW(m->marks, m->nmarks + 1, m->marks_alloc);
    m->marks[m->nmarks++] = (struct mark_slot){dev, ino, end};
}

static char *dup_str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? xstrdup(s) : NULL;
}

/* A key that is not UTF-8 is stored as "key_hex". */
static char *read_key(json_t *o)
{
    const char *hex = json_string_value(json_object_get(o, "key_hex"));
    if (!hex)
        return dup_str(o, "key");
    size_t n = strlen(hex);
    if (n == 0 || n % 2)
        return NULL;
    char *k = xmalloc(n / 2 + 1);
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v = 0;
        for (int j = 0; j < 2; j++) {
            char c = hex[2 * i + (size_t)j];
            int d = mn_isdigit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) {
                free(k);
                return NULL;
            }
            v = v * 16 + (unsigned)d;
        }
        k[i] = (char)v;
        if (v == 0) {
            free(k);
            return NULL;
        }
    }
    k[n / 2] = '\0';
    return k;
}

bool mn_manifest_add_line(struct mn_manifest *m, const char *line, size_t len)
{
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return false;
    }
    bool ok = false;
    json_t *dev = json_object_get(o, "jsonl_dev"), *ino = json_object_get(o, "jsonl_ino"),
           *end = json_object_get(o, "jsonl_end");
    bool has_mark = json_is_integer(dev) && json_is_integer(ino) && json_is_integer(end);
    json_t *k = json_object_get(o, "key"), *kh = json_object_get(o, "key_hex");
    if (!k && !kh) { /* a mark line */
        if (has_mark)
            set_mark(m, json_integer_value(dev), json_integer_value(ino), json_integer_value(end));
        ok = has_mark;
        goto out;
    }
    struct mn_manifest_entry *e = xcalloc(1, sizeof *e);
    e->key = read_key(o);
    e->path = dup_str(o, "path");
    e->version = dup_str(o, "version");
    e->rules = dup_str(o, "rules");
    e->options = dup_str(o, "options");
    e->outcome = dup_str(o, "outcome");
    const char *sha = json_string_value(json_object_get(o, "sha256"));
    json_t *size = json_object_get(o, "size"), *mtime = json_object_get(o, "mtime_ns");
    if (!e->key || !e->version || !e->rules || !e->options || !e->outcome ||
        (sha && strlen(sha) != 64)) {
        entry_free(e);
        goto out;
    }
    g_strlcpy(e->sha256, sha ? sha : "", sizeof e->sha256);
    e->size = json_is_integer(size) ? json_integer_value(size) : -1;
    e->mtime_ns = json_is_integer(mtime) ? json_integer_value(mtime) : 0;
    e->pages = (int)json_integer_value(json_object_get(o, "pages"));
    if (!e->path)
        e->path = xstrdup(e->key);
    g_hash_table_replace(m->entries, e->key, e);
    if (has_mark)
        set_mark(m, json_integer_value(dev), json_integer_value(ino), json_integer_value(end));
    ok = true;
out:
    json_decref(o);
    return ok;
}

int mn_manifest_load(struct mn_manifest *m, const char *path, struct mn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        return mn_fail(err, MN_E_IO, "cannot open manifest '%s': %s", path, strerror(errno));
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0)
        if (len > 1)
            (void)mn_manifest_add_line(m, line, (size_t)len);
    int ret = 0;
    if (ferror(f))
        ret = mn_fail(err, MN_E_IO, "cannot read manifest '%s': %s", path, strerror(errno));
    free(line);
    fclose(f);
    return ret;
}

const struct mn_manifest_entry *mn_manifest_find(const struct mn_manifest *m, const char *key)
{
    return g_hash_table_lookup(m->entries, key);
}

size_t mn_manifest_count(const struct mn_manifest *m)
{
    return g_hash_table_size(m->entries);
}

bool mn_manifest_jsonl_end(const struct mn_manifest *m, long long dev, long long ino,
                           long long *end)
{
    for (size_t i = 0; i < m->nmarks; i++)
        if (m->marks[i].dev == dev && m->marks[i].ino == ino) {
            *end = m->marks[i].end;
            return true;
        }
    return false;
}

/* A string member, made valid UTF-8 when it is not (paths are bytes). */
static void put_text(json_t *o, const char *k, const char *s)
{
    gchar *valid = g_utf8_make_valid(s, -1);
    json_object_set_new(o, k, json_string(valid));
    g_free(valid);
}

char *mn_manifest_format(const struct mn_manifest_entry *e, const struct mn_jsonl_mark *mark)
{
    json_t *o = json_object();
    if (e) {
        if (g_utf8_validate(e->key, -1, NULL)) {
            json_object_set_new(o, "key", json_string(e->key));
        } else {
            struct mn_buf hex = MN_BUF_INIT;
            for (const unsigned char *p = (const unsigned char *)e->key; *p; p++)
                mn_buf_addf(&hex, "%02x", *p);
            json_object_set_new(o, "key_hex", json_string(hex.buf));
            mn_buf_release(&hex);
        }
        put_text(o, "path", e->path);
        json_object_set_new(o, "sha256", e->sha256[0] ? json_string(e->sha256) : json_null());
        json_object_set_new(o, "size", json_integer(e->size));
        json_object_set_new(o, "mtime_ns", json_integer(e->mtime_ns));
        put_text(o, "version", e->version);
        put_text(o, "rules", e->rules);
        put_text(o, "options", e->options);
        put_text(o, "outcome", e->outcome);
        json_object_set_new(o, "pages", json_integer(e->pages));
        char stamp[32];
        mn_utc_stamp(stamp, sizeof stamp);
        json_object_set_new(o, "time", json_string(stamp));
    }
    if (mark) {
        json_object_set_new(o, "jsonl_dev", json_integer(mark->dev));
        json_object_set_new(o, "jsonl_ino", json_integer(mark->ino));
        json_object_set_new(o, "jsonl_end", json_integer(mark->end));
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(o);
    if (!s) {
        fprintf(stderr, "minutes: out of memory\n");
        abort();
    }
    size_t n = strlen(s);
    char *line = xmalloc(n + 2);
    memcpy(line, s, n);
    line[n] = '\n';
    line[n + 1] = '\0';
    free(s);
    return line;
}
