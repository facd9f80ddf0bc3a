/* ocr.c: leptonica clean-up and tesseract recognition of page images (see ocr.h).
 *
 * Layout: rather than tesseract's own text (GetUTF8Text), which puts two table columns on
 * separate lines, we walk its result symbol by symbol and hand the symbols to
 * mn_extract_glyphs as if they were glyphs of a text layer, so that OCR pages get the same
 * line building as born-digital ones: tabs between table cells, an empty line at a paragraph
 * gap. A symbol's box is its own horizontally; vertically every symbol of a text line gets one
 * box from the top of the line to a little under its baseline, which is what a font box is
 * (tight ink boxes would make every line gap look like a paragraph break).
 *
 * Threads: the workers of a pool share nothing but the job queue (one mutex, two condition
 * variables); each has its own engine and writes only its own result slots. */
#include "ocr.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <omp.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "pipeline.h"
#include "tess.h"

struct mn_ocr {
    struct mn_tess t; /* tesseract's functions */
    TessBaseAPI *api;
};

struct mn_ocr_pool {
    struct mn_ocr **engines;
    int n;
};

void mn_ocr_result_release(struct mn_ocr_result *r)
{
    mn_lines_release(&r->lines);
    for (size_t i = 0; i < r->nalts; i++)
        mn_ocr_alt_release(&r->alts[i]);
    free(r->alts);
    memset(r, 0, sizeof *r);
}

/* ---- clean-up ---------------------------------------------------------------------------- */

/* Whitens in 'gray' the specks of the binary image 'bin' (both borrowed; same size) that stand
 * apart: components at most about 1/40 inch wide and high (dust, salt and pepper, not a
 * bullet) with no larger ink within about 1/15 inch. The dot of an i, a period, the ring of
 * an å and an accent sit close to their letters and stay; an earlier version that removed
 * every small component took them too (1.8% → 3.3% character error on a 200 dpi scan). */
static void despeckle(PIX *gray, PIX *bin, int dpi)
{
    int keep = dpi / 40 > 1 ? dpi / 40 : 1; /* components up to this size may go */
    int reach = dpi / 15 > 2 ? dpi / 15 : 2;
    PIX *big = pixSelectBySize(bin, keep, keep, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, NULL);
    PIX *specks = big ? pixXor(NULL, bin, big) : NULL;
    PIX *near = big ? pixDilateBrick(NULL, big, 2 * reach + 1, 2 * reach + 1) : NULL;
    PIX *apart = specks && near ? pixSubtract(NULL, specks, near) : NULL;
    if (apart)
        pixSetMasked(gray, apart, 255);
    pixDestroy(&apart);
    pixDestroy(&near);
    pixDestroy(&specks);
    pixDestroy(&big);
}

/* True when 'gray' (borrowed, 8 bpp) is a bilevel scan: under 1% of its pixels (every second
 * row and column counted) neither black nor white. A CCITT page rendered at its own
 * resolution has none; a photo or a greyscale scan has most. */
static bool is_bilevel(PIX *gray)
{
    NUMA *h = pixGetGrayHistogram(gray, 2);
    l_float32 black = 0, white = 0, total = 0;
    bool bilevel = h && numaGetSum(h, &total) == 0 && numaGetFValue(h, 0, &black) == 0 &&
                   numaGetFValue(h, 255, &white) == 0 && total > 0 &&
                   (total - black - white) * 100 < total;
    numaDestroy(&h);
    return bilevel;
}

/* A copy of 'gray' (borrowed, 8 bpp) without its lone dark pixels: dark pixels (thresholded
 * at the middle) whose eight neighbours are all light, found by a hit-miss transform. A
 * bilevel scan's salt and pepper is exactly that, and tesseract reads it as marks: "." and
 * "'" in the gaps between words, an accent on a letter ("Spørgsmål./svar.vedr."), another
 * mark beside a bullet. In a photo or a greyscale scan such a pixel is as often part of a
 * thin stroke (a 157 dpi phone photo read worse), so it is for bilevel pages only. NULL when
 * there is none (or leptonica fails). */
static PIX *remove_lone_pixels(PIX *gray)
{
    SEL *sel = selCreateFromString("ooo"
                                   "oXo"
                                   "ooo",
                                   3, 3, "lone");
    PIX *bin = sel ? pixConvertTo1(gray, 128) : NULL;
    PIX *lone = bin ? pixHMT(NULL, bin, sel) : NULL;
    l_int32 none = 1;
    if (lone)
        pixZero(lone, &none);
    PIX *out = lone && !none ? pixCopy(NULL, gray) : NULL;
    if (out)
        pixSetMasked(out, lone, 255);
    pixDestroy(&lone);
    pixDestroy(&bin);
    selDestroy(&sel);
    return out;
}

/* leptonica's morphological up/left test on a binary image: true with *orient set when it
 * decides (L_TEXT_ORIENT_UP included), false when it cannot */
static bool decide_orientation(PIX *bin, l_int32 *orient)
{
    l_float32 upconf = 0, leftconf = 0;
    *orient = L_TEXT_ORIENT_UNKNOWN;
    return bin && pixOrientDetect(bin, &upconf, &leftconf, 0, 0) == 0 &&
           makeOrientDecision(upconf, leftconf, 0.0f, 0.0f, orient, 0) == 0 &&
           *orient != L_TEXT_ORIENT_UNKNOWN;
}

