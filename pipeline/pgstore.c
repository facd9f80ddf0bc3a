/* pgstore.c: the PostgreSQL backend of store.h, through libpq.
 *
 * The same tables as the SQLite store (store.c), with PostgreSQL's types (boolean, jsonb) and,
 * instead of FTS5, a stored generated tsvector column items.tsv built with the 'danish' text
 * search configuration (Snowball stemming, Danish stop words), weighted title A, decision and
 * recommendation B, the sections' text C, under a GIN index. A record is loaded with the
 * loader of store.c in one transaction that first takes a transaction-scoped advisory lock on
 * its sha256, so two loaders of the same document on a shared server queue instead of
 * failing on a duplicate key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pq.h"
#include "store_impl.h"

/* libpq's functions, filled when the first store is opened (pq.h) */
static struct mn_pq pq;

static const char pg_schema[] =
    "SET client_min_messages = warning;\n"
    "CREATE TABLE IF NOT EXISTS store_meta(key text PRIMARY KEY, value text);\n"
    "INSERT INTO store_meta VALUES('schema_version', '1') ON CONFLICT DO NOTHING;\n"
    "CREATE TABLE IF NOT EXISTS sources(sha256 text PRIMARY KEY, path text NOT NULL,\n"
    "  pages integer, ocr_pages jsonb, text_source text, kind text, case_number text,\n"
    "  document_number text, schema_version integer, digest text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS meetings(id text PRIMARY KEY, sha256 text NOT NULL, body text,\n"
    "  date date, start_time text, end_time text, time_text text, location text);\n"
    "CREATE INDEX IF NOT EXISTS meetings_sha256 ON meetings(sha256);\n"
    "CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);\n"
    "CREATE TABLE IF NOT EXISTS items(rid bigserial PRIMARY KEY, id text NOT NULL UNIQUE,\n"
    "  sha256 text NOT NULL, meeting_id text NOT NULL, number text, ord integer, title text,\n"
    "  public boolean, grp text, page integer, recommendation text, attachments jsonb,\n"
    "  decision text, section_text text,\n"
    "  tsv tsvector GENERATED ALWAYS AS (\n"
    "    setweight(to_tsvector('danish', coalesce(title, '')), 'A') ||\n"
    "    setweight(to_tsvector('danish', coalesce(decision, '')), 'B') ||\n"
    "    setweight(to_tsvector('danish', coalesce(recommendation, '')), 'B') ||\n"
    "    setweight(to_tsvector('danish', coalesce(section_text, '')), 'C')) STORED);\n"
    "CREATE INDEX IF NOT EXISTS items_sha256 ON items(sha256);\n"
    "CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);\n"
    "CREATE INDEX IF NOT EXISTS items_tsv ON items USING gin(tsv);\n"
    "CREATE TABLE IF NOT EXISTS sections(sha256 text NOT NULL, item_id text NOT NULL,\n"
    "  seq integer NOT NULL, kind text, heading text, text text, bullets jsonb,\n"
    "  PRIMARY KEY(item_id, seq));\n"
    "CREATE INDEX IF NOT EXISTS sections_sha256 ON sections(sha256);\n"
    "CREATE TABLE IF NOT EXISTS people(id text PRIMARY KEY, sha256 text NOT NULL,\n"
    "  name text NOT NULL, affiliation text);\n"
    "CREATE INDEX IF NOT EXISTS people_sha256 ON people(sha256);\n"
    "CREATE INDEX IF NOT EXISTS people_name ON people(name);\n"
    "CREATE TABLE IF NOT EXISTS attendance(sha256 text NOT NULL, meeting_id text NOT NULL,\n"
    "  person_id text NOT NULL, status text NOT NULL CHECK(status IN ('present', 'absent')),\n"
    "  seq integer NOT NULL, role text, note text, PRIMARY KEY(meeting_id, person_id));\n"
    "CREATE INDEX IF NOT EXISTS attendance_sha256 ON attendance(sha256);\n"
    "CREATE TABLE IF NOT EXISTS warnings(sha256 text NOT NULL, seq integer NOT NULL,\n"
    "  code text NOT NULL, message text, page integer, PRIMARY KEY(sha256, seq));\n";

static int pg_fail(struct mn_store *s, const char *what, struct mn_error *err)
{
    PGconn *c = s->impl;
    const char *msg = c ? pq.PQerrorMessage(c) : "out of memory";
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    return mn_fail(err, MN_E_IO, "PostgreSQL: %s: %.*s", what, (int)n, msg);
}

static int pg_run(struct mn_store *s, const char *sql, int n, const char *const *vals,
                  char **out, struct mn_error *err)
{
    PGconn *c = s->impl;
    if (out)
        *out = NULL;
    PGresult *r = pq.PQexecParams(c, sql, n, NULL, vals, NULL, NULL, 0);
    ExecStatusType st = pq.PQresultStatus(r);
    int ret = 0;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        const char *msg = pq.PQresultErrorMessage(r);
        size_t len = strlen(msg);
        while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
            len--;
        ret = mn_fail(err, MN_E_IO, "PostgreSQL: %.*s", (int)len, msg);
    } else if (out && st == PGRES_TUPLES_OK && pq.PQntuples(r) > 0 && !pq.PQgetisnull(r, 0, 0)) {
        *out = xstrdup(pq.PQgetvalue(r, 0, 0));
    }
    pq.PQclear(r);
    return ret;
}

static int pg_exec(struct mn_store *s, const char *sql, int n, const char *const *vals,
                   struct mn_error *err)
{
    return pg_run(s, sql, n, vals, NULL, err);
}

/* A load's first statement after BEGIN is the SELECT of its source's digest (store.c): before
 * it, the transaction queues behind any other loader of the same document. */
static int pg_query1(struct mn_store *s, const char *sql, int n, const char *const *vals,
                     char **out, struct mn_error *err)
{
    if (strncmp(sql, "SELECT digest FROM sources", 26) == 0 && n == 1 &&
        pg_run(s, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, vals, NULL, err) < 0)
        return -1;
    return pg_run(s, sql, n, vals, out, err);
}

static void pg_close(struct mn_store *s)
{
    if (s->impl)
        pq.PQfinish(s->impl);
}

static const struct mn_store_ops pg_ops = {
    .begin_sql = "BEGIN",
    .exec = pg_exec,
    .query1 = pg_query1,
    .close = pg_close,
};

int mn_pgstore_open(struct mn_store *s, const char *url, struct mn_error *err)
{
    s->impl = NULL;
    s->ops = &pg_ops;
    if (!pq.PQconnectdb && mn_pq_open(&pq, err) < 0)
        return -1;
    PGconn *c = pq.PQconnectdb(url);
    s->impl = c;
    if (!c || pq.PQstatus(c) != CONNECTION_OK)
        return pg_fail(s, "cannot connect", err);
    if (pq.PQsetClientEncoding(c, "UTF8") != 0)
        return pg_fail(s, "cannot use UTF-8", err);
    PGresult *r = pq.PQexec(c, pg_schema);
    int ret = 0;
    if (pq.PQresultStatus(r) != PGRES_COMMAND_OK)
        ret = pg_fail(s, "cannot set up the tables", err);
    pq.PQclear(r);
    return ret;
}
