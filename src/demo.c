/* demo.c: fictional, reproducible demo data (DESIGN.md sections 3 and 5;
 * pathways and figures from domain-notes.md sections 1, 3 and 4).
 *
 * Persons come in units: a single adult, a mother with children, a
 * couple with children, a woman travelling with orphans, or an
 * unaccompanied minor. Each adult's pathway is simulated on a relative
 * clock (day 0 is the first event) and records the stages it passes
 * through. The unit is then placed on the calendar by choosing which
 * moment of the pathway is today: a moment inside a stage for an open
 * case, a moment after the last event for a closed one. Events after
 * that moment are dropped; since every rule is of the form "X only
 * after Y", every prefix of a valid pathway is valid too. Children
 * copy their mother's entry and removal events.
 *
 * Month arithmetic on a relative clock cannot be exact, so clocks use
 * safe bounds: a 6-month detention is extended by day 175, a stay ends
 * by day 365, early release waits for three quarters of the longest a
 * sentence can last in days. No allocation per row: one state block,
 * reused for every unit. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casepath/date.h"
#include "casepath/demo.h"
#include "casepath/demo_names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EV 200
#define MAX_SEG 32
#define MAX_MEMBERS 10
#define NOTE_ROOM 60          /* optional notes stop this far from full */
#define HOSTILE_PERIOD 5000   /* one name of each hostile kind per block */

/* --- vocabulary ---------------------------------------------------------------- */

enum kind {
	K_BORDER_CROSSING, K_SURRENDER_AT_MISSION, K_SURRENDER_AT_BORDER,
	K_ENTRY_REFUSED, K_CAMP_ADMISSION,
	K_APPREHENSION, K_POLICE_CUSTODY, K_CUSTODY_EXTENDED, K_CUSTODY_RELEASE,
	K_INVESTIGATION_OPENED, K_CHARGE, K_PRETRIAL_DETENTION,
	K_JUDICIAL_CONTROL, K_JUDICIAL_CONTROL_LIFTED, K_HEARING, K_VERDICT,
	K_SENTENCE, K_APPEAL_FILED, K_APPEAL_DECIDED, K_IMPRISONMENT,
	K_CONDITIONAL_RELEASE, K_PRISON_RELEASE,
	K_SECURITY_CODE, K_SECURITY_CODE_LIFTED, K_RED_NOTICE,
	K_ELECTRONIC_MONITORING, K_TRAVEL_BAN, K_MEASURE_LIFTED,
	K_REMOVAL_DECISION, K_REMOVAL_NOTIFIED, K_CHALLENGE_FILED,
	K_CHALLENGE_DECIDED, K_REMOVAL_CENTRE_ADMISSION,
	K_REMOVAL_CENTRE_TRANSFER, K_DETENTION_EXTENDED,
	K_REMOVAL_CENTRE_RELEASE, K_ALTERNATIVE_MEASURE,
	K_NON_REFOULEMENT_ASSESSMENT, K_VOLUNTARY_RETURN_FORM,
	K_CONSULAR_VISIT, K_TRAVEL_DOCUMENT, K_DNA_TEST, K_REMOVAL_SCHEDULED,
	K_DEPORTED, K_VOLUNTARY_RETURN, K_THIRD_COUNTRY_REMOVAL, K_REPATRIATED,
	K_RELEASED_TO_COMMUNITY, K_PROGRAMME_START, K_PROGRAMME_END,
	K_ABSCONDED, K_RE_DETAINED, K_DECEASED, K_CASE_CLOSED,
	K_NOTE,
	K_COUNT
};

/* The same words as vocab_event_kinds; kept here so an extension of
 * that list cannot shift these indexes. */
static const char *const kind_name[K_COUNT] = {
	"border_crossing", "surrender_at_mission", "surrender_at_border",
	"entry_refused", "camp_admission",
	"apprehension", "police_custody", "custody_extended", "custody_release",
	"investigation_opened", "charge", "pretrial_detention",
	"judicial_control", "judicial_control_lifted", "hearing", "verdict",
	"sentence", "appeal_filed", "appeal_decided", "imprisonment",
	"conditional_release", "prison_release",
	"security_code", "security_code_lifted", "red_notice",
	"electronic_monitoring", "travel_ban", "measure_lifted",
	"removal_decision", "removal_notified", "challenge_filed",
	"challenge_decided", "removal_centre_admission",
	"removal_centre_transfer", "detention_extended",
	"removal_centre_release", "alternative_measure",
	"non_refoulement_assessment", "voluntary_return_form",
	"consular_visit", "travel_document", "dna_test", "removal_scheduled",
	"deported", "voluntary_return", "third_country_removal", "repatriated",
	"released_to_community", "programme_start", "programme_end",
	"absconded", "re_detained", "deceased", "case_closed",
	"note",
};

enum country {
	C_NONE, C_SYR, C_IRQ, C_RUS, C_KAZ, C_KGZ, C_TJK, C_UZB, C_CHN, C_TUR,
	C_TUN, C_LBY, C_YEM, C_EGY, C_SAU, C_IRN, C_FRA, C_DEU, C_NLD, C_BEL,
	C_AUT, C_GBR, C_UKR, C_GEO, C_AZE, C_XXA, C_XXX,
	C_THIRD,   /* a safe third country, chosen by the removal's date */
	C_COUNT
};

static const char *const country_code[C_COUNT] = {
	"", "SYR", "IRQ", "RUS", "KAZ", "KGZ", "TJK", "UZB", "CHN", "TUR",
	"TUN", "LBY", "YEM", "EGY", "SAU", "IRN", "FRA", "DEU", "NLD", "BEL",
	"AUT", "GBR", "UKR", "GEO", "AZE", "XXA", "XXX", "",
};

enum category { CAT_FOREIGN, CAT_TURKISH, CAT_CENTRAL_ASIAN, CAT_NES };

static const char *const category_name[] = {
	"foreign_national", "turkish_returnee", "central_asian_repatriate",
	"nes_camp_resident",
};

static const char *const case_prefix[] = { "TR", "RT", "CA", "NE" };

enum stage {
	SG_NONE, SG_ABROAD, SG_CUSTODY, SG_PRETRIAL, SG_JC, SG_APPEAL,
	SG_PRISON, SG_CENTRE, SG_ALT, SG_ORDERED, SG_CHALLENGE, SG_COMMUNITY,
	SG_PROGRAMME, SG_REINTEGRATION, SG_ABSCONDED, SG_COUNT
};

/* For an open case, how likely each day of a stage is to be today:
 * today falls in a stage in proportion to its days times this rate, so
 * a seven-day window is as rare as it is short. Most people are in
 * prison or a removal centre (domain-notes section 4). */
static const uint16_t stage_weight[SG_COUNT] = {
	[SG_ABROAD] = 3, [SG_CUSTODY] = 8, [SG_PRETRIAL] = 12, [SG_JC] = 8,
	[SG_APPEAL] = 8, [SG_PRISON] = 24, [SG_CENTRE] = 16, [SG_ALT] = 16,
	/* these two overlap the first weeks in a centre */
	[SG_ORDERED] = 3, [SG_CHALLENGE] = 3,
	[SG_COMMUNITY] = 2, [SG_PROGRAMME] = 8, [SG_REINTEGRATION] = 3,
	[SG_ABSCONDED] = 4,
};

#define STAGE_DAYS_MAX 1500   /* an open-ended stage counts this long */

enum role { R_ADULT, R_SPOUSE, R_CHILD, R_ORPHAN, R_UAM };

enum verification {
	V_UNVERIFIED, V_DOCUMENTS, V_DNA_REQUESTED, V_DNA_CONFIRMED,
	V_DNA_EXCLUDED
};

static const char *const verification_name[] = {
	"unverified", "documents", "dna_requested", "dna_confirmed",
	"dna_excluded",
};

/* --- places ------------------------------------------------------------------ */

#define PROVINCES(X) \
	X("Istanbul") X("Ankara") X("Yalova") X("Bursa") X("Gaziantep") \
	X("İzmir") X("Hatay") X("Şanlıurfa") X("Kayseri") X("Adıyaman") \
	X("Diyarbakır") X("Konya") X("Adana") X("Kocaeli") X("Niğde") X("Mersin")
#define P_NAME(p) p,
#define P_POLICE(p) p " Police Department (counter-terrorism branch)",
#define P_PROSECUTOR(p) p " Chief Public Prosecutor's Office",
#define P_COURT_A(p) p " 2nd Heavy Penal Court",
#define P_COURT_B(p) p " 4th Heavy Penal Court",
#define P_ADMIN(p) p " 1st Administrative Court",
#define P_GOVERNOR(p) p " Governorate",
#define P_PRISON(p) p " High-Security Prison",
#define P_WPRISON(p) p " Women's Closed Prison",
#define P_CENTRE(p) p " Removal Centre",

static const char *const prov_name[] = { PROVINCES(P_NAME) };
static const char *const prov_police[] = { PROVINCES(P_POLICE) };
static const char *const prov_prosecutor[] = { PROVINCES(P_PROSECUTOR) };
static const char *const prov_court_a[] = { PROVINCES(P_COURT_A) };
static const char *const prov_court_b[] = { PROVINCES(P_COURT_B) };
static const char *const prov_admin[] = { PROVINCES(P_ADMIN) };
static const char *const prov_governor[] = { PROVINCES(P_GOVERNOR) };
static const char *const prov_prison[] = { PROVINCES(P_PRISON) };
static const char *const prov_wprison[] = { PROVINCES(P_WPRISON) };
static const char *const prov_centre[] = { PROVINCES(P_CENTRE) };

static const char *const camp_place[] = {
	"al-Hol camp (foreign sector)", "al-Hol camp", "Roj camp",
};

/* Men were held in SDF prisons rather than the camps. */
static const char *const sdf_prison[] = {
	"Ghweiran prison (Hasakah)", "SDF prison (Qamishli)",
};

static const char *const border_place[] = {
	"Hatay (Reyhanlı)", "Hatay (Samandağ)", "Kilis (Öncüpınar)",
	"Şanlıurfa (Akçakale)", "Gaziantep (Karkamış)", "Mardin (Nusaybin)",
	"Iğdır (Dilucu)",
};

static const char *const return_gate[] = {
	"Cilvegözü border gate", "Öncüpınar border gate", "Akçakale border gate",
};

static const char *const airport[] = {
	"Istanbul Airport", "Ankara Esenboğa Airport",
};

/* A country's side of repatriation and of prosecution at home. */
struct origin {
	uint8_t country;
	const char *arrival, *police, *court, *prison, *programme;
};

static const struct origin origins[] = {
	{ C_KAZ, "Aktau (repatriation flight)", "Aktau police (national security)",
	  "Mangystau Regional Court", "Penal colony, Mangystau region",
	  "Aktau rehabilitation centre" },
	{ C_UZB, "Tashkent (repatriation flight)", "Tashkent police (state security)",
	  "Tashkent City Criminal Court", "Penal colony, Tashkent region",
	  "Tashkent rehabilitation centre" },
	{ C_TJK, "Dushanbe (repatriation flight)", "Dushanbe police (state security)",
	  "Dushanbe City Court", "Penal colony, Vahdat",
	  "Dushanbe rehabilitation centre" },
	{ C_KGZ, "Bishkek (repatriation flight)", "Bishkek police (state security)",
	  "Bishkek City Court", "Penal colony, Chüy region",
	  "Bishkek rehabilitation centre" },
	{ C_RUS, "Grozny (repatriation flight)", "Grozny police", "Grozny City Court",
	  "Penal colony, Chechnya", "Grozny children's rehabilitation centre" },
	{ C_FRA, "Paris (repatriation flight)", "", "", "", "child protection service, Paris" },
	{ C_BEL, "Brussels (repatriation flight)", "", "", "", "youth care service, Brussels" },
	{ C_NLD, "Eindhoven (repatriation flight)", "", "", "", "youth care, Utrecht" },
	{ C_DEU, "Frankfurt (repatriation flight)", "", "", "",
	  "youth welfare office, Frankfurt" },
	{ C_IRQ, "Baghdad (repatriation flight)", "", "", "", "Jeddah 1 rehabilitation centre" },
	{ C_TUN, "Tunis (repatriation flight)", "", "", "", "child protection service, Tunis" },
	{ C_TUR, "Ankara (state repatriation flight)", "", "", "", "FLSS support, Ankara" },
};

static const struct origin *
origin_of(int country)
{
	for (size_t i = 0; i < N(origins); i++)
		if (origins[i].country == country)
			return &origins[i];
	return &origins[0];
}

/* --- notes and outcomes ---------------------------------------------------- */

static const char *const camp_notes[] = {
	"registered in the camp's foreign sector",
	"screened in a camp security operation",
	"NGO access to the camp suspended",
	"moved to another camp section",
	"medical check by an NGO team",
	"camp registry check",
};
static const char *const sdf_prison_notes[] = {
	"visit by the ICRC", "questioned by SDF investigators",
	"moved to another prison wing", "medical check",
};
static const char *const apprehension_notes[] = {
	"apprehended at the border", "arrest on a red notice and other intelligence",
	"identified by facial recognition", "phone contact with a person in a camp",
	"home raid; phones and documents seized", "information from a partner service",
};
static const char *const charge_notes[] = {
	"membership of a terrorist organisation",
	"membership of a terrorist organisation; illegal border crossing",
	"membership of a terrorist organisation",
	"aiding an armed terrorist organisation",
	"propaganda for a terrorist organisation",
	"possession of illegal arms",
};
static const char *const prison_notes[] = {
	"good-behaviour assessment (interviews with wardens)",
	"voluntary contact with the prison imam",
	"family visit", "transferred to another wing",
	"disciplinary record clean", "lawyer visit",
};
static const char *const community_notes[] = {
	"reported to the police station as required",
	"address check by the police",
	"security code discovered when applying for a residence permit",
	"lawyer filed a challenge to the security code",
};
static const char *const programme_notes[] = {
	"psychosocial support session", "school enrolment arranged",
	"vocational training started", "family mediation session",
};
static const char *const witness_note[] = {
	"witness: UNHCR", "witness: Turkish Red Crescent",
	"witness: Provincial Human Rights Council",
};
static const char *const ground_outcome[] = {
	"origin country not cooperating", "paperwork incomplete",
};

/* --- timeline ---------------------------------------------------------------- */

enum { F_COARSE = 1, F_FAMILY = 2 };

struct gev {
	int32_t day;
	uint16_t ref;
	uint8_t kind, country, flags;
	uint8_t dy, dm, dd;      /* duration */
	const char *place, *outcome, *note;
};

struct seg {
	int32_t start, end;
	uint8_t stage;
};

struct tl {
	int nev, nseg;
	bool terminal;           /* ended in an outcome: left, died, closed */
	struct gev ev[MAX_EV + 1];   /* the last one is scratch on overflow */
	struct seg seg[MAX_SEG];
};

struct member {
	struct tl tl;
	struct demo_surname sn;
	struct demo_given gn;
	int32_t birth;
	int32_t transfer_day;    /* removal-centre transfer, or INT32_MAX */
	uint8_t role, female, sex, birth_prec, birth_approx, camp_born;
	uint8_t nat, claimed, former, culture, category, lang;
	uint8_t prov, centre, centre2, verification, hostile;
	bool uyghur, minor;
	bool risk_found;         /* an assessment found a risk: never back */
	const char *ethnicity;
	const char *notes;
	char case_no[32];
	char family[640], given[192], native[512], aliases[640];
};

/* How a unit got into the country (shared by its adults). */
enum entry_mode { EM_SMUGGLED, EM_BORDER_SURRENDER, EM_MISSION, EM_AIR, EM_REFUSED };

struct entry_plan {
	bool camp;
	uint8_t camp_place, mode, border;
	int32_t entry;
};

