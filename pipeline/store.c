/* store.c: records into a database (store.h): the loader, shared by both backends, and the
 * SQLite backend with its FTS5 search.
 *
 * Every table carries the source's sha256, so replacing a document is one DELETE per table and
 * a load never depends on cascades. The full-text index is an external-content FTS5 table over
 * items, kept in step by triggers; its tokenizer is unicode61 with remove_diacritics 0: with 1
 * or 2 SQLite folds 'å' to 'a' (so 'får' would match 'far', 'år' 'ar'), while 'æ' and 'ø' stay;
 * 0 keeps all three distinct and still folds case (Å = å). tests/run-store.sh checks both. No
 * prefix index ('prefix=' option): prefix queries read a range of the term index, fast enough
 * at archive sizes, while the prefix indexes cost a third of the loading time. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <jansson.h>
#include "buf.h"
#include "err.h"
#include "lite.h"
#include "store_impl.h"

/* SQLite's functions, filled when the first SQLite store is opened (lite.h) */
static struct mn_lite sq;

/* ---- SQLite backend -------------------------------------------------------------------- */

enum { STMT_CACHE = 32 };

struct lite {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
};

static const char lite_schema[] =
    "CREATE TABLE IF NOT EXISTS store_meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "INSERT OR IGNORE INTO store_meta VALUES('schema_version', '1');\n"
    "CREATE TABLE IF NOT EXISTS sources(sha256 TEXT PRIMARY KEY, path TEXT NOT NULL,\n"
    "  pages INTEGER, ocr_pages TEXT, text_source TEXT, kind TEXT, case_number TEXT,\n"
    "  document_number TEXT, schema_version INTEGER, digest TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS meetings(id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, body TEXT,\n"
    "  date TEXT, start_time TEXT, end_time TEXT, time_text TEXT, location TEXT);\n"
    "CREATE INDEX IF NOT EXISTS meetings_sha256 ON meetings(sha256);\n"
    "CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);\n"
    "CREATE TABLE IF NOT EXISTS items(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,\n"
    "  sha256 TEXT NOT NULL, meeting_id TEXT NOT NULL, number TEXT, ord INTEGER, title TEXT,\n"
    "  public INTEGER, grp TEXT, page INTEGER, recommendation TEXT, attachments TEXT,\n"
    "  decision TEXT, section_text TEXT);\n"
    "CREATE INDEX IF NOT EXISTS items_sha256 ON items(sha256);\n"
    "CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);\n"
    "CREATE TABLE IF NOT EXISTS sections(sha256 TEXT NOT NULL, item_id TEXT NOT NULL,\n"
    "  seq INTEGER NOT NULL, kind TEXT, heading TEXT, text TEXT, bullets TEXT,\n"
    "  PRIMARY KEY(item_id, seq));\n"
    "CREATE INDEX IF NOT EXISTS sections_sha256 ON sections(sha256);\n"
    "CREATE TABLE IF NOT EXISTS people(id TEXT PRIMARY KEY, sha256 TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, affiliation TEXT);\n"
    "CREATE INDEX IF NOT EXISTS people_sha256 ON people(sha256);\n"
    "CREATE INDEX IF NOT EXISTS people_name ON people(name);\n"
    "CREATE TABLE IF NOT EXISTS attendance(sha256 TEXT NOT NULL, meeting_id TEXT NOT NULL,\n"
    "  person_id TEXT NOT NULL, status TEXT NOT NULL CHECK(status IN ('present', 'absent')),\n"
    "  seq INTEGER NOT NULL, role TEXT, note TEXT, PRIMARY KEY(meeting_id, person_id));\n"
    "CREATE INDEX IF NOT EXISTS attendance_sha256 ON attendance(sha256);\n"
    "CREATE TABLE IF NOT EXISTS warnings(sha256 TEXT NOT NULL, seq INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, message TEXT, page INTEGER, PRIMARY KEY(sha256, seq));\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(title, recommendation, decision,\n"
    "  section_text, content='items', content_rowid='rid',\n"
    "  tokenize='unicode61 remove_diacritics 0');\n"
    "CREATE TRIGGER IF NOT EXISTS items_ai AFTER INSERT ON items BEGIN\n"
    "  INSERT INTO items_fts(rowid, title, recommendation, decision, section_text)\n"
    "  VALUES(new.rid, new.title, new.recommendation, new.decision, new.section_text);\n"
    "END;\n"
    "CREATE TRIGGER IF NOT EXISTS items_ad AFTER DELETE ON items BEGIN\n"
    "  INSERT INTO items_fts(items_fts, rowid, title, recommendation, decision, section_text)\n"
    "  VALUES('delete', old.rid, old.title, old.recommendation, old.decision, old.section_text);\n"
    "END;\n";

