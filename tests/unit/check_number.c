/*
 * number: which JSON numbers EventBridge can compare, and their values.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "buf.h"
#include "number.h"
#include "unit.h"

Suite	*number_suite(void);

/* Numbers that are comparable, with the text strtod(3) must agree with. */
static const struct {
	const char	*text;
	const char	*value;
} comparable[] = {
	{ "300", "300" },
	{ "300.0", "300" },
	{ "3e2", "300" },
	{ "3E2", "300" },
	{ "3.00E+2", "300" },
	{ "30000e-2", "300" },
	{ "0.3e3", "300" },
	{ "-0", "0" },
	{ "-0.0", "0" },
	{ "0", "0" },
	{ "0.000", "0" },
	{ "0e999999", "0" },
	{ "-0E-5", "0" },
	{ "0.1", "0.1" },
	{ "-0.1", "-0.1" },
	{ "3.018e2", "301.8" },
	{ "301.8", "301.8" },
	{ "1E-320", "1E-320" },		/* subnormal, but exact in shortest form */
	{ "5e-324", "5e-324" },		/* the smallest double */
	{ "1.7976931348623157e308", "1.7976931348623157e308" },
	{ "-1.7976931348623157e308", "-1.7976931348623157e308" },
	{ "9007199254740992", "9007199254740992" },	/* 2^53 */
	{ "123456789012345", "123456789012345" },	/* 15 digits */
	{ "0.30000000000000004", "0.30000000000000004" },	/* 0.1 + 0.2 */
	{ "5000000000", "5e9" },
	{ "1e22", "1e22" },
	{ "0.0001", "1e-4" },
};

START_TEST(test_comparable)
{
	const char *s = comparable[_i].text;
	double v = -1, want = strtod(comparable[_i].value, NULL);

	ck_assert_msg(evb_number_comparable(s, strlen(s), &v),
	    "%s should be comparable", s);
	ck_assert_msg(v == want, "%s is %.17g, not %.17g", s, v, want);
	/* -0 is made +0. */
	if (v == 0)
		ck_assert_uint_eq(evb_number_key(v), evb_number_key(0.0));
}
END_TEST

/* Numbers EventBridge cannot compare: they only equal the same text. */
static const char *const incomparable[] = {
	"1E309",			/* infinite */
	"-1E309",
	"1e400",
	"1E-325",			/* underflows to 0 */
	"-1E-400",
	"9007199254740993",		/* 2^53 + 1 */
	"12345678901234567890",
	"0.30000000000000001",		/* reads back as 0.3 */
	"1.00000000000000001",
	"123456789012345678",
	"",
	"-",
	"abc",
	"1e",
	"0x10",
};

START_TEST(test_incomparable)
{
	const char *s = incomparable[_i];
	double v;

	ck_assert_msg(!evb_number_comparable(s, strlen(s), &v),
	    "%s should not be comparable", s);
}
END_TEST

/*
 * Very long texts: more significant digits than the parser keeps.  Extra
 * trailing zeros change nothing; an extra non-zero digit makes the number
 * one no double holds.
 */
START_TEST(test_long)
{
	struct evb_buf b = EVB_BUF_INIT;
	double v = -1;

	evb_buf_adds(&b, "0.1");
	for (int i = 0; i < 900; i++)
		evb_buf_addc(&b, '0');
	ck_assert(evb_number_comparable(b.p, b.len, &v));
	ck_assert(v == 0.1);
	evb_buf_addc(&b, '1');
	ck_assert_msg(!evb_number_comparable(b.p, b.len, &v),
	    "0.1000...0001 (%zu characters) is not 0.1", b.len);
	evb_buf_reset(&b);
	evb_buf_adds(&b, "1.");
	for (int i = 0; i < 2000; i++)
		evb_buf_addc(&b, '0');
	evb_buf_adds(&b, "e-1");
	ck_assert(evb_number_comparable(b.p, b.len, &v));
	ck_assert(v == 0.1);
	evb_buf_fini(&b);
}
END_TEST

/* Spellings of one number compare equal, and have one key. */
static const char *const groups[][6] = {
	{ "300", "300.0", "3e2", "3.00E+2", "3000e-1", NULL },
	{ "0", "-0", "0.0", "-0.0e3", "0E0", NULL },
	{ "0.1", "1e-1", "0.10", "10E-2", NULL },
	{ "301.8", "3.018e2", "3018e-1", NULL },
	{ "-5", "-5.0", "-0.5e1", NULL },
};

START_TEST(test_equal_spellings)
{
	double first = 0;

	for (size_t k = 0; groups[_i][k] != NULL; k++) {
		const char *s = groups[_i][k];
		double v;

		ck_assert_msg(evb_number_comparable(s, strlen(s), &v), "%s", s);
		if (k == 0)
			first = v;
		ck_assert_msg(v == first, "%s", s);
		ck_assert_uint_eq(evb_number_key(v), evb_number_key(first));
	}
	/* and differ from every other group */
	for (size_t g = 0; g < nitems(groups); g++) {
		double v;

		if (g == (size_t)_i)
			continue;
		ck_assert(evb_number_comparable(groups[g][0],
		    strlen(groups[g][0]), &v));
		ck_assert(evb_number_key(v) != evb_number_key(first));
	}
}
END_TEST

START_TEST(test_key)
{
	ck_assert_uint_eq(evb_number_key(-0.0), evb_number_key(0.0));
	ck_assert_uint_ne(evb_number_key(1.0), evb_number_key(-1.0));
	ck_assert_uint_ne(evb_number_key(DBL_MIN), evb_number_key(0.0));
	ck_assert_uint_eq(evb_number_key(300.0), evb_number_key(3e2));
}
END_TEST

/* The length is honoured: the text need not end where the number does. */
START_TEST(test_length)
{
	double v;

	ck_assert(evb_number_comparable("3001", 3, &v));
	ck_assert(v == 300);
	ck_assert(evb_number_comparable("1e3x", 3, &v));
	ck_assert(v == 1000);
	ck_assert(!evb_number_comparable("1e3x", 4, &v));
}
END_TEST

Suite *
number_suite(void)
{
	Suite *s = suite_create("number");
	TCase *tc = tcase_create("number");

	tcase_add_loop_test(tc, test_comparable, 0, nitems(comparable));
	tcase_add_loop_test(tc, test_incomparable, 0, nitems(incomparable));
	tcase_add_test(tc, test_long);
	tcase_add_loop_test(tc, test_equal_spellings, 0, nitems(groups));
	tcase_add_test(tc, test_key);
	tcase_add_test(tc, test_length);
	suite_add_tcase(s, tc);
	return s;
}
