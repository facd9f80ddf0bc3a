/* doc.h: the data model one document fills in, stage by stage.
 *
 * Between stages the text is a list of lines, each tagged with its 1-based page, so that page
 * numbers survive cleaning and dehyphenation. Every string in here is our own malloc'd,
 * valid, NFC-normalised UTF-8 (extract and the text reader guarantee it); mn_doc_free frees
 * everything. No library pointer lives in a mn_doc. */
#ifndef MN_DOC_H
#define MN_DOC_H

#include <stdbool.h>
#include <stddef.h>

struct mn_line {
    char *text; /* owned; no '\n'; may contain '\t' between table cells or tab stops */
    int page;   /* 1-based page the line came from */
    double y;   /* top of the line on its page (points, or pixels for OCR); < 0 = unknown */
    double size; /* height of the line's glyphs, same unit; <= 0 = unknown */
    double x, x2; /* left and right edge of the line's ink, same unit; x < 0 = unknown */
    bool bold;    /* most of the line's letters are set in a bold face (text layer only) */
    bool italic;  /* most of the line's letters are set in an italic face (text layer only) */
};

struct mn_lines {
    struct mn_line *v;
    size_t n;
    size_t alloc;
};

struct mn_warning {
    char *code;    /* stable snake_case code */
    char *message; /* human text */
    int page;      /* 1-based, 0 = none */
};

struct mn_person {
    char *name;
    char *affiliation; /* NULL = null */
    char *role;
    char *note;
};

struct mn_people {
    struct mn_person *v;
    size_t n;
    size_t alloc;
};

struct mn_strings {
    char **v;
    size_t n;
    size_t alloc;
};

struct mn_section {
    char *kind;    /* text, summary, background, presentation, orientation, recommendation,
                      attachments, decision, other */
    char *heading; /* NULL for kind "text" */
    char *text;    /* paragraphs separated by "\n\n" */
    struct mn_strings bullets;
};

struct mn_item {
    char *number;
    int order;
    char *title;
    bool is_public;
    char *group; /* NULL = null */
    int page;    /* 0 = null (plain-text input) */
    struct mn_section *sections;
    size_t nsections;
    size_t sections_alloc;
    bool has_recommendation;
    char *rec_intro; /* NULL = "" when has_recommendation */
    struct mn_strings rec_points;
    struct mn_strings attachments;
    char *decision; /* NULL = null */
};

struct mn_meeting {
    char *body, *date, *start_time, *end_time, *time_text, *location;
    struct mn_people participants;
    struct mn_people absent;
};

/* A doubtful OCR word's other readings (issue 14): for each of its symbols, the characters
 * tesseract's recogniser also considered (its choice iterator), so that a later stage may read
 * a structural token (an item number, a label) as one of them. */
struct mn_ocr_alt {
    int page;      /* 1-based */
    size_t line;   /* the line's index among its page's lines, as extract left them */
    char *word;    /* owned: the word as read */
    char *choices; /* owned: per symbol of 'word', the candidate characters best first (the
                    * one read first), UTF-8; the symbols separated by '\n' */
    int conf;      /* the word's confidence, 0-100 */
};

void mn_ocr_alt_release(struct mn_ocr_alt *a); /* frees the strings; accepts NULL */

struct mn_doc {
    char *path;                /* as given by the caller */
    unsigned char *input;      /* the file's bytes (owned) */
    size_t input_len;
    char sha256[65];           /* hex */
    bool is_text;              /* plain-text input: entered after extract */
    int npages;
    int *ocr_pages;            /* 1-based pages read by OCR */
    size_t nocr_pages;
    size_t ocr_pages_alloc;
    struct mn_lines lines;     /* the text, as the last stage left it */
    struct mn_ocr_alt *ocr_alts; /* doubtful OCR words' other readings (owned) */
    size_t nocr_alts;
    size_t ocr_alts_alloc;
    struct mn_strings toc_numbers; /* item numbers found in the table of contents ... */
    struct mn_strings toc_groups;  /* ... and the group each was listed under (parallel) */

    char *kind; /* agenda, minutes, unknown */
    char *case_number, *document_number;
    struct mn_meeting meeting;
    struct mn_item *items;
    size_t nitems;
    size_t items_alloc;

    struct mn_warning *warnings;
    size_t nwarnings;
    size_t warnings_alloc;
};

/* Returns a new, empty document for 'path' (copied). Never fails. Free with mn_doc_free. */
struct mn_doc *mn_doc_new(const char *path);
void mn_doc_free(struct mn_doc *doc); /* accepts NULL */

/* Appends a warning; printf-style message. Never fails. */
void mn_doc_warn(struct mn_doc *doc, const char *code, int page, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Line lists. mn_lines_push copies 'text' (len bytes). Never fail. */
void mn_lines_push(struct mn_lines *l, const char *text, size_t len, int page);
void mn_lines_push_take(struct mn_lines *l, char *text, int page); /* takes ownership */
/* Appends 'line' whole (place and size kept), taking ownership of its text. */
void mn_lines_push_line(struct mn_lines *l, struct mn_line line);
void mn_lines_release(struct mn_lines *l);
/* Splits 'text' on '\n' and appends each line (without '\r') for 'page'. */
void mn_lines_add_text(struct mn_lines *l, const char *text, size_t len, int page);
/* Joins the lines with '\n' into 'out' (appended). */
struct mn_buf;
void mn_lines_join(const struct mn_lines *l, struct mn_buf *out);

/* The length in characters of a full line of the text's column: the 90th percentile of the
 * lengths of the lines that are no table rows (no tab); 0 when there are fewer than 20 such
 * lines, or when the text was never wrapped (that percentile above 200 characters: one
 * paragraph a line). clean and segment read line ends against it. Never fails. */
size_t mn_lines_column_width(const struct mn_lines *l);

void mn_strings_push(struct mn_strings *s, const char *str); /* copies */
void mn_strings_push_take(struct mn_strings *s, char *str);  /* takes ownership */
void mn_strings_release(struct mn_strings *s);

void mn_people_release(struct mn_people *p);
void mn_person_release(struct mn_person *p);

void mn_doc_add_ocr_page(struct mn_doc *doc, int page);

/* Empties the items, the meeting fields, or the warnings with 'code'. Never fail. */
void mn_doc_clear_items(struct mn_doc *doc);
void mn_doc_clear_meeting(struct mn_doc *doc);
void mn_doc_drop_warnings(struct mn_doc *doc, const char *code);

#endif