struct gen {
	struct demo_rng r;
	struct demo_rng dr;      /* duplicate registrations: a stream of their
	                            own, so the other rows do not change */
	const struct demo_options *opt;
	const struct demo_sink *sink;
	int32_t today, max_now, d_ukraine;
	long next;               /* serial of the next person */
	int nm;
	struct member m[MAX_MEMBERS];
};

static int32_t
urange(struct gen *g, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : lo + (int32_t)demo_rng_below(&g->r, (uint32_t)(hi - lo + 1));
}

static bool
chance(struct gen *g, int permille)
{
	return (int)demo_rng_below(&g->r, 1000) < permille;
}

#define PICK(g, a) ((a)[demo_rng_below(&(g)->r, (uint32_t)N(a))])

static struct gev *
add(struct tl *t, int32_t day, int kind, int country)
{
	struct gev *e = &t->ev[t->nev < MAX_EV ? t->nev++ : MAX_EV];

	e->day = day;
	e->ref = 0;
	e->kind = (uint8_t)kind;
	e->country = (uint8_t)country;
	e->flags = 0;
	e->dy = e->dm = e->dd = 0;
	e->place = e->outcome = e->note = NULL;
	return e;
}

static void
seg(struct tl *t, int stage, int32_t start, int32_t end)
{
	if (end <= start || t->nseg >= MAX_SEG)
		return;
	t->seg[t->nseg].start = start;
	t->seg[t->nseg].end = end;
	t->seg[t->nseg].stage = (uint8_t)stage;
	t->nseg++;
}

static bool
room(const struct tl *t)
{
	return t->nev < MAX_EV - NOTE_ROOM;
}

static uint16_t
ref_no(struct gen *g)
{
	return (uint16_t)(1 + demo_rng_below(&g->r, 9999));
}

/* The least and most days a duration of years and months can span. */
static const int16_t months_min[12] = {
	0, 28, 59, 89, 120, 150, 181, 212, 242, 273, 303, 334
};

static int32_t
dur_min_days(int y, int m, int d)
{
	int32_t v = y * 365 + y / 4 + months_min[m % 12] + (m / 12) * 365 + d - 1;

	return v < 1 ? 1 : v;
}

static int32_t
dur_max_days(int y, int m, int d)
{
	return y * 366 + m * 31 + d;
}

/* --- who the person is --------------------------------------------------------- */

static bool
is_syrian(const struct member *m)
{
	return m->nat == C_SYR || m->claimed == C_SYR;
}

/* Never returned anywhere: Uyghurs (claimed or real), the stateless and
 * those whose nationality is unknown. */
static bool
never_return(const struct member *m)
{
	return m->uyghur || m->nat == C_XXA || m->nat == C_XXX;
}

static bool
nr_country(int c)
{
	return c == C_LBY || c == C_YEM || c == C_EGY || c == C_RUS;
}

/* Case-by-case countries need an individual assessment first. */
static bool
needs_nr(const struct member *m)
{
	return nr_country(m->nat) || nr_country(m->claimed);
}

static bool
european(int c)
{
	return c == C_FRA || c == C_DEU || c == C_NLD || c == C_BEL || c == C_AUT ||
	       c == C_GBR;
}

/* Language profiles: the languages field and the interpreter note for
 * hearings. */
struct langp {
	const char *langs, *interp;
};

enum {
	LP_LEVANT, LP_LEVANT_TR, LP_IRAQI, LP_MAGHREB, LP_EGYPT, LP_GULF,
	LP_YEMEN, LP_LIBYA, LP_PERSIAN, LP_RUSSIAN, LP_CHECHEN, LP_AVAR,
	LP_DARGIN, LP_UZBEK, LP_KAZAKH, LP_KYRGYZ, LP_TAJIK, LP_UYGHUR,
	LP_UYGHUR_TR, LP_TURKISH, LP_TURKISH_KU, LP_FRENCH, LP_FRENCH_AR,
	LP_GERMAN, LP_GERMAN_TR, LP_DUTCH, LP_DUTCH_AR, LP_ENGLISH, LP_IRAQI_KU
};

static const struct langp langps[] = {
	[LP_LEVANT] = { "ar-levantine", "interpreter for Levantine Arabic present" },
	[LP_LEVANT_TR] = { "ar-levantine;tr", NULL },
	[LP_IRAQI] = { "ar-iraqi", "interpreter for Arabic present" },
	[LP_MAGHREB] = { "ar-maghrebi;fr",
	                 "interpreter knows Levantine Arabic only; defence objected" },
	[LP_EGYPT] = { "ar-egyptian", "interpreter for Arabic present" },
	[LP_GULF] = { "ar-gulf", "interpreter for Arabic present" },
	[LP_YEMEN] = { "ar-yemeni", "interpreter for Arabic present" },
	[LP_LIBYA] = { "ar-libyan;ar-maghrebi",
	               "interpreter knows Levantine Arabic only; defence objected" },
	[LP_PERSIAN] = { "fa", "interpreter for Persian present" },
	[LP_RUSSIAN] = { "ru", "interpreter for Russian present" },
	[LP_CHECHEN] = { "ce;ru", "interpreter for Russian present" },
	[LP_AVAR] = { "av;ru", "interpreter for Russian present" },
	[LP_DARGIN] = { "dar;ru", "interpreter for Russian present" },
	[LP_UZBEK] = { "uz;ru", "interpreter for Uzbek present" },
	[LP_KAZAKH] = { "kk;ru", "interpreter for Russian present" },
	[LP_KYRGYZ] = { "ky;ru", "interpreter for Russian present" },
	[LP_TAJIK] = { "tg;ru", "interpreter for Russian present" },
	[LP_UYGHUR] = { "ug", "interpreter for Uyghur present" },
	[LP_UYGHUR_TR] = { "ug;tr", NULL },
	[LP_TURKISH] = { "tr", NULL },
	[LP_TURKISH_KU] = { "tr;ku", NULL },
	[LP_FRENCH] = { "fr", "interpreter for French present" },
	[LP_FRENCH_AR] = { "fr;ar-maghrebi", "interpreter for French present" },
	[LP_GERMAN] = { "de", "interpreter for German present" },
	[LP_GERMAN_TR] = { "de;tr", NULL },
	[LP_DUTCH] = { "nl", "interpreter for Dutch replaced (qualification questioned)" },
	[LP_DUTCH_AR] = { "nl;ar-maghrebi", "interpreter for Dutch present" },
	[LP_ENGLISH] = { "en", "interpreter for English present" },
	[LP_IRAQI_KU] = { "ar-iraqi;ku", "interpreter for Arabic present" },
};

struct wpick {
	uint8_t v;
	uint16_t w;
};

static int
wpick(struct gen *g, const struct wpick *t, size_t n)
{
	uint32_t total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += t[i].w;
	x = demo_rng_below(&g->r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].v;
		x -= t[i].w;
	}
	return t[0].v;
}

#define WPICK(g, t) wpick(g, t, N(t))

static const struct wpick nat_foreign_men[] = {
	{ C_SYR, 140 }, { C_IRQ, 120 }, { C_RUS, 130 }, { C_UZB, 80 },
	{ C_TJK, 60 }, { C_KAZ, 30 }, { C_KGZ, 30 }, { C_CHN, 60 },
	{ C_TUN, 60 }, { C_LBY, 20 }, { C_YEM, 10 }, { C_EGY, 30 },
	{ C_SAU, 20 }, { C_IRN, 30 }, { C_FRA, 50 }, { C_DEU, 40 },
	{ C_NLD, 25 }, { C_BEL, 25 }, { C_AUT, 10 }, { C_GBR, 20 },
	{ C_XXA, 10 },
};
static const struct wpick nat_foreign_women[] = {
	{ C_RUS, 200 }, { C_FRA, 80 }, { C_DEU, 60 }, { C_NLD, 60 },
	{ C_BEL, 50 }, { C_TUN, 80 }, { C_SYR, 100 }, { C_IRQ, 100 },
	{ C_UZB, 60 }, { C_TJK, 50 }, { C_KAZ, 30 }, { C_CHN, 50 },
	{ C_EGY, 20 }, { C_AUT, 20 }, { C_GBR, 20 }, { C_XXA, 20 },
};
static const struct wpick nat_nes[] = {
	{ C_IRQ, 300 }, { C_SYR, 200 }, { C_RUS, 100 }, { C_FRA, 80 },
	{ C_DEU, 50 }, { C_NLD, 40 }, { C_BEL, 40 }, { C_TUN, 60 },
	{ C_TUR, 50 }, { C_UZB, 30 }, { C_TJK, 30 }, { C_KAZ, 20 },
};
static const struct wpick nat_central[] = {
	{ C_KAZ, 400 }, { C_UZB, 250 }, { C_TJK, 250 }, { C_KGZ, 100 },
};
static const struct wpick nat_uam[] = {
	{ C_RUS, 200 }, { C_FRA, 120 }, { C_BEL, 80 }, { C_NLD, 80 },
	{ C_DEU, 80 }, { C_TJK, 100 }, { C_UZB, 100 }, { C_KAZ, 60 },
	{ C_IRQ, 120 }, { C_SYR, 80 }, { C_XXX, 60 },
};
static const struct wpick nat_former[] = {
	{ C_GBR, 40 }, { C_NLD, 25 }, { C_DEU, 15 }, { C_FRA, 10 }, { C_BEL, 10 },
};

/* Culture, ethnicity and languages from nationality. */
static void
set_identity(struct gen *g, struct member *m)
{
	int c = m->nat == C_XXA || m->nat == C_XXX ? m->former : m->nat;

	m->ethnicity = "";
	switch (c) {
	case C_SYR:
		m->culture = DC_ARAB;
		m->ethnicity = chance(g, 100) ? "Kurdish" : chance(g, 60) ? "Turkmen" : "Arab";
		m->lang = chance(g, 150) ? LP_LEVANT_TR : LP_LEVANT;
		break;
	case C_IRQ:
		m->culture = DC_ARAB;
		m->ethnicity = chance(g, 80) ? "Turkmen" : chance(g, 60) ? "Kurdish" : "Arab";
		m->lang = m->ethnicity[0] == 'K' ? LP_IRAQI_KU : LP_IRAQI;
		break;
	case C_TUN:
		m->culture = DC_MAGHREB;
		m->ethnicity = "Arab";
		m->lang = LP_MAGHREB;
		break;
	case C_LBY:
		m->culture = DC_ARAB;
		m->ethnicity = "Arab";
		m->lang = LP_LIBYA;
		break;
	case C_EGY:
		m->culture = DC_ARAB;
		m->ethnicity = "Arab";
		m->lang = LP_EGYPT;
		break;
	case C_YEM:
		m->culture = DC_ARAB;
		m->ethnicity = "Arab";
		m->lang = LP_YEMEN;
		break;
	case C_SAU:
		m->culture = DC_ARAB;
		m->ethnicity = "Arab";
		m->lang = LP_GULF;
		break;
	case C_IRN:
		m->culture = DC_PERSIAN;
		m->ethnicity = chance(g, 300) ? "Kurdish" : chance(g, 300) ? "Baloch" : "Persian";
		m->lang = LP_PERSIAN;
		break;
	case C_RUS: {
		uint32_t x = demo_rng_below(&g->r, 100);

		m->culture = x < 80 ? DC_CAUCASUS : DC_RUSSIAN;
		m->ethnicity = x < 40 ? "Chechen" : x < 65 ? "Avar" : x < 80 ? "Dargin" : "Russian";
		m->lang = x < 40 ? LP_CHECHEN : x < 65 ? LP_AVAR : x < 80 ? LP_DARGIN : LP_RUSSIAN;
		break;
	}
	case C_UZB:
		m->culture = DC_UZBEK;
		m->ethnicity = "Uzbek";
		m->lang = LP_UZBEK;
		break;
	case C_KAZ:
		m->culture = DC_KAZAKH;
		m->ethnicity = "Kazakh";
		m->lang = LP_KAZAKH;
		break;
	case C_KGZ:
		m->culture = chance(g, 250) ? DC_UZBEK : DC_KYRGYZ;
		m->ethnicity = m->culture == DC_UZBEK ? "Uzbek" : "Kyrgyz";
		m->lang = m->culture == DC_UZBEK ? LP_UZBEK : LP_KYRGYZ;
		break;
	case C_TJK:
		m->culture = DC_TAJIK;
		m->ethnicity = "Tajik";
		m->lang = LP_TAJIK;
		break;
	case C_CHN:
		m->culture = DC_UYGHUR;
		m->ethnicity = "Uyghur";
		m->uyghur = true;
		m->lang = chance(g, 300) ? LP_UYGHUR_TR : LP_UYGHUR;
		break;
	case C_TUR:
		m->culture = DC_TURKISH;
		m->ethnicity = chance(g, 150) ? "Kurdish" : "Turkish";
		m->lang = m->ethnicity[0] == 'K' ? LP_TURKISH_KU : LP_TURKISH;
		break;
	case C_FRA:
		m->culture = chance(g, 350) ? DC_MAGHREB : DC_FRENCH;
		m->lang = m->culture == DC_MAGHREB ? LP_FRENCH_AR : LP_FRENCH;
		break;
	case C_BEL:
		m->culture = chance(g, 300) ? DC_MAGHREB : chance(g, 500) ? DC_FRENCH : DC_DUTCH;
		m->lang = m->culture == DC_DUTCH ? LP_DUTCH :
		          m->culture == DC_MAGHREB ? LP_FRENCH_AR : LP_FRENCH;
		break;
	case C_NLD:
		m->culture = chance(g, 300) ? DC_MAGHREB : DC_DUTCH;
		m->lang = m->culture == DC_MAGHREB ? LP_DUTCH_AR : LP_DUTCH;
		break;
	case C_DEU:
	case C_AUT:
		m->culture = chance(g, 250) ? DC_TURKISH : DC_GERMAN;
		m->lang = m->culture == DC_TURKISH ? LP_GERMAN_TR : LP_GERMAN;
		break;
	default:   /* GBR */
		m->culture = chance(g, 300) ? DC_ARAB : DC_ENGLISH;
		m->lang = LP_ENGLISH;
		break;
	}
}

/* --- building blocks of pathways ---------------------------------------------- */

static const char *
centre_at(const struct member *m, int32_t day)
{
	return prov_centre[day >= m->transfer_day ? m->centre2 : m->centre];
}

static const char *
prison_of(const struct member *m)
{
	return m->female ? prov_wprison[m->prov] : prov_prison[m->prov];
}

static const char *
court_of(const struct member *m)
{
	return m->prov & 1 ? prov_court_b[m->prov] : prov_court_a[m->prov];
}

/* A stay in a camp in Syria, with notes now and then. */
static void
camp_stay(struct gen *g, struct member *m, int32_t from, int32_t to, int place)
{
	struct tl *t = &m->tl;
	bool camp = m->female || m->minor;
	const char *where = camp ? camp_place[place] : sdf_prison[place % N(sdf_prison)];
	struct gev *e = add(t, from, K_CAMP_ADMISSION, C_SYR);

	e->place = where;
	e->flags = F_COARSE;
	for (int32_t d = from + urange(g, 20, 120); d < to - 20 && room(t);
	     d += urange(g, 30, 150)) {
		e = add(t, d, K_NOTE, C_SYR);
		e->place = where;
		e->note = camp ? PICK(g, camp_notes) : PICK(g, sdf_prison_notes);
		e->flags = F_COARSE | F_FAMILY;
	}
	seg(t, SG_ABROAD, from, to);
}

/* Apprehension and police custody of 1-4 days, sometimes extended up
 * to 12 in all. Returns the day custody ends. */
