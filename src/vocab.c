/* vocab.c: the product's fixed words (DESIGN.md section 3). */
#include <stdio.h>
#include <string.h>

#include "casepath/vocab.h"

const char *const vocab_event_kinds[] = {
	/* entry */
	"border_crossing", "surrender_at_mission", "surrender_at_border",
	"entry_refused", "camp_admission",
	/* custody */
	"apprehension", "police_custody", "custody_extended", "custody_release",
	/* prosecution */
	"investigation_opened", "charge", "pretrial_detention",
	"judicial_control", "judicial_control_lifted", "hearing", "verdict",
	"sentence", "appeal_filed", "appeal_decided", "imprisonment",
	"conditional_release", "prison_release",
	/* measures */
	"security_code", "security_code_lifted", "red_notice",
	"electronic_monitoring", "travel_ban", "measure_lifted",
	/* removal */
	"removal_decision", "removal_notified", "challenge_filed",
	"challenge_decided", "removal_centre_admission",
	"removal_centre_transfer", "detention_extended",
	"removal_centre_release", "alternative_measure",
	"non_refoulement_assessment", "voluntary_return_form",
	"consular_visit", "travel_document", "dna_test", "removal_scheduled",
	/* outcomes */
	"deported", "voluntary_return", "third_country_removal", "repatriated",
	"released_to_community", "programme_start", "programme_end",
	"absconded", "re_detained", "deceased", "case_closed",
	"note",
	/* a supervisor's written decision to pass a guardrail */
	"override",
	NULL
};

const char *const vocab_relations[] = {
	"parent", "child", "spouse", "sibling", "guardian", "ward",
	"travel_companion", NULL
};

const char *const vocab_verifications[] = {
	"unverified", "documents", "dna_requested", "dna_confirmed",
	"dna_excluded", NULL
};

const char *const vocab_sexes[] = { "F", "M", "X", "U", NULL };

const char *const vocab_alias_types[] = {
	"unknown", "self", "document", "third_party", "transliteration", NULL
};

const char *const vocab_document_types[] = {
	"passport", "national_id", "travel_document", "birth_certificate",
	"residence_permit", "isis_issued", "other", NULL
};

const char *const vocab_document_statuses[] = {
	"unverified", "genuine", "forged", "expired", "seized", "revoked", NULL
};

const char *const vocab_stages[] = {
	"abroad", "entry", "custody", "investigation", "pretrial_detention",
	"judicial_control", "trial", "appeal", "prison", "released",
	"removal_centre", "alternative_measure", "removal_ordered",
	"challenge_pending", "removal_barred", "removal_arranging",
	"deported", "voluntary_return", "third_country", "repatriated",
	"community", "reintegration", "absconded", "deceased", "closed",
	NULL
};

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
