/* test_ocr.c: garbage detection, leptonica clean-up, and tesseract on pages drawn with cairo
 * (ocr.c, extract.c's mn_extract_garbage_reason). The tesseract tests are skipped (reported
 * as ok with "# SKIP") when the Danish language data is not installed. */
#include "t.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "extract.h"
#include "ocr.h"
#include "render.h"

/* ---- detection of garbage text layers ---- */

static void test_garbage(void)
{
    const char *text = "Referat af mødet i Økonomiudvalget den 4. december 2012 kl. 13.00";
    CHECK(mn_extract_garbage_reason(text, strlen(text)) == NULL);
    /* bullets from symbol fonts are not garbage */
    const char *bullets = "\xef\x82\xb7 Godkendt af udvalget\n\xef\x82\xb7 Sendt til byrådet";
    CHECK(mn_extract_garbage_reason(bullets, strlen(bullets)) == NULL);
    /* a table of numbers is text */
    const char *nums = "2012 2013 2014\n1.234.567 2.345.678 3.456.789\n12,5 % 13,7 % 14,9 %";
    CHECK(mn_extract_garbage_reason(nums, strlen(nums)) == NULL);
    /* dot leaders of a table of contents are not garbage */
    const char *toc = ". Indledning ..................................... 3\n"
                      ". Råd og Vejledning ..............……………….......... 4\n"
                      "12. Konsulentfunktion ______________________ 12";
    CHECK(mn_extract_garbage_reason(toc, strlen(toc)) == NULL);
    /* too short to judge */
    CHECK(mn_extract_garbage_reason("(cid:3)(cid:4)", 14) == NULL);
    const char *cid = "(cid:38)(cid:72)(cid:85)(cid:72)(cid:73) (cid:68)(cid:73) (cid:80)";
    CHECK(mn_extract_garbage_reason(cid, strlen(cid)) != NULL);
    /* private-use glyphs of a font without a Unicode map */
    const char *pua = "\xee\x80\x81\xee\x80\x82\xee\x80\x83 \xee\x80\x84\xee\x80\x85\xee\x80\x86"
                      "\xee\x80\x87\xee\x80\x88 \xee\x80\x89\xee\x80\x8a\xee\x80\x8b\xee\x80\x8c"
                      "\xee\x80\x8d\xee\x80\x8e\xee\x80\x8f\xee\x80\x90\xee\x80\x91\xee\x80\x92"
                      "\xee\x80\x93\xee\x80\x94 og";
    CHECK(mn_extract_garbage_reason(pua, strlen(pua)) != NULL);
    const char *sym = "!#%&/()=?+*^~<>|!#%&/()=?+*^~<>| ab";
    CHECK(mn_extract_garbage_reason(sym, strlen(sym)) != NULL);
    /* invalid UTF-8 does not crash and counts as bad */
    const char bad[] = "\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe"
                       "\xff\xfe\xff\xfe abc";
    CHECK(mn_extract_garbage_reason(bad, sizeof bad - 1) != NULL);
}

/* ---- images drawn with cairo ---- */

struct line_spec {
    double x, y; /* pixels at 300 dpi, baseline */
    const char *text;
};

/* Draws the lines in black 11 pt DejaVu Sans on a white A4-wide page at 300 dpi, rotated by
 * 'deg' degrees about the centre, and returns it as 8 bpp grey. */
static PIX *draw_page(const struct line_spec *lines, size_t n, double deg, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, w / 2.0, h / 2.0);
    cairo_rotate(cr, deg * M_PI / 180.0);
    cairo_translate(cr, -w / 2.0, -h / 2.0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 11.0 * 300 / 72);
    for (size_t i = 0; i < n; i++) {
        cairo_move_to(cr, lines[i].x, lines[i].y);
        cairo_show_text(cr, lines[i].text);
    }
    cairo_destroy(cr);
    PIX *p = mn_render_surface_to_pix(s, 300);
    cairo_surface_destroy(s);
    return p;
}