static int32_t
custody(struct gen *g, struct member *m, int32_t d, bool investigate,
        const struct origin *home)
{
	struct tl *t = &m->tl;
	int country = home ? home->country : C_TUR;
	const char *police = home ? home->police : prov_police[m->prov];
	int days = chance(g, 150) ? 1 : urange(g, 2, 4);
	int32_t end = d + days;
	struct gev *e;

	e = add(t, d, K_APPREHENSION, country);
	e->place = police;
	e->note = home ? "detained on arrival" : PICK(g, apprehension_notes);
	e = add(t, d, K_POLICE_CUSTODY, country);
	e->place = police;
	e->dd = (uint8_t)days;
	if (investigate) {
		e = add(t, d, K_INVESTIGATION_OPENED, country);
		e->place = home ? home->court : prov_prosecutor[m->prov];
		e->ref = ref_no(g);
	}
	if (chance(g, 90)) {
		int more = urange(g, 1, 12 - days);

		e = add(t, end, K_CUSTODY_EXTENDED, country);
		e->place = police;
		e->dd = (uint8_t)more;
		e->note = "extension authorised by the judge";
		end += more;
	}
	seg(t, SG_CUSTODY, d, end);
	return end;
}

/* A sentence's term by profile: foreigners' membership sentences are
 * up to ten years, commonly 6y3m before reductions; returnees' five to
 * ten; illegal crossing one to six months. A term is never shorter than
 * held, days already spent in pre-trial detention (plus a margin): a
 * court that finds that, releases at the verdict instead. */
static void
sentence_term(struct gen *g, bool turkish, const char *charge, int32_t held,
              struct gev *e)
{
	static const uint8_t foreign_terms[][3] = {
		{ 2, 6, 0 }, { 3, 1, 15 }, { 3, 1, 15 }, { 3, 9, 0 }, { 5, 0, 0 },
		{ 6, 3, 0 }, { 6, 3, 0 }, { 6, 3, 0 }, { 6, 3, 0 }, { 7, 6, 0 },
		{ 7, 6, 0 }, { 8, 9, 0 }, { 10, 0, 0 },
	};
	static const uint8_t returnee_terms[][3] = {
		{ 5, 0, 0 }, { 6, 3, 0 }, { 6, 3, 0 }, { 6, 3, 0 }, { 6, 3, 0 },
		{ 7, 6, 0 }, { 7, 6, 0 }, { 8, 9, 0 }, { 10, 0, 0 }, { 3, 9, 0 },
		{ 4, 2, 0 },
	};
	const uint8_t *t;

	if (strstr(charge, "arms")) {
		e->dy = (uint8_t)urange(g, 1, 5);
		if (dur_min_days(e->dy, 0, 0) > held + 60)
			return;
	} else if (chance(g, 50)) {   /* illegal crossing only */
		e->dm = (uint8_t)urange(g, 1, 6);
		e->note = "illegal border crossing";
		if (dur_min_days(0, e->dm, 0) > held + 60)
			return;
		e->dm = 0;
		e->note = charge;
	}
	t = turkish ? returnee_terms[demo_rng_below(&g->r, (uint32_t)N(returnee_terms))]
	            : foreign_terms[demo_rng_below(&g->r, (uint32_t)N(foreign_terms))];
	e->dy = t[0];
	e->dm = t[1];
	e->dd = t[2];
	if (dur_min_days(e->dy, e->dm, e->dd) <= held + 60) {
		e->dy = (uint8_t)((held + 60) / 365 + 1);
		e->dm = e->dd = 0;
	}
}

/* Serving a sentence from day imp; the clock starts at credit (the start
 * of pre-trial detention that ran straight into prison). Returns the
 * release day, or -1 when the person died in prison. */
static int32_t
serve(struct gen *g, struct member *m, int32_t imp, int32_t credit,
      const struct gev *sent, const struct origin *home)
{
	struct tl *t = &m->tl;
	int country = home ? home->country : C_TUR;
	const char *prison = home ? home->prison : prison_of(m);
	int32_t maxd = dur_max_days(sent->dy, sent->dm, sent->dd);
	int32_t mind = dur_min_days(sent->dy, sent->dm, sent->dd);
	int32_t full = credit + mind, rel;
	bool early = chance(g, 800), died = false;
	struct gev *e;

	rel = early ? credit + (3 * maxd + 3) / 4 + urange(g, 0, 30) : full;
	if (rel >= full) {
		rel = full;
		early = false;
	}
	if (rel < imp)
		rel = imp;   /* three quarters already served before the verdict */
	if (rel > imp + 30 && chance(g, 4)) {
		rel = urange(g, imp + 1, rel - 1);
		died = true;
	}
	for (int32_t d = imp + urange(g, 30, 120); d < rel && room(t);
	     d += urange(g, 45, 150)) {
		e = add(t, d, K_NOTE, country);
		e->place = prison;
		e->note = PICK(g, prison_notes);
	}
	seg(t, SG_PRISON, imp, rel);
	if (died) {
		e = add(t, rel, K_DECEASED, country);
		e->place = prison;
		e->note = "died in custody (illness)";
		t->terminal = true;
		return -1;
	}
	if (early && !home && rel - 25 > imp) {
		e = add(t, rel - urange(g, 5, 25), K_NOTE, country);
		e->place = prison;
		e->note = "enforcement judge (infaz hakimi) reviewed good behaviour";
	}
	e = add(t, rel, early ? K_CONDITIONAL_RELEASE : K_PRISON_RELEASE, country);
	e->place = prison;
	e->note = !early ? "sentence served"
	          : rel == imp ? "three quarters served in pre-trial detention"
	          : "early release for good behaviour after three quarters";
	return rel;
}

/* A security code from day d: codes run for set periods and are lifted
 * or assigned again when one ends (domain-notes K22), up to about
 * until. Open-ended codes (no period) are recorded too, and always when
 * until is negative (the person's time here ends first). */
static void
security_codes(struct gen *g, struct member *m, int32_t d, int32_t until)
{
	struct tl *t = &m->tl;
	bool g89 = chance(g, 650);
	struct gev *e;

	e = add(t, d, K_SECURITY_CODE, C_TUR);
	e->place = prov_governor[m->prov];
	e->outcome = g89 ? "G89" : "G87";
	e->note = g89 ? "foreign terrorist fighter" : "general security";
	if (until < 0 || chance(g, 400))
		return;   /* no period set */
	e->dy = (uint8_t)(chance(g, 500) ? 1 : 2);
	while (room(t)) {
		int32_t lift = d + dur_min_days(e->dy, 0, 0) - urange(g, 0, 15);

		e = add(t, lift, K_SECURITY_CODE_LIFTED, C_TUR);
		e->place = prov_governor[m->prov];
		if (lift >= until || !chance(g, 600)) {
			e->note = "period ended; not renewed";
			return;
		}
		e->note = "period ended";
		d = lift;
		e = add(t, d, K_SECURITY_CODE, C_TUR);
		e->place = prov_governor[m->prov];
		e->outcome = g89 ? "G89" : "G87";
		e->dy = 1;
		e->note = "assigned again for another period";
	}
}

/* Electronic monitoring for six months from day d, ended by day
 * ends_by at the latest. */
static void
monitoring(struct gen *g, struct member *m, int32_t d, int32_t ends_by,
           const char *place, const char *why)
{
	struct tl *t = &m->tl;
	int32_t end = d + urange(g, 150, 178);
	struct gev *e;

	e = add(t, d, K_ELECTRONIC_MONITORING, C_TUR);
	e->place = place;
	e->dm = 6;
	e->note = why;
	e = add(t, end < ends_by ? end : ends_by, K_MEASURE_LIFTED, C_TUR);
	e->place = place;
	e->note = "electronic monitoring ended";
}

/* A stage of a prosecution with the records kept while it lasts:
 * monthly reviews of pre-trial detention, check-ins under judicial
 * control. */
static void
trial_stage(struct gen *g, struct member *m, int stage, int32_t start, int32_t end,
            int country, const char *place)
{
	struct tl *t = &m->tl;
	struct gev *e;

	seg(t, stage, start, end);
	if (stage == SG_PRETRIAL) {
		for (int32_t x = start + 30; x < end && room(t); x += 30) {
			e = add(t, x, K_NOTE, country);
			e->place = place;
			e->note = "monthly review of pre-trial detention: continued";
		}
	} else {
		for (int32_t x = start + urange(g, 20, 60); x < end && room(t);
		     x += urange(g, 30, 90)) {
			e = add(t, x, K_NOTE, country);
			e->place = place;
			e->note = "police check-ins recorded as required";
		}
	}
}

/* Prosecution from day d, when police custody ends. Returns the day the
 * person is free (acquitted, appeal won or sentence served), or -1 when
 * they died in prison. */
static int32_t
prosecute(struct gen *g, struct member *m, int32_t d, bool detained, bool turkish,
          const struct origin *home)
{
	struct tl *t = &m->tl;
	int country = home ? home->country : C_TUR;
	const char *court = home ? home->court : court_of(m);
	const char *charge = PICK(g, charge_notes);
	const char *interp = home ? NULL : langps[m->lang].interp;
	int32_t start = d, credit = -1, jc_start = -1, em = -1, h, vd, imp, rel;
	int hearings = urange(g, 2, 6);
	bool convicted, at_liberty;
	struct gev *e, *sent;

	if (detained) {
		e = add(t, d, K_PRETRIAL_DETENTION, country);
		e->place = home ? home->prison : prison_of(m);
		credit = d;
	} else {
		e = add(t, d, K_CUSTODY_RELEASE, country);
		e->place = home ? home->police : prov_police[m->prov];
		e->note = "released by the judge under judicial control";
		e = add(t, d, K_JUDICIAL_CONTROL, country);
		e->place = court;
		e->note = chance(g, 500) ? "weekly police check-in; international travel ban"
		                         : "check-in twice a week; international travel ban";
		e = add(t, d, K_TRAVEL_BAN, country);
		e->place = court;
		e->note = "international travel ban (judicial control)";
		em = chance(g, 150) ? d : -1;
		jc_start = d;
	}
	h = d + urange(g, 15, 120);
	e = add(t, h, K_CHARGE, country);
	e->place = home ? home->court : prov_prosecutor[m->prov];
	e->ref = ref_no(g);
	e->note = charge;
	for (int i = 0; i < hearings; i++) {
		h += urange(g, 30, 110);
		e = add(t, h, K_HEARING, country);
		e->place = court;
		e->outcome = i + 1 < hearings ? "adjourned" : "final hearing";
		e->note = interp && chance(g, 600) ? interp : NULL;
		if (detained && i + 1 < hearings && chance(g, 100)) {
			trial_stage(g, m, SG_PRETRIAL, start, h, country, court);
			e = add(t, h, K_JUDICIAL_CONTROL, country);
			e->place = court;
			e->note = "released pending trial; weekly police check-in";
			e = add(t, h, K_TRAVEL_BAN, country);
			e->place = court;
			e->note = "international travel ban (judicial control)";
			detained = false;
			credit = -1;
			start = jc_start = h;
		}
	}
	if (em >= 0)   /* a bracelet under judicial control ends by the verdict */
		monitoring(g, m, em, h, court, "electronic bracelet (judicial control)");
	trial_stage(g, m, detained ? SG_PRETRIAL : SG_JC, start, h, country,
	            detained ? court : home ? home->police : prov_police[m->prov]);
	vd = h;
	convicted = !chance(g, m->female ? 380 : 170);
	e = add(t, vd, K_VERDICT, country);
	e->place = court;
	e->ref = ref_no(g);
	e->outcome = convicted ? "convicted" : "acquitted";
	if (!convicted) {
		int32_t filed, dec;

		e->note = chance(g, 300) ? "active remorse: shared information" : NULL;
		if (detained) {
			e = add(t, vd, K_CUSTODY_RELEASE, country);
			e->place = home ? home->prison : prison_of(m);
			e->note = "released from pre-trial detention (acquitted)";
		}
		if (!chance(g, 300)) {
			if (jc_start >= 0 && !detained) {
				e = add(t, vd, K_JUDICIAL_CONTROL_LIFTED, country);
				e->place = court;
				e = add(t, vd, K_MEASURE_LIFTED, country);
				e->place = court;
				e->note = "travel ban lifted";
			}
			return vd;
		}
		/* the prosecutor appeals; the travel ban stays, check-ins end */
		filed = vd + urange(g, 3, 14);
		e = add(t, filed, K_APPEAL_FILED, country);
		e->place = court;
		e->ref = ref_no(g);
		e->note = "appeal by the prosecutor";
		if (!detained && jc_start >= 0) {
			e = add(t, filed, K_NOTE, country);
			e->place = court;
			e->note = "check-ins waived; travel ban upheld pending the appeal";
		}
		dec = filed + urange(g, 120, 600);
		if (jc_start >= 0 && !detained && dec > jc_start + 1400)
			dec = filed + 1 > jc_start + 1400 ? filed + 1 : jc_start + 1400;
		seg(t, SG_APPEAL, filed, dec);
		e = add(t, dec, K_APPEAL_DECIDED, country);
		e->place = "Court of Cassation";
		e->ref = ref_no(g);
		if (!chance(g, 200)) {
			e->outcome = "upheld";
			e->note = "acquittal upheld";
			if (jc_start >= 0 && !detained) {
				e = add(t, dec, K_JUDICIAL_CONTROL_LIFTED, country);
				e->place = court;
			}
			return dec;
		}
		e->outcome = "overturned";
		e->note = "acquittal overturned; retrial ordered";
		if (jc_start >= 0 && !detained) {
			/* keeps the four-year cap on measures pending a verdict */
			e = add(t, dec, K_JUDICIAL_CONTROL_LIFTED, country);
			e->place = court;
			jc_start = -1;
		}
		h = dec + urange(g, 30, 120);
		e = add(t, h, K_HEARING, country);
		e->place = court;
		e->outcome = "retrial";
		vd = h;
		e = add(t, vd, K_VERDICT, country);
		e->place = court;
		e->ref = ref_no(g);
		e->outcome = "convicted";
		e->note = "on retrial";
		at_liberty = true;
		if (detained || jc_start < 0) {
			/* freed on acquittal: the retrial is heard with the
			 * defendant at liberty under a new travel ban */
			e = add(t, vd, K_TRAVEL_BAN, country);
			e->place = court;
			e->note = "travel ban until the judgment is final";
		}
		detained = false;
	} else {
		at_liberty = !detained;
	}
	sent = add(t, vd, K_SENTENCE, country);
	sent->place = court;
	sent->note = charge;
	sentence_term(g, turkish, charge, credit >= 0 && !at_liberty ? vd - credit : 0, sent);
	if (!at_liberty) {
		imp = vd;
		e = add(t, imp, K_IMPRISONMENT, country);
		e->place = home ? home->prison : prison_of(m);
		rel = serve(g, m, imp, credit, sent, home);
		/* the defence appeals from prison; decided while still inside
		 * (the prison's end is where a death would be) */
		if (chance(g, 600)) {
			int32_t filed = vd + urange(g, 2, 14), dec = filed + urange(g, 180, 700);
			int32_t cap = rel >= 0 ? rel : t->ev[t->nev - 1].day;

			if (dec < cap) {
				e = add(t, filed, K_APPEAL_FILED, country);
				e->place = court;
				e->ref = ref_no(g);
				e->note = "appeal by the defence";
				e = add(t, dec, K_APPEAL_DECIDED, country);
				e->place = "Court of Cassation";
				e->ref = ref_no(g);
				e->outcome = "upheld";
				e->note = "conviction upheld";
			}
		}
		return rel;
	}
	/* at liberty until the conviction is final */
	if (chance(g, 650)) {
		int32_t filed = vd + urange(g, 2, 14), dec = filed + urange(g, 150, 600);
		bool overturned = chance(g, 120);

		if (jc_start >= 0 && dec > jc_start + 1400)
			dec = filed + 1 > jc_start + 1400 ? filed + 1 : jc_start + 1400;
		e = add(t, filed, K_APPEAL_FILED, country);
		e->place = court;
		e->ref = ref_no(g);
		e->note = "appeal by the defence";
		if (jc_start >= 0)
			trial_stage(g, m, SG_APPEAL, filed, dec, country,
			            home ? home->police : prov_police[m->prov]);
		else
			seg(t, SG_APPEAL, filed, dec);
		e = add(t, dec, K_APPEAL_DECIDED, country);
		e->place = "Court of Cassation";
		e->ref = ref_no(g);
		e->outcome = overturned ? "overturned" : "upheld";
		e->note = overturned ? "conviction quashed" : "conviction upheld";
		if (overturned) {
			if (jc_start >= 0) {
				e = add(t, dec, K_JUDICIAL_CONTROL_LIFTED, country);
				e->place = court;
			}
			e = add(t, dec, K_MEASURE_LIFTED, country);
			e->place = court;
			e->note = "travel ban lifted";
			return dec;
		}
		imp = dec + urange(g, 10, 60);
	} else {
		imp = vd + urange(g, 15, 60);
	}
	if (jc_start >= 0) {
		e = add(t, imp, K_JUDICIAL_CONTROL_LIFTED, country);
		e->place = court;
		e->note = "judgment final";
	}
	e = add(t, imp, K_IMPRISONMENT, country);
	e->place = home ? home->prison : prison_of(m);
	return serve(g, m, imp, imp, sent, home);
}

