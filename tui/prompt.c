/*
 * The prompt: a one-line editor on the status line for a search query or
 * a find pattern. The line is UTF-8 bytes with a cursor at a character
 * boundary; character boundaries come from the text module's decoder
 * (text_next_char) and screen columns from its width (text_width), so
 * Swedish letters, wide characters and combining marks are edited and
 * scrolled like any other character. Esc, ^G and ^C cancel; a line wider
 * than the window scrolls sideways to keep the cursor in view.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "text.h"
#include "ui_internal.h"

/* The line being edited: len bytes of UTF-8 in s (NUL-terminated), the cursor at byte cur. */
struct line {
	char *s;
	size_t len, cap;
	size_t cur;
	size_t skip;		/* first byte shown: a long line scrolls sideways */
};

/*
 * The start of the character before byte at. Stepping back over UTF-8
 * continuation bytes finds the lead byte; the decoder confirms that the
 * character it starts ends at at, else (invalid bytes) one byte is a
 * character, as the decoder reads it. A local helper until the text
 * module has a text_prev_char of its own.
 */
static size_t
prev_char(const char *s, size_t at)
{
	size_t start = at;
	unsigned int cp;

	if (at == 0)
		return 0;
	while (start > 0 && at - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && at - start < 4)
		start--;
	if (text_next_char(s + start, at - start, &cp) == at - start)
		return start;
	return at - 1;
}

/* The byte after the character at byte at. */
static size_t
next_char(const struct line *l, size_t at)
{
	unsigned int cp;

	return at < l->len ? at + text_next_char(l->s + at, l->len - at, &cp) : l->len;
}

/* cp as UTF-8 into u (4 bytes); returns the bytes written. Surrogates and beyond U+10FFFF: U+FFFD. */
static size_t
encode_char(unsigned int cp, char u[4])
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Bytes [from, to) of the line replaced by n bytes of add; the cursor goes after them. */
static void
line_replace(struct line *l, size_t from, size_t to, const char *add, size_t n)
{
	if (l->len - (to - from) + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->s = xrealloc(l->s, l->cap);
	}
	memmove(l->s + from + n, l->s + to, l->len - to);
	memcpy(l->s + from, add, n);
	l->len = l->len - (to - from) + n;
	l->s[l->len] = '\0';
	l->cur = from + n;
}

/*
 * Where the shown part starts, for avail columns: the cursor must be in
 * view, and a line that fits from further left is shown from there (at
 * the end of a long line the end shows, where the typing is).
 */
static void
line_scroll(struct line *l, int avail)
{
	if (l->cur < l->skip)
		l->skip = l->cur;
	while (l->skip < l->cur && text_width(l->s + l->skip, l->cur - l->skip) >= avail)
		l->skip = next_char(l, l->skip);
	while (l->skip > 0) {
		size_t p = prev_char(l->s, l->skip);

		if (text_width(l->s + p, l->len - p) >= avail)
			break;
		l->skip = p;
	}
}

/* The prompt and the line on the status line, the terminal cursor at the line's cursor. */
static void
prompt_draw(struct ui *ui, const char *prompt, struct line *l)
{
	struct draw d = draw_at(ui->status, 0, 0, ui->cols);
	int cx;

	/* A space before the prompt, and a column for the cursor at the end. */
	line_scroll(l, ui->cols - 2 - draw_width(prompt));
	werase(ui->status);
	draw_str(&d, " ", A_NORMAL);
	draw_str(&d, prompt, A_BOLD);
	draw_text(&d, l->s + l->skip, l->cur - l->skip, A_NORMAL);
	cx = d.x < ui->cols ? d.x : ui->cols - 1;
	draw_text(&d, l->s + l->cur, l->len - l->cur, A_NORMAL);
	draw_fill(&d, A_NORMAL);
	wmove(ui->status, 0, cx);
	wnoutrefresh(ui->status);
	doupdate();
}

/* What a key does to the line. */
enum edit { EDIT_GO_ON, EDIT_DONE, EDIT_CANCEL };

static enum edit
prompt_edit(struct line *l, int key)
{
	char u[4];

	switch (key) {
	case '\n':
		return EDIT_DONE;
	/* ^C arrives as SIGINT (the caller's loop); as a key it cancels too. */
	case UI_KEY_ESC:
	case UI_KEY_CTRL('G'):
	case UI_KEY_CTRL('C'):
		return EDIT_CANCEL;
	case KEYS_FN | KEY_BACKSPACE:
		/* Backspace on an empty line leaves the prompt, as in less. */
		if (l->len == 0)
			return EDIT_CANCEL;
		if (l->cur > 0)
			line_replace(l, prev_char(l->s, l->cur), l->cur, "", 0);
		return EDIT_GO_ON;
	case KEYS_FN | KEY_DC:
		if (l->cur < l->len)
			line_replace(l, l->cur, next_char(l, l->cur), "", 0);
		return EDIT_GO_ON;
	case KEYS_FN | KEY_LEFT:
		l->cur = prev_char(l->s, l->cur);
		return EDIT_GO_ON;
	case KEYS_FN | KEY_RIGHT:
		l->cur = next_char(l, l->cur);
		return EDIT_GO_ON;
	case KEYS_FN | KEY_HOME:
	case UI_KEY_CTRL('A'):
		l->cur = 0;
		return EDIT_GO_ON;
	case KEYS_FN | KEY_END:
	case UI_KEY_CTRL('E'):
		l->cur = l->len;
		return EDIT_GO_ON;
	case UI_KEY_CTRL('U'):
		line_replace(l, 0, l->len, "", 0);
		return EDIT_GO_ON;
	default:
		/* A character (å ä ö arrive as one key each); other keys and controls do nothing. */
		if (!(key & KEYS_FN) && key >= ' ')
			line_replace(l, l->cur, l->cur, u, encode_char((unsigned int)key, u));
		return EDIT_GO_ON;
	}
}

char *
ui_prompt(struct ui *ui, const char *prompt, const char *initial)
{
	struct line l = { 0 };
	enum edit e = EDIT_GO_ON;

	line_replace(&l, 0, 0, initial ? initial : "", initial ? strlen(initial) : 0);
	curs_set(1);
	while (e == EDIT_GO_ON) {
		int key;

		/* ^C cancels the prompt, as Esc does (mutt, less); it arrives as SIGINT. */
		if (ui_signal == SIGINT) {
			ui_signal = 0;
			e = EDIT_CANCEL;
			break;
		}
		/* Any other signal ends the program: the loop sees it next. */
		if (ui_signal) {
			e = EDIT_CANCEL;
			break;
		}
		if (ui->too_small || ui->status == NULL)
			ui_draw(ui, ui_prepare(ui));
		else
			prompt_draw(ui, prompt, &l);
		if (ui_read_key(ui->too_small ? ui->body : ui->status, &key) == 0)
			continue;
		if (key == (KEYS_FN | KEY_RESIZE)) {
			ui_layout(ui, false);
			ui_draw(ui, ui_prepare(ui));
			continue;
		}
		e = prompt_edit(&l, key);
	}
	if (e == EDIT_DONE && l.len > 0)
		return l.s;
	free(l.s);
	return NULL;
}
