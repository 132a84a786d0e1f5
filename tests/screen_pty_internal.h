/*
 * Between the two files of the pty harness (screen_pty.c, screen_pty_wait.c);
 * tests use screen_pty.h only.
 */
#ifndef KALLELSE_PTY_INTERNAL_H
#define KALLELSE_PTY_INTERNAL_H

#include <stdbool.h>

struct pty;

/* Whether the program's terminal is still open (false once it closed it, or exited). */
bool pty_live(struct pty *p);

#endif