static void removal(struct gen *g, struct member *m, int32_t d, int depth);

/* Living in the country after a release, under measures or none; some
 * are detained again on new grounds, a few drop out of sight. */
static void
community(struct gen *g, struct member *m, int32_t d, int depth, bool foreign)
{
	struct tl *t = &m->tl;
	bool measures = foreign && !m->minor, bracelet = measures && chance(g, 200);
	bool again = measures && depth == 0 && chance(g, 60);
	bool gone = !again && chance(g, m->minor ? 40 : 12);
	/* no flight or new detention while a bracelet is on */
	int32_t quiet = d + (bracelet ? 180 : 60);
	int32_t end = again ? quiet + urange(g, 30, 640) : gone ? quiet + urange(g, 0, 840)
	              : d + urange(g, 300, 1800);
	struct gev *e;

	if (measures)
		security_codes(g, m, d + urange(g, 0, 20), again || gone ? -1 : end + 730);
	if (bracelet)
		monitoring(g, m, d, INT32_MAX, prov_governor[m->prov],
		           "electronic monitoring after release");
	for (int32_t x = d + urange(g, 30, 150); x < end && room(t); x += urange(g, 45, 200)) {
		e = add(t, x, K_NOTE, C_TUR);
		e->place = prov_name[m->prov];
		e->note = m->minor ? "placement review by child protection"
		                   : PICK(g, community_notes);
	}
	seg(t, SG_COMMUNITY, d, end);
	if (again) {
		e = add(t, end, K_RE_DETAINED, C_TUR);
		e->place = prov_police[m->prov];
		e->note = "new grounds";
		removal(g, m, end, depth + 1);
	} else if (gone) {
		e = add(t, end, K_ABSCONDED, C_TUR);
		e->place = prov_name[m->prov];
		e->note = m->minor ? "left the care home" : "missed check-ins; whereabouts unknown";
		seg(t, SG_ABSCONDED, end, end + 900);
		t->terminal = true;
	}
}

enum outcome { OUT_DEPORT, OUT_VOLUNTARY, OUT_THIRD, OUT_RELEASE };

/* The removal procedure from day d: governor's decision, notification,
 * removal centre (or an alternative measure), challenge, assessment,
 * and the outcome: removal, or release within twelve months. */
static void
removal(struct gen *g, struct member *m, int32_t d, int depth)
{
	struct tl *t = &m->tl;
	int32_t notif = d + urange(g, 0, 2), adm = -1, filed = -1, decided = -1;
	int32_t earliest, end = 0, base, cv = -1, td = -1, sch = -1;
	bool alt = !m->minor && chance(g, 60);
	bool challenge = alt || chance(g, m->minor ? 150 : 750);
	bool upheld = false, risk = false, noncoop = false;
	const char *ground = ground_outcome[1];
	enum outcome out;
	struct gev *e;

	e = add(t, d, K_REMOVAL_DECISION, C_TUR);
	e->place = prov_governor[m->prov];
	e->ref = ref_no(g);
	e->outcome = "deportation ordered";
	e->note = depth ? "new grounds" : "ISIS links (intelligence report)";
	e = add(t, notif, K_REMOVAL_NOTIFIED, C_TUR);
	e->place = prov_governor[m->prov];
	m->transfer_day = INT32_MAX;
	if (alt) {
		e = add(t, notif, K_ALTERNATIVE_MEASURE, C_TUR);
		e->place = prov_admin[m->prov];
		e->note = chance(g, 500) ? "electronic monitoring instead of a removal centre"
		                         : "house arrest instead of a removal centre";
	} else {
		adm = notif;
		e = add(t, adm, K_REMOVAL_CENTRE_ADMISSION, C_TUR);
		e->place = prov_centre[m->centre];
		e->note = m->minor ? "unaccompanied minors' section" : NULL;
	}
	/* unchallenged: the window may roll past a weekend and a holiday */
	earliest = notif + 15;
	if (challenge) {
		filed = notif + urange(g, 1, 7);
		/* due in fifteen days; "in practice ... usually take longer" */
		decided = filed + (chance(g, 500) ? urange(g, 8, 15) : urange(g, 16, 90));
		upheld = chance(g, 100);
		e = add(t, filed, K_CHALLENGE_FILED, C_TUR);
		e->place = prov_admin[m->prov];
		e->ref = ref_no(g);
		e->note = chance(g, 300) ? "contests the ISIS-link accusation"
		                         : "contests the non-refoulement finding";
		seg(t, SG_ORDERED, notif, filed);
		seg(t, SG_CHALLENGE, filed, decided);
		e = add(t, decided, K_CHALLENGE_DECIDED, C_TUR);
		e->place = prov_admin[m->prov];
		e->ref = ref_no(g);
		e->outcome = upheld ? "upheld" : "rejected";
		earliest = decided + 1;
	} else {
		seg(t, SG_ORDERED, notif, notif + 8);
	}
	if (alt) {
		seg(t, SG_ALT, notif, decided);
		e = add(t, decided, K_MEASURE_LIFTED, C_TUR);
		e->place = prov_admin[m->prov];
		e->note = "alternative measure ended";
		if (upheld) {
			e = add(t, decided, K_RELEASED_TO_COMMUNITY, C_TUR);
			e->place = prov_name[m->prov];
			e->note = "removal decision annulled by the court";
			community(g, m, decided, depth, true);
			return;
		}
		adm = decided + urange(g, 0, 10);
		e = add(t, adm, K_REMOVAL_CENTRE_ADMISSION, C_TUR);
		e->place = prov_centre[m->centre];
	} else if (upheld) {
		seg(t, SG_CENTRE, adm, decided);
		e = add(t, decided, K_REMOVAL_CENTRE_RELEASE, C_TUR);
		e->place = prov_centre[m->centre];
		e->note = "removal decision annulled by the court";
		e = add(t, decided, K_RELEASED_TO_COMMUNITY, C_TUR);
		e->place = prov_name[m->prov];
		community(g, m, decided, depth, true);
		return;
	}

	/* assessment first where the law asks for it (and for some others) */
	base = adm;
	if (needs_nr(m) || m->uyghur ||
	    ((m->nat == C_IRN || m->nat == C_TJK || m->nat == C_UZB || m->nat == C_EGY) &&
	     chance(g, 400))) {
		int pr = m->uyghur ? 1000 : m->nat == C_YEM ? 500 : m->nat == C_LBY ? 400 :
		         m->nat == C_IRN ? 400 : needs_nr(m) ? 350 : 150;

		risk = chance(g, pr);
		base = adm + urange(g, 7, 25);
		e = add(t, base, K_NON_REFOULEMENT_ASSESSMENT, C_TUR);
		e->country = m->uyghur ? C_CHN : m->nat == C_XXA || m->nat == C_XXX
		             ? m->claimed : m->nat;
		e->place = prov_governor[m->prov];
		e->outcome = risk ? "risk" : "no_risk";
		e->note = risk ? (m->uyghur ? "categorical bar: Uyghur"
		                            : "risk of torture or persecution")
		               : "no individual risk found";
	}
	/* a finding from an earlier procedure still stands */
	risk = risk || m->risk_found;
	m->risk_found = risk;
	if (never_return(m)) {
		out = OUT_RELEASE;
		ground = m->nat == C_XXA || m->nat == C_XXX ? ground_outcome[1] : ground_outcome[0];
	} else if (is_syrian(m)) {
		out = chance(g, 550) ? OUT_VOLUNTARY : OUT_RELEASE;
	} else if (risk) {
		out = m->nat == C_RUS && chance(g, 450) ? OUT_THIRD : OUT_RELEASE;
	} else {
		/* Europeans and North Africans cooperate least, Central Asians
		 * most (domain-notes 1C) */
		int nc = european(m->nat) ? 450 : m->nat == C_TUN ? 350 :
		         m->nat == C_KGZ ? 250 : m->culture == DC_UZBEK ||
		         m->nat == C_KAZ || m->nat == C_TJK || m->nat == C_IRQ ||
		         m->nat == C_SAU ? 100 : 200;

		noncoop = chance(g, nc);
		out = noncoop ? OUT_RELEASE : OUT_DEPORT;
		ground = noncoop ? ground_outcome[0] : ground_outcome[1];
	}

	/* plan the days, then write the events (a transfer changes places) */
	if (out == OUT_DEPORT) {
		cv = base + urange(g, 14, 100);
		td = cv + urange(g, 14, 150);
		sch = td + urange(g, 3, 25);
		end = sch + urange(g, 1, 10);
		if (end < earliest)
			end = earliest;
		if (end > adm + 360) {
			out = OUT_RELEASE;
			ground = ground_outcome[1];
			noncoop = false;
		}
	} else if (out == OUT_VOLUNTARY) {
		cv = base + urange(g, 10, 150);
		end = cv + urange(g, 2, 30);
		if (end < earliest)
			end = earliest;
	} else if (out == OUT_THIRD) {
		cv = base + urange(g, 30, 120);
		td = cv + urange(g, 14, 120);
		end = td + urange(g, 3, 20);
		if (end < earliest)
			end = earliest;
	}
	if (out == OUT_RELEASE) {
		cv = -1;
		if (noncoop || (!never_return(m) && !is_syrian(m) && chance(g, 500)))
			cv = base + urange(g, 20, 120);
		end = is_syrian(m) && !never_return(m) ? adm + urange(g, 30, 200)
		      : chance(g, 700) ? adm + urange(g, 330, 365) : adm + urange(g, 120, 365);
		if (end < earliest)
			end = earliest;
		if (end > adm + 365)
			end = adm + 365;
		if (cv >= end)
			cv = -1;
	}
	if (chance(g, 150) && end - adm > 40) {
		m->transfer_day = adm + urange(g, 20, end - adm - 10);
		m->centre2 = (uint8_t)((m->centre + 1 + demo_rng_below(&g->r, 5)) % N(prov_centre));
		e = add(t, m->transfer_day, K_REMOVAL_CENTRE_TRANSFER, C_TUR);
		e->place = prov_centre[m->centre2];
		e->note = "overcrowding";
	}
	switch (out) {
	case OUT_DEPORT:
		e = add(t, cv, K_CONSULAR_VISIT, m->nat);
		e->place = centre_at(m, cv);
		e->note = "risk assessment by consular officials";
		e = add(t, td, K_TRAVEL_DOCUMENT, m->nat);
		e->place = centre_at(m, td);
		e->ref = ref_no(g);
		e->note = "issued by the consulate";
		e = add(t, sch, K_REMOVAL_SCHEDULED, m->nat);
		e->place = centre_at(m, sch);
		e->note = chance(g, 500) ? "ticket paid by the origin country; escort arranged"
		                         : "ticket paid by the family; escort arranged";
		break;
	case OUT_VOLUNTARY:
		e = add(t, cv, K_VOLUNTARY_RETURN_FORM, C_TUR);
		e->place = centre_at(m, cv);
		e->outcome = "signed";
		e->note = PICK(g, witness_note);
		break;
	case OUT_THIRD:
		e = add(t, cv, K_CONSULAR_VISIT, C_THIRD);
		e->place = centre_at(m, cv);
		e->note = "third-country consulate: admission agreed";
		e = add(t, td, K_TRAVEL_DOCUMENT, C_THIRD);
		e->place = centre_at(m, td);
		e->ref = ref_no(g);
		break;
	default:
		if (cv >= 0) {
			e = add(t, cv, K_CONSULAR_VISIT, m->nat);
			e->place = centre_at(m, cv);
			e->outcome = "no travel document issued";
			e->note = noncoop ? "origin country not cooperating" : NULL;
		}
		break;
	}
	if (end > adm + 176) {
		int32_t ext_at = adm + urange(g, 165, 175);

		e = add(t, ext_at, K_DETENTION_EXTENDED, C_TUR);
		e->place = centre_at(m, ext_at);
		e->dm = 6;
		e->outcome = ground;
	}
	for (int32_t x = adm + 30; x < end && room(t); x += 30) {
		e = add(t, x, K_NOTE, C_TUR);
		e->place = centre_at(m, x);
		e->note = "monthly review: detention continued";
		e->flags = F_FAMILY;
	}
	seg(t, SG_CENTRE, adm, end);
	switch (out) {
	case OUT_DEPORT:
		e = add(t, end, K_DEPORTED, m->nat);
		e->place = PICK(g, airport);
		e->note = m->minor ? "handed to consular officials" : "escorted by police";
		t->terminal = true;
		break;
	case OUT_VOLUNTARY:
		e = add(t, end, K_VOLUNTARY_RETURN, C_SYR);
		e->place = PICK(g, return_gate);
		t->terminal = true;
		break;
	case OUT_THIRD:
		e = add(t, end, K_THIRD_COUNTRY_REMOVAL, C_THIRD);
		e->place = PICK(g, airport);
		e->note = "safe third country";
		t->terminal = true;
		break;
	default:
		e = add(t, end, K_REMOVAL_CENTRE_RELEASE, C_TUR);
		e->place = centre_at(m, end);
		e->note = end >= adm + 330 ? "twelve-month limit reached"
		          : never_return(m) ? "removal barred" : "removal not possible";
		e = add(t, end, K_RELEASED_TO_COMMUNITY, C_TUR);
		e->place = prov_name[m->prov];
		e->note = m->minor ? "placed in state care" : "monitored";
		community(g, m, end, depth, true);
		return;
	}
	if (chance(g, 300)) {
		e = add(t, end + urange(g, 30, 400), K_CASE_CLOSED, C_TUR);
		e->place = prov_governor[m->prov];
	}
}

/* --- pathways ------------------------------------------------------------------- */

static void
entry_events(struct gen *g, struct member *m, const struct entry_plan *p,
             int32_t d)
{
	struct tl *t = &m->tl;
	struct gev *e;

	switch (p->mode) {
	case EM_MISSION:
		e = add(t, d, K_SURRENDER_AT_MISSION, C_TUR);
		e->place = m->nat == C_FRA ? "Consulate General of France, Istanbul"
		           : m->nat == C_NLD ? "Embassy of the Netherlands, Ankara"
		           : m->nat == C_BEL ? "Embassy of Belgium, Ankara"
		           : "Consulate General of Germany, Istanbul";
		e->note = "asked to be repatriated";
		break;
	case EM_BORDER_SURRENDER:
		e = add(t, d, K_SURRENDER_AT_BORDER, C_TUR);
		e->place = border_place[p->border];
		e->note = "surrendered to Turkish units on the Syrian side";
		break;
	case EM_AIR:
		e = add(t, d, K_BORDER_CROSSING, C_TUR);
		e->place = "Istanbul Airport";
		e->note = "valid documents, as a tourist";
		break;
	default:
		e = add(t, d, K_BORDER_CROSSING, C_TUR);
		e->place = border_place[p->border];
		e->note = chance(g, 300) ? "with forged documents" : "irregular, with smugglers";
		break;
	}
}

