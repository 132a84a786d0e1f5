/*
 * The terminal after a crash. A fatal signal (SIGSEGV, SIGABRT, SIGBUS,
 * SIGFPE, SIGILL) while curses runs would leave the user in the alternate
 * screen with mouse reports on; the handler here gives the terminal back
 * with bytes made beforehand (a handler may only write() and tcsetattr(),
 * never call curses), then lets the signal kill the process.
 */
#ifndef KALLELSE_CRASH_H
#define KALLELSE_CRASH_H

/* Remember the terminal's modes; call before curses changes them. */
void crash_save_tty(void);
/* Make the restore bytes from the terminfo entry and install the handler; after curses starts. */
void crash_arm(void);
/* Curses has given the terminal back itself: the handler has nothing left to do. */
void crash_disarm(void);

#endif
