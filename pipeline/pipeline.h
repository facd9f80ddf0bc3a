/* pipeline.h: the long-lived context of one worker and the stage table.
 *
 * A struct mn_ctx holds what is built once and reused for every document: the options, the
 * compiled rules, the word list used by dehyphen. It is the only state besides configuration.
 * One context per process (batch workers fork after it is built). */
#ifndef MN_PIPELINE_H
#define MN_PIPELINE_H

#include <stdbool.h>
#include <stdio.h>

#include "util.h"

struct mn_doc;
struct mn_error;
struct mn_rules;
struct mn_dict;
struct mn_ocr_pool;

enum mn_ocr_mode { MN_OCR_AUTO, MN_OCR_ALWAYS, MN_OCR_NEVER };

struct mn_options {
    const char *rules_dir;  /* directory of *.rules; NULL = compiled-in default */
    const char *rules_file; /* extra rules file loaded after the directory, or NULL */
    const char *rules_cache; /* the rules cache to read (rules.h), or NULL = compile them all */
    const char *write_rules_cache; /* with the rules checked, write their cache here, or NULL */
    const char *password;   /* PDF password, or NULL */
    const char *dict_path;  /* word list for dehyphen; NULL = the system's Danish list */
    const char *words_path; /* its compact form list (words.h), or NULL = none: hunspell only */
    enum mn_ocr_mode ocr;
    int dpi;
    int jobs;             /* OCR worker threads; 0 = one per core */
    int ocr_steps;        /* OCR clean-up steps (MN_OCR_STEP_* bits); -1 = the default */
    const char *tessdata; /* tesseract data directory; NULL = tesseract's default */
    int max_pages;     /* pages beyond this are skipped with a warning; 0 = no limit */
    int time_limit;    /* seconds for one document's pages (text layer and OCR): pages not
                          started by then are skipped with the warning "time_limit"; 0 = none */
    bool pretty;       /* indented JSON */
    bool is_text;      /* force plain-text input */
    bool prefetch_dict; /* read the word list in the background from the start (overlapping the
                           rules and the first pages) instead of on first use */
    bool dict_on_demand; /* but not when the mapped list (words_path) is in use: one document
                            seldom needs hunspell then (minutes convert) */
    bool jit_rules;     /* JIT-compile every rule pattern at start (mn_rules_jit): a batch
                           parent, whose workers are forked from it */
};

struct mn_ctx {
    struct mn_options opt;
    struct mn_rules *rules; /* owned */
    struct mn_dict *dict;   /* owned; may be NULL when no word list is installed */
    struct mn_ocr_pool *ocr; /* owned; OCR engines, created on first need (ocr.h) */
    struct mn_error *ocr_err; /* owned; set when creating them failed (not retried) */
    /* Optional, for batch workers: called with "input" before the file is read, then with each
     * stage's name before it runs, so that a crash can be placed. NULL = none. */
    void (*on_stage)(void *arg, const char *stage);
    void *on_stage_arg;
};

/* Fills 'opt' with defaults. Never fails. */
void mn_options_default(struct mn_options *opt);

/* Builds a context: loads and self-checks the rules, opens the word list.
 * Returns 0, or -1 with err set (MN_E_RULES...). On success *out is owned by the caller. */
int mn_ctx_new(const struct mn_options *opt, struct mn_ctx **out, struct mn_error *err) MN_WUR;
void mn_ctx_free(struct mn_ctx *ctx); /* accepts NULL */
/* As mn_ctx_free, in a process that exits next (mn_dict_free_for_exit). Accepts NULL. */
void mn_ctx_free_for_exit(struct mn_ctx *ctx);

struct mn_stage {
    const char *name;
    int (*run)(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err);
};

/* Reads 'path' ("-" = standard input) into a new document and runs the stages up to and
 * including 'last_stage' (NULL = all). Returns 0 with *out owned by the caller, or -1 with
 * err set and *out NULL. */
int mn_pipeline_run(struct mn_ctx *ctx, const char *path, const char *last_stage,
                    struct mn_doc **out, struct mn_error *err) MN_WUR;

/* Same, on bytes already in memory ('bytes' copied); 'name' is the path to report. */
int mn_pipeline_run_bytes(struct mn_ctx *ctx, const char *name, const void *bytes, size_t len,
                          const char *last_stage, struct mn_doc **out, struct mn_error *err) MN_WUR;

/* True when 'name' names a stage. */
bool mn_pipeline_has_stage(const char *name);

#endif
