/* Status codes shared by store/, the commands and the UI, with their messages. */
#ifndef KALLELSE_STATUS_H
#define KALLELSE_STATUS_H

#define STATUS_CODES(_) \
	_(OK,           N_("ok")) \
	_(NOT_FOUND,    N_("not found")) \
	_(AMBIGUOUS,    N_("more than one match; give the full id")) \
	_(NOT_DATABASE, N_("not a kallelse database")) \
	_(TOO_NEW,      N_("made by a newer version of kallelse")) \
	_(CORRUPT,      N_("the database file is damaged")) \
	_(READONLY,     N_("the database cannot be written (read-only file or folder)")) \
	_(LOCKED,       N_("the database is locked by another program")) \
	_(IO,           N_("input/output error")) \
	_(BAD_INPUT,    N_("the input could not be understood")) \
	_(DENIED,       N_("not allowed")) \
	_(NOMEM,        N_("out of memory")) \
	_(INTERNAL,     N_("internal error"))

#ifndef N_
#define N_(s) s
#endif

enum status {
#define STATUS_ENUM_(name, msg) STATUS_##name,
	STATUS_CODES(STATUS_ENUM_)
#undef STATUS_ENUM_
};

/* The untranslated message of a status; pass through gettext to show it. Static string. */
const char *status_message(enum status st);

#endif
