/* ocr.h: page images to text lines, with leptonica clean-up and tesseract (Danish).
 *
 * One struct mn_ocr is one tesseract engine (TessBaseAPI), created once and reused for every
 * page; it is used by one thread at a time. A struct mn_ocr_pool holds one engine per worker
 * thread and recognises the pages of a document in parallel: the caller's thread renders the
 * pages in order (a PopplerDocument must not be shared between threads) through a callback,
 * the workers clean up and recognise them, and the results come back in page order.
 *
 * Tesseract's own OpenMP threads make a page several times slower when pages already run in
 * parallel (3.5x on 2 cores, measured): every thread that runs tesseract here first makes
 * OpenMP's parallel regions inactive for itself (omp_set_max_active_levels(0)), so no
 * environment variable is needed. */
#ifndef MN_OCR_H
#define MN_OCR_H

#include <stdbool.h>

#include <leptonica/allheaders.h>

#include "doc.h"
#include "util.h"

struct mn_ctx;
struct mn_error;
struct mn_ocr;
struct mn_ocr_pool;

#define MN_OCR_LANG "dan"
#define MN_OCR_CLUSTER_GAP 2.5 /* line heights: words closer than this form a cluster */

enum {
    MN_OCR_WORD_FLOOR = 50, /* words under this confidence (0-100) count as low (kept) */
    MN_OCR_PAGE_FLOOR = 70, /* a page whose mean word confidence is under this is warned */
    MN_OCR_NOISE_FLOOR = 25, /* marks without a letter or digit under this are noise */
    MN_OCR_MARK_FLOOR = 60,  /* a small cluster of words all under this is graphics */
    MN_OCR_CLUSTER_MAX = 3,  /* words: larger clusters are text however doubtful */
    MN_OCR_MAX_THREADS = 64,
    MN_OCR_MARGIN_FLOOR = 60, /* a margin number read alone needs this confidence */
    MN_OCR_MARGIN_MAX = 80,   /* margins read alone per page at most */
    MN_OCR_ALT_FLOOR = 90,    /* a line's first word under this is read again for choices */
    MN_OCR_CHOICE_FLOOR = 20, /* a symbol's alternative under this confidence is dropped */
    MN_OCR_REREAD_SYMBOLS = 4, /* ... when it has at most this many symbols */
    MN_OCR_REREAD_MAX = 40,   /* words read again per page at most */
};

/* Clean-up steps applied before recognition (mn_ocr_prepare). */
enum {
    MN_OCR_STEP_NORMALIZE = 1 << 0, /* background normalisation (uneven paper, grey noise) */
    MN_OCR_STEP_DESKEW = 1 << 1,    /* find the skew angle and rotate back */
    MN_OCR_STEP_DESPECKLE = 1 << 2, /* remove isolated specks (bilevel scans, fax) */
    MN_OCR_STEP_BINARIZE = 1 << 3,  /* our own adaptive binarisation instead of tesseract's */
    MN_OCR_STEP_ORIENT = 1 << 4,    /* turn pages scanned sideways or upside down upright */
    MN_OCR_STEP_BLOCK = 1 << 5,     /* tesseract reads the page as one block (PSM 6) */
    MN_OCR_STEP_LINES = 1 << 6,     /* remove table rules and underlines */
    MN_OCR_STEP_UPSCALE = 1 << 7,   /* a page under 300 dpi: grey, interpolated to 300 dpi */
    MN_OCR_STEP_BORDER = 1 << 8,    /* ink touching the page's edge (a copier's dark band) */
    MN_OCR_STEP_THICKEN = 1 << 9,   /* a grey minimum filter: thin strokes a pixel wider */
    MN_OCR_STEP_DESPECKLE_LOW = 1 << 10, /* despeckle pages under 280 dpi only */
    MN_OCR_STEP_COLUMN = 1 << 11,   /* tesseract reads the page as one column (PSM 4) */
    MN_OCR_STEP_MARGIN = 1 << 12,   /* numbers left of a line that the layout left out */
    MN_OCR_STEP_CHOICES = 1 << 13,  /* a line's doubtful first word read again for choices */
    MN_OCR_STEP_PIXELS = 1 << 14,   /* lone pixels of a bilevel page under 280 dpi, first */
};
/* Measured on the corpus's scans (whole-document CER against the born-digital text layer):
 * despeckling every small component cost accuracy both on 300 dpi greyscale (0.83% → 1.43% on
 * a page) and on 200 dpi bilevel scans (1.8% → 3.3%); removing only specks that stand apart
 * lowers item text CER on the dirty 200/150 dpi class (3.87% → 3.49%), so it runs on pages
 * under 280 dpi (MN_OCR_STEP_DESPECKLE_LOW); upscaling such pages to 300 dpi grey (79%: noise
 * becomes text), grey thickening and removing ink on the page's edge (no change) are off;
 * table rule removal pays on tables (7.3% → 0.9% on a header table). Removing lone pixels
 * first (a bilevel scan's salt and pepper, MN_OCR_STEP_PIXELS) took the dirty 200/150 dpi class
 * from 3.0% to 2.1% item text CER and 0.60 to 0.79; on 300 dpi greyscale it cost (0.84 → 0.77)
 * and on a 157 dpi phone photo it read page 2 worse, so it runs on bilevel pages under 280 dpi
 * only (README, "Lone pixels"). */
