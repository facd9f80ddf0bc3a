/* main.c: the command line. The only file that parses argv, prints to stderr, chooses exit
 * codes or exits; everything else is libminutes.a.
 *
 * Exit codes (stable, documented in README.md):
 *   0  success
 *   1  an input could not be converted (not_pdf, pdf_damaged, pdf_encrypted, empty, io on
 *      the input, no_text, limit)
 *   2  usage error
 *   3  rules error (a rules file failed to load or to pass its own examples)
 *   4  system error: cannot write the output, OCR engine missing, internal error */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "err.h"
#include "layout.h"
#include "main_batch.h"
#include "main_store.h"
#include "pipeline.h"
#include "rules.h"

#ifndef MN_VERSION
#define MN_VERSION "0.0.0"
#endif
#ifndef MN_WORDSDIR
#define MN_WORDSDIR "/usr/local/share/minutes"
#endif
#define MN_WORDS_NAME "da_DK.words"
#define MN_RULES_CACHE_NAME "rules.cache"
#ifndef MN_RULESDIR
#define MN_RULESDIR "/usr/local/share/minutes/rules"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_RULES = 3, EXIT_SYSTEM = 4 };

static const char usage_text[] =
    "usage: minutes convert [options] FILE        convert one PDF or text file ('-' = stdin)\n"
    "       minutes text [--stage STAGE] [--layout] [options] FILE\n"
    "                                             print the text after a stage\n"
    "       minutes batch [-j N] [-o OUTDIR] [--jsonl FILE|-] [batch options] [options]\n"
    "                     PATH...                 convert files and folders (walked for\n"
    "                                             .pdf and .txt; '-' = paths on stdin)\n"
    "       minutes index [-q] DB PATH...           load records (.json, .jsonl, a batch's\n"
    "                                             OUTDIR) into DB: a SQLite file or a\n"
    "                                             postgresql:// URL\n"
    "       minutes search [search options] DB QUERY\n"
    "                                             ranked items of a SQLite DB\n"
    "       minutes check-rules [--rules-dir DIR] [--rules FILE] [-o CACHE]\n"
    "                                             load the rules and check their examples;\n"
    "                                             -o: then write them compiled to CACHE\n"
    "       minutes --help | --version\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      write the record to FILE (atomically) instead of stdout\n"
    "      --pretty           indented JSON\n"
    "  -r, --rules FILE       an extra rules file, loaded after the rules directory\n"
    "      --rules-dir DIR    the rules directory (default: $MINUTES_RULES_DIR, the rules/\n"
    "                         beside a build tree, or " MN_RULESDIR ")\n"
    "      --password PW      password of an encrypted PDF\n"
    "      --text             treat the input as plain text\n"
    "      --max-pages N      read at most N pages (default 5000); the rest is skipped\n"
    "                         with a warning\n"
    "      --time-limit S     stop reading pages (text layer and OCR) S seconds into a\n"
    "                         document; the rest is skipped with a warning (0 = none)\n"
    "      --ocr MODE         auto (default), always or never\n"
    "      --dpi N            OCR resolution (default 300)\n"
    "  -j, --jobs N           OCR threads (default: one per core)\n"
    "      --stage STAGE      for 'text': extract, clean or dehyphen (default dehyphen)\n"
    "      --layout           for 'text': each line with its page, x, x2, y, size and\n"
    "                         B (bold) / I (italic) marks\n"
    "      --format F         record (default) or oparl: OParl 1.1 objects (convert, batch)\n"
    "      --base-url URL     for oparl: ids are URL/meeting/<id>... (default urn:minutes:...)\n"
    "\n"
    "batch options (README.md, \"Batch conversion\"):\n"
    "  -o, --output OUTDIR    one record per input, OUTDIR/<path>.json, plus manifest.jsonl\n"
    "                         and errors.jsonl; a re-run converts only what changed\n"
    "      --jsonl FILE|-     also (or only) one record per line to FILE or stdout\n"
    "  -j, --jobs N           documents converted at a time (default: one per core)\n"
    "      --timeout S        seconds per document before its worker is killed (default\n"
    "                         600; 0 = none)\n"
    "      --mem-limit MIB    address space per worker (default 4096; 0 = none)\n"
    "      --shard K/N        convert only the K-th of N slices of the inputs (by path hash)\n"
    "      --force            convert everything again\n"
    "      --retry-errors     convert again the unchanged documents that failed before\n"
    "      --no-files         with -o: keep only the manifest and the error list in OUTDIR\n"
    "      --db DB            also load every record into DB (a SQLite file or a\n"
    "                         postgresql:// URL), as 'minutes index' does\n"
    "  -q, --quiet            no progress, no failure lines, no summary\n"
    "\n"
    "search options (README.md, \"Feeding a records system\"):\n"
    "      --body B           only meetings of body B      --from DATE, --to DATE (YYYY-MM-DD)\n"
    "      --in WHERE         decision, recommendation, title or all (default)\n"
    "      --limit N          at most N hits (default 20)  --json  one JSON object per hit\n"
    "      --time             print the time the search took on stderr\n"
    "\n"
    "exit status: 0 ok, 1 input not convertible (batch: some document failed), 2 usage,\n"
    "             3 rules, 4 system/output error; batch: 130/143 interrupted\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "minutes: %s '%s'\n%s", what, arg, usage_text);
    return EXIT_USAGE;
}