static int lite_fail(struct mn_store *s, const char *what, struct mn_error *err)
{
    struct lite *l = s->impl;
    return mn_fail(err, MN_E_IO, "'%s': %s: %s", s->target, what, sq.sqlite3_errmsg(l->db));
}

static sqlite3_stmt *lite_prepare(struct mn_store *s, const char *sql, struct mn_error *err)
{
    struct lite *l = s->impl;
    size_t i;
    for (i = 0; i < STMT_CACHE && l->cache[i].sql; i++)
        if (l->cache[i].sql == sql) {
            sq.sqlite3_reset(l->cache[i].st);
            sq.sqlite3_clear_bindings(l->cache[i].st);
            return l->cache[i].st;
        }
    sqlite3_stmt *st = NULL;
    if (sq.sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) {
        lite_fail(s, "cannot prepare a statement", err);
        return NULL;
    }
    if (i < STMT_CACHE) {
        l->cache[i].sql = sql;
        l->cache[i].st = st;
    }
    return st;
}

static void lite_done(struct mn_store *s, sqlite3_stmt *st)
{
    struct lite *l = s->impl;
    for (size_t i = 0; i < STMT_CACHE && l->cache[i].sql; i++)
        if (l->cache[i].st == st) {
            sq.sqlite3_reset(st);
            return;
        }
    sq.sqlite3_finalize(st);
}

static int lite_bind(struct mn_store *s, sqlite3_stmt *st, int n, const char *const *vals,
                     struct mn_error *err)
{
    for (int i = 0; i < n; i++) {
        int rc = vals[i] ? sq.sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_TRANSIENT)
                         : sq.sqlite3_bind_null(st, i + 1);
        if (rc != SQLITE_OK)
            return lite_fail(s, "cannot bind a value", err);
    }
    return 0;
}