PIX *mn_ocr_prepare(PIX *gray, unsigned steps, double *angle, int *rotation)
{
    PIX *cur = pixClone(gray), *next = NULL;
    int dpi = pixGetXRes(gray) > 0 ? pixGetXRes(gray) : 300;

    if (angle)
        *angle = 0;
    if (rotation)
        *rotation = 0;
    if ((steps & MN_OCR_STEP_PIXELS) && dpi < 280 && pixGetDepth(cur) == 8 && is_bilevel(cur)) {
        next = remove_lone_pixels(cur);
        if (next) {
            pixDestroy(&cur);
            cur = next;
        }
    }
    if ((steps & MN_OCR_STEP_UPSCALE) && dpi >= 100 && dpi < 280 && pixGetDepth(cur) == 8) {
        /* a 200 dpi or fax page: linear interpolation of the grey image to 300 dpi gives
         * tesseract smooth edges to threshold (its models are trained near 300 dpi) */
        l_float32 f = 300.0f / (l_float32)dpi;
        next = dpi == 150 ? pixScaleGray2xLI(cur) : pixScaleGrayLI(cur, f, f);
        if (next) {
            pixDestroy(&cur);
            cur = next;
            dpi = 300;
            pixSetResolution(cur, dpi, dpi);
        }
    }
    if ((steps & MN_OCR_STEP_THICKEN) && pixGetDepth(cur) == 8) {
        next = pixErodeGray(cur, 3, 3); /* grey erosion = minimum: dark strokes grow */
        if (next) {
            pixDestroy(&cur);
            cur = next;
        }
    }
    if (steps & MN_OCR_STEP_ORIENT) {
        /* leptonica's morphological up/left test on a binary image of 150-300 ppi: at 300 ppi
         * and more it runs first on the image halved, four times faster, with the same
         * decision on a page of text (the confidences fall from about 45 to 28, far above the
         * threshold of 8); a page too sparse to decide at half size is tested at full size */
        PIX *bin = pixConvertTo1(cur, 160);
        PIX *half = bin && dpi >= 300 ? pixReduceRankBinary2(bin, 1, NULL) : NULL;
        l_int32 orient;
        bool decided = decide_orientation(half, &orient) || decide_orientation(bin, &orient);
        pixDestroy(&half);
        if (decided) {
            int quads = orient == L_TEXT_ORIENT_LEFT    ? 1
                        : orient == L_TEXT_ORIENT_DOWN  ? 2
                        : orient == L_TEXT_ORIENT_RIGHT ? 3
                                                        : 0;
            next = quads ? pixRotateOrth(cur, quads) : NULL;
            if (next) {
                pixDestroy(&cur);
                cur = next;
                if (rotation)
                    *rotation = quads;
            }
        }
        pixDestroy(&bin);
    }
    if (steps & MN_OCR_STEP_NORMALIZE) {
        next = pixBackgroundNormSimple(cur, NULL, NULL);
        if (next) {
            pixDestroy(&cur);
            cur = next;
        }
    }
    PIX *cur_bin = NULL; /* cur thresholded, while cur stays the same image */
    if (steps & MN_OCR_STEP_DESKEW) {
        cur_bin = pixConvertTo1(cur, 160);
        l_float32 a = 0, conf = 0;
        /* l_ok: 0 = found; conf under about 2 means no reliable angle */
        if (cur_bin && pixFindSkew(cur_bin, &a, &conf) == 0 && conf >= 2.5 && fabsf(a) >= 0.1f) {
            next = pixRotate(cur, a * (l_float32)(M_PI / 180.0), L_ROTATE_AREA_MAP,
                             L_BRING_IN_WHITE, 0, 0);
            if (next) {
                pixDestroy(&cur);
                pixDestroy(&cur_bin);
                cur = next;
                if (angle)
                    *angle = a;
            }
        }
    }
    if (steps & MN_OCR_STEP_LINES) {
        /* table rules and underlines: straight runs longer than about 6 mm, which tesseract
         * reads as "|", "—" or letters, go white (text strokes are far shorter) */
        PIX *bin = cur_bin ? cur_bin : pixConvertTo1(cur, 160);
        cur_bin = NULL;
        int len = dpi / 4 > 2 ? dpi / 4 : 2; /* a page of 350 km renders at 1 dpi (render.c) */
        /* the dwa (destination word accumulation) opening: the same pixels as the rasterop
         * one, four times faster */
        PIX *h = bin ? pixOpenCompBrickDwa(NULL, bin, len, 1) : NULL;
        PIX *v = bin ? pixOpenCompBrickDwa(NULL, bin, 1, len) : NULL;
        PIX *both = h && v ? pixOr(NULL, h, v) : NULL;
        l_int32 none = 1; /* a page without rules keeps its image: no copy */
        if (both)
            pixZero(both, &none);
        PIX *mask = both && !none ? pixDilateBrick(NULL, both, 3, 3) : NULL;
        next = mask ? pixCopy(NULL, cur) : NULL;
        if (next) {
            pixSetMasked(next, mask, 255);
            pixDestroy(&cur);
            cur = next;
        }
        pixDestroy(&mask);
        pixDestroy(&both);
        pixDestroy(&v);
        pixDestroy(&h);
        pixDestroy(&bin);
    }
    pixDestroy(&cur_bin); /* deskew without rule removal */
    if ((steps & MN_OCR_STEP_DESPECKLE) || ((steps & MN_OCR_STEP_DESPECKLE_LOW) && dpi < 280)) {
        PIX *bin = pixConvertTo1(cur, 160);
        if (bin) {
            next = pixCopy(NULL, cur); /* cur may be a clone of the caller's image */
            if (next) {
                despeckle(next, bin, dpi);
                pixDestroy(&cur);
                cur = next;
            }
        }
        pixDestroy(&bin);
    }
    if (steps & MN_OCR_STEP_BORDER) {
        /* ink connected to the page's edge: a copier's dark band, a punched hole's shadow;
         * text never touches the edge of a scanned page */
        PIX *bin = pixConvertTo1(cur, 160);
        PIX *inner = bin ? pixRemoveBorderConnComps(bin, 8) : NULL;
        PIX *edge = inner ? pixXor(NULL, bin, inner) : NULL;
        l_int32 none = 1;
        if (edge)
            pixZero(edge, &none);
        next = edge && !none ? pixCopy(NULL, cur) : NULL;
        if (next) {
            PIX *mask = pixDilateBrick(NULL, edge, 3, 3);
            pixSetMasked(next, mask ? mask : edge, 255);
            pixDestroy(&mask);
            pixDestroy(&cur);
            cur = next;
        }
        pixDestroy(&edge);
        pixDestroy(&inner);
        pixDestroy(&bin);
    }
    if (steps & MN_OCR_STEP_BINARIZE) {
        PIX *bin = NULL;
        if (pixSauvolaBinarizeTiled(cur, 25, 0.35f, 1, 1, NULL, &bin) == 0 && bin) {
            next = pixConvertTo8(bin, 0);
            if (next) {
                pixDestroy(&cur);
                cur = next;
            }
        }
        pixDestroy(&bin);
    }
    pixSetResolution(cur, dpi, dpi);
    return cur;
}

/* ---- one engine ------------------------------------------------------------------------- */

/* libgomp reads OMP_THREAD_LIMIT only when it is loaded, before main; the active-levels limit
 * is the calling thread's own setting and can be set at any time. Zero active levels: every
 * parallel region tesseract opens runs on this thread alone. */
static void openmp_single_thread(void)
{
    if (omp_get_max_active_levels() != 0)
        omp_set_max_active_levels(0);
}

