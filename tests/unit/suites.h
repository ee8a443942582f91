/*
 * Every unit suite; a new tests/unit/check_<module>.c adds itself here.
 */
#ifndef EVB_SUITES_H
#define EVB_SUITES_H

#include <check.h>

Suite	*util_suite(void);
Suite	*buf_suite(void);
Suite	*arena_suite(void);
Suite	*lineio_suite(void);
Suite	*json_suite(void);
Suite	*jgen_suite(void);
Suite	*timefmt_suite(void);
Suite	*uuid_suite(void);
Suite	*entry_suite(void);
Suite	*reject_suite(void);
Suite	*claim_suite(void);
Suite	*put_suite(void);
Suite	*number_suite(void);
Suite	*ip_suite(void);
Suite	*wildcard_suite(void);
Suite	*casefold_suite(void);
Suite	*pattern_suite(void);
Suite	*value_suite(void);
Suite	*eval_suite(void);
Suite	*matcher_suite(void);
Suite	*ruleset_suite(void);
Suite	*jsonpath_suite(void);
Suite	*transform_suite(void);
Suite	*dlq_suite(void);
Suite	*schema_suite(void);

typedef Suite *(*evb_suite_fn)(void);

static const evb_suite_fn evb_suites[] = {
	util_suite,
	buf_suite,
	arena_suite,
	lineio_suite,
	json_suite,
	jgen_suite,
	timefmt_suite,
	uuid_suite,
	entry_suite,
	reject_suite,
	claim_suite,
	put_suite,
	jsonpath_suite,
	transform_suite,
	number_suite,
	ip_suite,
	wildcard_suite,
	casefold_suite,
	pattern_suite,
	value_suite,
	eval_suite,
	matcher_suite,
	ruleset_suite,
	dlq_suite,
	schema_suite,
	NULL
};

#endif