static int lite_exec(struct mn_store *s, const char *sql, int n, const char *const *vals,
                     struct mn_error *err)
{
    sqlite3_stmt *st = lite_prepare(s, sql, err);
    if (!st)
        return -1;
    int ret = lite_bind(s, st, n, vals, err);
    if (ret == 0) {
        int rc;
        while ((rc = sq.sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (rc != SQLITE_DONE)
            ret = lite_fail(s, "cannot write", err);
    }
    lite_done(s, st);
    return ret;
}

static int lite_query1(struct mn_store *s, const char *sql, int n, const char *const *vals,
                       char **out, struct mn_error *err)
{
    *out = NULL;
    sqlite3_stmt *st = lite_prepare(s, sql, err);
    if (!st)
        return -1;
    int ret = lite_bind(s, st, n, vals, err);
    if (ret == 0) {
        int rc = sq.sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *t = sq.sqlite3_column_text(st, 0);
            *out = t ? xstrdup((const char *)t) : NULL;
        } else if (rc != SQLITE_DONE) {
            ret = lite_fail(s, "cannot read", err);
        }
    }
    lite_done(s, st);
    return ret;
}

static void lite_close(struct mn_store *s)
{
    struct lite *l = s->impl;
    if (!l)
        return;
    for (size_t i = 0; i < STMT_CACHE && l->cache[i].sql; i++)
        sq.sqlite3_finalize(l->cache[i].st);
    sq.sqlite3_close(l->db);
    free(l);
}

static const struct mn_store_ops lite_ops = {
    .begin_sql = "BEGIN IMMEDIATE",
    .exec = lite_exec,
    .query1 = lite_query1,
    .close = lite_close,
};

static int lite_open(struct mn_store *s, const char *path, bool readonly, struct mn_error *err)
{
    if (!sq.sqlite3_open_v2 && mn_lite_open(&sq, err) < 0)
        return -1;
    struct lite *l = xcalloc(1, sizeof *l);
    s->impl = l;
    s->ops = &lite_ops;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sq.sqlite3_open_v2(path, &l->db, flags, NULL) != SQLITE_OK)
        return lite_fail(s, "cannot open the database", err);
    sq.sqlite3_busy_timeout(l->db, 10000);
    if (readonly) /* searching: no schema to set up, nothing written */
        return sq.sqlite3_exec(l->db, "PRAGMA mmap_size=1073741824;", NULL, NULL, NULL) == SQLITE_OK
                   ? 0
                   : lite_fail(s, "cannot read the database", err);
    /* WAL: a reader (minutes search) never blocks the loader, and a commit costs no fsync with
     * synchronous=NORMAL; a killed loader loses at most its open transaction */
    char *msg = NULL;
    if (sq.sqlite3_exec(l->db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;", NULL, NULL,
                     &msg) != SQLITE_OK ||
        sq.sqlite3_exec(l->db, lite_schema, NULL, NULL, &msg) != SQLITE_OK) {
        mn_fail(err, MN_E_IO, "'%s': cannot set up the tables: %s", path,
                msg ? msg : sq.sqlite3_errmsg(l->db));
        sq.sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* ---- the store ------------------------------------------------------------------------- */

bool mn_store_is_postgres(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

int mn_store_open(const char *target, bool readonly, struct mn_store **out,
                  struct mn_error *err)
{
    struct mn_store *s = xcalloc(1, sizeof *s);
    s->target = xstrdup(target);
    *out = NULL;
    int rc = mn_store_is_postgres(target) ? mn_pgstore_open(s, target, err)
                                          : lite_open(s, target, readonly, err);
    if (rc < 0) {
        mn_store_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void mn_store_free(struct mn_store *s)
{
    if (!s)
        return;
    if (s->ops)
        s->ops->close(s);
    free(s->target);
    free(s);
}

/* ---- the loader ------------------------------------------------------------------------ */

/* One record's rows: strings borrowed from the record (or from 'own', freed at the end). */
struct loadctx {
    struct mn_store *s;
    const char *sha;
    struct mn_strings_own {
        char **v;
        size_t n, alloc;
    } own;
};

static const char *keep(struct loadctx *c, char *str)
{
    MN_GROW(c->own.v, c->own.n + 1, c->own.alloc);
    c->own.v[c->own.n++] = str;
    return str;
}

static const char *get_s(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const char *get_i(struct loadctx *c, json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (!json_is_integer(v))
        return NULL;
    char buf[32];
    snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    return keep(c, xstrdup(buf));
}

static const char *get_json(struct loadctx *c, json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (!v || json_is_null(v))
        return NULL;
    return keep(c, json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY));
}

static void join_strings(struct mn_buf *b, json_t *arr)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        const char *t = json_string_value(v);
        if (!t)
            continue;
        if (b->len)
            mn_buf_addch(b, '\n');
        mn_buf_adds(b, t);
    }
}

/* Runs 'sql' with the parameters listed after it (strings or NULL), through the backend;
 * reports into the 'err' of the calling function. */
#define EXEC(c, sql, ...)                                                                      \
    ((c)->s->ops->exec((c)->s, sql, (int)MN_ARRAY_SIZE(((const char *[]){__VA_ARGS__})),      \
                       (const char *const[]){__VA_ARGS__}, err))

static int load_people(struct loadctx *c, json_t *arr, const char *meeting_id,
                       const char *status, struct mn_error *err)
{
    size_t i;
    json_t *p;
    json_array_foreach(arr, i, p)
    {
        const char *id = get_s(p, "id"), *name = get_s(p, "name");
        if (!id || !name)
            return mn_fail(err, MN_E_USAGE, "a person without id or name");
        char seq[24];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        if (EXEC(c, "INSERT INTO people(id, sha256, name, affiliation) VALUES($1, $2, $3, $4)",
                 id, c->sha, name, get_s(p, "affiliation")) < 0 ||
            EXEC(c,
                 "INSERT INTO attendance(sha256, meeting_id, person_id, status, seq, role, note) "
                 "VALUES($1, $2, $3, $4, $5, $6, $7)",
                 c->sha, meeting_id, id, status, seq, get_s(p, "role"), get_s(p, "note")) < 0)
            return -1;
    }
    return 0;
}

static int load_item(struct loadctx *c, json_t *it, const char *meeting_id, struct mn_error *err)
{
    const char *id = get_s(it, "id");
    if (!id)
        return mn_fail(err, MN_E_USAGE, "an item without id");
    json_t *secs = json_object_get(it, "sections"), *rec = json_object_get(it, "recommendation");
    struct mn_buf text = MN_BUF_INIT, recb = MN_BUF_INIT;
    size_t i;
    json_t *sec;
    json_array_foreach(secs, i, sec)
    {
        const char *t = get_s(sec, "text");
        if (t && *t) {
            if (text.len)
                mn_buf_adds(&text, "\n\n");
            mn_buf_adds(&text, t);
        }
        json_t *bullets = json_object_get(sec, "bullets");
        if (json_array_size(bullets)) {
            if (text.len)
                mn_buf_adds(&text, "\n\n");
            struct mn_buf bb = MN_BUF_INIT;
            join_strings(&bb, bullets);
            mn_buf_add(&text, bb.buf, bb.len);
            mn_buf_release(&bb);
        }
    }
    if (json_is_object(rec)) {
        const char *intro = get_s(rec, "intro");
        if (intro)
            mn_buf_adds(&recb, intro);
        join_strings(&recb, json_object_get(rec, "points"));
    }
    json_t *pub = json_object_get(it, "public");
    int ret = EXEC(c,
                   "INSERT INTO items(id, sha256, meeting_id, number, ord, title, public, grp, "
                   "page, recommendation, attachments, decision, section_text) VALUES($1, $2, "
                   "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                   id, c->sha, meeting_id, get_s(it, "number"), get_i(c, it, "order"),
                   get_s(it, "title"), json_is_boolean(pub) ? (json_is_true(pub) ? "1" : "0") : NULL,
                   get_s(it, "group"), get_i(c, it, "page"), json_is_object(rec) ? recb.buf : NULL,
                   get_json(c, it, "attachments"), get_s(it, "decision"), text.buf);
    mn_buf_release(&text);
    mn_buf_release(&recb);
    json_array_foreach(secs, i, sec)
    {
        if (ret < 0)
            break;
        char seq[24];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        ret = EXEC(c,
                   "INSERT INTO sections(sha256, item_id, seq, kind, heading, text, bullets) "
                   "VALUES($1, $2, $3, $4, $5, $6, $7)",
                   c->sha, id, seq, get_s(sec, "kind"), get_s(sec, "heading"),
                   get_s(sec, "text"), get_json(c, sec, "bullets"));
    }
    return ret;
}

static int delete_source(struct loadctx *c, struct mn_error *err)
{
    /* literal statements: backends cache by address */
    static const char *const sql[] = {
        "DELETE FROM warnings WHERE sha256 = $1", "DELETE FROM attendance WHERE sha256 = $1",
        "DELETE FROM people WHERE sha256 = $1",   "DELETE FROM sections WHERE sha256 = $1",
        "DELETE FROM items WHERE sha256 = $1",    "DELETE FROM meetings WHERE sha256 = $1",
        "DELETE FROM sources WHERE sha256 = $1",
    };
    for (size_t i = 0; i < MN_ARRAY_SIZE(sql); i++)
        if (c->s->ops->exec(c->s, sql[i], 1, (const char *const[]){c->sha}, err) < 0)
            return -1;
    return 0;
}

static bool is_hex(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* Checks what the loader relies on; the full contract is schema/record.schema.json. */
static int check_record(json_t *rec, struct mn_error *err)
{
    json_t *src = json_object_get(rec, "source"), *m = json_object_get(rec, "meeting");
    if (!json_is_object(rec) || !json_is_object(src) || !json_is_object(m) ||
        !json_is_array(json_object_get(rec, "items")))
        return mn_fail(err, MN_E_USAGE, "not a minutes record");
    json_t *v = json_object_get(rec, "schema_version");
    if (!json_is_integer(v) || json_integer_value(v) != 1)
        return mn_fail(err, MN_E_USAGE, "schema_version is not 1");
    if (!is_hex(get_s(src, "sha256"), 64) || !get_s(src, "path"))
        return mn_fail(err, MN_E_USAGE, "source.sha256 or source.path missing");
    if (!is_hex(get_s(m, "id"), 16))
        return mn_fail(err, MN_E_USAGE, "meeting.id missing (a record from before ids: "
                                        "convert the document again)");
    return 0;
}

static int load_rows(struct loadctx *c, json_t *rec, const char *digest, struct mn_error *err)
{
    json_t *src = json_object_get(rec, "source"), *doc = json_object_get(rec, "document");
    json_t *m = json_object_get(rec, "meeting");
    const char *mid = get_s(m, "id");
    if (delete_source(c, err) < 0 ||
        EXEC(c,
             "INSERT INTO sources(sha256, path, pages, ocr_pages, text_source, kind, case_number, "
             "document_number, schema_version, digest) VALUES($1, $2, $3, $4, $5, $6, $7, $8, "
             "$9, $10)",
             c->sha, get_s(src, "path"), get_i(c, src, "pages"), get_json(c, src, "ocr_pages"),
             get_s(src, "text_source"), get_s(doc, "kind"), get_s(doc, "case_number"),
             get_s(doc, "document_number"), get_i(c, rec, "schema_version"), digest) < 0 ||
        EXEC(c,
             "INSERT INTO meetings(id, sha256, body, date, start_time, end_time, time_text, "
             "location) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
             mid, c->sha, get_s(m, "body"), get_s(m, "date"), get_s(m, "start_time"),
             get_s(m, "end_time"), get_s(m, "time_text"), get_s(m, "location")) < 0 ||
        load_people(c, json_object_get(m, "participants"), mid, "present", err) < 0 ||
        load_people(c, json_object_get(m, "absent"), mid, "absent", err) < 0)
        return -1;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(rec, "items"), i, v)
    {
        if (load_item(c, v, mid, err) < 0)
            return -1;
    }
    json_array_foreach(json_object_get(rec, "warnings"), i, v)
    {
        char seq[24];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        if (EXEC(c,
                 "INSERT INTO warnings(sha256, seq, code, message, page) VALUES($1, $2, $3, $4, "
                 "$5)",
                 c->sha, seq, get_s(v, "code"), get_s(v, "message"), get_i(c, v, "page")) < 0)
            return -1;
    }
    return 0;
}

/* The digest of a record without the white space between its tokens: the same record written
 * indented (a batch's OUTDIR/<name>.json) or compact (its JSON Lines, what a batch worker
 * sends) is the same record. The input is valid JSON (parsed before). */
static gchar *record_digest(const char *json, size_t len)
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    size_t run = 0; /* start of the pending run of bytes to hash */
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (i > run)
                g_checksum_update(ck, (const guchar *)json + run, (gssize)(i - run));
            run = i + 1;
        }
    }
    if (len > run)
        g_checksum_update(ck, (const guchar *)json + run, (gssize)(len - run));
    gchar *hex = g_strdup(g_checksum_get_string(ck));
    g_checksum_free(ck);
    return hex;
}