static const struct line_spec page_lines[] = {
    {150, 200, "Referat af mødet i Økonomiudvalget"},
    {150, 300, "Afbud"},
    {900, 300, "Hanne Madsen"},
    {150, 400, "Mødet blev holdt på rådhuset, og alle punkter blev behandlet."},
    {150, 470, "Indstillingen blev godkendt af et enigt udvalg uden bemærkninger."},
    {150, 540, "Sagen sendes videre til byrådet med udvalgets anbefaling."},
    {150, 610, "Der blev spurgt til økonomien i projektet og til tidsplanen."},
};

static bool has_line(const struct mn_lines *l, const char *text)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].text, text) == 0)
            return true;
    return false;
}

static bool has_substr(const struct mn_lines *l, const char *text)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->v[i].text, text))
            return true;
    return false;
}

static void dump(const struct mn_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        fprintf(stderr, "  %d: [%s]\n", l->v[i].page, l->v[i].text);
}

/* Deskew finds a 1.5 degree skew and corrects it (the sign is leptonica's). */
/* what a list's margin number looks like when read alone (ocr.c's read_margins) */
static void test_margin_number(void)
{
    static const char *const yes[] = {"1", "1.", "12.", "3)", "(4)", "2.1", "2.1.", "10"};
    static const char *const no[] = {"", ".", "a.", "123.", "1,", "Sy", "l.", "2.123", "1.a",
                                     "•", "(", "5 ."};
    for (size_t i = 0; i < MN_ARRAY_SIZE(yes); i++)
        CHECK(mn_ocr_is_margin_number(yes[i]));
    for (size_t i = 0; i < MN_ARRAY_SIZE(no); i++)
        CHECK(!mn_ocr_is_margin_number(no[i]));
}

static void test_prepare_deskew(void)
{
    PIX *p = draw_page(page_lines, MN_ARRAY_SIZE(page_lines), 1.5, 2400, 800);
    double angle = 0;
    int rot = -1;
    PIX *q = mn_ocr_prepare(p, MN_OCR_STEP_DESKEW, &angle, &rot);
    CHECK(q != NULL);
    CHECK(fabs(fabs(angle) - 1.5) < 0.25);
    CHECK_INT(rot, 0);
    if (q) {
        CHECK_INT(pixGetDepth(q), 8);
        CHECK_INT(pixGetXRes(q), 300);
    }
    pixDestroy(&q);
    /* no step: the same pixels, still a valid handle to destroy */
    q = mn_ocr_prepare(p, 0, &angle, &rot);
    CHECK(q != NULL);
    CHECK(angle == 0);
    pixDestroy(&q);
    pixDestroy(&p);
}

/* Despeckle removes isolated dots and keeps text and larger marks. */
static void test_prepare_despeckle(void)
{
    PIX *p = draw_page(page_lines, 2, 0, 1200, 400);
    for (int i = 0; i < 40; i++)
        pixSetPixel(p, 50 + 23 * i, 350, 0); /* one-pixel specks */
    pixSetPixel(p, 30, 30, 0);
    pixSetPixel(p, 31, 30, 0);
    l_int32 before = 0, after = 0;
    PIX *b1 = pixConvertTo1(p, 160);
    pixCountPixels(b1, &before, NULL);
    PIX *q = mn_ocr_prepare(p, MN_OCR_STEP_DESPECKLE, NULL, NULL);
    CHECK(q != NULL);
    if (q) {
        l_uint32 v = 0;
        pixGetPixel(q, 50, 350, &v);
        CHECK_INT(v, 255);
        pixGetPixel(q, 30, 30, &v);
        CHECK_INT(v, 255);
        PIX *b2 = pixConvertTo1(q, 160);
        pixCountPixels(b2, &after, NULL);
        CHECK_INT(after, before - 42); /* only the specks went */
        pixDestroy(&b2);
    }
    pixDestroy(&b1);
    pixDestroy(&q);
    pixDestroy(&p);
}

