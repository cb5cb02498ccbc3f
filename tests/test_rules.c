/* test_rules.c: the pathway rules, table-driven. Each row is one
 * person's short story (events, person, relations, an as-of date) and
 * what the law says must come out of it: the stage, the clocks with
 * their exact due dates and status, and the guardrail violations.
 *
 * The expectations come from the domain notes (domain-notes.md sections
 * 1 and 2) and DESIGN.md sections 3 and 4, never from the engine: every
 * date below was worked out by hand, and the comments show the sums.
 * Weekdays used by the rolling rules: 2023-01-01 is a Sunday,
 * 2023-03-01 a Wednesday, 2024-10-29 a Tuesday. Holidays are the ones
 * tr.rules lists (fixed 01-01, 04-23, 05-01, 05-19, 07-15, 08-30, 10-29
 * and the dated religious holidays). */
#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/clock_text.h"
#include "casepath/date.h"
#include "casepath/rules.h"
#include "casepath/views.h"
#include "casepath/vocab.h"

Suite *suite_rules(void);

/* --- the table ------------------------------------------------------------- */

struct tev {
	const char *kind, *date, *country, *duration, *outcome, *note;
};

struct trel {
	const char *relation, *other, *birth;
	bool arrangement;
};

struct tclock {
	const char *name, *due, *latest, *status;
	int ev;            /* the 1-based event that started it; 0: not checked */
};

struct tviol {
	const char *rule;
	bool blocking;
	int ev;            /* the 1-based event at fault; 0: not checked */
};

#define MAX_EV 12
#define MAX_REL 3
#define MAX_CLOCKS 6
#define MAX_VIOLS 4
#define MAX_ABSENT 4

struct tcase {
	const char *name;
	const char *nat, *claimed, *ethnicity, *birth;
	struct tev ev[MAX_EV];
	struct trel rel[MAX_REL];
	const char *asof;
	const char *stage;
	struct tclock clocks[MAX_CLOCKS];   /* must be present, exactly */
	struct tviol viols[MAX_VIOLS];      /* the only violations allowed */
	const char *absent[MAX_ABSENT];     /* clock names that must not appear */
};

/* events */
#define E(k, d) { k, d, "", "", "", "" }
#define EC(k, d, c) { k, d, c, "", "", "" }
#define EO(k, d, o) { k, d, "", "", o, "" }
#define EF(k, d, c, dur, o, n) { k, d, c, dur, o, n }
/* clocks: exact trigger (due == due_latest), partial trigger */
#define CK(n, due, st, ev) { n, due, due, st, ev }
#define CKP(n, due, latest, st, ev) { n, due, latest, st, ev }
/* violations: a blocking guardrail at event ev; a warning */
#define BLOCK(r, ev) { r, true, ev }
#define WARN(r) { r, false, 0 }
/* relations */
#define CHILD(other, birth, arr) { "child", other, birth, arr }

/* Which rule id tr.rules gives each clock. */
static const char *const clock_rules[][2] = {
	{ "challenge_window", "K1" },
	{ "challenge_decision", "K2" },
	{ "admin_detention_initial", "K4" },
	{ "admin_detention_max", "K5" },
	{ "detention_review", "K4-review" },
	{ "judicial_control_max", "K8" },
	{ "custody_max", "K10" },
	{ "custody_absolute", "K10-max" },
	{ "sentence_end", "G8" },
	{ "conditional_release", "K12" },
	{ "measure_expiry", "K22" },
	{ "majority", "CRC-1" },
};

