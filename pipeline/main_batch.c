/* main_batch.c: 'minutes batch': collect the inputs, run the engine, show progress on a
 * terminal, print the summary, choose the exit status. Options are parsed in main.c; the
 * engine (batch.c, walk.c, manifest.c) lives in the library and prints nothing. */
#include "main_batch.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "err.h"
#include "pipeline.h"
#include "walk.h"

#ifndef MN_VERSION
#define MN_VERSION "0.0.0"
#endif

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

struct view {
    bool tty;         /* progress line on stderr */
    bool quiet;
    bool line_shown;  /* a progress line is on screen */
    double last_draw; /* elapsed at the last draw */
};

static void clear_line(struct view *v)
{
    if (v->line_shown)
        fputs("\r\033[K", stderr);
    v->line_shown = false;
}

static void fmt_duration(double s, char *buf, size_t size)
{
    long t = s < 0 ? 0 : (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, size, "%ld:%02ld", t / 60, t % 60);
}

static void draw(struct view *v, const struct mn_batch_stats *st)
{
    size_t done = st->converted + st->failed;
    double pct = st->todo ? 100.0 * (double)done / (double)st->todo : 100.0;
    double rate = st->elapsed > 0 ? (double)st->pages / st->elapsed : 0;
    char eta[32] = "-";
    if (done > 0 && st->todo > done)
        fmt_duration(st->elapsed / (double)done * (double)(st->todo - done), eta, sizeof eta);
    fprintf(stderr, "\r\033[K[%zu/%zu] %3.0f%%  %.1f pages/s  %zu error%s  ETA %s", done,
            st->todo, pct, rate, st->failed, st->failed == 1 ? "" : "s", eta);
    v->line_shown = true;
    v->last_draw = st->elapsed;
}

static void on_event(void *arg, const struct mn_batch_stats *st, const struct mn_batch_doc *d)
{
    struct view *v = arg;
    if (d && strcmp(d->outcome, "ok") != 0 && !v->quiet) {
        clear_line(v);
        fprintf(stderr, "minutes: error [%s] (%s): %s\n", d->outcome, d->stage, d->message);
    }
    size_t done = st->converted + st->failed;
    if (v->tty && (!d || st->elapsed - v->last_draw >= 0.2 || !v->line_shown || done == st->todo))
        draw(v, st);
}

static int fatal(const struct mn_error *err)
{
    fprintf(stderr, "minutes: error [%s]: %s\n", mn_code_name(err->code), err->msg);
    switch (err->code) {
    case MN_E_USAGE:
        return MN_BATCH_EXIT_USAGE;
    case MN_E_RULES:
        return MN_BATCH_EXIT_RULES;
    default:
        return MN_BATCH_EXIT_SYSTEM;
    }
}

static void summary(const struct mn_batch_options *bo, const struct mn_batch_stats *st)
{
    size_t before = st->unchanged + st->unchanged_failed;
    if (st->todo == 0) {
        fprintf(stderr, "minutes: batch: nothing to convert: %s%zu document%s unchanged since the "
                        "last run (%zu converted, %zu failed)\n",
                st->total > 1 ? "all " : "", st->total, st->total == 1 ? "" : "s",
                st->unchanged, st->unchanged_failed);
    } else {
        double rate = st->elapsed > 0 ? (double)st->pages / st->elapsed : 0;
        fprintf(stderr,
                "minutes: batch: %zu document%s: %zu converted, %zu failed, %zu unchanged",
                st->total, st->total == 1 ? "" : "s", st->converted, st->failed, before);
        if (st->unchanged_failed)
            fprintf(stderr, " (%zu of them failed earlier)", st->unchanged_failed);
        fprintf(stderr, "; %ld pages in %.1f s (%.1f pages/s)\n", st->pages, st->elapsed, rate);
    }
    if (st->interrupted)
        fprintf(stderr, "minutes: batch: interrupted; %zu document%s not converted yet: run the "
                        "same command again to go on\n",
                st->todo - st->converted - st->failed,
                st->todo - st->converted - st->failed == 1 ? "" : "s");
    if ((st->failed || st->unchanged_failed) && bo->outdir)
        fprintf(stderr, "minutes: batch: failures are listed in %s/errors.jsonl\n", bo->outdir);
}

static int collect(int npaths, char **paths, const struct mn_batch_options *bo,
                   struct mn_inputs *in, struct mn_error *err)
{
    bool read_stdin = false;
    for (int i = 0; i < npaths; i++) {
        if (strcmp(paths[i], "-") == 0) {
            if (read_stdin)
                continue;
            read_stdin = true;
            if (mn_inputs_add_list(in, stdin, err) < 0)
                return -1;
        } else if (mn_inputs_add(in, paths[i], err) < 0) {
            return -1;
        }
    }
    if (mn_inputs_finish(in, err) < 0)
        return -1;
    if (bo->shard_n > 0)
        mn_inputs_shard(in, bo->shard_k, bo->shard_n);
    return 0;
}

int mn_cli_batch(const struct mn_options *opt, struct mn_batch_options *bo, bool quiet,
                 int npaths, char **paths)
{
    struct mn_inputs in = MN_INPUTS_INIT;
    struct mn_ctx *ctx = NULL;
    struct mn_error err = {0};
    struct mn_batch_stats st;
    struct mn_options copt = *opt;
    int code;

    if (npaths == 0) {
        fprintf(stderr, "minutes: batch wants at least one PATH (a file, a folder or '-')\n");
        return MN_BATCH_EXIT_USAGE;
    }
    if (!bo->outdir && !bo->jsonl && !bo->store) {
        fprintf(stderr, "minutes: batch wants -o OUTDIR, --jsonl FILE or --db DB\n");
        return MN_BATCH_EXIT_USAGE;
    }
    if (bo->no_files && !bo->outdir) {
        fprintf(stderr, "minutes: batch: --no-files wants -o OUTDIR (for the manifest)\n");
        return MN_BATCH_EXIT_USAGE;
    }
    /* -j: documents at a time; the workers share the cores out among their OCR threads */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    bo->jobs = copt.jobs > 0 ? copt.jobs : ncpu > 0 ? (int)ncpu : 1;
    copt.jobs = 0;
    copt.prefetch_dict = true; /* overlaps the rules and the planning; read before forking */
    copt.jit_rules = true;     /* once here, not in every worker */
    bo->version = MN_VERSION;
    bo->stop = &stop_signal;

    if (collect(npaths, paths, bo, &in, &err) < 0) {
        code = fatal(&err);
        goto out;
    }
    if (mn_ctx_new(&copt, &ctx, &err) < 0) {
        code = fatal(&err);
        goto out;
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal; /* no SA_RESTART: poll() returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    struct view v = {.tty = !quiet && isatty(2), .quiet = quiet};
    int rc = mn_batch_run(ctx, bo, &in, on_event, &v, &st, &err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    clear_line(&v);
    if (rc < 0) {
        code = fatal(&err);
        goto out;
    }
    if (!quiet)
        summary(bo, &st);
    if (st.interrupted)
        code = 128 + (int)stop_signal;
    else if (st.failed || st.unchanged_failed)
        code = MN_BATCH_EXIT_FAILED;
    else
        code = MN_BATCH_EXIT_OK;
out:
    mn_ctx_free_for_exit(ctx);
    mn_inputs_release(&in);
    return code;
}