#define MN_OCR_STEPS_DEFAULT                                                                     \
    (MN_OCR_STEP_ORIENT | MN_OCR_STEP_NORMALIZE | MN_OCR_STEP_DESKEW | MN_OCR_STEP_LINES |       \
     MN_OCR_STEP_DESPECKLE_LOW | MN_OCR_STEP_MARGIN | MN_OCR_STEP_CHOICES | MN_OCR_STEP_PIXELS)

/* The text of one recognised page. Released with mn_ocr_result_release. */
struct mn_ocr_result {
    struct mn_lines lines; /* owned; page numbers set; layout rebuilt as extract does */
    int mean_conf;         /* tesseract's mean word confidence, 0-100 */
    int nwords, nlow;      /* words, and words under MN_OCR_WORD_FLOOR */
    int nnoise;            /* marks dropped as noise (mn_ocr_is_noise) */
    int nmargin;           /* item numbers read back from the margin (MN_OCR_STEP_MARGIN) */
    struct mn_ocr_alt *alts; /* owned: doubtful words' other readings (line = index in
                              * 'lines'), for ocrfix (see struct mn_ocr_alt in doc.h) */
    size_t nalts, alts_alloc;
    double angle;          /* skew found and corrected, in degrees (0 = none) */
    int rotation;          /* quarter turns clockwise applied to make the page upright */
    bool failed;           /* rendering or recognition failed: 'message' says why */
    char message[256];
};

void mn_ocr_result_release(struct mn_ocr_result *r);

/* Clean-up (pure leptonica): from a borrowed 8 bpp grey Pix with its resolution set, returns
 * a new image for tesseract (free with pixDestroy) after the 'steps' (MN_OCR_STEP_*); *angle
 * (may be NULL) receives the skew corrected, in degrees, *rotation (may be NULL) the quarter
 * turns clockwise applied. Returns NULL only if leptonica fails
 * to allocate. */
PIX *mn_ocr_prepare(PIX *gray, unsigned steps, double *angle, int *rotation);

/* True when a recognised word (UTF-8, borrowed; NULL = true) with confidence 'conf' (0-100)
 * is noise by itself: a mark without a letter or digit under MN_OCR_NOISE_FLOOR. Besides
 * these, mn_ocr_page drops small clusters of doubtful words standing apart on their line
 * (graphics read as text, see MN_OCR_MARK_FLOOR); every other word is kept whatever its
 * confidence. Never fails. */
bool mn_ocr_is_noise(const char *word, float conf);

/* True when 's' (UTF-8, borrowed, trimmed) reads as an item number in a list's margin:
 * "1", "12.", "3)", "(4)", "2.1", "2.1.". Never fails. */
bool mn_ocr_is_margin_number(const char *s);

/* Creates an engine for 'lang' with tessdata from 'tessdata' (NULL = tesseract's default,
 * honouring TESSDATA_PREFIX). Returns 0 with *out owned by the caller (mn_ocr_free), or -1
 * with err set to MN_E_OCR_INIT. Takes about 130 ms for "dan". */
int mn_ocr_new(const char *tessdata, const char *lang, struct mn_ocr **out,
               struct mn_error *err) MN_WUR;
void mn_ocr_free(struct mn_ocr *o); /* accepts NULL */

/* Recognises one page: cleans up 'gray' (borrowed 8 bpp, resolution set) with 'steps' and
 * fills 'res' (initialised here) with its lines tagged 'page'. Never fails: a failure is
 * recorded in res->failed / res->message. */
void mn_ocr_page(struct mn_ocr *o, PIX *gray, unsigned steps, int page,
                 struct mn_ocr_result *res);

/* Renders page job 'index' (0-based, called in order, in the caller's thread) into a new
 * 8 bpp Pix that the pool takes over. Returns 0, or -1 with a message in 'msg'. */
typedef int (*mn_ocr_render_fn)(void *arg, int index, PIX **out, char *msg, size_t msgsize);

/* Creates 'nthreads' engines (1..MN_OCR_MAX_THREADS; set up in parallel). Returns 0 with
 * *out owned by the caller (mn_ocr_pool_free), or -1 with err set to MN_E_OCR_INIT. */
int mn_ocr_pool_new(const char *tessdata, const char *lang, int nthreads,
                    struct mn_ocr_pool **out, struct mn_error *err) MN_WUR;
void mn_ocr_pool_free(struct mn_ocr_pool *pool); /* accepts NULL */

/* Recognises 'njobs' pages: render(arg, i, ...) is called for i = 0..njobs-1 in this thread
 * while the workers recognise the pages already rendered (at most a few images wait), and
 * results[i] (njobs, initialised here) receives page 'pages[i]'. Never fails; failures are
 * per page, in results[i].failed. */
void mn_ocr_pool_run(struct mn_ocr_pool *pool, int njobs, const int *pages,
                     mn_ocr_render_fn render, void *arg, unsigned steps,
                     struct mn_ocr_result *results);

/* The context's pool, created on first use with ctx->opt.jobs threads (0 = one per core);
 * a failure is remembered, so that tesseract is set up at most once per process.
 * Returns 0 with *out borrowed from ctx, or -1 with err set to MN_E_OCR_INIT. */
int mn_ocr_ctx_pool(struct mn_ctx *ctx, struct mn_ocr_pool **out, struct mn_error *err) MN_WUR;

#endif
