/*
 * What several views do with the user's own data: marking an item for
 * discussion and its comment, writing a note (on the status line, or in
 * $EDITOR for a long one), and asking once who the user is. Each returns
 * ui flags; the store says who may mark, these only show its answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "identity.h"
#include "view.h"

/* The item's number for messages. */
static const char *
num(const char *number)
{
	return number ? number : "";
}

/*
 * Without a name, marking cannot say who marked. The first time, ask (on
 * the first m or M, not at start: a reader who only reads is never
 * stopped), and keep the answer in the config; Esc or an empty answer
 * skips and is remembered too. Afterwards, tell how to set one.
 */
static bool
have_person(struct ui *ui)
{
	char *name, *err = NULL;

	if (ui_person(ui))
		return true;
	if (!ui_identity_asked(ui)) {
		name = ui_prompt(ui, _("Your name, as in the membership (Esc: skip): "), NULL);
		if (identity_save(name ? name : "", &err) != STATUS_OK) {
			ui_message(ui, "%s", err ? err : _("cannot write the config file"));
			free(err);
		}
		ui_set_person(ui, name);
		free(name);
		if (ui_person(ui))
			return true;
	}
	ui_message(ui, _("Who are you? Start with --as NAME, or write name = NAME in %s"),
	    "~/.config/kallelse/config");
	return false;
}

/*
 * Removing first tells whether I had a live mark: NOT_FOUND means set one.
 * n = 1 after it set one. A toggle kept while the database was busy runs
 * the same way later, so two toggles made while busy cancel out.
 */
static enum status
mark_toggle_write(struct store *s, struct ui_write *w)
{
	enum status st = store_mark_remove(s, w->a, w->b);

	w->n = 0;
	if (st == STATUS_NOT_FOUND) {
		st = store_mark_set(s, w->a, w->b, NULL);
		w->n = 1;
	}
	return st;
}

unsigned
ui_toggle_read(struct ui *ui, const struct store_doc *doc)
{
	/* Changed counts as not read: u reads it as it is now. */
	bool now_read = !doc->read || doc->changed;
	enum status st = store_read_set(ui_store(ui), doc->id, now_read);

	if (st != STATUS_OK)
		ui_store_error(ui, st);
	else
		ui_message(ui, now_read ? _("Marked as read: %s") : _("Marked as unread: %s"),
		    doc->title ? doc->title : doc->kind);
	return UI_HANDLED | UI_REDRAW;
}

unsigned
ui_mark_toggle(struct ui *ui, const char *item_id, const char *number)
{
	struct ui_write w = { .fn = mark_toggle_write, .a = (char *)item_id,
		.what = N_("mark") };
	enum status st;

	if (!have_person(ui))
		return UI_HANDLED | UI_REDRAW;
	w.b = (char *)ui_person(ui);
	st = ui_write(ui, &w);
	if (st == STATUS_OK && w.n == 0)
		ui_message(ui, _("Mark removed from item %s"), num(number));
	else if (st == STATUS_OK)
		ui_message(ui, _("Item %s marked for discussion"), num(number));
	else if (st != STATUS_LOCKED)
		ui_store_error(ui, st);
	return UI_HANDLED | UI_REDRAW;
}

unsigned
ui_mark_comment(struct ui *ui, const char *item_id, const char *number)
{
	struct store *s = ui_store(ui);
	struct store_mark *marks = NULL;
	size_t n = 0;
	char *meeting, *slash, *comment, *prompt;
	const char *initial = "";
	enum status st;

	if (!have_person(ui))
		return UI_HANDLED | UI_REDRAW;
	meeting = xstrdup(item_id);
	if ((slash = strrchr(meeting, '/')) != NULL)
		*slash = '\0';
	/* The comment I wrote before, to edit rather than retype. */
	if (store_marks(s, meeting, false, &marks, &n) == STATUS_OK) {
		char *me = NULL;
		enum store_role role;

		store_person_role(s, meeting, ui_person(ui), &role, &me, NULL);
		for (size_t i = 0; me && i < n; i++)
			if (strcmp(marks[i].item_id, item_id) == 0 && strcmp(marks[i].person, me) == 0
			    && marks[i].comment)
				initial = marks[i].comment;
		free(me);
	}
	prompt = xasprintf(_("Comment on item %s: "), num(number));
	comment = ui_prompt(ui, prompt, initial);
	free(prompt);
	if (comment != NULL) {
		st = store_mark_set(s, item_id, ui_person(ui), comment);
		if (st == STATUS_OK)
			ui_message(ui, _("Item %s marked for discussion: %s"), num(number), comment);
		else
			ui_store_error(ui, st);
	}
	free(comment);
	store_marks_free(marks, n);
	free(meeting);
	return UI_HANDLED | UI_REDRAW;
}

char *
ui_edit_text(struct ui *ui, const char *prompt, const char *initial, bool use_editor)
{
	const char *editor = getenv("VISUAL");
	char path[] = "/tmp/kallelse-note-XXXXXX";
	char *cmd, *text = NULL;
	size_t cap = 0, len = 0;
	FILE *f;
	int fd;

	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	/* A one-line note on the status line; several lines in the editor. */
	if (!use_editor || editor == NULL || *editor == '\0')
		return ui_prompt(ui, prompt, initial ? initial : "");
	if ((fd = mkstemp(path)) < 0)
		return ui_prompt(ui, prompt, initial ? initial : "");
	if (initial && write(fd, initial, strlen(initial)) < 0)
		ui_message(ui, _("cannot write %s"), path);
	close(fd);
	cmd = xasprintf("%s '%s'", editor, path);
	def_prog_mode();
	endwin();
	if (system(cmd) == 0 && (f = fopen(path, "r")) != NULL) {
		ssize_t got;

		text = NULL;
		if ((got = getdelim(&text, &cap, '\0', f)) > 0)
			len = (size_t)got;
		fclose(f);
		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
			text[--len] = '\0';
		if (len == 0) {
			free(text);
			text = NULL;
		}
	}
	reset_prog_mode();
	refresh();
	unlink(path);
	free(cmd);
	return text;
}

unsigned
ui_note_add(struct ui *ui, const char *doc_id, const char *item_id, size_t line)
{
	char *text = ui_edit_text(ui, doc_id ? _("Note at this line: ") : _("Note on the item: "),
	    NULL, false);
	enum status st;

	if (text == NULL)
		return UI_HANDLED | UI_REDRAW;
	st = store_note_add(ui_store(ui), doc_id, doc_id ? NULL : item_id, line, text, NULL);
	if (st == STATUS_OK && doc_id)
		ui_message(ui, _("Note added at line %zu"), line + 1);
	else if (st == STATUS_OK)
		ui_message(ui, "%s", _("Note added to the item"));
	else
		ui_store_error(ui, st);
	free(text);
	return UI_HANDLED | UI_REDRAW;
}
