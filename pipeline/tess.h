/* tess.h: the tesseract library, opened when a page first needs OCR.
 *
 * libtesseract pulls in some 35 shared libraries of its own (ICU, libarchive, libcurl and
 * its TLS stack) whose loading and relocation cost about 16 ms of every process start, more
 * than extracting a short born-digital document. Linked normally, every `minutes convert`
 * and every batch would pay that; opened with dlopen, only a run that meets a scanned page
 * does. The functions ocr.c calls are reached through a table with tesseract's own names
 * and types (checked by the compiler against <tesseract/capi.h>).
 *
 * The library stays loaded for the rest of the process once opened, as a linked one would
 * (C++ libraries with static state are not safe to unload); opening it again is cheap. */
#ifndef MN_TESS_H
#define MN_TESS_H

#include <tesseract/capi.h>

#include "util.h"

struct mn_error;

/* X-macro: every tesseract function the program calls. */
#define MN_TESS_FUNCTIONS(X)                                                                  \
    X(TessBaseAPICreate)                                                                      \
    X(TessBaseAPIInit3)                                                                       \
    X(TessBaseAPISetVariable)                                                                 \
    X(TessBaseAPIEnd)                                                                         \
    X(TessBaseAPIDelete)                                                                      \
    X(TessBaseAPIClear)                                                                       \
    X(TessBaseAPISetPageSegMode)                                                              \
    X(TessBaseAPISetImage2)                                                                   \
    X(TessBaseAPISetSourceResolution)                                                         \
    X(TessBaseAPIRecognize)                                                                   \
    X(TessBaseAPISetRectangle)                                                                \
    X(TessBaseAPIGetUTF8Text)                                                                 \
    X(TessBaseAPIMeanTextConf)                                                                \
    X(TessBaseAPIGetThresholdedImage)                                                         \
    X(TessBaseAPIGetIterator)                                                                 \
    X(TessResultIteratorGetPageIterator)                                                      \
    X(TessResultIteratorGetUTF8Text)                                                          \
    X(TessResultIteratorConfidence)                                                           \
    X(TessResultIteratorNext)                                                                 \
    X(TessResultIteratorDelete)                                                               \
    X(TessResultIteratorGetChoiceIterator)                                                    \
    X(TessChoiceIteratorNext)                                                                 \
    X(TessChoiceIteratorGetUTF8Text)                                                          \
    X(TessChoiceIteratorConfidence)                                                           \
    X(TessChoiceIteratorDelete)                                                               \
    X(TessPageIteratorIsAtBeginningOf)                                                        \
    X(TessPageIteratorBoundingBox)                                                            \
    X(TessPageIteratorBaseline)                                                               \
    X(TessDeleteText)

/* The table: t->TessBaseAPICreate() calls tesseract's TessBaseAPICreate. A plain value;
 * copying it is fine. */
struct mn_tess {
#define MN_TESS_MEMBER(name) __typeof__(name) *name;
    MN_TESS_FUNCTIONS(MN_TESS_MEMBER)
#undef MN_TESS_MEMBER
};

/* Opens libtesseract (its soname, MN_TESSERACT_SONAME, found at build time) and fills *out.
 * Thread-safe. Returns 0, or -1 with err set (MN_E_OCR_INIT: the library or one of its
 * functions cannot be found, with the loader's message) and *out zeroed. */
int mn_tess_open(struct mn_tess *out, struct mn_error *err) MN_WUR;

#endif
