/* extract.h: the PDF text layer, via poppler-glib, as lines in reading order.
 *
 * Lines are rebuilt from glyph positions rather than taken from poppler_page_get_text, so that
 * a label and its value laid out in two table columns or at a tab stop come out on one line as
 * "Afbud\tHanne Madsen" instead of "AfbudHanne Madsen" or two lines. A blank line marks a
 * vertical gap clearly larger than the line spacing (a paragraph break). Line-end hyphens are
 * kept as they are (dehyphen.c decides). */
#ifndef MN_EXTRACT_H
#define MN_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_ctx;
struct mn_doc;
struct mn_error;

enum {
    MN_EXTRACT_MAX_PAGE_CHARS = 2000000, /* pages with more characters are skipped (warning) */
};

/* The style a font's name says, as bits. */
enum {
    MN_FONT_BOLD = 1,   /* Bold, Semibold, Demi, Black, Heavy, "BoldMT", LaTeX's CMBX, ... */
    MN_FONT_ITALIC = 2, /* Italic, Oblique, "-It", LaTeX's CMTI and CMSL, ... */
};

/* Which style the font called 'name' (borrowed; NULL = unknown) is set in, read from its name
 * as PDF producers write it: "Verdana,Bold", "Arial-BoldItalicMT", "MyriadPro-SemiboldIt",
 * "NimbusRomNo9L-MediItal", "CMBX10", "Calibri Kursiv"; a subset tag ("EFVXWZ+") is skipped.
 * Returns MN_FONT_* bits, 0 for a regular (or unknown) face. Pure; never fails. */
unsigned mn_extract_font_style(const char *name);

/* One glyph of a page's text layer: a character and its box in page space (points, origin top
 * left, y growing downwards), as poppler_page_get_text_layout reports it. */
struct mn_glyph {
    double x1, y1, x2, y2; /* x1 <= x2, y1 <= y2 */
    unsigned int ch;       /* Unicode code point; white space is not a glyph */
    unsigned style;        /* MN_FONT_* bits of the glyph's font (0 = regular or unknown) */
    bool space_before;     /* the text layer had white space right before this glyph */
    bool line_start;       /* the text layer started a new line (its '\n') before this glyph */
    size_t seq;            /* private: set by mn_extract_glyphs */
};

/* The pure half of extraction: arranges 'n' glyphs of one page (borrowed; reordered in place)
 * into lines and appends them to 'lines' (struct mn_lines from doc.h) with page number 'page':
 * glyphs are grouped into lines by vertical overlap, sorted by x, joined with ' ' at word gaps
 * and '\t' at gaps wider than about 1.2 times the font height, and an empty line is inserted
 * at a paragraph gap. Runs of the text layer (between line_start flags) that run vertically
 * (rotated text, e.g. a title along the margin) are taken out first and emitted whole, in
 * text-layer order, at the top of the page followed by an empty line. Each line is passed
 * through mn_utf8_clean. O(n log n). Never fails. The glyphs must be in text-layer order.
 * Each text line gets its layout (struct mn_line): y and size from the line's mean box, x from
 * its first glyph's left edge, x2 from the rightmost right edge, and bold (italic) when more
 * than half of its letters (of its glyphs, when it has no letter) have that style bit. A
 * vertical run gets x, x2, bold and italic the same way, but y and size stay unknown (it has
 * no line height). Empty lines have no layout. */
struct mn_lines;
void mn_extract_glyphs(struct mn_glyph *g, size_t n, int page, struct mn_lines *lines);

/* Why a page's text (UTF-8, 'len' bytes, borrowed) is garbage rather than text: a static
 * string naming the reason ("(cid:" runs, private-use or invalid characters beyond symbol-font
 * bullets, mostly neither letters nor digits), or NULL when it looks like text or is too short
 * (under 20 non-space characters) to judge. Never fails. */
const char *mn_extract_garbage_reason(const char *text, size_t len);

/* Stage entry: opens doc->input (bytes read by input.c; borrowed) with ctx->opt.password and
 * appends the text of every page to doc->lines; sets doc->npages to the document's page count.
 * With ctx->opt.max_pages > 0 only that many pages are read (warning "pages_skipped").
 * OCR (ctx->opt.ocr): in auto mode a page is read by OCR when it has no text layer but ink,
 * when its text layer is garbage (mn_extract_garbage_reason), or when it holds much more ink
 * outside its text than inside (a scan with a few stray characters; checked only on pages
 * that are at least a fifth image, at 50 dpi). "always" reads every page by OCR, "never"
 * none. OCR pages are rendered at ctx->opt.dpi here and recognised by the context's OCR pool
 * (ocr.h), which is created on the first page that needs it; their lines replace the text
 * layer's and their numbers go to doc->ocr_pages.
 * Warnings: "empty_page" for a page without text (blank, or OCR found none),
 * "page_too_large" for a page over MN_EXTRACT_MAX_PAGE_CHARS (skipped), "ocr_low_confidence"
 * (mean word confidence under MN_OCR_PAGE_FLOOR), "ocr_deskewed" (the angle corrected),
 * "ocr_failed" (the page's text layer is kept), "garbled_text" (with --ocr never).
 * Returns 0, or -1 with err set: MN_E_PDF_ENCRYPTED (no or wrong password), MN_E_PDF_DAMAGED,
 * MN_E_OCR_INIT (a page needs OCR and tesseract cannot be set up).
 * Not thread-safe across threads sharing a document; each call opens its own. */
int mn_extract_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

#endif
