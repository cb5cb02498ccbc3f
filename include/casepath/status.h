/* status.h: one status enum for the whole program, with a message table.
 * The data layer returns these and never prints; callers turn them into
 * one-line messages. */
#ifndef CASEPATH_STATUS_H
#define CASEPATH_STATUS_H

#define STATUS_LIST(X)                                                   \
	X(ST_OK, "ok")                                                   \
	X(ST_ERR_USAGE, "usage error")                                   \
	X(ST_ERR_INPUT, "invalid input")                                 \
	X(ST_ERR_IO, "input/output error")                               \
	X(ST_ERR_NOT_FOUND, "not found")                                 \
	X(ST_ERR_EXISTS, "already exists")                               \
	X(ST_ERR_NOT_CASEPATH, "not a casepath database")                \
	X(ST_ERR_TOO_NEW, "database made by a newer casepath")           \
	X(ST_ERR_PERMISSION, "permission denied")                        \
	X(ST_ERR_BUSY, "database is locked by another process")          \
	X(ST_ERR_FULL, "disk full, not saved")                           \
	X(ST_ERR_CORRUPT, "database is damaged")                         \
	X(ST_ERR_STALE, "changed by someone else since you opened it")   \
	X(ST_ERR_DB, "database error")

enum status {
#define STATUS_ENUM(name, msg) name,
	STATUS_LIST(STATUS_ENUM)
#undef STATUS_ENUM
};

/* Returns a constant, human-readable message for a status. */
const char *status_message(enum status st);

#endif
