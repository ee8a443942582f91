/*
 * Every unit suite; a new tests/unit/check_<module>.c adds itself here.
 */
#ifndef EVB_SUITES_H
#define EVB_SUITES_H

#include <check.h>

Suite	*util_suite(void);
Suite	*lineio_suite(void);
Suite	*json_suite(void);

typedef Suite *(*evb_suite_fn)(void);

static const evb_suite_fn evb_suites[] = {
	util_suite,
	lineio_suite,
	json_suite,
	NULL
};

#endif
