/*
 * The scrolling list shared by the list views: selection that skips
 * headings, scrolling by lines when the next selectable row is out of
 * sight (so long texts above a list stay readable), pages, clicks.
 */
#include "config.h"

#include "view.h"

static bool
selectable(const struct list *l, size_t i)
{
	return i < l->n && (l->skip == NULL || !l->skip[i]);
}

/* The next selectable row after (dir > 0) or before (dir < 0) from; n when none. */
static size_t
next_selectable(const struct list *l, size_t from, int dir)
{
	if (dir > 0) {
		for (size_t i = from == l->n ? 0 : from + 1; i < l->n; i++)
			if (selectable(l, i))
				return i;
	} else {
		for (size_t i = from > l->n ? l->n : from; i-- > 0;)
			if (selectable(l, i))
				return i;
	}
	return l->n;
}

void
list_init(struct list *l, size_t n, const bool *skip)
{
	l->n = n;
	l->skip = skip;
	l->top = 0;
	l->height = 0;
	l->sel = n;
	l->sel = next_selectable(l, n, 1);
}

static size_t
max_top(const struct list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;
	return l->n > h ? l->n - h : 0;
}

static bool
visible(const struct list *l, size_t i)
{
	return i >= l->top && i < l->top + (size_t)(l->height > 0 ? l->height : 1);
}

/* Keep the selection on screen after the view scrolled: nearest selectable row in view. */
static void
pull_selection(struct list *l)
{
	size_t i;

	if (l->sel < l->n && visible(l, l->sel))
		return;
	if (l->sel < l->n && l->sel < l->top) {
		for (i = l->top; visible(l, i) && i < l->n; i++)
			if (selectable(l, i)) {
				l->sel = i;
				return;
			}
	} else if (l->sel < l->n) {
		for (i = l->top + (size_t)l->height; i-- > l->top;)
			if (selectable(l, i)) {
				l->sel = i;
				return;
			}
	}
}

void
list_scroll(struct list *l, long delta)
{
	long t = (long)l->top + delta;
	long mt = (long)max_top(l);

	l->top = (size_t)(t < 0 ? 0 : t > mt ? mt : t);
	pull_selection(l);
}

unsigned
list_action(struct list *l, enum action a)
{
	size_t j, h = l->height > 0 ? (size_t)l->height : 1;
	size_t old_sel = l->sel, old_top = l->top;

	switch (a) {
	case ACTION_MOVE_DOWN:
		j = next_selectable(l, l->sel, 1);
		if (j < l->n && visible(l, j)) {
			l->sel = j;
		} else if (l->top < max_top(l)) {
			l->top++;
			if (j < l->n && visible(l, j))
				l->sel = j;
		}
		break;
	case ACTION_MOVE_UP:
		j = l->sel < l->n ? next_selectable(l, l->sel, -1) : l->n;
		if (j < l->n && visible(l, j))
			l->sel = j;
		else if (l->top > 0) {
			l->top--;
			if (j < l->n && visible(l, j))
				l->sel = j;
		}
		/* The first selectable row brings the headings above it into view. */
		if (l->sel < l->n && next_selectable(l, l->sel, -1) == l->n && l->sel < h)
			l->top = 0;
		break;
	case ACTION_PAGE_DOWN:
		if (l->top >= max_top(l)) {
			j = next_selectable(l, l->n, -1);
			if (j < l->n)
				l->sel = j;
		} else {
			l->top = l->top + h > max_top(l) ? max_top(l) : l->top + h;
			pull_selection(l);
		}
		break;
	case ACTION_PAGE_UP:
		if (l->top == 0) {
			j = next_selectable(l, l->n, 1);
			if (j < l->n && l->sel < l->n)
				l->sel = j;
		} else {
			l->top = l->top > h ? l->top - h : 0;
			pull_selection(l);
		}
		break;
	case ACTION_FIRST:
		l->top = 0;
		if (l->sel < l->n || l->skip == NULL)
			l->sel = next_selectable(l, l->n, 1);
		break;
	case ACTION_LAST:
		l->top = max_top(l);
		j = next_selectable(l, l->n, -1);
		if (j < l->n)
			l->sel = j;
		break;
	default:
		return 0;
	}
	if (l->sel == old_sel && l->top == old_top)
		return UI_HANDLED | UI_BEEP;
	return UI_HANDLED | UI_REDRAW;
}

void
list_fit(struct list *l, int height)
{
	l->height = height > 0 ? height : 1;
	if (l->top > max_top(l))
		l->top = max_top(l);
	if (l->sel >= l->n)
		return;
	if (l->sel < l->top) {
		l->top = l->sel;
		/* Show the heading just above the selected row too. */
		if (l->top > 0 && !selectable(l, l->top - 1))
			l->top--;
	} else if (l->sel >= l->top + (size_t)l->height) {
		l->top = l->sel - (size_t)l->height + 1;
	}
}

unsigned
list_click(struct list *l, int row)
{
	size_t i = l->top + (size_t)(row < 0 ? 0 : row);

	if (row < 0 || !selectable(l, i))
		return 0;
	l->sel = i;
	return UI_HANDLED | UI_REDRAW;
}

void
list_position(const struct list *l, struct buf *out)
{
	size_t k = 0, total = 0;

	for (size_t i = 0; i < l->n; i++)
		if (selectable(l, i)) {
			total++;
			if (i <= l->sel)
				k++;
		}
	if (total)
		buf_printf(out, "%zu/%zu", l->sel < l->n ? k : 0, total);
}