int mn_ocr_new(const char *tessdata, const char *lang, struct mn_ocr **out, struct mn_error *err)
{
    struct mn_ocr *o = xcalloc(1, sizeof *o);
    *out = NULL;
    if (mn_tess_open(&o->t, err) < 0) {
        free(o);
        return -1;
    }
    const struct mn_tess *tess = &o->t;
    openmp_single_thread();
    o->api = tess->TessBaseAPICreate();
    if (!o->api || tess->TessBaseAPIInit3(o->api, tessdata, lang) != 0) {
        const char *dir = tessdata ? tessdata : getenv("TESSDATA_PREFIX");
        mn_ocr_free(o);
        return mn_fail(err, MN_E_OCR_INIT, "cannot load tesseract language '%s' from '%s'", lang,
                       dir && *dir ? dir : "(tesseract's default tessdata)");
    }
    /* tesseract's debug chatter ("Detected 148 diacritics") goes to stderr otherwise */
    tess->TessBaseAPISetVariable(o->api, "debug_file", "/dev/null");
    *out = o;
    return 0;
}

void mn_ocr_free(struct mn_ocr *o)
{
    if (!o)
        return;
    if (o->api) {
        o->t.TessBaseAPIEnd(o->api);
        o->t.TessBaseAPIDelete(o->api);
    }
    free(o);
}

/* Appends the symbol 's' (UTF-8, one or more code points) as glyphs spread over [x1, x2]. */
static void add_symbol(struct mn_glyph **g, size_t *n, size_t *alloc, const char *s, double x1,
                       double x2, double y1, double y2, bool *space_before, bool *line_start)
{
    if (!g_utf8_validate(s, -1, NULL))
        return;
    glong count = g_utf8_strlen(s, -1);
    if (count <= 0)
        return;
    double w = (x2 - x1) / (double)count;
    glong k = 0;
    for (const char *q = s; *q; q = g_utf8_next_char(q), k++) {
        gunichar c = g_utf8_get_char(q);
        if (g_unichar_isspace(c) || c < 0x20)
            continue;
        MN_GROW(*g, *n + 1, *alloc);
        struct mn_glyph *gl = &(*g)[*n];
        memset(gl, 0, sizeof *gl);
        gl->x1 = x1 + w * (double)k;
        gl->x2 = gl->x1 + w;
        gl->y1 = y1;
        gl->y2 = y2;
        /* tesseract reads the en dash of Danish typography ("Ældre – og", "1.–2.") as an
         * em dash, which Danish text hardly uses: give it back as the en dash */
        gl->ch = c == 0x2014 ? 0x2013 : c;
        gl->space_before = *space_before;
        gl->line_start = *line_start;
        *space_before = *line_start = false;
        (*n)++;
    }
}

bool mn_ocr_is_noise(const char *word, float conf)
{
    if (!word)
        return true;
    if (conf >= MN_OCR_NOISE_FLOOR)
        return false;
    for (const char *q = word; *q; q = g_utf8_next_char(q))
        if (g_unichar_isalnum(g_utf8_get_char(q)))
            return false;
    return true; /* a very doubtful mark without a letter or digit: a speck or a rule */
}

/* One recognised word: its symbols are syms[first, first + n). */
struct word {
    int x1, x2, line; /* pixels; text line number */
    int t, b;         /* its own top and bottom, pixels */
    int lt, lb;       /* its line's top and bottom, pixels */
    double lh;        /* its line's height */
    float conf;
    size_t first, n;
    bool noise;
    bool kept; /* laid out as text */
};

/* A list's bullet that tesseract skipped: one small, roughly square, filled mark in the band
 * of the line, left of its first word, at x-height. Tesseract reads small bullet dots as
 * nothing, and a list then reads as prose; the mark is found in tesseract's own binarised
 * image. On success *bx1, *bx2 are its left and right, in pixels. */
static bool bullet_before(PIX *bin, int x_word, int top, int bottom, int *bx1, int *bx2)
{
    int lh = bottom - top;
    if (!bin || lh < 8)
        return false;
    int x0 = x_word - 3 * lh > 0 ? x_word - 3 * lh : 0;
    int width = x_word - 1 - x0;
    if (width < lh / 3)
        return false;
    BOX *area = boxCreate(x0, top, width, lh);
    PIX *crop = area ? pixClipRectangle(bin, area, NULL) : NULL;
    boxDestroy(&area);
    if (!crop)
        return false;
    bool found = false;
    BOXA *marks = pixConnCompBB(crop, 8);
    /* the one mark of the band: specks too small to be one by themselves (under an eighth of
     * the line's height both ways, as the shape test below) do not count; on a dirty scan
     * one of them beside the dot cost the bullet */
    int nmarks = 0, mark = -1;
    for (int i = 0; marks && i < boxaGetCount(marks); i++) {
        l_int32 mx, my, mw, mh;
        if (boxaGetBoxGeometry(marks, i, &mx, &my, &mw, &mh) == 0 &&
            (mw * 8 >= lh || mh * 8 >= lh)) {
            nmarks++;
            mark = i;
        }
    }
    if (nmarks == 1) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(marks, mark, &x, &y, &bw, &bh);
        int big = bw > bh ? bw : bh, cy2 = 2 * y + bh; /* twice the centre */
        bool shaped = bw * 8 >= lh && bh * 8 >= lh && bw * 5 <= lh * 3 && bh * 5 <= lh * 3 &&
                      abs(bw - bh) * 5 <= big * 2 && cy2 >= lh / 2 && cy2 * 10 <= lh * 17;
        if (shaped) {
            BOX *b = boxCreate(x, y, bw, bh);
            PIX *dot = b ? pixClipRectangle(crop, b, NULL) : NULL;
            l_int32 on = 0;
            if (dot && pixCountPixels(dot, &on, NULL) == 0 && on * 10 >= bw * bh * 6) {
                found = true;
                *bx1 = x0 + x;
                *bx2 = x0 + x + bw;
            }
            pixDestroy(&dot);
            boxDestroy(&b);
        }
    }
    boxaDestroy(&marks);
    pixDestroy(&crop);
    return found;
}

struct sym {
    char *text; /* TessDeleteText */
    char *alts; /* owned, NULL = none kept: other candidates (see symbol_choices) */
    int x1, x2;
    double y1, y2; /* points: the line's font box */
    bool word_start, line_start;
};

/* Marks the words that are graphics read as text: a cluster of at most MN_OCR_CLUSTER_MAX
 * words on one line (neighbours closer than MN_OCR_CLUSTER_GAP line heights) in which no word
 * reaches MN_OCR_MARK_FLOOR, like a logo or a skyline beside a letterhead. A doubtful word
 * next to good ones ("c." of a lettered list) stays. Returns how many were marked. */
static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* A word of four letters or more, nearly all letters, is text however doubtful: a label set
 * bold on a line of its own ("Indstilling"); so is a long word of a dozen letters or more
 * when half of it is letters, a URL ("http://nordjysksocialaftale.dk/media/1670/das-...",
 * 69% letters). Graphics read as text come out as short fragments and marks. */
