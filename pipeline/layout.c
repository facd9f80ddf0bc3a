/* layout.c: what a line's typography and place say (see layout.h). */
#include "layout.h"

#include "buf.h"
#include "doc.h"

/* One number column of 'width' characters: "%*.1f", or "-" right-aligned when unknown. */
static void add_number(struct mn_buf *out, double v, bool known, int width)
{
    if (known)
        mn_buf_addf(out, " %*.1f", width, v);
    else
        mn_buf_addf(out, " %*s", width, "-");
}

void mn_layout_format_line(const struct mn_line *line, struct mn_buf *out)
{
    bool has_x = line->x >= 0;
    mn_buf_addf(out, "%6d", line->page);
    add_number(out, line->x, has_x, 6);
    add_number(out, line->x2, has_x, 6);
    add_number(out, line->y, line->y >= 0, 6);
    add_number(out, line->size, line->size > 0, 6);
    mn_buf_addf(out, " %c%c %s\n", line->bold ? 'B' : '-', line->italic ? 'I' : '-',
                line->text);
}
