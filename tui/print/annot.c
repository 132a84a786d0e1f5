/*
 * The user's data on the printed agenda: which marks and notes belong to
 * an item, and the text they print as ("TG Thomas Gustafsson", "» the
 * comment", "Anteckning: ..."). The layout (layout.c) places them: in a
 * column beside each item on the presidium's preparation sheet, under the
 * item on a personal copy.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "print_internal.h"
#include "xmalloc.h"

static bool
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool
print_item_marked_by(const struct print_agenda *a, const struct agenda_item *it, const char *person)
{
	for (size_t k = 0; k < a->n_marks; k++)
		if (!a->marks[k].removed && same(a->marks[k].item_id, it->id) &&
		    (person == NULL || same(a->marks[k].person, person)))
			return true;
	return false;
}

bool
print_item_noted(const struct print_agenda *a, const struct agenda_item *it)
{
	for (size_t k = 0; k < a->n_notes; k++)
		if (!a->notes[k].orphan && same(a->notes[k].item_id, it->id))
			return true;
	return false;
}

size_t
print_item_lines(const struct print_agenda *a, const struct agenda_item *it, bool marks,
    bool notes, char ***out)
{
	char **v = NULL;
	size_t n = 0;

	for (size_t k = 0; marks && k < a->n_marks; k++) {
		const struct store_mark *m = &a->marks[k];

		if (m->removed || !same(m->item_id, it->id))
			continue;
		v = xreallocarray(v, n + 2, sizeof *v);
		v[n++] = xasprintf("%s %s", m->initials ? m->initials : "", m->person ? m->person : "");
		if (m->comment && *m->comment)
			v[n++] = xasprintf("» %s", m->comment);
	}
	for (size_t k = 0; notes && k < a->n_notes; k++) {
		const struct store_note *nt = &a->notes[k];
		const char *t = nt->text ? nt->text : "", *nl;
		bool first = true;

		if (nt->orphan || !same(nt->item_id, it->id))
			continue;
		/* One printed paragraph per line of the note; the first says what it is on. */
		do {
			nl = strchr(t, '\n');
			v = xreallocarray(v, n + 1, sizeof *v);
			if (first && nt->doc_title)
				v[n++] = xasprintf("Anteckning (%s, rad %zu): %.*s", nt->doc_title,
				    nt->position + 1, (int)(nl ? (size_t)(nl - t) : strlen(t)), t);
			else if (first)
				v[n++] = xasprintf("Anteckning: %.*s",
				    (int)(nl ? (size_t)(nl - t) : strlen(t)), t);
			else
				v[n++] = xasprintf("  %.*s", (int)(nl ? (size_t)(nl - t) : strlen(t)), t);
			first = false;
			t = nl ? nl + 1 : NULL;
		} while (t);
	}
	*out = v;
	return n;
}

void
print_lines_free(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

void
print_agenda_person(struct store *s, struct print_agenda *a, const char *name)
{
	enum store_role role;
	char *canonical = NULL;

	free(a->person);
	a->person = NULL;
	if (name == NULL || *name == '\0')
		return;
	/* Marks carry the name as the membership prints it; match it so. */
	if (store_person_role(s, a->meeting.id, name, &role, &canonical, NULL) == STATUS_OK &&
	    canonical)
		a->person = canonical;
	else
		a->person = xstrdup(name);
}