static bool wordlike(const struct sym *sy, const struct word *w)
{
    int letters = 0, total = 0;
    for (size_t k = w->first; k < w->first + w->n; k++) {
        for (const char *q = sy[k].text; *q; q = g_utf8_next_char(q)) {
            gunichar c = g_utf8_get_char(q);
            total++;
            letters += g_unichar_isalpha(c) ? 1 : 0;
        }
    }
    return (letters >= 4 && letters * 10 >= total * 7) ||
           (letters >= 12 && letters * 2 >= total);
}

static int mark_noise_clusters(struct word *w, size_t nw, const struct sym *sy)
{
    int marked = 0;
    if (nw == 0)
        return 0;
    /* the page's usual line height: graphics make their own lines tall */
    double *h = xmalloc(nw * sizeof *h);
    for (size_t i = 0; i < nw; i++)
        h[i] = w[i].lh;
    qsort(h, nw, sizeof *h, cmp_double);
    double lh = h[nw / 2];
    free(h);
    for (size_t i = 0; i < nw;) {
        size_t j = i + 1;
        float best = w[i].conf;
        while (j < nw && w[j].line == w[i].line &&
               w[j].x1 - w[j - 1].x2 < MN_OCR_CLUSTER_GAP * lh) {
            if (w[j].conf > best)
                best = w[j].conf;
            j++;
        }
        if (best < MN_OCR_MARK_FLOOR && j - i <= MN_OCR_CLUSTER_MAX)
            for (size_t k = i; k < j; k++)
                if (!w[k].noise && !wordlike(sy, &w[k])) {
                    w[k].noise = true;
                    marked++;
                }
        i = j;
    }
    return marked;
}

/* Each line's left and right edge (points, as its y): the outermost glyph boxes whose
 * vertical middle lies in the line's band. The symbols of one tesseract line share one band,
 * so a line gets exactly its words' boxes, and a row built from two columns spans both. */
static void set_line_edges(struct mn_lines *lines, const struct mn_glyph *g, size_t ng)
{
    for (size_t i = 0; i < lines->n; i++) {
        struct mn_line *l = &lines->v[i];
        if (l->y < 0 || l->size <= 0 || l->x >= 0)
            continue;
        double x1 = -1, x2 = -1;
        for (size_t k = 0; k < ng; k++) {
            double mid = (g[k].y1 + g[k].y2) / 2;
            if (mid < l->y || mid > l->y + l->size)
                continue;
            if (x1 < 0 || g[k].x1 < x1)
                x1 = g[k].x1;
            if (g[k].x2 > x2)
                x2 = g[k].x2;
        }
        if (x1 >= 0) {
            l->x = x1;
            l->x2 = x2;
        }
    }
}

bool mn_ocr_is_margin_number(const char *s)
{
    const char *p = s;
    int nd = 0;
    if (*p == '(')
        p++;
    while (*p >= '0' && *p <= '9' && nd < 3)
        p++, nd++;
    if (nd == 0 || nd > 2)
        return false;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9') { /* "2.1" */
        p++;
        for (nd = 0; *p >= '0' && *p <= '9'; p++)
            nd++;
        if (nd > 2)
            return false;
    }
    if (*p == '.' || *p == ')')
        p++;
    return *p == '\0';
}

/* A number in a list's margin that tesseract's page layout left out: with the numbers in a
 * column of their own, PSM_AUTO takes that column for an image or a block of its own and
 * part of the numbers never comes back (a real 300 dpi scan lost "2." to "9." of its
 * agenda). Looks left of a line's first word, in tesseract's binarised image, for ink of
 * text height that no recognised word covers, the nearest group within two line heights;
 * on success the rectangle to read and the ink's left and right, in pixels. */
struct margin {
    char text[16]; /* "" = none */
    int x1, x2;
};

enum { MARGIN_MAX_MARKS = 24 }; /* more components than this left of a line: not a number */

static bool unread_margin(PIX *bin, const struct word *w, size_t nw, size_t first, int *rx,
                          int *ry, int *rw, int *rh, int *ink_x1, int *ink_x2)
{
    const struct word *f = &w[first];
    int lh = f->lb - f->lt;
    if (!bin || lh < 8)
        return false;
    int x0 = f->x1 - 5 * lh > 0 ? f->x1 - 5 * lh : 0;
    int width = f->x1 - 1 - x0;
    if (width < lh / 2)
        return false;
    BOX *area = boxCreate(x0, f->lt, width, lh);
    PIX *crop = area ? pixClipRectangle(bin, area, NULL) : NULL;
    boxDestroy(&area);
    BOXA *cc = crop ? pixConnCompBB(crop, 8) : NULL;
    pixDestroy(&crop);
    int n = cc ? boxaGetCount(cc) : 0;
    int kx1[MARGIN_MAX_MARKS], kx2[MARGIN_MAX_MARKS], ky1[MARGIN_MAX_MARKS],
        ky2[MARGIN_MAX_MARKS];
    int nk = 0;
    bool ok = n > 0 && n <= MARGIN_MAX_MARKS;
    for (int i = 0; ok && i < n; i++) {
        l_int32 x, y, bw, bh;
        if (boxaGetBoxGeometry(cc, i, &x, &y, &bw, &bh) != 0)
            continue;
        x += x0;
        y += f->lt;
        if (bw * 6 < lh && bh * 6 < lh)
            continue; /* a speck or a dot: no number by itself */
        bool covered = false;
        for (size_t k = 0; k < nw && !covered; k++)
            covered = !w[k].noise && x < w[k].x2 && x + bw > w[k].x1 && y < w[k].b &&
                      y + bh > w[k].t;
        if (covered)
            continue;
        kx1[nk] = x, kx2[nk] = x + bw, ky1[nk] = y, ky2[nk] = y + bh;
        nk++;
    }
    boxaDestroy(&cc);
    if (!ok || nk == 0)
        return false;
    /* the group nearest the word: the rightmost mark, then marks close to its left */
    int best = 0;
    for (int i = 1; i < nk; i++)
        if (kx2[i] > kx2[best])
            best = i;
    int gx1 = kx1[best], gx2 = kx2[best], gy1 = ky1[best], gy2 = ky2[best];
    if (f->x1 - gx2 > 2 * lh)
        return false;
    for (bool grew = true; grew;) {
        grew = false;
        for (int i = 0; i < nk; i++)
            if (kx1[i] < gx1 && kx2[i] >= gx1 - lh / 2) {
                gx1 = kx1[i];
                gy1 = ky1[i] < gy1 ? ky1[i] : gy1;
                gy2 = ky2[i] > gy2 ? ky2[i] : gy2;
                grew = true;
            }
    }
    if ((gy2 - gy1) * 20 < lh * 9 || gx2 - gx1 > 3 * lh)
        return false; /* no text height, or too wide for a number */
    int pad = lh / 4;
    int left = gx1 - pad > 0 ? gx1 - pad : 0;
    int right = gx2 + lh / 2 < f->x1 - 1 ? gx2 + lh / 2 : f->x1 - 1; /* the number's dot */
    int top = f->lt - pad > 0 ? f->lt - pad : 0;
    int bottom = f->lb + pad < (int)pixGetHeight(bin) ? f->lb + pad : (int)pixGetHeight(bin);
    *rx = left, *ry = top, *rw = right - left, *rh = bottom - top;
    *ink_x1 = gx1, *ink_x2 = gx2;
    return *rw > 0 && *rh > 0;
}

