/*
 * forkpty + libvterm: see screen_pty.h. This file holds the terminal and
 * the child: start, read, keys, mouse, the screen read back, exit. The
 * waits with deadlines built on it are in screen_pty_wait.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#ifdef HAVE_PTY_H
#include <pty.h>
#endif
#ifdef HAVE_UTIL_H
#include <util.h>
#endif

#include "screen_pty.h"
#include "screen_pty_internal.h"

struct pty {
	pid_t pid;
	int fd;
	int status;		/* exit status once reaped, else -1 */
	VTerm *vt;
	VTermScreen *screen;
	int rows, cols;
	bool altscreen;
	bool cursor_visible;
	VTermPos cursor;
	/* Bumped on every screen change libvterm reports: lets a test see that a key took effect. */
	unsigned long generation;
	/*
	 * Whether the program has mouse reports on. Read from the output itself:
	 * libvterm 0.1.4 acts on the first mode of "ESC [ ? 1006 ; 1000 h" only,
	 * which is how ncurses turns the mouse on, so it never reports it.
	 */
	bool mouse;
	int mode_state;		/* 0, 1 after ESC, 2 after ESC [, 3 in "? n ; n" */
	unsigned mode_params[8];
	int mode_n;
	/* What the program set as the window title or icon name (OSC 0/1/2), and how often. */
	int title_changes;
	char title[256];
};

/* libvterm's answers to queries and the keys it encodes go to the program. */
static void
on_output(const char *s, size_t len, void *user)
{
	struct pty *p = user;

	while (len > 0 && p->fd >= 0) {
		ssize_t w = write(p->fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;	/* the child is gone: nothing to tell it */
		s += w;
		len -= (size_t)w;
	}
}

static int
on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct pty *p = user;

	if (prop == VTERM_PROP_ALTSCREEN)
		p->altscreen = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		p->cursor_visible = val->boolean;
	else if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME) {
		p->title_changes++;
		snprintf(p->title, sizeof p->title, "%s", val->string ? val->string : "");
	}
	p->generation++;
	return 1;
}

static int
on_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
	struct pty *p = user;

	(void)oldpos;
	(void)visible;
	p->cursor = pos;
	p->generation++;
	return 1;
}

/* Cells changed (or moved, for a scroll): the screen is not what it was. */
static int
on_damage(VTermRect rect, void *user)
{
	struct pty *p = user;

	(void)rect;
	p->generation++;
	return 1;
}

static int
on_moverect(VTermRect dest, VTermRect src, void *user)
{
	struct pty *p = user;

	(void)dest;
	(void)src;
	p->generation++;
	return 0;	/* libvterm then reports the cells as damage too */
}

static const VTermScreenCallbacks screen_callbacks = {
	.damage = on_damage,
	.moverect = on_moverect,
	.settermprop = on_prop,
	.movecursor = on_movecursor,
};

struct pty *
pty_spawn(int rows, int cols, const char *const *argv, const char *const *env)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	struct pty *p = calloc(1, sizeof *p);
	int fd;
	pid_t pid;

	if (p == NULL)
		return NULL;
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		free(p);
		return NULL;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("ESCDELAY", "25", 1);
		/* Exported LINES/COLUMNS would override the pty size in ncurses. */
		unsetenv("LINES");
		unsetenv("COLUMNS");
		for (; env && *env; env++) {
			const char *eq = strchr(*env, '=');
			char name[256];

			if (eq == NULL || (size_t)(eq - *env) >= sizeof name)
				continue;
			memcpy(name, *env, (size_t)(eq - *env));
			name[eq - *env] = '\0';
			if (eq[1] == '\0')
				unsetenv(name);
			else
				setenv(name, eq + 1, 1);
		}
		execv(argv[0], (char *const *)argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	p->pid = pid;
	p->fd = fd;
	p->status = -1;
	p->rows = rows;
	p->cols = cols;
	p->cursor_visible = true;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	p->vt = vterm_new(rows, cols);
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, on_output, p);
	p->screen = vterm_obtain_screen(p->vt);
	vterm_screen_set_callbacks(p->screen, &screen_callbacks, p);
	vterm_screen_enable_altscreen(p->screen, 1);
	vterm_screen_reset(p->screen, 1);
	return p;
}