static int exit_code_for(enum mn_code code)
{
    switch (code) {
    case MN_E_USAGE:
        return EXIT_USAGE;
    case MN_E_RULES:
        return EXIT_RULES;
    case MN_E_OCR_INIT:
    case MN_E_INTERNAL:
        return EXIT_SYSTEM;
    default:
        return EXIT_INPUT;
    }
}

static int report(const struct mn_error *err)
{
    fprintf(stderr, "minutes: error [%s]: %s\n", mn_code_name(err->code), err->msg);
    return exit_code_for(err->code);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Looks for 'rel' beside the running binary; true with the resolved path in 'buf'. */
static bool beside_binary_as(const char *rel, char *buf, size_t size, bool want_dir)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    struct mn_buf path = MN_BUF_INIT;
    mn_buf_addf(&path, "%s/%s", exe, rel);
    char *real = realpath(path.buf, NULL);
    mn_buf_release(&path);
    bool ok = real && is_dir(real) == want_dir && strlen(real) < size;
    if (ok)
        memcpy(buf, real, strlen(real) + 1);
    free(real);
    return ok;
}

static bool beside_binary(const char *rel, char *buf, size_t size)
{
    return beside_binary_as(rel, buf, size, true);
}

/* The compact Danish word list (pipeline/words.h): the environment (empty = none), then
 * beside an installed binary (PREFIX/share/minutes), then beside a build-tree binary
 * (build/, one list for every flavour), then the compiled-in default. A missing or stale
 * list only means that hunspell answers everything. */
static const char *find_words(char *buf, size_t size)
{
    const char *env = getenv("MINUTES_WORDS");
    if (env)
        return *env ? env : NULL;
    if (beside_binary_as("../share/minutes/" MN_WORDS_NAME, buf, size, false) ||
        beside_binary_as("../" MN_WORDS_NAME, buf, size, false))
        return buf;
    return MN_WORDSDIR "/" MN_WORDS_NAME;
}

/* The rules cache (rules.h): the environment (empty = none), then beside an installed binary
 * (PREFIX/share/minutes), then beside a build-tree binary (build/<flavour>/, written by make),
 * then the compiled-in default. One made from other rule texts, or missing, only means that
 * the rules are compiled and checked at start-up. */
static const char *find_rules_cache(char *buf, size_t size)
{
    const char *env = getenv("MINUTES_RULES_CACHE");
    if (env)
        return *env ? env : NULL;
    if (beside_binary_as("../share/minutes/" MN_RULES_CACHE_NAME, buf, size, false) ||
        beside_binary_as(MN_RULES_CACHE_NAME, buf, size, false))
        return buf;
    return MN_WORDSDIR "/" MN_RULES_CACHE_NAME;
}

/* The rules directory: explicit, then the environment, then beside an installed binary
 * (PREFIX/bin → PREFIX/share/minutes/rules, so a relocated install works), then the source
 * tree's rules/ when running from build/<flavour>/, then the compiled-in default. */
