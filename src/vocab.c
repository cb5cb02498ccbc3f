/* vocab.c: the product's fixed words (DESIGN.md section 3). */
#include <stdio.h>
#include <string.h>

#include "casepath/i18n.h"
#include "casepath/vocab.h"

/* TRANSLATORS: the V_ words below are stored identifiers shown to the
 * user; the context (msgctxt) says which list. They stay English in the
 * database and in CSV files; translate their display. Keep stages within
 * 15 columns (the list's Stage column) and event kinds within 26. */
const char *const vocab_event_kinds[] = {
	/* entry */
	V_("event", "border_crossing"), V_("event", "surrender_at_mission"), V_("event", "surrender_at_border"),
	V_("event", "entry_refused"), V_("event", "camp_admission"),
	/* custody */
	V_("event", "apprehension"), V_("event", "police_custody"), V_("event", "custody_extended"), V_("event", "custody_release"),
	/* prosecution */
	V_("event", "investigation_opened"), V_("event", "charge"), V_("event", "pretrial_detention"),
	V_("event", "judicial_control"), V_("event", "judicial_control_lifted"), V_("event", "hearing"), V_("event", "verdict"),
	V_("event", "sentence"), V_("event", "appeal_filed"), V_("event", "appeal_decided"), V_("event", "imprisonment"),
	V_("event", "conditional_release"), V_("event", "prison_release"),
	/* measures */
	V_("event", "security_code"), V_("event", "security_code_lifted"), V_("event", "red_notice"),
	V_("event", "electronic_monitoring"), V_("event", "travel_ban"), V_("event", "measure_lifted"),
	/* removal */
	V_("event", "removal_decision"), V_("event", "removal_notified"), V_("event", "challenge_filed"),
	V_("event", "challenge_decided"), V_("event", "removal_centre_admission"),
	V_("event", "removal_centre_transfer"), V_("event", "detention_extended"),
	V_("event", "removal_centre_release"), V_("event", "alternative_measure"),
	V_("event", "non_refoulement_assessment"), V_("event", "voluntary_return_form"),
	V_("event", "consular_visit"), V_("event", "travel_document"), V_("event", "dna_test"), V_("event", "removal_scheduled"),
	/* outcomes */
	V_("event", "deported"), V_("event", "voluntary_return"), V_("event", "third_country_removal"), V_("event", "repatriated"),
	V_("event", "released_to_community"), V_("event", "programme_start"), V_("event", "programme_end"),
	V_("event", "absconded"), V_("event", "re_detained"), V_("event", "deceased"), V_("event", "case_closed"),
	V_("event", "note"),
	/* a supervisor's written decision to pass a guardrail */
	V_("event", "override"),
	NULL
};

/* Outcomes the rules test and the demo writes (an event's outcome is
 * free text: a word not here is shown as written). */
const char *const vocab_outcomes[] = {
	V_("outcome", "risk"), V_("outcome", "no_risk"), V_("outcome", "signed"),
	V_("outcome", "acquitted"), V_("outcome", "convicted"), V_("outcome", "adjourned"),
	V_("outcome", "final hearing"), V_("outcome", "upheld"), V_("outcome", "overturned"),
	V_("outcome", "retrial"), V_("outcome", "rejected"),
	V_("outcome", "deportation ordered"), V_("outcome", "pending"),
	V_("outcome", "confirmed"), V_("outcome", "excluded"),
	V_("outcome", "care_arranged"), V_("outcome", "completed"),
	V_("outcome", "no travel document issued"),
	V_("outcome", "reintegrated with family"),
	V_("outcome", "origin country not cooperating"),
	V_("outcome", "paperwork incomplete"), NULL
};

const char *const vocab_relations[] = {
	V_("relation", "parent"), V_("relation", "child"), V_("relation", "spouse"), V_("relation", "sibling"), V_("relation", "guardian"), V_("relation", "ward"),
	V_("relation", "travel_companion"), NULL
};

const char *const vocab_verifications[] = {
	V_("verification", "unverified"), V_("verification", "documents"), V_("verification", "dna_requested"), V_("verification", "dna_confirmed"),
	V_("verification", "dna_excluded"), NULL
};

const char *const vocab_sexes[] = { V_("sex", "F"), V_("sex", "M"), V_("sex", "X"), V_("sex", "U"), NULL };