int mn_store_load(struct mn_store *s, const char *json, size_t len,
                  enum mn_store_outcome *outcome, struct mn_error *err)
{
    json_error_t jerr;
    *outcome = MN_STORE_REJECTED;
    json_t *rec = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!rec) {
        mn_fail(err, MN_E_USAGE, "not JSON: %s (line %d)", jerr.text, jerr.line);
        return 0;
    }
    if (check_record(rec, err) < 0) {
        json_decref(rec);
        return 0;
    }
    gchar *digest = record_digest(json, len);
    struct loadctx c = {.s = s, .sha = get_s(json_object_get(rec, "source"), "sha256")};
    char *old = NULL;
    int ret = -1;
    if (s->ops->exec(s, s->ops->begin_sql, 0, NULL, err) < 0)
        goto out;
    if (s->ops->query1(s, "SELECT digest FROM sources WHERE sha256 = $1", 1,
                       (const char *const[]){c.sha}, &old, err) < 0)
        goto rollback;
    if (old && strcmp(old, digest) == 0) {
        *outcome = MN_STORE_UNCHANGED;
        ret = s->ops->exec(s, "COMMIT", 0, NULL, err);
        goto out;
    }
    struct mn_error rowerr = {0};
    if (load_rows(&c, rec, digest, &rowerr) < 0) {
        if (rowerr.code == MN_E_USAGE) { /* the record, not the store */
            *err = rowerr;
            struct mn_error ignored = {0};
            ret = s->ops->exec(s, "ROLLBACK", 0, NULL, &ignored) < 0 ? -1 : 0;
            if (ret < 0)
                *err = ignored;
            goto out;
        }
        *err = rowerr;
        goto rollback;
    }
    if (s->ops->exec(s, "COMMIT", 0, NULL, err) < 0)
        goto rollback;
    *outcome = MN_STORE_LOADED;
    ret = 0;
    goto out;
