/* check_main.c: one runner for every libcheck suite under tests/.
 * The Makefile writes build/suites.h from the suite_NAME() functions it
 * finds, so adding a suite is adding a file. Fork mode stays on, so a
 * crash fails one test, not the run. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
#define ADD_SUITE(fn) srunner_add_suite(sr, fn());
	SUITES(ADD_SUITE)
#undef ADD_SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
