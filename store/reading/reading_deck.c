/*
 * Slide decks. Extraction gives each slide's lines alone between blank
 * lines (the wrapped lines of one point) and glues the next slide's title
 * to the last line of the one before; in the raw file the title begins
 * with a space. One block per slide: the title, then its points, a
 * wrapped line joined to the point it continues.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reading_internal.h"
#include "xmalloc.h"

static bool
is_url(const char *s, size_t len)
{
	return rl_has_prefix(s, len, "https://") || rl_has_prefix(s, len, "http://") || rl_has_prefix(s, len, "www.");
}

/* Index of the content line before i (skipping blanks), and how many blanks lay between. */
static size_t
prev_content(const struct rdoc *d, size_t i, size_t *blanks)
{
	*blanks = 0;
	while (i-- > 0) {
		if (d->lines[i].cls != RL_BLANK)
			return i;
		(*blanks)++;
	}
	return READING_NONE;
}

static bool
starts_slide(const struct rdoc *d, size_t i)
{
	const char *s = rl_text(d, i);
	size_t len = d->lines[i].len, blanks;
	size_t p = prev_content(d, i, &blanks);

	if (p == READING_NONE)
		return true;
	if (!rl_is_upper(rl_first_cp(s, len)) || rl_bullet(s, len, true) || rl_number_item(s, len) || is_url(s, len))
		return false;
	if (d->lines[i].lead_space)
		return true;
	/* Glued to the line before, or first after a slide's closing links. */
	return blanks == 0 || is_url(rl_text(d, p), d->lines[p].len);
}

/* Text of a point or title: its lines joined by spaces, as a fresh string. */
static void
join(char **buf, const char *s, size_t len)
{
	size_t have = *buf ? strlen(*buf) : 0;

	*buf = xrealloc(*buf, have + len + 2);
	if (have)
		(*buf)[have++] = ' ';
	memcpy(*buf + have, s, len);
	(*buf)[have + len] = '\0';
}

void
rd_deck(struct rdoc *d)
{
	struct reading_block *slide = NULL;
	char *point = NULL;
	bool in_title = false;

	d->out->deck = true;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct rline *l = &d->lines[i];
		const char *s = rl_text(d, i);
		size_t len = l->len, skip;

		if (l->cls == RL_BLANK || l->cls == RL_FURNITURE)
			continue;
		if (!slide || starts_slide(d, i)) {
			if (point && slide)
				rb_add_line(slide, point, strlen(point));
			free(point);
			point = NULL;
			slide = rb_new(d, READING_SLIDE, l->off);
			slide->level = 1;
			rb_append_src(d, slide, l->off, len);
			in_title = true;
			continue;
		}
		/* Under a bullet, every line that is no new bullet or number goes on with it. */
		bool cont = rl_is_lower(rl_first_cp(s, len)) || (is_url(s, len) && point) ||
		    (point && strncmp(point, "•", strlen("•")) == 0 && !rl_bullet(s, len, true) && !rl_number_item(s, len));
		if (in_title && rl_is_lower(rl_first_cp(s, len))) {
			rb_append_sep(slide, " ");
			rb_append_src(d, slide, l->off, len);
			continue;
		}
		in_title = false;
		rb_extend(slide, l->off, len);
		if (cont && point) {
			join(&point, s, len);
			continue;
		}
		if (point)
			rb_add_line(slide, point, strlen(point));
		free(point);
		point = NULL;
		if ((skip = rl_bullet(s, len, true)) != 0) {
			join(&point, "•", strlen("•"));
			join(&point, s + skip, len - skip);
		} else
			join(&point, s, len);
	}
	if (point && slide)
		rb_add_line(slide, point, strlen(point));
	free(point);
}