static const char *find_rules_dir(const char *explicit_dir, char *buf, size_t size)
{
    if (explicit_dir)
        return explicit_dir;
    const char *env = getenv("MINUTES_RULES_DIR");
    if (env && *env)
        return env;
    if (beside_binary("../share/minutes/rules", buf, size) ||
        beside_binary("../../rules", buf, size))
        return buf;
    return MN_RULESDIR;
}

/* Writes 'data' to 'path' atomically (temporary file, fsync, rename), or to stdout. */
static int write_output(const char *path, const char *data, size_t len)
{
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len)
            return -1;
        return 0;
    }
    struct mn_buf tmp = MN_BUF_INIT;
    mn_buf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp.buf, "wb");
    int ret = -1;
    if (f) {
        bool ok = fwrite(data, 1, len, f) == len;
        ok = fflush(f) == 0 && ok;
        ok = fsync(fileno(f)) == 0 && ok;
        ok = fclose(f) == 0 && ok;
        if (ok && rename(tmp.buf, path) == 0)
            ret = 0;
        else
            unlink(tmp.buf);
    }
    if (ret < 0)
        fprintf(stderr, "minutes: error [io]: cannot write '%s': %s\n", path, strerror(errno));
    mn_buf_release(&tmp);
    return ret;
}

enum {
    OPT_PRETTY = 256,
    OPT_RULES_DIR,
    OPT_PASSWORD,
    OPT_TEXT,
    OPT_MAX_PAGES,
    OPT_TIME_LIMIT,
    OPT_OCR,
    OPT_DPI,
    OPT_STAGE,
    OPT_LAYOUT,
    OPT_JSONL,
    OPT_TIMEOUT,
    OPT_MEM_LIMIT,
    OPT_SHARD,
    OPT_FORCE,
    OPT_RETRY_ERRORS,
    OPT_NO_FILES,
    OPT_FORMAT,
    OPT_BASE_URL,
    OPT_DB,
    OPT_BODY,
    OPT_FROM,
    OPT_TO,
    OPT_IN,
    OPT_LIMIT,
    OPT_JSON,
    OPT_TIME,
    OPT_JOBS = 'j',
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"pretty", no_argument, NULL, OPT_PRETTY},
    {"rules", required_argument, NULL, 'r'},
    {"rules-dir", required_argument, NULL, OPT_RULES_DIR},
    {"password", required_argument, NULL, OPT_PASSWORD},
    {"text", no_argument, NULL, OPT_TEXT},
    {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
    {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
    {"ocr", required_argument, NULL, OPT_OCR},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"stage", required_argument, NULL, OPT_STAGE},
    {"layout", no_argument, NULL, OPT_LAYOUT},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"jsonl", required_argument, NULL, OPT_JSONL},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"mem-limit", required_argument, NULL, OPT_MEM_LIMIT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"force", no_argument, NULL, OPT_FORCE},
    {"retry-errors", no_argument, NULL, OPT_RETRY_ERRORS},
    {"no-files", no_argument, NULL, OPT_NO_FILES},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"base-url", required_argument, NULL, OPT_BASE_URL},
    {"db", required_argument, NULL, OPT_DB},
    {"body", required_argument, NULL, OPT_BODY},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"in", required_argument, NULL, OPT_IN},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"json", no_argument, NULL, OPT_JSON},
    {"time", no_argument, NULL, OPT_TIME},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

struct cli {
    struct mn_options opt;
    const char *output;
    const char *stage;
    bool layout; /* 'text --layout' */
    char rules_buf[PATH_MAX];
    char words_buf[PATH_MAX];
    char cache_buf[PATH_MAX];
    struct mn_batch_options batch; /* 'minutes batch' only */
    const char *batch_only;        /* a batch option given, for the error of other commands */
    bool quiet;
    struct mn_cli_store store; /* --format, --base-url, --db, search options */
};

static bool is_date(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31;
}