static void
reap(struct pty *p, int flags)
{
	int st;

	if (p->status >= 0 || p->pid <= 0)
		return;
	if (waitpid(p->pid, &st, flags) == p->pid)
		p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void
pty_free(struct pty *p)
{
	if (p == NULL)
		return;
	reap(p, WNOHANG);
	if (p->status < 0 && p->pid > 0) {
		kill(p->pid, SIGKILL);
		reap(p, 0);
	}
	if (p->fd >= 0)
		close(p->fd);
	vterm_free(p->vt);
	free(p);
}

/* Follow DECSET/DECRST of the mouse modes (1000, 1002, 1003) in what the program wrote. */
static void
scan_modes(struct pty *p, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		switch (p->mode_state) {
		case 0:
			if (c == 0x1b)
				p->mode_state = 1;
			break;
		case 1:
			p->mode_state = c == '[' ? 2 : c == 0x1b ? 1 : 0;
			break;
		case 2:
			p->mode_state = c == '?' ? 3 : c == 0x1b ? 1 : 0;
			p->mode_n = 0;
			p->mode_params[0] = 0;
			break;
		default:
			if (c >= '0' && c <= '9') {
				p->mode_params[p->mode_n] = p->mode_params[p->mode_n] * 10 + (c - '0');
			} else if (c == ';' && p->mode_n < 7) {
				p->mode_params[++p->mode_n] = 0;
			} else {
				for (int k = 0; (c == 'h' || c == 'l') && k <= p->mode_n; k++)
					if (p->mode_params[k] >= 1000 && p->mode_params[k] <= 1003)
						p->mouse = c == 'h';
				p->mode_state = c == 0x1b ? 1 : 0;
			}
			break;
		}
	}
}

bool
pty_pump(struct pty *p, int timeout_ms)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	char buf[65536];
	bool any = false;

	if (p->fd < 0)
		return false;
	if (poll(&pfd, 1, timeout_ms < 0 ? 0 : timeout_ms) <= 0)
		return false;
	for (;;) {
		ssize_t r = read(p->fd, buf, sizeof buf);
		if (r > 0) {
			scan_modes(p, buf, (size_t)r);
			vterm_input_write(p->vt, buf, (size_t)r);
			any = true;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		/* EAGAIN: all read for now. EIO or 0: the child closed the terminal. */
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
			close(p->fd);
			p->fd = -1;
		}
		break;
	}
	vterm_screen_flush_damage(p->screen);
	return any;
}

void
pty_key(struct pty *p, VTermKey key)
{
	vterm_keyboard_key(p->vt, key, VTERM_MOD_NONE);
}

void
pty_char(struct pty *p, uint32_t c)
{
	vterm_keyboard_unichar(p->vt, c, VTERM_MOD_NONE);
}

void
pty_type(struct pty *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		uint32_t c;
		int n;

		if (*u < 0x80) {
			c = *u;
			n = 1;
		} else if ((*u & 0xE0) == 0xC0) {
			c = *u & 0x1F;
			n = 2;
		} else if ((*u & 0xF0) == 0xE0) {
			c = *u & 0x0F;
			n = 3;
		} else {
			c = *u & 0x07;
			n = 4;
		}
		for (int i = 1; i < n && u[i]; i++)
			c = (c << 6) | (u[i] & 0x3F);
		for (int i = 0; i < n && *u; i++)
			u++;
		pty_char(p, c);
	}
}

static size_t
put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

char *
pty_row(struct pty *p, int row, char *buf, size_t size)
{
	size_t n = 0, keep = 0;

	buf[0] = '\0';
	if (row < 0 || row >= p->rows || size < 8)
		return buf;
	for (int col = 0; col < p->cols; col++) {
		VTermScreenCell cell;
		VTermPos pos = { .row = row, .col = col };

		if (!vterm_screen_get_cell(p->screen, pos, &cell))
			break;
		if (cell.chars[0] == (uint32_t)-1)
			continue;	/* the right half of a wide character */
		if (cell.chars[0] == 0) {
			if (n + 1 >= size)
				break;
			buf[n++] = ' ';
		} else {
			for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k]; k++) {
				if (n + 5 >= size)
					break;
				n += put_utf8(buf + n, cell.chars[k]);
			}
			if (cell.chars[0] != ' ')
				keep = n;
		}
		if (cell.width == 2)
			col++;
	}
	buf[keep] = '\0';
	return buf;
}

