/* pipeline.c: the stage table, the worker context, and running a document through. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "dehyphen.h"
#include "doc.h"
#include "err.h"
#include "extract.h"
#include "input.h"
#include "ocrfix.h"
#include "ocr.h"
#include "rules.h"
#include "segment.h"

#ifndef MN_RULESDIR
#define MN_RULESDIR "/usr/local/share/minutes/rules"
#endif

static int run_extract(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    /* plain text entered after extract, as one page (or form-feed separated pages) */
    if (doc->is_text)
        return 0;
    return mn_extract_run(ctx, doc, err);
}

static const struct mn_stage stages[] = {
    {"extract", run_extract},
    {"ocrfix", mn_ocrfix_run},
    {"clean", mn_clean_run},
    {"dehyphen", mn_dehyphen_run},
    {"segment", mn_segment_run},
};

bool mn_pipeline_has_stage(const char *name)
{
    for (size_t i = 0; i < MN_ARRAY_SIZE(stages); i++)
        if (strcmp(stages[i].name, name) == 0)
            return true;
    return false;
}

void mn_options_default(struct mn_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->ocr = MN_OCR_AUTO;
    opt->dpi = 300;
    opt->ocr_steps = -1;
    opt->max_pages = 5000;
}

int mn_ctx_new(const struct mn_options *opt, struct mn_ctx **out, struct mn_error *err)
{
    struct mn_ctx *ctx = xcalloc(1, sizeof *ctx);
    ctx->opt = *opt;
    ctx->rules = mn_rules_new();
    *out = NULL;
    if (mn_dict_open(opt->dict_path, &ctx->dict, err) < 0)
        goto fail;
    /* no list, or a stale one: hunspell answers everything */
    bool listed = mn_dict_use_words(ctx->dict, opt->words_path);
    if (opt->prefetch_dict && !(listed && opt->dict_on_demand))
        mn_dict_prefetch(ctx->dict);
    const char *dir = opt->rules_dir ? opt->rules_dir : MN_RULESDIR;
    if (opt->write_rules_cache)
        mn_rules_keep_compiled(ctx->rules);
    else if (opt->rules_cache)
        mn_rules_use_cache(ctx->rules, opt->rules_cache); /* unusable: compile them */
    if (mn_rules_load_dir(ctx->rules, dir, err) < 0)
        goto fail;
    if (opt->rules_file && mn_rules_load_file(ctx->rules, opt->rules_file, err) < 0)
        goto fail;
    if (mn_rules_self_check(ctx->rules, err) < 0)
        goto fail;
    if (opt->write_rules_cache &&
        mn_rules_write_cache(ctx->rules, opt->write_rules_cache, err) < 0)
        goto fail;
    if (opt->jit_rules)
        mn_rules_jit(ctx->rules);
    /* --ocr always: set tesseract up now, so a missing language fails at start-up; in auto
     * mode it is set up when the first page needs it (born-digital runs never load it) */
    struct mn_ocr_pool *pool;
    if (opt->ocr == MN_OCR_ALWAYS && mn_ocr_ctx_pool(ctx, &pool, err) < 0)
        goto fail;
    *out = ctx;
    return 0;
fail:
    mn_ctx_free(ctx);
    return -1;
}

static void ctx_free(struct mn_ctx *ctx, void (*dict_free)(struct mn_dict *))
{
    if (!ctx)
        return;
    mn_rules_free(ctx->rules);
    dict_free(ctx->dict);
    mn_ocr_pool_free(ctx->ocr);
    free(ctx->ocr_err);
    free(ctx);
}

void mn_ctx_free(struct mn_ctx *ctx)
{
    ctx_free(ctx, mn_dict_free);
}

void mn_ctx_free_for_exit(struct mn_ctx *ctx)
{
    ctx_free(ctx, mn_dict_free_for_exit);
}

static int run_stages(struct mn_ctx *ctx, struct mn_doc *doc, const char *last_stage,
                      struct mn_error *err)
{
    bool is_text;
    if (mn_input_check(doc, ctx->opt.is_text, &is_text, err) < 0)
        return -1;
    if (is_text && mn_text_load(doc, err) < 0)
        return -1;
    for (size_t i = 0; i < MN_ARRAY_SIZE(stages); i++) {
        if (ctx->on_stage)
            ctx->on_stage(ctx->on_stage_arg, stages[i].name);
        if (stages[i].run(ctx, doc, err) < 0)
            return -1;
        if (last_stage && strcmp(last_stage, stages[i].name) == 0)
            break;
    }
    return 0;
}

int mn_pipeline_run(struct mn_ctx *ctx, const char *path, const char *last_stage,
                    struct mn_doc **out, struct mn_error *err)
{
    struct mn_doc *doc = mn_doc_new(path);
    *out = NULL;
    if (ctx->on_stage)
        ctx->on_stage(ctx->on_stage_arg, "input");
    if (mn_input_read(doc, path, err) < 0 || run_stages(ctx, doc, last_stage, err) < 0) {
        mn_doc_free(doc);
        return -1;
    }
    *out = doc;
    return 0;
}

int mn_pipeline_run_bytes(struct mn_ctx *ctx, const char *name, const void *bytes, size_t len,
                          const char *last_stage, struct mn_doc **out, struct mn_error *err)
{
    struct mn_doc *doc = mn_doc_new(name);
    *out = NULL;
    if (mn_input_set(doc, bytes, len, err) < 0 || run_stages(ctx, doc, last_stage, err) < 0) {
        mn_doc_free(doc);
        return -1;
    }
    *out = doc;
    return 0;
}
