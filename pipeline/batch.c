/* batch.c: the batch engine: plan from the manifest, fork workers, commit results (batch.h).
 *
 * The parent is the only writer. For a converted document it writes, in this order: the record
 * file (temporary name, fsync, rename), the JSON Lines line (one write; fdatasync when it is a
 * file), then the manifest line, which also records how far the JSON Lines file is written.
 * With a store (--db), the record is loaded into it (one transaction) before the manifest line.
 * A run killed anywhere leaves at most a document whose manifest line is missing: the next run
 * converts it again, after cutting the JSON Lines file back to the manifest's last mark, so
 * each document's line is there exactly once. */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "buf.h"
#include "dehyphen.h"
#include "doc.h"
#include "emit.h"
#include "err.h"
#include "manifest.h"
#include "oparl.h"
#include "pipeline.h"
#include "rules.h"
#include "store.h"
#include "walk.h"

enum {
    MAX_STDERR = 16 * 1024, /* tail of a worker's standard error kept for its error line */
    TICK_MS = 500,          /* notify period while workers run */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- writing ---------------------------------------------------------------------------- */

static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Appends one line to a file other runs (shards) may append to at the same time. */
static int append_locked(int fd, const char *line, const char *name, struct mn_error *err)
{
    while (flock(fd, LOCK_EX) < 0)
        if (errno != EINTR)
            return mn_fail(err, MN_E_IO, "cannot lock '%s': %s", name, strerror(errno));
    int ret = write_all(fd, line, strlen(line));
    int saved = errno;
    flock(fd, LOCK_UN);
    if (ret < 0)
        return mn_fail(err, MN_E_IO, "cannot write '%s': %s", name, strerror(saved));
    return 0;
}

/* mkdir -p of the folder part of 'path'. */
static int make_parents(const char *path, struct mn_error *err)
{
    char *dir = xstrdup(path);
    int ret = 0;
    for (char *p = dir + 1; *p && ret == 0; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) < 0 && errno != EEXIST)
            ret = mn_fail(err, MN_E_IO, "cannot create folder '%s': %s", dir, strerror(errno));
        *p = '/';
    }
    free(dir);
    return ret;
}

/* Writes 'data' to 'path' through 'path'.tmp, fsync and rename. */
static int write_file_atomic(const char *path, const char *data, size_t len, struct mn_error *err)
{
    if (make_parents(path, err) < 0)
        return -1;
    struct mn_buf tmp = MN_BUF_INIT;
    mn_buf_addf(&tmp, "%s.tmp", path);
    int ret = -1;
    int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        mn_fail(err, MN_E_IO, "cannot create '%s': %s", tmp.buf, strerror(errno));
        goto out;
    }
    bool ok = write_all(fd, data, len) == 0 && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp.buf, path) == 0) {
        ret = 0;
    } else {
        saved = ok ? errno : saved;
        unlink(tmp.buf);
        mn_fail(err, MN_E_IO, "cannot write '%s': %s", path, strerror(saved));
    }
out:
    mn_buf_release(&tmp);
    return ret;
}

/* Lowercase hex sha256 of the file at 'path' into out; "" when it cannot be read. */
static void hash_file(const char *path, char out[65])
{
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        g_checksum_update(ck, (const guchar *)chunk, n);
    }
    if (n == 0)
        g_strlcpy(out, g_checksum_get_string(ck), 65);
    g_checksum_free(ck);
    close(fd);
}

/* ---- the worker ------------------------------------------------------------------------- */

/* Sent by a worker through its pipe: any number of "stage NAME\n", then either
 *   "ok PAGES SHA256 LEN1 LEN2\n" + LEN1 bytes (compact record) + LEN2 bytes (pretty record)
 *   "err CODE LEN\n" + LEN bytes of message. */

struct stage_hook {
    const char *path;
    int fd;
};

static void send_stage(void *arg, const char *stage)
{
    const char *path = ((const struct stage_hook *)arg)->path;
    int fd = ((const struct stage_hook *)arg)->fd;
    char line[64];
    int n = snprintf(line, sizeof line, "stage %s\n", stage);
    if (n > 0 && (size_t)n < sizeof line)
        (void)write_all(fd, line, (size_t)n);
    if (strcmp(stage, "extract") != 0)
        return;
    /* test-only hooks (batch.h) */
    const char *s;
    if ((s = getenv("MINUTES_TEST_CRASH")) && *s && strstr(path, s))
        raise(SIGSEGV);
    if ((s = getenv("MINUTES_TEST_HANG")) && *s && strstr(path, s))
        for (;;)
            pause();
    if ((s = getenv("MINUTES_TEST_OOM")) && *s && strstr(path, s))
        for (;;) { /* leaked on purpose: the address-space cap ends this */
            char *volatile p = xmalloc(64 << 20);
            p[0] = 1;
        }
}