/* A foreign national in Türkiye. */
static void
flow_foreign(struct gen *g, struct member *m, const struct entry_plan *p,
             bool with_children)
{
	struct tl *t = &m->tl;
	int32_t d = p->entry, cend, freed;
	int branch;
	struct gev *e;

	if (p->camp)
		camp_stay(g, m, 0, p->entry, p->camp_place);
	if (p->mode == EM_REFUSED) {
		e = add(t, d, K_ENTRY_REFUSED, C_TUR);
		e->place = "Istanbul Airport";
		e->note = "on the no-entry list";
		if (chance(g, 500)) {
			e = add(t, d + urange(g, 1, 20), K_CASE_CLOSED, C_TUR);
			e->place = "Istanbul Airport";
			e->note = "returned on the next flight";
			t->terminal = true;
			return;
		}
		d += urange(g, 60, 700);
		e = add(t, d, K_BORDER_CROSSING, C_TUR);
		e->place = border_place[p->border];
		e->note = "irregular, with smugglers";
	} else {
		entry_events(g, m, p, d);
	}
	/* some settled quietly before they were found */
	if (p->mode == EM_SMUGGLED && chance(g, 300))
		d += urange(g, 30, 1500);
	if (m->nat == C_RUS && !m->female && chance(g, 450)) {
		e = add(t, d, K_RED_NOTICE, C_RUS);
		e->place = "Interpol";
		e->ref = ref_no(g);
		e->note = "issued by RUS; reliability to be assessed";
	} else if (chance(g, 40)) {
		e = add(t, d, K_RED_NOTICE, m->nat == C_XXA || m->nat == C_XXX ? C_NONE : m->nat);
		e->place = "Interpol";
		e->ref = ref_no(g);
	}
	if (p->mode == EM_MISSION)
		branch = 1;
	else if (with_children)
		branch = chance(g, 300) ? 0 : chance(g, 800) ? 1 : 2;
	else if (m->female)
		branch = chance(g, 400) ? 0 : chance(g, 770) ? 1 : 2;
	else
		branch = chance(g, 680) ? 0 : chance(g, 780) ? 1 : 2;
	cend = custody(g, m, d, branch == 0, NULL);
	if (branch == 0) {
		int det = with_children ? 250 : m->female ? 400 : 750;

		freed = prosecute(g, m, cend, chance(g, det), false, NULL);
		if (freed >= 0)
			removal(g, m, freed, 0);
		return;
	}
	e = add(t, cend, K_CUSTODY_RELEASE, C_TUR);
	e->place = prov_police[m->prov];
	if (branch == 1) {
		e->note = "handed to the migration authority";
		removal(g, m, cend, 0);
		return;
	}
	e->note = "released after questioning";
	community(g, m, cend, 0, true);
}

/* A Turkish citizen back from ISIS-held territory. */
static void
flow_turkish(struct gen *g, struct member *m, const struct entry_plan *p)
{
	struct tl *t = &m->tl;
	int32_t d = p->entry, cend, freed;
	struct gev *e;

	if (p->camp)
		camp_stay(g, m, 0, p->entry, p->camp_place);
	if (p->mode == EM_MISSION) {
		e = add(t, d, K_REPATRIATED, C_TUR);
		e->place = origin_of(C_TUR)->arrival;
		e->note = "state repatriation";
	} else {
		e = add(t, d, p->mode == EM_BORDER_SURRENDER ? K_SURRENDER_AT_BORDER
		                                              : K_BORDER_CROSSING, C_TUR);
		e->place = border_place[p->border];
		if (chance(g, 250)) {
			d += urange(g, 100, 1800);   /* came back undetected */
			e->note = "returned undetected";
		}
	}
	cend = custody(g, m, d, true, NULL);
	if (chance(g, 300)) {
		e = add(t, cend, K_CUSTODY_RELEASE, C_TUR);
		e->place = prov_police[m->prov];
		e->note = "questioned and released";
		if (chance(g, 400)) {
			e = add(t, cend + urange(g, 0, 30), K_NOTE, C_TUR);
			e->place = prov_admin[m->prov];
			e->note = "court-authorised surveillance (six months)";
		}
		if (!chance(g, 250)) {
			community(g, m, cend, 1, false);
			return;
		}
		/* arrested later when evidence surfaced */
		d = cend + urange(g, 120, 1200);
		seg(t, SG_COMMUNITY, cend, d);
		cend = custody(g, m, d, false, NULL);
	}
	freed = prosecute(g, m, cend, chance(g, m->female ? 350 : 650), true, NULL);
	if (freed < 0)
		return;
	if (chance(g, m->female ? 600 : 300)) {
		int32_t s = freed + urange(g, 5, 90), end = s + urange(g, 180, 540);

		e = add(t, s, K_PROGRAMME_START, C_TUR);
		e->place = prov_name[m->prov];
		e->note = m->female ? "FLSS ministry support" : "after-prison support programme";
		for (int32_t x = s + urange(g, 30, 90); x < end && room(t); x += urange(g, 40, 120)) {
			e = add(t, x, K_NOTE, C_TUR);
			e->place = prov_name[m->prov];
			e->note = PICK(g, programme_notes);
			e->flags = F_FAMILY;
		}
		e = add(t, end, K_PROGRAMME_END, C_TUR);
		e->place = prov_name[m->prov];
		e->outcome = "completed";
		seg(t, SG_PROGRAMME, s, end);
		freed = end;
	}
	if (chance(g, 15)) {
		e = add(t, freed + urange(g, 60, 600), K_ABSCONDED, C_TUR);
		e->place = prov_name[m->prov];
		e->note = "believed to have gone back to Syria";
		t->terminal = true;
		return;
	}
	if (chance(g, 120)) {
		e = add(t, freed + urange(g, 180, 900), K_CASE_CLOSED, C_TUR);
		e->place = prov_prosecutor[m->prov];
		t->terminal = true;
		return;
	}
	seg(t, SG_REINTEGRATION, freed, freed + urange(g, 300, 1500));
}

/* Brought home from a camp in Syria (Central Asia, or any country that
 * repatriates). men_tried: men are prosecuted at home. */
static void
repatriate(struct gen *g, struct member *m, int32_t rep, bool men_tried)
{
	struct tl *t = &m->tl;
	const struct origin *home = origin_of(m->nat);
	int32_t s, end;
	struct gev *e;
	int32_t vet = rep - urange(g, 30, 200);

	e = add(t, vet > 1 ? vet : 1, K_CONSULAR_VISIT, C_SYR);
	e->place = camp_place[1];
	e->note = "vetting interview by home-country officials";
	e = add(t, rep, K_REPATRIATED, m->nat);
	e->place = home->arrival;
	if (men_tried && !m->female && home->police[0]) {
		int32_t cend = custody(g, m, rep, true, home);
		int32_t freed = prosecute(g, m, cend, true, false, home);

		if (freed < 0)
			return;
		rep = freed;
	}
	s = rep + urange(g, 1, 30);
	end = s + urange(g, 60, 365);
	e = add(t, s, K_PROGRAMME_START, m->nat);
	e->place = home->programme;
	e->note = "rehabilitation";
	for (int32_t x = s + urange(g, 10, 40); x < end && room(t); x += urange(g, 20, 60)) {
		e = add(t, x, K_NOTE, m->nat);
		e->place = home->programme;
		e->note = PICK(g, programme_notes);
		e->flags = F_FAMILY;
	}
	e = add(t, end, K_PROGRAMME_END, m->nat);
	e->place = home->programme;
	e->outcome = "reintegrated with family";
	seg(t, SG_PROGRAMME, s, end);
	if (chance(g, 250)) {
		e = add(t, end + urange(g, 365, 1500), K_CASE_CLOSED, m->nat);
		e->place = home->programme;
		t->terminal = true;
		return;
	}
	seg(t, SG_REINTEGRATION, end, end + urange(g, 300, 1500));
}

static void
flow_central_asian(struct gen *g, struct member *m, const struct entry_plan *p)
{
	int32_t rep = p->entry;

	camp_stay(g, m, 0, rep, p->camp_place);
	repatriate(g, m, rep, m->nat == C_KAZ);
}

/* Still in (or out of) a camp in north-east Syria. */
static void
flow_nes(struct gen *g, struct member *m, const struct entry_plan *p)
{
	struct tl *t = &m->tl;
	int32_t out = p->entry;
	int rp = m->nat == C_IRQ ? 250 : m->nat == C_TUR ? 200 : m->nat == C_RUS ? 200 :
	         m->nat == C_TUN ? 100 : european(m->nat) ? 50 : m->nat == C_SYR ? 0 : 150;
	struct gev *e;

	if (m->role == R_UAM && (european(m->nat) || m->nat == C_RUS))
		rp = 500;   /* orphans are the ones brought home */
	if (chance(g, rp)) {
		camp_stay(g, m, 0, out, p->camp_place);
		repatriate(g, m, out, false);
		return;
	}
	camp_stay(g, m, 0, out + 4000, p->camp_place);
	if (chance(g, 30)) {
		e = add(t, out, K_ABSCONDED, C_SYR);
		e->place = camp_place[p->camp_place];
		e->note = "escaped from the camp";
		e->flags = F_COARSE;
		seg(t, SG_ABSCONDED, out, out + 900);
		t->terminal = true;
	} else if (chance(g, m->minor ? 15 : 6)) {
		e = add(t, out, K_DECEASED, C_SYR);
		e->place = camp_place[p->camp_place];
		e->note = "died in the camp (illness)";
		t->terminal = true;
	}
	/* keep only what happened before the end, if there was one */
	if (t->terminal) {
		int k = 0;

		for (int i = 0; i < t->nev; i++)
			if (t->ev[i].day <= out)
				t->ev[k++] = t->ev[i];
		t->nev = k;
		t->seg[0].end = out;
	}
}

/* An unaccompanied minor in Türkiye: never charged; held in the
 * minors' section while removal is arranged, or placed in care. */
static void
flow_uam(struct gen *g, struct member *m, const struct entry_plan *p)
{
	struct tl *t = &m->tl;
	int32_t d = p->entry;
	struct gev *e;

	if (p->camp)
		camp_stay(g, m, 0, d, p->camp_place);
	e = add(t, d, K_BORDER_CROSSING, C_TUR);
	e->place = border_place[p->border];
	e->note = "irregular, alone";
	e = add(t, d, K_APPREHENSION, C_TUR);
	e->place = prov_police[m->prov];
	e->note = "unaccompanied minor; child protection informed";
	removal(g, m, d + urange(g, 1, 10), 0);
}

/* --- children ---------------------------------------------------------------- */

static bool
copied_kind(int k)
{
	switch (k) {
	case K_BORDER_CROSSING: case K_SURRENDER_AT_MISSION:
	case K_SURRENDER_AT_BORDER: case K_ENTRY_REFUSED: case K_CAMP_ADMISSION:
	case K_REMOVAL_DECISION: case K_REMOVAL_NOTIFIED: case K_CHALLENGE_FILED:
	case K_CHALLENGE_DECIDED: case K_REMOVAL_CENTRE_ADMISSION:
	case K_REMOVAL_CENTRE_TRANSFER: case K_DETENTION_EXTENDED:
	case K_REMOVAL_CENTRE_RELEASE: case K_ALTERNATIVE_MEASURE:
	case K_NON_REFOULEMENT_ASSESSMENT: case K_VOLUNTARY_RETURN_FORM:
	case K_CONSULAR_VISIT: case K_TRAVEL_DOCUMENT: case K_REMOVAL_SCHEDULED:
	case K_DEPORTED: case K_VOLUNTARY_RETURN: case K_THIRD_COUNTRY_REMOVAL:
	case K_REPATRIATED: case K_RELEASED_TO_COMMUNITY: case K_PROGRAMME_START:
	case K_PROGRAMME_END: case K_ABSCONDED: case K_CASE_CLOSED:
	case K_MEASURE_LIFTED:
		return true;
	default:
		return false;
	}
}

/* May this child leave with the mother by e? Checked on the child's
 * own nationality and the assessments copied so far. */
static bool
child_may_leave(const struct member *c, const struct gev *e)
{
	const struct tl *t = &c->tl;
	bool assessed = false;

	if (never_return(c))
		return false;
	if (e->kind == K_DEPORTED && is_syrian(c))
		return false;
	for (int i = 0; i < t->nev; i++) {
		const struct gev *a = &t->ev[i];

		if (a->kind != K_NON_REFOULEMENT_ASSESSMENT)
			continue;
		if (a->country == e->country && a->outcome[0] == 'r')
			return false;
		assessed = true;
	}
	return e->kind != K_DEPORTED || !needs_nr(c) || assessed;
}

static void
sort_events(struct tl *t)
{
	/* stable insertion sort: lists are nearly sorted, and same-day
	 * events must keep the order they were added in */
	for (int i = 1; i < t->nev; i++) {
		struct gev x = t->ev[i];
		int j = i - 1;

		if (t->ev[j].day <= x.day)
			continue;
		while (j >= 0 && t->ev[j].day > x.day) {
			t->ev[j + 1] = t->ev[j];
			j--;
		}
		t->ev[j + 1] = x;
	}
}

/* A child's (or orphan's) events: the mother's (or carer's) entry and
 * removal events, and their own. When the father leaves the country,
 * the child's care is recorded first (guardrail G9). */