/* Reads the unread margins of the page's lines (after the page's own recognition, whose
 * results are then gone): a line's first kept word gets in mg[first] the number found left
 * of it, when tesseract reads the rectangle alone as an item number (mn_ocr_is_margin_number)
 * with confidence MN_OCR_MARGIN_FLOOR or more. Returns how many were found. */
static int read_margins(struct mn_ocr *o, PIX *bin, const struct word *w, size_t nw,
                        struct margin *mg)
{
    const struct mn_tess *tess = &o->t;
    int found = 0, tried = 0;
    int cur_line = -1;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].noise || w[i].line == cur_line)
            continue;
        cur_line = w[i].line;
        int x, y, rw, rh, ix1, ix2;
        if (tried >= MN_OCR_MARGIN_MAX ||
            !unread_margin(bin, w, nw, i, &x, &y, &rw, &rh, &ix1, &ix2))
            continue;
        tried++;
        tess->TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_WORD);
        tess->TessBaseAPISetRectangle(o->api, x, y, rw, rh);
        char *text = tess->TessBaseAPIGetUTF8Text(o->api);
        int conf = text ? tess->TessBaseAPIMeanTextConf(o->api) : 0;
        if (text) {
            g_strstrip(text);
            if (conf >= MN_OCR_MARGIN_FLOOR && strlen(text) < sizeof mg[i].text &&
                mn_ocr_is_margin_number(text)) {
                strcpy(mg[i].text, text);
                mg[i].x1 = ix1;
                mg[i].x2 = ix2;
                found++;
            }
            tess->TessDeleteText(text);
        }
    }
    return found;
}

/* The candidates the recogniser weighed for the symbol at 'it', read as 'text': one code
 * point each, the one read first, then the others with confidence MN_OCR_CHOICE_FLOOR or
 * more, best first, without repeats. NULL (nothing to keep) when the symbol is not one code
 * point or there is no other candidate. The result is malloc'd. */
static char *symbol_choices(const struct mn_tess *tess, const TessResultIterator *it,
                            const char *text)
{
    if (!g_utf8_validate(text, -1, NULL) || g_utf8_strlen(text, -1) != 1)
        return NULL;
    TessChoiceIterator *ci = tess->TessResultIteratorGetChoiceIterator(it);
    if (!ci)
        return NULL;
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, text);
    int nalt = 0;
    do {
        const char *c = tess->TessChoiceIteratorGetUTF8Text(ci);
        if (!c || !g_utf8_validate(c, -1, NULL) || g_utf8_strlen(c, -1) != 1 ||
            tess->TessChoiceIteratorConfidence(ci) < MN_OCR_CHOICE_FLOOR ||
            g_unichar_isspace(g_utf8_get_char(c)) || strstr(b.buf, c))
            continue;
        mn_buf_adds(&b, c);
        nalt++;
    } while (tess->TessChoiceIteratorNext(ci));
    tess->TessChoiceIteratorDelete(ci);
    if (nalt == 0) {
        mn_buf_release(&b);
        return NULL;
    }
    return mn_buf_detach(&b, NULL);
}

/* Reads the doubtful first word of each line again, alone, with the recogniser's other
 * candidates kept (lstm_choice_mode 1: per character; about 7% more time when on for a whole
 * page, so it is on only here): an item number misread ("Sy" for "9."), a label. A line whose
 * number was read from the margin is left alone. The candidates of the word's symbols go to
 * sy[].alts when the word reads again as as many symbols; otherwise it keeps none. Returns
 * how many words were read again. */
static int reread_words(struct mn_ocr *o, const struct word *w, size_t nw, struct sym *sy,
                        const struct margin *mg, int width, int height)
{
    const struct mn_tess *tess = &o->t;
    int tried = 0;
    int cur_line = -1;
    struct sym got[MN_OCR_REREAD_SYMBOLS];
    for (size_t i = 0; i < nw && tried < MN_OCR_REREAD_MAX; i++) {
        if (w[i].noise || w[i].line == cur_line)
            continue;
        cur_line = w[i].line;
        if (w[i].conf >= MN_OCR_ALT_FLOOR || w[i].n == 0 || w[i].n > MN_OCR_REREAD_SYMBOLS ||
            mg[i].text[0])
            continue;
        if (tried++ == 0)
            tess->TessBaseAPISetVariable(o->api, "lstm_choice_mode", "1");
        int lh = w[i].lb - w[i].lt, pad = lh / 4 > 1 ? lh / 4 : 1;
        int x = w[i].x1 - pad > 0 ? w[i].x1 - pad : 0, y = w[i].lt - pad > 0 ? w[i].lt - pad : 0;
        int x2 = w[i].x2 + pad < width ? w[i].x2 + pad : width;
        int y2 = w[i].lb + pad < height ? w[i].lb + pad : height;
        if (x2 <= x || y2 <= y)
            continue;
        tess->TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_WORD);
        tess->TessBaseAPISetRectangle(o->api, x, y, x2 - x, y2 - y);
        if (tess->TessBaseAPIRecognize(o->api, NULL) != 0)
            continue;
        TessResultIterator *it = tess->TessBaseAPIGetIterator(o->api);
        size_t ngot = 0;
        bool fits = it != NULL;
        while (fits) {
            char *text = tess->TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
            if (text && ngot < w[i].n) {
                got[ngot].text = NULL;
                got[ngot].alts = symbol_choices(tess, it, text);
                if (!got[ngot].alts && g_utf8_validate(text, -1, NULL) &&
                    g_utf8_strlen(text, -1) == 1)
                    got[ngot].alts = xstrdup(text);
                ngot++;
            } else if (text) {
                fits = false; /* more symbols than the word had */
            }
            if (text)
                tess->TessDeleteText(text);
            if (!tess->TessResultIteratorNext(it, RIL_SYMBOL))
                break;
        }
        if (it)
            tess->TessResultIteratorDelete(it);
        fits = fits && ngot == w[i].n;
        for (size_t k = 0; k < ngot; k++) {
            struct sym *t = &sy[w[i].first + k];
            if (fits && got[k].alts) { /* the symbol as first read, then the new candidates */
                struct mn_buf b = MN_BUF_INIT;
                mn_buf_adds(&b, t->text);
                for (const char *q = got[k].alts; *q; q = g_utf8_next_char(q)) {
                    char c[8];
                    int len = g_unichar_to_utf8(g_utf8_get_char(q), c);
                    c[len] = '\0';
                    if (!strstr(b.buf, c))
                        mn_buf_adds(&b, c);
                }
                free(t->alts);
                t->alts = b.len > strlen(t->text) ? mn_buf_detach(&b, NULL) : NULL;
                mn_buf_release(&b);
            }
            free(got[k].alts);
        }
    }
    if (tried)
        tess->TessBaseAPISetVariable(o->api, "lstm_choice_mode", "0");
    return tried;
}