static void redirect(int fd, int target)
{
    if (fd >= 0 && fd != target) {
        dup2(fd, target);
        close(fd);
    }
}

static void set_default_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGCHLD, SIGSEGV, SIGABRT};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < MN_ARRAY_SIZE(sigs); i++)
        sigaction(sigs[i], &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void worker_main(struct mn_ctx *ctx, const struct mn_batch_options *opt,
                        const struct mn_input *in, pid_t parent, int out_fd, int err_fd)
{
    set_default_signals();
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed batch takes its workers with it */
#endif
    if (getppid() != parent)
        _exit(125);
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
        dup2(null_fd, 0);
        dup2(null_fd, 1);
    }
    redirect(err_fd, 2);
    if (opt->mem_limit > 0) {
        struct rlimit rl = {(rlim_t)opt->mem_limit, (rlim_t)opt->mem_limit};
        setrlimit(RLIMIT_AS, &rl);
    }
    if (ctx->opt.jobs == 0) {
        /* OCR threads: twice this worker's share of the cores, at most one per core. With an
         * exact share, a core idles whenever a worker's document runs out of pages (an odd
         * page, a document's start); with twice as many, another worker's threads take it up
         * (the corpus's scans under -j 2: 25.4 -> 23.8 s). Twice, not more: every thread holds
         * a tesseract engine (about 60 MB). */
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        long share = ncpu > 0 ? 2 * ncpu / opt->jobs : 1;
        ctx->opt.jobs = (int)(share < 1 ? 1 : share > ncpu ? ncpu : share);
    }
    struct stage_hook hook = {in->path, out_fd};
    ctx->on_stage = send_stage;
    ctx->on_stage_arg = &hook;

    struct mn_error err = {0};
    struct mn_doc *doc = NULL;
    char *line = NULL, *pretty = NULL;
    size_t line_len = 0, pretty_len = 0;
    struct mn_buf msg = MN_BUF_INIT;
    bool want_pretty = ctx->opt.pretty && opt->outdir && !opt->no_files;
    if (mn_pipeline_run(ctx, in->path, NULL, &doc, &err) < 0 ||
        mn_emit_record(doc, false, &line, &line_len, &err) < 0 ||
        (want_pretty && mn_emit_record(doc, true, &pretty, &pretty_len, &err) < 0)) {
        mn_buf_addf(&msg, "err %s %zu\n", mn_code_name(err.code), strlen(err.msg));
        mn_buf_adds(&msg, err.msg);
    } else {
        mn_buf_addf(&msg, "ok %d %s %zu %zu\n", doc->npages, doc->sha256, line_len, pretty_len);
        mn_buf_add(&msg, line, line_len);
        mn_buf_add(&msg, pretty ? pretty : "", pretty_len);
    }
    int rc = write_all(out_fd, msg.buf, msg.len) == 0 && close(out_fd) == 0 ? 0 : 124;
    /* no clean-up: the process ends here */
    _exit(rc);
}

/* ---- the parent ------------------------------------------------------------------------- */

struct worker {
    pid_t pid; /* 0 = free slot */
    size_t idx;
    int out_fd, err_fd; /* -1 once at end of file */
    struct mn_buf out, errtext;
    double deadline;
    bool killed_timeout;
};

struct run {
    struct mn_ctx *ctx;
    const struct mn_batch_options *opt;
    const struct mn_inputs *in;
    mn_batch_notify_fn notify;
    void *arg;
    struct mn_batch_stats *st;
    char rules[65];
    char *options;
    struct mn_manifest *manifest;
    int manifest_fd, errors_fd, lock_fd, jsonl_fd;
    struct mn_buf manifest_path, errors_path;
    bool jsonl_is_file;
    struct mn_jsonl_mark mark;
    bool *todo; /* per input */
    double start;
};

char *mn_batch_options_fingerprint(const struct mn_ctx *ctx)
{
    static const char *const ocr_names[] = {"auto", "always", "never"};
    const struct mn_options *o = &ctx->opt;
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_addf(&b, "ocr=%s dpi=%d ocr_steps=%d max_pages=%d text=%d pretty=%d password=%d",
                (unsigned)o->ocr < 3 ? ocr_names[o->ocr] : "?", o->dpi, o->ocr_steps,
                o->max_pages, o->is_text, o->pretty, o->password != NULL);
    if (o->dict_path)
        mn_buf_addf(&b, " dict=%s", o->dict_path);
    return mn_buf_detach(&b, NULL);
}