static void
child_events(struct gen *g, struct member *c, const struct member *mom,
             const struct member *dad)
{
	struct tl *t = &c->tl;
	const struct tl *mt = &mom->tl;
	bool in_centre = false, detained_note = false, had_alt = false;
	bool abroad = mom->category == CAT_NES || mom->category == CAT_CENTRAL_ASIAN;
	struct gev *e;

	t->nev = t->nseg = 0;
	t->terminal = false;
	if (c->camp_born) {
		/* registered in the camp where it was born */
		e = add(t, c->birth, K_CAMP_ADMISSION, C_SYR);
		e->place = camp_place[0];
		e->note = "born in the camp; no birth registration";
		e->flags = F_COARSE;
	}
	for (int i = 0; i < mt->nev; i++) {
		const struct gev *s = &mt->ev[i];

		if (s->day <= c->birth)
			continue;
		if (!detained_note && s->kind == K_POLICE_CUSTODY) {
			/* the child stays in the country, in the community */
			e = add(t, s->day, K_RELEASED_TO_COMMUNITY, s->country);
			e->place = prov_name[mom->prov];
			e->note = "placed with relatives while the mother is held";
			detained_note = true;
			continue;
		}
		if (!copied_kind(s->kind) && !(s->flags & F_FAMILY))
			continue;
		if (s->kind == K_MEASURE_LIFTED && !had_alt)
			continue;
		if (s->kind == K_ALTERNATIVE_MEASURE)
			had_alt = true;
		if ((s->kind == K_DEPORTED || s->kind == K_VOLUNTARY_RETURN ||
		     s->kind == K_THIRD_COUNTRY_REMOVAL) && !child_may_leave(c, s)) {
			if (in_centre) {
				e = add(t, s->day, K_REMOVAL_CENTRE_RELEASE, C_TUR);
				e->place = s->kind == K_DEPORTED ? centre_at(mom, s->day)
				                                 : prov_centre[mom->centre];
				e->note = "not removable with the mother";
			}
			e = add(t, s->day, K_RELEASED_TO_COMMUNITY, C_TUR);
			e->place = prov_name[mom->prov];
			e->note = "placed in state care: not removable with the mother";
			break;
		}
		e = add(t, s->day, s->kind, s->country);
		*e = *s;
		switch (s->kind) {
		case K_REMOVAL_DECISION:
			e->note = c->role == R_ORPHAN ? "covers the children in her care"
			                              : "family decision with the mother";
			e->outcome = NULL;
			break;
		case K_REMOVAL_CENTRE_ADMISSION:
			e->note = "family section, with the mother";
			in_centre = true;
			break;
		case K_REMOVAL_CENTRE_RELEASE:
			in_centre = false;
			break;
		case K_DEPORTED:
			e->note = "deported with the mother";
			in_centre = false;
			break;
		case K_VOLUNTARY_RETURN:
		case K_THIRD_COUNTRY_REMOVAL:
			in_centre = false;
			break;
		case K_CHALLENGE_FILED:
			e->note = "filed for the family";
			break;
		default:
			break;
		}
	}
	for (int i = 0; dad && i < dad->tl.nev; i++) {
		const struct gev *s = &dad->tl.ev[i];

		if ((s->kind == K_DEPORTED || s->kind == K_THIRD_COUNTRY_REMOVAL ||
		     s->kind == K_VOLUNTARY_RETURN) && s->day > c->birth) {
			e = add(t, s->day - urange(g, 1, 20), K_NOTE, C_TUR);
			e->place = prov_name[mom->prov];
			e->outcome = "care_arranged";
			e->note = "stays with the mother when the father is removed";
			if (e->day <= c->birth)
				e->day = s->day;
		}
	}
	/* parentage tests asked for by the origin country */
	if (t->nev > 0 && c->verification >= V_DNA_REQUESTED) {
		int32_t lo = t->ev[0].day, hi = t->ev[t->nev - 1].day;

		/* a test taken after the family left would make no sense */
		for (int i = 0; i < t->nev; i++)
			if (t->ev[i].kind == K_REMOVAL_CENTRE_ADMISSION ||
			    t->ev[i].kind == K_CONSULAR_VISIT) {
				lo = t->ev[i].day;
				break;
			}
		e = add(t, urange(g, lo, hi), K_DNA_TEST,
		        mom->nat == C_XXA || mom->nat == C_XXX ? C_TUR : mom->nat);
		e->place = abroad ? camp_place[1] : in_centre ? prov_centre[mom->centre]
		           : "Forensic Medicine Institute";
		e->outcome = c->verification == V_DNA_REQUESTED ? "pending" :
		             c->verification == V_DNA_CONFIRMED ? "confirmed" : "excluded";
		e->note = "parentage test requested by the origin country";
		/* the test must not follow the last event when that ends the case */
		if (e->day == hi)
			e->day = lo;
	}
	sort_events(t);
}

/* --- units -------------------------------------------------------------------- */

static struct member *
new_member(struct gen *g, int role, bool female, int nat, int category)
{
	struct member *m = &g->m[g->nm++];

	m->tl.nev = m->tl.nseg = 0;
	m->tl.terminal = false;
	m->role = (uint8_t)role;
	m->female = female;
	m->sex = female ? 'F' : 'M';
	if (role == R_ADULT || role == R_SPOUSE) {
		/* rare: recorded as another sex, or not recorded */
		uint32_t x = demo_rng_below(&g->r, 1000);

		m->sex = x == 0 ? 'X' : x < 3 ? 'U' : m->sex;
	}
	m->nat = (uint8_t)nat;
	m->claimed = C_NONE;
	m->former = C_NONE;
	m->category = (uint8_t)category;
	m->uyghur = false;
	m->risk_found = false;
	m->minor = role == R_CHILD || role == R_ORPHAN || role == R_UAM;
	m->camp_born = 0;
	m->birth_prec = DATE_DAY;
	m->birth_approx = 0;
	m->verification = V_UNVERIFIED;
	m->hostile = 0;
	m->notes = NULL;
	m->transfer_day = INT32_MAX;
	m->prov = (uint8_t)demo_rng_below(&g->r, (uint32_t)N(prov_name));
	m->centre = (uint8_t)demo_rng_below(&g->r, (uint32_t)N(prov_centre));
	m->centre2 = m->centre;
	if (nat == C_XXA)
		m->former = (uint8_t)WPICK(g, nat_former);
	set_identity(g, m);
	return m;
}

/* Disputed identities (domain-notes 3.1): some claim to be Syrian, some
 * Central Asians claim to be Uyghur, some have no nationality proven. */
static void
dispute(struct gen *g, struct member *m)
{
	if ((m->nat == C_IRQ || m->nat == C_TUN || m->nat == C_EGY) && chance(g, 60)) {
		m->claimed = C_SYR;
		m->notes = "claims Syrian nationality; disputed";
	} else if ((m->nat == C_UZB || m->nat == C_KAZ || m->nat == C_KGZ) &&
	           chance(g, 60)) {
		m->claimed = C_CHN;
		m->uyghur = true;
		m->ethnicity = "Uyghur";
		m->culture = DC_UYGHUR;
		m->lang = LP_UYGHUR_TR;
		m->notes = "claims Uyghur origin from Xinjiang; nationality disputed";
	} else if (m->nat == C_XXA) {
		m->claimed = m->former;
		m->notes = "citizenship revoked while in Syria";
	} else if (chance(g, 12) && m->nat != C_TUR) {
		m->claimed = m->nat;
		m->nat = C_XXX;
		m->notes = "no documents; nationality not established";
	}
}

static void
adult_birth(struct gen *g, struct member *m, int32_t entry)
{
	int age = m->female ? urange(g, 18, 32) + urange(g, 0, 10)
	                    : urange(g, 19, 30) + urange(g, 0, 18);
	uint32_t p = demo_rng_below(&g->r, 100);

	m->birth = entry - age * 365 - urange(g, 0, 364);
	m->birth_prec = p < 60 ? DATE_DAY : p < 70 ? DATE_MONTH : DATE_YEAR;
	m->birth_approx = p >= 85;   /* "~1990": an estimated age */
}

static void
plan_entry(struct gen *g, struct entry_plan *p, int category, const struct member *m)
{
	p->camp = false;
	p->camp_place = (uint8_t)demo_rng_below(&g->r, (uint32_t)N(camp_place));
	p->border = (uint8_t)demo_rng_below(&g->r, (uint32_t)N(border_place) - 1);
	p->mode = EM_SMUGGLED;
	p->entry = 0;
	switch (category) {
	case CAT_FOREIGN:
		p->camp = chance(g, m->female ? 450 : 200);
		if (m->nat == C_RUS || m->nat == C_TJK || m->nat == C_UZB)
			p->border = (uint8_t)(chance(g, 300) ? N(border_place) - 1 : p->border);
		if (m->female && european(m->nat) && chance(g, 250))
			p->mode = EM_MISSION;
		else if (chance(g, 200))
			p->mode = EM_BORDER_SURRENDER;
		else if (!p->camp && chance(g, 80))
			p->mode = EM_AIR;
		else if (!p->camp && chance(g, 40))
			p->mode = EM_REFUSED;
		break;
	case CAT_TURKISH:
		p->camp = chance(g, 450);
		p->mode = m->female && p->camp && chance(g, 250) ? EM_MISSION :
		          chance(g, 350) ? EM_BORDER_SURRENDER : EM_SMUGGLED;
		break;
	default:
		p->camp = true;
		break;
	}
	if (p->camp)
		p->entry = urange(g, 150, 1600);
}

static void
run_flow(struct gen *g, struct member *m, const struct entry_plan *p,
         bool with_children)
{
	if (m->role == R_UAM)
		m->category == CAT_NES ? flow_nes(g, m, p) : flow_uam(g, m, p);
	else if (m->category == CAT_FOREIGN)
		flow_foreign(g, m, p, with_children);
	else if (m->category == CAT_TURKISH)
		flow_turkish(g, m, p);
	else if (m->category == CAT_CENTRAL_ASIAN)
		flow_central_asian(g, m, p);
	else
		flow_nes(g, m, p);
	sort_events(&m->tl);
}

/* The days of s that may be today, times its stage's rate. */
static uint32_t
seg_weight(const struct seg *s, int32_t max_now)
{
	int32_t end = s->end < s->start + STAGE_DAYS_MAX ? s->end : s->start + STAGE_DAYS_MAX;

	if (end > max_now + 1)
		end = max_now + 1;
	return end > s->start ? (uint32_t)(end - s->start) * stage_weight[s->stage] : 0;
}

/* Chooses the day (on the primary's relative clock) that is today. */
static int32_t
choose_now(struct gen *g, const struct tl *t, int closed)
{
	int32_t last = t->nev ? t->ev[t->nev - 1].day : 0;
	uint32_t total = 0;

	if (t->terminal && chance(g, closed)) {
		int32_t hi = last + 900 < g->max_now ? last + 900 : g->max_now;

		if (last + 1 <= hi)
			return urange(g, last + 1, hi);
	}
	/* weigh each stage by its (capped) days, clipped to max_now */
	for (int i = 0; i < t->nseg; i++)
		total += seg_weight(&t->seg[i], g->max_now);
	if (total) {
		uint32_t x = demo_rng_below(&g->r, total);

		for (int i = 0; i < t->nseg; i++) {
			const struct seg *s = &t->seg[i];
			uint32_t w = seg_weight(s, g->max_now);

			if (x < w)
				return s->start + (int32_t)(x / stage_weight[s->stage]);
			x -= w;
		}
	}
	return last < g->max_now ? last : g->max_now;
}

static void
cut(struct tl *t, int32_t now)
{
	while (t->nev > 0 && t->ev[t->nev - 1].day > now)
		t->nev--;
}

static const struct wpick unit_kinds[] = {
	{ 0, 780 },   /* single adult */
	{ 1, 130 },   /* mother with children */
	{ 2, 40 },    /* couple with children */
	{ 3, 25 },    /* a woman with orphans (and maybe her own children) */
	{ 4, 13 },    /* unaccompanied minor(s) */
};

/* Children of mother (and father, when given): nationality, names,
 * birth and how their parentage is proven. */
static void
make_child(struct gen *g, struct member *c, const struct member *mom,
           const struct member *dad, const struct demo_surname *family,
           int32_t lo, int32_t hi)
{
	uint32_t v = demo_rng_below(&g->r, 100);

	c->culture = mom->culture;
	c->lang = mom->lang;
	c->ethnicity = mom->ethnicity;
	c->uyghur = mom->uyghur;
	if (dad && european(dad->nat) && chance(g, 600)) {
		c->nat = dad->nat;
		c->claimed = mom->nat;
	} else if (dad && european(dad->nat) && chance(g, 300)) {
		c->claimed = dad->nat;
	}
	/* converts often gave their children Arabic names */
	if (mom->culture == DC_FRENCH || mom->culture == DC_GERMAN ||
	    mom->culture == DC_DUTCH || mom->culture == DC_ENGLISH)
		c->culture = chance(g, 700) ? DC_ARAB : mom->culture;
	c->sn = *family;
	/* siblings do not share a given name */
	for (int tries = 0; tries < 8; tries++) {
		bool taken = false;

		demo_given_pick(&g->r, (enum demo_culture)c->culture, c->female, &c->gn);
		for (const struct member *o = g->m; o < c; o++)
			taken |= o->role == R_CHILD && o->gn.culture == c->gn.culture &&
			         o->gn.female == c->gn.female && o->gn.idx == c->gn.idx;
		if (!taken)
			break;
	}
	if (hi <= lo)
		hi = lo + 1;
	c->birth = urange(g, lo, hi);
	c->birth_prec = v < 55 ? DATE_DAY : v < 70 ? DATE_MONTH : DATE_YEAR;
	c->birth_approx = v >= 90;
	if (chance(g, 3))
		c->sex = 'U';
	v = demo_rng_below(&g->r, 100);
	c->verification = (uint8_t)(v < 30 ? V_UNVERIFIED : v < 50 ? V_DOCUMENTS :
	                            v < 72 ? V_DNA_REQUESTED : v < 97 ? V_DNA_CONFIRMED :
	                            V_DNA_EXCLUDED);
}

/* Builds one unit of at most max persons into g->m, each with a
 * pathway cut at today. Returns the primary's (g->m[0]) relative day
 * that is today. */
