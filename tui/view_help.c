/*
 * Hjälp: every key of the view below it, generated from the action table
 * and the keymap in force (so rebinding a key changes the help too), and
 * what the marker characters mean.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "view.h"

/* The key column is as wide as its widest entry, up to this, so the help texts keep their room. */
#define HELP_KEYS_MAX_COLS 30

struct hline {
	char *keys;		/* owned; NULL for a text line */
	const char *text;	/* translated, static */
	char *owned;		/* owned text, when built */
	enum draw_style style;
};

struct help_view {
	struct view v;
	struct hline *lines;
	size_t n;
	bool *skip;
	struct list list;
	int keys_w;
};

static void
add(struct help_view *hv, char *keys, const char *text, char *owned, enum draw_style st)
{
	hv->lines = xreallocarray(hv->lines, hv->n + 1, sizeof *hv->lines);
	hv->lines[hv->n++] = (struct hline){ keys, owned ? owned : text, owned, st };
}

static void
help_draw(struct view *v, WINDOW *w, int rows, int cols)
{
	struct help_view *hv = (struct help_view *)v;

	list_fit(&hv->list, rows);
	for (int y = 0; y < rows && hv->list.top + (size_t)y < hv->n; y++) {
		const struct hline *l = &hv->lines[hv->list.top + (size_t)y];
		struct draw d = draw_at(w, y, 1, cols);

		if (l->keys) {
			int right = d.right;

			/* Keys that do not fit the column are cut, never run into the text. */
			draw_str(&d, "  ", A_NORMAL);
			d.right = 3 + hv->keys_w < right ? 3 + hv->keys_w : right;
			draw_str(&d, l->keys, A_BOLD);
			d.right = right;
			draw_to(&d, hv->keys_w + 5, A_NORMAL);
		}
		draw_str(&d, l->text, draw_attr(l->style));
	}
	v->cursor_y = 0;
}

static unsigned
help_action(struct view *v, enum action a)
{
	struct help_view *hv = (struct help_view *)v;

	if (a == ACTION_OPEN)
		return UI_BEEP;
	return list_action(&hv->list, a);
}

static void
help_status(struct view *v, struct buf *left, struct buf *right)
{
	char *path = keys_user_path();

	(void)v;
	(void)right;
	buf_printf(left, _("Keys can be changed in %s"), path);
	free(path);
}

static void
help_free(struct view *v)
{
	struct help_view *hv = (struct help_view *)v;

	for (size_t i = 0; i < hv->n; i++) {
		free(hv->lines[i].keys);
		free(hv->lines[i].owned);
	}
	free(hv->lines);
	free(hv->skip);
	view_free_common(v);
	free(hv);
}

static const struct view_ops help_ops = {
	.name = "help",
	.keymap = KEYMAP_HELP,
	.draw = help_draw,
	.action = help_action,
	.status = help_status,
	.free = help_free,
};

struct view *
help_view_new(struct ui *ui, const struct view *for_view)
{
	struct help_view *hv = xcalloc(1, sizeof *hv);
	enum keymap m = for_view->ops->keymap;

	hv->v.ops = &help_ops;
	hv->v.ui = ui;
	view_set_title(&hv->v, _("Help: %s"), for_view->title ? for_view->title : "");
	add(hv, NULL, _("Keys in this view"), NULL, STYLE_SECTION);
	for (int a = 1; a < ACTION__COUNT; a++) {
		int keys[8];
		size_t n = keys_for(m, (enum action)a, keys, 8);
		struct buf b = { 0 };

		if (n == 0)
			continue;
		for (size_t k = 0; k < n; k++) {
			char name[32];
			buf_printf(&b, "%s%s", k ? " " : "", keys_name(keys[k], name, sizeof name));
		}
		if (draw_width(b.data) > hv->keys_w)
			hv->keys_w = draw_width(b.data);
		add(hv, buf_detach(&b, NULL), _(action_help((enum action)a)), NULL, STYLE_NORMAL);
	}
	add(hv, NULL, "", NULL, STYLE_NORMAL);
	add(hv, NULL, _("Markers"), NULL, STYLE_SECTION);
	add(hv, xstrdup("*"), _("marked for discussion"), NULL, STYLE_NORMAL);
	add(hv, xstrdup("N"), _("not read yet (unopened documents)"), NULL, STYLE_NORMAL);
	add(hv, xstrdup(_("C")), _("changed since it was read (ändrad)"), NULL, STYLE_NORMAL);
	add(hv, xstrdup("+"), _("has notes"), NULL, STYLE_NORMAL);
	add(hv, xstrdup("!"), _("confidential"), NULL, STYLE_NORMAL);
	if (hv->keys_w > HELP_KEYS_MAX_COLS)
		hv->keys_w = HELP_KEYS_MAX_COLS;
	hv->skip = xcalloc(hv->n, sizeof *hv->skip);
	for (size_t i = 0; i < hv->n; i++)
		hv->skip[i] = true;
	list_init(&hv->list, hv->n, hv->skip);
	return &hv->v;
}
