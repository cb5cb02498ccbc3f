/* status.h: one status enum for the whole program, with a message table.
 * The data layer returns these and never prints; callers turn them into
 * one-line messages. */
#ifndef CASEPATH_STATUS_H
#define CASEPATH_STATUS_H

#include "casepath/i18n.h"

#define STATUS_LIST(X)                                                   \
	X(ST_OK, N_("ok"))                                                   \
	X(ST_ERR_USAGE, N_("usage error"))                                   \
	X(ST_ERR_INPUT, N_("invalid input"))                                 \
	X(ST_ERR_IO, N_("input/output error"))                               \
	X(ST_ERR_NOT_FOUND, N_("not found"))                                 \
	X(ST_ERR_EXISTS, N_("already exists"))                               \
	X(ST_ERR_NOT_CASEPATH, N_("not a casepath database"))                \
	X(ST_ERR_TOO_NEW, N_("database made by a newer casepath"))           \
	X(ST_ERR_PERMISSION, N_("permission denied"))                        \
	X(ST_ERR_BUSY, N_("database is locked by another process"))          \
	X(ST_ERR_FULL, N_("disk full, not saved"))                           \
	X(ST_ERR_CORRUPT, N_("database is damaged"))                         \
	X(ST_ERR_STALE, N_("changed by someone else since you opened it"))   \
	X(ST_ERR_DB, N_("database error"))                                   \
	X(ST_INTERRUPTED, N_("interrupted: a newer request came"))

enum status {
#define STATUS_ENUM(name, msg) name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
};

/* Returns a constant, human-readable message for a status. */
const char *status_message(enum status st);

#endif