char *
pty_screen(struct pty *p)
{
	size_t cap = (size_t)p->rows * ((size_t)p->cols * 4 + 8) + 1, n = 0;
	char *out = malloc(cap), *row = malloc((size_t)p->cols * 6 + 8);

	out[0] = '\0';
	for (int r = 0; r < p->rows; r++) {
		pty_row(p, r, row, (size_t)p->cols * 6 + 8);
		n += (size_t)snprintf(out + n, cap - n, "%2d|%s\n", r, row);
		if (n >= cap)
			break;
	}
	free(row);
	return out;
}

int
pty_find_row(struct pty *p, const char *text)
{
	char *row = malloc((size_t)p->cols * 6 + 8);
	int found = -1;

	for (int r = 0; r < p->rows && found < 0; r++)
		if (strstr(pty_row(p, r, row, (size_t)p->cols * 6 + 8), text))
			found = r;
	free(row);
	return found;
}

int
pty_find_col(struct pty *p, int row, const char *text)
{
	char *buf = malloc((size_t)p->cols * 6 + 8);
	const char *hit;
	size_t target, n = 0;
	int col = -1;

	pty_row(p, row, buf, (size_t)p->cols * 6 + 8);
	hit = strstr(buf, text);
	if (hit) {
		/* Walk the cells as pty_row did until the bytes before the hit are used up. */
		target = (size_t)(hit - buf);
		for (int c = 0; c < p->cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { .row = row, .col = c };
			char tmp[8];

			if (n >= target) {
				col = c;
				break;
			}
			vterm_screen_get_cell(p->screen, pos, &cell);
			if (cell.chars[0] == 0)
				n++;
			for (int k = 0; k < VTERM_MAX_CHARS_PER_CELL && cell.chars[k]; k++)
				n += put_utf8(tmp, cell.chars[k]);
			if (cell.width == 2)
				c++;
		}
	}
	free(buf);
	return col;
}

bool
pty_reverse(struct pty *p, int row, int col)
{
	VTermScreenCell cell;
	VTermPos pos = { .row = row, .col = col };

	if (!vterm_screen_get_cell(p->screen, pos, &cell))
		return false;
	return cell.attrs.reverse;
}

void
pty_cursor(struct pty *p, int *row, int *col)
{
	*row = p->cursor.row;
	*col = p->cursor.col;
}

bool
pty_cursor_visible(struct pty *p)
{
	return p->cursor_visible;
}

int
pty_title(struct pty *p, char *buf, size_t size)
{
	if (buf && size)
		snprintf(buf, size, "%s", p->title);
	return p->title_changes;
}

bool
pty_altscreen(struct pty *p)
{
	return p->altscreen;
}

bool
pty_mouse(struct pty *p)
{
	return p->mouse;
}

bool
pty_live(struct pty *p)
{
	return p->fd >= 0;
}

unsigned long
pty_generation(struct pty *p)
{
	return p->generation;
}

void
pty_size(struct pty *p, int *rows, int *cols)
{
	*rows = p->rows;
	*cols = p->cols;
}

void
pty_resize(struct pty *p, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	p->rows = rows;
	p->cols = cols;
	vterm_set_size(p->vt, rows, cols);
	if (p->fd >= 0)
		ioctl(p->fd, TIOCSWINSZ, &ws);
}

void
pty_signal(struct pty *p, int sig)
{
	if (p->status < 0 && p->pid > 0)
		kill(p->pid, sig);
}

int
pty_pid(struct pty *p)
{
	return (int)p->pid;
}

void
pty_click(struct pty *p, int row, int col)
{
	vterm_mouse_move(p->vt, row, col, VTERM_MOD_NONE);
	vterm_mouse_button(p->vt, 1, true, VTERM_MOD_NONE);
	vterm_mouse_button(p->vt, 1, false, VTERM_MOD_NONE);
}

void
pty_double_click(struct pty *p, int row, int col)
{
	pty_click(p, row, col);
	pty_click(p, row, col);
}

void
pty_wheel(struct pty *p, int row, int col, bool up)
{
	vterm_mouse_move(p->vt, row, col, VTERM_MOD_NONE);
	vterm_mouse_button(p->vt, up ? 4 : 5, true, VTERM_MOD_NONE);
	vterm_mouse_button(p->vt, up ? 4 : 5, false, VTERM_MOD_NONE);
}

int
pty_wait_exit(struct pty *p, int timeout_ms)
{
	double end = pty_now_ms() + timeout_ms;

	for (;;) {
		/* Keep reading: a child blocked on a full pty never exits. */
		pty_pump(p, 10);
		reap(p, WNOHANG);
		if (p->status >= 0 || pty_now_ms() >= end)
			return p->status;
	}
}