/* Lone pixels (no dark neighbour among the eight) go on bilevel pages under 280 dpi, before
 * anything else; two touching pixels, the text, a 300 dpi page and a page with grey (a photo,
 * a greyscale scan, here cairo's smoothed letters) stay as they were. */
static void test_prepare_lone_pixels(void)
{
    PIX *grey = draw_page(page_lines, 2, 0, 1200, 400);
    PIX *b0 = pixConvertTo1(grey, 128);
    PIX *p = pixConvertTo8(b0, 0); /* bilevel, as a CCITT scan renders */
    pixDestroy(&b0);
    pixSetResolution(p, 200, 200);
    pixSetResolution(grey, 200, 200);
    pixSetPixel(grey, 50, 350, 0);
    PIX *g2 = mn_ocr_prepare(grey, MN_OCR_STEP_PIXELS, NULL, NULL);
    CHECK(g2 != NULL);
    if (g2) {
        l_uint32 v = 255;
        pixGetPixel(g2, 50, 350, &v);
        CHECK_INT(v, 0);
    }
    pixDestroy(&g2);
    pixDestroy(&grey);
    for (int i = 0; i < 40; i++)
        pixSetPixel(p, 50 + 23 * i, 350, 0); /* salt and pepper */
    pixSetPixel(p, 30, 30, 0);               /* two pixels that touch: a mark */
    pixSetPixel(p, 31, 31, 0);
    l_int32 before = 0, after = 0;
    PIX *b1 = pixConvertTo1(p, 128);
    pixCountPixels(b1, &before, NULL);
    PIX *q = mn_ocr_prepare(p, MN_OCR_STEP_PIXELS, NULL, NULL);
    CHECK(q != NULL);
    if (q) {
        l_uint32 v = 0;
        pixGetPixel(q, 50, 350, &v);
        CHECK_INT(v, 255);
        pixGetPixel(q, 30, 30, &v);
        CHECK_INT(v, 0);
        PIX *b2 = pixConvertTo1(q, 128);
        pixCountPixels(b2, &after, NULL);
        CHECK_INT(after, before - 40); /* only the lone pixels went */
        CHECK_INT(pixGetXRes(q), 200);
        pixDestroy(&b2);
    }
    pixDestroy(&q);
    pixSetResolution(p, 300, 300); /* a 300 dpi page: left alone */
    q = mn_ocr_prepare(p, MN_OCR_STEP_PIXELS, NULL, NULL);
    CHECK(q != NULL);
    if (q) {
        PIX *b2 = pixConvertTo1(q, 128);
        pixCountPixels(b2, &after, NULL);
        CHECK_INT(after, before);
        pixDestroy(&b2);
    }
    pixDestroy(&b1);
    pixDestroy(&q);
    pixDestroy(&p);
}

static void test_prepare_upscale_border(void)
{
    PIX *p = draw_page(page_lines, 2, 0, 1200, 400);
    pixSetResolution(p, 200, 200);
    pixRasterop(p, 0, 0, 12, 400, PIX_SET, NULL, 0, 0); /* a copier's dark band */
    PIX *q = mn_ocr_prepare(p, MN_OCR_STEP_UPSCALE | MN_OCR_STEP_BORDER, NULL, NULL);
    CHECK(q != NULL);
    if (q) {
        CHECK_INT(pixGetWidth(q), 1800);
        CHECK_INT(pixGetXRes(q), 300);
        l_uint32 v = 0;
        pixGetPixel(q, 5, 200, &v);
        CHECK_INT(v, 255); /* the band went */
        l_int32 ink = 0;
        PIX *b = pixConvertTo1(q, 160);
        pixCountPixels(b, &ink, NULL);
        CHECK(ink > 1000); /* the text stayed */
        pixDestroy(&b);
    }
    pixDestroy(&q);
    pixDestroy(&p);
}

/* ---- tesseract ---- */

static struct mn_ocr *engine;
static bool have_engine;

static bool skip(void)
{
    if (!have_engine)
        printf("ok - %s # SKIP no tesseract 'dan' data\n", t_current);
    return !have_engine;
}

