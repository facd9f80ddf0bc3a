/* render.c: poppler + cairo page → 8 bpp grey Pix (see render.h). */
#include "render.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "err.h"

/* One pixel's grey (ARGB32 composited over white). A grey pixel, as a scan's is, needs no
 * arithmetic: the weights add up to 1000. */
static inline unsigned pixel_gray(uint32_t p, bool argb)
{
    unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
    if (argb) {
        unsigned white = 255 - (p >> 24); /* premultiplied: add white * (1 - alpha) */
        r += white;
        g += white;
        b += white;
    }
    if (r == g && g == b)
        return r > 255 ? 255 : r;
    unsigned gray = (299 * r + 587 * g + 114 * b + 500) / 1000;
    return gray > 255 ? 255 : gray;
}

PIX *mn_render_surface_to_pix(cairo_surface_t *surface, int dpi)
{
    cairo_format_t fmt = cairo_image_surface_get_format(surface);
    if (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32)
        return NULL;
    cairo_surface_flush(surface);
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    if (w <= 0 || h <= 0 || !data)
        return NULL;
    PIX *pix = pixCreateNoInit(w, h, 8); /* every word is written below, padding included */
    if (!pix)
        return NULL;
    bool argb = fmt == CAIRO_FORMAT_ARGB32;
    l_uint32 *pdata = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        l_uint32 *line = pdata + (size_t)y * wpl;
        /* four pixels to a word, the first in the most significant byte (leptonica's
         * order, whatever the machine's) */
        for (int j = 0; j < wpl; j++) {
            l_uint32 word = 0;
            for (int k = 0; k < 4; k++) {
                int x = 4 * j + k;
                unsigned gray = x < w ? pixel_gray(src[x], argb) : 0;
                word |= (l_uint32)gray << (24 - 8 * k);
            }
            line[j] = word;
        }
    }
    pixSetResolution(pix, dpi, dpi);
    return pix;
}

int mn_render_page(PopplerPage *page, int dpi, PIX **out, int *dpi_used, struct mn_error *err)
{
    double pw = 0, ph = 0;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    int ret = -1;

    *out = NULL;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw > 0) || !(ph > 0) || !isfinite(pw) || !isfinite(ph))
        pw = 595, ph = 842; /* a broken MediaBox: assume A4 */
    double scale = dpi / 72.0;
    double side = fmax(pw, ph) * scale;
    if (side > MN_RENDER_MAX_SIDE)
        scale *= MN_RENDER_MAX_SIDE / side;
    int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    int used = (int)lround(scale * 72.0);
    if (used < 1)
        used = 1;

    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        mn_fail(err, MN_E_INTERNAL, "cannot create a %dx%d image: %s", w, h,
                cairo_status_to_string(cairo_surface_status(surface)));
        goto out;
    }
    cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1); /* before rendering: the surface starts black */
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        mn_fail(err, MN_E_INTERNAL, "cannot render page: %s",
                cairo_status_to_string(cairo_status(cr)));
        goto out;
    }
    cairo_destroy(cr);
    cr = NULL;
    *out = mn_render_surface_to_pix(surface, used);
    if (!*out) {
        mn_fail(err, MN_E_INTERNAL, "cannot convert a %dx%d image", w, h);
        goto out;
    }
    if (dpi_used)
        *dpi_used = used;
    ret = 0;
out:
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    return ret;
}
