/*
 * The unit test runner: every module's suite, one summary line.
 */
#include <stdlib.h>

#include <check.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; evb_suites[i] != NULL; i++)
		srunner_add_suite(sr, evb_suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