static const struct tcase cases[] = {
	/* === removal centre: K4 / K5 / K4-review ============================ */

	/* 2023-08-31 + 6m: February 2024 has 29 days, so 2024-02-29;
	 * + 12m = 2024-08-31. Review: the monthly anniversaries of the start
	 * are start + 1m = 2023-09-30, start + 2m = 2023-10-31 (each counted
	 * from the start, not from the previous anniversary). */
	{ .name = "centre: month end, leap year",
	  .nat = "UZB", .birth = "1991",
	  .ev = { E("removal_centre_admission", "2023-08-31") },
	  .asof = "2023-10-15", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2024-02-29", "open", 1),
	              CK("admin_detention_max", "2024-08-31", "open", 1),
	              CK("detention_review", "2023-10-31", "open", 0) } },

	/* 2022-08-31 + 6m = 2023-02-28 (2023 is not a leap year);
	 * + 12m = 2023-08-31; first review 2022-08-31 + 1m = 2022-09-30. */
	{ .name = "centre: month end, non-leap year",
	  .nat = "UZB", .birth = "1991",
	  .ev = { E("removal_centre_admission", "2022-08-31") },
	  .asof = "2022-09-10", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-02-28", "open", 1),
	              CK("admin_detention_max", "2023-08-31", "open", 1),
	              CK("detention_review", "2022-09-30", "open", 0) } },

	/* A transfer between centres does not restart the clock: both run
	 * from the admission (event 1). 2023-01-10 + 6m = 2023-07-10,
	 * + 12m = 2024-01-10; next review on/after 04-01 is 04-10. */
	{ .name = "centre: transfer does not restart the clock",
	  .nat = "TJK", .birth = "1987",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          EF("removal_centre_transfer", "2023-03-15", "", "", "",
	             "moved to another centre") },
	  .asof = "2023-04-01", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "open", 1),
	              CK("admin_detention_max", "2024-01-10", "open", 1),
	              CK("detention_review", "2023-04-10", "open", 0) } },

	/* Released before six months: both met; no review once out. */
	{ .name = "centre: released before six months",
	  .nat = "TJK", .birth = "1987",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("removal_centre_release", "2023-05-02") },
	  .asof = "2023-06-01", .stage = "community",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "met", 1) },
	  .absent = { "detention_review" } },

	/* Released on the very day the six months end: on/before due. */
	{ .name = "centre: released on the due day",
	  .nat = "TJK", .birth = "1987",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("removal_centre_release", "2023-07-10") },
	  .asof = "2023-08-01", .stage = "community",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "met", 1) },
	  .absent = { "detention_review" } },

	/* Extension with a ground before the six months end (TA26): the
	 * initial period is met, the 12-month cap still runs. Review:
	 * anniversaries of 01-10; the next on/after 08-01 is 08-10. */
	{ .name = "centre: extension with a ground",
	  .nat = "KGZ", .birth = "1990",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          EO("detention_extended", "2023-07-05", "origin_not_cooperating") },
	  .asof = "2023-08-01", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "open", 1),
	              CK("detention_review", "2023-08-10", "open", 0) } },

	/* Same, but no ground recorded: G5-ground warns (not blocking). */
	{ .name = "centre: extension without a ground (G5-ground)",
	  .nat = "KGZ", .birth = "1990",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("detention_extended", "2023-07-05") },
	  .asof = "2023-08-01", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "open", 1) },
	  .viols = { WARN("G5-ground") } },

	/* Six months passed with no extension and still held: K4 overdue;
	 * the 12-month cap is not reached, so no G5 yet. */
	{ .name = "centre: six months passed without extension",
	  .nat = "KGZ", .birth = "1990",
	  .ev = { E("removal_centre_admission", "2023-01-10") },
	  .asof = "2023-08-01", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "overdue", 1),
	              CK("admin_detention_max", "2024-01-10", "open", 1),
	              CK("detention_review", "2023-08-10", "open", 0) } },

	/* Thirteen months in a centre (TA27 broken): K5 overdue and G5.
	 * 2022-01-10 + 12m = 2023-01-10; the review falls on the as-of day
	 * itself (2022-01-10 + 13m = 2023-02-10, "on or after"). */
	{ .name = "centre: 13 months with extension (G5)",
	  .nat = "AZE", .birth = "1984",
	  .ev = { E("removal_centre_admission", "2022-01-10"),
	          EO("detention_extended", "2022-07-01", "paperwork_incomplete") },
	  .asof = "2023-02-10", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2022-07-10", "met", 1),
	              CK("admin_detention_max", "2023-01-10", "overdue", 1),
	              CK("detention_review", "2023-02-10", "open", 0) },
	  .viols = { WARN("G5") } },

	/* Thirteen months, never extended: both overdue, G5. */
	{ .name = "centre: 13 months without extension (G5)",
	  .nat = "AZE", .birth = "1984",
	  .ev = { E("removal_centre_admission", "2022-01-10") },
	  .asof = "2023-02-11", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2022-07-10", "overdue", 1),
	              CK("admin_detention_max", "2023-01-10", "overdue", 1),
	              CK("detention_review", "2023-03-10", "open", 0) },
	  .viols = { WARN("G5") } },

	/* Released at the year limit, then re-detained on new grounds
	 * (TA28): a new period from the new admission (event 5), and only
	 * its clocks are reported. 2023-03-02 + 6m = 2023-09-02, + 12m =
	 * 2024-03-02; reviews 04-02, 05-02: next on/after 04-15 is 05-02. */
	{ .name = "centre: release and re-detention start a new period",
	  .nat = "AZE", .birth = "1984",
	  .ev = { E("removal_centre_admission", "2022-01-10"),
	          EO("detention_extended", "2022-07-01", "origin_not_cooperating"),
	          E("removal_centre_release", "2023-01-09"),
	          EF("re_detained", "2023-03-01", "", "", "", "new grounds"),
	          E("removal_centre_admission", "2023-03-02") },
	  .asof = "2023-04-15", .stage = "removal_centre",
	  .clocks = { CK("admin_detention_initial", "2023-09-02", "open", 5),
	              CK("admin_detention_max", "2024-03-02", "open", 5),
	              CK("detention_review", "2023-05-02", "open", 0) } },

	/* Admission known only to the month: 2023-03-01 + 6m = 2023-09-01,
	 * 2023-03-31 + 6m = 2023-09-30 (clamped); + 12m: 2024-03-01 and
	 * 2024-03-31. */
	{ .name = "centre: admission known to the month",
	  .nat = "TKM", .birth = "1993",
	  .ev = { E("removal_centre_admission", "2023-03") },
	  .asof = "2023-06-15", .stage = "removal_centre",
	  .clocks = { CKP("admin_detention_initial", "2023-09-01", "2023-09-30",
	                  "open", 1),
	              CKP("admin_detention_max", "2024-03-01", "2024-03-31",
	                  "open", 1) } },

	/* Absconding ends the period (A26). */
	{ .name = "centre: absconded",
	  .nat = "TKM", .birth = "1993",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("absconded", "2023-03-01") },
	  .asof = "2023-09-01", .stage = "absconded",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "met", 1) },
	  .absent = { "detention_review" } },

	/* House arrest instead of the centre (TA18) ends the period. */
	{ .name = "centre: alternative measure",
	  .nat = "TKM", .birth = "1993",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          EF("alternative_measure", "2023-02-20", "", "", "house_arrest", "") },
	  .asof = "2023-03-01", .stage = "alternative_measure",
	  .clocks = { CK("admin_detention_initial", "2023-07-10", "met", 1),
	              CK("admin_detention_max", "2024-01-10", "met", 1) },
	  .absent = { "detention_review" } },

	/* Police custody ended by a removal decision, then a centre:
	 * custody met (2023-05-02 + 4d = 05-06, + 12d = 05-14); centre
	 * from 05-04: + 6m = 2023-11-04, + 12m = 2024-05-04, review 06-04. */
	{ .name = "centre: straight from custody",
	  .nat = "DZA", .birth = "1989",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("removal_decision", "2023-05-03"),
	          E("removal_centre_admission", "2023-05-04") },
	  .asof = "2023-05-20", .stage = "removal_centre",
	  .clocks = { CK("custody_max", "2023-05-06", "met", 1),
	              CK("custody_absolute", "2023-05-14", "met", 1),
	              CK("admin_detention_initial", "2023-11-04", "open", 3),
	              CK("admin_detention_max", "2024-05-04", "open", 3),
	              CK("detention_review", "2023-06-04", "open", 0) } },

	/* === challenge window K1 and decision K2 ============================= */

	/* Notified Saturday 2023-03-04: + 7d = Saturday 03-11, rolled past
	 * the weekend to Monday 2023-03-13. */
	{ .name = "K1: window ends on a Saturday",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_decision", "2023-03-01"),
	          E("removal_notified", "2023-03-04") },
	  .asof = "2023-03-06", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "open", 2) } },

	/* The rolled Monday is still open on the day itself... */
	{ .name = "K1: open on the rolled due day",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2023-03-13", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "open", 1) } },

	/* ...and overdue the day after, with no challenge. */
	{ .name = "K1: overdue the day after",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2023-03-14", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "overdue", 1) } },

	/* Filed on the rolled Monday: met. K2: 2023-03-13 + 15d = Tuesday
	 * 2023-03-28, a working day. Challenge pending (A17). */
	{ .name = "K1: filed on the rolled day is met",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"),
	          E("challenge_filed", "2023-03-13") },
	  .asof = "2023-03-20", .stage = "challenge_pending",
	  .clocks = { CK("challenge_window", "2023-03-13", "met", 1),
	              CK("challenge_decision", "2023-03-28", "open", 2) } },

	/* Notified Tuesday 2024-10-22: + 7d = Tuesday 2024-10-29, Republic
	 * Day, so Wednesday 2024-10-30. */
	{ .name = "K1: window ends on Republic Day (weekday)",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2024-10-22") },
	  .asof = "2024-10-25", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2024-10-30", "open", 1) } },

	/* Notified Sunday 2023-10-22: + 7d = Sunday 2023-10-29 (also
	 * Republic Day), so Monday 2023-10-30. */
	{ .name = "K1: window ends on Republic Day (Sunday)",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023-10-22") },
	  .asof = "2023-10-31", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-10-30", "overdue", 1) } },

	/* Notified Friday 2023-04-14: + 7d = Friday 04-21 (Ramazan
	 * Bayramı), 04-22 Saturday and Bayramı, 04-23 Sunday and National
	 * Sovereignty Day: due Monday 2023-04-24. */
	{ .name = "K1: window rolls over a religious holiday and a weekend",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023-04-14") },
	  .asof = "2023-04-20", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-04-24", "open", 1) } },

	/* Notified sometime in March 2023: earliest 03-01 + 7d = Wednesday
	 * 2023-03-08 (a working day); latest 03-31 + 7d = Friday 2023-04-07
	 * (a working day, no holiday): neither rolls. */
	{ .name = "K1: notification known to the month",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03") },
	  .asof = "2023-03-20", .stage = "removal_ordered",
	  .clocks = { CKP("challenge_window", "2023-03-08", "2023-04-07",
	                  "open", 1) } },

	/* Notified sometime in 2023: earliest 01-01 + 7d = Sunday
	 * 2023-01-08, rolled to Monday 01-09; latest 12-31 + 7d = Sunday
	 * 2024-01-07, rolled to Monday 2024-01-08. Overdue only once the
	 * latest possible due date has passed... */
	{ .name = "K1: notification known to the year",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023") },
	  .asof = "2024-01-20", .stage = "removal_ordered",
	  .clocks = { CKP("challenge_window", "2023-01-09", "2024-01-08",
	                  "overdue", 1) } },

	/* ...and the grace (tr.rules: 30d) counts from that latest day too:
	 * 2024-01-08 + 30d = 2024-02-07 is the last overdue day. */
	{ .name = "K1: partial notification lapses after the latest day's grace",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023") },
	  .asof = "2024-02-08", .stage = "removal_ordered",
	  .clocks = { CKP("challenge_window", "2023-01-09", "2024-01-08",
	                  "lapsed", 1) } },

	/* === K1 lapsing: the grace boundary day by day ======================== */
	/* Notified Saturday 2023-03-04, due the rolled Monday 2023-03-13;
	 * unused, it is overdue through 2023-03-13 + 30d = 2023-04-12 and
	 * lapsed from 2023-04-13. */
	{ .name = "K1 lapse: the day before the grace ends, overdue",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2023-04-11", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "overdue", 1) } },
	{ .name = "K1 lapse: the grace's last day, still overdue",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2023-04-12", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "overdue", 1) } },
	{ .name = "K1 lapse: the day after the grace, lapsed",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2023-04-13", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },
	{ .name = "K1 lapse: years later, lapsed (not overdue 1456d)",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04") },
	  .asof = "2027-03-01", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },

	/* Moot: deported after the window closed unused (no G1: the
	 * window was over): lapsed at once, not "waived". */
	{ .name = "K1 lapse: moot by removal",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"), E("deported", "2023-03-20") },
	  .asof = "2023-03-21", .stage = "deported",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },
	/* Moot inside the window: the person died on 2023-03-08; the window
	 * would be open on 03-09 but nobody can use it. */
	{ .name = "K1 lapse: moot by death inside the window",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"), E("deceased", "2023-03-08") },
	  .asof = "2023-03-09", .stage = "deceased",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },
	/* Left: a voluntary return after the window closed. */
	{ .name = "K1 lapse: moot by a voluntary return",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"),
	          E("voluntary_return", "2023-03-16") },
	  .asof = "2023-03-17", .stage = "voluntary_return",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },
	/* A later removal decision supersedes the notified one: its window
	 * lapses at once, inside the grace period that would have kept it
	 * overdue. */
	{ .name = "K1 lapse: a new removal decision supersedes",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"),
	          E("removal_decision", "2023-03-20") },
	  .asof = "2023-03-21", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1) } },
	/* ...and once the new decision is notified, its own window opens:
	 * only the latest notification has a clock. 2023-03-22 + 7d =
	 * Wednesday 2023-03-29. */
	{ .name = "K1 lapse: the new notification's window is open",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"),
	          E("removal_decision", "2023-03-20"),
	          E("removal_notified", "2023-03-22") },
	  .asof = "2023-03-23", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-29", "open", 3) } },
	/* Filed late (2023-03-20, after the 03-13 last day): the court's
	 * matter now (K2 runs: 03-20 + 15d = Tuesday 04-04); the window
	 * itself lapsed. */
	{ .name = "K1 lapse: a late filing",
	  .nat = "UZB", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-04"),
	          E("challenge_filed", "2023-03-20") },
	  .asof = "2023-03-21", .stage = "challenge_pending",
	  .clocks = { CK("challenge_window", "2023-03-13", "lapsed", 1),
	              CK("challenge_decision", "2023-04-04", "open", 2) } },

	/* Still open while as-of is between the earliest and the latest due. */
	{ .name = "K1: partial notification open until the latest due",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03") },
	  .asof = "2023-04-07", .stage = "removal_ordered",
	  .clocks = { CKP("challenge_window", "2023-03-08", "2023-04-07",
	                  "open", 1) } },

	/* An approximate exact day counts like the day. */
	{ .name = "K1: approximate day",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "~2023-03-04") },
	  .asof = "2023-03-10", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-03-13", "open", 1) } },

	/* Only the latest notification counts: 2023-05-02 (Tuesday) + 7d =
	 * Tuesday 05-09, one clock, started by event 2. */
	{ .name = "K1: only the latest notification counts",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EF("removal_notified", "2023-05-02", "", "", "",
	             "decision served again") },
	  .asof = "2023-05-03", .stage = "removal_ordered",
	  .clocks = { CK("challenge_window", "2023-05-09", "open", 2) } },

	/* K2 overdue: filed Monday 2023-03-06, + 15d = Tuesday 03-21; no
	 * decision by 03-30 (K2's "often exceeded"). K1 met (03-08). */
	{ .name = "K2: decision overdue",
	  .nat = "KAZ", .birth = "1985",
	  .ev = { E("removal_notified", "2023-03-01"),
	          E("challenge_filed", "2023-03-06") },
	  .asof = "2023-03-30", .stage = "challenge_pending",
	  .clocks = { CK("challenge_window", "2023-03-08", "met", 1),
	              CK("challenge_decision", "2023-03-21", "overdue", 2) } },

	/* K2 met by a (late) decision; then the consular visit (TA17 ->
	 * A20) puts the case into removal arrangements. */
	{ .name = "K2: decided, then arranging",
	  .nat = "KAZ", .birth = "1985",
	  .ev = { E("removal_notified", "2023-03-01"),
	          E("challenge_filed", "2023-03-06"),
	          EO("challenge_decided", "2023-04-20", "rejected"),
	          E("consular_visit", "2023-04-24") },
	  .asof = "2023-04-25", .stage = "removal_arranging",
	  .clocks = { CK("challenge_window", "2023-03-08", "met", 1),
	              CK("challenge_decision", "2023-03-21", "met", 2) } },

	/* K2 rolls too: notified Thursday 2023-06-08 (+ 7d = Thursday
	 * 06-15), filed Tuesday 06-13; + 15d = Wednesday 06-28, Kurban
	 * Bayramı to Saturday 07-01, then Sunday 07-02: due Monday 07-03. */
	{ .name = "K2: decision due rolls over Kurban Bayrami",
	  .nat = "KAZ", .birth = "1985",
	  .ev = { E("removal_notified", "2023-06-08"),
	          E("challenge_filed", "2023-06-13") },
	  .asof = "2023-07-01", .stage = "challenge_pending",
	  .clocks = { CK("challenge_window", "2023-06-15", "met", 1),
	              CK("challenge_decision", "2023-07-03", "open", 2) } },

	/* === police custody K10 / K10-max, G7 ================================ */

	/* Five days and still held: past the 4-day ceiling (2023-05-02 +
	 * 4d = 05-06) without an extension; the 12-day ceiling (05-14) not
	 * reached, so no G7. */
	{ .name = "custody: five days, still held",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("police_custody", "2023-05-02") },
	  .asof = "2023-05-07", .stage = "custody",
	  .clocks = { CK("custody_max", "2023-05-06", "overdue", 1),
	              CK("custody_absolute", "2023-05-14", "open", 1) } },

	/* Five days, then released: the 4-day ceiling was overrun. */
	{ .name = "custody: released after five days",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("custody_release", "2023-05-07") },
	  .asof = "2023-05-10", .stage = "released",
	  .clocks = { CK("custody_max", "2023-05-06", "overdue", 1),
	              CK("custody_absolute", "2023-05-14", "met", 1) } },

	/* Extended on day 3: the 4-day ceiling is waived; released day 8. */
	{ .name = "custody: extension waives the 4-day ceiling",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("custody_extended", "2023-05-05"),
	          E("custody_release", "2023-05-10") },
	  .asof = "2023-05-20", .stage = "released",
	  .clocks = { CK("custody_max", "2023-05-06", "waived", 1),
	              CK("custody_absolute", "2023-05-14", "met", 1) } },

	/* Thirteen days in custody, even with an extension: G7. */
	{ .name = "custody: 13 days with extension (G7)",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("custody_extended", "2023-05-05") },
	  .asof = "2023-05-15", .stage = "custody",
	  .clocks = { CK("custody_max", "2023-05-06", "waived", 1),
	              CK("custody_absolute", "2023-05-14", "overdue", 1) },
	  .viols = { WARN("G7") } },

	/* Thirteen days, never extended. */
	{ .name = "custody: 13 days without extension (G7)",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("apprehension", "2023-05-01"),
	          E("police_custody", "2023-05-02") },
	  .asof = "2023-05-15", .stage = "custody",
	  .clocks = { CK("custody_max", "2023-05-06", "overdue", 2),
	              CK("custody_absolute", "2023-05-14", "overdue", 2) },
	  .viols = { WARN("G7") } },

	/* Custody ended in time by pre-trial detention (TA7 -> A07). */
	{ .name = "custody: ended by pre-trial detention",
	  .nat = "TUR", .birth = "1995",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("pretrial_detention", "2023-05-04") },
	  .asof = "2023-06-01", .stage = "pretrial_detention",
	  .clocks = { CK("custody_max", "2023-05-06", "met", 1),
	              CK("custody_absolute", "2023-05-14", "met", 1) } },

	/* === judicial control K8, G6 ========================================= */

	/* Under judicial control since 2018-03-15: + 4y = 2022-03-15; one
	 * day later and no final verdict: overdue and G6. A hearing does
	 * not change the stage while under judicial control. */
	{ .name = "judicial control: past four years (G6)",
	  .nat = "TUR", .birth = "1980",
	  .ev = { E("charge", "2018-03-01"),
	          E("judicial_control", "2018-03-15"),
	          E("hearing", "2021-01-10") },
	  .asof = "2022-03-16", .stage = "judicial_control",
	  .clocks = { CK("judicial_control_max", "2022-03-15", "overdue", 2) },
	  .viols = { WARN("G6") } },

	/* Lifted in time: met. The later hearing is then plain trial. */
	{ .name = "judicial control: lifted in time",
	  .nat = "TUR", .birth = "1980",
	  .ev = { E("charge", "2018-03-01"),
	          E("judicial_control", "2018-03-15"),
	          E("judicial_control_lifted", "2020-06-01"),
	          E("hearing", "2020-09-01") },
	  .asof = "2022-06-01", .stage = "trial",
	  .clocks = { CK("judicial_control_max", "2022-03-15", "met", 2) } },

	/* Acquitted (ends judicial control: met, no G6 even past
	 * 2019-04-01 + 4y = 2023-04-01), then the prosecutor appeals (A11). */
	{ .name = "judicial control: ended by acquittal, prosecutor appeals",
	  .nat = "NLD", .birth = "1992",
	  .ev = { E("judicial_control", "2019-04-01"),
	          EO("verdict", "2021-05-03", "acquitted"),
	          E("appeal_filed", "2021-05-20") },
	  .asof = "2023-06-01", .stage = "appeal",
	  .clocks = { CK("judicial_control_max", "2023-04-01", "met", 1) } },

	/* From pre-trial detention to judicial control on 29 Feb 2020:
	 * + 4y = 2024-02-29 (a leap year again). */
	{ .name = "judicial control: open, from 29 February",
	  .nat = "TUR", .birth = "1980",
	  .ev = { E("pretrial_detention", "2020-01-10"),
	          E("judicial_control", "2020-02-29") },
	  .asof = "2023-01-01", .stage = "judicial_control",
	  .clocks = { CK("judicial_control_max", "2024-02-29", "open", 2) } },

	/* === sentence end G8 and conditional release K12 ===================== */

	/* Pre-trial 2020-02-14, straight to prison 2021-01-25 on a 4-year
	 * sentence. Credit = days 2020-02-14 .. 2021-01-25 = 346 (2020-02-14
	 * to 2021-02-14 is 366 days, less 20). Sentence end: 2021-01-25 +
	 * 4y = 2025-01-25, - 346d = 2024-02-14 (four years from the arrest).
	 * Sentence length: 2021-01-25 .. 2025-01-25 = 1461 days; 3/4 =
	 * 1095.75, ceil 1096; - 346 = 750; 2021-01-25 + 750d = 2023-02-14. */
	{ .name = "prison: pre-trial credit",
	  .nat = "RUS", .birth = "1983",
	  .ev = { E("pretrial_detention", "2020-02-14"),
	          EO("verdict", "2021-01-20", "convicted"),
	          EF("sentence", "2021-01-20", "", "4y", "", "ISIS membership"),
	          E("imprisonment", "2021-01-25") },
	  .asof = "2022-01-01", .stage = "prison",
	  .clocks = { CK("sentence_end", "2024-02-14", "open", 0),
	              CK("conditional_release", "2023-02-14", "open", 0) } },

	/* No pre-trial detention: no credit. 2019-06-10 + 3y = 2022-06-10;
	 * 1096 days (2020-02-29 inside); 3/4 = 822; + 822d = 2021-09-09. */
	{ .name = "prison: no credit",
	  .nat = "RUS", .birth = "1983",
	  .ev = { EF("sentence", "2019-06-01", "", "3y", "", ""),
	          E("imprisonment", "2019-06-10") },
	  .asof = "2020-01-01", .stage = "prison",
	  .clocks = { CK("sentence_end", "2022-06-10", "open", 0),
	              CK("conditional_release", "2021-09-09", "open", 0) } },

	/* Month-end sentence arithmetic: 2022-08-31 + 6m = 2023-02-28;
	 * 181 days, 3/4 = 135.75, ceil 136; 2022-08-31 + 136d = 2023-01-14. */
	{ .name = "prison: six months from 31 August",
	  .nat = "TUR", .birth = "1999",
	  .ev = { EF("sentence", "2022-08-30", "", "6m", "", "illegal border crossing"),
	          E("imprisonment", "2022-08-31") },
	  .asof = "2022-10-01", .stage = "prison",
	  .clocks = { CK("sentence_end", "2023-02-28", "open", 0),
	              CK("conditional_release", "2023-01-14", "open", 0) } },

	/* Held past the end of the sentence: 2020-03-01 + 2y = 2022-03-01;
	 * 730 days, 3/4 = 547.5, ceil 548; + 548d = 2021-08-31. Both
	 * overdue; G8 warns. */
	{ .name = "prison: held past the sentence (G8)",
	  .nat = "TUR", .birth = "1999",
	  .ev = { EF("sentence", "2019-12-01", "", "2y", "", ""),
	          E("imprisonment", "2020-03-01") },
	  .asof = "2022-03-05", .stage = "prison",
	  .clocks = { CK("sentence_end", "2022-03-01", "overdue", 0),
	              CK("conditional_release", "2021-08-31", "overdue", 0) },
	  .viols = { WARN("G8") } },

	/* Released on conditional release after the 3/4 date: both met. */
	{ .name = "prison: conditional release",
	  .nat = "TUR", .birth = "1999",
	  .ev = { EF("sentence", "2019-12-01", "", "2y", "", ""),
	          E("imprisonment", "2020-03-01"),
	          E("conditional_release", "2021-09-15") },
	  .asof = "2022-03-05", .stage = "released",
	  .clocks = { CK("sentence_end", "2022-03-01", "met", 0),
	              CK("conditional_release", "2021-08-31", "met", 0) } },

	/* === measures K22 ==================================================== */

	/* Security code for a year: 2023-01-15 + 1y = 2024-01-15. */
	{ .name = "measure: security code running",
	  .nat = "DEU", .birth = "1994",
	  .ev = { E("released_to_community", "2023-01-10"),
	          EF("security_code", "2023-01-15", "", "1y", "G87", "") },
	  .asof = "2023-06-01", .stage = "community",
	  .clocks = { CK("measure_expiry", "2024-01-15", "open", 2) } },

	/* Monitoring order expired unlifted: 2022-02-01 + 6m = 2022-08-01. */
	{ .name = "measure: monitoring past its expiry",
	  .nat = "DEU", .birth = "1994",
	  .ev = { E("released_to_community", "2022-01-20"),
	          EF("electronic_monitoring", "2022-02-01", "", "6m", "", "") },
	  .asof = "2022-09-01", .stage = "community",
	  .clocks = { CK("measure_expiry", "2022-08-01", "overdue", 2) } },

	/* Travel ban after an acquittal (A11), lifted early:
	 * 2022-01-31 + 1m = 2022-02-28 (clamped). */
	{ .name = "measure: travel ban lifted",
	  .nat = "NLD", .birth = "1992",
	  .ev = { EO("verdict", "2022-01-28", "acquitted"),
	          EF("travel_ban", "2022-01-31", "", "1m", "", ""),
	          E("measure_lifted", "2022-02-10") },
	  .asof = "2022-03-15", .stage = "released",
	  .clocks = { CK("measure_expiry", "2022-02-28", "met", 2) } },

	/* Security code lifted with its own event: 2022-05-01 + 2y. */
	{ .name = "measure: security code lifted",
	  .nat = "TUR", .birth = "1988",
	  .ev = { E("prison_release", "2022-04-30"),
	          EF("security_code", "2022-05-01", "", "2y", "G89", ""),
	          E("security_code_lifted", "2023-01-01") },
	  .asof = "2023-02-01", .stage = "released",
	  .clocks = { CK("measure_expiry", "2024-05-01", "met", 2) } },

	/* No duration recorded (K22: the documents give no number): no
	 * clock is invented. */
	{ .name = "measure: no duration, no clock",
	  .nat = "TUR", .birth = "1988",
	  .ev = { E("released_to_community", "2022-04-30"),
	          EO("security_code", "2022-05-01", "G87") },
	  .asof = "2023-02-01", .stage = "community",
	  .absent = { "measure_expiry" } },

	/* === majority CRC-1 ================================================== */

	/* A camp child known only by year: 2010-01-01 + 18y = 2028-01-01,
	 * 2010-12-31 + 18y = 2028-12-31. */
	{ .name = "majority: year-only birth, in a camp",
	  .nat = "TJK", .birth = "2010",
	  .ev = { E("camp_admission", "2019-04-01") },
	  .asof = "2023-06-01", .stage = "abroad",
	  .clocks = { CKP("majority", "2028-01-01", "2028-12-31", "open", 0) } },

	/* Month-only birth, in a programme: 2030-05-01 .. 2030-05-31. */
	{ .name = "majority: month-only birth, reintegration",
	  .nat = "KAZ", .birth = "2012-05",
	  .ev = { E("camp_admission", "2018-01"),
	          E("repatriated", "2019-05-10"),
	          E("programme_start", "2019-06-01") },
	  .asof = "2023-06-01", .stage = "reintegration",
	  .clocks = { CKP("majority", "2030-05-01", "2030-05-31", "open", 0) } },

	/* Born 29 February 2008: 18 on 2026-02-28 (clamped). */
	{ .name = "majority: born on 29 February, repatriated",
	  .nat = "UZB", .birth = "2008-02-29",
	  .ev = { E("camp_admission", "2019-03-01"),
	          E("repatriated", "2023-02-01") },
	  .asof = "2023-06-01", .stage = "repatriated",
	  .clocks = { CK("majority", "2026-02-28", "open", 0) } },

	/* Eighteen on the as-of day: an adult, no clock. */
	{ .name = "majority: eighteen today",
	  .nat = "FRA", .birth = "2005-06-01",
	  .ev = { E("border_crossing", "2023-05-20") },
	  .asof = "2023-06-01", .stage = "entry",
	  .absent = { "majority" } },

	/* One day short of eighteen: the clock is due tomorrow. */
	{ .name = "majority: eighteen tomorrow",
	  .nat = "FRA", .birth = "2005-06-02",
	  .ev = { E("surrender_at_mission", "2023-05-20") },
	  .asof = "2023-06-01", .stage = "entry",
	  .clocks = { CK("majority", "2023-06-02", "open", 0) } },

	/* === G1: no removal while a challenge is pending or its window open == */

	{ .name = "G1: deported while the challenge is pending",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_decision", "2023-02-27"),
	          E("removal_notified", "2023-03-01"),
	          E("challenge_filed", "2023-03-06"),
	          EC("deported", "2023-03-20", "TJK") },
	  .asof = "2023-03-21", .stage = "deported",
	  .viols = { BLOCK("G1", 4) } },

	/* Four days after notification, nothing filed: the window is open. */
	{ .name = "G1: deported inside the open window",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-03-05", "TJK") },
	  .asof = "2023-03-21", .stage = "deported",
	  .viols = { BLOCK("G1", 2) } },

	/* The seventh day is still inside the window (due 2023-03-08). */
	{ .name = "G1: deported on the seventh day",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-03-08", "TJK") },
	  .asof = "2023-03-21", .stage = "deported",
	  .viols = { BLOCK("G1", 2) } },

	/* Window closed with no challenge: the removal may go ahead. */
	{ .name = "G1: deported after the window closed",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-03-15", "TJK") },
	  .asof = "2023-03-21", .stage = "deported" },

	/* The court decided: the removal may go ahead (TA17). */
	{ .name = "G1: deported after the challenge was decided",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_notified", "2023-03-01"),
	          E("challenge_filed", "2023-03-06"),
	          EO("challenge_decided", "2023-04-10", "rejected"),
	          EC("deported", "2023-04-20", "") },
	  .asof = "2023-04-21", .stage = "deported" },

	/* === G2: non-refoulement risk; G2-never: Uyghurs to China =========== */

	/* Assessment (country blank = nationality) found a risk: barred. */
	{ .name = "G2: stage barred after a risk finding",
	  .nat = "UZB", .birth = "1986",
	  .ev = { E("removal_decision", "2023-01-05"),
	          E("removal_notified", "2023-01-06"),
	          EO("non_refoulement_assessment", "2023-02-01", "risk") },
	  .asof = "2023-02-10", .stage = "removal_barred" },

	{ .name = "G2: deported despite a risk finding",
	  .nat = "TJK", .birth = "1986",
	  .ev = { E("removal_notified", "2023-01-05"),
	          EO("non_refoulement_assessment", "2023-02-01", "risk"),
	          EC("deported", "2023-03-01", "TJK") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G2", 3) } },

	/* A risk found for Russia; removal to a safe third country (TA23). */
	{ .name = "G2: third-country removal despite the risk finding",
	  .nat = "RUS", .birth = "1986",
	  .ev = { E("removal_notified", "2021-01-05"),
	          EF("non_refoulement_assessment", "2021-03-01", "RUS", "", "risk", ""),
	          EC("third_country_removal", "2021-06-01", "UKR") },
	  .asof = "2021-06-02", .stage = "third_country" },

	/* The assessment was of Afghanistan: removal there is barred... */
	{ .name = "G2: risk for the assessed country",
	  .nat = "TJK", .birth = "1986",
	  .ev = { EF("non_refoulement_assessment", "2023-02-01", "AFG", "", "risk", ""),
	          EC("third_country_removal", "2023-03-01", "AFG") },
	  .asof = "2023-03-02", .stage = "third_country",
	  .viols = { BLOCK("G2", 2) } },

	/* ...but it says nothing about the person's own country. */
	{ .name = "G2: risk for another country does not bar the origin",
	  .nat = "TJK", .birth = "1986",
	  .ev = { EF("non_refoulement_assessment", "2023-02-01", "AFG", "", "risk", ""),
	          EC("deported", "2023-03-01", "TJK") },
	  .asof = "2023-03-02", .stage = "deported" },

	/* "Turkish authorities categorically refuse to deport Uighurs". */
	{ .name = "G2-never: Uyghur deported to China",
	  .nat = "CHN", .ethnicity = "Uyghur", .birth = "1979",
	  .ev = { E("removal_notified", "2023-01-05"),
	          EC("deported", "2023-03-01", "") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G2-never", 2) } },

	/* The never-return list names China only: a Kazakh Uyghur may go to
	 * Kazakhstan... */
	{ .name = "G2-never: Uyghur to Kazakhstan is allowed",
	  .nat = "KAZ", .ethnicity = "Uyghur", .birth = "1979",
	  .ev = { E("removal_notified", "2023-01-05"),
	          EC("deported", "2023-03-01", "KAZ") },
	  .asof = "2023-03-02", .stage = "deported" },

	/* ...but not be sent on to China, whatever the removal's kind. */
	{ .name = "G2-never: Uyghur sent to China as a third country",
	  .nat = "KAZ", .ethnicity = "Uyghur", .birth = "1979",
	  .ev = { E("removal_notified", "2023-01-05"),
	          EC("third_country_removal", "2023-03-01", "CHN") },
	  .asof = "2023-03-02", .stage = "third_country",
	  .viols = { BLOCK("G2-never", 2) } },

	/* === G3: Syrians return only voluntarily, form signed before a
	 * witness of an accepted kind (TA21) ================================= */

	{ .name = "G3: Syrian voluntary return without a form",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_decision", "2023-01-10"),
	          E("removal_notified", "2023-01-12"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "voluntary_return",
	  .viols = { BLOCK("G3", 3) } },

	{ .name = "G3: signed form without a witness",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "signed at the centre"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "voluntary_return",
	  .viols = { BLOCK("G3", 3) } },

	{ .name = "G3: signed form, witness of a kind not accepted",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "witness: centre director"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "voluntary_return",
	  .viols = { BLOCK("G3", 3) } },

	{ .name = "G3: form refused, not signed",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EF("voluntary_return_form", "2023-02-20", "", "", "refused",
	             "witness: UNHCR"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "voluntary_return",
	  .viols = { BLOCK("G3", 3) } },

	{ .name = "G3: form signed before the Turkish Red Crescent",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "witness: Turkish Red Crescent"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "voluntary_return" },

	/* Destination blank: the nationality, Syria. */
	{ .name = "G3: form signed before the Provincial Human Rights Council",
	  .nat = "SYR", .birth = "1990",
	  .ev = { EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "witness: Provincial Human Rights Council"),
	          EC("voluntary_return", "2023-03-01", "") },
	  .asof = "2023-03-02", .stage = "voluntary_return" },

	/* The form must come first. */
	{ .name = "G3: form signed only after the return",
	  .nat = "SYR", .birth = "1990",
	  .ev = { EC("voluntary_return", "2023-03-01", "SYR"),
	          EF("voluntary_return_form", "2023-03-05", "", "", "signed",
	             "witness: UNHCR") },
	  .asof = "2023-03-06", .stage = "voluntary_return",
	  .viols = { BLOCK("G3", 1) } },

	/* Syrians are never "deported", even with a form. */
	{ .name = "G3: Syrian deported despite a form",
	  .nat = "SYR", .birth = "1990",
	  .ev = { EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "witness: UNHCR"),
	          EC("deported", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G3", 2) } },

	{ .name = "G3: Syrian deported, country blank",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          E("deported", "2023-03-01") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G3", 2) } },

	/* G3 is about return to Syria; a third country is not. */
	{ .name = "G3: Syrian removed to a third country",
	  .nat = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EC("third_country_removal", "2023-03-01", "DEU") },
	  .asof = "2023-03-02", .stage = "third_country" },

	/* A disputed claim keeps its protection: recorded Uzbek, claims to
	 * be Syrian, deported to Syria. */
	{ .name = "disputed nationality: claimed Syrian deported to Syria",
	  .nat = "UZB", .claimed = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EC("deported", "2023-03-01", "SYR") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G3", 2) } },

	/* The same person deported to Uzbekistan: no Syrian protection
	 * applies to that destination. */
	{ .name = "disputed nationality: claimed Syrian deported to Uzbekistan",
	  .nat = "UZB", .claimed = "SYR", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EC("deported", "2023-03-01", "UZB") },
	  .asof = "2023-03-02", .stage = "deported" },

	/* Recorded Tajik, claims Russian: deported to Russia, the
	 * case-by-case protection of the claimed nationality applies. */
	{ .name = "disputed nationality: claimed Russian deported to Russia",
	  .nat = "TJK", .claimed = "RUS", .birth = "1990",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EC("deported", "2023-03-01", "RUS") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G4", 2) } },

	/* === G4: case-by-case countries need an assessment first (TA22) ===== */

	{ .name = "G4: Libyan deported without an assessment",
	  .nat = "LBY", .birth = "1982",
	  .ev = { E("removal_notified", "2023-01-12"),
	          E("deported", "2023-03-01") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G4", 2) } },

	{ .name = "G4: Libyan deported after a no-risk assessment",
	  .nat = "LBY", .birth = "1982",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EF("non_refoulement_assessment", "2023-02-01", "LBY", "", "no_risk", ""),
	          EC("deported", "2023-03-01", "LBY") },
	  .asof = "2023-03-02", .stage = "deported" },

	/* A claimant of a case-by-case nationality is protected too. */
	{ .name = "G4: claimed Egyptian deported to Egypt",
	  .nat = "XXX", .claimed = "EGY", .birth = "1982",
	  .ev = { E("removal_notified", "2023-01-12"),
	          EC("deported", "2023-03-01", "EGY") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G4", 2) } },

	/* An assessment of another country does not count. */
	{ .name = "G4: Yemeni with an assessment of another country",
	  .nat = "YEM", .birth = "1982",
	  .ev = { EF("non_refoulement_assessment", "2023-02-01", "SAU", "", "no_risk", ""),
	          EC("deported", "2023-03-01", "YEM") },
	  .asof = "2023-03-02", .stage = "deported",
	  .viols = { BLOCK("G4", 2) } },

	/* A Russian removed to Ukraine needs no assessment of Russia. */
	{ .name = "G4: Russian to a third country",
	  .nat = "RUS", .birth = "1982",
	  .ev = { E("removal_notified", "2021-01-12"),
	          EC("third_country_removal", "2021-03-01", "UKR") },
	  .asof = "2021-03-02", .stage = "third_country" },

	/* === G9: an adult's removal with linked minor children ============== */

	{ .name = "G9: two minor children without arrangements",
	  .nat = "TJK", .birth = "1985",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-05-02", "TJK") },
	  .rel = { CHILD("C-G9-2", "2015-03-01", false),
	           CHILD("C-G9-3", "2018", false) },
	  .asof = "2023-05-03", .stage = "deported",
	  .viols = { BLOCK("G9", 2) } },

	{ .name = "G9: two minor children with arrangements",
	  .nat = "TJK", .birth = "1985",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-05-02", "TJK") },
	  .rel = { CHILD("C-G9-2", "2015-03-01", true),
	           CHILD("C-G9-3", "2018", true) },
	  .asof = "2023-05-03", .stage = "deported" },

	/* Each child: one arranged is not enough. */
	{ .name = "G9: one of two children without an arrangement",
	  .nat = "TJK", .birth = "1985",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-05-02", "TJK") },
	  .rel = { CHILD("C-G9-2", "2015-03-01", true),
	           CHILD("C-G9-3", "2018", false) },
	  .asof = "2023-05-03", .stage = "deported",
	  .viols = { BLOCK("G9", 2) } },

	/* An adult child needs no arrangement. */
	{ .name = "G9: adult child",
	  .nat = "TJK", .birth = "1965",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-05-02", "TJK") },
	  .rel = { CHILD("C-G9-4", "2000-01-01", false) },
	  .asof = "2023-05-03", .stage = "deported" },

	/* Eighteen on the removal day: no longer a minor. */
	{ .name = "G9: child turns eighteen on the removal day",
	  .nat = "TJK", .birth = "1965",
	  .ev = { E("removal_notified", "2023-03-01"),
	          EC("deported", "2023-05-02", "TJK") },
	  .rel = { CHILD("C-G9-5", "2005-05-02", false) },
	  .asof = "2023-05-03", .stage = "deported" },

	/* G9 applies to a voluntary return too; the form itself is fine. */
	{ .name = "G9: Syrian mother returns voluntarily, child unarranged",
	  .nat = "SYR", .birth = "1992",
	  .ev = { EF("voluntary_return_form", "2023-02-20", "", "", "signed",
	             "witness: UNHCR"),
	          EC("voluntary_return", "2023-03-01", "SYR") },
	  .rel = { CHILD("C-G9-6", "2019", false) },
	  .asof = "2023-03-02", .stage = "voluntary_return",
	  .viols = { BLOCK("G9", 2) } },

	/* One removal can break several guardrails at once: each is
	 * reported against it. */
	{ .name = "G1 + G3 + G9: Syrian deported during a challenge, child left",
	  .nat = "SYR", .birth = "1988",
	  .ev = { E("removal_notified", "2023-03-01"),
	          E("challenge_filed", "2023-03-06"),
	          EC("deported", "2023-03-20", "SYR") },
	  .rel = { CHILD("C-G9-7", "2016-09-09", false) },
	  .asof = "2023-03-21", .stage = "deported",
	  .viols = { BLOCK("G1", 3), BLOCK("G3", 3), BLOCK("G9", 3) } },

	/* === stages: one pathway at a time ================================== */

	{ .name = "stage: surrender at the border",
	  .nat = "FRA", .birth = "1990",
	  .ev = { E("camp_admission", "2019-03"),
	          E("surrender_at_border", "2019-10-12") },
	  .asof = "2019-10-12", .stage = "entry" },

	{ .name = "stage: entry refused",
	  .nat = "BEL", .birth = "1990",
	  .ev = { E("entry_refused", "2018-06-01") },
	  .asof = "2018-07-01", .stage = "entry" },

	/* Apprehension alone is custody, but only police custody starts the
	 * custody clocks. */
	{ .name = "stage: apprehended",
	  .nat = "TJK", .birth = "1990",
	  .ev = { E("border_crossing", "2022-12-01"),
	          E("apprehension", "2023-01-05") },
	  .asof = "2023-01-05", .stage = "custody",
	  .absent = { "custody_max", "custody_absolute" } },

	{ .name = "stage: investigation after custody",
	  .nat = "TUR", .birth = "1990",
	  .ev = { E("police_custody", "2023-05-02"),
	          E("custody_release", "2023-05-03"),
	          E("investigation_opened", "2023-05-10") },
	  .asof = "2023-06-01", .stage = "investigation",
	  .clocks = { CK("custody_max", "2023-05-06", "met", 1) } },

	{ .name = "stage: trial at liberty",
	  .nat = "TUR", .birth = "1990",
	  .ev = { E("investigation_opened", "2021-11-01"),
	          E("charge", "2022-01-10"),
	          E("hearing", "2022-03-01") },
	  .asof = "2022-04-01", .stage = "trial" },

	{ .name = "stage: hearings while in pre-trial detention",
	  .nat = "TUR", .birth = "1990",
	  .ev = { E("pretrial_detention", "2021-11-01"),
	          E("charge", "2022-01-10"),
	          E("hearing", "2022-03-01") },
	  .asof = "2022-04-01", .stage = "pretrial_detention" },

	{ .name = "stage: acquitted",
	  .nat = "NLD", .birth = "1992",
	  .ev = { E("charge", "2021-01-10"),
	          E("hearing", "2021-03-01"),
	          EO("verdict", "2021-05-03", "acquitted") },
	  .asof = "2021-06-01", .stage = "released" },

	/* Convicted at first instance, appeal at liberty (A10). */
	{ .name = "stage: appeal at liberty",
	  .nat = "FRA", .birth = "1992",
	  .ev = { E("charge", "2020-01-10"),
	          EO("verdict", "2020-11-03", "convicted"),
	          E("appeal_filed", "2020-11-20") },
	  .asof = "2021-06-01", .stage = "appeal" },

	{ .name = "stage: appeal from prison",
	  .nat = "FRA", .birth = "1992",
	  .ev = { EO("verdict", "2020-11-03", "convicted"),
	          EF("sentence", "2020-11-03", "", "6y3m", "", ""),
	          E("imprisonment", "2020-11-10"),
	          E("appeal_filed", "2020-11-20") },
	  .asof = "2021-06-01", .stage = "prison" },

	{ .name = "stage: released from prison",
	  .nat = "TUR", .birth = "1985",
	  .ev = { EF("sentence", "2019-01-05", "", "3y", "", ""),
	          E("imprisonment", "2019-01-10"),
	          E("prison_release", "2022-01-10") },
	  .asof = "2022-02-01", .stage = "released",
	  .clocks = { CK("sentence_end", "2022-01-10", "met", 0) } },

	/* A removal decision served in prison: still in prison (TA14). */
	{ .name = "stage: removal ordered while in prison",
	  .nat = "DZA", .birth = "1985",
	  .ev = { EF("sentence", "2019-01-05", "", "5y", "", ""),
	          E("imprisonment", "2019-01-10"),
	          E("removal_decision", "2023-02-01"),
	          E("removal_notified", "2023-02-02") },
	  .asof = "2023-02-03", .stage = "prison" },

	{ .name = "stage: removal ordered after prison",
	  .nat = "DZA", .birth = "1985",
	  .ev = { EF("sentence", "2019-01-05", "", "3y", "", ""),
	          E("imprisonment", "2019-01-10"),
	          E("prison_release", "2022-01-10"),
	          E("removal_decision", "2022-01-11") },
	  .asof = "2022-01-12", .stage = "removal_ordered" },

	/* Challenging from a removal centre: still in the centre. */
	{ .name = "stage: challenge filed from a removal centre",
	  .nat = "DZA", .birth = "1985",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("removal_notified", "2023-01-11"),
	          E("challenge_filed", "2023-01-16") },
	  .asof = "2023-01-20", .stage = "removal_centre" },

	{ .name = "stage: challenge pending at liberty",
	  .nat = "DZA", .birth = "1985",
	  .ev = { E("removal_decision", "2023-01-09"),
	          E("removal_notified", "2023-01-11"),
	          E("challenge_filed", "2023-01-16") },
	  .asof = "2023-01-20", .stage = "challenge_pending" },

	{ .name = "stage: arranging the removal",
	  .nat = "KGZ", .birth = "1985",
	  .ev = { E("removal_notified", "2023-01-11"),
	          E("consular_visit", "2023-02-01"),
	          E("travel_document", "2023-03-01"),
	          E("removal_scheduled", "2023-03-10") },
	  .asof = "2023-03-11", .stage = "removal_arranging" },

	{ .name = "stage: arranging from a removal centre",
	  .nat = "KGZ", .birth = "1985",
	  .ev = { E("removal_centre_admission", "2023-01-10"),
	          E("consular_visit", "2023-02-01"),
	          E("travel_document", "2023-03-01") },
	  .asof = "2023-03-11", .stage = "removal_centre" },

	/* Released at the year limit, living under measures (A24, A25). */
	{ .name = "stage: released to the community",
	  .nat = "KGZ", .birth = "1985",
	  .ev = { E("removal_centre_admission", "2022-01-10"),
	          EO("detention_extended", "2022-07-01", "origin_not_cooperating"),
	          E("released_to_community", "2023-01-09") },
	  .asof = "2023-02-01", .stage = "community",
	  .clocks = { CK("admin_detention_initial", "2022-07-10", "met", 1),
	              CK("admin_detention_max", "2023-01-10", "met", 1) },
	  .absent = { "detention_review" } },

	{ .name = "stage: deceased",
	  .nat = "RUS", .birth = "1975",
	  .ev = { E("camp_admission", "2019-03-20"),
	          E("deceased", "2020-08-01") },
	  .asof = "2021-01-01", .stage = "deceased" },

	{ .name = "stage: case closed",
	  .nat = "KAZ", .birth = "1990",
	  .ev = { E("repatriated", "2019-05-10"),
	          E("programme_start", "2019-06-01"),
	          E("programme_end", "2021-06-01"),
	          E("case_closed", "2021-07-01") },
	  .asof = "2021-08-01", .stage = "closed" },

	/* A note never moves the stage. */
	{ .name = "stage: a note changes nothing",
	  .nat = "KAZ", .birth = "1990",
	  .ev = { E("camp_admission", "2019-03-20"),
	          EF("note", "2023-01-01", "", "", "", "family in touch via phone") },
	  .asof = "2023-01-02", .stage = "abroad" },
};

#define NCASES (sizeof cases / sizeof cases[0])

/* --- building the person ---------------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static struct rule_event built_events[MAX_EV];
static struct rule_relation built_rels[MAX_REL];

/* Fills *p from row c in static storage; events get ids 1..n. Fails the
 * test on a bad date in the table itself. */
static void
person_build(const struct tcase *c, struct rule_person *p)
{
	const char *why;
	size_t n = 0, nr = 0;

	memset(p, 0, sizeof *p);
	memset(built_events, 0, sizeof built_events);
	memset(built_rels, 0, sizeof built_rels);
	p->case_no = "T-1";
	p->nationality = nz(c->nat);
	p->claimed_nationality = nz(c->claimed);
	p->ethnicity = nz(c->ethnicity);
	if (c->birth && *c->birth) {
		why = pdate_parse(c->birth, &p->birth);
		ck_assert_msg(why == NULL, "%s: birth %s: %s", c->name, c->birth, why);
	}
	for (; n < MAX_EV && c->ev[n].kind; n++) {
		const struct tev *t = &c->ev[n];
		struct rule_event *e = &built_events[n];

		e->id = (int64_t)(n + 1);
		e->kind = t->kind;
		why = pdate_parse(t->date, &e->date);
		ck_assert_msg(why == NULL, "%s: event %zu date %s: %s", c->name,
		              n + 1, t->date, why);
		e->country = nz(t->country);
		e->duration = nz(t->duration);
		e->outcome = nz(t->outcome);
		e->note = nz(t->note);
	}
	for (; nr < MAX_REL && c->rel[nr].relation; nr++) {
		const struct trel *t = &c->rel[nr];
		struct rule_relation *r = &built_rels[nr];

		r->relation = t->relation;
		r->other_case_no = nz(t->other);
		if (t->birth && *t->birth) {
			why = pdate_parse(t->birth, &r->other_birth);
			ck_assert_msg(why == NULL, "%s: relation birth %s: %s",
			              c->name, t->birth, why);
		}
		r->other_has_arrangement = t->arrangement;
	}
	p->events = built_events;
	p->nevents = n;
	p->relations = built_rels;
	p->nrelations = nr;
}

/* --- the rule set, loaded once ------------------------------------------------ */

static struct ruleset *rs;
static char rs_err[256];

static void
rules_setup(void)
{
	rs = ruleset_load(TESTS_DIR "/../assets/rules/tr.rules", rs_err,
	                  sizeof rs_err);
}

static void
rules_teardown(void)
{
	ruleset_free(&rs);
}

static const struct ruleset *
rules(void)
{
	ck_assert_msg(rs != NULL, "tr.rules did not load: %s", rs_err);
	return rs;
}

/* --- checking -------------------------------------------------------------- */

static int32_t
day_of(const struct tcase *c, const char *text)
{
	int32_t d = 0;
	const char *why = day_parse(text, &d);

	ck_assert_msg(why == NULL, "%s: date %s in the table: %s", c->name,
	              text, why);
	return d;
}

static const char *
clock_rule_of(const char *name)
{
	for (size_t i = 0; i < sizeof clock_rules / sizeof clock_rules[0]; i++)
		if (strcmp(clock_rules[i][0], name) == 0)
			return clock_rules[i][1];
	return NULL;
}

/* Appends one complaint to the report. */
static void
complain(char *buf, size_t len, int *nerr, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
complain(char *buf, size_t len, int *nerr, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	(*nerr)++;
	if (used + 2 >= len)
		return;
	buf[used++] = '\n';
	buf[used++] = '\t';
	buf[used] = '\0';
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

static void
describe_clocks(const struct rule_result *r, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->nclocks && used + 1 < len; i++) {
		char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];
		int w = snprintf(buf + used, len - used, " [%s %s..%s %s ev%lld]",
		                 r->clocks[i].name,
		                 day_format(r->clocks[i].due, a, sizeof a),
		                 day_format(r->clocks[i].due_latest, b, sizeof b),
		                 clock_status_word(r->clocks[i].status),
		                 (long long)r->clocks[i].event_id);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static void
check_case(const struct tcase *c, const struct rule_result *r, char *msg,
           size_t len, int *nerr)
{
	char got[1024];
	const char *stage = r->stage >= 0 ? vocab_stages[r->stage] : "(none)";

	describe_clocks(r, got, sizeof got);

	if (strcmp(stage, c->stage) != 0)
		complain(msg, len, nerr, "stage: want %s, got %s", c->stage, stage);

	for (size_t i = 0; i < MAX_CLOCKS && c->clocks[i].name; i++) {
		const struct tclock *x = &c->clocks[i];
		int32_t due = day_of(c, x->due);
		int32_t latest = day_of(c, x->latest ? x->latest : x->due);
		const char *rule = clock_rule_of(x->name);
		size_t want_n = 0, got_n = 0;
		const struct rule_clock *k = NULL;

		for (size_t j = 0; j < MAX_CLOCKS && c->clocks[j].name; j++)
			if (strcmp(c->clocks[j].name, x->name) == 0)
				want_n++;
		for (size_t j = 0; j < r->nclocks; j++) {
			if (strcmp(r->clocks[j].name, x->name) != 0)
				continue;
			got_n++;
			if (!k || r->clocks[j].due == due)
				k = &r->clocks[j];
		}
		if (!k) {
			complain(msg, len, nerr, "clock %s missing; got%s", x->name, got);
			continue;
		}
		if (got_n != want_n)
			complain(msg, len, nerr, "clock %s: want %zu, got %zu;%s",
			         x->name, want_n, got_n, got);
		if (k->due != due || k->due_latest != latest) {
			char a[PDATE_TEXT_MAX], b[PDATE_TEXT_MAX];

			complain(msg, len, nerr, "clock %s: want due %s..%s, got %s..%s",
			         x->name, x->due, x->latest ? x->latest : x->due,
			         day_format(k->due, a, sizeof a),
			         day_format(k->due_latest, b, sizeof b));
		}
		if (strcmp(clock_status_word(k->status), x->status) != 0)
			complain(msg, len, nerr, "clock %s: want %s, got %s", x->name,
			         x->status, clock_status_word(k->status));
		if (rule && strcmp(k->rule, rule) != 0)
			complain(msg, len, nerr, "clock %s: want rule %s, got %s",
			         x->name, rule, k->rule);
		if (x->ev && k->event_id != x->ev)
			complain(msg, len, nerr, "clock %s: want event %d, got %lld",
			         x->name, x->ev, (long long)k->event_id);
		if (!k->arithmetic[0] || !strstr(k->arithmetic, x->due))
			complain(msg, len, nerr, "clock %s: arithmetic \"%s\" does not "
			         "show the due date %s", x->name, k->arithmetic, x->due);
		if (!k->source[0])
			complain(msg, len, nerr, "clock %s: no source", x->name);
	}

	for (size_t i = 0; i < MAX_ABSENT && c->absent[i]; i++)
		for (size_t j = 0; j < r->nclocks; j++)
			if (strcmp(r->clocks[j].name, c->absent[i]) == 0)
				complain(msg, len, nerr, "clock %s must not be there;%s",
				         c->absent[i], got);

	for (size_t i = 0; i < MAX_VIOLS && c->viols[i].rule; i++) {
		const struct tviol *x = &c->viols[i];
		bool found = false;

		for (size_t j = 0; j < r->nviolations && !found; j++) {
			const struct rule_violation *v = &r->violations[j];

			if (strcmp(v->rule, x->rule) != 0 || v->blocking != x->blocking)
				continue;
			if (x->ev && v->event_id != x->ev)
				continue;
			found = true;
			if (!v->message[0])
				complain(msg, len, nerr, "violation %s: empty message",
				         x->rule);
		}
		if (!found)
			complain(msg, len, nerr, "violation %s (%s, event %d) missing",
			         x->rule, x->blocking ? "blocking" : "warning", x->ev);
	}
	for (size_t j = 0; j < r->nviolations; j++) {
		const struct rule_violation *v = &r->violations[j];
		bool expected = false;

		for (size_t i = 0; i < MAX_VIOLS && c->viols[i].rule; i++)
			if (strcmp(v->rule, c->viols[i].rule) == 0 &&
			    v->blocking == c->viols[i].blocking)
				expected = true;
		if (!expected)
			complain(msg, len, nerr, "unexpected violation %s (%s, event "
			         "%lld): %s", v->rule,
			         v->blocking ? "blocking" : "warning",
			         (long long)v->event_id, v->message);
	}
}

/* --- tests ---------------------------------------------------------------- */

START_TEST(test_ruleset_loads)
{
	const struct ruleset *set = rules();

	/* The file's name line is "ruleset tr \"Türkiye\"": whichever of the
	 * two the engine shows, it is not empty. */
	ck_assert_ptr_nonnull(ruleset_name(set));
	ck_assert_msg(ruleset_name(set)[0] != '\0', "empty rule set name");
	ck_assert_str_eq(clock_status_word(CLOCK_OPEN), "open");
	ck_assert_str_eq(clock_status_word(CLOCK_MET), "met");
	ck_assert_str_eq(clock_status_word(CLOCK_OVERDUE), "overdue");
	ck_assert_str_eq(clock_status_word(CLOCK_WAIVED), "waived");
	ck_assert_str_eq(clock_status_word(CLOCK_LAPSED), "lapsed");
}
END_TEST

/* One person (born BIRTH, "" for unknown) evaluated on ASOF: the clock
 * NAME into *out; false when there is none. */
static bool
eval_clock(const struct ruleset *set, const char *birth, const struct tev *ev,
           size_t nev, const char *asof, const char *name, struct rule_clock *out)
{
	struct rule_event e[4];
	struct rule_person p;
	struct rule_result r = { .stage = -1 };
	bool found = false;
	int32_t today = 0;

	ck_assert_uint_le(nev, 4);
	ck_assert_ptr_null(day_parse(asof, &today));
	memset(&p, 0, sizeof p);
	p.case_no = "T-1";
	p.nationality = p.claimed_nationality = p.ethnicity = "";
	if (birth[0])
		ck_assert_ptr_null(pdate_parse(birth, &p.birth));
	else
		p.birth.precision = DATE_NONE;
	for (size_t i = 0; i < nev; i++) {
		memset(&e[i], 0, sizeof e[i]);
		e[i].id = (int64_t)i + 1;
		e[i].kind = ev[i].kind;
		ck_assert_ptr_null(pdate_parse(ev[i].date, &e[i].date));
		e[i].country = e[i].duration = e[i].outcome = e[i].note = "";
	}
	p.events = e;
	p.nevents = nev;
	rules_evaluate(set, &p, today, &r);
	for (size_t i = 0; i < r.nclocks; i++)
		if (strcmp(r.clocks[i].name, name) == 0) {
			*out = r.clocks[i];
			found = true;
		}
	rule_result_clear(&r);
	return found;
}

/* One notified window evaluated under a rule set given as text. */
static enum clock_status
window_status(const struct ruleset *set, const struct tev *ev, size_t nev,
              const char *asof, int32_t *lapses, char *arith, size_t len)
{
	struct rule_clock c;

	if (!eval_clock(set, "", ev, nev, asof, "challenge_window", &c))
		return CLOCK_MET;
	if (lapses)
		*lapses = c.lapses;
	if (arith)
		snprintf(arith, len, "%s", c.arithmetic);
	return c.status;
}

/* The rolling reminders carry the day their stored row stops standing,
 * so the store leaves a stale one off the action lists and the daily
 * sweep derives it again: the monthly review the day after it (the
 * next anniversary is due then; it was shown "overdue" a month after
 * its derivation), the majority clock on the day of eighteen. */
START_TEST(test_rules_rolling_reminders_lapse)
{
	static const struct tev held[] = { E("removal_centre_admission", "2023-01-10") };
	struct rule_clock c;

	ck_assert(eval_clock(rules(), "1990", held, 1, "2023-03-01", "detention_review", &c));
	ck_assert_int_eq(c.due, day_from_ymd(2023, 3, 10));
	ck_assert_int_eq(c.status, CLOCK_OPEN);
	ck_assert_int_eq(c.lapses, day_from_ymd(2023, 3, 11));
	/* derived again on that day, the next anniversary */
	ck_assert(eval_clock(rules(), "1990", held, 1, "2023-03-11", "detention_review", &c));
	ck_assert_int_eq(c.due, day_from_ymd(2023, 4, 10));
	ck_assert_int_eq(c.status, CLOCK_OPEN);
	ck_assert_int_eq(c.lapses, day_from_ymd(2023, 4, 11));

	/* born some day in 2010: an adult by any reading from 2028-12-31 */
	ck_assert(eval_clock(rules(), "2010", held, 1, "2023-03-01", "majority", &c));
	ck_assert_int_eq(c.due_latest, day_from_ymd(2028, 12, 31));
	ck_assert_int_eq(c.lapses, day_from_ymd(2028, 12, 31));
	ck_assert(eval_clock(rules(), "2010", held, 1, "2028-12-30", "majority", &c));
	ck_assert(!eval_clock(rules(), "2010", held, 1, "2028-12-31", "majority", &c));

	/* a window still lapses only by its grace; the clocks that end by
	 * law never do */
	ck_assert(eval_clock(rules(), "1990", held, 1, "2023-03-01",
	                     "admin_detention_initial", &c));
	ck_assert_int_eq(c.lapses, CLOCK_NEVER_LAPSES);
}
END_TEST

#define WINDOW_RULE "clock challenge_window K1 7d roll "

/* The lapse day is stored with the clock (the store lapses a clock not
 * derived again since by it), and the arithmetic says why it lapsed. */
START_TEST(test_rules_lapse_day_and_arithmetic)
{
	static const struct tev notified[] = { E("removal_notified", "2023-03-04") };
	static const struct tev deported[] = { E("removal_notified", "2023-03-04"),
	                                       E("deported", "2023-03-20") };
	char arith[256], shown[512];
	int32_t lapses = 0;

	ck_assert_int_eq(window_status(rules(), notified, 1, "2023-03-20", &lapses,
	                               arith, sizeof arith), CLOCK_OVERDUE);
	ck_assert_int_eq(lapses, day_from_ymd(2023, 4, 13));
	ck_assert_int_eq(window_status(rules(), notified, 1, "2023-04-13", NULL,
	                               arith, sizeof arith), CLOCK_LAPSED);
	ck_assert_str_eq(arith, "notified 2023-03-04 + 7d = 2023-03-11, a weekend,"
	                 " so the next working day 2023-03-13; lapsed unused:"
	                 " 2023-03-13 + grace 30d = 2023-04-12");
	/* the display form takes the tail apart too (English here) */
	clock_arithmetic_display(arith, shown, sizeof shown);
	ck_assert_str_eq(shown, arith);
	ck_assert_int_eq(window_status(rules(), deported, 2, "2023-03-21", NULL,
	                               arith, sizeof arith), CLOCK_LAPSED);
	ck_assert_msg(strstr(arith, "; lapsed unused: deported 2023-03-20") != NULL,
	              "%s", arith);
	clock_arithmetic_display(arith, shown, sizeof shown);
	ck_assert_msg(strstr(shown, "lapsed unused: ") != NULL, "%s", shown);
}
END_TEST

/* grace= is the rules file's: without it a window lapses only when
 * moot; with another length, at that length. */
START_TEST(test_rules_grace_parameter)
{
	static const struct tev notified[] = { E("removal_notified", "2023-03-04") };
	static const struct tev superseded[] = { E("removal_notified", "2023-03-04"),
	                                         E("removal_decision", "2023-03-20") };
	char err[256];
	struct ruleset *none = ruleset_parse(WINDOW_RULE "\"s\"\n", "none.rules",
	                                     err, sizeof err);
	struct ruleset *week = ruleset_parse("# a week\n" WINDOW_RULE "grace=7d \"s\"\n",
	                                     "week.rules", err, sizeof err);
	int32_t lapses = 0;

	ck_assert_msg(none && week, "%s", err);
	ck_assert_int_eq(window_status(none, notified, 1, "2027-01-01", &lapses, NULL, 0),
	                 CLOCK_OVERDUE);
	ck_assert_int_eq(lapses, CLOCK_NEVER_LAPSES);
	ck_assert_int_eq(window_status(none, superseded, 2, "2023-03-21", NULL, NULL, 0),
	                 CLOCK_LAPSED);
	ck_assert_int_eq(window_status(week, notified, 1, "2023-03-20", NULL, NULL, 0),
	                 CLOCK_OVERDUE);
	ck_assert_int_eq(window_status(week, notified, 1, "2023-03-21", NULL, NULL, 0),
	                 CLOCK_LAPSED);
	ruleset_free(&none);
	ruleset_free(&week);
}
END_TEST

/* A bad grace= is refused with the file, the line and the field. */
START_TEST(test_rules_grace_refused)
{
	static const struct { const char *text, *want; } bad[] = {
		{ "\n" WINDOW_RULE "grace=soon \"s\"\n",
		  "bad.rules:2: grace: bad duration (grace=30d, grace=2m)" },
		{ "clock custody_max K10 4d grace=30d \"s\"\n",
		  "bad.rules:1: grace: only challenge_window takes a grace period"
		  " (a window a party may let pass)" },
		{ WINDOW_RULE "grace=30d\n",
		  "bad.rules:1: expected one quoted SOURCE at the end" },
		{ WINDOW_RULE "grace=30d grace=40d \"s\"\n",
		  "bad.rules:1: expected one quoted SOURCE at the end" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char err[256] = "";
		struct ruleset *set = ruleset_parse(bad[i].text, "bad.rules", err, sizeof err);

		ck_assert_msg(set == NULL, "accepted: %s", bad[i].text);
		ck_assert_str_eq(err, bad[i].want);
	}
}
END_TEST

/* The timeline's bands follow what each event means in the pathway:
 * re-detention is custody again, not an outcome; measures run beside
 * whatever stage the person is in. Every kind is placed on purpose. */
START_TEST(test_timeline_bands)
{
	static const char *const want[][2] = {
		{ "re_detained", "Custody" }, { "apprehension", "Custody" },
		{ "deported", "Outcome" }, { "absconded", "Outcome" },
		{ "removal_notified", "Removal" }, { "removal_centre_admission", "Removal centre" },
		{ "charge", "Prosecution" }, { "imprisonment", "Prosecution" },
		{ "border_crossing", "Entry" },
		{ "security_code", NULL }, { "travel_ban", NULL }, { "red_notice", NULL },
		{ "electronic_monitoring", NULL }, { "measure_lifted", NULL },
		{ "security_code_lifted", NULL }, { "note", NULL }, { "dna_test", NULL },
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *got = view_timeline_band(want[i][0]);

		ck_assert_msg((got == NULL && want[i][1] == NULL) ||
		              (got && want[i][1] && strcmp(got, want[i][1]) == 0),
		              "%s: band %s, want %s", want[i][0], got ? got : "none",
		              want[i][1] ? want[i][1] : "none");
	}
}
END_TEST

START_TEST(test_rules_table)
{
	const struct tcase *c = &cases[_i];
	struct rule_person p;
	struct rule_result r;
	char msg[4096];
	int nerr = 0;

	person_build(c, &p);
	memset(&r, 0, sizeof r);
	rules_evaluate(rules(), &p, day_of(c, c->asof), &r);
	msg[0] = '\0';
	check_case(c, &r, msg, sizeof msg, &nerr);
	rule_result_clear(&r);
	ck_assert_msg(nerr == 0, "case %d \"%s\": %d problem%s:%s", _i, c->name,
	              nerr, nerr == 1 ? "" : "s", msg);
}
END_TEST

/* Evaluating twice, and evaluating into a used result, gives the same. */
START_TEST(test_rules_result_reuse)
{
	const struct tcase *c = &cases[0];
	struct rule_person p;
	struct rule_result r;
	size_t nclocks;

	person_build(c, &p);
	memset(&r, 0, sizeof r);
	rules_evaluate(rules(), &p, day_of(c, c->asof), &r);
	nclocks = r.nclocks;
	rules_evaluate(rules(), &p, day_of(c, c->asof), &r);
	ck_assert_uint_eq(r.nclocks, nclocks);
	rule_result_clear(&r);
	ck_assert_uint_eq(r.nclocks, 0);
	ck_assert_uint_eq(r.nviolations, 0);
}
END_TEST

/* A person with no events at all has no stage and no clocks. */
START_TEST(test_rules_empty_person)
{
	struct rule_person p;
	struct rule_result r;

	memset(&p, 0, sizeof p);
	p.case_no = "T-0";
	p.nationality = p.claimed_nationality = p.ethnicity = "";
	memset(&r, 0, sizeof r);
	rules_evaluate(rules(), &p, day_from_ymd(2023, 6, 1), &r);
	ck_assert_int_eq(r.stage, -1);
	ck_assert_uint_eq(r.nclocks, 0);
	ck_assert_uint_eq(r.nviolations, 0);
	rule_result_clear(&r);
}
END_TEST

Suite *
suite_rules(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_add_unchecked_fixture(tc, rules_setup, rules_teardown);
	tcase_add_test(tc, test_ruleset_loads);
	tcase_add_loop_test(tc, test_rules_table, 0, (int)NCASES);
	tcase_add_test(tc, test_rules_result_reuse);
	tcase_add_test(tc, test_rules_empty_person);
	tcase_add_test(tc, test_rules_lapse_day_and_arithmetic);
	tcase_add_test(tc, test_rules_grace_parameter);
	tcase_add_test(tc, test_rules_rolling_reminders_lapse);
	tcase_add_test(tc, test_rules_grace_refused);
	tcase_add_test(tc, test_timeline_bands);
	suite_add_tcase(s, tc);
	return s;
}