rollback:
    if (s->ops->exec(s, "ROLLBACK", 0, NULL, &(struct mn_error){0}) < 0) {
        /* the connection is gone: the next statement reports it */
    }
out:
    free(old);
    g_free(digest);
    for (size_t i = 0; i < c.own.n; i++)
        free(c.own.v[i]); /* xstrdup and json_dumps */
    free(c.own.v);
    json_decref(rec);
    return ret;
}

/* ---- loading files and folders ---------------------------------------------------------- */

struct pathlist {
    char **v;
    size_t n, alloc;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int walk(const char *dir, struct pathlist *pl, struct mn_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return mn_fail(err, MN_E_IO, "cannot read the folder '%s': %s", dir, strerror(errno));
    struct pathlist sub = {0};
    size_t first = pl->n;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = g_build_filename(dir, e->d_name, NULL);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            MN_GROW(sub.v, sub.n + 1, sub.alloc);
            sub.v[sub.n++] = xstrdup(p);
        } else if ((ends_with(e->d_name, ".json") || ends_with(e->d_name, ".jsonl")) &&
                   strcmp(e->d_name, "manifest.jsonl") != 0 &&
                   strcmp(e->d_name, "errors.jsonl") != 0) {
            MN_GROW(pl->v, pl->n + 1, pl->alloc);
            pl->v[pl->n++] = xstrdup(p);
        }
        g_free(p);
    }
    closedir(d);
    /* files in name order, then the folders in name order: the same load order every run */
    if (pl->n - first > 1)
        qsort(pl->v + first, pl->n - first, sizeof *pl->v, cmp_str);
    if (sub.n > 1)
        qsort(sub.v, sub.n, sizeof *sub.v, cmp_str);
    int ret = 0;
    for (size_t i = 0; i < sub.n; i++) {
        if (ret == 0)
            ret = walk(sub.v[i], pl, err);
        free(sub.v[i]);
    }
    free(sub.v);
    return ret;
}

