/*
 * Restoring the terminal on a fatal signal: see crash.h.
 */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "curses_compat.h"
#include "crash.h"

static char restore[512];	/* sgr0, mouse off, rmkx, cnorm, rmcup */
static size_t restore_len;
static struct termios tty;
static bool tty_saved;
static volatile sig_atomic_t armed;
static const int fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };

static void
add(const char *s)
{
	size_t n;

	if (s == NULL || s == (const char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n <= sizeof restore) {
		memcpy(restore + restore_len, s, n);
		restore_len += n;
	}
}

/* Async-signal-safe: write the bytes, put the modes back, die of sig. */
static void
on_fatal(int sig)
{
	if (armed) {
		size_t off = 0;

		armed = 0;
		while (off < restore_len) {
			ssize_t w = write(STDOUT_FILENO, restore + off, restore_len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		if (tty_saved)
			tcsetattr(STDIN_FILENO, TCSANOW, &tty);
	}
	/* SA_RESETHAND made the action the default again: the signal kills us on return. */
	raise(sig);
}

void
crash_save_tty(void)
{
	tty_saved = tcgetattr(STDIN_FILENO, &tty) == 0;
}

void
crash_arm(void)
{
	struct sigaction sa = { 0 };
	char *xm = tigetstr("XM"), *kmous = tigetstr("kmous");

	restore_len = 0;
	add(tigetstr("sgr0"));
	/* ncurses turns xterm mouse reports on with XM(1); without XM, mode 1000. */
	if (xm != NULL && xm != (char *)-1)
		add(tiparm(xm, 0));
	else if (kmous != NULL && kmous != (char *)-1)
		add("\033[?1000l");
	add(tigetstr("rmkx"));
	add(tigetstr("cnorm"));
	add(tigetstr("rmcup"));
	armed = 1;
	sa.sa_handler = on_fatal;
	sa.sa_flags = (int)SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

void
crash_disarm(void)
{
	armed = 0;
}