static void test_ocr_page(void)
{
    if (skip())
        return;
    PIX *p = draw_page(page_lines, MN_ARRAY_SIZE(page_lines), 0.8, 2480, 800);
    struct mn_ocr_result r;
    mn_ocr_page(engine, p, MN_OCR_STEPS_DEFAULT, 3, &r);
    CHECK(!r.failed);
    CHECK(has_line(&r.lines, "Referat af mødet i Økonomiudvalget"));
    CHECK(has_line(&r.lines, "Afbud\tHanne Madsen")); /* table columns: one line, a tab */
    CHECK(has_substr(&r.lines, "Indstillingen blev godkendt af et enigt udvalg"));
    CHECK(r.mean_conf >= 80);
    CHECK(r.nwords >= 30);
    CHECK(fabs(r.angle) > 0.5);
    for (size_t i = 0; i < r.lines.n; i++) {
        const struct mn_line *l = &r.lines.v[i];
        CHECK_INT(l->page, 3);
        /* left and right edges, in points like y: inside the page (2480 px = 595 pt) */
        if (l->text[0]) {
            CHECK(l->x >= 0 && l->x2 > l->x && l->x2 <= 2480 * 72.0 / 300 + 1);
        }
    }
    if (t_current_failed)
        dump(&r.lines);
    mn_ocr_result_release(&r);
    pixDestroy(&p);
}

/* List entries behind round bullet dots come out as "• " entries, whether tesseract skips the
 * dot or reads it as a letter or two of its own, and when a speck lies beside the dot (a dirty
 * scan: 'specks' true). */
static void check_bullets(bool specks)
{
    static const char *const entries[] = {
        "Udarbejdes forslag til kriterier for tilbud",
        "Beskrives tilbud og brugergrupper tydeligt",
        "Fokuseres på fortsat faglig udvikling",
    };
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2480, 700);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 11.0 * 300 / 72);
    for (size_t i = 0; i < MN_ARRAY_SIZE(entries); i++) {
        double y = 200 + 90.0 * (double)i;
        cairo_arc(cr, 170, y - 16, 9, 0, 2 * M_PI); /* a dot at x-height, as Symbol's bullet */
        cairo_fill(cr);
        if (specks) { /* a speck of 2 by 2 pixels beside the dot, in the line's band */
            cairo_rectangle(cr, 150 + 32 * (double)i, y - 34 + 12 * (double)i, 2, 2);
            cairo_fill(cr);
        }
        cairo_move_to(cr, 250, y);
        cairo_show_text(cr, entries[i]);
    }
    cairo_destroy(cr);
    PIX *p = mn_render_surface_to_pix(s, 300);
    cairo_surface_destroy(s);
    struct mn_ocr_result r;
    mn_ocr_page(engine, p, MN_OCR_STEPS_DEFAULT, 1, &r);
    CHECK(!r.failed);
    int bulleted = 0;
    for (size_t i = 0; i < r.lines.n; i++) /* the gap after the dot may read as a tab */
        bulleted += strncmp(r.lines.v[i].text, "•", strlen("•")) == 0 &&
                    strchr(" \t", r.lines.v[i].text[strlen("•")]);
    CHECK_INT(bulleted, 3);
    CHECK(has_substr(&r.lines, "Beskrives tilbud og brugergrupper"));
    if (t_current_failed)
        dump(&r.lines);
    mn_ocr_result_release(&r);
    pixDestroy(&p);
}

static void test_ocr_bullets(void)
{
    if (skip())
        return;
    check_bullets(false);
    check_bullets(true);
}

/* A page scanned sideways is turned upright. */
static void test_ocr_sideways(void)
{
    if (skip())
        return;
    PIX *p = draw_page(page_lines, MN_ARRAY_SIZE(page_lines), 0, 2480, 800);
    PIX *side = pixRotateOrth(p, 1);
    struct mn_ocr_result r;
    mn_ocr_page(engine, side, MN_OCR_STEPS_DEFAULT, 1, &r);
    CHECK(!r.failed);
    CHECK_INT(r.rotation, 3);
    CHECK(has_line(&r.lines, "Referat af mødet i Økonomiudvalget"));
    if (t_current_failed)
        dump(&r.lines);
    mn_ocr_result_release(&r);
    pixDestroy(&side);
    pixDestroy(&p);
}