static int
build_unit(struct gen *g, long max)
{
	int kind = WPICK(g, unit_kinds), closed = 200;
	struct entry_plan p;
	struct member *mom, *dad = NULL;
	struct demo_surname family;
	int kids = 0, orphans = 0, category;
	int32_t now, lo;

	g->nm = 0;
	if ((kind == 1 || kind == 3) && max < 2)
		kind = 0;
	if (kind == 2 && max < 3)
		kind = max >= 2 ? 1 : 0;
	if (kind == 4) {
		bool nes = chance(g, 400);
		int nat = WPICK(g, nat_uam);
		int n = max >= 2 && chance(g, 150) ? 2 : 1;
		struct member *u;

		if (nes && nat == C_XXX)
			nat = C_IRQ;
		u = new_member(g, R_UAM, chance(g, 400), nat, nes ? CAT_NES : CAT_FOREIGN);
		if (nat == C_XXX) {
			u->claimed = u->former = C_IRQ;
			set_identity(g, u);
		}
		demo_surname_pick(&g->r, (enum demo_culture)u->culture, &u->sn);
		demo_given_pick(&g->r, (enum demo_culture)u->culture, u->female, &u->gn);
		u->notes = nes ? "unaccompanied minor; orphan, in the camp's care"
		               : "unaccompanied minor; held in the minors' section";
		plan_entry(g, &p, u->category, u);
		p.mode = EM_SMUGGLED;
		run_flow(g, u, &p, false);
		now = choose_now(g, &u->tl, 300);
		cut(&u->tl, now);
		lo = (p.entry < now ? p.entry : now) - 60;
		u->birth = urange(g, lo - 16 * 365 + 200, lo - 8 * 365);
		u->birth_prec = chance(g, 500) ? DATE_DAY : DATE_YEAR;
		if (n == 2) {
			/* a sibling, travelling with the first: the same pathway */
			struct member *b = new_member(g, R_UAM, chance(g, 500), u->nat, u->category);

			b->claimed = u->claimed;
			b->former = u->former;
			b->culture = u->culture;
			b->lang = u->lang;
			b->ethnicity = u->ethnicity;
			b->sn = u->sn;
			demo_given_pick(&g->r, (enum demo_culture)b->culture, b->female, &b->gn);
			b->notes = u->notes;
			b->tl = u->tl;
			/* older, or a little younger (still born before day 0) */
			b->birth = chance(g, 500) ? u->birth - urange(g, 400, 1500)
			           : u->birth + urange(g, 200, 700);
			b->birth_prec = DATE_YEAR;
		}
		return now;
	}

	/* the primary adult */
	if (kind == 0) {
		uint32_t x = demo_rng_below(&g->r, 100);
		bool female;
		int nat;

		category = x < 62 ? CAT_FOREIGN : x < 84 ? CAT_TURKISH : x < 91 ?
		           CAT_CENTRAL_ASIAN : CAT_NES;
		female = category == CAT_FOREIGN ? chance(g, 120) :
		         category == CAT_TURKISH ? chance(g, 200) :
		         category == CAT_CENTRAL_ASIAN ? chance(g, 650) : chance(g, 700);
		nat = category == CAT_FOREIGN ? (female ? WPICK(g, nat_foreign_women)
		                                        : WPICK(g, nat_foreign_men)) :
		      category == CAT_TURKISH ? C_TUR :
		      category == CAT_CENTRAL_ASIAN ? WPICK(g, nat_central) : WPICK(g, nat_nes);
		if (category == CAT_CENTRAL_ASIAN && !female && nat != C_KAZ)
			female = chance(g, 600);
		mom = new_member(g, R_ADULT, female, nat, category);
	} else {
		uint32_t x = demo_rng_below(&g->r, 100);
		int nat;

		category = kind == 2 || kind == 3 ? CAT_FOREIGN :
		           x < 55 ? CAT_FOREIGN : x < 65 ? CAT_TURKISH :
		           x < 80 ? CAT_CENTRAL_ASIAN : CAT_NES;
		nat = category == CAT_FOREIGN ? WPICK(g, nat_foreign_women) :
		      category == CAT_TURKISH ? C_TUR :
		      category == CAT_CENTRAL_ASIAN ? WPICK(g, nat_central) : WPICK(g, nat_nes);
		if (kind == 2 && (european(nat) || nat == C_SYR || nat == C_CHN ||
		                  nat == C_XXA))
			nat = chance(g, 500) ? C_TUN : chance(g, 500) ? C_RUS : C_IRQ;
		mom = new_member(g, R_ADULT, true, nat, category);
	}
	closed = mom->category == CAT_FOREIGN ? 220 : mom->category == CAT_TURKISH ? 120 :
	         mom->category == CAT_CENTRAL_ASIAN ? 380 : 60;
	dispute(g, mom);
	demo_surname_pick(&g->r, (enum demo_culture)mom->culture, &mom->sn);
	demo_given_pick(&g->r, (enum demo_culture)mom->culture, mom->female, &mom->gn);
	plan_entry(g, &p, mom->category, mom);
	if (kind != 0 && p.mode == EM_REFUSED)
		p.mode = EM_SMUGGLED;
	adult_birth(g, mom, p.entry);
	if (kind != 0) {
		/* a mother's age must allow her children */
		if (mom->birth > p.entry - 26 * 365)
			mom->birth = p.entry - 26 * 365 - urange(g, 0, 3000);
	}

	if (kind == 2) {
		/* a mixed couple: a European man (the Tunisian woman and French
		 * man of domain-notes 3.2) */
		static const struct wpick dad_nat[] = {
			{ C_FRA, 40 }, { C_BEL, 20 }, { C_DEU, 20 }, { C_NLD, 15 }, { C_GBR, 5 },
		};

		dad = new_member(g, R_SPOUSE, false, WPICK(g, dad_nat), CAT_FOREIGN);
		demo_surname_pick(&g->r, (enum demo_culture)dad->culture, &dad->sn);
		demo_given_pick(&g->r, (enum demo_culture)dad->culture, false, &dad->gn);
		adult_birth(g, dad, p.entry);
		dispute(g, dad);
		if (dad->birth > mom->birth + 3 * 365)
			dad->birth = mom->birth - urange(g, 0, 8 * 365);
	}
	if (kind == 1 || kind == 2 || kind == 3) {
		static const struct wpick nkids[] = {
			{ 1, 30 }, { 2, 30 }, { 3, 22 }, { 4, 12 }, { 5, 6 },
		};
		kids = WPICK(g, nkids);
		if (kind == 3) {
			kids = (int)demo_rng_below(&g->r, 4);
			orphans = chance(g, 700) ? 1 : 2;
		}
		if (kids + orphans + g->nm > max) {
			kids = (int)max - g->nm - orphans;
			if (kids < 0) {
				orphans += kids;
				kids = 0;
			}
		}
		if (kids + orphans + g->nm > MAX_MEMBERS)
			kids = MAX_MEMBERS - g->nm - orphans;
	}
	/* children carry the father's family name */
	if (dad) {
		family = dad->sn;
	} else if (mom->culture == DC_RUSSIAN || mom->culture == DC_CAUCASUS ||
	           mom->culture == DC_TURKISH || mom->culture == DC_FRENCH ||
	           mom->culture == DC_GERMAN || mom->culture == DC_DUTCH ||
	           mom->culture == DC_ENGLISH || chance(g, 300)) {
		family = mom->sn;
	} else {
		demo_surname_pick(&g->r, (enum demo_culture)mom->culture, &family);
	}

	/* pathways: the father's shares the entry */
	run_flow(g, mom, &p, kids + orphans > 0);
	if (dad)
		run_flow(g, dad, &p, false);
	now = choose_now(g, &mom->tl, closed);
	cut(&mom->tl, now);
	if (dad)
		cut(&dad->tl, now);

	/* children: born after the mother turned 17, before the entry and
	 * at least a month before today */
	lo = mom->birth + 17 * 365;
	for (int i = 0; i < kids; i++) {
		struct member *c = new_member(g, R_CHILD, chance(g, 500), mom->nat, mom->category);
		int32_t hi = (p.entry < now ? p.entry : now) - 45;

		c->nat = mom->nat == C_XXA || mom->nat == C_XXX ? (uint8_t)mom->claimed : mom->nat;
		if (c->nat == C_NONE)
			c->nat = C_XXX;
		make_child(g, c, mom, dad, &family,
		           hi - 14 * 365 > lo ? hi - 14 * 365 : lo, hi);
		if (c->birth > now - 30) {
			c->birth = now - 30 - urange(g, 0, 300);
			c->birth_prec = DATE_YEAR;
		}
		/* born in the camp: only the year is known */
		if (p.camp && c->birth > 0 && c->birth < p.entry) {
			c->camp_born = 1;
			c->birth_prec = DATE_YEAR;
			c->birth_approx = 0;
		}
		child_events(g, c, mom, dad);
	}
	for (int i = 0; i < orphans; i++) {
		struct member *o = new_member(g, R_ORPHAN, chance(g, 500), C_XXX, mom->category);
		int32_t hi = (p.entry < now ? p.entry : now) - 45;

		o->claimed = mom->nat == C_XXA ? mom->claimed : mom->nat;
		if (o->claimed == C_XXX)
			o->claimed = C_IRQ;
		o->former = o->claimed;
		set_identity(g, o);
		demo_surname_pick(&g->r, (enum demo_culture)o->culture, &o->sn);
		demo_given_pick(&g->r, (enum demo_culture)o->culture, o->female, &o->gn);
		o->birth = urange(g, hi - 12 * 365, hi);
		o->birth_prec = chance(g, 600) ? DATE_YEAR : DATE_DAY;
		o->birth_approx = o->birth_prec == DATE_YEAR && chance(g, 500);
		o->notes = "orphan; parents reported dead in Syria; no papers";
		o->verification = V_UNVERIFIED;
		if (p.camp && o->birth > 0 && o->birth < p.entry) {
			o->camp_born = 1;
			o->birth_prec = DATE_YEAR;
			o->birth_approx = 0;
		}
		child_events(g, o, mom, NULL);
	}
	return now;
}

/* --- text ----------------------------------------------------------------------- */

struct sb {
	char *p, *end;
};

/* Appends whole characters while they fit (end is the last byte that
 * may hold the NUL), so a cut never leaves broken UTF-8. */
static void
sb_put(struct sb *b, const char *s)
{
	while (*s) {
		size_t n = 1;

		while ((s[n] & 0xc0) == 0x80)
			n++;
		if (b->p + n > b->end)
			break;
		memcpy(b->p, s, n);
		b->p += n;
		s += n;
	}
	*b->p = '\0';
}

/* buf = a b c d (NULLs skipped). */
static void
join(char *buf, size_t len, const char *a, const char *b, const char *c,
     const char *d)
{
	struct sb sb = { buf, buf + len - 1 };

	buf[0] = '\0';
	if (a)
		sb_put(&sb, a);
	if (b)
		sb_put(&sb, b);
	if (c)
		sb_put(&sb, c);
	if (d)
		sb_put(&sb, d);
}

static char *
put_uint(char *p, unsigned v, int width)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Four digits of a year (1000..9999), then two of a month or day. */
static char *
put_year(char *p, int y)
{
	p[0] = (char)('0' + y / 1000);
	p[1] = (char)('0' + y / 100 % 10);
	p[2] = (char)('0' + y / 10 % 10);
	p[3] = (char)('0' + y % 10);
	return p + 4;
}

static char *
put_2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* A date at a precision (DATE_YEAR, DATE_MONTH or DATE_DAY; "~" when
 * approx) from its year, month and day. */
static void
fmt_ymd(char *buf, int y, int mo, int d, int prec, bool approx)
{
	char *p = buf;

	if (approx)
		*p++ = '~';
	p = put_year(p, y);
	if (prec >= DATE_MONTH) {
		*p++ = '-';
		p = put_2(p, mo);
	}
	if (prec >= DATE_DAY) {
		*p++ = '-';
		p = put_2(p, d);
	}
	*p = '\0';
}

static void
fmt_date(char *buf, int32_t day, int prec, bool approx)
{
	int y, mo, d;

	day_to_ymd(day, &y, &mo, &d);
	fmt_ymd(buf, y, mo, d, prec, approx);
}

static int32_t
year_end(int32_t day)
{
	int y, mo, d;

	day_to_ymd(day, &y, &mo, &d);
	return day_from_ymd(y, 12, 31);
}

static void
fmt_duration(char *buf, const struct gev *e)
{
	char *p = buf;

	if (e->dy) {
		p = put_uint(p, e->dy, 1);
		*p++ = 'y';
	}
	if (e->dm) {
		p = put_uint(p, e->dm, 1);
		*p++ = 'm';
	}
	if (e->dd) {
		p = put_uint(p, e->dd, 1);
		*p++ = 'd';
	}
	*p = '\0';
}

/* Hostile names test the display's sanitiser; they stay valid UTF-8. */
static void
hostile_name(struct member *m, int kind)
{
	struct sb b = { m->given, m->given + sizeof m->given - 1 };
	char base[sizeof m->given];

	memcpy(base, m->given, sizeof base);
	switch (kind) {
	case 0:
		sb_put(&b, base);
		sb_put(&b, " \x1b[31mRED\x1b[0m");
		break;
	case 1:
		sb_put(&b, "\xe2\x80\xae");
		sb_put(&b, base);
		break;
	case 2:
		sb_put(&b, base);
		sb_put(&b, "\xc2\x9b" "2J");
		break;
	default: {
		/* a 500-character family name, in ASCII so bytes are characters */
		static const char *const parts[] = {
			"Qarzelani", "Vostrikanov", "Dumelkaya", "Quetzenbach",
			"Thrumbleford", "Sprokema", "Tolqurboev",
		};
		struct sb f = { m->family, m->family + 500 };

		m->family[0] = '\0';
		for (size_t i = 0; f.p < f.end; i++) {
			sb_put(&f, parts[i % N(parts)]);
			sb_put(&f, "-");
		}
		break;
	}
	}
}

/* Cultures that write names in the same script share a group, so a
 * child's Arabic given name and Tunisian family name join in one native
 * form; 0: no script of its own. */
static int
script_group(int culture)
{
	switch (culture) {
	case DC_ARAB: case DC_MAGHREB: case DC_PERSIAN:
		return 1;
	case DC_RUSSIAN: case DC_CAUCASUS: case DC_UZBEK: case DC_KAZAKH:
	case DC_KYRGYZ: case DC_TAJIK:
		return 2;
	case DC_UYGHUR:
		return 3;
	case DC_TURKISH:
		return 4;
	default:
		return 0;
	}
}

static void
person_text(struct gen *g, struct member *m, const struct member *first_son)
{
	bool fem = m->female;
	char fn[160], gn[160], extra[160];
	struct sb al = { m->aliases, m->aliases + sizeof m->aliases - 1 };
	int naliases = 0, want;
	bool kunya = false;
	const char *v;

	demo_surname_latin(&m->sn, fem, m->family, sizeof m->family);
	join(m->given, sizeof m->given, demo_given_latin(&m->gn), NULL, NULL, NULL);
	m->native[0] = '\0';
	if (!european(m->nat) && !european(m->claimed) && script_group(m->culture) &&
	    script_group(m->culture) == script_group(m->sn.culture)) {
		demo_given_native(&m->gn, gn, sizeof gn);
		demo_surname_native(&m->sn, fem, fn, sizeof fn);
		if (gn[0] && fn[0])
			join(m->native, sizeof m->native, gn, " ", fn, NULL);
	}
	/* aliases: transliterations, kunyas, names from documents */
	m->aliases[0] = '\0';
	want = m->minor ? (chance(g, 50) ? 1 : 0)
	       : chance(g, 450) ? 1 + (int)demo_rng_below(&g->r, 3) : 0;
	if (m->uyghur && m->culture == DC_UYGHUR && chance(g, 600))
		want = want ? want : 1;
	for (int i = 0; i < want * 2 && naliases < want; i++) {
		uint32_t x = demo_rng_below(&g->r, 100);

		extra[0] = '\0';
		if (m->uyghur && m->culture == DC_UYGHUR && naliases == 0 &&
		    demo_given_cjk(&m->gn)) {
			demo_surname_cjk(&m->sn, fn, sizeof fn);
			join(extra, sizeof extra, demo_given_cjk(&m->gn), "\xc2\xb7", fn,
			     " (document)");
		} else if (x < 40 && (v = demo_given_variant(&m->gn, x)) != NULL) {
			join(extra, sizeof extra, v, " ", m->family, " (transliteration)");
		} else if (x < 60 && demo_surname_variant(&m->sn, fem, (int)x, fn, sizeof fn)) {
			join(extra, sizeof extra, m->given, " ", fn, " (transliteration)");
		} else if (x < 80 && !m->minor && !kunya) {
			kunya = true;
			/* named after the eldest son when his name suits a kunya */
		if (first_son && script_group(first_son->gn.culture) != 1 &&
		    first_son->gn.culture != DC_CAUCASUS)
			first_son = NULL;
		demo_kunya(&g->r, fem, first_son ? demo_given_latin(&first_son->gn) : NULL,
			           fn, sizeof fn);
			join(extra, sizeof extra, fn, " (self)", NULL, NULL);
		} else if (x < 92) {
			struct demo_given other;

			demo_given_pick(&g->r, (enum demo_culture)(m->claimed == C_SYR ? DC_ARAB
			                                           : m->culture), fem, &other);
			if (strcmp(demo_given_latin(&other), m->given) != 0)
				join(extra, sizeof extra, demo_given_latin(&other), " ",
				     m->family, " (document)");
		} else if (!m->minor) {
			struct demo_surname other;

			demo_surname_pick(&g->r, (enum demo_culture)m->culture, &other);
			demo_surname_latin(&other, fem, fn, sizeof fn);
			join(extra, sizeof extra, m->given, " ", fn, " (third_party)");
		}
		if (!extra[0] || strstr(m->aliases, extra))
			continue;
		if (naliases)
			sb_put(&al, ";");
		sb_put(&al, extra);
		naliases++;
	}
	if (m->hostile)
		hostile_name(m, m->hostile - 1);
}

/* --- emission ------------------------------------------------------------------ */

/* The country a C_THIRD event stands for: Ukraine before February 2022,
 * then Georgia or Azerbaijan, decided by the removal's date. */
static int
third_country(const struct gen *g, const struct tl *t, int32_t offset)
{
	int32_t day = -1;

	for (int i = 0; i < t->nev; i++)
		if (t->ev[i].country == C_THIRD)
			day = t->ev[i].day + offset;
	if (day < 0)
		return C_UKR;
	return day < g->d_ukraine ? C_UKR : (day / 7) % 2 ? C_GEO : C_AZE;
}