static void stat_info(const char *path, long long *size, long long *mtime_ns)
{
    struct stat st;
    *size = -1;
    *mtime_ns = 0;
    if (stat(path, &st) == 0) {
        *size = (long long)st.st_size;
        *mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    }
}

static void output_path(const struct run *r, const char *key, struct mn_buf *out)
{
    mn_buf_addf(out, "%s/", r->opt->outdir);
    mn_walk_output_name(key, out);
}

static int append_manifest(struct run *r, const struct mn_input *in, const char *sha,
                           const char *outcome, int pages, const struct mn_jsonl_mark *mark,
                           struct mn_error *err)
{
    if (r->manifest_fd < 0)
        return 0;
    struct mn_manifest_entry e = {
        .key = in->key,
        .path = in->path,
        .version = (char *)r->opt->version,
        .rules = r->rules,
        .options = r->options,
        .outcome = (char *)outcome,
        .pages = pages,
    };
    g_strlcpy(e.sha256, sha, sizeof e.sha256);
    stat_info(in->path, &e.size, &e.mtime_ns);
    char *line = mn_manifest_format(&e, mark);
    int ret = append_locked(r->manifest_fd, line, r->manifest_path.buf, err);
    free(line);
    return ret;
}

/* Decides which inputs to convert. Returns 0, or -1 with err set. */
static int plan(struct run *r, struct mn_error *err)
{
    const struct mn_batch_options *opt = r->opt;
    struct mn_batch_stats *st = r->st;
    st->total = r->in->n;
    for (size_t i = 0; i < r->in->n; i++) {
        const struct mn_input *in = &r->in->v[i];
        const struct mn_manifest_entry *e =
            opt->force || !r->manifest ? NULL : mn_manifest_find(r->manifest, in->key);
        r->todo[i] = true;
        if (!e || !e->sha256[0] || strcmp(e->version, opt->version) != 0 ||
            strcmp(e->rules, r->rules) != 0 || strcmp(e->options, r->options) != 0)
            continue;
        long long size, mtime;
        stat_info(in->path, &size, &mtime);
        if (size < 0)
            continue;
        if (size != e->size || mtime != e->mtime_ns) { /* touched: compare the bytes */
            char sha[65];
            hash_file(in->path, sha);
            if (strcmp(sha, e->sha256) != 0)
                continue;
            /* same bytes: record the new stat data so the next run need not hash again */
            if (append_manifest(r, in, sha, e->outcome, e->pages, NULL, err) < 0)
                return -1;
        }
        bool ok = strcmp(e->outcome, "ok") == 0;
        if (ok && opt->outdir && !opt->no_files) {
            struct mn_buf out = MN_BUF_INIT;
            output_path(r, in->key, &out);
            bool exists = access(out.buf, F_OK) == 0;
            mn_buf_release(&out);
            if (!exists)
                continue;
        }
        if (!ok && opt->retry_errors)
            continue;
        if (ok && opt->store && opt->outdir && !opt->no_files && !opt->oparl) {
            /* a store given to a re-run catches up with the records already in OUTDIR; one it
             * refuses (a record from before ids, say) is converted again */
            struct mn_buf out = MN_BUF_INIT;
            output_path(r, in->key, &out);
            gchar *data = NULL;
            gsize len = 0;
            enum mn_store_outcome o = MN_STORE_REJECTED;
            struct mn_error lerr = {0};
            int lret = 0;
            if (g_file_get_contents(out.buf, &data, &len, NULL))
                lret = mn_store_load(opt->store, data, len, &o, &lerr);
            g_free(data);
            mn_buf_release(&out);
            if (lret < 0) {
                *err = lerr;
                return -1;
            }
            if (o == MN_STORE_REJECTED)
                continue;
        }
        r->todo[i] = false;
        if (ok)
            st->unchanged++;
        else
            st->unchanged_failed++;
    }
    st->todo = st->total - st->unchanged - st->unchanged_failed;
    return 0;
}