/* Parses options after the command word. Returns -1 on success, else an exit code. */
static int parse_options(int argc, char **argv, struct cli *cli)
{
    int c;
    long v;
    const char *rules_dir = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:r:j:qhV", long_options, NULL)) != -1) {
        switch (c) {
        case 'q':
            cli->quiet = true;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "oparl") != 0 && strcmp(optarg, "record") != 0)
                return usage_error("--format wants record or oparl, not", optarg);
            cli->store.oparl = strcmp(optarg, "oparl") == 0;
            break;
        case OPT_BASE_URL:
            cli->store.base_url = optarg;
            break;
        case OPT_DB:
            cli->store.db = optarg;
            cli->batch_only = "--db";
            break;
        case OPT_BODY:
            cli->store.q.body = optarg;
            cli->store.store_only = "--body";
            break;
        case OPT_FROM:
        case OPT_TO:
            if (!is_date(optarg))
                return usage_error("--from and --to want a date YYYY-MM-DD, not", optarg);
            *(c == OPT_FROM ? &cli->store.q.from : &cli->store.q.to) = optarg;
            cli->store.store_only = c == OPT_FROM ? "--from" : "--to";
            break;
        case OPT_IN:
            if (strcmp(optarg, "all") == 0)
                cli->store.q.in = MN_SEARCH_ALL;
            else if (strcmp(optarg, "title") == 0)
                cli->store.q.in = MN_SEARCH_TITLE;
            else if (strcmp(optarg, "decision") == 0)
                cli->store.q.in = MN_SEARCH_DECISION;
            else if (strcmp(optarg, "recommendation") == 0)
                cli->store.q.in = MN_SEARCH_RECOMMENDATION;
            else
                return usage_error("--in wants decision, recommendation, title or all, not",
                                   optarg);
            cli->store.store_only = "--in";
            break;
        case OPT_LIMIT:
            if (mn_parse_int(optarg, 1, 10000, &v) < 0)
                return usage_error("--limit wants a number from 1 to 10000, not", optarg);
            cli->store.q.limit = (int)v;
            cli->store.store_only = "--limit";
            break;
        case OPT_JSON:
            cli->store.json = true;
            cli->store.store_only = "--json";
            break;
        case OPT_TIME:
            cli->store.time = true;
            cli->store.store_only = "--time";
            break;
        case OPT_JSONL:
            cli->batch.jsonl = optarg;
            cli->batch_only = "--jsonl";
            break;
        case OPT_TIMEOUT:
            if (mn_parse_int(optarg, 0, 100000000, &v) < 0)
                return usage_error("--timeout wants seconds (0 = none), not", optarg);
            cli->batch.timeout = (int)v;
            cli->batch_only = "--timeout";
            break;
        case OPT_MEM_LIMIT:
            if (mn_parse_int(optarg, 0, 1L << 30, &v) < 0)
                return usage_error("--mem-limit wants MiB (0 = none), not", optarg);
            cli->batch.mem_limit = (long long)v << 20;
            cli->batch_only = "--mem-limit";
            break;
        case OPT_SHARD: {
            const char *slash = strchr(optarg, '/');
            long k, n;
            char kbuf[16];
            if (!slash || (size_t)(slash - optarg) >= sizeof kbuf)
                return usage_error("--shard wants K/N with 1 <= K <= N, not", optarg);
            memcpy(kbuf, optarg, (size_t)(slash - optarg));
            kbuf[slash - optarg] = '\0';
            if (mn_parse_int(slash + 1, 1, 1000000, &n) < 0 || mn_parse_int(kbuf, 1, n, &k) < 0)
                return usage_error("--shard wants K/N with 1 <= K <= N, not", optarg);
            cli->batch.shard_k = (int)k;
            cli->batch.shard_n = (int)n;
            cli->batch_only = "--shard";
            break;
        }
        case OPT_FORCE:
            cli->batch.force = true;
            cli->batch_only = "--force";
            break;
        case OPT_RETRY_ERRORS:
            cli->batch.retry_errors = true;
            cli->batch_only = "--retry-errors";
            break;
        case OPT_NO_FILES:
            cli->batch.no_files = true;
            cli->batch_only = "--no-files";
            break;
        case 'o':
            cli->output = optarg;
            break;
        case 'r':
            cli->opt.rules_file = optarg;
            break;
        case OPT_PRETTY:
            cli->opt.pretty = true;
            break;
        case OPT_RULES_DIR:
            rules_dir = optarg;
            break;
        case OPT_PASSWORD:
            cli->opt.password = optarg;
            break;
        case OPT_TEXT:
            cli->opt.is_text = true;
            break;
        case OPT_TIME_LIMIT:
            if (mn_parse_int(optarg, 0, 86400, &v) < 0)
                return usage_error("--time-limit wants seconds from 0 to 86400, not", optarg);
            cli->opt.time_limit = (int)v;
            break;
        case OPT_MAX_PAGES:
            if (mn_parse_int(optarg, 1, 1000000, &v) < 0)
                return usage_error("--max-pages wants a number from 1 to 1000000, not", optarg);
            cli->opt.max_pages = (int)v;
            break;
        case OPT_DPI:
            if (mn_parse_int(optarg, 50, 1200, &v) < 0)
                return usage_error("--dpi wants a number from 50 to 1200, not", optarg);
            cli->opt.dpi = (int)v;
            break;
        case OPT_JOBS:
            if (mn_parse_int(optarg, 1, 64, &v) < 0)
                return usage_error("--jobs wants a number from 1 to 64, not", optarg);
            cli->opt.jobs = (int)v;
            break;
        case OPT_OCR:
            if (strcmp(optarg, "auto") == 0)
                cli->opt.ocr = MN_OCR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                cli->opt.ocr = MN_OCR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                cli->opt.ocr = MN_OCR_NEVER;
            else
                return usage_error("--ocr wants auto, always or never, not", optarg);
            break;
        case OPT_STAGE:
            if (!mn_pipeline_has_stage(optarg) || strcmp(optarg, "segment") == 0)
                return usage_error("--stage wants extract, clean or dehyphen, not", optarg);
            cli->stage = optarg;
            break;
        case OPT_LAYOUT:
            cli->layout = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return 0;
        case 'V':
            printf("minutes %s\n", MN_VERSION);
            return 0;
        default:
            fprintf(stderr, "%s", usage_text);
            return EXIT_USAGE;
        }
    }
    cli->opt.rules_dir = find_rules_dir(rules_dir, cli->rules_buf, sizeof cli->rules_buf);
    cli->opt.words_path = find_words(cli->words_buf, sizeof cli->words_buf);
    cli->opt.rules_cache = find_rules_cache(cli->cache_buf, sizeof cli->cache_buf);
    return -1;
}