/* Hands the other readings of the doubtful words laid out on the page to res->alts: a word
 * goes to the line whose band holds its middle and whose text holds the word as read (the
 * first such line); a word found on no line is left out. */
static void record_alts(struct mn_ocr_result *res, const struct word *w, size_t nw,
                        const struct sym *sy, int page)
{
    struct mn_buf word = MN_BUF_INIT, ch = MN_BUF_INIT;
    for (size_t i = 0; i < nw; i++) {
        if (!w[i].kept || w[i].n == 0)
            continue;
        bool any = false;
        for (size_t k = w[i].first; k < w[i].first + w[i].n; k++)
            any = any || sy[k].alts;
        if (!any)
            continue;
        mn_buf_reset(&word);
        mn_buf_reset(&ch);
        bool single = true;
        for (size_t k = w[i].first; k < w[i].first + w[i].n; k++) {
            single = single && g_utf8_strlen(sy[k].text, -1) == 1;
            mn_buf_adds(&word, sy[k].text);
            if (k > w[i].first)
                mn_buf_addch(&ch, '\n');
            mn_buf_adds(&ch, sy[k].alts ? sy[k].alts : sy[k].text);
        }
        if (!single)
            continue;
        double mid = (sy[w[i].first].y1 + sy[w[i].first].y2) / 2;
        for (size_t l = 0; l < res->lines.n; l++) {
            const struct mn_line *ln = &res->lines.v[l];
            if (ln->y < 0 || mid < ln->y || mid > ln->y + ln->size || !strstr(ln->text, word.buf))
                continue;
            MN_GROW(res->alts, res->nalts + 1, res->alts_alloc);
            res->alts[res->nalts++] = (struct mn_ocr_alt){
                .page = page, .line = l, .word = xstrdup(word.buf),
                .choices = xstrdup(ch.buf), .conf = (int)lroundf(w[i].conf)};
            break;
        }
    }
    mn_buf_release(&ch);
    mn_buf_release(&word);
}

void mn_ocr_page(struct mn_ocr *o, PIX *gray, unsigned steps, int page,
                 struct mn_ocr_result *res)
{
    const struct mn_tess *tess = &o->t;
    openmp_single_thread();
    PIX *img = NULL, *bin = NULL;
    TessResultIterator *it = NULL;
    struct mn_glyph *g = NULL;
    size_t ng = 0, galloc = 0;
    struct word *w = NULL;
    size_t nw = 0, walloc = 0;
    struct sym *sy = NULL;
    size_t ns = 0, salloc = 0;
    struct margin *mg = NULL;
    double sumconf = 0;

    memset(res, 0, sizeof *res);
    img = mn_ocr_prepare(gray, steps, &res->angle, &res->rotation);
    if (!img) {
        res->failed = true;
        snprintf(res->message, sizeof res->message, "page %d: image clean-up failed", page);
        goto out;
    }
    int dpi = pixGetXRes(img) > 0 ? pixGetXRes(img) : 300;
    tess->TessBaseAPISetPageSegMode(o->api, (steps & MN_OCR_STEP_BLOCK)    ? PSM_SINGLE_BLOCK
                                            : (steps & MN_OCR_STEP_COLUMN) ? PSM_SINGLE_COLUMN
                                                                           : PSM_AUTO);
    tess->TessBaseAPISetImage2(o->api, img); /* tesseract copies the pixels */
    tess->TessBaseAPISetSourceResolution(o->api, dpi);
    pixDestroy(&img);
    if (tess->TessBaseAPIRecognize(o->api, NULL) != 0) {
        res->failed = true;
        snprintf(res->message, sizeof res->message, "page %d: tesseract failed to recognise it",
                 page);
        goto out;
    }
    bin = tess->TessBaseAPIGetThresholdedImage(o->api); /* for skipped bullets; may be NULL */
    it = tess->TessBaseAPIGetIterator(o->api);
    if (!it)
        goto done; /* an empty page */