static void count(struct mn_store_stats *st, enum mn_store_outcome o)
{
    if (o == MN_STORE_LOADED)
        st->loaded++;
    else if (o == MN_STORE_UNCHANGED)
        st->unchanged++;
    else
        st->rejected++;
}

static int load_file(struct mn_store *s, const char *path, size_t nfiles,
                     mn_store_notify_fn notify, void *arg, struct mn_store_stats *st,
                     struct mn_error *err)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        mn_fail(err, MN_E_IO, "cannot read '%s': %s", path, gerr->message);
        g_clear_error(&gerr);
        return -1;
    }
    st->files++;
    int ret = 0;
    if (ends_with(path, ".jsonl")) {
        size_t lineno = 0;
        for (char *p = data, *end = data + len; p < end && ret == 0;) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            lineno++;
            bool blank = true;
            for (size_t i = 0; i < n && blank; i++)
                blank = mn_isspace((unsigned char)p[i]);
            if (!blank) {
                enum mn_store_outcome o;
                struct mn_error rerr = {0};
                ret = mn_store_load(s, p, n, &o, &rerr);
                if (ret < 0) {
                    *err = rerr;
                    break;
                }
                count(st, o);
                if (notify) {
                    char *name = g_strdup_printf("%s:%zu", path, lineno);
                    notify(arg, st, nfiles, name, o, o == MN_STORE_REJECTED ? rerr.msg : NULL);
                    g_free(name);
                }
            }
            p += n + 1;
        }
    } else {
        enum mn_store_outcome o;
        struct mn_error rerr = {0};
        ret = mn_store_load(s, data, len, &o, &rerr);
        if (ret < 0) {
            *err = rerr;
        } else {
            count(st, o);
            if (notify)
                notify(arg, st, nfiles, path, o, o == MN_STORE_REJECTED ? rerr.msg : NULL);
        }
    }
    g_free(data);
    return ret;
}