static int cmd_convert(struct cli *cli, const char *path, bool text_only)
{
    struct mn_error err = {0};
    struct mn_ctx *ctx = NULL;
    struct mn_doc *doc = NULL;
    char *out = NULL;
    size_t len = 0;
    int code = 0;

    /* every stage from ocrfix on may consult the word list */
    cli->opt.prefetch_dict = !text_only || strcmp(cli->stage, "extract") != 0;
    cli->opt.dict_on_demand = true; /* with the mapped list, hunspell only when asked */
    if (mn_ctx_new(&cli->opt, &ctx, &err) < 0)
        return report(&err);
    if (mn_pipeline_run(ctx, path, text_only ? cli->stage : NULL, &doc, &err) < 0) {
        code = report(&err);
        goto out;
    }
    if (text_only && cli->layout) {
        struct mn_buf b = MN_BUF_INIT;
        struct mn_layout lay;
        mn_layout_init(&lay, &doc->lines);
        mn_buf_adds(&b, MN_LAYOUT_HEADER);
        for (size_t i = 0; i < doc->lines.n; i++) {
            if (i == 0 || doc->lines.v[i].page != doc->lines.v[i - 1].page)
                mn_layout_format_page(mn_layout_page_of(&lay, i), &b);
            mn_layout_format_line(&doc->lines.v[i], &b);
        }
        mn_layout_release(&lay);
        out = mn_buf_detach(&b, &len);
    } else if (text_only) {
        struct mn_buf b = MN_BUF_INIT;
        for (size_t i = 0; i < doc->lines.n; i++) {
            if (i == 0 || doc->lines.v[i].page != doc->lines.v[i - 1].page)
                mn_buf_addf(&b, "%s--- page %d ---\n", i ? "\n" : "", doc->lines.v[i].page);
            mn_buf_adds(&b, doc->lines.v[i].text);
            mn_buf_addch(&b, '\n');
        }
        out = mn_buf_detach(&b, &len);
    } else if (mn_emit_record(doc, cli->opt.pretty && !cli->store.oparl, &out, &len, &err) < 0) {
        code = report(&err);
        goto out;
    } else if (cli->store.oparl && (code = mn_cli_oparl(&cli->store, cli->opt.pretty, &out, &len))) {
        goto out;
    }
    if (write_output(cli->output, out, len) < 0)
        code = EXIT_SYSTEM;
out:
    free(out);
    mn_doc_free(doc);
    mn_ctx_free_for_exit(ctx); /* main returns next */
    return code;
}

