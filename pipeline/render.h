/* render.h: a PDF page as an 8 bpp grey leptonica image, via poppler + cairo.
 *
 * The one place where cairo's pixels become leptonica's (style §3.5): the page is painted on
 * white first (a fresh cairo surface is transparent black), and every pixel is converted
 * explicitly, row by row, respecting cairo's stride and leptonica's words per line. */
#ifndef MN_RENDER_H
#define MN_RENDER_H

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>

#include "util.h"

struct mn_error;

enum {
    MN_RENDER_MAX_SIDE = 10000, /* pixels: larger pages are rendered at a lower resolution */
};

/* Converts a cairo image surface (CAIRO_FORMAT_RGB24 or ARGB32, borrowed; flushed here) into a
 * new 8 bpp Pix of the same size, grey = (299 R + 587 G + 114 B) / 1000, with resolution
 * 'dpi'. ARGB32 pixels are composited over white. Returns NULL for another format or an empty
 * surface. Free the result with pixDestroy(). */
PIX *mn_render_surface_to_pix(cairo_surface_t *surface, int dpi);

/* Renders 'page' (borrowed) at 'dpi' on a white background into a new 8 bpp Pix (free with
 * pixDestroy). Each side is clamped to MN_RENDER_MAX_SIDE pixels by lowering the resolution;
 * *dpi_used (may be NULL) receives the resolution actually used, which is also set on the Pix.
 * Returns 0, or -1 with err set (MN_E_INTERNAL: cairo could not create the surface). */
int mn_render_page(PopplerPage *page, int dpi, PIX **out, int *dpi_used,
                   struct mn_error *err) MN_WUR;

#endif