/* An empty page gives no lines and no failure. */
static void test_ocr_blank(void)
{
    if (skip())
        return;
    PIX *p = draw_page(NULL, 0, 0, 600, 400);
    struct mn_ocr_result r;
    mn_ocr_page(engine, p, MN_OCR_STEPS_DEFAULT, 1, &r);
    CHECK(!r.failed);
    CHECK_INT(r.lines.n, 0);
    mn_ocr_result_release(&r);
    pixDestroy(&p);
}

/* The pool: pages rendered in order by the caller, recognised by two workers, results in page
 * order; a page whose rendering fails is reported, the others are not disturbed. */
static int render_cb(void *arg, int index, PIX **out, char *msg, size_t msgsize)
{
    (void)arg;
    if (index == 2) {
        snprintf(msg, msgsize, "cannot be rendered: test");
        return -1;
    }
    static char text[5][40];
    snprintf(text[index], sizeof text[index], "Dette er side nummer %d", index + 10);
    struct line_spec l = {150, 200, text[index]};
    *out = draw_page(&l, 1, 0, 1600, 300);
    return 0;
}

static void test_pool(void)
{
    if (skip())
        return;
    struct mn_ocr_pool *pool = NULL;
    struct mn_error err = {0};
    CHECK_INT(mn_ocr_pool_new(NULL, MN_OCR_LANG, 2, &pool, &err), 0);
    if (!pool)
        return;
    int pages[5] = {4, 5, 6, 7, 8};
    struct mn_ocr_result res[5];
    mn_ocr_pool_run(pool, 5, pages, render_cb, NULL, MN_OCR_STEPS_DEFAULT, res);
    for (int i = 0; i < 5; i++) {
        char want[40];
        snprintf(want, sizeof want, "Dette er side nummer %d", i + 10);
        if (i == 2) {
            CHECK(res[i].failed);
            CHECK(strstr(res[i].message, "page 6: cannot be rendered") != NULL);
            continue;
        }
        CHECK(!res[i].failed);
        CHECK(has_line(&res[i].lines, want));
        CHECK(res[i].lines.n > 0 && res[i].lines.v[0].page == pages[i]);
        if (t_current_failed)
            dump(&res[i].lines);
    }
    for (int i = 0; i < 5; i++)
        mn_ocr_result_release(&res[i]);
    mn_ocr_pool_free(pool);
}

/* A missing language is MN_E_OCR_INIT with the language named. */
static void test_init_failure(void)
{
    struct mn_ocr *o = NULL;
    struct mn_error err = {0};
    CHECK_INT(mn_ocr_new("/nonexistent/tessdata", "dan", &o, &err), -1);
    CHECK(o == NULL);
    CHECK_INT(err.code, MN_E_OCR_INIT);
    CHECK(strstr(err.msg, "'dan'") != NULL);
    struct mn_ocr_pool *pool = NULL;
    CHECK_INT(mn_ocr_pool_new("/nonexistent/tessdata", "dan", 2, &pool, &err), -1);
    CHECK(pool == NULL);
}

int main(void)
{
    struct mn_error err = {0};
    setMsgSeverity(L_SEVERITY_ERROR);
    have_engine = mn_ocr_new(NULL, MN_OCR_LANG, &engine, &err) == 0;
    RUN(test_garbage);
    RUN(test_margin_number);
    RUN(test_prepare_deskew);
    RUN(test_prepare_despeckle);
    RUN(test_prepare_lone_pixels);
    RUN(test_prepare_upscale_border);
    RUN(test_ocr_page);
    RUN(test_ocr_bullets);
    RUN(test_ocr_sideways);
    RUN(test_ocr_blank);
    RUN(test_pool);
    RUN(test_init_failure);
    mn_ocr_free(engine);
    return DONE();
}
