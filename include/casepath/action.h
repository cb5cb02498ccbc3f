/* action.h: everything a key can do, in one X-macro list. The list makes
 * the enum, the names (used by the key configuration file, test scripts
 * and the `:` command line) and the one-line help; keymap.c binds keys
 * to them, and the help screen and the man page's KEYS section are
 * generated from both (STYLE.md items 3 and 4). */
#ifndef CASEPATH_ACTION_H
#define CASEPATH_ACTION_H

#include "casepath/i18n.h"

#define ACTIONS(X)                                                              \
	/* anywhere */                                                         \
	X(ACT_QUIT, "quit", N_("Close this screen (the last one quits)"))            \
	X(ACT_BACK, "back", N_("Go back to the screen before (never quits)"))         \
	X(ACT_QUIT_ALL, "quit-all", N_("Quit casepath"))                               \
	X(ACT_HELP, "help", N_("Show the keys of this screen"))                        \
	X(ACT_COMMAND, "command", N_("Open the command line"))                         \
	X(ACT_REDRAW, "redraw", N_("Redraw the screen"))                               \
	X(ACT_PRIVACY, "privacy", N_("Hide the screen until a key is pressed"))       \
	X(ACT_DEADLINES, "deadlines", N_("Show the deadline view"))                    \
	X(ACT_AUDIT, "audit", N_("Show the audit trail (supervisors and auditors)"))  \
	X(ACT_SWITCH, "switch", N_("Switch lists (audit) or go to the next section (report)")) \
	X(ACT_SECTION_PREV, "section-prev", N_("Go to the previous section"))        \
	X(ACT_REPORT, "report", N_("Show the report: caseload, time in stage, deadlines, outcomes")) \
	X(ACT_DUPLICATES, "duplicates", N_("Show possible duplicates: pairs of records probably one person")) \
	/* moving in a list */                                                 \
	X(ACT_MOVE_DOWN, "move-down", N_("Move down one row"))                         \
	X(ACT_MOVE_UP, "move-up", N_("Move up one row"))                               \
	X(ACT_PAGE_DOWN, "page-down", N_("Move down one page"))                        \
	X(ACT_PAGE_UP, "page-up", N_("Move up one page"))                              \
	X(ACT_FIRST, "first", N_("Go to the first row"))                               \
	X(ACT_LAST, "last", N_("Go to the last row"))                                  \
	X(ACT_OPEN, "open", N_("Open the selected row"))                               \
	/* the case list */                                                    \
	X(ACT_TIMELINE, "timeline", N_("Show the person's timeline"))                  \
	X(ACT_SEARCH, "search", N_("Search names as you type (~name: similar names)"))  \
	X(ACT_SEARCH_NEXT, "search-next", N_("Go to the next match"))                  \
	X(ACT_SEARCH_PREV, "search-prev", N_("Go to the previous match"))              \
	X(ACT_SORT_NEXT, "sort-next", N_("Sort by the next column"))                   \
	X(ACT_SORT_REVERSE, "sort-reverse", N_("Reverse the sort order"))              \
	X(ACT_FILTER, "filter", N_("Filter the list (stage=, nat=, sex=, age=, flags=, within=)")) \
	X(ACT_FILTER_CLEAR, "filter-clear", N_("Clear the filter"))                    \
	X(ACT_FILTER_SAVE, "filter-save", N_("Save the filter under a name (:filter-save NAME)")) \
	X(ACT_FILTER_LOAD, "filter-load", N_("Apply a saved filter (:filter-load NAME)")) \
	X(ACT_SORT, "sort", N_("Sort by a column (:sort name, :sort days desc)"))    \
	X(ACT_GOTO, "goto", N_("Go to a case number (:goto TR-2024-000123)"))        \
	X(ACT_REVIEW, "review", N_("Review the cases on this list one by one"))        \
	X(ACT_LAPSED, "lapsed", N_("Show or hide lapsed clocks (windows that closed unused)")) \
	/* editing */                                                          \
	X(ACT_ADD, "add", N_("Add a person (list) or an event (timeline)"))            \
	X(ACT_EDIT, "edit", N_("Edit the person or the selected event"))               \
	X(ACT_DELETE, "delete", N_("Delete the selected event"))                       \
	X(ACT_LINK, "link", N_("Link a relative to this person"))                      \
	/* the review session */                                               \
	X(ACT_REVIEW_NEXT, "review-next", N_("Next case"))                             \
	X(ACT_REVIEW_PREV, "review-prev", N_("Previous case"))                         \
	X(ACT_REVIEW_MARK, "review-mark", N_("Mark this case reviewed (with a note)")) \
	/* possible duplicates */                                             \
	X(ACT_MERGE, "merge", N_("Merge the pair's two records (asks which one stays)")) \
	X(ACT_NOT_SAME, "not-same", N_("Mark the pair as two different people"))    \
	X(ACT_UNMERGE, "unmerge", N_("Undo the merge this record took part in"))    \
	/* forms */                                                            \
	X(ACT_FIELD_NEXT, "field-next", N_("Next field"))                              \
	X(ACT_FIELD_PREV, "field-prev", N_("Previous field"))                          \
	X(ACT_SAVE, "save", N_("Save the form"))                                       \
	X(ACT_CANCEL, "cancel", N_("Leave the form without saving"))

enum action {
	ACT_NONE,
#define ACTION_ENUM(id, name, help) id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* The action's name ("move-down") and help line; "" for ACT_NONE. */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* ACT_NONE when the name is unknown. */
enum action action_from_name(const char *name);

#endif
