/*
 * Between the layout and the user's data on the page (annot.c): no
 * curses, nothing outside tui/print.
 */
#ifndef KALLELSE_PRINT_INTERNAL_H
#define KALLELSE_PRINT_INTERNAL_H

#include "print.h"

/* Whether it has a live mark (by person, or by anyone when person is NULL). */
bool print_item_marked_by(const struct print_agenda *a, const struct agenda_item *it,
    const char *person);
/* Whether it (or one of its documents) has a note. */
bool print_item_noted(const struct print_agenda *a, const struct agenda_item *it);
/*
 * The lines the item's marks (when marks) and notes (when notes) print
 * as, each a paragraph to wrap; *out is freed with print_lines_free.
 */
size_t print_item_lines(const struct print_agenda *a, const struct agenda_item *it, bool marks,
    bool notes, char ***out);
void print_lines_free(char **v, size_t n);

#endif
