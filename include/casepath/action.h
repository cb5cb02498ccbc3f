/* action.h: everything a key can do, in one X-macro list. The list makes
 * the enum, the names (used by the key configuration file, test scripts
 * and the `:` command line) and the one-line help; keymap.c binds keys
 * to them, and the help screen and the man page's KEYS section are
 * generated from both (STYLE.md items 3 and 4). */
#ifndef CASEPATH_ACTION_H
#define CASEPATH_ACTION_H

#define ACTIONS(X)                                                              \
	/* anywhere */                                                         \
	X(ACT_QUIT, "quit", "Close this screen (the last one quits)")            \
	X(ACT_BACK, "back", "Go back to the screen before (never quits)")         \
	X(ACT_QUIT_ALL, "quit-all", "Quit casepath")                               \
	X(ACT_HELP, "help", "Show the keys of this screen")                        \
	X(ACT_COMMAND, "command", "Open the command line")                         \
	X(ACT_REDRAW, "redraw", "Redraw the screen")                               \
	X(ACT_PRIVACY, "privacy", "Hide the screen until a key is pressed")       \
	X(ACT_DEADLINES, "deadlines", "Show the deadline view")                    \
	X(ACT_AUDIT, "audit", "Show the audit trail (supervisors and auditors)")  \
	X(ACT_SWITCH, "switch", "Switch lists (audit) or go to the next section (report)") \
	X(ACT_SECTION_PREV, "section-prev", "Go to the previous section")        \
	X(ACT_REPORT, "report", "Show the report: caseload, time in stage, deadlines, outcomes") \
	X(ACT_DUPLICATES, "duplicates", "Show possible duplicates: pairs of records probably one person") \
	/* moving in a list */                                                 \
	X(ACT_MOVE_DOWN, "move-down", "Move down one row")                         \
	X(ACT_MOVE_UP, "move-up", "Move up one row")                               \
	X(ACT_PAGE_DOWN, "page-down", "Move down one page")                        \
	X(ACT_PAGE_UP, "page-up", "Move up one page")                              \
	X(ACT_FIRST, "first", "Go to the first row")                               \
	X(ACT_LAST, "last", "Go to the last row")                                  \
	X(ACT_OPEN, "open", "Open the selected row")                               \
	/* the case list */                                                    \
	X(ACT_TIMELINE, "timeline", "Show the person's timeline")                  \
	X(ACT_SEARCH, "search", "Search names as you type (~name: similar names)")  \
	X(ACT_SEARCH_NEXT, "search-next", "Go to the next match")                  \
	X(ACT_SEARCH_PREV, "search-prev", "Go to the previous match")              \
	X(ACT_SORT_NEXT, "sort-next", "Sort by the next column")                   \
	X(ACT_SORT_REVERSE, "sort-reverse", "Reverse the sort order")              \
	X(ACT_FILTER, "filter", "Filter the list (stage=, nat=, sex=, age=, flags=, within=)") \
	X(ACT_FILTER_CLEAR, "filter-clear", "Clear the filter")                    \
	X(ACT_FILTER_SAVE, "filter-save", "Save the filter under a name (:filter-save NAME)") \
	X(ACT_FILTER_LOAD, "filter-load", "Apply a saved filter (:filter-load NAME)") \
	X(ACT_SORT, "sort", "Sort by a column (:sort name, :sort days desc)")    \
	X(ACT_GOTO, "goto", "Go to a case number (:goto TR-2024-000123)")        \
	X(ACT_REVIEW, "review", "Review the cases on this list one by one")        \
	/* editing */                                                          \
	X(ACT_ADD, "add", "Add a person (list) or an event (timeline)")            \
	X(ACT_EDIT, "edit", "Edit the person or the selected event")               \
	X(ACT_DELETE, "delete", "Delete the selected event")                       \
	X(ACT_LINK, "link", "Link a relative to this person")                      \
	/* the review session */                                               \
	X(ACT_REVIEW_NEXT, "review-next", "Next case")                             \
	X(ACT_REVIEW_PREV, "review-prev", "Previous case")                         \
	X(ACT_REVIEW_MARK, "review-mark", "Mark this case reviewed (with a note)") \
	/* possible duplicates */                                             \
	X(ACT_MERGE, "merge", "Merge the pair's two records (asks which one stays)") \
	X(ACT_NOT_SAME, "not-same", "Mark the pair as two different people")    \
	X(ACT_UNMERGE, "unmerge", "Undo the merge this record took part in")    \
	/* forms */                                                            \
	X(ACT_FIELD_NEXT, "field-next", "Next field")                              \
	X(ACT_FIELD_PREV, "field-prev", "Previous field")                          \
	X(ACT_SAVE, "save", "Save the form")                                       \
	X(ACT_CANCEL, "cancel", "Leave the form without saving")

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