    /* Pass 1: symbols and words, with boxes and confidences. */
    const TessPageIterator *pit = tess->TessResultIteratorGetPageIterator(it);
    double scale = 72.0 / dpi; /* pixels to points, as poppler's boxes */
    double ly1 = 0, ly2 = 0, lh = 1;
    int line_t = 0, line_b = 0;
    int line = -1;
    bool in_word = false;
    do {
        int l, t, r, b;
        bool line_start = false, word_start = false;
        if (tess->TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
            int bx1, by1, bx2, by2;
            if (!tess->TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &l, &t, &r, &b))
                continue;
            double base = b;
            if (tess->TessPageIteratorBaseline(pit, RIL_TEXTLINE, &bx1, &by1, &bx2, &by2))
                base = (by1 + by2) / 2.0;
            if (base < t || base > b)
                base = b;
            ly1 = t * scale;
            ly2 = (base + 0.3 * (base - t)) * scale; /* down to where descenders end */
            lh = b - t > 1 ? b - t : 1;
            line_t = t;
            line_b = b;
            line++;
            line_start = true;
        }
        if (tess->TessPageIteratorIsAtBeginningOf(pit, RIL_WORD) &&
            tess->TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &t, &r, &b)) {
            char *text = tess->TessResultIteratorGetUTF8Text(it, RIL_WORD);
            MN_GROW(w, nw + 1, walloc);
            w[nw] = (struct word){.x1 = l, .x2 = r, .t = t, .b = b, .line = line, .lh = lh,
                                  .lt = line_t,
                                  .lb = line_b,
                                  .conf = tess->TessResultIteratorConfidence(it, RIL_WORD),
                                  .first = ns};
            w[nw].noise = mn_ocr_is_noise(text, w[nw].conf);
            tess->TessDeleteText(text);
            nw++;
            in_word = true;
            word_start = true;
        }
        if (!in_word || !tess->TessPageIteratorBoundingBox(pit, RIL_SYMBOL, &l, &t, &r, &b))
            continue;
        char *text = tess->TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        if (!text)
            continue;
        MN_GROW(sy, ns + 1, salloc);
        sy[ns] = (struct sym){.text = text, .x1 = l, .x2 = r, .y1 = ly1, .y2 = ly2,
                              .word_start = word_start, .line_start = line_start};

        ns++;
        w[nw - 1].n++;
    } while (tess->TessResultIteratorNext(it, RIL_SYMBOL));

    /* Pass 2: drop graphics read as text, count, and lay the rest out as glyphs. */
    res->nnoise = 0;
    mark_noise_clusters(w, nw, sy);
    tess->TessResultIteratorDelete(it); /* the margins are read with the same engine */
    it = NULL;
    mg = xcalloc(nw ? nw : 1, sizeof *mg);
    if (steps & MN_OCR_STEP_MARGIN)
        res->nmargin = read_margins(o, bin, w, nw, mg);
    if ((steps & MN_OCR_STEP_CHOICES) && bin)
        reread_words(o, w, nw, sy, mg, (int)pixGetWidth(bin), (int)pixGetHeight(bin));
    bool space_before = false, line_start = true;
    int cur_line = -1;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].line != cur_line) {
            cur_line = w[i].line;
            line_start = true;
        }
        if (w[i].noise) {
            res->nnoise++;
            continue;
        }
        if (mg[i].text[0]) { /* a number tesseract's layout left out, read alone */
            add_symbol(&g, &ng, &galloc, mg[i].text, mg[i].x1 * scale, mg[i].x2 * scale,
                       sy[w[i].first].y1, sy[w[i].first].y2, &space_before, &line_start);
            space_before = true;
        }
        int bx1, bx2;
        /* a bullet dot read as a word of its own ("te", "e", "*"): one or two symbols whose
         * ink, left of the line's second word, is one bullet-shaped mark; else a dot that
         * tesseract skipped, left of the line's first word */
        bool dot_read = line_start && w[i].n <= 2 && i + 1 < nw && w[i + 1].line == w[i].line &&
                        !w[i + 1].noise &&
                        bullet_before(bin, w[i + 1].x1, w[i + 1].lt, w[i + 1].lb, &bx1, &bx2) &&
                        bx1 >= w[i].x1 - 2 && bx2 <= w[i].x2 + 2;
        if (dot_read || (line_start && bullet_before(bin, w[i].x1, w[i].lt, w[i].lb, &bx1, &bx2)))
            add_symbol(&g, &ng, &galloc, "•", bx1 * scale, bx2 * scale, sy[w[i].first].y1,
                       sy[w[i].first].y2, &space_before, &line_start);
        space_before = true;
        if (dot_read)
            continue; /* the word was the dot */
        w[i].kept = true;
        res->nwords++;
        sumconf += w[i].conf;
        if (w[i].conf < MN_OCR_WORD_FLOOR)
            res->nlow++;
        for (size_t k = w[i].first; k < w[i].first + w[i].n; k++)
            add_symbol(&g, &ng, &galloc, sy[k].text, sy[k].x1 * scale, sy[k].x2 * scale,
                       sy[k].y1, sy[k].y2, &space_before, &line_start);
    }
done:
    res->mean_conf = res->nwords ? (int)lround(sumconf / res->nwords) : 0;
    /* Ink boxes leave gaps between the letters of a word, which the line builder would take
     * for spaces: inside a word, each box reaches to the next one. */
    for (size_t i = 1; i < ng; i++)
        if (!g[i].space_before && !g[i].line_start && g[i].x1 > g[i - 1].x2)
            g[i - 1].x2 = g[i].x1;
    if (ng > 0) {
        mn_extract_glyphs(g, ng, page, &res->lines);
        set_line_edges(&res->lines, g, ng);
        record_alts(res, w, nw, sy, page);
    }
out:
    pixDestroy(&bin);
    if (it)
        tess->TessResultIteratorDelete(it);
    tess->TessBaseAPIClear(o->api);
    for (size_t i = 0; i < ns; i++) {
        tess->TessDeleteText(sy[i].text);
        free(sy[i].alts);
    }
    free(sy);
    free(mg);
    free(w);
    free(g);
}

/* ---- the pool ---------------------------------------------------------------------------- */

struct init_arg {
    const char *tessdata, *lang;
    struct mn_ocr *engine;
    struct mn_error err;
};

static void *init_main(void *p)
{
    struct init_arg *a = p;
    if (mn_ocr_new(a->tessdata, a->lang, &a->engine, &a->err) < 0)
        a->engine = NULL;
    return NULL;
}

int mn_ocr_pool_new(const char *tessdata, const char *lang, int nthreads,
                    struct mn_ocr_pool **out, struct mn_error *err)
{
    struct mn_ocr_pool *pool = xcalloc(1, sizeof *pool);
    *out = NULL;
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > MN_OCR_MAX_THREADS)
        nthreads = MN_OCR_MAX_THREADS;
    /* leptonica's messages would go to our stderr. Not even its errors: every failure is seen
     * in a return value here, and leptonica 1.82's background normalisation prints "Error in
     * numaGetIValue: index not valid" on every bilevel page while it succeeds */
    setMsgSeverity(L_SEVERITY_NONE);
    /* A page image is 9-35 MB (grey, or cairo's 32-bit surface, at 300 dpi), above glibc's
     * largest dynamic mmap threshold (32 MB) or soon at it: such blocks are mapped fresh,
     * faulted in and zeroed page by page, and unmapped again with a TLB shoot-down across the
     * other threads, for every page. Served from the heap, the same memory is reused page
     * after page (system time of a scanned document 0.9 -> 0.5 s). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    pool->engines = xcalloc((size_t)nthreads, sizeof *pool->engines);
    pool->n = nthreads;

    /* The first engine alone: when the language is missing, tesseract prints its complaint
     * once, not once per thread. The others are set up in parallel. */
    if (mn_ocr_new(tessdata, lang, &pool->engines[0], err) < 0)
        goto fail;
    if (nthreads > 1) {
        struct init_arg *args = xcalloc((size_t)nthreads, sizeof *args);
        pthread_t *tids = xcalloc((size_t)nthreads, sizeof *tids);
        bool *started = xcalloc((size_t)nthreads, sizeof *started);
        for (int i = 1; i < nthreads; i++) {
            args[i].tessdata = tessdata;
            args[i].lang = lang;
            started[i] = pthread_create(&tids[i], NULL, init_main, &args[i]) == 0;
            if (!started[i])
                init_main(&args[i]);
        }
        int failed = 0;
        for (int i = 1; i < nthreads; i++) {
            if (started[i])
                pthread_join(tids[i], NULL);
            pool->engines[i] = args[i].engine;
            if (!args[i].engine && !failed) {
                failed = i;
                *err = args[i].err;
            }
        }
        free(started);
        free(tids);
        free(args);
        if (failed)
            goto fail;
    }
    *out = pool;
    return 0;