static int
emit_documents(struct gen *g, const struct member *m, int32_t offset, int32_t first)
{
	struct document_in d;
	char num[24], issued[PDATE_TEXT_MAX], expires[PDATE_TEXT_MAX];
	int rc;
	int nat = m->nat == C_XXA || m->nat == C_XXX ? m->claimed : m->nat;
	int32_t iss;

	memset(&d, 0, sizeof d);
	d.case_no = m->case_no;
	d.number = num;
	d.issued = issued;
	d.expires = expires;
	if (m->minor) {
		if (m->verification != V_DOCUMENTS || nat == C_NONE)
			return 0;
		iss = m->birth + urange(g, 10, 200);
		if (iss + offset > g->today)
			iss = m->birth;
		fmt_date(issued, iss + offset, DATE_DAY, false);
		expires[0] = '\0';
		num[0] = 'B';
		*put_uint(num + 1, demo_rng_below(&g->r, 10000000), 7) = '\0';
		d.doc_type = m->camp_born ? "isis_issued" : "birth_certificate";
		d.issuing_country = m->camp_born ? "SYR" : country_code[nat];
		d.status = m->camp_born ? "seized" : "unverified";
		d.note = m->camp_born ? "issued by ISIS; not recognised" : NULL;
		return g->sink->document(g->sink->ctx, &d);
	}
	if (nat == C_NONE)
		return 0;
	/* a passport or identity card from home */
	if (chance(g, m->nat == C_TUR ? 950 : 650)) {
		uint32_t s = demo_rng_below(&g->r, 100);
		int32_t exp;

		iss = first - urange(g, 200, 3000);
		exp = iss + 3650;
		fmt_date(issued, iss + offset, DATE_DAY, false);
		num[0] = (char)('A' + demo_rng_below(&g->r, 26));
		num[1] = (char)('A' + demo_rng_below(&g->r, 26));
		*put_uint(num + 2, demo_rng_below(&g->r, 10000000), 7) = '\0';
		d.doc_type = m->nat == C_TUR ? "national_id" : "passport";
		d.issuing_country = country_code[nat];
		d.note = NULL;
		if (m->nat == C_XXA) {
			d.status = "revoked";
			d.note = "citizenship revoked";
		} else if (m->claimed == C_SYR) {
			d.issuing_country = "SYR";
			d.status = "forged";
			d.note = "fake Syrian passport";
		} else {
			d.status = s < 55 ? "genuine" : s < 70 ? "unverified" : s < 88 ? "seized" : "forged";
		}
		/* only an expiry already past is recorded (no date after today) */
		if (exp + offset <= g->today) {
			fmt_date(expires, exp + offset, DATE_DAY, false);
			if (strcmp(d.status, "genuine") == 0)
				d.status = "expired";
		} else {
			expires[0] = '\0';
		}
		if ((rc = g->sink->document(g->sink->ctx, &d)) != 0)
			return rc;
	}
	if (m->category != CAT_TURKISH && chance(g, 80)) {
		iss = first - urange(g, 100, 900);
		fmt_date(issued, iss + offset, year_end(iss + offset) <= g->today ? DATE_YEAR
		         : DATE_DAY, false);
		expires[0] = '\0';
		num[0] = 'D';
		*put_uint(num + 1, demo_rng_below(&g->r, 1000000), 6) = '\0';
		d.doc_type = "isis_issued";
		d.issuing_country = "SYR";
		d.status = "seized";
		d.note = "ISIS-issued identity card seized at the border";
		if ((rc = g->sink->document(g->sink->ctx, &d)) != 0)
			return rc;
	}
	/* the travel document the consulate issued for removal */
	for (int i = 0; i < m->tl.nev; i++) {
		const struct gev *e = &m->tl.ev[i];

		if (e->kind != K_TRAVEL_DOCUMENT || e->country == C_THIRD)
			continue;
		fmt_date(issued, e->day + offset, DATE_DAY, false);
		expires[0] = '\0';
		num[0] = 'T';
		*put_uint(num + 1, e->ref, 6) = '\0';
		d.doc_type = "travel_document";
		d.issuing_country = country_code[e->country];
		d.status = "genuine";
		d.note = "issued for removal";
		return g->sink->document(g->sink->ctx, &d);
	}
	return 0;
}

static int
emit_person(struct gen *g, struct member *m, int32_t offset)
{
	struct person_in p;
	struct event_in ev;
	char birth[PDATE_TEXT_MAX], date[PDATE_TEXT_MAX], dur[16], ref[16];
	int y, mo, d, rc, third;
	int32_t prev_latest, first;
	const struct tl *t = &m->tl;

	first = t->nev ? t->ev[0].day : m->birth;
	day_to_ymd(first + offset, &y, &mo, &d);
	{
		char *q = m->case_no;

		memcpy(q, case_prefix[m->category], 2);
		q += 2;
		*q++ = '-';
		q = put_uint(q, (unsigned)y, 4);
		*q++ = '-';
		q = put_uint(q, (unsigned)(g->next + 1), 6);
		*q = '\0';
	}
	g->next++;
	{
		/* a year or month that has not ended yet is written more
		 * exactly, so no date reaches past today */
		int32_t b = m->birth + offset;
		int prec = m->birth_prec;
		bool approx = m->birth_approx;

		day_to_ymd(b, &y, &mo, &d);
		if (prec == DATE_YEAR && day_from_ymd(y, 12, 31) > g->today)
			prec = DATE_MONTH, approx = false;
		if (prec == DATE_MONTH && b - d + days_in_month(y, mo) > g->today)
			prec = DATE_DAY, approx = false;
		fmt_ymd(birth, y, mo, d, prec, approx);
		/* no event may seem to start before the birth date as written */
		prev_latest = prec == DATE_YEAR ? day_from_ymd(y, 1, 1) - 1
		              : prec == DATE_MONTH ? b - d : b - 1;
	}
	memset(&p, 0, sizeof p);
	p.case_no = m->case_no;
	p.family_name = m->family;
	p.given_names = m->given;
	p.native_name = m->native;
	p.aliases = m->aliases;
	p.sex = m->sex == 'F' ? "F" : m->sex == 'M' ? "M" : m->sex == 'X' ? "X" : "U";
	p.birth_date = birth;
	p.nationality = country_code[m->nat];
	p.claimed_nationality = country_code[m->claimed];
	p.ethnicity = m->ethnicity;
	p.languages = langps[m->lang].langs;
	p.interpreter_needed = langps[m->lang].interp ? "yes" : "no";
	p.category = category_name[m->category];
	p.notes = m->notes;
	if ((rc = g->sink->person(g->sink->ctx, &p)) != 0)
		return rc;
	if ((rc = emit_documents(g, m, offset, first)) != 0)
		return rc;

	third = third_country(g, t, offset);
	ev.case_no = m->case_no;
	ev.date = date;
	for (int i = 0; i < t->nev; i++) {
		const struct gev *e = &t->ev[i];
		int32_t day = e->day + offset;
		int prec = DATE_DAY;

		day_to_ymd(day, &y, &mo, &d);
		/* events abroad are often known only to the month or year;
		 * coarsen only when that cannot blur the order */
		if ((e->flags & F_COARSE) && chance(g, 500)) {
			int32_t next = i + 1 < t->nev ? t->ev[i + 1].day + offset : INT32_MAX;
			int32_t ys, ye, ms, me;

			ys = day_from_ymd(y, 1, 1);
			ye = day_from_ymd(y, 12, 31);
			ms = day - (d - 1);
			me = ms + days_in_month(y, mo) - 1;
			if (ys > prev_latest && ye < next && ye <= g->today && chance(g, 500))
				prec = DATE_YEAR;
			else if (ms > prev_latest && me < next && me <= g->today)
				prec = DATE_MONTH;
			prev_latest = prec == DATE_YEAR ? ye : prec == DATE_MONTH ? me : day;
		} else {
			prev_latest = day;
		}
		fmt_ymd(date, y, mo, d, prec, false);
		ev.kind = kind_name[e->kind];
		ev.place = e->place;
		ev.country = country_code[e->country == C_THIRD ? third : e->country];
		if (e->ref) {
			char *q = put_year(ref, y);

			*q++ = '/';
			*put_uint(q, e->ref, 4) = '\0';
			ev.ref = ref;
		} else {
			ev.ref = NULL;
		}
		if (e->dy || e->dm || e->dd) {
			fmt_duration(dur, e);
			ev.duration = dur;
		} else {
			ev.duration = NULL;
		}
		ev.outcome = e->outcome;
		ev.note = e->note;
		if ((rc = g->sink->event(g->sink->ctx, &ev)) != 0)
			return rc;
	}
	return 0;
}

static int
relation(struct gen *g, const struct member *a, const char *rel,
         const struct member *b, int verification, const char *note)
{
	struct relation_in r;

	r.case_no = a->case_no;
	r.relation = rel;
	r.other_case_no = b->case_no;
	r.verification = verification_name[verification];
	r.note = note;
	return g->sink->relation(g->sink->ctx, &r);
}

static int
emit_relations(struct gen *g)
{
	struct member *mom = &g->m[0], *dad = NULL, *prev_child = NULL;
	int rc = 0;

	if (g->m[0].role == R_UAM) {
		if (g->nm > 1)
			rc = relation(g, &g->m[0], "sibling", &g->m[1], V_UNVERIFIED,
			              "travelled together; both unaccompanied");
		return rc;
	}
	if (g->nm > 1 && g->m[1].role == R_SPOUSE) {
		dad = &g->m[1];
		rc = relation(g, mom, "spouse", dad, chance(g, 500) ? V_DOCUMENTS : V_UNVERIFIED,
		              chance(g, 700) ? "form: religious" : "form: civil");
	}
	for (int i = 1; i < g->nm && rc == 0; i++) {
		struct member *c = &g->m[i];

		if (c->role == R_CHILD) {
			rc = relation(g, mom, "child", c, c->verification,
			              c->camp_born ? "born in the camp" : NULL);
			if (rc == 0 && dad)
				rc = relation(g, dad, "child", c,
				              c->verification == V_DNA_CONFIRMED ? V_DNA_CONFIRMED
				              : V_UNVERIFIED, NULL);
			if (rc == 0 && prev_child && chance(g, 500))
				rc = relation(g, prev_child, "sibling", c, V_UNVERIFIED, NULL);
			prev_child = c;
		} else if (c->role == R_ORPHAN) {
			rc = chance(g, 600)
			     ? relation(g, c, "guardian", mom, V_UNVERIFIED,
			                "not related; has cared for the child since the camp")
			     : relation(g, mom, "travel_companion", c, V_UNVERIFIED,
			                "travelled together from the camp");
		}
	}
	return rc;
}

/* The same person registered a second time, at another office, under
 * another transliteration (or the same spelling), with a coarser birth
 * date and sometimes only a claimed nationality: what the duplicate
 * search (store_dup.c) is for. A new case number; one apprehension
 * and release at the other office. */
static int
emit_duplicate(struct gen *g, const struct member *m, int32_t offset)
{
	struct person_in p;
	struct event_in ev;
	char case_no[32], fam[640], birth[PDATE_TEXT_MAX], date[PDATE_TEXT_MAX],
	     date2[PDATE_TEXT_MAX], notes[160];
	const char *given = m->given, *v;
	int32_t b = m->birth + offset, from, day;
	int y, mo, d, rc, prov = (int)demo_rng_below(&g->dr, (uint32_t)N(prov_police));
	char *q = case_no;

	from = (m->tl.nev ? m->tl.ev[0].day : m->birth) + offset;
	if (from < b + 18 * 365)
		from = b + 18 * 365;
	if (from > g->today - 30)
		return 0;
	day = from + (int32_t)demo_rng_below(&g->dr, (uint32_t)(g->today - 30 - from + 1));
	day_to_ymd(day, &y, &mo, &d);
	memcpy(q, case_prefix[m->category], 2);
	q += 2;
	*q++ = '-';
	q = put_uint(q, (unsigned)y, 4);
	*q++ = '-';
	q = put_uint(q, (unsigned)(g->next + 1), 6);
	*q = '\0';
	g->next++;
	fmt_ymd(date, y, mo, d, DATE_DAY, false);
	day_to_ymd(day + 1, &y, &mo, &d);
	fmt_ymd(date2, y, mo, d, DATE_DAY, false);
	if (!demo_surname_variant(&m->sn, m->female, (int)demo_rng_below(&g->dr, 60),
	                          fam, sizeof fam))
		join(fam, sizeof fam, m->family, NULL, NULL, NULL);
	if ((v = demo_given_variant(&m->gn, demo_rng_below(&g->dr, 40))) != NULL)
		given = v;
	day_to_ymd(b, &y, &mo, &d);
	fmt_ymd(birth, y, mo, d,
	        demo_rng_below(&g->dr, 2) && year_end(b) <= g->today ? DATE_YEAR
	                                                            : DATE_DAY, false);
	join(notes, sizeof notes, "registered at the ", prov_name[prov], " office", NULL);
	memset(&p, 0, sizeof p);
	p.case_no = case_no;
	p.family_name = fam;
	p.given_names = given;
	p.sex = m->sex == 'F' ? "F" : m->sex == 'M' ? "M" : m->sex == 'X' ? "X" : "U";
	p.birth_date = birth;
	if (demo_rng_below(&g->dr, 3) == 0) {
		p.nationality = "XXX";
		p.claimed_nationality = country_code[m->nat];
	} else {
		p.nationality = country_code[m->nat];
		p.claimed_nationality = country_code[m->claimed];
	}
	p.ethnicity = m->ethnicity;
	p.languages = langps[m->lang].langs;
	p.interpreter_needed = langps[m->lang].interp ? "yes" : "no";
	p.category = category_name[m->category];
	p.notes = notes;
	if ((rc = g->sink->person(g->sink->ctx, &p)) != 0)
		return rc;
	memset(&ev, 0, sizeof ev);
	ev.case_no = case_no;
	ev.date = date;
	ev.kind = kind_name[K_APPREHENSION];
	ev.place = prov_police[prov];
	ev.country = "TUR";
	if ((rc = g->sink->event(g->sink->ctx, &ev)) != 0)
		return rc;
	ev.date = date2;
	ev.kind = kind_name[K_CUSTODY_RELEASE];
	return g->sink->event(g->sink->ctx, &ev);
}

static int
emit_unit(struct gen *g, int32_t now)
{
	int32_t offset = g->today - now;
	const struct member *first_son = NULL;
	int rc;

	for (int i = 1; i < g->nm; i++)
		if (g->m[i].role == R_CHILD && !g->m[i].female) {
			first_son = &g->m[i];
			break;
		}
	for (int i = 0; i < g->nm; i++) {
		struct member *m = &g->m[i];
		long serial = g->next;

		m->hostile = 0;
		if (g->opt->persons >= 1000) {
			long k = serial % HOSTILE_PERIOD;

			for (int h = 0; h < 4; h++)
				if (k == 600 + h * 1100)
					m->hostile = (uint8_t)(h + 1);
		}
		if (m->role == R_CHILD && m->camp_born)
			m->notes = "born in al-Hol camp; no birth registration";
		if (m->role == R_CHILD && m->nat != g->m[0].nat && m->claimed)
			m->notes = "born in Syria; parents of different nationalities";
		person_text(g, m, m->role == R_ADULT ? first_son : NULL);
		if ((rc = emit_person(g, m, offset)) != 0)
			return rc;
	}
	if ((rc = emit_relations(g)) != 0)
		return rc;
	/* about one adult in 150 registered twice, from a thousand persons
	 * up (smaller demo databases stay as they were) */
	for (int i = 0; i < g->nm && g->opt->persons >= 1000; i++)
		if (!g->m[i].minor && g->next < g->opt->persons &&
		    demo_rng_below(&g->dr, 1000) < 7 &&
		    (rc = emit_duplicate(g, &g->m[i], offset)) != 0)
			return rc;
	return 0;
}

int
demo_generate(const struct demo_options *opt, const struct demo_sink *sink)
{
	struct gen *g = calloc(1, sizeof *g);
	int rc = 0;

	if (!g)
		abort();
	demo_rng_seed(&g->r, opt->seed ^ 0x636173657061746cULL);
	demo_rng_seed(&g->dr, opt->seed ^ 0x6475706c69636174ULL);
	g->opt = opt;
	g->sink = sink;
	g->today = opt->today;
	g->d_ukraine = day_from_ymd(2022, 2, 24);
	g->max_now = opt->today - day_from_ymd(2012, 1, 1);
	if (g->max_now < 365)
		g->max_now = 365;
	while (rc == 0 && g->next < opt->persons) {
		int32_t now = build_unit(g, opt->persons - g->next);

		rc = emit_unit(g, now);
	}
	free(g);
	return rc;
}
