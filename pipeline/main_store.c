/* main_store.c: 'minutes index' and 'minutes search', and the CLI side of --format oparl and
 * batch --db (main_store.h). The work is in store.c, pgstore.c and oparl.c. */
#include "main_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "batch.h"
#include "err.h"
#include "main_batch.h"
#include "oparl.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 4 };

void mn_cli_store_default(struct mn_cli_store *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->q.in = MN_SEARCH_ALL;
    cs->q.limit = 20;
}

static int report(const struct mn_error *err)
{
    fprintf(stderr, "minutes: error [%s]: %s\n", mn_code_name(err->code), err->msg);
    return err->code == MN_E_USAGE ? EXIT_USAGE : err->code == MN_E_IO ? EXIT_SYSTEM : EXIT_INPUT;
}

/* ---- index ------------------------------------------------------------------------------ */

struct view {
    bool tty, quiet, shown;
    double start, last;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_record(void *arg, const struct mn_store_stats *st, size_t nfiles,
                      const char *name, enum mn_store_outcome o, const char *message)
{
    struct view *v = arg;
    if (o == MN_STORE_REJECTED && !v->quiet) {
        if (v->shown)
            fputs("\r\033[K", stderr);
        v->shown = false;
        fprintf(stderr, "minutes: index: skipped %s: %s\n", name, message ? message : "");
    }
    double t = now_s();
    if (v->tty && (t - v->last >= 0.2 || !v->shown)) {
        size_t n = st->loaded + st->unchanged + st->rejected;
        fprintf(stderr, "\r\033[K[file %zu/%zu] %zu record%s: %zu loaded, %zu unchanged, %zu "
                        "skipped  %.0f records/s",
                st->files, nfiles, n, n == 1 ? "" : "s", st->loaded, st->unchanged,
                st->rejected, t > v->start ? (double)n / (t - v->start) : 0.0);
        v->shown = true;
        v->last = t;
    }
}

int mn_cli_index(const struct mn_cli_store *cs, bool quiet, int nargs, char **args)
{
    (void)cs;
    if (nargs < 2) {
        fprintf(stderr, "minutes: index wants a DB (a SQLite file or postgresql://...) and at "
                        "least one PATH (.json, .jsonl or a batch's OUTDIR)\n");
        return EXIT_USAGE;
    }
    struct mn_error err = {0};
    struct mn_store *s = NULL;
    if (mn_store_open(args[0], false, &s, &err) < 0)
        return report(&err);
    struct view v = {.tty = !quiet && isatty(2), .quiet = quiet, .start = now_s()};
    struct mn_store_stats st;
    int rc = mn_store_load_paths(s, nargs - 1, args + 1, on_record, &v, &st, &err);
    if (v.shown)
        fputs("\r\033[K", stderr);
    int code = EXIT_OK;
    if (rc < 0) {
        code = report(&err);
    } else {
        if (!quiet)
            fprintf(stderr, "minutes: index: %zu file%s: %zu record%s loaded, %zu unchanged, %zu "
                            "skipped in %.1f s\n",
                    st.files, st.files == 1 ? "" : "s", st.loaded, st.loaded == 1 ? "" : "s",
                    st.unchanged, st.rejected, now_s() - v.start);
        if (st.rejected)
            code = EXIT_INPUT;
    }
    mn_store_free(s);
    return code;
}

/* ---- search ----------------------------------------------------------------------------- */

static json_t *jstr_or_null(const char *s)
{
    json_t *j = s ? json_string(s) : NULL;
    return j ? j : json_null();
}

int mn_cli_search(struct mn_cli_store *cs, int nargs, char **args)
{
    if (nargs < 2) {
        fprintf(stderr, "minutes: search wants a DB and a QUERY\n");
        return EXIT_USAGE;
    }
    struct mn_error err = {0};
    struct mn_store *s = NULL;
    struct mn_search_hits hits = {0};
    /* the words of every argument after DB */
    size_t qlen = 0;
    for (int i = 1; i < nargs; i++)
        qlen += strlen(args[i]) + 1;
    char *text = xmalloc(qlen + 1);
    text[0] = '\0';
    for (int i = 1; i < nargs; i++) {
        strcat(text, args[i]);
        strcat(text, " ");
    }
    bool tty = isatty(1) && !cs->json;
    cs->q.text = text;
    cs->q.mark_open = tty ? "\033[1m" : "[";
    cs->q.mark_close = tty ? "\033[0m" : "]";
    int code = EXIT_OK;
    if (access(args[0], F_OK) != 0 && !mn_store_is_postgres(args[0])) {
        fprintf(stderr, "minutes: error [io]: no database '%s'\n", args[0]);
        code = EXIT_SYSTEM;
        goto out;
    }
    double t0 = now_s(), c0 = cpu_s();
    if (mn_store_open(args[0], true, &s, &err) < 0 || mn_store_search(s, &cs->q, &hits, &err) < 0) {
        code = report(&err);
        goto out;
    }
    if (cs->time)
        fprintf(stderr, "minutes: search: %zu hit%s in %.1f ms (CPU %.1f ms)\n", hits.n,
                hits.n == 1 ? "" : "s", 1000 * (now_s() - t0), 1000 * (cpu_s() - c0));
    for (size_t i = 0; i < hits.n; i++) {
        const struct mn_search_hit *h = &hits.v[i];
        if (cs->json) {
            json_t *o = json_object();
            json_object_set_new(o, "item_id", jstr_or_null(h->item_id));
            json_object_set_new(o, "date", jstr_or_null(h->date));
            json_object_set_new(o, "body", jstr_or_null(h->body));
            json_object_set_new(o, "number", jstr_or_null(h->number));
            json_object_set_new(o, "title", jstr_or_null(h->title));
            json_object_set_new(o, "snippet", jstr_or_null(h->snippet));
            json_object_set_new(o, "page", h->page ? json_integer(h->page) : json_null());
            json_object_set_new(o, "path", jstr_or_null(h->path));
            json_object_set_new(o, "score", json_real(h->score));
            char *line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
            json_decref(o);
            if (line)
                printf("%s\n", line);
            free(line);
        } else {
            printf("%s  %s  punkt %s: %s\n", h->date ? h->date : "(no date)",
                   h->body ? h->body : "(no body)", h->number ? h->number : "?",
                   h->title ? h->title : "");
            printf("    %s\n", h->snippet ? h->snippet : "");
            if (h->page)
                printf("    %s, page %d\n", h->path, h->page);
            else
                printf("    %s\n", h->path);
        }
    }
    if (hits.n == 0 && !cs->json)
        fprintf(stderr, "minutes: search: no hits\n");
out:
    mn_search_hits_release(&hits);
    mn_store_free(s);
    free(text);
    return code;
}

/* ---- convert --format oparl, batch --db ------------------------------------------------- */

int mn_cli_oparl(const struct mn_cli_store *cs, bool pretty, char **out, size_t *len)
{
    struct mn_error err = {0};
    char *o = NULL;
    size_t olen = 0;
    if (mn_oparl_render(*out, *len, cs->base_url, pretty, &o, &olen, &err) < 0) {
        fprintf(stderr, "minutes: error [%s]: %s\n", mn_code_name(err.code), err.msg);
        return EXIT_SYSTEM;
    }
    free(*out);
    *out = o;
    *len = olen;
    return 0;
}

int mn_cli_batch_store(const struct mn_cli_store *cs, struct mn_batch_options *bo)
{
    bo->oparl = cs->oparl;
    bo->base_url = cs->base_url;
    if (!cs->db)
        return -1;
    struct mn_error err = {0};
    if (mn_store_open(cs->db, false, &bo->store, &err) < 0) {
        fprintf(stderr, "minutes: error [%s]: %s\n", mn_code_name(err.code), err.msg);
        return MN_BATCH_EXIT_SYSTEM;
    }
    return -1;
}

void mn_cli_batch_done(struct mn_batch_options *bo)
{
    mn_store_free(bo->store);
    bo->store = NULL;
}