fail:
    mn_ocr_pool_free(pool);
    return -1;
}

void mn_ocr_pool_free(struct mn_ocr_pool *pool)
{
    if (!pool)
        return;
    for (int i = 0; i < pool->n; i++)
        mn_ocr_free(pool->engines[i]);
    free(pool->engines);
    free(pool);
}

struct run_state {
    pthread_mutex_t mu;
    pthread_cond_t have_work, have_room;
    PIX **pix;         /* [njobs]: rendered images waiting (NULL = render failed / taken) */
    int njobs;
    int rendered;      /* jobs 0..rendered-1 are rendered (or failed) */
    int taken;         /* jobs 0..taken-1 are taken by a worker */
    int room;          /* at most this many rendered jobs wait */
    const int *pages;
    unsigned steps;
    struct mn_ocr_result *results;
};

struct worker_arg {
    struct run_state *st;
    struct mn_ocr *engine;
};

static void *worker_main(void *p)
{
    struct worker_arg *w = p;
    struct run_state *st = w->st;
    for (;;) {
        pthread_mutex_lock(&st->mu);
        while (st->taken == st->rendered && st->taken < st->njobs)
            pthread_cond_wait(&st->have_work, &st->mu);
        if (st->taken >= st->njobs) {
            pthread_mutex_unlock(&st->mu);
            return NULL;
        }
        int job = st->taken++;
        PIX *pix = st->pix[job];
        st->pix[job] = NULL;
        pthread_cond_signal(&st->have_room);
        pthread_mutex_unlock(&st->mu);

        if (pix) /* else the render failed and results[job] already says so */
            mn_ocr_page(w->engine, pix, st->steps, st->pages[job], &st->results[job]);
        pixDestroy(&pix);
    }
}

void mn_ocr_pool_run(struct mn_ocr_pool *pool, int njobs, const int *pages,
                     mn_ocr_render_fn render, void *arg, unsigned steps,
                     struct mn_ocr_result *results)
{
    if (njobs <= 0)
        return;
    memset(results, 0, (size_t)njobs * sizeof *results);
    int nthreads = pool->n < njobs ? pool->n : njobs;

    if (nthreads == 1 && njobs == 1) { /* no thread for a single page */
        PIX *pix = NULL;
        char msg[200] = "";
        if (render(arg, 0, &pix, msg, sizeof msg) < 0 || !pix) {
            results[0].failed = true;
            snprintf(results[0].message, sizeof results[0].message, "page %d: %s", pages[0],
                     msg);
        } else {
            mn_ocr_page(pool->engines[0], pix, steps, pages[0], &results[0]);
        }
        pixDestroy(&pix);
        return;
    }

    struct run_state st = {
        .pix = xcalloc((size_t)njobs, sizeof(PIX *)),
        .njobs = njobs,
        .room = nthreads + 1,
        .pages = pages,
        .steps = steps,
        .results = results,
    };
    pthread_mutex_init(&st.mu, NULL);
    pthread_cond_init(&st.have_work, NULL);
    pthread_cond_init(&st.have_room, NULL);
    pthread_t *tids = xcalloc((size_t)nthreads, sizeof *tids);
    struct worker_arg *wa = xcalloc((size_t)nthreads, sizeof *wa);
    int nstarted = 0;
    for (int i = 0; i < nthreads; i++) {
        wa[i].st = &st;
        wa[i].engine = pool->engines[i];
        if (pthread_create(&tids[nstarted], NULL, worker_main, &wa[i]) != 0)
            break;
        nstarted++;
    }

    for (int i = 0; i < njobs; i++) {
        if (nstarted > 0) {
            pthread_mutex_lock(&st.mu);
            while (st.rendered - st.taken >= st.room)
                pthread_cond_wait(&st.have_room, &st.mu);
            pthread_mutex_unlock(&st.mu);
        }
        PIX *pix = NULL;
        char msg[200] = "";
        if (render(arg, i, &pix, msg, sizeof msg) < 0 || !pix) {
            pixDestroy(&pix);
            results[i].failed = true;
            snprintf(results[i].message, sizeof results[i].message, "page %d: %s", pages[i],
                     msg);
        }
        if (nstarted == 0) { /* no thread could be started: recognise here */
            if (pix)
                mn_ocr_page(pool->engines[0], pix, steps, pages[i], &results[i]);
            pixDestroy(&pix);
            continue;
        }
        pthread_mutex_lock(&st.mu);
        st.pix[i] = pix;
        st.rendered++;
        pthread_cond_signal(&st.have_work);
        pthread_mutex_unlock(&st.mu);
    }
    /* Every job is rendered: wake all idle workers so that they see it and return. A signal
     * per job wakes one worker; when a worker that was already busy takes the last job, one
     * still waiting would otherwise sleep forever (seen: a 2-page document hung in join). */
    pthread_mutex_lock(&st.mu);
    pthread_cond_broadcast(&st.have_work);
    pthread_mutex_unlock(&st.mu);
    for (int i = 0; i < nstarted; i++)
        pthread_join(tids[i], NULL);

    pthread_cond_destroy(&st.have_room);
    pthread_cond_destroy(&st.have_work);
    pthread_mutex_destroy(&st.mu);
    free(wa);
    free(tids);
    free(st.pix);
}

/* ---- the context's pool ------------------------------------------------------------------ */

int mn_ocr_ctx_pool(struct mn_ctx *ctx, struct mn_ocr_pool **out, struct mn_error *err)
{
    *out = NULL;
    if (ctx->ocr) {
        *out = ctx->ocr;
        return 0;
    }
    if (ctx->ocr_err) {
        *err = *ctx->ocr_err;
        return -1;
    }
    int n = ctx->opt.jobs;
    if (n <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n = cores > 0 ? (int)cores : 1;
    }
    if (mn_ocr_pool_new(ctx->opt.tessdata, MN_OCR_LANG, n, &ctx->ocr, err) < 0) {
        ctx->ocr_err = xmalloc(sizeof *ctx->ocr_err);
        *ctx->ocr_err = *err;
        return -1;
    }
    *out = ctx->ocr;
    return 0;
}