static int cmd_check_rules(struct cli *cli)
{
    struct mn_error err = {0};
    struct mn_ctx *ctx = NULL;
    cli->opt.rules_cache = NULL; /* the command checks them whatever a cache says */
    cli->opt.write_rules_cache = cli->output;
    if (mn_ctx_new(&cli->opt, &ctx, &err) < 0)
        return report(&err);
    printf("rules in %s: ok\n", cli->opt.rules_dir);
    mn_ctx_free(ctx);
    return 0;
}

/* sbase's fshut: a write error on stdout is only certain after flushing and closing it. */
static int finish_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "minutes: error [io]: write error on standard output: %s\n",
                strerror(errno));
        return code ? code : EXIT_SYSTEM;
    }
    return code;
}

/* glibc's malloc hands blocks of 128 KiB and more out as fresh mappings and gives the heap's
 * free top back above 128 KiB, until a large block is freed and it raises both; a page's glyph
 * arrays (100 to 500 KiB) were each touched page by page anew, and page faults cost here as
 * much as the instructions around them. These are the limits glibc itself reaches after the
 * first large free (32 MiB, twice that to trim), set from the start: 14% fewer page faults in
 * a convert of a short PDF (1,738 -> 1,488), 15% in a 41-page one; records unchanged. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    struct cli cli = {0};
    mn_options_default(&cli.opt);
    mn_cli_store_default(&cli.store);
    const char *steps = getenv("MINUTES_OCR_STEPS"); /* tuning: MN_OCR_STEP_* bits */
    long nsteps;
    if (steps && mn_parse_int(steps, 0, 32767, &nsteps) == 0)
        cli.opt.ocr_steps = (int)nsteps;
    cli.stage = "dehyphen";
    cli.batch.timeout = 600;
#if defined(__SANITIZE_ADDRESS__)
    cli.batch.mem_limit = 0; /* ASan reserves terabytes of address space */
#else
    cli.batch.mem_limit = 4096LL << 20;
#endif
    if (argc < 2) {
        fprintf(stderr, "%s", usage_text);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage_text, stdout);
        return finish_stdout(0);
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("minutes %s\n", MN_VERSION);
        return finish_stdout(0);
    }
    bool convert = strcmp(cmd, "convert") == 0, text = strcmp(cmd, "text") == 0;
    bool check = strcmp(cmd, "check-rules") == 0, batch = strcmp(cmd, "batch") == 0;
    bool index = strcmp(cmd, "index") == 0, search = strcmp(cmd, "search") == 0;
    if (!convert && !text && !check && !batch && !index && !search)
        return usage_error("unknown command", cmd);
    int rc = parse_options(argc - 1, argv + 1, &cli);
    if (rc >= 0)
        return finish_stdout(rc);
    int nargs = argc - 1 - optind;
    char **args = argv + 1 + optind;
    if (search)
        return finish_stdout(mn_cli_search(&cli.store, nargs, args));
    if (cli.store.store_only)
        return usage_error("only 'minutes search' takes", cli.store.store_only);
    if (index)
        return finish_stdout(mn_cli_index(&cli.store, cli.quiet, nargs, args));
    if (batch) {
        cli.batch.outdir = cli.output;
        if ((rc = mn_cli_batch_store(&cli.store, &cli.batch)) >= 0)
            return finish_stdout(rc);
        rc = mn_cli_batch(&cli.opt, &cli.batch, cli.quiet, nargs, args);
        mn_cli_batch_done(&cli.batch);
        return finish_stdout(rc);
    }
    if (cli.batch_only)
        return usage_error("only 'minutes batch' takes", cli.batch_only);
    if (check) {
        if (nargs != 0)
            return usage_error("check-rules takes no file, got", args[0]);
        return finish_stdout(cmd_check_rules(&cli));
    }
    if (nargs != 1)
        return usage_error("wants exactly one FILE:", cmd);
    return finish_stdout(cmd_convert(&cli, args[0], text));
}