/* Opens OUTDIR's lock, manifest and error list. */
static int open_state(struct run *r, struct mn_error *err)
{
    const struct mn_batch_options *opt = r->opt;
    struct mn_buf p = MN_BUF_INIT;
    int ret = -1;
    mn_buf_addf(&p, "%s/x", opt->outdir);
    if (make_parents(p.buf, err) < 0)
        goto out;
    mn_buf_reset(&p);
    if (opt->shard_n > 0)
        mn_buf_addf(&p, "%s/.lock-%d-of-%d", opt->outdir, opt->shard_k, opt->shard_n);
    else
        mn_buf_addf(&p, "%s/.lock", opt->outdir);
    r->lock_fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (r->lock_fd < 0) {
        mn_fail(err, MN_E_IO, "cannot create '%s': %s", p.buf, strerror(errno));
        goto out;
    }
    if (flock(r->lock_fd, LOCK_EX | LOCK_NB) < 0) {
        mn_fail(err, MN_E_IO, "'%s' is in use by another minutes batch (lock '%s')",
                opt->outdir, p.buf);
        goto out;
    }
    mn_buf_addf(&r->manifest_path, "%s/manifest.jsonl", opt->outdir);
    mn_buf_addf(&r->errors_path, "%s/errors.jsonl", opt->outdir);
    r->manifest = mn_manifest_new();
    if (mn_manifest_load(r->manifest, r->manifest_path.buf, err) < 0)
        goto out;
    r->manifest_fd = open(r->manifest_path.buf, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    r->errors_fd = open(r->errors_path.buf, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (r->manifest_fd < 0 || r->errors_fd < 0) {
        mn_fail(err, MN_E_IO, "cannot open '%s': %s",
                r->manifest_fd < 0 ? r->manifest_path.buf : r->errors_path.buf,
                strerror(errno));
        goto out;
    }
    /* a line cut short by a killed run (power loss) must not swallow the next one */
    for (int k = 0; k < 2; k++) {
        int fd = k ? r->errors_fd : r->manifest_fd;
        const char *name = k ? r->errors_path.buf : r->manifest_path.buf;
        struct stat st;
        char last = '\n';
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            int rfd = open(name, O_RDONLY | O_CLOEXEC);
            if (rfd >= 0) {
                if (pread(rfd, &last, 1, st.st_size - 1) != 1)
                    last = '\n';
                close(rfd);
            }
        }
        if (last != '\n' && append_locked(fd, "\n", name, err) < 0)
            goto out;
    }
    ret = 0;
out:
    mn_buf_release(&p);
    return ret;
}

/* Opens the JSON Lines output and cuts a file back to what the manifest knows. */
static int open_jsonl(struct run *r, struct mn_error *err)
{
    const char *path = r->opt->jsonl;
    if (strcmp(path, "-") == 0) {
        r->jsonl_fd = 1;
        return 0;
    }
    r->jsonl_fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (r->jsonl_fd < 0)
        return mn_fail(err, MN_E_IO, "cannot open '%s': %s", path, strerror(errno));
    struct stat st;
    if (fstat(r->jsonl_fd, &st) < 0)
        return mn_fail(err, MN_E_IO, "cannot stat '%s': %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return 0; /* a pipe or a device: a stream, nothing to cut */
    r->jsonl_is_file = true;
    r->mark.dev = (long long)st.st_dev;
    r->mark.ino = (long long)st.st_ino;
    long long end = (long long)st.st_size, known;
    if (r->manifest && mn_manifest_jsonl_end(r->manifest, r->mark.dev, r->mark.ino, &known) &&
        known < end) {
        end = known; /* lines after the manifest's last mark belong to unrecorded documents */
    } else if (end > 0) {
        /* not known to the manifest: keep whole lines only */
        char c = '\n';
        while (end > 0 && pread(r->jsonl_fd, &c, 1, end - 1) == 1 && c != '\n')
            end--;
    }
    if (end < (long long)st.st_size && ftruncate(r->jsonl_fd, (off_t)end) < 0)
        return mn_fail(err, MN_E_IO, "cannot truncate '%s': %s", path, strerror(errno));
    r->mark.end = end;
    if (r->manifest_fd >= 0) {
        char *line = mn_manifest_format(NULL, &r->mark);
        int ret = append_locked(r->manifest_fd, line, r->manifest_path.buf, err);
        free(line);
        return ret;
    }
    return 0;
}

static void notify(struct run *r, const struct mn_batch_doc *doc)
{
    r->st->elapsed = now_s() - r->start;
    if (r->notify)
        r->notify(r->arg, r->st, doc);
}

/* The worker's messages: stage lines, then the result header. Returns the last stage, and
 * points *hdr at the header line (NULL when none arrived). */
static const char *parse_stages(char *buf, size_t len, char **hdr, char *stage, size_t size)
{
    char *p = buf, *end = buf + len;
    g_strlcpy(stage, "worker", size);
    *hdr = NULL;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        if (strncmp(p, "stage ", 6) == 0) {
            size_t n = (size_t)(nl - p - 6);
            if (n >= size)
                n = size - 1;
            memcpy(stage, p + 6, n);
            stage[n] = '\0';
            p = nl + 1;
            continue;
        }
        *hdr = p;
        break;
    }
    return stage;
}

static bool mentions_oom(const char *s)
{
    return strstr(s, "out of memory") || strstr(s, "bad_alloc") ||
           strstr(s, "failed to allocate") || strstr(s, "Cannot allocate memory");
}

/* The last non-empty line of a worker's standard error, or "". */
static void last_line(const struct mn_buf *b, struct mn_buf *out)
{
    size_t end = b->len;
    while (end > 0 && (b->buf[end - 1] == '\n' || b->buf[end - 1] == '\r'))
        end--;
    size_t start = end;
    while (start > 0 && b->buf[start - 1] != '\n')
        start--;
    if (end > start)
        mn_buf_add(out, b->buf + start, end - start);
}

static int commit_failure(struct run *r, const struct mn_input *in, const char *code,
                          const char *message, const char *stage, struct mn_error *err)
{
    struct mn_batch_stats *st = r->st;
    char sha[65];
    hash_file(in->path, sha);
    st->failed++;
    if (r->errors_fd >= 0) {
        json_t *o = json_object();
        gchar *vpath = g_utf8_make_valid(in->path, -1), *vmsg = g_utf8_make_valid(message, -1);
        json_object_set_new(o, "path", json_string(vpath));
        json_object_set_new(o, "sha256", sha[0] ? json_string(sha) : json_null());
        json_object_set_new(o, "code", json_string(code));
        json_object_set_new(o, "message", json_string(vmsg));
        json_object_set_new(o, "stage", json_string(stage));
        char stamp[32];
        mn_utc_stamp(stamp, sizeof stamp);
        json_object_set_new(o, "time", json_string(stamp));
        g_free(vpath);
        g_free(vmsg);
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        struct mn_buf line = MN_BUF_INIT;
        mn_buf_adds(&line, s ? s : "{}");
        mn_buf_addch(&line, '\n');
        free(s);
        int ret = append_locked(r->errors_fd, line.buf, r->errors_path.buf, err);
        mn_buf_release(&line);
        if (ret < 0)
            return -1;
    }
    if (r->opt->outdir && !r->opt->no_files) { /* no stale record of an earlier version */
        struct mn_buf out = MN_BUF_INIT;
        output_path(r, in->key, &out);
        unlink(out.buf);
        mn_buf_release(&out);
    }
    if (append_manifest(r, in, sha, code, 0, NULL, err) < 0)
        return -1;
    struct mn_batch_doc d = {in->path, in->key, code, message, stage, 0};
    notify(r, &d);
    return 0;
}

/* Loads a record into the store: a record the store rejects is a converter bug, and a store
 * that fails stops the run (as a write error of OUTDIR does). */
static int store_record(struct run *r, const struct mn_input *in, const char *record,
                        size_t len, struct mn_error *err)
{
    enum mn_store_outcome o;
    struct mn_error lerr = {0};
    if (mn_store_load(r->opt->store, record, len, &o, &lerr) < 0) {
        *err = lerr;
        return -1;
    }
    if (o == MN_STORE_REJECTED)
        return mn_fail(err, MN_E_INTERNAL, "'%s': the store rejects its record: %s", in->path,
                       lerr.msg);
    return 0;
}

static int commit_success(struct run *r, const struct mn_input *in, int pages, const char *sha,
                          const char *line, size_t line_len, const char *pretty,
                          size_t pretty_len, struct mn_error *err)
{
    const struct mn_batch_options *opt = r->opt;
    const char *record = line;
    size_t record_len = line_len;
    char *oline = NULL, *opretty = NULL;
    int ret = -1;
    if (opt->oparl) {
        size_t olen = 0, oplen = 0;
        if (mn_oparl_render(record, record_len, opt->base_url, false, &oline, &olen, err) < 0 ||
            (pretty_len && mn_oparl_render(record, record_len, opt->base_url, true, &opretty,
                                           &oplen, err) < 0))
            goto out;
        line = oline;
        line_len = olen;
        pretty = opretty;
        pretty_len = oplen;
    }
    if (opt->outdir && !opt->no_files) {
        struct mn_buf out = MN_BUF_INIT;
        output_path(r, in->key, &out);
        int wret = pretty_len ? write_file_atomic(out.buf, pretty, pretty_len, err)
                              : write_file_atomic(out.buf, line, line_len, err);
        mn_buf_release(&out);
        if (wret < 0)
            goto out;
    }
    if (r->jsonl_fd >= 0) {
        if (write_all(r->jsonl_fd, line, line_len) < 0 ||
            (r->jsonl_is_file && fdatasync(r->jsonl_fd) < 0)) {
            mn_fail(err, MN_E_IO, "cannot write '%s': %s", opt->jsonl, strerror(errno));
            goto out;
        }
        r->mark.end += (long long)line_len;
    }
    if (opt->store && store_record(r, in, record, record_len, err) < 0)
        goto out;
    if (append_manifest(r, in, sha, "ok", pages, r->jsonl_is_file ? &r->mark : NULL, err) < 0)
        goto out;
    r->st->converted++;
    r->st->pages += pages;
    struct mn_batch_doc d = {in->path, in->key, "ok", NULL, NULL, pages};
    notify(r, &d);
    ret = 0;
out:
    free(oline);
    free(opretty);
    return ret;
}

/* A worker has closed both pipes: reap it and commit its result. */
static int finish_worker(struct run *r, struct worker *w, struct mn_error *err)
{
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    const struct mn_input *in = &r->in->v[w->idx];
    char stage[32];
    char *hdr;
    parse_stages(w->out.buf, w->out.len, &hdr, stage, sizeof stage);
    struct mn_buf msg = MN_BUF_INIT;
    int ret = 0;
    bool clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    int pages = 0, consumed = 0;
    char sha[65] = "", code[32] = "";
    size_t len1 = 0, len2 = 0;
    if (clean_exit && hdr &&
        sscanf(hdr, "ok %d %64s %zu %zu\n%n", &pages, sha, &len1, &len2, &consumed) == 4 &&
        consumed > 0 && (size_t)(hdr - w->out.buf) + (size_t)consumed + len1 + len2 == w->out.len) {
        const char *body = hdr + consumed;
        ret = commit_success(r, in, pages, sha, body, len1, body + len1, len2, err);
    } else if (clean_exit && hdr && sscanf(hdr, "err %31s %zu\n%n", code, &len1, &consumed) == 2 &&
               consumed > 0 && (size_t)(hdr - w->out.buf) + (size_t)consumed + len1 == w->out.len) {
        mn_buf_add(&msg, hdr + consumed, len1);
        ret = commit_failure(r, in, code, msg.buf, stage, err);
    } else {
        const char *kind;
        struct mn_buf tail = MN_BUF_INIT;
        last_line(&w->errtext, &tail);
        if (w->killed_timeout) {
            kind = "timeout";
            mn_buf_addf(&msg, "'%s': no result after %d s; worker killed", in->path,
                        r->opt->timeout);
        } else if (mentions_oom(w->errtext.buf) ||
                   (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
            kind = "oom";
            mn_buf_addf(&msg, "'%s': worker ran out of memory", in->path);
            if (r->opt->mem_limit > 0)
                mn_buf_addf(&msg, " (limit %lld MiB)", r->opt->mem_limit >> 20);
            if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && !tail.len)
                mn_buf_adds(&msg, ": killed by SIGKILL, likely the kernel's out-of-memory killer");
        } else if (WIFSIGNALED(status)) {
            kind = "crash";
            mn_buf_addf(&msg, "'%s': worker killed by signal %d (%s)", in->path,
                        WTERMSIG(status), strsignal(WTERMSIG(status)));
        } else {
            kind = "crash";
            mn_buf_addf(&msg, "'%s': worker exited with status %d and no result", in->path,
                        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        }
        if (tail.len)
            mn_buf_addf(&msg, ": %s", tail.buf);
        mn_buf_release(&tail);
        ret = commit_failure(r, in, kind, msg.buf, stage, err);
    }
    mn_buf_release(&msg);
    mn_buf_release(&w->out);
    mn_buf_release(&w->errtext);
    w->pid = 0;
    return ret;
}

static int make_pipe(int fds[2])
{
    if (pipe(fds) < 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

static int start_worker(struct run *r, struct worker *w, size_t idx, struct mn_error *err)
{
    int out_pipe[2], err_pipe[2];
    if (make_pipe(out_pipe) < 0)
        return mn_fail(err, MN_E_INTERNAL, "cannot create a pipe: %s", strerror(errno));
    if (make_pipe(err_pipe) < 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return mn_fail(err, MN_E_INTERNAL, "cannot create a pipe: %s", strerror(errno));
    }
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(out_pipe[0]);
        close(out_pipe[1]);
        close(err_pipe[0]);
        close(err_pipe[1]);
        return mn_fail(err, MN_E_INTERNAL, "cannot start a worker: %s", strerror(saved));
    }
    if (pid == 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        worker_main(r->ctx, r->opt, &r->in->v[idx], parent, out_pipe[1], err_pipe[1]);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->idx = idx;
    w->out_fd = out_pipe[0];
    w->err_fd = err_pipe[0];
    w->out = (struct mn_buf)MN_BUF_INIT;
    w->errtext = (struct mn_buf)MN_BUF_INIT;
    w->deadline = r->opt->timeout > 0 ? now_s() + r->opt->timeout : 0;
    return 0;
}

/* Reads what is there from one of a worker's pipes; closes it at end of file. */
static void drain(int *fd, struct mn_buf *b, bool is_stderr)
{
    char chunk[65536];
    ssize_t n = read(*fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        close(*fd);
        *fd = -1;
        return;
    }
    mn_buf_add(b, chunk, (size_t)n);
    if (is_stderr && b->len > MAX_STDERR) { /* keep the tail */
        size_t keep = MAX_STDERR / 2;
        memmove(b->buf, b->buf + b->len - keep, keep);
        mn_buf_setlen(b, keep);
    }
}

static void kill_all(struct worker *ws, int n)
{
    for (int i = 0; i < n; i++) {
        if (!ws[i].pid)
            continue;
        kill(ws[i].pid, SIGKILL);
        while (waitpid(ws[i].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        if (ws[i].out_fd >= 0)
            close(ws[i].out_fd);
        if (ws[i].err_fd >= 0)
            close(ws[i].err_fd);
        mn_buf_release(&ws[i].out);
        mn_buf_release(&ws[i].errtext);
        ws[i].pid = 0;
    }
}

static bool stopped(const struct run *r)
{
    return r->opt->stop && *r->opt->stop;
}

struct sized {
    size_t idx;
    off_t size;
};

static int cmp_larger_first(const void *a, const void *b)
{
    const struct sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The inputs to convert, largest file first: with N workers, the last one then does not run
 * alone through the biggest document while the others idle (longest processing time first).
 * Size stands in for time. */
static size_t *work_order(const struct run *r, size_t *n_out)
{
    struct sized *v = xcalloc(r->in->n ? r->in->n : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < r->in->n; i++) {
        if (!r->todo[i])
            continue;
        struct stat st;
        v[n].idx = i;
        v[n].size = stat(r->in->v[i].path, &st) == 0 ? st.st_size : 0;
        n++;
    }
    qsort(v, n, sizeof *v, cmp_larger_first);
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = v[i].idx;
    free(v);
    *n_out = n;
    return order;
}

static int run_workers(struct run *r, struct mn_error *err)
{
    int nw = r->opt->jobs > 0 ? r->opt->jobs : 1;
    struct worker *ws = xcalloc((size_t)nw, sizeof *ws);
    struct pollfd *pfd = xcalloc((size_t)nw * 2, sizeof *pfd);
    size_t norder = 0;
    size_t *order = work_order(r, &norder);
    size_t next = 0;
    int running = 0, ret = 0;
    double last_tick = now_s();
    for (;;) {
        if (stopped(r)) {
            r->st->interrupted = true;
            break;
        }
        /* fill free slots */
        for (int i = 0; i < nw && next < norder; i++) {
            if (ws[i].pid)
                continue;
            if (start_worker(r, &ws[i], order[next], err) < 0) {
                if (running > 0)
                    break; /* try again once a worker has finished */
                ret = -1;
                goto out;
            }
            running++;
            next++;
        }
        if (running == 0)
            break;
        /* wait for output, an exit or a deadline */
        int np = 0;
        double now = now_s(), wait = TICK_MS / 1000.0;
        for (int i = 0; i < nw; i++) {
            if (!ws[i].pid)
                continue;
            if (ws[i].out_fd >= 0)
                pfd[np++] = (struct pollfd){.fd = ws[i].out_fd, .events = POLLIN};
            if (ws[i].err_fd >= 0)
                pfd[np++] = (struct pollfd){.fd = ws[i].err_fd, .events = POLLIN};
            if (ws[i].deadline > 0 && ws[i].deadline - now < wait)
                wait = ws[i].deadline - now;
        }
        if (wait < 0)
            wait = 0;
        int pr = poll(pfd, (nfds_t)np, (int)(wait * 1000) + 1);
        if (pr < 0 && errno != EINTR) {
            ret = mn_fail(err, MN_E_INTERNAL, "poll: %s", strerror(errno));
            goto out;
        }
        now = now_s();
        for (int i = 0; i < nw; i++) {
            struct worker *w = &ws[i];
            if (!w->pid)
                continue;
            for (int k = 0; k < np && pr > 0; k++) {
                if (!pfd[k].revents)
                    continue;
                if (pfd[k].fd == w->out_fd)
                    drain(&w->out_fd, &w->out, false);
                else if (pfd[k].fd == w->err_fd)
                    drain(&w->err_fd, &w->errtext, true);
            }
            if (w->deadline > 0 && now >= w->deadline && !w->killed_timeout) {
                kill(w->pid, SIGKILL);
                w->killed_timeout = true;
            }
            if (stopped(r)) /* a worker's end may be our own Ctrl-C: record nothing */
                break;
            if ((w->out_fd < 0 && w->err_fd < 0) || w->killed_timeout) {
                if (w->killed_timeout) { /* the pipes may be held by a grandchild */
                    if (w->out_fd >= 0)
                        close(w->out_fd);
                    if (w->err_fd >= 0)
                        close(w->err_fd);
                    w->out_fd = w->err_fd = -1;
                }
                running--;
                if (finish_worker(r, w, err) < 0) {
                    ret = -1;
                    goto out;
                }
            }
        }
        if (now - last_tick >= TICK_MS / 1000.0) {
            last_tick = now;
            notify(r, NULL);
        }
    }
out:
    kill_all(ws, nw);
    free(ws);
    free(pfd);
    free(order);
    return ret;
}

int mn_batch_run(struct mn_ctx *ctx, const struct mn_batch_options *opt,
                 const struct mn_inputs *in, mn_batch_notify_fn notify_fn, void *arg,
                 struct mn_batch_stats *st, struct mn_error *err)
{
    struct run r = {
        .ctx = ctx,
        .opt = opt,
        .in = in,
        .notify = notify_fn,
        .arg = arg,
        .st = st,
        .manifest_fd = -1,
        .errors_fd = -1,
        .lock_fd = -1,
        .jsonl_fd = -1,
        .manifest_path = MN_BUF_INIT,
        .errors_path = MN_BUF_INIT,
    };
    memset(st, 0, sizeof *st);
    mn_rules_digest(ctx->rules, r.rules);
    r.options = mn_batch_options_fingerprint(ctx);
    if (opt->oparl) { /* the files hold OParl: a change of format or base converts again */
        struct mn_buf o = MN_BUF_INIT;
        mn_buf_addf(&o, "%s format=oparl base=%s", r.options, opt->base_url ? opt->base_url : "-");
        free(r.options);
        r.options = mn_buf_detach(&o, NULL);
    }
    r.todo = xcalloc(in->n ? in->n : 1, sizeof *r.todo);
    int ret = -1;
    /* a closed reader of the JSON Lines stream is an error to report, not a signal to die of */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_pipe;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);

    if (opt->outdir && open_state(&r, err) < 0)
        goto out;
    if (opt->jsonl && open_jsonl(&r, err) < 0)
        goto out;
    if (plan(&r, err) < 0)
        goto out;
    /* read the word list once here, so that the forked workers share it (not when there is
     * nothing to convert: a re-run over an unchanged archive stays instant) */
    if (st->todo > 0 && mn_dict_load(ctx->dict, err) < 0)
        goto out;
    r.start = now_s();
    notify(&r, NULL);
    if (run_workers(&r, err) < 0)
        goto out;
    if (r.manifest_fd >= 0 && fsync(r.manifest_fd) < 0) {
        mn_fail(err, MN_E_IO, "cannot write '%s': %s", r.manifest_path.buf, strerror(errno));
        goto out;
    }
    st->elapsed = now_s() - r.start;
    ret = 0;
out:
    sigaction(SIGPIPE, &old_pipe, NULL);
    if (r.jsonl_fd > 2)
        close(r.jsonl_fd);
    if (r.manifest_fd >= 0)
        close(r.manifest_fd);
    if (r.errors_fd >= 0)
        close(r.errors_fd);
    if (r.lock_fd >= 0)
        close(r.lock_fd);
    mn_manifest_free(r.manifest);
    mn_buf_release(&r.manifest_path);
    mn_buf_release(&r.errors_path);
    free(r.options);
    free(r.todo);
    return ret;
}
