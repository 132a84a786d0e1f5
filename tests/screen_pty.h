/*
 * A reusable pseudo-terminal harness for screen tests and benchmarks:
 * run the real kallelse binary under forkpty at a fixed size, feed what
 * it writes to libvterm, and read the screen back (text, reverse video,
 * cursor, alternate screen). Keys are encoded by libvterm, so arrow keys
 * come out in the application-cursor mode curses asks for. Every wait has
 * a deadline; nothing sleeps blindly. See docs/TESTING.md for the
 * pitfalls this avoids (locale, LINES/COLUMNS, the resize race).
 */
#ifndef KALLELSE_PTY_H
#define KALLELSE_PTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vterm.h>

struct pty;

/*
 * Start argv (argv[0] a path) at rows x cols. The child gets
 * TERM=xterm-256color, LC_ALL=C.UTF-8, ESCDELAY=25, no LINES or COLUMNS,
 * then each "NAME=VALUE" of env (NULL-terminated, may be NULL; "NAME="
 * with nothing after it unsets NAME). Returns NULL (and says why on
 * stderr) when the pty cannot be made.
 */
struct pty *pty_spawn(int rows, int cols, const char *const *argv, const char *const *env);
/* Kill the child if it still runs, and free everything. Accepts NULL. */
void pty_free(struct pty *p);

/* Read what the program wrote for up to timeout_ms; true when anything came. */
bool pty_pump(struct pty *p, int timeout_ms);

/* Keys, encoded by libvterm. */
void pty_key(struct pty *p, VTermKey key);
void pty_char(struct pty *p, uint32_t c);
/* Each character of a UTF-8 string as a key press. */
void pty_type(struct pty *p, const char *utf8);

/* Row text (UTF-8, trailing spaces removed) into buf; returns buf. */
char *pty_row(struct pty *p, int row, char *buf, size_t size);
/* The whole screen, rows joined by newlines, for failure messages. Caller frees. */
char *pty_screen(struct pty *p);
/* The first row containing text, or -1. */
int pty_find_row(struct pty *p, const char *text);
/* The first column (in cells) of text on row, or -1. */
int pty_find_col(struct pty *p, int row, const char *text);
bool pty_reverse(struct pty *p, int row, int col);
void pty_cursor(struct pty *p, int *row, int *col);
bool pty_cursor_visible(struct pty *p);
bool pty_altscreen(struct pty *p);
/* How many times the program set the terminal's title or icon name; the last one into buf. */
int pty_title(struct pty *p, char *buf, size_t size);
/* Whether the program has mouse reporting on. */
bool pty_mouse(struct pty *p);
void pty_size(struct pty *p, int *rows, int *cols);

/*
 * A counter bumped on every change of the screen (cells, cursor, modes).
 * Read it before a key, then pty_wait_change(p, before, ...): a wait that
 * follows a key must first see the screen change, or text the old view
 * still shows would satisfy it at once (TESTING.md, "waits that can fail").
 */
unsigned long pty_generation(struct pty *p);
/* Wait until the screen has changed since generation since; false at the deadline. */
bool pty_wait_change(struct pty *p, unsigned long since, int timeout_ms);

/* Wait until text shows anywhere on the screen; its row, or -1 at the deadline. */
int pty_wait_text(struct pty *p, const char *text, int timeout_ms);
/* Wait until row reads exactly text (trailing spaces ignored). */
bool pty_wait_row(struct pty *p, int row, const char *text, int timeout_ms);
/*
 * Read until the program has been quiet for quiet_ms (a screen update
 * finished), or until timeout_ms. True when it went quiet.
 */
bool pty_settle(struct pty *p, int quiet_ms, int timeout_ms);
/* Wait until the cell at row, col is in reverse video. */
bool pty_wait_reverse(struct pty *p, int row, int col, int timeout_ms);
/* Wait until text is gone from the screen. */
bool pty_wait_gone(struct pty *p, const char *text, int timeout_ms);

/* Resize the terminal and the pty (the kernel sends SIGWINCH). */
void pty_resize(struct pty *p, int rows, int cols);
/* Send a signal to the child. */
void pty_signal(struct pty *p, int sig);
/* The child's process id (for /proc/PID/status and the like). */
int pty_pid(struct pty *p);

/* Mouse, encoded by libvterm in the mode the program asked for (0-based cells). */
void pty_click(struct pty *p, int row, int col);
void pty_double_click(struct pty *p, int row, int col);
/* The wheel: up (toward the start) or down. */
void pty_wheel(struct pty *p, int row, int col, bool up);

/* Wait for the child to exit: its exit status, 128+signal, or -1 at the deadline. */
int pty_wait_exit(struct pty *p, int timeout_ms);

/* Monotonic milliseconds, for timing. */
double pty_now_ms(void);

#endif
