/* test_render.c: cairo pixels to leptonica pixels, and page rendering (render.c). */
#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <glib.h>

#include "err.h"
#include "render.h"

static void set_px(cairo_surface_t *s, int x, int y, uint32_t v)
{
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    ((uint32_t *)(void *)(data + (size_t)y * stride))[x] = v;
}

static int px(PIX *p, int x, int y)
{
    l_uint32 v = 0;
    pixGetPixel(p, x, y, &v);
    return (int)v;
}

/* A 2x2 RGB24 surface of known colours: white, black / red, mid grey. */
static void test_rgb24_2x2(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2, 2);
    cairo_surface_flush(s);
    set_px(s, 0, 0, 0x00FFFFFF);
    set_px(s, 1, 0, 0x00000000);
    set_px(s, 0, 1, 0x00FF0000);
    set_px(s, 1, 1, 0x00808080);
    cairo_surface_mark_dirty(s);
    PIX *p = mn_render_surface_to_pix(s, 300);
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(pixGetDepth(p), 8);
        CHECK_INT(pixGetWidth(p), 2);
        CHECK_INT(pixGetHeight(p), 2);
        CHECK_INT(pixGetXRes(p), 300);
        CHECK_INT(px(p, 0, 0), 255);
        CHECK_INT(px(p, 1, 0), 0);
        CHECK_INT(px(p, 0, 1), 76); /* 0.299 * 255 */
        CHECK_INT(px(p, 1, 1), 128);
    }
    pixDestroy(&p);
    cairo_surface_destroy(s);
}

/* ARGB32 is premultiplied: transparent is white after compositing, half-transparent black
 * is mid grey. A wider surface checks that the stride is respected. */
static void test_argb32_over_white(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 3, 2);
    cairo_surface_flush(s);
    set_px(s, 0, 0, 0x00000000); /* transparent */
    set_px(s, 1, 0, 0xFF000000); /* opaque black */
    set_px(s, 2, 0, 0x80000000); /* half black */
    set_px(s, 0, 1, 0xFF0000FF); /* opaque blue */
    set_px(s, 1, 1, 0xFFFFFFFF);
    set_px(s, 2, 1, 0xFF00FF00); /* opaque green */
    cairo_surface_mark_dirty(s);
    PIX *p = mn_render_surface_to_pix(s, 72);
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(px(p, 0, 0), 255);
        CHECK_INT(px(p, 1, 0), 0);
        CHECK_INT(px(p, 2, 0), 127);
        CHECK_INT(px(p, 0, 1), 29);  /* 0.114 * 255 */
        CHECK_INT(px(p, 1, 1), 255);
        CHECK_INT(px(p, 2, 1), 150); /* 0.587 * 255 */
    }
    pixDestroy(&p);
    cairo_surface_destroy(s);
}

static void test_other_format_refused(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 2, 2);
    CHECK(mn_render_surface_to_pix(s, 72) == NULL);
    cairo_surface_destroy(s);
}

/* A PDF made with cairo: a page w x h points, with a black square in its top left quarter. */
static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static PopplerDocument *make_pdf(double w, double h, GByteArray *bytes)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, bytes, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 0, 0, w / 2, h / 2);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    GBytes *gb = g_bytes_new_static(bytes->data, bytes->len);
    PopplerDocument *pdf = poppler_document_new_from_bytes(gb, NULL, NULL);
    g_bytes_unref(gb);
    return pdf;
}

/* The background is white (a fresh cairo surface is black), the square black, the size
 * follows the resolution. */
static void test_render_page(void)
{
    GByteArray *bytes = g_byte_array_new();
    PopplerDocument *pdf = make_pdf(144, 72, bytes); /* 2 x 1 inches */
    CHECK(pdf != NULL);
    if (pdf) {
        PopplerPage *page = poppler_document_get_page(pdf, 0);
        struct mn_error err = {0};
        PIX *p = NULL;
        int dpi = 0;
        CHECK_INT(mn_render_page(page, 100, &p, &dpi, &err), 0);
        CHECK_INT(dpi, 100);
        if (p) {
            CHECK_INT(pixGetWidth(p), 200);
            CHECK_INT(pixGetHeight(p), 100);
            CHECK_INT(pixGetXRes(p), 100);
            CHECK_INT(px(p, 10, 10), 0);    /* the square */
            CHECK_INT(px(p, 150, 80), 255); /* white background, not black */
            CHECK_INT(px(p, 199, 99), 255);
        }
        pixDestroy(&p);
        g_clear_object(&page);
    }
    g_clear_object(&pdf);
    g_byte_array_unref(bytes);
}

/* A huge page is rendered at a lower resolution rather than allocating gigabytes. */
static void test_render_clamped(void)
{
    GByteArray *bytes = g_byte_array_new();
    PopplerDocument *pdf = make_pdf(14400, 7200, bytes); /* 200 x 100 inches */
    CHECK(pdf != NULL);
    if (pdf) {
        PopplerPage *page = poppler_document_get_page(pdf, 0);
        struct mn_error err = {0};
        PIX *p = NULL;
        int dpi = 0;
        CHECK_INT(mn_render_page(page, 300, &p, &dpi, &err), 0);
        if (p) {
            CHECK(pixGetWidth(p) <= MN_RENDER_MAX_SIDE);
            CHECK(pixGetHeight(p) <= MN_RENDER_MAX_SIDE / 2 + 1);
            CHECK(dpi == 50);
            CHECK_INT(px(p, 10, 10), 0);
            CHECK_INT(px(p, pixGetWidth(p) - 1, pixGetHeight(p) - 1), 255);
        }
        pixDestroy(&p);
        g_clear_object(&page);
    }
    g_clear_object(&pdf);
    g_byte_array_unref(bytes);
}

int main(void)
{
    setMsgSeverity(L_SEVERITY_ERROR);
    RUN(test_rgb24_2x2);
    RUN(test_argb32_over_white);
    RUN(test_other_format_refused);
    RUN(test_render_page);
    RUN(test_render_clamped);
    return DONE();
}
