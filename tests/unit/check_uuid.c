/*
 * uuid: random version-4 UUIDs in canonical form.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "uuid.h"

Suite	*uuid_suite(void);

static const char variants[] = "89ab";

static void
check_form(const char *u)
{
	ck_assert_uint_eq(strlen(u), EVB_UUID_LEN);
	for (int i = 0; i < EVB_UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			ck_assert_int_eq(u[i], '-');
			continue;
		}
		ck_assert_msg(strchr("0123456789abcdef", u[i]) != NULL &&
		    u[i] != '\0', "%s: byte %d", u, i);
	}
	ck_assert_int_eq(u[14], '4');			/* version */
	ck_assert_ptr_nonnull(strchr(variants, u[19]));	/* variant */
}

static int
cmp(const void *a, const void *b)
{
	return memcmp(a, b, EVB_UUID_LEN + 1);
}

START_TEST(test_uuid_form)
{
	char u[EVB_UUID_LEN + 1];

	memset(u, 'x', sizeof(u));
	ck_assert_int_eq(evb_uuid4(u), 0);
	check_form(u);
}
END_TEST

/* 10000 ids (many refills of the random pool) are all different. */
START_TEST(test_uuid_distinct)
{
	const size_t n = 10000;
	char (*ids)[EVB_UUID_LEN + 1] = calloc(n, sizeof(*ids));
	unsigned seen19 = 0;

	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(evb_uuid4(ids[i]), 0);
		check_form(ids[i]);
		seen19 |= 1u << (strchr(variants, ids[i][19]) - variants);
	}
	/* All four variant digits turn up: the bits are random. */
	ck_assert_uint_eq(seen19, 0xf);
	qsort(ids, n, sizeof(*ids), cmp);
	for (size_t i = 1; i < n; i++)
		ck_assert_msg(cmp(ids[i - 1], ids[i]) != 0, "duplicate %s",
		    ids[i]);
	free(ids);
}
END_TEST

Suite *
uuid_suite(void)
{
	Suite *s = suite_create("uuid");
	TCase *tc = tcase_create("uuid");

	tcase_add_test(tc, test_uuid_form);
	tcase_add_test(tc, test_uuid_distinct);
	suite_add_tcase(s, tc);
	return s;
}
