/* status.c: the message table behind enum status. */
#include "casepath/status.h"

const char *
status_message(enum status st)
{
	static const char *const messages[] = {
#define STATUS_MSG(name, msg) msg,
		STATUS_LIST(STATUS_MSG)
#undef STATUS_MSG
	};

	if ((unsigned)st < sizeof messages / sizeof messages[0])
		return _(messages[st]);
	return _("unknown error");
}