const char *const vocab_alias_types[] = {
	V_("alias_type", "unknown"), V_("alias_type", "self"), V_("alias_type", "document"), V_("alias_type", "third_party"), V_("alias_type", "transliteration"), NULL
};

const char *const vocab_document_types[] = {
	V_("document_type", "passport"), V_("document_type", "national_id"), V_("document_type", "travel_document"), V_("document_type", "birth_certificate"),
	V_("document_type", "residence_permit"), V_("document_type", "isis_issued"), V_("document_type", "other"), NULL
};

const char *const vocab_document_statuses[] = {
	V_("document_status", "unverified"), V_("document_status", "genuine"), V_("document_status", "forged"), V_("document_status", "expired"), V_("document_status", "seized"), V_("document_status", "revoked"), NULL
};

const char *const vocab_stages[] = {
	V_("stage", "abroad"), V_("stage", "entry"), V_("stage", "custody"), V_("stage", "investigation"), V_("stage", "pretrial_detention"),
	V_("stage", "judicial_control"), V_("stage", "trial"), V_("stage", "appeal"), V_("stage", "prison"), V_("stage", "released"),
	V_("stage", "removal_centre"), V_("stage", "alternative_measure"), V_("stage", "removal_ordered"),
	V_("stage", "challenge_pending"), V_("stage", "removal_barred"), V_("stage", "removal_arranging"),
	V_("stage", "deported"), V_("stage", "voluntary_return"), V_("stage", "third_country"), V_("stage", "repatriated"),
	V_("stage", "community"), V_("stage", "reintegration"), V_("stage", "absconded"), V_("stage", "deceased"), V_("stage", "closed"),
	NULL
};

/* The clocks' fixed names (rules files name them; marked for display). */
const char *const vocab_clocks[] = {
	V_("clock", "challenge_window"), V_("clock", "challenge_decision"),
	V_("clock", "admin_detention_initial"), V_("clock", "admin_detention_max"),
	V_("clock", "detention_review"), V_("clock", "judicial_control_max"),
	V_("clock", "custody_max"), V_("clock", "custody_absolute"),
	V_("clock", "sentence_end"), V_("clock", "conditional_release"),
	V_("clock", "measure_expiry"), V_("clock", "majority"),
	NULL
};

/* A clock's states as stored (deadline rows). */
const char *const vocab_clock_statuses[] = {
	V_("clock_status", "open"), V_("clock_status", "met"),
	V_("clock_status", "overdue"), V_("clock_status", "waived"),
	V_("clock_status", "lapsed"), NULL
};

static const char *
context_of(const char *const *list)
{
	static const struct { const char *const *list; const char *ctx; } map[] = {
		{ vocab_event_kinds, "event" }, { vocab_relations, "relation" },
		{ vocab_verifications, "verification" }, { vocab_sexes, "sex" },
		{ vocab_alias_types, "alias_type" },
		{ vocab_document_types, "document_type" },
		{ vocab_document_statuses, "document_status" },
		{ vocab_stages, "stage" }, { vocab_clocks, "clock" },
		{ vocab_clock_statuses, "clock_status" },
		{ vocab_outcomes, "outcome" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].list == list)
			return map[i].ctx;
	return NULL;
}

const char *
vocab_label(const char *const *list, const char *word)
{
	const char *ctx = context_of(list);

	if (!word || !*word || !ctx)
		return word ? word : "";
	return i18n_pgettext(ctx, word);
}

bool
vocab_country_shaped(const char *v)
{
	if (!v || strlen(v) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (v[i] < 'A' || v[i] > 'Z')
			return false;
	return true;
}

int
vocab_index(const char *const *list, const char *word)
{
	if (!word)
		return -1;
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

const char *
vocab_relation_inverse(const char *relation)
{
	static const char *const pairs[][2] = {
		{ "parent", "child" }, { "child", "parent" },
		{ "guardian", "ward" }, { "ward", "guardian" },
		{ "spouse", "spouse" }, { "sibling", "sibling" },
		{ "travel_companion", "travel_companion" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (relation && strcmp(pairs[i][0], relation) == 0)
			return pairs[i][1];
	return NULL;
}

char *
vocab_join(const char *const *list, char *buf, unsigned long len)
{
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (int i = 0; list[i] && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s",
		                 i ? ", " : "", list[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}