int mn_store_load_paths(struct mn_store *s, int npaths, char **paths, mn_store_notify_fn notify,
                        void *arg, struct mn_store_stats *st, struct mn_error *err)
{
    struct pathlist pl = {0};
    int ret = 0;
    memset(st, 0, sizeof *st);
    for (int i = 0; i < npaths && ret == 0; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            ret = walk(paths[i], &pl, err);
        } else {
            MN_GROW(pl.v, pl.n + 1, pl.alloc);
            pl.v[pl.n++] = xstrdup(paths[i]);
        }
    }
    for (size_t i = 0; i < pl.n && ret == 0; i++)
        ret = load_file(s, pl.v[i], pl.n, notify, arg, st, err);
    for (size_t i = 0; i < pl.n; i++)
        free(pl.v[i]);
    free(pl.v);
    return ret;
}

/* ---- search ----------------------------------------------------------------------------- */

int mn_search_fts_query(const char *text, enum mn_search_in in, struct mn_buf *out)
{
    static const char *const cols[] = {NULL, "title", "decision", "recommendation"};
    size_t start = out->len;
    if (cols[in])
        mn_buf_addf(out, "%s : (", cols[in]);
    int nwords = 0;
    for (const char *p = text; *p;) {
        while (*p && mn_isspace((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && !mn_isspace((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        bool prefix = n > 0 && w[n - 1] == '*';
        if (prefix)
            n--;
        /* a word is a quoted FTS5 string ("" inside); the tokenizer splits it further */
        struct mn_buf word = MN_BUF_INIT;
        for (size_t i = 0; i < n; i++) {
            if (w[i] == '"')
                mn_buf_addch(&word, '"');
            mn_buf_addch(&word, w[i]);
        }
        bool has_token = false;
        for (size_t i = 0; i < word.len && !has_token; i++)
            has_token = (unsigned char)word.buf[i] >= 0x80 || g_ascii_isalnum(word.buf[i]);
        if (has_token) {
            mn_buf_addf(out, "%s\"%s\"%s", nwords ? " " : "", word.buf, prefix ? "*" : "");
            nwords++;
        }
        mn_buf_release(&word);
    }
    if (cols[in])
        mn_buf_addch(out, ')');
    if (nwords == 0) {
        mn_buf_setlen(out, start);
        return -1;
    }
    return 0;
}

/* One line: runs of white space (paragraph breaks, table tabs) as one space. */
static char *fold_space(char *s)
{
    if (!s)
        return NULL;
    char *w = s;
    bool space = false;
    for (const char *r = s; *r; r++) {
        if (mn_isspace((unsigned char)*r)) {
            space = true;
            continue;
        }
        if (space && w > s)
            *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
    return s;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sq.sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

int mn_store_search(struct mn_store *s, const struct mn_search_query *q,
                    struct mn_search_hits *hits, struct mn_error *err)
{
    if (s->ops != &lite_ops)
        return mn_fail(err, MN_E_USAGE, "search reads a SQLite store; on PostgreSQL query the "
                                        "items.tsv column (README.md, \"Feeding a records "
                                        "system\")");
    struct mn_buf fq = MN_BUF_INIT;
    if (mn_search_fts_query(q->text, q->in, &fq) < 0) {
        mn_buf_release(&fq);
        return mn_fail(err, MN_E_USAGE, "the query '%s' holds no word", q->text);
    }
    struct lite *l = s->impl;
    /* Two steps, so that snippet() runs on the hits shown, not on every match: 'top' ranks the
     * matches (bm25 weights: title 4, recommendation 2, decision 2, section text 1) under the
     * filters; the outer query makes the snippets of those. */
    static const char sql[] =
        "WITH top AS (SELECT f.rowid AS rid, bm25(items_fts, 4.0, 2.0, 2.0, 1.0) AS score "
        "  FROM items_fts f JOIN items i ON i.rid = f.rowid JOIN meetings m ON m.id = i.meeting_id"
        "  WHERE items_fts MATCH ?3 AND (?4 IS NULL OR m.body = ?4 COLLATE NOCASE)"
        "  AND (?5 IS NULL OR m.date >= ?5) AND (?6 IS NULL OR m.date <= ?6)"
        "  ORDER BY score LIMIT ?7) "
        "SELECT i.id, m.date, m.body, i.number, i.title, "
        "  snippet(items_fts, -1, ?1, ?2, '…', 16), i.page, src.path, top.score "
        "FROM top JOIN items_fts ON items_fts.rowid = top.rid JOIN items i ON i.rid = top.rid "
        "JOIN meetings m ON m.id = i.meeting_id JOIN sources src ON src.sha256 = i.sha256 "
        "WHERE items_fts MATCH ?3 ORDER BY top.score, m.date DESC, i.ord";
    sqlite3_stmt *st = NULL;
    int ret = -1;
    if (sq.sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) {
        lite_fail(s, "cannot prepare the search", err);
        goto out;
    }
    const char *vals[] = {q->mark_open, q->mark_close, fq.buf, q->body, q->from, q->to};
    if (lite_bind(s, st, (int)MN_ARRAY_SIZE(vals), vals, err) < 0)
        goto out;
    sq.sqlite3_bind_int(st, 7, q->limit);
    int rc;
    while ((rc = sq.sqlite3_step(st)) == SQLITE_ROW) {
        MN_GROW(hits->v, hits->n + 1, hits->alloc);
        struct mn_search_hit *h = &hits->v[hits->n++];
        h->item_id = col_dup(st, 0);
        h->date = col_dup(st, 1);
        h->body = col_dup(st, 2);
        h->number = col_dup(st, 3);
        h->title = col_dup(st, 4);
        h->snippet = fold_space(col_dup(st, 5));
        h->page = sq.sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sq.sqlite3_column_int(st, 6);
        h->path = col_dup(st, 7);
        h->score = sq.sqlite3_column_double(st, 8);
    }
    if (rc != SQLITE_DONE) {
        lite_fail(s, "search failed", err);
        goto out;
    }
    ret = 0;
out:
    sq.sqlite3_finalize(st);
    mn_buf_release(&fq);
    return ret;
}

void mn_search_hits_release(struct mn_search_hits *hits)
{
    for (size_t i = 0; i < hits->n; i++) {
        struct mn_search_hit *h = &hits->v[i];
        free(h->item_id);
        free(h->date);
        free(h->body);
        free(h->number);
        free(h->title);
        free(h->snippet);
        free(h->path);
    }
    free(hits->v);
    memset(hits, 0, sizeof *hits);
}
