#include "config.h"

#include "status.h"

static const char *const status_messages[] = {
#define STATUS_MSG_(name, msg) msg,
	STATUS_CODES(STATUS_MSG_)
#undef STATUS_MSG_
};

const char *
status_message(enum status st)
{
	if ((unsigned)st >= sizeof status_messages / sizeof status_messages[0])
		return "unknown status";
	return status_messages[st];
}
